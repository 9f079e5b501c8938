-- Programmes (申报项目): admin-managed. The table is in 0006; this migration
-- adds the functions that create and change programmes (each audited on the
-- 'system' stream in the same transaction) and the one rule for who sees a
-- programme.
--
-- Windows: opens_at ≤ now < closes_at (closes_at is exclusive). peiyud
-- accepts RFC 3339 timestamps with an offset, or civil dates read in
-- Asia/Shanghai: opens "2026-03-01" = 2026-03-01 00:00 +08:00, closes
-- "2026-03-31" = the END of that day (2026-04-01 00:00 +08:00).
--
-- relevant_date: the date whose parameter edition judges an application
-- (POLICY.md "relevant date"); NULL = the submission date in Asia/Shanghai.

ALTER TABLE program ADD COLUMN relevant_date date
    CHECK (relevant_date IS NULL OR relevant_date BETWEEN '1990-01-01' AND '2100-12-31');

-- A window bound as sent: a date (Asia/Shanghai, closes = end of the day) or
-- an RFC 3339 timestamp with an offset.
CREATE FUNCTION program_instant(p text, p_is_close boolean) RETURNS timestamptz
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN length(p) = 10
        THEN ((p::date + CASE WHEN p_is_close THEN 1 ELSE 0 END)::timestamp)
             AT TIME ZONE 'Asia/Shanghai'
        ELSE p::timestamptz END
$$;

-- An instant as RFC 3339 in Asia/Shanghai time ("2026-04-01T00:00:00+08:00").
CREATE FUNCTION shanghai_text(t timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT to_char(t AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')
$$;

CREATE FUNCTION program_window_text(p program) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT 'from ' || shanghai_text(p.opens_at) || ' until ' || shanghai_text(p.closes_at)
           || ' (Asia/Shanghai)'
$$;

CREATE FUNCTION program_json(p program) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'id', p.id, 'name_zh', p.name_zh, 'name_en', p.name_en, 'module', p.module,
        'region_prefix', p.region_prefix,
        'opens_at', shanghai_text(p.opens_at), 'closes_at', shanghai_text(p.closes_at),
        'open_now', now() >= p.opens_at AND now() < p.closes_at,
        'fiscal_year', p.fiscal_year, 'relevant_date', p.relevant_date,
        'budget_fen', p.budget_fen, 'reserved_fen', p.reserved_fen,
        'review_days', p.review_days, 'four_eyes_fen', p.four_eyes_fen,
        'version', p.version, 'created_at', p.created_at)
$$;

-- Do two region scopes overlap (one is a prefix of the other)?
CREATE FUNCTION region_scopes_overlap(p_prefixes text[], p_scope text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT EXISTS (SELECT 1 FROM unnest(p_prefixes) x
                   WHERE starts_with(x, p_scope) OR starts_with(p_scope, x))
$$;

-- May this caller see programme p (open or not)? Firms: programmes whose
-- region scope covers their firm's region; officers and approvers: scopes
-- that overlap their prefixes, limited to their programmes when they have a
-- list; auditors: overlapping scopes; admins: all.
CREATE FUNCTION caller_sees_program(p_role text, p_caller_firm bigint, p_prefixes text[],
                                    p_programs bigint[], p program) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT CASE p_role
        WHEN 'admin' THEN true
        WHEN 'firm' THEN EXISTS (SELECT 1 FROM firm f WHERE f.id = p_caller_firm
                                 AND starts_with(f.region_code, p.region_prefix))
        WHEN 'officer' THEN region_scopes_overlap(p_prefixes, p.region_prefix)
                            AND (cardinality(p_programs) = 0 OR p.id = ANY (p_programs))
        WHEN 'approver' THEN region_scopes_overlap(p_prefixes, p.region_prefix)
                             AND (cardinality(p_programs) = 0 OR p.id = ANY (p_programs))
        WHEN 'auditor' THEN region_scopes_overlap(p_prefixes, p.region_prefix)
        ELSE false
    END
$$;

CREATE FUNCTION program_check(p program) RETURNS void
LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF p.region_prefix <> '' AND NOT EXISTS (SELECT 1 FROM region WHERE starts_with(code, p.region_prefix)) THEN
        RAISE EXCEPTION 'no region code starts with %', p.region_prefix
            USING ERRCODE = 'PY400', COLUMN = 'region_prefix';
    END IF;
    IF p.closes_at <= p.opens_at THEN
        RAISE EXCEPTION 'closes_at (%) is not after opens_at (%)',
            shanghai_text(p.closes_at), shanghai_text(p.opens_at)
            USING ERRCODE = 'PY400', COLUMN = 'closes_at';
    END IF;
    IF p.budget_fen IS NOT NULL AND p.reserved_fen > p.budget_fen THEN
        RAISE EXCEPTION 'budget_fen % is below the % fen already reserved', p.budget_fen, p.reserved_fen
            USING ERRCODE = 'PY409', COLUMN = 'budget_fen';
    END IF;
END
$$;

-- Create a programme from a body peiyud has checked for shape (field types,
-- module registered). Admins only.
CREATE FUNCTION program_create(p_actor_id bigint, p_actor text, p_role text, p_request_id text,
                               p_body jsonb, OUT body text, OUT version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    p program;
BEGIN
    IF p_role <> 'admin' THEN
        RAISE EXCEPTION 'only an admin manages programmes' USING ERRCODE = 'PY403';
    END IF;
    p.name_zh := p_body->>'name_zh';
    p.name_en := p_body->>'name_en';
    p.module := p_body->>'module';
    p.region_prefix := p_body->>'region_prefix';
    p.opens_at := program_instant(p_body->>'opens_at', false);
    p.closes_at := program_instant(p_body->>'closes_at', true);
    p.fiscal_year := (p_body->>'fiscal_year')::integer;
    p.relevant_date := (p_body->>'relevant_date')::date;
    p.budget_fen := (p_body->>'budget_fen')::bigint;
    p.reserved_fen := 0;
    p.review_days := coalesce((p_body->>'review_days')::integer, 20);
    p.four_eyes_fen := (p_body->>'four_eyes_fen')::bigint;
    PERFORM program_check(p);
    INSERT INTO program (name_zh, name_en, module, region_prefix, opens_at, closes_at, fiscal_year,
                         relevant_date, budget_fen, review_days, four_eyes_fen)
    VALUES (p.name_zh, p.name_en, p.module, p.region_prefix, p.opens_at, p.closes_at,
            p.fiscal_year, p.relevant_date, p.budget_fen, p.review_days, p.four_eyes_fen)
    RETURNING * INTO p;
    PERFORM audit_append('system', p_actor_id, p_actor, 'program.create', 'program', p.id::text,
                         NULL, program_json(p), NULL, p_request_id);
    body := program_json(p)::text;
    version := p.version;
END
$$;

-- Apply a checked patch (names, window, relevant_date, budget, review_days,
-- four_eyes_fen; module, region_prefix and fiscal_year are fixed once
-- created because stored verdicts refer to them). p_if_match: the version
-- read (412 when stale).
CREATE FUNCTION program_update(p_actor_id bigint, p_actor text, p_role text, p_request_id text,
                               p_id bigint, p_if_match integer, p_patch jsonb,
                               OUT body text, OUT version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    p program;
    before jsonb;
BEGIN
    IF p_role <> 'admin' THEN
        RAISE EXCEPTION 'only an admin manages programmes' USING ERRCODE = 'PY403';
    END IF;
    SELECT * INTO p FROM program WHERE id = p_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no programme %', p_id USING ERRCODE = 'PY404';
    END IF;
    IF p.version <> p_if_match THEN
        RAISE EXCEPTION 'the programme is at version %, not %', p.version, p_if_match
            USING ERRCODE = 'PY412';
    END IF;
    before := program_json(p);
    IF p_patch ? 'name_zh' THEN p.name_zh := p_patch->>'name_zh'; END IF;
    IF p_patch ? 'name_en' THEN p.name_en := p_patch->>'name_en'; END IF;
    IF p_patch ? 'opens_at' THEN p.opens_at := program_instant(p_patch->>'opens_at', false); END IF;
    IF p_patch ? 'closes_at' THEN p.closes_at := program_instant(p_patch->>'closes_at', true); END IF;
    IF p_patch ? 'relevant_date' THEN p.relevant_date := (p_patch->>'relevant_date')::date; END IF;
    IF p_patch ? 'budget_fen' THEN p.budget_fen := (p_patch->>'budget_fen')::bigint; END IF;
    IF p_patch ? 'review_days' THEN p.review_days := (p_patch->>'review_days')::integer; END IF;
    IF p_patch ? 'four_eyes_fen' THEN p.four_eyes_fen := (p_patch->>'four_eyes_fen')::bigint; END IF;
    PERFORM program_check(p);
    UPDATE program SET name_zh = p.name_zh, name_en = p.name_en, opens_at = p.opens_at,
                       closes_at = p.closes_at, relevant_date = p.relevant_date,
                       budget_fen = p.budget_fen, review_days = p.review_days,
                       four_eyes_fen = p.four_eyes_fen, version = program.version + 1
    WHERE id = p_id
    RETURNING * INTO p;
    PERFORM audit_append('system', p_actor_id, p_actor, 'program.update', 'program', p.id::text,
                         before, program_json(p), NULL, p_request_id);
    body := program_json(p)::text;
    version := p.version;
END
$$;

REVOKE ALL ON FUNCTION program_create(bigint, text, text, text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION program_update(bigint, text, text, text, bigint, integer, jsonb) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT EXECUTE ON FUNCTION
            program_create(bigint, text, text, text, jsonb),
            program_update(bigint, text, text, text, bigint, integer, jsonb)
            TO peiyu_app;
    END IF;
END
$$;
