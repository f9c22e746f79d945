// re.Pattern: the compiled pattern object and its matching methods (match, fullmatch, search,
// findall, finditer, scanner, split, sub, subn), plus the code validator (SRE-2).
//
// sub/subn follow CPython 3.11: a callable replacement is called with each Match; a str/bytes
// replacement without backslashes is used literally; any other replacement goes through the
// pure-Python re._subx, which returns either a literal or a filter function. The pieces are
// joined with the rules of str.join / bytes.join (and their error messages).
#include "gc/heap.h"
#include "modules/sre/sre_objects.h"
#include "objects/bytes_internal.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/str_internal.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/import.h"
#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>

namespace pystm::sre {

Type pattern_type(&type_type);

namespace {

// --- validation ------------------------------------------------------------------------------

struct Validator {
    std::vector<Code> const& c;
    int64_t groups;
    int depth = 0;

    bool charset(size_t i, size_t end)
    {
        while (i < end) {
            Code op = c[i++];
            switch (op) {
            case OP_NEGATE:
                break;
            case OP_FAILURE:
                return i == end;
            case OP_LITERAL:
                i += 1;
                break;
            case OP_CATEGORY:
                if (i >= end || c[i] >= CAT_COUNT)
                    return false;
                i += 1;
                break;
            case OP_RANGE:
            case OP_RANGE_UNI_IGNORE:
                if (i + 2 > end || c[i] > c[i + 1])
                    return false;
                i += 2;
                break;
            case OP_CHARSET:
                i += 8;
                break;
            case OP_BIGCHARSET: {
                if (i >= end)
                    return false;
                Code n = c[i++];
                if (i + 64 > end)
                    return false;
                for (size_t k = 0; k < 256; k++)
                    if (((c[i + k / 4] >> ((k % 4) * 8)) & 0xff) >= n)
                        return false;
                i += 64;
                if (n > (end - i) / 8)
                    return false;
                i += size_t(n) * 8;
                break;
            }
            default:
                return false;
            }
        }
        return false;
    }

    // Checks the ops in [i, end); the caller checks what follows.
    bool block(size_t i, size_t end)
    {
        if (++depth > 20000)
            return false;
        bool ok = block_inner(i, end);
        --depth;
        return ok;
    }

    // The skip operand at [i] (relative to i) must keep the target in (i, end].
    bool skip_ok(size_t i, size_t end, size_t min = 1)
    {
        return i < end && c[i] >= min && c[i] <= end - i;
    }

    bool block_inner(size_t i, size_t end)
    {
        while (i < end) {
            Code op = c[i++];
            switch (op) {
            case OP_FAILURE:
            case OP_SUCCESS:
            case OP_ANY:
            case OP_ANY_ALL:
                break;
            case OP_MARK:
                if (i >= end || c[i] >= static_cast<uint64_t>(2 * groups))
                    return false;
                i++;
                break;
            case OP_AT:
                if (i >= end || c[i] >= AT_COUNT)
                    return false;
                i++;
                break;
            case OP_CATEGORY:
                if (i >= end || c[i] >= CAT_COUNT)
                    return false;
                i++;
                break;
            case OP_LITERAL:
            case OP_NOT_LITERAL:
            case OP_LITERAL_IGNORE:
            case OP_NOT_LITERAL_IGNORE:
            case OP_LITERAL_UNI_IGNORE:
            case OP_NOT_LITERAL_UNI_IGNORE:
            case OP_LITERAL_LOC_IGNORE:
            case OP_NOT_LITERAL_LOC_IGNORE:
                if (i >= end)
                    return false;
                i++;
                break;
            case OP_IN:
            case OP_IN_IGNORE:
            case OP_IN_UNI_IGNORE:
            case OP_IN_LOC_IGNORE:
                if (!skip_ok(i, end, 2) || !charset(i + 1, i + c[i]))
                    return false;
                i += c[i];
                break;
            case OP_INFO: {
                if (!skip_ok(i, end, 4))
                    return false;
                Code flags = c[i + 1];
                size_t stop = i + c[i];
                if (flags & ~Code(INFO_PREFIX | INFO_LITERAL | INFO_CHARSET))
                    return false;
                if ((flags & INFO_PREFIX) && (flags & INFO_CHARSET))
                    return false;
                if (flags & INFO_PREFIX) {
                    if (i + 6 > stop)
                        return false;
                    Code len = c[i + 4], pskip = c[i + 5];
                    if (len == 0 || pskip > len || len > (stop - i - 6) / 2)
                        return false;
                } else if (flags & INFO_CHARSET) {
                    if (!charset(i + 4, stop))
                        return false;
                }
                i = stop;
                break;
            }
            case OP_JUMP:
                if (!skip_ok(i, end))
                    return false;
                i += c[i];
                break;
            case OP_BRANCH:
                for (;;) {
                    if (i >= end)
                        return false;
                    if (c[i] == 0) {
                        i++;
                        break;
                    }
                    if (!skip_ok(i, end, 3))
                        return false;
                    size_t next = i + c[i];
                    // Each alternative ends with <JUMP> <skip> to past the final 0.
                    if (c[next - 2] != OP_JUMP || !block(i + 1, next - 2))
                        return false;
                    if (c[next - 1] == 0 || c[next - 1] > end - (next - 1))
                        return false;
                    i = next;
                }
                break;
            case OP_REPEAT_ONE:
            case OP_MIN_REPEAT_ONE:
            case OP_POSSESSIVE_REPEAT_ONE: {
                if (!skip_ok(i, end, 4) || c[i + 1] > c[i + 2] || c[i + 1] == MAXREPEAT)
                    return false;
                size_t next = i + c[i];
                // The engine also peeks at the tail's first op (and a LITERAL's operand): past a
                // block's end that is the enclosing construct's next op, and past the whole
                // code the FAILURE sentinel.
                if (c[next - 1] != OP_SUCCESS || !block(i + 3, next - 1))
                    return false;
                i = next;
                break;
            }
            case OP_REPEAT:
            case OP_POSSESSIVE_REPEAT: {
                if (!skip_ok(i, end, 3) || c[i + 1] > c[i + 2] || c[i + 1] == MAXREPEAT)
                    return false;
                size_t next = i + c[i];
                if (!block(i + 3, next) || next >= end)
                    return false;
                Code until = c[next];
                if (op == OP_REPEAT ? (until != OP_MAX_UNTIL && until != OP_MIN_UNTIL) : until != OP_SUCCESS)
                    return false;
                i = next + 1;
                break;
            }
            case OP_ATOMIC_GROUP: {
                if (!skip_ok(i, end, 2))
                    return false;
                size_t next = i + c[i];
                if (c[next - 1] != OP_SUCCESS || !block(i + 1, next - 1))
                    return false;
                i = next;
                break;
            }
            case OP_GROUPREF:
            case OP_GROUPREF_IGNORE:
            case OP_GROUPREF_UNI_IGNORE:
            case OP_GROUPREF_LOC_IGNORE:
                if (i >= end || c[i] >= static_cast<uint64_t>(groups))
                    return false;
                i++;
                break;
            case OP_GROUPREF_EXISTS: {
                // <GROUPREF_EXISTS> <group> <skip> yes [<JUMP> <skip> no]
                if (i + 2 > end || c[i] >= static_cast<uint64_t>(groups) || !skip_ok(i + 1, end, 2))
                    return false;
                size_t target = i + c[i + 1];
                if (target >= i + 4 && c[target - 2] == OP_JUMP && block(i + 2, target - 2)) {
                    if (!skip_ok(target - 1, end) || !block(target, target - 1 + c[target - 1]))
                        return false;
                    i = target - 1 + c[target - 1];
                } else {
                    if (!block(i + 2, target))
                        return false;
                    i = target;
                }
                break;
            }
            case OP_ASSERT:
            case OP_ASSERT_NOT: {
                if (!skip_ok(i, end, 3))
                    return false;
                size_t next = i + c[i];
                if (c[next - 1] != OP_SUCCESS || !block(i + 2, next - 1))
                    return false;
                i = next;
                break;
            }
            default:
                return false;
            }
        }
        return i == end;
    }
};

// --- helpers ---------------------------------------------------------------------------------

PatternObject* as_pattern(Value v) { return v.as<PatternObject>(); }

Code const* code_of(PatternObject* p) { return p->m_code->data(); }

int64_t pos_arg(Value v, int64_t dflt) { return v ? py_index_i64(v) : dflt; }

[[noreturn]] void raise_type_must_be(char const* fname, int argno, char const* want, Value got)
{
    raise(&exc::TypeError, "%s() argument %d must be %s, not %s", fname, argno, want, type_name(got).c_str());
}

void pattern_trace(Object* o, gc::Tracer& tr)
{
    auto* p = static_cast<PatternObject*>(o);
    tr.visit(p->m_pattern);
    tr.visit(p->m_groupindex);
    tr.visit(p->m_indexgroup);
}

void pattern_destroy(Object* o)
{
    auto* p = static_cast<PatternObject*>(o);
    if (p->m_code)
        gc::note_external_memory(-static_cast<ptrdiff_t>(p->m_code->capacity() * sizeof(Code)));
    delete p->m_code;
    p->m_code = nullptr;
}

Value do_match(PatternObject* p, Value string, Value pos, Value endpos, int mode)
{
    State st;
    state_init(st, p, string, pos_arg(pos, 0), pos_arg(endpos, INT64_MAX));
    int status;
    if (mode == 2) {
        status = search(st, code_of(p));
    } else {
        st.m_match_all = mode == 1;
        status = match(st, code_of(p));
    }
    if (!status)
        return none();
    return Value(match_new(p, st, string));
}

Value p_match(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("match", args, nargs, kw, { "string", "pos", "endpos" }, 1, a);
    return do_match(as_pattern(self), a[0], a[1], a[2], 0);
}

Value p_fullmatch(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("fullmatch", args, nargs, kw, { "string", "pos", "endpos" }, 1, a);
    return do_match(as_pattern(self), a[0], a[1], a[2], 1);
}

Value p_search(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("search", args, nargs, kw, { "string", "pos", "endpos" }, 1, a);
    return do_match(as_pattern(self), a[0], a[1], a[2], 2);
}

Value p_findall(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("findall", args, nargs, kw, { "string", "pos", "endpos" }, 1, a);
    PatternObject* p = as_pattern(self);
    Value string = a[0];
    State st;
    state_init(st, p, string, pos_arg(a[1], 0), pos_arg(a[2], INT64_MAX));
    ListObject* out = list_new();
    Value empty = subject_slice(st, string, 0, 0);
    while (st.m_start <= st.m_end) {
        st.reset();
        st.m_ptr = st.m_start;
        if (!search(st, code_of(p)))
            break;
        Value item;
        if (p->m_groups == 0) {
            item = subject_slice(st, string, st.m_start, st.m_ptr);
        } else if (p->m_groups == 1) {
            item = state_group(st, string, 1, empty);
        } else {
            TupleObject* t = tuple_new(p->m_groups);
            for (int64_t i = 0; i < p->m_groups; i++)
                t->items()[i] = state_group(st, string, i + 1, empty);
            item = Value(t);
        }
        list_append(out, item);
        st.m_must_advance = st.m_ptr == st.m_start;
        st.m_start = st.m_ptr;
    }
    return Value(out);
}

Value p_scanner(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("scanner", args, nargs, kw, { "string", "pos", "endpos" }, 1, a);
    return Value(scanner_new(as_pattern(self), a[0], pos_arg(a[1], 0), pos_arg(a[2], INT64_MAX)));
}

Value p_finditer(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("finditer", args, nargs, kw, { "string", "pos", "endpos" }, 1, a);
    ScannerObject* sc = scanner_new(as_pattern(self), a[0], pos_arg(a[1], 0), pos_arg(a[2], INT64_MAX));
    return scanner_iterator(sc);
}

Value p_split(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("split", args, nargs, kw, { "string", "maxsplit" }, 1, a);
    PatternObject* p = as_pattern(self);
    Value string = a[0];
    int64_t maxsplit = a[1] ? py_index_i64(a[1]) : 0;
    State st;
    state_init(st, p, string, 0, INT64_MAX);
    ListObject* out = list_new();
    int64_t n = 0;
    int64_t last = st.m_start;
    while (!maxsplit || n < maxsplit) {
        st.reset();
        st.m_ptr = st.m_start;
        if (!search(st, code_of(p)))
            break;
        list_append(out, subject_slice(st, string, last, st.m_start));
        for (int64_t i = 0; i < p->m_groups; i++)
            list_append(out, state_group(st, string, i + 1, none()));
        n++;
        st.m_must_advance = st.m_ptr == st.m_start;
        last = st.m_start = st.m_ptr;
    }
    list_append(out, subject_slice(st, string, last, st.m_endpos));
    return Value(out);
}

// Joins the pieces of sub(): str.join / bytes.join semantics with their messages.
Value join_pieces(gc::RootedValues const& items, bool isbytes)
{
    // As str.join / bytes.join: a lone exact piece is the result itself (sub() without a match
    // returns its subject without copying it).
    if (items.size() == 1 && (isbytes ? type_of(items[0]) == &bytes_type : is_exact_str(items[0])))
        return items[0];
    if (isbytes) {
        std::string out, tmp;
        for (size_t i = 0; i < items.size(); i++) {
            std::string_view v;
            if (!bytes_like(items[i], tmp, &v))
                raise(&exc::TypeError, "sequence item %zu: expected a bytes-like object, %.80s found", i,
                    type_name(items[i]).c_str());
            out.append(v);
        }
        return Value(bytes_new(out));
    }
    StrBuilder b;
    for (size_t i = 0; i < items.size(); i++) {
        if (!is_str(items[i]))
            raise(&exc::TypeError, "sequence item %zu: expected str instance, %.80s found", i,
                type_name(items[i]).c_str());
        b.append(items[i].as<StrObject>());
    }
    return Value(b.finish());
}

bool has_backslash(Value t, bool* ok)
{
    *ok = true;
    if (is_str(t)) {
        StrObject* s = t.as<StrObject>();
        for (int64_t i = 0; i < s->m_length; i++)
            if (s->at(i) == '\\')
                return true;
        return false;
    }
    std::string tmp;
    std::string_view v;
    if (bytes_like(t, tmp, &v))
        return v.find('\\') != std::string_view::npos;
    *ok = false;
    return true;
}

Value do_sub(PatternObject* p, Value repl, Value string, int64_t count, bool subn)
{
    Value filter = repl;
    bool callable = py_callable(repl);
    if (!callable) {
        bool is_text;
        if (has_backslash(repl, &is_text) || !is_text) {
            Value re = import_module("re");
            Value subx = py_getattr(re, intern("_subx"));
            filter = py_call2(subx, Value(p), repl);
            callable = py_callable(filter);
        }
    }
    State st;
    state_init(st, p, string, 0, INT64_MAX);
    gc::RootedValues pieces;
    int64_t n = 0;
    int64_t i = 0;
    while (!count || n < count) {
        st.reset();
        st.m_ptr = st.m_start;
        if (!search(st, code_of(p)))
            break;
        int64_t b = st.m_start, e = st.m_ptr;
        if (i < b)
            pieces.push_back(subject_slice(st, string, i, b));
        Value item = filter;
        if (callable) {
            MatchObject* m = match_new(p, st, string);
            item = py_call1(filter, Value(m));
        }
        if (!is_none(item))
            pieces.push_back(item);
        i = e;
        n++;
        st.m_must_advance = st.m_ptr == st.m_start;
        st.m_start = st.m_ptr;
    }
    if (i < st.m_endpos)
        pieces.push_back(subject_slice(st, string, i, st.m_endpos));
    Value result = pieces.empty() ? subject_slice(st, string, 0, 0) : join_pieces(pieces, st.m_isbytes);
    if (subn)
        return Value(tuple_of({ result, int_from_i64(n) }));
    return result;
}

Value p_sub(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("sub", args, nargs, kw, { "repl", "string", "count" }, 2, a);
    return do_sub(as_pattern(self), a[0], a[1], a[2] ? py_index_i64(a[2]) : 0, false);
}

Value p_subn(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("subn", args, nargs, kw, { "repl", "string", "count" }, 2, a);
    return do_sub(as_pattern(self), a[0], a[1], a[2] ? py_index_i64(a[2]) : 0, true);
}

Value p_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    PatternObject* p = as_pattern(self);
    static struct {
        char const* name;
        int64_t value;
    } const flag_names[] = {
        { "re.TEMPLATE", FLAG_TEMPLATE }, { "re.IGNORECASE", FLAG_IGNORECASE }, { "re.LOCALE", FLAG_LOCALE },
        { "re.MULTILINE", FLAG_MULTILINE }, { "re.DOTALL", FLAG_DOTALL }, { "re.UNICODE", FLAG_UNICODE },
        { "re.VERBOSE", FLAG_VERBOSE }, { "re.DEBUG", FLAG_DEBUG }, { "re.ASCII", FLAG_ASCII },
    };
    StrObject* r = py_repr(p->m_pattern);
    StrBuilder b;
    b.append_ascii("re.compile(");
    b.append(r, 0, std::min<int64_t>(r->m_length, 200));
    int64_t flags = p->m_flags;
    // re.UNICODE is the default for str patterns: not shown.
    if (p->m_isbytes == 0 && (flags & (FLAG_LOCALE | FLAG_UNICODE | FLAG_ASCII)) == FLAG_UNICODE)
        flags &= ~int64_t(FLAG_UNICODE);
    if (flags) {
        b.append_ascii(", ");
        bool first = true;
        for (auto const& f : flag_names) {
            if (flags & f.value) {
                if (!first)
                    b.append_ascii("|");
                b.append_ascii(f.name);
                first = false;
                flags &= ~f.value;
            }
        }
        if (flags) {
            if (!first)
                b.append_ascii("|");
            char buf[32];
            snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(flags));
            b.append_ascii(buf);
        }
    }
    b.append_ascii(")");
    return Value(b.finish());
}

bool patterns_equal(PatternObject* a, PatternObject* b)
{
    if (a == b)
        return true;
    if (a->m_flags != b->m_flags || a->m_isbytes != b->m_isbytes || *a->m_code != *b->m_code)
        return false;
    return py_eq(a->m_pattern, b->m_pattern);
}

Value p_eq(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__eq__", nargs, kw, 1, 1);
    if (!isinstance(args[0], &pattern_type))
        return Value(g_not_implemented);
    return py_bool(patterns_equal(as_pattern(self), as_pattern(args[0])));
}

Value p_ne(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__ne__", nargs, kw, 1, 1);
    if (!isinstance(args[0], &pattern_type))
        return Value(g_not_implemented);
    return py_bool(!patterns_equal(as_pattern(self), as_pattern(args[0])));
}

Value p_hash(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__hash__", nargs, kw, 0, 0);
    PatternObject* p = as_pattern(self);
    uint64_t h = static_cast<uint64_t>(py_hash(p->m_pattern));
    for (Code c : *p->m_code)
        h = h * 1000003u ^ c;
    h ^= static_cast<uint64_t>(p->m_flags) ^ static_cast<uint64_t>(p->m_isbytes + 1);
    int64_t r = static_cast<int64_t>(h >> 2);
    if (r == -1)
        r = -2;
    return int_from_i64(r);
}

Value p_copy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__copy__", nargs, kw, 0, 0);
    return self;
}

Value p_deepcopy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__deepcopy__", nargs, kw, 1, 1);
    return self;
}

Value p_class_getitem(Value cls, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__class_getitem__", nargs, kw, 1, 1);
    return generic_alias_new(cls, args[0]);
}

Value p_new(Value, Value const*, size_t, TupleObject*)
{
    raise(&exc::TypeError, "cannot create 're.Pattern' instances");
}

Value get_pattern(Value self) { return as_pattern(self)->m_pattern; }
Value get_flags(Value self) { return int_from_i64(as_pattern(self)->m_flags); }
Value get_groups(Value self) { return int_from_i64(as_pattern(self)->m_groups); }
Value get_groupindex(Value self)
{
    PatternObject* p = as_pattern(self);
    if (dict_size(p->m_groupindex) == 0)
        return Value(dict_new());
    return mappingproxy_new(Value(p->m_groupindex));
}

MethodDef const s_pattern_methods[] = {
    { "match", p_match },
    { "fullmatch", p_fullmatch },
    { "search", p_search },
    { "sub", p_sub },
    { "subn", p_subn },
    { "split", p_split },
    { "findall", p_findall },
    { "finditer", p_finditer },
    { "scanner", p_scanner },
    { "__repr__", p_repr },
    { "__eq__", p_eq },
    { "__ne__", p_ne },
    { "__hash__", p_hash },
    { "__copy__", p_copy },
    { "__deepcopy__", p_deepcopy },
    { "__class_getitem__", p_class_getitem, METH_CLASS },
    { "__new__", p_new, METH_STATIC },
    { nullptr, nullptr },
};

} // namespace

void validate_code(std::vector<Code> const& code, int64_t groups)
{
    Validator v { code, groups };
    if (code.empty() || code.back() != OP_SUCCESS || !v.block(0, code.size()))
        raise(&exc::RuntimeError, "invalid SRE code");
}

// _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
Value sre_compile(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[6];
    parse_args("compile", args, nargs, kw, { "pattern", "flags", "code", "groups", "groupindex", "indexgroup" }, 6, a);
    int64_t flags = py_index_i64(a[1]);
    if (flags < INT_MIN || flags > INT_MAX)
        raise(&exc::OverflowError, "signed integer is greater than maximum");
    if (!is_list(a[2]))
        raise_type_must_be("compile", 3, "list", a[2]);
    int64_t groups = py_index_i64(a[3]);
    if (!is_dict(a[4]))
        raise_type_must_be("compile", 5, "dict", a[4]);
    if (!is_tuple(a[5]))
        raise_type_must_be("compile", 6, "tuple", a[5]);
    ListObject* list = a[2].as<ListObject>();
    auto code = std::make_unique<std::vector<Code>>();
    int64_t n = list_size(list);
    code->reserve(static_cast<size_t>(n) + 1);
    for (int64_t i = 0; i < n && i < list_size(list); i++) {
        Value item = list_get(list, i);
        if (!is_int(item))
            raise(&exc::TypeError, "an integer is required");
        int64_t v;
        if (!int_to_i64(item, &v) || v < 0)
            raise(&exc::OverflowError, "regular expression code size limit exceeded");
        if (v > 0xFFFFFFFFll)
            raise(&exc::OverflowError, "regular expression code size limit exceeded");
        code->push_back(static_cast<Code>(v));
    }
    int isbytes = -1;
    if (!is_none(a[0])) {
        std::string tmp;
        std::string_view view;
        if (is_str(a[0]))
            isbytes = 0;
        else if (bytes_like(a[0], tmp, &view))
            isbytes = 1;
        else
            raise(&exc::TypeError, "expected string or bytes-like object, got '%s'", type_name(a[0]).c_str());
    }
    if (groups < 0 || groups >= MAXGROUPS)
        raise(&exc::RuntimeError, "invalid SRE code");
    validate_code(*code, groups);
    // A trailing FAILURE keeps any flow past the validated code inside the buffer.
    code->push_back(OP_FAILURE);
    auto* p = gc::make<PatternObject>(&pattern_type);
    gc::note_external_memory(static_cast<ptrdiff_t>(code->capacity() * sizeof(Code)));
    p->m_code = code.release();
    p->m_pattern = a[0];
    p->m_flags = flags;
    p->m_groups = groups;
    p->m_groupindex = dict_copy(a[4].as<DictObject>());
    p->m_indexgroup = a[5].as<TupleObject>();
    p->m_isbytes = isbytes;
    return Value(p);
}

void setup_pattern_type()
{
    init_static_type(&pattern_type, "re.Pattern", nullptr, sizeof(PatternObject),
        TF_IMMUTABLE | TF_WEAKREFABLE, pattern_trace, pattern_destroy);
    pattern_type.m_doc = "Compiled regular expression object.";
}

void init_pattern_type()
{
    add_methods(&pattern_type, s_pattern_methods);
    add_getset(&pattern_type, "pattern", get_pattern, nullptr, "The pattern string from which the RE object was compiled.");
    add_getset(&pattern_type, "flags", get_flags, nullptr, "The regex matching flags.");
    add_getset(&pattern_type, "groups", get_groups, nullptr, "The number of capturing groups in the pattern.");
    add_getset(&pattern_type, "groupindex", get_groupindex, nullptr,
        "A dictionary mapping group names to group numbers.");
}

} // namespace pystm::sre
