/* xmlload.c: safe XML reading: no network, no DOCTYPE, bounded XInclude, clear errors. */
#include "xmlload.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <libxml/xinclude.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltutils.h>

#define IMP_MAX_FILE (64L * 1024 * 1024)
#define IMP_XI_NS "http://www.w3.org/2001/XInclude"
#define IMP_XI_NS_OLD "http://www.w3.org/2003/XInclude"

/* The directories loads may read under; none means nothing may be read.
 * S_also is a second one (impack's own stylesheets while a stylesheet of
 * the user's is compiled). */
static char *S_root, *S_also;
static xmlExternalEntityLoader S_default_loader;

void imp_xml_allow_root(const char *dir)
{
    free(S_root);
    free(S_also);
    S_root = dir ? strdup(dir) : NULL;
    S_also = NULL;
}

void imp_xml_allow_also(const char *dir)
{
    free(S_also);
    S_also = dir ? strdup(dir) : NULL;
}

int imp_xml_allowed(const char *path)
{
    return path && ((S_root && imp_xml_path_under(path, S_root)) ||
                    (S_also && imp_xml_path_under(path, S_also)));
}

char *imp_xml_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

int imp_xml_path_under(const char *path, const char *dir)
{
    char rp[PATH_MAX], rd[PATH_MAX];
    if (!realpath(dir, rd))
        return 0;
    if (!realpath(path, rp))
        return 0;
    size_t n = strlen(rd);
    if (n == 1 && rd[0] == '/')
        return 1;
    return strncmp(rp, rd, n) == 0 && (rp[n] == '/' || rp[n] == '\0');
}

long imp_xml_line(xmlNodePtr node)
{
    while (node && node->type != XML_ELEMENT_NODE && node->type != XML_TEXT_NODE &&
           node->type != XML_PI_NODE && node->type != XML_COMMENT_NODE)
        node = node->parent;
    if (!node)
        return 0;
    long l = xmlGetLineNo(node);
    return l > 0 ? l : 0;
}

/* A file: URI or a plain path → a local path (caller frees), or NULL for
 * any other scheme (http, ftp, ...), which impack never reads. */
static char *S_local_path(const char *url)
{
    if (!url)
        return NULL;
    if (!strncmp(url, "file://", 7)) {
        char *p = xmlURIUnescapeString(url + 7, 0, NULL);
        return p;
    }
    const char *colon = strchr(url, ':');
    const char *slash = strchr(url, '/');
    if (colon && (!slash || colon < slash))
        return NULL;
    return strdup(url);
}

static xmlParserInputPtr S_entity_loader(const char *url, const char *id,
                                         xmlParserCtxtPtr ctxt)
{
    (void)id;
    char *path = S_local_path(url);
    xmlParserInputPtr in = NULL;
    if (imp_xml_allowed(path))
        in = S_default_loader(path, NULL, ctxt);
    free(path);
    return in;
}

static void S_silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void S_silent_structured(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

void imp_xml_init(void)
{
    xmlInitParser();
    if (!S_default_loader)
        S_default_loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(S_entity_loader);
    xmlSetGenericErrorFunc(NULL, S_silent);
    xmlSetStructuredErrorFunc(NULL, S_silent_structured);
    xsltSetGenericErrorFunc(NULL, S_silent);
    xmlLineNumbersDefault(1);
}

void imp_xml_cleanup(void)
{
    imp_xml_allow_root(NULL);
    xsltCleanupGlobals();
    xmlCleanupParser();
}

/* --- the first parse error, kept for a plain-English message ----------- */
typedef struct {
    int have;
    int code;
    int line;
    int col;
    char msg[512];
    int doctype;
} S_state;

static void S_on_error(void *ud, xmlErrorPtr err)
{
    S_state *st = ud;
    if (st->have || !err || err->level < XML_ERR_ERROR)
        return;
    st->have = 1;
    st->code = err->code;
    st->line = err->line;
    st->col = err->int2;
    snprintf(st->msg, sizeof st->msg, "%s", err->message ? err->message : "");
    size_t n = strlen(st->msg);
    while (n && (st->msg[n - 1] == '\n' || st->msg[n - 1] == ' '))
        st->msg[--n] = '\0';
}

static void S_on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
                         const xmlChar *sys)
{
    (void)name;
    (void)ext;
    (void)sys;
    xmlParserCtxtPtr pc = ctx;
    S_state *st = pc->_private;
    st->doctype = xmlSAX2GetLineNumber(ctx);
    xmlStopParser(pc);
}

static void S_parse_error(const S_state *st, const char *name, imp_diags *d)
{
    const char *what;
    switch (st->code) {
    case XML_ERR_DOCUMENT_EMPTY:
        what = "the file has no XML in it";
        break;
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
        what = "the file is not plain UTF-8 text here (was it saved from a word "
               "processor? save it as plain text, UTF-8)";
        break;
    case XML_ERR_TAG_NAME_MISMATCH:
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_LTSLASH_REQUIRED:
    case XML_ERR_GT_REQUIRED:
        what = NULL;
        break;
    case XML_ERR_DOCUMENT_END:
        what = "there is text after the end of the document's last element "
               "(only one top-level element is allowed)";
        break;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
        what = "there is an & that does not start a known character reference "
               "(write &amp; for an ampersand)";
        break;
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_LITERAL_NOT_STARTED:
    case XML_ERR_LITERAL_NOT_FINISHED:
    case XML_ERR_STRING_NOT_STARTED:
    case XML_ERR_STRING_NOT_CLOSED:
        what = "an attribute's value is not in quotes, or its closing quote is missing "
               "(write name=\"value\"); or the file is cut short here";
        break;
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
        what = "an attribute has no value (write name=\"value\")";
        break;
    case XML_ERR_ATTRIBUTE_REDEFINED:
        what = "an element has the same attribute twice";
        break;
    case XML_ERR_LT_IN_ATTRIBUTE:
        what = "there is a < inside an attribute's value (write &lt; there)";
        break;
    default:
        what = NULL;
    }
    char open[128], close[128];
    int oline;
    if (!what && sscanf(st->msg, "Opening and ending tag mismatch: %127s line %d and %127s",
                        open, &oline, close) == 3) {
        imp_diag_add(d, IMP_SEV_ERROR, name, st->line, st->col, NULL,
                     "this is not well-formed XML: the end tag </%s> does not match the "
                     "start tag <%s> on line %d (every <tag> needs its own </tag>).",
                     close, open, oline);
        return;
    }
    char tag[128];
    if (!what && sscanf(st->msg, "Premature end of data in tag %127s line %d", tag, &oline) == 2) {
        imp_diag_add(d, IMP_SEV_ERROR, name, st->line, st->col, NULL,
                     "this is not well-formed XML: the file ends before <%s> (line %d) is "
                     "closed; is it cut short, or is its </%s> missing?",
                     tag, oline, tag);
        return;
    }
    if (!what && sscanf(st->msg, "Couldn't find end of Start Tag %127s line %d", tag, &oline) == 2) {
        imp_diag_add(d, IMP_SEV_ERROR, name, st->line, st->col, NULL,
                     "this is not well-formed XML: the start tag <%s on line %d has no closing "
                     "> (or the file is cut short there).",
                     tag, oline);
        return;
    }
    if (!what && strstr(st->msg, "Excessive depth"))
        what = "elements are nested more than 256 deep, which no impack file needs";
    if (what)
        imp_diag_add(d, IMP_SEV_ERROR, name, st->line, st->col, NULL,
                     "this is not well-formed XML: %s.", what);
    else
        imp_diag_add(d, IMP_SEV_ERROR, name, st->line, st->col, NULL,
                     "this is not well-formed XML: %s (check the tags near here: "
                     "every <tag> needs its </tag>, and & must be written &amp;).",
                     st->msg);
}

/* Check every xi:include before libxml2 follows it: the target must be a
 * local file under the allowed root. Returns 0 if all are fine. */
static int S_check_xincludes(xmlNodePtr n, const char *name, imp_diags *d)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (n->ns && (!strcmp((const char *)n->ns->href, IMP_XI_NS) ||
                      !strcmp((const char *)n->ns->href, IMP_XI_NS_OLD)) &&
            !strcmp((const char *)n->name, "include")) {
            xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
            xmlChar *base = xmlNodeGetBase(n->doc, n);
            xmlChar *uri = href ? xmlBuildURI(href, base) : NULL;
            char *path = uri ? S_local_path((const char *)uri) : NULL;
            int ok = imp_xml_allowed(path);
            if (!ok)
                imp_diag_add(d, IMP_SEV_ERROR, name, imp_xml_line(n), 0, NULL,
                             "this file includes \"%s\", which impack will not read: "
                             "included files must exist in the same folder as the "
                             "file you named, or below it.",
                             href ? (const char *)href : "");
            xmlFree(href);
            xmlFree(base);
            xmlFree(uri);
            free(path);
            if (!ok)
                return -1;
        }
        if (S_check_xincludes(n->children, name, d))
            return -1;
    }
    return 0;
}

static int S_has_xinclude(xmlNodePtr n)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE &&
            ((n->ns && (!strcmp((const char *)n->ns->href, IMP_XI_NS) ||
                        !strcmp((const char *)n->ns->href, IMP_XI_NS_OLD))) ||
             S_has_xinclude(n->children)))
            return 1;
    return 0;
}

xmlDocPtr imp_xml_load_memory(const char *buf, size_t len, const char *name,
                              const char *root_dir, imp_diags *d)
{
    xmlDocPtr doc = NULL;
    xmlParserCtxtPtr pc = NULL;
    S_state st;
    memset(&st, 0, sizeof st);
    char *root = NULL;

    if (len == 0) {
        imp_diag_add(d, IMP_SEV_ERROR, name, 0, 0, NULL,
                     "the file is empty: write a pack (see `impack new pack --type 1`).");
        goto done;
    }
    if (memchr(buf, '\0', len)) {
        imp_diag_add(d, IMP_SEV_ERROR, name, 0, 0, NULL,
                     "this is a binary file, not XML text: name the .xml file of a "
                     "pack or portfolio.");
        goto done;
    }
    root = root_dir ? strdup(root_dir) : imp_xml_dirname(name);
    imp_xml_allow_root(root);

    pc = xmlNewParserCtxt();
    if (!pc) {
        imp_diag_add(d, IMP_SEV_ERROR, name, 0, 0, NULL, "out of memory reading this file.");
        goto done;
    }
    pc->_private = &st;
    pc->sax->internalSubset = S_on_doctype;
    xmlSetStructuredErrorFunc(&st, S_on_error);
    if (len > INT_MAX)
        len = INT_MAX;
    doc = xmlCtxtReadMemory(pc, buf, (int)len, name, NULL,
                            XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING);
    if (st.doctype) {
        xmlFreeDoc(doc);
        doc = NULL;
        imp_diag_add(d, IMP_SEV_ERROR, name, st.doctype, 0, NULL,
                     "this file has a <!DOCTYPE ...> declaration; impack files never "
                     "need one and it is not read (it can pull in other files): delete it.");
        goto done;
    }
    if (!doc || st.have || !pc->wellFormed) {
        xmlFreeDoc(doc);
        doc = NULL;
        if (!st.have) {
            st.code = -1;
            snprintf(st.msg, sizeof st.msg, "the parser stopped");
        }
        S_parse_error(&st, name, d);
        goto done;
    }
    if (S_has_xinclude(doc->children)) {
        if (S_check_xincludes(doc->children, name, d) ||
            xmlXIncludeProcessFlags(doc, XML_PARSE_NONET | XML_PARSE_BIG_LINES |
                                             XML_PARSE_NOXINCNODE) < 0) {
            if (d->n == 0 || imp_diag_count(d, IMP_SEV_ERROR) == 0 || st.have)
                imp_diag_add(d, IMP_SEV_ERROR, name, 0, 0, NULL,
                             "an included file could not be read or is not well-formed XML.");
            xmlFreeDoc(doc);
            doc = NULL;
            goto done;
        }
    }
done:
    xmlSetStructuredErrorFunc(NULL, S_silent_structured);
    if (pc)
        xmlFreeParserCtxt(pc);
    free(root);
    return doc;
}

xmlDocPtr imp_xml_load(const char *path, const char *root_dir, imp_diags *d)
{
    xmlDocPtr doc = NULL;
    char *buf = NULL;
    FILE *f = NULL;
    struct stat sb;

    if (stat(path, &sb) != 0) {
        if (errno == ENOENT)
            imp_diag_add(d, IMP_SEV_ERROR, path, 0, 0, NULL,
                         "there is no such file: check the name and the folder.");
        else
            imp_diag_add(d, IMP_SEV_ERROR, path, 0, 0, NULL, "this file cannot be read: %s.",
                         strerror(errno));
        goto done;
    }
    if (S_ISDIR(sb.st_mode)) {
        imp_diag_add(d, IMP_SEV_ERROR, path, 0, 0, NULL,
                     "this is a folder, not a file: name the .xml files inside it.");
        goto done;
    }
    if (!S_ISREG(sb.st_mode)) {
        imp_diag_add(d, IMP_SEV_ERROR, path, 0, 0, NULL,
                     "this is not an ordinary file: name a .xml file.");
        goto done;
    }
    if (sb.st_size > IMP_MAX_FILE) {
        imp_diag_add(d, IMP_SEV_ERROR, path, 0, 0, NULL,
                     "this file is %lld bytes, too large for a pack (the limit is 64 MiB).",
                     (long long)sb.st_size);
        goto done;
    }
    f = fopen(path, "rb");
    if (!f) {
        imp_diag_add(d, IMP_SEV_ERROR, path, 0, 0, NULL, "this file cannot be read: %s.",
                     strerror(errno));
        goto done;
    }
    size_t len = (size_t)sb.st_size;
    buf = malloc(len + 1);
    if (!buf || fread(buf, 1, len, f) != len) {
        imp_diag_add(d, IMP_SEV_ERROR, path, 0, 0, NULL, "this file cannot be read.");
        goto done;
    }
    doc = imp_xml_load_memory(buf, len, path, root_dir, d);
done:
    if (f)
        fclose(f);
    free(buf);
    return doc;
}
