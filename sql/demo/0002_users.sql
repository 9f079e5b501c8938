-- Demo accounts: one user of every role. Officers are scoped to 平顶山 (4104)
-- and 郑州 (4101), the approver to 4104; the subsidy programmes are local to
-- 福州 (3501) and 深圳龙岗 (440307), whose editions are seeded, so 福州 has its
-- own officer and approver (demo-officer-fz, demo-approver-fz: README "Play
-- every role" takes demo-firm-cangshan's award through both signatures) and
-- the auditor sees all four regions; empty programme lists mean every
-- programme of their regions. Each demo firm has its firm user
-- (demo-firm-<key>), bound to the firm when that user registers it (0003).
-- `peiyuctl demo` sets the demo password on demo-* users that have none and
-- prints a fresh token for each. Idempotent.
INSERT INTO app_user (login, display_name, role, region_prefixes) VALUES
    ('demo-admin', '演示管理员 Demo admin', 'admin', '{}'),
    ('demo-officer-pds', '平顶山市科技局 审核员', 'officer', '{4104}'),
    ('demo-officer-zz', '郑州市科技局 审核员', 'officer', '{4101}'),
    ('demo-approver-pds', '平顶山市科技局 审批人', 'approver', '{4104}'),
    ('demo-auditor', '审计 (平顶山、郑州、龙岗、福州)', 'auditor', '{4104,4101,440307,3501}'),
    ('demo-officer-fz', '福州市科技局 审核员', 'officer', '{3501}'),
    ('demo-approver-fz', '福州市科技局 审批人', 'approver', '{3501}'),
    ('demo-firm-yingchuan', '平顶山颍川智能传感有限公司', 'firm', '{}'),
    ('demo-firm-yaoshan', '平顶山尧山新材料科技有限公司', 'firm', '{}'),
    ('demo-firm-baofeng', '宝丰县鹰城数控装备有限公司', 'firm', '{}'),
    ('demo-firm-wugang', '舞钢市中原特钢检测技术有限公司', 'firm', '{}'),
    ('demo-firm-jinshui', '郑州金水云图信息技术有限公司', 'firm', '{}'),
    ('demo-firm-erqi', '郑州二七精密机械股份有限公司', 'firm', '{}'),
    ('demo-firm-zhanhe', '平顶山湛河高端阀门股份有限公司', 'firm', '{}'),
    ('demo-firm-ruzhou', '汝州市汝瓷新材料科技有限公司', 'firm', '{}'),
    ('demo-firm-lushan', '鲁山县丝绸文创科技有限公司', 'firm', '{}'),
    ('demo-firm-longgang', '深圳市龙岗智造电子有限公司', 'firm', '{}'),
    ('demo-firm-cangshan', '福州仓山海洋生物科技有限公司', 'firm', '{}')
ON CONFLICT (login) DO NOTHING;
-- Databases loaded before 福州 and 龙岗 joined the auditor's scope get them
-- once (the display name stays).
UPDATE app_user SET region_prefixes = region_prefixes || '{440307,3501}'::text[]
WHERE login = 'demo-auditor' AND region_prefixes = '{4104,4101}';
