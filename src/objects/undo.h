// Undo records of the STM (docs/internals/stm.md, "Undo records of the interpreter").
//
// When a transaction first writes an object, the STM runtime asks the interpreter (its client)
// to save the object's state, so that an abort can put it back. What that state is depends on
// the type: each static type that can be undone registers StmUndoOps for its builtin layout (the
// C++ struct of its instances); the extension of a heap subclass (its __dict__ pointer and
// __slots__ values) is saved by a byte copy on top. A write to an object whose static base type
// registered no operations makes the transaction inevitable first (UNDO-1), so no abort can ever
// need them: a type is correct without operations, only less parallel.
//
// Invariants:
//   UNDO-1  A non-inevitable transaction writes only objects whose type has undo operations (the
//           barrier of vm/stm_client.cpp enforces it).
//   UNDO-2  save() captures everything the type's code may change between the barrier and the end
//           of the transaction; restore() puts exactly that back. (Still to do for concurrent
//           readers, STM-5: buffers that restore() or the writer frees should be retired until
//           no transaction can read them; today they are freed at once.)
//   UNDO-3  A record keeps alive what it references: trace() visits it while the transaction runs.
#pragma once

#include "objects/object.h"

namespace pystm {

namespace gc {
class Tracer;
}

struct StmUndoOps {
    // Saves the state of [o]'s builtin layout; [base] is the static type that defines it.
    void* (*save)(Object* o, Type* base);
    // Puts the saved state back into [o] (abort); [rec] is then dropped.
    void (*restore)(Object* o, Type* base, void* rec);
    void (*drop)(void* rec);
    void (*trace)(void* rec, gc::Tracer& t);
    // Bytes of the object, from its start, whose state these operations cover; the client saves
    // the rest (the plain fields of static subclasses, a heap subclass's __dict__ pointer and
    // __slots__) by a byte copy. UINT32_MAX: the whole object.
    uint32_t covers;
};

// Types whose builtin layout is plain data (Values, integers, pointers to objects, no C++-owned
// memory) use these: they cover nothing, so the client's byte copy saves the whole object.
extern StmUndoOps const g_plain_undo;

// The undo operations of list, dict, set and bytearray (their .cpp files).
extern StmUndoOps const g_list_undo;
extern StmUndoOps const g_dict_undo;
extern StmUndoOps const g_set_undo;
extern StmUndoOps const g_bytearray_undo;

} // namespace pystm
