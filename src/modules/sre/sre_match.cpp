// re.Match and _sre.SRE_Scanner, and the subject helpers shared with re.Pattern: preparing a
// State for a subject (state_init), building a Match from a successful attempt, and slicing
// the subject the way CPython's getslice does (exact str/bytes results; the subject itself when
// the slice is whole).
//
// Subjects are str (matched in place through the PEP 393 storage), bytes (in place), or
// bytearray (copied into the State, so Python code run meanwhile cannot resize it under the
// engine; Match.group() re-reads the bytearray's current content, as CPython does).
#include "gc/heap.h"
#include "modules/sre/sre_objects.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_internal.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/str_internal.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include "vm/import.h"
#include <algorithm>
#include <memory>

namespace pystm::sre {

Type match_type(&type_type);
Type scanner_type(&type_type);

// --- subjects --------------------------------------------------------------------------------

void state_init(State& st, PatternObject* p, Value string, int64_t pos, int64_t endpos)
{
    if (is_str(string)) {
        StrObject* s = string.as<StrObject>();
        st.m_data = s->data();
        st.m_charsize = s->m_kind;
        st.m_length = s->m_length;
        st.m_isbytes = false;
    } else if (is_bytes(string)) {
        BytesObject* b = string.as<BytesObject>();
        st.m_data = b->data();
        st.m_charsize = 1;
        st.m_length = b->m_size;
        st.m_isbytes = true;
    } else if (std::string_view view; buffer_like(string, st.m_copy, &view)) {
        // bytearray, memoryview, array.array: a copy of their bytes (objects/buffer_arg.h)
        st.m_data = st.m_copy.data();
        st.m_charsize = 1;
        st.m_length = static_cast<int64_t>(st.m_copy.size());
        st.m_isbytes = true;
    } else {
        raise(&exc::TypeError, "expected string or bytes-like object, got '%s'", type_name(string).c_str());
    }
    if (p->m_isbytes == 0 && st.m_isbytes)
        raise(&exc::TypeError, "cannot use a string pattern on a bytes-like object");
    if (p->m_isbytes > 0 && !st.m_isbytes)
        raise(&exc::TypeError, "cannot use a bytes pattern on a string-like object");
    pos = pos < 0 ? 0 : pos > st.m_length ? st.m_length : pos;
    endpos = endpos < 0 ? 0 : endpos > st.m_length ? st.m_length : endpos;
    st.m_pos = pos;
    st.m_endpos = endpos;
    st.m_start = st.m_ptr = pos;
    st.m_end = endpos;
    st.m_marks.assign(static_cast<size_t>(2 * p->m_groups), -1);
    st.reset();
}

namespace {

// string[i:j] of a subject object; [st] (or null) supplies a bytearray's snapshot.
Value slice_subject(Value string, State const* st, int64_t i, int64_t j)
{
    if (j < i)
        j = i;
    if (is_str(string)) {
        StrObject* s = string.as<StrObject>();
        if (i == 0 && j == s->m_length && is_exact_str(string))
            return string;
        return Value(str_substr(s, i, j));
    }
    if (is_bytes(string)) {
        BytesObject* b = string.as<BytesObject>();
        if (i == 0 && j == b->m_size && string.as_object()->m_type == &bytes_type)
            return string;
        return Value(bytes_new(b->view().substr(static_cast<size_t>(i), static_cast<size_t>(j - i))));
    }
    std::string tmp;
    std::string_view v;
    if (st && st->m_isbytes && st->m_data == st->m_copy.data())
        v = st->m_copy;
    else
        v = need_bytes_like(string, tmp);
    if (static_cast<size_t>(i) > v.size())
        i = static_cast<int64_t>(v.size());
    return Value(bytes_new(v.substr(static_cast<size_t>(i), static_cast<size_t>(j - i))));
}

} // namespace

Value subject_slice(State const& st, Value string, int64_t start, int64_t end)
{
    return slice_subject(string, &st, start, end);
}

Value state_group(State const& st, Value string, int64_t index, Value dflt)
{
    int64_t g = 2 * (index - 1);
    if (g >= st.m_lastmark || st.m_marks[g] < 0 || st.m_marks[g + 1] < 0) {
        if (is_none(dflt))
            return dflt;
        return subject_slice(st, string, 0, 0);
    }
    int64_t i = st.m_marks[g], j = st.m_marks[g + 1];
    if (i > j)
        raise(&exc::SystemError, "The span of capturing group is wrong, please report a bug for the re module.");
    return subject_slice(st, string, i, j);
}

MatchObject* match_new(PatternObject* p, State const& st, Value string)
{
    int64_t n = p->m_groups + 1;
    auto* m = gc::make_var<MatchObject>(&match_type, static_cast<size_t>(2 * n) * sizeof(int64_t), string, p);
    int64_t* marks = m->marks();
    marks[0] = st.m_start;
    marks[1] = st.m_ptr;
    for (int64_t i = 0, j = 0; i < p->m_groups; i++, j += 2) {
        if (j + 1 <= st.m_lastmark && st.m_marks[j] >= 0 && st.m_marks[j + 1] >= 0) {
            marks[j + 2] = st.m_marks[j];
            marks[j + 3] = st.m_marks[j + 1];
            if (marks[j + 2] > marks[j + 3])
                raise(&exc::SystemError,
                    "The span of capturing group is wrong, please report a bug for the re module.");
        } else {
            marks[j + 2] = marks[j + 3] = -1;
        }
    }
    m->m_pos = st.m_pos;
    m->m_endpos = st.m_endpos;
    m->m_lastindex = st.m_lastindex;
    m->m_ngroups = n;
    return m;
}

// --- re.Match --------------------------------------------------------------------------------

namespace {

MatchObject* as_match(Value v) { return v.as<MatchObject>(); }

void match_trace(Object* o, gc::Tracer& tr)
{
    auto* m = static_cast<MatchObject*>(o);
    tr.visit(m->m_string);
    tr.visit(m->m_pattern);
}

int64_t group_index(MatchObject* m, Value key)
{
    int64_t i = -1;
    if (has_index(key)) {
        i = py_index_clamped(key);
    } else {
        // An unhashable key is simply not a group name.
        Value v;
        try {
            v = dict_get(m->m_pattern->m_groupindex, key);
        } catch (PyError&) {
            if (!exception_matches(&exc::TypeError))
                throw;
            take_exception();
        }
        if (v && is_int(v) && !int_to_i64(v, &i))
            i = -1;
    }
    if (i < 0 || i >= m->m_ngroups)
        raise(&exc::IndexError, "no such group");
    return i;
}

Value group_value(MatchObject* m, int64_t i, Value dflt)
{
    int64_t a = m->marks()[2 * i], b = m->marks()[2 * i + 1];
    if (is_none(m->m_string) || a < 0)
        return dflt;
    return slice_subject(m->m_string, nullptr, a, b);
}

Value group_by_key(MatchObject* m, Value key, Value dflt) { return group_value(m, group_index(m, key), dflt); }

void check_group_args(char const* name, size_t nargs, TupleObject* kw, size_t max)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "%s() takes no keyword arguments", name);
    if (nargs > max)
        raise(&exc::TypeError, "%s expected at most %zu argument%s, got %zu", name, max, max == 1 ? "" : "s", nargs);
}

Value m_group(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "Match.group() takes no keyword arguments");
    MatchObject* m = as_match(self);
    if (nargs == 0)
        return group_value(m, 0, none());
    if (nargs == 1)
        return group_by_key(m, args[0], none());
    TupleObject* t = tuple_new(static_cast<int64_t>(nargs));
    for (size_t i = 0; i < nargs; i++)
        t->items()[i] = none();
    for (size_t i = 0; i < nargs; i++)
        t->items()[i] = group_by_key(m, args[i], none());
    return Value(t);
}

Value m_getitem(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getitem__", nargs, kw, 1, 1);
    return group_by_key(as_match(self), args[0], none());
}

Value m_groups(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("groups", args, nargs, kw, { "default" }, 0, a);
    Value dflt = a[0] ? a[0] : none();
    MatchObject* m = as_match(self);
    TupleObject* t = tuple_new(m->m_ngroups - 1);
    for (int64_t i = 1; i < m->m_ngroups; i++)
        t->items()[i - 1] = none();
    for (int64_t i = 1; i < m->m_ngroups; i++)
        t->items()[i - 1] = group_value(m, i, dflt);
    return Value(t);
}

Value m_groupdict(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("groupdict", args, nargs, kw, { "default" }, 0, a);
    Value dflt = a[0] ? a[0] : none();
    MatchObject* m = as_match(self);
    DictObject* out = dict_new();
    DictObject* gi = m->m_pattern->m_groupindex;
    int64_t pos = 0;
    Value key, value;
    while (dict_next(gi, &pos, &key, &value))
        dict_set(out, key, group_by_key(m, key, dflt));
    return Value(out);
}

int64_t group_arg(MatchObject* m, Value const* args, size_t nargs)
{
    return nargs ? group_index(m, args[0]) : 0;
}

Value m_start(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_group_args("start", nargs, kw, 1);
    MatchObject* m = as_match(self);
    return int_from_i64(m->marks()[2 * group_arg(m, args, nargs)]);
}

Value m_end(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_group_args("end", nargs, kw, 1);
    MatchObject* m = as_match(self);
    return int_from_i64(m->marks()[2 * group_arg(m, args, nargs) + 1]);
}

Value span_of(MatchObject* m, int64_t i)
{
    return Value(tuple_of({ int_from_i64(m->marks()[2 * i]), int_from_i64(m->marks()[2 * i + 1]) }));
}

Value m_span(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_group_args("span", nargs, kw, 1);
    MatchObject* m = as_match(self);
    return span_of(m, group_arg(m, args, nargs));
}

Value m_expand(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("expand", args, nargs, kw, { "template" }, 1, a);
    MatchObject* m = as_match(self);
    Value re = import_module("re");
    Value fn = py_getattr(re, intern("_expand"));
    Value call_args[3] = { Value(m->m_pattern), self, a[0] };
    return py_call(fn, call_args, 3);
}

Value m_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    MatchObject* m = as_match(self);
    StrObject* r = py_repr(group_value(m, 0, none()));
    StrBuilder b;
    char buf[96];
    snprintf(buf, sizeof buf, "<re.Match object; span=(%lld, %lld), match=", static_cast<long long>(m->marks()[0]),
        static_cast<long long>(m->marks()[1]));
    b.append_ascii(buf);
    b.append(r, 0, std::min<int64_t>(r->m_length, 50));
    b.append_ascii(">");
    return Value(b.finish());
}

Value m_copy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__copy__", nargs, kw, 0, 0);
    return self;
}

Value m_deepcopy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__deepcopy__", nargs, kw, 1, 1);
    return self;
}

Value m_class_getitem(Value cls, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__class_getitem__", nargs, kw, 1, 1);
    return generic_alias_new(cls, args[0]);
}

Value m_new(Value, Value const*, size_t, TupleObject*)
{
    raise(&exc::TypeError, "cannot create 're.Match' instances");
}

Value get_string(Value self) { return as_match(self)->m_string; }
Value get_re(Value self) { return Value(as_match(self)->m_pattern); }
Value get_pos(Value self) { return int_from_i64(as_match(self)->m_pos); }
Value get_endpos(Value self) { return int_from_i64(as_match(self)->m_endpos); }
Value get_lastindex(Value self)
{
    MatchObject* m = as_match(self);
    return m->m_lastindex >= 0 ? int_from_i64(m->m_lastindex) : none();
}
Value get_lastgroup(Value self)
{
    MatchObject* m = as_match(self);
    TupleObject* ig = m->m_pattern->m_indexgroup;
    if (ig && m->m_lastindex >= 0 && m->m_lastindex < ig->m_size)
        return ig->item(m->m_lastindex);
    return none();
}
Value get_regs(Value self)
{
    MatchObject* m = as_match(self);
    TupleObject* t = tuple_new(m->m_ngroups);
    for (int64_t i = 0; i < m->m_ngroups; i++)
        t->items()[i] = none();
    for (int64_t i = 0; i < m->m_ngroups; i++)
        t->items()[i] = span_of(m, i);
    return Value(t);
}

MethodDef const s_match_methods[] = {
    { "group", m_group },
    { "start", m_start },
    { "end", m_end },
    { "span", m_span },
    { "groups", m_groups },
    { "groupdict", m_groupdict },
    { "expand", m_expand },
    { "__getitem__", m_getitem },
    { "__repr__", m_repr },
    { "__copy__", m_copy },
    { "__deepcopy__", m_deepcopy },
    { "__class_getitem__", m_class_getitem, METH_CLASS },
    { "__new__", m_new, METH_STATIC },
    { nullptr, nullptr },
};

// --- _sre.SRE_Scanner -------------------------------------------------------------------------

ScannerObject* as_scanner(Value v) { return v.as<ScannerObject>(); }

void scanner_trace(Object* o, gc::Tracer& tr)
{
    auto* s = static_cast<ScannerObject*>(o);
    tr.visit(s->m_pattern);
    tr.visit(s->m_string);
}

void scanner_destroy(Object* o)
{
    auto* s = static_cast<ScannerObject*>(o);
    delete s->m_state;
    s->m_state = nullptr;
}

// One step of the scanner: the next match (anchored or searched), or None once exhausted.
Value scanner_step(Value self, bool searching)
{
    ScannerObject* sc = as_scanner(self);
    write_barrier(sc);
    if (sc->m_exhausted)
        return none();
    if (sc->m_executing)
        raise(&exc::ValueError, "regular expression scanner already executing");
    State& st = *sc->m_state;
    st.reset();
    st.m_ptr = st.m_start;
    sc->m_executing = true;
    int status;
    try {
        status = searching ? search(st, pattern_code(sc->m_pattern)) : match(st, pattern_code(sc->m_pattern));
    } catch (...) {
        sc->m_executing = false;
        throw;
    }
    sc->m_executing = false;
    if (!status) {
        sc->m_exhausted = true;
        return none();
    }
    MatchObject* m = match_new(sc->m_pattern, st, sc->m_string);
    st.m_must_advance = st.m_ptr == st.m_start;
    st.m_start = st.m_ptr;
    return Value(m);
}

Value s_match(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("match", nargs, kw, 0, 0);
    return scanner_step(self, false);
}

Value s_search(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("search", nargs, kw, 0, 0);
    return scanner_step(self, true);
}

Value get_scanner_pattern(Value self) { return Value(as_scanner(self)->m_pattern); }

MethodDef const s_scanner_methods[] = {
    { "match", s_match },
    { "search", s_search },
    { nullptr, nullptr },
};

} // namespace

// The undo record of a scanner: the part of its State that one step leaves for the next (where
// the next attempt starts, whether it must advance, and the marks the last match set). The rest
// of the State is fixed when the scanner is made, or scratch that every step resets; the
// scanner's own fields (m_exhausted, m_executing; the State pointer never changes) are byte
// copied by the client.
struct ScannerUndo {
    int64_t start, ptr, lastmark, lastindex;
    bool must_advance;
    std::vector<int64_t> marks;
};
void* scanner_undo_save(Object* o, Type*)
{
    State const& st = *static_cast<ScannerObject*>(o)->m_state;
    return new ScannerUndo { st.m_start, st.m_ptr, st.m_lastmark, st.m_lastindex, st.m_must_advance,
        st.m_marks };
}
void scanner_undo_restore(Object* o, Type*, void* rec)
{
    State& st = *static_cast<ScannerObject*>(o)->m_state;
    auto* u = static_cast<ScannerUndo*>(rec);
    st.m_start = u->start;
    st.m_ptr = u->ptr;
    st.m_lastmark = u->lastmark;
    st.m_lastindex = u->lastindex;
    st.m_must_advance = u->must_advance;
    st.m_marks = u->marks;
    st.reset();
}
void scanner_undo_drop(void* rec) { delete static_cast<ScannerUndo*>(rec); }
void scanner_undo_trace(void*, gc::Tracer&) { }
StmUndoOps const s_scanner_undo { scanner_undo_save, scanner_undo_restore, scanner_undo_drop,
    scanner_undo_trace, 0 };

ScannerObject* scanner_new(PatternObject* p, Value string, int64_t pos, int64_t endpos)
{
    auto st = std::make_unique<State>();
    state_init(*st, p, string, pos, endpos);
    auto* sc = gc::make<ScannerObject>(&scanner_type);
    sc->m_pattern = p;
    sc->m_string = string;
    sc->m_state = st.release();
    return sc;
}

Value scanner_iterator(ScannerObject* sc)
{
    Value search = py_getattr(Value(sc), intern("search"));
    return callable_iter_new(search, none());
}

void setup_match_types()
{
    init_static_type(&match_type, "re.Match", nullptr, sizeof(MatchObject), TF_IMMUTABLE, match_trace);
    match_type.m_doc = "The result of re.match() and re.search().\nMatch objects always have a boolean value of True.";
    init_static_type(&scanner_type, "_sre.SRE_Scanner", nullptr, sizeof(ScannerObject), 0, scanner_trace,
        scanner_destroy);
    // finditer() loops that outlast a transaction step an old scanner: an undo record instead of
    // an inevitable transaction (UNDO-1).
    scanner_type.m_stm_undo = &s_scanner_undo;
}

void init_match_types()
{
    add_methods(&match_type, s_match_methods);
    add_getset(&match_type, "string", get_string, nullptr, "The string passed to match() or search().");
    add_getset(&match_type, "re", get_re, nullptr, "The regular expression object.");
    add_getset(&match_type, "pos", get_pos, nullptr, "The index into the string at which the RE engine started looking for a match.");
    add_getset(&match_type, "endpos", get_endpos, nullptr, "The index into the string beyond which the RE engine will not go.");
    add_getset(&match_type, "lastindex", get_lastindex, nullptr, "The integer index of the last matched capturing group.");
    add_getset(&match_type, "lastgroup", get_lastgroup, nullptr, "The name of the last matched capturing group.");
    add_getset(&match_type, "regs", get_regs);
    add_methods(&scanner_type, s_scanner_methods);
    add_getset(&scanner_type, "pattern", get_scanner_pattern);
}

} // namespace pystm::sre
