# breakpoint() calls sys.breakpointhook; the default hook (sys.__breakpointhook__) follows
# $PYTHONBREAKPOINT, read at each call.
import os
import sys
import warnings

print(sys.breakpointhook is sys.__breakpointhook__, callable(sys.__breakpointhook__))


def hook(*args, **kws):
    print("hook", args, sorted(kws.items()))
    return "ret"


sys.breakpointhook = hook
print(breakpoint(1, 2, three=3))
sys.breakpointhook = lambda: None
try:
    breakpoint(1)
except TypeError as e:
    print("TypeError", e)
sys.breakpointhook = sys.__breakpointhook__

os.environ['PYTHONBREAKPOINT'] = '0'
print(breakpoint())
os.environ['PYTHONBREAKPOINT'] = 'int'
print(breakpoint('7'))
os.environ['PYTHONBREAKPOINT'] = 'os.path.join'
print(breakpoint('a', 'b'))

for envar in ('.', '..', '.foo', 'foo.', '.int', 'int.', '.foo.bar', '..foo.bar', '/./',
              'nosuchbuiltin', 'nosuchmodule.nosuchcallable'):
    os.environ['PYTHONBREAKPOINT'] = envar
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        print(repr(envar), breakpoint(), [(x.category.__name__, str(x.message)) for x in w])

# A hook that is set wins over the variable.
os.environ['PYTHONBREAKPOINT'] = 'sys.exit'
sys.breakpointhook = int
print(breakpoint())
del sys.breakpointhook
try:
    breakpoint()
except RuntimeError as e:
    print("RuntimeError", e)
