# warnings: -W options and PYTHONWARNINGS (order and precedence in sys.warnoptions, invalid
# options reported), and the _warnings fallback that writes to stderr while the warnings module
# is not imported. Each case runs the interpreter under test as a child process.
import os
import subprocess
import sys

def run(args, code, env_warnings=None):
    env = dict(os.environ)
    env.pop("PYTHONWARNINGS", None)
    if env_warnings is not None:
        env["PYTHONWARNINGS"] = env_warnings
    p = subprocess.run([sys.executable, *args, "-c", code], capture_output=True, text=True, env=env)
    print(p.returncode, repr(p.stdout), repr(p.stderr.strip().splitlines()[-1:] if p.returncode else p.stderr))

show = "import sys, warnings; print(sys.warnoptions, warnings.filters[:2])"
run([], "import sys; print(sys.warnoptions)")
run(["-W", "error"], show)
run(["-W", "ignore::DeprecationWarning", "-Walways::UserWarning"], show)
run(["-W", "always"], show, "ignore,,error::RuntimeWarning")
run(["-E"], "import sys; print(sys.warnoptions)", "error")
run(["-W", "bogus"], "print('ran')")
run(["-W", "error::NoSuchWarning"], "print('ran')")
run(["-W", "error"], "import warnings; warnings.warn('boom')")
run([], "import warnings; warnings.warn('boom')", "error::UserWarning")
run(["-W", "ignore"], "import warnings; warnings.warn('quiet'); print('ok')")
run(["-W", "once"], "import warnings\nfor i in range(3): warnings.warn('x')\nwarnings.warn('x')")
run(["-W", "error::DeprecationWarning:__main__"], "import warnings; warnings.warn('d', DeprecationWarning)")
run(["-W", "ignore:quiet"], "import warnings; warnings.warn('quiet please'); warnings.warn('loud')")
# _warnings on its own: no warnings module imported yet.
plain = """import sys, _warnings
sys.modules.pop('warnings', None)
def f():
    _warnings.warn('plain path', RuntimeWarning)
f(); f()
_warnings.warn('second', stacklevel=2)
_warnings.warn_explicit('explicit', UserWarning, 'a.py', 3)
_warnings.warn('pending', PendingDeprecationWarning)
_warnings.warn('dep', DeprecationWarning)
print(_warnings.filters[0], _warnings._defaultaction, _warnings._onceregistry)
"""
run([], plain)
