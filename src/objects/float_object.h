// float (IEEE 754 binary64) and complex. Immutable (OBJ-1).
#pragma once

#include "objects/object.h"
#include <string>

namespace pystm {

struct FloatObject : Object {
    double m_value;
    FloatObject(Type* t, double v) : Object(t), m_value(v) { }
};
struct ComplexObject : Object {
    double m_real;
    double m_imag;
    ComplexObject(Type* t, double re, double im) : Object(t), m_real(re), m_imag(im) { }
};

extern Type float_type;
extern Type complex_type;

Value float_new(double d);
Value complex_new(double re, double im);
inline bool is_float(Value v) { return v.is_object() && v.as_object()->m_type->is_subtype(&float_type); }
inline bool is_exact_float(Value v) { return v.is_object() && v.as_object()->m_type == &float_type; }
inline double float_value(Value v) { return v.as<FloatObject>()->m_value; }
// repr(): the shortest string that round-trips, in CPython's layout ("1e+16", "0.1", "inf").
std::string float_repr(double d);
int64_t float_hash(double d); // CPython's numeric hash
// Parses a float literal or float() argument (whitespace, underscores per CPython rules,
// "inf", "nan"); false if invalid.
bool float_parse(std::string_view text, double* out);

// --- arithmetic and conversions ----------------------------------------------------------------
// a ** b with CPython's float rules: a float, or a complex for a negative base and a non-integer
// exponent; ZeroDivisionError "0.0 cannot be raised to a negative power", OverflowError
// (34, 'Numerical result out of range').
Value float_pow(double a, double b);
// Python's a // b, a % b and divmod for floats (ZeroDivisionError with CPython's messages).
double float_floordiv(double a, double b);
double float_mod(double a, double b);
// float.__format__ / complex.__format__ semantics.
struct StrObject;
// [type_name] names the object's type in error messages.
StrObject* float_format(double d, StrObject* spec, char const* type_name = "float");
StrObject* complex_format(double re, double im, StrObject* spec, char const* type_name = "complex");
// repr() of a complex: "(1+2j)", "1j", "(-0-0j)".
std::string complex_repr(double re, double im);
// The complex value of [v] (complex, float, int, __complex__, __float__, __index__); false if [v]
// is not a number of any of those kinds (nothing raised then).
bool complex_value_opt(Value v, double* re, double* im);
// Shortest repr-style digits of [d] with [mode] 'r' (repr), or 'e'/'f'/'g' with [precision],
// as CPython's PyOS_double_to_string (flags: [alternate] for '#', [add_dot_0] to append ".0"
// to integral 'r'/'g' results without an exponent).
std::string double_to_string(double d, char mode, int precision, bool alternate, bool add_dot_0);

} // namespace pystm
