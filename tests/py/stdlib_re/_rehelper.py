# Helper (not a test): provides `re` to the stdlib_re tests. Normally this is the real re
# package. While pystm cannot yet import re/__init__.py (it needs enum, functools, ...), the
# helper builds the package from the stdlib's own re/_compiler.py and the public functions of
# re/__init__.py, read and executed at run time, so the tests exercise _sre either way. Tests
# never print flag objects (RegexFlag reprs differ in the fallback).
import sys

try:
    import re
except Exception:
    re = None

if re is None:
    for _d in sys.path:
        try:
            open(_d + '/re/_compiler.py').close()
        except OSError:
            continue
        _rdir = _d + '/re'
        break
    re = type(sys)('re')
    re.__path__ = [_rdir]
    re.__package__ = 're'
    sys.modules['re'] = re
    # One submodule at a time, dependencies first.
    import re._constants
    import re._casefix
    import re._parser
    import re._compiler
    _compiler = sys.modules['re._compiler']
    _parser = sys.modules['re._parser']

    class _FakeFunctools:
        @staticmethod
        def lru_cache(maxsize):
            return lambda f: f

    class RegexFlag:
        pass

    _ns = re.__dict__
    _ns.update(_compiler=_compiler, _parser=_parser, functools=_FakeFunctools,
               RegexFlag=RegexFlag, error=_compiler.error,
               NOFLAG=0, A=256, ASCII=256, I=2, IGNORECASE=2, L=4, LOCALE=4, U=32, UNICODE=32,
               M=8, MULTILINE=8, S=16, DOTALL=16, X=64, VERBOSE=64, T=1, TEMPLATE=1, DEBUG=128)
    with open(_rdir + '/__init__.py') as _f:
        _src = _f.read()
    _begin = _src.index('def match(')
    _stop = _src.index('# register myself')
    exec(_src[_begin:_stop], _ns)
