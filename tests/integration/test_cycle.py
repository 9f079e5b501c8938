"""README "Play every role", performed over HTTP: one subsidy application
through every role — the firm applies and submits (queued with its computed
award), the officer claims it from the queue and approves (award = the
computed one, reserved from the budget, at or above the four-eyes threshold
so it awaits a second signature), the approver signs, the officer records
the disbursement, the firm reads its application and pathway, the auditor
lists the firm's audit events and verifies the log (GET /v1/audit/verify,
`peiyuctl audit verify` from the database, and from an export with the
public key alone).

The data is made like the demo's, fresh on every run so runs on one
database never collide (a firm has one live application per programme, and
a disbursed one stays live): a 福州 recognition_award programme (the 3501
edition, the demo's budget and four-eyes threshold), a firm in 仓山 with
demo-firm-cangshan's 2025 facts and its little_giant recognition, and
officials scoped to 3501 — the officer to this programme alone, so the
claim hands it exactly this application. peiyud runs with an audit signing
key, as deploy/up starts it. A second test checks the demo data itself lets
demo-officer-fz / demo-approver-fz / demo-auditor play the same cycle on
demo-firm-cangshan (scopes, the programme's threshold and budget, the facts
declaring the registry's recognitions).
"""
import datetime
import json
import os
import secrets
import shutil
import subprocess
import tempfile
import unittest

import harness
from accounts import bearer, issue_token, make_user, new_uscc

AWARD = 75000000          # 750,000.00 元: 福建 500,000 + 福州 1:0.5 matching
FOUR_EYES = 50000000      # the demo programme's threshold
BUDGET = 1000000000

FACTS_2025 = {
    "firm": {"uscc": None, "established_on": "2012-08-18", "region_code": "350104",
             "resident_enterprise": True, "industry_code": "C2761", "restricted_industry": False},
    "years": {"2025": {"employees": 200, "tech_staff": 48, "sales_revenue_fen": 18000000000,
                       "rd_expense_fen": 800000000, "total_assets_fen": 17000000000}},
    "recognitions": [{"kind": "little_giant", "issued_on": "2026-07-15", "expires_on": "2029-07-14",
                      "number": None}],
}


def shanghai_today():
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()


def ctl(*args):
    env = dict(os.environ)
    if harness.ADMIN_DATABASE_URL:
        env["PEIYU_ADMIN_DATABASE_URL"] = harness.ADMIN_DATABASE_URL
    env.pop("PEIYU_AUDIT_KEY_FILE", None)
    return subprocess.run([harness.PEIYUCTL] + list(args), env=env, capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)


class Cycle(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="peiyu-cycle-")
        cls.key = os.path.join(cls.dir, "audit-key.pem")
        p = ctl("audit", "keygen", "--out", cls.key)
        if p.returncode != 0:
            raise RuntimeError(p.stderr)
        cls.pub = os.path.join(cls.dir, "audit-key.pub.pem")
        with open(cls.pub, "w") as f:
            f.write(p.stdout.split("key_id:")[0])
        cls.key_id = p.stdout.split("key_id: ")[1].strip()
        cls.srv = harness.Server(["--threads", "2"], env={"PEIYU_AUDIT_KEY_FILE": cls.key},
                                 name="peiyud (cycle)").start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    def call(self, method, path, token, body=None, **headers):
        h = bearer(token)
        if body is not None:
            h["Content-Type"] = "application/json"
        h.update({k.replace("_", "-"): v for k, v in headers.items()})
        r = self.c.request(method, path, body=None if body is None else json.dumps(body), headers=h)
        return r

    def ok(self, r, status=200):
        self.assertEqual(r.status, status, r)
        return r.json()

    def test_full_cycle(self):
        today = shanghai_today()
        admin = issue_token(make_user("admin"))
        # the programme, made like the demo's 福州 recognition_award
        prog = self.ok(self.call("POST", "/v1/programs", admin, {
            "name_zh": "福州市专精特新\"小巨人\"认定奖励（测试 %s）" % secrets.token_hex(3),
            "name_en": "Fuzhou little giant recognition award (cycle test)",
            "module": "recognition_award", "region_prefix": "3501",
            "opens_at": (today - datetime.timedelta(days=30)).isoformat(),
            "closes_at": (today + datetime.timedelta(days=60)).isoformat(),
            "fiscal_year": 2025, "budget_fen": BUDGET, "four_eyes_fen": FOUR_EYES,
            "review_days": 20}), 201)
        pid = prog["id"]
        # the firm registers itself, files its facts; its little_giant is in the registry
        firm_login = make_user("firm", prefix="cycle-firm")
        firm = issue_token(firm_login)
        uscc = new_uscc("350104")
        f = self.ok(self.call("POST", "/v1/firms", firm, {
            "uscc": uscc, "name": "福州仓山海洋生物科技有限公司（测试）", "registered_on": "2012-08-18",
            "region_code": "350104", "industry_code": "C2761"}), 201)
        fid = f["id"]
        doc = json.loads(json.dumps(FACTS_2025))
        doc["firm"]["uscc"] = uscc
        doc["recognitions"][0]["number"] = "XJR-T-%s" % secrets.token_hex(4)
        self.ok(self.call("PUT", "/v1/firms/%d/facts/2025" % fid, firm, doc), 201)
        self.ok(self.call("POST", "/v1/firms/%d/recognitions" % fid, admin, {
            "kind": "little_giant", "certificate_number": doc["recognitions"][0]["number"],
            "granted_on": "2026-07-15", "expires_on": "2029-07-14"}), 201)
        officer_login = make_user("officer", prefix="cycle-officer", regions=["3501"], programs=[pid])
        officer = issue_token(officer_login)
        approver_login = make_user("approver", prefix="cycle-approver", regions=["3501"])
        approver = issue_token(approver_login)
        auditor = issue_token(make_user("auditor", prefix="cycle-auditor", regions=["3501"]))

        # 1. the firm applies and submits: queued with its computed award
        r = self.call("POST", "/v1/applications", firm, {"firm_id": fid, "program_id": pid},
                      Idempotency_Key="cycle-%d" % fid)
        app = self.ok(r, 201)
        aid = app["id"]
        self.assertEqual((app["state"], r.header("ETag")), ("draft", '"1"'))
        a = self.ok(self.call("POST", "/v1/applications/%d/submit" % aid, firm, If_Match='"1"'))
        self.assertEqual((a["state"], a["version"]), ("queued", 2))
        v = a["verdict"]
        self.assertEqual((v["module"], v["outcome"], v["award_fen"], v["edition_id"]),
                         ("recognition_award", "eligible", AWARD,
                          "recognition_award/3501-fuzhou-2022-little-giant"))
        # 2. the officer sees it in the queue and claims it
        q = self.ok(self.call("GET", "/v1/queue?program=%d" % pid, officer))
        self.assertEqual([(i["id"], i["state"], i["overdue"]) for i in q["items"]],
                         [(aid, "queued", False)])
        r = self.call("POST", "/v1/queue/claim", officer)
        a = self.ok(r)
        self.assertEqual((a["id"], a["state"], r.header("ETag")), (aid, "claimed", '"3"'))
        # 3. approves: the award is the computed one, reserved, and needs a second signature
        a = self.ok(self.call("POST", "/v1/applications/%d/decision" % aid, officer,
                              {"decision": "approve", "reason": "材料齐全，首次认定小巨人，按福州配套标准奖励"},
                              If_Match='"3"'))
        self.assertEqual((a["state"], a["version"]), ("awaiting_second_approval", 4))
        d = a["decisions"][-1]
        self.assertEqual((d["decision"], d["award_fen"], d["computed_award_fen"]), ("approve", AWARD, AWARD))
        self.assertEqual(a["reservation"]["amount_fen"], AWARD)
        p = self.ok(self.call("GET", "/v1/programs/%d" % pid, officer))
        self.assertEqual(p["reserved_fen"], AWARD)
        #    the officer cannot sign twice; the approver can
        self.assertEqual(self.call("POST", "/v1/applications/%d/second-approval" % aid, officer,
                                   {"decision": "approve", "reason": "x"}, If_Match='"4"').status, 403)
        a = self.ok(self.call("POST", "/v1/applications/%d/second-approval" % aid, approver,
                              {"decision": "approve", "reason": "复核同意"}, If_Match='"4"'))
        self.assertEqual((a["state"], a["version"], a["second_approval"]["decision"]),
                         ("approved", 5, "approve"))
        # 4. the officer records the payment
        voucher = "FZKJ-T-%s" % secrets.token_hex(4)
        a = self.ok(self.call("POST", "/v1/applications/%d/disbursement" % aid, officer,
                              {"paid_on": today.isoformat(), "voucher_number": voucher,
                               "amount_fen": AWARD}, If_Match='"5"'))
        self.assertEqual((a["state"], a["version"]), ("disbursed", 6))
        self.assertEqual((a["disbursement"]["voucher_number"], a["disbursement"]["amount_fen"]),
                         (voucher, AWARD))
        # 5. the firm sees its application and its pathway
        a = self.ok(self.call("GET", "/v1/applications/%d" % aid, firm))
        self.assertEqual([m["action"] for m in a["moves"]],
                         ["create", "submit", "claim", "approve", "second_approve", "disburse"])
        pw = self.ok(self.call("GET", "/v1/firms/%d/pathway" % fid, firm))
        self.assertEqual(pw["stage"], "high_to_strong")
        self.assertIn("little_giant", [x["kind"] for x in pw["recognitions"]])
        # 6. the auditor lists the firm's audit events: every step, by whom
        ev = self.ok(self.call("GET", "/v1/audit/events?firm=%d&limit=100" % fid, auditor))
        steps = [(e["action"], e["actor"]) for e in ev["items"]]
        for want in [("firm.register", firm_login), ("facts.put", firm_login),
                     ("application.create", firm_login), ("application.submit", firm_login),
                     ("application.claim", officer_login), ("application.approve", officer_login),
                     ("application.second_approve", approver_login),
                     ("application.disburse", officer_login)]:
            self.assertIn(want, steps)
        # 7. verify: the API, peiyuctl from the database, an export with the public key alone
        key = self.c.get("/v1/audit/key")
        self.assertEqual((key.status, key.json()["key_id"]), (200, self.key_id))
        p = ctl("audit", "checkpoint", "--key", self.key)
        self.assertEqual(p.returncode, 0, p.stderr)
        v = self.ok(self.call("GET", "/v1/audit/verify", auditor))
        self.assertTrue(v["ok"], v)
        self.assertIsNone(v["first_broken"])
        self.assertGreaterEqual(v["checkpoints_checked"], 1)
        p = ctl("audit", "verify", "--public-key", self.pub)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertTrue(json.loads(p.stdout)["ok"])
        path = os.path.join(self.dir, "audit-export.jsonl")
        p = ctl("audit", "export", "--out", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        p = ctl("audit", "verify", "--file", path, "--public-key", self.pub)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        out = json.loads(p.stdout)
        self.assertTrue(out["ok"], out)
        self.assertGreaterEqual(out["checkpoints_checked"], 1)

    def test_demo_lets_every_role_play_the_cycle(self):
        rows = dict(line.split("|", 1) for line in harness.psql(
            "SELECT login || '|' || role || ' ' || array_to_string(region_prefixes, ',')"
            " FROM app_user WHERE login IN ('demo-officer-fz', 'demo-approver-fz', 'demo-auditor',"
            " 'demo-firm-cangshan')").splitlines())
        self.assertEqual(rows["demo-officer-fz"], "officer 3501")
        self.assertEqual(rows["demo-approver-fz"], "approver 3501")
        self.assertIn("3501", rows["demo-auditor"].split(" ")[1].split(","))
        # the demo's 福州 programme: the firm's award needs a second signature and fits the budget
        prog = harness.psql(
            "SELECT p.four_eyes_fen || ' ' || p.budget_fen FROM program p JOIN audit_event e"
            " ON e.action = 'program.create' AND e.request_id = 'peiyuctl-demo'"
            " AND e.entity_id = p.id::text WHERE p.module = 'recognition_award'")
        four_eyes, budget = (int(x) for x in prog.split())
        self.assertLessEqual(four_eyes, AWARD)
        self.assertLessEqual(AWARD, budget)
        # the firm's filed facts declare its little_giant, so its submission is eligible
        kinds = harness.psql(
            "SELECT string_agg(r->>'kind', ',') FROM (SELECT doc FROM firm_facts x JOIN app_user u"
            " ON u.firm_id = x.firm_id WHERE u.login = 'demo-firm-cangshan' AND x.fiscal_year = 2025"
            " ORDER BY x.version DESC LIMIT 1) d, jsonb_array_elements(d.doc->'recognitions') r")
        self.assertIn("little_giant", kinds.split(","))


if __name__ == "__main__":
    unittest.main()
