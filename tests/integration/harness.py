"""Shared helpers for the integration tests (Python 3 standard library only).

- Server: start the built peiyud on a free loopback port with a chosen
  configuration, capture its stdout (the JSON-lines access log) and stderr in
  files, stop it with SIGTERM and check that it exited 0 without a sanitizer
  report (ASan/LSan/UBSan print to stderr and exit non-zero at shutdown).
- Client: HTTP/1.1 with keep-alive over http.client, plus raw-socket helpers
  for the requests http.client will not send (dripped headers, truncated
  bodies, abrupt disconnects).
- assert_problem: the problem+json contract (RFC 9457 shape, stable type from
  lib/core/errors.h, X-Request-Id matching request_id, Retry-After on 503).

Environment (as deploy/test exports it): PEIYU_BUILD_DIR, PEIYU_SOURCE_DIR,
PEIYU_DATABASE_URL, PEIYU_ADMIN_DATABASE_URL, PEIYU_TEST_PGDIR (optional).
Every wait here is bounded; every socket has a timeout.
"""
import atexit
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("PEIYU_SOURCE_DIR") or os.path.normpath(os.path.join(HERE, "..", ".."))
BUILD_DIR = os.environ.get("PEIYU_BUILD_DIR", "")
DATABASE_URL = os.environ.get("PEIYU_DATABASE_URL", "")
ADMIN_DATABASE_URL = os.environ.get("PEIYU_ADMIN_DATABASE_URL", "")
TEST_PGDIR = os.environ.get("PEIYU_TEST_PGDIR", "")

PEIYUD = os.path.join(BUILD_DIR, "cmd", "peiyud", "peiyud")
PEIYUCTL = os.path.join(BUILD_DIR, "cmd", "peiyuctl", "peiyuctl")
DEPLOY_PG = os.path.join(SOURCE_DIR, "deploy", "pg")
FIXTURES = os.path.join(SOURCE_DIR, "tests", "rules", "fixtures")

SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "LeakSanitizer", "runtime error:")
PROBLEM_KEYS = {"type", "title", "status", "detail", "field", "instance", "request_id"}
PROBLEM_PREFIX = "urn:peiyu:problem:"

START_TIMEOUT = 30.0  # an ASan build connecting its pool can be slow on a busy machine
STOP_TIMEOUT = 25.0   # > default --shutdown-timeout (10 s) plus sanitizer exit work


def errors_table():
    """{slug: (NAME, status, title)} parsed from lib/core/errors.h."""
    text = open(os.path.join(SOURCE_DIR, "lib", "core", "errors.h"), encoding="utf-8").read()
    text = text.replace("\\\n", " ")  # rows continued over lines
    rows = re.findall(r'XX\((\w+),\s*(\d+),\s*"([^"]+)",\s*"([^"]+)"\)', text)
    return {slug: (name, int(status), title) for name, status, slug, title in rows}


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def sanitizer_report(stderr_text):
    """The sanitizer report in peiyud's stderr, or '' when there is none."""
    for marker in SANITIZER_MARKERS:
        i = stderr_text.find(marker)
        if i >= 0:
            start = stderr_text.rfind("\n=====", 0, i)
            return stderr_text[start + 1 if start >= 0 else max(0, i - 200):][:8000]
    return ""


_live = []  # servers started and not yet stopped: killed at interpreter exit
_live_lock = threading.Lock()


@atexit.register
def _kill_leftovers():
    with _live_lock:
        for srv in list(_live):
            if srv.proc and srv.proc.poll() is None:
                srv.proc.kill()
                try:
                    srv.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass


class ServerError(Exception):
    pass


class Server:
    """One peiyud process on 127.0.0.1:<free port>.

    args: extra command-line flags; env: variables to add (None values remove).
    """

    def __init__(self, args=(), env=None, name="peiyud"):
        self.args = list(args)
        self.env_extra = dict(env or {})
        self.name = name
        self.proc = None
        self.port = None
        self.returncode = None
        self._dir = tempfile.mkdtemp(prefix="peiyu-it-")
        self.out_path = os.path.join(self._dir, "stdout.log")
        self.err_path = os.path.join(self._dir, "stderr.log")

    # -- lifecycle ---------------------------------------------------------

    def environ(self):
        env = dict(os.environ)
        env["PEIYU_DATABASE_URL"] = DATABASE_URL
        for k, v in self.env_extra.items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v
        return env

    def start(self, wait_healthy=True, timeout=START_TIMEOUT):
        for attempt in range(3):  # a port picked by free_port() may be taken meanwhile
            self.port = free_port()
            cmd = [PEIYUD, "--listen", "127.0.0.1:%d" % self.port] + self.args
            with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
                self.proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                             env=self.environ(), cwd=SOURCE_DIR)
            with _live_lock:
                _live.append(self)
            if not wait_healthy:
                return self
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    break
                try:
                    c = Client(self.port, timeout=2)
                    r = c.get("/healthz")
                    c.close()
                    if r.status == 200:
                        return self
                except OSError:
                    pass
                time.sleep(0.05)
            rc = self.proc.poll()
            if rc is None:
                self.proc.kill()
                self.proc.wait(timeout=10)
                raise ServerError("%s did not answer /healthz within %.0f s; stderr:\n%s"
                                  % (self.name, timeout, self.stderr()[-4000:]))
            with _live_lock:
                _live.remove(self)
            err = self.stderr()
            if "cannot listen" in err and attempt < 2:
                continue
            raise ServerError("%s exited with status %s at start; stderr:\n%s"
                              % (self.name, rc, err[-4000:]))
        raise ServerError("could not find a free port")

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def signal(self, sig=signal.SIGTERM):
        if self.running():
            self.proc.send_signal(sig)

    def wait(self, timeout=STOP_TIMEOUT):
        """Wait for exit; kill after `timeout`. Returns the exit status (None if killed)."""
        try:
            self.returncode = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
            self.returncode = None
        with _live_lock:
            if self in _live:
                _live.remove(self)
        return self.returncode

    def stop(self, timeout=STOP_TIMEOUT):
        """SIGTERM and wait. Returns a list of problems ([] when it exited 0 cleanly)."""
        if self.proc is None:
            return ["%s was never started" % self.name]
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        self.wait(timeout)
        return self.exit_problems()

    def exit_problems(self):
        problems = []
        err = self.stderr()
        if self.returncode is None:
            problems.append("%s did not exit within %.0f s of SIGTERM (killed)" % (self.name, STOP_TIMEOUT))
        elif self.returncode != 0:
            problems.append("%s exited with status %d (expected 0)" % (self.name, self.returncode))
        report = sanitizer_report(err)
        if report:
            problems.append("%s stderr holds a sanitizer report:\n%s" % (self.name, report))
        elif problems:
            problems.append("stderr tail:\n" + err[-3000:])
        return problems

    def stop_and_check(self, tc, timeout=STOP_TIMEOUT):
        """Stop and fail test case `tc` if the exit was not clean."""
        problems = self.stop(timeout)
        if problems:
            tc.fail("\n".join(problems))

    def kill(self):
        if self.running():
            self.proc.kill()
            self.wait(10)

    def cleanup(self):
        self.kill()
        shutil.rmtree(self._dir, ignore_errors=True)

    # -- output --------------------------------------------------------------

    def stdout(self):
        try:
            with open(self.out_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def stderr(self):
        try:
            with open(self.err_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def access_log_entry(self, request_id, timeout=5.0):
        """The access-log line (parsed) for `request_id`; polls stdout (flushed every 200 ms)."""
        deadline = time.monotonic() + timeout
        while True:
            for line in self.stdout().splitlines():
                if request_id in line:
                    try:
                        entry = json.loads(line)
                    except ValueError:
                        continue
                    if entry.get("request_id") == request_id:
                        return entry
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.1)

    def client(self, timeout=10):
        return Client(self.port, timeout=timeout)


_shared = None


def shared_server():
    """One peiyud with the default configuration (2 threads), shared by the
    tests that do not need their own; run.py stops it last and checks its exit."""
    global _shared
    if _shared is None:
        _shared = Server(["--threads", "2"], name="shared peiyud").start()
    return _shared


def shared_server_started():
    return _shared


# -- HTTP client ---------------------------------------------------------------


class Response:
    def __init__(self, status, reason, headers, body):
        self.status = status
        self.reason = reason
        self.headers = headers  # list of (name, value)
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def header_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def text(self):
        return self.body.decode("utf-8", "replace")

    def __repr__(self):
        return "<Response %d %r %r>" % (self.status, self.headers, self.body[:300])


class Client:
    """HTTP/1.1 keep-alive client over http.client (one connection, reused)."""

    def __init__(self, port, timeout=10):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.conn.request(method, path, body=body, headers=h)
        r = self.conn.getresponse()
        data = r.read()
        return Response(r.status, r.reason, r.getheaders(), data)

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post_json(self, path, body, headers=None, content_type="application/json"):
        h = {"Content-Type": content_type} if content_type else {}
        h.update(headers or {})
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body, ensure_ascii=False)
        return self.request("POST", path, body=body, headers=h)

    def socket_id(self):
        """Identity of the underlying socket (to prove keep-alive reuse)."""
        return id(self.conn.sock) if self.conn.sock is not None else None

    def close(self):
        self.conn.close()


def get(port, path, headers=None, timeout=10):
    c = Client(port, timeout)
    try:
        return c.get(path, headers)
    finally:
        c.close()


# -- raw sockets ---------------------------------------------------------------


def connect(port, timeout=5.0):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.settimeout(timeout)
    return s


def read_response(sock, timeout=10.0, head=False):
    """Read one HTTP/1.1 response from `sock` (Content-Length bodies, or up to EOF).
    Returns a Response, or None when the peer closed before a status line."""
    sock.settimeout(timeout)
    deadline = time.monotonic() + timeout
    buf = b""
    while b"\r\n\r\n" not in buf:
        if time.monotonic() > deadline:
            raise socket.timeout("no complete response head within %.1f s" % timeout)
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            if not buf:
                return None
            raise ConnectionError("connection closed inside a response head: %r" % buf[:200])
        buf += chunk
    head_bytes, rest = buf.split(b"\r\n\r\n", 1)
    lines = head_bytes.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    status = int(parts[1])
    reason = parts[2] if len(parts) > 2 else ""
    headers = []
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers.append((k.strip(), v.strip()))
    resp = Response(status, reason, headers, b"")
    length = resp.header("Content-Length")
    if head or status in (204, 304) or 100 <= status < 200:
        resp.body = b""
        return resp
    if length is not None:
        n = int(length)
        while len(rest) < n:
            if time.monotonic() > deadline:
                raise socket.timeout("body incomplete after %.1f s" % timeout)
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        resp.body = rest[:n]
    else:
        while True:
            if time.monotonic() > deadline:
                break
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            rest += chunk
        resp.body = rest
    return resp


def raw_exchange(port, data, timeout=10.0):
    """Send `data` on a fresh connection and read one response (or None)."""
    s = connect(port, timeout)
    try:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return read_response(s, timeout)
    finally:
        s.close()


def wait_closed(sock, timeout):
    """True when the peer closes (EOF or reset) within `timeout`; data read is discarded."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return False
        except (ConnectionResetError, BrokenPipeError):
            return True
        if not chunk:
            return True
    return False


def close_abruptly(sock):
    """Close with RST (SO_LINGER 0) rather than FIN."""
    import struct
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


# -- problem+json ----------------------------------------------------------------

_ERRORS = None


def assert_problem(tc, resp, status, slug, field=None, instance=None):
    """Assert `resp` is problem+json of type urn:peiyu:problem:<slug>. Returns the body."""
    global _ERRORS
    if _ERRORS is None:
        _ERRORS = errors_table()
    tc.assertEqual(resp.status, status, resp)
    tc.assertEqual(resp.header("Content-Type"), "application/problem+json", resp)
    p = resp.json()
    tc.assertIsInstance(p, dict)
    tc.assertLessEqual(set(p), PROBLEM_KEYS, "unexpected problem members: %r" % p)
    tc.assertEqual(p.get("type"), PROBLEM_PREFIX + slug, p)
    tc.assertIn(slug, _ERRORS, "slug %s is not in lib/core/errors.h" % slug)
    tc.assertEqual(_ERRORS[slug][1], status, "errors.h gives %s status %d" % (slug, _ERRORS[slug][1]))
    tc.assertEqual(p.get("title"), _ERRORS[slug][2], p)
    tc.assertEqual(p.get("status"), status, p)
    rid = resp.header("X-Request-Id")
    tc.assertTrue(rid, "no X-Request-Id header")
    tc.assertEqual(p.get("request_id"), rid, p)
    if field is not None:
        tc.assertEqual(p.get("field"), field, p)
    if instance is not None:
        tc.assertEqual(p.get("instance"), instance, p)
    if status == 503:
        ra = resp.header("Retry-After")
        tc.assertIsNotNone(ra, "503 without Retry-After")
        tc.assertTrue(ra.isdigit(), "Retry-After %r is not delta-seconds" % ra)
    return p


# -- database helpers -------------------------------------------------------------


def psql_command():
    """argv prefix running psql as the admin role, or None."""
    if ADMIN_DATABASE_URL:
        exe = shutil.which("psql")
        if exe:
            return [exe, "-X", "-q", "-v", "ON_ERROR_STOP=1", ADMIN_DATABASE_URL]
    if TEST_PGDIR and os.path.exists(DEPLOY_PG):
        return [DEPLOY_PG, "psql", TEST_PGDIR, "admin", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
    return None


def psql(sql, timeout=20):
    cmd = psql_command()
    if cmd is None:
        raise unittest.SkipTest("no psql or admin database URL")
    p = subprocess.run(cmd + ["-At", "-c", sql], capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError("psql failed (%d): %s" % (p.returncode, p.stderr))
    return p.stdout.strip()


class TableLock:
    """Hold `LOCK TABLE <table> IN ACCESS EXCLUSIVE MODE` in an open transaction
    (a psql child reading stdin) until release(); statements on the table block."""

    def __init__(self, table="region"):
        self.table = table
        self.proc = None

    def acquire(self, timeout=15):
        cmd = psql_command()
        if cmd is None:
            raise unittest.SkipTest("no psql or admin database URL")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        self.proc.stdin.write("BEGIN;\nLOCK TABLE %s IN ACCESS EXCLUSIVE MODE;\n" % self.table)
        self.proc.stdin.flush()
        q = ("SELECT count(*) FROM pg_locks WHERE relation = '%s'::regclass "
             "AND mode = 'AccessExclusiveLock' AND granted" % self.table)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("psql holding the lock exited: %s" % self.proc.stderr.read())
            if psql(q) != "0":
                return self
            time.sleep(0.05)
        self.release()
        raise RuntimeError("could not take the lock on %s within %d s" % (self.table, timeout))

    def release(self, timeout=15):
        if self.proc is None:
            return
        try:
            self.proc.stdin.write("COMMIT;\n")
            self.proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        self.proc = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


def wait_for_lock_waiter(table="region", timeout=5.0):
    """Wait until some session waits for a lock on `table` (a query of peiyud is blocked)."""
    q = "SELECT count(*) FROM pg_locks WHERE relation = '%s'::regclass AND NOT granted" % table
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if psql(q) != "0":
            return True
        time.sleep(0.05)
    return False


def pg(action, timeout=90):
    """deploy/pg ACTION $PEIYU_TEST_PGDIR (start/stop)."""
    p = subprocess.run([DEPLOY_PG, action, TEST_PGDIR], capture_output=True, text=True,
                       timeout=timeout, stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        raise RuntimeError("deploy/pg %s failed (%d): %s%s" % (action, p.returncode, p.stdout, p.stderr))


def poll(fn, timeout, interval=0.1):
    """Call fn() until it returns a truthy value or `timeout` passes; returns the last value."""
    deadline = time.monotonic() + timeout
    while True:
        v = fn()
        if v or time.monotonic() >= deadline:
            return v
        time.sleep(interval)
