# csv dialects (the _csv.Dialect objects) refuse to be copied or pickled, as CPython's do.
import _csv
import copy
import csv
import pickle

for name in sorted(csv.list_dialects()):
    d = csv.get_dialect(name)
    print(name, type(d).__module__, type(d).__name__)
    for f in (copy.copy, copy.deepcopy):
        try:
            f(d)
        except TypeError as e:
            print(" ", f.__name__, "TypeError", e)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        try:
            pickle.dumps(d, proto)
        except TypeError as e:
            print(" ", proto, "TypeError", e)

d = _csv.Dialect()
for call in (lambda: d.__reduce__(), lambda: d.__reduce_ex__(2), lambda: d.__reduce_ex__(),
             lambda: d.__reduce_ex__(1, 2), lambda: d.__reduce__(a=1), lambda: d.__reduce_ex__(a=1),
             lambda: _csv.Dialect.__reduce_ex__(1, 2)):
    try:
        call()
    except TypeError as e:
        print("TypeError", e)


class Sub(_csv.Dialect):
    pass


try:
    pickle.dumps(Sub(delimiter=";"))
except TypeError as e:
    print("TypeError", e)

# A csv.Dialect subclass (the class, not a _csv.Dialect) still pickles by reference.
print(pickle.loads(pickle.dumps(csv.excel)) is csv.excel)
# Writers built from a dialect keep working.
import io
buf = io.StringIO()
csv.writer(buf, dialect=csv.get_dialect("excel-tab")).writerow(["a", "b c", 'd"e'])
print(repr(buf.getvalue()))
