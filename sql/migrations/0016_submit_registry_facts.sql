-- Submissions judge the registry's truth, not the firm's word.
--
-- Until now POST /v1/applications/{id}/submit (and resubmit) evaluated the
-- facts document exactly as the firm filed it, including its own
-- recognitions[] and firm.* identity, so a firm could list a recognition it
-- does not hold (a specialized_sme for little_giant, a tech_sme for
-- hnte_pool) and be screened eligible. The pathway already treats the
-- registry as the authority (0010 firm_pathway_input); submissions now do
-- the same, through the same C merge (lib/registry/registry_facts.c):
--
--  - application_submit_input also returns the firm row (id, uscc,
--    region_code, registered_on) and the registry's recognitions granted on
--    or before the relevant date (the 32 latest — the engine's capacity —
--    oldest first, as recognition_json rows, like firm_pathway_input).
--  - peiyud replaces the document's recognitions[], firm.uscc,
--    firm.region_code and firm.established_on with those, evaluates the
--    merged document and sends it to application_submit, which stores THAT
--    as the verdict's input snapshot with its SHA-256, so the replay
--    (GET /v1/applications/{id}/replay, peiyuctl eval on the snapshot)
--    judges exactly what was judged.
--
-- Both functions change their signature (new OUT columns; a new p_snapshot
-- parameter), so the old versions are dropped, not left behind: the old
-- application_submit stored the document as filed, and nothing may call it
-- any more. Earlier verdicts keep the snapshots they were judged on.

DROP FUNCTION application_submit_input(text, bigint, text[], bigint, text);
DROP FUNCTION application_submit(bigint, text, text, bigint, text[], text, bigint, text,
                                 integer, integer, text, date, text, jsonb);

-- What POST .../submit and .../resubmit read before evaluating in C: the
-- application, its programme's module and fiscal year, the firm's region,
-- the relevant date, whether the window is open, the latest facts version
-- for the fiscal year with its document, whether the transition table
-- allows p_action from the current state, and the registry's truth that
-- overrides the document: firm (id, uscc, region_code, registered_on) and
-- recognitions (granted on or before the relevant date, the 32 latest,
-- oldest first). One row, or none when the caller may not see the
-- application.
CREATE FUNCTION application_submit_input(p_role text, p_caller_firm bigint, p_prefixes text[],
                                         p_id bigint, p_action text,
                                         OUT may_move boolean, OUT state text, OUT version integer,
                                         OUT module text, OUT fiscal_year integer, OUT region text,
                                         OUT relevant_date date, OUT open_now boolean,
                                         OUT window_text text, OUT facts_version integer,
                                         OUT facts_doc text, OUT firm text, OUT recognitions text)
RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM application_state s WHERE s.from_state = a.state
                   AND s.action = p_action AND s.role = p_role),
           a.state::text, a.version, p.module, p.fiscal_year, f.region_code,
           d.on_date,
           now() >= p.opens_at AND now() < p.closes_at, program_window_text(p),
           ff.version, ff.doc::text,
           json_build_object('id', f.id, 'uscc', f.uscc, 'region_code', f.region_code,
                             'registered_on', f.registered_on)::text,
           coalesce((SELECT json_agg(recognition_json(r) ORDER BY r.granted_on, r.id)
                     FROM (SELECT * FROM recognition x
                           WHERE x.firm_id = f.id AND x.granted_on <= d.on_date
                           ORDER BY x.granted_on DESC, x.id DESC LIMIT 32) r), '[]')::text
    FROM application a
    JOIN program p ON p.id = a.program_id
    JOIN firm f ON f.id = a.firm_id
    CROSS JOIN LATERAL (SELECT coalesce(p.relevant_date,
                                        (now() AT TIME ZONE 'Asia/Shanghai')::date) AS on_date) d
    LEFT JOIN LATERAL (SELECT x.version, x.doc FROM firm_facts x
                       WHERE x.firm_id = a.firm_id AND x.fiscal_year = p.fiscal_year
                       ORDER BY x.version DESC LIMIT 1) ff ON true
    WHERE a.id = p_id AND caller_sees_application(p_role, p_caller_firm, p_prefixes, '{}', a)
$$;

-- Store the verdict peiyud computed and move the application (p_action
-- 'submit' or 'resubmit'): eligible → queued; needs_review → queued and
-- flagged for the officer; ineligible or insufficient_data → screened_out
-- with the reasons. p_snapshot is the document the verdict judged: facts
-- version p_facts_version merged with the registry's truth (see the top);
-- it is stored as the input snapshot with its SHA-256. Refuses a stale
-- application version (412), a facts version that is no longer the latest
-- (409: facts changed meanwhile; read again), a snapshot that is not that
-- facts version with the firm row's uscc, region_code and registered_on
-- (409), a closed window (422) and a verdict of another module (409: the
-- programme changed meanwhile). The snapshot's recognitions[] are peiyud's
-- conversion of the rows application_submit_input returned; they are not
-- re-derived here.
CREATE FUNCTION application_submit(p_actor_id bigint, p_actor text, p_role text,
                                   p_caller_firm bigint, p_prefixes text[], p_request_id text,
                                   p_id bigint, p_action text, p_if_match integer,
                                   p_facts_version integer, p_engine text, p_relevant_date date,
                                   p_region text, p_verdict jsonb, p_snapshot jsonb,
                                   OUT body text, OUT version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    a application;
    p program;
    f firm;
    ff firm_facts;
    v application_verdict;
    outcome text := p_verdict->>'outcome';
    target text;
    reason text;
    registry_fields constant text[] := '{uscc,region_code,established_on}';
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
    SELECT * INTO f FROM firm WHERE id = a.firm_id;
    IF jsonb_typeof(p_snapshot) IS DISTINCT FROM 'object'
       OR jsonb_typeof(p_snapshot->'firm') IS DISTINCT FROM 'object'
       OR (p_snapshot - 'recognitions' - 'firm') <> (ff.doc - 'recognitions' - 'firm')
       OR (p_snapshot->'firm') - registry_fields
          <> (CASE WHEN jsonb_typeof(ff.doc->'firm') = 'object'
                   THEN (ff.doc->'firm') - registry_fields ELSE '{}'::jsonb END)
       OR p_snapshot->'firm'->'uscc' IS DISTINCT FROM to_jsonb(f.uscc)
       OR p_snapshot->'firm'->'region_code' IS DISTINCT FROM to_jsonb(f.region_code)
       OR p_snapshot->'firm'->'established_on' IS DISTINCT FROM to_jsonb(f.registered_on)
       OR jsonb_typeof(p_snapshot->'recognitions') IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'the evaluated document is not facts version % of % with the registry''s firm and recognitions; submit again',
            ff.version, p.fiscal_year USING ERRCODE = 'PY409', COLUMN = 'facts';
    END IF;
    target := CASE WHEN outcome IN ('eligible', 'needs_review') THEN 'queued' ELSE 'screened_out' END;
    INSERT INTO application_verdict (application_id, module, edition_id, engine_version,
                                     fiscal_year, facts_version, relevant_date, region,
                                     input_snapshot, snapshot_sha256, verdict, outcome, award_fen)
    VALUES (a.id, p.module, p_verdict->>'edition_id', p_engine, p.fiscal_year, ff.version,
            p_relevant_date, p_region, p_snapshot,
            encode(sha256(convert_to(p_snapshot::text, 'UTF8')), 'hex'), p_verdict, outcome,
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

REVOKE ALL ON FUNCTION application_submit_input(text, bigint, text[], bigint, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION application_submit(bigint, text, text, bigint, text[], text, bigint, text,
                                          integer, integer, text, date, text, jsonb, jsonb)
    FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT EXECUTE ON FUNCTION
            application_submit_input(text, bigint, text[], bigint, text),
            application_submit(bigint, text, text, bigint, text[], text, bigint, text, integer,
                               integer, text, date, text, jsonb, jsonb)
            TO peiyu_app;
    END IF;
END
$$;
