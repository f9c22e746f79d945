class A:
    def who(self): return "A"
    def hello(self): return "hello from " + self.who()
class B(A):
    def who(self): return "B"
print(A().hello(), B().hello(), issubclass(B, A), B.__bases__, B.__mro__)
