"""Facts per fiscal year: PUT /v1/firms/{id}/facts/{year} appends a version
(validated by the engine's parser, scoped, optional If-Match, audited in the
same transaction); GET returns the latest; GET .../versions lists who filed
which version when; GET .../versions/{version} returns one version.

Each run makes its own users (peiyuctl user add / token issue) and firms
(POST /v1/firms), so it can run again on the same database."""
import copy
import hashlib
import json
import os
import re
import secrets
import subprocess
import unittest

import harness

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015
WEIGHTS = [pow(3, i, 31) for i in range(17)]
YEAR = "2025"


def uscc(region):
    """A fresh USCC with a correct check character."""
    body = "91" + region + "".join(secrets.choice(CHARSET) for _ in range(9))
    total = sum(CHARSET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + CHARSET[(31 - total % 31) % 31]


def ctl(*args):
    env = dict(os.environ)
    if harness.ADMIN_DATABASE_URL:
        env["PEIYU_ADMIN_DATABASE_URL"] = harness.ADMIN_DATABASE_URL
    p = subprocess.run([harness.PEIYUCTL] + list(args), env=env, capture_output=True, text=True,
                       timeout=60, stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        raise RuntimeError("peiyuctl %s: %s%s" % (" ".join(args), p.stdout, p.stderr))
    return p.stdout.strip()


def user(login, role, *regions):
    args = ["user", "add", "--login", login, "--role", role]
    for r in regions:
        args += ["--region", r]
    ctl(*args)
    return ctl("token", "issue", "--login", login)


def token_id(token):
    return harness.psql("SELECT id FROM api_token WHERE token_sha256 = '%s'"
                        % hashlib.sha256(token.encode()).hexdigest())


def super_psql(sql):
    if not harness.TEST_PGDIR:
        raise unittest.SkipTest("PEIYU_TEST_PGDIR is not set (no superuser access)")
    p = subprocess.run([harness.DEPLOY_PG, "psql", harness.TEST_PGDIR, "super", "-X", "-q", "-At",
                        "-c", sql], capture_output=True, text=True, timeout=30,
                       stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        raise RuntimeError("psql as superuser failed (%d): %s" % (p.returncode, p.stderr))
    return p.stdout.strip()


class Facts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()
        sfx = secrets.token_hex(4)
        cls.login_a = "facts-a-" + sfx
        cls.tok_a = user(cls.login_a, "firm")
        cls.tok_b = user("facts-b-" + sfx, "firm")
        cls.tok_officer = user("facts-off-" + sfx, "officer", "4403")
        cls.login_officer = "facts-off-" + sfx
        cls.tok_far_officer = user("facts-far-" + sfx, "officer", "4104")
        cls.tok_auditor = user("facts-aud-" + sfx, "auditor", "4403")
        cls.tok_admin = user("facts-adm-" + sfx, "admin")
        cls.uscc_a = uscc("440305")
        cls.firm_a = cls.register(cls.tok_a, cls.uscc_a, "440305")
        cls.firm_b = cls.register(cls.tok_b, uscc("440304"), "440304")

    @classmethod
    def register(cls, token, code, region):
        c = cls.srv.client()
        try:
            r = c.post_json("/v1/firms", {"uscc": code, "name": "培育测试企业 " + code[-4:],
                                          "registered_on": "2018-03-02", "region_code": region,
                                          "industry_code": "I6513"},
                            headers={"Authorization": "Bearer " + token})
        finally:
            c.close()
        if r.status != 201:
            raise RuntimeError("could not register a firm: %r" % r)
        return r.json()["id"]

    # -- helpers ---------------------------------------------------------------

    def doc(self, employees=120, tech_staff=30, year=YEAR, **firm):
        f = {"uscc": self.uscc_a, "established_on": "2018-03-02", "region_code": "440305",
             "resident_enterprise": True, "industry_code": "I6513"}
        f.update(firm)
        return {"firm": f,
                "years": {year: {"employees": employees, "tech_staff": tech_staff,
                                 "sales_revenue_fen": 5000000000, "rd_expense_fen": 160000000,
                                 "rd_domestic_fen": 150000000}}}

    def req(self, method, path, token=None, body=None, headers=None):
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + token
        if body is not None:
            h.setdefault("Content-Type", "application/json")
            if not isinstance(body, (str, bytes)):
                body = json.dumps(body, ensure_ascii=False)
        c = self.srv.client()
        try:
            return c.request(method, path, body=body, headers=h)
        finally:
            c.close()

    def path(self, firm=None, year=YEAR, tail=""):
        return "/v1/firms/%s/facts/%s%s" % (firm or self.firm_a, year, tail)

    def put(self, body, token="firm a", firm=None, year=YEAR, if_match=None):
        """PUT as firm A's user unless `token` says otherwise (None: no token)."""
        h = {"If-Match": if_match} if if_match else None
        return self.req("PUT", self.path(firm, year), self.tok_a if token == "firm a" else token, body, h)

    def versions(self, firm=None, year=YEAR):
        return int(harness.psql("SELECT count(*) FROM firm_facts WHERE firm_id = %d AND fiscal_year = %s"
                                % (firm or self.firm_a, year)))

    def audits(self, firm=None):
        return int(harness.psql("SELECT count(*) FROM audit_event WHERE stream = 'firm:%d'"
                                " AND action = 'facts.put'" % (firm or self.firm_a)))

    # -- happy paths -----------------------------------------------------------

    def test_01_two_puts_make_versions_and_reads_show_them(self):
        year = "2024"
        d1 = self.doc(year=year)
        r = self.put(d1, year=year)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(r.header("Location"), self.path(year=year))
        b = r.json()
        self.assertEqual((b["version"], b["fiscal_year"], b["firm_id"], b["created_by"]),
                         (1, 2024, self.firm_a, self.login_a))
        self.assertEqual(b["facts"], d1)
        self.assertTrue(b["created_at"])
        self.assertRegex(b["doc_sha256"], r"^[0-9a-f]{64}$")

        d2 = self.doc(employees=130, year=year)
        r = self.put(d2, year=year, if_match='"1"')
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("ETag"), '"2"')
        self.assertEqual(r.json()["version"], 2)

        r = self.req("GET", self.path(year=year), self.tok_a)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("ETag"), '"2"')
        self.assertEqual((r.json()["version"], r.json()["facts"]), (2, d2))

        r = self.req("GET", self.path(year=year, tail="/versions"), self.tok_a)
        self.assertEqual(r.status, 200, r)
        items = r.json()["items"]
        self.assertEqual([i["version"] for i in items], [2, 1])
        self.assertEqual({i["created_by"] for i in items}, {self.login_a})
        self.assertEqual(set(items[0]), {"version", "doc_sha256", "created_by", "created_at"})
        self.assertNotEqual(items[0]["doc_sha256"], items[1]["doc_sha256"])
        self.assertIsNone(r.json()["next_cursor"])
        # doc_sha256 is the SHA-256 of the stored jsonb text
        text = harness.psql("SELECT doc::text FROM firm_facts WHERE firm_id = %d AND fiscal_year = %s"
                            " AND version = 1" % (self.firm_a, year))
        self.assertEqual(hashlib.sha256(text.encode()).hexdigest(), items[1]["doc_sha256"])

        r = self.req("GET", self.path(year=year, tail="/versions/1"), self.tok_a)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(r.json()["facts"], d1)
        r = self.req("GET", self.path(year=year, tail="/versions/3"), self.tok_a)
        harness.assert_problem(self, r, 404, "not-found")

        # the audit stream holds both, the second with the first as `before`
        rows = harness.psql("SELECT coalesce(before::text, 'null') || '|' || after::text FROM audit_event"
                            " WHERE stream = 'firm:%d' AND action = 'facts.put'"
                            " AND entity_id = '%d/%s' ORDER BY seq" % (self.firm_a, self.firm_a, year))
        rows = [tuple(json.loads(x) for x in line.split("|")) for line in rows.splitlines()]
        self.assertEqual(rows, [(None, d1), (d1, d2)])

    def test_02_put_without_if_match_appends(self):
        year = "2023"
        self.assertEqual(self.put(self.doc(year=year), year=year).status, 201)
        r = self.put(self.doc(year=year, employees=121), year=year)
        self.assertEqual((r.status, r.header("ETag")), (200, '"2"'), r)

    def test_03_officer_of_the_region_and_admin_file_facts_auditor_reads(self):
        year = "2022"
        r = self.put(self.doc(year=year), token=self.tok_officer, year=year)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["created_by"], self.login_officer)
        r = self.put(self.doc(year=year, employees=99), token=self.tok_admin, year=year)
        self.assertEqual(r.status, 200, r)
        for tok in (self.tok_auditor, self.tok_officer, self.tok_admin, self.tok_a):
            r = self.req("GET", self.path(year=year), tok)
            self.assertEqual((r.status, r.json().get("version")), (200, 2), r)
        r = self.req("GET", self.path(year=year, tail="/versions?limit=1"), self.tok_auditor)
        self.assertEqual(r.status, 200, r)
        self.assertEqual([i["version"] for i in r.json()["items"]], [2])
        cursor = r.json()["next_cursor"]
        self.assertEqual(cursor, "2")
        r = self.req("GET", self.path(year=year, tail="/versions?limit=1&cursor=" + cursor), self.tok_auditor)
        self.assertEqual(([i["version"] for i in r.json()["items"]], r.json()["next_cursor"]), ([1], None))

    def test_04_other_years_may_be_present(self):
        d = self.doc(year="2021")
        d["years"]["2020"] = {"employees": 100, "sales_revenue_fen": 4000000000}
        r = self.put(d, year="2021")
        self.assertEqual(r.status, 201, r)

    # -- bad input changes nothing -----------------------------------------------

    def bad(self, body, status, slug, field=None, **kw):
        before_v, before_a = self.versions(), self.audits()
        r = self.put(body, **kw)
        p = harness.assert_problem(self, r, status, slug, field)
        self.assertEqual((self.versions(), self.audits()), (before_v, before_a), "a refused PUT changed something")
        return p

    def test_10_malformed_json(self):
        self.bad('{"firm": {', 400, "malformed-json")
        self.bad('[1, 2]', 400, "malformed-json")
        self.bad('{"years": {}, "years": {}}', 400, "duplicate-key")

    def test_11_real_number_in_money(self):
        d = self.doc()
        d["years"][YEAR]["sales_revenue_fen"] = 5000000000.5
        p = self.bad(d, 400, "invalid-field", "years.2025.sales_revenue_fen")
        self.assertIn("real number", p["detail"])

    def test_12_inconsistent_facts(self):
        p = self.bad(self.doc(employees=10, tech_staff=11), 400, "invalid-field", "years.2025.tech_staff")
        self.assertIn("greater than employees", p["detail"])
        d = self.doc()
        d["years"][YEAR]["rd_domestic_fen"] = 160000001
        self.bad(d, 400, "invalid-field", "years.2025.rd_domestic_fen")

    def test_13_unknown_fields_and_wrong_types(self):
        d = self.doc()
        d["bogus"] = 1
        self.bad(d, 400, "unknown-field", "bogus")
        d = self.doc()
        d["years"][YEAR]["headcount"] = 1
        self.bad(d, 400, "unknown-field", "years.2025.headcount")
        d = self.doc()
        d["firm"]["name"] = "x"
        self.bad(d, 400, "unknown-field", "firm.name")
        d = self.doc()
        d["years"][YEAR]["employees"] = "many"
        self.bad(d, 400, "invalid-field", "years.2025.employees")
        self.bad(self.doc(established_on="2018-02-30"), 400, "invalid-field", "firm.established_on")

    def test_14_the_year_must_be_in_the_document(self):
        self.bad(self.doc(year="2019"), 400, "missing-field", "years.2025")

    def test_15_the_document_names_the_registered_firm(self):
        self.bad(self.doc(uscc=uscc("440305")), 400, "invalid-field", "firm.uscc")
        self.bad(self.doc(region_code="440304"), 400, "invalid-field", "firm.region_code")

    def test_16_too_large(self):
        d = self.doc()
        d["firm"]["industry_code"] = "I" * 300000
        before = self.versions()
        r = self.put(d)
        self.assertEqual(r.status, 413, r)
        if r.header("Content-Type") == "application/problem+json":
            harness.assert_problem(self, r, 413, "payload-too-large")
        self.assertEqual(self.versions(), before)

    def test_17_bad_year_and_id(self):
        for y in ("1989", "2101", "20x5", "99999", "abc"):
            with self.subTest(year=y):
                r = self.put(self.doc(), year=y)
                harness.assert_problem(self, r, 400, "invalid-parameter", "year")
                r = self.req("GET", self.path(year=y), self.tok_a)
                harness.assert_problem(self, r, 400, "invalid-parameter", "year")
        r = self.req("GET", "/v1/firms/0x1/facts/2025", self.tok_a)
        harness.assert_problem(self, r, 400, "invalid-parameter", "id")
        r = self.req("GET", self.path(tail="/versions?limit=0"), self.tok_a)
        harness.assert_problem(self, r, 400, "invalid-parameter", "limit")
        r = self.req("GET", self.path(tail="/versions?cursor=x"), self.tok_a)
        harness.assert_problem(self, r, 400, "invalid-parameter", "cursor")

    # -- who may do what -----------------------------------------------------------

    def test_20_another_firms_facts_are_not_found(self):
        self.assertIn(self.put(self.doc(year="2018"), year="2018").status, (200, 201))
        for tok in (self.tok_b, self.tok_far_officer):
            with self.subTest(token=tok[:8]):
                for tail in ("", "/versions", "/versions/1"):
                    r = self.req("GET", self.path(year="2018", tail=tail), tok)
                    harness.assert_problem(self, r, 404, "not-found")
                self.bad(self.doc(year="2018"), 404, "not-found", token=tok, year="2018")
        # B's own firm, a year without facts: 404 as well
        r = self.req("GET", self.path(firm=self.firm_b), self.tok_b)
        harness.assert_problem(self, r, 404, "not-found")
        r = self.req("GET", self.path(firm=self.firm_b, tail="/versions"), self.tok_b)
        harness.assert_problem(self, r, 404, "not-found")

    def test_21_unauthenticated(self):
        expired = user("facts-exp-" + secrets.token_hex(4), "firm")
        harness.psql("UPDATE api_token SET created_at = now() - interval '2 days',"
                     " expires_at = now() - interval '1 day' WHERE id = %s" % token_id(expired))
        revoked = user("facts-rev-" + secrets.token_hex(4), "firm")
        ctl("token", "revoke", "--id", token_id(revoked))
        for tok in (None, expired, revoked, "pyt_" + "A" * 43):
            with self.subTest(token=tok and tok[:8]):
                self.bad(self.doc(), 401, "unauthenticated", token=tok)
                for tail in ("", "/versions"):
                    r = self.req("GET", self.path(tail=tail), tok)
                    harness.assert_problem(self, r, 401, "unauthenticated")

    def test_22_auditor_may_not_put(self):
        self.bad(self.doc(), 403, "forbidden", token=self.tok_auditor)

    def test_23_stale_and_malformed_if_match(self):
        year = "2017"
        self.assertEqual(self.put(self.doc(year=year), year=year, if_match='"1"').status, 412)
        self.assertEqual(self.put(self.doc(year=year), year=year).status, 201)
        self.assertEqual(self.put(self.doc(year=year), year=year, if_match='"1"').status, 200)
        before = self.versions(year=year)
        for im in ('"1"', '"3"', "2", "*", '"x"'):
            with self.subTest(if_match=im):
                r = self.put(self.doc(year=year), year=year, if_match=im)
                harness.assert_problem(self, r, 412, "precondition-failed")
        self.assertEqual(self.versions(year=year), before)
        self.assertEqual(self.put(self.doc(year=year), year=year, if_match='W/"2"').status, 200)

    # -- the audit append and the change are one transaction ----------------------

    def test_30_failed_audit_append_rolls_back_the_put(self):
        year = "2016"
        self.assertEqual(self.put(self.doc(year=year), year=year).status, 201)
        name = "test_facts_fail_%d" % self.firm_a
        super_psql("CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                   " RAISE EXCEPTION 'injected audit failure'; END $$;"
                   " CREATE TRIGGER %s BEFORE INSERT ON audit_event FOR EACH ROW"
                   " WHEN (NEW.action = 'facts.put' AND NEW.stream = 'firm:%d')"
                   " EXECUTE FUNCTION %s()" % (name, name, self.firm_a, name))
        try:
            before_v, before_a = self.versions(year=year), self.audits()
            r = self.put(self.doc(year=year, employees=200), year=year)
            harness.assert_problem(self, r, 500, "internal")
            self.assertEqual((self.versions(year=year), self.audits()), (before_v, before_a))
        finally:
            super_psql("DROP TRIGGER IF EXISTS %s ON audit_event; DROP FUNCTION IF EXISTS %s()"
                       % (name, name))
        r = self.req("GET", self.path(year=year), self.tok_a)
        self.assertEqual((r.status, r.json()["version"], r.json()["facts"]["years"][year]["employees"]),
                         (200, 1, 120))


if __name__ == "__main__":
    unittest.main()
