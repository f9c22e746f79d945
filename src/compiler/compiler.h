// Compiler entry points: AST to code objects (symbol tables, code generation, assembly).
#pragma once

#include "compiler/parser.h"
#include "objects/code_object.h"

namespace pystm::compiler {

// The interpreter's optimization level (CPython's optimization_level, sys.flags.optimize): the
// number of -O options, or PYTHONOPTIMIZE. Set once at start-up; what imports, exec(), eval()
// and compile(optimize=-1) compile with. Level 1 makes __debug__ False and drops asserts; level 2
// also drops docstrings.
extern int g_optimization_level;

// Compiles a parsed module. Throws SyntaxErrorException for errors found after parsing
// (symbol-table errors such as "nonlocal declaration not allowed at module level", "'return'
// outside function"). Must not reach a GC safepoint (GC-2): it runs no Python code.
CodeObject* compile_ast(ast::Mod* mod, std::string_view filename, ParseMode mode);

// A SyntaxWarning found while compiling ("\"is\" with a literal", "'int' object is not
// callable; perhaps you missed a comma?"), at the location of the offending expression.
struct CompileWarning {
    std::string msg;
    ast::Loc loc;
};
// As compile_ast, appending the SyntaxWarnings found to [*warnings] (when not null) instead of
// dropping them, for the caller to issue once it may run Python code. [top_level_await]:
// compile()'s PyCF_ALLOW_TOP_LEVEL_AWAIT (a module that awaits compiles to a coroutine's code).
// [optimize]: the optimization level, -1 for g_optimization_level.
CodeObject* compile_ast(ast::Mod* mod, std::string_view filename, ParseMode mode,
    std::vector<CompileWarning>* warnings, bool top_level_await = false, int optimize = -1);

// parse + compile_ast, converting a SyntaxErrorException into a raised Python SyntaxError
// (IndentationError, TabError) carrying every attribute of SyntaxErrorInfo. SyntaxWarnings are
// issued through warnings.warn_explicit() when the warnings module is loaded (a warning turned
// into an error becomes a SyntaxError, as CPython), else written to sys.stderr in the default
// format.
// [from_bytes]: the source was given as bytes (see load_source()); [top_level_await] and
// [optimize]: as for compile_ast.
CodeObject* compile_source(std::string_view source, std::string_view filename, ParseMode mode,
    bool from_bytes = false, bool top_level_await = false, int optimize = -1);

// For a source file run from the command line: raises CPython's SyntaxError "Non-UTF-8 code
// starting with ..." (no location) when the file has no encoding declaration and is not UTF-8.
void check_source_file_encoding(std::string_view raw, std::string_view filename);

// Raises the Python exception described by [info].
[[noreturn]] void raise_syntax_error(SyntaxErrorInfo const& info);

// Writes a disassembly of [code] and, recursively, of the code objects in its constants, in the
// layout of CPython's dis.dis() (offsets are instruction indices), for `pystm -X dis`.
std::string disassemble(CodeObject* code);

} // namespace pystm::compiler
