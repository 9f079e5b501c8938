-- The demo firms' 2025 facts declare the recognitions the registry holds
-- for them (POLICY.md §3 recognitions[]: kind, issued_on, expires_on,
-- number), as a firm would declare them. Evaluation itself (pathway and
-- submissions) always takes recognitions from the registry and replaces the
-- document's own, so these lines only keep the filed documents truthful.
-- Each firm files a new version
-- of its 2025 facts, the latest one plus recognitions[], through facts_put
-- (audited 'facts.put'): a firm with a demo user files its own, 叶县盐化 (no
-- user) has them filed by demo-admin. Idempotent: only while the firm's
-- latest 2025 document has no recognitions[] and the registry has some.
WITH demo_firm AS (
    SELECT f.id, f.region_code
    FROM firm f
    WHERE EXISTS (SELECT 1 FROM audit_event e
                  WHERE e.stream = 'firm:' || f.id AND e.action = 'firm.register'
                    AND e.request_id = 'peiyuctl-demo')
), latest AS (
    SELECT DISTINCT ON (x.firm_id) x.firm_id, x.version, x.doc
    FROM firm_facts x JOIN demo_firm d ON d.id = x.firm_id
    WHERE x.fiscal_year = 2025
    ORDER BY x.firm_id, x.version DESC
), wanted AS (
    SELECT l.firm_id, l.version, l.doc || jsonb_build_object('recognitions', (
               SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                          'kind', r.kind, 'issued_on', r.granted_on, 'expires_on', r.expires_on,
                          'number', r.certificate_number)) ORDER BY r.granted_on, r.id)
               FROM recognition r WHERE r.firm_id = l.firm_id)) AS doc
    FROM latest l
    WHERE NOT l.doc ? 'recognitions'
      AND EXISTS (SELECT 1 FROM recognition r WHERE r.firm_id = l.firm_id)
)
SELECT facts_put(u.id, u.login, u.role, u.firm_id, u.region_prefixes, 'peiyuctl-demo',
                 w.firm_id, 2025, w.version, w.doc)
FROM wanted w
JOIN LATERAL (
    SELECT id, login, role, firm_id, region_prefixes FROM app_user
    WHERE (role = 'firm' AND firm_id = w.firm_id) OR login = 'demo-admin'
    ORDER BY role = 'firm' DESC, id
    LIMIT 1
) u ON true
ORDER BY w.firm_id;
