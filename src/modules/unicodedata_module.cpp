// The unicodedata module: lookup, name, category, bidirectional, combining, east_asian_width,
// mirrored, decomposition, decimal, digit, numeric, normalize, is_normalized and
// unidata_version ("14.0.0"), on top of the database of base/unicode_names.h (read lazily from
// Debian's unicode-data files; a missing database raises KeyError from lookup() and RuntimeError
// elsewhere, naming the file). Normalization uses utf8proc.
//
// ucd_3_2_0, the one instance of unicodedata.UCD, is the Unicode 3.2.0 view that the IDNA codec
// and stringprep use. The same functions serve it as its methods: they see it as their self and
// apply the differences of unicodedata_3_2_0.inc (scripts/gen-ucd-3.2.0): code points assigned
// later read as unassigned, a few hundred older ones have their 3.2.0 properties, and
// normalization leaves the later code points alone and keeps five decompositions that Unicode
// 4.0 corrected (NormalizationCorrections.txt), as CPython does.
#include "base/unicode_names.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <utf8proc.h>
#include <vector>

namespace pystm {

Type ucd_type(&type_type); // unicodedata.UCD

namespace {

    struct UcdObject : Object {
        explicit UcdObject(Type* t)
            : Object(t)
        {
        }
    };

    struct Ucd32Range {
        uint32_t lo, hi;
    };
    struct Ucd32Change {
        uint32_t cp;
        char const* category;
        char const* bidirectional;
        char const* east_asian_width;
        int mirrored;
        int decimal; // -1: none
        double numeric; // -1.0: none
    };
#include "modules/unicodedata_3_2_0.inc"

    // True when a function runs as a method of ucd_3_2_0 rather than as a module function.
    bool is_ucd(Value self) { return self.is_object() && self.as_object()->m_type == &ucd_type; }

    bool assigned_3_2_0(uint32_t cp)
    {
        auto it = std::upper_bound(std::begin(k_ucd32_assigned), std::end(k_ucd32_assigned), cp,
            [](uint32_t c, Ucd32Range const& r) { return c < r.lo; });
        return it != std::begin(k_ucd32_assigned) && cp <= std::prev(it)->hi;
    }

    Ucd32Change const* change_3_2_0(uint32_t cp)
    {
        auto it = std::lower_bound(std::begin(k_ucd32_changes), std::end(k_ucd32_changes), cp,
            [](Ucd32Change const& c, uint32_t v) { return c.cp < v; });
        return it != std::end(k_ucd32_changes) && it->cp == cp ? it : nullptr;
    }

    [[noreturn]] void database_missing()
    {
        std::string err;
        unicode::database_available(&err);
        raise(&exc::RuntimeError, "%s", err.c_str());
    }

    // The code point of a one-character str argument ("name() argument 1 must be a unicode
    // character, not str"); [which] is "argument 1" or "argument".
    uint32_t char_arg(char const* fname, char const* which, Value v)
    {
        if (!is_str(v) || v.as<StrObject>()->m_length != 1)
            raise(&exc::TypeError, "%s() %s must be a unicode character, not %s", fname, which,
                type_name(v).c_str());
        return v.as<StrObject>()->at(0);
    }

    // The properties of [cp] in the database [self] stands for (the current one, or 3.2.0).
    unicode::CharProperties props(Value self, uint32_t cp)
    {
        unicode::CharProperties p;
        if (!unicode::properties_of(cp, &p))
            database_missing();
        if (!is_ucd(self))
            return p;
        if (!assigned_3_2_0(cp)) {
            // As CPython: unassigned then, whatever they are now (digit() ignores the version).
            std::strcpy(p.category, "Cn");
            p.bidirectional.clear();
            p.combining = 0;
            p.east_asian_width = "F";
            p.mirrored = false;
            p.decomposition.clear();
            p.decimal = -1;
            p.has_numeric = false;
        } else if (Ucd32Change const* c = change_3_2_0(cp)) {
            std::strcpy(p.category, c->category);
            p.bidirectional = c->bidirectional;
            p.east_asian_width = c->east_asian_width;
            p.mirrored = c->mirrored != 0;
            p.decimal = c->decimal;
            p.has_numeric = c->numeric != -1.0;
            p.numeric = p.has_numeric ? c->numeric : 0;
        }
        return p;
    }

// One-argument property functions: category(chr), bidirectional(chr), ...
#define PROPERTY_FN(fname, expr)                                                                   \
    Value u_##fname(Value self, Value const* args, size_t nargs, TupleObject* kwnames)             \
    {                                                                                              \
        check_nargs("unicodedata." #fname, nargs, kwnames, 1, 1);                                  \
        unicode::CharProperties p = props(self, char_arg(#fname, "argument", args[0]));            \
        return expr;                                                                               \
    }
    PROPERTY_FN(category, Value(str_from_ascii(p.category)))
    PROPERTY_FN(bidirectional, Value(str_from_ascii(p.bidirectional)))
    PROPERTY_FN(combining, Value::small_int(p.combining))
    PROPERTY_FN(east_asian_width, Value(str_from_ascii(p.east_asian_width)))
    PROPERTY_FN(mirrored, Value::small_int(p.mirrored ? 1 : 0))
    PROPERTY_FN(decomposition, Value(str_from_ascii(p.decomposition)))
#undef PROPERTY_FN

// decimal(chr[, default]) and its kin: the value, else the default, else ValueError.
void value_args(char const* fname, Value const* args, size_t nargs, TupleObject* kwnames, uint32_t* cp)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "unicodedata.%s() takes no keyword arguments", fname);
    if (nargs < 1 || nargs > 2) {
        if (nargs < 1)
            raise(&exc::TypeError, "%s expected at least 1 argument, got %zu", fname, nargs);
        raise(&exc::TypeError, "%s expected at most 2 arguments, got %zu", fname, nargs);
    }
    *cp = char_arg(fname, "argument 1", args[0]);
}

Value u_decimal(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    uint32_t cp;
    value_args("decimal", args, nargs, kwnames, &cp);
    unicode::CharProperties p = props(self, cp);
    if (p.decimal >= 0)
        return Value::small_int(p.decimal);
    if (nargs == 2)
        return args[1];
    raise(&exc::ValueError, "not a decimal");
}

Value u_digit(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    uint32_t cp;
    value_args("digit", args, nargs, kwnames, &cp);
    unicode::CharProperties p = props(self, cp);
    if (p.digit >= 0)
        return Value::small_int(p.digit);
    if (nargs == 2)
        return args[1];
    raise(&exc::ValueError, "not a digit");
}

Value u_numeric(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    uint32_t cp;
    value_args("numeric", args, nargs, kwnames, &cp);
    unicode::CharProperties p = props(self, cp);
    if (p.has_numeric)
        return float_new(p.numeric);
    if (nargs == 2)
        return args[1];
    raise(&exc::ValueError, "not a numeric character");
}

Value u_name(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    uint32_t cp;
    value_args("name", args, nargs, kwnames, &cp);
    std::string name;
    if ((!is_ucd(self) || assigned_3_2_0(cp)) && unicode::name_of(cp, &name))
        return Value(str_from_ascii(name));
    if (!unicode::database_available(nullptr))
        database_missing();
    if (nargs == 2)
        return args[1];
    raise(&exc::ValueError, "no such name");
}

// Whether lookup() of [name] in Unicode 3.2.0 may answer [cp]. As CPython: Hangul syllables and
// CJK unified ideographs by their algorithmic names (in the current ranges), other code points
// only if assigned in 3.2.0 and by their own names (no aliases, no named sequences).
bool lookup_3_2_0(std::string const& name, std::u32string const& cps)
{
    if (cps.size() != 1)
        return false;
    std::string upper = name;
    for (char& c : upper)
        c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (upper.starts_with("HANGUL SYLLABLE ") || upper.starts_with("CJK UNIFIED IDEOGRAPH-"))
        return true;
    std::string own;
    return assigned_3_2_0(cps[0]) && unicode::name_of(cps[0], &own) && own == upper;
}

Value u_lookup(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("unicodedata.lookup", nargs, kwnames, 1, 1);
    std::string name;
    if (is_str(args[0])) {
        StrObject* s = args[0].as<StrObject>();
        for (int64_t i = 0; i < s->m_length; ++i)
            if (s->at(i) >= 0xD800 && s->at(i) <= 0xDFFF)
                raise(&exc::UnicodeEncodeError, "'utf-8' codec can't encode character '\\u%04x' in position %lld: "
                    "surrogates not allowed", s->at(i), static_cast<long long>(i));
        name = str_utf8(s);
    } else if (is_bytes(args[0])) {
        BytesObject* b = args[0].as<BytesObject>();
        name.assign(reinterpret_cast<char const*>(b->data()), static_cast<size_t>(b->m_size));
    } else {
        raise(&exc::TypeError, "a bytes-like object is required, not '%s'", type_name(args[0]).c_str());
    }
    std::string err;
    if (!unicode::database_available(&err))
        raise(&exc::KeyError, "%s", err.c_str());
    if (name.size() > unicode::MAX_NAME_LENGTH)
        raise(&exc::KeyError, "name too long");
    std::u32string out;
    if (!unicode::lookup(name, !is_ucd(self), &out) || (is_ucd(self) && !lookup_3_2_0(name, out)))
        raise(&exc::KeyError, "undefined character name '%s'", name.c_str());
    std::vector<uint32_t> cps(out.begin(), out.end());
    return Value(str_from_codepoints(cps.data(), cps.size()));
}

// The utf8proc options of a normalization form name; false if it names none.
bool form_options(std::string const& form, int* options)
{
    int base = UTF8PROC_STABLE;
    if (form == "NFC")
        *options = base | UTF8PROC_COMPOSE;
    else if (form == "NFD")
        *options = base | UTF8PROC_DECOMPOSE;
    else if (form == "NFKC")
        *options = base | UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
    else if (form == "NFKD")
        *options = base | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
    else
        return false;
    return true;
}

// The 3.2.0 decompositions that Unicode 4.0 corrected (NormalizationCorrections.txt): the
// erroneous one is what normalization in 3.2.0 produces.
constexpr std::pair<uint32_t, uint32_t> k_corrections_3_2_0[] = {
    { 0x2F868, 0x2136A },
    { 0x2F874, 0x5F33 },
    { 0x2F91F, 0x43AB },
    { 0x2F95F, 0x7AAE },
    { 0x2F9BF, 0x4D57 },
};

// U+11A7, the base of the Hangul trailing consonants, is itself no trailing consonant: an LV
// syllable followed by it stays two characters. utf8proc's composition takes it for one and
// drops it, so composition runs on each stretch between two of them. U+11A7 has no combining
// class and takes part in no composition, so nothing composes or reorders across it.
constexpr utf8proc_int32_t k_hangul_t_base = 0x11A7;

// Appends the full decomposition of [cp] in Unicode 3.2.0 to [out].
void decompose_3_2_0(uint32_t cp, int options, std::vector<utf8proc_int32_t>& out)
{
    for (auto const& [from, to] : k_corrections_3_2_0)
        if (cp == from)
            return decompose_3_2_0(to, options, out);
    if (!assigned_3_2_0(cp)) {
        out.push_back(static_cast<utf8proc_int32_t>(cp));
        return;
    }
    utf8proc_int32_t buf[32];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buf, 32,
        static_cast<utf8proc_option_t>(
            (options & (UTF8PROC_COMPAT | UTF8PROC_STABLE)) | UTF8PROC_DECOMPOSE),
        &boundclass);
    if (n < 0 || n > 32)
        raise(&exc::ValueError, "normalize(): cannot decompose U+%04X", cp);
    out.insert(out.end(), buf, buf + n);
}

// normalize() as Unicode 3.2.0 did it: decomposition with the 3.2.0 data, canonical ordering,
// then composition (the current composition data, as in CPython).
std::vector<utf8proc_int32_t> normalize_3_2_0(StrObject* s, int options)
{
    std::vector<utf8proc_int32_t> cps;
    for (int64_t i = 0; i < s->m_length; ++i)
        decompose_3_2_0(s->at(i), options, cps);
    // Canonical ordering: a stable sort of each run of non-starters by combining class.
    size_t pos = 0;
    while (pos + 1 < cps.size()) {
        int c1 = utf8proc_get_property(cps[pos])->combining_class;
        int c2 = utf8proc_get_property(cps[pos + 1])->combining_class;
        if (c1 > c2 && c2 > 0) {
            std::swap(cps[pos], cps[pos + 1]);
            pos = pos > 0 ? pos - 1 : pos + 1;
        } else {
            ++pos;
        }
    }
    if (!(options & UTF8PROC_COMPOSE))
        return cps;
    // Each stretch between two U+11A7 composed alone (see k_hangul_t_base).
    std::vector<utf8proc_int32_t> out;
    size_t begin = 0;
    while (begin <= cps.size()) {
        size_t end = begin;
        while (end < cps.size() && cps[end] != k_hangul_t_base)
            ++end;
        std::vector<utf8proc_int32_t> part(
            cps.begin() + static_cast<ptrdiff_t>(begin), cps.begin() + static_cast<ptrdiff_t>(end));
        if (!part.empty()) {
            utf8proc_ssize_t n
                = utf8proc_normalize_utf32(part.data(), static_cast<utf8proc_ssize_t>(part.size()),
                    static_cast<utf8proc_option_t>(options & (UTF8PROC_COMPOSE | UTF8PROC_STABLE)));
            if (n < 0)
                raise(&exc::ValueError, "normalize(): %s", utf8proc_errmsg(n));
            out.insert(out.end(), part.begin(), part.begin() + n);
        }
        if (end < cps.size())
            out.push_back(k_hangul_t_base);
        begin = end + 1;
    }
    return out;
}

// utf8proc_map() of [in], each stretch between two U+11A7 mapped alone when composing (see
// k_hangul_t_base).
std::string map_utf8(char const* fname, std::string const& in, int options)
{
    static constexpr std::string_view t_base = "\xE1\x86\xA7"; // U+11A7 in UTF-8
    if ((options & UTF8PROC_COMPOSE) && in.find(t_base) != std::string::npos) {
        std::string result;
        size_t begin = 0;
        for (;;) {
            size_t end = in.find(t_base, begin);
            result += map_utf8(fname, in.substr(begin, end - begin), options);
            if (end == std::string::npos)
                return result;
            result += t_base;
            begin = end + t_base.size();
        }
    }
    utf8proc_uint8_t* out = nullptr;
    utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<utf8proc_uint8_t const*>(in.data()),
        static_cast<utf8proc_ssize_t>(in.size()), &out, static_cast<utf8proc_option_t>(options));
    if (n < 0)
        raise(&exc::ValueError, "%s(): %s", fname, utf8proc_errmsg(n));
    std::string result(reinterpret_cast<char*>(out), static_cast<size_t>(n));
    std::free(out);
    return result;
}

Value normalized(Value self, char const* fname, Value const* args, size_t nargs,
    TupleObject* kwnames, bool* same)
{
    check_nargs(fname, nargs, kwnames, 2, 2);
    char const* bare = std::strchr(fname, '.') + 1;
    if (!is_str(args[0]))
        raise(&exc::TypeError, "%s() argument 1 must be str, not %s", bare, type_name(args[0]).c_str());
    if (!is_str(args[1]))
        raise(&exc::TypeError, "%s() argument 2 must be str, not %s", bare, type_name(args[1]).c_str());
    int options = 0;
    if (!form_options(str_utf8(args[0]), &options))
        raise(&exc::ValueError, "invalid normalization form");
    StrObject* s = args[1].as<StrObject>();
    if (s->m_ascii) {
        // ASCII text is invariant under every normalization form.
        *same = true;
        return args[1];
    }
    if (is_ucd(self)) {
        std::vector<utf8proc_int32_t> cps = normalize_3_2_0(s, options);
        *same = static_cast<int64_t>(cps.size()) == s->m_length;
        for (size_t i = 0; *same && i < cps.size(); ++i)
            *same = static_cast<uint32_t>(cps[i]) == s->at(static_cast<int64_t>(i));
        if (*same)
            return args[1];
        std::vector<uint32_t> out(cps.begin(), cps.end());
        return Value(str_from_codepoints(out.data(), out.size()));
    }
    std::string in = str_utf8(s);
    std::string result = map_utf8(bare, in, options);
    *same = result == in;
    return *same ? args[1] : Value(str_from_utf8(result));
}

Value u_normalize(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    bool same;
    return normalized(self, "unicodedata.normalize", args, nargs, kwnames, &same);
}

Value u_is_normalized(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    bool same;
    normalized(self, "unicodedata.is_normalized", args, nargs, kwnames, &same);
    return py_bool(same);
}

Value ucd_version(Value) { return Value(str_from_ascii("3.2.0")); }

Value ucd_no_new(Value, Value const*, size_t, TupleObject*)
{
    raise(&exc::TypeError, "cannot create 'unicodedata.UCD' instances");
}

MethodDef const s_methods[] = {
    { "lookup", u_lookup },
    { "name", u_name },
    { "category", u_category },
    { "bidirectional", u_bidirectional },
    { "combining", u_combining },
    { "east_asian_width", u_east_asian_width },
    { "mirrored", u_mirrored },
    { "decomposition", u_decomposition },
    { "decimal", u_decimal },
    { "digit", u_digit },
    { "numeric", u_numeric },
    { "normalize", u_normalize },
    { "is_normalized", u_is_normalized },
    { nullptr, nullptr },
};

Value s_ucd_3_2_0; // the one UCD instance (a root)

} // namespace

void setup_unicodedata_types()
{
    init_static_type(&ucd_type, "unicodedata.UCD", nullptr, sizeof(UcdObject), 0);
}

void init_unicodedata_types()
{
    add_methods(&ucd_type, s_methods);
    // Static: the type's methods keep pointers to their definitions.
    static MethodDef const no_new[]
        = { { "__new__", ucd_no_new, METH_STATIC }, { nullptr, nullptr } };
    add_methods(&ucd_type, no_new);
    add_member(&ucd_type, "unidata_version", ucd_version);
}

ModuleObject* init_unicodedata_module()
{
    ModuleObject* m = module_new("unicodedata");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__,
        Value(str_from_ascii("This module provides access to the Unicode Character Database which\n"
                             "defines character properties for all Unicode characters. The data in\n"
                             "this database is based on the UnicodeData.txt file version\n"
                             "14.0.0 which is publicly available from ftp://ftp.unicode.org/.\n\n"
                             "The module uses the same names and symbols as defined by the\n"
                             "UnicodeData File Format 14.0.0.")));
    for (MethodDef const* def = s_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    dict_set_cstr(d, "unidata_version", Value(str_from_ascii("14.0.0")));
    if (s_ucd_3_2_0.is_null()) {
        s_ucd_3_2_0 = Value(gc::make<UcdObject>(&ucd_type));
        gc::add_root(&s_ucd_3_2_0);
    }
    dict_set_cstr(d, "UCD", Value(&ucd_type));
    dict_set_cstr(d, "ucd_3_2_0", s_ucd_3_2_0);
    return m;
}

} // namespace pystm
