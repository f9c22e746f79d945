// The _json module, limited to the pieces whose behaviour differs from json's pure-Python
// fallbacks: scanstring (CPython's C scanner reports JSONDecodeError with its own messages and
// positions, which json.decoder then uses for every string) and encode_basestring /
// encode_basestring_ascii (string escaping for the encoder). make_scanner and make_encoder are
// absent, so json falls back to its pure-Python scanner and encoder for everything else.
//
// Invariants: none beyond the argument checks; the functions keep no state.
#include "modules/builtin_modules.h"
#include "objects/api.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "vm/import.h"
#include <string>

namespace pystm {

ModuleObject* init_json_module();

namespace {

[[noreturn]] void decode_error(char const* msg, StrObject* doc, int64_t pos)
{
    Value decoder = import_module("json.decoder");
    Value cls = py_getattr(decoder, intern("JSONDecodeError"));
    Value args[3] = { str_from_ascii(msg), doc, int_from_i64(pos) };
    raise_value(py_call(cls, args, 3));
}

int hex_value(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'f')
        return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return static_cast<int>(c - 'A' + 10);
    return -1;
}

// The four hex digits at [at], or -1 if any is not a hex digit.
int64_t hex4(StrObject* s, int64_t at)
{
    int64_t v = 0;
    for (int64_t i = at; i < at + 4; i++) {
        int h = hex_value(s->at(i));
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

Value j_scanstring(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("scanstring", args, nargs, kw, { "string", "end", "strict", "/" }, 2, a);
    if (!is_str(a[0]))
        raise(&exc::TypeError, "first argument must be a string, not %s", type_name(a[0]).c_str());
    StrObject* s = a[0].as<StrObject>();
    int64_t end = py_index_i64(a[1]);
    bool strict = a[2] ? py_truthy(a[2]) : true;
    int64_t len = s->m_length;
    if (end < 0 || end > len)
        raise(&exc::ValueError, "end is out of bounds");
    int64_t begin = end - 1;
    std::u32string out;
    for (;;) {
        int64_t i = end;
        uint32_t c = 0;
        for (; i < len; i++) {
            c = s->at(i);
            if (c == '"' || c == '\\')
                break;
            if (c <= 0x1f && strict)
                decode_error("Invalid control character at", s, i);
            out.push_back(c);
        }
        if (i >= len)
            decode_error("Unterminated string starting at", s, begin);
        if (c == '"') {
            end = i + 1;
            break;
        }
        int64_t next = i + 1;
        if (next >= len)
            decode_error("Unterminated string starting at", s, begin);
        c = s->at(next);
        if (c != 'u') {
            end = next + 1;
            switch (c) {
            case '"': case '\\': case '/': break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            default: decode_error("Invalid \\escape", s, end - 2);
            }
            out.push_back(c);
            continue;
        }
        next++;
        end = next + 4;
        if (end >= len)
            decode_error("Invalid \\uXXXX escape", s, next - 1);
        int64_t v = hex4(s, next);
        if (v < 0)
            decode_error("Invalid \\uXXXX escape", s, end - 5);
        // A high surrogate followed by an escaped low surrogate is one code point.
        if (v >= 0xd800 && v <= 0xdbff && end + 6 < len && s->at(end) == '\\' && s->at(end + 1) == 'u') {
            int64_t v2 = hex4(s, end + 2);
            if (v2 < 0)
                decode_error("Invalid \\uXXXX escape", s, end + 1);
            if (v2 >= 0xdc00 && v2 <= 0xdfff) {
                v = 0x10000 + (((v - 0xd800) << 10) | (v2 - 0xdc00));
                end += 6;
            }
        }
        out.push_back(static_cast<char32_t>(v));
    }
    StrObject* r = str_from_codepoints(reinterpret_cast<uint32_t const*>(out.data()), out.size());
    return tuple_of({ r, int_from_i64(end) });
}

void put_u(std::string& out, uint32_t c)
{
    static char const hex[] = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out.push_back(hex[(c >> shift) & 15]);
}

// Escapes [s] as a JSON string literal; [ascii]: also escape everything outside ASCII.
Value encode(Value v, bool ascii)
{
    if (!is_str(v))
        raise(&exc::TypeError, "first argument must be a string, not %s", type_name(v).c_str());
    StrObject* s = v.as<StrObject>();
    std::string out = "\"";
    std::u32string wide;
    for (int64_t i = 0; i < s->m_length; i++) {
        uint32_t c = s->at(i);
        switch (c) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        case '\b': out += "\\b"; continue;
        case '\f': out += "\\f"; continue;
        default: break;
        }
        if (c < 0x20 || (ascii && c >= 0x7f)) {
            if (c >= 0x10000) {
                uint32_t v2 = c - 0x10000;
                put_u(out, 0xd800 | (v2 >> 10));
                put_u(out, 0xdc00 | (v2 & 0x3ff));
            } else {
                put_u(out, c);
            }
        } else if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else {
            // Non-ASCII is kept as is (encode_basestring): flush what we have as code points.
            if (wide.empty())
                wide.reserve(static_cast<size_t>(s->m_length) + 2);
            for (unsigned char b : out)
                wide.push_back(b);
            out.clear();
            wide.push_back(c);
        }
    }
    out += "\"";
    if (wide.empty())
        return str_from_ascii(out);
    for (unsigned char b : out)
        wide.push_back(b);
    return str_from_codepoints(reinterpret_cast<uint32_t const*>(wide.data()), wide.size());
}

Value j_encode_basestring_ascii(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("encode_basestring_ascii", nargs, kw, 1, 1);
    return encode(args[0], true);
}

Value j_encode_basestring(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("encode_basestring", nargs, kw, 1, 1);
    return encode(args[0], false);
}

MethodDef const json_functions[] = {
    { "scanstring", j_scanstring },
    { "encode_basestring_ascii", j_encode_basestring_ascii },
    { "encode_basestring", j_encode_basestring },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* init_json_module()
{
    ModuleObject* m = module_new("_json");
    for (MethodDef const* d = json_functions; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    return m;
}

} // namespace pystm
