-- Recognitions (认定) and the reads behind the pathway.
--
-- A recognition is a certificate a firm holds: its kind (POLICY.md §5), the
-- certificate number, the day it was granted and the last day it is valid.
-- It is in force from granted_on through expires_on, both days included
-- (lib/rules/ladder.c rules_recognition_in_force: issued_on ≤ d ≤ expires_on).
-- The registry is the authority for recognitions: the pathway replaces the
-- recognitions[] of a firm's facts document with these rows before the
-- engine sees it.
--
-- Rows are added only by recognition_grant(), which checks the caller and
-- the firm and appends 'recognition.grant' to the firm's audit stream in the
-- same transaction. Today an admin imports them (source 'import' or
-- 'manual'); issue 5's approvals will call it with source 'approval' and
-- the application id. Errors: SQLSTATE PYnnn with COLUMN = the field.
CREATE TABLE recognition (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    firm_id            bigint NOT NULL REFERENCES firm (id),
    kind               text NOT NULL CHECK (kind IN ('incubator_tenant', 'tech_sme',
                           'innovative_sme', 'hnte_pool', 'high_tech', 'specialized_sme',
                           'little_giant', 'gazelle')),
    certificate_number text CHECK (certificate_number IS NULL
                           OR (octet_length(certificate_number) BETWEEN 1 AND 63
                               AND certificate_number !~ '[[:cntrl:]]')),
    granted_on         date NOT NULL CHECK (granted_on BETWEEN '1900-01-01' AND '2199-12-31'),
    expires_on         date NOT NULL CHECK (expires_on <= '2199-12-31'),
    source             text NOT NULL CHECK (source IN ('import', 'manual', 'approval')),
    application_id     bigint, -- set by approvals (issue 5 adds the foreign key)
    created_by         bigint NOT NULL REFERENCES app_user (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (expires_on >= granted_on),
    CHECK (source <> 'approval' OR application_id IS NOT NULL)
);
CREATE UNIQUE INDEX recognition_certificate ON recognition (kind, certificate_number)
    WHERE certificate_number IS NOT NULL;
CREATE INDEX recognition_firm ON recognition (firm_id, granted_on, id);

CREATE FUNCTION recognition_json(r recognition) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'id', r.id, 'firm_id', r.firm_id, 'kind', r.kind,
        'certificate_number', r.certificate_number,
        'granted_on', r.granted_on, 'expires_on', r.expires_on, 'source', r.source,
        'application_id', r.application_id, 'created_by', r.created_by,
        'created_at', r.created_at)
$$;

-- Grant a recognition to firm p_firm_id. Admins may import any source but
-- 'approval'; other roles only through an approval (p_source 'approval'
-- with its application). Returns the new row as JSON.
CREATE FUNCTION recognition_grant(p_actor_id bigint, p_actor text, p_role text, p_request_id text,
                                  p_firm_id bigint, p_kind text, p_number text,
                                  p_granted_on date, p_expires_on date, p_source text,
                                  p_application_id bigint, OUT body text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    r recognition;
BEGIN
    IF p_source = 'approval' THEN
        IF p_application_id IS NULL THEN
            RAISE EXCEPTION 'a recognition from an approval names its application'
                USING ERRCODE = 'PY400', COLUMN = 'application_id';
        END IF;
    ELSIF p_role <> 'admin' THEN
        RAISE EXCEPTION 'only an admin imports recognitions' USING ERRCODE = 'PY403';
    END IF;
    PERFORM 1 FROM firm WHERE id = p_firm_id FOR KEY SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no firm %', p_firm_id USING ERRCODE = 'PY404';
    END IF;
    IF p_kind IS NULL OR p_kind NOT IN ('incubator_tenant', 'tech_sme', 'innovative_sme',
            'hnte_pool', 'high_tech', 'specialized_sme', 'little_giant', 'gazelle') THEN
        RAISE EXCEPTION 'kind % is not a recognition kind of POLICY.md §5', p_kind
            USING ERRCODE = 'PY400', COLUMN = 'kind';
    END IF;
    IF p_expires_on < p_granted_on THEN
        RAISE EXCEPTION 'expires_on % is before granted_on %', p_expires_on, p_granted_on
            USING ERRCODE = 'PY400', COLUMN = 'expires_on';
    END IF;
    IF p_number IS NOT NULL
       AND EXISTS (SELECT 1 FROM recognition WHERE kind = p_kind AND certificate_number = p_number) THEN
        RAISE EXCEPTION 'a % recognition with certificate number % exists already', p_kind, p_number
            USING ERRCODE = 'PY409', COLUMN = 'certificate_number';
    END IF;
    INSERT INTO recognition (firm_id, kind, certificate_number, granted_on, expires_on, source,
                             application_id, created_by)
    VALUES (p_firm_id, p_kind, p_number, p_granted_on, p_expires_on, p_source,
            p_application_id, p_actor_id)
    RETURNING * INTO r;
    PERFORM audit_append('firm:' || p_firm_id, p_actor_id, p_actor, 'recognition.grant',
                         'recognition', r.id::text, NULL, recognition_json(r), NULL, p_request_id);
    body := recognition_json(r)::text;
END
$$;

-- Everything GET /v1/firms/{id}/pathway needs, in one read, scoped by the
-- caller: NULL when the caller may not see the firm (or there is none).
--   as_of          the day asked about
--   firm           id, uscc, region_code, registered_on (the registry's truth
--                  that overrides the facts document's firm.*)
--   recognitions   the firm's recognitions granted on or before as_of (the 32
--                  latest: the engine's capacity), oldest first; the engine
--                  decides which are in force
--   latest_year    the most recent fiscal year with facts, or null
--   facts          {"<year>": {"version", "doc"}}: the latest version for the
--                  latest year and for each open programme's fiscal year
--   programs       programmes open to the firm on as_of: region_prefix is a
--                  prefix of the firm's region, and the window [opens_at,
--                  closes_at) meets that day in Asia/Shanghai
CREATE FUNCTION firm_pathway_input(p_role text, p_caller_firm bigint, p_prefixes text[],
                                   p_id bigint, p_as_of date) RETURNS text
LANGUAGE sql STABLE AS $$
    WITH f AS (
        SELECT * FROM firm
        WHERE id = p_id AND caller_sees_firm(p_role, p_caller_firm, p_prefixes, id, region_code)),
    progs AS (
        SELECT p.* FROM program p, f
        WHERE starts_with(f.region_code, p.region_prefix)
          AND p.opens_at < ((p_as_of + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND p.closes_at > (p_as_of::timestamp AT TIME ZONE 'Asia/Shanghai')),
    latest AS (
        SELECT max(ff.fiscal_year) AS fiscal_year FROM firm_facts ff JOIN f ON ff.firm_id = f.id),
    facts AS (
        SELECT DISTINCT ON (ff.fiscal_year) ff.fiscal_year, ff.version, ff.doc
        FROM firm_facts ff JOIN f ON ff.firm_id = f.id
        WHERE ff.fiscal_year IN (SELECT fiscal_year FROM progs UNION SELECT fiscal_year FROM latest)
        ORDER BY ff.fiscal_year, ff.version DESC),
    recs AS (
        SELECT r.* FROM recognition r JOIN f ON r.firm_id = f.id
        WHERE r.granted_on <= p_as_of
        ORDER BY r.granted_on DESC, r.id DESC LIMIT 32)
    SELECT json_build_object(
        'as_of', p_as_of,
        'firm', json_build_object('id', f.id, 'uscc', f.uscc, 'region_code', f.region_code,
                                  'registered_on', f.registered_on),
        'recognitions', coalesce((SELECT json_agg(recognition_json(r) ORDER BY r.granted_on, r.id)
                                  FROM recs r), '[]'),
        'latest_year', (SELECT fiscal_year FROM latest),
        'facts', coalesce((SELECT json_object_agg(x.fiscal_year::text,
                               json_build_object('version', x.version, 'doc', x.doc))
                           FROM facts x), '{}'),
        'programs', coalesce((SELECT json_agg(json_build_object(
                                  'id', p.id, 'name_zh', p.name_zh, 'name_en', p.name_en,
                                  'module', p.module, 'region_prefix', p.region_prefix,
                                  'opens_at', p.opens_at, 'closes_at', p.closes_at,
                                  'fiscal_year', p.fiscal_year) ORDER BY p.id)
                              FROM progs p), '[]'))::text
    FROM f
$$;

REVOKE ALL ON FUNCTION recognition_grant(bigint, text, text, text, bigint, text, text, date, date, text, bigint) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT SELECT ON recognition TO peiyu_app;
        GRANT EXECUTE ON FUNCTION
            recognition_grant(bigint, text, text, text, bigint, text, text, date, date, text, bigint),
            recognition_json(recognition),
            firm_pathway_input(text, bigint, text[], bigint, date)
            TO peiyu_app;
    END IF;
END
$$;
