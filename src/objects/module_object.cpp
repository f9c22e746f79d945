// The module type: a namespace dict plus CPython's module behaviour (repr, attribute lookup
// through the dict with PEP 562 module __getattr__ / __dir__, the AttributeError message,
// __dict__, __annotations__).
//
// Invariant MOD-1: m_dict is never null once a module is constructed; it is the instance
// __dict__ (the type's m_dict_offset points at it), so the generic attribute algorithm of the
// object model reads and writes module attributes through it.
#include "objects/module_object.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/import.h"

namespace pystm {

Type module_type(&type_type);

namespace {

uint32_t module_dict_offset()
{
    alignas(ModuleObject) static char probe[sizeof(ModuleObject)];
    auto* m = reinterpret_cast<ModuleObject*>(probe);
    return static_cast<uint32_t>(reinterpret_cast<char*>(&m->m_dict) - probe);
}

void trace_module(Object* o, gc::Tracer& t) { t.visit(static_cast<ModuleObject*>(o)->m_dict); }

DictObject* mod_dict(Value self)
{
    ModuleObject* m = self.as<ModuleObject>();
    read_barrier(m);
    return m->m_dict;
}

void init_module_dict(DictObject* d, Value name, Value doc)
{
    dict_set_str(d, names::__name__, name);
    dict_set_str(d, names::__doc__, doc);
    dict_set_str(d, names::__package__, none());
    dict_set_str(d, names::__loader__, none());
    dict_set_str(d, names::__spec__, none());
}

Value module_tp_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "module.__new__(X): X is not a type object");
    Type* t = args[0].as<Type>();
    if (!t->is_subtype(&module_type))
        raise(&exc::TypeError, "module.__new__(%s): %s is not a subtype of module", t->name_str().c_str(),
            t->name_str().c_str());
    DictObject* d = dict_new();
    return Value(gc::make<ModuleObject>(t, d));
}

Value module_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[2];
    parse_args("module", args, nargs, kwnames, { "name", "doc" }, 0, a);
    if (!a[0])
        raise(&exc::TypeError, "module() missing required argument 'name' (pos 1)");
    if (!is_str(a[0]))
        raise(&exc::TypeError, "module() argument 'name' must be str, not %s", type_name(a[0]).c_str());
    init_module_dict(mod_dict(self), a[0], a[1] ? a[1] : none());
    return none();
}

Value module_repr(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__repr__", nargs, kwnames, 0, 0);
    Value name = py_getattr_opt(self, names::__name__);
    std::string n = name && is_str(name) ? str_utf8(name) : "?";
    Value loader = py_getattr_opt(self, names::__loader__);
    Value file = py_getattr_opt(self, names::__file__);
    if (file && is_str(file))
        return str_from_utf8("<module '" + n + "' from '" + str_utf8(file) + "'>");
    if (loader && loader == Value(&builtin_importer_type))
        return str_from_utf8("<module '" + n + "' (built-in)>");
    if (loader && !is_none(loader))
        return str_from_utf8("<module '" + n + "' (" + repr_utf8(loader) + ")>");
    return str_from_utf8("<module '" + n + "'>");
}

[[noreturn]] void raise_module_attribute_error(Value self, StrObject* attr)
{
    Value name = dict_get_str(mod_dict(self), names::__name__);
    std::string msg;
    if (name && is_str(name)) {
        if (import_is_initializing(name.as<StrObject>()))
            msg = "partially initialized module '" + str_utf8(name) + "' has no attribute '" + str_utf8(attr)
                + "' (most likely due to a circular import)";
        else
            msg = "module '" + str_utf8(name) + "' has no attribute '" + str_utf8(attr) + "'";
    } else {
        msg = "module has no attribute '" + str_utf8(attr) + "'";
    }
    Value e = exception_new(&exc::AttributeError, { Value(str_from_utf8(msg)) });
    py_setattr(e, names::name, Value(attr));
    py_setattr(e, names::obj, self);
    raise_value(e);
}

Value module_getattribute(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__getattribute__", nargs, kwnames, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "attribute name must be string, not '%s'", type_name(args[0]).c_str());
    StrObject* name = args[0].as<StrObject>();
    Value v = generic_getattr_opt(self, name);
    if (v)
        return v;
    // PEP 562: a module-level __getattr__ handles names the module does not define.
    Value hook = dict_get_str(mod_dict(self), names::__getattr__);
    if (hook)
        return py_call1(hook, Value(name));
    raise_module_attribute_error(self, name);
}

Value module_dir(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__dir__", nargs, kwnames, 0, 0);
    Value d = py_getattr(self, names::__dict__);
    if (!is_dict(d))
        raise(&exc::TypeError, "<module>.__dict__ is not a dictionary");
    Value hook = dict_get_str(d.as<DictObject>(), names::__dir__);
    if (hook)
        return py_call0(hook);
    return Value(py_list_from_iterable(d));
}

Value get_module_dict(Value self) { return Value(mod_dict(self)); }
void set_module_dict(Value, Value) { raise(&exc::AttributeError, "readonly attribute"); }

Value get_annotations(Value self)
{
    DictObject* d = mod_dict(self);
    Value ann = dict_get_str(d, names::__annotations__);
    if (!ann) {
        ann = Value(dict_new());
        dict_set_str(d, names::__annotations__, ann);
    }
    return ann;
}
void set_annotations(Value self, Value v)
{
    DictObject* d = mod_dict(self);
    if (v) {
        dict_set_str(d, names::__annotations__, v);
        return;
    }
    if (!dict_pop(d, Value(names::__annotations__)))
        raise(&exc::AttributeError, "__annotations__");
}

MethodDef const s_module_methods[] = {
    { "__new__", module_tp_new, METH_STATIC },
    { "__init__", module_init },
    { "__repr__", module_repr },
    { "__getattribute__", module_getattribute },
    { "__dir__", module_dir },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* module_new(StrObject* name)
{
    DictObject* d = dict_new();
    // Module globals are read by every function of the module and rarely written once the
    // module has run: they use the read-mostly scheme (STM-7), which keeps them out of read sets.
    stm::set_read_mostly(d, true);
    ModuleObject* m = gc::make<ModuleObject>(&module_type, d);
    init_module_dict(d, Value(name), none());
    return m;
}

ModuleObject* module_new(char const* name) { return module_new(str_from_utf8(name)); }

void setup_module_types()
{
    init_static_type(&module_type, "module", nullptr, sizeof(ModuleObject), TF_BASETYPE, trace_module);
    module_type.m_dict_offset = module_dict_offset();
    module_type.m_doc = "Create a module object.\n\nThe name must be a string; the optional doc argument can have any type.";
    // The other static types of the runtime (structseqs, streams, files).
    setup_runtime_module_types();
}

void init_module_types()
{
    add_methods(&module_type, s_module_methods);
    add_getset(&module_type, "__dict__", get_module_dict, set_module_dict);
    add_getset(&module_type, "__annotations__", get_annotations, set_annotations);
    init_runtime_module_types();
}

} // namespace pystm
