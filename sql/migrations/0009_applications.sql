-- Applications (申报): a firm applies to a programme, submits, is screened by
-- the programme's rule module, and is reviewed by officers (issue 5).
--
-- States and the moves between them are DATA: application_state lists every
-- allowed (from_state, action, to_state, role); application_step() refuses
-- any move not in it (409). Every move bumps the application's version,
-- appends a row to application_move and an audit event
-- 'application.<action>' on the firm's stream, in one transaction.
--
-- Verdicts are immutable (a trigger refuses UPDATE, DELETE and TRUNCATE):
-- each keeps the module, edition id, engine version, the facts version and
-- the facts document it judged (snapshot + SHA-256), so it can be replayed.
--
-- Idempotency keys remember the first successful response of a create per
-- (user, key). A request whose key is being processed by another
-- transaction right now gets 409 (a transaction-scoped advisory lock on the
-- key, tried without waiting); a failed create leaves no key behind, so a
-- retry with the same key runs again.

CREATE DOMAIN application_state_name AS text CHECK (VALUE IN (
    'draft', 'queued', 'screened_out', 'withdrawn',
    'claimed', 'returned', 'approved', 'rejected', 'awaiting_second_approval', 'disbursed'));

-- The transition table. role: who may take the move ('system' = the service
-- itself, e.g. a lapsed claim).
CREATE TABLE application_state (
    from_state application_state_name NOT NULL,
    action     text NOT NULL CHECK (action ~ '^[a-z_]{2,32}$'),
    to_state   application_state_name NOT NULL,
    role       text NOT NULL CHECK (role IN ('firm', 'officer', 'approver', 'admin', 'system')),
    PRIMARY KEY (from_state, action, to_state, role)
);
INSERT INTO application_state (from_state, action, to_state, role) VALUES
    -- the firm (issue 4)
    ('draft', 'submit', 'queued', 'firm'),          -- eligible, or needs_review (flagged)
    ('draft', 'submit', 'screened_out', 'firm'),    -- ineligible or insufficient_data
    ('draft', 'withdraw', 'withdrawn', 'firm'),
    ('queued', 'withdraw', 'withdrawn', 'firm'),
    ('returned', 'resubmit', 'queued', 'firm'),
    ('returned', 'resubmit', 'screened_out', 'firm'),
    ('returned', 'withdraw', 'withdrawn', 'firm'),
    -- officers and approvers (issue 5 drives these)
    ('queued', 'claim', 'claimed', 'officer'),
    ('claimed', 'release', 'queued', 'officer'),
    ('claimed', 'lapse', 'queued', 'system'),
    ('claimed', 'return', 'returned', 'officer'),
    ('claimed', 'reject', 'rejected', 'officer'),
    ('claimed', 'approve', 'approved', 'officer'),
    ('claimed', 'approve', 'awaiting_second_approval', 'officer'),  -- award ≥ four_eyes_fen
    ('awaiting_second_approval', 'second_approve', 'approved', 'approver'),
    ('awaiting_second_approval', 'second_reject', 'rejected', 'approver'),
    ('approved', 'disburse', 'disbursed', 'officer'),
    ('approved', 'disburse', 'disbursed', 'admin');

-- States in which an application is "live": at most one live application
-- per firm and programme (the partial unique index below spells the same
-- list, since an index predicate cannot read a table).
CREATE FUNCTION application_state_live(s text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT s NOT IN ('screened_out', 'withdrawn', 'rejected')
$$;

CREATE TABLE application (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    firm_id       bigint NOT NULL REFERENCES firm (id),
    program_id    bigint NOT NULL REFERENCES program (id),
    state         application_state_name NOT NULL DEFAULT 'draft',
    version       integer NOT NULL DEFAULT 1,
    relevant_date date,               -- set on (re)submission
    flagged       boolean NOT NULL DEFAULT false, -- last verdict was needs_review
    submitted_at  timestamptz,        -- last (re)submission
    created_by    bigint NOT NULL REFERENCES app_user (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX application_one_live ON application (firm_id, program_id)
    WHERE state NOT IN ('screened_out', 'withdrawn', 'rejected');
CREATE INDEX application_program_state ON application (program_id, state, submitted_at, id);

CREATE TABLE application_move (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES application (id),
    from_state     application_state_name, -- NULL for the creation
    to_state       application_state_name NOT NULL,
    action         text NOT NULL,
    actor_id       bigint,
    actor          text NOT NULL,
    reason         text,
    at             timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX application_move_app ON application_move (application_id, id);

CREATE TABLE application_verdict (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  bigint NOT NULL REFERENCES application (id),
    module          text NOT NULL,
    edition_id      text NOT NULL,
    engine_version  text NOT NULL,
    fiscal_year     integer NOT NULL,
    facts_version   integer NOT NULL,
    relevant_date   date NOT NULL,
    region          text NOT NULL,
    input_snapshot  jsonb NOT NULL,
    snapshot_sha256 text NOT NULL CHECK (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
    verdict         jsonb NOT NULL,
    outcome         text NOT NULL CHECK (outcome IN ('eligible', 'ineligible', 'needs_review',
                                                     'insufficient_data')),
    award_fen       bigint CHECK (award_fen IS NULL OR award_fen >= 0),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_verdict_app ON application_verdict (application_id, id);

CREATE FUNCTION application_verdict_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'stored verdicts cannot be changed or removed' USING ERRCODE = 'PY403';
END
$$;
CREATE TRIGGER application_verdict_no_change BEFORE UPDATE OR DELETE ON application_verdict
    FOR EACH ROW EXECUTE FUNCTION application_verdict_immutable();
CREATE TRIGGER application_verdict_no_truncate BEFORE TRUNCATE ON application_verdict
    FOR EACH STATEMENT EXECUTE FUNCTION application_verdict_immutable();

CREATE TABLE idempotency_key (
    user_id        bigint NOT NULL REFERENCES app_user (id),
    key            text NOT NULL CHECK (key ~ '^[!-~]{1,255}$'),
    route          text NOT NULL,
    request_sha256 text NOT NULL CHECK (request_sha256 ~ '^[0-9a-f]{64}$'),
    status         integer NOT NULL CHECK (status BETWEEN 200 AND 299),
    response       text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

-- May the caller see application a? Firms: their own; officials: by the
-- firm's region (and officers/approvers by their programme list); admins all.
CREATE FUNCTION caller_sees_application(p_role text, p_caller_firm bigint, p_prefixes text[],
                                        p_programs bigint[], a application) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT CASE p_role
        WHEN 'firm' THEN a.firm_id = p_caller_firm
        WHEN 'admin' THEN true
        ELSE EXISTS (SELECT 1 FROM firm f WHERE f.id = a.firm_id
                     AND caller_sees_firm(p_role, p_caller_firm, p_prefixes, f.id, f.region_code))
             AND (p_role NOT IN ('officer', 'approver') OR cardinality(p_programs) = 0
                  OR a.program_id = ANY (p_programs))
    END
$$;

-- Why a verdict screens out: failed gate and score criteria, a total score
-- under the pass mark, and missing inputs; when none of these explain it
-- (a module judged only by direct routes), every failed criterion.
CREATE FUNCTION verdict_reasons(v jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    WITH failed AS (
        SELECT c, n FROM jsonb_array_elements(v->'criteria') WITH ORDINALITY AS x(c, n)
        WHERE c->'passed' = 'false'::jsonb),
    own AS (
        SELECT coalesce(jsonb_agg(jsonb_build_object('criterion', c->>'id',
                                                     'message_zh', c->'message_zh',
                                                     'citation', c->'citation') ORDER BY n),
                        '[]'::jsonb) AS r
        FROM failed WHERE c->>'kind' <> 'direct'),
    score AS (
        SELECT CASE WHEN v->>'route' = 'score' AND v->>'outcome' = 'ineligible'
            THEN jsonb_build_array(jsonb_build_object('criterion', 'score',
                     'message_zh', '综合评分 ' || coalesce(v->>'score', '?') || ' 分，未达到合格分数',
                     'score', v->'score'))
            ELSE '[]'::jsonb END AS r),
    missing AS (
        SELECT coalesce(jsonb_agg(jsonb_build_object('missing', m) ORDER BY n), '[]'::jsonb) AS r
        FROM jsonb_array_elements_text(v->'missing') WITH ORDINALITY AS y(m, n)),
    direct AS (
        SELECT coalesce(jsonb_agg(jsonb_build_object('criterion', c->>'id',
                                                     'message_zh', c->'message_zh',
                                                     'citation', c->'citation') ORDER BY n),
                        '[]'::jsonb) AS r
        FROM failed WHERE c->>'kind' = 'direct')
    SELECT CASE
        WHEN v->>'outcome' IN ('eligible', 'needs_review') THEN '[]'::jsonb
        WHEN own.r || score.r || missing.r = '[]'::jsonb THEN direct.r
        ELSE own.r || score.r || missing.r END
    FROM own, score, missing, direct
$$;

CREATE FUNCTION application_verdict_json(v application_verdict) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN v.id IS NULL THEN NULL ELSE jsonb_build_object(
        'id', v.id, 'module', v.module, 'edition_id', v.edition_id,
        'engine_version', v.engine_version, 'fiscal_year', v.fiscal_year,
        'facts_version', v.facts_version, 'relevant_date', v.relevant_date, 'region', v.region,
        'snapshot_sha256', v.snapshot_sha256, 'outcome', v.outcome, 'award_fen', v.award_fen,
        'reasons', verdict_reasons(v.verdict), 'verdict', v.verdict, 'created_at', v.created_at)
    END
$$;

-- The whole application as the API shows it: state, latest verdict, moves.
CREATE FUNCTION application_json(a application) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'id', a.id, 'firm_id', a.firm_id, 'program_id', a.program_id, 'state', a.state,
        'version', a.version, 'flagged', a.flagged, 'relevant_date', a.relevant_date,
        'submitted_at', a.submitted_at, 'created_at', a.created_at, 'updated_at', a.updated_at,
        'verdict', (SELECT application_verdict_json(v) FROM application_verdict v
                    WHERE v.application_id = a.id ORDER BY v.id DESC LIMIT 1),
        'moves', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                      'from', m.from_state, 'to', m.to_state, 'action', m.action,
                      'actor', m.actor, 'reason', m.reason, 'at', m.at) ORDER BY m.id), '[]')
                  FROM application_move m WHERE m.application_id = a.id))
$$;

-- The one way an application changes state. `a` must be locked by the
-- caller (FOR UPDATE). Looks up (a.state, p_action, p_to, p_role) in
-- application_state (p_to NULL: the single target of the action), refuses
-- a move that is not there (409), bumps the version, records the move and
-- appends the audit event. Not granted to the service role: the exported
-- functions below call it after their own checks.
CREATE FUNCTION application_step(a application, p_action text, p_to text, p_role text,
                                 p_actor_id bigint, p_actor text, p_reason text,
                                 p_request_id text) RETURNS application
LANGUAGE plpgsql AS $$
DECLARE
    targets text[];
    before jsonb := application_json(a);
    b application;
BEGIN
    SELECT array_agg(to_state ORDER BY to_state) INTO targets FROM application_state
    WHERE from_state = a.state AND action = p_action AND role = p_role
      AND (p_to IS NULL OR to_state = p_to);
    IF targets IS NULL THEN
        RAISE EXCEPTION 'an application in state % cannot be %: % is not an allowed move for %',
            a.state, p_action, p_action, p_role USING ERRCODE = 'PY409', COLUMN = 'state';
    END IF;
    IF cardinality(targets) > 1 THEN
        RAISE EXCEPTION 'move % from % is ambiguous (%)', p_action, a.state, targets;
    END IF;
    INSERT INTO application_move (application_id, from_state, to_state, action, actor_id, actor, reason)
    VALUES (a.id, a.state, targets[1], p_action, p_actor_id, p_actor, p_reason);
    UPDATE application SET state = targets[1], version = application.version + 1, updated_at = now()
    WHERE id = a.id
    RETURNING * INTO b;
    PERFORM audit_append('firm:' || b.firm_id, p_actor_id, p_actor, 'application.' || p_action,
                         'application', b.id::text, before, application_json(b), p_reason,
                         p_request_id);
    RETURN b;
END
$$;

CREATE FUNCTION application_lock(p_role text, p_caller_firm bigint, p_prefixes text[],
                                 p_id bigint, p_if_match integer) RETURNS application
LANGUAGE plpgsql AS $$
DECLARE
    a application;
BEGIN
    SELECT * INTO a FROM application WHERE id = p_id FOR UPDATE;
    IF NOT FOUND OR NOT caller_sees_application(p_role, p_caller_firm, p_prefixes, '{}', a) THEN
        RAISE EXCEPTION 'no application %', p_id USING ERRCODE = 'PY404';
    END IF;
    IF p_if_match IS NOT NULL AND a.version <> p_if_match THEN
        RAISE EXCEPTION 'the application is at version %, not %', a.version, p_if_match
            USING ERRCODE = 'PY412';
    END IF;
    RETURN a;
END
$$;

-- POST /v1/applications with its Idempotency-Key, in one transaction.
-- Returns the status and body to answer (201 the first time, the stored
-- response again for the same key and body); raises 422 for the same key
-- with another body, 409 while another request holds the key, 404 for a
-- firm or programme the caller may not apply to, 422 outside the window,
-- 409 when a live application exists.
CREATE FUNCTION application_create(p_actor_id bigint, p_actor text, p_role text,
                                   p_caller_firm bigint, p_request_id text, p_key text,
                                   p_body jsonb, OUT status integer, OUT body text,
                                   OUT version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    k idempotency_key;
    req_sha text := encode(sha256(convert_to(p_body::text, 'UTF8')), 'hex');
    v_firm bigint := (p_body->>'firm_id')::bigint;
    v_program bigint := (p_body->>'program_id')::bigint;
    f firm;
    p program;
    a application;
BEGIN
    IF p_role <> 'firm' THEN
        RAISE EXCEPTION 'only a firm account applies' USING ERRCODE = 'PY403';
    END IF;
    IF NOT pg_try_advisory_xact_lock(hashtextextended('idem:' || p_actor_id || ':' || p_key, 0)) THEN
        RAISE EXCEPTION 'a request with this Idempotency-Key is in progress; retry later'
            USING ERRCODE = 'PY409', COLUMN = 'Idempotency-Key';
    END IF;
    SELECT * INTO k FROM idempotency_key WHERE user_id = p_actor_id AND key = p_key;
    IF FOUND THEN
        IF k.route <> 'POST /v1/applications' OR k.request_sha256 <> req_sha THEN
            RAISE EXCEPTION 'this Idempotency-Key was used for a different request'
                USING ERRCODE = 'PY422', COLUMN = 'Idempotency-Key';
        END IF;
        status := k.status;
        body := k.response;
        version := (k.response::jsonb->>'version')::integer;
        RETURN;
    END IF;
    SELECT * INTO f FROM firm WHERE id = v_firm;
    IF NOT FOUND OR f.id <> p_caller_firm THEN
        RAISE EXCEPTION 'no firm %', v_firm USING ERRCODE = 'PY404', COLUMN = 'firm_id';
    END IF;
    SELECT * INTO p FROM program WHERE id = v_program;
    IF NOT FOUND OR NOT starts_with(f.region_code, p.region_prefix) THEN
        RAISE EXCEPTION 'no programme % for firms in region %', v_program, f.region_code
            USING ERRCODE = 'PY404', COLUMN = 'program_id';
    END IF;
    IF NOT (now() >= p.opens_at AND now() < p.closes_at) THEN
        RAISE EXCEPTION 'programme % accepts applications %; it is closed now',
            p.id, program_window_text(p) USING ERRCODE = 'PY422', COLUMN = 'program_id';
    END IF;
    IF EXISTS (SELECT 1 FROM application WHERE firm_id = f.id AND program_id = p.id
               AND application_state_live(state)) THEN
        RAISE EXCEPTION 'firm % has a live application to programme % already', f.id, p.id
            USING ERRCODE = 'PY409', COLUMN = 'program_id';
    END IF;
    INSERT INTO application (firm_id, program_id, created_by)
    VALUES (f.id, p.id, p_actor_id)
    RETURNING * INTO a;
    INSERT INTO application_move (application_id, from_state, to_state, action, actor_id, actor)
    VALUES (a.id, NULL, a.state, 'create', p_actor_id, p_actor);
    PERFORM audit_append('firm:' || f.id, p_actor_id, p_actor, 'application.create',
                         'application', a.id::text, NULL, application_json(a), NULL, p_request_id);
    status := 201;
    body := application_json(a)::text;
    version := a.version;
    INSERT INTO idempotency_key (user_id, key, route, request_sha256, status, response)
    VALUES (p_actor_id, p_key, 'POST /v1/applications', req_sha, status, body);
END
$$;

-- What POST .../submit and .../resubmit read before evaluating in C: the
-- application, its programme's module and fiscal year, the firm's region,
-- the relevant date, whether the window is open, and the latest facts
-- version for the fiscal year with its document, and whether the
-- transition table allows p_action from the current state. One row, or none when the
-- caller may not see the application.
CREATE FUNCTION application_submit_input(p_role text, p_caller_firm bigint, p_prefixes text[],
                                         p_id bigint, p_action text,
                                         OUT may_move boolean, OUT state text, OUT version integer, OUT module text,
                                         OUT fiscal_year integer, OUT region text,
                                         OUT relevant_date date, OUT open_now boolean,
                                         OUT window_text text, OUT facts_version integer,
                                         OUT facts_doc text)
RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM application_state s WHERE s.from_state = a.state
                   AND s.action = p_action AND s.role = p_role),
           a.state::text, a.version, p.module, p.fiscal_year, f.region_code,
           coalesce(p.relevant_date, (now() AT TIME ZONE 'Asia/Shanghai')::date),
           now() >= p.opens_at AND now() < p.closes_at, program_window_text(p),
           ff.version, ff.doc::text
    FROM application a
    JOIN program p ON p.id = a.program_id
    JOIN firm f ON f.id = a.firm_id
    LEFT JOIN LATERAL (SELECT x.version, x.doc FROM firm_facts x
                       WHERE x.firm_id = a.firm_id AND x.fiscal_year = p.fiscal_year
                       ORDER BY x.version DESC LIMIT 1) ff ON true
    WHERE a.id = p_id AND caller_sees_application(p_role, p_caller_firm, p_prefixes, '{}', a)
$$;

-- Store the verdict peiyud computed on the facts version it read and move
-- the application (p_action 'submit' or 'resubmit'): eligible → queued;
-- needs_review → queued and flagged for the officer; ineligible or
-- insufficient_data → screened_out with the reasons. Refuses a stale
-- application version (412), a facts version that is no longer the latest
-- (409: facts changed meanwhile; read again), a closed window (422) and a
-- verdict of another module (409: the programme changed meanwhile).
CREATE FUNCTION application_submit(p_actor_id bigint, p_actor text, p_role text,
                                   p_caller_firm bigint, p_prefixes text[], p_request_id text,
                                   p_id bigint, p_action text, p_if_match integer,
                                   p_facts_version integer, p_engine text, p_relevant_date date,
                                   p_region text, p_verdict jsonb,
                                   OUT body text, OUT version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    a application;
    p program;
    ff firm_facts;
    v application_verdict;
    outcome text := p_verdict->>'outcome';
    target text;
    reason text;
BEGIN
    IF p_action NOT IN ('submit', 'resubmit') THEN
        RAISE EXCEPTION 'application_submit takes submit or resubmit, not %', p_action;
    END IF;
    a := application_lock(p_role, p_caller_firm, p_prefixes, p_id, p_if_match);
    SELECT * INTO p FROM program WHERE id = a.program_id;
    IF NOT (now() >= p.opens_at AND now() < p.closes_at) THEN
        RAISE EXCEPTION 'programme % accepts applications %; it is closed now',
            p.id, program_window_text(p) USING ERRCODE = 'PY422', COLUMN = 'program_id';
    END IF;
    IF p_verdict->>'module' IS DISTINCT FROM p.module THEN
        RAISE EXCEPTION 'the programme now uses module %; submit again', p.module
            USING ERRCODE = 'PY409';
    END IF;
    SELECT * INTO ff FROM firm_facts
    WHERE firm_id = a.firm_id AND fiscal_year = p.fiscal_year
    ORDER BY firm_facts.version DESC LIMIT 1;
    IF NOT FOUND OR ff.version <> p_facts_version THEN
        RAISE EXCEPTION 'the facts for % changed while the application was evaluated (now version %, evaluated %); submit again',
            p.fiscal_year, ff.version, p_facts_version USING ERRCODE = 'PY409', COLUMN = 'facts';
    END IF;
    target := CASE WHEN outcome IN ('eligible', 'needs_review') THEN 'queued' ELSE 'screened_out' END;
    INSERT INTO application_verdict (application_id, module, edition_id, engine_version,
                                     fiscal_year, facts_version, relevant_date, region,
                                     input_snapshot, snapshot_sha256, verdict, outcome, award_fen)
    VALUES (a.id, p.module, p_verdict->>'edition_id', p_engine, p.fiscal_year, ff.version,
            p_relevant_date, p_region, ff.doc,
            encode(sha256(convert_to(ff.doc::text, 'UTF8')), 'hex'), p_verdict, outcome,
            (p_verdict->>'award_fen')::bigint)
    RETURNING * INTO v;
    UPDATE application SET relevant_date = p_relevant_date, submitted_at = now(),
                           flagged = (outcome = 'needs_review')
    WHERE id = a.id
    RETURNING * INTO a;
    reason := CASE WHEN target = 'screened_out'
        THEN 'screened out by ' || p.module || ' (' || outcome || '): '
             || (SELECT string_agg(coalesce(r->>'criterion', 'missing ' || (r->>'missing')), ', ')
                 FROM jsonb_array_elements(verdict_reasons(p_verdict)) r)
        WHEN outcome = 'needs_review' THEN 'needs review by an officer (' || p.module || ')'
        ELSE NULL END;
    a := application_step(a, p_action, target, p_role, p_actor_id, p_actor, reason, p_request_id);
    body := application_json(a)::text;
    version := a.version;
END
$$;

-- POST /v1/applications/{id}/withdraw.
CREATE FUNCTION application_withdraw(p_actor_id bigint, p_actor text, p_role text,
                                     p_caller_firm bigint, p_prefixes text[], p_request_id text,
                                     p_id bigint, p_if_match integer, p_reason text,
                                     OUT body text, OUT version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    a application;
BEGIN
    a := application_lock(p_role, p_caller_firm, p_prefixes, p_id, p_if_match);
    a := application_step(a, 'withdraw', NULL, p_role, p_actor_id, p_actor, p_reason, p_request_id);
    body := application_json(a)::text;
    version := a.version;
END
$$;

REVOKE ALL ON FUNCTION application_step(application, text, text, text, bigint, text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION application_lock(text, bigint, text[], bigint, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION application_create(bigint, text, text, bigint, text, text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION application_submit_input(text, bigint, text[], bigint, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION application_submit(bigint, text, text, bigint, text[], text, bigint, text,
                                          integer, integer, text, date, text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION application_withdraw(bigint, text, text, bigint, text[], text, bigint,
                                            integer, text) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT SELECT ON application_state, application, application_move, application_verdict
            TO peiyu_app;
        GRANT EXECUTE ON FUNCTION
            application_create(bigint, text, text, bigint, text, text, jsonb),
            application_submit_input(text, bigint, text[], bigint, text),
            application_submit(bigint, text, text, bigint, text[], text, bigint, text, integer,
                               integer, text, date, text, jsonb),
            application_withdraw(bigint, text, text, bigint, text[], text, bigint, integer, text)
            TO peiyu_app;
    END IF;
END
$$;
