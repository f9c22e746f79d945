// GC-2: a collection request reaches the interpreter's polls through the allocating thread's
// own eval-breaker word (EB_GC_REQUEST), so that a poll reads one word of its own thread; the
// poll's slow path clears the bit and collects, with gc::collection_requested() as the
// authority.
#include "../objects/runtime.h"
#include "gc/heap.h"
#include "objects/list_object.h"
#include "vm/eval_breaker.h"

#include <gtest/gtest.h>

namespace pystm {
namespace {

    // Allocates garbage until the collector asks for a collection.
    void allocate_until_requested()
    {
        for (int i = 0; i < 1 << 22 && !gc::collection_requested(); i++)
            list_new(64);
    }

    TEST(GcRequest, AllocatingThreadIsToldThroughItsEvalBreaker)
    {
        test::ensure_runtime();
        ThreadState* ts = tstate();
        vm::handle_eval_breaker(ts); // no request left over from other tests
        ASSERT_FALSE(gc::collection_requested());
        ASSERT_EQ(ts->m_eval_breaker.load() & vm::EB_GC_REQUEST, 0u);

        allocate_until_requested();
        ASSERT_TRUE(gc::collection_requested());
        EXPECT_TRUE(ts->m_eval_breaker.load() & vm::EB_GC_REQUEST);
        EXPECT_TRUE(vm::eval_breaker_pending(ts));

        size_t before = gc::collection_count();
        vm::handle_eval_breaker(ts);
        EXPECT_GT(gc::collection_count(), before);
        EXPECT_FALSE(gc::collection_requested());
        EXPECT_EQ(ts->m_eval_breaker.load() & vm::EB_GC_REQUEST, 0u);
    }

    TEST(GcRequest, RestartPointCountdownStopsAtTheRequest)
    {
        test::ensure_runtime();
        ThreadState* ts = tstate();
        uint32_t saved = ts->m_poll_skip;
        ts->m_poll_skip = 10;
        EXPECT_TRUE(vm::skip_restart_point(ts, vm::EB_TX_SWITCH));
        EXPECT_EQ(ts->m_poll_skip, 9u);
        EXPECT_FALSE(vm::skip_restart_point(ts, vm::EB_TX_SWITCH | vm::EB_GC_REQUEST));
        EXPECT_EQ(ts->m_poll_skip, 9u);
        ts->m_poll_skip = 0;
        EXPECT_FALSE(vm::skip_restart_point(ts, vm::EB_TX_SWITCH));
        ts->m_poll_skip = saved;
    }

} // namespace
} // namespace pystm
