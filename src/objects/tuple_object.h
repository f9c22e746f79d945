// tuple: an immutable array of Values stored inline after the header (OBJ-1).
#pragma once

#include "objects/object.h"
#include <initializer_list>

namespace pystm {

struct TupleObject : Object {
    int64_t m_size;
    TupleObject(Type* t, int64_t n) : Object(t), m_size(n) { }
    Value* items() { return reinterpret_cast<Value*>(this + 1); }
    Value const* items() const { return reinterpret_cast<Value const*>(this + 1); }
    Value item(int64_t i) const { return items()[i]; }
};

extern Type tuple_type;

// A new tuple of [n] items, all null: the caller must fill every item before the tuple becomes
// visible to Python code.
TupleObject* tuple_new(int64_t n);
TupleObject* tuple_from(Value const* items, int64_t n);
TupleObject* tuple_of(std::initializer_list<Value> items);
TupleObject* tuple_empty(); // the shared ()
inline bool is_tuple(Value v) { return v.is_object() && v.as_object()->m_type->has_flag(TF_TUPLE_SUBCLASS); }
int64_t tuple_hash(TupleObject* t); // CPython 3.11's xxHash-based tuple hash

} // namespace pystm
