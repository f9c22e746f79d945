# array.array operators: +, *, +=, *=, in, comparisons, iteration, copy, repr, str.
import array
import copy


def err(f, *args):
    try:
        print(f(*args))
    except Exception as e:
        print(type(e).__name__, e)

a = array.array('i', [1, 2, 3])
b = array.array('i', [4])
print(a + b, a * 2, 2 * a, a * 0, a * -1)
c = a
c += b
c *= 2
print(c is a, a)
a *= 0
print(a)
a = array.array('i', [1, 2, 3])
print(2 in a, 5 in a, 'x' in a, None in a)
print(list(a), [x * 2 for x in a], list(reversed(a)), sorted(a, reverse=True))
print(a == array.array('i', [1, 2, 3]), a != array.array('i', [1, 2, 3]), a == [1, 2, 3], a == 5)
print(a < array.array('i', [1, 2, 4]), a <= a, a > array.array('i', [1, 2]), a >= array.array('d', [1.0, 2.0, 3.5]))
print(a == array.array('d', [1.0, 2.0, 3.0]), array.array('u', 'ab') < array.array('u', 'b'))
nan = array.array('d', [float('nan')])
print(nan == nan, nan != nan, nan < nan, nan == array.array('d', [float('nan')]))
err(lambda: a < 3)
err(lambda: a + 'x')
err(lambda: a + array.array('b'))
err(lambda: a * 2.0)
err(a.__iadd__, 'bad')
err(a.__imul__, 'bad')
err(hash, a)
print(copy.copy(a), copy.deepcopy(a), copy.copy(a) is a)
print(repr(array.array('f', [0.1])), str(array.array('u', 'a\'"')), repr(array.array('b')))

class Sub(array.array):
    pass

s = Sub('b', [1, 2])
print(repr(s), type(s + s).__name__, type(s * 2).__name__, type(s[:]).__name__, type(copy.copy(s)).__name__)
it = iter(array.array('b', [1, 2]))
print(type(it).__name__, next(it), next(it), next(it, 'end'))
x = array.array('b', [1])
it = iter(x)
print(list(it))
x.append(2)
print(list(it))
import weakref
r = weakref.ref(x)
print(r() is x)
