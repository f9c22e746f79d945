// Source locations of transactional accesses, for conflict reports (pystm.last_abort_info()).
//
// The STM runtime records an opaque 64-bit tag with each read-log entry and each lock, and
// reports the tags of both sides of a conflict (stm::AbortInfo). The interpreter's tag names the
// instruction that made the access: the index of its code object in a table of code objects
// (high 32 bits) and the instruction's index plus one (low 32 bits). The runtime asks for a tag
// only on its slow paths (ClientHooks::location), so computing one costs nothing on the fast
// paths.
//
// Invariants:
//   LOC-1  A tag stays resolvable for the life of the process: a code object that received an
//          index stays in the table (traced as a root) and keeps its index.
//   LOC-2  The table is an interpreter cache (principle 6): registering a code object inside a
//          transaction is not undone by an abort, and causes no conflict.
//   LOC-3  A change that an attempt queued (LIST-3's appends, DICT-10's insertions) and applies
//          later, at its commit or its next whole-container access, is reported at the
//          instruction that queued it: its locks and aborts name the line of the append or the
//          insertion, not the line where the transaction ended.
#pragma once

#include <cstdint>

namespace pystm {
struct CodeObject;
struct StrObject;
namespace gc {
class Tracer;
}
} // namespace pystm

namespace pystm::vm {

// The tag of the instruction the calling thread executes now (its current frame), 0 if none.
uint64_t current_location();

struct SourceLocation {
    StrObject* filename = nullptr;
    int32_t line = -1;
    StrObject* function = nullptr; // the code object's qualified name
};
// Resolves a tag of current_location(); false for 0 or an unknown tag.
bool resolve_location(uint64_t tag, SourceLocation& out);

// Visits every code object of the table (LOC-1).
void trace_locations(gc::Tracer& t);

} // namespace pystm::vm
