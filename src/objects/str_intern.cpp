// String interning and the names:: identifiers (objects/names.def).
//
// The intern table maps text to one canonical StrObject (m_interned set). Interned strings are
// immortal: each is rooted through a slot in a std::deque, whose elements never move, so
// gc::add_root() can register their addresses once (GC-1). The table itself only holds raw
// pointers to rooted objects. A mutex guards it for the day threads run in parallel; interning
// never calls into Python while holding it.
#include "objects/str_internal.h"
#include "gc/heap.h"
#include <cstring>
#include <deque>
#include <mutex>
#include <vector>

namespace pystm {

#pragma push_macro("errno")
#undef errno
namespace names {
#define NAME(id) StrObject* id;
#define NAME2(id, text) StrObject* id;
#include "objects/names.def"
#undef NAME
#undef NAME2
} // namespace names

namespace {

struct InternTable {
    std::mutex lock;
    std::deque<Value> roots; // stable addresses registered with gc::add_root
    std::vector<StrObject*> slots; // open addressing, power-of-two size, null = empty
    size_t count = 0;

    size_t mask() const { return slots.size() - 1; }

    StrObject* find(StrObject* s, uint64_t h)
    {
        if (slots.empty())
            return nullptr;
        for (size_t i = h & mask();; i = (i + 1) & mask()) {
            StrObject* e = slots[i];
            if (!e)
                return nullptr;
            if (static_cast<uint64_t>(str_hash(e)) == h && str_eq(e, s))
                return e;
        }
    }

    void insert_slot(StrObject* s)
    {
        uint64_t h = static_cast<uint64_t>(str_hash(s));
        size_t i = h & mask();
        while (slots[i])
            i = (i + 1) & mask();
        slots[i] = s;
    }

    void add(StrObject* s)
    {
        if ((count + 1) * 2 > slots.size()) {
            std::vector<StrObject*> old;
            old.swap(slots);
            slots.assign(old.empty() ? 1024 : old.size() * 2, nullptr);
            for (StrObject* e : old)
                if (e)
                    insert_slot(e);
        }
        insert_slot(s);
        count++;
        roots.push_back(Value(s));
        gc::add_root(&roots.back());
    }
};

InternTable& table()
{
    static InternTable* t = new InternTable(); // never destroyed: strings outlive static dtors
    return *t;
}

} // namespace

StrObject* intern(StrObject* s)
{
    if (s->m_interned)
        return s;
    InternTable& t = table();
    uint64_t h = static_cast<uint64_t>(str_hash(s));
    std::lock_guard<std::mutex> g(t.lock);
    if (StrObject* e = t.find(s, h))
        return e;
    if (s->m_type != &str_type) {
        // Only exact str objects are interned; subclasses get an exact copy.
        s = str_new_of_type(&str_type, s);
        str_hash(s);
    }
    s->m_interned = true;
    t.add(s);
    return s;
}

StrObject* intern(std::string_view utf8)
{
    return intern(str_from_utf8(utf8));
}

void init_names()
{
#define NAME(id) names::id = intern(std::string_view(#id));
#define NAME2(id, text) names::id = intern(std::string_view(text));
#include "objects/names.def"
#undef NAME
#undef NAME2
}

} // namespace pystm

#pragma pop_macro("errno")
