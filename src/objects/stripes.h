// Per-key stripes of contended containers (DICT-9, DICT-10, SET-6): what the dict and the set
// share. A striped container holds a tuple of small stripe objects, a power of two of them,
// whose STM headers stand for the keys that hash to them, so that transactions touching
// different keys of one container do not conflict.
#pragma once

#include "objects/tuple_object.h"

#include <cstdint>

namespace pystm {

// How many stripes a container of [used] items gets: a power of two, about one per four items,
// within these bounds. Two transactions that touch k keys each meet in a stripe with a chance of
// about k*k/stripes, so precision needs stripes well above the keys a transaction touches; a
// resize that finds the container has outgrown its stripes gives it more.
inline constexpr int64_t kStripesMin = 64;
inline constexpr int64_t kStripesMax = int64_t(1) << 20;
inline int64_t stripes_for(int64_t used)
{
    int64_t n = kStripesMin;
    while (n < kStripesMax && n * 4 < used)
        n *= 2;
    return n;
}

// The stripe of the keys with [hash]. The hash is mixed first: small ints hash to themselves,
// and keys that programs compute often share their low bits (an LCG's low bits repeat with a
// short period).
inline Object* stripe_at(TupleObject* stripes, int64_t hash)
{
    uint64_t mixed = static_cast<uint64_t>(hash) * 0x9E3779B97F4A7C15ull;
    int bits = __builtin_ctzll(static_cast<uint64_t>(stripes->m_size));
    return stripes->item(static_cast<int64_t>(mixed >> (64 - bits))).as_object();
}

} // namespace pystm
