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

} // namespace pystm
