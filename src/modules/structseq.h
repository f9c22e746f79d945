// Struct sequences (CPython's PyStructSequence): tuple subclasses whose items are also named
// attributes, with reprs like "sys.version_info(major=3, minor=11, ...)". Used by sys
// (version_info, flags, float_info, int_info, hash_info, thread_info) and time (struct_time).
//
// An instance is a TupleObject whose m_size is the number of visible (sequence) fields; the
// remaining named-only fields (struct_time's tm_zone, tm_gmtoff) are stored after them in the
// same allocation. Immutable (OBJ-1).
#pragma once

#include "objects/object.h"
#include <cstddef>

namespace pystm {

struct StructSeqDesc {
    char const* module; // "sys"
    char const* name; // "version_info"
    char const* const* fields; // every field name, visible ones first; null-terminated
    int n_visible; // n_sequence_fields
    bool allow_new; // Python code may create instances (time.struct_time) or not (sys.flags)
    char const* doc = nullptr;
};

// Step 1 (from a setup_* hook, before finish_static_types()): lays out the static type [t].
void structseq_setup(Type* t, StructSeqDesc const* desc);
// Step 2 (from an init_* hook): name, field accessors, methods and class attributes.
void structseq_init(Type* t);
// A new instance of [t] with [n] items: all fields, or just the visible ones (the others None).
Value structseq_new(Type* t, Value const* items, size_t n);

} // namespace pystm
