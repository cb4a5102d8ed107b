/* sch.c: compile an ISO Schematron schema once (patterns, rules, lets, phases) for many runs. */
#include "sch_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include <libxml/xpathInternals.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltutils.h>

#include "xmlload.h"

#define S_XSL_NS "http://www.w3.org/1999/XSL/Transform"
#define S_OLD_SCH_NS "http://www.ascc.net/xml/schematron"
#define S_MAX_DEPTH 16 /* nesting of sch:extends (cycles end here) */

/* ---- expressions -------------------------------------------------------- */

static char *S_dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int S_ncname_char(unsigned char c)
{
    return c == '_' || c == '-' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || c >= 0x80;
}

typedef struct {
    char *v;
    size_t n, cap;
} S_str;

static int S_append(S_str *b, const char *s, size_t len)
{
    if (b->n + len + 1 > b->cap) {
        size_t cap = 2 * (b->n + len + 1);
        char *nv = realloc(b->v, cap);
        if (!nv)
            return -1;
        b->v = nv;
        b->cap = cap;
    }
    memcpy(b->v + b->n, s, len);
    b->n += len;
    b->v[b->n] = '\0';
    return 0;
}

/* Replace $param by its value (abstract pattern instances): whole names
 * only, longest names tried first. Returns a malloc'd string. */
static char *S_subst(imp_sch_cc *cc, const char *text)
{
    if (!text)
        return NULL;
    if (!cc->nparams || !strchr(text, '$'))
        return strdup(text);
    S_str out = {NULL, 0, 0};
    for (const char *p = text; *p;) {
        const imp_sch_param *hit = NULL;
        if (*p == '$')
            for (size_t i = 0; i < cc->nparams && !hit; i++)
                if (!strncmp(p + 1, cc->params[i].name, cc->params[i].len) &&
                    !S_ncname_char((unsigned char)p[1 + cc->params[i].len]))
                    hit = &cc->params[i];
        if (S_append(&out, hit ? hit->value : p, hit ? strlen(hit->value) : 1)) {
            free(out.v);
            return NULL;
        }
        p += hit ? 1 + hit->len : 1;
    }
    return out.v ? out.v : strdup("");
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

static xmlXPathCompExprPtr S_xpath(imp_sch_cc *cc, xmlNodePtr at, const char *what,
                                   const char *expr)
{
    xmlXPathCompExprPtr c =
        expr && S_balanced(expr) ? xmlXPathCompile((const xmlChar *)expr) : NULL;
    if (!c)
        imp_sch_error(cc, at, "schema error: the %s \"%s\" is not valid XPath", what,
                      expr ? expr : "");
    return c;
}

/* Find where the alternative starting at alt ends ('|' or NUL) and where its
 * last step starts, ignoring predicates, parentheses and string literals. */
static const char *S_last_step(const char *alt, const char **end)
{
    const char *p = alt, *last = alt;
    int depth = 0;
    char quote = 0;
    for (; *p; p++) {
        if (quote) {
            quote = *p == quote ? 0 : quote;
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
    *end = p;
    while (last < p && (*last == ' ' || *last == '\t' || *last == '\n' || *last == '\r'))
        last++;
    return last;
}

/* The kinds of node one step (len bytes, predicates cut) can match, and
 * the local name it requires, if any. */
static unsigned S_step_kind(const char *step, size_t len, const char **name, size_t *nlen)
{
    unsigned k;
    *name = NULL;
    if (step[0] == '@' || !strncmp(step, "attribute::", 11)) {
        k = IMP_SCH_K_ATTR;
        *name = step[0] == '@' ? step + 1 : step + 11;
    } else if (!strncmp(step, "text()", 6)) {
        k = IMP_SCH_K_TEXT;
    } else if (!strncmp(step, "comment()", 9)) {
        k = IMP_SCH_K_COMMENT;
    } else if (!strncmp(step, "processing-instruction(", 23)) {
        k = IMP_SCH_K_PI;
    } else if (!strncmp(step, "node()", 6)) {
        k = IMP_SCH_K_ELEM | IMP_SCH_K_TEXT | IMP_SCH_K_COMMENT | IMP_SCH_K_PI;
    } else if (memchr(step, '(', len) || memchr(step, ')', len) || memchr(step, '$', len)) {
        k = IMP_SCH_K_ALL; /* id(), key(): anything */
    } else {
        k = IMP_SCH_K_ELEM;
        *name = !strncmp(step, "child::", 7) ? step + 7 : step;
    }
    if (!*name)
        return k;
    *nlen = len - (size_t)(*name - step);
    const char *colon = memchr(*name, ':', *nlen);
    if (colon) {
        *nlen -= (size_t)(colon + 1 - *name);
        *name = colon + 1;
    }
    if (*nlen == 0 || memchr(*name, '*', *nlen) || memchr(*name, ':', *nlen) ||
        memchr(*name, '(', *nlen))
        *name = NULL;
    return k;
}

/* Which kinds of node a pattern can match, and the one local name it
 * requires if all alternatives agree. Unsure answers stay permissive. */
static void S_pattern_kinds(const char *pat, unsigned *kinds, char **hint)
{
    *kinds = 0;
    *hint = NULL;
    int hint_ok = 1;
    for (const char *alt = pat;;) {
        const char *end;
        const char *last = S_last_step(alt, &end);
        size_t len = 0;
        while (last + len < end && !strchr("[ \t\n\r", last[len]))
            len++;
        const char *name = NULL;
        size_t nlen = 0;
        unsigned k = IMP_SCH_K_DOC; /* "/" */
        if (len)
            k = S_step_kind(last, len, &name, &nlen);
        else
            for (const char *q = alt; q < end; q++)
                if (!strchr("/ \t\n\r", *q))
                    k = IMP_SCH_K_ALL;
        if (!name)
            hint_ok = 0;
        else if (hint_ok && !*hint)
            *hint = strndup(name, nlen);
        else if (hint_ok && (strlen(*hint) != nlen || strncmp(*hint, name, nlen)))
            hint_ok = 0;
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

/* A context that is one element name (optionally prefixed) needs no
 * pattern engine: say so, with the namespace it names. */
static void S_simple_context(imp_sch_cc *cc, imp_sch_rule *r)
{
    const char *c = r->context, *colon = NULL;
    while (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
        c++;
    const char *start = c;
    for (; *c && *c != ' ' && *c != '\t' && *c != '\n' && *c != '\r'; c++) {
        if (*c == ':' && !colon && c > start)
            colon = c;
        else if (!S_ncname_char((unsigned char)*c) || (*c >= '0' && *c <= '9' && c == start))
            return;
    }
    while (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
        c++;
    if (*c || c == start || !r->name_hint || (colon && !colon[1]))
        return;
    if (!colon) {
        r->exact = 1;
        return;
    }
    for (size_t i = 0; i < cc->s->nns; i++)
        if (strlen(cc->s->ns[i].prefix) == (size_t)(colon - start) &&
            !strncmp(cc->s->ns[i].prefix, start, (size_t)(colon - start))) {
            r->exact_ns = strdup(cc->s->ns[i].uri);
            r->exact = r->exact_ns != NULL;
            return;
        }
}

/* ---- constructs --------------------------------------------------------- */

static void S_compile_msg(imp_sch_cc *cc, xmlNodePtr elem, imp_sch_msg *m)
{
    for (xmlNodePtr c = elem->children; c; c = c->next) {
        imp_sch_part part = {IMP_SCH_PART_TEXT, NULL, NULL};
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            part.text = S_dup(c->content ? (const char *)c->content : "");
        } else if (c->type != XML_ELEMENT_NODE) {
            continue;
        } else if (imp_sch_is(c, "value-of")) {
            char *sel = imp_sch_attr(c, "select");
            part.kind = IMP_SCH_PART_VALUE;
            part.text = S_subst(cc, sel);
            free(sel);
            if (!part.text)
                imp_sch_error(cc, c, "schema error: sch:value-of has no select attribute");
            else
                part.expr = S_xpath(cc, c, "select", part.text);
        } else if (imp_sch_is(c, "name")) {
            char *path = imp_sch_attr(c, "path");
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
            part.text = imp_sch_text(c);
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

static void S_compile_let(imp_sch_cc *cc, xmlNodePtr elem, imp_sch_let *l)
{
    l->at = imp_sch_src_of(cc, elem);
    l->name = imp_sch_attr(elem, "name");
    if (!l->name || !*l->name)
        imp_sch_error(cc, elem, "schema error: sch:let has no name attribute");
    char *value = imp_sch_attr(elem, "value");
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

static void S_compile_assert(imp_sch_cc *cc, xmlNodePtr elem, imp_sch_assert *a)
{
    a->report = imp_sch_is(elem, "report");
    a->at = imp_sch_src_of(cc, elem);
    char *test = imp_sch_attr(elem, "test");
    a->test = S_subst(cc, test);
    free(test);
    if (!a->test)
        imp_sch_error(cc, elem, "schema error: sch:%s has no test attribute",
                      a->report ? "report" : "assert");
    else
        a->expr = S_xpath(cc, elem, "test", a->test);
    a->id = imp_sch_attr(elem, "id");
    a->role = imp_sch_attr(elem, "role");
    a->flag = imp_sch_attr(elem, "flag");
    S_compile_msg(cc, elem, &a->msg);
    char *refs = imp_sch_attr(elem, "diagnostics");
    char *save = NULL;
    for (char *id = refs ? strtok_r(refs, " \t\r\n", &save) : NULL; id;
         id = strtok_r(NULL, " \t\r\n", &save)) {
        size_t di;
        if (!S_find_diag(cc->s, id, &di)) {
            imp_sch_error(cc, elem, "schema error: there is no sch:diagnostic with id \"%s\"", id);
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

static xmlNodePtr S_find_arule(imp_sch_cc *cc, xmlNodePtr pattern, const char *id)
{
    xmlNodePtr any = NULL;
    for (size_t i = 0; i < cc->narules; i++) {
        if (!imp_sch_attr_is(cc->arules[i].rule, "id", id))
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
static void S_rule_items(imp_sch_cc *cc, xmlNodePtr elem, xmlNodePtr pattern, imp_sch_rule *r,
                         int depth)
{
    imp_sch_nodes kids = {NULL, 0};
    imp_sch_kids(cc, elem, &kids, 0);
    for (size_t i = 0; i < kids.n; i++) {
        xmlNodePtr k = kids.v[i];
        imp_sch_item *it;
        if (imp_sch_is(k, "let")) {
            if ((it = S_new_item(r))) {
                it->is_let = 1;
                S_compile_let(cc, k, &it->let);
            }
        } else if (imp_sch_is(k, "assert") || imp_sch_is(k, "report")) {
            if ((it = S_new_item(r)))
                S_compile_assert(cc, k, &it->as);
        } else if (imp_sch_is(k, "extends")) {
            char *id = imp_sch_attr(k, "rule");
            xmlNodePtr ar = id ? S_find_arule(cc, pattern, id) : NULL;
            if (!id)
                imp_sch_error(cc, k,
                              "schema error: sch:extends has neither a rule nor an href attribute");
            else if (!ar)
                imp_sch_error(cc, k,
                              "schema error: sch:extends names the rule \"%s\", but there is no "
                              "abstract rule with that id",
                              id);
            else if (depth >= S_MAX_DEPTH)
                imp_sch_error(cc, k,
                              "schema error: abstract rules extend each other in a cycle (\"%s\")",
                              id);
            else
                S_rule_items(cc, ar, pattern, r, depth + 1);
            free(id);
        }
    }
    free(kids.v);
}

static void S_compile_rule(imp_sch_cc *cc, xmlNodePtr elem, xmlNodePtr pattern, imp_sch_rule *r)
{
    r->at = imp_sch_src_of(cc, elem);
    r->id = imp_sch_attr(elem, "id");
    r->role = imp_sch_attr(elem, "role");
    char *ctx = imp_sch_attr(elem, "context");
    r->context = S_subst(cc, ctx);
    free(ctx);
    if (!r->context || !*r->context) {
        imp_sch_error(cc, elem, "schema error: this sch:rule has no context attribute");
    } else {
        xsltStylesheetPtr style = cc->s->style;
        int before = style->errors;
        r->match =
            xsltCompilePattern((const xmlChar *)r->context, style->doc, cc->s->nsnode, style, NULL);
        if (!r->match || style->errors != before) {
            imp_sch_error(cc, elem, "schema error: the context \"%s\" is not a valid XSLT pattern",
                          r->context);
            xsltFreeCompMatchList(r->match);
            r->match = NULL;
            style->errors = before;
        }
        S_pattern_kinds(r->context, &r->kinds, &r->name_hint);
        if (r->name_hint)
            r->hint_key = xmlDictLookup(cc->s->dict, (const xmlChar *)r->name_hint, -1);
        if (r->match)
            S_simple_context(cc, r);
    }
    S_rule_items(cc, elem, pattern, r, 0);
}

static int S_param_cmp(const void *a, const void *b)
{
    const imp_sch_param *x = a, *y = b;
    return x->len < y->len ? 1 : x->len > y->len ? -1 : 0;
}

static void S_clear_params(imp_sch_cc *cc)
{
    for (size_t i = 0; i < cc->nparams; i++) {
        free(cc->params[i].name);
        free(cc->params[i].value);
    }
    free(cc->params);
    cc->params = NULL;
    cc->nparams = 0;
}

static void S_collect_params(imp_sch_cc *cc, const imp_sch_nodes *kids)
{
    for (size_t i = 0; i < kids->n; i++) {
        if (!imp_sch_is(kids->v[i], "param"))
            continue;
        char *name = imp_sch_attr(kids->v[i], "name"), *value = imp_sch_attr(kids->v[i], "value");
        imp_sch_param *slot =
            name && value ? imp_sch_grow(&cc->params, cc->nparams, sizeof *slot) : NULL;
        if (!slot) {
            if (!name || !value)
                imp_sch_error(cc, kids->v[i], "schema error: sch:param needs a name and a value");
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

static xmlNodePtr S_find_abstract(imp_sch_cc *cc, const char *id)
{
    for (size_t i = 0; i < cc->pats.n; i++)
        if (imp_sch_attr_is(cc->pats.v[i], "abstract", "true") &&
            imp_sch_attr_is(cc->pats.v[i], "id", id))
            return cc->pats.v[i];
    return NULL;
}

static void S_compile_pattern(imp_sch_cc *cc, xmlNodePtr inst, imp_sch_pattern *p)
{
    imp_sch_nodes kids = {NULL, 0}, own = {NULL, 0};
    char *docs = NULL;
    p->at = imp_sch_src_of(cc, inst);
    p->id = imp_sch_attr(inst, "id");
    xmlNodePtr body = inst;
    char *isa = imp_sch_attr(inst, "is-a");
    if (isa) {
        body = S_find_abstract(cc, isa);
        if (!body) {
            imp_sch_error(cc, inst,
                          "schema error: this pattern is-a \"%s\", but there is no abstract "
                          "pattern with that id",
                          isa);
            goto done;
        }
        imp_sch_kids(cc, inst, &own, 0);
        S_collect_params(cc, &own);
        docs = imp_sch_attr(inst, "documents");
    }
    if (!docs) {
        char *raw = imp_sch_attr(body, "documents");
        docs = S_subst(cc, raw);
        free(raw);
    }
    if (docs) {
        p->documents = docs;
        docs = NULL;
        p->documents_expr = S_xpath(cc, inst, "documents", p->documents);
    }
    for (size_t i = 0; i < own.n && !p->name; i++)
        if (imp_sch_is(own.v[i], "title"))
            p->name = imp_sch_text(own.v[i]);
    imp_sch_kids(cc, body, &kids, 0);
    p->all_hinted = 1;
    for (size_t i = 0; i < kids.n; i++) {
        xmlNodePtr k = kids.v[i];
        if (imp_sch_is(k, "let")) {
            imp_sch_let *l = imp_sch_grow(&p->lets, p->nlets, sizeof *l);
            if (l) {
                p->nlets++;
                S_compile_let(cc, k, l);
            }
        } else if (imp_sch_is(k, "rule") && !imp_sch_attr_is(k, "abstract", "true")) {
            imp_sch_rule *r = imp_sch_grow(&p->rules, p->nrules, sizeof *r);
            if (r) {
                p->nrules++;
                S_compile_rule(cc, k, body, r);
                p->kinds |= r->kinds;
                p->all_hinted &= r->hint_key != NULL;
            }
        } else if (imp_sch_is(k, "title") && !p->name) {
            p->name = imp_sch_text(k);
        }
    }
done:
    S_clear_params(cc);
    free(isa);
    free(docs);
    free(kids.v);
    free(own.v);
}

static void S_compile_phase(imp_sch_cc *cc, xmlNodePtr elem, imp_sch_phase *ph)
{
    imp_sch_nodes kids = {NULL, 0};
    imp_sch *s = cc->s;
    ph->id = imp_sch_attr(elem, "id");
    if (!ph->id)
        imp_sch_error(cc, elem, "schema error: this sch:phase has no id attribute");
    imp_sch_kids(cc, elem, &kids, 0);
    for (size_t i = 0; i < kids.n; i++) {
        xmlNodePtr k = kids.v[i];
        if (imp_sch_is(k, "let")) {
            imp_sch_let *l = imp_sch_grow(&ph->lets, ph->nlets, sizeof *l);
            if (l) {
                ph->nlets++;
                S_compile_let(cc, k, l);
            }
            continue;
        }
        if (!imp_sch_is(k, "active"))
            continue;
        char *pid = imp_sch_attr(k, "pattern");
        int found = 0;
        if (!pid) {
            imp_sch_error(cc, k, "schema error: sch:active has no pattern attribute");
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
            imp_sch_error(cc, k,
                          "schema error: phase \"%s\" activates the pattern \"%s\", but there is "
                          "no pattern with that id",
                          ph->id ? ph->id : "", pid);
        free(pid);
    }
    free(kids.v);
}

/* ---- the synthetic stylesheet that gives patterns their namespaces ------- */

static int S_build_style(imp_sch_cc *cc)
{
    imp_sch *s = cc->s;
    xmlDocPtr sd = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr root = sd ? xmlNewDocNode(sd, NULL, (const xmlChar *)"stylesheet", NULL) : NULL;
    if (!root) {
        xmlFreeDoc(sd);
        return -1;
    }
    xmlDocSetRootElement(sd, root);
    /* document("x.xml") resolves against the schema, as in an XSLT-compiled one */
    sd->URL = xmlStrdup((const xmlChar *)s->path);
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
        imp_sch_error(cc, cc->keys.n ? cc->keys.v[0] : NULL, "schema error: %s",
                      cc->keys.n ? "an xsl:key in this schema is not valid (check "
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

static void S_add_ns(imp_sch_cc *cc, xmlNodePtr elem)
{
    char *prefix = imp_sch_attr(elem, "prefix"), *uri = imp_sch_attr(elem, "uri");
    imp_sch *s = cc->s;
    imp_sch_ns *slot = NULL;
    if (!prefix || !uri || !*prefix)
        imp_sch_error(cc, elem, "schema error: sch:ns needs a prefix and a uri");
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
static void S_collect(imp_sch_cc *cc, xmlNodePtr root)
{
    imp_sch_nodes kids = {NULL, 0};
    imp_sch_kids(cc, root, &kids, 0);
    for (size_t i = 0; i < kids.n; i++) {
        xmlNodePtr k = kids.v[i];
        if (imp_sch_is(k, "ns")) {
            S_add_ns(cc, k);
        } else if (imp_sch_is(k, "let")) {
            imp_sch_push_node(&cc->lets, k);
        } else if (imp_sch_is(k, "pattern")) {
            imp_sch_push_node(&cc->pats, k);
        } else if (imp_sch_is(k, "phase")) {
            imp_sch_push_node(&cc->phases, k);
        } else if (imp_sch_is(k, "diagnostics")) {
            imp_sch_nodes dk = {NULL, 0};
            imp_sch_kids(cc, k, &dk, 0);
            for (size_t j = 0; j < dk.n; j++)
                if (imp_sch_is(dk.v[j], "diagnostic"))
                    imp_sch_push_node(&cc->diags, dk.v[j]);
            free(dk.v);
        } else if (imp_sch_is(k, "title") && !cc->s->title) {
            cc->s->title = imp_sch_text(k);
        } else if (k->ns && !strcmp((const char *)k->ns->href, S_XSL_NS) &&
                   !strcmp((const char *)k->name, "key")) {
            imp_sch_push_node(&cc->keys, k);
        }
    }
    free(kids.v);
    /* abstract rules, wherever they are */
    for (size_t i = 0; i < cc->pats.n; i++) {
        imp_sch_nodes pk = {NULL, 0};
        imp_sch_kids(cc, cc->pats.v[i], &pk, 0);
        for (size_t j = 0; j < pk.n; j++) {
            if (!imp_sch_is(pk.v[j], "rule") || !imp_sch_attr_is(pk.v[j], "abstract", "true"))
                continue;
            imp_sch_arule *slot = imp_sch_grow(&cc->arules, cc->narules, sizeof *slot);
            if (slot) {
                slot->rule = pk.v[j];
                slot->pattern = cc->pats.v[i];
                cc->narules++;
            }
            if (!xmlHasProp(pk.v[j], (const xmlChar *)"id"))
                imp_sch_error(cc, pk.v[j],
                              "schema error: this abstract rule has no id, so nothing "
                              "can extend it");
        }
        free(pk.v);
    }
}

static int S_check_root(imp_sch_cc *cc, xmlNodePtr root)
{
    if (!root || !imp_sch_is(root, "schema")) {
        int old = root && root->ns && !strcmp((const char *)root->ns->href, S_OLD_SCH_NS);
        imp_sch_error(cc, root,
                      old ? "schema error: this is a Schematron 1.5 schema; impack reads ISO "
                            "Schematron (namespace " IMP_SCH_NS ")"
                          : "schema error: this is not a Schematron schema (the root must be "
                            "sch:schema in the namespace " IMP_SCH_NS ")");
        return -1;
    }
    char *qb = imp_sch_attr(root, "queryBinding");
    int ok = !qb || !strcasecmp(qb, "xslt") || !strcasecmp(qb, "xslt1");
    if (!ok)
        imp_sch_error(cc, root,
                      "this schema uses query binding %s; impack supports XPath 1.0 "
                      "(xslt/xslt1)",
                      qb);
    free(qb);
    return ok ? 0 : -1;
}

static void S_compile_all(imp_sch_cc *cc, xmlNodePtr root)
{
    imp_sch *s = cc->s;
    s->schema_version = imp_sch_attr(root, "schemaVersion");
    s->default_phase = imp_sch_attr(root, "defaultPhase");
    S_collect(cc, root);
    if (S_build_style(cc))
        return;
    s->name_expr = xmlXPathCompile((const xmlChar *)"name()");
    s->dict = xmlDictCreate();
    if (!s->dict) {
        imp_sch_error(cc, root, "out of memory compiling this schema");
        return;
    }
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
        dd->id = imp_sch_attr(cc->diags.v[i], "id");
        if (!dd->id)
            imp_sch_error(cc, cc->diags.v[i],
                          "schema error: this sch:diagnostic has no id attribute");
        S_compile_msg(cc, cc->diags.v[i], &dd->msg);
    }
    for (size_t i = 0; i < cc->pats.n; i++) {
        if (imp_sch_attr_is(cc->pats.v[i], "abstract", "true"))
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
    imp_sch_cc cc;
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
    /* save the caller's handlers before imp_xml_load installs its own */
    imp_sch_errors_quiet(&cc.save, &cc);
    doc = imp_xml_load(path, cc.dir, d);
    imp_sch_errors_restore(&cc.save);
    imp_sch_errors_quiet(&cc.save, &cc);
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
    free(r->exact_ns);
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
    if (s->dict)
        xmlDictFree(s->dict);
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
