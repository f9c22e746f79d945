// Unit tests of int and bool (objects/int_object.h): VAL-1 normalisation at the small/big
// boundary, floor division and modulo signs, pow with modulus, shifts, hashing, exact
// comparison with doubles, correctly rounded true division, to_bytes/from_bytes round trips and
// the decimal digit limit. Expected values were checked against CPython 3.11.
#include "gc/heap.h"
#include "objects/bootstrap.h"
#include "objects/bytes_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "runtime.h"
#include "vm/thread_state.h"

#include <cmath>

#include <gtest/gtest.h>
#include <pthread.h>
#include <string>

using namespace pystm;
using pystm::test::ensure_runtime;

namespace {

class IntTest : public ::testing::Test {
protected:
    void SetUp() override { ensure_runtime(); }
};

Value I(char const* text) { return int_from_string(text, 10); }
std::string S(Value v) { return int_to_decimal(v); }

// Runs [f] and returns the type name and message of the exception it raised ("" if none).
template <class F> std::string raised(F f)
{
    try {
        f();
    } catch (PyError&) {
        Value e = take_exception();
        return type_name(e) + ": " + str_utf8(py_str(e));
    }
    return "";
}

Value call(Value self, char const* method, std::initializer_list<Value> args)
{
    return py_call_method(self, intern(method), args.begin(), args.size());
}

TEST_F(IntTest, SmallBigBoundaryKeepsVal1)
{
    Value max = int_from_i64(Value::SMALL_MAX);
    EXPECT_TRUE(max.is_small_int());
    Value over = int_add(max, Value::small_int(1));
    EXPECT_FALSE(over.is_small_int());
    EXPECT_EQ(S(over), "2305843009213693952");
    // Coming back into range must give a small int again.
    EXPECT_TRUE(int_sub(over, Value::small_int(1)).is_small_int());
    Value min = int_from_i64(Value::SMALL_MIN);
    EXPECT_TRUE(min.is_small_int());
    Value neg = int_neg(min);
    EXPECT_FALSE(neg.is_small_int());
    EXPECT_TRUE(int_neg(neg).is_small_int());
    EXPECT_FALSE(int_floordiv(I("4611686018427387904"), Value::small_int(2)).is_small_int());
    EXPECT_TRUE(int_floordiv(I("4611686018427387904"), Value::small_int(4)).is_small_int());
    EXPECT_TRUE(I("-2305843009213693952").is_small_int());
    EXPECT_FALSE(I("-2305843009213693953").is_small_int());
    EXPECT_FALSE(int_mul(Value::small_int(1 << 30), Value::small_int(int64_t(1) << 31)).is_small_int());
    EXPECT_FALSE(int_from_u64(UINT64_MAX).is_small_int());
    EXPECT_EQ(S(int_from_u64(UINT64_MAX)), "18446744073709551615");
}

TEST_F(IntTest, FloorDivisionAndModuloSigns)
{
    struct Case {
        char const *a, *b, *q, *r;
    };
    Case cases[] = {
        { "7", "2", "3", "1" },
        { "-7", "2", "-4", "1" },
        { "7", "-2", "-4", "-1" },
        { "-7", "-2", "3", "-1" },
        { "-6", "3", "-2", "0" },
        { "100000000000000000000000", "-7", "-14285714285714285714286", "-2" },
        { "-100000000000000000000000", "7", "-14285714285714285714286", "2" },
        { "-100000000000000000000000", "-100000000000000000000001", "0", "-100000000000000000000000" },
        { "5", "-100000000000000000000000", "-1", "-99999999999999999999995" },
        { "-2305843009213693952", "-1", "2305843009213693952", "0" },
    };
    for (auto const& c : cases) {
        EXPECT_EQ(S(int_floordiv(I(c.a), I(c.b))), c.q) << c.a << " // " << c.b;
        EXPECT_EQ(S(int_mod(I(c.a), I(c.b))), c.r) << c.a << " % " << c.b;
        Value dm = int_divmod(I(c.a), I(c.b));
        EXPECT_EQ(S(dm.as<TupleObject>()->item(0)), c.q);
        EXPECT_EQ(S(dm.as<TupleObject>()->item(1)), c.r);
    }
    EXPECT_EQ(raised([] { int_floordiv(Value::small_int(1), Value::small_int(0)); }),
        "ZeroDivisionError: integer division or modulo by zero");
    EXPECT_EQ(raised([] { int_mod(I("100000000000000000000000"), Value::small_int(0)); }),
        "ZeroDivisionError: integer modulo by zero");
}

TEST_F(IntTest, PowWithModulus)
{
    EXPECT_EQ(S(int_pow(Value::small_int(2), Value::small_int(10), Value::small_int(1000))), "24");
    EXPECT_EQ(S(int_pow(Value::small_int(3), Value::small_int(-1), Value::small_int(7))), "5");
    EXPECT_EQ(S(int_pow(Value::small_int(3), Value::small_int(5), Value::small_int(-7))), "-2");
    EXPECT_EQ(S(int_pow(Value::small_int(-3), Value::small_int(3), Value::small_int(7))), "1");
    EXPECT_EQ(S(int_pow(Value::small_int(5), Value::small_int(3), Value::small_int(1))), "0");
    EXPECT_EQ(S(int_pow(I("123456789012345678901234567890"), I("98765432109876543210"),
                  I("1000000000000000000000007"))),
        "512139344591361872278912");
    EXPECT_EQ(raised([] { int_pow(Value::small_int(2), Value::small_int(-1), Value::small_int(4)); }),
        "ValueError: base is not invertible for the given modulus");
    EXPECT_EQ(raised([] { int_pow(Value::small_int(2), Value::small_int(3), Value::small_int(0)); }),
        "ValueError: pow() 3rd argument cannot be 0");
    EXPECT_EQ(S(int_pow(Value::small_int(2), Value::small_int(100), Value())), "1267650600228229401496703205376");
    EXPECT_EQ(S(int_pow(Value::small_int(-1), I("100000000000000000000001"), Value())), "-1");
    Value half = int_pow(Value::small_int(2), Value::small_int(-1), Value());
    EXPECT_TRUE(is_exact_float(half));
}

TEST_F(IntTest, ShiftsAcrossTheBoundary)
{
    Value big = int_lshift(Value::small_int(1), Value::small_int(61));
    EXPECT_FALSE(big.is_small_int());
    EXPECT_EQ(S(big), "2305843009213693952");
    EXPECT_TRUE(int_rshift(big, Value::small_int(1)).is_small_int());
    EXPECT_EQ(S(int_lshift(Value::small_int(-1), Value::small_int(61))), "-2305843009213693952");
    EXPECT_TRUE(int_lshift(Value::small_int(-1), Value::small_int(61)).is_small_int());
    EXPECT_EQ(S(int_lshift(Value::small_int(3), Value::small_int(100))), "3802951800684688204490109616128");
    EXPECT_EQ(S(int_rshift(I("-3802951800684688204490109616129"), Value::small_int(100))), "-4");
    EXPECT_EQ(S(int_rshift(Value::small_int(-5), Value::small_int(1000))), "-1");
    EXPECT_EQ(S(int_rshift(Value::small_int(5), I("100000000000000000000000"))), "0");
    EXPECT_EQ(raised([] { int_lshift(Value::small_int(1), Value::small_int(-1)); }), "ValueError: negative shift count");
    EXPECT_EQ(raised([] { int_rshift(Value::small_int(1), Value::small_int(-1)); }), "ValueError: negative shift count");
    EXPECT_EQ(S(int_and(I("-100000000000000000000000"), Value::small_int(0xFFFF))), "0");
    EXPECT_EQ(S(int_xor(I("-100000000000000000000000"), Value::small_int(-1))), "99999999999999999999999");
    EXPECT_EQ(S(int_invert(I("99999999999999999999999"))), "-100000000000000000000000");
}

TEST_F(IntTest, HashMatchesCPython)
{
    EXPECT_EQ(int_hash(Value::small_int(-1)), -2);
    EXPECT_EQ(int_hash(I("2305843009213693952")), 1); // 2**61
    EXPECT_EQ(int_hash(I("-2305843009213693952")), -2);
    EXPECT_EQ(int_hash(I("2305843009213693951")), 0);
    EXPECT_EQ(int_hash(I("1267650600228229401496703205376")), 549755813888); // 2**100
    EXPECT_EQ(int_hash(I("-1267650600228229401496703205376")), -549755813888);
}

TEST_F(IntTest, ExactComparisonWithDoubles)
{
    Value p53p1 = I("9007199254740993"); // 2**53 + 1 is not a double
    EXPECT_EQ(int_compare_double(p53p1, 9007199254740992.0), 1);
    EXPECT_EQ(int_compare_double(p53p1, 9007199254740994.0), -1);
    EXPECT_EQ(int_compare_double(I("9007199254740992"), 9007199254740992.0), 0);
    EXPECT_EQ(int_compare_double(int_from_string("1" + std::string(400, '0'), 10), HUGE_VAL), -1);
    EXPECT_EQ(int_compare_double(int_from_string("1" + std::string(400, '0'), 10), 1e308), 1);
    EXPECT_EQ(int_compare_double(Value::small_int(-3), -2.5), -1);
    EXPECT_EQ(int_compare_double(Value::small_int(0), -0.0), 0);
}

TEST_F(IntTest, TrueDivisionIsCorrectlyRounded)
{
    EXPECT_EQ(int_truediv(Value::small_int(1), Value::small_int(3)), 1.0 / 3.0);
    Value big = int_pow(Value::small_int(10), Value::small_int(400), Value());
    EXPECT_EQ(int_truediv(big, int_pow(Value::small_int(10), Value::small_int(399), Value())), 10.0);
    EXPECT_EQ(int_truediv(Value::small_int(1), big), 0.0);
    // 2**54 + 3 over 2: exactly half-way between two doubles rounds to even.
    EXPECT_EQ(int_truediv(I("18014398509481987"), Value::small_int(2)), 9007199254740994.0);
    EXPECT_EQ(int_truediv(I("18014398509481985"), Value::small_int(2)), 9007199254740992.0);
    EXPECT_TRUE(std::signbit(int_truediv(Value::small_int(0), Value::small_int(-1))));
    EXPECT_EQ(raised([&] { int_truediv(big, Value::small_int(3)); }),
        "OverflowError: integer division result too large for a float");
    EXPECT_EQ(raised([] { int_truediv(Value::small_int(1), Value::small_int(0)); }), "ZeroDivisionError: division by zero");
    // The smallest subnormal and rounding below it.
    Value p1074 = int_lshift(Value::small_int(1), Value::small_int(1074));
    EXPECT_EQ(int_truediv(Value::small_int(1), p1074), 5e-324);
    EXPECT_EQ(int_truediv(Value::small_int(1), int_mul(p1074, Value::small_int(2))), 0.0);
    EXPECT_EQ(int_truediv(Value::small_int(3), int_mul(p1074, Value::small_int(2))), 1e-323);
}

TEST_F(IntTest, ToDouble)
{
    EXPECT_EQ(int_to_double(I("9007199254740993")), 9007199254740992.0);
    EXPECT_EQ(int_to_double(I("9007199254740995")), 9007199254740996.0);
    EXPECT_EQ(int_to_double(I("-18014398509481990")), -18014398509481992.0);
    Value max_ok = int_sub(int_lshift(Value::small_int(1), Value::small_int(1024)),
        int_lshift(Value::small_int(1), Value::small_int(970))); // half-way: rounds up to 2**1024
    EXPECT_EQ(raised([&] { int_to_double(max_ok); }), "OverflowError: int too large to convert to float");
    Value below = int_sub(max_ok, Value::small_int(1)); // just below half-way: DBL_MAX
    EXPECT_EQ(int_to_double(below), 1.7976931348623157e308);
}

TEST_F(IntTest, BytesRoundTrips)
{
    char const* values[] = { "0", "1", "-1", "127", "-128", "255", "-129", "65535", "2305843009213693951",
        "-2305843009213693952", "123456789012345678901234567890", "-123456789012345678901234567890" };
    Value big_s = Value(intern("big")), little_s = Value(intern("little"));
    for (char const* text : values) {
        Value v = I(text);
        for (Value order : { big_s, little_s }) {
            Value args[] = { Value::small_int(16), order, py_bool(true) };
            Value bytes = py_call(py_getattr(v, intern("to_bytes")), args, 2,
                tuple_of({ Value(intern("signed")) }));
            Value back_args[] = { bytes, order, py_bool(true) };
            Value back = py_call(py_getattr(Value(&int_type), intern("from_bytes")), back_args, 2,
                tuple_of({ Value(intern("signed")) }));
            EXPECT_EQ(S(back), text);
        }
    }
    EXPECT_EQ(raised([] { call(Value::small_int(256), "to_bytes", { Value::small_int(1), Value(intern("big")) }); }),
        "OverflowError: int too big to convert");
    EXPECT_EQ(raised([] { call(Value::small_int(-1), "to_bytes", { Value::small_int(1), Value(intern("big")) }); }),
        "OverflowError: can't convert negative int to unsigned");
}

TEST_F(IntTest, DecimalDigitLimit)
{
    std::string digits(5000, '7');
    EXPECT_EQ(raised([&] { int_from_string(digits, 10); }),
        "ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 "
        "digits; use sys.set_int_max_str_digits() to increase the limit");
    Value ok = int_from_string(digits, 16); // power-of-two bases have no limit
    EXPECT_EQ(raised([&] { int_to_decimal(ok); }),
        "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use "
        "sys.set_int_max_str_digits() to increase the limit");
    int saved = g_int_max_str_digits;
    g_int_max_str_digits = 0;
    Value v = int_from_string(digits, 10);
    EXPECT_EQ(int_to_decimal(v), digits);
    g_int_max_str_digits = saved;
    std::string limit(4300, '9');
    EXPECT_EQ(int_to_decimal(int_from_string(limit, 10)), limit);
}

TEST_F(IntTest, ParsingRules)
{
    EXPECT_EQ(S(int_from_string("  -1_000 \n", 10)), "-1000");
    EXPECT_EQ(S(int_from_string("0x_1F", 0)), "31");
    EXPECT_EQ(S(int_from_string("0b101", 2)), "5");
    EXPECT_EQ(S(int_from_string("000", 0)), "0");
    EXPECT_EQ(S(int_from_string("Zz", 36)), "1295");
    EXPECT_EQ(raised([] { int_from_string("010", 0); }), "ValueError: invalid literal for int() with base 0: '010'");
    EXPECT_EQ(raised([] { int_from_string("1__0", 10); }), "ValueError: invalid literal for int() with base 10: '1__0'");
    EXPECT_EQ(raised([] { int_from_string("_1", 10); }), "ValueError: invalid literal for int() with base 10: '_1'");
    EXPECT_EQ(raised([] { int_from_string("1_", 10); }), "ValueError: invalid literal for int() with base 10: '1_'");
    EXPECT_EQ(raised([] { int_from_string("", 10); }), "ValueError: invalid literal for int() with base 10: ''");
    EXPECT_EQ(raised([] { int_from_string("1", 37); }), "ValueError: int() base must be >= 2 and <= 36, or 0");
}

TEST_F(IntTest, BoolSingletons)
{
    EXPECT_TRUE(is_bool(Value(g_true)));
    EXPECT_TRUE(is_int(Value(g_true)));
    EXPECT_EQ(int_sign(Value(g_false)), 0);
    EXPECT_EQ(S(int_add(Value(g_true), Value(g_true))), "2");
    EXPECT_TRUE(int_add(Value(g_true), Value(g_true)).is_small_int());
    EXPECT_EQ(str_utf8(py_repr(Value(g_true))), "True");
    EXPECT_EQ(py_call1(Value(&bool_type), Value::small_int(5)), Value(g_true));
}

} // namespace
