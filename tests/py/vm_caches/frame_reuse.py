# Frames are recycled after a plain return; escaped frames keep their identity and contents.
import sys

def grab():
    local = "kept"
    return sys._getframe()

fr = grab()
for _ in range(10):
    grab.__code__              # run other calls of the same size
    (lambda a, b: a + b)(1, 2)
print(fr.f_code.co_name, fr.f_locals["local"])

def fails(n):
    marker = n * 2
    raise ValueError(n)

try:
    fails(21)
except ValueError as e:
    tb = e.__traceback__
for i in range(10):
    try:
        fails(i)
    except ValueError:
        pass
while tb.tb_next:
    tb = tb.tb_next
print(tb.tb_frame.f_code.co_name, tb.tb_frame.f_locals["marker"])

def outer():
    return inner()

def inner():
    return sys._getframe().f_back

b = outer()
for _ in range(5):
    outer()
print(b.f_code.co_name)

# Locals of a recycled frame start unbound.
def maybe(flag):
    if flag:
        x = "set"
    try:
        return x
    except UnboundLocalError as e:
        return "unbound: " + str(e)

print(maybe(True))
print(maybe(False))

def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
print(deep(200), deep(50))
