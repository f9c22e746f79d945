// The _sre matching loop (see sre_engine.h for the semantics it keeps and SRE-1..3).
//
// One function, run_match<C>, interprets the code for subjects of code unit C. A construct
// that must try alternatives (BRANCH, the repeats, lookarounds, atomic groups) saves its local
// state (pattern position, subject position) in its context and "calls" the sub-pattern by
// pushing a child context and jumping to `entrance`; when the child finishes, `leave` pops it
// and resumes the parent at the label recorded in the child's `jump` field. So the only stack
// that grows with backtracking depth is State::m_ctxs, on the heap (SRE-1).
//
// Mark snapshots (mark_push/mark_pop) are strictly nested with child calls: every push is popped
// or discarded on each path out of the context that pushed it.
#include "modules/sre/sre_engine.h"
#include "base/common.h"
#include "objects/exceptions.h"
#include "vm/eval_breaker.h"

namespace pystm::sre {

namespace {

enum Jump : uint8_t {
    J_NONE,
    J_BRANCH,
    J_REPEAT_ONE_1,
    J_REPEAT_ONE_2,
    J_MIN_REPEAT_ONE,
    J_REPEAT,
    J_MAX_UNTIL_1,
    J_MAX_UNTIL_2,
    J_MAX_UNTIL_3,
    J_MIN_UNTIL_1,
    J_MIN_UNTIL_2,
    J_MIN_UNTIL_3,
    J_POSS_REPEAT_1,
    J_POSS_REPEAT_2,
    J_ATOMIC_GROUP,
    J_ASSERT,
    J_ASSERT_NOT,
};

void mark_push(State& st, int32_t lastmark)
{
    if (lastmark >= 0)
        st.m_marks_stack.insert(st.m_marks_stack.end(), st.m_marks.begin(), st.m_marks.begin() + lastmark + 1);
}

void mark_pop_keep(State& st, int32_t lastmark)
{
    if (lastmark >= 0) {
        size_t n = static_cast<size_t>(lastmark) + 1;
        std::copy(st.m_marks_stack.end() - n, st.m_marks_stack.end(), st.m_marks.begin());
    }
}

void mark_pop_discard(State& st, int32_t lastmark)
{
    if (lastmark >= 0)
        st.m_marks_stack.resize(st.m_marks_stack.size() - (static_cast<size_t>(lastmark) + 1));
}

void mark_pop(State& st, int32_t lastmark)
{
    mark_pop_keep(st, lastmark);
    mark_pop_discard(st, lastmark);
}

bool is_word_ascii(uint32_t ch) { return category(CAT_WORD, ch); }
bool is_word_uni(uint32_t ch) { return category(CAT_UNI_WORD, ch); }

template <class C> bool at(State const& st, C const* s, int64_t ptr, Code code)
{
    int64_t const end = st.m_end;
    switch (code) {
    case AT_BEGINNING:
    case AT_BEGINNING_STRING:
        return ptr == 0;
    case AT_BEGINNING_LINE:
        return ptr == 0 || s[ptr - 1] == '\n';
    case AT_END:
        return (ptr + 1 == end && s[ptr] == '\n') || ptr == end;
    case AT_END_LINE:
        return ptr == end || (ptr < end && s[ptr] == '\n');
    case AT_END_STRING:
        return ptr == end;
    case AT_BOUNDARY:
    case AT_NON_BOUNDARY:
    case AT_LOC_BOUNDARY:
    case AT_LOC_NON_BOUNDARY:
    case AT_UNI_BOUNDARY:
    case AT_UNI_NON_BOUNDARY: {
        if (end == 0)
            return false;
        bool uni = code == AT_UNI_BOUNDARY || code == AT_UNI_NON_BOUNDARY;
        auto word = uni ? is_word_uni : is_word_ascii;
        bool before = ptr > 0 && word(s[ptr - 1]);
        bool here = ptr < end && word(s[ptr]);
        bool boundary = code == AT_BOUNDARY || code == AT_LOC_BOUNDARY || code == AT_UNI_BOUNDARY;
        return boundary ? before != here : before == here;
    }
    }
    return false;
}

template <class C> int run_match(State& st, Code const* pattern, bool toplevel);

// How many times (up to [maxcount]) the single-character item at [pat] matches from m_ptr.
template <class C> int64_t count(State& st, Code const* pat, int64_t maxcount)
{
    C const* s = static_cast<C const*>(st.m_data);
    int64_t const start = st.m_ptr;
    int64_t ptr = start;
    int64_t end = st.m_end;
    if (maxcount < end - ptr && maxcount != MAXREPEAT)
        end = ptr + maxcount;
    Code chr = pat[1];
    switch (pat[0]) {
    case OP_IN:
        while (ptr < end && in_charset(pat + 2, s[ptr]))
            ptr++;
        break;
    case OP_IN_IGNORE:
        while (ptr < end && in_charset(pat + 2, lower_ascii(s[ptr])))
            ptr++;
        break;
    case OP_IN_UNI_IGNORE:
        while (ptr < end && in_charset(pat + 2, lower_unicode(s[ptr])))
            ptr++;
        break;
    case OP_ANY:
        while (ptr < end && s[ptr] != '\n')
            ptr++;
        break;
    case OP_ANY_ALL:
        if (ptr < end)
            ptr = end;
        break;
    case OP_LITERAL:
        while (ptr < end && s[ptr] == chr)
            ptr++;
        break;
    case OP_LITERAL_IGNORE:
        while (ptr < end && lower_ascii(s[ptr]) == chr)
            ptr++;
        break;
    case OP_LITERAL_UNI_IGNORE:
        while (ptr < end && lower_unicode(s[ptr]) == chr)
            ptr++;
        break;
    case OP_LITERAL_LOC_IGNORE:
        while (ptr < end && char_loc_ignore(chr, s[ptr]))
            ptr++;
        break;
    case OP_NOT_LITERAL:
        while (ptr < end && s[ptr] != chr)
            ptr++;
        break;
    case OP_NOT_LITERAL_IGNORE:
        while (ptr < end && lower_ascii(s[ptr]) != chr)
            ptr++;
        break;
    case OP_NOT_LITERAL_UNI_IGNORE:
        while (ptr < end && lower_unicode(s[ptr]) != chr)
            ptr++;
        break;
    case OP_NOT_LITERAL_LOC_IGNORE:
        while (ptr < end && !char_loc_ignore(chr, s[ptr]))
            ptr++;
        break;
    default:
        // Any other one-character item: run it as a pattern (it ends with SUCCESS).
        while (st.m_ptr < end) {
            if (!run_match<C>(st, pat, false))
                break;
        }
        return st.m_ptr - start;
    }
    return ptr - start;
}

// count() for run_match(): an item that is not a single literal runs as a nested match, which
// pushes contexts onto st.m_ctxs and may move its storage, so the caller's context pointer is
// fetched again by index afterwards.
template <class C> int64_t count_in(State& st, Ctx*& ctx, Code const* pat, int64_t maxcount)
{
    size_t index = static_cast<size_t>(ctx - st.m_ctxs.data());
    int64_t n = count<C>(st, pat, maxcount);
    ctx = &st.m_ctxs[index];
    return n;
}

[[noreturn]] void internal_error()
{
    raise(&exc::RuntimeError, "internal error in regular expression engine");
}

#define LASTMARK_SAVE()                                         \
    do {                                                        \
        ctx->lastmark = static_cast<int32_t>(st.m_lastmark);    \
        ctx->lastindex = static_cast<int32_t>(st.m_lastindex);  \
    } while (0)
#define LASTMARK_RESTORE()               \
    do {                                 \
        st.m_lastmark = ctx->lastmark;   \
        st.m_lastindex = ctx->lastindex; \
    } while (0)
#define FAIL      \
    do {          \
        ret = 0;  \
        goto leave; \
    } while (0)
#define SUCCEED   \
    do {          \
        ret = 1;  \
        goto leave; \
    } while (0)
// Calls the sub-pattern at [next] from the current subject position state m_ptr; resumes at
// [label] with ret = 1 (matched, m_ptr at its end) or 0, and pat/ptr/ctx restored.
#define DO_JUMP(id, label, next, top)          \
    do {                                       \
        Code const* next_ = (next);            \
        bool top_ = (top);                     \
        ctx->pat = pat;                        \
        ctx->ptr = ptr;                        \
        st.m_ctxs.emplace_back();              \
        ctx = &st.m_ctxs.back();               \
        ctx->jump = (id);                      \
        ctx->toplevel = top_;                  \
        pat = next_;                           \
        goto entrance;                         \
    } while (0);                               \
    label:

template <class C> int run_match(State& st, Code const* pattern, bool toplevel)
{
    C const* const s = static_cast<C const*>(st.m_data);
    int64_t const end = st.m_end;
    size_t const base = st.m_ctxs.size();
    Code const* pat = pattern;
    int64_t ptr = 0;
    int ret = 0;
    st.m_ctxs.emplace_back();
    Ctx* ctx = &st.m_ctxs.back();
    ctx->jump = J_NONE;
    ctx->toplevel = toplevel;

entrance:
    ptr = st.m_ptr;
    if (pat[0] == OP_INFO) {
        // Minimum width check (the cast makes a position past the end pass, as CPython's does).
        if (pat[3] && static_cast<uint64_t>(end - ptr) < pat[3])
            FAIL;
        pat += pat[1] + 1;
    }

    for (;;) {
        if (PY_UNLIKELY((++st.m_sigcount & 0xfff) == 0))
            vm::poll_eval_breaker(tstate());
        switch (*pat++) {
        case OP_MARK: {
            int64_t i = pat[0];
            if (i & 1)
                st.m_lastindex = i / 2 + 1;
            if (i > st.m_lastmark) {
                for (int64_t j = st.m_lastmark + 1; j < i; j++)
                    st.m_marks[j] = -1;
                st.m_lastmark = i;
            }
            st.m_marks[i] = ptr;
            pat++;
            break;
        }
        case OP_LITERAL:
            if (ptr >= end || s[ptr] != pat[0])
                FAIL;
            pat++;
            ptr++;
            break;
        case OP_NOT_LITERAL:
            if (ptr >= end || s[ptr] == pat[0])
                FAIL;
            pat++;
            ptr++;
            break;
        case OP_SUCCESS:
            if (ctx->toplevel
                && ((st.m_match_all && ptr != st.m_end) || (st.m_must_advance && ptr == st.m_start)))
                FAIL;
            st.m_ptr = ptr;
            SUCCEED;
        case OP_AT:
            if (!at<C>(st, s, ptr, pat[0]))
                FAIL;
            pat++;
            break;
        case OP_CATEGORY:
            if (ptr >= end || !category(pat[0], s[ptr]))
                FAIL;
            pat++;
            ptr++;
            break;
        case OP_ANY:
            if (ptr >= end || s[ptr] == '\n')
                FAIL;
            ptr++;
            break;
        case OP_ANY_ALL:
            if (ptr >= end)
                FAIL;
            ptr++;
            break;
        case OP_IN:
            if (ptr >= end || !in_charset(pat + 1, s[ptr]))
                FAIL;
            pat += pat[0];
            ptr++;
            break;
        case OP_LITERAL_IGNORE:
            if (ptr >= end || lower_ascii(s[ptr]) != pat[0])
                FAIL;
            pat++;
            ptr++;
            break;
        case OP_LITERAL_UNI_IGNORE:
            if (ptr >= end || lower_unicode(s[ptr]) != pat[0])
                FAIL;
            pat++;
            ptr++;
            break;
        case OP_LITERAL_LOC_IGNORE:
            if (ptr >= end || !char_loc_ignore(pat[0], s[ptr]))
                FAIL;
            pat++;
            ptr++;
            break;
        case OP_NOT_LITERAL_IGNORE:
            if (ptr >= end || lower_ascii(s[ptr]) == pat[0])
                FAIL;
            pat++;
            ptr++;
            break;
        case OP_NOT_LITERAL_UNI_IGNORE:
            if (ptr >= end || lower_unicode(s[ptr]) == pat[0])
                FAIL;
            pat++;
            ptr++;
            break;
        case OP_NOT_LITERAL_LOC_IGNORE:
            if (ptr >= end || char_loc_ignore(pat[0], s[ptr]))
                FAIL;
            pat++;
            ptr++;
            break;
        case OP_IN_IGNORE:
            if (ptr >= end || !in_charset(pat + 1, lower_ascii(s[ptr])))
                FAIL;
            pat += pat[0];
            ptr++;
            break;
        case OP_IN_UNI_IGNORE:
            if (ptr >= end || !in_charset(pat + 1, lower_unicode(s[ptr])))
                FAIL;
            pat += pat[0];
            ptr++;
            break;
        case OP_IN_LOC_IGNORE:
            if (ptr >= end || !in_charset_loc_ignore(pat + 1, s[ptr]))
                FAIL;
            pat += pat[0];
            ptr++;
            break;
        case OP_JUMP:
        case OP_INFO:
            pat += pat[0];
            break;

        case OP_BRANCH:
            // <BRANCH> <skip> alternative <JUMP> ... <0>
            LASTMARK_SAVE();
            if (st.m_repeat)
                mark_push(st, ctx->lastmark);
            for (; pat[0]; pat += pat[0]) {
                if (pat[1] == OP_LITERAL && (ptr >= end || s[ptr] != pat[2]))
                    continue;
                if (pat[1] == OP_IN && (ptr >= end || !in_charset(pat + 3, s[ptr])))
                    continue;
                st.m_ptr = ptr;
                DO_JUMP(J_BRANCH, jump_branch, pat + 1, ctx->toplevel);
                if (ret) {
                    if (st.m_repeat)
                        mark_pop_discard(st, ctx->lastmark);
                    SUCCEED;
                }
                if (st.m_repeat)
                    mark_pop_keep(st, ctx->lastmark);
                LASTMARK_RESTORE();
            }
            if (st.m_repeat)
                mark_pop_discard(st, ctx->lastmark);
            FAIL;

        case OP_REPEAT_ONE:
            // <REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: greedy single-character
            // repeat; backtracks one character at a time.
            if (static_cast<int64_t>(pat[1]) > end - ptr)
                FAIL;
            st.m_ptr = ptr;
            {
                int64_t n = count_in<C>(st, ctx, pat + 3, pat[2]);
                ctx->count = n;
            }
            ptr += ctx->count;
            if (ctx->count < static_cast<int64_t>(pat[1]))
                FAIL;
            if (pat[pat[0]] == OP_SUCCESS && ptr == st.m_end
                && !(ctx->toplevel && st.m_must_advance && ptr == st.m_start)) {
                st.m_ptr = ptr;
                SUCCEED;
            }
            LASTMARK_SAVE();
            if (st.m_repeat)
                mark_push(st, ctx->lastmark);
            if (pat[pat[0]] == OP_LITERAL) {
                // The tail starts with a literal: only try positions followed by it.
                ctx->chr = pat[pat[0] + 1];
                for (;;) {
                    while (ctx->count >= static_cast<int64_t>(pat[1]) && (ptr >= end || s[ptr] != ctx->chr)) {
                        ptr--;
                        ctx->count--;
                    }
                    if (ctx->count < static_cast<int64_t>(pat[1]))
                        break;
                    st.m_ptr = ptr;
                    DO_JUMP(J_REPEAT_ONE_1, jump_repeat_one_1, pat + pat[0], ctx->toplevel);
                    if (ret) {
                        if (st.m_repeat)
                            mark_pop_discard(st, ctx->lastmark);
                        SUCCEED;
                    }
                    if (st.m_repeat)
                        mark_pop_keep(st, ctx->lastmark);
                    LASTMARK_RESTORE();
                    ptr--;
                    ctx->count--;
                }
            } else {
                while (ctx->count >= static_cast<int64_t>(pat[1])) {
                    st.m_ptr = ptr;
                    DO_JUMP(J_REPEAT_ONE_2, jump_repeat_one_2, pat + pat[0], ctx->toplevel);
                    if (ret) {
                        if (st.m_repeat)
                            mark_pop_discard(st, ctx->lastmark);
                        SUCCEED;
                    }
                    if (st.m_repeat)
                        mark_pop_keep(st, ctx->lastmark);
                    LASTMARK_RESTORE();
                    ptr--;
                    ctx->count--;
                }
            }
            if (st.m_repeat)
                mark_pop_discard(st, ctx->lastmark);
            FAIL;

        case OP_MIN_REPEAT_ONE:
            // <MIN_REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: lazy single-character
            // repeat; tries the tail first, then one more character.
            if (static_cast<int64_t>(pat[1]) > end - ptr)
                FAIL;
            st.m_ptr = ptr;
            if (pat[1] == 0) {
                ctx->count = 0;
            } else {
                {
                    int64_t n = count_in<C>(st, ctx, pat + 3, pat[1]);
                    ctx->count = n;
                }
                if (ctx->count < static_cast<int64_t>(pat[1]))
                    FAIL;
                ptr += ctx->count;
            }
            if (pat[pat[0]] == OP_SUCCESS
                && !(ctx->toplevel
                    && ((st.m_match_all && ptr != st.m_end) || (st.m_must_advance && ptr == st.m_start)))) {
                st.m_ptr = ptr;
                SUCCEED;
            }
            LASTMARK_SAVE();
            if (st.m_repeat)
                mark_push(st, ctx->lastmark);
            while (pat[2] == MAXREPEAT || ctx->count <= static_cast<int64_t>(pat[2])) {
                st.m_ptr = ptr;
                DO_JUMP(J_MIN_REPEAT_ONE, jump_min_repeat_one, pat + pat[0], ctx->toplevel);
                if (ret) {
                    if (st.m_repeat)
                        mark_pop_discard(st, ctx->lastmark);
                    SUCCEED;
                }
                if (st.m_repeat)
                    mark_pop_keep(st, ctx->lastmark);
                LASTMARK_RESTORE();
                st.m_ptr = ptr;
                if (count_in<C>(st, ctx, pat + 3, 1) == 0)
                    break;
                ptr++;
                ctx->count++;
            }
            if (st.m_repeat)
                mark_pop_discard(st, ctx->lastmark);
            FAIL;

        case OP_POSSESSIVE_REPEAT_ONE:
            // Like REPEAT_ONE, but never gives characters back.
            if (static_cast<int64_t>(pat[1]) > end - ptr)
                FAIL;
            st.m_ptr = ptr;
            {
                int64_t n = count_in<C>(st, ctx, pat + 3, pat[2]);
                ctx->count = n;
            }
            ptr += ctx->count;
            if (ctx->count < static_cast<int64_t>(pat[1]))
                FAIL;
            pat += pat[0];
            break;

        case OP_REPEAT:
            // <REPEAT> <skip> <min> <max> body <MAX_UNTIL|MIN_UNTIL> tail: the UNTIL opcode
            // does the work, using the Repeat record pushed here.
            st.m_repeats.push_back(Repeat { -1, pat, -1, st.m_repeat });
            ctx->rep = &st.m_repeats.back();
            st.m_repeat = ctx->rep;
            st.m_ptr = ptr;
            DO_JUMP(J_REPEAT, jump_repeat, pat + pat[0], ctx->toplevel);
            st.m_repeat = ctx->rep->prev;
            PY_ASSERT(&st.m_repeats.back() == ctx->rep, "SRE-1");
            st.m_repeats.pop_back();
            if (ret)
                SUCCEED;
            FAIL;

        case OP_MAX_UNTIL:
            ctx->rep = st.m_repeat;
            if (!ctx->rep)
                internal_error();
            st.m_ptr = ptr;
            ctx->count = ctx->rep->count + 1;
            if (ctx->count < static_cast<int64_t>(ctx->rep->pattern[1])) {
                // Not enough repetitions yet.
                ctx->rep->count = ctx->count;
                DO_JUMP(J_MAX_UNTIL_1, jump_max_until_1, ctx->rep->pattern + 3, ctx->toplevel);
                if (ret)
                    SUCCEED;
                ctx->rep->count = ctx->count - 1;
                st.m_ptr = ptr;
                FAIL;
            }
            if ((ctx->count < static_cast<int64_t>(ctx->rep->pattern[2]) || ctx->rep->pattern[2] == MAXREPEAT)
                && st.m_ptr != ctx->rep->last_ptr) {
                // Try one more repetition; an empty one at the same position is refused.
                ctx->rep->count = ctx->count;
                LASTMARK_SAVE();
                mark_push(st, ctx->lastmark);
                ctx->saved_last_ptr = ctx->rep->last_ptr;
                ctx->rep->last_ptr = st.m_ptr;
                DO_JUMP(J_MAX_UNTIL_2, jump_max_until_2, ctx->rep->pattern + 3, ctx->toplevel);
                ctx->rep->last_ptr = ctx->saved_last_ptr;
                if (ret) {
                    mark_pop_discard(st, ctx->lastmark);
                    SUCCEED;
                }
                mark_pop(st, ctx->lastmark);
                LASTMARK_RESTORE();
                ctx->rep->count = ctx->count - 1;
                st.m_ptr = ptr;
            }
            // No more repetitions here: the tail must match.
            st.m_repeat = ctx->rep->prev;
            DO_JUMP(J_MAX_UNTIL_3, jump_max_until_3, pat, ctx->toplevel);
            st.m_repeat = ctx->rep;
            if (ret)
                SUCCEED;
            st.m_ptr = ptr;
            FAIL;

        case OP_MIN_UNTIL:
            ctx->rep = st.m_repeat;
            if (!ctx->rep)
                internal_error();
            st.m_ptr = ptr;
            ctx->count = ctx->rep->count + 1;
            if (ctx->count < static_cast<int64_t>(ctx->rep->pattern[1])) {
                ctx->rep->count = ctx->count;
                DO_JUMP(J_MIN_UNTIL_1, jump_min_until_1, ctx->rep->pattern + 3, ctx->toplevel);
                if (ret)
                    SUCCEED;
                ctx->rep->count = ctx->count - 1;
                st.m_ptr = ptr;
                FAIL;
            }
            // Try the tail first.
            st.m_repeat = ctx->rep->prev;
            LASTMARK_SAVE();
            if (st.m_repeat)
                mark_push(st, ctx->lastmark);
            DO_JUMP(J_MIN_UNTIL_2, jump_min_until_2, pat, ctx->toplevel);
            {
                bool tail_in_repeat = st.m_repeat != nullptr;
                st.m_repeat = ctx->rep;
                if (ret) {
                    if (tail_in_repeat)
                        mark_pop_discard(st, ctx->lastmark);
                    SUCCEED;
                }
                if (tail_in_repeat)
                    mark_pop(st, ctx->lastmark);
            }
            LASTMARK_RESTORE();
            st.m_ptr = ptr;
            if ((ctx->count >= static_cast<int64_t>(ctx->rep->pattern[2]) && ctx->rep->pattern[2] != MAXREPEAT)
                || st.m_ptr == ctx->rep->last_ptr)
                FAIL;
            ctx->rep->count = ctx->count;
            ctx->saved_last_ptr = ctx->rep->last_ptr;
            ctx->rep->last_ptr = st.m_ptr;
            DO_JUMP(J_MIN_UNTIL_3, jump_min_until_3, ctx->rep->pattern + 3, ctx->toplevel);
            ctx->rep->last_ptr = ctx->saved_last_ptr;
            if (ret)
                SUCCEED;
            ctx->rep->count = ctx->count - 1;
            st.m_ptr = ptr;
            FAIL;

        case OP_POSSESSIVE_REPEAT:
            // <POSSESSIVE_REPEAT> <skip> <min> <max> body <SUCCESS> tail: each repetition is
            // atomic and the repeat never gives repetitions back.
            st.m_ptr = ptr;
            ctx->count = 0;
            while (ctx->count < static_cast<int64_t>(pat[1])) {
                DO_JUMP(J_POSS_REPEAT_1, jump_poss_repeat_1, pat + 3, false);
                if (!ret) {
                    st.m_ptr = ptr;
                    FAIL;
                }
                ctx->count++;
            }
            // ptr = -1 makes the first pass of the loop below run (no position equals it).
            ptr = -1;
            while ((ctx->count < static_cast<int64_t>(pat[2]) || pat[2] == MAXREPEAT) && st.m_ptr != ptr) {
                LASTMARK_SAVE();
                mark_push(st, ctx->lastmark);
                ptr = st.m_ptr;
                DO_JUMP(J_POSS_REPEAT_2, jump_poss_repeat_2, pat + 3, false);
                if (ret) {
                    mark_pop_discard(st, ctx->lastmark);
                    ctx->count++;
                } else {
                    mark_pop(st, ctx->lastmark);
                    LASTMARK_RESTORE();
                    st.m_ptr = ptr;
                    break;
                }
            }
            pat += pat[0] + 1;
            ptr = st.m_ptr;
            break;

        case OP_ATOMIC_GROUP:
            // <ATOMIC_GROUP> <skip> body <SUCCESS> tail
            st.m_ptr = ptr;
            DO_JUMP(J_ATOMIC_GROUP, jump_atomic_group, pat + 1, false);
            if (!ret) {
                st.m_ptr = ptr;
                FAIL;
            }
            ptr = st.m_ptr;
            pat += pat[0];
            break;

        case OP_GROUPREF:
        case OP_GROUPREF_IGNORE:
        case OP_GROUPREF_UNI_IGNORE:
        case OP_GROUPREF_LOC_IGNORE: {
            Code op = pat[-1];
            int64_t g = 2 * static_cast<int64_t>(pat[0]);
            if (g >= st.m_lastmark)
                FAIL;
            int64_t p = st.m_marks[g], e = st.m_marks[g + 1];
            if (p < 0 || e < 0 || e < p)
                FAIL;
            if (e - p > end - ptr)
                FAIL;
            for (; p < e; p++, ptr++) {
                uint32_t a = s[ptr], b = s[p];
                bool same;
                switch (op) {
                case OP_GROUPREF: same = a == b; break;
                case OP_GROUPREF_IGNORE: same = lower_ascii(a) == lower_ascii(b); break;
                case OP_GROUPREF_UNI_IGNORE: same = lower_unicode(a) == lower_unicode(b); break;
                default: same = lower_locale(a) == lower_locale(b); break;
                }
                if (!same)
                    FAIL;
            }
            pat++;
            break;
        }

        case OP_GROUPREF_EXISTS: {
            // <GROUPREF_EXISTS> <group> <skip> yes <JUMP> no
            int64_t g = 2 * static_cast<int64_t>(pat[0]);
            if (g >= st.m_lastmark) {
                pat += pat[1];
                break;
            }
            int64_t p = st.m_marks[g], e = st.m_marks[g + 1];
            if (p < 0 || e < 0 || e < p) {
                pat += pat[1];
                break;
            }
            pat += 2;
            break;
        }

        case OP_ASSERT:
            // <ASSERT> <skip> <back> pattern: lookahead (back 0) or fixed-width lookbehind.
            if (ptr < static_cast<int64_t>(pat[1]))
                FAIL;
            st.m_ptr = ptr - pat[1];
            DO_JUMP(J_ASSERT, jump_assert, pat + 2, false);
            if (!ret)
                FAIL;
            pat += pat[0];
            break;

        case OP_ASSERT_NOT:
            if (ptr >= static_cast<int64_t>(pat[1])) {
                st.m_ptr = ptr - pat[1];
                LASTMARK_SAVE();
                if (st.m_repeat)
                    mark_push(st, ctx->lastmark);
                DO_JUMP(J_ASSERT_NOT, jump_assert_not, pat + 2, false);
                if (ret) {
                    if (st.m_repeat)
                        mark_pop_discard(st, ctx->lastmark);
                    FAIL;
                }
                if (st.m_repeat)
                    mark_pop(st, ctx->lastmark);
                LASTMARK_RESTORE();
            }
            pat += pat[0];
            break;

        case OP_FAILURE:
            FAIL;

        default:
            internal_error();
        }
    }

leave : {
    uint8_t jump = ctx->jump;
    st.m_ctxs.pop_back();
    if (st.m_ctxs.size() == base)
        return ret;
    ctx = &st.m_ctxs.back();
    pat = ctx->pat;
    ptr = ctx->ptr;
    switch (jump) {
    case J_BRANCH: goto jump_branch;
    case J_REPEAT_ONE_1: goto jump_repeat_one_1;
    case J_REPEAT_ONE_2: goto jump_repeat_one_2;
    case J_MIN_REPEAT_ONE: goto jump_min_repeat_one;
    case J_REPEAT: goto jump_repeat;
    case J_MAX_UNTIL_1: goto jump_max_until_1;
    case J_MAX_UNTIL_2: goto jump_max_until_2;
    case J_MAX_UNTIL_3: goto jump_max_until_3;
    case J_MIN_UNTIL_1: goto jump_min_until_1;
    case J_MIN_UNTIL_2: goto jump_min_until_2;
    case J_MIN_UNTIL_3: goto jump_min_until_3;
    case J_POSS_REPEAT_1: goto jump_poss_repeat_1;
    case J_POSS_REPEAT_2: goto jump_poss_repeat_2;
    case J_ATOMIC_GROUP: goto jump_atomic_group;
    case J_ASSERT: goto jump_assert;
    case J_ASSERT_NOT: goto jump_assert_not;
    default: internal_error();
    }
}
}

template <class C> int run_search(State& st, Code const* code)
{
    C const* const s = static_cast<C const*>(st.m_data);
    int64_t ptr = st.m_start;
    int64_t end = st.m_end;
    if (ptr > end)
        return 0;
    Code const* pat = code;
    Code const* prefix = nullptr;
    int64_t prefix_len = 0;
    Code const* charset = nullptr;
    if (pat[0] == OP_INFO) {
        uint32_t flags = pat[2];
        if (pat[3] && end - ptr < static_cast<int64_t>(pat[3]))
            return 0;
        if (pat[3] > 1) {
            // No match can start in the last min-1 positions.
            end -= pat[3] - 1;
            if (end <= ptr)
                end = ptr;
        }
        if (flags & INFO_PREFIX) {
            prefix_len = pat[5];
            prefix = pat + 7;
        } else if (flags & INFO_CHARSET) {
            charset = pat + 5;
        }
        pat += pat[1] + 1;
    }

    if (prefix_len >= 1 || charset) {
        // Every match starts with the prefix (or a member of the charset), so it is not empty
        // and must_advance cannot matter; only candidate positions are tried.
        st.m_must_advance = false;
        int64_t const real_end = st.m_end;
        for (; ptr < end; ptr++) {
            if (prefix) {
                if (ptr + prefix_len > real_end)
                    return 0;
                int64_t i = 0;
                while (i < prefix_len && s[ptr + i] == prefix[i])
                    i++;
                if (i < prefix_len)
                    continue;
            } else if (!in_charset(charset, s[ptr])) {
                continue;
            }
            st.m_start = st.m_ptr = ptr;
            st.m_lastmark = st.m_lastindex = -1;
            if (run_match<C>(st, pat, false))
                return 1;
        }
        return 0;
    }

    st.m_start = st.m_ptr = ptr;
    int status = run_match<C>(st, pat, true);
    st.m_must_advance = false;
    if (status)
        return status;
    if (pat[0] == OP_AT && (pat[1] == AT_BEGINNING || pat[1] == AT_BEGINNING_STRING))
        return 0;
    while (ptr < end) {
        ptr++;
        st.m_lastmark = st.m_lastindex = -1;
        st.m_start = st.m_ptr = ptr;
        status = run_match<C>(st, pat, false);
        if (status)
            return status;
    }
    return 0;
}

} // namespace

int match(State& st, Code const* code)
{
    switch (st.m_charsize) {
    case 1: return run_match<uint8_t>(st, code, true);
    case 2: return run_match<uint16_t>(st, code, true);
    default: return run_match<uint32_t>(st, code, true);
    }
}

int search(State& st, Code const* code)
{
    switch (st.m_charsize) {
    case 1: return run_search<uint8_t>(st, code);
    case 2: return run_search<uint16_t>(st, code);
    default: return run_search<uint32_t>(st, code);
    }
}

} // namespace pystm::sre
