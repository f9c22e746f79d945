// str storage (PEP 393), constructors, UTF-8 conversion, hashing, comparison, repr, the str
// iterator types and the str type's core dunders. The other methods live in str_methods.cpp,
// str_format.cpp and str_unicode.cpp; interning and names:: in str_intern.cpp.
//
// Invariants kept here: STR-1 (every constructor picks the narrowest kind; m_ascii is exact),
// every string's data is followed by a NUL of its kind, and str_hash() never returns -1 and
// caches a non-zero 32-bit value in the header's m_hash (0 means "not computed yet").
#include "base/utf8.h"
#include "gc/heap.h"
#include "objects/access.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_object.h"
#include "objects/codecs.h"
#include "objects/exceptions.h"
#include "objects/format_spec.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/richcompare.h"
#include "objects/slice_object.h"
#include "objects/str_internal.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <cstring>
#include <mutex>

namespace pystm {

Type str_type { &type_type };
Type str_iterator_type { &type_type };
Type str_ascii_iterator_type { &type_type };

// --- allocation --------------------------------------------------------------------------------

static StrObject* alloc_of_type(Type* t, int64_t length, uint8_t kind, bool ascii)
{
    if (length < 0 || length > (INT64_C(1) << 56))
        raise_memory_error();
    // allocate() zeroes the memory, so the trailing NUL is already there.
    return gc::make_var<StrObject>(t, static_cast<size_t>(length + 1) * kind, length, kind, ascii);
}

StrObject* str_alloc(int64_t length, uint8_t kind, bool ascii)
{
    return alloc_of_type(&str_type, length, kind, ascii);
}

StrObject* str_new_of_type(Type* t, StrObject* s)
{
    if (t == &str_type && s->m_type == &str_type)
        return s;
    StrObject* r = alloc_of_type(t, s->m_length, s->m_kind, s->m_ascii);
    std::memcpy(r->data(), s->data(), static_cast<size_t>(s->m_length) * s->m_kind);
    return r;
}

// Empty string and the single-character cache (cp < 256), created on first use and rooted.
static Value s_empty;
static Value s_chars[256];

StrObject* str_empty()
{
    if (PY_UNLIKELY(s_empty.is_null())) {
        s_empty = Value(str_alloc(0, 1, true));
        gc::add_root(&s_empty);
    }
    return s_empty.as<StrObject>();
}

StrObject* str_from_char(uint32_t cp)
{
    if (cp < 256) {
        Value& slot = s_chars[cp];
        if (PY_UNLIKELY(slot.is_null())) {
            StrObject* s = str_alloc(1, 1, cp < 128);
            reinterpret_cast<uint8_t*>(s->data())[0] = static_cast<uint8_t>(cp);
            slot = Value(s);
            gc::add_root(&slot);
        }
        return slot.as<StrObject>();
    }
    if (cp < 0x10000) {
        StrObject* s = str_alloc(1, 2, false);
        reinterpret_cast<uint16_t*>(s->data())[0] = static_cast<uint16_t>(cp);
        return s;
    }
    StrObject* s = str_alloc(1, 4, false);
    reinterpret_cast<uint32_t*>(s->data())[0] = cp;
    return s;
}

StrObject* str_from_ascii(std::string_view ascii)
{
    if (ascii.empty())
        return str_empty();
    if (ascii.size() == 1)
        return str_from_char(static_cast<unsigned char>(ascii[0]));
    StrObject* s = str_alloc(static_cast<int64_t>(ascii.size()), 1, true);
    std::memcpy(s->data(), ascii.data(), ascii.size());
    return s;
}

StrObject* str_from_latin1(std::string_view bytes)
{
    bool ascii = true;
    for (unsigned char c : bytes)
        if (c >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii)
        return str_from_ascii(bytes);
    if (bytes.size() == 1)
        return str_from_char(static_cast<unsigned char>(bytes[0]));
    StrObject* s = str_alloc(static_cast<int64_t>(bytes.size()), 1, false);
    std::memcpy(s->data(), bytes.data(), bytes.size());
    return s;
}

StrObject* str_from_codepoints_max(uint32_t const* cps, size_t n, uint32_t maxcp)
{
    if (n == 0)
        return str_empty();
    if (n == 1)
        return str_from_char(cps[0]);
    uint8_t kind = kind_for(maxcp);
    StrObject* s = str_alloc(static_cast<int64_t>(n), kind, maxcp < 0x80);
    switch (kind) {
    case 1: {
        auto* d = reinterpret_cast<uint8_t*>(s->data());
        for (size_t i = 0; i < n; i++)
            d[i] = static_cast<uint8_t>(cps[i]);
        break;
    }
    case 2: {
        auto* d = reinterpret_cast<uint16_t*>(s->data());
        for (size_t i = 0; i < n; i++)
            d[i] = static_cast<uint16_t>(cps[i]);
        break;
    }
    default:
        std::memcpy(s->data(), cps, n * 4);
    }
    return s;
}

StrObject* str_from_codepoints(uint32_t const* cps, size_t n)
{
    uint32_t maxcp = 0;
    for (size_t i = 0; i < n; i++)
        if (cps[i] > maxcp)
            maxcp = cps[i];
    return str_from_codepoints_max(cps, n, maxcp);
}

StrObject* str_from_utf8(std::string_view utf8)
{
    // Pure ASCII is the common case (identifiers, most literals): copy it directly.
    size_t i = 0, n = utf8.size();
    auto const* p = reinterpret_cast<unsigned char const*>(utf8.data());
    while (i + 8 <= n) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ull)
            break;
        i += 8;
    }
    while (i < n && p[i] < 0x80)
        i++;
    if (i == n)
        return str_from_ascii(utf8);
    // Generalized UTF-8: surrogates encoded as 3-byte sequences are accepted.
    return codecs::utf8_decode(utf8, "surrogatepass");
}

void StrBuilder::append_utf8(std::string_view s)
{
    StrObject* t = str_from_utf8(s);
    append(t);
}

void StrBuilder::append(StrObject const* s, int64_t start, int64_t stop)
{
    if (stop <= start)
        return;
    m_buf.reserve(m_buf.size() + static_cast<size_t>(stop - start));
    if (s->m_kind == 1) {
        auto const* d = reinterpret_cast<uint8_t const*>(s->data());
        for (int64_t i = start; i < stop; i++) {
            m_buf.push_back(d[i]);
            if (d[i] > m_max)
                m_max = d[i];
        }
        return;
    }
    for (int64_t i = start; i < stop; i++) {
        uint32_t c = s->at(i);
        m_buf.push_back(c);
        if (c > m_max)
            m_max = c;
    }
}

std::u32string str_to_u32(StrObject const* s)
{
    std::u32string r;
    r.resize(static_cast<size_t>(s->m_length));
    for (int64_t i = 0; i < s->m_length; i++)
        r[static_cast<size_t>(i)] = s->at(i);
    return r;
}

std::string str_utf8(StrObject const* s)
{
    if (s->m_ascii)
        return std::string(s->ascii_view());
    std::string out;
    out.reserve(static_cast<size_t>(s->m_length) * 2);
    for (int64_t i = 0; i < s->m_length; i++)
        append_utf8(out, s->at(i));
    return out;
}

// --- hashing, equality, ordering ---------------------------------------------------------------

// wyhash-style mixing over the raw data bytes; STR-1 makes equal strings hash equally. The
// seed is fixed per process (CPython randomises; nothing may depend on the values).
static inline uint64_t mix64(uint64_t a, uint64_t b)
{
    __uint128_t r = static_cast<__uint128_t>(a) * b;
    return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

uint32_t hash_bytes32(void const* data, size_t n);
uint32_t hash_bytes32(void const* data, size_t n)
{
    static constexpr uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull,
                              k2 = 0x8ebc6af09c88c6e3ull, seed = 0x243f6a8885a308d3ull;
    auto const* p = static_cast<unsigned char const*>(data);
    uint64_t h = seed ^ mix64(n ^ k0, k1);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        uint64_t a, b;
        std::memcpy(&a, p + i, 8);
        std::memcpy(&b, p + i + 8, 8);
        h = mix64(a ^ k1 ^ h, b ^ k2);
    }
    uint64_t a = 0, b = 0;
    size_t rem = n - i;
    if (rem >= 8) {
        std::memcpy(&a, p + i, 8);
        std::memcpy(&b, p + i + rem - 8, 8);
    } else if (rem >= 4) {
        uint32_t x, y;
        std::memcpy(&x, p + i, 4);
        std::memcpy(&y, p + i + rem - 4, 4);
        a = x;
        b = y;
    } else if (rem > 0) {
        a = (uint64_t(p[i]) << 16) | (uint64_t(p[i + rem / 2]) << 8) | p[i + rem - 1];
    }
    h = mix64(a ^ k1 ^ h, b ^ k2 ^ rem);
    uint32_t r = static_cast<uint32_t>(h ^ (h >> 32));
    return r ? r : 1;
}

int64_t str_hash(StrObject* s)
{
    uint32_t h = s->m_hash;
    if (PY_LIKELY(h != 0))
        return h;
    if (s->m_length == 0)
        return 0;
    h = hash_bytes32(s->data(), static_cast<size_t>(s->m_length) * s->m_kind);
    s->m_hash = h; // idempotent cache of an immutable object's property
    return h;
}

bool str_eq(StrObject const* a, StrObject const* b)
{
    if (a == b)
        return true;
    if (a->m_length != b->m_length || a->m_kind != b->m_kind)
        return false;
    if (a->m_interned && b->m_interned)
        return false;
    if (a->m_hash && b->m_hash && a->m_hash != b->m_hash)
        return false;
    return std::memcmp(a->data(), b->data(), static_cast<size_t>(a->m_length) * a->m_kind) == 0;
}

int str_compare(StrObject const* a, StrObject const* b)
{
    if (a == b)
        return 0;
    int64_t n = a->m_length < b->m_length ? a->m_length : b->m_length;
    if (a->m_kind == 1 && b->m_kind == 1) {
        int c = std::memcmp(a->data(), b->data(), static_cast<size_t>(n));
        if (c)
            return c;
    } else {
        for (int64_t i = 0; i < n; i++) {
            uint32_t x = a->at(i), y = b->at(i);
            if (x != y)
                return x < y ? -1 : 1;
        }
    }
    return a->m_length < b->m_length ? -1 : a->m_length > b->m_length ? 1 : 0;
}

// Copies s[start:stop) into [dst] (of kind [dkind] >= s's kind).
static void copy_widen(char* dst, uint8_t dkind, StrObject const* s, int64_t start, int64_t stop)
{
    int64_t n = stop - start;
    if (n <= 0)
        return;
    if (dkind == s->m_kind) {
        std::memcpy(dst, s->data() + start * s->m_kind, static_cast<size_t>(n) * dkind);
        return;
    }
    for (int64_t i = 0; i < n; i++) {
        uint32_t c = s->at(start + i);
        if (dkind == 2)
            reinterpret_cast<uint16_t*>(dst)[i] = static_cast<uint16_t>(c);
        else
            reinterpret_cast<uint32_t*>(dst)[i] = c;
    }
}

StrObject* str_concat(StrObject* a, StrObject* b)
{
    if (a->m_length == 0 && a->m_type == &str_type && b->m_type == &str_type)
        return b;
    if (b->m_length == 0 && a->m_type == &str_type && b->m_type == &str_type)
        return a;
    uint8_t kind = a->m_kind > b->m_kind ? a->m_kind : b->m_kind;
    StrObject* r = str_alloc(a->m_length + b->m_length, kind, a->m_ascii && b->m_ascii);
    copy_widen(r->data(), kind, a, 0, a->m_length);
    copy_widen(r->data() + a->m_length * kind, kind, b, 0, b->m_length);
    return r;
}

StrObject* str_substr(StrObject* s, int64_t start, int64_t stop)
{
    if (start < 0)
        start = 0;
    if (stop > s->m_length)
        stop = s->m_length;
    if (stop <= start)
        return str_empty();
    if (start == 0 && stop == s->m_length && s->m_type == &str_type)
        return s;
    int64_t n = stop - start;
    if (n == 1)
        return str_from_char(s->at(start));
    if (s->m_ascii || s->m_kind == 1) {
        // Latin-1 slices of non-ASCII strings may become ASCII.
        bool ascii = s->m_ascii;
        if (!ascii) {
            ascii = true;
            auto const* d = reinterpret_cast<uint8_t const*>(s->data()) + start;
            for (int64_t i = 0; i < n; i++)
                if (d[i] >= 0x80) {
                    ascii = false;
                    break;
                }
        }
        StrObject* r = str_alloc(n, 1, ascii);
        std::memcpy(r->data(), s->data() + start, static_cast<size_t>(n));
        return r;
    }
    uint32_t maxcp = 0;
    for (int64_t i = start; i < stop; i++) {
        uint32_t c = s->at(i);
        if (c > maxcp)
            maxcp = c;
    }
    uint8_t kind = kind_for(maxcp);
    StrObject* r = str_alloc(n, kind, maxcp < 0x80);
    for (int64_t i = 0; i < n; i++) {
        uint32_t c = s->at(start + i);
        switch (kind) {
        case 1: reinterpret_cast<uint8_t*>(r->data())[i] = static_cast<uint8_t>(c); break;
        case 2: reinterpret_cast<uint16_t*>(r->data())[i] = static_cast<uint16_t>(c); break;
        default: reinterpret_cast<uint32_t*>(r->data())[i] = c;
        }
    }
    return r;
}

// --- repr ------------------------------------------------------------------------------------

StrObject* str_repr(StrObject* s)
{
    bool has_sq = false, has_dq = false;
    for (int64_t i = 0; i < s->m_length; i++) {
        uint32_t c = s->at(i);
        if (c == '\'')
            has_sq = true;
        else if (c == '"')
            has_dq = true;
    }
    char quote = (has_sq && !has_dq) ? '"' : '\'';
    static char const hex[] = "0123456789abcdef";
    if (s->m_ascii) {
        // ASCII text is escaped and quoted exactly as bytes are; only the "b" prefix differs.
        std::string out = bytes_repr(s->ascii_view());
        return str_from_ascii(std::string_view(out).substr(1));
    }
    StrBuilder b(static_cast<size_t>(s->m_length) + 2);
    b.append(static_cast<uint32_t>(quote));
    for (int64_t i = 0; i < s->m_length; i++) {
        uint32_t c = s->at(i);
        if (c == static_cast<uint32_t>(quote) || c == '\\') {
            b.append('\\');
            b.append(c);
        } else if (c == '\t') {
            b.append_ascii("\\t");
        } else if (c == '\n') {
            b.append_ascii("\\n");
        } else if (c == '\r') {
            b.append_ascii("\\r");
        } else if (c < 0x20 || c == 0x7f) {
            b.append_ascii("\\x");
            b.append(static_cast<uint32_t>(hex[c >> 4]));
            b.append(static_cast<uint32_t>(hex[c & 15]));
        } else if (c < 0x7f || uni_isprintable(c)) {
            b.append(c);
        } else if (c < 0x100) {
            b.append_ascii("\\x");
            b.append(static_cast<uint32_t>(hex[c >> 4]));
            b.append(static_cast<uint32_t>(hex[c & 15]));
        } else if (c < 0x10000) {
            b.append_ascii("\\u");
            for (int sh = 12; sh >= 0; sh -= 4)
                b.append(static_cast<uint32_t>(hex[(c >> sh) & 15]));
        } else {
            b.append_ascii("\\U");
            for (int sh = 28; sh >= 0; sh -= 4)
                b.append(static_cast<uint32_t>(hex[(c >> sh) & 15]));
        }
    }
    b.append(static_cast<uint32_t>(quote));
    return b.finish();
}

// --- argument helpers ----------------------------------------------------------------------------

StrObject* arg_str(char const* fname, Value v, char const* what)
{
    if (!is_str(v))
        raise(&exc::TypeError, "%s %s must be str, not %s", fname, what, type_name(v).c_str());
    return v.as<StrObject>();
}

static StrObject* self_str(Value self)
{
    return self.as<StrObject>();
}

// --- the str type's core dunders ----------------------------------------------------------------

static Value str_new_native(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    // args[0] is the class (staticmethod __new__).
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "str.__new__(X): X is not a type object");
    Type* cls = args[0].as<Type>();
    if (!cls->is_subtype(&str_type))
        raise(&exc::TypeError, "str.__new__(%s): %s is not a subtype of str", cls->name_str().c_str(),
            cls->name_str().c_str());
    Value a[3];
    parse_args("str", args + 1, nargs - 1, kwnames, { "object", "encoding", "errors" }, 0, a);
    StrObject* result;
    if (a[1].is_null() && a[2].is_null()) {
        result = a[0].is_null() ? str_empty() : py_str(a[0]);
    } else {
        std::string enc = "utf-8", errors = "strict";
        if (!a[1].is_null())
            enc = str_utf8(arg_str("str()", a[1], "argument 'encoding'"));
        if (!a[2].is_null())
            errors = str_utf8(arg_str("str()", a[2], "argument 'errors'"));
        if (a[0].is_null()) {
            result = str_empty();
        } else if (is_bytes(a[0])) {
            result = codecs::decode(a[0].as<BytesObject>()->view(), enc, errors);
        } else if (is_str(a[0])) {
            raise(&exc::TypeError, "decoding str is not supported");
        } else {
            // Any bytes-like object decodes: bytearray, memoryview, array.array.
            std::string copy;
            std::string_view data;
            if (!buffer_like(a[0], copy, &data))
                raise(&exc::TypeError, "decoding to str: need a bytes-like object, %s found",
                    type_name(a[0]).c_str());
            result = codecs::decode(data, enc, errors);
        }
    }
    if (cls != &str_type)
        return Value(str_new_of_type(cls, result));
    return Value(result);
}

static Value str_repr_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    return Value(str_repr(self_str(self)));
}

static Value str_str_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__str__", nargs, kw, 0, 0);
    return Value(str_new_of_type(&str_type, self_str(self)));
}

static Value str_len_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__len__", nargs, kw, 0, 0);
    return Value::small_int(self_str(self)->m_length);
}

static Value str_hash_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__hash__", nargs, kw, 0, 0);
    return Value::small_int(str_hash(self_str(self)));
}

static Value str_getitem_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getitem__", nargs, kw, 1, 1);
    StrObject* s = self_str(self);
    Value key = args[0];
    if (is_slice(key)) {
        int64_t start, stop, step;
        int64_t n = slice_adjust(key.as<SliceObject>(), s->m_length, &start, &stop, &step);
        if (step == 1)
            return Value(str_substr(s, start, start + n));
        if (n <= 0)
            return Value(str_empty());
        StrBuilder b(static_cast<size_t>(n));
        for (int64_t i = 0, j = start; i < n; i++, j = slice_next(j, step))
            b.append(s->at(j));
        return Value(b.finish());
    }
    if (!is_int(key) && type_of(key)->special(SP_index).is_null())
        raise(&exc::TypeError, "string indices must be integers, not '%s'", type_name(key).c_str());
    int64_t i = py_index_clamped(key);
    if (!normalize_index(&i, s->m_length))
        raise(&exc::IndexError, "string index out of range");
    return Value(str_from_char(s->at(i)));
}

static Value str_contains_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__contains__", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "'in <string>' requires string as left operand, not %s",
            type_name(args[0]).c_str());
    StrObject* s = self_str(self);
    return py_bool(str_find_sub(s, args[0].as<StrObject>(), 0, s->m_length, false) >= 0);
}

static Value str_add_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__add__", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "can only concatenate str (not \"%s\") to str", type_name(args[0]).c_str());
    StrObject* r = str_concat(self_str(self), args[0].as<StrObject>());
    return Value(r->m_type == &str_type ? r : str_new_of_type(&str_type, r));
}

static Value str_mul_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__mul__", nargs, kw, 1, 1);
    Value n = args[0];
    int64_t count;
    if (!int_to_i64(py_number_index(n), &count))
        raise(&exc::OverflowError, "cannot fit 'int' into an index-sized integer");
    StrObject* s = self_str(self);
    if (count <= 0 || s->m_length == 0)
        return Value(str_empty());
    if (count == 1)
        return Value(str_new_of_type(&str_type, s));
    if (s->m_length > INT64_MAX / count)
        raise(&exc::OverflowError, "repeated string is too long");
    // A length that fits an index but not in memory is CPython's MemoryError.
    if (s->m_length > (INT64_MAX / 8) / count)
        raise_memory_error();
    int64_t len = s->m_length * count;
    StrObject* r = str_alloc(len, s->m_kind, s->m_ascii);
    size_t unit = static_cast<size_t>(s->m_length) * s->m_kind;
    if (unit == 1) {
        std::memset(r->data(), static_cast<unsigned char>(s->data()[0]), static_cast<size_t>(count));
    } else {
        // Doubling copies: O(log count) memcpy calls.
        std::memcpy(r->data(), s->data(), unit);
        size_t done = unit, total = unit * static_cast<size_t>(count);
        while (done < total) {
            size_t chunk = done < total - done ? done : total - done;
            std::memcpy(r->data() + done, r->data(), chunk);
            done += chunk;
        }
    }
    return Value(r);
}

static Value str_compare_native(Value self, Value other, CompareOp op)
{
    if (!is_str(other))
        return Value(g_not_implemented);
    StrObject* a = self_str(self);
    StrObject* b = other.as<StrObject>();
    if (op == CMP_EQ)
        return py_bool(str_eq(a, b));
    if (op == CMP_NE)
        return py_bool(!str_eq(a, b));
    return compare_order(str_compare(a, b), op);
}

static Value str_mod_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__mod__", nargs, kw, 1, 1);
    return Value(str_printf(self_str(self), args[0]));
}

static Value str_rmod_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__rmod__", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        return Value(g_not_implemented);
    return Value(str_printf(args[0].as<StrObject>(), self));
}

static Value str_format_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__format__", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "__format__() argument must be str, not %s", type_name(args[0]).c_str());
    StrObject* spec = args[0].as<StrObject>();
    StrObject* s = self_str(self);
    // An empty spec means str(self), which a subclass may override.
    if (spec->m_length == 0)
        return is_exact_str(self) ? self : Value(py_str(self));
    return Value(format_str(s, spec));
}

static Value str_iter_native(Value self, Value const*, size_t nargs, TupleObject* kw);

static Value str_getnewargs_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__getnewargs__", nargs, kw, 0, 0);
    // Always a copy, as CPython's: pickling must not hand out the object itself.
    StrObject* s = self_str(self);
    StrObject* r = alloc_of_type(&str_type, s->m_length, s->m_kind, s->m_ascii);
    std::memcpy(r->data(), s->data(), static_cast<size_t>(s->m_length) * s->m_kind);
    return Value(tuple_of({ Value(r) }));
}

static Value str_sizeof_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__sizeof__", nargs, kw, 0, 0);
    StrObject* s = self_str(self);
    // CPython 3.11's sizes: compact ASCII header 48 bytes, compact non-ASCII 72 bytes (both
    // still hold the wstr fields that 3.12 dropped), plus the data and its NUL.
    int64_t header = s->m_ascii ? 48 : 72;
    return Value::small_int(header + (s->m_length + 1) * s->m_kind);
}

static MethodDef const s_str_core_methods[] = {
    { "__new__", str_new_native, METH_STATIC },
    { "__repr__", str_repr_native },
    { "__str__", str_str_native },
    { "__len__", str_len_native },
    { "__hash__", str_hash_native },
    { "__getitem__", str_getitem_native },
    { "__contains__", str_contains_native },
    { "__iter__", str_iter_native },
    { "__add__", str_add_native },
    { "__mul__", str_mul_native },
    { "__rmul__", str_mul_native },
    { "__mod__", str_mod_native },
    { "__rmod__", str_rmod_native },
    { "__format__", str_format_native },
    { "__getnewargs__", str_getnewargs_native },
    { "__sizeof__", str_sizeof_native },
    { nullptr, nullptr },
};

// --- iterators -----------------------------------------------------------------------------------

// The iterator's position is mutable state: accessed through the barriers.
struct StrIterObject : Object {
    StrObject* m_str;
    int64_t m_index = 0;
    StrIterObject(Type* t, StrObject* s) : Object(t), m_str(s) { }
};

static void str_iter_trace(Object* o, gc::Tracer& t)
{
    t.visit(static_cast<StrIterObject*>(o)->m_str);
}

static Value str_iter_next(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* it = static_cast<StrIterObject*>(o);
    read_barrier(it);
    StrObject* s = it->m_str;
    int64_t i = it->m_index;
    if (s == nullptr || i >= s->m_length) {
        if (s) {
            write_barrier(it);
            it->m_str = nullptr;
        }
        return Value();
    }
    write_barrier(it);
    it->m_index = i + 1;
    return Value(str_from_char(s->at(i)));
}

static Value str_iter_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__iter__", nargs, kw, 0, 0);
    StrObject* s = self_str(self);
    Type* t = s->m_ascii ? &str_ascii_iterator_type : &str_iterator_type;
    return Value(gc::make<StrIterObject>(t, s));
}

static Value str_iter_length_hint(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    auto* it = self.as<StrIterObject>();
    read_barrier(it);
    if (!it->m_str)
        return Value::small_int(0);
    int64_t n = it->m_str->m_length - it->m_index;
    return Value::small_int(n > 0 ? n : 0);
}

static Value str_iter_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    auto* it = self.as<StrIterObject>();
    int64_t i = py_index_i64(args[0]);
    read_barrier(it);
    if (it->m_str) {
        if (i < 0)
            i = 0;
        if (i > it->m_str->m_length)
            i = it->m_str->m_length;
        write_barrier(it);
        it->m_index = i;
    }
    return none();
}

// pickle: (iter, (str,), index), or (iter, ('',)) once exhausted.
static Value str_iter_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* it = self.as<StrIterObject>();
    read_barrier(it);
    StrObject* s = it->m_str;
    int64_t i = it->m_index;
    read_validate_barrier(it);
    if (!s)
        return tuple_of({ builtin_iter_callable(), tuple_of({ Value(str_empty()) }) });
    return iter_reduce(Value(s), i);
}

static MethodDef const s_str_iter_methods[] = {
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", str_iter_length_hint },
    { "__reduce__", str_iter_reduce },
    { "__setstate__", str_iter_setstate },
    { nullptr, nullptr },
};

// --- set-up --------------------------------------------------------------------------------------

void setup_str_types()
{
    init_static_type(&str_type, "str", nullptr, sizeof(StrObject),
        TF_BASETYPE | TF_IMMUTABLE | TF_STR_SUBCLASS);
    str_type.m_doc = "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str\n\n"
                     "Create a new string object from the given object. If encoding or\n"
                     "errors is specified, then the object must expose a data buffer\n"
                     "that will be decoded using the given encoding and error handler.\n"
                     "Otherwise, returns the result of object.__str__() (if defined)\n"
                     "or repr(object).\nencoding defaults to sys.getdefaultencoding().\n"
                     "errors defaults to 'strict'.";
    init_static_type(&str_iterator_type, "str_iterator", nullptr, sizeof(StrIterObject), 0, str_iter_trace);
    init_static_type(&str_ascii_iterator_type, "str_ascii_iterator", nullptr, sizeof(StrIterObject), 0,
        str_iter_trace);
    str_iterator_type.m_iternext = str_iter_next;
    str_ascii_iterator_type.m_iternext = str_iter_next;
}

void init_str_types()
{
    add_methods(&str_type, s_str_core_methods);
    add_methods(&str_type, compare_methods<str_compare_native>);
    add_methods(&str_type, g_str_methods);
    add_methods(&str_type, g_str_unicode_methods);
    add_methods(&str_type, g_str_format_methods);
    add_methods(&str_iterator_type, s_str_iter_methods);
    add_methods(&str_ascii_iterator_type, s_str_iter_methods);
    // CPython's iterators have no tp_new: calling the type raises "cannot create ... instances".
    add_type_attr(&str_iterator_type, "__new__", none());
    add_type_attr(&str_ascii_iterator_type, "__new__", none());
    // Populate the single-character cache eagerly so later lookups never allocate.
    str_empty();
    for (uint32_t c = 0; c < 256; c++)
        str_from_char(c);
}

} // namespace pystm
