"""Bearer tokens and password sessions: who may call, and what 401 says.

Tokens come from `peiyuctl token issue` (shown once, stored as SHA-256) or
POST /v1/sessions (PBKDF2 checked off the event loop; failures counted and
slowed with 429 + Retry-After).
"""
import unittest

import harness
from harness import assert_problem
from accounts import (bearer, expire_token, issue_token, make_user, peiyuctl, revoke_token,
                      user_with_token)


class Tokens(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    def test_valid_token_is_accepted(self):
        _, t = user_with_token("admin")
        r = self.c.get("/v1/firms?limit=1", headers=bearer(t))
        self.assertEqual(r.status, 200, r)

    def test_no_token_on_a_signed_in_route(self):
        r = self.c.get("/v1/firms")
        assert_problem(self, r, 401, "unauthenticated")
        self.assertIn("Bearer", r.header("WWW-Authenticate") or "")

    def test_malformed_tokens(self):
        for h in ("Bearer", "Bearer pyt_short", "Basic dXNlcjpwYXNz", "bearer " + "pyt_" + "A" * 43,
                  "Bearer pyt_" + "A" * 42 + "="):
            r = self.c.get("/v1/firms", headers={"Authorization": h})
            assert_problem(self, r, 401, "unauthenticated")

    def test_unknown_token(self):
        r = self.c.get("/v1/firms", headers=bearer("pyt_" + "B" * 43))
        p = assert_problem(self, r, 401, "unauthenticated")
        self.assertIn("not known", p["detail"])

    def test_expired_token(self):
        _, t = user_with_token("admin")
        expire_token(t)
        p = assert_problem(self, self.c.get("/v1/firms", headers=bearer(t)), 401, "unauthenticated")
        self.assertIn("expired", p["detail"])

    def test_revoked_token(self):
        _, t = user_with_token("admin")
        self.assertEqual(self.c.get("/v1/firms", headers=bearer(t)).status, 200)
        revoke_token(t)
        p = assert_problem(self, self.c.get("/v1/firms", headers=bearer(t)), 401, "unauthenticated")
        self.assertIn("revoked", p["detail"])

    def test_disabled_user(self):
        login, t = user_with_token("admin")
        peiyuctl("user", "disable", "--login", login)
        p = assert_problem(self, self.c.get("/v1/firms", headers=bearer(t)), 401, "unauthenticated")
        self.assertIn("disabled", p["detail"])

    def test_token_in_query_string_is_ignored(self):
        _, t = user_with_token("admin")
        assert_problem(self, self.c.get("/v1/firms?access_token=" + t), 401, "unauthenticated")

    def test_wrong_role_is_403(self):
        _, t = user_with_token("firm")
        r = self.c.get("/v1/firms", headers=bearer(t))
        assert_problem(self, r, 403, "forbidden")

    def test_token_stored_only_as_hash(self):
        login, t = user_with_token("auditor", regions=["4104"])
        self.assertEqual(harness.psql("SELECT count(*) FROM api_token WHERE token_sha256 = '%s'" % t), "0")
        self.assertEqual(harness.psql(
            "SELECT count(*) FROM api_token t JOIN app_user u ON u.id = t.user_id"
            " WHERE u.login = '%s' AND t.token_sha256 ~ '^[0-9a-f]{64}$'" % login), "1")


class Sessions(unittest.TestCase):
    PASSWORD = "a long enough passphrase"

    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    def login(self, login, password):
        return self.c.post_json("/v1/sessions", {"login": login, "password": password})

    def test_login_gives_a_working_token(self):
        login = make_user("admin", password=self.PASSWORD)
        r = self.login(login, self.PASSWORD)
        self.assertEqual(r.status, 201, r)
        body = r.json()
        self.assertEqual(body["token_type"], "Bearer")
        self.assertTrue(body["token"].startswith("pyt_"))
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertEqual(self.c.get("/v1/firms?limit=1", headers=bearer(body["token"])).status, 200)
        events = harness.psql("SELECT count(*) FROM audit_event WHERE action = 'session.open'"
                              " AND after->>'user' = '%s'" % login)
        self.assertEqual(events, "1")

    def test_wrong_password_and_unknown_login_look_the_same(self):
        login = make_user("admin", password=self.PASSWORD)
        a = assert_problem(self, self.login(login, "not it"), 401, "unauthenticated")
        b = assert_problem(self, self.login("no.such.user", "not it"), 401, "unauthenticated")
        self.assertEqual(a["detail"], b["detail"])

    def test_failures_are_counted_then_slowed(self):
        login = make_user("admin", password=self.PASSWORD)
        for _ in range(5):
            assert_problem(self, self.login(login, "guess"), 401, "unauthenticated")
        self.assertEqual(harness.psql("SELECT failed_logins FROM app_user WHERE login = '%s'" % login), "5")
        r = self.login(login, self.PASSWORD)  # even the right password waits
        assert_problem(self, r, 429, "too-many-requests")
        self.assertTrue((r.header("Retry-After") or "").isdigit())

    def test_success_resets_the_count(self):
        login = make_user("admin", password=self.PASSWORD)
        assert_problem(self, self.login(login, "guess"), 401, "unauthenticated")
        self.assertEqual(self.login(login, self.PASSWORD).status, 201)
        self.assertEqual(harness.psql("SELECT failed_logins FROM app_user WHERE login = '%s'" % login), "0")

    def test_user_without_password_cannot_log_in(self):
        login = make_user("admin")
        assert_problem(self, self.login(login, ""), 400, "invalid-field", field="password")
        assert_problem(self, self.login(login, "anything"), 401, "unauthenticated")

    def test_bad_bodies(self):
        assert_problem(self, self.c.post_json("/v1/sessions", {"login": "x"}), 400, "invalid-field")
        assert_problem(self, self.c.post_json("/v1/sessions", {"login": "abc"}), 400, "missing-field",
                       field="password")
        assert_problem(self, self.c.post_json("/v1/sessions", {"login": 5, "password": "p"}), 400,
                       "invalid-field", field="login")
        assert_problem(self, self.c.post_json("/v1/sessions", {"login": "abc", "password": "p",
                                                               "role": "admin"}),
                       400, "unknown-field", field="role")
        r = self.c.request("POST", "/v1/sessions", body=b'{"login":"a","login":"b"}',
                           headers={"Content-Type": "application/json"})
        assert_problem(self, r, 400, "duplicate-key")


if __name__ == "__main__":
    unittest.main()
