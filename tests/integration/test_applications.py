"""Applications: POST /v1/applications (Idempotency-Key), GET /v1/applications/{id},
POST /v1/applications/{id}/submit | resubmit | withdraw.

Covers the transition table enforced in SQL, one live application per firm
and programme, the window, BOLA (404), stored verdicts (eligible → queued,
ineligible → screened_out with reasons) and that a stored verdict replays
identically from its snapshot with `peiyuctl eval`.
"""
import concurrent.futures
import datetime
import json
import os
import subprocess
import tempfile
import threading
import unittest
import uuid

import harness
from harness import assert_problem
from test_programs import (admin_token, auth, expire, firm_user, make_program, revoke, shanghai_today,
                           user)

FIXTURES = harness.FIXTURES
ELIGIBLE = "high_tech_review.json"   # tech_sme: eligible
INELIGIBLE = "eligible.json"         # tech_sme: ineligible (score 48 < 60)


def fixture(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return json.load(f)


def put_facts(client, token, firm_id, year, doc):
    """File facts through PUT /v1/firms/{id}/facts/{year} when the facts
    migration is there, else insert a version as the admin database user."""
    if harness.psql("SELECT to_regproc('facts_put') IS NOT NULL") == "t":
        h = {"Content-Type": "application/json"}
        h.update(auth(token))
        r = client.request("PUT", "/v1/firms/%d/facts/%d" % (firm_id, year), body=json.dumps(doc), headers=h)
        if r.status not in (200, 201):
            raise RuntimeError("facts PUT failed: %r" % r)
        return
    text = json.dumps(doc).replace("'", "''")
    harness.psql(
        "INSERT INTO firm_facts (firm_id, fiscal_year, version, doc, doc_sha256, created_by)"
        " SELECT %d, %d, coalesce(max(version), 0) + 1, '%s'::jsonb,"
        " encode(sha256(convert_to('%s', 'UTF8')), 'hex'), (SELECT min(id) FROM app_user)"
        " FROM firm_facts WHERE firm_id = %d AND fiscal_year = %d"
        % (firm_id, year, text, text, firm_id, year))


class Applications(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()
        c = cls.srv.client()
        cls.program = make_program(c)
        cls.year = cls.program["fiscal_year"]
        cls.closed = make_program(c, opens_at="2020-01-01", closes_at="2020-12-31")
        c.close()

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    # -- helpers --------------------------------------------------------------------

    def firm(self, facts=ELIGIBLE, region="440305"):
        token, fid = firm_user(self.c, region)
        if facts:
            put_facts(self.c, token, fid, self.year, self.facts_for(token, fid, facts))
        return token, fid

    def facts_for(self, token, fid, name):
        """Fixture `name` restated as the registered firm's (USCC and region)."""
        f = self.c.get("/v1/firms/%d" % fid, headers=auth(token)).json()
        doc = fixture(name)
        doc["firm"]["uscc"] = f["uscc"]
        doc["firm"]["region_code"] = f["region_code"]
        return doc

    def create(self, token, body, key=None):
        h = auth(token)
        if key is not False:
            h["Idempotency-Key"] = key or str(uuid.uuid4())
        return self.c.post_json("/v1/applications", body, headers=h)

    def command(self, token, app_id, action, etag, body=None):
        h = auth(token)
        if etag is not None:
            h["If-Match"] = etag
        if body is None:
            return self.c.request("POST", "/v1/applications/%d/%s" % (app_id, action), headers=h)
        return self.c.post_json("/v1/applications/%d/%s" % (app_id, action), body, headers=h)

    def applied(self, token, fid, program=None):
        r = self.create(token, {"firm_id": fid, "program_id": (program or self.program)["id"]})
        self.assertEqual(r.status, 201, r)
        return r.json()

    # -- create and idempotency ---------------------------------------------------------

    def test_create_draft_with_history_and_audit(self):
        token, fid = self.firm()
        r = self.create(token, {"firm_id": fid, "program_id": self.program["id"]})
        self.assertEqual(r.status, 201, r)
        a = r.json()
        self.assertEqual((a["state"], a["version"], a["firm_id"], a["verdict"]), ("draft", 1, fid, None))
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(r.header("Location"), "/v1/applications/%d" % a["id"])
        self.assertEqual([(m["from"], m["to"], m["action"]) for m in a["moves"]], [(None, "draft", "create")])
        ev = harness.psql("SELECT stream || ' ' || action FROM audit_event WHERE entity = 'application'"
                          " AND entity_id = '%d'" % a["id"])
        self.assertEqual(ev, "firm:%d application.create" % fid)

    def test_idempotency_key_replays_and_conflicts(self):
        token, fid = self.firm()
        body = {"firm_id": fid, "program_id": self.program["id"]}
        key = str(uuid.uuid4())
        first = self.create(token, body, key)
        self.assertEqual(first.status, 201, first)
        # same key, same body (keys in another order): the first response again
        again = self.create(token, {"program_id": self.program["id"], "firm_id": fid}, key)
        self.assertEqual((again.status, again.json()), (201, first.json()))
        self.assertEqual(again.header("Location"), first.header("Location"))
        self.assertEqual(harness.psql("SELECT count(*) FROM application WHERE firm_id = %d" % fid), "1")
        # same key, another body: 422
        p = assert_problem(self, self.create(token, {"firm_id": fid, "program_id": self.closed["id"]}, key),
                           422, "unprocessable", field="Idempotency-Key")
        self.assertIn("different request", p["detail"])
        # a new key for the same firm and programme: one live application only
        assert_problem(self, self.create(token, body), 409, "conflict", field="program_id")

    def test_idempotency_key_in_progress_is_409(self):
        token, fid = self.firm()
        body = {"firm_id": fid, "program_id": self.program["id"]}
        key = str(uuid.uuid4())
        uid = harness.psql("SELECT id FROM app_user WHERE firm_id = %d" % fid)
        # hold the key's advisory lock as another transaction would while creating
        lock = subprocess.Popen(harness.psql_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        lock.stdin.write("BEGIN;\nSELECT pg_advisory_xact_lock(hashtextextended('idem:%s:%s', 0));\n"
                         "\\echo locked\n" % (uid, key))
        lock.stdin.flush()
        while lock.stdout.readline().strip() != "locked":
            pass
        try:
            assert_problem(self, self.create(token, body, key), 409, "conflict", field="Idempotency-Key")
        finally:
            lock.stdin.write("COMMIT;\n")
            lock.stdin.close()
            lock.wait(timeout=15)
        self.assertEqual(self.create(token, body, key).status, 201)

    def test_concurrent_same_key_creates_once(self):
        token, fid = self.firm()
        body = {"firm_id": fid, "program_id": self.program["id"]}
        key = str(uuid.uuid4())

        def one(_):
            c = self.srv.client()
            try:
                h = auth(token)
                h["Idempotency-Key"] = key
                r = c.post_json("/v1/applications", body, headers=h)
                return r.status, r.json()
            finally:
                c.close()
        with concurrent.futures.ThreadPoolExecutor(8) as ex:
            results = list(ex.map(one, range(8)))
        self.assertTrue(all(s in (201, 409) for s, _ in results), results)
        created = {b["id"] for s, b in results if s == 201}
        self.assertEqual(len(created), 1, results)
        self.assertEqual(harness.psql("SELECT count(*) FROM application WHERE firm_id = %d" % fid), "1")

    def test_create_needs_idempotency_key(self):
        token, fid = self.firm()
        body = {"firm_id": fid, "program_id": self.program["id"]}
        assert_problem(self, self.create(token, body, key=False), 400, "bad-request", field="Idempotency-Key")
        assert_problem(self, self.create(token, body, key="a b"), 400, "bad-request", field="Idempotency-Key")
        assert_problem(self, self.create(token, body, key="k" * 256), 400, "bad-request", field="Idempotency-Key")

    def test_create_bad_bodies(self):
        token, fid = self.firm(facts=None)
        cases = [
            ("missing program", {"firm_id": fid}, "missing-field", "program_id"),
            ("missing firm", {"program_id": 1}, "missing-field", "firm_id"),
            ("string id", {"firm_id": str(fid), "program_id": 1}, "invalid-field", "firm_id"),
            ("zero id", {"firm_id": fid, "program_id": 0}, "invalid-field", "program_id"),
            ("unknown field", {"firm_id": fid, "program_id": 1, "state": "queued"}, "unknown-field", "state"),
        ]
        for n, (name, body, slug, field) in enumerate(cases, 1):
            with self.subTest(case=n, name=name):
                assert_problem(self, self.create(token, body), 400, slug, field=field)
        h = auth(token)
        h["Idempotency-Key"] = "x1"
        assert_problem(self, self.c.post_json("/v1/applications", "{", headers=h), 400, "malformed-json")
        r = self.c.post_json("/v1/applications", {"firm_id": fid, "program_id": 1, "pad": "x" * (2 << 20)}, headers=h)
        self.assertEqual(r.status, 413, r)

    def test_create_for_another_firm_is_404(self):
        token, _ = self.firm(facts=None)
        _, other = self.firm(facts=None)
        assert_problem(self, self.create(token, {"firm_id": other, "program_id": self.program["id"]}),
                       404, "not-found", field="firm_id")

    def test_create_programme_out_of_region_or_missing_is_404(self):
        token, fid = self.firm(facts=None)
        far = make_program(self.c, region_prefix="4104")
        assert_problem(self, self.create(token, {"firm_id": fid, "program_id": far["id"]}), 404, "not-found",
                       field="program_id")
        assert_problem(self, self.create(token, {"firm_id": fid, "program_id": 999999999}), 404, "not-found",
                       field="program_id")

    def test_create_outside_window_is_422(self):
        token, fid = self.firm(facts=None)
        p = assert_problem(self, self.create(token, {"firm_id": fid, "program_id": self.closed["id"]}),
                           422, "unprocessable", field="program_id")
        self.assertIn("2020-01-01T00:00:00+08:00", p["detail"])
        self.assertIn("2021-01-01T00:00:00+08:00", p["detail"])

    def test_officials_cannot_apply(self):
        for role in ("officer", "admin", "auditor"):
            with self.subTest(role=role):
                _, t = user(role, regions=("4403",) if role != "admin" else ())
                assert_problem(self, self.create(t, {"firm_id": 1, "program_id": self.program["id"]}), 403, "forbidden")

    def test_unauthenticated(self):
        token, fid = self.firm(facts=None)
        a = self.applied(token, fid)
        _, t1 = user("firm")
        expire(t1)
        _, t2 = user("firm")
        revoke(t2)
        for name, t in (("expired", t1), ("revoked", t2)):
            with self.subTest(name=name):
                assert_problem(self, self.create(t, {"firm_id": fid, "program_id": 1}), 401, "unauthenticated")
                assert_problem(self, self.c.get("/v1/applications/%d" % a["id"], headers=auth(t)), 401, "unauthenticated")
                assert_problem(self, self.command(t, a["id"], "submit", '"1"'), 401, "unauthenticated")
        assert_problem(self, self.c.get("/v1/applications/%d" % a["id"]), 401, "unauthenticated")

    # -- get ---------------------------------------------------------------------------

    def test_get_is_scoped(self):
        token, fid = self.firm(facts=None)
        a = self.applied(token, fid)
        r = self.c.get("/v1/applications/%d" % a["id"], headers=auth(token))
        self.assertEqual((r.status, r.header("ETag"), r.json()["state"]), (200, '"1"', "draft"))
        other, _ = self.firm(facts=None)
        assert_problem(self, self.c.get("/v1/applications/%d" % a["id"], headers=auth(other)), 404, "not-found")
        _, near = user("officer", regions=("4403",))
        self.assertEqual(self.c.get("/v1/applications/%d" % a["id"], headers=auth(near)).status, 200)
        _, far = user("auditor", regions=("4104",))
        assert_problem(self, self.c.get("/v1/applications/%d" % a["id"], headers=auth(far)), 404, "not-found")
        self.assertEqual(self.c.get("/v1/applications/%d" % a["id"], headers=auth(admin_token())).status, 200)
        assert_problem(self, self.c.get("/v1/applications/x", headers=auth(token)), 400, "invalid-parameter")

    # -- submit --------------------------------------------------------------------------

    def test_eligible_firm_is_queued_with_stored_verdict(self):
        token, fid = self.firm(ELIGIBLE)
        a = self.applied(token, fid)
        r = self.command(token, a["id"], "submit", '"1"')
        self.assertEqual(r.status, 200, r)
        b = r.json()
        self.assertEqual((b["state"], b["version"], b["flagged"]), ("queued", 2, False))
        self.assertEqual(r.header("ETag"), '"2"')
        v = b["verdict"]
        self.assertEqual((v["module"], v["outcome"], v["edition_id"], v["facts_version"], v["fiscal_year"]),
                         ("tech_sme", "eligible", "tech_sme/2017-115", 1, self.year))
        self.assertEqual(v["reasons"], [])
        self.assertTrue(v["engine_version"].startswith("peiyu-rules/"))
        self.assertEqual(len(v["snapshot_sha256"]), 64)
        self.assertEqual([m["action"] for m in b["moves"]], ["create", "submit"])
        ev = harness.psql("SELECT string_agg(action, ',' ORDER BY seq) FROM audit_event"
                          " WHERE stream = 'firm:%d' AND entity = 'application'" % fid)
        self.assertEqual(ev, "application.create,application.submit")
        # submitting again is not a move the table allows
        assert_problem(self, self.command(token, a["id"], "submit", '"2"'), 409, "conflict", field="state")

    def test_ineligible_firm_is_screened_out_with_reasons(self):
        token, fid = self.firm(INELIGIBLE)
        a = self.applied(token, fid)
        r = self.command(token, a["id"], "submit", '"1"')
        self.assertEqual(r.status, 200, r)
        b = r.json()
        self.assertEqual((b["state"], b["verdict"]["outcome"]), ("screened_out", "ineligible"))
        reasons = b["verdict"]["reasons"]
        self.assertIn({"criterion": "score", "score": 48, "message_zh": "综合评分 48 分，未达到合格分数"}, reasons)
        self.assertIn("screened out by tech_sme", b["moves"][-1]["reason"])
        # screened out is not live: the firm may apply again
        self.applied(token, fid)

    def test_submit_without_facts_is_422_naming_the_year(self):
        token, fid = self.firm(facts=None)
        a = self.applied(token, fid)
        p = assert_problem(self, self.command(token, a["id"], "submit", '"1"'), 422, "unprocessable", field="facts")
        self.assertIn(str(self.year), p["detail"])
        self.assertEqual(harness.psql("SELECT state FROM application WHERE id = %d" % a["id"]), "draft")

    def test_submit_if_match_and_scope(self):
        token, fid = self.firm()
        a = self.applied(token, fid)
        assert_problem(self, self.command(token, a["id"], "submit", None), 428, "precondition-required")
        assert_problem(self, self.command(token, a["id"], "submit", '"7"'), 412, "precondition-failed")
        assert_problem(self, self.command(token, a["id"], "submit", 'nope'), 412, "precondition-failed")
        other, _ = self.firm()
        assert_problem(self, self.command(other, a["id"], "submit", '"1"'), 404, "not-found")
        _, off = user("officer", regions=("4403",))
        assert_problem(self, self.command(off, a["id"], "submit", '"1"'), 403, "forbidden")
        self.assertEqual(harness.psql("SELECT state || version FROM application WHERE id = %d" % a["id"]), "draft1")

    def test_submit_outside_window_is_422(self):
        token, fid = self.firm()
        prog = make_program(self.c)
        a = self.applied(token, fid, prog)
        harness.psql("UPDATE program SET opens_at = '2020-01-01', closes_at = '2020-02-01' WHERE id = %d" % prog["id"])
        p = assert_problem(self, self.command(token, a["id"], "submit", '"1"'), 422, "unprocessable", field="program_id")
        self.assertIn("closed", p["detail"])

    def test_stale_facts_version_is_refused(self):
        """The write refuses a facts version that is no longer the latest (409)."""
        token, fid = self.firm()
        a = self.applied(token, fid)
        verdict = json.dumps({"module": "tech_sme", "outcome": "eligible", "edition_id": "tech_sme/2017-115"})
        put_facts(self.c, token, fid, self.year, self.facts_for(token, fid, ELIGIBLE))
        uid = harness.psql("SELECT id FROM app_user WHERE firm_id = %d" % fid)
        # facts version 1 was read; version 2 is the latest now. SQLSTATE PY409 → 409 (app.c).
        harness.psql("DO $$ BEGIN PERFORM application_submit(%s, 'x', 'firm', %d, '{}', 'r', %d,"
                     " 'submit', 1, 1, 'e', current_date, '440305', '%s', '{}');"
                     " RAISE EXCEPTION 'a stale facts version was accepted';"
                     " EXCEPTION WHEN SQLSTATE 'PY409' THEN NULL; END $$" % (uid, fid, a["id"], verdict))
        self.assertEqual(harness.psql("SELECT state FROM application WHERE id = %d" % a["id"]), "draft")

    # -- withdraw and resubmit --------------------------------------------------------------

    def test_withdraw(self):
        token, fid = self.firm()
        a = self.applied(token, fid)
        assert_problem(self, self.command(token, a["id"], "withdraw", '"1"', {}), 400, "missing-field", field="reason")
        assert_problem(self, self.command(token, a["id"], "withdraw", None, {"reason": "x"}), 428, "precondition-required")
        other, _ = self.firm(facts=None)
        assert_problem(self, self.command(other, a["id"], "withdraw", '"1"', {"reason": "x"}), 404, "not-found")
        r = self.command(token, a["id"], "withdraw", '"1"', {"reason": "申报材料有误"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json()["state"], r.json()["moves"][-1]["reason"]), ("withdrawn", "申报材料有误"))
        assert_problem(self, self.command(token, a["id"], "withdraw", '"2"', {"reason": "again"}), 409, "conflict")
        # withdrawn is not live
        self.applied(token, fid)

    def test_withdraw_queued(self):
        token, fid = self.firm()
        a = self.applied(token, fid)
        self.assertEqual(self.command(token, a["id"], "submit", '"1"').json()["state"], "queued")
        r = self.command(token, a["id"], "withdraw", '"2"', {"reason": "不再申报"})
        self.assertEqual((r.status, r.json()["state"]), (200, "withdrawn"))

    def test_resubmit_after_return(self):
        token, fid = self.firm()
        a = self.applied(token, fid)
        assert_problem(self, self.command(token, a["id"], "resubmit", '"1"'), 409, "conflict", field="state")
        self.assertEqual(self.command(token, a["id"], "submit", '"1"').status, 200)
        # no route returns an application yet (issue 5): an officer's return, as the superuser
        harness.psql("UPDATE application SET state = 'returned', version = version + 1 WHERE id = %d" % a["id"])
        r = self.command(token, a["id"], "resubmit", '"3"')
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json()["state"], r.json()["version"]), ("queued", 4))
        self.assertEqual(harness.psql("SELECT count(*) FROM application_verdict WHERE application_id = %d" % a["id"]), "2")

    def test_transition_table_is_data(self):
        rows = harness.psql("SELECT from_state || '-' || action || '-' || to_state FROM application_state"
                            " WHERE role = 'firm' ORDER BY 1").split("\n")
        self.assertIn("draft-submit-queued", rows)
        self.assertIn("returned-resubmit-screened_out", rows)
        states = harness.psql("SELECT string_agg(DISTINCT to_state, ',') FROM application_state")
        for s in ("claimed", "returned", "approved", "rejected", "awaiting_second_approval", "disbursed"):
            self.assertIn(s, states)

    # -- verdicts ---------------------------------------------------------------------------

    def test_verdict_is_immutable(self):
        token, fid = self.firm()
        a = self.applied(token, fid)
        self.command(token, a["id"], "submit", '"1"')
        for sql in ("UPDATE application_verdict SET outcome = 'ineligible' WHERE application_id = %d",
                    "DELETE FROM application_verdict WHERE application_id = %d"):
            with self.subTest(sql=sql):
                with self.assertRaises(RuntimeError) as cm:
                    harness.psql(sql % a["id"])
                self.assertIn("cannot be changed", str(cm.exception))

    def test_stored_verdict_replays_identically(self):
        for facts in (ELIGIBLE, INELIGIBLE):
            with self.subTest(facts=facts):
                token, fid = self.firm(facts)
                a = self.applied(token, fid)
                self.assertEqual(self.command(token, a["id"], "submit", '"1"').status, 200)
                row = json.loads(harness.psql(
                    "SELECT json_build_object('snapshot', input_snapshot, 'sha', snapshot_sha256,"
                    " 'verdict', verdict, 'module', module, 'date', relevant_date, 'region', region,"
                    " 'check', encode(sha256(convert_to(input_snapshot::text, 'UTF8')), 'hex'))"
                    " FROM application_verdict WHERE application_id = %d" % a["id"]))
                self.assertEqual(row["sha"], row["check"])
                with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
                    json.dump(row["snapshot"], f, ensure_ascii=False)
                try:
                    p = subprocess.run([harness.PEIYUCTL, "eval", "--module", row["module"], "--facts", f.name,
                                        "--as-of", row["date"], "--region", row["region"]],
                                       capture_output=True, text=True, timeout=60)
                finally:
                    os.unlink(f.name)
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertEqual(json.loads(p.stdout), row["verdict"])

    # -- the registry is the authority over the document (0016) -------------------------------

    def hnte_program(self):
        if not hasattr(type(self), "hnte"):
            type(self).hnte = make_program(self.c, module="hnte_pool", name_en="HNTE pool entry")
        return type(self).hnte

    def recognition_dates(self):
        today = shanghai_today()
        return ((today - datetime.timedelta(days=30)).isoformat(),
                (today + datetime.timedelta(days=300)).isoformat())

    def stored_verdict(self, app_id):
        return json.loads(harness.psql(
            "SELECT json_build_object('snapshot', input_snapshot, 'sha', snapshot_sha256,"
            " 'check', encode(sha256(convert_to(input_snapshot::text, 'UTF8')), 'hex'),"
            " 'facts_version', facts_version, 'outcome', outcome, 'verdict', verdict)"
            " FROM application_verdict WHERE application_id = %d ORDER BY id DESC LIMIT 1" % app_id))

    def replay(self, app_id):
        """GET /v1/applications/{id}/replay (officials; as an admin)."""
        r = self.c.get("/v1/applications/%d/replay" % app_id, headers=auth(admin_token()))
        self.assertEqual(r.status, 200, r)
        return r.json()

    def test_submit_ignores_recognitions_the_registry_does_not_hold(self):
        """A tech_sme listed in the document but absent from the registry does not
        admit the firm to hnte_pool; the snapshot holds the registry's (none)."""
        prog = self.hnte_program()
        token, fid = self.firm(facts=None)
        granted, expires = self.recognition_dates()
        doc = self.facts_for(token, fid, ELIGIBLE)
        doc["recognitions"] = [{"kind": "tech_sme", "issued_on": granted, "expires_on": expires,
                                "number": "FAKE-%s" % uuid.uuid4().hex[:8]}]
        doc["firm"]["established_on"] = "1990-01-01"   # the firm row says 2015-01-01
        put_facts(self.c, token, fid, self.year, doc)
        filed = json.loads(harness.psql(
            "SELECT doc FROM firm_facts WHERE firm_id = %d ORDER BY version DESC LIMIT 1" % fid))
        self.assertEqual(len(filed["recognitions"]), 1)   # the firm's word is kept as filed
        a = self.applied(token, fid, prog)
        r = self.command(token, a["id"], "submit", '"1"')
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["state"], "screened_out")
        self.assertEqual(r.json()["verdict"]["outcome"], "ineligible")
        self.assertIn("recognition", [x.get("criterion") for x in r.json()["verdict"]["reasons"]])
        v = self.stored_verdict(a["id"])
        self.assertEqual(v["snapshot"]["recognitions"], [])
        self.assertEqual(v["snapshot"]["firm"]["established_on"], "2015-01-01")
        self.assertEqual(v["sha"], v["check"])
        # everything else is the filed facts version
        strip = lambda d: {k: x for k, x in d.items() if k not in ("recognitions", "firm")}
        self.assertEqual(strip(v["snapshot"]), strip(filed))
        self.assertTrue(self.replay(a["id"])["identical"])

    def test_submit_uses_recognitions_the_registry_holds(self):
        """A tech_sme the registry holds admits the firm to hnte_pool although its
        document does not list it; the snapshot shows the registry's row."""
        prog = self.hnte_program()
        token, fid = self.firm()
        granted, expires = self.recognition_dates()
        number = "T%s" % uuid.uuid4().hex[:10].upper()
        h = {"Content-Type": "application/json"}
        h.update(auth(admin_token()))
        g = self.c.request("POST", "/v1/firms/%d/recognitions" % fid, headers=h, body=json.dumps(
            {"kind": "tech_sme", "granted_on": granted, "expires_on": expires,
             "certificate_number": number}))
        self.assertEqual(g.status, 201, g)
        # granted after the relevant date: not in the snapshot
        late = (shanghai_today() + datetime.timedelta(days=5)).isoformat()
        g = self.c.request("POST", "/v1/firms/%d/recognitions" % fid, headers=h, body=json.dumps(
            {"kind": "little_giant", "granted_on": late, "expires_on": expires}))
        self.assertEqual(g.status, 201, g)
        a = self.applied(token, fid, prog)
        r = self.command(token, a["id"], "submit", '"1"')
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json()["state"], r.json()["verdict"]["outcome"]), ("queued", "eligible"))
        v = self.stored_verdict(a["id"])
        self.assertEqual(v["snapshot"]["recognitions"],
                         [{"kind": "tech_sme", "issued_on": granted, "expires_on": expires,
                           "number": number}])
        self.assertEqual(v["sha"], v["check"])
        replay = self.replay(a["id"])
        self.assertTrue(replay["identical"], replay)
        # the same document is still judged ineligible without the registry's row
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            snap = dict(v["snapshot"], recognitions=[])
            json.dump(snap, f, ensure_ascii=False)
        try:
            p = subprocess.run([harness.PEIYUCTL, "eval", "--module", "hnte_pool", "--facts", f.name,
                                "--as-of", shanghai_today().isoformat(), "--region", "440305"],
                               capture_output=True, text=True, timeout=60)
        finally:
            os.unlink(f.name)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout)["outcome"], "ineligible")

    def test_resubmit_reads_the_registry_again(self):
        """A recognition granted between submissions counts on resubmission."""
        prog = self.hnte_program()
        token, fid = self.firm()
        a = self.applied(token, fid, prog)
        r = self.command(token, a["id"], "submit", '"1"')
        self.assertEqual(r.json()["state"], "screened_out", r)
        granted, expires = self.recognition_dates()
        h = {"Content-Type": "application/json"}
        h.update(auth(admin_token()))
        g = self.c.request("POST", "/v1/firms/%d/recognitions" % fid, headers=h, body=json.dumps(
            {"kind": "tech_sme", "granted_on": granted, "expires_on": expires}))
        self.assertEqual(g.status, 201, g)
        a = self.applied(token, fid, prog)   # screened_out is not live: apply again
        r = self.command(token, a["id"], "submit", '"1"')
        self.assertEqual((r.json()["state"], r.json()["verdict"]["outcome"]), ("queued", "eligible"), r)
        self.assertEqual([x["kind"] for x in self.stored_verdict(a["id"])["snapshot"]["recognitions"]],
                         ["tech_sme"])

    def test_a_snapshot_other_than_the_merged_facts_is_refused(self):
        """application_submit stores only the latest facts version merged with the firm
        row: another document body or another identity is refused (409)."""
        token, fid = self.firm()
        a = self.applied(token, fid)
        uid = harness.psql("SELECT id FROM app_user WHERE firm_id = %d" % fid)
        verdict = json.dumps({"module": "tech_sme", "outcome": "eligible", "edition_id": "tech_sme/2017-115"})
        f = self.c.get("/v1/firms/%d" % fid, headers=auth(token)).json()
        doc = self.facts_for(token, fid, ELIGIBLE)
        doc["firm"]["established_on"] = f["registered_on"]
        doc["recognitions"] = []
        other_body = json.loads(json.dumps(doc))
        other_body["years"] = other_body["years"][:1] if isinstance(other_body["years"], list) else \
            dict(list(other_body["years"].items())[:1])
        other_firm = json.loads(json.dumps(doc))
        other_firm["firm"]["region_code"] = "440306"
        for bad in (other_body, other_firm, [1]):
            with self.subTest(bad=str(bad)[:60]):
                harness.psql("DO $$ BEGIN PERFORM application_submit(%s, 'x', 'firm', %d, '{}', 'r', %d,"
                             " 'submit', 1, 1, 'e', current_date, '440305', '%s', '%s');"
                             " RAISE EXCEPTION 'a foreign snapshot was accepted';"
                             " EXCEPTION WHEN SQLSTATE 'PY409' THEN NULL; END $$"
                             % (uid, fid, a["id"], verdict, json.dumps(bad, ensure_ascii=False).replace("'", "''")))
        self.assertEqual(harness.psql("SELECT state FROM application WHERE id = %d" % a["id"]), "draft")
        # the merged document itself is accepted
        r = self.command(token, a["id"], "submit", '"1"')
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.stored_verdict(a["id"])["snapshot"], doc)


if __name__ == "__main__":
    unittest.main()
