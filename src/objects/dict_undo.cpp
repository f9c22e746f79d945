// The STM undo records of dicts and of their value stripes (objects/undo.h, UNDO-4): the
// invariants DICT-5, DICT-6, DICT-8 and DICT-9 of dict_object.cpp, kept here.
#include "objects/dict_internal.h"
#include "objects/tuple_object.h"
#include "objects/undo.h"

#include <cstring>

namespace pystm {

namespace {
// Records are saved and dropped by the same thread (the transaction's), so each thread keeps the
// records it dropped, with their logs' capacity, for its next saves: a first write to a dict in
// a transaction then allocates nothing.
constexpr size_t POOL_MAX = 4096; // records kept per thread: an attempt may write thousands of dicts
constexpr size_t POOL_LOG_MAX = 256; // a record whose log grew larger is freed, not kept
// Stripe records kept per thread. A transaction of a loop that writes a big striped dict locks
// thousands of stripes (in the transfers of bench/threads/stmdict_low_conflict.py, about 8,000
// per transaction): with 4,096 kept, half of its records were allocated and freed again in
// every transaction. A kept record is 32 bytes and its log 24 per entry.
constexpr size_t STRIPE_POOL_MAX = 32768;
thread_local std::vector<DictUndo*> t_undo_pool;

// A record from the thread's pool, or a new one.
template <class R> R* take_record(std::vector<R*>& pool)
{
    if (pool.empty())
        return new R;
    R* r = pool.back();
    pool.pop_back();
    return r;
}

void* dict_undo_save(Object* o, Type*)
{
    auto* d = static_cast<DictObject*>(o);
    DictTable* t = d->m_table;
    DictUndo* u = take_record(t_undo_pool);
    u->dict = d;
    u->table = t;
    u->stripes = d->m_stripes;
    u->nentries = t ? t->nentries : 0;
    u->used = t ? t->used : 0;
    u->fill = t ? t->fill : 0;
    u->owned = false;
    u->logged = 0;
    // DICT-9: no copy of a striped dict's entries: restoring it would overwrite values that
    // other attempts wrote through the stripes meanwhile.
    u->small = t && !d->m_stripes && t->size <= DictUndo::SMALL_SIZE && t->nentries <= DictUndo::SMALL_ENTRIES;
    if (u->small) {
        memcpy(u->small_indices, t->indices(), static_cast<size_t>(t->size) * sizeof(int32_t));
        memcpy(u->small_entries, t->entries(), static_cast<size_t>(t->nentries) * sizeof(DictEntry));
        u->logged = ~uint64_t(0); // DICT-8: every entry is saved already
    }
    d->m_undo.attach(d, u);
    return u;
}
void dict_undo_restore(Object* o, Type*, void* r)
{
    auto* d = static_cast<DictObject*>(o);
    auto* u = static_cast<DictUndo*>(r);
    if (DictTable* t = u->table) {
        if (u->small) {
            memcpy(t->indices(), u->small_indices, static_cast<size_t>(t->size) * sizeof(int32_t));
            memcpy(t->entries(), u->small_entries, static_cast<size_t>(u->nentries) * sizeof(DictEntry));
        }
        for (size_t k = u->entries.size(); k-- > 0;)
            t->entries()[u->entries[k].first] = u->entries[k].second;
        for (size_t k = u->slots.size(); k-- > 0;)
            t->indices()[u->slots[k].first] = u->slots[k].second;
        t->nentries = u->nentries;
        t->used = u->used;
        t->fill = u->fill;
    }
    if (d->m_table != u->table)
        retire_table(d->m_table); // allocated by the attempt (DICT-6)
    d->m_table = u->table;
    d->m_stripes = u->stripes;
    u->owned = false;
    u->entries.clear();
    u->slots.clear();
    // DICT-2: a fresh version, not the saved one: a cache filled at any time before the restore
    // (by this thread or another, from the committed state or the attempt's) cannot match the
    // restored state by accident; it looks the entry up again.
    d->m_version = dict_fresh_version(d);
    note_mutation(d); // a type dict: the attribute cache may hold the attempt's values (TYPE-3)
}
void dict_undo_drop(void* r)
{
    auto* u = static_cast<DictUndo*>(r);
    u->dict->m_undo.detach(u);
    if (u->owned)
        retire_table(u->table); // GC-9: other threads may still read the committed table
    if (t_undo_pool.size() < POOL_MAX && u->entries.capacity() <= POOL_LOG_MAX
        && u->slots.capacity() <= POOL_LOG_MAX) {
        u->entries.clear();
        u->slots.clear();
        t_undo_pool.push_back(u);
    } else {
        delete u;
    }
}
void dict_undo_trace(void* r, gc::Tracer& tr)
{
    auto* u = static_cast<DictUndo*>(r);
    if (u->small) {
        for (int64_t i = 0; i < u->nentries; i++) {
            if (u->small_entries[i].key) {
                tr.visit(u->small_entries[i].key);
                tr.visit(u->small_entries[i].value);
            }
        }
    }
    for (auto const& e : u->entries) {
        if (e.second.key) {
            tr.visit(e.second.key);
            tr.visit(e.second.value);
        }
    }
    if (u->owned)
        trace_table(u->table, tr);
    if (u->stripes)
        tr.visit(u->stripes);
}

// A stripe's record (DICT-9): the values this attempt overwrote through the stripe.
thread_local std::vector<StripeUndo*> t_stripe_pool;

void* stripe_undo_save(Object* o, Type*)
{
    auto* st = static_cast<DictStripe*>(o);
    StripeUndo* u = take_record(t_stripe_pool);
    u->stripe = st;
    st->m_undo.attach(st, u);
    return u;
}
void stripe_undo_restore(Object*, Type*, void* r)
{
    // The logged tables are alive: the dict's current table, or one that its own record keeps
    // until its restore (no other attempt can replace the table while we hold the stripe).
    auto* u = static_cast<StripeUndo*>(r);
    for (size_t k = u->log.size(); k-- > 0;)
        u->log[k].table->entries()[u->log[k].ix].value = u->log[k].old;
    u->log.clear();
}
void stripe_undo_drop(void* r)
{
    auto* u = static_cast<StripeUndo*>(r);
    u->stripe->m_undo.detach(u);
    u->log.clear();
    if (t_stripe_pool.size() < STRIPE_POOL_MAX && u->log.capacity() <= POOL_LOG_MAX)
        t_stripe_pool.push_back(u);
    else
        delete u;
}
void stripe_undo_trace(void* r, gc::Tracer& tr)
{
    for (auto const& w : static_cast<StripeUndo*>(r)->log)
        tr.visit(w.old);
}
} // namespace

StmUndoOps const g_dict_stripe_undo { stripe_undo_save, stripe_undo_restore, stripe_undo_drop, stripe_undo_trace,
    UINT32_MAX };

StmUndoOps const g_dict_undo { dict_undo_save, dict_undo_restore, dict_undo_drop, dict_undo_trace, sizeof(DictObject) };

} // namespace pystm
