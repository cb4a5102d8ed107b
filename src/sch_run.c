/* sch_run.c: run a compiled Schematron schema over a document and its subordinate documents. */
#include "sch_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/uri.h>
#include <libxml/xpathInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include "schfn.h"
#include "xmlload.h"

/* libxslt keeps per-node flags in spare bits of source nodes (key and
 * generate-id bookkeeping); these mirror its private layout so a run can
 * leave the caller's document as it found it. */
#define S_FLAG_HAS_ID 2u
#define S_NODE_SHIFT 12
#define S_ATTR_SHIFT 27

typedef struct {
    const char *name;
    xmlXPathObjectPtr val;
} S_bind;

/* One document being checked, with its own XSLT context: key() tables and
 * libxslt's pattern caches are per document. */
typedef struct {
    xmlDocPtr doc;
    xsltTransformContextPtr t;
    xmlNsPtr *nslist; /* borrowed from the schema */
    int nsnr;
    xmlNodePtr *nodes;    /* every node in document order, built on first use */
    const xmlChar **keys; /* each node's name as a rule name hint, or NULL */
    size_t nnodes;
    int walked;
} S_doc;

/* A subordinate document read by the built-in loader (NULL: unreadable). */
typedef struct {
    char *uri;
    xmlDocPtr doc;
} S_cached;

typedef struct {
    imp_sch *s;
    const imp_sch_opts *opts;
    imp_diags *d;
    xmlDocPtr inst;
    xmlDocPtr svrl;
    imp_sch_errsave save;
    S_bind *vars; /* the let scopes, innermost last */
    size_t nvars, capvars;
    S_doc **docs;
    size_t ndocs;
    S_cached *cache;
    size_t ncache;
    int fired;
    int failed;
    char err[512]; /* the first library error of the current evaluation */
} S_run;

/* ---- library error capture ----------------------------------------------- */

static void S_keep_error(S_run *R, const char *msg)
{
    if (R->err[0] || !msg || !*msg)
        return;
    if (!strncmp(msg, "runtime error", 13) || !strncmp(msg, "XPath error", 11))
        return; /* libxslt's location preamble, not the reason */
    snprintf(R->err, sizeof R->err, "%s", msg);
    size_t n = strlen(R->err);
    while (n && (R->err[n - 1] == '\n' || R->err[n - 1] == ' ' || R->err[n - 1] == '.'))
        R->err[--n] = '\0';
}

/* libxml2 hands XPath errors to a context's handler with a code but no
 * message text. */
static const char *S_xpath_reason(int code)
{
    switch (code) {
    case XML_XPATH_UNDEF_VARIABLE_ERROR:
        return "undefined variable";
    case XML_XPATH_UNDEF_PREFIX_ERROR:
        return "undefined namespace prefix (declare it with sch:ns)";
    case XML_XPATH_UNKNOWN_FUNC_ERROR:
        return "unknown function";
    case XML_XPATH_INVALID_ARITY:
        return "wrong number of arguments to a function";
    case XML_XPATH_INVALID_TYPE:
    case XML_XPATH_INVALID_OPERAND:
        return "a value of the wrong type";
    case XML_XPATH_MEMORY_ERROR:
        return "out of memory";
    default:
        return "invalid expression";
    }
}

static void S_on_structured(void *ud, xmlErrorPtr e)
{
    if (!ud || !e)
        return;
    if (e->message && *e->message)
        S_keep_error(ud, e->message);
    else if (e->domain == XML_FROM_XPATH)
        S_keep_error(ud, S_xpath_reason(e->code));
}

static void S_on_generic(void *ud, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (ud)
        S_keep_error(ud, buf);
}

/* ---- scopes ------------------------------------------------------------- */

static xmlXPathObjectPtr S_var_lookup(void *ud, const xmlChar *name, const xmlChar *ns_uri)
{
    S_run *R = ud;
    if (ns_uri)
        return NULL;
    for (size_t i = R->nvars; i-- > 0;)
        if (!strcmp(R->vars[i].name, (const char *)name))
            return xmlXPathObjectCopy(R->vars[i].val);
    return NULL;
}

static void S_unbind(S_run *R, size_t mark)
{
    while (R->nvars > mark)
        xmlXPathFreeObject(R->vars[--R->nvars].val);
}

static void S_fail(S_run *R, imp_sch_src at, const char *what, const char *expr)
{
    if (R->failed)
        return;
    R->failed = 1;
    imp_diag_add(R->d, IMP_SEV_ERROR, at.file, at.line, 0, NULL,
                 "schema error: the %s \"%s\" could not be evaluated%s%s", what, expr ? expr : "",
                 R->err[0] ? ": " : "", R->err);
}

/* Make node the context node (and current()) of the next evaluation. */
static void S_focus(S_doc *sd, xmlNodePtr node)
{
    xmlXPathContextPtr xp = sd->t->xpathCtxt;
    xp->node = node;
    xp->doc = sd->doc;
    xp->contextSize = 1;
    xp->proximityPosition = 1;
    xp->namespaces = sd->nslist;
    xp->nsNr = sd->nsnr;
    sd->t->node = node;
}

static xmlXPathObjectPtr S_eval(S_run *R, S_doc *sd, xmlNodePtr node, xmlXPathCompExprPtr e,
                                imp_sch_src at, const char *what, const char *src)
{
    S_focus(sd, node);
    R->err[0] = '\0';
    xmlXPathObjectPtr o = e ? xmlXPathCompiledEval(e, sd->t->xpathCtxt) : NULL;
    if (!o || sd->t->state == XSLT_STATE_STOPPED) {
        xmlXPathFreeObject(o);
        S_fail(R, at, what, src);
        return NULL;
    }
    return o;
}

static int S_bind_let(S_run *R, S_doc *sd, xmlNodePtr node, const imp_sch_let *l)
{
    xmlXPathObjectPtr v = l->content ? xmlXPathNewNodeSet((xmlNodePtr)l->content)
                                     : S_eval(R, sd, node, l->expr, l->at, "value", l->src);
    if (!v)
        return -1;
    if (R->nvars == R->capvars) {
        size_t cap = R->capvars ? 2 * R->capvars : 16;
        S_bind *nv = realloc(R->vars, cap * sizeof *nv);
        if (!nv) {
            xmlXPathFreeObject(v);
            R->failed = 1;
            return -1;
        }
        R->vars = nv;
        R->capvars = cap;
    }
    R->vars[R->nvars].name = l->name;
    R->vars[R->nvars].val = v;
    R->nvars++;
    return 0;
}

static int S_bind_lets(S_run *R, S_doc *sd, xmlNodePtr node, const imp_sch_let *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (S_bind_let(R, sd, node, &v[i]))
            return -1;
    return 0;
}

/* ---- documents ---------------------------------------------------------- */

static long S_line(xmlNodePtr n)
{
    if (!n)
        return 0;
    if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) {
        xmlNodePtr root = xmlDocGetRootElement((xmlDocPtr)n);
        return root ? imp_xml_line(root) : 0;
    }
    return imp_xml_line(n);
}

static S_doc *S_doc_for(S_run *R, xmlDocPtr doc)
{
    for (size_t i = 0; i < R->ndocs; i++)
        if (R->docs[i]->doc == doc)
            return R->docs[i];
    S_doc *sd = calloc(1, sizeof *sd);
    S_doc **slot = sd ? imp_sch_grow(&R->docs, R->ndocs, sizeof *slot) : NULL;
    xsltTransformContextPtr t = slot ? xsltNewTransformContext(R->s->style, doc) : NULL;
    if (!t) {
        free(sd);
        if (!R->failed)
            imp_diag_add(R->d, IMP_SEV_ERROR, (const char *)doc->URL, 0, 0, NULL,
                         "internal error: cannot start checking this document (out of memory?)");
        R->failed = 1;
        return NULL;
    }
    *slot = sd;
    R->ndocs++;
    sd->doc = doc;
    sd->t = t;
    if (R->s->sec)
        xsltSetCtxtSecurityPrefs(R->s->sec, t);
    xsltSetTransformErrorFunc(t, R, S_on_generic);
    /* document() must not expand entities or fetch DTDs */
    t->parserOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
    t->initialContextDoc = doc;
    t->initialContextNode = (xmlNodePtr)doc;
    t->inst = R->s->nsnode;
    /* what xsltApplyStylesheet would count: key() builds its tables lazily */
    t->nbKeys = 0;
    for (xsltKeyDefPtr k = R->s->style->keys; k; k = k->next)
        t->nbKeys++;
    xmlXPathContextPtr xp = t->xpathCtxt;
    xmlXPathRegisterVariableLookup(xp, S_var_lookup, R);
    xp->error = S_on_structured;
    xp->userData = R;
    /* the sch:ns bindings go in xp->namespaces at each evaluation: the
     * context's nsHash belongs to the stylesheet */
    sd->nslist = R->s->nslist;
    sd->nsnr = R->s->nsnr;
    imp_schfn_register(xp);
    return sd;
}

/* Every node XSLT patterns can match, in document order: the document,
 * elements, their attributes, text, comments and processing instructions. */
static int S_walk(S_doc *sd, xmlDictPtr hints)
{
    size_t cap = 256;
    sd->walked = 1;
    sd->nodes = malloc(cap * sizeof *sd->nodes);
    if (!sd->nodes)
        return -1;
    sd->nodes[sd->nnodes++] = (xmlNodePtr)sd->doc;
    xmlNodePtr cur = sd->doc->children;
    while (cur) {
        int keep = cur->type == XML_ELEMENT_NODE || cur->type == XML_TEXT_NODE ||
                   cur->type == XML_CDATA_SECTION_NODE || cur->type == XML_COMMENT_NODE ||
                   cur->type == XML_PI_NODE;
        size_t want = sd->nnodes + 1;
        if (keep && cur->type == XML_ELEMENT_NODE)
            for (xmlAttrPtr a = cur->properties; a; a = a->next)
                want++;
        if (want > cap) {
            while (cap < want)
                cap *= 2;
            xmlNodePtr *nv = realloc(sd->nodes, cap * sizeof *nv);
            if (!nv)
                return -1;
            sd->nodes = nv;
        }
        if (keep)
            sd->nodes[sd->nnodes++] = cur;
        if (cur->type == XML_ELEMENT_NODE) {
            for (xmlAttrPtr a = cur->properties; a; a = a->next)
                sd->nodes[sd->nnodes++] = (xmlNodePtr)a;
            if (cur->children) {
                cur = cur->children;
                continue;
            }
        }
        while (cur && !cur->next) {
            cur = cur->parent;
            if (cur == (xmlNodePtr)sd->doc)
                cur = NULL;
        }
        if (cur)
            cur = cur->next;
    }
    sd->keys = calloc(sd->nnodes, sizeof *sd->keys);
    if (!sd->keys)
        return -1;
    for (size_t i = 0; i < sd->nnodes; i++) {
        xmlNodePtr n = sd->nodes[i];
        if (n->type == XML_ELEMENT_NODE || n->type == XML_ATTRIBUTE_NODE)
            sd->keys[i] = xmlDictExists(hints, n->name, -1);
    }
    return 0;
}

static unsigned S_kind(xmlNodePtr n)
{
    switch (n->type) {
    case XML_DOCUMENT_NODE:
    case XML_HTML_DOCUMENT_NODE:
        return IMP_SCH_K_DOC;
    case XML_ELEMENT_NODE:
        return IMP_SCH_K_ELEM;
    case XML_ATTRIBUTE_NODE:
        return IMP_SCH_K_ATTR;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        return IMP_SCH_K_TEXT;
    case XML_COMMENT_NODE:
        return IMP_SCH_K_COMMENT;
    case XML_PI_NODE:
        return IMP_SCH_K_PI;
    default:
        return 0;
    }
}

/* Undo libxslt's key/generate-id marks on a source document. */
static void S_clean_source(xmlDocPtr doc)
{
    if (((unsigned)doc->properties >> S_ATTR_SHIFT) & S_FLAG_HAS_ID)
        doc->psvi = NULL;
    doc->properties = (int)((unsigned)doc->properties & ~(15u << S_ATTR_SHIFT));
    xmlNodePtr cur = doc->children;
    while (cur) {
        if (cur->type == XML_ELEMENT_NODE || cur->type == XML_TEXT_NODE ||
            cur->type == XML_CDATA_SECTION_NODE || cur->type == XML_COMMENT_NODE ||
            cur->type == XML_PI_NODE) {
            if ((cur->extra >> S_NODE_SHIFT) & S_FLAG_HAS_ID)
                cur->psvi = NULL;
            cur->extra &= (unsigned short)((1u << S_NODE_SHIFT) - 1);
        }
        if (cur->type == XML_ELEMENT_NODE) {
            for (xmlAttrPtr a = cur->properties; a; a = a->next) {
                if (((unsigned)a->atype >> S_ATTR_SHIFT) & S_FLAG_HAS_ID)
                    a->psvi = NULL;
                a->atype = (xmlAttributeType)((unsigned)a->atype & ~(15u << S_ATTR_SHIFT));
            }
            if (cur->children) {
                cur = cur->children;
                continue;
            }
        }
        while (cur && !cur->next) {
            cur = cur->parent;
            if (cur == (xmlNodePtr)doc)
                cur = NULL;
        }
        if (cur)
            cur = cur->next;
    }
}

/* A resolved URI as a local path (caller frees), or NULL for other schemes. */
static char *S_uri_path(const char *uri)
{
    const char *p = uri;
    if (!strncmp(uri, "file://", 7))
        p = uri + 7;
    else {
        const char *colon = strchr(uri, ':'), *slash = strchr(uri, '/');
        if (colon && (!slash || colon < slash))
            return NULL;
    }
    return xmlURIUnescapeString(p, 0, NULL);
}

static char *S_resolve(const char *ref, const char *base)
{
    xmlChar *u = xmlBuildURI((const xmlChar *)ref, (const xmlChar *)base);
    if (u) {
        char *r = strdup((const char *)u);
        xmlFree(u);
        return r;
    }
    if (!base || ref[0] == '/')
        return strdup(ref);
    char *dir = imp_xml_dirname(base);
    size_t n = (dir ? strlen(dir) : 0) + strlen(ref) + 2;
    char *r = dir ? malloc(n) : NULL;
    if (r)
        snprintf(r, n, "%s/%s", dir, ref);
    free(dir);
    return r;
}

/* The built-in loader: local files under the instance's folder, each read
 * once per run; unreadable ones are reported where they are named. */
static xmlDocPtr S_builtin_load(S_run *R, const char *uri, xmlNodePtr ref)
{
    for (size_t i = 0; i < R->ncache; i++)
        if (!strcmp(R->cache[i].uri, uri))
            return R->cache[i].doc;
    imp_diags tmp = {NULL, 0, 0};
    const char *base = R->inst->URL ? (const char *)R->inst->URL : "./document";
    char *dir = imp_xml_dirname(base);
    char *path = S_uri_path(uri);
    xmlDocPtr doc = NULL;
    const char *why = NULL;
    struct stat sb;
    if (!path || !dir)
        why = "impack reads only local files";
    else if (stat(path, &sb) != 0)
        why = "there is no such file";
    else if (!imp_xml_path_under(path, dir))
        why = "it is outside the folder of the document that names it";
    else if (!(doc = imp_xml_load(path, dir, &tmp)))
        why = tmp.n ? tmp.v[0].msg : "it is not well-formed XML";
    if (!doc) {
        xmlDocPtr where = ref && ref->doc ? ref->doc : R->inst;
        imp_diag_add(
            R->d, IMP_SEV_ERROR, (const char *)where->URL, S_line(ref ? ref : (xmlNodePtr)where), 0,
            NULL, "the document \"%s\" named here could not be read: %s", path ? path : uri, why);
    }
    S_cached *slot = imp_sch_grow(&R->cache, R->ncache, sizeof *slot);
    if (slot && (slot->uri = strdup(uri))) {
        slot->doc = doc;
        R->ncache++;
    } else {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    imp_diag_free(&tmp);
    free(path);
    free(dir);
    return doc;
}

/* ---- rules -------------------------------------------------------------- */

typedef struct {
    char *v;
    size_t n, cap;
} S_buf;

static void S_put(S_buf *b, const char *s)
{
    size_t len = strlen(s);
    if (b->n + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->n + len + 1)
            cap *= 2;
        char *nv = realloc(b->v, cap);
        if (!nv)
            return;
        b->v = nv;
        b->cap = cap;
    }
    memcpy(b->v + b->n, s, len + 1);
    b->n += len;
}

/* A message with value-of and name evaluated, white space folded. */
static char *S_render(S_run *R, S_doc *sd, xmlNodePtr node, const imp_sch_msg *m, imp_sch_src at)
{
    S_buf b = {NULL, 0, 0};
    S_put(&b, "");
    for (size_t i = 0; i < m->n; i++) {
        const imp_sch_part *part = &m->v[i];
        if (part->kind == IMP_SCH_PART_TEXT) {
            S_put(&b, part->text ? part->text : "");
            continue;
        }
        int value = part->kind == IMP_SCH_PART_VALUE;
        xmlXPathObjectPtr o = S_eval(R, sd, node, part->expr ? part->expr : R->s->name_expr, at,
                                     value ? "select" : "path", part->text ? part->text : "name()");
        if (!o) {
            free(b.v);
            return NULL;
        }
        xmlChar *str = xmlXPathCastToString(o);
        S_put(&b, str ? (const char *)str : "");
        xmlFree(str);
        xmlXPathFreeObject(o);
    }
    return b.v ? imp_diag_fold(b.v) : NULL;
}

static void S_assert(S_run *R, S_doc *sd, const imp_sch_pattern *p, const imp_sch_rule *r,
                     const imp_sch_assert *a, xmlNodePtr node)
{
    char *text = NULL;
    char **dtexts = NULL, **dids = NULL;
    S_buf full = {NULL, 0, 0};
    S_focus(sd, node);
    R->err[0] = '\0';
    int b = xmlXPathCompiledEvalToBoolean(a->expr, sd->t->xpathCtxt);
    if (b < 0 || sd->t->state == XSLT_STATE_STOPPED) {
        S_fail(R, a->at, "test", a->test);
        goto done;
    }
    if (a->report ? !b : b)
        goto done;
    R->fired = 1;
    if (!(text = S_render(R, sd, node, &a->msg, a->at)))
        goto done;
    if (a->ndiags && (!(dtexts = calloc(a->ndiags, sizeof *dtexts)) ||
                      !(dids = calloc(a->ndiags, sizeof *dids))))
        goto done;
    S_put(&full, *text ? text : a->report ? "report: " : "assertion failed: ");
    if (!*text)
        S_put(&full, a->test);
    for (size_t i = 0; i < a->ndiags; i++) {
        const imp_sch_diagdef *dd = &R->s->diags[a->diags[i]];
        dids[i] = dd->id;
        if (!(dtexts[i] = S_render(R, sd, node, &dd->msg, a->at)))
            goto done;
        if (*dtexts[i]) {
            S_put(&full, " ");
            S_put(&full, dtexts[i]);
        }
    }
    imp_diag_add(R->d, imp_diag_severity_from_role(a->role ? a->role : r->role),
                 (const char *)sd->doc->URL, S_line(node), 0, a->id ? a->id : p->id, "%s",
                 full.v ? full.v : "");
    if (R->svrl)
        imp_svrl_result(R->svrl, a, node, text, dids, dtexts, a->ndiags);
done:
    for (size_t i = 0; dtexts && i < a->ndiags; i++)
        free(dtexts[i]);
    free(dtexts);
    free(dids);
    free(full.v);
    free(text);
}

static void S_fire(S_run *R, S_doc *sd, const imp_sch_pattern *p, const imp_sch_rule *r,
                   xmlNodePtr node)
{
    size_t mark = R->nvars;
    if (R->svrl)
        imp_svrl_fired_rule(R->svrl, r, (const char *)sd->doc->URL);
    for (size_t i = 0; i < r->nitems && !R->failed; i++) {
        const imp_sch_item *it = &r->items[i];
        if (it->is_let)
            S_bind_let(R, sd, node, &it->let);
        else
            S_assert(R, sd, p, r, &it->as, node);
    }
    S_unbind(R, mark);
}

/* One pattern over one document: for each node, the first rule that
 * matches fires. */
static void S_run_pattern(S_run *R, const imp_sch_pattern *p, S_doc *sd)
{
    size_t mark = R->nvars;
    if (R->svrl)
        imp_svrl_active_pattern(R->svrl, p, (const char *)sd->doc->URL);
    if (S_bind_lets(R, sd, (xmlNodePtr)sd->doc, p->lets, p->nlets) || !p->nrules)
        goto done;
    if (!sd->walked && S_walk(sd, R->s->dict)) {
        R->failed = 1;
        goto done;
    }
    for (size_t i = 0; i < sd->nnodes && !R->failed; i++) {
        const xmlChar *key = sd->keys[i];
        if (p->all_hinted && !key)
            continue; /* a name none of this pattern's rules can match */
        xmlNodePtr n = sd->nodes[i];
        unsigned k = S_kind(n);
        if (!(p->kinds & k))
            continue;
        S_focus(sd, n);
        for (size_t j = 0; j < p->nrules; j++) {
            const imp_sch_rule *r = &p->rules[j];
            if (!(r->kinds & k) || (r->hint_key && r->hint_key != key))
                continue;
            if (r->exact) {
                /* the name matched; the namespace decides, as libxslt would */
                if (n->ns ? !n->ns->href ||
                                (r->exact_ns && !strcmp((const char *)n->ns->href, r->exact_ns))
                          : !r->exact_ns) {
                    S_fire(R, sd, p, r, n);
                    break;
                }
                continue;
            }
            R->err[0] = '\0';
            int m = xsltTestCompMatchList(sd->t, n, r->match);
            if (m < 0 || sd->t->state == XSLT_STATE_STOPPED) {
                S_fail(R, r->at, "context", r->context);
                break;
            }
            if (m == 1) {
                S_fire(R, sd, p, r, n);
                break;
            }
        }
    }
done:
    S_unbind(R, mark);
}

/* pattern/@documents: the pattern runs over each document it names. */
static void S_run_documents(S_run *R, const imp_sch_pattern *p, S_doc *main)
{
    char **items = NULL;
    xmlNodePtr *refs = NULL;
    size_t n = 0;
    xmlXPathObjectPtr o =
        S_eval(R, main, (xmlNodePtr)R->inst, p->documents_expr, p->at, "documents", p->documents);
    if (!o)
        return;
    int nodes = o->type == XPATH_NODESET || o->type == XPATH_XSLT_TREE;
    size_t want = nodes ? (o->nodesetval ? (size_t)o->nodesetval->nodeNr : 0) : 1;
    items = want ? calloc(want, sizeof *items) : NULL;
    refs = want ? calloc(want, sizeof *refs) : NULL;
    for (size_t i = 0; items && refs && i < want; i++) {
        refs[i] = nodes ? o->nodesetval->nodeTab[i] : NULL;
        items[i] = (char *)(nodes ? xmlXPathCastNodeToString(refs[i]) : xmlXPathCastToString(o));
        n++;
    }
    xmlXPathFreeObject(o);
    for (size_t i = 0; i < n && !R->failed; i++) {
        char *ref = items[i] ? imp_diag_fold(items[i]) : NULL;
        if (!ref || !*ref)
            continue;
        char *uri = S_resolve(ref, (const char *)R->inst->URL);
        xmlDocPtr sub = NULL;
        if (uri && R->opts->loader)
            sub = R->opts->loader(R->opts->loader_ud, uri, refs[i], R->d);
        else if (uri)
            sub = S_builtin_load(R, uri, refs[i]);
        /* loaders may install their own error handlers */
        imp_sch_errors_restore(&R->save);
        imp_sch_errors_capture(&R->save, R, S_on_structured, S_on_generic);
        free(uri);
        if (!sub) {
            R->fired = 1;
            continue;
        }
        S_doc *sd = S_doc_for(R, sub);
        if (sd)
            S_run_pattern(R, p, sd);
    }
    for (size_t i = 0; i < n; i++)
        xmlFree(items[i]);
    free(items);
    free(refs);
}

/* ---- a run -------------------------------------------------------------- */

static int S_pick_phase(S_run *R, const imp_sch_phase **out, const char **name)
{
    const imp_sch *s = R->s;
    const char *want = R->opts->phase ? R->opts->phase : "#DEFAULT";
    if (!strcmp(want, "#DEFAULT"))
        want = s->default_phase ? s->default_phase : "#ALL";
    *out = NULL;
    *name = want;
    if (!strcmp(want, "#ALL"))
        return 0;
    for (size_t i = 0; i < s->nphases; i++)
        if (s->phases[i].id && !strcmp(s->phases[i].id, want)) {
            *out = &s->phases[i];
            return 0;
        }
    S_buf list = {NULL, 0, 0};
    S_put(&list, "");
    for (size_t i = 0; i < s->nphases; i++) {
        if (!s->phases[i].id)
            continue;
        if (list.n)
            S_put(&list, ", ");
        S_put(&list, s->phases[i].id);
    }
    if (list.v && list.n)
        imp_diag_add(R->d, IMP_SEV_ERROR, s->path, 0, 0, NULL,
                     "there is no phase called %s; the phases are: %s", want, list.v);
    else
        imp_diag_add(R->d, IMP_SEV_ERROR, s->path, 0, 0, NULL,
                     "there is no phase called %s; this schema has no phases", want);
    free(list.v);
    return -1;
}

static void S_run_all(S_run *R, const imp_sch_phase *ph)
{
    const imp_sch *s = R->s;
    unsigned char *active = NULL;
    S_doc *main = S_doc_for(R, R->inst);
    if (!main)
        return;
    if (ph && !(active = calloc(s->npatterns ? s->npatterns : 1, 1))) {
        R->failed = 1;
        return;
    }
    for (size_t i = 0; ph && i < ph->nactive; i++)
        active[ph->active[i]] = 1;
    if (S_bind_lets(R, main, (xmlNodePtr)R->inst, s->lets, s->nlets) ||
        (ph && S_bind_lets(R, main, (xmlNodePtr)R->inst, ph->lets, ph->nlets)))
        goto done;
    for (size_t i = 0; i < s->npatterns && !R->failed; i++) {
        if (active && !active[i])
            continue;
        if (s->patterns[i].documents_expr)
            S_run_documents(R, &s->patterns[i], main);
        else
            S_run_pattern(R, &s->patterns[i], main);
    }
done:
    free(active);
}

int imp_sch_validate(imp_sch *s, xmlDocPtr doc, const imp_sch_opts *opts, imp_diags *d)
{
    static const imp_sch_opts none;
    S_run R;
    memset(&R, 0, sizeof R);
    R.s = s;
    R.opts = opts ? opts : &none;
    R.d = d;
    R.inst = doc;
    const imp_sch_phase *ph = NULL;
    const char *phase = NULL;
    if (R.opts->svrl)
        *R.opts->svrl = NULL;
    if (!s || !doc) {
        imp_diag_add(d, IMP_SEV_ERROR, NULL, 0, 0, NULL,
                     "internal error: no schema or no document to validate");
        return -1;
    }
    if (S_pick_phase(&R, &ph, &phase))
        return -1;
    imp_sch_errors_capture(&R.save, &R, S_on_structured, S_on_generic);
    if (R.opts->svrl)
        R.svrl = imp_svrl_new(s, phase);
    S_run_all(&R, ph);
    /* values may point into subordinate documents: drop them first */
    S_unbind(&R, 0);
    free(R.vars);
    for (size_t i = 0; i < R.ndocs; i++) {
        if (R.docs[i]->t->sourceDocDirty)
            S_clean_source(R.docs[i]->doc);
        xsltFreeTransformContext(R.docs[i]->t);
        free(R.docs[i]->nodes);
        free(R.docs[i]->keys);
        free(R.docs[i]);
    }
    free(R.docs);
    for (size_t i = 0; i < R.ncache; i++) {
        free(R.cache[i].uri);
        xmlFreeDoc(R.cache[i].doc);
    }
    free(R.cache);
    imp_sch_errors_restore(&R.save);
    if (R.failed) {
        xmlFreeDoc(R.svrl);
        return -1;
    }
    if (R.opts->svrl)
        *R.opts->svrl = R.svrl;
    return R.fired ? 1 : 0;
}
