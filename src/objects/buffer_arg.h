// Arguments that accept any bytes-like object (bytes, bytearray, memoryview), as the extension
// modules take them (binascii, codecs, hashlib, socket, zlib). bytes_like() in bytes_internal.h
// is the narrower test of the bytes methods, which take only bytes and bytearray.
#pragma once

#include "objects/api.h"

namespace pystm {

// The content of a bytes-like [v]: bytes directly, bytearray and memoryview copied into [tmp].
// False when [v] is not bytes-like.
bool buffer_like(Value v, std::string& tmp, std::string_view* out);
// Same, raising TypeError "a bytes-like object is required, not 'X'".
std::string_view need_buffer(Value v, std::string& tmp);

} // namespace pystm
