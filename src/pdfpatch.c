/* pdfpatch.c: what Cairo 1.16 cannot write, patched into the PDF it wrote
 * (the catalog's /Lang, /Alt and /Lang on structure elements, "D:" dates)
 * and what it writes wrong (an image named twice in a page's resources).
 * Insertions move what follows; the cross-reference table is rewritten. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdfpatch.h"

typedef struct {
    size_t pos;
    char *text;
} S_ins;

/* A PDF text string: literal for printable ASCII, else UTF-16BE hex with a BOM. */
static void S_pdf_text(GString *g, const char *s)
{
    int ascii = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p > 0x7e)
            ascii = 0;
    gunichar2 *u = ascii ? NULL : g_utf8_to_utf16(s, -1, NULL, NULL, NULL);
    if (u) {
        g_string_append(g, "<FEFF");
        for (gunichar2 *q = u; *q; q++)
            g_string_append_printf(g, "%04X", (unsigned)*q);
        g_string_append_c(g, '>');
        g_free(u);
        return;
    }
    g_string_append_c(g, '(');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '(' || *p == ')' || *p == '\\')
            g_string_append_c(g, '\\');
        g_string_append_c(g, *p < 0x20 || *p > 0x7e ? '?' : (char)*p);
    }
    g_string_append_c(g, ')');
}

static int S_starts(const guint8 *b, size_t n, size_t at, const char *s)
{
    size_t k = strlen(s);
    return at <= n && k <= n - at && !memcmp(b + at, s, k);
}

/* The classic xref table Cairo writes: one subsection "0 N", 20-byte entries. */
typedef struct {
    size_t xref;     /* offset of "xref" */
    size_t table;    /* offset of the first entry */
    long n;          /* entries */
    long root;       /* catalog object */
    long info;       /* document information object, 0 if none */
} S_xref;

static int S_read_xref(const guint8 *b, size_t n, S_xref *x)
{
    size_t i = n > 64 ? n - 64 : 0;
    const char *sx = NULL;
    for (; i + 9 <= n; i++)
        if (!memcmp(b + i, "startxref", 9))
            sx = (const char *)b + i;
    if (!sx)
        return -1;
    x->xref = (size_t)strtoul(sx + 9, NULL, 10);
    if (!S_starts(b, n, x->xref, "xref\n0 "))
        return -1;
    char *end;
    x->n = strtol((const char *)b + x->xref + 7, &end, 10);
    if (*end != '\n' || x->n < 1)
        return -1;
    x->table = (size_t)(end + 1 - (const char *)b);
    size_t after = x->table + (size_t)x->n * 20;
    if (after > n || !S_starts(b, n, after, "trailer"))
        return -1;
    const char *root = g_strstr_len((const char *)b + after, (gssize)(n - after), "/Root ");
    x->root = root ? strtol(root + 6, NULL, 10) : 0;
    const char *info = g_strstr_len((const char *)b + after, (gssize)(n - after), "/Info ");
    x->info = info ? strtol(info + 6, NULL, 10) : 0;
    if (x->info < 0 || x->info >= x->n)
        x->info = 0;
    return x->root > 0 && x->root < x->n ? 0 : -1;
}

static size_t S_offset(const guint8 *b, const S_xref *x, long i)
{
    const guint8 *e = b + x->table + (size_t)i * 20;
    return e[17] == 'n' ? (size_t)strtoul((const char *)e, NULL, 10) : 0;
}

static gint S_ins_cmp(gconstpointer a, gconstpointer b)
{
    const S_ins *p = a, *q = b;
    return p->pos < q->pos ? -1 : p->pos > q->pos;
}

/* Cairo 1.16 writes dates it is given as (19700101000000Z): add the "D:" prefix PDF asks for. */
static void S_plan_dates(const guint8 *b, size_t n, const S_xref *x, GArray *ins)
{
    static const char *const keys[] = {"/CreationDate (", "/ModDate ("};
    size_t off = x->info ? S_offset(b, x, x->info) : 0;
    const char *end = off ? g_strstr_len((const char *)b + off, (gssize)(n - off), "endobj") : NULL;
    for (int i = 0; end && i < 2; i++) {
        const char *k = g_strstr_len((const char *)b + off, end - ((const char *)b + off), keys[i]);
        size_t at = k ? (size_t)(k - (const char *)b) + strlen(keys[i]) : 0;
        if (k && !S_starts(b, n, at, "D:") && at < n && g_ascii_isdigit(b[at])) {
            S_ins in = {at, g_strdup("D:")};
            g_array_append_val(ins, in);
        }
    }
}

/* Where the insertions go: after the first line of the catalog and of each structure element. */
static void S_plan(const GArray *extra, imp_diags *d, const guint8 *b, size_t n, const S_xref *x,
                   const char *lang, GArray *ins)
{
    char head[64];
    if (lang) {
        size_t off = S_offset(b, x, x->root);
        int k = snprintf(head, sizeof head, "%ld 0 obj\n<< /Type /Catalog\n", x->root);
        if (S_starts(b, n, off, head)) {
            GString *g = g_string_new("   /Lang ");
            S_pdf_text(g, lang);
            g_string_append_c(g, '\n');
            S_ins in = {off + (size_t)k, g_string_free(g, FALSE)};
            g_array_append_val(ins, in);
        } else {
            imp_diag_add(d, IMP_SEV_WARNING, NULL, 0, 0, NULL,
                         "the document language could not be written into the PDF");
        }
    }
    S_plan_dates(b, n, x, ins);
    GArray *elems = g_array_new(FALSE, FALSE, sizeof(S_ins));
    for (long i = 1; i < x->n; i++) {
        size_t off = S_offset(b, x, i);
        int k = snprintf(head, sizeof head, "%ld 0 obj\n<< /Type /StructElem\n", i);
        if (off && S_starts(b, n, off, head)) {
            S_ins in = {off + (size_t)k, NULL};
            g_array_append_val(elems, in);
        }
    }
    g_array_sort(elems, S_ins_cmp);
    int need = 0; /* anything to write: else a mismatch loses nothing (an empty page) */
    for (guint i = 0; i < extra->len && !need; i++)
        need = g_array_index(extra, imp_pdf_extra, i).alt || g_array_index(extra, imp_pdf_extra, i).lang;
    if (elems->len != extra->len && !need) {
        g_array_set_size(elems, 0);
    } else if (elems->len != extra->len) {
        imp_diag_add(d, IMP_SEV_WARNING, NULL, 0, 0, NULL,
                     "alternative text and languages could not be matched to the PDF's "
                     "structure elements (%u found, %u expected); they are left out",
                     elems->len, extra->len);
        g_array_set_size(elems, 0);
    }
    for (guint i = 0; i < elems->len; i++) {
        const imp_pdf_extra *e = &g_array_index(extra, imp_pdf_extra, i);
        if (!e->alt && !e->lang)
            continue;
        GString *g = g_string_new(NULL);
        if (e->alt) {
            g_string_append(g, "   /Alt ");
            S_pdf_text(g, e->alt);
            g_string_append_c(g, '\n');
        }
        if (e->lang) {
            g_string_append(g, "   /Lang ");
            S_pdf_text(g, e->lang);
            g_string_append_c(g, '\n');
        }
        S_ins in = {g_array_index(elems, S_ins, i).pos, g_string_free(g, FALSE)};
        g_array_append_val(ins, in);
    }
    g_array_free(elems, TRUE);
}

/* How far an object that started at off moves: the insertions before it. */
static size_t S_shift(const GArray *ins, const size_t *sum, size_t off)
{
    guint lo = 0, hi = ins->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(ins, S_ins, mid).pos < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return sum[lo];
}

/* Insert text into the finished PDF and move every xref offset after it. */
/* Cairo 1.16 names an image in a page's resources once for each time the
 * page draws it ("/XObject << /x12 12 0 R /x12 12 0 R >>"), which PDF
 * checkers report as a duplicated key: the repeats are blanked out, in
 * place, so that no offset moves. */
static void S_dedup_xobjects(GByteArray *pdf)
{
    static const char key[] = "/XObject << ";
    char *b = (char *)pdf->data;
    size_t n = pdf->len, k = sizeof key - 1;
    for (size_t at = 0; at + k < n;) {
        char *hit = memchr(b + at, '/', n - at);
        if (!hit)
            break;
        at = (size_t)(hit - b) + 1;
        if ((size_t)(hit - b) + k > n || memcmp(hit, key, k))
            continue;
        char *end = memchr(hit + k, '>', n - (size_t)(hit - b) - k);
        char *nl = memchr(hit + k, '\n', n - (size_t)(hit - b) - k);
        if (!end || (nl && nl < end))
            continue;
        /* entries "/name N 0 R": each compared with those before it */
        char *e[256];
        size_t len[256];
        int ne = 0;
        for (char *p = hit + k; p < end && ne < 256;) {
            while (p < end && *p == ' ')
                p++;
            if (p >= end || *p != '/')
                break;
            char *q = memchr(p, 'R', (size_t)(end - p));
            if (!q)
                break;
            e[ne] = p;
            len[ne] = (size_t)(q + 1 - p);
            for (int j = 0; j < ne; j++)
                if (len[j] == len[ne] && !memcmp(e[j], p, len[ne])) {
                    memset(p, ' ', len[ne]);
                    ne--;
                    break;
                }
            ne++;
            p = q + 1;
        }
        at = (size_t)(end - b);
    }
}

GByteArray *imp_pdf_patch(GByteArray *pdf, const char *lang, const GArray *extra, imp_diags *d)
{
    S_dedup_xobjects(pdf);
    S_xref x;
    const guint8 *b = pdf->data;
    size_t n = pdf->len;
    if (S_read_xref(b, n, &x) != 0) {
        imp_diag_add(d, IMP_SEV_WARNING, NULL, 0, 0, NULL,
                     "the PDF's cross-reference table was not understood; its language and "
                     "alternative texts are left out");
        return pdf;
    }
    GArray *ins = g_array_new(FALSE, FALSE, sizeof(S_ins));
    S_plan(extra, d, b, n, &x, lang, ins);
    if (ins->len == 0) {
        g_array_free(ins, TRUE);
        return pdf;
    }
    g_array_sort(ins, S_ins_cmp);
    /* sum[j]: bytes inserted before insertion j */
    size_t *sum = g_new(size_t, ins->len + 1);
    sum[0] = 0;
    for (guint j = 0; j < ins->len; j++)
        sum[j + 1] = sum[j] + strlen(g_array_index(ins, S_ins, j).text);
    GByteArray *out = g_byte_array_sized_new((guint)n + 4096);
    size_t at = 0;
    for (guint i = 0; i < ins->len; i++) {
        S_ins *in = &g_array_index(ins, S_ins, i);
        g_byte_array_append(out, b + at, (guint)(in->pos - at));
        g_byte_array_append(out, (const guint8 *)in->text, (guint)strlen(in->text));
        at = in->pos;
    }
    /* everything up to the first xref entry; then entries moved by what went before them */
    g_byte_array_append(out, b + at, (guint)(x.table - at));
    for (long i = 0; i < x.n; i++) {
        const guint8 *e = b + x.table + (size_t)i * 20;
        size_t off = S_offset(b, &x, i);
        char ent[21];
        if (e[17] == 'n')
            snprintf(ent, sizeof ent, "%010zu%.10s", off + S_shift(ins, sum, off),
                     (const char *)e + 10);
        else
            memcpy(ent, e, 20);
        g_byte_array_append(out, (const guint8 *)ent, 20);
    }
    size_t shift = out->len - (x.table + (size_t)x.n * 20);
    size_t tail = x.table + (size_t)x.n * 20;
    const char *sx = g_strstr_len((const char *)b + tail, (gssize)(n - tail), "startxref\n");
    size_t sxo = sx ? (size_t)(sx - (const char *)b) : n;
    g_byte_array_append(out, b + tail, (guint)(sxo - tail));
    char end[64];
    snprintf(end, sizeof end, "startxref\n%zu\n%%%%EOF\n", x.xref + shift);
    g_byte_array_append(out, (const guint8 *)end, (guint)strlen(end));
    for (guint i = 0; i < ins->len; i++)
        g_free(g_array_index(ins, S_ins, i).text);
    g_array_free(ins, TRUE);
    g_free(sum);
    g_byte_array_free(pdf, TRUE);
    return out;
}

