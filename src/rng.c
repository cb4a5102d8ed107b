/* rng.c: RELAX NG validation (libxml2) with errors explained from the grammar. */
#include "rng.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/xmlschemastypes.h>

#include "xmlload.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

/* --- a table of the vocabulary, read from the grammar ------------------ */
typedef struct {
    char **v;
    size_t n;
    unsigned char *unlisted; /* per value: hint:list="no" (allowed, never suggested) */
    char *datatype; /* "date", "token", ... or NULL */
} S_vals;

typedef struct {
    char *name;
    int required;
    S_vals vals;
} S_attr;

typedef struct {
    char *name;
    int required;
    int repeat;
} S_kid;

typedef struct {
    char *name;
    S_attr *attrs;
    size_t nattrs;
    S_kid *kids;
    size_t nkids;
    int interleave;
    int has_text;
    S_vals vals;
} S_elem;

struct imp_rng {
    xmlRelaxNGPtr schema;
    xmlDocPtr grammar;  /* read only when a document is invalid */
    char *path;
    S_elem *elems;
    size_t nelems;
    xmlNodePtr *walked; /* <element> patterns already described */
    size_t nwalked;
    xmlNodePtr *defines; /* the grammar's <define>s, while it is read */
    size_t ndefines;
};

static void *S_grow(void *p, size_t n, size_t size)
{
    /* grows one at a time; tables are small */
    void *q = realloc(p, (n + 1) * size);
    if (!q)
        abort(); /* the vocabulary table is tiny; no memory here is fatal */
    return q;
}

static int S_is(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, RNG_NS) &&
           !strcmp((const char *)n->name, name);
}

static char *S_prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *r = v ? strdup((const char *)v) : NULL;
    xmlFree(v);
    return r;
}

static S_elem *S_find(imp_rng *r, const char *name)
{
    for (size_t i = 0; i < r->nelems; i++)
        if (!strcmp(r->elems[i].name, name))
            return &r->elems[i];
    return NULL;
}

#define S_HINT_NS "urn:impack:hints"

static void S_add_value(S_vals *vals, const char *v, int unlisted)
{
    for (size_t i = 0; i < vals->n; i++)
        if (!strcmp(vals->v[i], v))
            return;
    vals->v = S_grow(vals->v, vals->n, sizeof *vals->v);
    vals->unlisted = S_grow(vals->unlisted, vals->n, sizeof *vals->unlisted);
    vals->unlisted[vals->n] = (unsigned char)unlisted;
    vals->v[vals->n++] = strdup(v);
}

static xmlNodePtr S_define(imp_rng *r, const char *name)
{
    for (size_t i = 0; i < r->ndefines; i++) {
        xmlAttrPtr a = xmlHasProp(r->defines[i], (const xmlChar *)"name");
        const xmlChar *dn = a && a->children ? a->children->content : NULL;
        if (dn && !strcmp((const char *)dn, name))
            return r->defines[i];
    }
    return NULL;
}

typedef struct {
    imp_rng *r;
    size_t elem;   /* index of the element being described */
    S_vals *vals;  /* where <value>/<data> go, or NULL */
    int optional;
    int repeat;
    int depth;
} S_walkctx;

static void S_walk(S_walkctx c, xmlNodePtr n);

static void S_walk_children(S_walkctx c, xmlNodePtr parent)
{
    for (xmlNodePtr k = parent->children; k; k = k->next)
        S_walk(c, k);
}

static void S_walk(S_walkctx c, xmlNodePtr n)
{
    if (n->type != XML_ELEMENT_NODE || !n->ns || strcmp((const char *)n->ns->href, RNG_NS) ||
        c.depth > 64)
        return;
    c.depth++;
    S_elem *cur = c.elem == (size_t)-1 ? NULL : &c.r->elems[c.elem];
    if (S_is(n, "element")) {
        char *name = S_prop(n, "name");
        if (!name)
            return;
        if (cur) {
            int seen = 0;
            for (size_t i = 0; i < cur->nkids; i++)
                seen |= !strcmp(cur->kids[i].name, name);
            if (!seen) {
                cur->kids = S_grow(cur->kids, cur->nkids, sizeof *cur->kids);
                cur->kids[cur->nkids++] = (S_kid){strdup(name), !c.optional, c.repeat};
            }
        }
        size_t idx;
        S_elem *e = S_find(c.r, name);
        if (e) {
            idx = (size_t)(e - c.r->elems);
        } else {
            c.r->elems = S_grow(c.r->elems, c.r->nelems, sizeof *c.r->elems);
            memset(&c.r->elems[c.r->nelems], 0, sizeof *c.r->elems);
            c.r->elems[c.r->nelems].name = strdup(name);
            idx = c.r->nelems++;
        }
        free(name);
        for (size_t i = 0; i < c.r->nwalked; i++)
            if (c.r->walked[i] == n)
                return; /* a define referenced twice: described already */
        c.r->walked = S_grow(c.r->walked, c.r->nwalked, sizeof *c.r->walked);
        c.r->walked[c.r->nwalked++] = n;
        S_walkctx in = {c.r, idx, &c.r->elems[idx].vals, 0, 0, c.depth};
        S_walk_children(in, n);
        return;
    }
    if (S_is(n, "attribute") && cur) {
        char *name = S_prop(n, "name");
        if (!name)
            return;
        size_t i;
        for (i = 0; i < cur->nattrs && strcmp(cur->attrs[i].name, name); i++)
            ;
        if (i == cur->nattrs) {
            cur->attrs = S_grow(cur->attrs, cur->nattrs, sizeof *cur->attrs);
            memset(&cur->attrs[i], 0, sizeof *cur->attrs);
            cur->attrs[i].name = name;
            cur->attrs[i].required = !c.optional;
            cur->nattrs++;
        } else {
            free(name);
        }
        S_walkctx in = c;
        in.vals = &cur->attrs[i].vals;
        S_walk_children(in, n);
        return;
    }
    if (S_is(n, "optional") || S_is(n, "zeroOrMore") || S_is(n, "oneOrMore") ||
        S_is(n, "choice")) {
        S_walkctx in = c;
        in.optional = c.optional || !S_is(n, "oneOrMore");
        in.repeat = c.repeat || S_is(n, "zeroOrMore") || S_is(n, "oneOrMore");
        S_walk_children(in, n);
        return;
    }
    if (S_is(n, "interleave") && cur) {
        cur->interleave = 1;
        S_walk_children(c, n);
        return;
    }
    if (S_is(n, "group") || S_is(n, "mixed") || S_is(n, "start")) {
        S_walk_children(c, n);
        return;
    }
    if (S_is(n, "ref")) {
        char *name = S_prop(n, "name");
        xmlNodePtr def = name ? S_define(c.r, name) : NULL;
        free(name);
        if (def)
            S_walk_children(c, def);
        return;
    }
    if (S_is(n, "text") && cur) {
        cur->has_text = 1;
        return;
    }
    if (S_is(n, "value") && c.vals) {
        xmlChar *v = xmlNodeGetContent(n);
        xmlChar *hint = xmlGetNsProp(n, (const xmlChar *)"list", (const xmlChar *)S_HINT_NS);
        if (v)
            S_add_value(c.vals, (const char *)v, hint && !strcmp((const char *)hint, "no"));
        xmlFree(hint);
        xmlFree(v);
        return;
    }
    if (S_is(n, "data") && c.vals) {
        free(c.vals->datatype);
        c.vals->datatype = S_prop(n, "type");
        return;
    }
}

static void S_free_vals(S_vals *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->v[i]);
    free(v->v);
    free(v->unlisted);
    free(v->datatype);
}

void imp_rng_free(imp_rng *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nelems; i++) {
        S_elem *e = &r->elems[i];
        for (size_t j = 0; j < e->nattrs; j++) {
            free(e->attrs[j].name);
            S_free_vals(&e->attrs[j].vals);
        }
        for (size_t j = 0; j < e->nkids; j++)
            free(e->kids[j].name);
        free(e->attrs);
        free(e->kids);
        free(e->name);
        S_free_vals(&e->vals);
    }
    free(r->elems);
    free(r->walked);
    free(r->defines);
    free(r->path);
    if (r->schema)
        xmlRelaxNGFree(r->schema);
    xmlFreeDoc(r->grammar);
    free(r);
}

imp_rng *imp_rng_compile(const char *path, imp_diags *d)
{
    imp_rng *r = calloc(1, sizeof *r);
    xmlRelaxNGParserCtxtPtr pc = NULL;
    char *dir = imp_xml_dirname(path);
    if (!r || !dir || !(r->path = strdup(path)))
        goto fail;
    /* libxml2 reads the grammar itself (through impack's entity loader, so
     * only from the schemas folder); impack reads it again only to explain
     * an invalid document */
    imp_xml_allow_root(dir);
    pc = xmlRelaxNGNewParserCtxt(path);
    r->schema = pc ? xmlRelaxNGParse(pc) : NULL;
    imp_xml_allow_root(NULL);
    if (!r->schema) {
        imp_diag_add(d, IMP_SEV_ERROR, path, 0, 0, NULL,
                     "this RELAX NG schema could not be read or compiled; is the installation "
                     "damaged?");
        goto fail;
    }
    xmlRelaxNGFreeParserCtxt(pc);
    free(dir);
    return r;
fail:
    if (pc)
        xmlRelaxNGFreeParserCtxt(pc);
    free(dir);
    imp_rng_free(r);
    return NULL;
}

/* --- explaining an error ------------------------------------------------ */

/* Append "a, b or c" to buf. */
static void S_list(char *buf, size_t cap, char *const *v, size_t n, const char *quote)
{
    size_t len = strlen(buf);
    for (size_t i = 0; i < n && len < cap; i++) {
        const char *sep = i == 0 ? "" : (i + 1 == n ? " or " : ", ");
        len += (size_t)snprintf(buf + len, cap - len, "%s%s%s%s", sep, quote, v[i], quote);
    }
}

static int S_date_ok(const char *s)
{
    int y, m, dd;
    char tail;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3 || s[4] != '-' ||
        s[7] != '-')
        return 0;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1])
        return 0;
    return !(m == 2 && dd == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

/* Check a value against allowed values / datatype; on failure write a
 * description of what is allowed into want. */
static int S_value_ok(const S_vals *v, const char *raw, char *want, size_t cap)
{
    char *val = (char *)xmlSchemaCollapseString((const xmlChar *)raw);
    const char *s = val ? val : raw;
    int ok = 1;
    want[0] = '\0';
    if (v->n) {
        ok = 0;
        for (size_t i = 0; i < v->n; i++)
            ok |= !strcmp(v->v[i], s);
        if (!ok) {
            /* what to write: the values the schema offers */
            char **offer = malloc(v->n * sizeof *offer);
            size_t k = 0;
            for (size_t i = 0; offer && i < v->n; i++)
                if (!v->unlisted || !v->unlisted[i])
                    offer[k++] = v->v[i];
            snprintf(want, cap, "one of ");
            S_list(want, cap, offer ? offer : v->v, offer ? k : v->n, "");
            free(offer);
        }
    } else if (v->datatype && !strcmp(v->datatype, "date")) {
        ok = S_date_ok(s);
        if (!ok)
            snprintf(want, cap, "a date in the form YYYY-MM-DD, such as 2026-01-31");
    } else if (v->datatype && !strcmp(v->datatype, "token")) {
        ok = *s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") ==
                       strlen(s);
        if (!ok)
            snprintf(want, cap, "a short code of letters, digits, dots and dashes, such as MP-2026-001");
    }
    xmlFree(val);
    return ok;
}

static int S_blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

static const char *S_name(xmlNodePtr n)
{
    return (const char *)n->name;
}

/* Explain problems with the attributes of e. Returns how many were said. */
static int S_explain_attrs(imp_rng *r, xmlNodePtr e, const char *file, imp_diags *d)
{
    S_elem *t = S_find(r, S_name(e));
    int said = 0;
    long line = imp_xml_line(e);
    if (!t)
        return 0;
    for (xmlAttrPtr a = e->properties; a; a = a->next) {
        if (a->ns) /* xml:lang and foreign attributes are left to the grammar */
            continue;
        S_attr *ta = NULL;
        for (size_t i = 0; i < t->nattrs; i++)
            if (!strcmp(t->attrs[i].name, (const char *)a->name))
                ta = &t->attrs[i];
        char want[1024];
        if (!ta) {
            char allowed[512] = "";
            char *names[32];
            size_t nn = 0;
            for (size_t i = 0; i < t->nattrs && nn < 32; i++)
                names[nn++] = t->attrs[i].name;
            if (nn)
                S_list(allowed, sizeof allowed, names, nn, "");
            imp_diag_add(d, IMP_SEV_ERROR, file, line, 0, NULL,
                         "<%s> has an attribute \"%s\" that impack does not know; %s%s.",
                         S_name(e), (const char *)a->name,
                         nn ? "the attributes it can have are: " : "it has no attributes",
                         allowed);
            said++;
            continue;
        }
        xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
        if (v && !S_value_ok(&ta->vals, (const char *)v, want, sizeof want)) {
            if (S_blank((const char *)v))
                imp_diag_add(d, IMP_SEV_ERROR, file, line, 0, NULL,
                             "%s=\"\" on <%s> is still blank: write %s.",
                             (const char *)a->name, S_name(e), want);
            else
                imp_diag_add(d, IMP_SEV_ERROR, file, line, 0, NULL,
                             "<%s %s=\"%s\">: the %s \"%s\" is not allowed; write %s.",
                             S_name(e), (const char *)a->name, (const char *)v,
                             (const char *)a->name, (const char *)v, want);
            said++;
        }
        xmlFree(v);
    }
    for (size_t i = 0; i < t->nattrs; i++)
        if (t->attrs[i].required && !xmlHasProp(e, (const xmlChar *)t->attrs[i].name)) {
            char want[1024] = "";
            if (t->attrs[i].vals.n) {
                snprintf(want, sizeof want, " (");
                S_list(want, sizeof want, t->attrs[i].vals.v, t->attrs[i].vals.n, "");
                strncat(want, ")", sizeof want - strlen(want) - 1);
            }
            imp_diag_add(d, IMP_SEV_ERROR, file, line, 0, NULL,
                         "<%s> needs a %s attribute%s: add %s=\"...\".", S_name(e),
                         t->attrs[i].name, want, t->attrs[i].name);
            said++;
        }
    return said;
}


static void S_kid_names(const S_elem *t, char *buf, size_t cap)
{
    buf[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; i < t->nkids && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s<%s>", i ? ", " : "", t->kids[i].name);
}

/* Explain problems with the children (and text) of e. */
static int S_explain_content(imp_rng *r, xmlNodePtr e, const char *file, imp_diags *d)
{
    S_elem *t = S_find(r, S_name(e));
    int said = 0;
    if (!t)
        return 0;
    long line = imp_xml_line(e);
    char want[1024];
    if (t->vals.n || t->vals.datatype) {
        xmlChar *v = xmlNodeGetContent(e);
        if (v && !S_value_ok(&t->vals, (const char *)v, want, sizeof want)) {
            if (S_blank((const char *)v))
                imp_diag_add(d, IMP_SEV_ERROR, file, line, 0, NULL,
                             "<%s> is still blank: write %s.", S_name(e), want);
            else
                imp_diag_add(d, IMP_SEV_ERROR, file, line, 0, NULL,
                             "<%s> holds \"%s\", which is not allowed: write %s.", S_name(e),
                             (const char *)v, want);
            said++;
        }
        xmlFree(v);
        return said;
    }
    size_t idx = 0; /* position in the expected sequence */
    xmlNodePtr prev = NULL;
    for (xmlNodePtr k = e->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE && !t->has_text && !xmlIsBlankNode(k)) {
            imp_diag_add(d, IMP_SEV_ERROR, imp_xml_line(k) ? file : file, imp_xml_line(k), 0,
                         NULL, "<%s> holds other elements, not text: move this text into one "
                                "of them or delete it.",
                         S_name(e));
            return said + 1;
        }
        if (k->type != XML_ELEMENT_NODE)
            continue;
        long kl = imp_xml_line(k);
        size_t j;
        for (j = 0; j < t->nkids && strcmp(t->kids[j].name, S_name(k)); j++)
            ;
        if (j == t->nkids) {
            char kids[1024];
            S_kid_names(t, kids, sizeof kids);
            const char *best = NULL;
            size_t bd = 3;
            for (size_t i = 0; i < t->nkids; i++) {
                size_t dist = imp_edit_distance(S_name(k), t->kids[i].name);
                if (dist < bd) {
                    bd = dist;
                    best = t->kids[i].name;
                }
            }
            if (best)
                imp_diag_add(d, IMP_SEV_ERROR, file, kl, 0, NULL,
                             "<%s> does not belong inside <%s>: did you mean <%s>?", S_name(k),
                             S_name(e), best);
            else
                imp_diag_add(d, IMP_SEV_ERROR, file, kl, 0, NULL,
                             "<%s> does not belong inside <%s>, which can hold: %s.", S_name(k),
                             S_name(e), kids[0] ? kids : "text only");
            return said + 1;
        }
        if (!t->interleave) {
            if (j < idx && !(j + 1 == idx && t->kids[j].repeat)) {
                imp_diag_add(d, IMP_SEV_ERROR, file, kl, 0, NULL,
                             "<%s> is out of order: inside <%s> it comes before <%s>.",
                             S_name(k), S_name(e), prev ? S_name(prev) : "");
                return said + 1;
            }
            for (size_t m = idx; m < j; m++)
                if (t->kids[m].required) {
                    for (xmlNodePtr later = k->next; later; later = later->next)
                        if (later->type == XML_ELEMENT_NODE &&
                            !strcmp(S_name(later), t->kids[m].name)) {
                            imp_diag_add(d, IMP_SEV_ERROR, file, kl, 0, NULL,
                                         "<%s> is out of order: inside <%s> it comes after "
                                         "<%s>; move it below.",
                                         S_name(k), S_name(e), t->kids[m].name);
                            return said + 1;
                        }
                    imp_diag_add(d, IMP_SEV_ERROR, file, kl, 0, NULL,
                                 "<%s> is missing: inside <%s> it comes before <%s>; add it.",
                                 t->kids[m].name, S_name(e), S_name(k));
                    return said + 1;
                }
            if (j + 1 == idx && !t->kids[j].repeat) {
                imp_diag_add(d, IMP_SEV_ERROR, file, kl, 0, NULL,
                             "<%s> appears twice inside <%s>; keep one.", S_name(k), S_name(e));
                return said + 1;
            }
            idx = j + 1;
        } else {
            for (xmlNodePtr o = e->children; o != k; o = o->next)
                if (o->type == XML_ELEMENT_NODE && !strcmp(S_name(o), S_name(k)) &&
                    !t->kids[j].repeat) {
                    imp_diag_add(d, IMP_SEV_ERROR, file, kl, 0, NULL,
                                 "<%s> appears twice inside <%s>; keep one.", S_name(k),
                                 S_name(e));
                    return said + 1;
                }
        }
        prev = k;
    }
    for (size_t m = t->interleave ? 0 : idx; m < t->nkids; m++) {
        if (!t->kids[m].required)
            continue;
        int present = 0;
        for (xmlNodePtr k = e->children; k; k = k->next)
            present |= k->type == XML_ELEMENT_NODE && !strcmp(S_name(k), t->kids[m].name);
        if (!present) {
            imp_diag_add(d, IMP_SEV_ERROR, file, line, 0, NULL,
                         "<%s> is missing from <%s>: add it%s%s%s.", t->kids[m].name, S_name(e),
                         prev ? " after <" : "", prev ? S_name(prev) : "", prev ? ">" : "");
            return said + 1;
        }
    }
    return said;
}

/* Read the grammar into the table of elements, attributes and values. Done
 * the first time a document is invalid: valid documents never need it. */
static void S_build_table(imp_rng *r)
{
    if (r->nelems || !r->path)
        return;
    imp_diags ignored = {0};
    char *dir = imp_xml_dirname(r->path);
    r->grammar = dir ? imp_xml_load(r->path, dir, &ignored) : NULL;
    free(dir);
    imp_diag_free(&ignored);
    if (!r->grammar)
        return;
    xmlNodePtr g = xmlDocGetRootElement(r->grammar);
    for (xmlNodePtr n = g ? g->children : NULL; n; n = n->next)
        if (S_is(n, "define")) {
            r->defines = S_grow(r->defines, r->ndefines, sizeof *r->defines);
            r->defines[r->ndefines++] = n;
        }
    for (xmlNodePtr n = g ? g->children : NULL; n; n = n->next)
        if (S_is(n, "start")) {
            S_walkctx c = {r, (size_t)-1, NULL, 0, 0, 0};
            S_walk_children(c, n);
        }
    xmlFreeDoc(r->grammar);
    r->grammar = NULL;
    free(r->walked);
    r->walked = NULL;
    r->nwalked = 0;
    free(r->defines);
    r->defines = NULL;
    r->ndefines = 0;
}

/* Explain an element and everything below it; returns how many problems. */
static int S_explain_tree(imp_rng *r, xmlNodePtr e, const char *file, imp_diags *d)
{
    int said = S_explain_attrs(r, e, file, d) + S_explain_content(r, e, file, d);
    for (xmlNodePtr k = e->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && S_find(r, S_name(k)))
            said += S_explain_tree(r, k, file, d);
    return said;
}

typedef struct {
    int count;
} S_errs;

static void S_on_error(void *ud, xmlErrorPtr err)
{
    S_errs *e = ud;
    (void)err;
    e->count++;
}

int imp_rng_validate(imp_rng *r, xmlDocPtr doc, imp_diags *d)
{
    S_errs errs = {0};
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(r->schema);
    if (!vc)
        return 1;
    xmlRelaxNGSetValidStructuredErrors(vc, S_on_error, &errs);
    int rc = xmlRelaxNGValidateDoc(vc, doc);
    xmlRelaxNGFreeValidCtxt(vc);
    if (rc == 0)
        return 0;
    /* libxml2 says little more than "failed to validate" and stops at the
     * first problem; the table of the grammar lets us say what is wrong
     * and what is allowed, everywhere in the file. */
    const char *file = (const char *)doc->URL;
    S_build_table(r);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || !S_explain_tree(r, root, file, d))
        imp_diag_add(d, IMP_SEV_ERROR, file, root ? imp_xml_line(root) : 0, 0, NULL,
                     "this file is not laid out the way impack expects; compare it with "
                     "`impack new pack` or doc/vocabulary.md.");
    return 1;
}
