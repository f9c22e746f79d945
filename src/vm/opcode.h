// Opcode numbers and metadata, generated from opcodes.def.
#pragma once

#include <cstdint>

namespace pystm::vm {

enum Opcode : uint8_t {
#define OPCODE(name, pop, push, flags) name,
#include "vm/opcodes.def"
#undef OPCODE
    OPCODE_COUNT
};

enum OpcodeArgKind : uint8_t { ARG_NONE = 0, ARG_JUMP = 1, ARG_NAME = 2, ARG_CONST = 3, ARG_LOCAL = 4 };

struct OpcodeInfo {
    const char* name;
    int8_t pop; // -1: depends on the argument
    int8_t push; // -1: depends on the argument
    OpcodeArgKind arg_kind;
};
extern const OpcodeInfo g_opcode_info[OPCODE_COUNT];

// Net stack effect of [op] with [arg]. For conditional jumps, [jump] selects the effect when the
// jump is taken (FOR_ITER, SEND, JUMP_IF_*_OR_POP differ between the two paths).
int stack_effect(Opcode op, uint32_t arg, bool jump);

inline bool is_jump(Opcode op) { return g_opcode_info[op].arg_kind == ARG_JUMP; }

} // namespace pystm::vm
