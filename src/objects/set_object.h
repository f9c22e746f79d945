// set and frozenset: hash tables with CPython's probing and resizing, so that iteration order of
// sets of ints, floats and tuples matches CPython exactly (tests print sets). frozenset is
// immutable (OBJ-1); set access goes through the barriers (objects/access.h).
#pragma once

#include "objects/access.h"
#include "objects/undo.h"

namespace pystm {

struct SetTable; // private
struct SetUndo; // private

struct SetObject : Object {
    SetTable* m_table = nullptr;
    int64_t m_hash_cache = -1; // frozenset only
    AttachedUndo<SetUndo> m_undo; // UNDO-4
    explicit SetObject(Type* t) : Object(t) { }
};

extern Type set_type;
extern Type frozenset_type;

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
