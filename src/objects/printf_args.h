// The parts of printf-style formatting (`fmt % args`) that str % and bytes % share: walking the
// argument tuple or mapping, finding a %(key) name, parsing the flags, width, precision and
// length modifier of one conversion, and the argument checks of the number conversions. The
// conversions that produce text stay with each type (str_format.cpp, bytes_methods.cpp); the
// number conversions are printf_format_number (str_internal.h).
//
// The format string is any indexable text: a std::string_view of bytes or a UTF-32 copy of a
// str. Values held here live on the C++ stack (GC-1).
#pragma once

#include "objects/api.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include <algorithm>

namespace pystm {

class PrintfArgs {
public:
    // [mapping_allowed]: whether [args] may serve %(key) lookups (not a tuple, and not a type
    // that is itself formatted, such as str for str %); it is used as a mapping only when its
    // type has __getitem__.
    PrintfArgs(Value args, bool mapping_allowed);
    PrintfArgs(PrintfArgs const&) = delete;
    PrintfArgs& operator=(PrintfArgs const&) = delete;

    // The next positional argument; TypeError when they have run out.
    Value next();
    // The argument of "%(key)" whose key starts at f[i], just after the '(': args[make_key(f,
    // start, end)] for the text up to the matching ')' (parentheses nest); [i] is left after the
    // ')'. TypeError "format requires a mapping" when [args] is not one, ValueError "incomplete
    // format key" when the ')' is missing. From then on positional arguments are not counted.
    template <class Text, class MakeKey> Value keyed(Text const& f, size_t& i, MakeKey make_key)
    {
        if (m_mapping.is_null())
            raise(&exc::TypeError, "format requires a mapping");
        size_t start = i;
        int depth = 1;
        while (i < f.size()) {
            if (f[i] == '(')
                depth++;
            else if (f[i] == ')' && --depth == 0)
                break;
            i++;
        }
        if (i >= f.size())
            raise(&exc::ValueError, "incomplete format key");
        Value v = lookup(make_key(f, start, i));
        i++;
        return v;
    }
    // TypeError "not all arguments converted during [kind] formatting" when positional arguments
    // are left over.
    void check_all_used(char const* kind) const;

private:
    Value lookup(Value key);

    Value m_single;
    Value const* m_items;
    int64_t m_count;
    int64_t m_index = 0;
    Value m_mapping;
    bool m_used_key = false;
};

struct PrintfSpec {
    std::string flags; // the characters of "-+ #0" that were given; '-' is added for a negative *
    int64_t width = -1; // -1: none
    int64_t prec = -1; // -1: none
};

// Parses the flags, width, precision and length modifier of a conversion starting at f[i] and
// leaves [i] on the conversion character; '*' takes an int from [args]. ValueError
// "incomplete format" when the text ends first. CPython's limits: the width is a C ssize_t, the
// precision a C int ('*' raises OverflowError beyond them, written digits ValueError "width too
// big" / "precision too big", "prec too big" for bytes: [str_messages] false).
template <class Text>
PrintfSpec parse_printf_spec(Text const& f, size_t& i, PrintfArgs& args, bool str_messages)
{
    PrintfSpec spec;
    size_t n = f.size();
    while (i < n && (f[i] == '-' || f[i] == '+' || f[i] == ' ' || f[i] == '#' || f[i] == '0'))
        spec.flags.push_back(static_cast<char>(f[i++]));
    if (i < n && f[i] == '*') {
        Value w = args.next();
        if (!is_int(w))
            raise(&exc::TypeError, "* wants int");
        if (!int_to_i64(w, &spec.width))
            raise(&exc::OverflowError, "Python int too large to convert to C ssize_t");
        if (spec.width < 0) {
            spec.flags.push_back('-');
            spec.width = spec.width == INT64_MIN ? INT64_MAX : -spec.width;
        }
        i++;
    } else {
        while (i < n && f[i] >= '0' && f[i] <= '9') {
            int64_t d = f[i++] - '0';
            int64_t w = spec.width < 0 ? 0 : spec.width;
            if (w > (INT64_MAX - d) / 10)
                raise(&exc::ValueError, "width too big");
            spec.width = w * 10 + d;
        }
    }
    if (i < n && f[i] == '.') {
        i++;
        spec.prec = 0;
        if (i < n && f[i] == '*') {
            Value p = args.next();
            if (!is_int(p))
                raise(&exc::TypeError, "* wants int");
            int64_t v;
            if (!int_to_i64(p, &v) || v > INT32_MAX || v < INT32_MIN)
                raise(&exc::OverflowError, "Python int too large to convert to C int");
            spec.prec = std::max<int64_t>(0, v);
            i++;
        } else {
            while (i < n && f[i] >= '0' && f[i] <= '9') {
                int64_t d = f[i++] - '0';
                if (spec.prec > (INT32_MAX - d) / 10)
                    raise(&exc::ValueError, str_messages ? "precision too big" : "prec too big");
                spec.prec = spec.prec * 10 + d;
            }
        }
    }
    while (i < n && (f[i] == 'h' || f[i] == 'l' || f[i] == 'L'))
        i++;
    if (i >= n)
        raise(&exc::ValueError, "incomplete format");
    return spec;
}

// The argument of %d %i %u %o %x %X as an int: __index__, or for %d %i %u also __int__ and
// floats; TypeError otherwise.
Value printf_int_arg(Value arg, char conv);
// Whether [arg] can be formatted by %e %E %f %F %g %G (a float, an int, or __float__ or
// __index__); the callers raise their own TypeError when not.
bool printf_float_arg_ok(Value arg);

} // namespace pystm
