"""pystm's importlib.util: the names of CPython's module on top of pystm's native import system
(src/vm/import.cpp).

CPython's util.py imports its pure-Python _bootstrap and _bootstrap_external, which need _warnings
and marshal and which pystm does not run. The functions here work on the native ModuleSpec and
SourceFileLoader (attribute bags built with keyword arguments) and follow CPython's behaviour:
find_spec answers from sys.modules, then from the finders of sys.meta_path that have a find_spec,
then by looking for the module as pystm's import system does (built-in modules, then NAME.py,
NAME/__init__.py and namespace folders on sys.path or the parent package's __path__), importing
the parent package of a dotted name but never the module itself.

pystm writes no bytecode caches, so sys.implementation.cache_tag is None and cache_from_source
raises NotImplementedError, as CPython's does in that case.
"""
import _imp
import sys

from contextlib import contextmanager
from importlib.machinery import BuiltinImporter, ModuleSpec, SourceFileLoader

__all__ = ['LazyLoader', 'Loader', 'MAGIC_NUMBER', 'cache_from_source', 'decode_source',
           'find_spec', 'module_from_spec', 'resolve_name', 'source_from_cache',
           'spec_from_file_location', 'spec_from_loader']

# CPython 3.11's bytecode magic number (3495), which pystm's version reports.
MAGIC_NUMBER = (3495).to_bytes(2, 'little') + b'\r\n'
_RAW_MAGIC_NUMBER = int.from_bytes(MAGIC_NUMBER, 'little')

_POPULATE = object()
_NamespaceLoader = type(sys.modules['importlib'].__loader__)


def _new_spec(name, loader, *, origin=None, is_package=False, search_locations=None,
              has_location=False):
    if is_package and search_locations is None:
        search_locations = []
    parent = name if search_locations is not None else name.rpartition('.')[0]
    return ModuleSpec(name=name, loader=loader, origin=origin, loader_state=None,
                      submodule_search_locations=search_locations, cached=None,
                      has_location=has_location, _set_fileattr=has_location, parent=parent)


def resolve_name(name, package):
    """Resolve a relative module name to an absolute one."""
    if not name.startswith('.'):
        return name
    elif not package:
        raise ImportError(f'no package specified for {repr(name)} '
                          '(required for relative module names)')
    level = 0
    for character in name:
        if character != '.':
            break
        level += 1
    bits = package.rsplit('.', level - 1)
    if len(bits) < level:
        raise ImportError('attempted relative import beyond top-level package')
    base = bits[0]
    return f'{base}.{name[level:]}' if name[level:] else base


def _join(directory, leaf):
    return f'{directory.rstrip("/")}/{leaf}' if directory else leaf


def _kind(path):
    """'file', 'dir' or None."""
    import posix
    try:
        mode = posix.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if mode & 0o170000 == 0o040000:
        return 'dir'
    if mode & 0o170000 == 0o100000:
        return 'file'
    return None


def _find_spec_on_path(name, path):
    """The spec pystm's import system would use for name, searching the folders of path."""
    if path is None and name in sys.builtin_module_names:
        return _new_spec(name, BuiltinImporter, origin='built-in')
    leaf = name.rpartition('.')[2]
    namespace = []
    for entry in (sys.path if path is None else path):
        if not isinstance(entry, str):
            continue
        directory = entry or '.'
        package = _join(directory, leaf)
        if _kind(package) == 'dir':
            init = _join(package, '__init__.py')
            if _kind(init) == 'file':
                return spec_from_file_location(name, init, submodule_search_locations=[package])
            namespace.append(package)
        module = _join(directory, leaf + '.py')
        if _kind(module) == 'file':
            return spec_from_file_location(name, module)
    if namespace:
        loader = _NamespaceLoader(name=name, path=None)
        return _new_spec(name, loader, search_locations=namespace)
    return None


def _find_spec(name, path, target=None):
    for finder in list(sys.meta_path):
        find = getattr(finder, 'find_spec', None)
        if find is None:
            continue
        spec = find(name, path, target)
        if spec is not None:
            return spec
    return _find_spec_on_path(name, path)


def find_spec(name, package=None):
    """Return the spec for the specified module.

    First, sys.modules is checked to see if the module was already imported. If
    so, then sys.modules[name].__spec__ is returned. If that happens to be
    set to None, then ValueError is raised. If the module is not in
    sys.modules, then sys.meta_path is searched for a suitable spec with the
    value of 'path' given to the finders. None is returned if no spec could
    be found.

    If the name is for submodule (contains a dot), the parent module is
    automatically imported.

    The name and package arguments work the same as importlib.import_module().
    In other words, relative module names (with leading dots) work.
    """
    fullname = resolve_name(name, package) if name.startswith('.') else name
    if fullname not in sys.modules:
        parent_name = fullname.rpartition('.')[0]
        if parent_name:
            parent = __import__(parent_name, fromlist=['__path__'])
            try:
                parent_path = parent.__path__
            except AttributeError as e:
                raise ModuleNotFoundError(
                    f"__path__ attribute not found on {parent_name!r} "
                    f"while trying to find {fullname!r}", name=fullname) from e
        else:
            parent_path = None
        return _find_spec(fullname, parent_path)
    module = sys.modules[fullname]
    if module is None:
        return None
    try:
        spec = module.__spec__
    except AttributeError:
        raise ValueError(f'{name}.__spec__ is not set') from None
    if spec is None:
        raise ValueError(f'{name}.__spec__ is None')
    return spec


def _find_spec_from_path(name, path=None):
    if name not in sys.modules:
        return _find_spec(name, path)
    module = sys.modules[name]
    if module is None:
        return None
    try:
        spec = module.__spec__
    except AttributeError:
        raise ValueError(f'{name}.__spec__ is not set') from None
    if spec is None:
        raise ValueError(f'{name}.__spec__ is None')
    return spec


def spec_from_loader(name, loader, *, origin=None, is_package=None):
    """Return a module spec based on various loader methods."""
    if origin is None:
        origin = getattr(loader, '_ORIGIN', None)
    if not origin and hasattr(loader, 'get_filename'):
        if is_package is None:
            return spec_from_file_location(name, loader=loader)
        search = [] if is_package else None
        return spec_from_file_location(name, loader=loader, submodule_search_locations=search)
    if is_package is None:
        if hasattr(loader, 'is_package'):
            try:
                is_package = loader.is_package(name)
            except ImportError:
                is_package = None
        else:
            is_package = False
    return _new_spec(name, loader, origin=origin, is_package=bool(is_package))


def spec_from_file_location(name, location=None, *, loader=None,
                            submodule_search_locations=_POPULATE):
    """Return a module spec based on a file location."""
    if location is None:
        location = '<unknown>'
        if hasattr(loader, 'get_filename'):
            try:
                location = loader.get_filename(name)
            except ImportError:
                pass
    else:
        location = _fspath(location)
    if loader is None:
        if not location.endswith('.py'):
            return None  # pystm loads source files only.
        loader = SourceFileLoader(name=name, path=location)
    search = None
    if submodule_search_locations is _POPULATE:
        is_package = getattr(loader, 'is_package', None)
        if is_package is not None:
            try:
                if is_package(name):
                    search = [location.rpartition('/')[0]]
            except ImportError:
                pass
    elif submodule_search_locations is not None:
        search = submodule_search_locations
    spec = _new_spec(name, loader, origin=location, search_locations=search, has_location=True)
    return spec


def _fspath(path):
    if isinstance(path, str):
        return path
    fspath = getattr(type(path), '__fspath__', None)
    if fspath is None:
        raise TypeError(f'expected str, bytes or os.PathLike object, not {type(path).__name__}')
    result = fspath(path)
    if isinstance(result, bytes):
        result = result.decode()
    return result


def _init_module_attrs(spec, module):
    module.__name__ = spec.name
    module.__loader__ = spec.loader
    module.__package__ = spec.parent
    module.__spec__ = spec
    if spec.submodule_search_locations is not None:
        module.__path__ = spec.submodule_search_locations
    if spec.has_location:
        module.__file__ = spec.origin
        module.__cached__ = spec.cached
    return module


def module_from_spec(spec):
    """Create a module based on the provided spec."""
    module = None
    if hasattr(spec.loader, 'create_module'):
        module = spec.loader.create_module(spec)
    elif hasattr(spec.loader, 'exec_module'):
        raise ImportError('loaders that define exec_module() must also define create_module()')
    if module is None:
        module = type(sys)(spec.name)
    return _init_module_attrs(spec, module)


def cache_from_source(path, debug_override=None, *, optimization=None):
    """Given the path to a .py file, return the path to its .pyc file.

    pystm writes no bytecode caches (sys.implementation.cache_tag is None), so this raises
    NotImplementedError, as CPython's does when cache_tag is None.
    """
    if debug_override is not None and optimization is not None:
        raise TypeError("debug_override or optimization must be set to None")
    _fspath(path)
    raise NotImplementedError('sys.implementation.cache_tag is None')


def source_from_cache(path):
    """Given the path to a .pyc file, return the path to its .py file.

    As cache_from_source, this needs sys.implementation.cache_tag, which is None on pystm.
    """
    _fspath(path)
    raise NotImplementedError('sys.implementation.cache_tag is None')


def decode_source(source_bytes):
    """Decode bytes representing source code and return the string.

    Universal newline support is used in the decoding.
    """
    import io
    import tokenize
    source_bytes_readline = io.BytesIO(source_bytes).readline
    encoding = tokenize.detect_encoding(source_bytes_readline)
    newline_decoder = io.IncrementalNewlineDecoder(None, True)
    return newline_decoder.decode(source_bytes.decode(encoding[0]))


class Loader:
    """Abstract base class for import loaders (importlib.abc.Loader)."""

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        raise ImportError

    def load_module(self, fullname):
        spec = spec_from_loader(fullname, self)
        module = sys.modules.get(fullname) or module_from_spec(spec)
        sys.modules[fullname] = module
        try:
            self.exec_module(module)
        except BaseException:
            sys.modules.pop(fullname, None)
            raise
        return sys.modules[fullname]


@contextmanager
def _module_to_load(name):
    is_reload = name in sys.modules
    module = sys.modules.get(name)
    if not is_reload:
        module = type(sys)(name)
        module.__initializing__ = True
        sys.modules[name] = module
    try:
        yield module
    except BaseException:
        if not is_reload:
            try:
                del sys.modules[name]
            except KeyError:
                pass
        raise
    finally:
        module.__initializing__ = False


class _LazyModule(type(sys)):
    """A subclass of the module type which triggers loading upon attribute access."""

    def __getattribute__(self, attr):
        """Trigger the load of the module and return the attribute."""
        __spec__ = object.__getattribute__(self, '__spec__')
        loader_state = __spec__.loader_state
        object.__setattr__(self, '__class__', type(sys))
        original_name = __spec__.name
        attrs_then = loader_state['__dict__']
        attrs_now = self.__dict__
        attrs_updated = {}
        for key, value in attrs_now.items():
            if key not in attrs_then:
                attrs_updated[key] = value
            elif id(attrs_now[key]) != id(attrs_then[key]):
                attrs_updated[key] = value
        __spec__.loader.exec_module(self)
        if original_name in sys.modules:
            if id(self) != id(sys.modules[original_name]):
                raise ValueError(f"module object for {original_name!r} "
                                 "substituted in sys.modules during a lazy load")
        self.__dict__.update(attrs_updated)
        return getattr(self, attr)

    def __delattr__(self, attr):
        """Trigger the load and then perform the deletion."""
        self.__getattribute__(attr)
        delattr(self, attr)


class LazyLoader(Loader):
    """A loader that creates a module which defers loading until attribute access."""

    @staticmethod
    def __check_eager_loader(loader):
        if not hasattr(loader, 'exec_module'):
            raise TypeError('loader must define exec_module()')

    @classmethod
    def factory(cls, loader):
        """Construct a callable which returns the eager loader made lazy."""
        cls.__check_eager_loader(loader)
        return lambda *args, **kwargs: cls(loader(*args, **kwargs))

    def __init__(self, loader):
        self.__check_eager_loader(loader)
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        """Make the module load lazily."""
        module.__spec__.loader = self.loader
        module.__loader__ = self.loader
        loader_state = {}
        loader_state['__dict__'] = module.__dict__.copy()
        loader_state['__class__'] = module.__class__
        module.__spec__.loader_state = loader_state
        module.__class__ = _LazyModule


def source_hash(source_bytes):
    """Return the hash of *source_bytes* as used in hash-based pyc files (not on pystm)."""
    raise NotImplementedError('pystm writes no bytecode caches')
