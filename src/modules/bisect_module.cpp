// The _bisect module: CPython's C accelerator of bisect.py (bisect_left, bisect_right,
// insort_left, insort_right), which bisect.py imports over its pure-Python definitions. Keeping
// it native gives the same argument checking and error messages as CPython (Argument Clinic's
// wording, the index conversion of lo and hi) and avoids a Python-level loop per probe.
//
// The functions keep no state. The sequence is read through the ordinary protocols (len(),
// __getitem__, insert()), so the barriers are those of the objects' own operations.
#include "builtins/builtins.h"
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"

namespace pystm {

namespace {

struct Bounds {
    int64_t lo;
    int64_t hi;
};

// lo and hi as CPython converts them: lo a Py_ssize_t that must not be negative, hi None (or
// absent) for len(a), else an object with __index__ (_Py_convert_optional_to_ssize_t).
Bounds bounds(Value seq, Value lo, Value hi)
{
    Bounds b { 0, -1 };
    if (lo)
        b.lo = py_ssize_arg(lo);
    if (hi && !is_none(hi)) {
        Value index = type_of(hi)->special(SP_index);
        if (!index || is_none(index))
            raise(&exc::TypeError, "argument should be integer or None, not '%s'", type_name(hi).c_str());
        b.hi = py_index_i64(hi);
    }
    if (b.lo < 0)
        raise(&exc::ValueError, "lo must be non-negative");
    if (b.hi == -1)
        b.hi = py_len(seq);
    return b;
}

Value probe(Value seq, int64_t i, Value key)
{
    Value item = py_getitem(seq, int_from_i64(i));
    if (key && !is_none(key))
        item = py_call(key, &item, 1);
    return item;
}

int64_t bisect_right_index(Value seq, Value x, Bounds b, Value key)
{
    int64_t lo = b.lo, hi = b.hi;
    while (lo < hi) {
        auto mid = static_cast<int64_t>(
            (static_cast<uint64_t>(lo) + static_cast<uint64_t>(hi)) / 2);
        if (py_compare_bool(x, probe(seq, mid, key), CMP_LT))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

int64_t bisect_left_index(Value seq, Value x, Bounds b, Value key)
{
    int64_t lo = b.lo, hi = b.hi;
    while (lo < hi) {
        auto mid = static_cast<int64_t>(
            (static_cast<uint64_t>(lo) + static_cast<uint64_t>(hi)) / 2);
        if (py_compare_bool(probe(seq, mid, key), x, CMP_LT))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

template <bool Right>
Value bisect_fn(char const* name, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[5];
    parse_args(name, args, nargs, kwnames, { "a", "x", "lo", "hi", "*", "key" }, 2, a);
    Bounds b = bounds(a[0], a[2], a[3]);
    int64_t i = Right ? bisect_right_index(a[0], a[1], b, a[4])
                      : bisect_left_index(a[0], a[1], b, a[4]);
    return int_from_i64(i);
}

template <bool Right>
Value insort_fn(char const* name, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[5];
    parse_args(name, args, nargs, kwnames, { "a", "x", "lo", "hi", "*", "key" }, 2, a);
    Bounds b = bounds(a[0], a[2], a[3]);
    // The key applies to the items and to x, which is inserted itself.
    Value k = a[1];
    if (a[4] && !is_none(a[4]))
        k = py_call(a[4], &a[1], 1);
    int64_t i = Right ? bisect_right_index(a[0], k, b, a[4]) : bisect_left_index(a[0], k, b, a[4]);
    Value insert_args[] = { int_from_i64(i), a[1] };
    py_call_method(a[0], intern("insert"), insert_args, 2);
    return none();
}

Value bs_bisect_right(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    return bisect_fn<true>("bisect_right", args, nargs, kw);
}
Value bs_bisect_left(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    return bisect_fn<false>("bisect_left", args, nargs, kw);
}
Value bs_insort_right(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    return insort_fn<true>("insort_right", args, nargs, kw);
}
Value bs_insort_left(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    return insort_fn<false>("insort_left", args, nargs, kw);
}

MethodDef const s_bisect_methods[] = {
    { "bisect_right", bs_bisect_right, METH_DEFAULT,
        "bisect_right($module, /, a, x, lo=0, hi=None, *, key=None)\n--\n\nReturn the index where to insert item x in list a, assuming a is sorted.\n\nThe return value i is such that all e in a[:i] have e <= x, and all e in\na[i:] have e > x.  So if x already appears in the list, a.insert(i, x) will\ninsert just after the rightmost x already there.\n\nOptional args lo (default 0) and hi (default len(a)) bound the\nslice of a to be searched." },
    { "insort_right", bs_insort_right, METH_DEFAULT,
        "insort_right($module, /, a, x, lo=0, hi=None, *, key=None)\n--\n\nInsert item x in list a, and keep it sorted assuming a is sorted.\n\nIf x is already in a, insert it to the right of the rightmost x.\n\nOptional args lo (default 0) and hi (default len(a)) bound the\nslice of a to be searched." },
    { "bisect_left", bs_bisect_left, METH_DEFAULT,
        "bisect_left($module, /, a, x, lo=0, hi=None, *, key=None)\n--\n\nReturn the index where to insert item x in list a, assuming a is sorted.\n\nThe return value i is such that all e in a[:i] have e < x, and all e in\na[i:] have e >= x.  So if x already appears in the list, a.insert(i, x) will\ninsert just before the leftmost x already there.\n\nOptional args lo (default 0) and hi (default len(a)) bound the\nslice of a to be searched." },
    { "insort_left", bs_insort_left, METH_DEFAULT,
        "insort_left($module, /, a, x, lo=0, hi=None, *, key=None)\n--\n\nInsert item x in list a, and keep it sorted assuming a is sorted.\n\nIf x is already in a, insert it to the left of the leftmost x.\n\nOptional args lo (default 0) and hi (default len(a)) bound the\nslice of a to be searched." },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* init_bisect_module()
{
    ModuleObject* m = module_new("_bisect");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, Value(str_from_ascii("Bisection algorithms.\n\nThis module provides support for maintaining a list in sorted order without\nhaving to sort the list after each insertion. For long lists of items with\nexpensive comparison operations, this can be an improvement over the more\ncommon approach.\n")));
    for (MethodDef const* def = s_bisect_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    return m;
}

} // namespace pystm
