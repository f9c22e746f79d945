// bytearray: the mutable byte sequence. Owns the state accessors (every read of m_bytes is
// preceded by read_barrier() and followed by read_validate_barrier() before what it read is
// acted on, every write preceded by write_barrier(), in the same function, with no safepoint
// between: objects/access.h; the bytes are a ByteStore, BYTES-1) and bytearray's own methods:
// construction, repr, indexing and slice assignment, deletion, the in-place operators and the
// list-like mutators. The non-mutating methods shared with bytes are in bytes_methods.cpp.
#include "objects/bytes_internal.h"
#include "objects/codecs.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/slice_object.h"
#include "objects/str_internal.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "gc/heap.h"
#include "objects/undo.h"
#include <algorithm>

namespace pystm {

// --- accessors -----------------------------------------------------------------------------------

std::string bytearray_copy(ByteArrayObject* b)
{
    read_barrier(b);
    std::string s = b->m_bytes.str();
    read_validate_barrier(b); // STM-5: a writer may have changed the bytes as they were copied
    return s;
}

int64_t bytearray_size(ByteArrayObject* b)
{
    read_barrier(b);
    auto n = static_cast<int64_t>(b->m_bytes.size());
    read_validate_barrier(b);
    return n;
}

void bytearray_assign(ByteArrayObject* b, std::string_view data)
{
    write_barrier(b);
    b->m_bytes.assign(data);
}

namespace {
    // Byte [i] of [b] if i is an index of it (negative ones count from the end): the index
    // normalized into [i] and the byte into [c]; false if out of range.
    bool bytearray_at(ByteArrayObject* b, int64_t* i, unsigned char* c)
    {
        read_barrier(b);
        std::string_view v = b->m_bytes.view();
        bool ok = normalize_index(i, static_cast<int64_t>(v.size()));
        if (ok)
            *c = static_cast<unsigned char>(v[static_cast<size_t>(*i)]);
        read_validate_barrier(b);
        return ok;
    }
} // namespace

void bytearray_destroy(Object* o)
{
    static_cast<ByteArrayObject*>(o)->~ByteArrayObject();
}

ByteArrayObject* bytearray_new(std::string_view data)
{
    ByteArrayObject* b = gc::make<ByteArrayObject>(&bytearray_type);
    b->m_bytes.assign(data); // not yet published: no barrier needed
    return b;
}

static ByteArrayObject* BA(Value v) { return v.as<ByteArrayObject>(); }

// --- construction --------------------------------------------------------------------------------

static Value ba_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "bytearray.__new__(X): X is not a type object");
    Type* cls = args[0].as<Type>();
    return Value(gc::make<ByteArrayObject>(cls));
}

static Value ba_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[3];
    parse_args("bytearray", args, nargs, kwnames, { "source", "encoding", "errors" }, 0, a);
    Value src = a[0];
    std::string data;
    if (src.is_null()) {
        if (!a[1].is_null() || !a[2].is_null())
            raise(&exc::TypeError, a[1].is_null() ? "errors without a string argument" : "encoding without a string argument");
    } else if (is_str(src)) {
        if (a[1].is_null())
            raise(&exc::TypeError, "string argument without an encoding");
        std::string enc = str_utf8(arg_str("bytearray()", a[1], "argument 'encoding'"));
        std::string errors = a[2].is_null() ? "strict" : str_utf8(arg_str("bytearray()", a[2], "argument 'errors'"));
        data = std::string(codecs::encode(src.as<StrObject>(), enc, errors)->view());
    } else {
        if (!a[1].is_null())
            raise(&exc::TypeError, "encoding without a string argument");
        if (!a[2].is_null())
            raise(&exc::TypeError, "errors without a string argument");
        if (is_int(src) || (!is_bytes(src) && !is_bytearray(src) && !type_of(src)->special(SP_index).is_null())) {
            int64_t n = py_index_i64(src);
            if (n < 0)
                raise(&exc::ValueError, "negative count");
            data.assign(static_cast<size_t>(n), '\0');
        } else {
            data = bytes_from_iterable(src, "bytearray");
        }
    }
    bytearray_assign(BA(self), std::move(data));
    return none();
}

// --- dunders -------------------------------------------------------------------------------------

static Value ba_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    std::string content = bytearray_copy(BA(self));
    std::string r = type_of(self)->name_str() + "(" + bytes_repr(content) + ")";
    return Value(str_from_utf8(r));
}

static Value ba_len(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__len__", nargs, kw, 0, 0);
    return Value::small_int(bytearray_size(BA(self)));
}

static Value ba_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getitem__", nargs, kw, 1, 1);
    Value key = args[0];
    if (is_slice(key)) {
        std::string content = bytearray_copy(BA(self));
        int64_t start, stop, step;
        int64_t n = slice_adjust(key.as<SliceObject>(), static_cast<int64_t>(content.size()), &start, &stop, &step);
        std::string out;
        for (int64_t i = 0, j = start; i < n; i++, j = slice_next(j, step))
            out.push_back(content[static_cast<size_t>(j)]);
        return Value(bytearray_new(out));
    }
    if (!is_int(key) && type_of(key)->special(SP_index).is_null())
        raise(&exc::TypeError, "bytearray indices must be integers or slices, not %s", type_name(key).c_str());
    int64_t i = py_index_clamped(key);
    unsigned char c;
    if (!bytearray_at(BA(self), &i, &c))
        raise(&exc::IndexError, "bytearray index out of range");
    return Value::small_int(c);
}

// The bytes to assign from the right-hand side of a slice assignment.
static std::string assign_source(Value v)
{
    if (is_int(v))
        raise(&exc::TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    if (is_str(v))
        raise(&exc::TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    return bytes_from_iterable(v, "bytearray");
}

static void set_slice(ByteArrayObject* b, SliceObject* sl, Value v)
{
    std::string src = v.is_null() ? std::string() : assign_source(v);
    std::string cur = bytearray_copy(b);
    int64_t start, stop, step;
    int64_t n = slice_adjust(sl, static_cast<int64_t>(cur.size()), &start, &stop, &step);
    if (step == 1) {
        if (stop < start)
            stop = start;
        cur.replace(static_cast<size_t>(start), static_cast<size_t>(stop - start), src);
    } else if (v.is_null()) {
        // Extended-slice deletion: drop the selected positions.
        std::vector<bool> drop(cur.size(), false);
        for (int64_t i = 0, j = start; i < n; i++, j = slice_next(j, step))
            drop[static_cast<size_t>(j)] = true;
        std::string out;
        for (size_t k = 0; k < cur.size(); k++)
            if (!drop[k])
                out.push_back(cur[k]);
        cur.swap(out);
    } else {
        if (static_cast<int64_t>(src.size()) != n)
            raise(&exc::ValueError, "attempt to assign bytes of size %zu to extended slice of size %lld", src.size(),
                static_cast<long long>(n));
        for (int64_t i = 0, j = start; i < n; i++, j = slice_next(j, step))
            cur[static_cast<size_t>(j)] = src[static_cast<size_t>(i)];
    }
    bytearray_assign(b, cur);
}

static Value ba_setitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setitem__", nargs, kw, 2, 2);
    ByteArrayObject* b = BA(self);
    Value key = args[0];
    if (is_slice(key)) {
        set_slice(b, key.as<SliceObject>(), args[1]);
        return none();
    }
    if (!is_int(key) && type_of(key)->special(SP_index).is_null())
        raise(&exc::TypeError, "bytearray indices must be integers or slices, not %s", type_name(key).c_str());
    int64_t i = py_index_clamped(key);
    uint8_t c = byte_from_value(args[1]);
    write_barrier(b);
    if (!normalize_index(&i, static_cast<int64_t>(b->m_bytes.size())))
        raise(&exc::IndexError, "bytearray index out of range");
    b->m_bytes.data()[static_cast<size_t>(i)] = static_cast<char>(c);
    return none();
}

static Value ba_delitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__delitem__", nargs, kw, 1, 1);
    ByteArrayObject* b = BA(self);
    Value key = args[0];
    if (is_slice(key)) {
        set_slice(b, key.as<SliceObject>(), Value());
        return none();
    }
    if (!is_int(key) && type_of(key)->special(SP_index).is_null())
        raise(&exc::TypeError, "bytearray indices must be integers or slices, not %s", type_name(key).c_str());
    int64_t i = py_index_clamped(key);
    write_barrier(b);
    if (!normalize_index(&i, static_cast<int64_t>(b->m_bytes.size())))
        raise(&exc::IndexError, "bytearray index out of range");
    b->m_bytes.erase(static_cast<size_t>(i), 1);
    return none();
}

static Value ba_iadd(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__iadd__", nargs, kw, 1, 1);
    std::string tmp;
    std::string_view other;
    if (!bytes_like(args[0], tmp, &other))
        raise(&exc::TypeError, "can't concat %s to bytearray", type_name(args[0]).c_str());
    std::string copy(other);
    ByteArrayObject* b = BA(self);
    write_barrier(b);
    b->m_bytes.append(copy);
    return self;
}

static Value ba_imul(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__imul__", nargs, kw, 1, 1);
    if (!is_int(args[0]) && type_of(args[0])->special(SP_index).is_null())
        return Value(g_not_implemented);
    int64_t count = py_index_i64(args[0]);
    ByteArrayObject* b = BA(self);
    std::string cur = bytearray_copy(b);
    std::string out;
    if (count > 0 && !cur.empty()) {
        if (static_cast<int64_t>(cur.size()) > INT64_MAX / 8 / count)
            raise_memory_error();
        out.reserve(cur.size() * static_cast<size_t>(count));
        for (int64_t i = 0; i < count; i++)
            out.append(cur);
    }
    bytearray_assign(b, std::move(out));
    return self;
}

static Value ba_alloc(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    args_exact("bytearray.__alloc__", nargs, kw, 0);
    return Value::small_int(bytearray_size(BA(self)) + 1);
}

static Value ba_sizeof(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__sizeof__", nargs, kw, 0, 0);
    int64_t n = bytearray_size(BA(self));
    return Value::small_int(56 + (n ? n + 1 : 0));
}

// --- mutators ------------------------------------------------------------------------------------

static Value ba_append(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact("bytearray.append", nargs, kw, 1);
    uint8_t c = byte_from_value(args[0]);
    ByteArrayObject* b = BA(self);
    write_barrier(b);
    b->m_bytes.push_back(static_cast<char>(c));
    return none();
}

static Value ba_extend(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact("bytearray.extend", nargs, kw, 1);
    if (is_str(args[0]))
        raise(&exc::TypeError, "expected iterable of integers; got: 'str'");
    Type* t = type_of(args[0]);
    if (!is_bytes(args[0]) && !is_bytearray(args[0]) && t->special(SP_iter).is_null() && t->special(SP_getitem).is_null())
        raise(&exc::TypeError, "can't extend bytearray with %s", type_name(args[0]).c_str());
    std::string data = bytes_from_iterable(args[0], "bytearray");
    ByteArrayObject* b = BA(self);
    write_barrier(b);
    b->m_bytes.append(data);
    return none();
}

static Value ba_insert(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_positional("insert", "bytearray.insert", nargs, kw, 2, 2);
    int64_t i = py_index_clamped(args[0]);
    uint8_t c = byte_from_value(args[1]);
    ByteArrayObject* b = BA(self);
    write_barrier(b);
    int64_t n = static_cast<int64_t>(b->m_bytes.size());
    if (i < 0) {
        i += n;
        if (i < 0)
            i = 0;
    }
    if (i > n)
        i = n;
    char ch = static_cast<char>(c);
    b->m_bytes.insert(static_cast<size_t>(i), std::string_view(&ch, 1));
    return none();
}

static Value ba_pop(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_positional("pop", "bytearray.pop", nargs, kw, 0, 1);
    int64_t i = nargs > 0 ? py_index_clamped(args[0]) : -1;
    ByteArrayObject* b = BA(self);
    write_barrier(b);
    int64_t n = static_cast<int64_t>(b->m_bytes.size());
    if (n == 0)
        raise(&exc::IndexError, "pop from empty bytearray");
    if (!normalize_index(&i, n))
        raise(&exc::IndexError, "pop index out of range");
    unsigned char c = static_cast<unsigned char>(b->m_bytes.data()[static_cast<size_t>(i)]);
    b->m_bytes.erase(static_cast<size_t>(i), 1);
    return Value::small_int(c);
}

static Value ba_remove(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact("bytearray.remove", nargs, kw, 1);
    uint8_t c = byte_from_value(args[0]);
    ByteArrayObject* b = BA(self);
    write_barrier(b);
    size_t pos = b->m_bytes.view().find(static_cast<char>(c));
    if (pos == std::string_view::npos)
        raise(&exc::ValueError, "value not found in bytearray");
    b->m_bytes.erase(pos, 1);
    return none();
}

static Value ba_reverse(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    args_exact("bytearray.reverse", nargs, kw, 0);
    ByteArrayObject* b = BA(self);
    write_barrier(b);
    std::reverse(b->m_bytes.data(), b->m_bytes.data() + b->m_bytes.size());
    return none();
}

static Value ba_clear(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    args_exact("bytearray.clear", nargs, kw, 0);
    bytearray_assign(BA(self), {});
    return none();
}

static Value ba_copy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    args_exact("bytearray.copy", nargs, kw, 0);
    return Value(bytearray_new(bytearray_copy(BA(self))));
}

// CPython's _common_reduce: (type(self), args, __getstate__()), the content as latin-1 text
// below protocol 3 (Python 2 compatibility) and as bytes from it on, no args when empty.
static Value ba_common_reduce(Value self, int64_t proto)
{
    Value state = py_call_method(self, intern("__getstate__"), nullptr, 0);
    std::string content = bytearray_copy(BA(self));
    Value args;
    if (content.empty())
        args = Value(tuple_empty());
    else if (proto < 3)
        args = Value(
            tuple_of({ Value(str_from_latin1(content)), Value(str_from_ascii("latin-1")) }));
    else
        args = Value(tuple_of({ Value(bytes_new(content)) }));
    return Value(tuple_of({ Value(type_of(self)), args, state }));
}

static Value ba_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    args_exact("__reduce__", nargs, kw, 0);
    return ba_common_reduce(self, 2);
}

static Value ba_reduce_ex(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("__reduce_ex__", args, nargs, kw, { "proto" }, 0, a);
    return ba_common_reduce(self, a[0].is_null() ? 0 : py_index_i64(a[0]));
}

MethodDef const g_bytearray_methods[] = {
    { "__new__", ba_new, METH_STATIC },
    { "__init__", ba_init },
    { "__repr__", ba_repr },
    { "__str__", ba_repr },
    { "__len__", ba_len },
    { "__getitem__", ba_getitem },
    { "__setitem__", ba_setitem },
    { "__delitem__", ba_delitem },
    { "__iadd__", ba_iadd },
    { "__imul__", ba_imul },
    { "__alloc__", ba_alloc },
    { "__sizeof__", ba_sizeof },
    { "__reduce__", ba_reduce },
    { "__reduce_ex__", ba_reduce_ex },
    { "append", ba_append },
    { "extend", ba_extend },
    { "insert", ba_insert },
    { "pop", ba_pop },
    { "remove", ba_remove },
    { "reverse", ba_reverse },
    { "clear", ba_clear },
    { "copy", ba_copy },
    { nullptr, nullptr },
};

// --- STM undo (objects/undo.h) -----------------------------------------------------------------

namespace {
    void* bytearray_undo_save(Object* o, Type*)
    {
        return new std::string(static_cast<ByteArrayObject*>(o)->m_bytes.str());
    }
    void bytearray_undo_restore(Object* o, Type*, void* r)
    {
        static_cast<ByteArrayObject*>(o)->m_bytes.assign(*static_cast<std::string*>(r));
    }
void bytearray_undo_drop(void* r) { delete static_cast<std::string*>(r); }
void bytearray_undo_trace(void*, gc::Tracer&) { }
} // namespace

StmUndoOps const g_bytearray_undo { bytearray_undo_save, bytearray_undo_restore, bytearray_undo_drop,
    bytearray_undo_trace, sizeof(ByteArrayObject) };

} // namespace pystm
