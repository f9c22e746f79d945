// The _functools module: reduce, cmp_to_key (functools.KeyWrapper), partial
// (functools.partial) and _lru_cache_wrapper (what functools.lru_cache returns), as CPython 3.11.
//
// lru_cache: the cache is a dict whose insertion order is the recency order (a hit moves its
// entry to the end, eviction removes the first). Keys are built as CPython's C version builds
// them (the argument itself for one exact int/str argument, else the flattened arguments,
// keyword mark, keywords and, when typed, the types), and a tuple key is wrapped in a HashedKey
// that remembers its hash, so the arguments' __hash__ runs once per call as in CPython.
//
// Invariants: a partial's func, args (a tuple) and keywords (a dict) are fixed when it is
// created and replaced only by __setstate__ (through write_barrier); the keywords dict is
// never handed out mutable: the `keywords` attribute returns it as CPython does (the same dict).
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/stdlib_core.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include "vm/stm_client.h"
#include "vm/transaction.h"
#include <atomic>
#include <cstddef>

namespace pystm {

Type partial_type { &type_type };
Type lru_type { &type_type };

namespace {

Type keywrapper_type { &type_type };
Type hashedkey_type { &type_type };

struct PartialObject : Object {
    Value m_func;
    TupleObject* m_args;
    DictObject* m_kw;
    DictObject* m_dict = nullptr; // __dict__ (m_dict_offset points here)
    PartialObject(Type* t, Value func, TupleObject* args, DictObject* kw) : Object(t), m_func(func), m_args(args), m_kw(kw) { }
};

struct KeyWrapperObject : Object {
    Value m_cmp;
    Value m_obj; // null for the object cmp_to_key returns (it wraps when called)
    KeyWrapperObject(Type* t, Value cmp, Value obj) : Object(t), m_cmp(cmp), m_obj(obj) { }
};

struct LruObject : Object {
    Value m_func;
    Value m_cache_info_type;
    DictObject* m_cache;
    int64_t m_maxsize; // -1: unbounded
    bool m_typed;
    // LRU-1: cache_info()'s counts are statistics outside the STM (principle 6): a call adds to
    // them when its transaction commits (vm::stm_add_on_commit), so threads calling one cached
    // function do not conflict over them, and the counts stay exact (an aborted attempt adds
    // nothing). They are not isolated: cache_info() inside a transaction also sees the calls
    // that other threads committed meanwhile. No undo record covers them: only cache_clear()
    // writes them in place, and it runs inevitably.
    std::atomic<int64_t> m_hits { 0 }, m_misses { 0 };
    DictObject* m_dict = nullptr; // __dict__ (update_wrapper's attributes)
    LruObject(Type* t, Value func, Value info, int64_t maxsize, bool typed)
        : Object(t), m_func(func), m_cache_info_type(info), m_cache(nullptr), m_maxsize(maxsize), m_typed(typed) { }
};

struct HashedKeyObject : Object {
    TupleObject* m_key;
    int64_t m_hash;
    HashedKeyObject(Type* t, TupleObject* key, int64_t hash) : Object(t), m_key(key), m_hash(hash) { }
};

void trace_lru(Object* o, gc::Tracer& t)
{
    auto* l = static_cast<LruObject*>(o);
    t.visit(l->m_func);
    t.visit(l->m_cache_info_type);
    t.visit(l->m_cache);
}

void trace_hashedkey(Object* o, gc::Tracer& t) { t.visit(static_cast<HashedKeyObject*>(o)->m_key); }

void trace_partial(Object* o, gc::Tracer& t)
{
    auto* p = static_cast<PartialObject*>(o);
    t.visit(p->m_func);
    t.visit(p->m_args);
    t.visit(p->m_kw);
}

void trace_keywrapper(Object* o, gc::Tracer& t)
{
    auto* k = static_cast<KeyWrapperObject*>(o);
    t.visit(k->m_cmp);
    t.visit(k->m_obj);
}

// --- reduce ----------------------------------------------------------------------------------------

Value ft_reduce(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "reduce() takes no keyword arguments");
    if (nargs < 2 || nargs > 3)
        raise(&exc::TypeError, "reduce expected at %s %d arguments, got %zu", nargs < 2 ? "least" : "most", nargs < 2 ? 2 : 3, nargs);
    Value it;
    try {
        it = py_iter(args[1]);
    } catch (PyError&) {
        if (!exception_matches(&exc::TypeError))
            throw;
        take_exception();
        raise(&exc::TypeError, "reduce() arg 2 must support iteration");
    }
    Value acc = nargs == 3 ? args[2] : Value();
    while (Value item = py_next(it)) {
        if (!acc) {
            acc = item;
            continue;
        }
        Value argv[2] = { acc, item };
        acc = py_call(args[0], argv, 2);
    }
    if (!acc)
        raise(&exc::TypeError, "reduce() of empty iterable with no initial value");
    return acc;
}

// --- cmp_to_key ------------------------------------------------------------------------------------

Value kw_call(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("K", args, nargs, kw, { "obj" }, 1, a);
    auto* k = self.as<KeyWrapperObject>();
    return gc::make<KeyWrapperObject>(&keywrapper_type, k->m_cmp, a[0]);
}

Value kw_compare(Value self, Value other, CompareOp op)
{
    if (type_of(other) != &keywrapper_type)
        raise(&exc::TypeError, "other argument must be K instance");
    auto* a = self.as<KeyWrapperObject>();
    auto* b = other.as<KeyWrapperObject>();
    if (!a->m_obj || !b->m_obj)
        raise(&exc::AttributeError, "object");
    Value argv[2] = { a->m_obj, b->m_obj };
    Value r = py_call(a->m_cmp, argv, 2);
    return py_richcompare(r, Value::small_int(0), op);
}

#define KW_CMP(NAME, OP)                                                               \
    Value kw_##NAME(Value self, Value const* args, size_t nargs, TupleObject* kw)     \
    {                                                                                  \
        check_nargs("__" #NAME "__", nargs, kw, 1, 1);                                 \
        return kw_compare(self, args[0], OP);                                          \
    }
KW_CMP(lt, CMP_LT)
KW_CMP(le, CMP_LE)
KW_CMP(eq, CMP_EQ)
KW_CMP(ne, CMP_NE)
KW_CMP(gt, CMP_GT)
KW_CMP(ge, CMP_GE)
#undef KW_CMP

Value kw_obj(Value self)
{
    Value o = self.as<KeyWrapperObject>()->m_obj;
    if (!o)
        raise(&exc::AttributeError, "obj");
    return o;
}

Value ft_cmp_to_key(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("cmp_to_key", args, nargs, kw, { "mycmp" }, 1, a);
    return gc::make<KeyWrapperObject>(&keywrapper_type, a[0], Value());
}

// --- partial ---------------------------------------------------------------------------------------

PartialObject* as_partial(Value v)
{
    if (!v.is_object() || !v.as_object()->m_type->is_subtype(&partial_type))
        raise(&exc::TypeError, "descriptor requires a 'functools.partial' object but received a '%s'", type_name(v).c_str());
    return v.as<PartialObject>();
}

Value partial_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1 || !is_type(args[0]) || !args[0].as<Type>()->is_subtype(&partial_type))
        raise(&exc::TypeError, "partial.__new__(X): X is not a subtype of functools.partial");
    Type* cls = args[0].as<Type>();
    if (nargs < 2)
        raise(&exc::TypeError, "type 'partial' takes at least one argument");
    Value func = args[1];
    if (!py_callable(func))
        raise(&exc::TypeError, "the first argument must be callable");
    TupleObject* pargs = nullptr;
    DictObject* pkw = nullptr;
    // Flatten a partial of a partial (one that uses partial's own __call__ and has no __dict__).
    if (func.is_object() && func.as_object()->m_type->is_subtype(&partial_type)
        && type_lookup(type_of(func), names::__call__) == type_lookup(&partial_type, names::__call__)) {
        auto* inner = func.as<PartialObject>();
        read_barrier(inner);
        DictObject* d = inner->m_dict;
        if (!d || dict_size(d) == 0) {
            pargs = inner->m_args;
            pkw = inner->m_kw;
            func = inner->m_func;
        }
    }
    size_t extra = nargs - 2;
    int64_t base = pargs ? pargs->m_size : 0;
    TupleObject* all = tuple_new(base + static_cast<int64_t>(extra));
    for (int64_t i = 0; i < base; i++)
        all->items()[i] = pargs->item(i);
    for (size_t i = 0; i < extra; i++)
        all->items()[base + static_cast<int64_t>(i)] = args[2 + i];
    DictObject* kwd = pkw ? dict_copy(pkw) : dict_new();
    if (kw)
        for (int64_t i = 0; i < kw->m_size; i++)
            dict_set(kwd, kw->item(i), args[nargs + static_cast<size_t>(i)]);
    return gc::make<PartialObject>(cls, func, all, kwd);
}

Value partial_call(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    PartialObject* p = as_partial(self);
    read_barrier(p);
    Value func = p->m_func;
    TupleObject* pargs = p->m_args;
    DictObject* pkw = p->m_kw;
    int64_t np = pargs->m_size;
    if (dict_size(pkw) == 0) {
        if (np == 0)
            return py_call(func, args, nargs, kw);
        size_t nkw = kw ? static_cast<size_t>(kw->m_size) : 0;
        gc::RootedValues argv;
        for (int64_t i = 0; i < np; i++)
            argv.push_back(pargs->item(i));
        for (size_t i = 0; i < nargs + nkw; i++)
            argv.push_back(args[i]);
        return py_call(func, argv.data(), static_cast<size_t>(np) + nargs, kw);
    }
    TupleObject* all = tuple_new(np + static_cast<int64_t>(nargs));
    for (int64_t i = 0; i < np; i++)
        all->items()[i] = pargs->item(i);
    for (size_t i = 0; i < nargs; i++)
        all->items()[np + static_cast<int64_t>(i)] = args[i];
    DictObject* d = dict_copy(pkw);
    if (kw)
        for (int64_t i = 0; i < kw->m_size; i++)
            dict_set(d, kw->item(i), args[nargs + static_cast<size_t>(i)]);
    return py_call_ex(func, all, d);
}

Value partial_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    PartialObject* p = as_partial(self);
    // A partial reachable from its own arguments prints as "..." there (CPython's Py_ReprEnter).
    ReprGuard guard(p);
    if (!guard.active())
        return str_from_ascii("...");
    read_barrier(p);
    Type* t = type_of(self);
    std::string s = (t->has_flag(TF_HEAPTYPE) ? str_utf8(t->m_name) : std::string(t->m_tp_name)) + "(" + repr_utf8(p->m_func);
    for (int64_t i = 0; i < p->m_args->m_size; i++)
        s += ", " + repr_utf8(p->m_args->item(i));
    int64_t pos = 0;
    Value k, v;
    while (dict_next(p->m_kw, &pos, &k, &v))
        s += ", " + str_utf8(py_str(k)) + "=" + repr_utf8(v);
    return str_from_utf8(s + ")");
}

Value partial_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    PartialObject* p = as_partial(self);
    read_barrier(p);
    Value kwv = dict_size(p->m_kw) ? Value(p->m_kw) : none();
    Value dv = p->m_dict && dict_size(p->m_dict) ? Value(p->m_dict) : none();
    return tuple_of({ Value(type_of(self)), Value(tuple_of({ p->m_func })), Value(tuple_of({ p->m_func, Value(p->m_args), kwv, dv })) });
}

Value partial_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    PartialObject* p = as_partial(self);
    Value state = args[0];
    if (!is_tuple(state))
        raise(&exc::TypeError, "argument to __setstate__ must be a tuple");
    TupleObject* t = state.as<TupleObject>();
    if (t->m_size != 4)
        raise(&exc::TypeError, "expected 4 items in state, got %lld", static_cast<long long>(t->m_size));
    Value fn = t->item(0), fnargs = t->item(1), kwds = t->item(2), dict = t->item(3);
    if (!py_callable(fn) || !is_tuple(fnargs) || (!is_none(kwds) && !is_dict(kwds)))
        raise(&exc::TypeError, "invalid partial state");
    TupleObject* a = type_of(fnargs) == &tuple_type ? fnargs.as<TupleObject>() : py_tuple_from_iterable(fnargs);
    DictObject* k = is_none(kwds) ? dict_new() : (type_of(kwds) == &dict_type ? kwds.as<DictObject>() : dict_copy(kwds.as<DictObject>()));
    write_barrier(p);
    p->m_func = fn;
    p->m_args = a;
    p->m_kw = k;
    if (is_none(dict))
        p->m_dict = nullptr;
    else if (is_dict(dict))
        p->m_dict = dict.as<DictObject>();
    else
        raise(&exc::TypeError, "invalid partial state");
    return none();
}

Value partial_class_getitem(Value cls, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__class_getitem__", nargs, kw, 1, 1);
    return generic_alias_new(cls, args[0]);
}

Value partial_func(Value self)
{
    PartialObject* p = as_partial(self);
    read_barrier(p);
    return p->m_func;
}
Value partial_args(Value self)
{
    PartialObject* p = as_partial(self);
    read_barrier(p);
    return p->m_args;
}
Value partial_keywords(Value self)
{
    PartialObject* p = as_partial(self);
    read_barrier(p);
    return p->m_kw;
}
Value partial_dict(Value self) { return Value(instance_dict(self, true)); }

// The __dict__ setter of partial and _lru_cache_wrapper (CPython's PyObject_GenericSetDict).
void set_instance_dict(Value self, Value v)
{
    if (!v)
        raise(&exc::TypeError, "cannot delete __dict__");
    if (!is_dict(v))
        raise(&exc::TypeError, "__dict__ must be set to a dictionary, not a '%s'",
            type_name(v).c_str());
    DictObject** slot = instance_dict_slot(self.as_object());
    write_barrier(self.as_object());
    *slot = v.as<DictObject>();
}

// --- _lru_cache_wrapper ----------------------------------------------------------------------------

Value s_kwd_mark; // separates positional from keyword arguments in keys

Value hk_hash(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__hash__", nargs, kw, 0, 0);
    return int_from_i64(self.as<HashedKeyObject>()->m_hash);
}

Value hk_eq(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__eq__", nargs, kw, 1, 1);
    Value other = args[0];
    if (type_of(other) == &hashedkey_type)
        other = other.as<HashedKeyObject>()->m_key;
    return py_richcompare(self.as<HashedKeyObject>()->m_key, other, CMP_EQ);
}

LruObject* as_lru(Value v)
{
    if (!v.is_object() || !v.as_object()->m_type->is_subtype(&lru_type))
        raise(&exc::TypeError, "descriptor requires a 'functools._lru_cache_wrapper' object but received a '%s'", type_name(v).c_str());
    return v.as<LruObject>();
}

Value lru_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1 || !is_type(args[0]) || !args[0].as<Type>()->is_subtype(&lru_type))
        raise(&exc::TypeError, "_lru_cache_wrapper.__new__(X): X is not a subtype of functools._lru_cache_wrapper");
    Value a[4];
    parse_args("lru_cache", args + 1, nargs - 1, kw, { "user_function", "maxsize", "typed", "cache_info_type" }, 4, a);
    if (!py_callable(a[0]))
        raise(&exc::TypeError, "the first argument must be callable");
    int64_t maxsize;
    if (is_none(a[1]))
        maxsize = -1;
    else if (type_of(a[1])->has_flag(TF_INT_SUBCLASS)) {
        maxsize = py_index_i64(a[1]);
        if (maxsize < 0)
            maxsize = 0;
    } else
        raise(&exc::TypeError, "maxsize should be integer or None");
    auto* l = gc::make<LruObject>(args[0].as<Type>(), a[0], a[3], maxsize, py_truthy(a[2]));
    l->m_cache = dict_new();
    return l;
}

Value make_key(LruObject* l, Value const* args, size_t nargs, TupleObject* kw)
{
    size_t nkw = kw ? static_cast<size_t>(kw->m_size) : 0;
    if (!l->m_typed && nkw == 0 && nargs == 1 && (type_of(args[0]) == &int_type || type_of(args[0]) == &str_type))
        return args[0];
    size_t n = nargs + (nkw ? 1 + 2 * nkw : 0) + (l->m_typed ? nargs + nkw : 0);
    TupleObject* t = tuple_new(static_cast<int64_t>(n));
    size_t k = 0;
    for (size_t i = 0; i < nargs; i++)
        t->items()[k++] = args[i];
    if (nkw) {
        t->items()[k++] = s_kwd_mark;
        for (size_t i = 0; i < nkw; i++) {
            t->items()[k++] = kw->item(static_cast<int64_t>(i));
            t->items()[k++] = args[nargs + i];
        }
    }
    if (l->m_typed) {
        for (size_t i = 0; i < nargs; i++)
            t->items()[k++] = Value(type_of(args[i]));
        for (size_t i = 0; i < nkw; i++)
            t->items()[k++] = Value(type_of(args[nargs + i]));
    }
    return gc::make<HashedKeyObject>(&hashedkey_type, t, py_hash(t));
}

Value lru_call(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    LruObject* l = as_lru(self);
    read_barrier(l);
    if (l->m_maxsize == 0) {
        vm::stm_add_on_commit(l, &l->m_misses, 1); // LRU-1
        return py_call(l->m_func, args, nargs, kw);
    }
    Value key = make_key(l, args, nargs, kw);
    DictObject* cache = l->m_cache;
    if (Value hit = dict_get(cache, key)) {
        if (l->m_maxsize > 0) {
            // Most recently used goes last.
            dict_pop(cache, key);
            dict_set(cache, key, hit);
        }
        vm::stm_add_on_commit(l, &l->m_hits, 1); // LRU-1
        return hit;
    }
    vm::stm_add_on_commit(l, &l->m_misses, 1);
    Value result = py_call(l->m_func, args, nargs, kw);
    read_barrier(l);
    cache = l->m_cache; // cache_clear() may have run meanwhile
    if (l->m_maxsize > 0) {
        if (dict_get(cache, key))
            return result; // a recursive call cached it already
        while (dict_size(cache) >= l->m_maxsize) {
            int64_t pos = 0;
            Value oldk, oldv;
            if (!dict_next(cache, &pos, &oldk, &oldv))
                break;
            dict_pop(cache, oldk);
        }
    }
    dict_set(cache, key, result);
    return result;
}

Value lru_cache_info(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("cache_info", nargs, kw, 0, 0);
    LruObject* l = as_lru(self);
    read_barrier(l);
    // LRU-1: the committed counts, and what this thread's running attempt added.
    int64_t hits = l->m_hits.load(std::memory_order_relaxed) + vm::stm_pending_add(&l->m_hits);
    int64_t misses
        = l->m_misses.load(std::memory_order_relaxed) + vm::stm_pending_add(&l->m_misses);
    Value argv[4] = { int_from_i64(hits), int_from_i64(misses),
        l->m_maxsize < 0 ? none() : int_from_i64(l->m_maxsize),
        Value::small_int(dict_size(l->m_cache)) };
    return py_call(l->m_cache_info_type, argv, 4);
}

Value lru_cache_clear(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("cache_clear", nargs, kw, 0, 0);
    LruObject* l = as_lru(self);
    // LRU-1: the counts are reset in place, which an abort could not undo; the calls of this
    // attempt that counted before it are applied first (becoming inevitable settles them).
    vm::transaction_irreversible();
    DictObject* fresh = dict_new();
    write_barrier(l);
    l->m_cache = fresh;
    l->m_hits.store(0, std::memory_order_relaxed);
    l->m_misses.store(0, std::memory_order_relaxed);
    return none();
}

Value lru_get(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__get__", nargs, kw, 1, 2);
    if (is_none(args[0]))
        return self;
    return method_new(self, args[0]);
}

Value lru_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    return py_getattr(self, names::__qualname__);
}

Value lru_copy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__copy__", nargs, kw, 0, 0);
    return self;
}

Value lru_deepcopy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__deepcopy__", nargs, kw, 1, 1);
    return self;
}

Value lru_dict(Value self) { return Value(instance_dict(self, true)); }

MethodDef const lru_methods[] = {
    { "__new__", lru_new, METH_STATIC },
    { "__call__", lru_call },
    { "cache_info", lru_cache_info, METH_DEFAULT, "Report cache statistics" },
    { "cache_clear", lru_cache_clear, METH_DEFAULT, "Clear the cache and cache statistics" },
    { "__get__", lru_get },
    { "__reduce__", lru_reduce },
    { "__copy__", lru_copy },
    { "__deepcopy__", lru_deepcopy },
    { nullptr, nullptr },
};

MethodDef const hashedkey_methods[] = {
    { "__hash__", hk_hash },
    { "__eq__", hk_eq },
    { nullptr, nullptr },
};

MethodDef const partial_methods[] = {
    { "__new__", partial_new, METH_STATIC },
    { "__call__", partial_call },
    { "__repr__", partial_repr },
    { "__reduce__", partial_reduce },
    { "__setstate__", partial_setstate },
    { "__class_getitem__", partial_class_getitem, METH_CLASS },
    { nullptr, nullptr },
};

MethodDef const keywrapper_methods[] = {
    { "__call__", kw_call },
    { "__lt__", kw_lt },
    { "__le__", kw_le },
    { "__eq__", kw_eq },
    { "__ne__", kw_ne },
    { "__gt__", kw_gt },
    { "__ge__", kw_ge },
    { nullptr, nullptr },
};

MethodDef const module_methods[] = {
    { "reduce", ft_reduce, METH_DEFAULT,
        "reduce(function, iterable[, initial]) -> value\n\nApply a function of two arguments cumulatively to the items of a sequence\nor iterable, from left to right, so as to reduce the iterable to a single\nvalue.  For example, reduce(lambda x, y: x+y, [1, 2, 3, 4, 5]) calculates\n((((1+2)+3)+4)+5).  If initial is present, it is placed before the items\nof the iterable in the calculation, and serves as a default when the\niterable is empty." },
    { "cmp_to_key", ft_cmp_to_key, METH_DEFAULT, "Convert a cmp= function into a key= function." },
    { nullptr, nullptr },
};

} // namespace

void setup_functools_types()
{
    init_static_type(&partial_type, "functools.partial", nullptr, sizeof(PartialObject), TF_BASETYPE, trace_partial);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
    partial_type.m_dict_offset = offsetof(PartialObject, m_dict);
#pragma GCC diagnostic pop
    partial_type.m_doc = "partial(func, *args, **keywords) - new function with partial application\n    of the given arguments and keywords.\n";
    init_static_type(&keywrapper_type, "functools.KeyWrapper", nullptr, sizeof(KeyWrapperObject), 0, trace_keywrapper);
    init_static_type(&lru_type, "functools._lru_cache_wrapper", nullptr, sizeof(LruObject), TF_BASETYPE, trace_lru);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
    lru_type.m_dict_offset = offsetof(LruObject, m_dict);
#pragma GCC diagnostic pop
    init_static_type(&hashedkey_type, "functools._HashedKey", nullptr, sizeof(HashedKeyObject), 0, trace_hashedkey);
    // Plain fields (the cache is a dict with its own record; the counts are outside the STM,
    // LRU-1): a write keeps an undo record instead of making its transaction inevitable (UNDO-1).
    lru_type.m_stm_undo = &g_plain_undo;
}

void init_functools_types()
{
    add_methods(&partial_type, partial_methods);
    add_getset(&partial_type, "func", partial_func, nullptr, "function object to use in future partial calls");
    add_getset(&partial_type, "args", partial_args, nullptr, "tuple of arguments to future partial calls");
    add_getset(&partial_type, "keywords", partial_keywords, nullptr, "dictionary of keyword arguments to future partial calls");
    add_getset(&partial_type, "__dict__", partial_dict, set_instance_dict);
    add_methods(&keywrapper_type, keywrapper_methods);
    add_getset(&keywrapper_type, "obj", kw_obj);
    add_type_attr(&keywrapper_type, "__hash__", none());
    add_methods(&lru_type, lru_methods);
    add_getset(&lru_type, "__dict__", lru_dict, set_instance_dict);
    add_methods(&hashedkey_type, hashedkey_methods);
    s_kwd_mark = Value(gc::make<Object>(&object_type));
    gc::add_root(&s_kwd_mark);
}

ModuleObject* init_functools_module()
{
    ModuleObject* m = module_new("_functools");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, str_from_ascii("Tools that operate on functions."));
    for (MethodDef const* def = module_methods; def->name; def++)
        dict_set_cstr(d, def->name, builtin_function_new(def, m));
    dict_set_cstr(d, "partial", &partial_type);
    dict_set_cstr(d, "_lru_cache_wrapper", &lru_type);
    return m;
}

} // namespace pystm
