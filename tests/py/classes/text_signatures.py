# inspect.signature() of slot wrappers, method-wrappers and classes that inherit object's
# __init__/__new__ (through object's __text_signature__).
import inspect

print(object.__text_signature__, int.__text_signature__)
for f in (object.__init__, object.__init__.__get__, int.__add__, (1).__add__, list.__len__,
          object.__setattr__, int.__pow__, object.__new__, object.__eq__):
    print(str(inspect.signature(f)))


class Plain:
    pass


class WithInit:
    def __init__(self, a, b=2):
        pass


print(inspect.signature(Plain), inspect.signature(object), inspect.signature(WithInit))
