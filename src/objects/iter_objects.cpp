// enumerate, zip, map, filter, reversed, the sequence iterator, the callable iterator, and the
// helpers shared by the container types (iter_objects.h).
//
// Invariants: each iterator's m_iternext returns null when exhausted and never raises
// StopIteration itself (it consumes the StopIteration of iterators it wraps). Iterators that can
// tell they are finished drop their references (seq iterator, callable iterator, reversed).
#include "objects/iter_objects.h"
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/access.h"
#include "modules/builtin_modules.h"
#include <cstdint>
#include <vector>

namespace pystm {

Type enumerate_type { &type_type };
Type zip_type { &type_type };
Type map_type { &type_type };
Type filter_type { &type_type };
Type reversed_type { &type_type };
Type seq_iter_type { &type_type };
Type callable_iter_type { &type_type };

// --- shared helpers ------------------------------------------------------------------------------

static thread_local std::vector<Object*> t_repr_stack;

ReprGuard::ReprGuard(Object* o) : m_obj(o), m_active(true)
{
    for (Object* x : t_repr_stack) {
        if (x == o) {
            m_active = false;
            return;
        }
    }
    t_repr_stack.push_back(o);
}

ReprGuard::~ReprGuard()
{
    if (!m_active)
        return;
    // Normally the innermost entry; search in case of unusual unwinding order.
    for (size_t i = t_repr_stack.size(); i-- > 0;) {
        if (t_repr_stack[i] == m_obj) {
            t_repr_stack.erase(t_repr_stack.begin() + static_cast<std::ptrdiff_t>(i));
            return;
        }
    }
}

Value builtin_iter_callable()
{
    return builtin_callable("iter");
}

Value builtin_callable(char const* name)
{
    return py_getattr(Value(init_builtins_module_for_import()), intern(name));
}

Value iter_reduce(Value seq, int64_t index)
{
    if (!seq)
        return tuple_of({ builtin_iter_callable(), tuple_of({ Value(tuple_empty()) }) });
    return tuple_of({ builtin_iter_callable(), tuple_of({ seq }), int_from_i64(index) });
}

int64_t iter_setstate_index(Value state, int64_t lo, int64_t hi)
{
    // CPython converts the state with PyLong_AsSsize_t: an int, not any __index__ object.
    if (!is_int(state))
        raise(&exc::TypeError, "an integer is required");
    int64_t index = py_ssize_arg(state);
    return index < lo ? lo : index > hi ? hi : index;
}

void raise_key_error(Value key)
{
    raise_value(exception_new(&exc::KeyError, { key }));
}

bool has_index(Value v)
{
    return is_int(v) || type_of(v)->special(SP_index);
}

int64_t subscript_index(Value v)
{
    if (v.is_small_int())
        return v.as_small_int();
    Value i = py_number_index(v);
    int64_t out;
    if (!int_to_i64(i, &out))
        raise(&exc::IndexError, "cannot fit '%s' into an index-sized integer", type_name(v).c_str());
    return out;
}

int64_t length_hint(Value v, int64_t dflt)
{
    if (type_of(v)->special(SP_len)) {
        try {
            return py_len(v);
        } catch (PyError&) {
            if (!exception_matches(&exc::TypeError))
                throw;
            take_exception();
        }
    }
    // A __length_hint__ that raises TypeError (one that takes arguments, or is None) counts as
    // no hint, as in CPython's PyObject_LengthHint.
    Value r;
    try {
        r = call_special_opt(v, SP_length_hint, nullptr, 0);
    } catch (PyError&) {
        if (!exception_matches(&exc::TypeError))
            throw;
        take_exception();
    }
    if (!r || r == Value(g_not_implemented))
        return dflt;
    if (!is_int(r))
        raise(&exc::TypeError, "__length_hint__ must be an integer, not %s", type_name(r).c_str());
    int64_t n = py_ssize_arg(r);
    if (n < 0)
        raise(&exc::ValueError, "__length_hint__() should return >= 0");
    return n;
}

namespace {

Type* check_new_cls(Value const* args, size_t nargs, Type* base, char const* name)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "%s.__new__(X): X is not a type object", name);
    Type* cls = args[0].as<Type>();
    if (!cls->is_subtype(base))
        raise(&exc::TypeError, "%s.__new__(%s): %s is not a subtype of %s", name, cls->name_str().c_str(),
            cls->name_str().c_str(), name);
    return cls;
}

// As CPython: keywords are refused unless a subclass overrides __init__ (which takes them).
void no_keywords(Type* cls, Type* base, TupleObject* kwnames, char const* name)
{
    if (!kwnames || !kwnames->m_size)
        return;
    if (cls == base
        || type_lookup(cls, names::__init__) == type_lookup(&object_type, names::__init__))
        raise(&exc::TypeError, "%s() takes no keyword arguments", name);
}

// --- enumerate ---------------------------------------------------------------------------------

struct EnumerateObject : Object {
    Value m_iter;
    Value m_count; // next index (any int)
    EnumerateObject(Type* t, Value it, Value count) : Object(t), m_iter(it), m_count(count) { }
};

void enumerate_trace(Object* o, gc::Tracer& tr)
{
    auto* e = static_cast<EnumerateObject*>(o);
    tr.visit(e->m_iter);
    tr.visit(e->m_count);
}

Value enumerate_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Type* cls = check_new_cls(args, nargs, &enumerate_type, "enumerate");
    Value out[2];
    parse_args("enumerate", args + 1, nargs - 1, kwnames, { "iterable", "start" }, 1, out);
    Value start = out[1] ? py_number_index(out[1]) : Value::small_int(0);
    return gc::make<EnumerateObject>(cls, py_iter(out[0]), start);
}

Value enumerate_iternext(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* e = static_cast<EnumerateObject*>(o);
    Value item = iter_next_fast(e->m_iter);
    if (!item)
        return Value();
    // The inner iterator ran Python code, which may have ended the transaction (a blocking call):
    // the barrier again before the write.
    write_barrier(o);
    Value idx = e->m_count;
    if (idx.is_small_int() && idx.as_small_int() < Value::SMALL_MAX)
        e->m_count = Value::small_int(idx.as_small_int() + 1);
    else
        e->m_count = int_add(idx, Value::small_int(1));
    return tuple_of({ idx, item });
}

// --- zip ---------------------------------------------------------------------------------------

struct ZipObject : Object {
    TupleObject* m_iters;
    bool m_strict;
    ZipObject(Type* t, TupleObject* iters, bool strict) : Object(t), m_iters(iters), m_strict(strict) { }
};

void zip_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<ZipObject*>(o)->m_iters); }

Value zip_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Type* cls = check_new_cls(args, nargs, &zip_type, "zip");
    bool strict = false;
    if (kwnames) {
        for (int64_t i = 0; i < kwnames->m_size; i++) {
            std::string name = str_utf8(kwnames->item(i));
            if (name != "strict")
                raise(&exc::TypeError, "zip() got an unexpected keyword argument '%s'", name.c_str());
            strict = py_truthy(args[nargs + static_cast<size_t>(i)]);
        }
    }
    size_t n = nargs - 1;
    TupleObject* iters = tuple_new(static_cast<int64_t>(n));
    for (size_t i = 0; i < n; i++)
        iters->items()[i] = py_iter(args[i + 1]);
    return gc::make<ZipObject>(cls, iters, strict);
}

[[noreturn]] void zip_length_error(int64_t i, bool shorter)
{
    char const* plural = i == 1 ? " " : "s 1-";
    raise(&exc::ValueError, "zip() argument %lld is %s than argument%s%lld", static_cast<long long>(i + 1),
        shorter ? "shorter" : "longer", plural, static_cast<long long>(i));
}

Value zip_iternext(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* z = static_cast<ZipObject*>(o);
    int64_t n = z->m_iters->m_size;
    if (n == 0)
        return Value();
    TupleObject* result = tuple_new(n);
    for (int64_t i = 0; i < n; i++) {
        Value item = iter_next_fast(z->m_iters->item(i));
        if (!item) {
            if (!z->m_strict)
                return Value();
            if (i)
                zip_length_error(i, true);
            for (int64_t j = 1; j < n; j++) {
                if (iter_next_fast(z->m_iters->item(j)))
                    zip_length_error(j, false);
            }
            return Value();
        }
        result->items()[i] = item;
    }
    return result;
}

// --- map ---------------------------------------------------------------------------------------

struct MapObject : Object {
    Value m_func;
    TupleObject* m_iters;
    MapObject(Type* t, Value f, TupleObject* iters) : Object(t), m_func(f), m_iters(iters) { }
};

void map_trace(Object* o, gc::Tracer& tr)
{
    auto* m = static_cast<MapObject*>(o);
    tr.visit(m->m_func);
    tr.visit(m->m_iters);
}

Value map_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Type* cls = check_new_cls(args, nargs, &map_type, "map");
    no_keywords(cls, &map_type, kwnames, "map");
    if (nargs < 3)
        raise(&exc::TypeError, "map() must have at least two arguments.");
    size_t n = nargs - 2;
    TupleObject* iters = tuple_new(static_cast<int64_t>(n));
    for (size_t i = 0; i < n; i++)
        iters->items()[i] = py_iter(args[i + 2]);
    return gc::make<MapObject>(cls, args[1], iters);
}

Value map_iternext(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* m = static_cast<MapObject*>(o);
    int64_t n = m->m_iters->m_size;
    if (n == 1) {
        Value item = iter_next_fast(m->m_iters->item(0));
        if (!item)
            return Value();
        return py_call1(m->m_func, item);
    }
    TupleObject* argt = tuple_new(n);
    for (int64_t i = 0; i < n; i++) {
        Value item = iter_next_fast(m->m_iters->item(i));
        if (!item)
            return Value();
        argt->items()[i] = item;
    }
    return py_call(m->m_func, argt->items(), static_cast<size_t>(n));
}

// --- filter ------------------------------------------------------------------------------------

struct FilterObject : Object {
    Value m_func;
    Value m_iter;
    FilterObject(Type* t, Value f, Value it) : Object(t), m_func(f), m_iter(it) { }
};

void filter_trace(Object* o, gc::Tracer& tr)
{
    auto* f = static_cast<FilterObject*>(o);
    tr.visit(f->m_func);
    tr.visit(f->m_iter);
}

Value filter_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Type* cls = check_new_cls(args, nargs, &filter_type, "filter");
    no_keywords(cls, &filter_type, kwnames, "filter");
    if (nargs != 3)
        raise(&exc::TypeError, "filter expected 2 arguments, got %zu", nargs - 1);
    return gc::make<FilterObject>(cls, args[1], py_iter(args[2]));
}

Value filter_iternext(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* f = static_cast<FilterObject*>(o);
    bool plain = is_none(f->m_func) || f->m_func == Value(&bool_type);
    for (;;) {
        Value item = iter_next_fast(f->m_iter);
        if (!item)
            return Value();
        bool ok = plain ? py_truthy(item) : py_truthy(py_call1(f->m_func, item));
        if (ok)
            return item;
    }
}

// --- reversed ----------------------------------------------------------------------------------

struct ReversedObject : Object {
    Value m_seq; // null once exhausted
    int64_t m_index;
    ReversedObject(Type* t, Value seq, int64_t index) : Object(t), m_seq(seq), m_index(index) { }
};

void reversed_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<ReversedObject*>(o)->m_seq); }

Value make_reversed(Type* cls, Value seq)
{
    Value meth = type_of(seq)->special(SP_reversed);
    if (meth && is_none(meth))
        raise(&exc::TypeError, "'%s' object is not reversible", type_name(seq).c_str());
    if (meth)
        return call_special_opt(seq, SP_reversed, nullptr, 0);
    if (!type_of(seq)->special(SP_getitem) || is_dict(seq))
        raise(&exc::TypeError, "'%s' object is not reversible", type_name(seq).c_str());
    int64_t n = py_len(seq);
    return gc::make<ReversedObject>(cls, seq, n - 1);
}

Value reversed_tp_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Type* cls = check_new_cls(args, nargs, &reversed_type, "reversed");
    no_keywords(cls, &reversed_type, kwnames, "reversed");
    if (nargs != 2)
        raise(&exc::TypeError, "reversed expected 1 argument, got %zu", nargs - 1);
    return make_reversed(cls, args[1]);
}

Value reversed_iternext(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* r = static_cast<ReversedObject*>(o);
    if (!r->m_seq)
        return Value();
    if (r->m_index >= 0) {
        try {
            Value item = py_getitem(r->m_seq, int_from_i64(r->m_index));
            write_barrier(o); // __getitem__ may have ended the transaction
            r->m_index--;
            return item;
        } catch (PyError&) {
            if (!exception_matches(&exc::IndexError) && !exception_matches(&exc::StopIteration))
                throw;
            take_exception();
        }
    }
    write_barrier(o);
    r->m_index = -1;
    r->m_seq = Value();
    return Value();
}

Value reversed_length_hint(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    auto* r = self.as<ReversedObject>();
    read_barrier(r);
    Value seq = r->m_seq;
    if (!seq)
        return Value::small_int(0);
    int64_t size = py_len(seq);
    read_barrier(r); // __len__ ran Python code
    int64_t position = r->m_index + 1;
    return int_from_i64(size < position ? 0 : position);
}

// pickle: (type(self), (seq,), index), or (type(self), ((),)) once exhausted.
Value reversed_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* r = self.as<ReversedObject>();
    read_barrier(r);
    Value seq = r->m_seq;
    int64_t index = r->m_index;
    read_validate_barrier(r);
    Value cls(type_of(self));
    if (!seq)
        return tuple_of({ cls, tuple_of({ Value(tuple_empty()) }) });
    return tuple_of({ cls, tuple_of({ seq }), int_from_i64(index) });
}

Value reversed_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    auto* r = self.as<ReversedObject>();
    read_barrier(r);
    Value seq = r->m_seq;
    if (seq) {
        int64_t n = py_len(seq);
        int64_t index = iter_setstate_index(args[0], -1, n - 1);
        write_barrier(r);
        r->m_index = index;
    } else {
        iter_setstate_index(args[0], INT64_MIN, INT64_MAX); // the state is checked all the same
    }
    return none();
}

// --- sequence iterator ---------------------------------------------------------------------------

struct SeqIterObject : Object {
    Value m_seq; // null once exhausted
    int64_t m_index = 0;
    SeqIterObject(Type* t, Value seq) : Object(t), m_seq(seq) { }
};

void seq_iter_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<SeqIterObject*>(o)->m_seq); }

Value seq_iternext(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* it = static_cast<SeqIterObject*>(o);
    if (!it->m_seq)
        return Value();
    try {
        Value item = py_getitem(it->m_seq, int_from_i64(it->m_index));
        write_barrier(o); // __getitem__ may have ended the transaction
        it->m_index++;
        return item;
    } catch (PyError&) {
        if (!exception_matches(&exc::IndexError) && !exception_matches(&exc::StopIteration))
            throw;
        take_exception();
        write_barrier(o);
        it->m_seq = Value();
        return Value();
    }
}

Value seq_iter_length_hint(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    auto* it = self.as<SeqIterObject>();
    read_barrier(it);
    Value seq = it->m_seq;
    if (!seq || !type_of(seq)->special(SP_len))
        return seq ? Value(g_not_implemented) : Value::small_int(0);
    int64_t len = py_len(seq);
    read_barrier(it); // __len__ ran Python code
    int64_t n = len - it->m_index;
    return int_from_i64(n < 0 ? 0 : n);
}

// --- callable iterator ----------------------------------------------------------------------------

struct CallableIterObject : Object {
    Value m_callable; // null once exhausted
    Value m_sentinel;
    CallableIterObject(Type* t, Value c, Value s) : Object(t), m_callable(c), m_sentinel(s) { }
};

void callable_iter_trace(Object* o, gc::Tracer& tr)
{
    auto* it = static_cast<CallableIterObject*>(o);
    tr.visit(it->m_callable);
    tr.visit(it->m_sentinel);
}

Value callable_iternext(Object* o)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* it = static_cast<CallableIterObject*>(o);
    if (!it->m_callable)
        return Value();
    Value r;
    try {
        r = py_call0(it->m_callable);
    } catch (PyError&) {
        if (!exception_matches(&exc::StopIteration))
            throw;
        take_exception();
        write_barrier(o); // the call may have ended the transaction
        it->m_callable = Value();
        it->m_sentinel = Value();
        return Value();
    }
    write_barrier(o);
    if (py_eq(r, it->m_sentinel)) {
        write_barrier(o); // __eq__ ran Python code
        it->m_callable = Value();
        it->m_sentinel = Value();
        return Value();
    }
    return r;
}

// --- pickling ------------------------------------------------------------------------------------

// enumerate: (type(self), (iterator, next index)).
Value enumerate_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* e = self.as<EnumerateObject>();
    read_barrier(e);
    Value it = e->m_iter;
    Value count = e->m_count;
    read_validate_barrier(e);
    return tuple_of({ Value(type_of(self)), tuple_of({ it, count }) });
}

// zip: (type(self), iterators), with True as the state when strict (restored by __setstate__).
Value zip_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* z = self.as<ZipObject>();
    read_barrier(z);
    TupleObject* iters = z->m_iters;
    bool strict = z->m_strict;
    read_validate_barrier(z);
    if (strict)
        return tuple_of({ Value(type_of(self)), Value(iters), py_bool(true) });
    return tuple_of({ Value(type_of(self)), Value(iters) });
}

Value zip_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    bool strict = py_truthy(args[0]);
    auto* z = self.as<ZipObject>();
    write_barrier(z);
    z->m_strict = strict;
    return none();
}

// map: (type(self), (func, *iterators)).
Value map_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* m = self.as<MapObject>();
    read_barrier(m);
    Value func = m->m_func;
    TupleObject* iters = m->m_iters;
    read_validate_barrier(m);
    TupleObject* args = tuple_new(iters->m_size + 1);
    args->items()[0] = func;
    for (int64_t i = 0; i < iters->m_size; i++)
        args->items()[i + 1] = iters->item(i);
    return tuple_of({ Value(type_of(self)), Value(args) });
}

// filter: (type(self), (func, iterator)).
Value filter_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* f = self.as<FilterObject>();
    read_barrier(f);
    Value func = f->m_func;
    Value it = f->m_iter;
    read_validate_barrier(f);
    return tuple_of({ Value(type_of(self)), tuple_of({ func, it }) });
}

// iter(callable, sentinel): (iter, (callable, sentinel)), or (iter, ((),)) once exhausted.
Value callable_iter_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* it = self.as<CallableIterObject>();
    read_barrier(it);
    Value callable = it->m_callable;
    Value sentinel = it->m_sentinel;
    read_validate_barrier(it);
    if (!callable)
        return tuple_of({ builtin_iter_callable(), tuple_of({ Value(tuple_empty()) }) });
    return tuple_of({ builtin_iter_callable(), tuple_of({ callable, sentinel }) });
}

// --- method tables ----------------------------------------------------------------------------------

Value enumerate_class_getitem(Value cls, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__class_getitem__", nargs, kw, 1, 1);
    return generic_alias_new(cls, args[0]); // enumerate[str] (PEP 585)
}

const MethodDef enumerate_methods[] = {
    { "__new__", enumerate_new, METH_STATIC },
    { "__class_getitem__", enumerate_class_getitem, METH_CLASS },
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__reduce__", enumerate_reduce },
    { nullptr, nullptr },
};
const MethodDef zip_methods[] = {
    { "__new__", zip_new, METH_STATIC },
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__reduce__", zip_reduce },
    { "__setstate__", zip_setstate },
    { nullptr, nullptr },
};
const MethodDef map_methods[] = {
    { "__new__", map_new, METH_STATIC },
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__reduce__", map_reduce },
    { nullptr, nullptr },
};
const MethodDef filter_methods[] = {
    { "__new__", filter_new, METH_STATIC },
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__reduce__", filter_reduce },
    { nullptr, nullptr },
};
Value seq_iter_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* it = self.as<SeqIterObject>();
    read_barrier(it);
    Value seq = it->m_seq;
    int64_t index = it->m_index;
    read_validate_barrier(it);
    return iter_reduce(seq, index);
}

Value seq_iter_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    auto* it = self.as<SeqIterObject>();
    int64_t index = iter_setstate_index(args[0], 0, INT64_MAX);
    read_barrier(it);
    if (it->m_seq) {
        write_barrier(it);
        it->m_index = index;
    }
    return none();
}

const MethodDef reversed_methods[] = {
    { "__new__", reversed_tp_new, METH_STATIC },
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", reversed_length_hint },
    { "__reduce__", reversed_reduce },
    { "__setstate__", reversed_setstate },
    { nullptr, nullptr },
};
const MethodDef seq_iter_methods[] = {
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", seq_iter_length_hint },
    { "__reduce__", seq_iter_reduce },
    { "__setstate__", seq_iter_setstate },
    { nullptr, nullptr },
};
const MethodDef callable_iter_methods[] = {
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__reduce__", callable_iter_reduce },
    { nullptr, nullptr },
};

} // namespace

Value seq_iter_new(Value seq)
{
    return gc::make<SeqIterObject>(&seq_iter_type, seq);
}

Value callable_iter_new(Value callable, Value sentinel)
{
    return gc::make<CallableIterObject>(&callable_iter_type, callable, sentinel);
}

Value reversed_new(Value seq)
{
    return make_reversed(&reversed_type, seq);
}

void setup_iter_types()
{
    init_static_type(&enumerate_type, "enumerate", nullptr, sizeof(EnumerateObject), TF_BASETYPE, enumerate_trace);
    init_static_type(&zip_type, "zip", nullptr, sizeof(ZipObject), TF_BASETYPE, zip_trace);
    init_static_type(&map_type, "map", nullptr, sizeof(MapObject), TF_BASETYPE, map_trace);
    init_static_type(&filter_type, "filter", nullptr, sizeof(FilterObject), TF_BASETYPE, filter_trace);
    init_static_type(&reversed_type, "reversed", nullptr, sizeof(ReversedObject), TF_BASETYPE, reversed_trace);
    init_static_type(&seq_iter_type, "iterator", nullptr, sizeof(SeqIterObject), 0, seq_iter_trace);
    init_static_type(&callable_iter_type, "callable_iterator", nullptr, sizeof(CallableIterObject), 0,
        callable_iter_trace);
    enumerate_type.m_iternext = enumerate_iternext;
    zip_type.m_iternext = zip_iternext;
    map_type.m_iternext = map_iternext;
    filter_type.m_iternext = filter_iternext;
    reversed_type.m_iternext = reversed_iternext;
    seq_iter_type.m_iternext = seq_iternext;
    callable_iter_type.m_iternext = callable_iternext;
}

void init_iter_types()
{
    add_methods(&enumerate_type, enumerate_methods);
    add_methods(&zip_type, zip_methods);
    add_methods(&map_type, map_methods);
    add_methods(&filter_type, filter_methods);
    add_methods(&reversed_type, reversed_methods);
    add_methods(&seq_iter_type, seq_iter_methods);
    add_methods(&callable_iter_type, callable_iter_methods);
}

} // namespace pystm
