// The _contextvars module: Context, ContextVar, Token and copy_context, as CPython 3.11 (PEP
// 567). decimal (through _pydecimal), fractions and statistics import it.
//
// A context's variables are a dict that is never modified once published (CTX-1): setting a
// variable replaces the context's dict with a modified copy, so copy_context() shares the dict
// and a snapshot costs O(1) (CPython uses a HAMT for the same effect; the copy here makes
// ContextVar.set O(number of variables)).
//
// The current context belongs to the thread (ThreadState::m_context): each thread starts in a
// new empty context, as in CPython, so threads never share decimal contexts or other context
// variables. It is thread state outside the heap, so the restart point saves it and an abort
// puts it back (vm/stm_client.cpp) instead of making its changes inevitable: asyncio switches
// contexts on every callback.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include "vm/thread_state.h"
#include "vm/transaction.h"
#include <cstdio>

namespace pystm {

namespace {

Type context_type { &type_type };
Type contextvar_type { &type_type };
Type token_type { &type_type };
Type missing_type { &type_type };

struct ContextObject : Object {
    DictObject* m_vars; // ContextVar -> value (CTX-1: never mutated after publication)
    ContextObject* m_prev = nullptr; // the context that was current when run() entered this one
    bool m_entered = false;
    ContextObject(Type* t, DictObject* vars) : Object(t), m_vars(vars) { }
};

struct ContextVarObject : Object {
    StrObject* m_name;
    Value m_default; // null: no default
    ContextVarObject(Type* t, StrObject* name, Value dflt) : Object(t), m_name(name), m_default(dflt) { }
};

struct TokenObject : Object {
    ContextObject* m_ctx;
    ContextVarObject* m_var;
    Value m_old; // the MISSING marker when the variable was unset
    bool m_used = false;
    TokenObject(Type* t, ContextObject* ctx, ContextVarObject* var, Value old) : Object(t), m_ctx(ctx), m_var(var), m_old(old) { }
};

Value s_missing; // Token.MISSING

void trace_context(Object* o, gc::Tracer& t)
{
    auto* c = static_cast<ContextObject*>(o);
    t.visit(c->m_vars);
    t.visit(c->m_prev);
}
void trace_contextvar(Object* o, gc::Tracer& t)
{
    auto* v = static_cast<ContextVarObject*>(o);
    t.visit(v->m_name);
    t.visit(v->m_default);
}
void trace_token(Object* o, gc::Tracer& t)
{
    auto* k = static_cast<TokenObject*>(o);
    t.visit(k->m_ctx);
    t.visit(k->m_var);
    t.visit(k->m_old);
}

std::string address_of(Value v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%p", static_cast<void*>(v.as_object()));
    return buf;
}

ContextObject* current_context()
{
    ThreadState* ts = tstate();
    if (!ts->m_context)
        ts->m_context = Value(gc::make<ContextObject>(&context_type, dict_new()));
    return ts->m_context.as<ContextObject>();
}

DictObject* vars_of(ContextObject* c)
{
    read_barrier(c);
    return c->m_vars;
}

ContextObject* as_context(Value v)
{
    if (type_of(v) != &context_type)
        raise(&exc::TypeError, "descriptor requires a '_contextvars.Context' object but received a '%s'", type_name(v).c_str());
    return v.as<ContextObject>();
}

ContextVarObject* as_var(Value v)
{
    if (type_of(v) != &contextvar_type)
        raise(&exc::TypeError, "descriptor requires a '_contextvars.ContextVar' object but received a '%s'", type_name(v).c_str());
    return v.as<ContextVarObject>();
}

ContextVarObject* key_var(Value v)
{
    if (type_of(v) != &contextvar_type)
        raise(&exc::TypeError, "a ContextVar key was expected, got %s", repr_utf8(v).c_str());
    return v.as<ContextVarObject>();
}

// --- Context ---------------------------------------------------------------------------------------

Value ctx_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs > 1 || (kw && kw->m_size))
        raise(&exc::TypeError, "Context() does not accept any arguments");
    return gc::make<ContextObject>(&context_type, dict_new());
}

Value ctx_run(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    ContextObject* c = as_context(self);
    if (nargs < 1)
        raise(&exc::TypeError, "run() missing 1 required positional argument");
    read_barrier(c);
    if (c->m_entered)
        raise(&exc::RuntimeError, "cannot enter context: %s is already entered", repr_utf8(self).c_str());
    ContextObject* prev = current_context();
    write_barrier(c);
    c->m_prev = prev;
    c->m_entered = true;
    tstate()->m_context = Value(c);
    auto leave = [c, prev] {
        write_barrier(c);
        c->m_entered = false;
        c->m_prev = nullptr;
        tstate()->m_context = Value(prev);
    };
    try {
        Value r = py_call(args[0], args + 1, nargs - 1, kw);
        leave();
        return r;
    } catch (PyError&) {
        leave();
        throw;
    }
}

Value ctx_copy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("copy", nargs, kw, 0, 0);
    return gc::make<ContextObject>(&context_type, vars_of(as_context(self)));
}

Value ctx_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getitem__", nargs, kw, 1, 1);
    key_var(args[0]);
    Value v = dict_get(vars_of(as_context(self)), args[0]);
    if (!v)
        raise_value(exception_new(&exc::KeyError, { args[0] }));
    return v;
}

Value ctx_get(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("get", nargs, kw, 1, 2);
    key_var(args[0]);
    Value v = dict_get(vars_of(as_context(self)), args[0]);
    return v ? v : (nargs > 1 ? args[1] : none());
}

Value ctx_contains(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__contains__", nargs, kw, 1, 1);
    key_var(args[0]);
    return py_bool(static_cast<bool>(dict_get(vars_of(as_context(self)), args[0])));
}

Value ctx_len(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__len__", nargs, kw, 0, 0);
    return Value::small_int(dict_size(vars_of(as_context(self))));
}

// keys / values / items as lists of a snapshot (the dict never changes: CTX-1).
Value ctx_list(Value self, int which)
{
    DictObject* d = vars_of(as_context(self));
    ListObject* out = list_new();
    int64_t pos = 0;
    Value k, v;
    while (dict_next(d, &pos, &k, &v))
        list_append(out, which == 0 ? k : which == 1 ? v : Value(tuple_of({ k, v })));
    return out;
}

Value ctx_iter(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__iter__", nargs, kw, 0, 0);
    return py_iter(ctx_list(self, 0));
}
Value ctx_keys(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("keys", nargs, kw, 0, 0);
    return ctx_list(self, 0);
}
Value ctx_values(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("values", nargs, kw, 0, 0);
    return ctx_list(self, 1);
}
Value ctx_items(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("items", nargs, kw, 0, 0);
    return ctx_list(self, 2);
}

Value ctx_eq(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__eq__", nargs, kw, 1, 1);
    if (type_of(args[0]) != &context_type)
        return Value(g_not_implemented);
    return py_bool(py_eq(vars_of(as_context(self)), vars_of(args[0].as<ContextObject>())));
}

// --- ContextVar -------------------------------------------------------------------------------------

Value var_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    // The name is positional-only, as CPython's "O|$O" format says it.
    size_t npos = nargs ? nargs - 1 : 0;
    if (npos != 1)
        raise(&exc::TypeError, "ContextVar() takes %s 1 positional argument (%zu given)",
            npos ? "at most" : "exactly", npos);
    Value a[2];
    parse_args("ContextVar", args + 1, npos, kw, { "name", "*", "default" }, 1, a);
    if (!is_str(a[0]))
        raise(&exc::TypeError, "context variable name must be a str");
    return gc::make<ContextVarObject>(&contextvar_type, a[0].as<StrObject>(), a[1]);
}

Value var_get(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("get", nargs, kw, 0, 1);
    ContextVarObject* var = as_var(self);
    if (Value v = dict_get(vars_of(current_context()), self))
        return v;
    if (nargs)
        return args[0];
    if (var->m_default)
        return var->m_default;
    raise_value(exception_new(&exc::LookupError, { self }));
}

void ctx_store(ContextObject* c, Value var, Value value)
{
    // CTX-1: publish a modified copy.
    DictObject* d = dict_copy(vars_of(c));
    if (value)
        dict_set(d, var, value);
    else
        dict_pop(d, var);
    write_barrier(c);
    c->m_vars = d;
}

Value var_set(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("set", nargs, kw, 1, 1);
    ContextVarObject* var = as_var(self);
    ContextObject* c = current_context();
    Value old = dict_get(vars_of(c), self);
    auto* tok = gc::make<TokenObject>(&token_type, c, var, old ? old : s_missing);
    ctx_store(c, self, args[0]);
    return tok;
}

Value var_reset(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("reset", nargs, kw, 1, 1);
    ContextVarObject* var = as_var(self);
    if (type_of(args[0]) != &token_type)
        raise(&exc::TypeError, "expected an instance of Token, got %s", repr_utf8(args[0]).c_str());
    auto* tok = args[0].as<TokenObject>();
    read_barrier(tok);
    if (tok->m_used)
        raise(&exc::RuntimeError, "%s has already been used once", repr_utf8(args[0]).c_str());
    if (tok->m_var != var)
        raise(&exc::ValueError, "%s was created by a different ContextVar", repr_utf8(args[0]).c_str());
    ContextObject* c = current_context();
    if (tok->m_ctx != c)
        raise(&exc::ValueError, "%s was created in a different Context", repr_utf8(args[0]).c_str());
    write_barrier(tok);
    tok->m_used = true;
    ctx_store(c, self, tok->m_old == s_missing ? Value() : tok->m_old);
    return none();
}

Value var_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    ContextVarObject* var = as_var(self);
    std::string s = "<ContextVar name=" + repr_utf8(var->m_name);
    if (var->m_default)
        s += " default=" + repr_utf8(var->m_default);
    s += " at " + address_of(self) + ">";
    return str_from_utf8(s);
}

Value var_hash(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__hash__", nargs, kw, 0, 0);
    return Value::small_int(static_cast<int64_t>(reinterpret_cast<uintptr_t>(self.as_object()) >> 4));
}

Value class_getitem(Value cls, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__class_getitem__", nargs, kw, 1, 1);
    return generic_alias_new(cls, args[0]);
}

Value var_name(Value self) { return as_var(self)->m_name; }

// --- Token ------------------------------------------------------------------------------------------

Value token_new(Value, Value const*, size_t, TupleObject*)
{
    raise(&exc::RuntimeError, "Tokens can only be created by ContextVars");
}

Value token_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    auto* tok = self.as<TokenObject>();
    read_barrier(tok);
    std::string s = std::string("<Token") + (tok->m_used ? " used" : "") + " var=" + repr_utf8(Value(tok->m_var)) + " at "
        + address_of(self) + ">";
    return str_from_utf8(s);
}

Value token_var(Value self) { return self.as<TokenObject>()->m_var; }
Value token_old_value(Value self) { return self.as<TokenObject>()->m_old; }

Value missing_repr(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    return str_from_ascii("<Token.MISSING>");
}

Value m_copy_context(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("copy_context", nargs, kw, 0, 0);
    return gc::make<ContextObject>(&context_type, vars_of(current_context()));
}

MethodDef const context_methods[] = {
    { "__new__", ctx_new, METH_STATIC },
    { "run", ctx_run },
    { "copy", ctx_copy },
    { "__getitem__", ctx_getitem },
    { "get", ctx_get },
    { "__contains__", ctx_contains },
    { "__len__", ctx_len },
    { "__iter__", ctx_iter },
    { "keys", ctx_keys },
    { "values", ctx_values },
    { "items", ctx_items },
    { "__eq__", ctx_eq },
    { nullptr, nullptr },
};
MethodDef const contextvar_methods[] = {
    { "__new__", var_new, METH_STATIC },
    { "get", var_get },
    { "set", var_set },
    { "reset", var_reset },
    { "__repr__", var_repr },
    { "__hash__", var_hash },
    { "__class_getitem__", class_getitem, METH_CLASS },
    { nullptr, nullptr },
};
MethodDef const token_methods[] = {
    { "__new__", token_new, METH_STATIC },
    { "__repr__", token_repr },
    { "__class_getitem__", class_getitem, METH_CLASS },
    { nullptr, nullptr },
};
MethodDef const missing_methods[] = {
    { "__repr__", missing_repr },
    { nullptr, nullptr },
};
MethodDef const module_methods[] = {
    { "copy_context", m_copy_context },
    { nullptr, nullptr },
};

} // namespace

void setup_contextvars_types()
{
    init_static_type(&context_type, "_contextvars.Context", nullptr, sizeof(ContextObject), 0, trace_context);
    init_static_type(&contextvar_type, "_contextvars.ContextVar", nullptr, sizeof(ContextVarObject), 0, trace_contextvar);
    init_static_type(&token_type, "_contextvars.Token", nullptr, sizeof(TokenObject), 0, trace_token);
    init_static_type(&missing_type, "Token.MISSING", nullptr, sizeof(Object), 0);
    // Plain fields: a byte copy restores them, so entering a context or setting a variable in
    // a context made before the transaction does not make it inevitable (UNDO-1).
    context_type.m_stm_undo = &g_plain_undo;
    token_type.m_stm_undo = &g_plain_undo;
}

void init_contextvars_types()
{
    add_methods(&context_type, context_methods);
    add_methods(&contextvar_type, contextvar_methods);
    add_getset(&contextvar_type, "name", var_name);
    add_methods(&token_type, token_methods);
    add_getset(&token_type, "var", token_var);
    add_getset(&token_type, "old_value", token_old_value);
    add_methods(&missing_type, missing_methods);
    s_missing = Value(gc::make<Object>(&missing_type));
    gc::add_root(&s_missing);
    add_type_attr(&token_type, "MISSING", s_missing);
}

ModuleObject* init_contextvars_module()
{
    ModuleObject* m = module_new("_contextvars");
    DictObject* d = m->m_dict;
    for (MethodDef const* def = module_methods; def->name; def++)
        dict_set_cstr(d, def->name, builtin_function_new(def, m));
    dict_set_cstr(d, "Context", &context_type);
    dict_set_cstr(d, "ContextVar", &contextvar_type);
    dict_set_cstr(d, "Token", &token_type);
    return m;
}

} // namespace pystm
