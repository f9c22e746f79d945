// set and frozenset: hash tables with CPython's probing and resizing, so that iteration order of
// sets of ints, floats and tuples matches CPython exactly (tests print sets). frozenset is
// immutable (OBJ-1); set access goes through the barriers (objects/access.h).
#pragma once

#include "objects/access.h"
#include "objects/undo.h"

#include <atomic>

namespace pystm {

struct SetTable; // private
struct SetUndo; // private

struct TupleObject;

struct SetObject : Object {
    SetTable* m_table = nullptr;
    int64_t m_hash_cache = -1; // frozenset only
    AttachedUndo<SetUndo> m_undo; // UNDO-4
    // SET-6: the presence stripes of a set that transactions contended for (null until then), as
    // a dict's (DICT-9, DICT-10; objects/stripes.h). Set under the set's lock.
    TupleObject* m_stripes = nullptr;
    // A hint, not transactional state (principle 6): a transaction aborted on this set.
    std::atomic<bool> m_contended { false };
    explicit SetObject(Type* t) : Object(t) { }
};

extern Type set_type;
extern Type frozenset_type;
extern Type set_stripe_type;
// Called by the interpreter after a transaction aborted on a conflict over [o]: if [o] is a set,
// its next writer gives it stripes (SET-6). Thread-safe.
void set_note_conflict(Object* o);
// SET-6, SET-7: adding or removing an element of a striped set is queued until the attempt's
// commit (g_queue_keyed_change, dict_object.h), as dict insertions (DICT-10); set_apply_add
// applies one ([op]: null to add [key], g_deleted_marker to remove it), taking the set's lock.
void set_apply_add(SetObject* s, Value key, int64_t hash, Value op);

SetObject* set_new(Type* t = &set_type);
inline bool is_anyset(Value v)
{
    return v.is_object()
        && (v.as_object()->m_type->is_subtype(&set_type) || v.as_object()->m_type->is_subtype(&frozenset_type));
}
int64_t set_size(SetObject* s);
bool set_contains(SetObject* s, Value key);
void set_add(SetObject* s, Value key);
bool set_discard(SetObject* s, Value key);
// Iteration in table order: start with *pos = 0; false when done.
bool set_next(SetObject* s, int64_t* pos, Value* key);
// set_next() that also gives the key's stored hash.
bool set_next_hashed(SetObject* s, int64_t* pos, Value* key, int64_t* hash);

} // namespace pystm
