// Oversubscribed real-thread stress of the starvation-to-inevitable path (STM-8, STM-9, STM-10):
// many more threads than cores, one hot object written by every transaction with the CPU
// yielded while it is locked, and a starvation threshold of one abort, so that attempts start
// inevitable all the time, inevitable transactions keep asking lock owners to abort, and the
// killed owners immediately begin an inevitable attempt of their own and wait for the token.
//
// Regression: the inevitable transaction used to address its kill request to the owner
// descriptor's *current* serial, reloaded after the owner check. When the owner had meanwhile
// aborted and begun its next attempt (waiting in begin() for the inevitable token), that new
// attempt was killed inside begin(), outside stm::atomically's try block, and the StmAbort
// terminated the process ("terminate called after throwing an instance of StmAbort", seen with
// 16 threads on a 16-core machine). Kill requests now name the serial encoded in the lock word,
// and begin() never throws StmAbort.
#include "stm_test_support.h"

#include <thread>

using namespace stmtest;

namespace {

class StmStarvation : public ::testing::TestWithParam<int> {
protected:
    void SetUp() override
    {
        install_hooks(false);
        stm::config() = stm::Config {};
    }
    void TearDown() override { stm::config() = stm::Config {}; }
};

#if defined(PYSTM_TSAN) || !defined(NDEBUG)
constexpr int kScale = 1;
#else
constexpr int kScale = 3;
#endif

TEST_P(StmStarvation, KillRequestsNeverEscapeAtomically)
{
    int const nthreads = GetParam();
    stm::config().inevitable_after_aborts = 1;
    stm::config().commit_spin = 4;
    Cell hot, hot2;
    std::vector<std::unique_ptr<Cell>> own;
    for (int i = 0; i < nthreads; ++i)
        own.push_back(std::make_unique<Cell>());
    int const kIncrements = 400 * kScale;
    std::atomic<int> escaped { 0 };
    stm::Stats before = stm::global_stats();
    std::vector<std::thread> threads;
    std::atomic<int> ready { 0 };
    for (int id = 0; id < nthreads; ++id)
        threads.emplace_back([&, id] {
            stm::register_thread();
            ready.fetch_add(1);
            while (ready.load() < nthreads)
                std::this_thread::yield();
            for (int i = 0; i < kIncrements; ++i) {
                // An escaping StmAbort would terminate the process; count it instead, so the
                // failure is reported rather than fatal (the attempt has been rolled back).
                try {
                    stm::atomically([&] {
                        twrite(own[size_t(id)].get(), tread(own[size_t(id)].get()) + 1);
                        twrite(&hot, tread(&hot) + 1);
                        if (i % 2)
                            std::this_thread::yield(); // hold the lock across a reschedule
                        twrite(&hot2, tread(&hot2) + 1);
                    });
                } catch (stm::StmAbort&) {
                    escaped.fetch_add(1);
                    --i;
                }
            }
            stm::unregister_thread();
        });
    for (auto& t : threads)
        t.join();
    stm::Stats after = stm::global_stats();
    EXPECT_EQ(escaped.load(), 0);
    EXPECT_EQ(hot.get(), int64_t(nthreads) * kIncrements);
    EXPECT_EQ(hot2.get(), int64_t(nthreads) * kIncrements);
    for (auto& c : own)
        EXPECT_EQ(c->get(), kIncrements);
    uint64_t inevitable = after.inevitable_commits - before.inevitable_commits;
    uint64_t killed = after.aborts[size_t(stm::AbortKind::KilledByInevitable)]
        - before.aborts[size_t(stm::AbortKind::KilledByInevitable)];
    // The path under test must really have been exercised.
    EXPECT_GT(inevitable, 0u);
    RecordProperty("inevitable_commits", int(inevitable));
    RecordProperty("killed_by_inevitable", int(killed));
    RecordProperty("aborts", int(after.total_aborts() - before.total_aborts()));
}

INSTANTIATE_TEST_SUITE_P(Oversubscribed, StmStarvation, ::testing::Values(16, 32));

} // namespace
