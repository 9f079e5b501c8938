-- One list of recognition kinds (issue 8 item 14): the recognition_kind
-- reference table mirrors RULES_RECOGNITION_KINDS in lib/rules/facts.h
-- (kind, the ladder stage it puts a firm on, POLICY.md §5 order). The CHECK
-- lists of 0010 and 0013 become foreign keys and recognition_grant looks
-- the kind up here, so a new kind is one row here and one line in C.
-- peiyud's /readyz and `peiyuctl migrate` compare this table with the C
-- list and refuse to call the database ready when they differ.
CREATE TABLE recognition_kind (
    kind     text PRIMARY KEY CHECK (kind ~ '^[a-z_]{2,40}$'),
    stage    text NOT NULL CHECK (stage IN ('seed', 'micro_growth', 'small_to_high',
                                            'high_to_strong')),
    ordinal  integer NOT NULL UNIQUE
);
INSERT INTO recognition_kind (kind, stage, ordinal) VALUES
    ('incubator_tenant', 'seed', 1),
    ('tech_sme', 'micro_growth', 2),
    ('innovative_sme', 'micro_growth', 3),
    ('hnte_pool', 'small_to_high', 4),
    ('high_tech', 'small_to_high', 5),
    ('specialized_sme', 'high_to_strong', 6),
    ('little_giant', 'high_to_strong', 7),
    ('gazelle', 'high_to_strong', 8);

ALTER TABLE recognition DROP CONSTRAINT recognition_kind_check,
    ADD CONSTRAINT recognition_kind_fkey FOREIGN KEY (kind) REFERENCES recognition_kind (kind);
ALTER TABLE decision_module DROP CONSTRAINT decision_module_recognition_kind_check,
    ADD CONSTRAINT decision_module_recognition_kind_fkey FOREIGN KEY (recognition_kind)
        REFERENCES recognition_kind (kind);

-- "kind,stage" pairs in order, the form the C side compares with.
CREATE FUNCTION recognition_kinds_text() RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(string_agg(kind || ':' || stage, ',' ORDER BY ordinal), '')
    FROM recognition_kind
$$;

-- 0010's recognition_grant with its kind list replaced by the table.
CREATE OR REPLACE FUNCTION recognition_grant(p_actor_id bigint, p_actor text, p_role text, p_request_id text,
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
    IF p_kind IS NULL OR NOT EXISTS (SELECT 1 FROM recognition_kind WHERE kind = p_kind) THEN
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

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT SELECT ON recognition_kind TO peiyu_app;
        GRANT EXECUTE ON FUNCTION recognition_kinds_text() TO peiyu_app;
    END IF;
END
$$;
