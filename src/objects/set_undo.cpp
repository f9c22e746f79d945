// The STM undo records of sets (objects/undo.h, UNDO-4): the invariants SET-4 and SET-5 of
// set_object.cpp, kept here.
#include "objects/set_internal.h"
#include "objects/tuple_object.h"
#include "objects/undo.h"

namespace pystm {

namespace {
void* set_undo_save(Object* o, Type*)
{
    auto* so = static_cast<SetObject*>(o);
    SetTable* t = so->m_table;
    auto* u = new SetUndo { so, t, t ? t->fill : 0, t ? t->used : 0, t ? t->finger : 0, so->m_hash_cache,
        so->m_stripes };
    so->m_undo.attach(so, u);
    return u;
}
void set_undo_restore(Object* o, Type*, void* r)
{
    auto* so = static_cast<SetObject*>(o);
    auto* u = static_cast<SetUndo*>(r);
    if (SetTable* t = u->table) {
        for (size_t k = u->log.size(); k-- > 0;)
            t->entries()[u->log[k].first] = u->log[k].second;
        t->fill = u->fill;
        t->used = u->used;
        t->finger = u->finger;
    }
    if (so->m_table != u->table)
        retire_table(so->m_table); // allocated by the attempt (SET-5)
    so->m_table = u->table;
    u->owned = false;
    u->log.clear();
    so->m_hash_cache = u->hash_cache;
    so->m_stripes = u->stripes;
}
void set_undo_drop(void* r)
{
    auto* u = static_cast<SetUndo*>(r);
    u->set->m_undo.detach(u);
    if (u->owned)
        retire_table(u->table); // GC-9: other threads may still read the committed table
    delete u;
}
void set_undo_trace(void* r, gc::Tracer& tr)
{
    auto* u = static_cast<SetUndo*>(r);
    for (auto const& e : u->log)
        if (e.second.key)
            tr.visit(e.second.key);
    if (u->owned)
        trace_set_table(u->table, tr);
    if (u->stripes)
        tr.visit(u->stripes);
}
} // namespace

StmUndoOps const g_set_undo { set_undo_save, set_undo_restore, set_undo_drop, set_undo_trace, sizeof(SetObject) };

} // namespace pystm
