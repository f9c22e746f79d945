// int.__format__: the integer presentation types (b c d o x X n) with sign, '#', grouping and
// zero padding, and the float types (e E f F g G %) through float formatting, as CPython.
#include "objects/exceptions.h"
#include "objects/float_impl.h"
#include "objects/int_impl.h"
#include "objects/str_object.h"

namespace pystm {

StrObject* int_format(Value v, StrObject* spec)
{
    if (spec->m_length == 0)
        return py_str(v);
    std::string tname = type_of(v)->name_str();
    FormatSpec f = parse_format_spec(spec, '>', 'd', tname.c_str());
    switch (f.type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
        return str_from_utf8(float_format_spec(int_to_double(v), f, tname.c_str()));
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
        break;
    default:
        format_unknown_code(f.type, tname.c_str());
    }
    if (f.precision >= 0)
        raise(&exc::ValueError, "Precision not allowed in integer format specifier");
    if (f.no_neg_zero)
        raise(&exc::ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
    if (f.type == 'c') {
        if (f.sign)
            raise(&exc::ValueError, "Sign not allowed with integer format specifier 'c'");
        if (f.alternate)
            raise(&exc::ValueError, "Alternate form (#) not allowed with integer format specifier 'c'");
        int64_t cp;
        if (!int_to_i64(v, &cp) || cp < 0 || cp > 0x10FFFF)
            raise(&exc::OverflowError, "%%c arg not in range(0x110000)");
        std::string text = str_utf8(str_from_char(static_cast<uint32_t>(cp)));
        if (cp < 128)
            return str_from_utf8(format_number_layout(f, "", "", "", text, 3));
        return str_from_utf8(format_pad(text, 1, f));
    }
    int base = 10;
    char const* prefix = "";
    switch (f.type) {
    case 'b': base = 2; prefix = "0b"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': base = 16; prefix = "0x"; break;
    case 'X': base = 16; prefix = "0X"; break;
    default: break;
    }
    std::string digits = int_to_base(v, base, false);
    bool negative = !digits.empty() && digits[0] == '-';
    if (negative)
        digits.erase(0, 1);
    if (f.type == 'X')
        for (char& c : digits)
            if (c >= 'a' && c <= 'z')
                c = static_cast<char>(c - 32);
    char const* sign = negative ? "-" : f.sign == '+' ? "+" : f.sign == ' ' ? " " : "";
    return str_from_utf8(format_number_layout(f, sign, f.alternate ? prefix : "", digits, "",
        base == 10 ? 3 : 4));
}

} // namespace pystm
