// The interpreter as the client of the STM runtime (src/stm): undo records for every object
// type (objects/undo.h), the barrier slow paths of objects/access.h, objects allocated inside a
// transaction, the collector's view of running transactions, and the restart of a thread after
// an abort. docs/internals/stm.md, "Parallel transactions in the interpreter", is the overview.
//
// Invariants (besides UNDO-1..3 of objects/undo.h):
//   CLI-1  A transaction can be aborted and re-run only if it began at a restart point: an
//          eval-breaker poll of the thread's base run_frame activation (m_nested_runs == 1),
//          outside pystm.atomic, with the current frame's pc and sp saved in the frame. Every
//          other transaction becomes inevitable as soon as it begins (it could not be re-run).
//   CLI-2  A frame is written (write_barrier) before the interpreter changes it in a transaction:
//          the current frame when the transaction begins, a caller when a callee returns or
//          raises into it, a generator's frame when it resumes. So an abort restores every frame
//          the attempt touched, and the thread state saved at the restart point names them.
//   CLI-3  Before the base run_frame activation returns to C++ code, its transaction commits and
//          an inevitable one begins (inside an atomic block: the transaction becomes inevitable):
//          after the return there is no restart point to go back to.
#pragma once

#include "gc/weak_slots.h"
#include "vm/thread_state.h"

namespace pystm::gc {
class Tracer;
}

namespace pystm::vm {

struct Frame;

// How transactions of different threads relate (vm/transaction.h): Parallel (concurrent STM
// transactions, the default) or Serial (one at a time). -X stm=parallel|serial, PYSTM_STM.
enum class TxMode : uint8_t { Serial, Parallel };
extern TxMode g_tx_mode;

// Installs the client hooks and engages the STM (g_stm_active): from now on barriers reach the
// runtime and every transaction of the interpreter is an STM transaction. Parallel mode only;
// called before a second thread runs (or at start-up with PYSTM_STM=engaged, for tests).
void stm_engage();
// Whether stm_engage() ever ran: the STM runtime's statistics then describe the process, also
// while the STM is off again (TX-5).
bool stm_was_engaged();

// Whether an abort could undo writes to instances of [t] (UNDO-1).
bool stm_undoable(Type* t);

// Begins an STM transaction at a restart point of [ts] (CLI-1, CLI-2). The current frame's pc
// and sp must be saved in it.
void stm_begin_at_restart_point(ThreadState* ts);
// Begins an STM transaction that cannot be re-run: it becomes inevitable at once (CLI-1).
void stm_begin_inevitable(ThreadState* ts);
// After an abort (StmAbort caught by the base run_frame activation): puts the thread state back
// as it was at the restart point, begins a new attempt there and returns the frame to resume.
Frame* stm_restart(ThreadState* ts);
// True if the running transaction of [ts] may be aborted and re-run (CLI-1).
bool stm_restartable(ThreadState* ts);
// WEAK-2: the running attempt registered a weak slot; it is unregistered if the attempt aborts.
void stm_note_weak_slot(Object* owner, Value* slot);
// GC-15: registers [o] for finalization at its death (gc::register_finalizable), tentatively
// while the running attempt may abort: stm_attempt_settled() settles the registration, and the
// begin of the attempt that re-runs an aborted one drops it.
void stm_register_finalizable(Object* o);
// Adds [delta] to [*counter], a statistic of [owner] kept outside the STM (principle 6, so
// that threads counting into it never conflict), once the running attempt commits: an attempt
// that aborts adds nothing, so the count stays exact. At once when no attempt that may abort
// runs. stm_pending_add() is what the calling thread has added to [counter] and not applied yet,
// which its own reads of the statistic include.
void stm_add_on_commit(Object* owner, std::atomic<int64_t>* counter, int64_t delta);
int64_t stm_pending_add(std::atomic<int64_t> const* counter);
void stm_apply_pending_adds(ThreadState* ts);
// Runs [action]([owner]) once the running attempt has committed (or become inevitable: it can no
// longer be taken back), and never if it aborts; at once when no attempt runs. For effects
// outside the heap that other threads act on and that must not reach them while the attempt may
// still abort or before they can see its writes: a released lock's futex wake (THR-4).
void stm_on_commit(Object* owner, void (*action)(Object*));
void stm_run_on_commit(ThreadState* ts);
// Asks the running transaction to end at the thread's next restart point (hint_commit_soon).
void stm_request_commit_soon(ThreadState* ts);
// TQ-6: a point between two calls of a TransactionQueue worker (lib/transaction.py). With
// parallel transactions the running attempt goes on into the next call until it has run
// ts->m_batch_limit calls, which adapts per thread: halved after an abort (down to 1), doubled
// after 64 commits in a row (up to 64). Each call stays atomic; fewer commits spread the
// transaction's own cost over calls that rarely conflict, while calls that conflict now and
// then run about one per transaction, so an abort loses little work. An inevitable attempt,
// serial mode and a thread alone end (or hand over) as hint_commit_soon() does.
void stm_between_calls(ThreadState* ts);
// TQ-6: the thread's attempt rolled back (where the interpreter restarts it).
void stm_batch_aborted(ThreadState* ts);
// After each commit of the interpreter's attempts, before the thread's next safepoint, and when
// an attempt becomes inevitable for the interpreter (it can no longer abort).
inline void stm_attempt_settled(ThreadState* ts)
{
    if (PY_UNLIKELY(ts->m_tentative_finalizable)) {
        gc::settle_finalizable(true); // GC-15
        ts->m_tentative_finalizable = false;
    }
    if (PY_UNLIKELY(!ts->m_pending_adds.empty()))
        stm_apply_pending_adds(ts);
    if (PY_UNLIKELY(!ts->m_on_commit.empty()))
        stm_run_on_commit(ts);
}

// Debugging aid (PYSTM_STM_CHAOS=N): abort a restartable transaction at one barrier in N, to
// check that every write is undone. 0 = off.
extern uint32_t g_stm_chaos;

} // namespace pystm::vm
