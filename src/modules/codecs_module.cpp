// The _codecs module: the codec registry (register/unregister/lookup, encode/decode), the error
// handler registry (register_error/lookup_error and the standard handlers as builtin
// functions), and the codec functions that codecs.py and encodings/*.py call: the UTF-8/16/32,
// ASCII and Latin-1 codecs (backed by objects/codecs.h), UTF-7, the escape codecs and the
// charmap codecs behind the 8-bit encodings (cp1252, iso8859_*, ...).
//
// The registry is process-wide state, three GC roots (GC-1): the list of search functions, the
// cache of CodecInfo results by normalised name, and the dict of error handlers by name. The
// first lookup imports the `encodings` package, which registers its search function, as
// CPython's interpreter start-up does.
//
// Error handlers: the escape, charmap and UTF-7 codecs honour every registered handler. The
// UTF-8/16/32 and ASCII/Latin-1 codecs of objects/codecs.h know only the standard handler names.
// charmap_build returns a dict (CPython returns a dict for short tables and an EncodingMap
// object for 256-entry ones; both are accepted by charmap_encode).
#include "base/unicode_names.h"
#include "base/utf8.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_object.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/import.h"
#include "vm/transaction.h"
#include <string>
#include <vector>

namespace pystm {

namespace {

Value s_search_functions; // ListObject
Value s_codec_cache; // DictObject: normalised name -> CodecInfo
Value s_error_handlers; // DictObject: name -> callable
bool s_encodings_imported = false;

ListObject* search_functions() { return s_search_functions.as<ListObject>(); }
DictObject* codec_cache() { return s_codec_cache.as<DictObject>(); }
DictObject* error_handlers() { return s_error_handlers.as<DictObject>(); }

// --- argument helpers ------------------------------------------------------------------------

// The bytes of a bytes-like argument (bytes, bytearray, memoryview).
std::string buffer_arg(Value v)
{
    std::string tmp;
    return std::string(need_buffer(v, tmp));
}

StrObject* str_arg(char const* fname, int pos, Value v)
{
    if (!is_str(v))
        raise(&exc::TypeError, "%s() argument %d must be str, not %s", fname, pos, type_name(v).c_str());
    return v.as<StrObject>();
}

std::string errors_arg(char const* fname, int pos, Value v)
{
    if (!v || is_none(v))
        return "strict";
    if (!is_str(v))
        raise(&exc::TypeError, "%s() argument %d must be str or None, not %s", fname, pos, type_name(v).c_str());
    return str_utf8(v.as<StrObject>());
}

// Positional-only arguments [min, max] of codec function [fname] into out[] (unset: null).
void positional(char const* fname, Value const* args, size_t nargs, TupleObject* kw, size_t min, size_t max, Value* out)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "%s() takes no keyword arguments", fname);
    if (nargs < min || nargs > max) {
        if (min == max)
            raise(&exc::TypeError, "%s expected %zu argument%s, got %zu", fname, min, min == 1 ? "" : "s", nargs);
        if (nargs < min)
            raise(&exc::TypeError, "%s expected at least %zu argument%s, got %zu", fname, min, min == 1 ? "" : "s", nargs);
        raise(&exc::TypeError, "%s expected at most %zu argument%s, got %zu", fname, max, max == 1 ? "" : "s", nargs);
    }
    for (size_t i = 0; i < max; i++)
        out[i] = i < nargs ? args[i] : Value();
}

bool bool_arg(Value v, bool dflt) { return v ? py_truthy(v) : dflt; }

Value pair(Value a, int64_t n) { return tuple_of({ a, int_from_i64(n) }); }

StrObject* from_cps(std::vector<uint32_t> const& cps) { return str_from_codepoints(cps.data(), cps.size()); }

// --- the registries ------------------------------------------------------------------------------

// CPython's encoding-name normalisation: lower case, runs of characters other than ASCII
// letters, digits and '.' become one '_' (none at the start).
std::string normalize_encoding(std::string_view name)
{
    std::string out;
    bool punct = false;
    for (char ch : name) {
        unsigned char c = static_cast<unsigned char>(ch);
        bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (alnum || c == '.') {
            if (punct && !out.empty())
                out.push_back('_');
            punct = false;
            out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
        } else {
            punct = true;
        }
    }
    return out;
}

Value codec_lookup(StrObject* encoding)
{
    if (!s_encodings_imported) {
        // The flag is C++ state that an abort would not reset while the import it guards (which
        // registers the search function) would be undone: the first lookup is inevitable.
        vm::transaction_irreversible();
        s_encodings_imported = true;
        import_module("encodings");
    }
    std::string norm = normalize_encoding(str_utf8(encoding));
    Value key(str_from_utf8(norm));
    if (Value hit = dict_get(codec_cache(), key))
        return hit;
    gc::RootedValues funcs;
    list_snapshot(search_functions(), funcs);
    for (Value f : funcs) {
        Value r = py_call(f, &key, 1);
        if (is_none(r))
            continue;
        if (!is_tuple(r) || r.as<TupleObject>()->m_size != 4)
            raise(&exc::TypeError, "codec search functions must return 4-tuples");
        dict_set(codec_cache(), key, r);
        return r;
    }
    raise(&exc::LookupError, "unknown encoding: %s", str_utf8(encoding).c_str());
}

Value error_handler(std::string const& name)
{
    Value h = dict_get(error_handlers(), Value(str_from_utf8(name)));
    if (!h)
        raise(&exc::LookupError, "unknown error handler name '%s'", name.c_str());
    return h;
}

// Calls the error handler [errors] on [exc]; returns (replacement, new position), the position
// normalised against [length] (negative counts from the end; IndexError when out of range).
// With [object], a decoder's input: the handler may have replaced exc.object, which the
// decoder then goes on with (as CPython), and the position is checked against it.
std::pair<Value, int64_t> call_handler(std::string const& errors, Value exc, int64_t length,
    bool encoding, std::string* object = nullptr)
{
    Value h = error_handler(errors);
    Value r = py_call(h, &exc, 1);
    if (object) {
        Value o = py_getattr(exc, str_from_ascii("object"));
        if (!is_bytes(o))
            raise(&exc::TypeError, "exception attribute object must be bytes");
        *object = std::string(o.as<BytesObject>()->view());
        length = static_cast<int64_t>(object->size());
    }
    bool ok = is_tuple(r) && r.as<TupleObject>()->m_size == 2;
    Value rep = ok ? r.as<TupleObject>()->item(0) : Value();
    if (ok && !(is_str(rep) || (encoding && is_bytes(rep))))
        ok = false;
    if (!ok || !type_of(r.as<TupleObject>()->item(1))->has_flag(TF_INT_SUBCLASS)) {
        if (encoding)
            raise(&exc::TypeError, "encoding error handler must return (str/bytes, int) tuple");
        raise(&exc::TypeError, "decoding error handler must return (str, int) tuple");
    }
    int64_t pos = py_index_i64(r.as<TupleObject>()->item(1));
    if (pos < 0)
        pos += length;
    if (pos < 0 || pos > length)
        raise(&exc::IndexError, "position %lld from error handler out of bounds", static_cast<long long>(pos));
    return { rep, pos };
}

// A decoding error in data[start, end): the handler's replacement is appended to [out]; returns
// the position to resume at.
int64_t decode_error(std::string const& errors, char const* enc, std::string const& data,
    int64_t start, int64_t end, char const* reason, std::vector<uint32_t>& out,
    std::string* object = nullptr)
{
    Value exc = exception_new(&exc::UnicodeDecodeError,
        { Value(str_from_ascii(enc)), Value(bytes_new(data)), int_from_i64(start), int_from_i64(end), Value(str_from_ascii(reason)) });
    if (errors == "strict")
        raise_value(exc);
    auto [rep, pos] = call_handler(errors, exc, static_cast<int64_t>(data.size()), false, object);
    StrObject* s = rep.as<StrObject>();
    for (int64_t i = 0; i < s->m_length; i++)
        out.push_back(s->at(i));
    return pos;
}

// --- error handlers as Python functions ------------------------------------------------------------

enum class ErrKind { Encode, Decode, Translate, Other };

ErrKind err_kind(Value e)
{
    if (isinstance(e, &exc::UnicodeEncodeError))
        return ErrKind::Encode;
    if (isinstance(e, &exc::UnicodeDecodeError))
        return ErrKind::Decode;
    if (isinstance(e, &exc::UnicodeTranslateError))
        return ErrKind::Translate;
    return ErrKind::Other;
}

[[noreturn]] void cannot_handle(Value e)
{
    if (!is_exception(e))
        raise(&exc::TypeError, "don't know how to handle %s in error callback", type_name(e).c_str());
    raise(&exc::TypeError, "don't know how to handle %s in error callback", type_name(e).c_str());
}

int64_t attr_int(Value e, char const* name) { return py_index_i64(py_getattr(e, str_from_ascii(name))); }
Value attr(Value e, char const* name) { return py_getattr(e, str_from_ascii(name)); }

Value one_arg(char const* fname, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs(fname, nargs, kw, 1, 1);
    return args[0];
}

Value h_strict(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value e = one_arg("strict_errors", args, nargs, kw);
    if (!is_exception(e))
        raise(&exc::TypeError, "codec must pass exception instance");
    raise_value(e);
}

Value h_ignore(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value e = one_arg("ignore_errors", args, nargs, kw);
    if (err_kind(e) == ErrKind::Other)
        cannot_handle(e);
    return pair(str_empty(), attr_int(e, "end"));
}

Value h_replace(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value e = one_arg("replace_errors", args, nargs, kw);
    ErrKind k = err_kind(e);
    if (k == ErrKind::Other)
        cannot_handle(e);
    int64_t start = attr_int(e, "start"), end = attr_int(e, "end");
    std::vector<uint32_t> out;
    if (k == ErrKind::Decode)
        out.push_back(0xFFFD);
    else
        out.assign(static_cast<size_t>(std::max<int64_t>(end - start, 0)), k == ErrKind::Encode ? '?' : 0xFFFD);
    return pair(from_cps(out), end);
}

void push_ascii(std::vector<uint32_t>& out, std::string const& s)
{
    for (char c : s)
        out.push_back(static_cast<unsigned char>(c));
}

std::string hex_escape(uint32_t c)
{
    char buf[16];
    if (c < 0x100)
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
    else if (c < 0x10000)
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
    else
        std::snprintf(buf, sizeof buf, "\\U%08x", c);
    return buf;
}

Value h_backslashreplace(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value e = one_arg("backslashreplace_errors", args, nargs, kw);
    ErrKind k = err_kind(e);
    if (k == ErrKind::Other)
        cannot_handle(e);
    int64_t start = attr_int(e, "start"), end = attr_int(e, "end");
    std::vector<uint32_t> out;
    Value obj = attr(e, "object");
    if (k == ErrKind::Decode) {
        std::string data = buffer_arg(obj);
        for (int64_t i = std::max<int64_t>(start, 0); i < end && i < static_cast<int64_t>(data.size()); i++)
            push_ascii(out, hex_escape(static_cast<unsigned char>(data[static_cast<size_t>(i)])));
    } else {
        StrObject* s = str_arg("backslashreplace_errors", 1, obj);
        for (int64_t i = std::max<int64_t>(start, 0); i < end && i < s->m_length; i++)
            push_ascii(out, hex_escape(s->at(i)));
    }
    return pair(from_cps(out), end);
}

Value h_xmlcharrefreplace(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value e = one_arg("xmlcharrefreplace_errors", args, nargs, kw);
    if (err_kind(e) != ErrKind::Encode)
        cannot_handle(e);
    int64_t start = attr_int(e, "start"), end = attr_int(e, "end");
    StrObject* s = str_arg("xmlcharrefreplace_errors", 1, attr(e, "object"));
    std::vector<uint32_t> out;
    for (int64_t i = std::max<int64_t>(start, 0); i < end && i < s->m_length; i++)
        push_ascii(out, "&#" + std::to_string(s->at(i)) + ";");
    return pair(from_cps(out), end);
}

Value h_namereplace(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value e = one_arg("namereplace_errors", args, nargs, kw);
    if (err_kind(e) != ErrKind::Encode)
        cannot_handle(e);
    int64_t start = attr_int(e, "start"), end = attr_int(e, "end");
    StrObject* s = str_arg("namereplace_errors", 1, attr(e, "object"));
    std::vector<uint32_t> out;
    for (int64_t i = std::max<int64_t>(start, 0); i < end && i < s->m_length; i++) {
        std::string name;
        if (unicode::name_of(s->at(i), &name))
            push_ascii(out, "\\N{" + name + "}");
        else
            push_ascii(out, hex_escape(s->at(i)));
    }
    return pair(from_cps(out), end);
}

Value h_surrogateescape(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value e = one_arg("surrogateescape", args, nargs, kw);
    ErrKind k = err_kind(e);
    int64_t start = attr_int(e, "start"), end = attr_int(e, "end");
    if (k == ErrKind::Decode) {
        std::string data = buffer_arg(attr(e, "object"));
        std::vector<uint32_t> out;
        for (int64_t i = start; i < end && i < start + 4 && i < static_cast<int64_t>(data.size()); i++) {
            unsigned char b = static_cast<unsigned char>(data[static_cast<size_t>(i)]);
            if (b < 128)
                break;
            out.push_back(0xDC00 + b);
        }
        if (out.empty())
            raise_value(e);
        return pair(from_cps(out), start + static_cast<int64_t>(out.size()));
    }
    if (k == ErrKind::Encode) {
        StrObject* s = str_arg("surrogateescape", 1, attr(e, "object"));
        std::string out;
        for (int64_t i = start; i < end && i < s->m_length; i++) {
            uint32_t c = s->at(i);
            if (c < 0xDC80 || c > 0xDCFF)
                raise_value(e);
            out.push_back(static_cast<char>(c - 0xDC00));
        }
        return pair(bytes_new(out), end);
    }
    cannot_handle(e);
}

Value h_surrogatepass(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    // UTF-8 only here; the UTF-16/32 codecs of objects/codecs.h handle "surrogatepass" natively.
    Value e = one_arg("surrogatepass", args, nargs, kw);
    ErrKind k = err_kind(e);
    if (k == ErrKind::Other || k == ErrKind::Translate)
        cannot_handle(e);
    std::string enc = normalize_encoding(str_utf8(py_str(attr(e, "encoding"))));
    if (enc != "utf_8" && enc != "utf8")
        raise_value(e);
    int64_t start = attr_int(e, "start"), end = attr_int(e, "end");
    if (k == ErrKind::Encode) {
        StrObject* s = str_arg("surrogatepass", 1, attr(e, "object"));
        std::string out;
        for (int64_t i = start; i < end && i < s->m_length; i++) {
            uint32_t c = s->at(i);
            if (c < 0xD800 || c > 0xDFFF)
                raise_value(e);
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
        return pair(bytes_new(out), end);
    }
    std::string data = buffer_arg(attr(e, "object"));
    if (start + 3 > static_cast<int64_t>(data.size()))
        raise_value(e);
    auto b = [&](int64_t i) { return static_cast<unsigned char>(data[static_cast<size_t>(i)]); };
    if ((b(start) & 0xF0) != 0xE0 || (b(start + 1) & 0xC0) != 0x80 || (b(start + 2) & 0xC0) != 0x80)
        raise_value(e);
    uint32_t c = ((b(start) & 0x0F) << 12) | ((b(start + 1) & 0x3F) << 6) | (b(start + 2) & 0x3F);
    if (c < 0xD800 || c > 0xDFFF)
        raise_value(e);
    return pair(str_from_char(c), start + 3);
}

MethodDef const handler_defs[] = {
    { "strict_errors", h_strict, METH_DEFAULT, "Implements the 'strict' error handling, which raises a UnicodeError on coding errors." },
    { "ignore_errors", h_ignore, METH_DEFAULT, "Implements the 'ignore' error handling, which ignores malformed data and continues." },
    { "replace_errors", h_replace, METH_DEFAULT, "Implements the 'replace' error handling, which replaces malformed data with a replacement marker." },
    { "xmlcharrefreplace_errors", h_xmlcharrefreplace, METH_DEFAULT, "Implements the 'xmlcharrefreplace' error handling, which replaces an unencodable character with the appropriate XML character reference." },
    { "backslashreplace_errors", h_backslashreplace, METH_DEFAULT, "Implements the 'backslashreplace' error handling, which replaces malformed data with a backslashed escape sequence." },
    { "namereplace_errors", h_namereplace, METH_DEFAULT, "Implements the 'namereplace' error handling, which replaces an unencodable character with a \\N{...} escape sequence." },
    { "surrogateescape", h_surrogateescape },
    { "surrogatepass", h_surrogatepass },
    { nullptr, nullptr },
};
char const* const handler_names[] = { "strict", "ignore", "replace", "xmlcharrefreplace", "backslashreplace", "namereplace",
    "surrogateescape", "surrogatepass" };

// --- registry functions -----------------------------------------------------------------------------

Value c_register(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("register", nargs, kw, 1, 1);
    if (!py_callable(args[0]))
        raise(&exc::TypeError, "argument must be callable");
    list_append(search_functions(), args[0]);
    return none();
}

Value c_unregister(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("unregister", nargs, kw, 1, 1);
    ListObject* l = search_functions();
    for (int64_t i = 0; i < list_size(l); i++) {
        if (list_get(l, i) == args[0]) {
            gc::RootedValues items;
            list_snapshot(l, items);
            ListObject* kept = list_new();
            for (size_t j = 0; j < items.size(); j++)
                if (static_cast<int64_t>(j) != i)
                    list_append(kept, items[j]);
            s_search_functions = Value(kept);
            s_codec_cache = Value(dict_new()); // results of the removed function may be cached
            break;
        }
    }
    return none();
}

Value c_lookup(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("lookup", nargs, kw, 1, 1);
    return codec_lookup(str_arg("lookup", 1, args[0]));
}

// Re-raises the exception being handled, a codec's: as CPython's _PyErr_TrySetFromCause, one
// that holds nothing but its message (BaseException's __init__ and __new__, no argument or one
// str, no instance attributes) is replaced by one of the same type naming the codec, caused by
// it. [which] 0 = encoding, 1 = decoding.
[[noreturn]] void raise_codec_error(int which, std::string const& encoding)
{
    Value e = take_exception();
    Type* t = type_of(e);
    auto* be = e.as<BaseExceptionObject>();
    Type* base = &exc::BaseException;
    int64_t nargs = be->m_args ? be->m_args->m_size : 0;
    bool simple = t->special(SP_init) == base->special(SP_init)
        && t->special(SP_new) == base->special(SP_new)
        && (nargs == 0 || (nargs == 1 && is_exact_str(be->m_args->item(0))))
        && (!be->m_dict || dict_size(be->m_dict) == 0);
    if (!simple)
        raise_value(e);
    std::string msg = std::string(which ? "decoding" : "encoding") + " with '" + encoding
        + "' codec failed (" + t->name_str() + ": " + str_utf8(py_str(e)) + ")";
    Value ne = exception_new(t, { Value(str_from_utf8(msg)) });
    auto* nbe = ne.as<BaseExceptionObject>();
    nbe->m_cause = e;
    nbe->m_suppress_context = true;
    raise_value(ne);
}

// codecs.encode / codecs.decode: [which] 0 = encoder, 1 = decoder.
Value run_codec(char const* fname, int which, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args(fname, args, nargs, kw, { "obj", "encoding", "errors" }, 1, a);
    StrObject* encoding = a[1] ? str_arg(fname, 2, a[1]) : str_from_ascii("utf-8");
    if (a[2])
        str_arg(fname, 3, a[2]);
    Value info = codec_lookup(encoding);
    Value fn = info.as<TupleObject>()->item(which);
    Value r;
    try {
        Value argv[2] = { a[0], a[2] };
        r = py_call(fn, argv, a[2] ? 2 : 1);
    } catch (PyError&) {
        raise_codec_error(which, str_utf8(encoding));
    }
    if (!is_tuple(r) || r.as<TupleObject>()->m_size != 2)
        raise(&exc::TypeError, which ? "decoder must return a tuple (object,integer)" : "encoder must return a tuple (object, integer)");
    return r.as<TupleObject>()->item(0);
}

Value c_encode(Value, Value const* args, size_t nargs, TupleObject* kw) { return run_codec("encode", 0, args, nargs, kw); }
Value c_decode(Value, Value const* args, size_t nargs, TupleObject* kw) { return run_codec("decode", 1, args, nargs, kw); }

Value c_register_error(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    positional("register_error", args, nargs, kw, 2, 2, a);
    str_arg("register_error", 1, a[0]);
    if (!py_callable(a[1]))
        raise(&exc::TypeError, "handler must be callable");
    dict_set(error_handlers(), a[0], a[1]);
    return none();
}

Value c_lookup_error(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("lookup_error", nargs, kw, 1, 1);
    return error_handler(str_utf8(str_arg("lookup_error", 1, args[0])));
}

// --- the UTF, ASCII and Latin-1 codecs ------------------------------------------------------------

template <std::string (*Enc)(StrObject*, std::string_view)>
Value simple_encode(char const* fname, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    positional(fname, args, nargs, kw, 1, 2, a);
    StrObject* s = str_arg(fname, 1, a[0]);
    std::string errors = errors_arg(fname, 2, a[1]);
    return pair(bytes_new(Enc(s, errors)), s->m_length);
}

Value c_utf_8_encode(Value, Value const* a, size_t n, TupleObject* k) { return simple_encode<codecs::utf8_encode>("utf_8_encode", a, n, k); }
Value c_ascii_encode(Value, Value const* a, size_t n, TupleObject* k) { return simple_encode<codecs::ascii_encode>("ascii_encode", a, n, k); }
Value c_latin_1_encode(Value, Value const* a, size_t n, TupleObject* k) { return simple_encode<codecs::latin1_encode>("latin_1_encode", a, n, k); }

Value c_utf_8_decode(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    positional("utf_8_decode", args, nargs, kw, 1, 3, a);
    std::string data = buffer_arg(a[0]);
    std::string errors = errors_arg("utf_8_decode", 2, a[1]);
    int64_t consumed = 0;
    StrObject* s = codecs::utf8_decode(data, errors, bool_arg(a[2], false), &consumed);
    return pair(s, consumed);
}

Value c_ascii_decode(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    positional("ascii_decode", args, nargs, kw, 1, 2, a);
    std::string data = buffer_arg(a[0]);
    return pair(codecs::ascii_decode(data, errors_arg("ascii_decode", 2, a[1])), static_cast<int64_t>(data.size()));
}

Value c_latin_1_decode(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    positional("latin_1_decode", args, nargs, kw, 1, 2, a);
    std::string data = buffer_arg(a[0]);
    return pair(codecs::latin1_decode(data, errors_arg("latin_1_decode", 2, a[1])), static_cast<int64_t>(data.size()));
}

// UTF-16/32 encoders: [order] fixed (-1 LE, 1 BE) or taken from the byteorder argument (0).
Value utf_encode(char const* fname, bool wide, int order, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    positional(fname, args, nargs, kw, 1, order ? 2 : 3, a);
    StrObject* s = str_arg(fname, 1, a[0]);
    std::string errors = errors_arg(fname, 2, a[1]);
    int bo = order;
    if (!order && a[2]) {
        int64_t v = py_index_i64(a[2]);
        bo = v < 0 ? -1 : v > 0 ? 1 : 0;
    }
    std::string out = wide ? codecs::utf32_encode(s, errors, bo) : codecs::utf16_encode(s, errors, bo);
    return pair(bytes_new(out), s->m_length);
}

// UTF-16/32 decoders; [ex] selects the *_ex_decode signature (data, errors, byteorder, final)
// and result (str, consumed, byteorder).
Value utf_decode(char const* fname, bool wide, int order, bool ex, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[4];
    positional(fname, args, nargs, kw, 1, ex ? 4 : 3, a);
    std::string data = buffer_arg(a[0]);
    std::string errors = errors_arg(fname, 2, a[1]);
    int bo = order;
    bool final = false;
    if (ex) {
        if (a[2]) {
            int64_t v = py_index_i64(a[2]);
            bo = v < 0 ? -1 : v > 0 ? 1 : 0;
        }
        final = bool_arg(a[3], false);
    } else {
        final = bool_arg(a[2], false);
    }
    int64_t consumed = 0;
    StrObject* s = wide ? codecs::utf32_decode(data, errors, &bo, final, &consumed)
                        : codecs::utf16_decode(data, errors, &bo, final, &consumed);
    if (ex)
        return tuple_of({ Value(s), int_from_i64(consumed), Value::small_int(bo) });
    return pair(s, consumed);
}

#define UTF_FUNCS(NAME, WIDE)                                                                                     \
    Value c_##NAME##_encode(Value, Value const* a, size_t n, TupleObject* k) { return utf_encode(#NAME "_encode", WIDE, 0, a, n, k); } \
    Value c_##NAME##_le_encode(Value, Value const* a, size_t n, TupleObject* k) { return utf_encode(#NAME "_le_encode", WIDE, -1, a, n, k); } \
    Value c_##NAME##_be_encode(Value, Value const* a, size_t n, TupleObject* k) { return utf_encode(#NAME "_be_encode", WIDE, 1, a, n, k); } \
    Value c_##NAME##_decode(Value, Value const* a, size_t n, TupleObject* k) { return utf_decode(#NAME "_decode", WIDE, 0, false, a, n, k); } \
    Value c_##NAME##_le_decode(Value, Value const* a, size_t n, TupleObject* k) { return utf_decode(#NAME "_le_decode", WIDE, -1, false, a, n, k); } \
    Value c_##NAME##_be_decode(Value, Value const* a, size_t n, TupleObject* k) { return utf_decode(#NAME "_be_decode", WIDE, 1, false, a, n, k); } \
    Value c_##NAME##_ex_decode(Value, Value const* a, size_t n, TupleObject* k) { return utf_decode(#NAME "_ex_decode", WIDE, 0, true, a, n, k); }
UTF_FUNCS(utf_16, false)
UTF_FUNCS(utf_32, true)
#undef UTF_FUNCS

// --- UTF-7 (RFC 2152), as CPython writes and reads it --------------------------------------------
//
// Encoding: the characters of RFC 2152's sets D and O and TAB, LF, CR and SPACE stand for
// themselves; '+' outside a run is "+-"; everything else is written as UTF-16 code units in a
// base64 run opened by '+'. A run is closed by '-' only where the next byte would read as base64
// (or is '-') and at the end of the text. The encoder never fails (lone surrogates are code
// units like any other), so its errors argument is only checked.
// Decoding: every ASCII byte but '+' stands for itself; the errors are reported under the codec
// name "utf7" with CPython's reasons and positions (a run's errors span from its '+').

constexpr char k_base64_digits[]
    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool utf7_is_base64(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
        || c == '/';
}

uint32_t utf7_base64_value(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : 63;
}

// Written as itself by the encoder (outside and inside runs).
bool utf7_encodes_direct(uint32_t c)
{
    if (c == '\t' || c == '\n' || c == '\r')
        return true;
    return c >= ' ' && c < 127 && c != '+' && c != '\\' && c != '~';
}

std::string utf7_encode(StrObject* s, std::string_view)
{
    std::string out;
    bool in_run = false;
    int nbits = 0; // bits of [acc] not written yet (fewer than 6 between code units)
    uint32_t acc = 0;
    auto put_unit = [&](uint32_t unit) {
        acc = (acc << 16) | unit;
        nbits += 16;
        while (nbits >= 6) {
            nbits -= 6;
            out.push_back(k_base64_digits[(acc >> nbits) & 63]);
        }
        acc &= (1u << nbits) - 1;
    };
    auto flush_bits = [&] {
        if (nbits)
            out.push_back(k_base64_digits[(acc << (6 - nbits)) & 63]);
        nbits = 0;
        acc = 0;
    };
    for (int64_t i = 0; i < s->m_length; i++) {
        uint32_t c = s->at(i);
        if (utf7_encodes_direct(c)) {
            if (in_run) {
                flush_bits();
                in_run = false;
                if (utf7_is_base64(c) || c == '-')
                    out.push_back('-');
            }
            out.push_back(static_cast<char>(c));
            continue;
        }
        if (!in_run) {
            if (c == '+') {
                out += "+-";
                continue;
            }
            out.push_back('+');
            in_run = true;
        }
        if (c >= 0x10000) {
            put_unit(0xD800 | ((c - 0x10000) >> 10));
            put_unit(0xDC00 | (c & 0x3FF));
        } else {
            put_unit(c);
        }
    }
    flush_bits();
    if (in_run)
        out.push_back('-');
    return out;
}

// [final] false: a run still open at the end of [data] is left unconsumed (its text too).
StrObject* utf7_decode(
    std::string const& data, std::string const& errors, bool final, int64_t* consumed)
{
    std::vector<uint32_t> out;
    int64_t const n = static_cast<int64_t>(data.size());
    int64_t i = 0;
    bool in_run = false;
    int nbits = 0; // bits of [acc] not yet part of a code unit
    uint32_t acc = 0;
    uint32_t high = 0; // a high surrogate waiting for its low half
    int64_t run_start = 0; // where the last run's '+' is
    size_t run_out = 0; // out.size() when that run opened
    for (;;) {
        while (i < n) {
            uint32_t c = static_cast<unsigned char>(data[i]);
            char const* reason = nullptr;
            int64_t start = run_start;
            if (in_run) {
                if (utf7_is_base64(c)) {
                    acc = (acc << 6) | utf7_base64_value(c);
                    nbits += 6;
                    i++;
                    if (nbits < 16)
                        continue;
                    nbits -= 16;
                    uint32_t unit = acc >> nbits;
                    acc &= (1u << nbits) - 1;
                    if (high) {
                        if (unit >= 0xDC00 && unit <= 0xDFFF) {
                            out.push_back(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00));
                            high = 0;
                            continue;
                        }
                        out.push_back(high);
                        high = 0;
                    }
                    if (unit >= 0xD800 && unit <= 0xDBFF)
                        high = unit;
                    else
                        out.push_back(unit);
                    continue;
                }
                // A byte outside base64 ends the run; the bits left over must be padding, zeros.
                in_run = false;
                if (nbits >= 6) {
                    i++;
                    reason = "partial character in shift sequence";
                } else if (nbits > 0 && acc != 0) {
                    i++;
                    reason = "non-zero padding bits in shift sequence";
                } else {
                    // A lone high surrogate is kept before a byte that stands for itself (and
                    // dropped before '+' or a non-ASCII byte, as CPython does).
                    if (high && c < 128 && c != '+')
                        out.push_back(high);
                    high = 0;
                    if (c == '-')
                        i++; // the run's terminator; any other byte is decoded as usual
                    continue;
                }
            } else if (c == '+') {
                run_start = start = i;
                i++;
                if (i < n && data[i] == '-') {
                    i++;
                    out.push_back('+');
                    continue;
                }
                if (i < n && !utf7_is_base64(static_cast<unsigned char>(data[i]))) {
                    i++;
                    reason = "ill-formed sequence";
                } else {
                    in_run = true;
                    high = 0;
                    nbits = 0;
                    acc = 0;
                    run_out = out.size();
                    continue;
                }
            } else if (c < 128) {
                out.push_back(c);
                i++;
                continue;
            } else {
                start = i;
                i++;
                reason = "unexpected special character";
            }
            i = decode_error(errors, "utf7", data, start, i, reason, out);
        }
        if (in_run && final) {
            in_run = false;
            if (high || nbits >= 6 || (nbits > 0 && acc != 0)) {
                i = decode_error(
                    errors, "utf7", data, run_start, n, "unterminated shift sequence", out);
                if (i < n)
                    continue;
            }
        }
        break;
    }
    if (consumed) {
        *consumed = i;
        if (in_run) {
            *consumed = run_start;
            out.resize(run_out);
        }
    }
    return from_cps(out);
}

Value c_utf_7_encode(Value, Value const* a, size_t n, TupleObject* k)
{
    return simple_encode<utf7_encode>("utf_7_encode", a, n, k);
}

Value c_utf_7_decode(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    positional("utf_7_decode", args, nargs, kw, 1, 3, a);
    std::string data = buffer_arg(a[0]);
    std::string errors = errors_arg("utf_7_decode", 2, a[1]);
    bool final = bool_arg(a[2], false);
    int64_t consumed = static_cast<int64_t>(data.size());
    StrObject* s = utf7_decode(data, errors, final, final ? nullptr : &consumed);
    return pair(s, consumed);
}

// --- the escape codecs ----------------------------------------------------------------------------

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

Value c_unicode_escape_encode(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    positional("unicode_escape_encode", args, nargs, kw, 1, 2, a);
    StrObject* s = str_arg("unicode_escape_encode", 1, a[0]);
    errors_arg("unicode_escape_encode", 2, a[1]);
    std::string out;
    for (int64_t i = 0; i < s->m_length; i++) {
        uint32_t c = s->at(i);
        if (c == '\\')
            out += "\\\\";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c >= 0x20 && c < 0x7F)
            out.push_back(static_cast<char>(c));
        else
            out += hex_escape(c);
    }
    return pair(bytes_new(out), s->m_length);
}

Value c_raw_unicode_escape_encode(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    positional("raw_unicode_escape_encode", args, nargs, kw, 1, 2, a);
    StrObject* s = str_arg("raw_unicode_escape_encode", 1, a[0]);
    errors_arg("raw_unicode_escape_encode", 2, a[1]);
    std::string out;
    for (int64_t i = 0; i < s->m_length; i++) {
        uint32_t c = s->at(i);
        if (c < 0x100)
            out.push_back(static_cast<char>(c));
        else
            out += hex_escape(c);
    }
    return pair(bytes_new(out), s->m_length);
}

// The DeprecationWarning of CPython's escape decoders for the first invalid escape, whose text
// (after the backslash) starts [rest]: an octal escape above 0o377 or an unknown letter.
void warn_invalid_escape(std::string_view rest)
{
    unsigned char c = static_cast<unsigned char>(rest[0]);
    if (c >= '4' && c <= '7') {
        std::string digits(rest.substr(0, 3));
        warn_format(
            &exc::DeprecationWarning, 1, "invalid octal escape sequence '\\%s'", digits.c_str());
    } else {
        std::string ch;
        append_utf8(ch, c); // the byte as a code point, as CPython's %c
        warn_format(&exc::DeprecationWarning, 1, "invalid escape sequence '\\%s'", ch.c_str());
    }
}

// unicode_escape (raw false) and raw_unicode_escape (raw true) decoding.
Value escape_decode_text(char const* fname, bool raw, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    positional(fname, args, nargs, kw, 1, 3, a);
    std::string data = is_str(a[0]) ? str_utf8(a[0].as<StrObject>()) : buffer_arg(a[0]);
    std::string errors = errors_arg(fname, 2, a[1]);
    bool final = bool_arg(a[2], true);
    char const* enc = raw ? "rawunicodeescape" : "unicodeescape";
    int64_t n = static_cast<int64_t>(data.size());
    auto byte = [&](int64_t i) { return static_cast<unsigned char>(data[static_cast<size_t>(i)]); };
    std::vector<uint32_t> out;
    // The text of the first invalid escape after its '\\' (kept, as the input may change).
    std::string first_invalid;
    // A final decode reports the whole input as consumed, even one a handler replaced.
    int64_t const given = static_cast<int64_t>(data.size());
    auto done = [&](int64_t consumed) {
        Value r = pair(from_cps(out), final ? given : consumed);
        if (!first_invalid.empty())
            warn_invalid_escape(first_invalid);
        return r;
    };
    int64_t i = 0;
    // An error handler may replace the input (exc.object): its size is read again each time.
    while (i < (n = static_cast<int64_t>(data.size()))) {
        unsigned char c = byte(i);
        if (c != '\\') {
            out.push_back(c);
            i++;
            continue;
        }
        int64_t start = i;
        if (raw) {
            // \u escapes count only after an odd number of backslashes.
            int64_t j = i;
            while (j < n && byte(j) == '\\')
                j++;
            int64_t count = j - i;
            if (j >= n || (byte(j) != 'u' && byte(j) != 'U') || count % 2 == 0) {
                for (int64_t k = i; k < j; k++)
                    out.push_back('\\');
                if (j >= n && !final && count % 2 == 1) {
                    out.pop_back();
                    return done(j - 1);
                }
                i = j;
                continue;
            }
            for (int64_t k = 1; k < count; k++)
                out.push_back('\\');
            start = j - 1;
            i = j;
        } else {
            if (i + 1 >= n) {
                if (!final)
                    return done(start);
                i = decode_error(errors, enc, data, start, n, "\\ at end of string", out, &data);
                continue;
            }
            i++;
        }
        unsigned char e = byte(i++);
        int digits = 0;
        switch (e) {
        case 'x': digits = raw ? 0 : 2; break;
        case 'u': digits = 4; break;
        case 'U': digits = 8; break;
        default: break;
        }
        if (!digits) {
            switch (e) {
            case '\n': break;
            case '\\': out.push_back('\\'); break;
            case '\'': out.push_back('\''); break;
            case '"': out.push_back('"'); break;
            case 'a': out.push_back('\a'); break;
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'v': out.push_back('\v'); break;
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                uint32_t v = e - '0';
                for (int k = 0; k < 2 && i < n && byte(i) >= '0' && byte(i) <= '7'; k++)
                    v = v * 8 + (byte(i++) - '0');
                if (v > 0377 && first_invalid.empty())
                    first_invalid = data.substr(static_cast<size_t>(i - 3), 3);
                out.push_back(v);
                break;
            }
            case 'N': {
                int64_t j = i;
                char const* reason = "malformed \\N character escape";
                bool ok = false;
                if (j < n && byte(j) == '{') {
                    int64_t close = j + 1;
                    while (close < n && byte(close) != '}')
                        close++;
                    if (close < n && close > j + 1) {
                        std::u32string cp;
                        if (unicode::lookup(std::string_view(data).substr(static_cast<size_t>(j + 1), static_cast<size_t>(close - j - 1)), false, &cp)) {
                            out.push_back(static_cast<uint32_t>(cp[0]));
                            i = close + 1;
                            ok = true;
                        } else {
                            reason = "unknown Unicode character name";
                            i = close + 1;
                        }
                    } else {
                        if (close >= n && !final)
                            return done(start);
                        i = close < n ? close + 1 : n;
                    }
                }
                if (!ok)
                    i = decode_error(errors, enc, data, start, i, reason, out, &data);
                break;
            }
            default:
                // Unknown escapes stay as they are; CPython warns about the first.
                if (first_invalid.empty())
                    first_invalid = data.substr(static_cast<size_t>(i - 1), 1);
                out.push_back('\\');
                out.push_back(e);
                break;
            }
            continue;
        }
        uint32_t v = 0;
        int k = 0;
        for (; k < digits && i < n && hexval(byte(i)) >= 0; k++)
            v = v * 16 + static_cast<uint32_t>(hexval(byte(i++)));
        if (k < digits) {
            if (i >= n && !final)
                return done(start);
            char const* what = e == 'x' ? "truncated \\xXX escape" : e == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
            i = decode_error(errors, enc, data, start, i, what, out, &data);
            continue;
        }
        if (v > 0x10FFFF) {
            i = decode_error(errors, enc, data, start, i,
                raw ? "\\Uxxxxxxxx out of range" : "illegal Unicode character", out, &data);
            continue;
        }
        out.push_back(v);
    }
    return done(n);
}

Value c_unicode_escape_decode(Value, Value const* a, size_t n, TupleObject* k) { return escape_decode_text("unicode_escape_decode", false, a, n, k); }
Value c_raw_unicode_escape_decode(Value, Value const* a, size_t n, TupleObject* k) { return escape_decode_text("raw_unicode_escape_decode", true, a, n, k); }

Value c_escape_encode(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    positional("escape_encode", args, nargs, kw, 1, 2, a);
    if (!is_bytes(a[0]))
        raise(&exc::TypeError, "escape_encode() argument 1 must be bytes, not %s", type_name(a[0]).c_str());
    errors_arg("escape_encode", 2, a[1]);
    std::string_view d = a[0].as<BytesObject>()->view();
    std::string out;
    for (char ch : d) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c == '\'' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c >= 0x7F) {
            out += hex_escape(c);
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return pair(bytes_new(out), static_cast<int64_t>(d.size()));
}

Value c_escape_decode(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    positional("escape_decode", args, nargs, kw, 1, 2, a);
    std::string data = is_str(a[0]) ? str_utf8(a[0].as<StrObject>()) : buffer_arg(a[0]);
    std::string errors = errors_arg("escape_decode", 2, a[1]);
    size_t n = data.size();
    std::string out;
    size_t first_invalid = std::string::npos; // as in escape_decode_text
    for (size_t i = 0; i < n;) {
        char c = data[i];
        if (c != '\\') {
            out.push_back(c);
            i++;
            continue;
        }
        size_t esc = i++;
        if (i >= n)
            raise(&exc::ValueError, "Trailing \\ in string");
        char e = data[i++];
        switch (e) {
        case '\n': break;
        case '\\': out.push_back('\\'); break;
        case '\'': out.push_back('\''); break;
        case '"': out.push_back('"'); break;
        case 'a': out.push_back('\a'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'v': out.push_back('\v'); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = static_cast<unsigned>(e - '0');
            for (int k = 0; k < 2 && i < n && data[i] >= '0' && data[i] <= '7'; k++)
                v = v * 8 + static_cast<unsigned>(data[i++] - '0');
            if (v > 0377 && first_invalid == std::string::npos)
                first_invalid = i - 3;
            out.push_back(static_cast<char>(v & 0xFF));
            break;
        }
        case 'x':
            if (i + 1 < n && hexval(static_cast<unsigned char>(data[i])) >= 0 && hexval(static_cast<unsigned char>(data[i + 1])) >= 0) {
                out.push_back(static_cast<char>(hexval(static_cast<unsigned char>(data[i])) * 16 + hexval(static_cast<unsigned char>(data[i + 1]))));
                i += 2;
                break;
            }
            if (errors == "strict")
                raise(&exc::ValueError, "invalid \\x escape at position %zu", esc);
            if (errors == "replace")
                out.push_back('?');
            else if (errors != "ignore")
                raise(&exc::ValueError, "decoding error; unknown error handling code: %s", errors.c_str());
            // Skip the valid hex digits that were there.
            while (i < n && i < esc + 4 && hexval(static_cast<unsigned char>(data[i])) >= 0)
                i++;
            break;
        default:
            if (first_invalid == std::string::npos)
                first_invalid = i - 1;
            out.push_back('\\');
            out.push_back(e);
            break;
        }
    }
    Value r = pair(bytes_new(out), static_cast<int64_t>(n));
    if (first_invalid != std::string::npos)
        warn_invalid_escape(std::string_view(data).substr(first_invalid));
    return r;
}

Value c_readbuffer_encode(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    positional("readbuffer_encode", args, nargs, kw, 1, 2, a);
    errors_arg("readbuffer_encode", 2, a[1]);
    std::string data = is_str(a[0]) ? str_utf8(a[0].as<StrObject>()) : buffer_arg(a[0]);
    return pair(bytes_new(data), static_cast<int64_t>(data.size()));
}

// --- the charmap codecs ----------------------------------------------------------------------------

Value c_charmap_build(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("charmap_build", nargs, kw, 1, 1);
    StrObject* s = str_arg("charmap_build", 1, args[0]);
    DictObject* d = dict_new();
    for (int64_t i = 0; i < s->m_length; i++)
        dict_set(d, int_from_i64(s->at(i)), int_from_i64(i));
    return d;
}

// mapping[key], or null when the mapping has no entry (LookupError).
Value map_lookup(Value mapping, Value key)
{
    try {
        return py_getitem(mapping, key);
    } catch (PyError&) {
        if (!exception_matches(&exc::LookupError))
            throw;
        take_exception();
        return Value();
    }
}

Value c_charmap_decode(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    positional("charmap_decode", args, nargs, kw, 1, 3, a);
    std::string data = buffer_arg(a[0]);
    std::string errors = errors_arg("charmap_decode", 2, a[1]);
    Value mapping = a[2];
    if (!mapping || is_none(mapping))
        return pair(codecs::latin1_decode(data, errors), static_cast<int64_t>(data.size()));
    int64_t n = static_cast<int64_t>(data.size());
    std::vector<uint32_t> out;
    StrObject* table = is_str(mapping) ? mapping.as<StrObject>() : nullptr;
    for (int64_t i = 0; i < n;) {
        unsigned char b = static_cast<unsigned char>(data[static_cast<size_t>(i)]);
        bool undefined = false;
        if (table) {
            uint32_t c = b < table->m_length ? table->at(b) : 0xFFFE;
            if (c == 0xFFFE)
                undefined = true;
            else
                out.push_back(c);
        } else {
            Value r = map_lookup(mapping, Value::small_int(b));
            if (!r || is_none(r)) {
                undefined = true;
            } else if (type_of(r)->has_flag(TF_INT_SUBCLASS)) {
                int64_t v = py_index_i64(r);
                if (v < 0 || v > 0x10FFFF)
                    raise(&exc::TypeError, "character mapping must be in range(0x110000)");
                if (v == 0xFFFE)
                    undefined = true;
                else
                    out.push_back(static_cast<uint32_t>(v));
            } else if (is_str(r)) {
                StrObject* s = r.as<StrObject>();
                if (s->m_length == 1 && s->at(0) == 0xFFFE)
                    undefined = true;
                for (int64_t k = 0; !undefined && k < s->m_length; k++)
                    out.push_back(s->at(k));
            } else {
                raise(&exc::TypeError, "character mapping must return integer, None or str");
            }
        }
        if (undefined)
            i = decode_error(errors, "charmap", data, i, i + 1, "character maps to <undefined>", out);
        else
            i++;
    }
    return pair(from_cps(out), n);
}

// Encodes one character through [mapping]: false if it maps to nothing.
bool charmap_put(Value mapping, uint32_t c, std::string& out)
{
    Value r = map_lookup(mapping, int_from_i64(c));
    if (!r || is_none(r))
        return false;
    if (type_of(r)->has_flag(TF_INT_SUBCLASS)) {
        int64_t v = py_index_i64(r);
        if (v < 0 || v > 255)
            raise(&exc::TypeError, "character mapping must be in range(256)");
        out.push_back(static_cast<char>(v));
        return true;
    }
    if (is_bytes(r)) {
        out += r.as<BytesObject>()->view();
        return true;
    }
    raise(&exc::TypeError, "character mapping must return integer, bytes or None, not %s", type_name(r).c_str());
}

Value c_charmap_encode(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    positional("charmap_encode", args, nargs, kw, 1, 3, a);
    StrObject* s = str_arg("charmap_encode", 1, a[0]);
    std::string errors = errors_arg("charmap_encode", 2, a[1]);
    Value mapping = a[2];
    if (!mapping || is_none(mapping))
        return pair(bytes_new(codecs::latin1_encode(s, errors)), s->m_length);
    std::string out;
    int64_t n = s->m_length;
    for (int64_t i = 0; i < n;) {
        if (charmap_put(mapping, s->at(i), out)) {
            i++;
            continue;
        }
        // The run of unencodable characters starting here, as CPython reports it.
        int64_t end = i + 1;
        std::string scratch;
        while (end < n && !charmap_put(mapping, s->at(end), scratch))
            end++;
        Value exc = exception_new(&exc::UnicodeEncodeError,
            { Value(str_from_ascii("charmap")), Value(s), int_from_i64(i), int_from_i64(end),
                Value(str_from_ascii("character maps to <undefined>")) });
        if (errors == "strict")
            raise_value(exc);
        auto [rep, pos] = call_handler(errors, exc, n, true);
        if (is_bytes(rep)) {
            out += rep.as<BytesObject>()->view();
        } else {
            StrObject* r = rep.as<StrObject>();
            for (int64_t k = 0; k < r->m_length; k++)
                if (!charmap_put(mapping, r->at(k), out))
                    raise_value(exc);
        }
        i = pos;
    }
    return pair(bytes_new(out), n);
}

MethodDef const module_methods[] = {
    { "register", c_register },
    { "unregister", c_unregister },
    { "lookup", c_lookup },
    { "encode", c_encode },
    { "decode", c_decode },
    { "register_error", c_register_error },
    { "lookup_error", c_lookup_error },
    { "utf_8_encode", c_utf_8_encode },
    { "utf_8_decode", c_utf_8_decode },
    { "ascii_encode", c_ascii_encode },
    { "ascii_decode", c_ascii_decode },
    { "latin_1_encode", c_latin_1_encode },
    { "latin_1_decode", c_latin_1_decode },
    { "utf_16_encode", c_utf_16_encode },
    { "utf_16_le_encode", c_utf_16_le_encode },
    { "utf_16_be_encode", c_utf_16_be_encode },
    { "utf_16_decode", c_utf_16_decode },
    { "utf_16_le_decode", c_utf_16_le_decode },
    { "utf_16_be_decode", c_utf_16_be_decode },
    { "utf_16_ex_decode", c_utf_16_ex_decode },
    { "utf_32_encode", c_utf_32_encode },
    { "utf_32_le_encode", c_utf_32_le_encode },
    { "utf_32_be_encode", c_utf_32_be_encode },
    { "utf_32_decode", c_utf_32_decode },
    { "utf_32_le_decode", c_utf_32_le_decode },
    { "utf_32_be_decode", c_utf_32_be_decode },
    { "utf_32_ex_decode", c_utf_32_ex_decode },
    { "utf_7_encode", c_utf_7_encode },
    { "utf_7_decode", c_utf_7_decode },
    { "unicode_escape_encode", c_unicode_escape_encode },
    { "unicode_escape_decode", c_unicode_escape_decode },
    { "raw_unicode_escape_encode", c_raw_unicode_escape_encode },
    { "raw_unicode_escape_decode", c_raw_unicode_escape_decode },
    { "escape_encode", c_escape_encode },
    { "escape_decode", c_escape_decode },
    { "readbuffer_encode", c_readbuffer_encode },
    { "charmap_build", c_charmap_build },
    { "charmap_encode", c_charmap_encode },
    { "charmap_decode", c_charmap_decode },
    { nullptr, nullptr },
};

} // namespace

// str.encode / bytes.decode for encodings objects/codecs.h does not implement: the codec
// registry's text codecs, with CPython's checks on what they return.
namespace codecs {

namespace {

Value text_codec(std::string_view encoding, int which)
{
    import_module("_codecs"); // creates the registries
    StrObject* name = str_from_utf8(encoding);
    Value info = codec_lookup(name);
    Value is_text = py_getattr_opt(info, str_from_ascii("_is_text_encoding"));
    if (is_text && !py_truthy(is_text))
        raise(&exc::LookupError, "'%s' is not a text encoding; use %s() to handle arbitrary codecs",
            str_utf8(name).c_str(), which ? "codecs.decode" : "codecs.encode");
    return info.as<TupleObject>()->item(which);
}

Value call_codec(Value fn, Value arg, std::string_view encoding, std::string_view errors, int which)
{
    Value argv[2] = { arg, Value(str_from_utf8(errors)) };
    Value r;
    try {
        r = py_call(fn, argv, 2);
    } catch (PyError&) {
        raise_codec_error(which, std::string(encoding));
    }
    if (!is_tuple(r) || r.as<TupleObject>()->m_size != 2)
        raise(&exc::TypeError, which ? "decoder must return a tuple (object,integer)" : "encoder must return a tuple (object, integer)");
    return r.as<TupleObject>()->item(0);
}

} // namespace

std::pair<Value, int64_t> registry_handler(
    std::string_view errors, Value exc, int64_t length, bool encoding)
{
    import_module("_codecs"); // creates the handler registry
    return call_handler(std::string(errors), exc, length, encoding);
}

BytesObject* registry_encode(StrObject* s, std::string_view encoding, std::string_view errors)
{
    Value r = call_codec(text_codec(encoding, 0), Value(s), encoding, errors, 0);
    if (is_bytes(r))
        return r.as<BytesObject>();
    if (r.is_object() && r.as_object()->m_type->is_subtype(&bytearray_type)) {
        return bytes_new(bytearray_copy(r.as<ByteArrayObject>()));
    }
    raise(&exc::TypeError, "'%.*s' encoder returned '%s' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
        static_cast<int>(encoding.size()), encoding.data(), type_name(r).c_str());
}

void check_arguments_slow(std::string_view encoding, std::string_view errors)
{
    Codec c;
    if (!find_codec(encoding, &c))
        codec_lookup(str_from_utf8(encoding));
    static constexpr std::string_view builtin_handlers[]
        = { "strict", "ignore", "replace", "surrogateescape", "surrogatepass", "backslashreplace",
              "xmlcharrefreplace", "namereplace" };
    for (std::string_view h : builtin_handlers)
        if (errors == h)
            return;
    import_module("_codecs"); // creates the handler registry
    error_handler(std::string(errors));
}

StrObject* registry_decode(std::string_view data, std::string_view encoding, std::string_view errors)
{
    Value r = call_codec(text_codec(encoding, 1), Value(bytes_new(data)), encoding, errors, 1);
    if (!is_str(r))
        raise(&exc::TypeError, "'%.*s' decoder returned '%s' instead of 'str'; use codecs.decode() to decode to arbitrary types",
            static_cast<int>(encoding.size()), encoding.data(), type_name(r).c_str());
    return r.as<StrObject>();
}

} // namespace codecs

ModuleObject* init_codecs_module()
{
    if (!s_search_functions) {
        s_search_functions = Value(list_new());
        gc::add_root(&s_search_functions);
        s_codec_cache = Value(dict_new());
        gc::add_root(&s_codec_cache);
        s_error_handlers = Value(dict_new());
        gc::add_root(&s_error_handlers);
    }
    ModuleObject* m = module_new("_codecs");
    DictObject* d = m->m_dict;
    for (MethodDef const* def = module_methods; def->name; def++)
        dict_set_cstr(d, def->name, builtin_function_new(def, m));
    size_t i = 0;
    for (MethodDef const* def = handler_defs; def->name; def++, i++)
        dict_set(error_handlers(), Value(str_from_ascii(handler_names[i])), Value(builtin_function_new(def, m)));
    return m;
}

} // namespace pystm
