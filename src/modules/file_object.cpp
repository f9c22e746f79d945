// open(): argument validation with CPython's messages, opening the descriptor, and choosing the
// binary class and text layer; the standard streams' constructors; io.UnsupportedOperation.
#include "modules/file_object_internal.h"
#include "gc/heap.h"
#include "objects/bytes_object.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/import.h"
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pystm {

Type* unsupported_operation_type()
{
    static Value s_type;
    if (!s_type) {
        DictObject* ns = dict_new();
        dict_set_str(ns, names::__module__, Value(str_from_ascii("io")));
        TupleObject* bases = tuple_of({ Value(&exc::OSError), Value(&exc::ValueError) });
        s_type = Value(type_new(&type_type, str_from_ascii("UnsupportedOperation"), bases, ns, nullptr));
        gc::add_root(&s_type);
    }
    return s_type.as<Type>();
}

namespace {

struct ModeInfo {
    bool reading = false, writing = false, appending = false, creating = false, updating = false;
    bool text = false, binary = false;
};

ModeInfo parse_mode(std::string const& mode)
{
    ModeInfo m;
    std::string seen;
    for (char c : mode) {
        if (std::string("rwxabt+").find(c) == std::string::npos || seen.find(c) != std::string::npos)
            raise(&exc::ValueError, "invalid mode: '%s'", mode.c_str());
        seen.push_back(c);
        switch (c) {
        case 'r': m.reading = true; break;
        case 'w': m.writing = true; break;
        case 'x': m.creating = true; break;
        case 'a': m.appending = true; break;
        case '+': m.updating = true; break;
        case 't': m.text = true; break;
        case 'b': m.binary = true; break;
        }
    }
    if (m.text && m.binary)
        raise(&exc::ValueError, "can't have text and binary mode at once");
    int kinds = m.reading + m.writing + m.creating + m.appending;
    if (kinds > 1)
        raise(&exc::ValueError, "must have exactly one of create/read/write/append mode");
    if (kinds == 0)
        raise(&exc::ValueError, "Must have exactly one of create/read/write/append mode and at most one plus");
    return m;
}

NewlineMode parse_newline(Value newline)
{
    if (!newline || is_none(newline))
        return NL_UNIVERSAL;
    if (!is_str(newline))
        raise(&exc::TypeError, "open() argument 'newline' must be str or None, not %s", type_name(newline).c_str());
    std::string n = str_utf8(newline);
    if (n.empty())
        return NL_UNTRANSLATED;
    if (n == "\n")
        return NL_LF;
    if (n == "\r")
        return NL_CR;
    if (n == "\r\n")
        return NL_CRLF;
    raise(&exc::ValueError, "illegal newline value: %s", n.c_str());
}

// A text file for an encoding that the native text layer does not decode (utf-7, cp1252, ...):
// the Python TextIOWrapper of _io, which uses the codec registry's incremental codecs, over the
// binary file [b]. As in CPython, an encoding that the registry does not know or that is no text
// encoding (LookupError) is found only now, and the binary file is then closed.
Value registry_text_file(BinaryFile* b, std::string const& mode, Value encoding, Value errors,
    Value newline, bool line_buffering)
{
    Value text;
    try {
        Value info = py_call1(py_getattr(import_module("_codecs"), intern("lookup")), encoding);
        Value is_text = py_getattr_opt(info, intern("_is_text_encoding"));
        if (is_text && !py_truthy(is_text))
            raise(&exc::LookupError,
                "'%s' is not a text encoding; use codecs.open() to handle arbitrary codecs",
                str_utf8(encoding).c_str());
        Value cls = py_getattr(import_module("_io"), intern("TextIOWrapper"));
        Value args[] = { Value(b), encoding, errors, newline, py_bool(line_buffering) };
        text = py_call(cls, args, 5);
    } catch (PyError&) {
        Value e = take_exception();
        try {
            binary_close(b);
        } catch (PyError&) {
            take_exception();
        }
        raise_value(e);
    }
    py_setattr(text, intern("mode"), str_from_utf8(mode));
    return text;
}

std::string opt_str(Value v, char const* what)
{
    if (!is_str(v))
        raise(&exc::TypeError, "open() argument '%s' must be str or None, not %s", what, type_name(v).c_str());
    return str_utf8(v);
}

} // namespace

namespace {

// open() with the binary class forced to [raw_cls] when it is not null (FileIO.__new__, which
// may be asked for a subclass of FileIO).
Value file_open_as(Type* raw_cls, Value file, Value mode_v, Value buffering_v, Value encoding, Value errors,
    Value newline, Value closefd_v, Value opener);

} // namespace

Value file_open(Value file, Value mode_v, Value buffering_v, Value encoding, Value errors, Value newline,
    Value closefd_v, Value opener)
{
    return file_open_as(nullptr, file, mode_v, buffering_v, encoding, errors, newline, closefd_v, opener);
}

namespace {

Value file_open_as(Type* raw_cls, Value file, Value mode_v, Value buffering_v, Value encoding, Value errors,
    Value newline, Value closefd_v, Value opener)
{
    std::string mode = "r";
    if (mode_v) {
        if (!is_str(mode_v))
            raise(&exc::TypeError, "open() argument 'mode' must be str, not %s", type_name(mode_v).c_str());
        mode = str_utf8(mode_v);
    }
    int64_t buffering = buffering_v ? py_index_i64(buffering_v) : -1;
    bool closefd = closefd_v ? py_truthy(closefd_v) : true;
    bool has_encoding = encoding && !is_none(encoding);
    bool has_errors = errors && !is_none(errors);
    bool has_newline = newline && !is_none(newline);

    // The path: str, bytes, an os.PathLike, or an int descriptor.
    Value path = file;
    bool is_fd = is_int(file) && !is_bool(file);
    if (!is_fd && !is_str(file) && !is_bytes(file)) {
        Value fspath = type_of(file)->special(SP_fspath);
        if (!fspath)
            raise(&exc::TypeError, "expected str, bytes or os.PathLike object, not %s", type_name(file).c_str());
        path = py_call_method(file, names::__fspath__, nullptr, 0);
        if (!is_str(path) && !is_bytes(path))
            raise(&exc::TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                type_name(file).c_str(), type_name(path).c_str());
    }

    ModeInfo m = parse_mode(mode);
    if (m.binary && has_encoding)
        raise(&exc::ValueError, "binary mode doesn't take an encoding argument");
    if (m.binary && has_errors)
        raise(&exc::ValueError, "binary mode doesn't take an errors argument");
    if (m.binary && has_newline)
        raise(&exc::ValueError, "binary mode doesn't take a newline argument");
    if (!m.binary && buffering == 0)
        raise(&exc::ValueError, "can't have unbuffered text I/O");
    NewlineMode nl = m.binary ? NL_UNIVERSAL : parse_newline(newline);
    std::string enc_name = "UTF-8";
    codecs::Codec codec = codecs::Codec::Utf8;
    bool native_codec = true;
    if (has_encoding) {
        enc_name = opt_str(encoding, "encoding");
        // "locale" (io.text_encoding(None)) is the locale's encoding: pystm's is UTF-8.
        if (enc_name == "locale")
            enc_name = "UTF-8";
        native_codec = codecs::find_codec(enc_name, &codec);
    }
    std::string err_name = has_errors ? opt_str(errors, "errors") : "strict";

    int flags = O_CLOEXEC;
    if (m.updating)
        flags |= O_RDWR;
    else if (m.reading)
        flags |= O_RDONLY;
    else
        flags |= O_WRONLY;
    if (m.writing)
        flags |= O_CREAT | O_TRUNC;
    if (m.creating)
        flags |= O_CREAT | O_EXCL;
    if (m.appending)
        flags |= O_CREAT | O_APPEND;

    int fd;
    if (is_fd) {
        int64_t v;
        if (!int_to_i64(file, &v) || v < 0 || v > INT32_MAX)
            raise(&exc::ValueError, "negative file descriptor");
        fd = static_cast<int>(v);
        struct stat st;
        if (::fstat(fd, &st) < 0)
            raise_os_error(errno);
    } else {
        if (!closefd)
            raise(&exc::ValueError, "Cannot use closefd=False with file name");
        // File system names: surrogateescape gives undecodable bytes back (PEP 383).
        std::string p = is_str(path) ? codecs::utf8_encode(path.as<StrObject>(), "surrogateescape")
                                     : std::string(path.as<BytesObject>()->view());
        if (p.find('\0') != std::string::npos)
            raise(&exc::ValueError, "embedded null byte");
        if (opener && !is_none(opener)) {
            Value args[] = { path, int_from_i64(flags) };
            Value r = py_call(opener, args, 2);
            int64_t v = py_index_i64(r);
            if (v < 0)
                raise(&exc::ValueError, "opener returned %lld", static_cast<long long>(v));
            fd = static_cast<int>(v);
        } else {
            do {
                fd = ::open(p.c_str(), flags, 0666);
            } while (fd < 0 && errno == EINTR);
            if (fd < 0)
                raise_os_error(errno, path);
        }
        struct stat st;
        if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            ::close(fd);
            raise_os_error(EISDIR, path);
        }
    }
    if (m.appending)
        ::lseek(fd, 0, SEEK_END);

    Type* cls = raw_cls     ? raw_cls
        : buffering == 0    ? &file_io_type
        : m.updating            ? &buffered_random_type
        : m.reading             ? &buffered_reader_type
                                : &buffered_writer_type;
    BinaryFile* b = binary_new(cls, fd, file, closefd);
    b->m_readable = m.reading || m.updating;
    b->m_writable = m.writing || m.appending || m.creating || m.updating;
    b->m_append = m.appending;
    b->m_created = m.creating;
    b->m_unbuffered = buffering == 0;
    if (buffering > 1)
        b->m_bufsize = static_cast<size_t>(buffering);
    if (m.binary)
        return Value(b);
    bool line_buffering = buffering == 1 || (buffering < 0 && ::isatty(fd));
    if (!native_codec)
        return registry_text_file(b, mode, encoding, has_errors ? errors : none(),
            has_newline ? newline : none(), line_buffering);
    return Value(text_new(Value(b), mode, enc_name, codec, err_name, nl, line_buffering, false));
}

// FileIO(file, mode='r', closefd=True, opener=None): an unbuffered binary file.
Value fileio_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs < 1 || !is_type(args[0]) || !args[0].as<Type>()->is_subtype(&file_io_type))
        raise(&exc::TypeError, "FileIO.__new__(X): X is not a subtype of FileIO");
    Value a[4];
    parse_args("FileIO", args + 1, nargs - 1, kwnames, { "file", "mode", "closefd", "opener" }, 1, a);
    std::string mode = "r";
    if (a[1]) {
        if (!is_str(a[1]))
            raise(&exc::TypeError, "FileIO() argument 'mode' must be str, not %s", type_name(a[1]).c_str());
        mode = str_utf8(a[1]);
    }
    int kinds = 0, plus = 0;
    for (char c : mode) {
        if (c == 'r' || c == 'w' || c == 'x' || c == 'a')
            kinds++;
        else if (c == '+')
            plus++;
        else if (c != 'b')
            raise(&exc::ValueError, "invalid mode: %s", mode.c_str());
    }
    if (kinds != 1 || plus > 1)
        raise(&exc::ValueError, "Must have exactly one of create/read/write/append mode and at most one plus");
    if (mode.find('b') == std::string::npos)
        mode += 'b';
    return file_open_as(args[0].as<Type>(), a[0], Value(str_from_utf8(mode)), Value::small_int(0), Value(), Value(),
        Value(), a[2], a[3]);
}

MethodDef const s_fileio_new[] = {
    { "__new__", fileio_new, METH_STATIC },
    { nullptr, nullptr },
};

} // namespace

Value text_stream_for_fd(int fd, char const* name, char const* mode, char const* errors,
    bool line_buffering, bool write_through, char const* encoding)
{
    codecs::Codec codec = codecs::lookup_codec(encoding);
    bool reading = mode[0] == 'r';
    Type* cls = reading ? &buffered_reader_type : &buffered_writer_type;
    BinaryFile* b = binary_new(cls, fd, Value(str_from_utf8(name)), false);
    b->m_readable = reading;
    b->m_writable = !reading;
    b->m_is_stdin = reading && fd == 0;
    b->m_unbuffered = write_through;
    return Value(text_new(
        Value(b), mode, encoding, codec, errors, NL_UNIVERSAL, line_buffering, write_through));
}

void text_stream_set_buffering(Value stream, bool line_buffering, bool write_through)
{
    if (!stream.is_object() || stream.as_object()->m_type != &text_io_wrapper_type)
        return;
    TextFile* t = as_text(stream);
    t->m_line_buffering = line_buffering;
    t->m_write_through = write_through;
    as_binary(t->m_buffer)->m_unbuffered = write_through;
}

void setup_file_types()
{
    setup_binary_file_types();
    setup_text_file_types();
}

void init_file_types()
{
    init_binary_file_types();
    add_methods(&file_io_type, s_fileio_new);
    init_text_file_types();
}

} // namespace pystm
