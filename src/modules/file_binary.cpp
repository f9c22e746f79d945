// Binary files: _io.FileIO, BufferedReader, BufferedWriter and BufferedRandom share one layout
// (BinaryFile) and one implementation; the class only decides the repr and which operations
// are allowed (see file_object.h, FILE-1).
#include "base/fd_write.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/file_object_internal.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/slice_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/transaction.h"
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace pystm {

Type file_io_type(&type_type);
Type buffered_reader_type(&type_type);
Type buffered_writer_type(&type_type);
Type buffered_random_type(&type_type);

void raise_closed_file() { raise(&exc::ValueError, "I/O operation on closed file."); }

void raise_unsupported(char const* what) { raise(unsupported_operation_type(), "%s", what); }

void binary_check_open(BinaryFile* f)
{
    if (f->m_closed)
        raise_closed_file();
}

namespace {

void write_all(int fd, char const* data, size_t n)
{
    vm::transaction_irreversible();
    if (!write_fully(fd, data, n))
        raise_os_error(errno);
}

// Gives back unread read-ahead to the OS offset (FILE-1) before a write or seek.
void drop_readahead(BinaryFile* f)
{
    size_t unread = f->m_rbuf.size() - f->m_rpos;
    if (unread > 0 && binary_seekable(f))
        ::lseek(f->m_fd, -static_cast<off_t>(unread), SEEK_CUR);
    f->m_rbuf.clear();
    f->m_rpos = 0;
}

// Interactive programs print a prompt without a newline and then read: the prompt must show.
void flush_stdout_before_stdin()
{
    Value out = sys_get("stdout");
    if (!out || is_none(out))
        return;
    if (out.is_object() && out.as_object()->m_type == &text_io_wrapper_type) {
        Value buf = out.as<TextFile>()->m_buffer;
        BinaryFile* b = as_binary(buf);
        if (!b->m_closed)
            binary_flush(b);
        return;
    }
    py_call_method(out, names::flush, nullptr, 0);
}

} // namespace

bool binary_seekable(BinaryFile* f)
{
    if (f->m_seekable < 0)
        f->m_seekable = ::lseek(f->m_fd, 0, SEEK_CUR) >= 0 ? 1 : 0;
    return f->m_seekable == 1;
}

void binary_flush(BinaryFile* f)
{
    if (f->m_wbuf.empty())
        return;
    std::string data;
    data.swap(f->m_wbuf);
    write_all(f->m_fd, data.data(), data.size());
}

void binary_write(BinaryFile* f, std::string_view data)
{
    binary_check_open(f);
    if (!f->m_writable)
        raise_unsupported(f->m_type == &file_io_type ? "File not open for writing" : "write");
    if (f->m_rpos < f->m_rbuf.size())
        drop_readahead(f);
    if (f->m_unbuffered) {
        binary_flush(f);
        write_all(f->m_fd, data.data(), data.size());
        return;
    }
    f->m_wbuf.append(data);
    if (f->m_wbuf.size() >= f->m_bufsize)
        binary_flush(f);
}

bool binary_read_chunk(BinaryFile* f, std::string* out, size_t size)
{
    binary_check_open(f);
    if (!f->m_readable)
        raise_unsupported(f->m_type == &file_io_type ? "File not open for reading" : "read");
    binary_flush(f);
    if (f->m_rpos < f->m_rbuf.size()) {
        out->append(f->m_rbuf, f->m_rpos, std::string::npos);
        f->m_rbuf.clear();
        f->m_rpos = 0;
        return true;
    }
    if (f->m_is_stdin)
        flush_stdout_before_stdin();
    char stack_buf[65536];
    char* buf = stack_buf;
    size_t want = size ? size : f->m_bufsize < sizeof stack_buf ? f->m_bufsize : sizeof stack_buf;
    std::string big; // for a larger request
    if (want > sizeof stack_buf) {
        big.resize(want);
        buf = big.data();
    }
    int fd = f->m_fd;
    for (;;) {
        ssize_t n;
        int err;
        {
            vm::BlockingRegion region; // reads into C++ memory only (TX-1)
            n = ::read(fd, buf, want);
            err = errno;
        }
        if (n < 0) {
            if (err == EINTR)
                continue;
            raise_os_error(err);
        }
        if (n == 0)
            return false;
        out->append(buf, static_cast<size_t>(n));
        return true;
    }
}

int64_t binary_tell(BinaryFile* f)
{
    binary_check_open(f);
    off_t pos = ::lseek(f->m_fd, 0, SEEK_CUR);
    if (pos < 0)
        raise_os_error(errno);
    return static_cast<int64_t>(pos) - static_cast<int64_t>(f->m_rbuf.size() - f->m_rpos)
        + static_cast<int64_t>(f->m_wbuf.size());
}

int64_t binary_seek(BinaryFile* f, int64_t pos, int whence)
{
    binary_check_open(f);
    if (whence < 0 || whence > 2)
        raise(&exc::ValueError, "whence value %d unsupported", whence);
    binary_flush(f);
    if (whence == SEEK_CUR)
        pos -= static_cast<int64_t>(f->m_rbuf.size() - f->m_rpos);
    f->m_rbuf.clear();
    f->m_rpos = 0;
    off_t r = ::lseek(f->m_fd, static_cast<off_t>(pos), whence);
    if (r < 0)
        raise_os_error(errno);
    return r;
}

void binary_close(BinaryFile* f)
{
    if (f->m_closed)
        return;
    bool failed = false;
    try {
        binary_flush(f);
    } catch (PyError&) {
        failed = true;
    }
    f->m_closed = true;
    if (f->m_closefd && f->m_fd >= 0)
        ::close(f->m_fd);
    if (failed)
        reraise();
}

std::string binary_mode_string(BinaryFile* f)
{
    if (f->m_created)
        return f->m_readable ? "xb+" : "xb";
    if (f->m_append)
        return f->m_readable ? "ab+" : "ab";
    if (f->m_readable)
        return f->m_writable ? "rb+" : "rb";
    return "wb";
}

namespace {

void trace_binary(Object* o, gc::Tracer& t) { t.visit(static_cast<BinaryFile*>(o)->m_name); }

void destroy_binary(Object* o)
{
    auto* f = static_cast<BinaryFile*>(o);
    // A file dropped without close(): flush what it buffered and release its descriptor.
    if (!f->m_closed) {
        if (!f->m_wbuf.empty()) {
            ssize_t w = ::write(f->m_fd, f->m_wbuf.data(), f->m_wbuf.size());
            (void)w;
        }
        if (f->m_closefd && f->m_fd >= 0)
            ::close(f->m_fd);
    }
    f->~BinaryFile();
}

BinaryFile* self_file(Value self) { return as_binary(self); }

std::string bytes_like(Value v)
{
    if (is_bytes(v))
        return std::string(v.as<BytesObject>()->view());
    if (v.is_object() && v.as_object()->m_type->is_subtype(&bytearray_type)) {
        return bytearray_copy(v.as<ByteArrayObject>());
    }
    if (type_name(v) == "memoryview" || find_buffer_export(v))
        return std::string(py_call1(Value(&bytes_type), v).as<BytesObject>()->view());
    raise(&exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v).c_str());
}

int64_t size_arg(Value v)
{
    if (!v || is_none(v))
        return -1;
    return py_index_i64(v);
}

// Reads up to [n] bytes (all remaining when n < 0).
std::string read_bytes(BinaryFile* f, int64_t n)
{
    std::string out;
    binary_check_open(f);
    if (!f->m_readable)
        raise_unsupported(f->m_type == &file_io_type ? "File not open for reading" : "read");
    binary_flush(f);
    size_t avail = f->m_rbuf.size() - f->m_rpos;
    if (n >= 0 && avail >= static_cast<size_t>(n)) {
        out.assign(f->m_rbuf, f->m_rpos, static_cast<size_t>(n));
        f->m_rpos += static_cast<size_t>(n);
        return out;
    }
    // FileIO.read(n) makes a single system call of up to n bytes; FileIO.read() and readall()
    // read until the end of the file, as the buffered files always do.
    bool single = f->m_type == &file_io_type && n >= 0;
    while (n < 0 || out.size() < static_cast<size_t>(n)) {
        if (!binary_read_chunk(f, &out, single ? static_cast<size_t>(n) - out.size() : 0))
            break;
        if (single)
            break;
    }
    if (n >= 0 && out.size() > static_cast<size_t>(n)) {
        f->m_rbuf.assign(out, static_cast<size_t>(n), std::string::npos);
        f->m_rpos = 0;
        out.resize(static_cast<size_t>(n));
    }
    return out;
}

std::string read_line(BinaryFile* f, int64_t limit)
{
    binary_check_open(f);
    if (!f->m_readable)
        raise_unsupported("readline");
    std::string line;
    for (;;) {
        if (f->m_rpos < f->m_rbuf.size()) {
            size_t nl = f->m_rbuf.find('\n', f->m_rpos);
            size_t end = nl == std::string::npos ? f->m_rbuf.size() : nl + 1;
            if (limit >= 0 && line.size() + (end - f->m_rpos) > static_cast<size_t>(limit))
                end = f->m_rpos + (static_cast<size_t>(limit) - line.size());
            line.append(f->m_rbuf, f->m_rpos, end - f->m_rpos);
            f->m_rpos = end;
            if ((nl != std::string::npos && end == nl + 1) || (limit >= 0 && line.size() >= static_cast<size_t>(limit)))
                return line;
        }
        std::string chunk;
        if (!binary_read_chunk(f, &chunk))
            return line;
        f->m_rbuf = std::move(chunk);
        f->m_rpos = 0;
    }
}

Value bf_read(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    Value a[1];
    parse_args("read", args, nargs, kwnames, { "size", "/" }, 0, a);
    std::string data = read_bytes(self_file(self), size_arg(a[0]));
    return Value(bytes_new(data));
}

Value bf_readall(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("readall", nargs, kwnames, 0, 0);
    return Value(bytes_new(read_bytes(self_file(self), -1)));
}

// readinto(b): fills a writable buffer (bytearray, array.array: its bytes, not its items, or a
// writable memoryview).
Value bf_readinto(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("readinto", nargs, kwnames, 1, 1);
    WritableBuffer w;
    if (!writable_buffer(args[0], &w))
        raise(&exc::TypeError, "readinto() argument must be read-write bytes-like object, not %s",
            type_name(args[0]).c_str());
    std::string data = read_bytes(self_file(self), w.size());
    w.write(0, data);
    return int_from_i64(static_cast<int64_t>(data.size()));
}

Value bf_read1(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    Value a[1];
    parse_args("read1", args, nargs, kwnames, { "size", "/" }, 0, a);
    BinaryFile* f = self_file(self);
    int64_t n = size_arg(a[0]);
    std::string out;
    if (f->m_rpos < f->m_rbuf.size()) {
        out.assign(f->m_rbuf, f->m_rpos, std::string::npos);
        f->m_rbuf.clear();
        f->m_rpos = 0;
    } else {
        binary_read_chunk(f, &out);
    }
    if (n >= 0 && out.size() > static_cast<size_t>(n)) {
        f->m_rbuf.assign(out, static_cast<size_t>(n), std::string::npos);
        f->m_rpos = 0;
        out.resize(static_cast<size_t>(n));
    }
    return Value(bytes_new(out));
}

Value bf_readline(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    Value a[1];
    parse_args("readline", args, nargs, kwnames, { "size", "/" }, 0, a);
    return Value(bytes_new(read_line(self_file(self), size_arg(a[0]))));
}

Value bf_readlines(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    Value a[1];
    parse_args("readlines", args, nargs, kwnames, { "hint", "/" }, 0, a);
    int64_t hint = size_arg(a[0]);
    ListObject* out = list_new();
    int64_t total = 0;
    for (;;) {
        std::string line = read_line(self_file(self), -1);
        if (line.empty())
            break;
        total += static_cast<int64_t>(line.size());
        list_append(out, Value(bytes_new(line)));
        if (hint > 0 && total >= hint)
            break;
    }
    return Value(out);
}

Value bf_iternext_impl(Object* o)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    std::string line = read_line(as_binary(Value(o)), -1);
    if (line.empty())
        return Value();
    return Value(bytes_new(line));
}

Value bf_iter(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__iter__", nargs, kwnames, 0, 0);
    binary_check_open(self_file(self));
    return self;
}

Value bf_write(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("write", nargs, kwnames, 1, 1);
    std::string data = bytes_like(args[0]);
    binary_write(self_file(self), data);
    return int_from_i64(static_cast<int64_t>(data.size()));
}

Value bf_writelines(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("writelines", nargs, kwnames, 1, 1);
    Value it = py_iter(args[0]);
    while (Value line = py_next(it))
        binary_write(self_file(self), bytes_like(line));
    return none();
}

Value bf_flush(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("flush", nargs, kwnames, 0, 0);
    BinaryFile* f = self_file(self);
    if (f->m_closed)
        raise(&exc::ValueError, "flush of closed file");
    binary_flush(f);
    return none();
}

Value bf_close(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("close", nargs, kwnames, 0, 0);
    binary_close(self_file(self));
    return none();
}

Value bf_fileno(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("fileno", nargs, kwnames, 0, 0);
    BinaryFile* f = self_file(self);
    binary_check_open(f);
    return int_from_i64(f->m_fd);
}

Value bf_isatty(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("isatty", nargs, kwnames, 0, 0);
    BinaryFile* f = self_file(self);
    binary_check_open(f);
    return py_bool(::isatty(f->m_fd));
}

Value bf_readable(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("readable", nargs, kwnames, 0, 0);
    BinaryFile* f = self_file(self);
    binary_check_open(f);
    return py_bool(f->m_readable);
}

Value bf_writable(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("writable", nargs, kwnames, 0, 0);
    BinaryFile* f = self_file(self);
    binary_check_open(f);
    return py_bool(f->m_writable);
}

Value bf_seekable(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("seekable", nargs, kwnames, 0, 0);
    BinaryFile* f = self_file(self);
    binary_check_open(f);
    return py_bool(binary_seekable(f));
}

Value bf_seek(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("seek", nargs, kwnames, 1, 2);
    int64_t pos = py_index_i64(args[0]);
    int whence = nargs > 1 ? static_cast<int>(py_index_i64(args[1])) : 0;
    return int_from_i64(binary_seek(self_file(self), pos, whence));
}

Value bf_tell(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("tell", nargs, kwnames, 0, 0);
    return int_from_i64(binary_tell(self_file(self)));
}

Value bf_truncate(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("truncate", nargs, kwnames, 0, 1);
    BinaryFile* f = self_file(self);
    binary_check_open(f);
    if (!f->m_writable)
        raise_unsupported(f->m_type == &file_io_type ? "File not open for writing" : "truncate");
    binary_flush(f);
    int64_t pos = nargs > 0 && !is_none(args[0]) ? py_index_i64(args[0]) : binary_tell(f);
    drop_readahead(f);
    if (::ftruncate(f->m_fd, static_cast<off_t>(pos)) < 0)
        raise_os_error(errno);
    return int_from_i64(pos);
}

Value bf_enter(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__enter__", nargs, kwnames, 0, 0);
    binary_check_open(self_file(self));
    return self;
}

Value bf_exit(Value self, Value const*, size_t, TupleObject*)
{
    binary_close(self_file(self));
    return none();
}

Value bf_repr(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__repr__", nargs, kwnames, 0, 0);
    BinaryFile* f = self_file(self);
    std::string cls = std::string("_io.") + str_utf8(f->m_type->m_name);
    if (f->m_type->has_flag(TF_HEAPTYPE))
        cls = type_of(self)->name_str();
    if (f->m_type == &file_io_type) {
        if (f->m_closed)
            return str_from_utf8("<_io.FileIO [closed]>");
        return str_from_utf8("<" + cls + " name=" + repr_utf8(f->m_name) + " mode='" + binary_mode_string(f)
            + "' closefd=" + (f->m_closefd ? "True" : "False") + ">");
    }
    return str_from_utf8("<" + cls + " name=" + repr_utf8(f->m_name) + ">");
}

Value get_closed(Value self) { return py_bool(self_file(self)->m_closed); }
Value get_name(Value self) { return self_file(self)->m_name; }
// name is writable, as on CPython's FileIO (tempfile renames its files' streams).
void set_name(Value self, Value v)
{
    if (!v)
        raise(&exc::AttributeError, "cannot delete attribute 'name'");
    self_file(self)->m_name = v;
}
Value get_mode(Value self) { return Value(str_from_utf8(binary_mode_string(self_file(self)))); }
Value get_closefd(Value self) { return py_bool(self_file(self)->m_closefd); }

MethodDef const s_binary_methods[] = {
    { "read", bf_read },
    { "read1", bf_read1 },
    { "readall", bf_readall },
    { "readinto", bf_readinto },
    { "readline", bf_readline },
    { "readlines", bf_readlines },
    { "write", bf_write },
    { "writelines", bf_writelines },
    { "flush", bf_flush },
    { "close", bf_close },
    { "fileno", bf_fileno },
    { "isatty", bf_isatty },
    { "readable", bf_readable },
    { "writable", bf_writable },
    { "seekable", bf_seekable },
    { "seek", bf_seek },
    { "tell", bf_tell },
    { "truncate", bf_truncate },
    { "__enter__", bf_enter },
    { "__exit__", bf_exit },
    { "__iter__", bf_iter },
    { "__next__", native_iternext },
    { "__repr__", bf_repr },
    { nullptr, nullptr },
};

} // namespace

BinaryFile* binary_new(Type* t, int fd, Value name, bool closefd)
{
    BinaryFile* f = gc::make<BinaryFile>(t);
    f->m_fd = fd;
    f->m_name = name;
    f->m_closefd = closefd;
    return f;
}

void setup_binary_file_types()
{
    Type* types[] = { &file_io_type, &buffered_reader_type, &buffered_writer_type, &buffered_random_type };
    char const* names_[] = { "_io.FileIO", "_io.BufferedReader", "_io.BufferedWriter", "_io.BufferedRandom" };
    for (int i = 0; i < 4; i++) {
        init_static_type(types[i], names_[i], nullptr, sizeof(BinaryFile), TF_BASETYPE, trace_binary, destroy_binary);
        types[i]->m_iternext = bf_iternext_impl;
    }
}

void init_binary_file_types()
{
    for (Type* t : { &file_io_type, &buffered_reader_type, &buffered_writer_type, &buffered_random_type }) {
        add_methods(t, s_binary_methods);
        add_getset(t, "closed", get_closed, nullptr, "True if the file is closed");
        add_getset(t, "name", get_name, set_name);
        add_getset(t, "mode", get_mode);
    }
    add_getset(&file_io_type, "closefd", get_closefd);
}

} // namespace pystm
