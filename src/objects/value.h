// Value: the one word every Python value is passed around as.
//
//   bits ...xxxx1  small int: the value is (int64_t)bits >> 1, range [SMALL_MIN, SMALL_MAX]
//   bits ...xx000  pointer to an Object (8-aligned); 0 is the null Value, which never names a
//                  Python object and means "absent" (missing attribute, exhausted iterator,
//                  unset local). It is never visible to Python code.
//
// Small ints are immutable and need no barrier and no tracing. Everything else is an Object.
// Invariant VAL-1: an int value in [SMALL_MIN, SMALL_MAX] is always represented as a small int,
// never as a BigInt object, so equality of small ints is bit equality.
#pragma once

#include "base/common.h"

namespace pystm {

struct Object;

class Value {
public:
    static constexpr int64_t SMALL_MAX = (int64_t(1) << 61) - 1;
    static constexpr int64_t SMALL_MIN = -(int64_t(1) << 61);

    constexpr Value() : m_bits(0) { }
    Value(Object const* o) : m_bits(reinterpret_cast<uint64_t>(o)) { }

    static constexpr Value from_bits(uint64_t bits)
    {
        Value v;
        v.m_bits = bits;
        return v;
    }
    // [i] must lie in [SMALL_MIN, SMALL_MAX]; use int_from_i64() for arbitrary values.
    static constexpr Value small_int(int64_t i)
    {
        return from_bits((static_cast<uint64_t>(i) << 1) | 1);
    }
    static constexpr bool fits_small(int64_t i) { return i >= SMALL_MIN && i <= SMALL_MAX; }

    constexpr bool is_null() const { return m_bits == 0; }
    constexpr explicit operator bool() const { return m_bits != 0; }
    constexpr bool is_small_int() const { return m_bits & 1; }
    constexpr bool is_object() const { return m_bits != 0 && !(m_bits & 1); }
    constexpr int64_t as_small_int() const { return static_cast<int64_t>(m_bits) >> 1; }
    Object* as_object() const { return reinterpret_cast<Object*>(m_bits); }
    // Object pointer or nullptr for small ints and null.
    Object* object_or_null() const { return (m_bits & 1) ? nullptr : as_object(); }
    template <class T> T* as() const { return static_cast<T*>(as_object()); }
    constexpr uint64_t bits() const { return m_bits; }

    constexpr bool operator==(Value o) const { return m_bits == o.m_bits; } // identity ("is")
    constexpr bool operator!=(Value o) const { return m_bits != o.m_bits; }

private:
    uint64_t m_bits;
};

static_assert(sizeof(Value) == 8);

} // namespace pystm
