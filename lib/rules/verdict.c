/*
 * verdict: names and builder helpers; see verdict.h. Uses vsnprintf into
 * fixed buffers (truncating), never the heap; writes no text at all when the
 * verdict is not explained (rules_evaluate_decision).
 */
#include "rules/verdict.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "rules/edition.h"
#include "rules/facts.h"
#include "rules/module.h"
#include "rules/strbuf.h"

static const char *const outcome_names[] = {"eligible", "ineligible", "needs_review",
                                            "insufficient_data"};
static const char *const route_names[] = {NULL, "score", "direct", "conditions"};
static const char *const kind_names[] = {"gate", "score", "direct"};

const char *
rules_outcome_name(rules_outcome o)
{
    return outcome_names[o];
}

int
rules_outcome_parse(const char *s, rules_outcome *out)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(s, outcome_names[i]) == 0) {
            *out = (rules_outcome)i;
            return 0;
        }
    return -1;
}

const char *
rules_route_name(rules_route r)
{
    return route_names[r];
}

int
rules_route_parse(const char *s, rules_route *out)
{
    for (int i = 1; i < 4; i++)
        if (strcmp(s, route_names[i]) == 0) {
            *out = (rules_route)i;
            return 0;
        }
    return -1;
}

const char *
rules_criterion_kind_name(rules_criterion_kind k)
{
    return kind_names[k];
}

/* Copy NUL-terminated src into dst[size], truncating like snprintf "%s". */
static void
copy_str(char *dst, size_t size, const char *src)
{
    size_t n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void
rules_verdict_begin(rules_verdict *v, const rules_module *m, const rules_edition *e,
                    rules_date as_of, int fiscal_year, bool explain)
{
    v->module = m;
    v->explained = explain;
    /* Whole fixed-size buffers of equal size (a few vector moves, no
     * strnlen), then the NUL copy_str would have put at the end. */
    _Static_assert(sizeof v->edition == sizeof e->document, "edition size");
    _Static_assert(sizeof v->edition_id == sizeof e->edition_id, "edition_id size");
    if (e) {
        memcpy(v->edition, e->document, sizeof v->edition);
        memcpy(v->edition_id, e->edition_id, sizeof v->edition_id);
        v->edition[sizeof v->edition - 1] = '\0';
        v->edition_id[sizeof v->edition_id - 1] = '\0';
    } else {
        v->edition[0] = '\0';
        v->edition_id[0] = '\0';
    }
    v->verified = e ? e->verified : false;
    v->as_of = as_of;
    v->as_of_year = rules_date_year(as_of);
    v->fiscal_year = fiscal_year;
    v->outcome = RULES_INSUFFICIENT_DATA;
    v->route = RULES_ROUTE_NONE;
    v->scored = m->scored;
    v->score_known = false;
    v->score = v->score_min = v->score_max = 0;
    v->n_criteria = 0;
    v->n_missing = 0;
    v->has_award = false;
    v->award_fen = 0;
}

rules_criterion_result *(rules_verdict_add)(rules_verdict *v, int def_index)
{
    return rules_verdict_add_inline_(v, def_index);
}

const rules_criterion_result *
rules_verdict_find(const rules_verdict *v, const char *id)
{
    for (int i = 0; i < v->n_criteria; i++)
        if (strcmp(v->criteria[i].def->id, id) == 0)
            return &v->criteria[i];
    return NULL;
}

/*
 * Format a missing path: the conversions module code uses (%s, %d, %%) are
 * done here, anything else by vsnprintf. Missing paths are decision fields,
 * written in both modes; this keeps them off glibc's stdio machinery.
 */
static void
format_path(char *path, size_t size, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    rules_sb sb = rules_sb_make(path, size);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            const char *q = p;
            while (*q && *q != '%')
                q++;
            rules_sb_putn(&sb, p, (size_t)(q - p));
            p = q - 1;
            continue;
        }
        if (p[1] == 's')
            rules_sb_puts(&sb, va_arg(ap2, const char *));
        else if (p[1] == 'd')
            rules_sb_putd(&sb, va_arg(ap2, int), 1);
        else if (p[1] == '%')
            rules_sb_putc(&sb, '%');
        else {
            vsnprintf(path, size, fmt, ap);
            va_end(ap2);
            return;
        }
        p++;
    }
    rules_sb_end(&sb);
    va_end(ap2);
}

static void
missing_add(rules_verdict *v, char *path)
{
    for (int i = 0; i < v->n_missing; i++)
        if (strcmp(v->missing[i], path) == 0)
            return;
    if (v->n_missing == RULES_MAX_MISSING)
        return;
    if (v->n_missing == RULES_MAX_MISSING - 1)
        copy_str(path, RULES_PATH_LEN, "…");
    memcpy(v->missing[v->n_missing++], path, RULES_PATH_LEN);
}

void
rules_verdict_missing(rules_verdict *v, const char *fmt, ...)
{
    char path[RULES_PATH_LEN];
    va_list ap;
    va_start(ap, fmt);
    format_path(path, sizeof path, fmt, ap);
    va_end(ap);
    missing_add(v, path);
}

void
rules_verdict_missing_year(rules_verdict *v, int year, int fld)
{
    const char *name = rules_year_field_names[fld];
    size_t nl = strlen(name);
    if (year < 1000 || year > 9999 || nl < 4 || 11 + nl >= RULES_PATH_LEN ||
        v->n_missing >= RULES_MAX_MISSING - 1) {
        char path[RULES_PATH_LEN];
        rules_sb sb = rules_sb_make(path, sizeof path); /* "years.%d.%s" */
        rules_sb_puts(&sb, "years.");
        rules_sb_putd(&sb, year, 1);
        rules_sb_putc(&sb, '.');
        rules_sb_puts(&sb, name);
        rules_sb_end(&sb);
        missing_add(v, path);
        return;
    }
    /* The common case, written in place into the next slot: "years.YYYY.<name>". */
    char *p = v->missing[v->n_missing];
    memcpy(p, "years.", 6);
    p[6] = (char)('0' + year / 1000);
    p[7] = (char)('0' + year / 100 % 10);
    p[8] = (char)('0' + year / 10 % 10);
    p[9] = (char)('0' + year % 10);
    p[10] = '.';
    memcpy(p + 11, name, nl + 1);
    for (int i = 0; i < v->n_missing; i++) {
        const char *q = v->missing[i];
        /* year digits, dot and the name's first 4 bytes (all inside p's
         * string, nl ≥ 4) first: one 9-byte comparison rejects most */
        if (memcmp(q + 6, p + 6, 9) == 0 && strcmp(q, p) == 0)
            return;
    }
    v->n_missing++;
}

size_t(rules_fmt)(const rules_verdict *v, char *buf, size_t size, const char *fmt, ...)
{
    if (!v->explained) {
        if (size)
            buf[0] = '\0';
        return 0;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n < 0 ? 0 : (size_t)n;
}

void(rules_crit_value_fmt)(rules_criterion_result *c, const char *fmt, ...)
{
    if (!c->explain)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->value, sizeof c->value, fmt, ap);
    va_end(ap);
}

void
rules_crit_value_pct(rules_criterion_result *c, rules_ratio r)
{
    if (c->explain)
        rules_fmt_pct(c->value, sizeof c->value, r);
    c->has_exact = true;
    c->exact = r;
}

void
rules_crit_value_int(rules_criterion_result *c, int64_t n)
{
    if (c->explain)
        snprintf(c->value, sizeof c->value, "%lld", (long long)n);
    c->has_exact = true;
    c->exact = rules_ratio_make(n, 1);
}

void
rules_crit_value_yuan(rules_criterion_result *c, int64_t fen)
{
    if (c->explain) {
        char y[40];
        rules_fmt_yuan(y, sizeof y, fen);
        snprintf(c->value, sizeof c->value, "%s 元", y);
    }
    c->has_exact = true;
    c->exact = rules_ratio_make(fen, 1);
}

void
rules_crit_value_text(rules_criterion_result *c, const char *s)
{
    if (c->explain)
        copy_str(c->value, sizeof c->value, s);
}

void(rules_crit_threshold)(rules_criterion_result *c, const char *fmt, ...)
{
    if (!c->explain)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->threshold, sizeof c->threshold, fmt, ap);
    va_end(ap);
}

void(rules_crit_message)(rules_criterion_result *c, const char *fmt, ...)
{
    if (!c->explain)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->message_zh, sizeof c->message_zh, fmt, ap);
    va_end(ap);
}

void(rules_crit_gap)(rules_criterion_result *c, const char *unit, int64_t amount, const char *fmt,
                     ...)
{
    rules_crit_gap_amount(c, unit, amount);
    if (!c->explain)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->gap.text_zh, sizeof c->gap.text_zh, fmt, ap);
    va_end(ap);
}
