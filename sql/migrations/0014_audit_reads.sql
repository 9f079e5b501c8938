-- What auditors read (issue 5 item 7): the audit trail selected by filters
-- with keyset pagination, and a firm's standing on a past date.
--
-- Scope of audit events, decided in SQL like every read:
--   admin    every event;
--   auditor  events of firm streams ('firm:<id>') whose firm's region code
--            starts with one of the auditor's prefixes, and system events
--            about programmes whose region overlaps the auditor's (the
--            programme's prefix starts with one of theirs, or one of theirs
--            starts with the programme's; '' = city-wide covers all); other
--            system events (sessions, failed sign-ins) are admins' only;
--   others   nothing (the routes admit only auditors and admins).
-- Order: audit_event.id ascending; a page's cursor is its last id.
-- Time range: from (inclusive) .. to (exclusive), on audit_event.at.

CREATE INDEX audit_event_stream_id ON audit_event (stream, id);
CREATE INDEX audit_event_actor_id ON audit_event (actor, id);
CREATE INDEX audit_event_action_id ON audit_event (action, id);

CREATE FUNCTION caller_sees_audit_event(p_role text, p_prefixes text[], e_stream text,
                                        e_entity text, e_entity_id text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT CASE p_role
        WHEN 'admin' THEN true
        WHEN 'auditor' THEN CASE
            WHEN starts_with(e_stream, 'firm:') THEN EXISTS (
                SELECT 1 FROM firm f WHERE f.id = substr(e_stream, 6)::bigint
                  AND caller_sees_firm('auditor', 0, p_prefixes, f.id, f.region_code))
            WHEN e_entity = 'program' THEN EXISTS (
                SELECT 1 FROM program p, unnest(p_prefixes) x
                WHERE p.id::text = e_entity_id
                  AND (starts_with(p.region_prefix, x) OR starts_with(x, p.region_prefix)))
            ELSE false END
        ELSE false
    END
$$;

CREATE FUNCTION audit_events_select(p_role text, p_prefixes text[], p_firm bigint,
                                    p_entity text, p_entity_id text, p_actor text,
                                    p_action text, p_from timestamptz, p_to timestamptz,
                                    p_after bigint, p_limit integer)
RETURNS SETOF audit_event
LANGUAGE sql STABLE AS $$
    SELECT e.* FROM audit_event e
    WHERE e.id > coalesce(p_after, 0)
      AND (p_firm IS NULL OR e.stream = 'firm:' || p_firm)
      AND (p_entity IS NULL OR e.entity = p_entity)
      AND (p_entity_id IS NULL OR e.entity_id = p_entity_id)
      AND (p_actor IS NULL OR e.actor = p_actor)
      AND (p_action IS NULL OR e.action = p_action)
      AND (p_from IS NULL OR e.at >= p_from)
      AND (p_to IS NULL OR e.at < p_to)
      AND caller_sees_audit_event(p_role, p_prefixes, e.stream, e.entity, e.entity_id)
    ORDER BY e.id
    LIMIT p_limit
$$;

-- Timestamps as RFC 3339 UTC with microseconds (the precision stored), the
-- same text in the JSON and the CSV.
CREATE FUNCTION audit_at_text(t timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

CREATE FUNCTION audit_event_json(e audit_event) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'id', e.id, 'stream', e.stream, 'seq', e.seq, 'at', audit_at_text(e.at),
        'actor_id', e.actor_id, 'actor', e.actor, 'action', e.action,
        'entity', e.entity, 'entity_id', e.entity_id, 'before', e.before, 'after', e.after,
        'reason', e.reason, 'request_id', e.request_id, 'prev_hash', e.prev_hash,
        'hash', e.hash)
$$;

-- A firm's record as it stood at the end of p_as_of (Asia/Shanghai), for
-- GET /v1/firms/{id}/history: NULL when the caller may not see the firm.
--   recognitions  every recognition granted on or before the day (C keeps
--                 those in force with the engine's rules_recognition_in_force);
--                 validity is the legal fact, so a certificate imported
--                 later with past dates counts on the days it was valid;
--   facts         per fiscal year, the latest version filed by then;
--   applications  each application with a move by then, its state then and
--                 the moves (decisions) taken by then.
CREATE FUNCTION firm_history_input(p_role text, p_caller_firm bigint, p_prefixes text[],
                                   p_id bigint, p_as_of date) RETURNS text
LANGUAGE sql STABLE AS $$
    WITH f AS (
        SELECT * FROM firm
        WHERE id = p_id AND caller_sees_firm(p_role, p_caller_firm, p_prefixes, id, region_code)),
    cutoff AS (SELECT ((p_as_of + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS t),
    facts AS (
        SELECT DISTINCT ON (ff.fiscal_year) ff.fiscal_year, ff.version, ff.doc_sha256,
               ff.created_at
        FROM firm_facts ff JOIN f ON ff.firm_id = f.id, cutoff
        WHERE ff.created_at < cutoff.t
        ORDER BY ff.fiscal_year, ff.version DESC),
    recs AS (
        SELECT r.* FROM recognition r JOIN f ON r.firm_id = f.id
        WHERE r.granted_on <= p_as_of
        ORDER BY r.granted_on DESC, r.id DESC LIMIT 32), -- the engine's cap, as the pathway
    moves AS (
        SELECT m.*, a.program_id FROM application_move m
        JOIN application a ON a.id = m.application_id JOIN f ON a.firm_id = f.id, cutoff
        WHERE m.at < cutoff.t),
    apps AS (
        SELECT DISTINCT ON (application_id) application_id, program_id, to_state
        FROM moves ORDER BY application_id, id DESC)
    SELECT json_build_object(
        'as_of', p_as_of,
        'firm', json_build_object('id', f.id, 'uscc', f.uscc, 'name', f.name,
                                  'region_code', f.region_code,
                                  'registered_on', f.registered_on),
        'registered', f.created_at < (SELECT t FROM cutoff),
        'recognitions', coalesce((SELECT json_agg(recognition_json(r) ORDER BY r.granted_on, r.id)
                                  FROM recs r), '[]'),
        'facts', coalesce((SELECT json_agg(json_build_object(
                               'fiscal_year', x.fiscal_year, 'version', x.version,
                               'doc_sha256', x.doc_sha256, 'created_at', x.created_at)
                               ORDER BY x.fiscal_year) FROM facts x), '[]'),
        'applications', coalesce((SELECT json_agg(json_build_object(
                               'id', a.application_id, 'program_id', a.program_id,
                               'state', a.to_state,
                               'moves', (SELECT json_agg(json_build_object(
                                             'action', m.action, 'from_state', m.from_state,
                                             'to_state', m.to_state, 'actor', m.actor,
                                             'reason', m.reason, 'at', m.at) ORDER BY m.id)
                                         FROM moves m WHERE m.application_id = a.application_id))
                               ORDER BY a.application_id) FROM apps a), '[]'))::text
    FROM f
$$;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT EXECUTE ON FUNCTION
            caller_sees_audit_event(text, text[], text, text, text),
            audit_events_select(text, text[], bigint, text, text, text, text, timestamptz,
                                timestamptz, bigint, integer),
            audit_at_text(timestamptz),
            audit_event_json(audit_event),
            firm_history_input(text, bigint, text[], bigint, date)
            TO peiyu_app;
    END IF;
END
$$;
