# json: dumps with indent, sort_keys, separators, ensure_ascii, default, and its errors.
import json
obj = {'b': [1, 2.5, None, True, False], 'a': {'nested': 'x\u00e9\n"q"'}, 'c': (1, 2), 'd': 10**20, 'e': -0.0}
print(json.dumps(obj))
print(json.dumps(obj, sort_keys=True, indent=2))
print(json.dumps(obj, separators=(',', ':'), sort_keys=True))
print(json.dumps(obj, ensure_ascii=False, indent='\t', sort_keys=True))
print(json.dumps([float('inf'), float('nan')]))
print(json.dumps({1: 'int key', 2.5: 'float', None: 'none', True: 'bool'}))
print(json.dumps('\U0001f600 \x00 \x1f'), json.dumps(''), json.dumps([]), json.dumps({}))
print(json.dumps({'x': {1, 2} and sorted({1, 2})}, default=str))
print(json.dumps(object, default=lambda o: o.__name__))
for bad in [lambda: json.dumps({1, 2}), lambda: json.dumps([float('nan')], allow_nan=False, indent=1), lambda: json.dumps([float('nan')], allow_nan=False),
            lambda: json.dumps({(1, 2): 3}), lambda: json.dumps(b'x')]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
class E(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, complex):
            return [o.real, o.imag]
        return super().default(o)
print(json.dumps({'z': 1 + 2j}, cls=E))
print(list(json.JSONEncoder(indent=1).iterencode({'k': [1]})))
