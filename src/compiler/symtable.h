// Symbol tables: which scope every name of every block lives in (CPython 3.11 semantics).
//
// build_symtable() walks the AST once, creating one Scope per module, class body, function,
// lambda and comprehension (3.11 compiles each comprehension as its own function), recording
// how each name is used; then analyze() resolves every name to LOCAL, GLOBAL_EXPLICIT,
// GLOBAL_IMPLICIT, FREE or CELL the way CPython's symtable.c does (class bodies are skipped by
// nested functions; a method using super() or __class__ gets the implicit __class__ cell of
// its class; walrus targets in comprehensions bind in the enclosing function).
// Invariant SYM-1: every Scope is owned by the SymTable and keyed by the address of the AST
// node that opened it (Mod, FunctionDefStmt, ClassDefStmt, LambdaExpr or comprehension expr).
// Errors are thrown as SyntaxErrorException (compiler/parser.h).
#pragma once

#include "compiler/ast.h"
#include "compiler/parser.h"
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace pystm::compiler {

// Flags recording how a name is used in a block (CPython's DEF_* bits).
enum SymFlag : uint32_t {
    DEF_GLOBAL = 1u << 0, // global statement
    DEF_LOCAL = 1u << 1, // assignment in the block
    DEF_PARAM = 1u << 2, // parameter
    DEF_NONLOCAL = 1u << 3, // nonlocal statement
    USE = 1u << 4, // read
    DEF_FREE = 1u << 5,
    DEF_FREE_CLASS = 1u << 6, // free in a method, bound in the class body
    DEF_IMPORT = 1u << 7,
    DEF_ANNOT = 1u << 8, // annotated name
    DEF_COMP_ITER = 1u << 9, // comprehension iteration variable
    DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT,
};

enum class SymScope : uint8_t { Unknown, Local, GlobalExplicit, GlobalImplicit, Free, Cell };

enum class BlockType : uint8_t { Module, Class, Function };

// What kind of function scope a Function block is (error messages, qualname, code flags).
enum class FuncKind : uint8_t {
    None,
    Function,
    AsyncFunction,
    Lambda,
    ListComp,
    SetComp,
    DictComp,
    GenExp
};

struct Symbol {
    uint32_t flags = 0;
    SymScope scope = SymScope::Unknown;
};

struct Scope {
    BlockType type = BlockType::Module;
    FuncKind kind = FuncKind::None;
    std::string name;
    void const* key = nullptr;
    int lineno = 0;
    int col = 0;
    // Names in order of first mention; symbols holds the flags.
    std::vector<std::string> order;
    std::unordered_map<std::string, Symbol> symbols;
    std::vector<std::string> varnames; // parameters, in order
    std::vector<Scope*> children;
    Scope* parent = nullptr;
    bool nested = false; // a function nested in a function
    bool generator = false;
    bool coroutine = false;
    bool comprehension = false;
    bool varargs = false;
    bool varkeywords = false;
    bool returns_value = false;
    bool child_free = false;
    bool free = false;
    bool needs_class_closure = false; // class bodies: a method uses __class__ / super
    bool comp_iter_target = false; // while visiting a comprehension target
    int comp_iter_expr = 0; // > 0 while visiting a comprehension's iterable
    bool has_docstring = false;

    Symbol* lookup(std::string const& name)
    {
        auto it = symbols.find(name);
        return it == symbols.end() ? nullptr : &it->second;
    }
    SymScope scope_of(std::string const& name) const
    {
        auto it = symbols.find(name);
        return it == symbols.end() ? SymScope::Unknown : it->second.scope;
    }
    uint32_t flags_of(std::string const& name) const
    {
        auto it = symbols.find(name);
        return it == symbols.end() ? 0 : it->second.flags;
    }
};

class SymTable {
public:
    Scope* top = nullptr;
    Scope* lookup(void const* key) const
    {
        auto it = m_by_key.find(key);
        return it == m_by_key.end() ? nullptr : it->second;
    }
    Scope* new_scope(void const* key)
    {
        m_scopes.push_back(std::make_unique<Scope>());
        Scope* s = m_scopes.back().get();
        s->key = key;
        m_by_key[key] = s;
        return s;
    }

private:
    std::vector<std::unique_ptr<Scope>> m_scopes;
    std::unordered_map<void const*, Scope*> m_by_key;
};

// Builds and analyzes the symbol table of [mod]. Throws SyntaxErrorException.
std::unique_ptr<SymTable> build_symtable(ast::Mod* mod, std::string_view filename);

// Name mangling of private names inside class [class_name] (CPython's _Py_Mangle).
std::string mangle(std::string const& class_name, std::string const& name);

// Builds a SyntaxErrorInfo at [loc] (offset = byte column + 1, as CPython's compiler reports).
SyntaxErrorInfo make_error(std::string msg, std::string_view filename, ast::Loc const& loc);

} // namespace pystm::compiler
