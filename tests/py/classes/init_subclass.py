class Base:
    registry = []
    def __init_subclass__(cls, key=None, **kw):
        super().__init_subclass__(**kw)
        Base.registry.append((cls.__name__, key))
class A(Base, key="a"): pass
class B(Base): pass
print(Base.registry)
