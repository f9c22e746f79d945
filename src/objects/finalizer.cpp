// __del__: the object-layer side of the collector's finalizers (gc/weak_slots.h, GC-6). The
// collector decides when; this file decides which types qualify and how __del__ is called.
#include "gc/weak_slots.h"
#include "objects/api.h"
#include "objects/exceptions.h"
#include "objects/str_object.h"
#include "objects/type_object.h"
#include "vm/traceback.h"

#include "modules/builtin_modules.h"

namespace pystm {

namespace {

// Runs during a collection: must not allocate or run Python code. type_lookup() only reads the
// MRO's dicts, whose keys are all str.
bool has_finalizer(Type* t) { return !type_lookup(t, names::__del__).is_null(); }

void run_finalizer(Object* o)
{
    Value func = type_lookup(o->m_type, names::__del__);
    if (!func)
        return;
    try {
        Value self(o);
        Value bound = py_getattr(self, names::__del__);
        py_call0(bound);
    } catch (PyError&) {
        // CPython reports and ignores exceptions raised by __del__.
        Value exc = take_exception();
        try {
            Value err = sys_get("stderr");
            std::string line = "Exception ignored in: " + repr_utf8(func) + "\n";
            if (err && !is_none(err)) {
                Value text(str_from_utf8(line));
                py_call_method(err, names::write, &text, 1);
            } else {
                std::fputs(line.c_str(), stderr);
            }
            print_exception(exc);
        } catch (PyError&) {
            take_exception();
        }
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
