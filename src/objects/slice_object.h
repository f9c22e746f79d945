// slice objects and the index arithmetic every sequence type shares. Immutable (OBJ-1).
#pragma once

#include "objects/object.h"

namespace pystm {

struct SliceObject : Object {
    Value m_start; // None when omitted
    Value m_stop;
    Value m_step;
    SliceObject(Type* t, Value start, Value stop, Value step)
        : Object(t), m_start(start), m_stop(stop), m_step(step) { }
};

extern Type slice_type;

SliceObject* slice_new(Value start, Value stop, Value step);
inline bool is_slice(Value v) { return v.is_object() && v.as_object()->m_type == &slice_type; }

// slice.indices(length) semantics: resolves [s] against a sequence of [length] items, clamping
// as CPython does (indices via __index__; ValueError "slice step cannot be zero"). Returns the
// number of items the slice selects.
int64_t slice_adjust(SliceObject* s, int64_t length, int64_t* start, int64_t* stop, int64_t* step);
// The same resolution with exact integers, for lengths beyond int64 (range objects) and
// slice.indices(); [length] must be a non-negative int.
void slice_indices_exact(SliceObject* s, Value length, Value* start, Value* stop, Value* step);
// The next index of a slice walk: [j] + [step] with wrap-around, which is well defined. The last
// step of a loop over the slice's items may leave the int64 range (l[::sys.maxsize]), but that
// index is never used.
inline int64_t slice_next(int64_t j, int64_t step)
{
    return static_cast<int64_t>(static_cast<uint64_t>(j) + static_cast<uint64_t>(step));
}

// Normalises a subscript index for a sequence of [length]: negative indices count from the end.
// Returns false if out of range (the caller raises IndexError with its type's message).
inline bool normalize_index(int64_t* i, int64_t length)
{
    if (*i < 0)
        *i += length;
    return *i >= 0 && *i < length;
}

} // namespace pystm
