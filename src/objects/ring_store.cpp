// RingStore's out-of-line parts: block allocation and the changes that move items. Every block
// the store stops using is retired (ValueBlock::retire, DEQUE-1).
#include "objects/ring_store.h"

#include "gc/heap.h"
#include "objects/exceptions.h"

#include <algorithm>
#include <cstring>

namespace pystm {

RingStore::~RingStore() { ValueBlock::free(m_block); }

RingStore::Block* RingStore::allocate(size_t capacity)
{
    Block* b = ValueBlock::allocate(capacity);
    // Null room: a reader that pairs this block with another head or size reads nulls, not
    // leftovers of the allocator.
    std::memset(static_cast<void*>(b->items()), 0, capacity * sizeof(Value));
    return b;
}

void RingStore::replace_block(Block* nb, size_t n)
{
    Block* old = m_block;
    // Readers see the new block only after its items (release store); a reader that pairs it
    // with the old head or size still reads inside it (DEQUE-1).
    std::atomic_ref<Block*>(m_block).store(nb, std::memory_order_release);
    std::atomic_ref<size_t>(m_head).store(0, std::memory_order_relaxed);
    set_size(n);
    ValueBlock::retire(old); // GC-9: readers may hold it
}

void RingStore::regrow(size_t capacity)
{
    Block* nb = capacity ? allocate(capacity) : nullptr;
    for (size_t i = 0; i < m_size; i++)
        nb->items()[i] = (*this)[i];
    replace_block(nb, m_size);
}

void RingStore::clear()
{
    set_size(0);
    if (m_block && m_block->capacity > kMinCapacity)
        regrow(0);
}

void RingStore::insert(size_t i, Value v)
{
    if (i == m_size) {
        push_back(v);
        return;
    }
    if (i == 0) {
        push_front(v);
        return;
    }
    make_room();
    if (i < m_size / 2) {
        // The items before [i] move one place towards the front.
        set_head(m_head - 1);
        set_size(m_size + 1);
        for (size_t k = 0; k < i; k++)
            (*this)[k] = (*this)[k + 1];
    } else {
        set_size(m_size + 1);
        for (size_t k = m_size - 1; k > i; k--)
            (*this)[k] = (*this)[k - 1];
    }
    (*this)[i] = v;
}

void RingStore::erase(size_t i)
{
    if (i < m_size / 2) {
        for (size_t k = i; k > 0; k--)
            (*this)[k] = (*this)[k - 1];
        pop_front();
    } else {
        for (size_t k = i; k + 1 < m_size; k++)
            (*this)[k] = (*this)[k + 1];
        pop_back();
    }
}

void RingStore::reverse()
{
    for (size_t a = 0, b = m_size; a + 1 < b; a++, b--)
        std::swap((*this)[a], (*this)[b - 1]);
}

void RingStore::rotate(size_t k)
{
    if (m_size == m_block->capacity) {
        // Full: the ring itself turns.
        set_head(m_head - k);
        return;
    }
    // Moving [k] items from the back to the front, or the others from the front to the back.
    if (k <= m_size - k) {
        for (size_t n = 0; n < k; n++) {
            Value v = back();
            set_size(m_size - 1);
            push_front(v);
        }
    } else {
        for (size_t n = 0; n < m_size - k; n++) {
            Value v = front();
            set_head(m_head + 1);
            set_size(m_size - 1);
            push_back(v);
        }
    }
}

void RingStore::assign(Value const* first, Value const* last)
{
    size_t n = static_cast<size_t>(last - first);
    size_t capacity = kMinCapacity;
    while (capacity < n)
        capacity *= 2;
    Block* nb = allocate(capacity);
    if (n) // [first] may be null then
        std::memcpy(static_cast<void*>(nb->items()), first, n * sizeof(Value));
    replace_block(nb, n);
}

void RingStore::copy_to(gc::RootedValues& out) const
{
    out.reserve(out.size() + m_size);
    for (size_t i = 0; i < m_size; i++)
        out.push_back((*this)[i]);
}

void RingStore::copy_racy(gc::RootedValues& out) const
{
    Block* b = load_block();
    if (!b)
        return;
    size_t h = std::atomic_ref<size_t>(const_cast<size_t&>(m_head)).load(std::memory_order_relaxed);
    size_t n = std::min(size_racy(), b->capacity);
    out.reserve(out.size() + n);
    for (size_t i = 0; i < n; i++)
        out.push_back(b->items()[(h + i) & (b->capacity - 1)]);
}

} // namespace pystm
