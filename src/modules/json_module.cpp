// The _json module, limited to the pieces whose behaviour differs from json's pure-Python
// fallbacks or that dominate its cost: scanstring (CPython's C scanner reports JSONDecodeError
// with its own messages and positions, which json.decoder then uses for every string),
// encode_basestring / encode_basestring_ascii (string escaping), and make_encoder (the one-shot
// encoder json.dumps uses when indent is None, with the C encoder's messages) and make_scanner
// (the scanner json.loads uses: the same grammar, hooks and error positions as json.scanner).
//
// Invariants: an encoder's or scanner's parameters are set once at construction and only read
// afterwards (no barriers needed); they are traced by the type's trace function. A scanner's
// key memo is a fresh dict per call, so concurrent calls share nothing mutable.
#include "modules/builtin_modules.h"
#include "objects/api.h"
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/float_object.h"
#include "objects/list_object.h"
#include "objects/type_object.h"
#include "objects/exceptions.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "vm/import.h"
#include <cmath>
#include <string>

namespace pystm {

ModuleObject* init_json_module();
void setup_json_types();
void init_json_types();

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
    // end converts before the string is checked (CPython's argument parsing comes first).
    int64_t end = py_ssize_arg(a[1]);
    if (!is_str(a[0]))
        raise(&exc::TypeError, "first argument must be a string, not %s", type_name(a[0]).c_str());
    StrObject* s = a[0].as<StrObject>();
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

// --- make_encoder --------------------------------------------------------------------------------

Type encoder_type { &type_type };

struct EncoderObject : Object {
    Value m_markers; // dict id -> object, or None
    Value m_default;
    Value m_encoder; // str -> JSON string literal
    Value m_indent;
    Value m_key_separator;
    Value m_item_separator;
    bool m_sort_keys = false;
    bool m_skipkeys = false;
    bool m_allow_nan = true;
    bool m_fast_encode = false; // m_encoder is our encode_basestring(_ascii)
    bool m_fast_ascii = false;
    explicit EncoderObject(Type* t) : Object(t) { }
};

void encoder_trace(Object* o, gc::Tracer& t)
{
    auto* e = static_cast<EncoderObject*>(o);
    for (Value v : { e->m_markers, e->m_default, e->m_encoder, e->m_indent, e->m_key_separator, e->m_item_separator })
        t.visit(v);
}

Value encoder_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "make_encoder.__new__(X): X is not a type object");
    Value a[9];
    parse_args("make_encoder", args + 1, nargs - 1, kw,
        { "markers", "default", "encoder", "indent", "key_separator", "item_separator", "sort_keys", "skipkeys",
            "allow_nan" },
        9, a);
    if (!is_none(a[0]) && !is_dict(a[0]))
        raise(&exc::TypeError, "make_encoder() argument 1 must be dict or None, not %s", type_name(a[0]).c_str());
    if (!is_str(a[4]))
        raise(&exc::TypeError, "make_encoder() argument 5 must be str, not %s", type_name(a[4]).c_str());
    if (!is_str(a[5]))
        raise(&exc::TypeError, "make_encoder() argument 6 must be str, not %s", type_name(a[5]).c_str());
    auto* e = gc::make<EncoderObject>(args[0].as<Type>());
    e->m_markers = a[0];
    e->m_default = a[1];
    e->m_encoder = a[2];
    e->m_indent = a[3];
    e->m_key_separator = a[4];
    e->m_item_separator = a[5];
    e->m_sort_keys = py_truthy(a[6]);
    e->m_skipkeys = py_truthy(a[7]);
    e->m_allow_nan = py_truthy(a[8]);
    if (a[2].is_object() && a[2].as_object()->m_type == &builtin_function_type) {
        NativeFn fn = a[2].as<BuiltinFunction>()->m_fn;
        e->m_fast_encode = fn == j_encode_basestring_ascii || fn == j_encode_basestring;
        e->m_fast_ascii = fn == j_encode_basestring_ascii;
    }
    return e;
}

Value encode_string(EncoderObject* e, Value s)
{
    if (e->m_fast_encode)
        return encode(s, e->m_fast_ascii);
    Value r = py_call1(e->m_encoder, s);
    if (!is_str(r))
        raise(&exc::TypeError, "encoder() must return a string, not %s", type_name(r).c_str());
    return r;
}

Value encode_float(EncoderObject* e, Value o)
{
    double d = py_float_as_double(o);
    if (!std::isfinite(d)) {
        if (!e->m_allow_nan)
            raise(&exc::ValueError, "Out of range float values are not JSON compliant");
        return str_from_ascii(std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
    }
    return str_from_ascii(float_repr(d));
}

Value encode_int(Value o)
{
    // int.__repr__ even for subclasses (IntEnum members encode as their value).
    return py_repr(py_number_int(o));
}

// id(o) as a markers key, or null when markers are off.
Value marker_push(EncoderObject* e, Value o)
{
    if (is_none(e->m_markers))
        return Value();
    Value ident = int_from_u64(reinterpret_cast<uintptr_t>(o.as_object()));
    DictObject* m = e->m_markers.as<DictObject>();
    if (dict_get(m, ident))
        raise(&exc::ValueError, "Circular reference detected");
    py_setitem(m, ident, o);
    return ident;
}

void marker_pop(EncoderObject* e, Value ident)
{
    if (ident)
        py_delitem(e->m_markers, ident);
}

void encode_obj(EncoderObject* e, ListObject* out, Value o, int64_t level);

void encode_dict(EncoderObject* e, ListObject* out, Value o, int64_t level)
{
    if ((is_list(o) ? list_size(o.as<ListObject>()) : o.as<TupleObject>()->m_size) == 0) {
        list_append(out, str_from_ascii("{}"));
        return;
    }
    Value ident = marker_push(e, o);
    if (!is_none(e->m_indent))
        raise(&exc::NotImplementedError, "make_encoder with indent is not supported (json uses its Python encoder)");
    list_append(out, str_from_ascii("{"));
    Value items = py_list_from_iterable(py_call_method(o, intern("items"), nullptr, 0));
    if (e->m_sort_keys)
        py_call_method(items, intern("sort"), nullptr, 0);
    bool first = true;
    Value it = py_iter(items);
    while (Value item = py_next(it)) {
        if (!is_tuple(item) || item.as<TupleObject>()->m_size != 2)
            raise(&exc::ValueError, "items must return 2-tuples");
        Value key = item.as<TupleObject>()->item(0);
        Value value = item.as<TupleObject>()->item(1);
        Value kstr;
        if (is_str(key))
            kstr = key;
        else if (is_float(key))
            kstr = encode_float(e, key);
        else if (key == py_bool(true) || key == py_bool(false) || is_none(key))
            kstr = str_from_ascii(is_none(key) ? "null" : key == py_bool(true) ? "true" : "false");
        else if (is_int(key))
            kstr = encode_int(key);
        else if (e->m_skipkeys)
            continue;
        else
            raise(&exc::TypeError, "keys must be str, int, float, bool or None, not %s", type_name(key).c_str());
        if (!first)
            list_append(out, e->m_item_separator);
        first = false;
        list_append(out, encode_string(e, kstr));
        list_append(out, e->m_key_separator);
        encode_obj(e, out, value, level);
    }
    marker_pop(e, ident);
    list_append(out, str_from_ascii("}"));
}

void encode_list(EncoderObject* e, ListObject* out, Value o, int64_t level)
{
    // A list is walked in place by index, as CPython's encoder does: default() may shrink it
    // while it is encoded, and the items gone by then are not written.
    if ((is_list(o) ? list_size(o.as<ListObject>()) : o.as<TupleObject>()->m_size) == 0) {
        list_append(out, str_from_ascii("[]"));
        return;
    }
    Value ident = marker_push(e, o);
    if (!is_none(e->m_indent))
        raise(&exc::NotImplementedError, "make_encoder with indent is not supported (json uses its Python encoder)");
    list_append(out, str_from_ascii("["));
    for (int64_t i = 0;; i++) {
        Value item;
        if (is_list(o)) {
            ListObject* l = o.as<ListObject>();
            if (i >= list_size(l))
                break;
            item = list_get(l, i);
        } else {
            TupleObject* t = o.as<TupleObject>();
            if (i >= t->m_size)
                break;
            item = t->item(i);
        }
        if (i > 0)
            list_append(out, e->m_item_separator);
        encode_obj(e, out, item, level);
    }
    marker_pop(e, ident);
    list_append(out, str_from_ascii("]"));
}

void encode_obj(EncoderObject* e, ListObject* out, Value o, int64_t level)
{
    if (is_none(o))
        list_append(out, str_from_ascii("null"));
    else if (o == py_bool(true))
        list_append(out, str_from_ascii("true"));
    else if (o == py_bool(false))
        list_append(out, str_from_ascii("false"));
    else if (is_str(o))
        list_append(out, encode_string(e, o));
    else if (is_int(o))
        list_append(out, encode_int(o));
    else if (is_float(o))
        list_append(out, encode_float(e, o));
    else if (is_list(o) || is_tuple(o)) {
        RecursionGuard guard(" while encoding a JSON object");
        encode_list(e, out, o, level);
    } else if (is_dict(o)) {
        RecursionGuard guard(" while encoding a JSON object");
        encode_dict(e, out, o, level);
    } else {
        RecursionGuard guard(" while encoding a JSON object");
        Value ident = marker_push(e, o);
        Value repl = py_call1(e->m_default, o);
        encode_obj(e, out, repl, level);
        marker_pop(e, ident);
    }
}

Value encoder_call(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("_iterencode", args, nargs, kw, { "obj", "_current_indent_level" }, 2, a);
    auto* e = self.as<EncoderObject>();
    ListObject* out = list_new();
    encode_obj(e, out, a[0], py_index_i64(a[1]));
    return py_tuple_from_iterable(out);
}

MethodDef const encoder_methods[] = {
    { "__new__", encoder_new, METH_STATIC },
    { "__call__", encoder_call },
    { nullptr, nullptr },
};

// --- make_scanner --------------------------------------------------------------------------------

Type scanner_type { &type_type };

struct ScannerObject : Object {
    Value m_strict; // bool
    Value m_object_hook;
    Value m_object_pairs_hook;
    Value m_parse_float;
    Value m_parse_int;
    Value m_parse_constant;
    explicit ScannerObject(Type* t) : Object(t) { }
};

void scanner_trace(Object* o, gc::Tracer& t)
{
    auto* sc = static_cast<ScannerObject*>(o);
    for (Value v : { sc->m_strict, sc->m_object_hook, sc->m_object_pairs_hook, sc->m_parse_float, sc->m_parse_int,
             sc->m_parse_constant })
        t.visit(v);
}

Value scanner_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "make_scanner.__new__(X): X is not a type object");
    Value a[1];
    parse_args("make_scanner", args + 1, nargs - 1, kw, { "context" }, 1, a);
    auto* sc = gc::make<ScannerObject>(args[0].as<Type>());
    Value ctx = a[0];
    sc->m_strict = py_bool(py_truthy(py_getattr(ctx, intern("strict"))));
    sc->m_object_hook = py_getattr(ctx, intern("object_hook"));
    sc->m_object_pairs_hook = py_getattr(ctx, intern("object_pairs_hook"));
    sc->m_parse_float = py_getattr(ctx, intern("parse_float"));
    sc->m_parse_int = py_getattr(ctx, intern("parse_int"));
    sc->m_parse_constant = py_getattr(ctx, intern("parse_constant"));
    return sc;
}

[[noreturn]] void stop_at(int64_t idx) { raise_value(exception_new(&exc::StopIteration, { int_from_i64(idx) })); }

struct Scan {
    ScannerObject* sc;
    StrObject* s;
    int64_t len;
    DictObject* memo;

    uint32_t at(int64_t i) const { return s->at(i); }
    int64_t skip_ws(int64_t i) const
    {
        while (i < len) {
            uint32_t c = at(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            i++;
        }
        return i;
    }
    bool matches(int64_t i, char const* word) const
    {
        for (; *word; word++, i++)
            if (i >= len || at(i) != static_cast<unsigned char>(*word))
                return false;
        return true;
    }

    Value string_at(int64_t idx, int64_t* next)
    {
        Value argv[3] = { s, int_from_i64(idx), sc->m_strict };
        Value r = j_scanstring(Value(), argv, 3, nullptr);
        TupleObject* t = r.as<TupleObject>();
        *next = py_index_i64(t->item(1));
        return t->item(0);
    }

    Value number(int64_t start, int64_t* next)
    {
        int64_t i = start;
        if (i < len && at(i) == '-')
            i++;
        if (i < len && at(i) >= '1' && at(i) <= '9') {
            while (i < len && at(i) >= '0' && at(i) <= '9')
                i++;
        } else if (i < len && at(i) == '0') {
            i++;
        } else {
            stop_at(start);
        }
        bool is_float = false;
        if (i + 1 < len && at(i) == '.' && at(i + 1) >= '0' && at(i + 1) <= '9') {
            is_float = true;
            i += 2;
            while (i < len && at(i) >= '0' && at(i) <= '9')
                i++;
        }
        if (i < len && (at(i) == 'e' || at(i) == 'E')) {
            int64_t e = i + 1;
            if (e < len && (at(e) == '-' || at(e) == '+'))
                e++;
            int64_t d = e;
            while (d < len && at(d) >= '0' && at(d) <= '9')
                d++;
            if (d > e) {
                is_float = true;
                i = d;
            }
        }
        *next = i;
        StrObject* text = str_substr(s, start, i);
        if (is_float) {
            if (sc->m_parse_float == Value(&float_type))
                return py_number_float(text);
            return py_call1(sc->m_parse_float, text);
        }
        if (sc->m_parse_int == Value(&int_type))
            return int_from_string(str_utf8(text), 10);
        return py_call1(sc->m_parse_int, text);
    }

    Value object(int64_t idx, int64_t* next)
    {
        RecursionGuard guard(" while decoding a JSON object from a unicode string");
        bool pairs = !is_none(sc->m_object_pairs_hook);
        ListObject* items = pairs ? list_new() : nullptr;
        DictObject* d = pairs ? nullptr : dict_new();
        idx = skip_ws(idx);
        if (idx < len && at(idx) == '}') {
            idx++;
        } else {
            for (;;) {
                if (idx >= len || at(idx) != '"')
                    decode_error("Expecting property name enclosed in double quotes", s, idx);
                Value key = string_at(idx + 1, &idx);
                Value known = dict_get(memo, key);
                if (known)
                    key = known;
                else
                    py_setitem(memo, key, key);
                idx = skip_ws(idx);
                if (idx >= len || at(idx) != ':')
                    decode_error("Expecting ':' delimiter", s, idx);
                idx = skip_ws(idx + 1);
                Value val = value(idx, &idx);
                if (pairs)
                    list_append(items, tuple_of({ key, val }));
                else
                    py_setitem(d, key, val);
                idx = skip_ws(idx);
                if (idx < len && at(idx) == '}') {
                    idx++;
                    break;
                }
                if (idx >= len || at(idx) != ',')
                    decode_error("Expecting ',' delimiter", s, idx);
                idx = skip_ws(idx + 1);
            }
        }
        *next = idx;
        if (pairs)
            return py_call1(sc->m_object_pairs_hook, items);
        if (!is_none(sc->m_object_hook))
            return py_call1(sc->m_object_hook, d);
        return d;
    }

    Value array(int64_t idx, int64_t* next)
    {
        RecursionGuard guard(" while decoding a JSON array from a unicode string");
        ListObject* out = list_new();
        idx = skip_ws(idx);
        if (idx < len && at(idx) == ']') {
            idx++;
        } else {
            for (;;) {
                list_append(out, value(idx, &idx));
                idx = skip_ws(idx);
                if (idx < len && at(idx) == ']') {
                    idx++;
                    break;
                }
                if (idx >= len || at(idx) != ',')
                    decode_error("Expecting ',' delimiter", s, idx);
                idx = skip_ws(idx + 1);
            }
        }
        *next = idx;
        return out;
    }

    // One value at [idx]; a value that cannot start there is StopIteration(idx), which json
    // turns into "Expecting value".
    Value value(int64_t idx, int64_t* next)
    {
        if (idx < 0)
            raise(&exc::ValueError, "idx cannot be negative");
        if (idx >= len)
            stop_at(idx);
        try {
            return value_at(idx, next);
        } catch (PyError&) {
            // Nested StopIteration means "Expecting value" at the nested position.
            if (!exception_matches(&exc::StopIteration))
                throw;
            Value e = take_exception();
            Value v = py_getattr(e, intern("value"));
            decode_error("Expecting value", s, py_index_i64(v));
        }
    }

    Value value_at(int64_t idx, int64_t* next)
    {
        uint32_t c = at(idx);
        switch (c) {
        case '"':
            return string_at(idx + 1, next);
        case '{':
            return object(idx + 1, next);
        case '[':
            return array(idx + 1, next);
        case 'n':
            if (matches(idx, "null")) {
                *next = idx + 4;
                return none();
            }
            break;
        case 't':
            if (matches(idx, "true")) {
                *next = idx + 4;
                return py_bool(true);
            }
            break;
        case 'f':
            if (matches(idx, "false")) {
                *next = idx + 5;
                return py_bool(false);
            }
            break;
        case 'N':
            if (matches(idx, "NaN")) {
                *next = idx + 3;
                return py_call1(sc->m_parse_constant, str_from_ascii("NaN"));
            }
            break;
        case 'I':
            if (matches(idx, "Infinity")) {
                *next = idx + 8;
                return py_call1(sc->m_parse_constant, str_from_ascii("Infinity"));
            }
            break;
        case '-':
            if (matches(idx, "-Infinity")) {
                *next = idx + 9;
                return py_call1(sc->m_parse_constant, str_from_ascii("-Infinity"));
            }
            break;
        default:
            break;
        }
        return number(idx, next);
    }
};

Value scanner_call(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("scan_once", args, nargs, kw, { "string", "idx" }, 2, a);
    if (!is_str(a[0]))
        raise(&exc::TypeError, "first argument must be a string, not %s", type_name(a[0]).c_str());
    Scan scan { self.as<ScannerObject>(), a[0].as<StrObject>(), a[0].as<StrObject>()->m_length, dict_new() };
    int64_t idx = py_index_i64(a[1]);
    if (idx < 0)
        raise(&exc::ValueError, "idx cannot be negative");
    if (idx >= scan.len)
        stop_at(idx);
    int64_t next = idx;
    // At the top level a value that cannot start stays StopIteration(idx) for json's caller.
    Value v = scan.value_at(idx, &next);
    return tuple_of({ v, int_from_i64(next) });
}

MethodDef const scanner_methods[] = {
    { "__new__", scanner_new, METH_STATIC },
    { "__call__", scanner_call },
    { nullptr, nullptr },
};

MethodDef const json_functions[] = {
    { "scanstring", j_scanstring },
    { "encode_basestring_ascii", j_encode_basestring_ascii },
    { "encode_basestring", j_encode_basestring },
    { nullptr, nullptr },
};

} // namespace

void setup_json_types()
{
    init_static_type(&encoder_type, "_json.make_encoder", nullptr, sizeof(EncoderObject), 0, encoder_trace);
    init_static_type(&scanner_type, "_json.Scanner", nullptr, sizeof(ScannerObject), 0, scanner_trace);
}

void init_json_types()
{
    add_methods(&encoder_type, encoder_methods);
    add_methods(&scanner_type, scanner_methods);
}

ModuleObject* init_json_module()
{
    ModuleObject* m = module_new("_json");
    for (MethodDef const* d = json_functions; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    dict_set_cstr(m->m_dict, "make_encoder", &encoder_type);
    dict_set_cstr(m->m_dict, "make_scanner", &scanner_type);
    return m;
}

} // namespace pystm
