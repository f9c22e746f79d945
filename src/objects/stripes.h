// Per-key stripes of contended containers (DICT-9, DICT-10, SET-6): what the dict and the set
// share. A striped container holds a tuple of small stripe objects, a power of two of them,
// whose STM headers stand for the keys that hash to them, so that transactions touching
// different keys of one container do not conflict.
#pragma once

#include "objects/access.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>

namespace pystm {

// How many stripes a container of [used] items gets: a power of two, about one per four items,
// from kStripesMin up to stripes_cap(). A resize that finds the container has outgrown its
// stripes gives it more.
//
// A transaction that touches k keys (k stripes) while the other threads commit k keys each
// meets one of their stripes with a chance of about (threads - 1) * k * k / stripes, so
// precision needs stripes well above k * k per thread that runs at once, and not more: the
// stripes of a big container are themselves big (48 bytes each, and a tuple slot), and a
// resize locks and replaces all of them, while stop-the-world collections mark them. With one
// stripe per four items up to 2^20, a word count of 724,000 keys into one stmdict on 2 cores
// ran at 1.25x its 1-thread speed; capped at 2^14 (8,192 per core), at 1.5x, with its aborts
// from about 1% to about 3% of its transactions (docs/containers.md).
inline constexpr int64_t kStripesMin = 64;
inline constexpr int64_t kStripesMax = int64_t(1) << 20;
inline constexpr int64_t kStripesPerCore = 8192;
inline int64_t stripes_cap()
{
    static int64_t const cap = [] {
        int64_t want = kStripesPerCore * std::max<int64_t>(2, std::thread::hardware_concurrency());
        int64_t n = kStripesMin;
        while (n < kStripesMax && n < want)
            n *= 2;
        return n;
    }();
    return cap;
}
inline int64_t stripes_for(int64_t used)
{
    int64_t cap = stripes_cap();
    int64_t n = kStripesMin;
    while (n < cap && n * 4 < used)
        n *= 2;
    return n;
}

// The stripe of the keys with [hash]. The hash is mixed first: small ints hash to themselves,
// and keys that programs compute often share their low bits (an LCG's low bits repeat with a
// short period).
inline Value const* stripe_slot(TupleObject* stripes, int64_t hash)
{
    uint64_t mixed = static_cast<uint64_t>(hash) * 0x9E3779B97F4A7C15ull;
    int bits = __builtin_ctzll(static_cast<uint64_t>(stripes->m_size));
    return &stripes->items()[static_cast<int64_t>(mixed >> (64 - bits))];
}
inline Object* stripe_at(TupleObject* stripes, int64_t hash)
{
    return stripe_slot(stripes, hash)->as_object();
}

// Starts fetching what a key read of [hash] reads first: the stripe's slot, the stripe, and the
// table's first probed line [table_line] (null: none). A big container's stripes and table are
// both far from the cache, and the key read's barrier on the stripe must precede its probe
// (DICT-10): fetched one after another, the stripe's two misses would come before the table's
// instead of overlapping them. Only a hint: [next_line], called once the stripe's slot is on
// its way, may name a further line of the table to fetch (a dict's entry, which its index slot
// names) or null.
template <typename NextLine>
inline void prefetch_key_read(
    TupleObject*& field, int64_t hash, void const* table_line, NextLine next_line)
{
    TupleObject* s = std::atomic_ref<TupleObject*>(field).load(std::memory_order_acquire);
    if (!s)
        return;
    Value const* slot = stripe_slot(s, hash);
    __builtin_prefetch(slot);
    if (table_line)
        __builtin_prefetch(table_line);
    __builtin_prefetch(slot->as_object());
    if (void const* next = next_line())
        __builtin_prefetch(next);
}

// Keys whose equality is decided in C++ without running Python code: exact str and small int.
// Only for them may a key read probe a table that another thread is changing (DICT-10, SET-6).
inline bool simple_key(Value k) { return k.is_small_int() || is_exact_str(k); }

// Equality of a simple [key] with a stored key [sk] of the same hash: 1 equal, 0 not equal,
// -1 undecidable here (a key of another type, which may define __eq__).
inline int simple_key_eq(Value sk, Value key)
{
    if (sk == key)
        return 1;
    if (key.is_small_int())
        return sk.is_small_int() ? 0 : -1;
    return is_exact_str(sk) ? int(str_eq(sk.as<StrObject>(), key.as<StrObject>())) : -1;
}

// The most steps a probe of a table of [size] slots (a power of two) takes before it has met an
// empty slot, which every table keeps. The sequence i = 5i + 1 + perturb visits every slot within
// [size] steps once perturb has been shifted down to zero (PERTURB_SHIFT = 5: 13 shifts of a
// 64-bit hash), but until then it may come back to slots it saw: keys whose hashes share their
// low bits, such as thread idents, follow long probes in small tables. A key read that reaches
// the limit read a table it raced with, and falls back to the container's own protocol.
inline constexpr size_t probe_limit(size_t size) { return size + 64 / 5 + 1; }

// DICT-11, SET-7: the value of a queued change that deletes its key (a permanent object that no
// Python code can reach).
extern Object* const g_deleted_marker;
inline bool is_deleted_marker(Value v)
{
    return v.is_object() && v.as_object() == g_deleted_marker;
}

// A key read's first step: the stripe of [hash] in the tuple that [field] (a container's
// m_stripes) holds, after its read barrier. None: the container has no stripes. Retry: [field]
// changed meanwhile; stripes given by an attempt that then aborted are taken back by the
// container's undo before they read as unowned (STM-3), so only stripes still in place stand
// for the key.
enum class StripeRead { None, Retry, Ok };
inline StripeRead read_stripe(TupleObject*& field, int64_t hash, Object** stripe)
{
    TupleObject* s = std::atomic_ref<TupleObject*>(field).load(std::memory_order_acquire);
    if (!s)
        return StripeRead::None;
    Object* st = stripe_at(s, hash);
    read_barrier(st); // may wait for (or abort on) the stripe's writer
    if (std::atomic_ref<TupleObject*>(field).load(std::memory_order_acquire) != s)
        return StripeRead::Retry;
    *stripe = st;
    return StripeRead::Ok;
}

} // namespace pystm
