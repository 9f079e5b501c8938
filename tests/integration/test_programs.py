"""Programmes: POST /v1/programs, GET /v1/programs, GET /v1/programs/{id},
PATCH /v1/programs/{id} (admin-managed; scoped listing; audited on 'system').

Also the helpers test_applications.py shares: accounts made with the real
`peiyuctl user add` / `token issue`, firms registered through the API,
programmes with a window relative to now.
"""
import datetime
import hashlib
import itertools
import json
import os
import subprocess
import time
import unittest

import harness
from harness import assert_problem

_seq = itertools.count(1)
_uscc_seq = itertools.count(int(time.time() * 10) % 10 ** 6)
_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def peiyuctl(*args, stdin=None):
    env = dict(os.environ)
    env["PEIYU_ADMIN_DATABASE_URL"] = harness.ADMIN_DATABASE_URL or harness.DATABASE_URL
    p = subprocess.run([harness.PEIYUCTL] + list(args), input=stdin, capture_output=True,
                       text=True, timeout=60, env=env)
    if p.returncode != 0:
        raise RuntimeError("peiyuctl %s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr))
    return p.stdout


def user(role, regions=(), programs=()):
    """A new user of `role` and a token for it: (login, token)."""
    login = "%s.p%d.%d" % (role, os.getpid() % 100000, next(_seq))
    args = ["user", "add", "--login", login, "--role", role]
    for r in regions:
        args += ["--region", r]
    for p in programs:
        args += ["--program", str(p)]
    peiyuctl(*args)
    return login, peiyuctl("token", "issue", "--login", login, "--days", "1").strip()


def auth(token):
    return {"Authorization": "Bearer " + token}


def token_sha(token):
    return hashlib.sha256(token.encode()).hexdigest()


def expire(token):
    harness.psql("UPDATE api_token SET created_at = now() - interval '2 days',"
                 " expires_at = now() - interval '1 second' WHERE token_sha256 = '%s'" % token_sha(token))


def revoke(token):
    harness.psql("UPDATE api_token SET revoked_at = now() WHERE token_sha256 = '%s'" % token_sha(token))


def new_uscc(region):
    body = ("91" + region + "%09d" % (next(_uscc_seq) * 7919 % 10 ** 9))[:17]
    s = sum(_CHARS.index(c) * w for c, w in zip(body, _WEIGHTS))
    return body + _CHARS[(31 - s % 31) % 31]


def firm_user(client, region="440305"):
    """A firm account that has registered its firm: (token, firm_id)."""
    _, token = user("firm")
    r = client.post_json("/v1/firms", {"uscc": new_uscc(region), "name": "测试科技有限公司",
                                       "registered_on": "2015-01-01", "region_code": region,
                                       "industry_code": "I6513"}, headers=auth(token))
    if r.status != 201:
        raise RuntimeError("firm registration failed: %r" % r)
    return token, r.json()["id"]


def shanghai_today():
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()


def program_body(**over):
    today = shanghai_today()
    body = {"name_zh": "科技型中小企业评价", "name_en": "Tech-based SME evaluation",
            "module": "tech_sme", "region_prefix": "4403",
            "opens_at": (today - datetime.timedelta(days=10)).isoformat(),
            "closes_at": (today + datetime.timedelta(days=30)).isoformat(),
            "fiscal_year": today.year - 1, "budget_fen": 100000000, "review_days": 20,
            "four_eyes_fen": 50000000}
    body.update(over)
    return body


_admin = None


def admin_token():
    global _admin
    if _admin is None:
        _admin = user("admin")[1]
    return _admin


def make_program(client, **over):
    r = client.post_json("/v1/programs", program_body(**over), headers=auth(admin_token()))
    if r.status != 201:
        raise RuntimeError("programme creation failed: %r" % r)
    return r.json()


class Programs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()
        c = cls.srv.client()
        cls.admin = admin_token()
        cls.firm_token, cls.firm_id = firm_user(c, "440305")
        cls.other_firm_token, _ = firm_user(c, "410402")
        cls.open = make_program(c)
        cls.closed = make_program(c, opens_at="2020-01-01", closes_at="2020-12-31")
        cls.elsewhere = make_program(c, region_prefix="4104")
        c.close()

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    def post(self, body, token=None, path="/v1/programs"):
        return self.c.post_json(path, body, headers=auth(token or self.admin))

    def patch(self, pid, body, etag, token=None):
        h = {"Content-Type": "application/json"}
        h.update(auth(token or self.admin))
        if etag is not None:
            h["If-Match"] = etag
        return self.c.request("PATCH", "/v1/programs/%d" % pid, body=json.dumps(body), headers=h)

    def ids(self, r):
        self.assertEqual(r.status, 200, r)
        return {p["id"] for p in r.json()["items"]}

    # -- create -----------------------------------------------------------------

    def test_create_returns_programme_with_etag_location_and_audit(self):
        r = self.post(program_body(opens_at="2026-03-01T09:00:00+08:00", closes_at="2099-03-31"))
        self.assertEqual(r.status, 201, r)
        p = r.json()
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(r.header("Location"), "/v1/programs/%d" % p["id"])
        self.assertEqual(p["opens_at"], "2026-03-01T09:00:00+08:00")
        # a closing date is the end of that day in Asia/Shanghai
        self.assertEqual(p["closes_at"], "2099-04-01T00:00:00+08:00")
        self.assertEqual((p["module"], p["budget_fen"], p["reserved_fen"], p["version"]),
                         ("tech_sme", 100000000, 0, 1))
        self.assertTrue(p["open_now"])
        ev = harness.psql("SELECT action || ' ' || stream FROM audit_event WHERE entity = 'program'"
                          " AND entity_id = '%d'" % p["id"])
        self.assertEqual(ev, "program.create system")

    def test_create_utc_timestamp(self):
        r = self.post(program_body(opens_at="2026-01-01T00:00:00Z"))
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["opens_at"], "2026-01-01T08:00:00+08:00")

    def test_create_bad_bodies(self):
        cases = [
            ("unknown module", program_body(module="no_such_module"), "invalid-field", "module"),
            ("not implemented module id", program_body(module="Tech"), "invalid-field", "module"),
            ("missing name", {k: v for k, v in program_body().items() if k != "name_zh"}, "missing-field", "name_zh"),
            ("missing window", {k: v for k, v in program_body().items() if k != "closes_at"}, "missing-field", "closes_at"),
            ("unknown field", program_body(reserved_fen=5), "unknown-field", "reserved_fen"),
            ("fiscal_year string", program_body(fiscal_year="2025"), "invalid-field", "fiscal_year"),
            ("budget real", program_body(budget_fen=1.5), "invalid-field", "budget_fen"),
            ("budget negative", program_body(budget_fen=-1), "invalid-field", "budget_fen"),
            ("timestamp without offset", program_body(opens_at="2026-03-01T00:00:00"), "invalid-field", "opens_at"),
            ("not a date", program_body(opens_at="2026-02-30"), "invalid-field", "opens_at"),
            ("closes before opens", program_body(opens_at="2026-03-02", closes_at="2026-03-01"), "invalid-field", "closes_at"),
            ("region prefix letters", program_body(region_prefix="44a"), "invalid-field", "region_prefix"),
            ("unknown region prefix", program_body(region_prefix="999"), "invalid-field", "region_prefix"),
            ("review_days 0", program_body(review_days=0), "invalid-field", "review_days"),
        ]
        for n, (name, body, slug, field) in enumerate(cases, 1):
            with self.subTest(case=n, name=name):
                assert_problem(self, self.post(body), 400, slug, field=field)

    def test_create_malformed_and_oversized(self):
        h = auth(self.admin)
        assert_problem(self, self.c.post_json("/v1/programs", '{"name_zh": ', headers=h), 400, "malformed-json")
        assert_problem(self, self.c.post_json("/v1/programs", '{"a": 1, "a": 2}', headers=h), 400, "duplicate-key")
        assert_problem(self, self.c.post_json("/v1/programs", "[1]", headers=h), 400, "malformed-json")
        big = program_body(name_en="x" * (2 << 20))
        r = self.c.post_json("/v1/programs", big, headers=h)
        self.assertIn(r.status, (413,), r)

    def test_create_needs_admin(self):
        for role in ("firm", "officer", "auditor", "approver"):
            with self.subTest(role=role):
                _, t = user(role, regions=("4403",) if role in ("officer", "auditor", "approver") else ())
                assert_problem(self, self.post(program_body(), token=t), 403, "forbidden")

    def test_unauthenticated(self):
        _, t = user("admin")
        cases = [("no token", {}), ("garbage", {"Authorization": "Bearer nope"})]
        expire(t)
        cases.append(("expired", auth(t)))
        _, t2 = user("admin")
        revoke(t2)
        cases.append(("revoked", auth(t2)))
        for name, h in cases:
            with self.subTest(name=name):
                assert_problem(self, self.c.post_json("/v1/programs", program_body(), headers=h), 401, "unauthenticated")
                assert_problem(self, self.c.get("/v1/programs", headers=h), 401, "unauthenticated")
                assert_problem(self, self.c.get("/v1/programs/%d" % self.open["id"], headers=h), 401, "unauthenticated")

    # -- list and get -------------------------------------------------------------

    def test_firm_sees_open_programmes_of_its_region(self):
        ids = self.ids(self.c.get("/v1/programs", headers=auth(self.firm_token)))
        self.assertIn(self.open["id"], ids)
        self.assertNotIn(self.closed["id"], ids)
        self.assertNotIn(self.elsewhere["id"], ids)
        # ?all=1 does not show a firm closed programmes
        ids = self.ids(self.c.get("/v1/programs?all=1", headers=auth(self.firm_token)))
        self.assertNotIn(self.closed["id"], ids)
        other = self.ids(self.c.get("/v1/programs", headers=auth(self.other_firm_token)))
        self.assertIn(self.elsewhere["id"], other)
        self.assertNotIn(self.open["id"], other)

    def test_officer_scope_and_all(self):
        _, off = user("officer", regions=("440305",))
        ids = self.ids(self.c.get("/v1/programs", headers=auth(off)))
        self.assertIn(self.open["id"], ids)
        self.assertNotIn(self.closed["id"], ids)
        self.assertNotIn(self.elsewhere["id"], ids)
        ids = self.ids(self.c.get("/v1/programs?all=1", headers=auth(off)))
        self.assertIn(self.closed["id"], ids)
        self.assertNotIn(self.elsewhere["id"], ids)
        # an officer limited to one programme sees only it
        _, off2 = user("officer", regions=("4403",), programs=(self.closed["id"],))
        self.assertEqual(self.ids(self.c.get("/v1/programs?all=1", headers=auth(off2))) & {self.open["id"], self.closed["id"]},
                         {self.closed["id"]})
        assert_problem(self, self.c.get("/v1/programs?all=yes", headers=auth(off)), 400, "invalid-parameter", field="all")

    def test_admin_sees_all(self):
        ids = self.ids(self.c.get("/v1/programs", headers=auth(self.admin)))
        self.assertLessEqual({self.open["id"], self.closed["id"], self.elsewhere["id"]}, ids)

    def test_get(self):
        r = self.c.get("/v1/programs/%d" % self.open["id"], headers=auth(self.firm_token))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("ETag"), '"%d"' % r.json()["version"])
        self.assertEqual(r.json()["id"], self.open["id"])
        # outside the firm's region: 404, as if it did not exist
        assert_problem(self, self.c.get("/v1/programs/%d" % self.elsewhere["id"], headers=auth(self.firm_token)), 404, "not-found")
        assert_problem(self, self.c.get("/v1/programs/999999999", headers=auth(self.admin)), 404, "not-found")
        assert_problem(self, self.c.get("/v1/programs/abc", headers=auth(self.admin)), 400, "invalid-parameter", field="id")

    # -- patch --------------------------------------------------------------------

    def test_patch_with_if_match(self):
        p = make_program(self.c)
        r = self.patch(p["id"], {"budget_fen": 200000000, "closes_at": "2099-12-31"}, '"1"')
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("ETag"), '"2"')
        self.assertEqual((r.json()["budget_fen"], r.json()["closes_at"]), (200000000, "2100-01-01T00:00:00+08:00"))
        assert_problem(self, self.patch(p["id"], {"budget_fen": 1}, '"1"'), 412, "precondition-failed")
        assert_problem(self, self.patch(p["id"], {"budget_fen": 1}, None), 428, "precondition-required")
        assert_problem(self, self.patch(p["id"], {"module": "high_tech"}, '"2"'), 400, "unknown-field", field="module")
        assert_problem(self, self.patch(p["id"], {"review_days": "x"}, '"2"'), 400, "invalid-field", field="review_days")
        assert_problem(self, self.patch(p["id"], {"budget_fen": 1}, '"2"', token=self.firm_token), 403, "forbidden")
        assert_problem(self, self.patch(999999999, {"budget_fen": 1}, '"1"'), 404, "not-found")
        ev = harness.psql("SELECT count(*) FROM audit_event WHERE stream = 'system' AND action = 'program.update'"
                          " AND entity_id = '%d'" % p["id"])
        self.assertEqual(ev, "1")


if __name__ == "__main__":
    unittest.main()
