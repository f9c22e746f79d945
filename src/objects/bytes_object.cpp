// bytes: construction, repr, hashing, the core dunders shared with bytearray (comparison,
// iteration), the bytes and bytearray iterator types, and the set-up of both types. The
// non-mutating methods are in bytes_methods.cpp, bytearray's own behaviour in bytearray.cpp.
//
// Invariants: bytes objects are immutable (OBJ-1) and NUL-terminated after m_size bytes; the
// hash is cached in the header's m_hash as for str (hash_bytes32 never returns 0), and equals
// the hash of the ASCII/Latin-1 str with the same code units, as in CPython.
#include "gc/heap.h"
#include "objects/access.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_internal.h"
#include "objects/codecs.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/richcompare.h"
#include "objects/slice_object.h"
#include "objects/str_internal.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <cstring>

namespace pystm {

Type bytes_type { &type_type };
Type bytearray_type { &type_type };
Type bytes_iterator_type { &type_type };
Type bytearray_iterator_type { &type_type };

static Value s_empty_bytes;

static BytesObject* bytes_alloc_type(Type* t, int64_t n)
{
    if (n < 0 || n > (INT64_C(1) << 56))
        raise_memory_error();
    return gc::make_var<BytesObject>(t, static_cast<size_t>(n) + 1, n);
}

BytesObject* bytes_alloc(int64_t n)
{
    return bytes_alloc_type(&bytes_type, n);
}

BytesObject* bytes_new(std::string_view data)
{
    if (data.empty()) {
        if (PY_UNLIKELY(s_empty_bytes.is_null())) {
            s_empty_bytes = Value(bytes_alloc(0));
            gc::add_root(&s_empty_bytes);
        }
        return s_empty_bytes.as<BytesObject>();
    }
    BytesObject* b = bytes_alloc(static_cast<int64_t>(data.size()));
    std::memcpy(b->data(), data.data(), data.size());
    return b;
}

static BytesObject* bytes_new_type(Type* t, std::string_view data)
{
    if (t == &bytes_type)
        return bytes_new(data);
    BytesObject* b = bytes_alloc_type(t, static_cast<int64_t>(data.size()));
    std::memcpy(b->data(), data.data(), data.size());
    return b;
}

std::string bytes_repr(std::string_view data)
{
    bool has_sq = data.find('\'') != std::string_view::npos;
    bool has_dq = data.find('"') != std::string_view::npos;
    char quote = has_sq && !has_dq ? '"' : '\'';
    static char const hex[] = "0123456789abcdef";
    std::string out = "b";
    out.reserve(data.size() + 3);
    out.push_back(quote);
    for (char ch : data) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c == static_cast<unsigned char>(quote) || c == '\\') {
            out.push_back('\\');
            out.push_back(ch);
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c >= 0x7f) {
            out += "\\x";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        } else {
            out.push_back(ch);
        }
    }
    out.push_back(quote);
    return out;
}

// --- shared helpers ----------------------------------------------------------------------------

bool bytes_like(Value v, std::string& tmp, std::string_view* out)
{
    if (is_bytes(v)) {
        *out = v.as<BytesObject>()->view();
        return true;
    }
    if (is_bytearray(v)) {
        tmp = bytearray_copy(v.as<ByteArrayObject>());
        *out = tmp;
        return true;
    }
    if (BufferExport const* e = find_buffer_export(v)) { // array.array (objects/buffer_arg.h)
        tmp = e->read(v.as_object());
        *out = tmp;
        return true;
    }
    return false;
}

std::string_view need_bytes_like(Value v, std::string& tmp)
{
    std::string_view out;
    if (!bytes_like(v, tmp, &out))
        raise(&exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v).c_str());
    return out;
}

std::string_view self_bytes(Value self, std::string& tmp)
{
    std::string_view out;
    bytes_like(self, tmp, &out);
    return out;
}

Value bytes_result(Value self, std::string_view data)
{
    if (is_bytearray(self))
        return Value(bytearray_new(data));
    return Value(bytes_new(data));
}

uint8_t byte_from_value(Value v)
{
    int64_t x;
    Value i = py_number_index(v);
    if (!int_to_i64(i, &x) || x < 0 || x > 255)
        raise(&exc::ValueError, "byte must be in range(0, 256)");
    return static_cast<uint8_t>(x);
}

std::string bytes_from_iterable(Value v, char const* what)
{
    std::string tmp;
    std::string_view view;
    if (bytes_like(v, tmp, &view))
        return std::string(view);
    Type* t = type_of(v);
    if (t->special(SP_iter).is_null() && t->special(SP_getitem).is_null())
        raise(&exc::TypeError, "cannot convert '%s' object to %s", type_name(v).c_str(), what);
    Value it = py_iter(v);
    std::string out;
    for (Value x = py_next(it); !x.is_null(); x = py_next(it)) {
        int64_t n;
        Value i = py_number_index(x);
        if (!int_to_i64(i, &n) || n < 0 || n > 255)
            raise(&exc::ValueError, "bytes must be in range(0, 256)");
        out.push_back(static_cast<char>(n));
    }
    return out;
}

// --- bytes dunders ---------------------------------------------------------------------------------

static Value bytes_new_native(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "bytes.__new__(X): X is not a type object");
    Type* cls = args[0].as<Type>();
    Value a[3];
    parse_args("bytes", args + 1, nargs - 1, kwnames, { "source", "encoding", "errors" }, 0, a);
    Value src = a[0];
    if (src.is_null()) {
        if (!a[1].is_null() || !a[2].is_null())
            raise(&exc::TypeError, a[1].is_null() ? "errors without a string argument" : "encoding without a string argument");
        return Value(bytes_new_type(cls, ""));
    }
    // CPython's order: an encoding needs a str; then __bytes__ (None blocks the conversion,
    // and a bytes subclass has bytes.__bytes__), an integer count, the buffer and iterable forms.
    if (!a[1].is_null()) {
        if (!is_str(src))
            raise(&exc::TypeError, "encoding without a string argument");
        std::string enc = str_utf8(arg_str("bytes()", a[1], "argument 'encoding'"));
        std::string errors = a[2].is_null() ? "strict" : str_utf8(arg_str("bytes()", a[2], "argument 'errors'"));
        BytesObject* b = codecs::encode(src.as<StrObject>(), enc, errors);
        return Value(cls == &bytes_type ? b : bytes_new_type(cls, b->view()));
    }
    if (!a[2].is_null())
        raise(&exc::TypeError,
            is_str(src) ? "string argument without an encoding"
                        : "errors without a string argument");
    if (is_bytes(src) && cls == &bytes_type && src.as_object()->m_type == &bytes_type)
        return src;
    Value r = call_special_opt(src, SP_bytes, nullptr, 0);
    if (r) {
        if (!is_bytes(r))
            raise(&exc::TypeError, "__bytes__ returned non-bytes (type %s)", type_name(r).c_str());
        return cls == &bytes_type ? r : Value(bytes_new_type(cls, r.as<BytesObject>()->view()));
    }
    if (is_str(src))
        raise(&exc::TypeError, "string argument without an encoding");
    if (is_int(src) || !type_of(src)->special(SP_index).is_null()) {
        int64_t n = -1;
        bool counted = true;
        try {
            n = py_index_i64(src);
        } catch (PyError&) {
            // A TypeError from __index__ falls back to the buffer and iterable forms.
            if (!exception_matches(&exc::TypeError))
                reraise();
            take_exception();
            counted = false;
        }
        if (counted) {
            if (n < 0)
                raise(&exc::ValueError, "negative count");
            return Value(bytes_alloc_type(cls, n)); // zeroed by the allocator
        }
    }
    std::string data = bytes_from_iterable(src, "bytes");
    return Value(bytes_new_type(cls, data));
}

static BytesObject* B(Value v) { return v.as<BytesObject>(); }

static Value bytes_repr_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    return Value(str_from_ascii(bytes_repr(B(self)->view())));
}

static Value bytes_str_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__str__", nargs, kw, 0, 0);
    return Value(str_from_ascii(bytes_repr(B(self)->view())));
}

static Value bytes_len_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__len__", nargs, kw, 0, 0);
    return Value::small_int(B(self)->m_size);
}

static Value bytes_hash_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__hash__", nargs, kw, 0, 0);
    BytesObject* b = B(self);
    if (b->m_size == 0)
        return Value::small_int(0);
    if (b->m_hash == 0)
        b->m_hash = hash_bytes32(b->data(), static_cast<size_t>(b->m_size)); // idempotent cache
    return Value::small_int(b->m_hash);
}

static Value bytes_getitem_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getitem__", nargs, kw, 1, 1);
    BytesObject* b = B(self);
    Value key = args[0];
    if (is_slice(key)) {
        int64_t start, stop, step;
        int64_t n = slice_adjust(key.as<SliceObject>(), b->m_size, &start, &stop, &step);
        if (step == 1) {
            if (n == b->m_size && b->m_type == &bytes_type)
                return self;
            return Value(bytes_new(b->view().substr(static_cast<size_t>(start), static_cast<size_t>(n > 0 ? n : 0))));
        }
        std::string out;
        for (int64_t i = 0, j = start; i < n; i++, j = slice_next(j, step))
            out.push_back(static_cast<char>(b->data()[j]));
        return Value(bytes_new(out));
    }
    if (!is_int(key) && type_of(key)->special(SP_index).is_null())
        raise(&exc::TypeError, "byte indices must be integers or slices, not %s", type_name(key).c_str());
    int64_t i = py_index_clamped(key);
    if (!normalize_index(&i, b->m_size))
        raise(&exc::IndexError, "index out of range");
    return Value::small_int(b->data()[i]);
}

// "in" for both types: an int (a byte value) or a bytes-like subsequence.
static Value bytes_contains_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__contains__", nargs, kw, 1, 1);
    std::string t1, t2;
    std::string_view hay = self_bytes(self, t1);
    Value x = args[0];
    std::string_view needle;
    if (!bytes_like(x, t2, &needle)) {
        if (is_int(x) || !type_of(x)->special(SP_index).is_null()) {
            uint8_t c = byte_from_value(x);
            return py_bool(std::memchr(hay.data(), c, hay.size()) != nullptr);
        }
        raise(&exc::TypeError, "a bytes-like object is required, not '%s'", type_name(x).c_str());
    }
    return py_bool(hay.find(needle) != std::string_view::npos);
}

static Value bytes_add_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__add__", nargs, kw, 1, 1);
    std::string t1, t2;
    std::string_view other;
    if (!bytes_like(args[0], t2, &other))
        raise(&exc::TypeError, "can't concat %s to %s", type_name(args[0]).c_str(), is_bytearray(self) ? "bytearray" : "bytes");
    std::string_view mine = self_bytes(self, t1);
    std::string r;
    r.reserve(mine.size() + other.size());
    r.append(mine);
    r.append(other);
    return bytes_result(self, r);
}

static Value bytes_mul_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__mul__", nargs, kw, 1, 1);
    int64_t count;
    if (!int_to_i64(py_number_index(args[0]), &count))
        raise(&exc::OverflowError, "cannot fit 'int' into an index-sized integer");
    // An exact bytes repeated once is itself, as in CPython.
    if (count == 1 && is_bytes(self) && type_of(self) == &bytes_type)
        return self;
    std::string t1;
    std::string_view mine = self_bytes(self, t1);
    if (count <= 0 || mine.empty())
        return bytes_result(self, "");
    if (static_cast<int64_t>(mine.size()) > INT64_MAX / 8 / count)
        raise_memory_error();
    std::string r;
    r.reserve(mine.size() * static_cast<size_t>(count));
    for (int64_t i = 0; i < count; i++)
        r.append(mine);
    return bytes_result(self, r);
}

Value bytes_like_compare(Value self, Value other, CompareOp op)
{
    // bytes compares only with bytes; bytearray with any bytes-like object (so b"" == bytearray()
    // is answered by the reflected bytearray.__eq__).
    if (is_bytes(self) && !is_bytes(other))
        return Value(g_not_implemented);
    std::string t1, t2;
    std::string_view b;
    if (!bytes_like(other, t2, &b))
        return Value(g_not_implemented);
    std::string_view a = self_bytes(self, t1);
    return compare_order(a.compare(b), op);
}

static Value bytes_mod_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__mod__", nargs, kw, 1, 1);
    std::string t1;
    return bytes_result(self, bytes_printf(self_bytes(self, t1), args[0]));
}

static Value bytes_rmod_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__rmod__", nargs, kw, 1, 1);
    if (!is_bytes(args[0]) && !is_bytearray(args[0]))
        return Value(g_not_implemented);
    std::string t1;
    return bytes_result(args[0], bytes_printf(self_bytes(args[0], t1), self));
}

static Value bytes_getnewargs_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__getnewargs__", nargs, kw, 0, 0);
    return Value(tuple_of({ Value(bytes_new(B(self)->view())) }));
}

static Value bytes_bytes_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__bytes__", nargs, kw, 0, 0);
    if (B(self)->m_type == &bytes_type)
        return self;
    return Value(bytes_new(B(self)->view()));
}

static Value bytes_sizeof_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__sizeof__", nargs, kw, 0, 0);
    return Value::small_int(33 + B(self)->m_size); // CPython's PyBytesObject header + data + NUL
}

// --- iterators -----------------------------------------------------------------------------------

struct BytesIterObject : Object {
    Value m_seq; // bytes or bytearray; null once exhausted
    int64_t m_index = 0;
    BytesIterObject(Type* t, Value seq) : Object(t), m_seq(seq) { }
};

static void bytes_iter_trace(Object* o, gc::Tracer& t)
{
    t.visit(static_cast<BytesIterObject*>(o)->m_seq);
}

static Value bytes_iter_next(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* it = static_cast<BytesIterObject*>(o);
    read_barrier(it);
    Value seq = it->m_seq;
    if (seq.is_null())
        return Value();
    int64_t i = it->m_index;
    int64_t c = -1;
    if (is_bytes(seq)) {
        if (i < B(seq)->m_size)
            c = B(seq)->data()[i];
    } else {
        std::string content = bytearray_copy(seq.as<ByteArrayObject>());
        if (i < static_cast<int64_t>(content.size()))
            c = static_cast<unsigned char>(content[static_cast<size_t>(i)]);
    }
    write_barrier(it);
    if (c < 0) {
        it->m_seq = Value();
        return Value();
    }
    it->m_index = i + 1;
    return Value::small_int(c);
}

Value bytes_like_iter(Value self)
{
    Type* t = is_bytes(self) ? &bytes_iterator_type : &bytearray_iterator_type;
    return Value(gc::make<BytesIterObject>(t, self));
}

static Value bytes_iter_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__iter__", nargs, kw, 0, 0);
    return bytes_like_iter(self);
}

static Value bytes_iter_length_hint(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    auto* it = self.as<BytesIterObject>();
    read_barrier(it);
    if (it->m_seq.is_null())
        return Value::small_int(0);
    int64_t len = is_bytes(it->m_seq) ? B(it->m_seq)->m_size : bytearray_size(it->m_seq.as<ByteArrayObject>());
    return Value::small_int(len > it->m_index ? len - it->m_index : 0);
}

// pickle: (iter, (seq,), index), or (iter, ((),)) once exhausted.
static Value bytes_iter_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* it = self.as<BytesIterObject>();
    read_barrier(it);
    Value seq = it->m_seq;
    int64_t i = it->m_index;
    read_validate_barrier(it);
    return iter_reduce(seq, i);
}

static Value bytes_iter_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    auto* it = self.as<BytesIterObject>();
    read_barrier(it);
    Value seq = it->m_seq;
    if (seq.is_null()) {
        iter_setstate_index(args[0], INT64_MIN, INT64_MAX); // the state is checked all the same
        return none();
    }
    int64_t len = is_bytes(seq) ? B(seq)->m_size : bytearray_size(seq.as<ByteArrayObject>());
    int64_t index = iter_setstate_index(args[0], 0, len);
    write_barrier(it);
    it->m_index = index;
    return none();
}

static MethodDef const s_bytes_iter_methods[] = {
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", bytes_iter_length_hint },
    { "__reduce__", bytes_iter_reduce },
    { "__setstate__", bytes_iter_setstate },
    { nullptr, nullptr },
};

// Dunders only bytes has; the rest it shares with bytearray.
static MethodDef const s_bytes_core_methods[] = {
    { "__new__", bytes_new_native, METH_STATIC },
    { "__repr__", bytes_repr_native },
    { "__str__", bytes_str_native },
    { "__len__", bytes_len_native },
    { "__hash__", bytes_hash_native },
    { "__getitem__", bytes_getitem_native },
    { "__getnewargs__", bytes_getnewargs_native },
    { "__bytes__", bytes_bytes_native },
    { "__sizeof__", bytes_sizeof_native },
    { nullptr, nullptr },
};

// Dunders bytes and bytearray share (their implementations dispatch on the receiver).
static MethodDef const s_bytes_shared_methods[] = {
    { "__contains__", bytes_contains_native },
    { "__iter__", bytes_iter_native },
    { "__add__", bytes_add_native },
    { "__mul__", bytes_mul_native },
    { "__rmul__", bytes_mul_native },
    { "__mod__", bytes_mod_native },
    { "__rmod__", bytes_rmod_native },
    { nullptr, nullptr },
};

void setup_bytes_types()
{
    init_static_type(&bytes_type, "bytes", nullptr, sizeof(BytesObject), TF_BASETYPE | TF_IMMUTABLE | TF_BYTES_SUBCLASS);
    init_static_type(&bytearray_type, "bytearray", nullptr, sizeof(ByteArrayObject), TF_BASETYPE, nullptr,
        bytearray_destroy);
    bytes_type.m_doc = "bytes(iterable_of_ints) -> bytes\n"
                       "bytes(string, encoding[, errors]) -> bytes\n"
                       "bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\n"
                       "bytes(int) -> bytes object of size given by the parameter "
                       "initialized with null bytes\n"
                       "bytes() -> empty bytes object\n\n"
                       "Construct an immutable array of bytes from:\n"
                       "  - an iterable yielding integers in range(256)\n"
                       "  - a text string encoded using the specified encoding\n"
                       "  - any object implementing the buffer API.\n"
                       "  - an integer";
    bytearray_type.m_doc = "bytearray(iterable_of_ints) -> bytearray\n"
                           "bytearray(string, encoding[, errors]) -> bytearray\n"
                           "bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\n"
                           "bytearray(int) -> bytes array of size given by the parameter "
                           "initialized with null bytes\n"
                           "bytearray() -> empty bytes array\n\n"
                           "Construct a mutable bytearray object from:\n"
                           "  - an iterable yielding integers in range(256)\n"
                           "  - a text string encoded using the specified encoding\n"
                           "  - a bytes or a buffer object\n"
                           "  - any object implementing the buffer API.\n"
                           "  - an integer";
    init_static_type(&bytes_iterator_type, "bytes_iterator", nullptr, sizeof(BytesIterObject), 0, bytes_iter_trace);
    init_static_type(&bytearray_iterator_type, "bytearray_iterator", nullptr, sizeof(BytesIterObject), 0, bytes_iter_trace);
    bytes_iterator_type.m_iternext = bytes_iter_next;
    bytearray_iterator_type.m_iternext = bytes_iter_next;
}

void init_bytes_types()
{
    add_methods(&bytes_type, s_bytes_core_methods);
    add_methods(&bytes_type, s_bytes_shared_methods);
    add_methods(&bytes_type, compare_methods<bytes_like_compare>);
    add_methods(&bytes_type, g_bytes_common_methods);
    add_methods(&bytearray_type, s_bytes_shared_methods);
    add_methods(&bytearray_type, compare_methods<bytes_like_compare>);
    add_methods(&bytearray_type, g_bytes_common_methods);
    add_methods(&bytearray_type, g_bytearray_methods);
    add_type_attr(&bytearray_type, "__hash__", none());
    add_methods(&bytes_iterator_type, s_bytes_iter_methods);
    add_methods(&bytearray_iterator_type, s_bytes_iter_methods);
    // CPython's iterators have no tp_new: calling the type raises "cannot create ... instances".
    add_type_attr(&bytes_iterator_type, "__new__", none());
    add_type_attr(&bytearray_iterator_type, "__new__", none());
    bytes_new("");
}

} // namespace pystm
