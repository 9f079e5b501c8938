-- Accounts, roles, scopes and bearer tokens (DESIGN.md "Users").
-- One role per user. A firm user acts for exactly one firm (firm_id, tied to
-- the firm table by the firms migration). Officers, approvers and auditors
-- are scoped to region prefixes ("4104" = 平顶山市 and its counties);
-- officers and approvers also to programmes (empty = all programmes of their
-- regions). Tokens are stored only as SHA-256.
CREATE FUNCTION region_prefixes_valid(p text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT coalesce(bool_and(x ~ '^[0-9]{2,6}$'), true) FROM unnest(p) AS x
$$;

CREATE TABLE app_user (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login           text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name    text NOT NULL DEFAULT '' CHECK (length(display_name) <= 128),
    role            text NOT NULL CHECK (role IN ('firm', 'officer', 'approver', 'auditor', 'admin')),
    firm_id         bigint,
    region_prefixes text[] NOT NULL DEFAULT '{}' CHECK (region_prefixes_valid(region_prefixes)),
    programs        bigint[] NOT NULL DEFAULT '{}',
    password_hash   text CHECK (password_hash IS NULL OR password_hash LIKE 'pbkdf2-sha256$%'),
    failed_logins   integer NOT NULL DEFAULT 0,
    last_failed_at  timestamptz,
    disabled_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (role = 'firm' OR firm_id IS NULL), -- a firm user's firm is set when it registers
    CHECK (role IN ('officer', 'approver', 'auditor') OR region_prefixes = '{}'),
    CHECK (role IN ('officer', 'approver') OR programs = '{}')
);

CREATE TABLE api_token (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES app_user (id),
    token_sha256 text NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    label        text NOT NULL DEFAULT '' CHECK (length(label) <= 128),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX api_token_user ON api_token (user_id);

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT SELECT ON app_user, api_token TO peiyu_app;
        GRANT UPDATE (failed_logins, last_failed_at) ON app_user TO peiyu_app;
        GRANT INSERT ON api_token TO peiyu_app;
    END IF;
END
$$;
