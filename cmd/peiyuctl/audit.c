/*
 * audit: `peiyuctl audit keygen|checkpoint|export|verify`, the auditor's
 * tools for the tamper-evident log (DESIGN.md "Audit", lib/auth/merkle.h).
 *
 *   audit keygen --out FILE          new Ed25519 private key (PEM, mode 0600,
 *                                    refuses to overwrite); prints the public
 *                                    key and its key_id
 *   audit checkpoint [--key FILE]    heads in one REPEATABLE READ snapshot,
 *                                    Merkle root, signature, insert (key:
 *                                    --key, else PEIYU_AUDIT_KEY_FILE)
 *   audit export --out FILE          every event (with its canonical text) and
 *                                    every checkpoint as JSON lines
 *   audit verify [--public-key PEM]  from the database: every chain (in SQL,
 *                                    audit_verify_chains) and every checkpoint
 *                                    (root and signature here)
 *   audit verify --file FILE --public-key PEM
 *                                    from an export and the public key alone:
 *                                    each event's fields against its canonical
 *                                    text, each hash, each chain, each
 *                                    checkpoint's heads, root and signature
 *
 * verify prints {ok, events_checked, streams, checkpoints_checked,
 * checkpoints_other_key, first_broken} (a checkpoint signed by another,
 * rotated key has its root and heads checked, not its signature) and exits 0 when all is intact, 1
 * at the first broken place (within a stream the lowest seq, across streams the lowest event id;
 * then checkpoints by id), 2 on unusable input.
 */
#include "auth/merkle.h"
#include "ctl.h"
#include "db.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct aopts {
    const char *out, *key, *file, *public_key;
};

static int
parse(int argc, char **argv, struct aopts *o, const char *who)
{
    memset(o, 0, sizeof *o);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc) {
            fprintf(stderr, "peiyuctl audit %s: %s needs a value\n", who, a);
            return -1;
        }
        const char *v = argv[++i];
        if (!strcmp(a, "--out"))
            o->out = v;
        else if (!strcmp(a, "--key"))
            o->key = v;
        else if (!strcmp(a, "--file"))
            o->file = v;
        else if (!strcmp(a, "--public-key"))
            o->public_key = v;
        else {
            fprintf(stderr, "peiyuctl audit %s: unknown option %s\n", who, a);
            return -1;
        }
    }
    return 0;
}

/* ---- keygen ------------------------------------------------------------- */

static int
keygen(const struct aopts *o)
{
    if (!o->out) {
        fprintf(stderr, "peiyuctl audit keygen: --out FILE is required\n");
        return 2;
    }
    EVP_PKEY *k = audit_key_generate();
    if (!k) {
        fprintf(stderr, "peiyuctl audit keygen: key generation failed\n");
        return 1;
    }
    int fd = open(o->out, O_WRONLY | O_CREAT | O_EXCL, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        fprintf(stderr, "peiyuctl audit keygen: %s: %s\n", o->out, strerror(errno));
        if (fd >= 0)
            close(fd);
        EVP_PKEY_free(k);
        return 1;
    }
    int ok = PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL) == 1;
    ok = (fclose(f) == 0) && ok;
    char kid[65];
    char *pem = audit_public_pem(k);
    if (!ok || !pem || audit_key_id(k, kid) < 0) {
        fprintf(stderr, "peiyuctl audit keygen: cannot write %s\n", o->out);
        free(pem);
        EVP_PKEY_free(k);
        return 1;
    }
    printf("%skey_id: %s\n", pem, kid);
    free(pem);
    EVP_PKEY_free(k);
    return 0;
}

/* ---- checkpoint --------------------------------------------------------- */

static void
rollback(PGconn *pg)
{
    PQclear(PQexec(pg, "ROLLBACK"));
}

static int
checkpoint(const struct aopts *o)
{
    const char *path = o->key ? o->key : getenv("PEIYU_AUDIT_KEY_FILE");
    if (!path || !*path) {
        fprintf(stderr, "peiyuctl audit checkpoint: give --key FILE or set PEIYU_AUDIT_KEY_FILE\n");
        return 2;
    }
    char err[512];
    EVP_PKEY *key = audit_key_load(path, 0, err, sizeof err);
    if (!key) {
        fprintf(stderr, "peiyuctl audit checkpoint: %s\n", err);
        return 2;
    }
    int rc = 1;
    PGconn *pg = ctl_db_connect("audit checkpoint");
    PGresult *r = NULL;
    json_t *heads = NULL;
    struct audit_head_ref *refs = NULL;
    if (!pg)
        goto done;
    PQclear(PQexec(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ"));
    r = PQexec(pg, "SELECT stream_count, heads FROM audit_checkpoint_heads()");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        fprintf(stderr, "peiyuctl audit checkpoint: %s", PQresultErrorMessage(r));
        rollback(pg);
        goto done;
    }
    heads = json_loads(PQgetvalue(r, 0, 1), 0, NULL);
    size_t n;
    char root[65], kid[65], sig[AUDIT_SIG_B64_LEN + 1], msg[160], count[24];
    if (audit_heads_from_json(heads, &refs, &n, err, sizeof err) < 0 ||
        audit_merkle_root(refs, n, root) < 0 || audit_key_id(key, kid) < 0) {
        fprintf(stderr, "peiyuctl audit checkpoint: cannot compute the root\n");
        rollback(pg);
        goto done;
    }
    size_t len = audit_checkpoint_message((long long)n, root, msg, sizeof msg);
    if (audit_sign(key, msg, len, sig) < 0) {
        fprintf(stderr, "peiyuctl audit checkpoint: signing failed\n");
        rollback(pg);
        goto done;
    }
    snprintf(count, sizeof count, "%zu", n);
    const char *p[5] = {count, PQgetvalue(r, 0, 1), root, sig, kid};
    PGresult *heads_res = r;
    r = PQexecParams(pg, "SELECT audit_checkpoint_insert($1::integer, $2::jsonb, $3, $4, $5, 0)", 5,
                     NULL, p, NULL, NULL, 0);
    PQclear(heads_res);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        fprintf(stderr, "peiyuctl audit checkpoint: %s", PQresultErrorMessage(r));
        rollback(pg);
        goto done;
    }
    if (PQgetisnull(r, 0, 0)) {
        fprintf(stderr, "peiyuctl audit checkpoint: another checkpoint is being written; "
                        "try again\n");
        rollback(pg);
        goto done;
    }
    PGresult *c = PQexec(pg, "COMMIT");
    if (PQresultStatus(c) == PGRES_COMMAND_OK) {
        printf("{\"id\":%s,\"stream_count\":%zu,\"merkle_root\":\"%s\",\"key_id\":\"%s\"}\n",
               PQgetvalue(r, 0, 0), n, root, kid);
        rc = 0;
    }
    PQclear(c);
done:
    free(refs);
    json_decref(heads);
    PQclear(r);
    PQfinish(pg);
    EVP_PKEY_free(key);
    return rc;
}

/* ---- export ------------------------------------------------------------- */

#define EXPORT_EVENTS                                                                              \
    "DECLARE ev NO SCROLL CURSOR FOR SELECT json_build_object('type', 'event', 'id', e.id,"        \
    " 'stream', e.stream, 'seq', e.seq,"                                                           \
    " 'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"                \
    " 'actor_id', e.actor_id, 'actor', e.actor, 'action', e.action, 'entity', e.entity,"           \
    " 'entity_id', e.entity_id, 'before', e.before, 'after', e.after, 'reason', e.reason,"         \
    " 'request_id', e.request_id, 'prev_hash', e.prev_hash, 'hash', e.hash,"                       \
    " 'canonical', audit_canonical(e))::text FROM audit_event e ORDER BY e.stream, e.seq"

#define EXPORT_CHECKPOINTS                                                                         \
    "SELECT json_build_object('type', 'checkpoint', 'id', c.id,"                                   \
    " 'at', to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"                \
    " 'stream_count', c.stream_count, 'heads', c.heads, 'merkle_root', c.merkle_root,"             \
    " 'signature', c.signature, 'key_id', c.key_id)::text FROM audit_checkpoint c ORDER BY c.id"

static int
export_rows(PGconn *pg, FILE *f, long *count)
{
    for (;;) {
        PGresult *r = PQexec(pg, "FETCH 1000 FROM ev");
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            fprintf(stderr, "peiyuctl audit export: %s", PQresultErrorMessage(r));
            PQclear(r);
            return -1;
        }
        int n = PQntuples(r);
        for (int i = 0; i < n; i++) {
            fputs(PQgetvalue(r, i, 0), f);
            fputc('\n', f);
        }
        *count += n;
        PQclear(r);
        if (n == 0)
            return 0;
    }
}

static int export(const struct aopts *o)
{
    if (!o->out) {
        fprintf(stderr, "peiyuctl audit export: --out FILE is required\n");
        return 2;
    }
    PGconn *pg = ctl_db_connect("audit export");
    if (!pg)
        return 1;
    FILE *f = fopen(o->out, "w");
    if (!f) {
        fprintf(stderr, "peiyuctl audit export: %s: %s\n", o->out, strerror(errno));
        PQfinish(pg);
        return 1;
    }
    int rc = 1;
    long events = 0, checkpoints = 0;
    PQclear(PQexec(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    PGresult *r = PQexec(pg, EXPORT_EVENTS);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        fprintf(stderr, "peiyuctl audit export: %s", PQresultErrorMessage(r));
    PQclear(r);
    if (!ok || export_rows(pg, f, &events) < 0)
        goto done;
    r = PQexec(pg, EXPORT_CHECKPOINTS);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        fprintf(stderr, "peiyuctl audit export: %s", PQresultErrorMessage(r));
        PQclear(r);
        goto done;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        fputs(PQgetvalue(r, i, 0), f);
        fputc('\n', f);
    }
    checkpoints = PQntuples(r);
    PQclear(r);
    rc = 0;
done:
    rollback(pg);
    PQfinish(pg);
    if (fclose(f) != 0)
        rc = 1;
    if (rc == 0)
        printf("{\"events\":%ld,\"checkpoints\":%ld,\"out\":\"%s\"}\n", events, checkpoints,
               o->out);
    return rc;
}

/* ---- verify ------------------------------------------------------------- */

/* A broken place; the first is chosen as audit_verify_chains chooses. */
struct broken {
    char *stream; /* NULL for a checkpoint whose root or signature fails */
    long long seq, id, checkpoint;
    int prio; /* 0 chain, 1 head, 2 checkpoint head */
    char *reason;
};

struct report {
    long long events, streams, checkpoints, other_key;
    struct broken *b;
    size_t nb, cap;
};

static void
add_broken(struct report *rp, const char *stream, long long seq, long long id, long long ck,
           int prio, const char *reason)
{
    if (rp->nb == rp->cap) {
        rp->cap = rp->cap ? rp->cap * 2 : 16;
        rp->b = realloc(rp->b, rp->cap * sizeof *rp->b);
        if (!rp->b)
            abort();
    }
    struct broken *b = &rp->b[rp->nb++];
    b->stream = stream ? strdup(stream) : NULL;
    b->seq = seq;
    b->id = id;
    b->checkpoint = ck;
    b->prio = prio;
    b->reason = strdup(reason);
}

/* Within a stream the lowest (seq, prio, checkpoint); across streams the lowest id. */
static const struct broken *
first_broken(const struct report *rp)
{
    const struct broken *best = NULL;
    for (size_t i = 0; i < rp->nb; i++) {
        const struct broken *b = &rp->b[i];
        if (!b->stream)
            continue;
        /* is b the first of its stream? */
        int first = 1;
        for (size_t j = 0; j < rp->nb && first; j++) {
            const struct broken *c = &rp->b[j];
            if (j == i || !c->stream || strcmp(c->stream, b->stream))
                continue;
            if (c->seq < b->seq || (c->seq == b->seq && c->prio < b->prio) ||
                (c->seq == b->seq && c->prio == b->prio && c->checkpoint < b->checkpoint) ||
                (c->seq == b->seq && c->prio == b->prio && c->checkpoint == b->checkpoint && j < i))
                first = 0;
        }
        if (!first)
            continue;
        if (!best)
            best = b;
        else if ((b->id && !best->id) || (b->id && best->id && b->id < best->id) ||
                 (b->id == best->id && strcmp(b->stream, best->stream) < 0))
            best = b;
    }
    if (best)
        return best;
    for (size_t i = 0; i < rp->nb; i++) /* checkpoints, in the order checked (by id) */
        if (!rp->b[i].stream)
            return &rp->b[i];
    return NULL;
}

static int
report_print(struct report *rp)
{
    const struct broken *b = first_broken(rp);
    json_t *out =
        json_pack("{s:b, s:I, s:I, s:I, s:I}", "ok", b == NULL, "events_checked",
                  (json_int_t)rp->events, "streams", (json_int_t)rp->streams, "checkpoints_checked",
                  (json_int_t)rp->checkpoints, "checkpoints_other_key", (json_int_t)rp->other_key);
    if (b) {
        json_t *fb = json_pack("{s:s?, s:o, s:o, s:o, s:s}", "stream", b->stream, "seq",
                               b->stream ? json_integer(b->seq) : json_null(), "id",
                               b->id ? json_integer(b->id) : json_null(), "checkpoint_id",
                               b->checkpoint ? json_integer(b->checkpoint) : json_null(), "reason",
                               b->reason);
        json_object_set_new(out, "first_broken", fb);
        if (b->stream)
            fprintf(stderr,
                    "peiyuctl audit verify: broken at stream %s seq %lld (event %lld): %s\n",
                    b->stream, b->seq, b->id, b->reason);
        else
            fprintf(stderr, "peiyuctl audit verify: checkpoint %lld: %s\n", b->checkpoint,
                    b->reason);
    } else {
        json_object_set_new(out, "first_broken", json_null());
    }
    char *s = json_dumps(out, JSON_COMPACT);
    puts(s);
    free(s);
    json_decref(out);
    for (size_t i = 0; i < rp->nb; i++) {
        free(rp->b[i].stream);
        free(rp->b[i].reason);
    }
    free(rp->b);
    return b ? 1 : 0;
}

/* Check one checkpoint's root and signature; a failure is added to rp. */
static void
check_checkpoint(struct report *rp, EVP_PKEY *key, long long id, json_t *heads,
                 long long stream_count, const char *root, const char *sig, const char *kid)
{
    struct audit_head_ref *refs = NULL;
    size_t n = 0;
    char why[512];
    rp->checkpoints++;
    int rc = audit_heads_from_json(heads, &refs, &n, why, sizeof why);
    if (rc == 0)
        rc = audit_checkpoint_check(key, refs, n, stream_count, root, sig, kid, why, sizeof why);
    free(refs);
    rp->other_key += rc == 1;
    if (rc >= 0)
        return;
    char reason[600];
    snprintf(reason, sizeof reason, "checkpoint %lld: %s", id, why);
    add_broken(rp, NULL, 0, 0, id, 3, reason);
}

static int
verify_db(EVP_PKEY *key)
{
    PGconn *pg = ctl_db_connect("audit verify");
    if (!pg)
        return 1;
    struct report rp = {0};
    int rc = 1;
    PQclear(PQexec(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    PGresult *r = PQexec(pg, "SELECT events_checked, streams, stream, seq, id, checkpoint_id,"
                             " reason FROM audit_verify_chains()");
    PGresult *c = NULL;
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        fprintf(stderr, "peiyuctl audit verify: %s", PQresultErrorMessage(r));
        goto done;
    }
    rp.events = atoll(PQgetvalue(r, 0, 0));
    rp.streams = atoll(PQgetvalue(r, 0, 1));
    if (!PQgetisnull(r, 0, 6))
        add_broken(&rp, PQgetvalue(r, 0, 2), atoll(PQgetvalue(r, 0, 3)), atoll(PQgetvalue(r, 0, 4)),
                   atoll(PQgetvalue(r, 0, 5)), 0, PQgetvalue(r, 0, 6));
    c = PQexec(pg, "SELECT id, stream_count, heads::text, merkle_root, signature, key_id"
                   " FROM audit_checkpoint ORDER BY id");
    if (PQresultStatus(c) != PGRES_TUPLES_OK) {
        fprintf(stderr, "peiyuctl audit verify: %s", PQresultErrorMessage(c));
        goto done;
    }
    for (int i = 0; i < PQntuples(c); i++) {
        json_t *heads = json_loads(PQgetvalue(c, i, 2), 0, NULL);
        check_checkpoint(&rp, key, atoll(PQgetvalue(c, i, 0)), heads, atoll(PQgetvalue(c, i, 1)),
                         PQgetvalue(c, i, 3), PQgetvalue(c, i, 4), PQgetvalue(c, i, 5));
        json_decref(heads);
    }
    rc = report_print(&rp);
    rp.b = NULL;
done:
    if (rc == 1 && rp.b) {
        for (size_t i = 0; i < rp.nb; i++) {
            free(rp.b[i].stream);
            free(rp.b[i].reason);
        }
        free(rp.b);
    }
    PQclear(r);
    PQclear(c);
    rollback(pg);
    PQfinish(pg);
    return rc;
}

/* Events of an export, sorted by (stream, seq). */
struct fev {
    json_t *j;
    const char *stream;
    long long seq, id;
};

static int
by_stream_seq(const void *a, const void *b)
{
    const struct fev *x = a, *y = b;
    int c = strcmp(x->stream, y->stream);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static const char *const canonical_fields[] = {"stream", "seq",    "at",     "actor_id",
                                               "actor",  "action", "entity", "entity_id",
                                               "before", "after",  "reason", "request_id"};
#define NCANON (sizeof canonical_fields / sizeof canonical_fields[0])

/* Does the canonical text say what the event's fields say? NULL, or the differing field. */
static const char *
canonical_mismatch(json_t *ev, json_t *canon)
{
    if (!json_is_object(canon))
        return "canonical";
    if (json_object_size(canon) != NCANON)
        return "canonical";
    for (size_t i = 0; i < NCANON; i++) {
        json_t *a = json_object_get(ev, canonical_fields[i]);
        json_t *b = json_object_get(canon, canonical_fields[i]);
        if (!a || !b || !json_equal(a, b))
            return canonical_fields[i];
    }
    return NULL;
}

static void
check_file_events(struct report *rp, struct fev *ev, size_t n)
{
    char reason[600];
    const struct fev *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        struct fev *e = &ev[i];
        if (prev && strcmp(prev->stream, e->stream))
            prev = NULL;
        if (!prev)
            rp->streams++;
        long long pseq = prev ? prev->seq : 0;
        const char *phash =
            prev ? json_string_value(json_object_get(prev->j, "hash")) : AUDIT_GENESIS_HASH;
        const char *prev_hash = json_string_value(json_object_get(e->j, "prev_hash"));
        const char *hash = json_string_value(json_object_get(e->j, "hash"));
        const char *canonical = json_string_value(json_object_get(e->j, "canonical"));
        reason[0] = '\0';
        if (e->seq != pseq + 1) {
            if (e->seq - pseq - 1 == 1)
                snprintf(reason, sizeof reason, "event seq %lld is missing (seq %lld follows %lld)",
                         pseq + 1, e->seq, pseq);
            else
                snprintf(reason, sizeof reason,
                         "events seq %lld to %lld are missing (seq %lld follows %lld)", pseq + 1,
                         e->seq - 1, e->seq, pseq);
        } else if (!prev_hash || !phash || strcmp(prev_hash, phash)) {
            snprintf(reason, sizeof reason,
                     "prev_hash %s is not the hash of the previous event (%s)",
                     prev_hash ? prev_hash : "(none)", phash ? phash : "(none)");
        } else if (!canonical) {
            snprintf(reason, sizeof reason, "the event has no canonical text");
        } else {
            json_t *canon = json_loads(canonical, JSON_DECODE_ANY, NULL);
            const char *field = canonical_mismatch(e->j, canon);
            json_decref(canon);
            char re[65];
            audit_chain_hash(prev_hash, canonical, strlen(canonical), re);
            if (field)
                snprintf(reason, sizeof reason, "field %s differs from the event's canonical text",
                         field);
            else if (!hash || strcmp(hash, re))
                snprintf(reason, sizeof reason,
                         "hash %s does not match the event's content (recomputed %s)",
                         hash ? hash : "(none)", re);
        }
        if (reason[0])
            add_broken(rp, e->stream, e->seq, e->id, 0, 0, reason);
        prev = e;
    }
}

static void
check_file_checkpoint(struct report *rp, EVP_PKEY *key, json_t *c, struct fev *ev, size_t n)
{
    long long id = (long long)json_integer_value(json_object_get(c, "id"));
    json_t *heads = json_object_get(c, "heads");
    char reason[600];
    size_t nh = json_array_size(heads);
    for (size_t i = 0; i < nh; i++) {
        json_t *h = json_array_get(heads, i);
        struct fev k = {.stream = json_string_value(json_object_get(h, "stream")),
                        .seq = (long long)json_integer_value(json_object_get(h, "seq"))};
        const char *hash = json_string_value(json_object_get(h, "hash"));
        if (!k.stream || !hash)
            continue; /* the root check below names the malformed head */
        struct fev *e = n ? bsearch(&k, ev, n, sizeof *ev, by_stream_seq) : NULL;
        const char *eh = e ? json_string_value(json_object_get(e->j, "hash")) : NULL;
        if (!e)
            snprintf(reason, sizeof reason,
                     "checkpoint %lld names seq %lld, which the log no longer holds", id, k.seq);
        else if (!eh || strcmp(eh, hash))
            snprintf(reason, sizeof reason,
                     "checkpoint %lld names hash %s for this event, the log holds %s", id, hash,
                     eh ? eh : "(none)");
        else
            continue;
        add_broken(rp, k.stream, k.seq, e ? e->id : 0, id, 2, reason);
    }
    check_checkpoint(rp, key, id, heads,
                     (long long)json_integer_value(json_object_get(c, "stream_count")),
                     json_string_value(json_object_get(c, "merkle_root")),
                     json_string_value(json_object_get(c, "signature")),
                     json_string_value(json_object_get(c, "key_id")));
}

static int
by_id(const void *a, const void *b)
{
    long long x = (long long)json_integer_value(json_object_get(*(json_t *const *)a, "id"));
    long long y = (long long)json_integer_value(json_object_get(*(json_t *const *)b, "id"));
    return (x > y) - (x < y);
}

static int
verify_file(const char *path, EVP_PKEY *key)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "peiyuctl audit verify: %s: %s\n", path, strerror(errno));
        return 2;
    }
    struct fev *ev = NULL;
    json_t **cks = NULL;
    size_t nev = 0, capev = 0, nck = 0, capck = 0;
    char *line = NULL;
    size_t linecap = 0;
    long lineno = 0;
    int rc = 2;
    while (getline(&line, &linecap, f) > 0) {
        lineno++;
        json_error_t jerr;
        json_t *j = json_loads(line, 0, &jerr);
        const char *type = json_string_value(json_object_get(j, "type"));
        json_t *seq = json_object_get(j, "seq"), *id = json_object_get(j, "id");
        if (type && !strcmp(type, "event") && json_is_integer(seq) && json_is_integer(id) &&
            json_is_string(json_object_get(j, "stream"))) {
            if (nev == capev) {
                capev = capev ? capev * 2 : 256;
                ev = realloc(ev, capev * sizeof *ev);
                if (!ev)
                    abort();
            }
            ev[nev++] =
                (struct fev){j, json_string_value(json_object_get(j, "stream")),
                             (long long)json_integer_value(seq), (long long)json_integer_value(id)};
        } else if (type && !strcmp(type, "checkpoint") && json_is_integer(id)) {
            if (nck == capck) {
                capck = capck ? capck * 2 : 16;
                cks = realloc(cks, capck * sizeof *cks);
                if (!cks)
                    abort();
            }
            cks[nck++] = j;
        } else {
            fprintf(stderr, "peiyuctl audit verify: %s:%ld: not an event or checkpoint line%s%s\n",
                    path, lineno, j ? "" : ": ", j ? "" : jerr.text);
            json_decref(j);
            goto done;
        }
    }
    if (nev)
        qsort(ev, nev, sizeof *ev, by_stream_seq);
    if (nck)
        qsort(cks, nck, sizeof *cks, by_id);
    struct report rp = {.events = (long long)nev};
    check_file_events(&rp, ev, nev);
    for (size_t i = 0; i < nck; i++)
        check_file_checkpoint(&rp, key, cks[i], ev, nev);
    rc = report_print(&rp);
done:
    for (size_t i = 0; i < nev; i++)
        json_decref(ev[i].j);
    for (size_t i = 0; i < nck; i++)
        json_decref(cks[i]);
    free(ev);
    free(cks);
    free(line);
    fclose(f);
    return rc;
}

static int
verify(const struct aopts *o)
{
    const char *path = o->public_key ? o->public_key : getenv("PEIYU_AUDIT_KEY_FILE");
    if (!path || !*path) {
        fprintf(stderr, "peiyuctl audit verify: give --public-key PEM (GET /v1/audit/key) "
                        "or set PEIYU_AUDIT_KEY_FILE\n");
        return 2;
    }
    char err[512];
    EVP_PKEY *key = audit_key_load(path, 1, err, sizeof err);
    if (!key) {
        fprintf(stderr, "peiyuctl audit verify: %s\n", err);
        return 2;
    }
    int rc = o->file ? verify_file(o->file, key) : verify_db(key);
    EVP_PKEY_free(key);
    return rc;
}

int
ctl_audit(int argc, char **argv)
{
    struct aopts o;
    const char *sub = argc > 1 ? argv[1] : "";
    if (parse(argc, argv, &o, sub) < 0)
        return 2;
    if (!strcmp(sub, "keygen"))
        return keygen(&o);
    if (!strcmp(sub, "checkpoint"))
        return checkpoint(&o);
    if (!strcmp(sub, "export"))
        return export(&o);
    if (!strcmp(sub, "verify"))
        return verify(&o);
    fprintf(stderr, "usage: peiyuctl audit keygen --out FILE | checkpoint [--key FILE] |"
                    " export --out FILE | verify [--file FILE] [--public-key PEM]\n");
    return 2;
}
