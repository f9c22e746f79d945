// The interpreter loop: executes the instruction set of vm/opcodes.def on heap frames.
//
// One run_frame() activation executes its entry frame and every Python frame that frame calls:
// CALL on a Python function pushes a new frame and continues in the same loop; RETURN_VALUE pops
// back into the caller. Generator frames resumed by FOR_ITER or SEND are entered the same way
// and deliver their yield / return to the resuming instruction (see deliver_*). Only C++ code
// calling Python (py_call -> call_function, generator.send from C++) starts a nested
// run_frame().
//
// Exceptions are C++ PyError throws (objects/exceptions.h). The catch handler of the loop adds
// a traceback entry for the current frame (except after RERAISE and bare `raise`), then looks
// for a block of the frame's block stack; if none, the frame is popped and the exception
// continues in its caller, until the entry frame, where it is rethrown to C++.
//
// Invariants: FRAME-1 (ts->m_frame is the innermost running frame at every call, poll and
// throw), FRAME-2 (see vm/frame.h), GEN-1 (objects/generator_object.h), GC-2 (the only
// safepoint is poll_eval_breaker(), vm/eval_breaker.h).
// VM-1: an instruction body never reaches DISPATCH() with a live C++ object that has a
// destructor (gc::RootedValues, std::string, ...): DISPATCH() is a computed goto, which leaves
// the scope without running destructors. Such objects go in an inner block that ends first.
#include "vm/interpreter.h"
#include "builtins/builtins.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/generator_object.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/module_object.h"
#include "objects/set_object.h"
#include "objects/slice_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include "objects/type_object.h"
#include "stm/stm.h"
#include "vm/eval_breaker.h"
#include "vm/frame.h"
#include "vm/opcode.h"
#include "vm/stm_client.h"
#include "vm/traceback.h"
#include <cmath>
#include <new>
#include <stdexcept>

#if defined(__GNUC__) && !defined(PYSTM_NO_COMPUTED_GOTO)
#define PYSTM_COMPUTED_GOTO 1
#else
#define PYSTM_COMPUTED_GOTO 0
#endif

namespace pystm {

// Traceback entries (vm/traceback.cpp).
void traceback_add(Value exc, vm::Frame* f);
// object.__getattribute__ (type_object.cpp): LOAD_ATTR takes the generic path directly for it.
extern Value g_object_getattribute;

namespace vm {

DictObject* builtins_dict() { return builtins_module()->m_dict; }

namespace {

// --- small helpers ---------------------------------------------------------------------------

BaseExceptionObject* as_exc(Value v) { return v.as<BaseExceptionObject>(); }

[[noreturn]] void raise_name_error(Type* type, std::string const& msg, StrObject* name)
{
    Value e = exception_new(type, { Value(str_from_utf8(msg)) });
    // NameError.name feeds the "Did you mean" suggestion of traceback printing. CPython leaves
    // it unset on UnboundLocalError, which therefore never gets a suggestion.
    if (type != &exc::NameError)
        raise_value(e);
    try {
        py_setattr(e, names::name, Value(name));
    } catch (PyError&) {
        take_exception();
    }
    raise_value(e);
}

[[noreturn]] void raise_unbound_local(StrObject* name)
{
    raise_name_error(&exc::UnboundLocalError,
        "cannot access local variable '" + str_utf8(name) + "' where it is not associated with a value", name);
}

[[noreturn]] void raise_free_unbound(StrObject* name)
{
    raise_name_error(&exc::NameError,
        "cannot access free variable '" + str_utf8(name) + "' where it is not associated with a value in enclosing scope",
        name);
}

[[noreturn]] void raise_name_not_defined(StrObject* name)
{
    raise_name_error(&exc::NameError, "name '" + str_utf8(name) + "' is not defined", name);
}

// Sets exc.__context__ to the handled exception, breaking cycles as CPython does.
void chain_context(Value exc)
{
    Value handled = current_handled_exception();
    if (is_none(handled) || handled == exc || !is_exception(exc))
        return;
    // Remove [exc] from the handled exception's context chain (Floyd's cycle guard).
    Value o = handled;
    Value slow = handled;
    bool advance = false;
    for (;;) {
        Value ctx = as_exc(o)->m_context;
        if (!ctx || is_none(ctx))
            break;
        if (ctx == exc) {
            write_barrier(o.as_object());
            as_exc(o)->m_context = Value();
            break;
        }
        o = ctx;
        if (o == slow)
            break; // a pre-existing cycle not involving exc
        if (advance)
            slow = as_exc(slow)->m_context;
        advance = !advance;
    }
    write_barrier(exc.as_object());
    as_exc(exc)->m_context = handled;
}

// raise exc [from cause]: the instance to raise (classes are instantiated).
Value make_raisable(Value exc)
{
    if (is_type(exc) && exc.as<Type>()->is_subtype(&exc::BaseException)) {
        Value inst = py_call0(exc);
        if (!is_exception(inst))
            raise(&exc::TypeError, "calling %s should have returned an instance of BaseException, not %s",
                repr_utf8(exc).c_str(), type_name(inst).c_str());
        return inst;
    }
    if (is_exception(exc))
        return exc;
    raise(&exc::TypeError, "exceptions must derive from BaseException");
}

[[noreturn]] void do_raise(Value exc, Value cause)
{
    Value inst = make_raisable(exc);
    if (cause) {
        Value c;
        if (is_none(cause))
            c = none();
        else if (is_type(cause) && cause.as<Type>()->is_subtype(&exc::BaseException)) {
            c = py_call0(cause);
            if (!is_exception(c))
                raise(&exc::TypeError, "calling %s should have returned an instance of BaseException, not %s",
                    repr_utf8(cause).c_str(), type_name(c).c_str());
        } else if (is_exception(cause))
            c = cause;
        else
            raise(&exc::TypeError, "exception causes must derive from BaseException");
        write_barrier(inst.as_object());
        as_exc(inst)->m_cause = c;
        as_exc(inst)->m_suppress_context = true;
    }
    chain_context(inst);
    set_exception(inst);
    throw PyError();
}

// A special method looked up on the type and bound to [obj] (CPython's _PyObject_LookupSpecial).
Value lookup_special(Value obj, StrObject* name)
{
    Value attr = type_lookup(type_of(obj), name);
    if (!attr)
        return Value();
    if (attr.is_object() && attr.as_object()->m_type == &function_type)
        return Value(method_new(attr, obj));
    Value get = type_of(attr)->special(SP_get);
    if (get) {
        Value args[3] = { attr, obj, Value(type_of(obj)) };
        return py_call(get, args, 3);
    }
    return attr;
}

bool check_exc_match_type(Value type)
{
    auto valid = [](Value t) { return is_type(t) && t.as<Type>()->is_subtype(&exc::BaseException); };
    if (is_tuple(type)) {
        auto* t = type.as<TupleObject>();
        for (int64_t i = 0; i < t->m_size; ++i)
            if (!valid(t->item(i)))
                return false;
        return true;
    }
    return valid(type);
}

bool exc_matches(Value exc, Value type)
{
    Type* et = type_of(exc);
    if (is_tuple(type)) {
        auto* t = type.as<TupleObject>();
        for (int64_t i = 0; i < t->m_size; ++i)
            if (et->is_subtype(t->item(i).as<Type>()))
                return true;
        return false;
    }
    return et->is_subtype(type.as<Type>());
}

Value stop_iteration_value(Value e)
{
    Value v = py_getattr_opt(e, names::value);
    return v ? v : none();
}

bool is_iterable_type(Value v)
{
    Type* t = type_of(v);
    return t->special(SP_iter) || t->special(SP_getitem) || t->m_iternext;
}

// [target].update(update) for {**a} displays and f(**a) calls.
void dict_merge(DictObject* target, Value update, bool for_call, Value func)
{
    if (!is_dict(update) && !py_hasattr(update, names::keys)) {
        if (for_call)
            raise(&exc::TypeError, "%s argument after ** must be a mapping, not %s", function_str(func).c_str(),
                type_name(update).c_str());
        raise(&exc::TypeError, "'%s' object is not a mapping", type_name(update).c_str());
    }
    if (!for_call) {
        dict_update(target, update);
        return;
    }
    auto put = [&](Value k, Value v) {
        if (dict_get(target, k)) {
            if (is_str(k))
                raise(&exc::TypeError, "%s got multiple values for keyword argument '%s'", function_str(func).c_str(),
                    str_utf8(k).c_str());
            raise(&exc::TypeError, "%s keywords must be strings", function_str(func).c_str());
        }
        dict_set(target, k, v);
    };
    if (is_dict(update) && type_of(update) == &dict_type) {
        int64_t pos = 0;
        Value k, v;
        gc::RootedValues items;
        while (dict_next(update.as<DictObject>(), &pos, &k, &v)) {
            items.push_back(k);
            items.push_back(v);
        }
        for (size_t i = 0; i < items.size(); i += 2)
            put(items[i], items[i + 1]);
        return;
    }
    Value keys = py_call_method(update, names::keys, nullptr, 0);
    Value it = py_iter(keys);
    while (Value k = py_next(it))
        put(k, py_getitem(update, k));
}

void unpack_iterable(Value v, int before, int after, bool star, Value* sp_out)
{
    // Items are written so that the first item ends up on top: sp_out[total - 1 - i] = item i.
    int total = before + after + (star ? 1 : 0);
    if (!star && (type_of(v) == &tuple_type || type_of(v) == &list_type)) {
        int64_t n = type_of(v) == &tuple_type ? v.as<TupleObject>()->m_size : list_size(v.as<ListObject>());
        if (n == before) {
            for (int i = 0; i < before; ++i) {
                Value item = type_of(v) == &tuple_type ? v.as<TupleObject>()->item(i) : list_get(v.as<ListObject>(), i);
                sp_out[total - 1 - i] = item;
            }
            return;
        }
        if (n < before)
            raise(&exc::ValueError, "not enough values to unpack (expected %d, got %lld)", before, static_cast<long long>(n));
        raise(&exc::ValueError, "too many values to unpack (expected %d)", before);
    }
    if (!is_iterable_type(v))
        raise(&exc::TypeError, "cannot unpack non-iterable %s object", type_name(v).c_str());
    Value it = py_iter(v);
    int i = 0;
    for (; i < before; ++i) {
        Value item = py_next(it);
        if (!item) {
            if (star)
                raise(&exc::ValueError, "not enough values to unpack (expected at least %d, got %d)", before + after, i);
            raise(&exc::ValueError, "not enough values to unpack (expected %d, got %d)", before, i);
        }
        sp_out[total - 1 - i] = item;
    }
    if (!star) {
        if (py_next(it))
            raise(&exc::ValueError, "too many values to unpack (expected %d)", before);
        return;
    }
    ListObject* rest = py_list_from_iterable(it);
    int64_t n = list_size(rest);
    if (n < after)
        raise(&exc::ValueError, "not enough values to unpack (expected at least %d, got %lld)", before + after,
            static_cast<long long>(before + n));
    sp_out[total - 1 - before] = Value(rest);
    for (int j = 0; j < after; ++j)
        sp_out[total - 1 - (before + 1 + j)] = list_get(rest, n - after + j);
    // Shrink the list to the starred part.
    ListObject* star_list = list_from(nullptr, 0);
    for (int64_t j = 0; j < n - after; ++j)
        list_append(star_list, list_get(rest, j));
    sp_out[total - 1 - before] = Value(star_list);
}

Value format_value(Value v, int conv, Value spec)
{
    switch (conv) {
    case 1: v = Value(py_str(v)); break;
    case 2: v = Value(py_repr(v)); break;
    case 3: v = Value(py_ascii(v)); break;
    default: break;
    }
    if (!spec && type_of(v) == &str_type)
        return v;
    return Value(py_format(v, spec ? spec.as<StrObject>() : str_empty()));
}

Value build_string(Value* items, uint32_t n)
{
    std::string s;
    bool ascii = true;
    for (uint32_t i = 0; i < n; ++i) {
        auto* so = items[i].as<StrObject>();
        if (!so->m_ascii)
            ascii = false;
        if (so->m_ascii)
            s.append(so->ascii_view());
        else
            s += str_utf8(so);
    }
    return ascii ? Value(str_from_ascii(s)) : Value(str_from_utf8(s));
}

// Validates and converts the *args operand of CALL_FUNCTION_EX.
TupleObject* call_args_tuple(Value func, Value args)
{
    if (type_of(args) == &tuple_type)
        return args.as<TupleObject>();
    if (!is_iterable_type(args))
        raise(&exc::TypeError, "%s argument after * must be an iterable, not %s", function_str(func).c_str(),
            type_name(args).c_str());
    return py_tuple_from_iterable(args);
}

// Builds the [args..., kwvalues...] vector and kwnames for a call of [f] with *args, **kwargs.
TupleObject* flatten_call(TupleObject* args, DictObject* kwargs, gc::RootedValues& out)
{
    for (int64_t i = 0; i < args->m_size; ++i)
        out.push_back(args->item(i));
    if (!kwargs || dict_size(kwargs) == 0)
        return nullptr;
    gc::RootedValues names;
    int64_t pos = 0;
    Value k, v;
    while (dict_next(kwargs, &pos, &k, &v)) {
        if (!is_str(k))
            raise(&exc::TypeError, "keywords must be strings");
        names.push_back(k);
        out.push_back(v);
    }
    return tuple_from(names.data(), static_cast<int64_t>(names.size()));
}

Value import_name(Frame* f, StrObject* name, Value fromlist, Value level)
{
    Value imp = dict_get_str(f->m_builtins, names::__import__);
    if (!imp)
        raise(&exc::ImportError, "__import__ not found");
    Value locals = f->m_locals ? f->m_locals : none();
    Value args[5] = { Value(name), Value(f->m_globals), locals, fromlist, level };
    return py_call(imp, args, 5);
}

Value sys_module_attr(Frame*, char const* attr) { return sys_get(attr); }

Value import_from(Frame* f, Value module, StrObject* name)
{
    Value v = py_getattr_opt(module, name);
    if (v)
        return v;
    // A submodule imported during a circular import is in sys.modules before it is bound.
    Value pkgname = py_getattr_opt(module, names::__name__);
    if (pkgname && is_str(pkgname)) {
        Value modules = sys_module_attr(f, "modules");
        if (modules && is_dict(modules)) {
            std::string full = str_utf8(pkgname) + "." + str_utf8(name);
            Value sub = dict_get(modules.as<DictObject>(), Value(str_from_utf8(full)));
            if (sub)
                return sub;
        }
    }
    std::string modname = pkgname && is_str(pkgname) ? str_utf8(pkgname) : "<unknown module name>";
    Value file = py_getattr_opt(module, names::__file__);
    std::string where = file && is_str(file) ? str_utf8(file) : "unknown location";
    Value e = exception_new(&exc::ImportError,
        { Value(str_from_utf8("cannot import name '" + str_utf8(name) + "' from '" + modname + "' (" + where + ")")) });
    try {
        py_setattr(e, names::name, pkgname ? pkgname : none());
        py_setattr(e, names::path, file ? file : none());
    } catch (PyError&) {
        take_exception();
    }
    raise_value(e);
}

void import_star(Frame* f, Value module)
{
    if (!f->m_locals)
        raise(&exc::SystemError, "no locals found during 'import *'");
    Value all = py_getattr_opt(module, names::__all__);
    bool skip_private = false;
    if (!all) {
        Value d = py_getattr_opt(module, names::__dict__);
        if (!d)
            raise(&exc::ImportError, "from-import-* object has no __dict__ and no __all__");
        all = py_call_method(d, names::keys, nullptr, 0);
        skip_private = true;
    }
    Value it = py_iter(all);
    while (Value name = py_next(it)) {
        if (!is_str(name)) {
            Value modname = py_getattr_opt(module, names::__name__);
            raise(&exc::TypeError, "%s in %s.%s must be str, not %s", skip_private ? "Key" : "Item",
                modname && is_str(modname) ? str_utf8(modname).c_str() : "<module>", skip_private ? "__dict__" : "__all__",
                type_name(name).c_str());
        }
        if (skip_private && name.as<StrObject>()->m_length > 0 && name.as<StrObject>()->at(0) == '_')
            continue;
        Value v = py_getattr(module, name.as<StrObject>());
        if (type_of(f->m_locals) == &dict_type)
            dict_set(f->m_locals.as<DictObject>(), name, v);
        else
            py_setitem(f->m_locals, name, v);
    }
}

// --- pattern matching ------------------------------------------------------------------------

// CPython's Py_TPFLAGS_MAPPING / SEQUENCE (objects/type_object.h).
bool match_is_mapping(Value v) { return type_collection_flags(type_of(v)) & TF_MAPPING; }

bool match_is_sequence(Value v) { return type_collection_flags(type_of(v)) & TF_SEQUENCE; }

Value match_keys(Value subject, Value keys)
{
    auto* kt = keys.as<TupleObject>();
    if (kt->m_size == 0)
        return Value(tuple_empty());
    Value get = py_getattr(subject, names::get);
    Value dummy = Value(&object_type); // any object that no mapping value can be
    Value marker = py_call0(dummy);
    SetObject* seen = set_new();
    gc::RootedValues values;
    for (int64_t i = 0; i < kt->m_size; ++i) {
        Value key = kt->item(i);
        if (set_contains(seen, key))
            raise(&exc::ValueError, "mapping pattern checks duplicate key (%s)", repr_utf8(key).c_str());
        set_add(seen, key);
        Value v = py_call2(get, key, marker);
        if (v == marker)
            return none();
        values.push_back(v);
    }
    return Value(tuple_from(values.data(), static_cast<int64_t>(values.size())));
}

Value match_class_attr(Value subject, Value name, Type* cls, SetObject* seen)
{
    if (set_contains(seen, name))
        raise(&exc::TypeError, "%s() got multiple sub-patterns for attribute %s", cls->name_str().c_str(),
            repr_utf8(name).c_str());
    set_add(seen, name);
    return py_getattr_opt(subject, name.as<StrObject>());
}

Value match_class(Value subject, Value cls, uint32_t nargs, Value kwnames)
{
    if (!is_type(cls))
        raise(&exc::TypeError, "called match pattern must be a class");
    Type* t = cls.as<Type>();
    if (!py_isinstance(subject, cls))
        return none();
    SetObject* seen = set_new();
    gc::RootedValues attrs;
    if (nargs) {
        // Builtins that match themselves positionally (CPython's _Py_TPFLAGS_MATCH_SELF).
        static Type* const self_types[] = { &bool_type, &bytearray_type, &bytes_type, &dict_type, &float_type,
            &frozenset_type, &int_type, &list_type, &set_type, &str_type, &tuple_type };
        bool match_self = false;
        Value match_args = py_getattr_opt(cls, names::__match_args__);
        if (match_args) {
            if (!is_tuple(match_args) || type_of(match_args) != &tuple_type)
                raise(&exc::TypeError, "%s.__match_args__ must be a tuple (got %s)", t->name_str().c_str(),
                    type_name(match_args).c_str());
        } else {
            for (Type* st : self_types)
                if (t == st)
                    match_self = true;
            match_args = Value(tuple_empty());
        }
        int64_t allowed = match_self ? 1 : match_args.as<TupleObject>()->m_size;
        if (static_cast<int64_t>(nargs) > allowed)
            raise(&exc::TypeError, "%s() accepts %lld positional sub-pattern%s (%u given)", t->name_str().c_str(),
                static_cast<long long>(allowed), allowed == 1 ? "" : "s", nargs);
        if (match_self) {
            attrs.push_back(subject);
        } else {
            for (uint32_t i = 0; i < nargs; ++i) {
                Value name = match_args.as<TupleObject>()->item(i);
                if (!is_str(name))
                    raise(&exc::TypeError, "__match_args__ elements must be strings (got %s)", type_name(name).c_str());
                Value v = match_class_attr(subject, name, t, seen);
                if (!v)
                    return none();
                attrs.push_back(v);
            }
        }
    }
    auto* kw = kwnames.as<TupleObject>();
    for (int64_t i = 0; i < kw->m_size; ++i) {
        Value v = match_class_attr(subject, kw->item(i), t, seen);
        if (!v)
            return none();
        attrs.push_back(v);
    }
    return Value(tuple_from(attrs.data(), static_cast<int64_t>(attrs.size())));
}

// --- async helpers ---------------------------------------------------------------------------

Value get_awaitable_iter(Value o, int where)
{
    if (is_coroutine(o))
        return o;
    if (is_generator(o) && (o.as<GenObject>()->m_code->m_flags & CO_ITERABLE_COROUTINE))
        return o;
    Value await = type_of(o)->special(SP_await);
    if (!await) {
        if (where == 1)
            raise(&exc::TypeError, "'async with' received an object from __aenter__ that does not implement __await__: %s",
                type_name(o).c_str());
        if (where == 2)
            raise(&exc::TypeError, "'async with' received an object from __aexit__ that does not implement __await__: %s",
                type_name(o).c_str());
        raise(&exc::TypeError, "object %s can't be used in 'await' expression", type_name(o).c_str());
    }
    Value res = call_unbound(await, o, nullptr, 0, nullptr);
    if (is_coroutine(res) || (is_generator(res) && (res.as<GenObject>()->m_code->m_flags & CO_ITERABLE_COROUTINE)))
        raise(&exc::TypeError, "__await__() returned a coroutine");
    if (!type_of(res)->special(SP_next) && !type_of(res)->m_iternext)
        raise(&exc::TypeError, "__await__() returned non-iterator of type '%s'", type_name(res).c_str());
    return res;
}

// --- exception groups (except*) ------------------------------------------------------------

bool is_exception_group(Value v) { return v.is_object() && type_of(v)->is_subtype(&exc::BaseExceptionGroup); }

// CHECK_EG_MATCH: (match, rest) of [exc] split by [type].
void exception_group_match(Value exc, Value type, Value* match, Value* rest)
{
    if (is_none(exc)) {
        *match = none();
        *rest = none();
        return;
    }
    if (exc_matches(exc, type)) {
        if (is_exception_group(exc)) {
            *match = exc;
        } else {
            // A naked exception matched: wrap it in an ExceptionGroup("", [exc]).
            Value eg = py_call2(Value(&exc::ExceptionGroup), Value(str_empty()), Value(tuple_of({ exc })));
            auto* src = as_exc(exc);
            auto* dst = as_exc(eg);
            write_barrier(dst);
            dst->m_traceback = src->m_traceback;
            dst->m_cause = src->m_cause;
            dst->m_context = src->m_context;
            *match = eg;
        }
        *rest = none();
        return;
    }
    if (is_exception_group(exc)) {
        Value pair = py_call_method(exc, intern("split"), &type, 1);
        if (!is_tuple(pair) || pair.as<TupleObject>()->m_size != 2)
            raise(&exc::TypeError, "%s.split must return a 2-tuple, got %s", type_name(exc).c_str(), type_name(pair).c_str());
        *match = pair.as<TupleObject>()->item(0);
        *rest = pair.as<TupleObject>()->item(1);
        return;
    }
    *match = none();
    *rest = none();
}

void collect_leaf_ids(Value exc, SetObject* ids)
{
    if (is_none(exc))
        return;
    if (is_exception_group(exc)) {
        Value excs = py_getattr(exc, intern("exceptions"));
        auto* t = excs.as<TupleObject>();
        for (int64_t i = 0; i < t->m_size; ++i)
            collect_leaf_ids(t->item(i), ids);
    } else {
        set_add(ids, int_from_u64(reinterpret_cast<uintptr_t>(exc.as_object())));
    }
}

Value leaf_in_set(Value self, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs != 1)
        return Value(g_false);
    return py_bool(set_contains(self.as<SetObject>(), int_from_u64(reinterpret_cast<uintptr_t>(args[0].as_object()))));
}
MethodDef const s_leaf_in_set_def = { "leaf_in_set", leaf_in_set };

bool same_metadata(Value e1, Value e2)
{
    auto* a = as_exc(e1);
    auto* b = as_exc(e2);
    Value n1 = py_getattr_opt(e1, names::__notes__);
    Value n2 = py_getattr_opt(e2, names::__notes__);
    return n1 == n2 && a->m_traceback == b->m_traceback && a->m_cause == b->m_cause && a->m_context == b->m_context;
}

// PREP_RERAISE_STAR: the exception group to re-raise after the except* clauses ran.
Value prep_reraise_star(Value orig, Value excs_list)
{
    auto* excs = excs_list.as<ListObject>();
    int64_t n = list_size(excs);
    if (n == 0)
        return none();
    if (!is_exception_group(orig)) {
        // A naked exception was caught and wrapped: at most one clause ran.
        for (int64_t i = 0; i < n; ++i)
            if (!is_none(list_get(excs, i)))
                return list_get(excs, i);
        return none();
    }
    ListObject* raised = list_new();
    ListObject* reraised = list_new();
    for (int64_t i = 0; i < n; ++i) {
        Value e = list_get(excs, i);
        if (is_none(e))
            continue;
        if (same_metadata(e, orig))
            list_append(reraised, e);
        else
            list_append(raised, e);
    }
    Value reraised_eg = none();
    if (list_size(reraised) > 0) {
        SetObject* ids = set_new();
        for (int64_t i = 0; i < list_size(reraised); ++i)
            collect_leaf_ids(list_get(reraised, i), ids);
        Value pred = Value(builtin_function_new(&s_leaf_in_set_def, Value(ids)));
        Value pair = py_call_method(orig, intern("split"), &pred, 1);
        reraised_eg = pair.as<TupleObject>()->item(0);
    }
    if (list_size(raised) == 0)
        return reraised_eg;
    if (!is_none(reraised_eg))
        list_append(raised, reraised_eg);
    if (list_size(raised) == 1)
        return list_get(raised, 0);
    return py_call2(Value(&exc::ExceptionGroup), Value(str_empty()), Value(raised));
}

// --- frame entry and exit --------------------------------------------------------------------

inline void link_frame(ThreadState* ts, Frame* nf, Frame* caller)
{
    nf->m_previous = caller;
    nf->m_running = true;
    ts->m_frame = nf;
}

// Pops [f] off the thread's frame chain after it returned, yielded or raised.
inline void unlink_frame(ThreadState* ts, Frame* f)
{
    ts->m_frame = f->m_previous;
    f->m_running = false;
    f->m_is_entry = false;
    leave_recursive_frame(ts);
}

// Clears value-stack slots [from, to) whose values a call has consumed. The collector traces a
// frame's whole stack capacity (FRAME-2), so a stale argument would keep its object alive, and
// its weak references set, until the slot is reused, where CPython drops it with the call.
inline void drop_slots(Value* from, Value* to)
{
    for (; from < to; ++from)
        *from = Value();
}

// The instruction a transaction begun at a CALL poll resumes at: the CALL itself, or the KW_NAMES
// before it, whose only effect (the kwnames register) would otherwise be lost.
inline uint32_t call_resume_pc(uint32_t const* code, uint32_t pc)
{
    return pc >= 2 && instr_opcode(code[pc - 2]) == KW_NAMES ? pc - 2 : pc - 1;
}

// CLI-3: the base activation returns to C++ code, where no restart point exists: what follows
// runs inevitably. The attempt commits first (as at a restart point; an abort still goes back
// to the last one) and the inevitable one begins holding nothing. Becoming inevitable in place
// waited for the inevitable slot with the attempt's locks held: a thread that ended its work
// while another one ran inevitably was killed over those locks, redid its last iterations and
// waited again, a time slice per round (STM-9).
void leave_base_activation(ThreadState* ts)
{
    if (ts->m_nested_runs == 1 && ts->m_restartable && stm::in_transaction()
        && !stm::is_inevitable()) {
        if (ts->m_atomic_depth == 0) {
            stm::commit(); // may throw StmAbort: back to the last restart point
            stm_attempt_settled(ts);
            ts->m_tx_commits.fetch_add(1, std::memory_order_relaxed);
            stm_begin_inevitable(ts);
        } else {
            stm::become_inevitable(); // TX-3: the atomic block goes on
        }
    }
    if (ts->m_nested_runs == 1)
        ts->m_restartable = false;
}

struct NestedRun {
    ThreadState* ts;
    explicit NestedRun(ThreadState* t) : ts(t) { ts->m_nested_runs++; }
    ~NestedRun() { ts->m_nested_runs--; }
};

inline bool small_add(Value a, Value b, Value* out)
{
    int64_t r;
    if (__builtin_add_overflow(a.as_small_int(), b.as_small_int(), &r) || !Value::fits_small(r))
        return false;
    *out = Value::small_int(r);
    return true;
}
inline bool small_sub(Value a, Value b, Value* out)
{
    int64_t r;
    if (__builtin_sub_overflow(a.as_small_int(), b.as_small_int(), &r) || !Value::fits_small(r))
        return false;
    *out = Value::small_int(r);
    return true;
}
inline bool small_mul(Value a, Value b, Value* out)
{
    int64_t r;
    if (__builtin_mul_overflow(a.as_small_int(), b.as_small_int(), &r) || !Value::fits_small(r))
        return false;
    *out = Value::small_int(r);
    return true;
}

// A new float without the call into float_object.cpp (the hot allocation of numeric code).
// gc::allocate() returns zeroed memory with the header set, which is all a FloatObject needs
// besides its value.
inline Value new_float(double d)
{
    auto* o = static_cast<FloatObject*>(gc::allocate(&float_type, sizeof(FloatObject)));
    o->m_value = d;
    return Value(o);
}

// x ** y for floats where the C library's pow() gives CPython's result with no error to
// report: a finite positive base and a finite exponent whose result is finite. Null otherwise
// (the full protocol then handles zero, negative bases, infinities and overflow).
inline Value float_pow_fast(double x, double y)
{
    if (!(x > 0.0) || !std::isfinite(x) || !std::isfinite(y))
        return Value();
    double r = std::pow(x, y);
    if (!std::isfinite(r) || r == 0.0)
        return Value();
    return new_float(r);
}

// Fast paths of BINARY_OP for small ints and floats; null when not applicable.
inline Value binary_fast(Value a, Value b, uint32_t op)
{
    if (op >= NB_INPLACE_ADD)
        op -= NB_INPLACE_ADD;
    Value r;
    if (a.is_small_int() && b.is_small_int()) {
        int64_t x = a.as_small_int(), y = b.as_small_int();
        switch (op) {
        case NB_ADD: return small_add(a, b, &r) ? r : Value();
        case NB_SUBTRACT: return small_sub(a, b, &r) ? r : Value();
        case NB_MULTIPLY: return small_mul(a, b, &r) ? r : Value();
        case NB_AND: return Value::small_int(x & y);
        case NB_OR: return Value::small_int(x | y);
        case NB_XOR: return Value::small_int(x ^ y);
        case NB_FLOOR_DIVIDE:
            if (y == 0)
                return Value();
            {
                int64_t q = x / y;
                if ((x % y != 0) && ((x < 0) != (y < 0)))
                    q--;
                return Value::fits_small(q) ? Value::small_int(q) : Value();
            }
        case NB_REMAINDER:
            if (y == 0)
                return Value();
            {
                int64_t m = x % y;
                if (m != 0 && ((m < 0) != (y < 0)))
                    m += y;
                return Value::small_int(m);
            }
        default: return Value();
        }
    }
    if (is_exact_float(a) || is_exact_float(b)) {
        double x, y;
        if (is_exact_float(a))
            x = float_value(a);
        else if (a.is_small_int())
            x = static_cast<double>(a.as_small_int());
        else
            return Value();
        if (is_exact_float(b))
            y = float_value(b);
        else if (b.is_small_int())
            y = static_cast<double>(b.as_small_int());
        else
            return Value();
        switch (op) {
        case NB_ADD: return new_float(x + y);
        case NB_SUBTRACT: return new_float(x - y);
        case NB_MULTIPLY: return new_float(x * y);
        case NB_TRUE_DIVIDE: return y != 0.0 ? new_float(x / y) : Value();
        case NB_POWER: return float_pow_fast(x, y);
        default: return Value();
        }
    }
    return Value();
}

inline Value compare_fast(Value a, Value b, uint32_t op)
{
    if (a.is_small_int() && b.is_small_int()) {
        int64_t x = a.as_small_int(), y = b.as_small_int();
        switch (op) {
        case CMP_LT: return py_bool(x < y);
        case CMP_LE: return py_bool(x <= y);
        case CMP_EQ: return py_bool(x == y);
        case CMP_NE: return py_bool(x != y);
        case CMP_GT: return py_bool(x > y);
        default: return py_bool(x >= y);
        }
    }
    if (is_exact_float(a) && is_exact_float(b)) {
        double x = float_value(a), y = float_value(b);
        switch (op) {
        case CMP_LT: return py_bool(x < y);
        case CMP_LE: return py_bool(x <= y);
        case CMP_EQ: return py_bool(x == y);
        case CMP_NE: return py_bool(x != y);
        case CMP_GT: return py_bool(x > y);
        default: return py_bool(x >= y);
        }
    }
    return Value();
}

inline bool truthy_fast(Value v)
{
    if (v == Value(g_true))
        return true;
    if (v == Value(g_false) || is_none(v))
        return false;
    if (v.is_small_int())
        return v.as_small_int() != 0;
    return py_truthy(v);
}

// --- the LOAD_GLOBAL cache ------------------------------------------------------------------
//
// A per-thread, direct-mapped table keyed by the instruction's address. An entry records the
// globals and builtins dicts and their versions when it was filled, and the name it looked up;
// it answers while both dicts still have those versions. Dict versions are unique across all
// dicts (dict_object.cpp, DICT-2), so a (dict, version) pair names one content even if a dict
// is freed and another takes its address; the name is compared too (names are interned, hence
// immortal), since a freed code object's instructions may be reused by another's. Like every
// interpreter cache it is metadata, never transactional state, and holds no references: its
// value is reachable from one of the dicts for as long as the entry is valid.
struct GlobalCacheEntry {
    uint32_t const* ip;
    StrObject const* name;
    DictObject const* globals;
    DictObject const* builtins;
    uint64_t globals_version;
    uint64_t builtins_version;
    Value value;
};
constexpr size_t GLOBAL_CACHE_SIZE = 2048;
thread_local GlobalCacheEntry t_global_cache[GLOBAL_CACHE_SIZE];

// [name] in a namespace that is a dict subclass, through its __getitem__ (and so __missing__),
// as CPython does for globals or builtins that are not exact dicts; null when KeyError.
Value mapping_lookup(DictObject* ns, StrObject* name)
{
    try {
        return py_getitem(Value(ns), Value(name));
    } catch (PyError&) {
        if (!exception_matches(&exc::KeyError))
            throw;
        take_exception();
        return Value();
    }
}

// LOAD_GLOBAL when the globals or the builtins are a dict subclass: no cache, item lookups.
[[gnu::noinline]] Value load_global_slow(StrObject* name, DictObject* globals, DictObject* builtins)
{
    Value v = mapping_lookup(globals, name);
    if (!v)
        v = mapping_lookup(builtins, name);
    if (!v)
        raise_name_not_defined(name);
    return v;
}

// LOAD_NAME's last step: the builtins, through __getitem__ when they are a dict subclass.
Value load_builtin_name(DictObject* builtins, StrObject* name)
{
    Value v = type_of(Value(builtins)) == &dict_type ? dict_get_str(builtins, name)
                                                     : mapping_lookup(builtins, name);
    if (!v)
        raise_name_not_defined(name);
    return v;
}

inline Value load_global_cached(uint32_t const* ip, StrObject* name, DictObject* globals, DictObject* builtins)
{
    GlobalCacheEntry& e = t_global_cache[(reinterpret_cast<uintptr_t>(ip) >> 2) & (GLOBAL_CACHE_SIZE - 1)];
    read_barrier(globals);
    read_barrier(builtins);
    if (PY_LIKELY(e.ip == ip && e.name == name && e.globals == globals && e.builtins == builtins
            && e.globals_version == globals->m_version && e.builtins_version == builtins->m_version
            && !globals->m_stripes && !builtins->m_stripes)) // DICT-2, DICT-9
        return e.value;
    if (PY_UNLIKELY(globals->m_type != &dict_type || builtins->m_type != &dict_type))
        return load_global_slow(name, globals, builtins);
    uint64_t gv = globals->m_version;
    uint64_t bv = builtins->m_version;
    Value v = dict_get_str(globals, name);
    if (!v) {
        v = dict_get_str(builtins, name);
        if (!v)
            raise_name_not_defined(name);
    }
    // A lookup that ran Python code (a key's __eq__) may have changed a dict: do not cache.
    if (name->m_interned && gv == globals->m_version && bv == builtins->m_version && !globals->m_stripes
        && !builtins->m_stripes)
        e = GlobalCacheEntry { ip, name, globals, builtins, gv, bv, v };
    return v;
}

// Can [v] (a generator or coroutine) be resumed inline by the running loop?
inline bool inline_resumable(Value v)
{
    if (!v.is_object())
        return false;
    Type* t = v.as_object()->m_type;
    if (t != &generator_type && t != &coroutine_type)
        return false;
    auto* g = v.as<GenObject>();
    return g->m_state == GEN_SUSPENDED || g->m_state == GEN_CREATED;
}

} // namespace

// --- the loop --------------------------------------------------------------------------------

Value run_frame(Frame* entry, bool throwing, bool* yielded, Value push_on_entry)
{
    ThreadState* ts = tstate();
    check_cpp_stack("");
    NestedRun nested(ts);
    enter_recursive_frame(ts);
    if (entry->m_gen)
        gen_activate(static_cast<GenObject*>(entry->m_gen));
    link_frame(ts, entry, ts->m_frame);
    entry->m_is_entry = true;
    if (push_on_entry)
        entry->stack()[entry->m_sp++] = push_on_entry;
    *yielded = false;

    Frame* f = entry;
    bool skip_tb = false; // the exception being thrown must not get a traceback entry here
    bool pending_throw = throwing;
    // An exception thrown into a generator gets the generator's own handled exception as its
    // __context__ (CPython's _PyErr_ChainStackItem), never one its callers handle.
    bool chain_on_unwind = !throwing;
    if (throwing && entry->m_gen) {
        Value own = static_cast<GenObject*>(entry->m_gen)->m_exc_state.m_exc;
        if (own && !is_none(own))
            chain_context(ts->m_current_exception);
    }
    bool restart = false; // an abort brought the thread back to its restart point (CLI-1)

    CodeObject* co;
    uint32_t const* code;
    Value* lp;
    Value* stack_base;
    Value* sp;
    uint32_t pc;
    Value const* consts;
    TupleObject* names_;
    TupleObject* kwnames = nullptr;
    uint32_t instr;
    uint32_t oparg;

#define LOAD_FRAME()                                                                               \
    do {                                                                                           \
        co = f->m_code;                                                                            \
        code = co->m_code.data();                                                                  \
        lp = f->localsplus();                                                                      \
        stack_base = f->stack();                                                                   \
        sp = stack_base + f->m_sp;                                                                 \
        pc = f->m_pc;                                                                              \
        consts = co->m_consts ? co->m_consts->items() : nullptr;                                   \
        names_ = co->m_names;                                                                      \
    } while (0)
#define SAVE_FRAME()                                                                               \
    do {                                                                                           \
        f->m_sp = static_cast<int32_t>(sp - stack_base);                                           \
        f->m_pc = pc;                                                                              \
    } while (0)
// The eval-breaker poll of the loop. The frame's state is saved first, with [resume] as the
// instruction to continue at, so the poll may end the transaction and begin the next one there:
// a restart point (CLI-1) that an abort of the new transaction resumes from.
#define POLL_AT(resume)                                                                            \
    do {                                                                                           \
        uint32_t eb_bits_ = eval_breaker_bits(ts);                                                 \
        if (PY_UNLIKELY(eb_bits_ != 0) && !skip_restart_point(ts, eb_bits_)) {                     \
            f->m_sp = static_cast<int32_t>(sp - stack_base);                                       \
            f->m_pc = (resume);                                                                    \
            handle_eval_breaker(ts, true);                                                         \
        }                                                                                          \
    } while (0)
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define PEEK(n) (sp[-static_cast<ptrdiff_t>(n)])
#define NAME(i) (names_->item(i).as<StrObject>())
#define LOCALNAME(i) (co->m_localsplusnames->item(i).as<StrObject>())

// Links callee frame [nf] (a Python call, or exec()'s code) after the call's operands, which
// start at [base], and continues in it in this activation.
#define ENTER_CALLEE(nf)                                                                           \
    do {                                                                                           \
        enter_recursive_frame(ts);                                                                 \
        sp = base;                                                                                 \
        SAVE_FRAME();                                                                              \
        link_frame(ts, nf, f);                                                                     \
        f = nf;                                                                                    \
        LOAD_FRAME();                                                                              \
        DISPATCH();                                                                                \
    } while (0)

#if PYSTM_COMPUTED_GOTO
    static void* s_targets[256];
    static bool s_targets_ready = false;
#define TARGET(op) L_##op:
#define DISPATCH()                                                                                 \
    do {                                                                                           \
        instr = code[pc];                                                                          \
        f->m_lasti = static_cast<int32_t>(pc);                                                     \
        pc++;                                                                                      \
        oparg = instr >> 8;                                                                        \
        goto* s_targets[instr & 0xFF];                                                             \
    } while (0)
#else
#define TARGET(op) case op:
#define DISPATCH() goto dispatch_top
#endif

    for (;;) {
        try {
        try {
        try {
#if PYSTM_COMPUTED_GOTO
            if (PY_UNLIKELY(!s_targets_ready)) {
                for (auto& t : s_targets)
                    t = &&L_unknown;
#define OPCODE(name, pop, push, flags) s_targets[name] = &&L_##name;
#include "vm/opcodes.def"
#undef OPCODE
                s_targets_ready = true;
            }
#endif
            if (PY_UNLIKELY(restart)) {
                restart = false;
                f = stm_restart(ts);
            }
            if (pending_throw) {
                pending_throw = false;
                throw PyError();
            }
            LOAD_FRAME();
#if PYSTM_COMPUTED_GOTO
            DISPATCH();
#else
        dispatch_top:
            instr = code[pc];
            f->m_lasti = static_cast<int32_t>(pc);
            pc++;
            oparg = instr >> 8;
            switch (static_cast<Opcode>(instr & 0xFF)) {
#endif

            TARGET(NOP) { DISPATCH(); }
            TARGET(POP_TOP)
            {
                sp--;
                DISPATCH();
            }
            TARGET(PUSH_NULL)
            {
                PUSH(Value());
                DISPATCH();
            }
            TARGET(COPY)
            {
                Value v = PEEK(oparg);
                PUSH(v);
                DISPATCH();
            }
            TARGET(SWAP)
            {
                Value t = TOP();
                TOP() = PEEK(oparg);
                PEEK(oparg) = t;
                DISPATCH();
            }
            TARGET(LOAD_CONST)
            {
                PUSH(consts[oparg]);
                DISPATCH();
            }
            TARGET(LOAD_FAST)
            {
                Value v = lp[oparg];
                if (PY_UNLIKELY(!v))
                    raise_unbound_local(LOCALNAME(oparg));
                PUSH(v);
                DISPATCH();
            }
            TARGET(STORE_FAST)
            {
                lp[oparg] = POP();
                DISPATCH();
            }
            TARGET(DELETE_FAST)
            {
                if (!lp[oparg])
                    raise_unbound_local(LOCALNAME(oparg));
                lp[oparg] = Value();
                DISPATCH();
            }
            TARGET(MAKE_CELL)
            {
                lp[oparg] = Value(cell_new(lp[oparg]));
                DISPATCH();
            }
            TARGET(COPY_FREE_VARS)
            {
                TupleObject* closure = f->m_func ? f->m_func->m_closure : nullptr;
                int32_t offset = f->m_nlocalsplus - static_cast<int32_t>(oparg);
                for (uint32_t i = 0; i < oparg; ++i)
                    lp[offset + static_cast<int32_t>(i)] = closure ? closure->item(i) : Value(cell_new());
                DISPATCH();
            }
            TARGET(LOAD_CLOSURE)
            {
                PUSH(lp[oparg]);
                DISPATCH();
            }
            TARGET(LOAD_DEREF)
            {
                Value v = cell_get(lp[oparg].as<CellObject>());
                if (PY_UNLIKELY(!v)) {
                    if (co->m_localspluskinds[oparg] & CO_FAST_FREE)
                        raise_free_unbound(LOCALNAME(oparg));
                    raise_unbound_local(LOCALNAME(oparg));
                }
                PUSH(v);
                DISPATCH();
            }
            TARGET(LOAD_CLASSDEREF)
            {
                StrObject* name = LOCALNAME(oparg);
                Value v;
                if (f->m_locals) {
                    if (type_of(f->m_locals) == &dict_type) {
                        v = dict_get_str(f->m_locals.as<DictObject>(), name);
                    } else {
                        try {
                            v = py_getitem(f->m_locals, Value(name));
                        } catch (PyError&) {
                            if (!exception_matches(&exc::KeyError))
                                throw;
                            take_exception();
                        }
                    }
                }
                if (!v) {
                    v = cell_get(lp[oparg].as<CellObject>());
                    if (!v) {
                        if (co->m_localspluskinds[oparg] & CO_FAST_FREE)
                            raise_free_unbound(name);
                        raise_unbound_local(name);
                    }
                }
                PUSH(v);
                DISPATCH();
            }
            TARGET(STORE_DEREF)
            {
                cell_set(lp[oparg].as<CellObject>(), POP());
                DISPATCH();
            }
            TARGET(DELETE_DEREF)
            {
                auto* cell = lp[oparg].as<CellObject>();
                if (!cell_get(cell)) {
                    if (co->m_localspluskinds[oparg] & CO_FAST_FREE)
                        raise_free_unbound(LOCALNAME(oparg));
                    raise_unbound_local(LOCALNAME(oparg));
                }
                cell_set(cell, Value());
                DISPATCH();
            }
            TARGET(LOAD_NAME)
            {
                StrObject* name = NAME(oparg);
                Value v;
                if (!f->m_locals)
                    raise(&exc::SystemError, "no locals when loading '%s'", str_utf8(name).c_str());
                if (type_of(f->m_locals) == &dict_type) {
                    v = dict_get_str(f->m_locals.as<DictObject>(), name);
                } else {
                    try {
                        v = py_getitem(f->m_locals, Value(name));
                    } catch (PyError&) {
                        if (!exception_matches(&exc::KeyError))
                            throw;
                        take_exception();
                    }
                }
                if (!v)
                    v = dict_get_str(f->m_globals, name);
                if (!v)
                    v = load_builtin_name(f->m_builtins, name);
                PUSH(v);
                DISPATCH();
            }
            TARGET(STORE_NAME)
            {
                StrObject* name = NAME(oparg);
                Value v = POP();
                if (!f->m_locals)
                    raise(&exc::SystemError, "no locals found when storing '%s'", str_utf8(name).c_str());
                if (type_of(f->m_locals) == &dict_type)
                    dict_set_str(f->m_locals.as<DictObject>(), name, v);
                else
                    py_setitem(f->m_locals, Value(name), v);
                DISPATCH();
            }
            TARGET(DELETE_NAME)
            {
                StrObject* name = NAME(oparg);
                if (!f->m_locals)
                    raise(&exc::SystemError, "no locals when deleting '%s'", str_utf8(name).c_str());
                if (type_of(f->m_locals) == &dict_type) {
                    if (!dict_pop(f->m_locals.as<DictObject>(), Value(name)))
                        raise_name_not_defined(name);
                } else {
                    try {
                        py_delitem(f->m_locals, Value(name));
                    } catch (PyError&) {
                        if (!exception_matches(&exc::KeyError))
                            throw;
                        take_exception();
                        raise_name_not_defined(name);
                    }
                }
                DISPATCH();
            }
            TARGET(LOAD_GLOBAL)
            {
                Value v = load_global_cached(code + pc - 1, NAME(oparg >> 1), f->m_globals, f->m_builtins);
                if (oparg & 1)
                    PUSH(Value());
                PUSH(v);
                DISPATCH();
            }
            TARGET(STORE_GLOBAL)
            {
                dict_set_str(f->m_globals, NAME(oparg), POP());
                DISPATCH();
            }
            TARGET(DELETE_GLOBAL)
            {
                StrObject* name = NAME(oparg);
                if (!dict_pop(f->m_globals, Value(name)))
                    raise_name_not_defined(name);
                DISPATCH();
            }
            TARGET(LOAD_ATTR)
            {
                Value owner = TOP();
                StrObject* name = NAME(oparg);
                Value v;
                Type* ot = type_of(owner);
                if (ot == &module_type && name->m_length > 0 && name->at(0) != '_')
                    v = dict_get_str(owner.as<ModuleObject>()->m_dict, name);
                else if (ot->special(SP_getattribute) == g_object_getattribute)
                    v = generic_getattr_opt(owner, name); // null: absent, py_getattr() decides
                if (!v)
                    v = py_getattr(owner, name);
                TOP() = v;
                DISPATCH();
            }
            TARGET(STORE_ATTR)
            {
                Value owner = TOP();
                Value v = SECOND();
                py_setattr(owner, NAME(oparg), v);
                sp -= 2;
                DISPATCH();
            }
            TARGET(DELETE_ATTR)
            {
                Value owner = TOP();
                py_delattr(owner, NAME(oparg));
                sp--;
                DISPATCH();
            }
            TARGET(LOAD_METHOD)
            {
                Value obj = TOP();
                bool unbound = false;
                Value m = py_getmethod(obj, NAME(oparg), &unbound);
                if (unbound) {
                    TOP() = m;
                    PUSH(obj);
                } else {
                    TOP() = Value();
                    PUSH(m);
                }
                DISPATCH();
            }
            TARGET(LOAD_ASSERTION_ERROR)
            {
                PUSH(Value(&exc::AssertionError));
                DISPATCH();
            }
            TARGET(LOAD_BUILD_CLASS)
            {
                Value bc = f->m_builtins->m_type == &dict_type
                    ? dict_get_str(f->m_builtins, names::__build_class__)
                    : mapping_lookup(f->m_builtins, names::__build_class__);
                if (!bc)
                    raise(&exc::NameError, "__build_class__ not found");
                PUSH(bc);
                DISPATCH();
            }
            TARGET(UNARY_POSITIVE)
            {
                Value v = TOP();
                if (!v.is_small_int())
                    TOP() = py_unary_op(v, UN_POS);
                DISPATCH();
            }
            TARGET(UNARY_NEGATIVE)
            {
                Value v = TOP();
                if (v.is_small_int() && v.as_small_int() != Value::SMALL_MIN)
                    TOP() = Value::small_int(-v.as_small_int());
                else
                    TOP() = py_unary_op(v, UN_NEG);
                DISPATCH();
            }
            TARGET(UNARY_NOT)
            {
                TOP() = py_bool(!truthy_fast(TOP()));
                DISPATCH();
            }
            TARGET(UNARY_INVERT)
            {
                Value v = TOP();
                if (v.is_small_int())
                    TOP() = Value::small_int(~v.as_small_int());
                else
                    TOP() = py_unary_op(v, UN_INVERT);
                DISPATCH();
            }
            TARGET(BINARY_OP)
            {
                Value b = TOP();
                Value a = SECOND();
                Value r = binary_fast(a, b, oparg);
                if (!r)
                    r = py_binary_op(a, b, static_cast<BinaryOp>(oparg));
                sp--;
                TOP() = r;
                DISPATCH();
            }
            TARGET(COMPARE_OP)
            {
                Value b = TOP();
                Value a = SECOND();
                Value r = compare_fast(a, b, oparg);
                if (!r)
                    r = py_richcompare(a, b, static_cast<CompareOp>(oparg));
                sp--;
                TOP() = r;
                DISPATCH();
            }
            TARGET(IS_OP)
            {
                Value b = POP();
                TOP() = py_bool((TOP() == b) != (oparg != 0));
                DISPATCH();
            }
            TARGET(CONTAINS_OP)
            {
                Value container = TOP();
                Value item = SECOND();
                bool r = py_contains(container, item);
                sp--;
                TOP() = py_bool(r != (oparg != 0));
                DISPATCH();
            }
            TARGET(BINARY_SUBSCR)
            {
                Value key = TOP();
                Value obj = SECOND();
                Value r;
                Type* t = type_of(obj);
                if (key.is_small_int()) {
                    int64_t i = key.as_small_int();
                    if (t == &list_type) {
                        auto* l = obj.as<ListObject>();
                        int64_t n = list_size(l);
                        if (normalize_index(&i, n))
                            r = list_get(l, i);
                    } else if (t == &tuple_type) {
                        auto* tp = obj.as<TupleObject>();
                        if (normalize_index(&i, tp->m_size))
                            r = tp->item(i);
                    }
                } else if (t == &dict_type) {
                    r = dict_get(obj.as<DictObject>(), key);
                }
                if (!r)
                    r = py_getitem(obj, key);
                sp--;
                TOP() = r;
                DISPATCH();
            }
            TARGET(STORE_SUBSCR)
            {
                Value key = TOP();
                Value obj = SECOND();
                Value v = PEEK(3);
                Type* t = type_of(obj);
                if (t == &list_type && key.is_small_int()) {
                    auto* l = obj.as<ListObject>();
                    int64_t i = key.as_small_int();
                    if (normalize_index(&i, list_size(l)))
                        list_set(l, i, v);
                    else
                        py_setitem(obj, key, v); // raises the IndexError
                } else if (t == &dict_type) {
                    dict_set(obj.as<DictObject>(), key, v);
                } else {
                    py_setitem(obj, key, v);
                }
                sp -= 3;
                DISPATCH();
            }
            TARGET(DELETE_SUBSCR)
            {
                Value key = TOP();
                Value obj = SECOND();
                py_delitem(obj, key);
                sp -= 2;
                DISPATCH();
            }
            TARGET(BUILD_SLICE)
            {
                Value step = oparg == 3 ? POP() : none();
                Value stop = POP();
                Value start = TOP();
                TOP() = Value(slice_new(start, stop, step));
                DISPATCH();
            }
            TARGET(BUILD_TUPLE)
            {
                Value t = Value(tuple_from(sp - oparg, oparg));
                sp -= oparg;
                PUSH(t);
                DISPATCH();
            }
            TARGET(BUILD_LIST)
            {
                Value l = Value(list_from(sp - oparg, oparg));
                sp -= oparg;
                PUSH(l);
                DISPATCH();
            }
            TARGET(BUILD_SET)
            {
                SetObject* s = set_new();
                for (uint32_t i = 0; i < oparg; ++i)
                    set_add(s, sp[-static_cast<int32_t>(oparg) + static_cast<int32_t>(i)]);
                sp -= oparg;
                PUSH(Value(s));
                DISPATCH();
            }
            TARGET(BUILD_MAP)
            {
                DictObject* d = dict_new();
                Value* base = sp - 2 * oparg;
                for (uint32_t i = 0; i < oparg; ++i)
                    dict_set(d, base[2 * i], base[2 * i + 1]);
                sp = base;
                PUSH(Value(d));
                DISPATCH();
            }
            TARGET(BUILD_CONST_KEY_MAP)
            {
                auto* keys = TOP().as<TupleObject>();
                DictObject* d = dict_new();
                Value* base = sp - 1 - oparg;
                for (uint32_t i = 0; i < oparg; ++i)
                    dict_set(d, keys->item(i), base[i]);
                sp = base;
                PUSH(Value(d));
                DISPATCH();
            }
            TARGET(BUILD_STRING)
            {
                Value s = build_string(sp - oparg, oparg);
                sp -= oparg;
                PUSH(s);
                DISPATCH();
            }
            TARGET(LIST_APPEND)
            {
                Value v = POP();
                list_append(PEEK(oparg).as<ListObject>(), v);
                DISPATCH();
            }
            TARGET(SET_ADD)
            {
                Value v = POP();
                set_add(PEEK(oparg).as<SetObject>(), v);
                DISPATCH();
            }
            TARGET(MAP_ADD)
            {
                Value v = POP();
                Value k = POP();
                dict_set(PEEK(oparg).as<DictObject>(), k, v);
                DISPATCH();
            }
            TARGET(LIST_EXTEND)
            {
                Value it = TOP();
                auto* l = PEEK(oparg + 1).as<ListObject>();
                if (type_of(it) == &tuple_type) {
                    auto* t = it.as<TupleObject>();
                    for (int64_t i = 0; i < t->m_size; ++i)
                        list_append(l, t->item(i));
                } else {
                    if (!is_iterable_type(it))
                        raise(&exc::TypeError, "Value after * must be an iterable, not %s", type_name(it).c_str());
                    list_extend(l, it);
                }
                sp--;
                DISPATCH();
            }
            TARGET(SET_UPDATE)
            {
                // set.update()'s algorithm, so that {1, 2, 3} displays (built from a frozenset
                // constant) get CPython's table layout and iteration order.
                set_update_internal(PEEK(oparg + 1).as<SetObject>(), TOP());
                sp--;
                DISPATCH();
            }
            TARGET(DICT_UPDATE)
            {
                Value upd = TOP();
                dict_merge(PEEK(oparg + 1).as<DictObject>(), upd, false, Value());
                sp--;
                DISPATCH();
            }
            TARGET(DICT_MERGE)
            {
                Value upd = TOP();
                // Stack: [..., NULL, func, args, dict, upd]; func is below the target dict.
                Value func = PEEK(oparg + 3);
                dict_merge(PEEK(oparg + 1).as<DictObject>(), upd, true, func);
                sp--;
                DISPATCH();
            }
            TARGET(LIST_TO_TUPLE)
            {
                auto* l = TOP().as<ListObject>();
                Value t;
                {
                    // VM-1: objects with destructors live in an inner scope; DISPATCH() is a
                    // computed goto, which would skip their destructors.
                    gc::RootedValues items;
                    list_snapshot(l, items);
                    t = Value(tuple_from(items.data(), static_cast<int64_t>(items.size())));
                }
                TOP() = t;
                DISPATCH();
            }
            TARGET(UNPACK_SEQUENCE)
            {
                Value v = TOP();
                Value* out = sp - 1;
                Type* vt = type_of(v);
                if (vt == &tuple_type && v.as<TupleObject>()->m_size == static_cast<int64_t>(oparg)) {
                    auto* t = v.as<TupleObject>();
                    for (uint32_t i = 0; i < oparg; ++i)
                        out[oparg - 1 - i] = t->item(i);
                } else if (vt == &list_type && list_size(v.as<ListObject>()) == static_cast<int64_t>(oparg)) {
                    auto* l = v.as<ListObject>();
                    for (uint32_t i = 0; i < oparg; ++i)
                        out[oparg - 1 - i] = list_get(l, i);
                } else {
                    unpack_iterable(v, static_cast<int>(oparg), 0, false, out);
                }
                sp = out + oparg;
                DISPATCH();
            }
            TARGET(UNPACK_EX)
            {
                Value v = TOP();
                int before = static_cast<int>(oparg & 0xFF);
                int after = static_cast<int>(oparg >> 8);
                Value* out = sp - 1;
                unpack_iterable(v, before, after, true, out);
                sp = out + before + after + 1;
                DISPATCH();
            }
            TARGET(FORMAT_VALUE)
            {
                Value spec = (oparg & 4) ? POP() : Value();
                TOP() = format_value(TOP(), static_cast<int>(oparg & 3), spec);
                DISPATCH();
            }
            TARGET(JUMP_FORWARD)
            {
                pc = oparg;
                DISPATCH();
            }
            TARGET(JUMP_BACKWARD)
            {
                pc = oparg;
                POLL_AT(pc);
                DISPATCH();
            }
            TARGET(POP_JUMP_FORWARD_IF_FALSE)
            {
                if (!truthy_fast(POP()))
                    pc = oparg;
                DISPATCH();
            }
            TARGET(POP_JUMP_FORWARD_IF_TRUE)
            {
                if (truthy_fast(POP()))
                    pc = oparg;
                DISPATCH();
            }
            TARGET(POP_JUMP_FORWARD_IF_NONE)
            {
                if (is_none(POP()))
                    pc = oparg;
                DISPATCH();
            }
            TARGET(POP_JUMP_FORWARD_IF_NOT_NONE)
            {
                if (!is_none(POP()))
                    pc = oparg;
                DISPATCH();
            }
            TARGET(POP_JUMP_BACKWARD_IF_FALSE)
            {
                if (!truthy_fast(POP())) {
                    pc = oparg;
                    POLL_AT(pc);
                }
                DISPATCH();
            }
            TARGET(POP_JUMP_BACKWARD_IF_TRUE)
            {
                if (truthy_fast(POP())) {
                    pc = oparg;
                    POLL_AT(pc);
                }
                DISPATCH();
            }
            TARGET(POP_JUMP_BACKWARD_IF_NONE)
            {
                if (is_none(POP())) {
                    pc = oparg;
                    POLL_AT(pc);
                }
                DISPATCH();
            }
            TARGET(POP_JUMP_BACKWARD_IF_NOT_NONE)
            {
                if (!is_none(POP())) {
                    pc = oparg;
                    POLL_AT(pc);
                }
                DISPATCH();
            }
            TARGET(JUMP_IF_FALSE_OR_POP)
            {
                if (!truthy_fast(TOP()))
                    pc = oparg;
                else
                    sp--;
                DISPATCH();
            }
            TARGET(JUMP_IF_TRUE_OR_POP)
            {
                if (truthy_fast(TOP()))
                    pc = oparg;
                else
                    sp--;
                DISPATCH();
            }
            TARGET(GET_ITER)
            {
                TOP() = py_iter(TOP());
                DISPATCH();
            }
            TARGET(FOR_ITER)
            {
                Value it = TOP();
                if (it.is_object() && it.as_object()->m_type == &generator_type && inline_resumable(it)) {
                    auto* g = it.as<GenObject>();
                    gen_prepare_resume(g, false);
                    Frame* gf = g->m_frame;
                    bool started = g->m_state == GEN_SUSPENDED;
                    enter_recursive_frame(ts);
                    SAVE_FRAME();
                    gen_activate(g);
                    link_frame(ts, gf, f);
                    f = gf;
                    LOAD_FRAME();
                    if (started)
                        PUSH(none());
                    DISPATCH();
                }
                Type* t = type_of(it);
                Value v = t->m_iternext ? t->m_iternext(it.as_object()) : py_next(it);
                if (v) {
                    PUSH(v);
                } else {
                    sp--;
                    pc = oparg;
                }
                DISPATCH();
            }
            TARGET(KW_NAMES)
            {
                kwnames = consts[oparg].as<TupleObject>();
                DISPATCH();
            }
            TARGET(CALL)
            {
                POLL_AT(call_resume_pc(code, pc));
                Value* base = sp - oparg - 2;
                TupleObject* kw = kwnames;
                kwnames = nullptr;
                size_t nkw = kw ? static_cast<size_t>(kw->m_size) : 0;
                Value callable;
                Value* args;
                size_t nargs;
                if (base[0]) {
                    callable = base[0];
                    args = base + 1;
                    nargs = oparg + 1 - nkw;
                } else {
                    callable = base[1];
                    args = base + 2;
                    nargs = oparg - nkw;
                    if (callable.is_object() && callable.as_object()->m_type == &method_type) {
                        auto* m = callable.as<MethodObject>();
                        base[0] = m->m_func;
                        base[1] = m->m_self;
                        callable = base[0];
                        args = base + 1;
                        nargs++;
                    }
                }
                if (callable.is_object() && callable.as_object()->m_type == &function_type) {
                    auto* fn = callable.as<FunctionObject>();
                    if (!(fn->m_code->m_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR))) {
                        Frame* nf = frame_for_call(fn, args, nargs, kw);
                        drop_slots(base, sp); // the callee's frame holds them now
                        ENTER_CALLEE(nf);
                    }
                    Value r = call_function(fn, args, nargs, kw);
                    drop_slots(base + 1, sp);
                    sp = base;
                    PUSH(r);
                    DISPATCH();
                }
                if (PY_UNLIKELY(callable.is_object()
                        && callable.as_object()->m_type == &builtin_function_type
                        && callable.as<BuiltinFunction>()->m_fn == g_exec_fn)) {
                    // exec() runs its code in this activation, as a Python call: the code's
                    // polls may then end transactions (CLI-1).
                    if (Frame* nf = exec_frame(callable, args, nargs, kw)) {
                        ENTER_CALLEE(nf);
                    }
                }
                // CPython counts a call of a non-Python callable as one recursion level.
                if (PY_UNLIKELY(++ts->m_recursion_depth > g_recursion_limit)) {
                    ts->m_recursion_depth--;
                    raise(&exc::RecursionError, "maximum recursion depth exceeded while calling a Python object");
                }
                Value r;
                try {
                    r = py_call(callable, args, nargs, kw);
                } catch (PyError&) {
                    ts->m_recursion_depth--;
                    throw;
                }
                ts->m_recursion_depth--;
                drop_slots(base + 1, sp);
                sp = base;
                PUSH(r);
                DISPATCH();
            }
            TARGET(CALL_FUNCTION_EX)
            {
                POLL_AT(call_resume_pc(code, pc));
                Value kwargs = (oparg & 1) ? POP() : Value();
                Value argsv = POP();
                Value func = POP();
                Value* base = sp - 1; // the NULL below func: the result goes there
                TupleObject* args = call_args_tuple(func, argsv);
                DictObject* kwd = nullptr;
                if (kwargs) {
                    if (type_of(kwargs) == &dict_type) {
                        kwd = kwargs.as<DictObject>();
                    } else {
                        kwd = dict_new();
                        dict_merge(kwd, kwargs, true, func);
                    }
                }
                // Keep the converted operands reachable from the frame while calling.
                sp[0] = func;
                sp[1] = Value(args);
                if (oparg & 1)
                    sp[2] = kwd ? Value(kwd) : Value();
                Value target = func;
                Value self;
                if (func.is_object() && func.as_object()->m_type == &method_type) {
                    self = func.as<MethodObject>()->m_self;
                    target = func.as<MethodObject>()->m_func;
                }
                if (target.is_object() && target.as_object()->m_type == &function_type
                    && !(target.as<FunctionObject>()->m_code->m_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR))) {
                    Frame* nf;
                    {
                        // VM-1: the RootedValues must be destroyed before DISPATCH().
                        gc::RootedValues flat;
                        if (self)
                            flat.push_back(self);
                        TupleObject* kn = flatten_call(args, kwd, flat);
                        size_t nkw = kn ? static_cast<size_t>(kn->m_size) : 0;
                        nf = frame_for_call(target.as<FunctionObject>(), flat.data(), flat.size() - nkw, kn);
                    }
                    drop_slots(base, sp + ((oparg & 1) ? 3 : 2));
                    ENTER_CALLEE(nf);
                }
                Value r = py_call_ex(func, args, kwd);
                drop_slots(base + 1, sp + ((oparg & 1) ? 3 : 2));
                sp = base;
                PUSH(r);
                DISPATCH();
            }
            TARGET(MAKE_FUNCTION)
            {
                auto* fcode = POP().as<CodeObject>();
                FunctionObject* fn = function_new(fcode, f->m_globals, nullptr);
                if (oparg & 0x08)
                    fn->m_closure = POP().as<TupleObject>();
                if (oparg & 0x04)
                    fn->m_annotations = POP();
                if (oparg & 0x02)
                    fn->m_kwdefaults = POP().as<DictObject>();
                if (oparg & 0x01)
                    fn->m_defaults = POP().as<TupleObject>();
                PUSH(Value(fn));
                DISPATCH();
            }
            TARGET(RETURN_VALUE)
            {
                Value retval = POP();
                SAVE_FRAME();
                Frame* done = f;
                bool was_entry = done->m_is_entry;
                unlink_frame(ts, done);
                if (done->m_gen)
                    gen_frame_finished(static_cast<GenObject*>(done->m_gen));
                if (was_entry) {
                    frame_release(done);
                    if (PY_UNLIKELY(g_stm_active))
                        leave_base_activation(ts); // CLI-3
                    return retval;
                }
                f = done->m_previous;
                write_barrier(f); // CLI-2
                if (PY_UNLIKELY(done->m_result_none))
                    retval = none(); // exec() in the caller's activation
                frame_release(done);
                LOAD_FRAME();
                // Deliver the result to the instruction that entered [done].
                uint32_t caller_instr = code[f->m_lasti];
                switch (instr_opcode(caller_instr)) {
                case FOR_ITER:
                    sp--;
                    pc = instr_arg(caller_instr);
                    break;
                case SEND:
                    TOP() = retval;
                    pc = instr_arg(caller_instr);
                    break;
                default:
                    PUSH(retval);
                    break;
                }
                DISPATCH();
            }
            TARGET(YIELD_VALUE)
            {
                Value v = POP();
                SAVE_FRAME();
                Frame* done = f;
                bool was_entry = done->m_is_entry;
                Frame* caller = done->m_previous;
                unlink_frame(ts, done);
                done->m_previous = nullptr; // FRAME-3
                gen_frame_suspended(static_cast<GenObject*>(done->m_gen));
                if (was_entry) {
                    *yielded = true;
                    if (PY_UNLIKELY(g_stm_active))
                        leave_base_activation(ts); // CLI-3
                    return v;
                }
                f = caller;
                write_barrier(f); // CLI-2
                LOAD_FRAME();
                PUSH(v);
                DISPATCH();
            }
            TARGET(SEND)
            {
                Value v = TOP();
                Value recv = SECOND();
                if (inline_resumable(recv)) {
                    auto* g = recv.as<GenObject>();
                    if (g->m_state == GEN_CREATED && !is_none(v))
                        raise(&exc::TypeError, "can't send non-None value to a just-started %s",
                            g->m_type == &coroutine_type ? "coroutine" : "generator");
                    gen_prepare_resume(g, false);
                    bool started = g->m_state == GEN_SUSPENDED;
                    enter_recursive_frame(ts);
                    sp--;
                    SAVE_FRAME();
                    gen_activate(g);
                    Frame* gf = g->m_frame;
                    link_frame(ts, gf, f);
                    f = gf;
                    LOAD_FRAME();
                    if (started)
                        PUSH(v);
                    DISPATCH();
                }
                Value r;
                bool returned = false;
                try {
                    Type* t = type_of(recv);
                    // __next__ rather than m_iternext: the StopIteration value is the result.
                    if (is_none(v) && t->special(SP_next)) {
                        r = call_special_opt(recv, SP_next, nullptr, 0);
                    } else if (is_none(v) && t->m_iternext) {
                        r = t->m_iternext(recv.as_object());
                        if (!r) {
                            r = none();
                            returned = true;
                        }
                    } else {
                        r = py_call_method(recv, names::send, &v, 1);
                    }
                } catch (PyError&) {
                    if (!exception_matches(&exc::StopIteration))
                        throw;
                    r = stop_iteration_value(take_exception());
                    returned = true;
                }
                if (returned) {
                    sp--;
                    TOP() = r;
                    pc = oparg;
                } else {
                    TOP() = r;
                }
                DISPATCH();
            }
            TARGET(GET_YIELD_FROM_ITER)
            {
                Value v = TOP();
                if (is_coroutine(v)) {
                    if (!(co->m_flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE)))
                        raise(&exc::TypeError, "cannot 'yield from' a coroutine object in a non-coroutine generator");
                } else if (!is_generator(v)) {
                    TOP() = py_iter(v);
                }
                DISPATCH();
            }
            TARGET(GET_AWAITABLE)
            {
                Value v = TOP();
                Value it = get_awaitable_iter(v, static_cast<int>(oparg));
                if (is_coroutine(it) && gen_yieldfrom(it.as<GenObject>()))
                    raise(&exc::RuntimeError, "coroutine is being awaited already");
                TOP() = it;
                DISPATCH();
            }
            TARGET(GET_AITER)
            {
                Value obj = TOP();
                Value aiter = type_of(obj)->special(SP_aiter);
                if (!aiter)
                    raise(&exc::TypeError, "'async for' requires an object with __aiter__ method, got %s", type_name(obj).c_str());
                Value it = call_unbound(aiter, obj, nullptr, 0, nullptr); // descriptors bind first
                if (!type_of(it)->special(SP_anext))
                    raise(&exc::TypeError, "'async for' received an object from __aiter__ that does not implement __anext__: %s",
                        type_name(it).c_str());
                TOP() = it;
                DISPATCH();
            }
            TARGET(GET_ANEXT)
            {
                Value aiter = TOP();
                Value anext = type_of(aiter)->special(SP_anext);
                if (!anext)
                    raise(&exc::TypeError, "'async for' requires an iterator with __anext__ method, got %s",
                        type_name(aiter).c_str());
                Value next = call_unbound(anext, aiter, nullptr, 0, nullptr);
                Value awaitable;
                if (is_async_generator(aiter)) {
                    awaitable = next;
                } else {
                    try {
                        awaitable = get_awaitable_iter(next, 0);
                    } catch (PyError&) {
                        if (!exception_matches(&exc::TypeError))
                            throw;
                        take_exception();
                        raise(&exc::TypeError, "'async for' received an invalid object from __anext__: %s",
                            type_name(next).c_str());
                    }
                }
                PUSH(awaitable);
                DISPATCH();
            }
            TARGET(END_ASYNC_FOR)
            {
                Value e = TOP();
                if (type_of(e)->is_subtype(&exc::StopAsyncIteration)) {
                    sp -= 2;
                    DISPATCH();
                }
                sp--;
                set_exception(e);
                skip_tb = true;
                throw PyError();
            }
            TARGET(ASYNC_GEN_WRAP)
            {
                TOP() = async_gen_wrap(TOP());
                DISPATCH();
            }
            TARGET(BEFORE_ASYNC_WITH)
            {
                Value mgr = TOP();
                Value enter = lookup_special(mgr, names::__aenter__);
                if (!enter)
                    raise(&exc::TypeError, "'%s' object does not support the asynchronous context manager protocol",
                        type_name(mgr).c_str());
                Value exit = lookup_special(mgr, names::__aexit__);
                if (!exit)
                    raise(&exc::TypeError,
                        "'%s' object does not support the asynchronous context manager protocol (missed __aexit__ method)",
                        type_name(mgr).c_str());
                TOP() = exit;
                Value res = py_call0(enter);
                PUSH(res);
                DISPATCH();
            }
            TARGET(SETUP_FINALLY)
            TARGET(SETUP_CLEANUP)
            TARGET(SETUP_WITH)
            {
                PY_ASSERT(f->m_nblocks < f->m_blockcap, "FRAME-1");
                f->blocks()[f->m_nblocks++] = Block { oparg, static_cast<uint32_t>(sp - stack_base) };
                DISPATCH();
            }
            TARGET(POP_BLOCK)
            {
                f->m_nblocks--;
                DISPATCH();
            }
            TARGET(PUSH_EXC_INFO)
            {
                Value e = TOP();
                Value prev = ts->m_exc_info->m_exc;
                TOP() = prev ? prev : none();
                PUSH(e);
                ts->m_exc_info->m_exc = e;
                DISPATCH();
            }
            TARGET(POP_EXCEPT)
            {
                ts->m_exc_info->m_exc = POP();
                // The handled exception was popped just above the restored one: the collector
                // traces stale slots (FRAME-2), which must not keep it and its traceback alive
                // once the handler is left, as CPython's references are gone by then.
                sp[0] = Value();
                if (sp + 1 < stack_base + co->m_stacksize)
                    sp[1] = Value();
                DISPATCH();
            }
            TARGET(CHECK_EXC_MATCH)
            {
                Value type = TOP();
                if (!check_exc_match_type(type))
                    raise(&exc::TypeError, "catching classes that do not inherit from BaseException is not allowed");
                TOP() = py_bool(exc_matches(SECOND(), type));
                DISPATCH();
            }
            TARGET(CHECK_EG_MATCH)
            {
                Value type = TOP();
                if (!check_exc_match_type(type))
                    raise(&exc::TypeError, "catching classes that do not inherit from BaseException is not allowed");
                auto subtype_of_group = [](Value t) {
                    return is_type(t) && t.as<Type>()->is_subtype(&exc::BaseExceptionGroup);
                };
                bool bad = subtype_of_group(type);
                if (is_tuple(type))
                    for (int64_t i = 0; i < type.as<TupleObject>()->m_size; ++i)
                        bad = bad || subtype_of_group(type.as<TupleObject>()->item(i));
                if (bad)
                    raise(&exc::TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
                Value match, rest;
                exception_group_match(SECOND(), type, &match, &rest);
                if (is_none(match)) {
                    TOP() = match;
                } else {
                    SECOND() = rest;
                    TOP() = match;
                    ts->m_exc_info->m_exc = match;
                }
                DISPATCH();
            }
            TARGET(PREP_RERAISE_STAR)
            {
                Value excs = TOP();
                Value orig = SECOND();
                Value r = prep_reraise_star(orig, excs);
                sp--;
                TOP() = r;
                DISPATCH();
            }
            TARGET(RERAISE)
            {
                Value e = POP();
                if (oparg && f->m_handler_lasti >= 0)
                    f->m_lasti = f->m_handler_lasti;
                set_exception(e);
                skip_tb = true;
                throw PyError();
            }
            TARGET(RAISE_VARARGS)
            {
                if (oparg == 0) {
                    Value e = current_handled_exception();
                    if (is_none(e))
                        raise(&exc::RuntimeError, "No active exception to reraise");
                    set_exception(e);
                    skip_tb = true;
                    throw PyError();
                }
                Value cause = oparg == 2 ? POP() : Value();
                Value e = POP();
                do_raise(e, cause);
            }
            TARGET(BEFORE_WITH)
            {
                // A restart point: a with statement right after a blocking call (item =
                // q.get(); with atomic: ...) would otherwise run its whole block in the
                // inevitable transaction that the blocking call left behind (CLI-1).
                POLL_AT(pc - 1);
                Value mgr = TOP();
                Value enter = lookup_special(mgr, names::__enter__);
                if (!enter)
                    raise(&exc::TypeError, "'%s' object does not support the context manager protocol", type_name(mgr).c_str());
                Value exit = lookup_special(mgr, names::__exit__);
                if (!exit)
                    raise(&exc::TypeError, "'%s' object does not support the context manager protocol (missed __exit__ method)",
                        type_name(mgr).c_str());
                TOP() = exit;
                Value res = py_call0(enter);
                PUSH(res);
                DISPATCH();
            }
            TARGET(WITH_EXCEPT_START)
            {
                Value e = TOP();
                Value exit = PEEK(3);
                Value tb = as_exc(e)->m_traceback;
                Value args[3] = { Value(type_of(e)), e, tb ? tb : none() };
                Value r = py_call(exit, args, 3);
                PUSH(r);
                DISPATCH();
            }
            TARGET(IMPORT_NAME)
            {
                Value fromlist = POP();
                Value level = TOP();
                TOP() = import_name(f, NAME(oparg), fromlist, level);
                DISPATCH();
            }
            TARGET(IMPORT_FROM)
            {
                Value v = import_from(f, TOP(), NAME(oparg));
                PUSH(v);
                DISPATCH();
            }
            TARGET(IMPORT_STAR)
            {
                Value m = TOP();
                import_star(f, m);
                sp--;
                DISPATCH();
            }
            TARGET(SETUP_ANNOTATIONS)
            {
                if (!f->m_locals)
                    raise(&exc::SystemError, "no locals found when setting up annotations");
                if (type_of(f->m_locals) == &dict_type) {
                    auto* d = f->m_locals.as<DictObject>();
                    if (!dict_get_str(d, names::__annotations__))
                        dict_set_str(d, names::__annotations__, Value(dict_new()));
                } else {
                    try {
                        py_getitem(f->m_locals, Value(names::__annotations__));
                    } catch (PyError&) {
                        if (!exception_matches(&exc::KeyError))
                            throw;
                        take_exception();
                        py_setitem(f->m_locals, Value(names::__annotations__), Value(dict_new()));
                    }
                }
                DISPATCH();
            }
            TARGET(PRINT_EXPR)
            {
                Value v = TOP();
                Value hook = sys_module_attr(f, "displayhook");
                if (!hook)
                    raise(&exc::RuntimeError, "lost sys.displayhook");
                py_call1(hook, v);
                sp--;
                DISPATCH();
            }
            TARGET(GET_LEN)
            {
                Value n = int_from_i64(py_len(TOP()));
                PUSH(n);
                DISPATCH();
            }
            TARGET(MATCH_MAPPING)
            {
                Value r = py_bool(match_is_mapping(TOP()));
                PUSH(r);
                DISPATCH();
            }
            TARGET(MATCH_SEQUENCE)
            {
                Value r = py_bool(match_is_sequence(TOP()));
                PUSH(r);
                DISPATCH();
            }
            TARGET(MATCH_KEYS)
            {
                Value r = match_keys(SECOND(), TOP());
                PUSH(r);
                DISPATCH();
            }
            TARGET(MATCH_CLASS)
            {
                Value kwn = TOP();
                Value cls = SECOND();
                Value subject = PEEK(3);
                Value r = match_class(subject, cls, oparg, kwn);
                sp -= 2;
                TOP() = r;
                DISPATCH();
            }
            TARGET(COPY_DICT_WITHOUT_KEYS)
            {
                auto* keys = TOP().as<TupleObject>();
                DictObject* d = dict_new();
                dict_update(d, SECOND());
                for (int64_t i = 0; i < keys->m_size; ++i)
                    dict_pop(d, keys->item(i));
                TOP() = Value(d);
                DISPATCH();
            }
#if PYSTM_COMPUTED_GOTO
        L_unknown:
#else
            default:
#endif
            raise(&exc::SystemError, "unknown opcode %u", instr & 0xFF);
#if !PYSTM_COMPUTED_GOTO
            }
#endif
        } catch (std::bad_alloc&) {
            // C++ containers (std::vector, std::string) report exhaustion this way.
            raise_memory_error();
        } catch (std::length_error&) {
            raise_memory_error();
        }
        } catch (PyError&) {
            // Unwind: find a handler in this frame or pop frames until one has one.
            kwnames = nullptr;
            Value exc = ts->m_current_exception;
            for (;;) {
                if (!skip_tb) {
                    // Exceptions raised by native code get their __context__ here, on
                    // their first frame (RAISE_VARARGS sets it itself).
                    if (chain_on_unwind && is_exception(exc) && !as_exc(exc)->m_traceback
                        && !as_exc(exc)->m_context)
                        chain_context(exc);
                    f->m_escaped = true; // FRAME-4: the traceback entry references it
                    traceback_add(exc, f);
                }
                skip_tb = false;
                chain_on_unwind = true;
                if (f->m_nblocks > 0) {
                    Block b = f->blocks()[--f->m_nblocks];
                    f->m_sp = static_cast<int32_t>(b.level);
                    f->stack()[f->m_sp++] = exc;
                    f->m_pc = b.handler;
                    f->m_handler_lasti = f->m_lasti;
                    ts->m_current_exception = Value();
                    break;
                }
                // No handler: the frame exits with the exception.
                Frame* done = f;
                bool was_entry = done->m_is_entry;
                unlink_frame(ts, done);
                if (done->m_gen) {
                    auto* g = static_cast<GenObject*>(done->m_gen);
                    gen_frame_finished(g);
                    exc = gen_convert_stop_iteration(g, exc);
                    ts->m_current_exception = exc;
                }
                if (was_entry) {
                    ts->m_current_exception = exc;
                    if (PY_UNLIKELY(g_stm_active))
                        leave_base_activation(ts); // CLI-3
                    throw;
                }
                f = done->m_previous;
                write_barrier(f); // CLI-2
            }
        }
        } catch (stm::StmAbort&) {
            // The runtime rolled the heap back. Only the thread's base activation can go back
            // to the restart point (CLI-1); nested ones unwind to it. The restart itself runs
            // in the try block above (it may abort too).
            if (ts->m_nested_runs != 1 || !ts->m_restartable)
                throw;
            stm_batch_aborted(ts); // TQ-6
            // A dict or set that transactions contend for gets per-key stripes (DICT-9, SET-6). The
            // object is still allocated: nothing is freed before the next safepoint.
            dict_note_conflict(stm::last_abort_info().object);
            set_note_conflict(stm::last_abort_info().object); // SET-6
            restart = true;
            kwnames = nullptr;
            skip_tb = false;
            pending_throw = false;
            chain_on_unwind = true;
        }
    }
#undef LOAD_FRAME
#undef SAVE_FRAME
#undef ENTER_CALLEE
#undef PUSH
#undef POP
#undef TOP
#undef SECOND
#undef PEEK
#undef NAME
#undef LOCALNAME
#undef TARGET
#undef DISPATCH
}

// --- entry points ----------------------------------------------------------------------------

Value eval_code(CodeObject* code, DictObject* globals, Value locals, TupleObject* closure)
{
    Frame* f = frame_new(code, globals, nullptr, locals ? locals : Value(globals));
    if (closure) {
        // COPY_FREE_VARS takes the cells from the frame's function, as CPython's
        // PyEval_EvalCodeEx makes a function for a closure.
        FunctionObject* fn = function_new(code, globals, nullptr);
        fn->m_closure = closure;
        f->m_func = fn;
    }
    if (code->m_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR))
        return gen_new_from_frame(f, nullptr); // as CPython: the code's generator, not run yet
    bool yielded;
    return run_frame(f, false, &yielded);
}

Value call_function(FunctionObject* fn, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Frame* f = frame_for_call(fn, args, nargs, kwnames);
    if (fn->m_code->m_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR))
        return gen_new_from_frame(f, fn);
    // A C++ caller re-entering the loop costs only the frame's own level, as in CPython 3.11;
    // run_frame() checks the C++ stack.
    bool yielded;
    return run_frame(f, false, &yielded);
}

Value awaitable_iter(Value o) { return get_awaitable_iter(o, 0); }

Value call_class_body(FunctionObject* body, DictObject* ns)
{
    Frame* f = frame_for_call(body, nullptr, 0, nullptr);
    f->m_locals = Value(ns);
    bool yielded;
    return run_frame(f, false, &yielded);
}

namespace {
// The innermost frame that runs Python code on this thread.
Frame* innermost() { return tstate() ? tstate()->m_frame : nullptr; }
} // namespace

bool current_frame_super_args(Value* cls, Value* self)
{
    Frame* f = innermost();
    if (!f)
        return false;
    CodeObject* co = f->m_code;
    if (co->m_argcount == 0)
        return false;
    Value first = f->localsplus()[0];
    // The first argument may have been moved into a cell by MAKE_CELL.
    if (first && (co->m_localspluskinds[0] & CO_FAST_CELL) && first.is_object() && first.as_object()->m_type == &cell_type)
        first = cell_get(first.as<CellObject>());
    if (!first)
        return false;
    for (int32_t i = 0; i < co->nlocalsplus(); ++i) {
        if (!(co->m_localspluskinds[i] & CO_FAST_FREE))
            continue;
        auto* name = co->m_localsplusnames->item(i).as<StrObject>();
        if (name != names::__class__ && !str_eq(name, names::__class__))
            continue;
        Value cell = f->localsplus()[i];
        if (!cell || !cell.is_object() || cell.as_object()->m_type != &cell_type)
            return false;
        Value c = cell_get(cell.as<CellObject>());
        if (!c)
            return false;
        *cls = c;
        *self = first;
        return true;
    }
    return false;
}

DictObject* current_globals()
{
    Frame* f = innermost();
    return f ? f->m_globals : nullptr;
}

Value current_locals()
{
    Frame* f = innermost();
    if (!f)
        return Value();
    return frame_locals_snapshot(f);
}

DictObject* current_builtins()
{
    Frame* f = innermost();
    return f ? f->m_builtins : builtins_dict();
}

Object* current_frame_object(int depth)
{
    Frame* f = innermost();
    while (f && depth > 0) {
        f = f->m_previous;
        depth--;
    }
    if (f)
        f->m_escaped = true; // FRAME-4
    return f;
}

} // namespace vm

Value current_handled_exception()
{
    ThreadState* ts = tstate();
    for (ExcInfo* e = ts ? ts->m_exc_info : nullptr; e; e = e->m_previous)
        if (e->m_exc && !is_none(e->m_exc))
            return e->m_exc;
    return none();
}

} // namespace pystm
