// The asynchronous iteration builtins: aiter(), anext() and anext()'s awaitable
// (g_builtin_async_methods), with CPython 3.11's behaviour and messages.
//
// anext(it) returns what type(it).__anext__(it) returns. anext(it, default) returns an
// anext_awaitable: awaiting it awaits that result, and a StopAsyncIteration raised while doing
// so ends the await with [default] instead (as StopIteration(default), which `await` turns
// into the value). As in CPython, each step (__next__, send, throw, close) takes the iterator of
// the wrapped awaitable afresh: for a coroutine that is the coroutine itself, and for an object
// with __await__ a new call of it.
#include "builtins/builtins.h"
#include "gc/heap.h"
#include "objects/access.h"
#include "objects/exceptions.h"
#include "objects/generator_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include "objects/type_object.h"
#include "vm/interpreter.h"

#include <cstdio>

namespace pystm {

namespace {

Type s_anext_awaitable_type { &type_type };

// Written once, by anext(), before any other code sees it: immutable afterwards.
struct AnextAwaitable : Object {
    Value m_wrapped; // what __anext__ returned
    Value m_default;
    explicit AnextAwaitable(Type* t, Value wrapped, Value dflt)
        : Object(t)
        , m_wrapped(wrapped)
        , m_default(dflt)
    {
    }
};

void trace_anext_awaitable(Object* o, gc::Tracer& t)
{
    auto* a = static_cast<AnextAwaitable*>(o);
    t.visit(a->m_wrapped);
    t.visit(a->m_default);
}

AnextAwaitable* as_awaitable(Value v)
{
    if (!v.is_object() || v.as_object()->m_type != &s_anext_awaitable_type)
        raise(&exc::TypeError, "descriptor requires an 'anext_awaitable' object but received a '%s'",
            type_name(v).c_str());
    return v.as<AnextAwaitable>();
}

// One step of the wrapped awaitable: [method] (null: __next__) with [args]. A StopAsyncIteration
// becomes StopIteration(default).
Value proxy(Value self, char const* method, Value const* args, size_t nargs)
{
    AnextAwaitable* a = as_awaitable(self);
    Value it = vm::awaitable_iter(a->m_wrapped);
    try {
        if (method)
            return py_call_method(it, intern(method), args, nargs);
        if (is_coroutine(it)) {
            Value none_arg = none();
            return py_call_method(it, intern("send"), &none_arg, 1);
        }
        return py_call_method(it, intern("__next__"), nullptr, 0); // keeps StopIteration's value
    } catch (PyError&) {
        if (!exception_matches(&exc::StopAsyncIteration))
            throw;
        take_exception();
        Value dflt = a->m_default;
        raise_value(Value(py_call(Value(&exc::StopIteration), &dflt, 1, nullptr)));
    }
}

Value aw_iternext_method(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__next__", nargs, kw, 0, 0);
    return proxy(self, nullptr, nullptr, 0);
}

Value aw_send(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("send", nargs, kw, 1, 1);
    return proxy(self, "send", args, nargs);
}

Value aw_throw(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "throw() takes no keyword arguments");
    return proxy(self, "throw", args, nargs);
}

Value aw_close(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "close() takes no keyword arguments");
    return proxy(self, "close", args, nargs);
}

Value aw_self(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__await__", nargs, kw, 0, 0);
    as_awaitable(self);
    return self;
}

Value aw_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    char buf[64];
    std::snprintf(buf, sizeof buf, "<anext_awaitable object at %p>", static_cast<void*>(self.as_object()));
    return Value(str_from_utf8(buf));
}

MethodDef const s_anext_awaitable_methods[] = {
    { "__await__", aw_self },
    { "__iter__", aw_self },
    { "__next__", aw_iternext_method },
    { "send", aw_send, METH_DEFAULT, "send(arg) -> send 'arg' into the wrapped iterator,\nreturn next yielded value or raise StopIteration." },
    { "throw", aw_throw, METH_DEFAULT, "throw(typ[,val[,tb]]) -> raise exception in the wrapped iterator,\nreturn next yielded value or raise StopIteration." },
    { "close", aw_close, METH_DEFAULT, "close() -> raise GeneratorExit inside generator." },
    { "__repr__", aw_repr },
    { nullptr, nullptr },
};

Value b_aiter(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "aiter() takes no keyword arguments");
    if (nargs != 1)
        raise(&exc::TypeError, "aiter() takes exactly one argument (%zu given)", nargs);
    Value obj = args[0];
    Value f = type_of(obj)->special(SP_aiter);
    if (!f || is_none(f))
        raise(&exc::TypeError, "'%s' object is not an async iterable", type_name(obj).c_str());
    Value it = call_unbound(f, obj, nullptr, 0, nullptr);
    Value anext = type_of(it)->special(SP_anext);
    if (!anext || is_none(anext))
        raise(&exc::TypeError, "aiter() returned not an async iterator of type '%s'", type_name(it).c_str());
    return it;
}

Value b_anext(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "anext() takes no keyword arguments");
    if (nargs == 0)
        raise(&exc::TypeError, "anext expected at least 1 argument, got 0");
    if (nargs > 2)
        raise(&exc::TypeError, "anext expected at most 2 arguments, got %zu", nargs);
    Value it = args[0];
    Value f = type_of(it)->special(SP_anext);
    if (!f || is_none(f))
        raise(&exc::TypeError, "'%s' object is not an async iterator", type_name(it).c_str());
    Value awaitable = call_unbound(f, it, nullptr, 0, nullptr);
    if (nargs == 1)
        return awaitable;
    return Value(gc::make<AnextAwaitable>(&s_anext_awaitable_type, awaitable, args[1]));
}

} // namespace

void setup_async_builtin_types()
{
    init_static_type(&s_anext_awaitable_type, "anext_awaitable", nullptr, sizeof(AnextAwaitable),
        TF_IMMUTABLE, trace_anext_awaitable);
}

void init_async_builtin_types() { add_methods(&s_anext_awaitable_type, s_anext_awaitable_methods); }

MethodDef const g_builtin_async_methods[] = {
    { "aiter", b_aiter, METH_DEFAULT,
        "Return an AsyncIterator for an AsyncIterable object." },
    { "anext", b_anext, METH_DEFAULT,
        "async anext(aiterator[, default])\n"
        "\n"
        "Return the next item from the async iterator.  If default is given and the async\n"
        "iterator is exhausted, it is returned instead of raising StopAsyncIteration." },
    { nullptr, nullptr },
};

} // namespace pystm
