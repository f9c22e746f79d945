// Python functions, bound methods and cells: their constructors and Python types.
//
// FunctionObject keeps its attributes in C++ fields (exposed as getset descriptors with
// CPython's type checks) plus an optional attribute __dict__ (m_dict, at the type's
// m_dict_offset so the generic attribute protocol creates it on demand). __annotations__ is
// stored as MAKE_FUNCTION's flat (name, value, ...) tuple and turned into a dict on first access.
// Functions are mutable (their attributes can be assigned): accessors place barriers.
#include "gc/heap.h"
#include "objects/bytes_object.h"
#include "objects/int_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/richcompare.h"
#include "objects/module_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/frame.h"
#include "vm/interpreter.h"
#include <cstddef>

namespace pystm {

Type function_type { &type_type };
Type method_type { &type_type };
Type cell_type { &type_type };

namespace {

std::string addr_str(void const* p)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%p", p);
    return buf;
}

void trace_function(Object* o, gc::Tracer& t)
{
    auto* f = static_cast<FunctionObject*>(o);
    t.visit(f->m_code);
    t.visit(f->m_globals);
    t.visit(f->m_builtins);
    t.visit(f->m_name);
    t.visit(f->m_qualname);
    t.visit(f->m_module);
    t.visit(f->m_doc);
    t.visit(f->m_defaults);
    t.visit(f->m_kwdefaults);
    t.visit(f->m_closure);
    t.visit(f->m_annotations);
    t.visit(f->m_dict);
}

void trace_method(Object* o, gc::Tracer& t)
{
    auto* m = static_cast<MethodObject*>(o);
    t.visit(m->m_func);
    t.visit(m->m_self);
}

void trace_cell(Object* o, gc::Tracer& t) { t.visit(static_cast<CellObject*>(o)->m_ref); }

FunctionObject* as_func(Value self)
{
    if (!self.is_object() || !self.as_object()->m_type->is_subtype(&function_type))
        raise(&exc::TypeError, "descriptor requires a 'function' object but received a '%s'", type_name(self).c_str());
    return self.as<FunctionObject>();
}

Value opt(Object* o) { return o ? Value(o) : none(); }

// --- function attributes ---------------------------------------------------------------------

Value fn_get_name(Value self)
{
    auto* f = as_func(self);
    read_barrier(f);
    return Value(f->m_name);
}
void fn_set_name(Value self, Value v)
{
    auto* f = as_func(self);
    if (!v || !is_str(v))
        raise(&exc::TypeError, "__name__ must be set to a string object");
    write_barrier(f);
    f->m_name = v.as<StrObject>();
}
Value fn_get_qualname(Value self)
{
    auto* f = as_func(self);
    read_barrier(f);
    return Value(f->m_qualname);
}
void fn_set_qualname(Value self, Value v)
{
    auto* f = as_func(self);
    if (!v || !is_str(v))
        raise(&exc::TypeError, "__qualname__ must be set to a string object");
    write_barrier(f);
    f->m_qualname = v.as<StrObject>();
}
Value fn_get_doc(Value self)
{
    auto* f = as_func(self);
    read_barrier(f);
    return f->m_doc ? f->m_doc : none();
}
void fn_set_doc(Value self, Value v)
{
    auto* f = as_func(self);
    write_barrier(f);
    f->m_doc = v ? v : none();
}
Value fn_get_module(Value self)
{
    auto* f = as_func(self);
    read_barrier(f);
    return f->m_module ? f->m_module : none();
}
void fn_set_module(Value self, Value v)
{
    auto* f = as_func(self);
    write_barrier(f);
    f->m_module = v ? v : none();
}
Value fn_get_defaults(Value self)
{
    auto* f = as_func(self);
    read_barrier(f);
    return opt(f->m_defaults);
}
void fn_set_defaults(Value self, Value v)
{
    auto* f = as_func(self);
    if (v && is_none(v))
        v = Value();
    if (v && !is_tuple(v))
        raise(&exc::TypeError, "__defaults__ must be set to a tuple object");
    write_barrier(f);
    f->m_defaults = v ? v.as<TupleObject>() : nullptr;
}
Value fn_get_kwdefaults(Value self)
{
    auto* f = as_func(self);
    read_barrier(f);
    return opt(f->m_kwdefaults);
}
void fn_set_kwdefaults(Value self, Value v)
{
    auto* f = as_func(self);
    if (v && is_none(v))
        v = Value();
    if (v && !is_dict(v))
        raise(&exc::TypeError, "__kwdefaults__ must be set to a dict object");
    write_barrier(f);
    f->m_kwdefaults = v ? v.as<DictObject>() : nullptr;
}
Value fn_get_code(Value self)
{
    auto* f = as_func(self);
    read_barrier(f);
    return Value(f->m_code);
}
void fn_set_code(Value self, Value v)
{
    auto* f = as_func(self);
    if (!v || !v.is_object() || v.as_object()->m_type != &code_type)
        raise(&exc::TypeError, "__code__ must be set to a code object");
    auto* code = v.as<CodeObject>();
    int64_t nclosure = f->m_closure ? f->m_closure->m_size : 0;
    if (code->m_nfreevars != nclosure)
        raise(&exc::ValueError, "%s() requires a code object with %lld free vars, not %d",
            str_utf8(f->m_name).c_str(), static_cast<long long>(nclosure), code->m_nfreevars);
    write_barrier(f);
    f->m_code = code;
}
Value fn_get_globals(Value self) { return Value(as_func(self)->m_globals); }
Value fn_get_builtins(Value self) { return Value(as_func(self)->m_builtins); }
// A read-only member in CPython, which words the refusal differently from a getter alone.
void fn_set_builtins(Value, Value) { raise(&exc::AttributeError, "readonly attribute"); }
Value fn_get_closure(Value self) { return opt(as_func(self)->m_closure); }

DictObject* fn_annotations_dict(FunctionObject* f)
{
    read_barrier(f);
    Value a = f->m_annotations;
    if (a && is_dict(a))
        return a.as<DictObject>();
    DictObject* d = dict_new();
    if (a && is_tuple(a)) {
        auto* t = a.as<TupleObject>();
        for (int64_t i = 0; i + 1 < t->m_size; i += 2)
            dict_set(d, t->item(i), t->item(i + 1));
    }
    write_barrier(f);
    f->m_annotations = Value(d);
    return d;
}
Value fn_get_annotations(Value self) { return Value(fn_annotations_dict(as_func(self))); }
void fn_set_annotations(Value self, Value v)
{
    auto* f = as_func(self);
    if (v && is_none(v))
        v = Value();
    if (v && !is_dict(v))
        raise(&exc::TypeError, "__annotations__ must be set to a dict object");
    write_barrier(f);
    f->m_annotations = v;
}
Value fn_get_dict(Value self)
{
    auto* f = as_func(self);
    read_barrier(f);
    if (!f->m_dict) {
        DictObject* d = dict_new();
        write_barrier(f);
        f->m_dict = d;
    }
    return Value(f->m_dict);
}
void fn_set_dict(Value self, Value v)
{
    auto* f = as_func(self);
    if (!v)
        raise(&exc::TypeError, "cannot delete __dict__");
    if (!is_dict(v))
        raise(&exc::TypeError, "__dict__ must be set to a dictionary, not a '%s'", type_name(v).c_str());
    write_barrier(f);
    f->m_dict = v.as<DictObject>();
}

Value fn_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    auto* f = as_func(self);
    return str_from_utf8("<function " + str_utf8(f->m_qualname) + " at " + addr_str(f) + ">");
}

Value fn_get(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__get__", nargs, kw, 1, 2);
    Value obj = args[0];
    if (is_none(obj))
        return self;
    return Value(method_new(self, obj));
}

Value fn_call(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    return vm::call_function(as_func(self), args, nargs, kwnames);
}

// function(code, globals, name=None, argdefs=None, closure=None)
Value fn_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[6];
    parse_args("function", args, nargs, kwnames, { "type", "code", "globals", "name", "argdefs", "closure" }, 3, a);
    if (!a[1].is_object() || a[1].as_object()->m_type != &code_type)
        raise(&exc::TypeError, "function() argument 'code' must be code, not %s", type_name(a[1]).c_str());
    if (!is_dict(a[2]))
        raise(&exc::TypeError, "function() argument 'globals' must be dict, not %s", type_name(a[2]).c_str());
    auto* f = function_new(a[1].as<CodeObject>(), a[2].as<DictObject>(), nullptr);
    // Globals without a "__builtins__" key: the new function shares its caller's builtins.
    if (!dict_get_str(a[2].as<DictObject>(), names::__builtins__))
        f->m_builtins = vm::current_builtins();
    if (a[3] && !is_none(a[3])) {
        if (!is_str(a[3]))
            raise(&exc::TypeError, "arg 3 (name) must be None or string");
        f->m_name = a[3].as<StrObject>();
    }
    if (a[4] && !is_none(a[4])) {
        if (!is_tuple(a[4]))
            raise(&exc::TypeError, "arg 4 (defaults) must be None or tuple");
        f->m_defaults = a[4].as<TupleObject>();
    }
    if (a[5] && !is_none(a[5])) {
        if (!is_tuple(a[5]))
            raise(&exc::TypeError, "arg 5 (closure) must be tuple");
        f->m_closure = a[5].as<TupleObject>();
    }
    int64_t nclosure = f->m_closure ? f->m_closure->m_size : 0;
    if (nclosure != f->m_code->m_nfreevars)
        raise(&exc::ValueError, "%s requires closure of length %d, not %lld", str_utf8(f->m_code->m_name).c_str(),
            f->m_code->m_nfreevars, static_cast<long long>(nclosure));
    return Value(f);
}

MethodDef const function_methods[] = {
    { "__repr__", fn_repr },
    { "__get__", fn_get },
    { "__call__", fn_call },
    { "__new__", fn_new, METH_STATIC },
    { nullptr, nullptr },
};

// --- bound methods ---------------------------------------------------------------------------

MethodObject* as_method(Value self)
{
    if (!self.is_object() || !self.as_object()->m_type->is_subtype(&method_type))
        raise(&exc::TypeError, "descriptor requires a 'method' object but received a '%s'", type_name(self).c_str());
    return self.as<MethodObject>();
}

Value meth_get_func(Value self) { return as_method(self)->m_func; }
Value meth_get_self(Value self) { return as_method(self)->m_self; }
Value meth_get_doc(Value self)
{
    Value d = py_getattr_opt(as_method(self)->m_func, names::__doc__);
    return d ? d : none();
}

Value meth_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    auto* m = as_method(self);
    Value name = py_getattr_opt(m->m_func, names::__qualname__);
    if (!name)
        name = py_getattr_opt(m->m_func, names::__name__);
    std::string n = name && is_str(name) ? str_utf8(name) : "?";
    return str_from_utf8("<bound method " + n + " of " + repr_utf8(m->m_self) + ">");
}

Value meth_call(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    auto* m = as_method(self);
    size_t nkw = kwnames ? static_cast<size_t>(kwnames->m_size) : 0;
    gc::RootedValues buf;
    buf.reserve(nargs + nkw + 1);
    buf.push_back(m->m_self);
    for (size_t i = 0; i < nargs + nkw; ++i)
        buf.push_back(args[i]);
    if (m->m_func.is_object() && m->m_func.as_object()->m_type == &function_type)
        return vm::call_function(m->m_func.as<FunctionObject>(), buf.data(), nargs + 1, kwnames);
    return py_call(m->m_func, buf.data(), nargs + 1, kwnames);
}

Value meth_get(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__get__", nargs, kw, 1, 2);
    return self;
}

Value meth_eq(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__eq__", nargs, kw, 1, 1);
    auto* a = as_method(self);
    Value o = args[0];
    if (!o.is_object() || !o.as_object()->m_type->is_subtype(&method_type))
        return Value(g_not_implemented);
    auto* b = o.as<MethodObject>();
    return py_bool(a->m_self == b->m_self && py_eq(a->m_func, b->m_func));
}

Value meth_ne(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value r = meth_eq(self, args, nargs, kw);
    if (r == Value(g_not_implemented))
        return r;
    return py_bool(r != Value(g_true));
}

Value meth_hash(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__hash__", nargs, kw, 0, 0);
    auto* m = as_method(self);
    int64_t h = static_cast<int64_t>(reinterpret_cast<uintptr_t>(m->m_self.object_or_null()) >> 4) ^ py_hash(m->m_func);
    if (h == -1)
        h = -2;
    return int_from_i64(h);
}

// Attributes not found on the method type are looked up on the function (m.__name__, ...).
Value meth_getattribute(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getattribute__", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "attribute name must be string, not '%s'", type_name(args[0]).c_str());
    auto* name = args[0].as<StrObject>();
    Value v = generic_getattr_opt(self, name);
    if (v)
        return v;
    return py_getattr(as_method(self)->m_func, name);
}

Value meth_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("method", nargs, kwnames, 3, 3);
    if (!py_callable(args[1]))
        raise(&exc::TypeError, "first argument must be callable");
    if (is_none(args[2]))
        raise(&exc::TypeError, "instance must not be None");
    return Value(method_new(args[1], args[2]));
}

MethodDef const method_methods[] = {
    { "__repr__", meth_repr },
    { "__call__", meth_call },
    { "__get__", meth_get },
    { "__eq__", meth_eq },
    { "__ne__", meth_ne },
    { "__hash__", meth_hash },
    { "__getattribute__", meth_getattribute },
    { "__new__", meth_new, METH_STATIC },
    { nullptr, nullptr },
};

// --- cells -----------------------------------------------------------------------------------

CellObject* as_cell(Value self)
{
    if (!self.is_object() || self.as_object()->m_type != &cell_type)
        raise(&exc::TypeError, "descriptor requires a 'cell' object but received a '%s'", type_name(self).c_str());
    return self.as<CellObject>();
}

Value cell_get_contents(Value self)
{
    Value v = cell_get(as_cell(self));
    if (!v)
        raise(&exc::ValueError, "Cell is empty");
    return v;
}
void cell_set_contents(Value self, Value v) { cell_set(as_cell(self), v); }

Value cell_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    auto* c = as_cell(self);
    Value v = cell_get(c);
    std::string s = "<cell at " + addr_str(c) + ": ";
    if (!v)
        s += "empty>";
    else
        s += type_name(v) + " object at " + addr_str(v.is_small_int() ? nullptr : v.as_object()) + ">";
    // Small ints have no address of their own; CPython prints the int object's address.
    return str_from_utf8(s);
}

Value cell_new_native(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("cell", nargs - 1, kwnames, 0, 1);
    return Value(cell_new(nargs > 1 ? args[1] : Value()));
}

Value cell_richcompare(Value self, Value other, CompareOp op)
{
    auto* a = as_cell(self);
    if (!other.is_object() || other.as_object()->m_type != &cell_type)
        return Value(g_not_implemented);
    Value x = cell_get(a), y = cell_get(other.as<CellObject>());
    if (x && y)
        return py_richcompare(x, y, op);
    // Empty cells sort before full ones.
    return compare_order((x ? 1 : 0) - (y ? 1 : 0), op);
}

MethodDef const cell_methods[] = {
    { "__repr__", cell_repr },
    { "__new__", cell_new_native, METH_STATIC },
    { nullptr, nullptr },
};

} // namespace

FunctionObject* function_new(CodeObject* code, DictObject* globals, StrObject* qualname)
{
    auto* f = gc::make<FunctionObject>(&function_type, code, globals);
    f->m_builtins = vm::builtins_from_globals(globals);
    f->m_name = code->m_name;
    f->m_qualname = qualname ? qualname : (code->m_qualname ? code->m_qualname : code->m_name);
    Value mod = dict_get_str(globals, names::__name__);
    f->m_module = mod ? mod : none();
    // The compiler makes the docstring (or None) the first constant of every function.
    Value doc = none();
    if (code->m_consts && code->m_consts->m_size > 0 && is_str(code->m_consts->item(0)))
        doc = code->m_consts->item(0);
    f->m_doc = doc;
    return f;
}

MethodObject* method_new(Value func, Value self) { return gc::make<MethodObject>(&method_type, func, self); }

CellObject* cell_new(Value v) { return gc::make<CellObject>(&cell_type, v); }

void setup_function_types()
{
    init_static_type(&function_type, "function", nullptr, sizeof(FunctionObject), 0, trace_function);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
    function_type.m_dict_offset = offsetof(FunctionObject, m_dict);
#pragma GCC diagnostic pop
    init_static_type(&method_type, "method", nullptr, sizeof(MethodObject), 0, trace_method);
    init_static_type(&cell_type, "cell", nullptr, sizeof(CellObject), 0, trace_cell);
}

void init_function_types()
{
    add_methods(&function_type, function_methods);
    add_getset(&function_type, "__name__", fn_get_name, fn_set_name);
    add_getset(&function_type, "__qualname__", fn_get_qualname, fn_set_qualname);
    add_getset(&function_type, "__doc__", fn_get_doc, fn_set_doc);
    add_getset(&function_type, "__module__", fn_get_module, fn_set_module);
    add_getset(&function_type, "__defaults__", fn_get_defaults, fn_set_defaults);
    add_getset(&function_type, "__kwdefaults__", fn_get_kwdefaults, fn_set_kwdefaults);
    add_getset(&function_type, "__code__", fn_get_code, fn_set_code);
    add_member(&function_type, "__globals__", fn_get_globals);
    add_getset(&function_type, "__builtins__", fn_get_builtins, fn_set_builtins);
    add_member(&function_type, "__closure__", fn_get_closure);
    add_getset(&function_type, "__annotations__", fn_get_annotations, fn_set_annotations);
    add_getset(&function_type, "__dict__", fn_get_dict, fn_set_dict);

    add_methods(&method_type, method_methods);
    add_member(&method_type, "__func__", meth_get_func);
    add_member(&method_type, "__self__", meth_get_self);
    add_getset(&method_type, "__doc__", meth_get_doc);

    add_methods(&cell_type, cell_methods);
    add_methods(&cell_type, compare_methods<cell_richcompare>);
    add_getset(&cell_type, "cell_contents", cell_get_contents, cell_set_contents);
    dict_set_str(cell_type.m_dict, names::__hash__, none());
}

} // namespace pystm
