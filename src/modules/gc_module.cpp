// The gc module: collect() runs the tracing collector (gc/heap.h), and every collection calls
// gc.callbacks (run_callbacks); the generational knobs of CPython's collector (thresholds,
// counts, freezing) are accepted and reported with plausible values, since pystm's collector is
// not generational.
// enable()/disable() only record the state that isenabled() reports: the heap collects when its
// allocation threshold is reached either way (there is no reference cycle garbage that only the
// cyclic collector could find, so disabling it would not change program behaviour).
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "vm/frame.h"
#include "vm/traceback.h"
#include "vm/transaction.h"
#include <cstring>

namespace pystm {

namespace {

// C++ state, not rolled back by an abort: the functions that change it make the transaction
// inevitable first.
bool s_enabled = true;
int64_t s_threshold[3] = { 700, 10, 10 };
Value s_garbage, s_callbacks;

// gc::set_collect_callback(): calls each of gc.callbacks with ("start" or "stop", info) around
// every collection, automatic ones included, as CPython does; an exception a callback raises is
// reported as unraisable. [freed] counts every object the collection freed (pystm has no
// reference counts, so they all reach the collector); CPython counts its cycles only.
void run_callbacks(bool start, size_t freed)
{
    auto* list = s_callbacks.as<ListObject>();
    if (list_size(list) == 0)
        return;
    gc::RootedValues cbs;
    for (int64_t i = 0; i < list_size(list); i++)
        cbs.push_back(list_get(list, i));
    DictObject* info = dict_new();
    dict_set_cstr(info, "generation", Value::small_int(2));
    dict_set_cstr(info, "collected", int_from_u64(freed));
    dict_set_cstr(info, "uncollectable", Value::small_int(0));
    Value args[2] = { Value(str_from_ascii(start ? "start" : "stop")), Value(info) };
    for (Value cb : cbs) {
        try {
            py_call(cb, args, 2);
        } catch (PyError&) {
            write_unraisable(take_exception(), nullptr, cb);
        }
    }
}

// Zeroes the unused C++ stack just below the caller's frame. The collector scans the stack
// conservatively (GC-1), and the frames of gc.collect() and the collector reuse stack that
// earlier, deeper calls (an allocation, a call's argument binding) left their pointers in: a
// slot those frames never write would keep a dead object alive through the collection that
// the program asked for to free it. Not called once the stack is nearly used up
// (cpp_stack_low), so the zeroed part lies within the stack or its RecursionError reserve
// (kStackReserve, larger).
__attribute__((noinline)) void scrub_stack_below()
{
    char buf[64 * 1024];
    std::memset(buf, 0, sizeof buf);
    asm volatile("" : : "r"(buf) : "memory"); // the stores must happen
}

Value gc_collect(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[1];
    parse_args("collect", args, nargs, kwnames, { "generation" }, 0, a);
    if (a[0]) {
        int64_t g = py_index_i64(a[0]);
        if (g < 0 || g > 2)
            raise(&exc::ValueError, "invalid generation");
    }
    // With parallel transactions the running attempt's undo records keep the state it replaced
    // alive (UNDO-3); an inevitable transaction has none, so an explicit collection frees what
    // the program dropped, as CPython's does.
    vm::transaction_irreversible();
    if (!vm::cpp_stack_low())
        scrub_stack_below();
    return int_from_u64(gc::collect());
}

Value gc_enable(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("enable", nargs, kwnames, 0, 0);
    vm::transaction_irreversible();
    s_enabled = true;
    return none();
}

Value gc_disable(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("disable", nargs, kwnames, 0, 0);
    vm::transaction_irreversible();
    s_enabled = false;
    return none();
}

Value gc_isenabled(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("isenabled", nargs, kwnames, 0, 0);
    return py_bool(s_enabled);
}

Value gc_get_count(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_count", nargs, kwnames, 0, 0);
    return tuple_of({ Value::small_int(0), Value::small_int(0), Value::small_int(0) });
}

Value gc_get_threshold(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_threshold", nargs, kwnames, 0, 0);
    return tuple_of({ int_from_i64(s_threshold[0]), int_from_i64(s_threshold[1]), int_from_i64(s_threshold[2]) });
}

Value gc_set_threshold(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "set_threshold() takes no keyword arguments");
    if (nargs < 1 || nargs > 3)
        raise(&exc::TypeError, "set_threshold() takes at least 1 argument (%zu given)", nargs);
    int64_t t[3];
    for (size_t i = 0; i < nargs; i++)
        t[i] = py_index_i64(args[i]);
    vm::transaction_irreversible();
    for (size_t i = 0; i < nargs; i++)
        s_threshold[i] = t[i];
    return none();
}

Value gc_get_stats(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_stats", nargs, kwnames, 0, 0);
    ListObject* out = list_new();
    gc::Stats st = gc::stats();
    for (int g = 0; g < 3; g++) {
        DictObject* d = dict_new();
        dict_set_cstr(d, "collections", int_from_u64(g == 2 ? st.collections : 0));
        dict_set_cstr(d, "collected", Value::small_int(0));
        dict_set_cstr(d, "uncollectable", Value::small_int(0));
        list_append(out, Value(d));
    }
    return Value(out);
}

Value gc_is_tracked(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("is_tracked", nargs, kwnames, 1, 1);
    Value v = args[0];
    // CPython tracks containers only; atomic immutable values are never tracked.
    if (v.is_small_int() || is_int(v) || is_str(v) || is_none(v) || is_float(v) || is_bytes(v))
        return py_bool(false);
    return py_bool(true);
}

Value gc_is_finalized(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("is_finalized", nargs, kwnames, 1, 1);
    return py_bool(false);
}

Value gc_freeze(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("freeze", nargs, kwnames, 0, 0);
    return none();
}

Value gc_get_freeze_count(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_freeze_count", nargs, kwnames, 0, 0);
    return Value::small_int(0);
}

Value gc_get_debug(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_debug", nargs, kwnames, 0, 0);
    return Value::small_int(0);
}

Value gc_set_debug(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("set_debug", nargs, kwnames, 1, 1);
    py_index_i64(args[0]);
    return none();
}

Value gc_unsupported(Value, Value const*, size_t, TupleObject*)
{
    raise(&exc::NotImplementedError, "pystm's collector does not expose its object graph");
}

MethodDef const s_gc_methods[] = {
    { "collect", gc_collect },
    { "enable", gc_enable },
    { "disable", gc_disable },
    { "isenabled", gc_isenabled },
    { "get_count", gc_get_count },
    { "get_threshold", gc_get_threshold },
    { "set_threshold", gc_set_threshold },
    { "get_stats", gc_get_stats },
    { "is_tracked", gc_is_tracked },
    { "is_finalized", gc_is_finalized },
    { "freeze", gc_freeze },
    { "unfreeze", gc_freeze },
    { "get_freeze_count", gc_get_freeze_count },
    { "get_debug", gc_get_debug },
    { "set_debug", gc_set_debug },
    { "get_objects", gc_unsupported },
    { "get_referrers", gc_unsupported },
    { "get_referents", gc_unsupported },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* init_gc_module()
{
    ModuleObject* m = module_new("gc");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, Value(str_from_ascii("This module provides access to the garbage collector for reference cycles.\n")));
    for (MethodDef const* def = s_gc_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    if (!s_garbage) {
        vm::transaction_irreversible(); // the globals below are set once and never undone
        s_garbage = Value(list_new());
        s_callbacks = Value(list_new());
        gc::add_root(&s_garbage);
        gc::add_root(&s_callbacks);
        gc::set_collect_callback(run_callbacks);
    }
    dict_set_cstr(d, "garbage", s_garbage);
    dict_set_cstr(d, "callbacks", s_callbacks);
    dict_set_cstr(d, "DEBUG_STATS", Value::small_int(1));
    dict_set_cstr(d, "DEBUG_COLLECTABLE", Value::small_int(2));
    dict_set_cstr(d, "DEBUG_UNCOLLECTABLE", Value::small_int(4));
    dict_set_cstr(d, "DEBUG_SAVEALL", Value::small_int(32));
    dict_set_cstr(d, "DEBUG_LEAK", Value::small_int(38));
    return m;
}

} // namespace pystm
