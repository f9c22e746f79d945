#!/usr/bin/env python3
"""Golden tests for the disassembler: every tests/golden/dis/NAME.py is compiled with
`pystm -X dis NAME.py` and the output compared with NAME.dis.

usage: run_golden.py --pystm PATH [--update] [NAME ...]
  --update   rewrite the expected .dis files from the current output (review the diff!)
"""
import argparse
import difflib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DIS_DIR = os.path.join(HERE, "dis")


def run_dis(pystm, path):
    # Run from the golden directory with a relative path, so file names in the output are stable.
    proc = subprocess.run([pystm, "-X", "dis", os.path.basename(path)], cwd=os.path.dirname(path),
                          capture_output=True, text=True, timeout=60)
    out = proc.stdout + proc.stderr
    # The CLI makes script paths absolute (as CPython's __main__.__file__); drop the directory.
    out = out.replace(os.path.dirname(path) + os.sep, "")
    return proc.returncode, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pystm", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    pystm = os.path.abspath(args.pystm)
    sources = sorted(f for f in os.listdir(DIS_DIR) if f.endswith(".py"))
    if args.names:
        sources = [f for f in sources if f[:-3] in args.names or f in args.names]
    failed = 0
    for src in sources:
        path = os.path.join(DIS_DIR, src)
        expected_path = path[:-3] + ".dis"
        rc, out = run_dis(pystm, path)
        if rc != 0:
            out += "[exit status %d]\n" % rc
        if args.update:
            with open(expected_path, "w") as f:
                f.write(out)
            print("updated", os.path.relpath(expected_path, HERE))
            continue
        try:
            with open(expected_path) as f:
                expected = f.read()
        except FileNotFoundError:
            print("MISSING", os.path.relpath(expected_path, HERE))
            failed += 1
            continue
        if out != expected:
            failed += 1
            print("FAIL", src)
            sys.stdout.writelines(difflib.unified_diff(
                expected.splitlines(True), out.splitlines(True), "expected", "actual"))
        else:
            print("ok  ", src)
    if not args.update:
        print("%d/%d passed" % (len(sources) - failed, len(sources)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
