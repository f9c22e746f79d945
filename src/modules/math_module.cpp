// The math module (CPython 3.11's API): libm wrappers with CPython's error mapping
// (ValueError "math domain error" for NaN results of non-NaN arguments and for poles,
// OverflowError "math range error" for overflow), exact integer functions on GMP (factorial,
// gcd, lcm, comb, perm, isqrt), logarithms of arbitrarily large ints, the exact fsum, and
// CPython's Lanczos gamma/lgamma so results agree to the last bit.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_impl.h"
#include "objects/int_impl.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <cfloat>
#include <climits>
#include <cmath>
#include <vector>

namespace pystm {

namespace {

[[noreturn]] void domain_error() { raise(&exc::ValueError, "math domain error"); }
[[noreturn]] void range_error() { raise(&exc::OverflowError, "math range error"); }

double to_double(Value v)
{
    if (is_exact_float(v))
        return float_value(v);
    if (v.is_small_int())
        return static_cast<double>(v.as_small_int());
    return py_float_as_double(v);
}

// CPython's math_1: checks the result of a one-argument libm function.
double checked1(double x, double r, bool can_overflow)
{
    if (std::isnan(r) && !std::isnan(x))
        domain_error();
    if (std::isinf(r) && std::isfinite(x)) {
        if (can_overflow)
            range_error();
        domain_error();
    }
    return r;
}

// --- Lanczos gamma (the same approximation and coefficients as CPython) --------------------

constexpr double LANCZOS_G = 6.024680040776729583740234375;
constexpr double LANCZOS_G_MINUS_HALF = 5.524680040776729583740234375;
constexpr double LANCZOS_NUM[13] = { 23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408 };
constexpr double LANCZOS_DEN[13] = { 0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0,
    45995730.0, 13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0 };
constexpr double GAMMA_INTEGRAL[23] = { 1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0,
    362880.0, 3628800.0, 39916800.0, 479001600.0, 6227020800.0, 87178291200.0, 1307674368000.0,
    20922789888000.0, 355687428096000.0, 6402373705728000.0, 121645100408832000.0,
    2432902008176640000.0, 51090942171709440000.0, 1124000727777607680000.0 };

double lanczos_sum(double x)
{
    double num = 0.0, den = 0.0;
    // Evaluate the rational function in the direction that avoids overflow.
    if (x < 5.0) {
        for (int i = 12; i >= 0; i--) {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for (int i = 0; i < 13; i++) {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    return num / den;
}

double sinpi(double x)
{
    double y = std::fmod(std::fabs(x), 2.0);
    int n = static_cast<int>(std::round(2.0 * y));
    double r;
    switch (n) {
    case 0: r = std::sin(M_PI * y); break;
    case 1: r = std::cos(M_PI * (y - 0.5)); break;
    case 2: r = std::sin(M_PI * (1.0 - y)); break;
    case 3: r = -std::cos(M_PI * (y - 1.5)); break;
    default: r = std::sin(M_PI * (y - 2.0)); break;
    }
    return std::copysign(1.0, x) * r;
}

double m_gamma(double x)
{
    if (!std::isfinite(x)) {
        if (std::isnan(x) || x > 0.0)
            return x;
        domain_error();
    }
    if (x == 0.0)
        domain_error();
    if (x == std::floor(x)) {
        if (x < 0.0)
            domain_error();
        if (x <= 23.0)
            return GAMMA_INTEGRAL[static_cast<int>(x) - 1];
    }
    double absx = std::fabs(x);
    if (absx < 1e-20) {
        double r = 1.0 / x;
        if (std::isinf(r))
            range_error();
        return r;
    }
    if (absx > 200.0) {
        if (x < 0.0)
            return 0.0 / sinpi(x);
        range_error();
    }
    double y = absx + LANCZOS_G_MINUS_HALF;
    double q, z;
    if (absx > LANCZOS_G_MINUS_HALF) {
        q = y - absx;
        z = q - LANCZOS_G_MINUS_HALF;
    } else {
        q = y - LANCZOS_G_MINUS_HALF;
        z = q - absx;
    }
    z = z * LANCZOS_G / y;
    double r;
    if (x < 0.0) {
        r = -M_PI / sinpi(absx) / absx * std::exp(y) / lanczos_sum(absx);
        r -= z * r;
        if (absx < 140.0) {
            r /= std::pow(y, absx - 0.5);
        } else {
            double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / std::exp(y);
        r += z * r;
        if (absx < 140.0) {
            r *= std::pow(y, absx - 0.5);
        } else {
            double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    if (std::isinf(r))
        range_error();
    return r;
}

double m_lgamma(double x)
{
    if (!std::isfinite(x))
        return std::isnan(x) ? x : HUGE_VAL;
    if (x == std::floor(x) && x <= 2.0) {
        if (x <= 0.0)
            domain_error();
        return 0.0;
    }
    double absx = std::fabs(x);
    if (absx < 1e-20)
        return -std::log(absx);
    double r = std::log(lanczos_sum(absx)) - LANCZOS_G;
    r += (absx - 0.5) * (std::log(absx + LANCZOS_G - 0.5) - 1);
    if (x < 0.0)
        r = std::log(M_PI) - std::log(std::fabs(sinpi(absx))) - std::log(absx) - r;
    if (std::isinf(r))
        range_error();
    return r;
}

// --- one-argument functions ----------------------------------------------------------------

#define MATH_1(pyname, expr, can_overflow)                                                         \
    Value m_##pyname(Value, Value const* args, size_t nargs, TupleObject* kw)                      \
    {                                                                                              \
        check_nargs(#pyname, nargs, kw, 1, 1);                                                     \
        double x = to_double(args[0]);                                                             \
        return float_new(checked1(x, expr, can_overflow));                                         \
    }

MATH_1(acos, std::acos(x), false)
MATH_1(acosh, std::acosh(x), false)
MATH_1(asin, std::asin(x), false)
MATH_1(asinh, std::asinh(x), false)
MATH_1(atan, std::atan(x), false)
MATH_1(atanh, std::atanh(x), false)
MATH_1(cbrt, std::cbrt(x), false)
MATH_1(cos, std::cos(x), false)
MATH_1(cosh, std::cosh(x), true)
MATH_1(erf, std::erf(x), false)
MATH_1(erfc, std::erfc(x), false)
MATH_1(exp, std::exp(x), true)
MATH_1(exp2, std::exp2(x), true)
MATH_1(expm1, std::expm1(x), true)
MATH_1(fabs, std::fabs(x), false)
MATH_1(sin, std::sin(x), false)
MATH_1(sinh, std::sinh(x), true)
MATH_1(sqrt, std::sqrt(x), false)
MATH_1(tan, std::tan(x), false)
MATH_1(tanh, std::tanh(x), false)
MATH_1(gamma, m_gamma(x), true)
MATH_1(lgamma, m_lgamma(x), true)
#undef MATH_1

Value m_log1p(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("log1p", nargs, kw, 1, 1);
    double x = to_double(args[0]);
    if (x == -1.0)
        domain_error();
    return float_new(checked1(x, std::log1p(x), false));
}

Value m_degrees(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("degrees", nargs, kw, 1, 1);
    return float_new(to_double(args[0]) * (180.0 / M_PI));
}

Value m_radians(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("radians", nargs, kw, 1, 1);
    return float_new(to_double(args[0]) * (M_PI / 180.0));
}

#define MATH_PRED(pyname, expr)                                                                    \
    Value m_##pyname(Value, Value const* args, size_t nargs, TupleObject* kw)                      \
    {                                                                                              \
        check_nargs(#pyname, nargs, kw, 1, 1);                                                     \
        double x = to_double(args[0]);                                                             \
        return py_bool(expr);                                                                      \
    }
MATH_PRED(isfinite, std::isfinite(x))
MATH_PRED(isinf, std::isinf(x))
MATH_PRED(isnan, std::isnan(x))
#undef MATH_PRED

// --- logarithms ------------------------------------------------------------------------------

double m_log_real(double x, double (*fn)(double))
{
    if (std::isfinite(x)) {
        if (x > 0.0)
            return fn(x);
        domain_error();
    }
    if (std::isnan(x) || x > 0.0)
        return x;
    domain_error();
}

// log of any int or float, via mantissa and exponent for ints too large for a double.
double log_helper(Value arg, double (*fn)(double))
{
    if (is_int(arg)) {
        if (int_sign(arg) <= 0)
            domain_error();
        uint64_t bits = int_bit_length(arg);
        // As CPython: the plain conversion whenever the int fits in a double.
        if (bits < 1024)
            return m_log_real(int_to_double(arg), fn);
        if (bits == 1024) {
            try {
                double d = int_to_double(arg);
                return m_log_real(d, fn);
            } catch (PyError&) {
                take_exception();
            }
        }
        // arg = m * 2**e with m in [0.5, 1), m correctly rounded (as CPython's _PyLong_Frexp).
        IntView z(arg);
        Mpz q;
        uint64_t shift = bits - 55;
        mpz_tdiv_q_2exp(q, z, shift);
        uint64_t top = mpz_get_ui(q);
        if (mpz_scan1(z, 0) < shift)
            top |= 1;
        double m = std::ldexp(static_cast<double>(top), -55);
        int64_t e = static_cast<int64_t>(bits);
        if (m == 1.0) {
            m = 0.5;
            e += 1;
        }
        return fn(m) + fn(2.0) * static_cast<double>(e);
    }
    return m_log_real(to_double(arg), fn);
}

double ln(double x) { return std::log(x); }
double lg2(double x) { return std::log2(x); }
double lg10(double x) { return std::log10(x); }

Value m_log(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size > 0)
        raise(&exc::TypeError, "log() takes no keyword arguments");
    if (nargs < 1 || nargs > 2)
        raise(&exc::TypeError, "log expected at least 1 argument, got %zu", nargs);
    double num = log_helper(args[0], ln);
    if (nargs == 1)
        return float_new(num);
    double den = log_helper(args[1], ln);
    if (den == 0.0)
        raise(&exc::ZeroDivisionError, "float division by zero");
    return float_new(num / den);
}

Value m_log2(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("log2", nargs, kw, 1, 1);
    return float_new(log_helper(args[0], lg2));
}

Value m_log10(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("log10", nargs, kw, 1, 1);
    return float_new(log_helper(args[0], lg10));
}

// --- rounding --------------------------------------------------------------------------------

Value m_floor(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("floor", nargs, kw, 1, 1);
    Value x = args[0];
    if (is_exact_float(x))
        return int_from_double(std::floor(float_value(x)));
    if (is_int(x))
        return int_exact(x);
    Value r = call_special_opt(x, SP_floor, nullptr, 0);
    if (r)
        return r;
    return int_from_double(std::floor(to_double(x)));
}

Value m_ceil(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("ceil", nargs, kw, 1, 1);
    Value x = args[0];
    if (is_exact_float(x))
        return int_from_double(std::ceil(float_value(x)));
    if (is_int(x))
        return int_exact(x);
    Value r = call_special_opt(x, SP_ceil, nullptr, 0);
    if (r)
        return r;
    return int_from_double(std::ceil(to_double(x)));
}

Value m_trunc(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("trunc", nargs, kw, 1, 1);
    Value x = args[0];
    if (is_exact_float(x))
        return int_from_double(float_value(x));
    Value r = call_special_opt(x, SP_trunc, nullptr, 0);
    if (!r)
        raise(&exc::TypeError, "type %s doesn't define __trunc__ method", type_of(x)->name_str().c_str());
    return r;
}

// --- two-argument float functions --------------------------------------------------------------

Value m_atan2(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("atan2", nargs, kw, 2, 2);
    // The first argument converts first (C++ leaves the order of call arguments unspecified).
    double x = to_double(args[0]);
    double y = to_double(args[1]);
    return float_new(std::atan2(x, y));
}

Value m_copysign(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("copysign", nargs, kw, 2, 2);
    // The first argument converts first (C++ leaves the order of call arguments unspecified).
    double x = to_double(args[0]);
    double y = to_double(args[1]);
    return float_new(std::copysign(x, y));
}

Value m_fmod(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("fmod", nargs, kw, 2, 2);
    double x = to_double(args[0]), y = to_double(args[1]);
    if (std::isinf(y) && std::isfinite(x))
        return float_new(x);
    double r = std::fmod(x, y);
    if (std::isnan(r) && !std::isnan(x) && !std::isnan(y))
        domain_error();
    return float_new(r);
}

Value m_remainder(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("remainder", nargs, kw, 2, 2);
    double x = to_double(args[0]), y = to_double(args[1]);
    if (std::isnan(x))
        return float_new(x);
    if (std::isnan(y))
        return float_new(y);
    if (std::isinf(x) || y == 0.0)
        domain_error();
    if (std::isinf(y))
        return float_new(x);
    return float_new(std::remainder(x, y));
}

Value m_pow(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("pow", nargs, kw, 2, 2);
    double x = to_double(args[0]), y = to_double(args[1]);
    double r;
    if (!std::isfinite(x) || !std::isfinite(y)) {
        if (std::isnan(x))
            r = y == 0.0 ? 1.0 : x;
        else if (std::isnan(y))
            r = x == 1.0 ? 1.0 : y;
        else if (std::isinf(x)) {
            bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
            if (y > 0.0)
                r = odd_y ? x : std::fabs(x);
            else if (y == 0.0)
                r = 1.0;
            else
                r = odd_y ? std::copysign(0.0, x) : 0.0;
        } else {
            if (std::fabs(x) == 1.0)
                r = 1.0;
            else if (y > 0.0 && std::fabs(x) > 1.0)
                r = y;
            else if (y < 0.0 && std::fabs(x) < 1.0)
                r = -y;
            else
                r = 0.0;
        }
        return float_new(r);
    }
    r = std::pow(x, y);
    if (std::isnan(r))
        domain_error();
    if (std::isinf(r)) {
        if (x == 0.0)
            domain_error();
        range_error();
    }
    return float_new(r);
}

Value m_nextafter(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("nextafter", nargs, kw, 2, 2);
    // The first argument converts first (C++ leaves the order of call arguments unspecified).
    double x = to_double(args[0]);
    double y = to_double(args[1]);
    return float_new(std::nextafter(x, y));
}

Value m_ulp(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("ulp", nargs, kw, 1, 1);
    double x = to_double(args[0]);
    if (std::isnan(x))
        return float_new(x);
    x = std::fabs(x);
    if (std::isinf(x))
        return float_new(x);
    double x2 = std::nextafter(x, HUGE_VAL);
    if (std::isinf(x2)) {
        x2 = std::nextafter(x, -HUGE_VAL);
        return float_new(x - x2);
    }
    return float_new(x2 - x);
}

Value m_frexp(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("frexp", nargs, kw, 1, 1);
    double x = to_double(args[0]);
    int e = 0;
    double m = x;
    if (std::isfinite(x) && x != 0.0)
        m = std::frexp(x, &e);
    Value mv = float_new(m);
    return Value(tuple_of({ mv, Value::small_int(e) }));
}

Value m_ldexp(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("ldexp", nargs, kw, 2, 2);
    double x = to_double(args[0]);
    if (!is_int(args[1]))
        raise(&exc::TypeError, "Expected an int as second argument to ldexp.");
    int64_t e;
    if (!int_to_i64(args[1], &e))
        e = int_sign(args[1]) > 0 ? INT64_MAX : INT64_MIN;
    if (x == 0.0 || !std::isfinite(x))
        return float_new(x);
    if (e > 100000)
        range_error();
    if (e < -100000)
        return float_new(std::copysign(0.0, x));
    double r = std::ldexp(x, static_cast<int>(e));
    if (std::isinf(r))
        range_error();
    return float_new(r);
}

Value m_modf(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("modf", nargs, kw, 1, 1);
    double x = to_double(args[0]);
    double ip, fp;
    if (std::isinf(x)) {
        fp = std::copysign(0.0, x);
        ip = x;
    } else if (std::isnan(x)) {
        fp = ip = x;
    } else {
        fp = std::modf(x, &ip);
    }
    Value a = float_new(fp);
    Value b = float_new(ip);
    return Value(tuple_of({ a, b }));
}

Value m_isclose(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value out[4];
    parse_args("isclose", args, nargs, kw, { "a", "b", "*", "rel_tol", "abs_tol" }, 2, out);
    double a = to_double(out[0]), b = to_double(out[1]);
    double rel_tol = out[2] ? to_double(out[2]) : 1e-09;
    double abs_tol = out[3] ? to_double(out[3]) : 0.0;
    if (rel_tol < 0.0 || abs_tol < 0.0)
        raise(&exc::ValueError, "tolerances must be non-negative");
    if (a == b)
        return py_bool(true);
    if (std::isinf(a) || std::isinf(b))
        return py_bool(false);
    double diff = std::fabs(b - a);
    return py_bool((diff <= std::fabs(rel_tol * b)) || (diff <= std::fabs(rel_tol * a)) || (diff <= abs_tol));
}

// --- exact summation (Shewchuk's algorithm, as CPython's fsum) -------------------------------

// Adds [x] to the non-overlapping partials; false on intermediate overflow.
bool add_partial(std::vector<double>& partials, double x)
{
    size_t i = 0;
    for (double y : partials) {
        if (std::fabs(x) < std::fabs(y))
            std::swap(x, y);
        double hi = x + y;
        double lo = y - (hi - x);
        if (lo != 0.0)
            partials[i++] = lo;
        x = hi;
    }
    partials.resize(i);
    if (x != 0.0) {
        if (!std::isfinite(x))
            return false;
        partials.push_back(x);
    }
    return true;
}

// The correctly rounded sum of the partials (with the half-way correction).
double sum_partials(std::vector<double> const& partials)
{
    size_t n = partials.size();
    double hi = 0.0, lo = 0.0;
    if (n > 0) {
        hi = partials[--n];
        while (n > 0) {
            double x = hi, y = partials[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0)
                break;
        }
        // Round half to even across the remaining partials: if the next partial has the same
        // sign as lo, the true sum is beyond the half-way point.
        if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
            double y = lo * 2.0;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr)
                hi = x;
        }
    }
    return hi;
}

Value m_fsum(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("fsum", nargs, kw, 1, 1);
    Value it = py_iter(args[0]);
    std::vector<double> partials;
    double special_sum = 0.0, inf_sum = 0.0;
    while (Value item = py_next(it)) {
        double x = to_double(item);
        if (!std::isfinite(x)) {
            if (std::isinf(x))
                inf_sum += x;
            special_sum += x;
            partials.clear();
            continue;
        }
        if (!add_partial(partials, x))
            raise(&exc::OverflowError, "intermediate overflow in fsum");
    }
    if (special_sum != 0.0 || std::isnan(special_sum)) {
        if (std::isnan(inf_sum))
            raise(&exc::ValueError, "-inf + inf in fsum");
        return float_new(special_sum);
    }
    return float_new(sum_partials(partials));
}

// sqrt(sum of squares) of finite values scaled near 1: the exact sum of squares (via fma and
// partials), its square root, then one correction step from the exact residual.
double vector_norm(std::vector<double> const& v)
{
    double max = 0.0;
    bool found_nan = false;
    for (double x : v) {
        double a = std::fabs(x);
        if (std::isnan(a))
            found_nan = true;
        else if (a > max)
            max = a;
    }
    if (std::isinf(max))
        return max;
    if (found_nan)
        return NAN;
    if (max == 0.0 || v.size() <= 1)
        return max;
    int e;
    std::frexp(max, &e);
    std::vector<double> partials;
    for (double x : v) {
        double s = std::ldexp(x, -e);
        double hi = s * s;
        double lo = std::fma(s, s, -hi);
        add_partial(partials, hi);
        add_partial(partials, lo);
    }
    double sum = sum_partials(partials);
    double h = std::sqrt(sum);
    // Residual sum - h*h, exactly, then Newton's correction.
    double hh = h * h;
    double hh_lo = std::fma(h, h, -hh);
    add_partial(partials, -hh);
    add_partial(partials, -hh_lo);
    double residual = sum_partials(partials);
    h += residual / (2.0 * h);
    return std::ldexp(h, e);
}

Value m_hypot(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("hypot", nargs, kw, 0, SIZE_MAX);
    std::vector<double> v;
    for (size_t i = 0; i < nargs; i++)
        v.push_back(to_double(args[i]));
    return float_new(vector_norm(v));
}

Value m_dist(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("dist", nargs, kw, 2, 2);
    TupleObject* p = is_tuple(args[0]) ? args[0].as<TupleObject>() : py_tuple_from_iterable(args[0]);
    TupleObject* q = is_tuple(args[1]) ? args[1].as<TupleObject>() : py_tuple_from_iterable(args[1]);
    if (p->m_size != q->m_size)
        raise(&exc::ValueError, "both points must have the same number of dimensions");
    std::vector<double> v;
    for (int64_t i = 0; i < p->m_size; i++)
        v.push_back(std::fabs(to_double(p->item(i)) - to_double(q->item(i))));
    return float_new(vector_norm(v));
}

// --- integer functions -------------------------------------------------------------------------

Value m_factorial(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("factorial", nargs, kw, 1, 1);
    Value n = py_number_index(args[0]);
    if (int_sign(n) < 0)
        raise(&exc::ValueError, "factorial() not defined for negative values");
    int64_t k;
    if (!int_to_i64(n, &k))
        raise(&exc::OverflowError, "factorial() argument should not exceed %lld", static_cast<long long>(INT64_MAX));
    Mpz r;
    mpz_fac_ui(r, static_cast<unsigned long>(k));
    return int_from_mpz(r);
}

Value m_gcd(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("gcd", nargs, kw, 0, SIZE_MAX);
    Mpz g;
    for (size_t i = 0; i < nargs; i++) {
        Value v = py_number_index(args[i]);
        mpz_gcd(g, g, IntView(v));
    }
    return int_from_mpz(g);
}

Value m_lcm(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("lcm", nargs, kw, 0, SIZE_MAX);
    Mpz l;
    mpz_set_ui(l, 1);
    for (size_t i = 0; i < nargs; i++) {
        Value v = py_number_index(args[i]);
        mpz_lcm(l, l, IntView(v));
    }
    return int_from_mpz(l);
}

Value m_isqrt(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("isqrt", nargs, kw, 1, 1);
    Value n = py_number_index(args[0]);
    if (int_sign(n) < 0)
        raise(&exc::ValueError, "isqrt() argument must be nonnegative");
    Mpz r;
    mpz_sqrt(r, IntView(n));
    return int_from_mpz(r);
}

Value m_comb(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("comb", nargs, kw, 2, 2);
    Value n = py_number_index(args[0]);
    Value k = py_number_index(args[1]);
    if (int_sign(n) < 0)
        raise(&exc::ValueError, "n must be a non-negative integer");
    if (int_sign(k) < 0)
        raise(&exc::ValueError, "k must be a non-negative integer");
    if (int_compare(k, n) > 0)
        return Value::small_int(0);
    Value nk = int_sub(n, k);
    Value m = int_compare(nk, k) < 0 ? nk : k;
    int64_t mi;
    if (!int_to_i64(m, &mi))
        raise(&exc::OverflowError, "min(n - k, k) must not exceed %lld", static_cast<long long>(INT64_MAX));
    Mpz r;
    mpz_bin_ui(r, IntView(n), static_cast<unsigned long>(mi));
    return int_from_mpz(r);
}

Value m_perm(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("perm", nargs, kw, 1, 2);
    Value n = py_number_index(args[0]);
    if (nargs == 1 || is_none(args[1])) {
        if (int_sign(n) < 0)
            raise(&exc::ValueError, "n must be a non-negative integer");
        int64_t ni;
        if (!int_to_i64(n, &ni))
            raise(&exc::OverflowError, "factorial() argument should not exceed %lld", static_cast<long long>(INT64_MAX));
        Mpz r;
        mpz_fac_ui(r, static_cast<unsigned long>(ni));
        return int_from_mpz(r);
    }
    Value k = py_number_index(args[1]);
    if (int_sign(n) < 0)
        raise(&exc::ValueError, "n must be a non-negative integer");
    if (int_sign(k) < 0)
        raise(&exc::ValueError, "k must be a non-negative integer");
    if (int_compare(k, n) > 0)
        return Value::small_int(0);
    int64_t ki;
    if (!int_to_i64(k, &ki))
        raise(&exc::OverflowError, "k must not exceed %lld", static_cast<long long>(INT64_MAX));
    // n * (n-1) * ... * (n-k+1) = n! / (n-k)! computed as a rising product from n-k+1.
    Mpz r, low;
    int_to_mpz(int_sub(n, k), low);
    mpz_add_ui(low, low, 1);
    mpz_set_ui(r, 1);
    if (mpz_fits_ulong_p(low) && ki > 0 && mpz_get_ui(low) <= ULONG_MAX - static_cast<unsigned long>(ki)) {
        unsigned long lo = mpz_get_ui(low);
        for (unsigned long i = 0; i < static_cast<unsigned long>(ki); i++)
            mpz_mul_ui(r, r, lo + i);
    } else {
        for (int64_t i = 0; i < ki; i++) {
            mpz_mul(r, r, low);
            mpz_add_ui(low, low, 1);
        }
    }
    return int_from_mpz(r);
}

Value m_prod(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value out[2];
    parse_args("prod", args, nargs, kw, { "iterable", "/", "*", "start" }, 1, out);
    Value result = out[1] ? out[1] : Value::small_int(1);
    Value it = py_iter(out[0]);
    while (Value item = py_next(it))
        result = py_binary_op(result, item, NB_MULTIPLY);
    return result;
}

MethodDef const s_math_methods[] = {
    { "acos", m_acos, METH_DEFAULT, "Return the arc cosine (measured in radians) of x." },
    { "acosh", m_acosh, METH_DEFAULT, "Return the inverse hyperbolic cosine of x." },
    { "asin", m_asin, METH_DEFAULT, "Return the arc sine (measured in radians) of x." },
    { "asinh", m_asinh, METH_DEFAULT, "Return the inverse hyperbolic sine of x." },
    { "atan", m_atan, METH_DEFAULT, "Return the arc tangent (measured in radians) of x." },
    { "atan2", m_atan2, METH_DEFAULT, "Return the arc tangent (measured in radians) of y/x." },
    { "atanh", m_atanh, METH_DEFAULT, "Return the inverse hyperbolic tangent of x." },
    { "cbrt", m_cbrt, METH_DEFAULT, "Return the cube root of x." },
    { "ceil", m_ceil, METH_DEFAULT, "Return the ceiling of x as an Integral." },
    { "comb", m_comb, METH_DEFAULT, "Number of ways to choose k items from n items without repetition and without order." },
    { "copysign", m_copysign, METH_DEFAULT, "Return a float with the magnitude (absolute value) of x but the sign of y." },
    { "cos", m_cos, METH_DEFAULT, "Return the cosine of x (measured in radians)." },
    { "cosh", m_cosh, METH_DEFAULT, "Return the hyperbolic cosine of x." },
    { "degrees", m_degrees, METH_DEFAULT, "Convert angle x from radians to degrees." },
    { "dist", m_dist, METH_DEFAULT, "Return the Euclidean distance between two points p and q." },
    { "erf", m_erf, METH_DEFAULT, "Error function at x." },
    { "erfc", m_erfc, METH_DEFAULT, "Complementary error function at x." },
    { "exp", m_exp, METH_DEFAULT, "Return e raised to the power of x." },
    { "exp2", m_exp2, METH_DEFAULT, "Return 2 raised to the power of x." },
    { "expm1", m_expm1, METH_DEFAULT, "Return exp(x)-1." },
    { "fabs", m_fabs, METH_DEFAULT, "Return the absolute value of the float x." },
    { "factorial", m_factorial, METH_DEFAULT, "Find n!." },
    { "floor", m_floor, METH_DEFAULT, "Return the floor of x as an Integral." },
    { "fmod", m_fmod, METH_DEFAULT, "Return fmod(x, y), according to platform C." },
    { "frexp", m_frexp, METH_DEFAULT, "Return the mantissa and exponent of x, as pair (m, e)." },
    { "fsum", m_fsum, METH_DEFAULT, "Return an accurate floating point sum of values in the iterable seq." },
    { "gamma", m_gamma, METH_DEFAULT, "Gamma function at x." },
    { "gcd", m_gcd, METH_DEFAULT, "Greatest Common Divisor." },
    { "hypot", m_hypot, METH_DEFAULT, "Multidimensional Euclidean distance from the origin to a point." },
    { "isclose", m_isclose, METH_DEFAULT, "Determine whether two floating point numbers are close in value." },
    { "isfinite", m_isfinite, METH_DEFAULT, "Return True if x is neither an infinity nor a NaN, and False otherwise." },
    { "isinf", m_isinf, METH_DEFAULT, "Return True if x is a positive or negative infinity, and False otherwise." },
    { "isnan", m_isnan, METH_DEFAULT, "Return True if x is a NaN (not a number), and False otherwise." },
    { "isqrt", m_isqrt, METH_DEFAULT, "Return the integer part of the square root of the input." },
    { "lcm", m_lcm, METH_DEFAULT, "Least Common Multiple." },
    { "ldexp", m_ldexp, METH_DEFAULT, "Return x * (2**i)." },
    { "lgamma", m_lgamma, METH_DEFAULT, "Natural logarithm of absolute value of Gamma function at x." },
    { "log", m_log, METH_DEFAULT, "log(x, [base=math.e])\nReturn the logarithm of x to the given base." },
    { "log10", m_log10, METH_DEFAULT, "Return the base 10 logarithm of x." },
    { "log1p", m_log1p, METH_DEFAULT, "Return the natural logarithm of 1+x (base e)." },
    { "log2", m_log2, METH_DEFAULT, "Return the base 2 logarithm of x." },
    { "modf", m_modf, METH_DEFAULT, "Return the fractional and integer parts of x." },
    { "nextafter", m_nextafter, METH_DEFAULT, "Return the next floating-point value after x towards y." },
    { "perm", m_perm, METH_DEFAULT, "Number of ways to choose k items from n items without repetition and with order." },
    { "pow", m_pow, METH_DEFAULT, "Return x**y (x to the power of y)." },
    { "prod", m_prod, METH_DEFAULT, "Calculate the product of all the elements in the input iterable." },
    { "radians", m_radians, METH_DEFAULT, "Convert angle x from degrees to radians." },
    { "remainder", m_remainder, METH_DEFAULT, "Difference between x and the closest integer multiple of y." },
    { "sin", m_sin, METH_DEFAULT, "Return the sine of x (measured in radians)." },
    { "sinh", m_sinh, METH_DEFAULT, "Return the hyperbolic sine of x." },
    { "sqrt", m_sqrt, METH_DEFAULT, "Return the square root of x." },
    { "tan", m_tan, METH_DEFAULT, "Return the tangent of x (measured in radians)." },
    { "tanh", m_tanh, METH_DEFAULT, "Return the hyperbolic tangent of x." },
    { "trunc", m_trunc, METH_DEFAULT, "Truncates the Real x to the nearest Integral toward 0." },
    { "ulp", m_ulp, METH_DEFAULT, "Return the value of the least significant bit of the float x." },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* init_math_module()
{
    ModuleObject* m = module_new("math");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__,
        Value(str_from_ascii("This module provides access to the mathematical functions\n"
                             "defined by the C standard.")));
    for (MethodDef const* def = s_math_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    dict_set_cstr(d, "pi", float_new(M_PI));
    dict_set_cstr(d, "e", float_new(M_E));
    dict_set_cstr(d, "tau", float_new(2.0 * M_PI));
    dict_set_cstr(d, "inf", float_new(HUGE_VAL));
    dict_set_cstr(d, "nan", float_new(NAN));
    return m;
}

} // namespace pystm
