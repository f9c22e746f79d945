// The abstract object protocol (objects/api.h), part 1: type checks (isinstance / issubclass),
// conversion to text (repr, str, ascii, format), truth and hashing. The other parts are
// api_attr.cpp (attributes), api_call.cpp (calls), api_number.cpp (operators and numeric
// conversions), api_compare.cpp (rich comparison) and api_sequence.cpp (containers, iteration).
//
// Every function dispatches through type(v)'s special-method cache (TYPE-1) after fast paths
// for the exact core types; a fast path must give exactly the result of the generic path.
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"

namespace pystm {

// --- type checks -----------------------------------------------------------------------------

bool isinstance(Value v, Type* t) { return type_of(v)->is_subtype(t); }

namespace {

// The __bases__ of [cls] if it is a tuple (CPython's abstract_get_bases), else null.
TupleObject* abstract_bases(Value cls)
{
    Value b = py_getattr_opt(cls, names::__bases__);
    return (b && is_tuple(b)) ? b.as<TupleObject>() : nullptr;
}

bool abstract_issubclass(Value derived, Value cls)
{
    RecursionGuard guard(" in __subclasscheck__");
    for (;;) {
        if (derived == cls)
            return true;
        TupleObject* bases = abstract_bases(derived);
        if (!bases || bases->m_size == 0)
            return false;
        if (bases->m_size == 1) {
            derived = bases->item(0);
            continue;
        }
        for (int64_t i = 0; i < bases->m_size; ++i)
            if (abstract_issubclass(bases->item(i), cls))
                return true;
        return false;
    }
}

void check_class(Value cls, char const* msg)
{
    if (!abstract_bases(cls))
        raise(&exc::TypeError, "%s", msg);
}

bool object_isinstance(Value v, Value cls)
{
    if (is_type(cls)) {
        if (type_of(v)->is_subtype(cls.as<Type>()))
            return true;
        Value icls = py_getattr_opt(v, names::__class__);
        if (icls && icls != Value(type_of(v)) && is_type(icls))
            return icls.as<Type>()->is_subtype(cls.as<Type>());
        return false;
    }
    check_class(cls, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    Value icls = py_getattr_opt(v, names::__class__);
    return icls && abstract_issubclass(icls, cls);
}

bool recursive_issubclass(Value derived, Value cls)
{
    if (is_type(cls) && is_type(derived))
        return derived.as<Type>()->is_subtype(cls.as<Type>());
    check_class(derived, "issubclass() arg 1 must be a class");
    if (type_of(cls) != &union_type)
        check_class(cls, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return abstract_issubclass(derived, cls);
}

TupleObject* union_args(Value u) { return py_getattr(u, intern("__args__")).as<TupleObject>(); }

} // namespace

bool py_isinstance(Value v, Value cls)
{
    Type* vt = type_of(v);
    if (Value(vt) == cls)
        return true;
    if (is_type(cls) && type_of(cls) == &type_type)
        return object_isinstance(v, cls);
    if (type_of(cls) == &union_type)
        cls = union_args(cls);
    if (is_tuple(cls)) {
        RecursionGuard guard(" in __instancecheck__");
        auto* t = cls.as<TupleObject>();
        for (int64_t i = 0; i < t->m_size; ++i)
            if (py_isinstance(v, t->item(i)))
                return true;
        return false;
    }
    Value checker = type_of(cls)->special(SP_instancecheck);
    if (checker && !is_none(checker)) {
        RecursionGuard guard(" in __instancecheck__");
        return py_truthy(call_unbound(checker, cls, &v, 1, nullptr));
    }
    return object_isinstance(v, cls);
}

bool py_issubclass(Value derived, Value cls)
{
    if (is_type(cls) && type_of(cls) == &type_type) {
        if (derived == cls)
            return true;
        return recursive_issubclass(derived, cls);
    }
    if (type_of(cls) == &union_type)
        cls = union_args(cls);
    if (is_tuple(cls)) {
        RecursionGuard guard(" in __subclasscheck__");
        auto* t = cls.as<TupleObject>();
        for (int64_t i = 0; i < t->m_size; ++i)
            if (py_issubclass(derived, t->item(i)))
                return true;
        return false;
    }
    Value checker = type_of(cls)->special(SP_subclasscheck);
    if (checker && !is_none(checker)) {
        RecursionGuard guard(" in __subclasscheck__");
        return py_truthy(call_unbound(checker, cls, &derived, 1, nullptr));
    }
    return recursive_issubclass(derived, cls);
}

// --- text ------------------------------------------------------------------------------------

StrObject* py_repr(Value v)
{
    if (is_exact_str(v))
        return str_repr(v.as<StrObject>());
    RecursionGuard guard(" while getting the repr of an object");
    Value f = type_of(v)->special(SP_repr);
    if (!f)
        return str_from_utf8("<" + type_name(v) + " object>");
    Value r = call_unbound(f, v, nullptr, 0, nullptr);
    if (!is_str(r))
        raise(&exc::TypeError, "__repr__ returned non-string (type %s)", type_name(r).c_str());
    return r.as<StrObject>();
}

StrObject* py_str(Value v)
{
    if (is_exact_str(v))
        return v.as<StrObject>();
    RecursionGuard guard(" while getting the str of an object");
    Value f = type_of(v)->special(SP_str);
    if (!f)
        return py_repr(v);
    Value r = call_unbound(f, v, nullptr, 0, nullptr);
    if (!is_str(r))
        raise(&exc::TypeError, "__str__ returned non-string (type %s)", type_name(r).c_str());
    return r.as<StrObject>();
}

StrObject* py_ascii(Value v)
{
    StrObject* r = py_repr(v);
    if (r->m_ascii)
        return r;
    std::string out;
    static char const hex[] = "0123456789abcdef";
    for (int64_t i = 0; i < r->m_length; ++i) {
        uint32_t c = r->at(i);
        if (c < 128) {
            out += static_cast<char>(c);
        } else if (c < 0x100) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else if (c < 0x10000) {
            out += "\\u";
            for (int s = 12; s >= 0; s -= 4)
                out += hex[(c >> s) & 15];
        } else {
            out += "\\U";
            for (int s = 28; s >= 0; s -= 4)
                out += hex[(c >> s) & 15];
        }
    }
    return str_from_ascii(out);
}

StrObject* py_format(Value v, StrObject* spec)
{
    if (!spec)
        spec = str_empty();
    if (spec->m_length == 0 && is_exact_str(v))
        return v.as<StrObject>();
    Value f = type_of(v)->special(SP_format);
    if (!f || is_none(f))
        raise(&exc::TypeError, "Type %s doesn't define __format__", type_name(v).c_str());
    Value arg = spec;
    Value r = call_unbound(f, v, &arg, 1, nullptr);
    if (!is_str(r))
        raise(&exc::TypeError, "__format__ must return a str, not %s", type_name(r).c_str());
    return r.as<StrObject>();
}

std::string repr_utf8(Value v) { return str_utf8(py_repr(v)); }

std::string type_name(Value v) { return type_of(v)->name_str(); }

// --- truth and hashing ----------------------------------------------------------------------

namespace {

// len() result checks shared by py_len and py_truthy.
int64_t checked_len_result(Value r)
{
    if (r.is_small_int()) {
        if (r.as_small_int() < 0)
            raise(&exc::ValueError, "__len__() should return >= 0");
        return r.as_small_int();
    }
    Value i = py_number_index(r);
    if (int_sign(i) < 0)
        raise(&exc::ValueError, "__len__() should return >= 0");
    int64_t n;
    if (!int_to_i64(i, &n))
        raise(&exc::OverflowError, "cannot fit '%s' into an index-sized integer", type_name(r).c_str());
    return n;
}

} // namespace

int64_t len_from_special(Value v, Value f)
{
    return checked_len_result(call_unbound(f, v, nullptr, 0, nullptr));
}

bool py_truthy(Value v)
{
    if (v == Value(g_true))
        return true;
    if (v == Value(g_false) || v == Value(g_none))
        return false;
    if (v.is_small_int())
        return v.as_small_int() != 0;
    Type* t = v.as_object()->m_type;
    if (t == &str_type)
        return v.as<StrObject>()->m_length != 0;
    if (t == &float_type)
        return float_value(v) != 0.0;
    if (t == &tuple_type)
        return v.as<TupleObject>()->m_size != 0;
    if (t == &list_type)
        return list_size(v.as<ListObject>()) != 0;
    if (t == &dict_type)
        return dict_size(v.as<DictObject>()) != 0;
    Value f = t->special(SP_bool);
    if (f) {
        Value r = call_unbound(f, v, nullptr, 0, nullptr);
        if (r == Value(g_true))
            return true;
        if (r == Value(g_false))
            return false;
        raise(&exc::TypeError, "__bool__ should return bool, returned %s", type_name(r).c_str());
    }
    f = t->special(SP_len);
    if (f && !is_none(f))
        return len_from_special(v, f) != 0;
    return true;
}

int64_t py_hash(Value v)
{
    if (v.is_small_int())
        return int_hash(v);
    Type* t = v.as_object()->m_type;
    if (t == &str_type)
        return str_hash(v.as<StrObject>());
    Value f = t->special(SP_hash);
    if (!f || is_none(f))
        raise(&exc::TypeError, "unhashable type: '%s'", t->name_str().c_str());
    Value r = call_unbound(f, v, nullptr, 0, nullptr);
    if (!is_int(r))
        raise(&exc::TypeError, "__hash__ method should return an integer");
    int64_t h;
    if (!int_to_i64(r, &h))
        h = int_hash(r);
    return h == -1 ? -2 : h;
}

} // namespace pystm
