# object.__setattr__ / __delattr__ cannot bypass a builtin type's own __setattr__ (type's).
for f, args in ((object.__setattr__, (str, "foo", 42)), (object.__delattr__, (str, "lower"))):
    try:
        f(*args)
        print("allowed")
    except TypeError as e:
        print("TypeError", e)


class A(type):
    def __setattr__(cls, key, value):
        object.__setattr__(cls, key, value)


class B:
    pass


class C(B, A):
    pass


obj = C("D", (object,), {})
try:
    obj.test = True
    print("allowed")
except TypeError as e:
    print("TypeError", e)


class Ok(type):
    def __setattr__(cls, key, value):
        type.__setattr__(cls, key, value)


class C2(B, Ok):
    pass


o2 = C2("D", (object,), {})
o2.test = True
print(o2.test)


class P:
    def __setattr__(self, k, v):
        object.__setattr__(self, k, v * 2)


p = P()
p.x = 4
print(p.x)
object.__delattr__(p, "x")
print(hasattr(p, "x"))
