"""Strict HTTP/1.1 message framing (RFC 9112), over raw sockets.

A request whose framing or head another HTTP implementation (a proxy in
front of peiyud) could read differently is refused on every route with a 400
(505 for an unsupported version) problem+json carrying `Connection: close`,
and the connection is closed after it: nothing sent behind such a request on
the same connection is ever executed. Each case below sends the request with
a harmless probe (GET /healthz) pipelined behind it and checks that the probe
is never answered.

HTTP/1.0 keeps working; Host is required in HTTP/1.1 requests only, and
never more than one.
"""
import json
import socket
import time
import unittest

import harness
from harness import assert_problem
from accounts import bearer, new_uscc, user_with_token

PROBE = b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"


def parse_responses(data):
    """Split raw bytes into Responses (Content-Length bodies; a response
    without one runs to the end). Returns (responses, leftover bytes)."""
    out = []
    while b"\r\n\r\n" in data:
        head, rest = data.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        headers = []
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers.append((k.strip(), v.strip()))
        r = harness.Response(int(parts[1]), parts[2] if len(parts) > 2 else "", headers, b"")
        r.status_line = lines[0]
        n = r.header("Content-Length")
        if n is None:
            r.body, data = rest, b""
        else:
            r.body, data = rest[:int(n)], rest[int(n):]
        out.append(r)
    return out, data


def exchange(port, data, timeout=4.0, want=None):
    """Send `data` on a new connection and read until the server closes it,
    `want` responses have arrived, or `timeout` passes. Returns (responses, closed)."""
    s = harness.connect(port, timeout)
    buf = b""
    closed = False
    try:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            s.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            except ConnectionResetError:
                closed = True
                break
            if not chunk:
                closed = True
                break
            buf += chunk
            if want is not None and len(parse_responses(buf)[0]) >= want:
                break
    finally:
        s.close()
    responses, _ = parse_responses(buf)
    return responses, closed


class StrictCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def assert_refused(self, raw, status=400, slug="bad-request", problem_json=True):
        """`raw` (a request, PROBE is appended) gets one refusal, then the close.
        problem_json=False: evhttp itself may refuse it first (its own text/html page)."""
        responses, closed = exchange(self.srv.port, raw + PROBE)
        self.assertTrue(responses, "no answer to %r" % raw[:200])
        r = responses[0]
        if problem_json or r.header("Content-Type") != "text/html":
            assert_problem(self, r, status, slug)
        else:
            self.assertEqual(r.status, status, r)
        self.assertIn(r.status_line.split(" ")[0], ("HTTP/1.0", "HTTP/1.1"), r.status_line)
        self.assertEqual(r.header("Connection"), "close", r)
        self.assertEqual(len(responses), 1,
                         "the request behind the refused one was answered: %r" % responses[1:])
        self.assertTrue(closed, "the connection stayed open after refusing %r" % raw[:200])
        return r

    def assert_served(self, raw, n=1):
        """`raw` (PROBE appended) gets n answers that are not refusals, then the probe's 200."""
        responses, _ = exchange(self.srv.port, raw + PROBE, timeout=3, want=n + 1)
        self.assertEqual(len(responses), n + 1, "%r -> %r" % (raw[:200], responses))
        for r in responses[:n]:
            self.assertNotEqual(r.header("Connection"), "close", r)
            if r.status == 400:
                self.assertNotEqual(r.json().get("type"), "urn:peiyu:problem:bad-request", r)
        self.assertEqual(responses[-1].status, 200, responses[-1])
        return responses


class Smuggling(StrictCase):
    """A request hidden behind a request with ambiguous framing is never executed."""

    def setUp(self):
        _, self.token = user_with_token("firm")
        c = self.srv.client()
        try:
            r = c.post_json("/v1/firms", {"uscc": new_uscc(), "name": "平顶山防走私科技有限公司",
                                          "registered_on": "2019-03-01", "region_code": "410402",
                                          "industry_code": "C3484"},
                            headers=bearer(self.token))
        finally:
            c.close()
        self.assertEqual(r.status, 201, r)
        self.firm = r.json()

    def hidden_patch(self):
        body = json.dumps({"name": "走私改名科技有限公司"}).encode()
        return (b"PATCH /v1/firms/%d HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer %s\r\n"
                b"Content-Type: application/json\r\nIf-Match: \"1\"\r\nContent-Length: %d\r\n\r\n"
                % (self.firm["id"], self.token.encode(), len(body))) + body

    def assert_not_executed(self, raw, problem_json=True):
        responses, closed = exchange(self.srv.port, raw)
        time.sleep(0.3)  # had the PATCH run, its transaction has committed by now
        c = self.srv.client()
        try:
            got = c.get("/v1/firms/%d" % self.firm["id"], headers=bearer(self.token))
        finally:
            c.close()
        self.assertEqual(got.status, 200, got)
        self.assertEqual((got.json()["name"], got.json()["version"]), (self.firm["name"], 1),
                         "the hidden PATCH was executed; answers: %r" % responses)
        n = harness.psql("SELECT count(*) FROM audit_event WHERE action = 'firm.update'"
                         " AND entity_id = '%d'" % self.firm["id"])
        self.assertEqual(n, "0", "the hidden PATCH was audited")
        self.assertTrue(responses, "no answer")
        if problem_json or responses[0].header("Content-Type") != "text/html":
            assert_problem(self, responses[0], 400, "bad-request")
        else:
            self.assertEqual(responses[0].status, 400, responses[0])
        self.assertEqual(responses[0].header("Connection"), "close", responses[0])
        self.assertEqual(len(responses), 1, "more than one answer: %r" % responses)
        self.assertTrue(closed, "the connection stayed open after the refusal")

    def test_duplicate_content_length_on_a_json_route(self):
        hidden = self.hidden_patch()
        self.assert_not_executed(
            b"POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            b"Content-Length: 2\r\nContent-Length: %d\r\n\r\n{}" % (2 + len(hidden)) + hidden)

    def test_duplicate_content_length_on_a_route_without_body(self):
        hidden = self.hidden_patch()
        self.assert_not_executed(
            b"GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\nContent-Length: %d\r\n\r\n"
            % len(hidden) + hidden)

    def test_transfer_encoding_with_content_length(self):
        hidden = self.hidden_patch()
        self.assert_not_executed(
            b"GET /healthz HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
            b"Content-Length: %d\r\n\r\n0\r\n\r\n" % (5 + len(hidden)) + hidden, problem_json=False)


class Framing(StrictCase):
    """Body framing another reader could take differently."""

    def test_repeated_equal_content_length(self):
        self.assert_refused(b"POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                            b"Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}")
        self.assert_refused(b"GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n")

    def test_conflicting_content_length(self):
        self.assert_refused(b"GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 0\r\n\r\nhello")

    def test_content_length_with_transfer_encoding(self):
        self.assert_refused(b"POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                            b"Content-Length: 7\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                            problem_json=False)

    def test_content_length_not_digits(self):
        for value in (b"+2", b"-0", b"+0"):
            with self.subTest(value=value):
                self.assert_refused(b"POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                                    b"Content-Length: %s\r\n\r\n{}" % value)

    def test_transfer_encoding_other_than_chunked(self):
        for te in (b"gzip", b"gzip, chunked", b"chunked, chunked", b"identity"):
            with self.subTest(te=te):
                self.assert_refused(b"POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                                    b"Transfer-Encoding: %s\r\n\r\n0\r\n\r\n" % te, problem_json=False)

    def test_repeated_transfer_encoding(self):
        self.assert_refused(b"POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                            b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                            problem_json=False)

    def test_transfer_encoding_in_http10(self):
        self.assert_refused(b"POST /v1/evaluate HTTP/1.0\r\nContent-Type: application/json\r\n"
                            b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")

    def test_head_with_a_body(self):
        # evhttp reads no body for HEAD: the "body" would be taken as the next request
        self.assert_refused(b"HEAD /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: %d\r\n\r\n" % len(PROBE))
        self.assert_refused(b"HEAD /healthz HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")

    def test_trailer_fields_are_not_headers(self):
        # evhttp (Debian 12) discards the trailer of a chunked body: it never acts as a header
        r = self.assert_served(b"POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                               b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n"
                               b"Authorization: Bearer x\r\nX-Request-Id: from-the-trailer\r\n\r\n")
        self.assertNotEqual(r[0].status, 401, r)
        self.assertNotEqual(r[0].header("X-Request-Id"), "from-the-trailer", r)

    def test_chunked_body_accepted(self):
        r = self.assert_served(b"POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                               b"Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n1\r\n}\r\n0\r\n\r\n")
        self.assertIn(r[0].status, (200, 400, 422), r)

    def test_zero_content_length_and_leading_zeros_accepted(self):
        self.assert_served(b"GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
        self.assert_served(b"GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: 002\r\n\r\n{}")


class HeadSyntax(StrictCase):
    """Header lines and request lines outside the RFC 9112 grammar."""

    def test_whitespace_before_colon(self):
        self.assert_refused(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Pad : a\r\n\r\n")
        self.assert_refused(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Pad\t: a\r\n\r\n")
        self.assert_refused(b"GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length : 5\r\n\r\nhello")

    def test_empty_header_name(self):
        self.assert_refused(b"GET /healthz HTTP/1.1\r\nHost: t\r\n: a\r\n\r\n")

    def test_nul_in_value(self):
        self.assert_refused(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Pad: a\x00b\r\n\r\n")
        self.assert_refused(b"GET /healthz HTTP/1.1\r\nHost: t\x00.example\r\n\r\n")

    def test_control_character_in_value(self):
        self.assert_refused(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Pad: a\x01b\r\n\r\n")

    def test_obsolete_line_folding(self):
        self.assert_refused(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Pad: a\r\n b\r\n\r\n")

    def test_request_line_shape(self):
        self.assert_refused(b"GET  /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        self.assert_refused(b"GET /healthz\x01 HTTP/1.1\r\nHost: t\r\n\r\n")
        self.assert_refused(b"GET /healthz HTTP/1.1 \r\nHost: t\r\n\r\n")


class Host(StrictCase):
    def test_missing_host_in_http11(self):
        self.assert_refused(b"GET /healthz HTTP/1.1\r\n\r\n")

    def test_repeated_host(self):
        self.assert_refused(b"GET /healthz HTTP/1.1\r\nHost: t\r\nHost: u\r\n\r\n")
        self.assert_refused(b"GET /healthz HTTP/1.1\r\nHost: t\r\nHost: t\r\n\r\n")
        self.assert_refused(b"GET /healthz HTTP/1.0\r\nHost: t\r\nHost: t\r\n\r\n")

    def test_http10_without_host_served(self):
        r = harness.raw_exchange(self.srv.port, b"GET /healthz HTTP/1.0\r\n\r\n", timeout=5)
        self.assertEqual(r.status, 200, r)

    def test_http10_keep_alive_served(self):
        r = self.assert_served(b"GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        self.assertEqual(r[0].status, 200)


class Version(StrictCase):
    def test_wrapped_major_version(self):
        # sscanf's %d wraps: libevent 2.1.12 took this for version -1.-1 and answered "HTTP/-1.-1 200 OK"
        self.assert_refused(b"GET /healthz HTTP/4294967295.255\r\nHost: t\r\n\r\n")
        self.assert_refused(b"GET /healthz HTTP/4294967297.1\r\nHost: t\r\n\r\n")

    def test_version_not_two_digits(self):
        for v in (b"HTTP/01.1", b"HTTP/1.01", b"HTTP/+1.1", b"HTTP/1.-1", b"http/1.1"):
            with self.subTest(version=v):
                self.assert_refused(b"GET /healthz %s\r\nHost: t\r\n\r\n" % v, problem_json=v != b"http/1.1")

    def test_unsupported_version(self):
        for v in (b"HTTP/0.9", b"HTTP/1.2"):
            with self.subTest(version=v):
                self.assert_refused(b"GET /healthz %s\r\nHost: t\r\n\r\n" % v, 505,
                                    "http-version-not-supported")

    def test_major_version_two_refused_and_closed(self):
        # evhttp itself refuses a major version above 1 (before peiyud sees the request)
        self.assert_refused(b"GET /healthz HTTP/2.0\r\nHost: t\r\n\r\n", problem_json=False)


class EvhttpRefusals(StrictCase):
    """Heads evhttp itself refuses before peiyud sees them: still refused and closed."""

    def test_refused_and_closed(self):
        for raw in (b"GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n",
                    b"GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n",
                    b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Pad a\r\n\r\n",
                    b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-P\x00ad: a\r\n\r\n",
                    b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Pad: a\rb\r\n\r\n"):
            with self.subTest(raw=raw):
                self.assert_refused(raw, problem_json=False)


class Pipelining(StrictCase):
    """Well-formed requests pipelined on one connection are all served, in order."""

    def test_pipelined_requests_served(self):
        body = b'{"years": {}}'
        reqs = (b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
                b"POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
                + b"GET /v1/regions/410400 HTTP/1.1\r\nHost: t\r\n\r\n")
        responses, _ = exchange(self.srv.port, reqs + PROBE, timeout=3)
        self.assertEqual(len(responses), 4, responses)
        self.assertEqual(responses[0].status, 200)
        self.assertNotEqual(responses[1].header("Connection"), "close", responses[1])
        self.assertEqual(responses[2].status, 200)
        self.assertEqual(responses[2].json()["code"], "410400")

    def test_bad_request_behind_a_good_one(self):
        responses, closed = exchange(self.srv.port,
                                     b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
                                     b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Pad : a\r\n\r\n" + PROBE)
        self.assertEqual([r.status for r in responses], [200, 400], responses)
        assert_problem(self, responses[1], 400, "bad-request")
        self.assertTrue(closed)

    def test_pipelined_byte_by_byte(self):
        s = harness.connect(self.srv.port, 5)
        try:
            data = (b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
                    b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-A: a\x00\r\n\r\n" + PROBE)
            for i in range(len(data)):
                s.sendall(data[i:i + 1])
            buf = b""
            s.settimeout(3)
            while True:
                try:
                    chunk = s.recv(65536)
                except (socket.timeout, ConnectionResetError):
                    break
                if not chunk:
                    break
                buf += chunk
        finally:
            s.close()
        responses, _ = parse_responses(buf)
        self.assertEqual([r.status for r in responses], [200, 400], responses)


if __name__ == "__main__":
    unittest.main()
