// super: the two-argument form super(type, obj), the unbound one-argument form, and the
// zero-argument form, which takes the __class__ cell and first argument of the calling Python
// frame (vm::current_frame_super_args). Attribute lookup starts after m_type in the MRO of
// m_obj_type and binds what it finds to m_obj through the descriptor protocol.
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include "vm/interpreter.h"

namespace pystm {

Type super_type(&type_type);

namespace {

void super_trace(Object* o, gc::Tracer& tr)
{
    auto* s = static_cast<SuperObject*>(o);
    tr.visit(s->m_type);
    tr.visit(s->m_obj);
    tr.visit(s->m_obj_type);
}

// The type to search: obj itself when it is a subclass of [t] (super in a classmethod), else
// type(obj) or obj.__class__.
Type* supercheck(Type* t, Value obj)
{
    if (is_type(obj) && obj.as<Type>()->is_subtype(t))
        return obj.as<Type>();
    Type* ot = type_of(obj);
    if (ot->is_subtype(t))
        return ot;
    Value cls = py_getattr_opt(obj, names::__class__);
    if (cls && is_type(cls) && cls != Value(ot) && cls.as<Type>()->is_subtype(t))
        return cls.as<Type>();
    raise(&exc::TypeError, "super(type, obj): obj must be an instance or subtype of type");
}

SuperObject* as_super(Value v) { return v.as<SuperObject>(); }

void super_fill(SuperObject* s, Type* t, Value obj)
{
    Type* ot = obj ? supercheck(t, obj) : nullptr;
    write_barrier(s);
    s->m_type = t;
    s->m_obj = obj;
    s->m_obj_type = ot;
}

Value super_new(Value, Value const* args, size_t, TupleObject*)
{
    return gc::make<SuperObject>(args[0].as<Type>());
}

Value super_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "super() takes no keyword arguments");
    if (nargs > 2)
        raise(&exc::TypeError, "super() expected at most 2 arguments, got %zu", nargs);
    Value t, obj;
    if (nargs == 0) {
        if (!vm::current_frame_super_args(&t, &obj))
            raise(&exc::RuntimeError, "super(): no arguments");
        if (!t)
            raise(&exc::RuntimeError, "super(): empty __class__ cell");
        if (!is_type(t))
            raise(&exc::RuntimeError, "super(): __class__ is not a type (%s)", type_name(t).c_str());
        if (!obj)
            raise(&exc::RuntimeError, "super(): arg[0] deleted");
    } else {
        t = args[0];
        if (nargs == 2 && !is_none(args[1]))
            obj = args[1];
        if (!is_type(t))
            raise(&exc::TypeError, "super() argument 1 must be a type, not %s", type_name(t).c_str());
    }
    super_fill(as_super(self), t.as<Type>(), obj);
    return none();
}

Value super_repr(Value self, Value const*, size_t, TupleObject*)
{
    auto* s = as_super(self);
    std::string tn = s->m_type ? "<class '" + s->m_type->name_str() + "'>" : "NULL";
    if (s->m_obj_type)
        return str_from_utf8("<super: " + tn + ", <" + s->m_obj_type->name_str() + " object>>");
    return str_from_utf8("<super: " + tn + ", NULL>");
}

Value super_getattribute(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__getattribute__", nargs, kwnames, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "attribute name must be string, not '%s'", type_name(args[0]).c_str());
    Value v = super_getattr_opt(self, args[0].as<StrObject>());
    if (!v)
        raise_no_attribute(self, args[0].as<StrObject>());
    return v;
}

Value super_get(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__get__", nargs, kwnames, 1, 2);
    auto* s = as_super(self);
    Value obj = args[0];
    if (is_none(obj) || s->m_obj)
        return self;
    Type* st = type_of(self);
    if (st != &super_type) {
        Value argv[2] = { Value(s->m_type), obj };
        return py_call(st, argv, 2);
    }
    auto* ns = gc::make<SuperObject>(&super_type);
    super_fill(ns, s->m_type, obj);
    return ns;
}

Value super_thisclass(Value self)
{
    auto* s = as_super(self);
    return s->m_type ? Value(s->m_type) : none();
}
Value super_self(Value self)
{
    auto* s = as_super(self);
    return s->m_obj ? s->m_obj : none();
}
Value super_self_class(Value self)
{
    auto* s = as_super(self);
    return s->m_obj_type ? Value(s->m_obj_type) : none();
}

MethodDef const s_super_methods[] = {
    { "__new__", super_new, METH_STATIC },
    { "__init__", super_init },
    { "__repr__", super_repr },
    { "__getattribute__", super_getattribute },
    { "__get__", super_get },
    { nullptr, nullptr },
};

} // namespace

Value super_getattr_opt(Value self, StrObject* name)
{
    auto* s = as_super(self);
    read_barrier(s);
    Type* start = s->m_obj_type;
    // No MRO yet while a metaclass's mro() computes it: only the super object's own attributes.
    if (start && start->m_mro && !str_eq(name, names::__class__)) {
        TupleObject* mro = start->m_mro;
        int64_t n = mro->m_size;
        int64_t i = 0;
        while (i < n && mro->item(i).as_object() != s->m_type)
            ++i;
        for (++i; i < n; ++i) {
            DictObject* d = mro->item(i).as<Type>()->m_dict;
            Value res = dict_get_str(d, name);
            if (res)
                return descr_get(res, s->m_obj == Value(start) ? Value() : s->m_obj, start);
        }
    }
    return generic_getattr_opt(self, name);
}

void setup_super_type()
{
    init_static_type(&super_type, "super", nullptr, sizeof(SuperObject), TF_BASETYPE, super_trace);
}

void init_super_type()
{
    add_methods(&super_type, s_super_methods);
    add_getset(&super_type, "__thisclass__", super_thisclass);
    add_getset(&super_type, "__self__", super_self);
    add_getset(&super_type, "__self_class__", super_self_class);
}

} // namespace pystm
