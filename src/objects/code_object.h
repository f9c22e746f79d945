// Code objects: the compiler's output and the interpreter's input. Immutable (OBJ-1).
//
// Local variable layout ("localsplus", as CPython 3.11): the frame holds co_nlocalsplus slots:
// first the plain and cell locals in co_localsplusnames order (arguments first), then the free
// variables. co_localspluskinds[i] says which kind each slot is. Cell slots hold a CellObject
// after MAKE_CELL; free slots receive the closure's cells through COPY_FREE_VARS.
#pragma once

#include "objects/object.h"
#include <vector>

namespace pystm {

struct TupleObject;
struct StrObject;
struct BytesObject;

// co_flags bits, with CPython's values.
enum CodeFlags : uint32_t {
    CO_OPTIMIZED = 0x0001,
    CO_NEWLOCALS = 0x0002,
    CO_VARARGS = 0x0004,
    CO_VARKEYWORDS = 0x0008,
    CO_NESTED = 0x0010,
    CO_GENERATOR = 0x0020,
    CO_NOFREE = 0x0040,
    CO_COROUTINE = 0x0080,
    CO_ITERABLE_COROUTINE = 0x0100,
    CO_ASYNC_GENERATOR = 0x0200,
};

// Kinds of a localsplus slot (bit set, as CPython's CO_FAST_*).
enum LocalKind : uint8_t {
    CO_FAST_LOCAL = 0x20,
    CO_FAST_CELL = 0x40,
    CO_FAST_FREE = 0x80,
};

// Source position of one instruction; lines are 1-based, columns 0-based UTF-8 byte offsets
// as CPython's co_positions(). A line of 0 means "no position" (synthetic instructions).
struct Position {
    int32_t line = 0;
    int32_t end_line = 0;
    int32_t col = -1;
    int32_t end_col = -1;
};

struct CodeObject : Object {
    int32_t m_argcount = 0; // positional parameters, including positional-only
    int32_t m_posonlyargcount = 0;
    int32_t m_kwonlyargcount = 0;
    uint32_t m_flags = 0; // CodeFlags
    int32_t m_stacksize = 0; // maximum value-stack depth
    int32_t m_blockdepth = 0; // maximum block-stack depth (SETUP_* nesting)
    int32_t m_firstlineno = 0;
    std::vector<uint32_t> m_code; // instructions: opcode | (arg << 8)
    std::vector<Position> m_positions; // one per instruction
    TupleObject* m_consts = nullptr;
    TupleObject* m_names = nullptr; // global, attribute and import names
    TupleObject* m_localsplusnames = nullptr; // str per localsplus slot
    std::vector<uint8_t> m_localspluskinds; // LocalKind per localsplus slot
    int32_t m_nlocals = 0; // slots that are CO_FAST_LOCAL (co_varnames)
    int32_t m_ncellvars = 0;
    int32_t m_nfreevars = 0;
    StrObject* m_filename = nullptr;
    StrObject* m_name = nullptr;
    StrObject* m_qualname = nullptr;
    // Index of this code object in the table of source locations of conflicts (0: none yet;
    // vm/stm_location.h). An interpreter cache: written once, without a barrier.
    std::atomic<uint32_t> m_location_id { 0 };
    // For each cell variable that is also an argument: (cell slot index) pairs are expressed by
    // MAKE_CELL at the start of the code; nothing else is needed here.

    explicit CodeObject(Type* t) : Object(t) { }
    int32_t nlocalsplus() const { return static_cast<int32_t>(m_localspluskinds.size()); }
    // Line of the instruction at [index], or -1 if none.
    int32_t line_at(size_t index) const;
};

extern Type code_type;

inline uint8_t instr_opcode(uint32_t instr) { return static_cast<uint8_t>(instr & 0xFF); }
inline uint32_t instr_arg(uint32_t instr) { return instr >> 8; }
inline uint32_t make_instr(uint8_t op, uint32_t arg) { return op | (arg << 8); }

} // namespace pystm
