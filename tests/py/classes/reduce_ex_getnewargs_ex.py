# object.__reduce_ex__ at every protocol with __getnewargs_ex__ / __getnewargs__, its checks, and
# copy / deepcopy / pickle of such objects.
import copy
import copyreg
import pickle


def show(r):
    if not isinstance(r, tuple):
        return repr(r)
    items = []
    for x in r:
        if callable(x) and hasattr(x, "__name__"):
            items.append(x.__name__)
        elif isinstance(x, tuple):
            items.append("(" + ", ".join(getattr(y, "__name__", repr(y)) if isinstance(y, type) else repr(y) for y in x) + ")")
        else:
            items.append(repr(x))
    return "(" + ", ".join(items) + ")"


class KwOnly:
    def __new__(cls, *, foo):
        self = object.__new__(cls)
        self.foo = foo
        return self

    def __getnewargs_ex__(self):
        return (), {"foo": self.foo}


class Both:
    def __new__(cls, a, *, b=0):
        self = object.__new__(cls)
        self.a = a
        self.b = b
        return self

    def __getnewargs_ex__(self):
        return (self.a,), {"b": self.b}


class NoKw:
    def __new__(cls, a):
        self = object.__new__(cls)
        self.a = a
        return self

    def __getnewargs_ex__(self):
        return (self.a,), {}


class Plain:
    def __getnewargs__(self):
        return (1, 2)

    def __new__(cls, *args):
        return object.__new__(cls)


for obj in [KwOnly(foo=5), Both(1, b=2), NoKw(3), Plain()]:
    for proto in range(6):
        print(type(obj).__name__, proto, show(obj.__reduce_ex__(proto)))

print(copyreg.__newobj_ex__ is KwOnly(foo=1).__reduce_ex__(2)[0])
print(copyreg.__newobj__ is NoKw(1).__reduce_ex__(2)[0])

k = KwOnly(foo=42)
k.extra = [1, 2]
c = copy.copy(k)
print(type(c).__name__, c.foo, c.extra, c.extra is k.extra)
d = copy.deepcopy(k)
print(type(d).__name__, d.foo, d.extra, d.extra is k.extra)
b = copy.deepcopy(Both(7, b=8))
print(b.a, b.b)
for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
    u = pickle.loads(pickle.dumps(Both(proto, b=-proto), proto))
    print(proto, type(u).__name__, u.a, u.b)


# The checks on what __getnewargs_ex__ / __getnewargs__ return.
def bad(ret, name="__getnewargs_ex__"):
    ns = {name: lambda self: ret}
    cls = type("Bad", (), ns)
    try:
        cls().__reduce_ex__(2)
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print("no error")


bad([(), {}])
bad(((), {}, 1))
bad(((),))
bad(([], {}))
bad(((), []))
bad(((), None))
bad(None, "__getnewargs__")
bad([1], "__getnewargs__")


# Looked up on the type, not on the instance.
class Inst:
    pass


i = Inst()
i.__getnewargs_ex__ = lambda: ((1,), {"x": 1})
r = i.__reduce_ex__(2)
print(r[0].__name__, r[1][0].__name__, len(r[1]), sorted(r[2]))


# __getnewargs_ex__ wins over __getnewargs__.
class Two:
    def __getnewargs__(self):
        return (1,)

    def __getnewargs_ex__(self):
        return (2,), {"k": 3}


print(show(Two().__reduce_ex__(3)))


# Exceptions from __getnewargs_ex__ propagate.
class Raises:
    def __getnewargs_ex__(self):
        raise KeyError("nope")


try:
    Raises().__reduce_ex__(2)
except KeyError as e:
    print("KeyError", e)
