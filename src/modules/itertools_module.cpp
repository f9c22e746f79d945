// The itertools module: count, cycle, repeat, accumulate, chain, compress, dropwhile,
// takewhile, filterfalse, groupby (and its _grouper), islice, pairwise, starmap, tee (_tee and
// _tee_dataobject), zip_longest, product, permutations, combinations and
// combinations_with_replacement, with CPython 3.11's results, reprs and error messages.
//
// Invariants: every iterator type sets m_iternext, which returns null when exhausted and never
// raises StopIteration itself; an iterator that knows it is finished drops its references
// (ITER-1 of iter_objects.h's convention). Iterator state is written only after write_barrier()
// on the iterator (access.h). The combinatoric iterators keep their pools in tuples (traced) and
// their index arrays in C++ vectors (plain integers, freed by m_destroy).
// The object layouts live in itertools_internal.h, pickling (__reduce__/__setstate__) in
// itertools_reduce.cpp; this file registers both.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/itertools_internal.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include <algorithm>
#include <vector>

namespace pystm::itertools {

Type count_type { &type_type };
Type cycle_type { &type_type };
Type repeat_type { &type_type };
Type accumulate_type { &type_type };
Type chain_type { &type_type };
Type compress_type { &type_type };
Type dropwhile_type { &type_type };
Type takewhile_type { &type_type };
Type filterfalse_type { &type_type };
Type groupby_type { &type_type };
Type grouper_type { &type_type };
Type islice_type { &type_type };
Type pairwise_type { &type_type };
Type starmap_type { &type_type };
Type tee_type { &type_type };
Type teedata_type { &type_type };
Type zip_longest_type { &type_type };
Type product_type { &type_type };
Type permutations_type { &type_type };
Type combinations_type { &type_type };
Type cwr_type { &type_type };

// --- helpers shared with itertools_reduce.cpp ----------------------------------------------------

Type* new_cls(Value const* args, size_t nargs, Type* base, char const* name)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "%s.__new__(X): X is not a type object", name);
    Type* cls = args[0].as<Type>();
    if (!cls->is_subtype(base))
        raise(&exc::TypeError, "%s.__new__(%s): %s is not a subtype of %s", name, cls->name_str().c_str(),
            cls->name_str().c_str(), name);
    return cls;
}

// CPython rejects keywords unless a subclass overrides __init__.
void no_keywords(Type* cls, Type* base, TupleObject* kw, char const* name)
{
    if (!kw || kw->m_size == 0)
        return;
    if (cls == base || type_lookup(cls, names::__init__) == type_lookup(&object_type, names::__init__))
        raise(&exc::TypeError, "%s() takes no keyword arguments", name);
}

void check_count(char const* name, size_t nargs, size_t lo, size_t hi)
{
    if (nargs < lo)
        raise(&exc::TypeError, "%s expected %s%zu argument%s, got %zu", name, lo == hi ? "" : "at least ", lo,
            lo == 1 ? "" : "s", nargs);
    if (nargs > hi)
        raise(&exc::TypeError, "%s expected %s%zu argument%s, got %zu", name, lo == hi ? "" : "at most ", hi,
            hi == 1 ? "" : "s", nargs);
}

TupleObject* pool_result(CombObject* c, int64_t r)
{
    TupleObject* t = tuple_new(r);
    for (int64_t i = 0; i < r; i++)
        t->items()[i] = c->m_pool->item(c->m_indices[static_cast<size_t>(i)]);
    c->m_result = t;
    return t;
}

namespace {

// --- helpers -------------------------------------------------------------------------------------

Value add1(Value v, Value step)
{
    if (v.is_small_int() && step.is_small_int()) {
        int64_t r;
        if (!__builtin_add_overflow(v.as_small_int(), step.as_small_int(), &r) && Value::fits_small(r))
            return Value::small_int(r);
    }
    return py_binary_op(v, step, NB_ADD);
}

template <class T> void destroy_of(Object* o) { static_cast<T*>(o)->~T(); }

int64_t nonneg_r(Value v)
{
    int64_t r = py_index_i64(v);
    if (r < 0)
        raise(&exc::ValueError, "r must be non-negative");
    return r;
}

// --- count ---------------------------------------------------------------------------------------

void count_trace(Object* o, gc::Tracer& tr)
{
    tr.visit(static_cast<CountObject*>(o)->m_cnt);
    tr.visit(static_cast<CountObject*>(o)->m_step);
}
bool number_check(Value v)
{
    Type* t = type_of(v);
    return t->special(SP_index) || t->special(SP_int) || t->special(SP_float) || t->special(SP_complex);
}
Value count_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &count_type, "count");
    Value a[2];
    parse_args("count", args + 1, nargs - 1, kw, { "start", "step" }, 0, a);
    if ((a[0] && !number_check(a[0])) || (a[1] && !number_check(a[1])))
        raise(&exc::TypeError, "a number is required");
    return gc::make<CountObject>(cls, a[0] ? a[0] : Value::small_int(0), a[1] ? a[1] : Value::small_int(1));
}
Value count_next(Object* o)
{
    auto* c = static_cast<CountObject*>(o);
    write_barrier(c);
    Value r = c->m_cnt;
    c->m_cnt = add1(r, c->m_step);
    return r;
}
Value count_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    auto* c = self.as<CountObject>();
    read_barrier(c);
    std::string name = str_utf8(type_of(self)->m_name);
    Value step = c->m_step;
    int64_t s;
    if (is_int(step) && int_to_i64(step, &s) && s == 1)
        return str_from_utf8(name + "(" + repr_utf8(c->m_cnt) + ")");
    return str_from_utf8(name + "(" + repr_utf8(c->m_cnt) + ", " + repr_utf8(step) + ")");
}

// --- cycle ---------------------------------------------------------------------------------------

void cycle_trace(Object* o, gc::Tracer& tr)
{
    tr.visit(static_cast<CycleObject*>(o)->m_it);
    tr.visit(static_cast<CycleObject*>(o)->m_saved);
}
Value cycle_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &cycle_type, "cycle");
    no_keywords(cls, &cycle_type, kw, "cycle");
    check_count("cycle", nargs - 1, 1, 1);
    return gc::make<CycleObject>(cls, py_iter(args[1]), list_new());
}
Value cycle_next(Object* o)
{
    auto* c = static_cast<CycleObject*>(o);
    write_barrier(c);
    if (c->m_it) {
        Value item = iter_next_fast(c->m_it);
        if (item) {
            if (c->m_firstpass)
                list_append(c->m_saved, item);
            return item;
        }
        c->m_it = Value();
    }
    int64_t n = list_size(c->m_saved);
    if (n == 0)
        return Value();
    Value item = list_get(c->m_saved, c->m_index);
    c->m_index++;
    if (c->m_index >= n)
        c->m_index = 0;
    return item;
}

// --- repeat --------------------------------------------------------------------------------------

void repeat_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<RepeatObject*>(o)->m_elem); }
Value repeat_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &repeat_type, "repeat");
    Value a[2];
    parse_args("repeat", args + 1, nargs - 1, kw, { "object", "times" }, 1, a);
    int64_t cnt = -1;
    if (a[1]) {
        if (!is_int(a[1]))
            raise(&exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(a[1]).c_str());
        cnt = py_index_i64(a[1]);
        if (cnt < 0)
            cnt = 0;
    }
    return gc::make<RepeatObject>(cls, a[0], cnt);
}
Value repeat_next(Object* o)
{
    auto* r = static_cast<RepeatObject*>(o);
    write_barrier(r);
    if (r->m_cnt == 0)
        return Value();
    if (r->m_cnt > 0)
        r->m_cnt--;
    return r->m_elem;
}
Value repeat_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    auto* r = self.as<RepeatObject>();
    read_barrier(r);
    std::string s = str_utf8(type_of(self)->m_name) + "(" + repr_utf8(r->m_elem);
    if (r->m_cnt >= 0)
        s += ", " + std::to_string(r->m_cnt);
    return str_from_utf8(s + ")");
}
Value repeat_length_hint(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    auto* r = self.as<RepeatObject>();
    read_barrier(r);
    if (r->m_cnt < 0)
        raise(&exc::TypeError, "len() of unsized object");
    return int_from_i64(r->m_cnt);
}

// --- accumulate ----------------------------------------------------------------------------------

void accumulate_trace(Object* o, gc::Tracer& tr)
{
    auto* a = static_cast<AccumulateObject*>(o);
    tr.visit(a->m_it);
    tr.visit(a->m_func);
    tr.visit(a->m_total);
    tr.visit(a->m_initial);
}
Value accumulate_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &accumulate_type, "accumulate");
    Value a[3];
    parse_args("accumulate", args + 1, nargs - 1, kw, { "iterable", "func", "*", "initial" }, 1, a);
    Value func = a[1] && !is_none(a[1]) ? a[1] : Value();
    Value init = a[2] && !is_none(a[2]) ? a[2] : Value();
    return gc::make<AccumulateObject>(cls, py_iter(a[0]), func, init);
}
Value accumulate_next(Object* o)
{
    auto* a = static_cast<AccumulateObject*>(o);
    write_barrier(a);
    if (a->m_initial) {
        a->m_total = a->m_initial;
        a->m_initial = Value();
        return a->m_total;
    }
    if (!a->m_it)
        return Value();
    Value v = iter_next_fast(a->m_it);
    if (!v)
        return Value();
    if (!a->m_total) {
        a->m_total = v;
    } else {
        Value t = a->m_total;
        Value r = a->m_func ? py_call2(a->m_func, t, v) : py_binary_op(t, v, NB_ADD);
        write_barrier(a);
        a->m_total = r;
    }
    return a->m_total;
}

// --- chain ---------------------------------------------------------------------------------------

void chain_trace(Object* o, gc::Tracer& tr)
{
    tr.visit(static_cast<ChainObject*>(o)->m_source);
    tr.visit(static_cast<ChainObject*>(o)->m_active);
}
Value chain_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &chain_type, "chain");
    no_keywords(cls, &chain_type, kw, "chain");
    TupleObject* t = tuple_from(args + 1, static_cast<int64_t>(nargs - 1));
    return gc::make<ChainObject>(cls, py_iter(t));
}
Value chain_from_iterable(Value cls, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("from_iterable", nargs, kw, 1, 1);
    return gc::make<ChainObject>(cls.as<Type>(), py_iter(args[0]));
}
Value chain_next(Object* o)
{
    auto* c = static_cast<ChainObject*>(o);
    for (;;) {
        read_barrier(c);
        if (!c->m_active) {
            if (!c->m_source)
                return Value();
            Value iterable = iter_next_fast(c->m_source);
            write_barrier(c);
            if (!iterable) {
                c->m_source = Value();
                return Value();
            }
            Value it = py_iter(iterable);
            write_barrier(c);
            c->m_active = it;
        }
        Value item = iter_next_fast(c->m_active);
        if (item)
            return item;
        write_barrier(c);
        c->m_active = Value();
    }
}
Value class_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__class_getitem__", nargs, kw, 1, 1);
    return generic_alias_new(self, args[0]);
}

// --- compress, dropwhile, takewhile, filterfalse, starmap, pairwise ----------------------------

void pair_trace(Object* o, gc::Tracer& tr)
{
    tr.visit(static_cast<PairIter*>(o)->m_a);
    tr.visit(static_cast<PairIter*>(o)->m_b);
}

Value compress_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &compress_type, "compress");
    Value a[2];
    parse_args("compress", args + 1, nargs - 1, kw, { "data", "selectors" }, 2, a);
    Value d = py_iter(a[0]);
    return gc::make<PairIter>(cls, d, py_iter(a[1]));
}
Value compress_next(Object* o)
{
    auto* p = static_cast<PairIter*>(o);
    for (;;) {
        Value d = iter_next_fast(p->m_a);
        if (!d)
            return Value();
        Value s = iter_next_fast(p->m_b);
        if (!s)
            return Value();
        if (py_truthy(s))
            return d;
    }
}

Value pred_iter_new(Type* base, char const* name, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, base, name);
    no_keywords(cls, base, kw, name);
    check_count(name, nargs - 1, 2, 2);
    return gc::make<PairIter>(cls, args[1], py_iter(args[2]));
}
Value dropwhile_new(Value, Value const* a, size_t n, TupleObject* k) { return pred_iter_new(&dropwhile_type, "dropwhile", a, n, k); }
Value takewhile_new(Value, Value const* a, size_t n, TupleObject* k) { return pred_iter_new(&takewhile_type, "takewhile", a, n, k); }
Value filterfalse_new(Value, Value const* a, size_t n, TupleObject* k) { return pred_iter_new(&filterfalse_type, "filterfalse", a, n, k); }
Value starmap_new(Value, Value const* a, size_t n, TupleObject* k) { return pred_iter_new(&starmap_type, "starmap", a, n, k); }

Value dropwhile_next(Object* o)
{
    auto* p = static_cast<PairIter*>(o);
    for (;;) {
        Value item = iter_next_fast(p->m_b);
        if (!item)
            return Value();
        read_barrier(p);
        if (p->m_flag)
            return item;
        if (!py_truthy(py_call1(p->m_a, item))) {
            write_barrier(p);
            p->m_flag = true;
            return item;
        }
    }
}
Value takewhile_next(Object* o)
{
    auto* p = static_cast<PairIter*>(o);
    read_barrier(p);
    if (p->m_flag)
        return Value();
    Value item = iter_next_fast(p->m_b);
    if (!item)
        return Value();
    if (py_truthy(py_call1(p->m_a, item)))
        return item;
    write_barrier(p);
    p->m_flag = true;
    return Value();
}
Value filterfalse_next(Object* o)
{
    auto* p = static_cast<PairIter*>(o);
    for (;;) {
        Value item = iter_next_fast(p->m_b);
        if (!item)
            return Value();
        bool ok = is_none(p->m_a) ? py_truthy(item) : py_truthy(py_call1(p->m_a, item));
        if (!ok)
            return item;
    }
}
Value starmap_next(Object* o)
{
    auto* p = static_cast<PairIter*>(o);
    Value args = iter_next_fast(p->m_b);
    if (!args)
        return Value();
    TupleObject* t;
    if (type_of(args) == &tuple_type) {
        t = args.as<TupleObject>();
    } else {
        if (!type_of(args)->special(SP_iter) && !type_of(args)->special(SP_getitem))
            raise(&exc::TypeError, "'%s' object is not iterable", type_name(args).c_str());
        t = py_tuple_from_iterable(args);
    }
    return py_call(p->m_a, t->items(), static_cast<size_t>(t->m_size));
}

Value pairwise_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &pairwise_type, "pairwise");
    no_keywords(cls, &pairwise_type, kw, "pairwise");
    check_count("pairwise", nargs - 1, 1, 1);
    return gc::make<PairIter>(cls, py_iter(args[1]), Value());
}
// m_a: the source iterator (null when done), m_b: the previous item.
Value pairwise_next(Object* o)
{
    auto* p = static_cast<PairIter*>(o);
    read_barrier(p);
    Value it = p->m_a;
    if (!it)
        return Value();
    Value old = p->m_b;
    if (!old) {
        old = iter_next_fast(it);
        write_barrier(p);
        p->m_b = old;
        if (!old) {
            p->m_a = Value();
            return Value();
        }
    }
    Value nw = iter_next_fast(it);
    write_barrier(p);
    if (!nw) {
        p->m_a = Value();
        p->m_b = Value();
        return Value();
    }
    p->m_b = nw;
    return tuple_of({ old, nw });
}

// --- groupby -------------------------------------------------------------------------------------

void groupby_trace(Object* o, gc::Tracer& tr)
{
    auto* g = static_cast<GroupbyObject*>(o);
    tr.visit(g->m_it);
    tr.visit(g->m_keyfunc);
    tr.visit(g->m_tgtkey);
    tr.visit(g->m_currkey);
    tr.visit(g->m_currvalue);
    if (g->m_currgrouper)
        tr.visit(g->m_currgrouper);
}
void grouper_trace(Object* o, gc::Tracer& tr)
{
    tr.visit(static_cast<GrouperObject*>(o)->m_parent);
    tr.visit(static_cast<GrouperObject*>(o)->m_tgtkey);
}
Value groupby_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &groupby_type, "groupby");
    Value a[2];
    parse_args("groupby", args + 1, nargs - 1, kw, { "iterable", "key" }, 1, a);
    Value kf = a[1] && !is_none(a[1]) ? a[1] : Value();
    return gc::make<GroupbyObject>(cls, py_iter(a[0]), kf);
}
// Advances to the next item; false when the source is exhausted.
bool groupby_step(GroupbyObject* g)
{
    Value v = iter_next_fast(g->m_it);
    if (!v)
        return false;
    Value k = g->m_keyfunc ? py_call1(g->m_keyfunc, v) : v;
    write_barrier(g);
    g->m_currvalue = v;
    g->m_currkey = k;
    return true;
}
Value groupby_next(Object* o)
{
    auto* g = static_cast<GroupbyObject*>(o);
    write_barrier(g);
    g->m_currgrouper = nullptr;
    for (;;) {
        read_barrier(g);
        if (!g->m_currkey) {
        } else if (!g->m_tgtkey) {
            break;
        } else if (!py_eq(g->m_tgtkey, g->m_currkey)) {
            break;
        }
        if (!groupby_step(g))
            return Value();
    }
    write_barrier(g);
    g->m_tgtkey = g->m_currkey;
    auto* gr = gc::make<GrouperObject>(&grouper_type, g, g->m_tgtkey);
    g->m_currgrouper = gr;
    return tuple_of({ g->m_currkey, Value(gr) });
}
Value grouper_next(Object* o)
{
    auto* gr = static_cast<GrouperObject*>(o);
    GroupbyObject* g = gr->m_parent;
    read_barrier(g);
    if (g->m_currgrouper != gr)
        return Value();
    if (!g->m_currvalue && !groupby_step(g))
        return Value();
    read_barrier(g);
    if (!py_eq(gr->m_tgtkey, g->m_currkey))
        return Value();
    write_barrier(g);
    Value r = g->m_currvalue;
    g->m_currvalue = Value();
    return r;
}

// --- islice --------------------------------------------------------------------------------------

void islice_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<IsliceObject*>(o)->m_it); }
int64_t islice_arg(Value v, char const* msg)
{
    if (is_none(v))
        return -1;
    if (!has_index(v))
        raise(&exc::ValueError, "%s", msg);
    Value i = py_number_index(v);
    int64_t r;
    if (!int_to_i64(i, &r))
        r = int_sign(i) < 0 ? -1 : INT64_MAX;
    if (r < 0)
        raise(&exc::ValueError, "%s", msg);
    return r;
}
Value islice_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &islice_type, "islice");
    no_keywords(cls, &islice_type, kw, "islice");
    size_t n = nargs - 1;
    check_count("islice", n, 2, 4);
    int64_t start = 0, stop = -1, step = 1;
    char const* stop_msg = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    char const* idx_msg = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    if (n == 2) {
        stop = islice_arg(args[2], stop_msg);
    } else {
        if (!is_none(args[2]))
            start = islice_arg(args[2], idx_msg);
        stop = islice_arg(args[3], idx_msg);
        if (n == 4 && !is_none(args[4])) {
            if (!has_index(args[4]))
                raise(&exc::ValueError, "Step for islice() must be a positive integer or None.");
            Value s = py_number_index(args[4]);
            if (!int_to_i64(s, &step))
                step = int_sign(s) < 0 ? -1 : INT64_MAX;
            if (step < 1)
                raise(&exc::ValueError, "Step for islice() must be a positive integer or None.");
        }
    }
    return gc::make<IsliceObject>(cls, py_iter(args[1]), start, stop, step);
}
Value islice_next(Object* o)
{
    auto* s = static_cast<IsliceObject*>(o);
    read_barrier(s);
    Value it = s->m_it;
    if (!it)
        return Value();
    while (s->m_cnt < s->m_next) {
        Value item = iter_next_fast(it);
        write_barrier(s);
        if (!item) {
            s->m_it = Value();
            return Value();
        }
        s->m_cnt++;
    }
    if (s->m_stop != -1 && s->m_cnt >= s->m_stop) {
        write_barrier(s);
        s->m_it = Value();
        return Value();
    }
    Value item = iter_next_fast(it);
    write_barrier(s);
    if (!item) {
        s->m_it = Value();
        return Value();
    }
    s->m_cnt++;
    int64_t nx;
    if (__builtin_add_overflow(s->m_next, s->m_step, &nx) || (s->m_stop != -1 && nx > s->m_stop))
        nx = s->m_stop;
    s->m_next = nx;
    return item;
}

// --- tee -----------------------------------------------------------------------------------------

void teedata_trace(Object* o, gc::Tracer& tr)
{
    auto* d = static_cast<TeeDataObject*>(o);
    tr.visit(d->m_it);
    tr.visit(d->m_next);
    for (int i = 0; i < d->m_numread; i++)
        tr.visit(d->m_values[i]);
}
Value teedata_getitem(TeeDataObject* d, int i)
{
    read_barrier(d);
    if (i < d->m_numread)
        return d->m_values[i];
    if (d->m_running)
        raise(&exc::RuntimeError, "cannot re-enter the tee iterator");
    write_barrier(d);
    d->m_running = true;
    Value v;
    try {
        v = iter_next_fast(d->m_it);
    } catch (PyError&) {
        d->m_running = false;
        throw;
    }
    write_barrier(d);
    d->m_running = false;
    if (!v)
        return Value();
    d->m_values[d->m_numread++] = v;
    return v;
}

void tee_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<TeeObject*>(o)->m_data); }
Value tee_next(Object* o)
{
    auto* t = static_cast<TeeObject*>(o);
    read_barrier(t);
    if (t->m_index >= LINKCELLS) {
        TeeDataObject* d = t->m_data;
        read_barrier(d);
        if (!d->m_next) {
            auto* nd = gc::make<TeeDataObject>(&teedata_type, d->m_it);
            write_barrier(d);
            d->m_next = nd;
        }
        write_barrier(t);
        t->m_data = d->m_next.as<TeeDataObject>();
        t->m_index = 0;
    }
    Value v = teedata_getitem(t->m_data, t->m_index);
    if (v) {
        write_barrier(t);
        t->m_index++;
    }
    return v;
}
Value tee_fromiterable(Value iterable)
{
    Value it = py_iter(iterable);
    if (type_of(it) == &tee_type) {
        auto* t = it.as<TeeObject>();
        read_barrier(t);
        return gc::make<TeeObject>(&tee_type, t->m_data, t->m_index);
    }
    return gc::make<TeeObject>(&tee_type, gc::make<TeeDataObject>(&teedata_type, it), 0);
}
Value tee_tp_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    new_cls(args, nargs, &tee_type, "_tee");
    no_keywords(&tee_type, &tee_type, kw, "_tee");
    check_count("_tee", nargs - 1, 1, 1);
    return tee_fromiterable(args[1]);
}
Value tee_copy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__copy__", nargs, kw, 0, 0);
    auto* t = self.as<TeeObject>();
    read_barrier(t);
    return gc::make<TeeObject>(&tee_type, t->m_data, t->m_index);
}
Value it_tee(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("tee", args, nargs, kw, { "iterable", "n", "/" }, 1, a);
    int64_t n = a[1] ? py_index_i64(a[1]) : 2;
    if (n < 0)
        raise(&exc::ValueError, "n must be >= 0");
    TupleObject* result = tuple_new(n);
    for (int64_t i = 0; i < n; i++)
        result->items()[i] = none();
    if (n == 0)
        return result;
    Value it = py_iter(a[0]);
    Value copyfn = py_getattr_opt(it, names::__copy__);
    Value to;
    if (copyfn) {
        to = it;
    } else {
        to = tee_fromiterable(it);
        copyfn = py_getattr(to, names::__copy__);
    }
    result->items()[0] = to;
    for (int64_t i = 1; i < n; i++)
        result->items()[i] = py_call0(copyfn);
    return result;
}

// --- zip_longest ---------------------------------------------------------------------------------

void zip_longest_trace(Object* o, gc::Tracer& tr)
{
    tr.visit(static_cast<ZipLongestObject*>(o)->m_iters);
    tr.visit(static_cast<ZipLongestObject*>(o)->m_fill);
}
Value zip_longest_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &zip_longest_type, "zip_longest");
    Value fill = none();
    if (kw) {
        for (int64_t i = 0; i < kw->m_size; i++) {
            std::string name = str_utf8(kw->item(i));
            if (name != "fillvalue")
                raise(&exc::TypeError, "zip_longest() got an unexpected keyword argument");
            fill = args[nargs + static_cast<size_t>(i)];
        }
    }
    int64_t n = static_cast<int64_t>(nargs - 1);
    TupleObject* its = tuple_new(n);
    for (int64_t i = 0; i < n; i++)
        its->items()[i] = none();
    for (int64_t i = 0; i < n; i++)
        its->items()[i] = py_iter(args[i + 1]);
    return gc::make<ZipLongestObject>(cls, its, fill);
}
Value zip_longest_next(Object* o)
{
    auto* z = static_cast<ZipLongestObject*>(o);
    read_barrier(z);
    int64_t n = z->m_iters->m_size;
    if (n == 0 || z->m_active == 0)
        return Value();
    TupleObject* r = tuple_new(n);
    for (int64_t i = 0; i < n; i++)
        r->items()[i] = none();
    for (int64_t i = 0; i < n; i++) {
        Value it = z->m_iters->item(i);
        Value item;
        if (!is_none(it)) {
            item = iter_next_fast(it);
            if (!item) {
                write_barrier(z);
                if (--z->m_active == 0)
                    return Value();
                // The last source to run out stays (as in CPython, which __reduce__ shows). The
                // others are replaced in a copy of the tuple: a tuple has no undo record, and
                // the plain undo of this object (ITER-2) puts back only the pointer to it.
                TupleObject* its = tuple_new(n);
                for (int64_t k = 0; k < n; k++)
                    its->items()[k] = k == i ? none() : z->m_iters->item(k);
                z->m_iters = its;
            }
        }
        r->items()[i] = item ? item : z->m_fill;
    }
    return r;
}

// --- combinatorics -------------------------------------------------------------------------------

void comb_trace(Object* o, gc::Tracer& tr)
{
    tr.visit(static_cast<CombObject*>(o)->m_pool);
    tr.visit(static_cast<CombObject*>(o)->m_result);
}

Value product_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &product_type, "product");
    int64_t repeat = 1;
    if (kw) {
        for (int64_t i = 0; i < kw->m_size; i++) {
            std::string name = str_utf8(kw->item(i));
            if (name != "repeat")
                raise(&exc::TypeError, "'%s' is an invalid keyword argument for product()", name.c_str());
            repeat = py_index_i64(args[nargs + static_cast<size_t>(i)]);
            if (repeat < 0)
                raise(&exc::ValueError, "repeat argument cannot be negative");
        }
    }
    int64_t nargs_ = static_cast<int64_t>(nargs - 1);
    if (repeat && nargs_ > INT64_MAX / repeat)
        raise(&exc::OverflowError, "repeat argument too large");
    int64_t npools = nargs_ * repeat;
    // With repeat=0 there are no pools and, as in CPython, the arguments are not consumed.
    int64_t given_n = repeat ? nargs_ : 0;
    TupleObject* given = tuple_new(given_n); // a stack root while the arguments are consumed
    for (int64_t i = 0; i < given_n; i++)
        given->items()[i] = none();
    for (int64_t i = 0; i < given_n; i++)
        given->items()[i] = py_tuple_from_iterable(args[i + 1]);
    TupleObject* pools = tuple_new(npools);
    for (int64_t i = 0; i < npools; i++)
        pools->items()[i] = given->item(i % nargs_);
    auto* c = gc::make<CombObject>(cls, pools, npools);
    c->m_indices.assign(static_cast<size_t>(npools), 0);
    return c;
}
Value product_next(Object* o)
{
    auto* c = static_cast<CombObject*>(o);
    write_barrier(c);
    if (c->m_stopped)
        return Value();
    int64_t n = c->m_pool->m_size;
    TupleObject* r = tuple_new(n);
    if (!c->m_result) {
        for (int64_t i = 0; i < n; i++) {
            auto* pool = c->m_pool->item(i).as<TupleObject>();
            if (pool->m_size == 0) {
                c->m_stopped = true;
                return Value();
            }
            r->items()[i] = pool->item(0);
        }
    } else {
        for (int64_t i = 0; i < n; i++)
            r->items()[i] = c->m_result->item(i);
        int64_t i = n - 1;
        for (; i >= 0; i--) {
            auto* pool = c->m_pool->item(i).as<TupleObject>();
            int64_t& idx = c->m_indices[static_cast<size_t>(i)];
            idx++;
            if (idx == pool->m_size) {
                idx = 0;
                r->items()[i] = pool->item(0);
            } else {
                r->items()[i] = pool->item(idx);
                break;
            }
        }
        if (i < 0) {
            c->m_stopped = true;
            return Value();
        }
    }
    c->m_result = r;
    return r;
}

Value combinations_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &combinations_type, "combinations");
    Value a[2];
    parse_args("combinations", args + 1, nargs - 1, kw, { "iterable", "r" }, 2, a);
    TupleObject* pool = py_tuple_from_iterable(a[0]);
    int64_t r = nonneg_r(a[1]);
    auto* c = gc::make<CombObject>(cls, pool, r);
    for (int64_t i = 0; i < r; i++)
        c->m_indices.push_back(i);
    c->m_stopped = r > pool->m_size;
    return c;
}
Value combinations_next(Object* o)
{
    auto* c = static_cast<CombObject*>(o);
    write_barrier(c);
    if (c->m_stopped)
        return Value();
    int64_t n = c->m_pool->m_size, r = c->m_r;
    if (c->m_result) {
        int64_t i = r - 1;
        while (i >= 0 && c->m_indices[static_cast<size_t>(i)] == i + n - r)
            i--;
        if (i < 0) {
            c->m_stopped = true;
            return Value();
        }
        c->m_indices[static_cast<size_t>(i)]++;
        for (int64_t j = i + 1; j < r; j++)
            c->m_indices[static_cast<size_t>(j)] = c->m_indices[static_cast<size_t>(j - 1)] + 1;
    }
    return pool_result(c, r);
}

Value cwr_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &cwr_type, "combinations_with_replacement");
    Value a[2];
    parse_args("combinations_with_replacement", args + 1, nargs - 1, kw, { "iterable", "r" }, 2, a);
    TupleObject* pool = py_tuple_from_iterable(a[0]);
    int64_t r = nonneg_r(a[1]);
    auto* c = gc::make<CombObject>(cls, pool, r);
    c->m_indices.assign(static_cast<size_t>(r), 0);
    c->m_stopped = pool->m_size == 0 && r > 0;
    return c;
}
Value cwr_next(Object* o)
{
    auto* c = static_cast<CombObject*>(o);
    write_barrier(c);
    if (c->m_stopped)
        return Value();
    int64_t n = c->m_pool->m_size, r = c->m_r;
    if (c->m_result) {
        int64_t i = r - 1;
        while (i >= 0 && c->m_indices[static_cast<size_t>(i)] == n - 1)
            i--;
        if (i < 0) {
            c->m_stopped = true;
            return Value();
        }
        int64_t index = c->m_indices[static_cast<size_t>(i)] + 1;
        for (int64_t j = i; j < r; j++)
            c->m_indices[static_cast<size_t>(j)] = index;
    }
    return pool_result(c, r);
}

Value permutations_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = new_cls(args, nargs, &permutations_type, "permutations");
    Value a[2];
    parse_args("permutations", args + 1, nargs - 1, kw, { "iterable", "r" }, 1, a);
    TupleObject* pool = py_tuple_from_iterable(a[0]);
    int64_t n = pool->m_size;
    int64_t r = n;
    if (a[1] && !is_none(a[1])) {
        if (!is_int(a[1]))
            raise(&exc::TypeError, "Expected int as r");
        r = nonneg_r(a[1]);
    }
    auto* c = gc::make<CombObject>(cls, pool, r);
    for (int64_t i = 0; i < n; i++)
        c->m_indices.push_back(i);
    for (int64_t i = 0; i < r && i < n; i++)
        c->m_cycles.push_back(n - i);
    c->m_stopped = r > n;
    return c;
}
Value permutations_next(Object* o)
{
    auto* c = static_cast<CombObject*>(o);
    write_barrier(c);
    if (c->m_stopped)
        return Value();
    int64_t n = c->m_pool->m_size, r = c->m_r;
    if (c->m_result) {
        if (n == 0) {
            c->m_stopped = true;
            return Value();
        }
        auto& ind = c->m_indices;
        auto& cyc = c->m_cycles;
        int64_t i = r - 1;
        for (; i >= 0; i--) {
            size_t ui = static_cast<size_t>(i);
            cyc[ui]--;
            if (cyc[ui] == 0) {
                int64_t first = ind[ui];
                for (size_t j = ui; j + 1 < static_cast<size_t>(n); j++)
                    ind[j] = ind[j + 1];
                ind[static_cast<size_t>(n - 1)] = first;
                cyc[ui] = n - i;
            } else {
                int64_t j = cyc[ui];
                std::swap(ind[ui], ind[static_cast<size_t>(n - j)]);
                break;
            }
        }
        if (i < 0) {
            c->m_stopped = true;
            return Value();
        }
    }
    return pool_result(c, r);
}

// --- method tables -------------------------------------------------------------------------------

#define ITER_METHODS(newfn) { "__new__", newfn, METH_STATIC }, { "__iter__", native_iter_self }, { "__next__", native_iternext }

MethodDef const count_methods[] = { ITER_METHODS(count_new), { "__repr__", count_repr },
    { "__reduce__", count_reduce }, { nullptr, nullptr } };
MethodDef const cycle_methods[] = { ITER_METHODS(cycle_new), { "__reduce__", cycle_reduce },
    { "__setstate__", cycle_setstate }, { nullptr, nullptr } };
MethodDef const repeat_methods[] = { ITER_METHODS(repeat_new), { "__repr__", repeat_repr },
    { "__length_hint__", repeat_length_hint }, { "__reduce__", repeat_reduce },
    { nullptr, nullptr } };
MethodDef const accumulate_methods[]
    = { ITER_METHODS(accumulate_new), { "__reduce__", accumulate_reduce },
          { "__setstate__", accumulate_setstate }, { nullptr, nullptr } };
MethodDef const chain_methods[]
    = { ITER_METHODS(chain_new), { "from_iterable", chain_from_iterable, METH_CLASS },
          { "__class_getitem__", class_getitem, METH_CLASS }, { "__reduce__", chain_reduce },
          { "__setstate__", chain_setstate }, { nullptr, nullptr } };
MethodDef const compress_methods[]
    = { ITER_METHODS(compress_new), { "__reduce__", pair_reduce }, { nullptr, nullptr } };
MethodDef const dropwhile_methods[] = { ITER_METHODS(dropwhile_new), { "__reduce__", pred_reduce },
    { "__setstate__", pred_setstate }, { nullptr, nullptr } };
MethodDef const takewhile_methods[] = { ITER_METHODS(takewhile_new), { "__reduce__", pred_reduce },
    { "__setstate__", pred_setstate }, { nullptr, nullptr } };
MethodDef const filterfalse_methods[]
    = { ITER_METHODS(filterfalse_new), { "__reduce__", pair_reduce }, { nullptr, nullptr } };
MethodDef const starmap_methods[]
    = { ITER_METHODS(starmap_new), { "__reduce__", pair_reduce }, { nullptr, nullptr } };
MethodDef const pairwise_methods[]
    = { ITER_METHODS(pairwise_new), { "__reduce_ex__", pairwise_reduce_ex }, { nullptr, nullptr } };
MethodDef const groupby_methods[] = { ITER_METHODS(groupby_new), { "__reduce__", groupby_reduce },
    { "__setstate__", groupby_setstate }, { nullptr, nullptr } };
MethodDef const grouper_methods[]
    = { ITER_METHODS(grouper_new), { "__reduce__", grouper_reduce }, { nullptr, nullptr } };
MethodDef const islice_methods[] = { ITER_METHODS(islice_new), { "__reduce__", islice_reduce },
    { "__setstate__", islice_setstate }, { nullptr, nullptr } };
MethodDef const tee_methods[] = { ITER_METHODS(tee_tp_new), { "__copy__", tee_copy },
    { "__reduce__", tee_reduce }, { "__setstate__", tee_setstate }, { nullptr, nullptr } };
MethodDef const teedata_methods[] = { { "__new__", teedata_new, METH_STATIC },
    { "__reduce__", teedata_reduce }, { nullptr, nullptr } };
MethodDef const zip_longest_methods[]
    = { ITER_METHODS(zip_longest_new), { "__reduce__", zip_longest_reduce },
          { "__setstate__", zip_longest_setstate }, { nullptr, nullptr } };
MethodDef const product_methods[] = { ITER_METHODS(product_new), { "__reduce__", product_reduce },
    { "__setstate__", product_setstate }, { nullptr, nullptr } };
MethodDef const combinations_methods[]
    = { ITER_METHODS(combinations_new), { "__reduce__", comb_reduce },
          { "__setstate__", combinations_setstate }, { nullptr, nullptr } };
MethodDef const cwr_methods[] = { ITER_METHODS(cwr_new), { "__reduce__", comb_reduce },
    { "__setstate__", cwr_setstate }, { nullptr, nullptr } };
MethodDef const permutations_methods[]
    = { ITER_METHODS(permutations_new), { "__reduce__", comb_reduce },
          { "__setstate__", permutations_setstate }, { nullptr, nullptr } };

MethodDef const module_methods[] = {
    { "tee", it_tee },
    { nullptr, nullptr },
};

struct TypeEntry {
    Type* type;
    MethodDef const* methods;
};
TypeEntry const s_types[] = {
    { &count_type, count_methods },
    { &cycle_type, cycle_methods },
    { &repeat_type, repeat_methods },
    { &accumulate_type, accumulate_methods },
    { &chain_type, chain_methods },
    { &compress_type, compress_methods },
    { &dropwhile_type, dropwhile_methods },
    { &takewhile_type, takewhile_methods },
    { &filterfalse_type, filterfalse_methods },
    { &starmap_type, starmap_methods },
    { &pairwise_type, pairwise_methods },
    { &groupby_type, groupby_methods },
    { &grouper_type, grouper_methods },
    { &islice_type, islice_methods },
    { &tee_type, tee_methods },
    { &teedata_type, teedata_methods },
    { &zip_longest_type, zip_longest_methods },
    { &product_type, product_methods },
    { &combinations_type, combinations_methods },
    { &cwr_type, cwr_methods },
    { &permutations_type, permutations_methods },
};

// ITER-2: the index arrays of a combinatoric iterator, which the plain byte copy of its fields
// does not reach. They keep their sizes (itertools_internal.h), so restoring copies the saved
// values back into the same buffers, and the byte copy that follows puts back the same vector
// headers.
struct CombUndo {
    std::vector<int64_t> indices, cycles;
};
void* comb_undo_save(Object* o, Type*)
{
    auto* c = static_cast<CombObject*>(o);
    return new CombUndo { c->m_indices, c->m_cycles };
}
void comb_undo_restore(Object* o, Type*, void* rec)
{
    auto* c = static_cast<CombObject*>(o);
    auto* u = static_cast<CombUndo*>(rec);
    std::copy(u->indices.begin(), u->indices.end(), c->m_indices.begin());
    std::copy(u->cycles.begin(), u->cycles.end(), c->m_cycles.begin());
}
void comb_undo_drop(void* rec) { delete static_cast<CombUndo*>(rec); }
void comb_undo_trace(void*, gc::Tracer&) { }
StmUndoOps const s_comb_undo { comb_undo_save, comb_undo_restore, comb_undo_drop, comb_undo_trace,
    0 };

} // namespace

} // namespace pystm::itertools

namespace pystm {

void setup_itertools_types()
{
    using namespace itertools;
    auto simple = [](Type* t, char const* name, size_t size, TraceFn tr, IterNextFn next, uint32_t flags = TF_BASETYPE,
                      DestroyFn destroy = nullptr) {
        init_static_type(t, name, nullptr, size, flags, tr, destroy);
        t->m_iternext = next;
    };
    simple(&count_type, "itertools.count", sizeof(CountObject), count_trace, count_next);
    simple(&cycle_type, "itertools.cycle", sizeof(CycleObject), cycle_trace, cycle_next);
    simple(&repeat_type, "itertools.repeat", sizeof(RepeatObject), repeat_trace, repeat_next);
    simple(&accumulate_type, "itertools.accumulate", sizeof(AccumulateObject), accumulate_trace, accumulate_next);
    simple(&chain_type, "itertools.chain", sizeof(ChainObject), chain_trace, chain_next);
    simple(&compress_type, "itertools.compress", sizeof(PairIter), pair_trace, compress_next);
    simple(&dropwhile_type, "itertools.dropwhile", sizeof(PairIter), pair_trace, dropwhile_next);
    simple(&takewhile_type, "itertools.takewhile", sizeof(PairIter), pair_trace, takewhile_next);
    simple(&filterfalse_type, "itertools.filterfalse", sizeof(PairIter), pair_trace, filterfalse_next);
    simple(&starmap_type, "itertools.starmap", sizeof(PairIter), pair_trace, starmap_next);
    simple(&pairwise_type, "itertools.pairwise", sizeof(PairIter), pair_trace, pairwise_next);
    simple(&groupby_type, "itertools.groupby", sizeof(GroupbyObject), groupby_trace, groupby_next);
    simple(&grouper_type, "itertools._grouper", sizeof(GrouperObject), grouper_trace, grouper_next, 0);
    simple(&islice_type, "itertools.islice", sizeof(IsliceObject), islice_trace, islice_next);
    simple(&tee_type, "itertools._tee", sizeof(TeeObject), tee_trace, tee_next, TF_WEAKREFABLE);
    init_static_type(&teedata_type, "itertools._tee_dataobject", nullptr, sizeof(TeeDataObject), 0, teedata_trace);
    simple(&zip_longest_type, "itertools.zip_longest", sizeof(ZipLongestObject), zip_longest_trace, zip_longest_next);
    simple(&product_type, "itertools.product", sizeof(CombObject), comb_trace, product_next, TF_BASETYPE,
        destroy_of<CombObject>);
    simple(&combinations_type, "itertools.combinations", sizeof(CombObject), comb_trace, combinations_next,
        TF_BASETYPE, destroy_of<CombObject>);
    simple(&cwr_type, "itertools.combinations_with_replacement", sizeof(CombObject), comb_trace, cwr_next,
        TF_BASETYPE, destroy_of<CombObject>);
    simple(&permutations_type, "itertools.permutations", sizeof(CombObject), comb_trace, permutations_next,
        TF_BASETYPE, destroy_of<CombObject>);
    // ITER-2: a transaction that advances an iterator made before it keeps an undo record of
    // it, instead of becoming inevitable (UNDO-1).
    for (Type* t : { &count_type, &cycle_type, &repeat_type, &accumulate_type, &chain_type,
             &compress_type, &dropwhile_type, &takewhile_type, &filterfalse_type, &starmap_type,
             &pairwise_type, &groupby_type, &grouper_type, &islice_type, &tee_type, &teedata_type,
             &zip_longest_type })
        t->m_stm_undo = &g_plain_undo;
    for (Type* t : { &product_type, &combinations_type, &cwr_type, &permutations_type })
        t->m_stm_undo = &s_comb_undo;
}

void init_itertools_types()
{
    using namespace itertools;
    for (TypeEntry const& e : s_types)
        if (e.methods)
            add_methods(e.type, e.methods);
}

ModuleObject* init_itertools_module()
{
    using namespace itertools;
    ModuleObject* m = module_new("itertools");
    for (MethodDef const* d = module_methods; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    for (TypeEntry const& e : s_types)
        dict_set_str(m->m_dict, e.type->m_name, e.type);
    return m;
}

} // namespace pystm
