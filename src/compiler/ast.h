// The abstract syntax tree: the parser's output and the compiler's input.
//
// Node kinds and field names follow CPython 3.11's Parser/Python.asdl one for one, so CPython's
// documentation of the `ast` module describes this tree. Nodes are allocated in an Arena owned
// by whoever parsed the source and are freed with it; the tree holds no GC references, so the
// front end runs (and is fuzzed) without the object layer. Constants are plain C++ values that
// the compiler turns into objects.
//
// Strings: identifiers and str constants are UTF-8; a str constant may contain lone surrogates
// (from "\ud800" escapes), encoded as generalized UTF-8 (3-byte sequences), which
// str_from_utf8() accepts.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pystm::ast {

// Source location, CPython's convention: 1-based lines, 0-based UTF-8 byte columns, end
// exclusive.
struct Loc {
    int line = 0;
    int col = 0;
    int end_line = 0;
    int end_col = 0;
};

// Owns every node of one parse. Nodes are destroyed with the arena.
class Arena {
public:
    template <class T, class... A> T* make(A&&... args)
    {
        auto node = std::make_unique<T>(static_cast<A&&>(args)...);
        T* raw = node.get();
        m_nodes.push_back(std::unique_ptr<NodeBase>(std::move(node)));
        return raw;
    }
    struct NodeBase {
        virtual ~NodeBase() = default;
    };
    // SyntaxWarnings the tokenizer found while building this tree (message, line), issued by
    // compile_source() once it may run Python code.
    std::vector<std::pair<std::string, int>> m_warnings;

private:
    std::vector<std::unique_ptr<NodeBase>> m_nodes;
};
using NodeBase = Arena::NodeBase;

struct Expr;
struct Stmt;
struct Pattern;
using ExprList = std::vector<Expr*>;
using StmtList = std::vector<Stmt*>;

enum class ExprContext : uint8_t { Load, Store, Del };
enum class BoolOpKind : uint8_t { And, Or };
enum class OperatorKind : uint8_t {
    Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv
};
enum class UnaryOpKind : uint8_t { Invert, Not, UAdd, USub };
enum class CmpOpKind : uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

// A literal. Int holds the literal's text without underscores ("0x1f", "123"), to be converted
// with int(text, 0); Float and Complex hold the parsed double (Complex: the imaginary part).
struct ConstantValue {
    enum class Kind : uint8_t { None, True, False, Ellipsis, Int, Float, Complex, Str, Bytes };
    Kind kind = Kind::None;
    std::string text; // Int: digits; Str: UTF-8 (see above); Bytes: raw bytes
    double number = 0.0; // Float, Complex
};

// ---- expressions ----------------------------------------------------------------------------
enum class ExprKind : uint8_t {
    BoolOp, NamedExpr, BinOp, UnaryOp, Lambda, IfExp, Dict, Set, ListComp, SetComp, DictComp,
    GeneratorExp, Await, Yield, YieldFrom, Compare, Call, FormattedValue, JoinedStr, Constant,
    Attribute, Subscript, Starred, Name, List, Tuple, Slice
};

struct Expr : NodeBase {
    ExprKind kind;
    Loc loc;
    explicit Expr(ExprKind k) : kind(k) { }
};

struct Arguments;
struct Keyword : NodeBase {
    std::string arg; // empty for **kwargs
    Expr* value = nullptr;
    Loc loc;
};
struct Comprehension : NodeBase {
    Expr* target = nullptr;
    Expr* iter = nullptr;
    ExprList ifs;
    bool is_async = false;
};

struct BoolOpExpr : Expr { BoolOpKind op; ExprList values; BoolOpExpr() : Expr(ExprKind::BoolOp) { } };
struct NamedExprExpr : Expr { Expr* target = nullptr; Expr* value = nullptr; NamedExprExpr() : Expr(ExprKind::NamedExpr) { } };
struct BinOpExpr : Expr { Expr* left = nullptr; OperatorKind op; Expr* right = nullptr; BinOpExpr() : Expr(ExprKind::BinOp) { } };
struct UnaryOpExpr : Expr { UnaryOpKind op; Expr* operand = nullptr; UnaryOpExpr() : Expr(ExprKind::UnaryOp) { } };
struct LambdaExpr : Expr { Arguments* args = nullptr; Expr* body = nullptr; LambdaExpr() : Expr(ExprKind::Lambda) { } };
struct IfExpExpr : Expr { Expr* test = nullptr; Expr* body = nullptr; Expr* orelse = nullptr; IfExpExpr() : Expr(ExprKind::IfExp) { } };
// keys[i] is null for a **mapping entry.
struct DictExpr : Expr { ExprList keys; ExprList values; DictExpr() : Expr(ExprKind::Dict) { } };
struct SetExpr : Expr { ExprList elts; SetExpr() : Expr(ExprKind::Set) { } };
struct ListCompExpr : Expr { Expr* elt = nullptr; std::vector<Comprehension*> generators; ListCompExpr() : Expr(ExprKind::ListComp) { } };
struct SetCompExpr : Expr { Expr* elt = nullptr; std::vector<Comprehension*> generators; SetCompExpr() : Expr(ExprKind::SetComp) { } };
struct DictCompExpr : Expr { Expr* key = nullptr; Expr* value = nullptr; std::vector<Comprehension*> generators; DictCompExpr() : Expr(ExprKind::DictComp) { } };
struct GeneratorExpExpr : Expr { Expr* elt = nullptr; std::vector<Comprehension*> generators; GeneratorExpExpr() : Expr(ExprKind::GeneratorExp) { } };
struct AwaitExpr : Expr { Expr* value = nullptr; AwaitExpr() : Expr(ExprKind::Await) { } };
struct YieldExpr : Expr { Expr* value = nullptr; YieldExpr() : Expr(ExprKind::Yield) { } }; // value may be null
struct YieldFromExpr : Expr { Expr* value = nullptr; YieldFromExpr() : Expr(ExprKind::YieldFrom) { } };
struct CompareExpr : Expr { Expr* left = nullptr; std::vector<CmpOpKind> ops; ExprList comparators; CompareExpr() : Expr(ExprKind::Compare) { } };
struct CallExpr : Expr { Expr* func = nullptr; ExprList args; std::vector<Keyword*> keywords; CallExpr() : Expr(ExprKind::Call) { } };
// conversion: -1 none, 's', 'r' or 'a'. format_spec is a JoinedStr or null.
struct FormattedValueExpr : Expr { Expr* value = nullptr; int conversion = -1; Expr* format_spec = nullptr; FormattedValueExpr() : Expr(ExprKind::FormattedValue) { } };
struct JoinedStrExpr : Expr { ExprList values; JoinedStrExpr() : Expr(ExprKind::JoinedStr) { } };
// kind_u: the literal had a "u" prefix (ast.Constant.kind == "u").
struct ConstantExpr : Expr { ConstantValue value; bool kind_u = false; ConstantExpr() : Expr(ExprKind::Constant) { } };
struct AttributeExpr : Expr { Expr* value = nullptr; std::string attr; ExprContext ctx = ExprContext::Load; AttributeExpr() : Expr(ExprKind::Attribute) { } };
struct SubscriptExpr : Expr { Expr* value = nullptr; Expr* slice = nullptr; ExprContext ctx = ExprContext::Load; SubscriptExpr() : Expr(ExprKind::Subscript) { } };
struct StarredExpr : Expr { Expr* value = nullptr; ExprContext ctx = ExprContext::Load; StarredExpr() : Expr(ExprKind::Starred) { } };
struct NameExpr : Expr { std::string id; ExprContext ctx = ExprContext::Load; NameExpr() : Expr(ExprKind::Name) { } };
struct ListExpr : Expr { ExprList elts; ExprContext ctx = ExprContext::Load; ListExpr() : Expr(ExprKind::List) { } };
struct TupleExpr : Expr { ExprList elts; ExprContext ctx = ExprContext::Load; TupleExpr() : Expr(ExprKind::Tuple) { } };
struct SliceExpr : Expr { Expr* lower = nullptr; Expr* upper = nullptr; Expr* step = nullptr; SliceExpr() : Expr(ExprKind::Slice) { } };

// ---- function signatures --------------------------------------------------------------------
struct Arg : NodeBase {
    std::string arg;
    Expr* annotation = nullptr;
    Loc loc;
};
struct Arguments : NodeBase {
    std::vector<Arg*> posonlyargs;
    std::vector<Arg*> args;
    Arg* vararg = nullptr;
    std::vector<Arg*> kwonlyargs;
    ExprList kw_defaults; // one per kwonlyarg; null where there is no default
    Arg* kwarg = nullptr;
    ExprList defaults; // for the last len(defaults) of posonlyargs + args
};

// ---- patterns (match statement) --------------------------------------------------------------
enum class PatternKind : uint8_t {
    MatchValue, MatchSingleton, MatchSequence, MatchMapping, MatchClass, MatchStar, MatchAs, MatchOr
};
struct Pattern : NodeBase {
    PatternKind kind;
    Loc loc;
    explicit Pattern(PatternKind k) : kind(k) { }
};
using PatternList = std::vector<Pattern*>;
struct MatchValuePattern : Pattern { Expr* value = nullptr; MatchValuePattern() : Pattern(PatternKind::MatchValue) { } };
struct MatchSingletonPattern : Pattern { ConstantValue value; MatchSingletonPattern() : Pattern(PatternKind::MatchSingleton) { } };
struct MatchSequencePattern : Pattern { PatternList patterns; MatchSequencePattern() : Pattern(PatternKind::MatchSequence) { } };
// rest: the name after ** (empty if none).
struct MatchMappingPattern : Pattern { ExprList keys; PatternList patterns; std::string rest; MatchMappingPattern() : Pattern(PatternKind::MatchMapping) { } };
struct MatchClassPattern : Pattern { Expr* cls = nullptr; PatternList patterns; std::vector<std::string> kwd_attrs; PatternList kwd_patterns; MatchClassPattern() : Pattern(PatternKind::MatchClass) { } };
// name empty for "*_".
struct MatchStarPattern : Pattern { std::string name; MatchStarPattern() : Pattern(PatternKind::MatchStar) { } };
// pattern null and name empty for "_"; pattern null for a capture pattern.
struct MatchAsPattern : Pattern { Pattern* pattern = nullptr; std::string name; MatchAsPattern() : Pattern(PatternKind::MatchAs) { } };
struct MatchOrPattern : Pattern { PatternList patterns; MatchOrPattern() : Pattern(PatternKind::MatchOr) { } };

struct MatchCase : NodeBase {
    Pattern* pattern = nullptr;
    Expr* guard = nullptr;
    StmtList body;
};

// ---- statements -----------------------------------------------------------------------------
enum class StmtKind : uint8_t {
    FunctionDef, AsyncFunctionDef, ClassDef, Return, Delete, Assign, AugAssign, AnnAssign, For,
    AsyncFor, While, If, With, AsyncWith, Match, Raise, Try, TryStar, Assert, Import, ImportFrom,
    Global, Nonlocal, Expr, Pass, Break, Continue
};

struct Stmt : NodeBase {
    StmtKind kind;
    Loc loc;
    explicit Stmt(StmtKind k) : kind(k) { }
};

struct Alias : NodeBase {
    std::string name; // dotted for import, "*" for from-import-star
    std::string asname; // empty if none
    Loc loc;
};
struct WithItem : NodeBase {
    Expr* context_expr = nullptr;
    Expr* optional_vars = nullptr;
};
struct ExceptHandler : NodeBase {
    Expr* type = nullptr;
    std::string name; // empty if none
    StmtList body;
    Loc loc;
};

// FunctionDef and AsyncFunctionDef share one struct; kind tells them apart.
struct FunctionDefStmt : Stmt {
    std::string name;
    Arguments* args = nullptr;
    StmtList body;
    ExprList decorator_list;
    Expr* returns = nullptr;
    explicit FunctionDefStmt(bool is_async = false) : Stmt(is_async ? StmtKind::AsyncFunctionDef : StmtKind::FunctionDef) { }
};
struct ClassDefStmt : Stmt {
    std::string name;
    ExprList bases;
    std::vector<Keyword*> keywords;
    StmtList body;
    ExprList decorator_list;
    ClassDefStmt() : Stmt(StmtKind::ClassDef) { }
};
struct ReturnStmt : Stmt { Expr* value = nullptr; ReturnStmt() : Stmt(StmtKind::Return) { } };
struct DeleteStmt : Stmt { ExprList targets; DeleteStmt() : Stmt(StmtKind::Delete) { } };
struct AssignStmt : Stmt { ExprList targets; Expr* value = nullptr; AssignStmt() : Stmt(StmtKind::Assign) { } };
struct AugAssignStmt : Stmt { Expr* target = nullptr; OperatorKind op; Expr* value = nullptr; AugAssignStmt() : Stmt(StmtKind::AugAssign) { } };
// simple: the target is a plain name not in parentheses.
struct AnnAssignStmt : Stmt { Expr* target = nullptr; Expr* annotation = nullptr; Expr* value = nullptr; bool simple = false; AnnAssignStmt() : Stmt(StmtKind::AnnAssign) { } };
// For and AsyncFor share one struct.
struct ForStmt : Stmt {
    Expr* target = nullptr; Expr* iter = nullptr; StmtList body; StmtList orelse;
    explicit ForStmt(bool is_async = false) : Stmt(is_async ? StmtKind::AsyncFor : StmtKind::For) { }
};
struct WhileStmt : Stmt { Expr* test = nullptr; StmtList body; StmtList orelse; WhileStmt() : Stmt(StmtKind::While) { } };
struct IfStmt : Stmt { Expr* test = nullptr; StmtList body; StmtList orelse; IfStmt() : Stmt(StmtKind::If) { } };
// With and AsyncWith share one struct.
struct WithStmt : Stmt {
    std::vector<WithItem*> items; StmtList body;
    explicit WithStmt(bool is_async = false) : Stmt(is_async ? StmtKind::AsyncWith : StmtKind::With) { }
};
struct MatchStmt : Stmt { Expr* subject = nullptr; std::vector<MatchCase*> cases; MatchStmt() : Stmt(StmtKind::Match) { } };
struct RaiseStmt : Stmt { Expr* exc = nullptr; Expr* cause = nullptr; RaiseStmt() : Stmt(StmtKind::Raise) { } };
// Try and TryStar share one struct.
struct TryStmt : Stmt {
    StmtList body; std::vector<ExceptHandler*> handlers; StmtList orelse; StmtList finalbody;
    explicit TryStmt(bool star = false) : Stmt(star ? StmtKind::TryStar : StmtKind::Try) { }
};
struct AssertStmt : Stmt { Expr* test = nullptr; Expr* msg = nullptr; AssertStmt() : Stmt(StmtKind::Assert) { } };
struct ImportStmt : Stmt { std::vector<Alias*> names; ImportStmt() : Stmt(StmtKind::Import) { } };
// module empty for "from . import x".
struct ImportFromStmt : Stmt { std::string module; std::vector<Alias*> names; int level = 0; ImportFromStmt() : Stmt(StmtKind::ImportFrom) { } };
struct GlobalStmt : Stmt { std::vector<std::string> names; GlobalStmt() : Stmt(StmtKind::Global) { } };
struct NonlocalStmt : Stmt { std::vector<std::string> names; NonlocalStmt() : Stmt(StmtKind::Nonlocal) { } };
struct ExprStmt : Stmt { Expr* value = nullptr; ExprStmt() : Stmt(StmtKind::Expr) { } };
struct PassStmt : Stmt { PassStmt() : Stmt(StmtKind::Pass) { } };
struct BreakStmt : Stmt { BreakStmt() : Stmt(StmtKind::Break) { } };
struct ContinueStmt : Stmt { ContinueStmt() : Stmt(StmtKind::Continue) { } };

// ---- modules --------------------------------------------------------------------------------
enum class ModKind : uint8_t { Module, Interactive, Expression };
struct Mod : NodeBase {
    ModKind kind = ModKind::Module;
    StmtList body; // Module, Interactive
    Expr* expr = nullptr; // Expression
};

} // namespace pystm::ast
