class A:
    pass

class B(A, metaclass=type):
    "Doc of B"
    x = 1
    def method(self):
        return self.x

class C(B):
    def __init__(self):
        super().__init__()
        self.__private = 1

    def get(self):
        return __class__
