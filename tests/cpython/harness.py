"""Runs one CPython regression test module under pystm and prints a machine-readable summary.

Usage (under pystm): harness.py MODULE [--details]

The module (for example test.test_int) is imported, its tests are loaded with unittest's default
loader (the module's load_tests protocol included) and run with a result class that counts each
outcome. A module that defines test_main() and no load_tests runs through test_main(), as under
CPython's regrtest (test_decimal builds its test classes there). The last line on stdout is

    PYSTM-CPYTEST {"module": ..., "status": ..., "run": N, "passed": N, ...}

which tests/cpython/run parses. status is "ok" (no failure, no error), "failed", or
"import-error" (the module itself did not import; "error" then holds the exception). Each test
announces itself on stderr before it runs ("PYSTM-CPYTEST-START name"), so that the driver can
name the test that was running when a module hangs or crashes the interpreter.

With --details, one line per failure or error follows on stdout before the summary:
"PYSTM-CPYTEST-FAIL kind test: last line of the traceback".

This file must run on pystm, so it keeps to plain unittest and json.
"""
import json
import sys
import time
import traceback
import unittest

MARK = "PYSTM-CPYTEST"


class CountingResult(unittest.TestResult):
    """A TestResult that keeps counts and one-line reasons, printing nothing while it runs."""

    def __init__(self):
        super().__init__()
        self.passed = 0
        self.reasons = []
        # The ids of the tests that failed or raised: a test whose subtests fail is counted once.
        self.failed_tests = set()
        self.errored_tests = set()

    def record(self, kind, test, err):
        outer = getattr(test, "test_case", test)  # A subtest's enclosing test.
        (self.failed_tests if kind == "failure" else self.errored_tests).add(outer.id())
        self.reasons.append((kind, test.id(), last_line(err)))

    def startTest(self, test):
        sys.stderr.write(f"{MARK}-START {test.id()}\n")
        sys.stderr.flush()
        super().startTest(test)

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed += 1

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            kind = "failure" if issubclass(err[0], test.failureException) else "error"
            self.record(kind, subtest, err)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.record("failure", test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self.record("error", test, err)


def last_line(err):
    try:
        lines = traceback.format_exception_only(err[0], err[1])
        text = lines[-1].strip() if lines else repr(err[1])
    except Exception as exc:  # The formatting itself may hit a pystm gap; keep the type.
        text = f"{err[0].__name__} (unformattable: {type(exc).__name__})"
    return text.replace("\n", " ")[:300]


class TestMainError(unittest.TestCase):
    """Stands for a module's test_main() when it raises outside the suites it runs."""

    def __init__(self, module):
        super().__init__("runTest")
        self.module_name = module.__name__

    def runTest(self):
        pass

    def id(self):
        return f"{self.module_name}.test_main"


def run_test_main(module, result):
    """Runs a module that defines test_main() (and no load_tests) as CPython's regrtest does:
    through test_main(), which builds its suites (and may run doctests) itself. The suites it
    hands to test.support.run_unittest() run with [result]."""
    from test import support

    support._run_suite = lambda suite: suite.run(result)
    # regrtest's default (no -u option): no optional resource, so test_decimal, for one, runs
    # its short arithmetic set rather than every .decTest file.
    if support.use_resources is None:
        support.use_resources = []
    try:
        module.test_main()
    except Exception:  # A doctest's TestFailed, or test_main() itself failing.
        result.addError(TestMainError(module), sys.exc_info())


def summary(**fields):
    print(f"{MARK} {json.dumps(fields, sort_keys=True)}", flush=True)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    details = "--details" in sys.argv[1:]
    if len(args) != 1:
        sys.stderr.write("usage: harness.py MODULE [--details]\n")
        return 2
    name = args[0]
    start = time.monotonic()
    try:
        __import__(name)
        module = sys.modules[name]
    except BaseException as exc:  # SystemExit and unittest.SkipTest included.
        if isinstance(exc, unittest.SkipTest):
            summary(module=name, status="skipped-module", error=str(exc)[:300], run=0, passed=0,
                    failed=0, errored=0, skipped=0, xfailed=0, xpassed=0, seconds=0.0)
            return 0
        error = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        summary(module=name, status="import-error", error=error.replace("\n", " ")[:500], run=0,
                passed=0, failed=0, errored=0, skipped=0, xfailed=0, xpassed=0, seconds=0.0)
        return 0

    result = CountingResult()
    if hasattr(module, "test_main") and not hasattr(module, "load_tests"):
        run_test_main(module, result)
    else:
        unittest.defaultTestLoader.loadTestsFromModule(module).run(result)
    seconds = round(time.monotonic() - start, 2)
    if details:
        for kind, test_id, reason in result.reasons:
            print(f"{MARK}-FAIL {kind} {test_id}: {reason}")
    # Counts are of tests, not subtests: a test that both fails and raises counts as failed.
    # "errored" also counts class and module fixtures that raised (setUpClass, setUpModule),
    # which unittest reports against a placeholder rather than a test.
    errored = result.errored_tests - result.failed_tests
    summary(module=name, status="ok" if result.wasSuccessful() else "failed",
            run=result.testsRun, passed=result.passed, failed=len(result.failed_tests),
            errored=len(errored), skipped=len(result.skipped),
            xfailed=len(result.expectedFailures), xpassed=len(result.unexpectedSuccesses),
            seconds=seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
