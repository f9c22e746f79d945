// The abstract object protocol, part 3: calls. py_call dispatches on the callable's type:
// Python functions go to the interpreter (vm::call_function), native functions are called
// directly (call_native), bound methods prepend their self, classes go through their
// metaclass's __call__ (type_call for plain classes), anything else through type(f).__call__.
// Also the CALL_FUNCTION_EX helpers that unpack *args / **kwargs with CPython's messages.
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include "vm/interpreter.h"

namespace pystm {

namespace {

size_t kw_count(TupleObject* kwnames) { return kwnames ? static_cast<size_t>(kwnames->m_size) : 0; }

[[noreturn]] void raise_not_callable(Value v)
{
    raise(&exc::TypeError, "'%s' object is not callable", type_name(v).c_str());
}

} // namespace

Value call_unbound(Value descr, Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Type* dt = type_of(descr);
    if (dt == &function_type) {
        PrependArgs full(self, args, nargs + kw_count(kwnames));
        return vm::call_function(descr.as<FunctionObject>(), full.data(), nargs + 1, kwnames);
    }
    if (dt == &method_descriptor_type || dt == &wrapper_descriptor_type) {
        auto* f = descr.as<BuiltinFunction>();
        Type* st = type_of(self);
        if (PY_UNLIKELY(st != f->m_owner && !st->is_subtype(f->m_owner))) {
            PrependArgs full(self, args, nargs + kw_count(kwnames));
            return call_native(f, full.data(), nargs + 1, kwnames); // raises the type error
        }
        return f->m_fn(self, args, nargs, kwnames);
    }
    if (dt == &staticmethod_type)
        return py_call(descr.as<StaticMethodObject>()->m_callable, args, nargs, kwnames);
    Value bound = descr_get(descr, self, type_of(self));
    return py_call(bound, args, nargs, kwnames);
}

Value py_call(Value callable, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (!callable.is_object())
        raise_not_callable(callable);
    Type* t = callable.as_object()->m_type;
    if (t == &function_type)
        return vm::call_function(callable.as<FunctionObject>(), args, nargs, kwnames);
    if (t == &builtin_function_type || t == &method_descriptor_type
        || t == &classmethod_descriptor_type || t == &wrapper_descriptor_type)
        return call_native(callable.as<BuiltinFunction>(), args, nargs, kwnames);
    if (t == &method_type) {
        auto* m = callable.as<MethodObject>();
        PrependArgs full(m->m_self, args, nargs + kw_count(kwnames));
        if (type_of(m->m_func) == &function_type)
            return vm::call_function(m->m_func.as<FunctionObject>(), full.data(), nargs + 1, kwnames);
        return py_call(m->m_func, full.data(), nargs + 1, kwnames);
    }
    if (t == &type_type)
        return type_call(callable.as<Type>(), args, nargs, kwnames);
    Value f = t->special(SP_call);
    if (!f || is_none(f))
        raise_not_callable(callable);
    if (f == g_type_call)
        return type_call(callable.as<Type>(), args, nargs, kwnames);
    RecursionGuard guard(" while calling a Python object");
    return call_unbound(f, callable, args, nargs, kwnames);
}

Value py_call0(Value callable) { return py_call(callable, nullptr, 0, nullptr); }
Value py_call1(Value callable, Value a) { return py_call(callable, &a, 1, nullptr); }
Value py_call2(Value callable, Value a, Value b)
{
    Value args[2] = { a, b };
    return py_call(callable, args, 2, nullptr);
}

Value py_call_ex(Value callable, TupleObject* args, DictObject* kwargs)
{
    int64_t nkw = kwargs ? dict_size(kwargs) : 0;
    if (nkw == 0)
        return py_call(callable, args ? args->items() : nullptr, args ? static_cast<size_t>(args->m_size) : 0);
    gc::RootedValues all;
    int64_t np = args ? args->m_size : 0;
    all.reserve(static_cast<size_t>(np + nkw));
    for (int64_t i = 0; i < np; ++i)
        all.push_back(args->item(i));
    TupleObject* kwnames = tuple_new(nkw);
    int64_t pos = 0, i = 0;
    Value k, v;
    while (dict_next(kwargs, &pos, &k, &v) && i < nkw) {
        if (!is_str(k))
            raise(&exc::TypeError, "keywords must be strings");
        kwnames->items()[i++] = k;
        all.push_back(v);
    }
    return py_call(callable, all.data(), static_cast<size_t>(np), kwnames);
}

Value py_call_method(Value self, StrObject* name, Value const* args, size_t nargs)
{
    bool unbound = false;
    Value m = py_getmethod(self, name, &unbound);
    if (unbound)
        return call_unbound(m, self, args, nargs, nullptr);
    return py_call(m, args, nargs, nullptr);
}

Value call_special_opt(Value self, SpecialId id, Value const* args, size_t nargs)
{
    Value f = type_of(self)->special(id);
    if (!f)
        return Value();
    return call_unbound(f, self, args, nargs, nullptr);
}

bool py_callable(Value v)
{
    if (!v.is_object())
        return false;
    Type* t = v.as_object()->m_type;
    if (t == &function_type || t == &method_type || t == &builtin_function_type || t == &type_type)
        return true;
    Value f = t->special(SP_call);
    return f && !is_none(f);
}

// --- CALL_FUNCTION_EX helpers ----------------------------------------------------------------

std::string function_str(Value func)
{
    Type* t = type_of(func);
    if (t == &function_type || t == &builtin_function_type) {
        Value q = py_getattr_opt(func, names::__qualname__);
        Value m = py_getattr_opt(func, names::__module__);
        if (q && is_str(q)) {
            std::string s = str_utf8(q) + "()";
            if (m && is_str(m) && str_utf8(m) != "builtins")
                s = str_utf8(m) + "." + s;
            return s;
        }
    }
    if (t == &method_type)
        return function_str(func.as<MethodObject>()->m_func);
    return type_name(func) + " object";
}

TupleObject* call_star_args(Value func, Value iterable)
{
    if (is_tuple(iterable) && type_of(iterable) == &tuple_type)
        return iterable.as<TupleObject>();
    Type* it = type_of(iterable);
    Value iterf = it->special(SP_iter);
    if ((!iterf || is_none(iterf)) && !it->special(SP_getitem))
        raise(&exc::TypeError, "%s argument after * must be an iterable, not %s", function_str(func).c_str(),
            type_name(iterable).c_str());
    return py_tuple_from_iterable(iterable);
}

DictObject* call_star_kwargs(Value func, Value mapping, DictObject* into)
{
    DictObject* d = into ? into : dict_new();
    if (is_dict(mapping)) {
        int64_t pos = 0;
        Value k, v;
        auto* src = mapping.as<DictObject>();
        while (dict_next(src, &pos, &k, &v)) {
            if (!is_str(k))
                raise(&exc::TypeError, "keywords must be strings");
            if (dict_get(d, k))
                raise(&exc::TypeError, "%s got multiple values for keyword argument '%s'",
                    function_str(func).c_str(), str_utf8(k).c_str());
            dict_set(d, k, v);
        }
        return d;
    }
    Value keysf = py_getattr_opt(mapping, names::keys);
    if (!keysf)
        raise(&exc::TypeError, "%s argument after ** must be a mapping, not %s", function_str(func).c_str(),
            type_name(mapping).c_str());
    Value keys = py_iter(py_call0(keysf));
    while (Value k = py_next(keys)) {
        if (!is_str(k))
            raise(&exc::TypeError, "keywords must be strings");
        if (dict_get(d, k))
            raise(&exc::TypeError, "%s got multiple values for keyword argument '%s'",
                function_str(func).c_str(), str_utf8(k).c_str());
        dict_set(d, k, py_getitem(mapping, k));
    }
    return d;
}

} // namespace pystm
