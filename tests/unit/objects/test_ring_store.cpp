// Unit tests of RingStore (objects/ring_store.h), the storage of a deque: it behaves as the
// std::deque<Value> it replaced, and its readers stay inside one block (DEQUE-1).
#include "gc/heap.h"
#include "objects/ring_store.h"

#include "runtime.h"

#include <deque>
#include <gtest/gtest.h>
#include <random>

using namespace pystm;
using pystm::test::ensure_runtime;

namespace {

Value v(int64_t i) { return Value::small_int(i); }

void expect_same(RingStore const& s, std::deque<Value> const& ref)
{
    ASSERT_EQ(s.size(), ref.size());
    for (size_t i = 0; i < ref.size(); i++) {
        ASSERT_EQ(s[i], ref[i]) << "at " << i;
        ASSERT_EQ(s.at_racy(i), ref[i]) << "at " << i;
    }
    gc::RootedValues copy, racy;
    s.copy_to(copy);
    s.copy_racy(racy);
    ASSERT_TRUE(std::equal(copy.begin(), copy.end(), ref.begin(), ref.end()));
    ASSERT_TRUE(std::equal(racy.begin(), racy.end(), ref.begin(), ref.end()));
}

class RingStoreTest : public ::testing::Test {
protected:
    void SetUp() override { ensure_runtime(); }
};

} // namespace

// Seeded random operations on a RingStore and on a std::deque give the same items, through
// growth, wrap-around and shrinking.
TEST_F(RingStoreTest, BehavesAsDeque)
{
    std::mt19937 rng(4321);
    RingStore s;
    std::deque<Value> ref;
    int64_t next = 0;
    for (int step = 0; step < 20000; step++) {
        size_t n = ref.size();
        // Phases of growth and of shrinking, so that blocks both grow and shrink.
        bool grow = (step / 1000) % 2 == 0;
        switch (rng() % 12) {
        case 0:
        case 1:
            if (grow || !n) {
                s.push_back(v(next));
                ref.push_back(v(next++));
            } else {
                s.pop_back();
                ref.pop_back();
            }
            break;
        case 2:
        case 3:
            if (grow || !n) {
                s.push_front(v(next));
                ref.push_front(v(next++));
            } else {
                s.pop_front();
                ref.pop_front();
            }
            break;
        case 4:
            if (n) {
                s.pop_front();
                ref.pop_front();
            }
            break;
        case 5: {
            size_t at = rng() % (n + 1);
            s.insert(at, v(next));
            ref.insert(ref.begin() + static_cast<ptrdiff_t>(at), v(next++));
            break;
        }
        case 6:
            if (n) {
                size_t at = rng() % n;
                s.erase(at);
                ref.erase(ref.begin() + static_cast<ptrdiff_t>(at));
            }
            break;
        case 7:
            s.reverse();
            std::reverse(ref.begin(), ref.end());
            break;
        case 8:
            if (n > 1) {
                size_t k = 1 + rng() % (n - 1);
                s.rotate(k);
                std::rotate(ref.begin(), ref.begin() + static_cast<ptrdiff_t>(n - k), ref.end());
            }
            break;
        case 9:
            if (n) {
                size_t at = rng() % n;
                s[at] = v(next);
                ref[at] = v(next++);
            }
            break;
        case 10:
            if (rng() % 16 == 0) {
                std::vector<Value> src;
                for (size_t k = rng() % 40; k > 0; k--)
                    src.push_back(v(next++));
                s.assign(src.data(), src.data() + src.size());
                ref.assign(src.begin(), src.end());
            }
            break;
        default:
            if (rng() % 32 == 0) {
                s.clear();
                ref.clear();
            }
            break;
        }
        expect_same(s, ref);
        if (!ref.empty()) {
            ASSERT_EQ(s.front(), ref.front());
            ASSERT_EQ(s.back(), ref.back());
        }
    }
}

// DEQUE-1: a reader that pairs the current block with a size or head from another moment reads
// inside the block: indexes wrap within its capacity, and the room a new block has is null.
TEST_F(RingStoreTest, Deque1ReadersStayInsideOneBlock)
{
    RingStore s;
    for (int64_t i = 0; i < 100; i++)
        s.push_back(v(i));
    size_t old_size = s.size_racy();
    s.clear(); // a large block is dropped: no block at all
    EXPECT_FALSE(s.at_racy(old_size - 1));
    gc::RootedValues none;
    s.copy_racy(none);
    EXPECT_TRUE(none.empty());
    for (int64_t i = 0; i < 3; i++)
        s.push_front(v(i));
    // Indexes past the items read the null room of the (small) new block, or wrap onto items:
    // never outside the block.
    for (size_t i = 3; i < old_size; i++) {
        Value x = s.at_racy(i);
        EXPECT_TRUE(!x || x == v(0) || x == v(1) || x == v(2)) << "index " << i;
    }
    // Growth moves the items to the start of a new block, whose further room is null.
    RingStore t;
    for (int64_t i = 0; i < 8; i++)
        t.push_front(v(i));
    t.push_back(v(100)); // the ninth item: a block of 16
    EXPECT_EQ(t.at_racy(0), v(7));
    EXPECT_EQ(t.at_racy(8), v(100));
    for (size_t i = 9; i < 16; i++)
        EXPECT_FALSE(t.at_racy(i)) << "slot " << i;
}
