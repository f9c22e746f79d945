// The conflict log (PYSTM_LOG=FILE, -X stmlog=FILE): every transaction attempt, abort, wait and
// collection of every thread, for `pystm -m pystm.report`. The file format is specified in
// docs/internals/conflict-log.md.
//
// Recording is one fixed-size record appended to a per-thread buffer; full buffers go to the file
// under a lock, and the tables naming types and source locations are written once, at exit.
// Commits carry no location, so the common path resolves nothing.
//
// Invariants:
//   LOG-1  Recording never uses barriers and never changes transactional state: it cannot cause
//          a conflict or an abort (principle 6).
//   LOG-2  Every location tag and type id that a record uses is defined by a STRING or LOCATION
//          record by the time stm_log_finish() returns.
#pragma once

#include <cstdint>

namespace pystm::stm {
struct Event;
}

namespace pystm::vm {

// Opens [path] and starts recording; false (with errno) if it cannot be created. Called at
// start-up, before any other thread exists.
bool stm_log_open(char const* path);
bool stm_log_active();
// The STM runtime's hook (stm::ClientHooks::record).
void stm_log_record(stm::Event const& e);
// A collection by the calling thread; a wait of the calling thread outside any attempt's work
// (kind: 1 stopped for another thread's collection, 2 a blocking call); now_ticks() times.
void stm_log_gc(uint64_t start_ticks, uint64_t end_ticks, uint64_t live_bytes);
void stm_log_wait(uint8_t kind, uint64_t start_ticks, uint64_t end_ticks, uint64_t location);
// Writes every buffer and the tables (LOG-2) and closes the file. At process exit.
void stm_log_finish();

} // namespace pystm::vm
