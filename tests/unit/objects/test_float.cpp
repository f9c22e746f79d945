// Unit tests of float and complex text conversion and hashing (objects/float_object.h) and of
// the format-spec parser (objects/format_spec.h): repr round trips over many bit patterns,
// CPython's repr layout, float() parsing rules, hashes and __format__ results recorded from
// CPython 3.11.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/bootstrap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/format_spec.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/type_object.h"
#include "runtime.h"
#include "vm/thread_state.h"

#include <cmath>
#include <cstring>
#include <gtest/gtest.h>
#include <pthread.h>
#include <string>

using namespace pystm;
using pystm::test::ensure_runtime;

namespace {

class FloatTest : public ::testing::Test {
protected:
    void SetUp() override { ensure_runtime(); }
};

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

std::string fmt(double d, char const* spec) { return str_utf8(float_format(d, str_from_utf8(spec))); }

TEST_F(FloatTest, ReprLayout)
{
    EXPECT_EQ(float_repr(1e16), "1e+16");
    EXPECT_EQ(float_repr(1e15), "1000000000000000.0");
    EXPECT_EQ(float_repr(1.5e-5), "1.5e-05");
    EXPECT_EQ(float_repr(0.0001), "0.0001");
    EXPECT_EQ(float_repr(0.1), "0.1");
    EXPECT_EQ(float_repr(-0.0), "-0.0");
    EXPECT_EQ(float_repr(HUGE_VAL), "inf");
    EXPECT_EQ(float_repr(-HUGE_VAL), "-inf");
    EXPECT_EQ(float_repr(NAN), "nan");
    EXPECT_EQ(float_repr(5e-324), "5e-324");
    EXPECT_EQ(float_repr(1.7976931348623157e308), "1.7976931348623157e+308");
    EXPECT_EQ(float_repr(123456789.0), "123456789.0");
    EXPECT_EQ(float_repr(0.1 + 0.2), "0.30000000000000004");
    EXPECT_EQ(float_repr(9.999999999999999e22), "1e+23"); // the same double
}

TEST_F(FloatTest, ReprRoundTripsOverBitPatterns)
{
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 20000; i++) {
        // xorshift64*: a deterministic spread over all exponents and mantissas.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        uint64_t bits = state * 0x2545F4914F6CDD1Dull;
        double d;
        std::memcpy(&d, &bits, sizeof d);
        if (std::isnan(d))
            continue;
        std::string r = float_repr(d);
        double back;
        ASSERT_TRUE(float_parse(r, &back)) << r;
        ASSERT_EQ(std::memcmp(&back, &d, sizeof d), 0) << r;
    }
}

TEST_F(FloatTest, ParseRules)
{
    double d;
    EXPECT_TRUE(float_parse("  1_0.5  ", &d));
    EXPECT_EQ(d, 10.5);
    EXPECT_TRUE(float_parse("-Infinity", &d));
    EXPECT_EQ(d, -HUGE_VAL);
    EXPECT_TRUE(float_parse("+nAn", &d));
    EXPECT_TRUE(std::isnan(d));
    EXPECT_TRUE(float_parse(".5", &d));
    EXPECT_EQ(d, 0.5);
    EXPECT_TRUE(float_parse("5.", &d));
    EXPECT_EQ(d, 5.0);
    EXPECT_TRUE(float_parse("1e1_0", &d));
    EXPECT_EQ(d, 1e10);
    EXPECT_TRUE(float_parse("1e500", &d));
    EXPECT_EQ(d, HUGE_VAL);
    EXPECT_TRUE(float_parse("-1e-500", &d));
    EXPECT_TRUE(d == 0.0 && std::signbit(d));
    for (char const* bad : { "", " ", ".", "1e", "1_.5", "1._5", "_1", "1_", "0x10", "1__0", "in f", "e5", "--1" })
        EXPECT_FALSE(float_parse(bad, &d)) << bad;
}

TEST_F(FloatTest, HashMatchesCPython)
{
    EXPECT_EQ(float_hash(1.5), 1152921504606846977);
    EXPECT_EQ(float_hash(-0.5), -1152921504606846976);
    EXPECT_EQ(float_hash(1e300), 1224995262755759164);
    EXPECT_EQ(float_hash(5e-324), 16777216);
    EXPECT_EQ(float_hash(HUGE_VAL), 314159);
    EXPECT_EQ(float_hash(-HUGE_VAL), -314159);
    EXPECT_EQ(float_hash(-1.0), -2);
    // Integral floats hash like the equal int.
    EXPECT_EQ(float_hash(1267650600228229401496703205376.0), 549755813888);
}

TEST_F(FloatTest, FormatSpecs)
{
    EXPECT_EQ(fmt(1234.5, "0=12,.1f"), "00,001,234.5");
    EXPECT_EQ(fmt(1.0, "#"), "1.0");
    EXPECT_EQ(fmt(1.0, "#.0f"), "1.");
    EXPECT_EQ(fmt(1.0, "#g"), "1.00000");
    EXPECT_EQ(fmt(123.456, ".2"), "1.2e+02");
    EXPECT_EQ(fmt(1e16, ".17"), "1e+16");
    EXPECT_EQ(fmt(2.675, ".2f"), "2.67");
    EXPECT_EQ(fmt(-0.0, "z.1f"), "0.0");
    EXPECT_EQ(fmt(NAN, "010"), "0000000nan");
    EXPECT_EQ(fmt(-HUGE_VAL, "010"), "-000000inf");
    EXPECT_EQ(fmt(HUGE_VAL, "+E"), "+INF");
    EXPECT_EQ(fmt(1.0, "%"), "100.000000%");
    EXPECT_EQ(fmt(0.1, ".30f"), "0.100000000000000005551115123126");
    EXPECT_EQ(fmt(12345678.0, "_"), "12_345_678.0");
    EXPECT_EQ(fmt(5e-324, ".3g"), "4.94e-324");
    EXPECT_EQ(raised([] { fmt(1.0, "d"); }), "ValueError: Unknown format code 'd' for object of type 'float'");
    EXPECT_EQ(str_utf8(complex_format(1, 2, str_from_ascii("#"))), "(1.+2.j)");
    EXPECT_EQ(str_utf8(complex_format(-0.0, -2, str_from_ascii(".3"))), "(-0-2j)");
    EXPECT_EQ(complex_repr(-0.0, -0.0), "(-0-0j)");
    EXPECT_EQ(complex_repr(0.0, 1e20), "1e+20j");
}

TEST_F(FloatTest, FormatSpecParser)
{
    FormatSpec f = parse_format_spec("*^+z#012_.3f", '>', 0, "float");
    EXPECT_EQ(f.fill, static_cast<uint32_t>('*'));
    EXPECT_EQ(f.align, '^');
    EXPECT_EQ(f.sign, '+');
    EXPECT_TRUE(f.no_neg_zero);
    EXPECT_TRUE(f.alternate);
    EXPECT_EQ(f.width, 12); // the '0' after an explicit fill is part of the width
    EXPECT_EQ(f.grouping, '_');
    EXPECT_EQ(f.precision, 3);
    EXPECT_EQ(f.type, static_cast<uint32_t>('f'));
    FormatSpec g = parse_format_spec("010", '>', 'd', "int");
    EXPECT_EQ(g.align, '=');
    EXPECT_EQ(g.fill, static_cast<uint32_t>('0'));
    FormatSpec s = parse_format_spec("010", '<', 's', "str");
    EXPECT_EQ(s.align, '<');
    EXPECT_EQ(raised([] { parse_format_spec("abc", '>', 'd', "int"); }),
        "ValueError: Invalid format specifier 'abc' for object of type 'int'");
    EXPECT_EQ(raised([] { parse_format_spec(",_", '>', 'd', "int"); }), "ValueError: Cannot specify both ',' and '_'.");
    EXPECT_EQ(raised([] { parse_format_spec(",,", '>', 'd', "int"); }), "ValueError: Cannot specify ',' with ','.");
    EXPECT_EQ(raised([] { parse_format_spec(",x", '>', 'd', "int"); }), "ValueError: Cannot specify ',' with 'x'.");
    EXPECT_EQ(raised([] { parse_format_spec(".", '>', 'd', "int"); }), "ValueError: Format specifier missing precision");
    EXPECT_EQ(raised([] { parse_format_spec("99999999999999999999", '>', 'd', "int"); }),
        "ValueError: Too many decimal digits in format string");
    EXPECT_EQ(raised([] { format_unknown_code(0xE9, "int"); }),
        "ValueError: Unknown format code '\\xe9' for object of type 'int'");
}

// cmath is registered by the runtime's module table; here its functions are called directly.
TEST_F(FloatTest, CmathMatchesCPython)
{
    ModuleObject* m = init_cmath_module();
    auto call = [&](char const* fn, double re, double im) {
        try {
            return repr_utf8(py_call1(dict_get_cstr(m->m_dict, fn), complex_new(re, im)));
        } catch (PyError&) {
            Value e = take_exception();
            return type_name(e) + ": " + str_utf8(py_str(e));
        }
    };
    EXPECT_EQ(call("sqrt", 0.0, 1.0), "(0.7071067811865476+0.7071067811865475j)");
    EXPECT_EQ(call("sqrt", -1.0, 0.0), "1j");
    EXPECT_EQ(call("acos", 0.0, 1.0), "(1.5707963267948966-0.881373587019543j)");
    EXPECT_EQ(call("atanh", 1.0, 0.0), "ValueError: math domain error");
    EXPECT_EQ(call("log", 0.0, 0.0), "ValueError: math domain error");
    EXPECT_EQ(call("exp", 710.0, 0.0), "OverflowError: math range error");
    EXPECT_EQ(call("asinh", 0.0, -3.5), "(1.9248473002384137-1.5707963267948966j)");
    EXPECT_EQ(call("log10", 1e300, 1e-300), "(299.99999999999994+0j)");
    EXPECT_EQ(call("phase", 1e300, 1e-300), "OverflowError: math range error");
    EXPECT_EQ(call("polar", 1e300, 1e-300), "(1e+300, 0.0)");
}

} // namespace
