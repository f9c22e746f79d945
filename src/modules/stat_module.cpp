// The _stat module that stat.py imports over its pure-Python definitions: the S_IS*() tests,
// S_IMODE, S_IFMT, filemode() and the S_*, UF_*, SF_* and ST_* constants, from the platform's
// <sys/stat.h> as CPython's Modules/_stat.c takes them. Its filemode() marks a mode without a
// known file type with '?', where the pure-Python fallback writes '-'.
#include "modules/builtin_modules.h"
#include "objects/api.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/type_object.h"
#include <sys/stat.h>

namespace pystm {

ModuleObject* init_stat_module();

namespace {

    // _PyLong_AsMode_t: an int (no __index__) that fits an unsigned long and a mode_t.
    mode_t mode_arg(Value v)
    {
        if (!is_int(v))
            raise(&exc::TypeError, "an integer is required");
        if (int_sign(v) < 0)
            raise(&exc::OverflowError, "can't convert negative value to unsigned int");
        int64_t x;
        if (!int_to_i64(v, &x))
            raise(&exc::OverflowError, "Python int too large to convert to C unsigned long");
        if (static_cast<uint64_t>(x) != static_cast<mode_t>(x))
            raise(&exc::OverflowError, "mode out of range");
        return static_cast<mode_t>(x);
    }

#define PYSTM_STAT_TEST(NAME, EXPR)                                                                \
    Value stat_##NAME(Value, Value const* args, size_t nargs, TupleObject* kw)                     \
    {                                                                                              \
        check_nargs("_stat." #NAME, nargs, kw, 1, 1);                                              \
        [[maybe_unused]] mode_t mode = mode_arg(args[0]);                                          \
        return py_bool(EXPR);                                                                      \
    }
    PYSTM_STAT_TEST(S_ISDIR, S_ISDIR(mode))
    PYSTM_STAT_TEST(S_ISCHR, S_ISCHR(mode))
    PYSTM_STAT_TEST(S_ISBLK, S_ISBLK(mode))
    PYSTM_STAT_TEST(S_ISREG, S_ISREG(mode))
    PYSTM_STAT_TEST(S_ISFIFO, S_ISFIFO(mode))
    PYSTM_STAT_TEST(S_ISLNK, S_ISLNK(mode))
    PYSTM_STAT_TEST(S_ISSOCK, S_ISSOCK(mode))
    // Solaris doors, event ports and BSD whiteouts do not exist here.
    PYSTM_STAT_TEST(S_ISDOOR, false)
    PYSTM_STAT_TEST(S_ISPORT, false)
    PYSTM_STAT_TEST(S_ISWHT, false)
#undef PYSTM_STAT_TEST

    Value stat_imode(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("_stat.S_IMODE", nargs, kw, 1, 1);
        return int_from_i64(mode_arg(args[0]) & 07777);
    }

    Value stat_ifmt(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("_stat.S_IFMT", nargs, kw, 1, 1);
        return int_from_i64(mode_arg(args[0]) & S_IFMT);
    }

    char file_type_char(mode_t mode)
    {
        if (S_ISREG(mode))
            return '-';
        if (S_ISDIR(mode))
            return 'd';
        if (S_ISLNK(mode))
            return 'l';
        if (S_ISBLK(mode))
            return 'b';
        if (S_ISCHR(mode))
            return 'c';
        if (S_ISFIFO(mode))
            return 'p';
        if (S_ISSOCK(mode))
            return 's';
        return '?';
    }

    // The "x" position of one permission triple: [special] (setuid, setgid, sticky) shows as
    // [set_exec] with execute permission and [set_noexec] without.
    char exec_char(mode_t mode, mode_t exec, mode_t special, char set_exec, char set_noexec)
    {
        if (mode & special)
            return mode & exec ? set_exec : set_noexec;
        return mode & exec ? 'x' : '-';
    }

    Value stat_filemode(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("_stat.filemode", nargs, kw, 1, 1);
        mode_t mode = mode_arg(args[0]);
        char buf[10] = {
            file_type_char(mode),
            mode & S_IRUSR ? 'r' : '-',
            mode & S_IWUSR ? 'w' : '-',
            exec_char(mode, S_IXUSR, S_ISUID, 's', 'S'),
            mode & S_IRGRP ? 'r' : '-',
            mode & S_IWGRP ? 'w' : '-',
            exec_char(mode, S_IXGRP, S_ISGID, 's', 'S'),
            mode & S_IROTH ? 'r' : '-',
            mode & S_IWOTH ? 'w' : '-',
            exec_char(mode, S_IXOTH, S_ISVTX, 't', 'T'),
        };
        return str_from_ascii(std::string_view(buf, sizeof buf));
    }

    MethodDef const stat_functions[] = {
        { "S_ISDIR", stat_S_ISDIR },
        { "S_ISCHR", stat_S_ISCHR },
        { "S_ISBLK", stat_S_ISBLK },
        { "S_ISREG", stat_S_ISREG },
        { "S_ISFIFO", stat_S_ISFIFO },
        { "S_ISLNK", stat_S_ISLNK },
        { "S_ISSOCK", stat_S_ISSOCK },
        { "S_ISDOOR", stat_S_ISDOOR },
        { "S_ISPORT", stat_S_ISPORT },
        { "S_ISWHT", stat_S_ISWHT },
        { "S_IMODE", stat_imode },
        { "S_IFMT", stat_ifmt },
        { "filemode", stat_filemode },
        { nullptr, nullptr },
    };

} // namespace

ModuleObject* init_stat_module()
{
    ModuleObject* m = module_new("_stat");
    for (MethodDef const* d = stat_functions; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    struct {
        char const* name;
        int64_t value;
    } const consts[] = {
        { "S_IFDIR", S_IFDIR },
        { "S_IFCHR", S_IFCHR },
        { "S_IFBLK", S_IFBLK },
        { "S_IFREG", S_IFREG },
        { "S_IFIFO", S_IFIFO },
        { "S_IFLNK", S_IFLNK },
        { "S_IFSOCK", S_IFSOCK },
        { "S_IFDOOR", 0 },
        { "S_IFPORT", 0 },
        { "S_IFWHT", 0 },
        { "S_ISUID", S_ISUID },
        { "S_ISGID", S_ISGID },
        { "S_ISVTX", S_ISVTX },
        { "S_ENFMT", S_ISGID },
        { "S_IREAD", S_IRUSR },
        { "S_IWRITE", S_IWUSR },
        { "S_IEXEC", S_IXUSR },
        { "S_IRWXU", S_IRWXU },
        { "S_IRUSR", S_IRUSR },
        { "S_IWUSR", S_IWUSR },
        { "S_IXUSR", S_IXUSR },
        { "S_IRWXG", S_IRWXG },
        { "S_IRGRP", S_IRGRP },
        { "S_IWGRP", S_IWGRP },
        { "S_IXGRP", S_IXGRP },
        { "S_IRWXO", S_IRWXO },
        { "S_IROTH", S_IROTH },
        { "S_IWOTH", S_IWOTH },
        { "S_IXOTH", S_IXOTH },
        { "UF_NODUMP", 0x1 },
        { "UF_IMMUTABLE", 0x2 },
        { "UF_APPEND", 0x4 },
        { "UF_OPAQUE", 0x8 },
        { "UF_NOUNLINK", 0x10 },
        { "UF_COMPRESSED", 0x20 },
        { "UF_HIDDEN", 0x8000 },
        { "SF_ARCHIVED", 0x10000 },
        { "SF_IMMUTABLE", 0x20000 },
        { "SF_APPEND", 0x40000 },
        { "SF_NOUNLINK", 0x100000 },
        { "SF_SNAPSHOT", 0x200000 },
        { "ST_MODE", 0 },
        { "ST_INO", 1 },
        { "ST_DEV", 2 },
        { "ST_NLINK", 3 },
        { "ST_UID", 4 },
        { "ST_GID", 5 },
        { "ST_SIZE", 6 },
        { "ST_ATIME", 7 },
        { "ST_MTIME", 8 },
        { "ST_CTIME", 9 },
    };
    for (auto const& c : consts)
        dict_set_cstr(m->m_dict, c.name, int_from_i64(c.value));
    return m;
}

} // namespace pystm
