-- Review queues with claims, and deadlines on a calendar of working days
-- (issue 5, items 1 and 2).
--
-- CLAIMS. An officer takes the next application with queue_claim(): ONE
-- statement picks it (FOR UPDATE SKIP LOCKED, so concurrent claimers, on
-- any number of peiyud instances, never get the same row and never wait
-- on each other) and the move 'claim' (queued → claimed) is recorded by
-- application_step with its audit event, in the same transaction. The
-- claim is stored on the application: claimed_by, claimed_at,
-- claim_expires_at. "The caller holds an unexpired claim" means
--     state = 'claimed' AND claimed_by = caller AND claim_expires_at > now().
-- A claim whose claim_expires_at has passed is simply claimable again (the
-- claim predicate reads claim_expires_at; no background job): whoever
-- claims it next first records the move 'lapse' (claimed → queued, role
-- 'system') and then 'claim'. The claim columns are cleared when an
-- application goes back to queued (release, lapse) and kept otherwise (after
-- a decision they name the last reviewer).
--
-- Order of the queue, for listing and for claiming: due date (earliest
-- first), then flagged applications (the screening said needs_review) before
-- the others, then submission time, then id.
--
-- Settings live in the one-row table queue_setting (superuser/owner
-- maintained, read by the functions): max_claims (unexpired claims one
-- officer may hold at once; claiming beyond it is 409) and claim_ttl (how
-- long a claim lasts).
--
-- DEADLINES. work_calendar holds the exceptions admins maintain: a holiday
-- on a weekday (is_working_day false) or a weekend day worked instead (调休,
-- true). A date without a row follows the default rule: Monday to Friday are
-- working days, Saturday and Sunday are not. Dates are civil dates in
-- Asia/Shanghai.
--   workday_add(d, n): the n-th working day after d (n = 0: d itself).
--   workdays_between(a, b): working days d with a < d ≤ b.
-- The trigger application_clock (BEFORE INSERT OR UPDATE OF state on
-- application) keeps the clock, so every path into a state is covered:
--   * entering queued other than from claimed or returned (submit): queued_on
--     = today, due_on = workday_add(today, programme.review_days),
--     paused_days = 0;
--   * entering returned: paused_since = today (the clock stops);
--   * leaving returned for queued (resubmit): the working days in
--     (paused_since, today] are added to paused_days and due_on moves that
--     many working days later; leaving returned otherwise just clears
--     paused_since;
--   * claimed → queued (release, lapse): the claim columns are cleared; the
--     due date stands.
-- An application is overdue when due_on < today (after the end of its due
-- day) while it is under review (queued, claimed, awaiting_second_approval).

CREATE TABLE queue_setting (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    max_claims integer NOT NULL DEFAULT 5 CHECK (max_claims BETWEEN 1 AND 1000),
    claim_ttl  interval NOT NULL DEFAULT '4 hours'
               CHECK (claim_ttl >= interval '1 second' AND claim_ttl <= interval '30 days')
);
INSERT INTO queue_setting DEFAULT VALUES;

CREATE TABLE work_calendar (
    day            date PRIMARY KEY CHECK (day BETWEEN '2000-01-01' AND '2199-12-31'),
    is_working_day boolean NOT NULL,
    note           text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    updated_by     bigint REFERENCES app_user (id),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE application
    ADD COLUMN claimed_by       bigint REFERENCES app_user (id),
    ADD COLUMN claimed_at       timestamptz,
    ADD COLUMN claim_expires_at timestamptz,
    ADD COLUMN queued_on        date,
    ADD COLUMN due_on           date,
    ADD COLUMN paused_days      integer NOT NULL DEFAULT 0 CHECK (paused_days >= 0),
    ADD COLUMN paused_since     date;
CREATE INDEX application_claims ON application (claimed_by) WHERE state = 'claimed';
CREATE INDEX application_queue ON application (due_on, flagged DESC, submitted_at, id)
    WHERE state IN ('queued', 'claimed');

-- Today in Asia/Shanghai.
CREATE FUNCTION shanghai_today() RETURNS date
LANGUAGE sql STABLE AS $$
    SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date
$$;

CREATE FUNCTION is_working_day(d date) RETURNS boolean
LANGUAGE sql STABLE STRICT AS $$
    SELECT coalesce((SELECT c.is_working_day FROM work_calendar c WHERE c.day = d),
                    extract(isodow FROM d) < 6)
$$;

-- The n-th working day after d (n = 0: d).
CREATE FUNCTION workday_add(d date, n integer) RETURNS date
LANGUAGE plpgsql STABLE STRICT AS $$
DECLARE
    x date := d;
    left_ integer := n;
    steps integer := 0;
BEGIN
    IF n < 0 THEN
        RAISE EXCEPTION 'workday_add takes n >= 0, not %', n;
    END IF;
    WHILE left_ > 0 LOOP
        x := x + 1;
        steps := steps + 1;
        IF steps > 3660 THEN
            RAISE EXCEPTION 'no % working days within ten years after % (calendar?)', n, d;
        END IF;
        IF is_working_day(x) THEN
            left_ := left_ - 1;
        END IF;
    END LOOP;
    RETURN x;
END
$$;

-- Working days d with a < d <= b (0 when b <= a).
CREATE FUNCTION workdays_between(a date, b date) RETURNS integer
LANGUAGE sql STABLE STRICT AS $$
    SELECT count(*)::integer
    FROM generate_series(a::timestamp + interval '1 day', b::timestamp, interval '1 day') g
    WHERE is_working_day(g::date)
$$;

-- Existing applications under review get their clock from their submission.
UPDATE application a SET
    queued_on = (coalesce(a.submitted_at, a.created_at) AT TIME ZONE 'Asia/Shanghai')::date,
    due_on = workday_add((coalesce(a.submitted_at, a.created_at) AT TIME ZONE 'Asia/Shanghai')::date,
                         p.review_days)
FROM program p
WHERE p.id = a.program_id AND a.state IN ('queued', 'claimed', 'awaiting_second_approval');
UPDATE application SET paused_since = shanghai_today() WHERE state = 'returned';

CREATE FUNCTION application_clock() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    today date := shanghai_today();
    old_state text := CASE WHEN TG_OP = 'UPDATE' THEN OLD.state END;
    k integer;
BEGIN
    IF NEW.state IS NOT DISTINCT FROM old_state THEN
        RETURN NEW;
    END IF;
    IF NEW.state = 'returned' THEN
        NEW.paused_since := today;
    ELSIF old_state = 'returned' THEN
        IF NEW.state = 'queued' AND NEW.due_on IS NOT NULL AND NEW.paused_since IS NOT NULL THEN
            k := workdays_between(NEW.paused_since, today);
            NEW.paused_days := NEW.paused_days + k;
            NEW.due_on := workday_add(NEW.due_on, k);
        ELSIF NEW.state = 'queued' THEN
            NEW.queued_on := today;
            NEW.due_on := workday_add(today, (SELECT review_days FROM program WHERE id = NEW.program_id));
        END IF;
        NEW.paused_since := NULL;
    ELSIF NEW.state = 'queued' AND old_state = 'claimed' THEN
        NEW.claimed_by := NULL;
        NEW.claimed_at := NULL;
        NEW.claim_expires_at := NULL;
    ELSIF NEW.state = 'queued' THEN
        NEW.queued_on := today;
        NEW.due_on := workday_add(today, (SELECT review_days FROM program WHERE id = NEW.program_id));
        NEW.paused_days := 0;
        NEW.paused_since := NULL;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER application_clock BEFORE INSERT OR UPDATE OF state ON application
    FOR EACH ROW EXECUTE FUNCTION application_clock();

-- The state as the queue shows it: a lapsed claim is back in the queue.
CREATE FUNCTION queue_state(a application) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN a.state = 'claimed' AND a.claim_expires_at <= now() THEN 'queued'
                ELSE a.state::text END
$$;

CREATE FUNCTION queue_overdue(a application) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT a.state IN ('queued', 'claimed', 'awaiting_second_approval')
           AND a.due_on IS NOT NULL AND a.due_on < shanghai_today()
$$;

-- The sort key of the queue as a cursor: "due_on.flag.submitted_us.id"
-- (flag 0 = flagged, 1 = not; submitted_us = microseconds since the epoch).
CREATE FUNCTION queue_key_due(a application) RETURNS date
LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(a.due_on, '2199-12-31'::date) $$;
CREATE FUNCTION queue_key_flag(a application) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN a.flagged THEN 0 ELSE 1 END $$;
CREATE FUNCTION queue_key_at(a application) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
    SELECT (extract(epoch FROM coalesce(a.submitted_at, a.created_at)) * 1000000)::bigint
$$;
CREATE FUNCTION queue_cursor(a application) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT queue_key_due(a)::text || '.' || queue_key_flag(a) || '.' || queue_key_at(a) || '.' || a.id
$$;

CREATE FUNCTION queue_item_json(a application) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'id', a.id, 'firm_id', a.firm_id,
        'firm_name', (SELECT f.name FROM firm f WHERE f.id = a.firm_id),
        'region_code', (SELECT f.region_code FROM firm f WHERE f.id = a.firm_id),
        'program_id', a.program_id, 'state', queue_state(a), 'version', a.version,
        'flagged', a.flagged, 'submitted_at', a.submitted_at,
        'queued_on', a.queued_on, 'due_on', a.due_on, 'overdue', queue_overdue(a),
        'paused_days', a.paused_days, 'paused_since', a.paused_since,
        'claimed_by', CASE WHEN a.state = 'claimed' AND a.claim_expires_at > now() THEN a.claimed_by END,
        'claimed_at', CASE WHEN a.state = 'claimed' AND a.claim_expires_at > now() THEN a.claimed_at END,
        'claim_expires_at', CASE WHEN a.state = 'claimed' AND a.claim_expires_at > now()
                                 THEN a.claim_expires_at END,
        'claim_lapsed', a.state = 'claimed' AND a.claim_expires_at <= now())
$$;

-- The application as a claim or release answers it: the whole application
-- and its queue fields.
CREATE FUNCTION queue_application_json(a application) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT application_json(a) || queue_item_json(a)
$$;

-- GET /v1/queue: one page of the applications under review the caller may
-- see (officers and approvers: their region prefixes and programmes).
-- Filters: programme, region prefix, state (queued — including lapsed
-- claims —, claimed, returned, awaiting_second_approval; default: queued,
-- claimed and awaiting_second_approval), overdue. p_cursor: next_cursor of
-- the previous page.
CREATE FUNCTION queue_page(p_role text, p_caller_firm bigint, p_prefixes text[],
                           p_programs bigint[], p_program bigint, p_region text, p_state text,
                           p_overdue boolean, p_cursor text, p_limit integer) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
    c_due date;
    c_flag integer;
    c_at bigint;
    c_id bigint;
    result text;
BEGIN
    IF p_role NOT IN ('officer', 'approver') THEN
        RAISE EXCEPTION 'the review queue is for officers and approvers' USING ERRCODE = 'PY403';
    END IF;
    IF p_state IS NOT NULL AND p_state NOT IN ('queued', 'claimed', 'returned',
                                               'awaiting_second_approval') THEN
        RAISE EXCEPTION 'state is one of queued, claimed, returned, awaiting_second_approval'
            USING ERRCODE = 'PY400', COLUMN = 'state';
    END IF;
    IF p_cursor IS NOT NULL THEN
        IF p_cursor !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\.[01]\.-?[0-9]{1,19}\.[0-9]{1,18}$' THEN
            RAISE EXCEPTION 'cursor is the next_cursor of the previous page'
                USING ERRCODE = 'PY400', COLUMN = 'cursor';
        END IF;
        BEGIN
            c_due := split_part(p_cursor, '.', 1)::date;
            c_flag := split_part(p_cursor, '.', 2)::integer;
            c_at := split_part(p_cursor, '.', 3)::bigint;
            c_id := split_part(p_cursor, '.', 4)::bigint;
        EXCEPTION WHEN data_exception THEN
            RAISE EXCEPTION 'cursor is the next_cursor of the previous page'
                USING ERRCODE = 'PY400', COLUMN = 'cursor';
        END;
    END IF;
    WITH page AS (
        SELECT a AS app, queue_key_due(a) AS k_due, queue_key_flag(a) AS k_flag,
               queue_key_at(a) AS k_at, a.id
        FROM application a JOIN firm f ON f.id = a.firm_id
        WHERE CASE WHEN p_state IS NULL
                   THEN a.state IN ('queued', 'claimed', 'awaiting_second_approval')
                   ELSE queue_state(a) = p_state END
          AND caller_sees_application(p_role, p_caller_firm, p_prefixes, p_programs, a)
          AND (p_program IS NULL OR a.program_id = p_program)
          AND (p_region IS NULL OR starts_with(f.region_code, p_region))
          AND (p_overdue IS NULL OR queue_overdue(a) = p_overdue)
          AND (p_cursor IS NULL OR (queue_key_due(a), queue_key_flag(a), queue_key_at(a), a.id)
                                   > (c_due, c_flag, c_at, c_id))
        ORDER BY k_due, k_flag, k_at, a.id
        LIMIT p_limit + 1),
    shown AS (SELECT * FROM page ORDER BY k_due, k_flag, k_at, id LIMIT p_limit)
    SELECT jsonb_build_object(
        'items', coalesce((SELECT jsonb_agg(queue_item_json(s.app) ORDER BY s.k_due, s.k_flag,
                                            s.k_at, s.id) FROM shown s), '[]'::jsonb),
        'next_cursor', CASE WHEN (SELECT count(*) FROM page) > p_limit
            THEN (SELECT queue_cursor(x.app) FROM shown x
                  ORDER BY x.k_due DESC, x.k_flag DESC, x.k_at DESC, x.id DESC LIMIT 1)
            END)::text
    INTO result;
    RETURN result;
END
$$;

-- POST /v1/queue/claim: hand the caller (an officer) the next application
-- it may review, skipping firms it is bound to (a declared relation). 409 when it holds max_claims unexpired claims already; 404
-- when nothing is claimable for it.
CREATE FUNCTION queue_claim(p_actor_id bigint, p_actor text, p_role text, p_prefixes text[],
                            p_programs bigint[], p_request_id text,
                            OUT body text, OUT version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    s queue_setting;
    held integer;
    a application;
BEGIN
    IF p_role <> 'officer' THEN
        RAISE EXCEPTION 'only officers claim applications' USING ERRCODE = 'PY403';
    END IF;
    SELECT * INTO s FROM queue_setting;
    -- one claim at a time per officer, so the limit holds under concurrency
    PERFORM pg_advisory_xact_lock(hashtextextended('queue_claim:' || p_actor_id, 0));
    SELECT count(*) INTO held FROM application x
    WHERE x.state = 'claimed' AND x.claimed_by = p_actor_id AND x.claim_expires_at > now();
    IF held >= s.max_claims THEN
        RAISE EXCEPTION 'you hold % claims, the most an officer may hold; decide or release one first',
            held USING ERRCODE = 'PY409', COLUMN = 'claims';
    END IF;
    SELECT x.* INTO a FROM application x
    WHERE (x.state = 'queued' OR (x.state = 'claimed' AND x.claim_expires_at <= now()))
      AND caller_sees_application(p_role, NULL, p_prefixes, p_programs, x)
      -- conflicts of interest: never hand an officer a firm it is bound to
      -- (user_bound_to_firm is 0013's; plpgsql resolves it when this runs)
      AND NOT user_bound_to_firm(p_actor_id, x.firm_id)
    ORDER BY queue_key_due(x), queue_key_flag(x), queue_key_at(x), x.id
    LIMIT 1
    FOR UPDATE OF x SKIP LOCKED;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the queue holds nothing you may claim now' USING ERRCODE = 'PY404';
    END IF;
    IF a.state = 'claimed' THEN
        a := application_step(a, 'lapse', 'queued', 'system', NULL, 'system',
                              'claim by user ' || a.claimed_by || ' lapsed at '
                              || shanghai_text(a.claim_expires_at), p_request_id);
    END IF;
    UPDATE application SET claimed_by = p_actor_id, claimed_at = now(),
                           claim_expires_at = now() + s.claim_ttl
    WHERE id = a.id
    RETURNING * INTO a;
    a := application_step(a, 'claim', 'claimed', p_role, p_actor_id, p_actor, NULL, p_request_id);
    body := queue_application_json(a)::text;
    version := a.version;
END
$$;

-- POST /v1/applications/{id}/release: the officer holding the claim gives
-- the application back to the queue (404 when the caller may not see it,
-- 409 when it does not hold the claim).
CREATE FUNCTION application_release(p_actor_id bigint, p_actor text, p_role text,
                                    p_prefixes text[], p_programs bigint[], p_request_id text,
                                    p_id bigint, OUT body text, OUT version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    a application;
BEGIN
    IF p_role <> 'officer' THEN
        RAISE EXCEPTION 'only officers release claims' USING ERRCODE = 'PY403';
    END IF;
    SELECT * INTO a FROM application WHERE id = p_id FOR UPDATE;
    IF NOT FOUND OR NOT caller_sees_application(p_role, NULL, p_prefixes, p_programs, a) THEN
        RAISE EXCEPTION 'no application %', p_id USING ERRCODE = 'PY404';
    END IF;
    IF a.state <> 'claimed' OR a.claimed_by IS DISTINCT FROM p_actor_id THEN
        RAISE EXCEPTION 'you do not hold a claim on application %', p_id
            USING ERRCODE = 'PY409', COLUMN = 'state';
    END IF;
    a := application_step(a, 'release', 'queued', p_role, p_actor_id, p_actor, NULL, p_request_id);
    body := queue_application_json(a)::text;
    version := a.version;
END
$$;

CREATE FUNCTION work_calendar_json(c work_calendar) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object('date', c.day, 'is_working_day', c.is_working_day,
                              'note', c.note, 'source', 'calendar',
                              'updated_by', c.updated_by, 'updated_at', c.updated_at)
$$;

-- PUT /v1/calendar/{date} (admins): set whether a date is a working day.
-- Audited as 'calendar.set' on the 'system' stream. Due dates already set
-- are not recomputed: they were promised under the calendar then in force.
CREATE FUNCTION calendar_set(p_actor_id bigint, p_actor text, p_role text, p_request_id text,
                             p_day date, p_working boolean, p_note text,
                             OUT status integer, OUT body text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    old work_calendar;
    c work_calendar;
BEGIN
    IF p_role <> 'admin' THEN
        RAISE EXCEPTION 'only an admin maintains the calendar' USING ERRCODE = 'PY403';
    END IF;
    SELECT * INTO old FROM work_calendar WHERE day = p_day FOR UPDATE;
    INSERT INTO work_calendar (day, is_working_day, note, updated_by, updated_at)
    VALUES (p_day, p_working, coalesce(p_note, ''), p_actor_id, now())
    ON CONFLICT (day) DO UPDATE SET is_working_day = excluded.is_working_day,
        note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at
    RETURNING * INTO c;
    PERFORM audit_append('system', p_actor_id, p_actor, 'calendar.set', 'calendar', p_day::text,
                         CASE WHEN old.day IS NULL THEN NULL ELSE work_calendar_json(old) END,
                         work_calendar_json(c), NULL, p_request_id);
    status := CASE WHEN old.day IS NULL THEN 201 ELSE 200 END;
    body := work_calendar_json(c)::text;
END
$$;

-- GET /v1/calendar?from=&to=: every date of the range with whether it is a
-- working day and why (source 'calendar': a row; 'default': Mon–Fri rule).
CREATE FUNCTION calendar_range(p_from date, p_to date) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object('from', p_from, 'to', p_to, 'items', coalesce(jsonb_agg(
        CASE WHEN c.day IS NOT NULL THEN work_calendar_json(c)
             ELSE jsonb_build_object('date', g::date, 'is_working_day', extract(isodow FROM g) < 6,
                                     'note', '', 'source', 'default') END
        ORDER BY g), '[]'::jsonb))::text
    FROM generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') g
    LEFT JOIN work_calendar c ON c.day = g::date
$$;

REVOKE ALL ON FUNCTION queue_claim(bigint, text, text, text[], bigint[], text) FROM PUBLIC;
REVOKE ALL ON FUNCTION application_release(bigint, text, text, text[], bigint[], text, bigint)
    FROM PUBLIC;
REVOKE ALL ON FUNCTION calendar_set(bigint, text, text, text, date, boolean, text) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT SELECT ON queue_setting, work_calendar TO peiyu_app;
        GRANT EXECUTE ON FUNCTION
            queue_claim(bigint, text, text, text[], bigint[], text),
            application_release(bigint, text, text, text[], bigint[], text, bigint),
            calendar_set(bigint, text, text, text, date, boolean, text)
            TO peiyu_app;
    END IF;
END
$$;
