// Shared helpers of the STM unit tests: a test object with client undo hooks, and the
// deterministic scheduler that runs several logical transactions (one descriptor each) step by
// step in one OS thread.
#pragma once

#include "stm/stm.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace stmtest {

using namespace pystm;

// A mutable test object: one integer (atomic, because the real-thread tests read it while a
// writer may be updating it in place, STM-5) and an optional C++ container, to check that
// client undo hooks roll back heap-owning state.
struct Cell : Object {
    std::atomic<int64_t> value { 0 };
    std::vector<int64_t>* log = nullptr;
    Cell()
        : Object(nullptr)
    {
    }
    ~Cell() { delete log; }
    int64_t get() const { return value.load(std::memory_order_relaxed); }
    void set(int64_t v) { value.store(v, std::memory_order_relaxed); }
};

struct CellUndo {
    int64_t value;
    std::vector<int64_t> log;
};

inline stm::UndoRecord save_cell(Object* o)
{
    auto* c = static_cast<Cell*>(o);
    if (!c->log)
        return stm::UndoRecord { nullptr, uint64_t(c->get()) };
    return stm::UndoRecord { new CellUndo { c->get(), *c->log }, 0 };
}
inline void restore_cell(Object* o, stm::UndoRecord const& r)
{
    auto* c = static_cast<Cell*>(o);
    if (!r.data) {
        c->set(int64_t(r.aux));
        return;
    }
    auto* u = static_cast<CellUndo*>(r.data);
    c->set(u->value);
    *c->log = u->log;
}
inline void drop_cell(Object*, stm::UndoRecord const& r) { delete static_cast<CellUndo*>(r.data); }

// Thrown by the scheduler's wait hook: "this step would block", the test retries it later.
struct WouldBlock { };
inline void throw_would_block(stm::WaitReason) { throw WouldBlock {}; }

inline void install_hooks(bool deterministic)
{
    stm::ClientHooks h;
    h.save_state = save_cell;
    h.restore_state = restore_cell;
    h.drop_state = drop_cell;
    h.wait = deterministic ? throw_would_block : nullptr;
    stm::set_client_hooks(h);
}

// Transactional accessors of a Cell, as the interpreter's accessor layer will write them.
inline int64_t tread(Cell* c)
{
    stm::read(c);
    int64_t v = c->get();
    stm::read_validate(c);
    return v;
}
inline void twrite(Cell* c, int64_t v)
{
    stm::write(c);
    c->set(v);
}

enum class Outcome { Ok, Aborted, Blocked };

// The deterministic scheduler: each logical transaction owns a descriptor; step() makes it
// current, runs one action, and reports whether it completed, aborted (with the kind) or would
// have blocked.
class Scheduler {
public:
    Scheduler() = default;
    Scheduler(Scheduler const&) = delete;
    ~Scheduler()
    {
        for (stm::Transaction* t : m_txs) {
            stm::set_current(t);
            if (stm::in_transaction()) {
                if (stm::is_inevitable())
                    stm::commit();
                else
                    try {
                        stm::abort_transaction();
                    } catch (stm::StmAbort&) {
                    }
            }
            stm::destroy_descriptor(t);
        }
        stm::set_current(nullptr);
    }
    stm::Transaction* add()
    {
        m_txs.push_back(stm::create_descriptor());
        return m_txs.back();
    }
    template <class F> Outcome step(stm::Transaction* t, F&& f)
    {
        stm::set_current(t);
        try {
            f();
        } catch (stm::StmAbort& a) {
            m_last_kind = a.kind;
            return Outcome::Aborted;
        } catch (WouldBlock&) {
            return Outcome::Blocked;
        }
        return Outcome::Ok;
    }
    stm::AbortKind last_kind() const { return m_last_kind; }

private:
    std::vector<stm::Transaction*> m_txs;
    stm::AbortKind m_last_kind = stm::AbortKind::None;
};

} // namespace stmtest
