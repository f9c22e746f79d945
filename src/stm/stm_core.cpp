// STM runtime core: descriptors and their slots, begin / commit / rollback, statistics.
// Keeps STM-1 (version clock), STM-2 (serialization order), STM-4 (commit protocol), STM-6
// (rollback), STM-9 (starvation freedom); see docs/internals/stm.md.
#include "stm/stm_internal.h"

#include <cstdio>
#include <cstring>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#if defined(__x86_64__)
#include <x86intrin.h>
#endif
#include <thread>

namespace pystm::stm {

PaddedClock g_clock_line;
ReadMostlyGlobals g_rm_line;
alignas(kLineSize) std::atomic<Transaction*> g_slots[kMaxSlots];
alignas(kLineSize) std::atomic<uint64_t> g_bloom[kBloomWords];
WriteLocation g_write_loc[kWriteLocSize];
ClientHooks g_hooks;
constinit thread_local Transaction* t_tx = nullptr;
constinit thread_local uint64_t t_own_word = 0;
constinit thread_local uint64_t t_rv = 0;
constinit thread_local FilterEntry* t_filter = nullptr;
constinit thread_local uint64_t t_filter_tag = 0;
constinit thread_local bool t_read_rm = false;
constinit thread_local Object const* t_last_read = nullptr;

namespace {

alignas(kLineSize) Config s_config; // read on every commit; written only by tests and setup
std::mutex s_registry_mu; // guards s_descriptors, s_free, s_retired
std::vector<Transaction*> s_descriptors; // every descriptor ever created, by slot; never freed
// Never destroyed: a thread that ends while the process exits may still return its descriptor.
std::vector<Transaction*>& s_free = *new std::vector<Transaction*>;
Stats s_retired;

void default_wait(WaitReason) { std::this_thread::yield(); }

} // namespace

namespace {

uint64_t steady_ns()
{
    return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
                        .count());
}

// Calibration pair for converting ticks to nanoseconds, taken at startup.
struct TickBase {
    uint64_t ticks = now_ticks();
    uint64_t ns = steady_ns();
};
TickBase const s_tick_base;

} // namespace

uint64_t now_ticks()
{
#if defined(__x86_64__)
    // The invariant TSC costs a few ns where clock_gettime costs 20-30 (two per transaction).
    return __rdtsc();
#else
    return steady_ns();
#endif
}

uint64_t ticks_to_ns(uint64_t ticks)
{
#if defined(__x86_64__)
    // Measure the tick rate over at least a millisecond since startup.
    uint64_t ns = steady_ns();
    while (ns - s_tick_base.ns < 1000000)
        ns = steady_ns();
    double rate = double(now_ticks() - s_tick_base.ticks) / double(ns - s_tick_base.ns);
    return uint64_t(double(ticks) / rate);
#else
    return ticks;
#endif
}

char const* abort_kind_name(AbortKind k)
{
    switch (k) {
    case AbortKind::None:
        return "none";
    case AbortKind::WriteWrite:
        return "write-write";
    case AbortKind::ReadLocked:
        return "read-locked";
    case AbortKind::Validation:
        return "read-write";
    case AbortKind::ReadMostly:
        return "read-mostly";
    case AbortKind::KilledByInevitable:
        return "killed-by-inevitable";
    case AbortKind::InevitableRead:
        return "inevitable-read";
    case AbortKind::Explicit:
        return "explicit";
    case AbortKind::Count:
        break;
    }
    return "?";
}

uint64_t Stats::total_aborts() const
{
    uint64_t n = 0;
    for (uint64_t a : aborts)
        n += a;
    return n;
}

void Stats::add(Stats const& o)
{
    commits += o.commits;
    inevitable_commits += o.inevitable_commits;
    for (size_t i = 0; i < size_t(AbortKind::Count); ++i)
        aborts[i] += o.aborts[i];
    ns_committed += o.ns_committed;
    ns_aborted += o.ns_aborted;
    ns_waiting += o.ns_waiting;
}

void set_client_hooks(ClientHooks const& h) { g_hooks = h; }

ClientHooks client_hooks() { return g_hooks; }
Config& config() { return s_config; }

// ---- descriptors --------------------------------------------------------------------------

Transaction* create_descriptor()
{
    std::lock_guard lock(s_registry_mu);
    if (!s_free.empty()) {
        Transaction* tx = s_free.back();
        s_free.pop_back();
        return tx;
    }
    if (s_descriptors.size() >= kMaxSlots)
        return nullptr; // every slot is live: the client refuses the new thread
    // Descriptors are never freed: another thread may still be decoding an owned word that
    // names this slot (owner_of), so the memory must stay valid; a reused descriptor keeps
    // counting serials, so stale words never name a live attempt (STM-3).
    auto* tx = new Transaction;
    tx->m_slot = uint32_t(s_descriptors.size());
    s_descriptors.push_back(tx);
    g_slots[tx->m_slot].store(tx, std::memory_order_release);
    return tx;
}

void destroy_descriptor(Transaction* tx)
{
    PY_VERIFY(!tx->m_active, "STM-3");
    std::lock_guard lock(s_registry_mu);
    s_retired.add(tx->m_stats.snapshot());
    tx->m_stats.clear();
    tx->m_last_abort = AbortInfo {};
    tx->m_consecutive_aborts = 0;
    tx->m_length_budget = 0;
    if (t_tx == tx)
        set_current(nullptr);
    s_free.push_back(tx);
}

void sync_thread_cache(Transaction* tx)
{
    bool running = tx && tx->m_active;
    bool filtered = running && !tx->m_inevitable && s_config.inline_read_filter;
    t_own_word = running ? tx->m_own_word : 0;
    t_rv = running ? tx->m_rv : 0;
    t_filter = filtered ? tx->m_filter : nullptr;
    t_filter_tag = filtered ? tx->m_filter_tag : 0;
    t_read_rm = filtered && tx->m_read_rm;
    t_last_read = nullptr;
}

void set_current(Transaction* tx)
{
    t_tx = tx;
    sync_thread_cache(tx);
}

Transaction* current() { return t_tx; }
int descriptor_slot(Transaction* tx) { return tx ? int(tx->m_slot) : -1; }

Transaction* register_thread()
{
    PY_VERIFY(t_tx == nullptr, "STM-3");
    Transaction* tx = create_descriptor();
    if (tx)
        set_current(tx);
    return tx;
}

void unregister_thread()
{
    Transaction* tx = t_tx;
    PY_VERIFY(tx != nullptr, "STM-3");
    destroy_descriptor(tx);
}

bool in_transaction() { return active_tx() != nullptr; }
bool is_inevitable()
{
    Transaction* tx = active_tx();
    return tx && tx->m_inevitable;
}
bool inevitable_awaited()
{
    Transaction* tx = active_tx();
    return tx && tx->m_inevitable && tx->m_inevitable_waiters.load(std::memory_order_relaxed) != 0;
}
void await_inevitable_handover(uint64_t max_ns)
{
    Transaction* tx = t_tx;
    PY_VERIFY(tx && !tx->m_active, "STM-16");
    uint64_t start = now_ticks();
    while (tx->m_inevitable_waiters.load(std::memory_order_seq_cst) != 0
        && ticks_to_ns(now_ticks() - start) < max_ns)
        std::this_thread::yield();
}
uint64_t clock_now() { return g_clock.load(std::memory_order_acquire); }
uint64_t last_commit_timestamp() { return t_tx ? t_tx->m_last_ts : 0; }

uint32_t length_budget()
{
    Transaction* tx = t_tx;
    if (!tx)
        return s_config.length_initial;
    if (tx->m_length_budget == 0)
        tx->m_length_budget = s_config.length_initial;
    return tx->m_length_budget;
}

namespace {

void adapt_length(Transaction* tx, bool committed)
{
    uint64_t len = tx->m_length_budget ? tx->m_length_budget : s_config.length_initial;
    len = committed ? len + len / 8 + 1 : len / 2;
    len = std::max<uint64_t>(s_config.length_min, std::min<uint64_t>(s_config.length_max, len));
    tx->m_length_budget = uint32_t(len);
}

} // namespace

void set_location(uint64_t loc)
{
    if (Transaction* tx = t_tx)
        tx->m_location.store(loc, std::memory_order_relaxed);
}

// ---- begin / commit / rollback ------------------------------------------------------------

void begin()
{
    Transaction* tx = t_tx;
    PY_VERIFY(tx && !tx->m_active, "STM-4");
    uint64_t serial = ++tx->m_next_serial;
    tx->m_serial.store(serial, std::memory_order_release);
    tx->m_own_word = (serial << kSerialShift) | (uint64_t(tx->m_slot) << kSlotShift) | kOwned;
    // STM-12: tags 1..65535 in turn; entries left with this tag by an attempt 65535 serials ago
    // would read as this attempt's, so the filter is cleared once per round.
    uint64_t tag = serial % 65535 + 1;
    if (tag == 1)
        std::memset(tx->m_filter, 0, sizeof tx->m_filter);
    tx->m_filter_tag = tag << kFilterTagShift;
    // STM-1: the snapshot is the newest clock value this descriptor has seen, not a fresh load
    // of g_clock: every writer commit takes g_clock's line exclusively, so loading it here would
    // cost disjoint transactions a cache miss each. Any value <= g_clock is a consistent
    // snapshot; objects committed since are newer than it and extend the snapshot on demand.
    // STM-7: the epoch is read after that clock observation (which happened-before, on this
    // thread), so every read-mostly commit with a write version <= m_rv is counted in
    // m_rm_epoch.
    tx->m_rv = tx->m_clock_seen;
    tx->m_rm_epoch = g_rm_epoch.load(std::memory_order_acquire);
    tx->m_active = true;
    tx->m_inevitable = false;
    tx->m_read_rm = tx->m_wrote_rm = false;
    tx->m_reads.clear();
    tx->m_writes.clear();
    tx->m_wait_ticks = 0;
    tx->m_first_wait_ticks = 0;
    tx->m_start_ticks = now_ticks();
    sync_thread_cache(tx);
    // STM-9: after too many consecutive aborts the attempt runs inevitably. It holds no lock
    // and has read nothing, so becoming inevitable cannot fail and no kill request can name it
    // (requests name the serial of a lock word): begin() never throws StmAbort, which matters
    // because stm::atomically calls it outside its try block. (Only the client's wait hook may
    // throw here, in the deterministic tests.)
    if (tx->m_consecutive_aborts >= s_config.inevitable_after_aborts || tx->m_start_inevitable) {
        tx->m_start_inevitable = false;
        become_inevitable();
    }
}

// STM-14: the waiters parked in park(), and the count of events they sleep on (a futex word).
// Every attempt's end reads the parked count: the line holds nothing else, and is written only
// while threads outnumber the cores (STM-11).
namespace {

struct alignas(kLineSize) ParkWords {
    std::atomic<uint32_t> parked { 0 };
    std::atomic<uint32_t> events { 0 };
};
ParkWords g_park;
// The event count read at the end of the thread's last wait step (park() or park_skip()).
constinit thread_local uint32_t t_park_ticket = 0;

} // namespace

constinit thread_local bool t_no_park = false;

bool may_park() { return !t_no_park; }

void wake_parked()
{
    g_park.events.fetch_add(1, std::memory_order_seq_cst);
    if (g_park.parked.load(std::memory_order_seq_cst) != 0)
        syscall(SYS_futex, reinterpret_cast<uint32_t*>(&g_park.events), FUTEX_WAKE_PRIVATE,
            INT32_MAX, nullptr, nullptr, 0);
}

namespace {
// Only while somebody is parked: a shared write at every attempt's end would cost each commit a
// contended line. A waiter that parks just after this load misses this end, and sleeps until
// the next event or its timeout.
void note_attempt_end()
{
    if (PY_UNLIKELY(g_park.parked.load(std::memory_order_seq_cst) != 0))
        wake_parked();
}
} // namespace

void park(uint64_t timeout_ns)
{
    g_park.parked.fetch_add(1, std::memory_order_seq_cst);
    timespec ts { time_t(timeout_ns / 1'000'000'000), long(timeout_ns % 1'000'000'000) };
    syscall(SYS_futex, reinterpret_cast<uint32_t*>(&g_park.events), FUTEX_WAIT_PRIVATE,
        t_park_ticket, &ts, nullptr, 0);
    g_park.parked.fetch_sub(1, std::memory_order_relaxed);
    t_park_ticket = g_park.events.load(std::memory_order_seq_cst);
}

void park_skip() { t_park_ticket = g_park.events.load(std::memory_order_seq_cst); }

namespace {

void end_attempt(Transaction* tx)
{
    tx->m_active = false;
    tx->m_inevitable = false;
    tx->m_committing.store(false, std::memory_order_relaxed);
    // After this store every word still carrying m_own_word (objects the attempt allocated) is
    // stale and reads as version 0 (STM-3).
    tx->m_serial.store(0, std::memory_order_release);
    tx->m_own_word = 0;
    tx->m_reads.clear();
    tx->m_writes.clear();
    sync_thread_cache(tx);
    note_attempt_end(); // STM-14: the locks are released
}

// STM-7's demotion: counts a commit that wrote the read-mostly object [o] and says whether [o]
// has now been written often enough to leave the scheme. The counters are statistics, not
// transactional state (principle 6): shared by address hash, racy increments may be lost and a
// collision demotes an object early; either only changes which objects are read-mostly.
std::atomic<uint8_t> g_rm_writes[4096];

bool demote_read_mostly(Object* o)
{
    std::atomic<uint8_t>& n = g_rm_writes[bloom_hash(o) & 4095];
    uint32_t seen = n.load(std::memory_order_relaxed);
    if (seen + 1 >= std::min<uint32_t>(s_config.read_mostly_demote_after, 255)) {
        n.store(0, std::memory_order_relaxed);
        return true;
    }
    n.store(uint8_t(seen + 1), std::memory_order_relaxed);
    return false;
}

// Records where [e]'s object was last written, for last_write_location(): by a commit, or by an
// attempt that rolled back, whose release under a fresh version (STM-6) fails the validation of
// the readers just as a commit does. The profiler's table is shared by all threads: only what
// changes it is stored, so that writes without location tags (or repeating the same one) do
// not write shared lines.
inline void note_write_location(WriteEntry const& e)
{
    WriteLocation& wl = g_write_loc[write_loc_index(e.obj)];
    bool same_obj = wl.key.load(std::memory_order_relaxed) == write_loc_key(e.obj);
    if (same_obj ? wl.loc.load(std::memory_order_relaxed) != e.location : e.location != 0) {
        wl.key.store(write_loc_key(e.obj), std::memory_order_relaxed);
        wl.loc.store(e.location, std::memory_order_relaxed);
    }
}

void publish_writes(Transaction* tx, uint64_t wv)
{
    for (WriteEntry& e : tx->m_writes) {
        note_write_location(e);
        uint64_t rm = e.old_word & kReadMostly;
        if (rm && demote_read_mostly(e.obj) && !(g_hooks.keep_read_mostly && g_hooks.keep_read_mostly(e.obj)))
            rm = 0;
        e.obj->m_stm.store((wv << kVersionShift) | rm, std::memory_order_release);
    }
    for (WriteEntry& e : tx->m_writes)
        if (e.saved && g_hooks.drop_state)
            g_hooks.drop_state(e.obj, e.undo);
}

void account_commit(Transaction* tx)
{
    adapt_length(tx, true);
    uint64_t end = now_ticks();
    uint64_t elapsed = end - tx->m_start_ticks;
    if (PY_UNLIKELY(g_hooks.record != nullptr)) {
        Event e { EventType::Commit };
        e.kind = tx->m_inevitable ? 1 : 0;
        e.start_ticks = tx->m_start_ticks;
        e.end_ticks = end;
        record_end(tx, e);
    }
    AtomicStats& st = tx->m_stats;
    st.bump(st.commits, 1);
    if (tx->m_inevitable)
        st.bump(st.inevitable_commits, 1);
    st.bump(st.ns_committed, elapsed);
    if (tx->m_wait_ticks)
        st.bump(st.ns_waiting, tx->m_wait_ticks);
}

} // namespace

ReadEntry* validate_reads(Transaction* tx)
{
    for (ReadEntry& e : tx->m_reads) {
        uint64_t w = e.obj->m_stm.load(std::memory_order_acquire);
        if (word_owned(w)) {
            if (tx->owns(w))
                continue; // STM-6: an entry of an object we locked was valid when we locked it
            if (owner_of(w) || !still_stale(e.obj, w))
                return &e;
            w = 0; // stale owned word: version 0 (STM-3)
        }
        if (word_version(w) != e.version)
            return &e;
    }
    return nullptr;
}

void validate_or_roll_back(Transaction* tx)
{
    ReadEntry* bad = validate_reads(tx);
    if (!bad)
        return;
    // The other side is the last committed writer of the object, where the profiler knows it.
    rollback(tx, AbortKind::Validation, bad->obj, bad->location, last_write_location(bad->obj), -1);
}

void commit()
{
    Transaction* tx = t_tx;
    PY_VERIFY(tx && tx->m_active, "STM-4");
    if (g_hooks.before_commit) {
        // The client's deferred writes take their locks here and hold them only until the end
        // of this commit: a transaction that meets one spins rather than aborts (STM-10).
        tx->m_committing.store(true, std::memory_order_release);
        g_hooks.before_commit();
    }
    if (tx->m_writes.empty() && !tx->m_inevitable) {
        // Read-only: every read was consistent with m_rv (STM-1), so it serializes at m_rv.
        // No shared word is written.
        tx->m_last_ts = tx->m_rv;
        tx->m_consecutive_aborts = 0;
        account_commit(tx);
        end_attempt(tx);
        return;
    }
    // STM-4, steps 1-6.
    tx->m_committing.store(true, std::memory_order_release);
    if (!tx->m_inevitable && tx->abort_requested())
        rollback_killed(tx, here(tx));
    // Step 2: a read-mostly writer bumps the epoch before taking its write version (STM-7).
    if (tx->m_wrote_rm)
        g_rm_epoch.fetch_add(1, std::memory_order_seq_cst);
    // Step 3: the write version. The one write of a shared line on this path (see "Clock
    // scheme" in docs/internals/stm.md).
    uint64_t wv = g_clock.fetch_add(1, std::memory_order_seq_cst) + 1;
    PY_ASSERT(wv > tx->m_rv, "STM-2");
    tx->m_clock_seen = wv;
    if (!tx->m_inevitable) {
        // Step 3: validate, even when nobody committed since the snapshot (wv == m_rv + 1): a
        // writer that has not committed yet may hold a lock on an object this attempt read
        // and have changed it in place after the read. A read that was validated afterwards
        // (STM-5) would have caught that, but a single field read once and trusted is not
        // always validated. With chaos aborts, a copy of a set read another transaction's
        // uncommitted insertions, and its transaction committed them as if they had happened.
        validate_or_roll_back(tx);
        if (tx->m_read_rm) {
            uint64_t expected = tx->m_rm_epoch + (tx->m_wrote_rm ? 1 : 0);
            if (g_rm_epoch.load(std::memory_order_seq_cst) != expected)
                rollback(tx, AbortKind::ReadMostly, nullptr, 0, 0, -1);
        }
        // Step 4: a read-mostly writer must not publish under an inevitable transaction that
        // read read-mostly objects (STM-8).
        if (tx->m_wrote_rm && g_inevitable.load(std::memory_order_seq_cst)
            && g_inevitable_read_rm.load(std::memory_order_seq_cst))
            rollback(tx, AbortKind::InevitableRead, nullptr, 0, 0, -1);
        // Step 5: last chance for an inevitable transaction's kill request.
        if (tx->abort_requested())
            rollback_killed(tx, here(tx));
    }
    // Step 6: point of no return: publish and release.
    publish_writes(tx, wv);
    tx->m_last_ts = wv;
    tx->m_consecutive_aborts = 0;
    account_commit(tx);
    if (tx->m_inevitable)
        clear_inevitable(tx);
    end_attempt(tx);
}

void rollback(Transaction* tx, AbortKind kind, Object* obj, uint64_t my_loc, uint64_t other_loc,
    int other_slot)
{
    PY_VERIFY(!tx->m_inevitable, "STM-8");
    // STM-6: restore in reverse order while still locked, then release under a fresh version so
    // that a reader that validated the old version before our lock cannot mistake the restored
    // object for unchanged (it may have seen our in-place writes).
    for (size_t i = tx->m_writes.size(); i-- > 0;) {
        WriteEntry& e = tx->m_writes[i];
        if (e.saved && g_hooks.restore_state)
            g_hooks.restore_state(e.obj, e.undo);
    }
    if (!tx->m_writes.empty()) {
        uint64_t fresh = g_clock.fetch_add(1, std::memory_order_acq_rel) + 1;
        for (WriteEntry& e : tx->m_writes) {
            note_write_location(e);
            e.obj->m_stm.store(
                (fresh << kVersionShift) | (e.old_word & kReadMostly), std::memory_order_release);
        }
        for (WriteEntry& e : tx->m_writes)
            if (e.saved && g_hooks.drop_state)
                g_hooks.drop_state(e.obj, e.undo);
    }
    uint64_t end = now_ticks();
    uint64_t elapsed = end - tx->m_start_ticks;
    if (PY_UNLIKELY(g_hooks.record != nullptr)) {
        Event e { EventType::Abort };
        e.kind = uint8_t(kind);
        e.start_ticks = tx->m_start_ticks;
        e.end_ticks = end;
        e.object = obj;
        e.location = my_loc;
        e.other_location = other_loc;
        record_end(tx, e);
    }
    AtomicStats& st = tx->m_stats;
    st.bump(st.aborts[size_t(kind)], 1);
    st.bump(st.ns_aborted, elapsed);
    st.bump(st.ns_waiting, tx->m_wait_ticks);
    tx->m_last_abort = AbortInfo { kind, obj, my_loc, other_loc, other_slot, ticks_to_ns(elapsed) };
    // Most aborts mean something newer than the snapshot was committed: start the next attempt
    // from the current clock rather than extend at once (an abort is the slow path anyway).
    tx->m_clock_seen = g_clock.load(std::memory_order_acquire);
    tx->m_consecutive_aborts++;
    adapt_length(tx, false);
    end_attempt(tx);
    throw StmAbort { kind };
}

void rollback_killed(Transaction* tx, uint64_t my_loc)
{
    // The acquire load of m_abort_request in abort_requested() orders these after the stores.
    Transaction* inev = g_inevitable.load(std::memory_order_acquire);
    rollback(tx, AbortKind::KilledByInevitable, tx->m_kill_object.load(std::memory_order_relaxed),
        my_loc, tx->m_kill_location.load(std::memory_order_relaxed), inev ? int(inev->m_slot) : -1);
}

void for_each_write(Transaction* tx, void (*fn)(Object* o, UndoRecord const& r, void* ctx), void* ctx)
{
    if (!tx || !tx->m_active)
        return;
    static UndoRecord const none {};
    for (WriteEntry const& w : tx->m_writes)
        fn(w.obj, w.saved ? w.undo : none, ctx);
}

void abort_transaction()
{
    Transaction* tx = active_tx();
    PY_VERIFY(tx != nullptr, "STM-4");
    PY_VERIFY(!tx->m_inevitable, "STM-8");
    rollback(
        tx, AbortKind::Explicit, nullptr, here(tx), 0, -1);
}

// ---- statistics ---------------------------------------------------------------------------

Stats AtomicStats::snapshot() const
{
    Stats s;
    s.commits = commits.load(std::memory_order_relaxed);
    s.inevitable_commits = inevitable_commits.load(std::memory_order_relaxed);
    for (size_t i = 0; i < size_t(AbortKind::Count); ++i)
        s.aborts[i] = aborts[i].load(std::memory_order_relaxed);
    s.ns_committed = ticks_to_ns(ns_committed.load(std::memory_order_relaxed));
    s.ns_aborted = ticks_to_ns(ns_aborted.load(std::memory_order_relaxed));
    s.ns_waiting = ticks_to_ns(ns_waiting.load(std::memory_order_relaxed));
    return s;
}

void AtomicStats::clear()
{
    commits.store(0, std::memory_order_relaxed);
    inevitable_commits.store(0, std::memory_order_relaxed);
    for (auto& a : aborts)
        a.store(0, std::memory_order_relaxed);
    ns_committed.store(0, std::memory_order_relaxed);
    ns_aborted.store(0, std::memory_order_relaxed);
    ns_waiting.store(0, std::memory_order_relaxed);
}

Stats thread_stats()
{
    Transaction* tx = t_tx;
    return tx ? tx->m_stats.snapshot() : Stats {};
}

Stats global_stats()
{
    std::lock_guard lock(s_registry_mu);
    Stats s = s_retired;
    for (Transaction* tx : s_descriptors)
        s.add(tx->m_stats.snapshot());
    return s;
}

void reset_stats()
{
    std::lock_guard lock(s_registry_mu);
    s_retired = Stats {};
    for (Transaction* tx : s_descriptors)
        tx->m_stats.clear();
}

AbortInfo last_abort_info()
{
    Transaction* tx = t_tx;
    return tx ? tx->m_last_abort : AbortInfo {};
}

size_t read_set_size()
{
    Transaction* tx = active_tx();
    return tx ? tx->m_reads.size() : 0;
}

size_t write_set_size()
{
    Transaction* tx = active_tx();
    return tx ? tx->m_writes.size() : 0;
}

namespace {

char const* wait_reason_text(WaitReason why)
{
    switch (why) {
    case WaitReason::LockOwner:
        return "an object's owner";
    case WaitReason::Inevitable:
        return "the inevitable transaction";
    case WaitReason::InevitableSlot:
        return "its turn to become inevitable";
    }
    return "?";
}

void describe(uint64_t tag, char* buf, size_t size)
{
    if (tag && g_hooks.describe_location)
        g_hooks.describe_location(tag, buf, size);
    else
        std::snprintf(buf, size, "%s", tag ? "(a location tag)" : "unknown");
}

// STM-15: reports a stall (Config::stall_seconds) and ends the process. The other descriptors
// are read through their published atomics only.
[[noreturn]] void report_stall(Transaction* tx, WaitReason why, Object* awaited, uint64_t waited_ns)
{
    static std::atomic<bool> s_reported { false };
    if (s_reported.exchange(true)) {
        for (;;) // another thread is reporting and will end the process
            std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    char where[512];
    describe(here(tx), where, sizeof where);
    std::fprintf(stderr,
        "pystm: STM stall: the transaction in slot %u has waited %.1f s for %s, at %s\n",
        tx->m_slot, double(waited_ns) / 1e9, wait_reason_text(why), where);
    if (awaited)
        std::fprintf(stderr, "  awaited object: %p\n", static_cast<void*>(awaited));
    Transaction* inev = g_inevitable.load(std::memory_order_acquire);
    if (inev)
        std::fprintf(stderr, "  the inevitable transaction: slot %u\n", inev->m_slot);
    else
        std::fprintf(stderr, "  no transaction is inevitable\n");
    std::unique_lock lock(s_registry_mu, std::try_to_lock);
    for (Transaction* d : s_descriptors) {
        uint64_t serial = d->m_serial.load(std::memory_order_acquire);
        describe(d->m_location.load(std::memory_order_relaxed), where, sizeof where);
        std::fprintf(stderr, "  slot %u%s: %s%s%s%s; last lock at %s\n", d->m_slot,
            d == tx ? " (this one)" : "", serial ? "in an attempt" : "between attempts",
            serial && d->m_inevitable_pub.load(std::memory_order_acquire) ? ", inevitable" : "",
            serial && d->m_committing.load(std::memory_order_acquire) ? ", committing" : "",
            serial && d->m_abort_request.load(std::memory_order_acquire) == serial
                ? ", asked to abort"
                : "",
            where);
    }
    std::fflush(stderr);
    fatal_error(__FILE__, __LINE__, "a wait inside one attempt outlasted Config::stall_seconds",
        "STM-15");
}

} // namespace

void wait_step(Transaction* tx, WaitReason why, Object* awaited, Transaction* other)
{
    uint64_t t0 = now_ticks();
    if (tx->m_first_wait_ticks == 0) {
        tx->m_first_wait_ticks = t0;
        tx->m_first_wait_reason = uint8_t(why);
        if (g_hooks.record) {
            Event e { EventType::Wait };
            e.kind = uint8_t(why);
            e.start_ticks = t0;
            e.object = awaited;
            e.location = here(tx);
            // The other transaction may have ended meanwhile: its descriptor stays allocated
            // (descriptors are never freed), so the location read is one of its attempts'.
            if (other)
                e.other_location = other->m_location.load(std::memory_order_relaxed);
            g_hooks.record(e);
        }
    }
    try {
        (g_hooks.wait ? g_hooks.wait : default_wait)(why);
    } catch (...) {
        tx->m_last_wait_end = now_ticks();
        tx->m_wait_ticks += tx->m_last_wait_end - t0;
        throw;
    }
    tx->m_last_wait_end = now_ticks();
    tx->m_wait_ticks += tx->m_last_wait_end - t0;
    if (PY_UNLIKELY(s_config.stall_seconds != 0)) {
        uint64_t waited = ticks_to_ns(tx->m_last_wait_end - tx->m_first_wait_ticks);
        if (waited >= uint64_t(s_config.stall_seconds) * 1'000'000'000)
            report_stall(tx, why, awaited, waited);
    }
}

void record_end(Transaction* tx, Event e)
{
    e.wait_ticks = tx->m_wait_ticks;
    g_hooks.record(e);
    if (tx->m_first_wait_ticks) {
        Event w { EventType::Wait };
        w.kind = tx->m_first_wait_reason;
        w.start_ticks = tx->m_first_wait_ticks;
        w.end_ticks = tx->m_last_wait_end;
        w.wait_ticks = tx->m_wait_ticks;
        g_hooks.record(w);
    }
}

} // namespace pystm::stm
