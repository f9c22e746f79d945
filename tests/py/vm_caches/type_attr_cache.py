# The type attribute cache sees every change of a class dict along the MRO.
class Base:
    x = 1
    def m(self):
        return "Base.m"

class Mid(Base):
    pass

class Leaf(Mid):
    pass

o = Leaf()
for _ in range(3):
    print(o.x, o.m(), Leaf.x)

Mid.x = 2                       # shadows Base.x from the middle of the MRO
print(o.x, Leaf.x)
Base.m = lambda self: "new Base.m"
print(o.m())
Mid.m = lambda self: "Mid.m"
print(o.m())
del Mid.m
print(o.m())
del Mid.x
print(o.x)

o.x = 10                        # the instance dict wins over a plain class attribute
print(o.x, Leaf.x)
del o.x
print(o.x)

class Other:
    x = "other"
    def m(self):
        return "Other.m"

Leaf.__bases__ = (Other,)       # a new MRO
print(o.x, o.m(), [c.__name__ for c in Leaf.__mro__])

setattr(Other, "y", 5)
print(o.y)
try:
    o.z
except AttributeError as e:
    print("AttributeError", e)
Other.z = "late"
print(o.z)

# A data descriptor added later on the class takes precedence over the instance dict.
class P:
    pass
p = P()
p.v = "instance"
print(p.v)
P.v = property(lambda self: "property")
print(p.v)
del P.v
print(p.v)

# Classes created and dropped in a loop: cached entries never leak into a new class.
for i in range(5):
    class T:
        val = i
    print(T().val, end=" ")
print()
