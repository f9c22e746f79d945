# traceback: format_exc, print_exc, format_exception, extract_stack/extract_tb, and
# TracebackException for chained exceptions.
import traceback, sys

def inner():
    raise ZeroDivisionError('division by zero')

def outer():
    inner()

try:
    outer()
except ZeroDivisionError:  # (no caret anchors: pystm lacks _ast)
    print(traceback.format_exc())
    traceback.print_exc(file=sys.stdout)
    etype, value, tb = sys.exc_info()
    for fs in traceback.extract_tb(tb):
        print(fs.name, fs.lineno, fs.line)
    print(traceback.format_exception_only(etype, value))

def g():
    return traceback.extract_stack()

stack = g()
print([(f.name, f.line) for f in stack[-2:]])
print(traceback.format_stack()[-1].strip().splitlines()[-1])

try:
    try:
        raise KeyError('missing')
    except KeyError as e:
        raise ValueError('wrapped') from e
except ValueError as e:
    print(''.join(traceback.format_exception(e)))
    te = traceback.TracebackException.from_exception(e)
    print(te.exc_type.__name__, str(te), te.__cause__.exc_type.__name__)

try:
    raise TypeError('printed to stderr')
except TypeError:
    traceback.print_exc()
