# abc: ABCMeta, abstractmethod, register, subclasshook, abstract properties.
import abc

class Base(abc.ABC):
    @abc.abstractmethod
    def run(self): ...
    @property
    @abc.abstractmethod
    def name(self): ...
try:
    Base()
except TypeError as e:
    print(e)
class Impl(Base):
    def run(self): return 'ran'
    @property
    def name(self): return 'impl'
print(Impl().run(), Impl().name, isinstance(Impl(), Base), sorted(Base.__abstractmethods__))

class Reg(abc.ABC):
    pass
Reg.register(int)
print(isinstance(1, Reg), issubclass(bool, Reg), issubclass(str, Reg))

class Hook(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        return hasattr(C, 'quack') or NotImplemented
class Duck:
    def quack(self): pass
print(isinstance(Duck(), Hook), isinstance(1, Hook))
print(type(Base) is abc.ABCMeta, abc.get_cache_token() is not None)
class M(metaclass=abc.ABCMeta):
    @abc.abstractmethod
    def f(self): pass
class N(M):
    pass
print(N.__abstractmethods__, bool(getattr(N.f, '__isabstractmethod__', False)))
