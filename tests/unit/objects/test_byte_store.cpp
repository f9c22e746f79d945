// Unit tests of ByteStore (objects/byte_store.h), the bytes of a bytearray and an array.array:
// it behaves as the std::string it replaced, and a view taken before a writer replaced the
// block stays readable until the next collection (BYTES-1).
#include "gc/heap.h"
#include "objects/byte_store.h"

#include "runtime.h"

#include <gtest/gtest.h>
#include <random>
#include <string>

using namespace pystm;
using pystm::test::ensure_runtime;

namespace {

class ByteStoreTest : public ::testing::Test {
protected:
    void SetUp() override { ensure_runtime(); }
};

} // namespace

// Seeded random operations on a ByteStore and on a std::string give the same bytes.
TEST_F(ByteStoreTest, BehavesAsString)
{
    std::mt19937 rng(1234);
    ByteStore s;
    std::string ref;
    auto bytes = [&](size_t n) {
        std::string out;
        for (size_t i = 0; i < n; i++)
            out.push_back(static_cast<char>(rng() & 0xff));
        return out;
    };
    for (int step = 0; step < 20000; step++) {
        switch (rng() % 7) {
        case 0: {
            std::string b = bytes(rng() % (rng() % 10 == 0 ? 5000 : 40));
            s.append(b);
            ref.append(b);
            break;
        }
        case 1: {
            char c = static_cast<char>(rng() & 0xff);
            s.push_back(c);
            ref.push_back(c);
            break;
        }
        case 2: {
            size_t pos = rng() % (ref.size() + 1);
            std::string b = bytes(rng() % 20);
            s.insert(pos, b);
            ref.insert(pos, b);
            break;
        }
        case 3:
            if (!ref.empty()) {
                size_t pos = rng() % ref.size();
                size_t n = rng() % (ref.size() - pos + 1);
                s.erase(pos, n);
                ref.erase(pos, n);
            }
            break;
        case 4: {
            // Occasionally a much smaller content: the store moves to a smaller block.
            std::string b = bytes(rng() % (rng() % 20 == 0 ? 3000 : 30));
            s.assign(b);
            ref = b;
            break;
        }
        case 5:
            if (!ref.empty()) {
                size_t i = rng() % ref.size();
                s.data()[i] = 'x';
                ref[i] = 'x';
            }
            break;
        default: {
            // Self-aliasing: appending and inserting the store's own bytes.
            std::string_view own = s.view().substr(0, std::min<size_t>(ref.size(), 50));
            std::string copy(own);
            if (rng() % 2) {
                s.append(own);
                ref.append(copy);
            } else {
                size_t pos = rng() % (ref.size() + 1);
                s.insert(pos, own);
                ref.insert(pos, copy);
            }
            break;
        }
        }
        ASSERT_EQ(s.size(), ref.size()) << "step " << step;
        ASSERT_EQ(s.view(), ref) << "step " << step;
    }
    s.clear();
    EXPECT_TRUE(s.empty());
    EXPECT_EQ(s.view(), "");
}

// BYTES-1: with parallel transactions, a block the store replaces is retired, not freed, so a
// view a reader took before stays readable (under ASan too) until the next collection.
TEST_F(ByteStoreTest, Bytes1ReplacedBlocksStayReadableUntilTheNextCollection)
{
    ByteStore s;
    s.assign(std::string(100000, 'a'));
    bool was = g_stm_active;
    g_stm_active = true; // retire() keeps what it is given
    std::string_view before = s.view();
    s.append(std::string(100000, 'b')); // a bigger block
    std::string_view grown = s.view();
    s.assign("c"); // a much smaller content: a smaller block
    g_stm_active = was;
    EXPECT_NE(before.data(), grown.data());
    EXPECT_EQ(before, std::string(100000, 'a'));
    EXPECT_EQ(grown.substr(100000), std::string(100000, 'b'));
    EXPECT_EQ(s.view(), "c");
    gc::collect(); // releases what was retired
    EXPECT_EQ(s.view(), "c");
}
