// BaseExceptionGroup and ExceptionGroup (PEP 654): construction with CPython's validation and
// its automatic choice of ExceptionGroup when every member is an Exception, the message and
// exceptions attributes, derive(), subgroup() and split().
//
// ExceptionGroup's second base (Exception) is installed by init_exception_group_types(): static
// types are created with a single base, so __bases__ and __mro__ are recomputed here.
#include "objects/exceptions_internal.h"
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"

namespace pystm {

void trace_exception_group(Object* o, gc::Tracer& t)
{
    auto* e = static_cast<ExceptionGroupObject*>(o);
    trace_base_exception_fields(e, t);
    t.visit(e->m_msg);
    t.visit(e->m_excs);
}

namespace {

ExceptionGroupObject* as_eg(Value v) { return v.as<ExceptionGroupObject>(); }

bool is_exception_group(Value v) { return is_exception(v) && type_of(v)->is_subtype(&exc::BaseExceptionGroup); }

bool is_sequence(Value v)
{
    if (is_list(v) || is_tuple(v))
        return true;
    if (is_dict(v))
        return false;
    return static_cast<bool>(type_of(v)->special(SP_getitem));
}

Value eg_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "BaseExceptionGroup.__new__(X): X is not a type object");
    Type* cls = args[0].as<Type>();
    if (kwnames && kwnames->m_size > 0)
        raise(&exc::TypeError, "%s() takes no keyword arguments", cls->name_str().c_str());
    if (nargs != 3)
        raise(&exc::TypeError, "BaseExceptionGroup.__new__() takes exactly 2 arguments (%zu given)", nargs - 1);
    Value message = args[1], excs = args[2];
    if (!is_str(message))
        raise(&exc::TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not %s",
            type_name(message).c_str());
    if (!is_sequence(excs))
        raise(&exc::TypeError, "second argument (exceptions) must be a sequence");
    TupleObject* items = py_tuple_from_iterable(excs);
    if (items->m_size == 0)
        raise(&exc::ValueError, "second argument (exceptions) must be a non-empty sequence");
    bool nested_base = false;
    for (int64_t i = 0; i < items->m_size; i++) {
        Value e = items->item(i);
        if (!is_exception(e))
            raise(&exc::ValueError, "Item %lld of second argument (exceptions) is not an exception",
                static_cast<long long>(i));
        if (!type_of(e)->is_subtype(&exc::Exception))
            nested_base = true;
    }
    if (cls == &exc::BaseExceptionGroup) {
        if (!nested_base)
            cls = &exc::ExceptionGroup;
    } else if (cls == &exc::ExceptionGroup) {
        if (nested_base)
            raise(&exc::TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
    } else if (nested_base && cls->is_subtype(&exc::Exception)) {
        raise(&exc::TypeError, "Cannot nest BaseExceptions in '%s'", cls->name_str().c_str());
    }
    Value self = exc_alloc(cls, tuple_from(args + 1, 2));
    auto* eg = as_eg(self);
    eg->m_msg = message;
    eg->m_excs = Value(items);
    return self;
}

Value eg_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    exc_no_keywords(self, kwnames);
    exc_set_args(self, tuple_from(args, static_cast<int64_t>(nargs)));
    return none();
}

Value eg_str(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__str__", nargs, kwnames, 0, 0);
    auto* eg = as_eg(self);
    read_barrier(eg);
    int64_t n = eg->m_excs ? eg->m_excs.as<TupleObject>()->m_size : 0;
    std::string msg = eg->m_msg ? str_utf8(py_str(eg->m_msg)) : "";
    return str_from_utf8(msg + " (" + std::to_string(n) + (n == 1 ? " sub-exception)" : " sub-exceptions)"));
}

Value eg_derive(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("derive", nargs, kwnames, 1, 1);
    auto* eg = as_eg(self);
    Value msg = or_none(exc_get(eg, eg->m_msg));
    Value cargs[] = { Value(&exc::BaseExceptionGroup), msg, args[0] };
    Value out = eg_new(Value(), cargs, 3, nullptr);
    eg_init(out, cargs + 1, 2, nullptr);
    return out;
}

enum class MatcherKind { Type, Predicate, Instances };

MatcherKind matcher_kind(Value cond)
{
    if (is_type(cond) && cond.as<Type>()->is_subtype(&exc::BaseException))
        return MatcherKind::Type;
    if (is_tuple(cond)) {
        TupleObject* t = cond.as<TupleObject>();
        bool ok = true;
        for (int64_t i = 0; i < t->m_size; i++)
            if (!(is_type(t->item(i)) && t->item(i).as<Type>()->is_subtype(&exc::BaseException)))
                ok = false;
        if (ok)
            return MatcherKind::Type;
    }
    if (py_callable(cond) && !is_type(cond))
        return MatcherKind::Predicate;
    raise(&exc::TypeError, "expected a function, exception type or tuple of exception types");
}

bool matches(Value exc, MatcherKind kind, Value cond)
{
    if (kind == MatcherKind::Type)
        return py_isinstance(exc, cond);
    return py_truthy(py_call1(cond, exc));
}

// Copies __traceback__, __cause__, __context__ and __notes__ from [from] to the derived group.
void copy_metadata(Value from, Value to)
{
    auto* src = from.as<BaseExceptionObject>();
    auto* dst = to.as<BaseExceptionObject>();
    read_barrier(src);
    Value tb = src->m_traceback, cause = src->m_cause, ctx = src->m_context;
    write_barrier(dst);
    dst->m_traceback = tb;
    dst->m_cause = cause;
    dst->m_context = ctx;
    Value notes = py_getattr_opt(from, names::__notes__);
    if (notes) {
        if (is_list(notes) || is_tuple(notes))
            notes = Value(py_list_from_iterable(notes));
        py_setattr(to, names::__notes__, notes);
    }
}

Value derive_with_metadata(Value eg, ListObject* items)
{
    Value arg = Value(items);
    Value derived = py_call_method(eg, intern("derive"), &arg, 1);
    if (!is_exception_group(derived))
        raise(&exc::TypeError, "derive must return an instance of BaseExceptionGroup");
    copy_metadata(eg, derived);
    return derived;
}

// Splits [exc] into the part matching [cond] and the rest (either may be null).
void split_recursive(Value exc, MatcherKind kind, Value cond, bool want_rest, Value* match, Value* rest)
{
    *match = Value();
    *rest = Value();
    if (matches(exc, kind, cond)) {
        *match = exc;
        return;
    }
    if (!is_exception_group(exc)) {
        if (want_rest)
            *rest = exc;
        return;
    }
    auto* eg = as_eg(exc);
    TupleObject* items = exc_get(eg, eg->m_excs).as<TupleObject>();
    ListObject* match_list = list_new();
    ListObject* rest_list = want_rest ? list_new() : nullptr;
    for (int64_t i = 0; i < items->m_size; i++) {
        Value m, r;
        split_recursive(items->item(i), kind, cond, want_rest, &m, &r);
        if (m)
            list_append(match_list, m);
        if (r && rest_list)
            list_append(rest_list, r);
    }
    if (list_size(match_list) > 0)
        *match = derive_with_metadata(exc, match_list);
    if (rest_list && list_size(rest_list) > 0)
        *rest = derive_with_metadata(exc, rest_list);
}

Value eg_split(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("split", nargs, kwnames, 1, 1);
    MatcherKind kind = matcher_kind(args[0]);
    Value m, r;
    split_recursive(self, kind, args[0], true, &m, &r);
    return tuple_of({ or_none(m), or_none(r) });
}

Value eg_subgroup(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("subgroup", nargs, kwnames, 1, 1);
    MatcherKind kind = matcher_kind(args[0]);
    Value m, r;
    split_recursive(self, kind, args[0], false, &m, &r);
    return or_none(m);
}

Value eg_class_getitem(Value cls, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__class_getitem__", nargs, kwnames, 1, 1);
    return generic_alias_new(cls, args[0]);
}

Value get_message(Value self)
{
    auto* eg = as_eg(self);
    return or_none(exc_get(eg, eg->m_msg));
}
Value get_exceptions(Value self)
{
    auto* eg = as_eg(self);
    Value v = exc_get(eg, eg->m_excs);
    return v ? v : Value(tuple_empty());
}

MethodDef const s_eg_methods[] = {
    { "__new__", eg_new, METH_STATIC },
    { "__init__", eg_init },
    { "__str__", eg_str },
    { "__class_getitem__", eg_class_getitem, METH_CLASS, "See PEP 585" },
    { "derive", eg_derive },
    { "split", eg_split },
    { "subgroup", eg_subgroup },
    { nullptr, nullptr },
};

} // namespace

void init_exception_group_types()
{
    Type* beg = &exc::BaseExceptionGroup;
    add_methods(beg, s_eg_methods);
    add_getset(beg, "message", get_message, nullptr, "exception message");
    add_getset(beg, "exceptions", get_exceptions, nullptr, "nested exceptions");
    register_exc_ctor(beg, { eg_new, eg_init });

    Type* eg = &exc::ExceptionGroup;
    eg->m_bases = tuple_of({ Value(beg), Value(&exc::Exception) });
    eg->m_mro = compute_mro(eg);
    bump_type_epoch();
}

} // namespace pystm
