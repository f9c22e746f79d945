// Common definitions shared by every subsystem: assertion macros and basic includes.
//
// PY_ASSERT(cond, "ID") is checked in debug builds only; the second argument names the
// invariant (for example "GC-2") so a failure points at docs/internals/. PY_VERIFY is checked
// in every build and is reserved for conditions whose failure would corrupt the heap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace pystm {

[[noreturn]] void fatal_error(char const* file, int line, char const* what, char const* id);

} // namespace pystm

#define PY_VERIFY(cond, id)                                                                        \
    do {                                                                                           \
        if (__builtin_expect(!(cond), 0))                                                          \
            ::pystm::fatal_error(__FILE__, __LINE__, #cond, id);                                   \
    } while (0)

#ifdef NDEBUG
#define PY_ASSERT(cond, id) ((void)0)
#else
#define PY_ASSERT(cond, id) PY_VERIFY(cond, id)
#endif

#define PY_LIKELY(x) __builtin_expect(!!(x), 1)
#define PY_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define PY_IMPLIES(a, b) (!(a) || (b))

// One step of a spin-wait: tells the processor that the thread is waiting (on x86, PAUSE spares
// the sibling hyper-thread and the memory-order machinery).
inline void cpu_relax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}
