// Unit tests of ItemStore (objects/item_store.h), the storage of a list: it behaves as the
// std::vector<Value> it replaced, and its readers stay inside one block (LIST-4).
#include "objects/item_store.h"

#include <gtest/gtest.h>
#include <random>
#include <vector>

using namespace pystm;

namespace {

Value v(int64_t i) { return Value::small_int(i); }

void expect_same(ItemStore const& s, std::vector<Value> const& ref)
{
    ASSERT_EQ(s.size(), ref.size());
    ASSERT_GE(s.capacity(), s.size());
    for (size_t i = 0; i < ref.size(); i++)
        ASSERT_EQ(s[i], ref[i]) << "at " << i;
    ItemStore::View view = s.view();
    ASSERT_EQ(view.size, ref.size());
    for (size_t i = 0; i < ref.size(); i++)
        ASSERT_EQ(view.items[i], ref[i]);
}

} // namespace

// Seeded random operations on an ItemStore and on a std::vector give the same items.
TEST(ItemStoreTest, BehavesAsVector)
{
    std::mt19937 rng(1234);
    ItemStore s;
    std::vector<Value> ref;
    int64_t next = 0;
    for (int step = 0; step < 20000; step++) {
        size_t n = ref.size();
        switch (rng() % 10) {
        case 0:
        case 1:
            s.push_back(v(next));
            ref.push_back(v(next++));
            break;
        case 2: {
            size_t at = n ? rng() % (n + 1) : 0;
            size_t count = rng() % 5;
            s.insert(s.begin() + at, count, v(next));
            ref.insert(ref.begin() + static_cast<ptrdiff_t>(at), count, v(next++));
            break;
        }
        case 3: {
            std::vector<Value> src;
            for (size_t k = rng() % 40; k > 0; k--)
                src.push_back(v(next++));
            size_t at = n ? rng() % (n + 1) : 0;
            s.insert(s.begin() + at, src.data(), src.data() + src.size());
            ref.insert(ref.begin() + static_cast<ptrdiff_t>(at), src.begin(), src.end());
            break;
        }
        case 4:
            if (n) {
                size_t lo = rng() % n, hi = lo + rng() % (n - lo + 1);
                s.erase(s.begin() + lo, s.begin() + hi);
                ref.erase(ref.begin() + static_cast<ptrdiff_t>(lo),
                    ref.begin() + static_cast<ptrdiff_t>(hi));
            }
            break;
        case 5: {
            size_t m = rng() % 50;
            s.resize(m);
            ref.resize(m, Value());
            break;
        }
        case 6: {
            std::vector<Value> src;
            for (size_t k = rng() % 30; k > 0; k--)
                src.push_back(v(next++));
            s.assign(src.data(), src.data() + src.size());
            ref = src;
            break;
        }
        case 7:
            if (rng() % 8 == 0) {
                s.clear();
                s.shrink_to_fit();
                ref.clear();
            }
            break;
        case 8:
            if (n) { // its own items, as l[i:i] = l would pass them
                std::vector<Value> copy(ref.begin(), ref.begin() + static_cast<ptrdiff_t>(n / 2));
                s.insert(s.begin() + n / 3, s.data(), s.data() + n / 2);
                ref.insert(ref.begin() + static_cast<ptrdiff_t>(n / 3), copy.begin(), copy.end());
            }
            break;
        default:
            s.reserve(n + rng() % 100);
            break;
        }
        expect_same(s, ref);
    }
    ItemStore moved(std::move(s));
    expect_same(moved, ref);
    EXPECT_EQ(s.size(), 0u);
    EXPECT_EQ(s.view().size, 0u);
    ItemStore other;
    other.push_back(v(-1));
    other.swap(moved);
    expect_same(other, ref);
    expect_same(moved, { v(-1) });
}

// LIST-4: a reader that pairs a block with a size from before the block was replaced reads
// within the block: view() is bounded by the block's capacity, at_racy() returns null past it,
// and the room a growth adds is null, never leftovers.
TEST(ItemStoreTest, List4ReadersStayInsideOneBlock)
{
    ItemStore s;
    for (int64_t i = 0; i < 100; i++)
        s.push_back(v(i));
    size_t old_size = s.size_racy();
    s.clear();
    s.shrink_to_fit(); // no block at all (what a sort or clear leaves)
    EXPECT_EQ(s.view().items, nullptr);
    EXPECT_EQ(s.view().size, 0u);
    EXPECT_FALSE(s.at_racy(old_size - 1));
    ItemStore::View partial;
    for (int64_t i = 0; i < 3; i++)
        s.push_back(v(i));
    partial = s.view();
    EXPECT_EQ(partial.size, 3u);
    EXPECT_LT(s.capacity(), old_size);
    // The size read before the clear is larger than the new block: bounded by its capacity.
    EXPECT_FALSE(s.at_racy(old_size - 1));
    EXPECT_FALSE(s.at_racy(s.capacity()));
    // Shrunk in place, then grown into a new block: the slots between the kept items and the
    // old size are null in the new block.
    ItemStore t;
    for (int64_t i = 0; i < 64; i++)
        t.push_back(v(i + 1000));
    t.erase(t.begin() + 4, t.end());
    t.shrink_to_fit();
    t.reserve(128);
    for (size_t i = 4; i < 64; i++)
        EXPECT_FALSE(t.at_racy(i)) << "slot " << i;
    EXPECT_EQ(t.at_racy(3), v(1003));
}
