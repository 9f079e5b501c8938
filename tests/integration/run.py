#!/usr/bin/env python3
"""Integration suite entry point (deploy/test runs it).

Migrates and loads the demo data (peiyuctl migrate, peiyuctl demo: both
idempotent) with PEIYU_ADMIN_DATABASE_URL, discovers tests/integration/test_*.py
(unittest), runs them against the built peiyud ($PEIYU_BUILD_DIR/cmd/peiyud/peiyud)
and $PEIYU_DATABASE_URL, then stops the shared peiyud with SIGTERM and checks it
exited 0 with no sanitizer report (counted as one more test). The last line is
"N passed, N failed"; failures and errors count as failed, expected failures
(known server bugs) as passed, skips as neither.

  python3 tests/integration/run.py [-k PATTERN ...] [-v]
"""
import os
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402


class SharedServerShutdown(unittest.TestCase):
    """The shared peiyud, used by most tests, exits 0 on SIGTERM with nothing leaked."""

    def test_shared_server_exits_cleanly(self):
        srv = harness.shared_server_started()
        if srv is None:
            self.skipTest("no test used the shared server")
        srv.stop_and_check(self)


def prepare():
    """Build output present, database migrated and demo data loaded. Returns problems."""
    problems = []
    for path in (harness.PEIYUD, harness.PEIYUCTL):
        if not os.access(path, os.X_OK):
            problems.append("%s is missing or not executable (set PEIYU_BUILD_DIR)" % path)
    if not harness.DATABASE_URL:
        problems.append("PEIYU_DATABASE_URL is not set")
    if problems:
        return problems
    env = dict(os.environ)
    if harness.ADMIN_DATABASE_URL:
        env["PEIYU_ADMIN_DATABASE_URL"] = harness.ADMIN_DATABASE_URL
    for sub in ("migrate", "demo"):
        try:
            p = subprocess.run([harness.PEIYUCTL, sub], env=env, capture_output=True, text=True,
                               timeout=120, cwd=harness.SOURCE_DIR, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            problems.append("peiyuctl %s timed out" % sub)
            continue
        report = harness.sanitizer_report(p.stderr)
        if p.returncode != 0 or report:
            problems.append("peiyuctl %s exited %d:\n%s%s" % (sub, p.returncode, p.stdout, p.stderr))
    return problems


def main(argv):
    verbosity = 2 if "-v" in argv else 1
    patterns = [argv[i + 1] for i, a in enumerate(argv) if a == "-k" and i + 1 < len(argv)]
    started = time.monotonic()
    problems = prepare()
    if problems:
        for p in problems:
            print("integration: " + p, file=sys.stderr)
        print("0 passed, 1 failed")
        return 1

    loader = unittest.TestLoader()
    if patterns:
        loader.testNamePatterns = ["*%s*" % p for p in patterns]
    suite = loader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    suite.addTests(unittest.TestLoader().loadTestsFromTestCase(SharedServerShutdown))
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=verbosity)
    try:
        result = runner.run(suite)
    finally:
        srv = harness.shared_server_started()
        if srv is not None and srv.running():  # the shutdown test did not run (e.g. -k)
            srv.stop()
        harness._kill_leftovers()

    # A test with failing subtests is reported once per subtest: count tests, not reports.
    # Errors in setUpClass/tearDownClass (not tests themselves) count as one failure each.
    failed_tests, failed_fixtures = set(), set()
    for t, _ in result.failures + result.errors + [(u, None) for u in result.unexpectedSuccesses]:
        t = getattr(t, "test_case", t)
        if isinstance(t, unittest.TestCase) and not type(t).__name__ == "_ErrorHolder":
            failed_tests.add(t.id())
        else:
            failed_fixtures.add(str(t))
    skipped = len({getattr(t, "test_case", t).id() for t, _ in result.skipped})
    failed = len(failed_tests) + len(failed_fixtures)
    passed = result.testsRun - len(failed_tests) - skipped
    print("integration: %d run, %d skipped, %d expected failures (known bugs), %.1f s"
          % (result.testsRun, skipped, len(result.expectedFailures), time.monotonic() - started))
    for test, _ in result.expectedFailures:
        print("  expected failure: %s" % test.id())
    for test, reason in result.skipped:
        print("  skipped: %s: %s" % (test.id(), reason))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
