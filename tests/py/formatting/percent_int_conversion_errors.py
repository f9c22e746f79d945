# %d/%i/%u convert with int() (__int__ first), %x/%X/%o with __index__; only a TypeError from
# the conversion becomes the format's own message.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


class RaisingNumber:
    def __int__(self):
        raise RuntimeError('int')

    def __index__(self):
        raise RuntimeError('index')


class TypeErrorNumber:
    def __int__(self):
        raise TypeError('no int')


class IntOnly:
    def __int__(self):
        return 7


class FloatOnly:
    def __float__(self):
        return 2.5


for conv in 'diuxXo':
    for arg in (RaisingNumber(), TypeErrorNumber(), IntOnly(), FloatOnly(), 3j, 2.7, '5', None):
        show(lambda: ('%' + conv) % arg)
        show(lambda: (b'%' + conv.encode()) % arg)
