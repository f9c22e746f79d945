// The abstract object protocol, part 5: rich comparison. a OP b tries the reflected method of b
// first when type(b) is a proper subclass of type(a), then a.__op__(b), then b.__reflected__(a);
// == and != fall back to identity when everything returns NotImplemented, the orderings raise
// "'<' not supported between instances of 'A' and 'B'". py_eq adds the identity shortcut that
// containers use (CPython's PyObject_RichCompareBool); py_richcompare itself has none.
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/type_internal.h"

namespace pystm {

namespace {

SpecialId const s_cmp_ids[6] = { SP_lt, SP_le, SP_eq, SP_ne, SP_gt, SP_ge };
CompareOp const s_swapped[6] = { CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE };
char const* const s_cmp_syms[6] = { "<", "<=", "==", "!=", ">", ">=" };

template <class T> bool cmp_result(T a, T b, CompareOp op)
{
    switch (op) {
    case CMP_LT: return a < b;
    case CMP_LE: return a <= b;
    case CMP_EQ: return a == b;
    case CMP_NE: return a != b;
    case CMP_GT: return a > b;
    default: return a >= b;
    }
}

// Fast paths for the exact core types: 1/0 for a result, -1 when the generic path must run.
int fast_compare(Value a, Value b, CompareOp op)
{
    if (a.is_small_int() && b.is_small_int())
        return cmp_result(a.as_small_int(), b.as_small_int(), op);
    if (!a.is_object() || !b.is_object())
        return -1;
    Type* ta = a.as_object()->m_type;
    Type* tb = b.as_object()->m_type;
    if (ta == &float_type && tb == &float_type)
        return cmp_result(float_value(a), float_value(b), op);
    if (ta == &str_type && tb == &str_type) {
        if (op == CMP_EQ)
            return str_eq(a.as<StrObject>(), b.as<StrObject>());
        if (op == CMP_NE)
            return !str_eq(a.as<StrObject>(), b.as<StrObject>());
        return cmp_result(str_compare(a.as<StrObject>(), b.as<StrObject>()), 0, op);
    }
    return -1;
}

bool usable(Value f) { return f && !is_none(f); }

} // namespace

Value call_compare(Value f, Value self, Value other)
{
    Type* dt = type_of(f);
    if (dt == &function_type || dt == &method_descriptor_type || dt == &wrapper_descriptor_type
        || dt == &staticmethod_type)
        return call_unbound(f, self, &other, 1, nullptr);
    Value bound;
    try {
        bound = descr_get(f, self, Value(type_of(self)));
    } catch (PyError&) {
        take_exception();
        return Value(g_not_implemented);
    }
    return py_call(bound, &other, 1, nullptr);
}

namespace {

} // namespace

Value py_richcompare(Value a, Value b, CompareOp op)
{
    int fast = fast_compare(a, b, op);
    if (fast >= 0)
        return py_bool(fast);
    RecursionGuard guard(" in comparison");
    Value ni(g_not_implemented);
    Type* ta = type_of(a);
    Type* tb = type_of(b);
    CompareOp sw = s_swapped[op];
    bool checked_reverse = false;
    if (ta != tb && tb->is_subtype(ta)) {
        Value f = tb->special(s_cmp_ids[sw]);
        if (usable(f)) {
            checked_reverse = true;
            Value r = call_compare(f, b, a);
            if (r != ni)
                return r;
        }
    }
    Value f = ta->special(s_cmp_ids[op]);
    if (usable(f)) {
        Value r = call_compare(f, a, b);
        if (r != ni)
            return r;
    }
    if (!checked_reverse) {
        Value g = tb->special(s_cmp_ids[sw]);
        if (usable(g)) {
            Value r = call_compare(g, b, a);
            if (r != ni)
                return r;
        }
    }
    if (op == CMP_EQ)
        return py_bool(a == b);
    if (op == CMP_NE)
        return py_bool(a != b);
    raise(&exc::TypeError, "'%s' not supported between instances of '%s' and '%s'", s_cmp_syms[op],
        type_name(a).c_str(), type_name(b).c_str());
}

bool py_compare_bool(Value a, Value b, CompareOp op)
{
    int fast = fast_compare(a, b, op);
    if (fast >= 0)
        return fast;
    Value r = py_richcompare(a, b, op);
    if (r == Value(g_true))
        return true;
    if (r == Value(g_false))
        return false;
    return py_truthy(r);
}

bool py_eq(Value a, Value b)
{
    if (a == b)
        return true;
    return py_compare_bool(a, b, CMP_EQ);
}

} // namespace pystm
