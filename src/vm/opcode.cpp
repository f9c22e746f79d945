// Opcode metadata table and stack effects (vm/opcodes.def is the single source).
#include "vm/opcode.h"
#include <bit>

namespace pystm::vm {

namespace {
constexpr OpcodeArgKind arg_kind_0 = ARG_NONE;
constexpr OpcodeArgKind arg_kind_J = ARG_JUMP;
constexpr OpcodeArgKind arg_kind_N = ARG_NAME;
constexpr OpcodeArgKind arg_kind_C = ARG_CONST;
constexpr OpcodeArgKind arg_kind_L = ARG_LOCAL;
} // namespace

const OpcodeInfo g_opcode_info[OPCODE_COUNT] = {
#define OPCODE(name, pop, push, flags) { #name, pop, push, arg_kind_##flags },
#include "vm/opcodes.def"
#undef OPCODE
};

int stack_effect(Opcode op, uint32_t arg, bool jump)
{
    switch (op) {
    case LOAD_GLOBAL:
        return 1 + static_cast<int>(arg & 1);
    case BUILD_SLICE:
    case BUILD_TUPLE:
    case BUILD_LIST:
    case BUILD_SET:
    case BUILD_STRING:
        return 1 - static_cast<int>(arg);
    case BUILD_MAP:
        return 1 - 2 * static_cast<int>(arg);
    case BUILD_CONST_KEY_MAP:
        return -static_cast<int>(arg);
    case UNPACK_SEQUENCE:
        return static_cast<int>(arg) - 1;
    case UNPACK_EX:
        return static_cast<int>((arg & 0xFF) + (arg >> 8));
    case FORMAT_VALUE:
        return (arg & 4) ? -1 : 0;
    case JUMP_IF_FALSE_OR_POP:
    case JUMP_IF_TRUE_OR_POP:
        return jump ? 0 : -1;
    case FOR_ITER:
        return jump ? -1 : 1;
    case SEND:
        return jump ? -1 : 0;
    case CALL:
        return -static_cast<int>(arg) - 1;
    case CALL_FUNCTION_EX:
        return -2 - static_cast<int>(arg & 1);
    case MAKE_FUNCTION:
        return -std::popcount(arg & 0xFu);
    case SETUP_FINALLY:
    case SETUP_CLEANUP:
    case SETUP_WITH:
        // Taken when an exception unwinds to the handler: the exception is pushed.
        return jump ? 1 : 0;
    case RAISE_VARARGS:
        return -static_cast<int>(arg);
    default:
        return g_opcode_info[op].push - g_opcode_info[op].pop;
    }
}

} // namespace pystm::vm
