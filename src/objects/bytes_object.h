// bytes (immutable, data inline after the header, NUL-terminated) and bytearray (mutable, accessed
// through the barriers of objects/access.h).
#pragma once

#include "objects/access.h"
#include "objects/byte_store.h"
#include <string>
#include <string_view>

namespace pystm {

struct BytesObject : Object {
    int64_t m_size;
    BytesObject(Type* t, int64_t n) : Object(t), m_size(n) { }
    uint8_t* data() { return reinterpret_cast<uint8_t*>(this + 1); }
    uint8_t const* data() const { return reinterpret_cast<uint8_t const*>(this + 1); }
    std::string_view view() const { return { reinterpret_cast<char const*>(data()), static_cast<size_t>(m_size) }; }
};

struct ByteArrayObject : Object {
    ByteStore m_bytes; // BYTES-1
    explicit ByteArrayObject(Type* t) : Object(t) { }
};

extern Type bytes_type;
extern Type bytearray_type;

BytesObject* bytes_new(std::string_view data);
BytesObject* bytes_alloc(int64_t n); // uninitialised contents; fill before publishing
inline bool is_bytes(Value v) { return v.is_object() && v.as_object()->m_type->has_flag(TF_BYTES_SUBCLASS); }
ByteArrayObject* bytearray_new(std::string_view data);
// bytearray's state accessors (bytearray.cpp): they place the barriers, and the reads validate
// what they read (STM-5). Code outside bytearray.cpp reads and writes a bytearray through them.
std::string bytearray_copy(ByteArrayObject* b);
int64_t bytearray_size(ByteArrayObject* b);
void bytearray_assign(ByteArrayObject* b, std::string_view data);
// repr() of bytes content with prefix b'...'.
std::string bytes_repr(std::string_view data);

} // namespace pystm
