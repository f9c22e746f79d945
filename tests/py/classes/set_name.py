class Field:
    def __set_name__(self, owner, name):
        self.name = owner.__name__ + "." + name
    def __get__(self, obj, typ=None):
        return self.name
class M:
    a = Field()
    b = Field()
print(M.a, M().b)
