// Private to the object-model files (type_object.cpp, type_new.cpp, descriptors.cpp,
// super_object.cpp, native_function.cpp, api*.cpp, builtins/build_class.cpp): the descriptor
// object layouts and the helpers they share. Nothing outside those files includes this.
//
// Invariant DESCR-1: a descriptor's type has __get__ (and, for data descriptors, __set__ or
// __delete__) in its __dict__ like any other class, so user code sees the standard protocol; the
// C++ fast paths in descr_get() / generic_getattr_opt() only short-cut the core descriptor types
// and must produce exactly what calling their __get__ would.
#pragma once

#include "objects/api.h"
#include "objects/type_object.h"
#include <string>

namespace pystm {

struct StaticMethodObject : Object { // staticmethod
    Value m_callable;
    DictObject* m_dict = nullptr; // __dict__ (functools.wraps copies attributes onto it)
    StaticMethodObject(Type* t, Value c) : Object(t), m_callable(c) { }
};

struct ClassMethodObject : Object { // classmethod
    Value m_callable;
    DictObject* m_dict = nullptr;
    ClassMethodObject(Type* t, Value c) : Object(t), m_callable(c) { }
};

struct PropertyObject : Object {
    Value m_get; // null = None
    Value m_set;
    Value m_del;
    Value m_doc;
    Value m_name; // set by __set_name__, for error messages
    bool m_getter_doc = false; // __doc__ was copied from fget
    explicit PropertyObject(Type* t) : Object(t) { }
};

struct GetSetDescriptor : Object {
    StrObject* m_name;
    Type* m_owner;
    GetterFn m_get;
    SetterFn m_set;
    char const* m_doc;
    GetSetDescriptor(Type* t, StrObject* name, Type* owner, GetterFn g, SetterFn s, char const* doc)
        : Object(t), m_name(name), m_owner(owner), m_get(g), m_set(s), m_doc(doc) { }
};

// One __slots__ entry of a heap type, or a read-only field of a builtin type (CPython's READONLY
// PyMemberDef: property.fget, function.__globals__, complex.real), which m_get reads instead.
struct MemberDescriptor : Object {
    StrObject* m_name;
    Type* m_owner;
    uint32_t m_offset; // byte offset of the Value in the instance (slots only)
    GetterFn m_get = nullptr; // builtin read-only member
    char const* m_doc = nullptr;
    MemberDescriptor(Type* t, StrObject* name, Type* owner, uint32_t off)
        : Object(t), m_name(name), m_owner(owner), m_offset(off) { }
};

struct SuperObject : Object {
    Type* m_type = nullptr; // the class super() was called in (null before __init__)
    Value m_obj; // the bound instance or class, or null
    Type* m_obj_type = nullptr; // type(obj), or obj itself when obj is a subclass of m_type
    explicit SuperObject(Type* t) : Object(t) { }
};

struct MappingProxyObject : Object {
    Value m_mapping;
    MappingProxyObject(Type* t, Value m) : Object(t), m_mapping(m) { }
};

struct GenericAliasObject : Object {
    Value m_origin;
    TupleObject* m_args;
    bool m_starred = false; // the unpacked form *tuple[int] (what iterating an alias yields)
    GenericAliasObject(Type* t, Value o, TupleObject* a) : Object(t), m_origin(o), m_args(a) { }
};

extern Type mappingproxy_type;
extern Type generic_alias_type;

// --- type and object internals (type_object.cpp, type_new.cpp) ----------------------------
// The natives installed on object and type, to recognise "not overridden" in the special
// cache (object's __getattribute__ means the generic algorithm applies, and so on).
extern Value g_object_getattribute;
extern Value g_object_setattr;
extern Value g_object_delattr;
extern Value g_object_new;
extern Value g_object_init;
extern Value g_object_hash;
extern Value g_object_repr;
extern Value g_type_getattribute;
extern Value g_type_setattr;
extern Value g_type_call;

// type.__call__(cls, *args, **kwargs): __new__ then __init__.
Value type_call(Type* cls, Value const* args, size_t nargs, TupleObject* kwnames);
// type.__getattribute__ / __setattr__ (v null = delete); getattr returns null if absent.
Value type_getattr_opt(Type* cls, StrObject* name);
void type_setattr(Type* cls, StrObject* name, Value v);
// The most derived metaclass of [meta] and the types of [bases]; TypeError "metaclass
// conflict: ..." when there is none.
Type* calculate_metaclass(Type* meta, TupleObject* bases);
// "module.qualname", or "qualname" for builtins (reprs).
std::string type_qualified_name(Type* t);
// __module__ of a type as a Value (str for builtins, the dict entry for heap types).
Value type_module(Type* t);
// Registry behind __subclasses__ (weak: heap types remove themselves when swept).
void type_add_subclass(Type* base, Type* sub);
void type_remove_subclass(Type* base, Type* sub); // __bases__ assignment
void type_remove_subclass_everywhere(Type* t);
ListObject* type_subclasses(Type* t);
void type_trace(Object* o, gc::Tracer& tr);
void type_destroy(Object* o);
void init_type_methods(); // type_new.cpp: type.__new__/__init__/mro/... and the getsets
void init_object_methods();

// --- descriptors (descriptors.cpp) ---------------------------------------------------------
extern Type mappingproxy_type;
GetSetDescriptor* getset_new(Type* owner, char const* name, GetterFn get, SetterFn set, char const* doc);
MemberDescriptor* member_new(Type* owner, StrObject* name, uint32_t offset);
StaticMethodObject* staticmethod_new(Value callable);
ClassMethodObject* classmethod_new(Value callable);
// descr.__get__(obj, type) for any attribute found on a type; [obj] null means "accessed on the
// class" (None at the Python level). Returns [descr] itself when its type has no __get__.
Value descr_get(Value descr, Value obj, Value type);
// True if type(descr) defines __set__ or __delete__.
bool is_data_descriptor(Value descr);
// Calls descr.__set__(obj, v) or __delete__(obj) (v null); false if the descriptor's type has
// neither the relevant method (the caller continues with the instance dict).
bool descr_set(Value descr, Value obj, Value v);
void setup_descriptor_types();
void init_descriptor_types();
void setup_generic_alias_types();
void init_generic_alias_types();
void setup_super_type();
// super.__getattribute__ (null if absent).
Value super_getattr_opt(Value self, StrObject* name);
void init_super_type();

// --- calls (api_call.cpp, native_function.cpp) ---------------------------------------------
// Calls a native function object (builtin function, method descriptor, classmethod descriptor).
Value call_native(BuiltinFunction* f, Value const* args, size_t nargs, TupleObject* kwnames);
// Calls the attribute [descr] found on type(self)'s MRO as a method of [self] (what a special
// method lookup does): functions and method descriptors get [self] prepended, other
// descriptors are bound through __get__ first.
Value call_unbound(Value descr, Value self, Value const* args, size_t nargs, TupleObject* kwnames);
// Calls the comparison method [f] of self's type with [other] (objects/api_compare.cpp). A
// descriptor other than a plain function whose __get__ raises (a property on __eq__ whose getter
// fails) counts as NotImplemented, as in CPython's slot_tp_richcompare, which clears the error
// of the method lookup.
Value call_compare(Value f, Value self, Value other);
// True if [v] is a native callable of one of the builtin function types.
bool is_builtin_function(Value v);
void setup_native_function_types();
void init_native_function_types();
bool is_slot_wrapper_name(StrObject* name);

// A small argument buffer: [self] + args, on the stack when short, else in rooted heap
// memory (GC-1), for prepending a bound object to a vectorcall argument array.
class PrependArgs {
public:
    PrependArgs(Value first, Value const* args, size_t n);
    ~PrependArgs();
    PrependArgs(PrependArgs const&) = delete;
    PrependArgs& operator=(PrependArgs const&) = delete;
    Value const* data() const { return m_data; }

private:
    Value m_small[8];
    void* m_rooted = nullptr;
    Value* m_data;
};

// len(v) through its __len__ [f], with CPython's result checks (api.cpp).
int64_t len_from_special(Value v, Value f);

// --- attributes (api_attr.cpp) -------------------------------------------------------------
// Raises AttributeError "'A' object has no attribute 'x'" with .name and .obj set.
[[noreturn]] void raise_no_attribute(Value o, StrObject* name);
// The instance __dict__ of [o] (created on first use when [create]), or null if it has none.
DictObject* instance_dict(Value o, bool create);

} // namespace pystm
