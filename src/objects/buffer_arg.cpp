// Bytes-like arguments of the extension modules (objects/buffer_arg.h).
#include "objects/buffer_arg.h"
#include "objects/bytes_internal.h"
#include "objects/bytes_object.h"
#include "objects/exceptions.h"

namespace pystm {

extern Type memoryview_type; // modules/io_memoryview.cpp

namespace {
// Registered at start-up, before a second thread runs; read-only afterwards.
BufferExport const* s_exports[4];
size_t s_nexports = 0;
} // namespace

void register_buffer_export(BufferExport const* e)
{
    PY_VERIFY(s_nexports < std::size(s_exports), "too many buffer exporters");
    s_exports[s_nexports++] = e;
}

BufferExport const* find_buffer_export(Value v)
{
    if (!v.is_object())
        return nullptr;
    Type* t = v.as_object()->m_type;
    for (size_t i = 0; i < s_nexports; i++)
        if (t->is_subtype(s_exports[i]->type))
            return s_exports[i];
    return nullptr;
}

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
