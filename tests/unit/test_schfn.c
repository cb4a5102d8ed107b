/* test_schfn.c: the privacy checks behind impack's XPath extension functions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "schfn.h"

static void test_nhs_modulus11(void **state)
{
    (void)state;
    assert_true(imp_schfn_nhs_valid("9434765919"));
    assert_true(imp_schfn_nhs_valid("943 476 5919"));
    assert_true(imp_schfn_nhs_valid("401-023-2137"));
    assert_false(imp_schfn_nhs_valid("9434765918")); /* wrong check digit */
    assert_false(imp_schfn_nhs_valid("943476591"));  /* nine digits */
    assert_false(imp_schfn_nhs_valid("94347659190"));
    /* a remainder giving check digit 10 is never valid */
    assert_false(imp_schfn_nhs_valid("1000000010"));
    assert_true(imp_schfn_nhs_valid("1000000060")); /* remainder 0: check digit 0 */
}

static void test_nhs_in_text(void **state)
{
    (void)state;
    assert_true(imp_schfn_has_nhs_number("NHS no. 943 476 5919 was noted"));
    assert_true(imp_schfn_has_nhs_number("(9434765919)"));
    assert_false(imp_schfn_has_nhs_number("reference 9434765918"));
    assert_false(imp_schfn_has_nhs_number("94347659190 is eleven digits"));
    assert_false(imp_schfn_has_nhs_number("Met on 2026-01-12 for 45 minutes."));
}

static void test_email(void **state)
{
    (void)state;
    assert_true(imp_schfn_has_email("write to jo.hill@example.org today"));
    assert_true(imp_schfn_has_email("a+b@school.sch.uk"));
    assert_false(imp_schfn_has_email("we met @ the gate"));
    assert_false(imp_schfn_has_email("name@localhost"));
    assert_false(imp_schfn_has_email("no address here"));
}

static void test_phone(void **state)
{
    (void)state;
    assert_true(imp_schfn_has_phone("call 07700 900123"));
    assert_true(imp_schfn_has_phone("tel: (0113) 496 0000"));
    assert_true(imp_schfn_has_phone("+44 7700 900123"));
    assert_true(imp_schfn_has_phone("01632960001"));
    assert_false(imp_schfn_has_phone("6 sessions over 10 weeks"));
    assert_false(imp_schfn_has_phone("on 2026-02-03"));
    assert_false(imp_schfn_has_phone("code 0042"));
}

static void test_postcode(void **state)
{
    (void)state;
    assert_true(imp_schfn_has_postcode("lives near LS1 4AB now"));
    assert_true(imp_schfn_has_postcode("SW1A 1AA"));
    assert_true(imp_schfn_has_postcode("EC1A1BB"));
    assert_true(imp_schfn_has_postcode("m1 1ae"));
    assert_false(imp_schfn_has_postcode("P-101 met on 12 March"));
    assert_false(imp_schfn_has_postcode("Year 7 transition"));
    assert_false(imp_schfn_has_postcode("MP-2026-001"));
}

static void test_dob(void **state)
{
    (void)state;
    assert_true(imp_schfn_has_dob("DOB 03/04/2019"));
    assert_true(imp_schfn_has_dob("d.o.b. 3.4.19"));
    assert_true(imp_schfn_has_dob("born 12 March 2018"));
    assert_true(imp_schfn_has_dob("Date of birth: 2019-04-03"));
    assert_false(imp_schfn_has_dob("met on 2026-01-12"));
    assert_false(imp_schfn_has_dob("a newborn sibling arrived"));
}

static void test_contains_name(void **state)
{
    (void)state;
    assert_true(imp_schfn_contains_name("Jo Hill said so", "Jo Hill"));
    assert_true(imp_schfn_contains_name("said JO HILL", "Jo Hill"));
    assert_true(imp_schfn_contains_name("Jo said tension rose", "Jo Hill"));
    assert_true(imp_schfn_contains_name("Mrs Hill agreed", "Jo Hill"));
    assert_true(imp_schfn_contains_name("JOANNE SAID", "Joanne Bloggs"));
    assert_false(imp_schfn_contains_name("we will see", "Will Smith")); /* not as written */
    assert_false(imp_schfn_contains_name("a job on the hill", "Jo Hill"));
    assert_false(imp_schfn_contains_name("Joanne said", "Jo Hill"));
    assert_false(imp_schfn_contains_name("anything", " "));
}

/* The functions are reachable from XPath in impack's namespace. */
static void test_xpath_functions(void **state)
{
    (void)state;
    static const char xml[] = "<r><t>mail jo@example.org or ring 07700 900123</t>"
                              "<n>Jo Hill</n><n>Sam Lee</n><u>Sam came</u></r>";
    xmlDocPtr doc = xmlReadMemory(xml, (int)sizeof xml - 1, "t.xml", NULL, 0);
    assert_non_null(doc);
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    imp_schfn_register(ctx);
    xmlXPathRegisterNs(ctx, (const xmlChar *)"imp", (const xmlChar *)IMP_FN_NS);
    xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)"imp:identifier(/r/t)", ctx);
    assert_non_null(o);
    assert_string_equal((const char *)o->stringval, "an e-mail address and a phone number");
    xmlXPathFreeObject(o);
    o = xmlXPathEvalExpression((const xmlChar *)"imp:identifier('nothing here')", ctx);
    assert_string_equal((const char *)o->stringval, "");
    xmlXPathFreeObject(o);
    o = xmlXPathEvalExpression((const xmlChar *)"imp:contains-name(/r/u, /r/n)", ctx);
    assert_int_equal(o->boolval, 1); /* second name of the node-set matches */
    xmlXPathFreeObject(o);
    o = xmlXPathEvalExpression((const xmlChar *)"imp:has-phone(/r/u)", ctx);
    assert_int_equal(o->boolval, 0);
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nhs_modulus11), cmocka_unit_test(test_nhs_in_text),
        cmocka_unit_test(test_email),         cmocka_unit_test(test_phone),
        cmocka_unit_test(test_postcode),      cmocka_unit_test(test_dob),
        cmocka_unit_test(test_contains_name), cmocka_unit_test(test_xpath_functions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
