-- Schema shared by facts, programmes, applications and the pathway. The
-- functions that change these tables (and audit each change) live in the
-- migrations of each resource.

-- Facts per fiscal year (POLICY.md §3): each PUT appends a version; the
-- document is the whole facts document as the firm states it for that year,
-- validated by the engine's parser before it is stored.
CREATE TABLE firm_facts (
    firm_id     bigint NOT NULL REFERENCES firm (id),
    fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 1990 AND 2100),
    version     integer NOT NULL CHECK (version >= 1),
    doc         jsonb NOT NULL CHECK (jsonb_typeof(doc) = 'object'),
    doc_sha256  text NOT NULL CHECK (doc_sha256 ~ '^[0-9a-f]{64}$'),
    created_by  bigint NOT NULL REFERENCES app_user (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (firm_id, fiscal_year, version)
);

-- Programmes (admin-managed): one rule module, a region scope, an
-- application window in Asia/Shanghai time, the fiscal year of the facts it
-- evaluates, and for subsidy programmes a budget in fen.
CREATE TABLE program (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name_zh              text NOT NULL CHECK (length(name_zh) BETWEEN 2 AND 128),
    name_en              text NOT NULL CHECK (length(name_en) BETWEEN 2 AND 128),
    module               text NOT NULL CHECK (module ~ '^[a-z_]{2,40}$'),
    region_prefix        text NOT NULL CHECK (region_prefix ~ '^[0-9]{0,6}$'),
    opens_at             timestamptz NOT NULL,
    closes_at            timestamptz NOT NULL CHECK (closes_at > opens_at),
    fiscal_year          integer NOT NULL CHECK (fiscal_year BETWEEN 1990 AND 2100),
    budget_fen           bigint CHECK (budget_fen IS NULL OR budget_fen >= 0),
    reserved_fen         bigint NOT NULL DEFAULT 0 CHECK (reserved_fen >= 0),
    review_days          integer NOT NULL DEFAULT 20 CHECK (review_days BETWEEN 1 AND 365),
    four_eyes_fen        bigint CHECK (four_eyes_fen IS NULL OR four_eyes_fen >= 0),
    version              integer NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CHECK (budget_fen IS NULL OR reserved_fen <= budget_fen)
);
CREATE INDEX program_window ON program (opens_at, closes_at);

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT SELECT ON firm_facts, program TO peiyu_app;
    END IF;
END
$$;
