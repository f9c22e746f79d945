// The termios module: POSIX tty control (tcgetattr, tcsetattr, tcsendbreak, tcdrain, tcflush,
// tcflow, tcgetwinsize, tcsetwinsize), termios.error and the constants of <termios.h> and
// <sys/ioctl.h> that CPython exposes on Linux.
//
// Failures raise termios.error(errno, strerror), a plain Exception subclass as in CPython.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/posix_args.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/function_object.h"
#include "objects/list_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/transaction.h"
#include <cerrno>
#include <cstring>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace pystm {

namespace {

    Value s_error; // termios.error (a root)

    [[noreturn]] void raise_termios_error(int err)
    {
        raise_value(
            py_call2(s_error, Value::small_int(err), Value(str_from_utf8(std::strerror(err)))));
    }

    Value tm_tcgetattr(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("termios", "tcgetattr", nargs, kwnames, 1, 1);
        int fd = posix_fd_arg(args[0]);
        struct termios t;
        if (::tcgetattr(fd, &t) == -1)
            raise_termios_error(errno);
        ListObject* cc = list_new(NCCS);
        Value keep_cc(cc);
        for (int i = 0; i < NCCS; i++) {
            char c = static_cast<char>(t.c_cc[i]);
            list_append(cc, Value(bytes_new(std::string_view(&c, 1))));
        }
        // In non-canonical mode VMIN and VTIME are counts, not characters.
        if ((t.c_lflag & ICANON) == 0) {
            list_set(cc, VMIN, Value::small_int(t.c_cc[VMIN]));
            list_set(cc, VTIME, Value::small_int(t.c_cc[VTIME]));
        }
        ListObject* out = list_new(7);
        Value keep(out);
        for (uint64_t v : { uint64_t(t.c_iflag), uint64_t(t.c_oflag), uint64_t(t.c_cflag),
                 uint64_t(t.c_lflag), uint64_t(::cfgetispeed(&t)), uint64_t(::cfgetospeed(&t)) })
            list_append(out, int_from_u64(v));
        list_append(out, keep_cc);
        return keep;
    }

    Value tm_tcsetattr(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("termios", "tcsetattr", nargs, kwnames, 3, 3);
        int fd = posix_fd_arg(args[0]);
        int when = posix_int_arg(args[1]);
        Value attrs = args[2];
        if (!is_list(attrs) || py_len(attrs) != 7)
            raise(&exc::TypeError, "tcsetattr, arg 3: must be 7 element list");
        // Starts from the current settings, so that fields the list does not hold keep their
        // values.
        struct termios t;
        if (::tcgetattr(fd, &t) == -1)
            raise_termios_error(errno);
        long fields[6];
        for (int i = 0; i < 6; i++)
            fields[i] = posix_long_arg(py_getitem(attrs, Value::small_int(i)));
        Value cc = py_getitem(attrs, Value::small_int(6));
        if (!is_list(cc) || py_len(cc) != NCCS)
            raise(&exc::TypeError, "tcsetattr: attributes[6] must be %d element list", NCCS);
        t.c_iflag = static_cast<tcflag_t>(fields[0]);
        t.c_oflag = static_cast<tcflag_t>(fields[1]);
        t.c_cflag = static_cast<tcflag_t>(fields[2]);
        t.c_lflag = static_cast<tcflag_t>(fields[3]);
        for (int i = 0; i < NCCS; i++) {
            Value v = py_getitem(cc, Value::small_int(i));
            if (is_bytes(v) && v.as<BytesObject>()->view().size() == 1)
                t.c_cc[i] = static_cast<cc_t>(v.as<BytesObject>()->view()[0]);
            else if (is_int(v))
                t.c_cc[i] = static_cast<cc_t>(posix_long_arg(v));
            else
                raise(&exc::TypeError,
                    "tcsetattr: elements of attributes must be characters or integers");
        }
        if (::cfsetispeed(&t, static_cast<speed_t>(fields[4])) == -1)
            raise_termios_error(errno);
        if (::cfsetospeed(&t, static_cast<speed_t>(fields[5])) == -1)
            raise_termios_error(errno);
        vm::transaction_irreversible(); // an effect an abort could not undo
        if (::tcsetattr(fd, when, &t) == -1)
            raise_termios_error(errno);
        return none();
    }

    // The functions of the form f(fd, int) -> None.
    template <int (*F)(int, int)>
    Value fd_int_call(char const* name, Value const* args, size_t nargs, TupleObject* kw)
    {
        posix_positional("termios", name, nargs, kw, 2, 2);
        int fd = posix_fd_arg(args[0]);
        int arg = posix_int_arg(args[1]);
        int r, err;
        {
            vm::BlockingRegion region; // a break lasts a while; runs between transactions
            r = F(fd, arg);
            err = errno;
        }
        if (r == -1)
            raise_termios_error(err);
        return none();
    }

    Value tm_tcsendbreak(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        return fd_int_call<::tcsendbreak>("tcsendbreak", args, nargs, kw);
    }

    Value tm_tcflush(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        return fd_int_call<::tcflush>("tcflush", args, nargs, kw);
    }

    Value tm_tcflow(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        return fd_int_call<::tcflow>("tcflow", args, nargs, kw);
    }

    Value tm_tcdrain(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        posix_positional("termios", "tcdrain", nargs, kw, 1, 1);
        int fd = posix_fd_arg(args[0]);
        int r, err;
        {
            vm::BlockingRegion region; // waits until the output has been transmitted
            r = ::tcdrain(fd);
            err = errno;
        }
        if (r == -1)
            raise_termios_error(err);
        return none();
    }

    Value tm_tcgetwinsize(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        posix_positional("termios", "tcgetwinsize", nargs, kw, 1, 1);
        int fd = posix_fd_arg(args[0]);
        struct winsize w;
        if (::ioctl(fd, TIOCGWINSZ, &w) == -1)
            raise_termios_error(errno);
        return Value(tuple_of({ Value::small_int(w.ws_row), Value::small_int(w.ws_col) }));
    }

    Value tm_tcsetwinsize(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        posix_positional("termios", "tcsetwinsize", nargs, kw, 2, 2);
        int fd = posix_fd_arg(args[0]);
        Value size = args[1];
        // A sequence as PySequence_Check sees one: __getitem__ and not a dict.
        if (is_dict(size) || !type_lookup(type_of(size), intern("__getitem__"))
            || !type_lookup(type_of(size), intern("__len__")) || py_len(size) != 2)
            raise(&exc::TypeError, "tcsetwinsize, arg 2: must be a two-item sequence");
        long rows = posix_long_arg(py_getitem(size, Value::small_int(0)));
        long cols = posix_long_arg(py_getitem(size, Value::small_int(1)));
        // The pixel sizes stay as they are.
        struct winsize w;
        if (::ioctl(fd, TIOCGWINSZ, &w) == -1)
            raise_termios_error(errno);
        if (rows < 0 || rows > USHRT_MAX || cols < 0 || cols > USHRT_MAX)
            raise(&exc::OverflowError, "winsize value(s) out of range.");
        w.ws_row = static_cast<unsigned short>(rows);
        w.ws_col = static_cast<unsigned short>(cols);
        vm::transaction_irreversible(); // an effect an abort could not undo
        if (::ioctl(fd, TIOCSWINSZ, &w) == -1)
            raise_termios_error(errno);
        return none();
    }

    MethodDef const s_termios_methods[] = {
        { "tcgetattr", tm_tcgetattr, METH_DEFAULT,
            "tcgetattr($module, fd, /)\n--\n\nGet the tty attributes for file descriptor "
            "fd.\n\nReturns a list "
            "[iflag, oflag, cflag, lflag, ispeed, ospeed, cc]\nwhere cc is a list of the tty "
            "special characters "
            "(each a string of\nlength 1, except the items with indices VMIN and VTIME, which "
            "are\nintegers when "
            "these fields are defined).  The interpretation of the\nflags and the speeds as well "
            "as the indexing "
            "in the cc array must be\ndone using the symbolic constants defined in this module." },
        { "tcsetattr", tm_tcsetattr, METH_DEFAULT,
            "tcsetattr($module, fd, when, attributes, /)\n--\n\nSet the tty attributes for file "
            "descriptor fd.\n\n"
            "The attributes to be set are taken from the attributes argument, which\nis a list "
            "like the one "
            "returned by tcgetattr(). The when argument\ndetermines when the attributes are "
            "changed: "
            "termios.TCSANOW to\nchange immediately, termios.TCSADRAIN to change after "
            "transmitting all\nqueued "
            "output, or termios.TCSAFLUSH to change after transmitting all\nqueued output and "
            "discarding all "
            "queued input." },
        { "tcsendbreak", tm_tcsendbreak, METH_DEFAULT,
            "tcsendbreak($module, fd, duration, /)\n--\n\nSend a break on file descriptor fd.\n\nA "
            "zero duration "
            "sends a break for 0.25-0.5 seconds; a nonzero duration\nhas a system dependent "
            "meaning." },
        { "tcdrain", tm_tcdrain, METH_DEFAULT,
            "tcdrain($module, fd, /)\n--\n\nWait until all output written to file descriptor fd "
            "has been "
            "transmitted." },
        { "tcflush", tm_tcflush, METH_DEFAULT,
            "tcflush($module, fd, queue, /)\n--\n\nDiscard queued data on file descriptor "
            "fd.\n\nThe queue "
            "selector specifies which queue: termios.TCIFLUSH for the input\nqueue, "
            "termios.TCOFLUSH for the "
            "output queue, or termios.TCIOFLUSH for\nboth queues." },
        { "tcflow", tm_tcflow, METH_DEFAULT,
            "tcflow($module, fd, action, /)\n--\n\nSuspend or resume input or output on file "
            "descriptor fd.\n\nThe "
            "action argument can be termios.TCOOFF to suspend output,\ntermios.TCOON to restart "
            "output, "
            "termios.TCIOFF to suspend input,\nor termios.TCION to restart input." },
        { "tcgetwinsize", tm_tcgetwinsize, METH_DEFAULT,
            "tcgetwinsize($module, fd, /)\n--\n\nGet the tty winsize for file descriptor "
            "fd.\n\nReturns a tuple "
            "(ws_row, ws_col)." },
        { "tcsetwinsize", tm_tcsetwinsize, METH_DEFAULT,
            "tcsetwinsize($module, fd, winsize, /)\n--\n\nSet the tty winsize for file descriptor "
            "fd.\n\nThe "
            "winsize to be set is taken from the winsize argument, which\nis a two-item tuple "
            "(ws_row, ws_col) "
            "like the one returned by tcgetwinsize()." },
        { nullptr, nullptr },
    };

    struct IntConst {
        char const* name;
        int64_t value;
    };

    // The names CPython's termios defines on Linux (VSWTCH is glibc's VSWTC).
    IntConst const s_termios_constants[] = {
        { "B0", static_cast<int64_t>(B0) },
        { "B1000000", static_cast<int64_t>(B1000000) },
        { "B110", static_cast<int64_t>(B110) },
        { "B115200", static_cast<int64_t>(B115200) },
        { "B1152000", static_cast<int64_t>(B1152000) },
        { "B1200", static_cast<int64_t>(B1200) },
        { "B134", static_cast<int64_t>(B134) },
        { "B150", static_cast<int64_t>(B150) },
        { "B1500000", static_cast<int64_t>(B1500000) },
        { "B1800", static_cast<int64_t>(B1800) },
        { "B19200", static_cast<int64_t>(B19200) },
        { "B200", static_cast<int64_t>(B200) },
        { "B2000000", static_cast<int64_t>(B2000000) },
        { "B230400", static_cast<int64_t>(B230400) },
        { "B2400", static_cast<int64_t>(B2400) },
        { "B2500000", static_cast<int64_t>(B2500000) },
        { "B300", static_cast<int64_t>(B300) },
        { "B3000000", static_cast<int64_t>(B3000000) },
        { "B3500000", static_cast<int64_t>(B3500000) },
        { "B38400", static_cast<int64_t>(B38400) },
        { "B4000000", static_cast<int64_t>(B4000000) },
        { "B460800", static_cast<int64_t>(B460800) },
        { "B4800", static_cast<int64_t>(B4800) },
        { "B50", static_cast<int64_t>(B50) },
        { "B500000", static_cast<int64_t>(B500000) },
        { "B57600", static_cast<int64_t>(B57600) },
        { "B576000", static_cast<int64_t>(B576000) },
        { "B600", static_cast<int64_t>(B600) },
        { "B75", static_cast<int64_t>(B75) },
        { "B921600", static_cast<int64_t>(B921600) },
        { "B9600", static_cast<int64_t>(B9600) },
        { "BRKINT", static_cast<int64_t>(BRKINT) },
        { "BS0", static_cast<int64_t>(BS0) },
        { "BS1", static_cast<int64_t>(BS1) },
        { "BSDLY", static_cast<int64_t>(BSDLY) },
        { "CBAUD", static_cast<int64_t>(CBAUD) },
        { "CBAUDEX", static_cast<int64_t>(CBAUDEX) },
        { "CDSUSP", static_cast<int64_t>(CDSUSP) },
        { "CEOF", static_cast<int64_t>(CEOF) },
        { "CEOL", static_cast<int64_t>(CEOL) },
        { "CEOT", static_cast<int64_t>(CEOT) },
        { "CERASE", static_cast<int64_t>(CERASE) },
        { "CFLUSH", static_cast<int64_t>(CFLUSH) },
        { "CIBAUD", static_cast<int64_t>(CIBAUD) },
        { "CINTR", static_cast<int64_t>(CINTR) },
        { "CKILL", static_cast<int64_t>(CKILL) },
        { "CLNEXT", static_cast<int64_t>(CLNEXT) },
        { "CLOCAL", static_cast<int64_t>(CLOCAL) },
        { "CQUIT", static_cast<int64_t>(CQUIT) },
        { "CR0", static_cast<int64_t>(CR0) },
        { "CR1", static_cast<int64_t>(CR1) },
        { "CR2", static_cast<int64_t>(CR2) },
        { "CR3", static_cast<int64_t>(CR3) },
        { "CRDLY", static_cast<int64_t>(CRDLY) },
        { "CREAD", static_cast<int64_t>(CREAD) },
        { "CRPRNT", static_cast<int64_t>(CRPRNT) },
        { "CRTSCTS", static_cast<int64_t>(CRTSCTS) },
        { "CS5", static_cast<int64_t>(CS5) },
        { "CS6", static_cast<int64_t>(CS6) },
        { "CS7", static_cast<int64_t>(CS7) },
        { "CS8", static_cast<int64_t>(CS8) },
        { "CSIZE", static_cast<int64_t>(CSIZE) },
        { "CSTART", static_cast<int64_t>(CSTART) },
        { "CSTOP", static_cast<int64_t>(CSTOP) },
        { "CSTOPB", static_cast<int64_t>(CSTOPB) },
        { "CSUSP", static_cast<int64_t>(CSUSP) },
        { "CWERASE", static_cast<int64_t>(CWERASE) },
        { "ECHO", static_cast<int64_t>(ECHO) },
        { "ECHOCTL", static_cast<int64_t>(ECHOCTL) },
        { "ECHOE", static_cast<int64_t>(ECHOE) },
        { "ECHOK", static_cast<int64_t>(ECHOK) },
        { "ECHOKE", static_cast<int64_t>(ECHOKE) },
        { "ECHONL", static_cast<int64_t>(ECHONL) },
        { "ECHOPRT", static_cast<int64_t>(ECHOPRT) },
        { "EXTA", static_cast<int64_t>(EXTA) },
        { "EXTB", static_cast<int64_t>(EXTB) },
        { "FF0", static_cast<int64_t>(FF0) },
        { "FF1", static_cast<int64_t>(FF1) },
        { "FFDLY", static_cast<int64_t>(FFDLY) },
        { "FIOASYNC", static_cast<int64_t>(FIOASYNC) },
        { "FIOCLEX", static_cast<int64_t>(FIOCLEX) },
        { "FIONBIO", static_cast<int64_t>(FIONBIO) },
        { "FIONCLEX", static_cast<int64_t>(FIONCLEX) },
        { "FIONREAD", static_cast<int64_t>(FIONREAD) },
        { "FLUSHO", static_cast<int64_t>(FLUSHO) },
        { "HUPCL", static_cast<int64_t>(HUPCL) },
        { "ICANON", static_cast<int64_t>(ICANON) },
        { "ICRNL", static_cast<int64_t>(ICRNL) },
        { "IEXTEN", static_cast<int64_t>(IEXTEN) },
        { "IGNBRK", static_cast<int64_t>(IGNBRK) },
        { "IGNCR", static_cast<int64_t>(IGNCR) },
        { "IGNPAR", static_cast<int64_t>(IGNPAR) },
        { "IMAXBEL", static_cast<int64_t>(IMAXBEL) },
        { "INLCR", static_cast<int64_t>(INLCR) },
        { "INPCK", static_cast<int64_t>(INPCK) },
        { "IOCSIZE_MASK", static_cast<int64_t>(IOCSIZE_MASK) },
        { "IOCSIZE_SHIFT", static_cast<int64_t>(IOCSIZE_SHIFT) },
        { "ISIG", static_cast<int64_t>(ISIG) },
        { "ISTRIP", static_cast<int64_t>(ISTRIP) },
        { "IUCLC", static_cast<int64_t>(IUCLC) },
        { "IXANY", static_cast<int64_t>(IXANY) },
        { "IXOFF", static_cast<int64_t>(IXOFF) },
        { "IXON", static_cast<int64_t>(IXON) },
        { "NCC", static_cast<int64_t>(NCC) },
        { "NCCS", static_cast<int64_t>(NCCS) },
        { "NL0", static_cast<int64_t>(NL0) },
        { "NL1", static_cast<int64_t>(NL1) },
        { "NLDLY", static_cast<int64_t>(NLDLY) },
        { "NOFLSH", static_cast<int64_t>(NOFLSH) },
        { "N_MOUSE", static_cast<int64_t>(N_MOUSE) },
        { "N_PPP", static_cast<int64_t>(N_PPP) },
        { "N_SLIP", static_cast<int64_t>(N_SLIP) },
        { "N_STRIP", static_cast<int64_t>(N_STRIP) },
        { "N_TTY", static_cast<int64_t>(N_TTY) },
        { "OCRNL", static_cast<int64_t>(OCRNL) },
        { "OFDEL", static_cast<int64_t>(OFDEL) },
        { "OFILL", static_cast<int64_t>(OFILL) },
        { "OLCUC", static_cast<int64_t>(OLCUC) },
        { "ONLCR", static_cast<int64_t>(ONLCR) },
        { "ONLRET", static_cast<int64_t>(ONLRET) },
        { "ONOCR", static_cast<int64_t>(ONOCR) },
        { "OPOST", static_cast<int64_t>(OPOST) },
        { "PARENB", static_cast<int64_t>(PARENB) },
        { "PARMRK", static_cast<int64_t>(PARMRK) },
        { "PARODD", static_cast<int64_t>(PARODD) },
        { "PENDIN", static_cast<int64_t>(PENDIN) },
        { "TAB0", static_cast<int64_t>(TAB0) },
        { "TAB1", static_cast<int64_t>(TAB1) },
        { "TAB2", static_cast<int64_t>(TAB2) },
        { "TAB3", static_cast<int64_t>(TAB3) },
        { "TABDLY", static_cast<int64_t>(TABDLY) },
        { "TCFLSH", static_cast<int64_t>(TCFLSH) },
        { "TCGETA", static_cast<int64_t>(TCGETA) },
        { "TCGETS", static_cast<int64_t>(TCGETS) },
        { "TCIFLUSH", static_cast<int64_t>(TCIFLUSH) },
        { "TCIOFF", static_cast<int64_t>(TCIOFF) },
        { "TCIOFLUSH", static_cast<int64_t>(TCIOFLUSH) },
        { "TCION", static_cast<int64_t>(TCION) },
        { "TCOFLUSH", static_cast<int64_t>(TCOFLUSH) },
        { "TCOOFF", static_cast<int64_t>(TCOOFF) },
        { "TCOON", static_cast<int64_t>(TCOON) },
        { "TCSADRAIN", static_cast<int64_t>(TCSADRAIN) },
        { "TCSAFLUSH", static_cast<int64_t>(TCSAFLUSH) },
        { "TCSANOW", static_cast<int64_t>(TCSANOW) },
        { "TCSBRK", static_cast<int64_t>(TCSBRK) },
        { "TCSBRKP", static_cast<int64_t>(TCSBRKP) },
        { "TCSETA", static_cast<int64_t>(TCSETA) },
        { "TCSETAF", static_cast<int64_t>(TCSETAF) },
        { "TCSETAW", static_cast<int64_t>(TCSETAW) },
        { "TCSETS", static_cast<int64_t>(TCSETS) },
        { "TCSETSF", static_cast<int64_t>(TCSETSF) },
        { "TCSETSW", static_cast<int64_t>(TCSETSW) },
        { "TCXONC", static_cast<int64_t>(TCXONC) },
        { "TIOCCONS", static_cast<int64_t>(TIOCCONS) },
        { "TIOCEXCL", static_cast<int64_t>(TIOCEXCL) },
        { "TIOCGETD", static_cast<int64_t>(TIOCGETD) },
        { "TIOCGICOUNT", static_cast<int64_t>(TIOCGICOUNT) },
        { "TIOCGLCKTRMIOS", static_cast<int64_t>(TIOCGLCKTRMIOS) },
        { "TIOCGPGRP", static_cast<int64_t>(TIOCGPGRP) },
        { "TIOCGSERIAL", static_cast<int64_t>(TIOCGSERIAL) },
        { "TIOCGSOFTCAR", static_cast<int64_t>(TIOCGSOFTCAR) },
        { "TIOCGWINSZ", static_cast<int64_t>(TIOCGWINSZ) },
        { "TIOCINQ", static_cast<int64_t>(TIOCINQ) },
        { "TIOCLINUX", static_cast<int64_t>(TIOCLINUX) },
        { "TIOCMBIC", static_cast<int64_t>(TIOCMBIC) },
        { "TIOCMBIS", static_cast<int64_t>(TIOCMBIS) },
        { "TIOCMGET", static_cast<int64_t>(TIOCMGET) },
        { "TIOCMIWAIT", static_cast<int64_t>(TIOCMIWAIT) },
        { "TIOCMSET", static_cast<int64_t>(TIOCMSET) },
        { "TIOCM_CAR", static_cast<int64_t>(TIOCM_CAR) },
        { "TIOCM_CD", static_cast<int64_t>(TIOCM_CD) },
        { "TIOCM_CTS", static_cast<int64_t>(TIOCM_CTS) },
        { "TIOCM_DSR", static_cast<int64_t>(TIOCM_DSR) },
        { "TIOCM_DTR", static_cast<int64_t>(TIOCM_DTR) },
        { "TIOCM_LE", static_cast<int64_t>(TIOCM_LE) },
        { "TIOCM_RI", static_cast<int64_t>(TIOCM_RI) },
        { "TIOCM_RNG", static_cast<int64_t>(TIOCM_RNG) },
        { "TIOCM_RTS", static_cast<int64_t>(TIOCM_RTS) },
        { "TIOCM_SR", static_cast<int64_t>(TIOCM_SR) },
        { "TIOCM_ST", static_cast<int64_t>(TIOCM_ST) },
        { "TIOCNOTTY", static_cast<int64_t>(TIOCNOTTY) },
        { "TIOCNXCL", static_cast<int64_t>(TIOCNXCL) },
        { "TIOCOUTQ", static_cast<int64_t>(TIOCOUTQ) },
        { "TIOCPKT", static_cast<int64_t>(TIOCPKT) },
        { "TIOCPKT_DATA", static_cast<int64_t>(TIOCPKT_DATA) },
        { "TIOCPKT_DOSTOP", static_cast<int64_t>(TIOCPKT_DOSTOP) },
        { "TIOCPKT_FLUSHREAD", static_cast<int64_t>(TIOCPKT_FLUSHREAD) },
        { "TIOCPKT_FLUSHWRITE", static_cast<int64_t>(TIOCPKT_FLUSHWRITE) },
        { "TIOCPKT_NOSTOP", static_cast<int64_t>(TIOCPKT_NOSTOP) },
        { "TIOCPKT_START", static_cast<int64_t>(TIOCPKT_START) },
        { "TIOCPKT_STOP", static_cast<int64_t>(TIOCPKT_STOP) },
        { "TIOCSCTTY", static_cast<int64_t>(TIOCSCTTY) },
        { "TIOCSERCONFIG", static_cast<int64_t>(TIOCSERCONFIG) },
        { "TIOCSERGETLSR", static_cast<int64_t>(TIOCSERGETLSR) },
        { "TIOCSERGETMULTI", static_cast<int64_t>(TIOCSERGETMULTI) },
        { "TIOCSERGSTRUCT", static_cast<int64_t>(TIOCSERGSTRUCT) },
        { "TIOCSERGWILD", static_cast<int64_t>(TIOCSERGWILD) },
        { "TIOCSERSETMULTI", static_cast<int64_t>(TIOCSERSETMULTI) },
        { "TIOCSERSWILD", static_cast<int64_t>(TIOCSERSWILD) },
        { "TIOCSER_TEMT", static_cast<int64_t>(TIOCSER_TEMT) },
        { "TIOCSETD", static_cast<int64_t>(TIOCSETD) },
        { "TIOCSLCKTRMIOS", static_cast<int64_t>(TIOCSLCKTRMIOS) },
        { "TIOCSPGRP", static_cast<int64_t>(TIOCSPGRP) },
        { "TIOCSSERIAL", static_cast<int64_t>(TIOCSSERIAL) },
        { "TIOCSSOFTCAR", static_cast<int64_t>(TIOCSSOFTCAR) },
        { "TIOCSTI", static_cast<int64_t>(TIOCSTI) },
        { "TIOCSWINSZ", static_cast<int64_t>(TIOCSWINSZ) },
        { "TOSTOP", static_cast<int64_t>(TOSTOP) },
        { "VDISCARD", static_cast<int64_t>(VDISCARD) },
        { "VEOF", static_cast<int64_t>(VEOF) },
        { "VEOL", static_cast<int64_t>(VEOL) },
        { "VEOL2", static_cast<int64_t>(VEOL2) },
        { "VERASE", static_cast<int64_t>(VERASE) },
        { "VINTR", static_cast<int64_t>(VINTR) },
        { "VKILL", static_cast<int64_t>(VKILL) },
        { "VLNEXT", static_cast<int64_t>(VLNEXT) },
        { "VMIN", static_cast<int64_t>(VMIN) },
        { "VQUIT", static_cast<int64_t>(VQUIT) },
        { "VREPRINT", static_cast<int64_t>(VREPRINT) },
        { "VSTART", static_cast<int64_t>(VSTART) },
        { "VSTOP", static_cast<int64_t>(VSTOP) },
        { "VSUSP", static_cast<int64_t>(VSUSP) },
        { "VSWTC", static_cast<int64_t>(VSWTC) },
        { "VSWTCH", static_cast<int64_t>(VSWTC) },
        { "VT0", static_cast<int64_t>(VT0) },
        { "VT1", static_cast<int64_t>(VT1) },
        { "VTDLY", static_cast<int64_t>(VTDLY) },
        { "VTIME", static_cast<int64_t>(VTIME) },
        { "VWERASE", static_cast<int64_t>(VWERASE) },
        { "XCASE", static_cast<int64_t>(XCASE) },
        { "XTABS", static_cast<int64_t>(XTABS) },
    };

} // namespace

ModuleObject* init_termios_module()
{
    ModuleObject* m = module_new("termios");
    DictObject* d = m->m_dict;
    dict_set_cstr(d, "__doc__",
        Value(str_from_ascii(
            "This module provides an interface to the Posix calls for tty I/O control.\nFor a "
            "complete description of these calls, see the Posix or Unix manual\npages. It is "
            "only available for those Unix versions that support Posix\ntermios style tty "
            "I/O control.\n\nAll functions in this module take a file descriptor fd as their "
            "first\nargument. This can be an integer file descriptor, such as returned by\n"
            "sys.stdin.fileno(), or a file object, such as sys.stdin itself.")));
    for (MethodDef const* def = s_termios_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    if (!s_error) {
        DictObject* ns = dict_new();
        dict_set_str(ns, names::__module__, str_from_ascii("termios"));
        s_error = Value(type_new(
            &type_type, intern("error"), tuple_of({ Value(&exc::Exception) }), ns, nullptr));
        gc::add_root(&s_error);
    }
    dict_set_cstr(d, "error", s_error);
    for (IntConst const& c : s_termios_constants)
        dict_set_cstr(d, c.name, int_from_i64(c.value));
    return m;
}

} // namespace pystm
