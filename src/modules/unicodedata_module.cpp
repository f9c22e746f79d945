// The unicodedata module: lookup, name, category, bidirectional, combining, east_asian_width,
// mirrored, decomposition, decimal, digit, numeric, normalize, is_normalized and
// unidata_version ("14.0.0"), on top of the database of base/unicode_names.h (read lazily from
// Debian's unicode-data files; a missing database raises KeyError from lookup() and RuntimeError
// elsewhere, naming the file). Normalization uses utf8proc. ucd_3_2_0 (the Unicode 3.2 view the
// IDNA codec uses) is not provided: reaching it raises NotImplementedError.
#include "base/unicode_names.h"
#include "modules/builtin_modules.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include <cstdlib>
#include <cstring>
#include <vector>
#include <utf8proc.h>

namespace pystm {

namespace {

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
        raise(&exc::TypeError, "%s() %s must be a unicode character, not %s", fname, which, type_name(v).c_str());
    return v.as<StrObject>()->at(0);
}

unicode::CharProperties props(uint32_t cp)
{
    unicode::CharProperties p;
    if (!unicode::properties_of(cp, &p))
        database_missing();
    return p;
}

// One-argument property functions: category(chr), bidirectional(chr), ...
#define PROPERTY_FN(fname, expr)                                                                   \
    Value u_##fname(Value, Value const* args, size_t nargs, TupleObject* kwnames)                  \
    {                                                                                              \
        check_nargs("unicodedata." #fname, nargs, kwnames, 1, 1);                                  \
        unicode::CharProperties p = props(char_arg(#fname, "argument", args[0]));                  \
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

Value u_decimal(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    uint32_t cp;
    value_args("decimal", args, nargs, kwnames, &cp);
    unicode::CharProperties p = props(cp);
    if (p.decimal >= 0)
        return Value::small_int(p.decimal);
    if (nargs == 2)
        return args[1];
    raise(&exc::ValueError, "not a decimal");
}

Value u_digit(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    uint32_t cp;
    value_args("digit", args, nargs, kwnames, &cp);
    unicode::CharProperties p = props(cp);
    if (p.digit >= 0)
        return Value::small_int(p.digit);
    if (nargs == 2)
        return args[1];
    raise(&exc::ValueError, "not a digit");
}

Value u_numeric(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    uint32_t cp;
    value_args("numeric", args, nargs, kwnames, &cp);
    unicode::CharProperties p = props(cp);
    if (p.has_numeric)
        return float_new(p.numeric);
    if (nargs == 2)
        return args[1];
    raise(&exc::ValueError, "not a numeric character");
}

Value u_name(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    uint32_t cp;
    value_args("name", args, nargs, kwnames, &cp);
    std::string name;
    if (unicode::name_of(cp, &name))
        return Value(str_from_ascii(name));
    if (!unicode::database_available(nullptr))
        database_missing();
    if (nargs == 2)
        return args[1];
    raise(&exc::ValueError, "no such name");
}

Value u_lookup(Value, Value const* args, size_t nargs, TupleObject* kwnames)
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
    if (!unicode::lookup(name, true, &out))
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

Value normalized(char const* fname, Value const* args, size_t nargs, TupleObject* kwnames, bool* same)
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
    std::string in = str_utf8(s);
    utf8proc_uint8_t* out = nullptr;
    utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<utf8proc_uint8_t const*>(in.data()),
        static_cast<utf8proc_ssize_t>(in.size()), &out, static_cast<utf8proc_option_t>(options));
    if (n < 0)
        raise(&exc::ValueError, "%s(): %s", bare, utf8proc_errmsg(n));
    std::string result(reinterpret_cast<char*>(out), static_cast<size_t>(n));
    std::free(out);
    *same = result == in;
    return *same ? args[1] : Value(str_from_utf8(result));
}

Value u_normalize(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    bool same;
    return normalized("unicodedata.normalize", args, nargs, kwnames, &same);
}

Value u_is_normalized(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    bool same;
    normalized("unicodedata.is_normalized", args, nargs, kwnames, &same);
    return py_bool(same);
}

// PEP 562 hook: ucd_3_2_0 is the one attribute of CPython's module that pystm lacks.
Value u_getattr(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__getattr__", nargs, kwnames, 1, 1);
    std::string name = is_str(args[0]) ? str_utf8(args[0]) : "";
    if (name == "ucd_3_2_0" || name == "UCD")
        raise(&exc::NotImplementedError, "unicodedata.%s (the Unicode 3.2.0 database) is not available in pystm",
            name.c_str());
    raise(&exc::AttributeError, "module 'unicodedata' has no attribute '%s'", name.c_str());
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
    { "__getattr__", u_getattr },
    { nullptr, nullptr },
};

} // namespace

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
    return m;
}

} // namespace pystm
