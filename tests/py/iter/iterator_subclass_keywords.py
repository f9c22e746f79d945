# Builtin iterator types refuse keyword arguments unless a subclass overrides __init__; deque
# subclasses pickle their __slots__; itertools._tee objects accept weak references.
import collections
import copy
import itertools
import pickle
import weakref

for cls, args in [(filter, (None, [0, 1])), (map, (str, [1, 2]))]:
    class Sub(cls):
        pass

    try:
        Sub(*args, newarg=3)
    except TypeError as e:
        print("TypeError", e)

    class SubInit(cls):
        def __init__(self, *args, newarg=None):
            self.newarg = newarg

    u = SubInit(*args, newarg=3)
    print(type(u).__name__, list(u), u.newarg)
    try:
        cls(*args, newarg=3)
    except TypeError as e:
        print("TypeError", e)


class DequeWithSlots(collections.deque):
    __slots__ = ("x", "y", "__dict__")


d = DequeWithSlots("abc", maxlen=5)
d.x = 1
d.z = 2
for e in (pickle.loads(pickle.dumps(d)), copy.deepcopy(d)):
    print(type(e).__name__, list(e), e.maxlen, e.x, e.z, hasattr(e, "y"))

t = itertools.tee("ab")[0]
r = weakref.ref(t)
print(r() is t)
