# Paths given as bytes-like objects other than bytes work, with a DeprecationWarning naming the
# function and the type.
import os
import tempfile
import warnings

d = tempfile.mkdtemp()
open(os.path.join(d, "f"), "w").close()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for v in (bytearray(os.fsencode(d)), memoryview(os.fsencode(d))):
        print(type(os.stat(v)).__name__, os.listdir(v), os.access(v, os.R_OK))
for w in caught:
    print(w.category.__name__, w.message)
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        os.stat(bytearray(b"."))
    except DeprecationWarning as e:
        print("error:", e)
for bad in (1.5, [b"."], None):
    try:
        os.stat(bad)
    except TypeError as e:
        print(e)
os.remove(os.path.join(d, "f"))
os.rmdir(d)
