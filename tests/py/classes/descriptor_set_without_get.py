# A data descriptor with __set__ but no __get__: the instance dict answers reads once set.
class Descr:
    def __init__(self, name):
        self.name = name

    def __set__(self, obj, value):
        obj.__dict__[self.name] = value


descr = Descr("a")


class X:
    a = descr


x = X()
print(x.a is descr)
x.a = 42
print(x.a)
print(X.a is descr)
