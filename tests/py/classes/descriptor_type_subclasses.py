# Subclasses of property, classmethod and staticmethod: their inherited __get__, __set__ and
# __delete__ behave as the base type's (they once recursed without end), a property subclass
# puts the getter's docstring on the instance (its class docstring would shadow it), and the
# errors of a property without getter, setter or deleter name the owner by its qualified name.
import abc
class PropertySub(property):
    """This is a subclass of property"""
class Foo(object):
    def __init__(self): self._spam = 1
    @PropertySub
    def spam(self):
        """spam wrapped in property subclass"""
        return self._spam
    @spam.setter
    def spam(self, value):
        self._spam = value
    @spam.deleter
    def spam(self):
        self._spam = None
foo = Foo()
print(foo.spam); foo.spam = 2; print(foo.spam, Foo.spam.__doc__)
del foo.spam; print(foo.spam)
print(PropertySub.__set__(Foo.spam, foo, 5), foo.spam)
class CM(classmethod): pass
class SM(staticmethod): pass
class K:
    @CM
    def c(cls): return cls.__name__
    @SM
    def s(x): return x * 2
class K2(K): pass
print(K.c(), K2.c(), K2().c(), K.s(4), K2().s(5))
print(CM.__get__(K.__dict__["c"], None, K2)(), SM.__get__(K.__dict__["s"], 1)(3))
for abstractthing in [abc.abstractmethod, abc.abstractproperty, abc.abstractclassmethod, abc.abstractstaticmethod]:
    class C(metaclass=abc.ABCMeta):
        @abstractthing
        def foo(self): pass
    class D(C):
        def bar(self): pass
    class E(D):
        def foo(self): pass
    print(abstractthing.__name__, sorted(C.__abstractmethods__), sorted(D.__abstractmethods__), sorted(E.__abstractmethods__), type(E()).__name__)
try: del 'abc'[0]
except TypeError as e: print(e)

class P(property): 'class doc'
def g(self): pass
def h(self): 'hdoc'
a = P(g); print(repr(a.__doc__), a.__dict__)
b = P(h); print(repr(b.__doc__), b.__dict__)
c = P(h, doc='explicit'); print(repr(c.__doc__), c.__dict__)
d = P(g, doc=None); print(repr(d.__doc__), d.__dict__)
e = b.setter(g); print(repr(e.__doc__), e.__dict__)
class PS(property):
    __slots__ = ()
for args in [(h,), (g,), (g, None, None, 'x')]:
    try: print(repr(PS(*args).__doc__))
    except AttributeError as e: print('AE', e)
print(repr(property(h).__doc__), repr(property(g).__doc__), repr(property(h, doc='z').__doc__))


class Outer:
    class Inner:
        ro = property()
        named = property(lambda self: 1)


named = Outer.Inner.__dict__["named"]
for action in (lambda o: o.ro, lambda o: setattr(o, "ro", 1), lambda o: delattr(o, "ro"),
               lambda o: setattr(o, "named", 2), lambda o: delattr(o, "named")):
    try:
        action(Outer.Inner())
    except AttributeError as e:
        print("AttributeError:", e)
for args in [(), (1,), (1, 2, 3)]:
    try:
        named.__set_name__(*args)
    except TypeError as e:
        print("TypeError:", e)

# The __set__ and __delete__ of getset and member descriptors, called directly.
class L(list):
    pass


type(list).__dict__["__doc__"].__set__(L, "x")
print(L.__doc__)


class Slotted:
    __slots__ = ("a",)


s = Slotted()
Slotted.__dict__["a"].__set__(s, 3)
print(s.a)
Slotted.__dict__["a"].__delete__(s)
print(hasattr(s, "a"))
