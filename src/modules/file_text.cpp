// Text files (_io.TextIOWrapper) layered on a BinaryFile: decoding with the builtin codecs,
// newline translation (universal newlines, '', '\n', '\r', '\r\n'), line buffering, tell/seek
// by byte position (see file_object.h, FILE-1).
#include "modules/file_object_internal.h"
#include "gc/heap.h"
#include "objects/bytes_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/transaction.h"
#include <algorithm>

namespace pystm {

Type text_io_wrapper_type(&type_type);

namespace {

void trace_text(Object* o, gc::Tracer& t) { t.visit(static_cast<TextFile*>(o)->m_buffer); }
void destroy_text(Object* o) { static_cast<TextFile*>(o)->~TextFile(); }

TextFile* self_text(Value self) { return as_text(self); }
BinaryFile* buffer_of(TextFile* t) { return as_binary(t->m_buffer); }

void check_open(TextFile* t) { binary_check_open(buffer_of(t)); }

void check_readable(TextFile* t)
{
    check_open(t);
    if (!buffer_of(t)->m_readable)
        raise_unsupported("not readable");
}

void check_writable(TextFile* t)
{
    check_open(t);
    if (!buffer_of(t)->m_writable)
        raise_unsupported("not writable");
}

std::string decode_bytes(TextFile* t, std::string_view data, bool final, size_t* consumed)
{
    int64_t used = static_cast<int64_t>(data.size());
    StrObject* s = nullptr;
    switch (t->m_codec) {
    case codecs::Codec::Utf8:
        s = codecs::utf8_decode(data, t->m_errors, final, &used);
        break;
    case codecs::Codec::Ascii:
        s = codecs::ascii_decode(data, t->m_errors);
        break;
    case codecs::Codec::Latin1:
        s = codecs::latin1_decode(data, t->m_errors);
        break;
    case codecs::Codec::Utf16:
    case codecs::Codec::Utf16LE:
    case codecs::Codec::Utf16BE: {
        int bo = t->m_codec == codecs::Codec::Utf16LE ? -1 : t->m_codec == codecs::Codec::Utf16BE ? 1 : t->m_byteorder;
        s = codecs::utf16_decode(data, t->m_errors, &bo, final, &used);
        if (t->m_codec == codecs::Codec::Utf16)
            t->m_byteorder = bo;
        break;
    }
    default: {
        int bo = t->m_codec == codecs::Codec::Utf32LE ? -1 : t->m_codec == codecs::Codec::Utf32BE ? 1 : t->m_byteorder;
        s = codecs::utf32_decode(data, t->m_errors, &bo, final, &used);
        if (t->m_codec == codecs::Codec::Utf32)
            t->m_byteorder = bo;
        break;
    }
    }
    *consumed = static_cast<size_t>(used);
    return str_utf8(s);
}

int64_t count_chars(std::string_view s)
{
    int64_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80)
            n++;
    return n;
}

// Decodes [chunk] after the bytes still pending from earlier chunks; returns the text and keeps
// an incomplete tail pending (unless [final]). A decoding error loses [chunk], which the buffer
// has already given up, but keeps what was pending before it: CPython's incremental decoders
// behave so, and a read after the error goes on from the next chunk (or end of file).
std::string decode_more(TextFile* t, std::string_view chunk, bool final)
{
    size_t pending = t->m_undecoded.size();
    t->m_undecoded += chunk;
    size_t consumed = 0;
    std::string text;
    try {
        text = decode_bytes(t, t->m_undecoded, final, &consumed);
    } catch (PyError&) {
        t->m_undecoded.resize(pending);
        throw;
    }
    t->m_undecoded.erase(0, consumed);
    return text;
}

// Reads and decodes the next chunk into m_decoded; false at end of file (m_eof set). As
// CPython's TextIOWrapper, a chunk is 8192 bytes, or more when [size_hint] characters (read(n)'s
// remainder) need more at the bytes per character of the last chunk: what one decoding covers
// shows in the positions of its errors.
bool fill(TextFile* t, int64_t size_hint = 0)
{
    if (t->m_eof)
        return false;
    size_t want = 8192;
    if (size_hint > 0) {
        double bytes = std::max(t->m_b2cratio, 1.0) * static_cast<double>(size_hint);
        if (bytes > static_cast<double>(want))
            want = static_cast<size_t>(bytes);
    }
    std::string chunk;
    bool more = binary_read_chunk(buffer_of(t), &chunk, want);
    std::string text = decode_more(t, chunk, !more);
    int64_t nchars = count_chars(text);
    if (t->m_newline == NL_UNIVERSAL) {
        for (size_t p = text.find("\r\n"); p != std::string::npos; p = text.find("\r\n", p + 2))
            nchars--; // one character once translated
    }
    t->m_b2cratio
        = nchars > 0 ? static_cast<double>(chunk.size()) / static_cast<double>(nchars) : 0.0;
    t->m_decoded += text;
    if (!more)
        t->m_eof = true;
    return more || !text.empty();
}

// Reads the rest of the file and decodes it at once (so that a decoding error's position counts
// from the first byte not yet decoded, as in CPython's read()).
void fill_all(TextFile* t)
{
    if (t->m_eof)
        return;
    std::string rest;
    while (binary_read_chunk(buffer_of(t), &rest)) { }
    t->m_decoded += decode_more(t, rest, true);
    t->m_eof = true;
}

size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

// Moves up to [n] characters (n < 0: all) from m_decoded to [out], translating newlines in
// universal mode ("\r\n" counts as one character). A trailing '\r' is held back until more
// input shows whether a '\n' follows (with newline='' too, as CPython does, though it stays as
// it is). Returns the number of characters taken.
int64_t take_chars(TextFile* t, int64_t n, std::string* out)
{
    std::string const& d = t->m_decoded;
    size_t i = 0;
    int64_t count = 0;
    bool universal = t->m_newline == NL_UNIVERSAL;
    bool untranslated = t->m_newline == NL_UNTRANSLATED;
    while (i < d.size() && (n < 0 || count < n)) {
        unsigned char c = static_cast<unsigned char>(d[i]);
        if (untranslated && c == '\r' && i + 1 == d.size() && !t->m_eof)
            break;
        if (universal && c == '\r') {
            if (i + 1 == d.size() && !t->m_eof)
                break;
            out->push_back('\n');
            i += (i + 1 < d.size() && d[i + 1] == '\n') ? 2 : 1;
        } else {
            size_t len = utf8_len(c);
            out->append(d, i, len);
            i += len;
        }
        count++;
    }
    t->m_decoded.erase(0, i);
    return count;
}

// The byte length of the first line in m_decoded (including its terminator), or npos if no
// complete line is buffered yet.
size_t line_end(TextFile* t)
{
    std::string const& d = t->m_decoded;
    switch (t->m_newline) {
    case NL_UNIVERSAL:
    case NL_UNTRANSLATED: {
        size_t p = d.find_first_of("\r\n");
        if (p == std::string::npos)
            return p;
        if (d[p] == '\n')
            return p + 1;
        if (p + 1 < d.size())
            return d[p + 1] == '\n' ? p + 2 : p + 1;
        return t->m_eof ? p + 1 : std::string::npos;
    }
    case NL_LF: {
        size_t p = d.find('\n');
        return p == std::string::npos ? p : p + 1;
    }
    case NL_CR: {
        size_t p = d.find('\r');
        return p == std::string::npos ? p : p + 1;
    }
    case NL_CRLF: {
        size_t p = d.find("\r\n");
        return p == std::string::npos ? p : p + 2;
    }
    }
    return std::string::npos;
}

// fill() for a line not complete yet. A decoding error loses the part of the line decoded so
// far, as CPython's readline (which has set that part aside) does, but for a last '\r' that may
// begin a "\r\n": in the universal modes CPython's newline decoder still holds it.
void fill_for_line(TextFile* t)
{
    try {
        fill(t);
    } catch (PyError&) {
        bool keep_cr = (t->m_newline == NL_UNIVERSAL || t->m_newline == NL_UNTRANSLATED)
            && !t->m_decoded.empty() && t->m_decoded.back() == '\r';
        t->m_decoded.assign(keep_cr ? "\r" : "");
        throw;
    }
}

std::string read_line(TextFile* t, int64_t limit)
{
    check_readable(t);
    for (;;) {
        size_t end = line_end(t);
        if (end == std::string::npos && !t->m_eof) {
            if (limit >= 0 && count_chars(t->m_decoded) >= limit + 1)
                end = t->m_decoded.size();
            else {
                fill_for_line(t);
                continue;
            }
        }
        if (end == std::string::npos)
            end = t->m_decoded.size();
        std::string line = t->m_decoded.substr(0, end);
        int64_t chars = count_chars(line);
        std::string out;
        if (limit >= 0 && chars > limit) {
            // Only [limit] characters of the line.
            size_t i = 0;
            for (int64_t k = 0; k < limit; k++)
                i += utf8_len(static_cast<unsigned char>(line[i]));
            out = line.substr(0, i);
            t->m_decoded.erase(0, i);
        } else {
            out = line;
            t->m_decoded.erase(0, end);
        }
        if (t->m_newline == NL_UNIVERSAL && !out.empty()) {
            if (out.size() >= 2 && out.compare(out.size() - 2, 2, "\r\n") == 0)
                out.replace(out.size() - 2, 2, "\n");
            else if (out.back() == '\r')
                out.back() = '\n';
        }
        return out;
    }
}

std::string read_text(TextFile* t, int64_t n)
{
    check_readable(t);
    std::string out;
    if (n < 0) {
        fill_all(t);
        take_chars(t, -1, &out);
        return out;
    }
    int64_t got = 0;
    while (got < n) {
        got += take_chars(t, n - got, &out);
        if (got >= n || !fill(t, n - got)) {
            if (t->m_eof)
                got += take_chars(t, n - got, &out);
            break;
        }
    }
    return out;
}

void text_write_str(TextFile* t, StrObject* s)
{
    check_writable(t);
    std::string text = str_utf8(s);
    bool has_nl = text.find('\n') != std::string::npos;
    if ((t->m_newline == NL_CR || t->m_newline == NL_CRLF) && has_nl) {
        std::string repl = t->m_newline == NL_CR ? "\r" : "\r\n";
        std::string out;
        for (char c : text) {
            if (c == '\n')
                out += repl;
            else
                out.push_back(c);
        }
        s = str_from_utf8(out);
    }
    // Text read ahead but not consumed is dropped: the binary layer rewinds to the logical
    // position first (FILE-1).
    if (!t->m_decoded.empty() || !t->m_undecoded.empty()) {
        BinaryFile* b = buffer_of(t);
        int64_t pos = 0;
        {
            StrObject* pending = str_from_utf8(t->m_decoded);
            std::string enc = codecs::encode_to_string(pending, t->m_codec, t->m_errors);
            pos = binary_tell(b) - static_cast<int64_t>(enc.size()) - static_cast<int64_t>(t->m_undecoded.size());
        }
        t->m_decoded.clear();
        t->m_undecoded.clear();
        t->m_eof = false;
        if (binary_seekable(b))
            binary_seek(b, pos, 0);
    }
    std::string bytes = codecs::encode_to_string(s, t->m_codec, t->m_errors);
    BinaryFile* b = buffer_of(t);
    binary_write(b, bytes);
    bool has_cr = text.find('\r') != std::string::npos;
    if (t->m_write_through || (t->m_line_buffering && (has_nl || has_cr)))
        binary_flush(b);
}

Value tf_read(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    Value a[1];
    parse_args("read", args, nargs, kwnames, { "size", "/" }, 0, a);
    int64_t n = a[0] && !is_none(a[0]) ? py_index_i64(a[0]) : -1;
    return Value(str_from_utf8(read_text(self_text(self), n)));
}

Value tf_readline(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    Value a[1];
    parse_args("readline", args, nargs, kwnames, { "size", "/" }, 0, a);
    int64_t n = a[0] && !is_none(a[0]) ? py_index_i64(a[0]) : -1;
    return Value(str_from_utf8(read_line(self_text(self), n)));
}

Value tf_readlines(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    Value a[1];
    parse_args("readlines", args, nargs, kwnames, { "hint", "/" }, 0, a);
    int64_t hint = a[0] && !is_none(a[0]) ? py_index_i64(a[0]) : -1;
    ListObject* out = list_new();
    int64_t total = 0;
    for (;;) {
        std::string line = read_line(self_text(self), -1);
        if (line.empty())
            break;
        StrObject* s = str_from_utf8(line);
        total += s->m_length;
        list_append(out, Value(s));
        if (hint > 0 && total >= hint)
            break;
    }
    return Value(out);
}

Value tf_iternext_impl(Object* o)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    std::string line = read_line(as_text(Value(o)), -1);
    if (line.empty())
        return Value();
    return Value(str_from_utf8(line));
}

Value tf_iter(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__iter__", nargs, kwnames, 0, 0);
    check_open(self_text(self));
    return self;
}

Value tf_write(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("write", nargs, kwnames, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "write() argument must be str, not %s", type_name(args[0]).c_str());
    StrObject* s = args[0].as<StrObject>();
    text_write_str(self_text(self), s);
    return int_from_i64(s->m_length);
}

Value tf_writelines(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("writelines", nargs, kwnames, 1, 1);
    Value it = py_iter(args[0]);
    while (Value line = py_next(it)) {
        if (!is_str(line))
            raise(&exc::TypeError, "write() argument must be str, not %s", type_name(line).c_str());
        text_write_str(self_text(self), line.as<StrObject>());
    }
    return none();
}

Value tf_flush(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("flush", nargs, kwnames, 0, 0);
    BinaryFile* b = buffer_of(self_text(self));
    if (b->m_closed)
        raise_closed_file();
    binary_flush(b);
    return none();
}

Value tf_close(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("close", nargs, kwnames, 0, 0);
    binary_close(buffer_of(self_text(self)));
    return none();
}

Value tf_fileno(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("fileno", nargs, kwnames, 0, 0);
    BinaryFile* b = buffer_of(self_text(self));
    binary_check_open(b);
    return int_from_i64(b->m_fd);
}

Value tf_isatty(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("isatty", nargs, kwnames, 0, 0);
    BinaryFile* b = buffer_of(self_text(self));
    binary_check_open(b);
    return py_bool(::isatty(b->m_fd));
}

Value tf_readable(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("readable", nargs, kwnames, 0, 0);
    BinaryFile* b = buffer_of(self_text(self));
    binary_check_open(b);
    return py_bool(b->m_readable);
}

Value tf_writable(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("writable", nargs, kwnames, 0, 0);
    BinaryFile* b = buffer_of(self_text(self));
    binary_check_open(b);
    return py_bool(b->m_writable);
}

Value tf_seekable(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("seekable", nargs, kwnames, 0, 0);
    BinaryFile* b = buffer_of(self_text(self));
    binary_check_open(b);
    return py_bool(binary_seekable(b));
}

int64_t text_tell(TextFile* t)
{
    BinaryFile* b = buffer_of(t);
    binary_check_open(b);
    if (!binary_seekable(b))
        raise_unsupported("underlying stream is not seekable");
    binary_flush(b);
    int64_t pos = binary_tell(b);
    if (!t->m_decoded.empty()) {
        StrObject* pending = str_from_utf8(t->m_decoded);
        pos -= static_cast<int64_t>(codecs::encode_to_string(pending, t->m_codec, t->m_errors).size());
    }
    return pos - static_cast<int64_t>(t->m_undecoded.size());
}

Value tf_tell(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("tell", nargs, kwnames, 0, 0);
    return int_from_i64(text_tell(self_text(self)));
}

Value tf_seek(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("seek", nargs, kwnames, 1, 2);
    TextFile* t = self_text(self);
    check_open(t);
    int64_t cookie = py_index_i64(args[0]);
    int64_t whence = nargs > 1 ? py_index_i64(args[1]) : 0;
    BinaryFile* b = buffer_of(t);
    if (!binary_seekable(b))
        raise_unsupported("underlying stream is not seekable");
    if (whence == 1) {
        if (cookie != 0)
            raise_unsupported("can't do nonzero cur-relative seeks");
        return int_from_i64(text_tell(t));
    }
    if (whence == 2) {
        if (cookie != 0)
            raise_unsupported("can't do nonzero end-relative seeks");
    } else if (whence != 0) {
        raise(&exc::ValueError, "invalid whence (%lld, should be 0, 1 or 2)", static_cast<long long>(whence));
    } else if (cookie < 0) {
        raise(&exc::ValueError, "negative seek position %lld", static_cast<long long>(cookie));
    }
    t->m_decoded.clear();
    t->m_undecoded.clear();
    t->m_eof = false;
    return int_from_i64(binary_seek(b, cookie, static_cast<int>(whence)));
}

Value tf_truncate(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    vm::transaction_irreversible(); // file state and the OS file position cannot be undone
    check_nargs("truncate", nargs, kwnames, 0, 1);
    TextFile* t = self_text(self);
    check_writable(t);
    Value pos = nargs > 0 && !is_none(args[0]) ? args[0] : int_from_i64(text_tell(t));
    BinaryFile* b = buffer_of(t);
    binary_flush(b);
    return py_call_method(t->m_buffer, intern("truncate"), &pos, 1);
}

Value tf_enter(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__enter__", nargs, kwnames, 0, 0);
    check_open(self_text(self));
    return self;
}

Value tf_exit(Value self, Value const*, size_t, TupleObject*)
{
    binary_close(buffer_of(self_text(self)));
    return none();
}

Value tf_repr(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__repr__", nargs, kwnames, 0, 0);
    TextFile* t = self_text(self);
    BinaryFile* b = buffer_of(t);
    std::string out = "<_io.TextIOWrapper";
    if (b->m_name)
        out += " name=" + repr_utf8(b->m_name);
    out += " mode='" + t->m_mode + "' encoding='" + t->m_encoding + "'>";
    return str_from_utf8(out);
}

Value tf_reconfigure(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[5];
    parse_args("reconfigure", args, nargs, kwnames,
        { "*", "encoding", "errors", "newline", "line_buffering", "write_through" }, 0, a);
    TextFile* t = self_text(self);
    binary_flush(buffer_of(t));
    if (a[0] && !is_none(a[0])) {
        t->m_codec = codecs::lookup_codec(str_utf8(py_str(a[0])));
        t->m_encoding = str_utf8(a[0]);
    }
    if (a[1] && !is_none(a[1]))
        t->m_errors = str_utf8(py_str(a[1]));
    if (a[3] && !is_none(a[3]))
        t->m_line_buffering = py_truthy(a[3]);
    if (a[4] && !is_none(a[4]))
        t->m_write_through = py_truthy(a[4]);
    return none();
}

Value get_closed(Value self) { return py_bool(buffer_of(self_text(self))->m_closed); }
Value get_name(Value self)
{
    Value n = buffer_of(self_text(self))->m_name;
    return n ? n : none();
}
Value get_mode(Value self) { return Value(str_from_utf8(self_text(self)->m_mode)); }
Value get_encoding(Value self) { return Value(str_from_utf8(self_text(self)->m_encoding)); }
Value get_errors(Value self) { return Value(str_from_utf8(self_text(self)->m_errors)); }
Value get_line_buffering(Value self) { return py_bool(self_text(self)->m_line_buffering); }
Value get_write_through(Value self) { return py_bool(self_text(self)->m_write_through); }
Value get_buffer(Value self) { return self_text(self)->m_buffer; }
Value get_newlines(Value) { return none(); }

MethodDef const s_text_methods[] = {
    { "read", tf_read },
    { "readline", tf_readline },
    { "readlines", tf_readlines },
    { "write", tf_write },
    { "writelines", tf_writelines },
    { "flush", tf_flush },
    { "close", tf_close },
    { "fileno", tf_fileno },
    { "isatty", tf_isatty },
    { "readable", tf_readable },
    { "writable", tf_writable },
    { "seekable", tf_seekable },
    { "seek", tf_seek },
    { "tell", tf_tell },
    { "truncate", tf_truncate },
    { "reconfigure", tf_reconfigure },
    { "__enter__", tf_enter },
    { "__exit__", tf_exit },
    { "__iter__", tf_iter },
    { "__next__", native_iternext },
    { "__repr__", tf_repr },
    { nullptr, nullptr },
};

} // namespace

TextFile* text_new(Value buffer, std::string mode, std::string encoding, codecs::Codec codec, std::string errors,
    NewlineMode newline, bool line_buffering, bool write_through)
{
    TextFile* t = gc::make<TextFile>(&text_io_wrapper_type);
    t->m_buffer = buffer;
    t->m_mode = std::move(mode);
    t->m_encoding = std::move(encoding);
    t->m_codec = codec;
    t->m_errors = std::move(errors);
    t->m_newline = newline;
    t->m_line_buffering = line_buffering;
    t->m_write_through = write_through;
    return t;
}

void setup_text_file_types()
{
    init_static_type(&text_io_wrapper_type, "_io.TextIOWrapper", nullptr, sizeof(TextFile), TF_BASETYPE, trace_text,
        destroy_text);
    text_io_wrapper_type.m_iternext = tf_iternext_impl;
}

void init_text_file_types()
{
    Type* t = &text_io_wrapper_type;
    add_methods(t, s_text_methods);
    add_getset(t, "closed", get_closed);
    add_getset(t, "name", get_name);
    add_getset(t, "mode", get_mode);
    add_getset(t, "encoding", get_encoding);
    add_getset(t, "errors", get_errors);
    add_getset(t, "line_buffering", get_line_buffering);
    add_getset(t, "write_through", get_write_through);
    add_getset(t, "buffer", get_buffer);
    add_getset(t, "newlines", get_newlines);
}

} // namespace pystm
