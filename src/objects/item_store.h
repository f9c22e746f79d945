// ItemStore: the item storage of a list. A size and one heap block that holds its capacity and
// the items. The interface is the part of std::vector<Value> that list code uses, and the owner
// of the list (the attempt that holds its lock, or the only thread) uses it like one. What it
// adds is a way for other threads to read it in place (STM-5) while the owner changes it:
//
//   LIST-4 A block's capacity never changes after it is allocated, and a block that the store
//          stops using (growth, clear, shrink, assign) is retired (gc::retire, GC-9), not freed,
//          so that it stays readable until every thread has passed a safepoint. A reader that
//          loads the block pointer once and bounds its index by that block's own capacity
//          (view(), at_racy()) therefore reads only memory of a live block, whatever it pairs
//          it with: a size read earlier, a size from after the owner's change, or a null block.
//          What it reads may be stale or never committed; the validation that must follow the
//          read (read_validate_barrier, STM-5) aborts the attempt before it uses such items.
//
// std::vector gave no such guarantee: its three pointers are stored one by one, a reader could
// pair a new (or null, after clear) begin with an old end, and a block replaced by an inevitable
// transaction, which keeps no undo record, was freed at once (a large one unmapped).
#pragma once

#include "objects/value_block.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace pystm {

class ItemStore {
public:
    // What a reader took in place: items [0, size) of one block (LIST-4).
    struct View {
        Value const* items;
        size_t size;
    };

    ItemStore() = default;
    ItemStore(ItemStore const&) = delete;
    ItemStore& operator=(ItemStore const&) = delete;
    ItemStore(ItemStore&& o) noexcept
        : m_block(o.m_block)
        , m_size(o.m_size)
    {
        o.publish(nullptr, 0);
    }
    ItemStore& operator=(ItemStore&& o) noexcept
    {
        if (this != &o) {
            replace_block(o.m_block, o.m_size);
            o.publish(nullptr, 0);
        }
        return *this;
    }
    // Frees the block at once: only a store nobody else can reach is destroyed (a dead list,
    // an undo record's after drop).
    ~ItemStore() { ValueBlock::free(m_block); }

    // --- the owner's interface (std::vector's) ---
    size_t size() const { return m_size; }
    size_t capacity() const { return m_block ? m_block->capacity : 0; }
    bool empty() const { return m_size == 0; }
    Value* data() { return m_block ? m_block->items() : nullptr; }
    Value const* data() const { return m_block ? m_block->items() : nullptr; }
    Value* begin() { return data(); }
    Value* end() { return data() + m_size; }
    Value const* begin() const { return data(); }
    Value const* end() const { return data() + m_size; }
    Value& operator[](size_t i) { return m_block->items()[i]; }
    Value const& operator[](size_t i) const { return m_block->items()[i]; }

    void push_back(Value v)
    {
        if (PY_UNLIKELY(m_size == capacity()))
            grow_to(m_size + 1);
        m_block->items()[m_size] = v;
        set_size(m_size + 1);
    }
    void reserve(size_t n)
    {
        if (n > capacity())
            reallocate(n);
    }
    // reserve() for the store of a list that was just created: no reader can pair its block
    // with an earlier size, so the room is not zeroed.
    void reserve_new(size_t n)
    {
        if (!m_block && n)
            m_block = allocate(n, n);
    }
    // Size n; new items are null.
    void resize(size_t n);
    void clear() { set_size(0); }
    void shrink_to_fit()
    {
        if (capacity() != m_size)
            reallocate(m_size);
    }
    void assign(Value const* first, Value const* last);
    Value* insert(Value* pos, Value v) { return insert(pos, 1, v); }
    Value* insert(Value* pos, size_t count, Value v);
    Value* insert(Value* pos, Value const* first, Value const* last);
    Value* erase(Value* pos) { return erase(pos, pos + 1); }
    Value* erase(Value* first, Value* last);
    void swap(ItemStore& o)
    {
        Block* b = m_block;
        size_t n = m_size;
        publish(o.m_block, o.m_size);
        o.publish(b, n);
    }
    // Hands the block to the collector (GC-9): for a store that other threads may still read.
    void retire();

    // --- readers that race the owner (LIST-4) ---
    // The items of one block, at most as many as it holds; the caller validates afterwards.
    View view() const
    {
        Block* b
            = std::atomic_ref<Block*>(const_cast<Block*&>(m_block)).load(std::memory_order_acquire);
        size_t n
            = std::atomic_ref<size_t>(const_cast<size_t&>(m_size)).load(std::memory_order_relaxed);
        if (!b)
            return { nullptr, 0 };
        return { b->items(), n < b->capacity ? n : b->capacity };
    }
    // Item [i], or null where the block has none; the caller validates afterwards.
    Value at_racy(size_t i) const
    {
        Block* b
            = std::atomic_ref<Block*>(const_cast<Block*&>(m_block)).load(std::memory_order_acquire);
        if (PY_UNLIKELY(!b || i >= b->capacity))
            return Value();
        return b->items()[i];
    }
    size_t size_racy() const
    {
        return std::atomic_ref<size_t>(const_cast<size_t&>(m_size)).load(std::memory_order_relaxed);
    }

private:
    using Block = ValueBlock; // LIST-4

    void set_size(size_t n) { std::atomic_ref<size_t>(m_size).store(n, std::memory_order_relaxed); }
    // The owner's change becomes visible to readers: block first (its items were written before
    // the release store), then the size.
    void publish(Block* b, size_t n)
    {
        std::atomic_ref<Block*>(m_block).store(b, std::memory_order_release);
        set_size(n);
    }
    // A block for [capacity] items whose first [filled] the caller writes.
    static Block* allocate(size_t capacity, size_t filled);
    // Publishes [b] with [n] items and retires the block it replaces (LIST-4).
    void replace_block(Block* b, size_t n);
    // A new block of [capacity] with the items [0, size) (capacity >= size); the old one retires.
    void reallocate(size_t capacity);
    // The capacity of a growth to at least [need] items: doubles, as std::vector does.
    size_t grown_capacity(size_t need) const;
    void grow_to(size_t need);

    Block* m_block = nullptr;
    size_t m_size = 0;
};

} // namespace pystm
