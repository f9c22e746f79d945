# sys.getsizeof(str) follows CPython 3.11's compact layouts: a 48-byte ASCII header, 72 bytes
# otherwise, plus one unit per character and the terminating NUL.
import sys

for ch in ('a', '\xe9', '\u20ac', '\U0010ffff'):
    print(repr(ch), [sys.getsizeof(ch * n) for n in (0, 1, 2, 42)])
print(sys.getsizeof(''), sys.getsizeof('abc' + '\u20ac'))
