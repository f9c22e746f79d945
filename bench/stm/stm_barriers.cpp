// Micro-benchmark of the STM barrier paths (a benchmark, not a test). Results are recorded in
// docs/internals/stm.md. Build and run (release flags):
//
//   g++ -std=c++20 -O2 -DNDEBUG -Isrc bench/stm/stm_barriers.cpp src/stm/*.cpp src/base/common.cpp
//       -lbenchmark -pthread -o /tmp/stm_barriers && /tmp/stm_barriers
#include "objects/access.h"
#include "stm/stm.h"

#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

using namespace pystm;

namespace {

struct Cell : Object {
    std::atomic<int64_t> value { 0 };
    Cell()
        : Object(nullptr)
    {
    }
};

stm::UndoRecord save(Object* o)
{
    return { nullptr, uint64_t(static_cast<Cell*>(o)->value.load()) };
}
void restore(Object* o, stm::UndoRecord const& r)
{
    static_cast<Cell*>(o)->value.store(int64_t(r.aux));
}

struct Setup {
    Setup()
    {
        stm::ClientHooks h;
        h.save_state = save;
        h.restore_state = restore;
        stm::set_client_hooks(h);
        stm::register_thread();
    }
};
Setup& setup()
{
    static Setup s;
    return s;
}

int64_t load(Cell* c) { return c->value.load(std::memory_order_relaxed); }

// STM-0: the accessor-layer barrier with the STM off (one thread).
void BM_AccessBarrierStmOff(benchmark::State& st)
{
    Cell c;
    for (auto _ : st) {
        read_barrier(&c);
        benchmark::DoNotOptimize(load(&c));
    }
}
BENCHMARK(BM_AccessBarrierStmOff);

void BM_NoBarrier(benchmark::State& st)
{
    Cell c;
    for (auto _ : st)
        benchmark::DoNotOptimize(load(&c));
}
BENCHMARK(BM_NoBarrier);

// Fast path: an object this transaction allocated (STM-3) or already wrote.
void BM_ReadOwnedObject(benchmark::State& st)
{
    setup();
    Cell c;
    stm::begin();
    stm::on_allocate(&c);
    for (auto _ : st) {
        stm::read(&c);
        benchmark::DoNotOptimize(load(&c));
    }
    stm::commit();
}
BENCHMARK(BM_ReadOwnedObject);

void BM_WriteOwnedObject(benchmark::State& st)
{
    setup();
    Cell c;
    stm::begin();
    stm::write(&c);
    int64_t i = 0;
    for (auto _ : st) {
        stm::write(&c);
        c.value.store(++i, std::memory_order_relaxed);
    }
    stm::commit();
}
BENCHMARK(BM_WriteOwnedObject);

// Slow path: a shared object already in the read set (filter hit), with post-read validation.
void BM_ReadSharedRepeated(benchmark::State& st)
{
    setup();
    Cell c;
    stm::begin();
    for (auto _ : st) {
        stm::read(&c);
        benchmark::DoNotOptimize(load(&c));
        stm::read_validate(&c);
    }
    stm::commit();
}
BENCHMARK(BM_ReadSharedRepeated);

// Read-mostly object (STM-7): no read-set entry.
void BM_ReadReadMostly(benchmark::State& st)
{
    setup();
    Cell c;
    stm::set_read_mostly(&c, true);
    stm::begin();
    for (auto _ : st) {
        stm::read(&c);
        benchmark::DoNotOptimize(load(&c));
        stm::read_validate(&c);
    }
    stm::commit();
}
BENCHMARK(BM_ReadReadMostly);

// First reads of distinct shared objects: read-set appends, then a read-only commit.
void BM_ReadDistinct64PerTx(benchmark::State& st)
{
    setup();
    std::vector<std::unique_ptr<Cell>> cells;
    for (int i = 0; i < 64; ++i)
        cells.push_back(std::make_unique<Cell>());
    for (auto _ : st) {
        stm::begin();
        for (auto& c : cells) {
            stm::read(c.get());
            benchmark::DoNotOptimize(load(c.get()));
            stm::read_validate(c.get());
        }
        stm::commit();
    }
    st.SetItemsProcessed(int64_t(st.iterations()) * 64);
}
BENCHMARK(BM_ReadDistinct64PerTx);

// First writes of distinct objects: lock + undo record + publish at commit.
void BM_WriteDistinct64PerTx(benchmark::State& st)
{
    setup();
    std::vector<std::unique_ptr<Cell>> cells;
    for (int i = 0; i < 64; ++i)
        cells.push_back(std::make_unique<Cell>());
    for (auto _ : st) {
        stm::begin();
        for (auto& c : cells) {
            stm::write(c.get());
            c->value.store(1, std::memory_order_relaxed);
        }
        stm::commit();
    }
    st.SetItemsProcessed(int64_t(st.iterations()) * 64);
}
BENCHMARK(BM_WriteDistinct64PerTx);

void BM_BeginCommitReadOnly(benchmark::State& st)
{
    setup();
    for (auto _ : st) {
        stm::begin();
        stm::commit();
    }
}
BENCHMARK(BM_BeginCommitReadOnly);

void BM_BeginWriteOneCommit(benchmark::State& st)
{
    setup();
    Cell c;
    for (auto _ : st) {
        stm::begin();
        stm::write(&c);
        c.value.store(1, std::memory_order_relaxed);
        stm::commit();
    }
}
BENCHMARK(BM_BeginWriteOneCommit);

} // namespace

BENCHMARK_MAIN();
