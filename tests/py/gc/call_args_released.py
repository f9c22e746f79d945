# An object passed to a call is released once the call is over: after the caller drops its last
# reference, a collection clears its weak references (and runs their callbacks), whatever kind of
# callable took it (Python function, bound method, builtin, generator function).
import gc
import weakref


class Obj:
    pass


def py_func(a, b=None):
    return a is b


class Holder:
    def method(self, a):
        return a


def gen_func(a):
    yield a


def check(name, call):
    o = Obj()
    dead = []
    r = weakref.ref(o, lambda ref: dead.append(name))
    result = call(o)
    del o
    gc.collect()
    print(name, r() is None, dead, type(result).__name__)


check("python function", lambda o: py_func(o))
check("keyword argument", lambda o: py_func(1, b=o))
check("bound method", lambda o: Holder().method(o) and None)
check("builtin", lambda o: id(o))
check("builtin method", lambda o: [].append(o))
check("generator function", lambda o: sum(1 for _ in gen_func(o)))
check("type call", lambda o: type(o).__name__)


# The pattern of CPython's test_copy.test_deepcopy_weakvaluedict: values unpacked, compared in
# a method call, then deleted.
class Case:
    def assert_is(self, a, b):
        if a is not b:
            raise AssertionError

    def run(self):
        a, b, c, d = [Obj() for _ in range(4)]
        u = weakref.WeakValueDictionary()
        u[a] = b
        u[c] = d
        (x, y), (z, t) = sorted(u.items(), key=lambda pair: id(pair[0]) if pair[0] is a else 1 << 70)
        self.assert_is(y, b)
        self.assert_is(t, d)
        del x, y, z, t
        del d
        gc.collect()
        print(len(u), u[a] is b)


Case().run()
