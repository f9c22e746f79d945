class E:
    def __len__(self): return 0
class T:
    def __bool__(self): return True
    def __len__(self): return 0
print(bool(E()), bool(T()), not E())
class Bad:
    def __bool__(self): return 1
try:
    bool(Bad())
except TypeError as e:
    print(e)
