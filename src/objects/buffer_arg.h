// Arguments that accept any bytes-like object (bytes, bytearray, memoryview), as the extension
// modules take them (binascii, codecs, hashlib, socket, zlib). bytes_like() in bytes_internal.h
// is the narrower test of the bytes methods, which take only bytes and bytearray.
#pragma once

#include "objects/api.h"

namespace pystm {

// Objects other than bytes and bytearray that export their content as a buffer (memoryview,
// array.array): the exporting type registers these operations once at start-up, and
// bytes_like(), buffer_like(), memoryview(), struct, re and the binary files accept its instances. The operations
// place the exporter's barriers themselves.
struct BufferExport {
    Type* type; // instances of this type and of its subclasses export a buffer
    std::string (*read)(Object* o); // a copy of the whole content
    // Overwrites bytes [off, off + data.size()) of the content, which must lie within it.
    void (*write)(Object* o, int64_t off, std::string_view data);
    // The struct format character and the item size of memoryview(o).
    char (*format)(Object* o);
    int (*itemsize)(Object* o);
};
void register_buffer_export(BufferExport const* e);
// The operations [v] exports a buffer with, or null.
BufferExport const* find_buffer_export(Value v);

// The content of a bytes-like [v]: bytes directly, bytearray and memoryview copied into [tmp].
// False when [v] is not bytes-like.
bool buffer_like(Value v, std::string& tmp, std::string_view* out);
// Same, raising TypeError "a bytes-like object is required, not 'X'".
std::string_view need_buffer(Value v, std::string& tmp);

// A writable bytes-like object, as CPython's "w*" arguments take (struct.pack_into,
// readinto, socket.recv_into): a bytearray, written in place, or an exporter (array.array, a
// memoryview that is not read-only) through its write operation. Each call places the barriers.
struct WritableBuffer {
    Value obj;
    BufferExport const* exporter = nullptr; // null for a bytearray
    int64_t size() const; // in bytes
    // Overwrites bytes [off, off + data.size()), which must lie within size().
    void write(int64_t off, std::string_view data) const;
};
// [v] as a writable buffer; false if it is not one.
bool writable_buffer(Value v, WritableBuffer* out);

} // namespace pystm
