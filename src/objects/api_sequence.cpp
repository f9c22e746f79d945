// The abstract object protocol, part 6: containers and iteration — len(), subscription (with
// __class_getitem__ for classes), "in", iter() / next() and collecting an iterable into a list
// or tuple. Exhausted iterators are reported as the null Value (py_next), never as a C++-visible
// StopIteration.
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/slice_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"

namespace pystm {

namespace {
bool usable(Value f) { return f && !is_none(f); }
} // namespace

int64_t py_len(Value v)
{
    if (v.is_object()) {
        Type* t = v.as_object()->m_type;
        if (t == &str_type)
            return v.as<StrObject>()->m_length;
        if (t == &tuple_type)
            return v.as<TupleObject>()->m_size;
        if (t == &list_type)
            return list_size(v.as<ListObject>());
        if (t == &dict_type)
            return dict_size(v.as<DictObject>());
    }
    Value f = type_of(v)->special(SP_len);
    if (!usable(f))
        raise(&exc::TypeError, "object of type '%s' has no len()", type_name(v).c_str());
    return len_from_special(v, f);
}

// list.__getitem__ / __setitem__ of exact lists (list_object.cpp).
Value list_subscript(ListObject* l, Value key);
void list_store_subscript(ListObject* l, Value key, Value v);

Value py_getitem(Value o, Value key)
{
    if (o.is_object()) {
        Type* t = o.as_object()->m_type;
        if (t == &list_type) {
            // An exact list's __getitem__ is list's own: call it without the method machinery.
            auto* l = o.as<ListObject>();
            int64_t i = key.is_small_int() ? key.as_small_int() : 0;
            if (key.is_small_int() && normalize_index(&i, list_size(l)))
                return list_get(l, i);
            return list_subscript(l, key);
        } else if (t == &tuple_type && key.is_small_int()) {
            auto* tu = o.as<TupleObject>();
            int64_t i = key.as_small_int();
            if (normalize_index(&i, tu->m_size))
                return tu->item(i);
        } else if (t == &dict_type) {
            Value v = dict_get(o.as<DictObject>(), key);
            if (v)
                return v;
        }
    }
    Value f = type_of(o)->special(SP_getitem);
    if (usable(f))
        return call_unbound(f, o, &key, 1, nullptr);
    if (is_type(o)) {
        if (o == Value(&type_type))
            return generic_alias_new(o, key);
        Value cg = py_getattr_opt(o, names::__class_getitem__);
        if (cg)
            return py_call1(cg, key);
        raise(&exc::TypeError, "type '%s' is not subscriptable", o.as<Type>()->name_str().c_str());
    }
    raise(&exc::TypeError, "'%s' object is not subscriptable", type_name(o).c_str());
}

void py_setitem(Value o, Value key, Value v)
{
    if (o.is_object()) {
        Type* t = o.as_object()->m_type;
        if (t == &list_type) {
            auto* l = o.as<ListObject>();
            int64_t i = key.is_small_int() ? key.as_small_int() : 0;
            if (key.is_small_int() && normalize_index(&i, list_size(l)))
                list_set(l, i, v);
            else
                list_store_subscript(l, key, v); // list's own __setitem__
            return;
        } else if (t == &dict_type) {
            dict_set(o.as<DictObject>(), key, v);
            return;
        }
    }
    Value f = type_of(o)->special(SP_setitem);
    if (!usable(f))
        raise(&exc::TypeError, "'%s' object does not support item assignment", type_name(o).c_str());
    Value args[2] = { key, v };
    call_unbound(f, o, args, 2, nullptr);
}

void py_delitem(Value o, Value key)
{
    Type* t = type_of(o);
    Value f = t->special(SP_delitem);
    if (!usable(f)) {
        // CPython words it by the path that failed: an integer index into a type with sequence
        // methods (every class statement's, and the built-in containers with a length or
        // membership test) fails in its sequence deletion, anything else in the generic one.
        bool sequence = t->has_flag(TF_HEAPTYPE) || usable(t->special(SP_len))
            || usable(t->special(SP_contains));
        if (sequence && has_index(key)) {
            subscript_index(key); // IndexError for an index that fits no C index, as in CPython
            raise(
                &exc::TypeError, "'%s' object doesn't support item deletion", type_name(o).c_str());
        }
        raise(&exc::TypeError, "'%s' object does not support item deletion", type_name(o).c_str());
    }
    call_unbound(f, o, &key, 1, nullptr);
}

bool py_contains(Value container, Value item)
{
    Type* t = type_of(container);
    Value f = t->special(SP_contains);
    if (usable(f))
        return py_truthy(call_unbound(f, container, &item, 1, nullptr));
    if (f) // __contains__ = None blocks the fallback to iteration
        raise(&exc::TypeError, "'%s' object is not a container", type_name(container).c_str());
    if (!usable(t->special(SP_iter)) && !usable(t->special(SP_getitem)))
        raise(&exc::TypeError, "argument of type '%s' is not iterable", t->name_str().c_str());
    Value it = py_iter(container);
    while (Value v = iter_next_fast(it))
        if (py_eq(v, item))
            return true;
    return false;
}

Value py_iter(Value v)
{
    Type* t = type_of(v);
    Value f = t->special(SP_iter);
    if (f) {
        if (is_none(f))
            raise(&exc::TypeError, "'%s' object is not iterable", t->name_str().c_str());
        Value r = call_unbound(f, v, nullptr, 0, nullptr);
        Type* rt = type_of(r);
        if (!rt->m_iternext && !usable(rt->special(SP_next)))
            raise(&exc::TypeError, "iter() returned non-iterator of type '%s'", rt->name_str().c_str());
        return r;
    }
    if (usable(t->special(SP_getitem)))
        return seq_iter_new(v);
    raise(&exc::TypeError, "'%s' object is not iterable", t->name_str().c_str());
}

Value py_next(Value it)
{
    Type* t = type_of(it);
    Value f = t->special(SP_next);
    if (t->m_iternext && it.is_object()) {
        // A heap subclass may override __next__; use the fast path only when it did not.
        if (!t->has_flag(TF_HEAPTYPE)
            || (is_builtin_function(f) && f.as<BuiltinFunction>()->m_fn == native_iternext))
            return t->m_iternext(it.as_object());
    }
    if (!usable(f))
        raise(&exc::TypeError, "'%s' object is not an iterator", t->name_str().c_str());
    try {
        return call_unbound(f, it, nullptr, 0, nullptr);
    } catch (PyError&) {
        if (!exception_matches(&exc::StopIteration))
            throw;
        take_exception();
        return Value();
    }
}

ListObject* py_list_from_iterable(Value iterable)
{
    if (iterable.is_object()) {
        Type* t = iterable.as_object()->m_type;
        if (t == &list_type) {
            gc::RootedValues snap;
            list_snapshot(iterable.as<ListObject>(), snap);
            return list_from(snap.data(), static_cast<int64_t>(snap.size()));
        }
        if (t == &tuple_type) {
            auto* tu = iterable.as<TupleObject>();
            return list_from(tu->items(), tu->m_size);
        }
    }
    ListObject* out = list_new();
    Value it = py_iter(iterable);
    while (Value v = iter_next_fast(it))
        list_append(out, v);
    return out;
}

TupleObject* py_tuple_from_iterable(Value iterable)
{
    if (iterable.is_object() && iterable.as_object()->m_type == &tuple_type)
        return iterable.as<TupleObject>();
    ListObject* l = py_list_from_iterable(iterable);
    gc::RootedValues snap;
    list_snapshot(l, snap);
    return tuple_from(snap.data(), static_cast<int64_t>(snap.size()));
}

} // namespace pystm
