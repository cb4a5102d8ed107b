/* explain.c: the rule catalogue (schemas/rules.xml) and starter files. */
#include "explain.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlschemastypes.h>

#include "xmlload.h"

static char *S_text(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr n = parent->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name))
            return (char *)xmlNodeGetContent(n);
    return NULL;
}

/* Print text folded to 76 columns, each line indented. */
static void S_wrap(FILE *out, const char *text, const char *indent)
{
    size_t col = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\n' || *p == '\t')
            p++;
        if (!*p)
            break;
        size_t w = strcspn(p, " \n\t");
        if (col && col + 1 + w > 76) {
            fputc('\n', out);
            col = 0;
        }
        if (!col) {
            fputs(indent, out);
            col = strlen(indent);
        } else {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, w, out);
        col += w;
        p += w;
    }
    if (col)
        fputc('\n', out);
}

int imp_explain_rule(FILE *out, const char *datadir, const char *id, imp_diags *d)
{
    char path[PATH_MAX];
    int rc = 1;
    snprintf(path, sizeof path, "%s/schemas/rules.xml", datadir);
    xmlDocPtr doc = imp_xml_load(path, NULL, d);
    if (!doc)
        return 2;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr r = root ? root->children : NULL; r; r = r->next) {
        if (r->type != XML_ELEMENT_NODE || strcmp((const char *)r->name, "rule"))
            continue;
        xmlChar *rid = xmlGetProp(r, (const xmlChar *)"id");
        xmlChar *sev = xmlGetProp(r, (const xmlChar *)"severity");
        char *title = S_text(r, "title");
        if (!id) {
            xmlChar *t = xmlSchemaCollapseString((const xmlChar *)(title ? title : ""));
            fprintf(out, "%-34s %-8s %s\n", (const char *)rid, (const char *)sev,
                    t ? (const char *)t : (title ? title : ""));
            xmlFree(t);
            rc = 0;
        } else if (rid && !strcmp((const char *)rid, id)) {
            char *why = S_text(r, "why"), *fix = S_text(r, "fix");
            fprintf(out, "%s (%s)\n", id, (const char *)sev);
            S_wrap(out, title ? title : "", "  ");
            fputs("\nWhy the guide asks for it:\n", out);
            S_wrap(out, why ? why : "", "  ");
            fputs("\nHow to fix it:\n", out);
            S_wrap(out, fix ? fix : "", "  ");
            xmlFree(why);
            xmlFree(fix);
            rc = 0;
        }
        xmlFree(title);
        xmlFree(rid);
        xmlFree(sev);
    }
    if (rc && id)
        imp_diag_add(d, IMP_SEV_ERROR, NULL, 0, 0, NULL,
                     "there is no rule called \"%s\"; `impack explain` lists them all.", id);
    xmlFreeDoc(doc);
    return rc;
}

int imp_explain_starter(FILE *out, const char *datadir, const char *kind, int type, imp_diags *d)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/schemas/new-%s.xml", datadir, kind);
    FILE *f = fopen(path, "r");
    if (!f) {
        imp_diag_add(d, IMP_SEV_ERROR, path, 0, 0, NULL,
                     "the starter file is missing; is impack installed completely?");
        return 2;
    }
    char line[4096];
    char want = (char)('0' + type);
    while (fgets(line, sizeof line, f)) {
        char *p = line;
        if (line[0] == '[') {
            char *close = strchr(line, ']');
            if (!close)
                continue;
            *close = '\0';
            int keep = strchr(line + 1, want) != NULL;
            if (!keep)
                continue;
            p = close + 1;
        }
        for (char *t = strstr(p, "{TYPE}"); t; t = strstr(p, "{TYPE}")) {
            fwrite(p, 1, (size_t)(t - p), out);
            fputc(want, out);
            p = t + 6;
        }
        fputs(p, out);
    }
    fclose(f);
    return 0;
}
