// int's arithmetic: true division (correctly rounded), power (with modulus), shifts, and the
// arithmetic/comparison dunders of int's __dict__. Every binary dunder returns NotImplemented
// for a non-int operand, as CPython's; mixed int/float arithmetic is float's job (its reflected
// methods).
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_impl.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <cfloat>
#include <cmath>

namespace pystm {

// --- true division ---------------------------------------------------------------------------

double int_truediv(Value a, Value b)
{
    constexpr int64_t EXACT = int64_t(1) << 53;
    if (a.is_small_int() && b.is_small_int()) {
        int64_t x = a.as_small_int(), y = b.as_small_int();
        if (y == 0)
            raise(&exc::ZeroDivisionError, "division by zero");
        // Both exactly representable: one correctly rounded IEEE division.
        if (x >= -EXACT && x <= EXACT && y >= -EXACT && y <= EXACT)
            return static_cast<double>(x) / static_cast<double>(y);
    }
    IntView av(a), bv(b);
    if (mpz_sgn(bv) == 0)
        raise(&exc::ZeroDivisionError, "division by zero");
    bool negative = (mpz_sgn(av) < 0) != (mpz_sgn(bv) < 0);
    if (mpz_sgn(av) == 0)
        return negative ? -0.0 : 0.0;
    Mpz x, y;
    mpz_abs(x, av);
    mpz_abs(y, bv);
    // Scale so the quotient has DBL_MANT_DIG + 2 bits (fewer for subnormal results), keep a
    // sticky bit for a non-zero remainder, round half-even by hand, then scale back exactly.
    int64_t diff = static_cast<int64_t>(mpz_sizeinbase(x, 2)) - static_cast<int64_t>(mpz_sizeinbase(y, 2));
    if (diff > DBL_MAX_EXP)
        raise(&exc::OverflowError, "integer division result too large for a float");
    if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1)
        return negative ? -0.0 : 0.0;
    int64_t shift = std::max<int64_t>(diff, DBL_MIN_EXP) - DBL_MANT_DIG - 2;
    if (shift >= 0)
        mpz_mul_2exp(y, y, static_cast<mp_bitcnt_t>(shift));
    else
        mpz_mul_2exp(x, x, static_cast<mp_bitcnt_t>(-shift));
    Mpz q, r;
    mpz_tdiv_qr(q, r, x, y);
    uint64_t qv = mpz_get_ui(q); // fewer than 58 bits
    if (mpz_sgn(r) != 0)
        qv |= 1;
    int qbits = 64 - __builtin_clzll(qv);
    int64_t extra = std::max<int64_t>(qbits, DBL_MIN_EXP - shift) - DBL_MANT_DIG;
    uint64_t half = uint64_t(1) << (extra - 1);
    if ((qv & half) && (qv & (3 * half - 1)))
        qv += half;
    qv &= ~(2 * half - 1);
    double result = std::ldexp(static_cast<double>(qv), static_cast<int>(shift));
    if (std::isinf(result))
        raise(&exc::OverflowError, "integer division result too large for a float");
    return negative ? -result : result;
}

// --- power -----------------------------------------------------------------------------------

Value int_pow(Value a, Value b, Value mod)
{
    if (mod && !is_none(mod)) {
        if (int_sign(mod) == 0)
            raise(&exc::ValueError, "pow() 3rd argument cannot be 0");
        IntView m(mod);
        Mpz absm, base, r;
        mpz_abs(absm, m);
        int_to_mpz(a, base);
        mpz_mod(base, base, absm);
        if (mpz_cmp_ui(absm, 1) == 0)
            return Value::small_int(0);
        if (int_sign(b) < 0) {
            if (!mpz_invert(base, base, absm))
                raise(&exc::ValueError, "base is not invertible for the given modulus");
            Mpz e;
            int_to_mpz(b, e);
            mpz_neg(e, e);
            mpz_powm(r, base, e, absm);
        } else {
            IntView e(b);
            mpz_powm(r, base, e, absm);
        }
        // Python's result has the sign of the modulus.
        if (mpz_sgn(m) < 0 && mpz_sgn(r) != 0)
            mpz_add(r, r, m);
        return int_from_mpz(r);
    }
    if (int_sign(b) < 0)
        return float_pow(int_to_double(a), int_to_double(b));
    if (a.is_small_int() && b.is_small_int()) {
        int64_t base = a.as_small_int(), e = b.as_small_int(), result = 1;
        bool overflow = false;
        while (e > 0) {
            if (e & 1)
                overflow |= __builtin_mul_overflow(result, base, &result);
            e >>= 1;
            if (e && __builtin_mul_overflow(base, base, &base))
                overflow = true;
            if (overflow)
                break;
        }
        if (!overflow)
            return int_from_i64(result);
    }
    IntView base(a);
    int64_t e;
    if (!int_to_i64(b, &e)) {
        // Only 0, 1 and -1 can be raised to an astronomically large power.
        if (mpz_cmpabs_ui(base, 1) > 0)
            raise_memory_error();
        if (mpz_sgn(base) >= 0)
            return int_exact(a);
        return Value::small_int(mpz_odd_p(IntView(b).get()) ? -1 : 1);
    }
    if (mpz_cmpabs_ui(base, 1) > 0) {
        // Refuse results above 2**40 bits, as a MemoryError rather than exhausting the machine.
        double bits = static_cast<double>(mpz_sizeinbase(base, 2) - 1) * static_cast<double>(e);
        if (bits > 1099511627776.0)
            raise_memory_error();
    }
    Mpz r;
    mpz_pow_ui(r, base, static_cast<unsigned long>(e));
    return int_from_mpz(r);
}

// --- shifts ----------------------------------------------------------------------------------

Value int_lshift(Value a, Value b)
{
    if (int_sign(b) < 0)
        raise(&exc::ValueError, "negative shift count");
    if (int_sign(a) == 0)
        return Value::small_int(0);
    int64_t n;
    if (!int_to_i64(b, &n))
        raise(&exc::OverflowError, "too many digits in integer");
    if (a.is_small_int() && n < 62) {
        int64_t x = a.as_small_int();
        int64_t r = static_cast<int64_t>(static_cast<uint64_t>(x) << n);
        if ((r >> n) == x)
            return int_from_i64(r);
    }
    if (static_cast<uint64_t>(n) > (uint64_t(1) << 40))
        raise_memory_error();
    IntView x(a);
    Mpz r;
    mpz_mul_2exp(r, x, static_cast<mp_bitcnt_t>(n));
    return int_from_mpz(r);
}

Value int_rshift(Value a, Value b)
{
    if (int_sign(b) < 0)
        raise(&exc::ValueError, "negative shift count");
    int64_t n;
    if (!int_to_i64(b, &n))
        return Value::small_int(int_sign(a) < 0 ? -1 : 0);
    if (a.is_small_int())
        return Value::small_int(a.as_small_int() >> (n > 63 ? 63 : n));
    IntView x(a);
    Mpz r;
    mpz_fdiv_q_2exp(r, x, static_cast<mp_bitcnt_t>(n)); // floor: arithmetic shift
    return int_from_mpz(r);
}

// --- dunders ---------------------------------------------------------------------------------

namespace {

Value not_impl() { return Value(g_not_implemented); }

#define INT_BINARY(cname, pyname, expr)                                                            \
    Value cname(Value self, Value const* args, size_t nargs, TupleObject* kw)                     \
    {                                                                                              \
        check_nargs(pyname, nargs, kw, 1, 1);                                                      \
        Value other = args[0];                                                                     \
        if (!is_int(other))                                                                        \
            return not_impl();                                                                     \
        return expr;                                                                               \
    }

INT_BINARY(int_add_m, "__add__", int_add(self, other))
INT_BINARY(int_radd_m, "__radd__", int_add(other, self))
INT_BINARY(int_sub_m, "__sub__", int_sub(self, other))
INT_BINARY(int_rsub_m, "__rsub__", int_sub(other, self))
INT_BINARY(int_mul_m, "__mul__", int_mul(self, other))
INT_BINARY(int_rmul_m, "__rmul__", int_mul(other, self))
INT_BINARY(int_floordiv_m, "__floordiv__", int_floordiv(self, other))
INT_BINARY(int_rfloordiv_m, "__rfloordiv__", int_floordiv(other, self))
INT_BINARY(int_mod_m, "__mod__", int_mod(self, other))
INT_BINARY(int_rmod_m, "__rmod__", int_mod(other, self))
INT_BINARY(int_divmod_m, "__divmod__", int_divmod(self, other))
INT_BINARY(int_rdivmod_m, "__rdivmod__", int_divmod(other, self))
INT_BINARY(int_truediv_m, "__truediv__", float_new(int_truediv(self, other)))
INT_BINARY(int_rtruediv_m, "__rtruediv__", float_new(int_truediv(other, self)))
INT_BINARY(int_lshift_m, "__lshift__", int_lshift(self, other))
INT_BINARY(int_rlshift_m, "__rlshift__", int_lshift(other, self))
INT_BINARY(int_rshift_m, "__rshift__", int_rshift(self, other))
INT_BINARY(int_rrshift_m, "__rrshift__", int_rshift(other, self))
INT_BINARY(int_and_m, "__and__", int_and(self, other))
INT_BINARY(int_rand_m, "__rand__", int_and(other, self))
INT_BINARY(int_or_m, "__or__", int_or(self, other))
INT_BINARY(int_ror_m, "__ror__", int_or(other, self))
INT_BINARY(int_xor_m, "__xor__", int_xor(self, other))
INT_BINARY(int_rxor_m, "__rxor__", int_xor(other, self))
INT_BINARY(int_eq_m, "__eq__", py_bool(int_compare(self, other) == 0))
INT_BINARY(int_ne_m, "__ne__", py_bool(int_compare(self, other) != 0))
INT_BINARY(int_lt_m, "__lt__", py_bool(int_compare(self, other) < 0))
INT_BINARY(int_le_m, "__le__", py_bool(int_compare(self, other) <= 0))
INT_BINARY(int_gt_m, "__gt__", py_bool(int_compare(self, other) > 0))
INT_BINARY(int_ge_m, "__ge__", py_bool(int_compare(self, other) >= 0))
#undef INT_BINARY

Value int_pow_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__pow__", nargs, kw, 1, 2);
    Value mod = nargs > 1 ? args[1] : Value();
    if (!is_int(args[0]) || (mod && !is_none(mod) && !is_int(mod)))
        return not_impl();
    return int_pow(self, args[0], mod);
}

Value int_rpow_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__rpow__", nargs, kw, 1, 2);
    Value mod = nargs > 1 ? args[1] : Value();
    if (!is_int(args[0]) || (mod && !is_none(mod) && !is_int(mod)))
        return not_impl();
    return int_pow(args[0], self, mod);
}

#define INT_UNARY(cname, pyname, expr)                                                             \
    Value cname(Value self, Value const*, size_t nargs, TupleObject* kw)                           \
    {                                                                                              \
        check_nargs(pyname, nargs, kw, 0, 0);                                                      \
        return expr;                                                                               \
    }

INT_UNARY(int_neg_m, "__neg__", int_neg(self))
INT_UNARY(int_pos_m, "__pos__", int_exact(self))
INT_UNARY(int_abs_m, "__abs__", int_abs(self))
INT_UNARY(int_invert_m, "__invert__", int_invert(self))
INT_UNARY(int_bool_m, "__bool__", py_bool(int_sign(self) != 0))
INT_UNARY(int_int_m, "__int__", int_exact(self))
INT_UNARY(int_index_m, "__index__", int_exact(self))
INT_UNARY(int_trunc_m, "__trunc__", int_exact(self))
INT_UNARY(int_floor_m, "__floor__", int_exact(self))
INT_UNARY(int_ceil_m, "__ceil__", int_exact(self))
INT_UNARY(int_float_m, "__float__", float_new(int_to_double(self)))
INT_UNARY(int_hash_m, "__hash__", int_from_i64(int_hash(self)))
INT_UNARY(int_repr_m, "__repr__", Value(str_from_ascii(int_to_decimal(self))))
#undef INT_UNARY

MethodDef const s_int_arith_methods[] = {
    { "__add__", int_add_m }, { "__radd__", int_radd_m }, { "__sub__", int_sub_m },
    { "__rsub__", int_rsub_m }, { "__mul__", int_mul_m }, { "__rmul__", int_rmul_m },
    { "__floordiv__", int_floordiv_m }, { "__rfloordiv__", int_rfloordiv_m },
    { "__mod__", int_mod_m }, { "__rmod__", int_rmod_m }, { "__divmod__", int_divmod_m },
    { "__rdivmod__", int_rdivmod_m }, { "__truediv__", int_truediv_m },
    { "__rtruediv__", int_rtruediv_m }, { "__lshift__", int_lshift_m },
    { "__rlshift__", int_rlshift_m }, { "__rshift__", int_rshift_m },
    { "__rrshift__", int_rrshift_m }, { "__and__", int_and_m }, { "__rand__", int_rand_m },
    { "__or__", int_or_m }, { "__ror__", int_ror_m }, { "__xor__", int_xor_m },
    { "__rxor__", int_rxor_m }, { "__eq__", int_eq_m }, { "__ne__", int_ne_m },
    { "__lt__", int_lt_m }, { "__le__", int_le_m }, { "__gt__", int_gt_m }, { "__ge__", int_ge_m },
    { "__pow__", int_pow_m }, { "__rpow__", int_rpow_m }, { "__neg__", int_neg_m },
    { "__pos__", int_pos_m }, { "__abs__", int_abs_m }, { "__invert__", int_invert_m },
    { "__bool__", int_bool_m }, { "__int__", int_int_m }, { "__index__", int_index_m },
    { "__trunc__", int_trunc_m }, { "__floor__", int_floor_m }, { "__ceil__", int_ceil_m },
    { "__float__", int_float_m }, { "__hash__", int_hash_m }, { "__repr__", int_repr_m },
    { nullptr, nullptr },
};

} // namespace

void init_int_arith() { add_methods(&int_type, s_int_arith_methods); }

} // namespace pystm
