// The _operator module, partly: the callable classes itemgetter, attrgetter and methodcaller
// (CPython 3.11's reprs, pickling and errors), the hot spots of sort keys. operator.py runs
// `from _operator import *`, so everything not defined here (add, mul, ..., length_hint,
// _compare_digest) keeps operator.py's pure-Python definition.
//
// Instances are immutable after construction (their fields are written only in __new__).
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/import.h"
#include <vector>

namespace pystm {

namespace {

Type itemgetter_type { &type_type };
Type attrgetter_type { &type_type };
Type methodcaller_type { &type_type };

struct GetterObject : Object {
    TupleObject* m_items; // itemgetter: the keys; attrgetter: per attribute, a tuple of the dotted parts
    bool m_single; // one key / one attribute: the call returns the value itself, not a tuple
    GetterObject(Type* t, TupleObject* items, bool single) : Object(t), m_items(items), m_single(single) { }
};

struct MethodCallerObject : Object {
    StrObject* m_name;
    TupleObject* m_args;
    DictObject* m_kw;
    MethodCallerObject(Type* t, StrObject* name, TupleObject* args, DictObject* kw) : Object(t), m_name(name), m_args(args), m_kw(kw) { }
};

void trace_getter(Object* o, gc::Tracer& t) { t.visit(static_cast<GetterObject*>(o)->m_items); }
void trace_methodcaller(Object* o, gc::Tracer& t)
{
    auto* m = static_cast<MethodCallerObject*>(o);
    t.visit(m->m_name);
    t.visit(m->m_args);
    t.visit(m->m_kw);
}

Type* cls_arg(Value const* args, size_t nargs, Type* base, char const* name)
{
    if (nargs < 1 || !is_type(args[0]) || !args[0].as<Type>()->is_subtype(base))
        raise(&exc::TypeError, "%s.__new__(X): X is not a subtype of %s", name, name);
    return args[0].as<Type>();
}

void no_kwargs(char const* name, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "%s() takes no keyword arguments", name);
}

Value one_call_arg(char const* name, size_t nargs, TupleObject* kw, Value const* args)
{
    no_kwargs(name, kw);
    if (nargs != 1)
        raise(&exc::TypeError, "%s expected 1 argument, got %zu", name, nargs);
    return args[0];
}

// --- itemgetter ------------------------------------------------------------------------------------

Value ig_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = cls_arg(args, nargs, &itemgetter_type, "itemgetter");
    no_kwargs("itemgetter", kw);
    if (nargs < 2)
        raise(&exc::TypeError, "itemgetter expected 1 argument, got 0");
    return gc::make<GetterObject>(cls, tuple_from(args + 1, static_cast<int64_t>(nargs - 1)), nargs == 2);
}

Value ig_call(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value obj = one_call_arg("itemgetter", nargs, kw, args);
    auto* g = self.as<GetterObject>();
    if (g->m_single)
        return py_getitem(obj, g->m_items->item(0));
    TupleObject* out = tuple_new(g->m_items->m_size);
    for (int64_t i = 0; i < g->m_items->m_size; i++)
        out->items()[i] = py_getitem(obj, g->m_items->item(i));
    return out;
}

std::string args_repr(TupleObject* t)
{
    std::string s;
    for (int64_t i = 0; i < t->m_size; i++)
        s += (i ? ", " : "") + repr_utf8(t->item(i));
    return s;
}

std::string type_display(Value self)
{
    Type* t = type_of(self);
    return t->has_flag(TF_HEAPTYPE) ? str_utf8(t->m_name) : std::string(t->m_tp_name);
}

Value ig_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    return str_from_utf8(type_display(self) + "(" + args_repr(self.as<GetterObject>()->m_items) + ")");
}

Value ig_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    return tuple_of({ Value(type_of(self)), Value(self.as<GetterObject>()->m_items) });
}

// --- attrgetter --------------------------------------------------------------------------------------

Value ag_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = cls_arg(args, nargs, &attrgetter_type, "attrgetter");
    no_kwargs("attrgetter", kw);
    if (nargs < 2)
        raise(&exc::TypeError, "attrgetter expected 1 argument, got 0");
    TupleObject* items = tuple_new(static_cast<int64_t>(nargs - 1));
    for (size_t i = 1; i < nargs; i++) {
        if (!is_str(args[i]))
            raise(&exc::TypeError, "attribute name must be a string");
        // Split "a.b.c" into interned parts once.
        std::string name = str_utf8(args[i].as<StrObject>());
        gc::RootedValues parts;
        size_t start = 0;
        for (;;) {
            size_t dot = name.find('.', start);
            parts.push_back(Value(intern(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start))));
            if (dot == std::string::npos)
                break;
            start = dot + 1;
        }
        items->items()[i - 1] = tuple_from(parts.data(), static_cast<int64_t>(parts.size()));
    }
    return gc::make<GetterObject>(cls, items, nargs == 2);
}

Value dotted_get(Value obj, TupleObject* parts)
{
    for (int64_t i = 0; i < parts->m_size; i++)
        obj = py_getattr(obj, parts->item(i).as<StrObject>());
    return obj;
}

Value ag_call(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value obj = one_call_arg("attrgetter", nargs, kw, args);
    auto* g = self.as<GetterObject>();
    if (g->m_single)
        return dotted_get(obj, g->m_items->item(0).as<TupleObject>());
    TupleObject* out = tuple_new(g->m_items->m_size);
    for (int64_t i = 0; i < g->m_items->m_size; i++)
        out->items()[i] = dotted_get(obj, g->m_items->item(i).as<TupleObject>());
    return out;
}

// The attribute names as the strings the constructor received.
TupleObject* ag_names(GetterObject* g)
{
    TupleObject* out = tuple_new(g->m_items->m_size);
    for (int64_t i = 0; i < g->m_items->m_size; i++) {
        TupleObject* parts = g->m_items->item(i).as<TupleObject>();
        std::string s;
        for (int64_t k = 0; k < parts->m_size; k++)
            s += (k ? "." : "") + str_utf8(parts->item(k).as<StrObject>());
        out->items()[i] = str_from_utf8(s);
    }
    return out;
}

Value ag_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    return str_from_utf8(type_display(self) + "(" + args_repr(ag_names(self.as<GetterObject>())) + ")");
}

Value ag_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    return tuple_of({ Value(type_of(self)), Value(ag_names(self.as<GetterObject>())) });
}

// --- methodcaller ------------------------------------------------------------------------------------

Value mc_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = cls_arg(args, nargs, &methodcaller_type, "methodcaller");
    if (nargs < 2)
        raise(&exc::TypeError, "methodcaller needs at least one argument, the method name");
    if (!is_str(args[1]))
        raise(&exc::TypeError, "method name must be a string");
    DictObject* d = dict_new();
    if (kw)
        for (int64_t i = 0; i < kw->m_size; i++)
            dict_set(d, kw->item(i), args[nargs + static_cast<size_t>(i)]);
    return gc::make<MethodCallerObject>(cls, intern(args[1].as<StrObject>()), tuple_from(args + 2, static_cast<int64_t>(nargs - 2)), d);
}

Value mc_call(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value obj = one_call_arg("methodcaller", nargs, kw, args);
    auto* m = self.as<MethodCallerObject>();
    Value method = py_getattr(obj, m->m_name);
    return py_call_ex(method, m->m_args, dict_size(m->m_kw) ? m->m_kw : nullptr);
}

Value mc_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    auto* m = self.as<MethodCallerObject>();
    std::string s = type_display(self) + "(" + repr_utf8(m->m_name);
    for (int64_t i = 0; i < m->m_args->m_size; i++)
        s += ", " + repr_utf8(m->m_args->item(i));
    int64_t pos = 0;
    Value k, v;
    while (dict_next(m->m_kw, &pos, &k, &v))
        s += ", " + str_utf8(py_str(k)) + "=" + repr_utf8(v);
    return str_from_utf8(s + ")");
}

Value mc_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* m = self.as<MethodCallerObject>();
    TupleObject* a = tuple_new(m->m_args->m_size + 1);
    a->items()[0] = m->m_name;
    for (int64_t i = 0; i < m->m_args->m_size; i++)
        a->items()[i + 1] = m->m_args->item(i);
    if (!dict_size(m->m_kw))
        return tuple_of({ Value(type_of(self)), Value(a) });
    // Keyword arguments: rebuild through functools.partial, as CPython does.
    Value partial = py_getattr(import_module("functools"), str_from_ascii("partial"));
    Value bound = py_call_ex(partial, tuple_of({ Value(type_of(self)), Value(m->m_name) }), m->m_kw);
    return tuple_of({ bound, Value(m->m_args) });
}

MethodDef const ig_methods[] = {
    { "__new__", ig_new, METH_STATIC },
    { "__call__", ig_call },
    { "__repr__", ig_repr },
    { "__reduce__", ig_reduce },
    { nullptr, nullptr },
};
MethodDef const ag_methods[] = {
    { "__new__", ag_new, METH_STATIC },
    { "__call__", ag_call },
    { "__repr__", ag_repr },
    { "__reduce__", ag_reduce },
    { nullptr, nullptr },
};
MethodDef const mc_methods[] = {
    { "__new__", mc_new, METH_STATIC },
    { "__call__", mc_call },
    { "__repr__", mc_repr },
    { "__reduce__", mc_reduce },
    { nullptr, nullptr },
};

} // namespace

void setup_operator_types()
{
    init_static_type(&itemgetter_type, "operator.itemgetter", nullptr, sizeof(GetterObject), 0, trace_getter);
    init_static_type(&attrgetter_type, "operator.attrgetter", nullptr, sizeof(GetterObject), 0, trace_getter);
    init_static_type(&methodcaller_type, "operator.methodcaller", nullptr, sizeof(MethodCallerObject), 0, trace_methodcaller);
}

void init_operator_types()
{
    add_methods(&itemgetter_type, ig_methods);
    add_methods(&attrgetter_type, ag_methods);
    add_methods(&methodcaller_type, mc_methods);
}

ModuleObject* init_operator_module()
{
    ModuleObject* m = module_new("_operator");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, str_from_ascii("Operator interface.\n\nThis module exports a set of functions implemented in C corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, y)\nis equivalent to the expression x+y.  The function names are those\nused for special methods; variants without leading and trailing\n'__' are also provided for convenience."));
    dict_set_cstr(d, "itemgetter", &itemgetter_type);
    dict_set_cstr(d, "attrgetter", &attrgetter_type);
    dict_set_cstr(d, "methodcaller", &methodcaller_type);
    return m;
}

} // namespace pystm
