// The binascii module: hex (hexlify/unhexlify and the b2a_hex/a2b_hex names, with separators),
// base64 lines (a2b_base64 with strict_mode, b2a_base64 with the newline flag), uuencode lines
// (a2b_uu/b2a_uu), crc32 and crc_hqx, and the Error/Incomplete exceptions, with CPython 3.11's
// results and messages.
//
// Quoted-printable (a2b_qp/b2a_qp) is not provided: quopri then uses its pure-Python codec.
// The module keeps no mutable state besides its two exception classes (GC roots).
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <string>

namespace pystm {

namespace {

Value s_error; // binascii.Error (a ValueError)
Value s_incomplete; // binascii.Incomplete

[[noreturn]] void raise_error(char const* msg) { raise_value(exception_new(s_error.as<Type>(), { Value(str_from_utf8(msg)) })); }

// Bytes-like input of the b2a_* functions and crc functions.
std::string bytes_arg(Value v)
{
    std::string tmp;
    return std::string(need_buffer(v, tmp));
}

// Input of the a2b_* functions: also ASCII-only str.
std::string ascii_arg(Value v)
{
    if (is_str(v)) {
        StrObject* s = v.as<StrObject>();
        if (!s->m_ascii)
            raise(&exc::ValueError, "string argument should contain only ASCII characters");
        return std::string(s->ascii_view());
    }
    if (is_bytes(v) || (v.is_object() && (v.as_object()->m_type->is_subtype(&bytearray_type) || type_of(v)->name_str() == "memoryview")))
        return bytes_arg(v);
    raise(&exc::TypeError, "argument should be bytes, buffer or ASCII string, not '%s'", type_name(v).c_str());
}

char const kHex[] = "0123456789abcdef";

// --- hex -----------------------------------------------------------------------------------------

Value hexlify_impl(char const* fname, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args(fname, args, nargs, kw, { "data", "sep", "bytes_per_sep" }, 1, a);
    std::string data = bytes_arg(a[0]);
    char sep = 0;
    if (a[1] && !is_none(a[1])) {
        std::string s;
        if (is_str(a[1])) {
            StrObject* so = a[1].as<StrObject>();
            if (!so->m_ascii)
                raise(&exc::ValueError, "sep must be ASCII.");
            s = std::string(so->ascii_view());
        } else {
            s = bytes_arg(a[1]);
        }
        if (s.size() != 1)
            raise(&exc::ValueError, "sep must be length 1.");
        sep = s[0];
    }
    int64_t per = a[2] ? py_index_i64(a[2]) : 1;
    std::string out;
    size_t n = data.size();
    size_t group = static_cast<size_t>(per < 0 ? -per : per);
    for (size_t i = 0; i < n; i++) {
        if (sep && group && i > 0) {
            // Positive counts group from the right, negative from the left.
            bool boundary = per > 0 ? (n - i) % group == 0 : i % group == 0;
            if (boundary)
                out.push_back(sep);
        }
        unsigned char c = static_cast<unsigned char>(data[i]);
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
    return bytes_new(out);
}

Value b_hexlify(Value, Value const* a, size_t n, TupleObject* k) { return hexlify_impl("hexlify", a, n, k); }
Value b_b2a_hex(Value, Value const* a, size_t n, TupleObject* k) { return hexlify_impl("b2a_hex", a, n, k); }

int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

Value unhexlify_impl(char const* fname, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args(fname, args, nargs, kw, { "hexstr", "/" }, 1, a);
    std::string s = ascii_arg(a[0]);
    if (s.size() % 2)
        raise_error("Odd-length string");
    std::string out;
    for (size_t i = 0; i < s.size(); i += 2) {
        int hi = hexval(static_cast<unsigned char>(s[i])), lo = hexval(static_cast<unsigned char>(s[i + 1]));
        if (hi < 0 || lo < 0)
            raise_error("Non-hexadecimal digit found");
        out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return bytes_new(out);
}

Value b_unhexlify(Value, Value const* a, size_t n, TupleObject* k) { return unhexlify_impl("unhexlify", a, n, k); }
Value b_a2b_hex(Value, Value const* a, size_t n, TupleObject* k) { return unhexlify_impl("a2b_hex", a, n, k); }

// --- base64 --------------------------------------------------------------------------------------

char const kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int b64val(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

Value b_a2b_base64(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("a2b_base64", args, nargs, kw, { "data", "/", "*", "strict_mode" }, 1, a);
    std::string s = ascii_arg(a[0]);
    bool strict = a[1] && py_truthy(a[1]);
    std::string out;
    int quad = 0, pads = 0;
    unsigned left = 0;
    bool padding_started = false;
    size_t data_chars = 0;
    if (strict && !s.empty() && s[0] == '=')
        raise_error("Leading padding not allowed");
    for (size_t i = 0; i < s.size(); i++) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '=') {
            padding_started = true;
            if (quad >= 2 && quad + ++pads >= 4) {
                if (strict && i + 1 < s.size())
                    raise_error("Excess data after padding");
                return bytes_new(out);
            }
            continue;
        }
        int v = b64val(c);
        if (v < 0) {
            if (strict)
                raise_error("Only base64 data is allowed");
            continue;
        }
        if (strict && padding_started)
            raise_error("Discontinuous padding not allowed");
        pads = 0;
        data_chars++;
        switch (quad) {
        case 0:
            quad = 1;
            left = static_cast<unsigned>(v);
            break;
        case 1:
            quad = 2;
            out.push_back(static_cast<char>((left << 2) | (static_cast<unsigned>(v) >> 4)));
            left = static_cast<unsigned>(v) & 0x0F;
            break;
        case 2:
            quad = 3;
            out.push_back(static_cast<char>((left << 4) | (static_cast<unsigned>(v) >> 2)));
            left = static_cast<unsigned>(v) & 0x03;
            break;
        default:
            quad = 0;
            out.push_back(static_cast<char>((left << 6) | static_cast<unsigned>(v)));
            left = 0;
            break;
        }
    }
    if (quad != 0) {
        if (quad == 1) {
            std::string msg = "Invalid base64-encoded string: number of data characters (" + std::to_string(data_chars)
                + ") cannot be 1 more than a multiple of 4";
            raise_error(msg.c_str());
        }
        raise_error("Incorrect padding");
    }
    return bytes_new(out);
}

Value b_b2a_base64(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("b2a_base64", args, nargs, kw, { "data", "/", "*", "newline" }, 1, a);
    std::string d = bytes_arg(a[0]);
    bool newline = a[1] ? py_truthy(a[1]) : true;
    std::string out;
    size_t i = 0;
    for (; i + 2 < d.size(); i += 3) {
        unsigned v = (static_cast<unsigned char>(d[i]) << 16) | (static_cast<unsigned char>(d[i + 1]) << 8) | static_cast<unsigned char>(d[i + 2]);
        out.push_back(kB64[v >> 18]);
        out.push_back(kB64[(v >> 12) & 63]);
        out.push_back(kB64[(v >> 6) & 63]);
        out.push_back(kB64[v & 63]);
    }
    if (i < d.size()) {
        unsigned v = static_cast<unsigned char>(d[i]) << 16;
        if (i + 1 < d.size())
            v |= static_cast<unsigned char>(d[i + 1]) << 8;
        out.push_back(kB64[v >> 18]);
        out.push_back(kB64[(v >> 12) & 63]);
        out.push_back(i + 1 < d.size() ? kB64[(v >> 6) & 63] : '=');
        out.push_back('=');
    }
    if (newline)
        out.push_back('\n');
    return bytes_new(out);
}

// --- uuencode ------------------------------------------------------------------------------------

Value b_a2b_uu(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("a2b_uu", args, nargs, kw, { "data", "/" }, 1, a);
    std::string s = ascii_arg(a[0]);
    size_t pos = 0;
    // The first character gives the binary length (an empty line: none).
    // (An empty line reads as a NUL length character: 32 zero bytes, as CPython.)
    unsigned char first = s.empty() ? 0 : static_cast<unsigned char>(s[0]);
    size_t len = static_cast<size_t>((first - ' ') & 077);
    pos = 1;
    std::string out;
    unsigned left = 0;
    int bits = 0;
    while (out.size() < len) {
        unsigned char c = pos < s.size() ? static_cast<unsigned char>(s[pos]) : 0;
        unsigned v;
        if (pos >= s.size() || c == '\n' || c == '\r') {
            v = 0; // whitespace-stripped lines: missing characters count as zero
        } else {
            if (c < ' ' || c > ' ' + 64)
                raise_error("Illegal char");
            v = (c - ' ') & 077;
        }
        pos++;
        left = (left << 6) | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((left >> bits) & 0xFF));
            left &= (1u << bits) - 1;
        }
    }
    // What follows must be padding or whitespace.
    for (; pos < s.size(); pos++) {
        unsigned char c = static_cast<unsigned char>(s[pos]);
        if (c != ' ' && c != ' ' + 64 && c != '\n' && c != '\r')
            raise_error("Trailing garbage");
    }
    return bytes_new(out);
}

Value b_b2a_uu(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("b2a_uu", args, nargs, kw, { "data", "/", "*", "backtick" }, 1, a);
    std::string d = bytes_arg(a[0]);
    bool backtick = a[1] && py_truthy(a[1]);
    if (d.size() > 45)
        raise_error("At most 45 bytes at once");
    auto enc = [&](unsigned v) { return static_cast<char>(backtick && v == 0 ? '`' : ' ' + v); };
    std::string out;
    out.push_back(enc(static_cast<unsigned>(d.size())));
    for (size_t i = 0; i < d.size(); i += 3) {
        unsigned v = static_cast<unsigned char>(d[i]) << 16;
        if (i + 1 < d.size())
            v |= static_cast<unsigned char>(d[i + 1]) << 8;
        if (i + 2 < d.size())
            v |= static_cast<unsigned char>(d[i + 2]);
        out.push_back(enc(v >> 18));
        out.push_back(enc((v >> 12) & 63));
        out.push_back(enc((v >> 6) & 63));
        out.push_back(enc(v & 63));
    }
    out.push_back('\n');
    return bytes_new(out);
}

// --- CRCs ----------------------------------------------------------------------------------------

uint32_t crc32_update(uint32_t crc, std::string const& d)
{
    static uint32_t table[256];
    static bool ready = false;
    if (!ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        ready = true;
    }
    crc = ~crc;
    for (char ch : d)
        crc = table[(crc ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

// The unsigned value of an int argument reduced modulo 2**bits (CPython masks crc arguments).
uint32_t masked_arg(Value v, unsigned bits)
{
    Value idx = py_number_index(v);
    Value mask = int_from_u64((uint64_t(1) << bits) - 1);
    Value r = py_binary_op(idx, mask, NB_AND);
    int64_t out = 0;
    int_to_i64(r, &out);
    return static_cast<uint32_t>(out);
}

Value b_crc32(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("crc32", args, nargs, kw, { "data", "crc", "/" }, 1, a);
    std::string d = bytes_arg(a[0]);
    uint32_t crc = a[1] ? masked_arg(a[1], 32) : 0;
    return int_from_u64(crc32_update(crc, d));
}

Value b_crc_hqx(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("crc_hqx", args, nargs, kw, { "data", "crc", "/" }, 2, a);
    std::string d = bytes_arg(a[0]);
    uint32_t crc = masked_arg(a[1], 16);
    for (char ch : d) {
        crc ^= static_cast<uint32_t>(static_cast<unsigned char>(ch)) << 8;
        for (int k = 0; k < 8; k++)
            crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
    }
    return int_from_u64(crc);
}

MethodDef const module_methods[] = {
    { "hexlify", b_hexlify },
    { "b2a_hex", b_b2a_hex },
    { "unhexlify", b_unhexlify },
    { "a2b_hex", b_a2b_hex },
    { "a2b_base64", b_a2b_base64 },
    { "b2a_base64", b_b2a_base64 },
    { "a2b_uu", b_a2b_uu },
    { "b2a_uu", b_b2a_uu },
    { "crc32", b_crc32 },
    { "crc_hqx", b_crc_hqx },
    { nullptr, nullptr },
};

Value make_exception_class(char const* name, Type* base)
{
    DictObject* ns = dict_new();
    dict_set_str(ns, names::__module__, str_from_ascii("binascii"));
    return type_new(&type_type, intern(name), tuple_of({ Value(base) }), ns, nullptr);
}

} // namespace

ModuleObject* init_binascii_module()
{
    if (!s_error) {
        s_error = make_exception_class("Error", &exc::ValueError);
        gc::add_root(&s_error);
        s_incomplete = make_exception_class("Incomplete", &exc::Exception);
        gc::add_root(&s_incomplete);
    }
    ModuleObject* m = module_new("binascii");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, str_from_ascii("Conversion between binary data and ASCII"));
    for (MethodDef const* def = module_methods; def->name; def++)
        dict_set_cstr(d, def->name, builtin_function_new(def, m));
    dict_set_cstr(d, "Error", s_error);
    dict_set_cstr(d, "Incomplete", s_incomplete);
    return m;
}

} // namespace pystm
