// Assembly of one code unit into a CodeObject (see assembler.h). Every pass is linear in the
// number of instructions (jump threading follows at most 16 jumps per instruction).
#include "compiler/assembler.h"
#include "gc/heap.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include <algorithm>
#include <cstdio>
#include <unordered_set>

namespace pystm::compiler {

using namespace vm;

namespace {

    bool is_unconditional_jump(uint16_t op)
    {
        return op == P_JUMP || op == JUMP_FORWARD || op == JUMP_BACKWARD;
    }

    bool ends_flow(uint16_t op)
    {
        return is_unconditional_jump(op) || op == RETURN_VALUE || op == RERAISE
            || op == RAISE_VARARGS;
    }

    bool is_setup(uint16_t op)
    {
        return op == SETUP_FINALLY || op == SETUP_CLEANUP || op == SETUP_WITH;
    }

} // namespace

CodeObject* assemble(InstrSeq& seq, UnitInfo& info)
{
    // 0. An unconditional jump to a small artificial block that leaves the function (the
    // implicit return) is replaced by a copy of that block, as CPython's optimizer does (so
    // each exit has its own line number).
    {
        auto& src = seq.instrs;
        size_t n0 = src.size();
        std::vector<bool> is_label(n0 + 1, false);
        for (int32_t l : seq.labels)
            if (l >= 0)
                is_label[l] = true;
        std::vector<Instr> res;
        res.reserve(n0);
        std::vector<int32_t> map(n0 + 1);
        for (size_t i = 0; i < n0; ++i) {
            map[i] = static_cast<int32_t>(res.size());
            Instr const& ins = src[i];
            if (ins.op == P_JUMP) {
                size_t t = static_cast<size_t>(seq.labels[ins.arg]);
                size_t end = t;
                bool ok = false;
                for (size_t j = t; j < n0 && j < t + 4; ++j) {
                    // Only artificial exits (the implicit "return None") are copied.
                    if ((j > t && is_label[j]) || src[j].kind == ArgKind::Label
                        || src[j].pos.line > 0)
                        break;
                    if (src[j].op == RETURN_VALUE || src[j].op == RAISE_VARARGS
                        || src[j].op == RERAISE) {
                        end = j;
                        ok = true;
                        break;
                    }
                }
                if (ok) {
                    for (size_t k = t; k <= end; ++k) {
                        Instr copy = src[k];
                        if (copy.pos.line <= 0)
                            copy.pos = ins.pos;
                        res.push_back(copy);
                    }
                    continue;
                }
            }
            res.push_back(ins);
        }
        map[n0] = static_cast<int32_t>(res.size());
        for (int32_t& l : seq.labels)
            if (l >= 0)
                l = map[l];
        src = std::move(res);
    }
    // 0b. An artificial exit block reached by several paths gets a private copy for each
    // conditional jump to it (CPython's duplicate_exits_without_lineno), placed after it, so
    // that every exit carries the line of the code that leads to it.
    {
        auto& src = seq.instrs;
        size_t n0 = src.size();
        std::vector<bool> is_label(n0 + 1, false);
        for (int32_t l : seq.labels)
            if (l >= 0)
                is_label[l] = true;
        // exit_end[t]: last index of the artificial exit block starting at t, or -1.
        auto exit_end = [&](size_t t) -> ptrdiff_t {
            for (size_t j = t; j < n0 && j < t + 4; ++j) {
                if ((j > t && is_label[j]) || src[j].kind == ArgKind::Label || src[j].pos.line > 0)
                    return -1;
                if (src[j].op == RETURN_VALUE)
                    return static_cast<ptrdiff_t>(j);
            }
            return -1;
        };
        std::vector<int> preds(n0 + 1, 0);
        for (size_t i = 0; i < n0; ++i) {
            if (src[i].kind == ArgKind::Label && !is_setup(src[i].op))
                preds[seq.labels[src[i].arg]]++;
            if (i + 1 < n0 && is_label[i + 1] && !ends_flow(src[i].op))
                preds[i + 1]++;
        }
        // copies_at[end]: the jumps (instruction indices) that get a copy of the block ending
        // there.
        std::unordered_map<size_t, std::vector<size_t>> copies_at;
        for (size_t i = 0; i < n0; ++i) {
            Instr const& ins = src[i];
            if (ins.kind != ArgKind::Label || is_setup(ins.op) || ins.op == P_JUMP)
                continue;
            size_t t = static_cast<size_t>(seq.labels[ins.arg]);
            if (t >= n0 || preds[t] <= 1)
                continue;
            ptrdiff_t e = exit_end(t);
            if (e < 0)
                continue;
            preds[t]--;
            copies_at[static_cast<size_t>(e)].push_back(i);
        }
        if (!copies_at.empty()) {
            std::vector<Instr> res;
            res.reserve(n0 + 4 * copies_at.size());
            std::vector<int32_t> map(n0 + 1);
            std::vector<std::pair<size_t, int>> retarget; // jump index -> new label
            for (size_t i = 0; i < n0; ++i) {
                map[i] = static_cast<int32_t>(res.size());
                res.push_back(src[i]);
                auto it = copies_at.find(i);
                if (it == copies_at.end())
                    continue;
                size_t t = static_cast<size_t>(seq.labels[src[it->second.front()].arg]);
                for (size_t k = it->second.size(); k-- > 0;) {
                    size_t j = it->second[k];
                    int l = seq.new_label();
                    seq.labels[l] = -2 - static_cast<int32_t>(res.size()); // resolved below
                    retarget.push_back({ j, l });
                    for (size_t c = t; c <= i; ++c) {
                        Instr copy = src[c];
                        if (copy.pos.line <= 0)
                            copy.pos = src[j].pos;
                        res.push_back(copy);
                    }
                }
            }
            map[n0] = static_cast<int32_t>(res.size());
            for (int32_t& l : seq.labels) {
                if (l >= 0)
                    l = map[l];
                else if (l <= -2)
                    l = -2 - l; // already an index into res
            }
            for (auto [j, l] : retarget)
                res[map[j]].arg = l;
            src = std::move(res);
        }
    }
    auto& in = seq.instrs;
    size_t n = in.size();
    auto target_of = [&](Instr const& ins) { return static_cast<size_t>(seq.labels[ins.arg]); };

    // 1. Reachability (dead code after return/raise/jump is dropped, as CPython does).
    std::vector<bool> keep(n, false);
    {
        std::vector<size_t> work;
        auto push = [&](size_t i) {
            if (i < n && !keep[i]) {
                keep[i] = true;
                work.push_back(i);
            }
        };
        push(0);
        while (!work.empty()) {
            size_t i = work.back();
            work.pop_back();
            Instr const& ins = in[i];
            if (ins.kind == ArgKind::Label)
                push(target_of(ins));
            if (!ends_flow(ins.op))
                push(i + 1);
        }
    }
    // 2. Redundant NOPs: kept only when they carry a line number nothing else carries.
    {
        int prev_line = -1;
        for (size_t i = 0; i < n; ++i) {
            if (!keep[i])
                continue;
            Instr& ins = in[i];
            if (ins.op == NOP) {
                int line = ins.pos.line;
                if (line <= 0 || line == prev_line) {
                    keep[i] = false;
                    continue;
                }
                size_t j = i + 1;
                while (j < n && !keep[j])
                    ++j;
                if (j < n && (in[j].pos.line <= 0 || in[j].pos.line == line)) {
                    if (in[j].pos.line <= 0)
                        in[j].pos = ins.pos;
                    keep[i] = false;
                    continue;
                }
            }
            prev_line = ins.pos.line;
        }
    }
    std::vector<size_t> next_kept(n + 1);
    auto compute_next_kept = [&] {
        next_kept[n] = n;
        for (size_t i = n; i-- > 0;)
            next_kept[i] = keep[i] ? i : next_kept[i + 1];
    };
    compute_next_kept();
    // 3. Jump threading, as CPython's optimizer: a jump to an unconditional jump goes straight
    // to its target; JUMP_IF_X_OR_POP to a test of the same value is resolved statically.
    for (size_t i = 0; i < n; ++i) {
        if (!keep[i] || in[i].kind != ArgKind::Label)
            continue;
        Instr& ins = in[i];
        bool threadable = ins.op == P_JUMP
            || (ins.op >= P_POP_JUMP_IF_FALSE && ins.op <= P_POP_JUMP_IF_NOT_NONE)
            || ins.op == JUMP_IF_FALSE_OR_POP || ins.op == JUMP_IF_TRUE_OR_POP;
        if (!threadable)
            continue;
        for (int guard = 0; guard < 16; ++guard) {
            size_t t = next_kept[target_of(ins)];
            if (t >= n || t == i)
                break;
            Instr const& tgt = in[t];
            // CPython threads only between jumps of the same line (artificial ones have none).
            if (ins.pos.line != tgt.pos.line)
                break;
            if (tgt.op == P_JUMP) {
                if (next_kept[target_of(tgt)] == t)
                    break;
                ins.arg = tgt.arg;
                continue;
            }
            bool jf = ins.op == JUMP_IF_FALSE_OR_POP, jt = ins.op == JUMP_IF_TRUE_OR_POP;
            if ((jf && tgt.op == P_POP_JUMP_IF_FALSE) || (jt && tgt.op == P_POP_JUMP_IF_TRUE)) {
                ins.op = jf ? P_POP_JUMP_IF_FALSE : P_POP_JUMP_IF_TRUE;
                ins.arg = tgt.arg;
                continue;
            }
            if ((jf && tgt.op == JUMP_IF_FALSE_OR_POP) || (jt && tgt.op == JUMP_IF_TRUE_OR_POP)) {
                ins.arg = tgt.arg;
                continue;
            }
            if ((jf && (tgt.op == JUMP_IF_TRUE_OR_POP || tgt.op == P_POP_JUMP_IF_TRUE))
                || (jt && (tgt.op == JUMP_IF_FALSE_OR_POP || tgt.op == P_POP_JUMP_IF_FALSE))) {
                // The value fails the target's test: continue after it, popping the value.
                ins.op = jf ? P_POP_JUMP_IF_FALSE : P_POP_JUMP_IF_TRUE;
                int l = seq.new_label();
                seq.labels[l] = static_cast<int32_t>(t + 1);
                ins.arg = l;
                continue;
            }
            break;
        }
    }
    // Threading can orphan code: recompute reachability over the kept instructions.
    {
        std::vector<bool> reach(n, false);
        std::vector<size_t> work;
        auto push = [&](size_t i) {
            i = next_kept[i];
            if (i < n && !reach[i]) {
                reach[i] = true;
                work.push_back(i);
            }
        };
        push(0);
        while (!work.empty()) {
            size_t i = work.back();
            work.pop_back();
            if (in[i].kind == ArgKind::Label)
                push(target_of(in[i]));
            if (!ends_flow(in[i].op))
                push(i + 1);
        }
        keep = std::move(reach);
        compute_next_kept();
    }
    // 4. Unconditional jumps to the next kept instruction are dropped: one backward sweep, so
    // that chains of such jumps collapse without repeated passes.
    {
        next_kept[n] = n;
        for (size_t i = n; i-- > 0;) {
            if (keep[i] && in[i].op == P_JUMP) {
                size_t t = target_of(in[i]);
                if (t > i && next_kept[t] == next_kept[i + 1])
                    keep[i] = false;
            }
            next_kept[i] = keep[i] ? i : next_kept[i + 1];
        }
    }

    // 5. Localsplus layout.
    std::vector<std::string> lp_names;
    std::vector<uint8_t> lp_kinds;
    std::unordered_map<std::string, int> var_slot;
    for (auto const& v : info.varnames) {
        var_slot[v] = static_cast<int>(lp_names.size());
        lp_names.push_back(v);
        lp_kinds.push_back(CO_FAST_LOCAL);
    }
    int nlocals = static_cast<int>(lp_names.size());
    std::vector<int> cell_slot(info.cellvars.size());
    int nplaincells = 0;
    for (size_t i = 0; i < info.cellvars.size(); ++i) {
        auto it = var_slot.find(info.cellvars[i]);
        if (it != var_slot.end()) {
            cell_slot[i] = it->second;
            lp_kinds[it->second] |= CO_FAST_CELL;
        } else {
            cell_slot[i] = static_cast<int>(lp_names.size());
            lp_names.push_back(info.cellvars[i]);
            lp_kinds.push_back(CO_FAST_CELL);
            ++nplaincells;
        }
    }
    std::vector<int> free_slot(info.freevars.size());
    for (size_t i = 0; i < info.freevars.size(); ++i) {
        free_slot[i] = static_cast<int>(lp_names.size());
        lp_names.push_back(info.freevars[i]);
        lp_kinds.push_back(CO_FAST_FREE);
    }

    // 6. Final instruction list: prefix, then the kept instructions.
    std::vector<Instr> out;
    if (!info.freevars.empty())
        out.push_back(Instr { COPY_FREE_VARS, ArgKind::Plain,
            static_cast<int32_t>(info.freevars.size()), Position {} });
    for (size_t s = 0; s < lp_kinds.size(); ++s)
        if ((lp_kinds[s] & CO_FAST_CELL) && !(lp_kinds[s] & CO_FAST_FREE))
            out.push_back(
                Instr { MAKE_CELL, ArgKind::Plain, static_cast<int32_t>(s), Position {} });
    size_t prefix = out.size();
    std::vector<size_t> new_index(n + 1);
    {
        size_t k = prefix;
        for (size_t i = 0; i < n; ++i) {
            new_index[i] = k;
            if (keep[i])
                ++k;
        }
        new_index[n] = k;
    }
    // A block entered only by jumps takes the location of the first jump to it (exception
    // handlers, entered by no jump, keep none).
    std::vector<Position> jump_pos(n + 1);
    for (size_t i = 0; i < n; ++i) {
        if (!keep[i] || in[i].kind != ArgKind::Label || is_setup(in[i].op) || in[i].pos.line <= 0)
            continue;
        size_t t = next_kept[target_of(in[i])];
        if (jump_pos[t].line <= 0)
            jump_pos[t] = in[i].pos;
    }
    Position last_pos { info.firstlineno, info.firstlineno, -1, -1 };
    bool fallthrough = true;
    for (size_t i = 0; i < n; ++i) {
        if (!keep[i])
            continue;
        Instr ins = in[i];
        // Artificial instructions take the location of the one before them when control
        // falls through from it; after a jump, return or raise they have none.
        if (ins.pos.line <= 0) {
            if (fallthrough)
                ins.pos = last_pos;
            else
                ins.pos = jump_pos[i];
        }
        last_pos = ins.pos;
        fallthrough = !ends_flow(ins.op);
        if (ins.kind == ArgKind::Label) {
            size_t t = new_index[next_kept[target_of(ins)]];
            size_t self = out.size();
            bool backward = t <= self;
            switch (ins.op) {
            case P_JUMP:
                ins.op = backward ? JUMP_BACKWARD : JUMP_FORWARD;
                break;
            case P_POP_JUMP_IF_FALSE:
                ins.op = backward ? POP_JUMP_BACKWARD_IF_FALSE : POP_JUMP_FORWARD_IF_FALSE;
                break;
            case P_POP_JUMP_IF_TRUE:
                ins.op = backward ? POP_JUMP_BACKWARD_IF_TRUE : POP_JUMP_FORWARD_IF_TRUE;
                break;
            case P_POP_JUMP_IF_NONE:
                ins.op = backward ? POP_JUMP_BACKWARD_IF_NONE : POP_JUMP_FORWARD_IF_NONE;
                break;
            case P_POP_JUMP_IF_NOT_NONE:
                ins.op = backward ? POP_JUMP_BACKWARD_IF_NOT_NONE : POP_JUMP_FORWARD_IF_NOT_NONE;
                break;
            default:
                break;
            }
            ins.arg = static_cast<int32_t>(t);
        } else if (ins.kind == ArgKind::Cell) {
            ins.arg = cell_slot[ins.arg];
        } else if (ins.kind == ArgKind::Free) {
            ins.arg = free_slot[ins.arg];
        }
        ins.kind = ArgKind::Plain;
        out.push_back(ins);
    }

    // 7. Stack and block depth over every path (ASM-1).
    size_t m = out.size();
    std::vector<int> depth(m, -1), bdepth(m, -1);
    int maxdepth = 0, maxblock = 0;
    {
        std::vector<size_t> work;
        auto reach = [&](size_t i, int d, int b) {
            if (i >= m)
                return;
            if (depth[i] < 0) {
                depth[i] = d;
                bdepth[i] = b;
                work.push_back(i);
            } else if (depth[i] != d || bdepth[i] != b) {
#ifndef NDEBUG
                std::fprintf(stderr,
                    "pystm compiler: inconsistent stack depth at %zu in %s (%d vs %d, blocks %d vs "
                    "%d)\n",
                    i, info.qualname.c_str(), depth[i], d, bdepth[i], b);
#endif
                if (d > depth[i]) {
                    depth[i] = d;
                    work.push_back(i);
                }
            }
        };
        reach(0, 0, 0);
        while (!work.empty()) {
            size_t i = work.back();
            work.pop_back();
            Instr const& ins = out[i];
            int d = depth[i], b = bdepth[i];
            uint32_t arg = static_cast<uint32_t>(ins.arg);
            Opcode op = static_cast<Opcode>(ins.op);
            if (is_jump(op)) {
                int dj = d + stack_effect(op, arg, true);
                maxdepth = std::max(maxdepth, dj);
                reach(static_cast<size_t>(ins.arg), dj, b);
            }
            if (ends_flow(op))
                continue;
            int dn = d + stack_effect(op, arg, false);
            maxdepth = std::max(maxdepth, dn);
            int bn = b;
            if (is_setup(op))
                bn = b + 1;
            else if (op == POP_BLOCK)
                bn = b - 1;
            maxblock = std::max(maxblock, bn);
            reach(i + 1, dn, bn);
        }
    }

    // 8. Unused constants are dropped (index 0, a possible docstring, stays).
    std::vector<Value> consts;
    {
        std::vector<int32_t> remap(info.consts.size(), -1);
        if (!info.consts.empty()) {
            remap[0] = 0;
            consts.push_back(info.consts[0]);
        }
        for (Instr& ins : out) {
            if (ins.op < OPCODE_COUNT && g_opcode_info[ins.op].arg_kind == ARG_CONST) {
                int32_t& r = remap[ins.arg];
                if (r < 0) {
                    r = static_cast<int32_t>(consts.size());
                    consts.push_back(info.consts[ins.arg]);
                }
                ins.arg = r;
            }
        }
    }

    // 9. The code object.
    auto* co = gc::make<CodeObject>(&code_type);
    co->m_argcount = info.argcount;
    co->m_posonlyargcount = info.posonlyargcount;
    co->m_kwonlyargcount = info.kwonlyargcount;
    co->m_flags = info.flags;
    co->m_stacksize = maxdepth;
    co->m_blockdepth = maxblock;
    co->m_firstlineno = info.firstlineno;
    co->m_code.reserve(m);
    co->m_positions.reserve(m);
    for (Instr const& ins : out) {
        co->m_code.push_back(
            make_instr(static_cast<uint8_t>(ins.op), static_cast<uint32_t>(ins.arg)));
        co->m_positions.push_back(ins.pos);
    }
    co->m_consts = tuple_from(consts.data(), static_cast<int64_t>(consts.size()));
    TupleObject* names = tuple_new(static_cast<int64_t>(info.names.size()));
    for (size_t i = 0; i < info.names.size(); ++i)
        names->items()[i] = Value(intern(info.names[i]));
    co->m_names = names;
    TupleObject* lpn = tuple_new(static_cast<int64_t>(lp_names.size()));
    for (size_t i = 0; i < lp_names.size(); ++i)
        lpn->items()[i] = Value(intern(lp_names[i]));
    co->m_localsplusnames = lpn;
    co->m_localspluskinds = std::move(lp_kinds);
    co->m_nlocals = nlocals;
    co->m_ncellvars = static_cast<int32_t>(info.cellvars.size());
    co->m_nfreevars = static_cast<int32_t>(info.freevars.size());
    co->m_filename = str_from_utf8(info.filename);
    co->m_name = intern(info.name);
    co->m_qualname = str_from_utf8(info.qualname);
    (void)nplaincells;
    return co;
}

} // namespace pystm::compiler
