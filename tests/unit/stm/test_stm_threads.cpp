// Real-thread STM stress tests (also run under the tsan preset): bank transfers keep the total
// and every audit inside a transaction sees the exact total (opacity, STM-1/STM-5); counters are
// exact under heavy write-write conflicts (starvation freedom, STM-9); a read-mostly object read
// by every transaction and written now and then stays consistent (STM-7); inevitable
// transactions mixed in never abort (STM-8).
#include "stm_test_support.h"

#include <random>
#include <thread>

using namespace stmtest;

namespace {

class StmThreads : public ::testing::TestWithParam<int> {
protected:
    void SetUp() override
    {
        install_hooks(false);
        stm::config() = stm::Config {};
    }
};

#if defined(PYSTM_TSAN) || !defined(NDEBUG)
constexpr int kScale = 1;
#else
constexpr int kScale = 4;
#endif

template <class F> void run_threads(int n, F body)
{
    std::vector<std::thread> threads;
    std::atomic<int> ready { 0 };
    for (int i = 0; i < n; ++i)
        threads.emplace_back([&body, &ready, n, i] {
            stm::register_thread();
            // Start together, so that the transactions really overlap.
            ready.fetch_add(1);
            while (ready.load() < n)
                std::this_thread::yield();
            body(i);
            stm::unregister_thread();
        });
    for (auto& t : threads)
        t.join();
}

TEST_P(StmThreads, BankTransfersKeepTheTotal)
{
    int const nthreads = GetParam();
    constexpr int kAccounts = 16;
    constexpr int64_t kInitial = 1000;
    std::vector<std::unique_ptr<Cell>> acct;
    for (int i = 0; i < kAccounts; ++i) {
        acct.push_back(std::make_unique<Cell>());
        acct.back()->set(kInitial);
    }
    Cell config; // read by every transfer, written by a few: the read-mostly scheme
    stm::set_read_mostly(&config, true);
    config.set(1);
    std::atomic<int> bad_audits { 0 };
    std::atomic<int64_t> commits { 0 };
    int const kOps = 4000 * kScale;

    stm::Stats before = stm::global_stats();
    run_threads(nthreads, [&](int id) {
        std::mt19937 rng(unsigned(id) * 31 + 7);
        for (int i = 0; i < kOps; ++i) {
            int kind = int(rng() % 100);
            int a = int(rng() % kAccounts), b = int(rng() % kAccounts);
            int64_t amount = int64_t(rng() % 50);
            stm::atomically([&] {
                stm::set_location(uint64_t(id) << 32 | uint64_t(i));
                int64_t mult = tread(&config);
                if (kind < 8) {
                    int64_t sum = 0;
                    for (auto& c : acct)
                        sum += tread(c.get());
                    if (sum != kAccounts * kInitial)
                        bad_audits.fetch_add(1);
                    return;
                }
                if (kind < 10)
                    stm::become_inevitable();
                if (kind == 10 && id == 0) {
                    twrite(&config, mult); // same value: consistency only, but bumps the epoch
                    return;
                }
                if (a == b)
                    return;
                int64_t va = tread(acct[a].get()), vb = tread(acct[b].get());
                int64_t x = std::min(va, amount * mult);
                twrite(acct[a].get(), va - x);
                twrite(acct[b].get(), vb + x);
            });
            commits.fetch_add(1, std::memory_order_relaxed);
        }
    });
    int64_t total = 0;
    for (auto& c : acct) {
        EXPECT_GE(c->get(), 0);
        total += c->get();
    }
    EXPECT_EQ(total, kAccounts * kInitial);
    EXPECT_EQ(bad_audits.load(), 0);
    stm::Stats after = stm::global_stats();
    EXPECT_EQ(after.commits - before.commits, uint64_t(nthreads) * uint64_t(kOps));
    EXPECT_EQ(commits.load(), int64_t(nthreads) * kOps);
    RecordProperty("aborts", int(after.total_aborts() - before.total_aborts()));
    RecordProperty("inevitable_commits", int(after.inevitable_commits - before.inevitable_commits));
}

TEST_P(StmThreads, SharedCounterIsExactAndEveryThreadFinishes)
{
    int const nthreads = GetParam();
    Cell shared;
    std::vector<std::unique_ptr<Cell>> own;
    for (int i = 0; i < nthreads; ++i)
        own.push_back(std::make_unique<Cell>());
    int const kIncrements = 2000 * kScale;
    stm::config().inevitable_after_aborts = 4;
    run_threads(nthreads, [&](int id) {
        for (int i = 0; i < kIncrements; ++i) {
            stm::atomically([&] {
                twrite(own[id].get(), tread(own[id].get()) + 1);
                twrite(&shared, tread(&shared) + 1);
            });
        }
    });
    EXPECT_EQ(shared.get(), int64_t(nthreads) * kIncrements);
    for (auto& c : own)
        EXPECT_EQ(c->get(), kIncrements);
}

TEST_P(StmThreads, DisjointWritersRarelyConflict)
{
    int const nthreads = GetParam();
    std::vector<std::unique_ptr<Cell>> own;
    for (int i = 0; i < nthreads; ++i)
        own.push_back(std::make_unique<Cell>());
    Cell rm;
    stm::set_read_mostly(&rm, true);
    rm.set(1);
    int const kIncrements = 3000 * kScale;
    stm::Stats before = stm::global_stats();
    run_threads(nthreads, [&](int id) {
        for (int i = 0; i < kIncrements; ++i)
            stm::atomically([&] { twrite(own[id].get(), tread(own[id].get()) + tread(&rm)); });
    });
    stm::Stats after = stm::global_stats();
    for (auto& c : own)
        EXPECT_EQ(c->get(), kIncrements);
    // Only reads of a read-mostly object are shared: no transaction may abort.
    EXPECT_EQ(after.total_aborts() - before.total_aborts(), 0u);
}

// STM-5: a writer updates an object's two fields in place, one store at a time; a reader that
// caught it half-way must be stopped by read_validate(), never act on the torn pair.
struct Pair : Object {
    std::atomic<int64_t> a { 0 }, b { 0 };
    Pair()
        : Object(nullptr)
    {
    }
};

TEST_P(StmThreads, TornInPlaceWritesAreNeverAccepted)
{
    int const nthreads = GetParam();
    stm::ClientHooks h;
    h.save_state = [](Object* o) {
        return stm::UndoRecord { nullptr, uint64_t(static_cast<Pair*>(o)->a.load()) };
    };
    h.restore_state = [](Object* o, stm::UndoRecord const& r) {
        auto* p = static_cast<Pair*>(o);
        p->a.store(int64_t(r.aux), std::memory_order_relaxed);
        p->b.store(int64_t(r.aux), std::memory_order_relaxed);
    };
    stm::set_client_hooks(h);
    constexpr int kPairs = 4;
    Pair pairs[kPairs];
    std::atomic<int> torn { 0 };
    int const kOps = 3000 * kScale;
    run_threads(nthreads, [&](int id) {
        std::mt19937 rng(unsigned(id) + 99);
        for (int i = 0; i < kOps; ++i) {
            Pair& p = pairs[rng() % kPairs];
            bool writer = id % 2 == 0 && rng() % 2 == 0;
            bool abort_it = rng() % 4 == 0;
            stm::atomically([&] {
                stm::read(&p);
                std::this_thread::yield(); // let a writer lock and start writing meanwhile
                int64_t a = p.a.load(std::memory_order_relaxed);
                std::this_thread::yield();
                int64_t b = p.b.load(std::memory_order_relaxed);
                stm::read_validate(&p);
                if (a != b)
                    torn.fetch_add(1);
                if (!writer)
                    return;
                stm::write(&p);
                p.a.store(a + 1, std::memory_order_relaxed);
                std::this_thread::yield(); // widen the window in which the pair is torn
                p.b.store(a + 1, std::memory_order_relaxed);
                if (abort_it && !stm::is_inevitable()) {
                    abort_it = false;
                    stm::abort_transaction(); // the undo hook restores both fields
                }
            });
        }
    });
    install_hooks(false);
    EXPECT_EQ(torn.load(), 0);
    for (Pair& p : pairs)
        EXPECT_EQ(p.a.load(), p.b.load());
}

// STM-3: threads come and go, so descriptors (and their slots) are reused; objects allocated
// by earlier threads keep their creators' stale owned words. Later threads, possibly running in
// the same slot, must read them as committed version 0 and be able to lock them.
TEST_P(StmThreads, DescriptorReuseKeepsStaleWordsStale)
{
    int const nthreads = GetParam();
    constexpr int kRounds = 20;
    std::vector<std::unique_ptr<Cell>> cells(size_t(kRounds * nthreads));
    std::atomic<int> bad { 0 };
    for (int round = 0; round < kRounds; ++round) {
        run_threads(nthreads, [&](int id) {
            size_t mine = size_t(round * nthreads + id);
            auto fresh = std::make_unique<Cell>();
            stm::atomically([&] {
                stm::on_allocate(fresh.get());
                twrite(fresh.get(), int64_t(mine));
            });
            EXPECT_TRUE(stm::word_owned(fresh->m_stm.load())); // stale, never released
            cells[mine] = std::move(fresh); // published after the commit (joined below)
            // Everything published in earlier rounds: read it, and bump one object.
            for (int k = 0; k < round * nthreads; ++k) {
                stm::atomically([&] {
                    int64_t v = tread(cells[size_t(k)].get());
                    if (v % 1000 != k)
                        bad.fetch_add(1);
                    if (k % nthreads == id)
                        twrite(cells[size_t(k)].get(), v + 1000);
                });
            }
        });
    }
    EXPECT_EQ(bad.load(), 0);
    for (size_t k = 0; k < cells.size(); ++k) {
        int64_t round_of_k = int64_t(k) / nthreads;
        EXPECT_EQ(cells[k]->get(), int64_t(k) + 1000 * (kRounds - 1 - round_of_k)) << k;
    }
}

INSTANTIATE_TEST_SUITE_P(Threads, StmThreads, ::testing::Values(2, 4, 8));

} // namespace
