// The _posixsubprocess module: fork_exec(), the primitive CPython 3.11's subprocess.Popen starts
// a child with (Popen._execute_child), with its 23 arguments, checks and error reporting.
//
// The parent converts every argument to C++ memory first (argv, the executables to try, the
// environment, cwd); the child then runs only async-signal-safe calls until exec: it may not
// touch the heap, a lock or the interpreter, since the other threads of the process, which may
// hold them, do not exist in it. Without preexec_fn the child is made with vfork() (the parent's
// thread is suspended until the child execs; every signal is blocked meanwhile and the child
// resets caught signals to their default action, so no handler runs in the shared memory).
//
// The child reports a failure before or at exec through errpipe_write as
// "OSError:<errno in hex>:" ("noexec" appended when it failed before exec, e.g. in chdir), or
// "SubprocessError:0:<message>"; subprocess.py turns that into the exception (FileNotFoundError
// for a missing program, ...). A successful exec closes the pipe (it is close-on-exec).
//
// preexec_fn runs Python code in the child, as in CPython, and so shares CPython's caveat: it is
// unsafe when other threads run (a lock or an object another thread held at the fork stays held
// for ever). pystm's child runs it in the transaction that was running at the fork, made never to
// end (posix_process.h, enter_forked_child), after running the os.register_at_fork
// after_in_child callbacks; the parent runs the before / after_in_parent callbacks around it.
//
// Signal mask: the child execs with the caller's mask if the caller is the main thread, else
// with an empty mask (pystm's other threads block every asynchronous signal, posix_process.h).
#include "base/fd_write.h"
#include "builtins/builtins.h"
#include "modules/builtin_modules.h"
#include "modules/posix_process.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "vm/transaction.h"
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

#ifndef SYS_close_range
#define SYS_close_range 436 // the same number on every Linux architecture
#endif

namespace pystm {

namespace {

    // Everything the child needs, in C++ memory prepared by the parent.
    struct ChildArgs {
        char* const* exec_array; // executables to try, NULL-terminated
        char* const* argv; // may be null (args was None)
        char* const* envp; // null: keep the environment (execv)
        char const* cwd; // null: unchanged
        int p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write;
        bool close_fds, restore_signals, call_setsid;
        pid_t pgid_to_set;
        gid_t gid;
        bool set_gid;
        std::vector<gid_t> const* extra_groups; // null: unchanged
        uid_t uid;
        bool set_uid;
        int child_umask;
        std::vector<int> const* fds_to_keep; // sorted
        int max_fd; // for closing descriptors where close_range() is missing
        sigset_t const* child_mask;
        bool reset_handlers; // vfork: reset caught signals before unblocking them
        Value preexec_fn; // null or None: none
    };

    // --- the child (async-signal-safe until preexec_fn)
    // -------------------------------------------

    void write_all(int fd, char const* s, size_t n) { write_fully(fd, s, n); }

    bool set_inheritable(int fd, bool inheritable)
    {
        int flags = ::fcntl(fd, F_GETFD);
        if (flags < 0)
            return false;
        int wanted = inheritable ? flags & ~FD_CLOEXEC : flags | FD_CLOEXEC;
        return wanted == flags || ::fcntl(fd, F_SETFD, wanted) == 0;
    }

    void close_range_of(int lo, int hi, int max_fd)
    {
        if (lo > hi)
            return;
        if (::syscall(SYS_close_range, static_cast<unsigned>(lo), static_cast<unsigned>(hi), 0u)
            == 0)
            return;
        for (int fd = lo; fd <= hi && fd < max_fd; fd++)
            ::close(fd);
    }

    // Closes every descriptor from 3 up except those in fds_to_keep (_close_open_fds).
    void close_open_fds(ChildArgs const& c)
    {
        int start = 3;
        for (int keep : *c.fds_to_keep) {
            if (keep < start)
                continue;
            close_range_of(start, keep - 1, c.max_fd);
            start = keep + 1;
        }
        close_range_of(start, INT_MAX, c.max_fd);
    }

    void reset_signal_handlers()
    {
        for (int sig = 1; sig < NSIG; sig++) {
            if (sig == SIGKILL || sig == SIGSTOP)
                continue;
            struct sigaction sa;
            if (::sigaction(sig, nullptr, &sa) != 0)
                continue; // signals reserved by the C library
            if (sa.sa_handler == SIG_IGN || sa.sa_handler == SIG_DFL)
                continue;
            ::signal(sig, SIG_DFL);
        }
    }

    // Sets up the child and execs; returns -1 with errno set on a failure. [reached_preexec]
    // tells the parent whether the failure came before preexec_fn / exec ("noexec").
    int child_setup_and_exec(ChildArgs const& c, bool& reached_preexec, char const*& err_msg)
    {
#define CHILD_CALL(call)                                                                           \
    if ((call) == -1)                                                                              \
        return -1;
        for (int fd : *c.fds_to_keep)
            if (fd != c.errpipe_write && !set_inheritable(fd, true))
                return -1;
        if (c.p2cwrite != -1)
            CHILD_CALL(::close(c.p2cwrite));
        if (c.c2pread != -1)
            CHILD_CALL(::close(c.c2pread));
        if (c.errread != -1)
            CHILD_CALL(::close(c.errread));
        CHILD_CALL(::close(c.errpipe_read));

        // When duping fds, one of them may be 0, 1 or 2 and be overwritten (CPython issue #12607).
        int c2pwrite = c.c2pwrite, errwrite = c.errwrite;
        if (c2pwrite == 0) {
            CHILD_CALL(c2pwrite = ::dup(c2pwrite));
            if (!set_inheritable(c2pwrite, false))
                return -1;
        }
        while (errwrite == 0 || errwrite == 1) {
            CHILD_CALL(errwrite = ::dup(errwrite));
            if (!set_inheritable(errwrite, false))
                return -1;
        }
        // dup2() clears close-on-exec, but is a no-op when both descriptors are equal.
        if (c.p2cread == 0) {
            if (!set_inheritable(0, true))
                return -1;
        } else if (c.p2cread != -1) {
            CHILD_CALL(::dup2(c.p2cread, 0));
        }
        if (c2pwrite == 1) {
            if (!set_inheritable(1, true))
                return -1;
        } else if (c2pwrite != -1) {
            CHILD_CALL(::dup2(c2pwrite, 1));
        }
        if (errwrite == 2) {
            if (!set_inheritable(2, true))
                return -1;
        } else if (errwrite != -1) {
            CHILD_CALL(::dup2(errwrite, 2));
        }
        if (c.cwd)
            CHILD_CALL(::chdir(c.cwd));
        if (c.child_umask >= 0)
            ::umask(static_cast<mode_t>(c.child_umask));
        if (c.restore_signals) {
            ::signal(SIGPIPE, SIG_DFL);
            ::signal(SIGXFSZ, SIG_DFL);
        }
        if (c.reset_handlers)
            reset_signal_handlers();
        if (int e = ::pthread_sigmask(SIG_SETMASK, c.child_mask, nullptr)) {
            errno = e;
            return -1;
        }
        if (c.call_setsid)
            CHILD_CALL(::setsid());
        if (c.pgid_to_set >= 0)
            CHILD_CALL(::setpgid(0, c.pgid_to_set));
        if (c.extra_groups)
            CHILD_CALL(::setgroups(c.extra_groups->size(), c.extra_groups->data()));
        if (c.set_gid)
            CHILD_CALL(::setregid(c.gid, c.gid));
        if (c.set_uid)
            CHILD_CALL(::setreuid(c.uid, c.uid));
#undef CHILD_CALL

        reached_preexec = true;
        if (c.preexec_fn && !is_none(c.preexec_fn)) {
            // Not async-signal-safe, as in CPython: the caller asked for it.
            bool failed = false;
            try {
                py_call(c.preexec_fn, nullptr, 0);
            } catch (...) {
                failed = true;
            }
            if (failed) {
                err_msg = "Exception occurred in preexec_fn.";
                errno = 0; // not an OSError
                return -1;
            }
        }
        // After preexec_fn, which may open descriptors.
        if (c.close_fds)
            close_open_fds(c);

        // The PATH search of os._execvpe(), over the list subprocess.py built.
        int saved_errno = 0;
        for (int i = 0; c.exec_array[i]; i++) {
            if (c.envp)
                ::execve(c.exec_array[i], c.argv, c.envp);
            else
                ::execv(c.exec_array[i], c.argv);
            if (errno != ENOENT && errno != ENOTDIR && saved_errno == 0)
                saved_errno = errno;
        }
        if (saved_errno) // the first error that is not "no such file", not the last
            errno = saved_errno;
        return -1;
    }

    [[noreturn]] void child_exec(ChildArgs const& c)
    {
        bool reached_preexec = false;
        char const* err_msg = "";
        child_setup_and_exec(c, reached_preexec, err_msg);
        int saved_errno = errno;
        if (saved_errno) {
            // No strerror() here (not async-signal-safe): the parent looks the message up.
            char hex[sizeof(int) * 2];
            char* cur = hex + sizeof hex;
            while (saved_errno != 0 && cur != hex) {
                *--cur = "0123456789abcdef"[saved_errno % 16];
                saved_errno /= 16;
            }
            write_all(c.errpipe_write, "OSError:", 8);
            write_all(c.errpipe_write, cur, static_cast<size_t>(hex + sizeof hex - cur));
            write_all(c.errpipe_write, ":", 1);
            if (!reached_preexec)
                write_all(c.errpipe_write, "noexec", 6);
        } else {
            write_all(c.errpipe_write, "SubprocessError:0:", 18);
            write_all(c.errpipe_write, err_msg, std::strlen(err_msg));
        }
        ::_exit(255);
    }

    // Forks (vfork when [use_vfork]) and runs the child. The child never returns from here: with
    // vfork it shares this stack frame's caller, so it must not return into it.
    __attribute__((noinline)) pid_t do_fork_exec(ChildArgs const* c, bool use_vfork)
    {
        pid_t pid;
        if (use_vfork) {
            pid = ::vfork();
            if (pid == -1)
                pid = ::fork(); // vfork failed: fall back, as CPython does
        } else {
            pid = ::fork();
        }
        if (pid != 0)
            return pid;
        if (c->preexec_fn && !is_none(c->preexec_fn)) {
            // A plain fork: the child may run Python code (CPython's PyOS_AfterFork_Child).
            enter_forked_child();
            run_after_fork_child_callbacks();
        }
        child_exec(*c);
    }

    // --- the parent
    // -------------------------------------------------------------------------------

    int int_arg(Value v, int pos)
    {
        if (!is_int(v))
            raise(&exc::TypeError, "fork_exec() argument %d must be int, not %s", pos,
                type_name(v).c_str());
        return static_cast<int>(py_index_i64(v));
    }

    // _PySequence_BytesToCharpArray: a sequence of bytes to strings.
    std::vector<std::string> bytes_array(Value seq)
    {
        TupleObject* t = py_tuple_from_iterable(seq);
        std::vector<std::string> out;
        for (int64_t i = 0; i < t->m_size; i++) {
            Value v = t->item(i);
            if (!is_bytes(v))
                raise(&exc::TypeError, "expected bytes, %s found", type_name(v).c_str());
            std::string s(v.as<BytesObject>()->view());
            if (s.find('\0') != std::string::npos)
                raise(&exc::ValueError, "embedded null byte");
            out.push_back(std::move(s));
        }
        return out;
    }

    std::vector<char*> c_array(std::vector<std::string>& storage)
    {
        std::vector<char*> out;
        for (std::string& s : storage)
            out.push_back(s.data());
        out.push_back(nullptr);
        return out;
    }

    Value ps_fork_exec(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        if (kwnames && kwnames->m_size)
            raise(&exc::TypeError, "fork_exec() takes no keyword arguments");
        if (nargs != 23)
            raise(&exc::TypeError, "fork_exec() takes exactly 23 arguments (%zu given)", nargs);
        Value process_args = args[0], executable_list = args[1];
        bool close_fds = py_truthy(args[2]);
        if (!is_tuple(args[3]))
            raise(&exc::TypeError, "fork_exec() argument 4 must be tuple, not %s",
                type_name(args[3]).c_str());
        TupleObject* py_fds_to_keep = args[3].as<TupleObject>();
        Value cwd_obj = args[4], env_obj = args[5];
        ChildArgs c {};
        c.p2cread = int_arg(args[6], 7);
        c.p2cwrite = int_arg(args[7], 8);
        c.c2pread = int_arg(args[8], 9);
        c.c2pwrite = int_arg(args[9], 10);
        c.errread = int_arg(args[10], 11);
        c.errwrite = int_arg(args[11], 12);
        c.errpipe_read = int_arg(args[12], 13);
        c.errpipe_write = int_arg(args[13], 14);
        c.close_fds = close_fds;
        c.restore_signals = py_truthy(args[14]);
        c.call_setsid = py_truthy(args[15]);
        c.pgid_to_set = static_cast<pid_t>(py_index_i64(args[16]));
        Value gid_obj = args[17], groups_obj = args[18], uid_obj = args[19];
        c.child_umask = int_arg(args[20], 21);
        Value preexec_fn = args[21];
        bool allow_vfork = py_truthy(args[22]);

        if (close_fds && c.errpipe_write < 3)
            raise(&exc::ValueError, "errpipe_write must be >= 3");
        std::vector<int> fds_to_keep;
        for (int64_t i = 0; i < py_fds_to_keep->m_size; i++) {
            Value v = py_fds_to_keep->item(i);
            int64_t fd = is_int(v) ? py_index_i64(v) : -1;
            if (fd < 0 || fd > INT_MAX || (!fds_to_keep.empty() && fd <= fds_to_keep.back()))
                raise(&exc::ValueError, "bad value(s) in fds_to_keep");
            fds_to_keep.push_back(static_cast<int>(fd));
        }
        c.fds_to_keep = &fds_to_keep;

        std::vector<std::string> exec_strings = bytes_array(executable_list);
        std::vector<char*> exec_array = c_array(exec_strings);
        c.exec_array = exec_array.data();
        std::vector<std::string> argv_strings;
        std::vector<char*> argv_array;
        if (!is_none(process_args)) {
            if (!is_list(process_args) && !is_tuple(process_args))
                raise(&exc::TypeError, "argv must be a tuple");
            TupleObject* t = py_tuple_from_iterable(process_args);
            for (int64_t i = 0; i < t->m_size; i++)
                argv_strings.push_back(fs_convert(t->item(i)));
            argv_array = c_array(argv_strings);
            c.argv = argv_array.data();
        }
        std::vector<std::string> env_strings;
        std::vector<char*> env_array;
        if (!is_none(env_obj)) {
            env_strings = bytes_array(env_obj);
            env_array = c_array(env_strings);
            c.envp = env_array.data();
        }
        std::string cwd;
        if (!is_none(cwd_obj)) {
            cwd = fs_convert(cwd_obj);
            c.cwd = cwd.c_str();
        }
        std::vector<gid_t> groups;
        if (!is_none(groups_obj)) {
            if (!is_list(groups_obj))
                raise(&exc::TypeError, "setgroups argument must be a list");
            TupleObject* t = py_tuple_from_iterable(groups_obj);
            for (int64_t i = 0; i < t->m_size; i++)
                groups.push_back(static_cast<gid_t>(py_index_i64(t->item(i))));
            c.extra_groups = &groups;
        }
        if (!is_none(gid_obj)) {
            c.gid = static_cast<gid_t>(py_index_i64(gid_obj));
            c.set_gid = true;
        }
        if (!is_none(uid_obj)) {
            c.uid = static_cast<uid_t>(py_index_i64(uid_obj));
            c.set_uid = true;
        }
        c.preexec_fn = preexec_fn;
        long open_max = ::sysconf(_SC_OPEN_MAX);
        c.max_fd = open_max > 0 && open_max < INT_MAX ? static_cast<int>(open_max) : 256;

        vm::transaction_irreversible(); // a started process cannot be un-started
        bool has_preexec = !is_none(preexec_fn);
        if (has_preexec)
            run_before_fork_callbacks();
        sigset_t child_mask;
        child_signal_mask(&child_mask);
        c.child_mask = &child_mask;
        bool use_vfork = !has_preexec && allow_vfork && !c.set_uid && !c.set_gid && !c.extra_groups;
        sigset_t old_mask;
        if (use_vfork) {
            // No signal handler may run in the child while it shares our memory.
            sigset_t all;
            sigfillset(&all);
            if (int e = ::pthread_sigmask(SIG_BLOCK, &all, &old_mask))
                raise_os_error(e);
            c.reset_handlers = true;
        }
        pid_t pid = do_fork_exec(&c, use_vfork);
        int saved_errno = pid == -1 ? errno : 0;
        if (use_vfork)
            ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr); // the child has exec'd or exited
        if (has_preexec)
            run_after_fork_parent_callbacks();
        if (pid == -1)
            raise_os_error(saved_errno);
        return int_from_i64(pid);
    }

    MethodDef const s_methods[] = {
        { "fork_exec", ps_fork_exec, METH_DEFAULT,
            "Spawn a fresh new child process.\n\nFork a child process, close parent file "
            "descriptors as "
            "appropriate in the child\nand dup the few that are needed before calling exec() in "
            "the "
            "child process.\n\nIf close_fds is true, close file descriptors 3 and higher, except "
            "those "
            "listed\nin the sorted tuple pass_fds.\n\nThe preexec_fn, if supplied, will be called "
            "immediately before closing file\ndescriptors and exec.\nWARNING: preexec_fn is NOT "
            "SAFE if "
            "your application uses threads.\n         It may trigger infrequent, difficult to "
            "debug "
            "deadlocks.\n\nIf an error occurs in the child process before the exec, it "
            "is\nserialized "
            "and written to the errpipe_write fd per subprocess.py.\n\nReturns: the child "
            "process's PID.\n\n"
            "Raises: Only on an error in the parent process.\n" },
        { nullptr, nullptr },
    };

} // namespace

ModuleObject* init_posixsubprocess_module()
{
    ModuleObject* m = module_new("_posixsubprocess");
    DictObject* d = m->m_dict;
    dict_set_str(
        d, names::__doc__, Value(str_from_utf8("A POSIX helper for the subprocess module.")));
    for (MethodDef const* def = s_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    return m;
}

} // namespace pystm
