// The cmath module. Finite arguments go through CPython's algorithms (Kahan's branch-cut-correct
// formulas with the same scaling thresholds), so results agree with CPython to the bit, with
// ValueError "math domain error" at poles and OverflowError "math range error" on overflow.
// Non-finite arguments use libm's C99 <complex.h> functions (Annex G special values) with
// errors taken from the IEEE flags; a few signs of zeros and NaN parts differ from CPython's
// special-value tables there.
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_impl.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <cerrno>
#include <cfenv>
#include <cfloat>
#include <cmath>

// The C99 complex functions (libm). <complex.h> means std::complex in C++, so declare them.
extern "C" {
double _Complex cacos(double _Complex);
double _Complex cacosh(double _Complex);
double _Complex casin(double _Complex);
double _Complex casinh(double _Complex);
double _Complex catan(double _Complex);
double _Complex catanh(double _Complex);
double _Complex ccos(double _Complex);
double _Complex ccosh(double _Complex);
double _Complex cexp(double _Complex);
double _Complex clog(double _Complex);
double _Complex csin(double _Complex);
double _Complex csinh(double _Complex);
double _Complex csqrt(double _Complex);
double _Complex ctan(double _Complex);
double _Complex ctanh(double _Complex);
}

namespace pystm {

namespace {

using CFn = double _Complex (*)(double _Complex);

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

// Non-finite arguments: C99 Annex G values from libm, errors from the IEEE flags.
Cx apply_libm(CFn fn, Cx z)
{
    double _Complex in;
    __real__ in = z.re; // set the parts directly to keep signed zeros exactly
    __imag__ in = z.im;
    std::feclearexcept(FE_ALL_EXCEPT);
    double _Complex out = fn(in);
    int flags = std::fetestexcept(FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW);
    Cx r { __real__ out, __imag__ out };
    if ((flags & FE_INVALID) && has_nan(r) && !has_nan(z))
        raise(&exc::ValueError, "math domain error");
    if ((flags & FE_DIVBYZERO) && has_inf(r))
        raise(&exc::ValueError, "math domain error");
    return r;
}

// --- finite arguments: CPython's algorithms (after Kahan), so results agree to the bit --------

constexpr double LARGE_DOUBLE = DBL_MAX / 4.0;
const double SQRT_LARGE_DOUBLE = std::sqrt(LARGE_DOUBLE);
const double LOG_LARGE_DOUBLE = std::log(LARGE_DOUBLE);
const double SQRT_DBL_MIN = std::sqrt(DBL_MIN);
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
        return { std::log(std::hypot(z.re / 2.0, z.im / 2.0)) + M_LN2 * 2.0, std::atan2(z.im, z.re) };
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
    return { std::asinh(s1.re * s2.im - s2.re * s1.im), std::atan2(z.im, s1.re * s2.re - s1.im * s2.im) };
}

Cx f_asin(Cx z)
{
    Cx s = f_asinh({ -z.im, z.re });
    return { s.im, -s.re };
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

Cx f_atan(Cx z)
{
    Cx s = f_atanh({ -z.im, z.re });
    return { s.im, -s.re };
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

Cx f_cos(Cx z) { return f_cosh({ -z.im, z.re }); }

Cx f_sin(Cx z)
{
    Cx s = f_sinh({ -z.im, z.re });
    return { s.im, -s.re };
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
        return { std::copysign(1.0, z.re), 4.0 * std::sin(z.im) * std::cos(z.im) * std::exp(-2.0 * std::fabs(z.re)) };
    double tx = std::tanh(z.re), ty = std::tan(z.im), cx = 1.0 / std::cosh(z.re);
    double txty = tx * ty, denom = 1.0 + txty * txty;
    return { tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx };
}

Cx f_tan(Cx z)
{
    Cx s = f_tanh({ -z.im, z.re });
    return { s.im, -s.re };
}

using FFn = Cx (*)(Cx);

Cx apply(FFn finite_fn, CFn libm_fn, Cx z)
{
    if (finite(z))
        return finite_fn(z);
    return apply_libm(libm_fn, z);
}

Value make(Cx c) { return complex_new(c.re, c.im); }

#define CMATH_1(pyname, cfn)                                                                       \
    Value cm_##pyname(Value, Value const* args, size_t nargs, TupleObject* kw)                     \
    {                                                                                              \
        check_nargs(#pyname, nargs, kw, 1, 1);                                                     \
        return make(apply(f_##pyname, cfn, arg_complex(args[0])));                                 \
    }

double _Complex c_acos(double _Complex z) { return cacos(z); }
double _Complex c_acosh(double _Complex z) { return cacosh(z); }
double _Complex c_asin(double _Complex z) { return casin(z); }
double _Complex c_asinh(double _Complex z) { return casinh(z); }
double _Complex c_atan(double _Complex z) { return catan(z); }
double _Complex c_atanh(double _Complex z) { return catanh(z); }
double _Complex c_cos(double _Complex z) { return ccos(z); }
double _Complex c_cosh(double _Complex z) { return ccosh(z); }
double _Complex c_exp(double _Complex z) { return cexp(z); }
double _Complex c_log(double _Complex z) { return clog(z); }
double _Complex c_sin(double _Complex z) { return csin(z); }
double _Complex c_sinh(double _Complex z) { return csinh(z); }
double _Complex c_sqrt(double _Complex z) { return csqrt(z); }
double _Complex c_tan(double _Complex z) { return ctan(z); }
double _Complex c_tanh(double _Complex z) { return ctanh(z); }

CMATH_1(acos, c_acos)
CMATH_1(acosh, c_acosh)
CMATH_1(asin, c_asin)
CMATH_1(asinh, c_asinh)
CMATH_1(atan, c_atan)
CMATH_1(atanh, c_atanh)
CMATH_1(cos, c_cos)
CMATH_1(cosh, c_cosh)
CMATH_1(exp, c_exp)
CMATH_1(sin, c_sin)
CMATH_1(sinh, c_sinh)
CMATH_1(sqrt, c_sqrt)
CMATH_1(tan, c_tan)
CMATH_1(tanh, c_tanh)
#undef CMATH_1

Cx c_div(Cx a, Cx b)
{
    // Smith's algorithm, as complex division.
    if (b.re == 0.0 && b.im == 0.0)
        raise(&exc::ZeroDivisionError, "complex division by zero");
    if (std::fabs(b.re) >= std::fabs(b.im)) {
        double ratio = b.im / b.re, denom = b.re + b.im * ratio;
        return { (a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom };
    }
    double ratio = b.re / b.im, denom = b.re * ratio + b.im;
    return { (a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom };
}

Value cm_log(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value out[2];
    parse_args("log", args, nargs, kw, { "x", "base", "/" }, 1, out);
    Cx r = apply(f_log, c_log, arg_complex(out[0]));
    if (out[1]) {
        Cx b = apply(f_log, c_log, arg_complex(out[1]));
        if (b.re == 0.0 && b.im == 0.0)
            edom();
        r = c_div(r, b);
    }
    return make(r);
}

Value cm_log10(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("log10", nargs, kw, 1, 1);
    Cx r = apply(f_log, c_log, arg_complex(args[0]));
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
    if (std::isinf(r) && std::isfinite(phi) && phi != 0.0) {
        double re = r > 0 ? std::copysign(HUGE_VAL, std::cos(phi)) : -std::copysign(HUGE_VAL, std::cos(phi));
        double im = r > 0 ? std::copysign(HUGE_VAL, std::sin(phi)) : -std::copysign(HUGE_VAL, std::sin(phi));
        return complex_new(re, im);
    }
    if (std::isinf(phi) && !std::isnan(r) && r != 0.0)
        raise(&exc::ValueError, "math domain error");
    // Remaining special cases through the exponential form, as C99's cexp-based definition.
    Cx z = apply_libm(c_exp, { 0.0, phi });
    if (std::isnan(r))
        return complex_new(r, phi == 0.0 ? phi : r);
    return complex_new(r * z.re, r * z.im);
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
    return py_bool((diff <= rel_tol * std::hypot(b.re, b.im)) || (diff <= rel_tol * std::hypot(a.re, a.im))
        || diff <= abs_tol);
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
    { "isclose", cm_isclose, METH_DEFAULT, "Determine whether two complex numbers are close in value." },
    { "isfinite", cm_isfinite, METH_DEFAULT, "Return True if both the real and imaginary parts of z are finite, else False." },
    { "isinf", cm_isinf, METH_DEFAULT, "Checks if the real or imaginary part of z is infinite." },
    { "isnan", cm_isnan, METH_DEFAULT, "Checks if the real or imaginary part of z not a number (NaN)." },
    { "log", cm_log, METH_DEFAULT, "log(z[, base]) -> the logarithm of z to the given base." },
    { "log10", cm_log10, METH_DEFAULT, "Return the base-10 logarithm of z." },
    { "phase", cm_phase, METH_DEFAULT, "Return argument, also known as the phase angle, of a complex." },
    { "polar", cm_polar, METH_DEFAULT, "Convert a complex from rectangular coordinates to polar coordinates." },
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
