// The atexit module: functions registered to run when the interpreter exits, last registered
// first. The pystm command calls atexit_run_callbacks() once, after the program finished (also
// after an uncaught exception was reported or SystemExit was raised) and before the standard
// streams are flushed, as CPython does.
//
// The callbacks live in one list of (func, args, kwargs) tuples, a GC root (GC-1). An exception
// raised by a callback is reported on stderr as CPython's "Exception ignored in atexit callback"
// and the remaining callbacks still run.
#include "builtins/builtins.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/function_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "vm/traceback.h"
#include "vm/transaction.h"
#include <cstdio>

namespace pystm {

namespace {

// Set once and never reassigned: a C++ global is not rolled back by an abort, so every change of
// the registry is a change of this list's items, which its undo record covers.
Value s_callbacks; // ListObject of (func, args, kwargs-or-None)

ListObject* callbacks()
{
    if (!s_callbacks) {
        // A list created by an attempt that aborts would keep what that attempt appended.
        vm::transaction_irreversible();
        s_callbacks = Value(list_new());
        gc::add_root(&s_callbacks);
    }
    return s_callbacks.as<ListObject>();
}

// Replaces the registry's items with [items] (in place, see s_callbacks).
void set_callbacks(gc::RootedValues const& items)
{
    ListObject* l = callbacks();
    py_call_method(Value(l), intern("clear"), nullptr, 0);
    for (Value item : items)
        list_append(l, item);
}

Value ax_register(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs < 1)
        raise(&exc::TypeError, "register() takes at least 1 argument (0 given)");
    if (!py_callable(args[0]))
        raise(&exc::TypeError, "the first argument must be callable");
    TupleObject* pos = tuple_new(static_cast<int64_t>(nargs - 1));
    for (size_t i = 1; i < nargs; i++)
        pos->items()[i - 1] = args[i];
    Value kw = none();
    if (kwnames && kwnames->m_size) {
        DictObject* d = dict_new();
        for (int64_t i = 0; i < kwnames->m_size; i++)
            dict_set(d, kwnames->item(i), args[nargs + static_cast<size_t>(i)]);
        kw = Value(d);
    }
    list_append(callbacks(), Value(tuple_of({ args[0], Value(pos), kw })));
    return args[0];
}

Value ax_unregister(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("unregister", nargs, kwnames, 1, 1);
    ListObject* l = callbacks();
    // Comparing may run Python code that changes the list: rebuild it from a snapshot.
    gc::RootedValues items;
    list_snapshot(l, items);
    gc::RootedValues kept;
    for (Value item : items)
        if (!py_eq(item.as<TupleObject>()->item(0), args[0]))
            kept.push_back(item);
    set_callbacks(kept);
    return none();
}

Value ax_run_exitfuncs(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("_run_exitfuncs", nargs, kwnames, 0, 0);
    atexit_run_callbacks();
    return none();
}

Value ax_clear(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("_clear", nargs, kwnames, 0, 0);
    set_callbacks(gc::RootedValues());
    return none();
}

Value ax_ncallbacks(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("_ncallbacks", nargs, kwnames, 0, 0);
    return Value::small_int(list_size(callbacks()));
}

MethodDef const s_atexit_methods[] = {
    { "register", ax_register, METH_DEFAULT,
        "register($module, func, /, *args, **kwargs)\n--\n\nRegister a function to be executed upon normal program termination\n\n    func - function to be called at exit\n    args - optional arguments to pass to func\n    kwargs - optional keyword arguments to pass to func\n\n    func is returned to facilitate usage as a decorator." },
    { "unregister", ax_unregister },
    { "_run_exitfuncs", ax_run_exitfuncs },
    { "_clear", ax_clear },
    { "_ncallbacks", ax_ncallbacks },
    { nullptr, nullptr },
};

} // namespace

void atexit_run_callbacks()
{
    if (!s_callbacks)
        return;
    // Callbacks registered while these run are not run (the list is taken now and cleared).
    gc::RootedValues items;
    list_snapshot(callbacks(), items);
    set_callbacks(gc::RootedValues());
    for (size_t i = items.size(); i-- > 0;) {
        TupleObject* t = items[i].as<TupleObject>();
        Value func = t->item(0);
        try {
            Value kw = t->item(2);
            py_call_ex(func, t->item(1).as<TupleObject>(), is_none(kw) ? nullptr : kw.as<DictObject>());
        } catch (PyError&) {
            Value e = take_exception();
            if (isinstance(e, &exc::SystemExit))
                continue;
            write_unraisable(e, "in atexit callback", func);
        }
    }
}

ModuleObject* init_atexit_module()
{
    ModuleObject* m = module_new("atexit");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, Value(str_from_ascii("allow programmer to define multiple exit functions to be executed\nupon normal program termination.\n\nTwo public functions, register and unregister, are defined.\n")));
    for (MethodDef const* def = s_atexit_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    callbacks();
    return m;
}

} // namespace pystm
