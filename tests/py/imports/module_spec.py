# __spec__, __loader__, __cached__ and __file__ of source modules, packages and built-ins.
import sys

here = __file__.rsplit('/', 1)[0]
import _specpkg
import _specpkg.sub.leaf as leaf


def rel(p):
    return p if p is None else p[len(here):]


for m in (_specpkg, _specpkg.sub, leaf):
    s = m.__spec__
    # CPython caches bytecode (cached names a .pyc); pystm caches nothing (None).
    print(s.name, rel(s.origin), s.parent, s.has_location, s.cached is None or s.cached.endswith('.pyc'))
    print(' ', m.__package__, rel(m.__file__), s.loader is m.__loader__, type(s).__name__)
    print(' ', None if s.submodule_search_locations is None else [rel(p) for p in s.submodule_search_locations])
    print(' ', m.__loader__.is_package(m.__name__), rel(m.__loader__.get_filename()))
print(_specpkg.sub.DOUBLE, leaf.X)
print(leaf.__loader__.get_source('_specpkg.sub.leaf'), end='')
print(repr(_specpkg)[:18], repr(leaf)[:27])
print(sys.__spec__.name, sys.__spec__.origin, sys.__spec__.loader is sys.__loader__)
print(sys.__spec__.parent, sys.__spec__.has_location, sys.__spec__.submodule_search_locations)
print(__spec__)
