/* xform.c: libxslt with security preferences, impack: stylesheet names, and
 * messages collected as diagnostics. */
#include "xform.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libexslt/exslt.h>
#include <libxml/uri.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "xmlload.h"

#define IMP_SCHEME "impack:"

struct imp_xform {
    xsltStylesheetPtr style;
};

/* Set up once: where impack's stylesheets are, the security preferences and
 * the document loader that maps impack: names and reads documents safely. */
static char S_xsldir[PATH_MAX];
static xsltSecurityPrefsPtr S_sec;
static xsltDocLoaderFunc S_default_loader;
static const char *S_read_root; /* document() reads only under this */
static imp_diags *S_doc_diags;  /* where a document() load failure goes */

/* --- messages from libxslt (errors, xsl:message), gathered line by line -- */
typedef struct {
    char buf[2048];
    size_t n;
} S_msgs;

static void S_collect(void *ctx, const char *fmt, ...)
{
    S_msgs *m = ctx;
    va_list ap;
    va_start(ap, fmt);
    if (m->n < sizeof m->buf - 1) {
        int k = vsnprintf(m->buf + m->n, sizeof m->buf - m->n, fmt, ap);
        if (k > 0)
            m->n += (size_t)k < sizeof m->buf - m->n ? (size_t)k : sizeof m->buf - 1 - m->n;
    }
    va_end(ap);
}

static void S_silent(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

/* libxslt writes "file F line N element E" and then the message on the next
 * line; turn that into one diagnostic per message. */
static void S_report(const S_msgs *m, imp_severity sev, const char *file, const char *what,
                     imp_diags *d)
{
    char *copy = strndup(m->buf, m->n);
    if (!copy)
        return;
    long line = 0;
    char *save = NULL, where[PATH_MAX] = "";
    int any = 0;
    for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char *p = strstr(l, " line ");
        char *f = strstr(l, "file ");
        if (f && p && f < p && (f == l || !strncmp(l, "runtime error: ", 15) ||
                                !strncmp(l, "compilation error: ", 19))) {
            /* "runtime error: file X line N element E": where, in the stylesheet */
            line = strtol(p + 6, NULL, 10);
            snprintf(where, sizeof where, "%.*s", (int)(p - f - 5), f + 5);
            continue;
        }
        imp_diag_fold(l);
        /* libxslt's own function names add nothing for a reader */
        if (!*l || !strcmp(l, "error") || (any && !strncmp(l, "xslt", 4)))
            continue;
        /* a line in a stylesheet of the user's is theirs to mend; one in
         * impack's own is not, so name the input instead */
        int theirs = *where && strncmp(where, S_xsldir, strlen(S_xsldir)) != 0;
        imp_diag_add(d, sev, theirs ? where : file, theirs ? line : 0, 0, NULL, "%s%s", what, l);
        any = 1;
    }
    if (!any && sev == IMP_SEV_ERROR)
        imp_diag_add(d, sev, file, line, 0, NULL, "%sthe stylesheet failed.", what);
    free(copy);
}

/* --- where a stylesheet or document may come from ----------------------- */
/* "impack:pack.xsl" → the installed file; other names unchanged (copied). */
static char *S_map(const char *uri)
{
    if (!strncmp(uri, IMP_SCHEME, strlen(IMP_SCHEME))) {
        const char *name = uri + strlen(IMP_SCHEME);
        if (!*name || strstr(name, "..") || strchr(name, '/'))
            return NULL;
        size_t n = strlen(S_xsldir) + strlen(name) + 2;
        char *p = malloc(n);
        if (p)
            snprintf(p, n, "%s/%s", S_xsldir, name);
        return p;
    }
    if (!strncmp(uri, "file://", 7))
        return xmlURIUnescapeString(uri + 7, 0, NULL);
    const char *colon = strchr(uri, ':'), *slash = strchr(uri, '/');
    if (colon && (!slash || colon < slash))
        return NULL; /* http:, ftp:, ...: never */
    return strdup(uri);
}

static int S_read_file(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *v)
{
    (void)sec;
    (void)ctxt;
    if (imp_xml_allowed(v))
        return 1;
    /* a file that is not there (a pack a portfolio names but that is
     * missing): allowed to try when its folder is allowed; the load fails and
     * document() gives an empty node-set */
    if (v && access(v, F_OK) != 0) {
        char *dir = imp_xml_dirname(v);
        int ok = dir && imp_xml_allowed(dir);
        free(dir);
        return ok;
    }
    return 0;
}

static int S_read_net(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *v)
{
    (void)sec;
    (void)ctxt;
    return v && !strncmp(v, IMP_SCHEME, strlen(IMP_SCHEME));
}

static xmlDocPtr S_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
                          xsltLoadType type)
{
    char *path = S_map((const char *)uri);
    xmlDocPtr doc = NULL;
    if (!path)
        return NULL;
    if (type == XSLT_LOAD_DOCUMENT) {
        /* a document() read: the same safe loader as every input */
        if (S_read_root && imp_xml_path_under(path, S_read_root)) {
            imp_diags own = {0};
            doc = imp_xml_load(path, S_read_root, &own);
            imp_xml_allow_root(S_read_root);
            if (S_doc_diags)
                imp_diag_append(S_doc_diags, &own);
            imp_diag_free(&own);
        }
    } else if (imp_xml_allowed(path)) {
        /* a stylesheet: its own dictionary, libxslt's parser options */
        doc = S_default_loader((const xmlChar *)path, dict, options & ~XML_PARSE_NOENT, ctxt,
                               type);
    }
    free(path);
    return doc;
}

static void S_init(const char *datadir)
{
    snprintf(S_xsldir, sizeof S_xsldir, "%s/stylesheets", datadir);
    if (S_sec)
        return;
    exsltRegisterAll();
    S_default_loader = xsltDocDefaultLoader;
    xsltSetLoaderFunc(S_loader);
    S_sec = xsltNewSecurityPrefs();
    xsltSetSecurityPrefs(S_sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(S_sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
    xsltSetSecurityPrefs(S_sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(S_sec, XSLT_SECPREF_READ_NETWORK, S_read_net);
    xsltSetSecurityPrefs(S_sec, XSLT_SECPREF_READ_FILE, S_read_file);
    xsltSetDefaultSecurityPrefs(S_sec);
}

imp_xform *imp_xform_load(const char *name, const char *datadir, imp_diags *d)
{
    imp_xform *x = NULL;
    char *path = NULL, *dir = NULL;
    S_msgs m = {.n = 0};
    S_init(datadir);
    path = S_map(name);
    if (!path) {
        imp_diag_add(d, IMP_SEV_ERROR, name, 0, 0, NULL,
                     "impack reads stylesheets only from files, never the network.");
        goto done;
    }
    if (access(path, R_OK) != 0) {
        imp_diag_add(d, IMP_SEV_ERROR, name, 0, 0, NULL,
                     "cannot read this stylesheet: %s.", strerror(errno));
        goto done;
    }
    dir = imp_xml_dirname(path);
    imp_xml_allow_root(dir);
    imp_xml_allow_also(S_xsldir);
    x = calloc(1, sizeof *x);
    if (!x)
        goto done;
    /* read it as every input is read, for plain messages about bad XML */
    xmlDocPtr doc = imp_xml_load(path, dir, d);
    if (!doc) {
        imp_xform_free(x);
        x = NULL;
        goto done;
    }
    imp_xml_allow_root(dir);
    imp_xml_allow_also(S_xsldir);
    xsltSetGenericErrorFunc(&m, S_collect);
    x->style = xsltParseStylesheetDoc(doc); /* takes doc when it succeeds */
    xsltSetGenericErrorFunc(NULL, S_silent);
    if (!x->style)
        xmlFreeDoc(doc);
    if (!x->style || x->style->errors) {
        if (!m.n)
            snprintf(m.buf, sizeof m.buf, "it is not a usable XSLT 1.0 stylesheet.");
        m.n = strlen(m.buf);
        S_report(&m, IMP_SEV_ERROR, name, "stylesheet: ", d);
        imp_xform_free(x);
        x = NULL;
    }
done:
    imp_xml_allow_root(NULL);
    free(path);
    free(dir);
    return x;
}

void imp_xform_free(imp_xform *x)
{
    if (!x)
        return;
    if (x->style)
        xsltFreeStylesheet(x->style);
    free(x);
}

xmlDocPtr imp_xform_apply(imp_xform *x, xmlDocPtr doc, const char *const *params,
                          const char *read_root, const char *file, imp_diags *d)
{
    xmlDocPtr res = NULL;
    S_msgs m = {.n = 0};
    xsltTransformContextPtr ctxt = xsltNewTransformContext(x->style, doc);
    if (!ctxt) {
        imp_diag_add(d, IMP_SEV_ERROR, file, 0, 0, NULL, "out of memory running the stylesheet.");
        return NULL;
    }
    xsltSetCtxtSecurityPrefs(S_sec, ctxt);
    xsltSetTransformErrorFunc(ctxt, &m, S_collect);
    xsltSetGenericErrorFunc(&m, S_collect);
    S_read_root = read_root;
    S_doc_diags = d;
    imp_xml_allow_root(read_root);
    if (params && xsltQuoteUserParams(ctxt, (const char **)params) != 0)
        imp_diag_add(d, IMP_SEV_ERROR, file, 0, 0, NULL, "a --param could not be set.");
    else
        res = xsltApplyStylesheetUser(x->style, doc, NULL, NULL, NULL, ctxt);
    int failed = !res || ctxt->state == XSLT_STATE_ERROR || ctxt->state == XSLT_STATE_STOPPED;
    xsltSetGenericErrorFunc(NULL, S_silent);
    imp_xml_allow_root(NULL);
    S_read_root = NULL;
    S_doc_diags = NULL;
    if (failed) {
        S_report(&m, IMP_SEV_ERROR, file, "stylesheet: ", d);
        xmlFreeDoc(res);
        res = NULL;
    } else if (m.n) {
        S_report(&m, IMP_SEV_WARNING, file, "stylesheet: ", d);
    }
    xsltFreeTransformContext(ctxt);
    return res;
}
