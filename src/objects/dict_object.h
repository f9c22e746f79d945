// dict: an insertion-ordered hash table (CPython's compact layout). All access goes through the
// functions below, which place the STM barriers (objects/access.h). The layout is private to
// dict_object.cpp.
//
// Lookups may call __hash__ and __eq__ of keys, which may run Python code and mutate the dict;
// the implementation must stay memory-safe when that happens (CPython restarts the lookup).
#pragma once

#include "objects/access.h"
#include "objects/undo.h"

namespace pystm {

struct StrObject;
struct DictTable; // private
struct DictUndo; // private

struct TupleObject;

struct DictObject : Object {
    DictTable* m_table = nullptr; // C++ heap memory owned by the dict, freed by m_destroy
    uint64_t m_version = 0; // bumped on every structural mutation (caches, DICT-2)
    AttachedUndo<DictUndo> m_undo; // UNDO-4
    // DICT-9: the value stripes of a dict that transactions contended for (null until then): a
    // tuple of stripe objects (a power of two of them) whose STM headers stand for the values of the keys
    // whose hash selects them, so that transactions writing the values of different keys do not
    // conflict. Set once, under the dict's lock; never cleared except by the undo of that write.
    TupleObject* m_stripes = nullptr;
    // A hint, not transactional state (principle 6): a transaction aborted on this dict, so the
    // next one to write it gives it stripes.
    std::atomic<bool> m_contended { false };
    explicit DictObject(Type* t) : Object(t) { }
};

extern Type dict_stripe_type;
// Called by the interpreter after a transaction aborted on a conflict over [o]: if [o] is a dict
// (or one of its value stripes), its next writer gives it value stripes (DICT-9). Thread-safe.
void dict_note_conflict(Object* o);
// PYSTM_DICT_STRIPES=1 (tests): every dict and set written in a transaction gets stripes,
// contended or not.
extern bool g_dict_stripes_always;
// DICT-10: insertions of new keys into a striped dict are deferred to the attempt's commit (the
// interpreter's queue, vm/stm_client.cpp), so that attempts inserting different keys lock only
// the keys' stripes while they run; so are deletions (DICT-11) and the changes of striped sets
// (SET-6, SET-7). g_queue_keyed_change queues one: [value] is the value to store, null to add
// [key] to a set, or g_deleted_marker to delete it (false: make the change now);
// g_pending_lookup finds a queued change of [key] in [container] (its value slot, or null);
// dict_apply_insert and set_apply_add apply one, taking the container's lock.
extern bool (*g_queue_keyed_change)(Object* container, Value key, int64_t hash, Value value);
extern Value* (*g_pending_lookup)(Object* container, Value key, int64_t hash); // dicts and sets (SET-6)
// How many insertions the calling thread has queued (kept by vm/stm_client.cpp): key reads skip
// g_pending_lookup while it is 0.
extern constinit thread_local size_t t_queued_inserts;
// A filter over the calling thread's queued insertions by (container, hash), kept with the queue
// by vm/stm_client.cpp and cleared with it, so that a key read that finds no queued change of
// its key (nearly all) does not call g_pending_lookup.
inline constexpr size_t kPendingFilterBits = 4096;
extern constinit thread_local uint64_t t_pending_filter[kPendingFilterBits / 64];
inline size_t pending_bit(Object const* container, int64_t hash)
{
    uint64_t h = (static_cast<uint64_t>(hash) ^ reinterpret_cast<uintptr_t>(container))
        * 0x9E3779B97F4A7C15ull;
    return size_t(h >> 52); // kPendingFilterBits
}
// True if the calling thread may have queued a change of a key with [hash] in [container].
inline bool maybe_pending(Object const* container, int64_t hash)
{
    if (!t_queued_inserts)
        return false;
    size_t bit = pending_bit(container, hash);
    return (t_pending_filter[bit / 64] >> (bit % 64)) & 1;
}
void dict_apply_insert(DictObject* d, Value key, int64_t hash, Value value);

extern Type dict_type;

DictObject* dict_new();
inline bool is_dict(Value v) { return v.is_object() && v.as_object()->m_type->has_flag(TF_DICT_SUBCLASS); }

int64_t dict_size(DictObject* d);
// Value for [key], or null if absent. Raises TypeError for unhashable keys.
Value dict_get(DictObject* d, Value key);
// Fast path for str keys (attribute and global lookups): same result as dict_get.
Value dict_get_str(DictObject* d, StrObject* key);
Value dict_get_cstr(DictObject* d, char const* key);
void dict_set(DictObject* d, Value key, Value value);
void dict_set_str(DictObject* d, StrObject* key, Value value);
void dict_set_cstr(DictObject* d, char const* key, Value value);
// Removes [key]; returns its value, or null if it was absent (nothing raised).
Value dict_pop(DictObject* d, Value key);
void dict_clear(DictObject* d);
// Whether [d] is the __dict__ of a type that the type attribute cache has used (DICT-4).
bool dict_is_type_dict(DictObject const* d);
DictObject* dict_copy(DictObject* d);
// dict.update(other) for a dict or any mapping / iterable of pairs.
void dict_update(DictObject* d, Value other);
// Iteration in insertion order: start with *pos = 0; returns false when done. Safe against
// mutation (never reads freed memory); the caller checks m_version to raise RuntimeError.
bool dict_next(DictObject* d, int64_t* pos, Value* key, Value* value);
// dict_next() that also gives the key's stored hash (CPython's _PyDict_Next): set operations on
// dicts reuse it instead of hashing the key again.
bool dict_next_hashed(DictObject* d, int64_t* pos, Value* key, Value* value, int64_t* hash);
// dict_get() for a key whose hash the caller knows (CPython's _PyDict_GetItem_KnownHash).
Value dict_get_known_hash(DictObject* d, Value key, int64_t hash);

} // namespace pystm
