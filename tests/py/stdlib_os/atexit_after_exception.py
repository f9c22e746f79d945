# atexit callbacks still run after an uncaught exception (after its traceback), exit status 1.
import atexit
import sys

atexit.register(lambda: print('callback ran', flush=True))
atexit.register(lambda: sys.stderr.write('callback on stderr\n'))
print('raising', flush=True)
raise ValueError('boom')
