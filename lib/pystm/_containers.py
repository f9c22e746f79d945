"""pystm.stmdict, pystm.stmset and pystm.hashtable: containers whose different keys do not conflict.

pystm detects conflicts per object: a transaction that writes an object conflicts with every
other running transaction that reads or writes it. Dicts are the exception that the others
build on: a dict that transactions contend for gets per-key stripes (DICT-9, DICT-10 in
src/objects/dict_object.cpp), after which reads, writes and insertions of different keys do not
conflict. stmdict is a dict marked contended from its creation.

stmset and hashtable spread their keys over NBUCKETS ordinary sets (dicts), chosen by
hash(key) % NBUCKETS: operations on one key touch only that key's bucket, and transactions that
use different keys rarely meet in the same bucket.

The bucket count is fixed. The chance that two transactions meet in a bucket depends on how
many keys each of them touches, not on the size of the container, so a growing container needs
no more buckets; the buckets themselves are sets or dicts, which grow as usual. A bucket is
created on its first insertion (until then its slot holds the shared, always empty _EMPTY), so a
small container costs one list of NBUCKETS slots, not NBUCKETS sets. Creating a bucket writes
that list, which every operation reads: at most NBUCKETS such writes in a container's life.

Operations that read the whole container (len, iteration, ==, repr, copy, pop, ...) read
every bucket inside one atomic block: they see one consistent state, and they conflict with the
writers of any key, as they must. They cost O(NBUCKETS) even for a small container.

Iteration order is by bucket, then by insertion within a bucket (except that small non-negative
ints inserted in increasing order come back in that order). Iteration goes over a snapshot of
the keys taken when it starts, so changing the container while iterating over it is allowed and
raises no RuntimeError.

Invariants:
  CT-1  A bucket slot holds _EMPTY or a bucket; once it holds a bucket it never changes, so an
        operation may use a bucket it read earlier, in another transaction. Only _bucket()
        replaces _EMPTY, inside an atomic block; _EMPTY is never written.
  CT-2  A key lives in bucket _index(key) and nowhere else.
"""

import _pystm
from collections.abc import MutableSet
from itertools import chain as _chain
from _thread import _local

__all__ = ["stmdict", "stmset", "hashtable", "NBUCKETS"]

NBUCKETS = 1021  # a prime: hash values that share their low bits still spread out
_EMPTY = {}      # the bucket of every slot not yet used (CT-1); also the empty set's stand-in
_enter = _pystm._atomic_enter
_exit = _pystm._atomic_exit
_per_key = _pystm._per_key
_chain_all = _chain.from_iterable
_MISSING = object()


_repr_running = _local()  # per thread: ids of the containers whose repr() is being built


def _mapping_repr(self, items):
    """dict's repr of [items] inside the class name; {...} for a container inside itself."""
    running = _repr_running.__dict__.setdefault("ids", set())
    if id(self) in running:
        return "{...}"
    running.add(id(self))
    try:
        body = ", ".join(f"{k!r}: {v!r}" for k, v in items)
    finally:
        running.discard(id(self))
    return f"{type(self).__name__}({{{body}}})"


def _index(key):
    """operator.index(key): hashtable's keys are integers."""
    if isinstance(key, int):
        return int(key)
    index = getattr(type(key), "__index__", None)
    if index is None:
        raise TypeError(f"'{type(key).__name__}' object cannot be interpreted as an integer")
    return index(key)


def _filled(buckets):
    """The buckets in use, in order."""
    return [b for b in buckets if b is not _EMPTY]


class _Buckets:
    """What stmdict, stmset and hashtable share: the bucket list and the whole-container reads."""

    __slots__ = ("_b",)
    _new_bucket = dict

    def _bucket(self, i):
        """Bucket i, created if it is still _EMPTY (CT-1)."""
        _enter()
        try:
            b = self._b[i]
            if b is _EMPTY:
                b = self._b[i] = self._new_bucket()
            return b
        finally:
            _exit()

    def __len__(self):
        _enter()
        try:
            return sum(map(len, self._b))
        finally:
            _exit()

    def __bool__(self):
        _enter()
        try:
            return any(self._b)
        finally:
            _exit()

    def _keys(self):
        """A list of every key (a snapshot)."""
        _enter()
        try:
            return list(_chain_all(self._b))
        finally:
            _exit()

    def __iter__(self):
        return iter(self._keys())

    def __reversed__(self):
        return reversed(self._keys())

    def clear(self):
        _enter()
        try:
            for b in self._b:
                if b:
                    b.clear()
        finally:
            _exit()

    def copy(self):
        new = type(self).__new__(type(self))
        _enter()
        try:
            new._b = [b.copy() if b else _EMPTY for b in self._b]
        finally:
            _exit()
        return new

    __copy__ = copy

    def __class_getitem__(cls, item):
        from types import GenericAlias
        return GenericAlias(cls, item)

    __hash__ = None


# --- stmdict -------------------------------------------------------------------------------------

class stmdict(dict):
    """A dict whose operations on different keys do not conflict (see pystm._containers).

    An stmdict is a dict: every method is dict's own, with dict's results, errors and
    insertion order, and isinstance(d, dict) holds. It differs in one hint: it is marked
    contended from the start, so once several threads run, its first write gives it per-key
    stripes (docs/containers.md). A plain dict gets them only after a transaction aborted on it.
    """

    __slots__ = ()

    def __init__(self, other=_MISSING, /, **kwargs):
        _per_key(self)
        if other is _MISSING:
            dict.__init__(self, **kwargs)
        else:
            dict.__init__(self, other, **kwargs)

    # dict's copy() and | give plain dicts for subclasses; these stay stmdicts.
    def copy(self):
        return stmdict(self)

    __copy__ = copy

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = stmdict(self)
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = stmdict(other)
        new.update(self)
        return new

    def __reduce__(self):
        return (type(self), (dict(self),))

    def __repr__(self):
        return f"{type(self).__name__}({dict.__repr__(self)})"


# --- stmset --------------------------------------------------------------------------------------

def _as_key(x):
    """set's rule: a set searched for or removed is looked up as a frozenset."""
    return frozenset(x) if isinstance(x, (set, stmset)) else x


class stmset(_Buckets):
    """A set whose operations on different elements do not conflict (see pystm._containers).

    stmset() / stmset(iterable), like set, with every set method, operator and comparison.
    Iteration order is by bucket (not the order of set either) and works on a snapshot.
    """

    __slots__ = ()
    _new_bucket = set

    def __init__(self, iterable=_MISSING, /):
        self._b = [_EMPTY] * NBUCKETS
        if iterable is not _MISSING:
            self.update(iterable)

    @classmethod
    def _from_iterable(cls, it):
        return cls(it)

    # One element.

    def add(self, elem, /):
        i = hash(elem) % NBUCKETS
        b = self._b[i]
        if b is _EMPTY:
            b = self._bucket(i)
        b.add(elem)

    def __contains__(self, elem):
        try:
            return elem in self._b[hash(elem) % NBUCKETS]
        except TypeError:
            if not isinstance(elem, (set, stmset)):
                raise
            elem = frozenset(elem)
            return elem in self._b[hash(elem) % NBUCKETS]

    def discard(self, elem, /):
        elem = _as_key(elem)
        b = self._b[hash(elem) % NBUCKETS]
        if b is not _EMPTY:
            b.discard(elem)

    def remove(self, elem, /):
        elem = _as_key(elem)
        b = self._b[hash(elem) % NBUCKETS]
        if b is _EMPTY:
            raise KeyError(elem)
        b.remove(elem)

    # The whole set (one atomic block each).

    def pop(self):
        """Removes and returns an element (the first one in iteration order, as set does)."""
        _enter()
        try:
            for b in self._b:
                if b:
                    return b.pop()
            raise KeyError("pop from an empty set")
        finally:
            _exit()

    def __reduce__(self):
        return (type(self), (self._keys(),))

    def __repr__(self):
        keys = self._keys()
        if not keys:
            return f"{type(self).__name__}()"
        return f"{type(self).__name__}({{{', '.join(map(repr, keys))}}})"

    def _snapshot(self):
        """The elements as a frozenset (a snapshot), for comparisons and set algebra."""
        return frozenset(self._keys())

    def update(self, *others):
        lists = [list(o._keys() if isinstance(o, stmset) else o) for o in others]
        _enter()
        try:
            for elems in lists:
                for e in elems:
                    self.add(e)
        finally:
            _exit()

    def union(self, *others):
        new = self.copy()
        new.update(*others)
        return new

    def intersection(self, *others):
        result = self._snapshot()
        for o in others:
            result = result.intersection(o._keys() if isinstance(o, stmset) else o)
        return type(self)(result)

    def difference(self, *others):
        result = self._snapshot()
        for o in others:
            result = result.difference(o._keys() if isinstance(o, stmset) else o)
        return type(self)(result)

    def symmetric_difference(self, other, /):
        return type(self)(self._snapshot().symmetric_difference(
            other._keys() if isinstance(other, stmset) else other))

    def intersection_update(self, *others):
        keep = self.intersection(*others)._snapshot()
        _enter()
        try:
            for e in self._keys():
                if e not in keep:
                    self.discard(e)
        finally:
            _exit()

    def difference_update(self, *others):
        drop = [list(o._keys() if isinstance(o, stmset) else o) for o in others]
        _enter()
        try:
            for elems in drop:
                for e in elems:
                    self.discard(e)
        finally:
            _exit()

    def symmetric_difference_update(self, other, /):
        elems = set(other._keys() if isinstance(other, stmset) else other)
        _enter()
        try:
            for e in elems:
                if e in self:
                    self.discard(e)
                else:
                    self.add(e)
        finally:
            _exit()

    def issubset(self, other, /):
        return self._snapshot().issubset(other._keys() if isinstance(other, stmset) else other)

    def issuperset(self, other, /):
        return self._snapshot().issuperset(other._keys() if isinstance(other, stmset) else other)

    def isdisjoint(self, other, /):
        return self._snapshot().isdisjoint(other._keys() if isinstance(other, stmset) else other)

    # Operators: like set, the other operand must be a set (set, frozenset or stmset).

    def _other(self, other):
        if isinstance(other, stmset):
            return other._snapshot()
        if isinstance(other, (set, frozenset)):
            return other
        return None

    def _compare(self, other, op):
        o = self._other(other)
        if o is None:
            return NotImplemented
        return op(self._snapshot(), o)

    def __eq__(self, other):
        return self._compare(other, frozenset.__eq__)

    def __ne__(self, other):
        return self._compare(other, frozenset.__ne__)

    def __le__(self, other):
        return self._compare(other, frozenset.__le__)

    def __lt__(self, other):
        return self._compare(other, frozenset.__lt__)

    def __ge__(self, other):
        return self._compare(other, frozenset.__ge__)

    def __gt__(self, other):
        return self._compare(other, frozenset.__gt__)

    def __or__(self, other):
        return self.union(other) if self._other(other) is not None else NotImplemented

    def __and__(self, other):
        return self.intersection(other) if self._other(other) is not None else NotImplemented

    def __sub__(self, other):
        return self.difference(other) if self._other(other) is not None else NotImplemented

    def __xor__(self, other):
        if self._other(other) is None:
            return NotImplemented
        return self.symmetric_difference(other)

    def __ror__(self, other):
        return self.__or__(other)

    def __rand__(self, other):
        return self.__and__(other)

    def __rsub__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else type(self)(o - self._snapshot())

    def __rxor__(self, other):
        return self.__xor__(other)

    def __ior__(self, other):
        if self._other(other) is None:
            return NotImplemented
        self.update(other)
        return self

    def __iand__(self, other):
        if self._other(other) is None:
            return NotImplemented
        self.intersection_update(other)
        return self

    def __isub__(self, other):
        if self._other(other) is None:
            return NotImplemented
        self.difference_update(other)
        return self

    def __ixor__(self, other):
        if self._other(other) is None:
            return NotImplemented
        self.symmetric_difference_update(other)
        return self


MutableSet.register(stmset)


# --- hashtable -----------------------------------------------------------------------------------

class hashtable(_Buckets):
    """A mapping from integers to objects whose different keys do not conflict.

    PyPy-STM's pypystm.hashtable: h[key], h[key] = value, del h[key], key in h, get, setdefault,
    pop, len, clear, keys() / values() / items() (lists), iteration over the keys, iterkeys /
    itervalues / iteritems. Keys are integers (anything with __index__; others raise TypeError).
    """

    __slots__ = ()

    def __init__(self):
        self._b = [_EMPTY] * NBUCKETS

    def __getitem__(self, key):
        if type(key) is not int:
            key = _index(key)
        return self._b[key % NBUCKETS][key]

    def __setitem__(self, key, value):
        if type(key) is not int:
            key = _index(key)
        i = key % NBUCKETS
        b = self._b[i]
        if b is _EMPTY:
            b = self._bucket(i)
        b[key] = value

    def __delitem__(self, key):
        if type(key) is not int:
            key = _index(key)
        del self._b[key % NBUCKETS][key]

    def __contains__(self, key):
        if type(key) is not int:
            key = _index(key)
        return key in self._b[key % NBUCKETS]

    def get(self, key, default=None, /):
        if type(key) is not int:
            key = _index(key)
        return self._b[key % NBUCKETS].get(key, default)

    def setdefault(self, key, default=None, /):
        if type(key) is not int:
            key = _index(key)
        i = key % NBUCKETS
        b = self._b[i]
        if b is _EMPTY:
            b = self._bucket(i)
        return b.setdefault(key, default)

    def pop(self, key, *default):
        if type(key) is not int:
            key = _index(key)
        b = self._b[key % NBUCKETS]
        if b is _EMPTY:
            if default:
                return default[0]
            raise KeyError(key)
        return b.pop(key, *default)

    def keys(self):
        return self._keys()

    def values(self):
        _enter()
        try:
            return [v for b in _filled(self._b) for v in b.values()]
        finally:
            _exit()

    def items(self):
        _enter()
        try:
            return [item for b in _filled(self._b) for item in b.items()]
        finally:
            _exit()

    def iterkeys(self):
        return iter(self.keys())

    def itervalues(self):
        return iter(self.values())

    def iteritems(self):
        return iter(self.items())

    def __repr__(self):
        return _mapping_repr(self, self.items())
