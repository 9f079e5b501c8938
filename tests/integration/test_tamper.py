"""Tamper evidence: signed checkpoints (sql/migrations/0015_checkpoints.sql,
lib/auth/merkle.h), GET /v1/audit/key, GET /v1/audit/verify and
`peiyuctl audit checkpoint|export|verify`.

A superuser edits, deletes and reorders events of a private stream (the
immutability trigger disabled inside one transaction), and forges a
checkpoint signature; the API, `peiyuctl audit verify` from the database
and from an exported file each name exactly the broken event. Every
tampering is undone before the test ends, so the shared database stays
intact for the other tests."""
import json
import os
import secrets
import shutil
import subprocess
import tempfile
import time
import unittest

import harness
from harness import assert_problem
from accounts import bearer, user_with_token


def super_psql(sql):
    """psql as the cluster's superuser when the test cluster is known, else the owner."""
    if harness.TEST_PGDIR and os.path.exists(harness.DEPLOY_PG):
        cmd = [harness.DEPLOY_PG, "psql", harness.TEST_PGDIR, "super", "-X", "-q",
               "-v", "ON_ERROR_STOP=1", "-At", "-c", sql]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        if p.returncode != 0:
            raise RuntimeError("psql failed: %s" % p.stderr)
        return p.stdout.strip()
    return harness.psql(sql)


def untriggered(table, sql):
    """Run sql with the immutability triggers of table disabled, in one transaction."""
    return super_psql("BEGIN; ALTER TABLE %s DISABLE TRIGGER USER; %s; "
                      "ALTER TABLE %s ENABLE TRIGGER USER; COMMIT;" % (table, sql, table))


def ctl(*args, env=None):
    e = dict(os.environ)
    if harness.ADMIN_DATABASE_URL:
        e["PEIYU_ADMIN_DATABASE_URL"] = harness.ADMIN_DATABASE_URL
    e.pop("PEIYU_AUDIT_KEY_FILE", None)
    e.update(env or {})
    return subprocess.run([harness.PEIYUCTL] + list(args), env=e, capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)


class Tamper(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="peiyu-tamper-")
        cls.key = os.path.join(cls.dir, "audit.pem")
        p = ctl("audit", "keygen", "--out", cls.key)
        if p.returncode != 0:
            raise RuntimeError(p.stderr)
        cls.key_id = p.stdout.split("key_id: ")[1].strip()
        cls.pub = os.path.join(cls.dir, "audit.pub.pem")
        with open(cls.pub, "w") as f:
            f.write(p.stdout.split("key_id:")[0])
        cls.srv = harness.Server(["--threads", "2"], env={
            "PEIYU_AUDIT_KEY_FILE": cls.key, "PEIYU_AUDIT_CHECKPOINT_S": "1"},
            name="peiyud (audit key)").start()
        cls.auditor = user_with_token("auditor", regions=("41",))[1]
        cls.admin = user_with_token("admin")[1]
        cls.officer = user_with_token("officer", regions=("41",))[1]
        cls.firm = user_with_token("firm")[1]
        # A private stream of four events (no firm row needed: streams are names).
        cls.stream = "firm:%d" % (900000000 + secrets.randbelow(99999999))
        ids = []
        for i in range(4):
            ids.append(int(harness.psql(
                "SELECT audit_append('%s', NULL, 'tamper-test', 'test.step', 'test', '%d',"
                " NULL, '{\"n\": %d, \"amount_fen\": 1500}', 'step %d', NULL)"
                % (cls.stream, i, i, i))))
        cls.ids = ids  # ids[k] is seq k + 1
        p = ctl("audit", "checkpoint", "--key", cls.key)
        if p.returncode != 0:
            raise RuntimeError(p.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    # -- helpers -------------------------------------------------------------

    def api_verify(self):
        r = self.srv.client().get("/v1/audit/verify", headers=bearer(self.auditor))
        self.assertEqual(r.status, 200, r.body)
        return r.json()

    def ctl_verify_db(self):
        p = ctl("audit", "verify", "--public-key", self.pub)
        return p.returncode, json.loads(p.stdout), p.stderr

    def ctl_verify_file(self, edit=None):
        path = os.path.join(self.dir, "export-%s.jsonl" % secrets.token_hex(3))
        p = ctl("audit", "export", "--out", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        if edit:
            with open(path) as f:
                lines = [json.loads(l) for l in f]
            edit(lines)
            with open(path, "w") as f:
                for l in lines:
                    f.write(json.dumps(l, ensure_ascii=False) + "\n")
        p = ctl("audit", "verify", "--file", path, "--public-key", self.pub)
        return p.returncode, json.loads(p.stdout), p.stderr

    def assert_broken_everywhere(self, seq, event_id, reason_has, file_reason_has=None):
        """The API, the database verifier and the file verifier all name this event."""
        want = {"stream": self.stream, "seq": seq, "id": event_id}
        v = self.api_verify()
        self.assertFalse(v["ok"], v)
        fb = v["first_broken"]
        self.assertEqual({k: fb[k] for k in want}, want, v)
        self.assertIn(reason_has, fb["reason"])
        rc, out, err = self.ctl_verify_db()
        self.assertEqual(rc, 1, err)
        self.assertEqual({k: out["first_broken"][k] for k in want}, want, out)
        self.assertIn(reason_has, out["first_broken"]["reason"])
        self.assertIn("seq %d" % seq, err)
        rc, out, err = self.ctl_verify_file()
        self.assertEqual(rc, 1, err)
        self.assertEqual({k: out["first_broken"][k] for k in want}, want, out)
        self.assertIn(file_reason_has or reason_has, out["first_broken"]["reason"])

    def assert_intact(self):
        v = self.api_verify()
        self.assertTrue(v["ok"], v)
        self.assertIsNone(v["first_broken"])
        rc, out, err = self.ctl_verify_db()
        self.assertEqual((rc, out["ok"]), (0, True), (out, err))
        rc, out, err = self.ctl_verify_file()
        self.assertEqual((rc, out["ok"]), (0, True), (out, err))

    # -- intact --------------------------------------------------------------

    def test_01_intact_history_verifies(self):
        v = self.api_verify()
        self.assertTrue(v["ok"], v)
        self.assertTrue(v["signatures_checked"])
        self.assertGreaterEqual(v["checkpoints_checked"], 1)
        self.assertGreaterEqual(v["events_checked"], 4)
        self.assertGreaterEqual(v["streams"], 1)
        self.assert_intact()

    def test_02_key_is_published(self):
        r = self.srv.client().get("/v1/audit/key")  # public: no token needed
        self.assertEqual(r.status, 200, r.body)
        body = r.json()
        self.assertEqual(body["key_id"], self.key_id)
        self.assertEqual(body["algorithm"], "Ed25519")
        with open(self.pub) as f:
            self.assertEqual(body["public_key_pem"].strip(), f.read().strip())

    def test_03_no_key_no_checkpoints(self):
        srv = harness.shared_server()
        r = srv.client().get("/v1/audit/key")
        assert_problem(self, r, 404, "not-found")
        r = srv.client().get("/v1/audit/verify", headers=bearer(self.auditor))
        self.assertEqual(r.status, 200, r.body)
        self.assertFalse(r.json()["signatures_checked"])

    def test_04_periodic_checkpoint(self):
        before = int(harness.psql("SELECT count(*) FROM audit_checkpoint"))
        harness.psql("SELECT audit_append('%s', NULL, 'tamper-test', 'test.step', 'test', 'p',"
                     " NULL, NULL, NULL, NULL)" % self.stream)
        type(self).ids.append(int(harness.psql(
            "SELECT id FROM audit_event WHERE stream = '%s' ORDER BY seq DESC LIMIT 1"
            % self.stream)))
        deadline = time.time() + 15
        while time.time() < deadline:
            n = int(harness.psql("SELECT count(*) FROM audit_checkpoint WHERE key_id = '%s'"
                                 % self.key_id))
            if int(harness.psql("SELECT count(*) FROM audit_checkpoint")) > before and n >= 2:
                break
            time.sleep(0.3)
        else:
            self.fail("peiyud wrote no checkpoint in 15 s")
        self.assertIn("audit checkpoint stored", self.srv.stderr())
        self.assert_intact()

    # -- tampering -----------------------------------------------------------

    def test_10_edited_event_is_named(self):
        target = self.ids[1]
        old = harness.psql("SELECT after::text FROM audit_event WHERE id = %d" % target)
        untriggered("audit_event", "UPDATE audit_event SET after = '{\"n\": 1, \"amount_fen\": 150000}'"
                    " WHERE id = %d" % target)
        try:
            self.assert_broken_everywhere(2, target, "does not match the event's content")
        finally:
            untriggered("audit_event", "UPDATE audit_event SET after = '%s' WHERE id = %d"
                        % (old, target))
        self.assert_intact()

    def test_11_edited_field_in_export_is_named(self):
        target = self.ids[2]

        def edit(lines):
            for l in lines:
                if l.get("type") == "event" and l["id"] == target:
                    l["after"]["amount_fen"] = 999
        rc, out, err = self.ctl_verify_file(edit)
        self.assertEqual(rc, 1, err)
        fb = out["first_broken"]
        self.assertEqual((fb["stream"], fb["seq"], fb["id"]), (self.stream, 3, target))
        self.assertIn("field after", fb["reason"])

        def edit_both(lines):  # field and canonical text edited alike: the hash catches it
            for l in lines:
                if l.get("type") == "event" and l["id"] == target:
                    l["reason"] = "rewritten"
                    l["canonical"] = l["canonical"].replace('"step 2"', '"rewritten"')
        rc, out, err = self.ctl_verify_file(edit_both)
        self.assertEqual(rc, 1, err)
        self.assertEqual(out["first_broken"]["id"], target)
        self.assertIn("does not match", out["first_broken"]["reason"])

    def test_12_deleted_event_is_named(self):
        gone = self.ids[1]
        row = harness.psql("SELECT row_to_json(e)::text FROM audit_event e WHERE id = %d" % gone)
        untriggered("audit_event", "DELETE FROM audit_event WHERE id = %d" % gone)
        try:
            self.assert_broken_everywhere(3, self.ids[2], "event seq 2 is missing")
        finally:
            untriggered("audit_event",
                        "INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM"
                        " json_populate_record(NULL::audit_event, '%s')" % row.replace("'", "''"))
        self.assert_intact()

    def test_13_reordered_chain_is_named(self):
        a, b = self.ids[1], self.ids[2]  # seq 2 and 3
        swap = ("UPDATE audit_event SET seq = -1 WHERE id = %d; "
                "UPDATE audit_event SET seq = 2 WHERE id = %d; "
                "UPDATE audit_event SET seq = 3 WHERE id = %d")
        untriggered("audit_event", swap % (a, b, a))
        try:
            self.assert_broken_everywhere(2, b, "prev_hash")
        finally:
            untriggered("audit_event", swap % (b, a, b))
        self.assert_intact()

    def test_14_forged_checkpoint_is_detected(self):
        heads = harness.psql("SELECT heads FROM audit_checkpoint_heads()")
        row = harness.psql("SELECT merkle_root || ' ' || stream_count FROM audit_checkpoint"
                           " WHERE key_id = '%s' ORDER BY id DESC LIMIT 1" % self.key_id)
        # Forge: the current heads, a made-up root and a signature of the right shape.
        forged_sig = "A" * 86 + "=="
        ck = harness.psql(
            "SELECT audit_checkpoint_insert(%d, '%s', '%s', '%s', '%s', 0)"
            % (len(json.loads(heads)), heads.replace("'", "''"), row.split()[0], forged_sig,
               self.key_id))
        try:
            v = self.api_verify()
            self.assertFalse(v["ok"])
            fb = v["first_broken"]
            self.assertEqual(fb["checkpoint_id"], int(ck), v)
            self.assertIsNone(fb["stream"])
            rc, out, err = self.ctl_verify_db()
            self.assertEqual(rc, 1, err)
            self.assertEqual(out["first_broken"]["checkpoint_id"], int(ck))
            rc, out, err = self.ctl_verify_file()
            self.assertEqual(rc, 1, err)
            self.assertEqual(out["first_broken"]["checkpoint_id"], int(ck))
        finally:
            untriggered("audit_checkpoint", "DELETE FROM audit_checkpoint WHERE id = %s" % ck)
        # A valid root with a forged signature, in the export only.
        def forge(lines):
            for l in lines:
                if l.get("type") == "checkpoint" and l["key_id"] == self.key_id:
                    l["signature"] = forged_sig
                    break
        rc, out, err = self.ctl_verify_file(forge)
        self.assertEqual(rc, 1, err)
        self.assertIn("signature does not verify", out["first_broken"]["reason"])
        self.assert_intact()

    def test_15_checkpoint_with_unknown_head_is_refused(self):
        with self.assertRaises(RuntimeError) as e:
            harness.psql(
                "SELECT audit_checkpoint_insert(1, '[{\"stream\": \"%s\", \"seq\": 99,"
                " \"hash\": \"%s\"}]', '%s', '%s', '%s', 0)"
                % (self.stream, "0" * 64, "0" * 64, "A" * 86 + "==", self.key_id))
        self.assertIn("not an event of the log", str(e.exception))

    def test_16_checkpoints_are_immutable(self):
        with self.assertRaises(RuntimeError):
            harness.psql("UPDATE audit_checkpoint SET merkle_root = repeat('0', 64)")
        with self.assertRaises(RuntimeError):
            harness.psql("DELETE FROM audit_checkpoint")

    # -- who may verify ------------------------------------------------------

    def test_20_auditors_and_admins_only(self):
        c = self.srv.client()
        self.assertEqual(c.get("/v1/audit/verify", headers=bearer(self.admin)).status, 200)
        assert_problem(self, c.get("/v1/audit/verify", headers=bearer(self.firm)), 403,
                       "forbidden")
        assert_problem(self, c.get("/v1/audit/verify", headers=bearer(self.officer)), 403,
                       "forbidden")
        assert_problem(self, c.get("/v1/audit/verify"), 401, "unauthenticated")
        assert_problem(self, c.get("/v1/audit/verify", headers=bearer("pyt_" + "x" * 43)), 401,
                       "unauthenticated")

    def test_21_ctl_usage(self):
        self.assertEqual(ctl("audit", "verify").returncode, 2)  # no key anywhere
        self.assertEqual(ctl("audit", "keygen", "--out", self.key).returncode, 1)  # no overwrite
        self.assertEqual(oct(os.stat(self.key).st_mode & 0o777), "0o600")
        self.assertEqual(ctl("audit", "bogus").returncode, 2)
        p = ctl("audit", "verify", "--file", "/nonexistent", "--public-key", self.pub)
        self.assertEqual(p.returncode, 2)


if __name__ == "__main__":
    unittest.main()
