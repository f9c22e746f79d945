// The format-spec mini-language shared by every __format__ (int, float, complex, str):
//
//   [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]
//
// Grouping is validated by the parser as in CPython: ',' only with d e f g E G % F (or no type),
// '_' also with b o x X (where it groups every 4 digits).
//
// parse_format_spec() turns the spec text into a FormatSpec, raising ValueError with CPython
// 3.11's messages; the layout helpers pad, align and group an already rendered value. The
// type-specific checks ("Sign not allowed in string format specifier", ...) stay with each type,
// except for str, whose whole __format__ is format_str() here.
#pragma once

#include "objects/object.h"
#include <string>
#include <string_view>

namespace pystm {

struct StrObject;

struct FormatSpec {
    uint32_t fill = ' '; // fill code point (may be any character, even NUL)
    char align = 0; // '<' '>' '^' '=' after defaulting (see parse_format_spec)
    bool fill_given = false; // an explicit fill character was written
    bool align_given = false; // an explicit alignment was written
    char sign = 0; // '+' '-' ' ' or 0 if absent
    bool no_neg_zero = false; // 'z'
    bool alternate = false; // '#'
    bool zero_pad = false; // the '0' flag before the width
    int64_t width = -1; // -1 if absent
    char grouping = 0; // ',' or '_' or 0
    int64_t precision = -1; // -1 if absent
    uint32_t type = 0; // presentation type code point, 0 if absent
};

// Parses [spec]. [default_align] is '<' for str and '>' for numbers; when the '0' flag is given
// without an explicit fill, fill becomes '0', and without an explicit alignment, align becomes
// '=' for numbers (default_align '>') or stays the default for strings (CPython 3.10+).
// [type_name] names the object's type in "Invalid format specifier '...' for object of type
// 'int'". Raises ValueError (invalid spec, "Format specifier missing precision", "Too many
// decimal digits in format string", "Cannot specify ',' with ','.", "Cannot specify both ','
// and '_'.").
// [default_type] is the presentation type assumed when none is written ('s' for str, 'd' for
// int, 0 for float and complex); the grouping check ("Cannot specify ',' with 'x'.") uses it.
FormatSpec parse_format_spec(StrObject* spec, char default_align, uint32_t default_type,
    char const* type_name);
// Same, from UTF-8 text (used by C++ callers and tests).
FormatSpec parse_format_spec(std::string_view spec_utf8, char default_align,
    uint32_t default_type, char const* type_name);

// ValueError "Unknown format code 'x' for object of type 'int'" (CPython's '\x..' form for
// control and non-ASCII codes).
[[noreturn]] void format_unknown_code(uint32_t code, char const* type_name);

// Pads [text] (already rendered, UTF-8) with spec.fill to spec.width according to spec.align
// ('<' '>' '^'; '=' is treated as '>'); [len] is its length in code points.
std::string format_pad(std::string_view text, int64_t len, FormatSpec const& spec);

// Lays out a rendered number (all parts ASCII except the fill):
//   [sign]   "", "-", "+" or " "
//   [prefix] "0x", "0b", "0o" or ""
//   [digits] the integer-part digits, ungrouped
//   [rest]   everything after them: ".5", "e+10", "%", "j", ...
// Inserts spec.grouping every [group_size] digits (3 for decimal, 4 for x/o/b), zero-fills
// (grouping the padding zeros too, as CPython) when fill is '0' with '=' alignment, and aligns
// the result to spec.width ('=' puts the padding between sign/prefix and digits). Returns UTF-8.
std::string format_number_layout(FormatSpec const& spec, std::string_view sign,
    std::string_view prefix, std::string_view digits, std::string_view rest, int group_size = 3);

// The whole of str.__format__(s, spec): checks (no sign, no '#', no 'z', no '=' alignment, no
// grouping; type must be 's' or absent), truncation to precision and padding.
StrObject* format_str(StrObject* s, StrObject* spec);

} // namespace pystm
