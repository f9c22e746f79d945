// The code type: co_* attributes, co_positions(), co_lines(), replace() and line lookup.
//
// Code objects are immutable (OBJ-1) once the compiler has filled them in. Their C++ vectors
// (instructions, positions, local kinds) are owned by the object and freed by destroy_code.
// Byte offsets shown to Python (co_lines(), f_lasti, tb_lasti) are instruction index * 2, as if
// each instruction were one CPython code unit, so offset // 2 is the instruction index.
#include "gc/heap.h"
#include "objects/bytes_object.h"
#include "objects/code_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"

namespace pystm {

Type code_type { &type_type };

int32_t CodeObject::line_at(size_t index) const
{
    if (index >= m_positions.size())
        return -1;
    int32_t line = m_positions[index].line;
    return line > 0 ? line : -1;
}

namespace {

void trace_code(Object* o, gc::Tracer& t)
{
    auto* c = static_cast<CodeObject*>(o);
    t.visit(c->m_consts);
    t.visit(c->m_names);
    t.visit(c->m_localsplusnames);
    t.visit(c->m_filename);
    t.visit(c->m_name);
    t.visit(c->m_qualname);
}

void destroy_code(Object* o) { static_cast<CodeObject*>(o)->~CodeObject(); }

CodeObject* as_code(Value v)
{
    if (!v.is_object() || v.as_object()->m_type != &code_type)
        raise(&exc::TypeError, "descriptor requires a 'code' object but received a '%s'", type_name(v).c_str());
    return v.as<CodeObject>();
}

Value opt_str(StrObject* s) { return s ? Value(s) : Value(str_empty()); }
Value opt_tuple(TupleObject* t) { return t ? Value(t) : Value(tuple_empty()); }

// Names of the localsplus slots whose kind has [kind] set.
Value names_of_kind(CodeObject* c, uint8_t kind)
{
    gc::RootedValues names;
    for (int32_t i = 0; i < c->nlocalsplus(); ++i)
        if (c->m_localspluskinds[i] & kind)
            names.push_back(c->m_localsplusnames->item(i));
    return Value(tuple_from(names.data(), static_cast<int64_t>(names.size())));
}

Value co_argcount(Value s) { return int_from_i64(as_code(s)->m_argcount); }
Value co_posonlyargcount(Value s) { return int_from_i64(as_code(s)->m_posonlyargcount); }
Value co_kwonlyargcount(Value s) { return int_from_i64(as_code(s)->m_kwonlyargcount); }
Value co_nlocals(Value s) { return int_from_i64(as_code(s)->m_nlocals); }
Value co_stacksize(Value s) { return int_from_i64(as_code(s)->m_stacksize); }
Value co_flags(Value s) { return int_from_i64(as_code(s)->m_flags); }
Value co_firstlineno(Value s) { return int_from_i64(as_code(s)->m_firstlineno); }
Value co_consts(Value s) { return opt_tuple(as_code(s)->m_consts); }
Value co_names(Value s) { return opt_tuple(as_code(s)->m_names); }
Value co_varnames(Value s) { return names_of_kind(as_code(s), CO_FAST_LOCAL); }
Value co_cellvars(Value s) { return names_of_kind(as_code(s), CO_FAST_CELL); }
Value co_freevars(Value s) { return names_of_kind(as_code(s), CO_FAST_FREE); }
Value co_filename(Value s) { return opt_str(as_code(s)->m_filename); }
Value co_name(Value s) { return opt_str(as_code(s)->m_name); }
Value co_qualname(Value s)
{
    auto* c = as_code(s);
    return opt_str(c->m_qualname ? c->m_qualname : c->m_name);
}
Value co_code(Value s)
{
    auto* c = as_code(s);
    std::string bytes;
    bytes.reserve(c->m_code.size() * 4);
    for (uint32_t instr : c->m_code)
        for (int i = 0; i < 4; ++i)
            bytes.push_back(static_cast<char>((instr >> (8 * i)) & 0xFF));
    return Value(bytes_new(bytes));
}
Value co_linetable(Value s)
{
    // Positions are kept unencoded (m_positions); expose them as little-endian int32 quads.
    auto* c = as_code(s);
    std::string bytes;
    for (Position const& p : c->m_positions)
        for (int32_t v : { p.line, p.end_line, p.col, p.end_col })
            for (int i = 0; i < 4; ++i)
                bytes.push_back(static_cast<char>((static_cast<uint32_t>(v) >> (8 * i)) & 0xFF));
    return Value(bytes_new(bytes));
}

Value opt_int(int32_t v, bool present) { return present ? int_from_i64(v) : none(); }

Value co_positions(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("co_positions", nargs, kw, 0, 0);
    auto* c = as_code(self);
    ListObject* l = list_new(static_cast<int64_t>(c->m_positions.size()));
    for (Position const& p : c->m_positions) {
        bool has = p.line > 0;
        list_append(l,
            Value(tuple_of({ opt_int(p.line, has), opt_int(p.end_line, has && p.end_line > 0),
                opt_int(p.col, has && p.col >= 0), opt_int(p.end_col, has && p.end_col >= 0) })));
    }
    return py_iter(Value(l));
}

Value co_lines(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("co_lines", nargs, kw, 0, 0);
    auto* c = as_code(self);
    ListObject* l = list_new();
    size_t n = c->m_code.size();
    size_t start = 0;
    while (start < n) {
        int32_t line = c->line_at(start);
        size_t end = start + 1;
        while (end < n && c->line_at(end) == line)
            ++end;
        list_append(l,
            Value(tuple_of({ int_from_i64(static_cast<int64_t>(start * 2)), int_from_i64(static_cast<int64_t>(end * 2)),
                line > 0 ? int_from_i64(line) : none() })));
        start = end;
    }
    return py_iter(Value(l));
}

Value code_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    auto* c = as_code(self);
    char addr[32];
    snprintf(addr, sizeof addr, "%p", static_cast<void*>(c));
    std::string s = "<code object " + (c->m_name ? str_utf8(c->m_name) : std::string("?")) + " at " + addr
        + ", file \"" + (c->m_filename ? str_utf8(c->m_filename) : std::string("???")) + "\", line "
        + std::to_string(c->m_firstlineno) + ">";
    return str_from_utf8(s);
}

CodeObject* code_copy(CodeObject* c)
{
    auto* n = gc::make<CodeObject>(&code_type);
    n->m_argcount = c->m_argcount;
    n->m_posonlyargcount = c->m_posonlyargcount;
    n->m_kwonlyargcount = c->m_kwonlyargcount;
    n->m_flags = c->m_flags;
    n->m_stacksize = c->m_stacksize;
    n->m_blockdepth = c->m_blockdepth;
    n->m_firstlineno = c->m_firstlineno;
    n->m_code = c->m_code;
    n->m_positions = c->m_positions;
    n->m_consts = c->m_consts;
    n->m_names = c->m_names;
    n->m_localsplusnames = c->m_localsplusnames;
    n->m_localspluskinds = c->m_localspluskinds;
    n->m_nlocals = c->m_nlocals;
    n->m_ncellvars = c->m_ncellvars;
    n->m_nfreevars = c->m_nfreevars;
    n->m_filename = c->m_filename;
    n->m_name = c->m_name;
    n->m_qualname = c->m_qualname;
    return n;
}

// code.replace(**changes), with CPython 3.11's keywords. pystm's code objects run pystm's own
// instructions, so a change is honoured only where the instruction stream stays valid: names,
// file, line numbers, constants and names of the same count, local names (renamed, not added),
// the argument counts within the plain locals, a larger stack, positions in pystm's own
// co_linetable format, and flags that keep the code's kind. Anything else is a ValueError that
// says what cannot change (co_code and co_exceptiontable accept only what the code already has).
Value code_replace(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    auto* c = as_code(self);
    enum {
        ARGCOUNT, POSONLY, KWONLY, NLOCALS, STACKSIZE, FLAGS, FIRSTLINENO, CODE, CONSTS, NAMES,
        VARNAMES, FREEVARS, CELLVARS, FILENAME, NAME, QUALNAME, LINETABLE, EXCEPTIONTABLE, NKEYS
    };
    Value a[NKEYS];
    parse_args("replace", args, nargs, kwnames,
        { "*", "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals",
            "co_stacksize", "co_flags", "co_firstlineno", "co_code", "co_consts", "co_names",
            "co_varnames", "co_freevars", "co_cellvars", "co_filename", "co_name", "co_qualname",
            "co_linetable", "co_exceptiontable" },
        0, a);
    CodeObject* n = code_copy(c);
    auto type_error = [](char const* what, char const* want, Value v) {
        raise(&exc::TypeError, "replace() argument '%s' must be %s, not %s", what, want, type_name(v).c_str());
    };
    auto want_str = [&](Value v, char const* what) -> StrObject* {
        if (!is_str(v))
            type_error(what, "str", v);
        return v.as<StrObject>();
    };
    auto want_int = [&](Value v, char const*) -> int64_t {
        // Argument Clinic's int converter: __index__, never a float.
        if (isinstance(v, &float_type))
            raise(&exc::TypeError, "'float' object cannot be interpreted as an integer");
        int64_t x = py_index_i64(v);
        if (x < INT32_MIN || x > INT32_MAX)
            raise(&exc::OverflowError, "Python int too large to convert to C int");
        return x;
    };
    auto want_tuple = [&](Value v, char const* what) -> TupleObject* {
        if (!is_tuple(v))
            type_error(what, "tuple", v);
        return v.as<TupleObject>();
    };
    auto want_bytes = [&](Value v, char const* what) -> std::string_view {
        if (!v.is_object() || !isinstance(v, &bytes_type))
            type_error(what, "bytes", v);
        return v.as<BytesObject>()->view();
    };
    auto cannot = [](char const* what, char const* why) {
        raise(&exc::ValueError, "replace() cannot change %s in pystm: %s", what, why);
    };
    // Every item of a names tuple must be a str (CPython checks the same).
    auto check_names = [&](TupleObject* t, char const* what) {
        for (int64_t i = 0; i < t->m_size; i++)
            if (!is_str(t->item(i)))
                raise(&exc::TypeError, "replace() argument '%s' must be a tuple of str", what);
    };

    if (a[NAME])
        n->m_name = want_str(a[NAME], "co_name");
    if (a[QUALNAME])
        n->m_qualname = want_str(a[QUALNAME], "co_qualname");
    if (a[FILENAME])
        n->m_filename = want_str(a[FILENAME], "co_filename");
    if (a[FIRSTLINENO])
        n->m_firstlineno = static_cast<int32_t>(want_int(a[FIRSTLINENO], "co_firstlineno"));
    if (a[CONSTS]) {
        TupleObject* t = want_tuple(a[CONSTS], "co_consts");
        if (t->m_size != (c->m_consts ? c->m_consts->m_size : 0))
            cannot("the number of co_consts", "the instructions index the constants");
        n->m_consts = t;
    }
    if (a[NAMES]) {
        TupleObject* t = want_tuple(a[NAMES], "co_names");
        check_names(t, "co_names");
        if (t->m_size != (c->m_names ? c->m_names->m_size : 0))
            cannot("the number of co_names", "the instructions index the names");
        n->m_names = t;
    }
    // Local names: renamed in place, kind by kind (a cell argument is both a local and a cell).
    struct KindArg {
        int slot;
        uint8_t kind;
        char const* what;
    };
    for (KindArg const& k : { KindArg { VARNAMES, CO_FAST_LOCAL, "co_varnames" },
             KindArg { CELLVARS, CO_FAST_CELL, "co_cellvars" },
             KindArg { FREEVARS, CO_FAST_FREE, "co_freevars" } }) {
        if (!a[k.slot])
            continue;
        TupleObject* t = want_tuple(a[k.slot], k.what);
        check_names(t, k.what);
        int64_t count = 0;
        for (int32_t i = 0; i < c->nlocalsplus(); ++i)
            if (c->m_localspluskinds[i] & k.kind)
                count++;
        if (t->m_size != count)
            cannot(k.what, "the frame layout is fixed; local names can be renamed, not added or removed");
        TupleObject* names = tuple_new(c->nlocalsplus());
        TupleObject* old = n->m_localsplusnames;
        int64_t j = 0;
        for (int32_t i = 0; i < c->nlocalsplus(); ++i)
            names->items()[i] = (c->m_localspluskinds[i] & k.kind) ? t->item(j++) : old->item(i);
        n->m_localsplusnames = names;
    }
    if (a[NLOCALS] && want_int(a[NLOCALS], "co_nlocals") != c->m_nlocals)
        cannot("co_nlocals", "it is the number of co_varnames");
    if (a[STACKSIZE]) {
        int64_t size = want_int(a[STACKSIZE], "co_stacksize");
        if (size < c->m_stacksize)
            cannot("co_stacksize to a smaller value", "the instructions need the compiled depth");
        n->m_stacksize = static_cast<int32_t>(size);
    }
    if (a[FLAGS]) {
        // The bits the instruction stream was compiled for (the frame's kind and its argument
        // layout) must stay; the others, as CO_ITERABLE_COROUTINE set by types.coroutine, only
        // change how the interpreter treats the code's frames.
        constexpr uint32_t fixed = CO_OPTIMIZED | CO_NEWLOCALS | CO_VARARGS | CO_VARKEYWORDS
            | CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR;
        int64_t flags = want_int(a[FLAGS], "co_flags");
        if (flags < 0 || ((static_cast<uint32_t>(flags) ^ c->m_flags) & fixed))
            cannot("the kind or the *args/**kwargs layout of a code object (co_flags)",
                "the instructions were compiled for them");
        n->m_flags = static_cast<uint32_t>(flags);
    }
    if (a[ARGCOUNT])
        n->m_argcount = static_cast<int32_t>(want_int(a[ARGCOUNT], "co_argcount"));
    if (a[POSONLY])
        n->m_posonlyargcount = static_cast<int32_t>(want_int(a[POSONLY], "co_posonlyargcount"));
    if (a[KWONLY])
        n->m_kwonlyargcount = static_cast<int32_t>(want_int(a[KWONLY], "co_kwonlyargcount"));
    if (a[ARGCOUNT] || a[POSONLY] || a[KWONLY]) {
        if (n->m_argcount < 0 || n->m_posonlyargcount < 0 || n->m_kwonlyargcount < 0)
            raise(&exc::ValueError, "code: argument counts must not be negative");
        if (n->m_posonlyargcount > n->m_argcount)
            raise(&exc::ValueError, "code: co_posonlyargcount > co_argcount");
        // Arguments are the first locals; they can be rearranged only among the plain locals
        // that precede the *args and **kwargs slots.
        int64_t total = int64_t(n->m_argcount) + n->m_kwonlyargcount;
        int64_t room = c->m_argcount + c->m_kwonlyargcount;
        if (total != room)
            cannot("the number of arguments (co_argcount + co_kwonlyargcount)",
                "the *args and **kwargs slots follow the arguments in the frame");
    }
    if (a[CODE] && want_bytes(a[CODE], "co_code") != co_code(self).as<BytesObject>()->view())
        cannot("co_code", "its instructions are not CPython bytecode");
    if (a[EXCEPTIONTABLE] && !want_bytes(a[EXCEPTIONTABLE], "co_exceptiontable").empty())
        cannot("co_exceptiontable", "exception handlers are part of its instructions");
    if (a[LINETABLE]) {
        // pystm's own format (see co_linetable): little-endian int32 quads, one per instruction.
        std::string_view t = want_bytes(a[LINETABLE], "co_linetable");
        if (t.size() != c->m_code.size() * 16)
            cannot("co_linetable to another format",
                "it holds one (line, end_line, col, end_col) int32 quad per instruction");
        auto word = [&t](size_t at) {
            uint32_t u = 0;
            for (int i = 3; i >= 0; --i)
                u = (u << 8) | static_cast<uint8_t>(t[at + static_cast<size_t>(i)]);
            return static_cast<int32_t>(u);
        };
        for (size_t i = 0; i < c->m_code.size(); ++i)
            n->m_positions[i] = Position { word(16 * i), word(16 * i + 4), word(16 * i + 8), word(16 * i + 12) };
    }
    return Value(n);
}

MethodDef const code_methods[] = {
    { "__repr__", code_repr },
    { "co_positions", co_positions },
    { "co_lines", co_lines },
    { "replace", code_replace },
    { nullptr, nullptr },
};

} // namespace

void setup_code_types()
{
    init_static_type(&code_type, "code", nullptr, sizeof(CodeObject), TF_IMMUTABLE, trace_code, destroy_code);
}

void init_code_types()
{
    add_methods(&code_type, code_methods);
    add_getset(&code_type, "co_argcount", co_argcount);
    add_getset(&code_type, "co_posonlyargcount", co_posonlyargcount);
    add_getset(&code_type, "co_kwonlyargcount", co_kwonlyargcount);
    add_getset(&code_type, "co_nlocals", co_nlocals);
    add_getset(&code_type, "co_stacksize", co_stacksize);
    add_getset(&code_type, "co_flags", co_flags);
    add_getset(&code_type, "co_firstlineno", co_firstlineno);
    add_getset(&code_type, "co_consts", co_consts);
    add_getset(&code_type, "co_names", co_names);
    add_getset(&code_type, "co_varnames", co_varnames);
    add_getset(&code_type, "co_cellvars", co_cellvars);
    add_getset(&code_type, "co_freevars", co_freevars);
    add_getset(&code_type, "co_filename", co_filename);
    add_getset(&code_type, "co_name", co_name);
    add_getset(&code_type, "co_qualname", co_qualname);
    add_getset(&code_type, "co_code", co_code);
    add_getset(&code_type, "co_linetable", co_linetable);
}

} // namespace pystm
