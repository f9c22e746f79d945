// The _sre module: the constants re._constants and re._compiler check (MAGIC, CODESIZE,
// MAXREPEAT, MAXGROUPS), compile(), the case helpers the compiler uses to build IGNORECASE
// code, and the set-up hooks of the Pattern, Match and Scanner types.
#include "modules/builtin_modules.h"
#include "modules/sre/sre_objects.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/str_object.h"

namespace pystm {

namespace {

using namespace sre;

uint32_t char_arg(char const* fname, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args(fname, args, nargs, kw, { "character", "/" }, 1, a);
    int64_t v = py_index_i64(a[0]);
    if (v < INT32_MIN || v > INT32_MAX)
        raise(&exc::OverflowError, "Python int too large to convert to C int");
    return static_cast<uint32_t>(v);
}

Value sre_getcodesize(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("getcodesize", nargs, kw, 0, 0);
    return Value::small_int(sizeof(Code));
}

Value sre_ascii_iscased(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    return py_bool(ascii_iscased(char_arg("ascii_iscased", args, nargs, kw)));
}

Value sre_unicode_iscased(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    uint32_t ch = char_arg("unicode_iscased", args, nargs, kw);
    return py_bool(ch <= 0x10FFFF && unicode_iscased(ch));
}

Value sre_ascii_tolower(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    uint32_t ch = char_arg("ascii_tolower", args, nargs, kw);
    return int_from_i64(ch < 128 ? lower_ascii(ch) : ch);
}

Value sre_unicode_tolower(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    uint32_t ch = char_arg("unicode_tolower", args, nargs, kw);
    return int_from_i64(ch <= 0x10FFFF ? lower_unicode(ch) : ch);
}

MethodDef const s_sre_functions[] = {
    { "compile", sre_compile },
    { "getcodesize", sre_getcodesize },
    { "ascii_iscased", sre_ascii_iscased },
    { "unicode_iscased", sre_unicode_iscased },
    { "ascii_tolower", sre_ascii_tolower },
    { "unicode_tolower", sre_unicode_tolower },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* init_sre_module()
{
    ModuleObject* m = module_new("_sre");
    DictObject* d = m->m_dict;
    for (MethodDef const* def = s_sre_functions; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    dict_set_cstr(d, "MAGIC", int_from_i64(MAGIC));
    dict_set_cstr(d, "CODESIZE", Value::small_int(sizeof(Code)));
    dict_set_cstr(d, "MAXREPEAT", int_from_u64(MAXREPEAT));
    dict_set_cstr(d, "MAXGROUPS", int_from_i64(MAXGROUPS));
    dict_set_cstr(d, "copyright", Value(str_from_ascii(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ")));
    return m;
}

void setup_sre_types()
{
    setup_pattern_type();
    setup_match_types();
}

void init_sre_types()
{
    init_pattern_type();
    init_match_types();
}

} // namespace pystm
