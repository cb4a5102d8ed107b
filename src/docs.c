/* docs.c: pack or portfolio → checked → XSL-FO through impack's stylesheets
 * (or the user's own), and make dependency lines. */
#include "docs.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "check.h"
#include "xform.h"
#include "xmlload.h"

#define S_MAX_PARAMS 32

/* The parameters impack's own stylesheets take (see stylesheets/common.xsl). */
static const char *const S_known[] = {"paper", "organisation", "logo", "font-family", "lines",
                                      NULL};

/* A number from lo to hi, written as digits only. */
static int S_number(const char *v, long lo, long hi)
{
    char *end = NULL;
    long x = strtol(v, &end, 10);
    return *v && end && !*end && x >= lo && x <= hi;
}

/* Check one name=value string; the logo becomes the full path of the file. */
static int S_param_ok(const imp_docs_opts *o, const char *p, size_t len, const char **v,
                      char **logo, imp_diags *d)
{
    int known = o->xsl != NULL;
    for (size_t k = 0; S_known[k] && !known; k++)
        known = strlen(S_known[k]) == len && !strncmp(S_known[k], p, len);
    if (!known) {
        imp_diag_add(d, IMP_SEV_ERROR, NULL, 0, 0, NULL,
                     "--param %.*s: impack's stylesheets have no such parameter; use "
                     "paper, organisation, logo, font-family or lines.",
                     (int)len, p);
        return 0;
    }
    if (len == 5 && !strncmp(p, "paper", 5) && strcasecmp(*v, "A4") && strcasecmp(*v, "Letter")) {
        imp_diag_add(d, IMP_SEV_ERROR, NULL, 0, 0, NULL,
                     "--param paper=%s: the paper is A4 or Letter.", *v);
        return 0;
    }
    if (len == 5 && !strncmp(p, "lines", 5) && !S_number(*v, 1, 12)) {
        imp_diag_add(d, IMP_SEV_ERROR, NULL, 0, 0, NULL,
                     "--param lines=%s: give a number of write-in lines from 1 to 12.", *v);
        return 0;
    }
    if (len == 4 && !strncmp(p, "logo", 4) && **v) {
        char real[PATH_MAX];
        const char *dot = strrchr(*v, '.');
        if (!realpath(*v, real) || access(real, R_OK) != 0) {
            imp_diag_add(d, IMP_SEV_ERROR, *v, 0, 0, NULL, "cannot read the logo: %s.",
                         strerror(errno));
            return 0;
        }
        if (!dot || (strcasecmp(dot, ".png") && strcasecmp(dot, ".svg") &&
                     strcasecmp(dot, ".jpg") && strcasecmp(dot, ".jpeg"))) {
            imp_diag_add(d, IMP_SEV_ERROR, *v, 0, 0, NULL,
                         "the logo must be a PNG, SVG or JPEG file.");
            return 0;
        }
        free(*logo);
        *logo = strdup(real);
        *v = *logo;
    }
    return 1;
}

/* name=value strings → the name, value pairs libxslt takes, checking
 * impack's own parameters. Returns 0, or 2 with a diagnostic; *np counts
 * the strings made either way (the caller frees them). */
static int S_params(const imp_docs_opts *o, const char **pv, size_t *np, char **logo,
                    imp_diags *d)
{
    *np = 0;
    for (const char *const *p = o->params; p && *p; p++) {
        const char *eq = strchr(*p, '=');
        if (!eq || eq == *p) {
            imp_diag_add(d, IMP_SEV_ERROR, NULL, 0, 0, NULL,
                         "--param \"%s\": write it as name=value, e.g. --param paper=Letter.", *p);
            return 2;
        }
        const char *v = eq + 1;
        if (!S_param_ok(o, *p, (size_t)(eq - *p), &v, logo, d))
            return 2;
        if (*np + 2 >= S_MAX_PARAMS) {
            imp_diag_add(d, IMP_SEV_ERROR, NULL, 0, 0, NULL, "too many --param options.");
            return 2;
        }
        pv[(*np)++] = strndup(*p, (size_t)(eq - *p));
        pv[(*np)++] = strdup(v);
    }
    if (o->kind == IMP_DOC_BLANK) {
        pv[(*np)++] = strdup("blank");
        pv[(*np)++] = strdup("1");
    }
    pv[*np] = NULL;
    return 0;
}

/* A blank pack of one type: what the stylesheet prints with nothing filled in. */
static xmlDocPtr S_blank_doc(int type, imp_diags *d)
{
    char buf[256];
    int n = snprintf(buf, sizeof buf,
                     "<microproject xmlns=\"" IMP_NS "\" version=\"1\" id=\"\">"
                     "<type>%d</type><status/></microproject>",
                     type);
    return imp_xml_load_memory(buf, (size_t)n, "(blank pack)", "/nonexistent", d);
}

int imp_docs_fo(const char *in, const imp_docs_opts *o, xmlDocPtr *fo, char **logo,
                imp_diags *d)
{
    int rc = 2;
    imp_checker *c = NULL;
    imp_xform *x = NULL;
    xmlDocPtr doc = NULL;
    char *dir = NULL;
    const char *pv[S_MAX_PARAMS + 6];
    size_t np = 0;
    int invalid = 0;
    *fo = NULL;
    if (S_params(o, pv, &np, logo, d))
        goto done;

    if (o->kind == IMP_DOC_BLANK) {
        if (o->blank_type < 1 || o->blank_type > 4) {
            imp_diag_add(d, IMP_SEV_ERROR, NULL, 0, 0, NULL, "the type is a number from 1 to 4.");
            goto done;
        }
        doc = S_blank_doc(o->blank_type, d);
        dir = strdup("/nonexistent");
        in = "(blank pack)";
    } else {
        c = imp_check_new(o->datadir, d);
        if (!c)
            goto done;
        imp_diags found = {0};
        imp_check_status st = imp_check_load(c, in, &found, &doc);
        imp_diag_dedupe(&found);
        imp_diag_sort(&found);
        imp_diag_append(d, &found);
        /* a portfolio that names a participant or holds an identifier is never
         * printed, not even as a draft: it would leave the practitioner's hands */
        int leak = 0;
        for (size_t i = 0; i < found.n; i++)
            leak |= found.v[i].sev == IMP_SEV_ERROR && found.v[i].rule &&
                    !strncmp(found.v[i].rule, "privacy.", 8);
        imp_diag_free(&found);
        if (st == IMP_CHECK_UNREADABLE)
            goto done;
        if (leak && o->draft && imp_check_root_is(doc, "portfolio")) {
            imp_diag_add(d, IMP_SEV_ERROR, in, 0, 0, NULL,
                         "a portfolio with a participant's name or an identifier in it is not "
                         "printed, not even as a draft: take them out first.");
            rc = 1;
            goto done;
        }
        if (st == IMP_CHECK_INVALID && !o->draft) {
            rc = 1;
            goto done;
        }
        invalid = st == IMP_CHECK_INVALID;
        if (invalid) { /* --draft: every page says so */
            pv[np++] = strdup("draft");
            pv[np++] = strdup("1");
            pv[np] = NULL;
        }
        dir = imp_xml_dirname(in);
    }
    if (!doc)
        goto done;

    const char *xsl = o->xsl;
    int portfolio = imp_check_root_is(doc, "portfolio");
    imp_doc_kind kind = o->kind;
    if (kind == IMP_DOC_AUTO)
        kind = portfolio ? IMP_DOC_PORTFOLIO : IMP_DOC_PACK;
    if ((kind == IMP_DOC_PORTFOLIO) != portfolio) {
        imp_diag_add(d, IMP_SEV_ERROR, in, 0, 0, NULL,
                     portfolio ? "this is a portfolio: build it without --doc, or with --doc portfolio."
                               : "this is a pack, not a portfolio: use --doc pack or --doc closure.");
        goto done;
    }
    if (!xsl)
        xsl = kind == IMP_DOC_PORTFOLIO ? "impack:portfolio.xsl"
              : kind == IMP_DOC_CLOSURE ? "impack:closure.xsl"
                                        : "impack:pack.xsl";
    /* tell the stylesheet which document is wanted: a layer for packs
     * refuses to print a closure checklist or a portfolio */
    pv[np++] = strdup("doc");
    pv[np++] = strdup(kind == IMP_DOC_PORTFOLIO ? "portfolio"
                      : kind == IMP_DOC_CLOSURE ? "closure"
                      : o->kind == IMP_DOC_BLANK ? "blank"
                                                 : "pack");
    pv[np] = NULL;
    x = imp_xform_load(xsl, o->datadir, d);
    if (!x)
        goto done;
    *fo = imp_xform_apply(x, doc, pv, dir, in, d);
    if (!*fo)
        goto done;
    xmlNodePtr r = xmlDocGetRootElement(*fo);
    if (!r || !r->ns || strcmp((const char *)r->ns->href, "http://www.w3.org/1999/XSL/Format") ||
        strcmp((const char *)r->name, "root")) {
        imp_diag_add(d, IMP_SEV_ERROR, xsl, 0, 0, NULL,
                     "the stylesheet did not make an XSL-FO document (its result does not start "
                     "with <fo:root>).");
        xmlFreeDoc(*fo);
        *fo = NULL;
        goto done;
    }
    rc = invalid; /* with --draft, an FO from input with errors: still 1 */
done:
    for (size_t i = 0; i < np; i++)
        free((char *)pv[i]);
    imp_xform_free(x);
    imp_check_free(c);
    xmlFreeDoc(doc);
    free(dir);
    return rc;
}

int imp_docs_save(xmlDocPtr fo, FILE *out)
{
    return xmlDocDump(out, fo) < 0 || fflush(out) != 0 ? -1 : 0;
}

/* --- make dependencies ---------------------------------------------------- */
/* "a/b/name.xml" → "name" (caller frees) */
static char *S_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return strndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

/* Make needs spaces and some characters escaped in file names. */
static void S_put(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '#' || *s == ':')
            fputc('\\', out);
        if (*s == '$')
            fputc('$', out);
        fputc(*s, out);
    }
}

/* "./x" → "x"; "dir/./x" stays; relative to the portfolio's folder */
static char *S_join(const char *dir, const char *href)
{
    if (href[0] == '/' || !strcmp(dir, "."))
        return strdup(href[0] == '.' && href[1] == '/' ? href + 2 : href);
    size_t n = strlen(dir) + strlen(href) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, href[0] == '.' && href[1] == '/' ? href + 2 : href);
    return p;
}

int imp_docs_deps(char *const *in, int n, const char *outdir, FILE *out, imp_diags *d)
{
    /* the files these rules were made from: impack.mk makes them again when
     * a file is added or taken away */
    fputs("IMPACK_DEP_SOURCES :=", out);
    for (int i = 0; i < n; i++) {
        fputc(' ', out);
        S_put(out, in[i]);
        if (strchr(in[i], ' '))
            imp_diag_add(d, IMP_SEV_WARNING, in[i], 0, 0, NULL,
                         "make cannot handle a file name with a space in it: rename the file "
                         "(e.g. with - instead of the spaces).");
    }
    fputc('\n', out);
    for (int i = 0; i < n; i++) {
        imp_diags own = {0};
        xmlDocPtr doc = imp_xml_load(in[i], NULL, &own);
        imp_xml_allow_root(NULL);
        char *stem = S_stem(in[i]);
        if (!doc)
            imp_diag_append(d, &own);
        /* a file that cannot be read yet gets the rules of a pack, so that
         * `impack build` says what is wrong with it every time */
        if (!doc || imp_check_root_is(doc, "microproject")) {
            fprintf(out, "IMPACK_PACKS += ");
            S_put(out, in[i]);
            fputc('\n', out);
            S_put(out, outdir);
            fputc('/', out);
            S_put(out, stem);
            fputs(".pdf ", out);
            S_put(out, outdir);
            fputc('/', out);
            S_put(out, stem);
            fprintf(out, "-closure.pdf: ");
            S_put(out, in[i]);
            fputc('\n', out);
        } else if (imp_check_root_is(doc, "portfolio")) {
            char *dir = imp_xml_dirname(in[i]);
            fprintf(out, "IMPACK_PORTFOLIOS += ");
            S_put(out, in[i]);
            fputc('\n', out);
            S_put(out, outdir);
            fputc('/', out);
            S_put(out, stem);
            fprintf(out, ".pdf: ");
            S_put(out, in[i]);
            xmlNodePtr root = xmlDocGetRootElement(doc);
            /* two passes: the rule, then an empty rule for each pack */
            for (int pass = 0; pass < 2; pass++) {
                for (xmlNodePtr s = root->children; s; s = s->next) {
                    if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "projects"))
                        continue;
                    for (xmlNodePtr p = s->children; p; p = p->next) {
                        xmlChar *href = p->type == XML_ELEMENT_NODE
                                            ? xmlGetProp(p, (const xmlChar *)"href")
                                            : NULL;
                        char *path = href && !strchr((const char *)href, ':')
                                         ? S_join(dir, (const char *)href)
                                         : NULL;
                        if (path) {
                            if (pass == 0)
                                fputc(' ', out);
                            S_put(out, path);
                            if (pass == 1)
                                fputs(":\n", out);
                        }
                        free(path);
                        xmlFree(href);
                    }
                }
                if (pass == 0)
                    fputc('\n', out);
            }
            free(dir);
        } else {
            imp_diag_add(d, IMP_SEV_WARNING, in[i], 0, 0, NULL,
                         "not a Microproject pack or a portfolio, so nothing is printed from it.");
        }
        free(stem);
        xmlFreeDoc(doc);
        imp_diag_free(&own);
    }
    return 0;
}
