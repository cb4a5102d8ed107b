/* diag.c: the diagnostics list and its text and JSON printers. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *S_dup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *r = malloc(n);
    if (r)
        memcpy(r, s, n);
    return r;
}

char *imp_diag_fold(char *s)
{
    char *w = s;
    int space = 1;
    for (char *r = s; *r; r++) {
        if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
            if (!space)
                *w++ = ' ';
            space = 1;
        } else {
            *w++ = *r;
            space = 0;
        }
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
    return s;
}

void imp_diag_add(imp_diags *d, imp_severity sev, const char *file, long line,
                  long col, const char *rule, const char *fmt, ...)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        imp_diag *v = realloc(d->v, cap * sizeof *v);
        if (!v)
            return; /* out of memory: the diagnostic is dropped, never a crash */
        d->v = v;
        d->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (msg)
        vsnprintf(msg, (size_t)len + 1, fmt, ap2);
    va_end(ap2);
    if (!msg)
        return;
    imp_diag_fold(msg); /* one line per diagnostic */
    imp_diag *g = &d->v[d->n++];
    g->sev = sev;
    g->file = S_dup(file);
    g->line = line;
    g->col = col;
    g->rule = S_dup(rule);
    g->msg = msg;
}

void imp_diag_append(imp_diags *dst, const imp_diags *src)
{
    for (size_t i = 0; i < src->n; i++) {
        const imp_diag *g = &src->v[i];
        imp_diag_add(dst, g->sev, g->file, g->line, g->col, g->rule, "%s", g->msg);
    }
}

void imp_diag_free(imp_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].rule);
        free(d->v[i].msg);
    }
    free(d->v);
    d->v = NULL;
    d->n = d->cap = 0;
}

size_t imp_diag_count(const imp_diags *d, imp_severity sev)
{
    size_t c = 0;
    for (size_t i = 0; i < d->n; i++)
        c += d->v[i].sev == sev;
    return c;
}

/* Sorting key: the index of the first diagnostic naming the same file, so
 * files keep the order they were met in. */
typedef struct {
    imp_diag g;
    size_t file_rank;
    size_t seq;
} S_keyed;

static int S_cmp(const void *a, const void *b)
{
    const S_keyed *x = a, *y = b;
    if (x->file_rank != y->file_rank)
        return x->file_rank < y->file_rank ? -1 : 1;
    if (x->g.line != y->g.line)
        return x->g.line < y->g.line ? -1 : 1;
    if (x->g.col != y->g.col)
        return x->g.col < y->g.col ? -1 : 1;
    return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

void imp_diag_sort(imp_diags *d)
{
    if (d->n < 2)
        return;
    S_keyed *k = malloc(d->n * sizeof *k);
    if (!k)
        return;
    for (size_t i = 0; i < d->n; i++) {
        size_t rank = i;
        for (size_t j = 0; j < i; j++) {
            const char *a = d->v[i].file, *b = d->v[j].file;
            if ((!a && !b) || (a && b && strcmp(a, b) == 0)) {
                rank = k[j].file_rank;
                break;
            }
        }
        k[i].g = d->v[i];
        k[i].file_rank = rank;
        k[i].seq = i;
    }
    qsort(k, d->n, sizeof *k, S_cmp);
    for (size_t i = 0; i < d->n; i++)
        d->v[i] = k[i].g;
    free(k);
}

static int S_same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

void imp_diag_dedupe(imp_diags *d)
{
    size_t w = 0;
    for (size_t i = 0; i < d->n; i++) {
        imp_diag *g = &d->v[i];
        size_t j;
        for (j = 0; j < w; j++) {
            imp_diag *k = &d->v[j];
            if (k->line == g->line && S_same(k->file, g->file) && S_same(k->rule, g->rule) &&
                (S_same(k->msg, g->msg) || (g->rule && k->sev != g->sev)))
                break;
        }
        if (j < w) {
            if (g->sev < d->v[j].sev) { /* more severe replaces */
                imp_diag tmp = d->v[j];
                d->v[j] = *g;
                *g = tmp;
            }
            free(g->file);
            free(g->rule);
            free(g->msg);
            continue;
        }
        d->v[w++] = *g;
    }
    d->n = w;
}

imp_severity imp_diag_severity_from_role(const char *role)
{
    if (!role)
        return IMP_SEV_ERROR;
    if (!strcasecmp(role, "warning") || !strcasecmp(role, "warn"))
        return IMP_SEV_WARNING;
    if (!strcasecmp(role, "info") || !strcasecmp(role, "information"))
        return IMP_SEV_INFO;
    return IMP_SEV_ERROR;
}

const char *imp_diag_severity_name(imp_severity sev)
{
    switch (sev) {
    case IMP_SEV_WARNING:
        return "warning";
    case IMP_SEV_INFO:
        return "note";
    default:
        return "error";
    }
}

void imp_diag_print_text(FILE *out, const imp_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const imp_diag *g = &d->v[i];
        if (g->file) {
            fputs(g->file, out);
            if (g->line > 0) {
                fprintf(out, ":%ld", g->line);
                if (g->col > 0)
                    fprintf(out, ":%ld", g->col);
            }
            fputs(": ", out);
        }
        fprintf(out, "%s: %s", imp_diag_severity_name(g->sev), g->msg);
        if (g->rule)
            fprintf(out, " [%s]", g->rule);
        fputc('\n', out);
    }
}

static void S_json_str(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", out);
            break;
        case '\\':
            fputs("\\\\", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '\t':
            fputs("\\t", out);
            break;
        default:
            if (*p < 0x20)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

void imp_diag_print_json(FILE *out, const imp_diags *d)
{
    fputs("[", out);
    for (size_t i = 0; i < d->n; i++) {
        const imp_diag *g = &d->v[i];
        fputs(i ? ",\n {" : "\n {", out);
        fputs("\"file\": ", out);
        S_json_str(out, g->file);
        if (g->line > 0)
            fprintf(out, ", \"line\": %ld", g->line);
        else
            fputs(", \"line\": null", out);
        if (g->col > 0)
            fprintf(out, ", \"column\": %ld, \"severity\": ", g->col);
        else
            fputs(", \"column\": null, \"severity\": ", out);
        S_json_str(out, imp_diag_severity_name(g->sev));
        fputs(", \"rule\": ", out);
        S_json_str(out, g->rule);
        fputs(", \"message\": ", out);
        S_json_str(out, g->msg);
        fputs("}", out);
    }
    fputs(d->n ? "\n]\n" : "]\n", out);
}

size_t imp_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    size_t row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t sub = prev + (a[i - 1] != b[j - 1]);
            size_t del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[lb];
}
