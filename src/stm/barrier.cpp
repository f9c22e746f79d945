// Barrier slow paths of the accessor layer (objects/access.h), routed to the STM runtime
// (stm/stm.h). With one thread the STM is off: g_stm_active stays false, the barriers are a
// not-taken branch (STM-0) and these functions are never reached. Nothing sets g_stm_active yet
// (the interpreter's thread start will, once every thread runs inside a transaction), so reaching
// a slow path outside a transaction is an internal error rather than a silent no-op.
//
// Not yet done for the interpreter: its accessors do not call stm::read_validate() after their
// reads (STM-5), and nothing calls stm::on_allocate() for new objects (STM-3).
#include "objects/access.h"
#include "stm/stm.h"

namespace pystm {

bool g_stm_active = false;

namespace stm {

void read_barrier_slow(Object* o)
{
    PY_VERIFY(in_transaction(), "STM-0");
    if (o->is_immutable())
        return; // OBJ-1
    read(o);
}

void write_barrier_slow(Object* o)
{
    PY_VERIFY(in_transaction(), "STM-0");
    write(o);
}

} // namespace stm
} // namespace pystm
