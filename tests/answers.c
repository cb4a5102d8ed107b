/* answers.c: print every answer written in a pack or portfolio, one per
 * line with white space folded, so a test can look for each in the PDF's
 * text. Dates are printed as the stylesheets write them (12 January 2026);
 * one-word choices (yes, closed, 2, ...) are left out: they print as boxes
 * or words of their own. With -n, print the participants' names instead
 * (which must never be printed). With -s NAME, only answers inside <NAME>. */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

static const char *S_choices[] = {"yes", "no", "not-applicable", "link", "lead", "planned",
                                  "active", "paused", "revisited", "closed", "1", "2", "3", "4",
                                  NULL};
static const char *S_months[] = {"January", "February", "March", "April", "May", "June", "July",
                                 "August", "September", "October", "November", "December"};

static void S_fold(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    int space = 0;
    for (; *in && n + 2 < cap; in++) {
        if (*in == ' ' || *in == '\n' || *in == '\t' || *in == '\r') {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = 0;
        out[n++] = *in;
    }
    out[n] = '\0';
}

static int S_is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static const char *S_under; /* -s NAME: only answers inside <NAME> */

static int S_inside(xmlNodePtr n)
{
    if (!S_under)
        return 1;
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        if (!strcmp((const char *)n->name, S_under))
            return 1;
    return 0;
}

static void S_walk(xmlNodePtr n, int names)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        int leaf = 1;
        for (xmlNodePtr c = n->children; c; c = c->next)
            leaf &= c->type != XML_ELEMENT_NODE;
        if (!leaf) {
            S_walk(n->children, names);
            continue;
        }
        int pname = S_is(n, "name") && S_is(n->parent, "participant");
        if (names != pname || !S_inside(n))
            continue;
        xmlChar *t = xmlNodeGetContent(n);
        char buf[8192];
        S_fold((const char *)t, buf, sizeof buf);
        xmlFree(t);
        int skip = !*buf;
        for (int i = 0; S_choices[i] && !skip; i++)
            skip = !strcmp(buf, S_choices[i]);
        int y, m, d;
        if (skip) {
        } else if (strlen(buf) == 10 && sscanf(buf, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 &&
                   m <= 12) {
            printf("%d %s %d\n", d, S_months[m - 1], y);
        } else {
            puts(buf);
        }
    }
}

int main(int argc, char **argv)
{
    int names = 0;
    if (argc < 2)
        return 2;
    for (int i = 1; i < argc - 1; i++) {
        if (!strcmp(argv[i], "-n"))
            names = 1;
        else if (!strcmp(argv[i], "-s") && i + 2 < argc)
            S_under = argv[++i];
    }
    const char *file = argv[argc - 1];
    xmlDocPtr doc = xmlReadFile(file, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    if (!doc)
        return 2;
    S_walk(xmlDocGetRootElement(doc), names);
    xmlFreeDoc(doc);
    return 0;
}
