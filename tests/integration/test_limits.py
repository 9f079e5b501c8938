"""Limits: header size, a client dripping its request, the connection cap
(room made by closing the longest-idle connection, 503 when all are busy),
HTTP/1.0 and Connection: close. Each class runs its own peiyud."""
import resource
import select
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


HEALTHZ = b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
EVICT_AFTER_S = 1.2  # > the 1 s a connection must have been idle before peiyud closes it for room


def hold_idle(tc, port, n, socks=None):
    """n keep-alive connections that each got one answer and now sit idle,
    least recently used first (one request at a time, so the order is exact).
    Appended to `socks` (closed by the caller) when given."""
    socks = [] if socks is None else socks
    for i in range(n):
        s = harness.connect(port, timeout=10)
        socks.append(s)
        s.sendall(HEALTHZ)
        try:
            r = harness.read_response(s, timeout=5)
        except socket.timeout:
            r = "connection %d got no answer within 5 s" % i
        tc.assertEqual(getattr(r, "status", r), 200)
    return socks


def closed_by_server(tc, socks, wait=0.5):
    """Indices of the held sockets the server closed. Each must have closed
    cleanly: a FIN with not one byte of a reply before it, no reset."""
    p = select.poll()
    for s in socks:
        p.register(s, select.POLLIN)
    by_fd = {s.fileno(): i for i, s in enumerate(socks)}
    deadline = time.monotonic() + wait
    seen = set()
    while time.monotonic() < deadline:
        for fd, _ in p.poll(max(1, int((deadline - time.monotonic()) * 1000))):
            seen.add(by_fd[fd])
            p.unregister(fd)
    for i in seen:
        socks[i].settimeout(1)
        try:
            data = socks[i].recv(4096)
        except ConnectionResetError:
            tc.fail("held connection %d was reset rather than closed cleanly" % i)
        tc.assertEqual(data, b"", "held connection %d got bytes before its close: %r" % (i, data))
    return sorted(seen)


def get_within(port, timeout):
    """GET /healthz on a new connection, answered within `timeout` (functional
    deadline: far below the idle timeout a client waiting in the backlog depends on)."""
    s = harness.connect(port, timeout=timeout)
    try:
        s.sendall(HEALTHZ)
        try:
            return harness.read_response(s, timeout=timeout)
        except socket.timeout:
            return "no answer within %.0f s" % timeout
    finally:
        s.close()


class ConnectionCap(unittest.TestCase):
    """At the cap a new client never waits in the backlog: peiyud closes the
    connection idle longest (for at least 1 s) to make room, or, when every
    connection is in use, answers 503 `overloaded` with Connection: close at
    once. One thread, --max-connections 4, idle and read timeouts of 60 s
    (so nothing here is closed by a timeout)."""

    def setUp(self):
        self.srv = harness.Server(["--threads", "1", "--max-connections", "4",
                                   "--idle-timeout", "60", "--read-timeout", "60"],
                                  name="peiyud (4 connections)").start()
        self.socks = []
        # the start-up health probe's connection is gone once a full house of fresh connections is seen
        time.sleep(0.3)

    def tearDown(self):
        for s in self.socks:
            s.close()
        self.srv.cleanup()

    def test_least_recently_used_idle_connection_makes_room(self):
        self.socks = hold_idle(self, self.srv.port, 4)
        self.socks[0].sendall(HEALTHZ)  # now socks[1] is the one idle longest
        self.assertEqual(harness.read_response(self.socks[0], timeout=10).status, 200)
        time.sleep(EVICT_AFTER_S)
        r = get_within(self.srv.port, 3)
        self.assertEqual(getattr(r, "status", r), 200, "a new client at the cap with four idle connections")
        self.assertEqual(closed_by_server(self, self.socks), [1], "not (only) the least recently used was closed")
        for i in (0, 2, 3):
            self.socks[i].sendall(HEALTHZ)
            self.assertEqual(harness.read_response(self.socks[i], timeout=10).status, 200)
        self.srv.stop_and_check(self)

    def test_connection_that_never_sent_a_request_makes_room(self):
        fresh = harness.connect(self.srv.port, timeout=10)  # the oldest: connected first, silent since
        self.socks = [fresh] + hold_idle(self, self.srv.port, 3)
        time.sleep(EVICT_AFTER_S)
        r = get_within(self.srv.port, 3)
        self.assertEqual(getattr(r, "status", r), 200)
        self.assertEqual(closed_by_server(self, self.socks), [0])
        self.srv.stop_and_check(self)

    def test_every_connection_busy_gets_503_at_once(self):
        partial = b"GET /healthz HTTP/1.1\r\nHost: t\r\n"  # the blank line is still to come
        with harness.TableLock("region"):
            for _ in range(2):  # two requests in flight, blocked on the lock
                s = harness.connect(self.srv.port, timeout=20)
                s.sendall(b"GET /v1/regions/410400 HTTP/1.1\r\nHost: t\r\n\r\n")
                self.socks.append(s)
            for _ in range(2):  # two requests half received
                s = harness.connect(self.srv.port, timeout=20)
                s.sendall(partial)
                self.socks.append(s)
            self.assertTrue(harness.wait_for_lock_waiter("region"), "the requests did not reach the database")
            time.sleep(EVICT_AFTER_S)  # old enough to be closed, were they idle
            r = get_within(self.srv.port, 3)
            self.assertIsInstance(r, harness.Response, r)
            harness.assert_problem(self, r, 503, "overloaded", instance="/healthz")
            self.assertEqual(r.header("Connection"), "close", r)
            self.assertEqual(closed_by_server(self, self.socks), [], "a busy connection was closed")
            # an over-cap connection that sends nothing is not held for the read timeout
            silent = harness.connect(self.srv.port, timeout=10)
            try:
                self.assertTrue(harness.wait_closed(silent, 5), "a silent over-cap connection stayed open 5 s")
            finally:
                silent.close()
        for s in self.socks[:2]:
            self.assertEqual(harness.read_response(s, timeout=20).status, 200)
        for s in self.socks[2:]:
            s.sendall(b"\r\n")
            self.assertEqual(harness.read_response(s, timeout=10).status, 200)
        self.srv.stop_and_check(self)


class ManyIdleConnections(unittest.TestCase):
    """2,000 idle keep-alive connections fill the cap (--max-connections 2000,
    one thread); each new client is served well before the 60 s idle timeout,
    and for each one the connection idle longest is closed cleanly."""

    N = 2000

    def setUp(self):
        need = 2 * self.N + 512  # this process's sockets, and peiyud's (it inherits the limit)
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < need:
            if hard != resource.RLIM_INFINITY and hard < need:
                self.skipTest("RLIMIT_NOFILE hard limit %d < %d" % (hard, need))
            resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))
        self.srv = harness.Server(["--threads", "1", "--max-connections", str(self.N),
                                   "--idle-timeout", "60", "--read-timeout", "60"],
                                  name="peiyud (2000 connections)").start()
        self.socks = []
        time.sleep(0.3)

    def tearDown(self):
        for s in self.socks:
            s.close()
        self.srv.cleanup()

    def test_new_clients_served_while_2000_idle_connections_are_held(self):
        hold_idle(self, self.srv.port, self.N, self.socks)
        time.sleep(EVICT_AFTER_S)
        for k in range(3):
            r = get_within(self.srv.port, 3)
            self.assertEqual(getattr(r, "status", r), 200, "new client %d at the cap" % k)
        self.assertEqual(closed_by_server(self, self.socks), [0, 1, 2])
        self.socks[-1].sendall(HEALTHZ)
        self.assertEqual(harness.read_response(self.socks[-1], timeout=10).status, 200)
        for s in self.socks:
            s.close()
        self.socks = []
        self.srv.stop_and_check(self)


class LowFileLimit(unittest.TestCase):
    """peiyud started with a soft RLIMIT_NOFILE (256) below what its cap needs
    raises it, up to the hard limit, so that it can hold --max-connections."""

    N = 400

    def test_cap_above_the_inherited_soft_limit(self):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard != resource.RLIM_INFINITY and hard < 2 * self.N + 1024:
            self.skipTest("RLIMIT_NOFILE hard limit %d too low" % hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))  # inherited by peiyud
        try:
            srv = harness.Server(["--threads", "1", "--max-connections", str(self.N),
                                  "--idle-timeout", "60", "--read-timeout", "60"],
                                 name="peiyud (soft file limit 256)").start()
        finally:
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
        socks = []
        try:
            time.sleep(0.3)
            hold_idle(self, srv.port, self.N, socks)
            time.sleep(EVICT_AFTER_S)
            r = get_within(srv.port, 3)
            self.assertEqual(getattr(r, "status", r), 200)
            self.assertEqual(closed_by_server(self, socks), [0])
            for s in socks:
                s.close()
            socks = []
            srv.stop_and_check(self)
        finally:
            for s in socks:
                s.close()
            srv.cleanup()


if __name__ == "__main__":
    unittest.main()
