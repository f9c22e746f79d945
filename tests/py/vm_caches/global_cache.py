# The LOAD_GLOBAL cache follows changes of globals and builtins.
import builtins
real_len = builtins.len

def f():
    return len("abc"), g

g = 1
print(f())
g = 2
print(f())

len = lambda s: "shadowed"      # a global now hides the builtin
print(f())
del len
print(f())

builtins.len = lambda s: "patched builtin"
try:
    print(f())
finally:
    del builtins.len
try:
    print(f())
except NameError as e:
    print("NameError", e)
builtins.len = real_len
print(f())

del g
try:
    f()
except NameError as e:
    print("NameError", e)
g = "back"
print(f())

# One code object run with different globals dicts.
src = "def h():\n    return k\n"
ns1 = {"k": "one"}
ns2 = {"k": "two"}
exec(src, ns1)
ns2["h"] = type(ns1["h"])(ns1["h"].__code__, ns2)
for _ in range(3):
    print(ns1["h"](), ns2["h"]())
ns2["k"] = "changed"
print(ns1["h"](), ns2["h"]())
