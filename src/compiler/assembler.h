// The instruction stream of one code unit and its assembly into a CodeObject.
//
// Code generation emits Instr records into an InstrSeq: real opcodes (vm/opcodes.def) plus a
// few pseudo-opcodes for jumps whose direction is not known yet (P_JUMP, P_POP_JUMP_IF_*).
// Jump targets are labels (indices into InstrSeq::labels, placed at an instruction index).
// Deref instructions carry their cell/free index (ArgKind) until the localsplus layout is
// fixed. assemble() applies the control-flow parts of CPython's optimizer (inlining of small
// artificial exits, jump threading, removal of unreachable code, redundant NOPs and jumps to
// the next instruction), resolves labels to absolute instruction indices, picks FORWARD /
// BACKWARD forms, gives artificial instructions a location, lays out localsplus, inserts
// COPY_FREE_VARS / MAKE_CELL, drops unused constants, and computes the maximum stack and block
// depths by following every path (both branches of conditional jumps and the handler entry
// of SETUP_*).
// Invariant ASM-1: every path reaching an instruction reaches it with the same stack depth.
#pragma once

#include "objects/code_object.h"
#include "vm/opcode.h"
#include <string>
#include <unordered_map>
#include <vector>

namespace pystm::compiler {

enum PseudoOp : uint16_t {
    P_JUMP = 256,
    P_POP_JUMP_IF_FALSE,
    P_POP_JUMP_IF_TRUE,
    P_POP_JUMP_IF_NONE,
    P_POP_JUMP_IF_NOT_NONE,
};

enum class ArgKind : uint8_t { Plain, Label, Cell, Free };

struct Instr {
    uint16_t op;
    ArgKind kind = ArgKind::Plain;
    int32_t arg = 0;
    Position pos;
};

struct InstrSeq {
    std::vector<Instr> instrs;
    std::vector<int32_t> labels; // label -> instruction index (-1 until placed)

    int new_label()
    {
        labels.push_back(-1);
        return static_cast<int>(labels.size() - 1);
    }
    void place(int label)
    {
        labels[label] = static_cast<int32_t>(instrs.size());
        last_label_pos = labels[label];
    }
    int32_t last_label_pos = -1; // where the most recent label was placed (peepholes)
};

// Everything assemble() needs besides the instructions.
struct UnitInfo {
    std::string name;
    std::string qualname;
    std::string filename;
    int firstlineno = 0;
    uint32_t flags = 0;
    int argcount = 0;
    int posonlyargcount = 0;
    int kwonlyargcount = 0;
    std::vector<Value> consts;
    std::vector<std::string> names;
    std::vector<std::string> varnames; // arguments first
    std::vector<std::string> cellvars;
    std::vector<std::string> freevars;
};

CodeObject* assemble(InstrSeq& seq, UnitInfo& info);

} // namespace pystm::compiler
