-- The tamper-evident audit trail (DESIGN.md "Audit").
--
-- Every change appends one event to its stream ('firm:<id>' for a firm's
-- data, 'system' for the rest) in the same transaction as the change, by
-- calling audit_append(). Each stream is a hash chain:
--   hash = sha256(prev_hash || audit_canonical(event))
-- where audit_canonical is the jsonb text of the event's fields (jsonb's
-- text form is deterministic: keys sorted, fixed number formatting).
-- An append locks only its stream's head row, so firms do not contend.
-- Nobody may UPDATE or DELETE events: a trigger refuses it for every role,
-- and the service role is granted only INSERT (through audit_append) and
-- SELECT.
CREATE TABLE audit_head (
    stream text PRIMARY KEY CHECK (stream ~ '^(system|firm:[0-9]+)$'),
    seq    bigint NOT NULL,
    hash   text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

CREATE TABLE audit_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream      text NOT NULL,
    seq         bigint NOT NULL,
    at          timestamptz NOT NULL,
    actor_id    bigint,
    actor       text NOT NULL,
    action      text NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
    entity      text NOT NULL,
    entity_id   text NOT NULL,
    before      jsonb,
    after       jsonb,
    reason      text,
    request_id  text,
    prev_hash   text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash        text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    UNIQUE (stream, seq)
);
CREATE INDEX audit_event_entity ON audit_event (entity, entity_id, id);
CREATE INDEX audit_event_at ON audit_event (at, id);

-- The canonical text hashed for an event. Used by audit_append and by the
-- verifier; changing it would break every chain, so it is never changed.
CREATE FUNCTION audit_canonical(e audit_event) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_object(
        'stream', e.stream, 'seq', e.seq,
        'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'actor_id', e.actor_id, 'actor', e.actor, 'action', e.action,
        'entity', e.entity, 'entity_id', e.entity_id,
        'before', e.before, 'after', e.after,
        'reason', e.reason, 'request_id', e.request_id)::text
$$;

CREATE FUNCTION audit_append(p_stream text, p_actor_id bigint, p_actor text, p_action text,
                             p_entity text, p_entity_id text, p_before jsonb, p_after jsonb,
                             p_reason text, p_request_id text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    head audit_head;
    e    audit_event;
BEGIN
    INSERT INTO audit_head (stream, seq, hash) VALUES (p_stream, 0, repeat('0', 64))
        ON CONFLICT (stream) DO NOTHING;
    SELECT * INTO head FROM audit_head WHERE stream = p_stream FOR UPDATE;
    e.stream := p_stream;
    e.seq := head.seq + 1;
    e.at := clock_timestamp();
    e.actor_id := p_actor_id;
    e.actor := p_actor;
    e.action := p_action;
    e.entity := p_entity;
    e.entity_id := p_entity_id;
    e.before := p_before;
    e.after := p_after;
    e.reason := p_reason;
    e.request_id := p_request_id;
    e.prev_hash := head.hash;
    -- round to microseconds as stored, so the canonical text is reproducible
    e.at := date_trunc('microseconds', e.at);
    e.hash := encode(sha256(convert_to(e.prev_hash || audit_canonical(e), 'UTF8')), 'hex');
    INSERT INTO audit_event (stream, seq, at, actor_id, actor, action, entity, entity_id,
                             before, after, reason, request_id, prev_hash, hash)
    VALUES (e.stream, e.seq, e.at, e.actor_id, e.actor, e.action, e.entity, e.entity_id,
            e.before, e.after, e.reason, e.request_id, e.prev_hash, e.hash)
    RETURNING id INTO e.id;
    UPDATE audit_head SET seq = e.seq, hash = e.hash WHERE stream = p_stream;
    PERFORM pg_notify('peiyu_audit', e.id::text || ' ' || p_stream);
    RETURN e.id;
END
$$;

CREATE FUNCTION audit_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events cannot be changed or removed' USING ERRCODE = 'PY403';
END
$$;
CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_immutable();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_immutable();

REVOKE ALL ON audit_event, audit_head FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_append(text, bigint, text, text, text, text, jsonb, jsonb, text, text)
    FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT SELECT ON audit_event TO peiyu_app;
        GRANT EXECUTE ON FUNCTION
            audit_append(text, bigint, text, text, text, text, jsonb, jsonb, text, text)
            TO peiyu_app;
    END IF;
END
$$;
