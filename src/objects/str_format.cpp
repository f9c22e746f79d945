// str.format / str.format_map (the replacement-field grammar: field names with attribute and
// index accessors, !r/!s/!a conversions, format specs with nested fields) and printf-style
// formatting for str ('%' with flags, width, precision, %(name)s mappings and every
// conversion). The number conversions are shared with bytes % (printf_format_number), and so
// are the argument walking and the flag/width/precision parsing (objects/printf_args.h).
//
// Formatting works on UTF-32 copies of the format string; results are built with StrBuilder and
// so respect STR-1.
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/printf_args.h"
#include "objects/str_internal.h"
#include "objects/tuple_object.h"
#include <cmath>
#include <cstring>
#include <vector>

namespace pystm {

// --- str.format ----------------------------------------------------------------------------------

namespace {

struct FormatState {
    Value const* args;
    size_t nargs;
    Value kwargs; // dict (format) or any mapping (format_map); null when none
    bool is_map; // format_map: positional fields are an error
    int auto_mode = 0; // 0 unknown, 1 automatic numbering, 2 manual
    int64_t auto_index = 0;
};

using U32 = std::u32string;

StrObject* u32_str(U32 const& s, size_t a, size_t b)
{
    uint32_t maxcp = 0;
    for (size_t i = a; i < b; i++)
        if (s[i] > maxcp)
            maxcp = s[i];
    return str_from_codepoints_max(reinterpret_cast<uint32_t const*>(s.data()) + a, b - a, maxcp);
}

// Parses an all-digit run as a non-negative index; -1 if not all digits (or empty).
int64_t parse_index(U32 const& s, size_t a, size_t b)
{
    if (a >= b)
        return -1;
    int64_t v = 0;
    for (size_t i = a; i < b; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        if (v > (INT64_MAX - 9) / 10)
            raise(&exc::ValueError, "Too many decimal digits in format string");
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

Value lookup_field(FormatState& st, U32 const& f, size_t a, size_t b)
{
    // arg_name: up to the first '.' or '['.
    size_t i = a;
    while (i < b && f[i] != '.' && f[i] != '[')
        i++;
    Value obj;
    int64_t idx = parse_index(f, a, i);
    if (a == i) {
        if (st.auto_mode == 2)
            raise(&exc::ValueError, "cannot switch from manual field specification to automatic field numbering");
        st.auto_mode = 1;
        idx = st.auto_index++;
    } else if (idx >= 0) {
        if (st.auto_mode == 1)
            raise(&exc::ValueError, "cannot switch from automatic field numbering to manual field specification");
        st.auto_mode = 2;
    }
    if (idx >= 0) {
        if (st.is_map)
            raise(&exc::ValueError, "Format string contains positional fields");
        if (static_cast<size_t>(idx) >= st.nargs)
            raise(&exc::IndexError, "Replacement index %lld out of range for positional args tuple",
                static_cast<long long>(idx));
        obj = st.args[idx];
    } else {
        StrObject* key = u32_str(f, a, i);
        if (st.kwargs.is_null())
            raise_value(exception_new(&exc::KeyError, { Value(key) }));
        if (!st.is_map) {
            obj = dict_get(st.kwargs.as<DictObject>(), Value(key));
            if (obj.is_null())
                raise_value(exception_new(&exc::KeyError, { Value(key) }));
        } else {
            obj = py_getitem(st.kwargs, Value(key));
        }
    }
    // Accessors.
    while (i < b) {
        if (f[i] == '.') {
            size_t j = ++i;
            while (j < b && f[j] != '.' && f[j] != '[')
                j++;
            if (j == i)
                raise(&exc::ValueError, "Empty attribute in format string");
            obj = py_getattr(obj, u32_str(f, i, j));
            i = j;
        } else if (f[i] == '[') {
            size_t j = ++i;
            while (j < b && f[j] != ']')
                j++;
            if (j >= b)
                raise(&exc::ValueError, "Missing ']' in format string");
            if (j == i)
                raise(&exc::ValueError, "Empty attribute in format string");
            int64_t k = parse_index(f, i, j);
            Value key = k >= 0 ? int_from_i64(k) : Value(u32_str(f, i, j));
            obj = py_getitem(obj, key);
            i = j + 1;
            if (i < b && f[i] != '.' && f[i] != '[')
                raise(&exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
        } else {
            raise(&exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
        }
    }
    return obj;
}

void render(FormatState& st, U32 const& f, size_t a, size_t b, int depth, StrBuilder& out)
{
    if (depth <= 0)
        raise(&exc::ValueError, "Max string recursion exceeded");
    size_t i = a;
    while (i < b) {
        uint32_t c = f[i];
        if (c == '}') {
            if (i + 1 < b && f[i + 1] == '}') {
                out.append('}');
                i += 2;
                continue;
            }
            raise(&exc::ValueError, "Single '}' encountered in format string");
        }
        if (c != '{') {
            out.append(c);
            i++;
            continue;
        }
        if (i + 1 < b && f[i + 1] == '{') {
            out.append('{');
            i += 2;
            continue;
        }
        if (i + 1 >= b)
            raise(&exc::ValueError, "Single '{' encountered in format string");
        // Field name: up to '}', '!' or ':', skipping over [...] keys.
        size_t j = i + 1;
        while (j < b && f[j] != '}' && f[j] != '!' && f[j] != ':') {
            if (f[j] == '{')
                raise(&exc::ValueError, "unexpected '{' in field name");
            if (f[j] == '[') {
                while (j < b && f[j] != ']')
                    j++;
                if (j >= b)
                    break;
            }
            j++;
        }
        if (j >= b)
            raise(&exc::ValueError, "expected '}' before end of string");
        size_t name_end = j;
        uint32_t conv = 0;
        if (f[j] == '!') {
            j++;
            if (j >= b)
                raise(&exc::ValueError, "end of string while looking for conversion specifier");
            conv = f[j++];
            if (j >= b)
                raise(&exc::ValueError, "unmatched '{' in format spec");
            if (f[j] != '}' && f[j] != ':')
                raise(&exc::ValueError, "expected ':' after conversion specifier");
        }
        size_t spec_start = j, spec_end = j;
        bool nested = false;
        if (f[j] == ':') {
            spec_start = ++j;
            int count = 1;
            while (j < b) {
                if (f[j] == '{') {
                    nested = true;
                    count++;
                } else if (f[j] == '}') {
                    if (--count == 0)
                        break;
                }
                j++;
            }
            if (j >= b)
                raise(&exc::ValueError, "unmatched '{' in format spec");
            spec_end = j;
        }
        // f[j] is the closing '}'.
        Value obj = lookup_field(st, f, i + 1, name_end);
        switch (conv) {
        case 0: break;
        case 'r': obj = Value(py_repr(obj)); break;
        case 's': obj = Value(py_str(obj)); break;
        case 'a': obj = Value(py_ascii(obj)); break;
        default:
            if (conv < 128 && conv >= 32)
                raise(&exc::ValueError, "Unknown conversion specifier %c", static_cast<char>(conv));
            raise(&exc::ValueError, "Unknown conversion specifier \\x%x", conv);
        }
        StrObject* spec;
        if (nested) {
            StrBuilder sb;
            render(st, f, spec_start, spec_end, depth - 1, sb);
            spec = sb.finish();
        } else {
            spec = spec_end > spec_start ? u32_str(f, spec_start, spec_end) : str_empty();
        }
        if (conv == 0 && spec->m_length == 0 && is_exact_str(obj))
            out.append(obj.as<StrObject>());
        else
            out.append(py_format(obj, spec));
        i = j + 1;
    }
}

} // namespace

StrObject* str_format_impl(StrObject* fmt, Value const* args, size_t nargs, Value kwargs_mapping)
{
    FormatState st { args, nargs, kwargs_mapping, false };
    U32 f = str_to_u32(fmt);
    StrBuilder out(f.size());
    render(st, f, 0, f.size(), 2, out);
    return out.finish();
}

static Value str_format_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    DictObject* kwargs = nullptr;
    if (kw && kw->m_size > 0) {
        kwargs = dict_new();
        for (int64_t i = 0; i < kw->m_size; i++)
            dict_set(kwargs, kw->item(i), args[nargs + static_cast<size_t>(i)]);
    }
    return Value(str_format_impl(self.as<StrObject>(), args, nargs, kwargs ? Value(kwargs) : Value()));
}

static Value str_format_map_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact("str.format_map", nargs, kw, 1);
    FormatState st { nullptr, 0, args[0], true };
    U32 f = str_to_u32(self.as<StrObject>());
    StrBuilder out(f.size());
    render(st, f, 0, f.size(), 2, out);
    return Value(out.finish());
}

MethodDef const g_str_format_methods[] = {
    { "format", str_format_m },
    { "format_map", str_format_map_m },
    { nullptr, nullptr },
};

// --- printf-style number conversions ---------------------------------------------------------------

static std::string pad_number(std::string sign, std::string prefix, std::string digits, std::string const& flags, int64_t width)
{
    bool left = flags.find('-') != std::string::npos;
    bool zero = flags.find('0') != std::string::npos;
    int64_t len = static_cast<int64_t>(sign.size() + prefix.size() + digits.size());
    if (width <= len)
        return sign + prefix + digits;
    std::string fill(static_cast<size_t>(width - len), left || !zero ? ' ' : '0');
    if (left)
        return sign + prefix + digits + fill;
    if (zero)
        return sign + prefix + fill + digits;
    return fill + sign + prefix + digits;
}

std::string printf_format_number(Value v, char conv, std::string const& flags, int64_t width, int64_t prec)
{
    bool alt = flags.find('#') != std::string::npos;
    std::string sign;
    auto sign_for = [&](bool neg) {
        if (neg)
            sign = "-";
        else if (flags.find('+') != std::string::npos)
            sign = "+";
        else if (flags.find(' ') != std::string::npos)
            sign = " ";
    };
    switch (conv) {
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
        // CPython's _PyUnicode_FormatLong leaves room for a sign and a prefix in a C int.
        if (prec > INT32_MAX - 3)
            raise(&exc::OverflowError, "precision too large");
        mpz_t z;
        mpz_init(z);
        int_to_mpz(v, z);
        bool neg = mpz_sgn(z) < 0;
        mpz_abs(z, z);
        std::string digits;
        if (conv == 'o' || conv == 'x' || conv == 'X') {
            int base = conv == 'o' ? 8 : 16;
            std::vector<char> buf(mpz_sizeinbase(z, base) + 2);
            mpz_get_str(buf.data(), base, z);
            digits = buf.data();
            if (conv == 'X')
                for (char& ch : digits)
                    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        } else {
            Value absv = int_from_mpz(z);
            digits = int_to_decimal(absv);
        }
        mpz_clear(z);
        if (prec > 0 && static_cast<int64_t>(digits.size()) < prec)
            digits.insert(0, static_cast<size_t>(prec - static_cast<int64_t>(digits.size())), '0');
        sign_for(neg);
        std::string prefix;
        if (alt && conv == 'o')
            prefix = "0o";
        else if (alt && conv == 'x')
            prefix = "0x";
        else if (alt && conv == 'X')
            prefix = "0X";
        return pad_number(sign, prefix, digits, flags, width);
    }
    default: {
        double d = py_float_as_double(v);
        if (prec < 0)
            prec = 6;
        bool neg = std::signbit(d) && !std::isnan(d);
        sign_for(neg);
        double a = std::fabs(d);
        std::string digits;
        if (std::isinf(a) || std::isnan(a)) {
            bool upper = conv == 'E' || conv == 'F' || conv == 'G';
            digits = std::isinf(a) ? (upper ? "INF" : "inf") : (upper ? "NAN" : "nan");
        } else {
            // Room for "%#." + a 64-bit precision + the conversion letter.
            char cfmt[32];
            std::snprintf(cfmt, sizeof cfmt, "%%%s.%lld%c", alt ? "#" : "", static_cast<long long>(prec), conv);
            std::vector<char> buf(static_cast<size_t>(prec) + 400);
            std::snprintf(buf.data(), buf.size(), cfmt, a);
            digits = buf.data();
        }
        return pad_number(sign, "", digits, flags, width);
    }
    }
}

// --- str % args ------------------------------------------------------------------------------------

StrObject* str_printf(StrObject* fmt_obj, Value args)
{
    U32 f = str_to_u32(fmt_obj);
    size_t n = f.size();
    StrBuilder out(n + 16);
    PrintfArgs pargs(args, !is_str(args));
    size_t i = 0;
    while (i < n) {
        if (f[i] != '%') {
            size_t j = i;
            while (j < n && f[j] != '%')
                j++;
            for (size_t k = i; k < j; k++)
                out.append(f[k]);
            i = j;
            continue;
        }
        i++;
        if (i >= n)
            raise(&exc::ValueError, "incomplete format");
        if (f[i] == '%') {
            out.append('%');
            i++;
            continue;
        }
        Value arg;
        bool have_key = false;
        if (f[i] == '(') {
            arg = pargs.keyed(
                f, ++i, [](U32 const& t, size_t start, size_t end) { return Value(u32_str(t, start, end)); });
            have_key = true;
        }
        PrintfSpec spec = parse_printf_spec(f, i, pargs, true);
        std::string& flags = spec.flags;
        int64_t width = spec.width, prec = spec.prec;
        uint32_t conv = f[i++];
        if (!have_key)
            arg = pargs.next();
        auto emit_text = [&](StrObject* s) {
            int64_t len = s->m_length;
            if (prec >= 0 && prec < len)
                len = prec;
            bool left = flags.find('-') != std::string::npos;
            if (!left && width > len)
                out.append_repeat(' ', width - len);
            out.append(s, 0, len);
            if (left && width > len)
                out.append_repeat(' ', width - len);
        };
        switch (conv) {
        case 's': emit_text(is_exact_str(arg) ? arg.as<StrObject>() : py_str(arg)); break;
        case 'r': emit_text(py_repr(arg)); break;
        case 'a': emit_text(py_ascii(arg)); break;
        case 'c': {
            uint32_t ch;
            if (is_str(arg)) {
                if (arg.as<StrObject>()->m_length != 1)
                    raise(&exc::TypeError, "%%c requires int or char");
                ch = arg.as<StrObject>()->at(0);
            } else if (is_int(arg) || !type_of(arg)->special(SP_index).is_null()) {
                int64_t x;
                if (!int_to_i64(py_number_index(arg), &x) || x < 0 || x > 0x10FFFF)
                    raise(&exc::OverflowError, "%%c arg not in range(0x110000)");
                ch = static_cast<uint32_t>(x);
            } else {
                raise(&exc::TypeError, "%%c requires int or char");
            }
            prec = -1;
            emit_text(str_from_char(ch));
            break;
        }
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
            char c = static_cast<char>(conv);
            out.append_ascii(printf_format_number(printf_int_arg(arg, c), c, flags, width, prec));
            break;
        }
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
            if (!printf_float_arg_ok(arg))
                raise(&exc::TypeError, "must be real number, not %s", type_name(arg).c_str());
            out.append_ascii(printf_format_number(arg, static_cast<char>(conv), flags, width, prec));
            break;
        }
        default:
            if (conv >= 32 && conv < 127)
                raise(&exc::ValueError, "unsupported format character '%c' (0x%x) at index %zu", static_cast<char>(conv), conv,
                    i - 1);
            raise(&exc::ValueError, "unsupported format character '\\x%x' (0x%x) at index %zu", conv, conv, i - 1);
        }
    }
    pargs.check_all_used("string");
    return out.finish();
}

} // namespace pystm
