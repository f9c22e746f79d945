// complex: the type, construction (from numbers, __complex__ and strings such as "1+2j"),
// arithmetic (Smith's division, CPython's power algorithm), hashing and equality. Immutable
// (OBJ-1). repr/format live in float_format.cpp.
#include "objects/bytes_object.h"
#include "objects/exceptions.h"
#include "objects/float_impl.h"
#include "objects/int_impl.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "gc/heap.h"
#include <cmath>
#include <cstring>

namespace pystm {

Type complex_type(&type_type);

void setup_complex_type()
{
    init_static_type(&complex_type, "complex", nullptr, sizeof(ComplexObject), TF_BASETYPE | TF_IMMUTABLE);
}

Value complex_new(double re, double im) { return Value(gc::make<ComplexObject>(&complex_type, re, im)); }

namespace {

struct C {
    double re, im;
};

C c_mul(C a, C b) { return { a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re }; }

// Smith's algorithm; the caller has excluded b == 0.
C c_quot(C a, C b)
{
    double abs_br = std::fabs(b.re), abs_bi = std::fabs(b.im);
    if (abs_br >= abs_bi) {
        if (abs_br == 0.0)
            raise(&exc::ZeroDivisionError, "complex division by zero");
        double ratio = b.im / b.re;
        double denom = b.re + b.im * ratio;
        return { (a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom };
    }
    if (abs_bi >= abs_br) {
        double ratio = b.re / b.im;
        double denom = b.re * ratio + b.im;
        return { (a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom };
    }
    return { NAN, NAN }; // some component is a NaN
}

C c_pow_general(C a, C b)
{
    if (b.re == 0.0 && b.im == 0.0)
        return { 1.0, 0.0 };
    if (a.re == 0.0 && a.im == 0.0) {
        if (b.im != 0.0 || b.re < 0.0)
            raise(&exc::ZeroDivisionError, "0.0 to a negative or complex power");
        return { 0.0, 0.0 };
    }
    double vabs = std::hypot(a.re, a.im);
    double len = std::pow(vabs, b.re);
    double at = std::atan2(a.im, a.re);
    double phase = at * b.re;
    if (b.im != 0.0) {
        len /= std::exp(at * b.im);
        phase += b.im * std::log(vabs);
    }
    return { len * std::cos(phase), len * std::sin(phase) };
}

C c_powu(C x, long n)
{
    C r { 1.0, 0.0 }, p = x;
    long mask = 1;
    while (mask > 0 && n >= mask) {
        if (n & mask)
            r = c_mul(r, p);
        mask <<= 1;
        p = c_mul(p, p);
    }
    return r;
}

} // namespace

void complex_pow(double ar, double ai, double br, double bi, double* rr, double* ri)
{
    C a { ar, ai }, b { br, bi }, r;
    if (bi == 0.0 && br == std::floor(br) && std::fabs(br) <= 100.0) {
        long n = static_cast<long>(br);
        if (n >= 0)
            r = c_powu(a, n);
        else {
            C d = c_powu(a, -n);
            if (d.re == 0.0 && d.im == 0.0)
                raise(&exc::ZeroDivisionError, "0.0 to a negative or complex power");
            r = c_quot({ 1.0, 0.0 }, d);
        }
    } else {
        r = c_pow_general(a, b);
    }
    if (std::isinf(r.re) || std::isinf(r.im))
        raise(&exc::OverflowError, "complex exponentiation");
    *rr = r.re;
    *ri = r.im;
}

// Calls v.__complex__ when its type has one; a strict subclass of complex as the result is
// accepted with a DeprecationWarning.
static bool complex_special_opt(Value v, double* re, double* im)
{
    Value r = call_special_opt(v, SP_complex, nullptr, 0);
    if (!r)
        return false;
    if (!(r.is_object() && r.as_object()->m_type->is_subtype(&complex_type)))
        raise(&exc::TypeError, "__complex__ returned non-complex (type %s)", type_name(r).c_str());
    if (r.as_object()->m_type != &complex_type)
        warn_format(&exc::DeprecationWarning, 1,
            "__complex__ returned non-complex (type %s).  The ability to return an instance of a "
            "strict subclass of complex is deprecated, and may be removed in a future version of "
            "Python.",
            type_name(r).c_str());
    *re = r.as<ComplexObject>()->m_real;
    *im = r.as<ComplexObject>()->m_imag;
    return true;
}

bool complex_value_opt(Value v, double* re, double* im)
{
    if (v.is_object() && v.as_object()->m_type->is_subtype(&complex_type)) {
        auto* c = v.as<ComplexObject>();
        *re = c->m_real;
        *im = c->m_imag;
        return true;
    }
    if (is_float(v)) {
        *re = float_value(v);
        *im = 0.0;
        return true;
    }
    if (is_int(v)) {
        *re = int_to_double(v);
        *im = 0.0;
        return true;
    }
    if (complex_special_opt(v, re, im))
        return true;
    if (type_of(v)->special(SP_float) || type_of(v)->special(SP_index)) {
        *re = py_float_as_double(v);
        *im = 0.0;
        return true;
    }
    return false;
}

namespace {

Value not_impl() { return Value(g_not_implemented); }

bool is_complex(Value v) { return v.is_object() && v.as_object()->m_type->is_subtype(&complex_type); }

C self_c(Value self)
{
    auto* c = self.as<ComplexObject>();
    return { c->m_real, c->m_imag };
}

// The complex value of an arithmetic operand (int, float, complex); false otherwise.
bool operand(Value v, C* out)
{
    if (is_complex(v)) {
        *out = self_c(v);
        return true;
    }
    double d;
    if (float_operand(v, &d)) {
        *out = { d, 0.0 };
        return true;
    }
    return false;
}

Value make(C c) { return complex_new(c.re, c.im); }

Value c_div_checked(C a, C b)
{
    if (b.re == 0.0 && b.im == 0.0)
        raise(&exc::ZeroDivisionError, "complex division by zero");
    return make(c_quot(a, b));
}

Value c_pow_value(C a, C b, Value mod)
{
    if (mod && !is_none(mod))
        raise(&exc::ValueError, "complex modulo");
    double rr, ri;
    complex_pow(a.re, a.im, b.re, b.im, &rr, &ri);
    return complex_new(rr, ri);
}

#define COMPLEX_BINARY(cname, pyname, a, b, expr)                                                  \
    Value cname(Value self, Value const* args, size_t nargs, TupleObject* kw)                     \
    {                                                                                              \
        check_nargs(pyname, nargs, kw, 1, 1);                                                      \
        C x = self_c(self), y;                                                                     \
        if (!operand(args[0], &y))                                                                 \
            return not_impl();                                                                     \
        C a = x, b = y;                                                                            \
        return expr;                                                                               \
    }

COMPLEX_BINARY(complex_add_m, "__add__", a, b, complex_new(a.re + b.re, a.im + b.im))
COMPLEX_BINARY(complex_radd_m, "__radd__", b, a, complex_new(a.re + b.re, a.im + b.im))
COMPLEX_BINARY(complex_sub_m, "__sub__", a, b, complex_new(a.re - b.re, a.im - b.im))
COMPLEX_BINARY(complex_rsub_m, "__rsub__", b, a, complex_new(a.re - b.re, a.im - b.im))
COMPLEX_BINARY(complex_mul_m, "__mul__", a, b, make(c_mul(a, b)))
COMPLEX_BINARY(complex_rmul_m, "__rmul__", b, a, make(c_mul(a, b)))
COMPLEX_BINARY(complex_truediv_m, "__truediv__", a, b, c_div_checked(a, b))
COMPLEX_BINARY(complex_rtruediv_m, "__rtruediv__", b, a, c_div_checked(a, b))
#undef COMPLEX_BINARY

Value complex_pow_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__pow__", nargs, kw, 1, 2);
    C y;
    if (!operand(args[0], &y))
        return not_impl();
    return c_pow_value(self_c(self), y, nargs > 1 ? args[1] : Value());
}

Value complex_rpow_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__rpow__", nargs, kw, 1, 2);
    C y;
    if (!operand(args[0], &y))
        return not_impl();
    return c_pow_value(y, self_c(self), nargs > 1 ? args[1] : Value());
}

bool complex_equals(Value self, Value other, bool* result)
{
    C a = self_c(self);
    if (is_complex(other)) {
        C b = self_c(other);
        *result = a.re == b.re && a.im == b.im;
        return true;
    }
    if (is_float(other)) {
        *result = a.im == 0.0 && a.re == float_value(other);
        return true;
    }
    if (is_int(other)) {
        *result = a.im == 0.0 && !std::isnan(a.re) && int_compare_double(other, a.re) == 0;
        return true;
    }
    return false;
}

Value complex_eq_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__eq__", nargs, kw, 1, 1);
    bool r;
    if (!complex_equals(self, args[0], &r))
        return not_impl();
    return py_bool(r);
}

Value complex_ne_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__ne__", nargs, kw, 1, 1);
    bool r;
    if (!complex_equals(self, args[0], &r))
        return not_impl();
    return py_bool(!r);
}

Value complex_order_m(Value, Value const*, size_t, TupleObject*) { return not_impl(); }

#define COMPLEX_UNARY(cname, pyname, expr)                                                         \
    Value cname(Value self, Value const*, size_t nargs, TupleObject* kw)                           \
    {                                                                                              \
        check_nargs(pyname, nargs, kw, 0, 0);                                                      \
        C c = self_c(self);                                                                        \
        return expr;                                                                               \
    }

double c_abs(C c)
{
    if (!std::isfinite(c.re) || !std::isfinite(c.im)) {
        // CPython: an infinite component wins over a NaN.
        if (std::isinf(c.re) || std::isinf(c.im))
            return HUGE_VAL;
        return NAN;
    }
    double r = std::hypot(c.re, c.im);
    if (std::isinf(r))
        raise(&exc::OverflowError, "absolute value too large");
    return r;
}

int64_t complex_hash(C c)
{
    uint64_t hr = static_cast<uint64_t>(float_hash(c.re));
    uint64_t hi = static_cast<uint64_t>(float_hash(c.im));
    int64_t h = static_cast<int64_t>(hr + 1000003ULL * hi);
    return h == -1 ? -2 : h;
}

Value exact_self(Value self)
{
    if (self.as_object()->m_type == &complex_type)
        return self;
    C c = self_c(self);
    return complex_new(c.re, c.im);
}

COMPLEX_UNARY(complex_neg_m, "__neg__", complex_new(-c.re, -c.im))
COMPLEX_UNARY(complex_pos_m, "__pos__", ((void)c, exact_self(self)))
COMPLEX_UNARY(complex_abs_m, "__abs__", float_new(c_abs(c)))
COMPLEX_UNARY(complex_bool_m, "__bool__", py_bool(c.re != 0.0 || c.im != 0.0))
COMPLEX_UNARY(complex_conjugate_m, "conjugate", complex_new(c.re, -c.im))
COMPLEX_UNARY(complex_complex_m, "__complex__", ((void)c, exact_self(self)))
COMPLEX_UNARY(complex_hash_m, "__hash__", int_from_i64(complex_hash(c)))
COMPLEX_UNARY(complex_repr_m, "__repr__", Value(str_from_ascii(complex_repr(c.re, c.im))))
COMPLEX_UNARY(complex_getnewargs_m, "__getnewargs__", Value(tuple_of({ float_new(c.re), float_new(c.im) })))
#undef COMPLEX_UNARY

Value complex_format_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__format__", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "__format__() argument must be str, not %s", type_name(args[0]).c_str());
    StrObject* spec = args[0].as<StrObject>();
    if (spec->m_length == 0)
        return Value(py_str(self)); // str(self), so subclasses' __str__/__repr__ are honoured
    C c = self_c(self);
    return Value(complex_format(c.re, c.im, spec, type_of(self)->name_str().c_str()));
}

// --- parsing ---------------------------------------------------------------------------------

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Parses a float (with optional sign) at the start of [s]; returns the length consumed, 0 if
// there is no number there.
size_t parse_float_prefix(std::string_view s, double* out)
{
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        i++;
    auto word = [&](char const* w) {
        size_t n = std::strlen(w);
        if (s.size() - i < n)
            return false;
        for (size_t k = 0; k < n; k++)
            if ((s[i + k] | 0x20) != w[k])
                return false;
        return true;
    };
    size_t end;
    if (word("infinity"))
        end = i + 8;
    else if (word("inf") || word("nan"))
        end = i + 3;
    else {
        size_t j = i;
        bool any = false;
        auto run = [&]() {
            while (j < s.size() && (is_digit(s[j]) || (s[j] == '_' && j > 0 && is_digit(s[j - 1]) && j + 1 < s.size() && is_digit(s[j + 1])))) {
                any = any || is_digit(s[j]);
                j++;
            }
        };
        run();
        if (j < s.size() && s[j] == '.') {
            j++;
            run();
        }
        if (!any)
            return 0;
        if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
            size_t k = j + 1;
            if (k < s.size() && (s[k] == '+' || s[k] == '-'))
                k++;
            if (k < s.size() && is_digit(s[k])) {
                j = k;
                bool dummy = any;
                run();
                any = dummy;
            }
        }
        end = j;
    }
    if (!float_parse(s.substr(0, end), out))
        return 0;
    return end;
}

bool complex_parse(std::string_view s, double* re, double* im)
{
    size_t b = 0, e = s.size();
    while (b < e && is_space(s[b]))
        b++;
    while (e > b && is_space(s[e - 1]))
        e--;
    s = s.substr(b, e - b);
    if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
        s = s.substr(1, s.size() - 2);
        b = 0, e = s.size();
        while (b < e && is_space(s[b]))
            b++;
        while (e > b && is_space(s[e - 1]))
            e--;
        s = s.substr(b, e - b);
    }
    if (s.empty())
        return false;
    *re = 0.0;
    *im = 0.0;
    double x;
    size_t n = parse_float_prefix(s, &x);
    size_t pos = n;
    auto is_j = [&](size_t p) { return p < s.size() && (s[p] == 'j' || s[p] == 'J'); };
    if (n > 0) {
        if (is_j(pos)) {
            *im = x;
            pos++;
        } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
            *re = x;
            double y;
            size_t m = parse_float_prefix(s.substr(pos), &y);
            if (m > 0) {
                pos += m;
                if (!is_j(pos))
                    return false;
                *im = y;
                pos++;
            } else {
                *im = s[pos] == '-' ? -1.0 : 1.0;
                pos++;
                if (!is_j(pos))
                    return false;
                pos++;
            }
        } else {
            *re = x;
        }
    } else {
        double sign = 1.0;
        if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
            sign = s[pos] == '-' ? -1.0 : 1.0;
            pos++;
        }
        if (!is_j(pos))
            return false;
        *im = sign;
        pos++;
    }
    return pos == s.size();
}

Value complex_new_m(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1)
        raise(&exc::TypeError, "complex.__new__(): not enough arguments");
    Value clsv = args[0];
    if (!is_type(clsv))
        raise(&exc::TypeError, "complex.__new__(X): X is not a type object (%s)", type_name(clsv).c_str());
    Type* cls = clsv.as<Type>();
    if (!cls->is_subtype(&complex_type))
        raise(&exc::TypeError, "complex.__new__(%s): %s is not a subtype of complex",
            cls->name_str().c_str(), cls->name_str().c_str());
    Value out[2];
    parse_args("complex", args + 1, nargs - 1, kw, { "real", "imag" }, 0, out);
    Value r = out[0], i = out[1];
    double re = 0.0, im = 0.0;
    if (r && is_str(r)) {
        if (i)
            raise(&exc::TypeError, "complex() can't take second arg if first is a string");
        StrObject* s = r.as<StrObject>();
        std::string text = s->m_ascii ? std::string(s->ascii_view()) : int_transform_unicode(s);
        if (!complex_parse(text, &re, &im))
            raise(&exc::ValueError, "complex() arg is a malformed string");
        return Value(gc::make<ComplexObject>(cls, re, im));
    }
    if (i && is_str(i))
        raise(&exc::TypeError, "complex() second arg can't be a string");
    if (r && cls == &complex_type && !i && r.is_object() && r.as_object()->m_type == &complex_type)
        return r;
    double rr = 0.0, ri = 0.0, ir = 0.0, ii = 0.0;
    bool r_is_complex = false, i_is_complex = false;
    if (r) {
        r_is_complex = is_complex(r) || (!is_float(r) && !is_int(r) && type_of(r)->special(SP_complex));
        // Any argument but an exact complex goes through its __complex__ first, subclasses of
        // complex and float included.
        bool via_special = false;
        if (!(r.is_object() && r.as_object()->m_type == &complex_type))
            via_special = complex_special_opt(r, &rr, &ri);
        if (via_special)
            r_is_complex = true;
        else if (!complex_value_opt(r, &rr, &ri))
            raise(&exc::TypeError, "complex() first argument must be a string or a number, not '%s'",
                type_name(r).c_str());
    }
    if (i) {
        i_is_complex = is_complex(i);
        if (!complex_value_opt(i, &ir, &ii))
            raise(&exc::TypeError, "complex() second argument must be a number, not '%s'",
                type_name(i).c_str());
    }
    (void)r_is_complex;
    // (rr + ri j) + (ir + ii j) * j, keeping signed zeros as CPython does when a part is real.
    re = rr;
    im = ri;
    if (i) {
        if (i_is_complex)
            re -= ii;
        if (r_is_complex)
            im += ir;
        else
            im = ir;
    }
    return Value(gc::make<ComplexObject>(cls, re, im));
}

Value complex_get_real(Value self) { return float_new(self.as<ComplexObject>()->m_real); }
Value complex_get_imag(Value self) { return float_new(self.as<ComplexObject>()->m_imag); }

MethodDef const s_complex_methods[] = {
    { "__new__", complex_new_m, METH_STATIC },
    { "__add__", complex_add_m }, { "__radd__", complex_radd_m }, { "__sub__", complex_sub_m },
    { "__rsub__", complex_rsub_m }, { "__mul__", complex_mul_m }, { "__rmul__", complex_rmul_m },
    { "__truediv__", complex_truediv_m }, { "__rtruediv__", complex_rtruediv_m },
    { "__pow__", complex_pow_m }, { "__rpow__", complex_rpow_m },
    { "__eq__", complex_eq_m }, { "__ne__", complex_ne_m }, { "__lt__", complex_order_m },
    { "__le__", complex_order_m }, { "__gt__", complex_order_m }, { "__ge__", complex_order_m },
    { "__neg__", complex_neg_m }, { "__pos__", complex_pos_m }, { "__abs__", complex_abs_m },
    { "__bool__", complex_bool_m }, { "conjugate", complex_conjugate_m },
    { "__complex__", complex_complex_m }, { "__hash__", complex_hash_m },
    { "__repr__", complex_repr_m }, { "__format__", complex_format_m },
    { "__getnewargs__", complex_getnewargs_m },
    { nullptr, nullptr },
};

} // namespace

void init_complex_type()
{
    complex_type.m_doc = "Create a complex number from a real part and an optional imaginary part.\n\n"
                         "This is equivalent to (real + imag*1j) where imag defaults to 0.";
    add_methods(&complex_type, s_complex_methods);
    add_member(&complex_type, "real", complex_get_real, "the real part of a complex number");
    add_member(&complex_type, "imag", complex_get_imag, "the imaginary part of a complex number");
}

} // namespace pystm
