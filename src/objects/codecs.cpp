// The builtin codecs (see codecs.h): encoding-name normalisation, the encoders and decoders,
// and the standard error handlers.
//
// Decoders follow the Unicode "maximal subpart" practice as CPython does, so the number of
// U+FFFD produced by errors="replace" and the (start, end) of each UnicodeDecodeError match.
// Encoders group consecutive unencodable characters into one error range.
#include "objects/codecs.h"
#include "base/unicode_names.h"
#include "base/utf8.h"
#include "objects/bytes_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/str_internal.h"
#include <cstring>

namespace pystm::codecs {

// --- names -------------------------------------------------------------------------------------

static std::string normalize_name(std::string_view name)
{
    // As encodings.normalize_encoding: runs of non-alphanumeric characters other than '.'
    // become one '_', leading/trailing ones are dropped; then lower case.
    std::string out;
    bool punct = false;
    for (char ch : name) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '.') {
            if (punct && !out.empty())
                out.push_back('_');
            out.push_back(static_cast<char>(std::tolower(c)));
            punct = false;
        } else {
            punct = true;
        }
    }
    return out;
}

struct Alias {
    char const* name;
    Codec codec;
};

static Alias const s_aliases[] = {
    { "utf_8", Codec::Utf8 }, { "utf8", Codec::Utf8 }, { "u8", Codec::Utf8 }, { "utf", Codec::Utf8 },
    { "utf8_ucs2", Codec::Utf8 }, { "utf8_ucs4", Codec::Utf8 }, { "cp65001", Codec::Utf8 },
    { "ascii", Codec::Ascii }, { "646", Codec::Ascii }, { "ansi_x3.4_1968", Codec::Ascii },
    { "ansi_x3_4_1968", Codec::Ascii }, { "ansi_x3.4_1986", Codec::Ascii }, { "cp367", Codec::Ascii },
    { "csascii", Codec::Ascii }, { "ibm367", Codec::Ascii }, { "iso646_us", Codec::Ascii },
    { "iso_646.irv_1991", Codec::Ascii }, { "iso_ir_6", Codec::Ascii }, { "us", Codec::Ascii },
    { "us_ascii", Codec::Ascii },
    { "latin_1", Codec::Latin1 }, { "latin1", Codec::Latin1 }, { "latin", Codec::Latin1 },
    { "l1", Codec::Latin1 }, { "iso_8859_1", Codec::Latin1 }, { "iso8859_1", Codec::Latin1 },
    { "8859", Codec::Latin1 }, { "cp819", Codec::Latin1 }, { "iso_ir_100", Codec::Latin1 },
    { "csisolatin1", Codec::Latin1 }, { "iso_8859_1_1987", Codec::Latin1 },
    { "utf_16", Codec::Utf16 }, { "utf16", Codec::Utf16 }, { "u16", Codec::Utf16 },
    { "utf_16_le", Codec::Utf16LE }, { "utf_16le", Codec::Utf16LE },
    { "unicodelittleunmarked", Codec::Utf16LE },
    { "utf_16_be", Codec::Utf16BE }, { "utf_16be", Codec::Utf16BE }, { "unicodebigunmarked", Codec::Utf16BE },
    { "utf_32", Codec::Utf32 }, { "utf32", Codec::Utf32 }, { "u32", Codec::Utf32 },
    { "utf_32_le", Codec::Utf32LE }, { "utf_32le", Codec::Utf32LE },
    { "utf_32_be", Codec::Utf32BE }, { "utf_32be", Codec::Utf32BE },
};

bool find_codec(std::string_view name, Codec* out)
{
    // Fast path for the spellings used almost always.
    if (name == "utf-8" || name == "utf8" || name == "UTF-8") {
        *out = Codec::Utf8;
        return true;
    }
    std::string n = normalize_name(name);
    for (Alias const& a : s_aliases)
        if (n == a.name) {
            *out = a.codec;
            return true;
        }
    return false;
}

Codec lookup_codec(std::string_view name)
{
    Codec c;
    if (!find_codec(name, &c))
        raise(&exc::LookupError, "unknown encoding: %.*s", static_cast<int>(name.size()), name.data());
    return c;
}

char const* codec_name(Codec c)
{
    switch (c) {
    case Codec::Utf8: return "utf-8";
    case Codec::Ascii: return "ascii";
    case Codec::Latin1: return "latin-1";
    case Codec::Utf16: return "utf-16";
    case Codec::Utf16LE: return "utf-16-le";
    case Codec::Utf16BE: return "utf-16-be";
    case Codec::Utf32: return "utf-32";
    case Codec::Utf32LE: return "utf-32-le";
    case Codec::Utf32BE: return "utf-32-be";
    }
    return "?";
}

// --- error handlers ------------------------------------------------------------------------------

// Custom: a handler registered with codecs.register_error, called through the registry (which
// raises LookupError "unknown error handler name" for a name it does not know).
enum class Handler {
    Strict,
    Ignore,
    Replace,
    SurrogateEscape,
    SurrogatePass,
    BackslashReplace,
    XmlCharRefReplace,
    NameReplace,
    Custom
};

// Calls the registered handler [errors] on [exc] (modules/codecs_module.cpp); returns its
// replacement and the position to resume at, normalised against [length].
std::pair<Value, int64_t> registry_handler(
    std::string_view errors, Value exc, int64_t length, bool encoding);

static Handler resolve_handler(std::string_view errors)
{
    if (errors == "strict")
        return Handler::Strict;
    if (errors == "ignore")
        return Handler::Ignore;
    if (errors == "replace")
        return Handler::Replace;
    if (errors == "surrogateescape")
        return Handler::SurrogateEscape;
    if (errors == "surrogatepass")
        return Handler::SurrogatePass;
    if (errors == "backslashreplace")
        return Handler::BackslashReplace;
    if (errors == "xmlcharrefreplace")
        return Handler::XmlCharRefReplace;
    if (errors == "namereplace")
        return Handler::NameReplace;
    return Handler::Custom;
}

[[noreturn]] static void raise_encode_error(char const* enc, StrObject* s, int64_t start, int64_t end, char const* reason)
{
    raise_value(exception_new(&exc::UnicodeEncodeError,
        { Value(str_from_ascii(enc)), Value(s), int_from_i64(start), int_from_i64(end), Value(str_from_ascii(reason)) }));
}

[[noreturn]] static void raise_decode_error(char const* enc, std::string_view data, int64_t start, int64_t end, char const* reason)
{
    raise_value(exception_new(&exc::UnicodeDecodeError,
        { Value(str_from_ascii(enc)), Value(bytes_new(data)), int_from_i64(start), int_from_i64(end),
            Value(str_from_ascii(reason)) }));
}

static void append_hex(std::string& out, char const* prefix, uint32_t v, int digits)
{
    static char const hex[] = "0123456789abcdef";
    out += prefix;
    for (int sh = (digits - 1) * 4; sh >= 0; sh -= 4)
        out.push_back(hex[(v >> sh) & 15]);
}

static void backslash_escape(std::string& out, uint32_t c)
{
    if (c < 0x100)
        append_hex(out, "\\x", c, 2);
    else if (c < 0x10000)
        append_hex(out, "\\u", c, 4);
    else
        append_hex(out, "\\U", c, 8);
}

// Handles a decoding error over data[start, end): appends the replacement to [out] and returns
// the position to resume at. Surrogatepass is handled by the codecs themselves before this.
static int64_t decode_error(std::string_view errors, char const* enc, std::string_view data, int64_t start,
    int64_t end, char const* reason, StrBuilder& out)
{
    switch (resolve_handler(errors)) {
    case Handler::Strict:
    case Handler::SurrogatePass:
        raise_decode_error(enc, data, start, end, reason);
    case Handler::Ignore:
        return end;
    case Handler::Replace:
        out.append(0xFFFD);
        return end;
    case Handler::BackslashReplace: {
        std::string t;
        for (int64_t i = start; i < end; i++)
            append_hex(t, "\\x", static_cast<unsigned char>(data[static_cast<size_t>(i)]), 2);
        out.append_ascii(t);
        return end;
    }
    case Handler::SurrogateEscape: {
        for (int64_t i = start; i < end; i++)
            if (static_cast<unsigned char>(data[static_cast<size_t>(i)]) < 0x80)
                raise_decode_error(enc, data, start, end, reason);
        for (int64_t i = start; i < end; i++)
            out.append(0xDC00 + static_cast<unsigned char>(data[static_cast<size_t>(i)]));
        return end;
    }
    case Handler::XmlCharRefReplace:
    case Handler::NameReplace:
        raise(&exc::TypeError, "don't know how to handle UnicodeDecodeError in error callback");
    case Handler::Custom: {
        Value exc = exception_new(&exc::UnicodeDecodeError,
            { Value(str_from_ascii(enc)), Value(bytes_new(data)), int_from_i64(start),
                int_from_i64(end), Value(str_from_ascii(reason)) });
        auto [rep, pos] = registry_handler(errors, exc, static_cast<int64_t>(data.size()), false);
        // CPython's decoders go on with an input the handler put in exc.object; these work on
        // the caller's buffer, so that is refused rather than resuming in the old input.
        Value obj = py_getattr(exc, str_from_ascii("object"));
        if (!is_bytes(obj) || obj.as<BytesObject>()->view() != data)
            raise(&exc::NotImplementedError,
                "the %s decoder cannot go on with an input replaced by the error handler", enc);
        out.append(rep.as<StrObject>());
        return pos;
    }
    }
    return end;
}

// --- the generic encoder -------------------------------------------------------------------------

static bool is_surrogate(uint32_t c) { return c >= 0xD800 && c < 0xE000; }

static void put16(std::string& out, uint32_t u, bool big)
{
    if (big) {
        out.push_back(static_cast<char>(u >> 8));
        out.push_back(static_cast<char>(u & 0xFF));
    } else {
        out.push_back(static_cast<char>(u & 0xFF));
        out.push_back(static_cast<char>(u >> 8));
    }
}

static void put32(std::string& out, uint32_t u, bool big)
{
    for (int k = 0; k < 4; k++) {
        int sh = big ? (3 - k) * 8 : k * 8;
        out.push_back(static_cast<char>((u >> sh) & 0xFF));
    }
}

// Writes one (encodable) code point in the codec's form.
static void put_cp(std::string& out, Codec c, uint32_t cp)
{
    switch (c) {
    case Codec::Utf8: append_utf8(out, cp); break;
    case Codec::Ascii:
    case Codec::Latin1: out.push_back(static_cast<char>(cp)); break;
    case Codec::Utf16:
    case Codec::Utf16LE:
    case Codec::Utf16BE: {
        bool big = c == Codec::Utf16BE;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            put16(out, 0xD800 | (cp >> 10), big);
            put16(out, 0xDC00 | (cp & 0x3FF), big);
        } else {
            put16(out, cp, big);
        }
        break;
    }
    default: put32(out, cp, c == Codec::Utf32BE); break;
    }
}

static bool encodable(Codec c, uint32_t cp)
{
    switch (c) {
    case Codec::Ascii: return cp < 0x80;
    case Codec::Latin1: return cp < 0x100;
    default: return !is_surrogate(cp);
    }
}

static char const* encode_reason(Codec c)
{
    switch (c) {
    case Codec::Ascii: return "ordinal not in range(128)";
    case Codec::Latin1: return "ordinal not in range(256)";
    default: return "surrogates not allowed";
    }
}

std::string encode_to_string(StrObject* s, Codec c, std::string_view errors)
{
    std::string out;
    if (c == Codec::Utf16 || c == Codec::Utf32)
        put_cp(out, c, 0xFEFF);
    if (s->m_ascii && (c == Codec::Utf8 || c == Codec::Ascii || c == Codec::Latin1)) {
        out.append(s->ascii_view());
        return out;
    }
    int64_t n = s->m_length;
    out.reserve(out.size() + static_cast<size_t>(n));
    char const* enc = codec_name(c);
    for (int64_t i = 0; i < n;) {
        uint32_t cp = s->at(i);
        if (encodable(c, cp)) {
            put_cp(out, c, cp);
            i++;
            continue;
        }
        // UTF-8, ASCII and Latin-1 hand the whole run of unencodable characters to the error
        // handler; CPython's UTF-16 and UTF-32 encoders one character at a time.
        bool runs = c == Codec::Utf8 || c == Codec::Ascii || c == Codec::Latin1;
        int64_t j = i + 1;
        while (runs && j < n && !encodable(c, s->at(j)))
            j++;
        switch (resolve_handler(errors)) {
        case Handler::Strict: raise_encode_error(enc, s, i, j, encode_reason(c));
        case Handler::Ignore: break;
        case Handler::Replace:
            for (int64_t k = i; k < j; k++)
                put_cp(out, c, '?');
            break;
        case Handler::BackslashReplace:
        case Handler::XmlCharRefReplace: {
            std::string t;
            for (int64_t k = i; k < j; k++) {
                uint32_t x = s->at(k);
                if (resolve_handler(errors) == Handler::BackslashReplace)
                    backslash_escape(t, x);
                else
                    t += "&#" + std::to_string(x) + ";";
            }
            for (char ch : t)
                put_cp(out, c, static_cast<unsigned char>(ch));
            break;
        }
        case Handler::NameReplace: {
            std::string t, name, why;
            if (!unicode::database_available(&why))
                raise(&exc::RuntimeError, "namereplace: %s", why.c_str());
            for (int64_t k = i; k < j; k++) {
                uint32_t x = s->at(k);
                if (unicode::name_of(x, &name))
                    t += "\\N{" + name + "}";
                else
                    backslash_escape(t, x);
            }
            for (char ch : t)
                put_cp(out, c, static_cast<unsigned char>(ch));
            break;
        }
        case Handler::SurrogateEscape:
            if (!runs)
                raise_encode_error(enc, s, i, j, encode_reason(c));
            // The escapable surrogates are written; the error then covers the rest of the run.
            for (int64_t k = i; k < j; k++) {
                uint32_t x = s->at(k);
                if (x < 0xDC80 || x > 0xDCFF)
                    raise_encode_error(enc, s, k, j, encode_reason(c));
                out.push_back(static_cast<char>(x - 0xDC00));
            }
            break;
        case Handler::Custom: {
            Value exc = exception_new(&exc::UnicodeEncodeError,
                { Value(str_from_ascii(enc)), Value(s), int_from_i64(i), int_from_i64(j),
                    Value(str_from_ascii(encode_reason(c))) });
            auto [rep, pos] = registry_handler(errors, exc, n, true);
            if (is_bytes(rep)) {
                // Bytes must be whole code units of the UTF-16 and UTF-32 codecs.
                size_t unit = runs                                                      ? 1
                    : (c == Codec::Utf16 || c == Codec::Utf16LE || c == Codec::Utf16BE) ? 2
                                                                                        : 4;
                if (rep.as<BytesObject>()->view().size() % unit)
                    raise_encode_error(enc, s, i, j, encode_reason(c));
                out.append(rep.as<BytesObject>()->view());
            } else {
                // A str replacement must be encodable as it is: ASCII for the UTF codecs.
                StrObject* r = rep.as<StrObject>();
                uint32_t limit = c == Codec::Latin1 ? 256 : 128;
                for (int64_t k = 0; k < r->m_length; k++)
                    if (r->at(k) >= limit)
                        raise_encode_error(enc, s, i, j, encode_reason(c));
                for (int64_t k = 0; k < r->m_length; k++)
                    put_cp(out, c, r->at(k));
            }
            i = pos;
            continue;
        }
        case Handler::SurrogatePass:
            if (c == Codec::Ascii || c == Codec::Latin1)
                raise_encode_error(enc, s, i, j, encode_reason(c));
            for (int64_t k = i; k < j; k++) {
                uint32_t x = s->at(k);
                if (c == Codec::Utf8)
                    append_utf8(out, x);
                else if (c == Codec::Utf16 || c == Codec::Utf16LE || c == Codec::Utf16BE)
                    put16(out, x, c == Codec::Utf16BE);
                else
                    put32(out, x, c == Codec::Utf32BE);
            }
            break;
        }
        i = j;
    }
    return out;
}

std::string utf8_encode(StrObject* s, std::string_view errors) { return encode_to_string(s, Codec::Utf8, errors); }
std::string ascii_encode(StrObject* s, std::string_view errors) { return encode_to_string(s, Codec::Ascii, errors); }
std::string latin1_encode(StrObject* s, std::string_view errors) { return encode_to_string(s, Codec::Latin1, errors); }

std::string utf16_encode(StrObject* s, std::string_view errors, int byteorder)
{
    return encode_to_string(s, byteorder == 0 ? Codec::Utf16 : byteorder < 0 ? Codec::Utf16LE : Codec::Utf16BE, errors);
}

std::string utf32_encode(StrObject* s, std::string_view errors, int byteorder)
{
    return encode_to_string(s, byteorder == 0 ? Codec::Utf32 : byteorder < 0 ? Codec::Utf32LE : Codec::Utf32BE, errors);
}

// --- decoders ------------------------------------------------------------------------------------

StrObject* utf8_decode(std::string_view data, std::string_view errors, bool final, int64_t* consumed)
{
    auto const* p = reinterpret_cast<unsigned char const*>(data.data());
    int64_t n = static_cast<int64_t>(data.size());
    int64_t i = 0;
    while (i < n && p[i] < 0x80)
        i++;
    if (i == n) {
        if (consumed)
            *consumed = n;
        return str_from_ascii(data);
    }
    StrBuilder out(static_cast<size_t>(n));
    out.append_ascii(data.substr(0, static_cast<size_t>(i)));
    while (i < n) {
        unsigned char b = p[i];
        if (b < 0x80) {
            out.append(b);
            i++;
            continue;
        }
        int need;
        uint32_t cp;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the first continuation byte
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
            cp = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            cp = b & 0x0F;
            if (b == 0xE0)
                lo = 0xA0;
            else if (b == 0xED)
                hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            cp = b & 0x07;
            if (b == 0xF0)
                lo = 0x90;
            else if (b == 0xF4)
                hi = 0x8F;
        } else {
            i = decode_error(errors, "utf-8", data, i, i + 1, "invalid start byte", out);
            continue;
        }
        int64_t k = 1;
        bool ok = true;
        for (; k <= need; k++) {
            if (i + k >= n) {
                ok = false;
                break;
            }
            unsigned char c = p[i + k];
            unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
            if (c < l || c > h) {
                ok = false;
                break;
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        if (ok) {
            out.append(cp);
            i += need + 1;
            continue;
        }
        if (i + k >= n) {
            if (!final) {
                if (consumed)
                    *consumed = i;
                return out.finish();
            }
        }
        // A truncated encoded surrogate at the end waits for more data, whatever the handler:
        // surrogatepass may accept it once complete (as CPython's decoder).
        if (!final && b == 0xED && n - i == 2 && p[i + 1] >= 0xA0 && p[i + 1] <= 0xBF) {
            if (consumed)
                *consumed = i;
            return out.finish();
        }
        // An encoded surrogate (ED A0..BF 80..BF) is legal under surrogatepass.
        if (b == 0xED && i + 2 < n && p[i + 1] >= 0xA0 && p[i + 1] <= 0xBF && p[i + 2] >= 0x80
            && p[i + 2] <= 0xBF && errors == "surrogatepass") {
            out.append(0xD000 | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F));
            i += 3;
            continue;
        }
        if (i + k >= n)
            i = decode_error(errors, "utf-8", data, i, n, "unexpected end of data", out);
        else
            i = decode_error(errors, "utf-8", data, i, i + k, "invalid continuation byte", out);
    }
    if (consumed)
        *consumed = n;
    return out.finish();
}

StrObject* ascii_decode(std::string_view data, std::string_view errors)
{
    auto const* p = reinterpret_cast<unsigned char const*>(data.data());
    int64_t n = static_cast<int64_t>(data.size());
    int64_t i = 0;
    while (i < n && p[i] < 0x80)
        i++;
    if (i == n)
        return str_from_ascii(data);
    StrBuilder out(static_cast<size_t>(n));
    out.append_ascii(data.substr(0, static_cast<size_t>(i)));
    while (i < n) {
        if (p[i] < 0x80)
            out.append(p[i++]);
        else
            i = decode_error(errors, "ascii", data, i, i + 1, "ordinal not in range(128)", out);
    }
    return out.finish();
}

StrObject* latin1_decode(std::string_view data, std::string_view) { return str_from_latin1(data); }

StrObject* utf16_decode(std::string_view data, std::string_view errors, int* byteorder, bool final, int64_t* consumed)
{
    auto const* p = reinterpret_cast<unsigned char const*>(data.data());
    int64_t n = static_cast<int64_t>(data.size());
    int64_t i = 0;
    int bo = byteorder ? *byteorder : 0;
    if (bo == 0 && n >= 2) {
        if (p[0] == 0xFF && p[1] == 0xFE) {
            bo = -1;
            i = 2;
        } else if (p[0] == 0xFE && p[1] == 0xFF) {
            bo = 1;
            i = 2;
        }
        if (byteorder)
            *byteorder = bo;
    }
    bool big = bo > 0;
    char const* enc = big ? "utf-16-be" : "utf-16-le";
    auto unit = [&](int64_t at) -> uint32_t {
        return big ? (uint32_t(p[at]) << 8) | p[at + 1] : (uint32_t(p[at + 1]) << 8) | p[at];
    };
    StrBuilder out(static_cast<size_t>(n / 2));
    while (i < n) {
        if (i + 1 >= n) {
            if (!final)
                break;
            i = decode_error(errors, enc, data, i, n, "truncated data", out);
            continue;
        }
        uint32_t u = unit(i);
        if (!is_surrogate(u)) {
            out.append(u);
            i += 2;
            continue;
        }
        if (u < 0xDC00) {
            if (i + 3 >= n) {
                if (!final)
                    break;
                if (errors == "surrogatepass") {
                    out.append(u);
                    i += 2;
                    continue;
                }
                i = decode_error(errors, enc, data, i, n, "unexpected end of data", out);
                continue;
            }
            uint32_t u2 = unit(i + 2);
            if (u2 >= 0xDC00 && u2 < 0xE000) {
                out.append(0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
                i += 4;
                continue;
            }
            if (errors == "surrogatepass") {
                out.append(u);
                i += 2;
                continue;
            }
            i = decode_error(errors, enc, data, i, i + 2, "illegal UTF-16 surrogate", out);
            continue;
        }
        if (errors == "surrogatepass") {
            out.append(u);
            i += 2;
            continue;
        }
        i = decode_error(errors, enc, data, i, i + 2, "illegal encoding", out);
    }
    if (consumed)
        *consumed = i < n ? i : n;
    return out.finish();
}

StrObject* utf32_decode(std::string_view data, std::string_view errors, int* byteorder, bool final, int64_t* consumed)
{
    auto const* p = reinterpret_cast<unsigned char const*>(data.data());
    int64_t n = static_cast<int64_t>(data.size());
    int64_t i = 0;
    int bo = byteorder ? *byteorder : 0;
    if (bo == 0 && n >= 4) {
        if (p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) {
            bo = -1;
            i = 4;
        } else if (p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF) {
            bo = 1;
            i = 4;
        }
        if (byteorder)
            *byteorder = bo;
    }
    bool big = bo > 0;
    char const* enc = big ? "utf-32-be" : "utf-32-le";
    StrBuilder out(static_cast<size_t>(n / 4));
    while (i < n) {
        if (i + 3 >= n) {
            if (!final)
                break;
            i = decode_error(errors, enc, data, i, n, "truncated data", out);
            continue;
        }
        uint32_t u = big ? (uint32_t(p[i]) << 24) | (uint32_t(p[i + 1]) << 16) | (uint32_t(p[i + 2]) << 8) | p[i + 3]
                         : (uint32_t(p[i + 3]) << 24) | (uint32_t(p[i + 2]) << 16) | (uint32_t(p[i + 1]) << 8) | p[i];
        if (u > 0x10FFFF) {
            i = decode_error(errors, enc, data, i, i + 4, "code point not in range(0x110000)", out);
            continue;
        }
        if (is_surrogate(u) && errors != "surrogatepass") {
            i = decode_error(errors, enc, data, i, i + 4, "code point in surrogate code point range(0xd800, 0xe000)", out);
            continue;
        }
        out.append(u);
        i += 4;
    }
    if (consumed)
        *consumed = i < n ? i : n;
    return out.finish();
}

bool g_dev_mode = false;

// --- front ends ----------------------------------------------------------------------------------

// Codecs found through the Python codec registry (modules/codecs_module.cpp).
BytesObject* registry_encode(StrObject* s, std::string_view encoding, std::string_view errors);
StrObject* registry_decode(std::string_view data, std::string_view encoding, std::string_view errors);

// In development mode: the encoding and the error handler are looked up (LookupError) before
// any data needs them (modules/codecs_module.cpp).
void check_arguments_slow(std::string_view encoding, std::string_view errors);

static void check_arguments(std::string_view encoding, std::string_view errors)
{
    if (g_dev_mode)
        check_arguments_slow(encoding, errors);
}

BytesObject* encode(StrObject* s, std::string_view encoding, std::string_view errors)
{
    check_arguments(encoding, errors);
    Codec c;
    if (!find_codec(encoding, &c))
        return registry_encode(s, encoding, errors);
    if (s->m_ascii && (c == Codec::Utf8 || c == Codec::Ascii || c == Codec::Latin1))
        return bytes_new(s->ascii_view());
    std::string out = encode_to_string(s, c, errors);
    return bytes_new(out);
}

StrObject* decode(std::string_view data, std::string_view encoding, std::string_view errors)
{
    check_arguments(encoding, errors);
    // As PyUnicode_Decode: empty data is '' without looking the codec up.
    if (data.empty())
        return str_empty();
    Codec c;
    if (!find_codec(encoding, &c))
        return registry_decode(data, encoding, errors);
    int bo;
    switch (c) {
    case Codec::Utf8: return utf8_decode(data, errors);
    case Codec::Ascii: return ascii_decode(data, errors);
    case Codec::Latin1: return latin1_decode(data, errors);
    case Codec::Utf16: bo = 0; return utf16_decode(data, errors, &bo);
    case Codec::Utf16LE: bo = -1; return utf16_decode(data, errors, &bo);
    case Codec::Utf16BE: bo = 1; return utf16_decode(data, errors, &bo);
    case Codec::Utf32: bo = 0; return utf32_decode(data, errors, &bo);
    case Codec::Utf32LE: bo = -1; return utf32_decode(data, errors, &bo);
    case Codec::Utf32BE: bo = 1; return utf32_decode(data, errors, &bo);
    }
    return str_empty();
}

} // namespace pystm::codecs
