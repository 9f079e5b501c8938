"""Limits: header size, a client dripping its request, the connection cap,
HTTP/1.0 and Connection: close. Each class runs its own peiyud."""
import socket
import time
import unittest

import harness


def answer_to(port, data, timeout=5):
    """The response to raw `data`, None when the connection closed unanswered,
    or "timeout" when neither happened within `timeout`."""
    s = harness.connect(port)
    try:
        s.sendall(data)
        try:
            return harness.read_response(s, timeout=timeout)
        except (socket.timeout, ConnectionError):
            return "timeout"
    finally:
        harness.close_abruptly(s)


class HeaderLimit(unittest.TestCase):
    """Requests evhttp itself refuses (before peiyud's handler) get a 4xx
    answer, the connection closes, and peiyud exits cleanly afterwards. Each
    test runs its own peiyud with --max-header-bytes 2048 and stops it."""

    def setUp(self):
        self.srv = harness.Server(["--threads", "1", "--max-header-bytes", "2048"],
                                  name="peiyud (2 KiB headers)").start()

    def tearDown(self):
        self.srv.cleanup()

    def test_headers_within_limit(self):
        r = harness.get(self.srv.port, "/healthz", headers={"X-Pad": "a" * 1500})
        self.assertEqual(r.status, 200)
        self.srv.stop_and_check(self)

    def test_headers_over_limit_rejected(self):
        r = answer_to(self.srv.port, b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Pad: " + b"a" * 3000 + b"\r\n\r\n")
        self.assertNotEqual(r, "timeout", "no answer and no close within 5 s for oversized headers")
        self.assertIsNotNone(r, "oversized headers: connection closed without a 4xx answer")
        self.assertIn(r.status, (400, 413, 431), r)
        self.assertEqual(harness.get(self.srv.port, "/healthz").status, 200)
        self.srv.stop_and_check(self)

    def test_many_small_headers_over_limit(self):
        r = answer_to(self.srv.port, b"GET /healthz HTTP/1.1\r\nHost: t\r\n"
                      + b"".join(b"X-H%d: v\r\n" % i for i in range(400)) + b"\r\n")
        self.assertNotEqual(r, "timeout")
        self.assertIsNotNone(r, "oversized header block: connection closed without a 4xx answer")
        self.assertIn(r.status, (400, 413, 431), r)
        self.srv.stop_and_check(self)

    def test_malformed_request_line(self):
        r = answer_to(self.srv.port, b"GARBAGE\r\n\r\n")
        self.assertNotEqual(r, "timeout", "a malformed request line got neither an answer nor a close in 5 s")
        self.assertIsNotNone(r, "malformed request line: connection closed without a 400")
        self.assertEqual(r.status, 400, r)
        self.srv.stop_and_check(self)


class ConnectionClose(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def test_connection_close_gets_its_answer(self):
        r = harness.raw_exchange(self.srv.port, b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", timeout=5)
        self.assertIsNotNone(r, "Connection: close request: connection closed without the response")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json(), {"status": "ok"})

    def test_http10_gets_its_answer(self):
        r = harness.raw_exchange(self.srv.port, b"GET /v1/regions/410400 HTTP/1.0\r\n\r\n", timeout=5)
        self.assertIsNotNone(r, "HTTP/1.0 request: connection closed without the response")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["code"], "410400")


class SlowClients(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.Server(["--threads", "1", "--read-timeout", "2", "--idle-timeout", "1"],
                                 name="peiyud (2 s read, 1 s idle)").start()

    @classmethod
    def tearDownClass(cls):
        problems = cls.srv.stop()
        cls.srv.cleanup()
        if problems:
            raise AssertionError("\n".join(problems))

    def test_drip_is_cut_off_by_read_timeout(self):
        s = harness.connect(self.srv.port)
        t0 = time.monotonic()
        closed_at = None
        try:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Drip: ")
            while time.monotonic() - t0 < 6:
                time.sleep(0.5)
                try:
                    s.sendall(b"a")
                except (BrokenPipeError, ConnectionResetError):
                    closed_at = time.monotonic() - t0
                    break
                if harness.wait_closed(s, 0.01):
                    closed_at = time.monotonic() - t0
                    break
        finally:
            s.close()
        self.assertIsNotNone(closed_at, "a client dripping a byte per 0.5 s was still connected after 6 s")
        self.assertGreaterEqual(closed_at, 1.5, "cut off before the read timeout")
        self.assertLess(closed_at, 4.0, "cut off %.1f s after connecting; read timeout is 2 s" % closed_at)
        self.assertEqual(harness.get(self.srv.port, "/healthz").status, 200)

    def test_idle_connection_closed(self):
        s = harness.connect(self.srv.port)
        try:
            t0 = time.monotonic()
            self.assertTrue(harness.wait_closed(s, 4), "an idle connection stayed open 4 s (idle timeout 1 s)")
            self.assertGreaterEqual(time.monotonic() - t0, 0.8)
        finally:
            s.close()

    def test_idle_keep_alive_after_a_request_closed(self):
        c = self.srv.client()
        try:
            self.assertEqual(c.get("/healthz").status, 200)
            self.assertTrue(harness.wait_closed(c.conn.sock, 4), "idle keep-alive connection not closed")
        finally:
            c.close()


class ConnectionCap(unittest.TestCase):
    def test_extra_connections_wait_until_others_close(self):
        srv = harness.Server(["--threads", "1", "--max-connections", "4"], name="peiyud (4 connections)").start()
        time.sleep(0.3)  # the start-up health probe's connection is gone
        clients = []
        extra = None
        try:
            for _ in range(4):
                c = srv.client(timeout=5)
                self.assertEqual(c.get("/healthz").status, 200)
                clients.append(c)
            # a fifth connection: the kernel may complete the handshake, but peiyud does not serve it
            extra = harness.connect(srv.port, timeout=5)
            extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            extra.settimeout(1.5)
            try:
                early = extra.recv(100)
            except socket.timeout:
                early = None
            self.assertIsNone(early, "the fifth connection was served while four were open: %r" % early)
            # the four are still served
            for c in clients:
                self.assertEqual(c.get("/healthz").status, 200)
            clients.pop().close()
            r = harness.read_response(extra, timeout=5)
            self.assertIsNotNone(r)
            self.assertEqual(r.status, 200, "the waiting connection was not served after one closed")
            for c in clients:
                c.close()
            clients = []
            extra.close()
            extra = None
            srv.stop_and_check(self)
        finally:
            for c in clients:
                c.close()
            if extra:
                extra.close()
            srv.cleanup()


if __name__ == "__main__":
    unittest.main()
