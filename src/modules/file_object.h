// Native file objects behind open() and the standard streams, until the full io module exists:
// binary files (the _io.FileIO / BufferedReader / BufferedWriter / BufferedRandom classes, one
// implementation) and text files (_io.TextIOWrapper) layered on a binary file.
//
// Invariant FILE-1: a binary file's write buffer is always flushed before it reads, seeks or
// reports its position, and its read-ahead is discarded before it writes, so the OS file offset
// and the Python-visible position never disagree. A text file holds only decoded-but-unread
// text (m_decoded, with newlines still untranslated) and undecoded trailing bytes; tell()
// re-encodes them to compute the byte position.
// The C++ buffers are owned by the objects (std::string members) and released by their types'
// destroy functions, which also flush pending output and close owned descriptors of files
// that were never closed.
#pragma once

#include "objects/object.h"
#include <string>

namespace pystm {

extern Type file_io_type; // _io.FileIO (buffering=0)
extern Type buffered_reader_type; // _io.BufferedReader
extern Type buffered_writer_type; // _io.BufferedWriter
extern Type buffered_random_type; // _io.BufferedRandom
extern Type text_io_wrapper_type; // _io.TextIOWrapper

// open(file, mode, buffering, encoding, errors, newline, closefd, opener) with CPython's
// argument validation and messages. Null Values mean "not given".
Value file_open(Value file, Value mode, Value buffering, Value encoding, Value errors, Value newline,
    Value closefd, Value opener);

// A text stream on the already-open descriptor [fd] (not closed by the stream), for the
// standard streams. [mode] is "r" or "w"; [line_buffering] flushes at each newline written;
// [write_through] flushes every write. [encoding] is one the text files implement natively
// (codecs::find_codec); the stream reports it as [encoding].
Value text_stream_for_fd(int fd, char const* name, char const* mode, char const* errors,
    bool line_buffering, bool write_through, char const* encoding = "utf-8");
// Switches a text stream made by text_stream_for_fd to write-through / line buffering (-u).
void text_stream_set_buffering(Value stream, bool line_buffering, bool write_through);

// io.UnsupportedOperation (a subclass of OSError and ValueError), created on first use.
Type* unsupported_operation_type();

// Set-up hooks, called by setup_runtime_module_types() / init_runtime_module_types().
void setup_file_types();
void init_file_types();

} // namespace pystm
