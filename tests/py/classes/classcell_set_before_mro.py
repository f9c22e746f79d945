test_class = None
class Meta(type):
    def mro(self):
        self.__dict__["f"]()
        return super().mro()
class A(metaclass=Meta):
    def f():
        global test_class
        test_class = __class__
print(test_class is A, A.__mro__)
class B:
    def g(self): return __class__
print(B().g() is B)
