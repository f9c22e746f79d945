// list.sort(): a stable merge sort (binary insertion sort on short runs, then bottom-up merges)
// using only "<", as CPython's list.sort.
//
// Invariants: while sorting, the list is emptied and its items live in a rooted snapshot, so
// comparisons and key functions that mutate the list are detected afterwards ("list modified
// during sort") and can never make the sort touch freed or out-of-range memory. The sort orders a
// permutation of indices, and every index it uses stays in range whatever the comparisons return
// (inconsistent __lt__ results give some order, never a crash). If a key function or comparison
// raises, the list gets its original items back and the exception propagates.
#include "gc/heap.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include <algorithm>
#include <vector>

namespace pystm {

namespace {

constexpr size_t RUN = 32;

template <class Less> void insertion_sort(std::vector<uint32_t>& p, size_t lo, size_t hi, Less& less)
{
    for (size_t i = lo + 1; i < hi; i++) {
        uint32_t pivot = p[i];
        // Rightmost position where pivot < p[pos]: keeps equal elements in order.
        size_t l = lo, r = i;
        while (l < r) {
            size_t mid = l + (r - l) / 2;
            if (less(pivot, p[mid]))
                r = mid;
            else
                l = mid + 1;
        }
        for (size_t k = i; k > l; k--)
            p[k] = p[k - 1];
        p[l] = pivot;
    }
}

template <class Less> void merge_sort(std::vector<uint32_t>& p, Less& less)
{
    size_t n = p.size();
    for (size_t lo = 0; lo < n; lo += RUN)
        insertion_sort(p, lo, std::min(lo + RUN, n), less);
    std::vector<uint32_t> buf(n);
    for (size_t width = RUN; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
            if (mid >= hi)
                continue;
            // Already in order: the last of the left run is not greater than the first right.
            if (!less(p[mid], p[mid - 1]))
                continue;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                if (less(p[j], p[i]))
                    buf[k++] = p[j++];
                else
                    buf[k++] = p[i++];
            }
            while (i < mid)
                buf[k++] = p[i++];
            while (j < hi)
                buf[k++] = p[j++];
            std::copy(buf.begin() + lo, buf.begin() + hi, p.begin() + lo);
        }
    }
}

enum class KeyKind { Generic, SmallInt, Float, Str };

KeyKind classify(gc::RootedValues const& keys)
{
    if (keys.empty())
        return KeyKind::Generic;
    bool ints = true, floats = true, strs = true;
    for (Value k : keys) {
        ints = ints && k.is_small_int();
        floats = floats && is_exact_float(k);
        strs = strs && is_exact_str(k);
        if (!ints && !floats && !strs)
            return KeyKind::Generic;
    }
    return ints ? KeyKind::SmallInt : floats ? KeyKind::Float : KeyKind::Str;
}

void sort_permutation(std::vector<uint32_t>& perm, gc::RootedValues const& keys)
{
    switch (classify(keys)) {
    case KeyKind::SmallInt: {
        auto less = [&](uint32_t a, uint32_t b) { return keys[a].as_small_int() < keys[b].as_small_int(); };
        merge_sort(perm, less);
        return;
    }
    case KeyKind::Float: {
        auto less = [&](uint32_t a, uint32_t b) { return float_value(keys[a]) < float_value(keys[b]); };
        merge_sort(perm, less);
        return;
    }
    case KeyKind::Str: {
        auto less = [&](uint32_t a, uint32_t b) {
            return str_compare(keys[a].as<StrObject>(), keys[b].as<StrObject>()) < 0;
        };
        merge_sort(perm, less);
        return;
    }
    case KeyKind::Generic: {
        auto less = [&](uint32_t a, uint32_t b) { return py_compare_bool(keys[a], keys[b], CMP_LT); };
        merge_sort(perm, less);
        return;
    }
    }
}

} // namespace

void list_sort(ListObject* l, Value key, bool reverse)
{
    gc::RootedValues items;
    {
        write_barrier(l);
        items.assign(l->m_items.begin(), l->m_items.end());
        list_note_rewrite(l, false); // UNDO-4: the saved buffer goes to the undo record
        l->m_items.clear();
        l->m_items.shrink_to_fit();
    }
    size_t n = items.size();
    if (n > UINT32_MAX) {
        write_barrier(l);
        list_note_rewrite(l, false);
        l->m_items.assign(items.data(), items.data() + items.size());
        raise_memory_error();
    }
    gc::RootedValues sorted;
    try {
        gc::RootedValues keyvals;
        if (key) {
            keyvals.reserve(n);
            for (size_t i = 0; i < n; i++)
                keyvals.push_back(py_call1(key, items[i]));
        } else {
            keyvals.assign(items.begin(), items.end());
        }
        std::vector<uint32_t> perm(n);
        for (size_t i = 0; i < n; i++)
            perm[i] = static_cast<uint32_t>(reverse ? n - 1 - i : i);
        // reverse=True: reverse, sort stably, reverse again, so equal items keep their order.
        if (n > 1)
            sort_permutation(perm, keyvals);
        if (reverse)
            std::reverse(perm.begin(), perm.end());
        sorted.reserve(n);
        for (uint32_t i : perm)
            sorted.push_back(items[i]);
    } catch (PyError&) {
        write_barrier(l);
        list_note_rewrite(l, false);
        l->m_items.assign(items.data(), items.data() + items.size());
        throw;
    }
    write_barrier(l);
    bool modified = !l->m_items.empty() || l->m_items.capacity() != 0;
    list_note_rewrite(l, false);
    l->m_items.assign(sorted.data(), sorted.data() + sorted.size());
    if (modified)
        raise(&exc::ValueError, "list modified during sort");
}

} // namespace pystm
