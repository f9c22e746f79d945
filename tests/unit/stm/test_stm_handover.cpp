// Real-thread tests of how the inevitable transaction lets others on (STM-16, STM-17). Both
// rules are about waits that the deterministic scheduler unwinds (its wait hook throws), so
// they run here on threads: an inevitable transaction whose thread cannot end it at a restart
// point hands the slot over when others wait for it, and one that meets another attempt's lock
// waits for that attempt to commit, unless that attempt itself waits for the inevitable one.
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

// STM-16: a writer of what the inevitable transaction read waits for it; the inevitable side
// sees that (inevitable_awaited), ends its attempt, lets the writer take the object, and goes
// on inevitable: its next read sees the writer's commit. Nobody aborts.
TEST_F(StmHandover, InevitableTransactionHandsOverToItsWaiters) // STM-16
{
    Cell x;
    std::atomic<int> phase { 0 };
    bool awaited = false;
    int64_t seen = -1;
    stm::Stats writer_stats;
    std::thread inevitable([&] {
        stm::register_thread();
        stm::begin();
        stm::become_inevitable();
        tread(&x);
        EXPECT_FALSE(stm::inevitable_awaited());
        phase.store(1);
        awaited = eventually([] { return stm::inevitable_awaited(); });
        stm::commit();
        stm::await_inevitable_handover(10'000'000'000ull);
        stm::begin();
        stm::become_inevitable();
        seen = tread(&x); // waits for the writer's commit (STM-17), or sees it
        stm::commit();
        stm::unregister_thread();
    });
    std::thread writer([&] {
        stm::register_thread();
        ASSERT_TRUE(eventually([&] { return phase.load() == 1; }));
        stm::atomically([&] { twrite(&x, 7); });
        writer_stats = stm::thread_stats();
        stm::unregister_thread();
    });
    inevitable.join();
    writer.join();
    EXPECT_TRUE(awaited);
    EXPECT_EQ(seen, 7);
    EXPECT_EQ(x.get(), 7);
    EXPECT_EQ(writer_stats.total_aborts(), 0u);
}

// STM-17: an attempt that waits for the inevitable transaction cannot commit, so the
// inevitable one kills it at once when it needs its lock, however long its wait for running
// owners may be.
TEST_F(StmHandover, OwnerWaitingForInevitableIsKilledAtOnce) // STM-17
{
    stm::config().inevitable_owner_wait_us = 60'000'000; // a minute: the test would time out
    Cell x, z;
    std::atomic<int> phase { 0 };
    std::chrono::nanoseconds took {};
    stm::Stats owner_stats;
    std::thread inevitable([&] {
        stm::register_thread();
        stm::begin();
        stm::become_inevitable();
        tread(&x);
        phase.store(1);
        // The owner locked z and now waits to write x, which we read.
        ASSERT_TRUE(eventually([] { return stm::inevitable_awaited(); }));
        auto t0 = Clock::now();
        twrite(&z, 3);
        took = Clock::now() - t0;
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
    EXPECT_LT(took, std::chrono::seconds(5));
    EXPECT_GE(owner_stats.aborts[size_t(AbortKind::KilledByInevitable)], 1u);
    EXPECT_EQ(z.get(), 4); // 3, then the owner's retry added one
    EXPECT_EQ(x.get(), 2);
}

} // namespace
