"""Firms: register once, scoped reads, cursor list, PATCH with If-Match, and
every change audited in the same transaction on the firm's stream."""
import json
import unittest

import harness
from harness import assert_problem
from accounts import bearer, new_uscc, user_with_token


def firm_body(**over):
    b = {"uscc": new_uscc(), "name": "平顶山测试科技有限公司", "registered_on": "2019-03-01",
         "region_code": "410402", "industry_code": "C3484"}
    b.update(over)
    return b


class Firms(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()
        _, cls.admin = user_with_token("admin")
        _, cls.officer_pds = user_with_token("officer", regions=["4104"])
        _, cls.officer_zz = user_with_token("officer", regions=["4101"])
        _, cls.auditor_pds = user_with_token("auditor", regions=["4104"])

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    def register(self, token, **over):
        return self.c.post_json("/v1/firms", firm_body(**over), headers=bearer(token))

    def new_firm_user(self):
        _, t = user_with_token("firm")
        r = self.register(t)
        self.assertEqual(r.status, 201, r)
        return t, r.json()

    def patch(self, token, fid, body, etag=None):
        h = {"Content-Type": "application/json"}
        h.update(bearer(token))
        if etag is not None:
            h["If-Match"] = etag
        return self.c.request("PATCH", "/v1/firms/%d" % fid, body=json.dumps(body), headers=h)

    # -- happy paths -------------------------------------------------------------

    def test_firm_registers_its_own_firm_once(self):
        _, t = user_with_token("firm")
        r = self.register(t)
        self.assertEqual(r.status, 201, r)
        f = r.json()
        self.assertEqual(r.header("Location"), "/v1/firms/%d" % f["id"])
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(f["uscc_check"], "ok")
        self.assertEqual(f["version"], 1)
        r2 = self.register(t)
        assert_problem(self, r2, 409, "conflict")
        got = self.c.get("/v1/firms/%d" % f["id"], headers=bearer(t))
        self.assertEqual(got.status, 200)
        self.assertEqual(got.json()["uscc"], f["uscc"])
        ev = harness.psql("SELECT action || ' ' || stream FROM audit_event WHERE entity = 'firm'"
                          " AND entity_id = '%d' ORDER BY seq" % f["id"])
        self.assertEqual(ev, "firm.register firm:%d" % f["id"])

    def test_check_digit_mismatch_is_accepted_but_flagged(self):
        good = new_uscc()
        last = "0" if good[-1] != "0" else "1"
        r = self.register(self.admin, uscc=good[:-1] + last)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["uscc_check"], "mismatch_flagged")

    def test_duplicate_uscc(self):
        u = new_uscc()
        self.assertEqual(self.register(self.admin, uscc=u).status, 201)
        assert_problem(self, self.register(self.admin, uscc=u), 409, "conflict", field="uscc")

    def test_scoped_reads(self):
        t, f = self.new_firm_user()
        path = "/v1/firms/%d" % f["id"]
        self.assertEqual(self.c.get(path, headers=bearer(self.officer_pds)).status, 200)
        self.assertEqual(self.c.get(path, headers=bearer(self.auditor_pds)).status, 200)
        assert_problem(self, self.c.get(path, headers=bearer(self.officer_zz)), 404, "not-found")
        other, _ = self.new_firm_user()
        assert_problem(self, self.c.get(path, headers=bearer(other)), 404, "not-found")  # BOLA

    def test_list_is_scoped_and_paged(self):
        ids = [self.register(self.admin, region_code="410403").json()["id"] for _ in range(3)]
        seen, cursor = [], None
        for _ in range(50):
            q = "/v1/firms?region=410403&limit=2" + ("&cursor=" + cursor if cursor else "")
            r = self.c.get(q, headers=bearer(self.officer_pds))
            self.assertEqual(r.status, 200, r)
            page = r.json()
            seen += [x["id"] for x in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        self.assertTrue(set(ids) <= set(seen))
        self.assertEqual(seen, sorted(seen))
        r = self.c.get("/v1/firms?region=410403", headers=bearer(self.officer_zz))
        self.assertEqual(r.json()["items"], [])

    def test_list_bad_parameters(self):
        h = bearer(self.officer_pds)
        for q, field in (("region=4", "region"), ("region=41x4", "region"), ("limit=0", "limit"),
                         ("limit=101", "limit"), ("limit=x", "limit"), ("cursor=-1", "cursor")):
            assert_problem(self, self.c.get("/v1/firms?" + q, headers=h), 400, "invalid-parameter",
                           field=field)

    def test_patch_with_if_match(self):
        t, f = self.new_firm_user()
        r = self.patch(t, f["id"], {"name": "改名后的科技有限公司"}, etag='"1"')
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("ETag"), '"2"')
        self.assertEqual(r.json()["name"], "改名后的科技有限公司")
        assert_problem(self, self.patch(t, f["id"], {"name": "再改一次公司"}, etag='"1"'), 412,
                       "precondition-failed")
        assert_problem(self, self.patch(t, f["id"], {"name": "再改一次公司"}), 428,
                       "precondition-required")
        ev = harness.psql("SELECT before->>'name' || '>' || (after->>'name') FROM audit_event"
                          " WHERE action = 'firm.update' AND entity_id = '%d'" % f["id"])
        self.assertEqual(ev, "%s>改名后的科技有限公司" % f["name"])

    def test_official_fields(self):
        t, f = self.new_firm_user()
        assert_problem(self, self.patch(t, f["id"], {"dishonest_listed": True}, etag='"1"'), 403,
                       "forbidden", field="dishonest_listed")
        r = self.patch(self.officer_pds, f["id"], {"dishonest_listed": True}, etag='"1"')
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.json()["dishonest_listed"])
        # no mass assignment on create either
        _, t2 = user_with_token("firm")
        assert_problem(self, self.register(t2, dishonest_listed=False), 400, "unknown-field",
                       field="dishonest_listed")

    def test_patch_someone_elses_firm(self):
        _, f = self.new_firm_user()
        other, _ = self.new_firm_user()
        assert_problem(self, self.patch(other, f["id"], {"name": "抢来的公司"}, etag='"1"'), 404,
                       "not-found")
        assert_problem(self, self.patch(self.officer_zz, f["id"], {"name": "越权公司"}, etag='"1"'),
                       404, "not-found")
        assert_problem(self, self.patch(self.auditor_pds, f["id"], {"name": "审计改的"}, etag='"1"'),
                       403, "forbidden")

    # -- unhappy bodies ----------------------------------------------------------

    def test_create_validation(self):
        _, t = user_with_token("firm")
        cases = [
            ({"uscc": "91410402MA0000000"}, 400, "invalid-field", "uscc"),      # 17 chars
            ({"uscc": "91410402MA00000O0X"}, 400, "invalid-field", "uscc"),     # O not allowed
            ({"uscc": 914104020000000000}, 400, "invalid-field", "uscc"),       # wrong type
            ({"region_code": "999999"}, 400, "invalid-field", "region_code"),   # unknown region
            ({"region_code": "4104"}, 400, "invalid-field", "region_code"),
            ({"registered_on": "2019-02-30"}, 400, "invalid-field", "registered_on"),
            ({"industry_code": "c3484"}, 400, "invalid-field", "industry_code"),
            ({"name": "x"}, 400, "invalid-field", "name"),
            ({"name": "公" * 129}, 400, "invalid-field", "name"),
            ({"extra": 1}, 400, "unknown-field", "extra"),
        ]
        for over, status, slug, field in cases:
            with self.subTest(over=over):
                assert_problem(self, self.register(t, **over), status, slug, field=field)
        b = firm_body()
        del b["name"]
        assert_problem(self, self.c.post_json("/v1/firms", b, headers=bearer(t)), 400,
                       "missing-field", field="name")
        r = self.c.request("POST", "/v1/firms", body=b'{"name": ', headers=dict(
            bearer(t), **{"Content-Type": "application/json"}))
        assert_problem(self, r, 400, "malformed-json")
        big = firm_body(name="x" * 300000)
        assert_problem(self, self.c.post_json("/v1/firms", big, headers=bearer(t)), 413,
                       "payload-too-large")
        # nothing was created by any of these
        self.assertEqual(harness.psql(
            "SELECT count(*) FROM app_user u WHERE u.firm_id IS NOT NULL AND u.id = "
            "(SELECT user_id FROM api_token WHERE token_sha256 = encode(sha256('%s'::bytea), 'hex'))"
            % t), "0")

    def test_roles(self):
        _, t = user_with_token("firm")
        assert_problem(self, self.register(self.officer_pds), 403, "forbidden")
        assert_problem(self, self.c.get("/v1/firms", headers=bearer(t)), 403, "forbidden")
        assert_problem(self, self.c.post_json("/v1/firms", firm_body()), 401, "unauthenticated")
        assert_problem(self, self.c.get("/v1/firms/abc", headers=bearer(self.admin)), 400,
                       "invalid-parameter", field="id")


if __name__ == "__main__":
    unittest.main()
