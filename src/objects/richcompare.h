// Rich-comparison helpers shared by the builtin types: their six comparison dunders, turning a
// three-way result into the answer for an operator, and the comparison of sequences (list,
// tuple, collections.deque) by CPython's lexicographic rule. The first index where the items
// differ (identity, then ==) decides with the item comparison itself; when one sequence is a
// prefix of the other, the lengths decide.
//
// A sequence is given as anything with size() and item(i). Both are asked again at every step
// because an item's __eq__ may run Python code that changes a list while the loop runs; an
// item(i) is only asked for i below the size just read.
#pragma once

#include "objects/api.h"
#include "objects/function_object.h"

namespace pystm {

// The argument checks of CPython's comparison slot wrappers: TypeError "wrapper __eq__() takes no
// keyword arguments", "expected 1 argument, got 2".
void check_compare_args(CompareOp op, size_t nargs, TupleObject* kwnames);

template <Value (*Compare)(Value, Value, CompareOp), CompareOp Op>
Value compare_method(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_compare_args(Op, nargs, kwnames);
    return Compare(self, args[0], Op);
}

// __lt__ ... __ge__ of a builtin type whose comparison is Compare(self, other, op) (which returns
// NotImplemented for operands it does not know): add_methods(&type, compare_methods<Compare>).
template <Value (*Compare)(Value, Value, CompareOp)>
inline MethodDef const compare_methods[] = {
    { "__lt__", compare_method<Compare, CMP_LT> },
    { "__le__", compare_method<Compare, CMP_LE> },
    { "__eq__", compare_method<Compare, CMP_EQ> },
    { "__ne__", compare_method<Compare, CMP_NE> },
    { "__gt__", compare_method<Compare, CMP_GT> },
    { "__ge__", compare_method<Compare, CMP_GE> },
    { nullptr, nullptr },
};

// The answer of a OP b given [c] = a <=> b (negative, zero or positive).
Value compare_order(int c, CompareOp op);

// [op] applied to two lengths: the answer when one sequence is a prefix of the other.
inline Value compare_lengths(int64_t la, int64_t lb, CompareOp op)
{
    return compare_order((la > lb) - (la < lb), op);
}

// [eq_by_length]: == and != answer from unequal lengths without comparing any item (list and
// deque do; tuple compares items first, which is observable through __eq__).
template <class A, class B>
Value sequence_compare(A const& a, B const& b, CompareOp op, bool eq_by_length)
{
    if (eq_by_length && (op == CMP_EQ || op == CMP_NE) && a.size() != b.size())
        return py_bool(op == CMP_NE);
    int64_t i = 0;
    for (; i < a.size() && i < b.size(); i++) {
        if (!py_eq(a.item(i), b.item(i)))
            break;
    }
    int64_t la = a.size(), lb = b.size();
    if (i >= la || i >= lb)
        return compare_lengths(la, lb, op);
    if (op == CMP_EQ || op == CMP_NE)
        return py_bool(op == CMP_NE);
    return py_richcompare(a.item(i), b.item(i), op);
}

// A sequence whose items cannot change during the comparison (a tuple, or a rooted snapshot).
struct ItemSpan {
    Value const* m_items;
    int64_t m_size;
    int64_t size() const { return m_size; }
    Value item(int64_t i) const { return m_items[i]; }
};

} // namespace pystm
