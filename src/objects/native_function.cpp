// Native callables: builtin_function_or_method, method_descriptor, wrapper_descriptor,
// classmethod_descriptor, how they are called, and the helpers builtin types use to
// populate their __dict__ (add_methods, add_getset, add_type_attr) and parse their arguments
// (parse_args, check_nargs).
//
// A BuiltinFunction's kind is its type:
//   builtin_function_type      bound: m_self is the receiver, the module (or null) for module
//                              functions, or the owning type for METH_STATIC natives (only for
//                              the repr, CPython's "<built-in method __new__ of type object>";
//                              METH_STATIC natives are always called with a null self)
//   method_descriptor_type     unbound instance method of m_owner; self comes from args[0]
//   wrapper_descriptor_type    the same for a slot dunder (int.__add__), as CPython shows them
//   classmethod_descriptor_type unbound METH_CLASS native; the class comes from args[0]
// Invariant NATIVE-1: a native is never called with a self whose type is not m_owner or a
// subclass of it (method descriptors check it here, CPython's "descriptor 'x' for 'T' objects
// doesn't apply to a 'U' object").
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/module_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include "modules/builtin_modules.h"
#include <cinttypes>
#include <cstring>

namespace pystm {

Type builtin_function_type(&type_type);
Type method_descriptor_type(&type_type);
Type classmethod_descriptor_type(&type_type);
Type wrapper_descriptor_type(&type_type);

namespace {

void builtin_trace(Object* o, gc::Tracer& tr)
{
    auto* f = static_cast<BuiltinFunction*>(o);
    tr.visit(f->m_name);
    tr.visit(f->m_owner);
    tr.visit(f->m_self);
}

BuiltinFunction* as_builtin(Value v) { return v.as<BuiltinFunction>(); }

std::string owner_name(BuiltinFunction* f) { return f->m_owner ? f->m_owner->name_str() : "?"; }

// The tp_new_wrapper checks of CPython for T.__new__(X, ...).
void check_new_call(BuiltinFunction* f, Value const* args, size_t nargs)
{
    Type* owner = f->m_owner;
    std::string tn = owner->name_str();
    if (nargs < 1)
        raise(&exc::TypeError, "%s.__new__(): not enough arguments", tn.c_str());
    if (!is_type(args[0]))
        raise(&exc::TypeError, "%s.__new__(X): X is not a type object (%s)", tn.c_str(),
            type_name(args[0]).c_str());
    Type* sub = args[0].as<Type>();
    std::string sn = sub->name_str();
    if (!sub->is_subtype(owner))
        raise(&exc::TypeError, "%s.__new__(%s): %s is not a subtype of %s", tn.c_str(), sn.c_str(),
            sn.c_str(), tn.c_str());
    // The most derived builtin base of [sub] must be using this very __new__; otherwise its
    // C++ layout would not be initialised.
    Type* staticbase = sub;
    while (staticbase && staticbase->has_flag(TF_HEAPTYPE))
        staticbase = staticbase->m_base;
    if (staticbase && staticbase != owner) {
        Value sn_new = staticbase->special(SP_new);
        if (sn_new && type_of(sn_new) == &staticmethod_type)
            sn_new = sn_new.as<StaticMethodObject>()->m_callable;
        if (sn_new && is_builtin_function(sn_new) && as_builtin(sn_new)->m_fn != f->m_fn) {
            std::string bn = staticbase->name_str();
            raise(&exc::TypeError, "%s.__new__(%s) is not safe, use %s.__new__()", tn.c_str(),
                sn.c_str(), bn.c_str());
        }
    }
}

// --- the types' own methods ------------------------------------------------------------------

Value bf_repr(Value self, Value const*, size_t, TupleObject*)
{
    auto* f = as_builtin(self);
    std::string name = str_utf8(f->m_name);
    Type* t = f->m_type;
    char buf[64];
    if (t == &method_descriptor_type || t == &classmethod_descriptor_type
        || t == &wrapper_descriptor_type) {
        if (t == &wrapper_descriptor_type)
            return str_from_utf8("<slot wrapper '" + name + "' of '" + owner_name(f) + "' objects>");
        return str_from_utf8("<method '" + name + "' of '" + owner_name(f) + "' objects>");
    }
    if (!f->m_self || type_of(f->m_self) == &module_type)
        return str_from_utf8("<built-in function " + name + ">");
    std::snprintf(buf, sizeof buf, "%p", static_cast<void*>(f->m_self.object_or_null()));
    std::string recv = type_name(f->m_self);
    if (f->m_self.is_small_int())
        std::snprintf(buf, sizeof buf, "0x%" PRIx64, f->m_self.bits());
    if (f->m_owner && !(f->m_def->flags & (METH_STATIC | METH_CLASS)) && is_slot_wrapper_name(f->m_name))
        return str_from_utf8("<method-wrapper '" + name + "' of " + recv + " object at " + buf + ">");
    return str_from_utf8("<built-in method " + name + " of " + recv + " object at " + buf + ">");
}

Value bf_call(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    return call_native(as_builtin(self), args, nargs, kwnames);
}

Value md_get(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__get__", nargs, kwnames, 1, 2);
    Value obj = args[0];
    Value type = nargs > 1 ? args[1] : Value();
    auto* f = as_builtin(self);
    if (f->m_type == &classmethod_descriptor_type) {
        if (!type || is_none(type))
            type = Value(type_of(obj));
        if (!is_type(type))
            raise(&exc::TypeError, "descriptor '%s' for type '%s' needs a type, not a '%s' as arg 2",
                str_utf8(f->m_name).c_str(), owner_name(f).c_str(), type_name(type).c_str());
        if (!type.as<Type>()->is_subtype(f->m_owner))
            raise(&exc::TypeError, "descriptor '%s' requires a subtype of '%s' but received '%s'",
                str_utf8(f->m_name).c_str(), owner_name(f).c_str(), type.as<Type>()->name_str().c_str());
        return gc::make<BuiltinFunction>(&builtin_function_type, f->m_def, f->m_name, f->m_owner, type);
    }
    if (is_none(obj))
        return self;
    return descr_get(self, obj, type);
}

Value bf_get_name(Value self) { return as_builtin(self)->m_name; }
Value bf_get_qualname(Value self)
{
    auto* f = as_builtin(self);
    Type* owner;
    if (f->m_type != &builtin_function_type)
        owner = f->m_owner;
    else if (!f->m_self || type_of(f->m_self) == &module_type)
        return f->m_name;
    else
        owner = is_type(f->m_self) ? f->m_self.as<Type>() : type_of(f->m_self);
    StrObject* q = owner->m_qualname ? owner->m_qualname : owner->m_name;
    return str_concat(str_concat(q, str_from_ascii(".")), f->m_name);
}
Value bf_get_self(Value self)
{
    auto* f = as_builtin(self);
    if (f->m_type != &builtin_function_type)
        raise(&exc::AttributeError, "'%s' object has no attribute '__self__'", f->m_type->name_str().c_str());
    return f->m_self ? f->m_self : none();
}
Value bf_get_objclass(Value self)
{
    auto* f = as_builtin(self);
    // A bound slot wrapper ([].__add__) stands for CPython's method-wrapper, which has one.
    bool method_wrapper = f->m_type == &builtin_function_type && f->m_owner && f->m_self
        && !(f->m_def->flags & (METH_STATIC | METH_CLASS)) && is_slot_wrapper_name(f->m_name);
    if ((f->m_type == &builtin_function_type && !method_wrapper) || !f->m_owner)
        raise(&exc::AttributeError, "'builtin_function_or_method' object has no attribute '__objclass__'");
    return f->m_owner;
}
// The docstring CPython's slot wrappers carry (its slotdefs table), for a native slot method
// defined without one.
char const* slot_wrapper_doc(StrObject* name)
{
    static constexpr std::pair<std::string_view, char const*> docs[] = {
        { "__init__", "Initialize self.  See help(type(self)) for accurate signature." },
        { "__repr__", "Return repr(self)." },
        { "__str__", "Return str(self)." },
        { "__hash__", "Return hash(self)." },
        { "__bool__", "True if self else False" },
        { "__eq__", "Return self==value." },
        { "__ne__", "Return self!=value." },
        { "__lt__", "Return self<value." },
        { "__le__", "Return self<=value." },
        { "__gt__", "Return self>value." },
        { "__ge__", "Return self>=value." },
        { "__getattribute__", "Return getattr(self, name)." },
        { "__setattr__", "Implement setattr(self, name, value)." },
        { "__delattr__", "Implement delattr(self, name)." },
        { "__get__", "Return an attribute of instance, which is of type owner." },
        { "__set__", "Set an attribute of instance to value." },
        { "__delete__", "Delete an attribute of instance." },
        { "__call__", "Call self as a function." },
        { "__len__", "Return len(self)." },
        { "__getitem__", "Return self[key]." },
        { "__setitem__", "Set self[key] to value." },
        { "__delitem__", "Delete self[key]." },
        { "__contains__", "Return key in self." },
        { "__iter__", "Implement iter(self)." },
        { "__next__", "Implement next(self)." },
        { "__index__",
            "Return self converted to an integer, if self is suitable for use as an index into a "
            "list." },
        { "__int__", "int(self)" },
        { "__float__", "float(self)" },
        { "__neg__", "-self" },
        { "__pos__", "+self" },
        { "__abs__", "abs(self)" },
        { "__invert__", "~self" },
        { "__await__", "Return an iterator to be used in await expression." },
        { "__aiter__", "Return an awaitable, that resolves in asynchronous iterator." },
        { "__anext__", "Return a value or raise StopAsyncIteration." },
        { "__divmod__", "Return divmod(self, value)." },
        { "__rdivmod__", "Return divmod(value, self)." },
        { "__pow__", "Return pow(self, value, mod)." },
        { "__rpow__", "Return pow(value, self, mod)." },
        { "__iadd__", "Implement self+=value." },
        { "__imul__", "Implement self*=value." },
        { "__add__", "Return self+value." },
        { "__radd__", "Return value+self." },
        { "__sub__", "Return self-value." },
        { "__rsub__", "Return value-self." },
        { "__isub__", "Return self-=value." },
        { "__mul__", "Return self*value." },
        { "__rmul__", "Return value*self." },
        { "__matmul__", "Return self@value." },
        { "__rmatmul__", "Return value@self." },
        { "__imatmul__", "Return self@=value." },
        { "__truediv__", "Return self/value." },
        { "__rtruediv__", "Return value/self." },
        { "__itruediv__", "Return self/=value." },
        { "__floordiv__", "Return self//value." },
        { "__rfloordiv__", "Return value//self." },
        { "__ifloordiv__", "Return self//=value." },
        { "__mod__", "Return self%value." },
        { "__rmod__", "Return value%self." },
        { "__imod__", "Return self%=value." },
        { "__lshift__", "Return self<<value." },
        { "__rlshift__", "Return value<<self." },
        { "__ilshift__", "Return self<<=value." },
        { "__rshift__", "Return self>>value." },
        { "__rrshift__", "Return value>>self." },
        { "__irshift__", "Return self>>=value." },
        { "__and__", "Return self&value." },
        { "__rand__", "Return value&self." },
        { "__iand__", "Return self&=value." },
        { "__xor__", "Return self^value." },
        { "__rxor__", "Return value^self." },
        { "__ixor__", "Return self^=value." },
        { "__or__", "Return self|value." },
        { "__ror__", "Return value|self." },
        { "__ior__", "Return self|=value." },
        { "__ipow__", "Return self**=value." },
    };
    if (!is_slot_wrapper_name(name))
        return nullptr;
    std::string_view n = name->ascii_view();
    for (auto const& [slot, doc] : docs)
        if (slot == n)
            return doc;
    return nullptr;
}

Value bf_get_doc(Value self)
{
    auto* f = as_builtin(self);
    char const* doc = f->m_def->doc;
    if (!doc && f->m_name)
        doc = slot_wrapper_doc(f->m_name);
    if (!doc)
        return none();
    return str_from_utf8(doc);
}
// The __text_signature__ of CPython's slot wrappers (its slotdefs table), which
// inspect.signature() reads: only for a native slot method without a docstring of its own.
char const* slot_wrapper_text_signature(BuiltinFunction* f)
{
    if (f->m_def->doc || !f->m_owner)
        return nullptr;
    if (f->m_def->flags & METH_STATIC)
        return f->m_name == names::__new__ ? "($type, *args, **kwargs)" : nullptr;
    if (f->m_def->flags & METH_CLASS || !is_slot_wrapper_name(f->m_name))
        return nullptr;
    std::string_view n = f->m_name->ascii_view();
    static constexpr std::pair<std::string_view, char const*> sigs[] = {
        { "__init__", "($self, /, *args, **kwargs)" },
        { "__call__", "($self, /, *args, **kwargs)" },
        { "__getattribute__", "($self, name, /)" },
        { "__getattr__", "($self, name, /)" },
        { "__setattr__", "($self, name, value, /)" },
        { "__delattr__", "($self, name, /)" },
        { "__get__", "($self, instance, owner=None, /)" },
        { "__set__", "($self, instance, value, /)" },
        { "__delete__", "($self, instance, /)" },
        { "__getitem__", "($self, key, /)" },
        { "__setitem__", "($self, key, value, /)" },
        { "__delitem__", "($self, key, /)" },
        { "__contains__", "($self, key, /)" },
        { "__pow__", "($self, value, mod=None, /)" },
        { "__rpow__", "($self, value, mod=None, /)" },
    };
    for (auto const& [name, sig] : sigs)
        if (n == name)
            return sig;
    // The unary slots take only self, the binary ones (comparisons, arithmetic, reflected and
    // in-place forms) one value.
    static constexpr std::string_view unary[] = { "__repr__", "__str__", "__hash__", "__bool__",
        "__len__", "__iter__", "__next__", "__neg__", "__pos__", "__abs__", "__invert__", "__int__",
        "__float__", "__index__", "__await__", "__aiter__", "__anext__", "__del__" };
    for (std::string_view u : unary)
        if (n == u)
            return "($self, /)";
    return "($self, value, /)";
}

Value bf_get_text_signature(Value self)
{
    char const* sig = slot_wrapper_text_signature(as_builtin(self));
    return sig ? Value(str_from_ascii(sig)) : none();
}
Value bf_get_module(Value self)
{
    auto* f = as_builtin(self);
    if (f->m_type == &builtin_function_type && f->m_self && !f->m_owner && !is_type(f->m_self)) {
        Value n = py_getattr_opt(f->m_self, names::__name__);
        if (n)
            return n;
    }
    if (!f->m_owner && !f->m_self)
        return str_from_ascii("builtins");
    return none();
}

Value bf_eq(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__eq__", nargs, kwnames, 1, 1);
    if (!is_builtin_function(args[0]) || type_of(args[0]) != type_of(self))
        return Value(g_not_implemented);
    auto* a = as_builtin(self);
    auto* b = as_builtin(args[0]);
    return py_bool(a->m_def == b->m_def && a->m_self == b->m_self && a->m_owner == b->m_owner);
}
Value bf_hash(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__hash__", nargs, kwnames, 0, 0);
    auto* a = as_builtin(self);
    // As CPython's meth_hash: the receiver's identity, not its value (hash([].append) works).
    uint64_t h = reinterpret_cast<uintptr_t>(a->m_def) >> 4;
    uint64_t s = a->m_self.bits();
    h ^= (s >> 4) | (s << 60);
    int64_t r = static_cast<int64_t>(h & 0x1FFFFFFFFFFFFFFFull);
    return Value::small_int(r == -1 ? -2 : r);
}

// pickle: module-level functions reduce to their qualified name (found again by import);
// bound methods and descriptors to getattr(owner, name).
Value bf_reduce(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__reduce__", nargs, kwnames, 0, 0);
    auto* f = as_builtin(self);
    bool plain = f->m_type == &builtin_function_type;
    if (plain && (!f->m_self || isinstance(f->m_self, &module_type)))
        return bf_get_qualname(self);
    Value getattr_fn = py_getattr(Value(init_builtins_module_for_import()), intern("getattr"));
    Value owner = plain ? f->m_self : Value(f->m_owner);
    return tuple_of({ getattr_fn, tuple_of({ owner, f->m_name }) });
}

MethodDef const s_builtin_methods[] = {
    { "__repr__", bf_repr },
    { "__call__", bf_call },
    { "__eq__", bf_eq },
    { "__hash__", bf_hash },
    { "__reduce__", bf_reduce },
    { nullptr, nullptr },
};
MethodDef const s_descr_methods[] = {
    { "__repr__", bf_repr },
    { "__call__", bf_call },
    { "__get__", md_get },
    { "__reduce__", bf_reduce },
    { nullptr, nullptr },
};

} // namespace

bool is_builtin_function(Value v)
{
    if (!v.is_object())
        return false;
    Type* t = v.as_object()->m_type;
    return t == &builtin_function_type || t == &method_descriptor_type
        || t == &classmethod_descriptor_type || t == &wrapper_descriptor_type;
}

bool is_slot_wrapper_name(StrObject* name)
{
    // Dunders CPython implements as type slots (shown as "slot wrapper" / "method-wrapper");
    // the others (__format__, __reduce__, ...) are ordinary methods there.
    static char const* const slots[] = { "__new__", "__init__", "__del__", "__repr__", "__str__",
        "__hash__", "__bool__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__",
        "__getattribute__", "__getattr__", "__setattr__", "__delattr__", "__get__", "__set__",
        "__delete__", "__call__", "__len__", "__getitem__", "__setitem__", "__delitem__",
        "__contains__", "__iter__", "__next__", "__index__", "__int__", "__float__", "__neg__",
        "__pos__", "__abs__", "__invert__", "__add__", "__radd__", "__iadd__", "__sub__",
        "__rsub__", "__isub__", "__mul__", "__rmul__", "__imul__", "__matmul__", "__rmatmul__",
        "__imatmul__", "__truediv__", "__rtruediv__", "__itruediv__", "__floordiv__",
        "__rfloordiv__", "__ifloordiv__", "__mod__", "__rmod__", "__imod__", "__divmod__",
        "__rdivmod__", "__pow__", "__rpow__", "__ipow__", "__lshift__", "__rlshift__",
        "__ilshift__", "__rshift__", "__rrshift__", "__irshift__", "__and__", "__rand__",
        "__iand__", "__xor__", "__rxor__", "__ixor__", "__or__", "__ror__", "__ior__",
        "__await__", "__aiter__", "__anext__" };
    if (!name->m_ascii || name->m_length < 5)
        return false;
    std::string_view n = name->ascii_view();
    if (n.substr(0, 2) != "__")
        return false;
    for (char const* s : slots)
        if (n == s)
            return n != "__new__"; // __new__ is a builtin method bound to the type
    return false;
}

Value call_native(BuiltinFunction* f, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Type* t = f->m_type;
    if (PY_LIKELY(t == &builtin_function_type)) {
        uint32_t flags = f->m_def->flags;
        if (flags & METH_STATIC) {
            if (f->m_owner && f->m_name == names::__new__)
                check_new_call(f, args, nargs);
            return f->m_fn(Value(), args, nargs, kwnames);
        }
        return f->m_fn(f->m_self, args, nargs, kwnames);
    }
    if (t == &method_descriptor_type || t == &wrapper_descriptor_type) {
        bool wrapper = t == &wrapper_descriptor_type; // CPython's wrapperdescr_call wording
        if (nargs < 1) {
            if (wrapper)
                raise(&exc::TypeError, "descriptor '%s' of '%s' object needs an argument",
                    str_utf8(f->m_name).c_str(), owner_name(f).c_str());
            std::string q = owner_name(f) + "." + str_utf8(f->m_name);
            raise(&exc::TypeError, "unbound method %s() needs an argument", q.c_str());
        }
        Value self = args[0];
        Type* st = type_of(self);
        if (st != f->m_owner && !st->is_subtype(f->m_owner)) {
            if (wrapper)
                raise(&exc::TypeError, "descriptor '%s' requires a '%s' object but received a '%s'",
                    str_utf8(f->m_name).c_str(), owner_name(f).c_str(), st->name_str().c_str());
            raise(&exc::TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                str_utf8(f->m_name).c_str(), owner_name(f).c_str(), st->name_str().c_str());
        }
        return f->m_fn(self, args + 1, nargs - 1, kwnames);
    }
    // classmethod descriptor called unbound: the class is the first argument.
    if (nargs < 1)
        raise(&exc::TypeError, "descriptor '%s' of '%s' object needs an argument",
            str_utf8(f->m_name).c_str(), owner_name(f).c_str());
    if (!is_type(args[0]))
        raise(&exc::TypeError, "descriptor '%s' for type '%s' needs a type, not a '%s' as arg 2",
            str_utf8(f->m_name).c_str(), owner_name(f).c_str(), type_name(args[0]).c_str());
    if (!args[0].as<Type>()->is_subtype(f->m_owner))
        raise(&exc::TypeError, "descriptor '%s' requires a subtype of '%s' but received '%s'",
            str_utf8(f->m_name).c_str(), owner_name(f).c_str(), args[0].as<Type>()->name_str().c_str());
    return f->m_fn(args[0], args + 1, nargs - 1, kwnames);
}

BuiltinFunction* builtin_function_new(MethodDef const* def, Value self)
{
    return gc::make<BuiltinFunction>(&builtin_function_type, def, intern(def->name), nullptr, self);
}

void add_methods(Type* t, MethodDef const* defs)
{
    PY_ASSERT(t->m_dict, "BOOT-1");
    for (MethodDef const* d = defs; d->name; ++d) {
        StrObject* name = intern(d->name);
        Value v;
        if (d->flags & METH_STATIC) {
            auto* f = gc::make<BuiltinFunction>(&builtin_function_type, d, name, t, Value(t));
            v = staticmethod_new(f);
        } else if (d->flags & METH_CLASS) {
            v = gc::make<BuiltinFunction>(&classmethod_descriptor_type, d, name, t, Value());
        } else {
            // Slot dunders are CPython's wrapper_descriptor (int.__add__), other methods its
            // method_descriptor (str.lower).
            Type* kind
                = is_slot_wrapper_name(name) ? &wrapper_descriptor_type : &method_descriptor_type;
            v = gc::make<BuiltinFunction>(kind, d, name, t, Value());
        }
        dict_set_str(t->m_dict, name, v);
    }
    bump_type_epoch();
}

void add_getset(Type* t, char const* name, GetterFn get, SetterFn set, char const* doc)
{
    PY_ASSERT(t->m_dict, "BOOT-1");
    dict_set_str(t->m_dict, intern(name), getset_new(t, name, get, set, doc));
    bump_type_epoch();
}

void add_member(Type* t, char const* name, GetterFn get, char const* doc)
{
    PY_ASSERT(t->m_dict, "BOOT-1");
    MemberDescriptor* m = member_new(t, intern(name), 0);
    m->m_get = get;
    m->m_doc = doc;
    dict_set_str(t->m_dict, m->m_name, m);
    bump_type_epoch();
}

void add_type_attr(Type* t, char const* name, Value v)
{
    PY_ASSERT(t->m_dict, "BOOT-1");
    dict_set_str(t->m_dict, intern(name), v);
    bump_type_epoch();
}

Value native_iter_self(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__iter__", nargs, kwnames, 0, 0);
    return self;
}

Value native_iternext(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__next__", nargs, kwnames, 0, 0);
    IterNextFn fn = type_of(self)->m_iternext;
    if (!fn || !self.is_object())
        raise(&exc::TypeError, "'%s' object is not an iterator", type_name(self).c_str());
    Value v = fn(self.as_object());
    if (!v)
        raise_value(Value(&exc::StopIteration));
    return v;
}

// --- argument checking -----------------------------------------------------------------------

namespace {
std::string plain_name(char const* fname)
{
    std::string n = fname ? fname : "function";
    if (n.size() > 2 && n.compare(n.size() - 2, 2, "()") == 0)
        n.resize(n.size() - 2);
    return n;
}
} // namespace

void check_nargs_slow(char const* fname, size_t nargs, TupleObject* kwnames, size_t min, size_t max)
{
    bool keywords = kwnames && kwnames->m_size > 0;
    if (!keywords && nargs >= min && nargs <= max)
        return; // an empty tuple of keyword names
    std::string n = plain_name(fname);
    if (keywords)
        raise(&exc::TypeError, "%s() takes no keyword arguments", n.c_str());
    if (min == max) {
        if (min == 0)
            raise(&exc::TypeError, "%s() takes no arguments (%zu given)", n.c_str(), nargs);
        if (min == 1)
            raise(&exc::TypeError, "%s() takes exactly one argument (%zu given)", n.c_str(), nargs);
        raise(&exc::TypeError, "%s expected %zu argument%s, got %zu", n.c_str(), min,
            min == 1 ? "" : "s", nargs);
    }
    if (nargs < min)
        raise(&exc::TypeError, "%s expected at least %zu argument%s, got %zu", n.c_str(), min,
            min == 1 ? "" : "s", nargs);
    raise(&exc::TypeError, "%s expected at most %zu argument%s, got %zu", n.c_str(), max,
        max == 1 ? "" : "s", nargs);
}

void parse_args(char const* fname, Value const* args, size_t nargs, TupleObject* kwnames,
    std::initializer_list<char const*> spec, size_t required, Value* out)
{
    // The name is built only for an error message: this runs on every call of many methods.
    std::string n;
    auto name = [&]() -> char const* {
        if (n.empty())
            n = plain_name(fname);
        return n.c_str();
    };
    char const* params[32];
    size_t nparams = 0;
    size_t posonly = 0; // params before "/"
    size_t maxpos = SIZE_MAX; // params before "*"
    for (char const* s : spec) {
        if (std::strcmp(s, "/") == 0)
            posonly = nparams;
        else if (std::strcmp(s, "*") == 0)
            maxpos = nparams;
        else {
            PY_ASSERT(nparams < 32, "ARGS-1");
            params[nparams++] = s;
        }
    }
    if (maxpos == SIZE_MAX)
        maxpos = nparams;
    size_t nkw = kwnames ? static_cast<size_t>(kwnames->m_size) : 0;
    for (size_t i = 0; i < nparams; ++i)
        out[i] = Value();
    if (nkw && posonly == nparams)
        raise(&exc::TypeError, "%s() takes no keyword arguments", name());
    if (nargs + nkw > nparams)
        raise(&exc::TypeError, "%s() takes at most %zu %sargument%s (%zu given)", name(), nparams,
            nargs == 0 ? "keyword " : "", nparams == 1 ? "" : "s", nargs + nkw);
    if (nargs > maxpos) {
        if (maxpos == 0)
            raise(&exc::TypeError, "%s() takes no positional arguments", name());
        raise(&exc::TypeError, "%s() takes %s %zu positional argument%s (%zu given)", name(),
            required < maxpos ? "at most" : "exactly", maxpos, maxpos == 1 ? "" : "s", nargs);
    }
    for (size_t i = 0; i < nargs; ++i)
        out[i] = args[i];
    for (size_t k = 0; k < nkw; ++k) {
        auto* key = kwnames->item(static_cast<int64_t>(k)).as<StrObject>();
        size_t j = posonly;
        for (; j < nparams; ++j) {
            std::string_view pn(params[j]);
            if (key->m_ascii && key->ascii_view() == pn)
                break;
        }
        if (j == nparams)
            raise(&exc::TypeError, "'%s' is an invalid keyword argument for %s()",
                str_utf8(key).c_str(), name());
        if (j < nargs)
            raise(&exc::TypeError, "argument for %s() given by name ('%s') and position (%zu)",
                name(), params[j], j + 1);
        out[j] = args[nargs + k];
    }
    for (size_t i = 0; i < required && i < nparams; ++i) {
        if (!out[i]) {
            if (i >= maxpos)
                raise(&exc::TypeError, "%s() missing required keyword-only argument '%s'", name(),
                    params[i]);
            raise(&exc::TypeError, "%s() missing required argument '%s' (pos %zu)", name(),
                params[i], i + 1);
        }
    }
}

// --- PrependArgs -----------------------------------------------------------------------------

PrependArgs::PrependArgs(Value first, Value const* args, size_t n)
{
    if (n + 1 <= sizeof m_small / sizeof m_small[0]) {
        m_small[0] = first;
        for (size_t i = 0; i < n; ++i)
            m_small[i + 1] = args[i];
        m_data = m_small;
        return;
    }
    auto* r = new gc::RootedValues();
    r->reserve(n + 1);
    r->push_back(first);
    r->insert(r->end(), args, args + n);
    m_rooted = r;
    m_data = r->data();
}

PrependArgs::~PrependArgs() { delete static_cast<gc::RootedValues*>(m_rooted); }

// --- type set-up -----------------------------------------------------------------------------

void setup_native_function_types()
{
    init_static_type(&builtin_function_type, "builtin_function_or_method", nullptr,
        sizeof(BuiltinFunction), TF_IMMUTABLE, builtin_trace);
    init_static_type(&method_descriptor_type, "method_descriptor", nullptr, sizeof(BuiltinFunction),
        TF_IMMUTABLE, builtin_trace);
    init_static_type(&classmethod_descriptor_type, "classmethod_descriptor", nullptr,
        sizeof(BuiltinFunction), TF_IMMUTABLE, builtin_trace);
    init_static_type(&wrapper_descriptor_type, "wrapper_descriptor", nullptr, sizeof(BuiltinFunction),
        TF_IMMUTABLE, builtin_trace);
}

void init_native_function_types()
{
    add_methods(&builtin_function_type, s_builtin_methods);
    add_methods(&method_descriptor_type, s_descr_methods);
    add_methods(&classmethod_descriptor_type, s_descr_methods);
    add_methods(&wrapper_descriptor_type, s_descr_methods);
    for (Type* t : { &builtin_function_type, &method_descriptor_type, &classmethod_descriptor_type,
             &wrapper_descriptor_type }) {
        add_getset(t, "__name__", bf_get_name);
        add_getset(t, "__qualname__", bf_get_qualname);
        add_getset(t, "__doc__", bf_get_doc);
        add_getset(t, "__text_signature__", bf_get_text_signature);
        if (t == &builtin_function_type) {
            add_getset(t, "__self__", bf_get_self);
            add_getset(t, "__module__", bf_get_module);
        }
        add_getset(t, "__objclass__", bf_get_objclass);
    }
}

} // namespace pystm
