// The non-template rich-comparison helpers (objects/richcompare.h).
#include "objects/richcompare.h"

#include "objects/exceptions.h"
#include "objects/tuple_object.h"

namespace pystm {

void check_compare_args(CompareOp op, size_t nargs, TupleObject* kwnames)
{
    static char const* const names[6]
        = { "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__" };
    if (kwnames && kwnames->m_size > 0)
        raise(&exc::TypeError, "wrapper %s() takes no keyword arguments", names[op]);
    if (nargs != 1)
        raise(&exc::TypeError, "expected 1 argument, got %zu", nargs);
}

Value compare_order(int c, CompareOp op)
{
    switch (op) {
    case CMP_LT: return py_bool(c < 0);
    case CMP_LE: return py_bool(c <= 0);
    case CMP_EQ: return py_bool(c == 0);
    case CMP_NE: return py_bool(c != 0);
    case CMP_GT: return py_bool(c > 0);
    default: return py_bool(c >= 0);
    }
}

} // namespace pystm
