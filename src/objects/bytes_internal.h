// Private helpers shared by bytes_object.cpp, bytes_methods.cpp and bytearray.cpp.
//
// bytes and bytearray share every non-mutating method: they read the receiver's content as a
// byte string (for bytearray, a copy taken under the read barrier, so Python code run meanwhile
// can never invalidate it) and build results of the receiver's kind (bytes for bytes,
// bytearray for bytearray).
#pragma once

#include "objects/bytes_object.h"
#include "objects/api.h"
#include "objects/function_object.h"
#include <string>
#include <string_view>

namespace pystm {

extern Type bytes_iterator_type;
extern Type bytearray_iterator_type;

inline bool is_bytearray(Value v)
{
    return v.is_object() && v.as_object()->m_type->is_subtype(&bytearray_type);
}

// The content of a bytes-like object [v] (bytes or bytearray), copied into [tmp] when it is
// mutable. False if [v] is not bytes-like.
bool bytes_like(Value v, std::string& tmp, std::string_view* out);
// Same, raising TypeError "a bytes-like object is required, not 'X'".
std::string_view need_bytes_like(Value v, std::string& tmp);
// The receiver's content (bytes or bytearray).
std::string_view self_bytes(Value self, std::string& tmp);
// A result of the receiver's kind: bytes for bytes (and subclasses), bytearray for bytearray.
Value bytes_result(Value self, std::string_view data);
// A byte value from an int-like argument: "byte must be in range(0, 256)".
uint8_t byte_from_value(Value v);
// Collects bytes from any source accepted by the bytes()/bytearray() constructors'
// single-argument forms except int and str: buffers and iterables of ints. [what] names the
// target type in "cannot convert 'X' object to bytes".
std::string bytes_from_iterable(Value v, char const* what);
// bytes % args (bytes_methods.cpp).
std::string bytes_printf(std::string_view fmt, Value args);
uint32_t hash_bytes32(void const* data, size_t n); // str_object.cpp

extern MethodDef const g_bytes_common_methods[]; // bytes_methods.cpp: methods of both types
extern MethodDef const g_bytearray_methods[]; // bytearray.cpp: bytearray's own methods and dunders
void bytearray_destroy(Object* o); // bytearray.cpp
// Shared dunders (bytes_object.cpp), also installed on bytearray.
Value bytes_like_compare(Value self, Value other, CompareOp op);
Value bytes_like_iter(Value self);

} // namespace pystm
