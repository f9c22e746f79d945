class A: pass
try:
    A(1)
except TypeError as e:
    print(e)
class B:
    def __init__(self): pass
try:
    B(1, 2)
except TypeError as e:
    print(e)
try:
    object(1)
except TypeError as e:
    print(e)
