// Code generation for the match statement (PEP 634), following the shape of CPython 3.11's
// output. While a pattern is matched, the values it captures are kept on the stack (the most
// recent capture deepest) underneath `on_top` working values; on failure the code jumps to
// fail_pop[k], a chain of POP_TOPs that removes exactly the k values then on the stack.
#include "compiler/codegen.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/tuple_object.h"
#include <algorithm>

namespace pystm::compiler {

using namespace ast;
using namespace vm;

namespace {

    struct PatternContext {
        std::vector<std::string> stores;
        bool allow_irrefutable = false;
        std::vector<int> fail_pop;
        int on_top = 0;
    };

    bool is_wildcard(Pattern* p)
    {
        return p->kind == PatternKind::MatchAs && !static_cast<MatchAsPattern*>(p)->pattern
            && static_cast<MatchAsPattern*>(p)->name.empty();
    }

    bool is_star_wildcard(Pattern* p)
    {
        return p->kind == PatternKind::MatchStar && static_cast<MatchStarPattern*>(p)->name.empty();
    }

    class PatternCompiler {
    public:
        explicit PatternCompiler(Compiler& c)
            : c(c)
        {
        }

        void match(MatchStmt* s)
        {
            c.visit_expr(s->subject);
            int end = c.new_label();
            size_t cases = s->cases.size();
            MatchCase* m = s->cases[cases - 1];
            size_t has_default = is_wildcard(m->pattern) && cases > 1 ? 1 : 0;
            for (size_t i = 0; i < cases - has_default; ++i) {
                m = s->cases[i];
                c.set_loc(m->pattern->loc);
                if (i != cases - has_default - 1)
                    c.emit(COPY, 1);
                PatternContext pc;
                pc.allow_irrefutable = m->guard != nullptr || i == cases - 1;
                pattern(m->pattern, pc);
                for (auto const& name : pc.stores)
                    c.nameop(name, ExprContext::Store);
                if (m->guard) {
                    ensure_fail_pop(pc, 0);
                    c.jump_if(m->guard, pc.fail_pop[0], false);
                }
                if (i != cases - has_default - 1)
                    c.emit(POP_TOP);
                c.visit_stmts(m->body);
                c.emit_jump(P_JUMP, end);
                c.set_loc(m->pattern->loc);
                emit_and_reset_fail_pop(pc);
            }
            if (has_default) {
                m = s->cases[cases - 1];
                c.set_loc(m->pattern->loc);
                if (cases == 1)
                    c.emit(POP_TOP);
                else
                    c.emit(NOP);
                if (m->guard)
                    c.jump_if(m->guard, end, false);
                c.visit_stmts(m->body);
            }
            c.place(end);
        }

    private:
        Compiler& c;

        [[noreturn]] void error_here(std::string msg)
        {
            Position p = c.u()->pos;
            c.error(std::move(msg), Loc { p.line, p.col, p.end_line, p.end_col });
        }

        void ensure_fail_pop(PatternContext& pc, int n)
        {
            while (static_cast<int>(pc.fail_pop.size()) < n + 1)
                pc.fail_pop.push_back(c.new_label());
        }

        void jump_to_fail_pop(PatternContext& pc, uint16_t op)
        {
            int pops = pc.on_top + static_cast<int>(pc.stores.size());
            ensure_fail_pop(pc, pops);
            c.emit_jump(op, pc.fail_pop[pops]);
        }

        void emit_and_reset_fail_pop(PatternContext& pc)
        {
            if (pc.fail_pop.empty())
                return;
            for (size_t k = pc.fail_pop.size() - 1; k > 0; --k) {
                c.place(pc.fail_pop[k]);
                c.emit(POP_TOP);
            }
            c.place(pc.fail_pop[0]);
            pc.fail_pop.clear();
        }

        void rotate(int count)
        {
            while (count > 1)
                c.emit(SWAP, count--);
        }

        void store_name(std::string const& name, PatternContext& pc)
        {
            if (name.empty()) {
                c.emit(POP_TOP);
                return;
            }
            if (std::find(pc.stores.begin(), pc.stores.end(), name) != pc.stores.end())
                error_here("multiple assignments to name '" + name + "' in pattern");
            rotate(pc.on_top + static_cast<int>(pc.stores.size()) + 1);
            pc.stores.push_back(name);
        }

        void unpack(PatternList const& elts)
        {
            size_t n = elts.size();
            bool seen_star = false;
            for (size_t i = 0; i < n; ++i) {
                if (elts[i]->kind != PatternKind::MatchStar)
                    continue;
                if (seen_star)
                    error_here("multiple starred expressions in sequence pattern");
                if (i >= (1u << 8) || n - i - 1 >= (1u << 16))
                    error_here("too many expressions in star-unpacking sequence pattern");
                c.emit(UNPACK_EX, static_cast<int32_t>(i + ((n - i - 1) << 8)));
                seen_star = true;
            }
            if (!seen_star)
                c.emit(UNPACK_SEQUENCE, static_cast<int32_t>(n));
        }

        void subpattern(Pattern* p, PatternContext& pc)
        {
            bool saved = pc.allow_irrefutable;
            pc.allow_irrefutable = true;
            pattern(p, pc);
            pc.allow_irrefutable = saved;
        }

        void sequence_unpack(PatternList const& patterns, PatternContext& pc)
        {
            unpack(patterns);
            int size = static_cast<int>(patterns.size());
            pc.on_top += size;
            for (Pattern* p : patterns) {
                pc.on_top--;
                subpattern(p, pc);
            }
        }

        void sequence_subscr(PatternList const& patterns, int star, PatternContext& pc)
        {
            pc.on_top++;
            int size = static_cast<int>(patterns.size());
            for (int i = 0; i < size; ++i) {
                Pattern* p = patterns[i];
                if (is_wildcard(p) || i == star)
                    continue;
                c.emit(COPY, 1);
                if (i < star) {
                    c.load_const(Value::small_int(i));
                } else {
                    // The subject may not support negative indexing.
                    c.emit(GET_LEN);
                    c.load_const(Value::small_int(size - i));
                    c.emit(BINARY_OP, NB_SUBTRACT);
                }
                c.emit(BINARY_SUBSCR);
                subpattern(p, pc);
            }
            pc.on_top--;
            c.emit(POP_TOP);
        }

        // The value of a literal pattern: a constant, -constant or a complex literal.
        bool literal_value(Expr* e, Value* out)
        {
            if (c.fold_constant(e, out))
                return e->kind != ExprKind::Tuple;
            if (e->kind == ExprKind::BinOp) {
                auto* b = static_cast<BinOpExpr*>(e);
                if (b->op != OperatorKind::Add && b->op != OperatorKind::Sub)
                    return false;
                Value l, r;
                if (!c.fold_constant(b->left, &l) || !c.fold_constant(b->right, &r))
                    return false;
                if (!is_exact_float(r) && r.is_object() && r.as_object()->m_type == &complex_type) {
                    double re;
                    if (is_exact_float(l))
                        re = float_value(l);
                    else if (is_exact_int(l))
                        re = int_to_double(l);
                    else
                        return false;
                    double im = r.as<ComplexObject>()->m_imag;
                    *out = complex_new(
                        re + r.as<ComplexObject>()->m_real * (b->op == OperatorKind::Sub ? -1 : 1),
                        b->op == OperatorKind::Sub ? -im : im);
                    return true;
                }
            }
            return false;
        }

        void pattern_value(MatchValuePattern* p, PatternContext& pc)
        {
            Expr* v = p->value;
            Value folded;
            if (v->kind == ExprKind::Attribute) {
                c.visit_expr(v);
            } else if (literal_value(v, &folded)) {
                c.load_const(folded);
            } else {
                error_here("patterns may only match literals and attribute lookups");
            }
            c.emit(COMPARE_OP, CMP_EQ);
            jump_to_fail_pop(pc, P_POP_JUMP_IF_FALSE);
        }

        void pattern_singleton(MatchSingletonPattern* p, PatternContext& pc)
        {
            c.load_const(c.constant_value(p->value));
            c.emit(IS_OP, 0);
            jump_to_fail_pop(pc, P_POP_JUMP_IF_FALSE);
        }

        void pattern_sequence(MatchSequencePattern* p, PatternContext& pc)
        {
            auto const& patterns = p->patterns;
            int size = static_cast<int>(patterns.size());
            int star = -1;
            bool only_wildcard = true, star_wildcard = false;
            for (int i = 0; i < size; ++i) {
                Pattern* q = patterns[i];
                if (q->kind == PatternKind::MatchStar) {
                    if (star >= 0)
                        error_here("multiple starred names in sequence pattern");
                    star_wildcard = is_star_wildcard(q);
                    only_wildcard = only_wildcard && star_wildcard;
                    star = i;
                    continue;
                }
                only_wildcard = only_wildcard && is_wildcard(q);
            }
            pc.on_top++;
            c.emit(MATCH_SEQUENCE);
            jump_to_fail_pop(pc, P_POP_JUMP_IF_FALSE);
            if (star < 0) {
                c.emit(GET_LEN);
                c.load_const(Value::small_int(size));
                c.emit(COMPARE_OP, CMP_EQ);
                jump_to_fail_pop(pc, P_POP_JUMP_IF_FALSE);
            } else if (size - 1 > 0) {
                c.emit(GET_LEN);
                c.load_const(Value::small_int(size - 1));
                c.emit(COMPARE_OP, CMP_GE);
                jump_to_fail_pop(pc, P_POP_JUMP_IF_FALSE);
            }
            pc.on_top--;
            if (only_wildcard)
                c.emit(POP_TOP);
            else if (star_wildcard)
                sequence_subscr(patterns, star, pc);
            else
                sequence_unpack(patterns, pc);
        }

        void pattern_mapping(MatchMappingPattern* p, PatternContext& pc)
        {
            auto const& keys = p->keys;
            int size = static_cast<int>(keys.size());
            if (size != static_cast<int>(p->patterns.size()))
                error_here("keys / patterns length mismatch in mapping pattern");
            bool star_target = !p->rest.empty();
            pc.on_top++;
            c.emit(MATCH_MAPPING);
            jump_to_fail_pop(pc, P_POP_JUMP_IF_FALSE);
            if (!size && !star_target) {
                pc.on_top--;
                c.emit(POP_TOP);
                return;
            }
            if (size) {
                c.emit(GET_LEN);
                c.load_const(Value::small_int(size));
                c.emit(COMPARE_OP, CMP_GE);
                jump_to_fail_pop(pc, P_POP_JUMP_IF_FALSE);
            }
            std::vector<std::string> seen;
            for (int i = 0; i < size; ++i) {
                Expr* key = keys[i];
                Value v;
                if (key->kind == ExprKind::Attribute) {
                    c.visit_expr(key);
                    continue;
                }
                if (!literal_value(key, &v))
                    error_here(
                        "mapping pattern keys may only match literals and attribute lookups");
                // Duplicate literal keys are an error (compared by value, as a set would).
                std::string k = repr_utf8(v);
                if (std::find(seen.begin(), seen.end(), k) != seen.end())
                    error_here("mapping pattern checks duplicate key (" + k + ")");
                seen.push_back(k);
                c.load_const(v);
            }
            c.emit(BUILD_TUPLE, size);
            c.emit(MATCH_KEYS);
            pc.on_top += 2;
            c.emit(COPY, 1);
            c.load_none();
            c.emit(IS_OP, 1);
            jump_to_fail_pop(pc, P_POP_JUMP_IF_FALSE);
            c.emit(UNPACK_SEQUENCE, size);
            pc.on_top += size - 1;
            for (int i = 0; i < size; ++i) {
                pc.on_top--;
                subpattern(p->patterns[i], pc);
            }
            // [subject, keys] remain: the keys tuple is consumed next, then the subject.
            pc.on_top--;
            if (star_target) {
                c.emit(COPY_DICT_WITHOUT_KEYS);
                store_name(p->rest, pc);
            } else {
                c.emit(POP_TOP);
            }
            pc.on_top--;
            c.emit(POP_TOP);
        }

        void pattern_class(MatchClassPattern* p, PatternContext& pc)
        {
            auto const& patterns = p->patterns;
            auto const& attrs = p->kwd_attrs;
            auto const& kwd_patterns = p->kwd_patterns;
            int nargs = static_cast<int>(patterns.size());
            int nattrs = static_cast<int>(attrs.size());
            if (nattrs != static_cast<int>(kwd_patterns.size()))
                error_here("kwd_attrs / kwd_patterns length mismatch in class pattern");
            for (int i = 0; i < nattrs; ++i) {
                for (int j = i + 1; j < nattrs; ++j) {
                    if (attrs[i] == attrs[j]) {
                        c.set_loc(kwd_patterns[j]->loc);
                        error_here("attribute name repeated in class pattern: " + attrs[i]);
                    }
                }
            }
            c.visit_expr(p->cls);
            TupleObject* names = tuple_new(nattrs);
            for (int i = 0; i < nattrs; ++i)
                names->items()[i] = Value(intern(attrs[i]));
            c.load_const(Value(names));
            c.emit(MATCH_CLASS, nargs);
            c.emit(COPY, 1);
            c.load_none();
            c.emit(IS_OP, 1);
            pc.on_top++;
            jump_to_fail_pop(pc, P_POP_JUMP_IF_FALSE);
            c.emit(UNPACK_SEQUENCE, nargs + nattrs);
            pc.on_top += nargs + nattrs - 1;
            for (int i = 0; i < nargs + nattrs; ++i) {
                pc.on_top--;
                Pattern* q = i < nargs ? patterns[i] : kwd_patterns[i - nargs];
                if (is_wildcard(q)) {
                    c.emit(POP_TOP);
                    continue;
                }
                subpattern(q, pc);
            }
        }

        void pattern_as(MatchAsPattern* p, PatternContext& pc)
        {
            if (!p->pattern) {
                if (!pc.allow_irrefutable) {
                    if (!p->name.empty())
                        error_here(
                            "name capture '" + p->name + "' makes remaining patterns unreachable");
                    error_here("wildcard makes remaining patterns unreachable");
                }
                store_name(p->name, pc);
                return;
            }
            pc.on_top++;
            c.emit(COPY, 1);
            pattern(p->pattern, pc);
            pc.on_top--;
            store_name(p->name, pc);
        }

        void pattern_or(MatchOrPattern* p, PatternContext& pc)
        {
            int end = c.new_label();
            size_t size = p->patterns.size();
            PatternContext old = pc;
            std::vector<std::string> control;
            for (size_t i = 0; i < size; ++i) {
                Pattern* alt = p->patterns[i];
                c.set_loc(alt->loc);
                PatternContext sub;
                sub.allow_irrefutable = (i == size - 1) && old.allow_irrefutable;
                c.emit(COPY, 1);
                pattern(alt, sub);
                size_t nstores = sub.stores.size();
                if (i == 0) {
                    control = sub.stores;
                } else if (nstores != control.size()) {
                    error_here("alternative patterns bind different names");
                } else if (nstores) {
                    for (size_t icontrol = nstores; icontrol-- > 0;) {
                        std::string const& name = control[icontrol];
                        auto it = std::find(sub.stores.begin(), sub.stores.end(), name);
                        if (it == sub.stores.end())
                            error_here("alternative patterns bind different names");
                        size_t istores = static_cast<size_t>(it - sub.stores.begin());
                        if (icontrol != istores) {
                            // Reorder the captures on the stack (and in stores) to match control.
                            size_t rotations = istores + 1;
                            std::vector<std::string> rotated(
                                sub.stores.begin(), sub.stores.begin() + rotations);
                            sub.stores.erase(sub.stores.begin(), sub.stores.begin() + rotations);
                            sub.stores.insert(sub.stores.begin() + (icontrol - istores),
                                rotated.begin(), rotated.end());
                            while (rotations--)
                                rotate(static_cast<int>(icontrol) + 1);
                        }
                    }
                }
                c.emit_jump(P_JUMP, end);
                emit_and_reset_fail_pop(sub);
            }
            // No alternative matched: drop the subject copy and fail.
            c.emit(POP_TOP);
            jump_to_fail_pop(pc, P_JUMP);
            c.place(end);
            int nstores = static_cast<int>(control.size());
            int nrots = nstores + 1 + pc.on_top + static_cast<int>(pc.stores.size());
            for (int i = 0; i < nstores; ++i) {
                rotate(nrots);
                std::string const& name = control[i];
                if (std::find(pc.stores.begin(), pc.stores.end(), name) != pc.stores.end())
                    error_here("multiple assignments to name '" + name + "' in pattern");
                pc.stores.push_back(name);
            }
            c.emit(POP_TOP);
        }

        void pattern(Pattern* p, PatternContext& pc)
        {
            c.set_loc(p->loc);
            switch (p->kind) {
            case PatternKind::MatchValue:
                pattern_value(static_cast<MatchValuePattern*>(p), pc);
                break;
            case PatternKind::MatchSingleton:
                pattern_singleton(static_cast<MatchSingletonPattern*>(p), pc);
                break;
            case PatternKind::MatchSequence:
                pattern_sequence(static_cast<MatchSequencePattern*>(p), pc);
                break;
            case PatternKind::MatchMapping:
                pattern_mapping(static_cast<MatchMappingPattern*>(p), pc);
                break;
            case PatternKind::MatchClass:
                pattern_class(static_cast<MatchClassPattern*>(p), pc);
                break;
            case PatternKind::MatchStar:
                store_name(static_cast<MatchStarPattern*>(p)->name, pc);
                break;
            case PatternKind::MatchAs:
                pattern_as(static_cast<MatchAsPattern*>(p), pc);
                break;
            case PatternKind::MatchOr:
                pattern_or(static_cast<MatchOrPattern*>(p), pc);
                break;
            }
        }
    };

} // namespace

void Compiler::visit_match(MatchStmt* s)
{
    PatternCompiler pcomp(*this);
    pcomp.match(s);
}

} // namespace pystm::compiler
