// list: construction, indexing and slicing (get/set/delete, extended slices), methods,
// comparisons, repr, the forward and reverse iterators and the STM undo record. Sorting lives in
// list_sort.cpp.
//
// Every access to m_items goes through the accessors of list_object.h or places the barriers
// itself (STM-0). Any call that may run Python code (__eq__, __index__, iteration) can mutate the
// list, so loops re-read the size through list_size() on every step and never keep iterators or
// references into m_items across such calls.
//
// Undo (UNDO-4 of objects/undo.h). save() records the size; while the record is attached, every
// change of m_items after the write barrier first calls one of the list_note_* functions below:
//   LIST-1 An item below the record's low-water mark (the smallest size since save) is logged
//          before it is overwritten; items removed from the end below the mark are logged as they
//          go. Appends write above the mark and need no log. So truncating back to the saved size
//          and replaying the log in reverse gives the saved items.
//   LIST-2 The buffer that was current at save is never reallocated or freed while the record
//          logs: before a growth that needs a new buffer, and before an operation that moves or
//          rewrites items (insert or delete in the middle, slice assignment, sort, reverse, clear,
//          *=), the record takes that buffer and the list continues on a private copy (or an
//          empty buffer), unlogged. Concurrent readers can keep reading the saved buffer, and
//          restore() puts it back, still with room for the saved size.
//   LIST-3 list.append (the method) on a list that the running, restartable transaction does not
//          own is queued, not applied (g_defer_list_append, vm/stm_client.cpp): the attempt
//          applies its queued appends to a list, in order, before its next barrier on that list
//          (the read filter forgets the list, so that barrier takes the slow path), and all of
//          them when it commits or becomes inevitable. Threads appending to one list then hold
//          its lock only while they commit, and the appends land in commit order.
//   LIST-4 (objects/item_store.h) Readers that do not own the list read m_items only through
//          ItemStore's view() and at_racy(), which stay inside one live block, and validate
//          before they use what they read (STM-5); the owner uses it like a std::vector.
#include "objects/list_object.h"
#include "gc/heap.h"
#include "objects/access.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/richcompare.h"
#include "objects/slice_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include <algorithm>
#include <cstring>

namespace pystm {

bool (*g_defer_list_append)(ListObject* l, Value v) = nullptr; // LIST-3

Type list_type { &type_type };
static Type list_iterator_type { &type_type };
static Type list_reverseiterator_type { &type_type };

// Exact-list fast paths of the abstract protocol (api_sequence.cpp): list.__getitem__ and
// __setitem__ / __delitem__ ([v] null) without the method-call machinery.
Value list_subscript(ListObject* l, Value key);
void list_store_subscript(ListObject* l, Value key, Value v);

// --- STM undo record (UNDO-4, LIST-1, LIST-2) ----------------------------------------------------

struct ListUndo {
    ListObject* list;
    int64_t saved_len; // size at save
    int64_t min_len; // smallest size since save; items [min_len, saved_len) were logged (LIST-1)
    bool detached = false; // the saved buffer moved to [saved] (LIST-2); nothing more is logged
    std::vector<std::pair<int64_t, Value>> log; // (index, overwritten item), oldest first
    ItemStore saved; // once detached: the saved buffer, as it was then
};

namespace {

// LIST-2: the record takes the saved buffer; the list continues on a private copy with room for
// [reserve] items, or on an empty buffer if [copy] is false (the caller empties the list).
void list_undo_detach(ListObject* l, ListUndo* u, bool copy, size_t reserve)
{
    ItemStore fresh;
    if (copy) {
        fresh.reserve(std::max(reserve, l->m_items.size()));
        fresh.assign(l->m_items.begin(), l->m_items.end());
        gc::note_external_memory(static_cast<ptrdiff_t>(fresh.capacity() * sizeof(Value) + 64));
    }
    u->saved = std::move(l->m_items);
    l->m_items = std::move(fresh);
    u->detached = true;
    l->m_undo.detach(u);
}

// A log longer than the list costs more than one copy: switch to the copy, which bounds the
// record at O(n) whatever the transaction does.
void list_undo_bound(ListObject* l, ListUndo* u)
{
    if (PY_UNLIKELY(u->log.size() > std::max<size_t>(64, static_cast<size_t>(u->saved_len))))
        list_undo_detach(l, u, true, 0);
}

// Before the items [n, size) are removed from the end of [l] (LIST-1).
void list_note_truncate(ListObject* l, int64_t n)
{
    if (PY_LIKELY(!l->m_undo.present()))
        return;
    ListUndo* u = l->m_undo.get(l);
    if (!u || n >= u->min_len)
        return;
    for (int64_t i = n; i < u->min_len; i++)
        u->log.emplace_back(i, l->m_items[static_cast<size_t>(i)]);
    u->min_len = n;
    list_undo_bound(l, u);
}

} // namespace

void list_note_rewrite(ListObject* l, bool keep)
{
    if (PY_LIKELY(!l->m_undo.present()))
        return;
    if (ListUndo* u = l->m_undo.get(l))
        list_undo_detach(l, u, keep, 0);
}

void list_undo_note_set(ListObject* l, int64_t i)
{
    ListUndo* u = l->m_undo.get(l);
    if (!u || i >= u->min_len)
        return;
    u->log.emplace_back(i, l->m_items[static_cast<size_t>(i)]);
    list_undo_bound(l, u);
}

void list_make_room(ListObject* l, int64_t extra)
{
    auto& v = l->m_items;
    size_t need = v.size() + static_cast<size_t>(extra);
    if (need <= v.capacity())
        return;
    // Growth of the C++ item buffer counts towards the next collection (gc/heap.h).
    gc::note_external_memory(static_cast<ptrdiff_t>(v.capacity() * sizeof(Value) + 64));
    if (PY_UNLIKELY(l->m_undo.present()))
        if (ListUndo* u = l->m_undo.get(l))
            list_undo_detach(l, u, true, std::max(need, 2 * v.capacity()));
}

namespace {

// Whether the other operand's reflected method might handle this operation: only heap types
// (user classes) can; builtin types never accept a list or tuple, so CPython's sequence message
// is raised at once.
bool may_reflect(Value other, SpecialId id)
{
    Type* t = type_of(other);
    return t->has_flag(TF_HEAPTYPE) && t->special(id);
}

struct ListIterObject : Object {
    ListObject* m_seq; // null once exhausted
    int64_t m_index;
    ListIterObject(Type* t, ListObject* seq, int64_t index) : Object(t), m_seq(seq), m_index(index) { }
};

void list_trace(Object* o, gc::Tracer& tr)
{
    ItemStore const& items = static_cast<ListObject*>(o)->m_items;
    tr.visit_span(items.data(), items.size(), 1);
}

void list_destroy(Object* o)
{
    static_cast<ListObject*>(o)->m_items.~ItemStore(); // dead: nobody reads it (LIST-4)
}

void list_iter_trace(Object* o, gc::Tracer& tr)
{
    tr.visit(static_cast<ListIterObject*>(o)->m_seq);
}

ListObject* as_list(Value v) { return v.as<ListObject>(); }
bool is_exact_tuple(Value v) { return v.is_object() && v.as_object()->m_type == &tuple_type; }

// Replaces the items [lo, hi) of [l] by [items] (CPython's list_ass_slice for step 1).
void list_replace_range(ListObject* l, int64_t lo, int64_t hi, Value const* items, int64_t n)
{
    write_barrier(l);
    auto& v = l->m_items;
    int64_t size = static_cast<int64_t>(v.size());
    if (lo < 0)
        lo = 0;
    else if (lo > size)
        lo = size;
    if (hi < lo)
        hi = lo;
    else if (hi > size)
        hi = size;
    int64_t old = hi - lo;
    if (lo == size)
        list_make_room(l, n); // an append
    else if (hi == size && n == 0)
        list_note_truncate(l, lo);
    else
        list_note_rewrite(l);
    if (n > old)
        v.insert(v.begin() + hi, static_cast<size_t>(n - old), Value());
    else if (n < old)
        v.erase(v.begin() + lo + n, v.begin() + hi);
    for (int64_t i = 0; i < n; i++)
        v[static_cast<size_t>(lo + i)] = items[i];
}

// Appends the items of [src] to [r], a list nobody else sees yet, [times] times. [src] is read
// in place (LIST-4) and validated before the caller uses [r] (STM-5).
void append_items_of(ListObject* r, ListObject* src, int64_t times = 1)
{
    read_barrier(src);
    ItemStore::View v = src->m_items.view();
    for (int64_t k = 0; k < times; k++)
        r->m_items.insert(r->m_items.end(), v.items, v.items + v.size);
    read_validate_barrier(src);
}

// Items of an arbitrary iterable, as a rooted snapshot (CPython's PySequence_Fast).
// As CPython's, only exact lists and tuples are copied directly: a subclass may override
// __iter__ (issue 23757).
void collect_items(Value iterable, gc::RootedValues& out, char const* not_iterable_msg)
{
    if (is_exact_list(iterable)) {
        list_snapshot(as_list(iterable), out);
        return;
    }
    if (is_exact_tuple(iterable)) {
        TupleObject* t = iterable.as<TupleObject>();
        out.assign(t->items(), t->items() + t->m_size);
        return;
    }
    Value it;
    try {
        it = py_iter(iterable);
    } catch (PyError&) {
        if (not_iterable_msg && exception_matches(&exc::TypeError)) {
            take_exception();
            raise(&exc::TypeError, "%s", not_iterable_msg);
        }
        throw;
    }
    for (Value x; (x = iter_next_fast(it));)
        out.push_back(x);
}

std::string list_repr_text(ListObject* l)
{
    if (list_size(l) == 0)
        return "[]";
    ReprGuard guard(l);
    if (!guard.active())
        return "[...]";
    RecursionGuard rg(" while getting the repr of an object");
    std::string out = "[";
    for (int64_t i = 0; i < list_size(l); i++) {
        if (i)
            out += ", ";
        out += str_utf8(py_repr(list_get(l, i)));
    }
    out += "]";
    return out;
}

// The list is re-read at every step (see the top of this file).
struct ListItems {
    ListObject* m_list;
    int64_t size() const { return list_size(m_list); }
    Value item(int64_t i) const { return list_get(m_list, i); }
};

Value list_compare(ListObject* a, ListObject* b, CompareOp op)
{
    return sequence_compare(ListItems { a }, ListItems { b }, op, true);
}

Value list_richcompare(Value self, Value other, CompareOp op)
{
    if (!is_list(other))
        return Value(g_not_implemented);
    return list_compare(as_list(self), as_list(other), op);
}

Value l_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "list.__new__(X): X is not a type object");
    Type* cls = args[0].as<Type>();
    if (!cls->is_subtype(&list_type))
        raise(&exc::TypeError, "list.__new__(%s): %s is not a subtype of list", cls->name_str().c_str(),
            cls->name_str().c_str());
    return gc::make<ListObject>(cls);
}

Value l_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    // As CPython: keywords are refused unless a subclass defines its own __new__ (which may take
    // them; list.__init__ then ignores them).
    Type* cls = self.as_object()->m_type;
    bool own_new = cls != &list_type && cls->special(SP_new) != list_type.special(SP_new);
    if (kwnames && kwnames->m_size && !own_new)
        raise(&exc::TypeError, "list() takes no keyword arguments");
    if (nargs > 1)
        raise(&exc::TypeError, "list expected at most 1 argument, got %zu", nargs);
    ListObject* l = as_list(self);
    {
        write_barrier(l);
        list_note_rewrite(l, false);
        l->m_items.clear();
    }
    if (nargs == 1)
        list_extend(l, args[0]);
    return none();
}

Value l_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    return str_from_utf8(list_repr_text(as_list(self)));
}

Value l_len(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__len__", nargs, kw, 0, 0);
    return Value::small_int(list_size(as_list(self)));
}

Value l_contains(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__contains__", nargs, kw, 1, 1);
    ListObject* l = as_list(self);
    for (int64_t i = 0; i < list_size(l); i++)
        if (py_eq(list_get(l, i), args[0]))
            return py_bool(true);
    return py_bool(false);
}

Value l_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getitem__", nargs, kw, 1, 1);
    return list_subscript(as_list(self), args[0]);
}

Value list_subscript_impl(ListObject* l, Value key)
{
    if (key.is_small_int() || has_index(key)) {
        int64_t i = key.is_small_int() ? key.as_small_int() : subscript_index(key);
        if (!normalize_index(&i, list_size(l)))
            raise(&exc::IndexError, "list index out of range");
        return list_get(l, i);
    }
    if (is_slice(key)) {
        int64_t start, stop, step;
        int64_t n = slice_adjust(key.as<SliceObject>(), list_size(l), &start, &stop, &step);
        ListObject* r = list_new(n);
        read_barrier(l);
        // Another attempt may change [l] in place after list_size() (STM-5): the copy reads
        // only the items of one block (LIST-4), and the validation aborts a torn read.
        ItemStore::View v = l->m_items.view();
        if (step == 1) {
            size_t end = std::min(static_cast<size_t>(start + n), v.size);
            if (static_cast<size_t>(start) < end)
                r->m_items.assign(v.items + start, v.items + end);
        } else {
            for (int64_t i = 0, j = start; i < n && static_cast<size_t>(j) < v.size;
                 i++, j = slice_next(j, step))
                r->m_items.push_back(v.items[j]);
        }
        read_validate_barrier(l); // STM-5
        return r;
    }
    raise(&exc::TypeError, "list indices must be integers or slices, not %s", type_name(key).c_str());
}

// l[start:stop:step] = items[0:m], for the slice slice_adjust() gave (n items); [items] is a
// copy.
void assign_slice_items(ListObject* l, int64_t start, int64_t stop, int64_t step, int64_t n,
    Value const* items, int64_t m)
{
    if (step == 1) {
        list_replace_range(l, start, stop, items, m);
        return;
    }
    if (m != n)
        raise(&exc::ValueError,
            "attempt to assign sequence of size %lld to extended slice of size %lld",
            static_cast<long long>(m), static_cast<long long>(n));
    write_barrier(l);
    list_note_rewrite(l);
    for (int64_t i = 0, j = start; i < n; i++, j = slice_next(j, step))
        l->m_items[static_cast<size_t>(j)] = items[i];
}

constexpr size_t kStackSlice = 64;

void list_assign_slice(ListObject* l, SliceObject* s, Value v)
{
    int64_t start, stop, step;
    if (!v) { // deletion
        int64_t n = slice_adjust(s, list_size(l), &start, &stop, &step);
        if (n == 0)
            return;
        if (step < 0) {
            start = start + step * (n - 1);
            step = -step;
        }
        write_barrier(l);
        if (step == 1 && start + n == static_cast<int64_t>(l->m_items.size()))
            list_note_truncate(l, start);
        else
            list_note_rewrite(l);
        auto& items = l->m_items;
        if (step == 1) {
            items.erase(items.begin() + start, items.begin() + start + n);
            return;
        }
        size_t w = static_cast<size_t>(start);
        for (size_t r = static_cast<size_t>(start); r < items.size(); r++) {
            bool deleted = r >= static_cast<size_t>(start) && (r - start) % step == 0
                && (r - start) / step < static_cast<size_t>(n);
            if (!deleted)
                items[w++] = items[r];
        }
        items.resize(w);
        return;
    }
    if (v.is_object() && v.as_object()->m_type == &list_type && v.as<ListObject>() != l) {
        // A small exact list (the common l[i:j] = m[k::-1]) is copied onto the stack, where the
        // conservative scan keeps its items alive, instead of into a rooted vector: read in
        // place (LIST-4) and validated (STM-5) before [l] is locked. No Python code runs.
        auto* src = v.as<ListObject>();
        read_barrier(src);
        ItemStore::View sv = src->m_items.view();
        if (sv.size <= kStackSlice) {
            alignas(Value) unsigned char room[kStackSlice * sizeof(Value)]; // not zeroed
            auto* items = reinterpret_cast<Value*>(room);
            if (sv.size) // an empty list may have no block at all
                std::memcpy(static_cast<void*>(items), sv.items, sv.size * sizeof(Value));
            read_validate_barrier(src);
            int64_t n = slice_adjust(s, list_size(l), &start, &stop, &step);
            assign_slice_items(l, start, stop, step, n, items, static_cast<int64_t>(sv.size));
            return;
        }
    }
    slice_adjust(s, list_size(l), &start, &stop, &step);
    gc::RootedValues seq;
    // Assigning a list to a slice of itself must see the old contents.
    collect_items(v, seq, step == 1 ? "can only assign an iterable" : "must assign iterable to extended slice");
    int64_t n = slice_adjust(s, list_size(l), &start, &stop, &step);
    assign_slice_items(l, start, stop, step, n, seq.data(), static_cast<int64_t>(seq.size()));
}

void list_ass_item(ListObject* l, Value key, Value v)
{
    if (key.is_small_int() || has_index(key)) {
        int64_t i = key.is_small_int() ? key.as_small_int() : subscript_index(key);
        if (!normalize_index(&i, list_size(l)))
            raise(&exc::IndexError, "list assignment index out of range");
        if (v) {
            list_set(l, i, v);
        } else {
            write_barrier(l);
            if (i + 1 == static_cast<int64_t>(l->m_items.size()))
                list_note_truncate(l, i);
            else
                list_note_rewrite(l);
            l->m_items.erase(l->m_items.begin() + i);
        }
        return;
    }
    if (is_slice(key)) {
        list_assign_slice(l, key.as<SliceObject>(), v);
        return;
    }
    raise(&exc::TypeError, "list indices must be integers or slices, not %s", type_name(key).c_str());
}

Value l_setitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setitem__", nargs, kw, 2, 2);
    list_ass_item(as_list(self), args[0], args[1]);
    return none();
}

Value l_delitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__delitem__", nargs, kw, 1, 1);
    list_ass_item(as_list(self), args[0], Value());
    return none();
}

Value l_add(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__add__", nargs, kw, 1, 1);
    if (!is_list(args[0]) && may_reflect(args[0], SP_radd))
        return Value(g_not_implemented);
    if (!is_list(args[0]))
        raise(&exc::TypeError, "can only concatenate list (not \"%s\") to list", type_name(args[0]).c_str());
    ListObject* a = as_list(self);
    ListObject* b = as_list(args[0]);
    ListObject* r = list_new(list_size(a) + list_size(b));
    append_items_of(r, a);
    append_items_of(r, b);
    return r;
}

Value l_iadd(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__iadd__", nargs, kw, 1, 1);
    list_extend(as_list(self), args[0]);
    return self;
}

int64_t repeat_count(Value n)
{
    int64_t k = py_index_i64(n);
    return k < 0 ? 0 : k;
}

Value l_mul(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__mul__", nargs, kw, 1, 1);
    int64_t n = repeat_count(args[0]);
    ListObject* a = as_list(self);
    int64_t size = list_size(a);
    if (size && n > INT64_MAX / 16 / size)
        raise_memory_error();
    ListObject* r = list_new(size * n);
    append_items_of(r, a, n);
    return r;
}

Value l_imul(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__imul__", nargs, kw, 1, 1);
    if (!has_index(args[0]))
        return Value(g_not_implemented);
    int64_t n = repeat_count(args[0]);
    ListObject* a = as_list(self);
    int64_t size = list_size(a);
    write_barrier(a);
    if (n == 0 || size == 0) {
        list_note_rewrite(a, false);
        a->m_items.clear();
        return self;
    }
    list_note_rewrite(a);
    if (n > INT64_MAX / 16 / size)
        raise_memory_error();
    auto& items = a->m_items;
    items.reserve(static_cast<size_t>(size * n));
    for (int64_t k = 1; k < n; k++)
        for (int64_t i = 0; i < size; i++)
            items.push_back(items[static_cast<size_t>(i)]);
    return self;
}

Value l_append(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("append", nargs, kw, 1, 1);
    ListObject* l = as_list(self);
    if (PY_UNLIKELY(g_stm_active) && g_defer_list_append && g_defer_list_append(l, args[0]))
        return none(); // LIST-3
    list_append(l, args[0]);
    return none();
}

Value l_extend(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("extend", nargs, kw, 1, 1);
    list_extend(as_list(self), args[0]);
    return none();
}

Value l_insert(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("insert", nargs, kw, 2, 2);
    int64_t i = py_index_clamped(args[0]);
    ListObject* l = as_list(self);
    int64_t n = list_size(l);
    if (i < 0) {
        i += n;
        if (i < 0)
            i = 0;
    } else if (i > n) {
        i = n;
    }
    write_barrier(l);
    if (i == static_cast<int64_t>(l->m_items.size()))
        list_make_room(l, 1);
    else
        list_note_rewrite(l);
    l->m_items.insert(l->m_items.begin() + i, args[1]);
    return none();
}

Value l_pop(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("pop", nargs, kw, 0, 1);
    ListObject* l = as_list(self);
    int64_t i = -1;
    if (nargs == 1)
        i = py_index_i64(args[0]);
    int64_t n = list_size(l);
    if (n == 0)
        raise(&exc::IndexError, "pop from empty list");
    if (!normalize_index(&i, n))
        raise(&exc::IndexError, "pop index out of range");
    write_barrier(l);
    if (i + 1 == static_cast<int64_t>(l->m_items.size()))
        list_note_truncate(l, i);
    else
        list_note_rewrite(l);
    Value v = l->m_items[static_cast<size_t>(i)];
    l->m_items.erase(l->m_items.begin() + i);
    return v;
}

Value l_remove(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("remove", nargs, kw, 1, 1);
    ListObject* l = as_list(self);
    for (int64_t i = 0; i < list_size(l); i++) {
        Value x = list_get(l, i);
        if (py_eq(x, args[0])) {
            if (i < list_size(l)) {
                write_barrier(l);
                if (i + 1 == static_cast<int64_t>(l->m_items.size()))
                    list_note_truncate(l, i);
                else
                    list_note_rewrite(l);
                l->m_items.erase(l->m_items.begin() + i);
            }
            return none();
        }
    }
    raise(&exc::ValueError, "list.remove(x): x not in list");
}

Value l_index(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("index", nargs, kw, 1, 3);
    ListObject* l = as_list(self);
    auto conv = [](Value v) {
        if (!has_index(v))
            raise(&exc::TypeError, "slice indices must be integers or have an __index__ method");
        return py_index_clamped(v);
    };
    int64_t start = 0, stop = INT64_MAX;
    if (nargs > 1)
        start = conv(args[1]);
    if (nargs > 2)
        stop = conv(args[2]);
    int64_t n = list_size(l);
    if (start < 0) {
        start += n;
        if (start < 0)
            start = 0;
    }
    if (stop < 0) {
        stop += n;
        if (stop < 0)
            stop = 0;
    }
    for (int64_t i = start; i < stop && i < list_size(l); i++)
        if (py_eq(list_get(l, i), args[0]))
            return int_from_i64(i);
    raise(&exc::ValueError, "%s is not in list", repr_utf8(args[0]).c_str());
}

Value l_count(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("count", nargs, kw, 1, 1);
    ListObject* l = as_list(self);
    int64_t c = 0;
    for (int64_t i = 0; i < list_size(l); i++)
        if (py_eq(list_get(l, i), args[0]))
            c++;
    return int_from_i64(c);
}

Value l_clear(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("clear", nargs, kw, 0, 0);
    ListObject* l = as_list(self);
    write_barrier(l);
    list_note_rewrite(l, false);
    l->m_items.clear();
    return none();
}

Value l_copy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("copy", nargs, kw, 0, 0);
    ListObject* l = as_list(self);
    ListObject* r = list_new(list_size(l));
    append_items_of(r, l);
    return r;
}

Value l_reverse(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("reverse", nargs, kw, 0, 0);
    ListObject* l = as_list(self);
    write_barrier(l);
    list_note_rewrite(l);
    std::reverse(l->m_items.begin(), l->m_items.end());
    return none();
}

Value l_sort(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value out[2];
    parse_args("sort", args, nargs, kwnames, { "*", "key", "reverse" }, 0, out);
    Value key = out[0];
    if (key && is_none(key))
        key = Value();
    bool reverse = out[1] ? py_truthy(out[1]) : false;
    list_sort(as_list(self), key, reverse);
    return none();
}

Value l_iter(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__iter__", nargs, kw, 0, 0);
    return gc::make<ListIterObject>(&list_iterator_type, as_list(self), 0);
}

Value l_reversed(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reversed__", nargs, kw, 0, 0);
    ListObject* l = as_list(self);
    return gc::make<ListIterObject>(&list_reverseiterator_type, l, list_size(l) - 1);
}

Value l_class_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__class_getitem__", nargs, kw, 1, 1);
    return generic_alias_new(self, args[0]);
}

Value list_iternext(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* it = static_cast<ListIterObject*>(o);
    ListObject* l = it->m_seq;
    if (!l)
        return Value();
    if (PY_LIKELY(!g_stm_active)) { // STM-0
        if (static_cast<size_t>(it->m_index) < l->m_items.size())
            return l->m_items[static_cast<size_t>(it->m_index++)];
        it->m_seq = nullptr;
        return Value();
    }
    read_barrier(l);
    if (static_cast<size_t>(it->m_index) < l->m_items.size_racy()) {
        Value v = l->m_items.at_racy(static_cast<size_t>(it->m_index++)); // LIST-4
        read_validate_barrier(l); // STM-5
        return v;
    }
    read_validate_barrier(l); // STM-5: the end belongs to the same state
    it->m_seq = nullptr;
    return Value();
}

Value list_reviternext(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* it = static_cast<ListIterObject*>(o);
    ListObject* l = it->m_seq;
    if (!l)
        return Value();
    read_barrier(l);
    if (it->m_index >= 0 && static_cast<size_t>(it->m_index) < l->m_items.size_racy()) {
        Value v = l->m_items.at_racy(static_cast<size_t>(it->m_index--)); // LIST-4
        read_validate_barrier(l); // STM-5
        return v;
    }
    read_validate_barrier(l); // STM-5
    it->m_index = -1;
    it->m_seq = nullptr;
    return Value();
}

Value li_length_hint(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    auto* it = self.as<ListIterObject>();
    read_barrier(it);
    ListObject* l = it->m_seq;
    int64_t index = it->m_index;
    read_validate_barrier(it);
    if (!l)
        return Value::small_int(0);
    int64_t n = list_size(l) - index;
    return Value::small_int(n < 0 ? 0 : n);
}

Value lri_length_hint(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    auto* it = self.as<ListIterObject>();
    read_barrier(it);
    ListObject* l = it->m_seq;
    int64_t index = it->m_index;
    read_validate_barrier(it);
    if (!l || index >= list_size(l))
        return Value::small_int(0);
    return Value::small_int(index + 1);
}

// pickle: (iter, (list,), index) / (reversed, (list,), index), or (iter, ([],)) once exhausted,
// as CPython.
Value list_iter_reduce_general(Value self, bool forward)
{
    auto* it = self.as<ListIterObject>();
    read_barrier(it);
    ListObject* l = it->m_seq;
    int64_t index = it->m_index;
    read_validate_barrier(it);
    if (!l)
        return tuple_of({ builtin_iter_callable(), tuple_of({ Value(list_new()) }) });
    Value callable = forward ? builtin_iter_callable() : builtin_callable("reversed");
    return tuple_of({ callable, tuple_of({ Value(l) }), int_from_i64(index) });
}

Value li_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    return list_iter_reduce_general(self, true);
}

Value lri_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    return list_iter_reduce_general(self, false);
}

// The restored index is clamped to [0, len] (forward; len: exhausted) or [-1, len - 1] (reverse).
Value list_iter_setstate_general(Value self, Value state, bool forward)
{
    auto* it = self.as<ListIterObject>();
    read_barrier(it);
    ListObject* l = it->m_seq;
    if (!l) {
        iter_setstate_index(state, INT64_MIN, INT64_MAX); // the state is checked all the same
        return none();
    }
    int64_t n = list_size(l);
    int64_t index = forward ? iter_setstate_index(state, 0, n)
                            : iter_setstate_index(state, -1, n - 1);
    write_barrier(it);
    it->m_index = index;
    return none();
}

Value li_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    return list_iter_setstate_general(self, args[0], true);
}

Value lri_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    return list_iter_setstate_general(self, args[0], false);
}

const MethodDef list_methods[] = {
    { "__new__", l_new, METH_STATIC },
    { "__init__", l_init },
    { "__repr__", l_repr },
    { "__len__", l_len },
    { "__contains__", l_contains },
    { "__getitem__", l_getitem },
    { "__setitem__", l_setitem },
    { "__delitem__", l_delitem },
    { "__add__", l_add },
    { "__iadd__", l_iadd },
    { "__mul__", l_mul },
    { "__rmul__", l_mul },
    { "__imul__", l_imul },
    { "__iter__", l_iter },
    { "__reversed__", l_reversed },
    { "__class_getitem__", l_class_getitem, METH_CLASS },
    { "append", l_append },
    { "extend", l_extend },
    { "insert", l_insert },
    { "pop", l_pop },
    { "remove", l_remove },
    { "index", l_index },
    { "count", l_count },
    { "clear", l_clear },
    { "copy", l_copy },
    { "reverse", l_reverse },
    { "sort", l_sort },
    { nullptr, nullptr },
};

const MethodDef list_iter_methods[] = {
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", li_length_hint },
    { "__reduce__", li_reduce },
    { "__setstate__", li_setstate },
    { nullptr, nullptr },
};

const MethodDef list_reviter_methods[] = {
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", lri_length_hint },
    { "__reduce__", lri_reduce },
    { "__setstate__", lri_setstate },
    { nullptr, nullptr },
};

} // namespace

Value list_subscript(ListObject* l, Value key) { return list_subscript_impl(l, key); }
void list_store_subscript(ListObject* l, Value key, Value v) { list_ass_item(l, key, v); }

ListObject* list_new(int64_t reserve)
{
    auto* l = gc::make<ListObject>(&list_type);
    if (reserve > 0)
        l->m_items.reserve_new(static_cast<size_t>(reserve));
    return l;
}

ListObject* list_from(Value const* items, int64_t n)
{
    auto* l = gc::make<ListObject>(&list_type);
    l->m_items.assign(items, items + n);
    return l;
}

void list_extend(ListObject* l, Value iterable)
{
    // Exact lists and tuples only (and l.extend(l)): a subclass may override __iter__.
    if (is_exact_list(iterable) || is_exact_tuple(iterable) || iterable == Value(l)) {
        // Snapshot first: l.extend(l) must append the old items once.
        gc::RootedValues items;
        collect_items(iterable, items, nullptr);
        write_barrier(l);
        list_make_room(l, static_cast<int64_t>(items.size()));
        l->m_items.insert(l->m_items.end(), items.data(), items.data() + items.size());
        return;
    }
    // CPython asks a class-defined iterable for its length hint first (whose errors propagate);
    // the list grows as items come, so only the call matters. Builtin hints have no effects.
    if (type_of(iterable)->has_flag(TF_HEAPTYPE))
        length_hint(iterable, 8);
    Value it = py_iter(iterable);
    for (Value x; (x = iter_next_fast(it));)
        list_append(l, x);
}

void list_snapshot(ListObject* l, gc::RootedValues& out)
{
    read_barrier(l);
    ItemStore::View v = l->m_items.view(); // LIST-4
    out.assign(v.items, v.items + v.size);
    read_validate_barrier(l); // STM-5
}

void setup_list_types()
{
    init_static_type(&list_type, "list", nullptr, sizeof(ListObject), TF_BASETYPE | TF_LIST_SUBCLASS,
        list_trace, list_destroy);
    gc::register_parallel_destroy(list_destroy); // frees only the object's own storage (GC-12)
    init_static_type(&list_iterator_type, "list_iterator", nullptr, sizeof(ListIterObject), 0, list_iter_trace);
    init_static_type(&list_reverseiterator_type, "list_reverseiterator", nullptr, sizeof(ListIterObject), 0,
        list_iter_trace);
    list_iterator_type.m_iternext = list_iternext;
    list_reverseiterator_type.m_iternext = list_reviternext;
}

void init_list_types()
{
    add_methods(&list_type, list_methods);
    add_methods(&list_type, compare_methods<list_richcompare>);
    add_type_attr(&list_type, "__hash__", none());
    add_methods(&list_iterator_type, list_iter_methods);
    add_methods(&list_reverseiterator_type, list_reviter_methods);
}

// --- STM undo (objects/undo.h, UNDO-4) ----------------------------------------------------------

namespace {
void* list_undo_save(Object* o, Type*)
{
    auto* l = static_cast<ListObject*>(o);
    auto n = static_cast<int64_t>(l->m_items.size());
    auto* u = new ListUndo { l, n, n };
    l->m_undo.attach(l, u);
    return u;
}
void list_undo_restore(Object* o, Type*, void* r)
{
    auto* l = static_cast<ListObject*>(o);
    auto* u = static_cast<ListUndo*>(r);
    // LIST-2: the saved buffer was never reallocated, so it still has room for saved_len items.
    ItemStore& v = u->detached ? u->saved : l->m_items;
    v.resize(static_cast<size_t>(u->saved_len));
    for (size_t k = u->log.size(); k-- > 0;)
        v[static_cast<size_t>(u->log[k].first)] = u->log[k].second;
    u->log.clear();
    if (u->detached)
        l->m_items.swap(u->saved); // the attempt's buffer goes to the record, freed by drop
}
void list_undo_drop(void* r)
{
    auto* u = static_cast<ListUndo*>(r);
    u->list->m_undo.detach(u);
    // GC-9: other threads may still read the buffer that was the list's when the attempt began
    // (committed: the saved one; aborted: the attempt's, swapped in by restore).
    u->saved.retire();
    delete u;
}
void list_undo_trace(void* r, gc::Tracer& t)
{
    auto* u = static_cast<ListUndo*>(r);
    for (auto const& e : u->log)
        t.visit(e.second);
    for (Value v : u->saved)
        t.visit(v);
}
} // namespace

StmUndoOps const g_list_undo { list_undo_save, list_undo_restore, list_undo_drop, list_undo_trace, sizeof(ListObject) };

} // namespace pystm
