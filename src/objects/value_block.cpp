// ValueBlock's allocation and release (objects/value_block.h).
#include "objects/value_block.h"

#include "gc/heap.h"
#include "objects/exceptions.h"

#include <cstdint>
#include <cstdlib>

namespace pystm {

ValueBlock* ValueBlock::allocate(size_t capacity)
{
    if (capacity > (SIZE_MAX - sizeof(ValueBlock)) / sizeof(Value))
        raise_memory_error();
    void* p = std::malloc(sizeof(ValueBlock) + capacity * sizeof(Value));
    if (!p)
        raise_memory_error();
    auto* b = static_cast<ValueBlock*>(p);
    b->capacity = capacity;
    return b;
}

void ValueBlock::free(ValueBlock* b) { std::free(b); }

void ValueBlock::retire(ValueBlock* b)
{
    // The stores counted the growth already (gc::note_external_memory, or not at all): 0 bytes.
    if (b)
        gc::retire(
            b, [](void* p) { std::free(p); }, 0);
}

} // namespace pystm
