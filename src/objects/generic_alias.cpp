// types.GenericAlias (list[int], what __class_getitem__ of the builtin containers returns) and
// types.UnionType (int | None). Both are immutable: an origin and / or a tuple of arguments.
// Type-variable substitution (alias[T][int]) follows CPython's genericaliasobject.c: the
// parameters are the arguments that have __typing_subst__ (typing's TypeVar, ParamSpec,
// TypeVarTuple) and the __parameters__ of the others.
#include "gc/heap.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/set_object.h"
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
    // Anything that looks like a generic alias (typing's *Ts, Unpack[...]) shows its repr,
    // not the __qualname__ it forwards from its origin.
    if (!is_type(p) && py_getattr_opt(p, intern("__origin__"))
        && py_getattr_opt(p, intern("__args__")))
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
Value ga_unpacked_tuple_args(Value self)
{
    auto* g = as_ga(self);
    if (g->m_starred && g->m_origin == Value(&tuple_type))
        return g->m_args;
    return none();
}
// _Py_make_parameters: the type variables among the arguments, in order, without repeats.
TupleObject* make_parameters(TupleObject* args)
{
    std::vector<Value> params;
    auto add = [&](Value v) {
        for (Value x : params)
            if (x == v)
                return;
        params.push_back(v);
    };
    for (int64_t i = 0; i < args->m_size; ++i) {
        Value a = args->item(i);
        // A bare class's __parameters__ is a descriptor, not its parameters.
        if (is_type(a))
            continue;
        if (py_getattr_opt(a, intern("__typing_subst__"))) {
            add(a);
            continue;
        }
        Value sub = py_getattr_opt(a, intern("__parameters__"));
        if (sub && is_tuple(sub)) {
            auto* t = sub.as<TupleObject>();
            for (int64_t j = 0; j < t->m_size; ++j)
                add(t->item(j));
        }
    }
    return tuple_from(params.data(), static_cast<int64_t>(params.size()));
}

Value ga_parameters(Value self) { return make_parameters(as_ga(self)->m_args); }

int64_t tuple_index(TupleObject* t, Value v)
{
    for (int64_t i = 0; i < t->m_size; ++i)
        if (t->item(i) == v)
            return i;
    return -1;
}

// The arguments of *tuple[...] (or of typing's *Tuple[...]), null for anything else.
TupleObject* unpacked_tuple_args(Value arg)
{
    if (type_of(arg) == &generic_alias_type && as_ga(arg)->m_starred
        && as_ga(arg)->m_origin == Value(&tuple_type))
        return as_ga(arg)->m_args;
    Value r = py_getattr_opt(arg, intern("__typing_unpacked_tuple_args__"));
    if (r && is_tuple(r))
        return r.as<TupleObject>();
    return nullptr;
}

// _unpack_args: the subscript's items, with each *tuple[X, Y] of fixed length spliced in.
std::vector<Value> unpack_args(Value item)
{
    std::vector<Value> out;
    std::vector<Value> items;
    if (is_tuple(item)) {
        auto* t = item.as<TupleObject>();
        for (int64_t i = 0; i < t->m_size; ++i)
            items.push_back(t->item(i));
    } else {
        items.push_back(item);
    }
    for (Value v : items) {
        if (!is_type(v)) {
            TupleObject* sub = unpacked_tuple_args(v);
            if (sub && !(sub->m_size && sub->item(sub->m_size - 1) == Value(g_ellipsis))) {
                for (int64_t j = 0; j < sub->m_size; ++j)
                    out.push_back(sub->item(j));
                continue;
            }
        }
        out.push_back(v);
    }
    return out;
}

// subs_tvars: obj[...] with its own parameters replaced by their arguments.
Value subs_tvars(Value obj, TupleObject* params, std::vector<Value> const& argitems)
{
    Value sp = py_getattr_opt(obj, intern("__parameters__"));
    if (!sp || !is_tuple(sp) || sp.as<TupleObject>()->m_size == 0)
        return obj;
    auto* subparams = sp.as<TupleObject>();
    std::vector<Value> subargs;
    for (int64_t i = 0; i < subparams->m_size; ++i) {
        Value arg = subparams->item(i);
        int64_t ip = tuple_index(params, arg);
        if (ip >= 0) {
            Value param = params->item(ip);
            arg = argitems[static_cast<size_t>(ip)];
            // A TypeVarTuple (iterable) takes a tuple of arguments, spliced in.
            if (type_lookup(type_of(param), names::__iter__) && is_tuple(arg)) {
                auto* t = arg.as<TupleObject>();
                for (int64_t j = 0; j < t->m_size; ++j)
                    subargs.push_back(t->item(j));
                continue;
            }
        }
        subargs.push_back(arg);
    }
    return py_getitem(obj, tuple_from(subargs.data(), static_cast<int64_t>(subargs.size())));
}

// _Py_subs_parameters: the arguments of self[item], where self's arguments are args.
TupleObject* subs_parameters(Value self, TupleObject* args, TupleObject* params, Value item)
{
    int64_t nparams = params->m_size;
    if (nparams == 0)
        raise(&exc::TypeError, "%s is not a generic class", repr_utf8(self).c_str());
    std::vector<Value> unpacked = unpack_args(item);
    Value cur = tuple_from(unpacked.data(), static_cast<int64_t>(unpacked.size()));
    for (int64_t i = 0; i < nparams; ++i) {
        Value prepare = py_getattr_opt(params->item(i), intern("__typing_prepare_subst__"));
        if (prepare && !is_none(prepare)) {
            Value a[] = { self, cur };
            cur = py_call(prepare, a, 2);
        }
    }
    std::vector<Value> argitems;
    if (is_tuple(cur)) {
        auto* t = cur.as<TupleObject>();
        for (int64_t i = 0; i < t->m_size; ++i)
            argitems.push_back(t->item(i));
    } else {
        argitems.push_back(cur);
    }
    int64_t nitems = static_cast<int64_t>(argitems.size());
    if (nitems != nparams)
        raise(&exc::TypeError, "Too %s arguments for %s; actual %lld, expected %lld",
            nitems > nparams ? "many" : "few", repr_utf8(self).c_str(),
            static_cast<long long>(nitems), static_cast<long long>(nparams));
    std::vector<Value> newargs;
    for (int64_t i = 0; i < args->m_size; ++i) {
        Value arg = args->item(i);
        if (is_type(arg)) {
            newargs.push_back(arg);
            continue;
        }
        Value u = py_getattr_opt(arg, intern("__typing_is_unpacked_typevartuple__"));
        bool unpack = u && py_truthy(u);
        Value subst = py_getattr_opt(arg, intern("__typing_subst__"));
        if (subst) {
            int64_t ip = tuple_index(params, arg);
            Value a[] = { argitems[static_cast<size_t>(ip < 0 ? 0 : ip)] };
            arg = py_call(subst, a, 1);
        } else {
            arg = subs_tvars(arg, params, argitems);
        }
        if (unpack && is_tuple(arg)) {
            auto* t = arg.as<TupleObject>();
            for (int64_t j = 0; j < t->m_size; ++j)
                newargs.push_back(t->item(j));
        } else {
            newargs.push_back(arg);
        }
    }
    return tuple_from(newargs.data(), static_cast<int64_t>(newargs.size()));
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

// CPython's attr_exceptions: the attributes an alias does not take from its origin.
char const* const s_attr_exceptions[] = { "__class__", "__origin__", "__args__", "__unpacked__",
    "__parameters__", "__typing_unpacked_tuple_args__", "__mro_entries__", "__reduce_ex__",
    "__reduce__", "__copy__", "__deepcopy__" };

// Every attribute but the exceptions comes from the origin, before the alias's own
// (list[int].append is list.append), as CPython's ga_getattro does. __setstate__ is also the
// alias's own: unpickling an unpacked alias applies it.
Value ga_getattribute(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__getattribute__", nargs, kwnames, 1, 1);
    if (!is_str(args[0]))
        raise(
            &exc::TypeError, "attribute name must be string, not '%s'", type_name(args[0]).c_str());
    auto* name = args[0].as<StrObject>();
    std::string n = str_utf8(name);
    bool own = n == "__setstate__";
    for (char const* e : s_attr_exceptions)
        own = own || n == e;
    if (!own)
        return py_getattr(as_ga(self)->m_origin, name);
    Value v = generic_getattr_opt(self, name);
    if (!v)
        raise_no_attribute(self, name);
    return v;
}

// A union's __module__ is its type's ("types"), which typing relies on.
Value union_getattribute(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__getattribute__", nargs, kwnames, 1, 1);
    if (!is_str(args[0]))
        raise(
            &exc::TypeError, "attribute name must be string, not '%s'", type_name(args[0]).c_str());
    auto* name = args[0].as<StrObject>();
    if (str_utf8(name) == "__module__")
        return py_getattr(Value(type_of(self)), name);
    Value v = generic_getattr_opt(self, name);
    if (!v)
        raise_no_attribute(self, name);
    return v;
}

// dir(alias): the origin's names and the alias's own.
Value ga_dir(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__dir__", nargs, kwnames, 0, 0);
    Value origin = as_ga(self)->m_origin;
    Value d = py_call(builtin_callable("dir"), &origin, 1);
    if (!is_list(d))
        return d;
    ListObject* l = d.as<ListObject>();
    for (char const* e : s_attr_exceptions) {
        Value name = intern(e);
        bool found = false;
        for (int64_t i = 0; i < list_size(l) && !found; ++i)
            found = py_eq(list_get(l, i), name);
        if (!found)
            list_append(l, name);
    }
    return d;
}

Value ga_eq(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__eq__", nargs, kwnames, 1, 1);
    // Subclasses of GenericAlias compare with it (PyObject_TypeCheck in CPython); unions only
    // with unions.
    bool ga = type_of(self)->is_subtype(&generic_alias_type);
    if (ga ? !type_of(args[0])->is_subtype(&generic_alias_type) : type_of(args[0]) != type_of(self))
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
        // hash(frozenset(args)), as in CPython.
        SetObject* fs = set_new(&frozenset_type);
        for (int64_t i = 0; i < g->m_args->m_size; ++i)
            set_add(fs, g->m_args->item(i));
        return int_from_i64(py_hash(fs));
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

Value ga_getitem(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__getitem__", nargs, kwnames, 1, 1);
    auto* g = as_ga(self);
    TupleObject* newargs = subs_parameters(self, g->m_args, make_parameters(g->m_args), args[0]);
    auto* r = gc::make<GenericAliasObject>(&generic_alias_type, g->m_origin, newargs);
    r->m_starred = g->m_starred;
    return r;
}

Value union_getitem(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__getitem__", nargs, kwnames, 1, 1);
    auto* g = as_ga(self);
    TupleObject* newargs = subs_parameters(self, g->m_args, make_parameters(g->m_args), args[0]);
    if (newargs->m_size == 0)
        return gc::make<GenericAliasObject>(&union_type, Value(), newargs);
    Value r = newargs->item(0);
    for (int64_t i = 1; i < newargs->m_size; ++i)
        r = py_binary_op(r, newargs->item(i), NB_OR);
    return r;
}

// Pickling: GenericAlias(origin, args). CPython rebuilds the unpacked form as
// next(iter(alias)) through its own iterator type; here iter(alias) is a tuple iterator over
// the unpacked alias itself, which would pickle recursively, so the unpacked form is the plain
// one plus a state of True that __setstate__ applies to the new object.
Value ga_reduce(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__reduce__", nargs, kwnames, 0, 0);
    auto* g = as_ga(self);
    Value ctor = tuple_of({ Value(type_of(self)), tuple_of({ g->m_origin, Value(g->m_args) }) });
    if (!g->m_starred)
        return ctor;
    return tuple_of(
        { ctor.as<TupleObject>()->item(0), ctor.as<TupleObject>()->item(1), py_bool(true) });
}

Value ga_setstate(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__setstate__", nargs, kwnames, 1, 1);
    as_ga(self)->m_starred = py_truthy(args[0]);
    return Value(g_none);
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
    return is_none(v) || is_type(v) || type_of(v)->is_subtype(&generic_alias_type)
        || type_of(v) == &union_type;
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
    { "__getattribute__", ga_getattribute },
    { "__eq__", ga_eq },
    { "__hash__", ga_hash },
    { "__or__", ga_or },
    { "__ror__", ga_ror },
    { "__getitem__", ga_getitem },
    { "__reduce__", ga_reduce },
    { "__setstate__", ga_setstate },
    { "__dir__", ga_dir },
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
    { "__getitem__", union_getitem },
    { "__getattribute__", union_getattribute },
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
        TF_IMMUTABLE | TF_BASETYPE | TF_WEAKREFABLE, ga_trace);
    init_static_type(&union_type, "types.UnionType", nullptr, sizeof(GenericAliasObject), TF_IMMUTABLE, ga_trace);
}

void init_generic_alias_types()
{
    add_methods(&generic_alias_type, s_ga_methods);
    add_getset(&generic_alias_type, "__origin__", ga_origin);
    add_getset(&generic_alias_type, "__args__", ga_args);
    add_getset(&generic_alias_type, "__parameters__", ga_parameters);
    add_getset(&generic_alias_type, "__unpacked__", ga_unpacked);
    add_getset(&generic_alias_type, "__typing_unpacked_tuple_args__", ga_unpacked_tuple_args);
    add_methods(&union_type, s_union_methods);
    add_getset(&union_type, "__args__", ga_args);
    add_getset(&union_type, "__parameters__", ga_parameters);
}

} // namespace pystm
