// The process functions of the posix module: fork and the os.register_at_fork callbacks, the
// exec family, system, wait, process groups and sessions, posix_spawn, pipe2 and confstr, with
// CPython 3.11's arguments, messages and errors. os.py builds spawn*, popen and the rest on them.
//
// fork. The child of fork() has only the calling thread; the interpreter's thread registry, run
// token, STM descriptors and collector still describe every thread of the parent. pystm therefore
// forks only while the calling thread is the only one running (after waiting a moment for threads
// that are exiting); otherwise os.fork() raises RuntimeError. CPython 3.11 forks anyway and 3.12
// warns that the child may deadlock; pystm's child would, for certain, as soon as the collector
// or a transaction switch waited for a thread that does not exist. With one thread the child
// is complete: its transaction (inevitable: fork is irreversible) simply continues.
//
// Blocking calls (system, wait) run in a vm::BlockingRegion so other threads run meanwhile, and
// every call with an effect calls vm::transaction_irreversible() first.
#include "modules/posix_process.h"
#include "builtins/builtins.h"
#include "gc/heap.h"
#include "modules/posix_args.h"
#include "objects/access.h"
#include "objects/bytes_object.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/thread_state.h"
#include "vm/traceback.h"
#include "vm/transaction.h"
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>
#include <vector>

namespace pystm {

namespace {

    // The thread that ran the program's static initializers: the main thread.
    pthread_t const s_main_thread = pthread_self();

    // --- argument conversion ------------------------------------------------------------------

    int int_arg(Value v) { return static_cast<int>(py_index_i64(v)); }

    // A list or tuple's items, read once (the caller may run Python code afterwards).
    void sequence_items(Value seq, gc::RootedValues& out)
    {
        if (is_list(seq)) {
            list_snapshot(seq.as<ListObject>(), out);
            return;
        }
        TupleObject* t = seq.as<TupleObject>();
        for (int64_t i = 0; i < t->m_size; i++)
            out.push_back(t->item(i));
    }

    // A NULL-terminated array of C strings over [storage] (which must outlive it).
    std::vector<char*> c_array(std::vector<std::string>& storage)
    {
        std::vector<char*> out;
        out.reserve(storage.size() + 1);
        for (std::string& s : storage)
            out.push_back(s.data());
        out.push_back(nullptr);
        return out;
    }

    // CPython's parse_arglist: argv (a list or tuple, checked by the caller) to encoded strings.
    std::vector<std::string> arg_list(Value argv)
    {
        gc::RootedValues items;
        sequence_items(argv, items);
        std::vector<std::string> out;
        for (Value v : items)
            out.push_back(fs_convert(v));
        return out;
    }

    // CPython's parse_envlist: a mapping to "key=value" strings.
    std::vector<std::string> env_list(Value env)
    {
        gc::RootedValues keys;
        Value k = py_call_method(env, intern("keys"), nullptr, 0);
        ListObject* kl = py_list_from_iterable(k);
        list_snapshot(kl, keys);
        std::vector<std::string> out;
        for (Value key : keys) {
            std::string ks = fs_convert(key);
            std::string vs = fs_convert(py_getitem(env, key));
            if (ks.empty() || ks.find('=', 1) != std::string::npos)
                raise(&exc::ValueError, "illegal environment variable name");
            out.push_back(ks + "=" + vs);
        }
        return out;
    }

    // PyMapping_Check: anything with __getitem__ (a list passes, and then has no keys()).
    bool is_mapping(Value v)
    {
        return static_cast<bool>(type_lookup(type_of(v), intern("__getitem__")));
    }

    // --- at-fork callbacks ----------------------------------------------------------------------

    // Set once and never reassigned (an abort does not roll back C++ globals): the lists change
    // only through their items, which their undo records cover.
    Value s_before, s_after_child, s_after_parent;

    ListObject* at_fork_list(Value& slot)
    {
        if (!slot) {
            vm::transaction_irreversible(); // a list made by an aborted attempt would keep its
                                            // items
            slot = Value(list_new());
            gc::add_root(&slot);
        }
        return slot.as<ListObject>();
    }

    void run_callbacks(Value& slot, bool reverse)
    {
        if (!slot)
            return;
        gc::RootedValues items;
        list_snapshot(slot.as<ListObject>(), items);
        for (size_t n = 0; n < items.size(); n++) {
            Value func = items[reverse ? items.size() - 1 - n : n];
            try {
                py_call(func, nullptr, 0);
            } catch (PyError&) {
                write_unraisable(take_exception(), nullptr, func);
            }
        }
    }

    Value px_register_at_fork(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        if (nargs)
            raise(&exc::TypeError, "register_at_fork() takes no positional arguments");
        Value a[3];
        parse_args("register_at_fork", args, nargs, kwnames,
            { "*", "before", "after_in_child", "after_in_parent" }, 0, a);
        if (!a[0] && !a[1] && !a[2])
            raise(&exc::TypeError, "At least one argument is required.");
        char const* names[] = { "before", "after_in_child", "after_in_parent" };
        for (int i = 0; i < 3; i++)
            if (a[i] && !py_callable(a[i]))
                raise(&exc::TypeError, "'%s' must be callable, not %s", names[i],
                    type_name(a[i]).c_str());
        if (a[0])
            list_append(at_fork_list(s_before), a[0]);
        if (a[1])
            list_append(at_fork_list(s_after_child), a[1]);
        if (a[2])
            list_append(at_fork_list(s_after_parent), a[2]);
        return none();
    }

    // --- fork and exec
    // ----------------------------------------------------------------------------

    // Waits a moment for threads that are exiting (a joined thread may not have left the registry
    // yet), then insists on being the only thread (see the file comment).
    void require_single_thread()
    {
        for (int i = 0; i < 200 && vm::live_threads() > 1; i++) {
            vm::BlockingRegion region; // lets an exiting thread end its last transaction
            ::usleep(1000);
        }
        if (vm::live_threads() > 1)
            raise(&exc::RuntimeError,
                "fork() is not supported while other threads are running: the child process would "
                "have only the calling thread");
    }

    Value px_fork(Value, Value const*, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("fork", nargs, kwnames, 0, 0);
        require_single_thread();
        vm::transaction_irreversible(); // an effect an abort could not undo
        run_before_fork_callbacks();
        pid_t pid = ::fork();
        int saved = errno;
        if (pid == 0)
            run_after_fork_child_callbacks();
        else
            run_after_fork_parent_callbacks();
        if (pid < 0)
            raise_os_error(saved);
        return int_from_i64(pid);
    }

    Value px_execv(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        Value a[2];
        parse_args("execv", args, nargs, kwnames, { "path", "argv", "/" }, 2, a);
        std::string path = fs_convert(a[0]);
        if (!is_list(a[1]) && !is_tuple(a[1]))
            raise(&exc::TypeError, "execv() arg 2 must be a tuple or list");
        if (py_len(a[1]) < 1)
            raise(&exc::ValueError, "execv() arg 2 must not be empty");
        std::vector<std::string> argv = arg_list(a[1]);
        if (argv[0].empty())
            raise(&exc::ValueError, "execv() arg 2 first element cannot be empty");
        vm::transaction_irreversible(); // an effect an abort could not undo
        std::vector<char*> cargv = c_array(argv);
        ::execv(path.c_str(), cargv.data());
        raise_os_error(errno); // only reached when exec failed (no file name, as CPython)
    }

    Value px_execve(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        Value a[3];
        parse_args("execve", args, nargs, kwnames, { "path", "argv", "env" }, 3, a);
        int fd = -1;
        std::string path;
        if (is_int(a[0]) && !is_bool(a[0]))
            fd = int_arg(a[0]);
        else
            path = fs_convert(a[0]);
        if (!is_list(a[1]) && !is_tuple(a[1]))
            raise(&exc::TypeError, "execve: argv must be a tuple or list");
        if (py_len(a[1]) < 1)
            raise(&exc::ValueError, "execve: argv must not be empty");
        if (!is_mapping(a[2]))
            raise(&exc::TypeError, "execve: environment must be a mapping object");
        std::vector<std::string> argv = arg_list(a[1]);
        if (argv[0].empty())
            raise(&exc::ValueError, "execve: argv first element cannot be empty");
        std::vector<std::string> envs = env_list(a[2]);
        vm::transaction_irreversible(); // an effect an abort could not undo
        std::vector<char*> cargv = c_array(argv), cenv = c_array(envs);
        if (fd >= 0)
            ::fexecve(fd, cargv.data(), cenv.data());
        else
            ::execve(path.c_str(), cargv.data(), cenv.data());
        raise_os_error(errno, fd >= 0 ? Value() : a[0]);
    }

    Value px_system(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        Value a[1];
        parse_args("system", args, nargs, kwnames, { "command" }, 1, a);
        std::string command = fs_convert(a[0]);
        vm::transaction_irreversible(); // an effect an abort could not undo
        int r;
        {
            vm::BlockingRegion region;
            r = ::system(command.c_str());
        }
        return int_from_i64(r);
    }

    Value px_wait(Value, Value const*, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("wait", nargs, kwnames, 0, 0);
        vm::transaction_irreversible(); // reaping a child cannot be undone
        int status = 0;
        pid_t r;
        do {
            vm::BlockingRegion region;
            r = ::wait(&status);
        } while (r < 0 && errno == EINTR);
        if (r < 0)
            raise_os_error(errno);
        return tuple_of({ int_from_i64(r), int_from_i64(status) });
    }

    Value px_abort(Value, Value const*, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("abort", nargs, kwnames, 0, 0);
        vm::transaction_irreversible(); // an effect an abort could not undo
        ::abort();
    }

    // --- process groups and sessions ------------------------------------------------------------

    Value px_getpgid(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        Value a[1];
        parse_args("getpgid", args, nargs, kwnames, { "pid" }, 1, a);
        pid_t r = ::getpgid(static_cast<pid_t>(py_index_i64(a[0])));
        if (r < 0)
            raise_os_error(errno);
        return int_from_i64(r);
    }

    Value px_getsid(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("getsid", nargs, kwnames, 1, 1);
        pid_t r = ::getsid(static_cast<pid_t>(py_index_i64(args[0])));
        if (r < 0)
            raise_os_error(errno);
        return int_from_i64(r);
    }

    Value px_setpgid(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("setpgid", nargs, kwnames, 2, 2);
        vm::transaction_irreversible(); // an effect an abort could not undo
        if (::setpgid(static_cast<pid_t>(py_index_i64(args[0])),
                static_cast<pid_t>(py_index_i64(args[1])))
            != 0)
            raise_os_error(errno);
        return none();
    }

    Value px_setpgrp(Value, Value const*, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("setpgrp", nargs, kwnames, 0, 0);
        vm::transaction_irreversible(); // an effect an abort could not undo
        if (::setpgid(0, 0) != 0)
            raise_os_error(errno);
        return none();
    }

    Value px_setsid(Value, Value const*, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("setsid", nargs, kwnames, 0, 0);
        vm::transaction_irreversible(); // an effect an abort could not undo
        if (::setsid() < 0)
            raise_os_error(errno);
        return none();
    }

    Value px_killpg(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("killpg", nargs, kwnames, 2, 2);
        vm::transaction_irreversible(); // an effect an abort could not undo
        if (::killpg(static_cast<pid_t>(py_index_i64(args[0])), int_arg(args[1])) != 0)
            raise_os_error(errno);
        return none();
    }

    // --- supplementary groups

    Value gid_value(gid_t g) { return int_from_u64(g); }

    Value px_getgroups(Value, Value const*, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("posix", "getgroups", nargs, kwnames, 0, 0);
        int n = ::getgroups(0, nullptr);
        if (n < 0)
            raise_os_error(errno);
        std::vector<gid_t> groups(static_cast<size_t>(n) + 1);
        n = ::getgroups(static_cast<int>(groups.size()), groups.data());
        if (n < 0)
            raise_os_error(errno);
        ListObject* out = list_new(n);
        Value keep(out);
        for (int i = 0; i < n; i++)
            list_append(out, gid_value(groups[static_cast<size_t>(i)]));
        return keep;
    }

    // A user name as CPython's "s" conversion takes it (getgrouplist) or as a file system name
    // (initgroups: str or bytes).
    std::string user_name_arg(char const* fname, Value v, bool allow_bytes)
    {
        std::string out;
        if (allow_bytes && is_bytes(v))
            out = std::string(v.as<BytesObject>()->view());
        else if (is_str(v))
            out = codecs::utf8_encode(
                v.as<StrObject>(), allow_bytes ? "surrogateescape" : "strict");
        else if (allow_bytes)
            raise(&exc::TypeError, "expected str, bytes or os.PathLike object, not %s",
                type_name(v).c_str());
        else
            raise(&exc::TypeError, "%s() argument 1 must be str, not %s", fname,
                type_name(v).c_str());
        // "s" says character, the file system converter byte.
        if (out.find('\0') != std::string::npos)
            raise(&exc::ValueError, allow_bytes ? "embedded null byte" : "embedded null character");
        return out;
    }

    Value px_getgrouplist(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("posix", "getgrouplist", nargs, kwnames, 2, 2);
        std::string user = user_name_arg("getgrouplist", args[0], false);
        gid_t base = posix_gid_arg(args[1]);
        std::vector<gid_t> groups(64);
        for (;;) {
            int n = static_cast<int>(groups.size());
            if (::getgrouplist(user.c_str(), base, groups.data(), &n) >= 0) {
                ListObject* out = list_new(n);
                Value keep(out);
                for (int i = 0; i < n; i++)
                    list_append(out, gid_value(groups[static_cast<size_t>(i)]));
                return keep;
            }
            groups.resize(std::max(groups.size() * 2, static_cast<size_t>(n)));
        }
    }

    Value px_setgroups(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("posix", "setgroups", nargs, kwnames, 1, 1);
        Value seq = args[0];
        // A sequence as PySequence_Check sees one: __getitem__ and not a dict.
        if (is_dict(seq) || !type_lookup(type_of(seq), intern("__getitem__")))
            raise(&exc::TypeError, "setgroups argument must be a sequence");
        int64_t len = py_len(seq);
        if (len > ::sysconf(_SC_NGROUPS_MAX))
            raise(&exc::ValueError, "too many groups");
        std::vector<gid_t> groups;
        for (int64_t i = 0; i < len; i++) {
            Value g = py_getitem(seq, Value::small_int(i));
            if (!is_int(g))
                raise(&exc::TypeError, "groups must be integers");
            groups.push_back(posix_gid_arg(g));
        }
        vm::transaction_irreversible(); // an effect an abort could not undo
        if (::setgroups(groups.size(), groups.data()) != 0)
            raise_os_error(errno);
        return none();
    }

    Value px_initgroups(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("posix", "initgroups", nargs, kwnames, 2, 2);
        std::string user = user_name_arg("initgroups", args[0], true);
        gid_t base = posix_gid_arg(args[1]);
        vm::transaction_irreversible(); // an effect an abort could not undo
        if (::initgroups(user.c_str(), base) != 0)
            raise_os_error(errno);
        return none();
    }

    // --- posix_spawn
    // --------------------------------------------------------------------------------

    enum { SpawnOpen = 0, SpawnClose = 1, SpawnDup2 = 2 }; // CPython's POSIX_SPAWN_* values

    struct SpawnAttrs {
        posix_spawn_file_actions_t actions;
        posix_spawnattr_t attr;
        std::vector<std::string> open_paths; // kept alive until the call
        SpawnAttrs()
        {
            posix_spawn_file_actions_init(&actions);
            posix_spawnattr_init(&attr);
        }
        ~SpawnAttrs()
        {
            posix_spawn_file_actions_destroy(&actions);
            posix_spawnattr_destroy(&attr);
        }
    };

    void signal_set(Value v, sigset_t* out)
    {
        sigemptyset(out);
        Value it = py_iter(v);
        while (Value s = py_next(it)) {
            int64_t sig = py_index_i64(s);
            if (sig < 1 || sig >= NSIG)
                raise(&exc::ValueError, "signal number %lld out of range [1; %d]",
                    static_cast<long long>(sig), NSIG - 1);
            sigaddset(out, static_cast<int>(sig));
        }
    }

    void file_actions(SpawnAttrs& sa, Value seq)
    {
        if (is_none(seq))
            return;
        if (!is_list(seq) && !is_tuple(seq))
            raise(&exc::TypeError, "file_actions must be a sequence or None");
        gc::RootedValues items;
        sequence_items(seq, items);
        sa.open_paths.reserve(items.size()); // addresses handed to libc must not move
        for (Value item : items) {
            if (!is_tuple(item) || item.as<TupleObject>()->m_size == 0)
                raise(&exc::TypeError, "Each file_actions element must be a non-empty tuple");
            TupleObject* t = item.as<TupleObject>();
            int64_t tag = py_index_i64(t->item(0));
            int64_t n = t->m_size;
            int r = 0;
            if (tag == SpawnOpen) {
                if (n != 5)
                    raise(&exc::TypeError, "A open file_action tuple must have 5 elements");
                sa.open_paths.push_back(fs_convert(t->item(2)));
                r = posix_spawn_file_actions_addopen(&sa.actions, int_arg(t->item(1)),
                    sa.open_paths.back().c_str(), int_arg(t->item(3)),
                    static_cast<mode_t>(int_arg(t->item(4))));
            } else if (tag == SpawnClose) {
                if (n != 2)
                    raise(&exc::TypeError, "A close file_action tuple must have 2 elements");
                r = posix_spawn_file_actions_addclose(&sa.actions, int_arg(t->item(1)));
            } else if (tag == SpawnDup2) {
                if (n != 3)
                    raise(&exc::TypeError, "A dup2 file_action tuple must have 3 elements");
                r = posix_spawn_file_actions_adddup2(
                    &sa.actions, int_arg(t->item(1)), int_arg(t->item(2)));
            } else {
                raise(&exc::TypeError, "Unknown file_actions identifier");
            }
            if (r != 0)
                raise_os_error(r);
        }
    }

    Value do_posix_spawn(
        char const* fname, bool use_path, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        Value a[10];
        parse_args(fname, args, nargs, kwnames,
            { "path", "argv", "env", "/", "*", "file_actions", "setpgroup", "resetids", "setsid",
                "setsigmask", "setsigdef", "scheduler" },
            3, a);
        std::string path = fs_convert(a[0]);
        if (!is_list(a[1]) && !is_tuple(a[1]))
            raise(&exc::TypeError, "%s: argv must be a tuple or list", fname);
        if (py_len(a[1]) < 1)
            raise(&exc::ValueError, "%s: argv must not be empty", fname);
        if (!is_mapping(a[2]))
            raise(&exc::TypeError, "%s: environment must be a mapping object", fname);
        std::vector<std::string> argv = arg_list(a[1]);
        std::vector<std::string> envs = env_list(a[2]);
        SpawnAttrs sa;
        if (a[3])
            file_actions(sa, a[3]);
        short flags = 0;
        if (a[4] && !is_none(a[4])) {
            flags |= POSIX_SPAWN_SETPGROUP;
            posix_spawnattr_setpgroup(&sa.attr, static_cast<pid_t>(py_index_i64(a[4])));
        }
        // resetids and setsid are ints taken as flags (CPython's "bool(accept={int})").
        if (a[5] && posix_int_arg(a[5]))
            flags |= POSIX_SPAWN_RESETIDS;
        if (a[6] && posix_int_arg(a[6]))
            flags |= POSIX_SPAWN_SETSID;
        sigset_t set;
        if (a[7])
            signal_set(a[7], &set);
        else
            child_signal_mask(&set); // never the all-blocked mask of pystm's other threads
        flags |= POSIX_SPAWN_SETSIGMASK;
        posix_spawnattr_setsigmask(&sa.attr, &set);
        if (a[8]) {
            signal_set(a[8], &set);
            flags |= POSIX_SPAWN_SETSIGDEF;
            posix_spawnattr_setsigdefault(&sa.attr, &set);
        }
        if (a[9] && !is_none(a[9]))
            raise(&exc::NotImplementedError, "%s: scheduler is not supported", fname);
        posix_spawnattr_setflags(&sa.attr, flags);
        vm::transaction_irreversible(); // an effect an abort could not undo
        std::vector<char*> cargv = c_array(argv), cenv = c_array(envs);
        pid_t pid;
        int r = use_path
            ? ::posix_spawnp(&pid, path.c_str(), &sa.actions, &sa.attr, cargv.data(), cenv.data())
            : ::posix_spawn(&pid, path.c_str(), &sa.actions, &sa.attr, cargv.data(), cenv.data());
        if (r != 0)
            raise_os_error(r, a[0]);
        return int_from_i64(pid);
    }

    Value px_posix_spawn(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        return do_posix_spawn("posix_spawn", false, args, nargs, kwnames);
    }
    Value px_posix_spawnp(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        return do_posix_spawn("posix_spawnp", true, args, nargs, kwnames);
    }

    // --- descriptors and configuration --------------------------------------------------------

    Value px_pipe2(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("pipe2", nargs, kwnames, 1, 1);
        vm::transaction_irreversible(); // an effect an abort could not undo
        int fds[2];
        if (::pipe2(fds, int_arg(args[0])) != 0)
            raise_os_error(errno);
        return tuple_of({ Value::small_int(fds[0]), Value::small_int(fds[1]) });
    }

    struct NamedInt {
        char const* name;
        int value;
    };

    NamedInt const s_confstr_names[] = {
        { "CS_PATH", _CS_PATH },
        { "CS_GNU_LIBC_VERSION", _CS_GNU_LIBC_VERSION },
        { "CS_GNU_LIBPTHREAD_VERSION", _CS_GNU_LIBPTHREAD_VERSION },
    };

    Value px_confstr(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("confstr", nargs, kwnames, 1, 1);
        int name = -1;
        if (is_str(args[0])) {
            std::string n = str_utf8(args[0]);
            for (NamedInt const& c : s_confstr_names)
                if (n == c.name)
                    name = c.value;
            if (name < 0)
                raise(&exc::ValueError, "unrecognized configuration name");
        } else if (is_int(args[0])) {
            name = int_arg(args[0]);
        } else {
            raise(&exc::TypeError, "configuration names must be strings or integers");
        }
        errno = 0;
        size_t len = ::confstr(name, nullptr, 0);
        if (len == 0) {
            if (errno)
                raise_os_error(errno);
            return none();
        }
        std::string buf(len, '\0');
        ::confstr(name, buf.data(), len);
        buf.resize(len - 1);
        return Value(str_from_utf8(buf));
    }

    MethodDef const s_process_methods[] = {
        { "register_at_fork", px_register_at_fork },
        { "fork", px_fork },
        { "execv", px_execv },
        { "execve", px_execve },
        { "system", px_system },
        { "wait", px_wait },
        { "abort", px_abort },
        { "getpgid", px_getpgid },
        { "getsid", px_getsid },
        { "setpgid", px_setpgid },
        { "setpgrp", px_setpgrp },
        { "setsid", px_setsid },
        { "killpg", px_killpg },
        { "getgroups", px_getgroups },
        { "getgrouplist", px_getgrouplist },
        { "setgroups", px_setgroups },
        { "initgroups", px_initgroups },
        { "posix_spawn", px_posix_spawn },
        { "posix_spawnp", px_posix_spawnp },
        { "pipe2", px_pipe2 },
        { "confstr", px_confstr },
        { nullptr, nullptr },
    };

    NamedInt const s_process_constants[] = {
        { "POSIX_SPAWN_OPEN", SpawnOpen },
        { "POSIX_SPAWN_CLOSE", SpawnClose },
        { "POSIX_SPAWN_DUP2", SpawnDup2 },
        { "EX_USAGE", EX_USAGE },
        { "EX_DATAERR", EX_DATAERR },
        { "EX_NOINPUT", EX_NOINPUT },
        { "EX_NOUSER", EX_NOUSER },
        { "EX_NOHOST", EX_NOHOST },
        { "EX_UNAVAILABLE", EX_UNAVAILABLE },
        { "EX_SOFTWARE", EX_SOFTWARE },
        { "EX_OSERR", EX_OSERR },
        { "EX_OSFILE", EX_OSFILE },
        { "EX_CANTCREAT", EX_CANTCREAT },
        { "EX_IOERR", EX_IOERR },
        { "EX_TEMPFAIL", EX_TEMPFAIL },
        { "EX_PROTOCOL", EX_PROTOCOL },
        { "EX_NOPERM", EX_NOPERM },
        { "EX_CONFIG", EX_CONFIG },
    };

} // namespace

std::string fs_convert(Value v)
{
    Value p = v;
    if (!is_str(p) && !is_bytes(p)) {
        Value fspath = type_lookup(type_of(p), intern("__fspath__"));
        if (!fspath || is_none(fspath))
            raise(&exc::TypeError, "expected str, bytes or os.PathLike object, not %s",
                type_name(v).c_str());
        p = py_call_method(p, intern("__fspath__"), nullptr, 0);
        if (!is_str(p) && !is_bytes(p))
            raise(&exc::TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                type_name(v).c_str(), type_name(p).c_str());
    }
    std::string out = is_bytes(p) ? std::string(p.as<BytesObject>()->view())
                                  : codecs::utf8_encode(p.as<StrObject>(), "surrogateescape");
    if (out.find('\0') != std::string::npos)
        raise(&exc::ValueError, "embedded null byte");
    return out;
}

void run_before_fork_callbacks() { run_callbacks(s_before, true); }
void run_after_fork_parent_callbacks() { run_callbacks(s_after_parent, false); }
void run_after_fork_child_callbacks() { run_callbacks(s_after_child, false); }

void child_signal_mask(sigset_t* out)
{
    if (pthread_equal(pthread_self(), s_main_thread))
        pthread_sigmask(SIG_SETMASK, nullptr, out);
    else
        sigemptyset(out);
}

void enter_forked_child()
{
    // TX-3: inside an atomic block the transaction never ends, so the child never waits for
    // the run token or a collection on behalf of threads that were not copied.
    ThreadState* ts = tstate();
    ts->m_atomic_depth++;
}

void add_posix_process_functions(ModuleObject* m)
{
    DictObject* d = m->m_dict;
    for (MethodDef const* def = s_process_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    for (NamedInt const& c : s_process_constants)
        dict_set_cstr(d, c.name, int_from_i64(c.value));
    DictObject* names = dict_new();
    for (NamedInt const& c : s_confstr_names)
        dict_set_cstr(names, c.name, int_from_i64(c.value));
    dict_set_cstr(d, "confstr_names", Value(names));
}

} // namespace pystm
