// The code generator: AST plus symbol table to instruction streams (compiler/assembler.h),
// one Unit per code object, mirroring the shape of CPython 3.11's compiler output.
//
// The implementation is split by concept: codegen_unit.cpp (units, names, constants, scopes,
// functions, classes, lambdas, closures, emission peepholes), codegen_stmt.cpp (statements,
// loops, try/with and the frame-block unwinding of break/continue/return), codegen_expr.cpp
// (expressions, calls, constant folding), codegen_comprehension.cpp (comprehensions, the
// %-format rewrite), codegen_warnings.cpp (SyntaxWarnings), codegen_pattern.cpp (match
// statements), codegen_unparse.cpp (PEP 563 string annotations, __future__ checks).
//
// Exception blocks. Unlike CPython's exception table, SETUP_FINALLY / SETUP_CLEANUP /
// SETUP_WITH push a runtime block whose level is the stack depth at the SETUP instruction, and
// the handler is entered with just the exception pushed (no "lasti" value). So where CPython
// uses COPY 3 / POP_EXCEPT / RERAISE 1 to leave a cleanup handler, we use COPY 2, and a with
// statement's handler first drops the __enter__ result that its SETUP_WITH block covers.
// Invariant CG-1: every POP_BLOCK pairs with the innermost SETUP_* of the current path, and the
// frame-block stack (FBlock) mirrors the runtime block stack at every point of generation.
#pragma once

#include "compiler/assembler.h"
#include "compiler/compiler.h"
#include "compiler/symtable.h"
#include "objects/api.h"
#include "objects/str_object.h"
#include <memory>

namespace pystm::compiler {

enum class UnitKind : uint8_t { Module, Class, Function, AsyncFunction, Lambda, Comprehension };

enum class FBlockKind : uint8_t {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry,
    FinallyEnd,
    With,
    AsyncWith,
    HandlerCleanup,
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator
};

struct FBlock {
    FBlockKind kind;
    int block = -1; // label: loop start (continue target)
    int exit = -1; // label: loop exit (break target)
    ast::Stmt* stmt = nullptr; // FinallyTry: the try statement; With: the with statement
    std::string name; // HandlerCleanup: the "as" name, empty if none
    ast::Loc loc;
};

struct Unit {
    UnitKind kind = UnitKind::Module;
    Scope* ste = nullptr;
    InstrSeq seq;
    UnitInfo info;
    std::unordered_map<std::string, int> const_index;
    std::unordered_map<std::string, int> name_index;
    std::unordered_map<std::string, int> varname_index;
    std::unordered_map<std::string, int> cell_index;
    std::unordered_map<std::string, int> free_index;
    std::vector<FBlock> fblocks;
    std::string private_name; // class name for mangling
    Position pos; // location given to emitted instructions
};

class Compiler {
public:
    Compiler(SymTable& st, std::string_view filename, ParseMode mode);
    CodeObject* compile_mod(ast::Mod* mod);

    // ---- units, emission (codegen_unit.cpp) -------------------------------------------------
    void enter_scope(std::string name, UnitKind kind, void const* key, int firstlineno);
    CodeObject* finish_scope(bool add_none);
    Unit* u() { return m_units.back().get(); }
    void set_loc(ast::Loc const& loc);
    void unset_loc() { u()->pos = Position {}; }
    void emit(uint16_t op, int32_t arg = 0);
    void emit_jump(uint16_t op, int label);
    void emit_deref(uint16_t op, std::string const& name);
    void place(int label) { u()->seq.place(label); }
    int new_label() { return u()->seq.new_label(); }
    int add_const(Value v);
    int add_const_none();
    void load_const(Value v) { emit(vm::LOAD_CONST, add_const(v)); }
    void load_none() { emit(vm::LOAD_CONST, add_const_none()); }
    void load_const_str(std::string const& s);
    int add_name(std::string const& name);
    int add_varname(std::string const& name);
    std::string mangled(std::string const& name);
    Value constant_value(ast::ConstantValue const& cv);
    void nameop(std::string const& name, ast::ExprContext ctx);
    // CPython's forbidden_name(): __debug__ cannot be assigned or deleted, as a name, an
    // attribute, a keyword argument or a parameter.
    void check_forbidden_name(std::string const& name, ast::ExprContext ctx);
    void check_debug_args(ast::Arguments* a);
    [[noreturn]] void error(std::string msg, ast::Loc const& loc);
    void make_closure(CodeObject* co, uint32_t flags);
    void call_helper(int n, ast::ExprList const& args, std::vector<ast::Keyword*> const& keywords);
    bool is_top_level_module() const { return m_units.size() == 1; }

    // ---- definitions (codegen_unit.cpp) ------------------------------------------------------
    void visit_function(ast::FunctionDefStmt* s);
    void visit_class(ast::ClassDefStmt* s);
    void visit_lambda(ast::LambdaExpr* e);
    uint32_t default_arguments(ast::Arguments* a);
    bool visit_annotations(ast::Arguments* a, ast::Expr* returns);
    void body(ast::StmtList const& stmts);
    void apply_decorators(ast::ExprList const& decos);

    // ---- statements (codegen_stmt.cpp) -------------------------------------------------------
    void visit_stmt(ast::Stmt* s);
    void visit_stmts(ast::StmtList const& l)
    {
        for (ast::Stmt* s : l)
            visit_stmt(s);
    }
    void push_fblock(FBlockKind kind, int block, int exit, ast::Loc const& loc,
        ast::Stmt* stmt = nullptr, std::string name = {});
    void pop_fblock() { u()->fblocks.pop_back(); }
    void unwind_fblock(FBlock const& fb, bool preserve_tos);
    int unwind_fblock_stack(bool preserve_tos, bool to_loop);
    void emit_noline(uint16_t op, int32_t arg = 0);
    void emit_jump_noline(uint16_t op, int label);
    void visit_return(ast::ReturnStmt* s);
    void visit_break(ast::Stmt* s);
    void visit_continue(ast::Stmt* s);
    void visit_for(ast::ForStmt* s);
    void visit_async_for(ast::ForStmt* s);
    void visit_while(ast::WhileStmt* s);
    void visit_if(ast::IfStmt* s);
    void visit_try(ast::TryStmt* s);
    void visit_try_finally(ast::TryStmt* s);
    void visit_try_except(ast::TryStmt* s);
    void visit_try_star(ast::TryStmt* s);
    void visit_try_star_except(ast::TryStmt* s);
    void visit_with(ast::WithStmt* s, size_t pos);
    void visit_async_with(ast::WithStmt* s, size_t pos);
    void with_except_finish(int cleanup);
    void call_exit_with_nones();
    void pop_except_and_reraise();
    void visit_assert(ast::AssertStmt* s);
    void visit_import(ast::ImportStmt* s);
    void visit_import_from(ast::ImportFromStmt* s);
    void visit_raise(ast::RaiseStmt* s);
    void visit_augassign(ast::AugAssignStmt* s);
    void visit_annassign(ast::AnnAssignStmt* s);
    void visit_delete(ast::Expr* e);
    void check_ann_expr(ast::Expr* e);
    void check_annotation_subscript(ast::Expr* e);

    // ---- expressions (codegen_expr.cpp) ------------------------------------------------------
    void visit_expr(ast::Expr* e);
    void visit_expr1(ast::Expr* e);
    void jump_if(ast::Expr* e, int next, bool cond);
    void boolop(ast::BoolOpExpr* e);
    void compare(ast::CompareExpr* e);
    void visit_iterable(ast::Expr* e);
    void visit_comparator(ast::CmpOpKind op, ast::Expr* e);
    void emit_compare(ast::CmpOpKind op);
    void call(ast::CallExpr* e);
    bool maybe_optimize_method_call(ast::CallExpr* e);
    void keywords_and_args(int n, ast::ExprList const& args, std::vector<ast::Keyword*> const& kws);
    void starunpack(ast::ExprList const& elts, int build, int add, int extend, bool tuple);
    void starunpack_items(ast::ExprList const& elts, int build, int add, int extend, bool tuple, int pushed);
    void visit_dict(ast::DictExpr* e);
    void subdict(ast::DictExpr* e, size_t begin, size_t end);
    void visit_joined_str(ast::JoinedStrExpr* e);
    void visit_formatted_value(ast::FormattedValueExpr* e);
    void visit_slice(ast::SliceExpr* e);
    void visit_subscript(ast::SubscriptExpr* e);
    void visit_attribute(ast::AttributeExpr* e);
    void visit_name(ast::NameExpr* e);
    void assign_target(ast::Expr* t);
    void unpack_helper(ast::ExprList const& elts, ast::Loc const& loc);
    void add_yield_from(bool await);
    void emit_yield();
    bool fold_constant(ast::Expr* e, Value* out);
    bool fold_binop_safe(ast::OperatorKind op, Value l, Value r);
    void comprehension(ast::Expr* e, std::string const& name, FuncKind kind,
        std::vector<ast::Comprehension*> const& gens, ast::Expr* elt, ast::Expr* val);
    void comprehension_generator(std::vector<ast::Comprehension*> const& gens, size_t gen_index,
        int depth, ast::Expr* elt, ast::Expr* val, FuncKind kind);
    void sync_comprehension_generator(std::vector<ast::Comprehension*> const& gens,
        size_t gen_index, int depth, ast::Expr* elt, ast::Expr* val, FuncKind kind);
    void async_comprehension_generator(std::vector<ast::Comprehension*> const& gens,
        size_t gen_index, int depth, ast::Expr* elt, ast::Expr* val, FuncKind kind);
    bool is_constant(ast::Expr* e) const { return e->kind == ast::ExprKind::Constant; }
    // A load of __debug__, which CPython's AST optimizer makes the constant `not optimize`.
    static bool is_debug_name(ast::Expr* e)
    {
        return e->kind == ast::ExprKind::Name
            && static_cast<ast::NameExpr*>(e)->ctx == ast::ExprContext::Load
            && static_cast<ast::NameExpr*>(e)->id == "__debug__";
    }

    // ---- patterns (codegen_pattern.cpp) ------------------------------------------------------
    void visit_match(ast::MatchStmt* s);

    std::string_view filename() const { return m_filename; }

private:
    SymTable& m_st;
    std::string m_filename;
    ParseMode m_mode;
    bool m_interactive = false;
    std::vector<std::unique_ptr<Unit>> m_units;
    ast::Arena m_synth; // nodes made by the optimizer (%-format to f-string)
    bool m_future_annotations = false; // from __future__ import annotations (PEP 563)

public:
    ast::Expr* optimize_format(ast::BinOpExpr* e);
    // codegen_unparse.cpp
    std::string unparse_annotation(ast::Expr* e);
    void check_future_imports(ast::Mod* mod);
    void visit_annotation_value(ast::Expr* e)
    {
        if (m_future_annotations)
            load_const(Value(str_from_utf8(unparse_annotation(e))));
        else
            visit_expr(e);
    }
    bool future_annotations() const { return m_future_annotations; }
    // SyntaxWarnings (CPython's compiler_warn), at the current location.
    void set_warnings(std::vector<CompileWarning>* w) { m_warnings = w; }
    // compile(flags=PyCF_ALLOW_TOP_LEVEL_AWAIT): await, async for, async with and asynchronous
    // comprehensions are allowed at module level, and make the module's code a coroutine.
    void set_top_level_await(bool on) { m_top_level_await = on; }
    // CPython's IS_TOP_LEVEL_AWAIT(): the flag is on and the current unit is the module.
    bool is_top_level_await() const { return m_top_level_await && m_units.size() == 1; }
    // The optimization level (g_optimization_level): at 1 and above __debug__ is False and
    // asserts produce no code; at 2 and above docstrings are dropped.
    void set_optimize(int level) { m_optimize = level; }
    bool keeps_docstrings() const { return m_optimize < 2; }
    void warn(std::string msg);
    void check_compare(ast::CompareExpr* e);
    void check_caller(ast::Expr* func);
    void check_subscript(ast::SubscriptExpr* e);
    std::vector<CompileWarning>* m_warnings = nullptr;
    bool m_top_level_await = false;
    int m_optimize = 0;
};

// True if [s] is `Expr(Constant(str))`, the docstring of a body.
inline bool is_docstring_stmt(ast::Stmt* s)
{
    if (s->kind != ast::StmtKind::Expr)
        return false;
    auto* e = static_cast<ast::ExprStmt*>(s)->value;
    return e->kind == ast::ExprKind::Constant
        && static_cast<ast::ConstantExpr*>(e)->value.kind == ast::ConstantValue::Kind::Str;
}

} // namespace pystm::compiler
