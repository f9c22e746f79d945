// ValueBlock: a heap block of Values that holds its own capacity, the storage of ItemStore (a
// list's items, LIST-4) and RingStore (a deque's, DEQUE-1). The capacity of a block never
// changes, so a reader on another thread that loads a block pointer once can bound its index by
// that block's capacity whatever size it pairs it with.
#pragma once

#include "objects/object.h"

#include <cstddef>

namespace pystm {

struct ValueBlock {
    size_t capacity;
    size_t reserved; // keeps items 16-byte aligned
    Value* items() { return reinterpret_cast<Value*>(this + 1); }

    // A block for [capacity] items, not initialized; raises MemoryError.
    static ValueBlock* allocate(size_t capacity);
    // Frees [b] (may be null) at once: no other thread can be reading it.
    static void free(ValueBlock* b);
    // Hands [b] (may be null) to the collector, which frees it once every thread has passed a
    // safepoint (GC-9); with the STM off, frees it at once.
    static void retire(ValueBlock* b);
};

} // namespace pystm
