// The cmath module. Finite arguments go through CPython's algorithms (Kahan's branch-cut-correct
// formulas with the same scaling thresholds), so results agree with CPython to the bit, with
// ValueError "math domain error" at poles and OverflowError "math range error" on overflow.
// Arguments with an infinite or NaN part take CPython's special values (C99 Annex G, with CPython's
// choices where Annex G leaves signs or NaN parts open), looked up in per-function tables indexed
// by the classes of the two parts; results and errors there are CPython's exactly.
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_impl.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <limits>

namespace pystm {

namespace {

struct Cx {
    double re, im;
};

Cx arg_complex(Value v)
{
    Cx c;
    if (!complex_value_opt(v, &c.re, &c.im))
        raise(&exc::TypeError, "must be real number, not %s", type_name(v).c_str());
    return c;
}

bool has_nan(Cx c) { return std::isnan(c.re) || std::isnan(c.im); }
bool has_inf(Cx c) { return std::isinf(c.re) || std::isinf(c.im); }
bool finite(Cx c) { return std::isfinite(c.re) && std::isfinite(c.im); }

// --- finite arguments: CPython's algorithms (after Kahan), so results agree to the bit --------

constexpr double LARGE_DOUBLE = DBL_MAX / 4.0;
double const SQRT_LARGE_DOUBLE = std::sqrt(LARGE_DOUBLE);
double const LOG_LARGE_DOUBLE = std::log(LARGE_DOUBLE);
double const SQRT_DBL_MIN = std::sqrt(DBL_MIN);
constexpr int SCALE_UP = 2 * (DBL_MANT_DIG / 2) + 1;
constexpr int SCALE_DOWN = -(SCALE_UP + 1) / 2;

[[noreturn]] void edom() { raise(&exc::ValueError, "math domain error"); }

Cx check_range(Cx r)
{
    if (has_inf(r))
        raise(&exc::OverflowError, "math range error");
    return r;
}

Cx f_sqrt(Cx z)
{
    if (z.re == 0.0 && z.im == 0.0)
        return { 0.0, z.im };
    double ax = std::fabs(z.re), ay = std::fabs(z.im), s;
    if (ax < DBL_MIN && ay < DBL_MIN) {
        ax = std::ldexp(ax, SCALE_UP);
        s = std::ldexp(std::sqrt(ax + std::hypot(ax, std::ldexp(ay, SCALE_UP))), SCALE_DOWN);
    } else {
        ax /= 8.0;
        s = 2.0 * std::sqrt(ax + std::hypot(ax, ay / 8.0));
    }
    double d = ay / (2.0 * s);
    if (z.re >= 0.0)
        return { s, std::copysign(d, z.im) };
    return { d, std::copysign(s, z.im) };
}

Cx f_acos(Cx z)
{
    if (std::fabs(z.re) > LARGE_DOUBLE || std::fabs(z.im) > LARGE_DOUBLE) {
        double re = std::atan2(std::fabs(z.im), z.re);
        double l = std::log(std::hypot(z.re / 2.0, z.im / 2.0)) + M_LN2 * 2.0;
        return { re, z.re < 0 ? -std::copysign(l, z.im) : std::copysign(l, -z.im) };
    }
    Cx s1 = f_sqrt({ 1.0 - z.re, -z.im });
    Cx s2 = f_sqrt({ 1.0 + z.re, z.im });
    return { 2.0 * std::atan2(s1.re, s2.re), std::asinh(s2.re * s1.im - s2.im * s1.re) };
}

Cx f_acosh(Cx z)
{
    if (std::fabs(z.re) > LARGE_DOUBLE || std::fabs(z.im) > LARGE_DOUBLE)
        return { std::log(std::hypot(z.re / 2.0, z.im / 2.0)) + M_LN2 * 2.0,
            std::atan2(z.im, z.re) };
    Cx s1 = f_sqrt({ z.re - 1.0, z.im });
    Cx s2 = f_sqrt({ z.re + 1.0, z.im });
    return { std::asinh(s1.re * s2.re + s1.im * s2.im), 2.0 * std::atan2(s1.im, s2.re) };
}

Cx f_asinh(Cx z)
{
    if (std::fabs(z.re) > LARGE_DOUBLE || std::fabs(z.im) > LARGE_DOUBLE) {
        double l = std::log(std::hypot(z.re / 2.0, z.im / 2.0)) + M_LN2 * 2.0;
        double re = z.im >= 0 ? std::copysign(l, z.re) : -std::copysign(l, -z.re);
        return { re, std::atan2(z.im, std::fabs(z.re)) };
    }
    Cx s1 = f_sqrt({ 1.0 + z.im, -z.re });
    Cx s2 = f_sqrt({ 1.0 - z.im, z.re });
    return { std::asinh(s1.re * s2.im - s2.re * s1.im),
        std::atan2(z.im, s1.re * s2.re - s1.im * s2.im) };
}

Cx f_atanh(Cx z)
{
    if (z.re < 0.0) {
        Cx r = f_atanh({ -z.re, -z.im });
        return { -r.re, -r.im };
    }
    double ay = std::fabs(z.im);
    if (z.re > SQRT_LARGE_DOUBLE || ay > SQRT_LARGE_DOUBLE) {
        double h = std::hypot(z.re / 2.0, z.im / 2.0);
        return { z.re / 4.0 / h / h, -std::copysign(M_PI / 2.0, -z.im) };
    }
    if (z.re == 1.0 && ay < SQRT_DBL_MIN) {
        if (ay == 0.0)
            edom();
        return { -std::log(std::sqrt(ay) / std::sqrt(std::hypot(ay, 2.0))),
            std::copysign(std::atan2(2.0, -ay) / 2.0, z.im) };
    }
    return { std::log1p(4.0 * z.re / ((1 - z.re) * (1 - z.re) + ay * ay)) / 4.0,
        -std::atan2(-2.0 * z.im, (1 - z.re) * (1 + z.re) - ay * ay) / 2.0 };
}

Cx f_cosh(Cx z)
{
    Cx r;
    if (std::fabs(z.re) > LOG_LARGE_DOUBLE) {
        double xm1 = z.re - std::copysign(1.0, z.re);
        r = { std::cos(z.im) * std::cosh(xm1) * M_E, std::sin(z.im) * std::sinh(xm1) * M_E };
    } else {
        r = { std::cos(z.im) * std::cosh(z.re), std::sin(z.im) * std::sinh(z.re) };
    }
    return check_range(r);
}

Cx f_sinh(Cx z)
{
    Cx r;
    if (std::fabs(z.re) > LOG_LARGE_DOUBLE) {
        double xm1 = z.re - std::copysign(1.0, z.re);
        r = { std::cos(z.im) * std::sinh(xm1) * M_E, std::sin(z.im) * std::cosh(xm1) * M_E };
    } else {
        r = { std::cos(z.im) * std::sinh(z.re), std::sin(z.im) * std::cosh(z.re) };
    }
    return check_range(r);
}

Cx f_exp(Cx z)
{
    Cx r;
    if (z.re > LOG_LARGE_DOUBLE) {
        double l = std::exp(z.re - 1.0);
        r = { l * std::cos(z.im) * M_E, l * std::sin(z.im) * M_E };
    } else {
        double l = std::exp(z.re);
        r = { l * std::cos(z.im), l * std::sin(z.im) };
    }
    return check_range(r);
}

Cx f_log(Cx z)
{
    double ax = std::fabs(z.re), ay = std::fabs(z.im), re;
    if (ax > LARGE_DOUBLE || ay > LARGE_DOUBLE) {
        re = std::log(std::hypot(ax / 2.0, ay / 2.0)) + M_LN2;
    } else if (ax < DBL_MIN && ay < DBL_MIN) {
        if (ax > 0.0 || ay > 0.0)
            re = std::log(std::hypot(std::ldexp(ax, DBL_MANT_DIG), std::ldexp(ay, DBL_MANT_DIG)))
                - DBL_MANT_DIG * M_LN2;
        else
            edom(); // log(0)
    } else {
        double h = std::hypot(ax, ay);
        if (0.71 <= h && h <= 1.73) {
            double am = ax > ay ? ax : ay, an = ax > ay ? ay : ax;
            re = std::log1p((am - 1) * (am + 1) + an * an) / 2.0;
        } else {
            re = std::log(h);
        }
    }
    return { re, std::atan2(z.im, z.re) };
}

Cx f_tanh(Cx z)
{
    if (std::fabs(z.re) > LOG_LARGE_DOUBLE)
        return { std::copysign(1.0, z.re),
            4.0 * std::sin(z.im) * std::cos(z.im) * std::exp(-2.0 * std::fabs(z.re)) };
    double tx = std::tanh(z.re), ty = std::tan(z.im), cx = 1.0 / std::cosh(z.re);
    double txty = tx * ty, denom = 1.0 + txty * txty;
    return { tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx };
}

// --- non-finite arguments: CPython's special-value tables ----------------------------------------

// Each part of an argument falls in one of seven classes; a table row is a real-part class and a
// column an imaginary-part class, both in this order.
enum PartClass { NEG_INF, NEG_FINITE, NEG_ZERO, POS_ZERO, POS_FINITE, POS_INF, NOT_A_NUMBER };

int part_class(double x)
{
    if (std::isnan(x))
        return NOT_A_NUMBER;
    if (std::isinf(x))
        return x > 0 ? POS_INF : NEG_INF;
    if (x == 0.0)
        return std::signbit(x) ? NEG_ZERO : POS_ZERO;
    return x > 0 ? POS_FINITE : NEG_FINITE;
}

// A table is 7 rows (real part -inf, -x, -0, +0, +x, +inf, nan) of 7 entries (imaginary part
// -inf, -y, -0, +0, +y, +inf, nan) of 3 characters: the real part of the result, its imaginary
// part, then 'V' where CPython raises ValueError ("math domain error") or '-'. Entries with both
// parts finite are never looked up ("..."). A part is a constant (upper case positive, lower case
// negative):
//   N nan, I/i inf, Z/z zero, O/o one, P/p pi, H/h pi/2, Q/q pi/4, T/t 3pi/4,
// or, for an infinite real part with a finite non-zero imaginary part y, a value whose sign comes
// from y (Annex G keeps the direction of the finite argument):
//   C/c +/-copysign(inf, cos y), S/s +/-copysign(inf, sin y), K copysign(0, cos y),
//   J copysign(0, sin y), D copysign(0, sin y * cos y).
using Table = char const* const[7];

// clang-format off
// log and acosh share their table.
Table LOG_TABLE = {
    "It-Ip-Ip-IP-IP-IT-IN-", // -inf
    "Ih-............IH-NN-", // -x
    "Ih-............IH-NN-", // -0
    "Ih-............IH-NN-", // +0
    "Ih-............IH-NN-", // +x
    "Iq-Iz-Iz-IZ-IZ-IQ-IN-", // +inf
    "IN-NN-NN-NN-NN-IN-NN-", // nan
};
Table ACOS_TABLE = {
    "TI-PI-PI-Pi-Pi-Ti-NI-", // -inf
    "HI-............Hi-NN-", // -x
    "HI-............Hi-HN-", // -0
    "HI-............Hi-HN-", // +0
    "HI-............Hi-NN-", // +x
    "QI-ZI-ZI-Zi-Zi-Qi-NI-", // +inf
    "NI-NN-NN-NN-NN-Ni-NN-", // nan
};
Table ASINH_TABLE = {
    "iq-iz-iz-iZ-iZ-iQ-iN-", // -inf
    "ih-............iH-NN-", // -x
    "ih-............iH-NN-", // -0
    "Ih-............IH-NN-", // +0
    "Ih-............IH-NN-", // +x
    "Iq-Iz-Iz-IZ-IZ-IQ-IN-", // +inf
    "IN-NN-Nz-NZ-NN-IN-NN-", // nan
};
Table ATANH_TABLE = {
    "zh-zh-zh-zH-zH-zH-zN-", // -inf
    "zh-............zH-NN-", // -x
    "zh-............zH-zN-", // -0
    "Zh-............ZH-ZN-", // +0
    "Zh-............ZH-NN-", // +x
    "Zh-Zh-Zh-ZH-ZH-ZH-ZN-", // +inf
    "Zh-NN-NN-NN-NN-ZH-NN-", // nan
};
Table SQRT_TABLE = {
    "Ii-Zi-Zi-ZI-ZI-II-NI-", // -inf
    "Ii-............II-NN-", // -x
    "Ii-............II-NN-", // -0
    "Ii-............II-NN-", // +0
    "Ii-............II-NN-", // +x
    "Ii-Iz-Iz-IZ-IZ-II-IN-", // +inf
    "Ii-NN-NN-NN-NN-II-NN-", // nan
};
Table COSH_TABLE = {
    "NNVCs-IZ-Iz-Cs-NNVIN-", // -inf
    "NNV............NNVNN-", // -x
    "NNV............NNVNZ-", // -0
    "NNV............NNVNZ-", // +0
    "NNV............NNVNN-", // +x
    "NNVCS-Iz-IZ-CS-NNVIN-", // +inf
    "NN-NN-NZ-NZ-NN-NN-NN-", // nan
};
Table SINH_TABLE = {
    "NNVcS-iz-iZ-cS-NNVIN-", // -inf
    "NNV............NNVNN-", // -x
    "NNV............NNVZN-", // -0
    "NNV............NNVZN-", // +0
    "NNV............NNVNN-", // +x
    "NNVCS-Iz-IZ-CS-NNVIN-", // +inf
    "NN-NN-Nz-NZ-NN-NN-NN-", // nan
};
Table EXP_TABLE = {
    "ZZ-KJ-Zz-ZZ-KJ-ZZ-ZZ-", // -inf
    "NNV............NNVNN-", // -x
    "NNV............NNVNN-", // -0
    "NNV............NNVNN-", // +0
    "NNV............NNVNN-", // +x
    "NNVCS-Iz-IZ-CS-NNVIN-", // +inf
    "NN-NN-Nz-NZ-NN-NN-NN-", // nan
};
Table TANH_TABLE = {
    "oZ-oD-oz-oZ-oD-oZ-oZ-", // -inf
    "NNV............NNVNN-", // -x
    "NNV............NNVNN-", // -0
    "NNV............NNVNN-", // +0
    "NNV............NNVNN-", // +x
    "OZ-OD-Oz-OZ-OD-OZ-OZ-", // +inf
    "NN-NN-Nz-NZ-NN-NN-NN-", // nan
};
// rect(r, phi): rows are classes of r, columns classes of phi.
Table RECT_TABLE = {
    "NNVcs-iZ-iz-cs-NNVIN-", // -inf
    "NNV............NNVNN-", // -x
    "ZZ-............ZZ-ZZ-", // -0
    "ZZ-............ZZ-ZZ-", // +0
    "NNV............NNVNN-", // +x
    "NNVCS-Iz-IZ-CS-NNVIN-", // +inf
    "NN-NN-NZ-NZ-NN-NN-NN-", // nan
};
// clang-format on

double special_part(char c, double y)
{
    double sign = (c >= 'a' && c <= 'z') ? -1.0 : 1.0;
    switch (c) {
    case 'N':
        return std::numeric_limits<double>::quiet_NaN();
    case 'I':
    case 'i':
        return sign * HUGE_VAL;
    case 'Z':
    case 'z':
        return sign * 0.0;
    case 'O':
    case 'o':
        return sign;
    case 'P':
    case 'p':
        return sign * M_PI;
    case 'H':
    case 'h':
        return sign * M_PI / 2.0;
    case 'Q':
    case 'q':
        return sign * M_PI / 4.0;
    case 'T':
    case 't':
        return sign * 0.75 * M_PI;
    case 'C':
    case 'c':
        return sign * std::copysign(HUGE_VAL, std::cos(y));
    case 'S':
    case 's':
        return sign * std::copysign(HUGE_VAL, std::sin(y));
    case 'K':
        return std::copysign(0.0, std::cos(y));
    case 'J':
        return std::copysign(0.0, std::sin(y));
    case 'D':
        return std::copysign(0.0, std::sin(y) * std::cos(y));
    }
    return std::numeric_limits<double>::quiet_NaN();
}

// The value for z (a part infinite or NaN) from table t, or ValueError where CPython raises one.
Cx special_value(Table const& t, Cx z)
{
    char const* e = t[part_class(z.re)] + 3 * part_class(z.im);
    if (e[2] == 'V')
        edom();
    return { special_part(e[0], z.im), special_part(e[1], z.im) };
}

using FFn = Cx (*)(Cx);

Cx apply(FFn finite_fn, Table const& table, Cx z)
{
    if (finite(z))
        return finite_fn(z);
    return special_value(table, z);
}

Value make(Cx c) { return complex_new(c.re, c.im); }

Cx any_acos(Cx z) { return apply(f_acos, ACOS_TABLE, z); }
Cx any_acosh(Cx z) { return apply(f_acosh, LOG_TABLE, z); }
Cx any_asinh(Cx z) { return apply(f_asinh, ASINH_TABLE, z); }
Cx any_atanh(Cx z) { return apply(f_atanh, ATANH_TABLE, z); }
Cx any_cosh(Cx z) { return apply(f_cosh, COSH_TABLE, z); }
Cx any_exp(Cx z) { return apply(f_exp, EXP_TABLE, z); }
Cx any_log(Cx z) { return apply(f_log, LOG_TABLE, z); }
Cx any_sinh(Cx z) { return apply(f_sinh, SINH_TABLE, z); }
Cx any_sqrt(Cx z) { return apply(f_sqrt, SQRT_TABLE, z); }
Cx any_tanh(Cx z) { return apply(f_tanh, TANH_TABLE, z); }

// The circular functions are the hyperbolic ones turned by i, special values and errors included:
// cos(z) = cosh(iz) and f(z) = -i g(iz) for the others.
Cx turned(Cx (*hyperbolic)(Cx), Cx z)
{
    Cx s = hyperbolic({ -z.im, z.re });
    return { s.im, -s.re };
}

Cx any_asin(Cx z) { return turned(any_asinh, z); }
Cx any_atan(Cx z) { return turned(any_atanh, z); }
Cx any_cos(Cx z) { return any_cosh({ -z.im, z.re }); }
Cx any_sin(Cx z) { return turned(any_sinh, z); }
Cx any_tan(Cx z) { return turned(any_tanh, z); }

#define CMATH_1(pyname)                                                                            \
    Value cm_##pyname(Value, Value const* args, size_t nargs, TupleObject* kw)                     \
    {                                                                                              \
        check_nargs(#pyname, nargs, kw, 1, 1);                                                     \
        return make(any_##pyname(arg_complex(args[0])));                                           \
    }

CMATH_1(acos)
CMATH_1(acosh)
CMATH_1(asin)
CMATH_1(asinh)
CMATH_1(atan)
CMATH_1(atanh)
CMATH_1(cos)
CMATH_1(cosh)
CMATH_1(exp)
CMATH_1(sin)
CMATH_1(sinh)
CMATH_1(sqrt)
CMATH_1(tan)
CMATH_1(tanh)
#undef CMATH_1

// Complex division as CPython's logarithm to a base does it (Smith's algorithm); a zero divisor
// is a domain error there, and a NaN part in the divisor gives NaN parts.
Cx c_div(Cx a, Cx b)
{
    double abr = std::fabs(b.re), abi = std::fabs(b.im);
    if (abr >= abi) {
        if (abr == 0.0)
            edom();
        double ratio = b.im / b.re, denom = b.re + b.im * ratio;
        return { (a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom };
    }
    if (abi >= abr) {
        double ratio = b.re / b.im, denom = b.re * ratio + b.im;
        return { (a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom };
    }
    double nan = std::numeric_limits<double>::quiet_NaN();
    return { nan, nan };
}

Value cm_log(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value out[2];
    parse_args("log", args, nargs, kw, { "x", "base", "/" }, 1, out);
    Cx x = arg_complex(out[0]);
    if (!out[1])
        return make(any_log(x));
    // With a base, CPython reports only the base's pole (and a zero divisor): log(0, base) is
    // -inf + atan2(y, x)j divided by log(base).
    Cx b = arg_complex(out[1]);
    Cx lx = (x.re == 0.0 && x.im == 0.0) ? Cx { -HUGE_VAL, std::atan2(x.im, x.re) } : any_log(x);
    return make(c_div(lx, any_log(b)));
}

Value cm_log10(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("log10", nargs, kw, 1, 1);
    Cx r = any_log(arg_complex(args[0]));
    return make({ r.re / M_LN10, r.im / M_LN10 });
}

Value cm_phase(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("phase", nargs, kw, 1, 1);
    Cx z = arg_complex(args[0]);
    // CPython reports libm's ERANGE (an underflowing atan2) as OverflowError here.
    errno = 0;
    double phi = std::atan2(z.im, z.re);
    if (errno == ERANGE)
        raise(&exc::OverflowError, "math range error");
    return float_new(phi);
}

double c_abs(Cx z)
{
    double r = std::hypot(z.re, z.im);
    if (std::isinf(r) && finite(z))
        raise(&exc::OverflowError, "math range error");
    return r;
}

Value cm_polar(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("polar", nargs, kw, 1, 1);
    Cx z = arg_complex(args[0]);
    double phi = std::atan2(z.im, z.re);
    Value r = float_new(c_abs(z));
    Value p = float_new(phi);
    return Value(tuple_of({ r, p }));
}

Value cm_rect(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("rect", nargs, kw, 2, 2);
    double r = py_float_as_double(args[0]);
    double phi = py_float_as_double(args[1]);
    if (std::isfinite(r) && std::isfinite(phi)) {
        // phi == 0 (either sign) keeps the sign of zero in the imaginary part.
        if (phi == 0.0)
            return complex_new(r, r * phi);
        return complex_new(r * std::cos(phi), r * std::sin(phi));
    }
    return make(special_value(RECT_TABLE, { r, phi }));
}

Value cm_isfinite(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("isfinite", nargs, kw, 1, 1);
    return py_bool(finite(arg_complex(args[0])));
}

Value cm_isinf(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("isinf", nargs, kw, 1, 1);
    return py_bool(has_inf(arg_complex(args[0])));
}

Value cm_isnan(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("isnan", nargs, kw, 1, 1);
    return py_bool(has_nan(arg_complex(args[0])));
}

Value cm_isclose(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value out[4];
    parse_args("isclose", args, nargs, kw, { "a", "b", "*", "rel_tol", "abs_tol" }, 2, out);
    Cx a = arg_complex(out[0]), b = arg_complex(out[1]);
    double rel_tol = out[2] ? py_float_as_double(out[2]) : 1e-09;
    double abs_tol = out[3] ? py_float_as_double(out[3]) : 0.0;
    if (rel_tol < 0.0 || abs_tol < 0.0)
        raise(&exc::ValueError, "tolerances must be non-negative");
    if (a.re == b.re && a.im == b.im)
        return py_bool(true);
    if (has_inf(a) || has_inf(b))
        return py_bool(false);
    double diff = std::hypot(a.re - b.re, a.im - b.im);
    return py_bool((diff <= rel_tol * std::hypot(b.re, b.im))
        || (diff <= rel_tol * std::hypot(a.re, a.im)) || diff <= abs_tol);
}

MethodDef const s_cmath_methods[] = {
    { "acos", cm_acos, METH_DEFAULT, "Return the arc cosine of z." },
    { "acosh", cm_acosh, METH_DEFAULT, "Return the inverse hyperbolic cosine of z." },
    { "asin", cm_asin, METH_DEFAULT, "Return the arc sine of z." },
    { "asinh", cm_asinh, METH_DEFAULT, "Return the inverse hyperbolic sine of z." },
    { "atan", cm_atan, METH_DEFAULT, "Return the arc tangent of z." },
    { "atanh", cm_atanh, METH_DEFAULT, "Return the inverse hyperbolic tangent of z." },
    { "cos", cm_cos, METH_DEFAULT, "Return the cosine of z." },
    { "cosh", cm_cosh, METH_DEFAULT, "Return the hyperbolic cosine of z." },
    { "exp", cm_exp, METH_DEFAULT, "Return the exponential value e**z." },
    { "isclose", cm_isclose, METH_DEFAULT,
        "Determine whether two complex numbers are close in value." },
    { "isfinite", cm_isfinite, METH_DEFAULT,
        "Return True if both the real and imaginary parts of z are finite, else False." },
    { "isinf", cm_isinf, METH_DEFAULT, "Checks if the real or imaginary part of z is infinite." },
    { "isnan", cm_isnan, METH_DEFAULT,
        "Checks if the real or imaginary part of z not a number (NaN)." },
    { "log", cm_log, METH_DEFAULT, "log(z[, base]) -> the logarithm of z to the given base." },
    { "log10", cm_log10, METH_DEFAULT, "Return the base-10 logarithm of z." },
    { "phase", cm_phase, METH_DEFAULT,
        "Return argument, also known as the phase angle, of a complex." },
    { "polar", cm_polar, METH_DEFAULT,
        "Convert a complex from rectangular coordinates to polar coordinates." },
    { "rect", cm_rect, METH_DEFAULT, "Convert from polar coordinates to rectangular coordinates." },
    { "sin", cm_sin, METH_DEFAULT, "Return the sine of z." },
    { "sinh", cm_sinh, METH_DEFAULT, "Return the hyperbolic sine of z." },
    { "sqrt", cm_sqrt, METH_DEFAULT, "Return the square root of z." },
    { "tan", cm_tan, METH_DEFAULT, "Return the tangent of z." },
    { "tanh", cm_tanh, METH_DEFAULT, "Return the hyperbolic tangent of z." },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* init_cmath_module()
{
    ModuleObject* m = module_new("cmath");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__,
        Value(str_from_ascii("This module provides access to mathematical functions for complex\n"
                             "numbers.")));
    for (MethodDef const* def = s_cmath_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    dict_set_cstr(d, "pi", float_new(M_PI));
    dict_set_cstr(d, "e", float_new(M_E));
    dict_set_cstr(d, "tau", float_new(2.0 * M_PI));
    dict_set_cstr(d, "inf", float_new(HUGE_VAL));
    dict_set_cstr(d, "nan", float_new(NAN));
    dict_set_cstr(d, "infj", complex_new(0.0, HUGE_VAL));
    dict_set_cstr(d, "nanj", complex_new(0.0, NAN));
    return m;
}

} // namespace pystm
