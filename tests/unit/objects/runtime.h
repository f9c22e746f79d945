// The runtime the object tests need: this thread attached (its ThreadState and heap) and the
// builtin types bootstrapped. Idempotent: each test's SetUp calls it.
#pragma once

#include "objects/bootstrap.h"
#include "objects/dict_object.h"
#include "vm/thread_state.h"

#include <pthread.h>

namespace pystm::test {

inline void ensure_runtime()
{
    if (!tstate()) {
        pthread_attr_t attr;
        void* addr;
        size_t size;
        pthread_getattr_np(pthread_self(), &attr);
        pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
        thread_state_attach(static_cast<char*>(addr) + size - 256);
    }
    if (!dict_type.m_dict)
        bootstrap_runtime();
}

} // namespace pystm::test
