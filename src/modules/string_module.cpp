// The _string module: formatter_parser and formatter_field_name_split, the parsers behind
// string.Formatter, with CPython 3.11's results and error messages.
//
// Both parse their whole argument when called and return an iterator over the results (CPython
// parses lazily; the difference shows only in when a ValueError for a malformed string is
// raised, which string.Formatter does not observe).
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"

namespace pystm {

namespace {

StrObject* str_arg(char const* fname, Value v)
{
    if (!is_str(v))
        raise(&exc::TypeError, "%s() argument must be str, not %s", fname, type_name(v).c_str());
    return v.as<StrObject>();
}

// A decimal index ("0", "12") as an int, or null when [s] is not all digits.
Value get_integer(StrObject* s, int64_t start, int64_t end)
{
    if (start >= end)
        return Value();
    int64_t v = 0;
    for (int64_t i = start; i < end; i++) {
        uint32_t c = s->at(i);
        if (c < '0' || c > '9')
            return Value();
        if (v > (INT64_MAX - 9) / 10)
            raise(&exc::ValueError, "Too many decimal digits in format string");
        v = v * 10 + (c - '0');
    }
    return int_from_i64(v);
}

Value fs_parser(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("formatter_parser", nargs, kw, 1, 1);
    StrObject* s = str_arg("formatter_parser", args[0]);
    int64_t pos = 0, end = s->m_length;
    ListObject* out = list_new();
    while (pos < end) {
        int64_t start = pos;
        uint32_t c = 0;
        bool markup = false;
        while (pos < end) {
            c = s->at(pos++);
            if (c == '{' || c == '}') {
                markup = true;
                break;
            }
        }
        bool at_end = pos >= end;
        int64_t len = pos - start;
        if (c == '}' && markup && (at_end || s->at(pos) != c))
            raise(&exc::ValueError, "Single '}' encountered in format string");
        if (at_end && c == '{' && markup)
            raise(&exc::ValueError, "Single '{' encountered in format string");
        if (!at_end && markup) {
            if (s->at(pos) == c) {
                pos++;
                markup = false;
            } else {
                len--;
            }
        }
        Value literal = str_substr(s, start, start + len);
        if (!markup) {
            list_append(out, tuple_of({ literal, none(), none(), none() }));
            continue;
        }
        // The field: name up to '}', ':' or '!' (brackets skip to their ']').
        int64_t name_start = pos;
        c = 0;
        while (pos < end) {
            c = s->at(pos++);
            if (c == '{')
                raise(&exc::ValueError, "unexpected '{' in field name");
            if (c == '[') {
                while (pos < end && s->at(pos) != ']')
                    pos++;
                continue;
            }
            if (c == '}' || c == ':' || c == '!')
                break;
        }
        Value name = str_substr(s, name_start, pos - 1 < name_start ? name_start : pos - 1);
        Value spec = str_empty();
        Value conversion = none();
        if (c == '!' || c == ':') {
            bool done = false;
            if (c == '!') {
                if (pos >= end)
                    raise(&exc::ValueError, "end of string while looking for conversion specifier");
                conversion = str_from_char(s->at(pos++));
                if (pos < end) {
                    uint32_t d = s->at(pos++);
                    if (d == '}')
                        done = true;
                    else if (d != ':')
                        raise(&exc::ValueError, "expected ':' after conversion specifier");
                }
            }
            if (!done) {
                int64_t spec_start = pos;
                int count = 1;
                bool closed = false;
                while (pos < end) {
                    uint32_t d = s->at(pos++);
                    if (d == '{') {
                        count++;
                    } else if (d == '}' && --count == 0) {
                        spec = str_substr(s, spec_start, pos - 1);
                        closed = true;
                        break;
                    }
                }
                if (!closed)
                    raise(&exc::ValueError, "unmatched '{' in format spec");
            }
        } else if (c != '}') {
            raise(&exc::ValueError, "expected '}' before end of string");
        }
        list_append(out, tuple_of({ literal, name, spec, conversion }));
    }
    return py_iter(out);
}

Value fs_field_name_split(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("formatter_field_name_split", nargs, kw, 1, 1);
    StrObject* s = str_arg("formatter_field_name_split", args[0]);
    int64_t end = s->m_length, pos = 0;
    while (pos < end && s->at(pos) != '.' && s->at(pos) != '[')
        pos++;
    Value first = get_integer(s, 0, pos);
    if (!first)
        first = str_substr(s, 0, pos);
    ListObject* rest = list_new();
    while (pos < end) {
        uint32_t c = s->at(pos++);
        bool is_attr;
        int64_t kstart = pos, kend;
        if (c == '.') {
            is_attr = true;
            while (pos < end && s->at(pos) != '.' && s->at(pos) != '[')
                pos++;
            kend = pos;
        } else if (c == '[') {
            is_attr = false;
            while (pos < end && s->at(pos) != ']')
                pos++;
            if (pos >= end)
                raise(&exc::ValueError, "Missing ']' in format string");
            kend = pos++;
            if (pos < end && s->at(pos) != '.' && s->at(pos) != '[')
                raise(&exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
        } else {
            raise(&exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
        }
        if (kstart == kend)
            raise(&exc::ValueError, "Empty attribute in format string");
        Value key = get_integer(s, kstart, kend);
        if (!key)
            key = str_substr(s, kstart, kend);
        list_append(rest, tuple_of({ py_bool(is_attr), key }));
    }
    return tuple_of({ first, py_iter(rest) });
}

MethodDef const module_methods[] = {
    { "formatter_parser", fs_parser },
    { "formatter_field_name_split", fs_field_name_split },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* init_string_module()
{
    ModuleObject* m = module_new("_string");
    dict_set_str(m->m_dict, names::__doc__, str_from_ascii("string helper module"));
    for (MethodDef const* d = module_methods; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    return m;
}

} // namespace pystm
