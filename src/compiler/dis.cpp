// The disassembler behind `pystm -X dis`: CPython 3.11 dis.dis() layout, with instruction
// indices as offsets and absolute jump targets. Code object addresses print as 0x0 so that
// output is stable for golden tests.
#include "compiler/compiler.h"
#include "objects/api.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "vm/opcode.h"
#include <cstdio>
#include <set>

namespace pystm::compiler {

using namespace vm;

namespace {

    bool has_arg(uint8_t op)
    {
        switch (op) {
        case NOP:
        case POP_TOP:
        case PUSH_NULL:
        case LOAD_ASSERTION_ERROR:
        case LOAD_BUILD_CLASS:
        case UNARY_POSITIVE:
        case UNARY_NEGATIVE:
        case UNARY_NOT:
        case UNARY_INVERT:
        case BINARY_SUBSCR:
        case STORE_SUBSCR:
        case DELETE_SUBSCR:
        case LIST_TO_TUPLE:
        case GET_ITER:
        case RETURN_VALUE:
        case YIELD_VALUE:
        case GET_YIELD_FROM_ITER:
        case GET_AITER:
        case GET_ANEXT:
        case END_ASYNC_FOR:
        case ASYNC_GEN_WRAP:
        case BEFORE_ASYNC_WITH:
        case POP_BLOCK:
        case PUSH_EXC_INFO:
        case POP_EXCEPT:
        case CHECK_EXC_MATCH:
        case CHECK_EG_MATCH:
        case PREP_RERAISE_STAR:
        case BEFORE_WITH:
        case WITH_EXCEPT_START:
        case IMPORT_STAR:
        case SETUP_ANNOTATIONS:
        case PRINT_EXPR:
        case GET_LEN:
        case MATCH_MAPPING:
        case MATCH_SEQUENCE:
        case MATCH_KEYS:
        case COPY_DICT_WITHOUT_KEYS:
            return false;
        default:
            return true;
        }
    }

    char const* const k_nb_ops[] = { "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/",
        "^", "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=" };
    char const* const k_cmp_ops[] = { "<", "<=", "==", "!=", ">", ">=" };

    std::string code_repr(CodeObject* co)
    {
        return "<code object " + str_utf8(co->m_name) + " at 0x0, file \""
            + str_utf8(co->m_filename) + "\", line " + std::to_string(co->m_firstlineno) + ">";
    }

    bool is_code(Value v) { return v.is_object() && v.as_object()->m_type == &code_type; }

    std::string const_repr(Value v)
    {
        if (is_code(v))
            return code_repr(v.as<CodeObject>());
        return repr_utf8(v);
    }

    std::string pad_left(std::string s, size_t w)
    {
        return s.size() >= w ? s : std::string(w - s.size(), ' ') + s;
    }
    std::string pad_right(std::string s, size_t w)
    {
        return s.size() >= w ? s : s + std::string(w - s.size(), ' ');
    }

    void disassemble_one(CodeObject* co, std::string& out)
    {
        size_t n = co->m_code.size();
        std::set<size_t> targets;
        int maxline = 0;
        for (size_t i = 0; i < n; ++i) {
            uint8_t op = instr_opcode(co->m_code[i]);
            if (g_opcode_info[op].arg_kind == ARG_JUMP)
                targets.insert(instr_arg(co->m_code[i]));
            maxline = std::max(maxline, co->m_positions[i].line);
        }
        size_t lineno_width = maxline >= 1000 ? std::to_string(maxline).size() : 3;
        size_t offset_width = n >= 10000 ? std::to_string(n).size() : 4;
        int lastline = -1;
        for (size_t i = 0; i < n; ++i) {
            uint32_t word = co->m_code[i];
            uint8_t op = instr_opcode(word);
            uint32_t arg = instr_arg(word);
            int line = co->m_positions[i].line;
            bool starts = line > 0 && line != lastline;
            if (line > 0)
                lastline = line;
            if (starts && i > 0)
                out += "\n";
            std::string fields;
            fields += starts ? pad_left(std::to_string(line), lineno_width)
                             : std::string(lineno_width, ' ');
            fields += " ";
            fields += "   ";
            fields += " ";
            fields += targets.count(i) ? ">>" : "  ";
            fields += " ";
            fields += pad_left(std::to_string(i), offset_width);
            fields += " ";
            fields += pad_right(g_opcode_info[op].name, 20);
            if (has_arg(op)) {
                fields += " ";
                fields += pad_left(std::to_string(arg), 5);
                std::string argrepr;
                switch (g_opcode_info[op].arg_kind) {
                case ARG_CONST:
                    if (op != KW_NAMES && arg < static_cast<uint32_t>(co->m_consts->m_size))
                        argrepr = const_repr(co->m_consts->item(arg));
                    break;
                case ARG_NAME: {
                    uint32_t idx = op == LOAD_GLOBAL ? arg >> 1 : arg;
                    if (idx < static_cast<uint32_t>(co->m_names->m_size)) {
                        argrepr = str_utf8(co->m_names->item(idx));
                        if (op == LOAD_GLOBAL && (arg & 1))
                            argrepr = "NULL + " + argrepr;
                    }
                    break;
                }
                case ARG_LOCAL:
                    if (arg < static_cast<uint32_t>(co->m_localsplusnames->m_size))
                        argrepr = str_utf8(co->m_localsplusnames->item(arg));
                    break;
                case ARG_JUMP:
                    argrepr = "to " + std::to_string(arg);
                    break;
                default:
                    if (op == COMPARE_OP && arg < 6) {
                        argrepr = k_cmp_ops[arg];
                    } else if (op == BINARY_OP && arg < 26) {
                        argrepr = k_nb_ops[arg];
                    } else if (op == FORMAT_VALUE) {
                        static char const* const conv[] = { "", "str", "repr", "ascii" };
                        argrepr = conv[arg & 3];
                        if (arg & 4) {
                            if (!argrepr.empty())
                                argrepr += ", ";
                            argrepr += "with format";
                        }
                    } else if (op == MAKE_FUNCTION) {
                        static char const* const flags[]
                            = { "defaults", "kwdefaults", "annotations", "closure" };
                        for (int b = 0; b < 4; ++b) {
                            if (arg & (1u << b)) {
                                if (!argrepr.empty())
                                    argrepr += ", ";
                                argrepr += flags[b];
                            }
                        }
                    }
                    break;
                }
                if (!argrepr.empty())
                    fields += " (" + argrepr + ")";
            }
            while (!fields.empty() && fields.back() == ' ')
                fields.pop_back();
            out += fields;
            out += "\n";
        }
    }

    void disassemble_recursive(CodeObject* co, std::string& out)
    {
        disassemble_one(co, out);
        for (int64_t i = 0; i < co->m_consts->m_size; ++i) {
            Value v = co->m_consts->item(i);
            if (is_code(v)) {
                out += "\nDisassembly of " + code_repr(v.as<CodeObject>()) + ":\n";
                disassemble_recursive(v.as<CodeObject>(), out);
            }
        }
    }

} // namespace

std::string disassemble(CodeObject* code)
{
    std::string out;
    disassemble_recursive(code, out);
    return out;
}

} // namespace pystm::compiler
