// The fcntl module: fcntl(), ioctl(), flock() and lockf() on file descriptors, and the
// constants of <fcntl.h> and <sys/file.h> that CPython exposes on Linux.
//
// The system calls run in a BlockingRegion (a lock request may wait, and the region also keeps
// an aborted transaction from repeating the call): buffers passed to them are C++ copies, and a
// mutable buffer is written back after the call, as CPython does for buffers of up to 1024 bytes.
#include "modules/builtin_modules.h"
#include "modules/posix_args.h"
#include "modules/signal_module.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_object.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/function_object.h"
#include "vm/transaction.h"
#include <cerrno>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace pystm {

namespace {

    constexpr size_t k_arg_buffer_size = 1024; // CPython's limit on a copied buffer argument

    // fcntl(2) with EINTR retried after the signal handlers ran (PEP 475).
    int fcntl_retry(int fd, int cmd, void* arg)
    {
        for (;;) {
            int r, err;
            {
                vm::BlockingRegion region;
                r = ::fcntl(fd, cmd, arg);
                err = errno;
            }
            if (r != -1)
                return r;
            if (err != EINTR)
                raise_os_error(err);
            signal_check_interrupt();
        }
    }

    // The bytes of a str (UTF-8) or bytes argument, as CPython's "s#" takes them; false otherwise
    // (and for a str that does not encode, which then fails as an integer).
    bool string_arg(Value v, std::string* out)
    {
        if (is_bytes(v)) {
            *out = std::string(v.as<BytesObject>()->view());
            return true;
        }
        if (!is_str(v))
            return false;
        try {
            *out = codecs::utf8_encode(v.as<StrObject>(), "strict");
        } catch (PyError&) {
            take_exception();
            return false;
        }
        return true;
    }

    // fcntl(fd, cmd, arg=0, /)
    Value fc_fcntl(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("fcntl", "fcntl", nargs, kwnames, 2, 3);
        int fd = posix_fd_arg(args[0]);
        int cmd = posix_int_arg(args[1]);
        std::string s;
        if (nargs > 2 && string_arg(args[2], &s)) {
            if (s.size() > k_arg_buffer_size)
                raise(&exc::ValueError, "fcntl string arg too long");
            std::string buf(k_arg_buffer_size + 1, '\0');
            buf.replace(0, s.size(), s);
            fcntl_retry(fd, cmd, buf.data());
            return Value(bytes_new(std::string_view(buf.data(), s.size())));
        }
        // An integer argument is taken modulo 2**32, like CPython's "I" conversion.
        unsigned int arg = nargs > 2 ? static_cast<unsigned int>(posix_ulong_mask_arg(args[2])) : 0;
        int r = fcntl_retry(fd, cmd, reinterpret_cast<void*>(static_cast<uintptr_t>(arg)));
        return Value::small_int(r);
    }

    int ioctl_call(int fd, unsigned long request, void* arg)
    {
        int r, err;
        {
            vm::BlockingRegion region;
            r = ::ioctl(fd, request, arg);
            err = errno;
        }
        if (r == -1)
            raise_os_error(err);
        return r;
    }

    // ioctl(fd, request, arg=0, mutate_flag=True, /)
    Value fc_ioctl(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("ioctl", "ioctl", nargs, kwnames, 2, 4);
        int fd = posix_fd_arg(args[0]);
        // The request is taken modulo 2**32 (CPython's "I").
        unsigned long request = static_cast<unsigned int>(posix_ulong_mask_arg(args[1]));
        bool mutate = nargs > 3 ? py_truthy(args[3]) : true;
        if (nargs < 3)
            return Value::small_int(ioctl_call(fd, request, nullptr));
        Value arg = args[2];
        WritableBuffer wb;
        std::string tmp;
        std::string_view content;
        if (writable_buffer(arg, &wb)) {
            buffer_like(arg, tmp, &content);
            if (!mutate && content.size() > k_arg_buffer_size)
                raise(&exc::ValueError, "ioctl string arg too long");
            // A larger mutable buffer is passed whole in CPython: the copy is as large.
            std::string buf(std::max(content.size(), k_arg_buffer_size) + 1, '\0');
            buf.replace(0, content.size(), content);
            int r = ioctl_call(fd, request, buf.data());
            if (!mutate)
                return Value(bytes_new(std::string_view(buf.data(), content.size())));
            wb.write(0, std::string_view(buf.data(), content.size()));
            return Value::small_int(r);
        }
        std::string s;
        if (string_arg(arg, &s) || buffer_like(arg, s, &content)) {
            if (!is_str(arg) && !is_bytes(arg))
                s = std::string(content);
            if (s.size() > k_arg_buffer_size)
                raise(&exc::ValueError, "ioctl string arg too long");
            std::string buf(k_arg_buffer_size + 1, '\0');
            buf.replace(0, s.size(), s);
            ioctl_call(fd, request, buf.data());
            return Value(bytes_new(std::string_view(buf.data(), s.size())));
        }
        int64_t i;
        if (!int_to_i64(py_number_index(arg), &i) || i > INT_MAX)
            raise(&exc::OverflowError, "signed integer is greater than maximum");
        if (i < INT_MIN)
            raise(&exc::OverflowError, "signed integer is less than minimum");
        int r = ioctl_call(
            fd, request, reinterpret_cast<void*>(static_cast<intptr_t>(static_cast<int>(i))));
        return Value::small_int(r);
    }

    // flock(fd, operation, /)
    Value fc_flock(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("flock", "flock", nargs, kwnames, 2, 2);
        int fd = posix_fd_arg(args[0]);
        int op = posix_int_arg(args[1]);
        for (;;) {
            int r, err;
            {
                vm::BlockingRegion region;
                r = ::flock(fd, op);
                err = errno;
            }
            if (r == 0)
                return none();
            if (err != EINTR)
                raise_os_error(err);
            signal_check_interrupt();
        }
    }

    // lockf(fd, cmd, len=0, start=0, whence=0, /): a record lock through fcntl(F_SETLK[W]), as
    // CPython implements it (so that it combines with fcntl locks).
    Value fc_lockf(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("lockf", "lockf", nargs, kwnames, 2, 5);
        int fd = posix_fd_arg(args[0]);
        int cmd = posix_int_arg(args[1]);
        struct flock l = {};
        if (cmd == LOCK_UN)
            l.l_type = F_UNLCK;
        else if (cmd & LOCK_SH)
            l.l_type = F_RDLCK;
        else if (cmd & LOCK_EX)
            l.l_type = F_WRLCK;
        else
            raise(&exc::ValueError, "unrecognized lockf argument");
        l.l_len = nargs > 2 ? posix_long_arg(args[2]) : 0;
        l.l_start = nargs > 3 ? posix_long_arg(args[3]) : 0;
        l.l_whence = static_cast<short>(nargs > 4 ? posix_int_arg(args[4]) : 0);
        fcntl_retry(fd, (cmd & LOCK_NB) ? F_SETLK : F_SETLKW, &l);
        return none();
    }

    MethodDef const s_fcntl_methods[] = {
        { "fcntl", fc_fcntl, METH_DEFAULT,
            "fcntl($module, fd, cmd, arg=0, /)\n--\n\nPerform the operation `cmd` on file "
            "descriptor fd.\n\nThe "
            "values used for `cmd` are operating system dependent, and are available\nas constants "
            "in the fcntl "
            "module, using the same names as used in\nthe relevant C header files.  The argument "
            "arg is optional, "
            "and\ndefaults to 0; it may be an int or a string.  If arg is given as a string,\nthe "
            "return value of "
            "fcntl is a string of that length, containing the\nresulting value put in the arg "
            "buffer by the "
            "operating system.  The length\nof the arg string is not allowed to exceed 1024 bytes. "
            " If the arg "
            "given\nis an integer or if none is specified, the result value is an "
            "integer\ncorresponding to the "
            "return value of the fcntl call in the C code." },
        { "ioctl", fc_ioctl, METH_DEFAULT,
            "ioctl($module, fd, request, arg=0, mutate_flag=True, /)\n--\n\nPerform the operation "
            "`request` on "
            "file descriptor `fd`." },
        { "flock", fc_flock, METH_DEFAULT,
            "flock($module, fd, operation, /)\n--\n\nPerform the lock operation `operation` on "
            "file descriptor "
            "`fd`." },
        { "lockf", fc_lockf, METH_DEFAULT,
            "lockf($module, fd, cmd, len=0, start=0, whence=0, /)\n--\n\nA wrapper around the "
            "fcntl() locking "
            "calls." },
        { nullptr, nullptr },
    };

    struct IntConst {
        char const* name;
        int64_t value;
    };

    IntConst const s_fcntl_constants[] = {
        { "DN_ACCESS", DN_ACCESS },
        { "DN_ATTRIB", DN_ATTRIB },
        { "DN_CREATE", DN_CREATE },
        { "DN_DELETE", DN_DELETE },
        { "DN_MODIFY", DN_MODIFY },
        { "DN_MULTISHOT", static_cast<int64_t>(static_cast<unsigned int>(DN_MULTISHOT)) },
        { "DN_RENAME", DN_RENAME },
        { "FASYNC", FASYNC },
        { "FD_CLOEXEC", FD_CLOEXEC },
        { "F_ADD_SEALS", F_ADD_SEALS },
        { "F_DUPFD", F_DUPFD },
        { "F_DUPFD_CLOEXEC", F_DUPFD_CLOEXEC },
        { "F_EXLCK", F_EXLCK },
        { "F_GETFD", F_GETFD },
        { "F_GETFL", F_GETFL },
        { "F_GETLEASE", F_GETLEASE },
        { "F_GETLK", F_GETLK },
        { "F_GETLK64", F_GETLK64 },
        { "F_GETOWN", F_GETOWN },
        { "F_GETPIPE_SZ", F_GETPIPE_SZ },
        { "F_GETSIG", F_GETSIG },
        { "F_GET_SEALS", F_GET_SEALS },
        { "F_NOTIFY", F_NOTIFY },
        { "F_OFD_GETLK", F_OFD_GETLK },
        { "F_OFD_SETLK", F_OFD_SETLK },
        { "F_OFD_SETLKW", F_OFD_SETLKW },
        { "F_RDLCK", F_RDLCK },
        { "F_SEAL_GROW", F_SEAL_GROW },
        { "F_SEAL_SEAL", F_SEAL_SEAL },
        { "F_SEAL_SHRINK", F_SEAL_SHRINK },
        { "F_SEAL_WRITE", F_SEAL_WRITE },
        { "F_SETFD", F_SETFD },
        { "F_SETFL", F_SETFL },
        { "F_SETLEASE", F_SETLEASE },
        { "F_SETLK", F_SETLK },
        { "F_SETLK64", F_SETLK64 },
        { "F_SETLKW", F_SETLKW },
        { "F_SETLKW64", F_SETLKW64 },
        { "F_SETOWN", F_SETOWN },
        { "F_SETPIPE_SZ", F_SETPIPE_SZ },
        { "F_SETSIG", F_SETSIG },
        { "F_SHLCK", F_SHLCK },
        { "F_UNLCK", F_UNLCK },
        { "F_WRLCK", F_WRLCK },
        { "LOCK_EX", LOCK_EX },
        { "LOCK_MAND", LOCK_MAND },
        { "LOCK_NB", LOCK_NB },
        { "LOCK_READ", LOCK_READ },
        { "LOCK_RW", LOCK_RW },
        { "LOCK_SH", LOCK_SH },
        { "LOCK_UN", LOCK_UN },
        { "LOCK_WRITE", LOCK_WRITE },
    };

} // namespace

ModuleObject* init_fcntl_module()
{
    ModuleObject* m = module_new("fcntl");
    DictObject* d = m->m_dict;
    dict_set_cstr(d, "__doc__",
        Value(str_from_ascii(
            "This module performs file control and I/O control on file\ndescriptors.  It is an "
            "interface to the fcntl() and ioctl() Unix\nroutines.  File descriptors can be "
            "obtained with the fileno() method of\na file or socket object.")));
    for (MethodDef const* def = s_fcntl_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    for (IntConst const& c : s_fcntl_constants)
        dict_set_cstr(d, c.name, int_from_i64(c.value));
    return m;
}

} // namespace pystm
