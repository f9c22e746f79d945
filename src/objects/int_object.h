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

// --- arithmetic and conversions ----------------------------------------------------------------
// sys.get_int_max_str_digits(): the limit on decimal digits for str <-> int conversion (0 = no
// limit). The sys module reads and sets it.
extern int g_int_max_str_digits;

Value int_abs(Value a);
Value int_invert(Value a);
Value int_and(Value a, Value b);
Value int_or(Value a, Value b);
Value int_xor(Value a, Value b);
Value int_lshift(Value a, Value b); // ValueError "negative shift count"
Value int_rshift(Value a, Value b);
Value int_divmod(Value a, Value b); // (a // b, a % b) as a tuple
// Correctly rounded a / b as a double (CPython's algorithm); ZeroDivisionError, OverflowError
// "integer division result too large for a float".
double int_truediv(Value a, Value b);
// a ** b, or pow(a, b, mod) when [mod] is an int (null or None: no modulus). A negative [b]
// without a modulus gives a float (via float pow).
Value int_pow(Value a, Value b, Value mod);
// Number of bits of |v| (int.bit_length()).
uint64_t int_bit_length(Value v);
// Text of [v] in base 2, 8, 10 or 16 with the "0b"/"0o"/"0x" prefix when [prefix] (after the
// sign, as bin()/oct()/hex()). Base 10 honours the digit limit.
std::string int_to_base(Value v, int base, bool prefix);
// A new instance of int subclass [t] (bool excluded) with the value of int [v].
Value int_subclass_new(Type* t, Value v);
// Exact comparison of int [i] with double [d] (not NaN): -1, 0, 1 as i <=> d.
int int_compare_double(Value i, double d);
// int.__format__ semantics (format(v, spec) for an int).
struct StrObject;
StrObject* int_format(Value v, StrObject* spec);
// An exact int from [v] (int or int subclass); [v] itself when already exact.
Value int_exact(Value v);

} // namespace pystm
