# Namespace packages: folders without __init__.py, merged across sys.path entries.
import sys

here = __file__.rsplit('/', 1)[0]
sys.path.insert(0, here + '/_nsdata/a')
sys.path.insert(0, here + '/_nsdata/b')

import nsp
import nsp.one
from nsp import two

print(nsp.__name__, nsp.__file__, nsp.__package__)
print([p[len(here):] for p in nsp.__path__])
print(nsp.one.NAME, two.NAME, nsp.two is two)
spec = nsp.__spec__
print(spec.name, spec.origin, spec.parent, spec.has_location, spec.cached)
print(sorted(p[len(here):] for p in spec.submodule_search_locations))
print(nsp.one.__package__, nsp.one.__spec__.parent)
print(nsp.__loader__.is_package('nsp'))
print('nsp' in sys.modules, 'nsp.one' in sys.modules)
try:
    import nsp.three
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
