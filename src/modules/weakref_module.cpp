// The _weakref module: ref (weakref.ReferenceType), proxy (weakref.ProxyType and
// weakref.CallableProxyType), getweakrefcount, getweakrefs and _remove_dead_weakref.
//
// Weak references are real: a ref keeps its referent in a slot that its trace function does not
// visit, registered with the collector (gc/weak_slots.h, GC-4), which clears it when the referent
// becomes unreachable. Callbacks run after the collection, at the same safepoint, from the
// after-collection hook installed here; an exception in a callback is reported as "Exception
// ignored in: ..." on stderr, as CPython does. Because the collector also scans C++ stacks
// conservatively, a referent may survive a collection that CPython's reference counting would
// have freed at once; callers observe clearing only after gc.collect() (or any later collection).
// Invariant WEAK-1: m_referent is null or a heap object registered with register_weak_slot().
// Invariant WEAK-2: a weak reference made by a transaction attempt that aborts is unregistered
// when the thread's next attempt begins (vm/stm_client.cpp): the registry is C++ state, which
// the abort does not roll back.
#include "gc/heap.h"
#include "gc/weak_slots.h"
#include "modules/builtin_modules.h"
#include "modules/stdlib_core.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/generator_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/stm_client.h"
#include "vm/traceback.h"
#include "vm/transaction.h"
#include <cstdio>

namespace pystm {

namespace {

Type ref_type { &type_type };
Type proxy_type { &type_type };
Type callable_proxy_type { &type_type };

struct WeakRefObject : Object {
    Value m_referent; // weak: not traced (WEAK-1)
    Value m_callback; // traced; cleared once called
    int64_t m_hash = -1; // cached hash of the referent, -1 until computed
    WeakRefObject(Type* t, Value r, Value cb) : Object(t), m_referent(r), m_callback(cb) { }
};

void weakref_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<WeakRefObject*>(o)->m_callback); }

bool is_weakref(Value v)
{
    return v.is_object() && (v.as_object()->m_type->is_subtype(&ref_type) || v.as_object()->m_type == &proxy_type
                                || v.as_object()->m_type == &callable_proxy_type);
}

Value referent_of(WeakRefObject* w)
{
    read_barrier(w);
    return w->m_referent;
}

void check_weakrefable(Value ob)
{
    if (!ob.is_object() || !type_supports_weakrefs(ob.as_object()->m_type))
        raise(&exc::TypeError, "cannot create weak reference to '%s' object", type_name(ob).c_str());
}

WeakRefObject* new_weak(Type* cls, Value ob, Value cb)
{
    auto* w = gc::make<WeakRefObject>(cls, ob, cb && !is_none(cb) ? cb : Value());
    if (!(ob.as_object()->m_gc.load(std::memory_order_relaxed) & OF_PERMANENT)) {
        gc::register_weak_slot(w, &w->m_referent);
        vm::stm_note_weak_slot(w, &w->m_referent); // WEAK-2
    }
    return w;
}

// An existing callback-less weak reference of exactly type [t] to [ob], or null (CPython shares
// those).
Value find_basic(Value ob, Type* t)
{
    for (Object* o : gc::weak_owners_of(ob.as_object())) {
        auto* w = static_cast<WeakRefObject*>(o);
        if (w->m_type == t && !w->m_callback)
            return w;
    }
    return Value();
}

void report_unraisable(Value where) { write_unraisable(take_exception(), nullptr, where); }

// The after-collection hook (gc/weak_slots.h): runs the callbacks of cleared references.
void run_weak_callbacks()
{
    // The cleared list is C++ state that an abort would not give back: become inevitable before
    // taking it (if that aborts, the list stays for the next collection's hook).
    vm::transaction_irreversible();
    gc::RootedValues cleared;
    for (Object* o : gc::take_cleared_weak_owners())
        cleared.push_back(o);
    for (Value v : cleared) {
        auto* w = v.as<WeakRefObject>();
        write_barrier(w);
        Value cb = w->m_callback;
        w->m_callback = Value();
        if (!cb)
            continue;
        try {
            py_call1(cb, v);
        } catch (PyError&) {
            report_unraisable(cb);
        }
    }
}

// --- ref -----------------------------------------------------------------------------------------

void unpack_init_args(char const* fname, Value const* args, size_t nargs, Value* ob, Value* cb)
{
    if (nargs < 1)
        raise(&exc::TypeError, "%s expected at least 1 argument, got %zu", fname, nargs);
    if (nargs > 2)
        raise(&exc::TypeError, "%s expected at most 2 arguments, got %zu", fname, nargs);
    *ob = args[0];
    *cb = nargs > 1 ? args[1] : Value();
}

Value ref_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1 || !is_type(args[0]) || !args[0].as<Type>()->is_subtype(&ref_type))
        raise(&exc::TypeError, "weakref.__new__(X): X is not a subtype of weakref");
    Type* cls = args[0].as<Type>();
    Value ob, cb;
    unpack_init_args("__new__", args + 1, nargs - 1, &ob, &cb);
    check_weakrefable(ob);
    if ((!cb || is_none(cb)) && cls == &ref_type)
        if (Value r = find_basic(ob, &ref_type))
            return r;
    return new_weak(cls, ob, cb);
}

Value ref_init(Value, Value const* args, size_t nargs, TupleObject*)
{
    Value ob, cb;
    unpack_init_args("__init__", args, nargs, &ob, &cb);
    return none();
}

Value ref_call(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "weakref() takes no keyword arguments");
    if (nargs)
        raise(&exc::TypeError, "weakref() takes exactly 0 arguments (%zu given)", nargs);
    Value r = referent_of(self.as<WeakRefObject>());
    return r ? r : none();
}

Value ref_hash(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__hash__", nargs, kw, 0, 0);
    auto* w = self.as<WeakRefObject>();
    read_barrier(w);
    if (w->m_hash != -1)
        return int_from_i64(w->m_hash);
    Value r = w->m_referent;
    if (!r)
        raise(&exc::TypeError, "weak object has gone away");
    int64_t h = py_hash(r);
    write_barrier(w);
    w->m_hash = h;
    return int_from_i64(h);
}

Value ref_compare(Value self, Value other, bool eq)
{
    if (!is_weakref(other) || !type_of(other)->is_subtype(&ref_type))
        return Value(g_not_implemented);
    Value a = referent_of(self.as<WeakRefObject>());
    Value b = referent_of(other.as<WeakRefObject>());
    if (!a || !b) {
        bool same = self == other;
        return py_bool(eq ? same : !same);
    }
    return py_richcompare(a, b, eq ? CMP_EQ : CMP_NE);
}
Value ref_eq(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__eq__", nargs, kw, 1, 1);
    return ref_compare(self, args[0], true);
}
Value ref_ne(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__ne__", nargs, kw, 1, 1);
    return ref_compare(self, args[0], false);
}

std::string addr(void const* p)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%p", p);
    return buf;
}

Value ref_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    Value r = referent_of(self.as<WeakRefObject>());
    std::string s = "<weakref at " + addr(self.as_object());
    if (!r)
        return str_from_utf8(s + "; dead>");
    s += "; to '" + type_of(r)->name_str() + "' at " + addr(r.as_object());
    Value name = py_getattr_opt(r, names::__name__);
    if (name && is_str(name))
        s += " (" + str_utf8(name) + ")";
    return str_from_utf8(s + ">");
}

Value ref_callback_get(Value self)
{
    auto* w = self.as<WeakRefObject>();
    read_barrier(w);
    return w->m_callback ? w->m_callback : none();
}

Value ref_class_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__class_getitem__", nargs, kw, 1, 1);
    return generic_alias_new(self, args[0]);
}

// --- proxy ---------------------------------------------------------------------------------------

Value live(Value proxy)
{
    Value r = referent_of(proxy.as<WeakRefObject>());
    if (!r)
        raise(&exc::ReferenceError, "weakly-referenced object no longer exists");
    return r;
}
// Operands of proxy operators are unwrapped when they are proxies themselves.
Value unwrap(Value v)
{
    if (v.is_object() && (v.as_object()->m_type == &proxy_type || v.as_object()->m_type == &callable_proxy_type))
        return live(v);
    return v;
}

Value px_getattribute(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getattribute__", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "attribute name must be string, not '%s'", type_name(args[0]).c_str());
    return py_getattr(live(self), args[0].as<StrObject>());
}
Value px_setattr(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setattr__", nargs, kw, 2, 2);
    py_setattr(live(self), args[0].as<StrObject>(), args[1]);
    return none();
}
Value px_delattr(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__delattr__", nargs, kw, 1, 1);
    py_delattr(live(self), args[0].as<StrObject>());
    return none();
}
Value px_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    Value r = referent_of(self.as<WeakRefObject>());
    std::string s = "<weakproxy at " + addr(self.as_object());
    if (!r)
        return str_from_utf8(s + "; dead>");
    return str_from_utf8(s + "; to '" + type_of(r)->name_str() + "' at " + addr(r.as_object()) + ">");
}
Value px_str(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__str__", nargs, kw, 0, 0);
    return py_str(live(self));
}
Value px_bool(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__bool__", nargs, kw, 0, 0);
    return py_bool(py_truthy(live(self)));
}
Value px_len(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__len__", nargs, kw, 0, 0);
    return int_from_i64(py_len(live(self)));
}
Value px_iter(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__iter__", nargs, kw, 0, 0);
    return py_iter(live(self));
}
Value px_next(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__next__", nargs, kw, 0, 0);
    Value r = live(self);
    if (!type_of(r)->special(SP_next))
        raise(&exc::TypeError, "Weakref proxy referenced a non-iterator '%s' object", type_name(r).c_str());
    Value v = py_next(r);
    if (!v)
        raise_value(Value(&exc::StopIteration));
    return v;
}
Value px_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getitem__", nargs, kw, 1, 1);
    return py_getitem(live(self), args[0]);
}
Value px_setitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setitem__", nargs, kw, 2, 2);
    py_setitem(live(self), args[0], args[1]);
    return none();
}
Value px_delitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__delitem__", nargs, kw, 1, 1);
    py_delitem(live(self), args[0]);
    return none();
}
Value px_contains(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__contains__", nargs, kw, 1, 1);
    return py_bool(py_contains(live(self), args[0]));
}
Value px_call(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return py_call(live(self), args, nargs, kw);
}

template <CompareOp OP> Value px_cmp(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__cmp__", nargs, kw, 1, 1);
    return py_richcompare(unwrap(self), unwrap(args[0]), OP);
}
template <BinaryOp OP> Value px_binop(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__op__", nargs, kw, 1, 1);
    return py_binary_op(unwrap(self), unwrap(args[0]), OP);
}
template <BinaryOp OP> Value px_rbinop(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__rop__", nargs, kw, 1, 1);
    return py_binary_op(unwrap(args[0]), unwrap(self), OP);
}
template <UnaryOp OP> Value px_unop(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__op__", nargs, kw, 0, 0);
    return py_unary_op(live(self), OP);
}
Value px_index(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__index__", nargs, kw, 0, 0);
    return py_number_index(live(self));
}
Value px_int(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__int__", nargs, kw, 0, 0);
    return py_number_int(live(self));
}
Value px_float(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__float__", nargs, kw, 0, 0);
    return py_number_float(live(self));
}

Value make_proxy(Value ob, Value cb)
{
    check_weakrefable(ob);
    Type* t = py_callable(ob) ? &callable_proxy_type : &proxy_type;
    if (!cb || is_none(cb))
        if (Value r = find_basic(ob, t))
            return r;
    return new_weak(t, ob, cb);
}

// --- module functions ----------------------------------------------------------------------------

Value wr_proxy(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "proxy() takes no keyword arguments");
    if (nargs < 1 || nargs > 2)
        raise(&exc::TypeError, "proxy expected %s 2 arguments, got %zu", nargs < 1 ? "at least 1" : "at most",
            nargs);
    return make_proxy(args[0], nargs > 1 ? args[1] : Value());
}

Value wr_getweakrefcount(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("getweakrefcount", nargs, kw, 1, 1);
    if (!args[0].is_object())
        return Value::small_int(0);
    return int_from_u64(gc::weak_owners_of(args[0].as_object()).size());
}

Value wr_getweakrefs(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("getweakrefs", nargs, kw, 1, 1);
    ListObject* out = list_new();
    if (args[0].is_object()) {
        std::vector<Object*> owners = gc::weak_owners_of(args[0].as_object());
        // CPython lists the newest reference first.
        for (size_t i = owners.size(); i-- > 0;)
            list_append(out, owners[i]);
    }
    return out;
}

Value wr_remove_dead_weakref(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("_remove_dead_weakref", nargs, kw, 2, 2);
    if (!is_dict(args[0]))
        raise(&exc::TypeError, "_remove_dead_weakref() argument 1 must be dict, not %s", type_name(args[0]).c_str());
    DictObject* d = args[0].as<DictObject>();
    Value v = dict_get(d, args[1]);
    if (!v)
        return none();
    if (!is_weakref(v))
        raise(&exc::TypeError, "not a weakref");
    if (!referent_of(v.as<WeakRefObject>()))
        dict_pop(d, args[1]);
    return none();
}

MethodDef const ref_methods[] = {
    { "__new__", ref_new, METH_STATIC },
    { "__init__", ref_init },
    { "__call__", ref_call },
    { "__hash__", ref_hash },
    { "__eq__", ref_eq },
    { "__ne__", ref_ne },
    { "__repr__", ref_repr },
    { "__class_getitem__", ref_class_getitem, METH_CLASS },
    { nullptr, nullptr },
};

MethodDef const proxy_methods[] = {
    { "__getattribute__", px_getattribute },
    { "__setattr__", px_setattr },
    { "__delattr__", px_delattr },
    { "__repr__", px_repr },
    { "__str__", px_str },
    { "__bool__", px_bool },
    { "__len__", px_len },
    { "__iter__", px_iter },
    { "__next__", px_next },
    { "__getitem__", px_getitem },
    { "__setitem__", px_setitem },
    { "__delitem__", px_delitem },
    { "__contains__", px_contains },
    { "__eq__", px_cmp<CMP_EQ> },
    { "__ne__", px_cmp<CMP_NE> },
    { "__lt__", px_cmp<CMP_LT> },
    { "__le__", px_cmp<CMP_LE> },
    { "__gt__", px_cmp<CMP_GT> },
    { "__ge__", px_cmp<CMP_GE> },
    { "__add__", px_binop<NB_ADD> },
    { "__radd__", px_rbinop<NB_ADD> },
    { "__sub__", px_binop<NB_SUBTRACT> },
    { "__rsub__", px_rbinop<NB_SUBTRACT> },
    { "__mul__", px_binop<NB_MULTIPLY> },
    { "__rmul__", px_rbinop<NB_MULTIPLY> },
    { "__truediv__", px_binop<NB_TRUE_DIVIDE> },
    { "__rtruediv__", px_rbinop<NB_TRUE_DIVIDE> },
    { "__floordiv__", px_binop<NB_FLOOR_DIVIDE> },
    { "__rfloordiv__", px_rbinop<NB_FLOOR_DIVIDE> },
    { "__mod__", px_binop<NB_REMAINDER> },
    { "__rmod__", px_rbinop<NB_REMAINDER> },
    { "__pow__", px_binop<NB_POWER> },
    { "__rpow__", px_rbinop<NB_POWER> },
    { "__and__", px_binop<NB_AND> },
    { "__rand__", px_rbinop<NB_AND> },
    { "__or__", px_binop<NB_OR> },
    { "__ror__", px_rbinop<NB_OR> },
    { "__xor__", px_binop<NB_XOR> },
    { "__rxor__", px_rbinop<NB_XOR> },
    { "__lshift__", px_binop<NB_LSHIFT> },
    { "__rlshift__", px_rbinop<NB_LSHIFT> },
    { "__rshift__", px_binop<NB_RSHIFT> },
    { "__rrshift__", px_rbinop<NB_RSHIFT> },
    { "__matmul__", px_binop<NB_MATRIX_MULTIPLY> },
    { "__rmatmul__", px_rbinop<NB_MATRIX_MULTIPLY> },
    { "__iadd__", px_binop<NB_INPLACE_ADD> },
    { "__isub__", px_binop<NB_INPLACE_SUBTRACT> },
    { "__imul__", px_binop<NB_INPLACE_MULTIPLY> },
    { "__neg__", px_unop<UN_NEG> },
    { "__pos__", px_unop<UN_POS> },
    { "__invert__", px_unop<UN_INVERT> },
    { "__index__", px_index },
    { "__int__", px_int },
    { "__float__", px_float },
    { nullptr, nullptr },
};

MethodDef const callable_proxy_extra[] = {
    { "__call__", px_call },
    { nullptr, nullptr },
};

MethodDef const module_methods[] = {
    { "proxy", wr_proxy },
    { "getweakrefcount", wr_getweakrefcount },
    { "getweakrefs", wr_getweakrefs },
    { "_remove_dead_weakref", wr_remove_dead_weakref },
    { nullptr, nullptr },
};

} // namespace

bool type_supports_weakrefs(Type* t)
{
    if (t->has_flag(TF_HEAPTYPE))
        return t->has_flag(TF_WEAKREFABLE); // decided by type_new from the layout
    static Type* const s_ok[] = { &function_type, &builtin_function_type, &method_type, &set_type,
        &frozenset_type, &generator_type, &coroutine_type, &async_generator_type, &code_type,
        &module_type, &deque_type, &property_type, &array_type, &partial_type, &lru_type };
    if (t->has_flag(TF_TYPE_SUBCLASS) || t->has_flag(TF_WEAKREFABLE))
        return true;
    for (Type* ok : s_ok)
        if (t == ok)
            return true;
    return false;
}

Value weakref_new(Value ob, Value callback)
{
    check_weakrefable(ob);
    if (!callback || is_none(callback))
        if (Value r = find_basic(ob, &ref_type))
            return r;
    return new_weak(&ref_type, ob, callback);
}

void setup_weakref_types()
{
    init_static_type(&ref_type, "weakref.ReferenceType", nullptr, sizeof(WeakRefObject), TF_BASETYPE, weakref_trace);
    init_static_type(&proxy_type, "weakref.ProxyType", nullptr, sizeof(WeakRefObject), 0, weakref_trace);
    init_static_type(&callable_proxy_type, "weakref.CallableProxyType", nullptr, sizeof(WeakRefObject), 0,
        weakref_trace);
}

void init_weakref_types()
{
    add_methods(&ref_type, ref_methods);
    add_getset(&ref_type, "__callback__", ref_callback_get);
    add_methods(&proxy_type, proxy_methods);
    add_type_attr(&proxy_type, "__hash__", none());
    add_methods(&callable_proxy_type, proxy_methods);
    add_methods(&callable_proxy_type, callable_proxy_extra);
    add_type_attr(&callable_proxy_type, "__hash__", none());
    gc::set_after_collect_hook(run_weak_callbacks);
}

ModuleObject* init_weakref_module()
{
    ModuleObject* m = module_new("_weakref");
    for (MethodDef const* d = module_methods; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    dict_set_cstr(m->m_dict, "ref", &ref_type);
    dict_set_cstr(m->m_dict, "ReferenceType", &ref_type);
    dict_set_cstr(m->m_dict, "ProxyType", &proxy_type);
    dict_set_cstr(m->m_dict, "CallableProxyType", &callable_proxy_type);
    return m;
}

} // namespace pystm
