print(isinstance(1, (str, int)), isinstance("a", (int, float)), issubclass(bool, int), issubclass(int, (str, object)))
class Meta(type):
    def __instancecheck__(cls, obj): return obj == "magic"
class Duck(metaclass=Meta): pass
print(isinstance("magic", Duck), isinstance(1, Duck))
