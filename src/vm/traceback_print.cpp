// print_exception(): CPython 3.11's default exception display, byte for byte.
//
// Layout: the __cause__ / __context__ chain first (with the two separator sentences), then for
// each exception "Traceback (most recent call last):", one `  File "f", line N, in name` entry
// per traceback entry with the stripped source line and, when the instruction covers only part
// of the line, a marker line (3.11 rules: `~` under the operands and `^` under the operator of
// a binary operation, `~` under the value and `^` under the subscript of an indexing, found by
// re-parsing the segment), "[Previous line repeated N more times]" for runs longer than three,
// at most sys.tracebacklimit (1000) entries, then "Type: message" (the type qualified by its
// module unless that is builtins or __main__), the "Did you mean" hint of
// NameError / AttributeError, and __notes__. SyntaxError gets its own location layout.
// An exception group prints its members in numbered nested boxes ("| " margins, at most 15
// members and 10 levels shown). Source lines come from a small file cache (linecache's role).
#include "builtins/builtins.h"
#include "compiler/parser.h"
#include "gc/heap.h"
#include "vm/interpreter.h"
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/exceptions_internal.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/frame.h"
#include "vm/traceback.h"
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <unistd.h>
#include <unordered_set>
#include <vector>

namespace pystm {

namespace {

// --- source lines ----------------------------------------------------------------------------

std::mutex s_lines_mutex;
std::map<std::string, std::vector<std::string>> s_lines;

// Line [lineno] (1-based) of [filename] without its newline; false if unavailable.
bool source_line(std::string const& filename, int lineno, std::string* out)
{
    if (lineno < 1 || filename.empty() || filename[0] == '<')
        return false;
    std::lock_guard lock(s_lines_mutex);
    auto it = s_lines.find(filename);
    if (it == s_lines.end()) {
        std::vector<std::string> lines;
        std::ifstream in(filename, std::ios::binary);
        if (in) {
            std::string line;
            while (std::getline(in, line)) {
                if (!line.empty() && line.back() == '\r')
                    line.pop_back();
                lines.push_back(line);
            }
        }
        it = s_lines.emplace(filename, std::move(lines)).first;
    }
    if (static_cast<size_t>(lineno) > it->second.size())
        return false;
    *out = it->second[static_cast<size_t>(lineno - 1)];
    return true;
}

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// Number of code points in the first [bytes] bytes of [s].
int64_t char_offset(std::string const& s, int64_t bytes)
{
    if (bytes > static_cast<int64_t>(s.size()))
        bytes = static_cast<int64_t>(s.size());
    int64_t n = 0;
    for (int64_t i = 0; i < bytes; ++i)
        if ((static_cast<unsigned char>(s[static_cast<size_t>(i)]) & 0xC0) != 0x80)
            n++;
    return n;
}

// Byte offset of code point [chars] in [s].
size_t byte_offset(std::string const& s, int64_t chars)
{
    size_t i = 0;
    int64_t n = 0;
    while (i < s.size()) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (n == chars)
                return i;
            n++;
        }
        i++;
    }
    return s.size();
}

// CPython 3.11's extract_anchors_from_line: anchors (character offsets in the line) of the
// operator of a binary operation or the subscript of an indexing that spans [start, end).
bool extract_anchors(std::string const& line, int64_t start, int64_t end, int64_t* left, int64_t* right,
    char* primary, char* secondary)
{
    size_t b0 = byte_offset(line, start), b1 = byte_offset(line, end);
    if (b1 <= b0)
        return false;
    std::string segment = line.substr(b0, b1 - b0);
    ast::Arena arena;
    ast::Mod* mod = nullptr;
    try {
        mod = compiler::parse(arena, segment, "<string>", compiler::ParseMode::Exec);
    } catch (...) {
        return false;
    }
    if (!mod || mod->body.empty() || mod->body[0]->kind != ast::StmtKind::Expr)
        return false;
    ast::Expr* e = static_cast<ast::ExprStmt*>(mod->body[0])->value;
    if (!e)
        return false;
    if (e->kind == ast::ExprKind::BinOp) {
        auto* b = static_cast<ast::BinOpExpr*>(e);
        // Only single-line segments reach here, so columns are byte offsets in [segment].
        int from = b->left->loc.end_col, to = b->right->loc.col;
        for (int i = from; i < to; ++i) {
            if (is_ws(segment[static_cast<size_t>(i)]) || segment[static_cast<size_t>(i)] == '\n')
                continue;
            *left = start + char_offset(segment, i);
            *right = start + char_offset(segment, i + 1);
            if (i + 1 < to && !is_ws(segment[static_cast<size_t>(i + 1)]))
                ++*right;
            if (i + 1 < to && segment[static_cast<size_t>(i)] == ')')
                continue;
            *primary = '^';
            *secondary = '~';
            break;
        }
        return true;
    }
    if (e->kind == ast::ExprKind::Subscript) {
        auto* s = static_cast<ast::SubscriptExpr*>(e);
        *left = start + char_offset(segment, s->value->loc.end_col);
        *right = start + char_offset(segment, s->slice->loc.end_col) + 1;
        *primary = '^';
        *secondary = '~';
        return true;
    }
    return false;
}

// [prefix]: the indent and margin of the enclosing exception group, written before each line.
void display_line(std::string& out, TracebackObject* tb, std::string const& prefix)
{
    auto* f = static_cast<vm::Frame*>(tb->m_frame);
    CodeObject* co = f->m_code;
    std::string filename = co->m_filename ? str_utf8(co->m_filename) : "???";
    std::string name = co->m_name ? str_utf8(co->m_name) : "???";
    int lineno = tb->m_lineno;
    out += prefix + "  File \"" + filename + "\", line " + std::to_string(lineno) + ", in " + name + "\n";
    std::string line;
    if (!source_line(filename, lineno, &line))
        return;
    size_t lead = 0;
    while (lead < line.size() && is_ws(line[lead]))
        lead++;
    size_t endpos = line.size();
    while (endpos > lead && (is_ws(line[endpos - 1]) || line[endpos - 1] == '\n' || line[endpos - 1] == '\r'))
        endpos--;
    std::string stripped = line.substr(lead, endpos - lead);
    if (stripped.empty())
        return;
    out += prefix + "    " + stripped + "\n";

    if (tb->m_lasti < 0 || static_cast<size_t>(tb->m_lasti) >= co->m_positions.size())
        return;
    Position const& p = co->m_positions[static_cast<size_t>(tb->m_lasti)];
    if (p.line <= 0 || p.end_line <= 0 || p.col < 0 || p.end_col < 0 || p.line != lineno)
        return;
    std::string full = line.substr(0, endpos);
    int64_t start = char_offset(full, p.col);
    int64_t end = char_offset(line, p.end_col);
    int64_t left = -1, right = -1;
    char primary = '^', secondary = '^';
    if (p.line == p.end_line) {
        extract_anchors(line, start, end, &left, &right, &primary, &secondary);
    } else {
        end = char_offset(full, static_cast<int64_t>(full.size()));
    }
    int64_t lead_chars = char_offset(line, static_cast<int64_t>(lead));
    int64_t stripped_len = char_offset(full, static_cast<int64_t>(full.size())) - lead_chars;
    bool special = left != -1 || right != -1;
    if (end - start == stripped_len && !special)
        return;
    std::string carets = "    ";
    for (int64_t off = lead_chars + 1; off <= end; ++off) {
        if (off <= start)
            carets += ' ';
        else if (special && left < off && off <= right)
            carets += primary;
        else
            carets += secondary;
    }
    out += prefix + carets + "\n";
}

int traceback_limit()
{
    Value lim = sys_get("tracebacklimit");
    if (lim && is_int(lim)) {
        int64_t v;
        if (int_to_i64(lim, &v))
            return v < 0 ? 0 : static_cast<int>(v > 1000000 ? 1000000 : v);
    }
    return 1000;
}

// [header_prefix] precedes the header line, [prefix] every entry; the "[Previous line repeated"
// line has neither, as in CPython.
void print_tb(std::string& out, Value tbv, std::string const& header_prefix, std::string const& header,
    std::string const& prefix)
{
    int limit = traceback_limit();
    if (limit <= 0)
        return;
    int depth = 0;
    for (Value t = tbv; t; t = t.as<TracebackObject>()->m_next)
        depth++;
    Value t = tbv;
    while (depth > limit) {
        depth--;
        t = t.as<TracebackObject>()->m_next;
    }
    out += header_prefix + header;
    StrObject* last_file = nullptr;
    StrObject* last_name = nullptr;
    int last_line = -1;
    int cnt = 0;
    auto repeated = [&](int n) {
        n -= 3;
        out += "  [Previous line repeated " + std::to_string(n) + " more time" + (n > 1 ? "s" : "") + "]\n";
    };
    for (; t; t = t.as<TracebackObject>()->m_next) {
        auto* tb = t.as<TracebackObject>();
        CodeObject* co = static_cast<vm::Frame*>(tb->m_frame)->m_code;
        if (!last_file || co->m_filename != last_file || last_line == -1 || tb->m_lineno != last_line || !last_name
            || co->m_name != last_name) {
            if (cnt > 3)
                repeated(cnt);
            last_file = co->m_filename;
            last_line = tb->m_lineno;
            last_name = co->m_name;
            cnt = 0;
        }
        cnt++;
        if (cnt <= 3)
            display_line(out, tb, prefix);
    }
    if (cnt > 3)
        repeated(cnt);
}

// --- "Did you mean" ----------------------------------------------------------------------------

constexpr int MOVE_COST = 2;
constexpr int CASE_COST = 1;
constexpr size_t MAX_STRING_SIZE = 40;
constexpr size_t MAX_CANDIDATE_ITEMS = 750;

int substitution_cost(char a, char b)
{
    if ((a & 31) != (b & 31))
        return MOVE_COST;
    if (a == b)
        return 0;
    if (a >= 'A' && a <= 'Z')
        a = static_cast<char>(a + ('a' - 'A'));
    if (b >= 'A' && b <= 'Z')
        b = static_cast<char>(b + ('a' - 'A'));
    return a == b ? CASE_COST : MOVE_COST;
}

int64_t levenshtein(std::string a, std::string b, int64_t max_cost)
{
    if (a == b)
        return 0;
    size_t pre = 0;
    while (pre < a.size() && pre < b.size() && a[pre] == b[pre])
        pre++;
    a = a.substr(pre);
    b = b.substr(pre);
    while (!a.empty() && !b.empty() && a.back() == b.back()) {
        a.pop_back();
        b.pop_back();
    }
    if (a.empty() || b.empty())
        return static_cast<int64_t>(a.size() + b.size()) * MOVE_COST;
    if (a.size() > MAX_STRING_SIZE || b.size() > MAX_STRING_SIZE)
        return max_cost + 1;
    if (b.size() < a.size())
        std::swap(a, b);
    if (static_cast<int64_t>(b.size() - a.size()) * MOVE_COST > max_cost)
        return max_cost + 1;
    std::vector<int64_t> buffer(a.size());
    for (size_t i = 0; i < a.size(); ++i)
        buffer[i] = static_cast<int64_t>(i + 1) * MOVE_COST;
    int64_t result = 0;
    for (size_t bi = 0; bi < b.size(); ++bi) {
        char code = b[bi];
        int64_t distance = result = static_cast<int64_t>(bi) * MOVE_COST;
        int64_t minimum = INT64_MAX;
        for (size_t index = 0; index < a.size(); ++index) {
            int64_t substitute = distance + substitution_cost(code, a[index]);
            distance = buffer[index];
            int64_t insert_delete = std::min(result, distance) + MOVE_COST;
            result = std::min(insert_delete, substitute);
            buffer[index] = result;
            if (result < minimum)
                minimum = result;
        }
        if (minimum > max_cost)
            return max_cost + 1;
    }
    return result;
}

Value calculate_suggestion(std::vector<Value> const& dir, StrObject* name)
{
    if (dir.size() >= MAX_CANDIDATE_ITEMS)
        return Value();
    std::string n = str_utf8(name);
    int64_t best_distance = INT64_MAX;
    Value best;
    for (Value item : dir) {
        if (!is_str(item))
            continue;
        std::string s = str_utf8(item);
        if (s == n)
            continue;
        int64_t max_distance = static_cast<int64_t>(n.size() + s.size() + 3) * MOVE_COST / 6;
        if (best_distance - 1 < max_distance)
            max_distance = best_distance - 1;
        int64_t d = levenshtein(n, s, max_distance);
        if (d > max_distance)
            continue;
        if (!best || d < best_distance) {
            best = item;
            best_distance = d;
        }
    }
    return best;
}

std::vector<Value> dict_keys_of(DictObject* d)
{
    std::vector<Value> keys;
    int64_t pos = 0;
    Value k, v;
    while (dict_next(d, &pos, &k, &v))
        keys.push_back(k);
    return keys;
}

std::string suggestion_for(Value exc)
{
    try {
        Type* t = type_of(exc);
        bool name_error = t->is_subtype(&exc::NameError);
        bool attr_error = t->is_subtype(&exc::AttributeError);
        if (!name_error && !attr_error)
            return "";
        Value name = py_getattr_opt(exc, names::name);
        if (!name || !is_str(name))
            return "";
        Value best;
        if (attr_error) {
            Value obj = py_getattr_opt(exc, names::obj);
            if (!obj)
                return "";
            Value dirfn = dict_get_cstr(vm::builtins_dict(), "dir");
            if (!dirfn)
                return "";
            Value lst = py_call1(dirfn, obj);
            gc::RootedValues items;
            list_snapshot(lst.as<ListObject>(), items);
            best = calculate_suggestion(std::vector<Value>(items.begin(), items.end()), name.as<StrObject>());
        } else {
            Value tbv = exc.as<BaseExceptionObject>()->m_traceback;
            if (!tbv)
                return "";
            while (tbv.as<TracebackObject>()->m_next)
                tbv = tbv.as<TracebackObject>()->m_next;
            auto* f = static_cast<vm::Frame*>(tbv.as<TracebackObject>()->m_frame);
            std::vector<Value> varnames;
            CodeObject* co = f->m_code;
            for (int32_t i = 0; i < co->nlocalsplus(); ++i)
                if (co->m_localspluskinds[i] & CO_FAST_LOCAL)
                    varnames.push_back(co->m_localsplusnames->item(i));
            best = calculate_suggestion(varnames, name.as<StrObject>());
            if (!best)
                best = calculate_suggestion(dict_keys_of(f->m_globals), name.as<StrObject>());
            if (!best)
                best = calculate_suggestion(dict_keys_of(f->m_builtins), name.as<StrObject>());
        }
        if (!best)
            return "";
        return ". Did you mean: '" + str_utf8(best) + "'?";
    } catch (PyError&) {
        take_exception();
        return "";
    }
}

// --- one exception ---------------------------------------------------------------------------

std::string safe_str(Value v, bool* ok)
{
    try {
        *ok = true;
        return str_utf8(py_str(v));
    } catch (PyError&) {
        take_exception();
        *ok = false;
        return "";
    }
}

bool print_syntax_error_location(std::string& out, Value exc, std::string const& margin)
{
    Value filename = py_getattr_opt(exc, names::filename);
    Value lineno = py_getattr_opt(exc, names::lineno);
    Value offset = py_getattr_opt(exc, names::offset);
    Value end_offset = py_getattr_opt(exc, names::end_offset);
    Value end_lineno = py_getattr_opt(exc, names::end_lineno);
    Value text = py_getattr_opt(exc, names::text);
    // CPython's parse_syntax_error() fails without an int lineno, and nothing is printed.
    if (!lineno || !is_int(lineno))
        return false;
    std::string fn = filename && !is_none(filename) ? str_utf8(py_str(filename)) : "<string>";
    int64_t ln = 0;
    int_to_i64(lineno, &ln);
    out += margin + "  File \"" + fn + "\", line " + std::to_string(ln) + "\n";
    if (!text || is_none(text) || !is_str(text))
        return true;
    int64_t off = 0, end_off = 0, end_ln = ln;
    if (offset && is_int(offset))
        int_to_i64(offset, &off);
    if (end_offset && is_int(end_offset))
        int_to_i64(end_offset, &end_off);
    if (end_lineno && is_int(end_lineno))
        int_to_i64(end_lineno, &end_ln);
    // CPython marks an indentation error with a single caret, whatever its end offset.
    if (isinstance(exc, &exc::IndentationError))
        end_off = off + 1;
    std::string t = str_utf8(text);
    // Offsets are 1-based character columns; work on code points.
    std::u32string cps;
    for (size_t i = 0; i < t.size();) {
        unsigned char c = static_cast<unsigned char>(t[i]);
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        cps.push_back(c);
        i += static_cast<size_t>(len);
    }
    int64_t o = off - 1;
    int64_t e = end_off - 1;
    size_t b = 0, ci = 0;
    while (b < t.size() && is_ws(t[b])) {
        b++;
        ci++;
        o--;
        e--;
    }
    std::string rest = t.substr(b);
    int64_t len = char_offset(rest, static_cast<int64_t>(rest.size()));
    if (!rest.empty() && rest.back() == '\n')
        len--;
    if (o > len)
        o = len;
    // Skip past embedded newlines before the offset.
    for (;;) {
        size_t nl = rest.find('\n');
        if (nl == std::string::npos)
            break;
        int64_t inl = char_offset(rest, static_cast<int64_t>(nl));
        if (inl >= o)
            break;
        inl += 1;
        rest = rest.substr(nl + 1);
        len -= inl;
        o -= inl;
        e -= inl;
    }
    out += "    " + rest;
    if (rest.empty() || rest.back() != '\n')
        out += "\n";
    if (o < 0)
        return true;
    std::string printed = rest;
    if (!printed.empty() && printed.back() == '\n')
        printed.pop_back();
    int64_t reps = 1;
    if (end_ln == ln && e > o)
        reps = e - o;
    else if (end_ln > ln)
        reps = len - o;
    if (o + reps > len && reps > 1)
        reps = len - o > 0 ? len - o : 1;
    if (reps < 1)
        reps = 1;
    out += "    " + std::string(static_cast<size_t>(o), ' ') + std::string(static_cast<size_t>(reps), '^') + "\n";
    return true;
}

// The state of one display: exception groups nest their members in boxes; [depth] is the
// group nesting (0 outside any group), [need_close] says whether the innermost box still
// needs its closing rule.
struct PrintContext {
    std::string out;
    int depth = 0;
    bool need_close = false;
    std::unordered_set<Object*> seen;
};

constexpr int MAX_GROUP_WIDTH = 15;
constexpr int MAX_GROUP_DEPTH = 10;

std::string indent_of(PrintContext const& ctx) { return std::string(static_cast<size_t>(2 * ctx.depth), ' '); }
std::string margin_of(PrintContext const& ctx) { return indent_of(ctx) + (ctx.depth ? "| " : ""); }

bool is_group(Value v) { return is_exception(v) && isinstance(v, &exc::BaseExceptionGroup); }

void print_notes(PrintContext& ctx, Value exc)
{
    Value notes = py_getattr_opt(exc, names::__notes__);
    if (!notes || is_none(notes))
        return;
    std::string margin = margin_of(ctx);
    std::string& out = ctx.out;
    if (!is_list(notes) && !is_tuple(notes)) {
        bool ok;
        std::string s = safe_str(Value(py_repr(notes)), &ok);
        out += margin + (ok ? s : std::string("<__notes__ repr() failed>")) + "\n";
        return;
    }
    gc::RootedValues items;
    if (is_list(notes))
        list_snapshot(notes.as<ListObject>(), items);
    else
        for (int64_t i = 0; i < notes.as<TupleObject>()->m_size; ++i)
            items.push_back(notes.as<TupleObject>()->item(i));
    for (Value n : items) {
        bool ok;
        std::string s = is_str(n) ? str_utf8(n) : safe_str(Value(py_repr(n)), &ok);
        // Each line of a note gets the margin of the box it is printed in.
        size_t pos = 0;
        for (;;) {
            size_t nl = s.find('\n', pos);
            out += margin + s.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos + 1);
            if (nl == std::string::npos || nl + 1 == s.size())
                break;
            pos = nl + 1;
        }
        if (s.empty() || s.back() != '\n')
            out += "\n";
    }
}

void print_one(PrintContext& ctx, Value exc)
{
    std::string& out = ctx.out;
    std::string margin = margin_of(ctx);
    if (!is_exception(exc)) {
        out += margin + "TypeError: print_exception(): Exception expected for value, " + type_name(exc) + " found\n";
        return;
    }
    auto* e = exc.as<BaseExceptionObject>();
    if (e->m_traceback && !is_none(e->m_traceback)) {
        bool group = is_group(exc);
        std::string header_prefix = margin;
        if (group && ctx.depth == 1)
            header_prefix = indent_of(ctx) + "+ ";
        print_tb(out, e->m_traceback, header_prefix,
            group ? "Exception Group Traceback (most recent call last):\n" : "Traceback (most recent call last):\n",
            margin);
    }
    Type* t = type_of(exc);
    Value message = exc;
    if (t->is_subtype(&exc::SyntaxError) && py_hasattr(exc, names::print_file_and_line)
        && print_syntax_error_location(out, exc, margin)) {
        Value msg = py_getattr_opt(exc, names::msg);
        message = msg ? msg : exc;
    }
    out += margin;
    Value module = py_getattr_opt(Value(t), names::__module__);
    Value qualname = py_getattr_opt(Value(t), names::__qualname__);
    if (!module || !is_str(module))
        out += "<unknown>.";
    else if (str_utf8(module) != "builtins" && str_utf8(module) != "__main__")
        out += str_utf8(module) + ".";
    out += qualname && is_str(qualname) ? str_utf8(qualname) : t->name_str();
    if (!is_none(message)) {
        bool ok;
        std::string s = safe_str(message, &ok);
        if (!ok)
            out += ": <exception str() failed>";
        else if (!s.empty())
            out += ": " + s;
    }
    out += suggestion_for(exc);
    out += "\n";
    print_notes(ctx, exc);
}

void print_recursive(PrintContext& ctx, Value exc);

void print_chained(PrintContext& ctx, Value exc, char const* message)
{
    bool need_close = ctx.need_close;
    print_recursive(ctx, exc);
    ctx.need_close = need_close;
    std::string margin = margin_of(ctx);
    ctx.out += margin + "\n" + margin + message + margin + "\n";
}

// The members of a group, each in its numbered box: at most MAX_GROUP_WIDTH of them (then
// "and N more exceptions"), nested at most MAX_GROUP_DEPTH deep.
void print_group(PrintContext& ctx, Value exc)
{
    if (ctx.depth > MAX_GROUP_DEPTH) {
        ctx.out += margin_of(ctx) + "... (max_group_depth is " + std::to_string(MAX_GROUP_DEPTH) + ")\n";
        return;
    }
    if (ctx.depth == 0)
        ctx.depth = 1;
    print_one(ctx, exc);
    Value excs = exc.as<ExceptionGroupObject>()->m_excs;
    gc::RootedValues members;
    if (excs && is_tuple(excs))
        for (int64_t i = 0; i < excs.as<TupleObject>()->m_size; ++i)
            members.push_back(excs.as<TupleObject>()->item(i));
    int64_t count = static_cast<int64_t>(members.size());
    int64_t n = count <= MAX_GROUP_WIDTH ? count : MAX_GROUP_WIDTH + 1;
    ctx.need_close = false;
    for (int64_t i = 0; i < n; ++i) {
        bool last = i == n - 1;
        if (last)
            ctx.need_close = true; // a nested group may close the box itself
        bool truncated = i >= MAX_GROUP_WIDTH;
        ctx.out += indent_of(ctx) + (i == 0 ? "+-" : "  ") + "+---------------- "
            + (truncated ? std::string("...") : std::to_string(i + 1)) + " ----------------\n";
        ctx.depth++;
        if (!truncated) {
            print_recursive(ctx, members[static_cast<size_t>(i)]);
        } else {
            int64_t remaining = count - MAX_GROUP_WIDTH;
            ctx.out += margin_of(ctx) + "and " + std::to_string(remaining) + " more exception"
                + (remaining > 1 ? "s" : "") + "\n";
        }
        if (last && ctx.need_close) {
            ctx.out += indent_of(ctx) + "+------------------------------------\n";
            ctx.need_close = false;
        }
        ctx.depth--;
    }
    if (ctx.depth == 1)
        ctx.depth = 0;
}

void print_recursive(PrintContext& ctx, Value exc)
{
    RecursionGuard guard(" in print_exception");
    if (is_exception(exc)) {
        ctx.seen.insert(exc.as_object());
        auto* e = exc.as<BaseExceptionObject>();
        Value cause = e->m_cause;
        Value context = e->m_context;
        if (cause && !is_none(cause)) {
            if (is_exception(cause) && !ctx.seen.count(cause.as_object()))
                print_chained(ctx, cause, "The above exception was the direct cause of the following exception:\n");
        } else if (context && !is_none(context) && !e->m_suppress_context) {
            if (is_exception(context) && !ctx.seen.count(context.as_object()))
                print_chained(ctx, context, "During handling of the above exception, another exception occurred:\n");
        }
    }
    if (is_group(exc))
        print_group(ctx, exc);
    else
        print_one(ctx, exc);
}

void write_out(std::string const& text, Value file)
{
    if (!file || is_none(file)) {
        size_t off = 0;
        while (off < text.size()) {
            ssize_t n = ::write(2, text.data() + off, text.size() - off);
            if (n <= 0)
                break;
            off += static_cast<size_t>(n);
        }
        return;
    }
    Value s = Value(str_from_utf8(text));
    py_call_method(file, names::write, &s, 1);
    Value flush = py_getattr_opt(file, names::flush);
    if (flush)
        py_call0(flush);
}

} // namespace

void print_exception(Value exc, Value file)
{
    if (!file) {
        file = sys_get("stderr");
        // sys.stdout is flushed first so that output interleaves as in CPython.
        Value out = sys_get("stdout");
        if (out && !is_none(out)) {
            try {
                Value flush = py_getattr_opt(out, names::flush);
                if (flush)
                    py_call0(flush);
            } catch (PyError&) {
                take_exception();
            }
        }
    }
    PrintContext ctx;
    try {
        print_recursive(ctx, exc);
    } catch (PyError&) {
        // Only a RecursionError on absurdly deep chains gets here; print what was formatted.
        take_exception();
    }
    write_out(ctx.out, file);
}

} // namespace pystm
