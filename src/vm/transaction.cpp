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
#include "vm/eval_breaker.h"

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <time.h>

namespace pystm::vm {

namespace {

std::mutex s_mutex; // guards everything below
std::condition_variable s_token_cv; // the token was released
std::condition_variable s_taken_cv; // the token was taken (forced switches wait for it)
ThreadState* s_holder = nullptr;
uint64_t s_takes = 0; // how many times the token was taken
int s_waiting = 0; // threads waiting in transaction_begin
int s_live = 0; // registered threads
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

} // namespace

void transaction_begin(ThreadState* ts)
{
    {
        std::unique_lock lk(s_mutex);
        take_token(ts, lk);
    }
    started(ts);
}

void transaction_end(ThreadState* ts)
{
    gc::park_thread(); // TX-2, before another thread can collect
    std::lock_guard lk(s_mutex);
    release_token(ts);
}

void transaction_end_final(ThreadState* ts)
{
    std::lock_guard lk(s_mutex);
    release_token(ts);
}

void transaction_switch_point(ThreadState* ts)
{
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
        m_ts = nullptr; // TX-3: inside pystm.atomic the transaction continues
        return;
    }
    transaction_end(m_ts);
}

BlockingRegion::~BlockingRegion()
{
    // The blocking call's errno survives: callers test it after the region.
    int saved = errno;
    if (m_ts)
        transaction_begin(m_ts);
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
