// Deterministic STM tests: logical transactions interleaved step by step in one OS thread, each
// asserting exactly which transaction aborts and why. Cites the invariants of
// docs/internals/stm.md (STM-1 .. STM-16).
#include "stm_test_support.h"
#include "objects/undo.h"

#include "objects/access.h"

#include <chrono>
#include <thread>
#include <vector>

using namespace stmtest;
using stm::AbortKind;

namespace {

class StmDet : public ::testing::Test {
protected:
    void SetUp() override
    {
        install_hooks(true);
        stm::config() = stm::Config {};
    }
    void TearDown() override
    {
        stm::config() = stm::Config {};
        install_hooks(false);
    }
    Scheduler s;
    Cell x, y, z;

    // Two attempts: [a] runs [read] (which reads x) at location [read_loc], then [b] writes x at
    // [write_loc] and commits, so that what [a] read is stale. Returns [a].
    template <class Read>
    stm::Transaction* stale_read_of_x(uint64_t read_loc, uint64_t write_loc, Read read)
    {
        auto* a = s.add();
        auto* b = s.add();
        s.step(a, [] { stm::begin(); });
        s.step(b, [] { stm::begin(); });
        EXPECT_EQ(s.step(a,
                      [&] {
                          stm::set_location(read_loc);
                          read();
                      }),
            Outcome::Ok);
        EXPECT_EQ(s.step(b,
                      [&] {
                          stm::set_location(write_loc);
                          twrite(&x, 1);
                          stm::commit();
                      }),
            Outcome::Ok);
        return a;
    }
    // The last abort of [a] was a validation failure on x with these locations.
    void expect_validation_abort(stm::Transaction* a, uint64_t my_loc, uint64_t other_loc)
    {
        EXPECT_EQ(s.last_kind(), AbortKind::Validation);
        stm::set_current(a);
        EXPECT_EQ(stm::last_abort_info().object, &x);
        EXPECT_EQ(stm::last_abort_info().my_location, my_loc);
        EXPECT_EQ(stm::last_abort_info().other_location, other_loc);
    }
};

auto begin = [] { stm::begin(); };
auto commit = [] { stm::commit(); };

TEST_F(StmDet, WriteWriteSecondWriterAborts) // STM-10
{
    auto* a = s.add();
    auto* b = s.add();
    ASSERT_EQ(s.step(a, begin), Outcome::Ok);
    ASSERT_EQ(s.step(b, begin), Outcome::Ok);
    ASSERT_EQ(s.step(a,
                  [&] {
                      stm::set_location(11);
                      twrite(&x, 1);
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::set_location(22);
                      twrite(&x, 2);
                  }),
        Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::WriteWrite);
    stm::set_current(b);
    stm::AbortInfo info = stm::last_abort_info();
    EXPECT_EQ(info.kind, AbortKind::WriteWrite);
    EXPECT_EQ(info.object, &x);
    EXPECT_EQ(info.my_location, 22u);
    EXPECT_EQ(info.other_location, 11u);
    EXPECT_EQ(info.other_slot, stm::descriptor_slot(a));
    EXPECT_FALSE(stm::in_transaction());
    ASSERT_EQ(s.step(a, commit), Outcome::Ok);
    EXPECT_EQ(x.get(), 1);
    // The aborted one retries and wins now.
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      twrite(&x, 2);
                      stm::commit();
                  }),
        Outcome::Ok);
    EXPECT_EQ(x.get(), 2);
}


// A client's location hook, when installed, names the accesses instead of set_location(): the
// lock records where it was taken, and the aborted side reports where it met the conflict.
uint64_t g_hook_location = 0;

TEST_F(StmDet, LocationHookNamesBothSides) // AbortInfo
{
    stm::ClientHooks saved = stm::client_hooks();
    stm::ClientHooks h = saved;
    h.location = [] { return g_hook_location; };
    stm::set_client_hooks(h);
    auto* a = s.add();
    auto* b = s.add();
    ASSERT_EQ(s.step(a, begin), Outcome::Ok);
    ASSERT_EQ(s.step(b, begin), Outcome::Ok);
    ASSERT_EQ(s.step(a,
                  [&] {
                      g_hook_location = 101;
                      twrite(&x, 1);
                      g_hook_location = 102; // a later access that takes no lock
                      tread(&y);
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::set_location(999); // ignored while the hook is installed
                      g_hook_location = 202;
                      twrite(&x, 2);
                  }),
        Outcome::Aborted);
    stm::set_current(b);
    stm::AbortInfo info = stm::last_abort_info();
    EXPECT_EQ(info.kind, AbortKind::WriteWrite);
    EXPECT_EQ(info.my_location, 202u);
    EXPECT_EQ(info.other_location, 101u);
    ASSERT_EQ(s.step(a, commit), Outcome::Ok);
    stm::set_client_hooks(saved);
}
TEST_F(StmDet, ReadOfLockedObjectAborts) // STM-5
{
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    s.step(b, begin);
    ASSERT_EQ(s.step(a, [&] { twrite(&x, 5); }), Outcome::Ok);
    ASSERT_EQ(s.step(b, [&] { tread(&x); }), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::ReadLocked);
    ASSERT_EQ(s.step(a, commit), Outcome::Ok);
}

TEST_F(StmDet, StaleReadFailsCommitValidation) // STM-4 step 3
{
    auto* a = stale_read_of_x(7, 8, [&] { EXPECT_EQ(tread(&x), 0); });
    ASSERT_EQ(s.step(a, [&] { twrite(&y, 1); }), Outcome::Ok);
    ASSERT_EQ(s.step(a, commit), Outcome::Aborted);
    expect_validation_abort(a, 7, 8);
    EXPECT_EQ(y.get(), 0); // STM-6: rolled back
}

// The validation after an in-place read (STM-5) names the committed writer, as the commit's
// validation does: the conflict log's "other side" of the abort.
TEST_F(StmDet, InPlaceReadValidationNamesTheWriter) // STM-5
{
    auto* a = stale_read_of_x(21, 22, [&] { stm::read(&x); });
    ASSERT_EQ(s.step(a,
                  [&] {
                      stm::set_location(23);
                      stm::read_validate(&x);
                  }),
        Outcome::Aborted);
    expect_validation_abort(a, 23, 22);
}

// Becoming inevitable validates the reads so far (STM-8); a failure names both sides, this one
// by the stale read rather than where the attempt turned inevitable.
TEST_F(StmDet, InevitableValidationNamesBothSides) // STM-8
{
    auto* a = stale_read_of_x(31, 33, [&] { EXPECT_EQ(tread(&x), 0); });
    ASSERT_EQ(s.step(a,
                  [&] {
                      stm::set_location(32);
                      stm::become_inevitable();
                  }),
        Outcome::Aborted);
    expect_validation_abort(a, 31, 33);
}

namespace {
    std::vector<stm::Event> g_wait_events;
    void record_waits(stm::Event const& e)
    {
        if (e.type == stm::EventType::Wait && e.end_ticks == 0)
            g_wait_events.push_back(e);
    }
} // namespace

// The log's WAIT records name the other side: where the transaction waited for was (its latest
// lock) when the wait began, for a wait for the inevitable transaction's object and for a wait
// for the inevitable slot.
TEST_F(StmDet, WaitsNameTheTransactionWaitedFor)
{
    stm::ClientHooks h = stm::client_hooks();
    h.record = record_waits;
    stm::set_client_hooks(h);
    g_wait_events.clear();
    auto* a = s.add();
    auto* b = s.add();
    auto* c = s.add();
    s.step(a, begin);
    s.step(b, begin);
    s.step(c, begin);
    ASSERT_EQ(s.step(a,
                  [&] {
                      stm::set_location(51);
                      stm::become_inevitable();
                      twrite(&x, 1);
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::set_location(52);
                      tread(&x);
                  }),
        Outcome::Blocked);
    ASSERT_EQ(s.step(c,
                  [&] {
                      stm::set_location(53);
                      stm::become_inevitable();
                  }),
        Outcome::Blocked);
    ASSERT_EQ(g_wait_events.size(), 2u);
    EXPECT_EQ(g_wait_events[0].kind, uint8_t(stm::WaitReason::Inevitable));
    EXPECT_EQ(g_wait_events[0].object, &x);
    EXPECT_EQ(g_wait_events[0].location, 52u);
    EXPECT_EQ(g_wait_events[0].other_location, 51u);
    EXPECT_EQ(g_wait_events[1].kind, uint8_t(stm::WaitReason::InevitableSlot));
    EXPECT_EQ(g_wait_events[1].location, 53u);
    EXPECT_EQ(g_wait_events[1].other_location, 51u);
    ASSERT_EQ(s.step(a, commit), Outcome::Ok);
    h.record = nullptr;
    stm::set_client_hooks(h);
}

// STM-9: an attempt killed by the inevitable transaction while it waited for the inevitable
// slot starts its next attempt by taking the slot, holding nothing: redone as an ordinary
// attempt it would take the same locks and be killed again.
TEST_F(StmDet, KilledWhileWaitingForTheSlotStartsInevitable)
{
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    s.step(b, begin);
    ASSERT_EQ(s.step(a, [] { stm::become_inevitable(); }), Outcome::Ok);
    ASSERT_EQ(s.step(b, [&] { twrite(&x, 2); }), Outcome::Ok);
    ASSERT_EQ(s.step(b, [] { stm::become_inevitable(); }), Outcome::Blocked); // the slot is a's
    ASSERT_EQ(s.step(a, [&] { twrite(&x, 1); }), Outcome::Blocked); // asks b to abort
    ASSERT_EQ(s.step(b, [] { stm::become_inevitable(); }), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::KilledByInevitable);
    // The retry waits for the slot at once, before it holds anything.
    EXPECT_EQ(s.step(b, begin), Outcome::Blocked);
    ASSERT_EQ(s.step(a, [&] { twrite(&x, 1); }), Outcome::Ok);
    ASSERT_EQ(s.step(a, commit), Outcome::Ok);
    ASSERT_EQ(s.step(b, [] { stm::become_inevitable(); }), Outcome::Ok);
    EXPECT_TRUE(s.step(b, [] { EXPECT_TRUE(stm::is_inevitable()); }) == Outcome::Ok);
    ASSERT_EQ(s.step(b, [&] { twrite(&x, 2); }), Outcome::Ok);
    ASSERT_EQ(s.step(b, commit), Outcome::Ok);
    EXPECT_EQ(x.get(), 2);
}

TEST_F(StmDet, CommitValidatesWhenNobodyCommittedSinceTheSnapshot) // STM-4 step 3, STM-5
{
    // a reads x's header, b locks x and writes it in place, a reads the field without validating
    // it afterwards (an accessor trusting a single field) and commits while b still holds the
    // lock. No commit happened since a's snapshot (its write version is m_rv + 1), but a saw
    // b's uncommitted write: the commit must still validate, and abort.
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    s.step(b, begin);
    ASSERT_EQ(s.step(a, [&] { twrite(&y, 1); }), Outcome::Ok);
    ASSERT_EQ(s.step(a, [&] { stm::read(&x); }), Outcome::Ok);
    ASSERT_EQ(s.step(b, [&] { twrite(&x, 42); }), Outcome::Ok);
    int64_t seen = 0;
    ASSERT_EQ(s.step(a, [&] { seen = x.get(); }), Outcome::Ok);
    EXPECT_EQ(seen, 42); // the dirty read the accessor should have validated
    ASSERT_EQ(s.step(a, commit), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::Validation);
    EXPECT_EQ(y.get(), 0); // STM-6: rolled back
    ASSERT_EQ(s.step(b, commit), Outcome::Ok);
}

TEST_F(StmDet, ReadOnlyTransactionSerializesAtItsSnapshot) // STM-2
{
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    ASSERT_EQ(s.step(a, [&] { EXPECT_EQ(tread(&x), 0); }), Outcome::Ok);
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      twrite(&x, 1);
                      stm::commit();
                  }),
        Outcome::Ok);
    stm::set_current(b);
    uint64_t tb = stm::last_commit_timestamp();
    ASSERT_EQ(s.step(a, commit), Outcome::Ok);
    stm::set_current(a);
    EXPECT_LT(stm::last_commit_timestamp(), tb);
}

TEST_F(StmDet, OpacityAbortsAtNextReadInsteadOfSeeingInconsistentState) // STM-1
{
    // Invariant maintained by every committed transaction: x == y.
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    ASSERT_EQ(s.step(a, [&] { EXPECT_EQ(tread(&x), 0); }), Outcome::Ok);
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      twrite(&x, 1);
                      twrite(&y, 1);
                      stm::commit();
                  }),
        Outcome::Ok);
    int64_t seen = -1;
    ASSERT_EQ(s.step(a, [&] { seen = tread(&y); }), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::Validation);
    EXPECT_EQ(seen, -1); // the torn pair (x=0, y=1) was never returned
}

TEST_F(StmDet, SnapshotExtendsWhenNothingReadChanged) // STM-1 (LSA extension)
{
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    ASSERT_EQ(s.step(a, [&] { tread(&x); }), Outcome::Ok);
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      twrite(&y, 3);
                      stm::commit();
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(a,
                  [&] {
                      EXPECT_EQ(tread(&y), 3);
                      twrite(&z, 1);
                      stm::commit();
                  }),
        Outcome::Ok);
    EXPECT_EQ(z.get(), 1);
}

TEST_F(StmDet, WriteOfNewerObjectExtendsOrAborts) // STM-1
{
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    ASSERT_EQ(s.step(a, [&] { tread(&x); }), Outcome::Ok);
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      twrite(&x, 1);
                      twrite(&y, 1);
                      stm::commit();
                  }),
        Outcome::Ok);
    // y is newer than a's snapshot and x changed: locking y must not let a see y's new state.
    ASSERT_EQ(s.step(a, [&] { stm::write(&y); }), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::Validation);
}

TEST_F(StmDet, AbortRestoresClientStateThroughUndoHooks) // STM-6
{
    x.log = new std::vector<int64_t> { 1, 2 };
    auto* a = s.add();
    s.step(a, begin);
    ASSERT_EQ(s.step(a,
                  [&] {
                      stm::write(&x);
                      x.set(9);
                      x.log->push_back(3);
                      x.log->clear();
                      twrite(&y, 4);
                  }),
        Outcome::Ok);
    EXPECT_EQ(stm::write_set_size(), 2u);
    ASSERT_EQ(s.step(a, [] { stm::abort_transaction(); }), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::Explicit);
    EXPECT_EQ(x.get(), 0);
    EXPECT_EQ(*x.log, (std::vector<int64_t> { 1, 2 }));
    EXPECT_EQ(y.get(), 0);
}

TEST_F(StmDet, LockWithoutRecordExcludesOthersAndRestoresNothing) // STM-6, lock_slow
{
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    s.step(b, begin);
    // a locks x without an undo record: x is a's like any written object...
    ASSERT_EQ(s.step(a,
                  [&] {
                      stm::lock_slow(&x);
                      x.set(7); // a change that, by lock_slow's contract, another record restores
                  }),
        Outcome::Ok);
    EXPECT_TRUE(stm::write_fast(&x));
    EXPECT_EQ(stm::write_set_size(), 1u);
    ASSERT_EQ(s.step(b, [&] { twrite(&x, 1); }), Outcome::Aborted); // STM-10
    EXPECT_EQ(s.last_kind(), AbortKind::WriteWrite);
    // ...but its abort only releases the lock, under a fresh version (STM-6).
    s.step(b, begin);
    ASSERT_EQ(s.step(b, [&] { stm::read(&y); }), Outcome::Ok);
    ASSERT_EQ(s.step(a, [] { stm::abort_transaction(); }), Outcome::Aborted);
    EXPECT_EQ(x.get(), 7);
    x.set(0);
    ASSERT_EQ(s.step(b, [&] { EXPECT_EQ(tread(&x), 0); }), Outcome::Ok);
    ASSERT_EQ(s.step(b, commit), Outcome::Ok);
    // An object already written keeps its record: lock_slow() is then a no-op.
    s.step(a, begin);
    ASSERT_EQ(s.step(a,
                  [&] {
                      twrite(&y, 5);
                      stm::lock_slow(&y);
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(a, [] { stm::abort_transaction(); }), Outcome::Aborted);
    EXPECT_EQ(y.get(), 0);
}

TEST_F(StmDet, AbortedWriterInvalidatesReadersThatMaySawItsWrites) // STM-5, STM-6
{
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    s.step(b, begin);
    // a passes the read barrier, then b locks and writes in place before a validates.
    ASSERT_EQ(s.step(a, [&] { stm::read(&x); }), Outcome::Ok);
    ASSERT_EQ(s.step(b, [&] { twrite(&x, 42); }), Outcome::Ok);
    ASSERT_EQ(s.step(a, [&] { stm::read_validate(&x); }), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::ReadLocked);
    // Same, but the writer aborts (restoring x) before the reader validates: the restored
    // object carries a fresh version, so the reader still aborts (no ABA).
    s.step(a, begin);
    ASSERT_EQ(s.step(a, [&] { stm::read(&y); }), Outcome::Ok);
    ASSERT_EQ(s.step(b,
                  [&] {
                      twrite(&y, 42);
                      stm::abort_transaction();
                  }),
        Outcome::Aborted);
    EXPECT_EQ(y.get(), 0);
    ASSERT_EQ(s.step(a, [&] { stm::read_validate(&y); }), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::Validation);
}

TEST_F(StmDet, ObjectsAllocatedByTheTransactionNeedNoBarrierWork) // STM-3
{
    auto* a = s.add();
    auto* b = s.add();
    Cell fresh;
    s.step(a, begin);
    ASSERT_EQ(s.step(a,
                  [&] {
                      stm::on_allocate(&fresh);
                      twrite(&fresh, 5);
                      EXPECT_EQ(tread(&fresh), 5);
                      EXPECT_EQ(stm::read_set_size(), 0u);
                      EXPECT_EQ(stm::write_set_size(), 0u);
                      twrite(
                          &x, int64_t(reinterpret_cast<intptr_t>(&fresh) & 0xffff)); // "publish" it
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(a, commit), Outcome::Ok);
    // The creator's word is stale now: others read it as version 0, and may lock it.
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      EXPECT_EQ(tread(&fresh), 5);
                      twrite(&fresh, 6);
                      stm::commit();
                  }),
        Outcome::Ok);
    EXPECT_EQ(fresh.get(), 6);
    EXPECT_FALSE(stm::word_owned(fresh.m_stm.load()));
}

TEST_F(StmDet, StaleWordsReadAsVersionZeroEverywhere) // STM-3
{
    auto* a = s.add();
    auto* b = s.add();
    Cell fresh;
    ASSERT_EQ(s.step(a,
                  [&] {
                      stm::begin();
                      stm::on_allocate(&fresh);
                      twrite(&fresh, 1);
                      stm::commit();
                  }),
        Outcome::Ok);
    uint64_t stale = fresh.m_stm.load();
    ASSERT_TRUE(stm::word_owned(stale));
    // An inevitable reader, a validating reader and a committing reader all accept it.
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      stm::become_inevitable();
                      EXPECT_EQ(tread(&fresh), 1);
                      stm::commit();
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      EXPECT_EQ(tread(&fresh), 1);
                      twrite(&x, 1);
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(a,
                  [&] {
                      stm::begin();
                      twrite(&y, 1);
                      stm::commit();
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(b, commit), Outcome::Ok); // validation: version 0 == stale word
    // The first reader replaced the stale word by the version it reads as.
    EXPECT_EQ(fresh.m_stm.load(), stale & stm::kReadMostly);
}

TEST_F(StmDet, RepeatedReadsDoNotGrowTheReadSet)
{
    auto* a = s.add();
    s.step(a, begin);
    ASSERT_EQ(s.step(a,
                  [&] {
                      for (int i = 0; i < 100; ++i) {
                          tread(&x);
                          tread(&y);
                      }
                      EXPECT_EQ(stm::read_set_size(), 2u);
                      stm::commit();
                  }),
        Outcome::Ok);
}

TEST_F(StmDet, ReadMostlyObjectsStayOutOfTheReadSet) // STM-7
{
    Cell rm;
    stm::set_read_mostly(&rm, true);
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    ASSERT_EQ(s.step(a,
                  [&] {
                      tread(&rm);
                      EXPECT_EQ(stm::read_set_size(), 0u);
                  }),
        Outcome::Ok);
    // An unrelated commit: the extension succeeds, the epoch did not move.
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      twrite(&y, 1);
                      stm::commit();
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(a, [&] { EXPECT_EQ(tread(&y), 1); }), Outcome::Ok);
    // A writer of a read-mostly object pays: it bumps the epoch, and a's next extension fails.
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      twrite(&rm, 1);
                      stm::commit();
                  }),
        Outcome::Ok);
    EXPECT_TRUE(rm.m_stm.load() & stm::kReadMostly);
    ASSERT_EQ(s.step(a, [&] { tread(&rm); }), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::ReadMostly);
}

TEST_F(StmDet, ReadMostlyObjectWrittenOftenLeavesTheScheme) // STM-7
{
    stm::config().read_mostly_demote_after = 3;
    Cell rm;
    stm::set_read_mostly(&rm, true);
    auto* a = s.add();
    auto* b = s.add();
    auto write_rm = [&](int v) {
        return s.step(b, [&] {
            stm::begin();
            twrite(&rm, v);
            stm::commit();
        });
    };
    // Demotion counts by address hash: start from a fresh count for this cell.
    for (int i = 1; i <= 3 && stm::is_read_mostly(&rm); ++i)
        ASSERT_EQ(write_rm(i), Outcome::Ok);
    stm::set_read_mostly(&rm, true);
    ASSERT_EQ(write_rm(10), Outcome::Ok);
    ASSERT_EQ(write_rm(11), Outcome::Ok);
    EXPECT_TRUE(stm::is_read_mostly(&rm));
    // a read it as read-mostly; the third commit demotes it, and still bumps the epoch.
    s.step(a, begin);
    ASSERT_EQ(s.step(a, [&] { EXPECT_EQ(tread(&rm), 11); }), Outcome::Ok);
    ASSERT_EQ(write_rm(12), Outcome::Ok);
    EXPECT_FALSE(stm::is_read_mostly(&rm));
    ASSERT_EQ(s.step(a, [&] { tread(&y); twrite(&x, 1); stm::commit(); }), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::ReadMostly);
    // Now an ordinary object: a reader logs it.
    s.step(a, begin);
    ASSERT_EQ(s.step(a,
                  [&] {
                      EXPECT_EQ(tread(&rm), 12);
                      EXPECT_EQ(stm::read_set_size(), 1u);
                      stm::commit();
                  }),
        Outcome::Ok);
}

TEST_F(StmDet, ClientKeepsReadMostlyObjects) // STM-7 (ClientHooks::keep_read_mostly)
{
    stm::config().read_mostly_demote_after = 2;
    stm::ClientHooks saved = stm::client_hooks();
    stm::ClientHooks h = saved;
    static Cell* kept;
    Cell rm;
    kept = &rm;
    h.keep_read_mostly = [](Object* o) { return o == kept; };
    stm::set_client_hooks(h);
    stm::set_read_mostly(&rm, true);
    auto* b = s.add();
    for (int i = 1; i <= 6; ++i)
        ASSERT_EQ(s.step(b,
                      [&] {
                          stm::begin();
                          twrite(&rm, i);
                          stm::commit();
                      }),
            Outcome::Ok);
    EXPECT_TRUE(stm::is_read_mostly(&rm));
    stm::set_client_hooks(saved);
}

TEST_F(StmDet, ReadFilterStartsEmptyInEveryAttempt) // STM-12
{
    // Attempts of one descriptor reuse the filter without clearing it: an object read by the
    // previous attempt must still enter the new attempt's read set, across a tag wrap too.
    auto* a = s.add();
    for (int round = 0; round < 70000; ++round) {
        ASSERT_EQ(s.step(a,
                      [&] {
                          stm::begin();
                          tread(&x);
                          ASSERT_EQ(stm::read_set_size(), 1u);
                          tread(&x);
                          ASSERT_EQ(stm::read_set_size(), 1u);
                          stm::commit();
                      }),
            Outcome::Ok);
    }
}

TEST_F(StmDet, ReadMostlyWriteCaughtAtCommit) // STM-7, STM-4 step 3
{
    Cell rm;
    stm::set_read_mostly(&rm, true);
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    ASSERT_EQ(s.step(a,
                  [&] {
                      tread(&rm);
                      twrite(&x, 1);
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      twrite(&rm, 1);
                      stm::commit();
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(a, commit), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::ReadMostly);
    EXPECT_EQ(x.get(), 0);
}

TEST_F(StmDet, InevitableTransactionNeverAbortsAndOthersWait) // STM-8
{
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    s.step(b, begin);
    ASSERT_EQ(s.step(b, [&] { twrite(&z, 1); }), Outcome::Ok);
    ASSERT_EQ(s.step(a,
                  [&] {
                      stm::become_inevitable();
                      twrite(&x, 1);
                      tread(&y);
                  }),
        Outcome::Ok);
    stm::set_current(a);
    EXPECT_TRUE(stm::is_inevitable());
    // b may not write what a wrote, nor what a read: it waits.
    EXPECT_EQ(s.step(b, [&] { twrite(&x, 2); }), Outcome::Blocked);
    EXPECT_EQ(s.step(b, [&] { twrite(&y, 2); }), Outcome::Blocked);
    EXPECT_EQ(y.m_stm.load() & stm::kOwned, 0u); // the failed lock was undone
    // a needs z, which b holds: a asks b to abort and waits; b aborts at its next barrier.
    EXPECT_EQ(s.step(a,
                  [&] {
                      stm::set_location(31);
                      twrite(&z, 3);
                  }),
        Outcome::Blocked);
    EXPECT_EQ(s.step(b,
                  [&] {
                      stm::set_location(42);
                      tread(&x);
                  }),
        Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::KilledByInevitable);
    EXPECT_EQ(z.get(), 0);
    // b's abort names what a wanted, and where (AbortInfo).
    stm::set_current(b);
    stm::AbortInfo info = stm::last_abort_info();
    EXPECT_EQ(info.object, &z);
    EXPECT_EQ(info.my_location, 42u);
    EXPECT_EQ(info.other_location, 31u);
    EXPECT_EQ(info.other_slot, stm::descriptor_slot(a));
    ASSERT_EQ(s.step(a,
                  [&] {
                      twrite(&z, 3);
                      stm::commit();
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      twrite(&y, 2);
                      stm::commit();
                  }),
        Outcome::Ok);
    EXPECT_EQ(x.get(), 1);
    EXPECT_EQ(y.get(), 2);
    EXPECT_EQ(z.get(), 3);
}

// The client hears of each new kill request once (ClientHooks::kill_requested), and poll(), which
// the interpreter then runs at its next eval-breaker poll, aborts the victim even though it has
// no barrier slow path left to run.
std::vector<stm::Transaction*> g_kill_requests;

TEST_F(StmDet, KillRequestTellsClientOnceAndPollAborts) // STM-9
{
    stm::ClientHooks h = stm::client_hooks();
    h.kill_requested = [](stm::Transaction* owner) { g_kill_requests.push_back(owner); };
    stm::set_client_hooks(h);
    g_kill_requests.clear();
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    s.step(b, begin);
    ASSERT_EQ(s.step(b, [&] { twrite(&z, 1); }), Outcome::Ok);
    ASSERT_EQ(s.step(a, [] { stm::become_inevitable(); }), Outcome::Ok);
    EXPECT_EQ(s.step(a, [&] { twrite(&z, 2); }), Outcome::Blocked);
    EXPECT_EQ(s.step(a, [&] { twrite(&z, 2); }), Outcome::Blocked); // the same request
    ASSERT_EQ(g_kill_requests.size(), 1u);
    EXPECT_EQ(g_kill_requests[0], b);
    EXPECT_EQ(s.step(b, [] { stm::poll(); }), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::KilledByInevitable);
    EXPECT_EQ(z.get(), 0);
    ASSERT_EQ(s.step(a,
                  [&] {
                      twrite(&z, 2);
                      stm::commit();
                  }),
        Outcome::Ok);
    // A poll with no request (b's next attempt) changes nothing.
    EXPECT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      stm::poll();
                      twrite(&y, 5);
                      stm::commit();
                  }),
        Outcome::Ok);
    EXPECT_EQ(z.get(), 2);
    EXPECT_EQ(y.get(), 5);
    EXPECT_EQ(g_kill_requests.size(), 1u);
}

TEST_F(StmDet, AtMostOneInevitableTransaction) // STM-8
{
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    s.step(b, begin);
    ASSERT_EQ(s.step(a, [] { stm::become_inevitable(); }), Outcome::Ok);
    EXPECT_EQ(s.step(b, [] { stm::become_inevitable(); }), Outcome::Blocked);
    stm::set_current(b);
    EXPECT_FALSE(stm::is_inevitable());
    ASSERT_EQ(s.step(a, commit), Outcome::Ok);
    ASSERT_EQ(s.step(b, [] { stm::become_inevitable(); }), Outcome::Ok);
    stm::set_current(b);
    EXPECT_TRUE(stm::is_inevitable());
    ASSERT_EQ(s.step(b, commit), Outcome::Ok);
}

TEST_F(StmDet, BecomeInevitableValidatesFirst) // STM-8
{
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    ASSERT_EQ(s.step(a, [&] { tread(&x); }), Outcome::Ok);
    ASSERT_EQ(s.step(b,
                  [&] {
                      stm::begin();
                      twrite(&x, 1);
                      stm::commit();
                  }),
        Outcome::Ok);
    ASSERT_EQ(s.step(a, [] { stm::become_inevitable(); }), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::Validation);
    // The slot was released: b can become inevitable.
    ASSERT_EQ(s.step(b,
                  [] {
                      stm::begin();
                      stm::become_inevitable();
                      stm::commit();
                  }),
        Outcome::Ok);
}

TEST_F(StmDet, InevitableReadBlocksLaterWriterOfReadMostlyObjects) // STM-7, STM-8
{
    Cell rm;
    stm::set_read_mostly(&rm, true);
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    ASSERT_EQ(s.step(a,
                  [&] {
                      tread(&rm);
                      stm::become_inevitable();
                  }),
        Outcome::Ok);
    s.step(b, begin);
    EXPECT_EQ(s.step(b, [&] { twrite(&rm, 5); }), Outcome::Blocked);
    ASSERT_EQ(s.step(a, commit), Outcome::Ok);
    ASSERT_EQ(s.step(b,
                  [&] {
                      twrite(&rm, 5);
                      stm::commit();
                  }),
        Outcome::Ok);
    EXPECT_EQ(rm.get(), 5);
}

TEST_F(StmDet, StarvingTransactionRunsInevitablyNext) // STM-9
{
    stm::config().inevitable_after_aborts = 3;
    auto* a = s.add();
    auto* b = s.add();
    for (int i = 0; i < 3; ++i) {
        s.step(a, begin);
        s.step(b, begin);
        ASSERT_EQ(s.step(a, [&] { twrite(&x, 1); }), Outcome::Ok);
        ASSERT_EQ(s.step(b, [&] { twrite(&x, 2); }), Outcome::Aborted);
        ASSERT_EQ(s.step(a, commit), Outcome::Ok);
    }
    s.step(a, begin);
    ASSERT_EQ(s.step(a, [&] { twrite(&x, 1); }), Outcome::Ok);
    // b's next attempt starts inevitable, waits for x, and a is asked to abort.
    ASSERT_EQ(s.step(b, begin), Outcome::Ok);
    stm::set_current(b);
    EXPECT_TRUE(stm::is_inevitable());
    EXPECT_EQ(s.step(b, [&] { twrite(&x, 2); }), Outcome::Blocked);
    EXPECT_EQ(s.step(a, commit), Outcome::Aborted);
    EXPECT_EQ(s.last_kind(), AbortKind::KilledByInevitable);
    ASSERT_EQ(s.step(b,
                  [&] {
                      twrite(&x, 2);
                      stm::commit();
                  }),
        Outcome::Ok);
    EXPECT_EQ(x.get(), 2);
}

TEST_F(StmDet, TransactionLengthAdaptsToAborts)
{
    stm::config().length_initial = 100;
    stm::config().length_min = 10;
    stm::config().length_max = 200;
    auto* a = s.add();
    stm::set_current(a);
    EXPECT_EQ(stm::length_budget(), 100u);
    s.step(a, [] {
        stm::begin();
        stm::abort_transaction();
    });
    stm::set_current(a);
    EXPECT_EQ(stm::length_budget(), 50u);
    for (int i = 0; i < 5; ++i)
        s.step(a, [] {
            stm::begin();
            stm::abort_transaction();
        });
    stm::set_current(a);
    EXPECT_EQ(stm::length_budget(), 10u);
    uint32_t prev = 10;
    for (int i = 0; i < 40; ++i) {
        s.step(a, [] {
            stm::begin();
            stm::commit();
        });
        stm::set_current(a);
        EXPECT_GE(stm::length_budget(), prev);
        prev = stm::length_budget();
    }
    EXPECT_EQ(stm::length_budget(), 200u);
}

TEST_F(StmDet, StatisticsCountCommitsAndAbortsByKind)
{
    auto* a = s.add();
    auto* b = s.add();
    stm::set_current(a);
    stm::Stats a0 = stm::thread_stats();
    stm::Stats g0 = stm::global_stats();
    s.step(a, begin);
    s.step(b, begin);
    s.step(a, [&] { twrite(&x, 1); });
    s.step(b, [&] { twrite(&x, 1); });
    s.step(a, commit);
    s.step(b, [&] {
        stm::begin();
        stm::abort_transaction();
    });
    stm::set_current(a);
    stm::Stats a1 = stm::thread_stats();
    EXPECT_EQ(a1.commits - a0.commits, 1u);
    stm::Stats g1 = stm::global_stats();
    EXPECT_EQ(g1.commits - g0.commits, 1u);
    EXPECT_EQ(
        g1.aborts[size_t(AbortKind::WriteWrite)] - g0.aborts[size_t(AbortKind::WriteWrite)], 1u);
    EXPECT_EQ(g1.aborts[size_t(AbortKind::Explicit)] - g0.aborts[size_t(AbortKind::Explicit)], 1u);
    EXPECT_EQ(g1.total_aborts() - g0.total_aborts(), 2u);
    EXPECT_GE(g1.ns_committed, g0.ns_committed);
    EXPECT_STREQ(stm::abort_kind_name(AbortKind::Validation), "read-write");
}

TEST_F(StmDet, AccessLayerBarriersRouteToTheRuntimeWhenActive) // STM-0
{
    // A write to an object whose type has no undo operations makes the transaction inevitable
    // (UNDO-1); y's type has some.
    Type undoable(nullptr);
    undoable.m_stm_undo = &g_plain_undo;
    y.m_type = &undoable;
    auto* a = s.add();
    s.step(a, begin);
    ASSERT_EQ(s.step(a,
                  [&] {
                      pystm::read_barrier(&x); // STM off: nothing recorded
                      EXPECT_EQ(stm::read_set_size(), 0u);
                      pystm::g_stm_active = true;
                      pystm::read_barrier(&x);
                      pystm::write_barrier(&y);
                      pystm::g_stm_active = false;
                      EXPECT_EQ(stm::read_set_size(), 1u);
                      EXPECT_EQ(stm::write_set_size(), 1u);
                      EXPECT_FALSE(stm::is_inevitable());
                      stm::commit();
                  }),
        Outcome::Ok);
    y.m_type = nullptr;
}

TEST_F(StmDet, DescriptorSlotsAreBoundedAndReused) // STM-3
{
    std::vector<stm::Transaction*> all;
    while (stm::Transaction* t = stm::create_descriptor())
        all.push_back(t);
    EXPECT_LE(all.size(), size_t(stm::kMaxSlots));
    EXPECT_GE(all.size(), size_t(stm::kMaxSlots) - 8); // the fixture's scheduler holds none yet
    stm::Transaction* last = all.back();
    all.pop_back();
    stm::destroy_descriptor(last);
    EXPECT_EQ(stm::create_descriptor(), last); // pooled, same slot
    all.push_back(last);
    for (stm::Transaction* t : all)
        stm::destroy_descriptor(t);
}

TEST_F(StmDet, BarriersOutsideTransactionsAreNoOps)
{
    Cell c;
    stm::Transaction* t = s.add();
    stm::set_current(t);
    stm::read(&c);
    stm::write(&c);
    stm::read_validate(&c);
    EXPECT_EQ(c.m_stm.load(), 0u);
}

} // namespace

TEST_F(StmDet, StallIsReportedWithEveryTransaction) // STM-15
{
    auto* a = s.add();
    auto* b = s.add();
    s.step(a, begin);
    s.step(b, begin);
    ASSERT_EQ(s.step(a, [] { stm::become_inevitable(); }), Outcome::Ok);
    // [a] never ends, so [b] would wait for the inevitable slot forever: with a stall limit the
    // process ends with a report of every transaction instead.
    EXPECT_DEATH(
        {
            stm::ClientHooks h = stm::client_hooks();
            h.wait = [](stm::WaitReason) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            };
            stm::set_client_hooks(h);
            stm::config().stall_seconds = 1;
            s.step(b, [] { stm::become_inevitable(); });
        },
        "STM stall: the transaction in slot [0-9]+ has waited 1\\.[0-9] s for its turn to become "
        "inevitable.*the inevitable transaction: slot [0-9]+.*in an attempt, inevitable.*STM-15");
}
