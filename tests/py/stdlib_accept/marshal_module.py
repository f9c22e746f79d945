# marshal: dumps/loads/dump/load of the value types with CPython's bytes (version 4 and older
# versions), references, round trips, malformed input, unmarshallable values, argument errors.
# Values are literals: CPython marks run-time objects with a reference count of one differently.
import marshal
print(marshal.dumps(None), marshal.dumps(True), marshal.dumps(False), marshal.dumps(...), marshal.dumps(StopIteration))
print(marshal.dumps(1), marshal.dumps(300), marshal.dumps(-1), marshal.dumps(2**31 - 1), marshal.dumps(2**31), marshal.dumps(-2**31), marshal.dumps(-2**31 - 1))
print(marshal.dumps(2**40), marshal.dumps(-2**40), marshal.dumps(10**30), marshal.dumps(2**15), marshal.dumps(2**30))
print(marshal.dumps(1.5), marshal.dumps(-0.0), marshal.dumps(1e300), marshal.dumps(1e999))
print(marshal.dumps(1j), marshal.dumps(1.5-2j))
print(marshal.dumps('abc'), marshal.dumps(''), marshal.dumps('hello world'), marshal.dumps('é'), marshal.dumps('a' * 300), marshal.dumps('a b' * 100))
print(marshal.dumps(b''), marshal.dumps(b'ab\x00'), marshal.dumps(bytearray(b'xy')), marshal.dumps(memoryview(b'mv')))
print(marshal.dumps(()), marshal.dumps((1, 2)), marshal.dumps((1, (2, 'x'))), marshal.dumps(tuple(range(300)))[1:12])
print(marshal.dumps([1, 2]), marshal.dumps([]), marshal.dumps([[], []]), marshal.dumps([1, 1]), marshal.dumps(['abc', 'abc']))
print(marshal.dumps({1: 2}), marshal.dumps({'a': [1], 'b': {}}), marshal.dumps({}))
print(marshal.dumps({3, 1, 2}), marshal.dumps(frozenset({'b', 'a', 'cc'})), marshal.dumps(set()), marshal.dumps(frozenset()))
print(marshal.dumps([12345, 12345]), marshal.dumps((1.5, 1.5)))
a = [1]
print(marshal.dumps([a, a]))
l = []; l.append(l)
print(marshal.dumps(l))
print(marshal.dumps('abc', 2), marshal.dumps([1, 1], 2), marshal.dumps(1.5, 1), marshal.dumps('é', 3), marshal.dumps('abc', 3), marshal.dumps(1j, 0), marshal.dumps((1,), 3))
for v in [None, True, 0, -5, 2**100, -(2**100), 3.25, float('inf'), 2 - 3j, 'x', 'ünï', 'a' * 1000, b'\xff' * 3,
          (1, 'a', (None,)), [1, [2, [3]]], {'k': (1, 2), 3: [4]}, {1, 2}, frozenset({'a'}), ..., StopIteration]:
    for ver in range(5):
        r = marshal.loads(marshal.dumps(v, ver))
        assert r == v and type(r) is type(v), (v, ver, r)
print("roundtrip ok")
r = marshal.loads(marshal.dumps(l)); print(r[0] is r)
x = marshal.loads(marshal.dumps([a, a])); print(x, x[0] is x[1])
print(marshal.loads(b'N\x00extra'), marshal.loads(bytearray(b'T')), marshal.loads(memoryview(b'i\x01\x00\x00\x00')))
for bad in [b'', b'i\x01', b'r\x00\x00\x00\x00', b'\xff', b'l\x01\x00\x00\x00\x00\x80', b'l\x01\x00\x00\x00\x00\x00',
            b'[\x01\x00\x00\x00', b'0', b'(\x01\x00\x00\x000', b'[\xff\xff\xff\xff', b'z\x05ab']:
    try:
        print(marshal.loads(bad))
    except Exception as e:
        print(type(e).__name__, e)
class I(int): pass
for bad in [object(), I(3), [1, object()], {1: print}, len]:
    try:
        marshal.dumps(bad)
    except ValueError as e:
        print("ValueError", e)
for bad in [lambda: marshal.loads('N'), lambda: marshal.dumps(), lambda: marshal.dumps(1, 'x'), lambda: marshal.dumps(1, 2, 3)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
deep = []
for _ in range(3000):
    deep = [deep]
try:
    marshal.dumps(deep)
except ValueError as e:
    print("ValueError", e)
import io
f = io.BytesIO()
marshal.dump((1, 'a'), f); marshal.dump([2], f); marshal.dump({'z': None}, f, 2)
f.seek(0)
print(marshal.load(f), marshal.load(f), marshal.load(f))
try:
    marshal.load(f)
except EOFError as e:
    print("EOFError", e)
f = io.BytesIO(b'i\x01\x00')
try:
    marshal.load(f)
except EOFError as e:
    print("EOFError", e)
try:
    marshal.load(io.StringIO('N'))
except TypeError as e:
    print("TypeError", e)
print(marshal.version)
