// range: an immutable arithmetic progression of ints (OBJ-1). start, stop, step and the length
// are ints of any size; the iterator has an int64 fast path (range_iterator) and a big-int one
// (longrange_iterator), as CPython.
#pragma once

#include "objects/object.h"

namespace pystm {

struct RangeObject : Object {
    Value m_start;
    Value m_stop;
    Value m_step; // never zero
    Value m_length; // number of items, >= 0
    RangeObject(Type* t, Value start, Value stop, Value step, Value length)
        : Object(t), m_start(start), m_stop(stop), m_step(step), m_length(length) { }
};

extern Type range_type;
extern Type slice_type;

inline bool is_range(Value v) { return v.is_object() && v.as_object()->m_type == &range_type; }
// range(start, stop, step) from three ints; ValueError "range() arg 3 must not be zero".
RangeObject* range_new(Value start, Value stop, Value step);

// The slice type's set-up steps (called by setup_range_types / init_range_types; bootstrap has
// no slice hook).
void setup_slice_type();
void init_slice_type();

} // namespace pystm
