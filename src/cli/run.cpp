// Process start-up and shutdown for the pystm command (see run.h).
#include "cli/run.h"
#include "cli/repl.h"

#include "builtins/builtins.h"
#include "compiler/compiler.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/stdio.h"
#include "objects/bootstrap.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/module_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "vm/eval_breaker.h"
#include "vm/import.h"
#include "vm/interpreter.h"
#include "vm/stm_client.h"
#include "vm/stm_log.h"
#include "vm/thread_state.h"
#include "vm/traceback.h"
#include "vm/transaction.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace pystm::cli {

namespace {

void on_sigint(int) { vm::request_sigint(); }

Value sys_module()
{
    Value import = dict_get_str(builtins_module()->m_dict, names::__import__);
    return py_call1(import, Value(str_from_ascii("sys")));
}

ListObject* str_list(std::vector<std::string> const& items)
{
    ListObject* l = list_new();
    for (auto const& s : items)
        list_append(l, Value(str_from_utf8(s)));
    return l;
}

std::string dirname_of(std::string const& path)
{
    auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return "";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string absolute_path(std::string const& path)
{
    if (!path.empty() && path[0] == '/')
        return path;
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf))
        return path;
    std::string cwd = buf;
    std::string p = path;
    while (p.rfind("./", 0) == 0)
        p = p.substr(2);
    return cwd + "/" + p;
}

// sys.argv, sys.path[0], PYTHONPATH, -X and -W options.
void configure_sys(Options const& opts, std::string const& path0)
{
    Value sys = sys_module();
    std::vector<std::string> argv;
    switch (opts.mode) {
    case Mode::File:
        argv.push_back(opts.file);
        break;
    case Mode::Command:
        argv.push_back("-c");
        break;
    case Mode::Module:
        argv.push_back(opts.module); // replaced by the module's path once found, as CPython
        break;
    case Mode::Stdin:
        argv.push_back("-");
        break;
    case Mode::Interactive:
        argv.push_back("");
        break;
    }
    argv.insert(argv.end(), opts.args.begin(), opts.args.end());
    py_setattr(sys, intern("argv"), Value(str_list(argv)));

    configure_stdlib(opts.xoptions, opts.ignore_environment); // the stdlib entry, before ours
    Value path = py_getattr(sys, names::path);
    std::vector<std::string> front { path0 };
    char const* pythonpath = opts.ignore_environment ? nullptr : std::getenv("PYTHONPATH");
    if (pythonpath && *pythonpath) {
        std::string p = pythonpath;
        size_t start = 0;
        while (start <= p.size()) {
            size_t end = p.find(':', start);
            if (end == std::string::npos)
                end = p.size();
            if (end > start)
                front.push_back(absolute_path(p.substr(start, end - start)));
            start = end + 1;
        }
    }
    for (size_t k = front.size(); k-- > 0;) {
        Value args[] = { Value::small_int(0), Value(str_from_utf8(front[k])) };
        py_call_method(path, intern("insert"), args, 2);
    }
    // sys.warnoptions as CPython orders it: PYTHONWARNINGS (comma-separated, empty entries
    // skipped) first, then the -W options, so that -W takes precedence (warnings.py applies
    // them in order, each in front of the previous ones).
    // Development mode's "default" filter comes first, so that both override it.
    std::vector<std::string> warnoptions;
    if (codecs::g_dev_mode)
        warnoptions.push_back("default");
    char const* pywarnings = opts.ignore_environment ? nullptr : std::getenv("PYTHONWARNINGS");
    if (pywarnings) {
        std::string w = pywarnings;
        size_t start = 0;
        while (start <= w.size()) {
            size_t end = w.find(',', start);
            if (end == std::string::npos)
                end = w.size();
            if (end > start)
                warnoptions.push_back(w.substr(start, end - start));
            start = end + 1;
        }
    }
    warnoptions.insert(warnoptions.end(), opts.warnoptions.begin(), opts.warnoptions.end());
    py_setattr(sys, intern("warnoptions"), Value(str_list(warnoptions)));
    DictObject* xopts = dict_new();
    for (auto const& x : opts.xoptions) {
        auto eq = x.find('=');
        if (eq == std::string::npos)
            dict_set(xopts, Value(str_from_utf8(x)), py_bool(true));
        else
            dict_set(xopts, Value(str_from_utf8(x.substr(0, eq))), Value(str_from_utf8(x.substr(eq + 1))));
    }
    py_setattr(sys, intern("_xoptions"), Value(xopts));
}

// [sys]: the sys module, which finalize_modules() has taken out of sys.modules.
void flush_std_streams(Value sys)
{
    for (char const* name : { "stdout", "stderr" }) {
        try {
            Value stream = py_getattr_opt(sys, intern(name));
            if (stream && !is_none(stream))
                py_call_method(stream, names::flush, nullptr, 0);
        } catch (PyError&) {
            take_exception();
        }
    }
}

void flush_std_streams() { flush_std_streams(sys_module()); }

ModuleObject* make_main_module(char const* file)
{
    ModuleObject* m = module_new("__main__");
    dict_set_str(m->m_dict, names::__builtins__, Value(builtins_module()));
    if (file)
        dict_set_str(m->m_dict, names::__file__, Value(str_from_utf8(file)));
    Value modules = py_getattr(sys_module(), names::modules);
    py_setitem(modules, Value(names::__main__), Value(m));
    return m;
}

bool read_file(std::string const& path, std::string* out, int* err)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        *err = errno;
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    *out = ss.str();
    return true;
}

// -X dev, or a non-empty PYTHONDEVMODE: CPython's development mode.
bool wants_dev_mode(Options const& opts)
{
    for (auto const& x : opts.xoptions)
        if (x == "dev")
            return true;
    char const* env = opts.ignore_environment ? nullptr : std::getenv("PYTHONDEVMODE");
    return env && *env;
}

// -X faulthandler, or a non-empty PYTHONFAULTHANDLER: faulthandler.enable() before the program
// runs, as CPython (and in development mode).
bool wants_faulthandler(Options const& opts)
{
    if (wants_dev_mode(opts))
        return true;
    for (auto const& x : opts.xoptions)
        if (x == "faulthandler" || x.starts_with("faulthandler="))
            return true;
    char const* env = opts.ignore_environment ? nullptr : std::getenv("PYTHONFAULTHANDLER");
    return env && *env;
}

// The optimization level: the number of -O options, raised to PYTHONOPTIMIZE when that is
// larger. As CPython's _Py_get_env_flag(), an empty variable counts as unset, and one that is not
// a non-negative decimal int (text, "-2") means 1.
int optimization_level(Options const& opts)
{
    int level = opts.optimize;
    char const* env = opts.ignore_environment ? nullptr : std::getenv("PYTHONOPTIMIZE");
    if (!env || !*env)
        return level;
    char* end = nullptr;
    errno = 0;
    long value = std::strtol(env, &end, 10);
    if (*end != '\0' || errno == ERANGE || value < 0 || value > INT_MAX)
        value = 1;
    return std::max(level, static_cast<int>(value));
}

bool wants_dis(Options const& opts)
{
    for (auto const& x : opts.xoptions)
        if (x == "dis")
            return true;
    return false;
}

// Compiles and runs [source] as the __main__ module. Raises on error. [from_bytes]: read from a
// file (see compiler::load_source()), not given as text.
void run_source(Options const& opts, std::string const& source, std::string const& filename,
    ModuleObject* main, bool from_bytes)
{
    CodeObject* code
        = compiler::compile_source(source, filename, compiler::ParseMode::Exec, from_bytes);
    if (wants_dis(opts)) {
        std::string text = compiler::disassemble(code);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return;
    }
    vm::eval_code(code, main->m_dict, Value());
}

// Not inlined into run(): its locals (the __main__ module) must not stay in run()'s frame, where
// the conservative scan would keep the module alive through finalize_modules().
[[gnu::noinline]] int run_protected(Options const& opts)
{
    std::string path0;
    switch (opts.mode) {
    case Mode::File: {
        char buf[PATH_MAX];
        std::string abs = absolute_path(opts.file);
        path0 = realpath(abs.c_str(), buf) ? dirname_of(buf) : dirname_of(abs);
        break;
    }
    case Mode::Module:
        path0 = absolute_path(".");
        path0.pop_back(); // strip the "." of "<cwd>/."
        if (path0.size() > 1)
            path0.pop_back();
        break;
    default:
        path0 = "";
    }
    configure_sys(opts, path0);
    // As CPython: with warning options, the warnings module is imported before the program
    // runs, so that it installs the filters they describe.
    Value warnoptions = py_getattr(Value(sys_module()), intern("warnoptions"));
    if (is_list(warnoptions) && list_size(warnoptions.as<ListObject>()) > 0) {
        try {
            import_module("warnings");
        } catch (PyError&) {
            Value e = take_exception();
            std::fputs("'import warnings' failed; traceback:\n", stderr);
            print_exception(e);
        }
    }
    if (wants_faulthandler(opts))
        py_call_method(import_module("faulthandler"), intern("enable"), nullptr, 0);

    bool interactive = opts.mode == Mode::Interactive && isatty(STDIN_FILENO);
    switch (opts.mode) {
    case Mode::File: {
        std::string abs = absolute_path(opts.file);
        std::string source;
        int err = 0;
        if (!read_file(abs, &source, &err)) {
            flush_std_streams();
            std::fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", opts.program.c_str(), abs.c_str(), err,
                std::strerror(err));
            return 2;
        }
        ModuleObject* main = make_main_module(abs.c_str());
        compiler::check_source_file_encoding(source, abs);
        run_source(opts, source, abs, main, true);
        if (opts.inspect)
            return run_repl(main->m_dict, true);
        return 0;
    }
    case Mode::Command: {
        ModuleObject* main = make_main_module(nullptr);
        run_source(opts, opts.command + "\n", "<string>", main, false);
        if (opts.inspect)
            return run_repl(main->m_dict, true);
        return 0;
    }
    case Mode::Module:
        run_module_as_main(opts.module);
        return 0;
    case Mode::Stdin:
    case Mode::Interactive: {
        ModuleObject* main = make_main_module(nullptr);
        if (interactive)
            return run_repl(main->m_dict, opts.quiet);
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        run_source(opts, ss.str(), "<stdin>", main, true);
        return 0;
    }
    }
    return 0;
}

// As CPython's finalization: threading._shutdown() joins the non-daemon threads.
void wait_for_thread_shutdown()
{
    try {
        Value modules = sys_get("modules");
        if (!modules || !is_dict(modules))
            return;
        Value threading = dict_get(modules.as<DictObject>(), str_from_ascii("threading"));
        if (!threading)
            return;
        py_call_method(threading, str_from_ascii("_shutdown"), nullptr, 0);
    } catch (PyError&) {
        Value e = take_exception();
        try {
            Value err = sys_get("stderr");
            Value text(str_from_utf8("Exception ignored on threading shutdown:\n"));
            if (err && !is_none(err))
                py_call_method(err, names::write, &text, 1);
            print_exception(e);
        } catch (PyError&) {
            take_exception();
        }
    }
}

// Zeroes the C++ stack below the caller's frame, where dead frames left words that the
// conservative scan (docs/internals/gc.md, GC-1) would take for references to the modules: the
// collection's own frames take that space again, some of their slots never written.
[[gnu::noinline]] void clear_dead_stack()
{
    uintptr_t area[32 * 1024];
    explicit_bzero(area, sizeof area); // not optimised away: the array is dead afterwards
}

// As CPython's finalize_modules_delete_special() and finalize_remove_modules(). Not inlined: its
// frame held the modules, and must be dead (and cleared) before the collection.
[[gnu::noinline]] void remove_modules(Value sys)
{
    try {
        vm::transaction_irreversible();
        DictObject* sd = sys.as<ModuleObject>()->m_dict;
        // The last uncaught exception's traceback keeps the frames of the program alive.
        for (char const* name : { "last_type", "last_value", "last_traceback" })
            if (dict_get_cstr(sd, name))
                dict_set_cstr(sd, name, none());
        // Finalizers print to the original streams, as in CPython.
        for (char const* name : { "stdin", "stdout", "stderr" }) {
            Value original = dict_get_cstr(sd, (std::string("__") + name + "__").c_str());
            if (original)
                dict_set_cstr(sd, name, original);
        }
        Value modules = dict_get_cstr(sd, "modules");
        if (modules && is_dict(modules)) {
            DictObject* d = modules.as<DictObject>();
            int64_t pos = 0;
            Value key, value;
            while (dict_next(d, &pos, &key, &value))
                dict_set(d, key, none());
            dict_clear(d);
        }
    } catch (PyError&) {
        take_exception();
    }
}

// As CPython's finalize_modules(): once the program, the non-daemon threads and the atexit
// callbacks are done, the modules leave sys.modules and a collection runs the __del__ of every
// object that only they kept alive (module globals, cycles), while the modules those use are
// still intact, so that a finalizer still reads globals and prints. With daemon threads still
// running the process ends without it, as before: a collection would have to stop them.
void finalize_modules(Value sys)
{
    if (vm::live_threads() > 1)
        return;
    remove_modules(sys);
    clear_dead_stack();
    gc::collect();
}

} // namespace

std::string version_line() { return "pystm 0.1.0 (Python 3.11)"; }

// -X stm=parallel|serial|engaged, or PYSTM_STM (docs/internals/stm.md): how threads' transactions
// run. "parallel" (the default): concurrent STM transactions once a second thread starts;
// "serial": they take turns; "engaged": parallel with the STM engaged from the start, even with
// one thread (for testing and for measuring the cost of the barriers).
bool configure_transactions(Options const& opts)
{
    std::string mode;
    if (!opts.ignore_environment)
        if (char const* e = std::getenv("PYSTM_STM"))
            mode = e;
    for (auto const& x : opts.xoptions)
        if (x.rfind("stm=", 0) == 0)
            mode = x.substr(4);
    vm::g_tx_mode = mode == "serial" ? vm::TxMode::Serial : vm::TxMode::Parallel;
    return mode == "engaged";
}

// -X stmlog=FILE, or PYSTM_LOG=FILE: record the conflict log (vm/stm_log.h). False, with a
// message, if the file cannot be created.
bool start_conflict_log(Options const& opts)
{
    std::string path;
    if (!opts.ignore_environment)
        if (char const* e = std::getenv("PYSTM_LOG"); e && *e)
            path = e;
    for (auto const& x : opts.xoptions)
        if (x.rfind("stmlog=", 0) == 0)
            path = x.substr(7);
    if (path.empty() || vm::stm_log_open(path.c_str()))
        return true;
    std::fprintf(stderr, "pystm: can't open conflict log '%s': [Errno %d] %s\n", path.c_str(), errno,
        std::strerror(errno));
    return false;
}

int run(Options const& opts)
{
    int stack_marker = 0;
    bool engaged = configure_transactions(opts);
    ThreadState* ts = thread_state_attach(&stack_marker);
    if (!start_conflict_log(opts))
        return 2;
    codecs::g_dev_mode = wants_dev_mode(opts); // before sys.flags is made
    // Before sys.flags, builtins.__debug__ and the first compilation.
    compiler::g_optimization_level = optimization_level(opts);
    bootstrap_runtime();
    // After the types exist: it registers their undo operations.
    if (engaged)
        vm::engage_parallel_transactions(ts, true);
    // As CPython: a SIGINT ignored by the parent (background jobs) stays ignored.
    struct sigaction inherited {};
    if (sigaction(SIGINT, nullptr, &inherited) == 0 && inherited.sa_handler != SIG_IGN)
        std::signal(SIGINT, on_sigint);
    // As CPython: SIGPIPE and SIGXFSZ are ignored, so that writing to a closed pipe or past the
    // file size limit raises (BrokenPipeError, OSError) instead of killing the process. Child
    // processes get the default dispositions back (_posixsubprocess's restore_signals).
    std::signal(SIGPIPE, SIG_IGN);
    std::signal(SIGXFSZ, SIG_IGN);
    if (opts.unbuffered || (!opts.ignore_environment && std::getenv("PYTHONUNBUFFERED"))) {
        std::setvbuf(stdout, nullptr, _IONBF, 0);
        stdio_set_unbuffered(true);
    }

    int status = 0;
    bool keyboard_interrupt = false;
    try {
        status = run_protected(opts);
    } catch (PyError&) {
        bool system_exit = false;
        status = report_exception(&system_exit, &keyboard_interrupt);
    }
    wait_for_thread_shutdown();
    atexit_run_callbacks();
    Value sys = sys_module();
    flush_std_streams(sys);
    finalize_modules(sys);
    flush_std_streams(sys);
    std::fflush(stdout);
    std::fflush(stderr);
    vm::stm_log_finish();
    if (vm::live_threads() > 1 && !keyboard_interrupt) {
        // Daemon threads are still alive (blocked, waiting for the run token this thread
        // holds): end the process without running static destructors under their feet.
        std::_Exit(status);
    }
    if (keyboard_interrupt) {
        // Die by SIGINT, as CPython does, so the parent sees the signal (status 130 in a shell).
        std::signal(SIGINT, SIG_DFL);
        std::raise(SIGINT);
    }
    return status;
}

} // namespace pystm::cli
