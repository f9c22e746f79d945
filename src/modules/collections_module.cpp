// The _collections module: deque (with its forward and reverse iterators), defaultdict,
// _count_elements and _tuplegetter. OrderedDict is left to collections/__init__.py's pure-Python
// implementation (CPython's fallback when _collections lacks it).
//
// Invariants: a deque's items live in a RingStore owned by the object (traced by its trace
// function, freed by m_destroy), written only after write_barrier on the deque (dq_write and
// dq_write_whole below). DEQUE-2: the undo record of a deque (objects/undo.h) logs the pushes
// and pops at its ends that the attempt makes, and its first change of any other kind copies
// the items; an abort assigns the copy back, then undoes the pushes and pops logged before it,
// newest first. readers read it in place after read_barrier, each read bounded by one block of the
// store (DEQUE-1, objects/ring_store.h) and followed by read_validate_barrier before the value is
// used (STM-5): the dq_size, dq_item, dq_state and dq_snapshot helpers below. m_state counts
// mutations: iterators and the searching methods (count, index, remove, comparisons) raise
// RuntimeError "deque mutated during iteration" when it moves while they run Python code, so no
// index is ever used after the storage changed.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/stdlib_core.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/richcompare.h"
#include "objects/ring_store.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include <algorithm>
#include <atomic>
#include <vector>

namespace pystm {

Type deque_type { &type_type };

namespace {

Type deque_iter_type { &type_type };
Type deque_reviter_type { &type_type };
Type defaultdict_type { &type_type };
Type tuplegetter_type { &type_type };

// --- deque ---------------------------------------------------------------------------------------

struct DequeUndo;

struct DequeObject : Object {
    RingStore m_items; // DEQUE-1: other threads may read it in place
    AttachedUndo<DequeUndo> m_undo; // DEQUE-2
    int64_t m_maxlen = -1; // -1: unbounded
    uint64_t m_state = 0; // read in place too: dq_state()
    explicit DequeObject(Type* t) : Object(t) { }
};

void deque_trace(Object* o, gc::Tracer& tr)
{
    static_cast<DequeObject*>(o)->m_items.for_each([&](Value v) { tr.visit(v); });
}
void deque_destroy(Object* o) { static_cast<DequeObject*>(o)->~DequeObject(); }

// DEQUE-2. Work queues hold many items and change at their ends: a log of those changes costs
// O(1) per change where a copy of the items costs O(n) per attempt. Any other change copies the
// items once (full), and the log stops there.
struct DequeUndo {
    enum Op : uint8_t { PushBack, PushFront, PopBack, PopFront };
    DequeObject* deque;
    int64_t maxlen;
    uint64_t state;
    bool full = false;
    std::vector<Value> items; // when full: the items at that moment
    std::vector<std::pair<Op, Value>> log; // before full: the changes at the ends, oldest first
};
void* deque_undo_save(Object* o, Type*)
{
    auto* d = static_cast<DequeObject*>(o);
    auto* u = new DequeUndo { d, d->m_maxlen, d->m_state, false, {}, {} };
    d->m_undo.attach(d, u);
    return u;
}
void deque_undo_restore(Object* o, Type*, void* rec)
{
    auto* d = static_cast<DequeObject*>(o);
    auto* u = static_cast<DequeUndo*>(rec);
    // assign() and the pops retire the blocks they replace rather than free them (DEQUE-1):
    // readers that passed the barrier before the lock may still be reading them.
    if (u->full)
        d->m_items.assign(u->items.data(), u->items.data() + u->items.size());
    for (size_t k = u->log.size(); k-- > 0;) {
        auto [op, v] = u->log[k];
        switch (op) {
        case DequeUndo::PushBack:
            d->m_items.pop_back();
            break;
        case DequeUndo::PushFront:
            d->m_items.pop_front();
            break;
        case DequeUndo::PopBack:
            d->m_items.push_back(v);
            break;
        case DequeUndo::PopFront:
            d->m_items.push_front(v);
            break;
        }
    }
    u->log.clear();
    d->m_maxlen = u->maxlen;
    std::atomic_ref<uint64_t>(d->m_state).store(u->state, std::memory_order_relaxed);
}
void deque_undo_drop(void* rec)
{
    auto* u = static_cast<DequeUndo*>(rec);
    u->deque->m_undo.detach(u);
    delete u;
}
void deque_undo_trace(void* rec, gc::Tracer& t)
{
    auto* u = static_cast<DequeUndo*>(rec);
    for (Value v : u->items)
        t.visit(v);
    for (auto const& e : u->log)
        t.visit(e.second);
}
StmUndoOps const s_deque_undo { deque_undo_save, deque_undo_restore, deque_undo_drop,
    deque_undo_trace, sizeof(DequeObject) };

// Before a push or pop at an end: the barrier, and the record that logs the change (null when
// there is none, or when it holds a copy already).
DequeUndo* dq_write(DequeObject* d)
{
    write_barrier(d);
    if (PY_LIKELY(!d->m_undo.present()))
        return nullptr;
    DequeUndo* u = d->m_undo.get(d);
    return u && !u->full ? u : nullptr;
}
void dq_log(DequeUndo* u, DequeUndo::Op op, Value v)
{
    if (u)
        u->log.emplace_back(op, v);
}
// Before any other change: the barrier, and the copy of the items if the record has none yet.
void dq_write_whole(DequeObject* d)
{
    if (DequeUndo* u = dq_write(d)) {
        u->full = true;
        u->items.reserve(d->m_items.size());
        d->m_items.for_each([&](Value v) { u->items.push_back(v); });
    }
}

DequeObject* as_deque(Value v) { return v.as<DequeObject>(); }
bool is_deque(Value v) { return v.is_object() && v.as_object()->m_type->is_subtype(&deque_type); }

// The readers of a deque's state (DEQUE-1): in place, then validated (STM-5). While the STM is
// off they read it directly (STM-0).
int64_t dq_size(DequeObject* d)
{
    if (PY_LIKELY(!g_stm_active))
        return static_cast<int64_t>(d->m_items.size());
    read_barrier(d);
    size_t n = d->m_items.size_racy();
    read_validate_barrier(d);
    return static_cast<int64_t>(n);
}
// Item [i]; the caller checked that i < dq_size(d) in this attempt.
Value dq_item(DequeObject* d, size_t i)
{
    if (PY_LIKELY(!g_stm_active))
        return d->m_items[i];
    read_barrier(d);
    Value v = d->m_items.at_racy(i);
    read_validate_barrier(d);
    return v;
}
uint64_t dq_state(DequeObject* d)
{
    if (PY_LIKELY(!g_stm_active))
        return d->m_state;
    read_barrier(d);
    uint64_t s = std::atomic_ref<uint64_t>(d->m_state).load(std::memory_order_relaxed);
    read_validate_barrier(d);
    return s;
}
// Appends the items to [out].
void dq_snapshot(DequeObject* d, gc::RootedValues& out)
{
    if (PY_LIKELY(!g_stm_active)) {
        d->m_items.copy_to(out);
        return;
    }
    read_barrier(d);
    d->m_items.copy_racy(out);
    read_validate_barrier(d);
}
// After a change of the items, by the deque's owner.
void dq_changed(DequeObject* d)
{
    std::atomic_ref<uint64_t>(d->m_state).store(d->m_state + 1, std::memory_order_relaxed);
}

void dq_append(DequeObject* d, Value v)
{
    DequeUndo* u = dq_write(d);
    if (d->m_maxlen == 0)
        return;
    dq_log(u, DequeUndo::PushBack, v);
    d->m_items.push_back(v);
    if (d->m_maxlen > 0 && static_cast<int64_t>(d->m_items.size()) > d->m_maxlen) {
        dq_log(u, DequeUndo::PopFront, d->m_items.front());
        d->m_items.pop_front();
    }
    dq_changed(d);
}
void dq_appendleft(DequeObject* d, Value v)
{
    DequeUndo* u = dq_write(d);
    if (d->m_maxlen == 0)
        return;
    dq_log(u, DequeUndo::PushFront, v);
    d->m_items.push_front(v);
    if (d->m_maxlen > 0 && static_cast<int64_t>(d->m_items.size()) > d->m_maxlen) {
        dq_log(u, DequeUndo::PopBack, d->m_items.back());
        d->m_items.pop_back();
    }
    dq_changed(d);
}
void dq_clear(DequeObject* d)
{
    dq_write_whole(d);
    d->m_items.clear();
    dq_changed(d);
}

[[noreturn]] void mutated() { raise(&exc::RuntimeError, "deque mutated during iteration"); }

// Takes the items of [iterable] first when it is the deque itself (d.extend(d)).
void dq_extend(DequeObject* d, Value iterable, bool left)
{
    gc::RootedValues items;
    if (iterable == Value(d)) {
        dq_snapshot(d, items);
        for (Value v : items)
            left ? dq_appendleft(d, v) : dq_append(d, v);
        return;
    }
    Value it = py_iter(iterable);
    for (;;) {
        Value v = iter_next_fast(it);
        if (!v)
            break;
        left ? dq_appendleft(d, v) : dq_append(d, v);
    }
}

Value dq_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs < 1 || !is_type(args[0]) || !args[0].as<Type>()->is_subtype(&deque_type))
        raise(&exc::TypeError, "deque.__new__(X): X is not a subtype of deque");
    return gc::make<DequeObject>(args[0].as<Type>());
}

Value dq_init(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("deque", args, nargs, kw, { "iterable", "maxlen" }, 0, a);
    DequeObject* d = as_deque(self);
    int64_t maxlen = -1;
    if (a[1] && !is_none(a[1])) {
        maxlen = py_index_i64(a[1]);
        if (maxlen < 0)
            raise(&exc::ValueError, "maxlen must be non-negative");
    }
    dq_write(d); // the record saved maxlen
    d->m_maxlen = maxlen;
    if (dq_size(d) > 0)
        dq_clear(d);
    if (a[0])
        dq_extend(d, a[0], false);
    return none();
}

#define DQ_FN(name) Value name(Value self, Value const* args, size_t nargs, TupleObject* kw)

DQ_FN(dq_append_m)
{
    check_nargs("append", nargs, kw, 1, 1);
    dq_append(as_deque(self), args[0]);
    return none();
}
DQ_FN(dq_appendleft_m)
{
    check_nargs("appendleft", nargs, kw, 1, 1);
    dq_appendleft(as_deque(self), args[0]);
    return none();
}
DQ_FN(dq_extend_m)
{
    check_nargs("extend", nargs, kw, 1, 1);
    dq_extend(as_deque(self), args[0], false);
    return none();
}
DQ_FN(dq_extendleft_m)
{
    check_nargs("extendleft", nargs, kw, 1, 1);
    dq_extend(as_deque(self), args[0], true);
    return none();
}
DQ_FN(dq_pop)
{
    check_nargs("pop", nargs, kw, 0, 0);
    DequeObject* d = as_deque(self);
    DequeUndo* u = dq_write(d);
    if (d->m_items.empty())
        raise(&exc::IndexError, "pop from an empty deque");
    Value v = d->m_items.back();
    dq_log(u, DequeUndo::PopBack, v);
    d->m_items.pop_back();
    dq_changed(d);
    return v;
}
DQ_FN(dq_popleft)
{
    check_nargs("popleft", nargs, kw, 0, 0);
    DequeObject* d = as_deque(self);
    DequeUndo* u = dq_write(d);
    if (d->m_items.empty())
        raise(&exc::IndexError, "pop from an empty deque");
    Value v = d->m_items.front();
    dq_log(u, DequeUndo::PopFront, v);
    d->m_items.pop_front();
    dq_changed(d);
    return v;
}
DQ_FN(dq_clear_m)
{
    check_nargs("clear", nargs, kw, 0, 0);
    dq_clear(as_deque(self));
    return none();
}
Value dq_copy_of(Value self)
{
    DequeObject* d = as_deque(self);
    Type* t = d->m_type;
    if (t == &deque_type) {
        gc::RootedValues items;
        dq_snapshot(d, items);
        auto* c = gc::make<DequeObject>(&deque_type);
        c->m_items.assign(items.data(), items.data() + items.size());
        c->m_maxlen = d->m_maxlen; // set by __init__ only, before the deque is shared
        return c;
    }
    if (d->m_maxlen < 0)
        return py_call1(t, self);
    Value args[2] = { self, int_from_i64(d->m_maxlen) };
    return py_call(t, args, 2);
}
DQ_FN(dq_copy)
{
    check_nargs("copy", nargs, kw, 0, 0);
    return dq_copy_of(self);
}
// The search of count, index, remove and __contains__: compares the items [lo, hi) with [x] in
// order and calls [on_equal](i) for each equal one, until it returns true; returns that index,
// or -1. The comparisons may run Python code that changes the deque: then it raises
// RuntimeError (IndexError for [removing], as CPython's remove()).
template <class F>
int64_t dq_scan(DequeObject* d, Value x, size_t lo, size_t hi, F on_equal, bool removing = false)
{
    uint64_t state = dq_state(d);
    hi = std::min(hi, static_cast<size_t>(dq_size(d))); // the bounds' __index__ may have run code
    for (size_t i = lo; i < hi; i++) {
        bool eq = py_eq(dq_item(d, i), x);
        if (dq_state(d) != state)
            raise(
                removing ? &exc::IndexError : &exc::RuntimeError, "deque mutated during iteration");
        if (eq && on_equal(i))
            return static_cast<int64_t>(i);
    }
    return -1;
}
DQ_FN(dq_count)
{
    check_nargs("count", nargs, kw, 1, 1);
    DequeObject* d = as_deque(self);
    int64_t n = 0;
    dq_scan(d, args[0], 0, SIZE_MAX, [&](size_t) {
        n++;
        return false;
    });
    return int_from_i64(n);
}
DQ_FN(dq_index)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "index() takes no keyword arguments");
    if (nargs < 1 || nargs > 3)
        raise(&exc::TypeError, "index expected %s, got %zu", nargs < 1 ? "at least 1 argument" : "at most 3 arguments",
            nargs);
    DequeObject* d = as_deque(self);
    int64_t n = dq_size(d);
    int64_t start = 0, stop = n;
    if (nargs > 1)
        start = py_index_clamped(args[1]);
    if (nargs > 2)
        stop = py_index_clamped(args[2]);
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
    if (stop > n)
        stop = n;
    if (start < stop) {
        int64_t i = dq_scan(d, args[0], static_cast<size_t>(start), static_cast<size_t>(stop),
            [](size_t) { return true; });
        if (i >= 0)
            return int_from_i64(i);
    }
    raise(&exc::ValueError, "%s is not in deque", repr_utf8(args[0]).c_str());
}
DQ_FN(dq_insert)
{
    check_nargs("insert", nargs, kw, 2, 2);
    DequeObject* d = as_deque(self);
    int64_t i = py_index_clamped(args[0]);
    int64_t n = dq_size(d);
    if (d->m_maxlen >= 0 && n >= d->m_maxlen)
        raise(&exc::IndexError, "deque already at its maximum size");
    if (i < 0) {
        i += n;
        if (i < 0)
            i = 0;
    }
    if (i > n)
        i = n;
    dq_write_whole(d);
    d->m_items.insert(static_cast<size_t>(i), args[1]);
    dq_changed(d);
    return none();
}
DQ_FN(dq_remove)
{
    check_nargs("remove", nargs, kw, 1, 1);
    DequeObject* d = as_deque(self);
    int64_t i = dq_scan(
        d, args[0], 0, SIZE_MAX, [](size_t) { return true; }, true);
    if (i < 0)
        raise(&exc::ValueError, "%s is not in deque", repr_utf8(args[0]).c_str());
    dq_write_whole(d);
    d->m_items.erase(static_cast<size_t>(i));
    dq_changed(d);
    return none();
}
DQ_FN(dq_reverse)
{
    check_nargs("reverse", nargs, kw, 0, 0);
    DequeObject* d = as_deque(self);
    dq_write_whole(d);
    d->m_items.reverse();
    dq_changed(d);
    return none();
}
DQ_FN(dq_rotate)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "rotate() takes no keyword arguments");
    if (nargs > 1)
        raise(&exc::TypeError, "rotate expected at most 1 argument, got %zu", nargs);
    int64_t k = nargs ? py_index_i64(args[0]) : 1;
    DequeObject* d = as_deque(self);
    dq_write_whole(d);
    int64_t n = static_cast<int64_t>(d->m_items.size());
    if (n <= 1)
        return none();
    k %= n;
    if (k < 0)
        k += n;
    if (k)
        d->m_items.rotate(static_cast<size_t>(k));
    dq_changed(d);
    return none();
}
DQ_FN(dq_len)
{
    check_nargs("__len__", nargs, kw, 0, 0);
    return int_from_i64(dq_size(as_deque(self)));
}
DQ_FN(dq_bool)
{
    check_nargs("__bool__", nargs, kw, 0, 0);
    return py_bool(dq_size(as_deque(self)) != 0);
}
int64_t dq_norm_index(DequeObject* d, Value key)
{
    if (!has_index(key))
        raise(&exc::TypeError, "sequence index must be integer, not '%s'", type_name(key).c_str());
    int64_t i = subscript_index(key);
    int64_t n = dq_size(d);
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        raise(&exc::IndexError, "deque index out of range");
    return i;
}
DQ_FN(dq_getitem)
{
    check_nargs("__getitem__", nargs, kw, 1, 1);
    DequeObject* d = as_deque(self);
    int64_t i = dq_norm_index(d, args[0]);
    return dq_item(d, static_cast<size_t>(i));
}
DQ_FN(dq_setitem)
{
    check_nargs("__setitem__", nargs, kw, 2, 2);
    DequeObject* d = as_deque(self);
    int64_t i = dq_norm_index(d, args[0]);
    dq_write_whole(d);
    d->m_items[static_cast<size_t>(i)] = args[1];
    return none();
}
DQ_FN(dq_delitem)
{
    check_nargs("__delitem__", nargs, kw, 1, 1);
    DequeObject* d = as_deque(self);
    int64_t i = dq_norm_index(d, args[0]);
    dq_write_whole(d);
    d->m_items.erase(static_cast<size_t>(i));
    dq_changed(d);
    return none();
}
DQ_FN(dq_contains)
{
    check_nargs("__contains__", nargs, kw, 1, 1);
    int64_t i = dq_scan(as_deque(self), args[0], 0, SIZE_MAX, [](size_t) { return true; });
    return py_bool(i >= 0);
}
DQ_FN(dq_repr)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    DequeObject* d = as_deque(self);
    std::string name = str_utf8(d->m_type->m_name);
    ReprGuard guard(d);
    if (!guard.active())
        return str_from_ascii("[...]");
    gc::RootedValues items;
    dq_snapshot(d, items);
    std::string s = name + "([";
    for (size_t i = 0; i < items.size(); i++) {
        if (i)
            s += ", ";
        s += repr_utf8(items[i]);
    }
    s += "]";
    read_barrier(d);
    if (d->m_maxlen >= 0)
        s += ", maxlen=" + std::to_string(d->m_maxlen);
    return str_from_utf8(s + ")");
}
Value dq_compare(Value self, Value other, CompareOp op)
{
    if (!is_deque(other))
        return Value(g_not_implemented);
    gc::RootedValues a, b;
    DequeObject* x = as_deque(self);
    DequeObject* y = as_deque(other);
    dq_snapshot(x, a);
    dq_snapshot(y, b);
    return sequence_compare(ItemSpan { a.data(), static_cast<int64_t>(a.size()) },
        ItemSpan { b.data(), static_cast<int64_t>(b.size()) }, op, true);
}
DQ_FN(dq_iadd)
{
    check_nargs("__iadd__", nargs, kw, 1, 1);
    dq_extend(as_deque(self), args[0], false);
    return self;
}
DQ_FN(dq_add)
{
    check_nargs("__add__", nargs, kw, 1, 1);
    if (!is_deque(args[0]))
        raise(&exc::TypeError, "can only concatenate deque (not \"%s\") to deque", type_name(args[0]).c_str());
    Value c = dq_copy_of(self);
    dq_extend(as_deque(c), args[0], false);
    return c;
}
void dq_inplace_repeat(DequeObject* d, int64_t n)
{
    dq_write_whole(d);
    if (n <= 0 || d->m_items.empty()) {
        d->m_items.clear();
        dq_changed(d);
        return;
    }
    gc::RootedValues orig;
    d->m_items.copy_to(orig);
    size_t limit = d->m_maxlen >= 0 ? static_cast<size_t>(d->m_maxlen) : SIZE_MAX;
    if (orig.size() * static_cast<size_t>(n) / static_cast<size_t>(n) != orig.size()
        || (limit == SIZE_MAX && orig.size() * static_cast<size_t>(n) > (size_t(1) << 40)))
        raise_memory_error();
    for (int64_t k = 1; k < n; k++) {
        for (Value v : orig)
            d->m_items.push_back(v);
        while (d->m_items.size() > limit)
            d->m_items.pop_front();
    }
    dq_changed(d);
}
DQ_FN(dq_imul)
{
    check_nargs("__imul__", nargs, kw, 1, 1);
    dq_inplace_repeat(as_deque(self), py_index_i64(args[0]));
    return self;
}
DQ_FN(dq_mul)
{
    check_nargs("__mul__", nargs, kw, 1, 1);
    if (!has_index(args[0]))
        return Value(g_not_implemented);
    Value c = dq_copy_of(self);
    dq_inplace_repeat(as_deque(c), py_index_i64(args[0]));
    return c;
}
DQ_FN(dq_reduce)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    DequeObject* d = as_deque(self);
    // The state is __getstate__()'s, as CPython's _PyObject_GetState: the instance dict and the
    // __slots__ values of a subclass.
    Value state = py_call_method(self, names::__getstate__, nullptr, 0);
    Value it = py_iter(self);
    read_barrier(d);
    Value cargs = d->m_maxlen < 0 ? Value(tuple_empty()) : Value(tuple_of({ tuple_empty(), int_from_i64(d->m_maxlen) }));
    return tuple_of({ Value(d->m_type), cargs, state, it });
}
Value dq_maxlen_get(Value self)
{
    DequeObject* d = as_deque(self);
    read_barrier(d);
    return d->m_maxlen < 0 ? none() : int_from_i64(d->m_maxlen);
}
DQ_FN(class_getitem)
{
    check_nargs("__class_getitem__", nargs, kw, 1, 1);
    return generic_alias_new(self, args[0]);
}

struct DequeIterObject : Object {
    DequeObject* m_deque;
    int64_t m_index; // next position (reverse: counts down)
    uint64_t m_state;
    int64_t m_remaining;
    DequeIterObject(Type* t, DequeObject* d, int64_t i, uint64_t s, int64_t rem)
        : Object(t), m_deque(d), m_index(i), m_state(s), m_remaining(rem) { }
};
void dqiter_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<DequeIterObject*>(o)->m_deque); }
Value dqiter_next(Object* o)
{
    auto* it = static_cast<DequeIterObject*>(o);
    write_barrier(it);
    DequeObject* d = it->m_deque;
    if (!d)
        return Value();
    if (dq_state(d) != it->m_state) {
        it->m_remaining = 0;
        mutated();
    }
    // The deque stays referenced once exhausted: __reduce__ names it, as CPython's does.
    if (it->m_remaining <= 0)
        return Value();
    Value v = dq_item(d, static_cast<size_t>(it->m_index));
    it->m_index += it->m_type == &deque_reviter_type ? -1 : 1;
    it->m_remaining--;
    return v;
}
DQ_FN(dq_iter)
{
    check_nargs("__iter__", nargs, kw, 0, 0);
    DequeObject* d = as_deque(self);
    uint64_t state = dq_state(d);
    return gc::make<DequeIterObject>(&deque_iter_type, d, 0, state, dq_size(d));
}
DQ_FN(dq_reversed)
{
    check_nargs("__reversed__", nargs, kw, 0, 0);
    DequeObject* d = as_deque(self);
    uint64_t state = dq_state(d);
    int64_t n = dq_size(d);
    return gc::make<DequeIterObject>(&deque_reviter_type, d, n - 1, state, n);
}
// pickle: (type(self), (deque, items already produced)); the constructor skips that many.
DQ_FN(dqiter_reduce)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* it = self.as<DequeIterObject>();
    read_barrier(it);
    DequeObject* d = it->m_deque;
    int64_t remaining = it->m_remaining;
    read_validate_barrier(it);
    return tuple_of(
        { Value(type_of(self)), tuple_of({ Value(d), int_from_i64(dq_size(d) - remaining) }) });
}
// _deque_iterator(deque, index=0) / _deque_reverse_iterator(deque, index=0).
Value dqiter_new_common(
    Type* type, char const* name, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "%s() takes no keyword arguments", name);
    size_t n = nargs - 1;
    if (n < 1 || n > 2)
        raise(&exc::TypeError, "function takes at %s (%zu given)",
            n < 1 ? "least 1 argument" : "most 2 arguments", n);
    if (!type_of(args[1])->is_subtype(&deque_type))
        raise(&exc::TypeError, "argument 1 must be collections.deque, not %s",
            is_none(args[1]) ? "None" : type_name(args[1]).c_str());
    int64_t index = 0;
    if (n == 2) {
        if (!is_int(args[2]))
            raise(&exc::TypeError, "'%s' object cannot be interpreted as an integer",
                type_name(args[2]).c_str());
        index = py_ssize_arg(args[2]);
    }
    DequeObject* d = as_deque(args[1]);
    uint64_t state = dq_state(d);
    int64_t size = dq_size(d);
    bool rev = type == &deque_reviter_type;
    Value it = gc::make<DequeIterObject>(type, d, rev ? size - 1 : 0, state, size);
    for (int64_t i = 0; i < index; i++)
        if (!dqiter_next(it.as_object()))
            break;
    return it;
}
Value dqiter_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    return dqiter_new_common(&deque_iter_type, "_deque_iterator", args, nargs, kw);
}
Value dqreviter_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    return dqiter_new_common(&deque_reviter_type, "_deque_reverse_iterator", args, nargs, kw);
}
DQ_FN(dqiter_length_hint)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    auto* it = self.as<DequeIterObject>();
    read_barrier(it);
    return int_from_i64(it->m_deque ? it->m_remaining : 0);
}

// --- defaultdict ---------------------------------------------------------------------------------

struct DefaultDictObject : DictObject {
    Value m_factory; // null: None
    explicit DefaultDictObject(Type* t) : DictObject(t) { }
};
void dd_trace(Object* o, gc::Tracer& tr)
{
    dict_type.m_trace(o, tr);
    tr.visit(static_cast<DefaultDictObject*>(o)->m_factory);
}
void dd_destroy(Object* o)
{
    if (dict_type.m_destroy)
        dict_type.m_destroy(o);
}
DefaultDictObject* as_dd(Value v) { return v.as<DefaultDictObject>(); }
Value dd_factory(DefaultDictObject* d)
{
    read_barrier(d);
    return d->m_factory ? d->m_factory : none();
}

Value dict_method(char const* name) { return dict_get_cstr(dict_type.m_dict, name); }

Value dd_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs < 1 || !is_type(args[0]) || !args[0].as<Type>()->is_subtype(&defaultdict_type))
        raise(&exc::TypeError, "defaultdict.__new__(X): X is not a subtype of collections.defaultdict");
    return gc::make<DefaultDictObject>(args[0].as<Type>());
}
DQ_FN(dd_init)
{
    DefaultDictObject* d = as_dd(self);
    Value factory;
    size_t skip = 0;
    if (nargs > 0) {
        factory = args[0];
        if (!is_none(factory) && !py_callable(factory))
            raise(&exc::TypeError, "first argument must be callable or None");
        skip = 1;
    }
    write_barrier(d);
    d->m_factory = factory && !is_none(factory) ? factory : Value();
    size_t nkw = kw ? static_cast<size_t>(kw->m_size) : 0;
    gc::RootedValues call;
    call.push_back(self);
    for (size_t i = skip; i < nargs + nkw; i++)
        call.push_back(args[i]);
    return py_call(dict_method("__init__"), call.data(), nargs - skip + 1, kw);
}
DQ_FN(dd_missing)
{
    check_nargs("__missing__", nargs, kw, 1, 1);
    Value f = dd_factory(as_dd(self));
    if (is_none(f))
        raise_key_error(args[0]);
    Value v = py_call0(f);
    py_setitem(self, args[0], v);
    return v;
}
DQ_FN(dd_repr)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    DefaultDictObject* d = as_dd(self);
    std::string inner = str_utf8(py_call1(dict_method("__repr__"), self));
    Value f = dd_factory(d);
    std::string fr;
    {
        ReprGuard guard(d);
        fr = guard.active() ? repr_utf8(f) : "...";
    }
    return str_from_utf8(str_utf8(d->m_type->m_name) + "(" + fr + ", " + inner + ")");
}
Value dd_copy_of(Value self)
{
    Value args[2] = { dd_factory(as_dd(self)), self };
    return py_call(type_of(self), args, 2);
}
DQ_FN(dd_copy)
{
    check_nargs("copy", nargs, kw, 0, 0);
    return dd_copy_of(self);
}
DQ_FN(dd_reduce)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    Value f = dd_factory(as_dd(self));
    Value cargs = is_none(f) ? Value(tuple_empty()) : Value(tuple_of({ f }));
    Value items = py_call_method(self, names::items, nullptr, 0);
    return tuple_of({ Value(type_of(self)), cargs, none(), none(), py_iter(items) });
}
DQ_FN(dd_or)
{
    check_nargs("__or__", nargs, kw, 1, 1);
    if (!is_dict(args[0]))
        return Value(g_not_implemented);
    Value c = dd_copy_of(self);
    dict_update(c.as<DictObject>(), args[0]);
    return c;
}
DQ_FN(dd_ror)
{
    check_nargs("__ror__", nargs, kw, 1, 1);
    if (!is_dict(args[0]))
        return Value(g_not_implemented);
    Value fargs[2] = { dd_factory(as_dd(self)), args[0] };
    Value c = py_call(type_of(self), fargs, 2);
    dict_update(c.as<DictObject>(), self);
    return c;
}
Value dd_factory_get(Value self) { return dd_factory(as_dd(self)); }
void dd_factory_set(Value self, Value v)
{
    DefaultDictObject* d = as_dd(self);
    write_barrier(d);
    d->m_factory = v && !is_none(v) ? v : Value();
}

// --- _count_elements, _tuplegetter ---------------------------------------------------------------

Value count_elements(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("_count_elements", nargs, kw, 2, 2);
    Value mapping = args[0];
    Value it = py_iter(args[1]);
    bool plain = type_of(mapping) == &dict_type;
    StrObject* get = names::get;
    for (;;) {
        Value key = iter_next_fast(it);
        if (!key)
            break;
        if (plain) {
            DictObject* d = mapping.as<DictObject>();
            Value old = dict_get(d, key);
            dict_set(d, key, old ? py_binary_op(old, Value::small_int(1), NB_ADD) : Value::small_int(1));
        } else {
            Value ga[2] = { key, Value::small_int(0) };
            Value old = py_call_method(mapping, get, ga, 2);
            py_setitem(mapping, key, py_binary_op(old, Value::small_int(1), NB_ADD));
        }
    }
    return none();
}

struct TupleGetterObject : Object {
    int64_t m_index;
    Value m_doc;
    TupleGetterObject(Type* t, int64_t i, Value doc) : Object(t), m_index(i), m_doc(doc) { }
};
void tg_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<TupleGetterObject*>(o)->m_doc); }
Value tg_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "_tuplegetter() takes no keyword arguments");
    if (nargs != 3)
        raise(&exc::TypeError, "_tuplegetter expected 2 arguments, got %zu", nargs - 1);
    return gc::make<TupleGetterObject>(args[0].as<Type>(), py_index_i64(args[1]), args[2]);
}
DQ_FN(tg_get)
{
    if (nargs < 1 || nargs > 2)
        raise(&exc::TypeError, "__get__ expected 1 or 2 arguments");
    Value obj = args[0];
    if (is_none(obj))
        return self;
    auto* g = self.as<TupleGetterObject>();
    if (!is_tuple(obj))
        raise(&exc::TypeError, "descriptor for index '%lld' for tuple subclasses doesn't apply to '%s' object",
            static_cast<long long>(g->m_index), type_name(obj).c_str());
    TupleObject* t = obj.as<TupleObject>();
    if (g->m_index < 0 || g->m_index >= t->m_size)
        raise(&exc::IndexError, "tuple index out of range");
    return t->item(g->m_index);
}
DQ_FN(tg_set)
{
    raise(&exc::AttributeError, nargs == 2 ? "can't set attribute" : "can't delete attribute");
}
DQ_FN(tg_delete)
{
    raise(&exc::AttributeError, "can't delete attribute");
}
Value tg_doc_get(Value self)
{
    auto* g = self.as<TupleGetterObject>();
    read_barrier(g);
    return g->m_doc;
}
void tg_doc_set(Value self, Value v)
{
    auto* g = self.as<TupleGetterObject>();
    write_barrier(g);
    g->m_doc = v ? v : none();
}
DQ_FN(tg_reduce)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* g = self.as<TupleGetterObject>();
    return tuple_of({ Value(type_of(self)), tuple_of({ int_from_i64(g->m_index), g->m_doc }) });
}

MethodDef const deque_methods[] = {
    { "__new__", dq_new, METH_STATIC },
    { "__init__", dq_init },
    { "append", dq_append_m },
    { "appendleft", dq_appendleft_m },
    { "extend", dq_extend_m },
    { "extendleft", dq_extendleft_m },
    { "pop", dq_pop },
    { "popleft", dq_popleft },
    { "clear", dq_clear_m },
    { "copy", dq_copy },
    { "__copy__", dq_copy },
    { "count", dq_count },
    { "index", dq_index },
    { "insert", dq_insert },
    { "remove", dq_remove },
    { "reverse", dq_reverse },
    { "rotate", dq_rotate },
    { "__len__", dq_len },
    { "__bool__", dq_bool },
    { "__getitem__", dq_getitem },
    { "__setitem__", dq_setitem },
    { "__delitem__", dq_delitem },
    { "__contains__", dq_contains },
    { "__iter__", dq_iter },
    { "__reversed__", dq_reversed },
    { "__repr__", dq_repr },
    { "__add__", dq_add },
    { "__iadd__", dq_iadd },
    { "__mul__", dq_mul },
    { "__rmul__", dq_mul },
    { "__imul__", dq_imul },
    { "__reduce__", dq_reduce },
    { "__class_getitem__", class_getitem, METH_CLASS },
    { nullptr, nullptr },
};
MethodDef const dqiter_methods[] = {
    { "__new__", dqiter_new, METH_STATIC },
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", dqiter_length_hint },
    { "__reduce__", dqiter_reduce },
    { nullptr, nullptr },
};
MethodDef const dqreviter_methods[] = {
    { "__new__", dqreviter_new, METH_STATIC },
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", dqiter_length_hint },
    { "__reduce__", dqiter_reduce },
    { nullptr, nullptr },
};
MethodDef const dd_methods[] = {
    { "__new__", dd_new, METH_STATIC },
    { "__init__", dd_init },
    { "__missing__", dd_missing },
    { "__repr__", dd_repr },
    { "copy", dd_copy },
    { "__copy__", dd_copy },
    { "__reduce__", dd_reduce },
    { "__or__", dd_or },
    { "__ror__", dd_ror },
    { nullptr, nullptr },
};
MethodDef const tg_methods[] = {
    { "__new__", tg_new, METH_STATIC },
    { "__get__", tg_get },
    { "__set__", tg_set },
    { "__delete__", tg_delete },
    { "__reduce__", tg_reduce },
    { nullptr, nullptr },
};
MethodDef const module_methods[] = {
    { "_count_elements", count_elements },
    { nullptr, nullptr },
};

} // namespace

void setup_collections_types()
{
    init_static_type(&deque_type, "collections.deque", nullptr, sizeof(DequeObject), TF_BASETYPE, deque_trace,
        deque_destroy);
    init_static_type(&deque_iter_type, "_collections._deque_iterator", nullptr, sizeof(DequeIterObject), 0,
        dqiter_trace);
    init_static_type(&deque_reviter_type, "_collections._deque_reverse_iterator", nullptr, sizeof(DequeIterObject), 0,
        dqiter_trace);
    deque_iter_type.m_iternext = dqiter_next;
    deque_reviter_type.m_iternext = dqiter_next;
    init_static_type(&defaultdict_type, "collections.defaultdict", &dict_type, sizeof(DefaultDictObject), TF_BASETYPE,
        dd_trace, dd_destroy);
    init_static_type(&tuplegetter_type, "_collections._tuplegetter", nullptr, sizeof(TupleGetterObject), 0, tg_trace);
    // Undo records instead of inevitable writers (UNDO-1): DEQUE-2; iterators are plain data;
    // a defaultdict is a dict with one more Value, which the client's byte copy saves.
    deque_type.m_stm_undo = &s_deque_undo;
    deque_iter_type.m_stm_undo = &g_plain_undo;
    deque_reviter_type.m_stm_undo = &g_plain_undo;
    defaultdict_type.m_stm_undo = &g_dict_undo;
}

void init_collections_types()
{
    add_methods(&deque_type, deque_methods);
    add_methods(&deque_type, compare_methods<dq_compare>);
    add_getset(&deque_type, "maxlen", dq_maxlen_get);
    add_type_attr(&deque_type, "__hash__", none());
    add_methods(&deque_iter_type, dqiter_methods);
    add_methods(&deque_reviter_type, dqreviter_methods);
    add_methods(&defaultdict_type, dd_methods);
    add_getset(&defaultdict_type, "default_factory", dd_factory_get, dd_factory_set);
    add_methods(&tuplegetter_type, tg_methods);
    add_getset(&tuplegetter_type, "__doc__", tg_doc_get, tg_doc_set);
}

ModuleObject* init_collections_module()
{
    ModuleObject* m = module_new("_collections");
    for (MethodDef const* d = module_methods; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    dict_set_cstr(m->m_dict, "deque", &deque_type);
    dict_set_cstr(m->m_dict, "defaultdict", &defaultdict_type);
    dict_set_cstr(m->m_dict, "_deque_iterator", &deque_iter_type);
    dict_set_cstr(m->m_dict, "_deque_reverse_iterator", &deque_reviter_type);
    dict_set_cstr(m->m_dict, "_tuplegetter", &tuplegetter_type);
    return m;
}

} // namespace pystm
