// The non-template part of the shared sequence comparison (objects/sequence.h).
#include "objects/sequence.h"

namespace pystm {

Value compare_lengths(int64_t la, int64_t lb, CompareOp op)
{
    bool r = false;
    switch (op) {
    case CMP_LT: r = la < lb; break;
    case CMP_LE: r = la <= lb; break;
    case CMP_EQ: r = la == lb; break;
    case CMP_NE: r = la != lb; break;
    case CMP_GT: r = la > lb; break;
    case CMP_GE: r = la >= lb; break;
    }
    return py_bool(r);
}

} // namespace pystm
