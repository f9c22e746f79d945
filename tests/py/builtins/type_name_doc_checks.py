# type(): the name and a str __doc__ must be encodable as UTF-8 without NUL (name only),
# __name__ assignment is checked the same way, and the namespace's own iteration order is kept.
import collections


def attempt(label, f):
    try:
        r = f()
        print(label, "ok", r)
    except Exception as e:
        print(label, type(e).__name__, e)


attempt("nul name", lambda: type('A\x00B', (), {}))
attempt("surrogate name", lambda: type('A\udcdcB', (), {}).__name__)
attempt("bytes name", lambda: type(b'A', (), {}))
for name in 'A', '\xc4', '\U0001f40d', 'B.A', '42', '':
    A = type(name, (), {})
    print(repr(A.__name__), repr(A.__qualname__), A.__module__)

C = type('C', (), {})


def set_name(v):
    C.__name__ = v


attempt("set nul", lambda: set_name('A\x00B'))
attempt("set surrogate", lambda: set_name('A\udcdcB'))
attempt("set bytes", lambda: set_name(b'A'))
print(C.__name__, C.__qualname__)

for doc in 'x', '\xc4', 'x\x00y', b'x', 42, None:
    print(repr(type('A', (), {'__doc__': doc}).__doc__))
attempt("surrogate doc", lambda: type('A', (), {'__doc__': 'x\udcdcy'}))
A = type('A', (), {})
A.__doc__ = 'x\udcdcy'
print(ascii(A.__doc__))

od = collections.OrderedDict([('a', 1), ('b', 2)])
od.move_to_end('a')
print(list(type('C', (), od).__dict__.items())[:2])


class Keys(dict):
    def __iter__(self):
        return iter(sorted(dict.keys(self), reverse=True))

    def keys(self):
        return list(iter(self))


print([k for k in type('K', (), Keys(x=1, z=2, y=3)).__dict__ if len(k) == 1])


# A __dict__ defined in the class body wins over the instance-dict descriptor.
class GetVars:
    def get_dict(self):
        return {'a': 2}
    __dict__ = property(fget=get_dict)


print(vars(GetVars()), type(GetVars.__dict__['__dict__']).__name__)
