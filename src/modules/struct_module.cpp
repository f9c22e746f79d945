// The _struct module: pack, unpack, calcsize, pack_into, unpack_from, iter_unpack, the Struct
// class, the unpack iterator and struct.error, with every format code, byte order and the native
// alignment rules of x86-64 Linux (CPython's results and messages).
//
// A format is parsed once per call (or once per Struct) into a list of fields with their byte
// offsets, one per format code with its repeat count (as CPython's), so that "1000000000b"
// costs one field, and sizes that overflow raise struct.error. Buffers are bytes or bytearray
// objects; a bytearray is read and written only after read_barrier / write_barrier on it. Invariant
// STRUCT-1: a Struct's fields and size never change after construction (Struct.__init__ re-parses
// atomically).
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include <cmath>
#include <cstring>
#include <vector>

namespace pystm {

extern Type memoryview_type; // modules/io_memoryview.cpp

namespace {

Type struct_type { &type_type };
Type unpack_iter_type { &type_type };
Value s_error; // struct.error (a root)

[[noreturn]] void struct_error(char const* fmt, ...) __attribute__((format(printf, 1, 2)));
[[noreturn]] void struct_error(char const* fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    raise_value(py_call1(s_error, str_from_utf8(buf)));
}

struct Field {
    char code;
    int64_t count; // 's' / 'p': byte length; otherwise 1
    int64_t offset; // of the first item
    int64_t size; // of one item
    int64_t repeat; // items, at offset, offset + size, ...: 1 for 's' / 'p'
};

struct Layout {
    std::vector<Field> fields; // 'x' padding is not a field
    int64_t items = 0; // the values pack() takes and unpack() returns
    int64_t size = 0;
    bool native = true; // '@': native sizes and alignment
    bool little = true;
};

int64_t code_size(char c, bool native)
{
    switch (c) {
    case 'x': case 'c': case 'b': case 'B': case '?': case 's': case 'p': return 1;
    case 'h': case 'H': case 'e': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'l': case 'L': return native ? 8 : 4;
    case 'q': case 'Q': case 'd': return 8;
    case 'n': case 'N': case 'P': return native ? 8 : -1;
    default: return -1;
    }
}

Layout parse_format(std::string_view f)
{
    Layout L;
    size_t i = 0;
    if (!f.empty()) {
        switch (f[0]) {
        case '@': i = 1; break;
        case '=': L.native = false; i = 1; break;
        case '<': L.native = false; i = 1; break;
        case '>': case '!': L.native = false; L.little = false; i = 1; break;
        }
    }
    int64_t size = 0;
    while (i < f.size()) {
        char c = f[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
            i++;
            continue;
        }
        int64_t num = 1;
        if (c >= '0' && c <= '9') {
            num = 0;
            while (i < f.size() && f[i] >= '0' && f[i] <= '9') {
                int digit = f[i] - '0';
                if (num > (INT64_MAX - digit) / 10)
                    struct_error("total struct size too long");
                num = num * 10 + digit;
                i++;
            }
            if (i >= f.size())
                struct_error("repeat count given without format specifier");
            c = f[i];
        }
        int64_t sz = code_size(c, L.native);
        if (sz < 0)
            struct_error("bad char in struct format");
        if (L.native && sz > 1 && c != 's' && c != 'p') {
            if (size > INT64_MAX - sz)
                struct_error("total struct size too long");
            size = (size + sz - 1) / sz * sz;
        }
        bool bytes = c == 's' || c == 'p';
        int64_t span = bytes ? num : sz; // bytes per item
        int64_t n = bytes ? 1 : num; // items
        if (n > 0 && span > (INT64_MAX - size) / n)
            struct_error("total struct size too long");
        if (c != 'x' && n > 0) {
            L.fields.push_back({ c, bytes ? num : 1, size, span, n });
            L.items += n;
        }
        size += span * n;
        i++;
    }
    L.size = size;
    return L;
}

std::string format_text(Value fmt)
{
    std::string text;
    if (is_str(fmt))
        text = str_utf8(fmt);
    else if (is_bytes(fmt))
        text = std::string(fmt.as<BytesObject>()->view());
    else
        raise(&exc::TypeError, "Struct() argument 1 must be a str or bytes object, not %s",
            type_name(fmt).c_str());
    if (text.find('\0') != std::string::npos)
        struct_error("embedded null character");
    return text;
}

// --- integer and float conversion ----------------------------------------------------------------

Value get_int(Value v)
{
    if (!is_int(v)) {
        if (!type_of(v)->special(SP_index))
            struct_error("required argument is not an integer");
        v = py_number_index(v);
    }
    return v;
}

void put_bytes(uint8_t* p, uint64_t x, int64_t n, bool little)
{
    for (int64_t k = 0; k < n; k++) {
        uint8_t b = static_cast<uint8_t>(x >> (8 * k));
        p[little ? k : n - 1 - k] = b;
    }
}
uint64_t get_bytes(uint8_t const* p, int64_t n, bool little)
{
    uint64_t x = 0;
    for (int64_t k = 0; k < n; k++)
        x |= uint64_t(p[little ? k : n - 1 - k]) << (8 * k);
    return x;
}

uint16_t pack_half(double x)
{
    uint16_t sign = std::signbit(x) ? 1 : 0;
    if (x == 0)
        return static_cast<uint16_t>(sign << 15);
    if (std::isinf(x))
        return static_cast<uint16_t>((sign << 15) | 0x7c00);
    if (std::isnan(x))
        return static_cast<uint16_t>((sign << 15) | 0x7e00);
    int e;
    double f = std::frexp(std::fabs(x), &e);
    f *= 2.0;
    e--;
    if (e >= 16)
        raise(&exc::OverflowError, "float too large to pack with e format");
    if (e < -25) {
        f = 0.0;
        e = 0;
    } else if (e < -14) {
        f = std::ldexp(f, 14 + e);
        e = 0;
    } else {
        e += 15;
        f -= 1.0;
    }
    f *= 1024.0;
    auto bits = static_cast<uint16_t>(f);
    f -= bits;
    if (f > 0.5 || (f == 0.5 && (bits & 1))) {
        bits++;
        if (bits == 1024) {
            bits = 0;
            if (++e == 31)
                raise(&exc::OverflowError, "float too large to pack with e format");
        }
    }
    return static_cast<uint16_t>((sign << 15) | (e << 10) | bits);
}
double unpack_half(uint16_t h)
{
    int sign = h >> 15, e = (h >> 10) & 0x1f;
    unsigned f = h & 0x3ff;
    double x;
    if (e == 0x1f)
        x = f ? NAN : INFINITY;
    else if (e == 0)
        x = std::ldexp(static_cast<double>(f), -24);
    else
        x = std::ldexp(static_cast<double>(f | 0x400), e - 25);
    return sign ? -x : x;
}

void pack_field(Layout const& L, Field const& fd, uint8_t* p, Value v)
{
    char c = fd.code;
    switch (c) {
    case 'c': {
        std::string s;
        if (is_bytes(v))
            s = v.as<BytesObject>()->view();
        else if (v.is_object() && v.as_object()->m_type->is_subtype(&bytearray_type))
            s = bytearray_copy(v.as<ByteArrayObject>());
        if (s.size() != 1)
            struct_error("char format requires a bytes object of length 1");
        p[0] = static_cast<uint8_t>(s[0]);
        return;
    }
    case 's':
    case 'p': {
        std::string data;
        if (is_bytes(v))
            data = v.as<BytesObject>()->view();
        else if (v.is_object() && v.as_object()->m_type->is_subtype(&bytearray_type))
            data = bytearray_copy(v.as<ByteArrayObject>());
        else
            struct_error("argument for '%c' must be a bytes object", c);
        int64_t n = fd.count;
        if (c == 's') {
            int64_t k = std::min<int64_t>(n, static_cast<int64_t>(data.size()));
            memcpy(p, data.data(), static_cast<size_t>(k));
        } else if (n > 0) {
            int64_t k = std::min<int64_t>(n - 1, static_cast<int64_t>(data.size()));
            memcpy(p + 1, data.data(), static_cast<size_t>(k));
            p[0] = static_cast<uint8_t>(std::min<int64_t>(k, 255));
        }
        return;
    }
    case '?':
        p[0] = py_truthy(v) ? 1 : 0;
        return;
    case 'e':
    case 'f':
    case 'd': {
        if (!is_float(v) && !is_int(v) && !type_of(v)->special(SP_float) && !type_of(v)->special(SP_index))
            struct_error("required argument is not a float");
        double x = py_float_as_double(v);
        if (c == 'd') {
            uint64_t bits;
            memcpy(&bits, &x, 8);
            put_bytes(p, bits, 8, L.little);
        } else if (c == 'f') {
            float y = static_cast<float>(x);
            if (!L.native && std::isinf(y) && !std::isinf(x))
                raise(&exc::OverflowError, "float too large to pack with f format");
            uint32_t bits;
            memcpy(&bits, &y, 4);
            put_bytes(p, bits, 4, L.little);
        } else {
            put_bytes(p, pack_half(x), 2, L.little);
        }
        return;
    }
    default:
        break;
    }
    Value iv = get_int(v);
    bool is_unsigned = c == 'B' || c == 'H' || c == 'I' || c == 'L' || c == 'Q' || c == 'N' || c == 'P';
    int64_t n = fd.size;
    uint64_t bits;
    int64_t sx;
    bool fits64 = int_to_i64(iv, &sx);
    if (is_unsigned) {
        uint64_t ux;
        if (fits64 && sx >= 0) {
            ux = static_cast<uint64_t>(sx);
        } else if (int_sign(iv) >= 0 && int_bit_length(iv) <= 64) {
            mpz_t z;
            mpz_init(z);
            int_to_mpz(iv, z);
            ux = mpz_getlimbn(z, 0);
            mpz_clear(z);
        } else if (c == 'P' && fits64) {
            ux = static_cast<uint64_t>(sx); // native pointers accept negative values, as CPython
        } else {
            if (c == 'B' || c == 'H' || (n == 4 && int_sign(iv) >= 0))
                goto range_message;
            struct_error("argument out of range");
        }
        if (n < 8 && ux >> (8 * n)) {
        range_message:
            if (c == 'B')
                struct_error("ubyte format requires 0 <= number <= 255");
            if (c == 'H')
                struct_error("ushort format requires 0 <= number <= 65535");
            struct_error("'%c' format requires 0 <= number <= %llu", c, (1ull << (8 * n)) - 1);
        }
        bits = ux;
    } else {
        if (!fits64)
            struct_error("argument out of range");
        if (n < 8) {
            int64_t lo = -(int64_t(1) << (8 * n - 1)), hi = (int64_t(1) << (8 * n - 1)) - 1;
            if (sx < lo || sx > hi) {
                if (c == 'b')
                    struct_error("byte format requires -128 <= number <= 127");
                if (c == 'h')
                    struct_error("short format requires -32768 <= number <= 32767");
                struct_error("'%c' format requires %lld <= number <= %lld", c, static_cast<long long>(lo),
                    static_cast<long long>(hi));
            }
        }
        bits = static_cast<uint64_t>(sx);
    }
    put_bytes(p, bits, n, L.little);
}

Value unpack_field(Layout const& L, Field const& fd, uint8_t const* p)
{
    char c = fd.code;
    switch (c) {
    case 'c': return bytes_new(std::string_view(reinterpret_cast<char const*>(p), 1));
    case 's': return bytes_new(std::string_view(reinterpret_cast<char const*>(p), static_cast<size_t>(fd.count)));
    case 'p': {
        if (fd.count == 0)
            return bytes_new("");
        int64_t k = std::min<int64_t>(p[0], fd.count - 1);
        return bytes_new(std::string_view(reinterpret_cast<char const*>(p + 1), static_cast<size_t>(k)));
    }
    case '?': return py_bool(p[0] != 0);
    case 'e': return float_new(unpack_half(static_cast<uint16_t>(get_bytes(p, 2, L.little))));
    case 'f': {
        auto bits = static_cast<uint32_t>(get_bytes(p, 4, L.little));
        float y;
        memcpy(&y, &bits, 4);
        return float_new(y);
    }
    case 'd': {
        uint64_t bits = get_bytes(p, 8, L.little);
        double x;
        memcpy(&x, &bits, 8);
        return float_new(x);
    }
    default: break;
    }
    int64_t n = fd.size;
    uint64_t bits = get_bytes(p, n, L.little);
    bool is_unsigned = c == 'B' || c == 'H' || c == 'I' || c == 'L' || c == 'Q' || c == 'N' || c == 'P';
    if (is_unsigned)
        return int_from_u64(bits);
    if (n < 8 && (bits >> (8 * n - 1)) & 1)
        bits |= ~uint64_t(0) << (8 * n);
    return int_from_i64(static_cast<int64_t>(bits));
}

// --- buffers -------------------------------------------------------------------------------------

// The bytes of a readable buffer (bytes, bytearray, memoryview, array.array: buffer_like());
// [keep] receives a copy for the mutable ones.
std::string_view read_buffer(Value v, std::string& keep)
{
    if (is_bytes(v))
        return v.as<BytesObject>()->view();
    std::string_view out;
    if (buffer_like(v, keep, &out))
        return out;
    raise(&exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v).c_str());
}

// Calls fn(field, byte offset, item number) for every item of [L], in order.
template <typename Fn> void for_each_item(Layout const& L, Fn fn)
{
    size_t i = 0;
    for (Field const& f : L.fields)
        for (int64_t k = 0; k < f.repeat; k++)
            fn(f, f.offset + k * f.size, i++);
}

// Packs [args] by [L] into a new buffer of L.size bytes.
std::string pack_items(Layout const& L, Value const* args, size_t nargs)
{
    if (nargs != static_cast<size_t>(L.items))
        struct_error("pack expected %lld items for packing (got %zu)",
            static_cast<long long>(L.items), nargs);
    std::string out(static_cast<size_t>(L.size), '\0');
    auto* p = reinterpret_cast<uint8_t*>(out.data());
    for_each_item(L,
        [&](Field const& f, int64_t offset, size_t i) { pack_field(L, f, p + offset, args[i]); });
    return out;
}

Value pack_to_bytes(Layout const& L, Value const* args, size_t nargs)
{
    return bytes_new(pack_items(L, args, nargs));
}

TupleObject* unpack_at(Layout const& L, uint8_t const* p)
{
    TupleObject* t = tuple_new(L.items);
    for (int64_t i = 0; i < L.items; i++)
        t->items()[i] = none();
    for_each_item(L, [&](Field const& f, int64_t offset, size_t i) {
        t->items()[i] = unpack_field(L, f, p + offset);
    });
    return t;
}

Value do_unpack(Layout const& L, Value buffer)
{
    std::string keep;
    std::string_view data = read_buffer(buffer, keep);
    if (static_cast<int64_t>(data.size()) != L.size)
        struct_error("unpack requires a buffer of %lld bytes", static_cast<long long>(L.size));
    return unpack_at(L, reinterpret_cast<uint8_t const*>(data.data()));
}

// The start in an [n]-byte buffer of [L.size] bytes at [offset] (negative: from the end) for
// pack_into ([packing]) or unpack_from; struct.error, worded as CPython 3.11's, when they do not
// fit.
int64_t buffer_offset(Layout const& L, int64_t offset, int64_t n, bool packing)
{
    auto size = static_cast<long long>(L.size);
    auto off = static_cast<long long>(offset);
    if (offset < 0) {
        if (offset + L.size > 0) {
            if (packing)
                struct_error("no space to pack %lld bytes at offset %lld", size, off);
            struct_error("not enough data to unpack %lld bytes at offset %lld", size, off);
        }
        if (offset + n < 0)
            struct_error(
                "offset %lld out of range for %lld-byte buffer", off, static_cast<long long>(n));
        offset += n;
    }
    // The required size is an unsigned sum that may wrap, as CPython computes it.
    if (n - offset < L.size)
        struct_error("%s requires a buffer of at least %llu bytes for %s %lld bytes at offset %lld "
                     "(actual buffer size is %lld)",
            packing ? "pack_into" : "unpack_from",
            static_cast<unsigned long long>(L.size) + static_cast<unsigned long long>(offset),
            packing ? "packing" : "unpacking", size, static_cast<long long>(offset),
            static_cast<long long>(n));
    return offset;
}

Value do_unpack_from(Layout const& L, Value buffer, Value offv)
{
    int64_t offset = offv ? py_index_i64(offv) : 0;
    std::string keep;
    std::string_view data = read_buffer(buffer, keep);
    offset = buffer_offset(L, offset, static_cast<int64_t>(data.size()), false);
    return unpack_at(L, reinterpret_cast<uint8_t const*>(data.data()) + offset);
}

void do_pack_into(Layout const& L, Value buffer, Value offv, Value const* args, size_t nargs)
{
    WritableBuffer w;
    if (!writable_buffer(buffer, &w))
        raise(&exc::TypeError, "argument must be read-write bytes-like object, not %s",
            type_name(buffer).c_str());
    if (nargs != static_cast<size_t>(L.items))
        struct_error("pack expected %lld items for packing (got %zu)",
            static_cast<long long>(L.items), nargs);
    int64_t offset = py_index_i64(offv);
    std::string packed = pack_items(L, args, nargs);
    offset = buffer_offset(L, offset, w.size(), true);
    w.write(offset, packed);
}

// --- Struct and the unpack iterator --------------------------------------------------------------

struct StructObject : Object {
    Layout* m_layout = nullptr; // owned; replaced whole by __init__ (STRUCT-1)
    Value m_format; // str
    explicit StructObject(Type* t) : Object(t) { }
};
void struct_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<StructObject*>(o)->m_format); }
void struct_destroy(Object* o) { delete static_cast<StructObject*>(o)->m_layout; }

Layout const& layout_of(Value self)
{
    auto* s = self.as<StructObject>();
    read_barrier(s);
    if (!s->m_layout)
        raise(&exc::ValueError, "Struct object is not initialised");
    return *s->m_layout;
}

Value st_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs < 1 || !is_type(args[0]) || !args[0].as<Type>()->is_subtype(&struct_type))
        raise(&exc::TypeError, "Struct.__new__(X): X is not a subtype of _struct.Struct");
    return gc::make<StructObject>(args[0].as<Type>());
}
Value st_init(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("Struct", args, nargs, kw, { "format" }, 1, a);
    std::string f = format_text(a[0]);
    auto* L = new Layout(parse_format(f));
    auto* s = self.as<StructObject>();
    write_barrier(s);
    delete s->m_layout;
    s->m_layout = L;
    s->m_format = str_from_utf8(f);
    return none();
}
Value st_pack(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "pack() takes no keyword arguments");
    return pack_to_bytes(layout_of(self), args, nargs);
}
Value st_unpack(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("unpack", nargs, kw, 1, 1);
    return do_unpack(layout_of(self), args[0]);
}
Value st_unpack_from(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("unpack_from", args, nargs, kw, { "buffer", "offset" }, 1, a);
    return do_unpack_from(layout_of(self), a[0], a[1]);
}
Value st_pack_into(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "pack_into() takes no keyword arguments");
    if (nargs < 2)
        raise(&exc::TypeError, nargs == 0 ? "pack_into expected buffer argument" : "pack_into expected offset argument");
    do_pack_into(layout_of(self), args[0], args[1], args + 2, nargs - 2);
    return none();
}
Value st_format(Value self)
{
    auto* s = self.as<StructObject>();
    read_barrier(s);
    return s->m_format ? s->m_format : none();
}
Value st_size(Value self) { return int_from_i64(layout_of(self).size); }

struct UnpackIterObject : Object {
    Value m_struct;
    std::string* m_data; // owned copy of the buffer
    int64_t m_pos = 0;
    UnpackIterObject(Type* t, Value s, std::string* d) : Object(t), m_struct(s), m_data(d) { }
};
void ui_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<UnpackIterObject*>(o)->m_struct); }
void ui_destroy(Object* o) { delete static_cast<UnpackIterObject*>(o)->m_data; }
Value ui_next(Object* o)
{
    auto* it = static_cast<UnpackIterObject*>(o);
    write_barrier(it);
    Layout const& L = layout_of(it->m_struct);
    if (it->m_pos + L.size > static_cast<int64_t>(it->m_data->size()))
        return Value();
    Value r = unpack_at(L, reinterpret_cast<uint8_t const*>(it->m_data->data()) + it->m_pos);
    it->m_pos += L.size;
    return r;
}
Value ui_length_hint(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    auto* it = self.as<UnpackIterObject>();
    read_barrier(it);
    int64_t sz = layout_of(it->m_struct).size;
    return int_from_i64((static_cast<int64_t>(it->m_data->size()) - it->m_pos) / sz);
}
Value make_unpack_iter(Value st, Value buffer)
{
    Layout const& L = layout_of(st);
    if (L.size == 0)
        struct_error("cannot iteratively unpack with a struct of length 0");
    std::string keep;
    std::string_view data = read_buffer(buffer, keep);
    if (static_cast<int64_t>(data.size()) % L.size)
        struct_error("iterative unpacking requires a buffer of a multiple of %lld bytes", static_cast<long long>(L.size));
    return gc::make<UnpackIterObject>(&unpack_iter_type, st, new std::string(data));
}
Value st_iter_unpack(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("iter_unpack", nargs, kw, 1, 1);
    return make_unpack_iter(self, args[0]);
}

Value make_struct(Value fmt)
{
    Value s = st_new(Value(), std::initializer_list<Value> { Value(&struct_type) }.begin(), 1, nullptr);
    st_init(s, &fmt, 1, nullptr);
    return s;
}

// --- module functions ----------------------------------------------------------------------------

Value m_calcsize(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("calcsize", nargs, kw, 1, 1);
    return int_from_i64(parse_format(format_text(args[0])).size);
}
Value m_pack(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "pack() takes no keyword arguments");
    if (nargs < 1)
        raise(&exc::TypeError, "pack expected at least 1 argument, got 0");
    return pack_to_bytes(parse_format(format_text(args[0])), args + 1, nargs - 1);
}
Value m_unpack(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("unpack", nargs, kw, 2, 2);
    return do_unpack(parse_format(format_text(args[0])), args[1]);
}
Value m_unpack_from(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("unpack_from", args, nargs, kw, { "format", "/", "buffer", "offset" }, 2, a);
    return do_unpack_from(parse_format(format_text(a[0])), a[1], a[2]);
}
Value m_pack_into(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "pack_into() takes no keyword arguments");
    if (nargs < 3)
        raise(&exc::TypeError, nargs < 2 ? "pack_into expected buffer argument" : "pack_into expected offset argument");
    do_pack_into(parse_format(format_text(args[0])), args[1], args[2], args + 3, nargs - 3);
    return none();
}
Value m_iter_unpack(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("iter_unpack", nargs, kw, 2, 2);
    return make_unpack_iter(make_struct(args[0]), args[1]);
}
Value m_clearcache(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_clearcache", nargs, kw, 0, 0);
    return none();
}

MethodDef const struct_methods[] = {
    { "__new__", st_new, METH_STATIC },
    { "__init__", st_init },
    { "pack", st_pack },
    { "unpack", st_unpack },
    { "unpack_from", st_unpack_from },
    { "pack_into", st_pack_into },
    { "iter_unpack", st_iter_unpack },
    { nullptr, nullptr },
};
Value ui_no_new(Value, Value const*, size_t, TupleObject*)
{
    raise(&exc::TypeError, "Cannot create 'unpack_iterator objects");
}

MethodDef const ui_methods[] = {
    { "__new__", ui_no_new, METH_STATIC },
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", ui_length_hint },
    { nullptr, nullptr },
};
MethodDef const module_methods[] = {
    { "calcsize", m_calcsize },
    { "pack", m_pack },
    { "unpack", m_unpack },
    { "unpack_from", m_unpack_from },
    { "pack_into", m_pack_into },
    { "iter_unpack", m_iter_unpack },
    { "_clearcache", m_clearcache },
    { nullptr, nullptr },
};

} // namespace

void setup_struct_types()
{
    init_static_type(&struct_type, "_struct.Struct", nullptr, sizeof(StructObject), TF_BASETYPE, struct_trace,
        struct_destroy);
    init_static_type(&unpack_iter_type, "_struct.unpack_iterator", nullptr, sizeof(UnpackIterObject), 0, ui_trace,
        ui_destroy);
    unpack_iter_type.m_iternext = ui_next;
    // Its position is its only mutable field (the buffer copy is set once, when it is made): a
    // byte copy undoes a step (UNDO-1 would make the transaction inevitable instead).
    unpack_iter_type.m_stm_undo = &g_plain_undo;
}

void init_struct_types()
{
    add_methods(&struct_type, struct_methods);
    add_getset(&struct_type, "format", st_format);
    add_getset(&struct_type, "size", st_size);
    add_methods(&unpack_iter_type, ui_methods);
}

ModuleObject* init_struct_module()
{
    ModuleObject* m = module_new("_struct");
    for (MethodDef const* d = module_methods; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    if (!s_error) {
        DictObject* ns = dict_new();
        dict_set_str(ns, names::__module__, str_from_ascii("struct"));
        s_error = type_new(&type_type, intern("error"), tuple_of({ Value(&exc::Exception) }), ns, nullptr);
        gc::add_root(&s_error);
    }
    dict_set_cstr(m->m_dict, "error", s_error);
    dict_set_cstr(m->m_dict, "Struct", &struct_type);
    return m;
}

} // namespace pystm
