// The builtin iterator types (enumerate, zip, map, filter, reversed, the __getitem__-based
// sequence iterator and the callable iterator of iter(f, sentinel)), and small helpers shared by
// the container types (tuple, list, dict, set, range and their views and iterators).
//
// Every iterator type sets Type::m_iternext (the fast path FOR_ITER uses) and has
// native_iter_self / native_iternext as __iter__ / __next__. An exhausted iterator drops its
// reference to the underlying object and stays exhausted.
#pragma once

#include "objects/api.h"
#include "objects/str_object.h"
#include <vector>

namespace pystm {

struct TupleObject;

extern Type enumerate_type;
extern Type zip_type;
extern Type map_type;
extern Type filter_type;
extern Type reversed_type;
extern Type seq_iter_type; // "iterator": iteration through __getitem__(0), __getitem__(1), ...
extern Type callable_iter_type; // "callable_iterator"

// iter(seq) for objects that have __getitem__ but no __iter__.
Value seq_iter_new(Value seq);
// iter(callable, sentinel).
Value callable_iter_new(Value callable, Value sentinel);
// reversed(seq): __reversed__ when defined, else the sequence protocol; TypeError
// "'set' object is not reversible".
Value reversed_new(Value seq);

// --- helpers shared by the container types ---------------------------------------------------

// Detects recursive repr() of containers (CPython's Py_ReprEnter): constructing a guard for an
// object already being repr'd on this thread sets active() false, and the caller prints "[...]".
class ReprGuard {
public:
    explicit ReprGuard(Object* o);
    ~ReprGuard();
    ReprGuard(ReprGuard const&) = delete;
    ReprGuard& operator=(ReprGuard const&) = delete;
    bool active() const { return m_active; }

private:
    Object* m_obj;
    bool m_active;
};

// The pickling support of the index-based iterators (CPython's __reduce__ / __setstate__):
// builtins.iter, which their __reduce__ names as the callable that recreates them;
// iter_reduce(seq, index) is (iter, (seq,), index), and (iter, ((),)) once exhausted (null seq).
Value builtin_iter_callable();
// The builtins module's attribute [name] (builtins.reversed for the reverse iterators).
Value builtin_callable(char const* name);
Value iter_reduce(Value seq, int64_t index);
// The index a pickled iterator's __setstate__ restores (state converted as a Py_ssize_t,
// clamped to [lo, hi]).
int64_t iter_setstate_index(Value state, int64_t lo, int64_t hi);

// KeyError(key), with the key as the single argument (so str() of it is repr(key)).
[[noreturn]] void raise_key_error(Value key);

// True if [v] supports __index__ (ints included).
bool has_index(Value v);
// Converts a subscript that has __index__ to int64; IndexError "cannot fit 'int' into an
// index-sized integer" when it does not fit.
int64_t subscript_index(Value v);

// The next item of [it] (null when exhausted): the builtin type's m_iternext directly, else
// py_next() (which also handles heap subclasses that may override __next__).
inline Value iter_next_fast(Value it)
{
    if (it.is_object()) {
        Type* t = it.as_object()->m_type;
        if (t->m_iternext && !t->has_flag(TF_HEAPTYPE))
            return t->m_iternext(it.as_object());
    }
    return py_next(it);
}

// Hash with inline fast paths for small ints and exact str (same values as py_hash()).
inline int64_t container_hash(Value v)
{
    if (v.is_small_int()) {
        // int hash: value mod 2**61 - 1 with the sign kept; -1 becomes -2.
        constexpr int64_t P = (int64_t(1) << 61) - 1;
        int64_t x = v.as_small_int();
        int64_t a = x < 0 ? -x : x;
        if (a >= P)
            a -= P;
        int64_t h = x < 0 ? -a : a;
        return h == -1 ? -2 : h;
    }
    if (v.as_object()->m_type == &str_type)
        return str_hash(v.as<StrObject>());
    return py_hash(v);
}

// --- dict internals shared by dict_object.cpp and dict_views.cpp -----------------------------
struct DictObject;
// Reverse iteration in insertion order: start with *pos = INT64_MAX; false when done.
bool dict_prev(DictObject* d, int64_t* pos, Value* key, Value* value);
// Views and iterators (dict_views.cpp). [kind]: 0 keys, 1 values, 2 items.
Value dict_view_new(DictObject* d, int kind);
Value dict_iter_new(DictObject* d, int kind, bool reversed);
// Set-up steps of the view and iterator types, called from setup_dict_types / init_dict_types.
void setup_dict_view_types();
void init_dict_view_types();

// --- set internals shared with dict_views.cpp (set_object.cpp) -------------------------------
struct SetObject;
// set.update(other) for one iterable (dicts and sets take CPython's presized fast paths).
void set_update_internal(SetObject* s, Value other);
void set_difference_update_internal(SetObject* s, Value other);
void set_symmetric_difference_update_internal(SetObject* s, Value other);
// so.intersection(other), a new set of so's base type.
SetObject* set_intersection_internal(SetObject* so, Value other);

// __length_hint__ protocol (operator.length_hint): len() if sized, else __length_hint__, else
// [dflt]. A len() or __length_hint__ that raises TypeError counts as absent.
int64_t length_hint(Value v, int64_t dflt);

} // namespace pystm
