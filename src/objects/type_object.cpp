// type and object: static type set-up (init_static_type / finish_static_types), the
// special-method cache, subtype tests, the singletons None / NotImplemented / Ellipsis, the
// methods of object (__new__, __init__, __repr__, __eq__, __hash__, __class__, ...) and the
// call / attribute protocol of type (type.__call__, __getattribute__, __setattr__).
// Class creation, MRO and type's other attributes live in type_new.cpp.
//
// Invariant TYPE-1: a type's special cache (m_special) reflects its MRO's dicts as of
// m_cache_epoch; every change of a dunder on any class bumps g_type_epoch (type_setattr) so no
// stale entry is ever used. Static types are registered in s_static_types in set-up order, which
// puts every base before its subclasses.
// Invariant TYPE-2: the __subclasses__ registry holds no references: a heap type removes itself
// when it is swept (type_destroy), so the registry never names a freed type.
// Invariant TYPE-3: the type attribute cache (type_lookup) answers only while no dict of the
// type's MRO changed since the entry was filled (see "the type attribute cache" below).
// Invariant TYPE-4: a transaction that answers a lookup from the cache has still read every dict
// of the MRO transactionally, as the lookup itself would: the cache saves the search, not the
// read. Type dicts are read-mostly for good (STM-7; the client keeps them from demotion), so
// once the attempt has noted a read-mostly read the epoch check covers them all; until then the
// hit takes the read barriers.
#include "gc/heap.h"
#include "gc/weak_slots.h"
#include "modules/stdlib_core.h"
#include "objects/access.h"
#include "objects/bootstrap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include "vm/interpreter.h"
#include "vm/transaction.h"
#include <algorithm>
#include <cinttypes>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace pystm {

Type type_type(&type_type);
Type object_type(&type_type);
Type none_type(&type_type);
Type not_implemented_type(&type_type);
Type ellipsis_type(&type_type);
extern Type memoryview_type; // modules/io_memoryview.cpp

namespace {
Object s_none_obj(&none_type);
Object s_not_implemented_obj(&not_implemented_type);
Object s_ellipsis_obj(&ellipsis_type);
} // namespace

Object* const g_none = &s_none_obj;
Object* const g_not_implemented = &s_not_implemented_obj;
Object* const g_ellipsis = &s_ellipsis_obj;

std::atomic<uint64_t> g_type_epoch { 1 };

void type_dict_changed();
void bump_type_epoch()
{
    g_type_epoch.fetch_add(1, std::memory_order_acq_rel);
    type_dict_changed();
}

Value g_object_getattribute;
Value g_object_setattr;
Value g_object_delattr;
Value g_object_new;
Value g_object_init;
Value g_object_hash;
Value g_object_repr;
Value g_type_getattribute;
Value g_type_setattr;
Value g_type_call;

namespace {

std::vector<Type*> s_static_types;
StrObject* s_special_names[SP_COUNT];
char const* const s_special_texts[SP_COUNT] = {
#define SPECIAL(name) "__" #name "__",
#include "objects/special_methods.def"
#undef SPECIAL
};

std::mutex s_subclass_mutex;
std::unordered_map<Type*, std::vector<Type*>> s_subclasses;

Value lookup_in_dicts(Type const* t, StrObject* name)
{
    if (t->m_mro) {
        TupleObject* mro = t->m_mro;
        for (int64_t i = 0; i < mro->m_size; ++i) {
            Type* b = mro->item(i).as<Type>();
            if (b->m_dict) {
                Value v = dict_get_str(b->m_dict, name);
                if (v)
                    return v;
            }
        }
        return Value();
    }
    for (Type const* b = t; b; b = b->m_base) {
        if (b->m_dict) {
            Value v = dict_get_str(b->m_dict, name);
            if (v)
                return v;
        }
    }
    return Value();
}

} // namespace

// --- Type members ----------------------------------------------------------------------------

void Type::refresh_special_cache()
{
    uint64_t epoch = g_type_epoch.load(std::memory_order_acquire);
    if (!s_special_names[0]) {
        for (int i = 0; i < SP_COUNT; ++i)
            s_special_names[i] = intern(s_special_texts[i]);
    }
    for (int i = 0; i < SP_COUNT; ++i)
        m_special[i] = lookup_in_dicts(this, s_special_names[i]);
    m_cache_epoch = epoch;
}

bool Type::is_subtype(Type const* other) const
{
    if (this == other)
        return true;
    if (m_mro) {
        TupleObject* mro = m_mro;
        for (int64_t i = 0; i < mro->m_size; ++i)
            if (mro->item(i).as_object() == other)
                return true;
        return false;
    }
    for (Type const* b = m_base; b; b = b->m_base)
        if (b == other)
            return true;
    return other == &object_type;
}

std::string Type::name_str() const
{
    if (!has_flag(TF_HEAPTYPE) && m_tp_name)
        return m_tp_name;
    if (m_name)
        return str_utf8(m_name);
    return m_tp_name ? m_tp_name : "?";
}

// --- the type attribute cache ----------------------------------------------------------------
//
// type_lookup() answers from a per-thread, direct-mapped cache keyed by (type, MRO tuple, name)
// and validated by g_type_attr_epoch (invariant TYPE-3: an entry is used only while no dict
// of the type's MRO has changed since it was filled). Filling an entry marks every dict of the
// MRO as a type dict (TYPE_DICT_MARK in the dict's otherwise unused m_hash header word); the
// dict mutators (dict_object.cpp) bump the epoch when they change a marked dict, as do
// bump_type_epoch() and the sweeping of a type (whose address may be reused). Only interned
// names are cached, since interned strings are immortal and so never change identity.
// The cache is interpreter metadata, never transactional state: it is thread-local and holds
// no references (an entry's value is reachable from the type's dicts while the entry is valid).

std::atomic<uint64_t> g_type_attr_epoch { 1 };

void dict_mark_type_dict(DictObject* d); // dict_object.cpp: mutations of [d] call type_dict_changed()

void type_dict_changed() { g_type_attr_epoch.fetch_add(1, std::memory_order_relaxed); }

namespace {

struct AttrCacheEntry {
    Type const* type;
    TupleObject const* mro;
    StrObject const* name;
    uint64_t epoch;
    Value value;
};
constexpr size_t ATTR_CACHE_SIZE = 4096;
thread_local AttrCacheEntry t_attr_cache[ATTR_CACHE_SIZE];

inline size_t attr_cache_index(Type const* t, StrObject const* name)
{
    uint64_t a = reinterpret_cast<uintptr_t>(t);
    uint64_t b = reinterpret_cast<uintptr_t>(name);
    return static_cast<size_t>(((a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full)) >> 52) & (ATTR_CACHE_SIZE - 1);
}

__attribute__((noinline)) Value type_lookup_fill(Type* t, StrObject* name, AttrCacheEntry& e)
{
    TupleObject* mro = t->m_mro;
    uint64_t epoch = g_type_attr_epoch.load(std::memory_order_relaxed);
    Value v = lookup_in_dicts(t, name);
    if (!mro || !name->m_interned)
        return v;
    for (int64_t i = 0; i < mro->m_size; ++i) {
        Type* b = mro->item(i).as<Type>();
        if (b->m_dict)
            dict_mark_type_dict(b->m_dict);
    }
    // A lookup that ran Python code (a str subclass key's __eq__) may have changed a dict.
    if (g_type_attr_epoch.load(std::memory_order_relaxed) != epoch)
        return v;
    e = AttrCacheEntry { t, mro, name, epoch, v };
    return v;
}

} // namespace

namespace {

// TYPE-4: the reads of a lookup answered from the cache.
__attribute__((noinline)) void read_mro_dicts(TupleObject const* mro)
{
    for (int64_t i = 0; i < mro->m_size; ++i)
        if (DictObject* d = mro->item(i).as<Type>()->m_dict)
            read_barrier(d);
}

} // namespace

Value type_lookup(Type* t, StrObject* name)
{
    AttrCacheEntry& e = t_attr_cache[attr_cache_index(t, name)];
    if (PY_LIKELY(e.type == t && e.name == name && e.mro == t->m_mro
            && e.epoch == g_type_attr_epoch.load(std::memory_order_relaxed))) {
        // Once the attempt has read a read-mostly object, the epoch check covers every type
        // dict (STM-7, never demoted): nothing more to do. Before that, and in the inevitable
        // transaction (which has no inline filter), the barriers themselves.
        if (PY_UNLIKELY(g_stm_active) && !stm::t_read_rm)
            read_mro_dicts(e.mro);
        return e.value;
    }
    return type_lookup_fill(t, name, e);
}

// --- static types ----------------------------------------------------------------------------

void init_static_type(Type* t, char const* name, Type* base, size_t layout_size, uint32_t flags,
    TraceFn trace, DestroyFn destroy)
{
    t->m_type = &type_type;
    t->m_tp_name = name;
    if (!base && t != &object_type)
        base = &object_type;
    t->m_base = base;
    uint32_t inherited = 0;
    if (base) {
        inherited = base->m_flags & (TF_SUBCLASS_FLAGS | TF_IMMUTABLE);
        if (!trace)
            trace = base->m_trace;
        if (!destroy && layout_size == base->m_layout_size)
            destroy = base->m_destroy;
        t->m_iternext = base->m_iternext;
        t->m_dict_offset = base->m_dict_offset;
    }
    t->m_flags = flags | inherited;
    t->m_layout_size = static_cast<uint32_t>(layout_size);
    t->m_instance_size = static_cast<uint32_t>(layout_size);
    t->m_trace = trace;
    t->m_destroy = destroy;
    t->m_cache_epoch = 0;
    gc::register_permanent(t);
    s_static_types.push_back(t);
}

std::vector<Type*> const& static_types() { return s_static_types; }

void finish_static_types()
{
    for (Type* t : s_static_types) {
        std::string_view full(t->m_tp_name);
        size_t dot = full.rfind('.');
        std::string_view shortname = dot == std::string_view::npos ? full : full.substr(dot + 1);
        t->m_name = intern(shortname);
        t->m_qualname = t->m_name;
        t->m_module = intern(dot == std::string_view::npos ? std::string_view("builtins") : full.substr(0, dot));
        if (!t->m_dict)
            t->m_dict = dict_new();
        Type* base = t->m_base;
        if (base) {
            if (!t->m_dict_offset)
                t->m_dict_offset = base->m_dict_offset;
            if (!t->m_iternext)
                t->m_iternext = base->m_iternext;
            if (!t->m_trace)
                t->m_trace = base->m_trace;
        }
        t->m_bases = base ? tuple_of({ Value(base) }) : tuple_empty();
        int64_t depth = 0;
        for (Type* b = t; b; b = b->m_base)
            ++depth;
        TupleObject* mro = tuple_new(depth);
        int64_t i = 0;
        for (Type* b = t; b; b = b->m_base)
            mro->items()[i++] = Value(b);
        t->m_mro = mro;
        if (!dict_get_cstr(t->m_dict, "__doc__"))
            dict_set_cstr(t->m_dict, "__doc__", t->m_doc ? Value(str_from_utf8(t->m_doc)) : none());
    }
    bump_type_epoch();
}

Object* object_alloc(Type* t)
{
    size_t size = t->m_instance_size > sizeof(Object) ? t->m_instance_size : sizeof(Object);
    return gc::allocate(t, size);
}

// --- naming ----------------------------------------------------------------------------------

Value type_module(Type* t)
{
    if (t->has_flag(TF_HEAPTYPE)) {
        Value m = dict_get_str(t->m_dict, names::__module__);
        return m ? m : none();
    }
    return t->m_module ? Value(t->m_module) : Value(str_from_ascii("builtins"));
}

std::string type_qualified_name(Type* t)
{
    Value mod = type_module(t);
    std::string q = t->m_qualname ? str_utf8(t->m_qualname) : t->name_str();
    if (is_str(mod)) {
        std::string m = str_utf8(mod);
        if (m != "builtins")
            return m + "." + q;
    }
    return q;
}

// --- subclass registry -----------------------------------------------------------------------

void type_add_subclass(Type* base, Type* sub)
{
    // The registry is C++ state that an abort would not undo: a class created by an aborted
    // attempt would stay listed by __subclasses__() (next to the one the re-run creates).
    vm::transaction_irreversible();
    std::lock_guard lock(s_subclass_mutex);
    s_subclasses[base].push_back(sub);
}

void type_remove_subclass(Type* base, Type* sub)
{
    vm::transaction_irreversible(); // as type_add_subclass
    std::lock_guard lock(s_subclass_mutex);
    auto it = s_subclasses.find(base);
    if (it != s_subclasses.end())
        it->second.erase(std::remove(it->second.begin(), it->second.end(), sub), it->second.end());
}

void type_remove_subclass_everywhere(Type* t)
{
    std::lock_guard lock(s_subclass_mutex);
    s_subclasses.erase(t);
    for (auto& [base, subs] : s_subclasses)
        subs.erase(std::remove(subs.begin(), subs.end(), t), subs.end());
}

ListObject* type_subclasses(Type* t)
{
    std::vector<Type*> subs;
    {
        std::lock_guard lock(s_subclass_mutex);
        auto it = s_subclasses.find(t);
        if (it != s_subclasses.end())
            subs = it->second;
    }
    ListObject* l = list_new(static_cast<int64_t>(subs.size()));
    for (Type* s : subs)
        list_append(l, Value(s));
    return l;
}

void type_trace(Object* o, gc::Tracer& tr)
{
    auto* t = static_cast<Type*>(o);
    tr.visit(t->m_name);
    tr.visit(t->m_qualname);
    tr.visit(t->m_module);
    tr.visit(t->m_base);
    tr.visit(t->m_bases);
    tr.visit(t->m_mro);
    tr.visit(t->m_dict);
    tr.visit(t->m_slot_names);
    for (Value v : t->m_special)
        tr.visit(v);
}

void type_destroy(Object* o)
{
    type_remove_subclass_everywhere(static_cast<Type*>(o));
    type_dict_changed(); // TYPE-3: a new type may take this address
}

// --- object ----------------------------------------------------------------------------------

namespace {

bool excess_args(size_t nargs, TupleObject* kwnames)
{
    return nargs > 0 || (kwnames && kwnames->m_size > 0);
}

[[noreturn]] void raise_abstract(Type* cls)
{
    Value am = dict_get_str(cls->m_dict, names::__abstractmethods__);
    std::vector<StrObject*> names_;
    if (am) {
        Value it = py_iter(am);
        while (Value v = py_next(it))
            names_.push_back(py_str(v));
    }
    std::sort(names_.begin(), names_.end(),
        [](StrObject* a, StrObject* b) { return str_compare(a, b) < 0; });
    std::string joined;
    for (size_t i = 0; i < names_.size(); ++i) {
        if (i)
            joined += ", ";
        joined += str_utf8(names_[i]);
    }
    raise(&exc::TypeError, "Can't instantiate abstract class %s with abstract method%s %s",
        cls->name_str().c_str(), names_.size() == 1 ? "" : "s", joined.c_str());
}

Value object_new_impl(Type* cls, size_t nargs, TupleObject* kwnames)
{
    if (excess_args(nargs, kwnames)) {
        if (cls->special(SP_new) != g_object_new)
            raise(&exc::TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
        if (cls->special(SP_init) == g_object_init)
            raise(&exc::TypeError, "%s() takes no arguments", cls->name_str().c_str());
    }
    if (cls->has_flag(TF_ABSTRACT))
        raise_abstract(cls);
    // An instance allocated by an attempt that then aborts becomes garbage whose __del__ the
    // collector would still run (a finalizer call the program never caused): objects with a
    // finalizer are created only by transactions that cannot abort.
    if (PY_UNLIKELY(g_stm_active) && cls->special(SP_del))
        vm::transaction_irreversible();
    return object_alloc(cls);
}

Value object_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    // The tp_new_wrapper checks (cls is a type, a subtype of object, safe) are in call_native.
    return object_new_impl(args[0].as<Type>(), nargs - 1, kwnames);
}

void object_init_check(Value self, size_t nargs, TupleObject* kwnames)
{
    if (!excess_args(nargs, kwnames))
        return;
    Type* t = type_of(self);
    if (t->special(SP_init) != g_object_init)
        raise(&exc::TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
    if (t->special(SP_new) == g_object_new)
        raise(&exc::TypeError, "%s.__init__() takes exactly one argument (the instance to initialize)",
            t->name_str().c_str());
}

Value object_init(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    object_init_check(self, nargs, kwnames);
    return none();
}

std::string address_of(Value v)
{
    char buf[32];
    if (v.is_small_int())
        std::snprintf(buf, sizeof buf, "0x%" PRIx64, v.bits());
    else
        std::snprintf(buf, sizeof buf, "%p", static_cast<void*>(v.as_object()));
    return buf;
}

Value object_repr(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__repr__", nargs, kwnames, 0, 0);
    return str_from_utf8("<" + type_qualified_name(type_of(self)) + " object at " + address_of(self) + ">");
}

Value object_str(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__str__", nargs, kwnames, 0, 0);
    return py_repr(self);
}

Value object_hash(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__hash__", nargs, kwnames, 0, 0);
    // CPython's pointer hash: rotate by 4 bits so the alignment zeros do not collide.
    uint64_t y = self.bits();
    y = (y >> 4) | (y << 60);
    int64_t h = static_cast<int64_t>(y);
    if (h == -1)
        h = -2;
    return int_from_i64(h);
}

Value object_eq(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__eq__", nargs, kwnames, 1, 1);
    return self == args[0] ? py_bool(true) : Value(g_not_implemented);
}

Value object_ne(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__ne__", nargs, kwnames, 1, 1);
    Value eq = type_of(self)->special(SP_eq);
    if (!eq)
        return Value(g_not_implemented);
    Value r = call_compare(eq, self, args[0]);
    if (r == Value(g_not_implemented))
        return r;
    return py_bool(!py_truthy(r));
}

Value object_not_implemented(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("comparison", nargs, kwnames, 1, 1);
    return Value(g_not_implemented);
}

StrObject* attr_name_arg(Value v)
{
    if (!is_str(v))
        raise(&exc::TypeError, "attribute name must be string, not '%s'", type_name(v).c_str());
    return v.as<StrObject>();
}

Value object_getattribute(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__getattribute__", nargs, kwnames, 1, 1);
    StrObject* name = attr_name_arg(args[0]);
    Value v = generic_getattr_opt(self, name);
    if (!v)
        raise_no_attribute(self, name);
    return v;
}

// CPython's hackcheck: object.__setattr__(str, "x", 1) must not bypass the __setattr__ of a
// builtin type along self's layout chain (type's, which refuses to modify builtin types).
// Heap types are skipped: a Python-level __setattr__ may well delegate to object's.
void check_setattr_applies(Value self, Value generic, SpecialId id, char const* what)
{
    Type* t = type_of(self);
    Type* b = t;
    while (b && b->has_flag(TF_HEAPTYPE))
        b = b->m_base;
    if (b && b->special(id) != generic)
        raise(&exc::TypeError, "can't apply this %s to %s object", what, t->name_str().c_str());
}

Value object_setattr(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__setattr__", nargs, kwnames, 2, 2);
    check_setattr_applies(self, g_object_setattr, SP_setattr, "__setattr__");
    generic_setattr(self, attr_name_arg(args[0]), args[1]);
    return none();
}

Value object_delattr(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__delattr__", nargs, kwnames, 1, 1);
    check_setattr_applies(self, g_object_delattr, SP_delattr, "__delattr__");
    generic_setattr(self, attr_name_arg(args[0]), Value());
    return none();
}

Value object_format(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__format__", nargs, kwnames, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "__format__() argument must be str, not %s", type_name(args[0]).c_str());
    if (args[0].as<StrObject>()->m_length > 0)
        raise(&exc::TypeError, "unsupported format string passed to %s.__format__",
            type_name(self).c_str());
    return py_str(self);
}

Value object_init_subclass(Value cls, Value const*, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size > 0) {
        Type* t = cls.as<Type>();
        std::string q = (t->m_qualname ? str_utf8(t->m_qualname) : t->name_str()) + ".__init_subclass__";
        raise(&exc::TypeError, "%s() takes no keyword arguments", q.c_str());
    }
    if (nargs)
        raise(&exc::TypeError, "object.__init_subclass__() takes no arguments (%zu given)", nargs);
    return none();
}

Value object_subclasshook(Value, Value const*, size_t, TupleObject*) { return Value(g_not_implemented); }

void dir_add_type(DictObject* out, Type* t)
{
    TupleObject* mro = t->m_mro;
    for (int64_t i = 0; mro && i < mro->m_size; ++i) {
        DictObject* d = mro->item(i).as<Type>()->m_dict;
        int64_t pos = 0;
        Value k, v;
        while (dict_next(d, &pos, &k, &v))
            dict_set(out, k, none());
    }
}

ListObject* dict_keys_list(DictObject* d)
{
    ListObject* l = list_new(dict_size(d));
    int64_t pos = 0;
    Value k, v;
    while (dict_next(d, &pos, &k, &v))
        list_append(l, k);
    return l;
}

Value object_dir(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__dir__", nargs, kwnames, 0, 0);
    DictObject* out = dict_new();
    Value d = py_getattr_opt(self, names::__dict__);
    if (d && is_dict(d))
        dict_update(out, d);
    Value cls = py_getattr_opt(self, names::__class__);
    if (cls && is_type(cls))
        dir_add_type(out, cls.as<Type>());
    return dict_keys_list(out);
}

Value object_sizeof(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__sizeof__", nargs, kwnames, 0, 0);
    return int_from_i64(type_of(self)->m_instance_size);
}

Value import_copyreg_attr(char const* name);

// The names of the slots to pickle, as CPython's _PyType_GetSlotNames: the class's own
// __slotnames__ if it is a list, else copyreg._slotnames(cls), which computes and caches it.
TupleObject* pickle_slot_names(Type* t)
{
    Value names = dict_get_str(t->m_dict, intern("__slotnames__"));
    if (!names || (!is_list(names) && !is_none(names))) {
        names = py_call1(import_copyreg_attr("_slotnames"), Value(t));
        if (!is_list(names) && !is_none(names))
            raise(&exc::TypeError, "copyreg._slotnames didn't return a list or None");
    }
    // A snapshot: a __getattr__ called below may change the list.
    return is_none(names) ? tuple_empty() : py_tuple_from_iterable(names);
}

// The name CPython's messages give a type (tp_name): "module.Name" for builtin types defined
// in a module, the bare __name__ otherwise.
std::string type_tp_name(Type* t)
{
    return !t->has_flag(TF_HEAPTYPE) && t->m_tp_name ? std::string(t->m_tp_name) : t->name_str();
}

// With [required] (object.__reduce_ex__ found no __getnewargs__ to rebuild the object with),
// an object whose builtin layout holds more than object's cannot be pickled from its __dict__
// and slots alone (CPython's object_getstate_default compares tp_basicsize); code and
// memoryview are variable-size in CPython (tp_itemsize), which words the message differently.
void check_state_pickles(Value self)
{
    Type* t = type_of(self);
    Type* b = t;
    while (b->has_flag(TF_HEAPTYPE) && b->m_base)
        b = b->m_base;
    if (b == &object_type)
        return;
    if (b->m_var_size || b == &code_type || b == &memoryview_type)
        raise(&exc::TypeError, "cannot pickle %s objects", type_tp_name(t).c_str());
    if (b->m_layout_size > object_type.m_layout_size)
        raise(&exc::TypeError, "cannot pickle '%s' object", type_tp_name(t).c_str());
}

// object.__getstate__(): None or a copy of the instance dict, paired with a dict of the slots'
// values when there are any. [required]: see check_state_pickles().
Value object_getstate_default(Value self, bool required)
{
    if (required)
        check_state_pickles(self);
    DictObject* d = instance_dict(self, false);
    Value state = d && dict_size(d) ? Value(dict_copy(d)) : none();
    Type* t = type_of(self);
    if (!t->has_flag(TF_HEAPTYPE) && !t->m_nslots)
        return state; // builtin types have no slot names (and copyreg cannot cache them)
    TupleObject* names = pickle_slot_names(t);
    if (names->m_size) {
        DictObject* slots = dict_new();
        for (int64_t i = 0; i < names->m_size; ++i) {
            Value name = names->item(i);
            if (!is_str(name))
                raise(&exc::TypeError, "attribute name must be string, not '%s'",
                    type_name(name).c_str());
            Value v = py_getattr_opt(self, name.as<StrObject>());
            if (v)
                dict_set(slots, name, v);
        }
        if (dict_size(slots))
            state = tuple_of({ state, Value(slots) });
    }
    return state;
}

Value object_getstate(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__getstate__", nargs, kwnames, 0, 0);
    return object_getstate_default(self, false);
}

Value import_copyreg_attr(char const* name)
{
    Value imp = dict_get_str(vm::builtins_dict(), names::__import__);
    if (!imp)
        raise(&exc::ImportError, "__import__ not found");
    Value mod = py_call1(imp, str_from_ascii("copyreg"));
    return py_getattr(mod, intern(name));
}

// type(self).<name> bound to [self], as the special-method lookup that skips the instance
// dict; null when the type has no such attribute.
Value lookup_special_bound(Value self, StrObject* name)
{
    Type* t = type_of(self);
    Value v = type_lookup(t, name);
    return v ? descr_get(v, self, Value(t)) : Value();
}

// The arguments for cls.__new__ when [self] is rebuilt by copyreg.__newobj__ / __newobj_ex__:
// from __getnewargs_ex__ (args and kwargs) or else __getnewargs__ (args only); both null when
// the type defines neither.
void reduce_new_arguments(Value self, TupleObject** args, DictObject** kwargs)
{
    *args = nullptr;
    *kwargs = nullptr;
    if (Value f = lookup_special_bound(self, names::__getnewargs_ex__)) {
        Value r = py_call0(f);
        if (!is_tuple(r))
            raise(&exc::TypeError, "__getnewargs_ex__ should return a tuple, not '%s'",
                type_name(r).c_str());
        auto* pair = r.as<TupleObject>();
        if (pair->m_size != 2)
            raise(&exc::ValueError, "__getnewargs_ex__ should return a tuple of length 2, not %lld",
                static_cast<long long>(pair->m_size));
        Value a = pair->item(0), k = pair->item(1);
        if (!is_tuple(a))
            raise(&exc::TypeError,
                "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '%s'",
                type_name(a).c_str());
        if (!is_dict(k))
            raise(&exc::TypeError,
                "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '%s'",
                type_name(k).c_str());
        *args = a.as<TupleObject>();
        *kwargs = k.as<DictObject>();
        return;
    }
    if (Value f = lookup_special_bound(self, names::__getnewargs__)) {
        Value r = py_call0(f);
        if (!is_tuple(r))
            raise(&exc::TypeError, "__getnewargs__ should return a tuple, not '%s'",
                type_name(r).c_str());
        *args = r.as<TupleObject>();
    }
}

Value object_reduce_ex(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__reduce_ex__", nargs, kwnames, 1, 1);
    Value reduce = type_lookup(type_of(self), names::__reduce__);
    Value object_reduce = dict_get_str(object_type.m_dict, names::__reduce__);
    if (reduce && reduce != object_reduce)
        return py_call_method(self, names::__reduce__, nullptr, 0);
    int64_t proto = py_index_i64(args[0]);
    if (proto < 2) {
        Value f = import_copyreg_attr("_reduce_ex");
        return py_call2(f, self, args[0]);
    }
    // Protocol 2 and above: copyreg.__newobj__(cls, *args), or copyreg.__newobj_ex__(cls, args,
    // kwargs) when __getnewargs_ex__ gives keyword arguments (whatever the protocol: the pickler
    // turns the latter into NEWOBJ_EX or a partial call as its protocol allows).
    Type* t = type_of(self);
    // A type that cannot be instantiated (__new__ None: CPython's null tp_new) cannot be rebuilt.
    Value newf = t->special(SP_new);
    if (newf && is_none(newf))
        raise(&exc::TypeError, "cannot pickle '%s' object", t->name_str().c_str());
    TupleObject* new_args;
    DictObject* new_kwargs;
    reduce_new_arguments(self, &new_args, &new_kwargs);
    Value newobj, newargs;
    if (new_kwargs && dict_size(new_kwargs)) {
        newobj = import_copyreg_attr("__newobj_ex__");
        newargs = tuple_of({ Value(t), Value(new_args), Value(new_kwargs) });
    } else {
        newobj = import_copyreg_attr("__newobj__");
        int64_t n = new_args ? new_args->m_size : 0;
        TupleObject* full = tuple_new(n + 1);
        full->items()[0] = Value(t);
        for (int64_t i = 0; i < n; ++i)
            full->items()[i + 1] = new_args->item(i);
        newargs = full;
    }
    // The state: the class's own __getstate__, or object's, which then refuses an object that
    // its __dict__ and slots cannot rebuild unless __getnewargs__ gave constructor arguments
    // (CPython's "required").
    bool required = !new_args && !is_list(self) && !is_dict(self);
    Value getstate = py_getattr(self, names::__getstate__);
    Value state;
    if (getstate.is_object() && getstate.as_object()->m_type == &builtin_function_type
        && getstate.as<BuiltinFunction>()->m_fn == object_getstate
        && getstate.as<BuiltinFunction>()->m_self == self)
        state = object_getstate_default(self, required);
    else
        state = py_call0(getstate);
    Value listitems = none(), dictitems = none();
    if (is_list(self))
        listitems = py_iter(self);
    if (is_dict(self))
        dictitems = py_iter(py_call_method(self, names::items, nullptr, 0));
    return tuple_of({ newobj, newargs, state, listitems, dictitems });
}

Value object_reduce(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__reduce__", nargs, kwnames, 0, 0);
    Value f = import_copyreg_attr("_reduce_ex");
    return py_call2(f, self, Value::small_int(0));
}

Value object_get_class(Value self) { return type_of(self); }

// [c] lays its instances out exactly as its base does (CPython's compatible_with_tp_base).
bool compatible_with_base(Type* c)
{
    Type* b = c->m_base;
    return c->has_flag(TF_HEAPTYPE) && b && c->m_instance_size == b->m_instance_size
        && c->m_dict_offset == b->m_dict_offset && c->m_nslots == b->m_nslots
        && type_supports_weakrefs(c) == type_supports_weakrefs(b);
}

// Instances of [a] and [b] have the same memory layout (__class__ assignment), as CPython's
// compatible_for_assignment: below the first classes that changed the layout, the bases are the
// same, and those two classes added the same slots, __dict__ and weak-reference support.
bool same_layout(Type* a, Type* b)
{
    while (compatible_with_base(a))
        a = a->m_base;
    while (compatible_with_base(b))
        b = b->m_base;
    if (a == b)
        return true;
    if (a->m_base != b->m_base || !a->has_flag(TF_HEAPTYPE) || !b->has_flag(TF_HEAPTYPE))
        return false;
    if (a->m_instance_size != b->m_instance_size || a->m_dict_offset != b->m_dict_offset
        || a->m_nslots != b->m_nslots || type_supports_weakrefs(a) != type_supports_weakrefs(b))
        return false;
    TupleObject* sa = a->m_slot_names;
    TupleObject* sb = b->m_slot_names;
    int64_t na = sa ? sa->m_size : 0, nb = sb ? sb->m_size : 0;
    if (na != nb)
        return false;
    for (int64_t i = 0; i < na; ++i)
        if (!str_eq(sa->item(i).as<StrObject>(), sb->item(i).as<StrObject>()))
            return false;
    return true;
}

void object_set_class(Value self, Value v)
{
    if (!v)
        raise(&exc::TypeError, "can't delete __class__ attribute");
    if (!is_type(v))
        raise(&exc::TypeError, "__class__ must be set to a class, not '%s' object", type_name(v).c_str());
    Type* newt = v.as<Type>();
    Type* oldt = type_of(self);
    auto mutable_ok = [](Type* t) {
        return t->has_flag(TF_HEAPTYPE) || t->name_str() == "module";
    };
    if (!self.is_object() || !mutable_ok(newt) || !mutable_ok(oldt))
        raise(&exc::TypeError, "__class__ assignment only supported for mutable types or ModuleType subclasses");
    if (!same_layout(newt, oldt))
        raise(&exc::TypeError, "__class__ assignment: '%s' object layout differs from '%s'",
            newt->name_str().c_str(), oldt->name_str().c_str());
    Object* o = self.as_object();
    write_barrier(o);
    o->m_type = newt;
}

MethodDef const s_object_methods[] = {
    { "__new__", object_new, METH_STATIC },
    { "__init__", object_init },
    { "__repr__", object_repr },
    { "__str__", object_str },
    { "__hash__", object_hash },
    { "__eq__", object_eq },
    { "__ne__", object_ne },
    { "__lt__", object_not_implemented },
    { "__le__", object_not_implemented },
    { "__gt__", object_not_implemented },
    { "__ge__", object_not_implemented },
    { "__getattribute__", object_getattribute },
    { "__setattr__", object_setattr },
    { "__delattr__", object_delattr },
    { "__format__", object_format },
    { "__init_subclass__", object_init_subclass, METH_CLASS },
    { "__subclasshook__", object_subclasshook, METH_CLASS },
    { "__dir__", object_dir },
    { "__sizeof__", object_sizeof },
    { "__getstate__", object_getstate },
    { "__reduce_ex__", object_reduce_ex },
    { "__reduce__", object_reduce },
    { nullptr, nullptr },
};

// --- None, NotImplemented, Ellipsis -------------------------------------------------------

Value singleton_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Type* t = args[0].as<Type>();
    if (excess_args(nargs - 1, kwnames))
        raise(&exc::TypeError, "%s takes no arguments", t->name_str().c_str());
    if (t == &none_type)
        return none();
    if (t == &not_implemented_type)
        return Value(g_not_implemented);
    return Value(g_ellipsis);
}

Value none_repr(Value, Value const*, size_t, TupleObject*) { return str_from_ascii("None"); }
Value none_bool(Value, Value const*, size_t, TupleObject*) { return py_bool(false); }
Value ni_repr(Value, Value const*, size_t, TupleObject*) { return str_from_ascii("NotImplemented"); }
Value ni_reduce(Value, Value const*, size_t, TupleObject*) { return str_from_ascii("NotImplemented"); }
// Still true in 3.11, but deprecated: NotImplemented in a boolean context is nearly always a
// mistake in a rich comparison.
Value ni_bool(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__bool__", nargs, kwnames, 0, 0);
    warn_format(
        &exc::DeprecationWarning, 1, "NotImplemented should not be used in a boolean context");
    return py_bool(true);
}
Value ellipsis_repr(Value, Value const*, size_t, TupleObject*) { return str_from_ascii("Ellipsis"); }
Value ellipsis_reduce(Value, Value const*, size_t, TupleObject*) { return str_from_ascii("Ellipsis"); }

MethodDef const s_none_methods[] = {
    { "__new__", singleton_new, METH_STATIC },
    { "__repr__", none_repr },
    { "__bool__", none_bool },
    { nullptr, nullptr },
};
MethodDef const s_ni_methods[] = {
    { "__new__", singleton_new, METH_STATIC },
    { "__repr__", ni_repr },
    { "__reduce__", ni_reduce },
    { "__bool__", ni_bool, METH_DEFAULT, "True if self else False" },
    { nullptr, nullptr },
};
MethodDef const s_ellipsis_methods[] = {
    { "__new__", singleton_new, METH_STATIC },
    { "__repr__", ellipsis_repr },
    { "__reduce__", ellipsis_reduce },
    { nullptr, nullptr },
};

} // namespace

// --- type.__call__, __getattribute__, __setattr__ --------------------------------------------

Value type_call(Type* cls, Value const* args, size_t nargs, TupleObject* kwnames)
{
    size_t nkw = kwnames ? static_cast<size_t>(kwnames->m_size) : 0;
    if (cls == &type_type && nargs == 1 && nkw == 0)
        return type_of(args[0]);
    Value newf = cls->special(SP_new);
    if (!newf || is_none(newf))
        raise(&exc::TypeError, "cannot create '%s' instances", cls->name_str().c_str());
    Value obj;
    if (newf == g_object_new) {
        obj = object_new_impl(cls, nargs, kwnames);
    } else {
        Value callable = type_of(newf) == &staticmethod_type ? newf.as<StaticMethodObject>()->m_callable
                                                              : descr_get(newf, Value(), cls);
        PrependArgs full(cls, args, nargs + nkw);
        obj = py_call(callable, full.data(), nargs + 1, kwnames);
    }
    Type* ot = type_of(obj);
    if (ot != cls && !ot->is_subtype(cls))
        return obj;
    if (cls == &type_type && nargs == 1 && nkw == 0)
        return obj;
    Value init = ot->special(SP_init);
    if (init == g_object_init) {
        object_init_check(obj, nargs, kwnames);
    } else if (init) {
        Value r = call_unbound(init, obj, args, nargs, kwnames);
        if (!is_none(r))
            raise(&exc::TypeError, "__init__() should return None, not '%s'", type_name(r).c_str());
    }
    return obj;
}

Value type_getattr_opt(Type* cls, StrObject* name)
{
    Type* meta = type_of(cls);
    Value meta_attr = type_lookup(meta, name);
    Value meta_get;
    if (meta_attr) {
        Type* mat = type_of(meta_attr);
        meta_get = mat->special(SP_get);
        if (meta_get && is_data_descriptor(meta_attr))
            return descr_get(meta_attr, cls, meta);
    }
    Value attr = type_lookup(cls, name);
    if (attr)
        return descr_get(attr, Value(), cls);
    if (meta_get)
        return descr_get(meta_attr, cls, meta);
    return meta_attr;
}

void type_setattr(Type* cls, StrObject* name, Value v)
{
    if (!cls->has_flag(TF_HEAPTYPE)) {
        raise(&exc::TypeError, "cannot %s '%s' attribute of immutable type '%s'", v ? "set" : "delete",
            str_utf8(name).c_str(), cls->name_str().c_str());
    }
    Type* meta = type_of(cls);
    Value meta_attr = type_lookup(meta, name);
    if (meta_attr && descr_set(meta_attr, cls, v))
        return;
    name = intern(name);
    if (name == names::__del__)
        gc::note_finalizer_type(); // GC-6
    bool dunder = name->m_ascii && name->m_length > 4 && name->ascii_view().substr(0, 2) == "__"
        && name->ascii_view().substr(name->m_length - 2) == "__";
    // A dunder change moves g_type_epoch, after which special caches (m_special, written without
    // barriers) are refilled from the changed dict; rolling the dict back would not move the epoch
    // again and leave them stale. The type's barrier (type has no undo operations) makes the
    // transaction inevitable first. Other names need none: the dict's own undo record covers
    // them, and its restore invalidates the attribute cache (TYPE-3).
    if (dunder)
        write_barrier(cls);
    if (v) {
        dict_set_str(cls->m_dict, name, v);
    } else if (!dict_pop(cls->m_dict, name)) {
        raise(&exc::AttributeError, "type object '%s' has no attribute '%s'", cls->name_str().c_str(),
            str_utf8(name).c_str());
    }
    if (dunder)
        bump_type_epoch();
}

namespace {

Value type_call_native(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (!is_type(self))
        raise(&exc::TypeError, "descriptor '__call__' requires a 'type' object");
    return type_call(self.as<Type>(), args, nargs, kwnames);
}

Value type_repr(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__repr__", nargs, kwnames, 0, 0);
    Type* t = self.as<Type>();
    return str_from_utf8("<class '" + type_qualified_name(t) + "'>");
}

Value type_getattribute(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__getattribute__", nargs, kwnames, 1, 1);
    StrObject* name = attr_name_arg(args[0]);
    Value v = type_getattr_opt(self.as<Type>(), name);
    if (!v)
        raise_no_attribute(self, name);
    return v;
}

Value type_setattr_native(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__setattr__", nargs, kwnames, 2, 2);
    type_setattr(self.as<Type>(), attr_name_arg(args[0]), args[1]);
    return none();
}

Value type_delattr_native(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__delattr__", nargs, kwnames, 1, 1);
    type_setattr(self.as<Type>(), attr_name_arg(args[0]), Value());
    return none();
}

MethodDef const s_type_core_methods[] = {
    { "__call__", type_call_native },
    { "__repr__", type_repr },
    { "__getattribute__", type_getattribute },
    { "__setattr__", type_setattr_native },
    { "__delattr__", type_delattr_native },
    { nullptr, nullptr },
};

} // namespace

// --- set-up ----------------------------------------------------------------------------------

void setup_object_types()
{
    init_static_type(&object_type, "object", nullptr, sizeof(Object), TF_BASETYPE);
    init_static_type(&type_type, "type", nullptr, sizeof(Type), TF_BASETYPE | TF_TYPE_SUBCLASS,
        type_trace, type_destroy);
    // A class's attributes live in its m_dict; exposing it as the instance dict slot lets
    // metaclass instances and the collector treat classes like other objects with a __dict__.
    type_type.m_dict_offset = static_cast<uint32_t>(
        reinterpret_cast<char*>(&type_type.m_dict) - reinterpret_cast<char*>(&type_type));
    init_static_type(&none_type, "NoneType", nullptr, sizeof(Object), TF_IMMUTABLE);
    init_static_type(&not_implemented_type, "NotImplementedType", nullptr, sizeof(Object), TF_IMMUTABLE);
    init_static_type(&ellipsis_type, "ellipsis", nullptr, sizeof(Object), TF_IMMUTABLE);
    for (Object* o : { g_none, g_not_implemented, g_ellipsis }) {
        o->m_gc.fetch_or(OF_IMMUTABLE, std::memory_order_relaxed);
        gc::register_permanent(o);
    }
    setup_native_function_types();
    setup_descriptor_types();
    setup_super_type();
    setup_generic_alias_types();
}

void init_object_types()
{
    add_methods(&object_type, s_object_methods);
    add_getset(&object_type, "__class__", object_get_class, object_set_class);
    object_type.m_doc = "The base class of the class hierarchy.\n\nWhen called, it accepts no arguments "
                        "and returns a new featureless\ninstance that has no instance attributes and "
                        "cannot be given any.\n";
    dict_set_cstr(object_type.m_dict, "__doc__", str_from_utf8(object_type.m_doc));
    add_methods(&type_type, s_type_core_methods);
    init_type_methods();
    add_methods(&none_type, s_none_methods);
    add_methods(&not_implemented_type, s_ni_methods);
    add_methods(&ellipsis_type, s_ellipsis_methods);
    g_object_getattribute = dict_get_cstr(object_type.m_dict, "__getattribute__");
    g_object_setattr = dict_get_cstr(object_type.m_dict, "__setattr__");
    g_object_delattr = dict_get_cstr(object_type.m_dict, "__delattr__");
    g_object_new = dict_get_cstr(object_type.m_dict, "__new__");
    g_object_init = dict_get_cstr(object_type.m_dict, "__init__");
    g_object_hash = dict_get_cstr(object_type.m_dict, "__hash__");
    g_object_repr = dict_get_cstr(object_type.m_dict, "__repr__");
    g_type_getattribute = dict_get_cstr(type_type.m_dict, "__getattribute__");
    g_type_setattr = dict_get_cstr(type_type.m_dict, "__setattr__");
    g_type_call = dict_get_cstr(type_type.m_dict, "__call__");
    for (Value* v : { &g_object_getattribute, &g_object_setattr, &g_object_delattr, &g_object_new,
             &g_object_init, &g_object_hash, &g_object_repr, &g_type_getattribute, &g_type_setattr,
             &g_type_call })
        gc::add_root(v);
    init_native_function_types();
    init_descriptor_types();
    init_super_type();
    init_generic_alias_types();
}

} // namespace pystm
