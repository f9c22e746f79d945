#!/usr/bin/env python3
"""Differential tests: run each tests/py/**/*.py under pystm and under CPython 3.11 and compare.

A test passes when stdout, stderr and the exit status are identical after normalisation
(object addresses "0x7f..." become "0xADDR"; nothing else is rewritten). Files whose name
starts with "_" are helper modules imported by tests, not tests. A test whose first lines
contain "# threads" is run once per thread count in THREAD_COUNTS, with the count as argv[1].
A test whose first lines contain "# pystm-env: NAME=VALUE ..." runs under pystm with those
environment variables set (for pystm-only behaviour, such as forced aborts); under CPython,
which has no pystm module, such a test prints what pystm must print.

pystm's own pure-Python modules (lib/) that CPython lacks must import under CPython too, so tests
can compare them: the oracle runs with PYTHONPATH set to a temporary folder that holds a link to
each of ORACLE_MODULES and nothing else (lib/ itself would shadow CPython's _io and _queue).

tests/known_failures.txt lists the tests expected to fail. The run fails on a new failure and
also on an unexpected pass, so the list can only shrink: remove a test from it when it passes
(--update-known rewrites the list from the current results).

The last line printed is "py: N passed, N failed, N skipped", where "failed" counts new failures
and unexpected passes and "skipped" counts the known failures.
"""
import argparse
import atexit
import concurrent.futures
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.abspath(__file__))
PY_DIR = os.path.join(ROOT, "py")
KNOWN = os.path.join(ROOT, "known_failures.txt")
KNOWN_SANITIZED = os.path.join(ROOT, "known_failures_sanitized.txt")
THREAD_COUNTS = (1, 2, 4, 8)
ADDR = re.compile(r"0x[0-9a-fA-F]{4,16}")
TIMEOUT = 60
LIB_DIR = os.path.join(ROOT, "..", "lib")
# Modules of lib/ that are written to run on CPython as well (see the docstring).
ORACLE_MODULES = ("transaction.py",)


def oracle_path():
    """A temporary folder holding links to ORACLE_MODULES, removed when the runner exits."""
    path = tempfile.mkdtemp(prefix="pystm-oracle-path-")
    atexit.register(shutil.rmtree, path, True)
    for name in ORACLE_MODULES:
        os.symlink(os.path.abspath(os.path.join(LIB_DIR, name)), os.path.join(path, name))
    return path


def find_tests(filters):
    tests = []
    for dirpath, dirnames, filenames in os.walk(PY_DIR):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(("_", ".")))
        for name in sorted(filenames):
            if not name.endswith(".py") or name.startswith("_"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), PY_DIR)
            if filters and not any(f in rel for f in filters):
                continue
            tests.append(rel)
    return tests


def head_of(rel):
    with open(os.path.join(PY_DIR, rel), encoding="utf-8", errors="replace") as f:
        return "".join(f.readline() for _ in range(5))


def variants(rel):
    if "# threads" in head_of(rel):
        return [(rel, str(n)) for n in THREAD_COUNTS]
    return [(rel, None)]


# STM-15: a wait inside one transaction attempt longer than this (seconds) ends pystm with a
# report of every transaction's state, so that a deadlock fails with a diagnosis well within
# TIMEOUT. Waits are bounded by design; no test waits this long inside one attempt.
STALL_SECONDS = "20"


def pystm_env(rel):
    """The variables of the test's "# pystm-env:" line, for pystm's run only."""
    env = {"PYSTM_STM_STALL": os.environ.get("PYSTM_STM_STALL", STALL_SECONDS)}
    for line in head_of(rel).splitlines():
        if line.startswith("# pystm-env:"):
            for item in line[len("# pystm-env:"):].split():
                name, _, value = item.partition("=")
                env[name] = value
    return env


def run(cmd, path, arg, extra_env=None):
    argv = cmd + [os.path.basename(path)] + ([arg] if arg else [])
    env = dict(os.environ, LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    for k in list(env):
        if k.startswith("PYTHON") and k != "PYTHONIOENCODING":
            del env[k]
    for k, v in (extra_env or {}).items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    try:
        p = subprocess.run(argv, cwd=os.path.dirname(path), env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=TIMEOUT)
        out, err, rc = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        out, err, rc = e.stdout or b"", (e.stderr or b"") + b"\n<timeout>\n", "timeout"
    norm = lambda b: ADDR.sub("0xADDR", b.decode("utf-8", "replace"))
    return norm(out), norm(err), rc


def check(pystm, oracle, oracle_env, test):
    rel, arg = test
    path = os.path.join(PY_DIR, rel)
    expected = run(oracle, path, arg, oracle_env)
    got = run(pystm, path, arg, pystm_env(rel))
    if expected == got and "timeout" not in (expected[2], got[2]):
        return test, True, ""
    report = []
    if "timeout" in (expected[2], got[2]):
        # A test that hangs proves nothing, even when both interpreters hang the same way.
        report.append(f"--- timed out after {TIMEOUT} s: " + " and ".join(
            who for who, r in (("cpython", expected), ("pystm", got)) if r[2] == "timeout"))
    for what, e, g in zip(("stdout", "stderr"), expected[:2], got[:2]):
        if e != g:
            diff = difflib.unified_diff(e.splitlines(), g.splitlines(), "cpython", "pystm", lineterm="", n=2)
            report.append(f"--- {what} differs:\n" + "\n".join(list(diff)[:40]))
    if expected[2] != got[2]:
        report.append(f"--- exit status: cpython {expected[2]}, pystm {got[2]}")
    return test, False, "\n".join(report)


def name_of(test):
    rel, arg = test
    return rel if arg is None else f"{rel}[{arg}]"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pystm", default=os.path.join(ROOT, "..", "build", "release", "pystm"))
    ap.add_argument("--python", default="python3.11")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("-v", "--verbose", action="store_true", help="show diffs of known failures too")
    ap.add_argument("--update-known", action="store_true", help="rewrite known_failures.txt")
    ap.add_argument("filters", nargs="*", help="only tests whose path contains one of these")
    args = ap.parse_args()

    pystm = [os.path.abspath(args.pystm)]
    # Without -E, so that PYTHONPATH applies; run() removes every other PYTHON* variable and
    # oracle_env drops PYTHONIOENCODING, which -E used to ignore.
    oracle = [args.python, "-s", "-B"]
    oracle_env = {"PYTHONPATH": oracle_path(), "PYTHONIOENCODING": None}
    def read_list(path):
        if not os.path.exists(path):
            return set()
        with open(path) as f:
            return {l.strip() for l in f if l.strip() and not l.startswith("#")}

    known = read_list(KNOWN)
    # Sanitizer builds retain some garbage longer (the conservative stack scan sees their
    # larger frames) and abort on absurd allocations: tests/known_failures_sanitized.txt. Whether
    # a stale pointer survives depends on the compiled frames' layout, so those tests may pass
    # or fail from one build to the next: they may fail, but their passes are not "unexpected".
    may_fail = read_list(KNOWN_SANITIZED) - known if os.environ.get("PYSTM_SANITIZED") else set()

    tests = [v for rel in find_tests(args.filters) for v in variants(rel)]
    start = time.time()
    results = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for test, ok, report in pool.map(lambda t: check(pystm, oracle, oracle_env, t), tests):
            results[name_of(test)] = (ok, report)

    new_failures = [n for n, (ok, _) in results.items() if not ok and n not in known | may_fail]
    unexpected_passes = [n for n, (ok, _) in results.items() if ok and n in known]
    known_failing = [n for n, (ok, _) in results.items() if not ok and n in known | may_fail]
    for n in new_failures:
        print(f"FAIL {n}\n{results[n][1]}\n")
    if args.verbose:
        for n in known_failing:
            print(f"known failure {n}\n{results[n][1]}\n")
    for n in unexpected_passes:
        print(f"UNEXPECTED PASS {n} (remove it from tests/known_failures.txt)")

    if args.update_known:
        ran = set(results)
        keep = sorted((known - ran) | {n for n, (ok, _) in results.items() if not ok})
        with open(KNOWN, "w") as f:
            f.write("# Differential tests expected to fail (tests/run_py_tests.py). Only ever shrinks.\n")
            f.writelines(n + "\n" for n in keep)
        print(f"wrote {len(keep)} entries to {KNOWN}")

    passed = sum(ok for ok, _ in results.values()) - len(unexpected_passes)
    print(f"\n{len(results)} tests in {time.time() - start:.1f}s: {len(known_failing)} known failures,"
          f" {len(new_failures)} new failures, {len(unexpected_passes)} unexpected passes")
    # Known failures are reported as skipped (expected failures); anything unexpected fails.
    print(f"py: {passed} passed, {len(new_failures) + len(unexpected_passes)} failed, {len(known_failing)} skipped")
    bad = (new_failures or unexpected_passes) and not args.update_known
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
