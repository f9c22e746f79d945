// int and bool: the types, the singletons True/False, construction and conversion of int
// values, hashing, comparison and the fast arithmetic entry points the interpreter loop calls
// directly (int_add, int_sub, int_mul, int_floordiv, int_mod, int_compare).
//
// Invariants kept here:
//   VAL-1  every exact int in [SMALL_MIN, SMALL_MAX] is a tagged small int; int_from_mpz and
//          int_from_i64 are the only ways results are built, and both normalise.
//   OBJ-1  int and bool instances are immutable (TF_IMMUTABLE); bool has exactly two
//          instances, the permanent statics s_true / s_false.
//   INT-1  an IntObject of exact type int always holds a value outside the small range.
#include "objects/int_impl.h"
#include "objects/bootstrap.h"
#include "objects/exceptions.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "gc/heap.h"
#include <charconv>
#include <cmath>
#include <cstring>
#include <utf8proc.h>

namespace pystm {

Type int_type(&type_type);
Type bool_type(&type_type);

int g_int_max_str_digits = 4300;

namespace {
IntObject s_false(&bool_type);
IntObject s_true(&bool_type);
} // namespace

Object* const g_true = &s_true;
Object* const g_false = &s_false;

void int_destroy(Object* o) { mpz_clear(static_cast<IntObject*>(o)->m_value); }

void setup_int_types()
{
    init_static_type(&int_type, "int", nullptr, sizeof(IntObject),
        TF_BASETYPE | TF_IMMUTABLE | TF_INT_SUBCLASS, nullptr, int_destroy);
    gc::register_parallel_destroy(int_destroy); // frees only the object's own storage (GC-12)
    init_static_type(&bool_type, "bool", &int_type, sizeof(IntObject),
        TF_IMMUTABLE | TF_INT_SUBCLASS, nullptr, int_destroy);
    mpz_set_ui(s_true.m_value, 1);
    mpz_set_ui(s_false.m_value, 0);
    for (IntObject* o : { &s_true, &s_false }) {
        o->m_gc.fetch_or(OF_IMMUTABLE, std::memory_order_relaxed);
        gc::register_permanent(o);
    }
}

void init_int_types()
{
    int_type.m_doc = "int([x]) -> integer\nint(x, base=10) -> integer\n\n"
                     "Convert a number or string to an integer, or return 0 if no arguments\n"
                     "are given.  If x is a number, return x.__int__().  For floating point\n"
                     "numbers, this truncates towards zero.";
    bool_type.m_doc = "bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\n"
                      "The builtins True and False are the only two instances of the class bool.\n"
                      "The class bool is a subclass of the class int, and cannot be subclassed.";
    init_int_arith();
    init_int_methods();
}

// --- construction ----------------------------------------------------------------------------

namespace {
Value new_big_from_mpz(mpz_srcptr z)
{
    IntObject* o = gc::make<IntObject>(&int_type);
    mpz_set(o->m_value, z);
    return Value(o);
}
} // namespace

Value int_from_i64(int64_t i)
{
    if (PY_LIKELY(Value::fits_small(i)))
        return Value::small_int(i);
    IntObject* o = gc::make<IntObject>(&int_type);
    mpz_set_si(o->m_value, i);
    return Value(o);
}

Value int_from_u64(uint64_t u)
{
    if (u <= static_cast<uint64_t>(Value::SMALL_MAX))
        return Value::small_int(static_cast<int64_t>(u));
    IntObject* o = gc::make<IntObject>(&int_type);
    mpz_set_ui(o->m_value, u);
    return Value(o);
}

Value int_from_mpz(mpz_t const z)
{
    if (mpz_fits_slong_p(z)) {
        long l = mpz_get_si(z);
        if (Value::fits_small(l))
            return Value::small_int(l);
    }
    return new_big_from_mpz(z);
}

Value int_exact(Value v)
{
    if (v.is_small_int() || v.as_object()->m_type == &int_type)
        return v;
    return int_from_mpz(static_cast<IntObject*>(v.as_object())->m_value);
}

Value int_subclass_new(Type* t, Value v)
{
    IntObject* o = gc::make<IntObject>(t);
    int_to_mpz(v, o->m_value);
    return Value(o);
}

Value int_from_double(double d)
{
    if (std::isinf(d))
        raise(&exc::OverflowError, "cannot convert float infinity to integer");
    if (std::isnan(d))
        raise(&exc::ValueError, "cannot convert float NaN to integer");
    double t = std::trunc(d);
    if (t >= -4611686018427387904.0 && t < 4611686018427387904.0) // |t| < 2**62
        return int_from_i64(static_cast<int64_t>(t));
    Mpz z;
    mpz_set_d(z, t);
    return int_from_mpz(z);
}

// --- conversion ------------------------------------------------------------------------------

bool int_to_i64(Value v, int64_t* out)
{
    if (v.is_small_int()) {
        *out = v.as_small_int();
        return true;
    }
    mpz_srcptr z = static_cast<IntObject*>(v.as_object())->m_value;
    if (!mpz_fits_slong_p(z))
        return false;
    *out = mpz_get_si(z);
    return true;
}

void int_to_mpz(Value v, mpz_t out)
{
    if (v.is_small_int())
        mpz_set_si(out, v.as_small_int());
    else
        mpz_set(out, static_cast<IntObject*>(v.as_object())->m_value);
}

double int_to_double(Value v)
{
    if (v.is_small_int())
        return static_cast<double>(v.as_small_int()); // correctly rounded by the hardware
    mpz_srcptr z = static_cast<IntObject*>(v.as_object())->m_value;
    if (mpz_fits_slong_p(z))
        return static_cast<double>(mpz_get_si(z));
    // Round half to even: keep the top 55 bits plus a sticky bit for everything below, so the
    // hardware conversion of that 56-bit value rounds exactly as the full value would.
    size_t nbits = mpz_sizeinbase(z, 2);
    if (nbits > 1024)
        raise(&exc::OverflowError, "int too large to convert to float");
    size_t shift = nbits - 55;
    Mpz q;
    mpz_tdiv_q_2exp(q, z, shift); // truncates toward zero on |z|
    mpz_abs(q, q);
    uint64_t top = mpz_get_ui(q);
    // The sticky bit: are any of the discarded low bits of |z| set?
    if (mpz_scan1(z, 0) < shift)
        top |= 1;
    double d = std::ldexp(static_cast<double>(top), static_cast<int>(shift));
    if (std::isinf(d))
        raise(&exc::OverflowError, "int too large to convert to float");
    return mpz_sgn(z) < 0 ? -d : d;
}

void raise_int_str_limit()
{
    raise(&exc::ValueError,
        "Exceeds the limit (%d digits) for integer string conversion; use "
        "sys.set_int_max_str_digits() to increase the limit",
        g_int_max_str_digits);
}

std::string int_to_decimal(Value v)
{
    if (v.is_small_int()) {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, v.as_small_int());
        return std::string(buf, r.ptr);
    }
    mpz_srcptr z = static_cast<IntObject*>(v.as_object())->m_value;
    size_t est = mpz_sizeinbase(z, 10); // exact or one too big
    if (g_int_max_str_digits > 0 && est > static_cast<size_t>(g_int_max_str_digits) + 1)
        raise_int_str_limit();
    std::string out(est + 2, '\0');
    mpz_get_str(out.data(), 10, z);
    out.resize(std::strlen(out.c_str()));
    if (g_int_max_str_digits > 0) {
        size_t ndigits = out.size() - (out[0] == '-' ? 1 : 0);
        if (ndigits > static_cast<size_t>(g_int_max_str_digits))
            raise_int_str_limit();
    }
    return out;
}

std::string int_to_base(Value v, int base, bool prefix)
{
    if (base == 10)
        return int_to_decimal(v);
    IntView z(v);
    std::string digits(mpz_sizeinbase(z, base) + 2, '\0');
    mpz_get_str(digits.data(), base, z);
    digits.resize(std::strlen(digits.c_str()));
    if (!prefix)
        return digits;
    char const* p = base == 16 ? "0x" : base == 8 ? "0o" : "0b";
    if (digits[0] == '-')
        return "-" + std::string(p) + digits.substr(1);
    return p + digits;
}

// --- parsing ---------------------------------------------------------------------------------

namespace {
bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

[[noreturn]] void invalid_literal(int base, std::string_view text, Value source)
{
    StrObject* r = py_repr(source ? source : Value(str_from_utf8(text)));
    // CPython formats the repr with %.200R: at most 200 code points of it.
    if (r->m_length > 200)
        r = str_substr(r, 0, 200);
    raise(&exc::ValueError, "invalid literal for int() with base %d: %s", base, str_utf8(r).c_str());
}
} // namespace

Value int_parse_source(std::string_view text, int base, Value source)
{
    if (base != 0 && (base < 2 || base > 36))
        raise(&exc::ValueError, "int() base must be >= 2 and <= 36, or 0");
    int orig_base = base;
    size_t i = 0, n = text.size();
    while (i < n && is_ascii_space(text[i]))
        i++;
    bool negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) {
        negative = text[i] == '-';
        i++;
    }
    auto prefix_is = [&](char lower) {
        return i + 1 < n && text[i] == '0' && (text[i + 1] | 0x20) == lower;
    };
    bool base0_leading_zero = false;
    if (base == 0) {
        if (prefix_is('x'))
            base = 16;
        else if (prefix_is('o'))
            base = 8;
        else if (prefix_is('b'))
            base = 2;
        else {
            base = 10;
            base0_leading_zero = i < n && text[i] == '0';
        }
    }
    bool had_prefix = false;
    if ((base == 16 && prefix_is('x')) || (base == 8 && prefix_is('o')) || (base == 2 && prefix_is('b'))) {
        i += 2;
        had_prefix = true;
        // One underscore may separate the prefix from the digits.
        if (i < n && text[i] == '_')
            i++;
    }
    (void)had_prefix;
    std::string digits;
    bool prev_underscore = false;
    if (i < n && text[i] == '_')
        invalid_literal(orig_base, text, source);
    for (; i < n; i++) {
        char c = text[i];
        if (c == '_') {
            if (prev_underscore)
                invalid_literal(orig_base, text, source);
            prev_underscore = true;
            continue;
        }
        if (digit_value(c) >= base)
            break;
        prev_underscore = false;
        digits.push_back(c);
    }
    if (prev_underscore || digits.empty())
        invalid_literal(orig_base, text, source);
    while (i < n && is_ascii_space(text[i]))
        i++;
    if (i != n)
        invalid_literal(orig_base, text, source);
    if (base0_leading_zero && digits.find_first_not_of('0') != std::string::npos)
        invalid_literal(orig_base, text, source);
    if ((base & (base - 1)) != 0 && g_int_max_str_digits > 0
        && digits.size() > static_cast<size_t>(g_int_max_str_digits))
        raise(&exc::ValueError,
            "Exceeds the limit (%d digits) for integer string conversion: value has %zu digits; "
            "use sys.set_int_max_str_digits() to increase the limit",
            g_int_max_str_digits, digits.size());
    if (digits.size() <= 15 && base <= 16) {
        int64_t v = 0;
        for (char c : digits)
            v = v * base + digit_value(c);
        return int_from_i64(negative ? -v : v);
    }
    Mpz z;
    mpz_set_str(z, digits.c_str(), base);
    if (negative)
        mpz_neg(z, z);
    return int_from_mpz(z);
}

Value int_from_string(std::string_view text, int base) { return int_parse_source(text, base, Value()); }

std::string int_transform_unicode(StrObject* s)
{
    std::string out;
    out.reserve(static_cast<size_t>(s->m_length));
    for (int64_t i = 0; i < s->m_length; i++) {
        uint32_t cp = s->at(i);
        if (cp < 128) {
            out.push_back(static_cast<char>(cp));
            continue;
        }
        auto const* prop = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
        if (prop->category == UTF8PROC_CATEGORY_ND) {
            // Decimal digits come in contiguous runs of ten starting at zero; the digit's value
            // is its distance from the start of its run, modulo 10.
            uint32_t start = cp;
            while (start > 0
                && utf8proc_get_property(static_cast<utf8proc_int32_t>(start - 1))->category
                    == UTF8PROC_CATEGORY_ND)
                start--;
            out.push_back(static_cast<char>('0' + (cp - start) % 10));
        } else if (prop->category == UTF8PROC_CATEGORY_ZS || cp == 0x85 || cp == 0x2028
            || cp == 0x2029 || (cp >= 0x1C && cp <= 0x1F)) {
            out.push_back(' ');
        } else {
            // Anything else makes the literal invalid; keep a byte that is never a digit.
            out.push_back('?');
        }
    }
    return out;
}

// --- hashing and comparison ------------------------------------------------------------------

int64_t int_hash(Value v)
{
    constexpr uint64_t P = (uint64_t(1) << 61) - 1; // CPython's _PyHASH_MODULUS
    int64_t h;
    if (v.is_small_int()) {
        h = v.as_small_int() % static_cast<int64_t>(P);
    } else {
        mpz_srcptr z = static_cast<IntObject*>(v.as_object())->m_value;
        h = static_cast<int64_t>(mpz_tdiv_ui(z, P));
        if (mpz_sgn(z) < 0)
            h = -h;
    }
    return h == -1 ? -2 : h;
}

int int_sign(Value v)
{
    if (v.is_small_int()) {
        int64_t i = v.as_small_int();
        return (i > 0) - (i < 0);
    }
    return mpz_sgn(static_cast<IntObject*>(v.as_object())->m_value);
}

int int_compare(Value a, Value b)
{
    if (PY_LIKELY(a.is_small_int() && b.is_small_int())) {
        int64_t x = a.as_small_int(), y = b.as_small_int();
        return (x > y) - (x < y);
    }
    IntView x(a), y(b);
    int c = mpz_cmp(x, y);
    return (c > 0) - (c < 0);
}

int int_compare_double(Value i, double d)
{
    if (i.is_small_int()) {
        int64_t x = i.as_small_int();
        // Exact when |x| <= 2**53; otherwise compare through GMP.
        if (x >= -(int64_t(1) << 53) && x <= (int64_t(1) << 53)) {
            double xd = static_cast<double>(x);
            return (xd > d) - (xd < d);
        }
    }
    IntView z(i);
    int c = mpz_cmp_d(z, d); // exact, handles infinities
    return (c > 0) - (c < 0);
}

// --- arithmetic fast paths -------------------------------------------------------------------

Value int_add(Value a, Value b)
{
    if (PY_LIKELY(a.is_small_int() && b.is_small_int()))
        return int_from_i64(a.as_small_int() + b.as_small_int()); // 62-bit operands cannot overflow
    IntView x(a), y(b);
    Mpz r;
    mpz_add(r, x, y);
    return int_from_mpz(r);
}

Value int_sub(Value a, Value b)
{
    if (PY_LIKELY(a.is_small_int() && b.is_small_int()))
        return int_from_i64(a.as_small_int() - b.as_small_int());
    IntView x(a), y(b);
    Mpz r;
    mpz_sub(r, x, y);
    return int_from_mpz(r);
}

Value int_mul(Value a, Value b)
{
    if (PY_LIKELY(a.is_small_int() && b.is_small_int())) {
        int64_t r;
        if (!__builtin_mul_overflow(a.as_small_int(), b.as_small_int(), &r))
            return int_from_i64(r);
    }
    IntView x(a), y(b);
    Mpz r;
    mpz_mul(r, x, y);
    return int_from_mpz(r);
}

Value int_floordiv(Value a, Value b)
{
    if (PY_LIKELY(a.is_small_int() && b.is_small_int())) {
        int64_t x = a.as_small_int(), y = b.as_small_int();
        if (PY_UNLIKELY(y == 0))
            raise(&exc::ZeroDivisionError, "integer division or modulo by zero");
        int64_t q = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0)))
            q--;
        return int_from_i64(q);
    }
    if (int_sign(b) == 0)
        raise(&exc::ZeroDivisionError, "integer division or modulo by zero");
    IntView x(a), y(b);
    Mpz r;
    mpz_fdiv_q(r, x, y);
    return int_from_mpz(r);
}

Value int_mod(Value a, Value b)
{
    if (PY_LIKELY(a.is_small_int() && b.is_small_int())) {
        int64_t x = a.as_small_int(), y = b.as_small_int();
        if (PY_UNLIKELY(y == 0))
            raise(&exc::ZeroDivisionError, "integer modulo by zero");
        int64_t r = x % y;
        if (r != 0 && ((r < 0) != (y < 0)))
            r += y;
        return Value::small_int(r);
    }
    if (int_sign(b) == 0)
        raise(&exc::ZeroDivisionError, "integer modulo by zero");
    IntView x(a), y(b);
    Mpz r;
    mpz_fdiv_r(r, x, y);
    return int_from_mpz(r);
}

Value int_divmod(Value a, Value b)
{
    if (int_sign(b) == 0)
        raise(&exc::ZeroDivisionError, "integer division or modulo by zero");
    if (a.is_small_int() && b.is_small_int()) {
        int64_t x = a.as_small_int(), y = b.as_small_int();
        int64_t q = x / y, r = x % y;
        if (r != 0 && ((r < 0) != (y < 0))) {
            q--;
            r += y;
        }
        return Value(tuple_of({ int_from_i64(q), Value::small_int(r) }));
    }
    IntView x(a), y(b);
    Mpz q, r;
    mpz_fdiv_qr(q, r, x, y);
    Value qv = int_from_mpz(q);
    Value rv = int_from_mpz(r);
    return Value(tuple_of({ qv, rv }));
}

Value int_neg(Value a)
{
    if (PY_LIKELY(a.is_small_int()))
        return int_from_i64(-a.as_small_int());
    Mpz r;
    mpz_neg(r, static_cast<IntObject*>(a.as_object())->m_value);
    return int_from_mpz(r);
}

Value int_abs(Value a)
{
    if (PY_LIKELY(a.is_small_int())) {
        int64_t i = a.as_small_int();
        return int_from_i64(i < 0 ? -i : i);
    }
    Mpz r;
    mpz_abs(r, static_cast<IntObject*>(a.as_object())->m_value);
    return int_from_mpz(r);
}

Value int_invert(Value a)
{
    if (PY_LIKELY(a.is_small_int()))
        return int_from_i64(~a.as_small_int());
    Mpz r;
    mpz_com(r, static_cast<IntObject*>(a.as_object())->m_value);
    return int_from_mpz(r);
}

// GMP's logical operations use infinite two's complement, which is exactly Python's semantics.
Value int_and(Value a, Value b)
{
    if (PY_LIKELY(a.is_small_int() && b.is_small_int()))
        return Value::small_int(a.as_small_int() & b.as_small_int());
    IntView x(a), y(b);
    Mpz r;
    mpz_and(r, x, y);
    return int_from_mpz(r);
}

Value int_or(Value a, Value b)
{
    if (PY_LIKELY(a.is_small_int() && b.is_small_int()))
        return Value::small_int(a.as_small_int() | b.as_small_int());
    IntView x(a), y(b);
    Mpz r;
    mpz_ior(r, x, y);
    return int_from_mpz(r);
}

Value int_xor(Value a, Value b)
{
    if (PY_LIKELY(a.is_small_int() && b.is_small_int()))
        return Value::small_int(a.as_small_int() ^ b.as_small_int());
    IntView x(a), y(b);
    Mpz r;
    mpz_xor(r, x, y);
    return int_from_mpz(r);
}

uint64_t int_bit_length(Value v)
{
    if (v.is_small_int()) {
        int64_t i = v.as_small_int();
        uint64_t u = i < 0 ? -static_cast<uint64_t>(i) : static_cast<uint64_t>(i);
        return u == 0 ? 0 : 64 - static_cast<uint64_t>(__builtin_clzll(u));
    }
    mpz_srcptr z = static_cast<IntObject*>(v.as_object())->m_value;
    return mpz_sgn(z) == 0 ? 0 : mpz_sizeinbase(z, 2);
}

} // namespace pystm
