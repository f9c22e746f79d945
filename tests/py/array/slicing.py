# array.array indexing and slicing: get, set and delete, extended slices, slice assignment.
import array


def err(f, *args):
    try:
        print(f(*args))
    except Exception as e:
        print(type(e).__name__, e)

a = array.array('h', range(10))
print(a[0], a[-1], a[3:7], a[::2], a[::-3], a[100:], a[-100:2], a[7:2:-2])
print(type(a[1:3]))
a[0] = 100
a[-1] = -100
print(a)
a[2:4] = array.array('h', [7, 7, 7])
print(a)
a[1:1] = array.array('h', [5])
a[5:2] = array.array('h', [9])
print(a)
a[::2] = array.array('h', [0] * len(a[::2]))
print(a)
a[::-1] = a
print(a)
del a[0]
del a[-1]
print(a)
del a[::3]
print(a)
del a[1:3]
print(a)
del a[5:2]
del a[::-2]
print(a)

import sys
indices = (0, None, 1, 3, 19, 100, sys.maxsize, -1, -2, -31, -100)
ok = 0
for start in indices:
    for stop in indices:
        for step in indices[1:]:
            b = array.array('i', range(20))
            L = list(b)
            data = L[start:stop:step]
            data.reverse()
            L[start:stop:step] = data
            b[start:stop:step] = array.array('i', data)
            ok += list(b) == L
            del L[start:stop:step]
            del b[start:stop:step]
            ok += list(b) == L
print(ok)

err(a.__getitem__, 100)
err(a.__getitem__, 'x')
err(a.__getitem__, 1.0)
err(a.__setitem__, 100, 1)
err(a.__setitem__, 0, None)
err(a.__delitem__, 100)
err(a.__setitem__, slice(0, 1), [1])
err(a.__setitem__, slice(0, 1), array.array('i', [1]))
err(a.__setitem__, slice(0, 4, 2), array.array('h', [1, 2, 3]))
e = array.array('B')
e[:] = e
print(e, len(e + e), len(e * 3))
