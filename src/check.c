/* check.c: the `impack check` pipeline for packs and portfolios. */
#include "check.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libxml/uri.h>

#include "rng.h"
#include "sch.h"
#include "xmlload.h"


struct imp_checker {
    char *datadir;
    imp_rng *rng;
    imp_sch *pack;      /* compiled when the first pack is met */
    imp_sch *portfolio; /* compiled when the first portfolio is met */
};

static int S_isdir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

const char *imp_check_datadir(void)
{
    static char dir[PATH_MAX + 64];
    char probe[PATH_MAX + 32];
    const char *env = getenv("IMPACK_DATADIR");
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s", env);
        return dir;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        /* a source tree: ./impack beside schemas/, or build/rel/impack */
        const char *ups[] = {"", "/..", "/../.."};
        for (size_t i = 0; i < sizeof ups / sizeof *ups; i++) {
            snprintf(probe, sizeof probe, "%s%s/schemas/pack.sch", exe, ups[i]);
            if (access(probe, R_OK) == 0) {
                snprintf(dir, sizeof dir, "%s%s", exe, ups[i]);
                return dir;
            }
        }
        /* installed: PREFIX/bin/impack, or PREFIX/libexec/impack/impack-pdf */
        const char *shares[] = {"/../share/impack", "/../../share/impack"};
        for (size_t i = 0; i < sizeof shares / sizeof *shares; i++) {
            snprintf(probe, sizeof probe, "%s%s/schemas", exe, shares[i]);
            if (S_isdir(probe)) {
                snprintf(dir, sizeof dir, "%s%s", exe, shares[i]);
                return dir;
            }
        }
    }
    snprintf(dir, sizeof dir, "%s", IMP_DATADIR);
    return S_isdir(dir) ? dir : NULL;
}

imp_checker *imp_check_new(const char *datadir, imp_diags *d)
{
    char path[PATH_MAX];
    imp_checker *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->datadir = strdup(datadir);
    snprintf(path, sizeof path, "%s/schemas/impack.rng", datadir);
    c->rng = imp_rng_compile(path, d);
    if (!c->rng || !c->datadir) {
        imp_check_free(c);
        return NULL;
    }
    return c;
}

/* Compile a rule schema the first time it is needed (a run that checks
 * only packs never compiles the portfolio rules). */
static imp_sch *S_rules(imp_checker *c, imp_sch **slot, const char *name, imp_diags *d)
{
    if (!*slot) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/schemas/%s", c->datadir, name);
        *slot = imp_sch_compile(path, d);
    }
    return *slot;
}

void imp_check_free(imp_checker *c)
{
    if (!c)
        return;
    imp_rng_free(c->rng);
    imp_sch_free(c->pack);
    imp_sch_free(c->portfolio);
    free(c->datadir);
    free(c);
}

int imp_check_root_is(xmlDocPtr doc, const char *name)
{
    xmlNodePtr r = doc ? xmlDocGetRootElement(doc) : NULL;
    return r && r->ns && !strcmp((const char *)r->ns->href, IMP_NS) &&
           !strcmp((const char *)r->name, name);
}

typedef enum { S_PACK, S_PORTFOLIO, S_OTHER } S_kind;

/* Tell the kind of document from its root; explain a wrong root. */
static S_kind S_kind_of(xmlDocPtr doc, const char *path, imp_diags *d)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    const char *name = root ? (const char *)root->name : "";
    int ours = root && root->ns && !strcmp((const char *)root->ns->href, IMP_NS);
    int known = !strcmp(name, "microproject") || !strcmp(name, "portfolio");
    if (ours && known)
        return !strcmp(name, "microproject") ? S_PACK : S_PORTFOLIO;
    long line = root ? imp_xml_line(root) : 0;
    if (known)
        imp_diag_add(d, IMP_SEV_ERROR, path, line, 0, NULL,
                     "<%s> is not in impack's namespace: write <%s xmlns=\"" IMP_NS
                     "\" version=\"1\" ...>.",
                     name, name);
    else
        imp_diag_add(d, IMP_SEV_ERROR, path, line, 0, NULL,
                     "this is not a Microproject pack or a portfolio: it starts with <%s>, "
                     "but a pack starts with <microproject> and a portfolio with <portfolio> "
                     "(see `impack new pack --type 1`).",
                     name);
    return S_OTHER;
}

/* Structure, then rules. Returns the number of errors added. */
static size_t S_validate(imp_checker *c, imp_sch *sch, xmlDocPtr doc, imp_sch_opts *opts,
                         imp_diags *d)
{
    size_t before = imp_diag_count(d, IMP_SEV_ERROR);
    if (imp_rng_validate(c->rng, doc, d) == 0 && sch)
        imp_sch_validate(sch, doc, opts, d);
    return imp_diag_count(d, IMP_SEV_ERROR) - before;
}

/* --- a portfolio and the packs it counts -------------------------------- */
typedef struct {
    char *uri;
    xmlDocPtr doc;
} S_pack;

typedef struct {
    S_pack *v;
    size_t n;
} S_packs;

static xmlDocPtr S_pack_loader(void *ud, const char *uri, xmlNodePtr ref, imp_diags *d)
{
    S_packs *p = ud;
    (void)ref;
    (void)d; /* a pack that could not be read was reported when it was loaded */
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->v[i].uri, uri))
            return p->v[i].doc;
    return NULL;
}

static void S_load_packs(imp_checker *c, xmlDocPtr pf, const char *dir, S_packs *packs,
                         imp_diags *d)
{
    const char *file = (const char *)pf->URL;
    xmlNodePtr root = xmlDocGetRootElement(pf);
    for (xmlNodePtr sec = root->children; sec; sec = sec->next) {
        if (sec->type != XML_ELEMENT_NODE || strcmp((const char *)sec->name, "projects"))
            continue;
        for (xmlNodePtr p = sec->children; p; p = p->next) {
            if (p->type != XML_ELEMENT_NODE)
                continue;
            xmlChar *href = xmlGetProp(p, (const xmlChar *)"href");
            xmlChar *uri = href ? xmlBuildURI(href, pf->URL) : NULL;
            long line = imp_xml_line(p);
            if (!uri) {
                xmlFree(href);
                continue;
            }
            int dup = 0;
            for (size_t i = 0; i < packs->n; i++)
                dup |= !strcmp(packs->v[i].uri, (const char *)uri);
            xmlDocPtr doc = NULL;
            if (!dup && strchr((const char *)uri, ':') == NULL) {
                imp_diags own = {0};
                if (access((const char *)uri, F_OK) == 0 &&
                    !imp_xml_path_under((const char *)uri, dir)) {
                    imp_diag_add(d, IMP_SEV_ERROR, file, line, 0, "cert.projects",
                                 "the pack \"%s\" is outside the portfolio's folder; impack reads "
                                 "packs only from the portfolio's folder or below. Move it there.",
                                 (const char *)href);
                } else {
                    doc = imp_xml_load((const char *)uri, dir, &own);
                    if (!doc)
                        imp_diag_add(d, IMP_SEV_ERROR, file, line, 0, "cert.projects",
                                     "the pack \"%s\" cannot be used: %s", (const char *)href,
                                     own.n ? own.v[0].msg : "it cannot be read.");
                    else if (xmlDocGetRootElement(doc) &&
                             S_kind_of(doc, (const char *)uri, &own) != S_PACK) {
                        imp_diag_add(d, IMP_SEV_ERROR, file, line, 0, "cert.projects",
                                     "\"%s\" is not a Microproject pack.", (const char *)href);
                        xmlFreeDoc(doc);
                        doc = NULL;
                    }
                }
                imp_diag_free(&own);
            } else if (!dup) {
                imp_diag_add(d, IMP_SEV_ERROR, file, line, 0, "cert.projects",
                             "\"%s\" is not a file name; name the pack file by its path "
                             "relative to the portfolio.",
                             (const char *)href);
            }
            if (doc) {
                size_t errs = S_validate(c, S_rules(c, &c->pack, "pack.sch", d), doc,
                                         &(imp_sch_opts){0}, d);
                if (errs)
                    imp_diag_add(d, IMP_SEV_ERROR, file, line, 0, "cert.closed",
                                 "the pack \"%s\" has %zu error%s of its own (listed with its "
                                 "file name); a project counts only when it passes its own rules.",
                                 (const char *)href, errs, errs == 1 ? "" : "s");
                S_pack *nv = realloc(packs->v, (packs->n + 1) * sizeof *nv);
                if (nv) {
                    packs->v = nv;
                    packs->v[packs->n].uri = strdup((const char *)uri);
                    packs->v[packs->n++].doc = doc;
                } else {
                    xmlFreeDoc(doc);
                }
            }
            xmlFree(href);
            xmlFree(uri);
        }
    }
}

static void S_check_portfolio(imp_checker *c, xmlDocPtr pf, const char *path, imp_diags *d)
{
    S_packs packs = {0};
    char *dir = imp_xml_dirname(path);
    imp_sch *rules = S_rules(c, &c->portfolio, "portfolio.sch", d);
    if (rules && imp_rng_validate(c->rng, pf, d) == 0) {
        S_load_packs(c, pf, dir, &packs, d);
        imp_xml_allow_root(dir); /* document() in the rules reads the packs */
        imp_sch_opts opts = {.loader = S_pack_loader, .loader_ud = &packs};
        imp_sch_validate(rules, pf, &opts, d);
        imp_xml_allow_root(NULL);
    }
    for (size_t i = 0; i < packs.n; i++) {
        free(packs.v[i].uri);
        xmlFreeDoc(packs.v[i].doc);
    }
    free(packs.v);
    free(dir);
}

imp_check_status imp_check_file(imp_checker *c, const char *path, imp_diags *d)
{
    return imp_check_load(c, path, d, NULL);
}

imp_check_status imp_check_load(imp_checker *c, const char *path, imp_diags *d, xmlDocPtr *keep)
{
    imp_check_status st = IMP_CHECK_UNREADABLE;
    size_t errors_before = imp_diag_count(d, IMP_SEV_ERROR);
    xmlDocPtr doc = imp_xml_load(path, NULL, d);
    if (!doc)
        goto done;
    switch (S_kind_of(doc, path, d)) {
    case S_PACK:
        S_validate(c, S_rules(c, &c->pack, "pack.sch", d), doc, &(imp_sch_opts){0}, d);
        break;
    case S_PORTFOLIO:
        S_check_portfolio(c, doc, path, d);
        break;
    default:
        goto done;
    }
    st = imp_diag_count(d, IMP_SEV_ERROR) > errors_before ? IMP_CHECK_INVALID : IMP_CHECK_OK;
done:
    imp_xml_allow_root(NULL);
    if (keep && st != IMP_CHECK_UNREADABLE) {
        *keep = doc;
        doc = NULL;
    }
    xmlFreeDoc(doc);
    return st;
}
