// Text conversion of floats and complexes: repr (shortest round-trip, CPython's layout),
// the 'e' 'f' 'g' 'r' renderings of PyOS_double_to_string, and __format__ for float and
// complex. Digits come from std::to_chars, which is correctly rounded (round-half-even on the
// exact binary value) like CPython's dtoa, so results agree digit for digit.
#include "objects/float_impl.h"
#include "objects/exceptions.h"
#include "objects/str_object.h"
#include <charconv>
#include <cmath>

namespace pystm {

namespace {

std::string chars(double d, std::chars_format fmt, int precision)
{
    std::string buf(static_cast<size_t>(precision) + 400, '\0');
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), d, fmt, precision);
    buf.resize(static_cast<size_t>(r.ptr - buf.data()));
    return buf;
}

std::string chars_shortest(double d, std::chars_format fmt)
{
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d, fmt);
    return std::string(buf, r.ptr);
}

// The decimal exponent of a scientific rendering "d.ddde+XX".
int sci_exponent(std::string const& s)
{
    size_t e = s.find('e');
    return std::atoi(s.c_str() + e + 1);
}

void strip_trailing_zeros(std::string& mantissa)
{
    if (mantissa.find('.') == std::string::npos)
        return;
    while (!mantissa.empty() && mantissa.back() == '0')
        mantissa.pop_back();
    if (!mantissa.empty() && mantissa.back() == '.')
        mantissa.pop_back();
}

// Ensures a decimal point in a rendering (CPython's '#' flag): before the exponent if any.
void ensure_point(std::string& s)
{
    size_t e = s.find('e');
    std::string_view mant = std::string_view(s).substr(0, e);
    if (mant.find('.') != std::string_view::npos)
        return;
    if (e == std::string::npos)
        s.push_back('.');
    else
        s.insert(e, ".");
}

// |d| (finite, d >= 0) rendered per [mode].
std::string render_abs(double d, char mode, int precision, bool alternate, bool add_dot_0)
{
    std::string s;
    switch (mode) {
    case 'f':
        s = chars(d, std::chars_format::fixed, precision);
        if (alternate)
            ensure_point(s);
        return s;
    case 'e':
        s = chars(d, std::chars_format::scientific, precision);
        if (alternate)
            ensure_point(s);
        return s;
    case 'g': {
        if (precision == 0)
            precision = 1;
        std::string sci = chars(d, std::chars_format::scientific, precision - 1);
        int x = sci_exponent(sci);
        bool use_exp = x < -4 || x >= (add_dot_0 ? precision - 1 : precision);
        if (use_exp) {
            size_t e = sci.find('e');
            std::string mant = sci.substr(0, e);
            if (!alternate)
                strip_trailing_zeros(mant);
            s = mant + sci.substr(e);
        } else {
            s = chars(d, std::chars_format::fixed, precision - 1 - x);
            if (!alternate)
                strip_trailing_zeros(s);
        }
        if (add_dot_0 && !use_exp && s.find('.') == std::string::npos)
            s += ".0";
        if (alternate)
            ensure_point(s);
        return s;
    }
    default: { // 'r': shortest round-trip
        std::string sci = chars_shortest(d, std::chars_format::scientific);
        int x = sci_exponent(sci);
        if (x < -4 || x >= 16)
            s = sci;
        else
            s = chars_shortest(d, std::chars_format::fixed);
        if (add_dot_0 && s.find('e') == std::string::npos && s.find('.') == std::string::npos)
            s += ".0";
        if (alternate)
            ensure_point(s);
        return s;
    }
    }
}

void to_upper(std::string& s)
{
    for (char& c : s)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 32);
}

bool all_zero_digits(std::string const& body)
{
    for (char c : body) {
        if (c == 'e' || c == 'E')
            break;
        if (c >= '1' && c <= '9')
            return false;
    }
    return true;
}

// The pieces of one rendered float component for layout: sign and body.
struct Rendered {
    bool negative;
    std::string body;
    bool finite;
};

Rendered render(double d, char mode, int precision, bool alternate, bool add_dot_0, bool upper,
    bool no_neg_zero)
{
    Rendered r;
    r.finite = std::isfinite(d);
    r.negative = std::signbit(d) && !std::isnan(d);
    if (std::isnan(d))
        r.body = "nan";
    else if (std::isinf(d))
        r.body = "inf";
    else
        r.body = render_abs(std::fabs(d), mode, precision, alternate, add_dot_0);
    if (upper)
        to_upper(r.body);
    if (no_neg_zero && r.negative && r.finite && all_zero_digits(r.body))
        r.negative = false;
    return r;
}

std::string sign_text(bool negative, char sign_opt)
{
    if (negative)
        return "-";
    if (sign_opt == '+')
        return "+";
    if (sign_opt == ' ')
        return " ";
    return "";
}

// Inserts [sep] every three digits into the leading digit run of [body] (complex parts).
std::string group_digits(std::string const& body, char sep)
{
    if (!sep)
        return body;
    size_t n = 0;
    while (n < body.size() && body[n] >= '0' && body[n] <= '9')
        n++;
    std::string out;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out.push_back(sep);
        out.push_back(body[i]);
    }
    return out + body.substr(n);
}

} // namespace

std::string double_to_string(double d, char mode, int precision, bool alternate, bool add_dot_0)
{
    Rendered r = render(d, mode, precision, alternate, add_dot_0, false, false);
    return r.negative ? "-" + r.body : r.body;
}

std::string float_repr(double d) { return double_to_string(d, 'r', 0, false, true); }

std::string float_format_spec(double d, FormatSpec const& spec, char const* type_name)
{
    uint32_t type = spec.type;
    int64_t precision = spec.precision;
    bool add_dot_0 = false;
    std::string suffix;
    if (type == 'r')
        format_unknown_code(type, type_name); // 'r' is internal (repr), not a presentation type
    if (type == 0) {
        add_dot_0 = true;
        type = precision < 0 ? 'r' : 'g';
    } else if (type == 'n') {
        type = 'g';
    }
    bool upper = false;
    switch (type) {
    case 'E': case 'F': case 'G':
        upper = true;
        type = type + 32;
        break;
    case 'e': case 'f': case 'g': case 'r':
        break;
    case '%':
        type = 'f';
        d *= 100;
        suffix = "%";
        break;
    default:
        format_unknown_code(spec.type, type_name);
    }
    if (precision < 0)
        precision = 6;
    if (precision > 1000000000)
        raise(&exc::ValueError, "precision too big");
    Rendered r = render(d, static_cast<char>(type), static_cast<int>(precision), spec.alternate,
        add_dot_0, upper, spec.no_neg_zero);
    std::string sign = sign_text(r.negative, spec.sign);
    r.body += suffix;
    if (!r.finite) {
        FormatSpec s2 = spec;
        s2.grouping = 0;
        return format_number_layout(s2, sign, "", "", r.body, 3);
    }
    size_t ndig = 0;
    while (ndig < r.body.size() && r.body[ndig] >= '0' && r.body[ndig] <= '9')
        ndig++;
    return format_number_layout(spec, sign, "", std::string_view(r.body).substr(0, ndig),
        std::string_view(r.body).substr(ndig), 3);
}

StrObject* float_format(double d, StrObject* spec, char const* type_name)
{
    if (spec->m_length == 0)
        return str_from_ascii(float_repr(d));
    FormatSpec f = parse_format_spec(spec, '>', 0, type_name);
    return str_from_utf8(float_format_spec(d, f, type_name));
}

std::string complex_repr(double re, double im)
{
    std::string ims = double_to_string(im, 'r', 0, false, false);
    if (re == 0.0 && !std::signbit(re))
        return ims + "j";
    std::string res = double_to_string(re, 'r', 0, false, false);
    if (ims[0] != '-')
        ims = "+" + ims;
    return "(" + res + ims + "j)";
}

StrObject* complex_format(double re, double im, StrObject* spec, char const* type_name)
{
    if (spec->m_length == 0)
        return str_from_ascii(complex_repr(re, im));
    FormatSpec f = parse_format_spec(spec, '>', 0, type_name);
    switch (f.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n':
        break;
    default:
        format_unknown_code(f.type, type_name);
    }
    if (f.fill == '0')
        raise(&exc::ValueError, "Zero padding is not allowed in complex format specifier");
    if (f.align_given && f.align == '=')
        raise(&exc::ValueError, "'=' alignment flag is not allowed in complex format specifier");
    uint32_t type = f.type;
    int64_t precision = f.precision;
    bool parens = false, skip_re = false;
    if (type == 0) {
        type = precision < 0 ? 'r' : 'g';
        if (re == 0.0 && !std::signbit(re))
            skip_re = true;
        else
            parens = true;
    } else if (type == 'n') {
        type = 'g';
    }
    bool upper = false;
    switch (type) {
    case 'E': case 'F': case 'G':
        upper = true;
        type = type + 32;
        break;
    case 'e': case 'f': case 'g': case 'r':
        break;
    default:
        format_unknown_code(f.type, type_name);
    }
    if (precision < 0)
        precision = 6;
    int p = static_cast<int>(precision);
    std::string out;
    if (parens)
        out += "(";
    if (!skip_re) {
        Rendered r = render(re, static_cast<char>(type), p, f.alternate, false, upper, f.no_neg_zero);
        out += sign_text(r.negative, f.sign) + group_digits(r.body, f.grouping);
    }
    Rendered i = render(im, static_cast<char>(type), p, f.alternate, false, upper, f.no_neg_zero);
    out += skip_re ? sign_text(i.negative, f.sign) : (i.negative ? "-" : "+");
    out += group_digits(i.body, f.grouping);
    out += "j";
    if (parens)
        out += ")";
    return str_from_utf8(format_pad(out, static_cast<int64_t>(out.size()), f));
}

} // namespace pystm
