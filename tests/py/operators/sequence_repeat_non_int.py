# Sequence repetition by a non-integer: the operator's message, the direct __mul__ call's
# message, and the reflected operand's __rmul__ going first.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


class R:
    def __rmul__(self, o):
        return 'R'


class N:
    def __rmul__(self, o):
        return NotImplemented


for s in ('ab', b'ab', bytearray(b'ab'), [1], (1,)):
    show(lambda: s * 'x')
    show(lambda: 'x' * s)
    show(lambda: s * 1.5)
    show(lambda: s * R())
    show(lambda: s * N())
    show(lambda: N() * s)
    show(lambda: s.__mul__('x'))
    show(lambda: s.__rmul__('x'))
    show(lambda: s.__mul__(2))
    show(lambda: s.__rmul__(2))

    def inplace():
        x = s
        x *= 'y'
        return x
    show(inplace)
a = b'123abc1@'
print(a * 1 is a, 1 * a is a, a * 2 is a)


class SubBytes(bytes):
    pass


s = SubBytes(b'qw')
print(s * 1 is s, type(s * 1).__name__)
