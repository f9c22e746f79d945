// set and frozenset: an open-addressing hash table that reproduces CPython 3.11's probing
// (LINEAR_PROBES = 9 consecutive slots, then perturbed jumps), fill and resize thresholds and its
// algorithms for the set operations, so that iteration orders match CPython for the same history
// of insertions and deletions. The STM undo records live in set_undo.cpp, the layout they share
// in set_internal.h.
//
// Table entries: active (key non-null), unused (key null, hash 0) or dummy (key null, hash -1;
// -1 is never a real hash). A set with no table behaves as an empty 8-slot table.
// Invariants:
//   SET-1 fill = active + dummy entries, used = active entries; fill*5 < mask*3 after an insert
//         (otherwise the table is resized).
//   SET-2 lookups that call __eq__ revalidate the table afterwards (serial numbers, as dict's
//         DICT-3) and restart if it changed, so freed memory is never read.
//   SET-3 frozensets are immutable once returned to Python (OBJ-1): only their constructors
//         insert into them.
//   SET-4 (UNDO-4) while an undo record is attached, every in-place change of an entry of the
//         table that was current at save is logged first (index and old entry); the header (fill,
//         used, finger) is saved once. A mutation asks for the record (undo_for_change) after its
//         write barrier and before it reads m_table, since a log that outgrows the table is
//         replaced there by one copy of the table. Bulk fills of the table copy it first.
//   SET-5 a table that the set replaces (resize, clear, that copy, the body swap of &=) is freed
//         unless it is the saved table of the attached record: the record takes it (still
//         readable by concurrent readers until the transaction ends), detaches, and restore() puts
//         it back with the log replayed in reverse; tables allocated by the attempt are freed by
//         restore().
//   SET-6 per-key presence, as a dict's (DICT-9, DICT-10). A set that transactions contended for
//         gets stripes (m_stripes, objects/stripes.h): the stripe of a key's hash stands for
//         whether the key is in the set. Every change of a key's presence locks its stripe
//         (add, discard, pop); a change that moves or drops many (resize, clear, the bulk
//         operations) locks every stripe. So a lookup of a simple key (exact str or small int)
//         reads only its stripe and probes the table in place (set_key_read), and an add() of an
//         absent key by an attempt that does not own the set is queued until the attempt touches
//         the set as a whole or commits, and locks the stripe only then. Frozensets never have
//         stripes.
//   SET-7 per-key removals, as a dict's deletions (DICT-11): remove() or discard() of a simple
//         key that is there is queued the same way, with g_deleted_marker; the attempt's own
//         key reads find it and read the key as absent.
#include "objects/set_object.h"
#include "objects/set_internal.h"
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/richcompare.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/stripes.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/type_internal.h"
#include "objects/undo.h"
#include "objects/access.h"
#include <algorithm>
#include <atomic>
#include <cstring>
#include <vector>

namespace pystm {

Type set_type { &type_type };
Type frozenset_type { &type_type };
static Type set_iterator_type { &type_type };

Type set_stripe_type { &type_type };

// A stripe: plain data (its owner, for tracing), so the generic undo covers it.
struct SetStripe : Object {
    SetObject* m_set;
    SetStripe(Type* t, SetObject* s) : Object(t), m_set(s) { }
};

void trace_set_table(SetTable* t, gc::Tracer& tr)
{
    if (!t)
        return;
    SetEntry* e = t->entries();
    for (int64_t i = 0; i <= t->mask; i++)
        if (e[i].key)
            tr.visit(e[i].key);
}

void retire_table(SetTable* t)
{
    if (t)
        gc::retire(t, [](void* p) { free(p); }, 0); // counted by table_alloc() / undo_copy_table()
}

namespace {

constexpr int64_t MINSIZE = 8;
constexpr size_t LINEAR_PROBES = 9;
constexpr int PERTURB_SHIFT = 5;
std::atomic<uint64_t> s_set_serial { 1 };

struct SetIterObject : Object {
    SetObject* m_set; // null once exhausted
    int64_t m_pos = 0;
    int64_t m_used;
    int64_t m_len;
    SetIterObject(Type* t, SetObject* s, int64_t used) : Object(t), m_set(s), m_used(used), m_len(used) { }
};

SetTable* table_alloc(int64_t size)
{
    size_t bytes = sizeof(SetTable) + static_cast<size_t>(size) * sizeof(SetEntry);
    auto* t = static_cast<SetTable*>(calloc(1, bytes));
    if (!t)
        raise_memory_error();
    gc::note_external_memory(static_cast<ptrdiff_t>(bytes));
    t->serial = s_set_serial.fetch_add(1, std::memory_order_relaxed);
    t->mask = size - 1;
    return t;
}

void set_trace(Object* o, gc::Tracer& tr)
{
    auto* so = static_cast<SetObject*>(o);
    trace_set_table(so->m_table, tr);
    if (so->m_stripes)
        tr.visit(so->m_stripes);
}

void set_destroy(Object* o)
{
    auto* s = static_cast<SetObject*>(o);
    free(s->m_table);
    s->m_table = nullptr;
}

size_t set_table_bytes(SetTable* t) { return sizeof(SetTable) + static_cast<size_t>(t->mask + 1) * sizeof(SetEntry); }


// SET-5: [old] was [so]'s table until now.
void release_table(SetObject* so, SetTable* old)
{
    if (PY_UNLIKELY(so->m_undo.present())) {
        SetUndo* u = so->m_undo.get(so);
        if (u && old && u->table == old) {
            u->owned = true;
            so->m_undo.detach(u);
            return;
        }
    }
    retire_table(old);
}

// SET-4/SET-5: [so] continues on a copy of its saved table, the record keeps the original.
void undo_copy_table(SetObject* so, SetUndo* u)
{
    size_t bytes = set_table_bytes(u->table);
    auto* c = static_cast<SetTable*>(malloc(bytes));
    if (!c)
        raise_memory_error();
    gc::note_external_memory(static_cast<ptrdiff_t>(bytes));
    memcpy(c, u->table, bytes);
    c->serial = s_set_serial.fetch_add(1, std::memory_order_relaxed);
    so->m_table = c;
    release_table(so, u->table);
}

SetUndo* undo_for_change_slow(SetObject* so)
{
    SetUndo* u = so->m_undo.get(so);
    if (!u || !u->table || u->table != so->m_table)
        return nullptr;
    if (PY_UNLIKELY(u->log.size() > static_cast<size_t>(std::max<int64_t>(64, u->table->mask + 1)))) {
        // A log longer than the table costs more than one copy.
        undo_copy_table(so, u);
        return nullptr;
    }
    return u;
}

// SET-4: the record to log the coming in-place changes into, or null. After the write barrier,
// before reading m_table.
inline SetUndo* undo_for_change(SetObject* so)
{
    if (PY_LIKELY(!so->m_undo.present()))
        return nullptr;
    return undo_for_change_slow(so);
}

// Before entry [e] of the saved table changes (SET-4).
inline void note_entry(SetUndo* u, SetEntry* e) { u->log.emplace_back(e - u->table->entries(), *e); }

// Before a bulk fill of [so]'s table (SET-4): one copy instead of a log entry per slot.
void undo_before_bulk(SetObject* so)
{
    if (PY_UNLIKELY(so->m_undo.present()))
        if (SetUndo* u = undo_for_change_slow(so))
            undo_copy_table(so, u);
}

void set_iter_trace(Object* o, gc::Tracer& tr)
{
    tr.visit(static_cast<SetIterObject*>(o)->m_set);
}

SetTable* ensure_table(SetObject* so)
{
    if (!so->m_table)
        so->m_table = table_alloc(MINSIZE);
    return so->m_table;
}

// --- presence stripes (SET-6) --------------------------------------------------------------

inline Object* set_stripe_of(SetObject* so, int64_t hash) { return stripe_at(so->m_stripes, hash); }

void set_give_stripes(SetObject* so, int64_t n)
{
    gc::RootedValues stripes;
    for (int64_t i = 0; i < n; i++)
        stripes.push_back(Value(gc::make<SetStripe>(&set_stripe_type, so)));
    std::atomic_ref<TupleObject*>(so->m_stripes)
        .store(tuple_from(stripes.data(), static_cast<int64_t>(stripes.size())), std::memory_order_release);
}

// After [so]'s write barrier: a set that a transaction aborted on gets its stripes now.
void set_maybe_give_stripes(SetObject* so)
{
    if ((PY_LIKELY(!so->m_contended.load(std::memory_order_relaxed)) && !g_dict_stripes_always)
        || so->m_stripes || !g_stm_active || so->is_immutable())
        return;
    set_give_stripes(so, stripes_for(so->m_table ? so->m_table->used : 0));
}

// After [so]'s write barrier, before a change of the presence of many keys.
void set_lock_all_stripes(SetObject* so)
{
    if (TupleObject* st = so->m_stripes)
        for (int64_t i = 0; i < st->m_size; i++)
            write_barrier(st->item(i).as_object());
}

// After [so]'s write barrier, before a change of the presence of the key with [hash].
inline void set_lock_stripe(SetObject* so, int64_t hash)
{
    set_maybe_give_stripes(so);
    if (PY_UNLIKELY(so->m_stripes != nullptr))
        write_barrier(set_stripe_of(so, hash));
}

enum class SetKey { Fallback, Absent, Present, Pending };

// SET-6: whether simple [key] is in a striped set, read through its stripe: the set's own
// barriers are not taken, so commits that add or remove other keys do not invalidate the
// attempt. [stripe] receives the key's stripe. The probe of a dict's key_read() (DICT-10, which
// says why it is safe while another attempt changes the table), on the set's table: new
// entries are written key first and a set's table is zeroed, replaced tables are retired.
SetKey set_key_read(SetObject* so, Value key, int64_t hash, Object** stripe)
{
    if (!g_stm_active || !stm::t_filter || !simple_key(key))
        return SetKey::Fallback;
    if (SetTable* t = std::atomic_ref<SetTable*>(so->m_table).load(std::memory_order_acquire)) {
        prefetch_key_read(so->m_stripes, hash,
            &t->entries()[static_cast<size_t>(hash) & static_cast<size_t>(t->mask)],
            []() -> void const* { return nullptr; });
    }
    for (int tries = 0; tries < 8; tries++) {
        // Held by this attempt: the set's own barriers are free. Held by another: its change
        // does not concern this key, whose stripe it would have locked (SET-6).
        if ((so->m_stm.load(std::memory_order_acquire) & ~stm::kReadMostly) == stm::t_own_word)
            return SetKey::Fallback;
        Object* st = nullptr;
        StripeRead sr = read_stripe(so->m_stripes, hash, &st);
        if (sr == StripeRead::None)
            return SetKey::Fallback;
        if (sr == StripeRead::Retry)
            continue;
        *stripe = st;
        if (maybe_pending(so, hash)) {
            if (Value* p = g_pending_lookup(so, key, hash))
                return is_deleted_marker(*p) ? SetKey::Absent : SetKey::Pending; // SET-7
        }
        SetTable* t = std::atomic_ref<SetTable*>(so->m_table).load(std::memory_order_acquire);
        SetKey state = SetKey::Absent;
        if (t) {
            size_t mask = static_cast<size_t>(t->mask);
            size_t perturb = static_cast<size_t>(hash);
            size_t i = perturb & mask;
            size_t limit = probe_limit(mask + 1);
            for (size_t n = 0; state == SetKey::Absent; n++) {
                if (n == limit)
                    return SetKey::Fallback; // a torn table (probe_limit)
                SetEntry* e = &t->entries()[i];
                size_t probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
                bool end = false;
                do {
                    Value sk = e->key;
                    if (!sk && e->hash == 0) {
                        end = true;
                        break;
                    }
                    if (sk && e->hash == hash) {
                        int eq = simple_key_eq(sk, key);
                        if (eq < 0)
                            return SetKey::Fallback; // may need __eq__
                        if (eq) {
                            state = SetKey::Present;
                            break;
                        }
                    }
                    e++;
                } while (probes--);
                if (end)
                    break;
                perturb >>= PERTURB_SHIFT;
                i = (i * 5 + 1 + perturb) & mask;
            }
        }
        read_validate_barrier(st);
        return state;
    }
    return SetKey::Fallback;
}

// Inserts a key known to be absent into a table without dummies.
void insert_clean(SetTable* t, Value key, int64_t hash)
{
    size_t mask = static_cast<size_t>(t->mask);
    size_t perturb = static_cast<size_t>(hash);
    size_t i = perturb & mask;
    SetEntry* table = t->entries();
    for (;;) {
        SetEntry* e = &table[i];
        if (!e->key)
            goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (size_t j = 0; j < LINEAR_PROBES; j++) {
                e++;
                if (!e->key)
                    goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        e->key = key;
        e->hash = hash;
        return;
    }
}

void table_resize(SetObject* so, int64_t minused)
{
    int64_t newsize = MINSIZE;
    while (newsize <= minused)
        newsize <<= 1;
    set_lock_all_stripes(so); // SET-6
    if (PY_UNLIKELY(so->m_stripes != nullptr) && stripes_for(minused) > so->m_stripes->m_size)
        set_give_stripes(so, stripes_for(minused));
    SetTable* old = so->m_table;
    SetTable* t = table_alloc(newsize);
    if (old) {
        SetEntry* e = old->entries();
        for (int64_t i = 0; i <= old->mask; i++)
            if (e[i].key)
                insert_clean(t, e[i].key, e[i].hash);
        t->fill = t->used = old->used;
        t->finger = old->finger;
    }
    std::atomic_ref<SetTable*>(so->m_table).store(t, std::memory_order_release); // SET-6's probe
    release_table(so, old);
}

// Index of the entry holding [key], or -1.
int64_t set_lookkey(SetObject* so, Value key, int64_t hash)
{
restart:
    read_barrier(so);
    SetTable* t = so->m_table;
    if (!t)
        return -1;
    size_t mask = static_cast<size_t>(t->mask);
    size_t perturb = static_cast<size_t>(hash);
    size_t i = perturb & mask;
    for (;;) {
        SetEntry* e = &t->entries()[i];
        size_t probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (e->hash == 0 && !e->key)
                return -1;
            if (e->hash == hash && e->key) {
                Value sk = e->key;
                if (sk == key)
                    return e - t->entries();
                if (is_exact_str(sk) && is_exact_str(key)) {
                    if (str_eq(sk.as<StrObject>(), key.as<StrObject>()))
                        return e - t->entries();
                } else if (!(sk.is_small_int() && key.is_small_int())) {
                    uint64_t serial = t->serial;
                    int64_t idx = e - t->entries();
                    bool eq = py_eq(sk, key);
                    read_barrier(so);
                    SetTable* now = so->m_table;
                    if (now != t || now->serial != serial || t->entries()[idx].key != sk)
                        goto restart;
                    if (eq)
                        return idx;
                }
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

void set_add_entry(SetObject* so, Value key, int64_t hash)
{
    if (PY_UNLIKELY(so->m_stripes != nullptr)) {
        Object* st = nullptr;
        SetKey r = set_key_read(so, key, hash, &st);
        if (r == SetKey::Present || r == SetKey::Pending)
            return;
        // Locked when applied, as a dict's queued insertion (DICT-10).
        if (r == SetKey::Absent && g_queue_keyed_change && g_queue_keyed_change(so, key, hash, Value()))
            return;
    }
restart:
    write_barrier(so);
    set_lock_stripe(so, hash);
    SetUndo* u = undo_for_change(so);
    SetTable* t = ensure_table(so);
    size_t mask = static_cast<size_t>(t->mask);
    size_t perturb = static_cast<size_t>(hash);
    size_t i = perturb & mask;
    SetEntry* freeslot = nullptr;
    SetEntry* e;
    for (;;) {
        e = &t->entries()[i];
        size_t probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (e->hash == 0 && !e->key)
                goto found_unused_or_dummy;
            if (e->hash == hash && e->key) {
                Value sk = e->key;
                if (sk == key)
                    return;
                if (is_exact_str(sk) && is_exact_str(key)) {
                    if (str_eq(sk.as<StrObject>(), key.as<StrObject>()))
                        return;
                } else if (!(sk.is_small_int() && key.is_small_int())) {
                    uint64_t serial = t->serial;
                    int64_t idx = e - t->entries();
                    bool eq = py_eq(sk, key);
                    write_barrier(so);
                    // __eq__ may have ended the transaction (a blocking call): ask again (SET-4).
                    u = undo_for_change(so);
                    SetTable* now = so->m_table;
                    if (now != t || now->serial != serial || t->entries()[idx].key != sk)
                        goto restart;
                    if (eq)
                        return;
                }
            } else if (e->hash == -1) {
                freeslot = e; // the last dummy on the probe sequence, as CPython
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (PY_UNLIKELY(u))
        note_entry(u, freeslot ? freeslot : e);
    if (freeslot) {
        t->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return;
    }
    t->fill++;
    t->used++;
    e->key = key;
    e->hash = hash;
    if (static_cast<size_t>(t->fill) * 5 < mask * 3)
        return;
    table_resize(so, t->used > 50000 ? t->used * 2 : t->used * 4);
}

bool set_discard_entry(SetObject* so, Value key, int64_t hash)
{
    if (PY_UNLIKELY(so->m_stripes != nullptr)) {
        Object* st = nullptr;
        SetKey r = set_key_read(so, key, hash, &st); // SET-7
        if (r == SetKey::Absent)
            return false;
        if (r == SetKey::Pending) {
            // An add of this attempt, undone.
            *g_pending_lookup(so, key, hash) = Value(g_deleted_marker);
            return true;
        }
        if (r == SetKey::Present && g_queue_keyed_change
            && g_queue_keyed_change(so, key, hash, Value(g_deleted_marker)))
            return true;
    }
    int64_t idx = set_lookkey(so, key, hash);
    if (idx < 0)
        return false;
    write_barrier(so);
    set_lock_stripe(so, hash); // SET-6
    SetUndo* u = undo_for_change(so);
    SetEntry* e = &so->m_table->entries()[idx];
    if (PY_UNLIKELY(u))
        note_entry(u, e);
    e->key = Value();
    e->hash = -1;
    so->m_table->used--;
    return true;
}

void set_clear_internal(SetObject* so)
{
    write_barrier(so);
    set_lock_all_stripes(so); // SET-6
    SetTable* t = so->m_table;
    so->m_table = nullptr;
    release_table(so, t);
}

// Iterates the live entries with their stored hashes.
bool set_next_entry(SetObject* so, int64_t* pos, Value* key, int64_t* hash)
{
    read_barrier(so);
    SetTable* t = so->m_table;
    if (!t)
        return false;
    while (*pos <= t->mask) {
        SetEntry* e = &t->entries()[(*pos)++];
        if (e->key) {
            *key = e->key;
            *hash = e->hash;
            read_validate_barrier(so); // STM-5: key and hash of one entry belong together
            return true;
        }
    }
    read_validate_barrier(so); // the end seen is the committed end
    return false;
}

int64_t table_fill(SetObject* so)
{
    read_barrier(so);
    return so->m_table ? so->m_table->fill : 0;
}

int64_t table_mask(SetObject* so)
{
    read_barrier(so);
    return so->m_table ? so->m_table->mask : MINSIZE - 1;
}

void set_merge_unvalidated(SetObject* so, SetObject* other);

void set_merge(SetObject* so, SetObject* other)
{
    set_merge_unvalidated(so, other);
    read_validate_barrier(other); // STM-5: the copy read [other]'s entries in place
}

void set_merge_unvalidated(SetObject* so, SetObject* other)
{
    if (so == other || set_size(other) == 0)
        return;
    write_barrier(so);
    set_lock_all_stripes(so); // SET-6: a bulk fill
    read_barrier(other);
    int64_t other_used = other->m_table->used;
    if ((table_fill(so) + other_used) * 5 >= table_mask(so) * 3)
        table_resize(so, (set_size(so) + other_used) * 2);
    SetTable* t = ensure_table(so);
    SetTable* ot = other->m_table;
    if (t->fill == 0) {
        undo_before_bulk(so);
        t = so->m_table;
    }
    if (t->fill == 0 && t->mask == ot->mask && ot->fill == ot->used) {
        // Empty target of the same size without dummies in the source: copy slot by slot.
        memcpy(t->entries(), ot->entries(), static_cast<size_t>(ot->mask + 1) * sizeof(SetEntry));
        t->fill = ot->fill;
        t->used = ot->used;
        return;
    }
    if (t->fill == 0) {
        // [t] has room for other_used entries. Another attempt may be adding to [other] in
        // place (SET-6) while this one reads it: a source showing more entries than counted
        // (possibly from a replacing table) is torn, the caller's validation will abort the
        // attempt (STM-5), and copying the excess would fill [t] until insert_clean() found no
        // empty slot and never returned (STM-1: no interleaving may hang C++ code).
        int64_t n = 0;
        for (int64_t i = 0; i <= ot->mask && n < other_used; i++) {
            SetEntry* e = &ot->entries()[i];
            if (e->key) {
                insert_clean(t, e->key, e->hash);
                n++;
            }
        }
        t->fill = t->used = n;
        return;
    }
    // Duplicates possible: normal insertions (which may run __eq__, so re-read each step).
    int64_t pos = 0;
    Value key;
    int64_t hash;
    while (set_next_entry(other, &pos, &key, &hash))
        set_add_entry(so, key, hash);
}

Type* base_type_of(SetObject* so)
{
    return so->m_type->is_subtype(&set_type) ? &set_type : &frozenset_type;
}

SetObject* make_new_set(Type* t, Value iterable)
{
    SetObject* s = gc::make<SetObject>(t);
    if (iterable)
        set_update_internal(s, iterable);
    if (t == &frozenset_type)
        s->m_gc.fetch_or(OF_IMMUTABLE, std::memory_order_relaxed);
    return s;
}

// A new set (or frozenset) of the same base type holding the items of [so].
SetObject* set_copy(SetObject* so)
{
    return make_new_set(base_type_of(so), Value(so));
}

bool set_contains_entry(SetObject* so, Value key, int64_t hash)
{
    if (PY_UNLIKELY(so->m_stripes != nullptr)) {
        Object* st = nullptr;
        SetKey r = set_key_read(so, key, hash, &st); // SET-6
        if (r != SetKey::Fallback)
            return r != SetKey::Absent;
    }
    return set_lookkey(so, key, hash) >= 0;
}

// Membership with the set-to-frozenset retry of __contains__, remove and discard.
template <class F> auto with_frozen_retry(Value key, F f)
{
    try {
        return f(key, container_hash(key));
    } catch (PyError&) {
        if (!is_anyset(key) || !exception_matches(&exc::TypeError))
            throw;
        take_exception();
        SetObject* frozen = make_new_set(&frozenset_type, key);
        return f(Value(frozen), container_hash(frozen));
    }
}

SetObject* set_intersection(SetObject* so, Value other)
{
    if (Value(so) == other)
        return set_copy(so);
    SetObject* result = make_new_set(base_type_of(so), Value());
    if (is_anyset(other)) {
        SetObject* a = so;
        SetObject* b = other.as<SetObject>();
        if (set_size(b) > set_size(a))
            std::swap(a, b);
        int64_t pos = 0;
        Value key;
        int64_t hash;
        while (set_next_entry(b, &pos, &key, &hash))
            if (set_contains_entry(a, key, hash))
                set_add_entry(result, key, hash);
        return result;
    }
    Value it = py_iter(other);
    for (Value key; (key = iter_next_fast(it));) {
        int64_t hash = container_hash(key);
        if (set_contains_entry(so, key, hash))
            set_add_entry(result, key, hash);
    }
    return result;
}

// [a] takes the body of [b], a temporary that is left empty; a's old table is released (SET-5).
void take_body(SetObject* a, SetObject* b)
{
    write_barrier(a);
    set_lock_all_stripes(a); // SET-6
    write_barrier(b);
    SetTable* old = a->m_table;
    a->m_table = b->m_table;
    b->m_table = nullptr;
    std::swap(a->m_hash_cache, b->m_hash_cache);
    release_table(a, old);
}

SetObject* set_difference(SetObject* so, Value other)
{
    int64_t other_size;
    if (is_anyset(other))
        other_size = set_size(other.as<SetObject>());
    else if (other.is_object() && other.as_object()->m_type == &dict_type)
        other_size = dict_size(other.as<DictObject>());
    else {
        SetObject* r = set_copy(so);
        set_difference_update_internal(r, other);
        return r;
    }
    if ((set_size(so) >> 2) > other_size) {
        SetObject* r = set_copy(so);
        set_difference_update_internal(r, other);
        return r;
    }
    SetObject* result = make_new_set(base_type_of(so), Value());
    int64_t pos = 0;
    Value key;
    int64_t hash;
    if (!is_anyset(other)) {
        DictObject* d = other.as<DictObject>();
        while (set_next_entry(so, &pos, &key, &hash))
            if (!dict_get_known_hash(d, key, hash))
                set_add_entry(result, key, hash);
        return result;
    }
    SetObject* o = other.as<SetObject>();
    while (set_next_entry(so, &pos, &key, &hash))
        if (!set_contains_entry(o, key, hash))
            set_add_entry(result, key, hash);
    return result;
}

bool set_issubset(SetObject* so, Value other)
{
    if (!is_anyset(other)) {
        SetObject* tmp = make_new_set(&set_type, other);
        return set_issubset(so, tmp);
    }
    SetObject* o = other.as<SetObject>();
    if (set_size(so) > set_size(o))
        return false;
    int64_t pos = 0;
    Value key;
    int64_t hash;
    while (set_next_entry(so, &pos, &key, &hash))
        if (!set_contains_entry(o, key, hash))
            return false;
    return true;
}

bool set_issuperset(SetObject* so, Value other)
{
    if (is_anyset(other))
        return set_issubset(other.as<SetObject>(), so);
    Value it = py_iter(other);
    for (Value key; (key = iter_next_fast(it));)
        if (!set_contains_entry(so, key, container_hash(key)))
            return false;
    return true;
}

int64_t frozenset_hash(SetObject* so)
{
    if (so->m_hash_cache != -1)
        return so->m_hash_cache;
    auto shuffle = [](uint64_t h) { return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL; };
    uint64_t hash = 0;
    int64_t pos = 0;
    Value key;
    int64_t h;
    while (set_next_entry(so, &pos, &key, &h))
        hash ^= shuffle(static_cast<uint64_t>(h));
    hash ^= (static_cast<uint64_t>(set_size(so)) + 1) * 1927868237ULL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923ULL;
    if (hash == static_cast<uint64_t>(-1))
        hash = 590923713ULL;
    so->m_hash_cache = static_cast<int64_t>(hash);
    return so->m_hash_cache;
}

std::string set_repr_text(SetObject* so)
{
    std::string tname = so->m_type->name_str();
    ReprGuard guard(so);
    if (!guard.active())
        return tname + "(...)";
    if (set_size(so) == 0)
        return tname + "()";
    RecursionGuard rg(" while getting the repr of an object");
    gc::RootedValues keys;
    int64_t pos = 0;
    Value key;
    int64_t hash;
    while (set_next_entry(so, &pos, &key, &hash))
        keys.push_back(key);
    std::string body = "{";
    for (size_t i = 0; i < keys.size(); i++) {
        if (i)
            body += ", ";
        body += str_utf8(py_repr(keys[i]));
    }
    body += "}";
    if (so->m_type == &set_type)
        return body;
    return tname + "(" + body + ")";
}

SetObject* as_set(Value v) { return v.as<SetObject>(); }

// --- methods ------------------------------------------------------------------------------------

Value s_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "set.__new__(X): X is not a type object");
    Type* cls = args[0].as<Type>();
    if (!cls->is_subtype(&set_type))
        raise(&exc::TypeError, "set.__new__(%s): %s is not a subtype of set", cls->name_str().c_str(),
            cls->name_str().c_str());
    // As CPython: keywords are refused unless a subclass defines its own __init__; set.__init__
    // refuses them always.
    bool own_init = cls != &set_type && cls->special(SP_init) != set_type.special(SP_init);
    if (kwnames && kwnames->m_size && !own_init)
        raise(&exc::TypeError, "set() takes no keyword arguments");
    return gc::make<SetObject>(cls);
}

Value s_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "set() takes no keyword arguments");
    if (nargs > 1)
        raise(&exc::TypeError, "set expected at most 1 argument, got %zu", nargs);
    SetObject* so = as_set(self);
    set_clear_internal(so);
    if (nargs == 1)
        set_update_internal(so, args[0]);
    return none();
}

Value fs_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "frozenset.__new__(X): X is not a type object");
    Type* cls = args[0].as<Type>();
    if (!cls->is_subtype(&frozenset_type))
        raise(&exc::TypeError, "frozenset.__new__(%s): %s is not a subtype of frozenset",
            cls->name_str().c_str(), cls->name_str().c_str());
    // As CPython: keywords are refused unless a subclass defines its own __init__ (frozenset's is
    // object's).
    bool own_init = cls != &frozenset_type && cls->special(SP_init) != g_object_init;
    if (kwnames && kwnames->m_size && !own_init)
        raise(&exc::TypeError, "frozenset() takes no keyword arguments");
    if (nargs > 2)
        raise(&exc::TypeError, "frozenset expected at most 1 argument, got %zu", nargs - 1);
    Value iterable = nargs == 2 ? args[1] : Value();
    if (cls == &frozenset_type && iterable && iterable.is_object()
        && iterable.as_object()->m_type == &frozenset_type)
        return iterable;
    return make_new_set(cls, iterable);
}

Value s_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    return str_from_utf8(set_repr_text(as_set(self)));
}

Value s_len(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__len__", nargs, kw, 0, 0);
    return Value::small_int(set_size(as_set(self)));
}

Value s_contains(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__contains__", nargs, kw, 1, 1);
    SetObject* so = as_set(self);
    return py_bool(with_frozen_retry(args[0], [&](Value k, int64_t h) { return set_contains_entry(so, k, h); }));
}

Value s_iter(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__iter__", nargs, kw, 0, 0);
    SetObject* so = as_set(self);
    return gc::make<SetIterObject>(&set_iterator_type, so, set_size(so));
}

Value s_add(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("add", nargs, kw, 1, 1);
    set_add(as_set(self), args[0]);
    return none();
}

Value s_remove(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("remove", nargs, kw, 1, 1);
    SetObject* so = as_set(self);
    if (!with_frozen_retry(args[0], [&](Value k, int64_t h) { return set_discard_entry(so, k, h); }))
        raise_key_error(args[0]);
    return none();
}

Value s_discard(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("discard", nargs, kw, 1, 1);
    SetObject* so = as_set(self);
    with_frozen_retry(args[0], [&](Value k, int64_t h) { return set_discard_entry(so, k, h); });
    return none();
}

Value s_pop(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("pop", nargs, kw, 0, 0);
    SetObject* so = as_set(self);
    write_barrier(so);
    SetUndo* u = undo_for_change(so);
    SetTable* t = so->m_table;
    if (!t || t->used == 0)
        raise(&exc::KeyError, "pop from an empty set");
    int64_t i = t->finger & t->mask;
    while (!t->entries()[i].key) {
        i++;
        if (i > t->mask)
            i = 0;
    }
    SetEntry* e = &t->entries()[i];
    set_lock_stripe(so, e->hash); // SET-6 (the lock may give stripes: no table change)
    if (PY_UNLIKELY(u))
        note_entry(u, e);
    Value key = e->key;
    e->key = Value();
    e->hash = -1;
    t->used--;
    t->finger = i + 1;
    return key;
}

Value s_clear(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("clear", nargs, kw, 0, 0);
    set_clear_internal(as_set(self));
    return none();
}

Value s_copy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("copy", nargs, kw, 0, 0);
    SetObject* so = as_set(self);
    if (so->m_type == &frozenset_type)
        return so;
    return set_copy(so);
}

Value s_update(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("update", nargs, kw, 0, SIZE_MAX);
    for (size_t i = 0; i < nargs; i++)
        set_update_internal(as_set(self), args[i]);
    return none();
}

Value s_union(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("union", nargs, kw, 0, SIZE_MAX);
    SetObject* result = set_copy(as_set(self));
    for (size_t i = 0; i < nargs; i++) {
        if (args[i] == self)
            continue;
        set_update_internal(result, args[i]);
    }
    return result;
}

Value s_intersection(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("intersection", nargs, kw, 0, SIZE_MAX);
    if (nargs == 0)
        return set_copy(as_set(self));
    SetObject* result = as_set(self);
    for (size_t i = 0; i < nargs; i++)
        result = set_intersection(result, args[i]);
    return result;
}

Value s_intersection_update(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value tmp = s_intersection(self, args, nargs, kw);
    take_body(as_set(self), as_set(tmp));
    return none();
}

Value s_difference(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("difference", nargs, kw, 0, SIZE_MAX);
    if (nargs == 0)
        return set_copy(as_set(self));
    SetObject* result = set_difference(as_set(self), args[0]);
    for (size_t i = 1; i < nargs; i++)
        set_difference_update_internal(result, args[i]);
    return result;
}

Value s_difference_update(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("difference_update", nargs, kw, 0, SIZE_MAX);
    for (size_t i = 0; i < nargs; i++)
        set_difference_update_internal(as_set(self), args[i]);
    return none();
}

Value s_symmetric_difference(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("symmetric_difference", nargs, kw, 1, 1);
    SetObject* so = as_set(self);
    SetObject* result = make_new_set(base_type_of(so), args[0]);
    set_symmetric_difference_update_internal(result, self);
    return result;
}

Value s_symmetric_difference_update(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("symmetric_difference_update", nargs, kw, 1, 1);
    set_symmetric_difference_update_internal(as_set(self), args[0]);
    return none();
}

Value s_isdisjoint(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("isdisjoint", nargs, kw, 1, 1);
    SetObject* so = as_set(self);
    Value other = args[0];
    if (other == self)
        return py_bool(set_size(so) == 0);
    if (is_anyset(other)) {
        SetObject* a = so;
        SetObject* b = other.as<SetObject>();
        if (set_size(b) > set_size(a))
            std::swap(a, b);
        int64_t pos = 0;
        Value key;
        int64_t hash;
        while (set_next_entry(b, &pos, &key, &hash))
            if (set_contains_entry(a, key, hash))
                return py_bool(false);
        return py_bool(true);
    }
    Value it = py_iter(other);
    for (Value key; (key = iter_next_fast(it));)
        if (set_contains_entry(so, key, container_hash(key)))
            return py_bool(false);
    return py_bool(true);
}

Value s_issubset(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("issubset", nargs, kw, 1, 1);
    return py_bool(set_issubset(as_set(self), args[0]));
}

Value s_issuperset(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("issuperset", nargs, kw, 1, 1);
    return py_bool(set_issuperset(as_set(self), args[0]));
}

Value set_richcompare(SetObject* v, Value w, CompareOp op)
{
    if (!is_anyset(w))
        return Value(g_not_implemented);
    SetObject* ws = w.as<SetObject>();
    switch (op) {
    case CMP_EQ:
    case CMP_NE: {
        bool eq;
        if (set_size(v) != set_size(ws))
            eq = false;
        else if (v->m_hash_cache != -1 && ws->m_hash_cache != -1 && v->m_hash_cache != ws->m_hash_cache)
            eq = false;
        else
            eq = set_issubset(v, w);
        return py_bool(op == CMP_EQ ? eq : !eq);
    }
    case CMP_LE:
        return py_bool(set_issubset(v, w));
    case CMP_GE:
        return py_bool(set_issuperset(v, w));
    case CMP_LT:
        return py_bool(set_size(v) < set_size(ws) && set_issubset(v, w));
    case CMP_GT:
        return py_bool(set_size(v) > set_size(ws) && set_issuperset(v, w));
    }
    return Value(g_not_implemented);
}

Value set_richcompare_method(Value self, Value other, CompareOp op)
{
    return set_richcompare(as_set(self), other, op);
}

// Binary operators: both operands must be sets or frozensets; the result has the left
// operand's base type.
Value op_or(Value a, Value b)
{
    if (!is_anyset(a) || !is_anyset(b))
        return Value(g_not_implemented);
    SetObject* r = set_copy(as_set(a));
    if (a != b)
        set_update_internal(r, b);
    return r;
}
Value op_and(Value a, Value b)
{
    if (!is_anyset(a) || !is_anyset(b))
        return Value(g_not_implemented);
    return set_intersection(as_set(a), b);
}
Value op_sub(Value a, Value b)
{
    if (!is_anyset(a) || !is_anyset(b))
        return Value(g_not_implemented);
    return set_difference(as_set(a), b);
}
Value op_xor(Value a, Value b)
{
    if (!is_anyset(a) || !is_anyset(b))
        return Value(g_not_implemented);
    SetObject* so = as_set(a);
    SetObject* result = make_new_set(base_type_of(so), b);
    set_symmetric_difference_update_internal(result, a);
    return result;
}

Value s_or(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__or__", n, k, 1, 1); return op_or(s, a[0]); }
Value s_ror(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__ror__", n, k, 1, 1); return op_or(a[0], s); }
Value s_and(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__and__", n, k, 1, 1); return op_and(s, a[0]); }
Value s_rand(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__rand__", n, k, 1, 1); return op_and(a[0], s); }
Value s_sub(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__sub__", n, k, 1, 1); return op_sub(s, a[0]); }
Value s_rsub(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__rsub__", n, k, 1, 1); return op_sub(a[0], s); }
Value s_xor(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__xor__", n, k, 1, 1); return op_xor(s, a[0]); }
Value s_rxor(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__rxor__", n, k, 1, 1); return op_xor(a[0], s); }

// The in-place operators take only sets and frozensets (NotImplemented otherwise) and update
// self with [update].
Value inplace_op(Value self, Value const* args, size_t nargs, TupleObject* kw, char const* name,
    void (*update)(SetObject*, Value))
{
    check_nargs(name, nargs, kw, 1, 1);
    if (!is_anyset(args[0]))
        return Value(g_not_implemented);
    update(as_set(self), args[0]);
    return self;
}

void intersection_update_internal(SetObject* s, Value other)
{
    SetObject* tmp = set_intersection(s, other);
    take_body(s, tmp);
}

Value s_ior(Value s, Value const* a, size_t n, TupleObject* k) { return inplace_op(s, a, n, k, "__ior__", set_update_internal); }
Value s_iand(Value s, Value const* a, size_t n, TupleObject* k) { return inplace_op(s, a, n, k, "__iand__", intersection_update_internal); }
Value s_isub(Value s, Value const* a, size_t n, TupleObject* k) { return inplace_op(s, a, n, k, "__isub__", set_difference_update_internal); }
Value s_ixor(Value s, Value const* a, size_t n, TupleObject* k) { return inplace_op(s, a, n, k, "__ixor__", set_symmetric_difference_update_internal); }

Value fs_hash(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__hash__", nargs, kw, 0, 0);
    return int_from_i64(frozenset_hash(as_set(self)));
}

Value s_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    SetObject* so = as_set(self);
    ListObject* keys = list_new(set_size(so));
    int64_t pos = 0;
    Value key;
    int64_t hash;
    while (set_next_entry(so, &pos, &key, &hash))
        list_append(keys, key);
    // As CPython 3.11: the state is __getstate__()'s (the instance dict and the slot values).
    Value state = py_call_method(self, intern("__getstate__"), nullptr, 0);
    return tuple_of({ Value(so->m_type), Value(tuple_of({ Value(keys) })), state });
}

Value s_class_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__class_getitem__", nargs, kw, 1, 1);
    return generic_alias_new(self, args[0]);
}

Value set_iternext(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* it = static_cast<SetIterObject*>(o);
    SetObject* so = it->m_set;
    if (!so)
        return Value();
    if (it->m_used != set_size(so)) {
        it->m_used = -1; // the error repeats on later calls
        raise(&exc::RuntimeError, "Set changed size during iteration");
    }
    Value key;
    int64_t hash;
    if (!set_next_entry(so, &it->m_pos, &key, &hash)) {
        it->m_set = nullptr;
        return Value();
    }
    it->m_len--;
    return key;
}

Value si_length_hint(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    auto* it = self.as<SetIterObject>();
    read_barrier(it);
    if (it->m_set && it->m_used == set_size(it->m_set))
        return Value::small_int(it->m_len);
    return Value::small_int(0);
}

// pickle: (iter, (list,)) with the items a copy of the iterator has left to produce, as
// CPython; the original iterator does not move.
Value si_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* it = self.as<SetIterObject>();
    read_barrier(it);
    SetObject* so = it->m_set;
    int64_t pos = it->m_pos;
    int64_t used = it->m_used;
    int64_t len = it->m_len;
    read_validate_barrier(it);
    auto* copy = gc::make<SetIterObject>(&set_iterator_type, so, used);
    copy->m_pos = pos;
    copy->m_len = len;
    ListObject* items = list_new();
    for (Value key; (key = set_iternext(copy));)
        list_append(items, key);
    return tuple_of({ builtin_iter_callable(), tuple_of({ Value(items) }) });
}

const MethodDef set_methods[] = {
    { "__new__", s_new, METH_STATIC },
    { "__init__", s_init },
    { "__repr__", s_repr },
    { "__len__", s_len },
    { "__contains__", s_contains },
    { "__iter__", s_iter },
    { "__or__", s_or },
    { "__ror__", s_ror },
    { "__and__", s_and },
    { "__rand__", s_rand },
    { "__sub__", s_sub },
    { "__rsub__", s_rsub },
    { "__xor__", s_xor },
    { "__rxor__", s_rxor },
    { "__ior__", s_ior },
    { "__iand__", s_iand },
    { "__isub__", s_isub },
    { "__ixor__", s_ixor },
    { "__reduce__", s_reduce },
    { "__class_getitem__", s_class_getitem, METH_CLASS },
    { "add", s_add },
    { "remove", s_remove },
    { "discard", s_discard },
    { "pop", s_pop },
    { "clear", s_clear },
    { "copy", s_copy },
    { "update", s_update },
    { "union", s_union },
    { "intersection", s_intersection },
    { "intersection_update", s_intersection_update },
    { "difference", s_difference },
    { "difference_update", s_difference_update },
    { "symmetric_difference", s_symmetric_difference },
    { "symmetric_difference_update", s_symmetric_difference_update },
    { "isdisjoint", s_isdisjoint },
    { "issubset", s_issubset },
    { "issuperset", s_issuperset },
    { nullptr, nullptr },
};

const MethodDef frozenset_methods[] = {
    { "__new__", fs_new, METH_STATIC },
    { "__repr__", s_repr },
    { "__len__", s_len },
    { "__contains__", s_contains },
    { "__iter__", s_iter },
    { "__hash__", fs_hash },
    { "__or__", s_or },
    { "__ror__", s_ror },
    { "__and__", s_and },
    { "__rand__", s_rand },
    { "__sub__", s_sub },
    { "__rsub__", s_rsub },
    { "__xor__", s_xor },
    { "__rxor__", s_rxor },
    { "__reduce__", s_reduce },
    { "__class_getitem__", s_class_getitem, METH_CLASS },
    { "copy", s_copy },
    { "union", s_union },
    { "intersection", s_intersection },
    { "difference", s_difference },
    { "symmetric_difference", s_symmetric_difference },
    { "isdisjoint", s_isdisjoint },
    { "issubset", s_issubset },
    { "issuperset", s_issuperset },
    { nullptr, nullptr },
};

const MethodDef set_iter_methods[] = {
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", si_length_hint },
    { "__reduce__", si_reduce },
    { nullptr, nullptr },
};

} // namespace

// --- C++ API --------------------------------------------------------------------------------------

SetObject* set_new(Type* t)
{
    return make_new_set(t, Value());
}

int64_t set_size(SetObject* s)
{
    read_barrier(s);
    return s->m_table ? s->m_table->used : 0;
}

bool set_contains(SetObject* s, Value key)
{
    return set_contains_entry(s, key, container_hash(key));
}

void set_add(SetObject* s, Value key)
{
    set_add_entry(s, key, container_hash(key));
}

bool set_discard(SetObject* s, Value key)
{
    return set_discard_entry(s, key, container_hash(key));
}

bool set_next(SetObject* s, int64_t* pos, Value* key)
{
    int64_t hash;
    return set_next_entry(s, pos, key, &hash);
}

bool set_next_hashed(SetObject* s, int64_t* pos, Value* key, int64_t* hash)
{
    return set_next_entry(s, pos, key, hash);
}

void set_update_internal(SetObject* so, Value other)
{
    if (is_anyset(other)) {
        set_merge(so, other.as<SetObject>());
        return;
    }
    if (other.is_object() && other.as_object()->m_type == &dict_type) {
        DictObject* d = other.as<DictObject>();
        int64_t n = dict_size(d);
        // One big resize up front, as CPython (this decides the table size, hence the order).
        if ((table_fill(so) + n) * 5 >= table_mask(so) * 3) {
            write_barrier(so);
            table_resize(so, (set_size(so) + n) * 2);
        }
        // The dict's stored hashes, as CPython: the keys are not hashed again.
        int64_t pos = 0, hash;
        Value k, v;
        while (dict_next_hashed(d, &pos, &k, &v, &hash))
            set_add_entry(so, k, hash);
        return;
    }
    Value it = py_iter(other);
    for (Value key; (key = iter_next_fast(it));)
        set_add_entry(so, key, container_hash(key));
}

void set_difference_update_internal(SetObject* so, Value other)
{
    if (Value(so) == other) {
        set_clear_internal(so);
        return;
    }
    if (is_anyset(other)) {
        SetObject* o = other.as<SetObject>();
        int64_t pos = 0;
        Value key;
        int64_t hash;
        while (set_next_entry(o, &pos, &key, &hash))
            set_discard_entry(so, key, hash);
    } else {
        Value it = py_iter(other);
        for (Value key; (key = iter_next_fast(it));)
            set_discard_entry(so, key, container_hash(key));
    }
    // More than a quarter dummies: rebuild.
    read_barrier(so);
    SetTable* t = so->m_table;
    if (!t || (t->fill - t->used) <= t->mask / 4)
        return;
    write_barrier(so);
    table_resize(so, t->used > 50000 ? t->used * 2 : t->used * 4);
}

void set_symmetric_difference_update_internal(SetObject* so, Value other)
{
    if (Value(so) == other) {
        set_clear_internal(so);
        return;
    }
    if (other.is_object() && other.as_object()->m_type == &dict_type) {
        DictObject* d = other.as<DictObject>();
        int64_t pos = 0, hash;
        Value k, v;
        while (dict_next_hashed(d, &pos, &k, &v, &hash)) {
            if (!set_discard_entry(so, k, hash))
                set_add_entry(so, k, hash);
        }
        return;
    }
    SetObject* o = is_anyset(other) ? other.as<SetObject>() : make_new_set(base_type_of(so), other);
    int64_t pos = 0;
    Value key;
    int64_t hash;
    while (set_next_entry(o, &pos, &key, &hash))
        if (!set_discard_entry(so, key, hash))
            set_add_entry(so, key, hash);
}

SetObject* set_intersection_internal(SetObject* so, Value other)
{
    return set_intersection(so, other);
}

void setup_set_types()
{
    init_static_type(&set_type, "set", nullptr, sizeof(SetObject), TF_BASETYPE | TF_SET_SUBCLASS,
        set_trace, set_destroy);
    gc::register_parallel_destroy(set_destroy); // frees only the object's own storage (GC-12)
    init_static_type(&frozenset_type, "frozenset", nullptr, sizeof(SetObject), TF_BASETYPE | TF_IMMUTABLE,
        set_trace, set_destroy);
    init_static_type(&set_iterator_type, "set_iterator", nullptr, sizeof(SetIterObject), 0, set_iter_trace);
    init_static_type(&set_stripe_type, "set_stripe", nullptr, sizeof(SetStripe), 0,
        [](Object* o, gc::Tracer& tr) { tr.visit(static_cast<SetStripe*>(o)->m_set); });
    set_iterator_type.m_iternext = set_iternext;
}

void init_set_types()
{
    add_methods(&set_type, set_methods);
    add_methods(&set_type, compare_methods<set_richcompare_method>);
    add_type_attr(&set_type, "__hash__", none());
    add_methods(&frozenset_type, frozenset_methods);
    add_methods(&frozenset_type, compare_methods<set_richcompare_method>);
    add_methods(&set_iterator_type, set_iter_methods);
}

void set_note_conflict(Object* o)
{
    if (o && o->m_type && o->m_type->is_subtype(&set_type))
        static_cast<SetObject*>(o)->m_contended.store(true, std::memory_order_relaxed);
}

void set_apply_add(SetObject* so, Value key, int64_t hash, Value op)
{
    write_barrier(so);
    if (is_deleted_marker(op))
        set_discard_entry(so, key, hash); // SET-7
    else
        set_add_entry(so, key, hash);
}

} // namespace pystm
