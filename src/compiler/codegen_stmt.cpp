// Code generation for statements: assignments, control flow, exception handling, with,
// imports, and the unwinding of frame blocks by break / continue / return (CG-1).
#include "compiler/codegen.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"

namespace pystm::compiler {

using namespace ast;
using namespace vm;

void Compiler::emit_noline(uint16_t op, int32_t arg)
{
    Position saved = u()->pos;
    unset_loc();
    emit(op, arg);
    u()->pos = saved;
}

void Compiler::emit_jump_noline(uint16_t op, int label)
{
    Position saved = u()->pos;
    unset_loc();
    emit_jump(op, label);
    u()->pos = saved;
}

void Compiler::push_fblock(
    FBlockKind kind, int block, int exit, Loc const& loc, Stmt* stmt, std::string name)
{
    FBlock fb;
    fb.kind = kind;
    fb.block = block;
    fb.exit = exit;
    fb.stmt = stmt;
    fb.name = std::move(name);
    fb.loc = loc;
    u()->fblocks.push_back(std::move(fb));
}

void Compiler::pop_except_and_reraise()
{
    // Handler entered as [..., prev, exc] (no lasti, see codegen.h): restore prev, re-raise.
    emit(COPY, 2);
    emit(POP_EXCEPT);
    emit(RERAISE, 1);
}

void Compiler::call_exit_with_nones()
{
    load_none();
    load_none();
    load_none();
    emit(CALL, 2);
}

void Compiler::unwind_fblock(FBlock const& fb, bool preserve_tos)
{
    switch (fb.kind) {
    case FBlockKind::WhileLoop:
    case FBlockKind::ExceptionHandler:
    case FBlockKind::ExceptionGroupHandler:
    case FBlockKind::AsyncComprehensionGenerator:
        return;
    case FBlockKind::ForLoop:
        if (preserve_tos)
            emit(SWAP, 2);
        emit(POP_TOP);
        return;
    case FBlockKind::TryExcept:
        emit(POP_BLOCK);
        return;
    case FBlockKind::FinallyTry: {
        emit(POP_BLOCK);
        if (preserve_tos)
            push_fblock(FBlockKind::PopValue, -1, -1, fb.loc);
        visit_stmts(static_cast<TryStmt*>(fb.stmt)->finalbody);
        if (preserve_tos)
            pop_fblock();
        unset_loc();
        return;
    }
    case FBlockKind::FinallyEnd:
        if (preserve_tos)
            emit(SWAP, 2);
        emit(POP_TOP);
        if (preserve_tos)
            emit(SWAP, 2);
        emit(POP_BLOCK);
        emit(POP_EXCEPT);
        return;
    case FBlockKind::With:
    case FBlockKind::AsyncWith:
        set_loc(fb.stmt->loc);
        emit(POP_BLOCK);
        if (preserve_tos)
            emit(SWAP, 2);
        call_exit_with_nones();
        if (fb.kind == FBlockKind::AsyncWith) {
            emit(GET_AWAITABLE, 2);
            load_none();
            add_yield_from(true);
        }
        emit(POP_TOP);
        unset_loc();
        return;
    case FBlockKind::HandlerCleanup:
        if (!fb.name.empty())
            emit(POP_BLOCK);
        if (preserve_tos)
            emit(SWAP, 2);
        emit(POP_BLOCK);
        emit(POP_EXCEPT);
        if (!fb.name.empty()) {
            load_none();
            nameop(fb.name, ExprContext::Store);
            nameop(fb.name, ExprContext::Del);
        }
        return;
    case FBlockKind::PopValue:
        if (preserve_tos)
            emit(SWAP, 2);
        emit(POP_TOP);
        return;
    }
}

int Compiler::unwind_fblock_stack(bool preserve_tos, bool to_loop)
{
    auto& fbs = u()->fblocks;
    if (fbs.empty())
        return -1;
    FBlock top = fbs.back();
    if (top.kind == FBlockKind::ExceptionGroupHandler)
        error("'break', 'continue' and 'return' cannot appear in an except* block",
            Loc { u()->pos.line, u()->pos.col, u()->pos.end_line, u()->pos.end_col });
    if (to_loop && (top.kind == FBlockKind::WhileLoop || top.kind == FBlockKind::ForLoop))
        return static_cast<int>(fbs.size() - 1);
    fbs.pop_back();
    unwind_fblock(top, preserve_tos);
    int r = unwind_fblock_stack(preserve_tos, to_loop);
    u()->fblocks.push_back(top);
    return r;
}

void Compiler::visit_return(ReturnStmt* s)
{
    Scope* ste = u()->ste;
    if (ste->type != BlockType::Function)
        error("'return' outside function", s->loc);
    if (s->value && ste->coroutine && ste->generator)
        error("'return' with value in async generator", s->loc);
    bool preserve_tos = s->value && !is_constant(s->value);
    if (preserve_tos)
        visit_expr(s->value);
    else if (s->value)
        set_loc(s->value->loc);
    if (!s->value || s->value->loc.line != s->loc.line)
        set_loc(s->loc);
    unwind_fblock_stack(preserve_tos, false);
    if (!s->value)
        load_none();
    else if (!preserve_tos)
        load_const(constant_value(static_cast<ConstantExpr*>(s->value)->value));
    emit(RETURN_VALUE);
}

void Compiler::visit_break(Stmt* s)
{
    emit(NOP);
    int loop = unwind_fblock_stack(false, true);
    if (loop < 0)
        error("'break' outside loop", s->loc);
    FBlock fb = u()->fblocks[loop];
    unwind_fblock(fb, false);
    set_loc(s->loc);
    emit_jump(P_JUMP, fb.exit);
}

void Compiler::visit_continue(Stmt* s)
{
    emit(NOP);
    int loop = unwind_fblock_stack(false, true);
    if (loop < 0)
        error("'continue' not properly in loop", s->loc);
    set_loc(s->loc);
    emit_jump(P_JUMP, u()->fblocks[loop].block);
}

void Compiler::visit_for(ForStmt* s)
{
    int start = new_label(), cleanup = new_label(), end = new_label();
    push_fblock(FBlockKind::ForLoop, start, end, s->loc);
    visit_iterable(s->iter);
    emit(GET_ITER);
    place(start);
    emit_jump(FOR_ITER, cleanup);
    visit_expr(s->target);
    visit_stmts(s->body);
    emit_jump_noline(P_JUMP, start);
    place(cleanup);
    pop_fblock();
    visit_stmts(s->orelse);
    place(end);
}

void Compiler::visit_async_for(ForStmt* s)
{
    if (is_top_level_await())
        u()->ste->coroutine = true;
    else if (u()->kind != UnitKind::AsyncFunction)
        error("'async for' outside async function", s->loc);
    int start = new_label(), except = new_label(), end = new_label();
    visit_expr(s->iter);
    emit(GET_AITER);
    place(start);
    push_fblock(FBlockKind::ForLoop, start, end, s->loc);
    emit_jump(SETUP_FINALLY, except);
    emit(GET_ANEXT);
    load_none();
    add_yield_from(true);
    emit(POP_BLOCK);
    visit_expr(s->target);
    visit_stmts(s->body);
    emit_jump_noline(P_JUMP, start);
    pop_fblock();
    place(except);
    set_loc(s->iter->loc);
    emit(END_ASYNC_FOR);
    visit_stmts(s->orelse);
    place(end);
}

void Compiler::visit_while(WhileStmt* s)
{
    int loop = new_label(), body = new_label(), anchor = new_label(), end = new_label();
    place(loop);
    push_fblock(FBlockKind::WhileLoop, loop, end, s->loc);
    jump_if(s->test, anchor, false);
    place(body);
    visit_stmts(s->body);
    set_loc(s->loc);
    jump_if(s->test, body, true);
    pop_fblock();
    place(anchor);
    visit_stmts(s->orelse);
    place(end);
}

void Compiler::visit_if(IfStmt* s)
{
    int end = new_label();
    int next = s->orelse.empty() ? end : new_label();
    jump_if(s->test, next, false);
    visit_stmts(s->body);
    if (!s->orelse.empty()) {
        emit_jump_noline(P_JUMP, end);
        place(next);
        visit_stmts(s->orelse);
    }
    place(end);
}

void Compiler::visit_try(TryStmt* s)
{
    if (s->kind == StmtKind::TryStar) {
        if (!s->finalbody.empty())
            visit_try_finally(s);
        else
            visit_try_star_except(s);
        return;
    }
    if (!s->finalbody.empty())
        visit_try_finally(s);
    else
        visit_try_except(s);
}

void Compiler::visit_try_finally(TryStmt* s)
{
    int end = new_label(), exit = new_label(), cleanup = new_label();
    emit_jump(SETUP_FINALLY, end);
    push_fblock(FBlockKind::FinallyTry, -1, end, s->loc, s);
    if (!s->handlers.empty()) {
        if (s->kind == StmtKind::TryStar)
            visit_try_star_except(s);
        else
            visit_try_except(s);
    } else {
        visit_stmts(s->body);
    }
    emit_noline(POP_BLOCK);
    pop_fblock();
    visit_stmts(s->finalbody);
    emit_jump_noline(P_JUMP, exit);
    place(end);
    unset_loc();
    emit_jump(SETUP_CLEANUP, cleanup);
    emit(PUSH_EXC_INFO);
    push_fblock(FBlockKind::FinallyEnd, end, -1, s->loc);
    visit_stmts(s->finalbody);
    pop_fblock();
    unset_loc();
    emit(RERAISE, 0);
    place(cleanup);
    pop_except_and_reraise();
    place(exit);
}

void Compiler::visit_try_except(TryStmt* s)
{
    int except = new_label(), end = new_label(), cleanup = new_label();
    emit_jump(SETUP_FINALLY, except);
    push_fblock(FBlockKind::TryExcept, -1, -1, s->loc);
    visit_stmts(s->body);
    pop_fblock();
    emit_noline(POP_BLOCK);
    visit_stmts(s->orelse);
    emit_jump_noline(P_JUMP, end);
    place(except);
    unset_loc();
    emit_jump(SETUP_CLEANUP, cleanup);
    emit(PUSH_EXC_INFO);
    push_fblock(FBlockKind::ExceptionHandler, -1, -1, s->loc);
    size_t n = s->handlers.size();
    for (size_t i = 0; i < n; ++i) {
        ExceptHandler* h = s->handlers[i];
        set_loc(h->loc);
        if (!h->type && i < n - 1)
            error("default 'except:' must be last", h->loc);
        int next = new_label();
        if (h->type) {
            visit_expr(h->type);
            emit(CHECK_EXC_MATCH);
            emit_jump(P_POP_JUMP_IF_FALSE, next);
        }
        if (!h->name.empty()) {
            int cleanup_end = new_label();
            nameop(h->name, ExprContext::Store);
            emit_jump(SETUP_CLEANUP, cleanup_end);
            push_fblock(FBlockKind::HandlerCleanup, -1, -1, h->loc, nullptr, h->name);
            visit_stmts(h->body);
            pop_fblock();
            unset_loc();
            emit(POP_BLOCK);
            emit(POP_BLOCK);
            emit(POP_EXCEPT);
            load_none();
            nameop(h->name, ExprContext::Store);
            nameop(h->name, ExprContext::Del);
            emit_jump(P_JUMP, end);
            place(cleanup_end);
            unset_loc();
            load_none();
            nameop(h->name, ExprContext::Store);
            nameop(h->name, ExprContext::Del);
            emit(RERAISE, 1);
        } else {
            emit(POP_TOP);
            push_fblock(FBlockKind::HandlerCleanup, -1, -1, h->loc);
            visit_stmts(h->body);
            pop_fblock();
            unset_loc();
            emit(POP_BLOCK);
            emit(POP_EXCEPT);
            emit_jump(P_JUMP, end);
        }
        place(next);
    }
    unset_loc();
    pop_fblock();
    emit(RERAISE, 0);
    place(cleanup);
    pop_except_and_reraise();
    place(end);
}

void Compiler::visit_try_star(TryStmt* s) { visit_try(s); }

void Compiler::visit_try_star_except(TryStmt* s)
{
    int except = new_label(), orelse = new_label(), end = new_label(), cleanup = new_label(),
        reraise_star = new_label();
    emit_jump(SETUP_FINALLY, except);
    push_fblock(FBlockKind::TryExcept, -1, -1, s->loc);
    visit_stmts(s->body);
    pop_fblock();
    emit_noline(POP_BLOCK);
    emit_jump_noline(P_JUMP, orelse);
    size_t n = s->handlers.size();
    place(except);
    unset_loc();
    emit_jump(SETUP_CLEANUP, cleanup);
    emit(PUSH_EXC_INFO);
    push_fblock(FBlockKind::ExceptionGroupHandler, -1, -1, s->loc);
    for (size_t i = 0; i < n; ++i) {
        ExceptHandler* h = s->handlers[i];
        set_loc(h->loc);
        int next = new_label();
        if (i == 0) {
            // [orig, [], exc]: the original group and the list of raised/unhandled parts.
            emit(COPY, 1);
            emit(BUILD_LIST, 0);
            emit(SWAP, 2);
        }
        int no_match = new_label();
        if (h->type) {
            visit_expr(h->type);
            emit(CHECK_EG_MATCH);
            emit(COPY, 1);
            emit_jump(P_POP_JUMP_IF_NONE, no_match);
        }
        int cleanup_end = new_label();
        if (!h->name.empty())
            nameop(h->name, ExprContext::Store);
        else
            emit(POP_TOP);
        emit_jump(SETUP_CLEANUP, cleanup_end);
        push_fblock(FBlockKind::HandlerCleanup, -1, -1, h->loc, nullptr, h->name);
        visit_stmts(h->body);
        pop_fblock();
        emit(POP_BLOCK);
        if (!h->name.empty()) {
            load_none();
            nameop(h->name, ExprContext::Store);
            nameop(h->name, ExprContext::Del);
        }
        emit_jump(P_JUMP, next);
        place(cleanup_end);
        if (!h->name.empty()) {
            load_none();
            nameop(h->name, ExprContext::Store);
            nameop(h->name, ExprContext::Del);
        }
        emit(LIST_APPEND, 2); // the raised exception
        emit_jump(P_JUMP, next);
        if (h->type) {
            place(no_match);
            emit(POP_TOP); // match (None)
        }
        place(next);
        if (i == n - 1) {
            // The unhandled rest of the group joins the list.
            emit(LIST_APPEND, 1);
            emit_jump(P_JUMP, reraise_star);
        }
    }
    unset_loc();
    pop_fblock();
    int reraise = new_label();
    place(reraise_star);
    emit(PREP_RERAISE_STAR);
    emit(COPY, 1);
    emit_jump(P_POP_JUMP_IF_NOT_NONE, reraise);
    emit(POP_TOP);
    emit(POP_BLOCK);
    emit(POP_EXCEPT);
    emit_jump(P_JUMP, end);
    place(reraise);
    emit(POP_BLOCK);
    emit(SWAP, 2);
    emit(POP_EXCEPT);
    emit(RERAISE, 0);
    place(cleanup);
    pop_except_and_reraise();
    place(orelse);
    visit_stmts(s->orelse);
    place(end);
}

void Compiler::with_except_finish(int cleanup)
{
    int exit = new_label();
    emit_jump(P_POP_JUMP_IF_TRUE, exit);
    emit(RERAISE, 2);
    place(cleanup);
    pop_except_and_reraise();
    place(exit);
    emit(POP_TOP); // exc
    emit(POP_BLOCK);
    emit(POP_EXCEPT);
    emit(POP_TOP); // __exit__
}

void Compiler::visit_with(WithStmt* s, size_t pos)
{
    WithItem* item = s->items[pos];
    int final = new_label(), exit = new_label(), cleanup = new_label();
    visit_expr(item->context_expr);
    set_loc(s->loc);
    emit(BEFORE_WITH);
    emit_jump(SETUP_WITH, final);
    push_fblock(FBlockKind::With, -1, final, s->loc, s);
    if (item->optional_vars)
        visit_expr(item->optional_vars);
    else
        emit(POP_TOP);
    if (pos + 1 == s->items.size())
        visit_stmts(s->body);
    else
        visit_with(s, pos + 1);
    unset_loc();
    emit(POP_BLOCK);
    pop_fblock();
    set_loc(s->loc);
    call_exit_with_nones();
    emit(POP_TOP);
    emit_jump(P_JUMP, exit);
    // Exceptional outcome: the block covered [exit, enter-result]; drop the result.
    place(final);
    emit(SWAP, 2);
    emit(POP_TOP);
    emit_jump(SETUP_CLEANUP, cleanup);
    emit(PUSH_EXC_INFO);
    emit(WITH_EXCEPT_START);
    with_except_finish(cleanup);
    place(exit);
}

void Compiler::visit_async_with(WithStmt* s, size_t pos)
{
    if (is_top_level_await())
        u()->ste->coroutine = true;
    else if (u()->kind != UnitKind::AsyncFunction)
        error("'async with' outside async function", s->loc);
    WithItem* item = s->items[pos];
    int final = new_label(), exit = new_label(), cleanup = new_label();
    visit_expr(item->context_expr);
    set_loc(s->loc);
    emit(BEFORE_ASYNC_WITH);
    emit(GET_AWAITABLE, 1);
    load_none();
    add_yield_from(true);
    emit_jump(SETUP_WITH, final);
    push_fblock(FBlockKind::AsyncWith, -1, final, s->loc, s);
    if (item->optional_vars)
        visit_expr(item->optional_vars);
    else
        emit(POP_TOP);
    if (pos + 1 == s->items.size())
        visit_stmts(s->body);
    else
        visit_async_with(s, pos + 1);
    pop_fblock();
    unset_loc();
    emit(POP_BLOCK);
    set_loc(s->loc);
    call_exit_with_nones();
    emit(GET_AWAITABLE, 2);
    load_none();
    add_yield_from(true);
    emit(POP_TOP);
    emit_jump(P_JUMP, exit);
    place(final);
    emit(SWAP, 2);
    emit(POP_TOP);
    emit_jump(SETUP_CLEANUP, cleanup);
    emit(PUSH_EXC_INFO);
    emit(WITH_EXCEPT_START);
    emit(GET_AWAITABLE, 2);
    load_none();
    add_yield_from(true);
    with_except_finish(cleanup);
    place(exit);
}

void Compiler::visit_assert(AssertStmt* s)
{
    Value folded;
    if ((s->test->kind == ExprKind::Tuple && !static_cast<TupleExpr*>(s->test)->elts.empty())
        || (s->test->kind == ExprKind::Tuple && fold_constant(s->test, &folded)
            && folded.as<TupleObject>()->m_size > 0))
        warn("assertion is always true, perhaps remove parentheses?");
    // Under -O an assert produces no code (its warning above stays, as in CPython).
    if (m_optimize > 0)
        return;
    int end = new_label();
    jump_if(s->test, end, true);
    emit(LOAD_ASSERTION_ERROR);
    if (s->msg) {
        visit_expr(s->msg);
        emit(CALL, 0);
    }
    emit(RAISE_VARARGS, 1);
    place(end);
}

void Compiler::visit_import(ImportStmt* s)
{
    for (Alias* a : s->names) {
        load_const(Value::small_int(0));
        load_none();
        emit(IMPORT_NAME, add_name(mangled(a->name)));
        if (!a->asname.empty()) {
            size_t dot = a->name.find('.');
            if (dot != std::string::npos) {
                while (true) {
                    size_t p = dot + 1;
                    dot = a->name.find('.', p);
                    std::string attr
                        = a->name.substr(p, dot == std::string::npos ? std::string::npos : dot - p);
                    emit(IMPORT_FROM, add_name(attr));
                    if (dot == std::string::npos)
                        break;
                    emit(SWAP, 2);
                    emit(POP_TOP);
                }
                nameop(a->asname, ExprContext::Store);
                emit(POP_TOP);
            } else {
                nameop(a->asname, ExprContext::Store);
            }
        } else {
            size_t dot = a->name.find('.');
            nameop(dot == std::string::npos ? a->name : a->name.substr(0, dot), ExprContext::Store);
        }
    }
}

void Compiler::visit_import_from(ImportFromStmt* s)
{
    load_const(Value::small_int(s->level));
    TupleObject* names = tuple_new(static_cast<int64_t>(s->names.size()));
    for (size_t i = 0; i < s->names.size(); ++i)
        names->items()[i] = Value(intern(s->names[i]->name));
    load_const(Value(names));
    emit(IMPORT_NAME, add_name(mangled(s->module)));
    for (size_t i = 0; i < s->names.size(); ++i) {
        Alias* a = s->names[i];
        if (i == 0 && a->name == "*") {
            emit(IMPORT_STAR);
            return;
        }
        emit(IMPORT_FROM, add_name(mangled(a->name)));
        nameop(a->asname.empty() ? a->name : a->asname, ExprContext::Store);
    }
    emit(POP_TOP);
}

void Compiler::visit_raise(RaiseStmt* s)
{
    int n = 0;
    if (s->exc) {
        visit_expr(s->exc);
        ++n;
        if (s->cause) {
            visit_expr(s->cause);
            ++n;
        }
    }
    set_loc(s->loc);
    emit(RAISE_VARARGS, n);
}

namespace {
    int inplace_op(OperatorKind op)
    {
        switch (op) {
        case OperatorKind::Add:
            return NB_INPLACE_ADD;
        case OperatorKind::Sub:
            return NB_INPLACE_SUBTRACT;
        case OperatorKind::Mult:
            return NB_INPLACE_MULTIPLY;
        case OperatorKind::MatMult:
            return NB_INPLACE_MATRIX_MULTIPLY;
        case OperatorKind::Div:
            return NB_INPLACE_TRUE_DIVIDE;
        case OperatorKind::Mod:
            return NB_INPLACE_REMAINDER;
        case OperatorKind::Pow:
            return NB_INPLACE_POWER;
        case OperatorKind::LShift:
            return NB_INPLACE_LSHIFT;
        case OperatorKind::RShift:
            return NB_INPLACE_RSHIFT;
        case OperatorKind::BitOr:
            return NB_INPLACE_OR;
        case OperatorKind::BitXor:
            return NB_INPLACE_XOR;
        case OperatorKind::BitAnd:
            return NB_INPLACE_AND;
        case OperatorKind::FloorDiv:
            return NB_INPLACE_FLOOR_DIVIDE;
        }
        return NB_INPLACE_ADD;
    }

    // A multi-line attribute access is located at its attribute name (CPython 3.11).
    Position attr_pos(Position p, AttributeExpr* e)
    {
        if (e->loc.line != e->loc.end_line) {
            p.line = e->loc.end_line;
            int len = static_cast<int>(e->attr.size());
            if (len <= e->loc.end_col) {
                p.col = e->loc.end_col - len;
            } else {
                p.col = -1;
                p.end_col = -1;
            }
        }
        return p;
    }
} // namespace

void Compiler::visit_augassign(AugAssignStmt* s)
{
    Expr* e = s->target;
    set_loc(e->loc);
    switch (e->kind) {
    case ExprKind::Attribute: {
        auto* a = static_cast<AttributeExpr*>(e);
        visit_expr(a->value);
        emit(COPY, 1);
        u()->pos = attr_pos(u()->pos, a);
        emit(LOAD_ATTR, add_name(mangled(a->attr)));
        break;
    }
    case ExprKind::Subscript: {
        auto* a = static_cast<SubscriptExpr*>(e);
        visit_expr(a->value);
        visit_expr(a->slice);
        emit(COPY, 2);
        emit(COPY, 2);
        emit(BINARY_SUBSCR);
        break;
    }
    case ExprKind::Name:
        nameop(static_cast<NameExpr*>(e)->id, ExprContext::Load);
        break;
    default:
        error("invalid node type for augmented assignment", e->loc);
    }
    set_loc(s->loc);
    visit_expr(s->value);
    emit(BINARY_OP, inplace_op(s->op));
    set_loc(e->loc);
    switch (e->kind) {
    case ExprKind::Attribute: {
        auto* a = static_cast<AttributeExpr*>(e);
        u()->pos = attr_pos(u()->pos, a);
        emit(SWAP, 2);
        emit(STORE_ATTR, add_name(mangled(a->attr)));
        break;
    }
    case ExprKind::Subscript:
        emit(SWAP, 3);
        emit(SWAP, 2);
        emit(STORE_SUBSCR);
        break;
    default:
        nameop(static_cast<NameExpr*>(e)->id, ExprContext::Store);
        break;
    }
}

void Compiler::check_ann_expr(Expr* e)
{
    visit_expr(e);
    emit(POP_TOP);
}

void Compiler::check_annotation_subscript(Expr* e)
{
    if (e->kind == ExprKind::Slice) {
        auto* sl = static_cast<SliceExpr*>(e);
        if (sl->lower)
            check_ann_expr(sl->lower);
        if (sl->upper)
            check_ann_expr(sl->upper);
        if (sl->step)
            check_ann_expr(sl->step);
    } else if (e->kind == ExprKind::Tuple) {
        for (Expr* x : static_cast<TupleExpr*>(e)->elts)
            check_annotation_subscript(x);
    } else {
        check_ann_expr(e);
    }
}

void Compiler::visit_annassign(AnnAssignStmt* s)
{
    Expr* t = s->target;
    if (t->kind == ExprKind::Name)
        check_forbidden_name(static_cast<NameExpr*>(t)->id, ExprContext::Store);
    if (s->value) {
        visit_expr(s->value);
        visit_expr(t);
    }
    bool module_or_class = u()->kind == UnitKind::Module || u()->kind == UnitKind::Class;
    switch (t->kind) {
    case ExprKind::Name:
        if (s->simple && module_or_class) {
            visit_annotation_value(s->annotation);
            set_loc(s->loc);
            emit(LOAD_NAME, add_name("__annotations__"));
            load_const_str(mangled(static_cast<NameExpr*>(t)->id));
            emit(STORE_SUBSCR);
        }
        break;
    case ExprKind::Attribute:
        if (!s->value)
            check_ann_expr(static_cast<AttributeExpr*>(t)->value);
        break;
    case ExprKind::Subscript:
        if (!s->value) {
            check_ann_expr(static_cast<SubscriptExpr*>(t)->value);
            check_annotation_subscript(static_cast<SubscriptExpr*>(t)->slice);
        }
        break;
    default:
        error("invalid node type for annotated assignment", t->loc);
    }
    if (!s->simple && module_or_class && !future_annotations())
        check_ann_expr(s->annotation);
}

void Compiler::visit_delete(Expr* e)
{
    set_loc(e->loc);
    switch (e->kind) {
    case ExprKind::Name:
        nameop(static_cast<NameExpr*>(e)->id, ExprContext::Del);
        break;
    case ExprKind::Attribute: {
        auto* a = static_cast<AttributeExpr*>(e);
        visit_expr(a->value);
        set_loc(e->loc);
        emit(DELETE_ATTR, add_name(mangled(a->attr)));
        break;
    }
    case ExprKind::Subscript: {
        auto* a = static_cast<SubscriptExpr*>(e);
        visit_expr(a->value);
        visit_expr(a->slice);
        set_loc(e->loc);
        emit(DELETE_SUBSCR);
        break;
    }
    case ExprKind::Tuple:
        for (Expr* x : static_cast<TupleExpr*>(e)->elts)
            visit_delete(x);
        break;
    case ExprKind::List:
        for (Expr* x : static_cast<ListExpr*>(e)->elts)
            visit_delete(x);
        break;
    default:
        error("cannot delete expression", e->loc);
    }
}

void Compiler::visit_stmt(Stmt* s)
{
    set_loc(s->loc);
    switch (s->kind) {
    case StmtKind::FunctionDef:
    case StmtKind::AsyncFunctionDef:
        visit_function(static_cast<FunctionDefStmt*>(s));
        break;
    case StmtKind::ClassDef:
        visit_class(static_cast<ClassDefStmt*>(s));
        break;
    case StmtKind::Return:
        visit_return(static_cast<ReturnStmt*>(s));
        break;
    case StmtKind::Delete:
        for (Expr* t : static_cast<DeleteStmt*>(s)->targets)
            visit_delete(t);
        break;
    case StmtKind::Assign: {
        auto* a = static_cast<AssignStmt*>(s);
        visit_expr(a->value);
        for (size_t i = 0; i < a->targets.size(); ++i) {
            if (i + 1 < a->targets.size()) {
                set_loc(s->loc);
                emit(COPY, 1);
            }
            visit_expr(a->targets[i]);
        }
        break;
    }
    case StmtKind::AugAssign:
        visit_augassign(static_cast<AugAssignStmt*>(s));
        break;
    case StmtKind::AnnAssign:
        visit_annassign(static_cast<AnnAssignStmt*>(s));
        break;
    case StmtKind::For:
        visit_for(static_cast<ForStmt*>(s));
        break;
    case StmtKind::AsyncFor:
        visit_async_for(static_cast<ForStmt*>(s));
        break;
    case StmtKind::While:
        visit_while(static_cast<WhileStmt*>(s));
        break;
    case StmtKind::If:
        visit_if(static_cast<IfStmt*>(s));
        break;
    case StmtKind::With:
        visit_with(static_cast<WithStmt*>(s), 0);
        break;
    case StmtKind::AsyncWith:
        visit_async_with(static_cast<WithStmt*>(s), 0);
        break;
    case StmtKind::Match:
        visit_match(static_cast<MatchStmt*>(s));
        break;
    case StmtKind::Raise:
        visit_raise(static_cast<RaiseStmt*>(s));
        break;
    case StmtKind::Try:
    case StmtKind::TryStar:
        visit_try(static_cast<TryStmt*>(s));
        break;
    case StmtKind::Assert:
        visit_assert(static_cast<AssertStmt*>(s));
        break;
    case StmtKind::Import:
        visit_import(static_cast<ImportStmt*>(s));
        break;
    case StmtKind::ImportFrom:
        visit_import_from(static_cast<ImportFromStmt*>(s));
        break;
    case StmtKind::Global:
    case StmtKind::Nonlocal:
        break;
    case StmtKind::Expr: {
        Expr* v = static_cast<ExprStmt*>(s)->value;
        if (m_interactive && m_units.size() <= 1) {
            visit_expr(v);
            set_loc(s->loc);
            emit(PRINT_EXPR);
        } else if (v->kind == ExprKind::Constant || is_debug_name(v)) {
            emit(NOP);
        } else {
            visit_expr(v);
            unset_loc();
            emit(POP_TOP);
        }
        break;
    }
    case StmtKind::Pass:
        emit(NOP);
        break;
    case StmtKind::Break:
        visit_break(s);
        break;
    case StmtKind::Continue:
        visit_continue(s);
        break;
    }
}

} // namespace pystm::compiler
