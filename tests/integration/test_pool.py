"""The database pool under pressure: a bounded wait queue that answers 503
`overloaded` with Retry-After when full or when a request waited too long,
and 504 `database-timeout` when a statement outlives the query timeout.
Each test runs its own one-thread peiyud with one connection, and blocks
that connection by holding a lock on the region table."""
import threading
import time
import unittest

import harness
from harness import assert_problem


class PoolPressure(unittest.TestCase):
    def start(self, *args):
        # one statement at a time on the one connection, so the next ones wait in the FIFO
        self.srv = harness.Server(["--threads", "1", "--db-pool-size", "1",
                                   "--db-pipeline-depth", "1"] + list(args),
                                  name="peiyud (pool)").start()
        self.assertEqual(harness.get(self.srv.port, "/v1/regions/410400").status, 200)  # warm

    def tearDown(self):
        srv = getattr(self, "srv", None)
        if srv:
            srv.stop_and_check(self)
            srv.cleanup()

    def fire(self, results, i):
        try:
            results[i] = harness.get(self.srv.port, "/v1/regions/410400", timeout=20)
        except Exception as e:  # noqa: BLE001 - reported by the assertions
            results[i] = e

    def test_full_wait_queue_answers_503_overloaded(self):
        self.start("--db-max-waiting", "2", "--db-wait-timeout-ms", "10000")
        results = [None] * 4
        with harness.TableLock("region"):
            first = threading.Thread(target=self.fire, args=(results, 0))
            first.start()
            self.assertTrue(harness.wait_for_lock_waiter("region"), "the first request did not reach the database")
            waiters = [threading.Thread(target=self.fire, args=(results, i)) for i in (1, 2)]
            for t in waiters:
                t.start()
            time.sleep(0.5)  # both are queued behind the busy connection
            r = harness.get(self.srv.port, "/v1/regions/410400", timeout=10)
            assert_problem(self, r, 503, "overloaded")
            self.assertEqual(r.header("Retry-After"), "1")
        for t in [first] + waiters:
            t.join(20)
        for i in (0, 1, 2):
            self.assertEqual(getattr(results[i], "status", results[i]), 200, results[i])

    def test_waiting_too_long_answers_503(self):
        self.start("--db-max-waiting", "10", "--db-wait-timeout-ms", "300")
        results = [None] * 2
        with harness.TableLock("region"):
            first = threading.Thread(target=self.fire, args=(results, 0))
            first.start()
            self.assertTrue(harness.wait_for_lock_waiter("region"))
            t0 = time.monotonic()
            r = harness.get(self.srv.port, "/v1/regions/410401", timeout=10)
            waited = time.monotonic() - t0
            assert_problem(self, r, 503, "overloaded")
            self.assertLess(waited, 5.0, "the wait was not bounded")
        first.join(20)
        self.assertEqual(getattr(results[0], "status", results[0]), 200)

    def test_statement_timeout_answers_504_and_the_pool_recovers(self):
        self.start("--db-query-timeout-ms", "500")
        with harness.TableLock("region"):
            r = harness.get(self.srv.port, "/v1/regions/410400", timeout=10)
            assert_problem(self, r, 504, "database-timeout")
        self.assertEqual(harness.get(self.srv.port, "/v1/regions/410400").status, 200)
        m = harness.get(self.srv.port, "/metrics").text()
        errors = [l for l in m.splitlines() if l.startswith("peiyu_db_errors_total ")]
        self.assertTrue(errors and int(errors[0].split()[1]) >= 1, errors)


if __name__ == "__main__":
    unittest.main()
