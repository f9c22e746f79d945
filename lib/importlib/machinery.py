"""pystm's importlib.machinery: the names of CPython's module on top of pystm's native import
system (src/vm/import.cpp).

CPython's machinery.py re-exports its pure-Python _bootstrap_external, which needs _warnings and
marshal and which pystm does not run. The loader and spec classes here are the native ones
pystm's modules carry; the finders, which pystm's import system does not consult, exist so that
code naming them (inspect, pkgutil) imports.
"""
import _imp
import sys

ModuleSpec = type(sys.__spec__)
BuiltinImporter = sys.__loader__
SourceFileLoader = type(sys.modules['importlib'].__loader__)

SOURCE_SUFFIXES = ['.py']
DEBUG_BYTECODE_SUFFIXES = ['.pyc']
OPTIMIZED_BYTECODE_SUFFIXES = ['.pyc']
BYTECODE_SUFFIXES = ['.pyc']
EXTENSION_SUFFIXES = _imp.extension_suffixes()


class FrozenImporter:
    """Meta path import for frozen modules (pystm has none)."""


class WindowsRegistryFinder:
    """Meta path finder for modules declared in the Windows registry."""


class PathFinder:
    """Meta path finder for sys.path and package __path__ attributes."""


class FileFinder:
    """File-based finder."""

    def __init__(self, path, *loader_details):
        self.path = path or '.'


class SourcelessFileLoader:
    """Loader which handles sourceless file imports."""


class ExtensionFileLoader:
    """Loader for extension modules."""


class NamespaceLoader:
    """Loader for namespace packages."""


def all_suffixes():
    """Returns a list of all recognized module suffixes for this process"""
    return SOURCE_SUFFIXES + BYTECODE_SUFFIXES + EXTENSION_SUFFIXES
