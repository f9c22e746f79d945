// The faulthandler module: dumps the Python tracebacks of the threads on a fatal signal
// (enable()), on demand (dump_traceback()), after a timeout (dump_traceback_later()) and on a
// user signal (register()), in CPython 3.11's formats.
//
// The dumps are written with write(2) to a file descriptor, without allocating or taking locks,
// so that the signal handlers can use the same code (dump_thread() and dump_all_threads()).
//
// Invariant FH-1: every file object whose descriptor a handler or the watchdog writes to is held
// in a GC root (s_fatal_file, s_user_file[], s_watch_file) for as long as that descriptor is in
// use, as CPython keeps a reference, so that its descriptor is not closed by the collector.
// Invariant FH-2: the C++ globals below are changed only by the main-line code of a transaction
// that became irreversible first (an abort would not undo them), and read by the signal
// handlers and the watchdog thread.
// Invariant FH-3: the watchdog is a pthread (not a Python thread, no ThreadState). s_watch_mutex
// guards its parameters; cancel_watchdog() joins it, so at most one exists at a time.
//
// Reading other threads' frames is racy, as in CPython's handlers: a thread may push or pop
// frames, or end, while it is dumped. What this relies on: the heap never returns memory to the
// system (a Frame, CodeObject or StrObject pointer read from a live chain stays readable even if
// the object dies meanwhile); a thread's frames are reached only through objects whose type
// pointer is checked first (frame_type, code_type, str_type), so a recycled slot is reported as
// "???" rather than misread; and every walk is bounded (100 threads, 100 frames, 500
// characters per name). A ThreadState freed by a thread that ends during the walk is the one
// remaining hazard, shared with CPython's handlers.
#include "base/fd_write.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/api.h"
#include "objects/code_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/module_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "vm/frame.h"
#include "vm/thread_state.h"
#include "vm/transaction.h"
#include <atomic>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <pthread.h>
#include <unistd.h>

namespace pystm {

namespace {

    constexpr int kNsig = 65; // Linux: signals 1..64
    constexpr int kMaxFrameDepth = 100; // CPython's MAX_FRAME_DEPTH
    constexpr int kMaxThreads = 100; // CPython's MAX_NTHREADS
    constexpr int64_t kMaxStringLength = 500; // CPython's MAX_STRING_LENGTH

    // ---- Async-signal-safe output ----

    void put(int fd, char const* s, size_t n) { write_fully(fd, s, n); }

    void put(int fd, char const* s) { put(fd, s, std::strlen(s)); }

    void put_decimal(int fd, uint64_t v)
    {
        char buf[24];
        char* p = buf + sizeof buf;
        do {
            *--p = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v);
        put(fd, p, static_cast<size_t>(buf + sizeof buf - p));
    }

    // [v] as [width] lowercase hex digits at least (CPython's _Py_DumpHexadecimal).
    void put_hex(int fd, uint64_t v, int width)
    {
        char buf[32];
        char* p = buf + sizeof buf;
        int n = 0;
        do {
            *--p = "0123456789abcdef"[v & 0xf];
            v >>= 4;
            n++;
        } while (v || n < width);
        put(fd, p, static_cast<size_t>(buf + sizeof buf - p));
    }

    // A str as CPython's _Py_DumpASCII writes it: printable ASCII as is, other code points escaped,
    // truncated to kMaxStringLength characters followed by "...".
    void put_str(int fd, StrObject const* s)
    {
        int64_t n = s->m_length;
        bool truncated = n > kMaxStringLength;
        if (truncated)
            n = kMaxStringLength;
        for (int64_t i = 0; i < n; i++) {
            uint32_t ch = s->at(i);
            if (ch >= ' ' && ch <= 126) {
                char c = static_cast<char>(ch);
                put(fd, &c, 1);
            } else if (ch <= 0xff) {
                put(fd, "\\x");
                put_hex(fd, ch, 2);
            } else if (ch <= 0xffff) {
                put(fd, "\\u");
                put_hex(fd, ch, 4);
            } else {
                put(fd, "\\U");
                put_hex(fd, ch, 8);
            }
        }
        if (truncated)
            put(fd, "...");
    }

    // ---- Tracebacks (async-signal-safe; see the file comment for what the reads rely on) ----

    bool is_exact(Object const* o, Type const* t) { return o && o->m_type == t; }

    void put_str_or_unknown(int fd, StrObject const* s, bool quoted)
    {
        if (!is_exact(s, &str_type)) {
            put(fd, "???");
            return;
        }
        if (quoted)
            put(fd, "\"");
        put_str(fd, s);
        if (quoted)
            put(fd, "\"");
    }

    void dump_frame(int fd, vm::Frame const* f)
    {
        put(fd, "  File ");
        CodeObject const* co = f->m_code;
        bool code_ok = is_exact(co, &code_type);
        put_str_or_unknown(fd, code_ok ? co->m_filename : nullptr, true);
        put(fd, ", line ");
        int32_t line = code_ok ? f->lineno() : -1;
        if (line >= 0)
            put_decimal(fd, static_cast<uint64_t>(line));
        else
            put(fd, "???");
        put(fd, " in ");
        put_str_or_unknown(fd, code_ok ? co->m_name : nullptr, false);
        put(fd, "\n");
    }

    // The frames of [ts], innermost first (CPython's dump_traceback()).
    void dump_frames(int fd, ThreadState const* ts, bool write_header)
    {
        if (write_header)
            put(fd, "Stack (most recent call first):\n");
        vm::Frame const* f = std::atomic_ref<vm::Frame*>(const_cast<ThreadState*>(ts)->m_frame)
                                 .load(std::memory_order_acquire);
        if (!f) {
            put(fd, "  <no Python frame>\n");
            return;
        }
        for (int depth = 0; f; depth++) {
            if (depth >= kMaxFrameDepth) {
                put(fd, "  ...\n");
                break;
            }
            if (!is_exact(f, &vm::frame_type)) {
                put(fd, "  File ???, line ??? in ???\n");
                break;
            }
            dump_frame(fd, f);
            f = f->m_previous;
        }
    }

    // Every thread's frames (CPython's _Py_DumpTracebackThreads); [current] (may be null) is
    // labelled "Current thread". Returns an error message or null.
    char const* dump_all_threads(int fd, ThreadState const* current)
    {
        ThreadState const* ts = thread_state_head();
        if (!ts)
            return "unable to get the thread head state";
        for (int n = 0; ts; n++, ts = ts->m_next) {
            if (n != 0)
                put(fd, "\n");
            if (n >= kMaxThreads) {
                put(fd, "...\n");
                break;
            }
            put(fd, ts == current ? "Current thread 0x" : "Thread 0x");
            put_hex(fd, ts->m_ident, static_cast<int>(sizeof(unsigned long) * 2));
            put(fd, " (most recent call first):\n");
            // The collector's flags are the calling thread's: only known for the current one.
            if (ts == current && (gc::in_collection() || gc::finishing_collection()))
                put(fd, "  Garbage-collecting\n");
            dump_frames(fd, ts, false);
        }
        return nullptr;
    }

    // Whether [v] is a str equal to the str [s] (both checked as str first, no allocation).
    bool same_str(Value v, StrObject const* s)
    {
        if (!v.is_object() || !is_exact(v.as_object(), &str_type) || !is_exact(s, &str_type))
            return false;
        auto const* a = v.as<StrObject>();
        if (a->m_length != s->m_length)
            return false;
        for (int64_t i = 0; i < a->m_length; i++)
            if (a->at(i) != s->at(i))
                return false;
        return true;
    }

    StrObject* s_stdlib_module_names = nullptr; // interned (permanent) by the module's init

    // CPython's _Py_DumpExtensionModules(), after a fatal error: the built-in modules of
    // sys.modules, less those that sys.stdlib_module_names names (when it is a frozenset).
    // Skipped while the STM is on: the barriers of these reads could abort the thread's
    // transaction, and the signal handler has no way back from that.
    void dump_extension_modules(int fd)
    {
        ModuleObject* sys = sys_module();
        if (g_stm_active || !sys || !s_stdlib_module_names || !is_exact(sys->m_dict, &dict_type))
            return;
        Value modules = dict_get_str(sys->m_dict, names::modules);
        Value stdlib = dict_get_str(sys->m_dict, s_stdlib_module_names);
        if (!modules || !modules.is_object() || !is_exact(modules.as_object(), &dict_type))
            return;
        SetObject* stdlib_set
            = stdlib && stdlib.is_object() && is_exact(stdlib.as_object(), &frozenset_type)
            ? stdlib.as<SetObject>()
            : nullptr;
        int64_t pos = 0, count = 0;
        Value name, module;
        while (dict_next(modules.as<DictObject>(), &pos, &name, &module) && count < 1000) {
            if (!name.is_object() || !is_exact(name.as_object(), &str_type) || !module.is_object()
                || !is_exact(module.as_object(), &module_type))
                continue;
            DictObject* md = module.as<ModuleObject>()->m_dict;
            if (!is_exact(md, &dict_type)
                || dict_get_str(md, names::__loader__) != Value(&builtin_importer_type))
                continue;
            bool in_stdlib = false;
            int64_t spos = 0;
            Value item;
            while (stdlib_set && !in_stdlib && set_next(stdlib_set, &spos, &item))
                in_stdlib = same_str(item, name.as<StrObject>());
            if (in_stdlib)
                continue;
            put(fd, count ? ", " : "\nExtension modules: ");
            put_str(fd, name.as<StrObject>());
            count++;
        }
        if (count) {
            put(fd, " (total: ");
            put_decimal(fd, static_cast<uint64_t>(count));
            put(fd, ")\n");
        }
    }

    // CPython's faulthandler_dump_traceback(): the handlers' dump, never re-entered.
    void dump_for_signal(int fd, bool all_threads)
    {
        static std::atomic<bool> s_reentrant { false };
        if (s_reentrant.exchange(true))
            return;
        ThreadState const* ts = tstate();
        if (all_threads)
            dump_all_threads(fd, ts);
        else if (ts)
            dump_frames(fd, ts, true);
        s_reentrant.store(false);
    }

    // ---- Arguments ----

    // An "i" argument of CPython's argument parser.
    int int_arg(Value v)
    {
        int64_t n = py_index_i64(v);
        if (n > INT32_MAX)
            raise(&exc::OverflowError, "signed integer is greater than maximum");
        if (n < INT32_MIN)
            raise(&exc::OverflowError, "signed integer is less than minimum");
        return static_cast<int>(n);
    }

    // The checks of CPython's METH_NOARGS and "i:name" functions, with their messages.
    void check_no_args(char const* name, size_t nargs, TupleObject* kw)
    {
        size_t n = nargs + (kw ? static_cast<size_t>(kw->m_size) : 0);
        if (n)
            raise(&exc::TypeError, "faulthandler.%s() takes no arguments (%zu given)", name, n);
    }

    void check_one_positional(char const* name, size_t nargs, TupleObject* kw)
    {
        if (kw && kw->m_size)
            raise(&exc::TypeError, "faulthandler.%s() takes no keyword arguments", name);
        if (nargs != 1)
            raise(&exc::TypeError, "%s() takes exactly 1 argument (%zu given)", name, nargs);
    }

    // The descriptor that [*file] names (CPython's faulthandler_get_fileno): null or None means
    // sys.stderr; an int is the descriptor itself (*file becomes null: nothing to keep alive);
    // otherwise file.fileno(), after which the file is flushed (errors of flush() ignored).
    int file_descriptor(Value* file)
    {
        if (!*file || is_none(*file)) {
            *file = sys_get("stderr");
            if (!*file)
                raise(&exc::RuntimeError, "unable to get sys.stderr");
            if (is_none(*file))
                raise(&exc::RuntimeError, "sys.stderr is None");
        } else if (is_int(*file)) {
            int64_t fd = 0;
            if (!int_to_i64(*file, &fd) || fd > INT32_MAX || fd < INT32_MIN)
                raise(&exc::OverflowError, "Python int too large to convert to C int");
            if (fd < 0)
                raise(&exc::ValueError, "file is not a valid file descripter"); // sic, as CPython
            *file = Value();
            return static_cast<int>(fd);
        }
        Value r = py_call_method(*file, intern("fileno"), nullptr, 0);
        int64_t fd = -1;
        if (!is_int(r) || !int_to_i64(r, &fd) || fd < 0 || fd > INT32_MAX)
            raise(&exc::RuntimeError, "file.fileno() is not a valid file descriptor");
        try {
            py_call_method(*file, names::flush, nullptr, 0);
        } catch (PyError&) {
            take_exception();
        }
        return static_cast<int>(fd);
    }

    // ---- Fatal signals: enable() ----

    struct FatalHandler {
        int signum;
        char const* name;
        bool enabled;
        struct sigaction previous;
    };

    FatalHandler s_fatal[] = {
        { SIGBUS, "Bus error", false, {} },
        { SIGILL, "Illegal instruction", false, {} },
        { SIGFPE, "Floating point exception", false, {} },
        { SIGABRT, "Aborted", false, {} },
        // SIGSEGV last, as CPython, so that a fault while the others are set up is still caught.
        { SIGSEGV, "Segmentation fault", false, {} },
    };

    std::atomic<bool> s_enabled { false };
    std::atomic<int> s_fatal_fd { 2 };
    std::atomic<bool> s_fatal_all_threads { true };
    Value s_fatal_file; // FH-1

    void on_fatal_signal(int signum)
    {
        int saved = errno;
        FatalHandler* h = nullptr;
        for (FatalHandler& c : s_fatal)
            if (c.signum == signum)
                h = &c;
        if (!h || !h->enabled) {
            errno = saved;
            return;
        }
        // Put the previous handler back first: raise() below then runs it (SA_NODEFER lets the
        // signal through at once), and a fault in the dump itself ends the process.
        h->enabled = false;
        ::sigaction(signum, &h->previous, nullptr);
        int fd = s_fatal_fd.load(std::memory_order_relaxed);
        put(fd, "Fatal Python error: ");
        put(fd, h->name);
        put(fd, "\n\n");
        dump_for_signal(fd, s_fatal_all_threads.load(std::memory_order_relaxed));
        dump_extension_modules(fd);
        errno = saved;
        ::raise(signum);
    }

    // An alternate stack for the handlers of the thread that called enable(), so that a stack
    // overflow can still be reported. Allocated once and never freed.
    void install_alt_stack()
    {
        static void* s_stack = nullptr;
        if (s_stack)
            return;
        constexpr size_t kSize = 64 * 1024;
        s_stack = std::malloc(kSize);
        if (!s_stack)
            return;
        stack_t ss {};
        ss.ss_sp = s_stack;
        ss.ss_size = kSize;
        ss.ss_flags = 0;
        ::sigaltstack(&ss, nullptr);
    }

    void enable_fatal_handlers()
    {
        if (s_enabled.load())
            return;
        install_alt_stack();
        s_enabled.store(true);
        for (FatalHandler& h : s_fatal) {
            struct sigaction act;
            std::memset(&act, 0, sizeof act);
            act.sa_handler = on_fatal_signal;
            sigemptyset(&act.sa_mask);
            act.sa_flags = SA_NODEFER | SA_ONSTACK;
            if (::sigaction(h.signum, &act, &h.previous) == 0)
                h.enabled = true;
        }
    }

    void disable_fatal_handlers()
    {
        if (!s_enabled.exchange(false))
            return;
        for (FatalHandler& h : s_fatal) {
            if (!h.enabled)
                continue;
            h.enabled = false;
            ::sigaction(h.signum, &h.previous, nullptr);
        }
    }

    Value fh_enable(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        Value a[2];
        parse_args("enable", args, nargs, kw, { "file", "all_threads" }, 0, a);
        Value file = a[0];
        bool all_threads = a[1] ? int_arg(a[1]) != 0 : true;
        int fd = file_descriptor(&file);
        vm::transaction_irreversible(); // FH-2
        s_fatal_file = file ? file : Value();
        s_fatal_fd.store(fd);
        s_fatal_all_threads.store(all_threads);
        enable_fatal_handlers();
        return none();
    }

    Value fh_disable(Value, Value const*, size_t nargs, TupleObject* kw)
    {
        check_no_args("disable", nargs, kw);
        if (!s_enabled.load())
            return py_bool(false);
        vm::transaction_irreversible(); // FH-2
        disable_fatal_handlers();
        s_fatal_file = Value();
        return py_bool(true);
    }

    Value fh_is_enabled(Value, Value const*, size_t nargs, TupleObject* kw)
    {
        check_no_args("is_enabled", nargs, kw);
        return py_bool(s_enabled.load());
    }

    Value fh_dump_traceback(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        Value a[2];
        parse_args("dump_traceback", args, nargs, kw, { "file", "all_threads" }, 0, a);
        Value file = a[0];
        bool all_threads = a[1] ? int_arg(a[1]) != 0 : true;
        int fd = file_descriptor(&file);
        // Written outside the heap: an attempt that aborts after this has already written it.
        vm::transaction_irreversible();
        ThreadState const* ts = tstate();
        if (all_threads) {
            if (char const* err = dump_all_threads(fd, ts))
                raise(&exc::RuntimeError, "%s", err);
        } else {
            dump_frames(fd, ts, true);
        }
        return none();
    }

    // ---- User signals: register() ----

    struct UserHandler {
        bool enabled;
        bool all_threads;
        bool chain;
        int fd;
        struct sigaction previous;
    };

    UserHandler s_user[kNsig];
    Value s_user_file[kNsig]; // FH-1

    bool register_user_handler(int signum, bool chain, struct sigaction* previous);

    void on_user_signal(int signum)
    {
        if (signum <= 0 || signum >= kNsig)
            return;
        UserHandler& u = s_user[signum];
        if (!u.enabled)
            return;
        int saved = errno;
        dump_for_signal(u.fd, u.all_threads);
        if (u.chain) {
            // Run the previous handler by raising the signal under it, then take it back.
            ::sigaction(signum, &u.previous, nullptr);
            errno = saved;
            ::raise(signum);
            saved = errno;
            register_user_handler(signum, true, nullptr);
        }
        errno = saved;
    }

    bool register_user_handler(int signum, bool chain, struct sigaction* previous)
    {
        struct sigaction act;
        std::memset(&act, 0, sizeof act);
        act.sa_handler = on_user_signal;
        sigemptyset(&act.sa_mask);
        // With chain the previous handler is called from ours: the signal must not be blocked.
        act.sa_flags = SA_ONSTACK | (chain ? SA_NODEFER : SA_RESTART);
        return ::sigaction(signum, &act, previous) == 0;
    }

    // CPython's check_signum(): the fatal signals belong to enable().
    int checked_signum(Value v)
    {
        int signum = int_arg(v);
        for (FatalHandler const& h : s_fatal)
            if (h.signum == signum)
                raise(&exc::RuntimeError, "signal %d cannot be registered, use enable() instead",
                    signum);
        if (signum < 1 || signum >= kNsig)
            raise(&exc::ValueError, "signal number out of range");
        return signum;
    }

    Value fh_register(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        Value a[4];
        parse_args("register", args, nargs, kw, { "signum", "file", "all_threads", "chain" }, 1, a);
        int signum = checked_signum(a[0]);
        Value file = a[1];
        bool all_threads = a[2] ? int_arg(a[2]) != 0 : true;
        bool chain = a[3] ? int_arg(a[3]) != 0 : false;
        int fd = file_descriptor(&file);
        vm::transaction_irreversible(); // FH-2
        UserHandler& u = s_user[signum];
        // The handler reads these as soon as it is installed: set them first.
        u.fd = fd;
        u.all_threads = all_threads;
        u.chain = chain;
        s_user_file[signum] = file ? file : Value();
        if (!u.enabled) {
            install_alt_stack();
            if (!register_user_handler(signum, chain, &u.previous)) {
                int err = errno;
                s_user_file[signum] = Value();
                raise_os_error(err);
            }
            u.enabled = true;
        }
        return none();
    }

    Value fh_unregister(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_one_positional("unregister", nargs, kw);
        int signum = checked_signum(args[0]);
        UserHandler& u = s_user[signum];
        if (!u.enabled)
            return py_bool(false);
        vm::transaction_irreversible(); // FH-2
        u.enabled = false;
        ::sigaction(signum, &u.previous, nullptr);
        s_user_file[signum] = Value();
        return py_bool(true);
    }

    // ---- The watchdog: dump_traceback_later() ----

    pthread_mutex_t s_watch_mutex = PTHREAD_MUTEX_INITIALIZER; // FH-3
    pthread_cond_t s_watch_cond; // on CLOCK_MONOTONIC, set up by the first dump_traceback_later()
    bool s_watch_cond_ready = false;
    pthread_t s_watch_thread;
    bool s_watch_running = false; // a watchdog exists (joinable); main-line code only
    bool s_watch_cancel = false; // under s_watch_mutex
    int s_watch_fd = 2;
    bool s_watch_repeat = false;
    bool s_watch_exit = false;
    int64_t s_watch_timeout_us = 0;
    char s_watch_header[96];
    size_t s_watch_header_len = 0;
    Value s_watch_file; // FH-1

    void* watchdog_main(void*)
    {
        // Signals are for the threads that run Python code.
        sigset_t all;
        sigfillset(&all);
        pthread_sigmask(SIG_BLOCK, &all, nullptr);
        pthread_mutex_lock(&s_watch_mutex);
        for (;;) {
            timespec deadline;
            clock_gettime(CLOCK_MONOTONIC, &deadline);
            int64_t ns = deadline.tv_nsec + (s_watch_timeout_us % 1000000) * 1000;
            deadline.tv_sec += static_cast<time_t>(s_watch_timeout_us / 1000000 + ns / 1000000000);
            deadline.tv_nsec = static_cast<long>(ns % 1000000000);
            int rc = 0;
            while (!s_watch_cancel && rc != ETIMEDOUT)
                rc = pthread_cond_timedwait(&s_watch_cond, &s_watch_mutex, &deadline);
            if (s_watch_cancel)
                break;
            put(s_watch_fd, s_watch_header, s_watch_header_len);
            bool ok = dump_all_threads(s_watch_fd, nullptr) == nullptr;
            if (s_watch_exit)
                _exit(1);
            if (!ok || !s_watch_repeat)
                break;
        }
        pthread_mutex_unlock(&s_watch_mutex);
        return nullptr;
    }

    void cancel_watchdog()
    {
        if (!s_watch_running)
            return;
        pthread_mutex_lock(&s_watch_mutex);
        s_watch_cancel = true;
        pthread_cond_signal(&s_watch_cond);
        pthread_mutex_unlock(&s_watch_mutex);
        pthread_join(s_watch_thread, nullptr);
        s_watch_running = false;
        s_watch_file = Value();
    }

    // CPython's format_timeout(): "Timeout (H:MM:SS[.uuuuuu])!\n".
    void format_header(int64_t us)
    {
        uint64_t sec = static_cast<uint64_t>(us / 1000000),
                 frac = static_cast<uint64_t>(us % 1000000);
        uint64_t min = sec / 60, hour = min / 60;
        sec %= 60;
        min %= 60;
        int n = frac
            ? std::snprintf(s_watch_header, sizeof s_watch_header,
                "Timeout (%llu:%02llu:%02llu.%06llu)!\n", static_cast<unsigned long long>(hour),
                static_cast<unsigned long long>(min), static_cast<unsigned long long>(sec),
                static_cast<unsigned long long>(frac))
            : std::snprintf(s_watch_header, sizeof s_watch_header,
                "Timeout (%llu:%02llu:%02llu)!\n", static_cast<unsigned long long>(hour),
                static_cast<unsigned long long>(min), static_cast<unsigned long long>(sec));
        s_watch_header_len
            = n > 0 ? std::min(static_cast<size_t>(n), sizeof s_watch_header - 1) : 0;
    }

    // The timeout in microseconds, rounded up, as CPython's _PyTime_FromSecondsObject() and
    // _PyTime_AsMicroseconds() with _PyTime_ROUND_TIMEOUT compute it (and with their errors).
    int64_t timeout_us_arg(Value v)
    {
        if (is_float(v)) {
            double d = float_value(v);
            if (std::isnan(d))
                raise(&exc::ValueError, "Invalid value NaN (not a number)");
            double ns = std::ceil(d * 1e9);
            if (!(ns >= -9.2e18 && ns <= 9.2e18))
                raise(&exc::OverflowError, "timestamp out of range for platform time_t");
            auto n = static_cast<int64_t>(ns);
            return n > 0 ? (n + 999) / 1000 : n / 1000;
        }
        int64_t sec = 0;
        bool fits = is_int(v) ? int_to_i64(v, &sec) : (sec = py_index_i64(v), true);
        if (!fits || sec > INT64_MAX / 1000000000 || sec < INT64_MIN / 1000000000)
            raise(&exc::OverflowError, "timestamp too large to convert to C _PyTime_t");
        return sec * 1000000;
    }

    Value fh_dump_traceback_later(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        Value a[4];
        parse_args(
            "dump_traceback_later", args, nargs, kw, { "timeout", "repeat", "file", "exit" }, 1, a);
        int64_t us = timeout_us_arg(a[0]);
        bool repeat = a[1] ? int_arg(a[1]) != 0 : false;
        bool exit = a[3] ? int_arg(a[3]) != 0 : false;
        if (us <= 0)
            raise(&exc::ValueError, "timeout must be greater than 0");
        Value file = a[2];
        int fd = file_descriptor(&file);
        vm::transaction_irreversible(); // FH-2
        cancel_watchdog();
        if (!s_watch_cond_ready) {
            pthread_condattr_t ca;
            pthread_condattr_init(&ca);
            pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
            pthread_cond_init(&s_watch_cond, &ca);
            pthread_condattr_destroy(&ca);
            s_watch_cond_ready = true;
        }
        s_watch_cancel = false;
        s_watch_fd = fd;
        s_watch_repeat = repeat;
        s_watch_exit = exit;
        s_watch_timeout_us = us;
        s_watch_file = file ? file : Value();
        format_header(us);
        // The default stack size: the runtime's thread-local storage lives on it too.
        if (pthread_create(&s_watch_thread, nullptr, watchdog_main, nullptr) != 0) {
            s_watch_file = Value();
            raise(&exc::RuntimeError, "unable to start watchdog thread");
        }
        s_watch_running = true;
        return none();
    }

    Value fh_cancel_dump_traceback_later(Value, Value const*, size_t nargs, TupleObject* kw)
    {
        check_no_args("cancel_dump_traceback_later", nargs, kw);
        vm::transaction_irreversible(); // FH-2
        cancel_watchdog();
        return none();
    }

    // ---- Helpers of CPython's test suite: provoke the faults that the handlers report ----

    Value fh_sigsegv(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("_sigsegv", nargs, kw, 0, 1);
        (void)args;
        vm::transaction_irreversible();
        ::raise(SIGSEGV);
        return none();
    }

    Value fh_read_null(Value, Value const*, size_t nargs, TupleObject* kw)
    {
        check_nargs("_read_null", nargs, kw, 0, 0);
        vm::transaction_irreversible();
        // A volatile null read, which the compiler may not remove: the fault is the point.
        int volatile* volatile p = nullptr;
        return int_from_i64(*p);
    }

    Value fh_sigabrt(Value, Value const*, size_t nargs, TupleObject* kw)
    {
        check_nargs("_sigabrt", nargs, kw, 0, 0);
        vm::transaction_irreversible();
        std::abort();
    }

    Value fh_sigfpe(Value, Value const*, size_t nargs, TupleObject* kw)
    {
        check_nargs("_sigfpe", nargs, kw, 0, 0);
        vm::transaction_irreversible();
        ::raise(SIGFPE);
        return none();
    }

    // Recurses with 4 KiB of stack per call until the stack overflows or [min_sp, max_sp] is
    // left (CPython's stack_overflow()); the volatile buffer prevents a tail call.
    [[gnu::noinline]] uintptr_t stack_overflow(uintptr_t min_sp, uintptr_t max_sp, size_t* depth)
    {
        unsigned char volatile buffer[4096];
        auto sp = reinterpret_cast<uintptr_t>(&buffer);
        *depth += 1;
        if (sp < min_sp || max_sp < sp)
            return sp;
        buffer[0] = 1;
        buffer[4095] = 0;
        return stack_overflow(min_sp, max_sp, depth);
    }

    Value fh_stack_overflow(Value, Value const*, size_t nargs, TupleObject* kw)
    {
        check_no_args("_stack_overflow", nargs, kw);
        vm::transaction_irreversible();
        constexpr uintptr_t kMax = 100 * 1024 * 1024;
        size_t depth = 0;
        auto sp = reinterpret_cast<uintptr_t>(&depth);
        uintptr_t lower = sp >= kMax ? sp - kMax : 0;
        uintptr_t upper = UINTPTR_MAX - kMax >= sp ? sp + kMax : UINTPTR_MAX;
        uintptr_t stop = stack_overflow(lower, upper, &depth);
        raise(&exc::RuntimeError,
            "unable to raise a stack overflow (allocated %zu bytes on the stack, %zu recursive "
            "calls)",
            static_cast<size_t>(sp < stop ? stop - sp : sp - stop), depth);
    }

    // Py_FatalError() in a thread that runs no Python code: the message, every thread's stack,
    // then abort() with the fatal handlers off (they would report the abort a second time).
    void* fatal_error_thread(void*)
    {
        put(2,
            "Fatal Python error: faulthandler_fatal_error_thread: in new thread\n"
            "Python runtime state: initialized\n\n");
        dump_all_threads(2, nullptr);
        disable_fatal_handlers();
        std::abort();
    }

    Value fh_fatal_error_c_thread(Value, Value const*, size_t nargs, TupleObject* kw)
    {
        check_no_args("_fatal_error_c_thread", nargs, kw);
        vm::transaction_irreversible();
        pthread_t th;
        if (pthread_create(&th, nullptr, fatal_error_thread, nullptr) != 0)
            raise(&exc::RuntimeError, "unable to start the C thread");
        pthread_join(th, nullptr); // never returns: the thread aborts the process
        return none();
    }

    MethodDef const s_faulthandler_methods[] = {
        { "enable", fh_enable, METH_DEFAULT,
            "enable(file=sys.stderr, all_threads=True): enable the fault handler" },
        { "disable", fh_disable, METH_DEFAULT, "disable(): disable the fault handler" },
        { "is_enabled", fh_is_enabled, METH_DEFAULT,
            "is_enabled()->bool: check if the handler is enabled" },
        { "dump_traceback", fh_dump_traceback, METH_DEFAULT,
            "dump_traceback(file=sys.stderr, all_threads=True): dump the traceback of the current "
            "thread, or of all "
            "threads if all_threads is True, into file" },
        { "dump_traceback_later", fh_dump_traceback_later, METH_DEFAULT,
            "dump_traceback_later(timeout, repeat=False, file=sys.stderrn, exit=False):\ndump the "
            "traceback of all "
            "threads in timeout seconds,\nor each timeout seconds if repeat is True. If exit is "
            "True, call _exit(1) "
            "which is not safe." },
        { "cancel_dump_traceback_later", fh_cancel_dump_traceback_later, METH_DEFAULT,
            "cancel_dump_traceback_later():\ncancel the previous call to dump_traceback_later()." },
        { "register", fh_register, METH_DEFAULT,
            "register(signum, file=sys.stderr, all_threads=True, chain=False): register a handler "
            "for the signal "
            "'signum': dump the traceback of the current thread, or of all threads if all_threads "
            "is True, into file" },
        { "unregister", fh_unregister, METH_DEFAULT,
            "unregister(signum): unregister the handler of the signal 'signum' registered by "
            "register()" },
        { "_sigsegv", fh_sigsegv },
        { "_read_null", fh_read_null },
        { "_sigabrt", fh_sigabrt },
        { "_sigfpe", fh_sigfpe },
        { "_stack_overflow", fh_stack_overflow },
        { "_fatal_error_c_thread", fh_fatal_error_c_thread },
        { nullptr, nullptr },
    };

} // namespace

ModuleObject* init_faulthandler_module()
{
    ModuleObject* m = module_new("faulthandler");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, Value(str_from_ascii("faulthandler module.")));
    for (MethodDef const* def = s_faulthandler_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    static bool s_rooted = false;
    if (!s_rooted) {
        s_rooted = true;
        gc::add_root(&s_fatal_file);
        gc::add_root(&s_watch_file);
        for (Value& v : s_user_file)
            gc::add_root(&v);
        s_stdlib_module_names = intern("stdlib_module_names");
    }
    return m;
}

} // namespace pystm
