// The private layout of dict objects (dict_object.h), shared by dict_object.cpp, dict_undo.cpp
// and dict_views.cpp. Nothing else may include it: all other code goes through dict_object.h.
#pragma once

#include "gc/heap.h"
#include "objects/access.h"
#include "objects/dict_object.h"
#include "objects/stripes.h"

#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

namespace pystm {

struct DictEntry {
    int64_t hash;
    Value key; // null: deleted
    Value value;
};

struct DictTable {
    uint64_t serial; // unique per table ever allocated (DICT-3)
    int64_t size; // index slots, a power of two >= 8
    int64_t capacity; // entry slots: 2/3 of size
    int64_t nentries; // entries used, including deleted ones
    int64_t used; // live items
    int64_t fill; // index slots that are not EMPTY (DICT-7)
    int32_t* indices() { return reinterpret_cast<int32_t*>(this + 1); }
    DictEntry* entries() { return reinterpret_cast<DictEntry*>(indices() + size); }
};

// The undo record of a dict (UNDO-4, DICT-5, DICT-6).
struct DictUndo {
    DictObject* dict;
    DictTable* table; // the table at save, or null
    TupleObject* stripes; // m_stripes at save (DICT-9)
    int64_t nentries, used, fill; // its header at save
    bool owned = false; // the dict replaced [table]; the record frees it at drop (DICT-6)
    uint64_t logged = 0; // entries 0..63 of [table] already in [entries]
    // DICT-8: a small table (instance dicts, most of all) is copied whole at save, into the
    // record itself, instead of being logged entry by entry: one copy is cheaper than a log
    // test on every write, and pooled records make it allocation-free.
    static constexpr int64_t SMALL_SIZE = 16; // index slots
    static constexpr int64_t SMALL_ENTRIES = 10;
    bool small = false;
    int32_t small_indices[SMALL_SIZE];
    DictEntry small_entries[SMALL_ENTRIES];
    std::vector<std::pair<int64_t, DictEntry>> entries; // overwritten entries, oldest first
    std::vector<std::pair<int64_t, int32_t>> slots; // overwritten index slots, oldest first
};

struct StripeUndo;

struct DictStripe : Object {
    DictObject* m_dict;
    AttachedUndo<StripeUndo> m_undo;
    DictStripe(Type* t, DictObject* d) : Object(t), m_dict(d) { }
};

// The stripe of the keys with [hash] (objects/stripes.h). [d]'s state must have been read.
inline DictStripe* stripe_of(DictObject* d, int64_t hash)
{
    return static_cast<DictStripe*>(stripe_at(d->m_stripes, hash));
}

// Before reading the value of an entry with [hash], after read_barrier(d): the stripe's read
// barrier (null when [d] has no stripes). Pair with value_read_end() after the read (STM-5).
inline DictStripe* value_read_begin(DictObject* d, int64_t hash)
{
    if (PY_LIKELY(!d->m_stripes))
        return nullptr;
    DictStripe* st = stripe_of(d, hash);
    read_barrier(st);
    return st;
}
inline void value_read_end(DictStripe* st)
{
    if (st)
        read_validate_barrier(st);
}

struct StripeUndo {
    DictStripe* stripe;
    struct Write {
        DictTable* table;
        int64_t ix;
        Value old;
    };
    std::vector<Write> log;
};

// The m_hash header word is unused by dicts (they are unhashable); this value in it marks the
// __dict__ of a type whose attributes the type attribute cache holds (DICT-4).
constexpr uint32_t TYPE_DICT_MARK = 0x54595045;

void type_dict_changed(); // type_object.cpp (TYPE-3)

// DICT-4: every change of a type's dict's items tells the type attribute cache.
inline void note_mutation(DictObject* d)
{
    if (PY_UNLIKELY(std::atomic_ref<uint32_t>(d->m_hash).load(std::memory_order_relaxed) == TYPE_DICT_MARK))
        type_dict_changed();
}

// A dict version no dict had before (DICT-2).
uint64_t dict_fresh_version(DictObject* d);
// Visits the keys and values of table [t] (a dict's, or a copy in an undo record).
void trace_table(DictTable* t, gc::Tracer& tr);
// GC-9: a table detached from a dict while other threads may still read it through a pointer
// they loaded before the dict was locked is released at the next collection (at once when the
// STM is off).
void retire_table(DictTable* t);

} // namespace pystm
