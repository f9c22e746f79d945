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

// code.replace(**changes): the fields that do not change the instruction stream's meaning.
Value code_replace(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    auto* c = as_code(self);
    Value a[6];
    parse_args("replace", args, nargs, kwnames,
        { "*", "co_name", "co_qualname", "co_filename", "co_firstlineno", "co_consts", "co_flags" },
        0, a);
    CodeObject* n = code_copy(c);
    auto want_str = [](Value v, char const* what) -> StrObject* {
        if (!is_str(v))
            raise(&exc::TypeError, "replace() argument '%s' must be str, not %s", what, type_name(v).c_str());
        return v.as<StrObject>();
    };
    if (a[0])
        n->m_name = want_str(a[0], "co_name");
    if (a[1])
        n->m_qualname = want_str(a[1], "co_qualname");
    if (a[2])
        n->m_filename = want_str(a[2], "co_filename");
    if (a[3]) {
        if (!is_int(a[3]))
            raise(&exc::TypeError, "replace() argument 'co_firstlineno' must be int, not %s", type_name(a[3]).c_str());
        n->m_firstlineno = static_cast<int32_t>(py_index_i64(a[3]));
    }
    if (a[4]) {
        if (!is_tuple(a[4]) || a[4].as<TupleObject>()->m_size != (c->m_consts ? c->m_consts->m_size : 0))
            raise(&exc::ValueError, "replace() argument 'co_consts' must be a tuple of the same length");
        n->m_consts = a[4].as<TupleObject>();
    }
    if (a[5]) {
        // The bits the instruction stream was compiled for (the frame's kind and its argument
        // layout) must stay; the others, as CO_ITERABLE_COROUTINE set by types.coroutine, only
        // change how the interpreter treats the code's frames.
        constexpr uint32_t fixed = CO_OPTIMIZED | CO_NEWLOCALS | CO_VARARGS | CO_VARKEYWORDS
            | CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR;
        if (!is_int(a[5]))
            raise(&exc::TypeError, "replace() argument 'co_flags' must be int, not %s",
                type_name(a[5]).c_str());
        int64_t flags = py_index_i64(a[5]);
        if (flags < 0 || flags > UINT32_MAX
            || ((static_cast<uint32_t>(flags) ^ c->m_flags) & fixed))
            raise(&exc::ValueError,
                "replace() cannot change the kind or the argument layout of a code object");
        n->m_flags = static_cast<uint32_t>(flags);
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
