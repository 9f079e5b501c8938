-- Signed audit checkpoints (DESIGN.md "Audit", notes/reliability.md §5).
--
-- A checkpoint names every stream head (stream, seq, hash) at one moment,
-- the RFC 6962 Merkle root over them and an Ed25519 signature of
--   "peiyu-audit-checkpoint/1\n" || stream_count || "\n" || merkle_root || "\n"
-- (lib/auth/merkle.h defines the leaves, the tree and the message exactly).
-- Root and signature are computed in C (peiyud's timer, peiyuctl audit
-- checkpoint); this file stores them, refuses heads the log does not hold,
-- and verifies the chains in one statement (audit_verify_chains).
-- Checkpoints are immutable like audit_event; the service role may insert
-- only through audit_checkpoint_insert and SELECT. Inserting a checkpoint
-- appends no audit event (that would move the head it has just named).
CREATE TABLE audit_checkpoint (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    stream_count integer NOT NULL CHECK (stream_count >= 0),
    -- [{"stream": "firm:7", "seq": 12, "hash": "…"}, …] ordered by stream (C collation)
    heads        jsonb NOT NULL
                 CHECK (jsonb_typeof(heads) = 'array' AND jsonb_array_length(heads) = stream_count),
    merkle_root  text NOT NULL CHECK (merkle_root ~ '^[0-9a-f]{64}$'),
    signature    text NOT NULL CHECK (signature ~ '^[A-Za-z0-9+/]{86}==$'),
    key_id       text NOT NULL CHECK (key_id ~ '^[0-9a-f]{64}$')
);

CREATE TRIGGER audit_checkpoint_no_change BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_immutable();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_immutable();

-- Every stream head now, in one snapshot, in the order the Merkle tree uses.
CREATE FUNCTION audit_checkpoint_heads(OUT stream_count integer, OUT heads text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT count(*)::integer,
           coalesce(jsonb_agg(jsonb_build_object('stream', h.stream, 'seq', h.seq, 'hash', h.hash)
                              ORDER BY h.stream COLLATE "C"), '[]'::jsonb)::text
      FROM audit_head h WHERE h.seq > 0
$$;

-- Store a checkpoint computed and signed by the caller. Returns its id, or
-- NULL when skipped: another session is checkpointing right now (advisory
-- lock), or, for a periodic call (p_min_interval_s > 0), a checkpoint is
-- younger than p_min_interval_s or the root has not changed since the last.
-- Every named head must be an event of the log (PY409 otherwise).
CREATE FUNCTION audit_checkpoint_insert(p_stream_count integer, p_heads jsonb, p_root text,
                                        p_signature text, p_key_id text,
                                        p_min_interval_s integer)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    last audit_checkpoint;
    bad  text;
    new_id bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(8098995475273573227) THEN -- 'peiyu-ck' as a bigint
        RETURN NULL;
    END IF;
    SELECT * INTO last FROM audit_checkpoint ORDER BY id DESC LIMIT 1;
    IF p_min_interval_s > 0 AND last.id IS NOT NULL
       AND (last.at > clock_timestamp() - make_interval(secs => p_min_interval_s)
            OR (last.merkle_root = p_root AND last.key_id = p_key_id)) THEN
        RETURN NULL;
    END IF;
    IF jsonb_typeof(p_heads) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'heads must be an array' USING ERRCODE = 'PY400', COLUMN = 'heads';
    END IF;
    SELECT h->>'stream' INTO bad
      FROM jsonb_array_elements(p_heads) h
     WHERE NOT EXISTS (SELECT 1 FROM audit_event e
                        WHERE e.stream = h->>'stream' AND e.seq = (h->>'seq')::bigint
                          AND e.hash = h->>'hash')
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'head of stream % is not an event of the log', bad
            USING ERRCODE = 'PY409', COLUMN = 'heads';
    END IF;
    INSERT INTO audit_checkpoint (stream_count, heads, merkle_root, signature, key_id)
    VALUES (p_stream_count, p_heads, p_root, p_signature, p_key_id)
    RETURNING id INTO new_id;
    RETURN new_id;
END
$$;

-- Check every chain in one statement: each stream in seq order must start
-- at seq 1, have no gaps, link prev_hash to the previous event's hash (64
-- zeros first), and store hash = sha256(prev_hash || audit_canonical(e));
-- audit_head must name each stream's last event; and every head a
-- checkpoint names must still be that event with that hash (this catches a
-- superuser who rewrote an event and recomputed every hash after it).
-- Returns one row: the counts, and the first broken place (NULLs when all
-- is intact): within a stream the lowest seq, across streams the lowest
-- event id. Checkpoint signatures and roots are checked in C.
CREATE FUNCTION audit_verify_chains(OUT events_checked bigint, OUT streams bigint,
                                    OUT stream text, OUT seq bigint, OUT id bigint,
                                    OUT checkpoint_id bigint, OUT reason text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    WITH ev AS (
        SELECT e.id, e.stream, e.seq, e.prev_hash, e.hash,
               encode(sha256(convert_to(e.prev_hash || audit_canonical(e), 'UTF8')), 'hex') AS re,
               lag(e.seq) OVER w AS p_seq, lag(e.hash) OVER w AS p_hash
          FROM audit_event e
        WINDOW w AS (PARTITION BY e.stream ORDER BY e.seq)
    ), last_ev AS (
        SELECT DISTINCT ON (e.stream) e.stream, e.seq, e.id, e.hash
          FROM audit_event e ORDER BY e.stream, e.seq DESC
    ), broken AS (
        SELECT ev.stream, ev.seq, ev.id, NULL::bigint AS ck, 0 AS prio,
               CASE WHEN ev.seq <> coalesce(ev.p_seq, 0) + 1 THEN
                        CASE WHEN ev.seq - coalesce(ev.p_seq, 0) - 1 = 1
                             THEN format('event seq %s is missing (seq %s follows %s)',
                                         coalesce(ev.p_seq, 0) + 1, ev.seq, coalesce(ev.p_seq, 0))
                             ELSE format('events seq %s to %s are missing (seq %s follows %s)',
                                         coalesce(ev.p_seq, 0) + 1, ev.seq - 1, ev.seq,
                                         coalesce(ev.p_seq, 0)) END
                    WHEN ev.prev_hash <> coalesce(ev.p_hash, repeat('0', 64)) THEN
                        format('prev_hash %s is not the hash of the previous event (%s)',
                               ev.prev_hash, coalesce(ev.p_hash, repeat('0', 64)))
                    WHEN ev.hash <> ev.re THEN
                        format('hash %s does not match the event''s content (recomputed %s)',
                               ev.hash, ev.re)
               END AS reason
          FROM ev
        UNION ALL
        SELECT coalesce(h.stream, l.stream), coalesce(h.seq, l.seq), l.id, NULL, 1,
               CASE WHEN h.stream IS NULL THEN 'the stream has events but no head'
                    WHEN l.stream IS NULL THEN
                        format('the head names seq %s but the stream has no events', h.seq)
                    WHEN h.seq > l.seq THEN
                        format('the head names seq %s but the last event is seq %s: '
                               'event(s) seq %s to %s are missing', h.seq, l.seq, l.seq + 1, h.seq)
                    ELSE format('the head (seq %s, hash %s) is not the last event (seq %s, hash %s)',
                                h.seq, h.hash, l.seq, l.hash) END
          FROM (SELECT * FROM audit_head WHERE audit_head.seq > 0) h
          FULL JOIN last_ev l ON l.stream = h.stream
         WHERE h.stream IS NULL OR l.stream IS NULL OR h.seq <> l.seq OR h.hash <> l.hash
        UNION ALL
        SELECT hd->>'stream', (hd->>'seq')::bigint, e.id, c.id, 2,
               CASE WHEN e.id IS NULL THEN
                        format('checkpoint %s names seq %s, which the log no longer holds',
                               c.id, hd->>'seq')
                    ELSE format('checkpoint %s names hash %s for this event, the log holds %s',
                                c.id, hd->>'hash', e.hash) END
          FROM audit_checkpoint c
         CROSS JOIN LATERAL jsonb_array_elements(c.heads) hd
          LEFT JOIN audit_event e ON e.stream = hd->>'stream' AND e.seq = (hd->>'seq')::bigint
         WHERE e.id IS NULL OR e.hash <> hd->>'hash'
    ), first_per_stream AS (
        SELECT DISTINCT ON (b.stream) b.*
          FROM broken b WHERE b.reason IS NOT NULL
         ORDER BY b.stream, b.seq, b.prio, b.ck
    ), first AS (
        SELECT * FROM first_per_stream f ORDER BY f.id NULLS LAST, f.stream LIMIT 1
    )
    SELECT (SELECT count(*) FROM audit_event),
           (SELECT count(*) FROM (SELECT e.stream FROM audit_event e
                                  UNION SELECT h.stream FROM audit_head h WHERE h.seq > 0) s),
           f.stream, f.seq, f.id, f.ck, f.reason
      FROM (SELECT 1) one LEFT JOIN first f ON true
$$;

REVOKE ALL ON audit_checkpoint FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_checkpoint_heads() FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_checkpoint_insert(integer, jsonb, text, text, text, integer)
    FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_verify_chains() FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT SELECT ON audit_checkpoint TO peiyu_app;
        GRANT EXECUTE ON FUNCTION audit_checkpoint_heads() TO peiyu_app;
        GRANT EXECUTE ON FUNCTION
            audit_checkpoint_insert(integer, jsonb, text, text, text, integer) TO peiyu_app;
        GRANT EXECUTE ON FUNCTION audit_verify_chains() TO peiyu_app;
    END IF;
END
$$;
