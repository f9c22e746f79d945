// ByteStore: the bytes of a bytearray and of an array.array, in one heap block that holds its
// own capacity. Keeps BYTES-1:
//
//   BYTES-1 a block's capacity never changes, and a block the store replaces (to grow, or to
//           give memory back after a big shrink) is retired (GC-9), never freed while the object
//           lives. So a reader on another thread, which loaded the block pointer before a writer
//           locked the object (STM-5: in-place writes), reads inside memory that stays allocated
//           until the next collection: view() loads the block once and bounds the size it pairs
//           with it by that block's capacity. What it reads may be torn; the caller validates
//           the object (read_validate) before acting on it. A std::string freed its buffer at
//           once, under such readers (a large one is unmapped: the reader crashed).
//
// Readers call the const members after the object's read barrier; writers call the others after
// its write barrier. Writers publish a new block only once its bytes are in place, and store the
// size after the bytes it covers.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace pystm {

class ByteStore {
public:
    ByteStore() = default;
    // Frees the block at once: the object is dead (its destroy hook) or was never published.
    ~ByteStore();
    ByteStore(ByteStore const&) = delete;
    ByteStore& operator=(ByteStore const&) = delete;

    // --- readers ---
    size_t size() const;
    bool empty() const { return size() == 0; }
    // The bytes, from one block: at most its capacity of them (BYTES-1).
    std::string_view view() const;
    std::string str() const { return std::string(view()); }

    // --- writers ---
    // The current block's bytes, size() of them, to change in place.
    char* data();
    void assign(std::string_view s);
    // Inline while the block has room: bytearray.append and array.append in a loop.
    void append(std::string_view s)
    {
        if (m_block && s.size() <= m_block->capacity - m_size) {
            std::memmove(m_block->bytes() + m_size, s.data(), s.size());
            set_size(m_size + s.size());
        } else {
            append_slow(s);
        }
    }
    void push_back(char c) { append(std::string_view(&c, 1)); }
    // Inserts [s] before byte [pos] (<= size()).
    void insert(size_t pos, std::string_view s);
    // Removes [n] bytes from [pos] on ([pos, pos + n) within the bytes).
    void erase(size_t pos, size_t n);
    void clear() { assign({}); }

private:
    struct Block {
        size_t capacity;
        size_t reserved; // keeps the bytes 16-byte aligned (array.array reads doubles in place)
        char* bytes() { return reinterpret_cast<char*>(this + 1); }
    };
    Block* m_block = nullptr;
    size_t m_size = 0;

    Block* block() const;
    // The size is stored after the bytes it covers, for readers on other threads.
    void set_size(size_t n) { std::atomic_ref<size_t>(m_size).store(n, std::memory_order_release); }
    void append_slow(std::string_view s);
    // A block of room for at least [n] bytes, not yet published; raises MemoryError.
    static Block* allocate(size_t n);
    // Makes [b] (its bytes in place) the store's block and retires the old one (BYTES-1).
    void publish(Block* b);
};

} // namespace pystm
