// Weak slots: the collector's support for weak references (invariant GC-4). Kept out of
// gc/heap.h so that the many files including that header do not depend on it.
//
// A weak-reference object keeps its referent in a Value slot that its m_trace does not visit
// and registers that slot with register_weak_slot(owner, slot) (the referent must be a heap
// object). After marking and before sweeping, the collector looks at every registered slot: if
// its owner is unmarked the registration is dropped; if its referent is unmarked the slot is set
// to null, the registration is dropped and the owner is queued as "cleared" (the most recently
// registered owner of a referent first, as CPython calls callbacks).
// No Python code runs during a collection: collect() calls the after-collection hook (set by
// modules/weakref_module.cpp) once the heap lock is released, at the same safepoint; the hook
// takes the queued owners with take_cleared_weak_owners() and runs their callbacks. The owners
// stay alive until then because they were marked in this cycle and no safepoint intervenes.
//
// Invariant GC-4: a registered weak slot never names a swept object: it is cleared in the same
// collection that finds its referent unreachable, before that referent is swept.
#pragma once

#include "objects/object.h"
#include <vector>

namespace pystm::gc {

void register_weak_slot(Object* owner, Value* slot);
// Drops the registration of [slot] (owned by [owner]), if the slot still names its referent:
// for weak references made by a transaction attempt that aborted (WEAK-2), which would
// otherwise count in weak_owners_of() until the next collection finds them unreachable.
void unregister_weak_slot(Object* owner, Value* slot);
// The owners of the registered slots that currently hold [referent], oldest first.
std::vector<Object*> weak_owners_of(Object const* referent);
std::vector<Object*> take_cleared_weak_owners();
using AfterCollectFn = void (*)();
void set_after_collect_hook(AfterCollectFn fn);

namespace detail {
// The collector's side (gc/heap.cpp). Between marking and sweeping, with the other threads
// stopped: drops the registrations of unmarked owners and clears the slots of unmarked
// referents, queueing their owners (GC-4).
void process_weak_slots();
// Whether the last collection queued cleared owners for the after-collection hook.
bool weak_slots_cleared();
} // namespace detail

// Finalizers (GC-6). When a collection finds an unreachable object of a heap type that defines
// __del__ and has not been finalized before, it marks it OF_FINALIZED, keeps it (and everything
// it reaches) alive for this cycle and queues it; after the collection, at the same safepoint
// and outside the heap lock, the finalizer hook calls each queued object's __del__ once. An
// object that __del__ does not resurrect is freed by a later collection, as in PEP 442.
// [has_finalizer] answers, without allocating or running Python code, whether objects of a type
// need finalization; [run] calls __del__ and reports its exceptions as CPython does.
// [needs_finalize] answers the same, without allocating either, for one registered object of a
// built-in type (below); [run] then finalizes it as its type does (a generator is closed).
struct FinalizerHooks {
    bool (*has_finalizer)(Type* t) = nullptr;
    bool (*needs_finalize)(Object* o) = nullptr;
    void (*run)(Object* o) = nullptr;
};
void set_finalizer_hooks(FinalizerHooks hooks);
// Must be called when a heap type may have gained __del__ (a class whose namespace defines it,
// or an assignment of __del__ to a class). Until the first call no object can need finalization,
// and collections skip the search for finalizable objects, which visits every allocated cell.
void note_finalizer_type();

// GC-15: objects of built-in types that may need finalizing when they die (CPython closes a
// generator suspended in a try or with block, which runs its finally clauses). A search by type
// would visit every cell at every collection, so each such object is registered when it is
// made, in its thread's list. A collection drops the registrations of unreachable objects and
// queues those that [needs_finalize] accepts with the __del__ objects (GC-6). A registration
// made by a transaction attempt that may still abort is tentative: an unreachable object it
// names is never finalized (the attempt made it and dropped it, or aborted), and
// settle_finalizable() keeps the calling thread's tentative registrations once its attempt
// committed, or drops them once it aborted (then they name objects that never existed).
// A registration that is not tentative settles the thread's earlier ones too: no attempt of
// the thread that may abort is running then.
void register_finalizable(Object* o, bool tentative);
void settle_finalizable(bool committed);

} // namespace pystm::gc
