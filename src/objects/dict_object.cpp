// dict: CPython's compact, insertion-ordered hash table, the C++ dict API of dict_object.h and
// the dict type's methods. Views and iterators live in dict_views.cpp, the STM undo records in
// dict_undo.cpp, the layout they share in dict_internal.h.
//
// Layout: one malloc'd DictTable per dict (null while the dict has never held an item): an index
// table of 2**k int32 slots (EMPTY, DUMMY or an entry number) followed by an entries array in
// insertion order. Deletion turns the index slot into DUMMY and clears the entry's key, so the
// order of the remaining entries never changes; entries are only appended, and when none are left
// the table is rebuilt (compacted) with room for used*3 items.
//
// Invariants:
//   DICT-1 every live entry's key and value are traced (dict_trace); deleted entries have a null
//          key and are skipped.
//   DICT-2 m_version changes on every structural mutation, including resizes, to a number no dict
//          had before and none will have again (see next_version()). Value writes through stripes
//          (DICT-9) leave it alone: the one cache keyed on it (LOAD_GLOBAL) skips striped dicts.
//   DICT-3 lookups that call __eq__ (which may run Python code) revalidate the table afterwards:
//          if the dict now has another table (serial numbers make a reused address detectable)
//          or the entry changed, the lookup restarts. No pointer into a table is dereferenced
//          after a call that may have freed it.
//   DICT-4 a dict marked as a type's dict (TYPE_DICT_MARK, set by the type attribute cache of
//          type_object.cpp) calls type_dict_changed() on every change of its items (TYPE-3).
//   DICT-7 fill (non-EMPTY index slots) <= capacity < size: every probe sequence reaches an
//          EMPTY slot, so lookups of absent keys end. popitem() reuses entry positions, so
//          nentries alone does not bound fill; an insertion that would pass either bound rebuilds.
//   DICT-8 (UNDO-4) a record whose saved table is small holds a copy of its index and entries,
//          taken at save; it logs no entry or slot, and restore copies them back.
//   DICT-5 (UNDO-4) while an undo record is attached, every in-place change of the table that was
//          current at save is logged first: each overwritten index slot, and each overwritten
//          entry below the saved entry count (entries above it are unused in the saved state).
//          The header counts (nentries, used) are saved once. A mutation asks for the record
//          (undo_for_change) after its write barrier and before it reads m_table, since a log
//          that outgrows the table is replaced by one copy of the table there.
//   DICT-6 a table that the dict replaces (resize, clear, that copy) is freed unless it is the
//          saved table of the attached record: the record takes it (still readable by concurrent
//          readers until the transaction ends), detaches, and restore() puts it back with the
//          log replayed in reverse; tables allocated by the attempt are freed by restore().
//   DICT-9 per-key values. A dict that transactions contended for gets value stripes (m_stripes):
//          the dict's own STM header then stands for its structure (keys, order, table, counts)
//          and each stripe's header for the values of the keys whose (mixed) hash selects it.
//          Reading a value takes the read barriers of the dict and of the key's stripe; writing
//          the value of an existing key reads the dict and locks only the stripe, so writers of
//          keys in different stripes do not conflict. A change that moves, copies or rewrites
//          existing entries (resize, clear, popitem, deleting a key, a bulk copy) locks every
//          stripe it touches first, so it never copies or overwrites a value that another
//          attempt wrote in place and may still roll back; appending a new key touches no
//          existing entry and locks the dict and the key's stripe. The dict's undo record of a
//          striped dict never copies the table (no DICT-8 copy, no DICT-6 log-to-copy switch) and
//          restores only what this attempt changed; a stripe's record logs (table, entry, old
//          value) per write and restores them in reverse. Stripes locked by a whole-dict change
//          have no record (lock_all_stripes): the attempt owns the dict by then, so its value
//          writes are logged in the dict's record.
//   DICT-10 per-key presence. In a striped dict the key's stripe also stands for whether the key
//          is there: every insertion and deletion locks it. So a lookup of a simple key (exact str
//          or small int, whose comparison runs no Python code) reads only the stripe and probes
//          the table in place, even while another attempt changes it for other keys (key_read
//          says why that is safe): commits that insert or delete other keys do not invalidate it.
//          An insertion by an attempt that does not own the dict is queued (vm/stm_client.cpp)
//          and applied when the attempt next touches the dict as a whole or at its commit: only
//          then does it lock the dict and the key's stripe (the stripe is in the read set, so a
//          commit that inserted the key meanwhile makes that lock fail validation). Attempts
//          inserting different keys thus hold the dict and the stripes only while they commit.
//          The attempt's own lookups find its queued keys in the queue. Index slots are
//          published after their entry, and tables and stripe tuples with release stores, so
//          that a probe racing a writer reads only complete entries; a resize that finds the
//          dict has outgrown its stripes gives it more (stripes_for, objects/stripes.h).
//   DICT-11 per-key deletions. Deleting a simple key of a striped dict by an attempt that does not
//          own the dict is queued like an insertion (DICT-10), with g_deleted_marker for its
//          value: the attempt read the key's stripe, so when the deletion is applied (at the
//          commit, or before the attempt's next whole-dict access) the key is still there
//          unless that lock fails validation. The attempt's own key reads find the queued
//          deletion and read the key as absent; inserting the key again queues a new insertion
//          after the deletion, so the key moves to the end of the order as it must.
//   DICT-12 a key read (DICT-10) that repeats the thread's last one, in the same attempt, with
//          the dict's and the stripe's STM words, the attempt's queue and the collection count
//          unchanged, returns the last result without probing again (KeyMemo says why).
//   DICT-13 an attempt that owns a striped dict locks stripes without records (lock_barrier):
//          from then on the dict's record alone logs the entries it changes. Records are
//          restored in the reverse order of their locks, so a stripe record taken after the
//          dict's would be restored first, and the dict's record, which snapshots whole entries
//          (DICT-5), would then put back an entry as it was after the stripe's logged write: a
//          value the attempt wrote and that never committed. (A stripe record taken before the
//          dict's is restored after it and wins, as it must: its log holds the committed value.)
//   DICT-14 a parallel attempt that resizes a striped dict of kInevitableResize entries or more
//          becomes inevitable first. The resize locks every stripe (DICT-9), which any other
//          thread using the dict meets at once, and takes milliseconds: as an ordinary attempt
//          it was killed or aborted over and over until the starvation rule made it inevitable
//          (STM-9), each retry redoing the copy while the others lost their work to it too.
//   DICT-15 a queued insertion (DICT-10) is applied without probing for the key again: the
//          attempt found it absent through its stripe, and nothing since can have added it
//          unseen. The dict's write barrier, taken first, checks the attempt's snapshot against
//          the dict's structure: if another commit changed it since (a resize that replaced the
//          stripes included), the barrier extends the snapshot, which validates every stripe
//          the attempt read, or aborts. So the stripe the key maps to now is the one it read,
//          and its lock, taken before the insertion, does the same for the key: a commit that
//          inserted the key meanwhile changed the stripe. The queue holds a key once (a second
//          insertion overwrites the queued value; a deletion in between is applied first).
#include "objects/dict_object.h"
#include "objects/dict_internal.h"
#include "gc/heap.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/stripes.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include <algorithm>
#include <atomic>
#include <cstring>
#include <vector>

namespace pystm {

Type dict_type { &type_type };

// The mark is an interpreter cache (principle 6): threads may set it at the same time, and read it
// while another sets it, hence the relaxed atomic accesses.
bool dict_is_type_dict(DictObject const* d)
{
    return std::atomic_ref<uint32_t>(const_cast<DictObject*>(d)->m_hash).load(std::memory_order_relaxed)
        == TYPE_DICT_MARK;
}

void dict_mark_type_dict(DictObject* d)
{
    std::atomic_ref<uint32_t> mark(d->m_hash);
    if (mark.load(std::memory_order_relaxed) == TYPE_DICT_MARK)
        return;
    mark.store(TYPE_DICT_MARK, std::memory_order_relaxed);
    // Type dicts are read on every attribute lookup and rarely written: read-mostly (STM-7).
    // type_lookup()'s cache hits rely on it (TYPE-4).
    stm::set_read_mostly(d, true);
}

namespace {

// DICT-2 with versions unique across all dicts and never reused, so that an interpreter cache
// can key on a (dict, version) pair even if the dict dies and another takes its address, or an
// aborted transaction's changes are undone (the undo record puts the old version back; numbers
// the attempt drew are never drawn again). Each thread draws its versions from its own block of
// the global sequence, so that threads mutating dicts in parallel do not write one shared line
// on every mutation. A dict that carries a number from a newer block than the thread's (another
// thread changed it since) makes the thread take a fresh block, above every number handed out.
std::atomic<uint64_t> s_dict_version { 0 };
constexpr uint64_t VERSION_BLOCK = 1 << 16;
thread_local uint64_t t_version_next = 0;
thread_local uint64_t t_version_end = 0;
inline uint64_t next_version(DictObject* d)
{
    if (PY_UNLIKELY(t_version_next == t_version_end || t_version_next <= d->m_version)) {
        t_version_next = s_dict_version.fetch_add(VERSION_BLOCK, std::memory_order_relaxed) + 1;
        t_version_end = t_version_next + VERSION_BLOCK - 1;
    }
    return t_version_next++;
}

} // namespace

uint64_t dict_fresh_version(DictObject* d) { return next_version(d); }

namespace {

// --- value stripes (DICT-9) -------------------------------------------------------------------

// Before a change that moves, copies or rewrites existing entries of a striped dict (after the
// dict's write barrier): every stripe is locked, so no other attempt holds an in-place value
// write to any entry (DICT-9). The locks save no undo records: the attempt owns the dict, so
// its later value writes are logged in the dict's own record (set_value_striped) and none goes
// through a stripe it locked here (key_read() leaves dicts the attempt owns to their own path).
// A resize of a big dict locks a hundred thousand stripes: records would double its cost.
void lock_all_stripes(DictObject* d)
{
    if (TupleObject* s = d->m_stripes)
        for (int64_t i = 0; i < s->m_size; i++)
            lock_barrier(s->item(i).as_object());
}
// Before a bulk read of values (copy): every stripe read.
void read_all_stripes(DictObject* d)
{
    if (TupleObject* s = d->m_stripes)
        for (int64_t i = 0; i < s->m_size; i++)
            read_barrier(s->item(i).as_object());
}
void validate_all_stripes(DictObject* d)
{
    if (TupleObject* s = d->m_stripes)
        for (int64_t i = 0; i < s->m_size; i++)
            read_validate_barrier(s->item(i).as_object());
}

// After [d]'s write barrier: a dict that a transaction aborted on gets its stripes now.
// Read-mostly dicts (type dicts, module globals) never do, and one that has stripes already
// (a class namespace that became a type's dict) takes value writes through its own header as
// well as the stripe: the type attribute cache and the read-mostly epoch must see every change
// of their values (TYPE-4).
void set_stripes(DictObject* d, int64_t n);

void maybe_give_stripes(DictObject* d)
{
    if ((PY_LIKELY(!d->m_contended.load(std::memory_order_relaxed)) && !g_dict_stripes_always) || d->m_stripes
        || !g_stm_active)
        return;
    if (std::atomic_ref<uint32_t>(d->m_hash).load(std::memory_order_relaxed) == TYPE_DICT_MARK
        || stm::is_read_mostly(d))
        return;
    set_stripes(d, stripes_for(d->m_table ? d->m_table->used : 0));
}

// Gives [d] [n] fresh stripes, under its lock: at the first contention, and when a resize of a
// striped dict (which locks every old stripe) finds it has outgrown them.
void set_stripes(DictObject* d, int64_t n)
{
    gc::RootedValues stripes;
    for (int64_t i = 0; i < n; i++)
        stripes.push_back(Value(gc::make<DictStripe>(&dict_stripe_type, d)));
    std::atomic_ref<TupleObject*>(d->m_stripes)
        .store(tuple_from(stripes.data(), static_cast<int64_t>(stripes.size())), std::memory_order_release);
}

constexpr int32_t IX_EMPTY = -1;
constexpr int32_t IX_DUMMY = -2;
constexpr int PERTURB_SHIFT = 5;
std::atomic<uint64_t> s_table_serial { 1 };

DictTable* table_alloc(int64_t size)
{
    int64_t capacity = (size << 1) / 3;
    if (size > (int64_t(1) << 31))
        raise_memory_error();
    size_t bytes = sizeof(DictTable) + static_cast<size_t>(size) * sizeof(int32_t)
        + static_cast<size_t>(capacity) * sizeof(DictEntry);
    auto* t = static_cast<DictTable*>(malloc(bytes));
    if (!t)
        raise_memory_error();
    gc::note_external_memory(static_cast<ptrdiff_t>(bytes));
    t->serial = s_table_serial.fetch_add(1, std::memory_order_relaxed);
    t->size = size;
    t->capacity = capacity;
    t->nentries = 0;
    t->used = 0;
    t->fill = 0;
    memset(t->indices(), 0xff, static_cast<size_t>(size) * sizeof(int32_t)); // all IX_EMPTY
    return t;
}

int64_t size_for(int64_t minused)
{
    int64_t size = 8;
    while (size < minused)
        size <<= 1;
    return size;
}

// First EMPTY or DUMMY slot on the probe sequence of [hash].
size_t find_empty_slot(DictTable* t, int64_t hash)
{
    size_t mask = static_cast<size_t>(t->size - 1);
    size_t perturb = static_cast<size_t>(hash);
    size_t i = perturb & mask;
    while (t->indices()[i] >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

// Index slot that holds entry [ix] (which must be live).
size_t find_slot_of(DictTable* t, int64_t hash, int32_t ix)
{
    size_t mask = static_cast<size_t>(t->size - 1);
    size_t perturb = static_cast<size_t>(hash);
    size_t i = perturb & mask;
    while (t->indices()[i] != ix) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

} // namespace

void trace_table(DictTable* t, gc::Tracer& tr)
{
    if (!t)
        return;
    // Each entry's key and value, in one pass over the entries; deleted entries have a null key
    // and value (DICT-1), which visit nothing.
    static_assert(sizeof(DictEntry) == 3 * sizeof(Value)
        && offsetof(DictEntry, value) == offsetof(DictEntry, key) + sizeof(Value));
    DictEntry* e = t->entries();
    tr.visit_span(&e->key, static_cast<size_t>(t->nentries), 3, 2);
}

namespace {

void dict_trace(Object* o, gc::Tracer& tr)
{
    auto* d = static_cast<DictObject*>(o);
    trace_table(d->m_table, tr);
    if (d->m_stripes)
        tr.visit(d->m_stripes);
}

size_t table_bytes(DictTable* t)
{
    return sizeof(DictTable) + static_cast<size_t>(t->size) * sizeof(int32_t)
        + static_cast<size_t>(t->capacity) * sizeof(DictEntry);
}

// A copy of [t] (a new serial, DICT-3), entries up to nentries.
DictTable* table_clone(DictTable* t)
{
    auto* c = static_cast<DictTable*>(malloc(table_bytes(t)));
    if (!c)
        raise_memory_error();
    gc::note_external_memory(static_cast<ptrdiff_t>(table_bytes(t)));
    memcpy(c, t, sizeof(DictTable) + static_cast<size_t>(t->size) * sizeof(int32_t)
            + static_cast<size_t>(t->nentries) * sizeof(DictEntry));
    c->serial = s_table_serial.fetch_add(1, std::memory_order_relaxed);
    return c;
}

} // namespace

void retire_table(DictTable* t)
{
    if (t)
        gc::retire(t, [](void* p) { free(p); }, 0); // counted by table_alloc() / table_clone()
}

namespace {

// DICT-6: [old] was [d]'s table until now.
void release_table(DictObject* d, DictTable* old)
{
    if (PY_UNLIKELY(d->m_undo.present())) {
        DictUndo* u = d->m_undo.get(d);
        if (u && old && u->table == old) {
            u->owned = true;
            d->m_undo.detach(u);
            return;
        }
    }
    retire_table(old);
}

DictUndo* undo_for_change_slow(DictObject* d)
{
    DictUndo* u = d->m_undo.get(d);
    // DICT-8: a small record holds the whole table already; changes need no logging.
    if (!u || u->small || !u->table || u->table != d->m_table)
        return nullptr;
    if (PY_UNLIKELY(u->entries.size() + u->slots.size() > static_cast<size_t>(std::max<int64_t>(64, u->table->size)))
        && !d->m_stripes) { // DICT-9: a copy would take other attempts' in-place values with it
        // A log longer than the table costs more than one copy: continue on a copy (DICT-6).
        d->m_table = table_clone(u->table);
        release_table(d, u->table);
        return nullptr;
    }
    return u;
}

// DICT-5: the record to log the coming in-place changes into, or null. After the write barrier,
// before reading m_table.
inline DictUndo* undo_for_change(DictObject* d)
{
    if (PY_LIKELY(!d->m_undo.present()))
        return nullptr;
    return undo_for_change_slow(d);
}

// Before entry [ix] of the saved table changes (DICT-5).
inline void note_entry(DictUndo* u, int64_t ix)
{
    if (ix >= u->nentries)
        return; // appended by the attempt: restore cuts nentries back
    if (ix < 64) {
        // Only the first change of an entry needs its old contents (restore replays the log
        // backwards, so the oldest record of an entry wins anyway).
        uint64_t bit = uint64_t(1) << ix;
        if (u->logged & bit)
            return;
        u->logged |= bit;
    }
    u->entries.emplace_back(ix, u->table->entries()[ix]);
}
inline void note_slot(DictUndo* u, size_t slot)
{
    if (u->small)
        return; // DICT-8: the record holds the whole index
    u->slots.emplace_back(static_cast<int64_t>(slot), u->table->indices()[slot]);
}

void dict_destroy(Object* o)
{
    auto* d = static_cast<DictObject*>(o);
    free(d->m_table);
    d->m_table = nullptr;
}

// Rebuilds [d]'s table with room for [minused] items, dropping deleted entries.
// DICT-14: how many entries make a striped dict's resize long enough to run inevitably. A
// copy of this many entries takes tens of microseconds, as long as a few ordinary attempts of
// the threads that it would make wait.
constexpr int64_t kInevitableResize = 8192;

void dict_resize(DictObject* d, int64_t minused)
{
    if (PY_UNLIKELY(d->m_stripes != nullptr) && d->m_table
        && d->m_table->nentries >= kInevitableResize && g_stm_active && stm::in_transaction()
        && !stm::is_inevitable() && !gc::in_collection())
        stm::become_inevitable(); // DICT-14 (may abort: the reads so far are validated)
    lock_all_stripes(d); // DICT-9: the entries move
    if (PY_UNLIKELY(d->m_stripes != nullptr) && !stm::is_read_mostly(d)
        && stripes_for(minused / 2) > d->m_stripes->m_size)
        set_stripes(d, stripes_for(minused / 2)); // DICT-10: per-key precision as the dict grows
    DictTable* old = d->m_table;
    DictTable* t = table_alloc(size_for(minused));
    if (old) {
        DictEntry* src = old->entries();
        DictEntry* dst = t->entries();
        int32_t* indices = t->indices();
        size_t mask = static_cast<size_t>(t->size - 1);
        // The slots are written at random places of a table bigger than the caches: fetching
        // the slot of an entry a few ahead overlaps those misses instead of taking them in turn.
        constexpr int64_t kAhead = 8;
        int64_t ahead = std::min(old->nentries, kAhead);
        for (int64_t i = 0; i < ahead; i++)
            __builtin_prefetch(&indices[static_cast<size_t>(src[i].hash) & mask], 1);
        int64_t n = 0;
        for (int64_t i = 0; i < old->nentries; i++) {
            if (i + kAhead < old->nentries)
                __builtin_prefetch(&indices[static_cast<size_t>(src[i + kAhead].hash) & mask], 1);
            if (!src[i].key)
                continue;
            dst[n] = src[i];
            t->indices()[find_empty_slot(t, src[i].hash)] = static_cast<int32_t>(n);
            n++;
        }
        t->nentries = n;
        t->used = n;
        t->fill = n;
    }
    std::atomic_ref<DictTable*>(d->m_table).store(t, std::memory_order_release); // DICT-10's probe
    d->m_version = next_version(d);
    release_table(d, old);
}

// Entry number of [key] in [d], or -1. May run __eq__; restarts if that mutates the dict.
// On return the dict's current table is the one the result refers to.
int64_t lookup(DictObject* d, Value key, int64_t hash)
{
restart:
    read_barrier(d);
    DictTable* t = d->m_table;
    if (!t)
        return -1;
    size_t mask = static_cast<size_t>(t->size - 1);
    size_t perturb = static_cast<size_t>(hash);
    size_t i = perturb & mask;
    for (;;) {
        int32_t ix = t->indices()[i];
        if (ix == IX_EMPTY)
            return -1;
        if (ix >= 0) {
            DictEntry* e = &t->entries()[ix];
            Value sk = e->key;
            if (sk == key)
                return ix;
            if (e->hash == hash) {
                if (is_exact_str(sk) && is_exact_str(key)) {
                    if (str_eq(sk.as<StrObject>(), key.as<StrObject>()))
                        return ix;
                } else if (!(sk.is_small_int() && key.is_small_int())) {
                    uint64_t serial = t->serial;
                    bool eq = py_eq(sk, key);
                    read_barrier(d);
                    DictTable* now = d->m_table;
                    if (now != t || now->serial != serial || t->entries()[ix].key != sk)
                        goto restart;
                    if (eq)
                        return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

void insert_absent(DictObject* d, Value key, int64_t hash, Value value);

// DICT-9: d[key] = value for the existing entry [ix] of a striped dict, after lookup(): locks
// only the key's stripe, so writers of other keys' values run in parallel.
void set_value_striped(DictObject* d, int64_t ix, int64_t hash, Value value)
{
    DictStripe* st = stripe_of(d, hash);
    if (g_stm_active && stm::write_fast(d))
        lock_barrier(st); // DICT-13: the dict's record keeps the old value
    else
        write_barrier(st);
    read_validate_barrier(d); // STM-5: the structure lookup() saw is still the current one
    DictTable* t = d->m_table;
    if (StripeUndo* u = st->m_undo.present() ? st->m_undo.get(st) : nullptr) {
        u->log.push_back({ t, ix, t->entries()[ix].value });
    } else if (g_stm_active && stm::write_fast(d)) {
        // The attempt gave [d] its stripes: they are its private objects, which have no undo
        // records, and it holds the dict's lock, so the dict's own record keeps the old value.
        if (DictUndo* du = undo_for_change(d))
            note_entry(du, ix);
    }
    t->entries()[ix].value = value;
}

// --- per-key reads and deferred insertions (DICT-10) ---------------------------------------

enum class KeyState { Fallback, Absent, Present, Pending };
struct KeyRead {
    KeyState state = KeyState::Fallback;
    DictStripe* stripe = nullptr;
    DictTable* table = nullptr; // Present: the table probed
    uint64_t serial = 0; // Present: its serial
    int64_t ix = -1; // Present: the entry in [table]
    Value value; // Present or Pending: the value
    Value* pending = nullptr; // Pending: the queued value, which the attempt may overwrite
};

// DICT-12: the thread's last key read, which a read of the same key by the same attempt reuses
// while nothing it depends on has changed: `d[k] = d.get(k, 0) + 1` reads the key twice. The
// probe's result stands as long as the dict's and the stripe's STM words are the ones the read
// saw (every change of the key's presence or value, of the table, or of the stripes locks one
// of them, and an attempt that locks and then rolls back puts back what it changed with the
// word), the attempt is the same (its lock word is unique), its queue of changes did not move
// (its own queued changes are in no word), and no collection ran (the memo's addresses are
// not traced: a collection may free them and another key may take the key's address).
struct KeyMemo {
    DictObject* dict = nullptr;
    Value key;
    uint64_t own_word = 0;
    uint64_t dict_word = 0;
    uint64_t stripe_word = 0;
    size_t queued = 0;
    size_t collections = 0;
    KeyRead read;
};
constinit thread_local KeyMemo t_key_memo;

inline bool key_memo_holds(KeyMemo const& m, DictObject* d, Value key)
{
    return m.dict == d && m.key == key && m.own_word == stm::t_own_word
        && m.queued == t_queued_inserts && m.collections == gc::collection_count()
        && d->m_stm.load(std::memory_order_acquire) == m.dict_word
        && m.read.stripe->m_stm.load(std::memory_order_acquire) == m.stripe_word;
}

// DICT-10: the state of one simple [key] of a striped dict, read without the dict's read barrier:
// the key's stripe goes into the read set instead, so commits that insert or delete other keys do
// not invalidate this attempt. Every change of the key's presence or value locks the key's
// stripe before it touches the table, so the probe's result is the key's state in this
// attempt's snapshot once the stripe validates afterwards, even while another attempt changes
// the table for other keys: the probe only has to be memory-safe then. It is: a new entry is
// complete before its index slot is published, a replaced table stays allocated until the next
// collection (GC-9; a table an aborted attempt allocated too, DICT-6), deleted entries read as
// null keys, and only simple keys are compared (no Python code runs). Returns Fallback (use the
// dict's own barriers) when the attempt is not an ordinary running one, when the key is not
// simple, when this attempt holds the dict (its own barriers are free then), and for read-mostly
// dicts (TYPE-4, STM-7).
KeyRead key_read(DictObject* d, Value key, int64_t hash)
{
    KeyRead r;
    if (!g_stm_active || !stm::t_filter || !simple_key(key))
        return r;
    if (key_memo_holds(t_key_memo, d, key))
        return t_key_memo.read; // DICT-12
    if (DictTable* t = std::atomic_ref<DictTable*>(d->m_table).load(std::memory_order_acquire)) {
        int32_t* first
            = &t->indices()[static_cast<size_t>(hash) & static_cast<size_t>(t->size - 1)];
        prefetch_key_read(d->m_stripes, hash, first, [&]() -> void const* {
            int32_t ix = std::atomic_ref<int32_t>(*first).load(std::memory_order_relaxed);
            return ix >= 0 && ix < t->capacity ? &t->entries()[ix] : nullptr;
        });
    }
    for (int tries = 0; tries < 8; tries++) {
        uint64_t w = d->m_stm.load(std::memory_order_acquire);
        // Locked by this attempt: its own barriers are free. Locked by another: its structural
        // change does not concern this key, whose stripe it would have locked (DICT-10).
        if ((w & ~stm::kReadMostly) == stm::t_own_word || (w & stm::kReadMostly))
            return r;
        Object* so = nullptr;
        StripeRead sr = read_stripe(d->m_stripes, hash, &so);
        if (sr == StripeRead::None)
            return r;
        if (sr == StripeRead::Retry)
            continue;
        DictStripe* st = static_cast<DictStripe*>(so);
        r.stripe = st;
        if (maybe_pending(d, hash)) {
            if (Value* p = g_pending_lookup(d, key, hash)) {
                if (is_deleted_marker(*p)) {
                    r.state = KeyState::Absent; // DICT-11: deleted by this attempt
                    return r;
                }
                r.state = KeyState::Pending;
                r.pending = p;
                r.value = *p;
                return r;
            }
        }
        DictTable* t = std::atomic_ref<DictTable*>(d->m_table).load(std::memory_order_acquire);
        KeyState state = KeyState::Absent;
        int64_t found = -1;
        Value value;
        if (t) {
            size_t mask = static_cast<size_t>(t->size - 1);
            int64_t capacity = t->capacity;
            size_t perturb = static_cast<size_t>(hash);
            size_t i = perturb & mask;
            size_t limit = probe_limit(static_cast<size_t>(t->size));
            for (size_t n = 0;; n++) {
                if (n == limit) {
                    state = KeyState::Fallback; // a torn table: retry
                    break;
                }
                int32_t ix = std::atomic_ref<int32_t>(t->indices()[i]).load(std::memory_order_acquire);
                if (ix == IX_EMPTY)
                    break;
                if (ix >= capacity) {
                    state = KeyState::Fallback; // cannot happen (slots of a table index it): retry
                    break;
                }
                if (ix >= 0) {
                    DictEntry* e = &t->entries()[ix];
                    Value sk = e->key;
                    if (sk && e->hash == hash) {
                        int eq = simple_key_eq(sk, key);
                        if (eq < 0)
                            return KeyRead {}; // needs __eq__: the dict's own protocol
                        if (eq) {
                            state = KeyState::Present;
                            found = ix;
                            value = e->value;
                            break;
                        }
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = (i * 5 + perturb + 1) & mask;
            }
        }
        if (state == KeyState::Fallback)
            continue;
        read_validate_barrier(st);
        r.state = state;
        r.table = t;
        r.serial = t ? t->serial : 0;
        r.ix = found;
        r.value = value;
        uint64_t sw = st->m_stm.load(std::memory_order_acquire);
        if (!(sw & stm::kOwned)) // DICT-12: a stripe locked since the validation is not memoized
            t_key_memo = KeyMemo { d, key, stm::t_own_word, w, sw, t_queued_inserts,
                gc::collection_count(), r };
        return r;
    }
    return KeyRead {};
}

// DICT-10: d[key] = value through the key's stripe, after key_read() found it Present or Absent.
// Returns false when the caller must take the dict's own path.
bool set_keyed(DictObject* d, Value key, int64_t hash, Value value, KeyRead const& r)
{
    // An insertion locks the stripe only when it is applied (at the commit, for a queued one):
    // the stripe is in the read set, so a commit that changed the key's presence meanwhile
    // makes that lock fail validation. Holding the lock from here on would make every attempt
    // that reads or inserts another key of the stripe conflict with this one until it ends.
    if (r.state == KeyState::Absent)
        return g_queue_keyed_change && g_queue_keyed_change(d, key, hash, value);
    write_barrier(r.stripe);
    // Present: with the stripe locked no other attempt can move the entry (moves lock every
    // stripe), and a commit that deleted the key since the probe would have made the lock fail
    // validation; but the table may have been replaced (by a resize, which allocates a new one)
    // between the probe and the lock: then find the entry again.
    DictTable* t = r.table;
    int64_t ix = r.ix;
    // The serial tells a new table apart from a freed one at the same address (DICT-3): the
    // barrier may have waited through a collection, which frees retired tables.
    DictTable* now_table = std::atomic_ref<DictTable*>(d->m_table).load(std::memory_order_acquire);
    if (now_table != t || t->serial != r.serial) {
        KeyRead now = key_read(d, key, hash);
        if (now.state != KeyState::Present)
            return false;
        t = now.table;
        ix = now.ix;
    }
    if (StripeUndo* u = r.stripe->m_undo.present() ? r.stripe->m_undo.get(r.stripe) : nullptr)
        u->log.push_back({ t, ix, t->entries()[ix].value });
    t->entries()[ix].value = value;
    return true;
}

void insert_whole(DictObject* d, Value key, int64_t hash, Value value);

void insert_known_hash(DictObject* d, Value key, int64_t hash, Value value)
{
    if (PY_UNLIKELY(d->m_stripes != nullptr)) {
        KeyRead r = key_read(d, key, hash);
        if (r.state == KeyState::Pending) {
            *r.pending = value;
            return;
        }
        if (r.state != KeyState::Fallback && set_keyed(d, key, hash, value, r))
            return;
    }
    insert_whole(d, key, hash, value);
}

// d[key] = value through the dict's own barriers (and the key's stripe, DICT-9).
void insert_whole(DictObject* d, Value key, int64_t hash, Value value)
{
    int64_t ix = lookup(d, key, hash);
    if (ix < 0) {
        insert_absent(d, key, hash, value);
        return;
    }
    if (PY_UNLIKELY(d->m_stripes != nullptr) && !stm::is_read_mostly(d)) {
        set_value_striped(d, ix, hash, value);
        return;
    }
    write_barrier(d);
    maybe_give_stripes(d);
    if (PY_UNLIKELY(d->m_stripes != nullptr))
        // A read-mostly dict: the epoch must see the change. No record (DICT-13).
        lock_barrier(stripe_of(d, hash));
    DictUndo* u = undo_for_change(d);
    DictTable* t = d->m_table;
    if (PY_UNLIKELY(u))
        note_entry(u, ix);
    t->entries()[ix].value = value;
    d->m_version = next_version(d);
    note_mutation(d);
}

// Inserts [key], which the caller's lookup just found absent (nothing ran since).
void insert_absent(DictObject* d, Value key, int64_t hash, Value value)
{
    write_barrier(d);
    maybe_give_stripes(d);
    DictUndo* u = undo_for_change(d);
    DictTable* t = d->m_table;
    if (!t || t->nentries >= t->capacity || t->fill >= t->capacity) {
        dict_resize(d, t ? t->used * 3 : 8);
        t = d->m_table;
        u = nullptr; // a new table (DICT-6)
    }
    // DICT-10: the key's presence belongs to its stripe, locked without a record (DICT-13).
    if (PY_UNLIKELY(d->m_stripes != nullptr))
        lock_barrier(stripe_of(d, hash));
    size_t slot = find_empty_slot(t, hash);
    int64_t n = t->nentries++;
    if (PY_UNLIKELY(u)) {
        note_entry(u, n);
        note_slot(u, slot);
    }
    t->entries()[n] = DictEntry { hash, key, value };
    if (t->indices()[slot] == IX_EMPTY)
        t->fill++;
    // DICT-10: the entry is complete before a concurrent probe can reach it through the slot.
    std::atomic_ref<int32_t>(t->indices()[slot]).store(static_cast<int32_t>(n), std::memory_order_release);
    t->used++;
    d->m_version = next_version(d);
    note_mutation(d);
}

// Removes live entry [ix] of the current table.
Value delete_entry(DictObject* d, int64_t ix)
{
    write_barrier(d);
    if (PY_UNLIKELY(d->m_stripes != nullptr))
        // DICT-9: the value goes too. No record (DICT-13).
        lock_barrier(stripe_of(d, d->m_table->entries()[ix].hash));
    DictUndo* u = undo_for_change(d);
    DictTable* t = d->m_table;
    DictEntry* e = &t->entries()[ix];
    size_t slot = find_slot_of(t, e->hash, static_cast<int32_t>(ix));
    if (PY_UNLIKELY(u)) {
        note_slot(u, slot);
        note_entry(u, ix);
    }
    t->indices()[slot] = IX_DUMMY;
    Value v = e->value;
    e->key = Value();
    e->value = Value();
    t->used--;
    d->m_version = next_version(d);
    note_mutation(d);
    return v;
}

DictObject* as_dict(Value v) { return v.as<DictObject>(); }
void merge_from_seq2(DictObject* d, Value seq);

// d[key] for dicts: __missing__ on subclasses, else KeyError.
Value dict_subscript(DictObject* d, Value key)
{
    Value v = dict_get(d, key);
    if (v)
        return v;
    if (d->m_type != &dict_type) {
        Value r = call_special_opt(d, SP_missing, &key, 1);
        if (r)
            return r;
    }
    raise_key_error(key);
}

// True if [v] is a dict whose iteration is dict's own (CPython's fast-path test in dict_merge).
bool is_plain_dict(Value v)
{
    if (!is_dict(v))
        return false;
    Type* t = v.as_object()->m_type;
    return t == &dict_type || t->special(SP_iter) == dict_type.special(SP_iter);
}

void merge_from_seq2(DictObject* d, Value seq)
{
    Value it = py_iter(seq);
    int64_t i = 0;
    for (Value item; (item = iter_next_fast(it)); i++) {
        gc::RootedValues pair;
        if (is_tuple(item)) {
            TupleObject* t = item.as<TupleObject>();
            pair.assign(t->items(), t->items() + t->m_size);
        } else if (is_list(item)) {
            list_snapshot(item.as<ListObject>(), pair);
        } else {
            Value sub;
            try {
                sub = py_iter(item);
            } catch (PyError&) {
                if (!exception_matches(&exc::TypeError))
                    throw;
                take_exception();
                raise(&exc::TypeError, "cannot convert dictionary update sequence element #%lld to a sequence",
                    static_cast<long long>(i));
            }
            for (Value x; (x = iter_next_fast(sub));)
                pair.push_back(x);
        }
        if (pair.size() != 2)
            raise(&exc::ValueError, "dictionary update sequence element #%lld has length %zu; 2 is required",
                static_cast<long long>(i), pair.size());
        dict_set(d, pair[0], pair[1]);
    }
}

// dict.update(other) / dict(other) for one positional argument.
void update_arg(DictObject* d, Value other)
{
    dict_update(d, other);
}

void update_kwargs(DictObject* d, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (!kwnames)
        return;
    for (int64_t i = 0; i < kwnames->m_size; i++)
        dict_set(d, kwnames->item(i), args[nargs + static_cast<size_t>(i)]);
}

std::string dict_repr_text(DictObject* d)
{
    if (dict_size(d) == 0)
        return "{}";
    ReprGuard guard(d);
    if (!guard.active())
        return "{...}";
    RecursionGuard rg(" while getting the repr of an object");
    std::string out = "{";
    int64_t pos = 0;
    Value k, v;
    bool first = true;
    while (dict_next(d, &pos, &k, &v)) {
        if (!first)
            out += ", ";
        first = false;
        out += str_utf8(py_repr(k));
        out += ": ";
        out += str_utf8(py_repr(v));
    }
    out += "}";
    return out;
}

bool dict_equal(DictObject* a, DictObject* b)
{
    if (a == b)
        return true;
    if (dict_size(a) != dict_size(b))
        return false;
    int64_t pos = 0;
    Value k, v;
    while (dict_next(a, &pos, &k, &v)) {
        Value bv = dict_get(b, k);
        if (!bv)
            return false;
        if (!py_eq(v, bv))
            return false;
    }
    return true;
}

// --- methods ------------------------------------------------------------------------------------

Value d_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "dict.__new__(X): X is not a type object");
    Type* cls = args[0].as<Type>();
    if (!cls->is_subtype(&dict_type))
        raise(&exc::TypeError, "dict.__new__(%s): %s is not a subtype of dict", cls->name_str().c_str(),
            cls->name_str().c_str());
    return gc::make<DictObject>(cls);
}

Value d_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs > 1)
        raise(&exc::TypeError, "dict expected at most 1 argument, got %zu", nargs);
    DictObject* d = as_dict(self);
    if (nargs == 1)
        update_arg(d, args[0]);
    update_kwargs(d, args, nargs, kwnames);
    return none();
}

Value d_update(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs > 1)
        raise(&exc::TypeError, "update expected at most 1 argument, got %zu", nargs);
    DictObject* d = as_dict(self);
    if (nargs == 1)
        update_arg(d, args[0]);
    update_kwargs(d, args, nargs, kwnames);
    return none();
}

Value d_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    return str_from_utf8(dict_repr_text(as_dict(self)));
}

Value d_len(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__len__", nargs, kw, 0, 0);
    return Value::small_int(dict_size(as_dict(self)));
}

Value d_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getitem__", nargs, kw, 1, 1);
    return dict_subscript(as_dict(self), args[0]);
}

Value d_setitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setitem__", nargs, kw, 2, 2);
    dict_set(as_dict(self), args[0], args[1]);
    return none();
}

Value d_delitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__delitem__", nargs, kw, 1, 1);
    if (!dict_pop(as_dict(self), args[0]))
        raise_key_error(args[0]);
    return none();
}

Value d_contains(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__contains__", nargs, kw, 1, 1);
    return py_bool(bool(dict_get(as_dict(self), args[0])));
}

Value d_get(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("get", nargs, kw, 1, 2);
    Value v = dict_get(as_dict(self), args[0]);
    if (v)
        return v;
    return nargs == 2 ? args[1] : none();
}

Value d_setdefault(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("setdefault", nargs, kw, 1, 2);
    DictObject* d = as_dict(self);
    int64_t hash = container_hash(args[0]);
    Value dflt = nargs == 2 ? args[1] : none();
    if (PY_UNLIKELY(d->m_stripes != nullptr)) {
        KeyRead r = key_read(d, args[0], hash); // DICT-10
        if (r.state == KeyState::Present || r.state == KeyState::Pending)
            return r.value;
        if (r.state == KeyState::Absent && set_keyed(d, args[0], hash, dflt, r))
            return dflt;
    }
    int64_t ix = lookup(d, args[0], hash);
    if (ix >= 0) {
        read_barrier(d);
        DictStripe* st = value_read_begin(d, hash);
        if (st)
            read_validate_barrier(d); // the stripe's barrier may have waited
        Value v = d->m_table->entries()[ix].value;
        value_read_end(st);
        return v;
    }
    // One lookup, as CPython: __hash__ and __eq__ run once (the lookup ran no code since).
    insert_absent(d, args[0], hash, dflt);
    return dflt;
}

Value d_pop(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("pop", nargs, kw, 1, 2);
    Value v = dict_pop(as_dict(self), args[0]);
    if (v)
        return v;
    if (nargs == 2)
        return args[1];
    raise_key_error(args[0]);
}

Value d_popitem(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("popitem", nargs, kw, 0, 0);
    DictObject* d = as_dict(self);
    write_barrier(d);
    lock_all_stripes(d); // DICT-9: a popped position is reused
    undo_for_change(d); // DICT-5: a copy, if any, is made before [t] is read
    DictTable* t = d->m_table;
    if (!t || t->used == 0)
        raise(&exc::KeyError, "popitem(): dictionary is empty");
    int64_t i = t->nentries - 1;
    while (!t->entries()[i].key)
        i--;
    Value k = t->entries()[i].key;
    Value v = delete_entry(d, i);
    // The popped entry was the last live one: its position can be reused (CPython does the same;
    // its index slot stays DUMMY, which fill counts, DICT-7). The saved header is restored whole
    // (DICT-5).
    d->m_table->nentries = i;
    return tuple_of({ k, v });
}

Value d_keys(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("keys", nargs, kw, 0, 0);
    return dict_view_new(as_dict(self), 0);
}

Value d_values(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("values", nargs, kw, 0, 0);
    return dict_view_new(as_dict(self), 1);
}

Value d_items(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("items", nargs, kw, 0, 0);
    return dict_view_new(as_dict(self), 2);
}

Value d_iter(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__iter__", nargs, kw, 0, 0);
    return dict_iter_new(as_dict(self), 0, false);
}

Value d_reversed(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reversed__", nargs, kw, 0, 0);
    return dict_iter_new(as_dict(self), 0, true);
}

Value d_clear(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("clear", nargs, kw, 0, 0);
    dict_clear(as_dict(self));
    return none();
}

Value d_copy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("copy", nargs, kw, 0, 0);
    return dict_copy(as_dict(self));
}

Value d_fromkeys(Value cls, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("fromkeys", nargs, kw, 1, 2);
    Value value = nargs == 2 ? args[1] : none();
    Value d = py_call0(cls);
    bool exact = d.is_object() && d.as_object()->m_type == &dict_type;
    Value iterable = args[0];
    Type* itype = iterable.is_object() ? iterable.as_object()->m_type : nullptr;
    if (exact && (itype == &dict_type || itype == &set_type || itype == &frozenset_type)) {
        // As CPython: the keys of an exact dict, set or frozenset keep their stored hashes.
        int64_t pos = 0, hash;
        Value k, v;
        if (itype == &dict_type) {
            while (dict_next_hashed(iterable.as<DictObject>(), &pos, &k, &v, &hash))
                insert_known_hash(as_dict(d), k, hash, value);
        } else {
            while (set_next_hashed(iterable.as<SetObject>(), &pos, &k, &hash))
                insert_known_hash(as_dict(d), k, hash, value);
        }
        return d;
    }
    Value it = py_iter(iterable);
    for (Value k; (k = iter_next_fast(it));) {
        if (exact)
            dict_set(as_dict(d), k, value);
        else
            py_setitem(d, k, value);
    }
    return d;
}

Value d_eq(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__eq__", nargs, kw, 1, 1);
    if (!is_dict(args[0]))
        return Value(g_not_implemented);
    return py_bool(dict_equal(as_dict(self), as_dict(args[0])));
}

Value d_ne(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__ne__", nargs, kw, 1, 1);
    if (!is_dict(args[0]))
        return Value(g_not_implemented);
    return py_bool(!dict_equal(as_dict(self), as_dict(args[0])));
}

Value d_or(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__or__", nargs, kw, 1, 1);
    if (!is_dict(args[0]))
        return Value(g_not_implemented);
    DictObject* r = dict_copy(as_dict(self));
    dict_update(r, args[0]);
    return r;
}

Value d_ror(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__ror__", nargs, kw, 1, 1);
    if (!is_dict(args[0]))
        return Value(g_not_implemented);
    DictObject* r = dict_copy(as_dict(args[0]));
    dict_update(r, self);
    return r;
}

Value d_ior(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__ior__", nargs, kw, 1, 1);
    update_arg(as_dict(self), args[0]);
    return self;
}

Value d_class_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__class_getitem__", nargs, kw, 1, 1);
    return generic_alias_new(self, args[0]);
}

const MethodDef dict_methods[] = {
    { "__new__", d_new, METH_STATIC },
    { "__init__", d_init },
    { "__repr__", d_repr },
    { "__len__", d_len },
    { "__getitem__", d_getitem },
    { "__setitem__", d_setitem },
    { "__delitem__", d_delitem },
    { "__contains__", d_contains },
    { "__iter__", d_iter },
    { "__reversed__", d_reversed },
    { "__eq__", d_eq },
    { "__ne__", d_ne },
    { "__or__", d_or },
    { "__ror__", d_ror },
    { "__ior__", d_ior },
    { "__class_getitem__", d_class_getitem, METH_CLASS },
    { "get", d_get },
    { "setdefault", d_setdefault },
    { "pop", d_pop },
    { "popitem", d_popitem },
    { "keys", d_keys },
    { "values", d_values },
    { "items", d_items },
    { "update", d_update },
    { "clear", d_clear },
    { "copy", d_copy },
    { "fromkeys", d_fromkeys, METH_CLASS },
    { nullptr, nullptr },
};

} // namespace

Value* (*g_pending_lookup)(Object* container, Value key, int64_t hash) = nullptr;
constinit thread_local size_t t_queued_inserts = 0;
constinit thread_local uint64_t t_pending_filter[kPendingFilterBits / 64] = {};
bool (*g_queue_keyed_change)(Object* container, Value key, int64_t hash, Value value) = nullptr;

void dict_apply_insert(DictObject* d, Value key, int64_t hash, Value value)
{
    write_barrier(d);
    if (is_deleted_marker(value)) { // DICT-11
        int64_t ix = lookup(d, key, hash);
        if (ix >= 0)
            delete_entry(d, ix);
        return;
    }
    if (PY_LIKELY(d->m_stripes != nullptr) && !stm::is_read_mostly(d)) {
        lock_barrier(stripe_of(d, hash)); // DICT-15: the key is absent once this returns
        insert_absent(d, key, hash, value);
        return;
    }
    insert_whole(d, key, hash, value); // the attempt owns [d]: key_read() would fall back
}

namespace {
Object s_deleted_marker(&object_type);
}
Object* const g_deleted_marker = &s_deleted_marker;

DictObject* dict_new()
{
    return gc::make<DictObject>(&dict_type);
}

int64_t dict_size(DictObject* d)
{
    read_barrier(d);
    return d->m_table ? d->m_table->used : 0;
}

Value dict_get(DictObject* d, Value key)
{
    return dict_get_known_hash(d, key, container_hash(key));
}

Value dict_get_known_hash(DictObject* d, Value key, int64_t hash)
{
    if (PY_UNLIKELY(d->m_stripes != nullptr)) {
        KeyRead r = key_read(d, key, hash); // DICT-10
        if (r.state != KeyState::Fallback)
            return r.value;
    }
    int64_t ix = lookup(d, key, hash);
    if (ix < 0)
        return Value();
    read_barrier(d);
    DictStripe* st = value_read_begin(d, hash);
    if (st)
        read_validate_barrier(d); // the stripe's barrier may have waited
    Value v = d->m_table->entries()[ix].value;
    value_read_end(st);
    read_validate_barrier(d); // STM-5
    return v;
}

Value dict_get_str(DictObject* d, StrObject* key)
{
    uint32_t cached = key->m_hash; // str_hash()'s cache, read inline on this hot path
    int64_t hash = PY_LIKELY(cached != 0) ? static_cast<int64_t>(cached) : str_hash(key);
    read_barrier(d);
    if (PY_UNLIKELY(d->m_stripes != nullptr))
        return dict_get(d, key); // DICT-9: the stripe's barriers
    DictTable* t = d->m_table;
    if (!t)
        return Value();
    size_t mask = static_cast<size_t>(t->size - 1);
    size_t perturb = static_cast<size_t>(hash);
    size_t i = perturb & mask;
    for (;;) {
        int32_t ix = t->indices()[i];
        if (ix == IX_EMPTY)
            return Value();
        if (ix >= 0) {
            DictEntry* e = &t->entries()[ix];
            if (e->key == Value(key))
                return e->value;
            if (e->hash == hash) {
                if (!is_exact_str(e->key))
                    return dict_get(d, key); // a non-str key equal to a str: full protocol
                if (str_eq(e->key.as<StrObject>(), key))
                    return e->value;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

Value dict_get_cstr(DictObject* d, char const* key)
{
    return dict_get_str(d, intern(key));
}

void dict_set(DictObject* d, Value key, Value value)
{
    insert_known_hash(d, key, container_hash(key), value);
}

void dict_set_str(DictObject* d, StrObject* key, Value value)
{
    uint32_t cached = key->m_hash;
    insert_known_hash(d, key, PY_LIKELY(cached != 0) ? static_cast<int64_t>(cached) : str_hash(key), value);
}

void dict_set_cstr(DictObject* d, char const* key, Value value)
{
    dict_set_str(d, intern(key), value);
}

Value dict_pop(DictObject* d, Value key)
{
    int64_t hash = container_hash(key);
    if (PY_UNLIKELY(d->m_stripes != nullptr)) {
        KeyRead r = key_read(d, key, hash); // DICT-11
        if (r.state == KeyState::Absent)
            return Value();
        if (r.state == KeyState::Pending) {
            *r.pending = Value(g_deleted_marker); // an insertion of this attempt, undone
            return r.value;
        }
        if (r.state == KeyState::Present && g_queue_keyed_change
            && g_queue_keyed_change(d, key, hash, Value(g_deleted_marker)))
            return r.value;
    }
    int64_t ix = lookup(d, key, hash);
    if (ix < 0)
        return Value();
    return delete_entry(d, ix);
}

void dict_clear(DictObject* d)
{
    write_barrier(d);
    lock_all_stripes(d); // DICT-9
    DictTable* t = d->m_table;
    d->m_table = nullptr;
    d->m_version = next_version(d);
    note_mutation(d);
    release_table(d, t);
}

DictObject* dict_copy(DictObject* d)
{
    DictObject* r = dict_new();
    read_barrier(d);
    read_all_stripes(d); // DICT-9: every value is copied
    DictTable* t = d->m_table;
    if (!t || t->used == 0)
        return r;
    if (t->used == t->nentries) {
        // No deleted entries: clone the table as is.
        r->m_table = table_clone(t);
        validate_all_stripes(d);
        read_validate_barrier(d);
        return r;
    }
    // Another attempt may append to [t] in place meanwhile (DICT-10): the copy is then torn and
    // the validation below aborts this attempt (STM-5), but until then it must stay inside the
    // new table, which has room for the entries counted here (STM-1: no interleaving may crash
    // or hang C++ code).
    int64_t used = t->used;
    int64_t nentries = t->nentries;
    dict_resize(r, used * 3 / 2 + 1);
    DictTable* nt = r->m_table;
    for (int64_t i = 0; i < nentries && nt->used < used; i++) {
        DictEntry e = t->entries()[i];
        if (!e.key)
            continue;
        size_t slot = find_empty_slot(nt, e.hash);
        nt->entries()[nt->nentries] = e;
        nt->indices()[slot] = static_cast<int32_t>(nt->nentries++);
        nt->used++;
        nt->fill++;
    }
    validate_all_stripes(d);
    read_validate_barrier(d);
    return r;
}

void dict_update(DictObject* d, Value other)
{
    if (is_plain_dict(other)) {
        DictObject* o = as_dict(other);
        if (o == d)
            return;
        int64_t n = dict_size(o);
        int64_t pos = 0;
        Value k, v;
        while (dict_next(o, &pos, &k, &v)) {
            read_barrier(o);
            insert_known_hash(d, k, o->m_table->entries()[pos - 1].hash, v);
            if (dict_size(o) != n)
                raise(&exc::RuntimeError, "dict mutated during update");
        }
        return;
    }
    Value keys_method = py_getattr_opt(other, names::keys);
    if (!keys_method) {
        merge_from_seq2(d, other);
        return;
    }
    // A mapping: for k in other.keys(): d[k] = other[k]
    Value keys = py_call0(keys_method);
    Value it = py_iter(keys);
    for (Value k; (k = iter_next_fast(it));)
        dict_set(d, k, py_getitem(other, k));
}

void setup_dict_types()
{
    init_static_type(&dict_type, "dict", nullptr, sizeof(DictObject), TF_BASETYPE | TF_DICT_SUBCLASS, dict_trace,
        dict_destroy);
    gc::register_parallel_destroy(dict_destroy); // frees only the object's own storage (GC-12)
    gc::register_permanent(g_deleted_marker); // DICT-11
    init_static_type(&dict_stripe_type, "dict_stripe", nullptr, sizeof(DictStripe), 0,
        [](Object* o, gc::Tracer& tr) { tr.visit(static_cast<DictStripe*>(o)->m_dict); });
    setup_dict_view_types();
}

void init_dict_types()
{
    add_methods(&dict_type, dict_methods);
    add_type_attr(&dict_type, "__hash__", none());
    init_dict_view_types();
}

Type dict_stripe_type { &type_type };
bool g_dict_stripes_always = false;

void dict_note_conflict(Object* o)
{
    if (o && o->m_type && o->m_type->has_flag(TF_DICT_SUBCLASS))
        static_cast<DictObject*>(o)->m_contended.store(true, std::memory_order_relaxed);
}

} // namespace pystm
