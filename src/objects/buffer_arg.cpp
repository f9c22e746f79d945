// Bytes-like arguments of the extension modules (objects/buffer_arg.h).
#include "objects/buffer_arg.h"
#include "objects/bytes_internal.h"
#include "objects/bytes_object.h"
#include "objects/exceptions.h"
#include "objects/str_object.h"

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

bool writable_buffer(Value v, WritableBuffer* out)
{
    if (!v.is_object())
        return false;
    out->obj = v;
    out->exporter = nullptr;
    if (v.as_object()->m_type->is_subtype(&bytearray_type))
        return true;
    BufferExport const* e = find_buffer_export(v);
    if (!e || (isinstance(v, &memoryview_type) && py_truthy(py_getattr(v, intern("readonly")))))
        return false;
    out->exporter = e;
    return true;
}

int64_t WritableBuffer::size() const
{
    if (exporter)
        return static_cast<int64_t>(exporter->read(obj.as_object()).size());
    auto* b = obj.as<ByteArrayObject>();
    read_barrier(b);
    return static_cast<int64_t>(b->m_bytes.size());
}

void WritableBuffer::write(int64_t off, std::string_view data) const
{
    if (exporter) {
        exporter->write(obj.as_object(), off, data);
        return;
    }
    auto* b = obj.as<ByteArrayObject>();
    write_barrier(b);
    PY_VERIFY(off >= 0
            && off + static_cast<int64_t>(data.size()) <= static_cast<int64_t>(b->m_bytes.size()),
        "writable buffer range");
    memcpy(b->m_bytes.data() + off, data.data(), data.size()); // in place (BYTES-1)
}

} // namespace pystm
