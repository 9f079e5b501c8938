/*
 * test_facts: the facts JSON parser (lib/facts/parse.c): a full document
 * parses; each numbered row is a bad document and the exact error it gives.
 */
#include "facts/parse.h"
#include "t.h"

static const char *const good =
    "{\"firm\": {\"uscc\": \"91110108551385082Q\", \"established_on\": \"2015-03-02\","
    " \"region_code\": \"110108\", \"resident_enterprise\": true, \"industry_code\": \"C3484\","
    " \"restricted_industry\": false, \"sei_field\": null, \"hnte_domain\": \"一.(一).1\","
    " \"niche_since\": \"2019-01-01\", \"market_share\": {\"num\": 1, \"den\": 10, \"scope\": "
    "\"domestic\"},"
    " \"own_brand\": true, \"digital_level\": 2,"
    " \"quality\": {\"provincial_award\": false, \"iso9001\": true, \"standards\": false},"
    " \"key_chain_link\": false, \"six_foundations\": false},"
    " \"years\": {\"2025\": {\"employees\": 120, \"tech_staff\": 30, \"rd_staff\": 20,"
    "   \"sales_revenue_fen\": 5000000000, \"rd_expense_fen\": 300000000, \"rd_domestic_fen\": "
    "300000000,"
    "   \"net_profit_fen\": -100, \"rd_deduction_filed\": true},"
    "   \"2024\": {\"employees\": 100}},"
    " \"ip\": [{\"class\": \"I\", \"kind\": \"invention_patent\", \"granted_on\": \"2021-01-01\","
    "   \"expires_on\": \"2041-01-01\", \"main_product\": true}],"
    " \"recognitions\": [{\"kind\": \"tech_sme\", \"issued_on\": \"2025-05-01\", \"expires_on\": "
    "\"2025-12-31\","
    "   \"number\": \"2025110108A0001\"}],"
    " \"awards\": [{\"level\": \"national\", \"year\": 2022, \"rank\": 2}],"
    " \"rd_institutions\": [{\"level\": \"city\", \"since\": \"2020-01-01\"}],"
    " \"standards\": [{\"level\": \"group\", \"role\": \"lead\", \"year\": 2023}],"
    " \"equity_rounds\": [{\"date\": \"2024-01-01\", \"qualified_investor\": true, "
    "\"paid_in_fen\": 500000000}],"
    " \"compliance\": [{\"kind\": \"abnormal_list\", \"on\": \"2020-01-01\", \"cleared_on\": "
    "\"2020-06-01\"}],"
    " \"incubation\": {\"entry_on\": \"2016-01-01\", \"domain\": \"ic\", \"exit_on\": null},"
    " \"conversions\": [{\"year\": 2024, \"form\": \"license\"}],"
    " \"expert_scores\": {\"high_tech.tech_maturity\": {\"score\": 20, \"by\": \"officer:7\"}},"
    " \"contests\": [{\"year\": 2024, \"rank\": 5}],"
    " \"platform_scores\": [{\"year\": 2025, \"score\": 61}]}";

static void
test_good(void)
{
    static rules_facts f;
    char err[256] = "";
    T_ROW(1, "full document");
    CHECK_INT(facts_parse_text(good, strlen(good), &f, err, sizeof err), 0);
    if (err[0])
        fprintf(stderr, "%s\n", err);
    CHECK_INT(f.n_years, 2);
    CHECK_INT(f.years[0].year, 2024);
    const rules_year *y = rules_facts_year(&f, 2025);
    CHECK(y && rules_year_has(y, RULES_YF_TECH_STAFF) && !rules_year_has(y, RULES_YF_TOTAL_ASSETS));
    CHECK_INT(y ? y->v[RULES_YF_NET_PROFIT] : 0, -100);
    CHECK(rules_firm_has(&f.firm, RULES_FF_SEI_FIELD) && (f.firm.nulls >> RULES_FF_SEI_FIELD & 1));
    CHECK(!f.firm.uscc_check_mismatch);
    CHECK_INT(f.firm.market_share.den, 10);
    CHECK_INT(f.n_ip, 1);
    CHECK_INT(f.ip[0].cls, RULES_IP_CLASS_I);
    CHECK(f.ip[0].has >> RULES_IPF_MAIN_PRODUCT & 1);
    CHECK(!(f.ip[0].has >> RULES_IPF_DISPUTED & 1));
    CHECK_INT(f.n_expert, 1);
    CHECK_STR(f.expert[0].key, "high_tech.tech_maturity");
    CHECK_INT(f.incubation.exit_on, RULES_DATE_NONE);
    CHECK_INT(f.recognitions[0].kind, RULES_REC_TECH_SME);

    T_ROW(2, "empty document: everything missing, arrays empty");
    CHECK_INT(facts_parse_text("{}", 2, &f, err, sizeof err), 0);
    CHECK_INT(f.firm.has, 0);
    CHECK_INT(f.n_ip, 0);

    T_ROW(3, "USCC mismatch is accepted with a flag");
    const char *mm = "{\"firm\": {\"uscc\": \"91350100M0001TGQXM\"}}";
    CHECK_INT(facts_parse_text(mm, strlen(mm), &f, err, sizeof err), 0);
    CHECK(f.firm.uscc_check_mismatch);
}

static void
test_errors(void)
{
    static const struct {
        int no;
        const char *doc, *err;
    } rows[] = {
        {10, "{\"years\": {\"2025\": {\"rd_expense_fen\": 100, \"rd_domestic_fen\": 101}}}",
         "years.2025.rd_domestic_fen: greater than rd_expense_fen"},
        {11, "{\"years\": {\"2025\": {\"employees\": 10, \"tech_staff\": 11}}}",
         "years.2025.tech_staff: greater than employees"},
        {12, "{\"years\": {\"2025\": {\"operating_revenue_fen\": 10, \"main_revenue_fen\": 11}}}",
         "years.2025.main_revenue_fen: greater than operating_revenue_fen"},
        {13, "{\"years\": {\"2025\": {\"sales_revenue_fen\": 100.5}}}",
         "years.2025.sales_revenue_fen: must be an integer, not a real number"},
        {14, "{\"years\": {\"2025\": {\"sales_revenue_fen\": 100.0}}}",
         "years.2025.sales_revenue_fen: must be an integer, not a real number"},
        {15, "{\"years\": {\"2025\": {\"sales_revenue_fen\": \"100\"}}}",
         "years.2025.sales_revenue_fen: must be an integer"},
        {16, "{\"years\": {\"2025\": {\"sales_revenue_fen\": -1}}}",
         "years.2025.sales_revenue_fen: out of range"},
        {17, "{\"years\": {\"2025\": {\"salary_fen\": 1}}}",
         "years.2025.salary_fen: unknown field"},
        {18, "{\"years\": {\"25\": {}}}", "years.25: key must be a year YYYY"},
        {19, "{\"firm\": {\"name\": \"x\"}}", "firm.name: unknown field"},
        {20, "{\"firms\": {}}", "firms: unknown field"},
        {21, "{\"firm\": {\"uscc\": \"9144030019220382I6\"}}", "firm.uscc: not a valid"},
        {22, "{\"firm\": {\"established_on\": \"2025-02-29\"}}",
         "firm.established_on: must be a date YYYY-MM-DD"},
        {23, "{\"firm\": {\"region_code\": \"11010\"}}", "firm.region_code: must be a 6-digit"},
        {24, "{\"firm\": {\"sei_field\": 10}}", "firm.sei_field: out of range [1, 9]"},
        {25, "{\"firm\": {\"resident_enterprise\": null}}",
         "firm.resident_enterprise: must not be null"},
        {26, "{\"firm\": {\"market_share\": {\"num\": 3, \"den\": 2, \"scope\": \"domestic\"}}}",
         "firm.market_share: num greater than den"},
        {27, "{\"firm\": {\"market_share\": {\"num\": 1, \"den\": 2, \"scope\": \"world\"}}}",
         "firm.market_share.scope: must be one of domestic, international"},
        {28, "{\"firm\": {\"quality\": {\"iso9001\": true}}}",
         "firm.quality.provincial_award: required"},
        {29, "{\"ip\": [{\"kind\": \"x\"}]}", "ip[0].class: required"},
        {30, "{\"ip\": [{\"class\": \"III\"}]}", "ip[0].class: must be one of I, II"},
        {31,
         "{\"ip\": [{\"class\": \"I\", \"granted_on\": \"2020-01-02\", \"expires_on\": "
         "\"2020-01-01\"}]}",
         "ip[0].expires_on: before granted_on"},
        {32, "{\"recognitions\": [{\"kind\": \"tech_sme\"}]}",
         "recognitions[0].issued_on: required"},
        {33,
         "{\"equity_rounds\": [{\"date\": \"2024-01-01\", \"qualified_investor\": true, "
         "\"paid_in_fen\": 1.5}]}",
         "equity_rounds[0].paid_in_fen: must be an integer, not a real number"},
        {34, "{\"firm\": {}, \"firm\": {}}", "(document): invalid JSON"},
        {35, "{\"years\": {\"2025\": {\"employees\": 1, \"employees\": 2}}}",
         "duplicate object key"},
        {36, "[]", "(document): must be a JSON object"},
        {37, "{\"compliance\": [{\"kind\": \"fraud\", \"on\": \"2024-01-01\"}]}",
         "compliance[0].kind: must be one of"},
        {38,
         "{\"incubation\": {\"entry_on\": \"2020-01-01\", \"domain\": \"ic\", \"exit_on\": "
         "\"2019-01-01\"}}",
         "incubation.exit_on: before entry_on"},
        {39, "{\"expert_scores\": {\"nodot\": {\"score\": 1, \"by\": \"x\"}}}",
         "expert_scores.nodot: key must be"},
        {40, "{\"years\": {\"2025\": {\"employees\": null}}}",
         "years.2025.employees: must not be null"},
        {41, "{\"awards\": [{\"level\": \"national\", \"year\": 2022, \"rank\": 0}]}",
         "awards[0].rank: out of range"},
        {42, "{\"years\": {\"2025\": {\"sales_revenue_fen\": 99999999999999999999}}}",
         "(document): invalid JSON"},
        {43, "{\"firm\": {\"industry_code\": \"\"}}", "firm.industry_code: must not be empty"},
        {44, "{\"years\": {\"2025\": {\"hightech_revenue_fen\": 2, \"total_income_fen\": 1}}}",
         "years.2025.hightech_revenue_fen: greater than total_income_fen"},
    };
    static rules_facts f;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char err[256] = "";
        T_ROW(rows[i].no, rows[i].err);
        CHECK_INT(facts_parse_text(rows[i].doc, strlen(rows[i].doc), &f, err, sizeof err), -1);
        if (strncmp(err, rows[i].err, strlen(rows[i].err)) != 0 && !strstr(err, rows[i].err)) {
            fprintf(stderr, "row %d: got \"%s\"\n", rows[i].no, err);
            t_failures++;
        }
    }
    T_ROW(50, "array over its cap");
    static char big[40000];
    size_t n = (size_t)snprintf(big, sizeof big, "{\"contests\": [");
    for (int i = 0; i <= RULES_MAX_CONTESTS; i++)
        n += (size_t)snprintf(big + n, sizeof big - n, "%s{\"year\": 2024, \"rank\": 1}",
                              i ? "," : "");
    snprintf(big + n, sizeof big - n, "]}");
    char err[256];
    CHECK_INT(facts_parse_text(big, strlen(big), &f, err, sizeof err), -1);
    CHECK(strstr(err, "contests: more than 16 items") != NULL);
}

int
main(void)
{
    test_good();
    test_errors();
    T_DONE();
}
