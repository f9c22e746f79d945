class Base:
    def hello(self): return "base"
def factory():
    class Child(Base):
        def hello(self):
            return "child+" + super().hello()
    return Child
print(factory()().hello())
