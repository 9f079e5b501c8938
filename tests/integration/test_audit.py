"""The audit trail's guarantees (DESIGN.md "Audit"): every change appends a
hash-chained event in the same transaction; nobody can change or remove an
event (the service role lacks the privilege, and a trigger refuses everyone,
superusers included); a change whose audit append fails is rolled back."""
import subprocess
import unittest

import harness
from harness import assert_problem
from accounts import bearer, new_uscc, user_with_token


def psql_as(role, sql):
    """Run sql as `app` (peiyu_app), `admin` (owner) or `super` (postgres); returns (rc, out+err)."""
    if not harness.TEST_PGDIR:
        raise unittest.SkipTest("PEIYU_TEST_PGDIR is not set")
    p = subprocess.run([harness.DEPLOY_PG, "psql", harness.TEST_PGDIR, role, "-X", "-q", "-At",
                        "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True, timeout=30)
    return p.returncode, p.stdout + p.stderr


class AuditTrail(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()
        _, cls.admin = user_with_token("admin")

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    def register(self, **over):
        body = {"uscc": new_uscc(), "name": "审计测试科技有限公司", "registered_on": "2020-05-06",
                "region_code": "410411", "industry_code": "I6513"}
        body.update(over)
        return self.c.post_json("/v1/firms", body, headers=bearer(self.admin))

    def test_chain_links_and_hashes(self):
        r = self.register()
        self.assertEqual(r.status, 201, r)
        fid = r.json()["id"]
        self.assertEqual(self.c.request("PATCH", "/v1/firms/%d" % fid, body='{"name":"审计测试二号公司"}',
                                        headers=dict(bearer(self.admin), **{
                                            "Content-Type": "application/json", "If-Match": '"1"'})).status, 200)
        rows = harness.psql(
            "SELECT seq, prev_hash = lag(hash, 1, repeat('0', 64)) OVER (ORDER BY seq),"
            " hash = encode(sha256(convert_to(prev_hash || audit_canonical(e), 'UTF8')), 'hex')"
            " FROM audit_event e WHERE stream = 'firm:%d' ORDER BY seq" % fid)
        self.assertEqual(rows.splitlines(), ["1|t|t", "2|t|t"])
        head = harness.psql("SELECT seq || ' ' || (hash = (SELECT hash FROM audit_event"
                            " WHERE stream = 'firm:%d' AND seq = 2)) FROM audit_head"
                            " WHERE stream = 'firm:%d'" % (fid, fid))
        self.assertEqual(head, "2 true")
        rid = harness.psql("SELECT request_id FROM audit_event WHERE stream = 'firm:%d' AND seq = 2" % fid)
        self.assertTrue(rid)

    def test_service_role_cannot_change_or_remove_events(self):
        self.assertEqual(self.register().status, 201)
        for sql in ("UPDATE audit_event SET reason = 'x'", "DELETE FROM audit_event",
                    "TRUNCATE audit_event",
                    "INSERT INTO audit_event (stream, seq, at, actor, action, entity, entity_id,"
                    " prev_hash, hash) VALUES ('system', 999999, now(), 'x', 'x.y', 'x', '1',"
                    " repeat('0', 64), repeat('0', 64))",
                    "UPDATE audit_head SET seq = 0"):
            rc, out = psql_as("app", sql)
            self.assertNotEqual(rc, 0, sql)
            self.assertIn("permission denied", out, sql)

    def test_trigger_refuses_even_the_owner_and_superuser(self):
        self.assertEqual(self.register().status, 201)
        for role in ("admin", "super"):
            for sql in ("UPDATE audit_event SET reason = 'x' WHERE id = (SELECT max(id) FROM audit_event)",
                        "DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)",
                        "TRUNCATE audit_event CASCADE"):
                rc, out = psql_as(role, sql)
                self.assertNotEqual(rc, 0, (role, sql))
                self.assertIn("audit events cannot be changed or removed", out, (role, sql))

    def test_a_change_whose_audit_append_fails_is_rolled_back(self):
        uscc = new_uscc()
        rc, out = psql_as("super", """
            CREATE OR REPLACE FUNCTION test_fail_firm_register() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.action = 'firm.register' THEN RAISE EXCEPTION 'injected audit failure'; END IF;
            RETURN NEW; END $$;
            CREATE TRIGGER test_fail_firm_register BEFORE INSERT ON audit_event
                FOR EACH ROW EXECUTE FUNCTION test_fail_firm_register();""")
        self.assertEqual(rc, 0, out)
        try:
            r = self.register(uscc=uscc)
            assert_problem(self, r, 500, "internal")
        finally:
            psql_as("super", "DROP TRIGGER IF EXISTS test_fail_firm_register ON audit_event;"
                             " DROP FUNCTION IF EXISTS test_fail_firm_register()")
        self.assertEqual(harness.psql("SELECT count(*) FROM firm WHERE uscc = '%s'" % uscc), "0")
        r = self.register(uscc=uscc)  # the same firm registers fine once auditing works again
        self.assertEqual(r.status, 201, r)
        fid = r.json()["id"]
        self.assertEqual(harness.psql("SELECT count(*) FROM audit_event WHERE stream = 'firm:%d'" % fid), "1")


if __name__ == "__main__":
    unittest.main()
