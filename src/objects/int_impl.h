// Private helpers shared by the int implementation files (int_object.cpp, int_arith.cpp,
// int_methods.cpp, int_format.cpp). Not for use outside the int/float/math code.
#pragma once

#include "objects/int_object.h"

namespace pystm {

// A read-only mpz view of any int Value. Small ints are viewed through a stack limb (no GMP
// allocation); big ints and subclass instances are viewed in place.
class IntView {
public:
    explicit IntView(Value v)
    {
        if (v.is_small_int()) {
            int64_t i = v.as_small_int();
            m_limb = static_cast<mp_limb_t>(i < 0 ? -static_cast<uint64_t>(i) : static_cast<uint64_t>(i));
            mpz_roinit_n(m_tmp, &m_limb, i < 0 ? -1 : (i > 0 ? 1 : 0));
            m_ptr = m_tmp;
        } else {
            m_ptr = static_cast<IntObject*>(v.as_object())->m_value;
        }
    }
    IntView(IntView const&) = delete;
    IntView& operator=(IntView const&) = delete;
    operator mpz_srcptr() const { return m_ptr; }
    mpz_srcptr get() const { return m_ptr; }
    // GMP's mpz_sgn / mpz_cmp_ui macros dereference their argument with ->.
    mpz_srcptr operator->() const { return m_ptr; }

private:
    mp_limb_t m_limb = 0;
    mpz_t m_tmp;
    mpz_srcptr m_ptr;
};

// An owned GMP integer (RAII).
struct Mpz {
    mpz_t z;
    Mpz() { mpz_init(z); }
    ~Mpz() { mpz_clear(z); }
    Mpz(Mpz const&) = delete;
    Mpz& operator=(Mpz const&) = delete;
    operator mpz_ptr() { return z; }
    operator mpz_srcptr() const { return z; }
    mpz_ptr operator->() { return z; }
    mpz_srcptr operator->() const { return z; }
};

// int_object.cpp
void int_destroy(Object* o);
// ValueError for the digit limit when converting int -> str.
[[noreturn]] void raise_int_str_limit();
// Parses int text (ASCII, already transformed from Unicode digits/spaces); on a syntax error
// raises ValueError "invalid literal for int() with base N: <repr(source)>" (source null: the
// text itself as a str).
Value int_parse_source(std::string_view text, int base, Value source);
// Builds the result of int(str) for non-ASCII str: Unicode decimal digits become ASCII digits
// and Unicode whitespace becomes ' ' (CPython's _PyUnicode_TransformDecimalAndSpaceToASCII).
std::string int_transform_unicode(StrObject* s);

// int_methods.cpp / int_arith.cpp
void init_int_arith(); // adds the arithmetic dunders to int
void init_int_methods(); // adds the other methods to int and bool

} // namespace pystm
