/* sch_int.h: the compiled form of a Schematron schema, private to sch*.c and svrl.c. */
#ifndef IMP_SCH_INT_H
#define IMP_SCH_INT_H

#include <stddef.h>

#include <libxml/xmlstring.h>
#include <libxml/dict.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxslt/pattern.h>
#include <libxslt/security.h>
#include <libxslt/xsltInternals.h>

#include "sch.h"

#define IMP_SCH_NS "http://purl.oclc.org/dsdl/schematron"
#define IMP_SVRL_NS "http://purl.oclc.org/dsdl/svrl"

/* Kinds of node a rule context can match; rules are skipped cheaply for
 * nodes of other kinds before libxslt is asked. */
enum {
    IMP_SCH_K_DOC = 1,
    IMP_SCH_K_ELEM = 2,
    IMP_SCH_K_ATTR = 4,
    IMP_SCH_K_TEXT = 8,
    IMP_SCH_K_COMMENT = 16,
    IMP_SCH_K_PI = 32,
    IMP_SCH_K_ALL = 63
};

/** Where a construct is in the schema; file is borrowed from imp_sch.files. */
typedef struct {
    const char *file;
    long line;
} imp_sch_src;

typedef struct {
    char *prefix;
    char *uri;
} imp_sch_ns;

typedef enum { IMP_SCH_PART_TEXT, IMP_SCH_PART_VALUE, IMP_SCH_PART_NAME } imp_sch_part_kind;

/** One piece of a message: literal text, or an expression whose string
 * value (VALUE) or name (NAME; expr NULL = the context node) is inserted. */
typedef struct {
    imp_sch_part_kind kind;
    char *text; /**< TEXT: the text; otherwise the expression, for messages */
    xmlXPathCompExprPtr expr;
} imp_sch_part;

typedef struct {
    imp_sch_part *v;
    size_t n;
} imp_sch_msg;

/** sch:let: either an expression or, without @value, its content (a
 * private document whose node is the value). */
typedef struct {
    char *name;
    char *src;
    xmlXPathCompExprPtr expr;
    xmlDocPtr content;
    imp_sch_src at;
} imp_sch_let;

typedef struct {
    char *id;
    imp_sch_msg msg;
} imp_sch_diagdef;

/** sch:assert or sch:report. */
typedef struct {
    int report;
    char *test;
    xmlXPathCompExprPtr expr;
    char *id, *role, *flag;
    imp_sch_msg msg;
    size_t *diags; /**< indexes into imp_sch.diags */
    size_t ndiags;
    imp_sch_src at;
} imp_sch_assert;

/** A rule's body in order: lets and assertions (abstract rules inlined). */
typedef struct {
    int is_let;
    imp_sch_let let;
    imp_sch_assert as;
} imp_sch_item;

typedef struct {
    char *context;
    xsltCompMatchPtr match;
    unsigned kinds;          /**< IMP_SCH_K_* the context can match */
    char *name_hint;         /**< when set, only nodes with this local name can match */
    const xmlChar *hint_key; /**< name_hint interned in imp_sch.dict */
    int exact;               /**< the context is just an element name: hint + exact_ns decide */
    char *exact_ns;          /**< that name's namespace (NULL: none) */
    char *id, *role;
    imp_sch_item *items;
    size_t nitems;
    imp_sch_src at;
} imp_sch_rule;

typedef struct {
    char *id, *name;
    char *documents;
    xmlXPathCompExprPtr documents_expr;
    imp_sch_let *lets;
    size_t nlets;
    imp_sch_rule *rules;
    size_t nrules;
    unsigned kinds; /**< union of its rules' kinds */
    int all_hinted; /**< every rule has a name hint: other names are skipped */
    imp_sch_src at;
} imp_sch_pattern;

typedef struct {
    char *id;
    size_t *active; /**< indexes into imp_sch.patterns */
    size_t nactive;
    imp_sch_let *lets;
    size_t nlets;
} imp_sch_phase;

struct imp_sch {
    char *path;
    char *title, *schema_version, *default_phase;
    char **files; /**< every file a construct came from (schema, includes) */
    size_t nfiles;
    imp_sch_ns *ns;
    size_t nns;
    imp_sch_let *lets;
    size_t nlets;
    imp_sch_pattern *patterns;
    size_t npatterns;
    imp_sch_phase *phases;
    size_t nphases;
    imp_sch_diagdef *diags;
    size_t ndiags;
    xmlXPathCompExprPtr name_expr; /**< name(), for sch:name without @path */
    xmlDictPtr dict;               /**< the rules' name hints, compared by pointer */
    xsltStylesheetPtr style;       /**< synthetic: sch:ns bindings and xsl:key */
    xmlNodePtr nsnode;             /**< its root: in-scope namespaces = sch:ns */
    xmlNsPtr *nslist;              /**< those namespaces, for XPath contexts */
    int nsnr;
    xsltSecurityPrefsPtr sec; /**< no writing, no network */
};

/** Make room for element n of *v (elements of size bytes), doubling when n
 * is a power of two; returns the zeroed slot, or NULL when out of memory. */
void *imp_sch_grow(void *vp, size_t n, size_t size);

/** libxml2/libxslt error handlers saved while impack's are installed. */
typedef struct {
    xmlStructuredErrorFunc sfn;
    void *sctx;
    xmlGenericErrorFunc gfn;
    void *gctx;
    xmlGenericErrorFunc xfn;
    void *xctx;
} imp_sch_errsave;

/** Route libxml2 and libxslt error output to the given handlers (which may
 * ignore it); save what was there. */
void imp_sch_errors_capture(imp_sch_errsave *save, void *ud, xmlStructuredErrorFunc sfn,
                            xmlGenericErrorFunc gfn);
/** Put back the handlers saved by imp_sch_errors_capture. */
void imp_sch_errors_restore(const imp_sch_errsave *save);

/* ---- sch_read.c: reading schema files ---------------------------------- */

typedef struct {
    xmlNodePtr *v;
    size_t n;
} imp_sch_nodes;

typedef struct {
    char *path;
    xmlDocPtr doc;
} imp_sch_loaded;

/** An abstract pattern's parameter while one of its instances is compiled. */
typedef struct {
    char *name;
    size_t len;
    char *value;
} imp_sch_param;

typedef struct {
    xmlNodePtr rule;
    xmlNodePtr pattern;
} imp_sch_arule;

/** Compilation state: the schema being filled and what the schema files say. */
typedef struct {
    imp_sch *s;
    imp_diags *d;
    char *dir; /**< the schema's folder: includes are read only from under it */
    int errors;
    imp_sch_errsave save;
    imp_sch_loaded *docs; /**< included files, freed when compilation ends */
    size_t ndocs;
    imp_sch_nodes pats, keys, lets, phases, diags;
    imp_sch_arule *arules;
    size_t narules;
    imp_sch_param *params;
    size_t nparams;
} imp_sch_cc;

/** Install handlers that drop libxml2/libxslt error output. */
void imp_sch_errors_quiet(imp_sch_errsave *save, void *ud);
/** True for an element in the Schematron namespace called name (any name if NULL). */
int imp_sch_is(xmlNodePtr n, const char *name);
/** An attribute (no namespace) as a malloc'd string, or NULL. */
char *imp_sch_attr(xmlNodePtr n, const char *name);
int imp_sch_attr_is(xmlNodePtr n, const char *name, const char *value);
/** An element's text content, folded (caller frees). */
char *imp_sch_text(xmlNodePtr n);
/** The file and line of a schema node (file interned in the schema). */
imp_sch_src imp_sch_src_of(imp_sch_cc *cc, xmlNodePtr n);
/** Append an error at a schema node and count it. */
void imp_sch_error(imp_sch_cc *cc, xmlNodePtr n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void imp_sch_push_node(imp_sch_nodes *l, xmlNodePtr n);
/** The element children of parent, with sch:include replaced by the element
 * it names and sch:extends/@href by that element's children (and a whole
 * schema included into a schema by its children). */
void imp_sch_kids(imp_sch_cc *cc, xmlNodePtr parent, imp_sch_nodes *out, int depth);

/* ---- svrl.c: the SVRL document of one run. All strings are copied. ------ */
xmlDocPtr imp_svrl_new(const imp_sch *s, const char *phase);
void imp_svrl_active_pattern(xmlDocPtr svrl, const imp_sch_pattern *p, const char *document);
void imp_svrl_fired_rule(xmlDocPtr svrl, const imp_sch_rule *r, const char *document);
/** svrl:failed-assert or svrl:successful-report; dids/dtexts are the
 * referenced diagnostics' ids and evaluated texts. */
void imp_svrl_result(xmlDocPtr svrl, const imp_sch_assert *a, xmlNodePtr node, const char *text,
                     char *const *dids, char *const *dtexts, size_t nd);

#endif
