// Private helpers shared by float_object.cpp, float_format.cpp, complex_object.cpp,
// int_format.cpp and the math module.
#pragma once

#include "objects/float_object.h"
#include "objects/format_spec.h"

namespace pystm {

// float.__format__ with an already parsed spec (also used by int for 'e' 'f' 'g' '%').
std::string float_format_spec(double d, FormatSpec const& spec, char const* type_name = "float");
// complex ** complex with CPython's algorithm; ZeroDivisionError "0.0 to a negative or complex
// power", OverflowError "complex exponentiation".
void complex_pow(double ar, double ai, double br, double bi, double* rr, double* ri);
// Raises OverflowError (34, 'Numerical result out of range') as CPython's errno path does.
[[noreturn]] void raise_float_range_error();
// The double value of a float or int operand of an arithmetic dunder; false for other types.
bool float_operand(Value v, double* out);
// complex_object.cpp's set-up hooks, called from setup_float_types / init_float_types.
void setup_complex_type();
void init_complex_type();

} // namespace pystm
