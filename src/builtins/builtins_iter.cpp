// The iteration builtins: iter, next, sorted, min, max, sum, all, any (g_builtin_iter_methods).
//
// Messages follow CPython 3.11. sum() adds in order with plain IEEE addition for floats (3.11 has
// no compensated summation) and exact arithmetic for ints, as CPython's fast paths do.
#include "builtins/builtins.h"
#include "gc/heap.h"
#include "objects/bytes_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"

namespace pystm {

namespace {

Value b_iter(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "iter() takes no keyword arguments");
    if (nargs == 0)
        raise(&exc::TypeError, "iter expected at least 1 argument, got 0");
    if (nargs > 2)
        raise(&exc::TypeError, "iter expected at most 2 arguments, got %zu", nargs);
    if (nargs == 1)
        return py_iter(args[0]);
    if (!py_callable(args[0]))
        raise(&exc::TypeError, "iter(v, w): v must be callable");
    return callable_iter_new(args[0], args[1]);
}

Value b_next(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "next() takes no keyword arguments");
    if (nargs == 0)
        raise(&exc::TypeError, "next expected at least 1 argument, got 0");
    if (nargs > 2)
        raise(&exc::TypeError, "next expected at most 2 arguments, got %zu", nargs);
    Value it = args[0];
    Type* t = type_of(it);
    // With a default, the fast path may swallow the StopIteration. Without one, __next__ runs
    // so that its StopIteration (with a generator's return value) propagates unchanged.
    if (nargs == 2 && t->m_iternext && !t->has_flag(TF_HEAPTYPE)) {
        Value r = t->m_iternext(it.as_object());
        return r ? r : args[1];
    }
    if (!t->special(SP_next) || is_none(t->special(SP_next))) {
        if (t->m_iternext) {
            Value r = t->m_iternext(it.as_object());
            if (r)
                return r;
            if (nargs == 2)
                return args[1];
            raise_value(Value(&exc::StopIteration));
        }
        raise(&exc::TypeError, "'%s' object is not an iterator", type_name(it).c_str());
    }
    if (nargs == 1)
        return call_special_opt(it, SP_next, nullptr, 0); // its StopIteration propagates as is
    try {
        return call_special_opt(it, SP_next, nullptr, 0);
    } catch (PyError&) {
        if (!exception_matches(&exc::StopIteration))
            throw;
        take_exception();
        return args[1];
    }
}

Value b_sorted(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs != 1)
        raise(&exc::TypeError, "sorted expected 1 argument, got %zu", nargs);
    Value key, reverse;
    if (kwnames) {
        for (int64_t i = 0; i < kwnames->m_size; i++) {
            std::string name = str_utf8(kwnames->item(i));
            Value v = args[nargs + static_cast<size_t>(i)];
            if (name == "key")
                key = v;
            else if (name == "reverse")
                reverse = v;
            else
                raise(&exc::TypeError, "'%s' is an invalid keyword argument for sort()", name.c_str());
        }
    }
    ListObject* l = list_new();
    list_extend(l, args[0]);
    if (key && is_none(key))
        key = Value();
    list_sort(l, key, reverse ? py_truthy(reverse) : false);
    return l;
}

Value min_max(Value const* args, size_t nargs, TupleObject* kwnames, CompareOp op)
{
    char const* name = op == CMP_LT ? "min" : "max";
    Value key, dflt;
    if (kwnames) {
        for (int64_t i = 0; i < kwnames->m_size; i++) {
            std::string kw = str_utf8(kwnames->item(i));
            Value v = args[nargs + static_cast<size_t>(i)];
            if (kw == "key")
                key = v;
            else if (kw == "default")
                dflt = v;
            else
                raise(&exc::TypeError, "'%s' is an invalid keyword argument for %s()", kw.c_str(), name);
        }
    }
    if (nargs == 0)
        raise(&exc::TypeError, "%s expected at least 1 argument, got 0", name);
    if (nargs > 1 && dflt)
        raise(&exc::TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
    if (key && is_none(key))
        key = Value();
    Value best_item, best_val;
    auto consider = [&](Value item) {
        Value val = key ? py_call1(key, item) : item;
        if (!best_val || py_compare_bool(val, best_val, op)) {
            best_item = item;
            best_val = val;
        }
    };
    if (nargs == 1) {
        Value it = py_iter(args[0]);
        for (Value item; (item = iter_next_fast(it));)
            consider(item);
    } else {
        for (size_t i = 0; i < nargs; i++)
            consider(args[i]);
    }
    if (!best_val) {
        if (dflt)
            return dflt;
        raise(&exc::ValueError, "%s() arg is an empty sequence", name);
    }
    return best_item;
}

Value b_min(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    return min_max(args, nargs, kwnames, CMP_LT);
}

Value b_max(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    return min_max(args, nargs, kwnames, CMP_GT);
}

Value b_sum(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value out[2];
    parse_args("sum", args, nargs, kwnames, { "iterable", "/", "start" }, 1, out);
    Value result = out[1] ? out[1] : Value::small_int(0);
    if (is_str(result))
        raise(&exc::TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    if (is_bytes(result))
        raise(&exc::TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
    if (result.is_object() && result.as_object()->m_type->is_subtype(&bytearray_type))
        raise(&exc::TypeError, "sum() can't sum bytearray [use b''.join(seq) instead]");
    Value it = py_iter(out[0]);
    for (Value item; (item = iter_next_fast(it));) {
        if (result.is_small_int() && item.is_small_int()) {
            int64_t r = result.as_small_int() + item.as_small_int(); // 61-bit operands: no overflow
            result = int_from_i64(r);
            continue;
        }
        if (is_exact_float(result)) {
            if (is_exact_float(item)) {
                result = float_new(float_value(result) + float_value(item));
                continue;
            }
            if (item.is_small_int()) {
                result = float_new(float_value(result) + static_cast<double>(item.as_small_int()));
                continue;
            }
        }
        result = py_binary_op(result, item, NB_ADD);
    }
    return result;
}

Value b_all(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("all", nargs, kwnames, 1, 1);
    Value it = py_iter(args[0]);
    for (Value item; (item = iter_next_fast(it));)
        if (!py_truthy(item))
            return py_bool(false);
    return py_bool(true);
}

Value b_any(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("any", nargs, kwnames, 1, 1);
    Value it = py_iter(args[0]);
    for (Value item; (item = iter_next_fast(it));)
        if (py_truthy(item))
            return py_bool(true);
    return py_bool(false);
}

} // namespace

// The docstrings are CPython's: functools.update_wrapper copies them, and code (and tests)
// reads them.
MethodDef const g_builtin_iter_methods[] = {
    { "iter", b_iter, METH_DEFAULT,
        "iter(iterable) -> iterator\n"
        "iter(callable, sentinel) -> iterator\n"
        "\n"
        "Get an iterator from an object.  In the first form, the argument must\n"
        "supply its own iterator, or be a sequence.\n"
        "In the second form, the callable is called until it returns the sentinel." },
    { "next", b_next, METH_DEFAULT,
        "next(iterator[, default])\n"
        "\n"
        "Return the next item from the iterator. If default is given and the iterator\n"
        "is exhausted, it is returned instead of raising StopIteration." },
    { "sorted", b_sorted, METH_DEFAULT,
        "Return a new list containing all items from the iterable in ascending order.\n"
        "\n"
        "A custom key function can be supplied to customize the sort order, and the\n"
        "reverse flag can be set to request the result in descending order." },
    { "min", b_min, METH_DEFAULT,
        "min(iterable, *[, default=obj, key=func]) -> value\n"
        "min(arg1, arg2, *args, *[, key=func]) -> value\n"
        "\n"
        "With a single iterable argument, return its smallest item. The\n"
        "default keyword-only argument specifies an object to return if\n"
        "the provided iterable is empty.\n"
        "With two or more arguments, return the smallest argument." },
    { "max", b_max, METH_DEFAULT,
        "max(iterable, *[, default=obj, key=func]) -> value\n"
        "max(arg1, arg2, *args, *[, key=func]) -> value\n"
        "\n"
        "With a single iterable argument, return its biggest item. The\n"
        "default keyword-only argument specifies an object to return if\n"
        "the provided iterable is empty.\n"
        "With two or more arguments, return the largest argument." },
    { "sum", b_sum, METH_DEFAULT,
        "Return the sum of a 'start' value (default: 0) plus an iterable of numbers\n"
        "\n"
        "When the iterable is empty, return the start value.\n"
        "This function is intended specifically for use with numeric values and may\n"
        "reject non-numeric types." },
    { "all", b_all, METH_DEFAULT,
        "Return True if bool(x) is True for all values x in the iterable.\n"
        "\n"
        "If the iterable is empty, return True." },
    { "any", b_any, METH_DEFAULT,
        "Return True if bool(x) is True for any x in the iterable.\n"
        "\n"
        "If the iterable is empty, return False." },
    { nullptr, nullptr },
};

} // namespace pystm
