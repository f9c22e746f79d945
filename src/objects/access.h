// The accessor layer's barriers (principle 2, docs/internals/stm-readiness.md).
//
// Every read of a mutable object's state must be preceded by read_barrier(obj) and every write
// by write_barrier(obj), in the same C++ function that performs the access, with no safepoint in
// between. The container types (list, dict, set, bytearray, instance __dict__, cell, ...) keep
// their fields private and expose accessor functions that place the barriers, so no other code
// touches their state directly.
//
// Invariant STM-0: while the STM is off (one thread), a barrier is one test of g_stm_active,
// which is false: a predictable, not-taken branch. The interpreter sets it when a second thread
// starts and routes the slow paths below, and clears it when the threads are back to one
// (TX-5, vm/transaction.cpp).
// Immutable objects (OF_IMMUTABLE, OBJ-1) never need a barrier; callers may skip it.
#pragma once

#include "objects/object.h"
#include "stm/stm.h"

namespace pystm {

extern bool g_stm_active;

namespace stm {
void read_barrier_slow(Object* o);
void write_barrier_slow(Object* o);
void lock_barrier_slow(Object* o);
void read_validate_barrier_slow(Object* o);
} // namespace stm

// With the STM engaged, the inline part is the runtime's fast paths (stm.h): an object that the
// running attempt wrote or allocated needs nothing more, nor does a read of an object it has
// read already (STM-12). Everything else, including immutable objects and barriers taken by the
// collector (GC-8), is sorted out by the slow paths (vm/stm_client.cpp).
inline void read_barrier(Object* o)
{
    if (PY_UNLIKELY(g_stm_active) && !stm::read_fast(o))
        stm::read_barrier_slow(o);
}
inline void write_barrier(Object* o)
{
    if (PY_UNLIKELY(g_stm_active) && !stm::write_fast(o))
        stm::write_barrier_slow(o);
}
// write_barrier() that saves no undo record (stm::lock_slow): only for an object the caller
// will not change through this lock, or whose changes another record of the attempt restores.
inline void lock_barrier(Object* o)
{
    if (PY_UNLIKELY(g_stm_active) && !stm::write_fast(o))
        stm::lock_barrier_slow(o);
}
// After reading several fields of [o] (after read_barrier) and before acting on what was read:
// with parallel transactions another thread may have locked and changed [o] in place meanwhile,
// and this aborts the transaction instead of letting it use a torn state (STM-5). A single field
// read and used as it is needs none for correctness: the commit of an attempt that wrote
// anything validates every read (an interpreter attempt always writes its restart frame), so a
// value another attempt wrote and has not committed never commits with it (STM-4 step 3).
inline void read_validate_barrier(Object* o)
{
    if (PY_UNLIKELY(g_stm_active) && !stm::validate_fast(o))
        stm::read_validate_barrier_slow(o);
}

} // namespace pystm
