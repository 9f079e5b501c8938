-- Rule parameter editions (POLICY.md §1 "Editions"): one row per edition of a
-- module, seeded by `peiyuctl migrate` from sql/editions/<module>.json, whose
-- objects map 1:1 onto these columns. Published editions are immutable: a
-- correction is a new edition, so UPDATE and DELETE are refused for everyone.
CREATE TABLE rule_edition (
    module         text NOT NULL CHECK (module ~ '^[a-z_]{2,40}$'),
    edition_id     text NOT NULL CHECK (length(edition_id) BETWEEN 1 AND 80),
    document       text NOT NULL,
    effective_from date NOT NULL,
    effective_to   date CHECK (effective_to IS NULL OR effective_to >= effective_from),
    region_prefix  text NOT NULL CHECK (region_prefix ~ '^[0-9]{0,6}$'),
    band_edge      text NOT NULL,
    verified       boolean NOT NULL,
    params         jsonb NOT NULL CHECK (jsonb_typeof(params) = 'object'),
    published_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (module, edition_id)
);

CREATE FUNCTION rule_edition_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rule editions are immutable once published; publish a new edition'
        USING ERRCODE = 'P0001';
END
$$;

CREATE TRIGGER rule_edition_no_change BEFORE UPDATE OR DELETE ON rule_edition
    FOR EACH ROW EXECUTE FUNCTION rule_edition_immutable();

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT SELECT ON rule_edition TO peiyu_app;
    END IF;
END
$$;
