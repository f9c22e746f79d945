// __del__: the object-layer side of the collector's finalizers (gc/weak_slots.h, GC-6). The
// collector decides when; this file decides which types qualify and how __del__ is called.
#include "gc/weak_slots.h"
#include "objects/api.h"
#include "objects/exceptions.h"
#include "objects/str_object.h"
#include "objects/type_object.h"
#include "vm/traceback.h"
#include "vm/transaction.h"

#include "modules/builtin_modules.h"

namespace pystm {

namespace {

// Runs during a collection: must not allocate or run Python code. type_lookup() only reads the
// MRO's dicts, whose keys are all str.
bool has_finalizer(Type* t) { return !type_lookup(t, names::__del__).is_null(); }

void run_finalizer(Object* o)
{
    // The collector took [o] off its queue (C++ state, never rolled back) and marked it
    // finalized: an abort from here on would lose the call, so no barrier may come first.
    vm::transaction_irreversible();
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
    hooks.run = run_finalizer;
    gc::set_finalizer_hooks(hooks);
}

} // namespace pystm
