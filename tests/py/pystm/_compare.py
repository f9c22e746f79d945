"""Helpers of the container tests (not a test): run one operation on a pystm container and on
the builtin it imitates, and print both results in a normalized form.

Under CPython (no pystm) the tests replace the container by the builtin, so each pair of lines
is then trivially identical: pystm passes only if its container behaves like the builtin.
"""
import pickle
import copy

try:
    from pystm import stmdict, stmset, hashtable
    MAPPINGS, SETS = (dict, stmdict, hashtable), (set, frozenset, stmset)
except ImportError:
    MAPPINGS, SETS = (dict,), (set, frozenset)


def norm(x):
    """Results compared by value, independent of iteration order and of the container type."""
    name = type(x).__name__
    if isinstance(x, MAPPINGS):
        return ("mapping", sorted(((repr(k), norm(v)) for k, v in x.items())))
    if isinstance(x, SETS):
        return ("set", sorted(map(repr, x)))
    if name.endswith(("_keys", "_items")) or name in ("dict_keys", "dict_items"):
        return ("view", sorted(map(repr, x)))
    if name.endswith("_values") or name == "dict_values":
        return ("values", sorted(map(repr, x)))
    if isinstance(x, (list, tuple)):
        return type(x).__name__, [norm(v) for v in x]
    return x


def run(label, containers, op):
    """Prints op(c) (or the exception it raises) for each container, then its contents."""
    for c in containers:
        try:
            result = norm(op(c))
        except Exception as e:
            # Messages name the container's type: pystm's say stmdict where CPython's say dict.
            msg = str(e).replace("stmdict", "dict").replace("stmset", "set")
            result = f"{type(e).__name__}: {msg}"
        print(f"{label}: {result!r} -> {norm(c)!r}")


def unrepr(s):
    """repr() without the class name of a pystm container: stmdict({1: 2}) -> {1: 2}."""
    for prefix in ("stmdict(", "stmset(", "hashtable("):
        if s.startswith(prefix):
            inner = s[len(prefix):-1]
            return inner if inner else "set()"
    return s


def roundtrip(c):
    return pickle.loads(pickle.dumps(c)), copy.copy(c), copy.deepcopy(c)
