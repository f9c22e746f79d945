// Callables: Python functions, builtin functions and method descriptors, bound methods, cells.
#pragma once

#include "objects/access.h"
#include "objects/code_object.h"

namespace pystm {

struct DictObject;
struct TupleObject;
struct StrObject;

// Native calling convention (vectorcall): [args] holds [nargs] positional values followed by one
// value per name in [kwnames] (null when there are no keywords). [self] is the bound object for
// methods, the module for module functions, or the class for METH_CLASS.
using NativeFn = Value (*)(Value self, Value const* args, size_t nargs, TupleObject* kwnames);

enum MethodFlags : uint32_t {
    METH_DEFAULT = 0, // instance method: the descriptor binds the instance as self
    METH_CLASS = 1, // classmethod: binds the class
    METH_STATIC = 2, // staticmethod (for example __new__ and str.maketrans): no self; self is null
};

struct MethodDef {
    char const* name;
    NativeFn fn;
    uint32_t flags = METH_DEFAULT;
    char const* doc = nullptr;
};

// A native function. With m_owner set and m_self null it is a method descriptor of m_owner
// (what `list.append` is): calling it takes self from the first argument and checks its type;
// __get__ binds it. Otherwise it is a "builtin_function_or_method" bound to m_self.
struct BuiltinFunction : Object {
    NativeFn m_fn;
    MethodDef const* m_def;
    StrObject* m_name;
    Type* m_owner; // defining type for method descriptors, else null
    Value m_self; // bound self / module, or null
    BuiltinFunction(Type* t, MethodDef const* def, StrObject* name, Type* owner, Value self)
        : Object(t), m_fn(def->fn), m_def(def), m_name(name), m_owner(owner), m_self(self) { }
};

struct FunctionObject : Object {
    CodeObject* m_code;
    DictObject* m_globals;
    DictObject* m_builtins; // resolved once from globals["__builtins__"]
    StrObject* m_name;
    StrObject* m_qualname;
    Value m_module; // __module__
    Value m_doc;
    TupleObject* m_defaults = nullptr; // or null
    DictObject* m_kwdefaults = nullptr; // or null
    TupleObject* m_closure = nullptr; // cells, or null
    Value m_annotations; // dict, tuple of (name, value) pairs before first access, or null
    DictObject* m_dict = nullptr; // function attributes, created on demand
    FunctionObject(Type* t, CodeObject* code, DictObject* globals)
        : Object(t), m_code(code), m_globals(globals), m_builtins(nullptr), m_name(nullptr),
          m_qualname(nullptr) { }
};

struct MethodObject : Object { // a function bound to an instance
    Value m_func;
    Value m_self;
    MethodObject(Type* t, Value func, Value self) : Object(t), m_func(func), m_self(self) { }
};

struct CellObject : Object {
    Value m_ref; // null when empty
    explicit CellObject(Type* t, Value v = Value()) : Object(t), m_ref(v) { }
};
inline Value cell_get(CellObject* c)
{
    read_barrier(c);
    return c->m_ref;
}
inline void cell_set(CellObject* c, Value v)
{
    write_barrier(c);
    c->m_ref = v;
}

extern Type builtin_function_type; // "builtin_function_or_method"
extern Type method_descriptor_type; // "method_descriptor" (unbound native methods)
extern Type classmethod_descriptor_type;
extern Type function_type;
extern Type method_type;
extern Type cell_type;

// A builtin function bound to [self] (module functions: self is the module or null).
BuiltinFunction* builtin_function_new(MethodDef const* def, Value self);
// Adds [defs] (terminated by an entry with a null name) to [t]'s __dict__ as method
// descriptors, classmethod or staticmethod objects according to their flags.
void add_methods(Type* t, MethodDef const* defs);
// Adds a read-only (setter null) or read-write attribute implemented in C++ (a getset
// descriptor) to [t]'s __dict__.
using GetterFn = Value (*)(Value self);
using SetterFn = void (*)(Value self, Value v); // v null = delete
void add_getset(Type* t, char const* name, GetterFn get, SetterFn set = nullptr, char const* doc = nullptr);
// A read-only member_descriptor (CPython's READONLY PyMemberDef): assignment and deletion raise
// AttributeError "readonly attribute".
void add_member(Type* t, char const* name, GetterFn get, char const* doc = nullptr);
// Adds a plain class attribute.
void add_type_attr(Type* t, char const* name, Value v);

// Generic natives for builtin iterator types' dicts: __iter__ returns self; __next__ calls the
// type's m_iternext and raises StopIteration when it returns null.
Value native_iter_self(Value self, Value const* args, size_t nargs, TupleObject* kwnames);
Value native_iternext(Value self, Value const* args, size_t nargs, TupleObject* kwnames);

FunctionObject* function_new(CodeObject* code, DictObject* globals, StrObject* qualname);
MethodObject* method_new(Value func, Value self);
CellObject* cell_new(Value v = Value());

// Argument parsing for native functions. [spec] lists the parameter names; a "/" entry ends
// the positional-only ones and a "*" entry starts the keyword-only ones, as in a def. Fills
// [out] (one slot per name) with the passed values or null for those not passed; raises
// CPython's TypeError messages for too many/missing (the first [required] names)/duplicate/
// unexpected arguments, naming the function [fname] ("split() takes at most 2 arguments (3
// given)").
void parse_args(char const* fname, Value const* args, size_t nargs, TupleObject* kwnames,
    std::initializer_list<char const*> spec, size_t required, Value* out);
// Raises TypeError unless there are no keyword arguments and [min] <= nargs <= [max]
// ("len() takes exactly one argument (2 given)" style messages). Inline and free of
// allocation when the call is well formed: nearly every native method checks its arguments.
void check_nargs_slow(
    char const* fname, size_t nargs, TupleObject* kwnames, size_t min, size_t max);
inline void check_nargs(
    char const* fname, size_t nargs, TupleObject* kwnames, size_t min, size_t max)
{
    if (PY_LIKELY(nargs >= min && nargs <= max && !kwnames))
        return;
    check_nargs_slow(fname, nargs, kwnames, min, max);
}

} // namespace pystm
