// The STM runtime: the public contract (docs/internals/stm.md).
//
// Object-granularity software transactional memory, generic over objects: the runtime knows
// only the 64-bit header word Object::m_stm and calls client hooks to snapshot and restore an
// object's state. Usable without the interpreter (tests/unit/stm link only this and base/).
//
// Design in one paragraph: eager write locks (a transaction takes an object's lock at its first
// write, in the header word) with in-place update and an undo log; invisible reads validated
// against the global version clock g_clock (TL2/LSA, with snapshot extension) so a running
// transaction only ever sees a consistent snapshot (opacity); read-mostly objects are not
// logged but covered by one global read-mostly epoch that their writers bump; at most one
// inevitable transaction, which never aborts; a transaction that aborted
// Config::inevitable_after_aborts times in a row starts its next attempt inevitable.
//
// Header word layout (m_stm):
//
//   bit 0      OWNED: the object is locked by (or private to) one transaction attempt
//   bit 1      reserved, 0
//   bit 2      READ_MOSTLY: the object uses the read-mostly scheme (STM-7); kept in every state
//   OWNED = 0: bits 3..63  version: g_clock value of the last commit that wrote it (0 = never)
//   OWNED = 1: bits 3..10  slot of the owning descriptor; bits 11..63 the attempt's serial
//
// An owned word whose slot no longer runs that serial is "stale": it was left on an object
// allocated by an attempt that has ended, and reads as version 0 (STM-3).
//
// Threading: every function acts on the calling OS thread's current descriptor (current()).
// The deterministic test scheduler runs several descriptors in one OS thread by switching the
// current one with set_current() between steps.
//
// Aborts: a conflict detected in a barrier, in become_inevitable() or in commit() rolls the
// transaction back (undo log replayed through the client's restore hook, locks released) and
// then throws StmAbort. After catching it the caller must call begin() again to retry.
#pragma once

#include "objects/object.h"

#include <atomic>
#include <cstdint>

// ThreadSanitizer does not model std::atomic_thread_fence (and GCC warns about it, -Wtsan):
// under it the fences below become equivalent read-modify-write operations on the header word.
#if defined(__SANITIZE_THREAD__) || defined(PYSTM_TSAN)
#define PYSTM_STM_NO_FENCES 1
#endif

namespace pystm::stm {

// ---- header word --------------------------------------------------------------------------
inline constexpr uint64_t kOwned = 1;
inline constexpr uint64_t kReadMostly = 4;
inline constexpr unsigned kVersionShift = 3;
inline constexpr unsigned kSlotShift = 3;
inline constexpr unsigned kSlotBits = 8;
inline constexpr unsigned kSerialShift = 11;
inline constexpr unsigned kMaxSlots = 1u << kSlotBits;

inline bool word_owned(uint64_t w) { return w & kOwned; }
inline uint64_t word_version(uint64_t w) { return w >> kVersionShift; }
inline unsigned word_slot(uint64_t w) { return unsigned(w >> kSlotShift) & (kMaxSlots - 1); }
inline uint64_t word_serial(uint64_t w) { return w >> kSerialShift; }

// ---- aborts, statistics, conflict information ---------------------------------------------
enum class AbortKind : uint8_t {
    None,
    WriteWrite, // wanted to write an object locked by another transaction
    ReadLocked, // wanted to read an object locked (being written) by another transaction
    Validation, // a read object was changed by a commit: the snapshot could not be extended
    ReadMostly, // a read-mostly object was written by a commit since this transaction read one
    KilledByInevitable, // the inevitable transaction needed an object this one held
    InevitableRead, // committing a read-mostly write while the inevitable one read such objects
    Explicit, // abort_transaction() called by the client
    Count
};
char const* abort_kind_name(AbortKind k);

// Thrown (after the rollback) by barriers, become_inevitable() and commit(). Deliberately not a
// std::exception, so generic handlers do not swallow it.
struct StmAbort {
    AbortKind kind;
};

struct Stats {
    uint64_t commits = 0;
    uint64_t inevitable_commits = 0; // included in commits
    uint64_t aborts[size_t(AbortKind::Count)] = {};
    uint64_t ns_committed = 0; // wall time of attempts that committed
    uint64_t ns_aborted = 0; // wall time of attempts that aborted (work lost)
    uint64_t ns_waiting = 0; // time spent in wait loops (included in the two above)
    uint64_t total_aborts() const;
    void add(Stats const& o);
};

// The most recent abort of a descriptor, for the conflict profiler. Locations are the client's
// tags (ClientHooks::location, or set_location()); 0 = unknown. my_location is where this
// attempt read the object (validation failures) or the access that met the conflict;
// other_location is best effort: where the other side wrote the object (validation failures:
// the last commit that wrote it) or where it took its latest lock (lock conflicts).
struct AbortInfo {
    AbortKind kind = AbortKind::None;
    Object* object = nullptr; // the contended object, if known
    uint64_t my_location = 0;
    uint64_t other_location = 0;
    int other_slot = -1; // slot of the other transaction's descriptor, -1 if unknown
    uint64_t lost_ns = 0; // duration of the aborted attempt
};

// ---- client hooks -------------------------------------------------------------------------
// The client's undo information for one object. Opaque to the runtime.
struct UndoRecord {
    void* data = nullptr;
    uint64_t aux = 0;
};

enum class WaitReason : uint8_t { LockOwner, Inevitable, InevitableSlot };

class Transaction;

struct ClientHooks {
    // Called with [o] already locked by the running transaction, before its first write to [o]
    // in this attempt. Must capture everything the client may change. Not called for
    // inevitable transactions (they never abort). Records holding references must be traced
    // by the client's GC while the transaction runs.
    UndoRecord (*save_state)(Object* o) = nullptr;
    // Abort: called in reverse write order, with [o] still locked; must put back the state
    // captured by save_state. drop_state is called afterwards.
    void (*restore_state)(Object* o, UndoRecord const& r) = nullptr;
    // Frees the record (after commit, or after restore_state).
    void (*drop_state)(Object* o, UndoRecord const& r) = nullptr;
    // Called at each iteration of a wait loop (the default yields the CPU). May throw: the
    // deterministic test scheduler throws to turn "would block" into a retry of the step.
    void (*wait)(WaitReason why) = nullptr;
    // The client's tag for the source location of the access being made (0: unknown). Called
    // only on the paths that record one: a new read-log entry, a new lock, an abort. When it is
    // null, the tag set with set_location() is used instead.
    uint64_t (*location)() = nullptr;
    // The event log (null: no log, one not-taken branch per attempt). Called on the attempt's
    // own thread: at its end (Commit, Abort, then Wait if it waited), and at its first wait
    // (Wait with end_ticks == 0, while the awaited object is certainly alive). Must not throw
    // and must not use barriers.
    void (*record)(struct Event const& e) = nullptr;
    // Called at the commit of a write to a read-mostly object that has been written often
    // enough to leave the scheme (Config::read_mostly_demote_after, STM-7), with [o] still
    // locked: returning true keeps it read-mostly, for objects whose readers rely on the
    // scheme (the interpreter's type dicts, TYPE-4). Null: every such object leaves it.
    bool (*keep_read_mostly)(Object* o) = nullptr;
    // Called on the attempt's thread at the start of commit() and of become_inevitable(), while
    // the attempt may still take locks (the client applies writes it deferred). May throw
    // StmAbort, through a barrier that met a conflict.
    void (*before_commit)() = nullptr;
    // Called on the inevitable transaction's thread when it asks [owner]'s attempt to abort
    // (STM-9), once per request: the client makes [owner]'s thread reach poll() soon, since
    // an attempt that only reads what its filter knows (STM-12) meets no slow path until its
    // commit. Must not throw and must not use barriers; [owner] may have ended its attempt or
    // left the runtime meanwhile.
    void (*kill_requested)(Transaction* owner) = nullptr;
    // Writes a readable form of a location tag (see [location]) into [buf], for the stall report
    // (STM-15). Null: tags are printed as numbers.
    void (*describe_location)(uint64_t tag, char* buf, size_t size) = nullptr;
};

// One event of the log (ClientHooks::record). Times are now_ticks() values.
enum class EventType : uint8_t { Commit = 1, Abort = 2, Wait = 3 };
struct Event {
    EventType type;
    // Commit: 1 if the attempt was inevitable. Abort: the AbortKind. Wait: the WaitReason of
    // the first wait.
    uint8_t kind = 0;
    uint64_t start_ticks = 0; // attempt start; Wait: the first wait's start
    uint64_t end_ticks = 0; // attempt end; Wait: the last wait's end (0: the first wait begins)
    Object* object = nullptr; // Abort: the contended object; Wait begins: the awaited one
    uint64_t location = 0; // Abort: this side; Wait: where the first wait began
    uint64_t other_location = 0; // Abort, Wait begins: the other side (best effort)
    uint64_t wait_ticks = 0; // time spent waiting in the attempt
};
// The runtime's cheap clock (TSC ticks on x86-64, else nanoseconds), and its conversion of a
// duration to nanoseconds.
uint64_t now_ticks();
uint64_t ticks_to_ns(uint64_t ticks);
// Must be called before any transaction starts (not thread-safe against running ones).
void set_client_hooks(ClientHooks const& h);
ClientHooks client_hooks();

struct Config {
    // An attempt that follows this many consecutive aborts starts inevitable (STM-9).
    uint32_t inevitable_after_aborts = 8;
    // Spins on an object locked by a committing transaction before giving up and aborting.
    uint32_t commit_spin = 2000;
    // The rounds a committing transaction spins for a committing owner in a lower slot (STM-10).
    uint32_t commit_spin_yielding = 32;
    // Adaptive transaction length, in client units (the interpreter: eval-breaker polls).
    uint32_t length_initial = 1000;
    uint32_t length_min = 8;
    uint32_t length_max = 1u << 20;
    // STM-7: a read-mostly object loses the scheme for good at its n-th commit that wrote it
    // (counted in a shared table of counters by address hash), so that an object written often
    // stops aborting every transaction that read any read-mostly object.
    uint32_t read_mostly_demote_after = 32;
    // STM-12's inline read filter. Off, every read of an object the attempt does not own takes
    // the slow path: for clients that hook the slow paths (fault injection).
    bool inline_read_filter = true;
    // STM-15: a wait inside one attempt that has lasted this many seconds is a stall: the state
    // of every transaction goes to stderr and the process aborts (0: waits are unbounded). The
    // test runner sets it, so that a deadlock or a livelock fails with a diagnosis rather than
    // a timeout. Waits are bounded by design (STM-9, STM-10); a stall is a bug.
    uint32_t stall_seconds = 0;
};
Config& config();

// ---- descriptors and threads --------------------------------------------------------------
class Transaction;

// Must be called by each OS thread before its first transaction. Creates a descriptor, makes it
// the calling thread's current one and returns it. At most kMaxSlots descriptors live at once:
// returns nullptr (and registers nothing) when all are in use, so the client can refuse to start
// the thread (CPython: RuntimeError "can't start new thread").
Transaction* register_thread();
// Must be called by a registered thread after its last transaction (the current descriptor must
// not be in a transaction). Folds its statistics into the global totals and returns the
// descriptor to a pool (descriptors are never freed, STM-3).
void unregister_thread();
// Deterministic scheduler: creates a descriptor without making it current (nullptr if all
// kMaxSlots are in use).
Transaction* create_descriptor();
void destroy_descriptor(Transaction* tx);
// Makes [tx] (or none) the calling thread's current descriptor. A test scheduler calls it between
// the steps of its logical transactions; an OS thread must never use a descriptor that another OS
// thread is using.
void set_current(Transaction* tx);
Transaction* current();
int descriptor_slot(Transaction* tx);

// ---- transactions -------------------------------------------------------------------------
// Must be called with a current descriptor, outside a transaction. Starts an attempt: takes the
// snapshot time; starts inevitable if the previous attempts aborted
// Config::inevitable_after_aborts times (waiting for another inevitable transaction to finish
// first; if the wait hook throws there, the attempt is running but not inevitable). Never throws
// StmAbort (atomically() relies on it). The snapshot time is the newest clock value this
// descriptor has seen, not a fresh load of the global clock (docs/internals/stm.md, "Clock
// scheme").
void begin();
// Must be called inside a transaction. Validates and publishes; throws StmAbort (after rolling
// back) if validation fails. An inevitable transaction always commits.
void commit();
// Must be called inside a transaction: rolls back and throws StmAbort{Explicit}.
[[noreturn]] void abort_transaction();
bool in_transaction();
// The serialization timestamp of the last committed attempt of the current descriptor: its write
// version, or its snapshot time if it wrote nothing. Commits replayed in this order (writers
// before read-only transactions of equal timestamp) reproduce every value read (STM-2).
uint64_t last_commit_timestamp();
// The global version clock (for tests and statistics).
uint64_t clock_now();

bool is_inevitable();
// STM-16: true when the calling thread's attempt is inevitable and other attempts wait for it.
// Its client then ends it at the next point where it can (even one where no restart is
// possible, since an inevitable attempt never restarts), calls await_inevitable_handover()
// outside any attempt, and goes on in a new inevitable attempt.
bool inevitable_awaited();
// STM-16: between the calling thread's attempts: waits until no thread waits any more for its
// last attempt, or [max_ns] passed. The waiters see that attempt end and take what it held.
void await_inevitable_handover(uint64_t max_ns);
// Must be called inside a transaction, before an irreversible action (I/O). Waits for the current
// inevitable transaction to finish, then validates the read set; throws StmAbort if that fails.
// Afterwards the transaction never aborts (STM-8).
void become_inevitable();

// Parking (STM-14). With more threads in transactions than cores, the attempt a waiter waits
// for may have no core: its thread was preempted and runs again only when a core comes free. A
// waiter that parks gives its core away until an event (an attempt's end while somebody is
// parked, a kill request, wake_parked()) or [timeout_ns]; its caller then re-checks what it
// waited for. park() returns at once if an event came since the end of the thread's previous
// wait step (park(), or park_skip(), which a wait step that does not park calls instead). An
// attempt that ends just before a waiter counts itself parked wakes nobody: the waiter sleeps
// until the next event or its timeout. may_park() is false for the few rounds that a
// committing transaction gives another committing one before giving up (STM-10): two of them
// may wait for each other, and neither would end to wake the other.
void park(uint64_t timeout_ns);
void park_skip();
void wake_parked();
bool may_park();

// Adaptive transaction length: how much work (client units, see Config) the current descriptor's
// transactions should do before committing and starting the next one. Halved after each abort
// (down to length_min), grown by an eighth after each commit (up to length_max), so conflicting
// threads run short transactions and independent ones long transactions.
uint32_t length_budget();

// A client tag naming the current source location (0 = unknown), recorded with each read and
// lock for the conflict profiler. Cheap: one store.
void set_location(uint64_t loc);

// Statistics of the current descriptor, and of all descriptors (live and unregistered).
Stats thread_stats();
Stats global_stats();
void reset_stats(); // all descriptors; call only while no transaction runs
AbortInfo last_abort_info();
// Sizes of the current attempt's read and write logs (tests and the profiler).
size_t read_set_size();
size_t write_set_size();

// Calls [fn] for every object in the write set of [tx]'s running attempt, with its undo record
// (a null record for objects written while inevitable). For the client's collector, which must
// keep written objects and the values in their records alive while the attempt runs. Call only
// while [tx]'s thread is stopped (or is the caller).
void for_each_write(Transaction* tx, void (*fn)(Object* o, UndoRecord const& r, void* ctx), void* ctx);

// ---- objects ------------------------------------------------------------------------------
// Must be called on each object allocated inside a transaction, before it is published: marks it
// private to the running attempt (no barrier cost for it, STM-3). A no-op outside transactions.
// Inline (below): every allocation inside a transaction calls it.
inline void on_allocate(Object* o);
// Marks [o] read-mostly (STM-7) or not: an atomic update of the header bit, so it may be called
// at any time, on a shared object too (a writer that locked [o] without the bit commits it
// without the bit; one that locked it with the bit bumps the read-mostly epoch).
void set_read_mostly(Object* o, bool on);
// Must be called inside a transaction: the next read of [o] in this attempt takes the slow path
// (STM-12's filter forgets it), so that the client can act on it there (deferred writes).
void forget_read(Object* o);
// Whether [o] uses the read-mostly scheme (tests).
inline bool is_read_mostly(Object const* o) { return o->m_stm.load(std::memory_order_relaxed) & kReadMostly; }

// May be called anywhere inside a transaction (the interpreter's eval-breaker poll): rolls back
// and throws StmAbort if the inevitable transaction asked this attempt to abort. Barrier slow
// paths and commit() poll too, but the fast paths do not.
void poll();

// Barrier slow paths (the fast paths below inline the header test).
void read_slow(Object* o);
void write_slow(Object* o);
void read_validate_slow(Object* o);
// write_slow() without the undo record: [o] is locked, and an abort only releases the lock. For
// an object whose state the attempt will not change through it while it holds it, or whose
// changes another record of the attempt restores (a striped dict's stripes during a resize,
// DICT-9).
void lock_slow(Object* o);

// Cached from the current descriptor: the owned word of its running attempt (0 outside a
// transaction) and its snapshot time.
// constinit: no dynamic initialization, so other translation units access them directly
// instead of through a TLS wrapper call.
extern constinit thread_local uint64_t t_own_word;
extern constinit thread_local uint64_t t_rv;

inline void on_allocate(Object* o)
{
    // STM-3: the object is private to this attempt; a plain store, nobody else can see it yet.
    uint64_t rm = o->m_stm.load(std::memory_order_relaxed) & kReadMostly;
    o->m_stm.store(t_own_word | rm, std::memory_order_relaxed);
}

// The read filter of a running, non-inevitable attempt: a direct-mapped table of objects
// already in its read log, so that reading an object again neither grows the log nor leaves the
// inline path (STM-12). An entry is the object's address with the attempt's 16-bit filter tag in
// the top bits (user-space addresses fit in 48 bits on the platforms pystm supports), so a new
// attempt starts with an empty filter without clearing it; the table is cleared when the tag
// wraps. 8192 entries (64 KiB): room for the working set of a long attempt (thousands of
// objects read in a loop), measured with bench/stm-cost. The index keeps the low address bits,
// so that objects of one heap chunk (cells at a regular stride) never collide with each other,
// and folds in the bits above the chunk size so that different chunks do not line up.
using FilterEntry = uint64_t;
inline constexpr unsigned kFilterBits = 13;
inline constexpr size_t kFilterSize = size_t(1) << kFilterBits;
inline constexpr unsigned kFilterTagShift = 48;
inline size_t filter_index(Object const* o)
{
    uintptr_t a = reinterpret_cast<uintptr_t>(o);
    return size_t((a >> 4) ^ (a >> 17)) & (kFilterSize - 1);
}
inline FilterEntry filter_entry(Object const* o, uint64_t tag) { return reinterpret_cast<uintptr_t>(o) | tag; }
// Cached like t_own_word: the filter of the running attempt and its tag (nullptr and 0 when
// there is none, or when the attempt is inevitable: its reads must take the slow path, STM-8),
// and whether it has read a read-mostly object already (then further read-mostly reads within
// the snapshot need nothing, STM-7).
extern constinit thread_local FilterEntry* t_filter;
extern constinit thread_local uint64_t t_filter_tag;
extern constinit thread_local bool t_read_rm;
// STM-12: an object known to be in the running attempt's filter (the latest hit or insertion),
// tested before the filter itself; null whenever t_filter is.
extern constinit thread_local Object const* t_last_read;

// STM-12: true if read_slow(o) would return at once for the header word [w] just loaded:
// an unowned object within the snapshot that is either read-mostly (with one read-mostly read
// noted already) or in the read filter. Exactly read_slow()'s first tests, inline.
inline bool read_known(Object* o, uint64_t w)
{
    if ((w & kOwned) || word_version(w) > t_rv)
        return false;
    if (w & kReadMostly)
        return t_read_rm;
    if (o == t_last_read)
        return true; // the filter's latest hit: code reads one object several times in a row
    FilterEntry const* f = t_filter;
    if (!f || f[filter_index(o)] != filter_entry(o, t_filter_tag))
        return false;
    t_last_read = o;
    return true;
}

// The inline fast paths of the barriers below, shared with the client's accessor layer
// (objects/access.h): true when the barrier has nothing more to do.
// read: the object is owned by (written or allocated by) the running attempt, or STM-12.
inline bool read_fast(Object* o)
{
    uint64_t w = o->m_stm.load(std::memory_order_acquire);
    return PY_LIKELY((w & ~kReadMostly) == t_own_word) || read_known(o, w);
}
// write: the running attempt owns the object already.
inline bool write_fast(Object* o)
{
    return PY_LIKELY((o->m_stm.load(std::memory_order_relaxed) & ~kReadMostly) == t_own_word);
}
// The header load of read_validate(): ordered after the caller's reads of [o]'s fields.
inline uint64_t load_after_reads(Object* o)
{
#ifdef PYSTM_STM_NO_FENCES
    return o->m_stm.fetch_add(0, std::memory_order_acq_rel);
#else
    std::atomic_thread_fence(std::memory_order_acquire);
    return o->m_stm.load(std::memory_order_relaxed);
#endif
}
// read_validate: owned by the attempt, or unowned and not changed since the snapshot.
inline bool validate_fast(Object* o)
{
    uint64_t w = load_after_reads(o);
    return PY_LIKELY((w & ~kReadMostly) == t_own_word)
        || PY_LIKELY(!(w & kOwned) && word_version(w) <= t_rv);
}

// Must be called before reading any field of a mutable shared object inside a transaction.
inline void read(Object* o)
{
    if (!read_fast(o))
        read_slow(o);
}
// Must be called before the first write to an object's fields in a transaction (and may be
// called before every write). After it returns the object is locked by this transaction and its
// old state is in the undo log.
inline void write(Object* o)
{
    if (!write_fast(o))
        write_slow(o);
}
// Must be called after reading an object's fields and before acting on what was read, when other
// OS threads may write it concurrently (in-place writes, STM-5): throws StmAbort if a writer
// locked or changed [o] since read(). Free for objects this attempt owns.
inline void read_validate(Object* o)
{
    if (!validate_fast(o))
        read_validate_slow(o);
}

// Runs [f] as a transaction, retrying after aborts. [f] must be re-executable (it is replayed
// from the start after each abort). begin() is outside the try block because it never throws
// StmAbort; an abort escaping from it would be a runtime bug, not something to retry.
template <class F> void atomically(F&& f)
{
    for (;;) {
        begin();
        try {
            f();
            commit();
            return;
        } catch (StmAbort&) {
        }
    }
}

} // namespace pystm::stm
