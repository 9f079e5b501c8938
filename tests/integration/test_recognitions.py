"""Recognitions: POST /v1/firms/{id}/recognitions (admin import, one SQL
function that audits 'recognition.grant' on the firm's stream) and
GET /v1/firms/{id}/recognitions[?as_of=DATE] (scoped in SQL; as_of keeps
those in force that day, granted_on through expires_on inclusive).

Self-contained: each run makes its own users (peiyuctl) and firms
(POST /v1/firms), so it can run again on the same database. The helpers at
the top are shared with test_pathway.py (imported as a module)."""
import hashlib
import json
import os
import secrets
import subprocess
import unittest

import harness
from harness import assert_problem

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015
WEIGHTS = [pow(3, i, 31) for i in range(17)]


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


def user(prefix, role, *regions):
    """A new user with a token; returns (login, token)."""
    login = "%s-%s" % (prefix, secrets.token_hex(4))
    args = ["user", "add", "--login", login, "--role", role]
    for r in regions:
        args += ["--region", r]
    ctl(*args)
    return login, ctl("token", "issue", "--login", login)


def sha(token):
    return hashlib.sha256(token.encode()).hexdigest()


def request(srv, method, path, token=None, body=None, headers=None):
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    if body is not None:
        h.setdefault("Content-Type", "application/json")
        if not isinstance(body, (str, bytes)):
            body = json.dumps(body, ensure_ascii=False)
    c = srv.client()
    try:
        return c.request(method, path, body=body, headers=h)
    finally:
        c.close()


def register(srv, token, region="410402", registered_on="2018-03-02"):
    """Register a firm (as its firm user or as an admin); returns (id, uscc)."""
    code = uscc(region)
    r = request(srv, "POST", "/v1/firms", token,
                {"uscc": code, "name": "培育认定测试 " + code[-5:], "registered_on": registered_on,
                 "region_code": region, "industry_code": "I6513"})
    if r.status != 201:
        raise RuntimeError("could not register a firm: %r" % r)
    return r.json()["id"], code


def grant(srv, token, firm, kind="tech_sme", granted_on="2025-01-10", expires_on="2025-12-31",
          number="auto", **extra):
    body = {"kind": kind, "granted_on": granted_on, "expires_on": expires_on}
    if number == "auto":
        number = "T%s" % secrets.token_hex(6).upper()
    if number is not None:
        body["certificate_number"] = number
    body.update(extra)
    return request(srv, "POST", "/v1/firms/%d/recognitions" % firm, token, body)


class Recognitions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()
        _, cls.admin = user("rec-adm", "admin")
        _, cls.firm_tok = user("rec-firm", "firm")
        _, cls.other_tok = user("rec-other", "firm")
        _, cls.officer = user("rec-off", "officer", "4104")
        _, cls.far_officer = user("rec-far", "officer", "4101")
        _, cls.auditor = user("rec-aud", "auditor", "4104")
        cls.firm, _ = register(cls.srv, cls.firm_tok)
        cls.other, _ = register(cls.srv, cls.other_tok)

    def count(self, firm=None):
        return int(harness.psql("SELECT count(*) FROM recognition WHERE firm_id = %d"
                                % (firm or self.firm)))

    def listing(self, token, firm=None, as_of=None):
        q = "" if as_of is None else "?as_of=" + as_of
        return request(self.srv, "GET", "/v1/firms/%d/recognitions%s" % (firm or self.firm, q), token)

    # -- happy paths -----------------------------------------------------------

    def test_01_admin_grants_and_the_firm_and_its_officials_list(self):
        fid, _ = register(self.srv, self.admin)
        number = "GR2025%s" % secrets.token_hex(4).upper()
        r = grant(self.srv, self.admin, fid, kind="high_tech", granted_on="2024-12-01",
                  expires_on="2027-11-30", number=number)
        self.assertEqual(r.status, 201, r)
        b = r.json()
        self.assertEqual((b["firm_id"], b["kind"], b["certificate_number"], b["granted_on"],
                          b["expires_on"], b["source"], b["application_id"]),
                         (fid, "high_tech", number, "2024-12-01", "2027-11-30", "import", None))
        self.assertIsInstance(b["id"], int)
        ev = harness.psql("SELECT action || ' ' || entity || ' ' || entity_id || ' ' || (after->>'kind')"
                          " FROM audit_event WHERE stream = 'firm:%d' AND action = 'recognition.grant'"
                          % fid)
        self.assertEqual(ev, "recognition.grant recognition %d high_tech" % b["id"])
        for tok in (self.admin, self.officer, self.auditor):
            r = self.listing(tok, fid)
            self.assertEqual(r.status, 200, r)
            self.assertEqual([i["id"] for i in r.json()["items"]], [b["id"]])
            self.assertIsNone(r.json()["as_of"])
        # without a certificate number, and source manual
        r = grant(self.srv, self.admin, fid, kind="hnte_pool", number=None, source="manual")
        self.assertEqual(r.status, 201, r)
        self.assertIsNone(r.json()["certificate_number"])
        self.assertEqual(r.json()["source"], "manual")

    def test_02_firm_lists_its_own(self):
        r = grant(self.srv, self.admin, self.firm, kind="innovative_sme")
        self.assertEqual(r.status, 201, r)
        r = self.listing(self.firm_tok)
        self.assertEqual(r.status, 200, r)
        self.assertIn("innovative_sme", [i["kind"] for i in r.json()["items"]])

    def test_03_as_of_boundaries(self):
        fid, _ = register(self.srv, self.admin)
        rid = grant(self.srv, self.admin, fid, granted_on="2025-01-10",
                    expires_on="2025-12-31").json()["id"]
        cases = [("2025-01-09", []), ("2025-01-10", [rid]), ("2025-06-30", [rid]),
                 ("2025-12-31", [rid]), ("2026-01-01", [])]
        for i, (day, want) in enumerate(cases, 1):
            with self.subTest(case=i, as_of=day):
                r = self.listing(self.admin, fid, day)
                self.assertEqual(r.status, 200, r)
                self.assertEqual(r.json()["as_of"], day)
                self.assertEqual([x["id"] for x in r.json()["items"]], want)
        # one-day recognition: in force on that day only
        one = grant(self.srv, self.admin, fid, kind="gazelle", granted_on="2025-03-03",
                    expires_on="2025-03-03").json()["id"]
        self.assertIn(one, [x["id"] for x in self.listing(self.admin, fid, "2025-03-03").json()["items"]])
        self.assertNotIn(one, [x["id"] for x in self.listing(self.admin, fid, "2025-03-04").json()["items"]])

    def test_04_same_number_other_kind_is_fine(self):
        number = "N%s" % secrets.token_hex(5).upper()
        self.assertEqual(grant(self.srv, self.admin, self.firm, number=number).status, 201)
        self.assertEqual(grant(self.srv, self.admin, self.firm, kind="hnte_pool",
                               number=number).status, 201)

    # -- unhappy paths: who -------------------------------------------------------

    def test_10_firm_user_granting_is_403(self):
        before = self.count()
        assert_problem(self, grant(self.srv, self.firm_tok, self.firm), 403, "forbidden")
        assert_problem(self, grant(self.srv, self.officer, self.firm), 403, "forbidden")
        assert_problem(self, grant(self.srv, self.auditor, self.firm), 403, "forbidden")
        self.assertEqual(self.count(), before)

    def test_11_other_firm_and_far_officer_get_404(self):
        assert_problem(self, self.listing(self.other_tok), 404, "not-found")
        assert_problem(self, self.listing(self.far_officer), 404, "not-found")
        assert_problem(self, self.listing(self.firm_tok, self.other), 404, "not-found")

    def test_12_unknown_firm_is_404(self):
        assert_problem(self, grant(self.srv, self.admin, 999999999), 404, "not-found")
        assert_problem(self, self.listing(self.admin, 999999999), 404, "not-found")

    def test_13_unauthenticated(self):
        assert_problem(self, self.listing(None), 401, "unauthenticated")
        assert_problem(self, grant(self.srv, None, self.firm), 401, "unauthenticated")
        _, expired = user("rec-exp", "admin")
        harness.psql("UPDATE api_token SET created_at = now() - interval '2 days',"
                     " expires_at = now() - interval '1 second' WHERE token_sha256 = '%s'" % sha(expired))
        assert_problem(self, grant(self.srv, expired, self.firm), 401, "unauthenticated")
        _, revoked = user("rec-rev", "admin")
        ctl("token", "revoke", "--id",
            harness.psql("SELECT id FROM api_token WHERE token_sha256 = '%s'" % sha(revoked)))
        assert_problem(self, grant(self.srv, revoked, self.firm), 401, "unauthenticated")
        assert_problem(self, self.listing(revoked), 401, "unauthenticated")

    # -- unhappy paths: what --------------------------------------------------------

    def test_20_bad_bodies_change_nothing(self):
        before = self.count()
        path = "/v1/firms/%d/recognitions" % self.firm
        ok = {"kind": "tech_sme", "granted_on": "2025-01-10", "expires_on": "2025-12-31"}
        cases = [
            ("bad kind", dict(ok, kind="unicorn"), "invalid-field", "kind"),
            ("kind not a string", dict(ok, kind=3), "invalid-field", "kind"),
            ("expires before granted", dict(ok, expires_on="2025-01-09"), "invalid-field", "expires_on"),
            ("bad date", dict(ok, granted_on="2025-02-30"), "invalid-field", "granted_on"),
            ("date as number", dict(ok, granted_on=20250110), "invalid-field", "granted_on"),
            ("missing kind", {"granted_on": "2025-01-10", "expires_on": "2025-12-31"}, "missing-field", "kind"),
            ("missing expires_on", {"kind": "tech_sme", "granted_on": "2025-01-10"}, "missing-field", "expires_on"),
            ("unknown field", dict(ok, firm_id=self.other), "unknown-field", "firm_id"),
            ("source approval", dict(ok, source="approval"), "invalid-field", "source"),
            ("application_id", dict(ok, application_id=1), "unknown-field", "application_id"),
            ("number too long", dict(ok, certificate_number="9" * 64), "invalid-field", "certificate_number"),
            ("number with control", dict(ok, certificate_number="A\tB"), "invalid-field", "certificate_number"),
            ("empty number", dict(ok, certificate_number=""), "invalid-field", "certificate_number"),
        ]
        for i, (name, body, slug, field) in enumerate(cases, 1):
            with self.subTest(case=i, name=name):
                r = request(self.srv, "POST", path, self.admin, body)
                assert_problem(self, r, 400, slug, field=field)
        assert_problem(self, request(self.srv, "POST", path, self.admin, '{"kind": "tech_sme",'),
                       400, "malformed-json")
        assert_problem(self, request(self.srv, "POST", path, self.admin, "[1, 2]"), 400, "malformed-json")
        assert_problem(self, request(self.srv, "POST", path, self.admin,
                                     '{"kind": "tech_sme", "kind": "gazelle", "granted_on": "2025-01-10",'
                                     ' "expires_on": "2025-12-31"}'), 400, "duplicate-key")
        big = json.dumps(dict(ok, certificate_number="x" * 400000))
        r = request(self.srv, "POST", path, self.admin, big)
        self.assertEqual(r.status, 413, r)
        self.assertEqual(self.count(), before)

    def test_21_duplicate_certificate_is_409(self):
        number = "D%s" % secrets.token_hex(5).upper()
        self.assertEqual(grant(self.srv, self.admin, self.firm, number=number).status, 201)
        before = self.count()
        r = grant(self.srv, self.admin, self.other, number=number)
        assert_problem(self, r, 409, "conflict", field="certificate_number")
        self.assertEqual(self.count(), before)

    def test_22_bad_as_of_and_id(self):
        for i, bad in enumerate(["2025-13-01", "yesterday", "2025-1-1", "", "2025-02-29x"], 1):
            with self.subTest(case=i, as_of=bad):
                assert_problem(self, self.listing(self.admin, as_of=bad), 400, "invalid-parameter",
                               field="as_of")
        r = request(self.srv, "GET", "/v1/firms/abc/recognitions", self.admin)
        assert_problem(self, r, 400, "invalid-parameter", field="id")


if __name__ == "__main__":
    unittest.main()
