-- Facts per fiscal year (POLICY.md §3): the functions over firm_facts (the
-- table is in 0006_facts_programs.sql).
--
-- A firm states its whole facts document for a fiscal year; peiyud validates
-- it with the engine's parser (lib/facts/parse.c) and facts_put() appends it
-- as the next version, in one transaction with its audit event 'facts.put'
-- on the firm's stream. Versions are never changed or removed. Reads are
-- plain SELECTs scoped by caller_sees_firm (lib/registry/facts_sql.h).
--
-- Decisions recorded here:
-- - Who may file: the firm's own users, officers whose region prefixes cover
--   the firm, and admins. Approvers and auditors only read. Officers'
--   programme scope does not apply: facts belong to the firm, not to a
--   programme.
-- - If-Match is optional: every PUT makes a new version and loses nothing,
--   so a blind PUT is allowed. When sent, it must name the latest version
--   (412 otherwise, also when no version exists yet).
-- - firm.uscc and firm.region_code, when the document states them, must be
--   the registered firm's (400 naming the field): facts cannot describe
--   another firm, and a move of region goes through PATCH /v1/firms/{id}.
-- - doc_sha256 is SHA-256 (hex) of the document's jsonb text (keys in
--   jsonb's order, fixed spacing), i.e. of what GET returns as `facts`
--   rendered by PostgreSQL; the audit event's `after` is the same jsonb.
-- - The audit entity is 'firm_facts' with id '<firm id>/<fiscal year>'; its
--   before is the previous version's document (null for version 1), its
--   after the new document.

CREATE FUNCTION firm_facts_json(ff firm_facts, p_login text) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'firm_id', ff.firm_id, 'fiscal_year', ff.fiscal_year, 'version', ff.version,
        'doc_sha256', ff.doc_sha256, 'created_by', p_login, 'created_at', ff.created_at,
        'facts', ff.doc)
$$;

-- Append version n+1 of (p_firm_id, p_year). p_if_match: the version the
-- caller read, or NULL. created: true for the first version.
CREATE FUNCTION facts_put(p_actor_id bigint, p_actor text, p_role text, p_caller_firm bigint,
                          p_prefixes text[], p_request_id text, p_firm_id bigint,
                          p_year integer, p_if_match integer, p_doc jsonb,
                          OUT body text, OUT version integer, OUT created boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    f    firm;
    prev firm_facts;
    ff   firm_facts;
BEGIN
    -- The firm row lock orders concurrent PUTs of one firm, so versions are
    -- dense and the If-Match comparison sees the latest committed version.
    SELECT * INTO f FROM firm WHERE id = p_firm_id FOR UPDATE;
    IF NOT FOUND OR NOT caller_sees_firm(p_role, p_caller_firm, p_prefixes, f.id, f.region_code) THEN
        RAISE EXCEPTION 'no firm %', p_firm_id USING ERRCODE = 'PY404';
    END IF;
    IF p_role NOT IN ('firm', 'officer', 'admin') THEN
        RAISE EXCEPTION 'your role may not file facts' USING ERRCODE = 'PY403';
    END IF;
    IF NOT (p_doc->'years') ? p_year::text THEN
        RAISE EXCEPTION 'the document has no years.% object', p_year
            USING ERRCODE = 'PY400', COLUMN = 'years.' || p_year;
    END IF;
    IF p_doc->'firm'->>'uscc' IS DISTINCT FROM f.uscc AND p_doc->'firm' ? 'uscc' THEN
        RAISE EXCEPTION 'firm.uscc is %, but firm % is registered as %',
            p_doc->'firm'->>'uscc', f.id, f.uscc USING ERRCODE = 'PY400', COLUMN = 'firm.uscc';
    END IF;
    IF p_doc->'firm'->>'region_code' IS DISTINCT FROM f.region_code AND p_doc->'firm' ? 'region_code' THEN
        RAISE EXCEPTION 'firm.region_code is %, but firm % is registered in %',
            p_doc->'firm'->>'region_code', f.id, f.region_code
            USING ERRCODE = 'PY400', COLUMN = 'firm.region_code';
    END IF;
    SELECT * INTO prev FROM firm_facts x
        WHERE x.firm_id = f.id AND x.fiscal_year = p_year ORDER BY x.version DESC LIMIT 1;
    IF p_if_match IS NOT NULL AND prev.version IS DISTINCT FROM p_if_match THEN
        IF prev.version IS NULL THEN
            RAISE EXCEPTION 'firm % has no facts for % yet, not version %', f.id, p_year, p_if_match
                USING ERRCODE = 'PY412';
        END IF;
        RAISE EXCEPTION 'the facts of % are at version %, not %', p_year, prev.version, p_if_match
            USING ERRCODE = 'PY412';
    END IF;
    INSERT INTO firm_facts (firm_id, fiscal_year, version, doc, doc_sha256, created_by)
    VALUES (f.id, p_year, coalesce(prev.version, 0) + 1, p_doc,
            encode(sha256(convert_to(p_doc::text, 'UTF8')), 'hex'), p_actor_id)
    RETURNING * INTO ff;
    PERFORM audit_append('firm:' || f.id, p_actor_id, p_actor, 'facts.put', 'firm_facts',
                         f.id || '/' || p_year, prev.doc, ff.doc, NULL, p_request_id);
    body := firm_facts_json(ff, p_actor)::text;
    version := ff.version;
    created := ff.version = 1;
END
$$;

REVOKE ALL ON FUNCTION facts_put(bigint, text, text, bigint, text[], text, bigint, integer, integer, jsonb)
    FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT EXECUTE ON FUNCTION
            firm_facts_json(firm_facts, text),
            facts_put(bigint, text, text, bigint, text[], text, bigint, integer, integer, jsonb)
            TO peiyu_app;
    END IF;
END
$$;
