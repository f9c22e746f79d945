// STM runtime: barrier slow paths, snapshot extension, allocation and read-mostly marking,
// inevitability and the contention manager. Keeps STM-1 (opacity), STM-3 (private objects),
// STM-5 (in-place writes and post-read validation), STM-7 (read-mostly epoch), STM-8
// (inevitability), STM-10 (contention policy) and STM-16 (the inevitable transaction's
// handover); see docs/internals/stm.md.
#include "stm/stm_internal.h"

namespace pystm::stm {

namespace {

// STM-10: what a transaction does when [o] is owned (word [w]) by the live attempt of [owner].
// Returns to let the caller reload the header word, or rolls back.
void on_conflict(
    Transaction* tx, Transaction* owner, uint64_t w, AbortKind kind, Object* o, uint32_t& spins)
{
    if (tx->m_inevitable) {
        // The inevitable transaction never aborts: it asks the owner to abort and waits for
        // the lock to be released. The owner polls the request in its slow paths and commit.
        // The request names the attempt that holds the lock (the serial in [w]), never the
        // owner's current serial: the lock holder may have ended since owner_of(), and its
        // descriptor may already run a next attempt that holds nothing we need (possibly
        // waiting in begin() for the inevitable token, where a kill would escape
        // stm::atomically). A request for an ended attempt matches nothing (STM-3).
        owner->m_kill_object.store(o, std::memory_order_relaxed);
        owner->m_kill_location.store(here(tx), std::memory_order_relaxed);
        uint64_t serial = word_serial(w);
        if (owner->m_abort_request.exchange(serial, std::memory_order_acq_rel) != serial
            && g_hooks.kill_requested)
            g_hooks.kill_requested(owner);
        wait_step(tx, WaitReason::LockOwner, o, owner);
        return;
    }
    if (owner->m_inevitable_pub.load(std::memory_order_acquire)) {
        // Never abort because of the inevitable transaction's lock: wait for it to finish,
        // counted as its waiter (STM-16), until [o]'s word changes or the attempt in it ends
        // (the words of objects it allocated stay as they are, stale, STM-3).
        InevitableWait counted(owner);
        while (o->m_stm.load(std::memory_order_acquire) == w && owner_of(w) == owner) {
            wait_step(tx, WaitReason::Inevitable, o, owner);
            if (tx->abort_requested())
                rollback_killed(tx, here(tx));
        }
        return;
    }
    // A committing owner releases within microseconds: spinning is cheaper than aborting. But
    // two committing transactions can wait for each other (locks taken while running, others
    // taken at the commit by deferred changes): of two committing transactions, the one in the
    // higher slot spins only briefly, so such a cycle breaks at once rather than after both
    // spent their whole budget (on a 16-core machine eight threads inserting into one dict lost
    // most of their time so).
    uint32_t budget = config().commit_spin;
    if (tx->m_committing.load(std::memory_order_relaxed) && tx->m_slot > owner->m_slot)
        budget = std::min(budget, config().commit_spin_yielding);
    if (owner->m_committing.load(std::memory_order_acquire) && spins < budget) {
        ++spins;
        t_no_park = budget < config().commit_spin; // STM-14
        try {
            wait_step(tx, WaitReason::LockOwner, o, owner);
        } catch (...) {
            t_no_park = false;
            throw;
        }
        t_no_park = false;
        // STM-10: the inevitable transaction may be waiting for a lock of this attempt while
        // the owner's commit waits for the inevitable one.
        if (tx->abort_requested())
            rollback_killed(tx, here(tx));
        return;
    }
    // The transaction that comes second to the object aborts (requester aborts).
    rollback(tx, kind, o, here(tx),
        owner->m_location.load(std::memory_order_relaxed), int(owner->m_slot));
}

[[gnu::always_inline]] inline void poll_abort(Transaction* tx)
{
    if (PY_UNLIKELY(!tx->m_inevitable && tx->abort_requested()))
        rollback_killed(tx, here(tx));
}

} // namespace

void poll()
{
    if (Transaction* tx = active_tx())
        poll_abort(tx);
}

void bloom_set(Transaction* tx, Object* o)
{
    uint32_t h = bloom_hash(o);
    std::atomic<uint64_t>& word = g_bloom[h >> 6];
    uint64_t bit = 1ull << (h & 63);
#ifndef PYSTM_STM_NO_FENCES
    if (word.load(std::memory_order_relaxed) & bit) {
        // Already set (possibly by us): still order it before the caller's header reload.
        std::atomic_thread_fence(std::memory_order_seq_cst);
        return;
    }
#endif
    if (!(word.fetch_or(bit, std::memory_order_seq_cst) & bit))
        tx->m_bloom_words.push_back(h >> 6);
}

void clear_inevitable(Transaction* tx)
{
    for (uint32_t i : tx->m_bloom_words)
        g_bloom[i].store(0, std::memory_order_relaxed);
    tx->m_bloom_words.clear();
    g_inevitable_read_rm.store(false, std::memory_order_relaxed);
    tx->m_inevitable_pub.store(false, std::memory_order_release);
    g_inevitable.store(nullptr, std::memory_order_seq_cst);
}

void extend_snapshot(Transaction* tx, Object* trigger)
{
    // STM-1 (LSA extension): the snapshot may move to now only if nothing read has changed.
    uint64_t now = g_clock.load(std::memory_order_seq_cst);
    validate_or_roll_back(tx);
    uint64_t epoch = g_rm_epoch.load(std::memory_order_seq_cst);
    if (tx->m_read_rm && epoch != tx->m_rm_epoch)
        rollback(tx, AbortKind::ReadMostly, trigger, here(tx),
            0, -1);
    tx->m_rm_epoch = epoch;
    tx->m_rv = now;
    tx->m_clock_seen = now;
    t_rv = now;
}

namespace {
[[gnu::noinline]] void read_logged(Transaction* tx, Object* o);

// The end of every read of an unowned, not read-mostly object within the snapshot by a running,
// non-inevitable attempt: nothing if the filter has it, else it goes into the filter and the
// read log (STM-12).
[[gnu::always_inline]] inline void note_read(Transaction* tx, Object* o, uint64_t w)
{
    FilterEntry& f = tx->m_filter[filter_index(o)];
    FilterEntry const mine = filter_entry(o, tx->m_filter_tag);
    if (t_filter)
        t_last_read = o; // only while the inline filter is this attempt's (STM-12)
    if (f == mine)
        return;
    f = mine;
    tx->m_reads.push_back({ o, word_version(w), here(tx) });
}
}

void read_slow(Object* o)
{
    Transaction* tx = active_tx();
    if (!tx || o->is_immutable())
        return; // outside transactions (setup code, STM off) and immutable objects (OBJ-1)
    // The common cases first, without a call: a read-mostly object, an object this attempt has
    // read already, unchanged since, and the first read of an unowned object within the
    // snapshot. What read_logged() would do for them (unowned, within the snapshot, not
    // inevitable) ends in the same tests, so testing them here first changes nothing but cost:
    // about 40 instructions of each first read, which a striped dict's key read pays for its
    // stripe.
    uint64_t const first = o->m_stm.load(std::memory_order_acquire);
    if (!(first & kOwned) && word_version(first) <= tx->m_rv && !tx->m_inevitable) {
        if (first & kReadMostly) {
            tx->m_read_rm = true; // STM-7: covered by the epoch, not the read set
            t_read_rm = true; // STM-12 (tx is the thread's current descriptor)
            return;
        }
        if (tx->m_filter[filter_index(o)] == filter_entry(o, tx->m_filter_tag))
            return;
        poll_abort(tx); // as read_logged() does before it logs
        note_read(tx, o, first);
        return;
    }
    read_logged(tx, o);
}

namespace {

// read_slow()'s general case: owned words, snapshot extension, inevitability, the read log.
void read_logged(Transaction* tx, Object* o)
{
    poll_abort(tx);
    uint32_t spins = 0;
    for (;;) {
        uint64_t const loaded = o->m_stm.load(std::memory_order_acquire);
        uint64_t w = loaded;
        if (word_owned(w)) {
            if (tx->owns(w))
                return;
            if (Transaction* owner = owner_of(w)) {
                on_conflict(tx, owner, w, AbortKind::ReadLocked, o, spins);
                continue;
            }
            if (!still_stale(o, w))
                continue; // a lock released meanwhile: reload
            // Stale: version 0 for ever (STM-3). Store that version, so that later reads of
            // the object, by any thread, stop resolving the owner. A failed exchange means the
            // word changed (a writer locked it): the reload sorts it out.
            uint64_t expected = loaded;
            o->m_stm.compare_exchange_strong(expected, loaded & kReadMostly, std::memory_order_acq_rel);
            continue;
        }
        if (tx->m_inevitable) {
            // STM-8: publish the read in the filter, then re-check that no writer locked the
            // object in between (a writer checks the filter after locking).
            bloom_set(tx, o);
            if (w & kReadMostly) {
                tx->m_read_rm = true;
                g_inevitable_read_rm.store(true, std::memory_order_seq_cst);
            }
            uint64_t again = o->m_stm.load(std::memory_order_seq_cst);
            if (again != loaded && word_owned(again) && !tx->owns(again))
                continue; // locked (or released) since: go through the owner checks again
            return;
        }
        if (word_version(w) > tx->m_rv) {
            extend_snapshot(tx, o);
            continue;
        }
        PY_ASSERT(word_version(w) <= tx->m_rv, "STM-1");
        if (w & kReadMostly) {
            tx->m_read_rm = true; // STM-7: covered by the epoch, not the read set
            t_read_rm = true; // STM-12 (tx is the thread's current descriptor)
            return;
        }
        note_read(tx, o, w);
        return;
    }
}

// The write barrier's slow path; [save]: ask the client for an undo record of [o].
void acquire(Object* o, bool save)
{
    Transaction* tx = active_tx();
    if (!tx)
        return;
    PY_ASSERT(!o->is_immutable(), "OBJ-1");
    poll_abort(tx);
    uint32_t spins = 0;
    for (;;) {
        uint64_t w = o->m_stm.load(std::memory_order_acquire);
        uint64_t version;
        if (word_owned(w)) {
            if (tx->owns(w))
                return;
            if (Transaction* owner = owner_of(w)) {
                on_conflict(tx, owner, w, AbortKind::WriteWrite, o, spins);
                continue;
            }
            if (!still_stale(o, w))
                continue; // a lock released meanwhile: reload
            version = 0; // stale (STM-3)
        } else {
            version = word_version(w);
        }
        // STM-1: the object's latest state must belong to the snapshot before we read it
        // through the lock.
        if (!tx->m_inevitable && version > tx->m_rv) {
            extend_snapshot(tx, o);
            continue;
        }
        if (!o->m_stm.compare_exchange_strong(
                w, tx->m_own_word | (w & kReadMostly), std::memory_order_seq_cst))
            continue;
        if (!tx->m_inevitable) {
            Transaction* inev = g_inevitable.load(std::memory_order_seq_cst);
            bool blocked = inev
                && (bloom_test(o)
                    || ((w & kReadMostly) && g_inevitable_read_rm.load(std::memory_order_seq_cst)));
            if (blocked) {
                // STM-8: the inevitable transaction may have read [o]; nothing was written yet,
                // so the old word goes back unchanged. Wait for it to finish.
                o->m_stm.store(w, std::memory_order_release);
                InevitableWait counted(inev); // STM-16
                while (counted.ongoing()) {
                    wait_step(tx, WaitReason::Inevitable, o, inev);
                    poll_abort(tx);
                }
                continue;
            }
        }
        // The lock's location is also published as this attempt's current one, which a
        // transaction that conflicts with the lock reports as the other side (AbortInfo).
        uint64_t loc = here(tx);
        if (g_hooks.location)
            tx->m_location.store(loc, std::memory_order_relaxed);
        WriteEntry e { o, w, UndoRecord {}, loc, false };
        if (save && !tx->m_inevitable && g_hooks.save_state) {
            e.undo = g_hooks.save_state(o);
            e.saved = true;
        }
        tx->m_writes.push_back(e);
        // STM-12: an owned object never consults the filter again; free its entry for others.
        FilterEntry& f = tx->m_filter[filter_index(o)];
        if (f == filter_entry(o, tx->m_filter_tag))
            f = 0;
        if (w & kReadMostly)
            tx->m_wrote_rm = true;
            // STM-5: the client's in-place stores that follow must not become visible before the
            // lock (pairs with the acquire fence in read_validate).
#ifdef PYSTM_STM_NO_FENCES
        o->m_stm.fetch_add(0, std::memory_order_acq_rel);
#else
        std::atomic_thread_fence(std::memory_order_release);
#endif
        return;
    }
}

} // namespace

void read_validate_slow(Object* o)
{
    Transaction* tx = active_tx();
    if (!tx || tx->m_inevitable || o->is_immutable())
        return; // STM-8: nobody may lock what the inevitable transaction read
    uint64_t w = o->m_stm.load(std::memory_order_acquire);
    if (word_owned(w)) {
        if (tx->owns(w))
            return;
        if (Transaction* owner = owner_of(w))
            rollback(tx, AbortKind::ReadLocked, o, here(tx),
                owner->m_location.load(std::memory_order_relaxed), int(owner->m_slot));
        // A lock taken and released since read(): what the caller read may be torn.
        if (!still_stale(o, w))
            rollback(tx, AbortKind::ReadLocked, o, here(tx), 0, -1);
        return; // stale: version 0, unchanged since read()
    }
    // STM-5: the object changed after read() returned, so what the caller read may be torn.
    if (word_version(w) > tx->m_rv)
        rollback(tx, AbortKind::Validation, o, here(tx), last_write_location(o), -1);
}

void write_slow(Object* o) { acquire(o, true); }
void lock_slow(Object* o) { acquire(o, false); }

void forget_read(Object* o)
{
    Transaction* tx = active_tx();
    if (!tx)
        return;
    FilterEntry& f = tx->m_filter[filter_index(o)];
    if (f == filter_entry(o, tx->m_filter_tag))
        f = 0;
    if (t_last_read == o)
        t_last_read = nullptr;
}

void set_read_mostly(Object* o, bool on)
{
    // An RMW, never a load and a store: a writer's lock CAS in between must not be undone.
    if (on)
        o->m_stm.fetch_or(kReadMostly, std::memory_order_acq_rel);
    else
        o->m_stm.fetch_and(~kReadMostly, std::memory_order_acq_rel);
}

void become_inevitable()
{
    Transaction* tx = active_tx();
    PY_VERIFY(tx != nullptr, "STM-8");
    if (tx->m_inevitable)
        return;
    if (g_hooks.before_commit) {
        g_hooks.before_commit();
        // Applying the client's queued changes may itself have made the attempt inevitable (a
        // big resize of a striped dict, DICT-14): the slot is then ours, and waiting for it
        // below would wait for ourselves forever.
        if (tx->m_inevitable)
            return;
    }
    // At most one inevitable transaction (STM-8): wait for the slot. We may hold locks the
    // inevitable one needs, so keep honouring its kill requests while waiting.
    for (;;) {
        Transaction* expected = nullptr;
        if (g_inevitable.compare_exchange_strong(expected, tx, std::memory_order_seq_cst))
            break;
        PY_VERIFY(expected != tx, "STM-8"); // we would wait for ourselves
        InevitableWait counted(expected); // STM-16
        while (counted.ongoing()) {
            if (PY_UNLIKELY(tx->abort_requested())) {
                // STM-9: redone as an ordinary attempt, it would take the same locks, wait here
                // again and be killed again, for as long as the inevitable transaction's thread
                // keeps winning the slot.
                tx->m_start_inevitable = true;
                poll_abort(tx);
            }
            wait_step(tx, WaitReason::InevitableSlot, nullptr, expected);
        }
    }
    // Publish everything read so far, then check that it is all still current. A writer that
    // locks one of these objects from now on sees the filter; one that locked it before is
    // seen by the validation below.
    for (ReadEntry& e : tx->m_reads)
        bloom_set(tx, e.obj);
    if (tx->m_read_rm)
        g_inevitable_read_rm.store(true, std::memory_order_seq_cst);
    AbortKind failed = AbortKind::None;
    Object* bad_obj = nullptr;
    uint64_t bad_loc = 0;
    uint64_t other_loc = 0;
    if (ReadEntry* bad = validate_reads(tx)) {
        failed = AbortKind::Validation;
        bad_obj = bad->obj;
        bad_loc = bad->location;
        other_loc = last_write_location(bad->obj);
    } else if (tx->m_read_rm && g_rm_epoch.load(std::memory_order_seq_cst) != tx->m_rm_epoch) {
        failed = AbortKind::ReadMostly;
    } else if (tx->abort_requested()) {
        failed = AbortKind::KilledByInevitable;
    }
    if (failed != AbortKind::None) {
        clear_inevitable(tx);
        rollback(tx, failed, bad_obj, bad_loc ? bad_loc : here(tx), other_loc, -1);
    }
    tx->m_inevitable = true;
    tx->m_inevitable_pub.store(true, std::memory_order_release);
    if (t_tx == tx)
        sync_thread_cache(tx); // STM-12: an inevitable attempt's reads take the slow path
    // Our undo records are no longer needed: an inevitable transaction never aborts.
    for (WriteEntry& e : tx->m_writes)
        if (e.saved && g_hooks.drop_state) {
            g_hooks.drop_state(e.obj, e.undo);
            e.saved = false;
        }
    tx->m_reads.clear();
}

} // namespace pystm::stm
