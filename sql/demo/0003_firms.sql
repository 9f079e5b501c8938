-- Demo firms (synthetic 统一社会信用代码, POLICY.md §6), their facts for fiscal
-- year 2025 (with 2023 and 2024 where multi-year rules need them) and the
-- recognitions that put them on different stages of the ladder. Everything
-- goes through the functions the API calls (firm_register, facts_put,
-- recognition_grant), so each step is in the firms' audit streams:
--   - a firm with a demo user registers itself and files its own facts, as
--     the walkthrough in README.md does over HTTP;
--   - 叶县盐化 has no user: demo-admin registers it and demo-officer-pds files
--     its facts;
--   - recognitions are imported by demo-admin (source 'import').
-- Idempotent: each call runs only when its row is not there yet.
--
-- key         region  stage on 2026-11 and what it shows
--   yingchuan  410402  seed; tech_sme ineligible
--   yaoshan    410403  seed; tech_sme eligible
--   baofeng    410421  micro_growth; hnte_pool eligible
--   wugang     410481  small_to_high; high_tech candidate
--   jinshui    410105  micro_growth; high_tech candidate (郑州)
--   erqi       410103  small_to_high; specialized_sme candidate (郑州)
--   zhanhe     410411  high_to_strong; little_giant candidate
--   ruzhou     410482  small_to_high; specialized_sme candidate
--   yexian     410422  seed; screened out (compliance, restricted)
--   lushan     410423  seed; USCC check character mismatch, flagged (uscc 91410423MA48HP6W0U)
--   longgang   440307  high_to_strong; rd_subsidy (龙岗 banded)
--   cangshan   350104  high_to_strong; recognition_award (福州)

-- 平顶山颍川智能传感有限公司 91410402MA4BX0D10P (seed; tech_sme ineligible)
SELECT firm_register(u.id, u.login, 'firm', 'peiyuctl-demo', '91410402MA4BX0D10P', true, '平顶山颍川智能传感有限公司', '2024-03-15', '410402', 'I6513')
    FROM app_user u WHERE u.login = 'demo-firm-yingchuan' AND u.firm_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM firm WHERE uscc = '91410402MA4BX0D10P');
SELECT facts_put(u.id, u.login, 'firm', u.firm_id, u.region_prefixes, 'peiyuctl-demo', f.id, 2025, NULL, $facts$
{"firm": {"uscc": "91410402MA4BX0D10P", "established_on": "2024-03-15", "region_code": "410402", "resident_enterprise": true, "industry_code": "I6513", "restricted_industry": false}, "years": {"2025": {"employees": 12, "tech_staff": 1, "sales_revenue_fen": 260000000, "rd_expense_fen": 4000000, "total_assets_fen": 400000000}}, "ip": [{"class": "II", "kind": "software_copyright", "granted_on": "2024-11-02", "main_product": true}], "incubation": {"entry_on": "2024-05-06", "domain": "other"}}
$facts$::jsonb)
    FROM firm f, app_user u WHERE f.uscc = '91410402MA4BX0D10P' AND u.login = 'demo-firm-yingchuan'
    AND NOT EXISTS (SELECT 1 FROM firm_facts x WHERE x.firm_id = f.id AND x.fiscal_year = 2025);
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'incubator_tenant', 'PDS-FH-2024-031', '2024-05-06', '2028-05-05', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91410402MA4BX0D10P' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'incubator_tenant' AND certificate_number = 'PDS-FH-2024-031');

-- 平顶山尧山新材料科技有限公司 91410403MA47Y2K306 (seed; tech_sme eligible)
SELECT firm_register(u.id, u.login, 'firm', 'peiyuctl-demo', '91410403MA47Y2K306', true, '平顶山尧山新材料科技有限公司', '2019-06-20', '410403', 'C3985')
    FROM app_user u WHERE u.login = 'demo-firm-yaoshan' AND u.firm_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM firm WHERE uscc = '91410403MA47Y2K306');
SELECT facts_put(u.id, u.login, 'firm', u.firm_id, u.region_prefixes, 'peiyuctl-demo', f.id, 2025, NULL, $facts$
{"firm": {"uscc": "91410403MA47Y2K306", "established_on": "2019-06-20", "region_code": "410403", "resident_enterprise": true, "industry_code": "C3985", "restricted_industry": false}, "years": {"2025": {"employees": 60, "tech_staff": 18, "sales_revenue_fen": 3000000000, "rd_expense_fen": 240000000, "total_assets_fen": 2500000000}}, "ip": [{"class": "I", "kind": "invention_patent", "granted_on": "2023-04-11", "main_product": true, "self_developed": true}, {"class": "II", "kind": "utility_model", "granted_on": "2022-08-01", "main_product": true, "expires_on": "2032-08-01"}]}
$facts$::jsonb)
    FROM firm f, app_user u WHERE f.uscc = '91410403MA47Y2K306' AND u.login = 'demo-firm-yaoshan'
    AND NOT EXISTS (SELECT 1 FROM firm_facts x WHERE x.firm_id = f.id AND x.fiscal_year = 2025);

-- 宝丰县鹰城数控装备有限公司 91410421MA45QW7R03 (micro_growth; hnte_pool eligible)
SELECT firm_register(u.id, u.login, 'firm', 'peiyuctl-demo', '91410421MA45QW7R03', true, '宝丰县鹰城数控装备有限公司', '2016-09-09', '410421', 'C3421')
    FROM app_user u WHERE u.login = 'demo-firm-baofeng' AND u.firm_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM firm WHERE uscc = '91410421MA45QW7R03');
SELECT facts_put(u.id, u.login, 'firm', u.firm_id, u.region_prefixes, 'peiyuctl-demo', f.id, 2025, NULL, $facts$
{"firm": {"uscc": "91410421MA45QW7R03", "established_on": "2016-09-09", "region_code": "410421", "resident_enterprise": true, "industry_code": "C3421", "restricted_industry": false}, "years": {"2025": {"employees": 95, "tech_staff": 22, "sales_revenue_fen": 6800000000, "rd_expense_fen": 410000000, "total_assets_fen": 5200000000}}, "ip": [{"class": "I", "kind": "invention_patent", "granted_on": "2021-05-20", "main_product": true, "self_developed": true}, {"class": "II", "kind": "utility_model", "granted_on": "2023-02-14", "main_product": true, "expires_on": "2033-02-14"}]}
$facts$::jsonb)
    FROM firm f, app_user u WHERE f.uscc = '91410421MA45QW7R03' AND u.login = 'demo-firm-baofeng'
    AND NOT EXISTS (SELECT 1 FROM firm_facts x WHERE x.firm_id = f.id AND x.fiscal_year = 2025);
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'tech_sme', '202541040300117', '2025-05-10', '2025-12-31', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91410421MA45QW7R03' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'tech_sme' AND certificate_number = '202541040300117');
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'tech_sme', '202641040300093', '2026-04-28', '2026-12-31', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91410421MA45QW7R03' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'tech_sme' AND certificate_number = '202641040300093');

-- 舞钢市中原特钢检测技术有限公司 91410481MA44E8LX0D (small_to_high; high_tech candidate)
SELECT firm_register(u.id, u.login, 'firm', 'peiyuctl-demo', '91410481MA44E8LX0D', true, '舞钢市中原特钢检测技术有限公司', '2014-04-01', '410481', 'M7452')
    FROM app_user u WHERE u.login = 'demo-firm-wugang' AND u.firm_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM firm WHERE uscc = '91410481MA44E8LX0D');
SELECT facts_put(u.id, u.login, 'firm', u.firm_id, u.region_prefixes, 'peiyuctl-demo', f.id, 2025, NULL, $facts$
{"firm": {"uscc": "91410481MA44E8LX0D", "established_on": "2014-04-01", "region_code": "410481", "resident_enterprise": true, "industry_code": "M7452", "restricted_industry": false, "hnte_domain": "一.(一).1"}, "years": {"2023": {"employees": 100, "tech_staff": 20, "sales_revenue_fen": 6000000000, "rd_expense_fen": 300000000, "total_assets_fen": 5000000000, "total_liabilities_fen": 2000000000, "rd_domestic_fen": 300000000}, "2024": {"employees": 100, "tech_staff": 20, "sales_revenue_fen": 8000000000, "rd_expense_fen": 400000000, "total_assets_fen": 6000000000, "total_liabilities_fen": 2000000000, "rd_domestic_fen": 400000000}, "2025": {"employees": 100, "tech_staff": 20, "sales_revenue_fen": 10000000000, "rd_expense_fen": 500000000, "total_assets_fen": 7000000000, "total_liabilities_fen": 2000000000, "rd_domestic_fen": 500000000, "hightech_revenue_fen": 8000000000, "total_income_fen": 10000000000}}, "ip": [{"class": "I", "kind": "invention_patent", "granted_on": "2020-01-01", "main_product": true, "self_developed": true}], "conversions": [{"year": 2023, "form": "self"}, {"year": 2023, "form": "license"}, {"year": 2024, "form": "self"}, {"year": 2024, "form": "transfer"}, {"year": 2025, "form": "self"}, {"year": 2025, "form": "investment"}]}
$facts$::jsonb)
    FROM firm f, app_user u WHERE f.uscc = '91410481MA44E8LX0D' AND u.login = 'demo-firm-wugang'
    AND NOT EXISTS (SELECT 1 FROM firm_facts x WHERE x.firm_id = f.id AND x.fiscal_year = 2025);
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'tech_sme', '202641040400021', '2026-04-20', '2026-12-31', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91410481MA44E8LX0D' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'tech_sme' AND certificate_number = '202641040400021');
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'hnte_pool', 'PDS-HP-2026-008', '2026-06-01', '2027-05-31', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91410481MA44E8LX0D' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'hnte_pool' AND certificate_number = 'PDS-HP-2026-008');

-- 郑州金水云图信息技术有限公司 91410105MA9G3T5N0A (micro_growth; high_tech candidate (郑州))
SELECT firm_register(u.id, u.login, 'firm', 'peiyuctl-demo', '91410105MA9G3T5N0A', true, '郑州金水云图信息技术有限公司', '2017-02-17', '410105', 'I6511')
    FROM app_user u WHERE u.login = 'demo-firm-jinshui' AND u.firm_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM firm WHERE uscc = '91410105MA9G3T5N0A');
SELECT facts_put(u.id, u.login, 'firm', u.firm_id, u.region_prefixes, 'peiyuctl-demo', f.id, 2025, NULL, $facts$
{"firm": {"uscc": "91410105MA9G3T5N0A", "established_on": "2017-02-17", "region_code": "410105", "resident_enterprise": true, "industry_code": "I6511", "restricted_industry": false, "hnte_domain": "一.(一).1"}, "years": {"2023": {"employees": 140, "tech_staff": 45, "sales_revenue_fen": 7200000000, "rd_expense_fen": 560000000, "total_assets_fen": 5600000000, "total_liabilities_fen": 2100000000, "rd_domestic_fen": 560000000}, "2024": {"employees": 150, "tech_staff": 48, "sales_revenue_fen": 8800000000, "rd_expense_fen": 700000000, "total_assets_fen": 6600000000, "total_liabilities_fen": 2300000000, "rd_domestic_fen": 700000000}, "2025": {"employees": 165, "tech_staff": 52, "sales_revenue_fen": 10400000000, "rd_expense_fen": 860000000, "total_assets_fen": 7900000000, "total_liabilities_fen": 2600000000, "rd_domestic_fen": 860000000, "hightech_revenue_fen": 8600000000, "total_income_fen": 10400000000}}, "ip": [{"class": "I", "kind": "invention_patent", "granted_on": "2021-09-03", "main_product": true, "self_developed": true}, {"class": "I", "kind": "invention_patent", "granted_on": "2022-12-16", "main_product": true, "self_developed": true}], "conversions": [{"year": 2023, "form": "self"}, {"year": 2024, "form": "license"}, {"year": 2025, "form": "self"}, {"year": 2025, "form": "transfer"}]}
$facts$::jsonb)
    FROM firm f, app_user u WHERE f.uscc = '91410105MA9G3T5N0A' AND u.login = 'demo-firm-jinshui'
    AND NOT EXISTS (SELECT 1 FROM firm_facts x WHERE x.firm_id = f.id AND x.fiscal_year = 2025);
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'tech_sme', '202641010500210', '2026-04-18', '2026-12-31', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91410105MA9G3T5N0A' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'tech_sme' AND certificate_number = '202641010500210');

-- 郑州二七精密机械股份有限公司 91410103MA3X6PQ20J (small_to_high; specialized_sme candidate (郑州))
SELECT firm_register(u.id, u.login, 'firm', 'peiyuctl-demo', '91410103MA3X6PQ20J', true, '郑州二七精密机械股份有限公司', '2012-05-08', '410103', 'C3484')
    FROM app_user u WHERE u.login = 'demo-firm-erqi' AND u.firm_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM firm WHERE uscc = '91410103MA3X6PQ20J');
SELECT facts_put(u.id, u.login, 'firm', u.firm_id, u.region_prefixes, 'peiyuctl-demo', f.id, 2025, NULL, $facts$
{"firm": {"uscc": "91410103MA3X6PQ20J", "established_on": "2012-05-08", "region_code": "410103", "resident_enterprise": true, "industry_code": "C3484", "restricted_industry": false, "hnte_domain": "八.(一).1", "niche_since": "2013-01-01", "own_brand": true, "digital_level": 2, "quality": {"provincial_award": false, "iso9001": true, "standards": false}, "market_share": {"num": 12, "den": 100, "scope": "domestic"}, "key_chain_link": false, "six_foundations": true}, "years": {"2023": {"employees": 220, "tech_staff": 46, "sales_revenue_fen": 15000000000, "rd_expense_fen": 720000000, "total_assets_fen": 16000000000, "total_liabilities_fen": 6400000000, "rd_domestic_fen": 720000000, "main_revenue_fen": 13000000000, "operating_revenue_fen": 15000000000, "rd_staff": 30}, "2024": {"employees": 235, "tech_staff": 50, "sales_revenue_fen": 17000000000, "rd_expense_fen": 860000000, "total_assets_fen": 17500000000, "total_liabilities_fen": 6800000000, "rd_domestic_fen": 860000000, "main_revenue_fen": 14800000000, "operating_revenue_fen": 17000000000, "rd_staff": 32}, "2025": {"employees": 250, "tech_staff": 55, "sales_revenue_fen": 19000000000, "rd_expense_fen": 990000000, "total_assets_fen": 19000000000, "total_liabilities_fen": 7200000000, "rd_domestic_fen": 990000000, "main_revenue_fen": 16600000000, "operating_revenue_fen": 19000000000, "rd_staff": 36, "hightech_revenue_fen": 15000000000, "total_income_fen": 19200000000, "net_profit_fen": 1700000000}}, "ip": [{"class": "I", "kind": "invention_patent", "granted_on": "2019-03-12", "main_product": true, "self_developed": true, "in_use_with_benefit": true}, {"class": "I", "kind": "invention_patent", "granted_on": "2021-07-30", "main_product": true, "self_developed": true, "in_use_with_benefit": true}, {"class": "II", "kind": "utility_model", "granted_on": "2023-06-06", "main_product": true, "expires_on": "2033-06-06"}], "rd_institutions": [{"level": "provincial", "since": "2019-10-01"}], "platform_scores": [{"year": 2026, "score": 66}]}
$facts$::jsonb)
    FROM firm f, app_user u WHERE f.uscc = '91410103MA3X6PQ20J' AND u.login = 'demo-firm-erqi'
    AND NOT EXISTS (SELECT 1 FROM firm_facts x WHERE x.firm_id = f.id AND x.fiscal_year = 2025);
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'tech_sme', '202641010300045', '2026-04-18', '2026-12-31', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91410103MA3X6PQ20J' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'tech_sme' AND certificate_number = '202641010300045');
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'high_tech', 'GR202441000317', '2024-12-02', '2027-12-01', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91410103MA3X6PQ20J' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'high_tech' AND certificate_number = 'GR202441000317');

-- 平顶山湛河高端阀门股份有限公司 91410411MA40MR8C02 (high_to_strong; little_giant candidate)
SELECT firm_register(u.id, u.login, 'firm', 'peiyuctl-demo', '91410411MA40MR8C02', true, '平顶山湛河高端阀门股份有限公司', '2009-07-15', '410411', 'C3443')
    FROM app_user u WHERE u.login = 'demo-firm-zhanhe' AND u.firm_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM firm WHERE uscc = '91410411MA40MR8C02');
SELECT facts_put(u.id, u.login, 'firm', u.firm_id, u.region_prefixes, 'peiyuctl-demo', f.id, 2025, NULL, $facts$
{"firm": {"uscc": "91410411MA40MR8C02", "established_on": "2009-07-15", "region_code": "410411", "resident_enterprise": true, "industry_code": "C3443", "restricted_industry": false, "hnte_domain": "八.(二).2", "niche_since": "2011-01-01", "own_brand": true, "digital_level": 3, "quality": {"provincial_award": true, "iso9001": true, "standards": true}, "market_share": {"num": 15, "den": 100, "scope": "domestic"}, "key_chain_link": true, "six_foundations": true}, "years": {"2023": {"employees": 180, "tech_staff": 40, "sales_revenue_fen": 15000000000, "rd_expense_fen": 600000000, "total_assets_fen": 14000000000, "total_liabilities_fen": 5600000000, "rd_domestic_fen": 600000000, "main_revenue_fen": 13700000000, "operating_revenue_fen": 15000000000, "rd_staff": 36}, "2024": {"employees": 190, "tech_staff": 44, "sales_revenue_fen": 16500000000, "rd_expense_fen": 700000000, "total_assets_fen": 15500000000, "total_liabilities_fen": 6000000000, "rd_domestic_fen": 700000000, "main_revenue_fen": 15000000000, "operating_revenue_fen": 16500000000, "rd_staff": 40}, "2025": {"employees": 200, "tech_staff": 48, "sales_revenue_fen": 18000000000, "rd_expense_fen": 800000000, "total_assets_fen": 17000000000, "total_liabilities_fen": 6500000000, "rd_domestic_fen": 800000000, "main_revenue_fen": 16400000000, "operating_revenue_fen": 18000000000, "rd_staff": 44, "hightech_revenue_fen": 14000000000, "total_income_fen": 18200000000, "net_profit_fen": 1600000000}}, "ip": [{"class": "I", "kind": "invention_patent", "granted_on": "2018-06-01", "main_product": true, "self_developed": true, "in_use_with_benefit": true}, {"class": "I", "kind": "invention_patent", "granted_on": "2020-11-20", "main_product": true, "self_developed": true, "in_use_with_benefit": true}, {"class": "I", "kind": "invention_patent", "granted_on": "2022-03-08", "main_product": true, "self_developed": true, "in_use_with_benefit": true}, {"class": "I", "kind": "invention_patent", "granted_on": "2023-10-17", "main_product": true, "self_developed": true, "in_use_with_benefit": true}], "platform_scores": [{"year": 2026, "score": 72}], "rd_institutions": [{"level": "provincial", "since": "2018-05-01"}], "expert_scores": {"little_giant.chain_role": {"score": 1, "by": "demo officer"}, "little_giant.main_product_domain": {"score": 1, "by": "demo officer"}}}
$facts$::jsonb)
    FROM firm f, app_user u WHERE f.uscc = '91410411MA40MR8C02' AND u.login = 'demo-firm-zhanhe'
    AND NOT EXISTS (SELECT 1 FROM firm_facts x WHERE x.firm_id = f.id AND x.fiscal_year = 2025);
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'high_tech', 'GR202341000902', '2023-11-22', '2026-11-21', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91410411MA40MR8C02' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'high_tech' AND certificate_number = 'GR202341000902');
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'specialized_sme', 'ZJTX-HA-2024-0412', '2024-08-01', '2027-07-31', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91410411MA40MR8C02' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'specialized_sme' AND certificate_number = 'ZJTX-HA-2024-0412');

-- 汝州市汝瓷新材料科技有限公司 91410482MA46UJ1F0K (small_to_high; specialized_sme candidate)
SELECT firm_register(u.id, u.login, 'firm', 'peiyuctl-demo', '91410482MA46UJ1F0K', true, '汝州市汝瓷新材料科技有限公司', '2013-10-10', '410482', 'C3073')
    FROM app_user u WHERE u.login = 'demo-firm-ruzhou' AND u.firm_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM firm WHERE uscc = '91410482MA46UJ1F0K');
SELECT facts_put(u.id, u.login, 'firm', u.firm_id, u.region_prefixes, 'peiyuctl-demo', f.id, 2025, NULL, $facts$
{"firm": {"uscc": "91410482MA46UJ1F0K", "established_on": "2013-10-10", "region_code": "410482", "resident_enterprise": true, "industry_code": "C3073", "restricted_industry": false, "hnte_domain": "四.(三).2", "niche_since": "2015-01-01", "own_brand": true, "digital_level": 2, "quality": {"provincial_award": false, "iso9001": true, "standards": false}, "market_share": {"num": 8, "den": 100, "scope": "domestic"}, "key_chain_link": false, "six_foundations": false}, "years": {"2023": {"employees": 180, "tech_staff": 40, "sales_revenue_fen": 15000000000, "rd_expense_fen": 600000000, "total_assets_fen": 14000000000, "total_liabilities_fen": 5600000000, "rd_domestic_fen": 600000000, "main_revenue_fen": 13700000000, "operating_revenue_fen": 15000000000, "rd_staff": 36}, "2024": {"employees": 190, "tech_staff": 44, "sales_revenue_fen": 16500000000, "rd_expense_fen": 700000000, "total_assets_fen": 15500000000, "total_liabilities_fen": 6000000000, "rd_domestic_fen": 700000000, "main_revenue_fen": 15000000000, "operating_revenue_fen": 16500000000, "rd_staff": 40}, "2025": {"employees": 200, "tech_staff": 48, "sales_revenue_fen": 18000000000, "rd_expense_fen": 800000000, "total_assets_fen": 17000000000, "total_liabilities_fen": 6500000000, "rd_domestic_fen": 800000000, "main_revenue_fen": 16400000000, "operating_revenue_fen": 18000000000, "rd_staff": 44, "hightech_revenue_fen": 14000000000, "total_income_fen": 18200000000, "net_profit_fen": 1600000000}}, "ip": [{"class": "I", "kind": "invention_patent", "granted_on": "2018-06-01", "main_product": true, "self_developed": true, "in_use_with_benefit": true}, {"class": "I", "kind": "invention_patent", "granted_on": "2020-11-20", "main_product": true, "self_developed": true, "in_use_with_benefit": true}, {"class": "II", "kind": "utility_model", "granted_on": "2024-01-09", "main_product": true, "expires_on": "2034-01-09"}], "rd_institutions": [{"level": "city", "since": "2020-03-01"}], "platform_scores": [{"year": 2026, "score": 58}]}
$facts$::jsonb)
    FROM firm f, app_user u WHERE f.uscc = '91410482MA46UJ1F0K' AND u.login = 'demo-firm-ruzhou'
    AND NOT EXISTS (SELECT 1 FROM firm_facts x WHERE x.firm_id = f.id AND x.fiscal_year = 2025);
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'innovative_sme', 'CXZX-HA-2024-2207', '2024-09-20', '2027-09-19', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91410482MA46UJ1F0K' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'innovative_sme' AND certificate_number = 'CXZX-HA-2024-2207');
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'high_tech', 'GR202541001188', '2025-12-05', '2028-12-04', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91410482MA46UJ1F0K' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'high_tech' AND certificate_number = 'GR202541001188');

-- 叶县盐化实业有限公司 91410422MA41CX2P03 (seed; screened out (compliance, restricted))
SELECT firm_register(u.id, u.login, 'admin', 'peiyuctl-demo', '91410422MA41CX2P03', true, '叶县盐化实业有限公司', '2010-01-05', '410422', 'C2613')
    FROM app_user u WHERE u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM firm WHERE uscc = '91410422MA41CX2P03');
SELECT facts_put(u.id, u.login, 'officer', u.firm_id, u.region_prefixes, 'peiyuctl-demo', f.id, 2025, NULL, $facts$
{"firm": {"uscc": "91410422MA41CX2P03", "established_on": "2010-01-05", "region_code": "410422", "resident_enterprise": true, "industry_code": "C2613", "restricted_industry": true}, "years": {"2025": {"employees": 320, "tech_staff": 25, "sales_revenue_fen": 16000000000, "rd_expense_fen": 180000000, "total_assets_fen": 21000000000}}, "ip": [{"class": "II", "kind": "utility_model", "granted_on": "2021-07-07", "main_product": true, "expires_on": "2031-07-07"}], "compliance": [{"kind": "major_safety", "on": "2025-08-14"}]}
$facts$::jsonb)
    FROM firm f, app_user u WHERE f.uscc = '91410422MA41CX2P03' AND u.login = 'demo-officer-pds'
    AND NOT EXISTS (SELECT 1 FROM firm_facts x WHERE x.firm_id = f.id AND x.fiscal_year = 2025);

-- 鲁山县丝绸文创科技有限公司 91410423MA48HP6W0U (seed; USCC check character mismatch, flagged)
SELECT firm_register(u.id, u.login, 'firm', 'peiyuctl-demo', '91410423MA48HP6W0U', false, '鲁山县丝绸文创科技有限公司', '2018-11-11', '410423', 'I6513')
    FROM app_user u WHERE u.login = 'demo-firm-lushan' AND u.firm_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM firm WHERE uscc = '91410423MA48HP6W0U');
SELECT facts_put(u.id, u.login, 'firm', u.firm_id, u.region_prefixes, 'peiyuctl-demo', f.id, 2025, NULL, $facts$
{"firm": {"uscc": "91410423MA48HP6W0U", "established_on": "2018-11-11", "region_code": "410423", "resident_enterprise": true, "industry_code": "I6513", "restricted_industry": false}, "years": {"2025": {"employees": 45, "tech_staff": 12, "sales_revenue_fen": 1800000000, "rd_expense_fen": 150000000, "total_assets_fen": 1500000000}}, "ip": [{"class": "I", "kind": "invention_patent", "granted_on": "2022-10-10", "main_product": true, "self_developed": true}]}
$facts$::jsonb)
    FROM firm f, app_user u WHERE f.uscc = '91410423MA48HP6W0U' AND u.login = 'demo-firm-lushan'
    AND NOT EXISTS (SELECT 1 FROM firm_facts x WHERE x.firm_id = f.id AND x.fiscal_year = 2025);

-- 深圳市龙岗智造电子有限公司 91440307MA5F2W9D0N (high_to_strong; rd_subsidy (龙岗 banded))
SELECT firm_register(u.id, u.login, 'firm', 'peiyuctl-demo', '91440307MA5F2W9D0N', true, '深圳市龙岗智造电子有限公司', '2011-03-03', '440307', 'C3982')
    FROM app_user u WHERE u.login = 'demo-firm-longgang' AND u.firm_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM firm WHERE uscc = '91440307MA5F2W9D0N');
SELECT facts_put(u.id, u.login, 'firm', u.firm_id, u.region_prefixes, 'peiyuctl-demo', f.id, 2025, NULL, $facts$
{"firm": {"uscc": "91440307MA5F2W9D0N", "established_on": "2011-03-03", "region_code": "440307", "resident_enterprise": true, "industry_code": "C3982", "restricted_industry": false, "hnte_domain": "一.(二).3"}, "years": {"2024": {"employees": 300, "tech_staff": 90, "sales_revenue_fen": 40000000000, "rd_expense_fen": 2600000000, "total_assets_fen": 36000000000, "total_liabilities_fen": 15000000000, "rd_domestic_fen": 2600000000, "rd_deduction_filed": true, "operating_revenue_fen": 40000000000}, "2025": {"employees": 320, "tech_staff": 96, "sales_revenue_fen": 46000000000, "rd_expense_fen": 3200000000, "total_assets_fen": 40000000000, "total_liabilities_fen": 16000000000, "rd_domestic_fen": 3200000000, "rd_deduction_filed": true, "operating_revenue_fen": 46000000000, "hightech_revenue_fen": 38000000000, "total_income_fen": 46500000000}}, "ip": [{"class": "I", "kind": "invention_patent", "granted_on": "2019-05-05", "main_product": true, "self_developed": true}]}
$facts$::jsonb)
    FROM firm f, app_user u WHERE f.uscc = '91440307MA5F2W9D0N' AND u.login = 'demo-firm-longgang'
    AND NOT EXISTS (SELECT 1 FROM firm_facts x WHERE x.firm_id = f.id AND x.fiscal_year = 2025);
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'high_tech', 'GR202444200871', '2024-12-26', '2027-12-25', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91440307MA5F2W9D0N' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'high_tech' AND certificate_number = 'GR202444200871');
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'specialized_sme', 'SZ-ZJTX-2025-1207', '2025-07-01', '2028-06-30', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91440307MA5F2W9D0N' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'specialized_sme' AND certificate_number = 'SZ-ZJTX-2025-1207');

-- 福州仓山海洋生物科技有限公司 91350104MA2YTK4L06 (high_to_strong; recognition_award (福州))
SELECT firm_register(u.id, u.login, 'firm', 'peiyuctl-demo', '91350104MA2YTK4L06', true, '福州仓山海洋生物科技有限公司', '2012-08-18', '350104', 'C2761')
    FROM app_user u WHERE u.login = 'demo-firm-cangshan' AND u.firm_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM firm WHERE uscc = '91350104MA2YTK4L06');
SELECT facts_put(u.id, u.login, 'firm', u.firm_id, u.region_prefixes, 'peiyuctl-demo', f.id, 2025, NULL, $facts$
{"firm": {"uscc": "91350104MA2YTK4L06", "established_on": "2012-08-18", "region_code": "350104", "resident_enterprise": true, "industry_code": "C2761", "restricted_industry": false, "hnte_domain": "二.(一).1", "niche_since": "2011-01-01", "own_brand": true, "digital_level": 3, "quality": {"provincial_award": true, "iso9001": true, "standards": true}, "market_share": {"num": 15, "den": 100, "scope": "domestic"}, "key_chain_link": true, "six_foundations": true}, "years": {"2023": {"employees": 180, "tech_staff": 40, "sales_revenue_fen": 15000000000, "rd_expense_fen": 600000000, "total_assets_fen": 14000000000, "total_liabilities_fen": 5600000000, "rd_domestic_fen": 600000000, "main_revenue_fen": 13700000000, "operating_revenue_fen": 15000000000, "rd_staff": 36}, "2024": {"employees": 190, "tech_staff": 44, "sales_revenue_fen": 16500000000, "rd_expense_fen": 700000000, "total_assets_fen": 15500000000, "total_liabilities_fen": 6000000000, "rd_domestic_fen": 700000000, "main_revenue_fen": 15000000000, "operating_revenue_fen": 16500000000, "rd_staff": 40}, "2025": {"employees": 200, "tech_staff": 48, "sales_revenue_fen": 18000000000, "rd_expense_fen": 800000000, "total_assets_fen": 17000000000, "total_liabilities_fen": 6500000000, "rd_domestic_fen": 800000000, "main_revenue_fen": 16400000000, "operating_revenue_fen": 18000000000, "rd_staff": 44, "hightech_revenue_fen": 14000000000, "total_income_fen": 18200000000, "net_profit_fen": 1600000000}}, "ip": [{"class": "I", "kind": "invention_patent", "granted_on": "2018-06-01", "main_product": true, "self_developed": true, "in_use_with_benefit": true}, {"class": "I", "kind": "invention_patent", "granted_on": "2020-11-20", "main_product": true, "self_developed": true, "in_use_with_benefit": true}, {"class": "I", "kind": "invention_patent", "granted_on": "2022-03-08", "main_product": true, "self_developed": true, "in_use_with_benefit": true}, {"class": "I", "kind": "invention_patent", "granted_on": "2023-10-17", "main_product": true, "self_developed": true, "in_use_with_benefit": true}], "platform_scores": [{"year": 2026, "score": 72}], "rd_institutions": [{"level": "provincial", "since": "2018-05-01"}], "expert_scores": {"little_giant.chain_role": {"score": 1, "by": "demo officer"}, "little_giant.main_product_domain": {"score": 1, "by": "demo officer"}}}
$facts$::jsonb)
    FROM firm f, app_user u WHERE f.uscc = '91350104MA2YTK4L06' AND u.login = 'demo-firm-cangshan'
    AND NOT EXISTS (SELECT 1 FROM firm_facts x WHERE x.firm_id = f.id AND x.fiscal_year = 2025);
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'specialized_sme', 'FJ-ZJTX-2023-0318', '2023-09-01', '2026-08-31', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91350104MA2YTK4L06' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'specialized_sme' AND certificate_number = 'FJ-ZJTX-2023-0318');
SELECT recognition_grant(u.id, u.login, 'admin', 'peiyuctl-demo', f.id, 'little_giant', 'XJR-2026-0577', '2026-07-15', '2029-07-14', 'import', NULL)
    FROM firm f, app_user u WHERE f.uscc = '91350104MA2YTK4L06' AND u.login = 'demo-admin'
    AND NOT EXISTS (SELECT 1 FROM recognition WHERE kind = 'little_giant' AND certificate_number = 'XJR-2026-0577');
