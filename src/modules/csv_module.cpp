// The _csv module that csv.py wraps: Dialect (validated, immutable formatting parameters),
// reader (a character-at-a-time state machine over the lines of any iterable of str), writer
// (quoting and escaping of fields, one file.write per row), the dialect registry
// (register_dialect, unregister_dialect, get_dialect, list_dialects), field_size_limit, the
// QUOTE_* constants and Error, with CPython 3.11's parsing rules and messages.
//
// Invariants: a Dialect never changes after construction (its attributes are read-only), so
// readers and writers read it without barriers. A reader's parse state (fields, current field,
// state, line number) is mutated only after write_barrier on the reader. The registry and the
// field-size limit are module state held in rooted globals (one interpreter-wide registry, as
// in CPython).
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/api.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include <atomic>
#include <string>

namespace pystm {

void setup_csv_types();
void init_csv_types();
ModuleObject* init_csv_module();

namespace {

Type dialect_type { &type_type };
Type reader_type { &type_type };
Type writer_type { &type_type };
Value s_error; // _csv.Error (a root)
Value s_registry; // name -> Dialect (a root)
std::atomic<int64_t> s_field_limit { 128 * 1024 };

enum Quoting { QUOTE_MINIMAL = 0, QUOTE_ALL = 1, QUOTE_NONNUMERIC = 2, QUOTE_NONE = 3 };
constexpr uint32_t NOT_SET = 0xffffffffu; // no quotechar / escapechar
constexpr uint32_t EOL = 0xfffffffeu; // end of a line fed to the parser

[[noreturn]] void csv_error(std::string const& msg) { raise_value(py_call1(s_error, str_from_utf8(msg))); }

std::u32string codepoints(StrObject* s)
{
    std::u32string out;
    out.reserve(static_cast<size_t>(s->m_length));
    for (int64_t i = 0; i < s->m_length; i++)
        out.push_back(s->at(i));
    return out;
}

StrObject* str_of(std::u32string const& s)
{
    return str_from_codepoints(reinterpret_cast<uint32_t const*>(s.data()), s.size());
}

std::string char_utf8(uint32_t c) { return str_utf8(str_from_char(c)); }

// --- Dialect -------------------------------------------------------------------------------------

struct DialectObject : Object {
    uint32_t m_delimiter = ',';
    uint32_t m_quotechar = '"';
    uint32_t m_escapechar = NOT_SET;
    bool m_doublequote = true;
    bool m_skipinitialspace = false;
    bool m_strict = false;
    int m_quoting = QUOTE_MINIMAL;
    StrObject* m_lineterminator = nullptr;
    explicit DialectObject(Type* t) : Object(t) { }
};

void dialect_trace(Object* o, gc::Tracer& t)
{
    auto* d = static_cast<DialectObject*>(o);
    if (d->m_lineterminator)
        t.visit(Value(d->m_lineterminator));
}

uint32_t set_char(char const* name, Value v, bool allow_none)
{
    if (allow_none && is_none(v))
        return NOT_SET;
    if (!is_str(v))
        raise(&exc::TypeError, allow_none ? "\"%s\" must be string or None, not %s" : "\"%s\" must be string, not %s",
            name, type_name(v).c_str());
    StrObject* s = v.as<StrObject>();
    if (s->m_length != 1)
        raise(&exc::TypeError, "\"%s\" must be a 1-character string", name);
    return s->at(0);
}

char const* const k_dialect_attrs[] = { "dialect", "delimiter", "doublequote", "escapechar", "lineterminator",
    "quotechar", "quoting", "skipinitialspace", "strict" };

// Dialect(dialect=None, **fmtparams): [cls] is the class to instantiate.
Value dialect_make(Type* cls, Value dialect, Value const* kwvals, TupleObject* kwnames)
{
    Value given[9]; // indexed as k_dialect_attrs; [0] unused
    given[0] = dialect;
    size_t nkw = kwnames ? static_cast<size_t>(kwnames->m_size) : 0;
    for (size_t i = 0; i < nkw; i++) {
        std::string k = str_utf8(kwnames->item(static_cast<int64_t>(i)));
        size_t j = 0;
        for (; j < 9; j++)
            if (k == k_dialect_attrs[j])
                break;
        if (j == 9)
            raise(&exc::TypeError, "'%s' is an invalid keyword argument for this function", k.c_str());
        given[j] = kwvals[i];
    }
    dialect = given[0];
    if (dialect && is_str(dialect)) {
        Value found = dict_get(s_registry.as<DictObject>(), dialect);
        if (!found)
            csv_error("unknown dialect");
        dialect = found;
    }
    bool any_param = false;
    for (int j = 1; j < 9; j++)
        any_param |= static_cast<bool>(given[j]);
    // An unchanged Dialect is returned as is (it is immutable).
    if (dialect && !any_param && cls == &dialect_type && type_of(dialect) == &dialect_type)
        return dialect;
    if (dialect && !is_none(dialect)) {
        for (int j = 1; j < 9; j++)
            if (!given[j])
                given[j] = py_getattr_opt(dialect, intern(k_dialect_attrs[j]));
    }
    auto* d = gc::make<DialectObject>(cls);
    if (given[1])
        d->m_delimiter = set_char("delimiter", given[1], false);
    if (given[2])
        d->m_doublequote = py_truthy(given[2]);
    if (given[3])
        d->m_escapechar = set_char("escapechar", given[3], true);
    if (given[4]) {
        if (is_none(given[4]))
            raise(&exc::TypeError, "lineterminator must be set");
        if (!is_str(given[4]))
            raise(&exc::TypeError, "\"lineterminator\" must be a string");
        d->m_lineterminator = given[4].as<StrObject>();
    } else {
        d->m_lineterminator = str_from_ascii("\r\n");
    }
    if (given[5])
        d->m_quotechar = set_char("quotechar", given[5], true);
    if (given[6]) {
        if (!is_int(given[6]) || is_bool(given[6]))
            raise(&exc::TypeError, "\"quoting\" must be an integer");
        int64_t q;
        if (!int_to_i64(given[6], &q) || q < QUOTE_MINIMAL || q > QUOTE_NONE)
            raise(&exc::TypeError, "bad \"quoting\" value");
        d->m_quoting = static_cast<int>(q);
    } else if (given[5] && is_none(given[5])) {
        d->m_quoting = QUOTE_NONE;
    }
    if (given[7])
        d->m_skipinitialspace = py_truthy(given[7]);
    if (given[8])
        d->m_strict = py_truthy(given[8]);
    if (d->m_quoting != QUOTE_NONE && d->m_quotechar == NOT_SET)
        raise(&exc::TypeError, "quotechar must be set if quoting enabled");
    return d;
}

Value dialect_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "Dialect.__new__(X): X is not a type object");
    Type* cls = args[0].as<Type>();
    if (nargs > 2)
        raise(&exc::TypeError, "Dialect() takes at most 1 positional argument (%zu given)", nargs - 1);
    Value dialect = nargs > 1 ? args[1] : Value();
    Value const* kwvals = args + nargs;
    // dialect= may also come as a keyword.
    return dialect_make(cls, dialect, kwvals, kw);
}

DialectObject* as_dialect(Value v) { return v.as<DialectObject>(); }

Value char_or_none(uint32_t c) { return c == NOT_SET ? none() : Value(str_from_char(c)); }
Value d_delimiter(Value self) { return str_from_char(as_dialect(self)->m_delimiter); }
Value d_quotechar(Value self) { return char_or_none(as_dialect(self)->m_quotechar); }
Value d_escapechar(Value self) { return char_or_none(as_dialect(self)->m_escapechar); }
Value d_lineterminator(Value self) { return as_dialect(self)->m_lineterminator; }
Value d_quoting(Value self) { return Value::small_int(as_dialect(self)->m_quoting); }
Value d_doublequote(Value self) { return py_bool(as_dialect(self)->m_doublequote); }
Value d_skipinitialspace(Value self) { return py_bool(as_dialect(self)->m_skipinitialspace); }
Value d_strict(Value self) { return py_bool(as_dialect(self)->m_strict); }

// __reduce__ / __reduce_ex__(*args): dialects refuse to be pickled or copied, as CPython's
// (its Dialect has no Python-visible state to rebuild from).
[[noreturn]] void dialect_refuse_pickle(char const* method, Value self, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "Dialect.%s() takes no keyword arguments", method);
    raise(&exc::TypeError, "cannot pickle '%s' instances", str_utf8(type_of(self)->m_name).c_str());
}
Value dialect_reduce(Value self, Value const*, size_t, TupleObject* kw)
{
    dialect_refuse_pickle("__reduce__", self, kw);
}
Value dialect_reduce_ex(Value self, Value const*, size_t, TupleObject* kw)
{
    dialect_refuse_pickle("__reduce_ex__", self, kw);
}

// The Dialect for reader()/writer()'s (dialect, **fmtparams) arguments.
Value dialect_from_call(Value const* args, size_t nargs, TupleObject* kw, size_t first)
{
    Value dialect = nargs > first ? args[first] : Value();
    if (nargs > first + 1)
        raise(&exc::TypeError, "expected at most %zu arguments, got %zu", first + 1, nargs);
    return dialect_make(&dialect_type, dialect, args + nargs, kw);
}

// --- reader --------------------------------------------------------------------------------------

enum ParseState {
    START_RECORD, START_FIELD, ESCAPED_CHAR, IN_FIELD, IN_QUOTED_FIELD, ESCAPE_IN_QUOTED_FIELD,
    QUOTE_IN_QUOTED_FIELD, EAT_CRNL, AFTER_ESCAPED_CRNL
};

struct ReaderObject : Object {
    Value m_iter;
    Value m_dialect;
    ListObject* m_fields = nullptr;
    std::u32string m_field;
    ParseState m_state = START_RECORD;
    bool m_numeric = false;
    int64_t m_line_num = 0;
    explicit ReaderObject(Type* t) : Object(t) { }
};

void reader_trace(Object* o, gc::Tracer& t)
{
    auto* r = static_cast<ReaderObject*>(o);
    t.visit(r->m_iter);
    t.visit(r->m_dialect);
    if (r->m_fields)
        t.visit(Value(r->m_fields));
}
void reader_destroy(Object* o) { static_cast<ReaderObject*>(o)->~ReaderObject(); }

Value reader_fn(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1)
        raise(&exc::TypeError, "expected at least 1 argument, got 0");
    Value it = py_iter(args[0]);
    Value d = dialect_from_call(args, nargs, kw, 1);
    auto* r = gc::make<ReaderObject>(&reader_type);
    r->m_iter = it;
    r->m_dialect = d;
    return r;
}

void save_field(ReaderObject* r)
{
    Value v;
    StrObject* s = str_of(r->m_field);
    if (r->m_numeric) {
        r->m_numeric = false;
        v = py_number_float(s);
    } else {
        v = s;
    }
    r->m_field.clear();
    list_append(r->m_fields, v);
}

void add_char(ReaderObject* r, uint32_t c)
{
    if (static_cast<int64_t>(r->m_field.size()) >= s_field_limit.load(std::memory_order_relaxed))
        csv_error("field larger than field limit (" + std::to_string(s_field_limit.load()) + ")");
    r->m_field.push_back(c);
}

void process_char(ReaderObject* r, DialectObject* d, uint32_t c)
{
    bool nl = c == '\n' || c == '\r';
    switch (r->m_state) {
    case START_RECORD:
        if (c == EOL)
            return;
        if (nl) {
            r->m_state = EAT_CRNL;
            return;
        }
        r->m_state = START_FIELD;
        [[fallthrough]];
    case START_FIELD:
        if (nl || c == EOL) {
            save_field(r);
            r->m_state = c == EOL ? START_RECORD : EAT_CRNL;
        } else if (c == d->m_quotechar && d->m_quoting != QUOTE_NONE) {
            r->m_state = IN_QUOTED_FIELD;
        } else if (c == d->m_escapechar) {
            r->m_state = ESCAPED_CHAR;
        } else if (c == ' ' && d->m_skipinitialspace) {
        } else if (c == d->m_delimiter) {
            save_field(r);
        } else {
            if (d->m_quoting == QUOTE_NONNUMERIC)
                r->m_numeric = true;
            add_char(r, c);
            r->m_state = IN_FIELD;
        }
        return;
    case ESCAPED_CHAR:
        if (nl) {
            add_char(r, c);
            r->m_state = AFTER_ESCAPED_CRNL;
            return;
        }
        if (c == EOL)
            c = '\n';
        add_char(r, c);
        r->m_state = IN_FIELD;
        return;
    case AFTER_ESCAPED_CRNL:
        if (c == EOL)
            return;
        [[fallthrough]];
    case IN_FIELD:
        if (nl || c == EOL) {
            save_field(r);
            r->m_state = c == EOL ? START_RECORD : EAT_CRNL;
        } else if (c == d->m_escapechar) {
            r->m_state = ESCAPED_CHAR;
        } else if (c == d->m_delimiter) {
            save_field(r);
            r->m_state = START_FIELD;
        } else {
            add_char(r, c);
        }
        return;
    case IN_QUOTED_FIELD:
        if (c == EOL) {
        } else if (c == d->m_escapechar) {
            r->m_state = ESCAPE_IN_QUOTED_FIELD;
        } else if (c == d->m_quotechar && d->m_quoting != QUOTE_NONE) {
            r->m_state = d->m_doublequote ? QUOTE_IN_QUOTED_FIELD : IN_FIELD;
        } else {
            add_char(r, c);
        }
        return;
    case ESCAPE_IN_QUOTED_FIELD:
        if (c == EOL)
            c = '\n';
        add_char(r, c);
        r->m_state = IN_QUOTED_FIELD;
        return;
    case QUOTE_IN_QUOTED_FIELD:
        if (d->m_quoting != QUOTE_NONE && c == d->m_quotechar) {
            add_char(r, c);
            r->m_state = IN_QUOTED_FIELD;
        } else if (c == d->m_delimiter) {
            save_field(r);
            r->m_state = START_FIELD;
        } else if (nl || c == EOL) {
            save_field(r);
            r->m_state = c == EOL ? START_RECORD : EAT_CRNL;
        } else if (!d->m_strict) {
            add_char(r, c);
            r->m_state = IN_FIELD;
        } else {
            csv_error("'" + char_utf8(d->m_delimiter) + "' expected after '" + char_utf8(d->m_quotechar) + "'");
        }
        return;
    case EAT_CRNL:
        if (nl) {
        } else if (c == EOL) {
            r->m_state = START_RECORD;
        } else {
            csv_error("new-line character seen in unquoted field - do you need to open the file in "
                      "universal-newline mode?");
        }
        return;
    }
}

Value reader_next(Object* o)
{
    auto* r = static_cast<ReaderObject*>(o);
    write_barrier(r);
    DialectObject* d = as_dialect(r->m_dialect);
    r->m_fields = list_new();
    r->m_field.clear();
    r->m_state = START_RECORD;
    r->m_numeric = false;
    do {
        Value line = py_next(r->m_iter);
        write_barrier(r);
        if (!line) {
            if (!r->m_field.empty() || r->m_state == IN_QUOTED_FIELD) {
                if (d->m_strict)
                    csv_error("unexpected end of data");
                save_field(r);
                break;
            }
            r->m_fields = nullptr;
            return Value();
        }
        if (!is_str(line))
            csv_error("iterator should return strings, not " + type_name(line)
                + " (the file should be opened in text mode)");
        r->m_line_num++;
        StrObject* s = line.as<StrObject>();
        for (int64_t i = 0; i < s->m_length; i++)
            process_char(r, d, s->at(i));
        process_char(r, d, EOL);
    } while (r->m_state != START_RECORD);
    ListObject* fields = r->m_fields;
    r->m_fields = nullptr;
    return fields;
}

Value reader_dialect(Value self) { return self.as<ReaderObject>()->m_dialect; }
Value reader_line_num(Value self)
{
    read_barrier(self.as_object());
    return int_from_i64(self.as<ReaderObject>()->m_line_num);
}

// --- writer --------------------------------------------------------------------------------------

struct WriterObject : Object {
    Value m_write; // the file's bound write method
    Value m_dialect;
    explicit WriterObject(Type* t) : Object(t) { }
};

void writer_trace(Object* o, gc::Tracer& t)
{
    auto* w = static_cast<WriterObject*>(o);
    t.visit(w->m_write);
    t.visit(w->m_dialect);
}

Value writer_fn(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1)
        raise(&exc::TypeError, "expected at least 1 argument, got 0");
    Value write = py_getattr_opt(args[0], intern("write"));
    if (!write || !py_callable(write))
        raise(&exc::TypeError, "argument 1 must have a \"write\" method");
    Value d = dialect_from_call(args, nargs, kw, 1);
    auto* w = gc::make<WriterObject>(&writer_type);
    w->m_write = write;
    w->m_dialect = d;
    return w;
}

bool is_number(Value v)
{
    if (is_int(v) || is_float(v) || isinstance(v, &complex_type))
        return true;
    Type* t = type_of(v);
    return type_lookup(t, intern("__index__")) || type_lookup(t, intern("__int__")) || type_lookup(t, intern("__float__"));
}

// Appends one field (null: an empty field) to [rec], quoting or escaping as the dialect says.
void join_append(DialectObject* d, std::u32string& rec, bool& first, StrObject* field, bool quoted)
{
    std::u32string lt = codepoints(d->m_lineterminator);
    std::u32string body;
    int64_t n = field ? field->m_length : 0;
    for (int64_t i = 0; i < n; i++) {
        uint32_t c = field->at(i);
        bool want_escape = false;
        if (c == d->m_delimiter || c == d->m_escapechar || c == d->m_quotechar || lt.find(static_cast<char32_t>(c)) != std::u32string::npos) {
            if (d->m_quoting == QUOTE_NONE) {
                want_escape = true;
            } else {
                if (c == d->m_quotechar) {
                    if (d->m_doublequote)
                        body.push_back(d->m_quotechar);
                    else
                        want_escape = true;
                } else if (c == d->m_escapechar) {
                    want_escape = true;
                }
                if (!want_escape)
                    quoted = true;
            }
            if (want_escape) {
                if (d->m_escapechar == NOT_SET)
                    csv_error("need to escape, but no escapechar set");
                body.push_back(d->m_escapechar);
            }
        }
        body.push_back(c);
    }
    if (!first)
        rec.push_back(d->m_delimiter);
    first = false;
    if (quoted)
        rec.push_back(d->m_quotechar);
    rec += body;
    if (quoted)
        rec.push_back(d->m_quotechar);
}

Value writer_writerow(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("writerow", nargs, kw, 1, 1);
    auto* w = self.as<WriterObject>();
    DialectObject* d = as_dialect(w->m_dialect);
    Value it;
    try {
        it = py_iter(args[0]);
    } catch (PyError&) {
        if (!exception_matches(&exc::TypeError))
            throw;
        take_exception();
        csv_error("iterable expected, not " + type_name(args[0]));
    }
    std::u32string rec;
    bool first = true;
    size_t nfields = 0;
    while (Value field = py_next(it)) {
        nfields++;
        bool quoted = d->m_quoting == QUOTE_ALL || (d->m_quoting == QUOTE_NONNUMERIC && !is_number(field));
        if (is_str(field))
            join_append(d, rec, first, field.as<StrObject>(), quoted);
        else if (is_none(field))
            join_append(d, rec, first, nullptr, quoted);
        else
            join_append(d, rec, first, py_str(field), quoted);
    }
    if (nfields > 0 && rec.empty()) {
        if (d->m_quoting == QUOTE_NONE)
            csv_error("single empty field record must be quoted");
        rec.push_back(d->m_quotechar);
        rec.push_back(d->m_quotechar);
    }
    rec += codepoints(d->m_lineterminator);
    return py_call1(w->m_write, str_of(rec));
}

Value writer_writerows(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("writerows", nargs, kw, 1, 1);
    Value it = py_iter(args[0]);
    while (Value row = py_next(it))
        writer_writerow(self, &row, 1, nullptr);
    return none();
}

Value writer_dialect(Value self) { return self.as<WriterObject>()->m_dialect; }

// --- module functions ----------------------------------------------------------------------------

Value csv_register_dialect(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1)
        raise(&exc::TypeError, "register_dialect() expected at least 1 argument, got 0");
    if (!is_str(args[0]))
        raise(&exc::TypeError, "dialect name must be a string");
    Value d = dialect_from_call(args, nargs, kw, 1);
    py_setitem(s_registry, args[0], d);
    return none();
}

Value csv_unregister_dialect(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("unregister_dialect", nargs, kw, 1, 1);
    if (!dict_get(s_registry.as<DictObject>(), args[0]))
        csv_error("unknown dialect");
    py_delitem(s_registry, args[0]);
    return none();
}

Value csv_get_dialect(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("get_dialect", nargs, kw, 1, 1);
    Value d = dict_get(s_registry.as<DictObject>(), args[0]);
    if (!d)
        csv_error("unknown dialect");
    return d;
}

Value csv_list_dialects(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("list_dialects", nargs, kw, 0, 0);
    return py_list_from_iterable(s_registry);
}

Value csv_field_size_limit(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("field_size_limit", args, nargs, kw, { "new_limit" }, 0, a);
    int64_t old = s_field_limit.load();
    if (a[0]) {
        if (!is_int(a[0]))
            raise(&exc::TypeError, "limit must be an integer");
        int64_t v;
        if (!int_to_i64(a[0], &v))
            raise(&exc::OverflowError, "Python int too large to convert to C long");
        s_field_limit.store(v);
    }
    return int_from_i64(old);
}

MethodDef const csv_functions[] = {
    { "reader", reader_fn },
    { "writer", writer_fn },
    { "register_dialect", csv_register_dialect },
    { "unregister_dialect", csv_unregister_dialect },
    { "get_dialect", csv_get_dialect },
    { "list_dialects", csv_list_dialects },
    { "field_size_limit", csv_field_size_limit },
    { nullptr, nullptr },
};
MethodDef const dialect_methods[] = {
    { "__new__", dialect_new, METH_STATIC },
    { "__reduce__", dialect_reduce },
    { "__reduce_ex__", dialect_reduce_ex },
    { nullptr, nullptr },
};
MethodDef const reader_methods[] = {
    { "__iter__", native_iter_self },
    { "__next__", native_iternext },
    { nullptr, nullptr },
};
MethodDef const writer_methods[] = {
    { "writerow", writer_writerow },
    { "writerows", writer_writerows },
    { nullptr, nullptr },
};

// The undo record of a reader: what reader_next() leaves for the next call. m_field is scratch
// that every call clears before its first use, so it needs no copy (nor does a copy of it belong
// in a byte copy: it owns C++ memory).
struct ReaderUndo {
    Value iter, dialect;
    ListObject* fields;
    ParseState state;
    bool numeric;
    int64_t line_num;
};
void* reader_undo_save(Object* o, Type*)
{
    auto* r = static_cast<ReaderObject*>(o);
    return new ReaderUndo { r->m_iter, r->m_dialect, r->m_fields, r->m_state, r->m_numeric,
        r->m_line_num };
}
void reader_undo_restore(Object* o, Type*, void* rec)
{
    auto* r = static_cast<ReaderObject*>(o);
    auto* u = static_cast<ReaderUndo*>(rec);
    r->m_iter = u->iter;
    r->m_dialect = u->dialect;
    r->m_fields = u->fields;
    r->m_state = u->state;
    r->m_numeric = u->numeric;
    r->m_line_num = u->line_num;
}
void reader_undo_drop(void* rec) { delete static_cast<ReaderUndo*>(rec); }
void reader_undo_trace(void* rec, gc::Tracer& t)
{
    auto* u = static_cast<ReaderUndo*>(rec);
    t.visit(u->iter);
    t.visit(u->dialect);
    t.visit(u->fields);
}
StmUndoOps const s_reader_undo { reader_undo_save, reader_undo_restore, reader_undo_drop,
    reader_undo_trace, sizeof(ReaderObject) };

} // namespace

void setup_csv_types()
{
    init_static_type(&dialect_type, "_csv.Dialect", nullptr, sizeof(DialectObject), TF_BASETYPE, dialect_trace);
    init_static_type(&reader_type, "_csv.reader", nullptr, sizeof(ReaderObject), 0, reader_trace, reader_destroy);
    reader_type.m_iternext = reader_next;
    // A transaction that reads a row with a reader made before it keeps an undo record of it,
    // instead of becoming inevitable (UNDO-1).
    reader_type.m_stm_undo = &s_reader_undo;
    init_static_type(&writer_type, "_csv.writer", nullptr, sizeof(WriterObject), 0, writer_trace);
}

void init_csv_types()
{
    add_methods(&dialect_type, dialect_methods);
    add_getset(&dialect_type, "delimiter", d_delimiter);
    add_getset(&dialect_type, "quotechar", d_quotechar);
    add_getset(&dialect_type, "escapechar", d_escapechar);
    add_getset(&dialect_type, "lineterminator", d_lineterminator);
    add_getset(&dialect_type, "quoting", d_quoting);
    add_getset(&dialect_type, "doublequote", d_doublequote);
    add_getset(&dialect_type, "skipinitialspace", d_skipinitialspace);
    add_getset(&dialect_type, "strict", d_strict);
    add_methods(&reader_type, reader_methods);
    add_getset(&reader_type, "dialect", reader_dialect);
    add_getset(&reader_type, "line_num", reader_line_num);
    add_methods(&writer_type, writer_methods);
    add_getset(&writer_type, "dialect", writer_dialect);
}

ModuleObject* init_csv_module()
{
    ModuleObject* m = module_new("_csv");
    for (MethodDef const* d = csv_functions; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    if (!s_error) {
        DictObject* ns = dict_new();
        dict_set_str(ns, names::__module__, str_from_ascii("_csv"));
        s_error = type_new(&type_type, intern("Error"), tuple_of({ Value(&exc::Exception) }), ns, nullptr);
        gc::add_root(&s_error);
        s_registry = dict_new();
        gc::add_root(&s_registry);
    }
    dict_set_cstr(m->m_dict, "Error", s_error);
    dict_set_cstr(m->m_dict, "Dialect", &dialect_type);
    dict_set_cstr(m->m_dict, "__version__", str_from_ascii("1.0"));
    dict_set_cstr(m->m_dict, "__doc__", str_from_ascii("CSV parsing and writing.\n"));
    dict_set_cstr(m->m_dict, "QUOTE_MINIMAL", Value::small_int(QUOTE_MINIMAL));
    dict_set_cstr(m->m_dict, "QUOTE_ALL", Value::small_int(QUOTE_ALL));
    dict_set_cstr(m->m_dict, "QUOTE_NONNUMERIC", Value::small_int(QUOTE_NONNUMERIC));
    dict_set_cstr(m->m_dict, "QUOTE_NONE", Value::small_int(QUOTE_NONE));
    return m;
}

} // namespace pystm
