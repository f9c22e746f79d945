// The _signal module: Python-level signal handlers, run at the eval breaker.
//
// A signal whose handler was set from Python is caught by on_signal(), which is
// async-signal-safe: it marks the signal pending (an atomic flag per signal), writes the signal
// number to the set_wakeup_fd descriptor if there is one, and asks the main thread to stop at
// its eval breaker with vm::request_sigint(). The breaker calls signal_run_pending(), which runs
// the Python handlers of the pending signals on the main thread, as CPython does. When the
// breaker fires with no signal marked, the CLI's own SIGINT handler caused it (the program has
// not replaced SIGINT's handler): that raises KeyboardInterrupt.
//
// Invariant SIG-1: s_handlers[n] is the Python-visible handler of signal n (SIG_DFL 0, SIG_IGN 1,
// a callable, or None when a handler not installed from Python is in place); it is written only
// by signal.signal() on the main thread and is a GC root.
// Handlers receive None as their frame argument (pystm does not expose frame objects there yet).
#include "modules/signal_module.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/api.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "stm/stm.h"
#include "vm/eval_breaker.h"
#include "vm/thread_state.h"
#include "vm/transaction.h"
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <sys/time.h>
#include <unistd.h>

namespace pystm {

namespace {

constexpr int kNsig = 65; // Linux: signals 1..64
Value s_handlers[kNsig];
std::atomic<bool> s_pending[kNsig];
std::atomic<bool> s_any_pending { false };
std::atomic<int> s_wakeup_fd { -1 };
Value s_default_int_handler;
pthread_t s_main_thread;

// Async-signal-safe. Threads other than the main one block asynchronous signals
// (modules/thread_module.cpp), so this runs on the main thread, or on the thread that a
// simulated signal (signal_simulate) comes from.
void on_signal(int sig)
{
    int saved = errno;
    if (sig > 0 && sig < kNsig) {
        s_pending[sig].store(true, std::memory_order_relaxed);
        s_any_pending.store(true, std::memory_order_release);
    }
    int fd = s_wakeup_fd.load(std::memory_order_relaxed);
    if (fd >= 0) {
        unsigned char b = static_cast<unsigned char>(sig);
        ssize_t r = ::write(fd, &b, 1);
        (void)r;
    }
    vm::request_sigint();
    errno = saved;
}

int64_t signum_arg(Value v)
{
    int64_t n = py_index_i64(v);
    if (n < 1 || n >= kNsig)
        raise(&exc::ValueError, "signal number out of range");
    return n;
}

void check_main_thread(char const* what)
{
    if (!pthread_equal(pthread_self(), s_main_thread))
        raise(&exc::ValueError, "%s only works in main thread of the main interpreter", what);
}

Value sig_signal(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("signal", args, nargs, kw, { "signalnum", "handler", "/" }, 2, a);
    int64_t n = signum_arg(a[0]);
    check_main_thread("signal");
    Value handler = a[1];
    struct sigaction act;
    std::memset(&act, 0, sizeof act);
    sigemptyset(&act.sa_mask);
    int64_t code = -1;
    if (is_int(handler) && int_to_i64(handler, &code) && (code == 0 || code == 1)) {
        act.sa_handler = code == 0 ? SIG_DFL : SIG_IGN;
    } else if (py_callable(handler)) {
        act.sa_handler = on_signal;
    } else {
        raise(&exc::TypeError, "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
    }
    // SIGINT back to SIG_DFL keeps the process's KeyboardInterrupt path only when Python asked
    // for the default handler object (default_int_handler is a callable: on_signal handles it).
    vm::transaction_irreversible(); // the process's signal table and s_handlers are not undone
    if (::sigaction(static_cast<int>(n), &act, nullptr) < 0)
        raise_os_error(errno);
    Value old = s_handlers[n];
    s_handlers[n] = handler;
    return old ? old : none();
}

Value sig_getsignal(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("getsignal", nargs, kw, 1, 1);
    int64_t n = signum_arg(args[0]);
    Value h = s_handlers[n];
    return h ? h : none();
}

Value sig_default_int_handler(Value, Value const*, size_t, TupleObject*)
{
    raise_value(Value(&exc::KeyboardInterrupt));
}

Value sig_valid_signals(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("valid_signals", nargs, kw, 0, 0);
    sigset_t all;
    sigfillset(&all);
    SetObject* s = set_new();
    for (int i = 1; i < kNsig; i++)
        if (sigismember(&all, i) == 1)
            set_add(s, Value::small_int(i));
    return Value(s);
}

Value sig_alarm(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("alarm", nargs, kw, 1, 1);
    int64_t secs = py_index_i64(args[0]);
    vm::transaction_irreversible();
    return int_from_i64(static_cast<int64_t>(::alarm(static_cast<unsigned>(secs))));
}

Value sig_pause(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("pause", nargs, kw, 0, 0);
    ::pause(); // the handlers run at the next eval breaker poll, right after this call
    return none();
}

Value sig_raise_signal(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("raise_signal", nargs, kw, 1, 1);
    int64_t n = signum_arg(args[0]);
    vm::transaction_irreversible();
    // Other threads block asynchronous signals, so one raised there would stay pending on it:
    // it goes to the main thread, where CPython's handlers run too.
    int err = pthread_equal(pthread_self(), s_main_thread)
        ? (::raise(static_cast<int>(n)) != 0 ? errno : 0)
        : ::pthread_kill(s_main_thread, static_cast<int>(n));
    if (err != 0)
        raise_os_error(err);
    signal_check_interrupt(); // as CPython: the handler runs before raise_signal() returns
    return none();
}

Value sig_strsignal(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("strsignal", nargs, kw, 1, 1);
    int64_t n = signum_arg(args[0]);
    char const* s = ::strsignal(static_cast<int>(n));
    if (!s || std::strncmp(s, "Unknown signal", 14) == 0 || std::strncmp(s, "Real-time signal", 16) == 0)
        return none();
    return Value(str_from_utf8(s));
}

Value sig_set_wakeup_fd(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("set_wakeup_fd", args, nargs, kw, { "fd", "/", "*", "warn_on_full_buffer" }, 1, a);
    int64_t fd = py_index_i64(a[0]);
    check_main_thread("set_wakeup_fd");
    if (fd != -1) {
        if (::fcntl(static_cast<int>(fd), F_GETFL) < 0)
            raise(&exc::ValueError, "the fd %lld must be in non-blocking mode", static_cast<long long>(fd));
        if (!(::fcntl(static_cast<int>(fd), F_GETFL) & O_NONBLOCK))
            raise(&exc::ValueError, "the fd %lld must be in non-blocking mode", static_cast<long long>(fd));
    }
    vm::transaction_irreversible();
    return int_from_i64(s_wakeup_fd.exchange(static_cast<int>(fd)));
}

Value sig_siginterrupt(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("siginterrupt", nargs, kw, 2, 2);
    int64_t n = signum_arg(args[0]);
    bool flag = py_truthy(args[1]);
    vm::transaction_irreversible();
    struct sigaction act;
    if (::sigaction(static_cast<int>(n), nullptr, &act) < 0)
        raise_os_error(errno);
    if (flag)
        act.sa_flags &= ~SA_RESTART;
    else
        act.sa_flags |= SA_RESTART;
    if (::sigaction(static_cast<int>(n), &act, nullptr) < 0)
        raise_os_error(errno);
    return none();
}

Value timeval_float(timeval const& tv) { return float_new(static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6); }

timeval float_timeval(double d)
{
    timeval tv;
    tv.tv_sec = static_cast<time_t>(d);
    tv.tv_usec = static_cast<suseconds_t>((d - static_cast<double>(tv.tv_sec)) * 1e6);
    return tv;
}

Value sig_setitimer(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("setitimer", nargs, kw, 2, 3);
    int which = static_cast<int>(py_index_i64(args[0]));
    itimerval nv, ov;
    nv.it_value = float_timeval(py_float_as_double(args[1]));
    nv.it_interval = float_timeval(nargs > 2 ? py_float_as_double(args[2]) : 0.0);
    vm::transaction_irreversible();
    if (::setitimer(which, &nv, &ov) < 0)
        raise_os_error(errno);
    return Value(tuple_of({ timeval_float(ov.it_value), timeval_float(ov.it_interval) }));
}

Value sig_getitimer(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("getitimer", nargs, kw, 1, 1);
    int which = static_cast<int>(py_index_i64(args[0]));
    itimerval v;
    if (::getitimer(which, &v) < 0)
        raise_os_error(errno);
    return Value(tuple_of({ timeval_float(v.it_value), timeval_float(v.it_interval) }));
}

MethodDef const s_signal_methods[] = {
    { "signal", sig_signal },
    { "getsignal", sig_getsignal },
    { "default_int_handler", sig_default_int_handler },
    { "valid_signals", sig_valid_signals },
    { "alarm", sig_alarm },
    { "pause", sig_pause },
    { "raise_signal", sig_raise_signal },
    { "strsignal", sig_strsignal },
    { "set_wakeup_fd", sig_set_wakeup_fd },
    { "siginterrupt", sig_siginterrupt },
    { "setitimer", sig_setitimer },
    { "getitimer", sig_getitimer },
    { nullptr, nullptr },
};

struct SigConst {
    char const* name;
    int value;
};

SigConst const s_signal_constants[] = {
    { "SIGHUP", SIGHUP }, { "SIGINT", SIGINT }, { "SIGQUIT", SIGQUIT }, { "SIGILL", SIGILL },
    { "SIGTRAP", SIGTRAP }, { "SIGABRT", SIGABRT }, { "SIGIOT", SIGIOT }, { "SIGBUS", SIGBUS },
    { "SIGFPE", SIGFPE }, { "SIGKILL", SIGKILL }, { "SIGUSR1", SIGUSR1 }, { "SIGSEGV", SIGSEGV },
    { "SIGUSR2", SIGUSR2 }, { "SIGPIPE", SIGPIPE }, { "SIGALRM", SIGALRM }, { "SIGTERM", SIGTERM },
    { "SIGSTKFLT", SIGSTKFLT }, { "SIGCHLD", SIGCHLD }, { "SIGCONT", SIGCONT }, { "SIGSTOP", SIGSTOP },
    { "SIGTSTP", SIGTSTP }, { "SIGTTIN", SIGTTIN }, { "SIGTTOU", SIGTTOU }, { "SIGURG", SIGURG },
    { "SIGXCPU", SIGXCPU }, { "SIGXFSZ", SIGXFSZ }, { "SIGVTALRM", SIGVTALRM }, { "SIGPROF", SIGPROF },
    { "SIGWINCH", SIGWINCH }, { "SIGIO", SIGIO }, { "SIGPOLL", SIGPOLL }, { "SIGPWR", SIGPWR },
    { "SIGSYS", SIGSYS }, { "SIGRTMIN", 34 }, { "SIGRTMAX", 64 }, { "SIG_DFL", 0 }, { "SIG_IGN", 1 },
    { "NSIG", kNsig }, { "SIG_BLOCK", SIG_BLOCK }, { "SIG_UNBLOCK", SIG_UNBLOCK }, { "SIG_SETMASK", SIG_SETMASK },
    { "ITIMER_REAL", ITIMER_REAL }, { "ITIMER_VIRTUAL", ITIMER_VIRTUAL }, { "ITIMER_PROF", ITIMER_PROF },
};

} // namespace

void signal_run_pending()
{
    // The pending marks (and the breaker bit the caller cleared) are consumed here, outside the
    // heap: an abort after that would lose the signal, its handler's effects or the
    // KeyboardInterrupt. If becoming inevitable aborts, the breaker is asked to come back.
    try {
        vm::transaction_irreversible();
    } catch (stm::StmAbort&) {
        vm::request_sigint();
        throw;
    }
    if (!s_any_pending.exchange(false, std::memory_order_acquire)) {
        raise_value(Value(&exc::KeyboardInterrupt)); // the CLI's SIGINT handler (see above)
    }
    for (int i = 1; i < kNsig; i++) {
        if (!s_pending[i].exchange(false, std::memory_order_relaxed))
            continue;
        Value h = s_handlers[i];
        if (!h || !py_callable(h))
            continue;
        Value argv[] = { Value::small_int(i), none() };
        try {
            py_call(h, argv, 2);
        } catch (PyError&) {
            // The handler raised: the signals still marked run at the next breaker.
            for (int j = i + 1; j < kNsig; j++)
                if (s_pending[j].load(std::memory_order_relaxed)) {
                    s_any_pending.store(true, std::memory_order_release);
                    vm::request_sigint();
                    break;
                }
            throw;
        }
    }
}

void signal_simulate(int sig) { on_signal(sig); }

// For blocking calls interrupted by a signal (EINTR): runs what the eval breaker would run
// now (Python handlers, KeyboardInterrupt), so that the call can raise or retry (PEP 475).
void signal_check_interrupt()
{
    ThreadState* ts = tstate();
    if (!ts || !(ts->m_eval_breaker.load(std::memory_order_relaxed) & vm::EB_SIGINT))
        return;
    ts->m_eval_breaker.fetch_and(~uint32_t(vm::EB_SIGINT), std::memory_order_relaxed);
    signal_run_pending();
}

ModuleObject* init_signal_module()
{
    ModuleObject* m = module_new("_signal");
    DictObject* d = m->m_dict;
    s_main_thread = pthread_self();
    for (MethodDef const* def = s_signal_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    for (SigConst const& c : s_signal_constants)
        dict_set_cstr(d, c.name, Value::small_int(c.value));
    Value ith = dict_get_cstr(d, "default_int_handler");
    s_default_int_handler = ith;
    gc::add_root(&s_default_int_handler);
    // The handlers in place at start-up, as Python sees them (SIG-1).
    for (int i = 1; i < kNsig; i++) {
        gc::add_root(&s_handlers[i]);
        struct sigaction cur;
        if (::sigaction(i, nullptr, &cur) < 0)
            continue;
        if (cur.sa_handler == SIG_DFL)
            s_handlers[i] = Value::small_int(0);
        else if (cur.sa_handler == SIG_IGN)
            s_handlers[i] = Value::small_int(1);
        else
            s_handlers[i] = none();
    }
    // SIGINT: the CLI raises KeyboardInterrupt for it, which is default_int_handler's behaviour.
    struct sigaction cur;
    if (::sigaction(SIGINT, nullptr, &cur) == 0 && cur.sa_handler != SIG_DFL && cur.sa_handler != SIG_IGN)
        s_handlers[SIGINT] = ith;
    DictObject* ns = dict_new();
    dict_set_str(ns, names::__module__, Value(str_from_ascii("signal")));
    TupleObject* bases = tuple_of({ Value(&exc::OSError) });
    dict_set_cstr(d, "ItimerError", Value(type_new(&type_type, str_from_ascii("itimer_error"), bases, ns, nullptr)));
    return m;
}

} // namespace pystm
