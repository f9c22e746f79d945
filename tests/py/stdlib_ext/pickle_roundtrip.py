# pickle: round trips of builtins and user classes under protocols 0-5, __reduce__,
# __getstate__/__setstate__, shared references and recursion, and the errors.
import pickle, io

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        return type(other) is Point and (self.x, self.y) == (other.x, other.y)
    def __repr__(self):
        return f'Point({self.x}, {self.y})'

class Slotted:
    __slots__ = ('a', 'b')
    def __init__(self):
        self.a, self.b = 1, [2]

class Custom:
    def __init__(self, v):
        self.v = v
    def __reduce__(self):
        return (Custom, (self.v * 2,))

class Stateful:
    def __init__(self):
        self.secret = 'hidden'
        self.shown = 1
    def __getstate__(self):
        return {'shown': self.shown}
    def __setstate__(self, st):
        self.__dict__.update(st, restored=True)

data = [1, -7, 2**70, 3.25, 1 + 2j, 'text \u00e9', b'\x00\xff', bytearray(b'ba'), None, True,
        (1, (2, 3)), [4, [5]], {'k': {'n': 1}}, {1, 2, 3}, frozenset({'f'}), range(3, 9, 2),
        slice(1, 2), Point(1, 2), Ellipsis, NotImplemented, type, len, Point]
for proto in range(0, pickle.HIGHEST_PROTOCOL + 1):
    blob = pickle.dumps(data, protocol=proto)
    back = pickle.loads(blob)
    print(proto, back == data, back[17])
    s = pickle.loads(pickle.dumps(Slotted(), max(proto, 2)))
    c = pickle.loads(pickle.dumps(Custom(3), proto))
    st = pickle.loads(pickle.dumps(Stateful(), proto))
    print(' ', s.a, s.b, c.v, sorted(vars(st).items()))

shared = [1, 2]
pair = pickle.loads(pickle.dumps([shared, shared]))
print(pair[0] is pair[1])
rec = []
rec.append(rec)
r2 = pickle.loads(pickle.dumps(rec))
print(r2[0] is r2)
buf = io.BytesIO()
pickle.dump({'a': 1}, buf, protocol=2)
buf.seek(0)
print(pickle.load(buf), pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL)
print(pickle.dumps(None, 0), pickle.dumps(7, 2), pickle.dumps('a', 4))
# (The exception types of the first two differ between C _pickle and pickle.py, which pystm runs.)
for bad in [lambda: pickle.dumps(lambda: 1), lambda: pickle.loads(b'garbage'), lambda: pickle.loads(b'')]:
    try:
        bad()
    except EOFError as e:
        print('EOFError')
    except Exception as e:
        print('failed')
