// Pickling for the itertools iterators: CPython 3.11's __reduce__ and __setstate__ results,
// which pickle and copy use (3.12 deprecates them), and the _grouper and _tee_dataobject
// constructors that unpickling calls. A reduction is the constructor call that recreates the
// iterator from its current sources, plus its position when it has one. pairwise is not
// picklable, as in 3.11. The methods are registered by itertools_module.cpp.
//
// Invariants: __reduce__ never advances or changes the iterator it reduces (copy.copy() must
// leave the original where it was); it copies the fields it needs after read_barrier(). An
// exhausted iterator reduces to a constructor call over empty sources, so its copy is
// exhausted too. __setstate__ checks the whole state before its first write_barrier(), so a
// state it rejects leaves the iterator as it was. _grouper(parent, key) makes itself the
// parent's current group: that link is what grouper.__reduce__ records, and a grouper that is
// no longer current reduces to iter(()).
#include "gc/heap.h"
#include "modules/itertools_internal.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/import.h"
#include <vector>

namespace pystm::itertools {

namespace {

Value type_value(Value self) { return Value(type_of(self)); }

TupleObject* state_tuple(Value state)
{
    if (!is_tuple(state))
        raise(&exc::TypeError, "state is not a tuple");
    return state.as<TupleObject>();
}

// A tuple of ints from [v]; [n] of them (ValueError "invalid arguments" otherwise).
TupleObject* index_state(Value state, int64_t n)
{
    if (!is_tuple(state) || state.as<TupleObject>()->m_size != n)
        raise(&exc::ValueError, "invalid arguments");
    return state.as<TupleObject>();
}

// The type as CPython's argument errors name it ("None" for None).
std::string arg_type_name(Value v) { return is_none(v) ? "None" : type_name(v); }

int64_t state_ssize(Value v)
{
    if (!is_int(v))
        raise(&exc::TypeError, "an integer is required");
    return py_ssize_arg(v);
}

bool is_iterator(Value v)
{
    Type* t = type_of(v);
    return t->m_iternext || (t->special(SP_next) && !is_none(t->special(SP_next)));
}

TupleObject* indices_tuple(std::vector<int64_t> const& v, size_t n)
{
    TupleObject* t = tuple_new(static_cast<int64_t>(n));
    for (size_t i = 0; i < n; i++)
        t->items()[i] = int_from_i64(v[i]);
    return t;
}

// [cwr] selects combinations_with_replacement's clamping (to [0, n-1]) over combinations' (to
// [0, i + n - r]).
Value comb_setstate_common(Value self, Value state, bool cwr)
{
    auto* c = self.as<CombObject>();
    read_barrier(c);
    int64_t n = c->m_pool->m_size, r = c->m_r;
    TupleObject* st = index_state(state, r);
    std::vector<int64_t> ind(static_cast<size_t>(r));
    for (int64_t i = 0; i < r; i++) {
        int64_t index = state_ssize(st->item(i));
        int64_t max = cwr ? n - 1 : i + n - r;
        if (index > max)
            index = max;
        if (index < 0)
            index = 0;
        ind[static_cast<size_t>(i)] = index;
    }
    if (r > 0 && n == 0)
        raise(&exc::ValueError, "invalid arguments"); // no element to point at
    write_barrier(c);
    c->m_indices = ind;
    pool_result(c, r);
    return none();
}

} // namespace

// pairwise has no pickling support in 3.11: copyreg refuses it below protocol 2, and so does
// object.__reduce_ex__ from protocol 2 on (its state lives in C fields, not a __dict__).
Value pairwise_reduce_ex(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce_ex__", nargs, kw, 1, 1);
    if (py_index_i64(args[0]) < 2) {
        Value copyreg = import_module("copyreg");
        return py_call2(py_getattr(copyreg, intern("_reduce_ex")), self, args[0]);
    }
    // CPython names the type by its tp_name: qualified for the builtin type, plain for a subclass.
    Type* t = type_of(self);
    std::string name = (t == &pairwise_type ? "itertools." : "") + str_utf8(t->m_name);
    raise(&exc::TypeError, "cannot pickle '%s' object", name.c_str());
}

Value count_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* c = self.as<CountObject>();
    read_barrier(c);
    Value cnt = c->m_cnt, step = c->m_step;
    read_validate_barrier(c);
    // CPython's fast mode (an int count that fits a Py_ssize_t, step 1) reduces to (count,).
    int64_t s, n;
    if (is_int(step) && is_int(cnt) && int_to_i64(step, &s) && s == 1 && int_to_i64(cnt, &n)
        && n != INT64_MAX)
        return tuple_of({ type_value(self), tuple_of({ int_from_i64(n) }) });
    return tuple_of({ type_value(self), tuple_of({ cnt, step }) });
}

// cycle: CPython's firstpass flag (true once the saved list holds every item) is the opposite
// of m_firstpass (still saving items).
Value cycle_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* c = self.as<CycleObject>();
    read_barrier(c);
    Value it = c->m_it;
    ListObject* saved = c->m_saved;
    int64_t index = c->m_index;
    bool saving = c->m_firstpass;
    read_validate_barrier(c);
    if (!it) {
        Value sit = py_iter(Value(saved));
        if (index != 0) {
            Value arg = int_from_i64(index);
            py_call_method(sit, intern("__setstate__"), &arg, 1);
        }
        return tuple_of(
            { type_value(self), tuple_of({ sit }), tuple_of({ Value(saved), py_bool(true) }) });
    }
    return tuple_of(
        { type_value(self), tuple_of({ it }), tuple_of({ Value(saved), py_bool(!saving) }) });
}

Value cycle_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    TupleObject* st = state_tuple(args[0]);
    if (st->m_size != 2)
        raise(&exc::TypeError, "function takes exactly 2 arguments (%lld given)",
            static_cast<long long>(st->m_size));
    if (!is_list(st->item(0)))
        raise(
            &exc::TypeError, "argument 1 must be list, not %s", arg_type_name(st->item(0)).c_str());
    bool firstpass = py_index_i64(st->item(1)) != 0;
    auto* c = self.as<CycleObject>();
    write_barrier(c);
    c->m_saved = st->item(0).as<ListObject>();
    c->m_firstpass = !firstpass;
    c->m_index = 0;
    return none();
}

Value repeat_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* r = self.as<RepeatObject>();
    read_barrier(r);
    Value elem = r->m_elem;
    int64_t cnt = r->m_cnt;
    read_validate_barrier(r);
    if (cnt >= 0)
        return tuple_of({ type_value(self), tuple_of({ elem, int_from_i64(cnt) }) });
    return tuple_of({ type_value(self), tuple_of({ elem }) });
}

Value accumulate_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* a = self.as<AccumulateObject>();
    read_barrier(a);
    Value it = a->m_it, func = a->m_func, total = a->m_total, initial = a->m_initial;
    read_validate_barrier(a);
    Value binop = func ? func : none();
    Value chain(&chain_type);
    if (initial) {
        Value cargs[2] = { Value(tuple_of({ initial })), it };
        Value cit = py_call(chain, cargs, 2);
        return tuple_of({ type_value(self), tuple_of({ cit, binop }), none() });
    }
    if (total && is_none(total)) {
        // A None total reads as "not started" to __setstate__: rebuild as
        // islice(accumulate(chain((None,), it), func), 1, None).
        Value cargs[2] = { Value(tuple_of({ total })), it };
        Value cit = py_call(chain, cargs, 2);
        Value aargs[2] = { cit, binop };
        Value acc = py_call(type_value(self), aargs, 2);
        return tuple_of({ Value(&islice_type), tuple_of({ acc, Value::small_int(1), none() }) });
    }
    return tuple_of(
        { type_value(self), tuple_of({ it ? it : none(), binop }), total ? total : none() });
}

Value accumulate_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    auto* a = self.as<AccumulateObject>();
    write_barrier(a);
    a->m_total = args[0];
    return none();
}

Value chain_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* c = self.as<ChainObject>();
    read_barrier(c);
    Value source = c->m_source, active = c->m_active;
    read_validate_barrier(c);
    Value empty(tuple_empty());
    if (!source)
        return tuple_of({ type_value(self), empty });
    if (active)
        return tuple_of({ type_value(self), empty, tuple_of({ source, active }) });
    return tuple_of({ type_value(self), empty, tuple_of({ source }) });
}

Value chain_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    TupleObject* st = state_tuple(args[0]);
    if (st->m_size < 1 || st->m_size > 2)
        raise(&exc::TypeError, "function takes at %s %d argument%s (%lld given)",
            st->m_size < 1 ? "least" : "most", st->m_size < 1 ? 1 : 2, st->m_size < 1 ? "" : "s",
            static_cast<long long>(st->m_size));
    Value source = st->item(0);
    Value active = st->m_size > 1 ? st->item(1) : Value();
    if (!is_iterator(source) || (active && !is_iterator(active)))
        raise(&exc::TypeError, "Arguments must be iterators.");
    auto* c = self.as<ChainObject>();
    write_barrier(c);
    c->m_source = source;
    c->m_active = active;
    return none();
}

// compress, filterfalse, starmap: (type(self), (m_a, m_b)).
Value pair_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* p = self.as<PairIter>();
    read_barrier(p);
    Value a = p->m_a, b = p->m_b;
    read_validate_barrier(p);
    return tuple_of({ type_value(self), tuple_of({ a, b }) });
}

// dropwhile, takewhile: (type(self), (predicate, iterator), flag as 0 or 1).
Value pred_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* p = self.as<PairIter>();
    read_barrier(p);
    Value a = p->m_a, b = p->m_b;
    bool flag = p->m_flag;
    read_validate_barrier(p);
    return tuple_of({ type_value(self), tuple_of({ a, b }), Value::small_int(flag ? 1 : 0) });
}

Value pred_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    bool flag = py_truthy(args[0]);
    auto* p = self.as<PairIter>();
    write_barrier(p);
    p->m_flag = flag;
    return none();
}

Value islice_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* s = self.as<IsliceObject>();
    read_barrier(s);
    Value it = s->m_it;
    int64_t next = s->m_next, stop = s->m_stop, step = s->m_step, cnt = s->m_cnt;
    read_validate_barrier(s);
    if (!it) {
        Value empty = py_iter(Value(list_new()));
        return tuple_of(
            { type_value(self), tuple_of({ empty, Value::small_int(0) }), Value::small_int(0) });
    }
    Value stopv = stop == -1 ? none() : int_from_i64(stop);
    return tuple_of({ type_value(self),
        tuple_of({ it, int_from_i64(next), stopv, int_from_i64(step) }), int_from_i64(cnt) });
}

Value islice_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    int64_t cnt = state_ssize(args[0]);
    auto* s = self.as<IsliceObject>();
    write_barrier(s);
    s->m_cnt = cnt;
    return none();
}

Value groupby_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* g = self.as<GroupbyObject>();
    read_barrier(g);
    Value it = g->m_it, kf = g->m_keyfunc, tgt = g->m_tgtkey, ck = g->m_currkey,
          cv = g->m_currvalue;
    read_validate_barrier(g);
    Value args = tuple_of({ it, kf ? kf : none() });
    if (tgt && ck && cv)
        return tuple_of({ type_value(self), args, tuple_of({ ck, cv, tgt }) });
    return tuple_of({ type_value(self), args });
}

Value groupby_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    TupleObject* st = state_tuple(args[0]);
    if (st->m_size != 3)
        raise(&exc::TypeError, "function takes exactly 3 arguments (%lld given)",
            static_cast<long long>(st->m_size));
    auto* g = self.as<GroupbyObject>();
    write_barrier(g);
    g->m_currkey = st->item(0);
    g->m_currvalue = st->item(1);
    g->m_tgtkey = st->item(2);
    return none();
}

// _grouper(parent, tgtkey): the parent's current group (as CPython's, which __reduce__ uses).
Value grouper_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    new_cls(args, nargs, &grouper_type, "_grouper");
    no_keywords(&grouper_type, &grouper_type, kw, "_grouper");
    check_count("_grouper", nargs - 1, 2, 2);
    if (!type_of(args[1])->is_subtype(&groupby_type))
        raise(&exc::TypeError, "_grouper() argument 1 must be itertools.groupby, not %s",
            type_name(args[1]).c_str());
    auto* g = args[1].as<GroupbyObject>();
    auto* gr = gc::make<GrouperObject>(&grouper_type, g, args[2]);
    write_barrier(g);
    g->m_currgrouper = gr;
    return gr;
}

Value grouper_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* gr = self.as<GrouperObject>();
    GroupbyObject* g = gr->m_parent;
    read_barrier(g);
    bool current = g->m_currgrouper == gr;
    if (!current)
        return tuple_of({ builtin_iter_callable(), tuple_of({ Value(tuple_empty()) }) });
    return tuple_of({ type_value(self), tuple_of({ Value(g), gr->m_tgtkey }) });
}

Value tee_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* t = self.as<TeeObject>();
    read_barrier(t);
    TeeDataObject* d = t->m_data;
    int index = t->m_index;
    read_validate_barrier(t);
    return tuple_of({ type_value(self), tuple_of({ Value(tuple_empty()) }),
        tuple_of({ Value(d), Value::small_int(index) }) });
}

Value tee_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    TupleObject* st = state_tuple(args[0]);
    if (st->m_size != 2)
        raise(&exc::TypeError, "function takes exactly 2 arguments (%lld given)",
            static_cast<long long>(st->m_size));
    if (type_of(st->item(0)) != &teedata_type)
        raise(&exc::TypeError, "argument 1 must be itertools._tee_dataobject, not %s",
            arg_type_name(st->item(0)).c_str());
    int64_t index = py_index_i64(st->item(1));
    if (index < 0 || index > LINKCELLS)
        raise(&exc::ValueError, "Index out of range");
    auto* t = self.as<TeeObject>();
    write_barrier(t);
    t->m_data = st->item(0).as<TeeDataObject>();
    t->m_index = static_cast<int>(index);
    return none();
}

// _tee_dataobject: (type, (iterator, [values read so far], next link or None)).
Value teedata_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* d = self.as<TeeDataObject>();
    read_barrier(d);
    int n = d->m_numread;
    ListObject* values = list_from(d->m_values, n);
    Value it = d->m_it, next = d->m_next;
    read_validate_barrier(d);
    return tuple_of({ type_value(self), tuple_of({ it, Value(values), next ? next : none() }) });
}

Value teedata_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    new_cls(args, nargs, &teedata_type, "_tee_dataobject");
    no_keywords(&teedata_type, &teedata_type, kw, "_tee_dataobject");
    check_count("_tee_dataobject", nargs - 1, 3, 3);
    if (!is_list(args[2]))
        raise(&exc::TypeError, "_tee_dataobject() argument 2 must be list, not %s",
            type_name(args[2]).c_str());
    auto* values = args[2].as<ListObject>();
    Value next = args[3];
    int64_t len = list_size(values);
    bool ok = len <= LINKCELLS;
    if (ok && len == LINKCELLS)
        ok = is_none(next) || type_of(next) == &teedata_type;
    else if (ok)
        ok = is_none(next); // only a full link has a next one
    if (!ok)
        raise(&exc::ValueError, "Invalid arguments");
    auto* d = gc::make<TeeDataObject>(&teedata_type, args[1]);
    for (int64_t i = 0; i < len; i++)
        d->m_values[i] = list_get(values, i);
    d->m_numread = static_cast<int>(len);
    if (!is_none(next))
        d->m_next = next;
    return d;
}

Value zip_longest_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* z = self.as<ZipLongestObject>();
    read_barrier(z);
    TupleObject* iters = z->m_iters;
    Value fill = z->m_fill;
    int64_t n = iters->m_size;
    TupleObject* args = tuple_new(n);
    // An exhausted source (None here) is pickled as an empty tuple.
    for (int64_t i = 0; i < n; i++)
        args->items()[i] = is_none(iters->item(i)) ? Value(tuple_empty()) : iters->item(i);
    read_validate_barrier(z);
    return tuple_of({ type_value(self), Value(args), fill });
}

Value zip_longest_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    auto* z = self.as<ZipLongestObject>();
    write_barrier(z);
    z->m_fill = args[0];
    return none();
}

Value product_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* c = self.as<CombObject>();
    read_barrier(c);
    if (c->m_stopped)
        return tuple_of({ type_value(self), tuple_of({ Value(tuple_empty()) }) });
    if (!c->m_result)
        return tuple_of({ type_value(self), Value(c->m_pool) });
    TupleObject* ind = indices_tuple(c->m_indices, static_cast<size_t>(c->m_pool->m_size));
    return tuple_of({ type_value(self), Value(c->m_pool), Value(ind) });
}

Value product_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    auto* c = self.as<CombObject>();
    read_barrier(c);
    int64_t n = c->m_pool->m_size;
    TupleObject* st = index_state(args[0], n);
    std::vector<int64_t> ind(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; i++) {
        int64_t index = state_ssize(st->item(i));
        read_barrier(c);
        int64_t poolsize = c->m_pool->item(i).as<TupleObject>()->m_size;
        if (poolsize == 0) {
            write_barrier(c);
            c->m_stopped = true;
            return none();
        }
        ind[static_cast<size_t>(i)] = index < 0 ? 0 : index > poolsize - 1 ? poolsize - 1 : index;
    }
    TupleObject* result = tuple_new(n);
    write_barrier(c);
    for (int64_t i = 0; i < n; i++) {
        c->m_indices[static_cast<size_t>(i)] = ind[static_cast<size_t>(i)];
        result->items()[i]
            = c->m_pool->item(i).as<TupleObject>()->item(ind[static_cast<size_t>(i)]);
    }
    c->m_result = result;
    return none();
}

// combinations, combinations_with_replacement, permutations: (type, (pool, r)) before the
// first result, (type, ((), r)) once exhausted, else the indices (and permutations' cycles).
Value comb_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* c = self.as<CombObject>();
    read_barrier(c);
    Value r = int_from_i64(c->m_r);
    if (!c->m_result)
        return tuple_of({ type_value(self), tuple_of({ Value(c->m_pool), r }) });
    if (c->m_stopped)
        return tuple_of({ type_value(self), tuple_of({ Value(tuple_empty()), r }) });
    Value args = tuple_of({ Value(c->m_pool), r });
    if (type_of(self)->is_subtype(&permutations_type)) {
        TupleObject* ind = indices_tuple(c->m_indices, static_cast<size_t>(c->m_pool->m_size));
        TupleObject* cyc = indices_tuple(c->m_cycles, static_cast<size_t>(c->m_r));
        return tuple_of({ type_value(self), args, tuple_of({ Value(ind), Value(cyc) }) });
    }
    return tuple_of({ type_value(self), args,
        Value(indices_tuple(c->m_indices, static_cast<size_t>(c->m_r))) });
}

Value combinations_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    return comb_setstate_common(self, args[0], false);
}
Value cwr_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    return comb_setstate_common(self, args[0], true);
}

Value permutations_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setstate__", nargs, kw, 1, 1);
    TupleObject* st = state_tuple(args[0]);
    if (st->m_size != 2)
        raise(&exc::TypeError, "function takes exactly 2 arguments (%lld given)",
            static_cast<long long>(st->m_size));
    for (int i = 0; i < 2; i++)
        if (!is_tuple(st->item(i)))
            raise(&exc::TypeError, "argument %d must be tuple, not %s", i + 1,
                arg_type_name(st->item(i)).c_str());
    auto* ist = st->item(0).as<TupleObject>();
    auto* cst = st->item(1).as<TupleObject>();
    auto* c = self.as<CombObject>();
    read_barrier(c);
    int64_t n = c->m_pool->m_size, r = c->m_r;
    if (ist->m_size != n || cst->m_size != r || r > n)
        raise(&exc::ValueError, "invalid arguments");
    std::vector<int64_t> ind(static_cast<size_t>(n)), cyc(static_cast<size_t>(r));
    for (int64_t i = 0; i < n; i++) {
        int64_t index = state_ssize(ist->item(i));
        ind[static_cast<size_t>(i)] = index < 0 ? 0 : index > n - 1 ? n - 1 : index;
    }
    for (int64_t i = 0; i < r; i++) {
        int64_t index = state_ssize(cst->item(i));
        cyc[static_cast<size_t>(i)] = index < 1 ? 1 : index > n - i ? n - i : index;
    }
    write_barrier(c);
    c->m_indices = ind;
    c->m_cycles = cyc;
    pool_result(c, r);
    return none();
}

} // namespace pystm::itertools
