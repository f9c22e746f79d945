// Unit tests of set/frozenset (objects/set_object.h): iteration orders, pop order and hashes
// recorded from CPython 3.11 for the same insertion/deletion histories (probing, resizing and
// dummies must match CPython's for these to hold).
#include "gc/heap.h"
#include "objects/bootstrap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "runtime.h"
#include "vm/thread_state.h"

#include <gtest/gtest.h>
#include <pthread.h>
#include <vector>

using namespace pystm;
using pystm::test::ensure_runtime;

namespace {

class SetTest : public ::testing::Test {
protected:
    void SetUp() override { ensure_runtime(); }
};

Value I(int64_t i) { return int_from_i64(i); }

std::vector<int64_t> ints_of(SetObject* s)
{
    std::vector<int64_t> out;
    int64_t pos = 0;
    Value k;
    while (set_next(s, &pos, &k)) {
        int64_t x = 0;
        EXPECT_TRUE(int_to_i64(k, &x));
        out.push_back(x);
    }
    return out;
}

Value call_method(Value self, char const* name, std::initializer_list<Value> args)
{
    return py_call_method(self, intern(name), args.begin(), args.size());
}

TEST_F(SetTest, LastDummyOnProbeIsReused)
{
    SetObject* s = set_new();
    for (int64_t x : { 0, 8, 16 })
        set_add(s, I(x));
    set_discard(s, I(0));
    set_discard(s, I(8));
    set_add(s, I(24));
    set_add(s, I(32));
    EXPECT_EQ(ints_of(s), (std::vector<int64_t> { 32, 24, 16 }));
}

TEST_F(SetTest, InsertDeleteHistoryOrder)
{
    SetObject* s = set_new();
    for (int64_t i = 0; i < 100; i++)
        set_add(s, I(i * 7 % 101));
    for (int64_t i = 0; i < 100; i += 3)
        set_discard(s, I(i));
    for (int64_t i = -20; i < 0; i++)
        set_add(s, I(i));
    std::vector<int64_t> expected = { 1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 20, 22, 23, 25, 26, 28, 29,
        31, 32, 34, 35, 37, 38, 40, 41, 43, 44, 46, 47, 49, 50, 52, 53, 55, 56, 58, 59, 61, 62, 64, 65, 67, 68,
        70, 71, 73, 74, 76, 77, 79, 80, 82, 83, 85, 86, 88, 89, 91, 92, 95, 97, 98, 100, -20, -19, -18, -17,
        -16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1 };
    EXPECT_EQ(ints_of(s), expected);
}

TEST_F(SetTest, PopOrderFollowsFinger)
{
    SetObject* s = set_new();
    for (int64_t x : { int64_t(5), int64_t(13), int64_t(21), int64_t(1000), int64_t(-1), int64_t(-2),
             int64_t(1) << 40, int64_t(7), int64_t(99) })
        set_add(s, I(x));
    EXPECT_EQ(ints_of(s), (std::vector<int64_t> { 1099511627776, 99, 5, 7, 1000, 13, 21, -2, -1 }));
    std::vector<int64_t> popped;
    for (int i = 0; i < 4; i++) {
        int64_t x = 0;
        ASSERT_TRUE(int_to_i64(call_method(s, "pop", {}), &x));
        popped.push_back(x);
    }
    EXPECT_EQ(popped, (std::vector<int64_t> { 1099511627776, 99, 5, 7 }));
    EXPECT_EQ(ints_of(s), (std::vector<int64_t> { 1000, 13, 21, -2, -1 }));
}

TEST_F(SetTest, TupleAndFloatHashesGiveCPythonOrder)
{
    SetObject* s = set_new();
    for (int64_t i = 0; i < 20; i++)
        set_add(s, tuple_of({ I(i), I(i * 2) }));
    std::vector<int64_t> firsts;
    int64_t pos = 0;
    Value k;
    while (set_next(s, &pos, &k))
        firsts.push_back(k.as<TupleObject>()->item(0).as_small_int());
    EXPECT_EQ(firsts, (std::vector<int64_t> { 6, 15, 16, 5, 14, 13, 4, 3, 12, 2, 1, 11, 10, 19, 18, 0, 8, 9, 17, 7 }));

    SetObject* f = set_new();
    for (double d : { 0.5, 1.5, 2.25, 1e10, -3.75, 100.125, 7.0 })
        set_add(f, float_new(d));
    std::vector<double> order;
    pos = 0;
    while (set_next(f, &pos, &k))
        order.push_back(float_value(k));
    EXPECT_EQ(order, (std::vector<double> { 0.5, 1.5, 2.25, 1e10, 100.125, 7.0, -3.75 }));
}

TEST_F(SetTest, TupleHashMatchesCPython)
{
    EXPECT_EQ(tuple_hash(tuple_of({ I(1), I(2) })), -3550055125485641917);
    EXPECT_EQ(tuple_hash(tuple_of({ I(1) })), -6644214454873602895);
    EXPECT_EQ(tuple_hash(tuple_of({ tuple_of({ I(1), I(2) }), I(3) })), -333907151259015829);
    EXPECT_EQ(tuple_hash(tuple_of({ I(-1) })), 8078679518589016365);
    EXPECT_EQ(tuple_hash(tuple_empty()), 5740354900026072187);
}

SetObject* set_of(std::initializer_list<int64_t> xs)
{
    SetObject* s = set_new();
    for (int64_t x : xs)
        set_add(s, I(x));
    return s;
}

SetObject* range_set(int64_t start, int64_t stop, int64_t step)
{
    SetObject* s = set_new();
    for (int64_t i = start; i < stop; i += step)
        set_add(s, I(i));
    return s;
}

TEST_F(SetTest, OperatorsOrder)
{
    SetObject* a = range_set(0, 40, 3);
    SetObject* b = range_set(0, 40, 5);
    auto op = [&](Value x, Value y, BinaryOp o) { return ints_of(py_binary_op(x, y, o).as<SetObject>()); };
    EXPECT_EQ(op(a, b, NB_OR),
        (std::vector<int64_t> { 0, 3, 5, 6, 9, 10, 12, 15, 18, 20, 21, 24, 25, 27, 30, 33, 35, 36, 39 }));
    EXPECT_EQ(op(a, b, NB_AND), (std::vector<int64_t> { 0, 30, 15 }));
    EXPECT_EQ(op(a, b, NB_SUBTRACT), (std::vector<int64_t> { 33, 3, 36, 6, 39, 9, 12, 18, 21, 24, 27 }));
    EXPECT_EQ(op(a, b, NB_XOR),
        (std::vector<int64_t> { 3, 5, 6, 9, 10, 12, 18, 20, 21, 24, 25, 27, 33, 35, 36, 39 }));

    SetObject* c = set_of({ 100, 3, 77, 5000, 12 });
    SetObject* d = set_of({ 12, 64, 3, -5 });
    EXPECT_EQ(op(c, d, NB_OR), (std::vector<int64_t> { 64, 3, 100, 5000, 12, 77, -5 }));
    EXPECT_EQ(op(d, c, NB_OR), (std::vector<int64_t> { 64, 3, 100, 5000, 12, 77, -5 }));
    EXPECT_EQ(op(c, d, NB_XOR), (std::vector<int64_t> { 64, 100, 5000, 77, -5 }));
}

TEST_F(SetTest, FrozensetHash)
{
    auto fhash = [](SetObject* s) { return py_hash(py_call1(Value(&frozenset_type), s)); };
    EXPECT_EQ(fhash(set_of({ 1, 2, 3 })), -272375401224217160);
    EXPECT_EQ(fhash(set_new()), 133146708735736);
    EXPECT_EQ(fhash(range_set(0, 100, 1)), 4411996150312757951);
}

TEST_F(SetTest, LargeResizeWithDummies)
{
    SetObject* s = range_set(0, 10000, 7);
    for (int64_t i = 0; i < 10000; i += 14)
        set_discard(s, I(i));
    EXPECT_EQ(set_size(s), 714);
    std::vector<int64_t> all = ints_of(s);
    std::vector<int64_t> head(all.begin(), all.begin() + 20);
    EXPECT_EQ(head,
        (std::vector<int64_t> { 8197, 7, 8211, 21, 8225, 35, 8239, 49, 8253, 63, 8267, 77, 8281, 91, 8295, 105,
            8309, 119, 8323, 133 }));
    gc::collect();
    gc::verify_heap();
    EXPECT_EQ(ints_of(s), all);
}

TEST_F(SetTest, FromDictIsPresized)
{
    DictObject* d = dict_new();
    for (int64_t x : { 9, 1, 17, 33, 2, 50, 64 })
        dict_set(d, I(x), none());
    Value from_dict = py_call1(Value(&set_type), d);
    EXPECT_EQ(ints_of(from_dict.as<SetObject>()), (std::vector<int64_t> { 64, 1, 17, 33, 2, 50, 9 }));
    ListObject* l = py_list_from_iterable(d);
    Value from_list = py_call1(Value(&set_type), l);
    EXPECT_EQ(ints_of(from_list.as<SetObject>()), (std::vector<int64_t> { 64, 33, 2, 1, 9, 17, 50 }));
}

TEST_F(SetTest, ChangedSizeDuringIteration)
{
    SetObject* s = set_of({ 1, 2, 3 });
    Value it = py_iter(s);
    EXPECT_TRUE(py_next(it));
    set_add(s, I(4));
    try {
        py_next(it);
        FAIL() << "expected RuntimeError";
    } catch (PyError&) {
        EXPECT_TRUE(exception_matches(&exc::RuntimeError));
        take_exception();
    }
}

} // namespace
