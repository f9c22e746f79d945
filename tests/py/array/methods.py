# array.array methods: append, extend, insert, pop, remove, index, count, reverse, byteswap,
# buffer_info, and their errors.
import array


def err(f, *args):
    try:
        print(f(*args))
    except Exception as e:
        print(type(e).__name__, e)

a = array.array('i', [1, 2, 3, 2])
a.append(5)
a.extend([6, 7])
a.extend(array.array('i', [8]))
a.extend(a)
print(a)
a.insert(0, 10)
a.insert(-1, 11)
a.insert(1000, 12)
a.insert(-1000, 13)
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(2)
print(a, a.count(2), a.count(99), a.count(None))
print(a.index(2), a.index(1, 2), a.index(2, -4), a.index(8, 0, -1))
err(a.index, 99)
err(a.index, 1, 0, -100)
err(a.index, 1, 'x')
err(a.remove, 99)
err(a.pop, 100)
err(array.array('b').pop)
err(a.pop, None)
err(a.insert, 'x', 1)
err(a.insert, 0, None)
err(a.extend, 5)
err(a.extend, array.array('b', [1]))
err(a.count)
err(a.reverse, 1)
a.reverse()
print(a)
print(a.buffer_info()[1] == len(a))

for tc in 'bhiqfdu':
    b = array.array(tc, 'ab' if tc == 'u' else [1, 2])
    b.byteswap()
    print(tc, b.tobytes())

u = array.array('u', 'abc')
u.fromunicode('de')
print(u, u.tounicode(), u.index('c'), 'd' in u, u.count('a'))
err(u.fromunicode, 5)
err(a.fromunicode, 'x')
err(a.tounicode)
print(a.typecode, a.itemsize, len(a))
