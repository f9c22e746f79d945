// Unit tests of the collector (gc/heap.h): roots (GC-1), sweeping (GC-3), bounded memory.
#include "gc/heap.h"
#include "objects/type_object.h"

#include <gtest/gtest.h>

using namespace pystm;

namespace {

// A test object with one traced reference.
struct Node : Object {
    Value m_next;
    int64_t m_payload;
    Node(Type* t, int64_t payload) : Object(t), m_payload(payload) { }
};

void trace_node(Object* o, gc::Tracer& tracer) { tracer.visit(static_cast<Node*>(o)->m_next); }

int g_destroyed = 0;
void destroy_node(Object*) { ++g_destroyed; }

// A permanent test type of instances of [size] bytes.
Type* new_test_type(char const* name, size_t size, TraceFn trace, DestroyFn destroy)
{
    auto* t = new Type(&type_type);
    t->m_tp_name = name;
    t->m_trace = trace;
    t->m_destroy = destroy;
    t->m_instance_size = size;
    t->m_layout_size = size;
    gc::register_permanent(t);
    return t;
}

Type& node_type()
{
    static Type* t = new_test_type("Node", sizeof(Node), trace_node, destroy_node);
    return *t;
}

class HeapTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        static bool registered = false;
        if (!registered) {
            int marker = 0;
            gc::register_thread(&marker);
            registered = true;
        }
    }
};

// Allocates a chain of [n] nodes reachable only from its head (returned as raw bits so that
// no pointer to it stays in this frame after the call).
__attribute__((noinline)) uint64_t make_chain(int n)
{
    Value head;
    for (int i = 0; i < n; ++i) {
        Node* node = gc::make<Node>(&node_type(), i);
        node->m_next = head;
        head = Value(node);
    }
    return head.bits() ^ 0x5555555555555555ull; // hide the pointer from the conservative scan
}

__attribute__((noinline)) void churn(int n)
{
    for (int i = 0; i < n; ++i)
        (void)make_chain(10);
}

} // namespace

TEST_F(HeapTest, Gc3UnreachableObjectsAreSweptAndDestroyed)
{
    gc::collect();
    int before = g_destroyed;
    churn(100);
    size_t freed = gc::collect();
    EXPECT_GE(freed, 900u); // conservative scanning may retain a stale chain or two
    EXPECT_GE(g_destroyed - before, 900);
    gc::verify_heap();
}

TEST_F(HeapTest, Gc1RegisteredRootKeepsChainAlive)
{
    Value root = Value::from_bits(make_chain(50) ^ 0x5555555555555555ull);
    Value slot = root;
    gc::add_root(&slot);
    root = Value();
    gc::collect();
    int64_t sum = 0;
    int count = 0;
    for (Value v = slot; v; v = v.as<Node>()->m_next) {
        sum += v.as<Node>()->m_payload;
        ++count;
    }
    EXPECT_EQ(count, 50);
    EXPECT_EQ(sum, 49 * 50 / 2);
    gc::remove_root(&slot);
    gc::verify_heap();
}

TEST_F(HeapTest, Gc1StackLocalIsARoot)
{
    Node* local = gc::make<Node>(&node_type(), 1234);
    churn(200);
    gc::collect();
    // The node is still allocated: the conservative stack scan found [local].
    EXPECT_TRUE(gc::is_heap_object(local));
    EXPECT_EQ(local->m_payload, 1234);
}

TEST_F(HeapTest, Gc1RootedValuesKeepTheirElements)
{
    gc::RootedValues values;
    for (int i = 0; i < 100; ++i)
        values.push_back(Value::from_bits(make_chain(3) ^ 0x5555555555555555ull));
    gc::collect();
    for (Value v : values) {
        ASSERT_TRUE(gc::is_heap_object(v.as_object()));
        EXPECT_EQ(v.as<Node>()->m_payload, 2);
    }
}

TEST_F(HeapTest, MemoryStaysBoundedUnderChurn)
{
    gc::collect();
    size_t baseline = gc::stats().bytes_in_use;
    for (int round = 0; round < 20; ++round) {
        churn(20000);
        gc::maybe_collect();
    }
    gc::collect();
    EXPECT_LT(gc::stats().bytes_in_use, baseline + 4 * 1024 * 1024);
}

TEST_F(HeapTest, LargeObjectsAreCollected)
{
    gc::collect();
    size_t baseline = gc::stats().bytes_in_use;
    for (int i = 0; i < 100; ++i)
        (void)gc::allocate(&node_type(), 100000);
    gc::collect();
    EXPECT_LT(gc::stats().bytes_in_use, baseline + 200000);
}

namespace {
// A collection as the allocation threshold starts it: GC-14 leaves most chunks unswept.
void threshold_collection()
{
    gc::detail::g_collect_requested.store(true, std::memory_order_relaxed);
    gc::maybe_collect();
}
} // namespace

TEST_F(HeapTest, Gc14LazySweepFreesTheDeadAndKeepsTheLive)
{
    // Conservative stack scanning may retain a chain or two through a stale word (more in
    // sanitizer builds), so the checks on dead objects are about most of them, not all.
    constexpr int kChains = 200, kLength = 10;
    gc::collect();
    Value live = Value::from_bits(make_chain(50) ^ 0x5555555555555555ull);
    Value slot = live;
    gc::add_root(&slot);
    live = Value();
    std::vector<uint64_t> hidden_dead;
    for (int i = 0; i < kChains; ++i)
        hidden_dead.push_back(make_chain(kLength));
    churn(2000); // the dead chains' chunks are no longer the one this thread carves: unswept
    int before = g_destroyed;
    threshold_collection();
    // The destroy hooks ran in the pause; the dead chains' cells are no objects any more, even
    // while their chunks wait to be swept.
    EXPECT_GE(g_destroyed - before, kChains * kLength * 9 / 10);
    int still_objects = 0;
    for (uint64_t h : hidden_dead)
        still_objects += gc::is_heap_object(Value::from_bits(h ^ 0x5555555555555555ull).as_object());
    EXPECT_LE(still_objects, kChains / 10);
    gc::verify_heap();
    // Allocating reuses (and so sweeps) the chunks; the live chain is untouched.
    churn(20000);
    int count = 0;
    for (Value v = slot; v; v = v.as<Node>()->m_next)
        ++count;
    EXPECT_EQ(count, 50);
    gc::verify_heap();
    // Chains that survive a threshold collection carry its marks; once they die, the next
    // threshold collection must find them dead: every mark was cleared in between, by a lazy
    // sweep or by the collection's own catch-up first.
    {
        gc::RootedValues kept;
        for (int i = 0; i < kChains; ++i)
            kept.push_back(Value::from_bits(make_chain(kLength) ^ 0x5555555555555555ull));
        churn(2000);
        threshold_collection();
        for (Value v : kept)
            EXPECT_EQ(v.as<Node>()->m_payload, kLength - 1);
    }
    before = g_destroyed;
    threshold_collection();
    EXPECT_GE(g_destroyed - before, kChains * kLength * 9 / 10);
    gc::remove_root(&slot);
    gc::verify_heap();
}

namespace {
int g_callback_starts = 0;
size_t g_collections_inside_callback = 0;
// A gc.callbacks function that reaches a safepoint while the collection it announces is still
// requested, as Python code that allocates does.
void polling_callback(bool start, size_t)
{
    if (!start)
        return;
    ++g_callback_starts;
    size_t before = gc::collection_count();
    gc::maybe_collect();
    g_collections_inside_callback += gc::collection_count() - before;
}
} // namespace

TEST_F(HeapTest, CallbackThatPollsDoesNotNestACollection)
{
    gc::set_collect_callback(polling_callback);
    size_t before = gc::collection_count();
    threshold_collection();
    gc::set_collect_callback(nullptr);
    EXPECT_EQ(g_callback_starts, 1);
    EXPECT_EQ(g_collections_inside_callback, 0u);
    EXPECT_EQ(gc::collection_count() - before, 1u);
}

namespace {
// GC-12's span pieces. A leaf: a builtin type with no references (marked, never traced).
struct Leaf : Object {
    int64_t m_payload;
    Leaf(Type* t, int64_t payload)
        : Object(t)
        , m_payload(payload)
    {
    }
};
Type& leaf_type()
{
    static Type* t = new_test_type("Leaf", sizeof(Leaf), nullptr, nullptr);
    return *t;
}
// A container whose items live outside the heap, traced as one span of every other slot (the
// odd slots hold hidden bits, as a dict table's hashes sit between its keys).
struct Bag : Object {
    std::vector<Value> m_slots;
    explicit Bag(Type* t)
        : Object(t)
    {
    }
};
void trace_bag(Object* o, gc::Tracer& tracer)
{
    auto& slots = static_cast<Bag*>(o)->m_slots;
    tracer.visit_span(slots.data(), slots.size() / 2, 2, 1);
}
void destroy_bag(Object* o) { static_cast<Bag*>(o)->~Bag(); }
Type& bag_type()
{
    static Type* t = new_test_type("Bag", sizeof(Bag), trace_bag, destroy_bag);
    return *t;
}
__attribute__((noinline)) uint64_t make_bag(int n)
{
    Bag* bag = gc::make<Bag>(&bag_type());
    for (int i = 0; i < n; ++i) {
        bag->m_slots.push_back(Value(gc::make<Leaf>(&leaf_type(), i)));
        bag->m_slots.push_back(Value::from_bits(uint64_t(i) << 4 | 1)); // never visited
    }
    return Value(bag).bits() ^ 0x5555555555555555ull;
}
} // namespace

TEST_F(HeapTest, Gc12BigSpansOfLeavesAreMarkedInSharedPieces)
{
    // More leaves than the serial phase marks, in one span: the markers share its pieces.
    constexpr int kLeaves = 300000;
    constexpr int kDeadBags = 20, kDeadLeaves = 10000;
    gc::collect();
    Value slot = Value::from_bits(make_bag(kLeaves) ^ 0x5555555555555555ull);
    gc::add_root(&slot);
    for (int i = 0; i < kDeadBags; ++i)
        (void)make_bag(kDeadLeaves);
    size_t freed = gc::collect();
    // The unrooted bags' leaves die (conservative scanning may retain a bag or two).
    EXPECT_GE(freed, size_t(kDeadBags - 2) * kDeadLeaves);
    auto const& slots = slot.as<Bag>()->m_slots;
    ASSERT_EQ(slots.size(), size_t(2 * kLeaves));
    int64_t sum = 0;
    int alive = 0;
    for (size_t i = 0; i < slots.size(); i += 2) {
        alive += gc::is_heap_object(slots[i].as_object());
        sum += slots[i].as<Leaf>()->m_payload;
    }
    EXPECT_EQ(alive, kLeaves);
    EXPECT_EQ(sum, int64_t(kLeaves) * (kLeaves - 1) / 2);
    gc::verify_heap();
    gc::remove_root(&slot);
}
