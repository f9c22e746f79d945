// list: a mutable, growable array of Values. All access to m_items goes through the functions
// below, which place the STM barriers (objects/access.h) and, while a transaction's undo record
// is attached, log what they overwrite (UNDO-4, list_object.cpp).
#pragma once

#include "gc/heap.h"
#include "objects/access.h"
#include "objects/item_store.h"
#include "objects/undo.h"

namespace pystm {

struct ListUndo; // private to list_object.cpp

struct ListObject : Object {
    ItemStore m_items; // LIST-4: other threads may read it in place
    AttachedUndo<ListUndo> m_undo; // UNDO-4
    explicit ListObject(Type* t) : Object(t) { }
};

// The logging parts of the accessors below, out of line: reached only while a record may be
// attached (UNDO-4). Before m_items[i] is overwritten:
void list_undo_note_set(ListObject* l, int64_t i);
// Before an append when the buffer is full: makes room, moving a saved buffer to the record.
void list_make_room(ListObject* l, int64_t extra);
// Before an operation that moves or rewrites items in place (sort, reverse, insert or delete in
// the middle, ...): the record takes the saved buffer and the list continues on a copy, or on an
// empty buffer if [keep] is false (the caller empties the list).
void list_note_rewrite(ListObject* l, bool keep = true);

extern Type list_type;

ListObject* list_new(int64_t reserve = 0);
ListObject* list_from(Value const* items, int64_t n);
inline bool is_list(Value v) { return v.is_object() && v.as_object()->m_type->has_flag(TF_LIST_SUBCLASS); }
inline bool is_exact_list(Value v) { return v.is_object() && v.as_object()->m_type == &list_type; }

inline int64_t list_size(ListObject* l)
{
    read_barrier(l);
    return static_cast<int64_t>(l->m_items.size_racy());
}
// [i] must be in range.
inline Value list_get(ListObject* l, int64_t i)
{
    if (PY_LIKELY(!g_stm_active)) // STM-0: one test, then the plain read
        return l->m_items[static_cast<size_t>(i)];
    read_barrier(l);
    Value v = l->m_items.at_racy(static_cast<size_t>(i)); // LIST-4
    read_validate_barrier(l); // STM-5: the size checked by the caller and the item belong together
    return v;
}
inline void list_set(ListObject* l, int64_t i, Value v)
{
    write_barrier(l);
    if (PY_UNLIKELY(l->m_undo.present()))
        list_undo_note_set(l, i);
    l->m_items[static_cast<size_t>(i)] = v;
}
inline void list_append(ListObject* l, Value v)
{
    write_barrier(l);
    // An append never overwrites a saved item (UNDO-4): only a reallocation needs the record.
    if (PY_UNLIKELY(l->m_items.size() == l->m_items.capacity()))
        list_make_room(l, 1);
    l->m_items.push_back(v);
}
void list_extend(ListObject* l, Value iterable);
// LIST-3: set by the interpreter while the STM is engaged; takes over a list.append call that
// it can apply later in the transaction, and returns false when the append must happen now.
extern bool (*g_defer_list_append)(ListObject* l, Value v);
// Sorts in place: list.sort(key=, reverse=) semantics (stable; ValueError "list modified during
// sort" if the list changes during the sort).
void list_sort(ListObject* l, Value key, bool reverse);
namespace gc {
class RootedValues;
}
// Copies the items into [out] (a snapshot, for C++ code that may run Python code meanwhile).
void list_snapshot(ListObject* l, gc::RootedValues& out);

} // namespace pystm
