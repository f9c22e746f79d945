// range objects and their iterators; also hosts the slice type's bootstrap hooks (see
// slice_object.cpp).
//
// Invariants: m_length is always the exact number of items (>= 0), m_step is never zero, and
// all four fields are ints (normalised per VAL-1). range_iterator is used when start, stop and
// step fit in int64, so every item it produces fits too; it counts down an unsigned remaining
// count, so it never overflows.
#include "objects/range_object.h"
#include "gc/heap.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/slice_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/access.h"

namespace pystm {

Type range_type { &type_type };
static Type range_iterator_type { &type_type };
static Type longrange_iterator_type { &type_type };

namespace {

    // m_start and m_len (the progression as created) are kept for __reduce__ / __setstate__, which
    // describe the position as an index into range(start, start + len * step, step), as CPython's.
    struct RangeIterObject : Object {
        int64_t m_next;
        int64_t m_step;
        uint64_t m_remaining;
        int64_t m_start;
        uint64_t m_len;
        RangeIterObject(Type* t, int64_t start, int64_t step, uint64_t n)
            : Object(t)
            , m_next(start)
            , m_step(step)
            , m_remaining(n)
            , m_start(start)
            , m_len(n)
        {
        }
};

struct LongRangeIterObject : Object {
    Value m_next;
    Value m_step;
    Value m_remaining;
    Value m_start;
    Value m_len;
    LongRangeIterObject(Type* t, Value start, Value step, Value n)
        : Object(t)
        , m_next(start)
        , m_step(step)
        , m_remaining(n)
        , m_start(start)
        , m_len(n)
    {
    }
};

void range_trace(Object* o, gc::Tracer& tr)
{
    auto* r = static_cast<RangeObject*>(o);
    tr.visit(r->m_start);
    tr.visit(r->m_stop);
    tr.visit(r->m_step);
    tr.visit(r->m_length);
}

void longrange_iter_trace(Object* o, gc::Tracer& tr)
{
    auto* r = static_cast<LongRangeIterObject*>(o);
    tr.visit(r->m_next);
    tr.visit(r->m_step);
    tr.visit(r->m_remaining);
    tr.visit(r->m_start);
    tr.visit(r->m_len);
}

RangeObject* as_range(Value v) { return v.as<RangeObject>(); }

Value compute_length(Value start, Value stop, Value step)
{
    if (start.is_small_int() && stop.is_small_int() && step.is_small_int()) {
        // 61-bit operands: differences fit in int64.
        int64_t a = start.as_small_int(), b = stop.as_small_int(), s = step.as_small_int();
        if (s > 0)
            return int_from_i64(a < b ? (b - a - 1) / s + 1 : 0);
        return int_from_i64(a > b ? (a - b - 1) / (-s) + 1 : 0);
    }
    Value one = Value::small_int(1);
    if (int_sign(step) > 0) {
        if (int_compare(start, stop) >= 0)
            return Value::small_int(0);
        return int_add(int_floordiv(int_sub(int_sub(stop, start), one), step), one);
    }
    if (int_compare(start, stop) <= 0)
        return Value::small_int(0);
    return int_add(int_floordiv(int_sub(int_sub(start, stop), one), int_neg(step)), one);
}

int64_t range_len_i64(RangeObject* r)
{
    int64_t n;
    if (!int_to_i64(r->m_length, &n))
        raise(&exc::OverflowError, "Python int too large to convert to C ssize_t");
    return n;
}

// start + i * step
Value range_item(RangeObject* r, Value i)
{
    return int_add(r->m_start, int_mul(i, r->m_step));
}

Value make_iter(Value start, Value stop, Value step, Value length)
{
    int64_t a, b, s, n;
    if (int_to_i64(start, &a) && int_to_i64(stop, &b) && int_to_i64(step, &s) && int_to_i64(length, &n))
        return gc::make<RangeIterObject>(&range_iterator_type, a, s, static_cast<uint64_t>(n));
    return gc::make<LongRangeIterObject>(&longrange_iterator_type, start, step, length);
}

Value r_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "range() takes no keyword arguments");
    size_t n = nargs ? nargs - 1 : 0;
    if (n == 0)
        raise(&exc::TypeError, "range expected at least 1 argument, got 0");
    if (n > 3)
        raise(&exc::TypeError, "range expected at most 3 arguments, got %zu", n);
    if (n == 1)
        return range_new(Value::small_int(0), py_number_index(args[1]), Value::small_int(1));
    Value start = py_number_index(args[1]);
    Value stop = py_number_index(args[2]);
    Value step = n == 3 ? py_number_index(args[3]) : Value::small_int(1);
    return range_new(start, stop, step);
}

Value r_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    RangeObject* r = as_range(self);
    std::string out = "range(" + repr_utf8(r->m_start) + ", " + repr_utf8(r->m_stop);
    if (!(r->m_step.is_small_int() && r->m_step.as_small_int() == 1))
        out += ", " + repr_utf8(r->m_step);
    out += ")";
    return str_from_utf8(out);
}

Value r_len(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__len__", nargs, kw, 0, 0);
    return int_from_i64(range_len_i64(as_range(self)));
}

Value r_bool(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__bool__", nargs, kw, 0, 0);
    return py_bool(int_sign(as_range(self)->m_length) != 0);
}

Value r_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getitem__", nargs, kw, 1, 1);
    RangeObject* r = as_range(self);
    Value key = args[0];
    if (has_index(key)) {
        Value i = py_number_index(key);
        if (int_sign(i) < 0)
            i = int_add(i, r->m_length);
        if (int_sign(i) < 0 || int_compare(i, r->m_length) >= 0)
            raise(&exc::IndexError, "range object index out of range");
        return range_item(r, i);
    }
    if (is_slice(key)) {
        // Exact integers: the length and the slice's step may both exceed int64.
        Value start, stop, step;
        slice_indices_exact(key.as<SliceObject>(), r->m_length, &start, &stop, &step);
        Value nstart = range_item(r, start);
        Value nstop = range_item(r, stop);
        Value nstep = int_mul(r->m_step, step);
        return range_new(nstart, nstop, nstep);
    }
    raise(&exc::TypeError, "range indices must be integers or slices, not %s", type_name(key).c_str());
}

// O(1) membership for ints.
bool range_contains_int(RangeObject* r, Value x)
{
    if (int_sign(r->m_step) > 0) {
        if (int_compare(x, r->m_start) < 0 || int_compare(x, r->m_stop) >= 0)
            return false;
    } else {
        if (int_compare(x, r->m_start) > 0 || int_compare(x, r->m_stop) <= 0)
            return false;
    }
    return int_sign(int_mod(int_sub(x, r->m_start), r->m_step)) == 0;
}

bool int_or_bool(Value v) { return is_exact_int(v) || is_bool(v); }

Value r_contains(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__contains__", nargs, kw, 1, 1);
    RangeObject* r = as_range(self);
    if (int_or_bool(args[0]))
        return py_bool(range_contains_int(r, args[0]));
    Value it = py_iter(self);
    for (Value x; (x = iter_next_fast(it));)
        if (py_eq(x, args[0]))
            return py_bool(true);
    return py_bool(false);
}

Value r_count(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("count", nargs, kw, 1, 1);
    RangeObject* r = as_range(self);
    if (int_or_bool(args[0]))
        return Value::small_int(range_contains_int(r, args[0]) ? 1 : 0);
    int64_t c = 0;
    Value it = py_iter(self);
    for (Value x; (x = iter_next_fast(it));)
        if (py_eq(x, args[0]))
            c++;
    return int_from_i64(c);
}

Value r_index(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("index", nargs, kw, 1, 1);
    RangeObject* r = as_range(self);
    if (int_or_bool(args[0])) {
        if (!range_contains_int(r, args[0]))
            raise(&exc::ValueError, "%s is not in range", repr_utf8(args[0]).c_str());
        return int_floordiv(int_sub(args[0], r->m_start), r->m_step);
    }
    int64_t i = 0;
    Value it = py_iter(self);
    for (Value x; (x = iter_next_fast(it)); i++)
        if (py_eq(x, args[0]))
            return int_from_i64(i);
    raise(&exc::ValueError, "sequence.index(x): x not in sequence");
}

bool range_equal(RangeObject* a, RangeObject* b)
{
    if (a == b)
        return true;
    if (int_compare(a->m_length, b->m_length) != 0)
        return false;
    if (int_sign(a->m_length) == 0)
        return true;
    if (int_compare(a->m_start, b->m_start) != 0)
        return false;
    if (a->m_length.is_small_int() && a->m_length.as_small_int() == 1)
        return true;
    return int_compare(a->m_step, b->m_step) == 0;
}

Value r_eq(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__eq__", nargs, kw, 1, 1);
    if (!is_range(args[0]))
        return Value(g_not_implemented);
    return py_bool(range_equal(as_range(self), as_range(args[0])));
}

Value r_ne(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__ne__", nargs, kw, 1, 1);
    if (!is_range(args[0]))
        return Value(g_not_implemented);
    return py_bool(!range_equal(as_range(self), as_range(args[0])));
}

Value r_hash(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__hash__", nargs, kw, 0, 0);
    RangeObject* r = as_range(self);
    // hash((len, start, step)) with the parts that do not affect equality replaced by None.
    TupleObject* t;
    if (int_sign(r->m_length) == 0)
        t = tuple_of({ r->m_length, none(), none() });
    else if (r->m_length.is_small_int() && r->m_length.as_small_int() == 1)
        t = tuple_of({ r->m_length, r->m_start, none() });
    else
        t = tuple_of({ r->m_length, r->m_start, r->m_step });
    return int_from_i64(tuple_hash(t));
}

Value r_iter(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__iter__", nargs, kw, 0, 0);
    RangeObject* r = as_range(self);
    return make_iter(r->m_start, r->m_stop, r->m_step, r->m_length);
}

Value r_reversed(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reversed__", nargs, kw, 0, 0);
    RangeObject* r = as_range(self);
    Value one = Value::small_int(1);
    Value last = int_sign(r->m_length) == 0 ? int_sub(r->m_start, one)
                                            : range_item(r, int_sub(r->m_length, one));
    Value nstep = int_neg(r->m_step);
    // The reversed progression stops one step before the original start.
    return make_iter(last, int_add(r->m_start, nstep), nstep, r->m_length);
}

Value r_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    RangeObject* r = as_range(self);
    return tuple_of({ Value(&range_type), Value(tuple_of({ r->m_start, r->m_stop, r->m_step })) });
}

Value get_start(Value self) { return as_range(self)->m_start; }
Value get_stop(Value self) { return as_range(self)->m_stop; }
Value get_step(Value self) { return as_range(self)->m_step; }

Value range_iternext(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* it = static_cast<RangeIterObject*>(o);
    if (it->m_remaining == 0)
        return Value();
    it->m_remaining--;
    int64_t v = it->m_next;
    it->m_next = static_cast<int64_t>(static_cast<uint64_t>(v) + static_cast<uint64_t>(it->m_step));
    if (PY_LIKELY(Value::fits_small(v)))
        return Value::small_int(v);
    return int_from_i64(v);
}

Value longrange_iternext(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* it = static_cast<LongRangeIterObject*>(o);
    if (int_sign(it->m_remaining) <= 0)
        return Value();
    it->m_remaining = int_sub(it->m_remaining, Value::small_int(1));
    Value v = it->m_next;
    it->m_next = int_add(v, it->m_step);
    return v;
}

Value ri_length_hint(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    return int_from_u64(self.as<RangeIterObject>()->m_remaining);
}

Value lri_length_hint(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    return self.as<LongRangeIterObject>()->m_remaining;
}

// pickle: (iter, (range(start, start + len * step, step),), index).
Value range_iter_reduce_parts(Value start, Value step, Value len, Value index)
{
    Value stop = int_add(start, int_mul(len, step));
    return tuple_of(
        { builtin_iter_callable(), tuple_of({ Value(range_new(start, stop, step)) }), index });
}

Value ri_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* it = self.as<RangeIterObject>();
    read_barrier(it);
    int64_t start = it->m_start;
    int64_t step = it->m_step;
    uint64_t len = it->m_len;
    uint64_t remaining = it->m_remaining;
    read_validate_barrier(it);
    return range_iter_reduce_parts(
        int_from_i64(start), int_from_i64(step), int_from_u64(len), int_from_u64(len - remaining));
}

Value ri_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    auto* it = self.as<RangeIterObject>();
    read_barrier(it);
    uint64_t len = it->m_len;
    int64_t hi = len > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(len);
    auto index = static_cast<uint64_t>(iter_setstate_index(args[0], 0, hi));
    write_barrier(it);
    it->m_remaining = len - index;
    it->m_next = static_cast<int64_t>(
        static_cast<uint64_t>(it->m_start) + index * static_cast<uint64_t>(it->m_step));
    return none();
}

Value lri_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* it = self.as<LongRangeIterObject>();
    read_barrier(it);
    Value start = it->m_start;
    Value step = it->m_step;
    Value len = it->m_len;
    Value remaining = it->m_remaining;
    read_validate_barrier(it);
    return range_iter_reduce_parts(start, step, len, int_sub(len, remaining));
}

Value lri_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    auto* it = self.as<LongRangeIterObject>();
    // CPython clamps the state (any int) to [0, len].
    Value index = py_number_index(args[0]);
    read_barrier(it);
    Value len = it->m_len;
    if (int_sign(index) < 0)
        index = Value::small_int(0);
    else if (py_compare_bool(index, len, CMP_GT))
        index = len;
    Value next = int_add(it->m_start, int_mul(index, it->m_step));
    write_barrier(it);
    it->m_remaining = int_sub(len, index);
    it->m_next = next;
    return none();
}

const MethodDef range_methods[] = {
    { "__new__", r_new, METH_STATIC },
    { "__repr__", r_repr },
    { "__len__", r_len },
    { "__bool__", r_bool },
    { "__getitem__", r_getitem },
    { "__contains__", r_contains },
    { "__eq__", r_eq },
    { "__ne__", r_ne },
    { "__hash__", r_hash },
    { "__iter__", r_iter },
    { "__reversed__", r_reversed },
    { "__reduce__", r_reduce },
    { "count", r_count },
    { "index", r_index },
    { nullptr, nullptr },
};

const MethodDef range_iter_methods[] = {
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", ri_length_hint },
    { "__reduce__", ri_reduce },
    { "__setstate__", ri_setstate },
    { nullptr, nullptr },
};

const MethodDef longrange_iter_methods[] = {
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", lri_length_hint },
    { "__reduce__", lri_reduce },
    { "__setstate__", lri_setstate },
    { nullptr, nullptr },
};

} // namespace

RangeObject* range_new(Value start, Value stop, Value step)
{
    if (int_sign(step) == 0)
        raise(&exc::ValueError, "range() arg 3 must not be zero");
    auto* r = gc::make<RangeObject>(&range_type, start, stop, step, compute_length(start, stop, step));
    r->m_gc.fetch_or(OF_IMMUTABLE, std::memory_order_relaxed);
    return r;
}

void setup_range_types()
{
    init_static_type(&range_type, "range", nullptr, sizeof(RangeObject), TF_IMMUTABLE, range_trace);
    init_static_type(&range_iterator_type, "range_iterator", nullptr, sizeof(RangeIterObject), 0);
    init_static_type(&longrange_iterator_type, "longrange_iterator", nullptr, sizeof(LongRangeIterObject), 0,
        longrange_iter_trace);
    range_iterator_type.m_iternext = range_iternext;
    longrange_iterator_type.m_iternext = longrange_iternext;
    setup_slice_type();
}

void init_range_types()
{
    add_methods(&range_type, range_methods);
    add_getset(&range_type, "start", get_start);
    add_getset(&range_type, "stop", get_stop);
    add_getset(&range_type, "step", get_step);
    add_methods(&range_iterator_type, range_iter_methods);
    add_methods(&longrange_iterator_type, longrange_iter_methods);
    init_slice_type();
}

} // namespace pystm
