// The descriptor types: property, staticmethod, classmethod, getset_descriptor (C++-implemented
// attributes), member_descriptor (__slots__ entries), and mappingproxy (the read-only view that
// is a class's __dict__). Also the C++ side of the descriptor protocol: descr_get(),
// is_data_descriptor(), descr_set(), with fast paths for the core descriptor types (DESCR-1).
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include <cstddef>

namespace pystm {

Type property_type(&type_type);
Type staticmethod_type(&type_type);
Type classmethod_type(&type_type);
Type getset_descriptor_type(&type_type);
Type member_descriptor_type(&type_type);
Type mappingproxy_type(&type_type);

namespace {

template <class T, class M> uint32_t field_offset(M T::*member)
{
    // offsetof on these non-standard-layout structs is only conditionally supported.
    alignas(T) static char probe[sizeof(T)];
    T* p = reinterpret_cast<T*>(probe);
    return static_cast<uint32_t>(reinterpret_cast<char*>(&(p->*member)) - probe);
}

void sm_trace(Object* o, gc::Tracer& tr)
{
    auto* s = static_cast<StaticMethodObject*>(o);
    tr.visit(s->m_callable);
    tr.visit(s->m_dict);
}
void cm_trace(Object* o, gc::Tracer& tr)
{
    auto* s = static_cast<ClassMethodObject*>(o);
    tr.visit(s->m_callable);
    tr.visit(s->m_dict);
}
void prop_trace(Object* o, gc::Tracer& tr)
{
    auto* p = static_cast<PropertyObject*>(o);
    tr.visit(p->m_get);
    tr.visit(p->m_set);
    tr.visit(p->m_del);
    tr.visit(p->m_doc);
    tr.visit(p->m_name);
}
void getset_trace(Object* o, gc::Tracer& tr)
{
    auto* g = static_cast<GetSetDescriptor*>(o);
    tr.visit(g->m_name);
    tr.visit(g->m_owner);
}
void member_trace(Object* o, gc::Tracer& tr)
{
    auto* m = static_cast<MemberDescriptor*>(o);
    tr.visit(m->m_name);
    tr.visit(m->m_owner);
}
void mp_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<MappingProxyObject*>(o)->m_mapping); }

Value nn(Value v) { return v ? v : none(); } // null -> None
Value opt(Value v) { return (!v || is_none(v)) ? Value() : v; } // None -> null

std::string qual_owner(Type* t) { return t->name_str(); }

void check_descr_obj(StrObject* name, Type* owner, Value obj)
{
    Type* ot = type_of(obj);
    if (ot != owner && !ot->is_subtype(owner))
        raise(&exc::TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
            str_utf8(name).c_str(), qual_owner(owner).c_str(), ot->name_str().c_str());
}

// AttributeError for a property without the getter, setter or deleter [what] that an access
// to [obj] needs, naming the object's type by its qualified name, as CPython does.
[[noreturn]] void raise_no_accessor(PropertyObject* p, Value obj, char const* what)
{
    Type* t = type_of(obj);
    std::string type = t->m_qualname ? str_utf8(t->m_qualname) : t->name_str();
    if (p->m_name)
        raise(&exc::AttributeError, "property %s of '%s' object has no %s",
            str_utf8(py_repr(p->m_name)).c_str(), type.c_str(), what);
    raise(&exc::AttributeError, "property of '%s' object has no %s", type.c_str(), what);
}

Value property_get(PropertyObject* p, Value obj)
{
    if (!p->m_get)
        raise_no_accessor(p, obj, "getter");
    return py_call1(p->m_get, obj);
}

Value member_get(MemberDescriptor* m, Value obj)
{
    check_descr_obj(m->m_name, m->m_owner, obj);
    if (m->m_get)
        return m->m_get(obj);
    Object* o = obj.as_object();
    read_barrier(o);
    Value v = *reinterpret_cast<Value*>(reinterpret_cast<char*>(o) + m->m_offset);
    if (!v)
        raise(&exc::AttributeError, "'%s' object has no attribute '%s'", type_name(obj).c_str(),
            str_utf8(m->m_name).c_str());
    return v;
}

} // namespace

// --- the protocol ----------------------------------------------------------------------------

namespace {

    // classmethod.__get__, for classmethod and its subclasses alike (a subclass reaches it through
    // its inherited __get__, which must not go back to descr_get()): the callable bound to the
    // class.
    Value classmethod_get(ClassMethodObject* cm, Value obj, Value type)
    {
        Value t = (type && !is_none(type)) ? type : Value(type_of(obj));
        Value c = cm->m_callable;
        if (type_of(c)->special(SP_get) && type_of(c) != &function_type)
            return descr_get(c, t, type_of(t));
        return method_new(c, t);
    }

} // namespace

Value descr_get(Value descr, Value obj, Value type)
{
    if (!descr.is_object())
        return descr;
    Type* dt = descr.as_object()->m_type;
    if (dt == &function_type)
        return (!obj || is_none(obj)) ? descr : Value(method_new(descr, obj));
    if (dt == &method_descriptor_type || dt == &wrapper_descriptor_type) {
        if (!obj)
            return descr;
        auto* f = descr.as<BuiltinFunction>();
        check_descr_obj(f->m_name, f->m_owner, obj);
        return gc::make<BuiltinFunction>(&builtin_function_type, f->m_def, f->m_name, f->m_owner, obj);
    }
    if (dt == &classmethod_descriptor_type) {
        auto* f = descr.as<BuiltinFunction>();
        Value t = (type && !is_none(type)) ? type : Value(type_of(obj));
        return gc::make<BuiltinFunction>(&builtin_function_type, f->m_def, f->m_name, f->m_owner, t);
    }
    if (dt == &staticmethod_type)
        return descr.as<StaticMethodObject>()->m_callable;
    if (dt == &classmethod_type)
        return classmethod_get(descr.as<ClassMethodObject>(), obj, type);
    if (dt == &getset_descriptor_type) {
        if (!obj)
            return descr;
        auto* g = descr.as<GetSetDescriptor>();
        check_descr_obj(g->m_name, g->m_owner, obj);
        return g->m_get(obj);
    }
    if (dt == &member_descriptor_type)
        return obj ? member_get(descr.as<MemberDescriptor>(), obj) : descr;
    if (dt == &property_type)
        return (!obj || is_none(obj)) ? descr : property_get(descr.as<PropertyObject>(), obj);
    Value f = dt->special(SP_get);
    if (!f)
        return descr;
    Value args[2] = { nn(obj), nn(type) };
    return call_unbound(f, descr, args, 2, nullptr);
}

bool is_data_descriptor(Value descr)
{
    if (!descr.is_object())
        return false;
    Type* dt = descr.as_object()->m_type;
    if (dt == &function_type || dt == &method_descriptor_type || dt == &wrapper_descriptor_type
        || dt == &staticmethod_type || dt == &classmethod_type
        || dt == &classmethod_descriptor_type)
        return false;
    if (dt == &property_type || dt == &getset_descriptor_type || dt == &member_descriptor_type)
        return true;
    return dt->special(SP_set) || dt->special(SP_delete);
}

namespace {

    // property.__set__ / __delete__ ([v] null) of [p], for property and its subclasses alike: a
    // subclass reaches it through its inherited __set__, which must not go back to descr_set().
    void property_set(PropertyObject* p, Value obj, Value v)
    {
        Value f = v ? p->m_set : p->m_del;
        if (!f)
            raise_no_accessor(p, obj, v ? "setter" : "deleter");
        if (v)
            py_call2(f, obj, v);
        else
            py_call1(f, obj);
    }

} // namespace

bool descr_set(Value descr, Value obj, Value v)
{
    if (!descr.is_object())
        return false;
    Type* dt = descr.as_object()->m_type;
    if (dt == &getset_descriptor_type) {
        auto* g = descr.as<GetSetDescriptor>();
        check_descr_obj(g->m_name, g->m_owner, obj);
        if (!g->m_set)
            raise(&exc::AttributeError, "attribute '%s' of '%s' objects is not writable",
                str_utf8(g->m_name).c_str(), qual_owner(g->m_owner).c_str());
        g->m_set(obj, v);
        return true;
    }
    if (dt == &member_descriptor_type) {
        auto* m = descr.as<MemberDescriptor>();
        check_descr_obj(m->m_name, m->m_owner, obj);
        if (m->m_get)
            raise(&exc::AttributeError, "readonly attribute");
        Object* o = obj.as_object();
        auto* slot = reinterpret_cast<Value*>(reinterpret_cast<char*>(o) + m->m_offset);
        if (!v) {
            read_barrier(o);
            if (!*slot)
                raise_str(&exc::AttributeError, m->m_name);
        }
        write_barrier(o);
        *slot = v;
        return true;
    }
    if (dt == &property_type) {
        property_set(descr.as<PropertyObject>(), obj, v);
        return true;
    }
    if (dt == &function_type || dt == &method_descriptor_type || dt == &wrapper_descriptor_type)
        return false;
    Value set = dt->special(SP_set);
    Value del = dt->special(SP_delete);
    if (v) {
        if (set) {
            Value args[2] = { obj, v };
            call_unbound(set, descr, args, 2, nullptr);
            return true;
        }
        if (del)
            raise(&exc::AttributeError, "__set__");
        return false;
    }
    if (del) {
        call_unbound(del, descr, &obj, 1, nullptr);
        return true;
    }
    if (set)
        raise(&exc::AttributeError, "__delete__");
    return false;
}

GetSetDescriptor* getset_new(Type* owner, char const* name, GetterFn get, SetterFn set, char const* doc)
{
    return gc::make<GetSetDescriptor>(&getset_descriptor_type, intern(name), owner, get, set, doc);
}

MemberDescriptor* member_new(Type* owner, StrObject* name, uint32_t offset)
{
    return gc::make<MemberDescriptor>(&member_descriptor_type, name, owner, offset);
}

StaticMethodObject* staticmethod_new(Value callable)
{
    return gc::make<StaticMethodObject>(&staticmethod_type, callable);
}

ClassMethodObject* classmethod_new(Value callable)
{
    return gc::make<ClassMethodObject>(&classmethod_type, callable);
}

namespace {

// --- getset / member descriptor methods ------------------------------------------------------

Value gs_get(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__get__", nargs, kwnames, 1, 2);
    Value obj = args[0];
    if (is_none(obj)) {
        // descr.__get__(None, T) is the descriptor itself unless T is NoneType.
        Value t = nargs > 1 ? args[1] : Value();
        if (!t || is_none(t) || t != Value(&none_type))
            return self;
    }
    return descr_get(self, obj, nargs > 1 ? args[1] : Value());
}

Value gs_set(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__set__", nargs, kwnames, 2, 2);
    descr_set(self, args[0], args[1]);
    return none();
}

Value gs_delete(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__delete__", nargs, kwnames, 1, 1);
    descr_set(self, args[0], Value());
    return none();
}

Value gs_repr(Value self, Value const*, size_t, TupleObject*)
{
    if (type_of(self)->is_subtype(&member_descriptor_type)) {
        auto* m = self.as<MemberDescriptor>();
        return str_from_utf8("<member '" + str_utf8(m->m_name) + "' of '" + m->m_owner->name_str() + "' objects>");
    }
    auto* g = self.as<GetSetDescriptor>();
    return str_from_utf8("<attribute '" + str_utf8(g->m_name) + "' of '" + g->m_owner->name_str() + "' objects>");
}

StrObject* descr_name(Value self)
{
    return type_of(self) == &member_descriptor_type ? self.as<MemberDescriptor>()->m_name
                                                     : self.as<GetSetDescriptor>()->m_name;
}
Type* descr_owner(Value self)
{
    return type_of(self) == &member_descriptor_type ? self.as<MemberDescriptor>()->m_owner
                                                     : self.as<GetSetDescriptor>()->m_owner;
}
Value gs_name(Value self) { return descr_name(self); }
Value gs_qualname(Value self)
{
    Type* o = descr_owner(self);
    StrObject* q = o->m_qualname ? o->m_qualname : o->m_name;
    return str_concat(str_concat(q, str_from_ascii(".")), descr_name(self));
}
Value gs_objclass(Value self) { return descr_owner(self); }
Value gs_doc(Value self)
{
    if (type_of(self) == &getset_descriptor_type && self.as<GetSetDescriptor>()->m_doc)
        return str_from_utf8(self.as<GetSetDescriptor>()->m_doc);
    if (type_of(self) == &member_descriptor_type && self.as<MemberDescriptor>()->m_doc)
        return str_from_utf8(self.as<MemberDescriptor>()->m_doc);
    return none();
}

MethodDef const s_getset_methods[] = {
    { "__get__", gs_get },
    { "__set__", gs_set },
    { "__delete__", gs_delete },
    { "__repr__", gs_repr },
    { nullptr, nullptr },
};

// --- staticmethod / classmethod --------------------------------------------------------------

Value sm_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    Type* t = args[0].as<Type>();
    (void)nargs;
    if (t->is_subtype(&classmethod_type))
        return gc::make<ClassMethodObject>(t, none());
    return gc::make<StaticMethodObject>(t, none());
}

// Copies __module__, __name__, __qualname__, __doc__ and __annotations__ from the wrapped
// callable into the instance dict, as 3.10+ staticmethod / classmethod do (functools.singledispatch
// reads the annotations through the wrapper; __wrapped__ is a read-only attribute of the type).
void copy_wrapper_attrs(Value self, DictObject** dslot, Value callable)
{
    DictObject* d = *dslot;
    if (!d) {
        d = dict_new();
        write_barrier(self.as_object());
        *dslot = d;
    }
    for (StrObject* n : { names::__module__, names::__name__, names::__qualname__, names::__doc__,
             names::__annotations__ }) {
        Value v = py_getattr_opt(callable, n);
        if (v)
            dict_set_str(d, n, v);
    }
}

Value sm_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    bool is_cm = type_of(self)->is_subtype(&classmethod_type);
    char const* fname = is_cm ? "classmethod" : "staticmethod";
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "%s() takes no keyword arguments", fname);
    if (nargs != 1)
        raise(&exc::TypeError, "%s expected 1 argument, got %zu", fname, nargs);
    write_barrier(self.as_object());
    if (is_cm) {
        auto* c = self.as<ClassMethodObject>();
        c->m_callable = args[0];
        copy_wrapper_attrs(self, &c->m_dict, args[0]);
    } else {
        auto* s = self.as<StaticMethodObject>();
        s->m_callable = args[0];
        copy_wrapper_attrs(self, &s->m_dict, args[0]);
    }
    return none();
}

Value sm_callable(Value self)
{
    return type_of(self)->is_subtype(&classmethod_type) ? self.as<ClassMethodObject>()->m_callable
                                                         : self.as<StaticMethodObject>()->m_callable;
}

Value sm_get(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__get__", nargs, kwnames, 1, 2);
    Value obj = opt(args[0]);
    Value type = nargs > 1 ? opt(args[1]) : Value();
    if (!obj && !type)
        raise(&exc::TypeError, "__get__(None, None) is invalid");
    if (type_of(self)->is_subtype(&classmethod_type))
        return classmethod_get(self.as<ClassMethodObject>(), obj, type);
    return self.as<StaticMethodObject>()->m_callable;
}

Value sm_call(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    return py_call(sm_callable(self), args, nargs, kwnames);
}

Value sm_repr(Value self, Value const*, size_t, TupleObject*)
{
    std::string kind = type_of(self)->is_subtype(&classmethod_type) ? "classmethod" : "staticmethod";
    return str_from_utf8("<" + kind + "(" + repr_utf8(sm_callable(self)) + ")>");
}

Value sm_func(Value self) { return sm_callable(self); }
Value sm_isabstract(Value self)
{
    Value v = py_getattr_opt(sm_callable(self), names::__isabstractmethod__);
    return py_bool(v && py_truthy(v));
}

MethodDef const s_sm_methods[] = {
    { "__new__", sm_new, METH_STATIC },
    { "__init__", sm_init },
    { "__get__", sm_get },
    { "__call__", sm_call },
    { "__repr__", sm_repr },
    { nullptr, nullptr },
};
MethodDef const s_cm_methods[] = {
    { "__new__", sm_new, METH_STATIC },
    { "__init__", sm_init },
    { "__get__", sm_get },
    { "__repr__", sm_repr },
    { nullptr, nullptr },
};

// --- property --------------------------------------------------------------------------------

Value prop_new(Value, Value const* args, size_t, TupleObject*)
{
    return gc::make<PropertyObject>(args[0].as<Type>());
}

void prop_fill(PropertyObject* p, Value fget, Value fset, Value fdel, Value doc)
{
    write_barrier(p);
    p->m_get = opt(fget);
    p->m_set = opt(fset);
    p->m_del = opt(fdel);
    p->m_doc = opt(doc);
    p->m_getter_doc = false;
    if (p->m_doc)
        return;
    if (p->m_get) {
        Value d = py_getattr_opt(p->m_get, names::__doc__);
        if (d && !is_none(d)) {
            p->m_doc = d;
            p->m_getter_doc = true;
        }
    }
    // A subclass's own __doc__ (its class docstring, or None) would shadow the getter's, so the
    // instance gets it as an attribute, as in CPython; with __slots__ that raises AttributeError.
    if (p->m_type != &property_type)
        py_setattr(p, names::__doc__, nn(p->m_doc));
}

Value prop_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[4];
    parse_args("property", args, nargs, kwnames, { "fget", "fset", "fdel", "doc" }, 0, a);
    prop_fill(self.as<PropertyObject>(), a[0], a[1], a[2], a[3]);
    return none();
}

Value prop_get(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__get__", nargs, kwnames, 1, 2);
    if (is_none(args[0]))
        return self;
    return property_get(self.as<PropertyObject>(), args[0]);
}

Value prop_set(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__set__", nargs, kwnames, 2, 2);
    property_set(self.as<PropertyObject>(), args[0], args[1]);
    return none();
}

Value prop_delete(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__delete__", nargs, kwnames, 1, 1);
    property_set(self.as<PropertyObject>(), args[0], Value());
    return none();
}

Value prop_copy(Value self, Value fget, Value fset, Value fdel)
{
    auto* p = self.as<PropertyObject>();
    Value get = fget ? fget : p->m_get;
    // A docstring taken from the getter is taken again from the copy's getter by __init__.
    Value doc = (p->m_getter_doc && get && !is_none(get)) ? none() : nn(p->m_doc);
    Value argv[4] = { nn(get), nn(fset ? fset : p->m_set), nn(fdel ? fdel : p->m_del), doc };
    Value r = py_call(type_of(self), argv, 4);
    if (is_type(Value(type_of(r))) && type_of(r)->is_subtype(&property_type)) {
        auto* np = r.as<PropertyObject>();
        write_barrier(np);
        np->m_name = p->m_name;
    }
    return r;
}

Value prop_getter(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("getter", nargs, kwnames, 1, 1);
    return prop_copy(self, opt(args[0]) ? args[0] : Value(g_none), Value(), Value());
}
Value prop_setter(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("setter", nargs, kwnames, 1, 1);
    return prop_copy(self, Value(), args[0], Value());
}
Value prop_deleter(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("deleter", nargs, kwnames, 1, 1);
    return prop_copy(self, Value(), Value(), args[0]);
}
Value prop_set_name(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs != 2 && !kwnames)
        raise(&exc::TypeError, "__set_name__() takes 2 positional arguments but %zu were given",
            nargs);
    check_nargs("__set_name__", nargs, kwnames, 2, 2);
    auto* p = self.as<PropertyObject>();
    write_barrier(p);
    p->m_name = args[1];
    return none();
}

Value prop_fget(Value self) { return nn(self.as<PropertyObject>()->m_get); }
Value prop_fset(Value self) { return nn(self.as<PropertyObject>()->m_set); }
Value prop_fdel(Value self) { return nn(self.as<PropertyObject>()->m_del); }
Value prop_doc(Value self) { return nn(self.as<PropertyObject>()->m_doc); }
void prop_set_doc(Value self, Value v)
{
    auto* p = self.as<PropertyObject>();
    write_barrier(p);
    p->m_doc = v;
}
Value prop_isabstract(Value self)
{
    auto* p = self.as<PropertyObject>();
    for (Value f : { p->m_get, p->m_set, p->m_del }) {
        if (!f)
            continue;
        Value v = py_getattr_opt(f, names::__isabstractmethod__);
        if (v && py_truthy(v))
            return py_bool(true);
    }
    return py_bool(false);
}

MethodDef const s_prop_methods[] = {
    { "__new__", prop_new, METH_STATIC },
    { "__init__", prop_init },
    { "__get__", prop_get },
    { "__set__", prop_set },
    { "__delete__", prop_delete },
    { "__set_name__", prop_set_name },
    { "getter", prop_getter },
    { "setter", prop_setter },
    { "deleter", prop_deleter },
    { nullptr, nullptr },
};

// --- mappingproxy ----------------------------------------------------------------------------

Value mp_mapping(Value self) { return self.as<MappingProxyObject>()->m_mapping; }

Value mp_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[1];
    parse_args("mappingproxy", args + 1, nargs - 1, kwnames, { "mapping" }, 1, a);
    Value m = a[0];
    Type* mt = type_of(m);
    if (!mt->special(SP_getitem) || is_tuple(m) || is_list(m))
        raise(&exc::TypeError, "mappingproxy() argument must be a mapping, not %s", type_name(m).c_str());
    return gc::make<MappingProxyObject>(args[0].as<Type>(), m);
}

Value mp_forward(Value self, StrObject* name, Value const* args, size_t nargs)
{
    return py_call_method(mp_mapping(self), name, args, nargs);
}

Value mp_getitem(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__getitem__", nargs, kwnames, 1, 1);
    return py_getitem(mp_mapping(self), args[0]);
}
Value mp_contains(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__contains__", nargs, kwnames, 1, 1);
    return py_bool(py_contains(mp_mapping(self), args[0]));
}
Value mp_len(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__len__", nargs, kwnames, 0, 0);
    return int_from_i64(py_len(mp_mapping(self)));
}
Value mp_iter(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__iter__", nargs, kwnames, 0, 0);
    return py_iter(mp_mapping(self));
}
Value mp_get(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get", nargs, kwnames, 1, 2);
    return mp_forward(self, names::get, args, nargs);
}
Value mp_keys(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("keys", nargs, kwnames, 0, 0);
    return mp_forward(self, names::keys, nullptr, 0);
}
Value mp_values(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("values", nargs, kwnames, 0, 0);
    return mp_forward(self, names::values, nullptr, 0);
}
Value mp_items(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("items", nargs, kwnames, 0, 0);
    return mp_forward(self, names::items, nullptr, 0);
}
Value mp_copy(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("copy", nargs, kwnames, 0, 0);
    return mp_forward(self, intern("copy"), nullptr, 0);
}
Value mp_reversed(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__reversed__", nargs, kwnames, 0, 0);
    return mp_forward(self, names::__reversed__, nullptr, 0);
}
Value mp_repr(Value self, Value const*, size_t, TupleObject*)
{
    return str_from_utf8("mappingproxy(" + repr_utf8(mp_mapping(self)) + ")");
}
Value mp_str(Value self, Value const*, size_t, TupleObject*) { return py_str(mp_mapping(self)); }
Value mp_richcompare(Value self, Value other, CompareOp op)
{
    return py_richcompare(mp_mapping(self), other, op);
}
Value mp_eq(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__eq__", nargs, kwnames, 1, 1);
    return mp_richcompare(self, args[0], CMP_EQ);
}
Value mp_ne(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__ne__", nargs, kwnames, 1, 1);
    return mp_richcompare(self, args[0], CMP_NE);
}
Value mp_or(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__or__", nargs, kwnames, 1, 1);
    Value other = args[0];
    if (type_of(other) == &mappingproxy_type)
        other = mp_mapping(other);
    return py_binary_op(mp_mapping(self), other, NB_OR);
}
Value mp_ror(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__ror__", nargs, kwnames, 1, 1);
    return py_binary_op(args[0], mp_mapping(self), NB_OR);
}
Value mp_ior(Value self, Value const*, size_t, TupleObject*)
{
    raise(&exc::TypeError, "'|=' is not supported by %s; use '|' instead", type_name(self).c_str());
}

Value mp_class_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__class_getitem__", nargs, kw, 1, 1);
    return generic_alias_new(self, args[0]); // types.MappingProxyType[str, int]
}

MethodDef const s_mp_methods[] = {
    { "__new__", mp_new, METH_STATIC },
    { "__class_getitem__", mp_class_getitem, METH_CLASS },
    { "__getitem__", mp_getitem },
    { "__contains__", mp_contains },
    { "__len__", mp_len },
    { "__iter__", mp_iter },
    { "__reversed__", mp_reversed },
    { "__repr__", mp_repr },
    { "__str__", mp_str },
    { "__eq__", mp_eq },
    { "__ne__", mp_ne },
    { "__or__", mp_or },
    { "__ror__", mp_ror },
    { "__ior__", mp_ior },
    { "get", mp_get },
    { "keys", mp_keys },
    { "values", mp_values },
    { "items", mp_items },
    { "copy", mp_copy },
    { nullptr, nullptr },
};

} // namespace

Value mappingproxy_new(Value mapping) { return gc::make<MappingProxyObject>(&mappingproxy_type, mapping); }

void setup_descriptor_types()
{
    init_static_type(&property_type, "property", nullptr, sizeof(PropertyObject), TF_BASETYPE, prop_trace);
    init_static_type(&staticmethod_type, "staticmethod", nullptr, sizeof(StaticMethodObject), TF_BASETYPE, sm_trace);
    staticmethod_type.m_dict_offset = field_offset(&StaticMethodObject::m_dict);
    init_static_type(&classmethod_type, "classmethod", nullptr, sizeof(ClassMethodObject), TF_BASETYPE, cm_trace);
    classmethod_type.m_dict_offset = field_offset(&ClassMethodObject::m_dict);
    init_static_type(&getset_descriptor_type, "getset_descriptor", nullptr, sizeof(GetSetDescriptor),
        TF_IMMUTABLE, getset_trace);
    init_static_type(&member_descriptor_type, "member_descriptor", nullptr, sizeof(MemberDescriptor),
        TF_IMMUTABLE, member_trace);
    init_static_type(&mappingproxy_type, "mappingproxy", nullptr, sizeof(MappingProxyObject),
        TF_IMMUTABLE, mp_trace);
}

void init_descriptor_types()
{
    for (Type* t : { &getset_descriptor_type, &member_descriptor_type }) {
        add_methods(t, s_getset_methods);
        add_getset(t, "__name__", gs_name);
        add_getset(t, "__qualname__", gs_qualname);
        add_getset(t, "__objclass__", gs_objclass);
        add_getset(t, "__doc__", gs_doc);
    }
    add_methods(&staticmethod_type, s_sm_methods);
    add_methods(&classmethod_type, s_cm_methods);
    for (Type* t : { &staticmethod_type, &classmethod_type }) {
        add_getset(t, "__func__", sm_func);
        add_getset(t, "__wrapped__", sm_func);
        add_getset(t, "__isabstractmethod__", sm_isabstract);
        add_getset(t, "__dict__", [](Value self) -> Value { return instance_dict(self, true); });
    }
    add_methods(&property_type, s_prop_methods);
    add_member(&property_type, "fget", prop_fget);
    add_member(&property_type, "fset", prop_fset);
    add_member(&property_type, "fdel", prop_fdel);
    add_getset(&property_type, "__doc__", prop_doc, prop_set_doc);
    add_getset(&property_type, "__isabstractmethod__", prop_isabstract);
    add_methods(&mappingproxy_type, s_mp_methods);
}

} // namespace pystm
