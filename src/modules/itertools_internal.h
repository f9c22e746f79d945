// Private to itertools_module.cpp and itertools_reduce.cpp: the layouts of the itertools
// iterator objects, their static types, and the functions each file defines for the other (the
// module registers the pickling methods that itertools_reduce.cpp implements).
//
// Invariants kept by both files: an object's fields are read after read_barrier() and written
// after write_barrier() on that object (access.h). cycle, chain and islice null their source
// iterator (m_it, m_source, m_it) once it is exhausted, and __reduce__ relies on that null to
// tell an exhausted source from a live one. A TeeDataObject holds m_numread values (at most
// LINKCELLS), and only those are traced. CombObject's m_indices and m_cycles are plain integers
// outside the GC heap and keep the sizes they get at construction (n indices for product and
// permutations, r for the combinations; min(r, n) cycles), which __reduce__ and __setstate__
// rely on when they read or replace them.
//
//   ITER-2 every itertools iterator has an STM undo record (objects/undo.h): a byte copy of its
//          fields (g_plain_undo), plus the index arrays for the combinatoric ones. So its fields
//          hold only Values, integers and pointers to GC objects, and no object it points to is
//          changed in place through it (zip_longest replaces its tuple of sources instead).
#pragma once

#include "objects/object.h"
#include "objects/tuple_object.h"
#include <cstddef>
#include <cstdint>
#include <vector>

namespace pystm {

struct ListObject;

namespace itertools {

struct CountObject : Object {
    Value m_cnt, m_step;
    CountObject(Type* t, Value c, Value s) : Object(t), m_cnt(c), m_step(s) { }
};

struct CycleObject : Object {
    Value m_it;
    ListObject* m_saved;
    int64_t m_index = 0;
    bool m_firstpass = true;
    CycleObject(Type* t, Value it, ListObject* saved) : Object(t), m_it(it), m_saved(saved) { }
};

struct RepeatObject : Object {
    Value m_elem;
    int64_t m_cnt; // -1: forever
    RepeatObject(Type* t, Value e, int64_t c) : Object(t), m_elem(e), m_cnt(c) { }
};

struct AccumulateObject : Object {
    Value m_it, m_func, m_total, m_initial;
    AccumulateObject(Type* t, Value it, Value f, Value init)
        : Object(t), m_it(it), m_func(f), m_initial(init) { }
};

struct ChainObject : Object {
    Value m_source, m_active;
    ChainObject(Type* t, Value s) : Object(t), m_source(s) { }
};

// One object layout for the simple two-field iterators: [m_a] is the callable or the data
// iterator, [m_b] the source iterator or the selectors, [m_flag] their one bit of state.
struct PairIter : Object {
    Value m_a, m_b;
    bool m_flag = false;
    PairIter(Type* t, Value a, Value b) : Object(t), m_a(a), m_b(b) { }
};

struct GroupbyObject : Object {
    Value m_it, m_keyfunc, m_tgtkey, m_currkey, m_currvalue;
    Object* m_currgrouper = nullptr;
    GroupbyObject(Type* t, Value it, Value kf) : Object(t), m_it(it), m_keyfunc(kf) { }
};

struct GrouperObject : Object {
    GroupbyObject* m_parent;
    Value m_tgtkey;
    GrouperObject(Type* t, GroupbyObject* p, Value k) : Object(t), m_parent(p), m_tgtkey(k) { }
};

struct IsliceObject : Object {
    Value m_it;
    int64_t m_next, m_stop, m_step, m_cnt = 0;
    IsliceObject(Type* t, Value it, int64_t nx, int64_t stop, int64_t step)
        : Object(t), m_it(it), m_next(nx), m_stop(stop), m_step(step) { }
};

constexpr int LINKCELLS = 57;

struct TeeDataObject : Object {
    Value m_it;
    int m_numread = 0;
    bool m_running = false;
    Value m_next; // the following TeeDataObject, or null
    Value m_values[LINKCELLS];
    TeeDataObject(Type* t, Value it) : Object(t), m_it(it) { }
};

struct TeeObject : Object {
    TeeDataObject* m_data;
    int m_index;
    TeeObject(Type* t, TeeDataObject* d, int i) : Object(t), m_data(d), m_index(i) { }
};

struct ZipLongestObject : Object {
    TupleObject* m_iters; // exhausted sources are None (a new tuple each time, ITER-2)
    Value m_fill;
    int64_t m_active;
    ZipLongestObject(Type* t, TupleObject* its, Value f)
        : Object(t), m_iters(its), m_fill(f), m_active(its->m_size) { }
};

struct CombObject : Object {
    TupleObject* m_pool; // product: a tuple of tuples
    TupleObject* m_result = nullptr; // last result, null before the first
    std::vector<int64_t> m_indices, m_cycles;
    int64_t m_r;
    bool m_stopped = false;
    CombObject(Type* t, TupleObject* pool, int64_t r) : Object(t), m_pool(pool), m_r(r) { }
};

extern Type count_type;
extern Type cycle_type;
extern Type repeat_type;
extern Type accumulate_type;
extern Type chain_type;
extern Type compress_type;
extern Type dropwhile_type;
extern Type takewhile_type;
extern Type filterfalse_type;
extern Type groupby_type;
extern Type grouper_type;
extern Type islice_type;
extern Type pairwise_type;
extern Type starmap_type;
extern Type tee_type;
extern Type teedata_type;
extern Type zip_longest_type;
extern Type product_type;
extern Type permutations_type;
extern Type combinations_type;
extern Type cwr_type;

// --- itertools_module.cpp ------------------------------------------------------------------------

// The class that __new__ (args[0]) creates, checked to be [base] or a subtype; [name] is the
// type's name in the error messages.
Type* new_cls(Value const* args, size_t nargs, Type* base, char const* name);
void no_keywords(Type* cls, Type* base, TupleObject* kw, char const* name);
// Raises TypeError unless lo <= nargs <= hi, worded as CPython's PyArg_UnpackTuple.
void check_count(char const* name, size_t nargs, size_t lo, size_t hi);
// Sets and returns [c]'s current result: the pool items at its first [r] indices.
TupleObject* pool_result(CombObject* c, int64_t r);

// --- itertools_reduce.cpp ------------------------------------------------------------------------

Value pairwise_reduce_ex(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value count_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value cycle_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value cycle_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value repeat_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value accumulate_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value accumulate_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value chain_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value chain_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value pair_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value pred_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value pred_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value islice_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value islice_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value groupby_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value groupby_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value grouper_new(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value grouper_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value tee_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value tee_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value teedata_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value teedata_new(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value zip_longest_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value zip_longest_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value product_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value product_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value comb_reduce(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value combinations_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value cwr_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw);
Value permutations_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw);

} // namespace itertools

} // namespace pystm
