// types.GenericAlias (list[int], what __class_getitem__ of the builtin containers returns) and
// types.UnionType (int | None). Both are immutable: an origin and / or a tuple of arguments.
// Type-variable substitution (alias[T][int]) is not supported and raises TypeError.
#include "gc/heap.h"
#include "objects/exceptions.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include <vector>

namespace pystm {

Type generic_alias_type(&type_type);
Type union_type(&type_type);

namespace {

void ga_trace(Object* o, gc::Tracer& tr)
{
    auto* g = static_cast<GenericAliasObject*>(o);
    tr.visit(g->m_origin);
    tr.visit(g->m_args);
}

GenericAliasObject* as_ga(Value v) { return v.as<GenericAliasObject>(); }

std::string repr_item(Value p)
{
    if (p == Value(g_ellipsis))
        return "...";
    if (p == Value(&none_type))
        return "None";
    if (type_of(p) == &generic_alias_type || type_of(p) == &union_type)
        return repr_utf8(p);
    Value q = py_getattr_opt(p, names::__qualname__);
    Value m = q ? py_getattr_opt(p, names::__module__) : Value();
    if (q && m && is_str(q) && is_str(m)) {
        std::string ms = str_utf8(m);
        return ms == "builtins" ? str_utf8(q) : ms + "." + str_utf8(q);
    }
    return repr_utf8(p);
}

Value ga_repr(Value self, Value const*, size_t, TupleObject*)
{
    auto* g = as_ga(self);
    std::string s = (g->m_starred ? "*" : "") + repr_item(g->m_origin) + "[";
    if (g->m_args->m_size == 0)
        s += "()";
    for (int64_t i = 0; i < g->m_args->m_size; ++i) {
        if (i)
            s += ", ";
        Value a = g->m_args->item(i);
        if (is_tuple(a) && type_of(a) == &tuple_type && a.as<TupleObject>()->m_size == 0)
            s += "()";
        else if (is_list(a)) {
            s += "[";
            ListObject* l = a.as<ListObject>();
            for (int64_t j = 0; j < list_size(l); ++j) {
                if (j)
                    s += ", ";
                s += repr_item(list_get(l, j));
            }
            s += "]";
        } else
            s += repr_item(a);
    }
    return str_from_utf8(s + "]");
}

Value ga_origin(Value self) { return as_ga(self)->m_origin; }
Value ga_unpacked(Value self) { return py_bool(as_ga(self)->m_starred); }
Value ga_args(Value self) { return as_ga(self)->m_args; }
Value ga_parameters(Value self)
{
    TupleObject* args = as_ga(self)->m_args;
    std::vector<Value> params;
    for (int64_t i = 0; i < args->m_size; ++i) {
        Value a = args->item(i);
        std::string tn = type_name(a);
        if (tn == "TypeVar" || tn == "ParamSpec" || tn == "TypeVarTuple")
            params.push_back(a);
    }
    return tuple_from(params.data(), static_cast<int64_t>(params.size()));
}

Value ga_call(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value r = py_call(as_ga(self)->m_origin, args, nargs, kwnames);
    try {
        py_setattr(r, intern("__orig_class__"), self);
    } catch (PyError&) {
        if (!exception_matches(&exc::AttributeError) && !exception_matches(&exc::TypeError))
            throw;
        take_exception();
    }
    return r;
}

Value ga_mro_entries(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__mro_entries__", nargs, kwnames, 1, 1);
    return tuple_of({ as_ga(self)->m_origin });
}

Value ga_getattr(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__getattr__", nargs, kwnames, 1, 1);
    auto* name = args[0].as<StrObject>();
    std::string n = str_utf8(name);
    if (n.size() > 4 && n.compare(0, 2, "__") == 0 && n != "__name__" && n != "__qualname__"
        && n != "__module__")
        raise_no_attribute(self, name);
    return py_getattr(as_ga(self)->m_origin, name);
}

Value ga_eq(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__eq__", nargs, kwnames, 1, 1);
    if (type_of(args[0]) != type_of(self))
        return Value(g_not_implemented);
    auto* a = as_ga(self);
    auto* b = as_ga(args[0]);
    if (type_of(self) == &union_type) {
        // Unions compare as sets of arguments.
        auto contains = [](TupleObject* t, Value v) {
            for (int64_t i = 0; i < t->m_size; ++i)
                if (py_eq(t->item(i), v))
                    return true;
            return false;
        };
        for (int64_t i = 0; i < a->m_args->m_size; ++i)
            if (!contains(b->m_args, a->m_args->item(i)))
                return py_bool(false);
        for (int64_t i = 0; i < b->m_args->m_size; ++i)
            if (!contains(a->m_args, b->m_args->item(i)))
                return py_bool(false);
        return py_bool(true);
    }
    if (a->m_starred != b->m_starred)
        return py_bool(false);
    return py_bool(py_eq(a->m_origin, b->m_origin) && py_eq(a->m_args, b->m_args));
}

// iter(alias) yields the one unpacked alias, so that *tuple[int] (in a subscript or an
// argument list) produces it.
Value ga_iter(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__iter__", nargs, kwnames, 0, 0);
    auto* g = as_ga(self);
    auto* starred = gc::make<GenericAliasObject>(&generic_alias_type, g->m_origin, g->m_args);
    starred->m_starred = true;
    return py_iter(Value(tuple_of({ Value(starred) })));
}

Value ga_hash(Value self, Value const*, size_t, TupleObject*)
{
    auto* g = as_ga(self);
    int64_t h = 0;
    if (type_of(self) == &union_type) {
        for (int64_t i = 0; i < g->m_args->m_size; ++i)
            h ^= py_hash(g->m_args->item(i));
    } else {
        h = py_hash(g->m_origin) ^ py_hash(g->m_args);
    }
    h &= 0x0FFFFFFFFFFFFFFF;
    return Value::small_int(h);
}

Value ga_or(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__or__", nargs, kwnames, 1, 1);
    return union_new(self, args[0]);
}
Value ga_ror(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__ror__", nargs, kwnames, 1, 1);
    return union_new(args[0], self);
}

Value ga_getitem(Value self, Value const*, size_t, TupleObject*)
{
    raise(&exc::TypeError, "There are no type variables left in %s", repr_utf8(self).c_str());
}

Value ga_instancecheck(Value, Value const*, size_t, TupleObject*)
{
    raise(&exc::TypeError, "isinstance() argument 2 cannot be a parameterized generic");
}
Value ga_subclasscheck(Value, Value const*, size_t, TupleObject*)
{
    raise(&exc::TypeError, "issubclass() argument 2 cannot be a parameterized generic");
}

Value union_repr(Value self, Value const*, size_t, TupleObject*)
{
    TupleObject* args = as_ga(self)->m_args;
    std::string s;
    for (int64_t i = 0; i < args->m_size; ++i) {
        if (i)
            s += " | ";
        s += repr_item(args->item(i));
    }
    return str_from_utf8(s);
}

bool unionable(Value v)
{
    return is_none(v) || is_type(v) || type_of(v) == &generic_alias_type || type_of(v) == &union_type;
}

// GenericAlias(origin, args) and subclasses (_collections_abc._CallableGenericAlias).
Value ga_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "GenericAlias() takes no keyword arguments");
    if (nargs != 3)
        raise(&exc::TypeError, "GenericAlias expected 2 arguments, got %zu", nargs ? nargs - 1 : 0);
    if (!is_type(args[0]) || !args[0].as<Type>()->is_subtype(&generic_alias_type))
        raise(&exc::TypeError, "GenericAlias.__new__(X): X is not a subtype of types.GenericAlias");
    Value a = args[2];
    TupleObject* t = (is_tuple(a) && type_of(a) == &tuple_type) ? a.as<TupleObject>() : tuple_of({ a });
    return gc::make<GenericAliasObject>(args[0].as<Type>(), args[1], t);
}

MethodDef const s_ga_methods[] = {
    { "__new__", ga_new, METH_STATIC }, // subclassable, as in CPython
    { "__repr__", ga_repr },
    { "__call__", ga_call },
    { "__mro_entries__", ga_mro_entries },
    { "__getattr__", ga_getattr },
    { "__eq__", ga_eq },
    { "__hash__", ga_hash },
    { "__or__", ga_or },
    { "__ror__", ga_ror },
    { "__getitem__", ga_getitem },
    { "__iter__", ga_iter },
    { "__instancecheck__", ga_instancecheck },
    { "__subclasscheck__", ga_subclasscheck },
    { nullptr, nullptr },
};
MethodDef const s_union_methods[] = {
    { "__repr__", union_repr },
    { "__eq__", ga_eq },
    { "__hash__", ga_hash },
    { "__or__", ga_or },
    { "__ror__", ga_ror },
    { "__getitem__", ga_getitem },
    { nullptr, nullptr },
};

} // namespace

Value generic_alias_new(Value origin, Value args)
{
    TupleObject* t = (is_tuple(args) && type_of(args) == &tuple_type) ? args.as<TupleObject>() : tuple_of({ args });
    return gc::make<GenericAliasObject>(&generic_alias_type, origin, t);
}

Value union_new(Value a, Value b)
{
    if (!unionable(a) || !unionable(b))
        return Value(g_not_implemented);
    std::vector<Value> items;
    auto add = [&](Value v) {
        if (is_none(v))
            v = Value(&none_type);
        for (Value x : items)
            if (x == v || (type_of(x) == type_of(v) && !is_type(v) && py_eq(x, v)))
                return;
        items.push_back(v);
    };
    for (Value v : { a, b }) {
        if (type_of(v) == &union_type) {
            TupleObject* t = as_ga(v)->m_args;
            for (int64_t i = 0; i < t->m_size; ++i)
                add(t->item(i));
        } else {
            add(v);
        }
    }
    if (items.size() == 1)
        return items[0];
    TupleObject* t = tuple_from(items.data(), static_cast<int64_t>(items.size()));
    return gc::make<GenericAliasObject>(&union_type, Value(), t);
}

void setup_generic_alias_types()
{
    init_static_type(&generic_alias_type, "types.GenericAlias", nullptr, sizeof(GenericAliasObject),
        TF_IMMUTABLE | TF_BASETYPE, ga_trace);
    init_static_type(&union_type, "types.UnionType", nullptr, sizeof(GenericAliasObject), TF_IMMUTABLE, ga_trace);
}

void init_generic_alias_types()
{
    add_methods(&generic_alias_type, s_ga_methods);
    add_getset(&generic_alias_type, "__origin__", ga_origin);
    add_getset(&generic_alias_type, "__args__", ga_args);
    add_getset(&generic_alias_type, "__parameters__", ga_parameters);
    add_getset(&generic_alias_type, "__unpacked__", ga_unpacked);
    add_methods(&union_type, s_union_methods);
    add_getset(&union_type, "__args__", ga_args);
    add_getset(&union_type, "__parameters__", ga_parameters);
}

} // namespace pystm
