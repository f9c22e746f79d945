// The eval breaker: the interpreter's single poll point for asynchronous events.
//
// The loop polls it at JUMP_BACKWARD, at the POP_JUMP_BACKWARD_* instructions when they jump,
// and at every call (CALL, CALL_FUNCTION_EX, entering a frame). The fast path is one relaxed load
// of ThreadState::m_eval_breaker; only when a bit is set does handle_eval_breaker() run. A
// collection request reaches it as EB_GC_REQUEST, which the allocating thread sets in its own
// word (gc::set_request_flag, GC-2), so the poll reads no shared line. It is:
//   * the only GC safepoint of normal execution (GC-2): it calls gc::maybe_collect(), so an
//     object allocated by C++ code is never freed before that code returns to the loop or
//     calls back into Python (which reaches this poll);
//   * where a pending SIGINT becomes KeyboardInterrupt: the CLI's signal handler sets
//     EB_SIGINT with request_sigint() (async-signal-safe: one atomic OR on the main thread's
//     state), and the poll clears it and raises;
//   * where the thread's transaction ends and the next begins (vm/transaction.h), when another
//     thread waits for the run token (EB_TX_SWITCH).
// Everything the collector must see (the frame chain, FRAME-1) is published before the poll.
#pragma once

#include "gc/heap.h"
#include "vm/thread_state.h"

namespace pystm::vm {

enum EvalBreakerBits : uint32_t {
    EB_SIGINT = 1u << 0, // a SIGINT arrived: raise KeyboardInterrupt
    EB_GC = 1u << 1, // another thread asks this one to reach a safepoint
    EB_TX_SWITCH = 1u << 2, // another thread waits for the run token, or hint_commit_soon()
    EB_STM_KILL = 1u << 3, // the inevitable transaction asks this thread's attempt to abort
    EB_GC_REQUEST = 1u << 4, // this thread raised gc::collection_requested() (GC-2)
};

// Slow path: collects garbage if requested, stops for another thread's collection, ends the
// transaction when asked to (EB_TX_SWITCH), raises KeyboardInterrupt for a pending SIGINT.
// [restart_point]: the caller is the interpreter loop with its frame's state saved, where a
// parallel transaction may end and the next begin (vm/stm_client.h, CLI-1).
void handle_eval_breaker(ThreadState* ts, bool restart_point = false);

inline uint32_t eval_breaker_bits(ThreadState* ts)
{
    return ts->m_eval_breaker.load(std::memory_order_relaxed);
}
inline bool eval_breaker_pending(ThreadState* ts) { return PY_UNLIKELY(eval_breaker_bits(ts) != 0); }

// With parallel transactions EB_TX_SWITCH stays set, so that every restart point of the loop
// reaches transaction_restart_point(). While the running transaction is shorter than its length
// budget there is nothing to do there, and the restart point only counts down the polls that
// transaction_restart_point() granted (ThreadState::m_poll_skip), inline. [bits] is the word the
// poll loaded: any other bit (a collection request among them) ends the countdown's shortcut.
inline bool skip_restart_point(ThreadState* ts, uint32_t bits)
{
    if (bits != EB_TX_SWITCH || ts->m_poll_skip == 0)
        return false;
    ts->m_poll_skip--;
    return true;
}

inline void poll_eval_breaker(ThreadState* ts)
{
    if (eval_breaker_pending(ts))
        handle_eval_breaker(ts);
}

// Async-signal-safe: marks a pending SIGINT on the main thread's state.
void request_sigint();

} // namespace pystm::vm
