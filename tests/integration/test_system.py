"""Liveness, readiness, routing errors (404, 405 + Allow, HEAD), X-Request-Id,
the access log and /metrics, against the shared peiyud."""
import re
import unittest

import harness
from harness import assert_problem


class Health(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    def test_healthz(self):
        r = self.c.get("/healthz")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "application/json")
        self.assertEqual(r.json(), {"status": "ok"})

    def test_readyz(self):
        r = self.c.get("/readyz")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json(), {"status": "ready"})

    def test_keep_alive_reuses_the_connection(self):
        self.c.get("/healthz")
        first = self.c.socket_id()
        for _ in range(5):
            self.assertEqual(self.c.get("/healthz").status, 200)
        self.assertIsNotNone(first)
        self.assertEqual(self.c.socket_id(), first, "the connection was not kept alive")

    def test_server_and_date_headers(self):
        r = self.c.get("/healthz")
        self.assertEqual(r.header("Server"), "peiyu")
        self.assertRegex(r.header("Date") or "", r"^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$")


class Routing(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    def test_unknown_path_404(self):
        for path in ("/nope", "/v1", "/v1/regions/", "/v1/regions/410400/children", "/healthz/",
                     "/V1/regions"):
            with self.subTest(path=path):
                assert_problem(self, self.c.get(path), 404, "not-found", instance=path)

    def test_unknown_path_404_for_any_method(self):
        r = self.c.request("DELETE", "/nope")
        assert_problem(self, r, 404, "not-found")

    def test_405_with_allow(self):
        cases = [("DELETE", "/v1/regions", "GET, HEAD"), ("POST", "/healthz", "GET, HEAD"),
                 ("PUT", "/v1/regions/410400", "GET, HEAD"), ("GET", "/v1/evaluate", "POST"),
                 ("PATCH", "/metrics", "GET, HEAD"), ("OPTIONS", "/readyz", "GET, HEAD")]
        for method, path, allow in cases:
            with self.subTest(method=method, path=path):
                r = self.c.request(method, path, body=b"" if method in ("POST", "PUT", "PATCH") else None)
                assert_problem(self, r, 405, "method-not-allowed", instance=path)
                self.assertEqual(r.header("Allow"), allow)

    def test_head_on_get_route(self):
        for path in ("/healthz", "/v1/regions/410400", "/v1/regions?parent=410000"):
            with self.subTest(path=path):
                get = self.c.get(path)
                head = self.c.request("HEAD", path)
                self.assertEqual(head.status, 200)
                self.assertEqual(head.body, b"")
                self.assertEqual(head.header("Content-Type"), get.header("Content-Type"))
                # the connection stays usable after a HEAD
                self.assertEqual(self.c.get("/healthz").status, 200)

    def test_head_on_unknown_path(self):
        r = self.c.request("HEAD", "/nope")
        self.assertEqual(r.status, 404)
        self.assertEqual(r.body, b"")
        self.assertEqual(r.header("Content-Type"), "application/problem+json")

    def test_malformed_percent_escape_in_path(self):
        assert_problem(self, self.c.get("/v1/regions/%zz"), 400, "invalid-parameter")


class RequestId(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    def test_echoed_when_sent(self):
        for rid in ("abc-123", "req.2026:01_x", "A" * 64):
            with self.subTest(rid=rid):
                r = self.c.get("/healthz", headers={"X-Request-Id": rid})
                self.assertEqual(r.header("X-Request-Id"), rid)

    def test_echoed_in_problem(self):
        r = self.c.get("/v1/regions/999999", headers={"X-Request-Id": "trace-404"})
        p = assert_problem(self, r, 404, "not-found", field="code")
        self.assertEqual(p["request_id"], "trace-404")

    def test_generated_when_absent(self):
        ids = set()
        for _ in range(5):
            r = self.c.get("/healthz")
            rid = r.header("X-Request-Id")
            self.assertTrue(rid)
            self.assertRegex(rid, r"^[A-Za-z0-9._:-]{1,64}$")
            ids.add(rid)
        self.assertEqual(len(ids), 5, "generated request ids repeat: %r" % ids)

    def test_replaced_when_invalid(self):
        for bad in ("has space", "x" * 65, "semi;colon", "üñí"):
            with self.subTest(bad=bad):
                hdr = bad.encode("utf-8").decode("latin-1")
                r = self.c.get("/healthz", headers={"X-Request-Id": hdr})
                rid = r.header("X-Request-Id")
                self.assertTrue(rid)
                self.assertNotEqual(rid, hdr)
                self.assertRegex(rid, r"^[A-Za-z0-9._:-]{1,64}$")


class AccessLog(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def test_json_line_per_request(self):
        c = self.srv.client()
        try:
            r = c.get("/v1/regions/410400", headers={"X-Request-Id": "log-check-1"})
            self.assertEqual(r.status, 200)
            r = c.get("/v1/regions/000000", headers={"X-Request-Id": "log-check-2"})
            self.assertEqual(r.status, 404)
            r = c.get("/no/such", headers={"X-Request-Id": "log-check-3"})
            self.assertEqual(r.status, 404)
        finally:
            c.close()
        e = self.srv.access_log_entry("log-check-1")
        self.assertIsNotNone(e, "no access-log line for log-check-1 in stdout:\n%s" % self.srv.stdout()[-2000:])
        self.assertEqual(e["method"], "GET")
        self.assertEqual(e["route"], "/v1/regions/{code}")
        self.assertEqual(e["status"], 200)
        self.assertIsInstance(e["duration_ms"], (int, float))
        self.assertGreaterEqual(e["duration_ms"], 0)
        self.assertEqual(e["request_id"], "log-check-1")
        e = self.srv.access_log_entry("log-check-2")
        self.assertIsNotNone(e)
        self.assertEqual((e["route"], e["status"]), ("/v1/regions/{code}", 404))
        e = self.srv.access_log_entry("log-check-3")
        self.assertIsNotNone(e)
        self.assertEqual((e["route"], e["status"]), ("unmatched", 404))

    def test_every_stdout_line_is_json(self):
        import json
        c = self.srv.client()
        try:
            c.get("/v1/regions", headers={"X-Request-Id": "log-check-4"})
        finally:
            c.close()
        self.assertIsNotNone(self.srv.access_log_entry("log-check-4"))
        for line in self.srv.stdout().splitlines():
            if line.strip():
                json.loads(line)  # raises on a torn or non-JSON line


SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[^"}]|"(?:[^"\\]|\\.)*")*\})? (\S+)$')


def parse_prometheus(text):
    """{(name, frozenset(labels)): value} and {name: type}; raises on a bad line."""
    samples, types = {}, {}
    for line in text.splitlines():
        if not line:
            continue
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ", 3)
            types[name] = kind
            continue
        if line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        if not m:
            raise ValueError("not a Prometheus sample line: %r" % line)
        labels = frozenset(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
        samples[(m.group(1), labels)] = float(m.group(3))
    return samples, types


def sample(samples, name, **labels):
    return samples.get((name, frozenset(labels.items())), 0.0)


class Metrics(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def scrape(self, c):
        r = c.get("/metrics")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("Content-Type").startswith("text/plain; version=0.0.4"), r.header("Content-Type"))
        return parse_prometheus(r.text())

    def test_counts_requests_by_route_and_status(self):
        c = self.srv.client()
        try:
            before, _ = self.scrape(c)
            self.assertEqual(c.get("/v1/regions/410400").status, 200)
            self.assertEqual(c.get("/v1/regions/999999").status, 404)
            self.assertEqual(c.get("/nowhere").status, 404)
            after, types = self.scrape(c)
        finally:
            c.close()
        name = "peiyu_http_requests_total"
        self.assertEqual(types.get(name), "counter")
        for labels, delta in ((dict(method="GET", route="/v1/regions/{code}", status="200"), 1),
                              (dict(method="GET", route="/v1/regions/{code}", status="404"), 1),
                              (dict(method="any", route="unmatched", status="404"), 1)):
            with self.subTest(**labels):
                self.assertGreaterEqual(sample(after, name, **labels) - sample(before, name, **labels), delta)

    def test_latency_histogram(self):
        c = self.srv.client()
        try:
            c.get("/v1/regions/410400")
            s, types = self.scrape(c)
        finally:
            c.close()
        h = "peiyu_http_request_duration_seconds"
        self.assertEqual(types.get(h), "histogram")
        lab = dict(method="GET", route="/v1/regions/{code}")
        buckets = sorted(((float(dict(k[1])["le"]), v) for k, v in s.items()
                          if k[0] == h + "_bucket" and {("method", "GET"), ("route", "/v1/regions/{code}")} <= k[1]),
                         key=lambda b: b[0])
        self.assertGreater(len(buckets), 3)
        self.assertEqual(buckets[-1][0], float("inf"))
        counts = [v for _, v in buckets]
        self.assertEqual(counts, sorted(counts), "histogram buckets are not cumulative")
        self.assertEqual(counts[-1], sample(s, h + "_count", **lab))
        self.assertGreater(sample(s, h + "_count", **lab), 0)
        self.assertGreater(sample(s, h + "_sum", **lab), 0)

    def test_pool_gauges(self):
        c = self.srv.client()
        try:
            c.get("/readyz")
            s, types = self.scrape(c)
        finally:
            c.close()
        for name, kind in (("peiyu_db_pool_connections", "gauge"), ("peiyu_db_pool_in_use", "gauge"),
                           ("peiyu_db_pool_waiting", "gauge"), ("peiyu_db_errors_total", "counter")):
            with self.subTest(name=name):
                self.assertEqual(types.get(name), kind)
                self.assertIn((name, frozenset()), s)
        self.assertGreaterEqual(sample(s, "peiyu_db_pool_connections"), 1)
        self.assertEqual(sample(s, "peiyu_db_pool_waiting"), 0)

    def test_every_sample_has_a_type(self):
        c = self.srv.client()
        try:
            s, types = self.scrape(c)
        finally:
            c.close()
        for name, _ in s:
            base = re.sub(r"_(bucket|sum|count)$", "", name)
            self.assertTrue(name in types or base in types, "%s has no # TYPE line" % name)


if __name__ == "__main__":
    unittest.main()
