// Private to file_binary.cpp, file_text.cpp and file_object.cpp: the layouts of the native file
// objects (see file_object.h for the invariants) and the helpers they share.
#pragma once

#include "modules/file_object.h"
#include "objects/access.h"
#include "objects/codecs.h"
#include "objects/function_object.h"
#include <string>

namespace pystm {

struct BinaryFile : Object {
    int m_fd = -1;
    bool m_closefd = true;
    bool m_readable = false;
    bool m_writable = false;
    bool m_append = false;
    bool m_created = false;
    bool m_closed = false;
    bool m_unbuffered = false; // every write goes straight to the descriptor
    bool m_is_stdin = false; // reading it first flushes sys.stdout
    int m_seekable = -1; // -1 unknown, else 0/1
    Value m_name; // str, bytes or int
    size_t m_bufsize = 8192;
    size_t m_rpos = 0;
    std::string m_rbuf; // read-ahead; m_rbuf[m_rpos..] is unread
    std::string m_wbuf; // pending output
    explicit BinaryFile(Type* t) : Object(t) { }
};

enum NewlineMode : uint8_t { NL_UNIVERSAL, NL_UNTRANSLATED, NL_LF, NL_CR, NL_CRLF };

struct TextFile : Object {
    Value m_buffer; // the BinaryFile
    std::string m_mode;
    std::string m_encoding; // as shown by .encoding
    codecs::Codec m_codec = codecs::Codec::Utf8;
    std::string m_errors;
    NewlineMode m_newline = NL_UNIVERSAL;
    bool m_line_buffering = false;
    bool m_write_through = false;
    bool m_eof = false;
    int m_byteorder = 0; // UTF-16/32 decoding state
    double m_b2cratio = 0; // bytes per character of the last chunk decoded (sizes read(n)'s reads)
    std::string m_decoded; // decoded, unread text (UTF-8, newlines untranslated)
    std::string m_undecoded; // bytes read but not decoded yet (an incomplete sequence)
    explicit TextFile(Type* t) : Object(t) { }
};

inline BinaryFile* as_binary(Value v)
{
    BinaryFile* f = v.as<BinaryFile>();
    write_barrier(f);
    return f;
}
inline TextFile* as_text(Value v)
{
    TextFile* f = v.as<TextFile>();
    write_barrier(f);
    return f;
}

// Binary layer operations used by the text layer.
[[noreturn]] void raise_closed_file();
[[noreturn]] void raise_unsupported(char const* what);
void binary_check_open(BinaryFile* f);
void binary_flush(BinaryFile* f); // writes m_wbuf to the descriptor
void binary_write(BinaryFile* f, std::string_view data);
// Appends the next chunk of input to [out]: the read-ahead if any, else one read of [size] bytes
// at most (0: the buffer size); returns false at end of file.
bool binary_read_chunk(BinaryFile* f, std::string* out, size_t size = 0);
int64_t binary_tell(BinaryFile* f);
int64_t binary_seek(BinaryFile* f, int64_t pos, int whence);
void binary_close(BinaryFile* f);
bool binary_seekable(BinaryFile* f);
BinaryFile* binary_new(Type* t, int fd, Value name, bool closefd);
std::string binary_mode_string(BinaryFile* f);

TextFile* text_new(Value buffer, std::string mode, std::string encoding, codecs::Codec codec,
    std::string errors, NewlineMode newline, bool line_buffering, bool write_through);

void setup_binary_file_types();
void init_binary_file_types();
void setup_text_file_types();
void init_text_file_types();

} // namespace pystm
