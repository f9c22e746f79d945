# types: the type aliases (FunctionType, ...), SimpleNamespace, MappingProxyType, new_class,
# prepare_class, resolve_bases, get_original_bases-free 3.11 API, DynamicClassAttribute,
# coroutine, GenericAlias, UnionType, MethodType, ModuleType, NoneType/EllipsisType/
# NotImplementedType, CodeType/FrameType/TracebackType.
import sys
import types

def f(): pass
async def co(): pass
def gen(): yield 1
async def agen(): yield 1
class C:
    def m(self): pass
    @classmethod
    def cm(cls): pass

checks = [
    (f, types.FunctionType), (lambda: 0, types.LambdaType), (gen(), types.GeneratorType),
    (agen(), types.AsyncGeneratorType), (len, types.BuiltinFunctionType),
    ([].append, types.BuiltinMethodType), (C().m, types.MethodType), (f.__code__, types.CodeType),
    (sys, types.ModuleType), (None, types.NoneType), (..., types.EllipsisType),
    (NotImplemented, types.NotImplementedType), (C.__dict__, types.MappingProxyType),
    (str.join, types.MethodDescriptorType), (dict.__dict__["fromkeys"], types.ClassMethodDescriptorType),
    (types.FunctionType.__code__, types.GetSetDescriptorType), (sys._getframe(), types.FrameType),
    (list[int], types.GenericAlias), (int | str, types.UnionType), (f.__globals__, dict),
]
for obj, t in checks:
    print(t.__name__, isinstance(obj, t))
# pystm's slot wrappers are method descriptors and bound builtin methods: only membership is
# compared for these two.
print(isinstance(object.__init__, types.WrapperDescriptorType),
      isinstance(object().__str__, types.MethodWrapperType))
c = co(); print(type(c) is types.CoroutineType); c.close()
try:
    raise ValueError
except ValueError as e:
    print(isinstance(e.__traceback__, types.TracebackType))
print(types.CellType.__name__, isinstance((lambda: f).__closure__, type(None)))
def outer():
    x = 1
    def inner(): return x
    return inner
print(isinstance(outer().__closure__[0], types.CellType))

# SimpleNamespace
ns = types.SimpleNamespace(b=2, a=1)
print(ns, ns.a, repr(types.SimpleNamespace()))
ns.c = [3]; del ns.b
print(ns, ns == types.SimpleNamespace(a=1, c=[3]), ns != types.SimpleNamespace(a=1))
print(sorted(vars(ns)), types.SimpleNamespace({"k": 1}, z=2) if sys.version_info >= (3, 13) else "")
try:
    types.SimpleNamespace(1)
except TypeError as e:
    print("TypeError", e)
r = types.SimpleNamespace(); r.self = r; print(r)

# MappingProxyType
d = {"x": 1}
mp = types.MappingProxyType(d)
print(mp["x"], len(mp), list(mp), "x" in mp, mp.get("y", 0), mp.copy(), repr(mp))
d["y"] = 2
print(dict(mp), list(mp.keys()), list(mp.values()), list(mp.items()), mp | {"z": 3})
for op in [lambda: mp.__setitem__("x", 2), lambda: types.MappingProxyType([1]),
           lambda: mp["nope"], lambda: mp.pop("x")]:
    try:
        op()
    except Exception as e:
        print(type(e).__name__, e)

# Dynamic class creation
def body(ns):
    ns["attr"] = 5
    ns["meth"] = lambda self: "meth"
D = types.new_class("D", (C,), {}, body)
print(D.__name__, D.__bases__ == (C,), D.attr, D().meth(), D.__module__)
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, kw)
        return {"from_prepare": True}
    def __new__(mcls, name, bases, ns, **kw):
        return super().__new__(mcls, name, bases, ns)
E = types.new_class("E", (), {"metaclass": Meta, "flag": 1})
print(type(E).__name__, E.from_prepare)
meta, ns2, kw = types.prepare_class("F", (), {"metaclass": Meta, "other": 2})
print(meta.__name__, ns2, kw)
print(types.prepare_class("G", (int,))[0])
class MroEntry:
    def __mro_entries__(self, bases): return (C,)
print(types.resolve_bases((MroEntry(), int)), types.resolve_bases((int,)))
H = types.new_class("H", (MroEntry(),))
print(H.__bases__ == (C,), H.__orig_bases__[0].__class__.__name__)

# DynamicClassAttribute
class Q:
    @types.DynamicClassAttribute
    def name(self):
        "doc of name"
        return "inst"
print(Q().name, Q.__dict__["name"].__doc__)
try:
    Q.name
except AttributeError:
    print("AttributeError on class")

# coroutine
@types.coroutine
def gcoro():
    yield "x"
    return 7
async def use():
    return await gcoro()
cr = use()
print(cr.send(None))
try:
    cr.send(None)
except StopIteration as e:
    print("result", e.value)
print(gcoro.__code__.co_flags & 0x100 != 0)
try:
    types.coroutine(5)
except TypeError as e:
    print("TypeError", e)
async def already(): pass
print(types.coroutine(already) is already)

# GenericAlias, UnionType, MethodType, ModuleType
ga = types.GenericAlias(list, (int,))
print(ga, ga.__origin__, ga.__args__, ga == list[int])
print(int | None, (int | str).__args__)
bound = types.MethodType(lambda self, x: (self, x), "me")
print(bound(1), bound.__self__)
mod = types.ModuleType("mymod", "docstring")
print(mod.__name__, mod.__doc__, repr(mod), mod.__dict__.keys() >= {"__name__", "__doc__"})
mod2 = types.ModuleType("bare"); print(mod2.__doc__)
print(types.FunctionType(f.__code__, {})() is None)
g2 = types.FunctionType((lambda a, b=2: a + b).__code__, {}, "renamed", (10,))
print(g2.__name__, g2(1), g2(1, 5), g2.__defaults__)
print(sorted(n for n in types.__all__))
