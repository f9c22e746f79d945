// The array module: array.array, the typed mutable sequence of machine values (typecodes b B u h H
// i I l L q Q f d with CPython's item sizes on x86-64 Linux), its iterator, typecodes, ArrayType
// and _array_reconstructor (pickling by machine format, protocol 3 and above). Behaviour and
// messages follow CPython 3.11's Modules/arraymodule.c.
//
// Invariants:
//   ARR-1  An array's items are the bytes of m_data, m_descr->size bytes each, in native byte
//          order. m_descr is set before the array is published and never changes, so it is read
//          without a barrier; m_data is read only after read_barrier() (and what was read is
//          validated before it is used, STM-5) and written only after write_barrier(), in the
//          same function, with no Python code run between the barrier and the access
//          (conversions of new items, which may call __index__ or __float__, run first). The
//          bytes are a ByteStore (BYTES-1): a reader racing a writer reads memory that stays
//          allocated.
//   ARR-2  An abort puts m_data back from a copy taken at the transaction's first write
//          (g_array_undo), as bytearray does.
//   ARR-3  Arrays export their bytes as a buffer through objects/buffer_arg.h (bytes(a), struct,
//          file write/readinto, memoryview(a)). Views keep no pointer into m_data (MV-1), so the
//          array may be resized while a view exists; CPython's BufferError for resizing an array
//          with live exports is not raised.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/stdlib_core.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_internal.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/module_object.h"
#include "objects/richcompare.h"
#include "objects/slice_object.h"
#include "objects/str_internal.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include "vm/import.h"
#include <algorithm>
#include <cstring>
#include <vector>

namespace pystm {

Type array_type(&type_type);

namespace {

    Type array_iterator_type(&type_type);

    // Machine format codes of _array_reconstructor (enum machine_format_code in CPython).
    enum MachineFormat : int {
        UNSIGNED_INT8 = 0,
        SIGNED_INT8 = 1,
        UNSIGNED_INT16_LE = 2,
        SIGNED_INT16_LE = 4,
        UNSIGNED_INT32_LE = 6,
        SIGNED_INT32_LE = 8,
        UNSIGNED_INT64_LE = 10,
        SIGNED_INT64_LE = 12,
        IEEE_754_FLOAT_LE = 14,
        IEEE_754_DOUBLE_LE = 16,
        UTF16_LE = 18,
        UTF32_LE = 20,
        MACHINE_FORMAT_MAX = 21,
    };

    struct Descr {
        char code;
        int size;
        bool is_signed;
        bool is_integer;
        int mformat; // the native machine format code
        char format; // memoryview's format character
    };

    // In CPython's order: _array_reconstructor picks the last integer type of a size and
    // signedness.
    constexpr Descr s_descrs[] = {
        { 'b', 1, true, true, SIGNED_INT8, 'b' },
        { 'B', 1, false, true, UNSIGNED_INT8, 'B' },
        { 'u', 4, false, false, UTF32_LE, 'w' },
        { 'h', 2, true, true, SIGNED_INT16_LE, 'h' },
        { 'H', 2, false, true, UNSIGNED_INT16_LE, 'H' },
        { 'i', 4, true, true, SIGNED_INT32_LE, 'i' },
        { 'I', 4, false, true, UNSIGNED_INT32_LE, 'I' },
        { 'l', 8, true, true, SIGNED_INT64_LE, 'l' },
        { 'L', 8, false, true, UNSIGNED_INT64_LE, 'L' },
        { 'q', 8, true, true, SIGNED_INT64_LE, 'q' },
        { 'Q', 8, false, true, UNSIGNED_INT64_LE, 'Q' },
        { 'f', 4, true, false, IEEE_754_FLOAT_LE, 'f' },
        { 'd', 8, true, false, IEEE_754_DOUBLE_LE, 'd' },
    };

    Descr const* find_descr(uint32_t code)
    {
        for (Descr const& d : s_descrs)
            if (static_cast<uint32_t>(static_cast<unsigned char>(d.code)) == code)
                return &d;
        return nullptr;
    }

    struct ArrayObject : Object {
        ByteStore m_data; // ARR-1
        Descr const* m_descr = &s_descrs[0];
        explicit ArrayObject(Type* t)
            : Object(t)
        {
        }
    };

    struct ArrayIterObject : Object {
        Value m_array; // null once exhausted
        int64_t m_index = 0;
        explicit ArrayIterObject(Type* t)
            : Object(t)
        {
        }
    };

    void array_destroy(Object* o) { static_cast<ArrayObject*>(o)->~ArrayObject(); }
    void iter_trace(Object* o, gc::Tracer& t)
    {
        t.visit(static_cast<ArrayIterObject*>(o)->m_array);
    }

    bool is_array(Value v)
    {
        return v.is_object() && v.as_object()->m_type->is_subtype(&array_type);
    }
    ArrayObject* AR(Value v) { return v.as<ArrayObject>(); }

    ArrayObject* array_alloc(Type* t, Descr const* d, std::string data = {})
    {
        ArrayObject* a = gc::make<ArrayObject>(t);
        a->m_descr = d;
        a->m_data.assign(data); // not yet published: no barrier needed
        return a;
    }

    // --- state accessors (ARR-1)
    // -----------------------------------------------------------------------

    std::string array_bytes(ArrayObject* a)
    {
        read_barrier(a);
        std::string out = a->m_data.str();
        read_validate_barrier(a);
        return out;
    }

    int64_t array_len(ArrayObject* a)
    {
        read_barrier(a);
        auto n = static_cast<int64_t>(a->m_data.size()) / a->m_descr->size;
        read_validate_barrier(a);
        return n;
    }

    void array_assign(ArrayObject* a, std::string_view data)
    {
        write_barrier(a);
        a->m_data.assign(data);
    }

    void array_append_bytes(ArrayObject* a, std::string_view data)
    {
        write_barrier(a);
        a->m_data.append(data);
    }

    // --- item conversion
    // -----------------------------------------------------------------------------

    [[noreturn]] void overflow(char const* msg) { raise(&exc::OverflowError, "%s", msg); }

    // The value of int [v] as uint64 (false if it needs more than 64 bits); [v] >= 0.
    bool int_to_u64(Value v, uint64_t* out)
    {
        int64_t i;
        if (int_to_i64(v, &i)) {
            *out = static_cast<uint64_t>(i);
            return true;
        }
        if (int_bit_length(v) > 64)
            return false;
        mpz_t z;
        mpz_init(z);
        int_to_mpz(v, z);
        *out = mpz_get_ui(z);
        mpz_clear(z);
        return true;
    }

    // A C long from [v] (CPython's PyLong_AsLong, through __index__).
    int64_t as_long(Value v)
    {
        Value i = py_number_index(v);
        int64_t x;
        if (!int_to_i64(i, &x))
            overflow("Python int too large to convert to C long");
        return x;
    }

    // An unsigned value of [v] for 'I', 'L' and 'Q'.
    uint64_t as_unsigned(Value v, char code)
    {
        Value i = py_number_index(v);
        if (int_sign(i) < 0)
            overflow(code == 'Q' ? "can't convert negative int to unsigned"
                                 : "can't convert negative value to unsigned int");
        uint64_t x;
        if (!int_to_u64(i, &x))
            overflow(code == 'Q' ? "int too big to convert"
                                 : "Python int too large to convert to C unsigned long");
        return x;
    }

    // Converts [v] to one item of [d] at [out] (d.size bytes), with CPython's errors. May run
    // Python code (__index__, __float__): called before any barrier of the array.
    void pack_item(Descr const& d, Value v, char* out)
    {
        auto put = [out](auto x) { std::memcpy(out, &x, sizeof x); };
        switch (d.code) {
        case 'b': {
            int64_t x = as_long(v);
            if (x < -32768 || x > 32767)
                overflow(x < 0 ? "signed short integer is less than minimum"
                               : "signed short integer is greater than maximum");
            if (x < -128 || x > 127)
                overflow(x < 0 ? "signed char is less than minimum"
                               : "signed char is greater than maximum");
            return put(static_cast<int8_t>(x));
        }
        case 'B': {
            int64_t x = as_long(v);
            if (x < 0 || x > 255)
                overflow(x < 0 ? "unsigned byte integer is less than minimum"
                               : "unsigned byte integer is greater than maximum");
            return put(static_cast<uint8_t>(x));
        }
        case 'h': {
            int64_t x = as_long(v);
            if (x < -32768 || x > 32767)
                overflow(x < 0 ? "signed short integer is less than minimum"
                               : "signed short integer is greater than maximum");
            return put(static_cast<int16_t>(x));
        }
        case 'H': {
            int64_t x = as_long(v);
            if (x < INT32_MIN || x > INT32_MAX)
                overflow(x < 0 ? "signed integer is less than minimum"
                               : "signed integer is greater than maximum");
            if (x < 0 || x > 65535)
                overflow(x < 0 ? "unsigned short is less than minimum"
                               : "unsigned short is greater than maximum");
            return put(static_cast<uint16_t>(x));
        }
        case 'i': {
            int64_t x = as_long(v);
            if (x < INT32_MIN || x > INT32_MAX)
                overflow(x < 0 ? "signed integer is less than minimum"
                               : "signed integer is greater than maximum");
            return put(static_cast<int32_t>(x));
        }
        case 'I': {
            uint64_t x = as_unsigned(v, 'I');
            if (x > UINT32_MAX)
                overflow("unsigned int is greater than maximum");
            return put(static_cast<uint32_t>(x));
        }
        case 'l':
            return put(as_long(v));
        case 'q': {
            Value i = py_number_index(v);
            int64_t x;
            if (!int_to_i64(i, &x))
                overflow("int too big to convert");
            return put(x);
        }
        case 'L':
        case 'Q':
            return put(as_unsigned(v, d.code));
        case 'f':
            return put(static_cast<float>(py_float_as_double(v)));
        case 'd':
            return put(py_float_as_double(v));
        case 'u': {
            if (!is_str(v) || v.as<StrObject>()->m_length != 1)
                raise(&exc::TypeError, "array item must be unicode character");
            return put(static_cast<uint32_t>(v.as<StrObject>()->at(0)));
        }
        }
    }

    std::string pack_one(Descr const& d, Value v)
    {
        std::string out(static_cast<size_t>(d.size), '\0');
        pack_item(d, v, out.data());
        return out;
    }

    [[noreturn]] void bad_char(uint32_t cp)
    {
        raise(&exc::ValueError, "character U+%x is not in range [U+0000; U+10ffff]", cp);
    }

    // The item of [d] stored at [p].
    Value unpack_item(Descr const& d, char const* p)
    {
        auto get = [p](auto x) {
            std::memcpy(&x, p, sizeof x);
            return x;
        };
        switch (d.code) {
        case 'b':
            return Value::small_int(get(int8_t()));
        case 'B':
            return Value::small_int(get(uint8_t()));
        case 'h':
            return Value::small_int(get(int16_t()));
        case 'H':
            return Value::small_int(get(uint16_t()));
        case 'i':
            return int_from_i64(get(int32_t()));
        case 'I':
            return int_from_i64(get(uint32_t()));
        case 'l':
        case 'q':
            return int_from_i64(get(int64_t()));
        case 'L':
        case 'Q':
            return int_from_u64(get(uint64_t()));
        case 'f':
            return float_new(get(float()));
        case 'd':
            return float_new(get(double()));
        default: {
            uint32_t cp = get(uint32_t());
            if (cp > 0x10FFFF)
                bad_char(cp);
            return Value(str_from_char(cp));
        }
        }
    }

    // The item at [i] (in range), read under the barrier.
    Value array_item(ArrayObject* a, int64_t i)
    {
        Descr const& d = *a->m_descr;
        char buf[8] = {};
        read_barrier(a);
        // Bounded by what the block holds (BYTES-1): an array shrunk meanwhile fails validation.
        std::string_view v = a->m_data.view();
        auto at = static_cast<size_t>(i * d.size);
        if (at + static_cast<size_t>(d.size) <= v.size())
            std::memcpy(buf, v.data() + at, static_cast<size_t>(d.size));
        read_validate_barrier(a);
        return unpack_item(d, buf);
    }

    // Items from a sequence of Values, converted before the array is touched.
    std::string pack_values(Descr const& d, Value const* items, int64_t n)
    {
        std::string out(static_cast<size_t>(n * d.size), '\0');
        for (int64_t i = 0; i < n; i++)
            pack_item(d, items[i], out.data() + i * d.size);
        return out;
    }

    std::string pack_list(Descr const& d, ListObject* l)
    {
        std::string out;
        for (int64_t i = 0; i < list_size(l); i++)
            out += pack_one(d, list_get(l, i));
        return out;
    }

    std::string unicode_items(StrObject* s)
    {
        std::string out(static_cast<size_t>(s->m_length) * 4, '\0');
        for (int64_t i = 0; i < s->m_length; i++) {
            uint32_t cp = s->at(i);
            std::memcpy(out.data() + i * 4, &cp, 4);
        }
        return out;
    }

    StrObject* items_unicode(std::string const& data)
    {
        std::vector<uint32_t> cps(data.size() / 4);
        if (!cps.empty())
            std::memcpy(cps.data(), data.data(), cps.size() * 4);
        for (uint32_t cp : cps)
            if (cp > 0x10FFFF)
                bad_char(cp);
        return str_from_codepoints(cps.data(), cps.size());
    }

    void check_frombytes(Descr const& d, size_t n)
    {
        if (n % static_cast<size_t>(d.size))
            raise(&exc::ValueError, "bytes length not a multiple of item size");
    }

    // Appends every item of iterable [v] (CPython's array_iter_extend: items appended before an
    // error stay).
    void extend_iter(ArrayObject* a, Value v)
    {
        Value it = py_iter(v);
        for (Value x = py_next(it); !x.is_null(); x = py_next(it))
            array_append_bytes(a, pack_one(*a->m_descr, x));
    }

    // extend() and +=: an array of the same kind, or any iterable.
    void do_extend(ArrayObject* a, Value v, bool inplace)
    {
        if (is_array(v)) {
            if (AR(v)->m_descr != a->m_descr)
                raise(&exc::TypeError, "can only extend with array of same kind");
            array_append_bytes(a, array_bytes(AR(v)));
            return;
        }
        if (inplace)
            raise(&exc::TypeError, "can only extend array with array (not \"%s\")",
                type_name(v).c_str());
        extend_iter(a, v);
    }

    // --- construction
    // --------------------------------------------------------------------------------

    Descr const* typecode_arg(Value v, char const* fname, char const* argno)
    {
        if (!is_str(v) || v.as<StrObject>()->m_length != 1)
            raise(&exc::TypeError, "%s argument %s must be a unicode character, not %s", fname,
                argno, is_str(v) ? "str" : type_name(v).c_str());
        Descr const* d = find_descr(v.as<StrObject>()->at(0));
        return d;
    }

    [[noreturn]] void bad_typecode()
    {
        raise(&exc::ValueError, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
    }

    Value array_new_py(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        Type* cls = args[0].as<Type>();
        size_t nkw = kwnames ? static_cast<size_t>(kwnames->m_size) : 0;
        size_t npos = nargs - 1;
        if (cls == &array_type && nkw)
            raise(&exc::TypeError, "array.array() takes no keyword arguments");
        if (npos < 1)
            raise(&exc::TypeError, "array() takes at least 1 argument (0 given)");
        if (npos > 2)
            raise(&exc::TypeError, "array() takes at most 2 arguments (%zu given)", npos);
        Descr const* d = typecode_arg(args[1], "array()", "1");
        if (!d)
            bad_typecode();
        Value init = npos > 1 ? args[2] : Value();
        if (init && d->code != 'u') {
            if (is_str(init))
                raise(&exc::TypeError, "cannot use a str to initialize an array with typecode '%c'",
                    d->code);
            if (is_array(init) && AR(init)->m_descr->code == 'u')
                raise(&exc::TypeError,
                    "cannot use a unicode array to initialize an array with typecode '%c'",
                    d->code);
        }
        std::string data;
        Value iterable;
        if (!init) {
        } else if (is_list(init)) {
            data = pack_list(*d, init.as<ListObject>());
        } else if (is_tuple(init)) {
            TupleObject* t = init.as<TupleObject>();
            data = pack_values(*d, t->items(), t->m_size);
        } else if (is_bytes(init) || is_bytearray(init)) {
            std::string tmp;
            std::string_view view;
            bytes_like(init, tmp, &view);
            check_frombytes(*d, view.size());
            data = std::string(view);
        } else if (d->code == 'u' && is_str(init)) {
            data = unicode_items(init.as<StrObject>());
        } else if (is_array(init) && AR(init)->m_descr == d) {
            data = array_bytes(AR(init));
        } else {
            iterable = py_iter(init);
        }
        ArrayObject* a = array_alloc(cls, d, std::move(data));
        Value keep(a);
        if (iterable)
            extend_iter(a, iterable);
        return keep;
    }

    // --- sequence protocol
    // ---------------------------------------------------------------------------

    Value a_len(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        check_nargs("__len__", nargs, kw, 0, 0);
        return int_from_i64(array_len(AR(self)));
    }

    void check_index_type(Value key)
    {
        if (!is_int(key) && type_of(key)->special(SP_index).is_null())
            raise(&exc::TypeError, "array indices must be integers");
    }

    Value a_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("__getitem__", nargs, kw, 1, 1);
        ArrayObject* a = AR(self);
        Descr const& d = *a->m_descr;
        Value key = args[0];
        if (is_slice(key)) {
            std::string cur = array_bytes(a);
            int64_t start, stop, step;
            int64_t n = slice_adjust(key.as<SliceObject>(),
                static_cast<int64_t>(cur.size()) / d.size, &start, &stop, &step);
            std::string out;
            out.reserve(static_cast<size_t>(n * d.size));
            for (int64_t i = 0, j = start; i < n; i++, j = slice_next(j, step))
                out.append(cur, static_cast<size_t>(j * d.size), static_cast<size_t>(d.size));
            return Value(array_alloc(&array_type, &d, std::move(out)));
        }
        check_index_type(key);
        int64_t i = py_index_clamped(key);
        if (!normalize_index(&i, array_len(a)))
            raise(&exc::IndexError, "array index out of range");
        return array_item(a, i);
    }

    // a[slice] = v (v null: del a[slice]).
    void set_slice(ArrayObject* a, SliceObject* sl, Value v)
    {
        Descr const& d = *a->m_descr;
        std::string src;
        if (v) {
            if (!is_array(v))
                raise(&exc::TypeError, "can only assign array (not \"%s\") to array slice",
                    type_name(v).c_str());
            if (AR(v)->m_descr != &d)
                raise(&exc::TypeError, "bad argument type for built-in operation");
            src = array_bytes(AR(v));
        }
        std::string cur = array_bytes(a);
        auto sz = static_cast<size_t>(d.size);
        int64_t start, stop, step;
        int64_t n = slice_adjust(sl, static_cast<int64_t>(cur.size() / sz), &start, &stop, &step);
        int64_t needed = static_cast<int64_t>(src.size() / sz);
        if (step == 1) {
            if (stop < start)
                stop = start;
            cur.replace(
                static_cast<size_t>(start) * sz, static_cast<size_t>(stop - start) * sz, src);
        } else if (!v) {
            std::vector<bool> drop(cur.size() / sz, false);
            for (int64_t i = 0, j = start; i < n; i++, j = slice_next(j, step))
                drop[static_cast<size_t>(j)] = true;
            std::string out;
            for (size_t k = 0; k < drop.size(); k++)
                if (!drop[k])
                    out.append(cur, k * sz, sz);
            cur.swap(out);
        } else {
            if (needed != n)
                raise(&exc::ValueError,
                    "attempt to assign array of size %lld to extended slice of size %lld",
                    static_cast<long long>(needed), static_cast<long long>(n));
            for (int64_t i = 0, j = start; i < n; i++, j = slice_next(j, step))
                std::memcpy(cur.data() + j * d.size, src.data() + i * d.size, sz);
        }
        array_assign(a, std::move(cur));
    }

    Value a_setitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("__setitem__", nargs, kw, 2, 2);
        ArrayObject* a = AR(self);
        Value key = args[0];
        if (is_slice(key)) {
            set_slice(a, key.as<SliceObject>(), args[1]);
            return none();
        }
        check_index_type(key);
        int64_t i = py_index_clamped(key);
        char buf[8];
        pack_item(*a->m_descr, args[1], buf);
        write_barrier(a);
        if (!normalize_index(&i, static_cast<int64_t>(a->m_data.size()) / a->m_descr->size))
            raise(&exc::IndexError, "array assignment index out of range");
        std::memcpy(
            a->m_data.data() + i * a->m_descr->size, buf, static_cast<size_t>(a->m_descr->size));
        return none();
    }

    void delete_at(ArrayObject* a, int64_t i)
    {
        write_barrier(a);
        a->m_data.erase(
            static_cast<size_t>(i * a->m_descr->size), static_cast<size_t>(a->m_descr->size));
    }

    Value a_delitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("__delitem__", nargs, kw, 1, 1);
        ArrayObject* a = AR(self);
        Value key = args[0];
        if (is_slice(key)) {
            set_slice(a, key.as<SliceObject>(), Value());
            return none();
        }
        check_index_type(key);
        int64_t i = py_index_clamped(key);
        if (!normalize_index(&i, array_len(a)))
            raise(&exc::IndexError, "array assignment index out of range");
        delete_at(a, i);
        return none();
    }

    // The first index in [start, stop) whose item equals [v], or -1. Re-reads the array at each
    // step: an item's __eq__ may run Python code that changes it.
    int64_t find_item(ArrayObject* a, Value v, int64_t start, int64_t stop)
    {
        for (int64_t i = start; i < stop && i < array_len(a); i++) {
            if (py_eq(array_item(a, i), v))
                return i;
        }
        return -1;
    }

    Value a_contains(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("__contains__", nargs, kw, 1, 1);
        return py_bool(find_item(AR(self), args[0], 0, INT64_MAX) >= 0);
    }

    Value a_concat(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("__add__", nargs, kw, 1, 1);
        Value o = args[0];
        if (!is_array(o))
            raise(&exc::TypeError, "can only append array (not \"%s\") to array",
                type_name(o).c_str());
        ArrayObject* a = AR(self);
        if (AR(o)->m_descr != a->m_descr)
            raise(&exc::TypeError, "bad argument type for built-in operation");
        return Value(array_alloc(&array_type, a->m_descr, array_bytes(a) + array_bytes(AR(o))));
    }

    Value a_iadd(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("__iadd__", nargs, kw, 1, 1);
        do_extend(AR(self), args[0], true);
        return self;
    }

    bool may_reflect(Value other, SpecialId id)
    {
        Type* t = type_of(other);
        return t->has_flag(TF_HEAPTYPE) && t->special(id);
    }

    std::string repeated(std::string const& cur, int64_t n)
    {
        if (n <= 0 || cur.empty())
            return {};
        if (n > INT64_MAX / static_cast<int64_t>(cur.size()))
            raise_memory_error();
        std::string out;
        out.reserve(cur.size() * static_cast<size_t>(n));
        for (int64_t k = 0; k < n; k++)
            out.append(cur);
        return out;
    }

    Value a_mul(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("__mul__", nargs, kw, 1, 1);
        if (!has_index(args[0])) {
            if (may_reflect(args[0], SP_rmul))
                return Value(g_not_implemented);
            raise(&exc::TypeError, "can't multiply sequence by non-int of type '%s'",
                type_name(args[0]).c_str());
        }
        int64_t n = py_index_i64(args[0]);
        ArrayObject* a = AR(self);
        return Value(array_alloc(&array_type, a->m_descr, repeated(array_bytes(a), n)));
    }

    Value a_rmul(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("__rmul__", nargs, kw, 1, 1);
        if (!has_index(args[0]))
            return Value(g_not_implemented);
        return a_mul(self, args, nargs, kw);
    }

    Value a_imul(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("__imul__", nargs, kw, 1, 1);
        int64_t n = py_index_i64(args[0]);
        ArrayObject* a = AR(self);
        array_assign(a, repeated(array_bytes(a), n));
        return self;
    }

    // CPython's array_richcompare: arrays only; the first differing item decides.
    Value array_compare(Value self, Value other, CompareOp op)
    {
        if (!is_array(self) || !is_array(other))
            return Value(g_not_implemented);
        ArrayObject* a = AR(self);
        ArrayObject* b = AR(other);
        int64_t la = array_len(a), lb = array_len(b);
        if ((op == CMP_EQ || op == CMP_NE) && la != lb)
            return py_bool(op == CMP_NE);
        int64_t i = 0;
        Value va, vb;
        for (; i < array_len(a) && i < array_len(b); i++) {
            va = array_item(a, i);
            vb = array_item(b, i);
            if (!py_eq(va, vb))
                break;
        }
        la = array_len(a);
        lb = array_len(b);
        if (i >= la || i >= lb)
            return compare_lengths(la, lb, op);
        if (op == CMP_EQ)
            return py_bool(false);
        if (op == CMP_NE)
            return py_bool(true);
        return py_richcompare(va, vb, op);
    }

    Value a_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        check_nargs("__repr__", nargs, kw, 0, 0);
        ArrayObject* a = AR(self);
        std::string name = str_utf8(type_of(self)->m_name);
        char code = a->m_descr->code;
        std::string data = array_bytes(a);
        if (data.empty())
            return Value(str_from_utf8(name + "('" + code + "')"));
        Value items;
        if (code == 'u') {
            items = Value(items_unicode(data));
        } else {
            ListObject* l = list_new(0);
            items = Value(l);
            for (size_t off = 0; off < data.size(); off += static_cast<size_t>(a->m_descr->size))
                list_append(l, unpack_item(*a->m_descr, data.data() + off));
        }
        return Value(str_from_utf8(name + "('" + code + "', " + str_utf8(py_repr(items)) + ")"));
    }

    Value a_iter(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        check_nargs("__iter__", nargs, kw, 0, 0);
        ArrayIterObject* it = gc::make<ArrayIterObject>(&array_iterator_type);
        it->m_array = self;
        return Value(it);
    }

    // --- methods
    // -------------------------------------------------------------------------------------

    Value a_append(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        args_exact("array.append", nargs, kw, 1);
        ArrayObject* a = AR(self);
        array_append_bytes(a, pack_one(*a->m_descr, args[0]));
        return none();
    }

    Value a_buffer_info(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        args_exact("array.buffer_info", nargs, kw, 0);
        ArrayObject* a = AR(self);
        read_barrier(a);
        std::string_view v = a->m_data.view();
        auto addr = reinterpret_cast<uintptr_t>(v.data());
        int64_t n = static_cast<int64_t>(v.size()) / a->m_descr->size;
        read_validate_barrier(a);
        return Value(tuple_of({ int_from_u64(addr), int_from_i64(n) }));
    }

    Value a_byteswap(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        args_exact("array.byteswap", nargs, kw, 0);
        ArrayObject* a = AR(self);
        auto sz = static_cast<size_t>(a->m_descr->size);
        std::string data = array_bytes(a);
        for (size_t off = 0; off + sz <= data.size(); off += sz)
            std::reverse(data.begin() + static_cast<std::ptrdiff_t>(off),
                data.begin() + static_cast<std::ptrdiff_t>(off + sz));
        array_assign(a, std::move(data));
        return none();
    }

    Value a_count(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        args_exact("array.count", nargs, kw, 1);
        ArrayObject* a = AR(self);
        int64_t n = 0;
        for (int64_t i = 0; i < array_len(a); i++)
            if (py_eq(array_item(a, i), args[0]))
                n++;
        return int_from_i64(n);
    }

    // A slice bound of index(): an int or __index__ object, clamped, negative from the end.
    int64_t bound_arg(Value v, int64_t len)
    {
        if (!is_int(v) && type_of(v)->special(SP_index).is_null())
            raise(&exc::TypeError, "slice indices must be integers or have an __index__ method");
        int64_t i = py_index_clamped(v);
        if (i < 0) {
            i += len;
            if (i < 0)
                i = 0;
        }
        return i;
    }

    Value a_index(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        args_old("index", "array.index", nargs, kw, 1, 3);
        ArrayObject* a = AR(self);
        int64_t len = array_len(a);
        int64_t start = nargs > 1 ? bound_arg(args[1], len) : 0;
        int64_t stop = nargs > 2 ? bound_arg(args[2], len) : INT64_MAX;
        int64_t i = find_item(a, args[0], start, stop);
        if (i < 0)
            raise(&exc::ValueError, "array.index(x): x not in array");
        return int_from_i64(i);
    }

    Value a_remove(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        args_exact("array.remove", nargs, kw, 1);
        ArrayObject* a = AR(self);
        int64_t i = find_item(a, args[0], 0, INT64_MAX);
        if (i < 0)
            raise(&exc::ValueError, "array.remove(x): x not in array");
        delete_at(a, i);
        return none();
    }

    Value a_pop(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        args_old("pop", "array.pop", nargs, kw, 0, 1);
        ArrayObject* a = AR(self);
        int64_t i = nargs > 0 ? py_index_clamped(args[0]) : -1;
        int64_t n = array_len(a);
        if (n == 0)
            raise(&exc::IndexError, "pop from empty array");
        if (!normalize_index(&i, n))
            raise(&exc::IndexError, "pop index out of range");
        Value v = array_item(a, i);
        delete_at(a, i);
        return v;
    }

    Value a_insert(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        args_old("insert", "array.insert", nargs, kw, 2, 2);
        ArrayObject* a = AR(self);
        int64_t i = py_index_clamped(args[0]);
        std::string item = pack_one(*a->m_descr, args[1]);
        write_barrier(a);
        int64_t n = static_cast<int64_t>(a->m_data.size()) / a->m_descr->size;
        if (i < 0) {
            i += n;
            if (i < 0)
                i = 0;
        }
        if (i > n)
            i = n;
        a->m_data.insert(static_cast<size_t>(i * a->m_descr->size), item);
        return none();
    }

    Value a_reverse(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        args_exact("array.reverse", nargs, kw, 0);
        ArrayObject* a = AR(self);
        auto sz = static_cast<size_t>(a->m_descr->size);
        std::string data = array_bytes(a);
        std::string out;
        out.reserve(data.size());
        for (size_t off = data.size(); off >= sz; off -= sz)
            out.append(data, off - sz, sz);
        array_assign(a, std::move(out));
        return none();
    }

    Value a_extend(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        args_exact("array.extend", nargs, kw, 1);
        do_extend(AR(self), args[0], false);
        return none();
    }

    Value a_frombytes(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        args_exact("array.frombytes", nargs, kw, 1);
        ArrayObject* a = AR(self);
        std::string tmp;
        std::string_view data = need_buffer(args[0], tmp);
        check_frombytes(*a->m_descr, data.size());
        array_append_bytes(a, data);
        return none();
    }

    Value a_tobytes(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        args_exact("array.tobytes", nargs, kw, 0);
        return Value(bytes_new(array_bytes(AR(self))));
    }

    Value a_fromlist(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        args_exact("array.fromlist", nargs, kw, 1);
        if (!is_list(args[0]))
            raise(&exc::TypeError, "arg must be list");
        ArrayObject* a = AR(self);
        array_append_bytes(a, pack_list(*a->m_descr, args[0].as<ListObject>()));
        return none();
    }

    Value a_tolist(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        args_exact("array.tolist", nargs, kw, 0);
        ArrayObject* a = AR(self);
        std::string data = array_bytes(a);
        ListObject* l = list_new(0);
        Value keep(l);
        for (size_t off = 0; off < data.size(); off += static_cast<size_t>(a->m_descr->size))
            list_append(l, unpack_item(*a->m_descr, data.data() + off));
        return keep;
    }

    Value a_fromunicode(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        args_exact("array.fromunicode", nargs, kw, 1);
        if (!is_str(args[0]))
            raise(&exc::TypeError, "fromunicode() argument must be str, not %s",
                type_name(args[0]).c_str());
        ArrayObject* a = AR(self);
        if (a->m_descr->code != 'u')
            raise(&exc::ValueError, "fromunicode() may only be called on unicode type arrays");
        array_append_bytes(a, unicode_items(args[0].as<StrObject>()));
        return none();
    }

    Value a_tounicode(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        args_exact("array.tounicode", nargs, kw, 0);
        ArrayObject* a = AR(self);
        if (a->m_descr->code != 'u')
            raise(&exc::ValueError, "tounicode() may only be called on unicode type arrays");
        return Value(items_unicode(array_bytes(a)));
    }

    Value a_tofile(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        args_exact("array.tofile", nargs, kw, 1);
        std::string data = array_bytes(AR(self));
        // CPython writes in blocks of 64 KiB, so a file sees the same sequence of write() calls.
        constexpr size_t kBlock = 64 * 1024;
        Value write = py_getattr(args[0], names::write);
        for (size_t off = 0; off < data.size(); off += kBlock)
            py_call1(write, Value(bytes_new(std::string_view(data).substr(off, kBlock))));
        return none();
    }

    Value a_fromfile(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        args_old("fromfile", "array.fromfile", nargs, kw, 2, 2);
        ArrayObject* a = AR(self);
        int64_t n = py_index_i64(args[1]);
        if (n < 0)
            raise(&exc::ValueError, "negative count");
        int64_t size = a->m_descr->size;
        if (n > INT64_MAX / size)
            raise_memory_error();
        int64_t nbytes = n * size;
        Value b = py_call1(py_getattr(args[0], names::read), int_from_i64(nbytes));
        if (!is_bytes(b))
            raise(&exc::TypeError, "read() didn't return bytes");
        std::string_view data = b.as<BytesObject>()->view();
        bool not_enough = static_cast<int64_t>(data.size()) != nbytes;
        check_frombytes(*a->m_descr, data.size());
        array_append_bytes(a, data);
        if (not_enough)
            raise(&exc::EOFError, "read() didn't return enough bytes");
        return none();
    }

    Value a_copy(Value self, Value const*, size_t, TupleObject*)
    {
        ArrayObject* a = AR(self);
        return Value(array_alloc(&array_type, a->m_descr, array_bytes(a)));
    }

    Value a_sizeof(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        check_nargs("__sizeof__", nargs, kw, 0, 0);
        ArrayObject* a = AR(self);
        return int_from_i64(64 + array_len(a) * a->m_descr->size);
    }

    Value instance_dict_or_none(Value self)
    {
        Value d = py_getattr_opt(self, names::__dict__);
        return d ? d : none();
    }

    Value a_reduce_ex(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("__reduce_ex__", nargs, kw, 0, 1);
        if (nargs != 1)
            raise(&exc::TypeError,
                "__reduce_ex__() takes exactly 1 positional argument (%zu given)", nargs);
        if (!is_int(args[0]))
            raise(&exc::TypeError, "__reduce_ex__ argument should be an integer");
        int64_t proto = py_index_i64(args[0]);
        ArrayObject* a = AR(self);
        Descr const& d = *a->m_descr;
        Value cls(type_of(self));
        Value dict = instance_dict_or_none(self);
        char code[2] = { d.code, 0 };
        if (proto < 3) {
            Value items = d.code == 'u' ? py_call0(py_getattr(self, intern("tolist")))
                                        : a_tolist(self, nullptr, 0, nullptr);
            Value args2(tuple_of({ Value(str_from_ascii(code)), items }));
            return Value(tuple_of({ cls, args2, dict }));
        }
        Value recon = py_getattr(import_module("array"), intern("_array_reconstructor"));
        Value args4(tuple_of({ cls, Value(str_from_ascii(code)), Value::small_int(d.mformat),
            Value(bytes_new(array_bytes(a))) }));
        return Value(tuple_of({ recon, args4, dict }));
    }

    // --- the iterator
    // --------------------------------------------------------------------------------

    Value array_iternext(Object* o)
    {
        auto* it = static_cast<ArrayIterObject*>(o);
        read_barrier(it);
        Value arr = it->m_array;
        int64_t i = it->m_index;
        if (!arr)
            return Value();
        ArrayObject* a = AR(arr);
        if (i >= array_len(a)) {
            write_barrier(it);
            it->m_array = Value();
            return Value();
        }
        Value v = array_item(a, i);
        write_barrier(it);
        it->m_index = i + 1;
        return v;
    }

    Value ai_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        check_nargs("__reduce__", nargs, kw, 0, 0);
        auto* it = self.as<ArrayIterObject>();
        read_barrier(it);
        return iter_reduce(it->m_array, it->m_index);
    }

    Value ai_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("__setstate__", nargs, kw, 1, 1);
        auto* it = self.as<ArrayIterObject>();
        read_barrier(it);
        Value arr = it->m_array;
        int64_t index = iter_setstate_index(args[0], 0, arr ? array_len(AR(arr)) : 0);
        write_barrier(it);
        it->m_index = index;
        return none();
    }

    // --- _array_reconstructor
    // ------------------------------------------------------------------------

    uint64_t load_uint(char const* p, int size, bool big_endian)
    {
        uint64_t x = 0;
        for (int k = 0; k < size; k++) {
            auto byte = static_cast<uint8_t>(p[big_endian ? k : size - 1 - k]);
            x = (x << 8) | byte;
        }
        return x;
    }

    Value m_array_reconstructor(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        args_positional("_array_reconstructor", "_array_reconstructor", nargs, kw, 4, 4);
        Value cls = args[0];
        if (!is_type(cls))
            raise(&exc::TypeError, "first argument must be a type object, not %s",
                type_name(cls).c_str());
        if (!cls.as<Type>()->is_subtype(&array_type))
            raise(&exc::TypeError, "%s is not a subtype of array.array",
                cls.as<Type>()->name_str().c_str());
        Descr const* d = typecode_arg(args[1], "_array_reconstructor()", "2");
        int64_t mf = py_index_i64(args[2]);
        if (!is_bytes(args[3]))
            raise(&exc::TypeError, "fourth argument should be bytes, not %s",
                type_name(args[3]).c_str());
        if (!d)
            raise(&exc::ValueError, "second argument must be a valid type code");
        if (mf < 0 || mf > MACHINE_FORMAT_MAX)
            raise(&exc::ValueError, "third argument must be a valid machine format code.");
        std::string_view data = args[3].as<BytesObject>()->view();
        Value typecode = args[1];
        Value items;
        if (mf == d->mformat) {
            check_frombytes(*d, data.size());
            items = Value(bytes_new(data));
        } else if (mf == IEEE_754_FLOAT_LE || mf == IEEE_754_FLOAT_LE + 1
            || mf == IEEE_754_DOUBLE_LE || mf == IEEE_754_DOUBLE_LE + 1) {
            int size = mf >= IEEE_754_DOUBLE_LE ? 8 : 4;
            bool be = mf & 1;
            if (data.size() % static_cast<size_t>(size))
                raise(&exc::ValueError, "string length not a multiple of item size");
            ListObject* l = list_new(0);
            items = Value(l);
            for (size_t off = 0; off < data.size(); off += static_cast<size_t>(size)) {
                uint64_t bits = load_uint(data.data() + off, size, be);
                double x;
                if (size == 4) {
                    float f;
                    auto b32 = static_cast<uint32_t>(bits);
                    std::memcpy(&f, &b32, 4);
                    x = f;
                } else {
                    std::memcpy(&x, &bits, 8);
                }
                list_append(l, float_new(x));
            }
        } else if (mf >= UTF16_LE) {
            static char const* const s_enc[]
                = { "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be" };
            Value b(bytes_new(data));
            Value enc(str_from_ascii(s_enc[mf - UTF16_LE]));
            items = py_call1(py_getattr(b, intern("decode")), enc);
        } else {
            // Integers: the widest-fitting typecode of the format's size and signedness.
            int size = mf <= SIGNED_INT8 ? 1 : 2 << ((mf - UNSIGNED_INT16_LE) / 4);
            bool is_signed
                = mf <= SIGNED_INT8 ? mf == SIGNED_INT8 : ((mf - UNSIGNED_INT16_LE) / 2) % 2 == 1;
            bool be = mf > SIGNED_INT8 && (mf & 1);
            for (Descr const& c : s_descrs)
                if (c.is_integer && c.size == size && c.is_signed == is_signed)
                    typecode = Value(str_from_char(static_cast<uint32_t>(c.code)));
            if (data.size() % static_cast<size_t>(size))
                raise(&exc::ValueError, "string length not a multiple of item size");
            ListObject* l = list_new(0);
            items = Value(l);
            for (size_t off = 0; off < data.size(); off += static_cast<size_t>(size)) {
                uint64_t x = load_uint(data.data() + off, size, be);
                if (is_signed && size < 8 && (x >> (8 * size - 1)) & 1)
                    x |= ~uint64_t(0) << (8 * size);
                list_append(l, is_signed ? int_from_i64(static_cast<int64_t>(x)) : int_from_u64(x));
            }
        }
        return py_call2(cls, typecode, items);
    }

    // --- buffer export (objects/buffer_arg.h)
    // ---------------------------------------------------------

    std::string export_read(Object* o) { return array_bytes(static_cast<ArrayObject*>(o)); }
    void export_write(Object* o, int64_t off, std::string_view data)
    {
        auto* a = static_cast<ArrayObject*>(o);
        write_barrier(a);
        if (off >= 0
            && off + static_cast<int64_t>(data.size()) <= static_cast<int64_t>(a->m_data.size()))
            std::memcpy(a->m_data.data() + off, data.data(), data.size());
    }
    char export_format(Object* o) { return static_cast<ArrayObject*>(o)->m_descr->format; }
    int export_itemsize(Object* o) { return static_cast<ArrayObject*>(o)->m_descr->size; }

    BufferExport const s_export { &array_type, export_read, export_write, export_format,
        export_itemsize };

    // --- STM undo (objects/undo.h, ARR-2)
    // ------------------------------------------------------------

    void* array_undo_save(Object* o, Type*)
    {
        return new std::string(static_cast<ArrayObject*>(o)->m_data.str());
    }
    void array_undo_restore(Object* o, Type*, void* r)
    {
        static_cast<ArrayObject*>(o)->m_data.assign(*static_cast<std::string*>(r));
    }
    void array_undo_drop(void* r) { delete static_cast<std::string*>(r); }
    void array_undo_trace(void*, gc::Tracer&) { }

    StmUndoOps const s_array_undo { array_undo_save, array_undo_restore, array_undo_drop,
        array_undo_trace, sizeof(ArrayObject) };

    // --- tables
    // --------------------------------------------------------------------------------------

    Value get_typecode(Value self)
    {
        char code[2] = { AR(self)->m_descr->code, 0 };
        return Value(str_from_ascii(code));
    }
    Value get_itemsize(Value self) { return Value::small_int(AR(self)->m_descr->size); }

    MethodDef const s_array_methods[] = {
        { "__new__", array_new_py, METH_STATIC },
        { "__len__", a_len },
        { "__getitem__", a_getitem },
        { "__setitem__", a_setitem },
        { "__delitem__", a_delitem },
        { "__contains__", a_contains },
        { "__add__", a_concat },
        { "__iadd__", a_iadd },
        { "__mul__", a_mul },
        { "__rmul__", a_rmul },
        { "__imul__", a_imul },
        { "__repr__", a_repr },
        { "__iter__", a_iter },
        { "__copy__", a_copy },
        { "__deepcopy__", a_copy },
        { "__sizeof__", a_sizeof },
        { "__reduce_ex__", a_reduce_ex },
        { "append", a_append },
        { "buffer_info", a_buffer_info },
        { "byteswap", a_byteswap },
        { "count", a_count },
        { "extend", a_extend },
        { "frombytes", a_frombytes },
        { "fromfile", a_fromfile },
        { "fromlist", a_fromlist },
        { "fromunicode", a_fromunicode },
        { "index", a_index },
        { "insert", a_insert },
        { "pop", a_pop },
        { "remove", a_remove },
        { "reverse", a_reverse },
        { "tobytes", a_tobytes },
        { "tofile", a_tofile },
        { "tolist", a_tolist },
        { "tounicode", a_tounicode },
        { nullptr, nullptr },
    };

    MethodDef const s_iter_methods[] = {
        { "__iter__", native_iter_self },
        { "__next__", native_iternext },
        { "__reduce__", ai_reduce },
        { "__setstate__", ai_setstate },
        { nullptr, nullptr },
    };

    MethodDef const s_module_functions[] = {
        { "_array_reconstructor", m_array_reconstructor },
        { nullptr, nullptr },
    };

} // namespace

void setup_array_types()
{
    init_static_type(&array_type, "array.array", nullptr, sizeof(ArrayObject), TF_BASETYPE, nullptr,
        array_destroy);
    init_static_type(&array_iterator_type, "array.arrayiterator", nullptr, sizeof(ArrayIterObject),
        0, iter_trace);
    array_iterator_type.m_iternext = array_iternext;
    array_type.m_stm_undo = &s_array_undo;
    array_iterator_type.m_stm_undo = &g_plain_undo;
    register_buffer_export(&s_export);
}

void init_array_types()
{
    add_methods(&array_type, s_array_methods);
    add_methods(&array_type, compare_methods<array_compare>);
    add_getset(&array_type, "typecode", get_typecode);
    add_getset(&array_type, "itemsize", get_itemsize);
    add_type_attr(&array_type, "__hash__", none());
    add_methods(&array_iterator_type, s_iter_methods);
}

ModuleObject* init_array_module()
{
    ModuleObject* m = module_new("array");
    Value keep(m);
    for (MethodDef const* d = s_module_functions; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    dict_set_cstr(m->m_dict, "array", &array_type);
    dict_set_cstr(m->m_dict, "ArrayType", &array_type);
    dict_set_cstr(m->m_dict, "typecodes", str_from_ascii("bBuhHiIlLqQfd"));
    // As CPython's module: array registers itself as a MutableSequence.
    Value abc = py_getattr(import_module("collections.abc"), intern("MutableSequence"));
    py_call1(py_getattr(abc, intern("register")), Value(&array_type));
    return m;
}

} // namespace pystm
