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
#include "vm/import.h"
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
    if (g->m_state == GEN_CREATED)
        return o->m_type == &coroutine_type; // never awaited: it warns
    return g->m_state == GEN_SUSPENDED && g->m_frame && g->m_frame->m_nblocks > 0;
}

// As CPython when it frees a coroutine that never started: warnings._warn_unawaited_coroutine()
// builds the message (with the coroutine's cr_origin, when origin tracking recorded one) and
// warns. An error from it is reported as unraisable, and unless that error is the warning itself
// (turned into an error by a filter), a plain warning follows.
void warn_unawaited(GenObject* g)
{
    bool warned = false;
    try {
        Value warnings = import_module("warnings");
        if (Value fn = py_getattr_opt(warnings, intern("_warn_unawaited_coroutine"))) {
            py_call1(fn, Value(g));
            warned = true;
        }
    } catch (PyError&) {
        warned = exception_matches(&exc::RuntimeWarning);
        write_unraisable(take_exception(), nullptr, Value(g));
    }
    if (warned)
        return;
    try {
        warn_format(&exc::RuntimeWarning, 1, "coroutine '%s' was never awaited",
            str_utf8(Value(g->m_qualname)).c_str());
    } catch (PyError&) {
        write_unraisable(take_exception(), nullptr, Value(g));
    }
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
        auto* g = static_cast<GenObject*>(o);
        if (o->m_type == &coroutine_type && g->m_state == GEN_CREATED)
            warn_unawaited(g);
        else
            close_generator(g);
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
