"""pystm's importlib package: the public functions of CPython's importlib on top of pystm's
native import system (src/vm/import.cpp).

CPython's importlib/__init__.py installs its pure-Python import machinery (_bootstrap,
_bootstrap_external), which needs _thread, _warnings, _weakref and marshal at start-up and then
imports through sys.meta_path; pystm imports natively instead. This package provides the same
public functions and extends its __path__ with CPython's importlib folder, so submodules not
defined here (importlib.resources, importlib.metadata, ...) still come from the installed standard
library; machinery and util are pystm's own.
"""
__all__ = ['__import__', 'import_module', 'invalidate_caches', 'reload']

import sys

# Submodules not defined here are CPython's.
for _entry in sys.path:
    if isinstance(_entry, str) and _entry:
        _candidate = _entry.rstrip('/') + '/importlib'
        try:
            import posix as _posix
            _posix.stat(_candidate + '/_bootstrap.py')
        except (ImportError, OSError):
            continue
        if _candidate not in __path__:
            __path__.append(_candidate)
        break
del _entry

__import__ = __import__


def _resolve_name(name, package, level):
    bits = package.rsplit('.', level - 1)
    if len(bits) < level:
        raise ImportError('attempted relative import beyond top-level package')
    base = bits[0]
    return f'{base}.{name}' if name else base


def import_module(name, package=None):
    """Import a module.

    The 'package' argument is required when performing a relative import. It
    specifies the package to use as the anchor point from which to resolve the
    relative import to an absolute import.

    """
    level = 0
    if name.startswith('.'):
        if not package:
            raise TypeError("the 'package' argument is required to perform a relative "
                            "import for {!r}".format(name))
        for character in name:
            if character != '.':
                break
            level += 1
    if not isinstance(name, str):
        raise TypeError(f'module name must be str, not {type(name)}')
    if level:
        if not isinstance(package, str):
            raise TypeError('__package__ not set to a string')
        elif not package:
            raise ImportError('attempted relative import with no known parent package')
        absolute = _resolve_name(name[level:], package, level)
    else:
        absolute = name
    if not absolute:
        raise ValueError('Empty module name')
    __import__(absolute)
    return sys.modules[absolute]


def invalidate_caches():
    """Call the invalidate_caches() method on all meta path finders stored in
    sys.meta_path (where implemented).  pystm's own finder keeps no caches."""
    for finder in sys.meta_path:
        if hasattr(finder, 'invalidate_caches'):
            finder.invalidate_caches()


_RELOADING = {}


def reload(module):
    """Reload the module and return it.

    The module must have been successfully imported before.

    """
    try:
        name = module.__spec__.name
    except AttributeError:
        try:
            name = module.__name__
        except AttributeError:
            raise TypeError("reload() argument must be a module")
    if sys.modules.get(name) is not module:
        raise ImportError(f"module {name} not in sys.modules", name=name)
    if name in _RELOADING:
        return _RELOADING[name]
    _RELOADING[name] = module
    try:
        spec = module.__spec__
        loader = getattr(spec, 'loader', None) if spec is not None else None
        if loader is None or not hasattr(loader, 'exec_module'):
            raise ModuleNotFoundError(f"spec not found for the module {name!r}", name=name)
        loader.exec_module(module)
        return sys.modules[name]
    finally:
        del _RELOADING[name]
