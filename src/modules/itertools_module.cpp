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
// Pickling support (__reduce__/__setstate__, deprecated by CPython but used by pickle and copy)
// follows 3.11's results; pairwise is not picklable, as in 3.11.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/import.h"
#include <vector>

namespace pystm {

namespace {

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

// --- shared helpers ------------------------------------------------------------------------------

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

struct CountObject : Object {
    Value m_cnt, m_step;
    CountObject(Type* t, Value c, Value s) : Object(t), m_cnt(c), m_step(s) { }
};
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

struct CycleObject : Object {
    Value m_it;
    ListObject* m_saved;
    int64_t m_index = 0;
    bool m_firstpass = true;
    CycleObject(Type* t, Value it, ListObject* saved) : Object(t), m_it(it), m_saved(saved) { }
};
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

struct RepeatObject : Object {
    Value m_elem;
    int64_t m_cnt; // -1: forever
    RepeatObject(Type* t, Value e, int64_t c) : Object(t), m_elem(e), m_cnt(c) { }
};
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

struct AccumulateObject : Object {
    Value m_it, m_func, m_total, m_initial;
    AccumulateObject(Type* t, Value it, Value f, Value init) : Object(t), m_it(it), m_func(f), m_initial(init) { }
};
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

struct ChainObject : Object {
    Value m_source, m_active;
    ChainObject(Type* t, Value s) : Object(t), m_source(s) { }
};
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

// One object layout for the simple two-field iterators: [m_a] is the callable or the data
// iterator, [m_b] the source iterator or the selectors, [m_flag] their one bit of state.
struct PairIter : Object {
    Value m_a, m_b;
    bool m_flag = false;
    PairIter(Type* t, Value a, Value b) : Object(t), m_a(a), m_b(b) { }
};
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

// pairwise has no pickling support in 3.11: copyreg refuses it below protocol 2, and so does
// object.__reduce_ex__ from protocol 2 on (its state lives in C fields, not a __dict__).
Value pairwise_reduce_ex(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce_ex__", nargs, kw, 1, 1);
    if (py_index_i64(args[0]) < 2) {
        Value copyreg = import_module("copyreg");
        return py_call2(py_getattr(copyreg, intern("_reduce_ex")), self, args[0]);
    }
    // CPython names the type by its tp_name: qualified for the builtin type, plain for a subclass.
    Type* t = type_of(self);
    std::string name = (t == &pairwise_type ? "itertools." : "") + str_utf8(t->m_name);
    raise(&exc::TypeError, "cannot pickle '%s' object", name.c_str());
}

// --- groupby -------------------------------------------------------------------------------------

struct GroupbyObject : Object {
    Value m_it, m_keyfunc, m_tgtkey, m_currkey, m_currvalue;
    Object* m_currgrouper = nullptr;
    GroupbyObject(Type* t, Value it, Value kf) : Object(t), m_it(it), m_keyfunc(kf) { }
};
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
struct GrouperObject : Object {
    GroupbyObject* m_parent;
    Value m_tgtkey;
    GrouperObject(Type* t, GroupbyObject* p, Value k) : Object(t), m_parent(p), m_tgtkey(k) { }
};
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

struct IsliceObject : Object {
    Value m_it;
    int64_t m_next, m_stop, m_step, m_cnt = 0;
    IsliceObject(Type* t, Value it, int64_t nx, int64_t stop, int64_t step)
        : Object(t), m_it(it), m_next(nx), m_stop(stop), m_step(step) { }
};
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

constexpr int LINKCELLS = 57;

struct TeeDataObject : Object {
    Value m_it;
    int m_numread = 0;
    bool m_running = false;
    Value m_next; // the following TeeDataObject, or null
    Value m_values[LINKCELLS];
    TeeDataObject(Type* t, Value it) : Object(t), m_it(it) { }
};
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

struct TeeObject : Object {
    TeeDataObject* m_data;
    int m_index;
    TeeObject(Type* t, TeeDataObject* d, int i) : Object(t), m_data(d), m_index(i) { }
};
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

struct ZipLongestObject : Object {
    TupleObject* m_iters; // items become None once exhausted
    Value m_fill;
    int64_t m_active;
    ZipLongestObject(Type* t, TupleObject* its, Value f)
        : Object(t), m_iters(its), m_fill(f), m_active(its->m_size) { }
};
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
                // The iterator tuple is private to this object, so updating it in place is safe.
                // The last source to run out stays (as in CPython, which __reduce__ shows).
                z->m_iters->items()[i] = none();
            }
        }
        r->items()[i] = item ? item : z->m_fill;
    }
    return r;
}

// --- combinatorics -------------------------------------------------------------------------------

struct CombObject : Object {
    TupleObject* m_pool; // product: a tuple of tuples
    TupleObject* m_result = nullptr; // last result, null before the first
    std::vector<int64_t> m_indices, m_cycles;
    int64_t m_r;
    bool m_stopped = false;
    CombObject(Type* t, TupleObject* pool, int64_t r) : Object(t), m_pool(pool), m_r(r) { }
};
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

TupleObject* pool_result(CombObject* c, int64_t r)
{
    TupleObject* t = tuple_new(r);
    for (int64_t i = 0; i < r; i++)
        t->items()[i] = c->m_pool->item(c->m_indices[static_cast<size_t>(i)]);
    c->m_result = t;
    return t;
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

// --- pickling ------------------------------------------------------------------------------------
//
// CPython 3.11's __reduce__ / __setstate__ results, which pickle and copy use: the constructor
// call that recreates the iterator from its current sources, plus the position when it has one.

Value type_value(Value self) { return Value(type_of(self)); }

TupleObject* state_tuple(Value state)
{
    if (!is_tuple(state))
        raise(&exc::TypeError, "state is not a tuple");
    return state.as<TupleObject>();
}

// A tuple of ints from [v]; [n] of them (ValueError "invalid arguments" otherwise).
TupleObject* index_state(Value state, int64_t n)
{
    if (!is_tuple(state) || state.as<TupleObject>()->m_size != n)
        raise(&exc::ValueError, "invalid arguments");
    return state.as<TupleObject>();
}

// The type as CPython's argument errors name it ("None" for None).
std::string arg_type_name(Value v) { return is_none(v) ? "None" : type_name(v); }

int64_t state_ssize(Value v)
{
    if (!is_int(v))
        raise(&exc::TypeError, "an integer is required");
    return py_ssize_arg(v);
}

Value count_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* c = self.as<CountObject>();
    read_barrier(c);
    Value cnt = c->m_cnt, step = c->m_step;
    read_validate_barrier(c);
    // CPython's fast mode (an int count that fits a Py_ssize_t, step 1) reduces to (count,).
    int64_t s, n;
    if (is_int(step) && is_int(cnt) && int_to_i64(step, &s) && s == 1 && int_to_i64(cnt, &n)
        && n != INT64_MAX)
        return tuple_of({ type_value(self), tuple_of({ int_from_i64(n) }) });
    return tuple_of({ type_value(self), tuple_of({ cnt, step }) });
}

// cycle: CPython's firstpass flag (true once the saved list holds every item) is the opposite
// of m_firstpass (still saving items).
Value cycle_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* c = self.as<CycleObject>();
    read_barrier(c);
    Value it = c->m_it;
    ListObject* saved = c->m_saved;
    int64_t index = c->m_index;
    bool saving = c->m_firstpass;
    read_validate_barrier(c);
    if (!it) {
        Value sit = py_iter(Value(saved));
        if (index != 0) {
            Value arg = int_from_i64(index);
            py_call_method(sit, intern("__setstate__"), &arg, 1);
        }
        return tuple_of(
            { type_value(self), tuple_of({ sit }), tuple_of({ Value(saved), py_bool(true) }) });
    }
    return tuple_of(
        { type_value(self), tuple_of({ it }), tuple_of({ Value(saved), py_bool(!saving) }) });
}

Value cycle_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    TupleObject* st = state_tuple(args[0]);
    if (st->m_size != 2)
        raise(&exc::TypeError, "function takes exactly 2 arguments (%lld given)",
            static_cast<long long>(st->m_size));
    if (!is_list(st->item(0)))
        raise(
            &exc::TypeError, "argument 1 must be list, not %s", arg_type_name(st->item(0)).c_str());
    bool firstpass = py_index_i64(st->item(1)) != 0;
    auto* c = self.as<CycleObject>();
    write_barrier(c);
    c->m_saved = st->item(0).as<ListObject>();
    c->m_firstpass = !firstpass;
    c->m_index = 0;
    return none();
}

Value repeat_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* r = self.as<RepeatObject>();
    read_barrier(r);
    Value elem = r->m_elem;
    int64_t cnt = r->m_cnt;
    read_validate_barrier(r);
    if (cnt >= 0)
        return tuple_of({ type_value(self), tuple_of({ elem, int_from_i64(cnt) }) });
    return tuple_of({ type_value(self), tuple_of({ elem }) });
}

Value accumulate_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* a = self.as<AccumulateObject>();
    read_barrier(a);
    Value it = a->m_it, func = a->m_func, total = a->m_total, initial = a->m_initial;
    read_validate_barrier(a);
    Value binop = func ? func : none();
    Value chain(&chain_type);
    if (initial) {
        Value cargs[2] = { Value(tuple_of({ initial })), it };
        Value cit = py_call(chain, cargs, 2);
        return tuple_of({ type_value(self), tuple_of({ cit, binop }), none() });
    }
    if (total && is_none(total)) {
        // A None total reads as "not started" to __setstate__: rebuild as
        // islice(accumulate(chain((None,), it), func), 1, None).
        Value cargs[2] = { Value(tuple_of({ total })), it };
        Value cit = py_call(chain, cargs, 2);
        Value aargs[2] = { cit, binop };
        Value acc = py_call(type_value(self), aargs, 2);
        return tuple_of({ Value(&islice_type), tuple_of({ acc, Value::small_int(1), none() }) });
    }
    return tuple_of(
        { type_value(self), tuple_of({ it ? it : none(), binop }), total ? total : none() });
}

Value accumulate_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    auto* a = self.as<AccumulateObject>();
    write_barrier(a);
    a->m_total = args[0];
    return none();
}

Value chain_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* c = self.as<ChainObject>();
    read_barrier(c);
    Value source = c->m_source, active = c->m_active;
    read_validate_barrier(c);
    Value empty(tuple_empty());
    if (!source)
        return tuple_of({ type_value(self), empty });
    if (active)
        return tuple_of({ type_value(self), empty, tuple_of({ source, active }) });
    return tuple_of({ type_value(self), empty, tuple_of({ source }) });
}

bool is_iterator(Value v)
{
    Type* t = type_of(v);
    return t->m_iternext || (t->special(SP_next) && !is_none(t->special(SP_next)));
}

Value chain_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    TupleObject* st = state_tuple(args[0]);
    if (st->m_size < 1 || st->m_size > 2)
        raise(&exc::TypeError, "function takes at %s %d argument%s (%lld given)",
            st->m_size < 1 ? "least" : "most", st->m_size < 1 ? 1 : 2, st->m_size < 1 ? "" : "s",
            static_cast<long long>(st->m_size));
    Value source = st->item(0);
    Value active = st->m_size > 1 ? st->item(1) : Value();
    if (!is_iterator(source) || (active && !is_iterator(active)))
        raise(&exc::TypeError, "Arguments must be iterators.");
    auto* c = self.as<ChainObject>();
    write_barrier(c);
    c->m_source = source;
    c->m_active = active;
    return none();
}

// compress, filterfalse, starmap: (type(self), (m_a, m_b)).
Value pair_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* p = self.as<PairIter>();
    read_barrier(p);
    Value a = p->m_a, b = p->m_b;
    read_validate_barrier(p);
    return tuple_of({ type_value(self), tuple_of({ a, b }) });
}

// dropwhile, takewhile: (type(self), (predicate, iterator), flag as 0 or 1).
Value pred_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* p = self.as<PairIter>();
    read_barrier(p);
    Value a = p->m_a, b = p->m_b;
    bool flag = p->m_flag;
    read_validate_barrier(p);
    return tuple_of({ type_value(self), tuple_of({ a, b }), Value::small_int(flag ? 1 : 0) });
}

Value pred_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    bool flag = py_truthy(args[0]);
    auto* p = self.as<PairIter>();
    write_barrier(p);
    p->m_flag = flag;
    return none();
}

Value islice_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* s = self.as<IsliceObject>();
    read_barrier(s);
    Value it = s->m_it;
    int64_t next = s->m_next, stop = s->m_stop, step = s->m_step, cnt = s->m_cnt;
    read_validate_barrier(s);
    if (!it) {
        Value empty = py_iter(Value(list_new()));
        return tuple_of(
            { type_value(self), tuple_of({ empty, Value::small_int(0) }), Value::small_int(0) });
    }
    Value stopv = stop == -1 ? none() : int_from_i64(stop);
    return tuple_of({ type_value(self),
        tuple_of({ it, int_from_i64(next), stopv, int_from_i64(step) }), int_from_i64(cnt) });
}

Value islice_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    int64_t cnt = state_ssize(args[0]);
    auto* s = self.as<IsliceObject>();
    write_barrier(s);
    s->m_cnt = cnt;
    return none();
}

Value groupby_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* g = self.as<GroupbyObject>();
    read_barrier(g);
    Value it = g->m_it, kf = g->m_keyfunc, tgt = g->m_tgtkey, ck = g->m_currkey,
          cv = g->m_currvalue;
    read_validate_barrier(g);
    Value args = tuple_of({ it, kf ? kf : none() });
    if (tgt && ck && cv)
        return tuple_of({ type_value(self), args, tuple_of({ ck, cv, tgt }) });
    return tuple_of({ type_value(self), args });
}

Value groupby_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    TupleObject* st = state_tuple(args[0]);
    if (st->m_size != 3)
        raise(&exc::TypeError, "function takes exactly 3 arguments (%lld given)",
            static_cast<long long>(st->m_size));
    auto* g = self.as<GroupbyObject>();
    write_barrier(g);
    g->m_currkey = st->item(0);
    g->m_currvalue = st->item(1);
    g->m_tgtkey = st->item(2);
    return none();
}

// _grouper(parent, tgtkey): the parent's current group (as CPython's, which __reduce__ uses).
Value grouper_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    new_cls(args, nargs, &grouper_type, "_grouper");
    no_keywords(&grouper_type, &grouper_type, kw, "_grouper");
    check_count("_grouper", nargs - 1, 2, 2);
    if (!type_of(args[1])->is_subtype(&groupby_type))
        raise(&exc::TypeError, "_grouper() argument 1 must be itertools.groupby, not %s",
            type_name(args[1]).c_str());
    auto* g = args[1].as<GroupbyObject>();
    auto* gr = gc::make<GrouperObject>(&grouper_type, g, args[2]);
    write_barrier(g);
    g->m_currgrouper = gr;
    return gr;
}

Value grouper_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* gr = self.as<GrouperObject>();
    GroupbyObject* g = gr->m_parent;
    read_barrier(g);
    bool current = g->m_currgrouper == gr;
    if (!current)
        return tuple_of({ builtin_iter_callable(), tuple_of({ Value(tuple_empty()) }) });
    return tuple_of({ type_value(self), tuple_of({ Value(g), gr->m_tgtkey }) });
}

Value tee_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* t = self.as<TeeObject>();
    read_barrier(t);
    TeeDataObject* d = t->m_data;
    int index = t->m_index;
    read_validate_barrier(t);
    return tuple_of({ type_value(self), tuple_of({ Value(tuple_empty()) }),
        tuple_of({ Value(d), Value::small_int(index) }) });
}

Value tee_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    TupleObject* st = state_tuple(args[0]);
    if (st->m_size != 2)
        raise(&exc::TypeError, "function takes exactly 2 arguments (%lld given)",
            static_cast<long long>(st->m_size));
    if (type_of(st->item(0)) != &teedata_type)
        raise(&exc::TypeError, "argument 1 must be itertools._tee_dataobject, not %s",
            arg_type_name(st->item(0)).c_str());
    int64_t index = py_index_i64(st->item(1));
    if (index < 0 || index > LINKCELLS)
        raise(&exc::ValueError, "Index out of range");
    auto* t = self.as<TeeObject>();
    write_barrier(t);
    t->m_data = st->item(0).as<TeeDataObject>();
    t->m_index = static_cast<int>(index);
    return none();
}

// _tee_dataobject: (type, (iterator, [values read so far], next link or None)).
Value teedata_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* d = self.as<TeeDataObject>();
    read_barrier(d);
    int n = d->m_numread;
    ListObject* values = list_from(d->m_values, n);
    Value it = d->m_it, next = d->m_next;
    read_validate_barrier(d);
    return tuple_of({ type_value(self), tuple_of({ it, Value(values), next ? next : none() }) });
}

Value teedata_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    new_cls(args, nargs, &teedata_type, "_tee_dataobject");
    no_keywords(&teedata_type, &teedata_type, kw, "_tee_dataobject");
    check_count("_tee_dataobject", nargs - 1, 3, 3);
    if (!is_list(args[2]))
        raise(&exc::TypeError, "_tee_dataobject() argument 2 must be list, not %s",
            type_name(args[2]).c_str());
    auto* values = args[2].as<ListObject>();
    Value next = args[3];
    int64_t len = list_size(values);
    bool ok = len <= LINKCELLS;
    if (ok && len == LINKCELLS)
        ok = is_none(next) || type_of(next) == &teedata_type;
    else if (ok)
        ok = is_none(next); // only a full link has a next one
    if (!ok)
        raise(&exc::ValueError, "Invalid arguments");
    auto* d = gc::make<TeeDataObject>(&teedata_type, args[1]);
    for (int64_t i = 0; i < len; i++)
        d->m_values[i] = list_get(values, i);
    d->m_numread = static_cast<int>(len);
    if (!is_none(next))
        d->m_next = next;
    return d;
}

Value zip_longest_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* z = self.as<ZipLongestObject>();
    read_barrier(z);
    TupleObject* iters = z->m_iters;
    Value fill = z->m_fill;
    int64_t n = iters->m_size;
    TupleObject* args = tuple_new(n);
    // An exhausted source (None here) is pickled as an empty tuple.
    for (int64_t i = 0; i < n; i++)
        args->items()[i] = is_none(iters->item(i)) ? Value(tuple_empty()) : iters->item(i);
    read_validate_barrier(z);
    return tuple_of({ type_value(self), Value(args), fill });
}

Value zip_longest_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    auto* z = self.as<ZipLongestObject>();
    write_barrier(z);
    z->m_fill = args[0];
    return none();
}

TupleObject* indices_tuple(std::vector<int64_t> const& v, size_t n)
{
    TupleObject* t = tuple_new(static_cast<int64_t>(n));
    for (size_t i = 0; i < n; i++)
        t->items()[i] = int_from_i64(v[i]);
    return t;
}

Value product_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* c = self.as<CombObject>();
    read_barrier(c);
    if (c->m_stopped)
        return tuple_of({ type_value(self), tuple_of({ Value(tuple_empty()) }) });
    if (!c->m_result)
        return tuple_of({ type_value(self), Value(c->m_pool) });
    TupleObject* ind = indices_tuple(c->m_indices, static_cast<size_t>(c->m_pool->m_size));
    return tuple_of({ type_value(self), Value(c->m_pool), Value(ind) });
}

Value product_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    auto* c = self.as<CombObject>();
    read_barrier(c);
    int64_t n = c->m_pool->m_size;
    TupleObject* st = index_state(args[0], n);
    std::vector<int64_t> ind(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; i++) {
        int64_t index = state_ssize(st->item(i));
        read_barrier(c);
        int64_t poolsize = c->m_pool->item(i).as<TupleObject>()->m_size;
        if (poolsize == 0) {
            write_barrier(c);
            c->m_stopped = true;
            return none();
        }
        ind[static_cast<size_t>(i)] = index < 0 ? 0 : index > poolsize - 1 ? poolsize - 1 : index;
    }
    TupleObject* result = tuple_new(n);
    write_barrier(c);
    for (int64_t i = 0; i < n; i++) {
        c->m_indices[static_cast<size_t>(i)] = ind[static_cast<size_t>(i)];
        result->items()[i]
            = c->m_pool->item(i).as<TupleObject>()->item(ind[static_cast<size_t>(i)]);
    }
    c->m_result = result;
    return none();
}

// combinations, combinations_with_replacement, permutations: (type, (pool, r)) before the
// first result, (type, ((), r)) once exhausted, else the indices (and permutations' cycles).
Value comb_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* c = self.as<CombObject>();
    read_barrier(c);
    Value r = int_from_i64(c->m_r);
    if (!c->m_result)
        return tuple_of({ type_value(self), tuple_of({ Value(c->m_pool), r }) });
    if (c->m_stopped)
        return tuple_of({ type_value(self), tuple_of({ Value(tuple_empty()), r }) });
    Value args = tuple_of({ Value(c->m_pool), r });
    if (type_of(self)->is_subtype(&permutations_type)) {
        TupleObject* ind = indices_tuple(c->m_indices, static_cast<size_t>(c->m_pool->m_size));
        TupleObject* cyc = indices_tuple(c->m_cycles, static_cast<size_t>(c->m_r));
        return tuple_of({ type_value(self), args, tuple_of({ Value(ind), Value(cyc) }) });
    }
    return tuple_of({ type_value(self), args,
        Value(indices_tuple(c->m_indices, static_cast<size_t>(c->m_r))) });
}

// [cwr] selects combinations_with_replacement's clamping (to [0, n-1]) over combinations' (to
// [0, i + n - r]).
Value comb_setstate_common(Value self, Value state, bool cwr)
{
    auto* c = self.as<CombObject>();
    read_barrier(c);
    int64_t n = c->m_pool->m_size, r = c->m_r;
    TupleObject* st = index_state(state, r);
    std::vector<int64_t> ind(static_cast<size_t>(r));
    for (int64_t i = 0; i < r; i++) {
        int64_t index = state_ssize(st->item(i));
        int64_t max = cwr ? n - 1 : i + n - r;
        if (index > max)
            index = max;
        if (index < 0)
            index = 0;
        ind[static_cast<size_t>(i)] = index;
    }
    if (r > 0 && n == 0)
        raise(&exc::ValueError, "invalid arguments"); // no element to point at
    write_barrier(c);
    c->m_indices = ind;
    pool_result(c, r);
    return none();
}
Value combinations_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    return comb_setstate_common(self, args[0], false);
}
Value cwr_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    return comb_setstate_common(self, args[0], true);
}

Value permutations_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    TupleObject* st = state_tuple(args[0]);
    if (st->m_size != 2)
        raise(&exc::TypeError, "function takes exactly 2 arguments (%lld given)",
            static_cast<long long>(st->m_size));
    for (int i = 0; i < 2; i++)
        if (!is_tuple(st->item(i)))
            raise(&exc::TypeError, "argument %d must be tuple, not %s", i + 1,
                arg_type_name(st->item(i)).c_str());
    auto* ist = st->item(0).as<TupleObject>();
    auto* cst = st->item(1).as<TupleObject>();
    auto* c = self.as<CombObject>();
    read_barrier(c);
    int64_t n = c->m_pool->m_size, r = c->m_r;
    if (ist->m_size != n || cst->m_size != r || r > n)
        raise(&exc::ValueError, "invalid arguments");
    std::vector<int64_t> ind(static_cast<size_t>(n)), cyc(static_cast<size_t>(r));
    for (int64_t i = 0; i < n; i++) {
        int64_t index = state_ssize(ist->item(i));
        ind[static_cast<size_t>(i)] = index < 0 ? 0 : index > n - 1 ? n - 1 : index;
    }
    for (int64_t i = 0; i < r; i++) {
        int64_t index = state_ssize(cst->item(i));
        cyc[static_cast<size_t>(i)] = index < 1 ? 1 : index > n - i ? n - i : index;
    }
    write_barrier(c);
    c->m_indices = ind;
    c->m_cycles = cyc;
    pool_result(c, r);
    return none();
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

} // namespace

void setup_itertools_types()
{
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
}

void init_itertools_types()
{
    for (TypeEntry const& e : s_types)
        if (e.methods)
            add_methods(e.type, e.methods);
}

ModuleObject* init_itertools_module()
{
    ModuleObject* m = module_new("itertools");
    for (MethodDef const* d = module_methods; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    for (TypeEntry const& e : s_types)
        dict_set_str(m->m_dict, e.type->m_name, e.type);
    return m;
}

} // namespace pystm
