// dict views (dict_keys, dict_values, dict_items) with the set operations of keys and items
// views, the six dict iterators (forward and reverse over keys, values and items), and the
// entry iteration of the C++ API they use (dict_next, dict_next_hashed, dict_prev).
//
// Invariants: a view holds only its dict and reads it through the dict API (barriers included).
// A forward iterator remembers the dict's size when created: a different size raises
// "dictionary changed size during iteration" (sticky: m_used becomes -1), and finding more items
// than expected raises "dictionary keys changed during iteration", as CPython. Iterators drop the
// dict when exhausted.
#include "gc/heap.h"
#include "objects/access.h"
#include "objects/dict_internal.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/richcompare.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"

namespace pystm {

// --- entry iteration ---------------------------------------------------------------------------

namespace {

    // DICT-9: the key and value of live entry [i] of a striped dict, after read_barrier(d).
    bool read_entry_striped(DictObject* d, int64_t i, Value* key, Value* value)
    {
        DictStripe* st = value_read_begin(d, d->m_table->entries()[i].hash);
        read_validate_barrier(d); // the stripe's barrier may have waited
        DictEntry const& e = d->m_table->entries()[i];
        *key = e.key;
        *value = e.value;
        value_read_end(st);
        read_validate_barrier(d);
        return true;
    }

} // namespace

bool dict_next_hashed(DictObject* d, int64_t* pos, Value* key, Value* value, int64_t* hash)
{
    read_barrier(d);
    DictTable* t = d->m_table;
    if (!t)
        return false;
    while (*pos < t->nentries) {
        DictEntry* e = &t->entries()[(*pos)++];
        if (e->key) {
            if (PY_UNLIKELY(d->m_stripes != nullptr)) {
                *hash = e->hash; // keys and hashes are the dict's structure (DICT-9)
                return read_entry_striped(d, *pos - 1, key, value);
            }
            *key = e->key;
            *value = e->value;
            *hash = e->hash;
            read_validate_barrier(d); // STM-5: the three fields of one entry belong together
            return true;
        }
    }
    read_validate_barrier(d); // the end seen is the committed end
    return false;
}

bool dict_next(DictObject* d, int64_t* pos, Value* key, Value* value)
{
    int64_t hash;
    return dict_next_hashed(d, pos, key, value, &hash);
}

bool dict_prev(DictObject* d, int64_t* pos, Value* key, Value* value)
{
    read_barrier(d);
    DictTable* t = d->m_table;
    if (!t)
        return false;
    if (*pos > t->nentries)
        *pos = t->nentries;
    while (*pos > 0) {
        DictEntry* e = &t->entries()[--(*pos)];
        if (e->key) {
            if (PY_UNLIKELY(d->m_stripes != nullptr))
                return read_entry_striped(d, *pos, key, value);
            *key = e->key;
            *value = e->value;
            read_validate_barrier(d); // STM-5
            return true;
        }
    }
    read_validate_barrier(d);
    return false;
}

static Type dict_keys_type { &type_type };
static Type dict_values_type { &type_type };
static Type dict_items_type { &type_type };
static Type dict_iter_types[6] = { Type { &type_type }, Type { &type_type }, Type { &type_type },
    Type { &type_type }, Type { &type_type }, Type { &type_type } };

namespace {

struct DictViewObject : Object {
    DictObject* m_dict;
    DictViewObject(Type* t, DictObject* d) : Object(t), m_dict(d) { }
};

struct DictIterObject : Object {
    DictObject* m_dict; // null once exhausted
    int64_t m_pos;
    int64_t m_used; // dict size at creation; -1 after a size change was reported
    int64_t m_len; // items left to produce
    int m_kind; // 0 keys, 1 values, 2 items
    DictIterObject(Type* t, DictObject* d, int64_t pos, int64_t used, int kind)
        : Object(t), m_dict(d), m_pos(pos), m_used(used), m_len(used), m_kind(kind) { }
};

void view_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<DictViewObject*>(o)->m_dict); }
void iter_trace(Object* o, gc::Tracer& tr) { tr.visit(static_cast<DictIterObject*>(o)->m_dict); }

DictViewObject* as_view(Value v) { return v.as<DictViewObject>(); }
DictObject* view_dict(Value v) { return as_view(v)->m_dict; }

bool is_keys_view(Value v) { return v.is_object() && v.as_object()->m_type == &dict_keys_type; }
bool is_items_view(Value v) { return v.is_object() && v.as_object()->m_type == &dict_items_type; }
bool is_setlike_view(Value v) { return is_keys_view(v) || is_items_view(v); }

Value make_item(int kind, Value k, Value v)
{
    switch (kind) {
    case 0: return k;
    case 1: return v;
    default: return tuple_of({ k, v });
    }
}

// One step of a forward or a reverse dict iterator.
Value dict_iter_step(Object* o, bool reversed)
{
    write_barrier(o); // the iterator's position (vm/stm_client.h: undone on abort)
    auto* it = static_cast<DictIterObject*>(o);
    DictObject* d = it->m_dict;
    if (!d)
        return Value();
    if (it->m_used != dict_size(d)) {
        it->m_used = -1;
        raise(&exc::RuntimeError, "dictionary changed size during iteration");
    }
    Value k, v;
    if (!(reversed ? dict_prev(d, &it->m_pos, &k, &v) : dict_next(d, &it->m_pos, &k, &v))) {
        it->m_dict = nullptr;
        return Value();
    }
    // Only the forward iterator notices keys replaced at an unchanged size, as in CPython.
    if (!reversed && it->m_len == 0) {
        it->m_dict = nullptr;
        raise(&exc::RuntimeError, "dictionary keys changed during iteration");
    }
    it->m_len--;
    return make_item(it->m_kind, k, v);
}

Value dict_iternext(Object* o) { return dict_iter_step(o, false); }
Value dict_reviternext(Object* o) { return dict_iter_step(o, true); }

// pickle: (iter, (list,)) with the items a copy of the iterator has left to produce, as
// CPython; the original iterator does not move.
Value di_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* it = self.as<DictIterObject>();
    read_barrier(it);
    DictObject* d = it->m_dict;
    int64_t pos = it->m_pos;
    int64_t used = it->m_used;
    int64_t len = it->m_len;
    read_validate_barrier(it);
    auto* copy = gc::make<DictIterObject>(it->m_type, d, pos, used, it->m_kind);
    copy->m_len = len;
    bool reversed = it->m_type->m_iternext == dict_reviternext;
    ListObject* items = list_new();
    for (Value x; (x = dict_iter_step(copy, reversed));)
        list_append(items, x);
    return tuple_of({ builtin_iter_callable(), tuple_of({ Value(items) }) });
}

Value di_length_hint(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__length_hint__", nargs, kw, 0, 0);
    auto* it = self.as<DictIterObject>();
    if (it->m_dict && it->m_used == dict_size(it->m_dict))
        return Value::small_int(it->m_len);
    return Value::small_int(0);
}

// --- views ----------------------------------------------------------------------------------

Value v_len(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__len__", nargs, kw, 0, 0);
    return Value::small_int(dict_size(view_dict(self)));
}

int view_kind(Value self)
{
    Type* t = self.as_object()->m_type;
    return t == &dict_keys_type ? 0 : t == &dict_values_type ? 1 : 2;
}

Value v_iter(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__iter__", nargs, kw, 0, 0);
    return dict_iter_new(view_dict(self), view_kind(self), false);
}

Value v_reversed(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reversed__", nargs, kw, 0, 0);
    return dict_iter_new(view_dict(self), view_kind(self), true);
}

Value v_mapping(Value self)
{
    return mappingproxy_new(view_dict(self));
}

Value v_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    ReprGuard guard(self.as_object());
    if (!guard.active())
        return str_from_ascii("...");
    RecursionGuard rg(" while getting the repr of an object");
    ListObject* items = py_list_from_iterable(self);
    std::string out = self.as_object()->m_type->name_str() + "(" + str_utf8(py_repr(items)) + ")";
    return str_from_utf8(out);
}

bool keys_contains(Value self, Value key)
{
    return bool(dict_get(view_dict(self), key));
}

bool items_contains(Value self, Value item)
{
    if (!is_tuple(item) || item.as<TupleObject>()->m_size != 2)
        return false;
    TupleObject* t = item.as<TupleObject>();
    Value found = dict_get(view_dict(self), t->item(0));
    if (!found)
        return false;
    return py_eq(found, t->item(1));
}

bool view_contains(Value self, Value item)
{
    return is_keys_view(self) ? keys_contains(self, item) : items_contains(self, item);
}

Value v_contains(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__contains__", nargs, kw, 1, 1);
    return py_bool(view_contains(self, args[0]));
}

Value values_contains(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__contains__", nargs, kw, 1, 1);
    DictObject* d = view_dict(self);
    int64_t pos = 0;
    Value k, v;
    while (dict_next(d, &pos, &k, &v))
        if (py_eq(v, args[0]))
            return py_bool(true);
    return py_bool(false);
}

// Every item of [a] is in [b] (using "in" on b).
bool all_contained_in(Value a, Value b)
{
    Value it = py_iter(a);
    for (Value x; (x = iter_next_fast(it));)
        if (!py_contains(b, x))
            return false;
    return true;
}

Value view_richcompare(Value self, Value other, CompareOp op)
{
    if (!is_anyset(other) && !is_setlike_view(other))
        return Value(g_not_implemented);
    int64_t ls = py_len(self), lo = py_len(other);
    bool ok = false;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        if (ls == lo)
            ok = all_contained_in(self, other);
        if (op == CMP_NE)
            ok = !ok;
        break;
    case CMP_LT: ok = ls < lo && all_contained_in(self, other); break;
    case CMP_LE: ok = ls <= lo && all_contained_in(self, other); break;
    case CMP_GT: ok = ls > lo && all_contained_in(other, self); break;
    case CMP_GE: ok = ls >= lo && all_contained_in(other, self); break;
    }
    return py_bool(ok);
}


// set(x), with dict keys views of exact dicts read from the dict itself (CPython's fast path,
// which presizes the set and so decides its order).
SetObject* to_set(Value x)
{
    SetObject* s = set_new();
    if (is_keys_view(x) && view_dict(x)->m_type == &dict_type)
        set_update_internal(s, view_dict(x));
    else
        set_update_internal(s, x);
    return s;
}

Value view_sub(Value a, Value b)
{
    SetObject* r = to_set(a);
    set_difference_update_internal(r, b);
    return r;
}

Value view_or(Value a, Value b)
{
    SetObject* r = to_set(a);
    set_update_internal(r, b);
    return r;
}

Value items_xor(Value self, Value other)
{
    DictObject* d1 = view_dict(self);
    DictObject* d2 = view_dict(other);
    DictObject* temp = dict_copy(d1);
    SetObject* result = set_new();
    int64_t pos = 0;
    Value k, v2;
    while (dict_next(d2, &pos, &k, &v2)) {
        Value v1 = dict_get(temp, k);
        if (v1 && py_eq(v1, v2))
            dict_pop(temp, k);
        else
            set_add(result, tuple_of({ k, v2 }));
    }
    set_update_internal(result, dict_view_new(temp, 2));
    return result;
}

Value view_xor(Value a, Value b)
{
    if (is_items_view(a) && is_items_view(b))
        return items_xor(a, b);
    SetObject* r = to_set(a);
    set_symmetric_difference_update_internal(r, b);
    return r;
}

Value view_and(Value self, Value other)
{
    // The view is whichever operand is one.
    if (!is_setlike_view(self))
        std::swap(self, other);
    int64_t len_self = dict_size(view_dict(self));
    if (other.is_object() && other.as_object()->m_type == &set_type && len_self <= py_len(other))
        return set_intersection_internal(other.as<SetObject>(), self);
    if (is_setlike_view(other) && dict_size(view_dict(other)) > len_self)
        std::swap(self, other);
    SetObject* result = set_new();
    Value it = py_iter(other);
    for (Value key; (key = iter_next_fast(it));)
        if (view_contains(self, key))
            set_add(result, key);
    return result;
}

Value v_sub(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__sub__", n, k, 1, 1); return view_sub(s, a[0]); }
Value v_rsub(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__rsub__", n, k, 1, 1); return view_sub(a[0], s); }
Value v_or(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__or__", n, k, 1, 1); return view_or(s, a[0]); }
Value v_ror(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__ror__", n, k, 1, 1); return view_or(a[0], s); }
Value v_xor(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__xor__", n, k, 1, 1); return view_xor(s, a[0]); }
Value v_rxor(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__rxor__", n, k, 1, 1); return view_xor(a[0], s); }
Value v_and(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__and__", n, k, 1, 1); return view_and(s, a[0]); }
Value v_rand(Value s, Value const* a, size_t n, TupleObject* k) { check_nargs("__rand__", n, k, 1, 1); return view_and(s, a[0]); }

Value v_isdisjoint(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("isdisjoint", nargs, kw, 1, 1);
    Value other = args[0];
    if (other == self)
        return py_bool(dict_size(view_dict(self)) == 0);
    if (is_anyset(other) || is_setlike_view(other)) {
        // Iterate over the shorter one.
        if (py_len(other) > dict_size(view_dict(self)))
            std::swap(self, other);
    }
    Value it = py_iter(other);
    for (Value x; (x = iter_next_fast(it));)
        if (py_contains(self, x))
            return py_bool(false);
    return py_bool(true);
}

const MethodDef setlike_view_methods[] = {
    { "__len__", v_len },
    { "__iter__", v_iter },
    { "__reversed__", v_reversed },
    { "__contains__", v_contains },
    { "__repr__", v_repr },
    { "__sub__", v_sub },
    { "__rsub__", v_rsub },
    { "__or__", v_or },
    { "__ror__", v_ror },
    { "__xor__", v_xor },
    { "__rxor__", v_rxor },
    { "__and__", v_and },
    { "__rand__", v_rand },
    { "isdisjoint", v_isdisjoint },
    { nullptr, nullptr },
};

const MethodDef values_view_methods[] = {
    { "__len__", v_len },
    { "__iter__", v_iter },
    { "__reversed__", v_reversed },
    { "__contains__", values_contains },
    { "__repr__", v_repr },
    { nullptr, nullptr },
};

const MethodDef dict_iter_methods[] = {
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { "__length_hint__", di_length_hint },
    { "__reduce__", di_reduce },
    { nullptr, nullptr },
};

char const* const s_iter_names[6] = { "dict_keyiterator", "dict_valueiterator", "dict_itemiterator",
    "dict_reversekeyiterator", "dict_reversevalueiterator", "dict_reverseitemiterator" };

} // namespace

Value dict_view_new(DictObject* d, int kind)
{
    Type* t = kind == 0 ? &dict_keys_type : kind == 1 ? &dict_values_type : &dict_items_type;
    return gc::make<DictViewObject>(t, d);
}

Value dict_iter_new(DictObject* d, int kind, bool reversed)
{
    Type* t = &dict_iter_types[kind + (reversed ? 3 : 0)];
    return gc::make<DictIterObject>(t, d, reversed ? INT64_MAX : 0, dict_size(d), kind);
}

// Called from setup_dict_types / init_dict_types (dict_object.cpp).
void setup_dict_view_types()
{
    init_static_type(&dict_keys_type, "dict_keys", nullptr, sizeof(DictViewObject), 0, view_trace);
    init_static_type(&dict_values_type, "dict_values", nullptr, sizeof(DictViewObject), 0, view_trace);
    init_static_type(&dict_items_type, "dict_items", nullptr, sizeof(DictViewObject), 0, view_trace);
    for (int i = 0; i < 6; i++) {
        init_static_type(&dict_iter_types[i], s_iter_names[i], nullptr, sizeof(DictIterObject), 0, iter_trace);
        dict_iter_types[i].m_iternext = i < 3 ? dict_iternext : dict_reviternext;
    }
}

void init_dict_view_types()
{
    add_methods(&dict_keys_type, setlike_view_methods);
    add_methods(&dict_keys_type, compare_methods<view_richcompare>);
    add_methods(&dict_items_type, setlike_view_methods);
    add_methods(&dict_items_type, compare_methods<view_richcompare>);
    add_methods(&dict_values_type, values_view_methods);
    for (Type* t : { &dict_keys_type, &dict_items_type }) {
        add_type_attr(t, "__hash__", none());
        add_getset(t, "mapping", v_mapping);
    }
    add_getset(&dict_values_type, "mapping", v_mapping);
    for (int i = 0; i < 6; i++)
        add_methods(&dict_iter_types[i], dict_iter_methods);
    // CPython's views and their iterators have no tp_new: calling the type raises "cannot create
    // 'dict_keys' instances", and object.__reduce_ex__ refuses them ("cannot pickle").
    for (Type* t : { &dict_keys_type, &dict_values_type, &dict_items_type })
        add_type_attr(t, "__new__", none());
    for (int i = 0; i < 6; i++)
        add_type_attr(&dict_iter_types[i], "__new__", none());
}

} // namespace pystm
