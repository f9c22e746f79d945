// The builtins module: assembles the topic method tables (builtins.h), publishes every builtin
// type and exception class under its Python name and the constants (None, Ellipsis,
// NotImplemented, __debug__), and defines exit / quit (site.Quitter in CPython).
#include "builtins/builtins.h"
#include "compiler/compiler.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/module_object.h"
#include "objects/range_object.h"
#include "objects/set_object.h"
#include "objects/slice_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"

namespace pystm {

extern Type memoryview_type; // modules/io_memoryview.cpp

namespace {

Value s_builtins;

// exit / quit: callable objects whose repr tells the user how to leave the REPL.
struct QuitterObject : Object {
    Value m_name;
    explicit QuitterObject(Type* t) : Object(t) { }
};
Type s_quitter_type(&type_type);

void trace_quitter(Object* o, gc::Tracer& t) { t.visit(static_cast<QuitterObject*>(o)->m_name); }

Value quitter_repr(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__repr__", nargs, kwnames, 0, 0);
    std::string name = str_utf8(self.as<QuitterObject>()->m_name);
    return Value(str_from_utf8("Use " + name + "() or Ctrl-D (i.e. EOF) to exit"));
}

Value quitter_call(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[1];
    parse_args(str_utf8(self.as<QuitterObject>()->m_name).c_str(), args, nargs, kwnames, { "code" }, 0, a);
    // Like site.Quitter: close stdin so that a parent reading from it sees EOF.
    Value in = sys_get("stdin");
    if (in && !is_none(in)) {
        try {
            py_call_method(in, names::close, nullptr, 0);
        } catch (PyError&) {
            take_exception();
        }
    }
    raise_value(exception_new(&exc::SystemExit, { a[0] ? a[0] : none() }));
}

MethodDef const s_quitter_methods[] = {
    { "__repr__", quitter_repr },
    { "__call__", quitter_call },
    { nullptr, nullptr },
};

Value make_quitter(char const* name)
{
    auto* q = gc::make<QuitterObject>(&s_quitter_type);
    q->m_name = Value(str_from_utf8(name));
    return Value(q);
}

void add_table(DictObject* d, MethodDef const* defs, Value module)
{
    for (MethodDef const* def = defs; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, module)));
}

} // namespace

void setup_builtins_types()
{
    init_static_type(&s_quitter_type, "_sitebuiltins.Quitter", nullptr, sizeof(QuitterObject), 0, trace_quitter);
    setup_async_builtin_types();
}

void init_builtins_types()
{
    add_methods(&s_quitter_type, s_quitter_methods);
    init_async_builtin_types();
}

ModuleObject* builtins_module() { return s_builtins ? s_builtins.as<ModuleObject>() : nullptr; }

ModuleObject* init_builtins_module_for_import() { return builtins_module(); }

void init_builtins_module()
{
    ModuleObject* m = module_new("builtins");
    s_builtins = Value(m);
    gc::add_root(&s_builtins);
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__,
        Value(str_from_utf8("Built-in functions, exceptions, and other objects.\n\nNoteworthy: None is the `nil' "
                            "object; Ellipsis represents `...' in slices.")));
    dict_set_str(d, names::__package__, Value(str_empty()));
    dict_set_str(d, names::__loader__, Value(&builtin_importer_type));

    add_table(d, g_builtin_core_methods, Value(m));
    add_table(d, g_builtin_numeric_methods, Value(m));
    add_table(d, g_builtin_text_methods, Value(m));
    add_table(d, g_builtin_iter_methods, Value(m));
    add_table(d, g_builtin_async_methods, Value(m));
    add_table(d, g_builtin_class_methods, Value(m));

    struct {
        char const* name;
        Type* type;
    } const types[] = {
        { "object", &object_type },
        { "type", &type_type },
        { "int", &int_type },
        { "bool", &bool_type },
        { "float", &float_type },
        { "complex", &complex_type },
        { "str", &str_type },
        { "bytes", &bytes_type },
        { "bytearray", &bytearray_type },
        { "memoryview", &memoryview_type }, // modules/io_memoryview.cpp
        { "list", &list_type },
        { "tuple", &tuple_type },
        { "dict", &dict_type },
        { "set", &set_type },
        { "frozenset", &frozenset_type },
        { "range", &range_type },
        { "slice", &slice_type },
        { "enumerate", &enumerate_type },
        { "zip", &zip_type },
        { "map", &map_type },
        { "filter", &filter_type },
        { "reversed", &reversed_type },
        { "property", &property_type },
        { "staticmethod", &staticmethod_type },
        { "classmethod", &classmethod_type },
        { "super", &super_type },
    };
    for (auto const& t : types)
        dict_set_cstr(d, t.name, Value(t.type));

#define EXCEPTION(name, base) dict_set_cstr(d, #name, Value(&exc::name));
#include "objects/exceptions.def"
#undef EXCEPTION
    // Aliases kept for compatibility (PEP 3151).
    dict_set_cstr(d, "EnvironmentError", Value(&exc::OSError));
    dict_set_cstr(d, "IOError", Value(&exc::OSError));

    dict_set_cstr(d, "None", none());
    dict_set_cstr(d, "Ellipsis", Value(g_ellipsis));
    dict_set_cstr(d, "NotImplemented", Value(g_not_implemented));
    dict_set_cstr(d, "True", py_bool(true));
    dict_set_cstr(d, "False", py_bool(false));
    dict_set_str(d, names::__debug__, py_bool(compiler::g_optimization_level == 0));
    dict_set_cstr(d, "exit", make_quitter("exit"));
    dict_set_cstr(d, "quit", make_quitter("quit"));
}

} // namespace pystm
