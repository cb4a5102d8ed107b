/* svrl.c: write the results of a Schematron run as SVRL (ISO/IEC 19757-3 annex D). */
#include "sch_int.h"

#include <libxml/tree.h>

static xmlNodePtr S_add(xmlDocPtr svrl, const char *name)
{
    xmlNodePtr root = xmlDocGetRootElement(svrl);
    return root ? xmlNewChild(root, root->ns, (const xmlChar *)name, NULL) : NULL;
}

static void S_prop(xmlNodePtr n, const char *name, const char *value)
{
    if (n && value)
        xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

xmlDocPtr imp_svrl_new(const imp_sch *s, const char *phase)
{
    xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr root =
        doc ? xmlNewDocNode(doc, NULL, (const xmlChar *)"schematron-output", NULL) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlDocSetRootElement(doc, root);
    xmlSetNs(root, xmlNewNs(root, (const xmlChar *)IMP_SVRL_NS, (const xmlChar *)"svrl"));
    S_prop(root, "title", s->title);
    S_prop(root, "phase", phase);
    S_prop(root, "schemaVersion", s->schema_version);
    for (size_t i = 0; i < s->nns; i++) {
        xmlNodePtr n = S_add(doc, "ns-prefix-in-attribute-values");
        S_prop(n, "uri", s->ns[i].uri);
        S_prop(n, "prefix", s->ns[i].prefix);
    }
    return doc;
}

void imp_svrl_active_pattern(xmlDocPtr svrl, const imp_sch_pattern *p, const char *document)
{
    xmlNodePtr n = S_add(svrl, "active-pattern");
    S_prop(n, "id", p->id);
    S_prop(n, "name", p->name);
    S_prop(n, "documents", p->documents);
    S_prop(n, "document", document);
}

void imp_svrl_fired_rule(xmlDocPtr svrl, const imp_sch_rule *r, const char *document)
{
    xmlNodePtr n = S_add(svrl, "fired-rule");
    S_prop(n, "context", r->context);
    S_prop(n, "id", r->id);
    S_prop(n, "role", r->role);
    S_prop(n, "document", document);
}

void imp_svrl_result(xmlDocPtr svrl, const imp_sch_assert *a, xmlNodePtr node, const char *text,
                     char *const *dids, char *const *dtexts, size_t nd)
{
    xmlNodePtr n = S_add(svrl, a->report ? "successful-report" : "failed-assert");
    if (!n)
        return;
    xmlChar *loc = xmlGetNodePath(node);
    S_prop(n, "test", a->test);
    S_prop(n, "location", loc ? (const char *)loc : "");
    S_prop(n, "id", a->id);
    S_prop(n, "role", a->role);
    S_prop(n, "flag", a->flag);
    xmlFree(loc);
    for (size_t i = 0; i < nd; i++) {
        xmlNodePtr r = xmlNewTextChild(n, n->ns, (const xmlChar *)"diagnostic-reference",
                                       (const xmlChar *)(dtexts[i] ? dtexts[i] : ""));
        S_prop(r, "diagnostic", dids[i]);
    }
    xmlNewTextChild(n, n->ns, (const xmlChar *)"text", (const xmlChar *)(text ? text : ""));
}
