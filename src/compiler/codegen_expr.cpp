// Code generation for expressions: operators, short-circuit tests, displays, calls (the
// LOAD_METHOD / PUSH_NULL / KW_NAMES / CALL_FUNCTION_EX conventions), f-strings, assignment
// targets, yield / await. Constant folding follows CPython's AST optimizer: unary and binary
// operators on constants (with its size limits), tuples of constants, and constant lists /
// sets used as `in` operands or loop iterables becoming tuples / frozensets.
#include "compiler/codegen.h"
#include "objects/bytes_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"

namespace pystm::compiler {

using namespace ast;
using namespace vm;

namespace {
    constexpr int STACK_USE_GUIDELINE = 30;

    int binary_op(OperatorKind op)
    {
        switch (op) {
        case OperatorKind::Add:
            return NB_ADD;
        case OperatorKind::Sub:
            return NB_SUBTRACT;
        case OperatorKind::Mult:
            return NB_MULTIPLY;
        case OperatorKind::MatMult:
            return NB_MATRIX_MULTIPLY;
        case OperatorKind::Div:
            return NB_TRUE_DIVIDE;
        case OperatorKind::Mod:
            return NB_REMAINDER;
        case OperatorKind::Pow:
            return NB_POWER;
        case OperatorKind::LShift:
            return NB_LSHIFT;
        case OperatorKind::RShift:
            return NB_RSHIFT;
        case OperatorKind::BitOr:
            return NB_OR;
        case OperatorKind::BitXor:
            return NB_XOR;
        case OperatorKind::BitAnd:
            return NB_AND;
        case OperatorKind::FloorDiv:
            return NB_FLOOR_DIVIDE;
        }
        return NB_ADD;
    }

    Position attr_position(Position p, AttributeExpr* e)
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

    bool const_truth(ConstantValue const& v, bool* truth)
    {
        using K = ConstantValue::Kind;
        switch (v.kind) {
        case K::None:
            *truth = false;
            return true;
        case K::True:
            *truth = true;
            return true;
        case K::False:
            *truth = false;
            return true;
        case K::Ellipsis:
            *truth = true;
            return true;
        case K::Str:
        case K::Bytes:
            *truth = !v.text.empty();
            return true;
        case K::Float:
        case K::Complex:
            *truth = v.number != 0.0;
            return true;
        case K::Int: {
            bool nonzero = false;
            for (char ch : v.text)
                if (ch >= '1' && ch <= '9')
                    nonzero = true;
            // Hex literals: any non-zero digit or letter past the prefix.
            if (v.text.size() > 2 && v.text[0] == '0' && (v.text[1] == 'x' || v.text[1] == 'X')) {
                nonzero = false;
                for (size_t i = 2; i < v.text.size(); ++i)
                    if (v.text[i] != '0')
                        nonzero = true;
            }
            *truth = nonzero;
            return true;
        }
        }
        return false;
    }
} // namespace

namespace {
    // Size limits of CPython's constant folding: results that could be huge stay unfolded.
    constexpr int64_t MAX_INT_BITS = 128;
    constexpr int64_t MAX_COLLECTION_SIZE = 256;
    constexpr int64_t MAX_STR_SIZE = 4096;

    int64_t int_bits(Value v)
    {
        if (v.is_small_int()) {
            uint64_t m = static_cast<uint64_t>(
                v.as_small_int() < 0 ? -v.as_small_int() : v.as_small_int());
            int64_t bits = 0;
            while (m) {
                ++bits;
                m >>= 1;
            }
            return bits;
        }
        mpz_t z;
        mpz_init(z);
        int_to_mpz(v, z);
        int64_t bits = mpz_sgn(z) == 0 ? 0 : static_cast<int64_t>(mpz_sizeinbase(z, 2));
        mpz_clear(z);
        return bits;
    }

    bool is_number(Value v)
    {
        return is_int(v) || is_exact_float(v)
            || (v.is_object() && v.as_object()->m_type == &complex_type);
    }

    bool is_sized_const(Value v)
    {
        return is_exact_str(v)
            || (v.is_object()
                && (v.as_object()->m_type == &tuple_type || v.as_object()->m_type == &bytes_type));
    }

    int64_t const_len(Value v)
    {
        if (is_exact_str(v))
            return v.as<StrObject>()->m_length;
        if (v.as_object()->m_type == &tuple_type)
            return v.as<TupleObject>()->m_size;
        return v.as<BytesObject>()->m_size;
    }
} // namespace

// A frozenset constant as CPython's code objects hold it: its constant merging rebuilds the
// set from its own iteration order, which can change where colliding items land and so the
// iteration order.
static Value frozenset_const(std::vector<Value> const& items)
{
    SetObject* fs = set_new(&frozenset_type);
    for (Value v : items)
        set_add(fs, v);
    for (int round = 0; round < 1; ++round) {
        SetObject* next = set_new(&frozenset_type);
        int64_t pos = 0;
        Value key;
        while (set_next(fs, &pos, &key))
            set_add(next, key);
        fs = next;
    }
    return Value(fs);
}

bool Compiler::fold_binop_safe(OperatorKind op, Value l, Value r)
{
    bool ln = is_number(l), rn = is_number(r);
    switch (op) {
    case OperatorKind::Mult:
        if (is_int(l) && is_int(r))
            return int_bits(l) + int_bits(r) <= MAX_INT_BITS;
        if (ln && rn)
            return true;
        if (is_sized_const(l) && is_int(r)) {
            int64_t n;
            if (!int_to_i64(r, &n))
                return false;
            int64_t limit = is_exact_str(l) ? MAX_STR_SIZE : MAX_COLLECTION_SIZE;
            return n <= 0 || (const_len(l) <= limit / n);
        }
        if (is_int(l) && is_sized_const(r))
            return fold_binop_safe(op, r, l);
        return false;
    case OperatorKind::Pow:
        if (is_int(l) && is_int(r)) {
            int64_t n;
            if (!int_to_i64(r, &n))
                return false;
            return n < 0 || int_bits(l) * n <= MAX_INT_BITS;
        }
        return ln && rn;
    case OperatorKind::LShift:
        if (is_int(l) && is_int(r)) {
            int64_t n;
            if (!int_to_i64(r, &n) || n < 0 || n > MAX_INT_BITS)
                return false;
            return int_bits(l) <= MAX_INT_BITS - n;
        }
        return false;
    case OperatorKind::Mod:
        // "..." % x is formatting: never folded.
        return ln && rn;
    case OperatorKind::Add:
        if (ln && rn)
            return true;
        if (is_sized_const(l) && is_sized_const(r)
            && l.as_object()->m_type == r.as_object()->m_type) {
            int64_t limit = is_exact_str(l) ? MAX_STR_SIZE : MAX_COLLECTION_SIZE;
            return const_len(l) + const_len(r) <= limit;
        }
        return false;
    case OperatorKind::MatMult:
        return false;
    default:
        return ln && rn;
    }
}

bool Compiler::fold_constant(Expr* e, Value* out)
{
    switch (e->kind) {
    case ExprKind::Constant:
        *out = constant_value(static_cast<ConstantExpr*>(e)->value);
        return true;
    case ExprKind::Name:
        // __debug__ is a constant, which then folds further.
        if (!is_debug_name(e))
            return false;
        *out = py_bool(m_optimize == 0);
        return true;
    case ExprKind::UnaryOp: {
        auto* un = static_cast<UnaryOpExpr*>(e);
        if (un->op != UnaryOpKind::USub || un->operand->kind != ExprKind::Constant) {
            Value v;
            if (un->op == UnaryOpKind::USub || !fold_constant(un->operand, &v))
                return false;
            if (un->op == UnaryOpKind::Not) {
                *out = py_bool(!py_truthy(v));
                return true;
            }
            if (!is_int(v) && !is_exact_float(v)
                && !(v.is_object() && v.as_object()->m_type == &complex_type))
                return false;
            try {
                *out = py_unary_op(v, un->op == UnaryOpKind::UAdd ? UN_POS : UN_INVERT);
            } catch (PyError&) {
                take_exception();
                return false;
            }
            return true;
        }
        auto const& cv = static_cast<ConstantExpr*>(un->operand)->value;
        using K = ConstantValue::Kind;
        if (cv.kind == K::Int) {
            *out = int_neg(int_from_string(cv.text, 0));
            return true;
        }
        if (cv.kind == K::Float) {
            *out = float_new(-cv.number);
            return true;
        }
        if (cv.kind == K::Complex) {
            *out = complex_new(-0.0, -cv.number);
            return true;
        }
        return false;
    }
    case ExprKind::BinOp: {
        auto* b = static_cast<BinOpExpr*>(e);
        Value l, r;
        if (!fold_constant(b->left, &l) || !fold_constant(b->right, &r))
            return false;
        if (!fold_binop_safe(b->op, l, r))
            return false;
        try {
            *out = py_binary_op(l, r, static_cast<BinaryOp>(binary_op(b->op)));
        } catch (PyError&) {
            // Left for run time (ZeroDivisionError, TypeError, ...).
            take_exception();
            return false;
        }
        return true;
    }
    case ExprKind::Tuple: {
        auto* t = static_cast<TupleExpr*>(e);
        if (t->ctx != ExprContext::Load)
            return false;
        std::vector<Value> items;
        for (Expr* x : t->elts) {
            Value v;
            if (x->kind == ExprKind::Starred || !fold_constant(x, &v))
                return false;
            items.push_back(v);
        }
        *out = Value(tuple_from(items.data(), static_cast<int64_t>(items.size())));
        return true;
    }
    default:
        return false;
    }
}

void Compiler::visit_expr(Expr* e)
{
    Position saved = u()->pos;
    set_loc(e->loc);
    visit_expr1(e);
    u()->pos = saved;
}

void Compiler::emit_compare(CmpOpKind op)
{
    switch (op) {
    case CmpOpKind::Eq:
        emit(COMPARE_OP, CMP_EQ);
        break;
    case CmpOpKind::NotEq:
        emit(COMPARE_OP, CMP_NE);
        break;
    case CmpOpKind::Lt:
        emit(COMPARE_OP, CMP_LT);
        break;
    case CmpOpKind::LtE:
        emit(COMPARE_OP, CMP_LE);
        break;
    case CmpOpKind::Gt:
        emit(COMPARE_OP, CMP_GT);
        break;
    case CmpOpKind::GtE:
        emit(COMPARE_OP, CMP_GE);
        break;
    case CmpOpKind::Is:
        emit(IS_OP, 0);
        break;
    case CmpOpKind::IsNot:
        emit(IS_OP, 1);
        break;
    case CmpOpKind::In:
        emit(CONTAINS_OP, 0);
        break;
    case CmpOpKind::NotIn:
        emit(CONTAINS_OP, 1);
        break;
    }
}

void Compiler::jump_if(Expr* e, int next, bool cond)
{
    // Like CPython, the jumps carry the location of the enclosing statement or expression.
    switch (e->kind) {
    case ExprKind::Constant: {
        bool truth;
        if (const_truth(static_cast<ConstantExpr*>(e)->value, &truth)) {
            if (truth == cond)
                emit_jump(P_JUMP, next);
            return;
        }
        break;
    }
    case ExprKind::Name:
        // A constant test too: `if __debug__:` under -O leaves no code.
        if (is_debug_name(e)) {
            if ((m_optimize == 0) == cond)
                emit_jump(P_JUMP, next);
            return;
        }
        break;
    case ExprKind::UnaryOp:
        if (static_cast<UnaryOpExpr*>(e)->op == UnaryOpKind::Not) {
            jump_if(static_cast<UnaryOpExpr*>(e)->operand, next, !cond);
            return;
        }
        break;
    case ExprKind::BoolOp: {
        auto* b = static_cast<BoolOpExpr*>(e);
        size_t n = b->values.size() - 1;
        bool cond2 = b->op == BoolOpKind::Or;
        int next2 = next;
        if (cond2 != cond)
            next2 = new_label();
        for (size_t i = 0; i < n; ++i)
            jump_if(b->values[i], next2, cond2);
        jump_if(b->values[n], next, cond);
        if (next2 != next)
            place(next2);
        return;
    }
    case ExprKind::IfExp: {
        auto* i = static_cast<IfExpExpr*>(e);
        int end = new_label(), next2 = new_label();
        jump_if(i->test, next2, false);
        jump_if(i->body, next, cond);
        emit_jump_noline(P_JUMP, end);
        place(next2);
        jump_if(i->orelse, next, cond);
        place(end);
        return;
    }
    case ExprKind::Compare: {
        // CPython 3.11 gives a compared test's location to the jump and leaves it current.
        set_loc(e->loc);
        auto* c = static_cast<CompareExpr*>(e);
        size_t n = c->ops.size() - 1;
        if (n > 0) {
            check_compare(c);
            int cleanup = new_label();
            visit_expr(c->left);
            for (size_t i = 0; i < n; ++i) {
                visit_comparator(c->ops[i], c->comparators[i]);
                emit(SWAP, 2);
                emit(COPY, 2);
                emit_compare(c->ops[i]);
                emit_jump(P_POP_JUMP_IF_FALSE, cleanup);
            }
            visit_comparator(c->ops[n], c->comparators[n]);
            emit_compare(c->ops[n]);
            emit_jump(cond ? P_POP_JUMP_IF_TRUE : P_POP_JUMP_IF_FALSE, next);
            int end = new_label();
            emit_jump_noline(P_JUMP, end);
            place(cleanup);
            emit(POP_TOP);
            if (!cond)
                emit_jump_noline(P_JUMP, next);
            place(end);
            return;
        }
        // x is None / x is not None: one POP_JUMP_IF_(NOT_)NONE, as CPython's optimizer makes.
        Expr* right = c->comparators[0];
        if ((c->ops[0] == CmpOpKind::Is || c->ops[0] == CmpOpKind::IsNot)
            && right->kind == ExprKind::Constant
            && static_cast<ConstantExpr*>(right)->value.kind == ConstantValue::Kind::None) {
            check_compare(c);
            visit_expr(c->left);
            bool jump_on_none = (c->ops[0] == CmpOpKind::Is) == cond;
            emit_jump(jump_on_none ? P_POP_JUMP_IF_NONE : P_POP_JUMP_IF_NOT_NONE, next);
            return;
        }
        break; // compare() warns
    }
    default:
        break;
    }
    visit_expr(e);
    emit_jump(cond ? P_POP_JUMP_IF_TRUE : P_POP_JUMP_IF_FALSE, next);
}

void Compiler::boolop(BoolOpExpr* e)
{
    int end = new_label();
    uint16_t jumpi = e->op == BoolOpKind::And ? JUMP_IF_FALSE_OR_POP : JUMP_IF_TRUE_OR_POP;
    size_t n = e->values.size() - 1;
    for (size_t i = 0; i < n; ++i) {
        visit_expr(e->values[i]);
        emit_jump(jumpi, end);
    }
    visit_expr(e->values[n]);
    place(end);
}

// CPython's AST optimizer: `x in [a, b]` and `for x in [a, b]` use a tuple, which folds to a
// constant when every item is one.
void Compiler::visit_iterable(Expr* e)
{
    if (e->kind == ExprKind::List) {
        auto* l = static_cast<ListExpr*>(e);
        bool starred = false;
        for (Expr* x : l->elts)
            if (x->kind == ExprKind::Starred)
                starred = true;
        if (!starred && l->ctx == ExprContext::Load) {
            Position saved = u()->pos;
            set_loc(e->loc);
            TupleExpr t;
            t.loc = e->loc;
            t.elts = l->elts;
            Value folded;
            if (fold_constant(&t, &folded))
                load_const(folded);
            else
                starunpack(l->elts, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true);
            u()->pos = saved;
            return;
        }
    }
    if (e->kind == ExprKind::Set) {
        auto* st = static_cast<SetExpr*>(e);
        bool all_const = !st->elts.empty();
        std::vector<Value> items;
        for (Expr* x : st->elts) {
            Value v;
            if (x->kind == ExprKind::Starred || !fold_constant(x, &v)) {
                all_const = false;
                break;
            }
            items.push_back(v);
        }
        if (all_const) {
            Position saved = u()->pos;
            set_loc(e->loc);
            load_const(frozenset_const(items));
            u()->pos = saved;
            return;
        }
    }
    visit_expr(e);
}

void Compiler::visit_comparator(CmpOpKind op, Expr* e)
{
    if (op == CmpOpKind::In || op == CmpOpKind::NotIn)
        visit_iterable(e);
    else
        visit_expr(e);
}

void Compiler::compare(CompareExpr* e)
{
    check_compare(e);
    size_t n = e->ops.size() - 1;
    visit_expr(e->left);
    if (n == 0) {
        visit_comparator(e->ops[0], e->comparators[0]);
        emit_compare(e->ops[0]);
        return;
    }
    int cleanup = new_label();
    for (size_t i = 0; i < n; ++i) {
        visit_comparator(e->ops[i], e->comparators[i]);
        emit(SWAP, 2);
        emit(COPY, 2);
        emit_compare(e->ops[i]);
        emit_jump(JUMP_IF_FALSE_OR_POP, cleanup);
    }
    visit_comparator(e->ops[n], e->comparators[n]);
    emit_compare(e->ops[n]);
    int end = new_label();
    emit_jump_noline(P_JUMP, end);
    place(cleanup);
    emit(SWAP, 2);
    emit(POP_TOP);
    place(end);
}

void Compiler::starunpack(ExprList const& elts, int build, int add, int extend, bool tuple)
{
    int pushed = 0;
    size_t n = elts.size();
    // A display of more than two constants is built from one constant tuple.
    if (n > 2) {
        std::vector<Value> items;
        bool all_const = true;
        for (Expr* x : elts) {
            Value v;
            if (x->kind == ExprKind::Starred || !fold_constant(x, &v)) {
                all_const = false;
                break;
            }
            items.push_back(v);
        }
        if (all_const) {
            Value folded;
            if (add == SET_ADD) {
                folded = frozenset_const(items);
            } else {
                folded = Value(tuple_from(items.data(), static_cast<int64_t>(items.size())));
            }
            if (tuple) {
                load_const(folded);
            } else {
                emit(build, pushed);
                load_const(folded);
                emit(extend, 1);
            }
            return;
        }
    }
    starunpack_items(elts, build, add, extend, tuple, pushed);
}

// Builds the sequence of [elts] on top of [pushed] values already on the stack: one BUILD_* when
// nothing is starred and the stack stays small, else a list grown with [add] / [extend]
// (converted to a tuple when [tuple]), as CPython's starunpack_helper.
void Compiler::starunpack_items(ExprList const& elts, int build, int add, int extend, bool tuple, int pushed)
{
    size_t n = elts.size();
    bool big = static_cast<int>(n) + pushed > STACK_USE_GUIDELINE;
    bool seen_star = false;
    for (Expr* x : elts)
        if (x->kind == ExprKind::Starred)
            seen_star = true;
    if (!seen_star && !big) {
        for (Expr* x : elts)
            visit_expr(x);
        emit(tuple ? BUILD_TUPLE : build, static_cast<int32_t>(n) + pushed);
        return;
    }
    bool built = false;
    if (big) {
        emit(build, pushed);
        built = true;
    }
    for (size_t i = 0; i < n; ++i) {
        Expr* x = elts[i];
        if (x->kind == ExprKind::Starred) {
            if (!built) {
                emit(build, static_cast<int32_t>(i) + pushed);
                built = true;
            }
            visit_expr(static_cast<StarredExpr*>(x)->value);
            emit(extend, 1);
        } else {
            visit_expr(x);
            if (built)
                emit(add, 1);
        }
    }
    if (tuple)
        emit(LIST_TO_TUPLE);
}

void Compiler::subdict(DictExpr* e, size_t begin, size_t end)
{
    size_t n = end - begin;
    bool big = n * 2 > STACK_USE_GUIDELINE;
    if (n > 1 && !big) {
        bool all_const = true;
        std::vector<Value> key_values;
        for (size_t i = begin; i < end && all_const; ++i) {
            Value v;
            if (fold_constant(e->keys[i], &v))
                key_values.push_back(v);
            else
                all_const = false;
        }
        if (all_const) {
            for (size_t i = begin; i < end; ++i)
                visit_expr(e->values[i]);
            TupleObject* keys = tuple_from(key_values.data(), static_cast<int64_t>(n));
            load_const(Value(keys));
            emit(BUILD_CONST_KEY_MAP, static_cast<int32_t>(n));
            return;
        }
    }
    if (big)
        emit(BUILD_MAP, 0);
    for (size_t i = begin; i < end; ++i) {
        visit_expr(e->keys[i]);
        visit_expr(e->values[i]);
        if (big)
            emit(MAP_ADD, 1);
    }
    if (!big)
        emit(BUILD_MAP, static_cast<int32_t>(n));
}

void Compiler::visit_dict(DictExpr* e)
{
    size_t n = e->values.size();
    bool have_dict = false;
    size_t elements = 0;
    for (size_t i = 0; i < n; ++i) {
        if (!e->keys[i]) {
            if (elements) {
                subdict(e, i - elements, i);
                if (have_dict)
                    emit(DICT_UPDATE, 1);
                have_dict = true;
                elements = 0;
            }
            if (!have_dict) {
                emit(BUILD_MAP, 0);
                have_dict = true;
            }
            visit_expr(e->values[i]);
            emit(DICT_UPDATE, 1);
        } else {
            if (elements * 2 > STACK_USE_GUIDELINE) {
                subdict(e, i - elements, i + 1);
                if (have_dict)
                    emit(DICT_UPDATE, 1);
                have_dict = true;
                elements = 0;
            } else {
                ++elements;
            }
        }
    }
    if (elements) {
        subdict(e, n - elements, n);
        if (have_dict)
            emit(DICT_UPDATE, 1);
        have_dict = true;
    }
    if (!have_dict)
        emit(BUILD_MAP, 0);
}

void Compiler::visit_joined_str(JoinedStrExpr* e)
{
    size_t n = e->values.size();
    if (n > static_cast<size_t>(STACK_USE_GUIDELINE)) {
        load_const(Value(str_empty()));
        emit(LOAD_METHOD, add_name("join"));
        emit(BUILD_LIST, 0);
        for (Expr* v : e->values) {
            visit_expr(v);
            emit(LIST_APPEND, 1);
        }
        emit(CALL, 1);
        return;
    }
    for (Expr* v : e->values)
        visit_expr(v);
    if (n != 1)
        emit(BUILD_STRING, static_cast<int32_t>(n));
}

void Compiler::visit_formatted_value(FormattedValueExpr* e)
{
    visit_expr(e->value);
    int oparg = 0;
    switch (e->conversion) {
    case 's':
        oparg = 1;
        break;
    case 'r':
        oparg = 2;
        break;
    case 'a':
        oparg = 3;
        break;
    default:
        oparg = 0;
        break;
    }
    if (e->format_spec) {
        visit_expr(e->format_spec);
        oparg |= 4;
    }
    emit(FORMAT_VALUE, oparg);
}

void Compiler::visit_slice(SliceExpr* e)
{
    int n = 2;
    if (e->lower)
        visit_expr(e->lower);
    else
        load_none();
    if (e->upper)
        visit_expr(e->upper);
    else
        load_none();
    if (e->step) {
        visit_expr(e->step);
        n = 3;
    }
    emit(BUILD_SLICE, n);
}

void Compiler::visit_subscript(SubscriptExpr* e)
{
    if (e->ctx == ExprContext::Load)
        check_subscript(e);
    visit_expr(e->value);
    visit_expr(e->slice);
    switch (e->ctx) {
    case ExprContext::Load:
        emit(BINARY_SUBSCR);
        break;
    case ExprContext::Store:
        emit(STORE_SUBSCR);
        break;
    case ExprContext::Del:
        emit(DELETE_SUBSCR);
        break;
    }
}

void Compiler::visit_attribute(AttributeExpr* e)
{
    check_forbidden_name(e->attr, e->ctx);
    visit_expr(e->value);
    u()->pos = attr_position(u()->pos, e);
    int idx = add_name(mangled(e->attr));
    switch (e->ctx) {
    case ExprContext::Load:
        emit(LOAD_ATTR, idx);
        break;
    case ExprContext::Store:
        emit(STORE_ATTR, idx);
        break;
    case ExprContext::Del:
        emit(DELETE_ATTR, idx);
        break;
    }
}

void Compiler::visit_name(NameExpr* e) { nameop(e->id, e->ctx); }

void Compiler::unpack_helper(ExprList const& elts, Loc const& loc)
{
    size_t n = elts.size();
    bool seen_star = false;
    for (size_t i = 0; i < n; ++i) {
        if (elts[i]->kind != ExprKind::Starred)
            continue;
        if (seen_star)
            error("multiple starred expressions in assignment", loc);
        if (i >= (1u << 8) || n - i - 1 >= (1u << 16))
            error("too many expressions in star-unpacking assignment", loc);
        emit(UNPACK_EX, static_cast<int32_t>(i + ((n - i - 1) << 8)));
        seen_star = true;
    }
    if (!seen_star)
        emit(UNPACK_SEQUENCE, static_cast<int32_t>(n));
}

void Compiler::assign_target(Expr* t)
{
    ExprList const& elts = t->kind == ExprKind::Tuple ? static_cast<TupleExpr*>(t)->elts
                                                      : static_cast<ListExpr*>(t)->elts;
    unpack_helper(elts, t->loc);
    for (Expr* x : elts)
        visit_expr(x->kind == ExprKind::Starred ? static_cast<StarredExpr*>(x)->value : x);
}

void Compiler::add_yield_from(bool await)
{
    (void)await;
    int start = new_label(), exit = new_label();
    place(start);
    emit_jump(SEND, exit);
    emit(YIELD_VALUE, 0);
    emit_jump(P_JUMP, start);
    place(exit);
}

void Compiler::emit_yield()
{
    if (u()->ste->generator && u()->ste->coroutine)
        emit(ASYNC_GEN_WRAP);
    emit(YIELD_VALUE, 0);
}

// ---- calls ----------------------------------------------------------------------------------

void Compiler::keywords_and_args(int n, ExprList const& args, std::vector<Keyword*> const& kws)
{
    call_helper(n, args, kws);
}

void Compiler::call_helper(int n, ExprList const& args, std::vector<Keyword*> const& keywords)
{
    // Repeated keyword names are a syntax error.
    for (size_t i = 0; i < keywords.size(); ++i) {
        if (keywords[i]->arg.empty())
            continue;
        check_forbidden_name(keywords[i]->arg, ExprContext::Store);
        for (size_t j = i + 1; j < keywords.size(); ++j)
            if (keywords[j]->arg == keywords[i]->arg)
                error("keyword argument repeated: " + keywords[i]->arg, keywords[j]->loc);
    }
    size_t nelts = args.size(), nkw = keywords.size();
    bool ex_call = nelts + nkw * 2 > static_cast<size_t>(STACK_USE_GUIDELINE);
    for (Expr* a : args)
        if (a->kind == ExprKind::Starred)
            ex_call = true;
    for (Keyword* k : keywords)
        if (k->arg.empty())
            ex_call = true;
    if (!ex_call) {
        for (Expr* a : args)
            visit_expr(a);
        if (nkw) {
            TupleObject* names = tuple_new(static_cast<int64_t>(nkw));
            for (size_t i = 0; i < nkw; ++i) {
                visit_expr(keywords[i]->value);
                names->items()[i] = Value(intern(keywords[i]->arg));
            }
            emit(KW_NAMES, add_const(Value(names)));
        }
        emit(CALL, n + static_cast<int32_t>(nelts + nkw));
        return;
    }
    if (n == 0 && nelts == 1 && args[0]->kind == ExprKind::Starred) {
        visit_expr(static_cast<StarredExpr*>(args[0])->value);
    } else {
        starunpack_items(args, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true, n);
    }
    if (nkw) {
        auto subkwargs = [&](size_t begin, size_t end) {
            size_t m = end - begin;
            bool big = m * 2 > static_cast<size_t>(STACK_USE_GUIDELINE);
            if (m > 1 && !big) {
                TupleObject* keys = tuple_new(static_cast<int64_t>(m));
                for (size_t i = begin; i < end; ++i) {
                    visit_expr(keywords[i]->value);
                    keys->items()[i - begin] = Value(intern(keywords[i]->arg));
                }
                load_const(Value(keys));
                emit(BUILD_CONST_KEY_MAP, static_cast<int32_t>(m));
                return;
            }
            if (big)
                emit_noline(BUILD_MAP, 0);
            for (size_t i = begin; i < end; ++i) {
                load_const_str(keywords[i]->arg);
                visit_expr(keywords[i]->value);
                if (big)
                    emit_noline(MAP_ADD, 1);
            }
            if (!big)
                emit(BUILD_MAP, static_cast<int32_t>(m));
        };
        bool have_dict = false;
        size_t nseen = 0;
        for (size_t i = 0; i < nkw; ++i) {
            Keyword* kw = keywords[i];
            if (kw->arg.empty()) {
                if (nseen) {
                    subkwargs(i - nseen, i);
                    if (have_dict)
                        emit(DICT_MERGE, 1);
                    have_dict = true;
                    nseen = 0;
                }
                if (!have_dict) {
                    emit(BUILD_MAP, 0);
                    have_dict = true;
                }
                visit_expr(kw->value);
                emit(DICT_MERGE, 1);
            } else {
                ++nseen;
            }
        }
        if (nseen) {
            subkwargs(nkw - nseen, nkw);
            if (have_dict)
                emit(DICT_MERGE, 1);
        }
    }
    emit(CALL_FUNCTION_EX, nkw > 0 ? 1 : 0);
}

bool Compiler::maybe_optimize_method_call(CallExpr* e)
{
    if (e->func->kind != ExprKind::Attribute)
        return false;
    auto* meth = static_cast<AttributeExpr*>(e->func);
    if (meth->ctx != ExprContext::Load)
        return false;
    // Names bound by an import at module level are likely modules: plain attribute calls.
    if (meth->value->kind == ExprKind::Name
        && (m_st.top->flags_of(static_cast<NameExpr*>(meth->value)->id) & DEF_IMPORT))
        return false;
    size_t argsl = e->args.size(), kwdsl = e->keywords.size();
    if (argsl + kwdsl + (kwdsl != 0) >= static_cast<size_t>(STACK_USE_GUIDELINE))
        return false;
    for (Expr* a : e->args)
        if (a->kind == ExprKind::Starred)
            return false;
    for (Keyword* k : e->keywords)
        if (k->arg.empty())
            return false;
    visit_expr(meth->value);
    Position saved = u()->pos;
    set_loc(meth->loc);
    u()->pos = attr_position(u()->pos, meth);
    emit(LOAD_METHOD, add_name(mangled(meth->attr)));
    for (Expr* a : e->args)
        visit_expr(a);
    if (kwdsl) {
        TupleObject* names = tuple_new(static_cast<int64_t>(kwdsl));
        for (size_t i = 0; i < kwdsl; ++i) {
            visit_expr(e->keywords[i]->value);
            names->items()[i] = Value(intern(e->keywords[i]->arg));
        }
        emit(KW_NAMES, add_const(Value(names)));
    }
    set_loc(e->loc);
    u()->pos = attr_position(u()->pos, meth);
    emit(CALL, static_cast<int32_t>(argsl + kwdsl));
    u()->pos = saved;
    return true;
}

void Compiler::call(CallExpr* e)
{
    check_caller(e->func);
    if (maybe_optimize_method_call(e))
        return;
    // A global function: LOAD_GLOBAL pushes the NULL itself (arg & 1).
    if (e->func->kind == ExprKind::Name) {
        auto* n = static_cast<NameExpr*>(e->func);
        std::string m = mangled(n->id);
        SymScope sc = u()->ste->scope_of(m);
        bool function = u()->ste->type == BlockType::Function;
        if (n->id != "__debug__"
            && (sc == SymScope::GlobalExplicit || (sc == SymScope::GlobalImplicit && function))) {
            set_loc(e->func->loc);
            emit(LOAD_GLOBAL, (add_name(m) << 1) | 1);
            set_loc(e->loc);
            call_helper(0, e->args, e->keywords);
            return;
        }
    }
    set_loc(e->func->loc);
    emit(PUSH_NULL);
    set_loc(e->loc);
    visit_expr(e->func);
    call_helper(0, e->args, e->keywords);
}

// ---- dispatch -------------------------------------------------------------------------------

void Compiler::visit_expr1(Expr* e)
{
    switch (e->kind) {
    case ExprKind::NamedExpr: {
        auto* n = static_cast<NamedExprExpr*>(e);
        visit_expr(n->value);
        emit(COPY, 1);
        visit_expr(n->target);
        break;
    }
    case ExprKind::BoolOp:
        boolop(static_cast<BoolOpExpr*>(e));
        break;
    case ExprKind::BinOp: {
        auto* b = static_cast<BinOpExpr*>(e);
        Value folded;
        if (fold_constant(e, &folded)) {
            load_const(folded);
            break;
        }
        if (Expr* js = optimize_format(b)) {
            visit_joined_str(static_cast<JoinedStrExpr*>(js));
            break;
        }
        visit_expr(b->left);
        visit_expr(b->right);
        emit(BINARY_OP, binary_op(b->op));
        break;
    }
    case ExprKind::UnaryOp: {
        Value folded;
        if (fold_constant(e, &folded)) {
            load_const(folded);
            break;
        }
        auto* un = static_cast<UnaryOpExpr*>(e);
        visit_expr(un->operand);
        switch (un->op) {
        case UnaryOpKind::Invert:
            emit(UNARY_INVERT);
            break;
        case UnaryOpKind::Not:
            emit(UNARY_NOT);
            break;
        case UnaryOpKind::UAdd:
            emit(UNARY_POSITIVE);
            break;
        case UnaryOpKind::USub:
            emit(UNARY_NEGATIVE);
            break;
        }
        break;
    }
    case ExprKind::Lambda:
        visit_lambda(static_cast<LambdaExpr*>(e));
        break;
    case ExprKind::IfExp: {
        auto* i = static_cast<IfExpExpr*>(e);
        int end = new_label(), next = new_label();
        jump_if(i->test, next, false);
        visit_expr(i->body);
        emit_jump_noline(P_JUMP, end);
        place(next);
        visit_expr(i->orelse);
        place(end);
        break;
    }
    case ExprKind::Dict:
        visit_dict(static_cast<DictExpr*>(e));
        break;
    case ExprKind::Set:
        starunpack(static_cast<SetExpr*>(e)->elts, BUILD_SET, SET_ADD, SET_UPDATE, false);
        break;
    case ExprKind::GeneratorExp: {
        auto* g = static_cast<GeneratorExpExpr*>(e);
        comprehension(e, "<genexpr>", FuncKind::GenExp, g->generators, g->elt, nullptr);
        break;
    }
    case ExprKind::ListComp: {
        auto* g = static_cast<ListCompExpr*>(e);
        comprehension(e, "<listcomp>", FuncKind::ListComp, g->generators, g->elt, nullptr);
        break;
    }
    case ExprKind::SetComp: {
        auto* g = static_cast<SetCompExpr*>(e);
        comprehension(e, "<setcomp>", FuncKind::SetComp, g->generators, g->elt, nullptr);
        break;
    }
    case ExprKind::DictComp: {
        auto* g = static_cast<DictCompExpr*>(e);
        comprehension(e, "<dictcomp>", FuncKind::DictComp, g->generators, g->key, g->value);
        break;
    }
    case ExprKind::Yield: {
        if (u()->ste->type != BlockType::Function)
            error("'yield' outside function", e->loc);
        auto* y = static_cast<YieldExpr*>(e);
        if (y->value)
            visit_expr(y->value);
        else
            load_none();
        emit_yield();
        break;
    }
    case ExprKind::YieldFrom: {
        if (u()->ste->type != BlockType::Function)
            error("'yield' outside function", e->loc);
        if (u()->kind == UnitKind::AsyncFunction)
            error("'yield from' inside async function", e->loc);
        visit_expr(static_cast<YieldFromExpr*>(e)->value);
        emit(GET_YIELD_FROM_ITER);
        load_none();
        add_yield_from(false);
        break;
    }
    case ExprKind::Await: {
        if (!is_top_level_await()) {
            if (u()->ste->type != BlockType::Function)
                error("'await' outside function", e->loc);
            if (u()->kind != UnitKind::AsyncFunction && u()->kind != UnitKind::Comprehension)
                error("'await' outside async function", e->loc);
        }
        visit_expr(static_cast<AwaitExpr*>(e)->value);
        emit(GET_AWAITABLE, 0);
        load_none();
        add_yield_from(true);
        break;
    }
    case ExprKind::Compare:
        compare(static_cast<CompareExpr*>(e));
        break;
    case ExprKind::Call:
        call(static_cast<CallExpr*>(e));
        break;
    case ExprKind::FormattedValue:
        visit_formatted_value(static_cast<FormattedValueExpr*>(e));
        break;
    case ExprKind::JoinedStr:
        visit_joined_str(static_cast<JoinedStrExpr*>(e));
        break;
    case ExprKind::Constant:
        load_const(constant_value(static_cast<ConstantExpr*>(e)->value));
        break;
    case ExprKind::Attribute:
        visit_attribute(static_cast<AttributeExpr*>(e));
        break;
    case ExprKind::Subscript:
        visit_subscript(static_cast<SubscriptExpr*>(e));
        break;
    case ExprKind::Starred:
        if (static_cast<StarredExpr*>(e)->ctx == ExprContext::Store)
            error("starred assignment target must be in a list or tuple", e->loc);
        error("can't use starred expression here", e->loc);
    case ExprKind::Slice:
        visit_slice(static_cast<SliceExpr*>(e));
        break;
    case ExprKind::Name:
        visit_name(static_cast<NameExpr*>(e));
        break;
    case ExprKind::List: {
        auto* l = static_cast<ListExpr*>(e);
        if (l->ctx == ExprContext::Store)
            assign_target(e);
        else if (l->ctx == ExprContext::Del)
            visit_delete(e);
        else
            starunpack(l->elts, BUILD_LIST, LIST_APPEND, LIST_EXTEND, false);
        break;
    }
    case ExprKind::Tuple: {
        auto* t = static_cast<TupleExpr*>(e);
        if (t->ctx == ExprContext::Store) {
            assign_target(e);
        } else if (t->ctx == ExprContext::Del) {
            visit_delete(e);
        } else {
            Value folded;
            if (fold_constant(e, &folded))
                load_const(folded);
            else
                starunpack(t->elts, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true);
        }
        break;
    }
    }
}

} // namespace pystm::compiler
