// The object header, the type object and the special-method cache.
//
// Every heap object starts with an Object header:
//
//   +0   Type*    m_type    the object's class; changes only through __class__ assignment
//   +8   uint32   m_gc      GC bits (gc/heap.h) and header flags (OF_*), see below
//   +12  uint32   m_hash    cached hash for immutable objects that need one (str), else 0
//   +16  uint64   m_stm     reserved for the STM runtime: owner / lock / version word
//
// Invariant OBJ-1: OF_IMMUTABLE is set at allocation iff the type's instances never change
// state after construction (int, float, complex, str, bytes, tuple, frozenset, code, range,
// slice, bool, NoneType). The accessor layer (objects/access.h) skips barriers on such objects
// by testing this bit alone, never by loading the type.
// Invariant OBJ-2: a heap type's __dict__ pointer and __slots__ values live after its builtin
// layout: at fixed offsets for fixed-size layouts, and after the inline items for variable-size
// ones (str, bytes, tuple), found through m_var_size.
//
// Special methods: the type's __dict__ (and its MRO) is the source of truth for every dunder.
// Each Type caches the resolved value of each dunder listed in special_methods.def in
// m_special[]; the cache is rebuilt when the global type epoch moves past m_cache_epoch (any
// assignment of a dunder on any class bumps the epoch). The cache is interpreter metadata, not
// transactional state (principle 6).
#pragma once

#include "objects/value.h"
#include <atomic>

namespace pystm {

struct Type;
struct StrObject;
struct TupleObject;
struct DictObject;
namespace gc {
class Tracer;
}

enum ObjectFlags : uint32_t {
    OF_MARK = 1u << 0, // reachable in the current GC cycle (gc/heap.cpp)
    OF_PERMANENT = 1u << 1, // statically allocated, never swept (builtin types, None, ...)
    OF_IMMUTABLE = 1u << 2, // see OBJ-1
    OF_NEEDS_DESTROY = 1u << 3, // the type's m_destroy must run when the object is swept
    OF_FINALIZED = 1u << 4, // __del__ has been scheduled once and will never run again (GC-6)
};

struct Object {
    Type* m_type;
    std::atomic<uint32_t> m_gc;
    uint32_t m_hash;
    std::atomic<uint64_t> m_stm;

    Object() = delete;
    constexpr explicit Object(Type* t) : m_type(t), m_gc(0), m_hash(0), m_stm(0) { }
    bool is_immutable() const { return m_gc.load(std::memory_order_relaxed) & OF_IMMUTABLE; }
};
static_assert(sizeof(Object) == 24);

enum SpecialId : uint16_t {
#define SPECIAL(name) SP_##name,
#include "objects/special_methods.def"
#undef SPECIAL
    SP_COUNT
};

enum TypeFlags : uint32_t {
    TF_HEAPTYPE = 1u << 0, // created by a class statement or type(); attributes writable
    TF_BASETYPE = 1u << 1, // may be subclassed
    TF_IMMUTABLE = 1u << 2, // instances are immutable (OBJ-1)
    TF_ABSTRACT = 1u << 3, // has __abstractmethods__
    // Instances accept weak references (CPython's tp_weaklistoffset): set on builtin types by
    // hand, on heap types by type_new from their layout (see type_supports_weakrefs).
    TF_WEAKREFABLE = 1u << 4,
    // Fast subclass tests, as CPython's Py_TPFLAGS_*_SUBCLASS.
    TF_INT_SUBCLASS = 1u << 8,
    TF_STR_SUBCLASS = 1u << 9,
    TF_TUPLE_SUBCLASS = 1u << 10,
    TF_LIST_SUBCLASS = 1u << 11,
    TF_DICT_SUBCLASS = 1u << 12,
    TF_BYTES_SUBCLASS = 1u << 13,
    TF_TYPE_SUBCLASS = 1u << 14,
    TF_EXC_SUBCLASS = 1u << 15, // BaseException
    TF_SET_SUBCLASS = 1u << 16, // set, not frozenset
    // What a match statement's sequence and mapping patterns accept (CPython's
    // Py_TPFLAGS_SEQUENCE / MAPPING): set on heap types by type_new from the first class of the
    // MRO that has either, or from __abc_tpflags__; builtin types: see type_collection_flags().
    TF_SEQUENCE = 1u << 17,
    TF_MAPPING = 1u << 18,
    // The fast subclass tests a subclass inherits from its bases.
    TF_SUBCLASS_FLAGS = TF_INT_SUBCLASS | TF_STR_SUBCLASS | TF_TUPLE_SUBCLASS | TF_LIST_SUBCLASS
        | TF_DICT_SUBCLASS | TF_BYTES_SUBCLASS | TF_TYPE_SUBCLASS | TF_EXC_SUBCLASS
        | TF_SET_SUBCLASS,
};

using TraceFn = void (*)(Object*, gc::Tracer&);
using DestroyFn = void (*)(Object*);
// Builtin iterators' fast "next": returns the next item, or the null Value when exhausted
// (never raises StopIteration). May raise other exceptions.
using IterNextFn = Value (*)(Object*);
// Bytes occupied by a variable-size builtin layout (header, fixed fields and inline items) of
// one object: str, bytes, tuple. Heap subclasses of these keep their __dict__ and __slots__
// after that, at a per-object position (see instance_dict_slot()).
using VarSizeFn = size_t (*)(Object const*);

struct Type : Object {
    StrObject* m_name = nullptr; // __name__
    StrObject* m_qualname = nullptr; // __qualname__
    StrObject* m_module = nullptr; // __module__ for builtins ("builtins"); heap types keep it in m_dict
    Type* m_base = nullptr; // __base__ (the "solid" base chosen for layout)
    TupleObject* m_bases = nullptr; // __bases__
    TupleObject* m_mro = nullptr; // __mro__
    DictObject* m_dict = nullptr; // __dict__
    char const* m_doc = nullptr; // builtin types' docstring
    uint32_t m_flags = 0;
    // Layout. An instance occupies m_instance_size bytes: the builtin layout (m_layout_size
    // bytes: header plus the C++ struct of the nearest builtin base), then, for heap types, an
    // optional __dict__ pointer at m_dict_offset (0 = none) and m_nslots __slots__ values
    // starting at m_slots_offset.
    uint32_t m_layout_size = 0;
    uint32_t m_instance_size = 0;
    uint32_t m_dict_offset = 0;
    uint32_t m_slots_offset = 0;
    uint32_t m_nslots = 0;
    TraceFn m_trace = nullptr; // traces the builtin layout's references (not dict/slots)
    DestroyFn m_destroy = nullptr; // frees C++-owned memory of the builtin layout
    IterNextFn m_iternext = nullptr; // builtin iterator fast path, inherited by subclasses
    VarSizeFn m_var_size = nullptr; // variable-size layouts only, inherited by subclasses
    // Undo operations of the builtin layout for the STM (objects/undo.h); static types only.
    struct StmUndoOps const* m_stm_undo = nullptr;
    // Special-method cache (see file comment). Entries are the raw attribute values found on
    // the MRO (functions, builtin method descriptors, staticmethod objects, ...), or null.
    uint64_t m_cache_epoch = 0;
    Value m_special[SP_COUNT];
    // Heap types: tuple of the __slots__ names (or null), for GC and descriptor creation.
    TupleObject* m_slot_names = nullptr;

    constexpr explicit Type(Type* meta) : Object(meta) { }
    char const* m_tp_name = nullptr; // C name of a builtin type, for messages before m_name exists
    bool has_flag(uint32_t f) const { return m_flags & f; }
    // The cached special method [id], resolved along the MRO; null if the type lacks it.
    Value special(SpecialId id)
    {
        extern std::atomic<uint64_t> g_type_epoch;
        if (PY_UNLIKELY(m_cache_epoch != g_type_epoch.load(std::memory_order_acquire)))
            refresh_special_cache();
        return m_special[id];
    }
    void refresh_special_cache();
    // True if this type is [other] or inherits from it (MRO walk; no __subclasscheck__).
    bool is_subtype(Type const* other) const;
    std::string name_str() const;
};

extern std::atomic<uint64_t> g_type_epoch;
// Invalidates every type's special-method cache. Called when a dunder is assigned or deleted
// on any class, or when __bases__ changes.
void bump_type_epoch();

// The type of any Value (small ints are ints). [v] must not be null.
extern Type int_type;
inline Type* type_of(Value v)
{
    return v.is_small_int() ? &int_type : v.as_object()->m_type;
}

// Where the heap-type extension (dict pointer, slots) of [o] starts, relative to the offsets
// m_dict_offset / m_slots_offset, which are computed for a fixed-size layout: for variable-size
// layouts the extension follows the object's items (OBJ-2).
inline char* instance_extension_base(Object* o)
{
    Type const* t = o->m_type;
    char* base = reinterpret_cast<char*>(o);
    if (PY_UNLIKELY(t->m_var_size != nullptr))
        base += ((t->m_var_size(o) + 7) & ~size_t(7)) - t->m_layout_size;
    return base;
}
// The __dict__ slot of an instance, or nullptr if its type has none.
inline DictObject** instance_dict_slot(Object* o)
{
    uint32_t off = o->m_type->m_dict_offset;
    return off ? reinterpret_cast<DictObject**>(instance_extension_base(o) + off) : nullptr;
}
inline Value* instance_slots(Object* o)
{
    return reinterpret_cast<Value*>(instance_extension_base(o) + o->m_type->m_slots_offset);
}

} // namespace pystm
