/*
 * errors: tables generated from HTTP_ERRORS (see errors.h).
 */
#include "core/errors.h"

#include <stddef.h>

struct err_row {
    const char *name;
    int status;
    const char *slug;
    const char *type;
    const char *title;
};

static const struct err_row err_rows[HTTP_E__COUNT] = {
    [HTTP_OK] = {"OK", 200, "ok", "urn:peiyu:problem:ok", "OK"},
#define XX(name, status, slug, title)                                                              \
    [HTTP_E_##name] = {#name, status, slug, "urn:peiyu:problem:" slug, title},
    HTTP_ERRORS(XX)
#undef XX
};

static const struct err_row *
err_row(int err)
{
    if (err < 0)
        err = -err;
    if (err <= 0 || err >= HTTP_E__COUNT)
        err = HTTP_E_INTERNAL;
    return &err_rows[err];
}

int
http_err_status(int err)
{
    return err_row(err)->status;
}

const char *
http_err_slug(int err)
{
    return err_row(err)->slug;
}

const char *
http_err_title(int err)
{
    return err_row(err)->title;
}

const char *
http_err_type(int err)
{
    return err_row(err)->type;
}

const char *
http_err_name(int err)
{
    return err_row(err)->name;
}
