# `print >> stream` (Python 2 syntax) raises TypeError with a hint at the call syntax.
import sys


class RShift:
    def __rrshift__(self, lhs):
        return "rrshift"


class NotImpl:
    def __rrshift__(self, lhs):
        return NotImplemented


cases = [
    lambda: print >> sys.stderr,
    lambda: print >> 42,
    lambda: print >> NotImpl(),
    lambda: max >> sys.stderr,
    lambda: print << sys.stderr,
    lambda: len >> 1,
    lambda: print >> RShift(),
]
for f in cases:
    try:
        print(f())
    except TypeError as e:
        print("TypeError", e)


def inplace():
    p = print
    p >>= 1


try:
    inplace()
except TypeError as e:
    print("TypeError", e)
