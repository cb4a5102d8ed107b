/* sch_read.c: read Schematron files: include/extends expansion, attributes, lines, errors. */
#include "sch_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>
#include <libxslt/xsltutils.h>

#include "xmlload.h"

#define S_MAX_DEPTH 16 /* nesting of includes (cycles end here) */

/* ---- small helpers ------------------------------------------------------- */

void *imp_sch_grow(void *vp, size_t n, size_t size)
{
    void **v = vp;
    if (n == 0 || (n & (n - 1)) == 0) {
        size_t cap = n ? 2 * n : 1;
        void *nv = realloc(*v, cap * size);
        if (!nv)
            return NULL;
        *v = nv;
    }
    char *slot = (char *)*v + n * size;
    memset(slot, 0, size);
    return slot;
}

static void S_ignore_structured(void *ud, xmlErrorPtr err)
{
    (void)ud;
    (void)err;
}

static void S_ignore_generic(void *ud, const char *msg, ...)
{
    (void)ud;
    (void)msg;
}

void imp_sch_errors_capture(imp_sch_errsave *save, void *ud, xmlStructuredErrorFunc sfn,
                            xmlGenericErrorFunc gfn)
{
    save->sfn = xmlStructuredError;
    save->sctx = xmlStructuredErrorContext;
    save->gfn = xmlGenericError;
    save->gctx = xmlGenericErrorContext;
    save->xfn = xsltGenericError;
    save->xctx = xsltGenericErrorContext;
    xmlSetStructuredErrorFunc(ud, sfn);
    xmlSetGenericErrorFunc(ud, gfn);
    xsltSetGenericErrorFunc(ud, gfn);
}

void imp_sch_errors_quiet(imp_sch_errsave *save, void *ud)
{
    imp_sch_errors_capture(save, ud, S_ignore_structured, S_ignore_generic);
}

void imp_sch_errors_restore(const imp_sch_errsave *save)
{
    xmlSetStructuredErrorFunc(save->sctx, save->sfn);
    xmlSetGenericErrorFunc(save->gctx, save->gfn);
    xsltSetGenericErrorFunc(save->xctx, save->xfn);
}

static char *S_dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

int imp_sch_is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns &&
           !strcmp((const char *)n->ns->href, IMP_SCH_NS) &&
           (!name || !strcmp((const char *)n->name, name));
}

/* An attribute (no namespace) as a malloc'd string, or NULL. */
char *imp_sch_attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    char *r = S_dup((const char *)v);
    xmlFree(v);
    return r;
}

int imp_sch_attr_is(xmlNodePtr n, const char *name, const char *value)
{
    char *v = imp_sch_attr(n, name);
    int r = v && !strcmp(v, value);
    free(v);
    return r;
}

char *imp_sch_text(xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *r = S_dup(c ? (const char *)c : "");
    xmlFree(c);
    return r ? imp_diag_fold(r) : NULL;
}

/* The file a node came from, interned in the schema so sources can borrow it. */
static const char *S_file(imp_sch_cc *cc, xmlNodePtr n)
{
    const char *url = n && n->doc && n->doc->URL ? (const char *)n->doc->URL : cc->s->path;
    imp_sch *s = cc->s;
    for (size_t i = 0; i < s->nfiles; i++)
        if (!strcmp(s->files[i], url))
            return s->files[i];
    char **slot = imp_sch_grow(&s->files, s->nfiles, sizeof *slot);
    if (!slot || !(*slot = strdup(url)))
        return s->path;
    s->nfiles++;
    return *slot;
}

imp_sch_src imp_sch_src_of(imp_sch_cc *cc, xmlNodePtr n)
{
    imp_sch_src at = {S_file(cc, n), n ? imp_xml_line(n) : 0};
    return at;
}

void imp_sch_error(imp_sch_cc *cc, xmlNodePtr n, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    imp_sch_src at = imp_sch_src_of(cc, n);
    imp_diag_add(cc->d, IMP_SEV_ERROR, at.file, at.line, 0, NULL, "%s", buf);
    cc->errors++;
}

void imp_sch_push_node(imp_sch_nodes *l, xmlNodePtr n)
{
    xmlNodePtr *slot = imp_sch_grow(&l->v, l->n, sizeof *slot);
    if (slot) {
        *slot = n;
        l->n++;
    }
}

/* ---- includes ----------------------------------------------------------- */

/* Read a schema file (cached), only from under the schema's folder. */
static xmlDocPtr S_load(imp_sch_cc *cc, xmlNodePtr from, const char *path)
{
    for (size_t i = 0; i < cc->ndocs; i++)
        if (!strcmp(cc->docs[i].path, path))
            return cc->docs[i].doc;
    xmlDocPtr doc = NULL;
    struct stat sb;
    if (stat(path, &sb) != 0) {
        imp_sch_error(cc, from, "schema error: the included file \"%s\" does not exist", path);
    } else if (!imp_xml_path_under(path, cc->dir)) {
        imp_sch_error(cc, from,
                      "schema error: the included file \"%s\" is outside the schema's folder, "
                      "so it is not read",
                      path);
    } else {
        doc = imp_xml_load(path, cc->dir, cc->d);
        /* imp_xml_load installs its own silencer; take the errors back */
        imp_sch_errors_restore(&cc->save);
        imp_sch_errors_quiet(&cc->save, cc);
        if (!doc)
            imp_sch_error(cc, from, "schema error: the included file \"%s\" could not be read",
                          path);
    }
    imp_sch_loaded *slot = imp_sch_grow(&cc->docs, cc->ndocs, sizeof *slot);
    if (!slot || !(slot->path = strdup(path))) {
        xmlFreeDoc(doc);
        return NULL;
    }
    slot->doc = doc;
    cc->ndocs++;
    return doc;
}

static xmlNodePtr S_find_id(xmlNodePtr n, const char *id)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (imp_sch_attr_is(n, "id", id))
            return n;
        xmlNodePtr r = S_find_id(n->children, id);
        if (r)
            return r;
    }
    return NULL;
}

/* The element an sch:include or sch:extends @href names: "file",
 * "file#id" or "#id", relative to the file the reference is in. */
static xmlNodePtr S_resolve_href(imp_sch_cc *cc, xmlNodePtr from)
{
    char *href = imp_sch_attr(from, "href");
    char *path = NULL;
    xmlNodePtr target = NULL;
    if (!href || !*href) {
        imp_sch_error(cc, from, "schema error: sch:%s has no href attribute",
                      (const char *)from->name);
        goto done;
    }
    char *hash = strchr(href, '#');
    if (hash)
        *hash++ = '\0';
    const char *colon = strchr(href, ':'), *slash = strchr(href, '/');
    if (colon && (!slash || colon < slash)) {
        imp_sch_error(cc, from, "schema error: \"%s\" is not a file in the schema's folder", href);
        goto done;
    }
    xmlDocPtr doc = from->doc;
    if (*href) {
        if (href[0] == '/') {
            path = strdup(href);
        } else {
            char *base = imp_xml_dirname(doc && doc->URL ? (const char *)doc->URL : cc->s->path);
            size_t n = strlen(base) + strlen(href) + 2;
            path = base ? malloc(n) : NULL;
            if (path)
                snprintf(path, n, "%s/%s", base, href);
            free(base);
        }
        doc = path ? S_load(cc, from, path) : NULL;
        if (!doc)
            goto done;
    }
    target = hash && *hash ? S_find_id(doc->children, hash) : xmlDocGetRootElement(doc);
    if (!target)
        imp_sch_error(cc, from, "schema error: there is no element with id \"%s\" in \"%s\"",
                      hash ? hash : "", path ? path : (const char *)doc->URL);
done:
    free(href);
    free(path);
    return target;
}

/* The element children of parent, with sch:include replaced by the element
 * it names and sch:extends/@href by that element's children. */
void imp_sch_kids(imp_sch_cc *cc, xmlNodePtr parent, imp_sch_nodes *out, int depth)
{
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        int inc = imp_sch_is(c, "include");
        int ext = imp_sch_is(c, "extends") && xmlHasProp(c, (const xmlChar *)"href") &&
                  !xmlHasProp(c, (const xmlChar *)"rule");
        if (!inc && !ext) {
            imp_sch_push_node(out, c);
            continue;
        }
        if (depth >= S_MAX_DEPTH) {
            imp_sch_error(cc, c,
                          "schema error: includes are nested too deeply (is there a cycle?)");
            continue;
        }
        xmlNodePtr t = S_resolve_href(cc, c);
        if (!t)
            continue;
        if (inc && imp_sch_is(t, "include"))
            imp_sch_error(cc, c, "schema error: an sch:include names another sch:include");
        else if (inc && !(imp_sch_is(t, "schema") && imp_sch_is(parent, "schema")))
            imp_sch_push_node(out, t);
        else /* extends, or a whole schema included into a schema: its contents */
            imp_sch_kids(cc, t, out, depth + 1);
    }
}
