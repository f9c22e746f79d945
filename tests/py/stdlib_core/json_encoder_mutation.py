# The C encoder walks a list in place: items removed by default() while the list is encoded
# are not written. scanstring converts its index before it checks the string.
import json
import sys

a = [object()] * 10


def crasher(obj):
    del a[-1]


print(json.dumps(a, default=crasher))

b = [object(), 1, object(), 2]


def grow(obj):
    if len(b) < 8:
        b.append(len(b))
    return "x"


print(json.dumps(b, default=grow))
print(json.dumps((1, [2, (3,)], ()), separators=(",", ":")))

from json import decoder

for args in [(b"xxx", sys.maxsize + 1), (b"xxx", 1), ('"abc"', 1), ("xxx", -1), ("xxx", "a")]:
    try:
        print(decoder.scanstring(*args))
    except Exception as exc:
        print(type(exc).__name__, exc)
