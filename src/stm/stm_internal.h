// STM runtime internals shared by stm_core.cpp and stm_barriers.cpp: the transaction descriptor,
// the global clock, the read-mostly epoch, the inevitable transaction's read filter and the
// helpers that decode an owned header word. Not for clients: they use stm.h.
#pragma once

#include "stm/stm.h"

#include <mutex>
#include <vector>

namespace pystm::stm {

// STM-14: set around a wait step that must not park (stm.h, may_park()).
extern constinit thread_local bool t_no_park;

// Cache-line size used for padding hot shared words apart (two 64-byte lines: x86's adjacent-line
// prefetcher moves lines in pairs).
inline constexpr size_t kLineSize = 128;

struct ReadEntry {
    Object* obj;
    uint64_t version; // version seen at the first read (0 for a stale owned word)
    uint64_t location;
};

struct WriteEntry {
    Object* obj;
    uint64_t old_word; // header word before the lock (for its READ_MOSTLY bit)
    UndoRecord undo;
    uint64_t location;
    bool saved; // undo holds a client record (false for inevitable transactions)
};

// A descriptor's statistics (times in now_ticks() units): written only by the descriptor's
// thread (plain load + store, no read-modify-write), read by global_stats() from any thread.
struct AtomicStats {
    std::atomic<uint64_t> commits { 0 };
    std::atomic<uint64_t> inevitable_commits { 0 };
    std::atomic<uint64_t> aborts[size_t(AbortKind::Count)] = {};
    std::atomic<uint64_t> ns_committed { 0 };
    std::atomic<uint64_t> ns_aborted { 0 };
    std::atomic<uint64_t> ns_waiting { 0 };
    static void bump(std::atomic<uint64_t>& c, uint64_t n)
    {
        c.store(c.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    }
    Stats snapshot() const;
    void clear();
};

// Descriptors are allocated separately and aligned to kLineSize, so the fields one thread writes
// on every transaction never share a cache line (or an adjacent-line prefetch pair) with another
// descriptor or with the globals below.
class alignas(kLineSize) Transaction {
public:
    // Published to other threads (owner lookup, contention management).
    std::atomic<uint64_t> m_serial { 0 }; // serial of the running attempt; 0 between attempts
    std::atomic<uint64_t> m_abort_request { 0 }; // serial of the attempt an inevitable one kills
    // What the inevitable transaction wanted when it asked (stored before m_abort_request):
    // the object and its location tag, for the victim's AbortInfo.
    std::atomic<Object*> m_kill_object { nullptr };
    std::atomic<uint64_t> m_kill_location { 0 };
    std::atomic<bool> m_committing { false }; // past validation start: will release soon
    std::atomic<bool> m_inevitable_pub { false }; // this attempt is the inevitable one
    std::atomic<uint64_t> m_location { 0 };
    // STM-16: how many attempts of other threads wait for this descriptor's inevitable
    // attempt now (InevitableWait); its thread hands the slot over at its next poll.
    std::atomic<uint32_t> m_inevitable_waiters { 0 };

    // Owned by the descriptor's thread.
    uint32_t m_slot = 0;
    uint64_t m_next_serial = 0; // serials never repeat within a slot (STM-3)
    bool m_active = false;
    bool m_inevitable = false;
    bool m_read_rm = false; // read a read-mostly object in this attempt
    bool m_wrote_rm = false; // locked a read-mostly object in this attempt
    uint64_t m_own_word = 0;
    uint64_t m_rv = 0; // snapshot time
    // The newest g_clock value this descriptor has observed (its last write version, extension
    // or rollback): the next attempt's snapshot time, so begin() does not read g_clock (a line
    // every committing writer takes exclusively). Any value <= g_clock is a valid snapshot
    // (STM-1); an object newer than it is caught by the version check and extends.
    uint64_t m_clock_seen = 0;
    uint64_t m_rm_epoch = 0; // g_rm_epoch as of the snapshot
    uint64_t m_last_ts = 0;
    std::vector<ReadEntry> m_reads;
    std::vector<WriteEntry> m_writes;
    std::vector<uint32_t> m_bloom_words; // inevitable read filter words this attempt set
    // Direct-mapped filter of objects already in m_reads in this attempt (STM-12), so repeated
    // reads of one object do not grow the read set; entries carry the attempt's tag.
    FilterEntry m_filter[kFilterSize] = {};
    uint64_t m_filter_tag = 0; // the running attempt's tag, already shifted (never 0)
    uint32_t m_consecutive_aborts = 0;
    // STM-9: killed by the inevitable transaction while it waited for the inevitable slot: its
    // next attempt takes the slot first, holding nothing that a kill would take back.
    bool m_start_inevitable = false;
    uint32_t m_length_budget = 0; // 0: not yet set from Config::length_initial
    uint64_t m_start_ticks = 0;
    uint64_t m_wait_ticks = 0; // waiting time of the running attempt
    uint64_t m_first_wait_ticks = 0; // start of its first wait (0: none yet)
    uint64_t m_last_wait_end = 0;
    uint8_t m_first_wait_reason = 0;

    AtomicStats m_stats;
    AbortInfo m_last_abort; // read only by the descriptor's thread

    bool owns(uint64_t w) const { return (w & ~kReadMostly) == m_own_word; }
    bool abort_requested() const
    {
        return m_abort_request.load(std::memory_order_acquire)
            == m_serial.load(std::memory_order_relaxed);
    }
};

// The global version clock, alone on its line: every writer commit increments it, so sharing
// its line with words that every transaction reads (the inevitable token, the read-mostly epoch)
// would make those reads miss too.
struct alignas(kLineSize) PaddedClock {
    std::atomic<uint64_t> value { 0 };
};
extern PaddedClock g_clock_line;
inline std::atomic<uint64_t>& g_clock = g_clock_line.value;
// Read by every transaction, written rarely (read-mostly commits, inevitability changes): kept
// together on one line of their own, which stays shared in every core's cache.
struct alignas(kLineSize) ReadMostlyGlobals {
    std::atomic<uint64_t> rm_epoch { 0 };
    std::atomic<Transaction*> inevitable { nullptr };
    std::atomic<bool> inevitable_read_rm { false };
};
extern ReadMostlyGlobals g_rm_line;
inline std::atomic<uint64_t>& g_rm_epoch = g_rm_line.rm_epoch;
inline std::atomic<Transaction*>& g_inevitable = g_rm_line.inevitable;
inline std::atomic<bool>& g_inevitable_read_rm = g_rm_line.inevitable_read_rm;
alignas(kLineSize) extern std::atomic<Transaction*> g_slots[kMaxSlots];
extern ClientHooks g_hooks;
extern constinit thread_local Transaction* t_tx;

// The inevitable transaction's read filter: a Bloom-style bit set of the objects it has read
// (one hash). Writers test it after locking (STM-8).
inline constexpr size_t kBloomWords = 1024;
alignas(kLineSize) extern std::atomic<uint64_t> g_bloom[kBloomWords];
inline uint32_t bloom_hash(Object* o)
{
    return uint32_t((uint64_t(reinterpret_cast<uintptr_t>(o) >> 4) * 0x9E3779B97F4A7C15ull) >> 48);
}
inline bool bloom_test(Object* o)
{
    uint32_t h = bloom_hash(o);
    return g_bloom[h >> 6].load(std::memory_order_seq_cst) & (1ull << (h & 63));
}

// Best-effort table of the location of the last committed write of each object (by hash).
// The object is kept as the complement of its address (write_loc_key), never a pointer: the
// collector scans static data conservatively (GC-1), and a plain pointer here would keep the
// last object written at each index, and everything it reaches, alive. 16,384 entries (256 KB):
// a big shared dict has that many stripes, whose last writers the conflict report names; with
// 4,096 the other side of bench/transaction/wordcount.py's validation aborts was unknown for
// about 7% of them, with 16,384 for 3.5%.
struct WriteLocation {
    std::atomic<uintptr_t> key { 0 };
    std::atomic<uint64_t> loc { 0 };
};
inline constexpr size_t kWriteLocSize = 16384;
extern WriteLocation g_write_loc[kWriteLocSize];
inline size_t write_loc_index(Object* o) { return bloom_hash(o) & (kWriteLocSize - 1); }
inline uintptr_t write_loc_key(Object* o) { return ~reinterpret_cast<uintptr_t>(o); }
// Where the last writer of [o] (committed, or rolled back: both fail [o]'s readers' validation)
// wrote it, if the table still holds [o]; 0 otherwise. The "other side" of a validation abort.
inline uint64_t last_write_location(Object* o)
{
    WriteLocation& wl = g_write_loc[write_loc_index(o)];
    return wl.key.load(std::memory_order_relaxed) == write_loc_key(o)
        ? wl.loc.load(std::memory_order_relaxed)
        : 0;
}

// The live descriptor owning [w], or nullptr if the owning attempt has ended.
inline Transaction* owner_of(uint64_t w)
{
    Transaction* t = g_slots[word_slot(w)].load(std::memory_order_acquire);
    if (t && t->m_serial.load(std::memory_order_acquire) == word_serial(w))
        return t;
    return nullptr;
}
// After owner_of(w) returned nullptr for the owned word [w] loaded from [o]: true if [w] is a
// stale word (STM-3), false if it was a lock released since the load. An attempt releases its
// locks before withdrawing its serial, so a released lock always shows as a changed word here,
// and serials never repeat, so an unchanged word is a private object of an ended attempt.
inline bool still_stale(Object* o, uint64_t w)
{
    return o->m_stm.load(std::memory_order_acquire) == w;
}

// A cheap monotonic clock (TSC ticks on x86-64, else nanoseconds) and its conversion.
// The current descriptor if it runs an attempt, else nullptr.
inline Transaction* active_tx()
{
    Transaction* tx = t_tx;
    return tx && tx->m_active ? tx : nullptr;
}
void sync_thread_cache(Transaction* tx);
// STM-16: while it exists, the calling attempt counts as waiting for the inevitable attempt of
// [inev], whose thread then ends that attempt at its next poll, even inside a nested activation,
// and lets the waiters go first (stm::inevitable_awaited, vm/transaction.cpp). A waiter that stays
// in its loop past the handover (it did not run meanwhile) keeps asking for it: each loop ends when
// the inevitable attempt it waits for has ended, which it recognises by the attempt's serial.
class InevitableWait {
public:
    explicit InevitableWait(Transaction* inev)
        : m_inev(inev)
    {
        m_inev->m_inevitable_waiters.fetch_add(1, std::memory_order_seq_cst);
        m_serial = m_inev->m_serial.load(std::memory_order_acquire);
    }
    ~InevitableWait() { m_inev->m_inevitable_waiters.fetch_sub(1, std::memory_order_seq_cst); }
    InevitableWait(InevitableWait const&) = delete;
    InevitableWait& operator=(InevitableWait const&) = delete;
    // The attempt waited for still holds the inevitable slot.
    bool ongoing() const
    {
        return g_inevitable.load(std::memory_order_acquire) == m_inev
            && m_inev->m_serial.load(std::memory_order_acquire) == m_serial;
    }

private:
    Transaction* m_inev;
    uint64_t m_serial;
};

// The location tag of the access being made by [tx] (ClientHooks::location).
inline uint64_t here(Transaction* tx)
{
    return g_hooks.location ? g_hooks.location() : tx->m_location.load(std::memory_order_relaxed);
}
// Rolls back the running attempt and throws StmAbort{kind}. [obj]/[other] feed last_abort_info.
[[noreturn]] void rollback(Transaction* tx, AbortKind kind, Object* obj, uint64_t my_loc,
    uint64_t other_loc, int other_slot);
// Validates every read-set entry against the current header words; returns the first entry
// that fails, or nullptr.
ReadEntry* validate_reads(Transaction* tx);
// validate_reads(); on failure rolls back with kind Validation, naming the failed entry.
void validate_or_roll_back(Transaction* tx);
// Extends the snapshot to now (LSA): validates, then moves m_rv. Rolls back on failure.
void extend_snapshot(Transaction* tx, Object* trigger);
void bloom_set(Transaction* tx, Object* o);
void clear_inevitable(Transaction* tx);
// One iteration of a wait loop: calls the client's wait hook (which may throw) and accounts the
// time as waiting. [other]: the transaction waited for (the lock's owner, the inevitable one),
// whose current location the log records as the other side of the wait (best effort).
void wait_step(
    Transaction* tx, WaitReason why, Object* awaited = nullptr, Transaction* other = nullptr);
// Reports the end of the running attempt to the event log (ClientHooks::record), if any.
void record_end(Transaction* tx, Event e);
// Rolls back an attempt that the inevitable transaction asked to abort (KilledByInevitable),
// naming what the inevitable one wanted as the other side.
[[noreturn]] void rollback_killed(Transaction* tx, uint64_t my_loc);

} // namespace pystm::stm
