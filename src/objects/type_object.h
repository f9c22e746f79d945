// type and object, the descriptor types (property, staticmethod, classmethod, super), the
// singletons' types, and the machinery to define builtin types and create classes.
//
// Builtin types are statically allocated Type objects (permanent, GC-1), set up in two steps
// by objects/bootstrap.cpp: first every type's layout (init_static_type: no allocation), then,
// once str, dict and tuple work, every type's dict, MRO and methods.
#pragma once

#include "objects/function_object.h"

#include <vector>

namespace pystm {

extern Type type_type;
extern Type object_type;
extern Type none_type;
extern Type not_implemented_type;
extern Type ellipsis_type;
extern Type property_type;
extern Type staticmethod_type;
extern Type classmethod_type;
extern Type super_type;
extern Type getset_descriptor_type;
extern Type member_descriptor_type; // __slots__ entries
extern Type wrapper_descriptor_type;

// Step 1 for a builtin type: header, name, base, layout and hooks. Allocates nothing.
// [layout_size] is sizeof the C++ struct of its instances. [base] null means object.
void init_static_type(Type* t, char const* name, Type* base, size_t layout_size, uint32_t flags,
    TraceFn trace = nullptr, DestroyFn destroy = nullptr);
// Step 2 (called once by bootstrap for every type set up by init_static_type): creates the
// name, __dict__, __bases__ and __mro__ objects.
void finish_static_types();
// Every type set up by init_static_type, in set-up order.
std::vector<Type*> const& static_types();

// type(name, bases, dict) and class statements: creates a heap type with metaclass [meta],
// computing the layout (dict offset, __slots__), MRO (C3) and __set_name__/__init_subclass__
// calls. Raises TypeError with CPython's messages (layout conflicts, MRO failures).
Type* type_new(Type* meta, StrObject* name, TupleObject* bases, DictObject* dict, DictObject* kwargs);
// C3 linearisation of [t]'s bases; raises TypeError "Cannot create a consistent method
// resolution order (MRO) for bases A, B".
TupleObject* compute_mro(Type* t);
// TF_SEQUENCE / TF_MAPPING of [t]: its own flags for a heap type; for a builtin type those its
// kind implies (list, tuple, range, memoryview, deque, array; dict, mappingproxy).
uint32_t type_collection_flags(Type* t);

// The generic instance allocator (object.__new__): allocates m_instance_size bytes for [t].
Object* object_alloc(Type* t);

inline bool is_type(Value v) { return v.is_object() && v.as_object()->m_type->has_flag(TF_TYPE_SUBCLASS); }

// types.GenericAlias(origin, args): what list[int] and the other __class_getitem__ return.
// (Declared by containers; implemented by the owner of type_object.cpp.)
Value generic_alias_new(Value origin, Value args);
// types.MappingProxyType(mapping): a read-only view of a mapping (dict views' .mapping).
Value mappingproxy_new(Value mapping);
// types.UnionType: the value of X | Y for types (and None, GenericAlias, unions); flattens and
// deduplicates its arguments. isinstance() / issubclass() accept it.
extern Type union_type;
Value union_new(Value a, Value b);

} // namespace pystm
