class A:
    def __eq__(self, o): return True
class B(A):
    __hash__ = object.__hash__
print(A.__hash__, B.__hash__ is object.__hash__, hash(B()) == hash(B()) or True)
