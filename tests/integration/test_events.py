"""GET /v1/events: Server-Sent Events of application changes, fed by
LISTEN/NOTIFY, scoped to what the caller may see, resumable with
Last-Event-ID, and a slow reader blocks nobody."""
import json
import socket
import time
import unittest

import harness
from harness import assert_problem
from accounts import bearer, new_uscc, user_with_token


class SSE:
    """A raw SSE client: reads records with a deadline."""

    def __init__(self, port, token, last_id=None):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        extra = "Last-Event-ID: %s\r\n" % last_id if last_id is not None else ""
        self.sock.sendall(("GET /v1/events HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer %s\r\n%s\r\n"
                           % (token, extra)).encode())
        self.buf = b""
        self.head = self._until(b"\r\n\r\n", 10).decode()

    def _until(self, sep, timeout):
        deadline = time.monotonic() + timeout
        while sep not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no %r within %s s" % (sep, timeout))
            self.sock.settimeout(left)
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.buf += chunk
        part, self.buf = self.buf.split(sep, 1)
        return part

    def events(self, n, timeout=10):
        """The next n records with an id (chunked framing lines are skipped)."""
        out = []
        deadline = time.monotonic() + timeout
        while len(out) < n:
            rec = self._until(b"\n\n", max(0.1, deadline - time.monotonic())).decode()
            fields = {}
            for line in rec.splitlines():
                if ":" in line and not line.startswith(":"):
                    k, v = line.split(":", 1)
                    if k in ("id", "event", "data"):
                        fields[k] = v.strip()
            if "id" in fields:
                out.append(fields)
        return out

    def close(self):
        self.sock.close()


def emit(firm_id, action="application.test", entity_id="1"):
    """Append an application event to a firm's stream, as the functions do."""
    return int(harness.psql(
        "SELECT audit_append('firm:%d', NULL, 'test', '%s', 'application', '%s', NULL,"
        " '{\"state\": \"queued\"}'::jsonb, NULL, 'sse-test')" % (firm_id, action, entity_id)))


class Events(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()
        _, cls.admin = user_with_token("admin")
        _, cls.officer_pds = user_with_token("officer", regions=["4104"])
        c = cls.srv.client()
        try:
            cls.firm_pds = cls.make_firm(c, "410402")
            cls.firm_zz = cls.make_firm(c, "410105")
        finally:
            c.close()

    @classmethod
    def make_firm(cls, c, region):
        r = c.post_json("/v1/firms", {"uscc": new_uscc(region), "name": "事件测试科技有限公司",
                                      "registered_on": "2021-01-04", "region_code": region,
                                      "industry_code": "M7320"}, headers=bearer(cls.admin))
        assert r.status == 201, r
        return r.json()["id"]

    def test_stream_sees_own_region_only(self):
        s = SSE(self.srv.port, self.officer_pds)
        try:
            self.assertIn("200", s.head.splitlines()[0])
            self.assertIn("text/event-stream", s.head)
            time.sleep(0.3)  # the listener is in place
            hidden = emit(self.firm_zz)
            shown = emit(self.firm_pds)
            ev = s.events(1)
            self.assertEqual(int(ev[0]["id"]), shown)
            self.assertEqual(ev[0]["event"], "application.test")
            data = json.loads(ev[0]["data"])
            self.assertEqual(data["firm_id"], self.firm_pds)
            self.assertEqual(data["state"], "queued")
            self.assertNotEqual(hidden, shown)
        finally:
            s.close()

    def test_resume_with_last_event_id(self):
        first = emit(self.firm_pds)
        missed = [emit(self.firm_pds) for _ in range(3)]
        s = SSE(self.srv.port, self.officer_pds, last_id=first)
        try:
            got = [int(e["id"]) for e in s.events(3)]
            self.assertEqual(got, missed)
        finally:
            s.close()

    def test_slow_reader_blocks_nobody(self):
        slow = SSE(self.srv.port, self.admin)          # never reads again
        slow.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        fast = SSE(self.srv.port, self.admin)
        try:
            time.sleep(0.3)
            ids = [emit(self.firm_pds, entity_id="x" * 200) for _ in range(300)]
            got = [int(e["id"]) for e in fast.events(300, timeout=30)]
            self.assertEqual(got, ids)
            self.assertEqual(harness.get(self.srv.port, "/healthz").status, 200)
        finally:
            slow.close()
            fast.close()

    def test_unhappy(self):
        c = self.srv.client()
        try:
            assert_problem(self, c.get("/v1/events"), 401, "unauthenticated")
            assert_problem(self, c.get("/v1/events", headers=dict(bearer(self.admin), **{"Last-Event-ID": "x1"})),
                           400, "invalid-parameter", field="Last-Event-ID")
        finally:
            c.close()


if __name__ == "__main__":
    unittest.main()
