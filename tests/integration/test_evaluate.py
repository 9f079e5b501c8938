"""POST /v1/evaluate: the same verdict JSON as `peiyuctl eval`, and every way a
body or a query can be wrong (POLICY.md §3, §7; lib/core/errors.h)."""
import json
import os
import subprocess
import unittest

import harness
from harness import assert_problem

AS_OF = "2026-06-30"


def fixture(name):
    with open(os.path.join(harness.FIXTURES, name), "rb") as f:
        return f.read()


def peiyuctl_eval(module, facts, as_of=AS_OF, region=None):
    cmd = [harness.PEIYUCTL, "eval", "--module", module, "--facts", os.path.join(harness.FIXTURES, facts),
           "--as-of", as_of]
    if region:
        cmd += ["--region", region]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd=harness.SOURCE_DIR,
                       stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


def nested(depth):
    """A JSON object nested `depth` levels: {"a":{"a":...{}}} (depth 1 = {})."""
    return "{" + '"a":{' * (depth - 1) + "}" * (depth - 1) + "}"


class EvaluateHappy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def setUp(self):
        self.c = self.srv.client(timeout=30)

    def tearDown(self):
        self.c.close()

    def compare_with_cli(self, module, facts, region=None):
        rc, out, err = peiyuctl_eval(module, facts, region=region)
        self.assertEqual(rc, 0, err)
        q = "/v1/evaluate?module=%s&as_of=%s" % (module, AS_OF) + ("&region=" + region if region else "")
        r = self.c.post_json(q, fixture(facts))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Content-Type"), "application/json")
        self.assertEqual(r.json(), json.loads(out), "HTTP and peiyuctl eval disagree for %s on %s" % (module, facts))
        return r.json()

    def test_tech_sme_same_as_cli(self):
        v = self.compare_with_cli("tech_sme", "eligible.json")
        self.assertEqual(v["module"], "tech_sme")
        self.assertEqual(v["as_of"], AS_OF)
        self.assertEqual((v["score"], v["outcome"]), (48, "ineligible"))

    def test_all_same_as_cli(self):
        v = self.compare_with_cli("all", "eligible.json")
        self.assertEqual(set(v), {"verdicts", "stage", "next"})
        self.assertIsInstance(v["verdicts"], list)
        self.assertIn("tech_sme", [x["module"] for x in v["verdicts"]])

    def test_other_fixtures_same_as_cli(self):
        for module, facts in (("tech_sme", "missing.json"), ("high_tech", "high_tech_review.json"),
                              ("all", "missing.json"), ("all", "high_tech_review.json")):
            with self.subTest(module=module, facts=facts):
                self.compare_with_cli(module, facts)

    def test_region_override_same_as_cli(self):
        self.compare_with_cli("all", "eligible.json", region="410400")

    def test_module_defaults_to_all(self):
        r = self.c.post_json("/v1/evaluate?as_of=" + AS_OF, fixture("eligible.json"))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(set(r.json()), {"verdicts", "stage", "next"})

    def test_missing_facts_give_insufficient_data(self):
        r = self.c.post_json("/v1/evaluate?module=tech_sme&as_of=" + AS_OF, fixture("missing.json"))
        self.assertEqual(r.status, 200, r)
        v = r.json()
        self.assertEqual(v["outcome"], "insufficient_data")
        self.assertIn("years.2025.employees", v["missing"])

    def test_content_type_with_charset(self):
        r = self.c.post_json("/v1/evaluate?module=tech_sme&as_of=" + AS_OF, fixture("eligible.json"),
                             content_type="application/json; charset=utf-8")
        self.assertEqual(r.status, 200, r)

    def test_chunked_body(self):
        body = fixture("eligible.json")
        s = harness.connect(self.srv.port)
        try:
            s.sendall(b"POST /v1/evaluate?module=tech_sme&as_of=" + AS_OF.encode() + b" HTTP/1.1\r\n"
                      b"Host: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + b"%x\r\n" % len(body[:100]) + body[:100] + b"\r\n"
                      + b"%x\r\n" % len(body[100:]) + body[100:] + b"\r\n0\r\n\r\n")
            r = harness.read_response(s, timeout=20)
        finally:
            s.close()
        self.assertIsNotNone(r, "no response to a chunked body")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["score"], 48)


class EvaluateErrors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def setUp(self):
        self.c = self.srv.client(timeout=30)

    def tearDown(self):
        self.c.close()

    def post(self, body, query="?module=tech_sme&as_of=" + AS_OF, **kw):
        return self.c.post_json("/v1/evaluate" + query, body, **kw)

    def test_malformed_json(self):
        for body in (b'{"firm": ', b"{firm: 1}", b'{"a": 1,}', b"\xff\xfe", b"", b"nul"):
            with self.subTest(body=body):
                assert_problem(self, self.post(body), 400, "malformed-json", instance="/v1/evaluate")

    def test_not_an_object(self):
        for body in (b"[1]", b"1", b'"x"', b"null"):
            with self.subTest(body=body):
                assert_problem(self, self.post(body), 400, "malformed-json")

    def test_trailing_garbage(self):
        assert_problem(self, self.post(b'{"firm": {}} {"x": 1}'), 400, "malformed-json")

    def test_duplicate_keys(self):
        for body in (b'{"firm": {}, "firm": {}}', b'{"firm": {"uscc": "a", "uscc": "b"}}',
                     b'{"years": {"2025": {"employees": 1, "employees": 2}}}'):
            with self.subTest(body=body):
                assert_problem(self, self.post(body), 400, "duplicate-key")

    def test_wrong_type(self):
        cases = [({"years": {"2025": {"employees": "x"}}}, "years.2025.employees"),
                 ({"firm": {"resident_enterprise": "yes"}}, "firm.resident_enterprise"),
                 ({"firm": {"established_on": "2018-02-30"}}, "firm.established_on"),
                 ({"ip": {"class": "I"}}, "ip")]
        for body, field in cases:
            with self.subTest(field=field):
                p = assert_problem(self, self.post(body), 400, "invalid-field", field=field)
                self.assertTrue(p.get("detail"))

    def test_unknown_field_names_it(self):
        for body, field in (({"bogus": 1}, "bogus"), ({"firm": {"employees": 3}}, "firm.employees"),
                            ({"years": {"2025": {"profit": 1}}}, "years.2025.profit")):
            with self.subTest(field=field):
                r = self.post(body)
                self.assertEqual(r.status, 400, r)
                self.assertEqual(r.header("Content-Type"), "application/problem+json")
                self.assertEqual(r.json().get("field"), field)

    def test_unknown_field_type(self):
        assert_problem(self, self.post({"bogus": 1}), 400, "unknown-field", field="bogus")

    def test_real_number_in_money_field(self):
        p = assert_problem(self, self.post(fixture("bad_real.json")), 400, "invalid-field",
                           field="years.2025.sales_revenue_fen")
        self.assertIn("integer", p["detail"])
        for value in (1.0, 1e3, "100"):
            with self.subTest(value=value):
                assert_problem(self, self.post({"years": {"2025": {"rd_expense_fen": value}}}), 400,
                               "invalid-field", field="years.2025.rd_expense_fen")

    def test_inconsistent_facts_name_the_field(self):
        rc, _, err = peiyuctl_eval("tech_sme", "bad_consistency.json")
        self.assertEqual(rc, 2)
        p = assert_problem(self, self.post(fixture("bad_consistency.json")), 400, "invalid-field")
        self.assertIn(p.get("field", ""), err)  # the CLI's message names the same field

    def test_missing_content_type_415(self):
        r = self.c.request("POST", "/v1/evaluate", body=fixture("eligible.json"))
        assert_problem(self, r, 415, "unsupported-media-type", instance="/v1/evaluate")

    def test_wrong_content_type_415(self):
        for ct in ("text/plain", "application/jsonx", "application/x-www-form-urlencoded", "json"):
            with self.subTest(ct=ct):
                assert_problem(self, self.post(fixture("eligible.json"), content_type=ct), 415,
                               "unsupported-media-type")

    def test_body_over_limit_413(self):
        # default --max-body-bytes 262144: a valid JSON object a little larger
        body = '{"firm": {"industry_code": "%s"}}' % ("x" * 270000)
        p = assert_problem(self, self.post(body), 413, "payload-too-large", instance="/v1/evaluate")
        self.assertIn("262144", p.get("detail", ""))
        self.assertEqual(self.c.get("/healthz").status, 200)

    def test_too_deep(self):
        assert_problem(self, self.post(nested(33)), 400, "json-too-deep")
        assert_problem(self, self.post('{"ip": ' + "[" * 40 + "]" * 40 + "}"), 400, "json-too-deep")
        # at the limit the parser accepts it; the facts check then rejects the field
        r = self.post(nested(32))
        self.assertEqual(r.status, 400)
        self.assertNotEqual(r.json()["type"], "urn:peiyu:problem:json-too-deep")

    def test_unknown_module(self):
        for m in ("nope", "TECH_SME", "", "tech_sme%20"):
            with self.subTest(module=m):
                assert_problem(self, self.post(fixture("eligible.json"), query="?module=%s&as_of=%s" % (m, AS_OF)),
                               400, "invalid-parameter", field="module")

    def test_bad_as_of(self):
        for d in ("2026-13-01", "2026-02-30", "20260101", "2026-6-30", "yesterday", ""):
            with self.subTest(as_of=d):
                assert_problem(self, self.post(fixture("eligible.json"), query="?module=tech_sme&as_of=" + d),
                               400, "invalid-parameter", field="as_of")

    def test_bad_region(self):
        for reg in ("41", "4104000", "41x400", ""):
            with self.subTest(region=reg):
                assert_problem(self, self.post(fixture("eligible.json"), query="?module=all&region=" + reg),
                               400, "invalid-parameter", field="region")

    def test_no_edition_in_force_422(self):
        assert_problem(self, self.post(fixture("eligible.json"), query="?module=tech_sme&as_of=1990-01-01"),
                       422, "unprocessable")

    def test_two_content_lengths(self):
        body = b'{"firm": {}}'
        s = harness.connect(self.srv.port)
        try:
            s.sendall(b"POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                      b"Content-Length: %d\r\nContent-Length: %d\r\n\r\n" % (len(body), len(body)) + body)
            r = harness.read_response(s, timeout=10)
        finally:
            s.close()
        self.assertIsNotNone(r, "no answer to a request with two Content-Length headers")
        self.assertEqual(r.status, 400, r)

    def test_server_still_serves_after_errors(self):
        self.post(b"{")
        self.assertEqual(self.c.get("/readyz").status, 200)


class EvaluateLimits(unittest.TestCase):
    """Configured limits, on a peiyud of its own (checked for a clean exit)."""

    @classmethod
    def setUpClass(cls):
        cls.srv = harness.Server(["--threads", "1", "--max-body-bytes", "1024", "--max-json-depth", "8"],
                                 name="peiyud (small body/depth limits)").start()

    @classmethod
    def tearDownClass(cls):
        problems = cls.srv.stop()
        cls.srv.cleanup()
        if problems:
            raise AssertionError("\n".join(problems))

    def test_body_over_configured_limit_413_problem(self):
        c = self.srv.client()
        try:
            body = '{"firm": {"industry_code": "%s"}}' % ("x" * 1100)  # between 1024 and evhttp's 4096
            p = assert_problem(self, c.post_json("/v1/evaluate", body), 413, "payload-too-large")
            self.assertIn("1024", p.get("detail", ""))
            # just under the limit goes through to the facts parser
            r = c.post_json("/v1/evaluate?module=tech_sme&as_of=" + AS_OF, fixture("eligible.json"))
            self.assertEqual(r.status, 200, r)
        finally:
            c.close()

    def test_depth_over_configured_limit(self):
        c = self.srv.client()
        try:
            p = assert_problem(self, c.post_json("/v1/evaluate", nested(9)), 400, "json-too-deep")
            self.assertIn("8", p.get("detail", ""))
            r = c.post_json("/v1/evaluate", nested(8))
            self.assertNotEqual(r.json()["type"], "urn:peiyu:problem:json-too-deep")
        finally:
            c.close()


class EvaluateFarOverLimit(unittest.TestCase):
    def test_body_far_over_limit_evhttp_413(self):
        # Far past the limit (evhttp's own cap, 4x): refused from the headers, before the body.
        srv = harness.Server(["--threads", "1", "--max-body-bytes", "1024"], name="peiyud (far over)").start()
        try:
            s = harness.connect(srv.port)
            try:
                s.sendall(b"POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                          b"Content-Length: 10000000\r\n\r\n" + b"{" * 1000)
                r = harness.read_response(s, timeout=10)
            finally:
                harness.close_abruptly(s)
            self.assertIsNotNone(r, "connection closed without a 413")
            self.assertEqual(r.status, 413, r)
            self.assertEqual(harness.get(srv.port, "/healthz").status, 200)
            srv.stop_and_check(self)
        finally:
            srv.cleanup()


if __name__ == "__main__":
    unittest.main()
