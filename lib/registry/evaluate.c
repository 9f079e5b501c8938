/*
 * evaluate: POST /v1/evaluate. The body is a facts document (POLICY.md §3);
 * the answer is the verdict JSON of POLICY.md §7, exactly what
 * `peiyuctl eval` prints (both call facts_evaluate). Nothing is stored.
 * Query: module (an id or "all", the default), as_of (YYYY-MM-DD, default
 * today in Asia/Shanghai), region (six digits, default the firm's own).
 */
#include "registry/app.h"
#include "http/context.h"
#include "facts/evaluate.h"
#include "facts/parse.h"
#include "core/clock.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

void
evaluate_post(struct http_ctx *ctx)
{
    const struct app_worker *w = http_ctx_app(ctx);
    const char *module = http_ctx_query(ctx, "module");
    const char *as_of_s = http_ctx_query(ctx, "as_of");
    const char *region = http_ctx_query(ctx, "region");
    rules_date as_of = (rules_date)clock_today_shanghai();
    if (!module)
        module = "all";
    if (as_of_s && rules_date_parse(as_of_s, strlen(as_of_s), &as_of) != 0) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "as_of", "as_of is a date YYYY-MM-DD");
        return;
    }
    if (region && (strlen(region) != 6 || strspn(region, "0123456789") != 6)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "region",
                           "region is a six-digit 行政区划代码");
        return;
    }
    rules_facts *facts = xcalloc(1, sizeof *facts);
    char err[512];
    if (facts_parse_json(ctx->body, facts, err, sizeof err) != 0) {
        free(facts);
        const char *colon = strchr(err, ':');
        char field[128] = "";
        if (colon && (size_t)(colon - err) < sizeof field)
            memcpy(field, err, (size_t)(colon - err)), field[colon - err] = '\0';
        int kind = strstr(err, "unknown field") ? HTTP_E_UNKNOWN_FIELD : HTTP_E_INVALID_FIELD;
        http_reply_problem(ctx, kind, field[0] ? field : NULL, "%s", err);
        return;
    }
    int error;
    json_t *out = facts_evaluate(w->shared->editions, facts, module, as_of, region, NULL, NULL,
                                 &error, err, sizeof err);
    free(facts);
    if (!out) {
        http_reply_problem(
            ctx, error == FACTS_EVAL_NO_EDITION ? HTTP_E_UNPROCESSABLE : HTTP_E_INVALID_PARAMETER,
            error == FACTS_EVAL_NO_EDITION ? NULL : "module", "%s", err);
        return;
    }
    http_reply_json(ctx, 200, out);
}
