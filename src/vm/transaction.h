// Transactions in the interpreter: where a thread's transactions begin and end.
//
// Every thread that runs Python code is always inside a transaction while it touches the heap
// (TX-1). Transactions end and the next one begins only at these points:
//   * the eval-breaker poll (vm/eval_breaker.h), when another thread has waited for longer than
//     the switch interval (sys.setswitchinterval) or when hint_commit_soon() asked for it;
//   * around blocking calls (time.sleep, waiting for a lock, select/poll, blocking reads and
//     writes of files and sockets, waitpid): BlockingRegion ends the transaction before the call
//     and begins a new one after it;
//   * thread start and exit;
//   * an inevitable transaction that other threads wait for, at any poll of the loop, nested
//     activations included (STM-16): it never restarts, so it needs no restart point.
// Inside `with pystm.atomic:` (m_atomic_depth > 0) none of these end the transaction: the block
// is one transaction, as if the thread held a GIL for its whole duration (TX-3).
//
// Execution modes (-X stm=..., PYSTM_STM). Parallel (the default): once a second thread starts,
// transactions run concurrently as STM transactions (vm/stm_client.h), ending at the restart
// points of the interpreter loop rather than at a switch. Serial: a transaction holds the run
// token from begin to end, so transactions of different threads never overlap and every run is
// trivially equivalent to a run of CPython with its GIL; the eval-breaker switch above and TX-2
// and TX-4 are about this mode.
//
// Invariants:
//   TX-1  A thread touches the GC heap only inside a transaction (between transaction_begin and
//         transaction_end). Outside, it only runs C++ code on its own stack and C++ memory.
//   TX-2  A thread outside its transaction is parked for the collector: its stack pointer and
//         callee-saved registers are published (gc::park_thread) before the token is released,
//         so a collection run by another thread scans the parked thread's stack (GC-1).
//   TX-3  While m_atomic_depth > 0 the thread's transaction never ends, neither at the eval
//         breaker nor in a BlockingRegion.
//   TX-4  A thread that asks for the switch (a waiter) is served before the holder runs another
//         transaction: a forced switch waits until another thread has taken the token.
//   TX-5  Parallel mode: the STM is on (g_stm_active) only while the process has more than one
//         thread, or one being started; the last thread turns it off between two of its
//         transactions (vm/transaction.cpp says when that is safe). PYSTM_STM=engaged keeps it on.
#pragma once

#include "vm/thread_state.h"

#include <cstdint>

namespace pystm::vm {

// Begins the calling thread's transaction: waits for the run token. Never raises.
void transaction_begin(ThreadState* ts);
// Ends the calling thread's transaction (TX-2: parks the thread for the collector first).
void transaction_end(ThreadState* ts);
// Ends the thread's last transaction for good: the thread is no longer registered with the
// collector, so it is not parked.
void transaction_end_final(ThreadState* ts);

// The eval-breaker's transaction point (EB_TX_SWITCH set, or hint_commit_soon()): ends the
// transaction and begins the next one if another thread waits for the token (TX-4). Serial mode.
void transaction_switch_point(ThreadState* ts);

// Parallel mode: a poll of the interpreter loop with the frame's state saved (CLI-1). Ends the
// transaction when it is long enough (stm::length_budget()), inevitable, or asked to end soon,
// and begins the next one here. Throws StmAbort if the commit fails.
void transaction_restart_point(ThreadState* ts);
// Parallel mode: stops the thread (inside its transaction) while another thread collects (GC-8).
void transaction_safepoint(ThreadState* ts);
// Parallel mode: engages the STM before the process gets a second thread; the caller's
// transaction becomes an STM transaction (inevitable: it is inside a native call, CLI-1).
// [for_good] (PYSTM_STM=engaged): the STM stays on when the threads are back to one; otherwise
// it goes off then (TX-5) and the next thread to start engages it again.
void engage_parallel_transactions(ThreadState* ts, bool for_good = false);
// TX-5: start_new_thread counts a thread it creates (+1) until the thread registers (-1), or
// until its creation fails (-1).
void note_thread_starting(int delta);

// Ends the calling thread's transaction for the duration of a blocking call, so the call runs
// between two transactions and an abort never repeats it (TX-3: inside pystm.atomic the
// transaction becomes inevitable instead). The code inside must not touch the GC heap (TX-1): it may use C++ memory and
// stack buffers, and Values held in locals stay alive (the parked stack is scanned, TX-2).
class BlockingRegion {
public:
    BlockingRegion();
    ~BlockingRegion();
    BlockingRegion(BlockingRegion const&) = delete;
    BlockingRegion& operator=(BlockingRegion const&) = delete;

private:
    ThreadState* m_ts;
    uint64_t m_start_ticks = 0; // for the conflict log (vm/stm_log.h)
    uint64_t m_location = 0;
};

// Must be called before an irreversible action (writing to a file, a pipe or a socket, starting a
// thread, changing the file system, signalling a process): with parallel transactions it makes
// the running transaction inevitable (STM-8), so it can no longer abort and re-run the action.
// May throw StmAbort, before the action. A no-op in serial mode.
void transaction_irreversible();

// The switch interval in seconds (sys.getswitchinterval / setswitchinterval).
double switch_interval();
void set_switch_interval(double seconds);

// Number of threads currently registered (running Python code or blocked in a region).
int live_threads();

// Statistics of the interpreter's transactions, summed over every thread that ever ran.
struct TxStats {
    uint64_t commits = 0; // transactions ended
    uint64_t switches = 0; // transactions ended because another thread waited
    uint64_t ns_running = 0; // time inside transactions
    uint64_t ns_waiting = 0; // time spent waiting for the run token
};
TxStats transaction_stats();

} // namespace pystm::vm
