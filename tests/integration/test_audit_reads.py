"""What auditors read (issue 5 item 7): GET /v1/audit/events (filters, keyset
pagination), GET /v1/audit/events.csv (the same selection, streamed with
bounded memory; a client leaving mid-stream leaks nothing), GET
/v1/firms/{id}/history?as_of (a firm's standing on past dates) and GET
/v1/applications/{id}/replay (a stored verdict re-evaluated; tampering is
named). Auditors change nothing (every write route in routes.c → 403) and
see nothing outside their region prefixes.

Self-contained: its own users, firms and programmes; the streaming tests run
on a peiyud of their own (small ASan quarantine so VmRSS reflects live
memory) that must exit cleanly with no sanitizer report."""
import csv
import io
import json
import os
import re
import socket
import time
import unittest
import uuid

import harness
from harness import assert_problem
from test_programs import auth, expire, firm_user, make_program, revoke, user
from test_applications import ELIGIBLE, fixture, put_facts

ROUTES_C = os.path.join(harness.SOURCE_DIR, "lib", "registry", "routes.c")


def get(srv, path, token):
    c = srv.client()
    try:
        return c.get(path, headers=auth(token) if token else None)
    finally:
        c.close()


def patch_firm(srv, token, fid, body):
    c = srv.client()
    try:
        etag = c.get("/v1/firms/%d" % fid, headers=auth(token)).header("ETag")
        h = dict(auth(token), **{"If-Match": etag, "Content-Type": "application/json"})
        r = c.request("PATCH", "/v1/firms/%d" % fid, body=json.dumps(body), headers=h)
        assert r.status == 200, r
        return r
    finally:
        c.close()


def register(srv, token, region):
    c = srv.client()
    try:
        from accounts import new_uscc
        r = c.post_json("/v1/firms", {"uscc": new_uscc(region), "name": "审计读取测试",
                                      "registered_on": "2016-05-01", "region_code": region,
                                      "industry_code": "I6513"}, headers=auth(token))
        assert r.status == 201, r
        return r.json()["id"]
    finally:
        c.close()


def all_pages(tc, srv, token, query, limit):
    ids, items, cursor, pages = [], [], None, 0
    while True:
        q = query + "&limit=%d" % limit + ("&cursor=" + cursor if cursor else "")
        r = get(srv, "/v1/audit/events?" + q, token)
        tc.assertEqual(r.status, 200, r)
        b = r.json()
        tc.assertLessEqual(len(b["items"]), limit)
        items += b["items"]
        pages += 1
        cursor = b["next_cursor"]
        if cursor is None:
            return items, pages
        tc.assertEqual(cursor, str(b["items"][-1]["id"]))


def write_routes():
    """(method, path) of every POST/PUT/PATCH/DELETE route in lib/registry/routes.c."""
    text = open(ROUTES_C, encoding="utf-8").read()
    return re.findall(r'\{HTTP_(POST|PUT|PATCH|DELETE),\s*"([^"]+)"', text)


class AuditReads(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()
        _, cls.admin = user("admin")
        cls.auditor_login, cls.auditor = user("auditor", ["4104"])
        _, cls.far_auditor = user("auditor", ["4403"])
        _, cls.officer = user("officer", ["4104"])
        _, cls.far_officer = user("officer", ["4403"])
        cls.firm_token, cls.firm = firm_user(cls.srv.client(), "410402")
        cls.other_token, cls.other = firm_user(cls.srv.client(), "440305")
        for i in range(6):
            patch_firm(cls.srv, cls.firm_token, cls.firm, {"name": "审计读取 %d" % i})
        cls.firm_login = harness.psql("SELECT login FROM app_user WHERE firm_id = %d" % cls.firm)

    # -- GET /v1/audit/events ---------------------------------------------------------

    def test_01_pagination_is_stable_and_complete(self):
        want = harness.psql("SELECT string_agg(id::text, ',' ORDER BY id) FROM audit_event"
                            " WHERE stream = 'firm:%d'" % self.firm).split(",")
        self.assertEqual(len(want), 7)
        for limit in (1, 2, 3, 500):
            with self.subTest(limit=limit):
                items, pages = all_pages(self, self.srv, self.auditor, "firm=%d" % self.firm, limit)
                ids = [str(i["id"]) for i in items]
                self.assertEqual(ids, want)  # ascending, no duplicates, nothing lost
                self.assertEqual(pages, -(-7 // limit))  # the look-ahead row: no empty last page
        e = items[0]
        self.assertEqual((e["stream"], e["action"], e["entity"], e["entity_id"], e["seq"]),
                         ("firm:%d" % self.firm, "firm.register", "firm", str(self.firm), 1))
        self.assertRegex(e["at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
        self.assertIsNone(e["before"])
        self.assertEqual(e["after"]["id"], self.firm)

    def test_02_filters(self):
        base = "firm=%d" % self.firm
        items, _ = all_pages(self, self.srv, self.admin, base + "&action=firm.update", 100)
        self.assertEqual([i["action"] for i in items], ["firm.update"] * 6)
        self.assertEqual([i["after"]["name"] for i in items], ["审计读取 %d" % i for i in range(6)])
        items, _ = all_pages(self, self.srv, self.admin,
                             "entity=firm&entity_id=%d" % self.firm, 100)
        self.assertEqual(len(items), 7)
        items, _ = all_pages(self, self.srv, self.admin, base + "&actor=" + self.firm_login, 100)
        self.assertEqual(len(items), 7)
        self.assertEqual(all_pages(self, self.srv, self.admin, base + "&actor=nobody.here", 100)[0], [])
        every, _ = all_pages(self, self.srv, self.admin, base, 100)
        frm, to = every[2]["at"], every[5]["at"]
        items, _ = all_pages(self, self.srv, self.admin, base + "&from=%s&to=%s" % (frm, to), 100)
        self.assertEqual([i["id"] for i in items], [e["id"] for e in every[2:5]])  # [from, to)
        # an offset written percent-encoded
        frm8 = frm.replace("Z", "%2B00:00")
        items, _ = all_pages(self, self.srv, self.admin, base + "&from=" + frm8, 100)
        self.assertEqual([i["id"] for i in items], [e["id"] for e in every[2:]])

    def test_03_bad_parameters_are_400(self):
        for q, field in [("firm=0", "firm"), ("firm=abc", "firm"), ("entity=Firm", "entity"),
                         ("entity_id=%20", "entity_id"), ("actor=A", "actor"),
                         ("action=update", "action"), ("action=a.b.c", "action"),
                         ("from=2026-01-01", "from"), ("to=2026-01-01T00:00:00", "to"),
                         ("from=2026-13-01T00:00:00Z", "from"), ("limit=0", "limit"),
                         ("limit=501", "limit"), ("limit=x", "limit"), ("cursor=-1", "cursor")]:
            with self.subTest(q=q):
                assert_problem(self, get(self.srv, "/v1/audit/events?" + q, self.auditor), 400,
                               "invalid-parameter", field=field)
        assert_problem(self, get(self.srv, "/v1/audit/events.csv?actor=A", self.auditor), 400,
                       "invalid-parameter", field="actor")
        # a well-formed but impossible date is PostgreSQL's to refuse: still 400
        r = get(self.srv, "/v1/audit/events?from=2026-02-30T00:00:00Z", self.auditor)
        self.assertEqual(r.status, 400, r)

    def test_04_who_may_read(self):
        for path in ("/v1/audit/events", "/v1/audit/events.csv"):
            with self.subTest(path=path):
                assert_problem(self, get(self.srv, path, None), 401, "unauthenticated")
                for tok in (self.firm_token, self.officer):
                    assert_problem(self, get(self.srv, path, tok), 403, "forbidden")
        _, expired = user("auditor", ["4104"])
        expire(expired)
        assert_problem(self, get(self.srv, "/v1/audit/events", expired), 401, "unauthenticated")
        _, revoked = user("auditor", ["4104"])
        revoke(revoked)
        assert_problem(self, get(self.srv, "/v1/audit/events", revoked), 401, "unauthenticated")

    def test_05_auditors_see_only_their_regions(self):
        # the far auditor sees nothing of the firm in 4104, and the 4104 auditor nothing in 4403
        r = get(self.srv, "/v1/audit/events?firm=%d" % self.firm, self.far_auditor)
        self.assertEqual(r.json()["items"], [])
        r = get(self.srv, "/v1/audit/events?firm=%d" % self.other, self.auditor)
        self.assertEqual(r.json()["items"], [])
        self.assertEqual(len(get(self.srv, "/v1/audit/events?firm=%d" % self.other,
                                 self.far_auditor).json()["items"]), 1)
        # unfiltered: every event the auditor sees is of a firm in 4104 or a programme
        items, _ = all_pages(self, self.srv, self.auditor, "action=firm.register", 500)
        firms = {int(i["stream"].split(":")[1]) for i in items}
        self.assertIn(self.firm, firms)
        regions = harness.psql("SELECT string_agg(DISTINCT left(region_code, 4), ',') FROM firm"
                               " WHERE id IN (%s)" % ",".join(map(str, firms)))
        self.assertEqual(regions, "4104")
        # system events other than programmes (sessions) are admins' only
        sys_items = get(self.srv, "/v1/audit/events?entity=api_token&limit=5", self.auditor).json()
        self.assertEqual(sys_items["items"], [])
        c = self.srv.client()
        prog = make_program(c, region_prefix="4104")
        far_prog = make_program(c, region_prefix="4403")
        c.close()
        ids = [i["entity_id"] for i in
               all_pages(self, self.srv, self.auditor, "entity=program", 500)[0]]
        self.assertIn(str(prog["id"]), ids)
        self.assertNotIn(str(far_prog["id"]), ids)

    # -- CSV --------------------------------------------------------------------------------

    def test_06_csv_equals_the_json_selection(self):
        for q in ("firm=%d" % self.firm, "firm=%d&action=firm.update" % self.firm):
            with self.subTest(q=q):
                js, _ = all_pages(self, self.srv, self.auditor, q, 2)
                r = get(self.srv, "/v1/audit/events.csv?" + q, self.auditor)
                self.assertEqual(r.status, 200, r)
                self.assertEqual(r.header("Content-Type"), "text/csv; charset=utf-8")
                self.assertEqual(r.header("Transfer-Encoding"), "chunked")
                text = r.body.decode("utf-8")
                self.assertTrue(text.endswith("\r\n"))
                rows = list(csv.reader(io.StringIO(text, newline="")))
                self.assertEqual(rows[0], ["id", "stream", "seq", "at", "actor_id", "actor", "action",
                                           "entity", "entity_id", "before", "after", "reason",
                                           "request_id", "prev_hash", "hash"])
                self.assertEqual(len(rows) - 1, len(js))
                for row, e in zip(rows[1:], js):
                    d = dict(zip(rows[0], row))
                    self.assertEqual(int(d["id"]), e["id"])
                    self.assertEqual((d["stream"], int(d["seq"]), d["at"], d["actor"], d["action"],
                                      d["entity"], d["entity_id"], d["hash"], d["prev_hash"]),
                                     (e["stream"], e["seq"], e["at"], e["actor"], e["action"],
                                      e["entity"], e["entity_id"], e["hash"], e["prev_hash"]))
                    self.assertEqual(json.loads(d["after"]), e["after"])
                    self.assertEqual(json.loads(d["before"]) if d["before"] else None, e["before"])
        # an empty selection is just the header
        r = get(self.srv, "/v1/audit/events.csv?firm=%d" % self.other, self.auditor)
        self.assertEqual(r.body.decode().count("\r\n"), 1)

    # -- history -----------------------------------------------------------------------------

    def test_07_history_at_three_dates(self):
        fid = register(self.srv, self.admin, "410402")
        year = 2023
        doc1 = fixture(ELIGIBLE)
        f = get(self.srv, "/v1/firms/%d" % fid, self.admin).json()
        doc1["firm"]["uscc"], doc1["firm"]["region_code"] = f["uscc"], f["region_code"]
        c = self.srv.client()
        put_facts(c, self.admin, fid, year, doc1)
        doc2 = json.loads(json.dumps(doc1))
        doc2["conversions"] = doc2["conversions"][:-1]  # a second version that differs
        put_facts(c, self.admin, fid, year, doc2)
        c.close()
        # backdate: v1 filed 2024-03-01, v2 filed 2024-09-01 (Shanghai)
        harness.psql("UPDATE firm_facts SET created_at = '2024-03-01 10:00+08' WHERE firm_id = %d"
                     " AND version = 1; UPDATE firm_facts SET created_at = '2024-09-01 10:00+08'"
                     " WHERE firm_id = %d AND version = 2; UPDATE firm SET created_at ="
                     " '2024-01-01 10:00+08' WHERE id = %d" % (fid, fid, fid))
        c = self.srv.client()
        body = {"kind": "tech_sme", "granted_on": "2024-04-01", "expires_on": "2024-12-31",
                "certificate_number": "H%s" % uuid.uuid4().hex[:10].upper()}
        h = dict(auth(self.admin), **{"Content-Type": "application/json"})
        r = c.request("POST", "/v1/firms/%d/recognitions" % fid, body=json.dumps(body), headers=h)
        self.assertEqual(r.status, 201, r)
        c.close()
        cases = [
            ("2024-03-15", [1], [], "seed"),                 # v1 filed; nothing granted yet
            ("2024-10-01", [2], ["tech_sme"], "micro_growth"),  # v2 current; tech_sme in force
            ("2025-02-01", [2], [], "seed"),                 # tech_sme expired 2024-12-31
        ]
        for day, versions, kinds, stage in cases:
            with self.subTest(as_of=day):
                for tok in (self.admin, self.auditor):
                    r = get(self.srv, "/v1/firms/%d/history?as_of=%s" % (fid, day), tok)
                    self.assertEqual(r.status, 200, r)
                    b = r.json()
                    self.assertEqual(b["as_of"], day)
                    self.assertEqual([x["version"] for x in b["facts"] if x["fiscal_year"] == year],
                                     versions)
                    self.assertEqual([x["kind"] for x in b["recognitions"]], kinds)
                    self.assertEqual(b["stage"], stage)
                    self.assertTrue(b["registered"])
        # before anything was filed
        b = get(self.srv, "/v1/firms/%d/history?as_of=2023-06-01" % fid, self.admin).json()
        self.assertEqual((b["facts"], b["recognitions"], b["registered"]), ([], [], False))
        # the expiry day itself still counts (届满 includes the day)
        b = get(self.srv, "/v1/firms/%d/history?as_of=2024-12-31" % fid, self.admin).json()
        self.assertEqual([x["kind"] for x in b["recognitions"]], ["tech_sme"])

    def test_08_history_scope_and_parameters(self):
        path = "/v1/firms/%d/history?as_of=2025-01-01" % self.firm
        self.assertEqual(get(self.srv, path, self.firm_token).status, 200)
        assert_problem(self, get(self.srv, path, self.other_token), 404, "not-found")
        assert_problem(self, get(self.srv, path, self.far_auditor), 404, "not-found")
        assert_problem(self, get(self.srv, path, self.officer), 403, "forbidden")
        assert_problem(self, get(self.srv, path, None), 401, "unauthenticated")
        assert_problem(self, get(self.srv, "/v1/firms/999999999/history?as_of=2025-01-01",
                                 self.admin), 404, "not-found")
        for q in ("", "?as_of=2025-13-01", "?as_of=yesterday"):
            assert_problem(self, get(self.srv, "/v1/firms/%d/history%s" % (self.firm, q),
                                     self.admin), 400, "invalid-parameter", field="as_of")
        assert_problem(self, get(self.srv, "/v1/firms/x/history?as_of=2025-01-01", self.admin),
                       400, "invalid-parameter", field="id")

    def test_09_history_lists_decisions_taken_by_then(self):
        c = self.srv.client()
        prog = make_program(c, region_prefix="4104")
        token, fid = firm_user(c, "410402")
        doc = fixture(ELIGIBLE)
        f = c.get("/v1/firms/%d" % fid, headers=auth(token)).json()
        doc["firm"]["uscc"], doc["firm"]["region_code"] = f["uscc"], f["region_code"]
        put_facts(c, token, fid, prog["fiscal_year"], doc)
        h = dict(auth(token), **{"Idempotency-Key": str(uuid.uuid4())})
        a = c.post_json("/v1/applications", {"firm_id": fid, "program_id": prog["id"]}, headers=h).json()
        r = c.request("POST", "/v1/applications/%d/submit" % a["id"],
                      headers=dict(auth(token), **{"If-Match": '"1"'}))
        self.assertEqual(r.status, 200, r)
        c.close()
        today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600 + 86400))
        b = get(self.srv, "/v1/firms/%d/history?as_of=%s" % (fid, today), self.auditor).json()
        self.assertEqual([(x["id"], x["state"]) for x in b["applications"]], [(a["id"], "queued")])
        self.assertEqual([m["action"] for m in b["applications"][0]["moves"]], ["create", "submit"])
        b = get(self.srv, "/v1/firms/%d/history?as_of=2020-01-01" % fid, self.auditor).json()
        self.assertEqual(b["applications"], [])
        AuditReads.replay_app = a["id"]

    # -- replay --------------------------------------------------------------------------------

    def test_10_replay_identical_then_tampered(self):
        if not getattr(AuditReads, "replay_app", None):
            self.test_09_history_lists_decisions_taken_by_then()
        app = AuditReads.replay_app
        for tok in (self.admin, self.auditor, self.officer):
            r = get(self.srv, "/v1/applications/%d/replay" % app, tok)
            self.assertEqual(r.status, 200, r)
            b = r.json()
            self.assertIs(b["identical"], True, b)
            self.assertNotIn("differences", b)
            self.assertEqual(b["stored"], b["replayed"])
            self.assertEqual(b["application_id"], app)
        # a superuser alters the stored verdict (trigger disabled in that one transaction)
        vid = harness.psql("SELECT max(id) FROM application_verdict WHERE application_id = %d" % app)
        harness.psql("BEGIN; ALTER TABLE application_verdict DISABLE TRIGGER application_verdict_no_change;"
                     " UPDATE application_verdict SET verdict = jsonb_set(verdict, '{outcome}', '\"ineligible\"')"
                     " WHERE id = %s;"
                     " ALTER TABLE application_verdict ENABLE TRIGGER application_verdict_no_change; COMMIT" % vid)
        b = get(self.srv, "/v1/applications/%d/replay" % app, self.auditor).json()
        self.assertIs(b["identical"], False, b)
        self.assertIn("outcome", b["differences"])
        self.assertEqual(b["stored"]["outcome"], "ineligible")
        self.assertNotEqual(b["replayed"]["outcome"], "ineligible")
        # an edition no longer loaded: said so
        harness.psql("BEGIN; ALTER TABLE application_verdict DISABLE TRIGGER application_verdict_no_change;"
                     " UPDATE application_verdict SET edition_id = 'gone-edition' WHERE id = %s;"
                     " ALTER TABLE application_verdict ENABLE TRIGGER application_verdict_no_change; COMMIT" % vid)
        p = assert_problem(self, get(self.srv, "/v1/applications/%d/replay" % app, self.auditor),
                           409, "conflict", field="edition_id")
        self.assertIn("gone-edition", p["detail"])

    def test_11_replay_scope(self):
        if not getattr(AuditReads, "replay_app", None):
            self.test_09_history_lists_decisions_taken_by_then()
        path = "/v1/applications/%d/replay" % AuditReads.replay_app
        assert_problem(self, get(self.srv, path, self.far_auditor), 404, "not-found")
        assert_problem(self, get(self.srv, path, self.far_officer), 404, "not-found")
        assert_problem(self, get(self.srv, path, self.firm_token), 403, "forbidden")
        assert_problem(self, get(self.srv, path, None), 401, "unauthenticated")
        assert_problem(self, get(self.srv, "/v1/applications/999999999/replay", self.admin),
                       404, "not-found")
        assert_problem(self, get(self.srv, "/v1/applications/0/replay", self.admin), 400,
                       "invalid-parameter", field="id")
        # never submitted: no verdict to replay
        c = self.srv.client()
        prog = make_program(c, region_prefix="4104")
        token, fid = firm_user(c, "410402")
        h = dict(auth(token), **{"Idempotency-Key": str(uuid.uuid4())})
        a = c.post_json("/v1/applications", {"firm_id": fid, "program_id": prog["id"]}, headers=h).json()
        c.close()
        assert_problem(self, get(self.srv, "/v1/applications/%d/replay" % a["id"], self.admin),
                       409, "conflict")

    # -- auditors change nothing ---------------------------------------------------------------

    def test_12_auditors_cannot_write(self):
        routes = write_routes()
        self.assertGreater(len(routes), 5)
        before = harness.psql("SELECT count(*) FROM audit_event")
        for method, pattern in routes:
            path = re.sub(r"\{[^}]+\}", lambda m: str(self.firm) if m.group(0) == "{id}" else "2025",
                          pattern)
            with self.subTest(route="%s %s" % (method, pattern)):
                c = self.srv.client()
                h = dict(auth(self.auditor), **{"Content-Type": "application/json",
                                                "If-Match": '"1"',
                                                "Idempotency-Key": str(uuid.uuid4())})
                r = c.request(method, path, body="{}", headers=h)
                c.close()
                if pattern in ("/v1/sessions", "/v1/evaluate"):
                    continue  # open to anyone: signing in and evaluating change nothing by role
                assert_problem(self, r, 403, "forbidden")
        after = harness.psql("SELECT count(*) FROM audit_event")
        self.assertEqual(after, before)  # nothing changed (a 403 is decided before any SQL)

def vmrss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class AuditCsvStreaming(unittest.TestCase):
    """A large export streams with bounded memory; a client leaving mid-stream leaks nothing."""

    N = 6000
    PAD = 4000  # bytes of payload per event: the export is ~24 MB, a page (500 rows) ~2 MB

    @classmethod
    def setUpClass(cls):
        asan = os.environ.get("ASAN_OPTIONS", "")
        cls.srv = harness.Server(env={"ASAN_OPTIONS": (asan + ":" if asan else "")
                                      + "quarantine_size_mb=1"}, name="peiyud-csv")
        cls.srv.start()
        _, cls.admin = user("admin")
        cls.token, cls.firm = firm_user(cls.srv.client(), "410402")
        harness.psql(
            "SELECT audit_append('firm:%d', NULL, 'bulk-loader', 'firm.note', 'firm', '%d', NULL,"
            " jsonb_build_object('i', i, 'pad', repeat('x', %d)), 'bulk, \"quoted\"\nline', NULL)"
            " FROM generate_series(1, %d) i" % (cls.firm, cls.firm, cls.PAD, cls.N), timeout=120)

    @classmethod
    def tearDownClass(cls):
        if cls.srv.running():
            cls.srv.kill()
        cls.srv.cleanup()

    def request_raw(self):
        s = socket.create_connection(("127.0.0.1", self.srv.port), timeout=30)
        req = ("GET /v1/audit/events.csv?firm=%d HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer %s\r\n\r\n"
               % (self.firm, self.admin))
        s.sendall(req.encode())
        return s

    def test_1_large_export_streams_with_bounded_memory(self):
        pid = self.srv.proc.pid
        # warm up (pool connections, prepared statements) on a small selection
        get(self.srv, "/v1/audit/events.csv?firm=%d&action=firm.register" % self.firm, self.admin)
        base = vmrss_kb(pid)
        total = self.N * self.PAD // 1024  # KB of payload
        s = self.request_raw()
        got = s.recv(65536)
        self.assertIn(b"200 OK", got.split(b"\r\n", 1)[0])
        time.sleep(2.0)  # a slow client: peiyud must wait, not buffer the table
        paused = vmrss_kb(pid)
        self.assertLess(paused - base, total // 2,
                        "peiyud grew %d KB while the client paused (export ~%d KB)"
                        % (paused - base, total))
        data = bytearray(got)
        while True:
            chunk = s.recv(1 << 20)
            if not chunk:
                break
            data += chunk
            if data.endswith(b"\r\n0\r\n\r\n"):
                break
        s.close()
        after = vmrss_kb(pid)
        self.assertLess(after - base, total, "peiyud grew %d KB for a %d KB export" % (after - base, total))
        self.assertTrue(data.endswith(b"\r\n0\r\n\r\n"), "stream cut short after %d bytes"
                        % len(data))
        head, _, body = bytes(data).partition(b"\r\n\r\n")
        self.assertIn(b"transfer-encoding: chunked", head.lower())
        # de-chunk
        out, i = bytearray(), 0
        while True:
            j = body.index(b"\r\n", i)
            n = int(body[i:j], 16)
            if n == 0:
                break
            out += body[j + 2:j + 2 + n]
            i = j + 2 + n + 2
        rows = list(csv.reader(io.StringIO(out.decode(), newline="")))
        self.assertEqual(len(rows), 1 + 1 + self.N)  # header, firm.register, the bulk events
        notes = [r for r in rows[1:] if r[6] == "firm.note"]
        self.assertEqual([json.loads(r[10])["i"] for r in notes], list(range(1, self.N + 1)))
        self.assertEqual(notes[0][11], 'bulk, "quoted"\nline')
        ids = [int(r[0]) for r in rows[1:]]
        self.assertEqual(ids, sorted(set(ids)))

    def test_2_client_leaving_mid_stream(self):
        for _ in range(3):
            s = self.request_raw()
            s.recv(65536)
            time.sleep(0.3)
            harness.close_abruptly(s)
        s = self.request_raw()
        s.recv(65536)
        s.close()  # FIN with unread data
        time.sleep(1.0)
        r = get(self.srv, "/v1/audit/events?firm=%d&limit=1" % self.firm, self.admin)
        self.assertEqual(r.status, 200, r)

    def test_9_shutdown_is_clean(self):
        self.srv.stop_and_check(self)


if __name__ == "__main__":
    unittest.main()
