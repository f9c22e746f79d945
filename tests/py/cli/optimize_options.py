# -O, -OO and PYTHONOPTIMIZE: the optimization level in sys.flags.optimize and builtins.__debug__,
# and what the programs, imported modules, exec() and eval() compile with. Each case runs the
# interpreter under test as a child process.
import os
import subprocess
import sys
import tempfile

CODE = r'''
import sys, builtins
print("level", sys.flags.optimize, __debug__, builtins.__debug__)
def f():
    """f doc"""
    return 1
class C:
    "C doc"
print("doc", __doc__, f.__doc__, C.__doc__)
try:
    assert False, "boom"
    print("assert skipped")
except AssertionError as e:
    print("assert raised", e)
if __debug__:
    print("debug block ran")
else:
    print("else of debug block ran")
print("exec/eval", eval("__debug__"), end=" ")
ns = {}
exec("def g():\n    'g doc'\n    assert 0\n    return __debug__\n", ns)
try:
    print(ns["g"](), ns["g"].__doc__)
except AssertionError:
    print("g asserted", ns["g"].__doc__)
print("compile -1", eval(compile("__debug__", "", "eval", optimize=-1)),
      "0", eval(compile("__debug__", "", "eval", optimize=0)))
'''


def run(args, env_optimize=None, code=CODE, show=True):
    env = dict(os.environ)
    env.pop("PYTHONOPTIMIZE", None)
    if env_optimize is not None:
        env["PYTHONOPTIMIZE"] = env_optimize
    p = subprocess.run([sys.executable, *args, "-c", code], capture_output=True, text=True,
                       env=env)
    print(args, repr(env_optimize), p.returncode)
    if show:
        print(p.stdout, end="")
    print(p.stderr, end="")
    return p.stdout


run([])
run(["-O"])
run(["-OO"])
run(["-O", "-O"])
run(["-OOO"])
run(["-OB"])
run(["-BO"])
run(["-BOO"])
run(["-Ou"])

flags = "import sys; print(sys.flags.optimize, __debug__)"
for value in ["", "0", "1", "2", "3", "text", "-2", "2x", " 2", "99", "99999999999999999999"]:
    run([], value, flags)
run(["-O"], "2", flags)
run(["-OO"], "1", flags)
run(["-E"], "2", flags)
run(["-I"], "1", flags)
run(["-OE"], "2", flags)
run(["-E", "-O"], "2", flags)

# -c with the optimization options clustered before it.
run(["-Oc", flags, "--"], None, "")

# A program file and a module it imports compile at the level too; docstrings as well.
with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "optmod.py"), "w") as f:
        f.write('"""module doc"""\n'
                'def h():\n    "h doc"\n    assert False, "h"\n    return __debug__\n'
                'if __name__ == "__main__":\n    print("main", __doc__, h.__doc__)\n')
    script = os.path.join(d, "main.py")
    with open(script, "w") as f:
        f.write('"""main doc"""\n'
                'import sys, optmod\n'
                'print(__doc__, optmod.__doc__, optmod.h.__doc__)\n'
                'try:\n    print(optmod.h())\nexcept AssertionError as e:\n    print("raised", e)\n')
    for args in ([], ["-O"], ["-OO"]):
        p = subprocess.run([sys.executable, *args, script], capture_output=True, text=True)
        print(args, p.returncode, repr(p.stdout), repr(p.stderr))
    for args in ([], ["-OO"]):
        p = subprocess.run([sys.executable, *args, "-m", "optmod"], capture_output=True,
                           text=True, cwd=d)
        print(args, "-m", p.returncode, repr(p.stdout), repr(p.stderr))

# The usage text names both levels.
p = subprocess.run([sys.executable, "-h"], capture_output=True, text=True)
lines = p.stdout.splitlines()
print(p.returncode, any(l.startswith("-O ") for l in lines), any(l.startswith("-OO ") for l in lines),
      any("PYTHONOPTIMIZE" in l for l in lines))
