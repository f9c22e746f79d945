#!/usr/bin/env python3.11
"""Command-line tests of the pystm executable, checked against python3.11 where the two must
agree (run by scripts/run-tests).

Covers -c, -m, FILE with arguments, -V/--version (pystm's own format), -h, unknown options,
-E/-I and PYTHONPATH, -u, -X options, programs read from stdin, exit statuses (uncaught
exceptions, SystemExit, KeyboardInterrupt dying by SIGINT), -X dis, a missing script file and a
few lines of the interactive loop driven through a pseudo-terminal.

Usage: python3.11 tests/cli/test_cli.py --pystm build/<name>/pystm [-v]
"""
import argparse
import os
import pty
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

PYTHON = "python3.11"
failures = []
verbose = False


def run(argv, stdin=None, env_extra=None, cwd=None, merge=False, drop_env=()):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    for k in list(env):
        if k.startswith("PYTHON"):
            del env[k]
    if env_extra:
        env.update(env_extra)
    for k in drop_env:
        env.pop(k, None)
    p = subprocess.run(argv, input=stdin, capture_output=not merge, stdout=subprocess.PIPE if merge else None,
                       stderr=subprocess.STDOUT if merge else None, env=env, cwd=cwd, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace"), (p.stderr or b"").decode("utf-8", "replace")


def check(name, ok, detail=""):
    if ok:
        if verbose:
            print(f"  ok   {name}")
    else:
        failures.append(name)
        print(f"  FAIL {name}\n{detail}")


def same(name, args, pystm, program_names=False, **kw):
    """Runs [args] under both interpreters and compares status, stdout and stderr. With
    [program_names], each interpreter's own path in its output is replaced by PROG."""
    got = run([pystm] + args, **kw)
    want = run([PYTHON] + args, **kw)

    def norm(result, prog):
        rc, out, err = result
        if program_names:
            out, err = [re.sub(r"(?m)^(" + re.escape(prog) + r"|\S*python3\.11):", "PROG:", t) for t in (out, err)]
        return rc, out, err

    g = norm(got, pystm)
    w = norm(want, real_python)
    check(name, g == w, f"    pystm:   {g!r}\n    python:  {w!r}")


def main():
    global verbose, real_python
    ap = argparse.ArgumentParser()
    ap.add_argument("--pystm", default="build/release/pystm")
    ap.add_argument("-v", action="store_true")
    opts = ap.parse_args()
    verbose = opts.v
    pystm = os.path.abspath(opts.pystm)
    real_python = subprocess.run([PYTHON, "-c", "import sys; print(sys.executable)"], capture_output=True,
                                 text=True).stdout.strip()

    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "script.py")
        with open(script, "w") as f:
            f.write("import sys\nprint(sys.argv)\nprint(__name__)\n")
        with open(os.path.join(tmp, "mod.py"), "w") as f:
            f.write("import sys\nprint(__name__, sys.argv[1:], sys.argv[0].endswith('mod.py'))\n")
        libdir = os.path.join(tmp, "lib")
        os.mkdir(libdir)
        with open(os.path.join(libdir, "onpath.py"), "w") as f:
            f.write("X = 42\n")

        # -c, -m, FILE and their sys.argv.
        same("-c with args", ["-c", "import sys; print(sys.argv)", "a", "-b"], pystm)
        same("-c clustered (-Ec)", ["-Ec", "print(6 * 7)"], pystm)
        same("-m module with args", ["-m", "mod", "x", "--y"], pystm, cwd=tmp)
        same("-m missing module", ["-m", "no_such_module_xyz"], pystm, program_names=True, cwd=tmp)
        same("FILE with args", [script, "1", "two"], pystm)
        same("-- before FILE", ["--", script, "-c"], pystm)

        # Version and help: pystm's own text, CPython's exit statuses.
        for flag in ("-V", "--version"):
            rc, out, err = run([pystm, flag])
            check(f"{flag} format", rc == 0 and re.fullmatch(r"pystm \d+\.\d+\.\d+ \(Python 3\.11\)\n", out)
                  is not None, repr((rc, out, err)))
        for flag in ("-h", "--help", "-?"):
            rc, out, err = run([pystm, flag])
            check(f"{flag} exits 0 with usage", rc == 0 and out.startswith(f"usage: {pystm} [option] ...")
                  and err == "", repr((rc, out[:80], err)))

        # Unknown options: CPython's three-line message on stderr and status 2.
        for args in (["-Z"], ["--frobnicate"], ["-c"], ["-X"]):
            rc, out, err = run([pystm] + args)
            wrc, wout, werr = run([PYTHON] + args)
            # CPython names itself "python" in the last line whatever argv[0] is; pystm says "pystm".
            shape = [re.sub(r"^usage: \S+", "usage: PROG", line).replace("`python -h'", "`PROG -h'")
                     for line in werr.splitlines()]
            got = [re.sub(r"^usage: \S+", "usage: PROG", line).replace("`pystm -h'", "`PROG -h'")
                   for line in err.splitlines()]
            check(f"unknown option {args}", (rc, out, got) == (wrc, wout, shape), f"    {got!r}\n    {shape!r}")

        # PYTHONPATH, and -E / -I ignoring it.
        code = f"import sys; print({libdir!r} in sys.path); import onpath; print(onpath.X)"
        same("PYTHONPATH is used", ["-c", code], pystm, env_extra={"PYTHONPATH": libdir})
        for flag in ("-E", "-I"):
            rc, out, err = run([pystm, flag, "-c", code], env_extra={"PYTHONPATH": libdir})
            wrc, wout, werr = run([PYTHON, flag, "-c", code], env_extra={"PYTHONPATH": libdir})
            check(f"{flag} ignores PYTHONPATH", (rc, out, err.splitlines()[-1:]) == (wrc, wout, werr.splitlines()[-1:]),
                  repr((rc, out, err)))

        # -u: stdout and stderr written to one pipe interleave in program order only when
        # unbuffered (and stdout is block-buffered otherwise, as in CPython).
        code = "import sys; print('out1'); sys.stderr.write('err\\n'); print('out2')"
        same("-u interleaving", ["-u", "-c", code], pystm, merge=True)
        same("buffered interleaving", ["-c", code], pystm, merge=True)
        same("PYTHONUNBUFFERED", ["-c", code], pystm, merge=True, env_extra={"PYTHONUNBUFFERED": "1"})

        # -X options.
        same("-X options in sys._xoptions", ["-X", "foo", "-Xbar=baz", "-X", "a=b=c", "-c",
                                               "import sys; print(sorted(sys._xoptions.items()))"], pystm)

        # Programs from stdin.
        src = b"import sys\nprint('from stdin', sys.argv)\n"
        same("piped stdin", [], pystm, stdin=src)
        same("- with args", ["-", "a", "b"], pystm, stdin=src)
        with open(script, "rb") as f:
            same("- < file", ["-"], pystm, stdin=f.read())

        # Exit statuses.
        same("uncaught exception", ["-c", "def f():\n    raise ValueError('boom')\nf()"], pystm)
        same("SystemExit(3)", ["-c", "raise SystemExit(3)"], pystm)
        same("sys.exit()", ["-c", "import sys; sys.exit()"], pystm)
        same("SystemExit('msg')", ["-c", "raise SystemExit('bye now')"], pystm)
        same("SystemExit(None) after output", ["-c", "print('x'); raise SystemExit(None)"], pystm)
        same("KeyboardInterrupt dies by SIGINT", ["-c", "print('before')\nraise KeyboardInterrupt"], pystm)
        rc, _, _ = run([pystm, "-c", "raise KeyboardInterrupt"])
        check("KeyboardInterrupt returncode is -SIGINT", rc == -signal.SIGINT, repr(rc))
        same("syntax error", ["-c", "x = (1,"], pystm)

        # A missing script file.
        same("missing script", [os.path.join(tmp, "missing.py")], pystm, program_names=True)
        same("missing relative script", ["missing.py"], pystm, program_names=True, cwd=tmp)

        # -X dis prints a disassembly instead of running the program.
        rc, out, err = run([pystm, "-X", "dis", script])
        check("-X dis", rc == 0 and "LOAD_NAME" in out and "RETURN_VALUE" in out and "['" not in out,
              repr((rc, out[:200], err)))

        # The interactive loop through a pseudo-terminal.
        check_repl(pystm, tmp)

    total = "failed: " + ", ".join(failures) if failures else "all passed"
    print(f"cli: {total}")
    return 1 if failures else 0


def repl_session(exe, lines, cwd):
    """Runs [exe] -q on a pseudo-terminal, types [lines] (each followed by Enter; None means
    Ctrl-D, "^C" Ctrl-C) and returns everything it printed, with CR LF turned into LF."""
    pid, fd = pty.fork()
    if pid == 0:
        # A runner started in the background inherits an ignored SIGINT; the REPL under test
        # must see Ctrl-C as a terminal user would.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.chdir(cwd)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env.update(TERM="dumb", HOME=cwd, LC_ALL="C.UTF-8", PYTHONSTARTUP="")
        os.execvpe(exe, [exe, "-q"], env)
    out = b""

    def read_until_quiet(timeout=1.5):
        nonlocal out
        timeout *= TIME_SCALE
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r, _, _ = select.select([fd], [], [], 0.1)
            if r:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    return False
                if not chunk:
                    return False
                out += chunk
                deadline = time.monotonic() + 0.3 * TIME_SCALE
        return True

    read_until_quiet(5)
    for line in lines:
        if line is None:
            os.write(fd, b"\x04")
        elif line == "^C":
            os.write(fd, b"\x03")
        else:
            os.write(fd, line.encode() + b"\r")
        if not read_until_quiet():
            break
    for _ in range(int(50 * TIME_SCALE)):
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        status = -1
    try:
        while read_until_quiet(0.2):
            pass
    except OSError:
        pass
    os.close(fd)
    text = out.decode("utf-8", "replace").replace("\r\n", "\n")
    # Line editors may redraw the prompt with escape sequences; keep only the text.
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    return text, os.waitstatus_to_exitcode(status) if status != -1 else None


# Sanitizer builds run several times slower: PYSTM_TEST_TIME_SCALE stretches the REPL timings.
TIME_SCALE = float(os.environ.get("PYSTM_TEST_TIME_SCALE", "1"))


def check_repl(pystm, tmp):
    lines = ["1 + 1", "_ * 10", "None", "x = 5", "if x:", "    print('yes')", "", "def f(a,",
             "      b):", "    return a + b", "", "f(2, 3)", "s = '''a", "b'''", "s", "1/0",
             "x = (", "", "class", "print('still here')", "^C", "[1,", "^C", "while True: pass", "", "^C",
             "print(1", ")", "def g(): return 1 +", "x y", "try:", "    1/0", "except ZeroDivisionError:",
             "    print('caught')", "", "@staticmethod", "def k(): pass", "", "print('\u00e9')",
             "import sys; sys.ps1 = 'P> '", None]
    got, got_rc = repl_session(pystm, lines, tmp)
    want, want_rc = repl_session(PYTHON, lines, tmp)
    check("repl session", (got, got_rc) == (want, want_rc), "    pystm:\n" + got + f"\n    [{got_rc}]\n    python:\n"
          + want + f"\n    [{want_rc}]")
    # History: Up recalls the previous line; a repeated line is stored once, so Up Up reaches the
    # line before it. (Only the effect is compared: libedit and GNU readline redraw differently.)
    for name in (".pystm_history", ".python_history"):
        if os.path.exists(os.path.join(tmp, name)):
            os.remove(os.path.join(tmp, name))
    lines = ["x = 41", "x += 1; x", "\x1b[A", "\x1b[A\x1b[A", "x", None]
    got, _ = repl_session(pystm, lines, tmp)
    want, _ = repl_session(PYTHON, lines, tmp)
    results = lambda text: re.findall(r"(?m)^(\d+)$", text)
    check("repl history", results(got) == results(want) == ["42", "43", "41"], f"    {got!r}\n    {want!r}")
    lines = ["import sys", "sys.exit(4)"]
    got = repl_session(pystm, lines, tmp)
    want = repl_session(PYTHON, lines, tmp)
    check("repl sys.exit status", got == want, f"    {got!r}\n    {want!r}")


if __name__ == "__main__":
    sys.exit(main())
