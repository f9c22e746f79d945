// Source locations of transactional accesses: the table of code objects behind location tags
// (vm/stm_location.h, LOC-1..2).
#include "vm/stm_location.h"

#include "gc/heap.h"
#include "objects/code_object.h"
#include "vm/frame.h"
#include "vm/thread_state.h"

#include <mutex>
#include <vector>

namespace pystm::vm {

namespace {

std::mutex s_mutex; // guards s_codes; a leaf lock, held only to register or resolve
std::vector<CodeObject*> s_codes; // index i holds the code object whose tag id is i + 1

[[gnu::noinline]] uint32_t register_code(CodeObject* co)
{
    std::lock_guard lk(s_mutex);
    uint32_t id = co->m_location_id.load(std::memory_order_relaxed);
    if (id == 0) {
        s_codes.push_back(co);
        id = static_cast<uint32_t>(s_codes.size());
        co->m_location_id.store(id, std::memory_order_release);
    }
    return id;
}

} // namespace

// Called for each read-log entry and lock taken on a slow path: the common case (a registered
// code object) takes no stack frame; registering is out of line.
uint64_t current_location()
{
    ThreadState* ts = tstate();
    if (PY_UNLIKELY(!ts))
        return 0;
    if (PY_UNLIKELY(ts->m_location_override))
        return ts->m_location_override; // LOC-3
    Frame* f = ts->m_frame;
    if (!f || !f->m_code)
        return 0;
    CodeObject* co = f->m_code;
    uint32_t id = co->m_location_id.load(std::memory_order_acquire);
    if (PY_UNLIKELY(id == 0))
        id = register_code(co);
    return (uint64_t(id) << 32) | uint32_t(f->m_lasti + 1);
}

bool resolve_location(uint64_t tag, SourceLocation& out)
{
    uint32_t id = static_cast<uint32_t>(tag >> 32);
    if (id == 0)
        return false;
    CodeObject* co;
    {
        std::lock_guard lk(s_mutex);
        if (id > s_codes.size())
            return false;
        co = s_codes[id - 1];
    }
    int32_t index = static_cast<int32_t>(static_cast<uint32_t>(tag)) - 1;
    out.filename = co->m_filename;
    out.function = co->m_qualname;
    out.line = index >= 0 ? co->line_at(static_cast<size_t>(index)) : co->m_firstlineno;
    if (out.line < 0)
        out.line = co->m_firstlineno;
    return true;
}

void trace_locations(gc::Tracer& t)
{
    // Called by the collector with every other thread stopped; the lock only orders this with
    // a registration that a stopped thread cannot be in the middle of.
    std::lock_guard lk(s_mutex);
    for (CodeObject* co : s_codes)
        t.visit(co);
}

} // namespace pystm::vm
