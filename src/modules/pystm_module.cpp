// The _pystm module: the interpreter side of the `pystm` package (lib/pystm/__init__.py), which
// wraps it in the user API (pystm.atomic, exclusive_atomic, is_atomic, hint_commit_soon,
// getsegmentlimit, last_abort_info, statistics).
//
//   atomic, exclusive_atomic           the context managers of pystm.atomic (a native type:
//                                      entering and leaving a block are two builtin calls, not
//                                      two Python frames; a TransactionQueue takes each call in
//                                      one); exclusive_atomic refuses to nest
//   _atomic_enter() / _atomic_exit()   the same nesting as plain calls (lib/_io.py)
//   is_atomic()                        the nesting depth (0 outside atomic blocks)
//   hint_commit_soon()                 ends the transaction at the next eval-breaker poll
//   _between_calls()                   between two calls of a TransactionQueue worker: ends the
//                                      transaction once it has run enough of them (TQ-6)
//   getsegmentlimit()                  how many threads run transactions in parallel
//   last_abort_info()                  the calling thread's most recent abort, or None
//   statistics()                       counters and times of the interpreter's transactions
//   count()                            a process-wide counter, outside the transactions
//   time() / clock()                   time.time() / time.perf_counter(), read directly
//   _per_key(d)                        marks dict [d] contended: with several threads running,
//                                      its first write gives it per-key stripes (DICT-9, DICT-10)
//
// count(), time() and clock() read no transactional object and write none: they never cause a
// conflict and never make the transaction inevitable. Their values are not transactional
// either: an attempt that aborts has taken a number (or read the clock) for nothing, and the
// re-run takes the next one.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/module_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "stm/stm.h"
#include "vm/eval_breaker.h"
#include "vm/stm_client.h"
#include "vm/stm_location.h"
#include "vm/thread_state.h"
#include "vm/transaction.h"

#include <atomic>
#include <ctime>
#include <unistd.h>

namespace pystm {

Type atomic_type { &type_type };

namespace {

// An atomic block's context manager. Immutable (OBJ-1): its one field is set at construction.
struct AtomicObject : Object {
    bool m_exclusive;
    AtomicObject(Type* t, bool exclusive)
        : Object(t)
        , m_exclusive(exclusive)
    {
    }
};

// The atomic nesting depth of the calling thread (TX-3): while it is positive the thread's
// transaction never ends.
void enter_atomic() { tstate()->m_atomic_depth++; }

void exit_atomic()
{
    ThreadState* ts = tstate();
    if (ts->m_atomic_depth <= 0)
        raise(&exc::RuntimeError, "not inside an atomic block");
    ts->m_atomic_depth--;
}

Value atomic_enter(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_atomic_enter", nargs, kw, 0, 0);
    enter_atomic();
    return none();
}

Value atomic_exit(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_atomic_exit", nargs, kw, 0, 0);
    exit_atomic();
    return none();
}

AtomicObject* as_atomic(Value self, char const* method)
{
    if (!self.is_object() || self.as_object()->m_type != &atomic_type)
        raise(&exc::TypeError,
            "descriptor '%s' requires a 'pystm.atomic' object but received a '%s'", method,
            type_name(self).c_str());
    return static_cast<AtomicObject*>(self.as_object());
}

Value am_enter(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__enter__", nargs, kw, 0, 0);
    if (as_atomic(self, "__enter__")->m_exclusive && tstate()->m_atomic_depth > 0)
        raise(&exc::RuntimeError, "exclusive_atomic block nested inside an atomic block");
    enter_atomic();
    return self;
}

// __exit__(exc_type, exc_value, traceback): leaves the block and lets an exception through.
Value am_exit(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__exit__", nargs, kw, 3, 3);
    as_atomic(self, "__exit__");
    exit_atomic();
    return py_bool(false);
}

Value am_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    return str_from_ascii(
        as_atomic(self, "__repr__")->m_exclusive ? "pystm.exclusive_atomic" : "pystm.atomic");
}

MethodDef const atomic_methods[] = {
    { "__enter__", am_enter, METH_DEFAULT,
        "Enter the atomic block: the block runs as one transaction." },
    { "__exit__", am_exit, METH_DEFAULT, "Leave the atomic block." },
    { "__repr__", am_repr },
    { nullptr, nullptr },
};

Value is_atomic(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("is_atomic", nargs, kw, 0, 0);
    return Value::small_int(tstate()->m_atomic_depth);
}

Value hint_commit_soon(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("hint_commit_soon", nargs, kw, 0, 0);
    vm::stm_request_commit_soon(tstate());
    return none();
}

Value between_calls(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_between_calls", nargs, kw, 0, 0);
    vm::stm_between_calls(tstate());
    return none();
}

Value getsegmentlimit(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("getsegmentlimit", nargs, kw, 0, 0);
    // Serial mode: the run token lets one transaction run at a time (vm/transaction.h).
    if (vm::g_tx_mode == vm::TxMode::Serial)
        return Value::small_int(1);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return Value::small_int(n > 0 ? n : 1);
}

char const* kind_key(stm::AbortKind k)
{
    switch (k) {
    case stm::AbortKind::WriteWrite: return "write_write";
    case stm::AbortKind::ReadLocked: return "read_locked";
    case stm::AbortKind::Validation: return "validation";
    case stm::AbortKind::ReadMostly: return "read_mostly";
    case stm::AbortKind::KilledByInevitable: return "killed_by_inevitable";
    case stm::AbortKind::InevitableRead: return "inevitable_read";
    case stm::AbortKind::Explicit: return "explicit";
    default: return "none";
    }
}

// (filename, line, function) of a location tag (vm/stm_location.h), or None if unknown.
Value location_tuple(uint64_t tag)
{
    vm::SourceLocation loc;
    if (!vm::resolve_location(tag, loc))
        return none();
    Value items[3] = { loc.filename ? Value(loc.filename) : none(), Value::small_int(loc.line),
        loc.function ? Value(loc.function) : none() };
    return Value(tuple_from(items, 3));
}

Value last_abort_info(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("last_abort_info", nargs, kw, 0, 0);
    if (!g_stm_active || !tstate()->m_stm_tx)
        return none(); // serialized transactions never conflict: nothing ever aborted
    stm::AbortInfo info = stm::last_abort_info();
    if (info.kind == stm::AbortKind::None)
        return none();
    DictObject* d = dict_new();
    dict_set_cstr(d, "kind", str_from_ascii(kind_key(info.kind)));
    dict_set_cstr(d, "type", info.object && info.object->m_type ? Value(str_from_utf8(info.object->m_type->name_str())) : none());
    dict_set_cstr(d, "time_lost", float_new(static_cast<double>(info.lost_ns) * 1e-9));
    dict_set_cstr(d, "location", location_tuple(info.my_location));
    dict_set_cstr(d, "other_location", location_tuple(info.other_location));
    return Value(d);
}

Value statistics(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("statistics", nargs, kw, 0, 0);
    vm::TxStats s = vm::transaction_stats();
    DictObject* d = dict_new();
    if (g_stm_active || vm::stm_was_engaged()) {
        // Parallel transactions: the STM runtime's counters (which stay after the STM went off
        // again, TX-5: the transactions of one thread are then not counted).
        stm::Stats st = stm::global_stats();
        dict_set_cstr(d, "commits", int_from_u64(st.commits));
        dict_set_cstr(d, "inevitable_commits", int_from_u64(st.inevitable_commits));
        dict_set_cstr(d, "switches", int_from_u64(s.switches));
        dict_set_cstr(d, "aborts", int_from_u64(st.total_aborts()));
        DictObject* kinds = dict_new();
        for (size_t k = 1; k < size_t(stm::AbortKind::Count); k++)
            dict_set_cstr(kinds, kind_key(stm::AbortKind(k)), int_from_u64(st.aborts[k]));
        dict_set_cstr(d, "aborts_by_kind", Value(kinds));
        dict_set_cstr(d, "time_committed", float_new(static_cast<double>(st.ns_committed) * 1e-9));
        dict_set_cstr(d, "time_aborted", float_new(static_cast<double>(st.ns_aborted) * 1e-9));
        dict_set_cstr(d, "time_waiting", float_new(static_cast<double>(st.ns_waiting + s.ns_waiting) * 1e-9));
        dict_set_cstr(d, "threads", Value::small_int(vm::live_threads()));
        return Value(d);
    }
    dict_set_cstr(d, "commits", int_from_u64(s.commits));
    dict_set_cstr(d, "switches", int_from_u64(s.switches));
    dict_set_cstr(d, "aborts", Value::small_int(0));
    DictObject* kinds = dict_new();
    for (char const* k : { "write_write", "read_locked", "validation", "read_mostly", "killed_by_inevitable",
             "inevitable_read", "explicit" })
        dict_set_cstr(kinds, k, Value::small_int(0));
    dict_set_cstr(d, "aborts_by_kind", Value(kinds));
    dict_set_cstr(d, "time_committed", float_new(static_cast<double>(s.ns_running) * 1e-9));
    dict_set_cstr(d, "time_aborted", float_new(0.0));
    dict_set_cstr(d, "time_waiting", float_new(static_cast<double>(s.ns_waiting) * 1e-9));
    dict_set_cstr(d, "threads", Value::small_int(vm::live_threads()));
    return Value(d);
}

// The next value of count(); one cache line shared by every thread, but no transactional object.
std::atomic<uint64_t> s_count { 0 };

Value count(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("count", nargs, kw, 0, 0);
    return int_from_u64(s_count.fetch_add(1, std::memory_order_relaxed));
}

double clock_seconds(clockid_t id)
{
    timespec t;
    clock_gettime(id, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// The clocks of time.time() and time.perf_counter() (modules/time_module.cpp).
Value stm_time(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("time", nargs, kw, 0, 0);
    return float_new(clock_seconds(CLOCK_REALTIME));
}

Value stm_clock(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("clock", nargs, kw, 0, 0);
    return float_new(clock_seconds(CLOCK_MONOTONIC));
}

Value per_key(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("_per_key", nargs, kw, 1, 1);
    if (!is_dict(args[0]))
        raise(&exc::TypeError, "_per_key() argument must be a dict");
    args[0].as<DictObject>()->m_contended.store(true, std::memory_order_relaxed); // a hint (principle 6)
    return none();
}

MethodDef const s_methods[] = {
    { "_per_key", per_key },
    { "_atomic_enter", atomic_enter },
    { "_atomic_exit", atomic_exit },
    { "_between_calls", between_calls },
    { "is_atomic", is_atomic, METH_DEFAULT,
        "is_atomic() -> int\n\nThe nesting depth of atomic blocks of the calling thread (0 "
        "outside)." },
    { "hint_commit_soon", hint_commit_soon, METH_DEFAULT,
        "hint_commit_soon()\n\nEnd the current transaction at the next opportunity (not inside "
        "atomic)." },
    { "getsegmentlimit", getsegmentlimit, METH_DEFAULT,
        "getsegmentlimit() -> int\n\nHow many threads run transactions in parallel." },
    { "last_abort_info", last_abort_info, METH_DEFAULT,
        "last_abort_info() -> dict or None\n\nThe calling thread's most recent abort." },
    { "statistics", statistics, METH_DEFAULT,
        "statistics() -> dict\n\nCounters and times of the transactions of all threads." },
    { "count", count, METH_DEFAULT,
        "count() -> int\n\nA number distinct from every other call's, increasing in each thread; "
        "never conflicts." },
    { "time", stm_time, METH_DEFAULT,
        "time() -> float\n\ntime.time(), without making the transaction inevitable." },
    { "clock", stm_clock, METH_DEFAULT,
        "clock() -> float\n\ntime.perf_counter() (a monotonic clock), without making the "
        "transaction inevitable." },
    { nullptr, nullptr },
};

} // namespace

void setup_pystm_types()
{
    init_static_type(&atomic_type, "pystm.atomic", nullptr, sizeof(AtomicObject), TF_IMMUTABLE);
}

void init_pystm_types() { add_methods(&atomic_type, atomic_methods); }

ModuleObject* init_pystm_module()
{
    ModuleObject* m = module_new("_pystm");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, str_from_ascii("Interpreter side of the pystm package."));
    for (MethodDef const* def = s_methods; def->name; def++)
        dict_set_cstr(d, def->name, builtin_function_new(def, m));
    dict_set_cstr(d, "atomic", Value(gc::make<AtomicObject>(&atomic_type, false)));
    dict_set_cstr(d, "exclusive_atomic", Value(gc::make<AtomicObject>(&atomic_type, true)));
    return m;
}

} // namespace pystm
