// RingStore: the item storage of a deque. A ring buffer: one heap block that holds its capacity
// (a power of two) and the items, the index of the first item in it, and the number of items.
// The owner of the deque (the attempt that holds its lock, or the only thread) changes it at
// both ends in O(1); other threads may read it in place (STM-5) while the owner changes it:
//
//   DEQUE-1 A block's capacity never changes after it is allocated, and a block that the store
//          stops using (growth, clear, assignment) is retired (gc::retire, GC-9), not freed, so
//          that it stays readable until every thread has passed a safepoint. A reader that
//          loads the block pointer once and masks every index with that block's capacity
//          (at_racy(), copy_racy()) therefore reads only memory of a live block, whatever head
//          and size it pairs it with. What it reads may be stale, or null where no item was
//          ever stored; the validation that must follow the read (read_validate_barrier,
//          STM-5) aborts the attempt before it uses such items.
//
// std::deque gave no such guarantee: its map of segments is reallocated and its segments freed
// as it grows and shrinks, and a deque's writers run inevitably (a deque keeps no undo record,
// UNDO-1), which freed them at once, under readers that had just passed the read barrier.
#pragma once

#include "objects/value_block.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace pystm {

namespace gc {
    class RootedValues;
}

class RingStore {
public:
    RingStore() = default;
    RingStore(RingStore const&) = delete;
    RingStore& operator=(RingStore const&) = delete;
    // Frees the block at once: only a store nobody else can reach is destroyed (a dead deque).
    ~RingStore();

    // --- the owner's interface ---
    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    Value& operator[](size_t i) { return m_block->items()[(m_head + i) & (m_block->capacity - 1)]; }
    Value const& operator[](size_t i) const
    {
        return m_block->items()[(m_head + i) & (m_block->capacity - 1)];
    }
    Value front() const { return (*this)[0]; }
    Value back() const { return (*this)[m_size - 1]; }
    void push_back(Value v)
    {
        make_room();
        m_block->items()[(m_head + m_size) & (m_block->capacity - 1)] = v;
        set_size(m_size + 1);
    }
    void push_front(Value v)
    {
        make_room();
        size_t h = (m_head - 1) & (m_block->capacity - 1);
        m_block->items()[h] = v;
        set_head(h);
        set_size(m_size + 1);
    }
    void pop_back()
    {
        set_size(m_size - 1);
        maybe_shrink();
    }
    void pop_front()
    {
        set_head(m_head + 1);
        set_size(m_size - 1);
        maybe_shrink();
    }
    void clear();
    // Inserts [v] before item [i] (0 <= i <= size), or removes item [i] (i < size): the shorter
    // side moves.
    void insert(size_t i, Value v);
    void erase(size_t i);
    void reverse();
    // Moves the last [k] items to the front (0 < k < size).
    void rotate(size_t k);
    // Replaces the items with [first, last), which may not lie in this store.
    void assign(Value const* first, Value const* last);
    // Appends the items to [out], in order.
    void copy_to(gc::RootedValues& out) const;
    template <class F> void for_each(F f) const
    {
        for (size_t i = 0; i < m_size; i++)
            f((*this)[i]);
    }

    // --- readers that race the owner (DEQUE-1); the caller validates afterwards ---
    // Item [i] of the store as it was at some moment, or null where the block has none.
    Value at_racy(size_t i) const
    {
        Block* b = load_block();
        if (PY_UNLIKELY(!b))
            return Value();
        size_t h
            = std::atomic_ref<size_t>(const_cast<size_t&>(m_head)).load(std::memory_order_relaxed);
        return b->items()[(h + i) & (b->capacity - 1)];
    }
    // The items of one block, at most as many as it holds, appended to [out].
    void copy_racy(gc::RootedValues& out) const;
    size_t size_racy() const
    {
        return std::atomic_ref<size_t>(const_cast<size_t&>(m_size)).load(std::memory_order_relaxed);
    }

private:
    using Block = ValueBlock; // DEQUE-1

    Block* load_block() const
    {
        return std::atomic_ref<Block*>(const_cast<Block*&>(m_block))
            .load(std::memory_order_acquire);
    }
    void set_size(size_t n) { std::atomic_ref<size_t>(m_size).store(n, std::memory_order_relaxed); }
    void set_head(size_t h)
    {
        std::atomic_ref<size_t>(m_head).store(
            h & (m_block->capacity - 1), std::memory_order_relaxed);
    }
    static Block* allocate(size_t capacity);
    // Publishes [nb] holding [n] items from its start, and retires the block it replaces.
    void replace_block(Block* nb, size_t n);
    // Moves the items, in order, to the start of a new block of [capacity] (at least size(),
    // a power of two; 0: none) and retires the current one (DEQUE-1).
    void regrow(size_t capacity);
    // Room for one more item: a block twice as large when the current one is full.
    void make_room()
    {
        if (PY_UNLIKELY(!m_block || m_size == m_block->capacity))
            regrow(m_block ? 2 * m_block->capacity : kMinCapacity);
    }
    // After a removal: a block much larger than the items is replaced by a smaller one, as
    // CPython's deque frees its blocks when it shrinks.
    void maybe_shrink()
    {
        if (PY_UNLIKELY(m_size * 8 <= m_block->capacity) && m_block->capacity > kMinCapacity)
            regrow(m_block->capacity / 4);
    }

    static constexpr size_t kMinCapacity = 8;

    Block* m_block = nullptr;
    size_t m_head = 0; // index in m_block of item 0
    size_t m_size = 0;
};

} // namespace pystm
