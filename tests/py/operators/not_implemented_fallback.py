class A:
    def __eq__(self, o):
        print("A.__eq__")
        return NotImplemented
class B:
    def __eq__(self, o):
        print("B.__eq__")
        return NotImplemented
print(A() == B())
print(A() != B())
