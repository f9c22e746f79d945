// builtins.__build_class__, what a class statement compiles to: resolves __mro_entries__ of the
// bases (keeping the originals as __orig_bases__), picks the most derived metaclass, prepares the
// namespace (__prepare__), runs the class body with it as locals (vm::call_class_body), calls the
// metaclass, and checks that the __class__ cell of zero-argument super() ended up holding the
// new class.
#include "builtins/builtins.h"
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include "vm/interpreter.h"
#include <vector>

namespace pystm {

namespace {

TupleObject* update_bases(TupleObject* bases)
{
    std::vector<Value> out;
    bool changed = false;
    for (int64_t i = 0; i < bases->m_size; ++i) {
        Value b = bases->item(i);
        if (is_type(b)) {
            out.push_back(b);
            continue;
        }
        Value meth = py_getattr_opt(b, names::__mro_entries__);
        if (!meth) {
            out.push_back(b);
            continue;
        }
        Value r = py_call1(meth, bases);
        if (!is_tuple(r))
            raise(&exc::TypeError, "__mro_entries__ must return a tuple");
        auto* t = r.as<TupleObject>();
        for (int64_t j = 0; j < t->m_size; ++j)
            out.push_back(t->item(j));
        changed = true;
    }
    if (!changed)
        return bases;
    return tuple_from(out.data(), static_cast<int64_t>(out.size()));
}

Value build_class(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs < 2)
        raise(&exc::TypeError, "__build_class__: not enough arguments");
    Value func = args[0];
    if (type_of(func) != &function_type)
        raise(&exc::TypeError, "__build_class__: func must be a function");
    Value name = args[1];
    if (!is_str(name))
        raise(&exc::TypeError, "__build_class__: name is not a string");
    TupleObject* orig_bases = tuple_from(args + 2, static_cast<int64_t>(nargs - 2));
    TupleObject* bases = update_bases(orig_bases);

    // Keyword arguments: metaclass= is ours, the rest go to __prepare__, the metaclass and
    // __init_subclass__.
    Value meta;
    std::vector<Value> kwvals;
    std::vector<Value> kwkeys;
    size_t nkw = kwnames ? static_cast<size_t>(kwnames->m_size) : 0;
    for (size_t i = 0; i < nkw; ++i) {
        Value k = kwnames->item(static_cast<int64_t>(i));
        if (str_eq(k.as<StrObject>(), names::metaclass)) {
            meta = args[nargs + i];
            continue;
        }
        kwkeys.push_back(k);
        kwvals.push_back(args[nargs + i]);
    }
    TupleObject* mkwnames = kwkeys.empty() ? nullptr : tuple_from(kwkeys.data(), static_cast<int64_t>(kwkeys.size()));
    bool isclass = false;
    if (!meta) {
        meta = bases->m_size ? Value(type_of(bases->item(0))) : Value(&type_type);
        isclass = true;
    } else {
        isclass = is_type(meta);
    }
    if (isclass)
        meta = calculate_metaclass(meta.as<Type>(), bases);

    Value ns;
    Value prepare = py_getattr_opt(meta, names::__prepare__);
    if (prepare) {
        gc::RootedValues pargs;
        pargs.push_back(name);
        pargs.push_back(bases);
        pargs.insert(pargs.end(), kwvals.begin(), kwvals.end());
        ns = py_call(prepare, pargs.data(), 2, mkwnames);
    } else {
        ns = dict_new();
    }
    if (!type_of(ns)->special(SP_getitem)) {
        std::string mn = isclass ? meta.as<Type>()->name_str() : "<metaclass>";
        raise(&exc::TypeError, "%s.__prepare__() must return a mapping, not %s", mn.c_str(), type_name(ns).c_str());
    }
    if (!is_dict(ns))
        raise(&exc::NotImplementedError, "class namespaces that are not dicts are not supported (%s.__prepare__)",
            isclass ? meta.as<Type>()->name_str().c_str() : "<metaclass>");
    Value cell = vm::call_class_body(func.as<FunctionObject>(), ns.as<DictObject>());
    if (bases != orig_bases)
        py_setitem(ns, names::__orig_bases__, orig_bases);
    gc::RootedValues margs;
    margs.push_back(name);
    margs.push_back(bases);
    margs.push_back(ns);
    margs.insert(margs.end(), kwvals.begin(), kwvals.end());
    Value cls = py_call(meta, margs.data(), 3, mkwnames);
    if (is_type(cls) && cell && type_of(cell) == &cell_type) {
        Value content = cell_get(cell.as<CellObject>());
        if (content != cls) {
            if (!content)
                raise(&exc::RuntimeError,
                    "__class__ not set defining %s as %s. Was __classcell__ propagated to type.__new__?",
                    repr_utf8(name).c_str(), repr_utf8(cls).c_str());
            raise(&exc::TypeError, "__class__ set to %s defining %s as %s", repr_utf8(content).c_str(),
                repr_utf8(name).c_str(), repr_utf8(cls).c_str());
        }
    }
    return cls;
}

} // namespace

MethodDef const g_builtin_class_methods[] = {
    { "__build_class__", build_class, METH_DEFAULT,
        "__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class\n\n"
        "Internal helper function used by the class statement." },
    { nullptr, nullptr },
};

} // namespace pystm
