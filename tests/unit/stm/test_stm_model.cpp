// Seeded random model-based STM tests (STM-2): random interleavings of reads, writes, commits,
// explicit aborts and inevitability over a few objects (one of them read-mostly), run by the
// deterministic scheduler. Every committed transaction's operations are then replayed on a plain
// model in serialization order (last_commit_timestamp(), writers first on ties) and every value
// it read must match; the final heap must equal the model.
#include "stm_test_support.h"

#include <algorithm>
#include <random>

using namespace stmtest;

namespace {

struct Op {
    bool is_write;
    int obj;
    int64_t value; // written, or seen
};

struct Committed {
    uint64_t ts;
    bool writer;
    std::vector<Op> ops;
};

struct Logical {
    stm::Transaction* tx;
    bool active = false;
    std::vector<Op> ops;
};

class StmModel : public ::testing::TestWithParam<int> {
protected:
    void SetUp() override { install_hooks(true); }
    void TearDown() override
    {
        stm::config() = stm::Config {};
        install_hooks(false);
    }
};

TEST_P(StmModel, CommittedHistoryIsSerializable)
{
    int const seed = GetParam();
    std::mt19937_64 rng(uint64_t(seed) * 7919 + 1);
    int const kObjects = 2 + seed % 4;
    int const kTxs = 2 + seed % 4;
    int const kSteps = 400;
    // Vary the starvation threshold too, so some attempts start inevitable.
    stm::config().inevitable_after_aborts = 2 + seed % 5;

    std::vector<std::unique_ptr<Cell>> cells;
    for (int i = 0; i < kObjects; ++i)
        cells.push_back(std::make_unique<Cell>());
    stm::set_read_mostly(cells[0].get(), seed % 2 == 0);

    Scheduler s;
    std::vector<Logical> txs;
    for (int i = 0; i < kTxs; ++i)
        txs.push_back(Logical { s.add(), false, {} });
    std::vector<Committed> history;
    int64_t next_value = 1;
    size_t aborts = 0;
    size_t blocked = 0;
    stm::Stats before = stm::global_stats();

    auto run_step = [&](Logical& t, int choice) {
        Outcome out = s.step(t.tx, [&] {
            if (!t.active) {
                // Marked first: if begin() starts inevitable (STM-9) and the wait hook throws,
                // the attempt is running anyway (not yet inevitable).
                t.active = true;
                t.ops.clear();
                stm::begin();
                return;
            }
            if (choice < 45) {
                int o = int(rng() % kObjects);
                t.ops.push_back({ false, o, tread(cells[o].get()) });
            } else if (choice < 80) {
                int o = int(rng() % kObjects);
                int64_t v = next_value++;
                twrite(cells[o].get(), v);
                t.ops.push_back({ true, o, v });
            } else if (choice < 94) {
                bool writer = std::any_of(
                    t.ops.begin(), t.ops.end(), [](Op const& op) { return op.is_write; });
                bool inevitable = stm::is_inevitable();
                stm::commit();
                t.active = false;
                history.push_back({ stm::last_commit_timestamp(), writer || inevitable, t.ops });
            } else if (choice < 97) {
                stm::become_inevitable();
            } else if (!stm::is_inevitable()) {
                stm::abort_transaction();
            }
        });
        if (out == Outcome::Aborted) {
            t.active = false;
            ++aborts;
        } else if (out == Outcome::Blocked) {
            ++blocked;
        }
        return out;
    };

    for (int i = 0; i < kSteps; ++i)
        run_step(txs[rng() % txs.size()], int(rng() % 100));
    // Drain: commit everything still running (an inevitable one first, so nobody blocks forever).
    for (int round = 0; round < 1000; ++round) {
        bool any = false;
        for (Logical& t : txs) {
            if (!t.active)
                continue;
            any = true;
            run_step(t, 85);
        }
        if (!any)
            break;
    }
    for (Logical& t : txs)
        ASSERT_FALSE(t.active) << "drain did not finish";

    std::stable_sort(history.begin(), history.end(), [](Committed const& a, Committed const& b) {
        if (a.ts != b.ts)
            return a.ts < b.ts;
        return a.writer && !b.writer;
    });
    std::vector<int64_t> model(kObjects, 0);
    uint64_t last_writer_ts = 0;
    for (size_t k = 0; k < history.size(); ++k) {
        Committed const& c = history[k];
        if (c.writer) {
            EXPECT_NE(c.ts, last_writer_ts) << "two writers share a timestamp";
            last_writer_ts = c.ts;
        }
        for (Op const& op : c.ops) {
            if (op.is_write)
                model[op.obj] = op.value;
            else
                ASSERT_EQ(op.value, model[op.obj])
                    << "seed " << seed << ": committed transaction #" << k << " (ts " << c.ts
                    << ") read a value no serial order gives";
        }
    }
    for (int i = 0; i < kObjects; ++i)
        EXPECT_EQ(cells[i]->get(), model[i]) << "object " << i;
    EXPECT_GT(history.size(), 0u);
    RecordProperty("commits", int(history.size()));
    RecordProperty("aborts", int(aborts));
    RecordProperty("blocked", int(blocked));
    RecordProperty("inevitable_commits",
        int(stm::global_stats().inevitable_commits - before.inevitable_commits));
}

INSTANTIATE_TEST_SUITE_P(Seeds, StmModel, ::testing::Range(0, 200));

} // namespace
