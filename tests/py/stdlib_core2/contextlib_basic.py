# contextlib: contextmanager, suppress, ExitStack, closing, nullcontext, redirect_stdout.
import contextlib
import io

@contextlib.contextmanager
def tag(name):
    print('<' + name + '>')
    try:
        yield name.upper()
    finally:
        print('</' + name + '>')
with tag('b') as t:
    print('inside', t)
try:
    with tag('x'):
        raise KeyError('k')
except KeyError as e:
    print('caught', e)
with contextlib.suppress(ZeroDivisionError):
    1 / 0
print('suppressed')
with contextlib.ExitStack() as stack:
    for i in range(3):
        stack.callback(print, 'cleanup', i)
    stack.enter_context(tag('s'))
class Res:
    def close(self): print('closed')
with contextlib.closing(Res()):
    print('using')
with contextlib.nullcontext(5) as v:
    print(v)
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print('hidden')
print(repr(buf.getvalue()))
@contextlib.contextmanager
def swallow():
    try:
        yield
    except ValueError:
        print('swallowed')
with swallow():
    raise ValueError
class CM(contextlib.AbstractContextManager):
    def __exit__(self, *a): print('exit'); return None
with CM() as c:
    print(type(c).__name__)
