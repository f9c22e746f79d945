# json: the one-shot encoder (json.dumps without indent): IntEnum and float subclasses, key types, skipkeys, allow_nan and circular-reference errors, default.
import json, enum
class Color(enum.IntEnum):
    RED = 1
class F(float):
    pass
print(json.dumps({'c': Color.RED, 'f': F(1.5), Color.RED: 'k', 2.0: 1, None: 2, False: 3}))
print(json.dumps([1, 'é\u2028', "\U0001f600"], ensure_ascii=False), json.dumps(['é\U0001f600']))
print(json.dumps({'b': 1, 'a': [{}, []]}, sort_keys=True, separators=(',', ':')))
print(json.dumps({(1,): 1, 'x': 2}, skipkeys=True))
for bad in [lambda: json.dumps([float('nan')], allow_nan=False), lambda: json.dumps({'a': 1, 1: 2}, sort_keys=True), lambda: json.dumps(set()), lambda: json.dumps({(1,): 1})]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
a = []; a.append(a)
try: json.dumps(a)
except ValueError as e: print(e)
d = {}; d['d'] = d
try: json.dumps(d)
except ValueError as e: print(e)
print(json.dumps(float('inf')), json.dumps(-float('inf')), json.dumps(1e100), json.dumps(0.1), json.dumps(10**30), json.dumps(True))
class O: pass
print(json.dumps([O()], default=lambda o: {'obj': 1}))
print(json.dumps(list(range(5)), separators=(', ', ': ')))
