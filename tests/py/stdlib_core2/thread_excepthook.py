# _thread._excepthook writes "Exception in thread NAME:" and the traceback to sys.stderr.
import _thread as t
import io
import sys

class Th:
    name = 'T1'

def capture(args):
    sys.stderr = io.StringIO()
    try:
        t._excepthook(args)
        return sys.stderr.getvalue()
    finally:
        sys.stderr = sys.__stderr__

try:
    1 / 0
except Exception as e:
    out = capture(t._ExceptHookArgs((type(e), e, e.__traceback__, Th())))
print(out)
print(repr(capture(t._ExceptHookArgs((SystemExit, SystemExit(), None, None)))))
try:
    t._excepthook((1, 2, 3, 4))
except TypeError as e:
    print(e)
