// tuple: construction, CPython 3.11's xxHash-based hash, comparisons, sequence methods and the
// tuple iterator.
//
// Tuples are immutable after construction (OBJ-1): tuple_new() hands out a tuple of null items
// that its creator fills before publishing it, so no barrier is ever needed on tuple items.
// The empty tuple of exact type is a shared singleton (tuple_empty()).
#include "objects/tuple_object.h"
#include "gc/heap.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/richcompare.h"
#include "objects/slice_object.h"
#include "objects/str_object.h"
#include "objects/type_object.h"
#include "objects/type_internal.h"
#include "objects/access.h"

namespace pystm {

Type tuple_type { &type_type };
static Type tuple_iterator_type { &type_type };

namespace {

// Whether the other operand's reflected method might handle this operation: only heap types
// (user classes) can; builtin types never accept a list or tuple, so CPython's sequence message
// is raised at once.
bool may_reflect(Value other, SpecialId id)
{
    Type* t = type_of(other);
    return t->has_flag(TF_HEAPTYPE) && t->special(id);
}

struct TupleIterObject : Object {
    TupleObject* m_seq; // null once exhausted
    int64_t m_index = 0;
    TupleIterObject(Type* t, TupleObject* seq) : Object(t), m_seq(seq) { }
};

void tuple_trace(Object* o, gc::Tracer& tr)
{
    auto* t = static_cast<TupleObject*>(o);
    for (int64_t i = 0; i < t->m_size; i++)
        tr.visit(t->items()[i]);
}

void tuple_iter_trace(Object* o, gc::Tracer& tr)
{
    tr.visit(static_cast<TupleIterObject*>(o)->m_seq);
}

TupleObject* tuple_alloc(Type* t, int64_t n)
{
    if (n < 0 || n > (int64_t(1) << 56))
        raise_memory_error();
    auto* r = gc::make_var<TupleObject>(t, static_cast<size_t>(n) * sizeof(Value), n);
    // Tuples may be created during bootstrap before tuple_type's flags are set up.
    if (t == &tuple_type)
        r->m_gc.fetch_or(OF_IMMUTABLE, std::memory_order_relaxed);
    return r;
}

TupleObject* as_tuple(Value self) { return self.as<TupleObject>(); }

std::string tuple_repr_text(TupleObject* t)
{
    if (t->m_size == 0)
        return "()";
    ReprGuard guard(t);
    if (!guard.active())
        return "(...)";
    RecursionGuard rg(" while getting the repr of an object");
    std::string out = "(";
    for (int64_t i = 0; i < t->m_size; i++) {
        if (i)
            out += ", ";
        out += str_utf8(py_repr(t->item(i)));
    }
    if (t->m_size == 1)
        out += ",";
    out += ")";
    return out;
}

Value tuple_compare(TupleObject* a, TupleObject* b, CompareOp op)
{
    return sequence_compare(
        ItemSpan { a->items(), a->m_size }, ItemSpan { b->items(), b->m_size }, op, false);
}

Value tuple_richcompare(Value self, Value other, CompareOp op)
{
    if (!is_tuple(other))
        return Value(g_not_implemented);
    return tuple_compare(as_tuple(self), as_tuple(other), op);
}

Value t_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "tuple.__new__(X): X is not a type object");
    Type* cls = args[0].as<Type>();
    if (!cls->is_subtype(&tuple_type))
        raise(&exc::TypeError, "tuple.__new__(%s): %s is not a subtype of tuple", cls->name_str().c_str(),
            cls->name_str().c_str());
    // As CPython: keywords are refused unless a subclass defines its own __init__ (which may
    // take them; tuple's __init__ is object's).
    if (kwnames && kwnames->m_size && (cls == &tuple_type || cls->special(SP_init) == g_object_init))
        raise(&exc::TypeError, "tuple() takes no keyword arguments");
    if (nargs > 2)
        raise(&exc::TypeError, "tuple expected at most 1 argument, got %zu", nargs - 1);
    TupleObject* src;
    if (nargs < 2)
        src = tuple_empty();
    else if (cls == &tuple_type && args[1].is_object() && args[1].as_object()->m_type == &tuple_type)
        return args[1];
    else
        src = py_tuple_from_iterable(args[1]);
    if (cls == &tuple_type)
        return src;
    TupleObject* r = tuple_alloc(cls, src->m_size);
    for (int64_t i = 0; i < src->m_size; i++)
        r->items()[i] = src->item(i);
    return r;
}

Value t_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    return str_from_utf8(tuple_repr_text(as_tuple(self)));
}

Value t_hash(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__hash__", nargs, kw, 0, 0);
    return int_from_i64(tuple_hash(as_tuple(self)));
}

Value t_len(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__len__", nargs, kw, 0, 0);
    return Value::small_int(as_tuple(self)->m_size);
}

Value t_contains(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__contains__", nargs, kw, 1, 1);
    TupleObject* t = as_tuple(self);
    for (int64_t i = 0; i < t->m_size; i++)
        if (py_eq(t->item(i), args[0]))
            return py_bool(true);
    return py_bool(false);
}

Value t_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getitem__", nargs, kw, 1, 1);
    TupleObject* t = as_tuple(self);
    Value key = args[0];
    if (has_index(key)) {
        int64_t i = subscript_index(key);
        if (!normalize_index(&i, t->m_size))
            raise(&exc::IndexError, "tuple index out of range");
        return t->item(i);
    }
    if (is_slice(key)) {
        int64_t start, stop, step;
        int64_t n = slice_adjust(key.as<SliceObject>(), t->m_size, &start, &stop, &step);
        if (n == t->m_size && step == 1 && t->m_type == &tuple_type)
            return t;
        if (n == 0)
            return tuple_empty();
        TupleObject* r = tuple_new(n);
        for (int64_t i = 0, j = start; i < n; i++, j = slice_next(j, step))
            r->items()[i] = t->item(j);
        return r;
    }
    raise(&exc::TypeError, "tuple indices must be integers or slices, not %s", type_name(key).c_str());
}

Value t_add(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__add__", nargs, kw, 1, 1);
    if (!is_tuple(args[0])) {
        if (may_reflect(args[0], SP_radd))
            return Value(g_not_implemented);
        raise(&exc::TypeError, "can only concatenate tuple (not \"%s\") to tuple", type_name(args[0]).c_str());
    }
    TupleObject* a = as_tuple(self);
    TupleObject* b = as_tuple(args[0]);
    if (b->m_size == 0 && a->m_type == &tuple_type)
        return a;
    if (a->m_size == 0 && b->m_type == &tuple_type)
        return b;
    TupleObject* r = tuple_new(a->m_size + b->m_size);
    for (int64_t i = 0; i < a->m_size; i++)
        r->items()[i] = a->item(i);
    for (int64_t i = 0; i < b->m_size; i++)
        r->items()[a->m_size + i] = b->item(i);
    return r;
}

Value t_mul(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__mul__", nargs, kw, 1, 1);
    int64_t n = py_index_i64(args[0]);
    TupleObject* a = as_tuple(self);
    if (n < 0)
        n = 0;
    if (a->m_type == &tuple_type && (n == 1 || a->m_size == 0))
        return a;
    if (a->m_size == 0 || n == 0)
        return tuple_empty();
    if (n > INT64_MAX / 16 / a->m_size)
        raise_memory_error();
    TupleObject* r = tuple_new(a->m_size * n);
    for (int64_t k = 0; k < n; k++)
        for (int64_t i = 0; i < a->m_size; i++)
            r->items()[k * a->m_size + i] = a->item(i);
    return r;
}

// start/stop arguments of index(): clamped __index__ values, resolved like slice bounds.
void resolve_bounds(Value const* args, size_t nargs, int64_t len, int64_t* start, int64_t* stop)
{
    *start = 0;
    *stop = len;
    auto conv = [](Value v) {
        if (!has_index(v))
            raise(&exc::TypeError, "slice indices must be integers or have an __index__ method");
        return py_index_clamped(v);
    };
    if (nargs > 1) {
        *start = conv(args[1]);
        if (*start < 0) {
            *start += len;
            if (*start < 0)
                *start = 0;
        }
    }
    if (nargs > 2) {
        *stop = conv(args[2]);
        if (*stop < 0) {
            *stop += len;
            if (*stop < 0)
                *stop = 0;
        }
    }
}

Value t_index(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("index", nargs, kw, 1, 3);
    TupleObject* t = as_tuple(self);
    int64_t start, stop;
    resolve_bounds(args, nargs, t->m_size, &start, &stop);
    for (int64_t i = start; i < stop && i < t->m_size; i++)
        if (py_eq(t->item(i), args[0]))
            return int_from_i64(i);
    raise(&exc::ValueError, "tuple.index(x): x not in tuple");
}

Value t_count(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("count", nargs, kw, 1, 1);
    TupleObject* t = as_tuple(self);
    int64_t c = 0;
    for (int64_t i = 0; i < t->m_size; i++)
        if (py_eq(t->item(i), args[0]))
            c++;
    return int_from_i64(c);
}

Value t_iter(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__iter__", nargs, kw, 0, 0);
    return gc::make<TupleIterObject>(&tuple_iterator_type, as_tuple(self));
}

Value t_getnewargs(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__getnewargs__", nargs, kw, 0, 0);
    TupleObject* t = as_tuple(self);
    return tuple_of({ Value(tuple_from(t->items(), t->m_size)) });
}

Value t_class_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__class_getitem__", nargs, kw, 1, 1);
    return generic_alias_new(self, args[0]);
}

Value tuple_iternext(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* it = static_cast<TupleIterObject*>(o);
    TupleObject* t = it->m_seq;
    if (!t)
        return Value();
    if (it->m_index < t->m_size)
        return t->item(it->m_index++);
    it->m_seq = nullptr;
    return Value();
}

Value ti_length_hint(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    auto* it = self.as<TupleIterObject>();
    return Value::small_int(it->m_seq ? it->m_seq->m_size - it->m_index : 0);
}

const MethodDef tuple_methods[] = {
    { "__new__", t_new, METH_STATIC },
    { "__repr__", t_repr },
    { "__hash__", t_hash },
    { "__len__", t_len },
    { "__contains__", t_contains },
    { "__getitem__", t_getitem },
    { "__add__", t_add },
    { "__mul__", t_mul },
    { "__rmul__", t_mul },
    { "__iter__", t_iter },
    { "__getnewargs__", t_getnewargs },
    { "__class_getitem__", t_class_getitem, METH_CLASS },
    { "index", t_index },
    { "count", t_count },
    { nullptr, nullptr },
};

// pickle: (iter, (tuple,), index), or (iter, ((),)) once exhausted.
Value ti_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* it = self.as<TupleIterObject>();
    read_barrier(it);
    TupleObject* t = it->m_seq;
    int64_t index = it->m_index;
    read_validate_barrier(it);
    return iter_reduce(t ? Value(t) : Value(), index);
}

Value ti_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    auto* it = self.as<TupleIterObject>();
    read_barrier(it);
    TupleObject* t = it->m_seq;
    // An index past the end leaves the iterator exhausted.
    int64_t index = iter_setstate_index(args[0], 0, t ? t->m_size : INT64_MAX);
    if (t) {
        write_barrier(it);
        it->m_index = index;
    }
    return none();
}

const MethodDef tuple_iter_methods[] = {
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", ti_length_hint },
    { "__reduce__", ti_reduce },
    { "__setstate__", ti_setstate },
    { nullptr, nullptr },
};

} // namespace

TupleObject* tuple_new(int64_t n)
{
    if (n == 0)
        return tuple_empty();
    return tuple_alloc(&tuple_type, n);
}

TupleObject* tuple_from(Value const* items, int64_t n)
{
    if (n == 0)
        return tuple_empty();
    TupleObject* t = tuple_alloc(&tuple_type, n);
    for (int64_t i = 0; i < n; i++)
        t->items()[i] = items[i];
    return t;
}

TupleObject* tuple_of(std::initializer_list<Value> items)
{
    return tuple_from(items.begin(), static_cast<int64_t>(items.size()));
}

TupleObject* tuple_empty()
{
    static Value s_empty;
    if (PY_UNLIKELY(!s_empty)) {
        s_empty = tuple_alloc(&tuple_type, 0);
        gc::add_root(&s_empty);
    }
    return s_empty.as<TupleObject>();
}

int64_t tuple_hash(TupleObject* t)
{
    // CPython 3.11: xxHash's round function over the items' hashes (64-bit constants).
    constexpr uint64_t prime1 = 11400714785074694791ULL;
    constexpr uint64_t prime2 = 14029467366897019727ULL;
    constexpr uint64_t prime5 = 2870177450012600261ULL;
    uint64_t acc = prime5;
    for (int64_t i = 0; i < t->m_size; i++) {
        uint64_t lane = static_cast<uint64_t>(py_hash(t->item(i)));
        acc += lane * prime2;
        acc = (acc << 31) | (acc >> 33);
        acc *= prime1;
    }
    acc += static_cast<uint64_t>(t->m_size) ^ (prime5 ^ 3527539ULL);
    if (acc == static_cast<uint64_t>(-1))
        return 1546275796;
    return static_cast<int64_t>(acc);
}

void setup_tuple_types()
{
    init_static_type(&tuple_type, "tuple", nullptr, sizeof(TupleObject),
        TF_BASETYPE | TF_IMMUTABLE | TF_TUPLE_SUBCLASS, tuple_trace);
    init_static_type(&tuple_iterator_type, "tuple_iterator", nullptr, sizeof(TupleIterObject), 0,
        tuple_iter_trace);
    tuple_iterator_type.m_iternext = tuple_iternext;
}

void init_tuple_types()
{
    add_methods(&tuple_type, tuple_methods);
    add_methods(&tuple_type, compare_methods<tuple_richcompare>);
    add_methods(&tuple_iterator_type, tuple_iter_methods);
}

} // namespace pystm
