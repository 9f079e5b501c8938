-- Demo programmes (申报项目): one per rule module, created by demo-admin
-- through program_create (audited 'program.create' on the 'system' stream).
-- Windows are open around the day the demo is first loaded: from 30 days
-- before to 60 days after that day (civil dates, Asia/Shanghai). The two
-- subsidy programmes carry a budget (and the award a four-eyes threshold)
-- and are scoped to the regions whose local editions are seeded: 深圳龙岗
-- (rd_subsidy, banded table) and 福州 (recognition_award, 福建 + 福州 1:0.5).
-- fiscal_year 2025: the facts the demo firms filed. Idempotent: a programme
-- is created only when none has its English name.
WITH today AS (
    SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d
), wanted (name_zh, name_en, module, region_prefix, budget_fen, four_eyes_fen, review_days) AS (VALUES
    ('河南省2026年度科技型中小企业评价（第四批）', 'Henan tech-based SME evaluation 2026 (batch 4)',
     'tech_sme', '41', NULL::bigint, NULL::bigint, 20),
    ('平顶山市2026年度创新型中小企业评价', 'Pingdingshan innovative SME evaluation 2026',
     'innovative_sme', '4104', NULL, NULL, 20),
    ('河南省2026年度专精特新中小企业认定', 'Henan specialised and sophisticated SME recognition 2026',
     'specialized_sme', '41', NULL, NULL, 30),
    ('第八批专精特新"小巨人"企业推荐', 'Little giant nominations, batch 8',
     'little_giant', '', NULL, NULL, 30),
    ('河南省2026年度第二批高新技术企业认定', 'Henan high-tech enterprise recognition 2026 (batch 2)',
     'high_tech', '41', NULL, NULL, 30),
    ('平顶山市高新技术企业培育库2026年入库', 'Pingdingshan HNTE incubation pool 2026',
     'hnte_pool', '4104', NULL, NULL, 15),
    ('平顶山市科技企业孵化器2026年在孵企业入驻', 'Pingdingshan incubator tenancy intake 2026',
     'incubator_entry', '4104', NULL, NULL, 10),
    ('平顶山市科技企业孵化器2026年毕业评价', 'Pingdingshan incubator graduation review 2026',
     'incubator_exit', '4104', NULL, NULL, 10),
    ('郑州市2026年度瞪羚企业遴选', 'Zhengzhou gazelle firms 2026',
     'gazelle', '4101', NULL, NULL, 20),
    ('龙岗区2026年度企业研发投入扶持', 'Longgang R&D investment subsidy 2026',
     'rd_subsidy', '440307', 3000000000, 200000000, 20),
    ('福州市2026年专精特新"小巨人"认定奖励', 'Fuzhou little giant recognition award 2026',
     'recognition_award', '3501', 1000000000, 50000000, 20)
)
SELECT program_create(u.id, u.login, 'admin', 'peiyuctl-demo', jsonb_strip_nulls(jsonb_build_object(
           'name_zh', w.name_zh, 'name_en', w.name_en, 'module', w.module,
           'region_prefix', w.region_prefix,
           'opens_at', to_char(t.d - 30, 'YYYY-MM-DD'), 'closes_at', to_char(t.d + 60, 'YYYY-MM-DD'),
           'fiscal_year', 2025, 'budget_fen', w.budget_fen, 'four_eyes_fen', w.four_eyes_fen,
           'review_days', w.review_days)))
FROM wanted w, today t, app_user u
WHERE u.login = 'demo-admin'
  AND NOT EXISTS (SELECT 1 FROM program p WHERE p.name_en = w.name_en);
