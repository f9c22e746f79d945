// The _pystm module: the interpreter side of the `pystm` package (lib/pystm/__init__.py), which
// wraps it in the user API (pystm.atomic, exclusive_atomic, is_atomic, hint_commit_soon,
// getsegmentlimit, last_abort_info, statistics).
//
//   _atomic_enter() / _atomic_exit()   nest the calling thread's atomic block (TX-3): while the
//                                      depth is positive its transaction never ends
//   is_atomic()                        the nesting depth (0 outside atomic blocks)
//   hint_commit_soon()                 ends the transaction at the next eval-breaker poll
//   getsegmentlimit()                  how many threads run transactions in parallel
//   last_abort_info()                  the calling thread's most recent abort, or None
//   statistics()                       counters and times of the interpreter's transactions
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/function_object.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/module_object.h"
#include "objects/str_object.h"
#include "vm/eval_breaker.h"
#include "vm/thread_state.h"
#include "vm/transaction.h"

namespace pystm {

namespace {

Value atomic_enter(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_atomic_enter", nargs, kw, 0, 0);
    tstate()->m_atomic_depth++;
    return none();
}

Value atomic_exit(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_atomic_exit", nargs, kw, 0, 0);
    ThreadState* ts = tstate();
    if (ts->m_atomic_depth <= 0)
        raise(&exc::RuntimeError, "not inside an atomic block");
    ts->m_atomic_depth--;
    return none();
}

Value is_atomic(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("is_atomic", nargs, kw, 0, 0);
    return Value::small_int(tstate()->m_atomic_depth);
}

Value hint_commit_soon(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("hint_commit_soon", nargs, kw, 0, 0);
    ThreadState* ts = tstate();
    ts->m_commit_soon = true;
    ts->m_eval_breaker.fetch_or(vm::EB_TX_SWITCH, std::memory_order_relaxed);
    return none();
}

Value getsegmentlimit(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("getsegmentlimit", nargs, kw, 0, 0);
    // Transactions are serialized by the run token (vm/transaction.h): one runs at a time.
    return Value::small_int(1);
}

Value last_abort_info(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("last_abort_info", nargs, kw, 0, 0);
    // Serialized transactions never conflict, so no transaction has ever aborted.
    return none();
}

Value statistics(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("statistics", nargs, kw, 0, 0);
    vm::TxStats s = vm::transaction_stats();
    DictObject* d = dict_new();
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

MethodDef const s_methods[] = {
    { "_atomic_enter", atomic_enter },
    { "_atomic_exit", atomic_exit },
    { "is_atomic", is_atomic, METH_DEFAULT, "is_atomic() -> int\n\nThe nesting depth of atomic blocks of the calling thread (0 outside)." },
    { "hint_commit_soon", hint_commit_soon, METH_DEFAULT, "hint_commit_soon()\n\nEnd the current transaction at the next opportunity (not inside atomic)." },
    { "getsegmentlimit", getsegmentlimit, METH_DEFAULT, "getsegmentlimit() -> int\n\nHow many threads run transactions in parallel." },
    { "last_abort_info", last_abort_info, METH_DEFAULT, "last_abort_info() -> dict or None\n\nThe calling thread's most recent abort." },
    { "statistics", statistics, METH_DEFAULT, "statistics() -> dict\n\nCounters and times of the transactions of all threads." },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* init_pystm_module()
{
    ModuleObject* m = module_new("_pystm");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, str_from_ascii("Interpreter side of the pystm package."));
    for (MethodDef const* def = s_methods; def->name; def++)
        dict_set_cstr(d, def->name, builtin_function_new(def, m));
    return m;
}

} // namespace pystm
