// hint_commit_soon() (vm::stm_request_commit_soon) on a thread that is alone in parallel mode,
// where the STM is off (TX-5): there is no transaction to end, so the request must leave the
// eval breaker alone. A set EB_TX_SWITCH would stay set (only the STM's restart points and
// serial mode's switch point clear it) and send every later poll of the interpreter loop
// through handle_eval_breaker(): a TransactionQueue run on one thread asks after every call.
#include "../objects/runtime.h"
#include "vm/eval_breaker.h"
#include "vm/stm_client.h"

#include <gtest/gtest.h>

namespace pystm {
namespace {

    TEST(CommitSoon, AloneInParallelModeLeavesTheEvalBreakerClear)
    {
        test::ensure_runtime();
        ASSERT_EQ(vm::g_tx_mode, vm::TxMode::Parallel);
        ASSERT_FALSE(g_stm_active);
        ThreadState* ts = tstate();
        uint32_t before = ts->m_eval_breaker.load();
        vm::stm_request_commit_soon(ts);
        EXPECT_EQ(ts->m_eval_breaker.load() & vm::EB_TX_SWITCH, 0u);
        EXPECT_EQ(ts->m_eval_breaker.load(), before);
        EXPECT_FALSE(ts->m_commit_soon);
    }

    TEST(CommitSoon, SerialModeStillAsksForTheSwitch)
    {
        test::ensure_runtime();
        ThreadState* ts = tstate();
        vm::g_tx_mode = vm::TxMode::Serial;
        vm::stm_request_commit_soon(ts);
        bool asked = ts->m_eval_breaker.load() & vm::EB_TX_SWITCH;
        // Put the thread back as the other tests expect it.
        ts->m_eval_breaker.fetch_and(~uint32_t(vm::EB_TX_SWITCH));
        ts->m_commit_soon = false;
        vm::g_tx_mode = vm::TxMode::Parallel;
        EXPECT_TRUE(asked);
    }

} // namespace
} // namespace pystm
