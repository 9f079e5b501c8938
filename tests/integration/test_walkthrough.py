"""README "Try it", performed over HTTP, and the demo data it relies on.

run.py loads the demo data (peiyuctl demo) before the tests, as deploy/up
does. The walkthrough: a new firm account (peiyuctl user add / token issue)
registers its firm, files its 2025 facts, reads its pathway, applies to the
demo's tech_sme programme with an Idempotency-Key, submits with If-Match and
is queued as eligible; applied to the hnte_pool programme it is screened out
with the reason; every step is in the firm's audit stream, in order, and the
officers' scopes hold. The demo checks: every demo firm's facts parse and
land it on the stage README.md states, the flagged USCC, the two local
subsidy editions' awards, and a second `peiyuctl demo` changes nothing.
"""
import json
import unittest

import harness
from accounts import bearer, issue_token, make_user, new_uscc, peiyuctl

FACTS = {
    "firm": {"uscc": None, "established_on": "2019-05-20", "region_code": "410402",
             "resident_enterprise": True, "industry_code": "C4011", "restricted_industry": False},
    "years": {"2025": {"employees": 48, "tech_staff": 14, "sales_revenue_fen": 2600000000,
                       "rd_expense_fen": 210000000, "total_assets_fen": 1900000000}},
    "ip": [{"class": "I", "kind": "invention_patent", "granted_on": "2023-06-02",
            "self_developed": True, "main_product": True}],
}

# README.md "Try it": demo firm login -> (stage, {module: outcome} of programmes it is shown)
DEMO_STAGES = {
    "demo-firm-yingchuan": ("seed", {"tech_sme": "ineligible"}),
    "demo-firm-yaoshan": ("seed", {"tech_sme": "eligible"}),
    "demo-firm-baofeng": ("micro_growth", {"hnte_pool": "eligible"}),
    "demo-firm-wugang": ("small_to_high", {"high_tech": "needs_review"}),
    "demo-firm-jinshui": ("micro_growth", {"high_tech": "ineligible"}),
    "demo-firm-erqi": ("small_to_high", {"specialized_sme": "needs_review"}),
    "demo-firm-zhanhe": ("high_to_strong", {"little_giant": "eligible"}),
    "demo-firm-ruzhou": ("small_to_high", {"specialized_sme": "needs_review"}),
    "demo-firm-lushan": ("seed", {"tech_sme": "needs_review"}),
    "demo-firm-longgang": ("high_to_strong", {"rd_subsidy": "eligible"}),
    "demo-firm-cangshan": ("high_to_strong", {"recognition_award": "eligible"}),
}


def demo_program(client, token, module):
    """The open demo programme of `module` the caller sees (created by demo-admin)."""
    r = client.get("/v1/programs", headers=bearer(token))
    if r.status != 200:
        raise RuntimeError("GET /v1/programs: %r" % r)
    demo_ids = set(harness.psql(
        "SELECT string_agg(entity_id, ' ') FROM audit_event WHERE action = 'program.create'"
        " AND request_id = 'peiyuctl-demo'").split())
    for p in r.json()["items"]:
        if p["module"] == module and str(p["id"]) in demo_ids and p["open_now"]:
            return p
    raise unittest.SkipTest("no open demo %s programme (demo windows are relative to the first"
                            " load of this database)" % module)


class Walkthrough(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    def json_req(self, method, path, token, body, **headers):
        h = bearer(token)
        h["Content-Type"] = "application/json"
        h.update(headers)
        return self.c.request(method, path, body=json.dumps(body), headers=h)

    def test_readme_walkthrough(self):
        # 1. a firm account and its token
        login = make_user("firm", prefix="acme")
        token = issue_token(login)
        # 2. the firm registers itself
        uscc = new_uscc("410402")
        r = self.json_req("POST", "/v1/firms", token,
                          {"uscc": uscc, "name": "平顶山鹰城传感科技有限公司",
                           "registered_on": "2019-05-20", "region_code": "410402",
                           "industry_code": "C4011"})
        self.assertEqual(r.status, 201, r)
        firm = r.json()
        fid = firm["id"]
        self.assertEqual((firm["uscc_check"], firm["version"]), ("ok", 1))
        # 3. facts for 2025
        doc = json.loads(json.dumps(FACTS))
        doc["firm"]["uscc"] = uscc
        r = self.json_req("PUT", "/v1/firms/%d/facts/2025" % fid, token, doc)
        self.assertEqual(r.status, 201, r)
        self.assertEqual((r.json()["version"], r.json()["created_by"]), (1, login))
        # 4. the pathway
        tech = demo_program(self.c, token, "tech_sme")
        pool = demo_program(self.c, token, "hnte_pool")
        r = self.c.get("/v1/firms/%d/pathway" % fid, headers=bearer(token))
        self.assertEqual(r.status, 200, r)
        pw = r.json()
        self.assertEqual((pw["stage"], pw["next_stage"]), ("seed", "micro_growth"))
        outcomes = {p["program"]["id"]: p["verdict"]["outcome"] for p in pw["programs"]}
        self.assertEqual(outcomes.get(tech["id"]), "eligible", outcomes)
        self.assertEqual(outcomes.get(pool["id"]), "ineligible", outcomes)
        self.assertEqual((pw["next"]["module"], pw["next"]["outcome"]), ("tech_sme", "eligible"))
        # 5. apply, with a retry under the same Idempotency-Key
        body = {"firm_id": fid, "program_id": tech["id"]}
        key = "acme-tech-sme-%d" % fid
        r = self.json_req("POST", "/v1/applications", token, body, **{"Idempotency-Key": key})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("ETag"), '"1"')
        app = r.json()
        self.assertEqual(r.header("Location"), "/v1/applications/%d" % app["id"])
        self.assertEqual(app["state"], "draft")
        again = self.json_req("POST", "/v1/applications", token, body, **{"Idempotency-Key": key})
        self.assertEqual((again.status, again.json()["id"]), (201, app["id"]))
        # 6. submit with If-Match: screened, eligible -> queued
        h = bearer(token)
        h["If-Match"] = '"1"'
        r = self.c.request("POST", "/v1/applications/%d/submit" % app["id"], headers=h)
        self.assertEqual(r.status, 200, r)
        a = r.json()
        self.assertEqual((a["state"], a["version"], r.header("ETag")), ("queued", 2, '"2"'))
        v = a["verdict"]
        self.assertEqual((v["module"], v["outcome"], v["reasons"]), ("tech_sme", "eligible", []))
        self.assertEqual(v["verdict"]["score"], 96)
        self.assertRegex(v["snapshot_sha256"], "^[0-9a-f]{64}$")
        #    ... and screened out of the hnte_pool programme, with the reason
        r = self.json_req("POST", "/v1/applications", token, {"firm_id": fid, "program_id": pool["id"]},
                          **{"Idempotency-Key": "acme-hnte-pool-%d" % fid})
        self.assertEqual(r.status, 201, r)
        pool_app = r.json()["id"]
        r = self.c.request("POST", "/v1/applications/%d/submit" % pool_app, headers=h)
        self.assertEqual(r.status, 200, r)
        a = r.json()
        self.assertEqual((a["state"], a["verdict"]["outcome"]), ("screened_out", "ineligible"))
        self.assertIn("recognition", [x["criterion"] for x in a["verdict"]["reasons"]])
        # 7. every step in the firm's audit stream, in order, chained
        rows = harness.psql(
            "SELECT string_agg(action || ' ' || actor || ' ' || entity_id, ',' ORDER BY seq)"
            " FROM audit_event WHERE stream = 'firm:%d'" % fid)
        self.assertEqual(rows.split(","), [
            "firm.register %s %d" % (login, fid),
            "facts.put %s %d/2025" % (login, fid),
            "application.create %s %d" % (login, app["id"]),
            "application.submit %s %d" % (login, app["id"]),
            "application.create %s %d" % (login, pool_app),
            "application.submit %s %d" % (login, pool_app),
        ])
        chained = harness.psql(
            "SELECT bool_and(e.prev_hash = coalesce(p.hash, e.prev_hash) AND (e.seq = 1 OR p.id IS NOT NULL))"
            " FROM audit_event e LEFT JOIN audit_event p ON p.stream = e.stream AND p.seq = e.seq - 1"
            " WHERE e.stream = 'firm:%d'" % fid)
        self.assertEqual(chained, "t")
        # officials see the firm only within their region prefixes
        pds = issue_token(make_user("officer", regions=["4104"]))
        zz = issue_token(make_user("officer", regions=["4101"]))
        self.assertEqual(self.c.get("/v1/firms/%d" % fid, headers=bearer(pds)).status, 200)
        harness.assert_problem(self, self.c.get("/v1/firms/%d" % fid, headers=bearer(zz)), 404,
                               "not-found")

    def test_demo_firms_stages_and_outcomes(self):
        admin = issue_token(make_user("admin"))
        ids = dict(line.split("|") for line in harness.psql(
            "SELECT login || '|' || firm_id FROM app_user WHERE login LIKE 'demo-firm-%'").splitlines())
        self.assertEqual(set(ids), set(DEMO_STAGES))
        for login, (stage, want) in sorted(DEMO_STAGES.items()):
            with self.subTest(firm=login):
                r = self.c.get("/v1/firms/%s/pathway" % ids[login], headers=bearer(admin))
                self.assertEqual(r.status, 200, r)
                pw = r.json()
                self.assertEqual(pw["stage"], stage)
                got = {p["program"]["module"]: p["verdict"]["outcome"] for p in pw["programs"]
                       if p.get("verdict")}
                for module, outcome in want.items():
                    self.assertEqual(got.get(module), outcome, got)
                awards = {p["program"]["module"]: p["verdict"].get("award_fen") for p in pw["programs"]
                          if p.get("verdict")}
                if "rd_subsidy" in want or "recognition_award" in want:
                    self.assertEqual(awards[next(iter(want))], 75000000)
        r = self.c.get("/v1/firms/%s" % ids["demo-firm-lushan"], headers=bearer(admin))
        self.assertEqual(r.json()["uscc_check"], "mismatch_flagged")
        # the firm without a user: registered by demo-admin, facts filed by the 4104 officer
        who = harness.psql("SELECT string_agg(e.action || ' ' || e.actor, ',' ORDER BY e.seq)"
                           " FROM audit_event e JOIN firm f ON e.stream = 'firm:' || f.id"
                           " WHERE f.name = '叶县盐化实业有限公司'")
        self.assertEqual(who, "firm.register demo-admin,facts.put demo-officer-pds")

    def test_demo_is_idempotent(self):
        count = ("SELECT (SELECT count(*) FROM firm) || ' ' || (SELECT count(*) FROM firm_facts)"
                 " || ' ' || (SELECT count(*) FROM recognition) || ' ' || (SELECT count(*) FROM program)"
                 " || ' ' || (SELECT count(*) FROM app_user) || ' ' || (SELECT count(*) FROM audit_event)")
        before = harness.psql(count)
        out = peiyuctl("demo", "--no-tokens").stdout
        self.assertEqual(out, "")
        self.assertEqual(harness.psql(count), before)


if __name__ == "__main__":
    unittest.main()
