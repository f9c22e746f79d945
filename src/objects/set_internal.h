// The private layout of set and frozenset objects (set_object.h), shared by set_object.cpp and
// set_undo.cpp. Nothing else may include it: all other code goes through set_object.h.
#pragma once

#include "gc/heap.h"
#include "objects/set_object.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace pystm {

struct SetEntry {
    Value key;
    int64_t hash;
};

struct SetTable {
    uint64_t serial;
    int64_t mask;
    int64_t fill;
    int64_t used;
    int64_t finger; // where pop() starts looking
    SetEntry* entries() { return reinterpret_cast<SetEntry*>(this + 1); }
};

// The undo record of a set (UNDO-4, SET-4, SET-5).
struct SetUndo {
    SetObject* set;
    SetTable* table; // the table at save, or null
    int64_t fill, used, finger; // its header at save
    int64_t hash_cache;
    TupleObject* stripes; // m_stripes at save (SET-6)
    bool owned = false; // the set replaced [table]; the record frees it at drop (SET-5)
    std::vector<std::pair<int64_t, SetEntry>> log; // overwritten entries, oldest first
};

// Visits the keys of table [t] (a set's, or a copy in an undo record).
void trace_set_table(SetTable* t, gc::Tracer& tr);
// GC-9: a table detached from a set while other threads may still read it through a pointer
// loaded before the set was locked is released at the next collection (at once with the STM off).
void retire_table(SetTable* t);

} // namespace pystm
