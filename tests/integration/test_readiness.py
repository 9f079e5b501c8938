"""Readiness: 503 while PostgreSQL is down and back to 200 when it returns,
with no restart of peiyud; 503 when the database's migrations differ from the
build's."""
import glob
import os
import shutil
import tempfile
import time
import unittest

import accounts
import harness
from harness import assert_problem


def slug_of(r):
    return r.json().get("type", "").rsplit(":", 1)[-1]


class DatabaseOutage(unittest.TestCase):
    def setUp(self):
        if not harness.TEST_PGDIR:
            self.skipTest("PEIYU_TEST_PGDIR is unset: cannot stop and start the cluster")
        self.srv = harness.Server(["--threads", "2"], name="peiyud (outage)").start()
        self.pg_stopped = False

    def tearDown(self):
        if self.pg_stopped:
            harness.pg("start")
        self.srv.cleanup()

    def test_outage_and_recovery(self):
        port = self.srv.port
        c = self.srv.client()
        self.assertEqual(c.get("/readyz").status, 200)
        self.assertEqual(c.get("/v1/regions/410400").status, 200)

        harness.pg("stop")
        self.pg_stopped = True
        # Every connection of the pool is gone; readiness must say so within a few seconds.
        r = harness.poll(lambda: (lambda x: x if x.status == 503 else None)(harness.get(port, "/readyz")), 15)
        self.assertIsNotNone(r, "readyz did not go to 503 with PostgreSQL stopped")
        self.assertIn(slug_of(r), ("database-unavailable", "not-ready"))
        assert_problem(self, r, 503, slug_of(r), instance="/readyz")
        for path in ("/v1/regions/410400", "/v1/regions?parent=410000", "/readyz"):
            with self.subTest(path=path):
                r = c.get(path)
                self.assertIn(slug_of(r), ("database-unavailable", "not-ready"), r)
                assert_problem(self, r, 503, slug_of(r))
        # liveness and DB-free routes do not depend on the database
        self.assertEqual(c.get("/healthz").status, 200)
        self.assertEqual(c.get("/metrics").status, 200)
        assert_problem(self, c.get("/nope"), 404, "not-found")
        self.assertTrue(self.srv.running(), "peiyud exited during the outage")

        harness.pg("start")
        self.pg_stopped = False
        t0 = time.monotonic()
        ok = harness.poll(lambda: harness.get(port, "/readyz").status == 200, 20, interval=0.2)
        self.assertTrue(ok, "readyz not back to 200 within 20 s of PostgreSQL's restart")
        print("  (ready again %.1f s after the restart)" % (time.monotonic() - t0), end=" ")
        # service resumes on every worker: a few fresh connections land on both threads
        for _ in range(8):
            r = harness.get(port, "/v1/regions/410400")
            self.assertEqual(r.status, 200, r)
        self.assertEqual(c.get("/v1/regions/410400").status, 200)
        c.close()
        self.srv.stop_and_check(self)


class MigrationsDiffer(unittest.TestCase):
    def test_extra_migration_not_ready(self):
        tmp = tempfile.mkdtemp(prefix="peiyu-it-mig-")
        srv = None
        try:
            for f in glob.glob(os.path.join(harness.SOURCE_DIR, "sql", "migrations", "*.sql")):
                shutil.copy(f, tmp)
            with open(os.path.join(tmp, "9999_extra.sql"), "w") as f:
                f.write("CREATE TABLE integration_extra (id int);\n")
            srv = harness.Server(["--threads", "1", "--migrations-dir", tmp], name="peiyud (extra migration)").start()
            r = harness.get(srv.port, "/readyz")
            p = assert_problem(self, r, 503, "not-ready", instance="/readyz")
            self.assertIn("migrat", p.get("detail", ""))
            # the rest of the service still works
            self.assertEqual(harness.get(srv.port, "/healthz").status, 200)
            self.assertEqual(harness.get(srv.port, "/v1/regions/410400").status, 200)
            srv.stop_and_check(self)
        finally:
            if srv:
                srv.cleanup()
            shutil.rmtree(tmp, ignore_errors=True)

    def test_changed_migration_not_ready(self):
        tmp = tempfile.mkdtemp(prefix="peiyu-it-mig-")
        srv = None
        try:
            files = sorted(glob.glob(os.path.join(harness.SOURCE_DIR, "sql", "migrations", "*.sql")))
            for f in files:
                shutil.copy(f, tmp)
            with open(os.path.join(tmp, os.path.basename(files[0])), "a") as f:
                f.write("\n-- edited after it was applied\n")
            srv = harness.Server(["--threads", "1", "--migrations-dir", tmp], name="peiyud (edited migration)").start()
            assert_problem(self, harness.get(srv.port, "/readyz"), 503, "not-ready")
            srv.stop_and_check(self)
        finally:
            if srv:
                srv.cleanup()
            shutil.rmtree(tmp, ignore_errors=True)


class RecognitionKindsDiffer(unittest.TestCase):
    """The recognition_kind table mirrors the C list (lib/rules/facts.h): a
    kind added on one side only makes the database not ready and `peiyuctl
    migrate` fail, naming both lists."""

    def test_kind_in_sql_only(self):
        srv = harness.shared_server()
        self.assertEqual(harness.get(srv.port, "/readyz").status, 200)
        harness.psql("INSERT INTO recognition_kind (kind, stage, ordinal)"
                     " VALUES ('integration_kind', 'seed', 99)")
        try:
            p = assert_problem(self, harness.get(srv.port, "/readyz"), 503, "not-ready")
            self.assertIn("recognition kinds", p.get("detail", ""))
            m = accounts.peiyuctl("migrate", check=False)
            self.assertEqual(m.returncode, 1, m.stdout + m.stderr)
            self.assertIn("integration_kind", m.stderr)
        finally:
            harness.psql("DELETE FROM recognition_kind WHERE kind = 'integration_kind'")
        self.assertEqual(harness.get(srv.port, "/readyz").status, 200)
        self.assertEqual(accounts.peiyuctl("migrate", check=False).returncode, 0)

    def test_stage_changed_in_sql(self):
        srv = harness.shared_server()
        harness.psql("UPDATE recognition_kind SET stage = 'seed' WHERE kind = 'gazelle'")
        try:
            assert_problem(self, harness.get(srv.port, "/readyz"), 503, "not-ready")
        finally:
            harness.psql("UPDATE recognition_kind SET stage = 'high_to_strong' WHERE kind = 'gazelle'")
        self.assertEqual(harness.get(srv.port, "/readyz").status, 200)


if __name__ == "__main__":
    unittest.main()
