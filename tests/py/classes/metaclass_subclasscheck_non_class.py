# type.__subclasscheck__ inherited by a metaclass checks arg 1 itself instead of dispatching
# to the metaclass again.
class Meta(type):
    def __instancecheck__(cls, obj):
        return super().__instancecheck__(obj)

class A(metaclass=Meta):
    pass

class B(A):
    pass

for derived in [42, "x", None]:
    try:
        issubclass(derived, A)
    except TypeError as e:
        print("TypeError", e)
print(issubclass(B, A), issubclass(A, B), Meta.__subclasscheck__(A, B))

class Fake:
    # Anything with a tuple __bases__ counts as a class.
    __bases__ = (B,)
print(issubclass(Fake(), A), type.__subclasscheck__(A, Fake()), type.__subclasscheck__(B, Fake()))
try:
    type.__subclasscheck__(A, 3)
except TypeError as e:
    print("TypeError", e)
