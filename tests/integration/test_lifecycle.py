"""Clients that vanish mid-request, graceful shutdown with a request in flight,
and 200 concurrent keep-alive connections. Each test runs its own peiyud and
fails when that peiyud's exit is not clean (status 0, no sanitizer report)."""
import socket
import threading
import time
import unittest

import harness

GET_REGION = b"GET /v1/regions/410400 HTTP/1.1\r\nHost: t\r\n\r\n"


class Disconnects(unittest.TestCase):
    def setUp(self):
        self.srv = harness.Server(["--threads", "2", "--db-pool-size", "2"], name="peiyud (disconnects)").start()

    def tearDown(self):
        self.srv.cleanup()

    def assert_serving(self):
        c = self.srv.client()
        try:
            self.assertEqual(c.get("/healthz").status, 200)
            self.assertEqual(c.get("/v1/regions/410400").status, 200)
        finally:
            c.close()

    def test_disconnect_mid_request(self):
        port = self.srv.port
        # 1. a DB route, closed right after sending (FIN and RST)
        for i in range(40):
            s = harness.connect(port)
            s.sendall(GET_REGION)
            if i % 2:
                harness.close_abruptly(s)
            else:
                s.close()
        # 2. the same while the query is certainly in flight: the table is locked
        with harness.TableLock("region"):
            socks = []
            for i in range(6):
                s = harness.connect(port)
                s.sendall(GET_REGION)
                socks.append(s)
            self.assertTrue(harness.wait_for_lock_waiter("region"), "no query of peiyud waited on the lock")
            for i, s in enumerate(socks):
                if i % 2:
                    harness.close_abruptly(s)
                else:
                    s.close()
            time.sleep(0.3)
        # 3. a POST closed in the middle of its body, and one in the middle of its headers
        for i in range(10):
            s = harness.connect(port)
            s.sendall(b"POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 1000\r\n\r\n" + b'{"firm": {"uscc": "' + b"x" * 100)
            time.sleep(0.01)
            if i % 2:
                harness.close_abruptly(s)
            else:
                s.close()
            s = harness.connect(port)
            s.sendall(b"GET /v1/regions/4104")
            s.close()
        # 4. a keep-alive client that got one answer and vanishes while the second is in flight
        c = self.srv.client()
        self.assertEqual(c.get("/v1/regions/410400").status, 200)
        c.conn.sock.sendall(GET_REGION)
        harness.close_abruptly(c.conn.sock)
        c.conn.sock = None
        time.sleep(0.5)
        self.assertTrue(self.srv.running(), "peiyud died:\n" + self.srv.stderr()[-3000:])
        self.assert_serving()
        self.srv.stop_and_check(self)


class GracefulShutdown(unittest.TestCase):
    def test_in_flight_request_finishes(self):
        srv = harness.Server(["--threads", "1", "--db-pool-size", "1"], name="peiyud (shutdown)").start()
        try:
            self.assertEqual(harness.get(srv.port, "/v1/regions/410400").status, 200)  # pool warm
            lock = harness.TableLock("region").acquire()
            try:
                s = harness.connect(srv.port, timeout=20)
                s.sendall(GET_REGION)
                self.assertTrue(harness.wait_for_lock_waiter("region"), "the request did not reach the database")
                srv.signal()
                # new connections are refused once the listener is closed
                def refused():
                    try:
                        t = socket.create_connection(("127.0.0.1", srv.port), timeout=1)
                    except (ConnectionRefusedError, ConnectionResetError):
                        return True
                    except OSError:
                        return False
                    t.close()
                    return False
                self.assertTrue(harness.poll(refused, 3, 0.05), "a new connection was accepted after SIGTERM")
                self.assertTrue(srv.running(), "peiyud did not wait for the request in flight")
                time.sleep(1.0)  # the lock is held ~1.5 s in all
            finally:
                lock.release()
            r = harness.read_response(s, timeout=15)
            s.close()
            self.assertIsNotNone(r, "the in-flight request got no response")
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json()["code"], "410400")
            self.assertEqual(r.header("Connection"), "close")
            rc = srv.wait()
            problems = srv.exit_problems()
            self.assertEqual(rc, 0, "\n".join(problems))
            self.assertFalse(problems, "\n".join(problems))
        finally:
            srv.cleanup()

    def test_idle_keep_alive_connections_do_not_delay_exit(self):
        srv = harness.Server(["--threads", "2"], name="peiyud (idle at shutdown)").start()
        try:
            clients = [srv.client() for _ in range(10)]
            for c in clients:
                self.assertEqual(c.get("/healthz").status, 200)
            t0 = time.monotonic()
            srv.stop_and_check(self)
            self.assertLess(time.monotonic() - t0, 5, "idle connections held up the shutdown")
            for c in clients:
                c.close()
        finally:
            srv.cleanup()


class Concurrency(unittest.TestCase):
    CONNECTIONS = 200
    REQUESTS = 5

    def test_200_concurrent_keep_alive_connections(self):
        srv = harness.Server(["--threads", "2"], name="peiyud (200 connections)").start()
        try:
            paths = ["/v1/regions/410400", "/healthz", "/v1/regions?parent=410400", "/readyz",
                     "/v1/regions/410422"]
            barrier = threading.Barrier(self.CONNECTIONS, timeout=30)
            results = [None] * self.CONNECTIONS
            clients = [harness.Client(srv.port, timeout=30) for _ in range(self.CONNECTIONS)]

            def worker(i):
                c = clients[i]
                statuses, socks = [], set()
                try:
                    c.conn.connect()
                    barrier.wait()  # all 200 connections open at once
                    for k in range(self.REQUESTS):
                        r = c.get(paths[(i + k) % len(paths)])
                        statuses.append(r.status)
                        socks.add(c.socket_id())
                    results[i] = (statuses, len(socks))
                except Exception as e:  # reported below
                    results[i] = ("error", repr(e))
                finally:
                    c.close()

            threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(self.CONNECTIONS)]
            t0 = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=max(1, 90 - (time.monotonic() - t0)))
            self.assertFalse([t for t in threads if t.is_alive()], "clients still running after 90 s")
            errors = [r for r in results if r is None or r[0] == "error"]
            self.assertFalse(errors, "client errors: %r" % errors[:5])
            bad = [r for r in results if any(s != 200 for s in r[0])]
            self.assertFalse(bad, "non-200 answers: %r" % bad[:5])
            reconnected = [r for r in results if r[1] != 1]
            self.assertFalse(reconnected, "%d connections were not kept alive" % len(reconnected))
            srv.stop_and_check(self)
        finally:
            srv.cleanup()


if __name__ == "__main__":
    unittest.main()
