// The posix module's terminal functions: pseudo-terminals (openpty, login_tty), the name of a
// terminal (ttyname, ctermid) and its foreground process group (tcgetpgrp, tcsetpgrp), with
// CPython's argument conventions and errors. Names are decoded like the module's other file
// names (UTF-8, 'surrogateescape'); calls that change a terminal or create descriptors make the
// transaction inevitable first, since an abort could not undo them.
#include "modules/posix_tty.h"
#include "builtins/builtins.h"
#include "modules/posix_args.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/tuple_object.h"
#include "vm/transaction.h"
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>
#include <utmp.h>

namespace pystm {

namespace {

    // openpty(): a new pseudo-terminal pair (master, slave), both non-inheritable.
    Value px_openpty(Value, Value const*, size_t nargs, TupleObject* kwnames)
    {
        vm::transaction_irreversible(); // an effect an abort could not undo
        if (nargs || kwnames)
            raise(&exc::TypeError, "posix.openpty() takes no arguments (%zu given)", nargs);
        int master, slave;
        if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0)
            raise_os_error(errno);
        for (int fd : { master, slave })
            ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
        return tuple_of({ Value::small_int(master), Value::small_int(slave) });
    }

    Value px_ttyname(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("posix", "ttyname", nargs, kwnames, 1, 1);
        char buf[4096];
        int err = ::ttyname_r(posix_int_arg(args[0]), buf, sizeof buf);
        if (err != 0)
            raise_os_error(err);
        return Value(codecs::utf8_decode(buf, "surrogateescape"));
    }

    Value px_ctermid(Value, Value const*, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("posix", "ctermid", nargs, kwnames, 0, 0);
        char buf[L_ctermid];
        char* r = ::ctermid(buf);
        if (!r)
            raise_os_error(errno);
        return Value(codecs::utf8_decode(r, "surrogateescape"));
    }

    Value px_tcgetpgrp(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("posix", "tcgetpgrp", nargs, kwnames, 1, 1);
        pid_t pgid = ::tcgetpgrp(posix_int_arg(args[0]));
        if (pgid < 0)
            raise_os_error(errno);
        return int_from_i64(pgid);
    }

    Value px_tcsetpgrp(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        // PyArg_ParseTuple's messages, as CPython's tcsetpgrp parses its arguments so.
        if (kwnames)
            raise(&exc::TypeError, "tcsetpgrp() takes no keyword arguments");
        if (nargs != 2)
            raise(&exc::TypeError, "tcsetpgrp() takes exactly 2 arguments (%zu given)", nargs);
        int fd = posix_int_arg(args[0]);
        pid_t pgid = static_cast<pid_t>(posix_int_arg(args[1]));
        vm::transaction_irreversible(); // an effect an abort could not undo
        if (::tcsetpgrp(fd, pgid) != 0)
            raise_os_error(errno);
        return none();
    }

    // login_tty(fd): makes [fd] the controlling terminal and standard streams of a new session.
    Value px_login_tty(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("posix", "login_tty", nargs, kwnames, 1, 1);
        int fd = posix_fd_arg(args[0]);
        vm::transaction_irreversible(); // an effect an abort could not undo
        if (::login_tty(fd) != 0)
            raise_os_error(errno);
        return none();
    }

    MethodDef const s_tty_methods[] = {
        { "openpty", px_openpty },
        { "ttyname", px_ttyname },
        { "ctermid", px_ctermid },
        { "tcgetpgrp", px_tcgetpgrp },
        { "tcsetpgrp", px_tcsetpgrp },
        { "login_tty", px_login_tty },
        { nullptr, nullptr },
    };

} // namespace

void add_posix_tty_functions(ModuleObject* m)
{
    for (MethodDef const* def = s_tty_methods; def->name; def++)
        dict_set_cstr(m->m_dict, def->name, Value(builtin_function_new(def, Value(m))));
}

} // namespace pystm
