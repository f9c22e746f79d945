# An exception from a registry codec that holds only its message is replaced by one of the same
# type naming the codec (caused by the original); any other is left alone.
import codecs


class MyRuntimeError(RuntimeError):
    pass


class CustomInit(RuntimeError):
    def __init__(self):
        super().__init__('custom init')


class WithAttr(RuntimeError):
    pass


def with_attr():
    e = WithAttr('attr')
    e.x = 1
    return e


raising = [RuntimeError, RuntimeError('msg'), MyRuntimeError('sub'), ValueError('v'),
           KeyError('k'), AttributeError('a'), OSError(2, 'os'), CustomInit, with_attr(),
           RuntimeError(1), RuntimeError('a', 'b'), UnicodeError('u'), ZeroDivisionError()]
current = None


def raise_it(*args, **kwargs):
    raise current


def search(name):
    if name == 'wrap_test':
        return codecs.CodecInfo(raise_it, raise_it, name='wrap_test')


codecs.register(search)
for current in raising:
    for f in (lambda: 'x'.encode('wrap_test'), lambda: codecs.encode('x', 'wrap_test'),
              lambda: b'x'.decode('wrap_test'), lambda: codecs.decode(b'x', 'wrap_test')):
        try:
            f()
        except Exception as e:
            cause = e.__cause__
            print(type(e).__name__, str(e), type(cause).__name__ if cause else None,
                  e.__suppress_context__)
for data in (b'abc', b'x\x9c'):
    for name in ('hex', 'zlib'):
        try:
            codecs.decode(data, name)
        except Exception as e:
            print(type(e).__name__, str(e), type(e.__cause__).__name__)
