// The _locale module: setlocale, localeconv, nl_langinfo, strcoll, strxfrm, getencoding, the
// Error exception and the LC_* / nl_langinfo constants, over the C library's locale functions,
// as CPython 3.11.
//
// Text from the C library is decoded as UTF-8 with surrogateescape (pystm's locale encoding).
// The process locale is global C library state: setlocale() changes it for every thread, as in
// CPython. Caution: pystm code that formats numbers with the C library's printf family follows
// LC_NUMERIC, which CPython's own float formatting does not.
// The gettext functions are not provided (locale.py and gettext.py do not need them).
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <cerrno>
#include <climits>
#include <clocale>
#include <cstring>
#include <langinfo.h>
#include <string>
#include <vector>

namespace pystm {

namespace {

Value s_error; // locale.Error

Value decode_locale(char const* s)
{
    return codecs::utf8_decode(s ? std::string_view(s) : std::string_view(), "surrogateescape");
}

std::string encode_arg(char const* fname, Value v)
{
    if (!is_str(v))
        raise(&exc::TypeError, "%s() argument must be str, not %s", fname, type_name(v).c_str());
    std::string s = codecs::utf8_encode(v.as<StrObject>(), "surrogateescape");
    if (s.find('\0') != std::string::npos)
        raise(&exc::ValueError, "embedded null character");
    return s;
}

Value lc_setlocale(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("setlocale", args, nargs, kw, { "category", "locale", "/" }, 1, a);
    int64_t category = py_index_i64(a[0]);
    if (category < INT_MIN || category > INT_MAX)
        raise(&exc::OverflowError, "signed integer is greater than maximum");
    char const* result;
    if (a[1] && !is_none(a[1])) {
        std::string loc = encode_arg("setlocale", a[1]);
        result = std::setlocale(static_cast<int>(category), loc.c_str());
        if (!result)
            raise_value(exception_new(s_error.as<Type>(), { Value(str_from_ascii("unsupported locale setting")) }));
    } else {
        result = std::setlocale(static_cast<int>(category), nullptr);
        if (!result)
            raise_value(exception_new(s_error.as<Type>(), { Value(str_from_ascii("locale query failed")) }));
    }
    return decode_locale(result);
}

Value grouping_list(char const* g)
{
    ListObject* l = list_new();
    if (!g)
        return l;
    // The list ends after CHAR_MAX or after the last value (which repeats), as CPython's.
    for (; *g; g++) {
        list_append(l, Value::small_int(static_cast<unsigned char>(*g) == CHAR_MAX ? CHAR_MAX : *g));
        if (static_cast<unsigned char>(*g) == CHAR_MAX)
            break;
    }
    return l;
}

Value lc_localeconv(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("localeconv", nargs, kw, 0, 0);
    struct lconv const* lc = std::localeconv();
    DictObject* d = dict_new();
    auto put_str = [&](char const* k, char const* v) { dict_set_cstr(d, k, decode_locale(v)); };
    auto put_int = [&](char const* k, char v) { dict_set_cstr(d, k, Value::small_int(v)); };
    put_str("int_curr_symbol", lc->int_curr_symbol);
    put_str("currency_symbol", lc->currency_symbol);
    put_str("mon_decimal_point", lc->mon_decimal_point);
    put_str("mon_thousands_sep", lc->mon_thousands_sep);
    dict_set_cstr(d, "mon_grouping", grouping_list(lc->mon_grouping));
    put_str("positive_sign", lc->positive_sign);
    put_str("negative_sign", lc->negative_sign);
    put_int("int_frac_digits", lc->int_frac_digits);
    put_int("frac_digits", lc->frac_digits);
    put_int("p_cs_precedes", lc->p_cs_precedes);
    put_int("p_sep_by_space", lc->p_sep_by_space);
    put_int("n_cs_precedes", lc->n_cs_precedes);
    put_int("n_sep_by_space", lc->n_sep_by_space);
    put_int("p_sign_posn", lc->p_sign_posn);
    put_int("n_sign_posn", lc->n_sign_posn);
    put_str("decimal_point", lc->decimal_point);
    put_str("thousands_sep", lc->thousands_sep);
    dict_set_cstr(d, "grouping", grouping_list(lc->grouping));
    return d;
}

// The nl_langinfo items CPython exposes.
struct LangInfo {
    char const* name;
    nl_item item;
};
LangInfo const s_langinfo[] = {
    { "CODESET", CODESET }, { "D_T_FMT", D_T_FMT }, { "D_FMT", D_FMT }, { "T_FMT", T_FMT },
    { "T_FMT_AMPM", T_FMT_AMPM }, { "AM_STR", AM_STR }, { "PM_STR", PM_STR },
    { "DAY_1", DAY_1 }, { "DAY_2", DAY_2 }, { "DAY_3", DAY_3 }, { "DAY_4", DAY_4 }, { "DAY_5", DAY_5 },
    { "DAY_6", DAY_6 }, { "DAY_7", DAY_7 },
    { "ABDAY_1", ABDAY_1 }, { "ABDAY_2", ABDAY_2 }, { "ABDAY_3", ABDAY_3 }, { "ABDAY_4", ABDAY_4 },
    { "ABDAY_5", ABDAY_5 }, { "ABDAY_6", ABDAY_6 }, { "ABDAY_7", ABDAY_7 },
    { "MON_1", MON_1 }, { "MON_2", MON_2 }, { "MON_3", MON_3 }, { "MON_4", MON_4 }, { "MON_5", MON_5 },
    { "MON_6", MON_6 }, { "MON_7", MON_7 }, { "MON_8", MON_8 }, { "MON_9", MON_9 }, { "MON_10", MON_10 },
    { "MON_11", MON_11 }, { "MON_12", MON_12 },
    { "ABMON_1", ABMON_1 }, { "ABMON_2", ABMON_2 }, { "ABMON_3", ABMON_3 }, { "ABMON_4", ABMON_4 },
    { "ABMON_5", ABMON_5 }, { "ABMON_6", ABMON_6 }, { "ABMON_7", ABMON_7 }, { "ABMON_8", ABMON_8 },
    { "ABMON_9", ABMON_9 }, { "ABMON_10", ABMON_10 }, { "ABMON_11", ABMON_11 }, { "ABMON_12", ABMON_12 },
    { "RADIXCHAR", RADIXCHAR }, { "THOUSEP", THOUSEP }, { "YESEXPR", YESEXPR }, { "NOEXPR", NOEXPR },
    { "CRNCYSTR", CRNCYSTR }, { "ERA", ERA }, { "ERA_D_FMT", ERA_D_FMT }, { "ERA_D_T_FMT", ERA_D_T_FMT },
    { "ERA_T_FMT", ERA_T_FMT }, { "ALT_DIGITS", ALT_DIGITS },
};

Value lc_nl_langinfo(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("nl_langinfo", nargs, kw, 1, 1);
    int64_t key = py_index_i64(args[0]);
    for (LangInfo const& li : s_langinfo)
        if (static_cast<int64_t>(li.item) == key)
            return decode_locale(nl_langinfo(li.item));
    raise(&exc::ValueError, "unsupported langinfo constant");
}

Value lc_strcoll(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("strcoll", nargs, kw, 2, 2);
    // wcscoll on the code points, as CPython.
    auto wide = [](char const* fname, Value v) {
        if (!is_str(v))
            raise(&exc::TypeError, "%s() argument must be str, not %s", fname, type_name(v).c_str());
        StrObject* s = v.as<StrObject>();
        std::wstring w;
        for (int64_t i = 0; i < s->m_length; i++) {
            if (s->at(i) == 0)
                raise(&exc::ValueError, "embedded null character");
            w.push_back(static_cast<wchar_t>(s->at(i)));
        }
        return w;
    };
    std::wstring a = wide("strcoll", args[0]), b = wide("strcoll", args[1]);
    return Value::small_int(wcscoll(a.c_str(), b.c_str()));
}

Value lc_strxfrm(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("strxfrm", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "strxfrm() argument must be str, not %s", type_name(args[0]).c_str());
    StrObject* s = args[0].as<StrObject>();
    std::wstring w;
    for (int64_t i = 0; i < s->m_length; i++) {
        if (s->at(i) == 0)
            raise(&exc::ValueError, "embedded null character");
        w.push_back(static_cast<wchar_t>(s->at(i)));
    }
    size_t n = wcsxfrm(nullptr, w.c_str(), 0);
    std::vector<wchar_t> out(n + 1);
    wcsxfrm(out.data(), w.c_str(), n + 1);
    std::vector<uint32_t> cps(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n));
    return str_from_codepoints(cps.data(), cps.size());
}

Value lc_getencoding(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("getencoding", nargs, kw, 0, 0);
    char const* codeset = nl_langinfo(CODESET);
    if (!codeset || !*codeset)
        return str_from_ascii("utf-8");
    return decode_locale(codeset);
}

MethodDef const module_methods[] = {
    { "setlocale", lc_setlocale },
    { "localeconv", lc_localeconv },
    { "nl_langinfo", lc_nl_langinfo },
    { "strcoll", lc_strcoll },
    { "strxfrm", lc_strxfrm },
    { "getencoding", lc_getencoding },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* init_locale_module()
{
    if (!s_error) {
        DictObject* ns = dict_new();
        dict_set_str(ns, names::__module__, str_from_ascii("locale"));
        s_error = type_new(&type_type, intern("Error"), tuple_of({ Value(&exc::Exception) }), ns, nullptr);
        gc::add_root(&s_error);
    }
    // CPython sets LC_CTYPE from the environment at start-up, coercing the C locale to C.UTF-8
    // (PEP 538); pystm does it when the locale machinery is first imported.
    static bool ctype_done = false;
    if (!ctype_done) {
        ctype_done = true;
        char const* ct = std::setlocale(LC_CTYPE, "");
        if (!ct || std::strcmp(ct, "C") == 0 || std::strcmp(ct, "POSIX") == 0)
            if (!std::setlocale(LC_CTYPE, "C.UTF-8"))
                std::setlocale(LC_CTYPE, "C.utf8");
    }
    ModuleObject* m = module_new("_locale");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, str_from_ascii("Support for POSIX locales."));
    for (MethodDef const* def = module_methods; def->name; def++)
        dict_set_cstr(d, def->name, builtin_function_new(def, m));
    dict_set_cstr(d, "Error", s_error);
    dict_set_cstr(d, "CHAR_MAX", Value::small_int(CHAR_MAX));
    struct {
        char const* name;
        int value;
    } const categories[] = {
        { "LC_CTYPE", LC_CTYPE }, { "LC_COLLATE", LC_COLLATE }, { "LC_TIME", LC_TIME },
        { "LC_MONETARY", LC_MONETARY }, { "LC_NUMERIC", LC_NUMERIC }, { "LC_ALL", LC_ALL },
        { "LC_MESSAGES", LC_MESSAGES },
    };
    for (auto const& c : categories)
        dict_set_cstr(d, c.name, Value::small_int(c.value));
    for (LangInfo const& li : s_langinfo)
        dict_set_cstr(d, li.name, Value::small_int(static_cast<int64_t>(li.item)));
    return m;
}

} // namespace pystm
