// The abstract object protocol, part 2: attribute access. py_getattr & co dispatch on
// type(o).__getattribute__ / __setattr__ / __delattr__, taking the C++ paths directly when those
// are object's or type's own (the generic algorithm, type_getattr_opt), and fall back to
// __getattr__ when the lookup fails with AttributeError.
//
// The generic algorithm (object.__getattribute__): data descriptors on the type, then the
// instance __dict__, then non-data descriptors and plain class attributes. Instance dicts are
// created lazily on first assignment; the dict pointer is read and written under the
// instance's barriers (access.h).
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"

namespace pystm {

DictObject* instance_dict(Value o, bool create)
{
    if (!o.is_object())
        return nullptr;
    Object* obj = o.as_object();
    DictObject** slot = instance_dict_slot(obj);
    if (!slot)
        return nullptr;
    read_barrier(obj);
    DictObject* d = *slot;
    if (!d && create) {
        d = dict_new();
        write_barrier(obj);
        *slot = d;
    }
    return d;
}

void raise_no_attribute(Value o, StrObject* name)
{
    std::string msg;
    if (is_type(o))
        msg = "type object '" + o.as<Type>()->name_str() + "' has no attribute '" + str_utf8(name) + "'";
    else
        msg = "'" + type_name(o) + "' object has no attribute '" + str_utf8(name) + "'";
    Value e = exception_new(&exc::AttributeError, { Value(str_from_utf8(msg)) });
    // name / obj feed the "Did you mean" suggestions of the traceback printer.
    try {
        py_setattr(e, names::name, name);
        py_setattr(e, names::obj, o);
    } catch (PyError&) {
        take_exception();
    }
    raise_value(e);
}

Value generic_getattr_opt(Value o, StrObject* name)
{
    Type* t = type_of(o);
    Value descr = type_lookup(t, name);
    if (descr) {
        Type* dt = type_of(descr);
        // A data descriptor without __get__ (only __set__) lets the instance dict answer.
        if (dt != &function_type && dt != &method_descriptor_type && dt != &wrapper_descriptor_type
            && is_data_descriptor(descr) && dt->special(SP_get))
            return descr_get(descr, o, t);
    }
    if (DictObject* d = instance_dict(o, false)) {
        Value v = dict_get_str(d, name);
        if (v)
            return v;
    }
    if (descr)
        return descr_get(descr, o, t);
    return Value();
}

void generic_setattr(Value o, StrObject* name, Value v)
{
    Type* t = type_of(o);
    Value descr = type_lookup(t, name);
    if (descr && descr_set(descr, o, v))
        return;
    if (o.is_object() && instance_dict_slot(o.as_object())) {
        if (v) {
            dict_set_str(instance_dict(o, true), name, v);
            return;
        }
        DictObject* d = instance_dict(o, false);
        if (d && dict_pop(d, name))
            return;
        raise_no_attribute(o, name);
    }
    if (descr)
        raise(&exc::AttributeError, "'%s' object attribute '%s' is read-only", t->name_str().c_str(),
            str_utf8(name).c_str());
    raise_no_attribute(o, name);
}

namespace {

// The lookup through __getattribute__ alone; null when the attribute is absent (a custom
// __getattribute__'s AttributeError is consumed only when __getattr__ may still answer).
Value getattribute_opt(Value o, StrObject* name, Type* t)
{
    Value ga = t->special(SP_getattribute);
    if (ga == g_object_getattribute || !ga)
        return generic_getattr_opt(o, name);
    if (ga == g_type_getattribute)
        return type_getattr_opt(o.as<Type>(), name);
    if (t == &super_type)
        return super_getattr_opt(o, name);
    Value arg = name;
    try {
        return call_unbound(ga, o, &arg, 1, nullptr);
    } catch (PyError&) {
        if (!exception_matches(&exc::AttributeError) || !t->special(SP_getattr))
            throw;
        take_exception();
        return Value();
    }
}

} // namespace

namespace {

    // o.name through __getattribute__ and then __getattr__: null if neither found it (raises what
    // they raise).
    Value getattr_or_null(Value o, StrObject* name)
    {
        Type* t = type_of(o);
        if (Value v = getattribute_opt(o, name, t))
            return v;
        Value gf = t->special(SP_getattr);
        if (gf && !is_none(gf)) {
            Value arg = name;
            return call_unbound(gf, o, &arg, 1, nullptr);
        }
        return Value();
    }

} // namespace

Value py_getattr(Value o, StrObject* name)
{
    try {
        if (Value v = getattr_or_null(o, name))
            return v;
    } catch (PyError&) {
        attribute_error_add_context(o, name);
        throw;
    }
    raise_no_attribute(o, name);
}

Value py_getattr_opt(Value o, StrObject* name)
{
    try {
        return getattr_or_null(o, name);
    } catch (PyError&) {
        if (!exception_matches(&exc::AttributeError))
            throw;
        take_exception();
        return Value();
    }
}

bool py_hasattr(Value o, StrObject* name) { return static_cast<bool>(py_getattr_opt(o, name)); }

void py_setattr(Value o, StrObject* name, Value v)
{
    Type* t = type_of(o);
    Value sa = t->special(SP_setattr);
    if (sa == g_object_setattr || !sa) {
        generic_setattr(o, name, v);
        return;
    }
    if (sa == g_type_setattr) {
        type_setattr(o.as<Type>(), name, v);
        return;
    }
    Value args[2] = { Value(name), v };
    call_unbound(sa, o, args, 2, nullptr);
}

void py_delattr(Value o, StrObject* name)
{
    Type* t = type_of(o);
    Value da = t->special(SP_delattr);
    if (da == g_object_delattr || !da) {
        generic_setattr(o, name, Value());
        return;
    }
    static Value s_type_delattr;
    if (!s_type_delattr)
        s_type_delattr = dict_get_cstr(type_type.m_dict, "__delattr__"); // permanent via type's dict
    if (da == s_type_delattr) {
        type_setattr(o.as<Type>(), name, Value());
        return;
    }
    Value arg = name;
    call_unbound(da, o, &arg, 1, nullptr);
}

Value py_getmethod(Value o, StrObject* name, bool* unbound)
{
    Type* t = type_of(o);
    *unbound = false;
    if (t->special(SP_getattribute) != g_object_getattribute)
        return py_getattr(o, name);
    Value descr = type_lookup(t, name);
    if (descr) {
        Type* dt = type_of(descr);
        if (dt == &function_type || dt == &method_descriptor_type
            || dt == &wrapper_descriptor_type) {
            if (DictObject* d = instance_dict(o, false)) {
                Value v = dict_get_str(d, name);
                if (v)
                    return v;
            }
            *unbound = true;
            return descr;
        }
    }
    return py_getattr(o, name);
}

} // namespace pystm
