// Transactions in the interpreter (vm/transaction.h): the run token, switching at the eval
// breaker, blocking regions and the statistics behind pystm.statistics().
//
// The run token serializes transactions: s_holder is the thread whose transaction runs. A thread
// that wants to begin one waits on s_token_cv; if it has waited for a whole switch interval
// without the token changing hands, it sets EB_TX_SWITCH on the holder, which ends its
// transaction at its next eval-breaker poll and does not begin the next one before a waiter has
// taken the token (TX-4, the "forced switch" of CPython's GIL, so a busy thread cannot take the
// token straight back).
//
// Lock order: s_mutex is a leaf (no other lock is taken while holding it). The collector's
// g_heap_mutex is never held while waiting for the token.
#include "vm/transaction.h"
#include "gc/heap.h"
#include "objects/access.h"
#include "stm/stm.h"
#include "vm/eval_breaker.h"
#include "vm/stm_client.h"
#include "vm/stm_location.h"
#include "vm/stm_log.h"

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <time.h>

namespace pystm::vm {

namespace {

std::mutex s_mutex; // guards everything below
std::condition_variable s_token_cv; // the token was released
std::condition_variable s_taken_cv; // the token was taken (forced switches wait for it)
ThreadState* s_holder = nullptr;
uint64_t s_takes = 0; // how many times the token was taken
int s_waiting = 0; // threads waiting in transaction_begin
std::atomic<int> s_live { 0 }; // registered threads (changed under s_mutex; read without it too)
int s_starting = 0; // threads created by start_new_thread and not registered yet (TX-5)
bool s_keep_engaged = false; // PYSTM_STM=engaged: the STM stays on with one thread (TX-5)
double s_interval = 0.005; // seconds, CPython's default switch interval
TxStats s_exited; // statistics of threads that have exited

uint64_t now_ns()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

// Takes the token for [ts]; s_mutex held through [lk].
void take_token(ThreadState* ts, std::unique_lock<std::mutex>& lk)
{
    if (s_holder) {
        uint64_t t0 = now_ns();
        s_waiting++;
        auto interval = std::chrono::nanoseconds(static_cast<int64_t>(s_interval * 1e9));
        while (s_holder) {
            uint64_t takes = s_takes;
            if (s_token_cv.wait_for(lk, interval) == std::cv_status::timeout && s_holder && takes == s_takes)
                s_holder->m_eval_breaker.fetch_or(EB_TX_SWITCH, std::memory_order_relaxed);
        }
        s_waiting--;
        ts->m_tx_ns_waiting.fetch_add(now_ns() - t0, std::memory_order_relaxed);
    }
    s_holder = ts;
    s_takes++;
    s_taken_cv.notify_all();
}

// Releases the token held by [ts]; s_mutex held.
void release_token(ThreadState* ts)
{
    PY_VERIFY(s_holder == ts, "TX-1");
    s_holder = nullptr;
    ts->m_in_transaction = false;
    ts->m_tx_commits.fetch_add(1, std::memory_order_relaxed);
    ts->m_tx_ns_running.fetch_add(now_ns() - ts->m_tx_start_ns, std::memory_order_relaxed);
    s_token_cv.notify_one();
}

void started(ThreadState* ts)
{
    gc::unpark_thread();
    ts->m_in_transaction = true;
    ts->m_tx_start_ns = now_ns();
}

// --- parallel transactions ------------------------------------------------------------------------
//
// GC-8 (stopping the world): s_running counts the threads inside transactions and not stopped.
// A collector sets s_stop, asks every thread to reach a safepoint (EB_GC) and waits until it is
// the only one running; threads stop at their next poll (or in the STM runtime's wait loops),
// staying inside their transactions, whose undo records and written objects the collector traces
// (UNDO-3). A thread outside its transaction cannot begin one while s_stop is set.
std::condition_variable s_gc_cv;
std::atomic<int> s_running { 0 }; // changed under s_mutex; fits_cores() reads it without
std::atomic<bool> s_stop { false }; // written under s_mutex; stm_wait() also reads it without

bool parallel() { return g_tx_mode == TxMode::Parallel; }

// Stops the calling thread (inside its transaction) until the collection in progress ends.
uint64_t s_gc_start_ticks = 0; // the running collection's start, for the conflict log

void stop_for_collection(ThreadState* ts, std::unique_lock<std::mutex>& lk)
{
    s_running--;
    s_gc_cv.notify_all();
    uint64_t t0 = now_ns();
    uint64_t ticks0 = stm::now_ticks();
    while (s_stop)
        s_gc_cv.wait(lk);
    s_running++;
    stm_log_wait(1, ticks0, stm::now_ticks(), 0);
    if (ts)
        ts->m_tx_ns_waiting.fetch_add(now_ns() - t0, std::memory_order_relaxed);
}

bool stop_world()
{
    ThreadState* me = tstate();
    gc::park_thread();
    std::unique_lock lk(s_mutex);
    if (s_stop) {
        // Another thread is collecting: let it, and skip this collection.
        stop_for_collection(me, lk);
        lk.unlock();
        gc::unpark_thread();
        return false;
    }
    s_stop = true;
    for (ThreadState* ts = thread_state_head(); ts; ts = ts->m_next)
        if (ts != me)
            ts->m_eval_breaker.fetch_or(EB_GC, std::memory_order_relaxed);
    stm::wake_parked(); // STM-14: a parked waiter stops at its next wait step
    while (s_running > 1)
        s_gc_cv.wait(lk);
    lk.unlock();
    gc::unpark_thread();
    s_gc_start_ticks = stm::now_ticks();
    return true;
}

void resume_world()
{
    stm_log_gc(s_gc_start_ticks, stm::now_ticks(), gc::stats().bytes_in_use);
    std::lock_guard lk(s_mutex);
    s_stop = false;
    s_gc_cv.notify_all();
}

// Whether the threads inside transactions fit on the machine's cores: a waiter may then spin,
// since the thread it waits for runs on a core of its own.
bool fits_cores()
{
    static int const s_cores = int(std::max(1u, std::thread::hardware_concurrency()));
    return s_running.load(std::memory_order_relaxed) <= s_cores;
}

// The STM runtime's wait loops (a lock owner committing, the inevitable transaction): a thread
// waiting there must still stop for a collection, or the collector would wait for it for ever.
// One step spins about a microsecond when every running thread has a core (a yield is a system
// call, which costs as much on a bare machine and far more in a sandbox such as gVisor, where
// eight threads that each yielded while one committed spent most of their time in the kernel).
// Otherwise the thread waited for may be preempted, with no core of its own: the first steps of
// a wait yield the processor, which is enough when that thread is queued on this core, and the
// later ones park until an attempt ends (STM-14), which frees this core wherever that thread
// is queued. With yields alone, four threads updating one shared list on two cores made 3.2
// million context switches in 2.6 s, three quarters of it in the kernel, and took ten times as
// long as two threads.
constexpr uint32_t kWaitYields = 32;
// STM-16: the longest an inevitable transaction's thread waits, after ending it, for the
// threads that waited for it to move on.
constexpr uint64_t kHandoverNs = 2'000'000;
constexpr uint64_t kParkNs = 200'000; // parks end sooner, at the event they wait for (STM-14)
constexpr uint64_t kWaitGapNs = 20'000; // steps closer than this belong to one wait
thread_local uint32_t t_wait_steps = 0;
thread_local uint64_t t_wait_last_ns = 0;

void stm_wait(stm::WaitReason)
{
    if (s_stop) {
        gc::park_thread();
        {
            std::unique_lock lk(s_mutex);
            if (s_stop)
                stop_for_collection(tstate(), lk);
        }
        gc::unpark_thread();
    } else if (fits_cores()) {
        for (int i = 0; i < 32; i++)
            cpu_relax();
    } else {
        if (now_ns() - t_wait_last_ns > kWaitGapNs)
            t_wait_steps = 0; // a new wait
        if (t_wait_steps++ < kWaitYields || !stm::may_park()) {
            std::this_thread::yield();
            stm::park_skip();
        } else {
            stm::park(kParkNs);
        }
        t_wait_last_ns = now_ns();
    }
}

// TX-5 (principle 7): the STM goes off again when the calling thread, between two of its
// transactions, is the only thread left: no other registered thread (s_live), none created and
// not registered yet (s_starting), none still inside a transaction (an exiting thread leaves
// s_live before its last commit, s_running after it), and no collection in progress. Only a
// running thread can start another, so nothing can change that before the caller's next step;
// the next thread to start engages the STM again (engage_parallel_transactions). Objects
// keep what the STM wrote in them: headers of attempts long ended read as version 0 (STM-3),
// stripes of contended containers stay and cost nothing with the barriers off. s_mutex held.
bool alone_locked()
{
    return g_stm_active && !s_keep_engaged && !s_stop && s_live == 1 && s_starting == 0
        && s_running == 1;
}

void disengage(ThreadState* ts)
{
    g_stm_active = false;
    ts->m_restartable = false;
    ts->m_eval_breaker.fetch_and(~uint32_t(EB_TX_SWITCH), std::memory_order_relaxed);
}

void parallel_enter(ThreadState* ts)
{
    bool alone;
    {
        std::unique_lock lk(s_mutex);
        uint64_t t0 = now_ns();
        while (s_stop)
            s_gc_cv.wait(lk);
        ts->m_tx_ns_waiting.fetch_add(now_ns() - t0, std::memory_order_relaxed);
        s_running++;
        alone = alone_locked();
    }
    started(ts);
    if (alone)
        disengage(ts); // TX-5
    if (g_stm_active) {
        ts->m_eval_breaker.fetch_or(EB_TX_SWITCH, std::memory_order_relaxed);
        stm_begin_inevitable(ts); // CLI-1: not a restart point
    }
}

void parallel_leave(ThreadState* ts, bool final)
{
    if (g_stm_active && stm::in_transaction()) {
        stm::commit(); // may throw StmAbort: the caller's restart point re-runs the attempt
        stm_attempt_settled(ts);
    }
    ts->m_restartable = false;
    if (!final)
        gc::park_thread(); // TX-2
    std::lock_guard lk(s_mutex);
    s_running--;
    s_gc_cv.notify_all();
    ts->m_in_transaction = false;
    ts->m_tx_commits.fetch_add(1, std::memory_order_relaxed);
    ts->m_tx_ns_running.fetch_add(now_ns() - ts->m_tx_start_ns, std::memory_order_relaxed);
}

} // namespace

void engage_parallel_transactions(ThreadState* ts, bool for_good)
{
    if (for_good) {
        std::lock_guard lk(s_mutex);
        s_keep_engaged = true;
    }
    if (!parallel() || g_stm_active)
        return;
    stm_engage();
    stm::ClientHooks hooks = stm::client_hooks();
    hooks.wait = stm_wait;
    hooks.kill_requested = [](stm::Transaction* owner) {
        thread_state_signal(owner, EB_STM_KILL);
        stm::wake_parked(); // STM-14: the owner may be parked in a wait of its own
    };
    if (stm_log_active())
        hooks.record = stm_log_record; // PYSTM_LOG: the conflict log
    stm::set_client_hooks(hooks);
    gc::set_world_hooks(stop_world, resume_world);
    // The caller is the only thread so far; threads started later register in transaction_begin.
    if (!ts->m_stm_tx)
        set_stm_descriptor(ts, stm::register_thread());
    ts->m_eval_breaker.fetch_or(EB_TX_SWITCH, std::memory_order_relaxed);
    stm_begin_inevitable(ts); // CLI-1: the caller is inside a native call
}

void transaction_begin(ThreadState* ts)
{
    if (parallel()) {
        if (g_stm_active && !ts->m_stm_tx)
            set_stm_descriptor(ts, stm::register_thread());
        parallel_enter(ts);
        return;
    }
    {
        std::unique_lock lk(s_mutex);
        take_token(ts, lk);
    }
    started(ts);
}

void transaction_end(ThreadState* ts)
{
    if (parallel()) {
        parallel_leave(ts, false);
        return;
    }
    gc::park_thread(); // TX-2, before another thread can collect
    std::lock_guard lk(s_mutex);
    release_token(ts);
}

void transaction_end_final(ThreadState* ts)
{
    if (parallel()) {
        parallel_leave(ts, true);
        if (ts->m_stm_tx)
            stm::unregister_thread();
        set_stm_descriptor(ts, nullptr);
        return;
    }
    std::lock_guard lk(s_mutex);
    release_token(ts);
}

void transaction_irreversible()
{
    if (g_stm_active && stm::in_transaction() && !stm::is_inevitable() && !gc::in_collection()) {
        stm::become_inevitable();
        if (ThreadState* ts = tstate())
            stm_attempt_settled(ts); // GC-15: gc.collect() then finalizes what the attempt made
    }
}

void transaction_safepoint(ThreadState* ts)
{
    if (!parallel())
        return;
    ts->m_eval_breaker.fetch_and(~uint32_t(EB_GC), std::memory_order_relaxed);
    if (!s_stop)
        return;
    gc::park_thread();
    {
        std::unique_lock lk(s_mutex);
        if (s_stop)
            stop_for_collection(ts, lk);
    }
    gc::unpark_thread();
}

namespace {

    // STM-16: the thread's inevitable transaction, inside a nested activation (where it could run
    // on for as long as the natively driven code does), ends because other threads wait for it. If
    // it went on in a new inevitable transaction at once, its thread would take the slot back, or
    // read again what a waiter wants to write, before the waiters ran: it waits for them first,
    // outside any transaction, as a blocking call does. Its next transaction is inevitable again.
    void hand_over_inevitable(ThreadState* ts)
    {
        transaction_end(ts); // an inevitable commit cannot fail
        ts->m_tx_switches.fetch_add(1, std::memory_order_relaxed);
        stm::await_inevitable_handover(kHandoverNs);
        transaction_begin(ts);
    }

} // namespace

void transaction_restart_point(ThreadState* ts)
{
    if (!g_stm_active || ts->m_atomic_depth > 0)
        return;
    if (ts->m_nested_runs != 1) {
        // Not a restart point (CLI-1), but an inevitable transaction may end here all the
        // same: it never restarts.
        if (stm::inevitable_awaited())
            hand_over_inevitable(ts);
        return;
    }
    bool soon = ts->m_commit_soon;
    ts->m_commit_soon = false;
    if (!soon && ts->m_restartable) {
        if (!stm::is_inevitable()) {
            uint32_t budget = stm::length_budget();
            if (++ts->m_tx_polls < budget) {
                // Grant the rest of the budget to the loop's inline countdown at once.
                ts->m_poll_skip = budget - 1 - ts->m_tx_polls;
                ts->m_tx_polls = budget - 1;
                return;
            }
        } else if (ts->m_tx_polls++ == 0) {
            // Begun inevitable at this restart point after too many aborts (STM-9): it must run
            // up to the next poll before it commits, or the work it is there to finish (the
            // instruction the thread resumes at) would run in an ordinary attempt again.
            return;
        }
    }
    stm::commit(); // may throw StmAbort: back to the previous restart point
    stm_attempt_settled(ts);
    ts->m_tx_commits.fetch_add(1, std::memory_order_relaxed);
    transaction_safepoint(ts);
    // TX-5: the relaxed read of s_live only spares the lock while other threads live.
    if (!s_keep_engaged && s_live.load(std::memory_order_relaxed) == 1) {
        std::unique_lock lk(s_mutex);
        if (alone_locked()) {
            lk.unlock();
            disengage(ts);
            return;
        }
    }
    stm_begin_at_restart_point(ts);
}

void transaction_switch_point(ThreadState* ts)
{
    if (parallel())
        return; // parallel transactions end at restart points only (transaction_restart_point)
    ts->m_eval_breaker.fetch_and(~uint32_t(EB_TX_SWITCH), std::memory_order_relaxed);
    bool soon = ts->m_commit_soon;
    ts->m_commit_soon = false;
    if (ts->m_atomic_depth > 0)
        return; // TX-3
    gc::park_thread();
    {
        std::unique_lock lk(s_mutex);
        if (s_waiting == 0 && !soon) {
            lk.unlock();
            gc::unpark_thread();
            return;
        }
        release_token(ts);
        ts->m_tx_switches.fetch_add(1, std::memory_order_relaxed);
        // TX-4: let a waiter run first.
        uint64_t takes = s_takes;
        while (s_waiting > 0 && s_takes == takes)
            s_taken_cv.wait(lk);
        take_token(ts, lk);
    }
    started(ts);
}

BlockingRegion::BlockingRegion()
    : m_ts(tstate())
{
    if (!m_ts || m_ts->m_atomic_depth > 0 || !m_ts->m_in_transaction) {
        // TX-3: inside pystm.atomic the transaction continues, so the blocking call (I/O) runs
        // inside it and must not be re-run: the transaction becomes inevitable.
        if (m_ts && m_ts->m_in_transaction)
            transaction_irreversible();
        m_ts = nullptr;
        return;
    }
    if (stm_log_active()) {
        m_start_ticks = stm::now_ticks();
        m_location = current_location();
    }
    transaction_end(m_ts);
}

BlockingRegion::~BlockingRegion()
{
    // The blocking call's errno survives: callers test it after the region.
    int saved = errno;
    if (m_ts) {
        if (m_start_ticks)
            stm_log_wait(2, m_start_ticks, stm::now_ticks(), m_location);
        transaction_begin(m_ts);
    }
    errno = saved;
}

double switch_interval()
{
    std::lock_guard lk(s_mutex);
    return s_interval;
}

void set_switch_interval(double seconds)
{
    std::lock_guard lk(s_mutex);
    s_interval = seconds;
}

void note_thread_registered()
{
    std::lock_guard lk(s_mutex);
    s_live++;
}

void note_thread_starting(int delta)
{
    std::lock_guard lk(s_mutex);
    s_starting += delta;
}

void note_thread_exit(ThreadState* ts)
{
    std::lock_guard lk(s_mutex);
    s_live--;
    s_exited.commits += ts->m_tx_commits.load(std::memory_order_relaxed) + 1; // + the final one
    s_exited.switches += ts->m_tx_switches.load(std::memory_order_relaxed);
    s_exited.ns_running += ts->m_tx_ns_running.load(std::memory_order_relaxed) + (now_ns() - ts->m_tx_start_ns);
    s_exited.ns_waiting += ts->m_tx_ns_waiting.load(std::memory_order_relaxed);
}

int live_threads()
{
    std::lock_guard lk(s_mutex);
    return s_live;
}

TxStats transaction_stats()
{
    std::lock_guard lk(s_mutex);
    TxStats t = s_exited;
    uint64_t now = now_ns();
    for (ThreadState* ts = thread_state_head(); ts; ts = ts->m_next) {
        t.commits += ts->m_tx_commits.load(std::memory_order_relaxed);
        t.switches += ts->m_tx_switches.load(std::memory_order_relaxed);
        t.ns_running += ts->m_tx_ns_running.load(std::memory_order_relaxed);
        if (ts == tstate() && ts->m_in_transaction)
            t.ns_running += now - ts->m_tx_start_ns;
        t.ns_waiting += ts->m_tx_ns_waiting.load(std::memory_order_relaxed);
    }
    return t;
}

} // namespace pystm::vm
