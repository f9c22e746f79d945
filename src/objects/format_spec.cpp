// The format-spec mini-language parser and the padding/grouping layout helpers
// (objects/format_spec.h), plus str.__format__. Works on code points so that any fill
// character (including NUL and non-ASCII) is kept exactly.
#include "objects/format_spec.h"
#include "base/utf8.h"
#include "objects/exceptions.h"
#include "objects/str_object.h"
#include <vector>

namespace pystm {

namespace {

bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '^' || c == '='; }

void append_fill(std::string& out, uint32_t fill, int64_t n)
{
    if (n <= 0)
        return;
    if (fill < 0x80) {
        out.append(static_cast<size_t>(n), static_cast<char>(fill));
        return;
    }
    std::string one;
    append_utf8(one, fill);
    for (int64_t i = 0; i < n; i++)
        out += one;
}

// Parses a run of decimal digits starting at [pos]; -1 if there are none.
int64_t parse_number(std::vector<uint32_t> const& cp, size_t& pos)
{
    int64_t value = -1;
    while (pos < cp.size() && cp[pos] >= '0' && cp[pos] <= '9') {
        int64_t digit = cp[pos] - '0';
        if (value < 0)
            value = 0;
        if (__builtin_mul_overflow(value, int64_t(10), &value)
            || __builtin_add_overflow(value, digit, &value))
            raise(&exc::ValueError, "Too many decimal digits in format string");
        pos++;
    }
    return value;
}

[[noreturn]] void invalid_grouping(char grouping, uint32_t type)
{
    if (type > 32 && type < 128)
        raise(&exc::ValueError, "Cannot specify '%c' with '%c'.", grouping, static_cast<char>(type));
    raise(&exc::ValueError, "Cannot specify '%c' with '\\x%x'.", grouping, type);
}

FormatSpec parse_code_points(std::vector<uint32_t> const& cp, std::string_view text,
    char default_align, uint32_t default_type, char const* type_name)
{
    FormatSpec f;
    f.align = default_align;
    f.type = default_type;
    size_t pos = 0;
    size_t end = cp.size();
    if (end - pos >= 2 && is_align(cp[pos + 1])) {
        f.fill = cp[pos];
        f.align = static_cast<char>(cp[pos + 1]);
        f.fill_given = f.align_given = true;
        pos += 2;
    } else if (end - pos >= 1 && is_align(cp[pos])) {
        f.align = static_cast<char>(cp[pos]);
        f.align_given = true;
        pos++;
    }
    if (pos < end && (cp[pos] == '+' || cp[pos] == '-' || cp[pos] == ' ')) {
        f.sign = static_cast<char>(cp[pos]);
        pos++;
    }
    if (pos < end && cp[pos] == 'z') {
        f.no_neg_zero = true;
        pos++;
    }
    if (pos < end && cp[pos] == '#') {
        f.alternate = true;
        pos++;
    }
    // The '0' flag: only when no fill was written; it also implies '=' for numbers.
    if (!f.fill_given && pos < end && cp[pos] == '0') {
        f.zero_pad = true;
        f.fill = '0';
        if (!f.align_given && default_align == '>')
            f.align = '=';
        pos++;
    }
    f.width = parse_number(cp, pos);
    if (pos < end && cp[pos] == ',') {
        f.grouping = ',';
        pos++;
    }
    if (pos < end && cp[pos] == '_') {
        if (f.grouping)
            raise(&exc::ValueError, "Cannot specify both ',' and '_'.");
        f.grouping = '_';
        pos++;
    }
    if (pos < end && cp[pos] == ',' && f.grouping == '_')
        raise(&exc::ValueError, "Cannot specify both ',' and '_'.");
    if (pos < end && cp[pos] == '.') {
        pos++;
        f.precision = parse_number(cp, pos);
        if (f.precision < 0)
            raise(&exc::ValueError, "Format specifier missing precision");
    }
    if (end - pos > 1)
        raise(&exc::ValueError, "Invalid format specifier '%.*s' for object of type '%s'",
            static_cast<int>(text.size()), text.data(), type_name);
    if (end - pos == 1)
        f.type = cp[pos];
    if (f.grouping) {
        switch (f.type) {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (f.grouping == '_')
                break;
            invalid_grouping(f.grouping, f.type);
        default:
            invalid_grouping(f.grouping, f.type);
        }
    }
    return f;
}

} // namespace

FormatSpec parse_format_spec(std::string_view spec_utf8, char default_align, uint32_t default_type,
    char const* type_name)
{
    return parse_code_points(
        utf8_code_points(spec_utf8), spec_utf8, default_align, default_type, type_name);
}

FormatSpec parse_format_spec(StrObject* spec, char default_align, uint32_t default_type,
    char const* type_name)
{
    std::vector<uint32_t> cp(static_cast<size_t>(spec->m_length));
    for (int64_t i = 0; i < spec->m_length; i++)
        cp[static_cast<size_t>(i)] = spec->at(i);
    std::string text = str_utf8(spec);
    return parse_code_points(cp, text, default_align, default_type, type_name);
}

void format_unknown_code(uint32_t code, char const* type_name)
{
    if (code > 32 && code < 128)
        raise(&exc::ValueError, "Unknown format code '%c' for object of type '%s'",
            static_cast<char>(code), type_name);
    raise(&exc::ValueError, "Unknown format code '\\x%x' for object of type '%s'", code, type_name);
}

std::string format_pad(std::string_view text, int64_t len, FormatSpec const& spec)
{
    if (spec.width <= len)
        return std::string(text);
    int64_t pad = spec.width - len;
    int64_t left = 0;
    switch (spec.align) {
    case '<': left = 0; break;
    case '^': left = pad / 2; break;
    default: left = pad; break;
    }
    std::string out;
    out.reserve(text.size() + static_cast<size_t>(pad));
    append_fill(out, spec.fill, left);
    out += text;
    append_fill(out, spec.fill, pad - left);
    return out;
}

std::string format_number_layout(FormatSpec const& spec, std::string_view sign,
    std::string_view prefix, std::string_view digits, std::string_view rest, int group_size)
{
    int64_t n_other = static_cast<int64_t>(sign.size() + prefix.size() + rest.size());
    std::string body; // the (grouped) integer digits
    if (spec.grouping) {
        // With zero fill and '=' alignment the padding zeros are grouped too (they are digits).
        int64_t min_digits = 0;
        if (spec.fill == '0' && spec.align == '=' && spec.width > n_other)
            min_digits = spec.width - n_other;
        std::string rev;
        int64_t nd = static_cast<int64_t>(digits.size());
        int64_t count = 0; // digits emitted
        while (true) {
            bool have_real = count < nd;
            if (!have_real && static_cast<int64_t>(rev.size()) >= min_digits)
                break;
            if (count > 0 && count % group_size == 0)
                rev.push_back(spec.grouping);
            rev.push_back(have_real ? digits[static_cast<size_t>(nd - 1 - count)] : '0');
            count++;
        }
        body.assign(rev.rbegin(), rev.rend());
    } else {
        body = std::string(digits);
    }
    int64_t len = n_other + static_cast<int64_t>(body.size());
    std::string out;
    if (spec.align == '=' && spec.width > len) {
        out += sign;
        out += prefix;
        append_fill(out, spec.fill, spec.width - len);
        out += body;
        out += rest;
        return out;
    }
    out.reserve(static_cast<size_t>(len));
    out += sign;
    out += prefix;
    out += body;
    out += rest;
    // The text is ASCII, so its length in code points is its size.
    return format_pad(out, len, spec);
}

StrObject* format_str(StrObject* s, StrObject* spec)
{
    if (spec->m_length == 0) {
        if (s->m_type == &str_type)
            return s;
        return str_substr(s, 0, s->m_length);
    }
    FormatSpec f = parse_format_spec(spec, '<', 's', "str");
    if (f.type != 's')
        format_unknown_code(f.type, "str");
    if (f.sign == ' ')
        raise(&exc::ValueError, "Space not allowed in string format specifier");
    if (f.sign)
        raise(&exc::ValueError, "Sign not allowed in string format specifier");
    if (f.no_neg_zero)
        raise(&exc::ValueError, "Negative zero coercion (z) not allowed in string format specifier");
    if (f.alternate)
        raise(&exc::ValueError, "Alternate form (#) not allowed in string format specifier");
    if (f.align == '=')
        raise(&exc::ValueError, "'=' alignment not allowed in string format specifier");
    int64_t len = s->m_length;
    if (f.precision >= 0 && f.precision < len)
        len = f.precision;
    if (f.width <= len) {
        if (len == s->m_length && s->m_type == &str_type)
            return s;
        return str_substr(s, 0, len);
    }
    std::string text = str_utf8(len == s->m_length ? s : str_substr(s, 0, len));
    return str_from_utf8(format_pad(text, len, f));
}

} // namespace pystm
