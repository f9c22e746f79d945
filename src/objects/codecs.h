// The builtin text codecs: UTF-8, ASCII, Latin-1, UTF-16 and UTF-32 (with and without byte
// order), with the standard error handlers. This is the backend of str.encode(),
// bytes.decode(), str(bytes, encoding, errors) and of the _codecs module.
//
// Error handlers are named as in Python ("strict", "ignore", "replace", "surrogateescape",
// "surrogatepass", "backslashreplace", "xmlcharrefreplace", "namereplace"); the name is resolved
// only when an error occurs (as CPython does), so an unknown name raises LookupError "unknown
// error handler name 'x'" only then. Errors raise UnicodeEncodeError / UnicodeDecodeError
// created with CPython's (encoding, object, start, end, reason) arguments.
#pragma once

#include "objects/str_object.h"
#include <string>
#include <string_view>

namespace pystm {

struct BytesObject;

namespace codecs {

enum class Codec : uint8_t { Utf8, Ascii, Latin1, Utf16, Utf16LE, Utf16BE, Utf32, Utf32LE, Utf32BE };

// Normalises an encoding name as the encodings package does (case, '-', ' ', aliases such as
// 'UTF8', 'utf_8', 'latin1', 'iso-8859-1', 'us-ascii') and finds the builtin codec; false if
// there is none.
bool find_codec(std::string_view name, Codec* out);
// Same, raising LookupError "unknown encoding: NAME".
Codec lookup_codec(std::string_view name);
// The codec's canonical Python name: "utf-8", "ascii", "latin-1", "utf-16", "utf-16-le", ...
char const* codec_name(Codec c);

// Development mode (-X dev or PYTHONDEVMODE, sys.flags.dev_mode), set once at start-up: then
// encode() and decode() look up their encoding and error handler up front, as CPython's
// unicode_check_encoding_errors, so that a wrong name is reported even when no data needs it.
extern bool g_dev_mode;

// str.encode / bytes.decode. [encoding] and [errors] are Python names.
BytesObject* encode(StrObject* s, std::string_view encoding, std::string_view errors);
StrObject* decode(std::string_view data, std::string_view encoding, std::string_view errors);
std::string encode_to_string(StrObject* s, Codec c, std::string_view errors);

// Individual codecs. Decoders: with [final] false an incomplete sequence at the end of [data]
// is left unconsumed instead of being an error; [*consumed] (if not null) receives the number
// of bytes consumed.
std::string utf8_encode(StrObject* s, std::string_view errors);
StrObject* utf8_decode(std::string_view data, std::string_view errors, bool final = true,
    int64_t* consumed = nullptr);
std::string ascii_encode(StrObject* s, std::string_view errors);
StrObject* ascii_decode(std::string_view data, std::string_view errors);
std::string latin1_encode(StrObject* s, std::string_view errors);
StrObject* latin1_decode(std::string_view data, std::string_view errors);
// [byteorder]: -1 little endian, 1 big endian, 0 "native with BOM": the encoder writes a BOM
// (little endian, as on every platform pystm supports); the decoder reads a BOM if present,
// sets *byteorder to the order found (or leaves 0 → little endian) and strips it.
std::string utf16_encode(StrObject* s, std::string_view errors, int byteorder);
StrObject* utf16_decode(std::string_view data, std::string_view errors, int* byteorder,
    bool final = true, int64_t* consumed = nullptr);
std::string utf32_encode(StrObject* s, std::string_view errors, int byteorder);
StrObject* utf32_decode(std::string_view data, std::string_view errors, int* byteorder,
    bool final = true, int64_t* consumed = nullptr);

} // namespace codecs
} // namespace pystm
