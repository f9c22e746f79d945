// The non-template rich-comparison helpers (objects/richcompare.h).
#include "objects/richcompare.h"

namespace pystm {

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
