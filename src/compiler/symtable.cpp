// Symbol table construction and name resolution (see symtable.h), following the documented
// scoping rules of CPython 3.11: a first pass records every use and binding of every name per
// block, a second pass (analyze_block) resolves scopes top-down, passing the set of names
// bound in enclosing function scopes ("bound"), the explicit globals, and collecting free
// names bottom-up to turn the enclosing locals they refer to into cells.
#include "compiler/symtable.h"
#include <unordered_set>

namespace pystm::compiler {

using namespace ast;
using NameSet = std::unordered_set<std::string>;

std::string mangle(std::string const& class_name, std::string const& name)
{
    if (class_name.empty() || name.size() < 3 || name[0] != '_' || name[1] != '_')
        return name;
    // Names ending in two underscores (dunders, and "___") and dotted import names are not
    // mangled.
    if (name[name.size() - 1] == '_' && name[name.size() - 2] == '_')
        return name;
    if (name.find('.') != std::string::npos)
        return name;
    size_t i = 0;
    while (i < class_name.size() && class_name[i] == '_')
        ++i;
    if (i == class_name.size())
        return name; // class name is all underscores
    return "_" + class_name.substr(i) + name;
}

SyntaxErrorInfo make_error(std::string msg, std::string_view filename, Loc const& loc)
{
    SyntaxErrorInfo info;
    info.msg = std::move(msg);
    info.filename = std::string(filename);
    info.lineno = loc.line;
    info.offset = loc.col + 1;
    info.end_lineno = loc.end_line;
    info.end_offset = loc.end_col + 1;
    return info;
}

namespace {

    struct Directive {
        std::string name;
        Loc loc;
    };

    class Builder {
    public:
        Builder(SymTable& st, std::string_view filename)
            : m_st(st)
            , m_filename(filename)
        {
        }

        void build(Mod* mod)
        {
            Scope* top = enter(mod, BlockType::Module, "top", Loc {});
            m_st.top = top;
            if (mod->kind == ModKind::Expression)
                visit_expr(mod->expr);
            else
                for (Stmt* s : mod->body)
                    visit_stmt(s);
            exit();
            NameSet free, global;
            analyze_block(top, nullptr, free, global);
        }

    private:
        SymTable& m_st;
        std::string_view m_filename;
        std::vector<Scope*> m_stack;
        std::string m_private; // enclosing class name, for mangling
        std::unordered_map<Scope*, std::vector<Directive>> m_directives;

        [[noreturn]] void error(std::string msg, Loc const& loc)
        {
            throw SyntaxErrorException { make_error(std::move(msg), m_filename, loc) };
        }

        Scope* cur() { return m_stack.back(); }

        Scope* enter(void const* key, BlockType type, std::string name, Loc const& loc)
        {
            Scope* s = m_st.new_scope(key);
            s->type = type;
            s->name = std::move(name);
            s->lineno = loc.line;
            s->col = loc.col;
            if (!m_stack.empty()) {
                Scope* prev = cur();
                s->parent = prev;
                if (prev->nested || prev->type == BlockType::Function)
                    s->nested = true;
                // A lambda or comprehension inside a comprehension's iterable is still part of
                // that iterable expression for the walrus check.
                s->comp_iter_expr = prev->comp_iter_expr;
                prev->children.push_back(s);
            }
            m_stack.push_back(s);
            return s;
        }
        void exit() { m_stack.pop_back(); }

        uint32_t lookup(std::string const& name)
        {
            return cur()->flags_of(mangle(m_private, name));
        }

        Symbol& sym(Scope* s, std::string const& mangled)
        {
            auto [it, inserted] = s->symbols.try_emplace(mangled);
            if (inserted)
                s->order.push_back(mangled);
            return it->second;
        }

        void add_def_helper(std::string const& name, uint32_t flag, Scope* s, Loc const& loc)
        {
            std::string mangled = mangle(m_private, name);
            Symbol& sy = sym(s, mangled);
            uint32_t val = sy.flags;
            if ((flag & DEF_PARAM) && (val & DEF_PARAM))
                error("duplicate argument '" + name + "' in function definition", loc);
            val |= flag;
            if (s->comp_iter_target) {
                if (val & (DEF_GLOBAL | DEF_NONLOCAL))
                    error("comprehension inner loop cannot rebind assignment expression target '"
                            + name + "'",
                        loc);
                val |= DEF_COMP_ITER;
            }
            sy.flags = val;
            if (flag & DEF_PARAM) {
                s->varnames.push_back(mangled);
            } else if (flag & DEF_GLOBAL) {
                // Explicit globals are recorded in the module block too.
                Symbol& g = sym(m_st.top, mangled);
                g.flags |= flag;
            }
        }
        void add_def(std::string const& name, uint32_t flag, Loc const& loc)
        {
            add_def_helper(name, flag, cur(), loc);
        }

        void record_directive(std::string const& name, Loc const& loc)
        {
            m_directives[cur()].push_back({ mangle(m_private, name), loc });
        }

        Loc directive_loc(Scope* s, std::string const& name)
        {
            for (auto& d : m_directives[s])
                if (d.name == name)
                    return d.loc;
            return Loc { s->lineno, s->col, s->lineno, s->col };
        }

        // ---- statements ------------------------------------------------------------------------
        void visit_stmts(StmtList const& l)
        {
            for (Stmt* s : l)
                visit_stmt(s);
        }
        void visit_exprs(ExprList const& l)
        {
            for (Expr* e : l)
                if (e)
                    visit_expr(e);
        }

        void visit_annotation(Expr* e)
        {
            if (e)
                visit_expr(e);
        }

        void visit_arg_annotations(std::vector<Arg*> const& args)
        {
            for (Arg* a : args)
                visit_annotation(a->annotation);
        }

        void visit_annotations(Arguments* a, Expr* returns)
        {
            visit_arg_annotations(a->posonlyargs);
            visit_arg_annotations(a->args);
            if (a->vararg)
                visit_annotation(a->vararg->annotation);
            if (a->kwarg)
                visit_annotation(a->kwarg->annotation);
            visit_arg_annotations(a->kwonlyargs);
            visit_annotation(returns);
        }

        void visit_params(std::vector<Arg*> const& args)
        {
            for (Arg* a : args)
                add_def(a->arg, DEF_PARAM, a->loc);
        }

        void visit_arguments(Arguments* a)
        {
            visit_params(a->posonlyargs);
            visit_params(a->args);
            visit_params(a->kwonlyargs);
            if (a->vararg) {
                add_def(a->vararg->arg, DEF_PARAM, a->vararg->loc);
                cur()->varargs = true;
            }
            if (a->kwarg) {
                add_def(a->kwarg->arg, DEF_PARAM, a->kwarg->loc);
                cur()->varkeywords = true;
            }
        }

        void visit_alias(Alias* a)
        {
            std::string store = a->asname.empty() ? a->name : a->asname;
            size_t dot = store.find('.');
            if (dot != std::string::npos)
                store = store.substr(0, dot);
            if (store != "*") {
                add_def(store, DEF_IMPORT, a->loc);
            } else if (cur()->type != BlockType::Module) {
                error("import * only allowed at module level", a->loc);
            }
        }

        void visit_global_or_nonlocal(Stmt* s, std::vector<std::string> const& names, bool global)
        {
            for (auto const& name : names) {
                uint32_t cur_flags = lookup(name);
                if (cur_flags & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
                    std::string what = global ? "global" : "nonlocal";
                    std::string msg;
                    if (cur_flags & DEF_PARAM)
                        msg = "name '" + name + "' is parameter and " + what;
                    else if (cur_flags & USE)
                        msg = "name '" + name + "' is used prior to " + what + " declaration";
                    else if (cur_flags & DEF_ANNOT)
                        msg = "annotated name '" + name + "' can't be " + what;
                    else
                        msg = "name '" + name + "' is assigned to before " + what + " declaration";
                    error(msg, s->loc);
                }
                add_def(name, global ? DEF_GLOBAL : DEF_NONLOCAL, s->loc);
                record_directive(name, s->loc);
            }
        }

        void visit_stmt(Stmt* s)
        {
            switch (s->kind) {
            case StmtKind::FunctionDef:
            case StmtKind::AsyncFunctionDef: {
                auto* f = static_cast<FunctionDefStmt*>(s);
                add_def(f->name, DEF_LOCAL, s->loc);
                visit_exprs(f->args->defaults);
                visit_exprs(f->args->kw_defaults);
                visit_annotations(f->args, f->returns);
                visit_exprs(f->decorator_list);
                Scope* fs = enter(f, BlockType::Function, f->name, s->loc);
                fs->kind = s->kind == StmtKind::AsyncFunctionDef ? FuncKind::AsyncFunction
                                                                 : FuncKind::Function;
                if (s->kind == StmtKind::AsyncFunctionDef)
                    fs->coroutine = true;
                visit_arguments(f->args);
                visit_stmts(f->body);
                exit();
                break;
            }
            case StmtKind::ClassDef: {
                auto* c = static_cast<ClassDefStmt*>(s);
                add_def(c->name, DEF_LOCAL, s->loc);
                visit_exprs(c->bases);
                for (Keyword* k : c->keywords)
                    visit_expr(k->value);
                visit_exprs(c->decorator_list);
                enter(c, BlockType::Class, c->name, s->loc);
                std::string saved = m_private;
                m_private = c->name;
                visit_stmts(c->body);
                m_private = saved;
                exit();
                break;
            }
            case StmtKind::Return: {
                auto* r = static_cast<ReturnStmt*>(s);
                if (r->value) {
                    visit_expr(r->value);
                    cur()->returns_value = true;
                }
                break;
            }
            case StmtKind::Delete:
                visit_exprs(static_cast<DeleteStmt*>(s)->targets);
                break;
            case StmtKind::Assign: {
                auto* a = static_cast<AssignStmt*>(s);
                visit_exprs(a->targets);
                visit_expr(a->value);
                break;
            }
            case StmtKind::AnnAssign: {
                auto* a = static_cast<AnnAssignStmt*>(s);
                if (a->target->kind == ExprKind::Name) {
                    auto* n = static_cast<NameExpr*>(a->target);
                    uint32_t cur_flags = lookup(n->id);
                    if ((cur_flags & (DEF_GLOBAL | DEF_NONLOCAL)) && cur() != m_st.top
                        && a->simple) {
                        error("annotated name '" + n->id + "' can't be "
                                + ((cur_flags & DEF_GLOBAL) ? "global" : "nonlocal"),
                            s->loc);
                    }
                    if (a->simple)
                        add_def(n->id, DEF_ANNOT | DEF_LOCAL, n->loc);
                    else if (a->value)
                        add_def(n->id, DEF_LOCAL, n->loc);
                } else {
                    visit_expr(a->target);
                }
                visit_annotation(a->annotation);
                if (a->value)
                    visit_expr(a->value);
                break;
            }
            case StmtKind::AugAssign: {
                auto* a = static_cast<AugAssignStmt*>(s);
                visit_expr(a->target);
                visit_expr(a->value);
                break;
            }
            case StmtKind::For:
            case StmtKind::AsyncFor: {
                auto* f = static_cast<ForStmt*>(s);
                visit_expr(f->target);
                visit_expr(f->iter);
                visit_stmts(f->body);
                visit_stmts(f->orelse);
                break;
            }
            case StmtKind::While: {
                auto* w = static_cast<WhileStmt*>(s);
                visit_expr(w->test);
                visit_stmts(w->body);
                visit_stmts(w->orelse);
                break;
            }
            case StmtKind::If: {
                auto* w = static_cast<IfStmt*>(s);
                visit_expr(w->test);
                visit_stmts(w->body);
                visit_stmts(w->orelse);
                break;
            }
            case StmtKind::Match: {
                auto* m = static_cast<MatchStmt*>(s);
                visit_expr(m->subject);
                for (MatchCase* c : m->cases) {
                    visit_pattern(c->pattern);
                    if (c->guard)
                        visit_expr(c->guard);
                    visit_stmts(c->body);
                }
                break;
            }
            case StmtKind::Raise: {
                auto* r = static_cast<RaiseStmt*>(s);
                if (r->exc) {
                    visit_expr(r->exc);
                    if (r->cause)
                        visit_expr(r->cause);
                }
                break;
            }
            case StmtKind::Try:
            case StmtKind::TryStar: {
                auto* t = static_cast<TryStmt*>(s);
                visit_stmts(t->body);
                visit_stmts(t->orelse);
                for (ExceptHandler* h : t->handlers) {
                    if (h->type)
                        visit_expr(h->type);
                    if (!h->name.empty())
                        add_def(h->name, DEF_LOCAL, h->loc);
                    visit_stmts(h->body);
                }
                visit_stmts(t->finalbody);
                break;
            }
            case StmtKind::Assert: {
                auto* a = static_cast<AssertStmt*>(s);
                visit_expr(a->test);
                if (a->msg)
                    visit_expr(a->msg);
                break;
            }
            case StmtKind::Import:
                for (Alias* a : static_cast<ImportStmt*>(s)->names)
                    visit_alias(a);
                break;
            case StmtKind::ImportFrom:
                for (Alias* a : static_cast<ImportFromStmt*>(s)->names)
                    visit_alias(a);
                break;
            case StmtKind::Global:
                visit_global_or_nonlocal(s, static_cast<GlobalStmt*>(s)->names, true);
                break;
            case StmtKind::Nonlocal:
                visit_global_or_nonlocal(s, static_cast<NonlocalStmt*>(s)->names, false);
                break;
            case StmtKind::Expr:
                visit_expr(static_cast<ExprStmt*>(s)->value);
                break;
            case StmtKind::Pass:
            case StmtKind::Break:
            case StmtKind::Continue:
                break;
            case StmtKind::With:
            case StmtKind::AsyncWith: {
                auto* w = static_cast<WithStmt*>(s);
                for (WithItem* it : w->items) {
                    visit_expr(it->context_expr);
                    if (it->optional_vars)
                        visit_expr(it->optional_vars);
                }
                visit_stmts(w->body);
                break;
            }
            }
        }

        // ---- expressions -----------------------------------------------------------------------
        static char const* comprehension_desc(FuncKind k)
        {
            switch (k) {
            case FuncKind::ListComp:
                return "list comprehension";
            case FuncKind::SetComp:
                return "set comprehension";
            case FuncKind::DictComp:
                return "dict comprehension";
            default:
                return "generator expression";
            }
        }

        void extend_namedexpr_scope(NameExpr* target)
        {
            std::string const& name = target->id;
            for (size_t i = m_stack.size(); i-- > 0;) {
                Scope* s = m_stack[i];
                if (s->comprehension) {
                    if (s->flags_of(mangle(m_private, name)) & DEF_COMP_ITER)
                        error(
                            "assignment expression cannot rebind comprehension iteration variable '"
                                + name + "'",
                            target->loc);
                    continue;
                }
                if (s->type == BlockType::Function) {
                    uint32_t in_scope = s->flags_of(mangle(m_private, name));
                    add_def(name, (in_scope & DEF_GLOBAL) ? DEF_GLOBAL : DEF_NONLOCAL, target->loc);
                    record_directive(name, target->loc);
                    add_def_helper(name, DEF_LOCAL, s, target->loc);
                    return;
                }
                if (s->type == BlockType::Module) {
                    add_def(name, DEF_GLOBAL, target->loc);
                    record_directive(name, target->loc);
                    add_def_helper(name, DEF_GLOBAL, s, target->loc);
                    return;
                }
                if (s->type == BlockType::Class)
                    error("assignment expression within a comprehension cannot be used in a class "
                          "body",
                        target->loc);
            }
        }

        void handle_comprehension(Expr* e, char const* name, FuncKind kind,
            std::vector<Comprehension*> const& gens, Expr* elt, Expr* value)
        {
            bool is_generator = kind == FuncKind::GenExp;
            Comprehension* outermost = gens[0];
            cur()->comp_iter_expr++;
            visit_expr(outermost->iter);
            cur()->comp_iter_expr--;
            Scope* s = enter(e, BlockType::Function, name, e->loc);
            s->kind = kind;
            s->comprehension = true;
            if (outermost->is_async)
                s->coroutine = true;
            add_def(".0", DEF_PARAM, e->loc);
            s->comp_iter_target = true;
            visit_expr(outermost->target);
            s->comp_iter_target = false;
            visit_exprs(outermost->ifs);
            for (size_t i = 1; i < gens.size(); ++i) {
                Comprehension* lc = gens[i];
                s->comp_iter_target = true;
                visit_expr(lc->target);
                s->comp_iter_target = false;
                s->comp_iter_expr++;
                visit_expr(lc->iter);
                s->comp_iter_expr--;
                visit_exprs(lc->ifs);
                if (lc->is_async)
                    s->coroutine = true;
            }
            if (value)
                visit_expr(value);
            visit_expr(elt);
            s->generator = is_generator;
            bool is_async = s->coroutine && !is_generator;
            exit();
            if (is_async)
                cur()->coroutine = true;
        }

        void visit_expr(Expr* e)
        {
            switch (e->kind) {
            case ExprKind::NamedExpr: {
                auto* n = static_cast<NamedExprExpr*>(e);
                if (cur()->comp_iter_expr > 0)
                    error("assignment expression cannot be used in a comprehension iterable "
                          "expression",
                        e->loc);
                if (cur()->comprehension && n->target->kind == ExprKind::Name)
                    extend_namedexpr_scope(static_cast<NameExpr*>(n->target));
                visit_expr(n->value);
                visit_expr(n->target);
                break;
            }
            case ExprKind::BoolOp:
                visit_exprs(static_cast<BoolOpExpr*>(e)->values);
                break;
            case ExprKind::BinOp:
                visit_expr(static_cast<BinOpExpr*>(e)->left);
                visit_expr(static_cast<BinOpExpr*>(e)->right);
                break;
            case ExprKind::UnaryOp:
                visit_expr(static_cast<UnaryOpExpr*>(e)->operand);
                break;
            case ExprKind::Lambda: {
                auto* l = static_cast<LambdaExpr*>(e);
                visit_exprs(l->args->defaults);
                visit_exprs(l->args->kw_defaults);
                Scope* s = enter(e, BlockType::Function, "lambda", e->loc);
                s->kind = FuncKind::Lambda;
                visit_arguments(l->args);
                visit_expr(l->body);
                exit();
                break;
            }
            case ExprKind::IfExp: {
                auto* i = static_cast<IfExpExpr*>(e);
                visit_expr(i->test);
                visit_expr(i->body);
                visit_expr(i->orelse);
                break;
            }
            case ExprKind::Dict: {
                auto* d = static_cast<DictExpr*>(e);
                visit_exprs(d->keys);
                visit_exprs(d->values);
                break;
            }
            case ExprKind::Set:
                visit_exprs(static_cast<SetExpr*>(e)->elts);
                break;
            case ExprKind::GeneratorExp: {
                auto* g = static_cast<GeneratorExpExpr*>(e);
                handle_comprehension(
                    e, "genexpr", FuncKind::GenExp, g->generators, g->elt, nullptr);
                break;
            }
            case ExprKind::ListComp: {
                auto* g = static_cast<ListCompExpr*>(e);
                handle_comprehension(
                    e, "listcomp", FuncKind::ListComp, g->generators, g->elt, nullptr);
                break;
            }
            case ExprKind::SetComp: {
                auto* g = static_cast<SetCompExpr*>(e);
                handle_comprehension(
                    e, "setcomp", FuncKind::SetComp, g->generators, g->elt, nullptr);
                break;
            }
            case ExprKind::DictComp: {
                auto* g = static_cast<DictCompExpr*>(e);
                handle_comprehension(
                    e, "dictcomp", FuncKind::DictComp, g->generators, g->key, g->value);
                break;
            }
            case ExprKind::Yield:
            case ExprKind::YieldFrom: {
                Expr* v = e->kind == ExprKind::Yield ? static_cast<YieldExpr*>(e)->value
                                                     : static_cast<YieldFromExpr*>(e)->value;
                if (v)
                    visit_expr(v);
                cur()->generator = true;
                if (cur()->comprehension)
                    error(std::string("'yield' inside ") + comprehension_desc(cur()->kind), e->loc);
                break;
            }
            case ExprKind::Await:
                visit_expr(static_cast<AwaitExpr*>(e)->value);
                cur()->coroutine = true;
                break;
            case ExprKind::Compare: {
                auto* c = static_cast<CompareExpr*>(e);
                visit_expr(c->left);
                visit_exprs(c->comparators);
                break;
            }
            case ExprKind::Call: {
                auto* c = static_cast<CallExpr*>(e);
                visit_expr(c->func);
                visit_exprs(c->args);
                for (Keyword* k : c->keywords)
                    visit_expr(k->value);
                break;
            }
            case ExprKind::FormattedValue: {
                auto* f = static_cast<FormattedValueExpr*>(e);
                visit_expr(f->value);
                if (f->format_spec)
                    visit_expr(f->format_spec);
                break;
            }
            case ExprKind::JoinedStr:
                visit_exprs(static_cast<JoinedStrExpr*>(e)->values);
                break;
            case ExprKind::Constant:
                break;
            case ExprKind::Attribute:
                visit_expr(static_cast<AttributeExpr*>(e)->value);
                break;
            case ExprKind::Subscript:
                visit_expr(static_cast<SubscriptExpr*>(e)->value);
                visit_expr(static_cast<SubscriptExpr*>(e)->slice);
                break;
            case ExprKind::Starred:
                visit_expr(static_cast<StarredExpr*>(e)->value);
                break;
            case ExprKind::Slice: {
                auto* s = static_cast<SliceExpr*>(e);
                if (s->lower)
                    visit_expr(s->lower);
                if (s->upper)
                    visit_expr(s->upper);
                if (s->step)
                    visit_expr(s->step);
                break;
            }
            case ExprKind::Name: {
                auto* n = static_cast<NameExpr*>(e);
                add_def(n->id, n->ctx == ExprContext::Load ? USE : DEF_LOCAL, e->loc);
                // super() needs the implicit __class__ cell.
                if (n->ctx == ExprContext::Load && cur()->type == BlockType::Function
                    && n->id == "super")
                    add_def("__class__", USE, e->loc);
                break;
            }
            case ExprKind::List:
                visit_exprs(static_cast<ListExpr*>(e)->elts);
                break;
            case ExprKind::Tuple:
                visit_exprs(static_cast<TupleExpr*>(e)->elts);
                break;
            }
        }

        void visit_pattern(Pattern* p)
        {
            switch (p->kind) {
            case PatternKind::MatchValue:
                visit_expr(static_cast<MatchValuePattern*>(p)->value);
                break;
            case PatternKind::MatchSingleton:
                break;
            case PatternKind::MatchSequence:
                for (Pattern* q : static_cast<MatchSequencePattern*>(p)->patterns)
                    visit_pattern(q);
                break;
            case PatternKind::MatchStar: {
                auto* s = static_cast<MatchStarPattern*>(p);
                if (!s->name.empty())
                    add_def(s->name, DEF_LOCAL, p->loc);
                break;
            }
            case PatternKind::MatchMapping: {
                auto* m = static_cast<MatchMappingPattern*>(p);
                visit_exprs(m->keys);
                for (Pattern* q : m->patterns)
                    visit_pattern(q);
                if (!m->rest.empty())
                    add_def(m->rest, DEF_LOCAL, p->loc);
                break;
            }
            case PatternKind::MatchClass: {
                auto* m = static_cast<MatchClassPattern*>(p);
                visit_expr(m->cls);
                for (Pattern* q : m->patterns)
                    visit_pattern(q);
                for (Pattern* q : m->kwd_patterns)
                    visit_pattern(q);
                break;
            }
            case PatternKind::MatchAs: {
                auto* m = static_cast<MatchAsPattern*>(p);
                if (m->pattern)
                    visit_pattern(m->pattern);
                if (!m->name.empty())
                    add_def(m->name, DEF_LOCAL, p->loc);
                break;
            }
            case PatternKind::MatchOr:
                for (Pattern* q : static_cast<MatchOrPattern*>(p)->patterns)
                    visit_pattern(q);
                break;
            }
        }

        // ---- analysis
        // ----------------------------------------------------------------------------
        void analyze_name(Scope* s, std::unordered_map<std::string, SymScope>& scopes,
            std::string const& name, uint32_t flags, NameSet* bound, NameSet& local, NameSet& free,
            NameSet& global)
        {
            if (flags & DEF_GLOBAL) {
                if (flags & DEF_NONLOCAL)
                    error("name '" + name + "' is nonlocal and global", directive_loc(s, name));
                scopes[name] = SymScope::GlobalExplicit;
                global.insert(name);
                if (bound)
                    bound->erase(name);
                return;
            }
            if (flags & DEF_NONLOCAL) {
                if (!bound)
                    error(
                        "nonlocal declaration not allowed at module level", directive_loc(s, name));
                if (!bound->count(name))
                    error("no binding for nonlocal '" + name + "' found", directive_loc(s, name));
                scopes[name] = SymScope::Free;
                s->free = true;
                free.insert(name);
                return;
            }
            if (flags & DEF_BOUND) {
                scopes[name] = SymScope::Local;
                local.insert(name);
                global.erase(name);
                return;
            }
            if (bound && bound->count(name)) {
                scopes[name] = SymScope::Free;
                s->free = true;
                free.insert(name);
                return;
            }
            if (global.count(name)) {
                scopes[name] = SymScope::GlobalImplicit;
                return;
            }
            if (s->nested)
                s->free = true;
            scopes[name] = SymScope::GlobalImplicit;
        }

        void analyze_block(Scope* s, NameSet* bound, NameSet& free, NameSet& global)
        {
            NameSet local, newglobal, newfree, newbound;
            std::unordered_map<std::string, SymScope> scopes;
            if (s->type == BlockType::Class) {
                newglobal = global;
                if (bound)
                    newbound = *bound;
            }
            for (auto const& name : s->order)
                analyze_name(s, scopes, name, s->symbols[name].flags, bound, local, free, global);
            if (s->type != BlockType::Class) {
                if (s->type == BlockType::Function)
                    newbound.insert(local.begin(), local.end());
                if (bound)
                    newbound.insert(bound->begin(), bound->end());
                newglobal.insert(global.begin(), global.end());
            } else {
                newbound.insert("__class__");
            }
            NameSet allfree;
            for (Scope* child : s->children) {
                NameSet tb = newbound, tf = newfree, tg = newglobal;
                analyze_block(child, &tb, tf, tg);
                allfree.insert(tf.begin(), tf.end());
                if (child->free || child->child_free)
                    s->child_free = true;
            }
            newfree.insert(allfree.begin(), allfree.end());
            if (s->type == BlockType::Function) {
                // Locals referenced by nested scopes become cells.
                for (auto& [name, sc] : scopes) {
                    if (sc == SymScope::Local && newfree.count(name)) {
                        sc = SymScope::Cell;
                        newfree.erase(name);
                    }
                }
            } else if (s->type == BlockType::Class) {
                if (newfree.erase("__class__"))
                    s->needs_class_closure = true;
            }
            // Record the results.
            for (auto const& name : s->order) {
                auto it = scopes.find(name);
                if (it != scopes.end())
                    s->symbols[name].scope = it->second;
            }
            for (auto const& name : newfree) {
                Symbol* sy = s->lookup(name);
                if (sy) {
                    if (s->type == BlockType::Class && (sy->flags & (DEF_BOUND | DEF_GLOBAL)))
                        sy->flags |= DEF_FREE_CLASS;
                    continue; // a cell, or already free here
                }
                if (bound && !bound->count(name))
                    continue; // a global
                Symbol& ns = sym(s, name);
                ns.scope = SymScope::Free;
            }
            free.insert(newfree.begin(), newfree.end());
        }
    };

} // namespace

std::unique_ptr<SymTable> build_symtable(ast::Mod* mod, std::string_view filename)
{
    auto st = std::make_unique<SymTable>();
    Builder b(*st, filename);
    b.build(mod);
    return st;
}

} // namespace pystm::compiler
