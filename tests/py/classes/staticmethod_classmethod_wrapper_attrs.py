# staticmethod and classmethod copy __module__, __name__, __qualname__, __doc__ and
# __annotations__ from the function into their own __dict__ (3.10+); __wrapped__ is the function.
import functools

def f(a: int, b: str = '') -> list:
    "f's doc"

def g(x):
    pass

for kind in (staticmethod, classmethod):
    s = kind(f)
    print(kind.__name__, sorted(s.__dict__))
    print(s.__name__, s.__qualname__, s.__module__, s.__doc__, s.__annotations__)
    print(s.__wrapped__ is f, s.__func__ is f, '__wrapped__' in s.__dict__)
    s.__annotations__ = {'changed': 1}
    print(s.__annotations__, f.__annotations__)
    s2 = kind(g)
    print(s2.__annotations__, s2.__doc__, g.__annotations__)
    try:
        s.__wrapped__ = g
    except AttributeError as e:
        print('AttributeError:', type(e).__name__)
    s3 = kind(42)
    print(sorted(s3.__dict__), s3.__wrapped__)

# singledispatch registers a classmethod / staticmethod through its annotations.
class A:
    @functools.singledispatchmethod
    @classmethod
    def t(cls, arg):
        return 'base'

    @t.register
    @classmethod
    def _(cls, arg: int):
        return 'int'

    @t.register
    @classmethod
    def _(cls, arg: str):
        return 'str'

    @functools.singledispatchmethod
    @staticmethod
    def s(arg):
        return 'base'

    @s.register
    @staticmethod
    def _(arg: int):
        return 'int'

print(A.t(0), A.t(''), A.t(0.0), A.s(1), A.s(None), A().s(2))
