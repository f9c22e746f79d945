// str: immutable sequences of Unicode code points with O(1) indexing.
//
// Storage follows PEP 393: each string stores its code points in the narrowest of 1, 2 or 4
// bytes per code point (m_kind), right after the header, followed by a NUL. When m_ascii is
// set (every code point < 128) the data is also valid UTF-8, so conversions are free.
// Lone surrogates (U+D800..U+DFFF) are ordinary code points here; to UTF-8 they convert as
// generalized UTF-8 (see ast.h) unless an encoder with an error handler is used.
// Invariant STR-1: m_kind is the narrowest kind that holds the largest code point, so two equal
// strings always have the same kind and byte-identical data.
#pragma once

#include "objects/object.h"
#include <string>
#include <string_view>

namespace pystm {

struct StrObject : Object {
    int64_t m_length; // code points
    uint8_t m_kind; // 1, 2 or 4
    bool m_ascii;
    bool m_interned;

    StrObject(Type* t, int64_t length, uint8_t kind, bool ascii)
        : Object(t), m_length(length), m_kind(kind), m_ascii(ascii), m_interned(false) { }
    char* data() { return reinterpret_cast<char*>(this + 1); }
    char const* data() const { return reinterpret_cast<char const*>(this + 1); }
    uint32_t at(int64_t i) const
    {
        switch (m_kind) {
        case 1: return reinterpret_cast<uint8_t const*>(data())[i];
        case 2: return reinterpret_cast<uint16_t const*>(data())[i];
        default: return reinterpret_cast<uint32_t const*>(data())[i];
        }
    }
    // Valid only when m_ascii.
    std::string_view ascii_view() const { return { data(), static_cast<size_t>(m_length) }; }
};

extern Type str_type;

// Constructors. [utf8] may contain generalized UTF-8 surrogates; invalid UTF-8 raises
// UnicodeDecodeError (use the codecs for other policies).
StrObject* str_from_utf8(std::string_view utf8);
StrObject* str_from_ascii(std::string_view ascii); // [ascii] must be pure ASCII
StrObject* str_from_codepoints(uint32_t const* cps, size_t n);
StrObject* str_from_latin1(std::string_view bytes);
StrObject* str_empty();
StrObject* str_from_char(uint32_t cp); // single-character strings are cached for cp < 256
// Allocates an uninitialised string of [length] code points of [kind]; the caller fills data()
// and must respect STR-1.
StrObject* str_alloc(int64_t length, uint8_t kind, bool ascii);

// UTF-8 text of [s] (generalized UTF-8 for surrogates).
std::string str_utf8(StrObject const* s);
inline std::string str_utf8(Value v) { return str_utf8(v.as<StrObject>()); }

// Interning: one canonical object per distinct text; interned strings compare by identity.
StrObject* intern(std::string_view utf8);
StrObject* intern(StrObject* s);

// Hash (cached in the header's m_hash for non-empty strings), equality and ordering.
int64_t str_hash(StrObject* s);
bool str_eq(StrObject const* a, StrObject const* b);
int str_compare(StrObject const* a, StrObject const* b); // <0, 0, >0 by code points
StrObject* str_concat(StrObject* a, StrObject* b);
// Substring of code points [start, stop).
StrObject* str_substr(StrObject* s, int64_t start, int64_t stop);
// repr() of a str, CPython's quoting rules.
StrObject* str_repr(StrObject* s);

inline bool is_str(Value v) { return v.is_object() && v.as_object()->m_type->has_flag(TF_STR_SUBCLASS); }
inline bool is_exact_str(Value v) { return v.is_object() && v.as_object()->m_type == &str_type; }

// Common interned names: names::__init__ etc. (objects/names.def).
// names::errno must survive <cerrno>'s errno macro in files that include both.
#pragma push_macro("errno")
#undef errno
namespace names {
#define NAME(id) extern StrObject* id;
#define NAME2(id, text) extern StrObject* id;
#include "objects/names.def"
#undef NAME
#undef NAME2
} // namespace names
#pragma pop_macro("errno")
void init_names();

} // namespace pystm
