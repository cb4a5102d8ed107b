/* test_sch.c: the ISO Schematron engine, one test per feature of the standard it implements. */
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <libxslt/xsltutils.h>

#include "diag.h"
#include "sch.h"
#include "xmlload.h"

#define SCH_NS "http://purl.oclc.org/dsdl/schematron"
#define SCH "<sch:schema xmlns:sch='" SCH_NS "' queryBinding='xslt'>\n"
#define SCH_END "</sch:schema>\n"

static char S_dir[64];
static int S_seq;

/* ---- fixtures ----------------------------------------------------------- */

static char *S_path(const char *rel)
{
    size_t n = strlen(S_dir) + strlen(rel) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", S_dir, rel);
    return p;
}

/* Write a file under the test folder; returns its path (caller frees). */
static char *S_write(const char *rel, const char *text)
{
    char *p = S_path(rel);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

static imp_sch *S_compile(const char *text, imp_diags *d)
{
    char name[32];
    snprintf(name, sizeof name, "s%d.sch", ++S_seq);
    char *p = S_write(name, text);
    imp_sch *s = imp_sch_compile(p, d);
    free(p);
    return s;
}

static xmlDocPtr S_doc(const char *rel, const char *xml)
{
    imp_diags d = {0};
    char *p = S_write(rel, xml);
    xmlDocPtr doc = imp_xml_load(p, S_dir, &d);
    assert_non_null(doc);
    assert_int_equal(d.n, 0);
    free(p);
    return doc;
}

static int S_run(imp_sch *s, xmlDocPtr doc, const char *phase, imp_diags *d)
{
    imp_sch_opts o;
    memset(&o, 0, sizeof o);
    o.phase = phase;
    return imp_sch_validate(s, doc, &o, d);
}

static void S_expect(const imp_diags *d, size_t i, imp_severity sev, long line, const char *rule,
                     const char *msg)
{
    assert_true(i < d->n);
    const imp_diag *g = &d->v[i];
    assert_string_equal(g->msg, msg);
    assert_int_equal(g->sev, sev);
    assert_int_equal(g->line, line);
    if (rule) {
        assert_non_null(g->rule);
        assert_string_equal(g->rule, rule);
    } else {
        assert_null(g->rule);
    }
}

static int S_ends_with(const char *s, const char *end)
{
    size_t a = s ? strlen(s) : 0, b = strlen(end);
    return a >= b && !strcmp(s + a - b, end);
}

/* Evaluate an XPath over an SVRL document (prefix svrl bound). */
static xmlXPathObjectPtr S_svrl_eval(xmlDocPtr svrl, const char *expr)
{
    xmlXPathContextPtr xp = xmlXPathNewContext(svrl);
    assert_non_null(xp);
    xmlXPathRegisterNs(xp, (const xmlChar *)"svrl",
                       (const xmlChar *)"http://purl.oclc.org/dsdl/svrl");
    xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, xp);
    xmlXPathFreeContext(xp);
    assert_non_null(o);
    return o;
}

static double S_svrl_num(xmlDocPtr svrl, const char *expr)
{
    xmlXPathObjectPtr o = S_svrl_eval(svrl, expr);
    double v = xmlXPathCastToNumber(o);
    xmlXPathFreeObject(o);
    return v;
}

static void S_svrl_str(xmlDocPtr svrl, const char *expr, const char *want)
{
    xmlXPathObjectPtr o = S_svrl_eval(svrl, expr);
    xmlChar *v = xmlXPathCastToString(o);
    assert_string_equal((const char *)v, want);
    xmlFree(v);
    xmlXPathFreeObject(o);
}

static int S_rm(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static int S_setup(void **state)
{
    (void)state;
    imp_xml_init();
    snprintf(S_dir, sizeof S_dir, "/tmp/impack-sch.XXXXXX");
    if (!mkdtemp(S_dir))
        return -1;
    char *a = S_path("parts"), *b = S_path("docs"), *c = S_path("docs/sub");
    int r = mkdir(a, 0700) | mkdir(b, 0700) | mkdir(c, 0700);
    free(a);
    free(b);
    free(c);
    return r;
}

static int S_teardown(void **state)
{
    (void)state;
    nftw(S_dir, S_rm, 16, FTW_DEPTH | FTW_PHYS);
    imp_xml_cleanup();
    return 0;
}

/* ---- rule matching ------------------------------------------------------ */

/* Within a pattern only the first matching rule fires for a node; other
 * patterns see the node independently. */
static void test_first_matching_rule(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s = S_compile(
        SCH "<sch:pattern id='p1'>\n"
            "<sch:rule context='item[@special]'>\n"
            "<sch:assert test='false()'>special <sch:value-of select='@n'/></sch:assert>\n"
            "</sch:rule>\n"
            "<sch:rule context='item'>\n"
            "<sch:assert test='false()'>plain <sch:value-of select='@n'/></sch:assert>\n"
            "</sch:rule>\n"
            "</sch:pattern>\n"
            "<sch:pattern id='p2'>\n"
            "<sch:rule context='item'>\n"
            "<sch:report test='@n = \"2\"'>p2 saw <sch:value-of select='@n'/></sch:report>\n"
            "</sch:rule>\n"
            "</sch:pattern>\n" SCH_END,
        &d);
    assert_non_null(s);
    xmlDocPtr doc = S_doc("first.xml", "<list>\n<item n='1'/>\n<item n='2' special='y'/>\n"
                                       "<item n='3'/>\n</list>\n");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 4);
    S_expect(&d, 0, IMP_SEV_ERROR, 2, "p1", "plain 1");
    S_expect(&d, 1, IMP_SEV_ERROR, 3, "p1", "special 2");
    S_expect(&d, 2, IMP_SEV_ERROR, 4, "p1", "plain 3");
    S_expect(&d, 3, IMP_SEV_ERROR, 3, "p2", "p2 saw 2");
    assert_true(S_ends_with(d.v[0].file, "/first.xml"));
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* Rule contexts match the document node, attributes, text, comments and
 * processing instructions, in document order. */
static void test_node_kinds(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s = S_compile(
        SCH
        "<sch:pattern id='kinds'>\n"
        "<sch:rule context='@code'>\n"
        "<sch:assert test='string-length(.) = 3'><sch:name/> <sch:value-of select='.'/> on <sch:name path='..'/> must be 3 letters</sch:assert>\n"
        "</sch:rule>\n"
        "<sch:rule context='text()[normalize-space()]'>\n"
        "<sch:report test='contains(., \"TODO\")'>text of <sch:name path='..'/> says TODO</sch:report>\n"
        "</sch:rule>\n"
        "<sch:rule context='/'>\n"
        "<sch:assert test='count(//item) = 5'>expected 5 items, found <sch:value-of select='count(//item)'/></sch:assert>\n"
        "</sch:rule>\n"
        "<sch:rule context='comment()'>\n"
        "<sch:report test='true()'>comment: <sch:value-of select='normalize-space(.)'/></sch:report>\n"
        "</sch:rule>\n"
        "<sch:rule context='processing-instruction(\"pi\")'>\n"
        "<sch:report test='true()'>pi: <sch:value-of select='.'/></sch:report>\n"
        "</sch:rule>\n"
        "</sch:pattern>\n" SCH_END,
        &d);
    assert_non_null(s);
    xmlDocPtr doc = S_doc("kinds.xml", "<list>\n<item code='abcd'>fine</item>\n"
                                       "<item code='xyz'>TODO later</item>\n"
                                       "<!-- a  note -->\n<?pi data?>\n</list>\n");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 5);
    S_expect(&d, 0, IMP_SEV_ERROR, 1, "kinds", "expected 5 items, found 2");
    S_expect(&d, 1, IMP_SEV_ERROR, 2, "kinds", "code abcd on item must be 3 letters");
    S_expect(&d, 2, IMP_SEV_ERROR, 3, "kinds", "text of item says TODO");
    S_expect(&d, 3, IMP_SEV_ERROR, 4, "kinds", "comment: a note");
    S_expect(&d, 4, IMP_SEV_ERROR, 5, "kinds", "pi: data");
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* The shortcuts taken before asking libxslt (node kind, name, plain names)
 * must not lose a match: each context form fires as often as it should. */
static void test_context_forms(void **state)
{
    (void)state;
    static const struct {
        const char *context;
        int fires;
    } forms[] = {
        {"item | @code", 3},
        {"section/title", 1},
        {"child::item", 2},
        {"r/node()", 3},
        {"*", 6},
        {"p:*", 1},
        {"@xml:lang", 1},
        {"text()", 2},
        {"/", 1},
        {"item[1]", 2},
        {"@*", 2},
        {"p:thing", 1},
        {"thing", 0},
        {"section//item", 1},
        {"item[@code]", 1},
        {"attribute::code", 1},
    };
    char text[8192];
    size_t n = (size_t)snprintf(text, sizeof text, SCH "<sch:ns prefix='p' uri='urn:x'/>\n");
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "<sch:pattern id='f%zu'><sch:rule context='%s'>"
                              "<sch:report test='true()'>x</sch:report></sch:rule></sch:pattern>\n",
                              i, forms[i].context);
    snprintf(text + n, sizeof text - n, SCH_END);
    imp_diags d = {0};
    imp_sch *s = S_compile(text, &d);
    assert_non_null(s);
    xmlDocPtr doc = S_doc("forms.xml", "<r xmlns:x='urn:x' xml:lang='en'><item code='a'>t1</item>"
                                       "<section><title>T</title><item/></section><x:thing/></r>");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        char id[16];
        snprintf(id, sizeof id, "f%zu", i);
        int count = 0;
        for (size_t j = 0; j < d.n; j++)
            count += d.v[j].rule && !strcmp(d.v[j].rule, id);
        if (count != forms[i].fires)
            fail_msg("context \"%s\" fired %d times, expected %d", forms[i].context, count,
                     forms[i].fires);
    }
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* ---- variables ---------------------------------------------------------- */

/* sch:let at schema, phase, pattern and rule level; a let using an earlier
 * one; a let whose value is its content; values computed per document. */
static void test_lets_at_every_level(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s =
        S_compile("<sch:schema xmlns:sch='" SCH_NS "' queryBinding='xslt' defaultPhase='main'>\n"
                  "<sch:let name='limit' value='3'/>\n"
                  "<sch:let name='limit2' value='$limit * 2'/>\n"
                  "<sch:let name='word'><w>hello</w></sch:let>\n"
                  "<sch:phase id='main'>\n"
                  "<sch:active pattern='p'/>\n"
                  "<sch:let name='phaseval' value='\"ph\"'/>\n"
                  "</sch:phase>\n"
                  "<sch:pattern id='p'>\n"
                  "<sch:let name='total' value='count(//item)'/>\n"
                  "<sch:rule context='item'>\n"
                  "<sch:let name='n' value='number(@n)'/>\n"
                  "<sch:let name='twice' value='$n * 2'/>\n"
                  "<sch:report test='$twice &gt; $limit2'>item <sch:value-of select='$n'/>: "
                  "twice=<sch:value-of select='$twice'/> limit2=<sch:value-of select='$limit2'/> "
                  "total=<sch:value-of select='$total'/> <sch:value-of select='$phaseval'/> "
                  "<sch:value-of select='$word/w'/></sch:report>\n"
                  "</sch:rule>\n"
                  "</sch:pattern>\n" SCH_END,
                  &d);
    assert_non_null(s);
    xmlDocPtr doc =
        S_doc("lets.xml", "<r><item n='1'/><item n='2'/><item n='3'/><item n='4'/></r>");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 1);
    S_expect(&d, 0, IMP_SEV_ERROR, 1, "p", "item 4: twice=8 limit2=6 total=4 ph hello");
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    /* the pattern let is evaluated again for another document */
    doc = S_doc("lets2.xml", "<r><item n='5'/><item n='1'/></r>");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 1);
    S_expect(&d, 0, IMP_SEV_ERROR, 1, "p", "item 5: twice=10 limit2=6 total=2 ph hello");
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* ---- messages ----------------------------------------------------------- */

/* value-of, name with and without path, emph/dir/span, folded white space;
 * rule contexts use the sch:ns prefix, whatever prefix the instance uses. */
static void test_message_text(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s = S_compile(
        SCH "<sch:ns prefix='p' uri='urn:x'/>\n"
            "<sch:pattern id='m'>\n"
            "<sch:rule context='p:doc/p:sec'>\n"
            "<sch:assert test='p:title'>The   <sch:emph>section</sch:emph>\n"
            "    <sch:name/> (id <sch:value-of select='@id'/>) in <sch:name path='parent::*'/>"
            " has <sch:dir value='ltr'>no</sch:dir> <sch:span class='x'>title</sch:span>.  "
            "</sch:assert>\n"
            "</sch:rule>\n"
            "</sch:pattern>\n" SCH_END,
        &d);
    assert_non_null(s);
    xmlDocPtr doc = S_doc(
        "msg.xml", "<doc xmlns='urn:x'>\n<sec id='s1'/>\n<sec id='s2'><title/></sec>\n</doc>");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 1);
    S_expect(&d, 0, IMP_SEV_ERROR, 2, "m", "The section sec (id s1) in doc has no title.");
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    doc = S_doc("msg2.xml", "<q:doc xmlns:q='urn:x'>\n<q:sec id='s3'/>\n</q:doc>");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 1);
    S_expect(&d, 0, IMP_SEV_ERROR, 2, "m", "The section q:sec (id s3) in q:doc has no title.");
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    /* no namespace: nothing matches */
    doc = S_doc("msg3.xml", "<doc><sec id='s4'/></doc>");
    assert_int_equal(S_run(s, doc, NULL, &d), 0);
    assert_int_equal(d.n, 0);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* assert/@diagnostics: the evaluated diagnostic text follows the message,
 * and SVRL carries each as svrl:diagnostic-reference. */
static void test_diagnostics(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s = S_compile(
        SCH "<sch:pattern id='pd'>\n"
            "<sch:rule context='item'>\n"
            "<sch:assert test='@n' id='needs-n' diagnostics='d1  d2'>item has no n.</sch:assert>\n"
            "</sch:rule>\n"
            "</sch:pattern>\n"
            "<sch:diagnostics>\n"
            "<sch:diagnostic id='d1'>Add n to item <sch:value-of select='@id'/>.</sch:diagnostic>\n"
            "<sch:diagnostic id='d2'>See   the guide.</sch:diagnostic>\n"
            "</sch:diagnostics>\n" SCH_END,
        &d);
    assert_non_null(s);
    xmlDocPtr doc = S_doc("diag.xml", "<r>\n<item id='i1'/>\n<item id='i2' n='1'/>\n</r>");
    xmlDocPtr svrl = NULL;
    imp_sch_opts o;
    memset(&o, 0, sizeof o);
    o.svrl = &svrl;
    assert_int_equal(imp_sch_validate(s, doc, &o, &d), 1);
    assert_int_equal(d.n, 1);
    S_expect(&d, 0, IMP_SEV_ERROR, 2, "needs-n", "item has no n. Add n to item i1. See the guide.");
    assert_non_null(svrl);
    assert_int_equal(S_svrl_num(svrl, "count(//svrl:failed-assert/svrl:diagnostic-reference)"), 2);
    S_svrl_str(svrl, "//svrl:diagnostic-reference[1]/@diagnostic", "d1");
    S_svrl_str(svrl, "//svrl:diagnostic-reference[1]", "Add n to item i1.");
    S_svrl_str(svrl, "//svrl:diagnostic-reference[2]/@diagnostic", "d2");
    S_svrl_str(svrl, "//svrl:failed-assert/svrl:text", "item has no n.");
    /* the text comes after the references, as the SVRL schema orders them */
    assert_int_equal(S_svrl_num(svrl, "count(//svrl:failed-assert/*[last()][self::svrl:text])"), 1);
    xmlFreeDoc(svrl);
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* Severity from the assert's role, else its rule's; rule id from the
 * assert's id, else its pattern's. */
static void test_role_severity_and_rule_ids(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s = S_compile(
        SCH "<sch:pattern id='pat-a'>\n"
            "<sch:rule context='item' role='info'>\n"
            "<sch:assert test='@a' role='warning'>no a</sch:assert>\n"
            "<sch:assert test='@b'>no b</sch:assert>\n"
            "<sch:assert test='@c' id='c-rule' role='fatal'>no c</sch:assert>\n"
            "</sch:rule>\n"
            "</sch:pattern>\n"
            "<sch:pattern>\n"
            "<sch:rule context='item'><sch:assert test='@d'>no d</sch:assert></sch:rule>\n"
            "</sch:pattern>\n" SCH_END,
        &d);
    assert_non_null(s);
    xmlDocPtr doc = S_doc("roles.xml", "<r>\n<item/>\n</r>");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 4);
    S_expect(&d, 0, IMP_SEV_WARNING, 2, "pat-a", "no a");
    S_expect(&d, 1, IMP_SEV_INFO, 2, "pat-a", "no b");
    S_expect(&d, 2, IMP_SEV_ERROR, 2, "c-rule", "no c");
    S_expect(&d, 3, IMP_SEV_ERROR, 2, NULL, "no d");
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* ---- SVRL --------------------------------------------------------------- */

static void test_svrl_output(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s = S_compile(
        "<sch:schema xmlns:sch='" SCH_NS "' queryBinding='xslt1' schemaVersion='1.2'>\n"
        "<sch:title>Test   schema</sch:title>\n"
        "<sch:ns prefix='p' uri='urn:x'/>\n"
        "<sch:pattern id='pa'>\n"
        "<sch:title>Pattern A</sch:title>\n"
        "<sch:rule context='p:item' id='r1' role='warning'>\n"
        "<sch:assert test='@ok' id='a1' role='error' flag='bad'>item <sch:value-of select='@n'/> is not ok</sch:assert>\n"
        "<sch:report test='@n = 2' flag='two'>two</sch:report>\n"
        "</sch:rule>\n"
        "</sch:pattern>\n"
        "<sch:pattern id='empty'/>\n" SCH_END,
        &d);
    assert_non_null(s);
    xmlDocPtr doc =
        S_doc("svrl.xml", "<x:list xmlns:x='urn:x'>\n<x:item n='1'/>\n<x:item n='2'/>\n</x:list>");
    xmlDocPtr svrl = NULL;
    imp_sch_opts o;
    memset(&o, 0, sizeof o);
    o.svrl = &svrl;
    assert_int_equal(imp_sch_validate(s, doc, &o, &d), 1);
    assert_int_equal(d.n, 3);
    assert_non_null(svrl);
    S_svrl_str(svrl, "/svrl:schematron-output/@title", "Test schema");
    S_svrl_str(svrl, "/svrl:schematron-output/@phase", "#ALL");
    S_svrl_str(svrl, "/svrl:schematron-output/@schemaVersion", "1.2");
    assert_int_equal(
        S_svrl_num(svrl, "count(/*/svrl:ns-prefix-in-attribute-values[@prefix='p'][@uri='urn:x'])"),
        1);
    assert_int_equal(S_svrl_num(svrl, "count(/*/svrl:active-pattern)"), 2);
    S_svrl_str(svrl, "/*/svrl:active-pattern[1]/@id", "pa");
    S_svrl_str(svrl, "/*/svrl:active-pattern[1]/@name", "Pattern A");
    S_svrl_str(svrl, "/*/svrl:active-pattern[2]/@id", "empty");
    assert_int_equal(
        S_svrl_num(svrl, "count(/*/svrl:fired-rule[@context='p:item'][@id='r1'][@role='warning'])"),
        2);
    assert_int_equal(S_svrl_num(svrl, "count(/*/svrl:failed-assert)"), 2);
    S_svrl_str(svrl, "/*/svrl:failed-assert[1]/@test", "@ok");
    S_svrl_str(svrl, "/*/svrl:failed-assert[1]/@id", "a1");
    S_svrl_str(svrl, "/*/svrl:failed-assert[1]/@role", "error");
    S_svrl_str(svrl, "/*/svrl:failed-assert[1]/@flag", "bad");
    S_svrl_str(svrl, "/*/svrl:failed-assert[1]/@location", "/x:list/x:item[1]");
    S_svrl_str(svrl, "/*/svrl:failed-assert[2]/svrl:text", "item 2 is not ok");
    S_svrl_str(svrl, "/*/svrl:successful-report/@flag", "two");
    S_svrl_str(svrl, "/*/svrl:successful-report/@location", "/x:list/x:item[2]");
    /* document order: pattern, then each fired rule followed by its results */
    S_svrl_str(svrl, "name(/*/svrl:active-pattern[1]/following-sibling::*[1])", "svrl:fired-rule");
    S_svrl_str(svrl, "name(/*/svrl:successful-report/preceding-sibling::*[1])",
               "svrl:failed-assert");
    /* the report's severity comes from its rule */
    assert_int_equal(d.v[2].sev, IMP_SEV_WARNING);
    xmlFreeDoc(svrl);
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* ---- phases ------------------------------------------------------------- */

static void test_phases(void **state)
{
    (void)state;
    imp_diags d = {0};
    const char *body =
        "<sch:phase id='quick'><sch:active pattern='a'/></sch:phase>\n"
        "<sch:phase id='full'><sch:active pattern='a'/><sch:active pattern='b'/></sch:phase>\n"
        "<sch:pattern id='a'><sch:rule context='item'><sch:report test='1'>A</sch:report></sch:rule></sch:pattern>\n"
        "<sch:pattern id='b'><sch:rule context='item'><sch:report test='1'>B</sch:report></sch:rule></sch:pattern>\n"
        "<sch:pattern id='c'><sch:rule context='item'><sch:report test='1'>C</sch:report></sch:rule></sch:pattern>\n" SCH_END;
    char text[2048];
    snprintf(text, sizeof text, "<sch:schema xmlns:sch='" SCH_NS "' defaultPhase='quick'>\n%s",
             body);
    imp_sch *s = S_compile(text, &d);
    assert_non_null(s);
    xmlDocPtr doc = S_doc("phase.xml", "<r><item/></r>");
    xmlDocPtr svrl = NULL;
    imp_sch_opts o;
    memset(&o, 0, sizeof o);
    o.svrl = &svrl;
    assert_int_equal(imp_sch_validate(s, doc, &o, &d), 1);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.v[0].msg, "A");
    S_svrl_str(svrl, "/*/@phase", "quick");
    xmlFreeDoc(svrl);
    imp_diag_free(&d);
    assert_int_equal(S_run(s, doc, "#DEFAULT", &d), 1);
    assert_int_equal(d.n, 1);
    imp_diag_free(&d);
    assert_int_equal(S_run(s, doc, "full", &d), 1);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.v[0].msg, "A");
    assert_string_equal(d.v[1].msg, "B");
    imp_diag_free(&d);
    assert_int_equal(S_run(s, doc, "#ALL", &d), 1);
    assert_int_equal(d.n, 3);
    assert_string_equal(d.v[2].msg, "C");
    imp_diag_free(&d);
    o.phase = "nope";
    assert_int_equal(imp_sch_validate(s, doc, &o, &d), -1);
    assert_null(svrl);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.v[0].msg, "there is no phase called nope; the phases are: quick, full");
    imp_diag_free(&d);
    imp_sch_free(s);
    /* no defaultPhase: every pattern */
    snprintf(text, sizeof text, "<sch:schema xmlns:sch='" SCH_NS "'>\n%s", body);
    s = S_compile(text, &d);
    assert_non_null(s);
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 3);
    imp_diag_free(&d);
    imp_sch_free(s);
    xmlFreeDoc(doc);
}

/* ---- abstract patterns and rules ---------------------------------------- */

static void test_abstract_patterns(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s = S_compile(
        SCH
        "<sch:pattern abstract='true' id='required'>\n"
        "<sch:rule context='$parent'>\n"
        "<sch:assert test='$child or $child-alt'>In <sch:name/>, a <sch:value-of select='\"$child\"'/> is required ($child).</sch:assert>\n"
        "</sch:rule>\n"
        "</sch:pattern>\n"
        "<sch:pattern is-a='required' id='book-title'>\n"
        "<sch:param name='parent' value='book'/>\n"
        "<sch:param name='child' value='title'/>\n"
        "<sch:param name='child-alt' value='subtitle'/>\n"
        "</sch:pattern>\n"
        "<sch:pattern is-a='required' id='lib-name'>\n"
        "<sch:param name='parent' value='lib'/>\n"
        "<sch:param name='child' value='@name'/>\n"
        "<sch:param name='child-alt' value='false()'/>\n"
        "</sch:pattern>\n" SCH_END,
        &d);
    assert_non_null(s);
    xmlDocPtr doc =
        S_doc("abs.xml", "<lib>\n<book/>\n<book><title/></book>\n<book><subtitle/></book>\n</lib>");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 2);
    /* message text is not substituted; attributes are */
    S_expect(&d, 0, IMP_SEV_ERROR, 2, "book-title", "In book, a title is required ($child).");
    S_expect(&d, 1, IMP_SEV_ERROR, 1, "lib-name", "In lib, a @name is required ($child).");
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

static void test_abstract_rules(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s = S_compile(
        SCH "<sch:pattern id='p'>\n"
            "<sch:rule abstract='true' id='has-id'>\n"
            "<sch:assert test='@id'>The <sch:name/> has no id.</sch:assert>\n"
            "</sch:rule>\n"
            "<sch:rule context='chapter'>\n"
            "<sch:let name='k' value='\"chapter\"'/>\n"
            "<sch:extends rule='has-id'/>\n"
            "<sch:assert test='title'>The <sch:value-of select='$k'/> has no title.</sch:assert>\n"
            "</sch:rule>\n"
            "</sch:pattern>\n"
            "<sch:pattern id='q'>\n"
            "<sch:rule context='figure'><sch:extends rule='has-id'/></sch:rule>\n"
            "</sch:pattern>\n" SCH_END,
        &d);
    assert_non_null(s);
    xmlDocPtr doc = S_doc(
        "arule.xml", "<doc>\n<chapter/>\n<chapter id='c2'><title/></chapter>\n<figure/>\n</doc>");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 3);
    S_expect(&d, 0, IMP_SEV_ERROR, 2, "p", "The chapter has no id.");
    S_expect(&d, 1, IMP_SEV_ERROR, 2, "p", "The chapter has no title.");
    S_expect(&d, 2, IMP_SEV_ERROR, 4, "q", "The figure has no id.");
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* ---- includes ----------------------------------------------------------- */

static void test_include_and_extends_href(void **state)
{
    (void)state;
    imp_diags d = {0};
    free(S_write("parts/pat.sch", "<sch:pattern xmlns:sch='" SCH_NS "' id='inc'>\n"
                                  "<sch:rule context='item'>\n"
                                  "<sch:include href='assert.sch'/>\n"
                                  "<sch:extends href='common.sch'/>\n"
                                  "</sch:rule>\n"
                                  "</sch:pattern>\n"));
    free(S_write("parts/assert.sch",
                 "<sch:assert xmlns:sch='" SCH_NS "' test='@ok'>included assert</sch:assert>\n"));
    free(S_write("parts/common.sch",
                 "<sch:rule xmlns:sch='" SCH_NS "'>\n"
                 "<sch:report test='@n'>common <sch:value-of select='@n'/></sch:report>\n"
                 "</sch:rule>\n"));
    free(S_write(
        "parts/lib.sch",
        "<lib xmlns:sch='" SCH_NS "'>\n"
        "<sch:pattern id='first'><sch:rule context='item'><sch:report test='1'>first</sch:report></sch:rule></sch:pattern>\n"
        "<sch:pattern id='second'><sch:rule context='item'><sch:report test='1'>second</sch:report></sch:rule></sch:pattern>\n"
        "</lib>\n"));
    imp_sch *s = S_compile(SCH "<sch:include href='parts/pat.sch'/>\n"
                               "<sch:include href='parts/lib.sch#second'/>\n" SCH_END,
                           &d);
    assert_non_null(s);
    xmlDocPtr doc = S_doc("inc.xml", "<r>\n<item n='7'/>\n</r>");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 3);
    S_expect(&d, 0, IMP_SEV_ERROR, 2, "inc", "included assert");
    S_expect(&d, 1, IMP_SEV_ERROR, 2, "inc", "common 7");
    S_expect(&d, 2, IMP_SEV_ERROR, 2, "second", "second");
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);

    /* a whole schema included into a schema brings its contents */
    free(S_write("parts/whole.sch",
                 "<sch:schema xmlns:sch='" SCH_NS "'>\n"
                 "<sch:ns prefix='w' uri='urn:w'/>\n"
                 "<sch:pattern id='whole'><sch:rule context='w:item'>"
                 "<sch:report test='true()'>whole</sch:report></sch:rule></sch:pattern>\n"
                 "</sch:schema>\n"));
    s = S_compile(SCH "<sch:include href='parts/whole.sch'/>\n" SCH_END, &d);
    assert_non_null(s);
    doc = S_doc("inc2.xml", "<r xmlns='urn:w'><item/></r>");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 1);
    S_expect(&d, 0, IMP_SEV_ERROR, 1, "whole", "whole");
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);

    /* an error inside an included file points into that file */
    free(S_write("parts/bad.sch", "<sch:rule xmlns:sch='" SCH_NS "' context='item'>\n"
                                  "\n"
                                  "<sch:assert test='@x ='>bad</sch:assert>\n"
                                  "</sch:rule>\n"));
    s = S_compile(SCH "<sch:pattern><sch:include href='parts/bad.sch'/></sch:pattern>\n" SCH_END,
                  &d);
    assert_null(s);
    assert_int_equal(d.n, 1);
    assert_true(S_ends_with(d.v[0].file, "/parts/bad.sch"));
    assert_int_equal(d.v[0].line, 3);
    assert_string_equal(d.v[0].msg, "schema error: the test \"@x =\" is not valid XPath");
    imp_diag_free(&d);

    /* missing, and outside the schema's folder */
    s = S_compile(SCH "<sch:pattern>\n<sch:include href='parts/nothere.sch'/>\n"
                      "<sch:include href='../../etc/passwd'/>\n</sch:pattern>\n" SCH_END,
                  &d);
    assert_null(s);
    assert_int_equal(d.n, 2);
    assert_int_equal(d.v[0].line, 3);
    assert_non_null(strstr(d.v[0].msg, "parts/nothere.sch\" does not exist"));
    assert_int_equal(d.v[1].line, 4);
    assert_non_null(strstr(d.v[1].msg, "outside the schema's folder"));
    imp_diag_free(&d);
}

/* ---- subordinate documents ---------------------------------------------- */

static const char *S_docs_schema = SCH
    "<sch:pattern id='index'>\n"
    "<sch:rule context='index'><sch:report test='true()'>index has <sch:value-of select='count(part)'/> parts</sch:report></sch:rule>\n"
    "</sch:pattern>\n"
    "<sch:pattern id='parts' documents='/index/part/@href'>\n"
    "<sch:let name='paras' value='count(//para)'/>\n"
    "<sch:rule context='para'>\n"
    "<sch:assert test='normalize-space()'>empty para (of <sch:value-of select='$paras'/>)</sch:assert>\n"
    "</sch:rule>\n"
    "</sch:pattern>\n" SCH_END;

static void test_documents(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s = S_compile(S_docs_schema, &d);
    assert_non_null(s);
    free(S_write("docs/part1.xml", "<chapter>\n<para/>\n<para>text</para>\n</chapter>\n"));
    free(S_write("docs/sub/part2.xml", "<chapter><para>fine</para></chapter>\n"));
    xmlDocPtr doc = S_doc("docs/index.xml", "<index>\n<part href='part1.xml'/>\n"
                                            "<part href='sub/part2.xml'/>\n"
                                            "<part href='missing.xml'/>\n"
                                            "<part href='../s1.sch'/>\n</index>\n");
    xmlDocPtr svrl = NULL;
    imp_sch_opts o;
    memset(&o, 0, sizeof o);
    o.svrl = &svrl;
    assert_int_equal(imp_sch_validate(s, doc, &o, &d), 1);
    assert_int_equal(d.n, 4);
    S_expect(&d, 0, IMP_SEV_ERROR, 1, "index", "index has 4 parts");
    S_expect(&d, 1, IMP_SEV_ERROR, 2, "parts", "empty para (of 2)");
    assert_true(S_ends_with(d.v[1].file, "/docs/part1.xml"));
    assert_true(S_ends_with(d.v[2].file, "/docs/index.xml"));
    assert_int_equal(d.v[2].line, 4);
    assert_null(d.v[2].rule);
    assert_non_null(
        strstr(d.v[2].msg, "missing.xml\" named here could not be read: there is no such file"));
    assert_int_equal(d.v[3].line, 5);
    assert_non_null(strstr(d.v[3].msg, "outside the folder"));
    assert_int_equal(S_svrl_num(svrl, "count(//svrl:active-pattern[@id='parts'])"), 2);
    S_svrl_str(svrl, "//svrl:active-pattern[@id='parts'][1]/@documents", "/index/part/@href");
    assert_true(
        S_svrl_num(
            svrl,
            "count(//svrl:active-pattern[@id='parts'][2][contains(@document, 'sub/part2.xml')])") ==
        1);
    xmlFreeDoc(svrl);
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

typedef struct {
    int calls;
    char uri[512];
    const char *ref_name;
    xmlDocPtr doc;
} S_loader_state;

static xmlDocPtr S_test_loader(void *ud, const char *uri, xmlNodePtr ref, imp_diags *d)
{
    S_loader_state *st = ud;
    st->calls++;
    snprintf(st->uri, sizeof st->uri, "%s", uri);
    st->ref_name = ref ? (const char *)ref->name : NULL;
    if (strstr(uri, "part1")) {
        if (!st->doc)
            st->doc = xmlReadMemory("<chapter>\n\n<para/></chapter>", 28, "mem:part1", NULL, 0);
        return st->doc;
    }
    imp_diag_add(d, IMP_SEV_ERROR, "loader", 0, 0, NULL, "cannot load %s", uri);
    return NULL;
}

static void test_documents_custom_loader(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s = S_compile(S_docs_schema, &d);
    assert_non_null(s);
    xmlDocPtr doc =
        S_doc("docs/index2.xml", "<index><part href='part1.xml'/><part href='x.xml'/></index>");
    S_loader_state st;
    memset(&st, 0, sizeof st);
    imp_sch_opts o;
    memset(&o, 0, sizeof o);
    o.loader = S_test_loader;
    o.loader_ud = &st;
    assert_int_equal(imp_sch_validate(s, doc, &o, &d), 1);
    assert_int_equal(st.calls, 2);
    assert_true(S_ends_with(st.uri, "/docs/x.xml"));
    assert_string_equal(st.ref_name, "href");
    assert_int_equal(d.n, 3);
    S_expect(&d, 1, IMP_SEV_ERROR, 3, "parts", "empty para (of 1)");
    assert_string_equal(d.v[1].file, "mem:part1");
    assert_true(S_ends_with(d.v[2].msg, "/docs/x.xml"));
    assert_non_null(strstr(d.v[2].msg, "cannot load /"));
    imp_diag_free(&d);
    xmlFreeDoc(st.doc);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* ---- XSLT functions ----------------------------------------------------- */

static int S_clean_tree(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->extra >> 12 || n->psvi)
            return 0;
        if (n->type == XML_ELEMENT_NODE) {
            for (xmlAttrPtr a = n->properties; a; a = a->next)
                if (((unsigned)a->atype >> 27) || a->psvi)
                    return 0;
            if (!S_clean_tree(n->children))
                return 0;
        }
    }
    return 1;
}

/* xsl:key declared in the schema, key() in tests and rule contexts,
 * current() as the rule's context node; libxslt's marks are removed after. */
static void test_keys_and_current(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s = S_compile(
        "<sch:schema xmlns:sch='" SCH_NS
        "' xmlns:xsl='http://www.w3.org/1999/XSL/Transform' queryBinding='xslt'>\n"
        "<xsl:key name='person' match='person' use='@id'/>\n"
        "<sch:pattern id='refs'>\n"
        "<sch:rule context='ref'>\n"
        "<sch:assert test='key(\"person\", @to)'>ref to unknown person <sch:value-of select='@to'/></sch:assert>\n"
        "<sch:assert test='count(//ref[@to = current()/@to]) = 1'>person <sch:value-of select='@to'/> referenced more than once</sch:assert>\n"
        "<sch:report test='generate-id(.) = \"\"'>never</sch:report>\n"
        "</sch:rule>\n"
        "</sch:pattern>\n"
        "<sch:pattern id='keyed'>\n"
        "<sch:rule context='key(\"person\", \"a\")'><sch:report test='true()'>found <sch:value-of select='@id'/></sch:report></sch:rule>\n"
        "</sch:pattern>\n" SCH_END,
        &d);
    assert_non_null(s);
    xmlDocPtr doc = S_doc("keys.xml", "<r>\n<person id='a'/>\n<person id='b'/>\n<ref to='a'/>\n"
                                      "<ref to='c'/>\n<ref to='b'/>\n<ref to='b'/>\n</r>");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 4);
    S_expect(&d, 0, IMP_SEV_ERROR, 5, "refs", "ref to unknown person c");
    S_expect(&d, 1, IMP_SEV_ERROR, 6, "refs", "person b referenced more than once");
    S_expect(&d, 2, IMP_SEV_ERROR, 7, "refs", "person b referenced more than once");
    S_expect(&d, 3, IMP_SEV_ERROR, 2, "keyed", "found a");
    assert_true(S_clean_tree(doc->children));
    imp_diag_free(&d);
    /* a second run on the same document gives the same answer */
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 4);
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* document() reads relative to the schema, as an XSLT-compiled schema would. */
static void test_document_function(void **state)
{
    (void)state;
    imp_diags d = {0};
    free(S_write("parts/codes.xml", "<codes><code>A</code><code>B</code></codes>"));
    imp_sch *s = S_compile(
        SCH "<sch:let name='codes' value='document(\"parts/codes.xml\")/codes/code'/>\n"
            "<sch:pattern id='codes'>\n"
            "<sch:rule context='item'>\n"
            "<sch:assert test='@code = $codes'>unknown code <sch:value-of select='@code'/> "
            "(known: <sch:value-of select='count($codes)'/>)</sch:assert>\n"
            "</sch:rule>\n"
            "</sch:pattern>\n" SCH_END,
        &d);
    assert_non_null(s);
    xmlDocPtr doc = S_doc("docs/codes-use.xml", "<r>\n<item code='A'/>\n<item code='C'/>\n</r>");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 1);
    S_expect(&d, 0, IMP_SEV_ERROR, 3, "codes", "unknown code C (known: 2)");
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* impack's own functions are available under the prefix sch:ns gives them. */
static void test_impack_functions(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s = S_compile(
        SCH "<sch:ns prefix='imp' uri='urn:impack:functions'/>\n"
            "<sch:pattern id='privacy'>\n"
            "<sch:rule context='note'>\n"
            "<sch:assert test='not(imp:has-email(.))'>a note has an e-mail address</sch:assert>\n"
            "</sch:rule>\n"
            "</sch:pattern>\n" SCH_END,
        &d);
    assert_non_null(s);
    xmlDocPtr doc = S_doc("fn.xml", "<r>\n<note>ok</note>\n<note>mail jo@example.org</note>\n</r>");
    assert_int_equal(S_run(s, doc, NULL, &d), 1);
    assert_int_equal(d.n, 1);
    S_expect(&d, 0, IMP_SEV_ERROR, 3, "privacy", "a note has an e-mail address");
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* ---- errors ------------------------------------------------------------- */

/* Compile with stderr captured; fails if the library printed anything. */
static imp_sch *S_compile_quietly(const char *text, imp_diags *d)
{
    char *errfile = S_path("stderr.txt");
    fflush(stderr);
    int saved = dup(2);
    int fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    imp_sch *s = S_compile(text, d);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    struct stat sb;
    assert_int_equal(stat(errfile, &sb), 0);
    free(errfile);
    assert_int_equal(sb.st_size, 0);
    return s;
}

static void S_expect_compile_error(const char *text, long line, const char *msg)
{
    imp_diags d = {0};
    imp_sch *s = S_compile_quietly(text, &d);
    assert_null(s);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.v[0].msg, msg);
    assert_int_equal(d.v[0].line, line);
    assert_int_equal(d.v[0].sev, IMP_SEV_ERROR);
    imp_diag_free(&d);
}

#define RULE(body) SCH "<sch:pattern id='p'>\n" body "\n</sch:pattern>\n" SCH_END

static void test_schema_errors(void **state)
{
    (void)state;
    S_expect_compile_error(
        RULE("<sch:rule context='item'>\n<sch:assert test='count('>x</sch:assert></sch:rule>"), 4,
        "schema error: the test \"count(\" is not valid XPath");
    S_expect_compile_error(
        RULE("<sch:rule context='item[@a'>\n<sch:assert test='1'>x</sch:assert></sch:rule>"), 3,
        "schema error: the context \"item[@a\" is not a valid XSLT pattern");
    S_expect_compile_error(
        RULE("<sch:rule context='item[@a = (]'><sch:assert test='1'>x</sch:assert></sch:rule>"), 3,
        "schema error: the context \"item[@a = (]\" is not a valid XSLT pattern");
    S_expect_compile_error(
        RULE("<sch:rule context='q:item'><sch:assert test='1'>x</sch:assert></sch:rule>"), 3,
        "schema error: the context \"q:item\" is not a valid XSLT pattern");
    S_expect_compile_error(RULE("<sch:rule><sch:assert test='1'>x</sch:assert></sch:rule>"), 3,
                           "schema error: this sch:rule has no context attribute");
    S_expect_compile_error(RULE("<sch:rule context='a'>\n\n<sch:report>x</sch:report></sch:rule>"),
                           5, "schema error: sch:report has no test attribute");
    S_expect_compile_error(
        RULE(
            "<sch:rule context='a'><sch:assert test='1'><sch:value-of select='@'/></sch:assert></sch:rule>"),
        3, "schema error: the select \"@\" is not valid XPath");
    S_expect_compile_error(
        RULE("<sch:rule context='a'><sch:extends rule='nope'/></sch:rule>"), 3,
        "schema error: sch:extends names the rule \"nope\", but there is no abstract rule with that id");
    S_expect_compile_error(
        RULE(
            "<sch:rule context='a'><sch:assert test='1' diagnostics='dx'>x</sch:assert></sch:rule>"),
        3, "schema error: there is no sch:diagnostic with id \"dx\"");
    S_expect_compile_error(
        SCH "\n<sch:pattern is-a='ghost' id='x'/>\n" SCH_END, 3,
        "schema error: this pattern is-a \"ghost\", but there is no abstract pattern with that id");
    S_expect_compile_error(
        SCH "<sch:phase id='ph'><sch:active pattern='ghost'/></sch:phase>\n" SCH_END, 2,
        "schema error: phase \"ph\" activates the pattern \"ghost\", but there is no pattern with that id");
    S_expect_compile_error(
        "<sch:schema xmlns:sch='" SCH_NS "' queryBinding='xslt2'/>\n", 1,
        "this schema uses query binding xslt2; impack supports XPath 1.0 (xslt/xslt1)");
    S_expect_compile_error(
        "<schema xmlns='http://www.ascc.net/xml/schematron'/>\n", 1,
        "schema error: this is a Schematron 1.5 schema; impack reads ISO Schematron (namespace " SCH_NS
        ")");
    S_expect_compile_error(
        SCH
        "<sch:pattern abstract='true' id='ab'><sch:rule abstract='true'/></sch:pattern>\n" SCH_END,
        2, "schema error: this abstract rule has no id, so nothing can extend it");
    S_expect_compile_error(SCH "<sch:let value='1'/>\n" SCH_END, 2,
                           "schema error: sch:let has no name attribute");

    /* several mistakes: each reported, in schema order */
    imp_diags d = {0};
    assert_null(S_compile_quietly(RULE("<sch:rule context='a'><sch:assert test='('>x</sch:assert>\n"
                                       "<sch:report test=')'>y</sch:report></sch:rule>"),
                                  &d));
    assert_int_equal(d.n, 2);
    assert_int_equal(d.v[0].line, 3);
    assert_int_equal(d.v[1].line, 4);
    imp_diag_free(&d);
}

/* Errors only found while running: the run stops with -1 and says where. */
static void test_runtime_errors(void **state)
{
    (void)state;
    imp_diags d = {0};
    xmlDocPtr doc = S_doc("rt.xml", "<r><item/></r>");
    imp_sch *s = S_compile(
        RULE(
            "<sch:rule context='item'>\n<sch:assert test='$undefined = 1'>x</sch:assert></sch:rule>"),
        &d);
    assert_non_null(s);
    xmlDocPtr svrl = NULL;
    imp_sch_opts o;
    memset(&o, 0, sizeof o);
    o.svrl = &svrl;
    assert_int_equal(imp_sch_validate(s, doc, &o, &d), -1);
    assert_null(svrl);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.v[0].line, 4);
    assert_string_equal(
        d.v[0].msg,
        "schema error: the test \"$undefined = 1\" could not be evaluated: undefined variable");
    imp_diag_free(&d);
    imp_sch_free(s);

    /* a rule's let is not visible in another rule */
    s = S_compile(
        SCH
        "<sch:pattern><sch:rule context='r'><sch:let name='v' value='1'/></sch:rule></sch:pattern>\n"
        "<sch:pattern><sch:rule context='item'><sch:report test='$v'>x</sch:report></sch:rule></sch:pattern>\n" SCH_END,
        &d);
    assert_non_null(s);
    assert_int_equal(S_run(s, doc, NULL, &d), -1);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.v[0].line, 3);
    imp_diag_free(&d);
    imp_sch_free(s);

    /* an unbound prefix in a test */
    s = S_compile(
        RULE("<sch:rule context='item'><sch:report test='zz:x'>x</sch:report></sch:rule>"), &d);
    assert_non_null(s);
    assert_int_equal(S_run(s, doc, NULL, &d), -1);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.v[0].msg, "schema error: the test \"zz:x\" could not be evaluated: "
                                    "undefined namespace prefix (declare it with sch:ns)");
    imp_diag_free(&d);
    imp_sch_free(s);
    xmlFreeDoc(doc);
}

static void S_marker_structured(void *ud, xmlErrorPtr e)
{
    (void)ud;
    (void)e;
}

static void S_marker_generic(void *ud, const char *msg, ...)
{
    (void)ud;
    (void)msg;
}

/* The caller's libxml2/libxslt error handlers are back in place after a
 * compile (with includes) and a run (with an evaluation error). */
static void test_error_handlers_restored(void **state)
{
    (void)state;
    int marker = 0;
    imp_diags d = {0};
    xmlDocPtr doc = S_doc("handlers.xml", "<r><item/></r>");
    free(S_write("parts/h.sch", "<sch:pattern xmlns:sch='" SCH_NS "' id='h'>"
                                "<sch:rule context='item'><sch:report test='$nope'>x</sch:report>"
                                "</sch:rule></sch:pattern>"));
    xmlSetStructuredErrorFunc(&marker, S_marker_structured);
    xsltSetGenericErrorFunc(&marker, S_marker_generic);
    imp_sch *s = S_compile(SCH "<sch:include href='parts/h.sch'/>\n" SCH_END, &d);
    assert_non_null(s);
    assert_ptr_equal(xmlStructuredError, S_marker_structured);
    assert_ptr_equal(xmlStructuredErrorContext, &marker);
    assert_ptr_equal(xsltGenericError, S_marker_generic);
    assert_int_equal(S_run(s, doc, NULL, &d), -1);
    assert_ptr_equal(xmlStructuredError, S_marker_structured);
    assert_ptr_equal(xsltGenericError, S_marker_generic);
    assert_ptr_equal(xsltGenericErrorContext, &marker);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xsltSetGenericErrorFunc(NULL, NULL);
    imp_diag_free(&d);
    xmlFreeDoc(doc);
    imp_sch_free(s);
}

/* A schema where nothing fires returns 0; a pattern with no rules still
 * appears in SVRL. */
static void test_nothing_fires(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_sch *s = S_compile(
        SCH
        "<sch:pattern id='e'/>\n"
        "<sch:pattern id='f'><sch:rule context='item'><sch:assert test='true()'>x</sch:assert></sch:rule></sch:pattern>\n" SCH_END,
        &d);
    assert_non_null(s);
    xmlDocPtr doc = S_doc("quiet.xml", "<r><item/></r>");
    xmlDocPtr svrl = NULL;
    imp_sch_opts o;
    memset(&o, 0, sizeof o);
    o.svrl = &svrl;
    assert_int_equal(imp_sch_validate(s, doc, &o, &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(S_svrl_num(svrl, "count(//svrl:active-pattern)"), 2);
    assert_int_equal(S_svrl_num(svrl, "count(//svrl:fired-rule)"), 1);
    assert_int_equal(S_svrl_num(svrl, "count(//svrl:failed-assert)"), 0);
    xmlFreeDoc(svrl);
    assert_int_equal(imp_sch_validate(s, doc, NULL, &d), 0);
    xmlFreeDoc(doc);
    imp_sch_free(s);
    imp_sch_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_matching_rule),
        cmocka_unit_test(test_node_kinds),
        cmocka_unit_test(test_context_forms),
        cmocka_unit_test(test_lets_at_every_level),
        cmocka_unit_test(test_message_text),
        cmocka_unit_test(test_diagnostics),
        cmocka_unit_test(test_role_severity_and_rule_ids),
        cmocka_unit_test(test_svrl_output),
        cmocka_unit_test(test_phases),
        cmocka_unit_test(test_abstract_patterns),
        cmocka_unit_test(test_abstract_rules),
        cmocka_unit_test(test_include_and_extends_href),
        cmocka_unit_test(test_documents),
        cmocka_unit_test(test_documents_custom_loader),
        cmocka_unit_test(test_keys_and_current),
        cmocka_unit_test(test_document_function),
        cmocka_unit_test(test_impack_functions),
        cmocka_unit_test(test_schema_errors),
        cmocka_unit_test(test_runtime_errors),
        cmocka_unit_test(test_error_handlers_restored),
        cmocka_unit_test(test_nothing_fires),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
