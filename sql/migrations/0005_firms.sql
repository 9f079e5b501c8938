-- Firms (企业): the registry's central entity. Every firm-owned row is keyed
-- by firm id. Changes go only through the functions below, which run as the
-- owner (SECURITY DEFINER), check the caller's scope, and append the audit
-- event in the same transaction; the service role may only read and execute.
--
-- Errors are raised with SQLSTATE PYnnn (nnn = the HTTP status) and COLUMN =
-- the field at fault; peiyud maps them to problem+json.
CREATE TABLE firm (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uscc             text NOT NULL UNIQUE
                     CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
    uscc_check_ok    boolean NOT NULL, -- false: check character mismatch, flagged for an officer
    name             text NOT NULL CHECK (length(name) BETWEEN 2 AND 128),
    registered_on    date NOT NULL CHECK (registered_on BETWEEN '1949-10-01' AND '2199-12-31'),
    region_code      text NOT NULL REFERENCES region (code),
    industry_code    text NOT NULL CHECK (industry_code ~ '^[A-T][0-9]{2,4}$'),
    dishonest_listed boolean NOT NULL DEFAULT false, -- set by officials only
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX firm_region ON firm (region_code, id);

ALTER TABLE app_user ADD CONSTRAINT app_user_firm FOREIGN KEY (firm_id) REFERENCES firm (id);

-- May this caller see firm (f_id, f_region)? The one scoping rule for reads.
CREATE FUNCTION caller_sees_firm(p_role text, p_caller_firm bigint, p_prefixes text[],
                                 f_id bigint, f_region text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_role
        WHEN 'admin' THEN true
        WHEN 'firm' THEN f_id = p_caller_firm
        WHEN 'officer' THEN EXISTS (SELECT 1 FROM unnest(p_prefixes) p WHERE starts_with(f_region, p))
        WHEN 'approver' THEN EXISTS (SELECT 1 FROM unnest(p_prefixes) p WHERE starts_with(f_region, p))
        WHEN 'auditor' THEN EXISTS (SELECT 1 FROM unnest(p_prefixes) p WHERE starts_with(f_region, p))
        ELSE false
    END
$$;

CREATE FUNCTION firm_json(f firm) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'id', f.id, 'uscc', f.uscc,
        'uscc_check', CASE WHEN f.uscc_check_ok THEN 'ok' ELSE 'mismatch_flagged' END,
        'name', f.name, 'registered_on', f.registered_on, 'region_code', f.region_code,
        'industry_code', f.industry_code, 'dishonest_listed', f.dishonest_listed,
        'version', f.version, 'created_at', f.created_at, 'updated_at', f.updated_at)
$$;

CREATE FUNCTION firm_register(p_actor_id bigint, p_actor text, p_role text, p_request_id text,
                              p_uscc text, p_uscc_ok boolean, p_name text, p_registered_on date,
                              p_region text, p_industry text,
                              OUT body text, OUT version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    f firm;
    u app_user;
BEGIN
    IF p_role = 'firm' THEN
        SELECT * INTO u FROM app_user WHERE id = p_actor_id FOR UPDATE;
        IF u.firm_id IS NOT NULL THEN
            RAISE EXCEPTION 'this account has registered its firm already (firm %)', u.firm_id
                USING ERRCODE = 'PY409';
        END IF;
    ELSIF p_role <> 'admin' THEN
        RAISE EXCEPTION 'only a firm account or an admin registers a firm' USING ERRCODE = 'PY403';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM region WHERE code = p_region) THEN
        RAISE EXCEPTION 'no region has code %', p_region USING ERRCODE = 'PY400', COLUMN = 'region_code';
    END IF;
    IF EXISTS (SELECT 1 FROM firm WHERE uscc = p_uscc) THEN
        RAISE EXCEPTION 'a firm with uscc % is registered already', p_uscc
            USING ERRCODE = 'PY409', COLUMN = 'uscc';
    END IF;
    INSERT INTO firm (uscc, uscc_check_ok, name, registered_on, region_code, industry_code)
    VALUES (p_uscc, p_uscc_ok, p_name, p_registered_on, p_region, p_industry)
    RETURNING * INTO f;
    IF p_role = 'firm' THEN
        UPDATE app_user SET firm_id = f.id WHERE id = p_actor_id;
    END IF;
    PERFORM audit_append('firm:' || f.id, p_actor_id, p_actor, 'firm.register', 'firm',
                         f.id::text, NULL, firm_json(f), NULL, p_request_id);
    body := firm_json(f)::text;
    version := f.version;
END
$$;

-- Apply a validated patch. Firms may change name, region_code and
-- industry_code; officials also dishonest_listed. p_if_match is the version
-- the caller read (412 when stale).
CREATE FUNCTION firm_update(p_actor_id bigint, p_actor text, p_role text, p_caller_firm bigint,
                            p_prefixes text[], p_request_id text, p_id bigint, p_if_match integer,
                            p_patch jsonb, OUT body text, OUT version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    f firm;
    before jsonb;
BEGIN
    SELECT * INTO f FROM firm WHERE id = p_id FOR UPDATE;
    IF NOT FOUND OR NOT caller_sees_firm(p_role, p_caller_firm, p_prefixes, f.id, f.region_code) THEN
        RAISE EXCEPTION 'no firm %', p_id USING ERRCODE = 'PY404';
    END IF;
    IF p_role NOT IN ('firm', 'officer', 'admin') THEN
        RAISE EXCEPTION 'your role may not change firms' USING ERRCODE = 'PY403';
    END IF;
    IF p_role = 'firm' AND p_patch ? 'dishonest_listed' THEN
        RAISE EXCEPTION 'dishonest_listed may be set only by officials'
            USING ERRCODE = 'PY403', COLUMN = 'dishonest_listed';
    END IF;
    IF f.version <> p_if_match THEN
        RAISE EXCEPTION 'the firm is at version %, not %', f.version, p_if_match
            USING ERRCODE = 'PY412';
    END IF;
    IF p_patch ? 'region_code' AND NOT EXISTS (SELECT 1 FROM region WHERE code = p_patch->>'region_code') THEN
        RAISE EXCEPTION 'no region has code %', p_patch->>'region_code'
            USING ERRCODE = 'PY400', COLUMN = 'region_code';
    END IF;
    before := firm_json(f);
    UPDATE firm SET
        name = coalesce(p_patch->>'name', firm.name),
        region_code = coalesce(p_patch->>'region_code', firm.region_code),
        industry_code = coalesce(p_patch->>'industry_code', firm.industry_code),
        dishonest_listed = coalesce((p_patch->>'dishonest_listed')::boolean, firm.dishonest_listed),
        version = firm.version + 1,
        updated_at = now()
    WHERE id = p_id
    RETURNING * INTO f;
    PERFORM audit_append('firm:' || f.id, p_actor_id, p_actor, 'firm.update', 'firm', f.id::text,
                         before, firm_json(f), NULL, p_request_id);
    body := firm_json(f)::text;
    version := f.version;
END
$$;

REVOKE ALL ON FUNCTION firm_register(bigint, text, text, text, text, boolean, text, date, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION firm_update(bigint, text, text, bigint, text[], text, bigint, integer, jsonb) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT SELECT ON firm TO peiyu_app;
        GRANT EXECUTE ON FUNCTION
            firm_register(bigint, text, text, text, text, boolean, text, date, text, text),
            firm_update(bigint, text, text, bigint, text[], text, bigint, integer, jsonb)
            TO peiyu_app;
    END IF;
END
$$;
