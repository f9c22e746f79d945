// memoryview: a one-dimensional view over a bytes or bytearray object (or an object that exports
// a buffer through objects/buffer_arg.h: array.array), enough for the standard
// library (_collections_abc registers it; io, shutil and socket code read and slice views; re's
// compiler casts to 'I'). Views hold bytes ('B', 'b', 'c') or native-order integers ('H', 'I',
// 'Q', ... through cast()); item assignment is supported for byte formats. Multi-dimensional
// shapes, float formats and stepped slices raise NotImplementedError.
//
// Invariant MV-1: a view never holds a pointer into its object's storage; it keeps the object
// and a [start, start+len) window and reads the bytes through the object's accessors at each
// use, so a bytearray that is resized meanwhile cannot leave the view dangling (the window is
// clamped to the current size).
#include "gc/heap.h"
#include "objects/api.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_internal.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/slice_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include <cstdio>
#include <cstring>

namespace pystm {

Type memoryview_type(&type_type);

namespace {

struct MemoryViewObject : Object {
    Value m_obj; // bytes, bytearray or a buffer exporter (immutable after creation)
    int64_t m_start = 0;
    int64_t m_len = 0;
    bool m_readonly = true;
    bool m_released = false;
    char m_fmt = 'B'; // struct format of the items
    int m_itemsize = 1;
    explicit MemoryViewObject(Type* t) : Object(t) { }
};

void trace_mv(Object* o, gc::Tracer& t) { t.visit(static_cast<MemoryViewObject*>(o)->m_obj); }

MemoryViewObject* self_mv(Value self)
{
    MemoryViewObject* m = self.as<MemoryViewObject>();
    write_barrier(m);
    if (m->m_released)
        raise(&exc::ValueError, "operation forbidden on released memoryview object");
    return m;
}

// The viewed bytes (MV-1).
std::string mv_bytes(MemoryViewObject* m)
{
    std::string all;
    if (is_bytearray(m->m_obj))
        all = bytearray_copy(m->m_obj.as<ByteArrayObject>());
    else if (BufferExport const* e = find_buffer_export(m->m_obj))
        all = e->read(m->m_obj.as_object());
    else
        all = std::string(m->m_obj.as<BytesObject>()->view());
    int64_t size = static_cast<int64_t>(all.size());
    int64_t start = std::min(m->m_start, size);
    int64_t len = std::min(m->m_len, size - start);
    return all.substr(static_cast<size_t>(start), static_cast<size_t>(len));
}

MemoryViewObject* mv_new(Value obj, int64_t start, int64_t len, bool readonly, char fmt = 'B', int itemsize = 1)
{
    MemoryViewObject* m = gc::make<MemoryViewObject>(&memoryview_type);
    m->m_obj = obj;
    m->m_start = start;
    m->m_len = len;
    m->m_readonly = readonly;
    m->m_fmt = fmt;
    m->m_itemsize = itemsize;
    return m;
}

MemoryViewObject* mv_like(MemoryViewObject* m, int64_t start, int64_t len, bool readonly)
{
    return mv_new(m->m_obj, start, len, readonly, m->m_fmt, m->m_itemsize);
}

// The item size of a supported format, or 0.
int format_size(char f)
{
    switch (f) {
    case 'B': case 'b': case 'c': return 1;
    case 'H': case 'h': return 2;
    case 'I': case 'i': return 4;
    case 'L': case 'l': case 'Q': case 'q': case 'N': case 'n': return 8;
    case 'f': return 4;
    case 'd': return 8;
    default: return 0;
    }
}

bool byte_format(char f) { return f == 'B' || f == 'b' || f == 'c'; }

// The item at byte offset [off] of [data].
Value item_at(MemoryViewObject* m, std::string const& data, size_t off)
{
    char const* p = data.data() + off;
    switch (m->m_fmt) {
    case 'B': return Value::small_int(static_cast<uint8_t>(*p));
    case 'b': return Value::small_int(static_cast<int8_t>(*p));
    case 'c': return Value(bytes_new(std::string_view(p, 1)));
    case 'H': { uint16_t v; std::memcpy(&v, p, 2); return Value::small_int(v); }
    case 'h': { int16_t v; std::memcpy(&v, p, 2); return Value::small_int(v); }
    case 'I': { uint32_t v; std::memcpy(&v, p, 4); return int_from_i64(v); }
    case 'i': { int32_t v; std::memcpy(&v, p, 4); return int_from_i64(v); }
    case 'L': case 'Q': case 'N': { uint64_t v; std::memcpy(&v, p, 8); return int_from_u64(v); }
    case 'l': case 'q': case 'n': { int64_t v; std::memcpy(&v, p, 8); return int_from_i64(v); }
    case 'f': { float v; std::memcpy(&v, p, 4); return float_new(v); }
    case 'd': { double v; std::memcpy(&v, p, 8); return float_new(v); }
    default: raise(&exc::NotImplementedError, "memoryview: format %c not supported", m->m_fmt);
    }
}

Value mv_new_py(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("memoryview", args + 1, nargs - 1, kw, { "object" }, 1, a);
    Value obj = a[0];
    if (obj.is_object() && obj.as_object()->m_type == &memoryview_type) {
        MemoryViewObject* src = self_mv(obj);
        return Value(mv_new(src->m_obj, src->m_start, src->m_len, src->m_readonly, src->m_fmt, src->m_itemsize));
    }
    if (BufferExport const* e = find_buffer_export(obj)) {
        Object* o = obj.as_object();
        int64_t n = static_cast<int64_t>(e->read(o).size());
        return Value(mv_new(obj, 0, n, false, e->format(o), e->itemsize(o)));
    }
    if (is_bytes(obj))
        return Value(mv_new(obj, 0, obj.as<BytesObject>()->m_size, true));
    if (is_bytearray(obj))
        return Value(mv_new(obj, 0, bytearray_size(obj.as<ByteArrayObject>()), false));
    raise(&exc::TypeError, "memoryview: a bytes-like object is required, not '%s'", type_name(obj).c_str());
}

Value mv_len(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__len__", nargs, kw, 0, 0);
    MemoryViewObject* m = self_mv(self);
    return int_from_i64(static_cast<int64_t>(mv_bytes(m).size()) / m->m_itemsize);
}

Value mv_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getitem__", nargs, kw, 1, 1);
    MemoryViewObject* m = self_mv(self);
    std::string data = mv_bytes(m);
    int64_t n = static_cast<int64_t>(data.size());
    int64_t isz = m->m_itemsize;
    n /= isz;
    if (is_slice(args[0])) {
        int64_t start, stop, step;
        int64_t count = slice_adjust(args[0].as<SliceObject>(), n, &start, &stop, &step);
        if (step != 1 && count > 1)
            raise(&exc::NotImplementedError, "memoryview: stepped slices are not supported");
        return Value(mv_like(m, m->m_start + (count ? start * isz : 0), count * isz, m->m_readonly));
    }
    if (args[0].is_object() && args[0].as_object()->m_type == &tuple_type)
        raise(&exc::TypeError, "memoryview: invalid slice key");
    int64_t i = py_index_i64(args[0]);
    if (!normalize_index(&i, n))
        raise(&exc::IndexError, "index out of bounds on dimension 1");
    return item_at(m, data, static_cast<size_t>(i * isz));
}

Value mv_setitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setitem__", nargs, kw, 2, 2);
    MemoryViewObject* m = self_mv(self);
    if (m->m_readonly)
        raise(&exc::TypeError, "cannot modify read-only memory");
    if (m->m_fmt != 'B')
        raise(&exc::NotImplementedError, "memoryview: item assignment is only supported for format 'B'");
    BufferExport const* exporter = is_bytearray(m->m_obj) ? nullptr : find_buffer_export(m->m_obj);
    std::string all = exporter ? exporter->read(m->m_obj.as_object()) : bytearray_copy(m->m_obj.as<ByteArrayObject>());
    std::string data = mv_bytes(m);
    int64_t n = static_cast<int64_t>(data.size());
    if (is_slice(args[0])) {
        int64_t start, stop, step;
        int64_t count = slice_adjust(args[0].as<SliceObject>(), n, &start, &stop, &step);
        if (step != 1 && count > 1)
            raise(&exc::NotImplementedError, "memoryview: stepped slices are not supported");
        std::string tmp;
        std::string_view src = need_bytes_like(args[1], tmp);
        if (static_cast<int64_t>(src.size()) != count)
            raise(&exc::ValueError, "memoryview assignment: lvalue and rvalue have different structures");
        if (count)
            all.replace(static_cast<size_t>(m->m_start + start), static_cast<size_t>(count), src);
    } else {
        int64_t i = py_index_i64(args[0]);
        if (!normalize_index(&i, n))
            raise(&exc::IndexError, "index out of bounds on dimension 1");
        if (!is_int(args[1]))
            raise(&exc::TypeError, "memoryview: invalid type for format 'B'");
        int64_t v;
        if (!int_to_i64(args[1], &v) || v < 0 || v > 255)
            raise(&exc::ValueError, "memoryview: invalid value for format 'B'");
        all[static_cast<size_t>(m->m_start + i)] = static_cast<char>(v);
    }
    if (exporter)
        exporter->write(m->m_obj.as_object(), 0, all);
    else
        bytearray_assign(m->m_obj.as<ByteArrayObject>(), std::move(all));
    return none();
}

Value mv_tobytes(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("tobytes", args, nargs, kw, { "order" }, 0, a);
    return Value(bytes_new(mv_bytes(self_mv(self))));
}

Value mv_tolist(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("tolist", nargs, kw, 0, 0);
    MemoryViewObject* m = self_mv(self);
    std::string data = mv_bytes(m);
    ListObject* l = list_new(0);
    Value keep(l);
    for (size_t off = 0; off + static_cast<size_t>(m->m_itemsize) <= data.size(); off += static_cast<size_t>(m->m_itemsize))
        list_append(l, item_at(m, data, off));
    return keep;
}

Value mv_hex(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value b = Value(bytes_new(mv_bytes(self_mv(self))));
    return py_call(py_getattr(b, str_from_ascii("hex")), args, nargs, kw);
}

Value mv_release(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("release", nargs, kw, 0, 0);
    MemoryViewObject* m = self.as<MemoryViewObject>();
    write_barrier(m);
    m->m_released = true;
    return none();
}

Value mv_enter(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__enter__", nargs, kw, 0, 0);
    self_mv(self);
    return self;
}

Value mv_exit(Value self, Value const*, size_t, TupleObject*)
{
    MemoryViewObject* m = self.as<MemoryViewObject>();
    write_barrier(m);
    m->m_released = true;
    return none();
}

Value mv_toreadonly(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("toreadonly", nargs, kw, 0, 0);
    MemoryViewObject* m = self_mv(self);
    return Value(mv_like(m, m->m_start, m->m_len, true));
}

Value mv_cast(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("cast", args, nargs, kw, { "format", "shape" }, 1, a);
    MemoryViewObject* m = self_mv(self);
    if (!is_str(a[0]))
        raise(&exc::TypeError, "memoryview: format argument must be a string");
    std::string f = str_utf8(a[0]);
    if (f.size() == 2 && f[0] == '@')
        f.erase(0, 1);
    int size = f.size() == 1 ? format_size(f[0]) : 0;
    if (!size)
        raise(&exc::ValueError, "memoryview: destination format must be a native single character format prefixed with an optional '@'");
    if (a[1] && !is_none(a[1]))
        raise(&exc::NotImplementedError, "memoryview.cast: shapes are not supported");
    if (!byte_format(m->m_fmt) && !byte_format(f[0]))
        raise(&exc::TypeError, "memoryview: cannot cast between two non-byte formats");
    int64_t nbytes = static_cast<int64_t>(mv_bytes(m).size());
    if (nbytes % size)
        raise(&exc::TypeError, "memoryview: length is not a multiple of itemsize");
    return Value(mv_new(m->m_obj, m->m_start, m->m_len, m->m_readonly, f[0], size));
}

Value mv_iter(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__iter__", nargs, kw, 0, 0);
    MemoryViewObject* m = self_mv(self);
    if (m->m_fmt == 'B')
        return py_iter(Value(bytes_new(mv_bytes(m))));
    return py_iter(mv_tolist(self, nullptr, 0, nullptr));
}

Value mv_eq(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__eq__", nargs, kw, 1, 1);
    MemoryViewObject* m = self.as<MemoryViewObject>();
    Value other = args[0];
    if (other == self)
        return py_bool(true);
    if (m->m_released)
        return py_bool(false);
    std::string mine = mv_bytes(m);
    if (other.is_object() && other.as_object()->m_type == &memoryview_type) {
        MemoryViewObject* o = other.as<MemoryViewObject>();
        if (o->m_released)
            return py_bool(false);
        return py_bool(mine == mv_bytes(o));
    }
    std::string tmp;
    std::string_view view;
    if (!bytes_like(other, tmp, &view))
        return Value(g_not_implemented);
    return py_bool(mine == view);
}

Value mv_hash(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__hash__", nargs, kw, 0, 0);
    MemoryViewObject* m = self_mv(self);
    if (!m->m_readonly)
        raise(&exc::ValueError, "cannot hash writable memoryview object");
    return int_from_i64(py_hash(Value(bytes_new(mv_bytes(m)))));
}

Value mv_repr(Value self, Value const*, size_t, TupleObject*)
{
    MemoryViewObject* m = self.as<MemoryViewObject>();
    char buf[64];
    std::snprintf(buf, sizeof buf, "<%smemory at %p>", m->m_released ? "released " : "", static_cast<void*>(m));
    return Value(str_from_ascii(buf));
}

Value get_obj(Value self) { return self_mv(self)->m_obj; }
Value get_nbytes(Value self) { return int_from_i64(static_cast<int64_t>(mv_bytes(self_mv(self)).size())); }
Value get_readonly(Value self) { return py_bool(self_mv(self)->m_readonly); }
Value get_itemsize(Value self) { return Value::small_int(self_mv(self)->m_itemsize); }
Value get_ndim(Value self) { return self_mv(self), Value::small_int(1); }
Value get_format(Value self)
{
    char f[2] = { self_mv(self)->m_fmt, 0 };
    return Value(str_from_ascii(f));
}
Value get_shape(Value self)
{
    MemoryViewObject* m = self_mv(self);
    return Value(tuple_of({ int_from_i64(static_cast<int64_t>(mv_bytes(m).size()) / m->m_itemsize) }));
}
Value get_strides(Value self) { return Value(tuple_of({ Value::small_int(self_mv(self)->m_itemsize) })); }
Value get_true(Value self) { return self_mv(self), py_bool(true); }
// No PIL-style indirect buffers here: always the empty tuple, as CPython's for plain buffers.
Value get_suboffsets(Value self) { return self_mv(self), Value(tuple_empty()); }
Value get_released(Value self) { return py_bool(self.as<MemoryViewObject>()->m_released); }

MethodDef const s_mv_methods[] = {
    { "__new__", mv_new_py, METH_STATIC },
    { "__len__", mv_len },
    { "__getitem__", mv_getitem },
    { "__setitem__", mv_setitem },
    { "__iter__", mv_iter },
    { "__eq__", mv_eq },
    { "__hash__", mv_hash },
    { "__repr__", mv_repr },
    { "__enter__", mv_enter },
    { "__exit__", mv_exit },
    { "tobytes", mv_tobytes },
    { "tolist", mv_tolist },
    { "hex", mv_hex },
    { "release", mv_release },
    { "toreadonly", mv_toreadonly },
    { "cast", mv_cast },
    { nullptr, nullptr },
};

// A memoryview is itself bytes-like for bytes_like() and the functions that take buffers
// (objects/buffer_arg.h): its viewed bytes, as CPython's buffer protocol gives them.
std::string export_read(Object* o) { return mv_bytes(self_mv(Value(o))); }
void export_write(Object* o, int64_t off, std::string_view data)
{
    MemoryViewObject* m = self_mv(Value(o));
    if (m->m_readonly)
        raise(&exc::TypeError, "cannot modify read-only memory");
    BufferExport const* e = is_bytearray(m->m_obj) ? nullptr : find_buffer_export(m->m_obj);
    std::string all = e ? e->read(m->m_obj.as_object()) : bytearray_copy(m->m_obj.as<ByteArrayObject>());
    int64_t at = m->m_start + off;
    if (at < 0 || at + static_cast<int64_t>(data.size()) > static_cast<int64_t>(all.size()))
        return;
    all.replace(static_cast<size_t>(at), data.size(), data);
    if (e)
        e->write(m->m_obj.as_object(), 0, all);
    else
        bytearray_assign(m->m_obj.as<ByteArrayObject>(), std::move(all));
}
char export_format(Object* o) { return self_mv(Value(o))->m_fmt; }
int export_itemsize(Object* o) { return self_mv(Value(o))->m_itemsize; }
BufferExport const s_mv_export { &memoryview_type, export_read, export_write, export_format, export_itemsize };

} // namespace

void setup_memoryview_type()
{
    init_static_type(&memoryview_type, "memoryview", nullptr, sizeof(MemoryViewObject),
        TF_WEAKREFABLE, trace_mv);
    // Plain fields (MV-1): a write of a view made before the transaction is undone by a byte
    // copy, instead of making the transaction inevitable (UNDO-1).
    memoryview_type.m_stm_undo = &g_plain_undo;
    register_buffer_export(&s_mv_export);
}

void init_memoryview_type()
{
    Type* t = &memoryview_type;
    add_methods(t, s_mv_methods);
    add_getset(t, "obj", get_obj);
    add_getset(t, "nbytes", get_nbytes);
    add_getset(t, "readonly", get_readonly);
    add_getset(t, "itemsize", get_itemsize);
    add_getset(t, "ndim", get_ndim);
    add_getset(t, "format", get_format);
    add_getset(t, "shape", get_shape);
    add_getset(t, "strides", get_strides);
    add_getset(t, "suboffsets", get_suboffsets);
    add_getset(t, "c_contiguous", get_true);
    add_getset(t, "f_contiguous", get_true);
    add_getset(t, "contiguous", get_true);
    add_getset(t, "released", get_released);
}

} // namespace pystm
