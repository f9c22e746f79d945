// ByteStore's blocks (objects/byte_store.h, BYTES-1).
#include "objects/byte_store.h"

#include "gc/heap.h"
#include "objects/exceptions.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace pystm {

namespace {
// The pointer and the size are read by other threads while a writer changes them (BYTES-1).
template <class T> T load_racy(T const& field, std::memory_order order)
{
    return std::atomic_ref<T>(const_cast<T&>(field)).load(order);
}
} // namespace

ByteStore::~ByteStore() { std::free(m_block); }

ByteStore::Block* ByteStore::block() const { return load_racy(m_block, std::memory_order_acquire); }

size_t ByteStore::size() const { return load_racy(m_size, std::memory_order_relaxed); }

std::string_view ByteStore::view() const
{
    Block* b = block();
    if (!b)
        return {};
    return { b->bytes(), std::min(size(), b->capacity) };
}

char* ByteStore::data() { return m_block ? m_block->bytes() : nullptr; }

ByteStore::Block* ByteStore::allocate(size_t n)
{
    if (n > SIZE_MAX / 2 - sizeof(Block))
        raise_memory_error();
    size_t capacity = std::max<size_t>(n, 16);
    void* p = std::malloc(sizeof(Block) + capacity);
    if (!p)
        raise_memory_error();
    auto* b = static_cast<Block*>(p);
    b->capacity = capacity;
    return b;
}

void ByteStore::publish(Block* b)
{
    Block* old = m_block;
    std::atomic_ref<Block*>(m_block).store(b, std::memory_order_release);
    if (old)
        gc::retire(
            old, [](void* p) { std::free(p); }, 0);
}

void ByteStore::assign(std::string_view s)
{
    size_t cap = m_block ? m_block->capacity : 0;
    // A much smaller content gets a smaller block: clear() of a big bytearray gives its memory
    // back, as CPython's does.
    if (s.size() > cap || (cap > 256 && s.size() < cap / 4)) {
        Block* b = allocate(s.size());
        if (!s.empty())
            std::memcpy(b->bytes(), s.data(), s.size()); // an empty view's data may be null
        set_size(0); // readers of the old block, which is retired, not freed, see no more bytes
        publish(b);
    } else if (!s.empty()) {
        std::memmove(m_block->bytes(), s.data(), s.size());
    }
    set_size(s.size());
}

void ByteStore::append_slow(std::string_view s)
{
    size_t n = m_size;
    size_t cap = m_block ? m_block->capacity : 0;
    if (n + s.size() > cap) {
        Block* b = allocate(std::max(n + s.size(), cap + cap / 2));
        if (n)
            std::memcpy(b->bytes(), m_block->bytes(), n);
        std::memcpy(b->bytes() + n, s.data(), s.size()); // [s] may be in the old block: still there
        publish(b);
    } else if (!s.empty()) {
        std::memmove(m_block->bytes() + n, s.data(), s.size());
    }
    set_size(n + s.size());
}

void ByteStore::insert(size_t pos, std::string_view s)
{
    size_t n = m_size;
    size_t cap = m_block ? m_block->capacity : 0;
    if (n + s.size() > cap) {
        Block* b = allocate(std::max(n + s.size(), cap + cap / 2));
        char* old = m_block ? m_block->bytes() : nullptr;
        if (pos)
            std::memcpy(b->bytes(), old, pos);
        std::memcpy(b->bytes() + pos, s.data(), s.size());
        if (n > pos)
            std::memcpy(b->bytes() + pos + s.size(), old + pos, n - pos);
        publish(b);
    } else if (!s.empty()) {
        std::string copy(s); // [s] may lie in the bytes that move
        char* d = m_block->bytes();
        std::memmove(d + pos + copy.size(), d + pos, n - pos);
        std::memcpy(d + pos, copy.data(), copy.size());
    }
    set_size(n + s.size());
}

void ByteStore::erase(size_t pos, size_t n)
{
    if (n == 0)
        return;
    char* d = m_block->bytes();
    std::memmove(d + pos, d + pos + n, m_size - pos - n);
    set_size(m_size - n);
}

} // namespace pystm
