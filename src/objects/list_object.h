// list: a mutable, growable array of Values. All access to m_items goes through the functions
// below, which place the STM barriers (objects/access.h).
#pragma once

#include "gc/heap.h"
#include "objects/access.h"
#include <vector>

namespace pystm {

struct ListObject : Object {
    std::vector<Value> m_items;
    explicit ListObject(Type* t) : Object(t) { }
};

extern Type list_type;

ListObject* list_new(int64_t reserve = 0);
ListObject* list_from(Value const* items, int64_t n);
inline bool is_list(Value v) { return v.is_object() && v.as_object()->m_type->has_flag(TF_LIST_SUBCLASS); }

inline int64_t list_size(ListObject* l)
{
    read_barrier(l);
    return static_cast<int64_t>(l->m_items.size());
}
// [i] must be in range.
inline Value list_get(ListObject* l, int64_t i)
{
    read_barrier(l);
    Value v = l->m_items[static_cast<size_t>(i)];
    read_validate_barrier(l); // STM-5: the size checked by the caller and the item belong together
    return v;
}
inline void list_set(ListObject* l, int64_t i, Value v)
{
    write_barrier(l);
    l->m_items[static_cast<size_t>(i)] = v;
}
inline void list_append(ListObject* l, Value v)
{
    write_barrier(l);
    // Growth of the C++ item buffer counts towards the next collection (gc/heap.h).
    if (PY_UNLIKELY(l->m_items.size() == l->m_items.capacity()))
        gc::note_external_memory(static_cast<ptrdiff_t>(l->m_items.capacity() * sizeof(Value) + 64));
    l->m_items.push_back(v);
}
void list_extend(ListObject* l, Value iterable);
// Sorts in place: list.sort(key=, reverse=) semantics (stable; ValueError "list modified during
// sort" if the list changes during the sort).
void list_sort(ListObject* l, Value key, bool reverse);
namespace gc {
class RootedValues;
}
// Copies the items into [out] (a snapshot, for C++ code that may run Python code meanwhile).
void list_snapshot(ListObject* l, gc::RootedValues& out);

} // namespace pystm
