// Generalized UTF-8, the internal text encoding (str_utf8(), AST strings): code points are
// written with the standard 1-4 byte forms, and lone surrogates are encoded like any other code
// point. Validation and error handlers live in objects/codecs.h; these helpers trust their input.
#pragma once

#include "base/common.h"
#include <vector>

namespace pystm {

// Appends [cp] (at most 0x10FFFF) to [out].
inline void append_utf8(std::string& out, uint32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// The code points of generalized UTF-8 text. A sequence cut short by the end of [s] yields the
// bits it has rather than an error, since the input is trusted.
std::vector<uint32_t> utf8_code_points(std::string_view s);

} // namespace pystm
