# importlib.import_module: absolute and relative names, errors.
import importlib
import sys

m = importlib.import_module('_specpkg.sub.leaf')
print(m.__name__, m.X, m is sys.modules['_specpkg.sub.leaf'])
print(importlib.import_module('_specpkg') is sys.modules['_specpkg'])
print(importlib.import_module('.leaf', '_specpkg.sub').X)
print(importlib.import_module('..sub', '_specpkg.sub').DOUBLE)
print(importlib.import_module('math').sqrt(16.0))
for args in (('.x',), ('nonexistent_mod_xyz',), ('_specpkg.nope',), ('',), ('...x', 'a')):
    try:
        importlib.import_module(*args)
    except (ImportError, TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(importlib.invalidate_caches())
print(callable(importlib.reload))
