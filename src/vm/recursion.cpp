// Recursion control: the Python call depth limit (sys.setrecursionlimit), the C++ stack guard
// (RecursionGuard from objects/api.h) and the eval breaker's slow path.
//
// Depth accounting: every running Python frame and every live RecursionGuard counts one level
// in ThreadState::m_recursion_depth; entering a level beyond g_recursion_limit raises
// RecursionError. Independently, the C++ stack pointer is compared with
// ThreadState::m_stack_limit (computed in thread_state_attach() with a safety margin), so deep
// C++ recursion raises RecursionError long before the stack overflows.
#include "modules/signal_module.h"
#include "objects/exceptions.h"
#include "vm/eval_breaker.h"
#include "vm/frame.h"
#include "vm/stm_client.h"
#include "vm/transaction.h"

namespace pystm {

namespace {
[[noreturn]] void raise_recursion(char const* where)
{
    raise(&exc::RecursionError, "maximum recursion depth exceeded%s", where);
}
} // namespace

RecursionGuard::RecursionGuard(char const* where)
{
    ThreadState* ts = tstate();
    vm::check_cpp_stack(where);
    if (++ts->m_recursion_depth > g_recursion_limit) {
        ts->m_recursion_depth--;
        raise_recursion(where);
    }
}

RecursionGuard::~RecursionGuard() { tstate()->m_recursion_depth--; }

namespace vm {

void enter_recursive_frame(ThreadState* ts)
{
    if (PY_UNLIKELY(++ts->m_recursion_depth > g_recursion_limit)) {
        ts->m_recursion_depth--;
        raise_recursion("");
    }
}

bool cpp_stack_low()
{
    char const* sp = static_cast<char const*>(__builtin_frame_address(0));
    ThreadState* ts = tstate();
    return ts->m_stack_limit && sp < ts->m_stack_limit;
}

void check_cpp_stack(char const* where)
{
    if (PY_UNLIKELY(cpp_stack_low()))
        raise_recursion(where);
}

void handle_eval_breaker(ThreadState* ts, bool restart_point)
{
    if (ts->m_eval_breaker.load(std::memory_order_relaxed) & EB_GC_REQUEST) {
        // Cleared before the request is read (GC-2): one raised after the read sets it again.
        ts->m_eval_breaker.fetch_and(~uint32_t(EB_GC_REQUEST), std::memory_order_relaxed);
    }
    if (gc::collection_requested())
        gc::maybe_collect();
    // Read after the collection: a signal that arrived during it (a collection can take long
    // enough for a timer to fire) is handled here, before the caller goes on to a blocking call.
    uint32_t bits = ts->m_eval_breaker.load(std::memory_order_relaxed);
    if (bits & EB_GC) {
        ts->m_eval_breaker.fetch_and(~uint32_t(EB_GC), std::memory_order_relaxed);
        transaction_safepoint(ts); // another thread's collection (GC-8)
    }
    if (bits & EB_STM_KILL) {
        // STM-9: rolls back (throws StmAbort) if the request names the running attempt; a
        // request for an attempt that ended meanwhile matches nothing.
        ts->m_eval_breaker.fetch_and(~uint32_t(EB_STM_KILL), std::memory_order_relaxed);
        stm::poll();
    }
    if (bits & EB_TX_SWITCH) {
        if (g_tx_mode == TxMode::Parallel) {
            if (restart_point)
                transaction_restart_point(ts); // may throw StmAbort (CLI-1)
        } else {
            transaction_switch_point(ts); // may let another thread run (and collect)
        }
    }
    if (bits & EB_SIGINT) {
        ts->m_eval_breaker.fetch_and(~uint32_t(EB_SIGINT), std::memory_order_relaxed);
        signal_run_pending(); // modules/signal_module.cpp: Python handlers, else KeyboardInterrupt
    }
}

namespace {
std::atomic<ThreadState*> s_main_tstate { nullptr };
}

void note_main_thread_state(ThreadState* ts)
{
    ThreadState* expected = nullptr;
    s_main_tstate.compare_exchange_strong(expected, ts);
}

void request_sigint()
{
    if (ThreadState* ts = s_main_tstate.load(std::memory_order_relaxed))
        ts->m_eval_breaker.fetch_or(EB_SIGINT, std::memory_order_relaxed);
}

} // namespace vm
} // namespace pystm
