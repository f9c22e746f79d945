// Per-thread interpreter state. One ThreadState per OS thread that runs Python code; the GC
// traces every registered ThreadState (its in-flight exception, frame chain and the like).
#pragma once

#include "objects/object.h"

#include <utility>
#include <vector>

namespace pystm {

struct DictObject;

namespace vm {
struct Frame;
}

// C++ stack kept in reserve below ThreadState::m_stack_limit: enough to raise and format a
// RecursionError and to unwind through C++ frames. A thread started with a requested stack size
// gets this much more (modules/thread_module.cpp).
inline constexpr size_t kStackReserve = 256 * 1024;

// One level of the handled-exception stack (sys.exc_info()): the thread has a base entry, and
// each running generator / coroutine pushes its own entry, so a generator's handled exception
// is saved while it is suspended. The innermost non-null, non-None m_exc is the handled one.
struct ExcInfo {
    Value m_exc; // the handled exception, None or null
    ExcInfo* m_previous = nullptr;
};

struct ThreadState {
    // The exception being propagated through C++ code (objects/api.h, PyError). Null when none.
    Value m_current_exception;
    // Innermost frame running on this thread (its m_previous chain is the Python call stack).
    vm::Frame* m_frame = nullptr;
    // Python-level call depth (frames plus RecursionGuard sections) for RecursionError.
    int m_recursion_depth = 0;
    // sys.set_coroutine_origin_tracking_depth(): how many frames a new coroutine records as its
    // cr_origin (0: none). Per thread, as in CPython.
    int m_coro_origin_depth = 0;
    // Lowest safe address of this thread's C++ stack: below it, RecursionGuard raises
    // RecursionError instead of letting the stack overflow.
    char const* m_stack_limit = nullptr;
    // Per-thread dict (threading.local storage, thread-specific state of modules).
    DictObject* m_dict = nullptr;
    // The contextvars context current on this thread (modules/contextvars_module.cpp); null
    // until first used: every thread starts in a new empty context, as in CPython.
    Value m_context;
    // Set asynchronously (signals, other threads) and polled at the eval breaker.
    std::atomic<uint32_t> m_eval_breaker { 0 };
    ThreadState* m_next = nullptr; // registry of all threads (gc/heap.cpp walks it)
    // The handled-exception stack (see ExcInfo); m_exc_info points at m_exc_base or at the
    // ExcInfo of the innermost running generator.
    ExcInfo m_exc_base;
    ExcInfo* m_exc_info = &m_exc_base;
    // Depth of nested run_frame() activations (C++ re-entries of the interpreter loop).
    int m_nested_runs = 0;

    // Transactions (vm/transaction.h). Written by this thread only, except that other threads
    // read the statistics for pystm.statistics().
    int m_atomic_depth = 0; // nesting of pystm.atomic blocks (TX-3)
    bool m_in_transaction = false;
    bool m_commit_soon = false; // hint_commit_soon(): end the transaction at the next poll
    uint64_t m_tx_start_ns = 0;
    std::atomic<uint64_t> m_tx_commits { 0 };
    std::atomic<uint64_t> m_tx_switches { 0 };
    std::atomic<uint64_t> m_tx_ns_running { 0 };
    std::atomic<uint64_t> m_tx_ns_waiting { 0 };
    uint64_t m_ident = 0; // _thread.get_ident()
    // _thread._set_sentinel(): a lock released when the thread ends (threading's join waits on it).
    Value m_sentinel;

    // Parallel transactions (vm/stm_client.h).
    void* m_stm_tx = nullptr; // this thread's stm::Transaction descriptor
    bool m_restartable = false; // the running transaction began at a restart point (CLI-1)
    uint32_t m_tx_polls = 0; // restart points passed in the running transaction
    // Restart points the loop may pass without calling transaction_restart_point(), counted
    // down inline (skip_restart_point, vm/eval_breaker.h); they are part of m_tx_polls already.
    uint32_t m_poll_skip = 0;
    // TQ-6 (vm/stm_client.h, stm_between_calls): how many calls of a TransactionQueue worker the
    // running attempt has run, how many it may run before it ends, and the attempts committed
    // since that limit last changed. Plain counters outside the transactional state
    // (principle 6): an abort keeps them, and lowers the limit.
    uint32_t m_batch_calls = 0;
    uint32_t m_batch_limit = 1;
    uint32_t m_batch_streak = 0;
    // The thread as it was at the restart point, put back after an abort.
    vm::Frame* m_restart_frame = nullptr;
    int m_restart_recursion = 0;
    ExcInfo* m_restart_exc_info = nullptr;
    Value m_restart_exc_base;
    Value m_restart_context;
    // LIST-3: list.append calls of the running attempt on lists it does not own, applied when
    // the attempt touches such a list again or before it commits (vm/stm_client.cpp). Traced
    // as roots; dropped when an attempt begins. [location] is the tag of the instruction that
    // queued the change (vm/stm_location.h): applying it reports that line, not the commit's.
    struct DeferredAppend {
        struct ListObject* list;
        Value value;
        uint64_t location;
    };
    std::vector<DeferredAppend> m_deferred_appends;
    // WEAK-2: the weak slots that the running attempt registered (owner, slot), and the
    // thread's commit count when it registered the first; an attempt that begins while the count
    // is unchanged follows an abort and unregisters them (vm/stm_client.cpp). Traced as roots.
    std::vector<std::pair<Object*, Value*>> m_weak_slots;
    uint64_t m_weak_slots_commits = 0;
    // Statistics counted outside the STM that the running attempt adds to at its commit
    // (stm_add_on_commit, vm/stm_client.h); owners traced as roots.
    struct PendingAdd {
        Object* owner;
        std::atomic<int64_t>* counter;
        int64_t delta;
    };
    std::vector<PendingAdd> m_pending_adds;
    // Actions on shared objects that must wait for the running attempt's commit (stm_on_commit,
    // vm/stm_client.h): waking the waiters of a lock it released. Owners traced as roots.
    struct OnCommit {
        Object* owner;
        void (*action)(Object*);
    };
    std::vector<OnCommit> m_on_commit;
    // GC-15: the running attempt registered objects for finalization tentatively; the thread's
    // commit count when it began.
    bool m_tentative_finalizable = false;
    uint64_t m_finalizable_commits = 0;
    // DICT-10, SET-6: insertions of new keys into striped dicts and sets that the running
    // attempt does not own, applied like the appends above (the attempt holds each key's stripe
    // meanwhile). [value] is null for a set.
    struct DeferredInsert {
        Object* container;
        Value key;
        int64_t hash;
        Value value;
        uint64_t location; // as DeferredAppend's
    };
    std::vector<DeferredInsert> m_deferred_inserts;
    // (t_pending_filter, objects/dict_object.h, is the filter over this queue.)
    // While a queued change is applied: the location tag it was queued at, which
    // current_location() reports instead of the frame's (LOC-3). 0 otherwise.
    uint64_t m_location_override = 0;
    // FRAME-4/5: frames that returned without escaping, by slot count, linked through
    // m_previous, for the thread's next calls (vm/frame.cpp). Traced as roots.
    static constexpr size_t kFramePoolBuckets = 64;
    vm::Frame* m_frame_pool[kFramePoolBuckets] = {};
    uint32_t m_frame_pool_count[kFramePoolBuckets] = {};
};

// The calling thread's state; valid after thread_state_attach().
extern thread_local constinit ThreadState* t_tstate;
inline ThreadState* tstate() { return t_tstate; }

// Creates and registers the calling thread's ThreadState (and its GC stack registration), then
// begins its first transaction (vm/transaction.h): on return the thread may use the heap.
ThreadState* thread_state_attach(void* stack_base);
// Ends the thread's last transaction and unregisters it.
void thread_state_detach();

// Global recursion limit (sys.setrecursionlimit), 1000 by default.
extern int g_recursion_limit;

// Traces the roots held by [ts] (called by the collector).
namespace gc {
class Tracer;
}
void trace_thread_state(ThreadState* ts, gc::Tracer& tracer);
// The registry of thread states (linked through m_next); the collector walks it at safepoints.
ThreadState* thread_state_head();
// Sets [bits] in the eval breaker of the thread whose STM descriptor is [stm_tx], if that thread
// is still registered (under the registry's lock, so its state cannot be freed meanwhile).
void thread_state_signal(void const* stm_tx, uint32_t bits);
// Sets ts->m_stm_tx (its own thread only): an atomic store, since thread_state_signal() reads
// the field of other threads.
inline void set_stm_descriptor(ThreadState* ts, void* tx)
{
    std::atomic_ref<void*>(ts->m_stm_tx).store(tx, std::memory_order_relaxed);
}

} // namespace pystm
