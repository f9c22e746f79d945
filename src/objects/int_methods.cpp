// int's constructor and non-arithmetic methods (round, bit operations, bytes conversion,
// attributes), and bool's constructor and methods (repr, & | ^ returning bools).
//
// Invariant kept: bool has exactly two instances (OBJ-1 in int_object.cpp); bool.__new__ only
// returns g_true or g_false and bool cannot be subclassed (no TF_BASETYPE).
#include "objects/buffer_arg.h"
#include "objects/bytes_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_impl.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/type_internal.h"
#include <vector>

namespace pystm {

namespace {

Value not_impl() { return Value(g_not_implemented); }

// The text of a str/bytes/bytearray argument of int(); false for other types.
bool int_text_of(Value x, std::string* out)
{
    if (is_str(x)) {
        StrObject* s = x.as<StrObject>();
        *out = s->m_ascii ? std::string(s->ascii_view()) : int_transform_unicode(s);
        return true;
    }
    if (is_bytes(x)) {
        *out = std::string(x.as<BytesObject>()->view());
        return true;
    }
    if (x.is_object() && x.as_object()->m_type->is_subtype(&bytearray_type)) {
        *out = bytearray_copy(x.as<ByteArrayObject>());
        return true;
    }
    return false;
}

// int(x) without a base: CPython's PyNumber_Long. __int__ first (int subclasses included, so
// an override is used), then __index__, then the deprecated __trunc__, then the text of a str,
// bytes, bytearray or other bytes-like object. A strict int subclass returned by one of the
// methods is copied to an exact int with a DeprecationWarning.
Value int_from_number(Value x)
{
    if (is_exact_int(x))
        return x;
    if (is_exact_float(x))
        return int_from_double(float_value(x));
    Type* t = type_of(x);
    Value f = t->special(SP_int);
    if (f && !is_none(f)) {
        Value r = call_unbound(f, x, nullptr, 0, nullptr);
        if (is_exact_int(r))
            return r;
        if (!is_int(r))
            raise(&exc::TypeError, "__int__ returned non-int (type %s)", type_name(r).c_str());
        warn_format(&exc::DeprecationWarning, 1,
            "__int__ returned non-int (type %s).  The ability to return an instance of a strict "
            "subclass of int is deprecated, and may be removed in a future version of Python.",
            type_name(r).c_str());
        return int_exact(r);
    }
    f = t->special(SP_index);
    if (f && !is_none(f))
        return py_number_index(x);
    f = t->special(SP_trunc);
    if (f && !is_none(f)) {
        warn_format(&exc::DeprecationWarning, 1, "The delegation of int() to __trunc__ is deprecated.");
        Value r = call_unbound(f, x, nullptr, 0, nullptr);
        if (is_int(r))
            return int_exact(r);
        Value ri = type_of(r)->special(SP_index);
        if (!ri || is_none(ri))
            raise(&exc::TypeError, "__trunc__ returned non-Integral (type %s)", type_name(r).c_str());
        return py_number_index(r);
    }
    std::string text;
    if (int_text_of(x, &text))
        return int_parse_source(text, 10, x);
    // Any other bytes-like object (memoryview): its bytes, which the error message shows.
    std::string_view view;
    if (buffer_like(x, text, &view)) {
        Value bytes(bytes_new(view));
        return int_parse_source(std::string(view), 10, bytes);
    }
    raise(&exc::TypeError,
        "int() argument must be a string, a bytes-like object or a real number, not '%s'",
        type_name(x).c_str());
}

Value int_new_m(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1)
        raise(&exc::TypeError, "int.__new__(): not enough arguments");
    Value clsv = args[0];
    if (!is_type(clsv))
        raise(&exc::TypeError, "int.__new__(X): X is not a type object (%s)", type_name(clsv).c_str());
    Type* cls = clsv.as<Type>();
    if (!cls->is_subtype(&int_type))
        raise(&exc::TypeError, "int.__new__(%s): %s is not a subtype of int", cls->name_str().c_str(),
            cls->name_str().c_str());
    if (cls == &bool_type)
        raise(&exc::TypeError, "int.__new__(bool) is not safe, use bool.__new__()");
    Value out[2];
    parse_args("int", args + 1, nargs - 1, kw, { "x", "/", "base" }, 0, out);
    Value x = out[0], basev = out[1];
    Value result;
    if (!x) {
        if (basev)
            raise(&exc::TypeError, "int() missing string argument");
        result = Value::small_int(0);
    } else if (!basev) {
        result = int_from_number(x);
    } else {
        Value bi = py_number_index(basev);
        int64_t base;
        if (!int_to_i64(bi, &base) || base < 0 || base == 1 || base > 36)
            raise(&exc::ValueError, "int() base must be >= 2 and <= 36, or 0");
        std::string text;
        if (!int_text_of(x, &text))
            raise(&exc::TypeError, "int() can't convert non-string with explicit base");
        result = int_parse_source(text, static_cast<int>(base), x);
    }
    if (cls == &int_type)
        return result;
    return int_subclass_new(cls, result);
}

// round(int, ndigits): exact; negative ndigits round half to even at 10**-ndigits.
Value int_round_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__round__", nargs, kw, 0, 1);
    if (nargs == 0 || is_none(args[0]))
        return int_exact(self);
    Value nd = py_number_index(args[0]);
    if (int_sign(nd) >= 0)
        return int_exact(self);
    int64_t n;
    uint64_t digits_bound = int_bit_length(self) * 30103 / 100000 + 2; // > log10(|self|) + 1
    if (!int_to_i64(nd, &n) || static_cast<uint64_t>(-(n + 1)) + 1 > digits_bound)
        return Value::small_int(0);
    Mpz pow10, q, r, twice;
    mpz_ui_pow_ui(pow10, 10, static_cast<unsigned long>(-n));
    IntView x(self);
    mpz_fdiv_qr(q, r, x, pow10);
    mpz_mul_2exp(twice, r, 1);
    int c = mpz_cmp(twice, pow10);
    if (c > 0 || (c == 0 && mpz_odd_p(q.z)))
        mpz_add_ui(q, q, 1);
    mpz_mul(q, q, pow10);
    return int_from_mpz(q);
}

Value int_format_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__format__", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "__format__() argument must be str, not %s", type_name(args[0]).c_str());
    return Value(int_format(self, args[0].as<StrObject>()));
}

Value int_bit_length_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("bit_length", nargs, kw, 0, 0);
    return int_from_u64(int_bit_length(self));
}

Value int_bit_count_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("bit_count", nargs, kw, 0, 0);
    Mpz a;
    mpz_abs(a, IntView(self));
    return int_from_u64(mpz_popcount(a));
}

Value int_as_integer_ratio_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("as_integer_ratio", nargs, kw, 0, 0);
    return Value(tuple_of({ int_exact(self), Value::small_int(1) }));
}

Value int_conjugate_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("conjugate", nargs, kw, 0, 0);
    return int_exact(self);
}

Value int_getnewargs_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__getnewargs__", nargs, kw, 0, 0);
    return Value(tuple_of({ int_exact(self) }));
}

Value int_sizeof_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__sizeof__", nargs, kw, 0, 0);
    // CPython's layout: a 24-byte header and at least one 30-bit digit of 4 bytes.
    uint64_t ndigits = (int_bit_length(self) + 29) / 30;
    return int_from_u64(24 + 4 * (ndigits ? ndigits : 1));
}

bool parse_byteorder(Value v)
{
    if (!v)
        return false;
    if (!is_str(v))
        raise(&exc::TypeError, "to_bytes() argument 'byteorder' must be str, not %s", type_name(v).c_str());
    std::string s = str_utf8(v.as<StrObject>());
    if (s == "little")
        return true;
    if (s == "big")
        return false;
    raise(&exc::ValueError, "byteorder must be either 'little' or 'big'");
}

Value int_to_bytes_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value out[3];
    parse_args("to_bytes", args, nargs, kw, { "length", "byteorder", "*", "signed" }, 0, out);
    int64_t length = 1;
    if (out[0]) {
        length = py_index_i64(out[0]);
        if (length < 0)
            raise(&exc::ValueError, "length argument must be non-negative");
    }
    bool little = parse_byteorder(out[1]);
    bool is_signed = out[2] && py_truthy(out[2]);
    IntView x(self);
    Mpz v;
    mpz_set(v, x);
    if (mpz_sgn(v) < 0) {
        if (!is_signed)
            raise(&exc::OverflowError, "can't convert negative int to unsigned");
        // Two's complement: fits if v >= -2**(8*length - 1).
        Mpz lim;
        if (length == 0)
            raise(&exc::OverflowError, "int too big to convert");
        mpz_setbit(lim, static_cast<mp_bitcnt_t>(8 * length - 1));
        mpz_neg(lim, lim);
        if (mpz_cmp(v, lim) < 0)
            raise(&exc::OverflowError, "int too big to convert");
        Mpz mod;
        mpz_setbit(mod, static_cast<mp_bitcnt_t>(8 * length));
        mpz_add(v, v, mod);
    } else {
        size_t bits = mpz_sgn(v) == 0 ? 0 : mpz_sizeinbase(v, 2);
        uint64_t avail = static_cast<uint64_t>(length) * 8 - (is_signed && length > 0 ? 1 : 0);
        if (bits > avail)
            raise(&exc::OverflowError, "int too big to convert");
    }
    BytesObject* b = bytes_alloc(length);
    std::fill(b->data(), b->data() + length, 0);
    size_t count = 0;
    std::vector<uint8_t> buf(mpz_sizeinbase(v, 256) + 1);
    mpz_export(buf.data(), &count, -1, 1, 0, 0, v); // least significant byte first
    for (size_t i = 0; i < count && static_cast<int64_t>(i) < length; i++) {
        size_t pos = little ? i : static_cast<size_t>(length) - 1 - i;
        b->data()[pos] = buf[i];
    }
    return Value(b);
}

Value int_from_bytes_m(Value cls, Value const* args, size_t nargs, TupleObject* kw)
{
    Value out[3];
    parse_args("from_bytes", args, nargs, kw, { "bytes", "byteorder", "*", "signed" }, 1, out);
    bool little = parse_byteorder(out[1]);
    bool is_signed = out[2] && py_truthy(out[2]);
    Value src = out[0];
    std::string data;
    if (is_bytes(src)) {
        data = std::string(src.as<BytesObject>()->view());
    } else if (src.is_object() && src.as_object()->m_type->is_subtype(&bytearray_type)) {
        data = bytearray_copy(src.as<ByteArrayObject>());
    } else if (is_str(src) || is_int(src)) {
        raise(&exc::TypeError, "cannot convert '%s' object to bytes", type_name(src).c_str());
    } else {
        Value b = py_call1(Value(&bytes_type), src);
        data = std::string(b.as<BytesObject>()->view());
    }
    Mpz v;
    if (!data.empty())
        mpz_import(v, data.size(), little ? -1 : 1, 1, 0, 0, data.data());
    if (is_signed && !data.empty()) {
        uint8_t top = static_cast<uint8_t>(little ? data.back() : data.front());
        if (top & 0x80) {
            Mpz mod;
            mpz_setbit(mod, static_cast<mp_bitcnt_t>(8 * data.size()));
            mpz_sub(v, v, mod);
        }
    }
    Value result = int_from_mpz(v);
    if (cls == Value(&int_type))
        return result;
    return py_call1(cls, result);
}

Value int_get_self(Value self) { return int_exact(self); }
Value int_get_zero(Value) { return Value::small_int(0); }
Value int_get_one(Value) { return Value::small_int(1); }

MethodDef const s_int_methods[] = {
    { "__new__", int_new_m, METH_STATIC },
    { "__round__", int_round_m },
    { "__format__", int_format_m },
    { "bit_length", int_bit_length_m },
    { "bit_count", int_bit_count_m },
    { "as_integer_ratio", int_as_integer_ratio_m },
    { "conjugate", int_conjugate_m },
    { "__getnewargs__", int_getnewargs_m },
    { "__sizeof__", int_sizeof_m },
    { "to_bytes", int_to_bytes_m },
    { "from_bytes", int_from_bytes_m, METH_CLASS },
    { nullptr, nullptr },
};

// --- bool ------------------------------------------------------------------------------------

Value bool_new_m(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size > 0)
        raise(&exc::TypeError, "bool() takes no keyword arguments");
    if (nargs > 2)
        raise(&exc::TypeError, "bool expected at most 1 argument, got %zu", nargs - 1);
    return py_bool(nargs == 2 && py_truthy(args[1]));
}

Value bool_repr_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    return Value(str_from_ascii(self == Value(g_true) ? "True" : "False"));
}

#define BOOL_BINARY(cname, pyname, op, intfn, reflected)                                           \
    Value cname(Value self, Value const* args, size_t nargs, TupleObject* kw)                     \
    {                                                                                              \
        check_nargs(pyname, nargs, kw, 1, 1);                                                      \
        Value other = args[0];                                                                     \
        if (is_bool(other) && is_bool(self))                                                       \
            return py_bool(static_cast<int>(self == Value(g_true)) op static_cast<int>(other == Value(g_true))); \
        if (!is_int(other))                                                                        \
            return not_impl();                                                                     \
        return reflected ? intfn(other, self) : intfn(self, other);                                \
    }

BOOL_BINARY(bool_and_m, "__and__", &, int_and, false)
BOOL_BINARY(bool_rand_m, "__rand__", &, int_and, true)
BOOL_BINARY(bool_or_m, "__or__", |, int_or, false)
BOOL_BINARY(bool_ror_m, "__ror__", |, int_or, true)
BOOL_BINARY(bool_xor_m, "__xor__", ^, int_xor, false)
BOOL_BINARY(bool_rxor_m, "__rxor__", ^, int_xor, true)
#undef BOOL_BINARY

MethodDef const s_bool_methods[] = {
    { "__new__", bool_new_m, METH_STATIC },
    { "__repr__", bool_repr_m },
    { "__and__", bool_and_m },
    { "__rand__", bool_rand_m },
    { "__or__", bool_or_m },
    { "__ror__", bool_ror_m },
    { "__xor__", bool_xor_m },
    { "__rxor__", bool_rxor_m },
    { nullptr, nullptr },
};

} // namespace

void init_int_methods()
{
    add_methods(&int_type, s_int_methods);
    add_getset(&int_type, "real", int_get_self, nullptr, "the real part of a complex number");
    add_getset(&int_type, "imag", int_get_zero, nullptr, "the imaginary part of a complex number");
    add_getset(&int_type, "numerator", int_get_self, nullptr, "the numerator of a rational number in lowest terms");
    add_getset(&int_type, "denominator", int_get_one, nullptr, "the denominator of a rational number in lowest terms");
    add_methods(&bool_type, s_bool_methods);
}

} // namespace pystm
