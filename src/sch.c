/* sch.c: compile an ISO Schematron schema (includes, abstract patterns and rules, phases) once, for many runs. */
#include "sch_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/tree.h>
#include <libxml/xpathInternals.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltutils.h>

#include "xmlload.h"

#define S_XSL_NS "http://www.w3.org/1999/XSL/Transform"
#define S_OLD_SCH_NS "http://www.ascc.net/xml/schematron"
#define S_MAX_DEPTH 16 /* nesting of sch:extends (cycles end here) */

typedef struct {
    xmlNodePtr *v;
    size_t n;
} S_nodes;

typedef struct {
    char *path;
    xmlDocPtr doc;
} S_loaded;

/* An abstract pattern's parameter while one of its instances is compiled. */
typedef struct {
    char *name;
    size_t len;
    char *value;
} S_param;

typedef struct {
    xmlNodePtr rule;
    xmlNodePtr pattern;
} S_arule;

/* Compilation state: the schema being filled and what the schema files say. */
typedef struct {
    imp_sch *s;
    imp_diags *d;
    char *dir; /* the schema's folder: includes are read only from under it */
    int errors;
    imp_sch_errsave save;
    S_loaded *docs;
    size_t ndocs;
    S_nodes pats, keys, lets, phases, diags;
    S_arule *arules;
    size_t narules;
    S_param *params;
    size_t nparams;
} S_cc;

/* ---- small helpers ------------------------------------------------------ */

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

static int S_is_sch(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns &&
           !strcmp((const char *)n->ns->href, IMP_SCH_NS) &&
           (!name || !strcmp((const char *)n->name, name));
}

/* An attribute (no namespace) as a malloc'd string, or NULL. */
static char *S_attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    char *r = S_dup((const char *)v);
    xmlFree(v);
    return r;
}

static int S_attr_is(xmlNodePtr n, const char *name, const char *value)
{
    char *v = S_attr(n, name);
    int r = v && !strcmp(v, value);
    free(v);
    return r;
}

/* Fold runs of white space to one space and trim, in place. */
static char *S_fold(char *s)
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

static char *S_text_of(xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *r = S_dup(c ? (const char *)c : "");
    xmlFree(c);
    return r ? S_fold(r) : NULL;
}

/* The file a node came from, interned in the schema so sources can borrow it. */
static const char *S_file(S_cc *cc, xmlNodePtr n)
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

static imp_sch_src S_src(S_cc *cc, xmlNodePtr n)
{
    imp_sch_src at = {S_file(cc, n), n ? imp_xml_line(n) : 0};
    return at;
}

static void S_error(S_cc *cc, xmlNodePtr n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void S_error(S_cc *cc, xmlNodePtr n, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    imp_sch_src at = S_src(cc, n);
    imp_diag_add(cc->d, IMP_SEV_ERROR, at.file, at.line, 0, NULL, "%s", buf);
    cc->errors++;
}

static void S_push_node(S_nodes *l, xmlNodePtr n)
{
    xmlNodePtr *slot = imp_sch_grow(&l->v, l->n, sizeof *slot);
    if (slot) {
        *slot = n;
        l->n++;
    }
}

/* ---- includes ----------------------------------------------------------- */

/* Read a schema file (cached), only from under the schema's folder. */
static xmlDocPtr S_load(S_cc *cc, xmlNodePtr from, const char *path)
{
    for (size_t i = 0; i < cc->ndocs; i++)
        if (!strcmp(cc->docs[i].path, path))
            return cc->docs[i].doc;
    xmlDocPtr doc = NULL;
    struct stat sb;
    if (stat(path, &sb) != 0) {
        S_error(cc, from, "schema error: the included file \"%s\" does not exist", path);
    } else if (!imp_xml_path_under(path, cc->dir)) {
        S_error(cc, from,
                "schema error: the included file \"%s\" is outside the schema's folder, "
                "so it is not read",
                path);
    } else {
        doc = imp_xml_load(path, cc->dir, cc->d);
        /* imp_xml_load installs its own silencer; take the errors back */
        imp_sch_errors_restore(&cc->save);
        imp_sch_errors_capture(&cc->save, cc, S_ignore_structured, S_ignore_generic);
        if (!doc)
            S_error(cc, from, "schema error: the included file \"%s\" could not be read", path);
    }
    S_loaded *slot = imp_sch_grow(&cc->docs, cc->ndocs, sizeof *slot);
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
        if (S_attr_is(n, "id", id))
            return n;
        xmlNodePtr r = S_find_id(n->children, id);
        if (r)
            return r;
    }
    return NULL;
}

/* The element an sch:include or sch:extends @href names: "file",
 * "file#id" or "#id", relative to the file the reference is in. */
static xmlNodePtr S_resolve_href(S_cc *cc, xmlNodePtr from)
{
    char *href = S_attr(from, "href");
    char *path = NULL;
    xmlNodePtr target = NULL;
    if (!href || !*href) {
        S_error(cc, from, "schema error: sch:%s has no href attribute", (const char *)from->name);
        goto done;
    }
    char *hash = strchr(href, '#');
    if (hash)
        *hash++ = '\0';
    const char *colon = strchr(href, ':'), *slash = strchr(href, '/');
    if (colon && (!slash || colon < slash)) {
        S_error(cc, from, "schema error: \"%s\" is not a file in the schema's folder", href);
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
        S_error(cc, from, "schema error: there is no element with id \"%s\" in \"%s\"",
                hash ? hash : "", path ? path : (const char *)doc->URL);
done:
    free(href);
    free(path);
    return target;
}

/* The element children of parent, with sch:include replaced by the element
 * it names and sch:extends/@href by that element's children. */
static void S_kids(S_cc *cc, xmlNodePtr parent, S_nodes *out, int depth)
{
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        int inc = S_is_sch(c, "include");
        int ext = S_is_sch(c, "extends") && xmlHasProp(c, (const xmlChar *)"href") &&
                  !xmlHasProp(c, (const xmlChar *)"rule");
        if (!inc && !ext) {
            S_push_node(out, c);
            continue;
        }
        if (depth >= S_MAX_DEPTH) {
            S_error(cc, c, "schema error: includes are nested too deeply (is there a cycle?)");
            continue;
        }
        xmlNodePtr t = S_resolve_href(cc, c);
        if (!t)
            continue;
        if (inc && S_is_sch(t, "include"))
            S_error(cc, c, "schema error: an sch:include names another sch:include");
        else if (inc)
            S_push_node(out, t);
        else
            S_kids(cc, t, out, depth + 1);
    }
}

/* ---- expressions -------------------------------------------------------- */

static int S_ncname_char(unsigned char c)
{
    return c == '_' || c == '-' || c == '.' || (c >= '0' && c <= '9') ||
           (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Replace $param by its value (abstract pattern instances): whole names
 * only, longest names tried first. Returns a malloc'd string. */
static char *S_subst(S_cc *cc, const char *text)
{
    if (!text)
        return NULL;
    if (!cc->nparams || !strchr(text, '$'))
        return strdup(text);
    size_t cap = strlen(text) + 1, n = 0;
    char *out = malloc(cap);
    for (const char *p = text; out && *p;) {
        const S_param *hit = NULL;
        if (*p == '$')
            for (size_t i = 0; i < cc->nparams && !hit; i++)
                if (!strncmp(p + 1, cc->params[i].name, cc->params[i].len) &&
                    !S_ncname_char((unsigned char)p[1 + cc->params[i].len]))
                    hit = &cc->params[i];
        const char *add = hit ? hit->value : p;
        size_t len = hit ? strlen(hit->value) : 1;
        if (n + len + 1 > cap) {
            cap = 2 * (n + len + 1);
            char *nb = realloc(out, cap);
            if (!nb) {
                free(out);
                return NULL;
            }
            out = nb;
        }
        memcpy(out + n, add, len);
        n += len;
        p += hit ? 1 + hit->len : 1;
    }
    if (out)
        out[n] = '\0';
    return out;
}

/* libxml2 2.9 accepts some unfinished expressions ("count("): brackets
 * outside string literals must balance. */
static int S_balanced(const char *e)
{
    char stack[64];
    size_t n = 0;
    char quote = 0;
    for (; *e; e++) {
        if (quote) {
            quote = *e == quote ? 0 : quote;
        } else if (*e == '"' || *e == '\'') {
            quote = *e;
        } else if (*e == '(' || *e == '[') {
            if (n == sizeof stack)
                return 1; /* deeper than any schema needs: let libxml2 judge */
            stack[n++] = *e == '(' ? ')' : ']';
        } else if (*e == ')' || *e == ']') {
            if (!n || stack[--n] != *e)
                return 0;
        }
    }
    return n == 0 && !quote;
}

static xmlXPathCompExprPtr S_xpath(S_cc *cc, xmlNodePtr at, const char *what, const char *expr)
{
    xmlXPathCompExprPtr c =
        expr && S_balanced(expr) ? xmlXPathCompile((const xmlChar *)expr) : NULL;
    if (!c)
        S_error(cc, at, "schema error: the %s \"%s\" is not valid XPath", what,
                expr ? expr : "");
    return c;
}

/* Which kinds of node a pattern can match, and the one local name it
 * requires if all alternatives agree. Unsure answers stay permissive. */
static void S_pattern_kinds(const char *pat, unsigned *kinds, char **hint)
{
    *kinds = 0;
    *hint = NULL;
    int hint_ok = 1;
    const char *alt = pat;
    for (;;) {
        /* find the end of this alternative and the start of its last step */
        const char *p = alt, *last = alt;
        int depth = 0;
        char quote = 0;
        for (; *p; p++) {
            if (quote) {
                if (*p == quote)
                    quote = 0;
            } else if (*p == '"' || *p == '\'') {
                quote = *p;
            } else if (*p == '[' || *p == '(') {
                depth++;
            } else if (*p == ']' || *p == ')') {
                depth--;
            } else if (depth == 0 && *p == '/') {
                last = p + 1;
            } else if (depth == 0 && *p == '|') {
                break;
            }
        }
        const char *end = p;
        while (last < end && (*last == ' ' || *last == '\t' || *last == '\n' || *last == '\r'))
            last++;
        size_t len = 0;
        while (last + len < end && last[len] != '[' && last[len] != ' ' && last[len] != '\t' &&
               last[len] != '\n' && last[len] != '\r')
            len++;
        unsigned k;
        const char *name = NULL;
        size_t nlen = 0;
        if (len == 0) {
            k = IMP_SCH_K_DOC; /* "/" */
            for (const char *q = alt; q < end; q++)
                if (*q != '/' && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r')
                    k = IMP_SCH_K_ALL;
        } else if (last[0] == '@' || !strncmp(last, "attribute::", 11)) {
            k = IMP_SCH_K_ATTR;
            name = last[0] == '@' ? last + 1 : last + 11;
            nlen = len - (size_t)(name - last);
        } else if (!strncmp(last, "text()", 6)) {
            k = IMP_SCH_K_TEXT;
        } else if (!strncmp(last, "comment()", 9)) {
            k = IMP_SCH_K_COMMENT;
        } else if (!strncmp(last, "processing-instruction(", 23)) {
            k = IMP_SCH_K_PI;
        } else if (!strncmp(last, "node()", 6)) {
            k = IMP_SCH_K_ELEM | IMP_SCH_K_TEXT | IMP_SCH_K_COMMENT | IMP_SCH_K_PI;
        } else if (memchr(last, '(', len) || memchr(last, ')', len) || memchr(last, '$', len)) {
            k = IMP_SCH_K_ALL; /* id(), key(): anything */
        } else {
            k = IMP_SCH_K_ELEM;
            name = !strncmp(last, "child::", 7) ? last + 7 : last;
            nlen = len - (size_t)(name - last);
        }
        if (name) {
            const char *colon = memchr(name, ':', nlen);
            if (colon) {
                nlen -= (size_t)(colon + 1 - name);
                name = colon + 1;
            }
            if (nlen == 0 || memchr(name, '*', nlen) || memchr(name, ':', nlen) ||
                !strncmp(name, "node()", 6))
                name = NULL;
        }
        if (!name) {
            hint_ok = 0;
        } else if (hint_ok) {
            if (!*hint)
                *hint = strndup(name, nlen);
            else if (strlen(*hint) != nlen || strncmp(*hint, name, nlen))
                hint_ok = 0;
        }
        *kinds |= k;
        if (!*end)
            break;
        alt = end + 1;
    }
    if (!hint_ok) {
        free(*hint);
        *hint = NULL;
    }
}

/* ---- constructs --------------------------------------------------------- */

static void S_compile_msg(S_cc *cc, xmlNodePtr elem, imp_sch_msg *m)
{
    for (xmlNodePtr c = elem->children; c; c = c->next) {
        imp_sch_part part = {IMP_SCH_PART_TEXT, NULL, NULL};
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            part.text = S_dup(c->content ? (const char *)c->content : "");
        } else if (c->type != XML_ELEMENT_NODE) {
            continue;
        } else if (S_is_sch(c, "value-of")) {
            char *sel = S_attr(c, "select");
            part.kind = IMP_SCH_PART_VALUE;
            part.text = S_subst(cc, sel);
            free(sel);
            if (!part.text)
                S_error(cc, c, "schema error: sch:value-of has no select attribute");
            else
                part.expr = S_xpath(cc, c, "select", part.text);
        } else if (S_is_sch(c, "name")) {
            char *path = S_attr(c, "path");
            part.kind = IMP_SCH_PART_NAME;
            part.text = S_subst(cc, path);
            free(path);
            if (part.text) {
                size_t n = strlen(part.text) + 8;
                char *e = malloc(n);
                if (e)
                    snprintf(e, n, "name(%s)", part.text);
                part.expr = S_xpath(cc, c, "path", e);
                free(e);
            }
        } else {
            /* sch:emph, sch:dir, sch:span and foreign markup: their text */
            part.text = S_text_of(c);
        }
        imp_sch_part *slot = imp_sch_grow(&m->v, m->n, sizeof *slot);
        if (!slot) {
            free(part.text);
            xmlXPathFreeCompExpr(part.expr);
            continue;
        }
        *slot = part;
        m->n++;
    }
}

static void S_compile_let(S_cc *cc, xmlNodePtr elem, imp_sch_let *l)
{
    l->at = S_src(cc, elem);
    l->name = S_attr(elem, "name");
    if (!l->name || !*l->name)
        S_error(cc, elem, "schema error: sch:let has no name attribute");
    char *value = S_attr(elem, "value");
    if (value) {
        l->src = S_subst(cc, value);
        l->expr = S_xpath(cc, elem, "value", l->src);
        free(value);
        return;
    }
    /* no @value: the content is the value (as an XSLT variable's would be) */
    l->content = xmlNewDoc((const xmlChar *)"1.0");
    for (xmlNodePtr c = elem->children; l->content && c; c = c->next) {
        xmlNodePtr copy = xmlDocCopyNode(c, l->content, 1);
        if (copy)
            xmlAddChild((xmlNodePtr)l->content, copy);
    }
}

static int S_find_diag(const imp_sch *s, const char *id, size_t *at)
{
    for (size_t i = 0; i < s->ndiags; i++)
        if (s->diags[i].id && !strcmp(s->diags[i].id, id)) {
            *at = i;
            return 1;
        }
    return 0;
}

static void S_compile_assert(S_cc *cc, xmlNodePtr elem, imp_sch_assert *a)
{
    a->report = S_is_sch(elem, "report");
    a->at = S_src(cc, elem);
    char *test = S_attr(elem, "test");
    a->test = S_subst(cc, test);
    free(test);
    if (!a->test)
        S_error(cc, elem, "schema error: sch:%s has no test attribute",
                a->report ? "report" : "assert");
    else
        a->expr = S_xpath(cc, elem, "test", a->test);
    a->id = S_attr(elem, "id");
    a->role = S_attr(elem, "role");
    a->flag = S_attr(elem, "flag");
    S_compile_msg(cc, elem, &a->msg);
    char *refs = S_attr(elem, "diagnostics");
    char *save = NULL;
    for (char *id = refs ? strtok_r(refs, " \t\r\n", &save) : NULL; id;
         id = strtok_r(NULL, " \t\r\n", &save)) {
        size_t di;
        if (!S_find_diag(cc->s, id, &di)) {
            S_error(cc, elem, "schema error: there is no sch:diagnostic with id \"%s\"", id);
            continue;
        }
        size_t *slot = imp_sch_grow(&a->diags, a->ndiags, sizeof *slot);
        if (slot) {
            *slot = di;
            a->ndiags++;
        }
    }
    free(refs);
}

static xmlNodePtr S_find_arule(S_cc *cc, xmlNodePtr pattern, const char *id)
{
    xmlNodePtr any = NULL;
    for (size_t i = 0; i < cc->narules; i++) {
        if (!S_attr_is(cc->arules[i].rule, "id", id))
            continue;
        if (cc->arules[i].pattern == pattern)
            return cc->arules[i].rule;
        if (!any)
            any = cc->arules[i].rule;
    }
    return any;
}

static imp_sch_item *S_new_item(imp_sch_rule *r)
{
    imp_sch_item *it = imp_sch_grow(&r->items, r->nitems, sizeof *it);
    if (it)
        r->nitems++;
    return it;
}

/* A rule's lets and assertions, with sch:extends/@rule inlined in place. */
static void S_rule_items(S_cc *cc, xmlNodePtr elem, xmlNodePtr pattern, imp_sch_rule *r,
                         int depth)
{
    S_nodes kids = {NULL, 0};
    S_kids(cc, elem, &kids, 0);
    for (size_t i = 0; i < kids.n; i++) {
        xmlNodePtr k = kids.v[i];
        imp_sch_item *it;
        if (S_is_sch(k, "let")) {
            if ((it = S_new_item(r))) {
                it->is_let = 1;
                S_compile_let(cc, k, &it->let);
            }
        } else if (S_is_sch(k, "assert") || S_is_sch(k, "report")) {
            if ((it = S_new_item(r)))
                S_compile_assert(cc, k, &it->as);
        } else if (S_is_sch(k, "extends")) {
            char *id = S_attr(k, "rule");
            xmlNodePtr ar = id ? S_find_arule(cc, pattern, id) : NULL;
            if (!id)
                S_error(cc, k, "schema error: sch:extends has neither a rule nor an href attribute");
            else if (!ar)
                S_error(cc, k, "schema error: sch:extends names the rule \"%s\", but there is no "
                               "abstract rule with that id", id);
            else if (depth >= S_MAX_DEPTH)
                S_error(cc, k, "schema error: abstract rules extend each other in a cycle (\"%s\")",
                        id);
            else
                S_rule_items(cc, ar, pattern, r, depth + 1);
            free(id);
        }
    }
    free(kids.v);
}

static void S_compile_rule(S_cc *cc, xmlNodePtr elem, xmlNodePtr pattern, imp_sch_rule *r)
{
    r->at = S_src(cc, elem);
    r->id = S_attr(elem, "id");
    r->role = S_attr(elem, "role");
    char *ctx = S_attr(elem, "context");
    r->context = S_subst(cc, ctx);
    free(ctx);
    if (!r->context || !*r->context) {
        S_error(cc, elem, "schema error: this sch:rule has no context attribute");
    } else {
        xsltStylesheetPtr style = cc->s->style;
        int before = style->errors;
        r->match = xsltCompilePattern((const xmlChar *)r->context, style->doc, cc->s->nsnode,
                                      style, NULL);
        if (!r->match || style->errors != before) {
            S_error(cc, elem, "schema error: the context \"%s\" is not a valid XSLT pattern",
                    r->context);
            xsltFreeCompMatchList(r->match);
            r->match = NULL;
            style->errors = before;
        }
        S_pattern_kinds(r->context, &r->kinds, &r->name_hint);
    }
    S_rule_items(cc, elem, pattern, r, 0);
}

static int S_param_cmp(const void *a, const void *b)
{
    const S_param *x = a, *y = b;
    return x->len < y->len ? 1 : x->len > y->len ? -1 : 0;
}

static void S_clear_params(S_cc *cc)
{
    for (size_t i = 0; i < cc->nparams; i++) {
        free(cc->params[i].name);
        free(cc->params[i].value);
    }
    free(cc->params);
    cc->params = NULL;
    cc->nparams = 0;
}

static void S_collect_params(S_cc *cc, const S_nodes *kids)
{
    for (size_t i = 0; i < kids->n; i++) {
        if (!S_is_sch(kids->v[i], "param"))
            continue;
        char *name = S_attr(kids->v[i], "name"), *value = S_attr(kids->v[i], "value");
        S_param *slot = name && value ? imp_sch_grow(&cc->params, cc->nparams, sizeof *slot) : NULL;
        if (!slot) {
            if (!name || !value)
                S_error(cc, kids->v[i], "schema error: sch:param needs a name and a value");
            free(name);
            free(value);
            continue;
        }
        slot->name = name;
        slot->len = strlen(name);
        slot->value = value;
        cc->nparams++;
    }
    if (cc->nparams > 1)
        qsort(cc->params, cc->nparams, sizeof *cc->params, S_param_cmp);
}

static xmlNodePtr S_find_abstract(S_cc *cc, const char *id)
{
    for (size_t i = 0; i < cc->pats.n; i++)
        if (S_attr_is(cc->pats.v[i], "abstract", "true") && S_attr_is(cc->pats.v[i], "id", id))
            return cc->pats.v[i];
    return NULL;
}

static void S_compile_pattern(S_cc *cc, xmlNodePtr inst, imp_sch_pattern *p)
{
    S_nodes kids = {NULL, 0}, own = {NULL, 0};
    char *docs = NULL;
    p->at = S_src(cc, inst);
    p->id = S_attr(inst, "id");
    xmlNodePtr body = inst;
    char *isa = S_attr(inst, "is-a");
    if (isa) {
        body = S_find_abstract(cc, isa);
        if (!body) {
            S_error(cc, inst, "schema error: this pattern is-a \"%s\", but there is no abstract "
                              "pattern with that id", isa);
            goto done;
        }
        S_kids(cc, inst, &own, 0);
        S_collect_params(cc, &own);
        docs = S_attr(inst, "documents");
    }
    if (!docs) {
        char *raw = S_attr(body, "documents");
        docs = S_subst(cc, raw);
        free(raw);
    }
    if (docs) {
        p->documents = docs;
        docs = NULL;
        p->documents_expr = S_xpath(cc, inst, "documents", p->documents);
    }
    for (size_t i = 0; i < own.n && !p->name; i++)
        if (S_is_sch(own.v[i], "title"))
            p->name = S_text_of(own.v[i]);
    S_kids(cc, body, &kids, 0);
    for (size_t i = 0; i < kids.n; i++) {
        xmlNodePtr k = kids.v[i];
        if (S_is_sch(k, "let")) {
            imp_sch_let *l = imp_sch_grow(&p->lets, p->nlets, sizeof *l);
            if (l) {
                p->nlets++;
                S_compile_let(cc, k, l);
            }
        } else if (S_is_sch(k, "rule") && !S_attr_is(k, "abstract", "true")) {
            imp_sch_rule *r = imp_sch_grow(&p->rules, p->nrules, sizeof *r);
            if (r) {
                p->nrules++;
                S_compile_rule(cc, k, body, r);
                p->kinds |= r->kinds;
            }
        } else if (S_is_sch(k, "title") && !p->name) {
            p->name = S_text_of(k);
        }
    }
done:
    S_clear_params(cc);
    free(isa);
    free(docs);
    free(kids.v);
    free(own.v);
}

static void S_compile_phase(S_cc *cc, xmlNodePtr elem, imp_sch_phase *ph)
{
    S_nodes kids = {NULL, 0};
    imp_sch *s = cc->s;
    ph->id = S_attr(elem, "id");
    if (!ph->id)
        S_error(cc, elem, "schema error: this sch:phase has no id attribute");
    S_kids(cc, elem, &kids, 0);
    for (size_t i = 0; i < kids.n; i++) {
        xmlNodePtr k = kids.v[i];
        if (S_is_sch(k, "let")) {
            imp_sch_let *l = imp_sch_grow(&ph->lets, ph->nlets, sizeof *l);
            if (l) {
                ph->nlets++;
                S_compile_let(cc, k, l);
            }
            continue;
        }
        if (!S_is_sch(k, "active"))
            continue;
        char *pid = S_attr(k, "pattern");
        int found = 0;
        if (!pid) {
            S_error(cc, k, "schema error: sch:active has no pattern attribute");
            continue;
        }
        for (size_t j = 0; j < s->npatterns; j++) {
            if (!s->patterns[j].id || strcmp(s->patterns[j].id, pid))
                continue;
            size_t *slot = imp_sch_grow(&ph->active, ph->nactive, sizeof *slot);
            if (slot) {
                *slot = j;
                ph->nactive++;
            }
            found = 1;
        }
        if (!found)
            S_error(cc, k, "schema error: phase \"%s\" activates the pattern \"%s\", but there is "
                           "no pattern with that id", ph->id ? ph->id : "", pid);
        free(pid);
    }
    free(kids.v);
}

/* ---- the synthetic stylesheet that gives patterns their namespaces ------- */

static int S_build_style(S_cc *cc)
{
    imp_sch *s = cc->s;
    xmlDocPtr sd = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr root = sd ? xmlNewDocNode(sd, NULL, (const xmlChar *)"stylesheet", NULL) : NULL;
    if (!root) {
        xmlFreeDoc(sd);
        return -1;
    }
    xmlDocSetRootElement(sd, root);
    xmlSetNs(root, xmlNewNs(root, (const xmlChar *)S_XSL_NS, (const xmlChar *)"xsl"));
    xmlNewProp(root, (const xmlChar *)"version", (const xmlChar *)"1.0");
    for (size_t i = 0; i < s->nns; i++)
        if (!xmlSearchNs(sd, root, (const xmlChar *)s->ns[i].prefix))
            xmlNewNs(root, (const xmlChar *)s->ns[i].uri, (const xmlChar *)s->ns[i].prefix);
    for (size_t i = 0; i < cc->keys.n; i++) {
        xmlNodePtr key = cc->keys.v[i];
        xmlNodePtr copy = xmlDocCopyNode(key, sd, 1);
        if (!copy)
            continue;
        xmlAddChild(root, copy);
        /* the key's own xmlns prefixes, for its @match and @use */
        xmlNsPtr *inscope = xmlGetNsList(key->doc, key);
        for (size_t j = 0; inscope && inscope[j]; j++)
            if (inscope[j]->prefix && !xmlSearchNs(sd, copy, inscope[j]->prefix))
                xmlNewNs(copy, inscope[j]->href, inscope[j]->prefix);
        xmlFree(inscope);
    }
    s->style = xsltParseStylesheetDoc(sd);
    if (!s->style) {
        xmlFreeDoc(sd);
    } else if (s->style->errors) {
        xsltFreeStylesheet(s->style);
        s->style = NULL;
    }
    if (!s->style) {
        S_error(cc, cc->keys.n ? cc->keys.v[0] : NULL,
                "schema error: %s", cc->keys.n ? "an xsl:key in this schema is not valid (check "
                                                 "its match and use attributes)"
                                               : "the namespace declarations (sch:ns) are not valid");
        return -1;
    }
    s->nsnode = xmlDocGetRootElement(s->style->doc);
    s->nslist = xmlGetNsList(s->style->doc, s->nsnode);
    while (s->nslist && s->nslist[s->nsnr])
        s->nsnr++;
    s->sec = xsltNewSecurityPrefs();
    if (s->sec) {
        xsltSetSecurityPrefs(s->sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
        xsltSetSecurityPrefs(s->sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
        xsltSetSecurityPrefs(s->sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
        xsltSetSecurityPrefs(s->sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
    }
    return 0;
}

/* ---- the schema element --------------------------------------------------- */

static void S_add_ns(S_cc *cc, xmlNodePtr elem)
{
    char *prefix = S_attr(elem, "prefix"), *uri = S_attr(elem, "uri");
    imp_sch *s = cc->s;
    imp_sch_ns *slot = NULL;
    if (!prefix || !uri || !*prefix)
        S_error(cc, elem, "schema error: sch:ns needs a prefix and a uri");
    else
        slot = imp_sch_grow(&s->ns, s->nns, sizeof *slot);
    if (!slot) {
        free(prefix);
        free(uri);
        return;
    }
    slot->prefix = prefix;
    slot->uri = uri;
    s->nns++;
}

/* Sort the schema's top-level elements into what is compiled in which order. */
static void S_collect(S_cc *cc, xmlNodePtr root)
{
    S_nodes kids = {NULL, 0};
    S_kids(cc, root, &kids, 0);
    for (size_t i = 0; i < kids.n; i++) {
        xmlNodePtr k = kids.v[i];
        if (S_is_sch(k, "ns")) {
            S_add_ns(cc, k);
        } else if (S_is_sch(k, "let")) {
            S_push_node(&cc->lets, k);
        } else if (S_is_sch(k, "pattern")) {
            S_push_node(&cc->pats, k);
        } else if (S_is_sch(k, "phase")) {
            S_push_node(&cc->phases, k);
        } else if (S_is_sch(k, "diagnostics")) {
            S_nodes dk = {NULL, 0};
            S_kids(cc, k, &dk, 0);
            for (size_t j = 0; j < dk.n; j++)
                if (S_is_sch(dk.v[j], "diagnostic"))
                    S_push_node(&cc->diags, dk.v[j]);
            free(dk.v);
        } else if (S_is_sch(k, "title") && !cc->s->title) {
            cc->s->title = S_text_of(k);
        } else if (k->ns && !strcmp((const char *)k->ns->href, S_XSL_NS) &&
                   !strcmp((const char *)k->name, "key")) {
            S_push_node(&cc->keys, k);
        }
    }
    free(kids.v);
    /* abstract rules, wherever they are */
    for (size_t i = 0; i < cc->pats.n; i++) {
        S_nodes pk = {NULL, 0};
        S_kids(cc, cc->pats.v[i], &pk, 0);
        for (size_t j = 0; j < pk.n; j++) {
            if (!S_is_sch(pk.v[j], "rule") || !S_attr_is(pk.v[j], "abstract", "true"))
                continue;
            S_arule *slot = imp_sch_grow(&cc->arules, cc->narules, sizeof *slot);
            if (slot) {
                slot->rule = pk.v[j];
                slot->pattern = cc->pats.v[i];
                cc->narules++;
            }
            if (!xmlHasProp(pk.v[j], (const xmlChar *)"id"))
                S_error(cc, pk.v[j], "schema error: this abstract rule has no id, so nothing "
                                     "can extend it");
        }
        free(pk.v);
    }
}

static int S_check_root(S_cc *cc, xmlNodePtr root)
{
    if (!root || !S_is_sch(root, "schema")) {
        int old = root && root->ns && !strcmp((const char *)root->ns->href, S_OLD_SCH_NS);
        S_error(cc, root,
                old ? "schema error: this is a Schematron 1.5 schema; impack reads ISO "
                      "Schematron (namespace " IMP_SCH_NS ")"
                    : "schema error: this is not a Schematron schema (the root must be "
                      "sch:schema in the namespace " IMP_SCH_NS ")");
        return -1;
    }
    char *qb = S_attr(root, "queryBinding");
    int ok = !qb || !strcasecmp(qb, "xslt") || !strcasecmp(qb, "xslt1");
    if (!ok)
        S_error(cc, root, "this schema uses query binding %s; impack supports XPath 1.0 "
                          "(xslt/xslt1)", qb);
    free(qb);
    return ok ? 0 : -1;
}

static void S_compile_all(S_cc *cc, xmlNodePtr root)
{
    imp_sch *s = cc->s;
    s->schema_version = S_attr(root, "schemaVersion");
    s->default_phase = S_attr(root, "defaultPhase");
    S_collect(cc, root);
    if (S_build_style(cc))
        return;
    s->name_expr = xmlXPathCompile((const xmlChar *)"name()");
    for (size_t i = 0; i < cc->lets.n; i++) {
        imp_sch_let *l = imp_sch_grow(&s->lets, s->nlets, sizeof *l);
        if (l) {
            s->nlets++;
            S_compile_let(cc, cc->lets.v[i], l);
        }
    }
    for (size_t i = 0; i < cc->diags.n; i++) {
        imp_sch_diagdef *dd = imp_sch_grow(&s->diags, s->ndiags, sizeof *dd);
        if (!dd)
            continue;
        s->ndiags++;
        dd->id = S_attr(cc->diags.v[i], "id");
        if (!dd->id)
            S_error(cc, cc->diags.v[i], "schema error: this sch:diagnostic has no id attribute");
        S_compile_msg(cc, cc->diags.v[i], &dd->msg);
    }
    for (size_t i = 0; i < cc->pats.n; i++) {
        if (S_attr_is(cc->pats.v[i], "abstract", "true"))
            continue;
        imp_sch_pattern *p = imp_sch_grow(&s->patterns, s->npatterns, sizeof *p);
        if (p) {
            s->npatterns++;
            S_compile_pattern(cc, cc->pats.v[i], p);
        }
    }
    for (size_t i = 0; i < cc->phases.n; i++) {
        imp_sch_phase *ph = imp_sch_grow(&s->phases, s->nphases, sizeof *ph);
        if (ph) {
            s->nphases++;
            S_compile_phase(cc, cc->phases.v[i], ph);
        }
    }
}

imp_sch *imp_sch_compile(const char *path, imp_diags *d)
{
    S_cc cc;
    memset(&cc, 0, sizeof cc);
    xmlDocPtr doc = NULL;
    imp_sch *s = calloc(1, sizeof *s);
    cc.s = s;
    cc.d = d;
    cc.dir = imp_xml_dirname(path);
    if (!s || !cc.dir || !(s->path = strdup(path))) {
        imp_diag_add(d, IMP_SEV_ERROR, path, 0, 0, NULL, "out of memory reading this schema");
        cc.errors++;
        goto done;
    }
    doc = imp_xml_load(path, cc.dir, d);
    imp_sch_errors_capture(&cc.save, &cc, S_ignore_structured, S_ignore_generic);
    if (!doc)
        cc.errors++;
    else if (S_check_root(&cc, xmlDocGetRootElement(doc)) == 0)
        S_compile_all(&cc, xmlDocGetRootElement(doc));
    imp_sch_errors_restore(&cc.save);
done:
    xmlFreeDoc(doc);
    for (size_t i = 0; i < cc.ndocs; i++) {
        free(cc.docs[i].path);
        xmlFreeDoc(cc.docs[i].doc);
    }
    free(cc.docs);
    free(cc.pats.v);
    free(cc.keys.v);
    free(cc.lets.v);
    free(cc.phases.v);
    free(cc.diags.v);
    free(cc.arules);
    S_clear_params(&cc);
    free(cc.dir);
    if (cc.errors) {
        imp_sch_free(s);
        s = NULL;
    }
    return s;
}

/* ---- freeing ------------------------------------------------------------ */

static void S_free_msg(imp_sch_msg *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].text);
        xmlXPathFreeCompExpr(m->v[i].expr);
    }
    free(m->v);
}

static void S_free_let(imp_sch_let *l)
{
    free(l->name);
    free(l->src);
    xmlXPathFreeCompExpr(l->expr);
    xmlFreeDoc(l->content);
}

static void S_free_lets(imp_sch_let *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        S_free_let(&v[i]);
    free(v);
}

static void S_free_rule(imp_sch_rule *r)
{
    free(r->context);
    xsltFreeCompMatchList(r->match);
    free(r->name_hint);
    free(r->id);
    free(r->role);
    for (size_t i = 0; i < r->nitems; i++) {
        imp_sch_item *it = &r->items[i];
        if (it->is_let) {
            S_free_let(&it->let);
            continue;
        }
        free(it->as.test);
        xmlXPathFreeCompExpr(it->as.expr);
        free(it->as.id);
        free(it->as.role);
        free(it->as.flag);
        S_free_msg(&it->as.msg);
        free(it->as.diags);
    }
    free(r->items);
}

void imp_sch_free(imp_sch *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->npatterns; i++) {
        imp_sch_pattern *p = &s->patterns[i];
        free(p->id);
        free(p->name);
        free(p->documents);
        xmlXPathFreeCompExpr(p->documents_expr);
        S_free_lets(p->lets, p->nlets);
        for (size_t j = 0; j < p->nrules; j++)
            S_free_rule(&p->rules[j]);
        free(p->rules);
    }
    free(s->patterns);
    for (size_t i = 0; i < s->nphases; i++) {
        free(s->phases[i].id);
        free(s->phases[i].active);
        S_free_lets(s->phases[i].lets, s->phases[i].nlets);
    }
    free(s->phases);
    for (size_t i = 0; i < s->ndiags; i++) {
        free(s->diags[i].id);
        S_free_msg(&s->diags[i].msg);
    }
    free(s->diags);
    S_free_lets(s->lets, s->nlets);
    for (size_t i = 0; i < s->nns; i++) {
        free(s->ns[i].prefix);
        free(s->ns[i].uri);
    }
    free(s->ns);
    xmlXPathFreeCompExpr(s->name_expr);
    xmlFree(s->nslist);
    /* compiled patterns hold pointers into the stylesheet: it goes last */
    if (s->style)
        xsltFreeStylesheet(s->style);
    if (s->sec)
        xsltFreeSecurityPrefs(s->sec);
    for (size_t i = 0; i < s->nfiles; i++)
        free(s->files[i]);
    free(s->files);
    free(s->title);
    free(s->schema_version);
    free(s->default_phase);
    free(s->path);
    free(s);
}
