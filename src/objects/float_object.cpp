// float: the type, construction and parsing, hashing, arithmetic with CPython's special cases,
// exact comparison with ints, rounding, and the hex/fromhex/as_integer_ratio conversions.
// Immutable (OBJ-1). Text output lives in float_format.cpp.
#include "objects/buffer_arg.h"
#include "objects/bytes_object.h"
#include "objects/exceptions.h"
#include "objects/richcompare.h"
#include "objects/float_impl.h"
#include "objects/int_impl.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/type_internal.h"
#include "gc/heap.h"
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstring>

namespace pystm {

Type float_type(&type_type);

void setup_float_types()
{
    init_static_type(&float_type, "float", nullptr, sizeof(FloatObject), TF_BASETYPE | TF_IMMUTABLE);
    setup_complex_type();
}

Value float_new(double d) { return Value(gc::make<FloatObject>(&float_type, d)); }

void raise_float_range_error()
{
    raise_value(exception_new(&exc::OverflowError,
        { Value::small_int(34), Value(str_from_ascii("Numerical result out of range")) }));
}

bool float_operand(Value v, double* out)
{
    if (is_float(v)) {
        *out = float_value(v);
        return true;
    }
    if (is_int(v)) {
        *out = int_to_double(v);
        return true;
    }
    return false;
}

// --- parsing ---------------------------------------------------------------------------------

namespace {
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool iequal(std::string_view a, char const* b)
{
    if (a.size() != std::strlen(b))
        return false;
    for (size_t i = 0; i < a.size(); i++)
        if ((a[i] | 0x20) != b[i])
            return false;
    return true;
}
} // namespace

bool float_parse(std::string_view text, double* out)
{
    size_t b = 0, e = text.size();
    while (b < e && is_space(text[b]))
        b++;
    while (e > b && is_space(text[e - 1]))
        e--;
    std::string_view s = text.substr(b, e - b);
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    if (iequal(s, "inf") || iequal(s, "infinity")) {
        *out = negative ? -HUGE_VAL : HUGE_VAL;
        return true;
    }
    if (iequal(s, "nan")) {
        *out = negative ? -NAN : NAN;
        return true;
    }
    // Validate: digits [. digits] [e [sign] digits], underscores only between two digits.
    std::string clean;
    clean.reserve(s.size() + 1);
    size_t i = 0, n = s.size();
    auto digits = [&](bool& any) {
        while (i < n) {
            if (is_digit(s[i])) {
                clean.push_back(s[i++]);
                any = true;
            } else if (s[i] == '_' && any && i + 1 < n && is_digit(s[i + 1]) && is_digit(s[i - 1])) {
                i++;
            } else {
                break;
            }
        }
    };
    bool int_digits = false, frac_digits = false;
    digits(int_digits);
    if (i < n && s[i] == '.') {
        clean.push_back('.');
        i++;
        digits(frac_digits);
    }
    if (!int_digits && !frac_digits)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        clean.push_back('e');
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            clean.push_back(s[i++]);
        bool exp_digits = false;
        digits(exp_digits);
        if (!exp_digits)
            return false;
    }
    if (i != n)
        return false;
    double v = 0;
    auto r = std::from_chars(clean.data(), clean.data() + clean.size(), v);
    if (r.ec == std::errc::result_out_of_range)
        v = std::strtod(clean.c_str(), nullptr); // HUGE_VAL or a (signed) zero, as CPython
    *out = negative ? -v : v;
    return true;
}

// --- hashing ---------------------------------------------------------------------------------

int64_t float_hash(double d)
{
    constexpr uint64_t P = (uint64_t(1) << 61) - 1;
    if (std::isinf(d))
        return d > 0 ? 314159 : -314159;
    if (std::isnan(d))
        return 0;
    // d = m * 2**e with integer m; hash = m * 2**e mod P, using 2**61 == 1 (mod P).
    int e;
    double f = std::frexp(std::fabs(d), &e);
    uint64_t m = static_cast<uint64_t>(std::ldexp(f, 53));
    e -= 53;
    int k = ((e % 61) + 61) % 61;
    unsigned __int128 x = static_cast<unsigned __int128>(m % P) << k;
    uint64_t h = static_cast<uint64_t>(x % P);
    int64_t r = static_cast<int64_t>(h);
    if (d < 0)
        r = -r;
    return r == -1 ? -2 : r;
}

// --- arithmetic ------------------------------------------------------------------------------

double float_mod(double a, double b)
{
    if (b == 0.0)
        raise(&exc::ZeroDivisionError, "float modulo");
    double mod = std::fmod(a, b);
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0))
            mod += b;
    } else {
        mod = std::copysign(0.0, b);
    }
    return mod;
}

namespace {
// Python's divmod for floats: floor division consistent with float_mod.
void float_divmod_parts(double a, double b, double* q, double* r)
{
    double mod = std::fmod(a, b);
    double div = (a - mod) / b;
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, b);
    }
    double floordiv;
    if (div != 0.0) {
        floordiv = std::floor(div);
        if (div - floordiv > 0.5)
            floordiv += 1.0;
    } else {
        floordiv = std::copysign(0.0, a / b);
    }
    *q = floordiv;
    *r = mod;
}
} // namespace

double float_floordiv(double a, double b)
{
    if (b == 0.0)
        raise(&exc::ZeroDivisionError, "float floor division by zero");
    double q, r;
    float_divmod_parts(a, b, &q, &r);
    return q;
}

Value float_pow(double iv, double iw)
{
    if (iw == 0.0)
        return float_new(1.0);
    if (std::isnan(iv))
        return float_new(iv);
    if (std::isnan(iw))
        return float_new(iv == 1.0 ? 1.0 : iw);
    if (std::isinf(iw)) {
        double a = std::fabs(iv);
        if (a == 1.0)
            return float_new(1.0);
        if ((iw > 0.0) == (a > 1.0))
            return float_new(std::fabs(iw));
        return float_new(0.0);
    }
    bool iw_is_odd = std::fmod(std::fabs(iw), 2.0) == 1.0;
    if (std::isinf(iv)) {
        if (iw > 0.0)
            return float_new(iw_is_odd ? iv : std::fabs(iv));
        return float_new(iw_is_odd ? std::copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        if (iw < 0.0)
            raise(&exc::ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return float_new(iw_is_odd ? iv : 0.0);
    }
    bool negate = false;
    if (iv < 0.0) {
        if (iw != std::floor(iw)) {
            // A negative number to a fractional power has a complex result.
            double rr, ri;
            complex_pow(iv, 0.0, iw, 0.0, &rr, &ri);
            return complex_new(rr, ri);
        }
        iv = -iv;
        negate = iw_is_odd;
    }
    if (iv == 1.0)
        return float_new(negate ? -1.0 : 1.0);
    double ix = std::pow(iv, iw);
    if (std::isinf(ix))
        raise_float_range_error();
    return float_new(negate ? -ix : ix);
}

namespace {

Value not_impl() { return Value(g_not_implemented); }

#define FLOAT_BINARY(cname, pyname, a, b, expr)                                                    \
    Value cname(Value self, Value const* args, size_t nargs, TupleObject* kw)                     \
    {                                                                                              \
        check_nargs(pyname, nargs, kw, 1, 1);                                                      \
        double x = float_value(self), y;                                                           \
        if (!float_operand(args[0], &y))                                                           \
            return not_impl();                                                                     \
        double a = x, b = y;                                                                       \
        return expr;                                                                               \
    }

FLOAT_BINARY(float_add_m, "__add__", a, b, float_new(a + b))
FLOAT_BINARY(float_radd_m, "__radd__", b, a, float_new(a + b))
FLOAT_BINARY(float_sub_m, "__sub__", a, b, float_new(a - b))
FLOAT_BINARY(float_rsub_m, "__rsub__", b, a, float_new(a - b))
FLOAT_BINARY(float_mul_m, "__mul__", a, b, float_new(a * b))
FLOAT_BINARY(float_rmul_m, "__rmul__", b, a, float_new(a * b))
FLOAT_BINARY(float_truediv_m, "__truediv__", a, b,
    b == 0.0 ? (raise(&exc::ZeroDivisionError, "float division by zero"), Value()) : float_new(a / b))
FLOAT_BINARY(float_rtruediv_m, "__rtruediv__", b, a,
    b == 0.0 ? (raise(&exc::ZeroDivisionError, "float division by zero"), Value()) : float_new(a / b))
FLOAT_BINARY(float_floordiv_m, "__floordiv__", a, b, float_new(float_floordiv(a, b)))
FLOAT_BINARY(float_rfloordiv_m, "__rfloordiv__", b, a, float_new(float_floordiv(a, b)))
FLOAT_BINARY(float_mod_m, "__mod__", a, b, float_new(float_mod(a, b)))
FLOAT_BINARY(float_rmod_m, "__rmod__", b, a, float_new(float_mod(a, b)))
#undef FLOAT_BINARY

Value float_divmod_value(double a, double b)
{
    if (b == 0.0)
        raise(&exc::ZeroDivisionError, "float divmod()");
    double q, r;
    float_divmod_parts(a, b, &q, &r);
    Value qv = float_new(q);
    Value rv = float_new(r);
    return Value(tuple_of({ qv, rv }));
}

Value float_divmod_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__divmod__", nargs, kw, 1, 1);
    double y;
    if (!float_operand(args[0], &y))
        return not_impl();
    return float_divmod_value(float_value(self), y);
}

Value float_rdivmod_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__rdivmod__", nargs, kw, 1, 1);
    double y;
    if (!float_operand(args[0], &y))
        return not_impl();
    return float_divmod_value(y, float_value(self));
}

Value float_pow_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__pow__", nargs, kw, 1, 2);
    if (nargs > 1 && !is_none(args[1]))
        raise(&exc::TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    double y;
    if (!float_operand(args[0], &y))
        return not_impl();
    return float_pow(float_value(self), y);
}

Value float_rpow_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__rpow__", nargs, kw, 1, 2);
    if (nargs > 1 && !is_none(args[1]))
        raise(&exc::TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    double y;
    if (!float_operand(args[0], &y))
        return not_impl();
    return float_pow(y, float_value(self));
}

// Comparison of a float with a float or an int, exactly (never converting a big int to float).
Value float_richcompare(Value self, Value other, CompareOp op)
{
    double a = float_value(self);
    int c;
    if (is_float(other)) {
        double b = float_value(other);
        switch (op) {
        case CMP_LT: return py_bool(a < b);
        case CMP_LE: return py_bool(a <= b);
        case CMP_EQ: return py_bool(a == b);
        case CMP_NE: return py_bool(a != b);
        case CMP_GT: return py_bool(a > b);
        default: return py_bool(a >= b);
        }
    }
    if (!is_int(other))
        return not_impl();
    if (std::isnan(a))
        return py_bool(op == CMP_NE);
    c = -int_compare_double(other, a); // a <=> other
    return compare_order(c, op);
}

#define FLOAT_UNARY(cname, pyname, expr)                                                           \
    Value cname(Value self, Value const*, size_t nargs, TupleObject* kw)                           \
    {                                                                                              \
        check_nargs(pyname, nargs, kw, 0, 0);                                                      \
        [[maybe_unused]] double x = float_value(self);                                             \
        return expr;                                                                               \
    }

Value float_exact(Value self) { return is_exact_float(self) ? self : float_new(float_value(self)); }

int64_t float_hash_value(Value self)
{
    double x = float_value(self);
    if (std::isnan(x)) {
        // CPython 3.10+: NaNs hash by identity (the object's address, rotated by 4 bits).
        uint64_t p = reinterpret_cast<uint64_t>(self.as_object());
        int64_t h = static_cast<int64_t>((p >> 4) | (p << 60));
        return h == -1 ? -2 : h;
    }
    return float_hash(x);
}

FLOAT_UNARY(float_neg_m, "__neg__", float_new(-x))
FLOAT_UNARY(float_pos_m, "__pos__", float_exact(self))
FLOAT_UNARY(float_abs_m, "__abs__", float_new(std::fabs(x)))
FLOAT_UNARY(float_bool_m, "__bool__", py_bool(x != 0.0))
FLOAT_UNARY(float_float_m, "__float__", float_exact(self))
FLOAT_UNARY(float_int_m, "__int__", int_from_double(x))
FLOAT_UNARY(float_trunc_m, "__trunc__", int_from_double(x))
FLOAT_UNARY(float_floor_m, "__floor__", int_from_double(std::floor(x)))
FLOAT_UNARY(float_ceil_m, "__ceil__", int_from_double(std::ceil(x)))
FLOAT_UNARY(float_hash_m, "__hash__", int_from_i64(float_hash_value(self)))
FLOAT_UNARY(float_repr_m, "__repr__", Value(str_from_ascii(float_repr(x))))
FLOAT_UNARY(float_is_integer_m, "is_integer", py_bool(std::isfinite(x) && x == std::floor(x)))
FLOAT_UNARY(float_conjugate_m, "conjugate", float_exact(self))
FLOAT_UNARY(float_getnewargs_m, "__getnewargs__", Value(tuple_of({ float_new(x) })))
#undef FLOAT_UNARY

Value float_as_integer_ratio_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("as_integer_ratio", nargs, kw, 0, 0);
    double x = float_value(self);
    if (std::isinf(x))
        raise(&exc::OverflowError, "cannot convert Infinity to integer ratio");
    if (std::isnan(x))
        raise(&exc::ValueError, "cannot convert NaN to integer ratio");
    int e;
    double f = std::frexp(x, &e);
    // Scale the mantissa to an integer, then cancel common powers of two.
    int64_t m = static_cast<int64_t>(std::ldexp(f, 53));
    e -= 53;
    if (m == 0)
        return Value(tuple_of({ Value::small_int(0), Value::small_int(1) }));
    int tz = __builtin_ctzll(static_cast<uint64_t>(m < 0 ? -m : m));
    m >>= tz; // arithmetic shift keeps the sign; the low bits are zero
    e += tz;
    Mpz num, den;
    mpz_set_si(num, m);
    mpz_set_ui(den, 1);
    if (e > 0)
        mpz_mul_2exp(num, num, static_cast<mp_bitcnt_t>(e));
    else
        mpz_mul_2exp(den, den, static_cast<mp_bitcnt_t>(-e));
    Value n = int_from_mpz(num);
    Value d = int_from_mpz(den);
    return Value(tuple_of({ n, d }));
}

// round(x, n): the exact binary value rounded half-even to n decimal places, then converted
// back correctly rounded (the result of CPython's dtoa-based double_round).
Value float_round_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__round__", nargs, kw, 0, 1);
    double x = float_value(self);
    if (nargs == 0 || is_none(args[0])) {
        double r = std::nearbyint(x); // round half to even in the default rounding mode
        return int_from_double(r);
    }
    Value nd = py_number_index(args[0]);
    int64_t n;
    if (!int_to_i64(nd, &n))
        n = int_sign(nd) > 0 ? INT64_MAX : INT64_MIN;
    if (!std::isfinite(x) || x == 0.0)
        return float_new(x);
    constexpr int64_t NDIGITS_MAX = 323, NDIGITS_MIN = -308;
    if (n > NDIGITS_MAX)
        return float_new(x);
    if (n < NDIGITS_MIN)
        return float_new(0.0 * x);
    int e;
    double f = std::frexp(std::fabs(x), &e);
    Mpz num, den, q, r, twice, p10;
    mpz_set_d(num, std::ldexp(f, 53));
    e -= 53;
    mpz_set_ui(den, 1);
    if (e > 0)
        mpz_mul_2exp(num, num, static_cast<mp_bitcnt_t>(e));
    else
        mpz_mul_2exp(den, den, static_cast<mp_bitcnt_t>(-e));
    mpz_ui_pow_ui(p10, 10, static_cast<unsigned long>(n >= 0 ? n : -n));
    if (n >= 0)
        mpz_mul(num, num, p10);
    else
        mpz_mul(den, den, p10);
    mpz_fdiv_qr(q, r, num, den);
    mpz_mul_2exp(twice, r, 1);
    int c = mpz_cmp(twice, den);
    if (c > 0 || (c == 0 && mpz_odd_p(q.z)))
        mpz_add_ui(q, q, 1);
    double result;
    if (n >= 0) {
        result = int_truediv(int_from_mpz(q), int_from_mpz(p10));
    } else {
        mpz_mul(q, q, p10);
        if (mpz_sizeinbase(q, 2) > 1024)
            raise(&exc::OverflowError, "rounded value too large to represent");
        try {
            result = int_to_double(int_from_mpz(q));
        } catch (PyError&) {
            take_exception();
            raise(&exc::OverflowError, "rounded value too large to represent");
        }
    }
    return float_new(std::copysign(result, x));
}

Value float_format_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__format__", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "__format__() argument must be str, not %s", type_name(args[0]).c_str());
    StrObject* spec = args[0].as<StrObject>();
    if (spec->m_length == 0)
        return Value(py_str(self)); // str(self), so subclasses' __str__/__repr__ are honoured
    return Value(float_format(float_value(self), spec, type_of(self)->name_str().c_str()));
}

Value float_hex_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("hex", nargs, kw, 0, 0);
    double x = float_value(self);
    if (std::isnan(x))
        return Value(str_from_ascii("nan"));
    if (std::isinf(x))
        return Value(str_from_ascii(x > 0 ? "inf" : "-inf"));
    std::string out = std::signbit(x) ? "-" : "";
    x = std::fabs(x);
    if (x == 0.0)
        return Value(str_from_ascii(out + "0x0.0p+0"));
    uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    int64_t biased = static_cast<int64_t>(bits >> 52);
    uint64_t frac = bits & ((uint64_t(1) << 52) - 1);
    int64_t exp = biased == 0 ? -1022 : biased - 1023;
    char buf[64];
    std::snprintf(buf, sizeof buf, "0x%d.%013llxp%+lld", biased == 0 ? 0 : 1,
        static_cast<unsigned long long>(frac), static_cast<long long>(exp));
    return Value(str_from_ascii(out + buf));
}

int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = static_cast<char>(c | 0x20);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

[[noreturn]] void invalid()
{
    raise(&exc::ValueError, "invalid hexadecimal floating-point string");
}

double float_fromhex_text(std::string_view s)
{
    size_t i = 0, n = s.size();
    while (i < n && is_space(s[i]))
        i++;
    while (n > i && is_space(s[n - 1]))
        n--;
    s = s.substr(0, n);
    bool negative = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    std::string_view rest = s.substr(i);
    if (iequal(rest, "inf") || iequal(rest, "infinity"))
        return negative ? -HUGE_VAL : HUGE_VAL;
    if (iequal(rest, "nan"))
        return negative ? -NAN : NAN;
    if (i + 1 < n && s[i] == '0' && (s[i + 1] | 0x20) == 'x')
        i += 2;
    Mpz m;
    int64_t exp = 0;
    bool any = false;
    while (i < n && hex_digit(s[i]) >= 0) {
        mpz_mul_2exp(m, m, 4);
        mpz_add_ui(m, m, static_cast<unsigned long>(hex_digit(s[i++])));
        any = true;
    }
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && hex_digit(s[i]) >= 0) {
            mpz_mul_2exp(m, m, 4);
            mpz_add_ui(m, m, static_cast<unsigned long>(hex_digit(s[i++])));
            exp -= 4;
            any = true;
        }
    }
    if (!any)
        invalid();
    if (i < n && (s[i] | 0x20) == 'p') {
        i++;
        bool eneg = false;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        if (i >= n || !is_digit(s[i]))
            invalid();
        int64_t ev = 0;
        while (i < n && is_digit(s[i])) {
            if (ev < (int64_t(1) << 40))
                ev = ev * 10 + (s[i] - '0');
            i++;
        }
        exp += eneg ? -ev : ev;
    }
    if (i != n)
        invalid();
    if (mpz_sgn(m) == 0)
        return negative ? -0.0 : 0.0;
    int64_t len = static_cast<int64_t>(mpz_sizeinbase(m, 2));
    int64_t top = len - 1 + exp;
    if (top > 1023)
        raise(&exc::OverflowError, "hexadecimal value too large to represent as a float");
    int64_t keep = std::min<int64_t>(53, top + 1074 + 1);
    double result;
    if (keep < 0) {
        result = 0.0;
    } else {
        int64_t shift = len - keep;
        if (shift <= 0) {
            result = std::ldexp(mpz_get_d(m), static_cast<int>(exp));
        } else {
            Mpz q;
            mpz_tdiv_q_2exp(q, m, static_cast<mp_bitcnt_t>(shift));
            bool half = mpz_tstbit(m, static_cast<mp_bitcnt_t>(shift - 1));
            bool below = mpz_scan1(m, 0) < static_cast<mp_bitcnt_t>(shift - 1);
            if (half && (below || mpz_odd_p(q.z)))
                mpz_add_ui(q, q, 1);
            result = std::ldexp(mpz_get_d(q), static_cast<int>(exp + shift));
        }
    }
    if (std::isinf(result))
        raise(&exc::OverflowError, "hexadecimal value too large to represent as a float");
    return negative ? -result : result;
}

Value float_fromhex_m(Value cls, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("fromhex", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "fromhex() argument must be str, not %s", type_name(args[0]).c_str());
    double d = float_fromhex_text(str_utf8(args[0].as<StrObject>()));
    if (cls == Value(&float_type))
        return float_new(d);
    return py_call1(cls, float_new(d));
}

Value float_getformat_m(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getformat__", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "__getformat__() argument must be str, not %s", type_name(args[0]).c_str());
    std::string t = str_utf8(args[0].as<StrObject>());
    if (t != "double" && t != "float")
        raise(&exc::ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
    return Value(str_from_ascii("IEEE, little-endian"));
}

// The text of float(x) for a str, bytes, bytearray or other bytes-like [x] (CPython's
// PyFloat_FromString); false for other types.
bool float_text_of(Value x, std::string* text)
{
    if (is_str(x)) {
        StrObject* s = x.as<StrObject>();
        *text = s->m_ascii ? std::string(s->ascii_view()) : int_transform_unicode(s);
        return true;
    }
    if (x.is_object() && x.as_object()->m_type->is_subtype(&bytearray_type)) {
        *text = bytearray_copy(x.as<ByteArrayObject>());
        return true;
    }
    std::string tmp;
    std::string_view view;
    if (!buffer_like(x, tmp, &view))
        return false;
    *text = std::string(view);
    return true;
}

// The double value of float(x) for the constructor: CPython's PyNumber_Float. __float__ first
// (float subclasses and str subclasses included, so an override is used), then __index__,
// then the text of a string or bytes-like object.
double float_from_object(Value x)
{
    if (is_exact_float(x))
        return float_value(x);
    std::string text;
    bool exact_str = x.is_object() && x.as_object()->m_type == &str_type;
    if (!exact_str) {
        Value f = type_of(x)->special(SP_float);
        if (f && !is_none(f)) {
            Value r = call_unbound(f, x, nullptr, 0, nullptr);
            if (is_exact_float(r))
                return float_value(r);
            if (!is_float(r))
                raise(&exc::TypeError, "%s.__float__ returned non-float (type %s)", type_name(x).c_str(),
                    type_name(r).c_str());
            warn_format(&exc::DeprecationWarning, 1,
                "%s.__float__ returned non-float (type %s).  The ability to return an instance of a "
                "strict subclass of float is deprecated, and may be removed in a future version of "
                "Python.",
                type_name(x).c_str(), type_name(r).c_str());
            return float_value(r);
        }
        Value r = call_special_opt(x, SP_index, nullptr, 0);
        if (r) {
            if (!is_int(r))
                raise(&exc::TypeError, "__index__ returned non-int (type %s)", type_name(r).c_str());
            if (!is_exact_int(r))
                warn_format(&exc::DeprecationWarning, 1,
                    "__index__ returned non-int (type %s).  The ability to return an instance of a "
                    "strict subclass of int is deprecated, and may be removed in a future version of "
                    "Python.",
                    type_name(r).c_str());
            return int_to_double(r);
        }
        if (is_float(x))
            return float_value(x);
    }
    if (float_text_of(x, &text)) {
        double d;
        if (!float_parse(text, &d))
            raise(&exc::ValueError, "could not convert string to float: %s", repr_utf8(x).c_str());
        return d;
    }
    raise(&exc::TypeError, "float() argument must be a string or a real number, not '%s'",
        type_name(x).c_str());
}

Value float_new_m(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1)
        raise(&exc::TypeError, "float.__new__(): not enough arguments");
    Value clsv = args[0];
    if (!is_type(clsv))
        raise(&exc::TypeError, "float.__new__(X): X is not a type object (%s)", type_name(clsv).c_str());
    Type* cls = clsv.as<Type>();
    if (!cls->is_subtype(&float_type))
        raise(&exc::TypeError, "float.__new__(%s): %s is not a subtype of float",
            cls->name_str().c_str(), cls->name_str().c_str());
    // As CPython: keywords are refused unless a subclass defines its own __init__ (which may
    // take them; float's __init__ is object's).
    if (kw && kw->m_size > 0 && (cls == &float_type || cls->special(SP_init) == g_object_init))
        raise(&exc::TypeError, "float() takes no keyword arguments");
    if (nargs > 2)
        raise(&exc::TypeError, "float expected at most 1 argument, got %zu", nargs - 1);
    double d = 0.0;
    if (nargs == 2) {
        if (cls == &float_type && is_exact_float(args[1]))
            return args[1];
        d = float_from_object(args[1]);
    }
    return Value(gc::make<FloatObject>(cls, d));
}

Value float_get_real(Value self) { return float_exact(self); }
Value float_get_imag(Value) { return float_new(0.0); }

MethodDef const s_float_methods[] = {
    { "__new__", float_new_m, METH_STATIC },
    { "__add__", float_add_m }, { "__radd__", float_radd_m }, { "__sub__", float_sub_m },
    { "__rsub__", float_rsub_m }, { "__mul__", float_mul_m }, { "__rmul__", float_rmul_m },
    { "__truediv__", float_truediv_m }, { "__rtruediv__", float_rtruediv_m },
    { "__floordiv__", float_floordiv_m }, { "__rfloordiv__", float_rfloordiv_m },
    { "__mod__", float_mod_m }, { "__rmod__", float_rmod_m }, { "__divmod__", float_divmod_m },
    { "__rdivmod__", float_rdivmod_m }, { "__pow__", float_pow_m }, { "__rpow__", float_rpow_m },
    { "__neg__", float_neg_m }, { "__pos__", float_pos_m }, { "__abs__", float_abs_m },
    { "__bool__", float_bool_m }, { "__float__", float_float_m }, { "__int__", float_int_m },
    { "__trunc__", float_trunc_m }, { "__floor__", float_floor_m }, { "__ceil__", float_ceil_m },
    { "__hash__", float_hash_m }, { "__repr__", float_repr_m }, { "__round__", float_round_m },
    { "__format__", float_format_m }, { "__getnewargs__", float_getnewargs_m },
    { "is_integer", float_is_integer_m }, { "conjugate", float_conjugate_m },
    { "as_integer_ratio", float_as_integer_ratio_m }, { "hex", float_hex_m },
    { "fromhex", float_fromhex_m, METH_CLASS }, { "__getformat__", float_getformat_m, METH_CLASS },
    { nullptr, nullptr },
};

} // namespace

void init_float_types()
{
    float_type.m_doc = "Convert a string or number to a floating point number, if possible.";
    add_methods(&float_type, s_float_methods);
    add_methods(&float_type, compare_methods<float_richcompare>);
    add_getset(&float_type, "real", float_get_real, nullptr, "the real part of a complex number");
    add_getset(&float_type, "imag", float_get_imag, nullptr, "the imaginary part of a complex number");
    init_complex_type();
}

} // namespace pystm
