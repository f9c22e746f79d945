# array.array: range checks and conversion errors of every typecode, with CPython's messages.
import array

values = [0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769, 65535, 65536,
          2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**32 - 1, 2**32, 2**63 - 1, 2**63, -2**63,
          -2**63 - 1, 2**64 - 1, 2**64, -2**70, 2**70]
for tc in 'bBhHiIlLqQ':
    ok = []
    for v in values:
        try:
            a = array.array(tc, [v])
            ok.append(a[0] == v)
        except OverflowError as e:
            print(tc, v, 'OverflowError', e)
    print(tc, ok.count(True))

a = array.array('i', [0])
for bad in [1.5, 'x', None, b'a', [1]]:
    try:
        a[0] = bad
    except TypeError as e:
        print('TypeError', e)
for tc in 'fd':
    for bad in ['x', None]:
        try:
            array.array(tc, [bad])
        except TypeError as e:
            print(tc, 'TypeError', e)
try:
    a.append(2**40)
except OverflowError as e:
    print('append', e)
print(a)
f = array.array('f', [3.4e38, 1e-50, 2**70])
print(f)
