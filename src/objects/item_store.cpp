// ItemStore's out-of-line parts: block allocation and the changes that move items. Every block
// the store stops using is retired (ValueBlock::retire, LIST-4).
#include "objects/item_store.h"

#include "gc/heap.h"
#include "objects/exceptions.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace pystm {

ItemStore::Block* ItemStore::allocate(size_t capacity, size_t filled)
{
    Block* b = ValueBlock::allocate(capacity);
    // The items past the [filled] ones the caller writes are null: a reader that pairs this
    // block with an older, larger size (LIST-4) reads nulls, not leftovers of the allocator.
    if (capacity > filled)
        std::memset(
            static_cast<void*>(b->items() + filled), 0, (capacity - filled) * sizeof(Value));
    return b;
}

void ItemStore::replace_block(Block* b, size_t n)
{
    Block* old = m_block;
    publish(b, n);
    ValueBlock::retire(old); // LIST-4, GC-9
}

void ItemStore::retire() { replace_block(nullptr, 0); }

void ItemStore::reallocate(size_t capacity)
{
    Block* nb = capacity ? allocate(capacity, m_size) : nullptr;
    if (m_size)
        std::memcpy(static_cast<void*>(nb->items()), data(), m_size * sizeof(Value));
    replace_block(nb, m_size);
}

size_t ItemStore::grown_capacity(size_t need) const
{
    size_t cap = capacity();
    size_t want = cap ? 2 * cap : 4;
    return want > need ? want : need;
}

void ItemStore::grow_to(size_t need) { reallocate(grown_capacity(need)); }

void ItemStore::resize(size_t n)
{
    if (n > capacity())
        grow_to(n);
    for (size_t i = m_size; i < n; i++)
        m_block->items()[i] = Value();
    set_size(n);
}

void ItemStore::assign(Value const* first, Value const* last)
{
    size_t n = static_cast<size_t>(last - first);
    if (n > capacity()) {
        // A fresh block: [first, last) may lie in the current one.
        Block* nb = allocate(n, n);
        std::memcpy(static_cast<void*>(nb->items()), first, n * sizeof(Value));
        replace_block(nb, n);
        return;
    }
    if (n)
        std::memmove(static_cast<void*>(m_block->items()), first, n * sizeof(Value));
    set_size(n);
}

Value* ItemStore::insert(Value* pos, size_t count, Value v)
{
    size_t at = static_cast<size_t>(pos - begin());
    if (count == 0)
        return begin() + at;
    if (m_size + count > capacity())
        grow_to(m_size + count);
    Value* items = m_block->items();
    std::memmove(static_cast<void*>(items + at + count), items + at, (m_size - at) * sizeof(Value));
    for (size_t i = 0; i < count; i++)
        items[at + i] = v;
    set_size(m_size + count);
    return items + at;
}

Value* ItemStore::insert(Value* pos, Value const* first, Value const* last)
{
    size_t at = static_cast<size_t>(pos - begin());
    size_t count = static_cast<size_t>(last - first);
    if (count == 0)
        return begin() + at;
    if (m_size + count > capacity()) {
        // A fresh block, filled before it is published: [first, last) may lie in the old one.
        Block* nb = allocate(grown_capacity(m_size + count), m_size + count);
        Value* items = nb->items();
        Value const* old_items = data();
        if (at)
            std::memcpy(static_cast<void*>(items), old_items, at * sizeof(Value));
        std::memcpy(static_cast<void*>(items + at), first, count * sizeof(Value));
        if (m_size > at)
            std::memcpy(static_cast<void*>(items + at + count), old_items + at,
                (m_size - at) * sizeof(Value));
        replace_block(nb, m_size + count);
        return items + at;
    }
    Value* items = m_block->items();
    bool inside = first >= items && first < items + capacity();
    if (inside) {
        // From this store itself (l[i:i] = l's own items, through a snapshot elsewhere; kept
        // correct for any caller): copy the source out first.
        Value* tmp = static_cast<Value*>(std::malloc(count * sizeof(Value)));
        if (!tmp)
            raise_memory_error();
        std::memcpy(static_cast<void*>(tmp), first, count * sizeof(Value));
        std::memmove(
            static_cast<void*>(items + at + count), items + at, (m_size - at) * sizeof(Value));
        std::memcpy(static_cast<void*>(items + at), tmp, count * sizeof(Value));
        std::free(tmp);
    } else {
        std::memmove(
            static_cast<void*>(items + at + count), items + at, (m_size - at) * sizeof(Value));
        std::memcpy(static_cast<void*>(items + at), first, count * sizeof(Value));
    }
    set_size(m_size + count);
    return items + at;
}

Value* ItemStore::erase(Value* first, Value* last)
{
    Value* items = data();
    size_t lo = static_cast<size_t>(first - items);
    size_t hi = static_cast<size_t>(last - items);
    if (hi > lo) {
        std::memmove(static_cast<void*>(items + lo), items + hi, (m_size - hi) * sizeof(Value));
        set_size(m_size - (hi - lo));
    }
    return items + lo;
}

} // namespace pystm
