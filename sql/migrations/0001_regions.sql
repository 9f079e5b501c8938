-- Regions: 行政区划代码 (GB/T 2260). Six digits: province (NN0000), city
-- (NNNN00), county (NNNNNN). Officers and auditors are scoped by prefixes of
-- these codes, so the code is the key and the parent link is explicit.
CREATE TABLE region (
    code   text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    name   text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    level  text NOT NULL CHECK (level IN ('province', 'city', 'county')),
    parent text REFERENCES region (code),
    CHECK ((level = 'province') = (parent IS NULL)),
    CHECK (parent IS NULL OR left(code, CASE level WHEN 'city' THEN 2 ELSE 4 END)
                             = left(parent, CASE level WHEN 'city' THEN 2 ELSE 4 END))
);
CREATE INDEX region_parent ON region (parent, code);

-- The service role reads; only migrations and peiyuctl (the owner) write.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT SELECT ON schema_migrations TO peiyu_app;
        GRANT SELECT ON region TO peiyu_app;
    END IF;
END
$$;
