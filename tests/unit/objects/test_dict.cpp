// Unit tests of dict (objects/dict_object.h): insertion order across deletions and resizes,
// popitem order, the str fast path, versions, and mutation during iteration.
#include "gc/heap.h"
#include "objects/bootstrap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "runtime.h"
#include "vm/thread_state.h"

#include <gtest/gtest.h>
#include <pthread.h>
#include <string>
#include <vector>

using namespace pystm;
using pystm::test::ensure_runtime;

namespace {

class DictTest : public ::testing::Test {
protected:
    void SetUp() override { ensure_runtime(); }
};

Value I(int64_t i) { return int_from_i64(i); }

std::vector<int64_t> keys_of(DictObject* d)
{
    std::vector<int64_t> out;
    int64_t pos = 0;
    Value k, v;
    while (dict_next(d, &pos, &k, &v)) {
        int64_t x = 0;
        EXPECT_TRUE(int_to_i64(k, &x));
        out.push_back(x);
    }
    return out;
}

std::string message_of_current_exception()
{
    Value e = take_exception();
    return str_utf8(py_str(e));
}

TEST_F(DictTest, InsertionOrderWithDeletes)
{
    DictObject* d = dict_new();
    for (int64_t x : { 5, 3, 9, 1, 7 })
        dict_set(d, I(x), I(x * 10));
    EXPECT_TRUE(dict_pop(d, I(3)));
    EXPECT_FALSE(dict_pop(d, I(3)));
    dict_set(d, I(3), I(0)); // re-inserted keys go to the end
    dict_set(d, I(5), I(0)); // updating keeps the position
    EXPECT_EQ(keys_of(d), (std::vector<int64_t> { 5, 9, 1, 7, 3 }));
    EXPECT_EQ(dict_size(d), 5);
    EXPECT_EQ(dict_get(d, I(9)), I(90));
    EXPECT_FALSE(dict_get(d, I(4)));
}

TEST_F(DictTest, ResizesKeepOrderAndContents)
{
    DictObject* d = dict_new();
    for (int64_t i = 0; i < 5000; i++)
        dict_set(d, I(i * 37 % 5003), I(i));
    for (int64_t i = 0; i < 5000; i += 2)
        dict_pop(d, I(i * 37 % 5003));
    // Deletions leave dummies; churn forces compaction.
    for (int64_t r = 0; r < 3; r++) {
        for (int64_t i = 100000; i < 101000; i++)
            dict_set(d, I(i), I(i));
        for (int64_t i = 100000; i < 101000; i++)
            dict_pop(d, I(i));
    }
    gc::collect();
    gc::verify_heap();
    std::vector<int64_t> keys = keys_of(d);
    ASSERT_EQ(keys.size(), 2500u);
    for (size_t j = 0; j < keys.size(); j++) {
        int64_t i = 2 * static_cast<int64_t>(j) + 1;
        EXPECT_EQ(keys[j], i * 37 % 5003);
        EXPECT_EQ(dict_get(d, I(keys[j])), I(i));
    }
}

TEST_F(DictTest, PopitemIsLifo)
{
    DictObject* d = dict_new();
    for (int64_t x : { 1, 2, 3, 4 })
        dict_set(d, I(x), I(-x));
    dict_pop(d, I(4));
    Value popitem = py_getattr(d, intern("popitem"));
    TupleObject* t = py_call0(popitem).as<TupleObject>();
    EXPECT_EQ(t->item(0), I(3));
    EXPECT_EQ(t->item(1), I(-3));
    dict_set(d, I(10), I(10));
    EXPECT_EQ(keys_of(d), (std::vector<int64_t> { 1, 2, 10 }));
    dict_clear(d);
    try {
        py_call0(popitem);
        FAIL() << "expected KeyError";
    } catch (PyError&) {
        EXPECT_TRUE(exception_matches(&exc::KeyError));
        EXPECT_EQ(message_of_current_exception(), "'popitem(): dictionary is empty'");
    }
}

TEST_F(DictTest, StrFastPathFindsEqualNonInternedKeys)
{
    DictObject* d = dict_new();
    dict_set_cstr(d, "alpha", I(1));
    StrObject* other = str_from_utf8(std::string("al") + "pha");
    EXPECT_EQ(dict_get_str(d, other), I(1));
    EXPECT_EQ(dict_get(d, other), I(1));
    EXPECT_EQ(dict_get_cstr(d, "alpha"), I(1));
    EXPECT_FALSE(dict_get_cstr(d, "beta"));
    dict_set_str(d, other, I(2));
    EXPECT_EQ(dict_size(d), 1);
    EXPECT_EQ(dict_get_cstr(d, "alpha"), I(2));
}

TEST_F(DictTest, VersionChangesOnEveryMutation)
{
    DictObject* d = dict_new();
    uint64_t v0 = d->m_version;
    dict_set(d, I(1), I(1));
    uint64_t v1 = d->m_version;
    EXPECT_NE(v0, v1);
    dict_set(d, I(1), I(2));
    uint64_t v2 = d->m_version;
    EXPECT_NE(v1, v2);
    dict_pop(d, I(1));
    EXPECT_NE(v2, d->m_version);
    uint64_t v3 = d->m_version;
    dict_clear(d);
    EXPECT_NE(v3, d->m_version);
}

TEST_F(DictTest, ChangedSizeDuringIteration)
{
    DictObject* d = dict_new();
    for (int64_t x : { 1, 2, 3 })
        dict_set(d, I(x), I(x));
    Value it = py_iter(d);
    EXPECT_TRUE(py_next(it));
    dict_set(d, I(4), I(4));
    try {
        py_next(it);
        FAIL() << "expected RuntimeError";
    } catch (PyError&) {
        EXPECT_TRUE(exception_matches(&exc::RuntimeError));
        EXPECT_EQ(message_of_current_exception(), "dictionary changed size during iteration");
    }
}

TEST_F(DictTest, KeysChangedDuringIteration)
{
    DictObject* d = dict_new();
    for (int64_t x : { 0, 1, 2 })
        dict_set(d, I(x), I(x));
    Value it = py_iter(d);
    EXPECT_EQ(py_next(it), I(0));
    dict_pop(d, I(0));
    dict_set(d, I(5), I(5));
    EXPECT_EQ(py_next(it), I(1));
    EXPECT_EQ(py_next(it), I(2));
    try {
        py_next(it);
        FAIL() << "expected RuntimeError";
    } catch (PyError&) {
        EXPECT_TRUE(exception_matches(&exc::RuntimeError));
        EXPECT_EQ(message_of_current_exception(), "dictionary keys changed during iteration");
    }
}

TEST_F(DictTest, DictNextIsSafeAfterClear)
{
    DictObject* d = dict_new();
    for (int64_t i = 0; i < 100; i++)
        dict_set(d, I(i), I(i));
    int64_t pos = 0;
    Value k, v;
    ASSERT_TRUE(dict_next(d, &pos, &k, &v));
    dict_clear(d);
    EXPECT_FALSE(dict_next(d, &pos, &k, &v));
    dict_set(d, I(7), I(7));
    EXPECT_FALSE(dict_next(d, &pos, &k, &v)); // position past the new table's entries
}

TEST_F(DictTest, UpdateSequenceErrors)
{
    DictObject* d = dict_new();
    ListObject* bad = list_new();
    list_append(bad, tuple_of({ I(1), I(2), I(3) }));
    try {
        dict_update(d, bad);
        FAIL() << "expected ValueError";
    } catch (PyError&) {
        EXPECT_TRUE(exception_matches(&exc::ValueError));
        EXPECT_EQ(message_of_current_exception(), "dictionary update sequence element #0 has length 3; 2 is required");
    }
    ListObject* bad2 = list_new();
    list_append(bad2, I(1));
    try {
        dict_update(d, bad2);
        FAIL() << "expected TypeError";
    } catch (PyError&) {
        EXPECT_TRUE(exception_matches(&exc::TypeError));
        EXPECT_EQ(message_of_current_exception(), "cannot convert dictionary update sequence element #0 to a sequence");
    }
}

TEST_F(DictTest, CopyIsIndependentAndOrdered)
{
    DictObject* d = dict_new();
    for (int64_t x : { 4, 8, 15, 16, 23, 42 })
        dict_set(d, I(x), I(x));
    dict_pop(d, I(15));
    DictObject* c = dict_copy(d);
    dict_set(d, I(99), I(99));
    EXPECT_EQ(keys_of(c), (std::vector<int64_t> { 4, 8, 16, 23, 42 }));
    DictObject* c2 = dict_copy(c);
    dict_pop(c, I(4));
    EXPECT_EQ(keys_of(c2), (std::vector<int64_t> { 4, 8, 16, 23, 42 }));
}

} // namespace
