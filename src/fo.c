/* fo.c: the XSL-FO tree: elements to formatting objects, text, fo:declarations metadata, the id index. */
#include "fo_int.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "xmlload.h"

#define S_FOX_NS "http://xmlgraphics.apache.org/fop/extensions"
#define S_RX_NS "http://www.renderx.com/XSL/Extensions"
#define S_X_NS "adobe:ns:meta/"
#define S_RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define S_DC_NS "http://purl.org/dc/elements/1.1/"
#define S_PDF_NS "http://ns.adobe.com/pdf/1.3/"
#define S_XML_NS "http://www.w3.org/XML/1998/namespace"

#define S_CHUNK 65536 /* pool chunk size: below malloc's mmap threshold, so reused */
#define S_MAX_DEPTH 200 /* FO nesting deeper than this is cut off, with a warning */
#define S_REPORTS 5     /* unknown elements of one name reported at most this often */

/* ---- the pool ---------------------------------------------------------------- */

struct imp_fo_chunk {
    imp_fo_chunk *next;
    size_t size;
    max_align_t data[];
};

static imp_fo_chunk *S_chunk(size_t size)
{
    imp_fo_chunk *c = malloc(sizeof *c + size);
    if (c)
        c->size = size;
    return c;
}

void *imp_fo_pool_alloc(imp_fo_pool *p, size_t n)
{
    size_t a = sizeof(max_align_t);
    n = (n + a - 1) / a * a;
    if (!n)
        n = a;
    if (n > p->left) {
        imp_fo_chunk *c = S_chunk(n > S_CHUNK / 4 ? n : S_CHUNK);
        if (!c) {
            p->failed = 1;
            return NULL;
        }
        if (c->size == n && p->chunks) { /* a big block of its own: keep the current chunk */
            c->next = p->chunks->next;
            p->chunks->next = c;
            return c->data;
        }
        c->next = p->chunks;
        p->chunks = c;
        p->cur = (char *)c->data;
        p->left = c->size;
    }
    void *r = p->cur;
    p->cur += n;
    p->left -= n;
    return r; /* not zeroed: callers set every field */
}

char *imp_fo_pool_strndup(imp_fo_pool *p, const char *s, size_t n)
{
    char *r = imp_fo_pool_alloc(p, n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

static size_t S_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return (size_t)(h ^ (h >> 29));
}

/* The slot holding s[0..n), or the empty slot where it belongs. */
static const char **S_slot(const imp_fo_strset *set, const char *s, size_t n)
{
    size_t i = S_hash(s, n) & (set->cap - 1);
    for (;;) {
        const char *e = set->v[i];
        if (!e || (!strncmp(e, s, n) && !e[n]))
            return (const char **)&set->v[i];
        i = (i + 1) & (set->cap - 1);
    }
}

static int S_set_grow(imp_fo_strset *set)
{
    if (set->cap && (set->n + 1) * 2 <= set->cap)
        return 0;
    size_t cap = set->cap ? set->cap * 2 : 64;
    imp_fo_strset bigger = {calloc(cap, sizeof(char *)), cap, set->n};
    if (!bigger.v)
        return -1;
    for (size_t i = 0; i < set->cap; i++)
        if (set->v[i])
            *S_slot(&bigger, set->v[i], strlen(set->v[i])) = set->v[i];
    free(set->v);
    *set = bigger;
    return 0;
}

/* Find or add; *added tells which. NULL when out of memory. */
static const char *S_set_get(imp_fo_strset *set, imp_fo_pool *p, const char *s, size_t n,
                             int *added)
{
    *added = 0;
    if (S_set_grow(set)) {
        p->failed = 1;
        return NULL;
    }
    const char **slot = S_slot(set, s, n);
    if (!*slot) {
        char *copy = imp_fo_pool_strndup(p, s, n);
        if (!copy)
            return NULL;
        *slot = copy;
        set->n++;
        *added = 1;
    }
    return *slot;
}

/* Equal property blocks: the slot holding one equal to v, or the empty slot for it. */
static const imp_props **S_props_slot(const imp_fo_pool *p, const imp_props *v)
{
    /* FNV-1a a word at a time: a block is over a kilobyte */
    uint64_t h = 1469598103934665603ULL, w;
    for (size_t at = 0; at + sizeof w <= sizeof *v; at += sizeof w) {
        memcpy(&w, (const char *)v + at, sizeof w);
        h = (h ^ w) * 1099511628211ULL;
    }
    size_t i = (size_t)(h ^ (h >> 29)) & (p->props.cap - 1);
    while (p->props.v[i] && memcmp(p->props.v[i], v, sizeof *v))
        i = (i + 1) & (p->props.cap - 1);
    return &p->props.v[i];
}

const imp_props *imp_fo_pool_props(imp_fo_pool *p, const imp_props *v)
{
    if (!p->props.cap || (p->props.n + 1) * 2 > p->props.cap) {
        size_t cap = p->props.cap ? p->props.cap * 2 : 64;
        const imp_props **old = p->props.v;
        size_t ocap = p->props.cap;
        p->props.v = calloc(cap, sizeof *p->props.v);
        if (!p->props.v) {
            p->props.v = old;
            p->failed = 1;
            return NULL;
        }
        p->props.cap = cap;
        for (size_t i = 0; i < ocap; i++)
            if (old[i])
                *S_props_slot(p, old[i]) = old[i];
        free(old);
    }
    const imp_props **slot = S_props_slot(p, v);
    if (!*slot) {
        imp_props *copy = imp_fo_pool_alloc(p, sizeof *copy);
        if (!copy)
            return NULL;
        memcpy(copy, v, sizeof *copy);
        *slot = copy;
        p->props.n++;
    }
    return *slot;
}

char *imp_fo_pool_intern(imp_fo_pool *p, const char *s, size_t n)
{
    int added;
    return (char *)S_set_get(&p->interned, p, s, n, &added);
}

int imp_fo_strset_add(imp_fo_strset *set, imp_fo_pool *p, const char *s)
{
    int added;
    S_set_get(set, p, s, strlen(s), &added);
    return added;
}

void imp_fo_pool_free(imp_fo_pool *p)
{
    imp_fo_chunk *c = p->chunks;
    while (c) {
        imp_fo_chunk *next = c->next;
        free(c);
        c = next;
    }
    free(p->interned.v);
    free(p->props.v);
    memset(p, 0, sizeof *p);
}

/* ---- diagnostics --------------------------------------------------------------- */

void imp_fo_warn(imp_fo_ctx *c, long line, const char *rule, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    imp_diag_add(c->d, IMP_SEV_WARNING, c->file, line, 0, rule, "%s", msg);
}

int imp_fo_once(imp_fo_ctx *c, const char *key)
{
    return imp_fo_strset_add(&c->once, c->pool, key);
}

int imp_fo_limited(imp_fo_ctx *c, const char *key)
{
    char k[200];
    for (int i = 1; i <= S_REPORTS; i++) {
        snprintf(k, sizeof k, "%s#%d", key, i);
        if (imp_fo_once(c, k))
            return i == S_REPORTS ? 2 : 1;
    }
    return 0;
}

/* ---- formatting object names ------------------------------------------------------ */

typedef struct {
    const char *name;
    imp_fo_kind kind;
} S_kind;

static const S_kind S_kinds[] = { /* sorted by name */
    {"basic-link", IMP_FO_BASIC_LINK},
    {"block", IMP_FO_BLOCK},
    {"block-container", IMP_FO_BLOCK_CONTAINER},
    {"bookmark", IMP_FO_BOOKMARK},
    {"bookmark-title", IMP_FO_BOOKMARK_TITLE},
    {"bookmark-tree", IMP_FO_BOOKMARK_TREE},
    {"character", IMP_FO_CHARACTER},
    {"conditional-page-master-reference", IMP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE},
    {"declarations", IMP_FO_DECLARATIONS},
    {"external-graphic", IMP_FO_EXTERNAL_GRAPHIC},
    {"flow", IMP_FO_FLOW},
    {"footnote", IMP_FO_FOOTNOTE},
    {"footnote-body", IMP_FO_FOOTNOTE_BODY},
    {"inline", IMP_FO_INLINE},
    {"inline-container", IMP_FO_INLINE_CONTAINER},
    {"instream-foreign-object", IMP_FO_INSTREAM_FOREIGN_OBJECT},
    {"layout-master-set", IMP_FO_LAYOUT_MASTER_SET},
    {"leader", IMP_FO_LEADER},
    {"list-block", IMP_FO_LIST_BLOCK},
    {"list-item", IMP_FO_LIST_ITEM},
    {"list-item-body", IMP_FO_LIST_ITEM_BODY},
    {"list-item-label", IMP_FO_LIST_ITEM_LABEL},
    {"marker", IMP_FO_MARKER},
    {"page-number", IMP_FO_PAGE_NUMBER},
    {"page-number-citation", IMP_FO_PAGE_NUMBER_CITATION},
    {"page-number-citation-last", IMP_FO_PAGE_NUMBER_CITATION_LAST},
    {"page-sequence", IMP_FO_PAGE_SEQUENCE},
    {"page-sequence-master", IMP_FO_PAGE_SEQUENCE_MASTER},
    {"region-after", IMP_FO_REGION_AFTER},
    {"region-before", IMP_FO_REGION_BEFORE},
    {"region-body", IMP_FO_REGION_BODY},
    {"region-end", IMP_FO_REGION_END},
    {"region-start", IMP_FO_REGION_START},
    {"repeatable-page-master-alternatives", IMP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES},
    {"repeatable-page-master-reference", IMP_FO_REPEATABLE_PAGE_MASTER_REFERENCE},
    {"retrieve-marker", IMP_FO_RETRIEVE_MARKER},
    {"root", IMP_FO_ROOT},
    {"simple-page-master", IMP_FO_SIMPLE_PAGE_MASTER},
    {"single-page-master-reference", IMP_FO_SINGLE_PAGE_MASTER_REFERENCE},
    {"static-content", IMP_FO_STATIC_CONTENT},
    {"table", IMP_FO_TABLE},
    {"table-and-caption", IMP_FO_TABLE_AND_CAPTION},
    {"table-body", IMP_FO_TABLE_BODY},
    {"table-caption", IMP_FO_TABLE_CAPTION},
    {"table-cell", IMP_FO_TABLE_CELL},
    {"table-column", IMP_FO_TABLE_COLUMN},
    {"table-footer", IMP_FO_TABLE_FOOTER},
    {"table-header", IMP_FO_TABLE_HEADER},
    {"table-row", IMP_FO_TABLE_ROW},
    {"title", IMP_FO_TITLE},
    {"wrapper", IMP_FO_WRAPPER},
};

static int S_cmp_kind(const void *k, const void *m)
{
    return strcmp(k, ((const S_kind *)m)->name);
}

static const S_kind *S_kind_of(const char *name)
{
    return bsearch(name, S_kinds, sizeof S_kinds / sizeof S_kinds[0], sizeof S_kinds[0],
                   S_cmp_kind);
}

static int S_blocklevel(imp_fo_kind k)
{
    return k == IMP_FO_BLOCK || k == IMP_FO_BLOCK_CONTAINER || k == IMP_FO_LIST_BLOCK ||
           k == IMP_FO_TABLE || k == IMP_FO_TABLE_AND_CAPTION;
}

/* Whether character data inside this FO is content (XSL 6: #PCDATA in the
 * content model). Elsewhere white space between elements is dropped. */
static int S_holds_text(const imp_fo *fo)
{
    switch (fo->kind) {
    case IMP_FO_BLOCK:
    case IMP_FO_INLINE:
    case IMP_FO_BASIC_LINK:
    case IMP_FO_TITLE:
    case IMP_FO_BOOKMARK_TITLE:
    case IMP_FO_LEADER:
        return 1;
    case IMP_FO_WRAPPER: /* #PCDATA only where its parent allows it */
        return fo->parent && S_holds_text(fo->parent);
    case IMP_FO_MARKER: /* inline content unless it carries blocks */
        for (xmlNodePtr n = fo->src ? fo->src->children : NULL; n; n = n->next) {
            const S_kind *k;
            if (n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
                !strcmp((const char *)n->ns->href, IMP_FO_NS) &&
                (k = S_kind_of((const char *)n->name)) && S_blocklevel(k->kind))
                return 0;
        }
        return 1;
    default:
        return 0;
    }
}

/* ---- building ------------------------------------------------------------------------ */

typedef struct {
    imp_fo_doc pub; /* first: imp_fo_doc pointers are these */
    imp_fo_pool pool;
    imp_fo **ids;   /* open-addressing table by id */
    size_t ids_cap;
} S_doc;

typedef struct {
    imp_fo_ctx c;
    S_doc *doc;
} S_build;

static imp_fo *S_new(S_build *b, imp_fo *parent, imp_fo_kind kind, const char *name, long line)
{
    imp_fo *fo = imp_fo_pool_alloc(&b->doc->pool, sizeof *fo);
    if (!fo)
        return NULL;
    /* character data has its parent's properties (fo.h); an element's are
     * computed by the caller */
    fo->p = kind == IMP_FO_TEXT && parent ? parent->p : NULL;
    fo->first = fo->last = fo->next = fo->prev = NULL;
    fo->text = NULL;
    fo->src = NULL;
    fo->kind = kind;
    fo->name = name;
    fo->line = line;
    fo->parent = parent;
    if (parent) {
        fo->prev = parent->last;
        if (parent->last)
            parent->last->next = fo;
        else
            parent->first = fo;
        parent->last = fo;
    }
    return fo;
}

static int S_is_textish(xmlNodePtr n)
{
    return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE ||
           n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE;
}

/* The line of the first non-blank character of a run of text. libxml2
 * numbers a text node by where its first chunk ends, so count back. */
static long S_text_line(xmlNodePtr first, long floor)
{
    for (xmlNodePtr n = first; n && S_is_textish(n); n = n->next) {
        if ((n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) || !n->content)
            continue;
        const char *s = (const char *)n->content;
        const char *p = s + strspn(s, " \t\n\r");
        if (!*p && n->next && S_is_textish(n->next))
            continue;
        if (!*p)
            p = s;
        long line = imp_xml_line(n);
        for (; *p; p++)
            if (*p == '\n')
                line--;
        return line > floor ? line : floor;
    }
    return floor;
}

/* A run of character data (comments and PIs inside it are dropped) becomes
 * one TEXT node; returns the node after the run. */
static xmlNodePtr S_text(S_build *b, imp_fo *parent, xmlNodePtr first)
{
    size_t len = 0;
    int blank = 1;
    xmlNodePtr n;
    for (n = first; n && S_is_textish(n); n = n->next) {
        if ((n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) || !n->content)
            continue;
        const char *s = (const char *)n->content;
        size_t l = strlen(s);
        len += l;
        if (blank && strspn(s, " \t\n\r") != l)
            blank = 0;
    }
    if (!len || (blank && !S_holds_text(parent)))
        return n;
    long line = S_text_line(first, parent->line);
    if (!S_holds_text(parent)) {
        char key[80];
        snprintf(key, sizeof key, "text-in:%s", parent->name);
        if (imp_fo_once(&b->c, key))
            imp_fo_warn(&b->c, line, "fo-text-not-allowed",
                        "text directly inside fo:%s (line %ld) is not allowed there and is "
                        "skipped; put it in an fo:block (not reported again for fo:%s)",
                        parent->name, line, parent->name);
        return n;
    }
    imp_fo *t = S_new(b, parent, IMP_FO_TEXT, "#text", line);
    if (!t)
        return n;
    char *text = imp_fo_pool_alloc(&b->doc->pool, len + 1);
    if (!text)
        return n; /* the pool remembers the failure */
    size_t at = 0;
    for (xmlNodePtr m = first; m != n; m = m->next)
        if ((m->type == XML_TEXT_NODE || m->type == XML_CDATA_SECTION_NODE) && m->content) {
            size_t l = strlen((const char *)m->content);
            memcpy(text + at, m->content, l);
            at += l;
        }
    text[len] = '\0';
    t->text = text;
    return n;
}

/* ---- fo:declarations: XMP metadata as Apache FOP reads it -------------------------- */

static int S_is(xmlNodePtr n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, ns) && !strcmp((const char *)n->name, name);
}

/* Trimmed, white space folded, in the pool; NULL when empty. */
static char *S_pool_text(S_build *b, const char *s)
{
    char *r = NULL;
    char *tmp = s ? strdup(s) : NULL;
    if (tmp) {
        imp_diag_fold(tmp);
        if (*tmp)
            r = imp_fo_pool_strndup(&b->doc->pool, tmp, strlen(tmp));
    }
    free(tmp);
    return r;
}

static char *S_node_text(S_build *b, xmlNodePtr n)
{
    xmlChar *s = xmlNodeGetContent(n);
    char *r = S_pool_text(b, (const char *)s);
    xmlFree(s);
    return r;
}

/* A dc property: plain text, or rdf:Alt (the x-default entry, else the
 * first), rdf:Seq (the first: the main author) or rdf:Bag (all, joined). */
static char *S_rdf_value(S_build *b, xmlNodePtr prop)
{
    for (xmlNodePtr c = prop->children; c; c = c->next) {
        if (!S_is(c, S_RDF_NS, "Alt") && !S_is(c, S_RDF_NS, "Seq") && !S_is(c, S_RDF_NS, "Bag"))
            continue;
        int bag = S_is(c, S_RDF_NS, "Bag");
        xmlNodePtr pick = NULL;
        size_t len = 0;
        for (xmlNodePtr li = c->children; li; li = li->next) {
            if (!S_is(li, S_RDF_NS, "li"))
                continue;
            if (!pick)
                pick = li;
            xmlChar *lang = xmlGetNsProp(li, (const xmlChar *)"lang", (const xmlChar *)S_XML_NS);
            if (lang && !strcmp((const char *)lang, "x-default") && S_is(c, S_RDF_NS, "Alt"))
                pick = li;
            xmlFree(lang);
            if (bag) {
                xmlChar *s = xmlNodeGetContent(li);
                len += (s ? strlen((const char *)s) : 0) + 2;
                xmlFree(s);
            }
        }
        if (!bag || !pick)
            return pick ? S_node_text(b, pick) : NULL;
        char *all = calloc(1, len + 1), *r = NULL;
        for (xmlNodePtr li = c->children; all && li; li = li->next) {
            xmlChar *s = S_is(li, S_RDF_NS, "li") ? xmlNodeGetContent(li) : NULL;
            if (s && *s) {
                if (*all)
                    strcat(all, ", ");
                strcat(all, (const char *)s);
            }
            xmlFree(s);
        }
        r = S_pool_text(b, all);
        free(all);
        return r;
    }
    return S_node_text(b, prop);
}

static void S_description(S_build *b, xmlNodePtr d, char **subject_bag)
{
    imp_fo_doc *fd = &b->doc->pub;
    for (xmlAttrPtr a = d->properties; a; a = a->next) { /* the attribute form of RDF */
        const char *ns = a->ns && a->ns->href ? (const char *)a->ns->href : "";
        xmlChar *v = xmlNodeListGetString(d->doc, a->children, 1);
        char *s = v ? S_pool_text(b, (const char *)v) : NULL;
        xmlFree(v);
        if (!s)
            continue;
        if (!strcmp(ns, S_PDF_NS) && !strcmp((const char *)a->name, "Keywords"))
            fd->keywords = s;
        else if (!strcmp(ns, S_DC_NS) && !strcmp((const char *)a->name, "title"))
            fd->title = s;
        else if (!strcmp(ns, S_DC_NS) && !strcmp((const char *)a->name, "creator"))
            fd->author = s;
        else if (!strcmp(ns, S_DC_NS) && !strcmp((const char *)a->name, "description"))
            fd->subject = s;
    }
    for (xmlNodePtr c = d->children; c; c = c->next) {
        char *s;
        if (S_is(c, S_DC_NS, "title") && (s = S_rdf_value(b, c)))
            fd->title = s;
        else if (S_is(c, S_DC_NS, "creator") && (s = S_rdf_value(b, c)))
            fd->author = s;
        else if (S_is(c, S_DC_NS, "description") && (s = S_rdf_value(b, c)))
            fd->subject = s;
        else if (S_is(c, S_DC_NS, "subject") && (s = S_rdf_value(b, c)))
            *subject_bag = s;
        else if (S_is(c, S_PDF_NS, "Keywords") && (s = S_rdf_value(b, c)))
            fd->keywords = s;
    }
}

static void S_declarations(S_build *b, xmlNodePtr decl)
{
    char *subject_bag = NULL;
    for (xmlNodePtr c = decl->children; c; c = c->next) {
        xmlNodePtr rdf = NULL;
        if (S_is(c, S_X_NS, "xmpmeta")) {
            for (xmlNodePtr r = c->children; r && !rdf; r = r->next)
                if (S_is(r, S_RDF_NS, "RDF"))
                    rdf = r;
        } else if (S_is(c, S_RDF_NS, "RDF")) {
            rdf = c;
        }
        for (xmlNodePtr d = rdf ? rdf->children : NULL; d; d = d->next)
            if (S_is(d, S_RDF_NS, "Description"))
                S_description(b, d, &subject_bag);
    }
    /* dc:subject is a bag of keywords: the subject or keywords when nothing
     * better was given */
    imp_fo_doc *fd = &b->doc->pub;
    if (subject_bag && !fd->subject)
        fd->subject = subject_bag;
    if (subject_bag && !fd->keywords)
        fd->keywords = subject_bag;
}

/* rx:meta-info (RenderX, written by DocBook XSL): used where XMP says nothing. */
static void S_rx_meta(S_build *b, xmlNodePtr el)
{
    imp_fo_doc *fd = &b->doc->pub;
    for (xmlNodePtr f = el->children; f; f = f->next) {
        if (!S_is(f, S_RX_NS, "meta-field"))
            continue;
        xmlChar *name = xmlGetProp(f, (const xmlChar *)"name");
        xmlChar *value = xmlGetProp(f, (const xmlChar *)"value");
        char **slot = !name                                          ? NULL
                      : !strcmp((const char *)name, "title")    ? &fd->title
                      : !strcmp((const char *)name, "author")   ? &fd->author
                      : !strcmp((const char *)name, "subject")  ? &fd->subject
                      : !strcmp((const char *)name, "keywords") ? &fd->keywords
                                                                : NULL;
        if (slot && !*slot && value)
            *slot = S_pool_text(b, (const char *)value);
        xmlFree(name);
        xmlFree(value);
    }
}

/* ---- the walk ------------------------------------------------------------------------- */

static void S_children(S_build *b, imp_fo *parent, const imp_props *pp, xmlNodePtr el,
                       const imp_props *lb, int depth);

/* FOs impack has no kind for but whose content is worth keeping. */
static const struct {
    const char *name;
    imp_fo_kind kind;
    const char *how;
} S_standins[] = {
    {"bidi-override", IMP_FO_INLINE, "as an fo:inline (text still runs in its own direction)"},
    {"float", IMP_FO_BLOCK, "where it occurs, as an fo:block"}, /* told for side floats */
};

/* The XSL 1.1 elements impack has neither a kind nor a stand-in for. */
static int S_xsl_other(const char *name)
{
    static const char *const other[] = {
        "change-bar-begin", "change-bar-end", "color-profile", "flow-assignment", "flow-map",
        "flow-name-specifier", "flow-source-list", "flow-target-list", "folio-prefix",
        "folio-suffix", "index-key-reference", "index-page-citation-list",
        "index-page-citation-list-separator", "index-page-citation-range-separator",
        "index-page-number-prefix", "index-page-number-suffix", "index-range-begin",
        "index-range-end", "initial-property-set", "multi-case", "multi-properties",
        "multi-property-set", "multi-switch", "multi-toggle", "region-name-specifier",
        "retrieve-table-marker", "scaling-value-citation"};
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        if (!strcmp(name, other[i]))
            return 1;
    return 0;
}

/* The formatting object whose name is nearest a misspelt one (two edits at
 * most), or NULL. */
static const char *S_nearest_kind(const char *name)
{
    const char *best = NULL;
    size_t bd = 3;
    for (size_t i = 0; i < sizeof S_kinds / sizeof *S_kinds; i++) {
        size_t d = imp_edit_distance(name, S_kinds[i].name);
        if (d < bd) {
            bd = d;
            best = S_kinds[i].name;
        }
    }
    return best;
}

static int S_too_deep(S_build *b, const char *name, long line, int depth)
{
    if (depth <= S_MAX_DEPTH)
        return 0;
    if (imp_fo_once(&b->c, "too-deep"))
        imp_fo_warn(&b->c, line, "fo-too-deep",
                    "fo:%s (line %ld) is nested more than %d levels deep; what is inside it is "
                    "skipped",
                    name, line, S_MAX_DEPTH);
    return 1;
}

#define S_SVG_NS "http://www.w3.org/2000/svg"

/* fo:instream-foreign-object: an SVG child is kept as its markup in
 * fo->text (the source is dropped before layout), with the namespaces it
 * uses declared on it; anything else is reported and left out. */
static void S_foreign(S_build *b, imp_fo *fo, xmlNodePtr el)
{
    xmlNodePtr k = NULL;
    for (xmlNodePtr n = el->children; n && !k; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            k = n;
    if (!k || !k->ns || strcmp((const char *)k->ns->href, S_SVG_NS) ||
        strcmp((const char *)k->name, "svg")) {
        if (imp_fo_once(&b->c, "foreign-object"))
            imp_fo_warn(&b->c, fo->line, "fo-unsupported-element",
                        "fo:instream-foreign-object (line %ld) holds %s%s%s; impack draws only "
                        "SVG there, so it is left out",
                        fo->line, k ? "<" : "no element", k ? (const char *)k->name : "",
                        k ? ">" : "");
        return;
    }
    xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr copy = doc ? xmlDocCopyNode(k, doc, 1) : NULL;
    xmlChar *buf = NULL;
    int len = 0;
    if (copy) {
        xmlDocSetRootElement(doc, copy);
        xmlReconciliateNs(doc, copy);
        xmlDocDumpMemory(doc, &buf, &len);
    }
    if (buf)
        fo->text = imp_fo_pool_strndup(&b->doc->pool, (const char *)buf, (size_t)len);
    xmlFree(buf);
    xmlFreeDoc(doc);
}

/* An element under parent, whose properties inherit from pp (parent->p
 * except inside fo:page-sequence-wrapper, which adds no node of its own). */
static void S_element(S_build *b, imp_fo *parent, const imp_props *pp, xmlNodePtr el,
                      const imp_props *lb, int depth)
{
    const char *ns = el->ns && el->ns->href ? (const char *)el->ns->href : "";
    const char *name = (const char *)el->name;
    long line = imp_xml_line(el);
    char key[300];
    if (strcmp(ns, IMP_FO_NS)) {
        if (!strcmp(ns, S_RX_NS) && !strcmp(name, "meta-info"))
            S_rx_meta(b, el);
        if (!strcmp(ns, S_FOX_NS) || !strcmp(ns, S_RX_NS))
            return; /* FOP and XEP extensions: not for impack */
        snprintf(key, sizeof key, "foreign-elem:{%s}%s", ns, name);
        int r = imp_fo_limited(&b->c, key);
        if (r)
            imp_fo_warn(&b->c, line, "fo-foreign-element",
                        "<%s%s%s> (line %ld) inside fo:%s is not an XSL-FO element; it and its "
                        "content are skipped%s",
                        el->ns && el->ns->prefix ? (const char *)el->ns->prefix : "",
                        el->ns && el->ns->prefix ? ":" : "", name, line, parent->name,
                        r == 2 ? " (later ones are not reported)" : "");
        return;
    }
    if (S_too_deep(b, name, line, depth))
        return;
    if (!strcmp(name, "page-sequence-wrapper") && parent->kind == IMP_FO_ROOT) {
        /* only carries inherited properties for its page sequences */
        imp_fo *w = S_new(b, NULL, IMP_FO_WRAPPER, "page-sequence-wrapper", line);
        if (!w)
            return;
        imp_fo_props_compute(&b->c, w, el, pp, lb);
        S_children(b, parent, w->p, el, lb, depth + 1);
        return;
    }
    const S_kind *k = S_kind_of(name);
    imp_fo_kind kind = k && k->kind != IMP_FO_ROOT ? k->kind : IMP_FO_UNKNOWN;
    const char *fo_name = k ? k->name : NULL;
    for (size_t i = 0; !kind && i < sizeof S_standins / sizeof S_standins[0]; i++) {
        if (strcmp(name, S_standins[i].name))
            continue;
        kind = S_standins[i].kind;
        fo_name = S_standins[i].name;
        if (!strcmp(name, "float"))
            break; /* a before-float is laid out; a side float is told below */
        snprintf(key, sizeof key, "standin:%s", name);
        int r = imp_fo_limited(&b->c, key);
        if (r)
            imp_fo_warn(&b->c, line, "fo-unsupported-element",
                        "fo:%s (line %ld) is not supported by impack; its content is placed "
                        "%s%s",
                        name, line, S_standins[i].how,
                        r == 2 ? " (later ones are not reported)" : "");
    }
    if (!kind) {
        snprintf(key, sizeof key, "unknown-elem:%s", name);
        int r = imp_fo_limited(&b->c, key);
        if (r && S_xsl_other(name))
            imp_fo_warn(&b->c, line, "fo-unknown-element",
                        "fo:%s (line %ld) is not supported by impack; its content is skipped%s",
                        name, line, r == 2 ? " (later ones are not reported)" : "");
        else if (r) {
            const char *near = S_nearest_kind(name);
            imp_fo_warn(&b->c, line, "fo-unknown-element",
                        "fo:%s is not an XSL-FO element%s%s%s; it and its content are "
                        "skipped%s",
                        name, near ? " (did you mean fo:" : "", near ? near : "", near ? "?)" : "",
                        r == 2 ? " (later ones are not reported)" : "");
        }
        return;
    }
    imp_fo *fo = S_new(b, parent, kind, fo_name, line);
    if (!fo)
        return;
    fo->src = el;
    imp_fo_props_compute(&b->c, fo, el, pp, lb);
    if (!strcmp(name, "float") && fo->p->float_kind == IMP_FLOAT_SIDE &&
        imp_fo_limited(&b->c, "standin:float"))
        imp_fo_warn(&b->c, line, "fo-unsupported-element",
                    "a side float (fo:float, line %ld) is placed where it occurs, as an "
                    "fo:block: impack does not run text round it",
                    line);
    if (kind == IMP_FO_DECLARATIONS)
        S_declarations(b, el);
    else if (kind == IMP_FO_INSTREAM_FOREIGN_OBJECT)
        S_foreign(b, fo, el);
    else
        S_children(b, fo, fo->p, el, kind == IMP_FO_LIST_BLOCK ? fo->p : lb, depth + 1);
}

static void S_children(S_build *b, imp_fo *parent, const imp_props *pp, xmlNodePtr el,
                       const imp_props *lb, int depth)
{
    xmlNodePtr n = el->children;
    while (n) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            n = S_text(b, parent, n);
            continue;
        }
        if (n->type == XML_ELEMENT_NODE)
            S_element(b, parent, pp, n, lb, depth);
        n = n->next;
    }
}

/* ---- markers in the context they are retrieved in ------------------------------------- */

#define S_MAX_VARIANTS 200000 /* marker copies built (each a few FOs) */

static void S_collect(imp_fo *fo, imp_fo_kind kind, GPtrArray *out)
{
    for (imp_fo *c = fo->first; c; c = c->next) {
        if (c->kind == kind)
            g_ptr_array_add(out, c);
        S_collect(c, kind, out);
    }
}

/* For each page-sequence: its markers' children built again under each of
 * its retrieve-markers of their class (what that builds again says nothing:
 * it was told when built first). */
static void S_marker_variants(S_build *b)
{
    imp_fo_doc *fd = &b->doc->pub;
    size_t cap = 0;
    imp_diags quiet = {0}, *d = b->c.d;
    b->c.d = &quiet;
    for (imp_fo *seq = fd->root->first; seq; seq = seq->next) {
        if (seq->kind != IMP_FO_PAGE_SEQUENCE)
            continue;
        GPtrArray *rms = g_ptr_array_new(), *marks = g_ptr_array_new();
        for (imp_fo *c = seq->first; c; c = c->next)
            if (c->kind == IMP_FO_STATIC_CONTENT)
                S_collect(c, IMP_FO_RETRIEVE_MARKER, rms);
            else if (c->kind == IMP_FO_FLOW)
                S_collect(c, IMP_FO_MARKER, marks);
        for (guint i = 0; i < marks->len && rms->len; i++) {
            imp_fo *m = g_ptr_array_index(marks, i);
            if (!m->p->marker_class_name || !m->src)
                continue;
            for (guint j = 0; j < rms->len && fd->nvariants < S_MAX_VARIANTS; j++) {
                imp_fo *rm = g_ptr_array_index(rms, j);
                if (!rm->p->retrieve_class_name ||
                    strcmp(rm->p->retrieve_class_name, m->p->marker_class_name))
                    continue;
                if (fd->nvariants == cap) {
                    size_t nc = cap ? cap * 2 : 16;
                    void *v = realloc(fd->variants, nc * sizeof *fd->variants);
                    if (!v) {
                        b->doc->pool.failed = 1;
                        break;
                    }
                    fd->variants = v;
                    cap = nc;
                }
                /* a stand-in for the marker (text in it is allowed as in
                 * the marker) with the retrieve-marker's properties */
                imp_fo *h = S_new(b, NULL, IMP_FO_MARKER, m->name, m->line);
                if (!h)
                    break;
                h->src = m->src;
                h->p = rm->p;
                S_children(b, h, rm->p, m->src, NULL, 2);
                fd->variants[fd->nvariants++] = (struct imp_fo_variant){m, rm, h};
            }
        }
        g_ptr_array_free(rms, TRUE);
        g_ptr_array_free(marks, TRUE);
    }
    imp_diag_free(&quiet);
    b->c.d = d;
    if (fd->nvariants == S_MAX_VARIANTS)
        imp_fo_warn(&b->c, 0, "fo-limit",
                    "the document has more markers than impack sets in each running header's "
                    "own style; the rest keep the style of where they stand");
    GHashTable *ix = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (size_t i = fd->nvariants; i-- > 0;)
        g_hash_table_insert(ix, (gpointer)fd->variants[i].marker, GSIZE_TO_POINTER(i + 1));
    fd->variant_index = ix;
}

const imp_fo *imp_fo_marker_in(const imp_fo_doc *fd, const imp_fo *marker, const imp_fo *rm)
{
    if (!fd || !fd->variant_index)
        return NULL;
    size_t i = GPOINTER_TO_SIZE(g_hash_table_lookup(fd->variant_index, marker));
    for (; i > 0 && i <= fd->nvariants && fd->variants[i - 1].marker == marker; i++)
        if (fd->variants[i - 1].retrieve == rm)
            return fd->variants[i - 1].holder;
    return NULL;
}

/* ---- the id index ---------------------------------------------------------------------- */

static imp_fo **S_id_slot(imp_fo **tab, size_t cap, const char *id)
{
    size_t i = S_hash(id, strlen(id)) & (cap - 1);
    while (tab[i] && strcmp(tab[i]->p->id, id))
        i = (i + 1) & (cap - 1);
    return &tab[i];
}

static imp_fo *S_next_fo(imp_fo *fo)
{
    if (fo->first)
        return fo->first;
    while (fo && !fo->next)
        fo = fo->parent;
    return fo ? fo->next : NULL;
}

static void S_index(S_build *b)
{
    S_doc *doc = b->doc;
    size_t n = 0;
    for (imp_fo *fo = doc->pub.root; fo; fo = S_next_fo(fo))
        if (fo->kind != IMP_FO_TEXT && fo->p->id)
            n++;
    if (!n)
        return;
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    doc->ids = calloc(cap, sizeof *doc->ids);
    if (!doc->ids)
        return;
    doc->ids_cap = cap;
    for (imp_fo *fo = doc->pub.root; fo; fo = S_next_fo(fo)) {
        if (fo->kind == IMP_FO_TEXT || !fo->p->id)
            continue;
        imp_fo **slot = S_id_slot(doc->ids, cap, fo->p->id);
        if (!*slot)
            *slot = fo;
        else
            imp_fo_warn(&b->c, fo->line, "fo-duplicate-id",
                        "id \"%s\" on fo:%s (line %ld) is already used on line %ld; links and "
                        "page references go to the first",
                        fo->p->id, fo->name, fo->line, (*slot)->line);
    }
}

imp_fo *imp_fo_by_id(imp_fo_doc *fd, const char *id)
{
    S_doc *doc = (S_doc *)fd;
    if (!doc || !id || !doc->ids)
        return NULL;
    return *S_id_slot(doc->ids, doc->ids_cap, id);
}

/* ---- entry points ----------------------------------------------------------------------- */

imp_fo_doc *imp_fo_build(xmlDocPtr doc, imp_diags *d)
{
    S_build b;
    memset(&b, 0, sizeof b);
    S_doc *sd = NULL;
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    const char *file = doc && doc->URL ? (const char *)doc->URL : NULL;
    if (!root || !S_is(root, IMP_FO_NS, "root")) {
        imp_diag_add(d, IMP_SEV_ERROR, file, root ? imp_xml_line(root) : 0, 0, "fo-not-fo",
                     "this is not an XSL-FO document: its root element is <%s>, not <fo:root> "
                     "in the namespace %s",
                     root ? (const char *)root->name : "(none)", IMP_FO_NS);
        goto fail;
    }
    sd = calloc(1, sizeof *sd);
    if (!sd) {
        imp_diag_add(d, IMP_SEV_ERROR, file, 0, 0, "fo-memory",
                     "out of memory while reading the XSL-FO document");
        goto fail;
    }
    sd->pub.doc = doc;
    b.doc = sd;
    b.c.d = d;
    b.c.file = file;
    b.c.pool = &sd->pool;
    imp_fo_props_initial(&b.c.init);

    imp_fo *top = S_new(&b, NULL, IMP_FO_ROOT, "root", imp_xml_line(root));
    if (!top)
        goto oom;
    sd->pub.root = top;
    top->src = root;
    imp_fo_props_compute(&b.c, top, root, NULL, NULL);
    sd->pub.lang = top->p->lang;
    S_children(&b, top, top->p, root, NULL, 1);
    S_index(&b);
    S_marker_variants(&b);
    if (sd->pool.failed)
        goto oom;
    free(b.c.once.v);
    return &sd->pub;
oom:
    imp_diag_add(d, IMP_SEV_ERROR, file, 0, 0, "fo-memory",
                 "out of memory while reading the XSL-FO document");
    sd->pub.doc = NULL; /* freed below */
    imp_fo_free(&sd->pub);
fail:
    free(b.c.once.v);
    xmlFreeDoc(doc);
    return NULL;
}

void imp_fo_free(imp_fo_doc *fd)
{
    S_doc *doc = (S_doc *)fd;
    if (!doc)
        return;
    free(doc->pub.variants);
    if (doc->pub.variant_index)
        g_hash_table_destroy(doc->pub.variant_index);
    xmlFreeDoc(doc->pub.doc);
    free(doc->ids);
    imp_fo_pool_free(&doc->pool);
    free(doc);
}

/* Clear the src pointers of top's subtree (top's siblings too). */
static void S_clear_src(imp_fo *top)
{
    imp_fo *stack[256] = {NULL};
    int n = 0;
    for (imp_fo *c = top; c || n;) {
        if (!c) {
            c = stack[--n]->next;
            continue;
        }
        c->src = NULL;
        if (c->first && n < 256) {
            stack[n++] = c;
            c = c->first;
            continue;
        }
        c = c->next;
    }
}

void imp_fo_drop_source(imp_fo_doc *fd)
{
    if (!fd || !fd->doc)
        return;
    /* clear every src pointer first: they point into the document */
    S_clear_src(fd->root);
    for (size_t i = 0; i < fd->nvariants; i++)
        S_clear_src(fd->variants[i].holder);
    xmlFreeDoc(fd->doc);
    fd->doc = NULL;
}
