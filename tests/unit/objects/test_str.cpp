// Unit tests of str storage (objects/str_object.h: PEP 393 kinds, STR-1, the single-character
// cache, interning, hashing, repr) and of the codecs (objects/codecs.h: round trips and every
// error handler).
#include "gc/heap.h"
#include "objects/bootstrap.h"
#include "objects/bytes_object.h"
#include "objects/codecs.h"
#include "objects/exceptions.h"
#include "objects/str_internal.h"
#include "objects/type_object.h"
#include "runtime.h"
#include "vm/thread_state.h"

#include <gtest/gtest.h>
#include <pthread.h>
#include <string>

using namespace pystm;
using pystm::test::ensure_runtime;

namespace {

class StrTest : public ::testing::Test {
protected:
    void SetUp() override { ensure_runtime(); }
};

std::string u8(StrObject* s) { return str_utf8(s); }

// Runs [f], expecting a Python exception of [type]; returns false if none was raised.
template <class F> bool raises(Type* type, F f)
{
    try {
        f();
    } catch (PyError&) {
        bool ok = exception_matches(type);
        take_exception();
        return ok;
    }
    return false;
}

TEST_F(StrTest, KindsAreNarrowest)
{
    StrObject* a = str_from_utf8("hello");
    EXPECT_EQ(a->m_kind, 1);
    EXPECT_TRUE(a->m_ascii);
    StrObject* l = str_from_utf8("caf\xc3\xa9"); // café
    EXPECT_EQ(l->m_kind, 1);
    EXPECT_FALSE(l->m_ascii);
    EXPECT_EQ(l->m_length, 4);
    StrObject* b = str_from_utf8("\xe2\x82\xac"); // €
    EXPECT_EQ(b->m_kind, 2);
    StrObject* w = str_from_utf8("\xf0\x9f\x98\x80"); // 😀
    EXPECT_EQ(w->m_kind, 4);
    EXPECT_EQ(w->at(0), 0x1F600u);
    // Slicing a wide string back to narrow characters narrows the kind (STR-1).
    StrObject* mixed = str_from_utf8("ab\xe2\x82\xac");
    StrObject* sub = str_substr(mixed, 0, 2);
    EXPECT_EQ(sub->m_kind, 1);
    EXPECT_TRUE(sub->m_ascii);
    EXPECT_TRUE(str_eq(sub, str_from_ascii("ab")));
}

TEST_F(StrTest, SurrogatesRoundTripAsGeneralizedUtf8)
{
    StrObject* s = str_from_utf8("a\xed\xa0\x80z"); // lone U+D800
    EXPECT_EQ(s->m_length, 3);
    EXPECT_EQ(s->at(1), 0xD800u);
    EXPECT_EQ(u8(s), "a\xed\xa0\x80z");
    EXPECT_TRUE(raises(&exc::UnicodeDecodeError, [] { str_from_utf8("\xff"); }));
}

TEST_F(StrTest, SingleCharCacheAndEmpty)
{
    EXPECT_EQ(str_from_char('x'), str_from_char('x'));
    EXPECT_EQ(str_from_char(0xE9), str_from_char(0xE9));
    EXPECT_EQ(str_from_ascii(""), str_empty());
    EXPECT_EQ(str_from_utf8("q"), str_from_char('q'));
}

TEST_F(StrTest, Interning)
{
    StrObject* a = intern("some_identifier");
    StrObject* b = intern(str_from_ascii("some_identifier"));
    EXPECT_EQ(a, b);
    EXPECT_TRUE(a->m_interned);
    EXPECT_EQ(intern("__init__"), names::__init__);
    StrObject* c = str_from_ascii("other_identifier");
    EXPECT_FALSE(c->m_interned);
    EXPECT_EQ(intern(c), c);
    EXPECT_EQ(intern("other_identifier"), c);
}

TEST_F(StrTest, HashEqualityOrdering)
{
    StrObject* a = str_from_ascii("abcdefghijklmnopqrstuvwxyz");
    StrObject* b = str_from_ascii("abcdefghijklmnopqrstuvwxyz");
    EXPECT_NE(a, b);
    EXPECT_EQ(str_hash(a), str_hash(b));
    EXPECT_NE(str_hash(a), -1);
    EXPECT_EQ(str_hash(str_empty()), 0);
    EXPECT_TRUE(str_eq(a, b));
    EXPECT_LT(str_compare(str_from_ascii("abc"), str_from_ascii("abd")), 0);
    EXPECT_LT(str_compare(str_from_ascii("ab"), str_from_ascii("abc")), 0);
    EXPECT_GT(str_compare(str_from_utf8("\xe2\x82\xac"), str_from_ascii("z")), 0);
    StrObject* wide = str_concat(str_from_ascii("x"), str_from_utf8("\xe2\x82\xac"));
    EXPECT_EQ(wide->m_kind, 2);
    EXPECT_EQ(u8(wide), "x\xe2\x82\xac");
}

TEST_F(StrTest, Repr)
{
    EXPECT_EQ(u8(str_repr(str_from_ascii("a'b"))), "\"a'b\"");
    EXPECT_EQ(u8(str_repr(str_from_ascii("a'\"b"))), "'a\\'\"b'");
    EXPECT_EQ(u8(str_repr(str_from_ascii("\t\n\x01\x7f"))), "'\\t\\n\\x01\\x7f'");
    EXPECT_EQ(u8(str_repr(str_from_utf8("\xc3\xa9\xc2\xa0"))), "'\xc3\xa9\\xa0'");
    EXPECT_EQ(u8(str_repr(str_from_utf8("\xed\xa0\x80"))), "'\\ud800'");
}

TEST_F(StrTest, EncodingNames)
{
    codecs::Codec c;
    EXPECT_TRUE(codecs::find_codec("UTF8", &c));
    EXPECT_EQ(c, codecs::Codec::Utf8);
    EXPECT_TRUE(codecs::find_codec("utf_8", &c));
    EXPECT_TRUE(codecs::find_codec("latin1", &c));
    EXPECT_EQ(c, codecs::Codec::Latin1);
    EXPECT_TRUE(codecs::find_codec("ISO-8859-1", &c));
    EXPECT_EQ(c, codecs::Codec::Latin1);
    EXPECT_TRUE(codecs::find_codec("US-ASCII", &c));
    EXPECT_EQ(c, codecs::Codec::Ascii);
    EXPECT_TRUE(codecs::find_codec("UTF-16LE", &c));
    EXPECT_EQ(c, codecs::Codec::Utf16LE);
    EXPECT_FALSE(codecs::find_codec("klingon", &c));
    EXPECT_TRUE(raises(&exc::LookupError, [] { codecs::lookup_codec("klingon"); }));
}

TEST_F(StrTest, RoundTrips)
{
    StrObject* s = str_from_utf8("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80");
    for (char const* enc : { "utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be" }) {
        BytesObject* b = codecs::encode(s, enc, "strict");
        StrObject* back = codecs::decode(b->view(), enc, "strict");
        EXPECT_TRUE(str_eq(back, s)) << enc;
    }
    StrObject* latin = str_from_utf8("caf\xc3\xa9");
    EXPECT_EQ(codecs::encode(latin, "latin-1", "strict")->view(), "caf\xe9");
    EXPECT_TRUE(str_eq(codecs::decode("caf\xe9", "latin-1", "strict"), latin));
    EXPECT_EQ(codecs::encode(s, "utf-16", "strict")->view().substr(0, 2), "\xff\xfe");
}

TEST_F(StrTest, EncodeErrorHandlers)
{
    StrObject* s = str_from_utf8("a\xc3\xa9\xe2\x82\xac" "b"); // aé€b
    EXPECT_TRUE(raises(&exc::UnicodeEncodeError, [&] { codecs::encode(s, "ascii", "strict"); }));
    EXPECT_EQ(codecs::encode(s, "ascii", "ignore")->view(), "ab");
    EXPECT_EQ(codecs::encode(s, "ascii", "replace")->view(), "a??b");
    EXPECT_EQ(codecs::encode(s, "ascii", "backslashreplace")->view(), "a\\xe9\\u20acb");
    EXPECT_EQ(codecs::encode(s, "ascii", "xmlcharrefreplace")->view(), "a&#233;&#8364;b");
    EXPECT_EQ(codecs::encode(s, "latin-1", "replace")->view(), "a\xe9?b");
    EXPECT_TRUE(raises(&exc::LookupError, [&] { codecs::encode(s, "ascii", "bogus"); }));
    EXPECT_EQ(codecs::encode(str_from_ascii("ab"), "ascii", "bogus")->view(), "ab");
    // Surrogates.
    StrObject* esc = str_from_utf8("x\xed\xb2\x80"); // x + U+DC80
    EXPECT_TRUE(raises(&exc::UnicodeEncodeError, [&] { codecs::encode(esc, "utf-8", "strict"); }));
    EXPECT_EQ(codecs::encode(esc, "utf-8", "surrogateescape")->view(), "x\x80");
    EXPECT_EQ(codecs::encode(esc, "utf-8", "surrogatepass")->view(), "x\xed\xb2\x80");
    EXPECT_TRUE(raises(&exc::UnicodeEncodeError, [&] { codecs::encode(esc, "latin-1", "surrogatepass"); }));
    EXPECT_EQ(codecs::encode(esc, "utf-16-le", "surrogatepass")->view(), std::string("x\0\x80\xdc", 4));
}

TEST_F(StrTest, DecodeErrorHandlers)
{
    std::string_view bad = "a\xff\xfe" "b";
    EXPECT_TRUE(raises(&exc::UnicodeDecodeError, [&] { codecs::decode(bad, "utf-8", "strict"); }));
    EXPECT_EQ(u8(codecs::decode(bad, "utf-8", "ignore")), "ab");
    EXPECT_EQ(u8(codecs::decode(bad, "utf-8", "replace")), "a\xef\xbf\xbd\xef\xbf\xbd" "b");
    EXPECT_EQ(u8(codecs::decode(bad, "utf-8", "backslashreplace")), "a\\xff\\xfeb");
    StrObject* esc = codecs::decode(bad, "utf-8", "surrogateescape");
    EXPECT_EQ(esc->at(1), 0xDCFFu);
    EXPECT_EQ(codecs::encode(esc, "utf-8", "surrogateescape")->view(), bad);
    EXPECT_EQ(u8(codecs::decode("\xed\xa0\x80", "utf-8", "surrogatepass")), "\xed\xa0\x80");
    EXPECT_TRUE(raises(&exc::TypeError, [&] { codecs::decode(bad, "utf-8", "xmlcharrefreplace"); }));
    // Maximal subparts: a truncated 3-byte sequence is one error, an invalid lead byte one each.
    EXPECT_EQ(codecs::decode("\xe2\x82x", "utf-8", "replace")->m_length, 2);
    EXPECT_EQ(codecs::decode("\xf0\x80", "utf-8", "replace")->m_length, 2);
    EXPECT_EQ(codecs::decode("\xed\xa0\x80", "utf-8", "replace")->m_length, 3);
    // UTF-16 / UTF-32 errors.
    EXPECT_TRUE(raises(&exc::UnicodeDecodeError, [&] { codecs::decode(std::string_view("\x00", 1), "utf-16", "strict"); }));
    EXPECT_EQ(u8(codecs::decode(std::string_view("\x00\xd8\x41\x00", 4), "utf-16-le", "replace")), "\xef\xbf\xbd" "A");
    EXPECT_EQ(codecs::decode(std::string_view("\x00\xdc\x00\xd8", 4), "utf-16-le", "surrogatepass")->at(0), 0xDC00u);
    EXPECT_TRUE(raises(&exc::UnicodeDecodeError,
        [&] { codecs::decode(std::string_view("\x00\x00\x11\x00", 4), "utf-32-le", "strict"); }));
    // Incremental decoding leaves an incomplete tail unconsumed.
    int64_t consumed = 0;
    StrObject* part = codecs::utf8_decode("ab\xe2\x82", "strict", false, &consumed);
    EXPECT_EQ(consumed, 2);
    EXPECT_EQ(u8(part), "ab");
}

TEST_F(StrTest, CaseMapping)
{
    EXPECT_EQ(u8(str_upper(str_from_utf8("stra\xc3\x9f" "e"))), "STRASSE");
    EXPECT_EQ(u8(str_lower(str_from_utf8("\xce\x9f\xce\xa3"))), "\xce\xbf\xcf\x82"); // ΟΣ -> ος
    EXPECT_EQ(u8(str_casefold(str_from_utf8("\xc3\x9f"))), "ss");
    EXPECT_EQ(u8(str_title(str_from_ascii("hello wORLD"))), "Hello World");
    EXPECT_EQ(u8(str_capitalize(str_from_utf8("\xef\xac\x81sh"))), "Fish"); // ﬁsh
    EXPECT_TRUE(uni_isdigit(0xB2)); // ²
    EXPECT_FALSE(uni_isdecimal(0xB2));
    EXPECT_TRUE(uni_isnumeric(0x4E00)); // 一
    EXPECT_EQ(uni_decimal_value(0x0663), 3); // ARABIC-INDIC DIGIT THREE
    EXPECT_TRUE(str_isidentifier(str_from_utf8("_\xc3\xa9t\xc3\xa9")));
    EXPECT_FALSE(str_isidentifier(str_from_ascii("1a")));
}

} // namespace
