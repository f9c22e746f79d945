// The marshal module: dumps/loads/dump/load of CPython's value types in CPython's format
// (versions 0 to 4, 4 the default), so that data written by one interpreter reads in the other.
//
// Supported: None, bool, StopIteration, Ellipsis, int (any size), float, complex, str, bytes (and
// bytes-like objects, written as bytes), tuple, list, dict, set and frozenset of exactly those
// types. pystm's code objects have no CPython bytecode, so they are unmarshallable (ValueError,
// as for any other type) and a 'c' record in the input is a ValueError too.
//
// References (version >= 3). CPython marks an object as a reference target (FLAG_REF) when its
// reference count is above one, which pystm, with a tracing collector, does not have. The writer
// uses the counts a CPython program has in the common case instead, so that the bytes are the
// same as CPython's for literal values: atoms (int, float, complex, str, bytes) and tuples are
// always marked (in CPython they are constants of the code object, or cached small ints), lists,
// dicts and sets only when they occur more than once in the value (a fresh display passed to
// dumps() is referenced once). A str counts as interned (types 'Z', 'A', 't') when pystm interned
// it or when it is made of identifier characters only, as CPython interns such constants. Output
// for values computed at run time may differ from CPython's in these flags only; loads() accepts
// both and rebuilds the same value.
//
// Set elements are written in the order of their own marshalled bytes, as CPython 3.11 does, so
// the output does not depend on hash order. Nesting deeper than 2000 levels is a ValueError.
// The module keeps no state: every call works on C++ buffers and the objects it is given.
#include "builtins/builtins.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "vm/frame.h"
#include "objects/list_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

namespace pystm {

namespace {

constexpr int kVersion = 4;
constexpr int kMaxDepth = 2000;
constexpr uint8_t kFlagRef = 0x80;
constexpr int64_t kSize32Max = 0x7FFFFFFF;

// Type codes, as CPython's marshal.c.
enum : uint8_t {
    TYPE_NULL = '0',
    TYPE_NONE = 'N',
    TYPE_FALSE = 'F',
    TYPE_TRUE = 'T',
    TYPE_STOPITER = 'S',
    TYPE_ELLIPSIS = '.',
    TYPE_INT = 'i',
    TYPE_FLOAT = 'f',
    TYPE_BINARY_FLOAT = 'g',
    TYPE_COMPLEX = 'x',
    TYPE_BINARY_COMPLEX = 'y',
    TYPE_LONG = 'l',
    TYPE_STRING = 's',
    TYPE_INTERNED = 't',
    TYPE_REF = 'r',
    TYPE_TUPLE = '(',
    TYPE_LIST = '[',
    TYPE_DICT = '{',
    TYPE_CODE = 'c',
    TYPE_UNICODE = 'u',
    TYPE_SET = '<',
    TYPE_FROZENSET = '>',
    TYPE_ASCII = 'a',
    TYPE_ASCII_INTERNED = 'A',
    TYPE_SMALL_TUPLE = ')',
    TYPE_SHORT_ASCII = 'z',
    TYPE_SHORT_ASCII_INTERNED = 'Z',
};

// Raised from deep inside the writer; turned into CPython's ValueError by the caller.
struct WriteError {
    char const* msg;
};

bool exact(Value v, Type* t) { return v.is_object() && v.as_object()->m_type == t; }

bool is_container(Value v)
{
    return exact(v, &list_type) || exact(v, &dict_type) || exact(v, &set_type)
        || exact(v, &frozenset_type);
}

bool name_chars_only(StrObject* s)
{
    if (!s->m_ascii)
        return false;
    for (char c : s->ascii_view())
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    return true;
}

class Writer {
public:
    explicit Writer(int version) : m_version(version) { }

    std::string dump(Value v)
    {
        if (m_version >= 3) {
            std::unordered_set<Object*> seen;
            count_containers(v, seen, 0);
        }
        write(v);
        return std::move(m_out);
    }

private:
    int m_version;
    int m_depth = 0;
    std::string m_out;
    std::unordered_map<Object*, int32_t> m_refs; // heap objects marked so far -> index
    // Numbers keyed by type and value: pystm's small ints have no identity, and equal number
    // literals are one constant object in CPython.
    std::unordered_map<std::string, int32_t> m_number_refs;
    std::unordered_set<Object*> m_shared; // containers that occur more than once

    // Finds the containers that occur more than once (see the file comment).
    void count_containers(Value v, std::unordered_set<Object*>& seen, int depth)
    {
        if (depth > kMaxDepth || !v.is_object() || vm::cpp_stack_low())
            return; // write() reports the nesting
        bool tuple = exact(v, &tuple_type);
        if (!tuple && !is_container(v))
            return;
        if (!tuple && !seen.insert(v.as_object()).second) {
            m_shared.insert(v.as_object());
            return;
        }
        if (tuple) {
            auto* t = v.as<TupleObject>();
            for (int64_t i = 0; i < t->m_size; i++)
                count_containers(t->item(i), seen, depth + 1);
        } else if (exact(v, &list_type)) {
            gc::RootedValues items;
            list_snapshot(v.as<ListObject>(), items);
            for (Value item : items)
                count_containers(item, seen, depth + 1);
        } else if (exact(v, &dict_type)) {
            int64_t pos = 0;
            Value k, val;
            while (dict_next(v.as<DictObject>(), &pos, &k, &val)) {
                count_containers(k, seen, depth + 1);
                count_containers(val, seen, depth + 1);
            }
        }
    }

    void byte(uint8_t b) { m_out.push_back(static_cast<char>(b)); }
    void long32(int64_t x)
    {
        auto u = static_cast<uint32_t>(static_cast<int32_t>(x));
        for (int i = 0; i < 4; i++)
            byte(static_cast<uint8_t>(u >> (8 * i)));
    }
    void short16(unsigned x)
    {
        byte(static_cast<uint8_t>(x & 0xFF));
        byte(static_cast<uint8_t>((x >> 8) & 0xFF));
    }
    void size(int64_t n)
    {
        if (n > kSize32Max)
            throw WriteError { "unmarshallable object" };
        long32(n);
    }
    void pstring(std::string_view s)
    {
        size(static_cast<int64_t>(s.size()));
        m_out.append(s);
    }
    void short_pstring(std::string_view s)
    {
        byte(static_cast<uint8_t>(s.size()));
        m_out.append(s);
    }
    void double_bytes(double d)
    {
        uint64_t u;
        std::memcpy(&u, &d, 8);
        for (int i = 0; i < 8; i++)
            byte(static_cast<uint8_t>(u >> (8 * i)));
    }
    static std::string double_text(double d)
    {
        // CPython writes repr-like text with 17 significant digits ('g' format).
        if (std::isnan(d))
            return "nan";
        if (std::isinf(d))
            return d > 0 ? "inf" : "-inf";
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", d);
        return buf;
    }

    // Marks [v] as a reference target or writes a reference to it; true if a reference was
    // written (CPython's w_ref).
    static std::string number_key(Value v)
    {
        if (v.is_small_int() || exact(v, &int_type))
            return "i" + int_to_decimal(v);
        std::string key;
        auto bits = [&key](double d) {
            key.append(reinterpret_cast<char const*>(&d), sizeof d);
        };
        if (exact(v, &float_type)) {
            key = "g";
            bits(v.as<FloatObject>()->m_value);
        } else if (exact(v, &complex_type)) {
            key = "y";
            bits(v.as<ComplexObject>()->m_real);
            bits(v.as<ComplexObject>()->m_imag);
        }
        return key;
    }

    bool ref(Value v, uint8_t& flag)
    {
        if (m_version < 3)
            return false;
        std::string key = number_key(v);
        if (!key.empty()) {
            auto it = m_number_refs.find(key);
            if (it != m_number_refs.end()) {
                byte(TYPE_REF);
                long32(it->second);
                return true;
            }
        } else {
            auto it = m_refs.find(v.as_object());
            if (it != m_refs.end()) {
                byte(TYPE_REF);
                long32(it->second);
                return true;
            }
            // Containers occurring once, and buffers other than bytes (always built at run
            // time), have a reference count of one in CPython.
            if (is_container(v) && !m_shared.count(v.as_object()))
                return false;
            if (!exact(v, &bytes_type) && !exact(v, &str_type) && !exact(v, &tuple_type)
                && !is_container(v))
                return false;
        }
        auto index = static_cast<int32_t>(m_refs.size() + m_number_refs.size());
        if (!key.empty())
            m_number_refs[key] = index;
        else
            m_refs[v.as_object()] = index;
        flag = kFlagRef;
        return false;
    }

    void write(Value v)
    {
        // CPython's depth limit; the C++ stack may run out first in builds with big frames
        // (sanitizers), with the same error.
        if (++m_depth > kMaxDepth || vm::cpp_stack_low())
            throw WriteError { "object too deeply nested to marshal" };
        if (!v)
            byte(TYPE_NULL);
        else if (is_none(v))
            byte(TYPE_NONE);
        else if (v.is_object() && v.as_object() == &exc::StopIteration)
            byte(TYPE_STOPITER);
        else if (v.is_object() && v.as_object() == g_ellipsis)
            byte(TYPE_ELLIPSIS);
        else if (v == Value(g_false))
            byte(TYPE_FALSE);
        else if (v == Value(g_true))
            byte(TYPE_TRUE);
        else {
            uint8_t flag = 0;
            if (!ref(v, flag))
                write_complex(v, flag);
        }
        m_depth--;
    }

    void write_long(Value v, uint8_t flag)
    {
        byte(TYPE_LONG | flag);
        mpz_t z;
        mpz_init(z);
        int_to_mpz(v, z);
        int sign = mpz_sgn(z);
        mpz_abs(z, z);
        std::vector<unsigned> digits;
        while (mpz_sgn(z) != 0) {
            digits.push_back(static_cast<unsigned>(mpz_fdiv_ui(z, 1u << 15)));
            mpz_fdiv_q_2exp(z, z, 15);
        }
        mpz_clear(z);
        auto n = static_cast<int64_t>(digits.size());
        if (n > kSize32Max)
            throw WriteError { "unmarshallable object" };
        long32(sign < 0 ? -n : n);
        for (unsigned d : digits)
            short16(d);
    }

    void write_str(StrObject* s, uint8_t flag)
    {
        bool interned = s->m_interned || name_chars_only(s);
        if (m_version >= 4 && s->m_ascii) {
            std::string_view text = s->ascii_view();
            if (text.size() < 256) {
                byte((interned ? TYPE_SHORT_ASCII_INTERNED : TYPE_SHORT_ASCII) | flag);
                short_pstring(text);
            } else {
                byte((interned ? TYPE_ASCII_INTERNED : TYPE_ASCII) | flag);
                pstring(text);
            }
            return;
        }
        byte((m_version >= 3 && interned ? TYPE_INTERNED : TYPE_UNICODE) | flag);
        pstring(str_utf8(s));
    }

    void write_set(Value v, uint8_t flag)
    {
        byte((exact(v, &frozenset_type) ? TYPE_FROZENSET : TYPE_SET) | flag);
        auto* s = v.as<SetObject>();
        gc::RootedValues items;
        int64_t pos = 0;
        Value key;
        while (set_next(s, &pos, &key))
            items.push_back(key);
        size(static_cast<int64_t>(items.size()));
        // Reproducible order: by each element's own marshalled form (CPython 3.11).
        std::vector<std::pair<std::string, size_t>> order;
        for (size_t i = 0; i < items.size(); i++)
            order.emplace_back(Writer(m_version).dump(items[i]), i);
        std::stable_sort(order.begin(), order.end(),
            [](auto const& a, auto const& b) { return a.first < b.first; });
        for (auto const& entry : order)
            write(items[entry.second]);
    }

    void write_complex(Value v, uint8_t flag)
    {
        if (v.is_small_int() || exact(v, &int_type)) {
            int64_t x;
            if (int_to_i64(v, &x) && x >= INT32_MIN && x <= INT32_MAX) {
                byte(TYPE_INT | flag);
                long32(x);
            } else {
                write_long(v, flag);
            }
        } else if (exact(v, &float_type)) {
            double d = v.as<FloatObject>()->m_value;
            if (m_version > 1) {
                byte(TYPE_BINARY_FLOAT | flag);
                double_bytes(d);
            } else {
                byte(TYPE_FLOAT | flag);
                short_pstring(double_text(d));
            }
        } else if (exact(v, &complex_type)) {
            auto* c = v.as<ComplexObject>();
            if (m_version > 1) {
                byte(TYPE_BINARY_COMPLEX | flag);
                double_bytes(c->m_real);
                double_bytes(c->m_imag);
            } else {
                byte(TYPE_COMPLEX | flag);
                short_pstring(double_text(c->m_real));
                short_pstring(double_text(c->m_imag));
            }
        } else if (exact(v, &bytes_type)) {
            byte(TYPE_STRING | flag);
            pstring(v.as<BytesObject>()->view());
        } else if (exact(v, &str_type)) {
            write_str(v.as<StrObject>(), flag);
        } else if (exact(v, &tuple_type)) {
            auto* t = v.as<TupleObject>();
            if (m_version >= 4 && t->m_size < 256) {
                byte(TYPE_SMALL_TUPLE | flag);
                byte(static_cast<uint8_t>(t->m_size));
            } else {
                byte(TYPE_TUPLE | flag);
                size(t->m_size);
            }
            for (int64_t i = 0; i < t->m_size; i++)
                write(t->item(i));
        } else if (exact(v, &list_type)) {
            gc::RootedValues items;
            list_snapshot(v.as<ListObject>(), items);
            byte(TYPE_LIST | flag);
            size(static_cast<int64_t>(items.size()));
            for (Value item : items)
                write(item);
        } else if (exact(v, &dict_type)) {
            gc::RootedValues items;
            int64_t pos = 0;
            Value k, val;
            while (dict_next(v.as<DictObject>(), &pos, &k, &val)) {
                items.push_back(k);
                items.push_back(val);
            }
            byte(TYPE_DICT | flag);
            for (size_t i = 0; i + 1 < items.size(); i += 2) {
                write(items[i]);
                write(items[i + 1]);
            }
            byte(TYPE_NULL);
        } else if (exact(v, &set_type) || exact(v, &frozenset_type)) {
            write_set(v, flag);
        } else {
            std::string tmp;
            std::string_view data;
            if (!buffer_like(v, tmp, &data))
                throw WriteError { "unmarshallable object" };
            byte(TYPE_STRING | flag);
            pstring(data);
        }
    }
};

// Reads from a bytes buffer (loads) or from a file's read() (load), with CPython's errors.
class Reader {
public:
    Reader(std::string_view data) : m_data(data) { }
    explicit Reader(Value file) : m_file(file) { }

    Value read_top()
    {
        Value v = read();
        if (!v)
            raise(&exc::TypeError, "NULL object in marshal data for object");
        return v;
    }
    size_t consumed() const { return m_pos; }

private:
    std::string_view m_data;
    Value m_file; // rooted by the caller's arguments
    std::string m_chunk; // the last chunk read from m_file
    size_t m_pos = 0;
    int m_depth = 0;
    gc::RootedValues m_refs;

    // The next [n] bytes; EOFError when the input ends first.
    std::string_view take(size_t n)
    {
        if (m_file) {
            Value arg = int_from_i64(static_cast<int64_t>(n));
            Value got = py_call_method(m_file, intern("read"), &arg, 1);
            std::string tmp;
            std::string_view view;
            if (!buffer_like(got, tmp, &view))
                raise(&exc::TypeError, "file.read() returned not bytes but %s", type_name(got).c_str());
            if (view.size() > n)
                raise(&exc::ValueError, "read() returned too much data: %zu bytes requested, %zu returned",
                    n, view.size());
            if (view.size() < n)
                raise(&exc::EOFError, "EOF read where not expected");
            m_chunk.assign(view);
            return m_chunk;
        }
        if (m_data.size() - m_pos < n)
            raise(&exc::EOFError, "marshal data too short");
        std::string_view out = m_data.substr(m_pos, n);
        m_pos += n;
        return out;
    }
    int type_byte()
    {
        if (m_file) {
            Value arg = int_from_i64(1);
            Value got = py_call_method(m_file, intern("read"), &arg, 1);
            std::string tmp;
            std::string_view view;
            if (!buffer_like(got, tmp, &view))
                raise(&exc::TypeError, "file.read() returned not bytes but %s", type_name(got).c_str());
            if (view.empty())
                return -1;
            return static_cast<uint8_t>(view[0]);
        }
        if (m_pos >= m_data.size())
            return -1;
        return static_cast<uint8_t>(m_data[m_pos++]);
    }
    uint8_t u8() { return static_cast<uint8_t>(take(1)[0]); }
    int32_t long32()
    {
        std::string_view b = take(4);
        uint32_t u = 0;
        for (int i = 3; i >= 0; i--)
            u = (u << 8) | static_cast<uint8_t>(b[static_cast<size_t>(i)]);
        return static_cast<int32_t>(u);
    }
    unsigned short16()
    {
        std::string_view b = take(2);
        return static_cast<uint8_t>(b[0])
            | (static_cast<unsigned>(static_cast<uint8_t>(b[1])) << 8);
    }
    int64_t count(char const* what)
    {
        int32_t n = long32();
        if (n < 0)
            raise(&exc::ValueError, "bad marshal data (%s size out of range)", what);
        return n;
    }
    double binary_double()
    {
        std::string_view b = take(8);
        uint64_t u = 0;
        for (int i = 7; i >= 0; i--)
            u = (u << 8) | static_cast<uint8_t>(b[static_cast<size_t>(i)]);
        double d;
        std::memcpy(&d, &u, 8);
        return d;
    }
    double text_double()
    {
        std::string text(take(u8()));
        char* end = nullptr;
        double d = std::strtod(text.c_str(), &end);
        if (text.empty() || *end)
            raise(&exc::ValueError, "could not convert string to float: '%s'", text.c_str());
        return d;
    }

    // Registers [v] as reference target number len(m_refs) when the record had FLAG_REF.
    Value keep(Value v, bool flag)
    {
        if (flag)
            m_refs.push_back(v);
        return v;
    }
    size_t reserve(bool flag)
    {
        if (!flag)
            return SIZE_MAX;
        m_refs.push_back(none());
        return m_refs.size() - 1;
    }
    Value fill(size_t slot, Value v)
    {
        if (slot != SIZE_MAX)
            m_refs[slot] = v;
        return v;
    }

    Value read_long(bool flag)
    {
        int32_t n = long32();
        if (n < -kSize32Max || n > kSize32Max)
            raise(&exc::ValueError, "bad marshal data (long size out of range)");
        mpz_t z;
        mpz_init(z);
        int64_t size = n < 0 ? -static_cast<int64_t>(n) : n;
        try {
            for (int64_t i = 0; i < size; i++) {
                unsigned d = short16();
                if (d > 0x7FFF)
                    raise(&exc::ValueError, "bad marshal data (digit out of range in long)");
                if (i == size - 1 && d == 0)
                    raise(&exc::ValueError, "bad marshal data (unnormalized long data)");
                mpz_t part;
                mpz_init_set_ui(part, d);
                mpz_mul_2exp(part, part, static_cast<mp_bitcnt_t>(15 * i));
                mpz_add(z, z, part);
                mpz_clear(part);
            }
        } catch (...) {
            mpz_clear(z);
            throw;
        }
        if (n < 0)
            mpz_neg(z, z);
        Value v = int_from_mpz(z);
        mpz_clear(z);
        return keep(v, flag);
    }

    Value read_str(size_t n, bool ascii, bool interned, bool flag)
    {
        std::string_view raw = take(n);
        StrObject* s;
        if (ascii) {
            for (char c : raw)
                if (static_cast<unsigned char>(c) >= 0x80)
                    raise(&exc::ValueError, "bad marshal data (string is not ASCII)");
            s = str_from_ascii(raw);
        } else {
            s = str_from_utf8(raw);
        }
        if (interned)
            s = intern(s);
        return keep(Value(s), flag);
    }

    Value read()
    {
        if (++m_depth > kMaxDepth || vm::cpp_stack_low()) {
            m_depth--;
            raise(&exc::ValueError, "recursion limit exceeded");
        }
        int code = type_byte();
        if (code < 0)
            raise(&exc::EOFError, "EOF read where object expected");
        bool flag = (code & kFlagRef) != 0;
        uint8_t type = static_cast<uint8_t>(code & ~kFlagRef);
        Value v = read_body(type, flag);
        m_depth--;
        return v;
    }

    Value read_body(uint8_t type, bool flag)
    {
        switch (type) {
        case TYPE_NULL:
            return Value();
        case TYPE_NONE:
            return none();
        case TYPE_STOPITER:
            return Value(&exc::StopIteration);
        case TYPE_ELLIPSIS:
            return Value(g_ellipsis);
        case TYPE_FALSE:
            return Value(g_false);
        case TYPE_TRUE:
            return Value(g_true);
        case TYPE_INT:
            return keep(int_from_i64(long32()), flag);
        case TYPE_LONG:
            return read_long(flag);
        case TYPE_FLOAT:
            return keep(float_new(text_double()), flag);
        case TYPE_BINARY_FLOAT:
            return keep(float_new(binary_double()), flag);
        case TYPE_COMPLEX: {
            double re = text_double();
            double im = text_double();
            return keep(complex_new(re, im), flag);
        }
        case TYPE_BINARY_COMPLEX: {
            double re = binary_double();
            double im = binary_double();
            return keep(complex_new(re, im), flag);
        }
        case TYPE_STRING: {
            int64_t n = count("bytes object");
            return keep(Value(bytes_new(take(static_cast<size_t>(n)))), flag);
        }
        case TYPE_ASCII:
        case TYPE_ASCII_INTERNED: {
            int64_t n = count("string");
            return read_str(static_cast<size_t>(n), true, type == TYPE_ASCII_INTERNED, flag);
        }
        case TYPE_SHORT_ASCII:
        case TYPE_SHORT_ASCII_INTERNED:
            return read_str(u8(), true, type == TYPE_SHORT_ASCII_INTERNED, flag);
        case TYPE_UNICODE:
        case TYPE_INTERNED: {
            int64_t n = count("string");
            return read_str(static_cast<size_t>(n), false, type == TYPE_INTERNED, flag);
        }
        case TYPE_SMALL_TUPLE:
        case TYPE_TUPLE: {
            int64_t n = type == TYPE_SMALL_TUPLE ? u8() : count("tuple");
            size_t slot = reserve(flag);
            gc::RootedValues items;
            for (int64_t i = 0; i < n; i++) {
                Value item = read();
                if (!item)
                    raise(&exc::TypeError, "NULL object in marshal data for tuple");
                items.push_back(item);
            }
            return fill(slot, Value(tuple_from(items.data(), n)));
        }
        case TYPE_LIST: {
            int64_t n = count("list");
            ListObject* l = list_new(n);
            gc::RootedValues keep_alive;
            keep_alive.push_back(Value(l));
            keep(Value(l), flag);
            for (int64_t i = 0; i < n; i++) {
                Value item = read();
                if (!item)
                    raise(&exc::TypeError, "NULL object in marshal data for list");
                list_append(l, item);
            }
            return Value(l);
        }
        case TYPE_DICT: {
            DictObject* d = dict_new();
            gc::RootedValues keep_alive;
            keep_alive.push_back(Value(d));
            keep(Value(d), flag);
            for (;;) {
                Value k = read();
                if (!k)
                    break;
                gc::RootedValues key;
                key.push_back(k);
                Value val = read();
                if (!val)
                    break;
                dict_set(d, k, val);
            }
            return Value(d);
        }
        case TYPE_SET:
        case TYPE_FROZENSET: {
            int64_t n = count("set");
            bool frozen = type == TYPE_FROZENSET;
            SetObject* s = set_new(frozen ? &frozenset_type : &set_type);
            gc::RootedValues keep_alive;
            keep_alive.push_back(Value(s));
            // A set can be referred to while its items are read; a frozenset only afterwards.
            size_t slot = frozen ? reserve(flag) : SIZE_MAX;
            if (!frozen)
                keep(Value(s), flag);
            for (int64_t i = 0; i < n; i++) {
                Value item = read();
                if (!item)
                    raise(&exc::TypeError, "NULL object in marshal data for set");
                set_add(s, item);
            }
            return fill(slot, Value(s));
        }
        case TYPE_REF: {
            int32_t n = long32();
            if (n < 0 || static_cast<size_t>(n) >= m_refs.size())
                raise(&exc::ValueError, "bad marshal data (invalid reference)");
            return m_refs[static_cast<size_t>(n)];
        }
        case TYPE_CODE:
            raise(&exc::ValueError, "bad marshal data (pystm cannot load code objects)");
        default:
            raise(&exc::ValueError, "bad marshal data (unknown type code)");
        }
    }
};

// Argument Clinic's checks of positional-only functions (METH_FASTCALL and METH_O).
void positional(char const* name, size_t nargs, TupleObject* kwnames, size_t min, size_t max)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "marshal.%s() takes no keyword arguments", name);
    if (min == 1 && max == 1) {
        if (nargs != 1)
            raise(&exc::TypeError, "marshal.%s() takes exactly one argument (%zu given)", name, nargs);
        return;
    }
    if (nargs < min)
        raise(&exc::TypeError, "%s expected at least %zu argument%s, got %zu", name, min,
            min == 1 ? "" : "s", nargs);
    if (nargs > max)
        raise(&exc::TypeError, "%s expected at most %zu argument%s, got %zu", name, max,
            max == 1 ? "" : "s", nargs);
}

int version_arg(Value v)
{
    if (!v)
        return kVersion;
    if (is_float(v))
        raise(&exc::TypeError, "'float' object cannot be interpreted as an integer");
    int64_t x = py_index_i64(v);
    if (x > INT32_MAX || x < INT32_MIN)
        raise(&exc::OverflowError, "Python int too large to convert to C int");
    return static_cast<int>(x);
}

BytesObject* dumps_value(Value v, int version)
{
    try {
        return bytes_new(Writer(version).dump(v));
    } catch (WriteError const& e) {
        raise(&exc::ValueError, "%s", e.msg);
    }
}

Value m_dumps(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    positional("dumps", nargs, kwnames, 1, 2);
    return Value(dumps_value(args[0], version_arg(nargs > 1 ? args[1] : Value())));
}

Value m_dump(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    positional("dump", nargs, kwnames, 2, 3);
    Value data = Value(dumps_value(args[0], version_arg(nargs > 2 ? args[2] : Value())));
    py_call_method(args[1], intern("write"), &data, 1);
    return none();
}

Value m_loads(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    positional("loads", nargs, kwnames, 1, 1);
    std::string tmp;
    std::string_view data = need_buffer(args[0], tmp);
    std::string copy(data); // the buffer may be a bytearray that the caller changes meanwhile
    return Reader(std::string_view(copy)).read_top();
}

Value m_load(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    positional("load", nargs, kwnames, 1, 1);
    Value const* a = args;
    // CPython first checks that read() returns bytes (a text file is a TypeError).
    Value zero = int_from_i64(0);
    Value probe = py_call_method(a[0], intern("read"), &zero, 1);
    if (!exact(probe, &bytes_type))
        raise(&exc::TypeError, "file.read() returned not bytes but %s", type_name(probe).c_str());
    return Reader(a[0]).read_top();
}

MethodDef const s_marshal_methods[] = {
    { "dump", m_dump, METH_DEFAULT,
        "dump($module, value, file, version=version, /)\n--\n\nWrite the value on the open file.\n\n  value\n    Must be a supported type.\n  file\n    Must be a writeable binary file.\n  version\n    Indicates the data format that dump should use.\n\nIf the value has (or contains an object that has) an unsupported type, a\nValueError exception is raised - but garbage data will also be written\nto the file. The object will not be properly read back by load()." },
    { "load", m_load, METH_DEFAULT,
        "load($module, file, /)\n--\n\nRead one value from the open file and return it.\n\n  file\n    Must be readable binary file.\n\nIf no valid value is read (e.g. because the data has a different Python\nversion's incompatible marshal format), raise EOFError, ValueError or\nTypeError.\n\nNote: If an object containing an unsupported type was marshalled with\ndump(), load() will substitute None for the unmarshallable type." },
    { "dumps", m_dumps, METH_DEFAULT,
        "dumps($module, value, version=version, /)\n--\n\nReturn the bytes object that would be written to a file by dump(value, file).\n\n  value\n    Must be a supported type.\n  version\n    Indicates the data format that dumps should use.\n\nRaise a ValueError exception if value has (or contains an object that has) an\nunsupported type." },
    { "loads", m_loads, METH_DEFAULT,
        "loads($module, bytes, /)\n--\n\nConvert the bytes-like object to a value.\n\nIf no valid value is found, raise EOFError, ValueError or TypeError.  Extra\nbytes in the input are ignored." },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* init_marshal_module()
{
    ModuleObject* m = module_new("marshal");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, Value(str_from_ascii("This module contains functions that can read and write Python values in\na binary format. The format is specific to Python, but independent of\nmachine architecture issues.\n")));
    for (MethodDef const* def = s_marshal_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    dict_set_cstr(d, "version", int_from_i64(kVersion));
    return m;
}

} // namespace pystm
