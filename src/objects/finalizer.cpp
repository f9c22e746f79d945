// __del__ and generator finalization: the object-layer side of the collector's finalizers
// (gc/weak_slots.h, GC-6, GC-15). The collector decides when; this file decides which objects
// qualify and how they are finalized.
#include "gc/weak_slots.h"
#include "objects/api.h"
#include "objects/exceptions.h"
#include "objects/generator_object.h"
#include "objects/str_object.h"
#include "objects/type_object.h"
#include "vm/frame.h"
#include "vm/traceback.h"
#include "vm/transaction.h"

#include "modules/builtin_modules.h"

namespace pystm {

namespace {

// Runs during a collection: must not allocate or run Python code. type_lookup() only reads the
// MRO's dicts, whose keys are all str.
bool has_finalizer(Type* t) { return !type_lookup(t, names::__del__).is_null(); }

// GC-15: a generator or coroutine that died suspended inside a try or with block (its frame has
// a block open) is closed, as CPython does when it frees one: GeneratorExit runs its finally
// clauses and __exit__ methods. Runs during a collection, with every thread stopped: plain
// reads, no barrier (GC-8).
bool needs_finalize(Object* o)
{
    auto* g = static_cast<GenObject*>(o);
    return g->m_state == GEN_SUSPENDED && g->m_frame && g->m_frame->m_nblocks > 0;
}

void close_generator(GenObject* g)
{
    try {
        gen_close(g);
    } catch (PyError&) {
        // CPython reports and ignores what close() raises from a finalizer.
        write_unraisable(take_exception(), nullptr, Value(g));
    }
}

void run_finalizer(Object* o)
{
    // The collector took [o] off its queue (C++ state, never rolled back) and marked it
    // finalized: an abort from here on would lose the call, so no barrier may come first.
    vm::transaction_irreversible();
    if (o->m_type == &generator_type || o->m_type == &coroutine_type) {
        close_generator(static_cast<GenObject*>(o));
        return;
    }
    Value func = type_lookup(o->m_type, names::__del__);
    if (!func)
        return;
    try {
        Value self(o);
        Value bound = py_getattr(self, names::__del__);
        py_call0(bound);
    } catch (PyError&) {
        // CPython reports and ignores exceptions raised by __del__.
        write_unraisable(take_exception(), nullptr, func);
    }
}

} // namespace

void install_finalizer_hooks()
{
    gc::FinalizerHooks hooks;
    hooks.has_finalizer = has_finalizer;
    hooks.needs_finalize = needs_finalize;
    hooks.run = run_finalizer;
    gc::set_finalizer_hooks(hooks);
}

} // namespace pystm
