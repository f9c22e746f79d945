# gc.collect() frees objects the program dropped just before, even when the calls that created
# them left pointers to them in C++ stack that the collection itself then reuses: cycles through
# dict views and their iterators (test_dict's test_container_iterator), and arguments a called
# function rebound.
import gc
import weakref


class C:
    pass


def views(v, with_view, with_iter):
    obj = C()
    ref = weakref.ref(obj)
    container = {obj: 1}
    if with_view:
        obj.v = v(container)
    if with_iter:
        obj.x = iter(v(container))
    del obj, container
    gc.collect()
    return ref() is None


for v in (dict.items, dict.values, dict.keys):
    print(v.__name__, [views(v, a, b) for a in (0, 1) for b in (0, 1)])


def rebinds(a, b):
    a = weakref.ref(a)
    b = weakref.ref(b)
    gc.collect()
    return a() is None, b() is None


for _ in range(3):
    print(rebinds(C(), C()), rebinds(C(), b=C()), rebinds(b=C(), a=C()))
