// int and bool. Small ints are tagged Values (objects/value.h, VAL-1); every other int value is
// an IntObject holding a GMP integer. Instances of int subclasses (bool, user classes) are always
// IntObjects, whatever their value. Immutable (OBJ-1).
#pragma once

#include "objects/object.h"
#include <gmp.h>
#include <string>

namespace pystm {

struct IntObject : Object {
    mpz_t m_value;
    explicit IntObject(Type* t) : Object(t) { mpz_init(m_value); }
};

extern Type int_type;
extern Type bool_type;

inline bool is_int(Value v)
{
    return v.is_small_int() || v.as_object()->m_type->has_flag(TF_INT_SUBCLASS);
}
inline bool is_exact_int(Value v) { return v.is_small_int() || v.as_object()->m_type == &int_type; }
inline bool is_bool(Value v) { return v.is_object() && v.as_object()->m_type == &bool_type; }

Value int_from_i64(int64_t i);
Value int_from_u64(uint64_t u);
Value int_from_mpz(mpz_t const z); // copies; normalises to a small int when it fits (VAL-1)
// int(text, base) semantics: base 0 or 2..36, underscores, whitespace, sign; raises ValueError
// with CPython's message ("invalid literal for int() with base 10: 'x'") and the 4300-digit limit.
Value int_from_string(std::string_view text, int base);
Value int_from_double(double d); // truncates; OverflowError for inf, ValueError for nan
// The value of int (or int subclass) [v] as int64; false if it does not fit.
bool int_to_i64(Value v, int64_t* out);
// The value as a double; OverflowError "int too large to convert to float".
double int_to_double(Value v);
// Sets [out] (initialised by the caller) to the value of int [v].
void int_to_mpz(Value v, mpz_t out);
// Decimal text; raises ValueError beyond sys.get_int_max_str_digits().
std::string int_to_decimal(Value v);
int int_sign(Value v); // -1, 0, 1
int int_compare(Value a, Value b); // both ints
int64_t int_hash(Value v); // CPython's hash: value mod (2**61 - 1), -1 mapped to -2

// Arithmetic on two ints (int or bool; results are exact ints). Division by zero raises
// ZeroDivisionError with CPython's messages.
Value int_add(Value a, Value b);
Value int_sub(Value a, Value b);
Value int_mul(Value a, Value b);
Value int_floordiv(Value a, Value b);
Value int_mod(Value a, Value b);
Value int_neg(Value a);

} // namespace pystm
