// The _abc module: CPython's C accelerator of abc.py (ABCMeta's registry, caches and
// isinstance()/issubclass() checks), which abc.py imports in preference to _py_abc.
//
// Being native matters beyond speed: typing's Protocol checks look at the module of the frame
// that called __subclasshook__ (typing._allow_reckless_class_checks), which must be abc's
// ABCMeta.__subclasscheck__, as with CPython, not a frame of _py_abc.
//
// Each ABC keeps an _abc_data object in its _abc_impl attribute: the registry, the positive
// cache and the negative cache, each a set of weak references (null until first needed), and
// the invalidation counter value the negative cache is valid for. A weak reference in one of
// these sets has a callback that removes it from its set when the class dies, as in CPython.
// The global invalidation counter is an int in a one-item list (a GC root), so that its
// updates go through the list's barriers and an aborted attempt's increment is rolled back.
// An _abc_data's own fields (three Values and the counter value) are restored by a byte copy
// (g_plain_undo): without an undo record, the first isinstance() check that filled a cache of
// an ABC made before the transaction would make it inevitable (UNDO-1).
#include "builtins/builtins.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/stdlib_core.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include "objects/type_object.h"
#include "objects/undo.h"

namespace pystm {

Type abc_data_type(&type_type);

namespace {

    struct AbcData : Object {
        Value m_registry; // set of weak references, or null
        Value m_cache;
        Value m_negative_cache;
        int64_t m_negative_cache_version = 0;
        explicit AbcData(Type* t)
            : Object(t)
        {
        }
    };

    void trace_abc_data(Object* o, gc::Tracer& t)
    {
        auto* d = static_cast<AbcData*>(o);
        t.visit(d->m_registry);
        t.visit(d->m_cache);
        t.visit(d->m_negative_cache);
    }

    Value s_counter; // [abc_invalidation_counter], created at start-up

    int64_t invalidation_counter()
    {
        int64_t v = 0;
        int_to_i64(list_get(s_counter.as<ListObject>(), 0), &v);
        return v;
    }

    AbcData* abc_data_new(Type* t)
    {
        auto* d = gc::make<AbcData>(t);
        d->m_negative_cache_version = invalidation_counter();
        return d;
    }

    Value abc_data_new_py(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("_abc_data", nargs - 1, kwnames, 0, 0);
        return Value(abc_data_new(args[0].as<Type>()));
    }

    AbcData* get_impl(Value self)
    {
        Value impl = py_getattr(self, intern("_abc_impl"));
        if (!impl.is_object() || impl.as_object()->m_type != &abc_data_type)
            raise(&exc::TypeError, "_abc_impl is set to a wrong type");
        return impl.as<AbcData>();
    }

    // A weak reference to [obj] for a lookup, or null when [obj] cannot be weakly referenced (then
    // it cannot be in any of the sets).
    Value lookup_ref(Value obj)
    {
        if (!obj.is_object() || !type_supports_weakrefs(type_of(obj)))
            return Value();
        return weakref_new(obj, Value());
    }

    bool in_weak_set(Value set, Value obj)
    {
        if (!set || set_size(set.as<SetObject>()) == 0)
            return false;
        Value ref = lookup_ref(obj);
        return ref && set_contains(set.as<SetObject>(), ref);
    }

    // The callback of the weak references in the sets: removes the dead reference from the set
    // bound as self.
    Value destroy_ref(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("_destroy", nargs, kwnames, 1, 1);
        set_discard(self.as<SetObject>(), args[0]);
        return none();
    }

    MethodDef const s_destroy_def = { "_destroy", destroy_ref };

    enum WeakSetId { REGISTRY, CACHE, NEGATIVE_CACHE };

    Value* weak_set_field(AbcData* d, WeakSetId which)
    {
        switch (which) {
        case REGISTRY:
            return &d->m_registry;
        case CACHE:
            return &d->m_cache;
        default:
            return &d->m_negative_cache;
        }
    }

    Value weak_set(AbcData* d, WeakSetId which)
    {
        read_barrier(d);
        return *weak_set_field(d, which);
    }

    void add_to_weak_set(AbcData* d, WeakSetId which, Value obj)
    {
        Value set = weak_set(d, which);
        if (!set) {
            set = Value(set_new());
            write_barrier(d);
            *weak_set_field(d, which) = set;
        }
        Value cb = Value(builtin_function_new(&s_destroy_def, set));
        set_add(set.as<SetObject>(), weakref_new(obj, cb));
    }

    void clear_weak_set(AbcData* d, WeakSetId which)
    {
        if (Value set = weak_set(d, which))
            py_call_method(set, intern("clear"), nullptr, 0);
    }

    bool is_abstract(Value v)
    {
        Value flag = py_getattr_opt(v, names::__isabstractmethod__);
        return flag && py_truthy(flag);
    }

    // ABCMeta.__abstractmethods__: the names whose value in the class namespace is abstract, and
    // the names of the bases' abstract methods that are still abstract on the class (CPython's
    // compute_abstract_methods).
    void compute_abstract_methods(Value self)
    {
        SetObject* abstracts = set_new(&frozenset_type);
        Value ns = py_getattr(self, names::__dict__);
        ListObject* list = py_list_from_iterable(py_call_method(ns, names::items, nullptr, 0));
        gc::RootedValues pairs;
        list_snapshot(list, pairs);
        for (Value pair : pairs) {
            TupleObject* t = py_tuple_from_iterable(pair);
            if (t->m_size != 2)
                raise(&exc::TypeError, "items() returned item which size is not 2");
            if (is_abstract(t->item(1)))
                set_add(abstracts, t->item(0));
        }
        Value bases = py_getattr(self, names::__bases__);
        if (!is_tuple(bases))
            raise(&exc::TypeError, "__bases__ is not tuple");
        TupleObject* bt = bases.as<TupleObject>();
        for (int64_t i = 0; i < bt->m_size; ++i) {
            Value base_abstracts = py_getattr_opt(bt->item(i), names::__abstractmethods__);
            if (!base_abstracts)
                continue;
            Value it = py_iter(base_abstracts);
            while (Value key = py_next(it)) {
                if (!is_str(key))
                    raise(&exc::TypeError, "attribute name must be string, not '%s'",
                        type_name(key).c_str());
                Value value = py_getattr_opt(self, key.as<StrObject>());
                if (value && is_abstract(value))
                    set_add(abstracts, key);
            }
        }
        py_setattr(self, names::__abstractmethods__, Value(abstracts));
    }

    Value abc_get_cache_token(Value, Value const*, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("get_cache_token", nargs, kwnames, 0, 0);
        return list_get(s_counter.as<ListObject>(), 0);
    }

    Value abc_init(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("_abc_init", nargs, kwnames, 1, 1);
        Value self = args[0];
        compute_abstract_methods(self);
        // __abc_tpflags__ was read and removed when the class was created (type_new).
        py_setattr(self, intern("_abc_impl"), Value(abc_data_new(&abc_data_type)));
        return none();
    }

    // Gives [t] and its subclasses the collection flag [flag] (CPython's
    // set_collection_flag_recursive); builtin types are immutable and keep theirs.
    void set_collection_flag_recursive(Type* t, uint32_t flag)
    {
        if (!t->has_flag(TF_HEAPTYPE) || (t->m_flags & (TF_SEQUENCE | TF_MAPPING)) == flag)
            return;
        write_barrier(t);
        t->m_flags = (t->m_flags & ~uint32_t(TF_SEQUENCE | TF_MAPPING)) | flag;
        Value subclasses = py_call_method(Value(t), intern("__subclasses__"), nullptr, 0);
        gc::RootedValues children;
        list_snapshot(subclasses.as<ListObject>(), children);
        for (Value child : children)
            set_collection_flag_recursive(child.as<Type>(), flag);
    }

    Value abc_register(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("_abc_register", nargs, kwnames, 2, 2);
        Value self = args[0], subclass = args[1];
        if (!is_type(subclass))
            raise(&exc::TypeError, "Can only register classes");
        if (py_issubclass(subclass, self))
            return subclass; // already a subclass
        // Tested after "already a subclass", so that X.register(X) is a no-op.
        if (py_issubclass(self, subclass))
            raise(&exc::RuntimeError, "Refusing to create an inheritance cycle");
        AbcData* impl = get_impl(self);
        add_to_weak_set(impl, REGISTRY, subclass);
        ListObject* counter = s_counter.as<ListObject>();
        list_set(counter, 0, py_binary_op(list_get(counter, 0), Value::small_int(1), NB_ADD));
        if (is_type(self))
            if (uint32_t flag = type_collection_flags(self.as<Type>()))
                set_collection_flag_recursive(subclass.as<Type>(), flag);
        return subclass;
    }

    Value abc_instancecheck(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("_abc_instancecheck", nargs, kwnames, 2, 2);
        Value self = args[0], instance = args[1];
        AbcData* impl = get_impl(self);
        Value subclass = py_getattr(instance, names::__class__);
        if (in_weak_set(weak_set(impl, CACHE), subclass))
            return py_bool(true);
        Value subtype = Value(type_of(instance));
        if (subtype == subclass) {
            read_barrier(impl);
            if (impl->m_negative_cache_version == invalidation_counter()
                && in_weak_set(weak_set(impl, NEGATIVE_CACHE), subclass))
                return py_bool(false);
            // Fall back to the subclass check.
            return py_call_method(self, names::__subclasscheck__, &subclass, 1);
        }
        Value result = py_call_method(self, names::__subclasscheck__, &subclass, 1);
        if (py_truthy(result))
            return result;
        return py_call_method(self, names::__subclasscheck__, &subtype, 1);
    }

    // Step 5 of the subclass check: [subclass] is a registered class or a subclass of one.
    bool subclass_of_registered(AbcData* impl, Value subclass)
    {
        Value registry = weak_set(impl, REGISTRY);
        if (in_weak_set(registry, subclass))
            return true;
        if (!registry || set_size(registry.as<SetObject>()) == 0)
            return false;
        // The callbacks of the weak references may remove entries meanwhile: take a snapshot.
        gc::RootedValues refs;
        int64_t pos = 0;
        Value key;
        while (set_next(registry.as<SetObject>(), &pos, &key))
            refs.push_back(key);
        for (Value ref : refs) {
            Value rkey = py_call0(ref);
            if (is_none(rkey))
                continue;
            if (py_issubclass(subclass, rkey)) {
                add_to_weak_set(impl, CACHE, subclass);
                return true;
            }
        }
        return false;
    }

    Value abc_subclasscheck(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("_abc_subclasscheck", nargs, kwnames, 2, 2);
        Value self = args[0], subclass = args[1];
        if (!is_type(subclass))
            raise(&exc::TypeError, "issubclass() arg 1 must be a class");
        AbcData* impl = get_impl(self);
        // 1. The cache.
        if (in_weak_set(weak_set(impl, CACHE), subclass))
            return py_bool(true);
        // 2. The negative cache, which may have to be invalidated.
        int64_t counter = invalidation_counter();
        read_barrier(impl);
        if (impl->m_negative_cache_version < counter) {
            clear_weak_set(impl, NEGATIVE_CACHE);
            write_barrier(impl);
            impl->m_negative_cache_version = counter;
        } else if (in_weak_set(weak_set(impl, NEGATIVE_CACHE), subclass)) {
            return py_bool(false);
        }
        // 3. The subclass hook.
        Value ok = py_call_method(self, names::__subclasshook__, &subclass, 1);
        if (ok == py_bool(true)) {
            add_to_weak_set(impl, CACHE, subclass);
            return ok;
        }
        if (ok == py_bool(false)) {
            add_to_weak_set(impl, NEGATIVE_CACHE, subclass);
            return ok;
        }
        if (ok != Value(g_not_implemented))
            raise(&exc::AssertionError,
                "__subclasshook__ must return either False, True, or NotImplemented");
        // 4. A direct subclass.
        TupleObject* mro = subclass.as<Type>()->m_mro;
        for (int64_t i = 0; mro && i < mro->m_size; ++i)
            if (mro->item(i) == self) {
                add_to_weak_set(impl, CACHE, subclass);
                return py_bool(true);
            }
        // 5. A subclass of a registered class (recursive).
        if (subclass_of_registered(impl, subclass))
            return py_bool(true);
        // 6. A subclass of a subclass (recursive).
        Value subclasses = py_call_method(self, intern("__subclasses__"), nullptr, 0);
        if (!is_list(subclasses))
            raise(&exc::TypeError, "__subclasses__() must return a list");
        gc::RootedValues scls;
        list_snapshot(subclasses.as<ListObject>(), scls);
        for (Value c : scls)
            if (py_issubclass(subclass, c)) {
                add_to_weak_set(impl, CACHE, subclass);
                return py_bool(true);
            }
        // No dice: update the negative cache.
        add_to_weak_set(impl, NEGATIVE_CACHE, subclass);
        return py_bool(false);
    }

    Value set_copy(Value set)
    {
        SetObject* out = set_new();
        if (!set)
            return Value(out);
        gc::RootedValues keys;
        int64_t pos = 0;
        Value key;
        while (set_next(set.as<SetObject>(), &pos, &key))
            keys.push_back(key);
        for (Value k : keys)
            set_add(out, k);
        return Value(out);
    }

    Value abc_get_dump(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("_get_dump", nargs, kwnames, 1, 1);
        AbcData* impl = get_impl(args[0]);
        Value registry = set_copy(weak_set(impl, REGISTRY));
        Value cache = set_copy(weak_set(impl, CACHE));
        Value negative = set_copy(weak_set(impl, NEGATIVE_CACHE));
        read_barrier(impl);
        return Value(
            tuple_of({ registry, cache, negative, int_from_i64(impl->m_negative_cache_version) }));
    }

    Value abc_reset_registry(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("_reset_registry", nargs, kwnames, 1, 1);
        clear_weak_set(get_impl(args[0]), REGISTRY);
        return none();
    }

    Value abc_reset_caches(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("_reset_caches", nargs, kwnames, 1, 1);
        AbcData* impl = get_impl(args[0]);
        clear_weak_set(impl, CACHE);
        clear_weak_set(impl, NEGATIVE_CACHE);
        return none();
    }

    MethodDef const s_abc_data_methods[] = {
        { "__new__", abc_data_new_py, METH_STATIC },
        { nullptr, nullptr },
    };

    MethodDef const s_abc_methods[] = {
        { "get_cache_token", abc_get_cache_token, METH_DEFAULT,
            "get_cache_token($module, /)\n--\n\nReturns the current ABC cache token.\n\nThe "
            "token is an opaque object (supporting equality testing) identifying the\ncurrent "
            "version of the ABC cache for virtual subclasses. The token changes\nwith every call "
            "to register() on any ABC." },
        { "_abc_init", abc_init },
        { "_abc_register", abc_register },
        { "_abc_instancecheck", abc_instancecheck },
        { "_abc_subclasscheck", abc_subclasscheck },
        { "_get_dump", abc_get_dump },
        { "_reset_registry", abc_reset_registry },
        { "_reset_caches", abc_reset_caches },
        { nullptr, nullptr },
    };

} // namespace

void setup_abc_types()
{
    init_static_type(&abc_data_type, "_abc._abc_data", nullptr, sizeof(AbcData), 0, trace_abc_data);
    abc_data_type.m_doc = "Internal state held by ABC machinery.";
    abc_data_type.m_stm_undo = &g_plain_undo;
}

void init_abc_types()
{
    add_methods(&abc_data_type, s_abc_data_methods);
    ListObject* counter = list_new();
    list_append(counter, Value::small_int(0));
    s_counter = Value(counter);
    gc::add_root(&s_counter);
}

ModuleObject* init_abc_module()
{
    ModuleObject* m = module_new("_abc");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__,
        Value(str_from_ascii("Module contains faster C implementation of abc.ABCMeta")));
    for (MethodDef const* def = s_abc_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    return m;
}

} // namespace pystm
