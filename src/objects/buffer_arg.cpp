// Bytes-like arguments of the extension modules (objects/buffer_arg.h).
#include "objects/buffer_arg.h"
#include "objects/bytes_internal.h"
#include "objects/bytes_object.h"
#include "objects/exceptions.h"

namespace pystm {

extern Type memoryview_type; // modules/io_memoryview.cpp

bool buffer_like(Value v, std::string& tmp, std::string_view* out)
{
    if (bytes_like(v, tmp, out))
        return true;
    if (!isinstance(v, &memoryview_type))
        return false;
    tmp = std::string(py_call1(Value(&bytes_type), v).as<BytesObject>()->view());
    *out = tmp;
    return true;
}

std::string_view need_buffer(Value v, std::string& tmp)
{
    std::string_view out;
    if (!buffer_like(v, tmp, &out))
        raise(&exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v).c_str());
    return out;
}

} // namespace pystm
