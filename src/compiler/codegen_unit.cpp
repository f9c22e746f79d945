// Code generation: code units (one per code object), constants, names and their scopes,
// function / class / lambda definitions and closures. See codegen.h.
#include "compiler/codegen.h"
#include "objects/bytes_object.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <algorithm>
#include <cstring>

namespace pystm::compiler {

using namespace ast;
using namespace vm;

namespace {

    // Constants are deduplicated by type and value (1, 1.0 and True are distinct; -0.0 and 0.0
    // too): the key spells both.
    void const_key(Value v, std::string& out)
    {
        if (v.is_small_int()) {
            out += "i" + std::to_string(v.as_small_int()) + ";";
            return;
        }
        Object* o = v.as_object();
        Type* t = o->m_type;
        if (v == Value(g_none)) {
            out += "N;";
        } else if (v == Value(g_true)) {
            out += "T;";
        } else if (v == Value(g_false)) {
            out += "F;";
        } else if (v == Value(g_ellipsis)) {
            out += "E;";
        } else if (t == &int_type) {
            char* s = mpz_get_str(nullptr, 16, static_cast<IntObject*>(o)->m_value);
            out += "i";
            out += s;
            out += ";";
            free(s);
        } else if (t == &float_type) {
            double d = static_cast<FloatObject*>(o)->m_value;
            uint64_t bits;
            std::memcpy(&bits, &d, 8);
            out += "f" + std::to_string(bits) + ";";
        } else if (t == &complex_type) {
            auto* c = static_cast<ComplexObject*>(o);
            uint64_t b1, b2;
            std::memcpy(&b1, &c->m_real, 8);
            std::memcpy(&b2, &c->m_imag, 8);
            out += "c" + std::to_string(b1) + "," + std::to_string(b2) + ";";
        } else if (t == &str_type) {
            std::string s = str_utf8(static_cast<StrObject*>(o));
            out += "s" + std::to_string(s.size()) + ":" + s;
        } else if (t == &bytes_type) {
            auto sv = static_cast<BytesObject*>(o)->view();
            out += "b" + std::to_string(sv.size()) + ":";
            out.append(sv.data(), sv.size());
        } else if (t == &tuple_type) {
            auto* tu = static_cast<TupleObject*>(o);
            out += "(" + std::to_string(tu->m_size) + ":";
            for (int64_t i = 0; i < tu->m_size; ++i)
                const_key(tu->item(i), out);
            out += ")";
        } else if (t == &frozenset_type) {
            auto* so = static_cast<SetObject*>(o);
            out += "z" + std::to_string(set_size(so)) + ":";
            int64_t pos = 0;
            Value key;
            while (set_next(so, &pos, &key))
                const_key(key, out);
            out += ")";
        } else {
            // Code objects and anything else: by identity.
            out += "o" + std::to_string(reinterpret_cast<uintptr_t>(o)) + ";";
        }
    }

    bool all_name_chars(std::string const& s)
    {
        for (unsigned char ch : s)
            if (!(std::isalnum(ch) || ch == '_'))
                return false;
        return true;
    }

} // namespace

Compiler::Compiler(SymTable& st, std::string_view filename, ParseMode mode)
    : m_st(st)
    , m_filename(filename)
    , m_mode(mode)
{
}

void Compiler::error(std::string msg, Loc const& loc)
{
    throw SyntaxErrorException { make_error(std::move(msg), m_filename, loc) };
}

void Compiler::set_loc(Loc const& loc)
{
    u()->pos = Position { loc.line, loc.end_line, loc.col, loc.end_col };
}

void Compiler::emit(uint16_t op, int32_t arg)
{
    InstrSeq& seq = u()->seq;
    auto& ins = seq.instrs;
    size_t size = ins.size();
    // Peepholes of CPython's optimizer, applied while no jump can land inside the pattern.
    if (op == BUILD_TUPLE && static_cast<size_t>(arg) <= size
        && seq.last_label_pos <= static_cast<int32_t>(size - arg)) {
        // LOAD_CONST a; LOAD_CONST b; BUILD_TUPLE 2  ->  LOAD_CONST (a, b)
        bool all_const = true;
        for (size_t i = size - arg; i < size; ++i)
            if (ins[i].op != LOAD_CONST || ins[i].kind != ArgKind::Plain)
                all_const = false;
        if (all_const) {
            std::vector<Value> items;
            for (size_t i = size - arg; i < size; ++i)
                items.push_back(u()->info.consts[ins[i].arg]);
            ins.resize(size - arg);
            emit(LOAD_CONST,
                add_const(Value(tuple_from(items.data(), static_cast<int64_t>(items.size())))));
            return;
        }
    }
    if (op == UNPACK_SEQUENCE && size > 0 && seq.last_label_pos < static_cast<int32_t>(size)
        && (ins.back().op == BUILD_TUPLE || ins.back().op == BUILD_LIST) && ins.back().arg == arg
        && arg >= 1 && arg <= 3) {
        // a, b = b, a: a SWAP instead of building and unpacking a tuple.
        ins.pop_back();
        if (arg > 1)
            ins.push_back(Instr { SWAP, ArgKind::Plain, arg, u()->pos });
        return;
    }
    if (op == LOAD_GLOBAL && !(arg & 1) && size > 0 && ins.back().op == PUSH_NULL
        && seq.last_label_pos < static_cast<int32_t>(size)) {
        // PUSH_NULL; LOAD_GLOBAL x  ->  LOAD_GLOBAL (NULL + x)
        ins.pop_back();
        arg |= 1;
    }
    ins.push_back(Instr { op, ArgKind::Plain, arg, u()->pos });
}

void Compiler::emit_jump(uint16_t op, int label)
{
    InstrSeq& seq = u()->seq;
    auto& ins = seq.instrs;
    size_t size = ins.size();
    // LOAD_CONST None; IS_OP k; POP_JUMP_IF_X  ->  POP_JUMP_IF_(NOT_)NONE
    if ((op == P_POP_JUMP_IF_FALSE || op == P_POP_JUMP_IF_TRUE) && size >= 2
        && seq.last_label_pos <= static_cast<int32_t>(size - 2) && ins[size - 1].op == IS_OP
        && ins[size - 2].op == LOAD_CONST && ins[size - 2].kind == ArgKind::Plain
        && u()->info.consts[ins[size - 2].arg] == none()) {
        bool is_not = ins[size - 1].arg == 1;
        bool jump_if_none = (op == P_POP_JUMP_IF_TRUE) != is_not;
        ins.resize(size - 2);
        op = jump_if_none ? P_POP_JUMP_IF_NONE : P_POP_JUMP_IF_NOT_NONE;
    }
    u()->seq.instrs.push_back(Instr { op, ArgKind::Label, label, u()->pos });
}

void Compiler::emit_deref(uint16_t op, std::string const& name)
{
    Unit* un = u();
    auto it = un->cell_index.find(name);
    // A class body can hold "__class__" twice: the implicit cell for its methods and a variable
    // of an enclosing function; the body's own uses always mean the latter.
    if (un->kind == UnitKind::Class && name == "__class__" && un->free_index.count(name))
        it = un->cell_index.end();
    if (it != un->cell_index.end()) {
        un->seq.instrs.push_back(Instr { op, ArgKind::Cell, it->second, un->pos });
        return;
    }
    auto jt = un->free_index.find(name);
    PY_VERIFY(jt != un->free_index.end(), "CG-1");
    un->seq.instrs.push_back(Instr { op, ArgKind::Free, jt->second, un->pos });
}

int Compiler::add_const(Value v)
{
    std::string key;
    const_key(v, key);
    Unit* un = u();
    auto [it, inserted]
        = un->const_index.try_emplace(key, static_cast<int>(un->info.consts.size()));
    if (inserted)
        un->info.consts.push_back(v);
    return it->second;
}

int Compiler::add_const_none() { return add_const(none()); }

void Compiler::load_const_str(std::string const& s)
{
    load_const(all_name_chars(s) ? Value(intern(s)) : Value(str_from_utf8(s)));
}

int Compiler::add_name(std::string const& name)
{
    Unit* un = u();
    auto [it, inserted] = un->name_index.try_emplace(name, static_cast<int>(un->info.names.size()));
    if (inserted)
        un->info.names.push_back(name);
    return it->second;
}

int Compiler::add_varname(std::string const& name)
{
    Unit* un = u();
    auto [it, inserted]
        = un->varname_index.try_emplace(name, static_cast<int>(un->info.varnames.size()));
    if (inserted)
        un->info.varnames.push_back(name);
    return it->second;
}

std::string Compiler::mangled(std::string const& name) { return mangle(u()->private_name, name); }

Value Compiler::constant_value(ConstantValue const& cv)
{
    using K = ConstantValue::Kind;
    switch (cv.kind) {
    case K::None:
        return none();
    case K::True:
        return py_bool(true);
    case K::False:
        return py_bool(false);
    case K::Ellipsis:
        return Value(g_ellipsis);
    case K::Int:
        return int_from_string(cv.text, 0);
    case K::Float:
        return float_new(cv.number);
    case K::Complex:
        return complex_new(0.0, cv.number);
    case K::Str:
        return all_name_chars(cv.text) ? Value(intern(cv.text)) : Value(str_from_utf8(cv.text));
    case K::Bytes:
        return bytes_new(cv.text);
    }
    return none();
}

void Compiler::check_forbidden_name(std::string const& name, ExprContext ctx)
{
    if (name != "__debug__" || ctx == ExprContext::Load)
        return;
    Position const& p = u()->pos;
    error(ctx == ExprContext::Store ? "cannot assign to __debug__" : "cannot delete __debug__",
        Loc { p.line, p.col, p.end_line, p.end_col });
}

void Compiler::check_debug_args(Arguments* a)
{
    for (Arg* x : a->posonlyargs)
        check_forbidden_name(x->arg, ExprContext::Store);
    for (Arg* x : a->args)
        check_forbidden_name(x->arg, ExprContext::Store);
    if (a->vararg)
        check_forbidden_name(a->vararg->arg, ExprContext::Store);
    for (Arg* x : a->kwonlyargs)
        check_forbidden_name(x->arg, ExprContext::Store);
    if (a->kwarg)
        check_forbidden_name(a->kwarg->arg, ExprContext::Store);
}

void Compiler::nameop(std::string const& name, ExprContext ctx)
{
    if (name == "__debug__" && ctx == ExprContext::Load) {
        load_const(py_bool(m_optimize == 0));
        return;
    }
    check_forbidden_name(name, ctx);
    std::string m = mangled(name);
    Unit* un = u();
    SymScope scope = un->ste->scope_of(m);
    enum { OP_NAME, OP_FAST, OP_GLOBAL, OP_DEREF } optype = OP_NAME;
    bool function = un->ste->type == BlockType::Function;
    switch (scope) {
    case SymScope::Free:
    case SymScope::Cell:
        optype = OP_DEREF;
        break;
    case SymScope::Local:
        if (function)
            optype = OP_FAST;
        break;
    case SymScope::GlobalImplicit:
        if (function)
            optype = OP_GLOBAL;
        break;
    case SymScope::GlobalExplicit:
        optype = OP_GLOBAL;
        break;
    default:
        break;
    }
    // A free variable of a class body that is not in the class's free list (a name bound in
    // the class and free in a method) is not a deref here.
    if (optype == OP_DEREF && !un->cell_index.count(m) && !un->free_index.count(m))
        optype = OP_NAME;
    switch (optype) {
    case OP_DEREF:
        if (ctx == ExprContext::Load)
            emit_deref(un->ste->type == BlockType::Class ? LOAD_CLASSDEREF : LOAD_DEREF, m);
        else
            emit_deref(ctx == ExprContext::Store ? STORE_DEREF : DELETE_DEREF, m);
        return;
    case OP_FAST:
        emit(ctx == ExprContext::Load       ? LOAD_FAST
                : ctx == ExprContext::Store ? STORE_FAST
                                            : DELETE_FAST,
            add_varname(m));
        return;
    case OP_GLOBAL:
        if (ctx == ExprContext::Load)
            emit(LOAD_GLOBAL, add_name(m) << 1);
        else
            emit(ctx == ExprContext::Store ? STORE_GLOBAL : DELETE_GLOBAL, add_name(m));
        return;
    case OP_NAME:
        emit(ctx == ExprContext::Load       ? LOAD_NAME
                : ctx == ExprContext::Store ? STORE_NAME
                                            : DELETE_NAME,
            add_name(m));
        return;
    }
}

// ---- units ----------------------------------------------------------------------------------

void Compiler::enter_scope(std::string name, UnitKind kind, void const* key, int firstlineno)
{
    auto unit = std::make_unique<Unit>();
    Unit* un = unit.get();
    un->kind = kind;
    un->ste = m_st.lookup(key);
    PY_VERIFY(un->ste, "SYM-1");
    un->info.name = name;
    un->info.filename = m_filename;
    un->info.firstlineno = firstlineno;
    if (!m_units.empty())
        un->private_name = u()->private_name;
    Scope* ste = un->ste;
    for (auto const& v : ste->varnames) {
        un->varname_index.emplace(v, static_cast<int>(un->info.varnames.size()));
        un->info.varnames.push_back(v);
    }
    std::vector<std::string> cells, frees;
    for (auto const& n : ste->order) {
        Symbol const& sy = ste->symbols[n];
        if (sy.scope == SymScope::Cell)
            cells.push_back(n);
        else if (sy.scope == SymScope::Free || (sy.flags & DEF_FREE_CLASS))
            frees.push_back(n);
    }
    std::sort(cells.begin(), cells.end());
    std::sort(frees.begin(), frees.end());
    if (ste->needs_class_closure)
        cells.insert(cells.begin(), "__class__");
    for (auto const& n : cells) {
        un->cell_index.emplace(n, static_cast<int>(un->info.cellvars.size()));
        un->info.cellvars.push_back(n);
    }
    for (auto const& n : frees) {
        un->free_index.emplace(n, static_cast<int>(un->info.freevars.size()));
        un->info.freevars.push_back(n);
    }
    // Qualified name.
    if (kind != UnitKind::Module && m_units.size() > 1) {
        Unit* parent = u();
        bool force_global = false;
        if (kind == UnitKind::Function || kind == UnitKind::AsyncFunction
            || kind == UnitKind::Class) {
            std::string m = mangle(parent->private_name, name);
            if (parent->ste->scope_of(m) == SymScope::GlobalExplicit)
                force_global = true;
        }
        if (!force_global) {
            if (parent->kind == UnitKind::Function || parent->kind == UnitKind::AsyncFunction
                || parent->kind == UnitKind::Lambda)
                un->info.qualname = parent->info.qualname + ".<locals>." + name;
            else
                un->info.qualname = parent->info.qualname + "." + name;
        } else {
            un->info.qualname = name;
        }
    } else {
        un->info.qualname = name;
    }
    // Flags.
    uint32_t flags = 0;
    if (ste->type == BlockType::Function) {
        flags |= CO_NEWLOCALS | CO_OPTIMIZED;
        if (ste->nested)
            flags |= CO_NESTED;
        if (ste->generator && !ste->coroutine)
            flags |= CO_GENERATOR;
        if (!ste->generator && ste->coroutine)
            flags |= CO_COROUTINE;
        if (ste->generator && ste->coroutine)
            flags |= CO_ASYNC_GENERATOR;
        if (ste->varargs)
            flags |= CO_VARARGS;
        if (ste->varkeywords)
            flags |= CO_VARKEYWORDS;
    }
    un->info.flags = flags;
    un->pos = Position { firstlineno, firstlineno, 0, 0 };
    m_units.push_back(std::move(unit));
}

CodeObject* Compiler::finish_scope(bool add_none)
{
    Unit* un = u();
    auto& instrs = un->seq.instrs;
    bool label_at_end = false;
    for (int32_t l : un->seq.labels)
        if (l == static_cast<int32_t>(instrs.size()))
            label_at_end = true;
    if (instrs.empty() || instrs.back().op != RETURN_VALUE || label_at_end) {
        unset_loc();
        if (add_none)
            load_none();
        emit(RETURN_VALUE);
    }
    // A module that awaits under PyCF_ALLOW_TOP_LEVEL_AWAIT: only known once its body is
    // generated (async for and async with mark it there), as in CPython's compute_code_flags().
    if (is_top_level_await() && un->ste->coroutine && !un->ste->generator)
        un->info.flags |= CO_COROUTINE;
    CodeObject* co = assemble(un->seq, un->info);
    m_units.pop_back();
    return co;
}

void Compiler::make_closure(CodeObject* co, uint32_t flags)
{
    if (co->m_nfreevars) {
        int n = co->nlocalsplus();
        for (int i = n - co->m_nfreevars; i < n; ++i) {
            std::string name = str_utf8(co->m_localsplusnames->item(i));
            Unit* un = u();
            bool cell;
            if (un->kind == UnitKind::Class && name == "__class__")
                cell = true;
            else
                cell = un->ste->scope_of(name) == SymScope::Cell;
            if (cell) {
                un->seq.instrs.push_back(
                    Instr { LOAD_CLOSURE, ArgKind::Cell, un->cell_index.at(name), un->pos });
            } else {
                auto it = un->free_index.find(name);
                PY_VERIFY(it != un->free_index.end(), "CG-1");
                un->seq.instrs.push_back(
                    Instr { LOAD_CLOSURE, ArgKind::Free, it->second, un->pos });
            }
        }
        flags |= 0x08;
        emit(BUILD_TUPLE, co->m_nfreevars);
    }
    load_const(Value(co));
    emit(MAKE_FUNCTION, static_cast<int32_t>(flags));
}

// ---- module ---------------------------------------------------------------------------------

namespace {
    bool find_ann(StmtList const& stmts)
    {
        for (Stmt* s : stmts) {
            switch (s->kind) {
            case StmtKind::AnnAssign:
                return true;
            case StmtKind::For:
            case StmtKind::AsyncFor: {
                auto* f = static_cast<ForStmt*>(s);
                if (find_ann(f->body) || find_ann(f->orelse))
                    return true;
                break;
            }
            case StmtKind::While: {
                auto* f = static_cast<WhileStmt*>(s);
                if (find_ann(f->body) || find_ann(f->orelse))
                    return true;
                break;
            }
            case StmtKind::If: {
                auto* f = static_cast<IfStmt*>(s);
                if (find_ann(f->body) || find_ann(f->orelse))
                    return true;
                break;
            }
            case StmtKind::With:
            case StmtKind::AsyncWith:
                if (find_ann(static_cast<WithStmt*>(s)->body))
                    return true;
                break;
            case StmtKind::Try:
            case StmtKind::TryStar: {
                auto* t = static_cast<TryStmt*>(s);
                for (ExceptHandler* h : t->handlers)
                    if (find_ann(h->body))
                        return true;
                if (find_ann(t->body) || find_ann(t->finalbody) || find_ann(t->orelse))
                    return true;
                break;
            }
            case StmtKind::Match:
                for (MatchCase* c : static_cast<MatchStmt*>(s)->cases)
                    if (find_ann(c->body))
                        return true;
                break;
            default:
                break;
            }
        }
        return false;
    }
} // namespace

void Compiler::body(StmtList const& stmts)
{
    if (u()->kind == UnitKind::Module && !stmts.empty())
        set_loc(stmts[0]->loc);
    if (find_ann(stmts))
        emit(SETUP_ANNOTATIONS);
    if (stmts.empty())
        return;
    size_t i = 0;
    // Under -OO the docstring is an ordinary expression statement, which produces no code.
    if (keeps_docstrings() && is_docstring_stmt(stmts[0])) {
        i = 1;
        set_loc(stmts[0]->loc);
        visit_expr(static_cast<ExprStmt*>(stmts[0])->value);
        unset_loc();
        nameop("__doc__", ExprContext::Store);
    }
    for (; i < stmts.size(); ++i)
        visit_stmt(stmts[i]);
}

CodeObject* Compiler::compile_mod(Mod* mod)
{
    check_future_imports(mod);
    enter_scope("<module>", UnitKind::Module, mod, 1);
    bool add_none = true;
    switch (mod->kind) {
    case ModKind::Module:
        body(mod->body);
        break;
    case ModKind::Interactive:
        if (find_ann(mod->body))
            emit(SETUP_ANNOTATIONS);
        m_interactive = true;
        visit_stmts(mod->body);
        break;
    case ModKind::Expression:
        visit_expr(mod->expr);
        add_none = false;
        break;
    }
    return finish_scope(add_none);
}

// ---- functions, classes, lambdas ------------------------------------------------------------

uint32_t Compiler::default_arguments(Arguments* a)
{
    uint32_t flags = 0;
    if (!a->defaults.empty()) {
        for (Expr* d : a->defaults)
            visit_expr(d);
        emit(BUILD_TUPLE, static_cast<int32_t>(a->defaults.size()));
        flags |= 0x01;
    }
    std::vector<Value> keys;
    for (size_t i = 0; i < a->kwonlyargs.size(); ++i) {
        Expr* d = i < a->kw_defaults.size() ? a->kw_defaults[i] : nullptr;
        if (!d)
            continue;
        keys.push_back(Value(intern(mangled(a->kwonlyargs[i]->arg))));
        visit_expr(d);
    }
    if (!keys.empty()) {
        load_const(Value(tuple_from(keys.data(), static_cast<int64_t>(keys.size()))));
        emit(BUILD_CONST_KEY_MAP, static_cast<int32_t>(keys.size()));
        flags |= 0x02;
    }
    return flags;
}

bool Compiler::visit_annotations(Arguments* a, Expr* returns)
{
    int n = 0;
    auto one = [&](std::string const& name, Expr* ann) {
        if (!ann)
            return;
        load_const_str(mangled(name));
        if (ann->kind == ExprKind::Starred && !future_annotations()) {
            // `*args: *Ts` (PEP 646) stores the single item of the unpacked value, as
            // CPython's `[annotation] = [*Ts]` does.
            visit_expr(static_cast<StarredExpr*>(ann)->value);
            emit(UNPACK_SEQUENCE, 1);
        } else {
            visit_annotation_value(ann);
        }
        n += 2;
    };
    for (Arg* x : a->args)
        one(x->arg, x->annotation);
    for (Arg* x : a->posonlyargs)
        one(x->arg, x->annotation);
    if (a->vararg)
        one(a->vararg->arg, a->vararg->annotation);
    for (Arg* x : a->kwonlyargs)
        one(x->arg, x->annotation);
    if (a->kwarg)
        one(a->kwarg->arg, a->kwarg->annotation);
    one("return", returns);
    if (n) {
        emit(BUILD_TUPLE, n);
        return true;
    }
    return false;
}

void Compiler::apply_decorators(ExprList const& decos)
{
    for (size_t i = decos.size(); i-- > 0;) {
        set_loc(decos[i]->loc);
        emit(CALL, 0);
    }
}

void Compiler::visit_function(FunctionDefStmt* s)
{
    bool is_async = s->kind == StmtKind::AsyncFunctionDef;
    int firstlineno = s->loc.line;
    if (!s->decorator_list.empty())
        firstlineno = s->decorator_list[0]->loc.line;
    check_debug_args(s->args);
    for (Expr* d : s->decorator_list)
        visit_expr(d);
    uint32_t flags = default_arguments(s->args);
    if (visit_annotations(s->args, s->returns))
        flags |= 0x04;
    enter_scope(s->name, is_async ? UnitKind::AsyncFunction : UnitKind::Function, s, firstlineno);
    bool has_doc = keeps_docstrings() && !s->body.empty() && is_docstring_stmt(s->body[0]);
    if (has_doc)
        add_const(constant_value(
            static_cast<ConstantExpr*>(static_cast<ExprStmt*>(s->body[0])->value)->value));
    else
        add_const_none();
    u()->info.argcount = static_cast<int>(s->args->args.size() + s->args->posonlyargs.size());
    u()->info.posonlyargcount = static_cast<int>(s->args->posonlyargs.size());
    u()->info.kwonlyargcount = static_cast<int>(s->args->kwonlyargs.size());
    for (size_t i = has_doc ? 1 : 0; i < s->body.size(); ++i)
        visit_stmt(s->body[i]);
    CodeObject* co = finish_scope(true);
    set_loc(s->loc);
    make_closure(co, flags);
    apply_decorators(s->decorator_list);
    set_loc(s->loc);
    nameop(s->name, ExprContext::Store);
}

void Compiler::visit_class(ClassDefStmt* s)
{
    int firstlineno = s->loc.line;
    if (!s->decorator_list.empty())
        firstlineno = s->decorator_list[0]->loc.line;
    for (Expr* d : s->decorator_list)
        visit_expr(d);
    enter_scope(s->name, UnitKind::Class, s, firstlineno);
    u()->private_name = s->name;
    nameop("__name__", ExprContext::Load);
    nameop("__module__", ExprContext::Store);
    load_const_str(u()->info.qualname);
    nameop("__qualname__", ExprContext::Store);
    body(s->body);
    unset_loc();
    if (u()->ste->needs_class_closure) {
        Unit* un = u();
        un->seq.instrs.push_back(
            Instr { LOAD_CLOSURE, ArgKind::Cell, un->cell_index.at("__class__"), un->pos });
        emit(COPY, 1);
        emit(STORE_NAME, add_name("__classcell__"));
    } else {
        load_none();
    }
    emit(RETURN_VALUE);
    CodeObject* co = finish_scope(true);
    set_loc(s->loc);
    emit(PUSH_NULL);
    emit(LOAD_BUILD_CLASS);
    make_closure(co, 0);
    load_const_str(s->name);
    call_helper(2, s->bases, s->keywords);
    apply_decorators(s->decorator_list);
    set_loc(s->loc);
    nameop(s->name, ExprContext::Store);
}

void Compiler::visit_lambda(LambdaExpr* e)
{
    check_debug_args(e->args);
    uint32_t flags = default_arguments(e->args);
    enter_scope("<lambda>", UnitKind::Lambda, e, e->loc.line);
    // None first, so that a lambda never has a docstring.
    add_const_none();
    u()->info.argcount = static_cast<int>(e->args->args.size() + e->args->posonlyargs.size());
    u()->info.posonlyargcount = static_cast<int>(e->args->posonlyargs.size());
    u()->info.kwonlyargcount = static_cast<int>(e->args->kwonlyargs.size());
    visit_expr(e->body);
    CodeObject* co;
    if (u()->ste->generator) {
        co = finish_scope(false);
    } else {
        emit(RETURN_VALUE);
        co = finish_scope(true);
    }
    make_closure(co, flags);
}

} // namespace pystm::compiler
