// Fatal errors: the one place the process dies on a broken internal invariant.
#include "base/common.h"

namespace pystm {

void fatal_error(const char* file, int line, const char* what, const char* id)
{
    std::fprintf(stderr, "pystm: fatal internal error [%s] at %s:%d: %s\n", id, file, line, what);
    std::abort();
}

} // namespace pystm
