// Barrier slow paths (objects/access.h). The STM runtime is not engaged in this build: with
// one thread the barriers are a not-taken branch (STM-0), and nothing ever sets
// g_stm_active, so reaching a slow path is an internal error rather than a silent no-op.
#include "objects/access.h"

namespace pystm {

bool g_stm_active = false;

namespace stm {

void read_barrier_slow(Object*) { PY_VERIFY(!"STM slow path reached with the STM off", "STM-0"); }

void write_barrier_slow(Object*) { PY_VERIFY(!"STM slow path reached with the STM off", "STM-0"); }

} // namespace stm
} // namespace pystm
