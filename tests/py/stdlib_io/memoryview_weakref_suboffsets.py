# memoryview objects accept weak references and report empty suboffsets.
import weakref

m = memoryview(b"abc")
r = weakref.ref(m)
print(r() is m, m.suboffsets, m[1:].suboffsets)
m.release()
try:
    m.suboffsets
except ValueError as e:
    print("ValueError", e)
