// Real-thread tests of the inevitable transaction's handover (STM-16). Its waiters count
// themselves only while they wait, and the deterministic scheduler unwinds every wait (its
// wait hook throws), so these run on threads: an inevitable transaction whose thread cannot end
// it at a restart point sees that others wait for it, ends it, lets them on, and goes on.
#include "stm_test_support.h"

#include <chrono>
#include <thread>

using namespace stmtest;
using stm::AbortKind;

namespace {

class StmHandover : public ::testing::Test {
protected:
    void SetUp() override
    {
        install_hooks(false);
        stm::config() = stm::Config {};
    }
    void TearDown() override
    {
        stm::config() = stm::Config {};
        install_hooks(false);
    }
};

using Clock = std::chrono::steady_clock;

// Spins until [cond] holds or 10 seconds passed; false on timeout.
template <class Cond> bool eventually(Cond cond)
{
    auto deadline = Clock::now() + std::chrono::seconds(10);
    while (!cond()) {
        if (Clock::now() > deadline)
            return false;
        std::this_thread::yield();
    }
    return true;
}

// A busy-wait for a flag, as an inevitable transaction that cannot restart runs it: the writer
// of the flag waits for the reader (STM-8), and the reader's thread sees that
// (inevitable_awaited), ends its attempt and lets the writer on before it reads again. Without
// the handover neither would ever move.
TEST_F(StmHandover, InevitableReaderHandsOverToTheWriterItWaitsFor) // STM-16
{
    Cell flag;
    std::atomic<bool> reading { false };
    int handovers = 0;
    bool saw_flag = false;
    std::thread reader([&] {
        stm::register_thread();
        stm::begin();
        stm::become_inevitable();
        EXPECT_FALSE(stm::inevitable_awaited());
        auto deadline = Clock::now() + std::chrono::seconds(10);
        for (;;) {
            if (tread(&flag) == 1) {
                saw_flag = true;
                break;
            }
            reading.store(true);
            if (Clock::now() > deadline)
                break;
            if (stm::inevitable_awaited()) {
                // What the interpreter does at a poll of a nested activation.
                ++handovers;
                stm::commit();
                stm::await_inevitable_handover(10'000'000'000ull);
                stm::begin();
                stm::become_inevitable();
            }
        }
        stm::commit();
        stm::unregister_thread();
    });
    std::thread writer([&] {
        stm::register_thread();
        ASSERT_TRUE(eventually([&] { return reading.load(); }));
        stm::atomically([&] { twrite(&flag, 1); });
        stm::unregister_thread();
    });
    reader.join();
    writer.join();
    EXPECT_TRUE(saw_flag);
    EXPECT_GE(handovers, 1);
    EXPECT_EQ(flag.get(), 1);
}

// A waiter that holds a lock the inevitable transaction then needs is asked to abort (STM-10):
// its wait loop polls the request, so the inevitable transaction's write ends, and the waiter's
// retry runs after its commit.
TEST_F(StmHandover, WaiterHoldingALockIsKilledAndRetries) // STM-10, STM-16
{
    Cell x, z;
    std::atomic<int> phase { 0 };
    stm::Stats owner_stats;
    std::thread inevitable([&] {
        stm::register_thread();
        stm::begin();
        stm::become_inevitable();
        tread(&x);
        phase.store(1);
        // The owner locked z and now waits to write x, which we read.
        ASSERT_TRUE(eventually([] { return stm::inevitable_awaited(); }));
        twrite(&z, 3);
        stm::commit();
        stm::unregister_thread();
    });
    std::thread owner([&] {
        stm::register_thread();
        ASSERT_TRUE(eventually([&] { return phase.load() == 1; }));
        stm::atomically([&] {
            twrite(&z, tread(&z) + 1);
            twrite(&x, 2);
        });
        owner_stats = stm::thread_stats();
        stm::unregister_thread();
    });
    inevitable.join();
    owner.join();
    EXPECT_GE(owner_stats.aborts[size_t(AbortKind::KilledByInevitable)], 1u);
    EXPECT_EQ(z.get(), 4); // 3, then the owner's retry added one
    EXPECT_EQ(x.get(), 2);
}

} // namespace
