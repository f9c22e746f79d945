// How the STM runtime scales with threads, without the interpreter: each thread runs short
// transactions (read 8 words, write 2) over
//   disjoint     - its own objects only, plus reads of one shared read-mostly object;
//   low-conflict - a shared array of 4096 objects, picked at random;
//   counter      - one shared counter written by every transaction (the worst case).
// Prints transactions per second, speedup over one thread and the share of aborted attempts.
// Build (from the repository root):
//   g++ -std=c++20 -O2 -DNDEBUG -Isrc -pthread bench/stm/stm_scaling.cpp src/stm/*.cpp \
//       src/base/common.cpp -o /tmp/stm_scaling && /tmp/stm_scaling [max_threads [seconds [workload]]]
// (workload: disjoint, low-conflict or counter; all three by default).
#include "stm/stm.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace pystm;

namespace {

struct Cell : Object {
    std::atomic<int64_t> value { 0 };
    Cell() : Object(nullptr) { }
};

stm::UndoRecord save_cell(Object* o) { return stm::UndoRecord { nullptr, uint64_t(static_cast<Cell*>(o)->value.load()) }; }
void restore_cell(Object* o, stm::UndoRecord const& r) { static_cast<Cell*>(o)->value.store(int64_t(r.aux)); }
void drop_cell(Object*, stm::UndoRecord const&) { }

int64_t tread(Cell* c)
{
    stm::read(c);
    int64_t v = c->value.load(std::memory_order_relaxed);
    stm::read_validate(c);
    return v;
}
void twrite(Cell* c, int64_t v)
{
    stm::write(c);
    c->value.store(v, std::memory_order_relaxed);
}

enum class Workload { Disjoint, LowConflict, Counter };

struct Result {
    double tx_per_s;
    double abort_share;
};

Result run(Workload w, int nthreads, double seconds)
{
    constexpr int kShared = 4096;
    std::vector<std::unique_ptr<Cell>> shared;
    for (int i = 0; i < kShared; ++i)
        shared.push_back(std::make_unique<Cell>());
    std::vector<std::vector<std::unique_ptr<Cell>>> own(static_cast<size_t>(nthreads));
    for (auto& v : own)
        for (int i = 0; i < 16; ++i)
            v.push_back(std::make_unique<Cell>());
    Cell read_mostly;
    stm::set_read_mostly(&read_mostly, true);
    Cell counter;

    std::atomic<bool> stop { false };
    std::atomic<int> ready { 0 };
    std::atomic<uint64_t> done { 0 };
    stm::Stats before = stm::global_stats();
    std::vector<std::thread> threads;
    for (int t = 0; t < nthreads; ++t) {
        threads.emplace_back([&, t] {
            stm::register_thread();
            std::mt19937 rng(static_cast<unsigned>(t * 7919 + 1));
            ready.fetch_add(1);
            while (ready.load() < nthreads)
                std::this_thread::yield();
            uint64_t n = 0;
            auto& mine = own[static_cast<size_t>(t)];
            while (!stop.load(std::memory_order_relaxed)) {
                for (int k = 0; k < 64; ++k) {
                    stm::atomically([&] {
                        int64_t sum = 0;
                        switch (w) {
                        case Workload::Disjoint:
                            for (int i = 0; i < 8; ++i)
                                sum += tread(mine[static_cast<size_t>((n + i) & 15)].get());
                            sum += tread(&read_mostly);
                            twrite(mine[n & 15].get(), sum + 1);
                            twrite(mine[(n + 1) & 15].get(), sum - 1);
                            break;
                        case Workload::LowConflict: {
                            for (int i = 0; i < 8; ++i)
                                sum += tread(shared[rng() % kShared].get());
                            twrite(shared[rng() % kShared].get(), sum + 1);
                            twrite(shared[rng() % kShared].get(), sum - 1);
                            break;
                        }
                        case Workload::Counter:
                            for (int i = 0; i < 8; ++i)
                                sum += tread(mine[static_cast<size_t>(i)].get());
                            twrite(&counter, tread(&counter) + 1);
                            twrite(mine[n & 15].get(), sum);
                            break;
                        }
                    });
                    ++n;
                }
            }
            done.fetch_add(n);
            stm::unregister_thread();
        });
    }
    while (ready.load() < nthreads)
        std::this_thread::yield();
    auto start = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop.store(true);
    for (auto& th : threads)
        th.join();
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    stm::Stats after = stm::global_stats();
    double aborts = static_cast<double>(after.total_aborts() - before.total_aborts());
    double commits = static_cast<double>(after.commits - before.commits);
    return Result { static_cast<double>(done.load()) / elapsed, aborts / (aborts + commits) };
}

} // namespace

int main(int argc, char** argv)
{
    int max_threads = argc > 1 ? std::atoi(argv[1]) : static_cast<int>(std::thread::hardware_concurrency());
    double seconds = argc > 2 ? std::atof(argv[2]) : 1.0;
    std::string only = argc > 3 ? argv[3] : "";
    stm::ClientHooks hooks;
    hooks.save_state = save_cell;
    hooks.restore_state = restore_cell;
    hooks.drop_state = drop_cell;
    stm::set_client_hooks(hooks);
    std::printf("| workload | threads | transactions/s | speedup | aborted attempts |\n|---|---:|---:|---:|---:|\n");
    for (auto [w, name] : { std::pair { Workload::Disjoint, "disjoint" }, std::pair { Workload::LowConflict, "low-conflict" },
             std::pair { Workload::Counter, "counter" } }) {
        if (!only.empty() && only != name)
            continue;
        double base = 0;
        for (int n = 1; n <= max_threads; n *= 2) {
            Result r = run(w, n, seconds);
            if (n == 1)
                base = r.tx_per_s;
            std::printf("| %s | %d | %.0f | %.2f | %.1f%% |\n", name, n, r.tx_per_s, r.tx_per_s / base, 100 * r.abort_share);
            std::fflush(stdout);
        }
    }
    return 0;
}
