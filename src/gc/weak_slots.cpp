// The table of weak slots (gc/weak_slots.h, GC-4): for each referent, the slots that hold it
// weakly and their owners, and the owners whose slots the last collection cleared. The
// collector (gc/heap.cpp) processes the table between marking and sweeping, with every other
// thread stopped; s_weak_mutex guards it against the registrations of running threads. It is a
// leaf lock, taken inside the heap's lock by the collector and alone everywhere else.
#include "gc/weak_slots.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <unordered_map>

namespace pystm::gc {

namespace {

    struct WeakEntry {
        Object* owner;
        Value* slot;
    };
    std::mutex s_weak_mutex;
    std::unordered_map<Object const*, std::vector<WeakEntry>> s_weak;
    std::vector<Object*> s_weak_cleared;

    bool is_marked(Object const* o) { return o->m_gc.load(std::memory_order_relaxed) & OF_MARK; }

} // namespace

namespace detail {

    void process_weak_slots()
    {
        std::lock_guard lock(s_weak_mutex);
        for (auto it = s_weak.begin(); it != s_weak.end();) {
            Object const* referent = it->first;
            std::vector<WeakEntry>& entries = it->second;
            std::erase_if(entries, [&](WeakEntry const& e) {
                return !is_marked(e.owner) || e.slot->as_object() != referent;
            });
            if (!entries.empty() && !is_marked(referent)) {
                for (size_t i = entries.size(); i-- > 0;) {
                    *entries[i].slot = Value();
                    s_weak_cleared.push_back(entries[i].owner);
                }
                entries.clear();
            }
            if (entries.empty())
                it = s_weak.erase(it);
            else
                ++it;
        }
    }

    bool weak_slots_cleared()
    {
        std::lock_guard lock(s_weak_mutex);
        return !s_weak_cleared.empty();
    }

} // namespace detail

void register_weak_slot(Object* owner, Value* slot)
{
    std::lock_guard lock(s_weak_mutex);
    s_weak[slot->as_object()].push_back({ owner, slot });
}

void unregister_weak_slot(Object* owner, Value* slot)
{
    std::lock_guard lock(s_weak_mutex);
    if (!slot->is_object())
        return; // cleared by a collection, which dropped the registration
    auto it = s_weak.find(slot->as_object());
    if (it == s_weak.end())
        return;
    std::erase_if(
        it->second, [&](WeakEntry const& e) { return e.owner == owner && e.slot == slot; });
    if (it->second.empty())
        s_weak.erase(it);
}

std::vector<Object*> weak_owners_of(Object const* referent)
{
    std::lock_guard lock(s_weak_mutex);
    std::vector<Object*> out;
    auto it = s_weak.find(referent);
    if (it != s_weak.end())
        for (WeakEntry const& e : it->second)
            if (e.slot->as_object() == referent)
                out.push_back(e.owner);
    return out;
}

std::vector<Object*> take_cleared_weak_owners()
{
    std::lock_guard lock(s_weak_mutex);
    std::vector<Object*> out;
    out.swap(s_weak_cleared);
    return out;
}

} // namespace pystm::gc
