"""Decisions, four eyes, budgets, disbursement and recognitions from approvals:
POST /v1/applications/{id}/decision, POST /v1/applications/{id}/second-approval,
POST /v1/applications/{id}/disbursement, POST and GET /v1/officer-relations.

Fixtures: a claimed application is set up directly in SQL (as the admin
database user): an application in state `claimed` with claimed_by = its
officer and claim_expires_at in the future, and a stored verdict carrying the
award the rule module computed. This stands for "submitted, screened, and
claimed from the queue" (the queue's POST /v1/queue/claim is another
engineer's work); the recognition test goes through the real submit path.
"""
import concurrent.futures
import datetime
import hashlib
import json
import secrets
import unittest

import harness
from harness import assert_problem
from accounts import bearer, expire_token, revoke_token, user_with_token
from test_programs import admin_token, firm_user, make_program, new_uscc, shanghai_today
from test_applications import ELIGIBLE, fixture, put_facts

EDITION = "rd_subsidy/440307-longgang-2022"


def user_id(login):
    return int(harness.psql("SELECT id FROM app_user WHERE login = '%s'" % login))


def official(role, regions=("4403",)):
    """(token, user id) of a new official."""
    login, token = user_with_token(role, regions=regions)
    return token, user_id(login)


def firm_rows(n, region="440305"):
    """n firms inserted in SQL; returns their ids."""
    values = ",".join("('%s', true, '测试企业%d', '2015-01-01', '%s', 'I6513')"
                      % (new_uscc(region), i, region) for i in range(n))
    out = harness.psql("INSERT INTO firm (uscc, uscc_check_ok, name, registered_on, region_code,"
                       " industry_code) VALUES %s RETURNING id" % values)
    return [int(x) for x in out.split()]


def seed(program, firm_id, officer_id, award, claim="30 minutes", state="claimed",
         module="rd_subsidy", edition=EDITION):
    """A claimed application with a stored verdict computing `award` (fen or None).
    Returns its id; its version (ETag) is 3."""
    return int(harness.psql(
        "WITH a AS (INSERT INTO application (firm_id, program_id, state, version, relevant_date,"
        "  submitted_at, created_by, claimed_by, claim_expires_at)"
        "  VALUES (%d, %d, '%s', 3, current_date, now(), %d, %d, now() + interval '%s')"
        "  RETURNING id),"
        " v AS (INSERT INTO application_verdict (application_id, module, edition_id,"
        "  engine_version, fiscal_year, facts_version, relevant_date, region, input_snapshot,"
        "  snapshot_sha256, verdict, outcome, award_fen)"
        "  SELECT id, '%s', '%s', 'test', 2025, 1, current_date, '440305', '{}',"
        "  repeat('0', 64), '{\"outcome\": \"eligible\"}', 'eligible', %s FROM a)"
        " SELECT id FROM a"
        % (firm_id, program["id"], state, officer_id, officer_id, claim, module, edition,
           "NULL" if award is None else str(award))).splitlines()[0])


def app_row(app_id):
    out = harness.psql("SELECT state || ' ' || version || ' ' || coalesce(claimed_by::text, '-')"
                       " FROM application WHERE id = %d" % app_id)
    state, version, claimed = out.split()
    return state, int(version), claimed


def reserved(program):
    return int(harness.psql("SELECT reserved_fen FROM program WHERE id = %d" % program["id"]))


def officials_in_sql(n, role="officer", region="4403"):
    """n officials with tokens made in one SQL statement (for the concurrency
    test): [(token, user id)]."""
    tokens = ["pyt_" + secrets.token_urlsafe(32) for _ in range(n)]
    tag = secrets.token_hex(4)
    rows = ",".join("('%s.bulk.%s.%d', '%s', '{%s}', '%s')"
                    % (role, tag, i, role, region, hashlib.sha256(t.encode()).hexdigest())
                    for i, t in enumerate(tokens))
    out = harness.psql(
        "WITH x(login, role, prefixes, sha) AS (VALUES %s),"
        " u AS (INSERT INTO app_user (login, role, region_prefixes)"
        "  SELECT login, role, prefixes::text[] FROM x RETURNING id, login)"
        " INSERT INTO api_token (user_id, token_sha256, expires_at)"
        " SELECT u.id, x.sha, now() + interval '1 day' FROM u JOIN x USING (login)"
        " RETURNING user_id, token_sha256" % rows)
    ids = {}
    for line in out.splitlines():
        uid, sha = line.split("|")
        ids[sha] = int(uid)
    return [(t, ids[hashlib.sha256(t.encode()).hexdigest()]) for t in tokens]


class Decisions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()
        c = cls.srv.client()
        cls.admin = admin_token()
        cls.program = make_program(c, module="rd_subsidy", name_zh="研发补助", name_en="R&D subsidy",
                                   budget_fen=10 ** 12, four_eyes_fen=5000000)
        cls.officer, cls.officer_id = official("officer")
        c.close()

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    def post(self, path, body, token, etag='"3"', raw=None):
        h = bearer(token) if token else {}
        if etag is not None:
            h["If-Match"] = etag
        if raw is not None:
            h["Content-Type"] = "application/json"
            return self.c.request("POST", path, body=raw, headers=h)
        return self.c.post_json(path, body, headers=h)

    def decide(self, app_id, body, token=None, etag='"3"', raw=None):
        return self.post("/v1/applications/%d/decision" % app_id, body,
                         self.officer if token is None else token, etag, raw)

    def claimed(self, award=1000000, **kw):
        fid = firm_rows(1)[0]
        return seed(self.program, fid, self.officer_id, award, **kw), fid

    def audit_actions(self, app_id, fid):
        return harness.psql("SELECT string_agg(action, ',' ORDER BY id) FROM audit_event"
                            " WHERE stream = 'firm:%d'" % fid).split(",")

    # -- decisions -------------------------------------------------------------------

    def test_approve_takes_the_computed_award_and_reserves_it(self):
        app, fid = self.claimed(1234567)
        before = reserved(self.program)
        r = self.decide(app, {"decision": "approve", "reason": "材料齐全，符合条件"})
        self.assertEqual(r.status, 200, r)
        a = r.json()
        self.assertEqual((a["state"], a["version"]), ("approved", 4))
        self.assertEqual(r.header("ETag"), '"4"')
        d = a["decisions"][-1]
        self.assertEqual((d["decision"], d["award_fen"], d["computed_award_fen"], d["decider_id"]),
                         ("approve", 1234567, 1234567, self.officer_id))
        self.assertEqual(a["reservation"]["amount_fen"], 1234567)
        self.assertEqual(reserved(self.program) - before, 1234567)
        self.assertEqual(app_row(app), ("approved", 4, "-"))  # the claim ends with the decision
        self.assertEqual(self.audit_actions(app, fid)[-2:], ["decision.create", "application.approve"])

    def test_lower_award_needs_award_reason_and_higher_is_refused(self):
        app, _ = self.claimed(2000000)
        before = reserved(self.program)
        p = assert_problem(self, self.decide(app, {"decision": "approve", "reason": "ok",
                                                   "award_fen": 2000001}),
                           422, "unprocessable", field="award_fen")
        self.assertIn("never higher", p["detail"])
        assert_problem(self, self.decide(app, {"decision": "approve", "reason": "ok",
                                               "award_fen": 1500000}),
                       422, "unprocessable", field="award_reason")
        self.assertEqual((app_row(app), reserved(self.program)), (("claimed", 3, str(self.officer_id)), before))
        r = self.decide(app, {"decision": "approve", "reason": "ok", "award_fen": 1500000,
                              "award_reason": "部分研发费用不予认定"})
        self.assertEqual(r.status, 200, r)
        d = r.json()["decisions"][-1]
        self.assertEqual((d["award_fen"], d["computed_award_fen"], d["award_reason"]),
                         (1500000, 2000000, "部分研发费用不予认定"))
        self.assertEqual(reserved(self.program) - before, 1500000)

    def test_reject_and_return_carry_no_award(self):
        app, _ = self.claimed()
        assert_problem(self, self.decide(app, {"decision": "reject", "reason": "x", "award_fen": 1}),
                       422, "unprocessable", field="award_fen")
        r = self.decide(app, {"decision": "return", "reason": "请补充研发费用明细"})
        self.assertEqual((r.status, r.json()["state"], r.json()["reservation"]), (200, "returned", None), r)
        app2, _ = self.claimed()
        r = self.decide(app2, {"decision": "reject", "reason": "不符合条件"})
        self.assertEqual((r.status, r.json()["state"]), (200, "rejected"), r)

    def test_no_computed_award_cannot_be_approved(self):
        app, _ = self.claimed(None)
        assert_problem(self, self.decide(app, {"decision": "approve", "reason": "ok"}),
                       422, "unprocessable", field="award_fen")

    def test_body_validation(self):
        app, _ = self.claimed()
        assert_problem(self, self.decide(app, {"decision": "approve"}), 400, "missing-field", field="reason")
        assert_problem(self, self.decide(app, {"reason": "x"}), 400, "missing-field", field="decision")
        assert_problem(self, self.decide(app, {"decision": "approve", "reason": ""}),
                       400, "invalid-field", field="reason")
        assert_problem(self, self.decide(app, {"decision": "maybe", "reason": "x"}),
                       400, "invalid-field", field="decision")
        assert_problem(self, self.decide(app, {"decision": "approve", "reason": 7}),
                       400, "invalid-field", field="reason")
        assert_problem(self, self.decide(app, {"decision": "approve", "reason": "x", "award_fen": "1"}),
                       400, "invalid-field", field="award_fen")
        assert_problem(self, self.decide(app, {"decision": "approve", "reason": "x", "award_fen": -1}),
                       400, "invalid-field", field="award_fen")
        assert_problem(self, self.decide(app, {"decision": "approve", "reason": "x", "state": "approved"}),
                       400, "unknown-field", field="state")
        assert_problem(self, self.decide(app, {"decision": "approve", "reason": "x" * 2001}),
                       400, "invalid-field", field="reason")
        assert_problem(self, self.decide(app, None, raw="{\"decision\": "), 400, "malformed-json")
        assert_problem(self, self.decide(app, None, raw='{"reason": "a", "reason": "b", "decision": "approve"}'),
                       400, "duplicate-key")
        assert_problem(self, self.decide(app, None, raw=json.dumps({"decision": "approve", "reason": "x" * 400000})),
                       413, "payload-too-large")
        self.assertEqual(app_row(app)[:2], ("claimed", 3))

    def test_if_match(self):
        app, _ = self.claimed()
        body = {"decision": "approve", "reason": "ok"}
        assert_problem(self, self.decide(app, body, etag=None), 428, "precondition-required", field="If-Match")
        assert_problem(self, self.decide(app, body, etag='"2"'), 412, "precondition-failed")
        assert_problem(self, self.decide(app, body, etag="3"), 412, "precondition-failed")
        self.assertEqual(app_row(app)[:2], ("claimed", 3))

    def test_only_the_claim_holder_decides(self):
        other, other_id = official("officer")
        app, _ = self.claimed()
        p = assert_problem(self, self.decide(app, {"decision": "approve", "reason": "ok"}, token=other),
                           403, "forbidden")
        self.assertIn("claim", p["detail"])
        # not claimed at all
        queued, _ = self.claimed(state="queued")
        harness.psql("UPDATE application SET claimed_by = NULL, claim_expires_at = NULL WHERE id = %d" % queued)
        assert_problem(self, self.decide(queued, {"decision": "approve", "reason": "ok"}), 403, "forbidden")
        self.assertEqual(app_row(app)[:2], ("claimed", 3))

    def test_lapsed_claim_is_403(self):
        app, _ = self.claimed(claim="-1 minute")
        p = assert_problem(self, self.decide(app, {"decision": "approve", "reason": "ok"}), 403, "forbidden")
        self.assertIn("lapsed", p["detail"])
        self.assertEqual(app_row(app), ("claimed", 3, str(self.officer_id)))

    def test_roles_and_authentication(self):
        app, fid = self.claimed()
        body = {"decision": "approve", "reason": "ok"}
        auditor, _ = official("auditor")
        approver, _ = official("approver")
        for token in (auditor, approver, self.admin):
            assert_problem(self, self.decide(app, body, token=token), 403, "forbidden")
        firm_token, _ = firm_user(self.c)
        assert_problem(self, self.decide(app, body, token=firm_token), 403, "forbidden")
        assert_problem(self, self.decide(app, body, token=""), 401, "unauthenticated")
        expired, _ = official("officer")
        expire_token(expired)
        assert_problem(self, self.decide(app, body, token=expired), 401, "unauthenticated")
        revoked, _ = official("officer")
        revoke_token(revoked)
        assert_problem(self, self.decide(app, body, token=revoked), 401, "unauthenticated")
        self.assertEqual(app_row(app)[:2], ("claimed", 3))

    def test_other_region_is_404(self):
        app, _ = self.claimed()
        elsewhere, eid = official("officer", regions=("4104",))
        harness.psql("UPDATE application SET claimed_by = %d WHERE id = %d" % (eid, app))
        assert_problem(self, self.decide(app, {"decision": "approve", "reason": "ok"}, token=elsewhere),
                       404, "not-found")
        assert_problem(self, self.decide(999999999, {"decision": "approve", "reason": "ok"}), 404, "not-found")
        assert_problem(self, self.decide(0, {"decision": "approve", "reason": "ok"}), 400, "invalid-parameter")

    # -- conflicts of interest -------------------------------------------------------------

    def test_conflicted_officer_cannot_decide_and_the_refusal_is_audited(self):
        token, oid = official("officer")
        fid = firm_rows(1)[0]
        app = seed(self.program, fid, oid, 1000000)
        r = self.c.post_json("/v1/officer-relations", {"firm_id": fid, "nature": "配偶任该企业财务负责人"},
                             headers=bearer(token))
        self.assertEqual(r.status, 201, r)
        rel = r.json()
        self.assertEqual((rel["officer_id"], rel["firm_id"], rel["nature"]), (oid, fid, "配偶任该企业财务负责人"))
        listed = self.c.get("/v1/officer-relations", headers=bearer(token)).json()["items"]
        self.assertEqual([x["id"] for x in listed], [rel["id"]])
        self.assertEqual(self.c.get("/v1/officer-relations", headers=bearer(self.officer)).json()["items"], [])
        before = reserved(self.program)
        p = assert_problem(self, self.decide(app, {"decision": "approve", "reason": "ok"}, token=token),
                           403, "forbidden")
        self.assertIn("relation", p["detail"])
        self.assertEqual(app_row(app), ("claimed", 3, str(oid)))
        self.assertEqual(reserved(self.program), before)
        ev = harness.psql("SELECT actor_id || ' ' || (after->>'command') FROM audit_event"
                          " WHERE stream = 'firm:%d' AND action = 'application.decision_refused'"
                          " AND entity_id = '%d'" % (fid, app))
        self.assertEqual(ev, "%d decision" % oid)
        self.assertEqual(harness.psql("SELECT count(*) FROM audit_event WHERE stream = 'firm:%d'"
                                      " AND action = 'officer_relation.declare'" % fid), "1")

    def test_officer_relations_validation(self):
        token, _ = official("officer")
        fid = firm_rows(1)[0]
        other_fid = firm_rows(1, region="410402")[0]
        path = "/v1/officer-relations"
        assert_problem(self, self.c.post_json(path, {"firm_id": fid}, headers=bearer(token)),
                       400, "missing-field", field="nature")
        assert_problem(self, self.c.post_json(path, {"nature": "x"}, headers=bearer(token)),
                       400, "missing-field", field="firm_id")
        assert_problem(self, self.c.post_json(path, {"firm_id": "1", "nature": "x"}, headers=bearer(token)),
                       400, "invalid-field", field="firm_id")
        assert_problem(self, self.c.post_json(path, {"firm_id": fid, "nature": "a\nb"}, headers=bearer(token)),
                       400, "invalid-field", field="nature")
        assert_problem(self, self.c.post_json(path, {"firm_id": fid, "nature": "x", "officer_id": 1},
                                              headers=bearer(token)), 400, "unknown-field", field="officer_id")
        assert_problem(self, self.c.request("POST", path, body="[", headers=dict(bearer(token), **{"Content-Type": "application/json"})),
                       400, "malformed-json")
        assert_problem(self, self.c.post_json(path, {"firm_id": other_fid, "nature": "x"}, headers=bearer(token)),
                       404, "not-found", field="firm_id")
        assert_problem(self, self.c.post_json(path, {"firm_id": 999999999, "nature": "x"}, headers=bearer(token)),
                       404, "not-found", field="firm_id")
        firm_token, _ = firm_user(self.c)
        auditor, _ = official("auditor")
        for t in (firm_token, auditor, self.admin):
            assert_problem(self, self.c.post_json(path, {"firm_id": fid, "nature": "x"}, headers=bearer(t)),
                           403, "forbidden")
            assert_problem(self, self.c.get(path, headers=bearer(t)), 403, "forbidden")
        assert_problem(self, self.c.post_json(path, {"firm_id": fid, "nature": "x"}), 401, "unauthenticated")
        assert_problem(self, self.c.get(path), 401, "unauthenticated")
        self.assertEqual(self.c.post_json(path, {"firm_id": fid, "nature": "x"}, headers=bearer(token)).status, 201)
        assert_problem(self, self.c.post_json(path, {"firm_id": fid, "nature": "y"}, headers=bearer(token)),
                       409, "conflict", field="firm_id")

    # -- four eyes ------------------------------------------------------------------------

    def second(self, app_id, token, decision="approve", reason="复核同意", etag=None):
        return self.post("/v1/applications/%d/second-approval" % app_id,
                         {"decision": decision, "reason": reason}, token, etag)

    def test_four_eyes_at_the_threshold(self):
        app, fid = self.claimed(5000000)  # = four_eyes_fen
        before = reserved(self.program)
        r = self.decide(app, {"decision": "approve", "reason": "符合条件"})
        self.assertEqual((r.status, r.json()["state"]), (200, "awaiting_second_approval"), r)
        self.assertEqual(reserved(self.program) - before, 5000000)  # reserved at the first approval
        # the reviewer (an officer) cannot give it: approver role only
        assert_problem(self, self.second(app, self.officer), 403, "forbidden")
        # an approver bound to the firm cannot give it; the refusal is on the record
        bound, bound_id = official("approver")
        r = self.c.post_json("/v1/officer-relations", {"firm_id": fid, "nature": "持股"}, headers=bearer(bound))
        self.assertEqual(r.status, 201, r)
        p = assert_problem(self, self.second(app, bound), 403, "forbidden")
        self.assertIn("bound", p["detail"])
        self.assertEqual(harness.psql("SELECT count(*) FROM audit_event WHERE stream = 'firm:%d' AND"
                                      " action = 'application.decision_refused' AND actor_id = %d"
                                      % (fid, bound_id)), "1")
        # validation, stale If-Match, another region
        approver, approver_id = official("approver")
        assert_problem(self, self.post("/v1/applications/%d/second-approval" % app, {"decision": "approve"},
                                       approver, None), 400, "missing-field", field="reason")
        assert_problem(self, self.second(app, approver, decision="return"), 400, "invalid-field", field="decision")
        assert_problem(self, self.second(app, approver, etag='"1"'), 412, "precondition-failed")
        far, _ = official("approver", regions=("4104",))
        assert_problem(self, self.second(app, far), 404, "not-found")
        self.assertEqual(app_row(app)[:2], ("awaiting_second_approval", 4))
        r = self.second(app, approver, etag='"4"')
        self.assertEqual((r.status, r.json()["state"]), (200, "approved"), r)
        self.assertEqual(r.json()["second_approval"]["approver_id"], approver_id)
        assert_problem(self, self.second(app, approver), 409, "conflict", field="state")
        self.assertEqual(self.audit_actions(app, fid)[-2:], ["second_approval.create", "application.second_approve"])

    def test_below_threshold_needs_no_second_approval(self):
        app, _ = self.claimed(4999999)
        r = self.decide(app, {"decision": "approve", "reason": "ok"})
        self.assertEqual((r.status, r.json()["state"]), (200, "approved"), r)

    def test_second_rejection_releases_the_reservation(self):
        app, _ = self.claimed(6000000)
        before = reserved(self.program)
        self.assertEqual(self.decide(app, {"decision": "approve", "reason": "ok"}).status, 200)
        self.assertEqual(reserved(self.program) - before, 6000000)
        approver, _ = official("approver")
        r = self.second(app, approver, decision="reject", reason="金额过高，不予复核")
        self.assertEqual((r.status, r.json()["state"]), (200, "rejected"), r)
        self.assertIsNotNone(r.json()["reservation"]["released_at"])
        self.assertEqual(reserved(self.program), before)

    # -- disbursement --------------------------------------------------------------------

    def pay(self, app_id, body, token=None, etag=None):
        return self.post("/v1/applications/%d/disbursement" % app_id, body,
                         self.officer if token is None else token, etag)

    def test_disbursement(self):
        app, fid = self.claimed(800000)
        today = shanghai_today().isoformat()
        voucher = "记-%s" % secrets.token_hex(4)
        assert_problem(self, self.pay(app, {"paid_on": today, "voucher_number": voucher, "amount_fen": 800000}),
                       409, "conflict", field="state")  # not approved yet
        self.assertEqual(self.decide(app, {"decision": "approve", "reason": "ok"}).status, 200)
        assert_problem(self, self.pay(app, {"paid_on": today, "voucher_number": voucher, "amount_fen": 799999}),
                       422, "unprocessable", field="amount_fen")
        tomorrow = (shanghai_today() + datetime.timedelta(days=1)).isoformat()
        assert_problem(self, self.pay(app, {"paid_on": tomorrow, "voucher_number": voucher, "amount_fen": 800000}),
                       422, "unprocessable", field="paid_on")
        assert_problem(self, self.pay(app, {"paid_on": "2026-02-30", "voucher_number": voucher, "amount_fen": 800000}),
                       400, "invalid-field", field="paid_on")
        assert_problem(self, self.pay(app, {"paid_on": today, "amount_fen": 800000}),
                       400, "missing-field", field="voucher_number")
        assert_problem(self, self.pay(app, {"paid_on": today, "voucher_number": "v", "amount_fen": 0}),
                       400, "invalid-field", field="amount_fen")
        assert_problem(self, self.pay(app, {"paid_on": today, "voucher_number": "v", "amount_fen": 1, "x": 1}),
                       400, "unknown-field", field="x")
        assert_problem(self, self.pay(app, {"paid_on": today, "voucher_number": voucher, "amount_fen": 800000},
                                      etag='"3"'), 412, "precondition-failed")
        auditor, _ = official("auditor")
        approver, _ = official("approver")
        for t in (auditor, approver):
            assert_problem(self, self.pay(app, {"paid_on": today, "voucher_number": voucher, "amount_fen": 800000},
                                          token=t), 403, "forbidden")
        self.assertEqual(app_row(app)[:2], ("approved", 4))
        r = self.pay(app, {"paid_on": today, "voucher_number": voucher, "amount_fen": 800000}, etag='"4"')
        self.assertEqual((r.status, r.json()["state"]), (200, "disbursed"), r)
        x = r.json()["disbursement"]
        self.assertEqual((x["paid_on"], x["voucher_number"], x["amount_fen"]), (today, voucher, 800000))
        assert_problem(self, self.pay(app, {"paid_on": today, "voucher_number": voucher, "amount_fen": 800000}),
                       409, "conflict", field="state")
        self.assertEqual(self.audit_actions(app, fid)[-2:], ["disbursement.create", "application.disburse"])
        # a voucher number is used once; admins may record payments
        app2, _ = self.claimed(100)
        self.assertEqual(self.decide(app2, {"decision": "approve", "reason": "ok"}).status, 200)
        assert_problem(self, self.pay(app2, {"paid_on": today, "voucher_number": voucher, "amount_fen": 100},
                                      token=self.admin), 409, "conflict", field="voucher_number")
        r = self.pay(app2, {"paid_on": today, "voucher_number": voucher + "b", "amount_fen": 100}, token=self.admin)
        self.assertEqual((r.status, r.json()["state"]), (200, "disbursed"), r)

    # -- budgets under concurrency ---------------------------------------------------------

    def test_fifty_concurrent_approvals_against_a_budget_for_ten(self):
        award = 1000000
        c = self.srv.client()
        program = make_program(c, module="rd_subsidy", name_zh="研发补助并发", name_en="R&D subsidy race",
                               budget_fen=10 * award, four_eyes_fen=10 ** 12)
        c.close()
        officers = officials_in_sql(50)
        firms = firm_rows(50)
        apps = [seed(program, f, oid, award) for f, (_, oid) in zip(firms, officers)]

        def approve(i):
            cl = self.srv.client(timeout=60)
            try:
                r = cl.post_json("/v1/applications/%d/decision" % apps[i],
                                 {"decision": "approve", "reason": "并发审批"},
                                 headers=dict(bearer(officers[i][0]), **{"If-Match": '"3"'}))
                return i, r
            finally:
                cl.close()

        with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
            results = list(pool.map(approve, range(50)))
        ok = [i for i, r in results if r.status == 200]
        refused = [(i, r) for i, r in results if r.status != 200]
        self.assertEqual(len(ok), 10, [r for _, r in refused if r.status != 409][:3])
        for _, r in refused:
            p = assert_problem(self, r, 409, "conflict", field="award_fen")
            self.assertIn("overspend", p["detail"])
        self.assertEqual(reserved(program), 10 * award)
        self.assertEqual(harness.psql("SELECT coalesce(sum(amount_fen), 0) FROM budget_reservation"
                                      " WHERE program_id = %d AND released_at IS NULL" % program["id"]),
                         str(10 * award))
        for i, _ in refused:  # the refused ones changed nothing
            self.assertEqual(app_row(apps[i]), ("claimed", 3, str(officers[i][1])))
        self.assertEqual(harness.psql("SELECT count(*) FROM decision WHERE application_id IN (%s)"
                                      % ",".join(str(apps[i]) for i, _ in refused)), "0")


class RecognitionsFromApprovals(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    def test_tech_sme_approval_grants_the_recognition_and_moves_the_pathway(self):
        c = self.c
        program = make_program(c)  # tech_sme, region 4403
        token, fid = firm_user(c, "440305")
        f = c.get("/v1/firms/%d" % fid, headers=bearer(token)).json()
        doc = fixture(ELIGIBLE)
        doc["firm"]["uscc"], doc["firm"]["region_code"] = f["uscc"], f["region_code"]
        put_facts(c, token, fid, program["fiscal_year"], doc)
        r = c.post_json("/v1/applications", {"firm_id": fid, "program_id": program["id"]},
                        headers=dict(bearer(token), **{"Idempotency-Key": secrets.token_hex(8)}))
        self.assertEqual(r.status, 201, r)
        app = r.json()["id"]
        r = c.request("POST", "/v1/applications/%d/submit" % app, headers=dict(bearer(token), **{"If-Match": '"1"'}))
        self.assertEqual((r.status, r.json()["state"]), (200, "queued"), r)
        officer, oid = official("officer")
        harness.psql("UPDATE application SET state = 'claimed', version = version + 1, claimed_by = %d,"
                     " claim_expires_at = now() + interval '30 minutes' WHERE id = %d" % (oid, app))
        version = app_row(app)[1]
        stage = c.get("/v1/firms/%d/pathway" % fid, headers=bearer(token)).json()["stage"]
        self.assertEqual(stage, "seed")
        # a tech_sme programme pays no award
        assert_problem(self, c.post_json("/v1/applications/%d/decision" % app,
                                         {"decision": "approve", "reason": "ok", "award_fen": 1},
                                         headers=dict(bearer(officer), **{"If-Match": '"%d"' % version})),
                       422, "unprocessable", field="award_fen")
        r = c.post_json("/v1/applications/%d/decision" % app, {"decision": "approve", "reason": "评价通过"},
                        headers=dict(bearer(officer), **{"If-Match": '"%d"' % version}))
        self.assertEqual((r.status, r.json()["state"]), (200, "approved"), r)
        rec = r.json()["recognition"]
        today = shanghai_today()
        self.assertEqual((rec["kind"], rec["source"], rec["application_id"], rec["granted_on"], rec["expires_on"]),
                         ("tech_sme", "approval", app, today.isoformat(), "%d-12-31" % today.year))
        self.assertEqual(harness.psql("SELECT count(*) FROM audit_event WHERE stream = 'firm:%d'"
                                      " AND action = 'recognition.grant'" % fid), "1")
        self.assertEqual(c.get("/v1/firms/%d/pathway" % fid, headers=bearer(token)).json()["stage"], "micro_growth")

    def test_validity_years_come_from_the_edition(self):
        c = self.c
        program = make_program(c, module="specialized_sme", name_zh="专精特新认定", name_en="Specialized SME")
        officer, oid = official("officer")
        fid = firm_rows(1)[0]
        app = seed(program, fid, oid, None, module="specialized_sme", edition="specialized_sme/2022-63")
        r = c.post_json("/v1/applications/%d/decision" % app, {"decision": "approve", "reason": "认定"},
                        headers=dict(bearer(officer), **{"If-Match": '"3"'}))
        self.assertEqual(r.status, 200, r)
        rec = r.json()["recognition"]
        today = shanghai_today()
        try:
            end = today.replace(year=today.year + 3)
        except ValueError:  # 29 February
            end = today.replace(year=today.year + 3, day=28) + datetime.timedelta(days=1)
        self.assertEqual((rec["kind"], rec["expires_on"]),
                         ("specialized_sme", (end - datetime.timedelta(days=1)).isoformat()))
        pw = c.get("/v1/firms/%d/pathway" % fid, headers=bearer(admin_token())).json()
        self.assertEqual(pw["stage"], "high_to_strong")


if __name__ == "__main__":
    unittest.main()
