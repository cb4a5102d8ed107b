/* test_fo.c: the XSL-FO tree and property resolution, one test per rule of XSL 1.1 it implements. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "diag.h"
#include "fo.h"
#include "xmlload.h"

#define FO_NS "http://www.w3.org/1999/XSL/Format"
/* line 1 is the root; content starts on line 2 */
#define HEAD "<fo:root xmlns:fo='" FO_NS "'>\n"
#define TAIL "</fo:root>\n"
/* a page sequence around blocks: the first block is on line 4 */
#define FLOW HEAD "<fo:page-sequence master-reference='p'>\n<fo:flow flow-name='xsl-region-body'>\n"
#define FLOW_END "</fo:flow></fo:page-sequence>\n" TAIL

/* ---- helpers -------------------------------------------------------------- */

static void S_near(double got, double want, const char *what, int line)
{
    if (fabs(got - want) > 1e-6) {
        print_error("%s: got %.10g, want %.10g (test line %d)\n", what, got, want, line);
        fail();
    }
}
#define NEAR(a, b) S_near((a), (b), #a, __LINE__)

static imp_fo_doc *S_build(const char *xml, imp_diags *d)
{
    xmlDocPtr doc = imp_xml_load_memory(xml, strlen(xml), "t.fo", NULL, d);
    if (!doc) {
        for (size_t i = 0; i < d->n; i++)
            print_error("%s\n", d->v[i].msg);
        fail();
    }
    return imp_fo_build(doc, d);
}

/* The n-th FO of this kind in document order (0-based). */
static imp_fo *S_nth(imp_fo *fo, imp_fo_kind kind, int *n)
{
    for (; fo; fo = fo->next) {
        if (fo->kind == kind && (*n)-- == 0)
            return fo;
        imp_fo *r = S_nth(fo->first, kind, n);
        if (r)
            return r;
    }
    return NULL;
}

static imp_fo *S_find(imp_fo_doc *fd, imp_fo_kind kind, int n)
{
    imp_fo *r = S_nth(fd->root, kind, &n);
    assert_non_null(r);
    return r;
}

static const imp_diag *S_diag(const imp_diags *d, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->v[i].msg, needle))
            return &d->v[i];
    return NULL;
}

static size_t S_count(const imp_diags *d, const char *needle)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->v[i].msg, needle))
            n++;
    return n;
}

static void S_dump(const imp_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        print_error("  diag line %ld: %s\n", d->v[i].line, d->v[i].msg);
}

static void S_expect(const imp_diags *d, long line, const char *msg)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].line == line && !strcmp(d->v[i].msg, msg) &&
            d->v[i].sev == IMP_SEV_WARNING && d->v[i].file && !strcmp(d->v[i].file, "t.fo"))
            return;
    print_error("no warning on line %ld: %s\n", line, msg);
    S_dump(d);
    fail();
}

static void S_no_warnings(const imp_diags *d)
{
    if (d->n) {
        S_dump(d);
        fail();
    }
}

/* One block with these attributes in a flow: returns the block (line 4). */
static imp_fo_doc *S_block(const char *attrs, imp_diags *d, imp_fo **blk)
{
    char buf[4096];
    snprintf(buf, sizeof buf, FLOW "<fo:block %s>x</fo:block>\n" FLOW_END, attrs);
    imp_fo_doc *fd = S_build(buf, d);
    assert_non_null(fd);
    *blk = S_find(fd, IMP_FO_BLOCK, 0);
    return fd;
}

/* ---- lengths, colours, expressions ------------------------------------------ */

static void S_len(const char *s, double fs, int kind, double v, int line)
{
    imp_len l = {IMP_LEN_AUTO, -1};
    if (imp_fo_parse_length(s, fs, &l)) {
        print_error("\"%s\" was refused (test line %d)\n", s, line);
        fail();
    }
    if ((int)l.kind != kind) {
        print_error("\"%s\": kind %d, want %d (test line %d)\n", s, (int)l.kind, kind, line);
        fail();
    }
    S_near(l.v, v, s, line);
}
#define LEN(s, fs, kind, v) S_len((s), (fs), (kind), (v), __LINE__)

static void test_length_units(void **state)
{
    (void)state;
    LEN("12pt", 10, IMP_LEN_PT, 12);
    LEN("1in", 10, IMP_LEN_PT, 72);
    LEN("2.54cm", 10, IMP_LEN_PT, 72);
    LEN("25.4mm", 10, IMP_LEN_PT, 72);
    LEN("1pc", 10, IMP_LEN_PT, 12);
    LEN("16px", 10, IMP_LEN_PT, 12);
    LEN("2em", 10, IMP_LEN_PT, 20);
    LEN("1.5em", 12, IMP_LEN_PT, 18);
    LEN(".5in", 10, IMP_LEN_PT, 36);
    LEN("50%", 10, IMP_LEN_PCT, 50);
    LEN("auto", 10, IMP_LEN_AUTO, 0);
    LEN("  3pt \n", 10, IMP_LEN_PT, 3);
    LEN("0", 10, IMP_LEN_PT, 0);
    LEN("-1pc", 10, IMP_LEN_PT, -12);
    LEN("12PT", 10, IMP_LEN_PT, 12);
    imp_len l;
    assert_int_equal(imp_fo_parse_length("huge", 12, &l), -1);
    assert_int_equal(imp_fo_parse_length("12", 12, &l), -1); /* no unit */
    assert_int_equal(imp_fo_parse_length("12 pt", 12, &l), -1);
    assert_int_equal(imp_fo_parse_length("1e3pt", 12, &l), -1);
    assert_int_equal(imp_fo_parse_length("12furlongs", 12, &l), -1);
    assert_int_equal(imp_fo_parse_length("", 12, &l), -1);
    assert_int_equal(imp_fo_parse_length(NULL, 12, &l), -1);
    assert_int_equal(imp_fo_parse_length("50% + 2pt", 12, &l), -1); /* not one imp_len */
    NEAR(imp_fo_len((imp_len){IMP_LEN_PCT, 25}, 200, 7), 50);
    NEAR(imp_fo_len((imp_len){IMP_LEN_PT, 3}, 200, 7), 3);
    NEAR(imp_fo_len((imp_len){IMP_LEN_AUTO, 0}, 200, 7), 7);
}

static void S_col(const char *s, double r, double g, double b, double a, int line)
{
    imp_color c = {9, 9, 9, 9};
    if (imp_fo_parse_color(s, &c)) {
        print_error("colour \"%s\" was refused (test line %d)\n", s, line);
        fail();
    }
    S_near(c.r, r, s, line);
    S_near(c.g, g, s, line);
    S_near(c.b, b, s, line);
    S_near(c.a, a, s, line);
}
#define COL(s, r, g, b, a) S_col((s), (r), (g), (b), (a), __LINE__)

static void test_colours(void **state)
{
    (void)state;
    COL("#f00", 1, 0, 0, 1);
    COL("#00FF80", 0, 1, 128 / 255.0, 1);
    COL("red", 1, 0, 0, 1);
    COL("Navy", 0, 0, 128 / 255.0, 1);
    COL("gray", 128 / 255.0, 128 / 255.0, 128 / 255.0, 1);
    COL("grey", 128 / 255.0, 128 / 255.0, 128 / 255.0, 1);
    COL("lightgray", 211 / 255.0, 211 / 255.0, 211 / 255.0, 1);
    COL("orange", 1, 165 / 255.0, 0, 1);
    COL("silver", 192 / 255.0, 192 / 255.0, 192 / 255.0, 1);
    COL("rgb(255, 0, 128)", 1, 0, 128 / 255.0, 1);
    COL("rgb(100%,50%,0%)", 1, 0.5, 0, 1);
    COL(" rgb-icc(0, 128, 255, #CMYK, 1, 0.5, 0, 0) ", 0, 128 / 255.0, 1, 1);
    COL("rgb-icc(255,255,255,myprofile,0.1)", 1, 1, 1, 1);
    COL("transparent", 0, 0, 0, 0);
    imp_color c;
    assert_int_equal(imp_fo_parse_color("#ggg", &c), -1);
    assert_int_equal(imp_fo_parse_color("#12345", &c), -1);
    assert_int_equal(imp_fo_parse_color("nocolour", &c), -1);
    assert_int_equal(imp_fo_parse_color("rgb(1,2)", &c), -1);
    assert_int_equal(imp_fo_parse_color("rgb(1,2,3) x", &c), -1);
    assert_int_equal(imp_fo_parse_color("system-color(ButtonFace)", &c), -1);
    assert_int_equal(imp_fo_parse_color("", &c), -1);

    /* from-parent(another colour property) takes the parent's value of that one */
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(FLOW "<fo:block color='red' background-color='yellow'"
                                  " border='1pt solid blue'>\n"
                                  "<fo:block color='from-parent(background-color)'>a</fo:block>\n"
                                  "<fo:block background-color='from-parent(color)'"
                                  " color='from-parent(border-top-color)'>b</fo:block>\n"
                                  "</fo:block>\n" FLOW_END,
                             &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    const imp_props *a = S_find(fd, IMP_FO_BLOCK, 1)->p, *b = S_find(fd, IMP_FO_BLOCK, 2)->p;
    NEAR(a->color.r, 1);
    NEAR(a->color.g, 1);
    NEAR(a->color.b, 0);
    NEAR(b->background_color.r, 1);
    NEAR(b->background_color.g, 0);
    NEAR(b->color.b, 1);
    NEAR(b->color.r, 0);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

static void test_expressions(void **state)
{
    (void)state;
    LEN("2em + 3pt", 10, IMP_LEN_PT, 23);
    LEN("(12pt * 1.5)", 10, IMP_LEN_PT, 18);
    LEN("2 * (2pt + 1pt)", 10, IMP_LEN_PT, 6);
    LEN("10pt div 4", 10, IMP_LEN_PT, 2.5);
    LEN("7pt mod 4pt", 10, IMP_LEN_PT, 3);
    LEN("1in - 2pc", 10, IMP_LEN_PT, 48);
    LEN("2em-3pt", 10, IMP_LEN_PT, 17);
    LEN("- -1pt", 10, IMP_LEN_PT, 1);
    LEN("abs(-2pt)", 10, IMP_LEN_PT, 2);
    LEN("max(1pt, 2pt) + min(1pt, 2pt)", 10, IMP_LEN_PT, 3);
    LEN("round(2.6) * 1pt", 10, IMP_LEN_PT, 3);
    LEN("floor(2.6) * 1pt + ceiling(0.2) * 1pt", 10, IMP_LEN_PT, 3);
    LEN("10% * 2", 10, IMP_LEN_PCT, 20);
    /* length × length, then divided by a length (XSL 5.9.13) */
    LEN("(5cm * 1cm) div 2cm", 10, IMP_LEN_PT, 2.5 * 72 / 2.54);
    LEN("2pt * 3pt div 1pt", 10, IMP_LEN_PT, 6);
    imp_len l;
    assert_int_equal(imp_fo_parse_length("2pt +", 10, &l), -1);
    assert_int_equal(imp_fo_parse_length("((((1pt", 10, &l), -1);
    assert_int_equal(imp_fo_parse_length("1pt * 2pt", 10, &l), -1); /* a squared length */
    assert_int_equal(imp_fo_parse_length("1pt * 2pt * 3pt div 1pt", 10, &l), -1);
    assert_int_equal(imp_fo_parse_length("10% * 2pt div 1pt", 10, &l), -1);
    assert_int_equal(imp_fo_parse_length("1pt div 0", 10, &l), -1);
    assert_int_equal(imp_fo_parse_length("1pt + 2", 10, &l), -1);
    assert_int_equal(imp_fo_parse_length("nosuch(1pt)", 10, &l), -1);
    /* nesting beyond the evaluator's limit is refused, never a crash */
    char deep[2100];
    memset(deep, '(', 1000);
    strcpy(deep + 1000, "1pt");
    memset(deep + 1003, ')', 1000);
    deep[2003] = '\0';
    assert_int_equal(imp_fo_parse_length(deep, 10, &l), -1);
    memset(deep, '-', 2000);
    strcpy(deep + 2000, "1pt");
    assert_int_equal(imp_fo_parse_length(deep, 10, &l), -1);

    /* functions that read the tree */
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(FLOW "<fo:block font-size='10pt' start-indent='6pt'>\n"
                                  "<fo:block font-size='inherited-property-value(font-size) * 1.5'"
                                  " start-indent='from-parent(start-indent) + 1em'>x</fo:block>\n"
                                  "<fo:block start-indent='inherited-property-value() + 1pt' "
                                  "end-indent='2pt'>y</fo:block>\n"
                                  "</fo:block>\n" FLOW_END,
                             &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    imp_fo *b = S_find(fd, IMP_FO_BLOCK, 1);
    NEAR(b->p->font_size, 15);
    NEAR(b->p->start_indent, 6 + 15);
    b = S_find(fd, IMP_FO_BLOCK, 2);
    NEAR(b->p->start_indent, 7);
    NEAR(b->p->end_indent, 2);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

/* ---- inheritance -------------------------------------------------------------- */

static void test_inheritance_font_size(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(FLOW "<fo:block font-size='10pt'>\n"
                                  "<fo:block font-size='80%'>\n"
                                  "<fo:block font-size='80%'>a</fo:block>\n"
                                  "<fo:block font-size='2em'>b<fo:inline font-size='larger'>c"
                                  "</fo:inline><fo:inline font-size='smaller'>d</fo:inline>"
                                  "</fo:block>\n"
                                  "<fo:block font-size='x-large'>e<fo:inline font-size='medium'>"
                                  "f</fo:inline><fo:inline font-size='xx-small'>g</fo:inline>"
                                  "</fo:block>\n"
                                  "</fo:block></fo:block>\n" FLOW_END,
                             &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    NEAR(fd->root->p->font_size, 12); /* initial: medium */
    NEAR(S_find(fd, IMP_FO_BLOCK, 0)->p->font_size, 10);
    NEAR(S_find(fd, IMP_FO_BLOCK, 1)->p->font_size, 8);
    imp_fo *b = S_find(fd, IMP_FO_BLOCK, 2);
    NEAR(b->p->font_size, 6.4);
    assert_int_equal(b->first->kind, IMP_FO_TEXT);
    NEAR(imp_fo_props(b->first)->font_size, 6.4); /* text has its parent's values */
    assert_string_equal(b->first->text, "a");
    NEAR(S_find(fd, IMP_FO_BLOCK, 3)->p->font_size, 16);
    NEAR(S_find(fd, IMP_FO_INLINE, 0)->p->font_size, 16 * 1.2);
    NEAR(S_find(fd, IMP_FO_INLINE, 1)->p->font_size, 16 / 1.2);
    NEAR(S_find(fd, IMP_FO_BLOCK, 4)->p->font_size, 17.28);
    NEAR(S_find(fd, IMP_FO_INLINE, 2)->p->font_size, 12);
    NEAR(S_find(fd, IMP_FO_INLINE, 3)->p->font_size, 6.944);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

static void test_inheritance_start_indent(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(FLOW "<fo:block start-indent='10pt' end-indent='1pt'>\n"
                                  "<fo:block margin-left='5pt'>\n"
                                  "<fo:block>a</fo:block>\n"
                                  "<fo:block margin-left='1em' font-size='20pt' "
                                  "start-indent='inherited-property-value(start-indent) + 1pt'>b"
                                  "</fo:block>\n"
                                  "</fo:block>\n"
                                  "<fo:block start-indent='0'>c</fo:block>\n"
                                  "</fo:block>\n" FLOW_END,
                             &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    NEAR(S_find(fd, IMP_FO_FLOW, 0)->p->start_indent, 0);
    NEAR(S_find(fd, IMP_FO_BLOCK, 0)->p->start_indent, 10);
    NEAR(S_find(fd, IMP_FO_BLOCK, 1)->p->start_indent, 15);
    NEAR(S_find(fd, IMP_FO_BLOCK, 1)->p->end_indent, 1); /* inherited */
    NEAR(S_find(fd, IMP_FO_BLOCK, 2)->p->start_indent, 15);
    NEAR(S_find(fd, IMP_FO_BLOCK, 3)->p->start_indent, 16); /* start-indent beats margin-left */
    NEAR(S_find(fd, IMP_FO_BLOCK, 4)->p->start_indent, 0);
    NEAR(S_find(fd, IMP_FO_BLOCK, 1)->p->margin[IMP_START], 5);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

static void test_inheritance_other(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(FLOW "<fo:block color='blue' text-align='justify' "
                                  "background-color='yellow' padding='3pt' "
                                  "font-family=\"'Times New Roman', serif\" font-weight='bold' "
                                  "text-decoration='underline' display-align='center' "
                                  "keep-together.within-page='always' space-before='4pt'>\n"
                                  "<fo:block text-decoration='no-underline line-through' "
                                  "font-weight='bolder'>x</fo:block>\n"
                                  "<fo:block font-weight='lighter' font-family='inherit' "
                                  "color='inherit' background-color='inherit' "
                                  "text-align='from-parent(text-align)' "
                                  "padding-left='from-parent()'>y</fo:block>\n"
                                  "</fo:block>\n" FLOW_END,
                             &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    imp_fo *outer = S_find(fd, IMP_FO_BLOCK, 0), *a = S_find(fd, IMP_FO_BLOCK, 1),
           *b = S_find(fd, IMP_FO_BLOCK, 2);
    assert_string_equal(outer->p->font_family, "Times New Roman, serif");
    assert_ptr_equal(a->p->font_family, outer->p->font_family); /* shared, not copied */
    assert_ptr_equal(b->p->font_family, outer->p->font_family);
    NEAR(a->p->color.b, 1);
    assert_int_equal(a->p->text_align, IMP_TA_JUSTIFY);
    assert_int_equal(a->p->font_weight, 900);
    assert_int_equal(b->p->font_weight, 400);
    assert_int_equal(outer->p->text_decoration, 1);
    assert_int_equal(a->p->text_decoration, 4);
    NEAR(a->p->background_color.a, 0); /* not inherited */
    NEAR(b->p->background_color.a, 1); /* unless asked for */
    NEAR(b->p->color.b, 1);
    assert_int_equal(b->p->text_align, IMP_TA_JUSTIFY);
    NEAR(b->p->padding[IMP_START], 3);
    NEAR(a->p->padding[IMP_START], 0);
    NEAR(a->p->space_before.opt, 0);
    assert_int_equal(a->p->display_align, 1);              /* inherited (XSL 7.14.4) */
    assert_int_equal(a->p->keep_together, IMP_KEEP_ALWAYS); /* inherited (XSL 7.20.3) */
    imp_fo_free(fd);
    imp_diag_free(&d);
}

static void test_line_height(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(FLOW "<fo:block font-size='10pt' line-height='1.5'>\n"
                                  "<fo:block font-size='20pt'>a</fo:block>\n"
                                  "<fo:block line-height='150%'><fo:block font-size='20pt'>b"
                                  "</fo:block></fo:block>\n"
                                  "<fo:block line-height='14pt' font-size='30pt'>c</fo:block>\n"
                                  "<fo:block line-height='normal'>d</fo:block>\n"
                                  "<fo:block line-height='2em'>e</fo:block>\n"
                                  "<fo:block line-height.optimum='11pt' "
                                  "line-height.minimum='9pt'>f</fo:block>\n"
                                  "</fo:block>\n" FLOW_END,
                             &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    NEAR(fd->root->p->line_height, 14.4);
    NEAR(S_find(fd, IMP_FO_BLOCK, 0)->p->line_height, 15);
    NEAR(S_find(fd, IMP_FO_BLOCK, 1)->p->line_height, 30); /* the number is inherited */
    NEAR(S_find(fd, IMP_FO_BLOCK, 2)->p->line_height, 15);
    NEAR(S_find(fd, IMP_FO_BLOCK, 3)->p->line_height, 15); /* a percentage is not */
    NEAR(S_find(fd, IMP_FO_BLOCK, 4)->p->line_height, 14);
    NEAR(S_find(fd, IMP_FO_BLOCK, 5)->p->line_height, 12);
    NEAR(S_find(fd, IMP_FO_BLOCK, 6)->p->line_height, 20);
    NEAR(S_find(fd, IMP_FO_BLOCK, 7)->p->line_height, 11);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

/* ---- shorthands ----------------------------------------------------------------- */

static void S_border(const imp_border *b, double w, imp_border_style st, double r, double g,
                     double bl, int line)
{
    S_near(b->width, w, "border width", line);
    if (b->style != st) {
        print_error("border style %d, want %d (test line %d)\n", (int)b->style, (int)st, line);
        fail();
    }
    S_near(b->color.r, r, "border red", line);
    S_near(b->color.g, g, "border green", line);
    S_near(b->color.b, bl, "border blue", line);
}
#define BORDER(b, w, st, r, g, bl) S_border((b), (w), (st), (r), (g), (bl), __LINE__)

static void test_border_shorthands(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo *b;
    imp_fo_doc *fd = S_block("border='2pt solid red'", &d, &b);
    for (int s = 0; s < 4; s++)
        BORDER(&b->p->border[s], 2, IMP_BS_SOLID, 1, 0, 0);
    imp_fo_free(fd);

    /* unset colour is the text colour; unset width with a style is medium */
    fd = S_block("color='blue' border-top='dashed' border-bottom='thick double'", &d, &b);
    BORDER(&b->p->border[IMP_BEFORE], 1, IMP_BS_DASHED, 0, 0, 1);
    BORDER(&b->p->border[IMP_AFTER], 2, IMP_BS_DOUBLE, 0, 0, 1);
    BORDER(&b->p->border[IMP_START], 0, IMP_BS_NONE, 0, 0, 1);
    imp_fo_free(fd);

    /* 1-4 values in CSS order: top right bottom left */
    fd = S_block("border-style='solid' border-width='1pt 2pt 3pt 4pt' "
                 "border-color='red green'",
                 &d, &b);
    BORDER(&b->p->border[IMP_BEFORE], 1, IMP_BS_SOLID, 1, 0, 0);
    BORDER(&b->p->border[IMP_END], 2, IMP_BS_SOLID, 0, 128 / 255.0, 0);
    BORDER(&b->p->border[IMP_AFTER], 3, IMP_BS_SOLID, 1, 0, 0);
    BORDER(&b->p->border[IMP_START], 4, IMP_BS_SOLID, 0, 128 / 255.0, 0);
    imp_fo_free(fd);

    fd = S_block("border-width='1pt 2pt 3pt' border-style='solid dotted'", &d, &b);
    BORDER(&b->p->border[IMP_BEFORE], 1, IMP_BS_SOLID, 0, 0, 0);
    BORDER(&b->p->border[IMP_END], 2, IMP_BS_DOTTED, 0, 0, 0);
    BORDER(&b->p->border[IMP_AFTER], 3, IMP_BS_SOLID, 0, 0, 0);
    BORDER(&b->p->border[IMP_START], 2, IMP_BS_DOTTED, 0, 0, 0);
    imp_fo_free(fd);

    /* precision order (XSL 5.2) whatever the attribute order; absolute beats relative (5.3.1) */
    fd = S_block("border-top-width='3pt' border-before-width='5pt' border='1pt solid' "
                 "border-left='2pt dotted' border-start-color='red' "
                 "border-after-width.conditionality='retain' border-end-style='none'",
                 &d, &b);
    BORDER(&b->p->border[IMP_BEFORE], 3, IMP_BS_SOLID, 0, 0, 0);
    BORDER(&b->p->border[IMP_START], 2, IMP_BS_DOTTED, 1, 0, 0);
    BORDER(&b->p->border[IMP_END], 0, IMP_BS_NONE, 0, 0, 0);
    BORDER(&b->p->border[IMP_AFTER], 1, IMP_BS_SOLID, 0, 0, 0);
    assert_int_equal(b->p->border[IMP_AFTER].retain, 1);
    assert_int_equal(b->p->border[IMP_BEFORE].retain, 0);
    imp_fo_free(fd);

    fd = S_block("border-before='thin solid #00f' border-start.width='3pt' "
                 "border-start-style='groove'",
                 &d, &b);
    BORDER(&b->p->border[IMP_BEFORE], 0.5, IMP_BS_SOLID, 0, 0, 1);
    BORDER(&b->p->border[IMP_START], 3, IMP_BS_GROOVE, 0, 0, 0);
    imp_fo_free(fd);
    S_no_warnings(&d);
    imp_diag_free(&d);
}

static void test_padding_margin_shorthands(void **state)
{
    (void)state;
    static const struct {
        const char *v;
        double before, end, after, start; /* top right bottom left */
    } cases[] = {
        {"1pt", 1, 1, 1, 1},
        {"1pt 2pt", 1, 2, 1, 2},
        {"1pt 2pt 3pt", 1, 2, 3, 2},
        {"1pt 2pt 3pt 4pt", 1, 2, 3, 4},
    };
    imp_diags d = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[1024];
        snprintf(buf, sizeof buf,
                 HEAD "<fo:layout-master-set>\n<fo:simple-page-master master-name='p' "
                      "margin='%s' padding='%s'>\n<fo:region-body margin='%s'/>\n"
                      "</fo:simple-page-master></fo:layout-master-set>\n" TAIL,
                 cases[i].v, cases[i].v, cases[i].v);
        imp_fo_doc *fd = S_build(buf, &d);
        assert_non_null(fd);
        imp_fo *m = S_find(fd, IMP_FO_SIMPLE_PAGE_MASTER, 0);
        imp_fo *r = S_find(fd, IMP_FO_REGION_BODY, 0);
        const imp_props *ps[2] = {m->p, r->p};
        for (int k = 0; k < 2; k++) {
            NEAR(ps[k]->margin[IMP_BEFORE], cases[i].before);
            NEAR(ps[k]->margin[IMP_END], cases[i].end);
            NEAR(ps[k]->margin[IMP_AFTER], cases[i].after);
            NEAR(ps[k]->margin[IMP_START], cases[i].start);
        }
        NEAR(m->p->padding[IMP_BEFORE], cases[i].before);
        NEAR(m->p->padding[IMP_END], cases[i].end);
        NEAR(m->p->padding[IMP_AFTER], cases[i].after);
        NEAR(m->p->padding[IMP_START], cases[i].start);
        imp_fo_free(fd);
    }
    imp_fo *b;
    imp_fo_doc *fd = S_block("padding='1pt' padding-left='5pt' padding-start='7pt' "
                             "padding-before.conditionality='retain' padding-after.length='2pt'",
                             &d, &b);
    NEAR(b->p->padding[IMP_START], 5); /* absolute wins (XSL 5.3.1) */
    NEAR(b->p->padding[IMP_AFTER], 2);
    NEAR(b->p->padding[IMP_END], 1);
    assert_int_equal(b->p->padding_retain[IMP_BEFORE], 1);
    imp_fo_free(fd);
    /* percentage page margins are of the page width */
    fd = S_build(HEAD "<fo:layout-master-set>\n<fo:simple-page-master master-name='p' "
                      "page-width='200pt' margin-left='10%'>\n"
                      "<fo:region-body margin-right='50%'/>\n"
                      "</fo:simple-page-master></fo:layout-master-set>\n" TAIL,
                 &d);
    NEAR(S_find(fd, IMP_FO_SIMPLE_PAGE_MASTER, 0)->p->margin[IMP_START], 20);
    NEAR(S_find(fd, IMP_FO_REGION_BODY, 0)->p->margin[IMP_END], 90);
    imp_fo_free(fd);
    S_no_warnings(&d);
    imp_diag_free(&d);
}

static void test_font_shorthand(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo *b;
    imp_fo_doc *fd = S_block("font='bold 12pt/14pt Helvetica, sans-serif'", &d, &b);
    assert_int_equal(b->p->font_weight, 700);
    NEAR(b->p->font_size, 12);
    NEAR(b->p->line_height, 14);
    assert_string_equal(b->p->font_family, "Helvetica, sans-serif");
    assert_int_equal(b->p->font_style, 0);
    imp_fo_free(fd);

    fd = S_block("font=\"italic small-caps 10pt 'Times New Roman',serif\"", &d, &b);
    assert_int_equal(b->p->font_style, 1);
    assert_int_equal(b->p->font_variant_small_caps, 1);
    assert_int_equal(b->p->font_weight, 400);
    NEAR(b->p->font_size, 10);
    NEAR(b->p->line_height, 12);
    assert_string_equal(b->p->font_family, "Times New Roman, serif");
    imp_fo_free(fd);

    /* individual properties beat the shorthand whatever the order */
    fd = S_block("font-size='9pt' font='oblique 600 20pt / 1.5 Courier' line-height='3'", &d, &b);
    assert_int_equal(b->p->font_style, 2);
    assert_int_equal(b->p->font_weight, 600);
    NEAR(b->p->font_size, 9);
    NEAR(b->p->line_height, 27);
    assert_string_equal(b->p->font_family, "Courier");
    imp_fo_free(fd);
    S_no_warnings(&d);

    fd = S_block("font='caption'", &d, &b);
    S_expect(&d, 4, "font=\"caption\" on fo:block (line 4) is not a valid value; it is ignored");
    assert_string_equal(b->p->font_family, "sans-serif");
    imp_fo_free(fd);
    imp_diag_free(&d);
}

static void test_white_space_shorthand(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo *b;
    imp_fo_doc *fd = S_block("white-space='pre'", &d, &b);
    assert_int_equal(b->p->white_space_collapse, 0);
    assert_int_equal(b->p->linefeed_treatment, IMP_LF_PRESERVE);
    assert_int_equal(b->p->white_space_treatment, IMP_WS_PRESERVE);
    assert_int_equal(b->p->wrap_option_wrap, 0);
    imp_fo_free(fd);
    fd = S_block("white-space='nowrap'", &d, &b);
    assert_int_equal(b->p->white_space_collapse, 1);
    assert_int_equal(b->p->linefeed_treatment, IMP_LF_TREAT_AS_SPACE);
    assert_int_equal(b->p->white_space_treatment, IMP_WS_IGNORE_IF_SURROUNDING_LINEFEED);
    assert_int_equal(b->p->wrap_option_wrap, 0);
    imp_fo_free(fd);
    /* the individual properties beat the shorthand */
    fd = S_block("linefeed-treatment='ignore' white-space='pre' wrap-option='wrap'", &d, &b);
    assert_int_equal(b->p->linefeed_treatment, IMP_LF_IGNORE);
    assert_int_equal(b->p->white_space_collapse, 0);
    assert_int_equal(b->p->wrap_option_wrap, 1);
    imp_fo_free(fd);
    fd = S_block("white-space-collapse='false' white-space-treatment='preserve' "
                 "linefeed-treatment='treat-as-zero-width-space'",
                 &d, &b);
    assert_int_equal(b->p->white_space_collapse, 0);
    assert_int_equal(b->p->white_space_treatment, IMP_WS_PRESERVE);
    assert_int_equal(b->p->linefeed_treatment, IMP_LF_TREAT_AS_ZWSP);
    imp_fo_free(fd);
    /* initial values */
    fd = S_block("", &d, &b);
    assert_int_equal(b->p->white_space_collapse, 1);
    assert_int_equal(b->p->linefeed_treatment, IMP_LF_TREAT_AS_SPACE);
    assert_int_equal(b->p->white_space_treatment, IMP_WS_IGNORE_IF_SURROUNDING_LINEFEED);
    assert_int_equal(b->p->wrap_option_wrap, 1);
    imp_fo_free(fd);
    S_no_warnings(&d);
    imp_diag_free(&d);
}

/* ---- margins, spaces, keeps --------------------------------------------------------- */

static void test_margins_to_indents(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(
        FLOW "<fo:block start-indent='20pt' end-indent='4pt'>\n"
             "<fo:block margin-left='10pt' padding-left='2pt' border-left='1pt solid' "
             "margin-right='3pt' padding-end='1pt' margin-top='6pt' margin-bottom='2pt'>a\n"
             "</fo:block>\n"
             "<fo:block margin='5pt' space-before='1pt' start-indent='2pt'>b</fo:block>\n"
             "<fo:block margin-left='10%' padding-left='1pt'>c</fo:block>\n"
             "<fo:block><fo:inline margin-left='3pt' margin-right='4pt'>d</fo:inline></fo:block>\n"
             "</fo:block>\n" FLOW_END,
        &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    imp_fo *b = S_find(fd, IMP_FO_BLOCK, 1);
    NEAR(b->p->start_indent, 20 + 10 + 1 + 2); /* XSL 5.3.2 */
    NEAR(b->p->end_indent, 4 + 3 + 0 + 1);
    NEAR(b->p->space_before.min, 6);
    NEAR(b->p->space_before.opt, 6);
    NEAR(b->p->space_before.max, 6);
    assert_int_equal(b->p->space_before.retain, 1);
    assert_int_equal(b->p->space_before.precedence, 0);
    NEAR(b->p->space_after.opt, 2);
    b = S_find(fd, IMP_FO_BLOCK, 2);
    NEAR(b->p->space_before.opt, 1); /* space-before beats margin-top */
    assert_int_equal(b->p->space_before.retain, 0);
    NEAR(b->p->space_after.opt, 5);
    NEAR(b->p->start_indent, 2); /* start-indent beats margin-left */
    NEAR(b->p->end_indent, 9);
    b = S_find(fd, IMP_FO_BLOCK, 3);
    NEAR(b->p->start_indent, 21);
    NEAR(b->p->start_indent_pct, 10); /* of the reference area: layout adds it */
    imp_fo *in = S_find(fd, IMP_FO_INLINE, 0);
    NEAR(in->p->space_start.opt, 3); /* inline-level: space-start/end */
    NEAR(in->p->space_end.opt, 4);
    NEAR(in->p->start_indent, 20);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

static void test_space_components(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo *b;
    imp_fo_doc *fd = S_block("space-before.minimum='2pt' space-before.optimum='4pt' "
                             "space-before.maximum='6pt' space-before.conditionality='retain' "
                             "space-before.precedence='force' space-after='3pt' "
                             "space-start.optimum='5pt' space-end='1em' "
                             "space-end.precedence='3'",
                             &d, &b);
    NEAR(b->p->space_before.min, 2);
    NEAR(b->p->space_before.opt, 4);
    NEAR(b->p->space_before.max, 6);
    assert_int_equal(b->p->space_before.retain, 1);
    assert_true(b->p->space_before.precedence > 1000000);
    NEAR(b->p->space_after.min, 3);
    NEAR(b->p->space_after.opt, 3);
    NEAR(b->p->space_after.max, 3);
    assert_int_equal(b->p->space_after.retain, 0);
    assert_int_equal(b->p->space_after.precedence, 0);
    NEAR(b->p->space_start.min, 0);
    NEAR(b->p->space_start.opt, 5);
    NEAR(b->p->space_start.max, 5);
    NEAR(b->p->space_end.opt, 12);
    assert_int_equal(b->p->space_end.precedence, 3);
    imp_fo_free(fd);
    /* components apply after the whole value, whatever the order */
    fd = S_block("space-before.minimum='1pt' space-before='8pt'", &d, &b);
    NEAR(b->p->space_before.min, 1);
    NEAR(b->p->space_before.opt, 8);
    NEAR(b->p->space_before.max, 8);
    imp_fo_free(fd);
    S_no_warnings(&d);
    imp_diag_free(&d);
}

static void test_keeps_and_breaks(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(
        FLOW "<fo:block keep-together.within-page='always' keep-with-next='5' "
             "break-before='odd-page'>\n"
             "<fo:block keep-with-previous.within-column='always' break-after='page'>a</fo:block>\n"
             "</fo:block>\n"
             "<fo:block keep-together='always'>b<fo:inline keep-together.within-line='always'>"
             "c</fo:inline></fo:block>\n"
             "<fo:block keep-with-next.within-line='always' keep-together='7' "
             "page-break-before='always' page-break-after='avoid' page-break-inside='avoid'>d"
             "</fo:block>\n"
             "<fo:block keep-together='auto' keep-with-previous='inherit'>e</fo:block>\n" FLOW_END,
        &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    imp_fo *b = S_find(fd, IMP_FO_BLOCK, 0);
    assert_int_equal(b->p->keep_together, IMP_KEEP_ALWAYS);
    assert_int_equal(b->p->keep_with_next, 5);
    assert_int_equal(b->p->break_before, IMP_BREAK_ODD_PAGE);
    b = S_find(fd, IMP_FO_BLOCK, 1);
    assert_int_equal(b->p->keep_together, IMP_KEEP_ALWAYS); /* inherited */
    assert_int_equal(b->p->keep_with_next, 0);              /* not inherited */
    assert_int_equal(b->p->keep_with_previous, IMP_KEEP_ALWAYS);
    assert_int_equal(b->p->break_after, IMP_BREAK_PAGE);
    assert_int_equal(b->p->break_before, IMP_BREAK_AUTO);
    b = S_find(fd, IMP_FO_BLOCK, 2);
    assert_int_equal(b->p->keep_together, IMP_KEEP_ALWAYS);
    assert_int_equal(b->p->wrap_option_wrap, 1); /* "always" on its own is not no-wrap */
    imp_fo *in = S_find(fd, IMP_FO_INLINE, 0);
    assert_int_equal(in->p->wrap_option_wrap, 0);
    b = S_find(fd, IMP_FO_BLOCK, 3);
    assert_int_equal(b->p->keep_with_next, IMP_KEEP_ALWAYS); /* page-break-after avoid */
    assert_int_equal(b->p->keep_together, 7);                /* the explicit keep beats it */
    assert_int_equal(b->p->break_before, IMP_BREAK_PAGE);
    b = S_find(fd, IMP_FO_BLOCK, 4);
    assert_int_equal(b->p->keep_together, 0);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

/* ---- pages, tables, lists, graphics ---------------------------------------------------- */

static void test_page_masters(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(
        HEAD "<fo:layout-master-set>\n"
             "<fo:simple-page-master master-name='a'>\n"
             "<fo:region-body/><fo:region-before extent='20pt' precedence='true'/>"
             "<fo:region-after/><fo:region-start/><fo:region-end region-name='side'/>\n"
             "</fo:simple-page-master>\n"
             "<fo:simple-page-master master-name='b' page-width='8.5in' page-height='11in' "
             "reference-orientation='-90'><fo:region-body column-count='1'/>"
             "</fo:simple-page-master>\n"
             "<fo:page-sequence-master master-name='s'>\n"
             "<fo:repeatable-page-master-alternatives maximum-repeats='no-limit'>\n"
             "<fo:conditional-page-master-reference master-reference='a' page-position='first' "
             "odd-or-even='even' blank-or-not-blank='not-blank'/>\n"
             "</fo:repeatable-page-master-alternatives>\n"
             "<fo:repeatable-page-master-reference master-reference='b' maximum-repeats='3'/>\n"
             "</fo:page-sequence-master>\n"
             "</fo:layout-master-set>\n"
             "<fo:page-sequence master-reference='s' initial-page-number='auto-odd' "
             "force-page-count='end-on-even'><fo:flow flow-name='xsl-region-body'/>"
             "</fo:page-sequence>\n"
             "<fo:page-sequence master-reference='a' initial-page-number='7'>"
             "<fo:flow flow-name='xsl-region-body'/></fo:page-sequence>\n" TAIL,
        &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    imp_fo *m = S_find(fd, IMP_FO_SIMPLE_PAGE_MASTER, 0);
    assert_string_equal(m->p->master_name, "a");
    NEAR(m->p->page_width.v, 595.28); /* auto: A4 */
    NEAR(m->p->page_height.v, 841.89);
    assert_int_equal(m->p->page_width.kind, IMP_LEN_PT);
    assert_string_equal(S_find(fd, IMP_FO_REGION_BODY, 0)->p->region_name, "xsl-region-body");
    imp_fo *r = S_find(fd, IMP_FO_REGION_BEFORE, 0);
    assert_string_equal(r->p->region_name, "xsl-region-before");
    NEAR(r->p->extent.v, 20);
    assert_int_equal(r->p->precedence, 1);
    assert_string_equal(S_find(fd, IMP_FO_REGION_AFTER, 0)->p->region_name, "xsl-region-after");
    assert_string_equal(S_find(fd, IMP_FO_REGION_START, 0)->p->region_name, "xsl-region-start");
    assert_string_equal(S_find(fd, IMP_FO_REGION_END, 0)->p->region_name, "side");
    m = S_find(fd, IMP_FO_SIMPLE_PAGE_MASTER, 1);
    NEAR(m->p->page_width.v, 612);
    NEAR(m->p->page_height.v, 792);
    assert_int_equal(m->p->reference_orientation, 270);
    imp_fo *alt = S_find(fd, IMP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES, 0);
    assert_int_equal(alt->p->maximum_repeats, -1);
    imp_fo *c = S_find(fd, IMP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE, 0);
    assert_int_equal(c->p->page_position, IMP_PP_FIRST);
    assert_int_equal(c->p->odd_or_even, IMP_OE_EVEN);
    assert_int_equal(c->p->blank_or_not_blank, IMP_BNB_NOT_BLANK);
    assert_string_equal(c->p->master_reference, "a");
    assert_int_equal(S_find(fd, IMP_FO_REPEATABLE_PAGE_MASTER_REFERENCE, 0)->p->maximum_repeats, 3);
    imp_fo *ps = S_find(fd, IMP_FO_PAGE_SEQUENCE, 0);
    assert_int_equal(ps->p->initial_page_number, 0);
    assert_int_equal(ps->p->initial_page_parity, 1);
    assert_int_equal(ps->p->force_page_count, IMP_FPC_END_ON_EVEN);
    assert_string_equal(S_find(fd, IMP_FO_FLOW, 0)->p->flow_name, "xsl-region-body");
    assert_int_equal(S_find(fd, IMP_FO_PAGE_SEQUENCE, 1)->p->initial_page_number, 7);
    imp_fo_free(fd);

    fd = S_build(HEAD "<fo:layout-master-set>\n"
                      "<fo:simple-page-master master-name='a' page-height='indefinite' "
                      "page-width='auto'>\n<fo:region-body column-count='2' "
                      "writing-mode='rl-tb'/>\n"
                      "</fo:simple-page-master></fo:layout-master-set>\n" TAIL,
                 &d);
    assert_non_null(fd);
    NEAR(S_find(fd, IMP_FO_SIMPLE_PAGE_MASTER, 0)->p->page_height.v, 841.89);
    S_expect(&d, 3,
             "page-height=\"indefinite\" on fo:simple-page-master (line 3) is not supported by "
             "impack; the page is A4 (841.89pt)");
    /* column-count is told when a page uses the region (test_layout) */
    assert_int_equal(S_find(fd, IMP_FO_REGION_BODY, 0)->p->column_count, 2);
    S_expect(&d, 4,
             "writing-mode=\"rl-tb\" on fo:region-body (line 4) is not supported by impack; it "
             "lays out everything left to right, top to bottom (not reported again)");
    imp_fo_free(fd);
    imp_diag_free(&d);
}

static void test_tables(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(
        FLOW "<fo:table table-layout='fixed' width='100%' border-collapse='separate' "
             "border-separation='2pt 3pt'>\n"
             "<fo:table-column column-width='proportional-column-width(2)'/>\n"
             "<fo:table-column column-width='30%' number-columns-repeated='2'/>\n"
             "<fo:table-column column-width='2cm' column-number='4'/>\n"
             "<fo:table-column/>\n"
             "<fo:table-body>\n <fo:table-row>\n"
             "  <fo:table-cell number-columns-spanned='2' number-rows-spanned='3' "
             "starts-row='true' display-align='after'><fo:block>x</fo:block></fo:table-cell>\n"
             " </fo:table-row>\n</fo:table-body></fo:table>\n" FLOW_END,
        &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    imp_fo *t = S_find(fd, IMP_FO_TABLE, 0);
    assert_int_equal(t->p->table_layout_fixed, 1);
    assert_int_equal(t->p->width.kind, IMP_LEN_PCT);
    NEAR(t->p->width.v, 100);
    assert_int_equal(t->p->border_collapse, 0);
    NEAR(t->p->border_separation_ipd, 2);
    NEAR(t->p->border_separation, 3);
    imp_fo *c = S_find(fd, IMP_FO_TABLE_COLUMN, 0);
    NEAR(c->p->column_proportion, 2);
    assert_int_equal(c->p->column_width.kind, IMP_LEN_AUTO);
    assert_int_equal(c->p->column_number, 0);
    c = S_find(fd, IMP_FO_TABLE_COLUMN, 1);
    NEAR(c->p->column_proportion, 0);
    assert_int_equal(c->p->column_width.kind, IMP_LEN_PCT);
    NEAR(c->p->column_width.v, 30);
    assert_int_equal(c->p->number_columns_repeated, 2);
    c = S_find(fd, IMP_FO_TABLE_COLUMN, 2);
    assert_int_equal(c->p->column_width.kind, IMP_LEN_PT);
    NEAR(c->p->column_width.v, 72 / 2.54 * 2);
    assert_int_equal(c->p->column_number, 4);
    c = S_find(fd, IMP_FO_TABLE_COLUMN, 3);
    assert_int_equal(c->p->column_width.kind, IMP_LEN_AUTO);
    imp_fo *cell = S_find(fd, IMP_FO_TABLE_CELL, 0);
    assert_int_equal(cell->p->number_columns_spanned, 2);
    assert_int_equal(cell->p->number_rows_spanned, 3);
    assert_int_equal(cell->p->starts_row, 1);
    assert_int_equal(cell->p->display_align, 2);
    assert_int_equal(S_find(fd, IMP_FO_BLOCK, 0)->p->border_collapse, 0); /* inherited */
    /* white space between table parts is not content */
    imp_fo *row = S_find(fd, IMP_FO_TABLE_ROW, 0);
    assert_ptr_equal(row->first, cell);
    assert_ptr_equal(row->last, cell);
    imp_fo_free(fd);

    fd = S_build(FLOW "<fo:table><fo:table-column column-width='proportional-column-width(x)' "
                      "number-columns-repeated='0'/></fo:table>\n" FLOW_END,
                 &d);
    S_expect(&d, 4,
             "column-width=\"proportional-column-width(x)\" on fo:table-column (line 4) is not "
             "a valid value; using the initial value");
    S_expect(&d, 4,
             "number-columns-repeated=\"0\" on fo:table-column (line 4) is not a valid value; "
             "using the initial value");
    assert_int_equal(S_find(fd, IMP_FO_TABLE_COLUMN, 0)->p->number_columns_repeated, 1);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

static void test_lists(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(
        FLOW "<fo:list-block start-indent='10pt' provisional-distance-between-starts='30pt' "
             "provisional-label-separation='8pt'>\n"
             "<fo:list-item>\n"
             "<fo:list-item-label end-indent='label-end()'><fo:block>1.</fo:block>"
             "</fo:list-item-label>\n"
             "<fo:list-item-body start-indent='body-start()'><fo:block>text<fo:block "
             "margin-left='2pt'>more</fo:block></fo:block></fo:list-item-body>\n"
             "</fo:list-item>\n</fo:list-block>\n" FLOW_END,
        &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    imp_fo *label = S_find(fd, IMP_FO_LIST_ITEM_LABEL, 0);
    assert_int_equal(label->p->end_indent_label_end, 1);
    NEAR(label->p->end_indent, -(10 + 30 - 8));
    NEAR(label->p->end_indent_pct, 100);
    imp_fo *body = S_find(fd, IMP_FO_LIST_ITEM_BODY, 0);
    assert_int_equal(body->p->start_indent_body_start, 1);
    NEAR(body->p->start_indent, 40);
    imp_fo *blk = S_find(fd, IMP_FO_BLOCK, 1);
    NEAR(blk->p->start_indent, 40);
    assert_int_equal(blk->p->start_indent_body_start, 0); /* not inherited */
    NEAR(S_find(fd, IMP_FO_BLOCK, 2)->p->start_indent, 42);
    NEAR(S_find(fd, IMP_FO_LIST_BLOCK, 0)->p->provisional_label_separation.v, 8);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

static void test_graphics_and_links(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(
        HEAD "<fo:page-sequence master-reference='p' xmlns:fox='"
             "http://xmlgraphics.apache.org/fop/extensions'>\n"
             "<fo:flow flow-name='xsl-region-body'><fo:block>\n"
             "<fo:external-graphic src=\"url('a.png')\" content-width='scale-to-fit' "
             "content-height='50%' width='3cm' fox:alt-text='A picture'/>\n"
             "<fo:external-graphic src='url(\"b c.png\")' content-width='2in' "
             "scaling='non-uniform' content-height='scale-down-to-fit'/>\n"
             "<fo:external-graphic src='url(c.png)'/><fo:external-graphic src=' d.png '/>\n"
             "<fo:basic-link external-destination=\"url('http://x.org/a')\">x</fo:basic-link>\n"
             "<fo:basic-link internal-destination='sec1'>y</fo:basic-link>\n"
             "<fo:page-number-citation ref-id='sec1'/><fo:character character=' '/>\n"
             "<fo:leader leader-pattern='dots' leader-length='2in' rule-thickness='0.5pt'/>\n"
             "<fo:leader leader-length.maximum='50%' rule-style='dashed'/>\n"
             "</fo:block></fo:flow></fo:page-sequence>\n" TAIL,
        &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    imp_fo *g = S_find(fd, IMP_FO_EXTERNAL_GRAPHIC, 0);
    assert_string_equal(g->p->src, "a.png");
    assert_int_equal(g->p->scale_to_fit_w, 1);
    assert_int_equal(g->p->content_width.kind, IMP_LEN_AUTO);
    assert_int_equal(g->p->content_height.kind, IMP_LEN_PCT);
    NEAR(g->p->content_height.v, 50);
    NEAR(g->p->width.v, 72 / 2.54 * 3);
    assert_string_equal(g->p->alt_text, "A picture");
    g = S_find(fd, IMP_FO_EXTERNAL_GRAPHIC, 1);
    assert_string_equal(g->p->src, "b c.png");
    NEAR(g->p->content_width.v, 144);
    assert_int_equal(g->p->scale_to_fit_h, 2);
    assert_int_equal(g->p->scaling_non_uniform, 1);
    assert_string_equal(S_find(fd, IMP_FO_EXTERNAL_GRAPHIC, 2)->p->src, "c.png");
    assert_string_equal(S_find(fd, IMP_FO_EXTERNAL_GRAPHIC, 3)->p->src, "d.png");
    assert_string_equal(S_find(fd, IMP_FO_BASIC_LINK, 0)->p->external_destination,
                        "http://x.org/a");
    assert_string_equal(S_find(fd, IMP_FO_BASIC_LINK, 1)->p->internal_destination, "sec1");
    assert_string_equal(S_find(fd, IMP_FO_PAGE_NUMBER_CITATION, 0)->p->ref_id, "sec1");
    assert_string_equal(S_find(fd, IMP_FO_CHARACTER, 0)->p->character, " ");
    imp_fo *l = S_find(fd, IMP_FO_LEADER, 0);
    assert_int_equal(l->p->leader_pattern, IMP_LEADER_DOTS);
    NEAR(l->p->leader_length_min.v, 144);
    NEAR(l->p->leader_length_opt.v, 144);
    NEAR(l->p->leader_length_max.v, 144);
    NEAR(l->p->rule_thickness, 0.5);
    l = S_find(fd, IMP_FO_LEADER, 1);
    NEAR(l->p->leader_length_opt.v, 12); /* initial */
    assert_int_equal(l->p->leader_length_max.kind, IMP_LEN_PCT);
    NEAR(l->p->leader_length_max.v, 50);
    assert_int_equal(l->p->rule_style, IMP_BS_DASHED);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

static void S_pos(const imp_len *l, int kind, double v, int line)
{
    if ((int)l->kind != kind) {
        print_error("background position kind %d, want %d (test line %d)\n", (int)l->kind,
                    kind, line);
        fail();
    }
    S_near(l->v, v, "background position", line);
}
#define POS(l, kind, v) S_pos((l), (kind), (v), __LINE__)

static void test_backgrounds_and_positions(void **state)
{
    (void)state;
    /* background-image and its shorthands; top/left/bottom/right and
     * absolute-position; span; column-count and column-gap; text-transform */
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(
        FLOW "<fo:block background-image=\"url('a b.png')\" background-repeat='repeat-y'"
             " background-position-horizontal='right' background-position-vertical='12pt'/>"
             "<fo:block background='red url(x.png) no-repeat top left'/>"
             "<fo:block background-position='bottom'/>"
             "<fo:block background-position='25% 10pt' background-image='none'/>"
             "<fo:block-container absolute-position='fixed' top='-5pt' left='10%' right='auto'/>"
             "<fo:block span='all' text-transform='capitalize'><fo:inline>x</fo:inline></fo:block>\n"
             FLOW_END,
        &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    const imp_props *p = S_find(fd, IMP_FO_BLOCK, 0)->p;
    assert_string_equal(p->background_image, "a b.png");
    assert_int_equal(p->background_repeat, IMP_BR_REPEAT_Y);
    POS(&p->background_pos[0], IMP_LEN_PCT, 100);
    POS(&p->background_pos[1], IMP_LEN_PT, 12);
    p = S_find(fd, IMP_FO_BLOCK, 1)->p;
    assert_string_equal(p->background_image, "x.png");
    assert_int_equal(p->background_repeat, IMP_BR_NO_REPEAT);
    assert_true(p->background_color.r > 0.99 && p->background_color.a > 0.99);
    POS(&p->background_pos[0], IMP_LEN_PCT, 0);
    POS(&p->background_pos[1], IMP_LEN_PCT, 0);
    p = S_find(fd, IMP_FO_BLOCK, 2)->p;
    POS(&p->background_pos[0], IMP_LEN_PCT, 50);
    POS(&p->background_pos[1], IMP_LEN_PCT, 100);
    assert_null(p->background_image);
    p = S_find(fd, IMP_FO_BLOCK, 3)->p;
    POS(&p->background_pos[0], IMP_LEN_PCT, 25);
    POS(&p->background_pos[1], IMP_LEN_PT, 10);
    assert_null(p->background_image);
    p = S_find(fd, IMP_FO_BLOCK_CONTAINER, 0)->p;
    assert_int_equal(p->absolute_position, 2);
    POS(&p->offset_top, IMP_LEN_PT, -5);
    POS(&p->offset_left, IMP_LEN_PCT, 10);
    assert_int_equal(p->offset_right.kind, IMP_LEN_AUTO);
    assert_int_equal(p->offset_bottom.kind, IMP_LEN_AUTO);
    p = S_find(fd, IMP_FO_BLOCK, 4)->p;
    assert_int_equal(p->span_all, 1);
    assert_int_equal(p->text_transform, IMP_TT_CAPITALIZE);
    /* inherited by the inline; span is not */
    assert_int_equal(S_find(fd, IMP_FO_INLINE, 0)->p->text_transform, IMP_TT_CAPITALIZE);
    assert_int_equal(S_find(fd, IMP_FO_INLINE, 0)->p->span_all, 0);
    imp_fo_free(fd);
    imp_diag_free(&d);

    /* a bad value is told and the initial one kept */
    fd = S_build(FLOW "<fo:block background-position='middle' span='some'/>\n" FLOW_END, &d);
    assert_non_null(fd);
    assert_int_equal(d.n, 2);
    POS(&S_find(fd, IMP_FO_BLOCK, 0)->p->background_pos[0], IMP_LEN_PCT, 0);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

static void test_inline_properties(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(
        FLOW "<fo:block font-size='12pt' line-height='20pt'>\n"
             "<fo:inline baseline-shift='super' font-size='8pt'>a</fo:inline>"
             "<fo:inline baseline-shift='sub'>b</fo:inline>"
             "<fo:inline vertical-align='super'>c</fo:inline>"
             "<fo:inline baseline-shift='2pt'>d</fo:inline>"
             "<fo:inline baseline-shift='10%'>e</fo:inline>"
             "<fo:inline letter-spacing='1pt' word-spacing='normal' font-style='italic' "
             "font-variant='small-caps' visibility='hidden' hyphenate='true' "
             "text-align='center' text-align-last='justify' text-indent='1em' "
             "last-line-end-indent='-2pt' id='i1' role='Span'>f</fo:inline>"
             "<fo:inline word-spacing.optimum='3pt' text-decoration='overline underline'>g"
             "<fo:inline text-decoration='none'>h</fo:inline></fo:inline>\n"
             "</fo:block>\n" FLOW_END,
        &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    NEAR(S_find(fd, IMP_FO_INLINE, 0)->p->baseline_shift, 0.33 * 12);
    NEAR(S_find(fd, IMP_FO_INLINE, 1)->p->baseline_shift, -0.33 * 12);
    NEAR(S_find(fd, IMP_FO_INLINE, 2)->p->baseline_shift, 0.33 * 12);
    NEAR(S_find(fd, IMP_FO_INLINE, 3)->p->baseline_shift, 2);
    NEAR(S_find(fd, IMP_FO_INLINE, 4)->p->baseline_shift, 2);
    NEAR(S_find(fd, IMP_FO_BLOCK, 0)->p->baseline_shift, 0);
    imp_fo *f = S_find(fd, IMP_FO_INLINE, 5);
    NEAR(f->p->letter_spacing, 1);
    NEAR(f->p->word_spacing, 0);
    assert_int_equal(f->p->font_style, 1);
    assert_int_equal(f->p->font_variant_small_caps, 1);
    assert_int_equal(f->p->visibility_hidden, 1);
    assert_int_equal(f->p->hyphenate, 1);
    assert_int_equal(f->p->text_align, IMP_TA_CENTER);
    assert_int_equal(f->p->text_align_last, IMP_TA_JUSTIFY);
    NEAR(f->p->text_indent, 12);
    NEAR(f->p->last_line_end_indent, -2);
    assert_string_equal(f->p->id, "i1");
    assert_string_equal(f->p->role, "Span");
    assert_int_equal(S_find(fd, IMP_FO_BLOCK, 0)->p->text_align_last, IMP_TA_RELATIVE);
    imp_fo *g = S_find(fd, IMP_FO_INLINE, 6);
    NEAR(g->p->word_spacing, 3);
    assert_int_equal(g->p->text_decoration, 3);
    assert_int_equal(S_find(fd, IMP_FO_INLINE, 7)->p->text_decoration, 0);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

/* ---- the document: text, declarations, languages, ids ------------------------------------- */

static void test_text_nodes(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(
        FLOW "<fo:block>  Hello <!-- c --> <![CDATA[<world>]]>\n"
             "<fo:inline> </fo:inline><fo:wrapper> w </fo:wrapper></fo:block>\n"
             "<fo:wrapper>\n  <fo:block>in wrapper</fo:block>\n</fo:wrapper>\n"
             "<fo:block-container>\n  <fo:block/>\n</fo:block-container>\n"
             "stray text\n" FLOW_END,
        &d);
    assert_non_null(fd);
    imp_fo *flow = S_find(fd, IMP_FO_FLOW, 0);
    for (imp_fo *c = flow->first; c; c = c->next)
        assert_int_not_equal(c->kind, IMP_FO_TEXT);
    imp_fo *b = S_find(fd, IMP_FO_BLOCK, 0);
    assert_int_equal(b->first->kind, IMP_FO_TEXT);
    assert_string_equal(b->first->text, "  Hello  <world>\n"); /* kept as written */
    assert_int_equal(b->first->line, 4);
    imp_fo *in = S_find(fd, IMP_FO_INLINE, 0);
    assert_non_null(in->first);
    assert_string_equal(in->first->text, " ");
    imp_fo *w = S_find(fd, IMP_FO_WRAPPER, 0);
    assert_string_equal(w->first->text, " w ");
    w = S_find(fd, IMP_FO_WRAPPER, 1);
    assert_int_equal(w->first->kind, IMP_FO_BLOCK); /* a wrapper among blocks holds no text */
    assert_ptr_equal(w->first, w->last);
    imp_fo *bc = S_find(fd, IMP_FO_BLOCK_CONTAINER, 0);
    assert_int_equal(bc->first->kind, IMP_FO_BLOCK);
    assert_null(bc->first->first);
    S_expect(&d, 12,
             "text directly inside fo:flow (line 12) is not allowed there and is skipped; put it "
             "in an fo:block (not reported again for fo:flow)");
    assert_int_equal(d.n, 1);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

static void test_declarations(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(
        "<fo:root xmlns:fo='" FO_NS "' xml:lang='en-GB'>\n"
        "<fo:declarations>\n"
        "<x:xmpmeta xmlns:x='adobe:ns:meta/'>\n"
        "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n"
        "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'>\n"
        "<dc:title><rdf:Alt><rdf:li xml:lang='fr'>Le titre</rdf:li>"
        "<rdf:li xml:lang='x-default'>My  Title</rdf:li></rdf:Alt></dc:title>\n"
        "<dc:creator><rdf:Seq><rdf:li>Jo Hill</rdf:li><rdf:li>Sam</rdf:li></rdf:Seq>"
        "</dc:creator>\n"
        "<dc:description>About things</dc:description>\n"
        "<dc:subject><rdf:Bag><rdf:li>one</rdf:li><rdf:li>two</rdf:li></rdf:Bag></dc:subject>\n"
        "</rdf:Description>\n"
        "<rdf:Description rdf:about='' xmlns:pdf='http://ns.adobe.com/pdf/1.3/' "
        "pdf:Producer='x'><pdf:Keywords>a, b</pdf:Keywords></rdf:Description>\n"
        "</rdf:RDF></x:xmpmeta>\n"
        "</fo:declarations>\n"
        "<fo:page-sequence master-reference='p' language='de'><fo:flow flow-name='f'>\n"
        "<fo:block>a<fo:inline country='at'>b</fo:inline>"
        "<fo:inline xml:lang='fr-CA'>c</fo:inline></fo:block>\n"
        "</fo:flow></fo:page-sequence>\n" TAIL,
        &d);
    assert_non_null(fd);
    S_no_warnings(&d);
    assert_string_equal(fd->title, "My Title");
    assert_string_equal(fd->author, "Jo Hill");
    assert_string_equal(fd->subject, "About things");
    assert_string_equal(fd->keywords, "a, b");
    assert_string_equal(fd->lang, "en-GB");
    assert_string_equal(fd->root->p->lang, "en-GB");
    imp_fo *decl = S_find(fd, IMP_FO_DECLARATIONS, 0);
    assert_non_null(decl->src);
    assert_null(decl->first);
    assert_string_equal(S_find(fd, IMP_FO_PAGE_SEQUENCE, 0)->p->lang, "de-GB");
    assert_string_equal(S_find(fd, IMP_FO_BLOCK, 0)->p->lang, "de-GB");
    assert_string_equal(S_find(fd, IMP_FO_INLINE, 0)->p->lang, "de-AT");
    assert_string_equal(S_find(fd, IMP_FO_INLINE, 1)->p->lang, "fr-CA");
    imp_fo_free(fd);

    /* plain dc text, the bag as keywords, language + country on the root */
    fd = S_build("<fo:root xmlns:fo='" FO_NS "' language='en' country='us'>\n"
                 "<fo:declarations><x:xmpmeta xmlns:x='adobe:ns:meta/'>"
                 "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                 "<rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/'>"
                 "<dc:title>Plain</dc:title><dc:subject><rdf:Bag><rdf:li>one</rdf:li>"
                 "<rdf:li>two</rdf:li></rdf:Bag></dc:subject>"
                 "</rdf:Description></rdf:RDF></x:xmpmeta></fo:declarations>\n" TAIL,
                 &d);
    assert_non_null(fd);
    assert_string_equal(fd->title, "Plain");
    assert_null(fd->author);
    assert_string_equal(fd->keywords, "one, two");
    assert_string_equal(fd->subject, "one, two");
    assert_string_equal(fd->lang, "en-US");
    imp_fo_free(fd);
    S_no_warnings(&d);
    imp_diag_free(&d);
}

static void test_ids(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(FLOW "<fo:block id='a'>x<fo:inline id='b'>y</fo:inline></fo:block>\n"
                                  "<fo:block id='c' xml:id='ignored'/>\n"
                                  "<fo:block xml:id='d'/>\n"
                                  "<fo:block id='a'/>\n" FLOW_END,
                             &d);
    assert_non_null(fd);
    assert_ptr_equal(imp_fo_by_id(fd, "a"), S_find(fd, IMP_FO_BLOCK, 0));
    assert_ptr_equal(imp_fo_by_id(fd, "b"), S_find(fd, IMP_FO_INLINE, 0));
    assert_ptr_equal(imp_fo_by_id(fd, "c"), S_find(fd, IMP_FO_BLOCK, 1));
    assert_ptr_equal(imp_fo_by_id(fd, "d"), S_find(fd, IMP_FO_BLOCK, 2));
    assert_null(imp_fo_by_id(fd, "ignored"));
    assert_null(imp_fo_by_id(fd, "zzz"));
    assert_null(imp_fo_by_id(fd, NULL));
    assert_null(imp_fo_by_id(NULL, "a"));
    S_expect(&d, 7,
             "id \"a\" on fo:block (line 7) is already used on line 4; links and page "
             "references go to the first");
    imp_fo_free(fd);
    imp_diag_free(&d);
}

/* ---- warnings ------------------------------------------------------------------------------ */

static void test_unknown_elements_and_properties(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(
        HEAD "<fo:page-sequence master-reference='p' xmlns:svg='http://www.w3.org/2000/svg' "
             "xmlns:fox='http://xmlgraphics.apache.org/fop/extensions' "
             "xmlns:rx='http://www.renderx.com/XSL/Extensions' "
             "xmlns:axf='http://www.antennahouse.com/names/XSL/Extensions'>\n"
             "<fo:flow flow-name='xsl-region-body'>\n"
             "<fo:multi-switch><fo:block id='lost'>lost</fo:block></fo:multi-switch>\n"
             "<fo:block foo='1' fox:disable-column-balancing='true' rx:key='x' "
             "hyphenation-character='*'>text</fo:block>\n"
             "<fo:block foo='2' hyphenation-character='+' axf:hyphenate-caps='true' "
             "axf:other='1'/>\n"
             "<svg:svg/><fox:destination internal-destination='x'/>\n"
             "<fo:block><fo:instream-foreign-object><svg:svg><svg:g/></svg:svg>"
             "</fo:instream-foreign-object></fo:block>\n"
             "<fo:block space-before.nonsense='1pt' font-size.optimum='1pt' "
             "font-stretch='normal' text-shadow='gray'/>\n"
             "</fo:flow></fo:page-sequence>\n" TAIL,
        &d);
    assert_non_null(fd);
    S_expect(&d, 4,
             "fo:multi-switch (line 4) is not supported by impack; its content is skipped");
    assert_null(imp_fo_by_id(fd, "lost"));
    S_expect(&d, 5,
             "unknown property \"foo\" on fo:block (line 5) is ignored");
    S_expect(&d, 6, "unknown property \"foo\" on fo:block (line 6) is ignored");
    S_expect(&d, 5,
             "hyphenation-character=\"*\" on fo:block (line 5) is not supported by impack and "
             "is ignored (not reported again for hyphenation-character)");
    assert_int_equal(S_count(&d, "hyphenation-character"), 1);
    S_expect(&d, 6,
             "attributes in namespace \"http://www.antennahouse.com/names/XSL/Extensions\" "
             "(first: axf:hyphenate-caps on fo:block, line 6) are not understood by impack and "
             "are ignored");
    assert_int_equal(S_count(&d, "antennahouse"), 1);
    S_expect(&d, 7,
             "<svg:svg> (line 7) inside fo:flow is not an XSL-FO element; it and its content are "
             "skipped");
    assert_null(S_diag(&d, "fox"));
    assert_null(S_diag(&d, "rx:"));
    assert_null(S_diag(&d, "line 8"));
    imp_fo *ifo = S_find(fd, IMP_FO_INSTREAM_FOREIGN_OBJECT, 0);
    assert_non_null(ifo->src);
    assert_string_equal((const char *)ifo->src->children->name, "svg");
    assert_null(ifo->first);
    S_expect(&d, 9,
             "unknown property \"space-before.nonsense\" on fo:block (line 9) is ignored");
    S_expect(&d, 9,
             "unknown property \"font-size.optimum\" on fo:block (line 9) is ignored");
    S_expect(&d, 9,
             "text-shadow=\"gray\" on fo:block (line 9) is not supported by impack and "
             "is ignored (not reported again for text-shadow)");
    assert_null(S_diag(&d, "font-stretch")); /* its initial value does nothing anyway */
    imp_fo_free(fd);

    /* not an FO document */
    imp_diag_free(&d);
    xmlDocPtr doc = imp_xml_load_memory("<html/>", 7, "t.fo", NULL, &d);
    assert_null(imp_fo_build(doc, &d));
    assert_int_equal(d.n, 1);
    assert_int_equal(d.v[0].sev, IMP_SEV_ERROR);
    assert_non_null(strstr(d.v[0].msg, "not an XSL-FO document"));
    assert_null(imp_fo_build(NULL, &d));
    imp_diag_free(&d);
}

/* FOs impack has no kind for but whose content matters. */
static void test_stand_ins(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(
        HEAD "<fo:page-sequence-wrapper font-size='9pt' id='w'>\n"
             "<fo:page-sequence master-reference='p'><fo:flow flow-name='xsl-region-body'>\n"
             "<fo:float float='start'><fo:block id='fl'>side</fo:block></fo:float>\n"
             "<fo:block>a <fo:bidi-override direction='rtl'>b</fo:bidi-override></fo:block>\n"
             "</fo:flow></fo:page-sequence></fo:page-sequence-wrapper>\n" TAIL,
        &d);
    assert_non_null(fd);
    imp_fo *ps = S_find(fd, IMP_FO_PAGE_SEQUENCE, 0);
    assert_ptr_equal(ps->parent, fd->root);
    NEAR(ps->p->font_size, 9);
    imp_fo *fl = imp_fo_by_id(fd, "fl");
    assert_non_null(fl);
    assert_int_equal(fl->parent->kind, IMP_FO_BLOCK);
    assert_string_equal(fl->parent->name, "float");
    imp_fo *bo = S_find(fd, IMP_FO_INLINE, 0);
    assert_string_equal(bo->name, "bidi-override");
    assert_string_equal(bo->first->text, "b");
    S_expect(&d, 4,
             "a side float (fo:float, line 4) is placed where it occurs, as an fo:block: impack "
             "does not run text round it");
    assert_int_equal(fl->parent->p->float_kind, IMP_FLOAT_SIDE);
    S_expect(&d, 5,
             "fo:bidi-override (line 5) is not supported by impack; its content is placed as an "
             "fo:inline (text still runs in its own direction)");
    imp_fo_free(fd);
    imp_diag_free(&d);
}

/* The same problem many times over is reported five times, not thousands. */
static void test_report_limits(void **state)
{
    (void)state;
    char buf[4096];
    size_t n = (size_t)snprintf(buf, sizeof buf, FLOW);
    for (int i = 0; i < 7; i++) /* lines 4..10 */
        n += (size_t)snprintf(buf + n, sizeof buf - n,
                              "<fo:block foo='%d'><fo:multi-switch/>x</fo:block>\n", i);
    snprintf(buf + n, sizeof buf - n, FLOW_END);
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(buf, &d);
    assert_non_null(fd);
    assert_int_equal(S_count(&d, "unknown property \"foo\""), 5);
    assert_int_equal(S_count(&d, "fo:multi-switch"), 5);
    S_expect(&d, 8,
             "unknown property \"foo\" on fo:block (line 8) is ignored (later uses are not "
             "reported)");
    S_expect(&d, 8,
             "fo:multi-switch (line 8) is not supported by impack; its content is skipped (later "
             "ones are not reported)");
    assert_int_equal(d.n, 10);
    imp_fo_free(fd);
    imp_diag_free(&d);
}

static void test_invalid_values(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_fo_doc *fd = S_build(
        FLOW "<fo:block font-size='10pt' color='red' start-indent='4pt'>\n"
             "<fo:block font-size='huge' color='nocolour' border='1pt wavy' "
             "text-align='middle' keep-with-next='sometimes' start-indent='far' "
             "space-before='big' width='-3pt' orphans='1.5' "
             "background-color='system-color(ButtonFace)'>x</fo:block>\n"
             "<fo:block font-size='12' padding='5%' vertical-align='top'>y</fo:block>\n"
             "</fo:block>\n" FLOW_END,
        &d);
    assert_non_null(fd);
    S_expect(&d, 5, "font-size=\"huge\" on fo:block (line 5) is not a valid value; using 10pt");
    S_expect(&d, 5,
             "color=\"nocolour\" on fo:block (line 5) is not a valid value; using the inherited "
             "value");
    S_expect(&d, 5, "border=\"1pt wavy\" on fo:block (line 5) is not a valid value; it is ignored");
    S_expect(&d, 5,
             "text-align=\"middle\" on fo:block (line 5) is not a valid value; using the "
             "inherited value");
    S_expect(&d, 5,
             "keep-with-next=\"sometimes\" on fo:block (line 5) is not a valid value; using the "
             "initial value");
    S_expect(&d, 5, "start-indent=\"far\" on fo:block (line 5) is not a valid value; using 4pt");
    S_expect(&d, 5,
             "space-before=\"big\" on fo:block (line 5) is not a valid value; using the initial "
             "value");
    S_expect(&d, 5,
             "width=\"-3pt\" on fo:block (line 5) is not a valid value; using the initial value");
    S_expect(&d, 5,
             "orphans=\"1.5\" on fo:block (line 5) is not a valid value; using the inherited "
             "value");
    S_expect(&d, 5,
             "background-color=\"system-color(ButtonFace)\" on fo:block (line 5): system "
             "colours are not supported by impack; the value is ignored");
    imp_fo *b = S_find(fd, IMP_FO_BLOCK, 1);
    NEAR(b->p->font_size, 10);
    NEAR(b->p->color.r, 1);
    assert_int_equal(b->p->border[IMP_BEFORE].style, IMP_BS_NONE);
    NEAR(b->p->start_indent, 4);
    assert_int_equal(b->p->width.kind, IMP_LEN_AUTO);
    assert_int_equal(b->p->orphans, 2);
    NEAR(b->p->background_color.a, 0);
    b = S_find(fd, IMP_FO_BLOCK, 2);
    S_expect(&d, 6,
             "font-size=\"12\" on fo:block (line 6) has no unit; it is read as points (later "
             "values without a unit are not reported)");
    NEAR(b->p->font_size, 12);
    S_expect(&d, 6,
             "padding=\"5%\" on fo:block (line 6): percentages in padding are not supported by "
             "impack; the percentage is taken as 0 (not reported again)");
    S_expect(&d, 6,
             "vertical-align=\"top\" on fo:block (line 6) is not supported by impack; the text "
             "stays on the baseline (not reported again)");
    imp_fo_free(fd);
    imp_diag_free(&d);
}

/* FO as DocBook XSL writes it for FOP: only the properties impack really
 * ignores are reported, once each. */
static void test_docbook_output(void **state)
{
    (void)state;
    imp_diags d = {0};
    xmlDocPtr doc = imp_xml_load("tests/fo/unit/docbook.fo", NULL, &d);
    assert_non_null(doc);
    imp_fo_doc *fd = imp_fo_build(doc, &d);
    assert_non_null(fd);
    if (d.n != 3)
        S_dump(&d);
    assert_int_equal(d.n, 3);
    assert_non_null(S_diag(&d, "font-selection-strategy=\"character-by-character\" on fo:root "
                               "(line 3) is not supported"));
    assert_non_null(S_diag(&d, "line-height-shift-adjustment=\"disregard-shifts\" on fo:root "
                               "(line 3) is not supported"));
    assert_non_null(S_diag(&d, "relative-align=\"baseline\" on fo:table-cell (line 48) is not "
                               "supported"));
    assert_string_equal(fd->title, "A Short Book");
    assert_string_equal(fd->author, "Jane Doe");
    assert_string_equal(fd->lang, "en");
    NEAR(fd->root->p->font_size, 10);
    assert_string_equal(fd->root->p->font_family, "serif, Symbol, ZapfDingbats");
    imp_fo *h = S_find(fd, IMP_FO_BLOCK, 4);
    NEAR(h->p->font_size, 20.736);
    assert_string_equal(h->p->font_family, "sans-serif, Symbol, ZapfDingbats");
    NEAR(h->p->space_before.min, 0.8 * 20.736);
    assert_int_equal(h->p->keep_with_next, IMP_KEEP_ALWAYS);
    NEAR(S_find(fd, IMP_FO_LIST_ITEM_BODY, 0)->p->start_indent, 18);
    imp_fo *label = S_find(fd, IMP_FO_LIST_ITEM_LABEL, 0);
    NEAR(label->p->end_indent, -16);
    NEAR(label->p->end_indent_pct, 100);
    imp_fo *code = S_find(fd, IMP_FO_BLOCK, 8);
    NEAR(code->p->font_size, 8);
    assert_int_equal(code->p->wrap_option_wrap, 0);
    assert_string_equal(code->first->text, "int main(void)\n{\n    return 0;\n}");
    assert_string_equal(S_find(fd, IMP_FO_MARKER, 0)->first->text, "Getting started");
    assert_string_equal(S_find(fd, IMP_FO_BASIC_LINK, 0)->p->alt_text, "chapter 1");
    assert_string_equal(S_find(fd, IMP_FO_EXTERNAL_GRAPHIC, 0)->p->src, "images/figure.png");
    assert_int_equal(S_find(fd, IMP_FO_BOOKMARK, 0)->p->starting_state_show, 1);
    assert_string_equal(S_find(fd, IMP_FO_BOOKMARK_TITLE, 0)->first->text, "1. Getting started");
    assert_string_equal(S_find(fd, IMP_FO_REGION_BEFORE, 1)->p->region_name,
                        "xsl-region-before-odd");
    NEAR(S_find(fd, IMP_FO_SIMPLE_PAGE_MASTER, 0)->p->margin[IMP_START], 72);
    imp_fo *rm = S_find(fd, IMP_FO_RETRIEVE_MARKER, 0);
    assert_int_equal(rm->p->retrieve_position, IMP_RP_FIRST_INCLUDING_CARRYOVER);
    assert_int_equal(rm->p->retrieve_boundary, IMP_RB_PAGE_SEQUENCE);
    assert_string_equal(rm->p->retrieve_class_name, "section.head.marker");
    assert_ptr_equal(imp_fo_by_id(fd, "ch1"), S_find(fd, IMP_FO_BLOCK, 3));
    imp_fo_free(fd);
    imp_diag_free(&d);
}

/* Every property with hostile values: warnings at most, never a crash (run
 * this under SANITIZE=1 and valgrind). */
static void test_never_crash(void **state)
{
    (void)state;
    static const char *const props[] = {
        "font", "font-family", "font-size", "font-weight", "line-height", "line-height.optimum",
        "color", "background", "background-color", "border", "border-top", "border-width",
        "border-style", "border-color", "border-before-width.conditionality",
        "border-start.width", "padding", "padding-left", "margin", "margin-top", "space-before",
        "space-before.precedence", "space-after.minimum", "start-indent", "end-indent",
        "text-indent", "text-align", "keep-together", "keep-with-next.within-page",
        "break-before", "page-break-inside", "white-space", "text-decoration",
        "baseline-shift", "vertical-align", "width", "height", "block-progression-dimension",
        "block-progression-dimension.minimum", "inline-progression-dimension.maximum",
        "content-width", "content-height", "src", "external-destination", "column-width",
        "column-number", "number-columns-spanned", "page-width", "size", "extent",
        "initial-page-number", "maximum-repeats", "reference-orientation", "writing-mode",
        "leader-length", "leader-length.optimum", "border-separation",
        "border-separation.block-progression-direction", "letter-spacing", "language",
        "country", "xml:lang", "character", "id", "format", "column-count", "font-size-adjust"};
    static const char *const values[] = {
        "", " ", "inherit", "auto", "none", "0", "-1", "1e308pt", "99999999999999999999pt",
        "(", ")", "((1pt)", "1pt +", "* 2", "url(", "url()", "url('')", "'", "\"", ",", ",,",
        "rgb(", "rgb(1,2,3", "#", "#1", "proportional-column-width()", "body-start(1)",
        "label-end()", "inherited-property-value(nonsense)", "from-parent(font-size, 1)",
        "1pt 2pt 3pt 4pt 5pt", "solid solid", "12pt/", "bold 12pt/14pt", "x x x x x x x x x",
        "\xc3\xa9\xe2\x82\xac", "-0", "1/0", "1pt div 0pt", "max()", "abs(1pt, 2pt)",
        "9999999999", "-2147483648", "2147483647", "always always", "1.5.5pt"};
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    for (size_t i = 0; i < sizeof props / sizeof props[0]; i++) {
        size_t n = (size_t)snprintf(buf, 1 << 20, FLOW);
        for (size_t j = 0; j < sizeof values / sizeof values[0]; j++) {
            const char *v = values[j];
            char esc[200];
            size_t k = 0;
            for (; *v && k < sizeof esc - 8; v++) {
                if (*v == '"' || *v == '<' || *v == '&') {
                    k += (size_t)snprintf(esc + k, sizeof esc - k, "&#%d;", *v);
                } else {
                    esc[k++] = *v;
                }
            }
            esc[k] = '\0';
            n += (size_t)snprintf(buf + n, (1 << 20) - n,
                                  "<fo:block %s=\"%s\"><fo:inline %s=\"%s\">t</fo:inline>"
                                  "<fo:external-graphic %s=\"%s\"/></fo:block>\n",
                                  props[i], esc, props[i], esc, props[i], esc);
        }
        snprintf(buf + n, (1 << 20) - n, FLOW_END);
        imp_diags d = {0};
        imp_fo_doc *fd = S_build(buf, &d);
        assert_non_null(fd);
        imp_fo_free(fd);
        imp_diag_free(&d);
    }
    free(buf);
}

/* ~20,000 FOs (a 100-page document) must build in milliseconds. */
static void test_speed(void **state)
{
    (void)state;
    size_t cap = 4 << 20, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    n += (size_t)snprintf(buf + n, cap - n, "%s", FLOW);
    for (int i = 0; i < 3000; i++)
        n += (size_t)snprintf(
            buf + n, cap - n,
            "<fo:block font-family='serif' font-size='10pt' space-before='6pt' "
            "space-before.minimum='4pt' text-align='justify' id='b%d'>Some text "
            "<fo:inline font-weight='bold'>bold</fo:inline> and more "
            "<fo:basic-link internal-destination='b%d' color='blue'>link</fo:basic-link>"
            "</fo:block>\n",
            i, i);
    snprintf(buf + n, cap - n, "%s", FLOW_END);
    imp_diags d = {0};
    xmlDocPtr doc = imp_xml_load_memory(buf, strlen(buf), "t.fo", NULL, &d);
    assert_non_null(doc);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    imp_fo_doc *fd = imp_fo_build(doc, &d);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    assert_non_null(fd);
    S_no_warnings(&d);
    size_t count = 0;
    for (imp_fo *fo = fd->root; fo;) {
        count++;
        if (fo->first) {
            fo = fo->first;
            continue;
        }
        while (fo && !fo->next)
            fo = fo->parent;
        fo = fo ? fo->next : NULL;
    }
    assert_true(count > 20000);
    assert_ptr_equal(imp_fo_by_id(fd, "b1234")->p->id, imp_fo_by_id(fd, "b1234")->p->id);
    assert_string_equal(imp_fo_by_id(fd, "b2999")->p->id, "b2999");
    fprintf(stderr, "   built %zu FOs in %.2f ms\n", count, ms);
    assert_true(ms < 500); /* generous for sanitizer and valgrind runs */
    imp_fo_free(fd);
    imp_diag_free(&d);
    free(buf);
}

int main(void)
{
    imp_xml_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_length_units),
        cmocka_unit_test(test_colours),
        cmocka_unit_test(test_expressions),
        cmocka_unit_test(test_inheritance_font_size),
        cmocka_unit_test(test_inheritance_start_indent),
        cmocka_unit_test(test_inheritance_other),
        cmocka_unit_test(test_line_height),
        cmocka_unit_test(test_border_shorthands),
        cmocka_unit_test(test_padding_margin_shorthands),
        cmocka_unit_test(test_font_shorthand),
        cmocka_unit_test(test_white_space_shorthand),
        cmocka_unit_test(test_margins_to_indents),
        cmocka_unit_test(test_space_components),
        cmocka_unit_test(test_keeps_and_breaks),
        cmocka_unit_test(test_page_masters),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_graphics_and_links),
        cmocka_unit_test(test_backgrounds_and_positions),
        cmocka_unit_test(test_inline_properties),
        cmocka_unit_test(test_text_nodes),
        cmocka_unit_test(test_declarations),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_unknown_elements_and_properties),
        cmocka_unit_test(test_stand_ins),
        cmocka_unit_test(test_report_limits),
        cmocka_unit_test(test_invalid_values),
        cmocka_unit_test(test_docbook_output),
        cmocka_unit_test(test_never_crash),
        cmocka_unit_test(test_speed),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    imp_xml_cleanup();
    return rc;
}
