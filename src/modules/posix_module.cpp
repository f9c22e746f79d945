// The posix module: the operating-system calls CPython's os.py builds on (files and directories,
// descriptors, the environment, processes), with CPython's argument conventions and errors.
//
// Paths: every path argument accepts str, bytes or an os.PathLike; str is encoded with UTF-8 and
// 'surrogateescape' (the file-system encoding, sys.getfilesystemencoding()), and names returned
// for a str argument are decoded the same way, bytes arguments give bytes results. Functions
// that accept a descriptor in place of a path say so (allow_fd). A failing call raises the
// OSError subclass for its errno with the original path object as filename (raise_os_error).
//
// DirEntry objects are immutable after scandir() creates them (their name, path and the d_type
// and inode read from the directory); stat() is not cached, so it reflects the file's current
// state (CPython caches it; only timing differs).
#include "builtins/builtins.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/posix_args.h"
#include "modules/posix_process.h"
#include "modules/posix_tty.h"
#include "modules/signal_module.h"
#include "modules/structseq.h"
#include "objects/access.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_object.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/transaction.h"
#include <cerrno>
#include <climits>
#include <cmath>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <string>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace pystm {

namespace {

Type s_stat_result_type(&type_type);
Type s_terminal_size_type(&type_type);
Type s_uname_result_type(&type_type);
Type s_times_result_type(&type_type);
Type s_statvfs_result_type(&type_type);
Type s_dir_entry_type(&type_type);
Type s_scandir_iterator_type(&type_type);

char const* const s_stat_fields[] = { "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size",
    "st_atime", "st_mtime", "st_ctime", "st_atime", "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns",
    "st_ctime_ns", "st_blksize", "st_blocks", "st_rdev", nullptr };
// The three visible time fields are the integer times; the named attributes of the same names
// (registered later, so they win) are the float times, as in CPython.
StructSeqDesc const s_stat_desc = { "os", "stat_result", s_stat_fields, 10, true,
    "stat_result: Result from stat, fstat, or lstat." };
char const* const s_terminal_fields[] = { "columns", "lines", nullptr };
StructSeqDesc const s_terminal_desc = { "os", "terminal_size", s_terminal_fields, 2, true,
    "A tuple of (columns, lines) for holding terminal window size" };
char const* const s_uname_fields[] = { "sysname", "nodename", "release", "version", "machine", nullptr };
StructSeqDesc const s_uname_desc = { "posix", "uname_result", s_uname_fields, 5, true, "uname_result: Result from os.uname()." };
char const* const s_statvfs_fields[] = { "f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail",
    "f_files", "f_ffree", "f_favail", "f_flag", "f_namemax", "f_fsid", nullptr };
StructSeqDesc const s_statvfs_desc = { "os", "statvfs_result", s_statvfs_fields, 10, true,
    "statvfs_result: Result from statvfs or fstatvfs.\n\nThis object may be accessed either as a tuple of\n"
    "  (bsize, frsize, blocks, bfree, bavail, files, ffree, favail, flag, namemax),\n"
    "or via the attributes f_bsize, f_frsize, f_blocks, f_bfree, and so on.\n\nSee os.statvfs for more information." };
char const* const s_times_fields[] = { "user", "system", "children_user", "children_system", "elapsed", nullptr };
StructSeqDesc const s_times_desc = { "posix", "times_result", s_times_fields, 5, true, "times_result: Result from os.times()." };

Value S(std::string const& s) { return Value(str_from_utf8(s)); }

// --- path arguments ---------------------------------------------------------------------------

struct PathArg {
    std::string path; // encoded
    bool is_bytes = false;
    int fd = -1; // >= 0 when a descriptor was given
    Value object; // what the caller passed, for error messages
};

std::string fs_encode(StrObject* s) { return codecs::utf8_encode(s, "surrogateescape"); }
Value fs_decode(std::string_view b) { return Value(codecs::utf8_decode(b, "surrogateescape")); }
Value fs_result(std::string_view b, bool as_bytes) { return as_bytes ? Value(bytes_new(b)) : fs_decode(b); }

PathArg path_arg(char const* fname, char const* argname, Value v, bool allow_fd, bool allow_none = false)
{
    PathArg out;
    out.object = v;
    if (allow_fd && is_int(v) && !is_bool(v)) {
        out.fd = static_cast<int>(py_index_i64(v));
        return out;
    }
    Value p = v;
    if (!is_str(p) && !is_bytes(p)) {
        Value fspath = type_lookup(type_of(p), intern("__fspath__"));
        if (fspath && !is_none(p)) {
            p = py_call_method(p, intern("__fspath__"), nullptr, 0);
            if (!is_str(p) && !is_bytes(p))
                raise(&exc::TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                    type_name(v).c_str(), type_name(p).c_str());
        } else {
            char const* allowed = allow_fd ? "string, bytes, os.PathLike or integer" : "string, bytes or os.PathLike";
            if (allow_none)
                allowed = allow_fd ? "string, bytes, os.PathLike, integer or None" : "string, bytes, os.PathLike or None";
            // Other bytes-like objects still work in 3.11, with a DeprecationWarning.
            std::string tmp;
            std::string_view content;
            if (!buffer_like(p, tmp, &content))
                raise(&exc::TypeError, "%s: %s should be %s, not %s", fname, argname, allowed, type_name(v).c_str());
            warn_format(&exc::DeprecationWarning, 1, "%s: %s should be %s, not %s", fname, argname, allowed,
                type_name(v).c_str());
            p = Value(bytes_new(content));
        }
    }
    if (is_bytes(p)) {
        out.is_bytes = true;
        out.path = std::string(p.as<BytesObject>()->view());
        if (out.path.find('\0') != std::string::npos)
            raise(&exc::ValueError, "embedded null byte");
    } else {
        out.path = fs_encode(p.as<StrObject>());
        if (out.path.find('\0') != std::string::npos)
            raise(&exc::ValueError, "embedded null byte");
    }
    return out;
}

int int_arg(Value v) { return static_cast<int>(py_index_i64(v)); }

[[noreturn]] void raise_errno(PathArg const& p) { raise_os_error(errno, p.fd >= 0 ? Value() : p.object); }
[[noreturn]] void raise_errno2(Value a, Value b)
{
    int err = errno;
    Value args[] = { Value::small_int(err), S(std::strerror(err)), a, none(), b };
    raise_value(py_call(Value(&exc::OSError), args, 5));
}
[[noreturn]] void raise_errno() { raise_os_error(errno); }

bool truthy_kw(Value v, bool dflt) { return v ? py_truthy(v) : dflt; }

int dir_fd_arg(Value v)
{
    if (!v || is_none(v))
        return AT_FDCWD;
    // CPython's dir_fd converter: an integer (or __index__) in the range of a C int.
    if (!is_int(v) && !type_lookup(type_of(v), intern("__index__")))
        raise(&exc::TypeError, "argument should be integer or None, not %s", type_name(v).c_str());
    int64_t fd;
    if (!int_to_i64(py_number_index(v), &fd) || fd > INT_MAX)
        raise(&exc::OverflowError, "fd is greater than maximum");
    if (fd < INT_MIN)
        raise(&exc::OverflowError, "fd is less than minimum");
    return static_cast<int>(fd);
}

// --- stat -------------------------------------------------------------------------------------

Value stat_float_time(struct timespec const& ts)
{
    return float_new(static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9);
}

Value stat_ns(struct timespec const& ts)
{
    Value sec = int_from_i64(ts.tv_sec);
    Value billion = int_from_i64(1000000000);
    return py_binary_op(py_binary_op(sec, billion, NB_MULTIPLY), int_from_i64(ts.tv_nsec), NB_ADD);
}

Value make_stat_result(struct stat const& st)
{
    Value items[19] = {
        int_from_i64(st.st_mode), int_from_u64(st.st_ino), int_from_u64(st.st_dev), int_from_u64(st.st_nlink),
        int_from_i64(st.st_uid), int_from_i64(st.st_gid), int_from_i64(st.st_size),
        int_from_i64(st.st_atim.tv_sec), int_from_i64(st.st_mtim.tv_sec), int_from_i64(st.st_ctim.tv_sec),
        stat_float_time(st.st_atim), stat_float_time(st.st_mtim), stat_float_time(st.st_ctim),
        stat_ns(st.st_atim), stat_ns(st.st_mtim), stat_ns(st.st_ctim),
        int_from_i64(st.st_blksize), int_from_i64(st.st_blocks), int_from_u64(st.st_rdev),
    };
    return structseq_new(&s_stat_result_type, items, 19);
}

Value do_stat(char const* fname, Value const* args, size_t nargs, TupleObject* kwnames, bool default_follow)
{
    Value a[3] = {};
    if (default_follow)
        parse_args(fname, args, nargs, kwnames, { "path", "*", "dir_fd", "follow_symlinks" }, 1, a);
    else
        parse_args(fname, args, nargs, kwnames, { "path", "*", "dir_fd" }, 1, a);
    // lstat takes no file descriptor (it has no follow_symlinks parameter to combine with one).
    PathArg p = path_arg(fname, "path", a[0], default_follow);
    bool follow = truthy_kw(a[2], default_follow);
    struct stat st;
    int r;
    if (p.fd >= 0)
        r = ::fstat(p.fd, &st);
    else
        r = ::fstatat(dir_fd_arg(a[1]), p.path.c_str(), &st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    if (r != 0)
        raise_errno(p);
    return make_stat_result(st);
}

Value px_stat(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    return do_stat("stat", args, nargs, kwnames, true);
}
Value px_lstat(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    return do_stat("lstat", args, nargs, kwnames, false);
}

Value px_fstat(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[1];
    parse_args("fstat", args, nargs, kwnames, { "fd" }, 1, a);
    struct stat st;
    if (::fstat(int_arg(a[0]), &st) != 0)
        raise_errno();
    return make_stat_result(st);
}

Value make_statvfs_result(struct statvfs const& st)
{
    Value items[] = { int_from_u64(st.f_bsize), int_from_u64(st.f_frsize),
        int_from_u64(st.f_blocks), int_from_u64(st.f_bfree), int_from_u64(st.f_bavail),
        int_from_u64(st.f_files), int_from_u64(st.f_ffree), int_from_u64(st.f_favail),
        int_from_u64(st.f_flag), int_from_u64(st.f_namemax), int_from_u64(st.f_fsid) };
    return structseq_new(&s_statvfs_result_type, items, 11);
}

Value px_statvfs(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[1];
    parse_args("statvfs", args, nargs, kwnames, { "path" }, 1, a);
    PathArg p = path_arg("statvfs", "path", a[0], true);
    struct statvfs st;
    int r;
    {
        vm::BlockingRegion region; // a network file system may take its time
        r = p.fd >= 0 ? ::fstatvfs(p.fd, &st) : ::statvfs(p.path.c_str(), &st);
    }
    if (r != 0)
        raise_errno(p);
    return make_statvfs_result(st);
}

Value px_fstatvfs(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    posix_positional("posix", "fstatvfs", nargs, kwnames, 1, 1);
    int fd = posix_int_arg(args[0]);
    struct statvfs st;
    int r;
    {
        vm::BlockingRegion region; // a network file system may take its time
        r = ::fstatvfs(fd, &st);
    }
    if (r != 0)
        raise_errno();
    return make_statvfs_result(st);
}

// --- directories ------------------------------------------------------------------------------

Value px_getcwd(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("getcwd", nargs, kwnames, 0, 0);
    char buf[PATH_MAX];
    if (!::getcwd(buf, sizeof buf))
        raise_errno();
    return fs_decode(buf);
}

Value px_getcwdb(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("getcwdb", nargs, kwnames, 0, 0);
    char buf[PATH_MAX];
    if (!::getcwd(buf, sizeof buf))
        raise_errno();
    return Value(bytes_new(buf));
}

Value px_chdir(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[1];
    parse_args("chdir", args, nargs, kwnames, { "path" }, 1, a);
    PathArg p = path_arg("chdir", "path", a[0], true);
    if ((p.fd >= 0 ? ::fchdir(p.fd) : ::chdir(p.path.c_str())) != 0)
        raise_errno(p);
    return none();
}

struct RawEntry {
    std::string name;
    unsigned char type;
    uint64_t ino;
};

std::vector<RawEntry> read_dir(PathArg const& p)
{
    DIR* d;
    if (p.fd >= 0) {
        int fd = ::dup(p.fd);
        if (fd < 0)
            raise_errno();
        d = ::fdopendir(fd);
        if (d)
            ::rewinddir(d);
    } else {
        d = ::opendir(p.path.c_str()); // an empty path is ENOENT, as in CPython
    }
    if (!d)
        raise_errno(p);
    std::vector<RawEntry> out;
    errno = 0;
    while (struct dirent* e = ::readdir(d)) {
        if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0)
            continue;
        out.push_back({ e->d_name, e->d_type, e->d_ino });
    }
    int err = errno;
    ::closedir(d);
    if (err) {
        errno = err;
        raise_errno(p);
    }
    return out;
}

Value px_listdir(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[1];
    parse_args("listdir", args, nargs, kwnames, { "path" }, 0, a);
    PathArg p;
    if (!a[0] || is_none(a[0])) {
        p.path = ".";
        p.object = S(".");
    } else {
        p = path_arg("listdir", "path", a[0], true, true);
    }
    ListObject* l = list_new();
    for (RawEntry const& e : read_dir(p))
        list_append(l, fs_result(e.name, p.is_bytes));
    return Value(l);
}

Value px_mkdir(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[3];
    parse_args("mkdir", args, nargs, kwnames, { "path", "mode", "dir_fd" }, 1, a);
    PathArg p = path_arg("mkdir", "path", a[0], false);
    int mode = a[1] ? int_arg(a[1]) : 0777;
    if (::mkdirat(dir_fd_arg(a[2]), p.path.c_str(), static_cast<mode_t>(mode)) != 0)
        raise_errno(p);
    return none();
}

Value px_rmdir(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[2];
    parse_args("rmdir", args, nargs, kwnames, { "path", "dir_fd" }, 1, a);
    PathArg p = path_arg("rmdir", "path", a[0], false);
    if (::unlinkat(dir_fd_arg(a[1]), p.path.c_str(), AT_REMOVEDIR) != 0)
        raise_errno(p);
    return none();
}

Value do_unlink(char const* fname, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[2];
    parse_args(fname, args, nargs, kwnames, { "path", "dir_fd" }, 1, a);
    PathArg p = path_arg(fname, "path", a[0], false);
    if (::unlinkat(dir_fd_arg(a[1]), p.path.c_str(), 0) != 0)
        raise_errno(p);
    return none();
}
Value px_remove(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    return do_unlink("remove", args, nargs, kwnames);
}
Value px_unlink(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    return do_unlink("unlink", args, nargs, kwnames);
}

Value do_rename(char const* fname, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[4];
    parse_args(fname, args, nargs, kwnames, { "src", "dst", "src_dir_fd", "dst_dir_fd" }, 2, a);
    PathArg s = path_arg(fname, "src", a[0], false);
    PathArg d = path_arg(fname, "dst", a[1], false);
    // CPython checks that the types match only on Windows: str and bytes mix freely here.
    if (::renameat(dir_fd_arg(a[2]), s.path.c_str(), dir_fd_arg(a[3]), d.path.c_str()) != 0)
        raise_errno2(a[0], a[1]);
    return none();
}
Value px_rename(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    return do_rename("rename", args, nargs, kwnames);
}
Value px_replace(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    return do_rename("replace", args, nargs, kwnames);
}

Value px_link(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[5];
    parse_args("link", args, nargs, kwnames, { "src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks" }, 2, a);
    PathArg s = path_arg("link", "src", a[0], false);
    PathArg d = path_arg("link", "dst", a[1], false);
    if (::linkat(dir_fd_arg(a[2]), s.path.c_str(), dir_fd_arg(a[3]), d.path.c_str(),
            truthy_kw(a[4], true) ? AT_SYMLINK_FOLLOW : 0)
        != 0)
        raise_errno2(a[0], a[1]);
    return none();
}

Value px_symlink(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[4];
    parse_args("symlink", args, nargs, kwnames, { "src", "dst", "target_is_directory", "dir_fd" }, 2, a);
    PathArg s = path_arg("symlink", "src", a[0], false);
    PathArg d = path_arg("symlink", "dst", a[1], false);
    if (::symlinkat(s.path.c_str(), dir_fd_arg(a[3]), d.path.c_str()) != 0)
        raise_errno2(a[0], a[1]);
    return none();
}

Value px_readlink(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[2];
    parse_args("readlink", args, nargs, kwnames, { "path", "dir_fd" }, 1, a);
    PathArg p = path_arg("readlink", "path", a[0], false);
    std::string buf(PATH_MAX, '\0');
    ssize_t n = ::readlinkat(dir_fd_arg(a[1]), p.path.c_str(), buf.data(), buf.size());
    if (n < 0)
        raise_errno(p);
    return fs_result(std::string_view(buf.data(), static_cast<size_t>(n)), p.is_bytes);
}

Value px_access(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[5];
    parse_args("access", args, nargs, kwnames, { "path", "mode", "dir_fd", "effective_ids", "follow_symlinks" }, 2, a);
    PathArg p = path_arg("access", "path", a[0], false);
    int flags = (truthy_kw(a[3], false) ? AT_EACCESS : 0) | (truthy_kw(a[4], true) ? 0 : AT_SYMLINK_NOFOLLOW);
    return py_bool(::faccessat(dir_fd_arg(a[2]), p.path.c_str(), int_arg(a[1]), flags) == 0);
}

Value px_chmod(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[4];
    parse_args("chmod", args, nargs, kwnames, { "path", "mode", "dir_fd", "follow_symlinks" }, 2, a);
    PathArg p = path_arg("chmod", "path", a[0], true);
    mode_t mode = static_cast<mode_t>(int_arg(a[1]));
    int r = p.fd >= 0 ? ::fchmod(p.fd, mode) : ::fchmodat(dir_fd_arg(a[2]), p.path.c_str(), mode, 0);
    if (r != 0)
        raise_errno(p);
    return none();
}

// A uid or gid argument: -1 (leave unchanged) or a non-negative id.
id_t owner_id_arg(Value v, char const* what)
{
    if (!is_int(v) && !type_lookup(type_of(v), intern("__index__")))
        raise(&exc::TypeError, "%s should be integer, not %s", what, type_name(v).c_str());
    int64_t x = py_index_i64(v);
    if (x < -1)
        raise(&exc::OverflowError, "%s is less than minimum", what);
    if (x > UINT32_MAX - 1ll)
        raise(&exc::OverflowError, "%s is greater than maximum", what);
    return static_cast<id_t>(x);
}

Value px_chown(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[5];
    parse_args("chown", args, nargs, kwnames,
        { "path", "uid", "gid", "*", "dir_fd", "follow_symlinks" }, 3, a);
    PathArg p = path_arg("chown", "path", a[0], true);
    uid_t uid = static_cast<uid_t>(owner_id_arg(a[1], "uid"));
    gid_t gid = static_cast<gid_t>(owner_id_arg(a[2], "gid"));
    int flags = truthy_kw(a[4], true) ? 0 : AT_SYMLINK_NOFOLLOW;
    int r = p.fd >= 0 ? ::fchown(p.fd, uid, gid)
                      : ::fchownat(dir_fd_arg(a[3]), p.path.c_str(), uid, gid, flags);
    if (r != 0)
        raise_errno(p);
    return none();
}

Value px_lchown(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[3];
    parse_args("lchown", args, nargs, kwnames, { "path", "uid", "gid" }, 3, a);
    PathArg p = path_arg("lchown", "path", a[0], false);
    uid_t uid = static_cast<uid_t>(owner_id_arg(a[1], "uid"));
    gid_t gid = static_cast<gid_t>(owner_id_arg(a[2], "gid"));
    if (::lchown(p.path.c_str(), uid, gid) != 0)
        raise_errno(p);
    return none();
}

Value px_fchown(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[3];
    parse_args("fchown", args, nargs, kwnames, { "fd", "uid", "gid" }, 3, a);
    int fd = int_arg(a[0]);
    uid_t uid = static_cast<uid_t>(owner_id_arg(a[1], "uid"));
    gid_t gid = static_cast<gid_t>(owner_id_arg(a[2], "gid"));
    if (::fchown(fd, uid, gid) != 0)
        raise_errno();
    return none();
}

Value px_umask(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[1];
    parse_args("umask", args, nargs, kwnames, { "mask" }, 1, a);
    return Value::small_int(::umask(static_cast<mode_t>(int_arg(a[0]))));
}

void to_timespec_double(Value v, struct timespec* ts)
{
    if (is_int(v)) {
        ts->tv_sec = py_index_i64(v);
        ts->tv_nsec = 0;
        return;
    }
    double d = py_float_as_double(v);
    double sec = std::floor(d);
    ts->tv_sec = static_cast<time_t>(sec);
    ts->tv_nsec = static_cast<long>((d - sec) * 1e9);
}

Value px_utime(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[5];
    parse_args("utime", args, nargs, kwnames, { "path", "times", "ns", "dir_fd", "follow_symlinks" }, 1, a);
    PathArg p = path_arg("utime", "path", a[0], true);
    struct timespec ts[2];
    bool have_times = a[1] && !is_none(a[1]);
    if (have_times && a[2])
        raise(&exc::ValueError, "utime: you may specify either 'times' or 'ns' but not both");
    struct timespec* tsp = nullptr;
    if (have_times) {
        if (!is_tuple(a[1]) || a[1].as<TupleObject>()->m_size != 2)
            raise(&exc::TypeError, "utime: 'times' must be either a tuple of two ints or None");
        to_timespec_double(a[1].as<TupleObject>()->item(0), &ts[0]);
        to_timespec_double(a[1].as<TupleObject>()->item(1), &ts[1]);
        tsp = ts;
    } else if (a[2]) {
        if (!is_tuple(a[2]) || a[2].as<TupleObject>()->m_size != 2)
            raise(&exc::TypeError, "utime: 'ns' must be a tuple of two ints");
        for (int i = 0; i < 2; i++) {
            Value ns = a[2].as<TupleObject>()->item(i);
            Value billion = int_from_i64(1000000000);
            Value q = py_divmod(ns, billion);
            ts[i].tv_sec = py_index_i64(q.as<TupleObject>()->item(0));
            ts[i].tv_nsec = static_cast<long>(py_index_i64(q.as<TupleObject>()->item(1)));
        }
        tsp = ts;
    }
    int r = p.fd >= 0 ? ::futimens(p.fd, tsp)
                      : ::utimensat(dir_fd_arg(a[3]), p.path.c_str(), tsp, truthy_kw(a[4], true) ? 0 : AT_SYMLINK_NOFOLLOW);
    if (r != 0)
        raise_errno(p);
    return none();
}

Value px_truncate(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[2];
    parse_args("truncate", args, nargs, kwnames, { "path", "length" }, 2, a);
    PathArg p = path_arg("truncate", "path", a[0], true);
    off_t len = static_cast<off_t>(py_index_i64(a[1]));
    if ((p.fd >= 0 ? ::ftruncate(p.fd, len) : ::truncate(p.path.c_str(), len)) != 0)
        raise_errno(p);
    return none();
}

// --- DirEntry and scandir ---------------------------------------------------------------------

struct DirEntryObject : Object {
    Value m_name; // str or bytes
    Value m_path;
    std::string m_cpath; // encoded path, for the system calls
    unsigned char m_dtype = DT_UNKNOWN;
    uint64_t m_ino = 0;
    int m_dir_fd = -1; // scandir(fd): m_cpath is relative to this descriptor (fstatat)
    explicit DirEntryObject(Type* t) : Object(t) { }
};

void trace_dir_entry(Object* o, gc::Tracer& t)
{
    auto* e = static_cast<DirEntryObject*>(o);
    t.visit(e->m_name);
    t.visit(e->m_path);
}
void destroy_dir_entry(Object* o) { static_cast<DirEntryObject*>(o)->~DirEntryObject(); }

DirEntryObject* dir_entry(Value self) { return self.as<DirEntryObject>(); }

Value de_name(Value self) { return dir_entry(self)->m_name; }
Value de_path(Value self) { return dir_entry(self)->m_path; }

bool de_stat_raw(DirEntryObject* e, bool follow, struct stat* st)
{
    int r;
    if (e->m_dir_fd >= 0)
        r = ::fstatat(e->m_dir_fd, e->m_cpath.c_str(), st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    else
        r = follow ? ::stat(e->m_cpath.c_str(), st) : ::lstat(e->m_cpath.c_str(), st);
    return r == 0;
}

bool follow_kw(char const* fname, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs)
        raise(&exc::TypeError, "%s() takes no positional arguments", fname);
    Value a[1];
    parse_args(fname, args, nargs, kwnames, { "follow_symlinks" }, 0, a);
    return truthy_kw(a[0], true);
}

bool de_test(Value self, bool follow, mode_t kind)
{
    DirEntryObject* e = dir_entry(self);
    unsigned char dt = e->m_dtype;
    if (dt != DT_UNKNOWN && !(follow && dt == DT_LNK)) {
        if (kind == S_IFDIR)
            return dt == DT_DIR;
        if (kind == S_IFREG)
            return dt == DT_REG;
        return dt == DT_LNK;
    }
    struct stat st;
    if (!de_stat_raw(e, follow, &st)) {
        if (errno == ENOENT)
            return false;
        raise_os_error(errno, e->m_path);
    }
    return (st.st_mode & S_IFMT) == kind;
}

Value de_is_dir(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    return py_bool(de_test(self, follow_kw("is_dir", args, nargs, kwnames), S_IFDIR));
}
Value de_is_file(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    return py_bool(de_test(self, follow_kw("is_file", args, nargs, kwnames), S_IFREG));
}
Value de_is_symlink(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("is_symlink", nargs, kwnames, 0, 0);
    return py_bool(de_test(self, false, S_IFLNK));
}
Value de_stat(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    bool follow = follow_kw("stat", args, nargs, kwnames);
    DirEntryObject* e = dir_entry(self);
    struct stat st;
    if (!de_stat_raw(e, follow, &st))
        raise_os_error(errno, e->m_path);
    return make_stat_result(st);
}
Value de_inode(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("inode", nargs, kwnames, 0, 0);
    return int_from_u64(dir_entry(self)->m_ino);
}
Value de_fspath(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__fspath__", nargs, kwnames, 0, 0);
    return dir_entry(self)->m_path;
}
Value de_repr(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__repr__", nargs, kwnames, 0, 0);
    return S("<DirEntry " + repr_utf8(dir_entry(self)->m_name) + ">");
}
Value de_class_getitem(Value cls, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__class_getitem__", nargs, kwnames, 1, 1);
    return generic_alias_new(cls, args[0]);
}

// DirEntry and ScandirIterator objects come only from scandir(), as in CPython.
Value no_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    Type* t = nargs && is_type(args[0]) ? args[0].as<Type>() : &s_dir_entry_type;
    raise(&exc::TypeError, "cannot create '%s' instances", t->m_tp_name ? t->m_tp_name : "posix.DirEntry");
}

MethodDef const s_dir_entry_methods[] = {
    { "__new__", no_new, METH_STATIC },
    { "is_dir", de_is_dir },
    { "is_file", de_is_file },
    { "is_symlink", de_is_symlink },
    { "stat", de_stat },
    { "inode", de_inode },
    { "__fspath__", de_fspath },
    { "__repr__", de_repr },
    { "__class_getitem__", de_class_getitem, METH_CLASS },
    { nullptr, nullptr },
};

// The iterator scandir() returns: the entries are read when it is created, so it holds no
// open directory (close() and the context-manager protocol only mark it exhausted).
struct ScandirObject : Object {
    ListObject* m_entries = nullptr;
    int64_t m_pos = 0;
    explicit ScandirObject(Type* t) : Object(t) { }
};

void trace_scandir(Object* o, gc::Tracer& t) { t.visit(static_cast<ScandirObject*>(o)->m_entries); }

Value px_scandir(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[1];
    parse_args("scandir", args, nargs, kwnames, { "path" }, 0, a);
    PathArg p;
    if (!a[0] || is_none(a[0])) {
        p.path = ".";
        p.object = S(".");
    } else {
        p = path_arg("scandir", "path", a[0], true, true);
    }
    std::vector<RawEntry> raw = read_dir(p);
    auto* it = gc::make<ScandirObject>(&s_scandir_iterator_type);
    it->m_entries = list_new();
    Value keep(it);
    std::string prefix = p.fd >= 0 ? "" : p.path;
    // os.scandir('.') yields './name'; an empty prefix (a descriptor) yields bare names.
    if (!prefix.empty() && prefix.back() != '/')
        prefix += '/';
    for (RawEntry const& r : raw) {
        auto* e = gc::make<DirEntryObject>(&s_dir_entry_type);
        Value ev(e);
        e->m_cpath = prefix + r.name;
        e->m_dir_fd = p.fd;
        e->m_dtype = r.type;
        e->m_ino = r.ino;
        e->m_name = fs_result(r.name, p.is_bytes);
        e->m_path = fs_result(e->m_cpath, p.is_bytes);
        list_append(it->m_entries, ev);
    }
    return keep;
}

Value sc_iter(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__iter__", nargs, kwnames, 0, 0);
    return self;
}
Value sc_next(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__next__", nargs, kwnames, 0, 0);
    auto* it = self.as<ScandirObject>();
    write_barrier(it);
    if (it->m_pos >= list_size(it->m_entries))
        raise_value(exception_new(&exc::StopIteration, {}));
    return list_get(it->m_entries, it->m_pos++);
}
Value sc_close(Value self, Value const*, size_t, TupleObject*)
{
    auto* it = self.as<ScandirObject>();
    write_barrier(it);
    it->m_pos = list_size(it->m_entries);
    return none();
}

MethodDef const s_scandir_methods[] = {
    { "__new__", no_new, METH_STATIC },
    { "__iter__", sc_iter },
    { "__next__", sc_next },
    { "close", sc_close },
    { "__enter__", sc_iter },
    { "__exit__", sc_close },
    { nullptr, nullptr },
};

// --- descriptors ------------------------------------------------------------------------------

Value px_open(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[4];
    parse_args("open", args, nargs, kwnames, { "path", "flags", "mode", "dir_fd" }, 2, a);
    PathArg p = path_arg("open", "path", a[0], false);
    int flags = int_arg(a[1]) | O_CLOEXEC;
    int mode = a[2] ? int_arg(a[2]) : 0777;
    int fd;
    do
        fd = ::openat(dir_fd_arg(a[3]), p.path.c_str(), flags, mode);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        raise_errno(p);
    return Value::small_int(fd);
}

Value px_close(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[1];
    parse_args("close", args, nargs, kwnames, { "fd" }, 1, a);
    if (::close(int_arg(a[0])) != 0)
        raise_errno();
    return none();
}

Value px_closerange(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    check_nargs("closerange", nargs, kwnames, 2, 2);
    for (int fd = int_arg(args[0]), hi = int_arg(args[1]); fd < hi; fd++)
        ::close(fd);
    return none();
}

Value px_read(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("read", nargs, kwnames, 2, 2);
    int fd = int_arg(args[0]);
    int64_t n = py_index_i64(args[1]);
    if (n < 0) {
        errno = EINVAL;
        raise_errno();
    }
    std::string buf(static_cast<size_t>(n), '\0');
    ssize_t r;
    do {
        vm::BlockingRegion region;
        r = ::read(fd, buf.data(), buf.size());
    } while (r < 0 && errno == EINTR);
    if (r < 0)
        raise_errno();
    buf.resize(static_cast<size_t>(r));
    return Value(bytes_new(buf));
}

Value px_write(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    check_nargs("write", nargs, kwnames, 2, 2);
    int fd = int_arg(args[0]);
    // Any bytes-like object (subprocess writes memoryview slices); copied out of the heap so the
    // write can run outside the transaction, without blocking other threads on a full pipe.
    std::string tmp;
    std::string data(need_buffer(args[1], tmp));
    ssize_t r;
    do {
        vm::BlockingRegion region;
        r = ::write(fd, data.data(), data.size());
    } while (r < 0 && errno == EINTR);
    if (r < 0)
        raise_errno();
    return int_from_i64(r);
}

Value px_lseek(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    check_nargs("lseek", nargs, kwnames, 3, 3);
    off_t r = ::lseek(int_arg(args[0]), static_cast<off_t>(py_index_i64(args[1])), int_arg(args[2]));
    if (r < 0)
        raise_errno();
    return int_from_i64(r);
}

Value px_fsync(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[1];
    parse_args("fsync", args, nargs, kwnames, { "fd" }, 1, a);
    Value fdv = a[0];
    if (!is_int(fdv))
        fdv = py_call_method(fdv, intern("fileno"), nullptr, 0);
    if (::fsync(int_arg(fdv)) != 0)
        raise_errno();
    return none();
}

Value px_ftruncate(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    check_nargs("ftruncate", nargs, kwnames, 2, 2);
    if (::ftruncate(int_arg(args[0]), static_cast<off_t>(py_index_i64(args[1]))) != 0)
        raise_errno();
    return none();
}

Value px_pipe(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    check_nargs("pipe", nargs, kwnames, 0, 0);
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        raise_errno();
    return tuple_of({ Value::small_int(fds[0]), Value::small_int(fds[1]) });
}

Value px_dup(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    check_nargs("dup", nargs, kwnames, 1, 1);
    int fd = ::fcntl(int_arg(args[0]), F_DUPFD_CLOEXEC, 0);
    if (fd < 0)
        raise_errno();
    return Value::small_int(fd);
}

Value px_dup2(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[3];
    parse_args("dup2", args, nargs, kwnames, { "fd", "fd2", "inheritable" }, 2, a);
    int fd2 = int_arg(a[1]);
    int r = truthy_kw(a[2], true) ? ::dup2(int_arg(a[0]), fd2) : ::dup3(int_arg(a[0]), fd2, O_CLOEXEC);
    if (r < 0)
        raise_errno();
    return Value::small_int(r);
}

Value px_isatty(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("isatty", nargs, kwnames, 1, 1);
    return py_bool(::isatty(int_arg(args[0])) == 1);
}

Value px_get_inheritable(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_inheritable", nargs, kwnames, 1, 1);
    int flags = ::fcntl(int_arg(args[0]), F_GETFD);
    if (flags < 0)
        raise_errno();
    return py_bool(!(flags & FD_CLOEXEC));
}

Value px_set_inheritable(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    check_nargs("set_inheritable", nargs, kwnames, 2, 2);
    int fd = int_arg(args[0]);
    int flags = ::fcntl(fd, F_GETFD);
    if (flags < 0)
        raise_errno();
    flags = py_truthy(args[1]) ? flags & ~FD_CLOEXEC : flags | FD_CLOEXEC;
    if (::fcntl(fd, F_SETFD, flags) < 0)
        raise_errno();
    return none();
}

Value px_get_blocking(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_blocking", nargs, kwnames, 1, 1);
    int flags = ::fcntl(int_arg(args[0]), F_GETFL);
    if (flags < 0)
        raise_errno();
    return py_bool(!(flags & O_NONBLOCK));
}

Value px_set_blocking(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    check_nargs("set_blocking", nargs, kwnames, 2, 2);
    int fd = int_arg(args[0]);
    int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0)
        raise_errno();
    flags = py_truthy(args[1]) ? flags & ~O_NONBLOCK : flags | O_NONBLOCK;
    if (::fcntl(fd, F_SETFL, flags) < 0)
        raise_errno();
    return none();
}

Value px_device_encoding(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[1];
    parse_args("device_encoding", args, nargs, kwnames, { "fd" }, 1, a);
    return ::isatty(int_arg(a[0])) ? S("utf-8") : none();
}

// --- misc -------------------------------------------------------------------------------------

Value px_fspath(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[1];
    parse_args("fspath", args, nargs, kwnames, { "path" }, 1, a);
    Value v = a[0];
    if (is_str(v) || is_bytes(v))
        return v;
    Value m = type_lookup(type_of(v), intern("__fspath__"));
    if (!m || is_none(m))
        raise(&exc::TypeError, "expected str, bytes or os.PathLike object, not %s", type_name(v).c_str());
    Value r = py_call_method(v, intern("__fspath__"), nullptr, 0);
    if (!is_str(r) && !is_bytes(r))
        raise(&exc::TypeError, "expected %s.__fspath__() to return str or bytes, not %s", type_name(v).c_str(),
            type_name(r).c_str());
    return r;
}

Value px_strerror(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("strerror", nargs, kwnames, 1, 1);
    return S(std::strerror(int_arg(args[0])));
}

Value px_urandom(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("urandom", nargs, kwnames, 1, 1);
    int64_t n = py_index_i64(args[0]);
    if (n < 0)
        raise(&exc::ValueError, "negative argument not allowed");
    std::string buf(static_cast<size_t>(n), '\0');
    size_t got = 0;
    while (got < buf.size()) {
        ssize_t r = ::getrandom(buf.data() + got, buf.size() - got, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            raise_errno();
        }
        got += static_cast<size_t>(r);
    }
    return Value(bytes_new(buf));
}

Value px_get_terminal_size(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_terminal_size", nargs, kwnames, 0, 1);
    int fd = nargs ? int_arg(args[0]) : STDOUT_FILENO;
    struct winsize w;
    if (::ioctl(fd, TIOCGWINSZ, &w) != 0)
        raise_errno();
    Value items[] = { Value::small_int(w.ws_col), Value::small_int(w.ws_row) };
    return structseq_new(&s_terminal_size_type, items, 2);
}

Value px_cpu_count(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("cpu_count", nargs, kwnames, 0, 0);
    long n = ::sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? none() : int_from_i64(n);
}

Value px_uname(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("uname", nargs, kwnames, 0, 0);
    struct utsname u;
    if (::uname(&u) != 0)
        raise_errno();
    Value items[] = { S(u.sysname), S(u.nodename), S(u.release), S(u.version), S(u.machine) };
    return structseq_new(&s_uname_result_type, items, 5);
}

Value px_times(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("times", nargs, kwnames, 0, 0);
    struct tms t;
    clock_t c = ::times(&t);
    if (c == static_cast<clock_t>(-1))
        raise_errno();
    double hz = static_cast<double>(::sysconf(_SC_CLK_TCK));
    Value items[] = { float_new(static_cast<double>(t.tms_utime) / hz), float_new(static_cast<double>(t.tms_stime) / hz),
        float_new(static_cast<double>(t.tms_cutime) / hz), float_new(static_cast<double>(t.tms_cstime) / hz),
        float_new(static_cast<double>(c) / hz) };
    return structseq_new(&s_times_result_type, items, 5);
}

#define PX_INT_GETTER(NAME, EXPR)                                                                        \
    Value px_##NAME(Value, Value const*, size_t nargs, TupleObject* kwnames)                          \
    {                                                                                                  \
        check_nargs(#NAME, nargs, kwnames, 0, 0);                                                      \
        return int_from_i64(static_cast<int64_t>(EXPR));                                               \
    }
PX_INT_GETTER(getpid, ::getpid())
PX_INT_GETTER(getppid, ::getppid())
PX_INT_GETTER(getuid, ::getuid())
PX_INT_GETTER(geteuid, ::geteuid())
PX_INT_GETTER(getgid, ::getgid())
PX_INT_GETTER(getegid, ::getegid())
PX_INT_GETTER(getpgrp, ::getpgrp())
#undef PX_INT_GETTER

Value px_getlogin(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("getlogin", nargs, kwnames, 0, 0);
    char const* n = ::getlogin();
    if (!n)
        raise_errno();
    return S(n);
}

Value px_kill(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    check_nargs("kill", nargs, kwnames, 2, 2);
    if (::kill(static_cast<pid_t>(py_index_i64(args[0])), int_arg(args[1])) != 0)
        raise_errno();
    // As CPython: a signal sent to this process may have arrived already; its handler runs
    // before kill() returns.
    signal_check_interrupt();
    return none();
}

Value px_waitpid(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("waitpid", nargs, kwnames, 2, 2);
    int status = 0;
    pid_t r;
    pid_t pid = static_cast<pid_t>(py_index_i64(args[0]));
    int options = int_arg(args[1]);
    do {
        vm::BlockingRegion region;
        r = ::waitpid(pid, &status, options);
    } while (r < 0 && errno == EINTR);
    if (r < 0)
        raise_errno();
    return tuple_of({ int_from_i64(r), int_from_i64(status) });
}

Value px_exit(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    Value a[1];
    parse_args("_exit", args, nargs, kwnames, { "status" }, 1, a);
    ::_exit(int_arg(a[0]));
}

#define PX_WAIT_MACRO(NAME, EXPR, BOOL)                                                                  \
    Value px_##NAME(Value, Value const* args, size_t nargs, TupleObject* kwnames)                     \
    {                                                                                                  \
        Value a[1];                                                                                    \
        parse_args(#NAME, args, nargs, kwnames, { "status" }, 1, a);                                   \
        int status = int_arg(a[0]);                                                                    \
        return BOOL ? py_bool(EXPR) : Value::small_int(EXPR);                                         \
    }
PX_WAIT_MACRO(WIFEXITED, WIFEXITED(status), true)
PX_WAIT_MACRO(WEXITSTATUS, WEXITSTATUS(status), false)
PX_WAIT_MACRO(WIFSIGNALED, WIFSIGNALED(status), true)
PX_WAIT_MACRO(WTERMSIG, WTERMSIG(status), false)
PX_WAIT_MACRO(WIFSTOPPED, WIFSTOPPED(status), true)
PX_WAIT_MACRO(WSTOPSIG, WSTOPSIG(status), false)
PX_WAIT_MACRO(WCOREDUMP, WCOREDUMP(status), true)
PX_WAIT_MACRO(WIFCONTINUED, WIFCONTINUED(status), true)
#undef PX_WAIT_MACRO

Value px_waitstatus_to_exitcode(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[1];
    parse_args("waitstatus_to_exitcode", args, nargs, kwnames, { "status" }, 1, a);
    int status = int_arg(a[0]);
    if (WIFEXITED(status))
        return Value::small_int(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return Value::small_int(-WTERMSIG(status));
    raise(&exc::ValueError, "invalid wait status: %d", status);
}

Value px_putenv(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    check_nargs("putenv", nargs, kwnames, 2, 2);
    PathArg k = path_arg("putenv", "name", args[0], false);
    PathArg v = path_arg("putenv", "value", args[1], false);
    if (k.path.empty() || k.path.find('=') != std::string::npos)
        raise(&exc::ValueError, "illegal environment variable name");
    if (::setenv(k.path.c_str(), v.path.c_str(), 1) != 0)
        raise_errno();
    return none();
}

Value px_unsetenv(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // an effect an abort could not undo
    check_nargs("unsetenv", nargs, kwnames, 1, 1);
    PathArg k = path_arg("unsetenv", "name", args[0], false);
    if (k.path.empty() || k.path.find('=') != std::string::npos)
        raise(&exc::ValueError, "illegal environment variable name");
    if (::unsetenv(k.path.c_str()) != 0)
        raise_errno();
    return none();
}

Value px_sysconf(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("sysconf", nargs, kwnames, 1, 1);
    int name;
    if (is_str(args[0])) {
        std::string n = str_utf8(args[0]);
        if (n == "SC_PAGE_SIZE" || n == "SC_PAGESIZE")
            name = _SC_PAGESIZE;
        else if (n == "SC_NPROCESSORS_ONLN")
            name = _SC_NPROCESSORS_ONLN;
        else if (n == "SC_CLK_TCK")
            name = _SC_CLK_TCK;
        else if (n == "SC_OPEN_MAX")
            name = _SC_OPEN_MAX;
        else
            raise(&exc::ValueError, "unrecognized configuration name");
    } else {
        name = int_arg(args[0]);
    }
    errno = 0;
    long r = ::sysconf(name);
    if (r == -1 && errno)
        raise_errno();
    return int_from_i64(r);
}

MethodDef const s_posix_methods[] = {
    { "stat", px_stat },
    { "lstat", px_lstat },
    { "fstat", px_fstat },
    { "getcwd", px_getcwd },
    { "getcwdb", px_getcwdb },
    { "chdir", px_chdir },
    { "listdir", px_listdir },
    { "scandir", px_scandir },
    { "mkdir", px_mkdir },
    { "rmdir", px_rmdir },
    { "remove", px_remove },
    { "unlink", px_unlink },
    { "rename", px_rename },
    { "replace", px_replace },
    { "link", px_link },
    { "symlink", px_symlink },
    { "readlink", px_readlink },
    { "access", px_access },
    { "chmod", px_chmod },
    { "chown", px_chown },
    { "lchown", px_lchown },
    { "fchown", px_fchown },
    { "umask", px_umask },
    { "utime", px_utime },
    { "truncate", px_truncate },
    { "open", px_open },
    { "close", px_close },
    { "closerange", px_closerange },
    { "read", px_read },
    { "write", px_write },
    { "lseek", px_lseek },
    { "fsync", px_fsync },
    { "ftruncate", px_ftruncate },
    { "pipe", px_pipe },
    { "statvfs", px_statvfs },
    { "fstatvfs", px_fstatvfs },
    { "dup", px_dup },
    { "dup2", px_dup2 },
    { "isatty", px_isatty },
    { "get_inheritable", px_get_inheritable },
    { "set_inheritable", px_set_inheritable },
    { "get_blocking", px_get_blocking },
    { "set_blocking", px_set_blocking },
    { "device_encoding", px_device_encoding },
    { "fspath", px_fspath },
    { "strerror", px_strerror },
    { "urandom", px_urandom },
    { "get_terminal_size", px_get_terminal_size },
    { "cpu_count", px_cpu_count },
    { "uname", px_uname },
    { "times", px_times },
    { "getpid", px_getpid },
    { "getppid", px_getppid },
    { "getuid", px_getuid },
    { "geteuid", px_geteuid },
    { "getgid", px_getgid },
    { "getegid", px_getegid },
    { "getpgrp", px_getpgrp },
    { "getlogin", px_getlogin },
    { "kill", px_kill },
    { "waitpid", px_waitpid },
    { "_exit", px_exit },
    { "WIFEXITED", px_WIFEXITED },
    { "WEXITSTATUS", px_WEXITSTATUS },
    { "WIFSIGNALED", px_WIFSIGNALED },
    { "WTERMSIG", px_WTERMSIG },
    { "WIFSTOPPED", px_WIFSTOPPED },
    { "WSTOPSIG", px_WSTOPSIG },
    { "WCOREDUMP", px_WCOREDUMP },
    { "WIFCONTINUED", px_WIFCONTINUED },
    { "waitstatus_to_exitcode", px_waitstatus_to_exitcode },
    { "putenv", px_putenv },
    { "unsetenv", px_unsetenv },
    { "sysconf", px_sysconf },
    { nullptr, nullptr },
};

struct IntConst {
    char const* name;
    long value;
};

IntConst const s_constants[] = {
    { "RTLD_LAZY", RTLD_LAZY }, { "RTLD_NOW", RTLD_NOW }, { "RTLD_GLOBAL", RTLD_GLOBAL },
    { "RTLD_LOCAL", RTLD_LOCAL }, { "RTLD_NODELETE", RTLD_NODELETE }, { "RTLD_NOLOAD", RTLD_NOLOAD },
    { "RTLD_DEEPBIND", RTLD_DEEPBIND },
    { "F_OK", F_OK }, { "R_OK", R_OK }, { "W_OK", W_OK }, { "X_OK", X_OK },
    { "O_RDONLY", O_RDONLY }, { "O_WRONLY", O_WRONLY }, { "O_RDWR", O_RDWR }, { "O_APPEND", O_APPEND },
    { "O_CREAT", O_CREAT }, { "O_EXCL", O_EXCL }, { "O_TRUNC", O_TRUNC }, { "O_NONBLOCK", O_NONBLOCK },
    { "O_NDELAY", O_NDELAY }, { "O_SYNC", O_SYNC }, { "O_DSYNC", O_DSYNC }, { "O_NOCTTY", O_NOCTTY },
    { "O_CLOEXEC", O_CLOEXEC }, { "O_DIRECTORY", O_DIRECTORY }, { "O_NOFOLLOW", O_NOFOLLOW },
    { "O_ACCMODE", O_ACCMODE }, { "O_TMPFILE", O_TMPFILE }, { "O_NOATIME", O_NOATIME }, { "O_PATH", O_PATH },
    { "O_LARGEFILE", 0 }, { "O_ASYNC", O_ASYNC }, { "O_DIRECT", O_DIRECT }, { "O_RSYNC", O_RSYNC },
    { "SEEK_DATA", SEEK_DATA }, { "SEEK_HOLE", SEEK_HOLE },
    { "WNOHANG", WNOHANG }, { "WUNTRACED", WUNTRACED }, { "WCONTINUED", WCONTINUED },
    { "EX_OK", 0 }, { "F_LOCK", F_LOCK }, { "F_TLOCK", F_TLOCK }, { "F_ULOCK", F_ULOCK }, { "F_TEST", F_TEST },
    { "NGROUPS_MAX", NGROUPS_MAX }, { "TMP_MAX", TMP_MAX },
};

// os.py consults _have_functions to build supports_fd, supports_dir_fd and
// supports_follow_symlinks; only what the functions above really implement is listed.
char const* const s_have_functions[] = { "HAVE_FACCESSAT", "HAVE_FCHDIR", "HAVE_FCHMOD", "HAVE_FCHMODAT", "HAVE_FCHOWN", "HAVE_FCHOWNAT",
    "HAVE_FDOPENDIR", "HAVE_FEXECVE", "HAVE_FSTATAT", "HAVE_FTRUNCATE", "HAVE_FUTIMENS", "HAVE_LCHOWN", "HAVE_LINKAT", "HAVE_LSTAT",
    "HAVE_MKDIRAT", "HAVE_OPENAT", "HAVE_READLINKAT", "HAVE_RENAMEAT", "HAVE_SYMLINKAT", "HAVE_UNLINKAT",
    "HAVE_UTIMENSAT", nullptr };

DictObject* make_environ()
{
    DictObject* d = dict_new();
    for (char** e = environ; e && *e; e++) {
        char const* eq = std::strchr(*e, '=');
        if (!eq || eq == *e)
            continue;
        Value k(bytes_new(std::string_view(*e, static_cast<size_t>(eq - *e))));
        // The first definition wins, as in CPython.
        if (!dict_get(d, k))
            dict_set(d, k, Value(bytes_new(eq + 1)));
    }
    return d;
}

} // namespace

ModuleObject* init_posix_module()
{
    ModuleObject* m = module_new("posix");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__,
        S("This module provides access to operating system functionality that is\nstandardized by the C Standard and "
          "the POSIX standard (a thinly disguised Unix interface).\nRefer to the library manual and corresponding Unix "
          "manual entries for more information on calls."));
    for (MethodDef const* def = s_posix_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    for (IntConst const& c : s_constants)
        dict_set_cstr(d, c.name, int_from_i64(c.value));
    add_posix_process_functions(m); // fork, exec*, system, wait, posix_spawn, ... (posix_process.cpp)
    add_posix_tty_functions(m); // openpty, ttyname, tcgetpgrp, ... (posix_tty.cpp)
    dict_set_cstr(d, "environ", Value(make_environ()));
    dict_set_cstr(d, "error", Value(&exc::OSError));
    dict_set_cstr(d, "stat_result", Value(&s_stat_result_type));
    dict_set_cstr(d, "terminal_size", Value(&s_terminal_size_type));
    dict_set_cstr(d, "uname_result", Value(&s_uname_result_type));
    dict_set_cstr(d, "times_result", Value(&s_times_result_type));
    dict_set_cstr(d, "statvfs_result", Value(&s_statvfs_result_type));
    dict_set_cstr(d, "DirEntry", Value(&s_dir_entry_type));
    ListObject* have = list_new();
    for (char const* const* h = s_have_functions; *h; h++)
        list_append(have, S(*h));
    dict_set_cstr(d, "_have_functions", Value(have));
    return m;
}

void setup_posix_types()
{
    structseq_setup(&s_stat_result_type, &s_stat_desc);
    structseq_setup(&s_terminal_size_type, &s_terminal_desc);
    structseq_setup(&s_uname_result_type, &s_uname_desc);
    structseq_setup(&s_times_result_type, &s_times_desc);
    structseq_setup(&s_statvfs_result_type, &s_statvfs_desc);
    init_static_type(&s_dir_entry_type, "posix.DirEntry", nullptr, sizeof(DirEntryObject), 0, trace_dir_entry,
        destroy_dir_entry);
    init_static_type(&s_scandir_iterator_type, "posix.ScandirIterator", nullptr, sizeof(ScandirObject), 0,
        trace_scandir);
}

void init_posix_types()
{
    for (Type* t : { &s_stat_result_type, &s_terminal_size_type, &s_uname_result_type,
             &s_times_result_type, &s_statvfs_result_type })
        structseq_init(t);
    add_methods(&s_dir_entry_type, s_dir_entry_methods);
    add_getset(&s_dir_entry_type, "name", de_name);
    add_getset(&s_dir_entry_type, "path", de_path);
    add_methods(&s_scandir_iterator_type, s_scandir_methods);
}

} // namespace pystm
