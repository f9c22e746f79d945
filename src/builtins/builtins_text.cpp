// The text builtins: chr, ord, ascii, format (g_builtin_text_methods, see builtins.h).
#include "builtins/builtins.h"
#include "objects/bytes_internal.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/str_internal.h"

namespace pystm {

static Value builtin_chr(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("chr", nargs, kw, 1, 1);
    Value i = args[0];
    if (!is_int(i) && type_of(i)->special(SP_index).is_null())
        raise(&exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(i).c_str());
    int64_t x;
    if (!int_to_i64(py_number_index(i), &x) || x < INT32_MIN || x > INT32_MAX)
        raise(&exc::OverflowError, "Python int too large to convert to C int");
    if (x < 0 || x > 0x10FFFF)
        raise(&exc::ValueError, "chr() arg not in range(0x110000)");
    return Value(str_from_char(static_cast<uint32_t>(x)));
}

static Value builtin_ord(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("ord", nargs, kw, 1, 1);
    Value c = args[0];
    int64_t len;
    if (is_str(c)) {
        StrObject* s = c.as<StrObject>();
        if (s->m_length == 1)
            return Value::small_int(s->at(0));
        len = s->m_length;
    } else if (is_bytes(c)) {
        BytesObject* b = c.as<BytesObject>();
        if (b->m_size == 1)
            return Value::small_int(b->data()[0]);
        len = b->m_size;
    } else if (is_bytearray(c)) {
        std::string content = bytearray_copy(c.as<ByteArrayObject>());
        if (content.size() == 1)
            return Value::small_int(static_cast<unsigned char>(content[0]));
        len = static_cast<int64_t>(content.size());
    } else {
        raise(&exc::TypeError, "ord() expected string of length 1, but %s found", type_name(c).c_str());
    }
    raise(&exc::TypeError, "ord() expected a character, but string of length %lld found", static_cast<long long>(len));
}

static Value builtin_ascii(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("ascii", nargs, kw, 1, 1);
    return Value(py_ascii(args[0]));
}

static Value builtin_format(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    args_positional("format", "format", nargs, kw, 1, 2);
    StrObject* spec = str_empty();
    if (nargs > 1) {
        if (!is_str(args[1]))
            raise(&exc::TypeError, "format() argument 2 must be str, not %s", type_name(args[1]).c_str());
        spec = args[1].as<StrObject>();
    }
    return Value(py_format(args[0], spec));
}

MethodDef const g_builtin_text_methods[] = {
    { "chr", builtin_chr, METH_DEFAULT, "Return a Unicode string of one character with ordinal i; 0 <= i <= 0x10ffff." },
    { "ord", builtin_ord, METH_DEFAULT, "Return the Unicode code point for a one-character string." },
    { "ascii", builtin_ascii, METH_DEFAULT,
        "Return an ASCII-only representation of an object.\n\nAs repr(), return a string containing a printable "
        "representation of an\nobject, but escape the non-ASCII characters in the string returned by\nrepr() using "
        "\\\\x, \\\\u or \\\\U escapes. This generates a string similar\nto that returned by repr() in Python 2." },
    { "format", builtin_format, METH_DEFAULT,
        "Return value.__format__(format_spec)\n\nformat_spec defaults to the empty string.\nSee the Format Specification "
        "Mini-Language section of help('FORMATTING') for\ndetails." },
    { nullptr, nullptr },
};

} // namespace pystm
