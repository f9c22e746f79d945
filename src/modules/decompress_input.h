// The input side that the bz2 and lzma decompressors share, as CPython's _bz2 and _lzma do:
// input the library did not consume in one decompress() call (because max_length was reached)
// is kept and comes first in the next call; input after the end of the stream is unused_data.
#pragma once

#include "objects/bytes_object.h"

#include <string>
#include <string_view>

namespace pystm {

// This call's input: the kept input, if any (taken), then [data]. [joined] holds the two when
// there was kept input.
inline std::string_view join_pending(std::string*& pending, std::string_view data, std::string& joined)
{
    if (!pending)
        return data;
    joined = std::move(*pending);
    joined += data;
    delete pending;
    pending = nullptr;
    return joined;
}

// After a call, [rest] is the input the library did not consume. At the end of the stream it is
// unused_data; before it, it is kept for the next call. needs_input is true only when nothing
// is kept and the library holds no output back ([output_held]: it filled the output buffer and
// may have more without new input).
inline void keep_unconsumed(std::string_view rest, bool done, bool output_held, bool& needs_input,
    Value& unused_data, std::string*& pending)
{
    if (done) {
        needs_input = false;
        if (!rest.empty())
            unused_data = Value(bytes_new(rest));
    } else if (rest.empty()) {
        needs_input = !output_held;
    } else {
        needs_input = false;
        pending = new std::string(rest);
    }
}

} // namespace pystm
