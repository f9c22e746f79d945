// Private helpers shared by the str implementation files (str_object.cpp, str_methods.cpp,
// str_format.cpp, str_unicode.cpp, str_intern.cpp) and the codecs. Not part of the public
// object API: other subsystems use objects/str_object.h.
//
// Every string built here respects STR-1 (narrowest kind); StrBuilder tracks the largest code
// point appended so that finish() can choose the kind.
#pragma once

#include "objects/function_object.h"
#include "objects/str_object.h"
#include <string>
#include <vector>

namespace pystm {

struct TupleObject;

// An instance of str subclass [t] (or str itself) with the text of [s].
StrObject* str_new_of_type(Type* t, StrObject* s);
// A string from code points whose maximum is known to be [maxcp] (STR-1).
StrObject* str_from_codepoints_max(uint32_t const* cps, size_t n, uint32_t maxcp);
inline uint8_t kind_for(uint32_t maxcp) { return maxcp < 0x100 ? 1 : maxcp < 0x10000 ? 2 : 4; }

// Accumulates code points; finish() builds the narrowest string.
class StrBuilder {
public:
    StrBuilder() = default;
    explicit StrBuilder(size_t reserve) { m_buf.reserve(reserve); }
    void append(uint32_t cp)
    {
        if (cp > m_max)
            m_max = cp;
        m_buf.push_back(cp);
    }
    void append_ascii(std::string_view s)
    {
        for (char c : s)
            m_buf.push_back(static_cast<unsigned char>(c));
        if (!s.empty() && m_max < 0x7f)
            for (char c : s)
                if (static_cast<unsigned char>(c) > m_max)
                    m_max = static_cast<unsigned char>(c);
    }
    void append_utf8(std::string_view s); // valid generalized UTF-8
    void append(StrObject const* s) { append(s, 0, s->m_length); }
    void append(StrObject const* s, int64_t start, int64_t stop);
    void append_repeat(uint32_t cp, int64_t n)
    {
        for (int64_t i = 0; i < n; i++)
            append(cp);
    }
    size_t size() const { return m_buf.size(); }
    uint32_t max_cp() const { return m_max; }
    std::u32string& buffer() { return m_buf; }
    StrObject* finish() const { return str_from_codepoints_max(reinterpret_cast<uint32_t const*>(m_buf.data()), m_buf.size(), m_max); }

private:
    std::u32string m_buf;
    uint32_t m_max = 0;
};

// The code points of [s] as UTF-32 (for algorithms that need uniform width).
std::u32string str_to_u32(StrObject const* s);
// Index of [needle] in s[start:end] (first when !reverse, last when reverse), or -1.
int64_t str_find_sub(StrObject const* s, StrObject const* needle, int64_t start, int64_t end, bool reverse);
int64_t str_count_sub(StrObject const* s, StrObject const* needle, int64_t start, int64_t end);
// Resolves CPython's optional [start, end] arguments ("slice notation") against [len].
void adjust_indices(int64_t* start, int64_t* end, int64_t len);
// start/end argument parsing: None or an index; false if absent.
int64_t slice_index_arg(Value v, int64_t dflt);

// Character classes and case mapping (str_unicode.cpp). Full case mappings write up to 3 code
// points into [out] and return how many.
bool uni_isspace(uint32_t cp);
bool uni_isalpha(uint32_t cp);
bool uni_isdecimal(uint32_t cp);
bool uni_isdigit(uint32_t cp);
bool uni_isnumeric(uint32_t cp);
bool uni_isalnum(uint32_t cp);
bool uni_isprintable(uint32_t cp);
bool uni_islower(uint32_t cp);
bool uni_isupper(uint32_t cp);
bool uni_istitle(uint32_t cp);
bool uni_iscased(uint32_t cp);
bool uni_iscaseignorable(uint32_t cp);
bool uni_is_linebreak(uint32_t cp);
bool uni_isxid_start(uint32_t cp);
bool uni_isxid_continue(uint32_t cp);
int uni_decimal_value(uint32_t cp); // -1 if not a decimal digit
int uni_to_lower_full(uint32_t cp, uint32_t* out);
int uni_to_upper_full(uint32_t cp, uint32_t* out);
int uni_to_title_full(uint32_t cp, uint32_t* out);
int uni_casefold_full(uint32_t cp, uint32_t* out);
// The case-mapping methods (str_unicode.cpp).
StrObject* str_lower(StrObject* s);
StrObject* str_upper(StrObject* s);
StrObject* str_casefold(StrObject* s);
StrObject* str_title(StrObject* s);
StrObject* str_swapcase(StrObject* s);
StrObject* str_capitalize(StrObject* s);
bool str_isidentifier(StrObject const* s);
extern MethodDef const g_str_unicode_methods[];

// Formatting (str_format.cpp).
StrObject* str_format_impl(StrObject* fmt, Value const* args, size_t nargs, Value kwargs_mapping);
StrObject* str_printf(StrObject* fmt, Value args);
extern MethodDef const g_str_format_methods[];
// printf-style number conversions shared with bytes % (str_format.cpp): [conv] is one of
// d i u o x X e E f F g G; [flags] holds '-', '+', ' ', '#', '0'. Returns the ASCII text.
std::string printf_format_number(Value v, char conv, std::string const& flags, int64_t width, int64_t prec);

// The str methods table (str_methods.cpp).
extern MethodDef const g_str_methods[];

// Argument helpers, with CPython's several message styles. [qual] is the qualified name
// ("str.zfill"), [name] the bare one ("center").
StrObject* arg_str(char const* fname, Value v, char const* what = "argument");
// "str.center() takes no keyword arguments"
void args_no_kw(char const* qual, TupleObject* kw);
// "center expected at least 1 argument, got 0" / "center expected at most 2 arguments, got 3"
void args_positional(char const* name, char const* qual, size_t nargs, TupleObject* kw, size_t min, size_t max);
// "str.zfill() takes exactly one argument (0 given)" / "str.upper() takes no arguments (1 given)"
void args_exact(char const* qual, size_t nargs, TupleObject* kw, size_t n);
// "find() takes at least 1 argument (0 given)" / "find() takes at most 3 arguments (4 given)"
void args_old(char const* name, char const* qual, size_t nargs, TupleObject* kw, size_t min, size_t max);

} // namespace pystm
