# str % and bytes % are number slots: the left operand goes first unless the right operand's
# type is a subclass overriding __rmod__ (only + and * of builtin sequences defer to the
# reflected method).
from collections import UserString


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


class X:
    def __rmod__(self, o):
        return 'X.rmod'

    def __radd__(self, o):
        return 'X.radd'

    def __rmul__(self, o):
        return 'X.rmul'

    def __repr__(self):
        return 'X()'


class S(str):
    def __rmod__(self, o):
        return 'S.rmod'


class BB(bytes):
    def __rmod__(self, o):
        return 'BB.rmod'


show(lambda: 'abc' % X())
show(lambda: 'a%r' % X())
show(lambda: b'abc' % X())
show(lambda: 'abc' % S('x'))
show(lambda: b'a%s' % BB(b'x'))
show(lambda: 'abc' + X())
show(lambda: 'abc' * X())
show(lambda: [1] + X())
show(lambda: bytearray(b'a') % X())


class ustr2(UserString):
    pass


class ustr3(ustr2):
    def __rmod__(self, other):
        return super().__rmod__(other)


show(lambda: ustr2('value is %s') % ustr3('TEST'))
