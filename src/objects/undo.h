// Undo records of the STM (docs/internals/stm.md, "Undo records of the interpreter").
//
// When a transaction first writes an object, the STM runtime asks the interpreter (its client)
// to save the object's state, so that an abort can put it back. What that state is depends on
// the type: each static type that can be undone registers StmUndoOps for its builtin layout (the
// C++ struct of its instances); the extension of a heap subclass (its __dict__ pointer and
// __slots__ values) is saved by a byte copy on top. A write to an object whose static base type
// registered no operations makes the transaction inevitable first (UNDO-1), so no abort can ever
// need them: a type is correct without operations, only less parallel.
//
// Invariants:
//   UNDO-1  A non-inevitable transaction writes only objects whose type has undo operations (the
//           barrier of vm/stm_client.cpp enforces it).
//   UNDO-2  save() captures everything the type's code may change between the barrier and the end
//           of the transaction; restore() puts exactly that back. Storage that restore() or the
//           writer detaches from a list, dict or set is retired (gc::retire, GC-9), not freed:
//           other threads may still read it through a pointer loaded before the lock (STM-5).
//           (A list and a deque retire every block they replace, LIST-4 and DEQUE-1; the
//           buffer of a bytearray replaced by an inevitable transaction, which keeps no record,
//           is still freed at once.)
//   UNDO-3  A record keeps alive what it references: trace() visits it while the transaction runs.
//   UNDO-4  Incremental records (list, dict, set): save() costs O(1) and attaches the record to the
//           object (AttachedUndo below); every in-place change of the storage that was current at
//           save() is logged into it first (position and old contents), and storage that the
//           container replaces (resize, clear, reallocation) passes to the record instead of being
//           freed, so that it stays readable until the transaction ends and restore() can put it
//           back. A record is used only by the attempt that holds the object's lock and attached
//           it: the object keeps that attempt's lock word next to the pointer, and a record whose
//           word is not the object's current word is never dereferenced (the runtime drops
//           records after releasing the locks, so another attempt may already hold the object).
#pragma once

#include "objects/object.h"
#include "stm/stm.h"

namespace pystm {

namespace gc {
class Tracer;
}

struct StmUndoOps {
    // Saves the state of [o]'s builtin layout; [base] is the static type that defines it.
    void* (*save)(Object* o, Type* base);
    // Puts the saved state back into [o] (abort); [rec] is then dropped.
    void (*restore)(Object* o, Type* base, void* rec);
    void (*drop)(void* rec);
    void (*trace)(void* rec, gc::Tracer& t);
    // Bytes of the object, from its start, whose state these operations cover; the client saves
    // the rest (the plain fields of static subclasses, a heap subclass's __dict__ pointer and
    // __slots__) by a byte copy. UINT32_MAX: the whole object.
    uint32_t covers;
};

// Types whose builtin layout is plain data (Values, integers, pointers to objects, no C++-owned
// memory) use these: they cover nothing, so the client's byte copy saves the whole object.
extern StmUndoOps const g_plain_undo;

// The incremental undo record attached to a container (UNDO-4). Only the attempt that holds the
// object's STM lock writes these fields, so plain stores suffice except for the pointer: drop()
// runs after the lock is released and clears it with a compare-exchange, which cannot erase the
// record of an attempt that has locked the object since.
template <class Rec> struct AttachedUndo {
    std::atomic<Rec*> m_rec { nullptr };
    uint64_t m_word = 0; // the lock word of the attempt that attached m_rec

    // True if a record may be attached: the one test that mutation code pays when the STM is off.
    bool present() const { return m_rec.load(std::memory_order_relaxed) != nullptr; }
    // Attaches [r] for the attempt that holds [o]'s lock (from save()).
    void attach(Object const* o, Rec* r)
    {
        m_word = o->m_stm.load(std::memory_order_relaxed) & ~stm::kReadMostly;
        m_rec.store(r, std::memory_order_relaxed);
    }
    // The attached record if the attempt that holds [o]'s lock attached it, else null.
    Rec* get(Object const* o) const
    {
        Rec* r = m_rec.load(std::memory_order_relaxed);
        if (!r || (o->m_stm.load(std::memory_order_relaxed) & ~stm::kReadMostly) != m_word)
            return nullptr;
        return r;
    }
    // Detaches [r] if it is still attached (drop(), or the record stops logging).
    void detach(Rec* r) { m_rec.compare_exchange_strong(r, nullptr, std::memory_order_relaxed); }
};

// The undo operations of list, dict, set and bytearray (their .cpp files).
extern StmUndoOps const g_list_undo;
extern StmUndoOps const g_dict_undo;
extern StmUndoOps const g_dict_stripe_undo; // DICT-9
extern StmUndoOps const g_set_undo;
extern StmUndoOps const g_bytearray_undo;

} // namespace pystm
