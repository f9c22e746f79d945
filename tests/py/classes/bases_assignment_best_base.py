# Assigning __bases__ keeps the layout of the best base, which need not come first.
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")

class X(NamedTuple, Generic[T]):
    x: T

class Y(Generic[T], NamedTuple):
    x: T

print(X.__bases__, Y.__bases__, Y.__mro__, Y[int](3), X(4).x)

class A: pass
class B: pass
class C(A): pass
C.__bases__ = (B, A)
print(C.__mro__, C.__base__)

class D(int): pass
D.__bases__ = (A, int)
print(D.__bases__, D.__base__, D(5) + 1)
try:
    D.__bases__ = (int, str)
except TypeError as e:
    print("TypeError", e)
