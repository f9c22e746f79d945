// slice objects: construction, attributes, indices(), repr, comparisons, and slice_adjust(), the
// index arithmetic all sequences share. Immutable (OBJ-1); unhashable in 3.11.
//
// slice's type is set up from range_object.cpp (setup_range_types / init_range_types call
// setup_slice_type / init_slice_type), since bootstrap has no slice hook of its own.
#include "objects/slice_object.h"
#include "gc/heap.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/range_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"

namespace pystm {

Type slice_type { &type_type };

// Exact big-int arithmetic, as CPython's _PySlice_GetLongIndices.
void slice_indices_exact(
    SliceObject* s, Value length, Value* out_start, Value* out_stop, Value* out_step)
{
    Value zero = Value::small_int(0);
    Value step = Value::small_int(1);
    if (!is_none(s->m_step)) {
        if (!has_index(s->m_step))
            raise(&exc::TypeError,
                "slice indices must be integers or None or have an __index__ method");
        step = py_number_index(s->m_step);
        if (int_sign(step) == 0)
            raise(&exc::ValueError, "slice step cannot be zero");
    }
    bool neg = int_sign(step) < 0;
    Value lower = neg ? Value::small_int(-1) : zero;
    Value upper = neg ? int_add(length, lower) : length;
    auto resolve = [&](Value v, Value dflt) -> Value {
        if (is_none(v))
            return dflt;
        if (!has_index(v))
            raise(&exc::TypeError,
                "slice indices must be integers or None or have an __index__ method");
        Value x = py_number_index(v);
        if (int_sign(x) < 0) {
            x = int_add(x, length);
            if (int_compare(x, lower) < 0)
                x = lower;
        } else if (int_compare(x, upper) > 0) {
            x = upper;
        }
        return x;
    };
    *out_start = resolve(s->m_start, neg ? upper : lower);
    *out_stop = resolve(s->m_stop, neg ? lower : upper);
    *out_step = step;
}

namespace {

void slice_trace(Object* o, gc::Tracer& tr)
{
    auto* s = static_cast<SliceObject*>(o);
    tr.visit(s->m_start);
    tr.visit(s->m_stop);
    tr.visit(s->m_step);
}

int64_t slice_index(Value v)
{
    if (v.is_small_int())
        return v.as_small_int();
    if (!has_index(v))
        raise(&exc::TypeError, "slice indices must be integers or None or have an __index__ method");
    return py_index_clamped(v);
}

SliceObject* as_slice(Value v) { return v.as<SliceObject>(); }

Value s_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "slice() takes no keyword arguments");
    size_t n = nargs ? nargs - 1 : 0;
    if (n == 0)
        raise(&exc::TypeError, "slice expected at least 1 argument, got 0");
    if (n > 3)
        raise(&exc::TypeError, "slice expected at most 3 arguments, got %zu", n);
    if (n == 1)
        return slice_new(none(), args[1], none());
    return slice_new(args[1], args[2], n == 3 ? args[3] : none());
}

Value s_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    SliceObject* s = as_slice(self);
    std::string out = "slice(" + repr_utf8(s->m_start) + ", " + repr_utf8(s->m_stop) + ", "
        + repr_utf8(s->m_step) + ")";
    return str_from_utf8(out);
}

TupleObject* slice_as_tuple(SliceObject* s) { return tuple_of({ s->m_start, s->m_stop, s->m_step }); }

Value s_compare(Value self, Value const* args, size_t nargs, TupleObject* kw, CompareOp op)
{
    check_nargs("__eq__", nargs, kw, 1, 1);
    if (!is_slice(args[0]))
        return Value(g_not_implemented);
    if (self == args[0] && (op == CMP_EQ || op == CMP_NE))
        return py_bool(op == CMP_EQ);
    return py_richcompare(slice_as_tuple(as_slice(self)), slice_as_tuple(as_slice(args[0])), op);
}

Value s_eq(Value s, Value const* a, size_t n, TupleObject* k) { return s_compare(s, a, n, k, CMP_EQ); }
Value s_ne(Value s, Value const* a, size_t n, TupleObject* k) { return s_compare(s, a, n, k, CMP_NE); }
Value s_lt(Value s, Value const* a, size_t n, TupleObject* k) { return s_compare(s, a, n, k, CMP_LT); }
Value s_le(Value s, Value const* a, size_t n, TupleObject* k) { return s_compare(s, a, n, k, CMP_LE); }
Value s_gt(Value s, Value const* a, size_t n, TupleObject* k) { return s_compare(s, a, n, k, CMP_GT); }
Value s_ge(Value s, Value const* a, size_t n, TupleObject* k) { return s_compare(s, a, n, k, CMP_GE); }

// slice.indices(): the exact resolution above.
Value s_indices(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("indices", nargs, kw, 1, 1);
    Value length = py_number_index(args[0]);
    if (int_sign(length) < 0)
        raise(&exc::ValueError, "length should not be negative");
    Value start, stop, step;
    slice_indices_exact(as_slice(self), length, &start, &stop, &step);
    return tuple_of({ start, stop, step });
}

Value s_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    return tuple_of({ Value(&slice_type), Value(slice_as_tuple(as_slice(self))) });
}

Value get_start(Value self) { return as_slice(self)->m_start; }
Value get_stop(Value self) { return as_slice(self)->m_stop; }
Value get_step(Value self) { return as_slice(self)->m_step; }

const MethodDef slice_methods[] = {
    { "__new__", s_new, METH_STATIC },
    { "__repr__", s_repr },
    { "__eq__", s_eq },
    { "__ne__", s_ne },
    { "__lt__", s_lt },
    { "__le__", s_le },
    { "__gt__", s_gt },
    { "__ge__", s_ge },
    { "indices", s_indices },
    { "__reduce__", s_reduce },
    { nullptr, nullptr },
};

} // namespace

SliceObject* slice_new(Value start, Value stop, Value step)
{
    auto* s = gc::make<SliceObject>(&slice_type, start, stop, step);
    s->m_gc.fetch_or(OF_IMMUTABLE, std::memory_order_relaxed);
    return s;
}

int64_t slice_adjust(SliceObject* s, int64_t length, int64_t* start, int64_t* stop, int64_t* step)
{
    int64_t st = 1;
    if (!is_none(s->m_step)) {
        st = slice_index(s->m_step);
        if (st == 0)
            raise(&exc::ValueError, "slice step cannot be zero");
        // -INT64_MAX, so that -step cannot overflow.
        if (st < -INT64_MAX)
            st = -INT64_MAX;
    }
    int64_t b = is_none(s->m_start) ? (st < 0 ? INT64_MAX : 0) : slice_index(s->m_start);
    int64_t e = is_none(s->m_stop) ? (st < 0 ? INT64_MIN : INT64_MAX) : slice_index(s->m_stop);
    if (b < 0) {
        b += length;
        if (b < 0)
            b = st < 0 ? -1 : 0;
    } else if (b >= length) {
        b = st < 0 ? length - 1 : length;
    }
    if (e < 0) {
        e += length;
        if (e < 0)
            e = st < 0 ? -1 : 0;
    } else if (e >= length) {
        e = st < 0 ? length - 1 : length;
    }
    *start = b;
    *stop = e;
    *step = st;
    if (st < 0) {
        if (e < b)
            return (b - e - 1) / (-st) + 1;
    } else if (b < e) {
        return (e - b - 1) / st + 1;
    }
    return 0;
}

void setup_slice_type()
{
    init_static_type(&slice_type, "slice", nullptr, sizeof(SliceObject), TF_IMMUTABLE, slice_trace);
}

void init_slice_type()
{
    add_methods(&slice_type, slice_methods);
    add_type_attr(&slice_type, "__hash__", none());
    add_getset(&slice_type, "start", get_start);
    add_getset(&slice_type, "stop", get_stop);
    add_getset(&slice_type, "step", get_step);
}

} // namespace pystm
