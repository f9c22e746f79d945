// Unit tests of the Unicode character database (base/unicode_names.h): names both ways,
// algorithmic names, aliases, named sequences, the Unicode 14.0 view of the 15.0 files and the
// properties of assigned and unassigned code points. Skipped when the unicode-data package
// is not installed.
#include "base/unicode_names.h"

#include <gtest/gtest.h>

using namespace pystm;

namespace {

bool have_database()
{
    std::string err;
    return unicode::database_available(&err);
}

std::u32string look(char const* name, bool sequences = false)
{
    std::u32string out;
    if (!unicode::lookup(name, sequences, &out))
        return U"<none>";
    return out;
}

std::string name(uint32_t cp)
{
    std::string out;
    return unicode::name_of(cp, &out) ? out : "<none>";
}

} // namespace

TEST(UnicodeNames, Lookup)
{
    if (!have_database())
        GTEST_SKIP() << "unicode-data is not installed";
    EXPECT_EQ(look("LATIN SMALL LETTER A"), U"a");
    EXPECT_EQ(look("latin small letter a"), U"a");
    EXPECT_EQ(look("BEL"), U"\x07"); // an alias
    EXPECT_EQ(look("EM"), U"<none>"); // an alias new in 15.0
    EXPECT_EQ(look("HANGUL SYLLABLE GAG"), U"\uAC01");
    EXPECT_EQ(look("hangul syllable gag"), U"<none>");
    EXPECT_EQ(look("CJK UNIFIED IDEOGRAPH-4E00"), U"\u4E00");
    EXPECT_EQ(look("CJK UNIFIED IDEOGRAPH-4e00"), U"<none>");
    EXPECT_EQ(look("CJK UNIFIED IDEOGRAPH-31350"), U"<none>"); // Extension H is 15.0
    EXPECT_EQ(look("KEYCAP NUMBER SIGN"), U"<none>");
    EXPECT_EQ(look("KEYCAP NUMBER SIGN", true), U"#\uFE0F\u20E3");
}

TEST(UnicodeNames, Names)
{
    if (!have_database())
        GTEST_SKIP() << "unicode-data is not installed";
    EXPECT_EQ(name('a'), "LATIN SMALL LETTER A");
    EXPECT_EQ(name(0), "<none>");
    EXPECT_EQ(name(0xAC00), "HANGUL SYLLABLE GA");
    EXPECT_EQ(name(0xD7A3), "HANGUL SYLLABLE HIH");
    EXPECT_EQ(name(0x20000), "CJK UNIFIED IDEOGRAPH-20000");
    EXPECT_EQ(name(0x17000), "<none>"); // Tangut: CPython 3.11 has no algorithmic name
    EXPECT_EQ(name(0x0CF3), "<none>"); // new in 15.0
}

TEST(UnicodeNames, Properties)
{
    if (!have_database())
        GTEST_SKIP() << "unicode-data is not installed";
    unicode::CharProperties p;
    ASSERT_TRUE(unicode::properties_of(0xBD, &p));
    EXPECT_STREQ(p.category, "No");
    EXPECT_EQ(p.decomposition, "<fraction> 0031 2044 0032");
    EXPECT_TRUE(p.has_numeric);
    EXPECT_DOUBLE_EQ(p.numeric, 0.5);
    ASSERT_TRUE(unicode::properties_of(0x4E94, &p)); // Unihan kPrimaryNumeric
    EXPECT_DOUBLE_EQ(p.numeric, 5.0);
    ASSERT_TRUE(unicode::properties_of(0x378, &p));
    EXPECT_STREQ(p.category, "Cn");
    EXPECT_EQ(p.east_asian_width, "F");
    EXPECT_EQ(p.bidirectional, "");
    ASSERT_TRUE(unicode::properties_of(0xD800, &p));
    EXPECT_STREQ(p.category, "Cs");
    EXPECT_EQ(p.bidirectional, "L");
}
