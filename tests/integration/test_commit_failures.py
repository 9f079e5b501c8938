"""A transaction that fails at COMMIT is never acknowledged (issue 8 item 1).

Each query peiyud sends is its own implicit transaction, committed at the
query's Sync. A failure there (a deferred constraint trigger, a serializable
transaction that cannot commit) arrives after the statement's own result; it
must win over that result. Serialization failures and deadlocks (40001,
40P01) roll the whole transaction back, so the pool resends the query a
bounded number of times and answers 503 `database-conflict` with Retry-After
when every attempt failed.

Concurrent writers file facts; the test counts acknowledged writes (200)
(200 or 201) against the rows and audit events that exist afterwards: they must be equal,
and every acknowledged version must exist."""
import json
import sys
import threading
import unittest

import accounts
import harness
from harness import assert_problem
from test_facts import super_psql, uscc

WRITERS = 16
PUTS_PER_WRITER = 40


def facts_doc(code, region, revenue):
    return {"firm": {"uscc": code, "established_on": "2018-03-02", "region_code": region,
                     "resident_enterprise": True, "industry_code": "I6513"},
            "years": {"2025": {"employees": 120, "tech_staff": 30, "sales_revenue_fen": revenue,
                               "rd_expense_fen": 160000000, "rd_domestic_fen": 150000000}}}


class CommitFailures(unittest.TestCase):
    def register(self, port, n=4):
        """n firms with their own users; returns [(firm id, token, uscc)]."""
        firms = []
        for _ in range(n):
            _, tok = accounts.user_with_token("firm", prefix="commitfail")
            code = uscc("440305")
            c = harness.Client(port)
            try:
                r = c.post_json("/v1/firms", {"uscc": code, "name": "提交失败测试 " + code[-4:],
                                              "registered_on": "2018-03-02", "region_code": "440305",
                                              "industry_code": "I6513"},
                                headers={"Authorization": "Bearer " + tok})
            finally:
                c.close()
            self.assertEqual(r.status, 201, r)
            firms.append((r.json()["id"], tok, code))
        return firms

    def hammer(self, port, firms, writers=WRITERS, puts=PUTS_PER_WRITER):
        """Concurrent PUTs of firm facts; returns ({firm: [acked versions]}, [other replies])."""
        acked = {f[0]: [] for f in firms}
        others = []
        lock = threading.Lock()

        def writer(i):
            c = harness.Client(port, timeout=30)
            try:
                for k in range(puts):
                    firm, tok, code = firms[(i + k) % len(firms)]
                    body = json.dumps(facts_doc(code, "440305", 5000000000 + i * 1000 + k))
                    try:
                        r = c.request("PUT", "/v1/firms/%d/facts/2025" % firm, body=body,
                                      headers={"Authorization": "Bearer " + tok,
                                               "Content-Type": "application/json"})
                    except Exception as e:  # noqa: BLE001 - counted, reported below
                        with lock:
                            others.append(repr(e))
                        c.close()
                        c = harness.Client(port, timeout=30)
                        continue
                    with lock:
                        if r.status in (200, 201):
                            acked[firm].append(r.json()["version"])
                        else:
                            others.append(r)
            finally:
                c.close()

        threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        sys.stderr.write("[%s: %d acknowledged, %d other replies] " % (
            self._testMethodName, sum(len(v) for v in acked.values()), len(others)))
        return acked, others

    def assert_acked_exist(self, acked):
        for firm, versions in acked.items():
            rows = harness.psql("SELECT coalesce(string_agg(version::text, ',' ORDER BY version), '')"
                                " FROM firm_facts WHERE firm_id = %d AND fiscal_year = 2025" % firm)
            have = set(int(v) for v in rows.split(",") if v)
            self.assertEqual(len(versions), len(set(versions)), "a version acknowledged twice")
            self.assertEqual(sorted(versions), sorted(have),
                             "firm %d: acknowledged %d writes, %d rows exist (lost: %s)"
                             % (firm, len(versions), len(have), sorted(set(versions) - have)[:10]))
            audits = int(harness.psql("SELECT count(*) FROM audit_event WHERE stream = 'firm:%d'"
                                      " AND action = 'facts.put'" % firm))
            self.assertEqual(audits, len(have), "firm %d: audit events and rows differ" % firm)

    def assert_conflicts_only(self, others):
        for r in others:
            self.assertIsInstance(r, harness.Response, r)
            assert_problem(self, r, 503, "database-conflict")
            self.assertEqual(r.header("Retry-After"), "1")

    def test_deferred_trigger_failing_at_commit_is_never_acknowledged(self):
        srv = harness.shared_server()
        firms = self.register(srv.port)
        ids = ",".join(str(f[0]) for f in firms)
        always = firms[0][0]
        # The statement succeeds; the deferred trigger fails the COMMIT: always for
        # one firm, half of the time for the others.
        super_psql("""
            CREATE FUNCTION test_commit_fail() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.firm_id = %d OR (NEW.firm_id IN (%s) AND random() < 0.5) THEN
                    RAISE EXCEPTION 'injected commit failure' USING ERRCODE = '40001';
                END IF;
                RETURN NULL;
            END $$;
            CREATE CONSTRAINT TRIGGER test_commit_fail AFTER INSERT ON firm_facts
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_commit_fail();
        """ % (always, ids))
        try:
            acked, others = self.hammer(srv.port, firms, writers=8, puts=25)
        finally:
            super_psql("DROP TRIGGER test_commit_fail ON firm_facts; DROP FUNCTION test_commit_fail();")
        self.assertEqual(acked[always], [], "a write that failed at every commit was acknowledged")
        self.assertGreater(sum(len(v) for v in acked.values()), 0, "no write succeeded at all")
        self.assertGreater(len(others), 0, "no commit failed at all")
        self.assert_acked_exist(acked)
        self.assert_conflicts_only(others)

    def test_serializable_writers_lose_no_acknowledged_write(self):
        super_psql("ALTER ROLE peiyu_app SET default_transaction_isolation = 'serializable'")
        srv = None
        try:
            # A server of its own: its connections open after the role changed.
            srv = harness.Server(["--threads", "2", "--db-pool-size", "4"],
                                 name="peiyud (serializable)").start()
            self.assertEqual(harness.psql("SELECT current_setting('default_transaction_isolation')"),
                             "read committed")  # the owner's sessions are unchanged
            firms = self.register(srv.port)
            acked, others = self.hammer(srv.port, firms)
        finally:
            super_psql("ALTER ROLE peiyu_app RESET default_transaction_isolation")
            if srv:
                srv.stop_and_check(self)
                srv.cleanup()
        self.assertGreater(sum(len(v) for v in acked.values()), WRITERS, "too few writes succeeded")
        self.assert_acked_exist(acked)
        self.assert_conflicts_only(others)


if __name__ == "__main__":
    unittest.main()
