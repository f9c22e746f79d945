# abc runs on the native _abc module: registration, the caches, __subclasshook__, the
# abstract-method computation, _get_dump / _reset_* and typing's Protocol checks, which look at
# the module of the frame that called __subclasshook__.
import abc
import gc
import _abc
from typing import Protocol, runtime_checkable

print(abc._abc_init is _abc._abc_init, type(abc.ABCMeta("X", (), {})._abc_impl).__name__)


class Base(abc.ABC):
    @abc.abstractmethod
    def f(self): ...

    @property
    @abc.abstractmethod
    def p(self): ...

    def g(self): ...


class Half(Base):
    def f(self):
        return 1


print(sorted(Base.__abstractmethods__), sorted(Half.__abstractmethods__))
try:
    Half()
except TypeError as e:
    print("TypeError", e)


class Registered:
    pass


class Sub(Registered):
    pass


token = abc.get_cache_token()
print(Base.register(Registered) is Registered, abc.get_cache_token() == token + 1)
print(issubclass(Registered, Base), issubclass(Sub, Base), isinstance(Sub(), Base))
print(issubclass(int, Base), isinstance(3, Base))
try:
    Base.register(3)
except TypeError as e:
    print("TypeError", e)
try:
    Half.register(Base)
except RuntimeError as e:
    print("RuntimeError", e)
registry, cache, negative, version = abc._get_dump(Base)
print(sorted(r().__name__ for r in registry), sorted(r().__name__ for r in cache))
print(sorted(r().__name__ for r in negative), version == abc.get_cache_token())
abc._reset_caches(Base)
print([len(s) for s in abc._get_dump(Base)[:3]])
abc._reset_registry(Base)
print(issubclass(Sub, Base))


class Hooked(abc.ABC):
    @classmethod
    def __subclasshook__(cls, other):
        if hasattr(other, "quack"):
            return True
        if hasattr(other, "bad"):
            return 42
        return NotImplemented


class Duck:
    def quack(self): ...


class Bad:
    bad = 1


print(issubclass(Duck, Hooked), isinstance(Duck(), Hooked), issubclass(int, Hooked))
try:
    issubclass(Bad, Hooked)
except AssertionError as e:
    print("AssertionError", e)
try:
    issubclass(3, Hooked)
except TypeError as e:
    print("TypeError", e)


# A registered class that dies leaves the registry.
class Temp:
    pass


Base.register(Temp)
print(len(abc._get_dump(Base)[0]))
del Temp
gc.collect()
print(len(abc._get_dump(Base)[0]))


@runtime_checkable
class HasX(Protocol):
    x = None


@runtime_checkable
class HasMeth(Protocol):
    def meth(self): ...


class WithX:
    x = 1


class WithMeth:
    def meth(self): ...


print(isinstance(WithX(), HasX), isinstance(object(), HasX), isinstance(WithMeth(), HasMeth))
print(issubclass(WithMeth, HasMeth), issubclass(int, HasMeth))
try:
    issubclass(WithX, HasX)
except TypeError as e:
    print("TypeError", e)

# register() passes a collection ABC's pattern-matching kind on to the class and its
# subclasses.
import collections.abc


class S:
    pass


class T(S):
    pass


collections.abc.Sequence.register(S)


class M:
    pass


collections.abc.Mapping.register(M)
for o in (S(), T(), M(), object()):
    match o:
        case [*_]:
            print(type(o).__name__, "sequence")
        case {}:
            print(type(o).__name__, "mapping")
        case _:
            print(type(o).__name__, "other")
