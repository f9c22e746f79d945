// Code generation for comprehensions (3.11: each one a nested function called at once with
// the outermost iterable) and the CPython AST-optimizer rewrite of "%s" % (a, b) into an
// f-string. See codegen.h.
#include "compiler/codegen.h"

namespace pystm::compiler {

using namespace ast;
using namespace vm;

// ---- comprehensions -------------------------------------------------------------------------

void Compiler::comprehension(Expr* e, std::string const& name, FuncKind kind,
    std::vector<Comprehension*> const& gens, Expr* elt, Expr* val)
{
    UnitKind outer = u()->kind;
    bool top_level_await = is_top_level_await();
    Comprehension* outermost = gens[0];
    enter_scope(name, UnitKind::Comprehension, e, e->loc.line);
    set_loc(e->loc);
    bool is_async_generator = u()->ste->coroutine;
    if (is_async_generator && kind != FuncKind::GenExp && outer != UnitKind::AsyncFunction
        && outer != UnitKind::Comprehension && !top_level_await)
        error("asynchronous comprehension outside of an asynchronous function", e->loc);
    if (kind == FuncKind::ListComp)
        emit(BUILD_LIST, 0);
    else if (kind == FuncKind::SetComp)
        emit(BUILD_SET, 0);
    else if (kind == FuncKind::DictComp)
        emit(BUILD_MAP, 0);
    u()->info.argcount = 1;
    comprehension_generator(gens, 0, 0, elt, val, kind);
    if (kind != FuncKind::GenExp)
        emit(RETURN_VALUE);
    CodeObject* co = finish_scope(true);
    // As CPython: under PyCF_ALLOW_TOP_LEVEL_AWAIT any asynchronous comprehension at module
    // level, a generator expression too, makes the module's code a coroutine.
    if (top_level_await && is_async_generator)
        u()->ste->coroutine = true;
    make_closure(co, 0);
    visit_iterable(outermost->iter);
    emit(outermost->is_async ? GET_AITER : GET_ITER);
    emit(CALL, 0);
    if (is_async_generator && kind != FuncKind::GenExp) {
        emit(GET_AWAITABLE, 0);
        load_none();
        add_yield_from(true);
    }
}

void Compiler::comprehension_generator(std::vector<Comprehension*> const& gens, size_t gen_index,
    int depth, Expr* elt, Expr* val, FuncKind kind)
{
    if (gens[gen_index]->is_async)
        async_comprehension_generator(gens, gen_index, depth, elt, val, kind);
    else
        sync_comprehension_generator(gens, gen_index, depth, elt, val, kind);
}

namespace {
    void comprehension_element(Compiler& c, int depth, Expr* elt, Expr* val, FuncKind kind)
    {
        switch (kind) {
        case FuncKind::GenExp:
            c.visit_expr(elt);
            c.emit_yield();
            c.emit(POP_TOP);
            break;
        case FuncKind::ListComp:
            c.visit_expr(elt);
            c.emit(LIST_APPEND, depth + 1);
            break;
        case FuncKind::SetComp:
            c.visit_expr(elt);
            c.emit(SET_ADD, depth + 1);
            break;
        default:
            c.visit_expr(elt);
            c.visit_expr(val);
            c.emit(MAP_ADD, depth + 1);
            break;
        }
    }
} // namespace

void Compiler::sync_comprehension_generator(std::vector<Comprehension*> const& gens,
    size_t gen_index, int depth, Expr* elt, Expr* val, FuncKind kind)
{
    int start = new_label(), if_cleanup = new_label(), anchor = new_label();
    bool has_start = true;
    Comprehension* gen = gens[gen_index];
    if (gen_index == 0) {
        emit(LOAD_FAST, 0);
    } else {
        // "for y in [f(x)]" binds without iterating.
        ExprList const* elts = nullptr;
        if (gen->iter->kind == ExprKind::List)
            elts = &static_cast<ListExpr*>(gen->iter)->elts;
        else if (gen->iter->kind == ExprKind::Tuple)
            elts = &static_cast<TupleExpr*>(gen->iter)->elts;
        if (elts && elts->size() == 1 && (*elts)[0]->kind != ExprKind::Starred) {
            visit_expr((*elts)[0]);
            has_start = false;
        }
        if (has_start) {
            visit_iterable(gen->iter);
            emit(GET_ITER);
        }
    }
    if (has_start) {
        ++depth;
        place(start);
        emit_jump(FOR_ITER, anchor);
    }
    visit_expr(gen->target);
    for (Expr* cond : gen->ifs)
        jump_if(cond, if_cleanup, false);
    if (++gen_index < gens.size())
        comprehension_generator(gens, gen_index, depth, elt, val, kind);
    if (gen_index >= gens.size())
        comprehension_element(*this, depth, elt, val, kind);
    place(if_cleanup);
    if (has_start) {
        emit_jump(P_JUMP, start);
        place(anchor);
    }
}

void Compiler::async_comprehension_generator(std::vector<Comprehension*> const& gens,
    size_t gen_index, int depth, Expr* elt, Expr* val, FuncKind kind)
{
    int start = new_label(), except = new_label(), if_cleanup = new_label();
    Comprehension* gen = gens[gen_index];
    if (gen_index == 0) {
        emit(LOAD_FAST, 0);
    } else {
        visit_expr(gen->iter);
        emit(GET_AITER);
    }
    place(start);
    push_fblock(FBlockKind::AsyncComprehensionGenerator, start, -1, Loc {});
    emit_jump(SETUP_FINALLY, except);
    emit(GET_ANEXT);
    load_none();
    add_yield_from(true);
    emit(POP_BLOCK);
    visit_expr(gen->target);
    for (Expr* cond : gen->ifs)
        jump_if(cond, if_cleanup, false);
    ++depth;
    if (++gen_index < gens.size())
        comprehension_generator(gens, gen_index, depth, elt, val, kind);
    if (gen_index >= gens.size())
        comprehension_element(*this, depth, elt, val, kind);
    place(if_cleanup);
    emit_jump(P_JUMP, start);
    pop_fblock();
    place(except);
    emit(END_ASYNC_FOR);
}

// ---- "%s" % (a, b) as an f-string (CPython 3.11's AST optimizer) ---------------------------

Expr* Compiler::optimize_format(BinOpExpr* e)
{
    if (e->op != OperatorKind::Mod || e->left->kind != ExprKind::Constant
        || e->right->kind != ExprKind::Tuple)
        return nullptr;
    auto const& cv = static_cast<ConstantExpr*>(e->left)->value;
    if (cv.kind != ConstantValue::Kind::Str)
        return nullptr;
    auto* tuple = static_cast<TupleExpr*>(e->right);
    for (Expr* x : tuple->elts)
        if (x->kind == ExprKind::Starred)
            return nullptr;
    std::string const& fmt = cv.text; // '%' and the spec characters are ASCII: bytes suffice
    size_t pos = 0, len = fmt.size(), cnt = 0;
    auto* js = m_synth.make<JoinedStrExpr>();
    js->loc = e->loc;
    auto literal = [&](std::string text) {
        auto* c = m_synth.make<ConstantExpr>();
        c->value.kind = ConstantValue::Kind::Str;
        c->value.text = std::move(text);
        c->loc = e->loc;
        return c;
    };
    while (true) {
        std::string lit;
        while (pos < len) {
            if (fmt[pos] == '%') {
                if (pos + 1 < len && fmt[pos + 1] == '%') {
                    lit += '%';
                    pos += 2;
                    continue;
                }
                break;
            }
            lit += fmt[pos++];
        }
        if (!lit.empty())
            js->values.push_back(literal(std::move(lit)));
        if (pos >= len)
            break;
        if (cnt >= tuple->elts.size())
            return nullptr; // more format units than items
        ++pos; // '%'
        bool ljust = false;
        int width = -1, prec = -1;
        auto next = [&](char* ch) {
            if (pos >= len)
                return false;
            *ch = fmt[pos++];
            return true;
        };
        char ch;
        if (!next(&ch))
            return nullptr;
        while (ch == '-' || ch == '+' || ch == ' ' || ch == '#' || ch == '0') {
            if (ch == '-')
                ljust = true;
            if (!next(&ch))
                return nullptr;
        }
        if (ch >= '0' && ch <= '9') {
            width = 0;
            while (ch >= '0' && ch <= '9') {
                width = width * 10 + (ch - '0');
                if (width > 100000 || !next(&ch))
                    return nullptr;
            }
        }
        if (ch == '.') {
            if (!next(&ch))
                return nullptr;
            prec = 0;
            while (ch >= '0' && ch <= '9') {
                prec = prec * 10 + (ch - '0');
                if (prec > 100000 || !next(&ch))
                    return nullptr;
            }
        }
        if (ch != 's' && ch != 'r' && ch != 'a')
            return nullptr;
        Expr* arg = tuple->elts[cnt++];
        auto* fv = m_synth.make<FormattedValueExpr>();
        fv->value = arg;
        fv->conversion = ch;
        fv->loc = arg->loc;
        std::string spec;
        if (!ljust && width > 0)
            spec += '>';
        if (width >= 0)
            spec += std::to_string(width);
        if (prec >= 0)
            spec += "." + std::to_string(prec);
        if (!spec.empty()) {
            // A constant format spec, as CPython builds it (a Constant, not a JoinedStr).
            fv->format_spec = literal(spec);
        }
        js->values.push_back(fv);
    }
    if (cnt < tuple->elts.size())
        return nullptr; // more items than format units
    return js;
}

} // namespace pystm::compiler
