// Argument conversions shared by the small POSIX modules (fcntl, grp, resource, termios), with
// the messages of CPython's converters for the same C types.
#pragma once

#include "objects/api.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include <climits>
#include <cstdint>
#include <sys/types.h>

namespace pystm {

// A function taking only positional arguments, with CPython's messages: Argument Clinic's
// ("fcntl expected at most 3 arguments, got 4", "flock expected 2 arguments, got 1") and, for
// one argument or none, METH_O's and METH_NOARGS's ("termios.tcdrain() takes exactly one
// argument (0 given)"). Keywords: "fcntl.fcntl() takes no keyword arguments".
inline void posix_positional(char const* module, char const* fname, size_t nargs,
    TupleObject* kwnames, size_t min, size_t max)
{
    if (kwnames)
        raise(&exc::TypeError, "%s.%s() takes no keyword arguments", module, fname);
    if (nargs >= min && nargs <= max)
        return;
    if (min == max && max <= 1)
        raise(&exc::TypeError,
            max ? "%s.%s() takes exactly one argument (%zu given)"
                : "%s.%s() takes no arguments (%zu given)",
            module, fname, nargs);
    if (min == max)
        raise(&exc::TypeError, "%s expected %zu argument%s, got %zu", fname, min,
            min == 1 ? "" : "s", nargs);
    if (nargs < min)
        raise(&exc::TypeError, "%s expected at least %zu argument%s, got %zu", fname, min,
            min == 1 ? "" : "s", nargs);
    raise(&exc::TypeError, "%s expected at most %zu argument%s, got %zu", fname, max,
        max == 1 ? "" : "s", nargs);
}

// A C int ("i"): __index__, OverflowError past the int range.
inline int posix_int_arg(Value v)
{
    int64_t i;
    if (!int_to_i64(py_number_index(v), &i) || i > INT_MAX || i < INT_MIN)
        raise(&exc::OverflowError, "Python int too large to convert to C int");
    return static_cast<int>(i);
}

// A C long ("l", PyLong_AsLong): __index__, OverflowError past the long range.
inline long posix_long_arg(Value v)
{
    int64_t i;
    if (!int_to_i64(py_number_index(v), &i))
        raise(&exc::OverflowError, "Python int too large to convert to C long");
    return static_cast<long>(i);
}

// A C unsigned long with the value taken modulo 2**64 ("k", PyLong_AsUnsignedLongMask).
inline uint64_t posix_ulong_mask_arg(Value v)
{
    Value i = py_number_index(v);
    int64_t out;
    if (int_to_i64(i, &out))
        return static_cast<uint64_t>(out);
    Value low = int_and(i, int_from_u64(UINT64_MAX));
    uint64_t u = 0;
    mpz_t z;
    mpz_init(z);
    int_to_mpz(low, z);
    u = mpz_getlimbn(z, 0);
    mpz_clear(z);
    return u;
}

// A file descriptor as PyObject_AsFileDescriptor takes it: an int, or an object whose fileno()
// returns one; ValueError for a negative one.
inline int posix_fd_arg(Value v)
{
    Value fdv = v;
    if (!is_int(v)) {
        Value m = py_getattr_opt(v, intern("fileno"));
        if (!m)
            raise(&exc::TypeError, "argument must be an int, or have a fileno() method.");
        fdv = py_call(m, nullptr, 0);
        if (!is_int(fdv))
            raise(&exc::TypeError, "fileno() returned a non-integer");
    }
    int fd = posix_int_arg(fdv);
    if (fd < 0)
        raise(&exc::ValueError, "file descriptor cannot be a negative integer (%d)", fd);
    return fd;
}

// A gid as CPython's _Py_Gid_Converter converts it (-1 stands for (gid_t)-1).
inline gid_t posix_gid_arg(Value v)
{
    if (!is_int(v) && !type_lookup(type_of(v), intern("__index__")))
        raise(&exc::TypeError, "gid should be integer, not %s", type_name(v).c_str());
    Value i = py_number_index(v);
    int64_t s;
    if (int_to_i64(i, &s)) {
        if (s == -1)
            return static_cast<gid_t>(-1);
        // CPython reports any other value out of range that fits in a C long this way.
        if (s < 0 || static_cast<int64_t>(static_cast<gid_t>(s)) != s)
            raise(&exc::OverflowError, "gid is less than minimum");
        return static_cast<gid_t>(s);
    }
    if (int_sign(i) < 0)
        raise(&exc::OverflowError, "gid is less than minimum");
    raise(&exc::OverflowError, "gid is greater than maximum");
}

} // namespace pystm
