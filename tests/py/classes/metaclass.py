class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["tag"] = name.lower()
        return super().__new__(mcls, name, bases, ns)
    def __call__(cls, *a):
        print("creating", cls.__name__)
        return super().__call__(*a)
class Thing(metaclass=Meta):
    def __init__(self, v): self.v = v
t = Thing(5)
print(Thing.tag, t.v, type(Thing).__name__)
