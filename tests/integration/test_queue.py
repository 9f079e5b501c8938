"""Review queues and deadlines: GET /v1/queue, POST /v1/queue/claim,
POST /v1/applications/{id}/release, PUT /v1/calendar/{date}, GET /v1/calendar.

Covers: 20 officers claiming in parallel against two peiyud instances on one
database (every item claimed exactly once, none lost), the claim limit, a
lapsed claim returning to the queue (recorded as 'lapse' when reclaimed),
release, scope (region prefixes and programmes), the working-day clock
across holidays and a worked weekend day and its pause while returned,
overdue items, order and cursor pagination, and the unhappy paths.

Applications are put in the queue directly as the admin database user (the
firm-side flow is tested in test_applications.py); the clock trigger sets
their due dates exactly as it does for a submission.
"""
import concurrent.futures
import datetime
import json
import time
import unittest

import harness
from harness import assert_problem
from accounts import bearer, expire_token, revoke_token, user_with_token
from test_programs import admin_token, firm_user, make_program


def today():
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()


def seed(program_id, n, region="440305", flagged=False, state="queued"):
    """n firms in `region`, each with an application to the programme in
    `state`; returns the application ids in insertion order."""
    out = harness.psql(
        "WITH f AS (INSERT INTO firm (uscc, uscc_check_ok, name, registered_on, region_code,"
        " industry_code) SELECT '91' || '%s' || lpad((floor(random() * 1e10))::bigint::text, 10, '0'),"
        " false, '队列测试企业' || g, '2015-01-01', '%s', 'I6513' FROM generate_series(1, %d) g"
        " RETURNING id)"
        " INSERT INTO application (firm_id, program_id, state, flagged, submitted_at, created_by)"
        " SELECT f.id, %d, '%s', %s, clock_timestamp(), (SELECT min(id) FROM app_user) FROM f"
        " ORDER BY f.id RETURNING id"
        % (region, region, n, program_id, state, "true" if flagged else "false"))
    return [int(x) for x in out.split()]


def set_queue(max_claims=None, claim_ttl=None):
    if max_claims is not None:
        harness.psql("UPDATE queue_setting SET max_claims = %d" % max_claims)
    if claim_ttl is not None:
        harness.psql("UPDATE queue_setting SET claim_ttl = '%s'" % claim_ttl)


def default_working(d):
    return d.weekday() < 5


def expected_add(d, n, overrides):
    """The n-th working day after d (Mon-Fri unless overridden)."""
    x = d
    while n > 0:
        x += datetime.timedelta(days=1)
        if overrides.get(x, default_working(x)):
            n -= 1
    return x


def expected_between(a, b, overrides):
    k, x = 0, a
    while x < b:
        x += datetime.timedelta(days=1)
        if overrides.get(x, default_working(x)):
            k += 1
    return k


class Queue(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()
        cls.admin = admin_token()
        c = cls.srv.client()
        cls.firm_token, cls.firm_id = firm_user(c, "440305")
        c.close()

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    # -- helpers ------------------------------------------------------------------

    def program(self, **over):
        over.setdefault("review_days", 5)
        return make_program(self.c, **over)["id"]

    def officer(self, program_id, regions=("4403",), role="officer"):
        return user_with_token(role, regions=regions, programs=(program_id,))[1]

    def claim(self, token, client=None):
        return (client or self.c).request("POST", "/v1/queue/claim", headers=bearer(token))

    def release(self, token, app_id):
        return self.c.request("POST", "/v1/applications/%d/release" % app_id, headers=bearer(token))

    def queue(self, token, query=""):
        return self.c.get("/v1/queue" + query, headers=bearer(token))

    def put_day(self, day, body, token=None):
        h = {"Content-Type": "application/json"}
        h.update(bearer(token or self.admin))
        return self.c.request("PUT", "/v1/calendar/%s" % day, body=json.dumps(body), headers=h)

    def overrides(self, a, b):
        r = self.c.get("/v1/calendar?from=%s&to=%s" % (a, b), headers=bearer(self.admin))
        self.assertEqual(r.status, 200, r)
        return {datetime.date.fromisoformat(i["date"]): i["is_working_day"]
                for i in r.json()["items"] if i["source"] == "calendar"}

    # -- claims ---------------------------------------------------------------------

    def test_twenty_officers_two_instances_claim_each_item_once(self):
        pid = self.program()
        ids = seed(pid, 40)
        officers = [self.officer(pid) for _ in range(20)]
        second = harness.Server(["--threads", "2"], name="second peiyud").start()
        servers = [self.srv, second]
        try:
            def work(i):
                c = servers[i % 2].client(timeout=30)
                got, statuses = [], []
                try:
                    while True:
                        r = self.claim(officers[i], c)
                        statuses.append(r.status)
                        if r.status == 200:
                            got.append(r.json()["id"])
                            continue
                        if r.status in (404, 409):
                            return got, statuses, r
                        return got, statuses, r
                finally:
                    c.close()

            with concurrent.futures.ThreadPoolExecutor(20) as ex:
                results = list(ex.map(work, range(20)))
        finally:
            second.stop_and_check(self)
            second.cleanup()
        claimed = [x for got, _, _ in results for x in got]
        for got, statuses, last in results:
            self.assertTrue(all(s in (200, 404, 409) for s in statuses), (statuses, last))
            self.assertLessEqual(len(got), 5)  # the default claim limit
        self.assertEqual(sorted(claimed), sorted(ids), "every item claimed exactly once")
        self.assertEqual(len(set(claimed)), len(claimed))
        rows = harness.psql("SELECT count(*), count(DISTINCT claimed_by) FROM application"
                            " WHERE program_id = %d AND state = 'claimed'" % pid)
        self.assertEqual(rows.split("|")[0], "40")
        moves = harness.psql("SELECT count(*) FROM application_move m JOIN application a"
                             " ON a.id = m.application_id WHERE a.program_id = %d"
                             " AND m.action = 'claim'" % pid)
        self.assertEqual(moves, "40")
        audits = harness.psql("SELECT count(*) FROM audit_event WHERE action = 'application.claim'"
                              " AND entity_id IN (SELECT id::text FROM application"
                              " WHERE program_id = %d)" % pid)
        self.assertEqual(audits, "40")

    def test_claim_returns_next_item_in_order_and_limit(self):
        pid = self.program()
        ids = seed(pid, 7)
        flagged = seed(pid, 1, flagged=True)[0]
        late = ids[0]
        harness.psql("UPDATE application SET due_on = due_on + 30 WHERE id = %d" % late)
        off = self.officer(pid)
        got = []
        for _ in range(5):
            r = self.claim(off)
            self.assertEqual(r.status, 200, r)
            a = r.json()
            self.assertEqual(a["state"], "claimed")
            self.assertEqual(r.header("ETag"), '"%d"' % a["version"])
            self.assertIsNotNone(a["claim_expires_at"])
            self.assertEqual(a["moves"][-1]["action"], "claim")
            got.append(a["id"])
        # same due date: flagged first, then by submission; the later due date last
        self.assertEqual(got, [flagged] + ids[1:5])
        me = harness.psql("SELECT DISTINCT claimed_by FROM application WHERE id IN (%s)"
                          % ",".join(map(str, got)))
        self.assertEqual(harness.psql("SELECT count(*) FROM application WHERE claimed_by = %s"
                                      " AND claim_expires_at > now() AND state = 'claimed'" % me), "5")
        p = assert_problem(self, self.claim(off), 409, "conflict", field="claims")
        self.assertIn("5 claims", p["detail"])
        self.assertEqual(self.release(off, got[0]).status, 200)
        r = self.claim(off)
        self.assertEqual((r.status, r.json()["id"]), (200, got[0]))
        # another officer takes the rest, then the queue is empty: 404
        other = self.officer(pid)
        self.assertEqual(self.claim(other).json()["id"], ids[5])
        self.assertEqual(self.claim(other).json()["id"], ids[6])
        self.assertEqual(self.claim(other).json()["id"], late)
        p = assert_problem(self, self.claim(other), 404, "not-found")
        self.assertIn("nothing", p["detail"])

    def test_lapsed_claim_returns_to_queue(self):
        pid = self.program()
        [app] = seed(pid, 1)
        a, b = self.officer(pid), self.officer(pid)
        set_queue(claim_ttl="1 second")
        try:
            r = self.claim(a)
            self.assertEqual((r.status, r.json()["id"]), (200, app))
            self.assertEqual(self.claim(b).status, 404)  # held: not claimable
            time.sleep(1.3)
            items = self.queue(b, "?program=%d" % pid).json()["items"]
            self.assertEqual([(i["id"], i["state"], i["claim_lapsed"], i["claimed_by"]) for i in items],
                             [(app, "queued", True, None)])
            items = self.queue(b, "?program=%d&state=queued" % pid).json()["items"]
            self.assertEqual([i["id"] for i in items], [app])
            r = self.claim(b)
            self.assertEqual((r.status, r.json()["id"]), (200, app))
            moves = [(m["from"], m["to"], m["action"], m["actor"]) for m in r.json()["moves"]][-3:]
            self.assertEqual([x[2] for x in moves], ["claim", "lapse", "claim"])
            self.assertEqual(moves[1][3], "system")
            self.assertEqual(harness.psql("SELECT count(*) FROM audit_event WHERE entity_id = '%d'"
                                          " AND action = 'application.lapse' AND actor = 'system'" % app), "1")
        finally:
            set_queue(claim_ttl="4 hours")
        # the first officer's claim is gone: it cannot release it
        assert_problem(self, self.release(a, app), 409, "conflict")

    def test_release(self):
        pid = self.program()
        [app] = seed(pid, 1)
        a, b = self.officer(pid), self.officer(pid)
        self.assertEqual(self.claim(a).status, 200)
        assert_problem(self, self.release(b, app), 409, "conflict")  # not b's claim
        r = self.release(a, app)
        self.assertEqual(r.status, 200, r)
        body = r.json()
        self.assertEqual((body["state"], body["claimed_by"], body["claim_expires_at"]),
                         ("queued", None, None))
        self.assertEqual(body["moves"][-1]["action"], "release")
        self.assertEqual(harness.psql("SELECT claimed_by IS NULL FROM application WHERE id = %d" % app), "t")
        self.assertEqual(harness.psql("SELECT count(*) FROM audit_event WHERE entity_id = '%d'"
                                      " AND action = 'application.release'" % app), "1")
        assert_problem(self, self.release(a, app), 409, "conflict")  # released already
        assert_problem(self, self.release(a, 999999999), 404, "not-found")
        assert_problem(self, self.c.request("POST", "/v1/applications/abc/release", headers=bearer(a)),
                       400, "invalid-parameter", field="id")
        r = self.claim(b)
        self.assertEqual((r.status, r.json()["id"]), (200, app))

    def test_scope_region_and_programme(self):
        pid = self.program()
        other_pid = self.program()
        [app] = seed(pid, 1)
        elsewhere = self.officer(pid, regions=("4104",))
        other_programme = self.officer(other_pid)
        for tok in (elsewhere, other_programme):
            r = self.queue(tok, "?program=%d" % pid)
            self.assertEqual((r.status, r.json()["items"]), (200, []))
            self.assertNotIn(app, [i["id"] for i in self.queue(tok, "?limit=100").json()["items"]])
            assert_problem(self, self.claim(tok), 404, "not-found")
        # an officer who declared a relation to the firm is never handed it
        bound = self.officer(pid)
        harness.psql("INSERT INTO officer_relation (officer_id, firm_id, nature)"
                     " SELECT u.id, a.firm_id, '亲属' FROM app_user u, application a"
                     " WHERE u.id = (SELECT t.user_id FROM api_token t WHERE t.token_sha256 ="
                     " encode(sha256('%s'::bytea), 'hex')) AND a.id = %d" % (bound, app))
        assert_problem(self, self.claim(bound), 404, "not-found")
        owner = self.officer(pid)
        self.assertEqual(self.claim(owner).json()["id"], app)
        for tok in (elsewhere, other_programme):
            assert_problem(self, self.release(tok, app), 404, "not-found")
        # approvers see the queue of their scope, and cannot claim
        approver = self.officer(pid, role="approver")
        r = self.queue(approver, "?program=%d" % pid)
        self.assertEqual([(i["id"], i["state"]) for i in r.json()["items"]], [(app, "claimed")])
        assert_problem(self, self.claim(approver), 403, "forbidden")

    # -- listing --------------------------------------------------------------------

    def test_order_filters_and_cursor(self):
        pid = self.program()
        ids = seed(pid, 5)
        [flagged] = seed(pid, 1, flagged=True)
        [north] = seed(pid, 1, region="440304")
        harness.psql("UPDATE application SET due_on = due_on - 1 WHERE id = %d" % ids[4])
        off = self.officer(pid)
        want = [ids[4], flagged, ids[0], ids[1], ids[2], ids[3], north]
        seen, cursor = [], None
        for _ in range(10):
            q = "?program=%d&limit=2" % pid + ("&cursor=" + cursor if cursor else "")
            r = self.queue(off, q)
            self.assertEqual(r.status, 200, r)
            page = r.json()
            seen += [i["id"] for i in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        self.assertEqual(seen, want)
        item = self.queue(off, "?program=%d&limit=1" % pid).json()["items"][0]
        for k in ("due_on", "overdue", "flagged", "submitted_at", "firm_id", "program_id", "state"):
            self.assertIn(k, item)
        r = self.queue(off, "?program=%d&region=440304" % pid)
        self.assertEqual([i["id"] for i in r.json()["items"]], [north])
        r = self.queue(off, "?program=%d&state=claimed" % pid)
        self.assertEqual(r.json()["items"], [])

    def test_overdue(self):
        pid = self.program()
        late, fine = seed(pid, 2)
        harness.psql("UPDATE application SET due_on = (now() AT TIME ZONE 'Asia/Shanghai')::date - 1"
                     " WHERE id = %d" % late)
        off = self.officer(pid)
        items = self.queue(off, "?program=%d&overdue=true" % pid).json()["items"]
        self.assertEqual([(i["id"], i["overdue"]) for i in items], [(late, True)])
        items = self.queue(off, "?program=%d&overdue=false" % pid).json()["items"]
        self.assertEqual([(i["id"], i["overdue"]) for i in items], [(fine, False)])
        # overdue items come first (earliest due date)
        items = self.queue(off, "?program=%d" % pid).json()["items"]
        self.assertEqual([i["id"] for i in items], [late, fine])

    # -- the working-day clock ------------------------------------------------------

    def test_calendar_working_day_arithmetic(self):
        # 2031-09-30 is a Tuesday; Oct 1-3 holidays, Saturday Oct 4 worked
        harness.psql("DELETE FROM work_calendar WHERE day BETWEEN '2031-09-30' AND '2031-10-05'")
        audited = "SELECT count(*) FROM audit_event WHERE stream = 'system' AND action = 'calendar.set'" \
                  " AND entity_id = '2031-10-04'"
        before = int(harness.psql(audited))
        for day, working in (("2031-10-01", False), ("2031-10-02", False), ("2031-10-03", False),
                             ("2031-10-04", True)):
            r = self.put_day(day, {"is_working_day": working, "note": "国庆节"})
            self.assertEqual(r.status, 201, r)
            self.assertEqual((r.json()["is_working_day"], r.json()["source"]), (working, "calendar"))
        self.assertEqual(harness.psql("SELECT workday_add('2031-09-30', 1), workday_add('2031-09-30', 2),"
                                      " workday_add('2031-09-30', 0), workdays_between('2031-09-30', '2031-10-06')"),
                         "2031-10-04|2031-10-06|2031-09-30|2")
        r = self.c.get("/v1/calendar?from=2031-09-30&to=2031-10-05", headers=bearer(self.admin))
        self.assertEqual(r.status, 200, r)
        self.assertEqual([(i["date"], i["is_working_day"], i["source"]) for i in r.json()["items"]],
                         [("2031-09-30", True, "default"), ("2031-10-01", False, "calendar"),
                          ("2031-10-02", False, "calendar"), ("2031-10-03", False, "calendar"),
                          ("2031-10-04", True, "calendar"), ("2031-10-05", False, "default")])
        # setting a day again updates it (200) and is audited each time
        r = self.put_day("2031-10-04", {"is_working_day": True, "note": "调休上班"})
        self.assertEqual((r.status, r.json()["note"]), (200, "调休上班"))
        self.assertEqual(int(harness.psql(audited)), before + 2)
        # other roles may read it, not change it
        off = self.officer(self.program())
        self.assertEqual(self.c.get("/v1/calendar?from=2031-10-01&to=2031-10-01",
                                    headers=bearer(off)).status, 200)
        assert_problem(self, self.put_day("2031-10-05", {"is_working_day": True}, off), 403, "forbidden")

    def test_due_date_counts_working_days_across_holidays_and_worked_weekend(self):
        t = today()
        holidays, d = [], t + datetime.timedelta(days=1)
        while len(holidays) < 2:
            d += datetime.timedelta(days=1)
            if d.weekday() < 5:
                holidays.append(d)
        saturday = t + datetime.timedelta(days=(5 - t.weekday()) % 7 or 7)
        rows = [(h, False) for h in holidays] + [(saturday, True)]
        try:
            for day, working in rows:
                self.assertIn(self.put_day(day.isoformat(), {"is_working_day": working}).status, (200, 201))
            pid = self.program(review_days=10)
            [app] = seed(pid, 1)
            ov = self.overrides(t, t + datetime.timedelta(days=60))
            want = expected_add(t, 10, ov)
            self.assertNotEqual(want, expected_add(t, 10, {}))
            self.assertEqual(want, expected_add(t, 11, {}))  # two holidays, one worked Saturday
            off = self.officer(pid)
            [item] = self.queue(off, "?program=%d" % pid).json()["items"]
            self.assertEqual((item["due_on"], item["queued_on"], item["overdue"]),
                             (want.isoformat(), t.isoformat(), False))

            # returned: the clock pauses; ten days later it resumes on resubmission
            harness.psql("UPDATE application SET state = 'returned' WHERE id = %d" % app)
            [item] = self.queue(off, "?program=%d&state=returned" % pid).json()["items"]
            self.assertEqual((item["paused_since"], item["due_on"], item["overdue"]),
                             (t.isoformat(), want.isoformat(), False))
            since = t - datetime.timedelta(days=10)
            harness.psql("UPDATE application SET paused_since = '%s' WHERE id = %d" % (since, app))
            harness.psql("UPDATE application SET state = 'queued' WHERE id = %d" % app)
            ov = self.overrides(since, want + datetime.timedelta(days=60))
            k = expected_between(since, t, ov)
            [item] = self.queue(off, "?program=%d" % pid).json()["items"]
            self.assertEqual((item["paused_days"], item["paused_since"], item["due_on"]),
                             (k, None, expected_add(want, k, ov).isoformat()))
            self.assertGreaterEqual(k, 5)
        finally:
            harness.psql("DELETE FROM work_calendar WHERE day IN (%s)"
                         % ",".join("'%s'" % d for d, _ in rows))

    # -- unhappy paths --------------------------------------------------------------

    def test_wrong_roles_and_unauthenticated(self):
        pid = self.program()
        [app] = seed(pid, 1)
        firm = self.firm_token
        assert_problem(self, self.queue(firm), 403, "forbidden")
        assert_problem(self, self.claim(firm), 403, "forbidden")
        assert_problem(self, self.release(firm, app), 403, "forbidden")
        assert_problem(self, self.put_day("2031-11-01", {"is_working_day": True}, firm), 403, "forbidden")
        auditor = user_with_token("auditor", regions=("4403",))[1]
        assert_problem(self, self.queue(auditor), 403, "forbidden")
        assert_problem(self, self.claim(self.admin), 403, "forbidden")
        for h in ({}, {"Authorization": "Bearer nope"}):
            assert_problem(self, self.c.get("/v1/queue", headers=h), 401, "unauthenticated")
            assert_problem(self, self.c.request("POST", "/v1/queue/claim", headers=h), 401, "unauthenticated")
            assert_problem(self, self.c.request("POST", "/v1/applications/%d/release" % app, headers=h),
                           401, "unauthenticated")
            assert_problem(self, self.c.get("/v1/calendar?from=2031-01-01&to=2031-01-02", headers=h),
                           401, "unauthenticated")
        expired, revoked = self.officer(pid), self.officer(pid)
        expire_token(expired)
        revoke_token(revoked)
        for tok in (expired, revoked):
            assert_problem(self, self.queue(tok), 401, "unauthenticated")
            assert_problem(self, self.claim(tok), 401, "unauthenticated")
        self.assertEqual(harness.psql("SELECT state FROM application WHERE id = %d" % app), "queued")

    def test_bad_queue_filters(self):
        off = self.officer(self.program())
        for q, field in (("?program=abc", "program"), ("?program=0", "program"),
                         ("?region=4", "region"), ("?region=44x", "region"),
                         ("?state=draft", "state"), ("?state=", "state"),
                         ("?overdue=yes", "overdue"), ("?cursor=zz", "cursor"),
                         ("?cursor=1.2", "cursor"), ("?cursor=2026-13-45.0.1.1", "cursor"),
                         ("?limit=0", "limit"), ("?limit=101", "limit"), ("?limit=x", "limit")):
            assert_problem(self, self.queue(off, q), 400, "invalid-parameter", field=field)

    def test_bad_calendar_requests(self):
        h = {"Content-Type": "application/json"}
        h.update(bearer(self.admin))
        for day in ("2031-02-30", "31-01-01", "1999-12-31", "tomorrow"):
            assert_problem(self, self.put_day(day, {"is_working_day": True}), 400, "invalid-parameter",
                           field="date")
        assert_problem(self, self.put_day("2031-11-01", {}), 400, "missing-field", field="is_working_day")
        assert_problem(self, self.put_day("2031-11-01", {"is_working_day": "yes"}), 400, "invalid-field",
                       field="is_working_day")
        assert_problem(self, self.put_day("2031-11-01", {"is_working_day": True, "note": 3}), 400,
                       "invalid-field", field="note")
        assert_problem(self, self.put_day("2031-11-01", {"is_working_day": True, "note": "长" * 201}), 400,
                       "invalid-field", field="note")
        assert_problem(self, self.put_day("2031-11-01", {"is_working_day": True, "holiday": True}), 400,
                       "unknown-field", field="holiday")
        r = self.c.request("PUT", "/v1/calendar/2031-11-01", body="{\"is_working_day\": tru", headers=h)
        assert_problem(self, r, 400, "malformed-json")
        r = self.c.request("PUT", "/v1/calendar/2031-11-01",
                           body=json.dumps({"is_working_day": True, "note": "x" * 2000000}), headers=h)
        self.assertIn(r.status, (400, 413), r)
        self.assertEqual(harness.psql("SELECT count(*) FROM work_calendar WHERE day = '2031-11-01'"), "0")
        for q, field in (("", "from"), ("?from=2031-01-01", "to"), ("?from=x&to=2031-01-01", "from"),
                         ("?from=2031-01-02&to=2031-01-01", "to"), ("?from=2031-01-01&to=2032-01-02", "to")):
            assert_problem(self, self.c.get("/v1/calendar" + q, headers=bearer(self.admin)), 400,
                           "invalid-parameter", field=field)


if __name__ == "__main__":
    unittest.main()
