/* test_layout.c: the layout engine: FO strings in, area trees out, checked to the half point. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <pango/pangocairo.h>

#include "area.h"
#include "diag.h"
#include "fo.h"
#include "layout.h"
#include "render.h"
#include "xmlload.h"

/*
 * Every test writes a whole FO document, lays it out and asserts on the
 * area tree: page count, which page a line lands on, the text of a line,
 * and positions to within half a point. The font is DejaVu Sans, whose
 * metrics do not change between machines; line heights come from
 * line-height (1.2 × font-size when normal), not from the font.
 *
 * Set IMP_DUMP=1 to print each test's area tree (render_text's format), and
 * IMP_TEST=pattern to run only the tests whose names match (cmocka's filter).
 */

#define FO_NS "http://www.w3.org/1999/XSL/Format"
#define TOL 0.5 /* points */
#define FONT "font-family='DejaVu Sans'"
/* a paragraph that wraps to several lines in a narrow column */
#define WORDS                                                                                    \
    "The quick brown fox jumps over the lazy dog and keeps running across the wide green field"

/* ---- the state of one test: freed by the teardown even when it fails ---- */

typedef struct {
    const imp_area *a; /* a LINE area */
    int page;          /* 0-based index of its page */
    char *text;        /* its characters (a preserved line feed at its end removed) */
} S_ln;

typedef struct {
    imp_diags d;
    char *src;          /* the FO document */
    imp_fo_doc *fd;
    imp_area_doc *ad;
    S_ln *lines;        /* every LINE in document order */
    size_t nlines, cap;
} S_ctx;

static int S_setup(void **state)
{
    S_ctx *c = calloc(1, sizeof *c);
    *state = c;
    return c ? 0 : -1;
}

static int S_teardown(void **state)
{
    S_ctx *c = *state;
    for (size_t i = 0; i < c->nlines; i++)
        g_free(c->lines[i].text);
    free(c->lines);
    if (c->ad)
        imp_area_doc_free(c->ad);
    if (c->fd)
        imp_fo_free(c->fd);
    imp_diag_free(&c->d);
    g_free(c->src);
    free(c);
    return 0;
}

/* ---- reading the area tree ---- */

static char *S_text_of(const imp_area *a)
{
    size_t len;
    const char *t = imp_area_line_text(a, &len);
    if (!t)
        return g_strdup("");
    char *s = g_strndup(t, len);
    size_t n = strlen(s);
    if (n >= 3 && !strcmp(s + n - 3, "\xe2\x80\xa8")) /* U+2028: a preserved line feed */
        s[n - 3] = '\0';
    return s;
}

static void S_collect(S_ctx *c, const imp_area *a, int page)
{
    for (; a; a = a->next) {
        if (a->kind == IMP_AREA_LINE) {
            if (c->nlines == c->cap) {
                c->cap = c->cap ? c->cap * 2 : 32;
                c->lines = realloc(c->lines, c->cap * sizeof *c->lines);
                assert_non_null(c->lines);
            }
            c->lines[c->nlines++] = (S_ln){a, page, S_text_of(a)};
        }
        S_collect(c, a->first, page);
    }
}

static const imp_area *S_page(const S_ctx *c, int index)
{
    const imp_area *p = c->ad->first_page;
    for (int i = 0; p && i < index; i++)
        p = p->next;
    if (!p)
        fail_msg("no page %d (the document has %d)", index + 1, c->ad->npages);
    return p;
}

static void S_dump_diags(const imp_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        print_error("  %s line %ld: %s\n", imp_diag_severity_name(d->v[i].sev), d->v[i].line,
                    d->v[i].msg);
}

static void S_dump(const S_ctx *c)
{
    if (c->ad)
        imp_render_text(c->ad, stderr);
    S_dump_diags(&c->d);
}

/* Lay out src (taken over); returns the area document, which may be NULL. */
static imp_area_doc *S_run(S_ctx *c, char *src)
{
    c->src = src;
    xmlDocPtr doc = imp_xml_load_memory(src, strlen(src), "t.fo", NULL, &c->d);
    if (!doc) {
        S_dump_diags(&c->d);
        fail_msg("the test's FO is not well-formed");
    }
    c->fd = imp_fo_build(doc, &c->d);
    assert_non_null(c->fd);
    imp_layout_opts o = {.fo_file = "t.fo"};
    c->ad = imp_layout_run(c->fd, &o, &c->d);
    if (c->ad) {
        int i = 0;
        for (const imp_area *p = c->ad->first_page; p; p = p->next, i++)
            S_collect(c, p->first, i);
    }
    if (getenv("IMP_DUMP"))
        S_dump(c);
    return c->ad;
}

/* A document: the masters (inside fo:layout-master-set), the page-sequence's
 * attributes, its static content and its flow's content. */
static imp_area_doc *S_doc(S_ctx *c, const char *masters, const char *seq_attrs,
                           const char *statics, const char *flow)
{
    char *src = g_strdup_printf("<fo:root xmlns:fo='" FO_NS "'>\n"
                                "<fo:layout-master-set>%s</fo:layout-master-set>\n"
                                "<fo:page-sequence %s " FONT ">\n%s\n"
                                "<fo:flow flow-name='xsl-region-body'>\n%s\n</fo:flow>\n"
                                "</fo:page-sequence>\n</fo:root>\n",
                                masters, seq_attrs, statics, flow);
    imp_area_doc *ad = S_run(c, src);
    if (!ad) {
        S_dump(c);
        fail_msg("layout returned no document");
    }
    return ad;
}

/* One master 'p' of w × h points, no margins, and a flow; the page-sequence
 * gets seq_attrs. */
static imp_area_doc *S_pages(S_ctx *c, double w, double h, const char *seq_attrs, const char *flow)
{
    char masters[512];
    snprintf(masters, sizeof masters,
             "<fo:simple-page-master master-name='p' page-width='%gpt' page-height='%gpt'>"
             "<fo:region-body/></fo:simple-page-master>",
             w, h);
    char seq[512];
    snprintf(seq, sizeof seq, "master-reference='p' %s", seq_attrs ? seq_attrs : "");
    return S_doc(c, masters, seq, "", flow);
}

/* The line whose text is exactly text (the first one); fails when there is none. */
static const S_ln *S_line(const S_ctx *c, const char *text)
{
    for (size_t i = 0; i < c->nlines; i++)
        if (!strcmp(c->lines[i].text, text))
            return &c->lines[i];
    S_dump(c);
    fail_msg("no line \"%s\"", text);
    return NULL;
}

/* The n-th (0-based) line on page `page` (0-based). */
static const S_ln *S_line_on(const S_ctx *c, int page, int n)
{
    for (size_t i = 0; i < c->nlines; i++)
        if (c->lines[i].page == page && n-- == 0)
            return &c->lines[i];
    S_dump(c);
    fail_msg("page %d has too few lines", page + 1);
    return NULL;
}

static int S_lines_on(const S_ctx *c, int page)
{
    int n = 0;
    for (size_t i = 0; i < c->nlines; i++)
        n += c->lines[i].page == page;
    return n;
}

/* Areas under a whose FO is of this kind, in document order, into v (up to cap). */
static size_t S_areas_of(const imp_area *a, imp_area_kind kind, imp_fo_kind fo_kind,
                         const imp_area **v, size_t n, size_t cap)
{
    for (; a; a = a->next) {
        if (a->kind == kind && (fo_kind == IMP_FO_UNKNOWN || (a->fo && a->fo->kind == fo_kind)) &&
            n < cap)
            v[n++] = a;
        n = S_areas_of(a->first, kind, fo_kind, v, n, cap);
    }
    return n;
}

/* The nearest ancestor BOX of a with this struct type, or NULL. */
static const imp_area *S_ancestor(const imp_area *a, const char *struct_type)
{
    for (a = a->parent; a; a = a->parent)
        if (a->struct_type && !strcmp(a->struct_type, struct_type))
            return a;
    return NULL;
}

/* Is a inside the area box (a descendant of it)? */
static int S_inside(const imp_area *a, const imp_area *box)
{
    for (a = a->parent; a; a = a->parent)
        if (a == box)
            return 1;
    return 0;
}

/* The width of a line's glyphs (its logical extent), in points. */
static double S_line_width(const imp_area *a)
{
    return imp_area_line_width(a);
}

/* The width of text set on one line in DejaVu Sans at size points, measured
 * apart from the engine: points as Pango units, no hinting (as layout.c sets). */
static double S_text_width(const char *text, double size)
{
    PangoFontMap *fm = pango_cairo_font_map_new();
    PangoContext *ctx = pango_font_map_create_context(fm);
    pango_cairo_context_set_resolution(ctx, 72);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    PangoLayout *lay = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans");
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_layout_set_font_description(lay, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(lay, text, -1);
    PangoRectangle r;
    pango_layout_get_extents(lay, NULL, &r);
    g_object_unref(lay);
    g_object_unref(ctx);
    g_object_unref(fm);
    return r.width / (double)PANGO_SCALE;
}

static void S_near(const S_ctx *c, double got, double want, const char *what, int line)
{
    if (!(fabs(got - want) <= TOL)) {
        S_dump(c);
        fail_msg("%s: got %.3f, want %.3f (test line %d)", what, got, want, line);
    }
}
#define NEAR(a, b) S_near(c, (a), (b), #a, __LINE__)

static void S_int(const S_ctx *c, long got, long want, const char *what, int line)
{
    if (got != want) {
        S_dump(c);
        fail_msg("%s: got %ld, want %ld (test line %d)", what, got, want, line);
    }
}
#define INT(a, b) S_int(c, (long)(a), (long)(b), #a, __LINE__)

static void S_str(const S_ctx *c, const char *got, const char *want, const char *what, int line)
{
    if (strcmp(got, want)) {
        S_dump(c);
        fail_msg("%s: got \"%s\", want \"%s\" (test line %d)", what, got, want, line);
    }
}
#define STR(a, b) S_str(c, (a), (b), #a, __LINE__)

/* A known engine bug: the test states the right behaviour and is skipped
 * while the engine still shows the wrong one (the comment at the call names it). */
#define KNOWN_BUG(wrong, what)                                                                   \
    do {                                                                                         \
        if (wrong) {                                                                             \
            print_message("  known engine bug: %s\n", what);                                     \
            skip();                                                                              \
        }                                                                                        \
    } while (0)

static const imp_diag *S_diag(const imp_diags *d, imp_severity sev, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].sev == sev && strstr(d->v[i].msg, needle))
            return &d->v[i];
    return NULL;
}

/* ---- 1. inherited properties reach layout ------------------------------ */

static void test_font_size_inherited_to_line_height(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 300, 300, "",
            "<fo:block font-size='20pt'>\n"
            "  <fo:block>Big</fo:block>\n"
            "  <fo:block font-size='50%'>Half</fo:block>\n"
            "  <fo:block line-height='2'>Double</fo:block>\n"
            "</fo:block>\n"
            "<fo:block>Plain</fo:block>");
    INT(c->ad->npages, 1);
    /* line-height normal is 1.2 × the font size of each block */
    NEAR(S_line(c, "Big")->a->h, 24);
    NEAR(S_line(c, "Big")->a->y, 0);
    NEAR(S_line(c, "Half")->a->h, 12);
    NEAR(S_line(c, "Half")->a->y, 24);
    /* a number line-height is inherited as a factor (2 × 20pt) */
    NEAR(S_line(c, "Double")->a->h, 40);
    NEAR(S_line(c, "Double")->a->y, 36);
    /* the initial font-size is 12pt */
    NEAR(S_line(c, "Plain")->a->h, 14.4);
    NEAR(S_line(c, "Plain")->a->y, 76);
    /* the glyphs are set at the inherited size */
    NEAR(S_line_width(S_line(c, "Big")->a), S_text_width("Big", 20));
    NEAR(S_line_width(S_line(c, "Half")->a), S_text_width("Half", 10));
}

static void test_start_indent_inherited(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 300, 300, "",
            "<fo:block margin-left='20pt'>\n"
            "  <fo:block>Inner</fo:block>\n"
            "  <fo:block margin-left='10pt'>Deeper</fo:block>\n"
            "  <fo:block start-indent='5pt'>Reset</fo:block>\n"
            "  Outer\n"
            "</fo:block>\n"
            "<fo:block margin-right='100pt' text-align='end'>Right</fo:block>");
    /* start-indent = inherited start-indent + margin-left (XSL 5.3.2) */
    NEAR(S_line(c, "Inner")->a->x, 20);
    NEAR(S_line(c, "Deeper")->a->x, 30);
    NEAR(S_line(c, "Reset")->a->x, 5);
    NEAR(S_line(c, "Outer")->a->x, 20);
    /* margin-right → end-indent: the line ends 100pt before the page's edge */
    const imp_area *r = S_line(c, "Right")->a;
    NEAR(r->x + S_line_width(r), 200);
}

static void test_indents_from_reference_areas(void **state)
{
    S_ctx *c = *state;
    /* indents are measured from the content rectangle of the reference area
     * (XSL 5.3.2): the region for the flow, and a block-container or a cell
     * for what is inside them, inherited values included (FOP does so too) */
    char *src = g_strdup_printf(
        "<fo:root xmlns:fo='" FO_NS "'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='p' page-width='400pt' page-height='300pt'"
        " margin-left='90pt'><fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference='p' " FONT ">"
        "<fo:flow flow-name='xsl-region-body' start-indent='48pt'>"
        "<fo:block>body</fo:block>"
        "<fo:block><fo:block margin-left='0pt'><fo:block start-indent='0pt'>title</fo:block>"
        "</fo:block></fo:block>"
        "<fo:block start-indent='0pt'><fo:block-container margin-left='20pt'>"
        "<fo:block>boxed</fo:block></fo:block-container></fo:block>"
        "<fo:table start-indent='0pt' table-layout='fixed' width='200pt'><fo:table-body>"
        "<fo:table-row><fo:table-cell start-indent='10pt'><fo:block>cell</fo:block>"
        "</fo:table-cell></fo:table-row></fo:table-body></fo:table>"
        "</fo:flow></fo:page-sequence></fo:root>");
    S_run(c, src);
    assert_non_null(c->ad);
    NEAR(S_line(c, "body")->a->x, 90 + 48);
    NEAR(S_line(c, "title")->a->x, 90);
    /* the container at 20; its block inherits 20 and stands 20 inside it */
    NEAR(S_line(c, "boxed")->a->x, 90 + 20 + 20);
    NEAR(S_line(c, "cell")->a->x, 90 + 10);
}

static void test_list_label_not_broken_inside(void **state)
{
    S_ctx *c = *state;
    /* "10." in a label narrower than it stays whole (and reaches into the
     * body's space, as FOP sets it), where body text would be broken */
    S_pages(c, 200, 200, "",
            "<fo:list-block provisional-distance-between-starts='1.2em'"
            " provisional-label-separation='0.2em'><fo:list-item>"
            "<fo:list-item-label end-indent='label-end()'><fo:block>10.</fo:block>"
            "</fo:list-item-label><fo:list-item-body start-indent='body-start()'>"
            "<fo:block>Ten</fo:block></fo:list-item-body></fo:list-item></fo:list-block>");
    INT(S_line(c, "10.")->page, 0);
    NEAR(S_line(c, "10.")->a->y, S_line(c, "Ten")->a->y);
}

static void test_percent_indents(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 200, 300, "",
            "<fo:block text-indent='40%'>First line in by forty percent of the block and more"
            " words to wrap</fo:block>\n"
            "<fo:block start-indent='10%'>si</fo:block>\n"
            "<fo:block margin-left='10%'>ml</fo:block>\n"
            "<fo:block end-indent='50%' text-align='end'>ei</fo:block>");
    NEAR(c->lines[0].a->x, 80);
    NEAR(c->lines[1].a->x, 0);
    NEAR(S_line(c, "si")->a->x, 20);
    NEAR(S_line(c, "ml")->a->x, 20);
    const imp_area *e = S_line(c, "ei")->a;
    NEAR(e->x + S_line_width(e), 100);
}

static void test_nested_keeps_and_breaks(void **state)
{
    S_ctx *c = *state;
    /* a heading kept with the next block from inside a wrapper (DocBook);
     * a page break at the start of a list item's body takes the label along */
    S_pages(c, 100, 100, "font-size='10pt'",
            "<fo:block>1</fo:block><fo:block>2</fo:block><fo:block>3</fo:block>"
            "<fo:block>4</fo:block><fo:block>5</fo:block><fo:block>6</fo:block>"
            "<fo:block>7</fo:block>\n"
            "<fo:block><fo:block keep-with-next='always'>Heading</fo:block></fo:block>\n"
            "<fo:block linefeed-treatment='preserve'>B1\nB2\nB3</fo:block>\n"
            "<fo:list-block provisional-distance-between-starts='20pt'><fo:list-item>"
            "<fo:list-item-label end-indent='label-end()'><fo:block>L</fo:block>"
            "</fo:list-item-label><fo:list-item-body start-indent='body-start()'>"
            "<fo:block break-before='page'>Body</fo:block></fo:list-item-body></fo:list-item>"
            "</fo:list-block>");
    INT(S_line(c, "7")->page, 0);
    INT(S_line(c, "Heading")->page, 1);
    INT(S_line(c, "B1")->page, 1);
    INT(S_line(c, "L")->page, 2);
    INT(S_line(c, "Body")->page, 2);
}

static void test_white_space_treatment_preserve_collapses(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 300, 100, "",
            "<fo:block white-space-treatment='preserve'>A     B</fo:block>\n"
            "<fo:block white-space-collapse='false'>C     D</fo:block>");
    S_line(c, "A B");
    S_line(c, "C     D");
}

static void test_reference_orientation(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 300, 300, "",
            "<fo:block-container reference-orientation='90' width='100pt' height='150pt'>"
            "<fo:block>turned</fo:block></fo:block-container>\n"
            "<fo:block-container reference-orientation='-90'><fo:block>no height</fo:block>"
            "</fo:block-container>");
    const imp_area *v[4];
    size_t n = S_areas_of(S_page(c, 0)->first, IMP_AREA_BOX, IMP_FO_BLOCK_CONTAINER, v, 0, 4);
    INT(n, 2);
    /* the content rectangle on the page, and lines as long as the height */
    INT(v[0]->rotate, 90);
    NEAR(v[0]->clip_w, 100);
    NEAR(v[0]->clip_h, 150);
    NEAR(S_line(c, "turned")->a->w, 150);
    /* 270 with no height cannot have lines: drawn at 0, and told */
    INT(v[1]->rotate, 0);
    INT(c->d.n, 1);
    assert_non_null(strstr(c->d.v[0].msg, "without a height"));
}

static void test_inline_box_and_word_spacing(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 300, 200, "",
            "<fo:block>A <fo:inline border='1pt solid red' padding='3pt'>boxed</fo:inline> word</fo:block>\n"
            "<fo:block>a b</fo:block><fo:block word-spacing='10pt'>a b</fo:block>");
    const imp_area *v[4];
    size_t n = 0;
    for (const imp_area *a = S_page(c, 0)->first; a; a = a->next)
        n = S_areas_of(a, IMP_AREA_BOX, IMP_FO_INLINE, v, n, 4);
    INT(n, 1);
    /* one box round the inline: its padding and border make room either side */
    NEAR(v[0]->w, S_text_width("boxed", 12) + 8);
    NEAR(v[0]->border[IMP_START].width, 1);
    /* word-spacing widens the space between the words */
    NEAR(S_line_width(c->lines[2].a), S_line_width(c->lines[1].a) + 10);
}

static void test_list_indents(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 200, 200, "",
            "<fo:list-block provisional-distance-between-starts='30pt'"
            " provisional-label-separation='5pt'>\n"
            "<fo:list-item><fo:list-item-label end-indent='label-end()'><fo:block>1.</fo:block>"
            "</fo:list-item-label>\n"
            "<fo:list-item-body start-indent='body-start()'><fo:block>" WORDS "</fo:block>"
            "</fo:list-item-body></fo:list-item>\n"
            "</fo:list-block>");
    /* label-end() = 200 - (30 - 5): the label is 0..25 */
    const imp_area *label = S_line(c, "1.")->a;
    NEAR(label->x, 0);
    NEAR(label->w, 25);
    NEAR(label->y, 0);
    /* body-start() = 30: the body's lines are 30..200, the first beside the label */
    const imp_area *body = S_line_on(c, 0, 1)->a;
    STR(S_line_on(c, 0, 1)->text, "The quick brown fox jumps ");
    NEAR(body->x, 30);
    NEAR(body->y, 0);
    NEAR(body->w, 170);
    NEAR(S_line_on(c, 0, 2)->a->x, 30);
    NEAR(S_line_on(c, 0, 2)->a->y, 14.4);
}

/* ---- 2. line building ---------------------------------------------------- */

static void test_wrap_within_column(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 100, 400, "", "<fo:block>" WORDS "</fo:block>");
    INT(c->ad->npages, 1);
    if (c->nlines < 5)
        fail_msg("%zu lines; a 100pt column should give at least 5", c->nlines);
    GString *all = g_string_new(NULL);
    for (size_t i = 0; i < c->nlines; i++) {
        const imp_area *a = c->lines[i].a;
        /* every line starts at the column's start and stays inside it */
        NEAR(a->x, 0);
        if (S_line_width(a) > 100 + TOL)
            fail_msg("line %zu \"%s\" is %.2fpt wide in a 100pt column", i, c->lines[i].text,
                     S_line_width(a));
        /* lines stack at 14.4pt */
        NEAR(a->y, 14.4 * (double)i);
        NEAR(a->h, 14.4);
        if (a->baseline <= a->y || a->baseline >= a->y + a->h)
            fail_msg("line %zu: baseline %.2f outside its box", i, a->baseline);
        g_string_append(all, c->lines[i].text);
    }
    /* no character lost or doubled: the lines hold the text (break spaces kept at line ends) */
    char *joined = g_string_free(all, FALSE);
    STR(joined, WORDS);
    g_free(joined);
    /* each line is as full as it can be: the next word would not have fitted */
    for (size_t i = 0; i + 1 < c->nlines; i++) {
        char *first_word = g_strdup(c->lines[i + 1].text);
        char *sp = strchr(first_word, ' ');
        if (sp)
            *sp = '\0';
        char *with = g_strdup_printf("%s%s", c->lines[i].text, first_word);
        g_strchomp(with);
        if (S_text_width(with, 12) <= 100)
            fail_msg("\"%s\" would have fitted on line %zu", first_word, i);
        g_free(with);
        g_free(first_word);
    }
}

static void test_text_align(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 200, 300, "",
            "<fo:block>Start</fo:block>\n"
            "<fo:block text-align='center'>Centre</fo:block>\n"
            "<fo:block text-align='end'>End</fo:block>\n"
            "<fo:block text-align='right'>Right</fo:block>\n"
            "<fo:block margin-left='20pt' margin-right='30pt' text-align='center'>Mid</fo:block>");
    NEAR(S_line(c, "Start")->a->x, 0);
    NEAR(S_line(c, "Centre")->a->x, (200 - S_text_width("Centre", 12)) / 2);
    NEAR(S_line(c, "End")->a->x, 200 - S_text_width("End", 12));
    NEAR(S_line(c, "Right")->a->x, 200 - S_text_width("Right", 12));
    /* centred within the content rectangle the indents leave: 20..170 */
    NEAR(S_line(c, "Mid")->a->x, 20 + (150 - S_text_width("Mid", 12)) / 2);
}

static void test_justify(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 100, 400, "", "<fo:block text-align='justify'>" WORDS "</fo:block>");
    if (c->nlines < 3)
        fail_msg("%zu lines", c->nlines);
    /* every line but the last fills the column; the last is set at start */
    for (size_t i = 0; i + 1 < c->nlines; i++) {
        NEAR(c->lines[i].a->x, 0);
        NEAR(S_line_width(c->lines[i].a), 100);
    }
    const S_ln *last = &c->lines[c->nlines - 1];
    NEAR(last->a->x, 0);
    NEAR(S_line_width(last->a), S_text_width(last->text, 12));
}

static void test_justify_spaces_only(void **state)
{
    S_ctx *c = *state;
    /* a line holding one word (too long to share its line) is not spread
     * letter by letter: XSL justifies at word spaces */
    S_pages(c, 100, 400, "",
            "<fo:block text-align='justify'>abcdef Frameworks Frameworks Frameworks"
            "</fo:block>\n"
            "<fo:block text-align='justify' text-indent='20pt'>ab cd ef gh ij kl mn op qr st"
            " uv wx yz ab cd</fo:block>");
    const S_ln *w = S_line(c, "Frameworks ");
    NEAR(w->a->x, 0);
    NEAR(S_line_width(w->a), S_text_width("Frameworks", 12));
    /* an indented first line fills the column from its indent */
    const S_ln *f = &c->lines[0];
    for (size_t i = 0; i < c->nlines; i++)
        if (!strncmp(c->lines[i].text, "ab cd", 5))
            f = &c->lines[i];
    NEAR(f->a->x, 20);
    NEAR(S_line_width(f->a), 80);
}

static void test_text_align_last(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 100, 400, "",
            "<fo:block text-align='start' text-align-last='end'>" WORDS "</fo:block>\n"
            "<fo:block text-align='center' text-align-last='start'>one two three four five six"
            " seven eight nine</fo:block>\n"
            "<fo:block text-align='justify' text-align-last='center'>" WORDS "</fo:block>\n"
            "<fo:block text-align='start' text-align-last='end' linefeed-treatment='preserve'>"
            "a\nb b\nc</fo:block>");
    /* the last line at the end, the others at the start */
    size_t n = 0, i = 0;
    const S_ln *v[64];
    for (; i < c->nlines && n < 64; i++)
        v[n++] = &c->lines[i];
    const S_ln *end_last = NULL;
    for (i = 0; i < n; i++)
        if (v[i]->a->x > 1 && !end_last)
            end_last = v[i];
    assert_non_null(end_last);
    NEAR(end_last->a->x + S_line_width(end_last->a), 100);
    NEAR(v[0]->a->x, 0);
    /* centred lines, the last at the start */
    const S_ln *nine = S_line(c, "seven eight nine");
    NEAR(nine->a->x, 0);
    /* justified lines, the last centred */
    const S_ln *l = &c->lines[c->nlines - 4];
    NEAR(l->a->x, (100 - S_line_width(l->a)) / 2);
    /* a forced break ends a line as the last line does */
    NEAR(S_line(c, "a")->a->x, 100 - S_text_width("a", 12));
    NEAR(S_line(c, "b b")->a->x, 100 - S_text_width("b b", 12));
}

static void test_text_indent_first_line_only(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 100, 400, "", "<fo:block text-indent='20pt'>" WORDS "</fo:block>");
    const S_ln *first = S_line(c, "The quick ");
    NEAR(first->a->x, 20);
    INT(first - c->lines, 0);
    for (size_t i = 1; i < c->nlines; i++)
        NEAR(c->lines[i].a->x, 0);
    /* the indented first line has 80pt: "brown" would not have fitted */
    if (S_line_width(first->a) > 80 + TOL || S_text_width("The quick brown", 12) <= 80)
        fail_msg("the first line is %.2fpt wide; with the indent only 80pt are left",
                 S_line_width(first->a));
    STR(c->lines[1].text, "brown fox jumps ");
}

static void test_text_indent_negative(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 100, 400, "",
            "<fo:block margin-left='10pt' text-indent='-10pt'>" WORDS "</fo:block>");
    if (c->nlines < 3)
        fail_msg("%zu lines", c->nlines);
    /* BUG layout_para.c S_build: pango_layout_set_indent() with a negative
     * value indents every line but the first (Pango's hanging indent), where
     * XSL moves the first line's start edge back: the first line starts at
     * 0, the others at 10 (the engine gives 10 and 20). */
    KNOWN_BUG(c->lines[1].a->x > 10 + TOL, "negative text-indent indents the other lines");
    NEAR(c->lines[0].a->x, 0);
    for (size_t i = 1; i < c->nlines; i++)
        NEAR(c->lines[i].a->x, 10);
}

static void test_linefeed_preserve(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 300, 300, "",
            "<fo:block linefeed-treatment='preserve'>one\ntwo two\n   three\n\nfive</fo:block>\n"
            "<fo:block>six\nseven</fo:block>");
    STR(c->lines[0].text, "one");
    STR(c->lines[1].text, "two two");
    /* spaces after a preserved line feed go (white-space-treatment's initial value) */
    STR(c->lines[2].text, "three");
    STR(c->lines[3].text, ""); /* an empty source line is an empty line */
    STR(c->lines[4].text, "five");
    for (int i = 0; i < 5; i++) {
        NEAR(c->lines[i].a->y, 14.4 * i);
        NEAR(c->lines[i].a->x, 0);
    }
    /* without preserve a line feed is a space */
    STR(c->lines[5].text, "six seven");
    INT(c->nlines, 6);
}

/* ---- 3. tables ----------------------------------------------------------- */

/* The table cells' BOX areas, in document order. */
static size_t S_cells(const S_ctx *c, const imp_area **v, size_t cap)
{
    size_t n = 0;
    for (const imp_area *p = c->ad->first_page; p; p = p->next)
        n = S_areas_of(p->first, IMP_AREA_BOX, IMP_FO_TABLE_CELL, v, n, cap);
    return n;
}

static void test_table_fixed_columns(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 300, 300, "",
            "<fo:table table-layout='fixed' width='100%'>\n"
            "<fo:table-column column-width='30mm'/>\n"
            "<fo:table-column column-width='proportional-column-width(1)'/>\n"
            "<fo:table-column column-width='proportional-column-width(2)'/>\n"
            "<fo:table-body>\n"
            "<fo:table-row><fo:table-cell><fo:block>a</fo:block></fo:table-cell>"
            "<fo:table-cell><fo:block>b</fo:block></fo:table-cell>"
            "<fo:table-cell><fo:block>c</fo:block></fo:table-cell></fo:table-row>\n"
            "<fo:table-row><fo:table-cell number-columns-spanned='2'><fo:block>ab</fo:block>"
            "</fo:table-cell>\n"
            "<fo:table-cell><fo:block>c2</fo:block></fo:table-cell></fo:table-row>\n"
            "</fo:table-body></fo:table>");
    const imp_area *cell[8];
    size_t n = S_cells(c, cell, 8);
    INT(n, 5);
    double w1 = 30 * 72 / 25.4, rest = 300 - w1;
    double w2 = rest / 3, w3 = rest * 2 / 3;
    NEAR(cell[0]->x, 0);
    NEAR(cell[0]->w, w1);
    NEAR(cell[1]->x, w1);
    NEAR(cell[1]->w, w2);
    NEAR(cell[2]->x, w1 + w2);
    NEAR(cell[2]->w, w3);
    /* a spanning cell is as wide as its columns together */
    NEAR(cell[3]->x, 0);
    NEAR(cell[3]->w, w1 + w2);
    NEAR(cell[4]->x, w1 + w2);
    NEAR(cell[4]->w, w3);
    /* the cells' text starts at the cells' start */
    NEAR(S_line(c, "c")->a->x, w1 + w2);
    NEAR(S_line(c, "c2")->a->y, 14.4);
}

static void test_table_fixed_separate_borders(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 300, 300, "",
            "<fo:table table-layout='fixed' width='200pt' border-collapse='separate'"
            " border-separation='10pt'>\n"
            "<fo:table-column column-width='50pt'/>\n"
            "<fo:table-column column-width='proportional-column-width(1)'/>\n"
            "<fo:table-body>\n"
            "<fo:table-row><fo:table-cell><fo:block>a</fo:block></fo:table-cell>"
            "<fo:table-cell><fo:block>b</fo:block></fo:table-cell></fo:table-row>\n"
            "<fo:table-row><fo:table-cell number-columns-spanned='2'><fo:block>ab</fo:block>"
            "</fo:table-cell></fo:table-row>\n"
            "</fo:table-body></fo:table>");
    const imp_area *cell[4];
    INT(S_cells(c, cell, 4), 3);
    /* 200 = 10 + 50 + 10 + w + 10: w = 120 */
    NEAR(cell[0]->x, 10);
    NEAR(cell[0]->w, 50);
    NEAR(cell[1]->x, 70);
    NEAR(cell[1]->w, 120);
    /* spanning: both columns and the separation between them */
    NEAR(cell[2]->x, 10);
    NEAR(cell[2]->w, 180);
}

static size_t S_cells_on(const S_ctx *c, int page, const imp_area **v, size_t cap);

static void test_table_separate_rows_and_spans(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 300, 300, "",
            "<fo:table table-layout='fixed' width='200pt' border-collapse='separate'"
            " border-separation='10pt'>\n"
            "<fo:table-column column-width='50pt'/>\n"
            "<fo:table-column column-width='proportional-column-width(1)'/>\n"
            "<fo:table-body>\n"
            "<fo:table-row><fo:table-cell number-rows-spanned='2'><fo:block>a</fo:block>"
            "</fo:table-cell><fo:table-cell><fo:block>b</fo:block></fo:table-cell></fo:table-row>\n"
            "<fo:table-row><fo:table-cell><fo:block>c</fo:block></fo:table-cell></fo:table-row>\n"
            "</fo:table-body></fo:table><fo:block>after</fo:block>");
    const imp_area *cell[4];
    INT(S_cells(c, cell, 4), 3);
    /* every row begins with the separation: 10, 14.4, 10, 14.4, 10 */
    NEAR(cell[1]->y, 10);
    NEAR(cell[2]->y, 34.4);
    NEAR(cell[2]->x, 70);
    /* the spanning cell covers both rows and the separation between them */
    NEAR(cell[0]->y, 10);
    NEAR(cell[0]->h, 38.8);
    /* and one more separation closes the table */
    NEAR(S_line(c, "after")->a->y, 58.8);
}

/* The cell areas' sides: the border drawn (width, 0 when not) and whether
 * it is centred on the edge. */
static double S_bw(const imp_area *a, int side)
{
    if (a->unpainted || (a->hidden & (1u << side)) || a->border[side].style == IMP_BS_NONE)
        return 0;
    return a->border[side].width;
}

static void test_table_collapse_shared_edges(void **state)
{
    S_ctx *c = *state;
    /* a 2 x 2 grid of 1pt cells in a 3pt table; one cell asks for 4pt on
     * its end, and the other cell's 1pt start loses to it */
    S_pages(c, 300, 300, "",
            "<fo:table table-layout='fixed' width='200pt' border='3pt solid black'>\n"
            "<fo:table-column column-width='100pt'/><fo:table-column column-width='100pt'/>\n"
            "<fo:table-body>\n"
            "<fo:table-row><fo:table-cell border='1pt solid black' border-end-width='4pt'>"
            "<fo:block>a</fo:block></fo:table-cell>"
            "<fo:table-cell border='1pt solid black'><fo:block>b</fo:block></fo:table-cell>"
            "</fo:table-row>\n"
            "<fo:table-row><fo:table-cell border='1pt solid black'><fo:block>c</fo:block>"
            "</fo:table-cell><fo:table-cell border='1pt solid black' border-before-style='hidden'>"
            "<fo:block>d</fo:block></fo:table-cell></fo:table-row>\n"
            "</fo:table-body></fo:table>");
    const imp_area *cell[4];
    INT(S_cells(c, cell, 4), 4);
    const imp_area *a = cell[0], *b = cell[1], *cc = cell[2], *d = cell[3];
    /* the table's edges: the wider table border, drawn inside the cells */
    NEAR(S_bw(a, IMP_BEFORE), 3);
    NEAR(S_bw(a, IMP_START), 3);
    INT(a->centred & (1u << IMP_BEFORE | 1u << IMP_START), 0);
    NEAR(S_bw(b, IMP_END), 3);
    NEAR(S_bw(d, IMP_AFTER), 3);
    /* the edge a|b: 4pt (wider wins), centred, drawn once (by b) */
    NEAR(S_bw(a, IMP_END), 0);
    NEAR(S_bw(b, IMP_START), 4);
    INT(!!(b->centred & (1u << IMP_START)), 1);
    /* the cells' text stands clear of half of it: 100 - 2 = 98 for a */
    NEAR(S_line(c, "b")->a->x, 102);
    NEAR(S_line(c, "a")->a->x, 3);
    /* the edge a/c: 1pt, drawn by c */
    NEAR(S_bw(a, IMP_AFTER), 0);
    NEAR(S_bw(cc, IMP_BEFORE), 1);
    /* hidden wins over everything: no edge between b and d */
    NEAR(S_bw(d, IMP_BEFORE), 0);
    NEAR(S_bw(b, IMP_AFTER), 0);
}

static void test_table_collapse_edge_at_page_cut(void **state)
{
    S_ctx *c = *state;
    /* rows of 1pt cells over three pages of 50pt: where a page cuts the
     * table, the last row there draws its after edge, inside, and the first
     * row of the next page its before edge, inside */
    GString *rows = g_string_new("");
    for (int i = 0; i < 8; i++)
        g_string_append(rows, "<fo:table-row><fo:table-cell border='1pt solid black'>"
                              "<fo:block>row</fo:block></fo:table-cell></fo:table-row>\n");
    char *flow = g_strdup_printf("<fo:table table-layout='fixed' width='100pt'>"
                                 "<fo:table-body>%s</fo:table-body></fo:table>",
                                 rows->str);
    g_string_free(rows, TRUE);
    S_pages(c, 200, 50, "", flow);
    g_free(flow);
    const imp_area *p1[8], *p2[8];
    size_t n1 = S_cells_on(c, 0, p1, 8), n2 = S_cells_on(c, 1, p2, 8);
    assert_true(n1 >= 2 && n2 >= 2);
    /* inside the page: drawn once, centred */
    NEAR(S_bw(p1[0], IMP_AFTER), 0);
    NEAR(S_bw(p1[1], IMP_BEFORE), 1);
    INT(!!(p1[1]->centred & (1u << IMP_BEFORE)), 1);
    /* at the cut */
    NEAR(S_bw(p1[n1 - 1], IMP_AFTER), 1);
    INT(p1[n1 - 1]->centred & (1u << IMP_AFTER), 0);
    NEAR(S_bw(p2[0], IMP_BEFORE), 1);
    INT(p2[0]->centred & (1u << IMP_BEFORE), 0);
}

static void test_table_auto_columns(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 400, 300, "",
            "<fo:table>\n<fo:table-body>\n"
            "<fo:table-row><fo:table-cell><fo:block>A</fo:block></fo:table-cell>"
            "<fo:table-cell><fo:block>Wider content</fo:block></fo:table-cell></fo:table-row>\n"
            "<fo:table-row><fo:table-cell><fo:block>Abc</fo:block></fo:table-cell>"
            "<fo:table-cell><fo:block>x</fo:block></fo:table-cell></fo:table-row>\n"
            "<fo:table-row><fo:table-cell number-columns-spanned='2'><fo:block>s</fo:block>"
            "</fo:table-cell></fo:table-row>\n"
            "</fo:table-body></fo:table>\n"
            "<fo:table>\n<fo:table-body>\n"
            "<fo:table-row><fo:table-cell><fo:block>" WORDS " " WORDS "</fo:block></fo:table-cell>"
            "<fo:table-cell><fo:block>Short</fo:block></fo:table-cell></fo:table-row>\n"
            "</fo:table-body></fo:table>");
    const imp_area *cell[8];
    INT(S_cells(c, cell, 8), 7);
    /* each column as wide as its widest content (no wrapping needed) */
    double w1 = S_text_width("Abc", 12), w2 = S_text_width("Wider content", 12);
    NEAR(cell[0]->x, 0);
    NEAR(cell[0]->w, w1);
    NEAR(cell[1]->x, w1);
    NEAR(cell[1]->w, w2);
    NEAR(cell[2]->w, w1);
    NEAR(cell[3]->x, w1);
    NEAR(cell[3]->w, w2);
    NEAR(cell[4]->w, w1 + w2); /* spanning */
    /* the table itself shrinks to its columns */
    const imp_area *tables[2];
    size_t nt = 0;
    nt = S_areas_of(S_page(c, 0)->first, IMP_AREA_BOX, IMP_FO_TABLE, tables, nt, 2);
    if (nt < 2)
        fail_msg("%zu table boxes", nt);
    NEAR(tables[0]->w, w1 + w2);
    /* content too wide for the page: the long column wraps, the short one keeps its words */
    double ws = S_text_width("Short", 12);
    NEAR(cell[6]->w, ws);
    NEAR(cell[5]->w, 400 - ws);
    NEAR(cell[6]->x, 400 - ws);
    size_t wrapped = 0;
    for (size_t i = 0; i < c->nlines; i++)
        if (S_inside(c->lines[i].a, cell[5])) {
            wrapped++;
            if (S_line_width(c->lines[i].a) > cell[5]->w + TOL)
                fail_msg("\"%s\" is wider than its cell", c->lines[i].text);
        }
    if (wrapped < 2)
        fail_msg("the long cell has %zu lines", wrapped);
}

/* ---- 4. pagination ------------------------------------------------------- */

/* Pages of 100pt × 100pt with 10pt text: every line is 12pt, 8 fit a page. */
#define SMALL 100, 100, "font-size='10pt'"

/* A table row of one cell holding one line. */
#define ROW(text)                                                                                \
    "<fo:table-row><fo:table-cell><fo:block>" text "</fo:block></fo:table-cell></fo:table-row>"

static void test_break_before_page(void **state)
{
    S_ctx *c = *state;
    S_pages(c, SMALL,
            "<fo:block>A</fo:block>\n"
            "<fo:block break-before='page'>B</fo:block>\n"
            "<fo:block>C</fo:block>\n"
            "<fo:block break-after='page'>D</fo:block>\n"
            "<fo:block>E</fo:block>");
    INT(c->ad->npages, 3);
    INT(S_line(c, "A")->page, 0);
    INT(S_line(c, "B")->page, 1);
    NEAR(S_line(c, "B")->a->y, 0);
    INT(S_line(c, "C")->page, 1);
    NEAR(S_line(c, "C")->a->y, 12);
    INT(S_line(c, "D")->page, 1);
    INT(S_line(c, "E")->page, 2);
    NEAR(S_line(c, "E")->a->y, 0);
}

static void test_break_after_parity(void **state)
{
    S_ctx *c = *state;
    S_pages(c, SMALL,
            "<fo:block break-after='page'>A</fo:block>\n"
            "<fo:block break-after='even-page'>B</fo:block>\n"
            "<fo:block>C</fo:block>\n"
            "<fo:block break-before='page' break-after='odd-page'>D</fo:block>\n"
            "<fo:block>E</fo:block>");
    /* after B (page 2) the next even page is 4; after D (page 5) the next odd is 7 */
    INT(S_line(c, "B")->page, 1);
    INT(S_line(c, "C")->page, 3);
    INT(S_line(c, "D")->page, 4);
    INT(S_line(c, "E")->page, 6);
    INT(c->ad->npages, 7);
}

static void test_break_before_first_block_makes_no_blank_page(void **state)
{
    S_ctx *c = *state;
    S_pages(c, SMALL, "<fo:block break-before='page'>A</fo:block>");
    INT(c->ad->npages, 1);
    INT(S_line(c, "A")->page, 0);
}

static void test_spaces(void **state)
{
    S_ctx *c = *state;
    S_pages(c, SMALL,
            "<fo:block space-after='10pt'>a</fo:block>\n"
            "<fo:block space-before='6pt'>b</fo:block>\n"
            "<fo:block space-before='20pt' break-before='page'>c</fo:block>\n"
            "<fo:block space-before='20pt' space-before.conditionality='retain'"
            " break-before='page'>d</fo:block>");
    NEAR(S_line(c, "a")->a->y, 0);
    /* adjacent spaces resolve to the larger one */
    NEAR(S_line(c, "b")->a->y, 22);
    /* space-before at the top of a page is discarded, unless retained */
    INT(S_line(c, "c")->page, 1);
    NEAR(S_line(c, "c")->a->y, 0);
    INT(S_line(c, "d")->page, 2);
    NEAR(S_line(c, "d")->a->y, 20);
}

/* SMALL pages holding n one-line blocks "f1".."fn" (12pt each), then tail. */
static imp_area_doc *S_after_fill(S_ctx *c, int n, const char *tail)
{
    GString *g = g_string_new(NULL);
    for (int i = 1; i <= n; i++)
        g_string_append_printf(g, "<fo:block>f%d</fo:block>\n", i);
    g_string_append(g, tail);
    char *flow = g_string_free(g, FALSE);
    imp_area_doc *ad = S_pages(c, SMALL, flow);
    g_free(flow);
    return ad;
}

/* Five lines "<p>1".."<p>5" in one paragraph (preserved line feeds), with attrs. */
#define PARA5(attrs, p)                                                                          \
    "<fo:block linefeed-treatment='preserve' " attrs ">" p "1\n" p "2\n" p "3\n" p "4\n" p       \
    "5</fo:block>"

static void test_spaces_nested(void **state)
{
    S_ctx *c = *state;
    S_pages(c, SMALL,
            "<fo:block>a</fo:block>\n"
            "<fo:block space-before='10pt' space-after='4pt'><fo:block space-before='12pt'"
            " space-after='8pt'>b</fo:block></fo:block>\n"
            "<fo:block space-before='5pt' border-before='1pt solid black'><fo:block"
            " space-before='6pt'>c</fo:block></fo:block>\n"
            "<fo:list-block provisional-distance-between-starts='20pt'>"
            "<fo:list-item space-before='3pt'>"
            "<fo:list-item-label end-indent='label-end()'><fo:block>*</fo:block></fo:list-item-label>"
            "<fo:list-item-body start-indent='body-start()'><fo:block><fo:block"
            " space-before='10pt'>d</fo:block></fo:block></fo:list-item-body></fo:list-item>"
            "</fo:list-block>");
    /* a block's space-before and its first child's are adjacent: the larger
     * one (12) counts, once */
    NEAR(S_line(c, "b")->a->y, 12 + 12);
    /* so are the spaces after: the larger (8) stands before the next block;
     * a border between them keeps the inner space inside */
    NEAR(S_line(c, "c")->a->y, 24 + 12 + 8 + 1 + 6);
    /* a list item's body and label start level, the body's space before the item */
    NEAR(S_line(c, "d")->a->y, 51 + 12 + 10);
    NEAR(S_line(c, "*")->a->y, S_line(c, "d")->a->y);
}

static void test_keep_with_next(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 7,
                 "<fo:block keep-with-next='always'>Heading</fo:block>\n"
                 "<fo:block>Body</fo:block>");
    INT(c->ad->npages, 2);
    INT(S_line(c, "f7")->page, 0);
    /* the heading would fit at 84..96, but its successor would not: both move */
    INT(S_line(c, "Heading")->page, 1);
    NEAR(S_line(c, "Heading")->a->y, 0);
    INT(S_line(c, "Body")->page, 1);
    NEAR(S_line(c, "Body")->a->y, 12);
}

static void test_no_keep_splits(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 7, "<fo:block>Heading</fo:block>\n<fo:block>Body</fo:block>");
    /* the control: without the keep the heading stays at the page's foot */
    INT(S_line(c, "Heading")->page, 0);
    NEAR(S_line(c, "Heading")->a->y, 84);
    INT(S_line(c, "Body")->page, 1);
    NEAR(S_line(c, "Body")->a->y, 0);
}

static void test_keep_strengths(void **state)
{
    S_ctx *c = *state;
    /* A keeps with B (always), B with C (1), C with D (always), and the four
     * are taller than a page: the weakest keep gives, between B and C */
    S_pages(c, SMALL,
            "<fo:block>1</fo:block><fo:block>2</fo:block>\n"
            "<fo:block keep-with-next='always' linefeed-treatment='preserve'>A1\nA2\nA3</fo:block>\n"
            "<fo:block keep-with-next='1' linefeed-treatment='preserve'>B1\nB2\nB3</fo:block>\n"
            "<fo:block keep-with-next='always' linefeed-treatment='preserve'>C1\nC2\nC3</fo:block>\n"
            "<fo:block linefeed-treatment='preserve'>D1\nD2\nD3</fo:block>\n"
            "<fo:block break-before='page'>1</fo:block><fo:block>2</fo:block>"
            "<fo:block>3</fo:block><fo:block>4</fo:block><fo:block>5</fo:block>\n"
            "<fo:block keep-with-next='1'>E</fo:block>\n"
            "<fo:block keep-with-next='always'>F</fo:block>\n"
            "<fo:block linefeed-treatment='preserve'>G1\nG2\nG3</fo:block>");
    INT(S_line(c, "A1")->page, 0);
    INT(S_line(c, "B3")->page, 0);
    INT(S_line(c, "C1")->page, 1);
    INT(S_line(c, "D1")->page, 1);
    /* keeps that can all hold do: E, F and G's first lines move on together */
    INT(S_line(c, "5")->page, 2);
    INT(S_line(c, "E")->page, 3);
    INT(S_line(c, "F")->page, 3);
    INT(S_line(c, "G1")->page, 3);
}

static void test_keep_that_cannot_hold_is_told(void **state)
{
    S_ctx *c = *state;
    /* keep-together="always" on a block taller than the page: broken, told;
     * an integer strength is broken silently */
    S_pages(c, SMALL,
            "<fo:block keep-together='always' linefeed-treatment='preserve'>1\n2\n3\n4\n5\n6\n7\n8\n"
            "9\n10</fo:block>\n"
            "<fo:block keep-together='5' linefeed-treatment='preserve'>1\n2\n3\n4\n5\n6\n7\n8\n"
            "9\n10</fo:block>");
    INT(c->d.n, 1);
    assert_non_null(strstr(c->d.v[0].msg, "keep-together=\"always\""));
    INT(c->d.v[0].line, 6); /* the first block's line in the test's document */
}

static void test_keep_chain_of_three(void **state)
{
    S_ctx *c = *state;
    /* a heading kept with an intro kept with a two-line paragraph: at the
     * foot of a page the heading goes on with both, not left alone */
    S_pages(c, SMALL,
            "<fo:block>1</fo:block><fo:block>2</fo:block><fo:block>3</fo:block>"
            "<fo:block>4</fo:block><fo:block>5</fo:block>\n"
            "<fo:block keep-with-next='always'>Heading</fo:block>\n"
            "<fo:block keep-with-next='always'>Intro</fo:block>\n"
            "<fo:block linefeed-treatment='preserve'>P1\nP2\nP3</fo:block>");
    INT(S_line(c, "5")->page, 0);
    INT(S_line(c, "Heading")->page, 1);
    INT(S_line(c, "Intro")->page, 1);
    INT(S_line(c, "P1")->page, 1);
}

static void test_keep_with_previous(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 7,
                 "<fo:block>Heading</fo:block>\n"
                 "<fo:block keep-with-previous.within-page='always'>Body</fo:block>");
    INT(c->ad->npages, 2);
    INT(S_line(c, "Heading")->page, 1);
    INT(S_line(c, "Body")->page, 1);
}

static void test_keep_with_next_inside_a_block(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 7,
                 "<fo:block><fo:block keep-with-next='always'>Heading</fo:block>\n"
                 "<fo:block>Body</fo:block></fo:block>");
    INT(S_line(c, "Heading")->page, 1);
    INT(S_line(c, "Body")->page, 1);
}

static void test_keep_with_next_into_nested_blocks(void **state)
{
    S_ctx *c = *state;
    /* the successor's first line is inside a child block */
    S_after_fill(c, 7,
                 "<fo:block keep-with-next='always'>Heading</fo:block>\n"
                 "<fo:block><fo:block>Body</fo:block><fo:block>More</fo:block></fo:block>");
    INT(S_line(c, "Heading")->page, 1);
    INT(S_line(c, "Body")->page, 1);
}

static void test_keep_with_next_table(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 7,
                 "<fo:block keep-with-next='always'>Heading</fo:block>\n"
                 "<fo:table><fo:table-body>" ROW("r1") ROW("r2") "</fo:table-body></fo:table>");
    INT(S_line(c, "Heading")->page, 1);
    INT(S_line(c, "r1")->page, 1);
    NEAR(S_line(c, "r1")->a->y, 12);
}

static void test_keep_with_next_and_orphans(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 6,
                 "<fo:block keep-with-next='always'>Heading</fo:block>\n" PARA5("", "p"));
    /* the heading fits (72..84) and so would one line after it, but orphans='2'
     * sends the paragraph on: the heading must go with it */
    INT(S_line(c, "p1")->page, 1);
    /* BUG layout_place.c S_children: the keep-with-next test measures only the
     * successor's first line (S_first_piece), not the orphans lines S_line
     * then asks for, so the heading stays alone at the foot of page 1. */
    KNOWN_BUG(S_line(c, "Heading")->page == 0,
              "keep-with-next ignores the orphans the next paragraph needs");
    INT(S_line(c, "Heading")->page, 1);
    NEAR(S_line(c, "Heading")->a->y, 0);
    NEAR(S_line(c, "p1")->a->y, 12);
}

static void test_block_pushed_to_next_page(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 8,
                 "<fo:block id='x' border-before-style='solid' border-before-width='1pt'>"
                 "target</fo:block>\n"
                 "<fo:block>on <fo:page-number-citation ref-id='x'/></fo:block>");
    /* 8 lines fill the page: the 13pt block goes to page 2 */
    INT(S_line(c, "target")->page, 1);
    /* BUG layout_place.c S_block: the block's box, its DEST and its id's page
     * are made before its first line finds there is no room, so page 1 keeps
     * a fragment holding only the border-before (drawn at its foot) and the
     * destination; the citation says 1 and links to x go to page 1. */
    KNOWN_BUG(!strcmp(S_line_on(c, 1, 1)->text, "on 1"),
              "a block pushed to the next page leaves its id and border-before behind");
    STR(S_line_on(c, 1, 1)->text, "on 2");
    /* nothing of it stays on page 1: eight blocks, no destination */
    const imp_area *v[16];
    INT(S_areas_of(S_page(c, 0)->first, IMP_AREA_BOX, IMP_FO_BLOCK, v, 0, 16), 8);
    INT(S_areas_of(S_page(c, 0)->first, IMP_AREA_DEST, IMP_FO_UNKNOWN, v, 0, 16), 0);
    /* on page 2 it starts with its border */
    NEAR(S_line(c, "target")->a->y, 1);
    INT(S_areas_of(S_page(c, 1)->first, IMP_AREA_DEST, IMP_FO_UNKNOWN, v, 0, 16), 1);
}

static void test_keep_together(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 6,
                 "<fo:block keep-together.within-page='always' linefeed-treatment='preserve'>"
                 "k1\nk2\nk3</fo:block>");
    /* three lines from 72pt need 108pt: the kept block moves whole */
    INT(c->ad->npages, 2);
    INT(S_line(c, "f6")->page, 0);
    INT(S_line(c, "k1")->page, 1);
    NEAR(S_line(c, "k1")->a->y, 0);
    INT(S_line(c, "k3")->page, 1);
    NEAR(S_line(c, "k3")->a->y, 24);
}

static void test_no_keep_together_splits(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 6, "<fo:block linefeed-treatment='preserve' widows='1'>s1\ns2\ns3</fo:block>");
    /* the control: the same block without the keep splits after two lines */
    INT(S_line(c, "s2")->page, 0);
    NEAR(S_line(c, "s2")->a->y, 84);
    INT(S_line(c, "s3")->page, 1);
    NEAR(S_line(c, "s3")->a->y, 0);
}

static void test_keep_together_table(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 6,
                 "<fo:table keep-together.within-page='always'><fo:table-body>" ROW("r1")
                     ROW("r2") ROW("r3") "</fo:table-body></fo:table>");
    INT(S_line(c, "r1")->page, 1);
    NEAR(S_line(c, "r1")->a->y, 0);
    INT(S_line(c, "r3")->page, 1);
}

static void test_orphans_move_whole_paragraph(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 7, PARA5("", "p"));
    /* one line of room is fewer than orphans='2': the paragraph starts on page 2 */
    INT(c->ad->npages, 2);
    INT(S_lines_on(c, 0), 7);
    static const char *p[] = {"p1", "p2", "p3", "p4", "p5"};
    for (int i = 0; i < 5; i++) {
        INT(S_line(c, p[i])->page, 1);
        NEAR(S_line(c, p[i])->a->y, 12 * i);
    }
}

static void test_orphans_one_allows_a_single_line(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 7, PARA5("orphans='1'", "p"));
    INT(S_line(c, "p1")->page, 0);
    NEAR(S_line(c, "p1")->a->y, 84);
    INT(S_line(c, "p2")->page, 1);
    NEAR(S_line(c, "p2")->a->y, 0);
}

static void test_widows(void **state)
{
    S_ctx *c = *state;
    /* room for four of the five lines: the fifth would be left alone */
    S_after_fill(c, 4, PARA5("widows='2'", "p"));
    INT(S_line(c, "p3")->page, 0);
    NEAR(S_line(c, "p3")->a->y, 72);
    INT(S_line(c, "p4")->page, 1);
    NEAR(S_line(c, "p4")->a->y, 0);
    INT(S_line(c, "p5")->page, 1);
    NEAR(S_line(c, "p5")->a->y, 12);
}

static void test_widows_three(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 4, PARA5("widows='3'", "q"));
    /* two lines stay (orphans='2' still holds), three go */
    INT(S_line(c, "q2")->page, 0);
    INT(S_line(c, "q3")->page, 1);
    NEAR(S_line(c, "q3")->a->y, 0);
    INT(S_line(c, "q5")->page, 1);
}

static void test_widows_in_a_long_paragraph(void **state)
{
    S_ctx *c = *state;
    S_pages(c, SMALL,
            "<fo:block linefeed-treatment='preserve'>1\n2\n3\n4\n5\n6\n7\n8\n9</fo:block>");
    /* 8 + 1 would leave a widow: 7 + 2 */
    INT(S_line(c, "7")->page, 0);
    INT(S_line(c, "8")->page, 1);
    NEAR(S_line(c, "8")->a->y, 0);
    INT(S_line(c, "9")->page, 1);
}

/* A table of n one-line rows "r1".."rn" (12pt each) after a header or footer. */
static char *S_long_table(const char *attrs, const char *group, int n)
{
    GString *g = g_string_new(NULL);
    g_string_append_printf(g, "<fo:table %s>\n", attrs);
    if (group)
        g_string_append(g, group);
    g_string_append(g, "<fo:table-body>\n");
    for (int i = 1; i <= n; i++)
        g_string_append_printf(g, "<fo:table-row><fo:table-cell><fo:block>r%d</fo:block>"
                                  "</fo:table-cell></fo:table-row>\n",
                               i);
    g_string_append(g, "</fo:table-body></fo:table>\n<fo:block>After</fo:block>");
    return g_string_free(g, FALSE);
}

static void test_table_header_repeats(void **state)
{
    S_ctx *c = *state;
    char *flow = S_long_table("table-layout='fixed' width='100%'",
                              "<fo:table-column column-width='proportional-column-width(1)'/>"
                              "<fo:table-header>" ROW("Head") "</fo:table-header>\n",
                              20);
    S_pages(c, SMALL, flow);
    g_free(flow);
    /* 8 lines a page: the header and 7 rows; 20 rows take 3 pages */
    INT(c->ad->npages, 3);
    for (int p = 0; p < 3; p++) {
        const S_ln *h = S_line_on(c, p, 0);
        STR(h->text, "Head");
        NEAR(h->a->y, 0);
        if (!S_ancestor(h->a, "THead"))
            fail_msg("the header on page %d is not in a THead", p + 1);
    }
    INT(S_line(c, "r1")->page, 0);
    NEAR(S_line(c, "r1")->a->y, 12);
    INT(S_line(c, "r7")->page, 0);
    INT(S_line(c, "r8")->page, 1);
    NEAR(S_line(c, "r8")->a->y, 12);
    INT(S_line(c, "r14")->page, 1);
    INT(S_line(c, "r15")->page, 2);
    NEAR(S_line(c, "r15")->a->y, 12);
    INT(S_line(c, "After")->page, 2);
    NEAR(S_line(c, "After")->a->y, 12 * 7);
    int heads = 0;
    for (size_t i = 0; i < c->nlines; i++)
        heads += !strcmp(c->lines[i].text, "Head");
    INT(heads, 3);
}

static void test_table_footer_repeats(void **state)
{
    S_ctx *c = *state;
    char *flow = S_long_table("", "<fo:table-footer>" ROW("Foot") "</fo:table-footer>\n", 10);
    S_pages(c, SMALL, flow);
    g_free(flow);
    /* 7 rows and the footer on page 1; 3 rows and the footer on page 2 */
    INT(c->ad->npages, 2);
    INT(S_line(c, "r7")->page, 0);
    INT(S_line(c, "r8")->page, 1);
    NEAR(S_line(c, "r8")->a->y, 0);
    const S_ln *f1 = S_line_on(c, 0, 7), *f2 = S_line_on(c, 1, 3);
    STR(f1->text, "Foot");
    NEAR(f1->a->y, 84);
    STR(f2->text, "Foot");
    NEAR(f2->a->y, 36);
    if (!S_ancestor(f2->a, "TFoot"))
        fail_msg("the footer on page 2 is not in a TFoot");
    INT(S_line(c, "After")->page, 1);
    NEAR(S_line(c, "After")->a->y, 48);
}

static void test_table_row_break_before(void **state)
{
    S_ctx *c = *state;
    S_pages(c, SMALL,
            "<fo:table><fo:table-body>" ROW("r1")
            "<fo:table-row break-before='page'><fo:table-cell><fo:block>r2</fo:block>"
            "</fo:table-cell></fo:table-row>" ROW("r3") "</fo:table-body></fo:table>");
    INT(S_line(c, "r1")->page, 0);
    /* BUG layout_place.c S_table: rows carry break_before/break_after
     * (layout_table.c S_new_row) but the row loop never looks at them, so
     * the break is dropped without a warning. */
    KNOWN_BUG(S_line(c, "r2")->page == 0, "break-before on a table-row is ignored");
    INT(c->ad->npages, 2);
    INT(S_line(c, "r2")->page, 1);
    NEAR(S_line(c, "r2")->a->y, 0);
    INT(S_line(c, "r3")->page, 1);
}

/* A table: header row "Head", the rows in body (fo:table-row elements), then
 * a block "After". Two columns: 20pt and the rest. */
static void S_split_table(S_ctx *c, const char *body)
{
    char *flow = g_strdup_printf(
        "<fo:table table-layout='fixed' width='100%%'>"
        "<fo:table-column column-width='20pt'/>"
        "<fo:table-column column-width='proportional-column-width(1)'/>"
        "<fo:table-header><fo:table-row><fo:table-cell><fo:block>H</fo:block></fo:table-cell>"
        "<fo:table-cell><fo:block>Head</fo:block></fo:table-cell></fo:table-row>"
        "</fo:table-header>\n<fo:table-body>%s</fo:table-body></fo:table>\n"
        "<fo:block>After</fo:block>",
        body);
    S_pages(c, SMALL, flow);
    g_free(flow);
}

/* A body row: a one-line first cell, and a second cell of preserved lines. */
#define LROW(attrs, first, lines)                                                                \
    "<fo:table-row " attrs "><fo:table-cell><fo:block>" first "</fo:block></fo:table-cell>"      \
    "<fo:table-cell><fo:block linefeed-treatment='preserve'>" lines "</fo:block>"               \
    "</fo:table-cell></fo:table-row>\n"

static size_t S_cells_on(const S_ctx *c, int page, const imp_area **v, size_t cap)
{
    return S_areas_of(S_page(c, page)->first, IMP_AREA_BOX, IMP_FO_TABLE_CELL, v, 0, cap);
}

static void test_table_row_splits_between_lines(void **state)
{
    S_ctx *c = *state;
    S_split_table(c, LROW("", "r1", "one") LROW("", "x", "a1\na2\na3\na4\na5\na6\na7\na8\na9\na10"));
    /* page 1: the header, r1 and the six lines that fit; page 2: the header
     * again, then the rest of the row (the row is not moved whole) */
    INT(c->ad->npages, 2);
    INT(S_line(c, "a1")->page, 0);
    NEAR(S_line(c, "a1")->a->y, 24);
    INT(S_line(c, "a6")->page, 0);
    NEAR(S_line(c, "a6")->a->y, 84);
    STR(S_line_on(c, 1, 0)->text, "H");
    STR(S_line_on(c, 1, 1)->text, "Head");
    INT(S_line(c, "a7")->page, 1);
    NEAR(S_line(c, "a7")->a->y, 12);
    NEAR(S_line(c, "a10")->a->y, 48);
    INT(S_line(c, "After")->page, 1);
    NEAR(S_line(c, "After")->a->y, 60);
    /* both parts of the cell are one structure element; the first column's
     * cell goes on, empty, so the row has its two cells on page 2 too */
    const imp_area *td1 = S_ancestor(S_line(c, "a6")->a, "TD"), *td2 = S_ancestor(S_line(c, "a7")->a, "TD");
    if (!td1 || !td2 || td1 == td2 || td1->struct_id != td2->struct_id)
        fail_msg("the split cell is not one TD continued on the next page");
    const imp_area *cells[8];
    INT(S_cells_on(c, 1, cells, 8), 4); /* two header cells, two body cells */
    NEAR(cells[2]->y, 12);
    NEAR(cells[2]->h, 48);
    NEAR(cells[3]->h, 48);
    INT(cells[2]->first == NULL, 1);
    if (S_diag(&c->d, IMP_SEV_WARNING, "taller than the page"))
        fail_msg("a row that breaks needs no warning");
}

static void test_table_row_keep_together_moves_whole(void **state)
{
    S_ctx *c = *state;
    S_split_table(c, LROW("", "r1", "1") LROW("", "r2", "2") LROW("", "r3", "3")
                         LROW("", "r4", "4") LROW("", "r5", "5")
                         LROW("keep-together.within-page='always'", "k", "k1\nk2\nk3\nk4"));
    /* 24pt are left under r5: the kept row goes to page 2 whole */
    INT(S_line(c, "r5")->page, 0);
    INT(S_line(c, "k1")->page, 1);
    NEAR(S_line(c, "k1")->a->y, 12);
    INT(S_line(c, "k4")->page, 1);
    INT(S_line(c, "k")->page, 1);
}

static void test_table_row_without_keep_splits(void **state)
{
    S_ctx *c = *state;
    S_split_table(c, LROW("", "r1", "1") LROW("", "r2", "2") LROW("", "r3", "3")
                         LROW("", "r4", "4") LROW("", "r5", "5") LROW("", "k", "k1\nk2\nk3\nk4"));
    /* the control: the same row without the keep breaks two and two */
    INT(S_line(c, "k1")->page, 0);
    NEAR(S_line(c, "k1")->a->y, 72);
    INT(S_line(c, "k2")->page, 0);
    INT(S_line(c, "k3")->page, 1);
    NEAR(S_line(c, "k3")->a->y, 12);
    INT(S_line(c, "k")->page, 0);
}

static void test_table_row_kept_but_taller_than_page(void **state)
{
    S_ctx *c = *state;
    S_split_table(c, LROW("", "r1", "1")
                         LROW("keep-together.within-page='always'", "k",
                              "k1\nk2\nk3\nk4\nk5\nk6\nk7\nk8\nk9\nk10"));
    /* it moves to page 2 first (the keep), and is still too tall: broken
     * there anyway, going on on page 3 after the header */
    INT(S_line(c, "r1")->page, 0);
    INT(S_line(c, "k1")->page, 1);
    NEAR(S_line(c, "k1")->a->y, 12);
    INT(S_line(c, "k7")->page, 1);
    INT(S_line(c, "k8")->page, 2);
    NEAR(S_line(c, "k8")->a->y, 12);
    INT(c->ad->npages, 3);
    const imp_diag *w = S_diag(&c->d, IMP_SEV_WARNING, "keep-together");
    if (!w)
        fail_msg("no warning about the kept row broken anyway");
    INT(w->line, 8); /* the row's line in the test's FO */
}

static void test_table_row_split_keeps_widows(void **state)
{
    S_ctx *c = *state;
    /* under r1..r4 three lines are left: b1 and a three-line paragraph
     * would leave one line alone on either side, so the break goes before it */
    S_split_table(c, LROW("", "r1", "1") LROW("", "r2", "2") LROW("", "r3", "3")
                         LROW("", "r4", "4")
                         "<fo:table-row><fo:table-cell><fo:block>x</fo:block></fo:table-cell>"
                         "<fo:table-cell><fo:block>b1</fo:block>"
                         "<fo:block linefeed-treatment='preserve'>c1\nc2\nc3</fo:block>"
                         "</fo:table-cell></fo:table-row>");
    INT(S_line(c, "b1")->page, 0);
    NEAR(S_line(c, "b1")->a->y, 60);
    INT(S_line(c, "c1")->page, 1);
    NEAR(S_line(c, "c1")->a->y, 12);
    INT(S_line(c, "c3")->page, 1);
}

/* ---- 5. page numbers and citations ---------------------------------------- */

static void test_page_number_citation(void **state)
{
    S_ctx *c = *state;
    S_pages(c, SMALL,
            "<fo:block>See <fo:page-number-citation ref-id='x'/>.</fo:block>\n"
            "<fo:block break-before='page'>two</fo:block>\n"
            "<fo:block break-before='page' id='x'>three</fo:block>\n"
            "<fo:block>Also <fo:page-number-citation ref-id='in'/></fo:block>\n"
            "<fo:block break-before='page'>four <fo:inline id='in'>here</fo:inline></fo:block>");
    INT(c->ad->npages, 4);
    INT(S_line(c, "three")->page, 2);
    STR(c->lines[0].text, "See 3.");
    /* an inline's id: the page of its line */
    STR(S_line_on(c, 2, 1)->text, "Also 4");
    INT(c->d.n, 0);
}

static void test_citation_of_a_missing_id(void **state)
{
    S_ctx *c = *state;
    S_pages(c, SMALL, "<fo:block>x</fo:block>\n"
                      "<fo:block>See <fo:page-number-citation ref-id='nosuch'/></fo:block>");
    /* still laid out */
    INT(c->ad->npages, 1);
    INT(S_line_on(c, 0, 1)->page, 0);
    /* BUG layout_para.c S_walk_one (IMP_FO_PAGE_NUMBER_CITATION): a ref-id
     * that no FO has prints "00" after three passes and no diagnostic says
     * so; the author should get a warning naming the id and the line. */
    const imp_diag *w = S_diag(&c->d, IMP_SEV_WARNING, "nosuch");
    KNOWN_BUG(!w, "a citation of a missing id is silent");
    INT(w->line, 7);
}

static void test_page_number_citation_last(void **state)
{
    S_ctx *c = *state;
    S_pages(c, SMALL,
            "<fo:block>From <fo:page-number-citation ref-id='ch'/> to "
            "<fo:page-number-citation-last ref-id='ch'/></fo:block>\n"
            "<fo:block id='ch' break-before='page'>\n"
            "  <fo:block>c1</fo:block>\n"
            "  <fo:block break-before='page'>c2</fo:block>\n"
            "  <fo:block break-before='page'>c3</fo:block>\n"
            "</fo:block>\n"
            "<fo:block>end</fo:block>");
    INT(c->ad->npages, 4);
    INT(S_line(c, "c1")->page, 1);
    INT(S_line(c, "c3")->page, 3);
    STR(c->lines[0].text, "From 2 to 4");
}

#define REGION_MASTER(name, w, h)                                                                \
    "<fo:simple-page-master master-name='" name "' page-width='" #w "pt' page-height='" #h "pt'>" \
    "<fo:region-body margin-top='20pt' margin-bottom='20pt'/>"                                   \
    "<fo:region-before extent='20pt'/><fo:region-after extent='20pt'/>"                          \
    "</fo:simple-page-master>"

static void test_page_x_of_y(void **state)
{
    S_ctx *c = *state;
    S_doc(c, REGION_MASTER("p", 100, 100), "master-reference='p' font-size='10pt' id='seq'",
          "<fo:static-content flow-name='xsl-region-after'><fo:block>"
          "Page <fo:page-number/> of <fo:page-number-citation ref-id='last'/>"
          "</fo:block></fo:static-content>\n"
          "<fo:static-content flow-name='xsl-region-before'><fo:block>"
          "<fo:page-number/>/<fo:page-number-citation-last ref-id='seq'/>"
          "</fo:block></fo:static-content>",
          "<fo:block>one</fo:block>\n"
          "<fo:block break-before='page'>two</fo:block>\n"
          "<fo:block break-before='page' id='last'>three</fo:block>");
    INT(c->ad->npages, 3);
    for (int p = 0; p < 3; p++) {
        char want[32];
        const imp_area *pg = S_page(c, p);
        int found_after = 0, found_before = 0;
        for (size_t i = 0; i < c->nlines; i++) {
            if (c->lines[i].page != p)
                continue;
            const imp_area *a = c->lines[i].a;
            snprintf(want, sizeof want, "Page %d of 3", p + 1);
            if (!strcmp(c->lines[i].text, want)) {
                found_after = 1;
                NEAR(a->y, pg->h - 20); /* in region-after: the page's last 20pt */
            }
            snprintf(want, sizeof want, "%d/3", p + 1);
            if (!strcmp(c->lines[i].text, want)) {
                found_before = 1;
                NEAR(a->y, 0);
            }
        }
        if (!found_after || !found_before) {
            S_dump(c);
            fail_msg("page %d: the running head or foot is wrong", p + 1);
        }
    }
    /* the flow sits between them */
    NEAR(S_line(c, "one")->a->y, 20);
}

static void test_initial_page_number(void **state)
{
    S_ctx *c = *state;
    S_doc(c, REGION_MASTER("p", 100, 100),
          "master-reference='p' font-size='10pt' initial-page-number='5'",
          "<fo:static-content flow-name='xsl-region-before'><fo:block>"
          "p<fo:page-number/></fo:block></fo:static-content>",
          "<fo:block>See <fo:page-number-citation ref-id='b'/></fo:block>\n"
          "<fo:block break-before='page' id='b'>b</fo:block>");
    INT(c->ad->npages, 2);
    INT(S_line(c, "See 6")->page, 0);
    int p5 = 0, p6 = 0;
    for (size_t i = 0; i < c->nlines; i++) {
        p5 |= c->lines[i].page == 0 && !strcmp(c->lines[i].text, "p5");
        p6 |= c->lines[i].page == 1 && !strcmp(c->lines[i].text, "p6");
    }
    if (!p5 || !p6) {
        S_dump(c);
        fail_msg("the running heads are not p5 and p6");
    }
}

static void test_page_number_format(void **state)
{
    S_ctx *c = *state;
    S_doc(c, REGION_MASTER("p", 100, 100), "master-reference='p' font-size='10pt' format='i'",
          "<fo:static-content flow-name='xsl-region-before'><fo:block>"
          "p<fo:page-number/></fo:block></fo:static-content>",
          "<fo:block>See <fo:page-number-citation ref-id='b'/></fo:block>\n"
          "<fo:block break-before='page' id='b'>b</fo:block>");
    INT(S_line(c, "pi")->page, 0);
    INT(S_line(c, "See ii")->page, 0);
    INT(S_line(c, "pii")->page, 1);
}

static void test_citation_in_the_cited_pages_format(void **state)
{
    S_ctx *c = *state;
    /* front matter numbered i, ii... cites a chapter numbered 1, 2...: the
     * number is printed as the chapter's pages print it; and an empty inline
     * at a paragraph's end still marks its page (DocBook's index entries) */
    S_run(c, g_strdup("<fo:root xmlns:fo='" FO_NS "'>\n<fo:layout-master-set>"
                      "<fo:simple-page-master master-name='p' page-width='100pt'"
                      " page-height='100pt'><fo:region-body/></fo:simple-page-master>"
                      "</fo:layout-master-set>\n"
                      "<fo:page-sequence master-reference='p' " FONT " format='i'>"
                      "<fo:flow flow-name='xsl-region-body'>"
                      "<fo:block>a <fo:page-number-citation ref-id='b'/></fo:block>"
                      "<fo:block>z <fo:page-number-citation ref-id='w'/></fo:block>"
                      "</fo:flow></fo:page-sequence>\n"
                      "<fo:page-sequence master-reference='p' " FONT " format='1'"
                      " initial-page-number='1'><fo:flow flow-name='xsl-region-body'>"
                      "<fo:block id='b'>b</fo:block>"
                      "<fo:block break-before='page'>end<fo:wrapper id='w'/></fo:block>"
                      "</fo:flow></fo:page-sequence></fo:root>"));
    assert_non_null(c->ad);
    S_line(c, "a 1");
    S_line(c, "z 2");
    INT(c->d.n, 0);
}

static void test_column_count_unused_master(void **state)
{
    S_ctx *c = *state;
    /* a master with two columns that no page uses says nothing (DocBook's
     * index pages) */
    S_run(c, g_strdup("<fo:root xmlns:fo='" FO_NS "'>\n<fo:layout-master-set>"
                      "<fo:simple-page-master master-name='p' page-width='100pt'"
                      " page-height='100pt'><fo:region-body/></fo:simple-page-master>\n"
                      "<fo:simple-page-master master-name='two' page-width='100pt'"
                      " page-height='100pt'><fo:region-body column-count='2'/>"
                      "</fo:simple-page-master></fo:layout-master-set>\n"
                      "<fo:page-sequence master-reference='p' " FONT ">"
                      "<fo:flow flow-name='xsl-region-body'><fo:block>a</fo:block>"
                      "</fo:flow></fo:page-sequence></fo:root>"));
    assert_non_null(c->ad);
    INT(c->d.n, 0);
}

/* A master with a region-body of two columns 90pt wide, 20pt apart. */
#define TWO_COLUMNS(h)                                                                           \
    "<fo:simple-page-master master-name='two' page-width='200pt' page-height='" #h "pt'>"       \
    "<fo:region-body column-count='2' column-gap='20pt'/></fo:simple-page-master>"

/* n one-line blocks "l1".."ln", 10pt on 12pt lines */
static char *S_numbered(int from, int n, const char *attrs)
{
    GString *g = g_string_new(NULL);
    for (int i = from; i < from + n; i++)
        g_string_append_printf(g, "<fo:block%s%s>l%d</fo:block>", attrs ? " " : "",
                               attrs ? attrs : "", i);
    return g_string_free(g, FALSE);
}

static void test_columns_fill_in_turn(void **state)
{
    S_ctx *c = *state;
    /* 20 lines on pages 96pt high, 8 lines a column: the first page's two
     * columns are full (l1..l8, l9..l16), the last four are balanced on
     * the second page (l17, l18 | l19, l20) */
    char *flow = S_numbered(1, 20, NULL);
    S_doc(c, TWO_COLUMNS(96), "master-reference='two' font-size='10pt' line-height='12pt'", "",
          flow);
    g_free(flow);
    INT(c->ad->npages, 2);
    INT(c->d.n, 0);
    const S_ln *l1 = S_line(c, "l1"), *l8 = S_line(c, "l8"), *l9 = S_line(c, "l9");
    const S_ln *l16 = S_line(c, "l16"), *l17 = S_line(c, "l17"), *l18 = S_line(c, "l18");
    const S_ln *l19 = S_line(c, "l19"), *l20 = S_line(c, "l20");
    NEAR(l1->a->x, 0);
    NEAR(l1->a->y, 0);
    NEAR(l8->a->y, 84);
    INT(l9->page, 0);
    NEAR(l9->a->x, 110); /* the second column: 90pt and the 20pt gap across */
    NEAR(l9->a->y, 0);
    NEAR(l16->a->x, 110);
    INT(l17->page, 1);
    NEAR(l17->a->x, 0);
    NEAR(l18->a->y, 12);
    NEAR(l19->a->x, 110); /* balanced: two lines in each column */
    NEAR(l19->a->y, 0);
    NEAR(l20->a->y, 12);
    /* lines are broken at the column's width, not the page's */
    if (!(l1->a->w <= 90.01))
        fail_msg("a line is %.1f wide in a 90pt column", l1->a->w);
}

static void test_columns_span_all_and_breaks(void **state)
{
    S_ctx *c = *state;
    /* a title across both columns; six lines balanced under it (three a
     * column); a note across both below the longer column; a column break;
     * a page break that does not stop at the next column */
    char *six = S_numbered(1, 6, NULL), *two = S_numbered(7, 2, NULL);
    char *flow = g_strdup_printf(
        "<fo:block span='all'>" WORDS "</fo:block>%s"
        "<fo:block span='all' space-before='6pt'>note</fo:block>%s"
        "<fo:block break-before='column'>next column</fo:block>"
        "<fo:block break-before='page'>next page</fo:block>",
        six, two);
    S_doc(c, TWO_COLUMNS(200), "master-reference='two' font-size='10pt' line-height='12pt'", "",
          flow);
    g_free(six);
    g_free(two);
    g_free(flow);
    INT(c->d.n, 0);
    INT(c->ad->npages, 2);
    /* the title: lines as wide as the page body, not as a column */
    const S_ln *t = S_line_on(c, 0, 0);
    if (!(imp_area_line_width(t->a) > 100))
        fail_msg("the spanning title's first line is only %.1f wide", imp_area_line_width(t->a));
    NEAR(t->a->x, 0);
    const S_ln *l1 = S_line(c, "l1"), *l3 = S_line(c, "l3"), *l4 = S_line(c, "l4");
    const S_ln *l6 = S_line(c, "l6"), *note = S_line(c, "note");
    if (!(l1->a->y > t->a->y))
        fail_msg("the columns begin at %.1f, above the title (%.1f)", l1->a->y, t->a->y);
    NEAR(l1->a->x, 0);
    NEAR(l4->a->x, 110);
    NEAR(l4->a->y, l1->a->y); /* both columns begin level */
    NEAR(l3->a->y, l1->a->y + 24);
    NEAR(l6->a->y, l1->a->y + 24);
    NEAR(note->a->x, 0);
    NEAR(note->a->y, l3->a->y + 12 + 6); /* below the columns, its space before it */
    const S_ln *l7 = S_line(c, "l7"), *nc = S_line(c, "next column"),
               *np = S_line(c, "next page");
    NEAR(l7->a->x, 0);
    NEAR(nc->a->x, 110);
    NEAR(nc->a->y, l7->a->y);
    INT(nc->page, 0);
    INT(np->page, 1);
    NEAR(np->a->x, 0);
}

static void test_text_transform(void **state)
{
    S_ctx *c = *state;
    /* uppercase (ß becomes SS), lowercase, capitalize (each word's first
     * letter; not after an apostrophe; a word split by an inline stays one),
     * none inside a transformed block; inherited */
    S_pages(c, 400, 200, "font-size='10pt'",
            "<fo:block text-transform='uppercase'>straße <fo:inline>and inline</fo:inline></fo:block>"
            "<fo:block text-transform='lowercase'>MiXeD CaSe</fo:block>"
            "<fo:block text-transform='capitalize'>don't stop-me now, "
            "<fo:inline font-weight='bold'>ha</fo:inline>lf é</fo:block>"
            "<fo:block text-transform='uppercase'>up <fo:inline text-transform='none'>as "
            "written</fo:inline></fo:block>");
    INT(c->d.n, 0);
    S_line(c, "STRASSE AND INLINE");
    S_line(c, "mixed case");
    S_line(c, "Don't Stop-Me Now, Half \xc3\x89");
    S_line(c, "UP as written");
}

static void test_absolute_position(void **state)
{
    S_ctx *c = *state;
    /* absolute: at its offsets from the region-body (here at 20,30 on the
     * page); right and bottom count from the far edges; fixed: from the
     * page; auto offsets leave it where it is met; the flow goes on as if
     * they were not there, the spaces round them meeting */
    S_doc(c,
          "<fo:simple-page-master master-name='p' page-width='300pt' page-height='200pt'"
          " margin-left='20pt' margin-top='30pt'><fo:region-body/></fo:simple-page-master>",
          "master-reference='p' font-size='10pt' line-height='12pt'", "",
          "<fo:block space-after='8pt'>first</fo:block>"
          "<fo:block-container absolute-position='absolute' top='50pt' left='100pt'"
          " width='80pt' border='2pt solid black' padding='3pt'>"
          "<fo:block>abs</fo:block></fo:block-container>"
          "<fo:block-container absolute-position='absolute' bottom='10pt' right='10pt'"
          " width='40pt' height='24pt'><fo:block>br</fo:block></fo:block-container>"
          "<fo:block-container absolute-position='fixed' top='5pt' left='5pt' width='40pt'>"
          "<fo:block>fixed</fo:block></fo:block-container>"
          "<fo:block-container absolute-position='absolute' width='50pt'>"
          "<fo:block>here</fo:block></fo:block-container>"
          "<fo:block space-before='4pt'>second</fo:block>");
    INT(c->d.n, 0);
    INT(c->ad->npages, 1);
    const S_ln *first = S_line(c, "first"), *second = S_line(c, "second");
    NEAR(first->a->y, 30);
    NEAR(second->a->y, 30 + 12 + 8); /* the larger space, as if nothing stood between */
    const S_ln *abs = S_line(c, "abs");
    NEAR(abs->a->x, 20 + 100 + 2 + 3);
    NEAR(abs->a->y, 30 + 50 + 2 + 3);
    /* the body is 280 x 170 from (20,30): 10pt in from its far corner */
    const S_ln *br = S_line(c, "br");
    NEAR(br->a->x, 20 + 280 - 10 - 40);
    NEAR(br->a->y, 30 + 170 - 10 - 24);
    const S_ln *fixed = S_line(c, "fixed");
    NEAR(fixed->a->x, 5);
    NEAR(fixed->a->y, 5);
    const S_ln *here = S_line(c, "here");
    NEAR(here->a->x, 20);
    NEAR(here->a->y, 30 + 12); /* where it was met: after first, its space not taken */
}

static void test_columns_balanced_again(void **state)
{
    S_ctx *c = *state;
    /* 4 lines, a spanning block, 30 lines, on pages of 10 lines a column:
     * the 4 balance 2 | 2 above the span; balancing them moves what follows,
     * and the last page's 16 lines still balance 8 | 8 */
    char *a = S_numbered(1, 4, NULL), *b = S_numbered(101, 30, NULL);
    char *flow = g_strdup_printf("%s<fo:block span='all'>S</fo:block>%s", a, b);
    S_doc(c, TWO_COLUMNS(120), "master-reference='two' font-size='10pt' line-height='12pt'", "",
          flow);
    g_free(a);
    g_free(b);
    g_free(flow);
    INT(c->d.n, 0);
    INT(c->ad->npages, 2);
    NEAR(S_line(c, "l3")->a->x, 110);
    NEAR(S_line(c, "l3")->a->y, 0);
    NEAR(S_line(c, "S")->a->y, 24);
    int left = 0, right = 0;
    for (size_t i = 0; i < c->nlines; i++)
        if (c->lines[i].page == 1) {
            left += c->lines[i].a->x < 1;
            right += c->lines[i].a->x > 100;
        }
    INT(left, 8);
    INT(right, 8);
}

static void test_columns_balance_keeps(void **state)
{
    S_ctx *c = *state;
    /* balancing would cut a kept block of six lines at four: its column
     * goes on down instead, and what follows goes to the next column */
    char *k = S_numbered(1, 6, NULL), *a = S_numbered(7, 2, NULL);
    char *flow = g_strdup_printf("<fo:block keep-together.within-column='always'>%s</fo:block>"
                                 "%s<fo:block span='all'>S</fo:block>",
                                 k, a);
    S_doc(c, TWO_COLUMNS(120), "master-reference='two' font-size='10pt' line-height='12pt'", "",
          flow);
    g_free(k);
    g_free(a);
    g_free(flow);
    INT(c->d.n, 0);
    NEAR(S_line(c, "l6")->a->x, 0);
    NEAR(S_line(c, "l6")->a->y, 60);
    NEAR(S_line(c, "l7")->a->x, 110);
    NEAR(S_line(c, "l7")->a->y, 0);
    NEAR(S_line(c, "S")->a->y, 72);
}

static void test_columns_footnotes_across(void **state)
{
    S_ctx *c = *state;
    /* footnotes of a body in columns go across its width at the page's
     * foot (XSL 6.4.14); one cited in the second column that would reach up
     * into the full first column goes on, with its line, to the next page */
    char *ten = S_numbered(1, 10, NULL);
    char *flow = g_strdup_printf(
        "<fo:block>a<fo:footnote><fo:inline>1</fo:inline><fo:footnote-body><fo:block>"
        "note one is wide</fo:block></fo:footnote-body></fo:footnote></fo:block>%s"
        "<fo:block>b<fo:footnote><fo:inline>2</fo:inline><fo:footnote-body><fo:block>"
        "note two</fo:block><fo:block>and more</fo:block><fo:block>and more</fo:block>"
        "</fo:footnote-body></fo:footnote></fo:block>",
        ten);
    S_doc(c, TWO_COLUMNS(120), "master-reference='two' font-size='10pt' line-height='12pt'", "",
          flow);
    g_free(ten);
    g_free(flow);
    INT(c->d.n, 0);
    const S_ln *one = S_line(c, "note one is wide"), *a = S_line(c, "a1");
    INT(one->page, 0);
    NEAR(one->a->x, 0);
    if (!(one->a->w > 150))
        fail_msg("the note is %.1f wide, not across the 200pt body", one->a->w);
    NEAR(one->a->y, 120 - 12);
    INT(a->page, 0);
    /* the first column holds a and l1..l7 above the note; the rest go on */
    NEAR(S_line(c, "l8")->a->x, 110);
    const S_ln *b = S_line(c, "b2"), *two = S_line(c, "note two");
    INT(b->page, 1);
    INT(two->page, 1);
    NEAR(two->a->x, 0);
}

static void test_inline_containers_side_by_side(void **state)
{
    S_ctx *c = *state;
    /* two inline-containers of 49% stand side by side on one line, their
     * blocks inside; one inside text sits with its first line's baseline on
     * the text's, and the line is as deep as it */
    S_pages(c, 200, 200, "font-size='10pt' line-height='12pt'",
            "<fo:block><fo:inline-container inline-progression-dimension='49%'>"
            "<fo:block>left one</fo:block><fo:block>left two</fo:block></fo:inline-container>"
            "<fo:inline-container inline-progression-dimension='49%'><fo:block"
            " text-align='end'>right</fo:block></fo:inline-container></fo:block>"
            "<fo:block>A <fo:inline-container width='30pt' border='1pt solid black'>"
            "<fo:block>b c d e</fo:block></fo:inline-container> f</fo:block><fo:block>after</fo:block>");
    INT(c->d.n, 0);
    const S_ln *l1 = S_line(c, "left one"), *l2 = S_line(c, "left two"), *r = S_line(c, "right");
    NEAR(l1->a->x, 0);
    NEAR(l2->a->y, l1->a->y + 12);
    NEAR(r->a->y, l1->a->y);
    NEAR(r->a->x + imp_area_line_width(r->a), 98 + 98);
    const S_ln *a = S_line(c, "A \xef\xbf\xbc f"), *b = S_line(c, "b c d ");
    NEAR(b->a->baseline, a->a->baseline);
    NEAR(b->a->x, S_text_width("A ", 10) + 1);
    /* the box's two lines and border reach below the text's line */
    if (!(S_line(c, "after")->a->y >= b->a->y + 24))
        fail_msg("the next block (%.1f) overlaps the inline-container (lines at %.1f)",
                 S_line(c, "after")->a->y, b->a->y);
}

static void test_before_floats(void **state)
{
    S_ctx *c = *state;
    /* before-floats stand at the top of the page, in the order met: one met
     * at the top stays there, one met below goes under it (what was placed
     * moving down) while the page has room, else to the next page's top; a
     * side float is told and placed where it is */
    S_pages(c, 200, 100, "font-size='10pt' line-height='12pt'",
            "<fo:float float='before'><fo:block>fa</fo:block></fo:float>"
            "<fo:block>p1</fo:block>"
            "<fo:float float='before'><fo:block space-after='4pt'>fb</fo:block></fo:float>"
            "<fo:block>p2</fo:block><fo:block>p3</fo:block><fo:block>p4</fo:block>"
            "<fo:float float='before'><fo:block>fc</fo:block><fo:block>fc2</fo:block>"
            "<fo:block>fc3</fo:block></fo:float>"
            "<fo:block>p5</fo:block>"
            "<fo:float float='start'><fo:block>side</fo:block></fo:float>");
    INT(c->d.n, 1);
    assert_non_null(strstr(c->d.v[0].msg, "side float"));
    NEAR(S_line(c, "fa")->a->y, 0);
    NEAR(S_line(c, "fb")->a->y, 12);
    NEAR(S_line(c, "p1")->a->y, 28);
    NEAR(S_line(c, "p2")->a->y, 40);
    /* fc (36pt) does not fit under p4 (at 64, 12 high) on a page of 100 */
    INT(S_line(c, "fc")->page, 1);
    NEAR(S_line(c, "fc")->a->y, 0);
    INT(S_line(c, "p5")->page, 0);
    NEAR(S_line(c, "p5")->a->y, 76);
    INT(S_line(c, "side")->page, 0);
    NEAR(S_line(c, "side")->a->y, 88);
    INT(c->ad->npages, 2); /* the page fc waited for */
}

static void test_ids_in_boxes_placed_whole(void **state)
{
    S_ctx *c = *state;
    /* ids in what is placed whole for the flow (a cell, a block-container
     * with a height, an absolutely placed one, a list label, a footnote)
     * are on their page: a citation of each prints 2 */
    S_pages(c, 300, 200, "font-size='10pt' line-height='12pt'",
            "<fo:block>c<fo:page-number-citation ref-id='c'/> h<fo:page-number-citation"
            " ref-id='h'/> a<fo:page-number-citation ref-id='a'/> l<fo:page-number-citation"
            " ref-id='l'/> f<fo:page-number-citation ref-id='f'/></fo:block>"
            "<fo:block break-before='page'>two<fo:footnote><fo:inline>1</fo:inline>"
            "<fo:footnote-body><fo:block id='f'>note</fo:block></fo:footnote-body></fo:footnote>"
            "</fo:block><fo:table><fo:table-body><fo:table-row><fo:table-cell><fo:block"
            " id='c'>cell</fo:block></fo:table-cell></fo:table-row></fo:table-body></fo:table>"
            "<fo:block-container height='20pt'><fo:block id='h'>fixed</fo:block>"
            "</fo:block-container><fo:block-container absolute-position='absolute' top='150pt'>"
            "<fo:block id='a'>absolute</fo:block></fo:block-container>"
            "<fo:list-block><fo:list-item><fo:list-item-label end-indent='label-end()'>"
            "<fo:block id='l'>1.</fo:block></fo:list-item-label><fo:list-item-body"
            " start-indent='body-start()'><fo:block>item</fo:block></fo:list-item-body>"
            "</fo:list-item></fo:list-block>");
    INT(c->d.n, 0);
    S_line(c, "c2 h2 a2 l2 f2");
}

static void test_absolute_in_a_container(void **state)
{
    S_ctx *c = *state;
    /* an absolutely placed box in a block-container with a height counts
     * bottom and percentages from that container's content: 100pt high
     * from y 10 (its border 1pt, from the page's top at 9) */
    S_pages(c, 300, 300, "font-size='10pt' line-height='12pt'",
            "<fo:block-container height='100pt' width='200pt' border='1pt solid black'"
            " space-before='9pt' space-before.conditionality='retain'>"
            "<fo:block>parent</fo:block>"
            "<fo:block-container absolute-position='absolute' bottom='10pt' right='0pt'"
            " width='50pt' height='12pt'><fo:block>bottom</fo:block></fo:block-container>"
            "<fo:block-container absolute-position='absolute' top='50%' left='0pt' width='50pt'"
            " height='20%'><fo:block>half</fo:block></fo:block-container>"
            "</fo:block-container>");
    INT(c->d.n, 0);
    double top = S_line(c, "parent")->a->y;
    NEAR(S_line(c, "bottom")->a->y, top + 100 - 10 - 12);
    NEAR(S_line(c, "half")->a->y, top + 50);
    const imp_area *boxes[8];
    size_t n = S_areas_of(S_page(c, 0)->first, IMP_AREA_BOX, IMP_FO_BLOCK_CONTAINER, boxes, 0, 8);
    INT(n, 3);
    NEAR(boxes[2]->h, 20);
}

static void test_columns_too_narrow(void **state)
{
    S_ctx *c = *state;
    /* twenty columns in 100pt would be too narrow for text: one column,
     * told once; a master no page uses says nothing */
    S_run(c, g_strdup("<fo:root xmlns:fo='" FO_NS "'>\n<fo:layout-master-set>"
                      "<fo:simple-page-master master-name='many' page-width='100pt'"
                      " page-height='100pt'><fo:region-body column-count='20'/>"
                      "</fo:simple-page-master>"
                      "<fo:simple-page-master master-name='unused' page-width='100pt'"
                      " page-height='100pt'><fo:region-body column-count='30'/>"
                      "</fo:simple-page-master></fo:layout-master-set>\n"
                      "<fo:page-sequence master-reference='many' " FONT ">"
                      "<fo:flow flow-name='xsl-region-body'><fo:block>a</fo:block>"
                      "<fo:block break-before='page'>b</fo:block>"
                      "</fo:flow></fo:page-sequence></fo:root>"));
    assert_non_null(c->ad);
    INT(c->ad->npages, 2);
    INT(c->d.n, 1);
    assert_non_null(strstr(c->d.v[0].msg, "column-count=\"20\""));
    INT(c->d.v[0].line, 2);
    NEAR(S_line(c, "a")->a->x, 0);
}

static void test_footnotes_and_markers_in_cells(void **state)
{
    S_ctx *c = *state;
    /* footnotes in table cells go to the foot of the page, in order; a
     * marker on a cell or in it is retrieved by the running header */
    S_doc(c, REGION_MASTER("p", 200, 200),
          "master-reference='p' font-size='10pt'",
          "<fo:static-content flow-name='xsl-region-before'><fo:block>H:"
          "<fo:retrieve-marker retrieve-class-name='m'/></fo:block></fo:static-content>",
          "<fo:table table-layout='fixed' width='200pt'><fo:table-body><fo:table-row>"
          "<fo:table-cell><fo:marker marker-class-name='m'>cell</fo:marker>"
          "<fo:block>A<fo:footnote><fo:inline>1</fo:inline><fo:footnote-body>"
          "<fo:block>note one</fo:block></fo:footnote-body></fo:footnote>"
          "<fo:footnote><fo:inline>2</fo:inline><fo:footnote-body><fo:block>note two</fo:block>"
          "</fo:footnote-body></fo:footnote></fo:block></fo:table-cell></fo:table-row>"
          "</fo:table-body></fo:table>\n<fo:block>after</fo:block>");
    const S_ln *one = S_line(c, "note one"), *two = S_line(c, "note two");
    const S_ln *after = S_line(c, "after");
    if (!(one->a->y > after->a->y + 12))
        fail_msg("the note is at %.1f, not below the text (%.1f)", one->a->y, after->a->y);
    NEAR(two->a->y, one->a->y + 12);
    S_line(c, "H:cell");
}

static void test_footnote_taller_than_a_page(void **state)
{
    S_ctx *c = *state;
    /* it cannot stand at a page's foot: it follows its line, over pages */
    S_pages(c, 100, 100, "font-size='10pt'",
            "<fo:block>A<fo:footnote><fo:inline>1</fo:inline><fo:footnote-body>"
            "<fo:block linefeed-treatment='preserve'>n1\nn2\nn3\nn4\nn5\nn6\nn7\nn8\nn9\nn10"
            "</fo:block></fo:footnote-body></fo:footnote></fo:block>");
    INT(S_line(c, "n1")->page, 0);
    if (S_line(c, "n1")->a->y < 0)
        fail_msg("the note starts above the page");
    INT(S_line(c, "n10")->page, 1);
    INT(c->d.n, 1);
}

static void test_marker_inherits_from_retrieve(void **state)
{
    S_ctx *c = *state;
    /* a retrieved marker's children inherit from the retrieve-marker (XSL
     * 6.13.6): the header's 16pt and its text-transform, not the 6pt of the
     * block the marker stands in; a second retrieve-marker of the class in
     * another context gets its own */
    S_doc(c, REGION_MASTER("p", 300, 200), "master-reference='p'",
          "<fo:static-content flow-name='xsl-region-before'><fo:block font-size='16pt'"
          " line-height='1.5' text-transform='uppercase'><fo:retrieve-marker"
          " retrieve-class-name='m'/></fo:block></fo:static-content>"
          "<fo:static-content flow-name='xsl-region-after'><fo:block font-size='8pt'"
          " line-height='1.5'><fo:retrieve-marker retrieve-class-name='m'/></fo:block>"
          "</fo:static-content>",
          "<fo:block font-size='6pt' line-height='1.5'><fo:marker marker-class-name='m'>"
          "Title <fo:inline font-weight='bold'>one</fo:inline></fo:marker>body</fo:block>");
    INT(c->d.n, 0);
    const S_ln *head = S_line(c, "TITLE ONE"), *foot = S_line(c, "Title one");
    NEAR(head->a->h, 24);
    NEAR(foot->a->h, 12);
    NEAR(S_line(c, "body")->a->h, 9);
}

static void test_retrieve_positions_with_carryover(void **state)
{
    S_ctx *c = *state;
    /* A starts and ends on page 1; B starts there and goes on to page 2 */
    S_doc(c, REGION_MASTER("p", 200, 100), "master-reference='p' font-size='10pt'",
          "<fo:static-content flow-name='xsl-region-before'><fo:block>"
          "<fo:retrieve-marker retrieve-class-name='s' retrieve-position='first-starting-within-page'"
          " retrieve-boundary='page'/>,"
          "<fo:retrieve-marker retrieve-class-name='s' retrieve-position='first-including-carryover'"
          " retrieve-boundary='page'/>,"
          "<fo:retrieve-marker retrieve-class-name='s' retrieve-position='last-ending-within-page'"
          " retrieve-boundary='page'/></fo:block></fo:static-content>",
          "<fo:block><fo:marker marker-class-name='s'>A</fo:marker>a</fo:block>"
          "<fo:block linefeed-treatment='preserve'><fo:marker marker-class-name='s'>B</fo:marker>"
          "b1\nb2\nb3\nb4\nb5\nb6\nb7\nb8\nb9\nb10</fo:block>");
    if (c->ad->npages < 2)
        fail_msg("%d pages", c->ad->npages);
    /* page 1: A starts first and is the last to end there */
    INT(S_line(c, "A,A,A")->page, 0);
    /* page 2 holds only the rest of B: its marker is on that page too */
    INT(S_line(c, "B,B,B")->page, 1);
}

static void test_two_page_sequences(void **state)
{
    S_ctx *c = *state;
    S_run(c, g_strdup("<fo:root xmlns:fo='" FO_NS "'>\n<fo:layout-master-set>"
                      "<fo:simple-page-master master-name='p' page-width='100pt'"
                      " page-height='100pt'><fo:region-body/></fo:simple-page-master>"
                      "</fo:layout-master-set>\n"
                      "<fo:page-sequence master-reference='p' " FONT " force-page-count='even'>"
                      "<fo:flow flow-name='xsl-region-body'>"
                      "<fo:block>a <fo:page-number-citation ref-id='b'/></fo:block>"
                      "</fo:flow></fo:page-sequence>\n"
                      "<fo:page-sequence master-reference='p' " FONT ">"
                      "<fo:flow flow-name='xsl-region-body'>"
                      "<fo:block id='b'>b <fo:page-number/></fo:block>"
                      "</fo:flow></fo:page-sequence></fo:root>"));
    assert_non_null(c->ad);
    /* force-page-count='even' adds a blank page 2; numbering goes on at 3 */
    INT(c->ad->npages, 3);
    STR(S_line_on(c, 0, 0)->text, "a 3");
    INT(S_lines_on(c, 1), 0);
    STR(S_line_on(c, 2, 0)->text, "b 3");
}

/* keep-with-next counts the item's own space-before, not yet placed: a
 * heading that fits only without the item it keeps with moves with it */
static void test_keep_with_next_counts_space_before(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 200, 100, NULL,
            "<fo:block>one</fo:block><fo:block>two</fo:block>"
            "<fo:block>three</fo:block><fo:block>four</fo:block>\n"
            "<fo:block space-before='20pt' keep-with-next='always'>heading</fo:block>\n"
            "<fo:block>after</fo:block>");
    INT(S_line(c, "heading")->page, 1);
    INT(S_line(c, "after")->page, 1);
}

/* a heading kept with a block whose first child keeps with the next (a
 * question and its write-in box) moves with both */
static void test_keep_chain_inside_block(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 200, 100, NULL,
            "<fo:block>one</fo:block><fo:block>two</fo:block><fo:block>three</fo:block>\n"
            "<fo:block keep-with-next='always'>heading</fo:block>\n"
            "<fo:block><fo:block keep-with-next='always'>question</fo:block>"
            "<fo:block-container height='40pt'><fo:block/></fo:block-container></fo:block>");
    INT(S_line(c, "three")->page, 0);
    INT(S_line(c, "heading")->page, 1);
    INT(S_line(c, "question")->page, 1);
}

/* retrieve-boundary: a marker from an earlier page counts within this
 * page-sequence (the default) or the document; "page" takes this page's only */
static void test_retrieve_boundary(void **state)
{
    S_ctx *c = *state;
#define HEAD "<fo:static-content flow-name='xsl-region-before'><fo:block>" \
             "[<fo:retrieve-marker retrieve-class-name='m'/>|" \
             "<fo:retrieve-marker retrieve-class-name='m' retrieve-boundary='document'/>|" \
             "<fo:retrieve-marker retrieve-class-name='m' retrieve-boundary='page'/>]" \
             "</fo:block></fo:static-content>"
    S_run(c, g_strdup("<fo:root xmlns:fo='" FO_NS "'>\n<fo:layout-master-set>"
                      "<fo:simple-page-master master-name='p' page-width='200pt'"
                      " page-height='100pt'><fo:region-body margin-top='20pt'/>"
                      "<fo:region-before extent='20pt'/></fo:simple-page-master>"
                      "</fo:layout-master-set>\n"
                      "<fo:page-sequence master-reference='p' " FONT ">" HEAD
                      "<fo:flow flow-name='xsl-region-body'>"
                      "<fo:block><fo:marker marker-class-name='m'>A</fo:marker>one</fo:block>"
                      "<fo:block break-before='page'>two</fo:block>"
                      "</fo:flow></fo:page-sequence>\n"
                      "<fo:page-sequence master-reference='p' " FONT ">" HEAD
                      "<fo:flow flow-name='xsl-region-body'><fo:block>three</fo:block>"
                      "</fo:flow></fo:page-sequence></fo:root>"));
#undef HEAD
    assert_non_null(c->ad);
    INT(c->ad->npages, 3);
    S_line(c, "[A|A|A]"); /* page 1: the marker is on it */
    S_line(c, "[A|A|]");  /* page 2: carried over within the sequence */
    S_line(c, "[|A|]");   /* page 3: another sequence; only the document boundary */
}

/* force-page-count="auto" (the default): a sequence ends on the parity the
 * next one starts on (XSL 7.27.9) */
static void test_force_page_count_auto(void **state)
{
    S_ctx *c = *state;
    S_run(c, g_strdup("<fo:root xmlns:fo='" FO_NS "'>\n<fo:layout-master-set>"
                      "<fo:simple-page-master master-name='p' page-width='100pt'"
                      " page-height='100pt'><fo:region-body/></fo:simple-page-master>"
                      "</fo:layout-master-set>\n"
                      "<fo:page-sequence master-reference='p' " FONT ">"
                      "<fo:flow flow-name='xsl-region-body'><fo:block>a</fo:block>"
                      "</fo:flow></fo:page-sequence>\n"
                      "<fo:page-sequence master-reference='p' " FONT
                      " initial-page-number='auto-odd'>"
                      "<fo:flow flow-name='xsl-region-body'><fo:block>b <fo:page-number/></fo:block>"
                      "</fo:flow></fo:page-sequence>\n"
                      "<fo:page-sequence master-reference='p' " FONT " initial-page-number='7'>"
                      "<fo:flow flow-name='xsl-region-body'><fo:block>c <fo:page-number/></fo:block>"
                      "</fo:flow></fo:page-sequence>\n"
                      "<fo:page-sequence master-reference='p' " FONT " initial-page-number='10'>"
                      "<fo:flow flow-name='xsl-region-body'><fo:block>d <fo:page-number/></fo:block>"
                      "</fo:flow></fo:page-sequence></fo:root>"));
    assert_non_null(c->ad);
    /* a (1), blank (2) so that b starts odd at 3; b ends on odd 3 before the
     * odd 7, so a blank 4; c (7) ends odd before the even 10: no blank; d (10) */
    INT(c->ad->npages, 6);
    STR(S_line_on(c, 0, 0)->text, "a");
    INT(S_lines_on(c, 1), 0);
    STR(S_line_on(c, 2, 0)->text, "b 3");
    INT(S_lines_on(c, 3), 0);
    STR(S_line_on(c, 4, 0)->text, "c 7");
    STR(S_line_on(c, 5, 0)->text, "d 10");
}

static void test_even_and_odd_page_breaks(void **state)
{
    S_ctx *c = *state;
    S_pages(c, SMALL,
            "<fo:block>one</fo:block>\n"
            "<fo:block break-before='even-page'>two</fo:block>\n"
            "<fo:block break-before='odd-page'>three</fo:block>\n"
            "<fo:block break-before='odd-page'>five</fo:block>\n"
            "<fo:block break-after='even-page'>still five</fo:block>\n"
            "<fo:block>six</fo:block>");
    /* pages 1, 2, 3, a blank 4, 5 and 6 */
    INT(c->ad->npages, 6);
    INT(S_line(c, "one")->page, 0);
    INT(S_line(c, "two")->page, 1);
    INT(S_line(c, "three")->page, 2);
    INT(S_lines_on(c, 3), 0);
    INT(S_line(c, "five")->page, 4);
    INT(S_line(c, "still five")->page, 4);
    INT(S_line(c, "six")->page, 5);
}

static void test_page_number_in_flow(void **state)
{
    S_ctx *c = *state;
    S_pages(c, SMALL,
            "<fo:block>on <fo:page-number/></fo:block>\n"
            "<fo:block break-before='page'>on <fo:page-number/></fo:block>\n"
            "<fo:block break-before='page'>on <fo:page-number/></fo:block>");
    INT(c->ad->npages, 3);
    STR(S_line_on(c, 0, 0)->text, "on 1");
    /* BUG layout.c S_sequence / layout_para.c S_walk_one: the flow's lines are
     * built before pagination, with L->page_number of the sequence's first
     * page, so every fo:page-number in the flow prints that page's number. */
    KNOWN_BUG(!strcmp(S_line_on(c, 1, 0)->text, "on 1"),
              "fo:page-number in the flow prints the first page's number");
    STR(S_line_on(c, 1, 0)->text, "on 2");
    STR(S_line_on(c, 2, 0)->text, "on 3");
}

/* ---- 6. leaders ----------------------------------------------------------- */

static void test_leader_dots_fill_the_line(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 150, 200, "",
            "<fo:block text-align-last='justify'>A<fo:leader leader-pattern='dots'/>9</fo:block>\n"
            "<fo:block text-align-last='justify'>B<fo:leader leader-pattern='rule'"
            " rule-thickness='2pt'/>10</fo:block>\n"
            "<fo:block>C<fo:leader leader-pattern='rule' leader-length='30pt'/>D</fo:block>");
    const imp_area *r[4];
    size_t n = S_areas_of(S_page(c, 0)->first, IMP_AREA_RULE, IMP_FO_UNKNOWN, r, 0, 4);
    INT(n, 3);
    double wa = S_text_width("A", 12), w9 = S_text_width("9", 12);
    /* dots: from after "A" to before "9", which ends at the column's end */
    INT(r[0]->style, IMP_BS_DOTTED);
    if (r[0]->w <= 100)
        fail_msg("the dotted leader is %.2fpt wide; it should fill the line", r[0]->w);
    NEAR(r[0]->x, wa);
    NEAR(r[0]->w, 150 - wa - w9);
    NEAR(r[0]->y, S_line(c, "A\xef\xbf\xbc" "9")->a->baseline - r[0]->thickness / 2);
    /* a rule, with its thickness */
    INT(r[1]->style, IMP_BS_SOLID);
    NEAR(r[1]->thickness, 2);
    NEAR(r[1]->w, 150 - S_text_width("B", 12) - S_text_width("10", 12));
    /* a fixed leader-length stays at it */
    NEAR(r[2]->w, 30);
    NEAR(r[2]->x, S_text_width("C", 12));
}

static void test_leader_padding_pattern_and_line_height(void **state)
{
    S_ctx *c = *state;
    S_pages(c, 150, 200, "line-height='12pt'",
            "<fo:block>plain</fo:block>\n"
            "<fo:block text-align-last='justify'>A<fo:leader leader-pattern='dots'"
            " leader-pattern-width='8pt' leader-alignment='reference-area' padding-left='6pt'"
            " padding-right='4pt'/>9</fo:block>\n"
            "<fo:block>after</fo:block>");
    /* a leader does not make its line taller than its text's */
    NEAR(S_line(c, "after")->a->y, 24);
    const imp_area *r[2];
    INT(S_areas_of(S_page(c, 0)->first, IMP_AREA_RULE, IMP_FO_UNKNOWN, r, 0, 2), 1);
    /* the dots stand inside the padding, 8pt apart, on the page's grid */
    NEAR(r[0]->x, S_text_width("A", 12) + 6);
    NEAR(r[0]->w, 150 - S_text_width("A", 12) - S_text_width("9", 12) - 10);
    NEAR(r[0]->period, 8);
    INT(r[0]->aligned, 1);
    INT(c->d.n, 0);
}

static void test_leader_use_content(void **state)
{
    S_ctx *c = *state;
    /* use-content: the content repeated along the leader, each copy in a
     * cell as wide as it (or leader-pattern-width), as many as fit whole;
     * aligned to the page's grid with leader-alignment; an empty content
     * leaves space */
    S_pages(c, 200, 200, "font-size='10pt' line-height='12pt'",
            "<fo:block>A<fo:leader leader-pattern='use-content' leader-length='60pt'>ab"
            "</fo:leader>Z</fo:block>\n"
            "<fo:block>B<fo:leader leader-pattern='use-content' leader-length='80pt'"
            " leader-pattern-width='25pt' leader-alignment='reference-area'>c</fo:leader>Z"
            "</fo:block>\n"
            "<fo:block>C<fo:leader leader-pattern='use-content' leader-length='30pt'/>Z</fo:block>");
    INT(c->d.n, 0);
    double ab = S_text_width("ab", 10), a = S_text_width("A", 10);
    int n = 0;
    double first = -1;
    for (size_t i = 0; i < c->nlines; i++)
        if (!strcmp(c->lines[i].text, "ab")) {
            if (first < 0)
                first = c->lines[i].a->x;
            n++;
        }
    INT(n, (int)floor(60 / ab));
    NEAR(first, a);
    /* 25pt cells on the page's grid: at 25 and 50 (the leader runs from
     * the width of "B", about 7pt, to 80pt past it: a cell at 75 would not
     * fit) */
    const S_ln *c1 = S_line(c, "c");
    NEAR(c1->a->x, 25);
    n = 0;
    for (size_t i = 0; i < c->nlines; i++)
        n += !strcmp(c->lines[i].text, "c");
    INT(n, 2);
    /* the empty one: only its room */
    S_line(c, "C\xef\xbf\xbcZ");
}

static void test_leader_content_styles(void **state)
{
    S_ctx *c = *state;
    /* a use-content leader's inline children keep their own font (the
     * copies stand as far apart as a 20pt "x" is wide) and text-transform
     * reaches the content and fo:character; a leader inside one is told */
    S_pages(c, 300, 100, "font-size='10pt' line-height='30pt'",
            "<fo:block>A<fo:leader leader-pattern='use-content' leader-length='100pt'>"
            "<fo:inline font-size='20pt'>x</fo:inline></fo:leader>Z</fo:block>"
            "<fo:block text-transform='uppercase'>b<fo:character character='q'/><fo:leader"
            " leader-pattern='use-content' leader-length='30pt'>ab<fo:leader/></fo:leader></fo:block>");
    INT(c->d.n, 1);
    assert_non_null(strstr(c->d.v[0].msg, "inside a leader"));
    const S_ln *x[2] = {NULL, NULL};
    for (size_t i = 0; i < c->nlines && !x[1]; i++)
        if (!strcmp(c->lines[i].text, "x"))
            x[x[0] ? 1 : 0] = &c->lines[i];
    assert_non_null(x[1]);
    NEAR(x[1]->a->x - x[0]->a->x, S_text_width("x", 20));
    S_line(c, "AB");
    S_line(c, "BQ\xef\xbf\xbc");
}

static void test_two_leaders_share_a_line(void **state)
{
    S_ctx *c = *state;
    /* two leaders that may grow share what their line leaves, equally: the
     * line does not wrap */
    S_pages(c, 200, 100, "font-size='10pt' line-height='12pt'",
            "<fo:block>Name<fo:leader leader-pattern='rule'/>Date<fo:leader"
            " leader-pattern='rule'/>end</fo:block>");
    INT(c->d.n, 0);
    INT((int)c->nlines, 1);
    const imp_area *r[2];
    INT(S_areas_of(S_page(c, 0)->first, IMP_AREA_RULE, IMP_FO_UNKNOWN, r, 0, 2), 2);
    NEAR(r[0]->w, r[1]->w);
    NEAR(r[0]->w * 2 + S_text_width("NameDateend", 10), 200);
}

/* ---- 7. page masters -------------------------------------------------------- */

static void test_page_sequence_master_first_rest(void **state)
{
    S_ctx *c = *state;
    S_doc(c,
          "<fo:simple-page-master master-name='first' page-width='300pt' page-height='200pt'>"
          "<fo:region-body margin-top='50pt' margin-left='30pt'/></fo:simple-page-master>\n"
          "<fo:simple-page-master master-name='rest' page-width='300pt' page-height='100pt'>"
          "<fo:region-body/></fo:simple-page-master>\n"
          "<fo:page-sequence-master master-name='doc'>"
          "<fo:repeatable-page-master-alternatives>"
          "<fo:conditional-page-master-reference page-position='first' master-reference='first'/>"
          "<fo:conditional-page-master-reference page-position='rest' master-reference='rest'/>"
          "</fo:repeatable-page-master-alternatives></fo:page-sequence-master>",
          "master-reference='doc' font-size='10pt'", "",
          "<fo:block>one</fo:block>\n"
          "<fo:block break-before='page'>two</fo:block>\n"
          "<fo:block break-before='page'>three</fo:block>");
    INT(c->ad->npages, 3);
    NEAR(S_page(c, 0)->w, 300);
    NEAR(S_page(c, 0)->h, 200);
    NEAR(S_page(c, 1)->h, 100);
    NEAR(S_page(c, 2)->h, 100);
    /* page 1's body margins move its flow; the others have none */
    NEAR(S_line(c, "one")->a->y, 50);
    NEAR(S_line(c, "one")->a->x, 30);
    INT(S_line(c, "two")->page, 1);
    NEAR(S_line(c, "two")->a->y, 0);
    INT(S_line(c, "three")->page, 2);
    NEAR(S_line(c, "three")->a->y, 0);
    /* (x on the rest pages: test_page_sequence_master_rest_body) */
}

static void test_page_sequence_master_rest_body(void **state)
{
    S_ctx *c = *state;
    /* the rest pages' body starts 200pt in and is 100pt wide */
    S_doc(c,
          "<fo:simple-page-master master-name='first' page-width='300pt' page-height='100pt'>"
          "<fo:region-body/></fo:simple-page-master>\n"
          "<fo:simple-page-master master-name='rest' page-width='300pt' page-height='100pt'>"
          "<fo:region-body margin-left='200pt'/></fo:simple-page-master>\n"
          "<fo:page-sequence-master master-name='doc'>"
          "<fo:repeatable-page-master-alternatives>"
          "<fo:conditional-page-master-reference page-position='first' master-reference='first'/>"
          "<fo:conditional-page-master-reference page-position='rest' master-reference='rest'/>"
          "</fo:repeatable-page-master-alternatives></fo:page-sequence-master>",
          "master-reference='doc' font-size='10pt'", "",
          "<fo:block>one</fo:block>\n"
          "<fo:block break-before='page'>" WORDS "</fo:block>");
    INT(S_line(c, "one")->page, 0);
    NEAR(S_line(c, "one")->a->x, 0);
    /* the page itself and its body box follow the rest master */
    const imp_area *body = S_page(c, 1)->first;
    NEAR(body->x, 200);
    NEAR(body->w, 100);
    /* the block that starts on page 2 is laid out at page 2's width */
    INT(S_lines_on(c, 1), 5);
    for (size_t i = 0; i < c->nlines; i++)
        if (c->lines[i].page == 1) {
            NEAR(c->lines[i].a->x, 200);
            if (S_line_width(c->lines[i].a) > 100 + TOL)
                fail_msg("a line on page 2 is %.1fpt wide in a 100pt body",
                         S_line_width(c->lines[i].a));
        }
    if (S_diag(&c->d, IMP_SEV_WARNING, "different widths"))
        fail_msg("nothing kept another page's width, yet there is a warning");
}

/* first: 300pt wide; rest: 100pt wide, 200pt in; pages 48pt tall (4 lines) */
#define NARROW_REST                                                                             \
    "<fo:simple-page-master master-name='first' page-width='300pt' page-height='48pt'>"         \
    "<fo:region-body/></fo:simple-page-master>\n"                                               \
    "<fo:simple-page-master master-name='rest' page-width='300pt' page-height='48pt'>"          \
    "<fo:region-body margin-left='200pt'/></fo:simple-page-master>\n"                           \
    "<fo:page-sequence-master master-name='doc'>"                                               \
    "<fo:repeatable-page-master-alternatives>"                                                  \
    "<fo:conditional-page-master-reference page-position='first' master-reference='first'/>"   \
    "<fo:conditional-page-master-reference page-position='rest' master-reference='rest'/>"     \
    "</fo:repeatable-page-master-alternatives></fo:page-sequence-master>"

static void test_page_sequence_master_block_moved_to_narrower_page(void **state)
{
    S_ctx *c = *state;
    /* three lines fill page 1 but one; the paragraph's orphans (2) send it
     * whole to page 2, where it is laid out at that page's width */
    S_doc(c, NARROW_REST, "master-reference='doc' font-size='10pt'", "",
          "<fo:block>one</fo:block><fo:block>two</fo:block><fo:block>three</fo:block>\n"
          "<fo:block>" WORDS "</fo:block>");
    INT(S_line(c, "three")->page, 0);
    STR(S_line_on(c, 1, 0)->text, "The quick brown ");
    for (size_t i = 0; i < c->nlines; i++)
        if (c->lines[i].page > 0) {
            NEAR(c->lines[i].a->x, 200);
            if (S_line_width(c->lines[i].a) > 100 + TOL)
                fail_msg("a line on page %d is %.1fpt wide in a 100pt body", c->lines[i].page + 1,
                         S_line_width(c->lines[i].a));
        }
    if (S_diag(&c->d, IMP_SEV_WARNING, "different widths"))
        fail_msg("nothing kept another page's width, yet there is a warning");
}

static void test_page_sequence_master_paragraph_across_widths(void **state)
{
    S_ctx *c = *state;
    /* a paragraph inside a section begins on the wide page and goes on on
     * the narrow one: the rest of it is broken again at the narrow width,
     * and so is what follows it in the section */
    S_doc(c, NARROW_REST, "master-reference='doc' font-size='10pt'", "",
          "<fo:block id='sec'><fo:block>one</fo:block><fo:block>two</fo:block>\n"
          "<fo:block>" WORDS " " WORDS "</fo:block>\n<fo:block>after</fo:block></fo:block>");
    INT(S_line(c, "one")->page, 0);
    INT(S_lines_on(c, 0), 4);
    GString *text = g_string_new(NULL);
    for (size_t i = 2; i < c->nlines && strcmp(c->lines[i].text, "after"); i++) {
        const S_ln *l = &c->lines[i];
        if (l->page == 0)
            NEAR(l->a->w, 300);
        else if (l->a->w > 100 + TOL || fabs(l->a->x - 200) > TOL)
            fail_msg("line \"%s\" on page %d: %.1fpt wide at x %.1f", l->text, l->page + 1,
                     l->a->w, l->a->x);
        g_string_append(text, l->text);
    }
    /* every word once, in order: nothing lost or repeated at the break */
    STR(text->str, WORDS " " WORDS);
    g_string_free(text, TRUE);
    const S_ln *after = S_line(c, "after");
    if (after->page < 1 || fabs(after->a->x - 200) > TOL || after->a->w > 100 + TOL)
        fail_msg("the block after the paragraph is not laid out at the narrow width");
    if (S_diag(&c->d, IMP_SEV_WARNING, "different widths"))
        fail_msg("everything was laid out again, yet there is a warning");
    /* the section's id is on page 1, where it begins */
    const imp_area *dests[4];
    INT(S_areas_of(c->ad->first_page->first, IMP_AREA_DEST, IMP_FO_UNKNOWN, dests, 0, 4), 1);
    INT(S_areas_of(S_page(c, 1)->first, IMP_AREA_DEST, IMP_FO_UNKNOWN, dests, 0, 4), 0);
}

static void test_page_sequence_master_table_across_widths(void **state)
{
    S_ctx *c = *state;
    /* a table begun on the wide page keeps its columns on the narrow one
     * (a table is not laid out again), and that is said */
    S_doc(c, NARROW_REST, "master-reference='doc' font-size='10pt'", "",
          "<fo:table table-layout='fixed' width='100%'><fo:table-body>" ROW("t1") ROW("t2")
              ROW("t3") ROW("t4") ROW("t5") "</fo:table-body></fo:table>");
    INT(S_line(c, "t5")->page, 1);
    const imp_area *table = S_ancestor(S_line(c, "t5")->a, "Table");
    if (!table)
        fail_msg("t5 is not in a table");
    NEAR(table->w, 300);
    if (!S_diag(&c->d, IMP_SEV_WARNING, "different widths"))
        fail_msg("no warning for the table that keeps the wide page's width");
}

static void test_single_and_repeatable_references(void **state)
{
    S_ctx *c = *state;
    S_doc(c,
          "<fo:simple-page-master master-name='a' page-width='100pt' page-height='100pt'>"
          "<fo:region-body/></fo:simple-page-master>\n"
          "<fo:simple-page-master master-name='b' page-width='150pt' page-height='100pt'>"
          "<fo:region-body/></fo:simple-page-master>\n"
          "<fo:page-sequence-master master-name='doc'>"
          "<fo:single-page-master-reference master-reference='a'/>"
          "<fo:repeatable-page-master-reference master-reference='b' maximum-repeats='2'/>"
          "<fo:repeatable-page-master-reference master-reference='a'/>"
          "</fo:page-sequence-master>",
          "master-reference='doc' font-size='10pt'", "",
          "<fo:block>1</fo:block><fo:block break-before='page'>2</fo:block>"
          "<fo:block break-before='page'>3</fo:block><fo:block break-before='page'>4</fo:block>"
          "<fo:block break-before='page'>5</fo:block>");
    INT(c->ad->npages, 5);
    static const double w[] = {100, 150, 150, 100, 100};
    for (int i = 0; i < 5; i++)
        NEAR(S_page(c, i)->w, w[i]);
}

static void test_region_body_margins(void **state)
{
    S_ctx *c = *state;
    S_doc(c,
          "<fo:simple-page-master master-name='p' page-width='200pt' page-height='200pt'"
          " margin='10pt 20pt 30pt 40pt'>"
          "<fo:region-body margin='5pt 6pt 7pt 8pt' padding-left='2pt'/></fo:simple-page-master>",
          "master-reference='p' font-size='10pt'", "",
          "<fo:block>x</fo:block><fo:block text-align='end'>y</fo:block>");
    /* page margin-left 40 + body margin-left 8 + padding 2 */
    NEAR(S_line(c, "x")->a->x, 50);
    NEAR(S_line(c, "x")->a->y, 15);
    /* the content ends at 200 - 20 - 6 */
    const imp_area *y = S_line(c, "y")->a;
    NEAR(y->x + S_line_width(y), 174);
    /* the region's own box */
    const imp_area *body = S_page(c, 0)->first;
    INT(body->kind, IMP_AREA_BOX);
    NEAR(body->x, 48);
    NEAR(body->y, 15);
    NEAR(body->w, 200 - 40 - 20 - 8 - 6);
    NEAR(body->h, 200 - 10 - 30 - 5 - 7);
}

/* ---- 8. errors ------------------------------------------------------------- */

static void test_no_page_sequence(void **state)
{
    S_ctx *c = *state;
    imp_area_doc *ad = S_run(c, g_strdup("<fo:root xmlns:fo='" FO_NS "'><fo:layout-master-set>"
                                         "<fo:simple-page-master master-name='p'>"
                                         "<fo:region-body/></fo:simple-page-master>"
                                         "</fo:layout-master-set></fo:root>"));
    assert_null(ad);
    const imp_diag *e = S_diag(&c->d, IMP_SEV_ERROR, "page-sequence");
    if (!e) {
        S_dump(c);
        fail_msg("no error about the missing page-sequence");
    }
    STR(e->file, "t.fo");
}

static void test_unknown_master(void **state)
{
    S_ctx *c = *state;
    imp_area_doc *ad =
        S_run(c, g_strdup("<fo:root xmlns:fo='" FO_NS "'>\n<fo:layout-master-set>"
                          "<fo:simple-page-master master-name='p'>"
                          "<fo:region-body/></fo:simple-page-master>"
                          "</fo:layout-master-set>\n"
                          "<fo:page-sequence master-reference='nosuch'>"
                          "<fo:flow flow-name='xsl-region-body'><fo:block>x</fo:block></fo:flow>"
                          "</fo:page-sequence></fo:root>"));
    assert_null(ad);
    const imp_diag *e = S_diag(&c->d, IMP_SEV_ERROR, "\"nosuch\"");
    if (!e) {
        S_dump(c);
        fail_msg("no error naming the master \"nosuch\"");
    }
    INT(e->line, 3);
    STR(e->file, "t.fo");
}

static void test_box_taller_than_page(void **state)
{
    S_ctx *c = *state;
    S_pages(c, SMALL,
            "<fo:block>before</fo:block>\n"
            "<fo:block-container height='300pt'><fo:block>inside</fo:block></fo:block-container>\n"
            "<fo:block>after</fo:block>");
    /* still laid out, whole, where it starts: it overflows the page */
    INT(S_line(c, "before")->page, 0);
    const S_ln *in = S_line(c, "inside");
    const imp_area *bc[2];
    INT(S_areas_of(S_page(c, in->page)->first, IMP_AREA_BOX, IMP_FO_BLOCK_CONTAINER, bc, 0, 2), 1);
    NEAR(bc[0]->h, 300);
    NEAR(in->a->y, bc[0]->y);
    /* what follows starts the next page */
    INT(S_line(c, "after")->page, in->page + 1);
    NEAR(S_line(c, "after")->a->y, 0);
    INT(c->ad->npages, in->page + 2);
    const imp_diag *w = S_diag(&c->d, IMP_SEV_WARNING, "taller than the page");
    if (!w) {
        S_dump(c);
        fail_msg("no warning about the box taller than the page");
    }
    INT(w->line, 7); /* the block-container's line */
    STR(w->file, "t.fo");
    INT(imp_diag_count(&c->d, IMP_SEV_ERROR), 0);
}

static void test_keep_that_cannot_be_honoured(void **state)
{
    S_ctx *c = *state;
    S_after_fill(c, 2,
                 "<fo:block keep-together.within-page='always' linefeed-treatment='preserve'>"
                 "1\n2\n3\n4\n5\n6\n7\n8\n9\n10</fo:block>");
    /* ten lines never fit a page of eight: laid out anyway, breaking where
     * the page is full (moving it would not help) */
    INT(c->ad->npages, 2);
    INT(S_line(c, "1")->page, 0);
    NEAR(S_line(c, "1")->a->y, 24);
    INT(S_line(c, "6")->page, 0);
    INT(S_line(c, "7")->page, 1);
    NEAR(S_line(c, "7")->a->y, 0);
    INT(S_line(c, "10")->page, 1);
}

/* ---- the run ---------------------------------------------------------------- */

#define T(f) cmocka_unit_test_setup_teardown(f, S_setup, S_teardown)

int main(void)
{
    imp_xml_init();
    const struct CMUnitTest tests[] = {
        T(test_font_size_inherited_to_line_height),
        T(test_start_indent_inherited),
        T(test_indents_from_reference_areas),
        T(test_list_label_not_broken_inside),
        T(test_inline_box_and_word_spacing),
        T(test_reference_orientation),
        T(test_percent_indents),
        T(test_nested_keeps_and_breaks),
        T(test_white_space_treatment_preserve_collapses),
        T(test_list_indents),
        T(test_wrap_within_column),
        T(test_text_align),
        T(test_justify),
        T(test_justify_spaces_only),
        T(test_text_align_last),
        T(test_text_indent_first_line_only),
        T(test_text_indent_negative),
        T(test_linefeed_preserve),
        T(test_table_fixed_columns),
        T(test_table_fixed_separate_borders),
        T(test_table_separate_rows_and_spans),
        T(test_table_collapse_shared_edges),
        T(test_table_collapse_edge_at_page_cut),
        T(test_table_auto_columns),
        T(test_force_page_count_auto),
        T(test_retrieve_boundary),
        T(test_keep_with_next_counts_space_before),
        T(test_keep_chain_inside_block),
        T(test_break_before_page),
        T(test_break_after_parity),
        T(test_break_before_first_block_makes_no_blank_page),
        T(test_spaces),
        T(test_spaces_nested),
        T(test_keep_with_next),
        T(test_no_keep_splits),
        T(test_keep_with_previous),
        T(test_keep_strengths),
        T(test_keep_chain_of_three),
        T(test_keep_that_cannot_hold_is_told),
        T(test_keep_with_next_inside_a_block),
        T(test_keep_with_next_into_nested_blocks),
        T(test_keep_with_next_table),
        T(test_keep_with_next_and_orphans),
        T(test_block_pushed_to_next_page),
        T(test_keep_together),
        T(test_no_keep_together_splits),
        T(test_keep_together_table),
        T(test_orphans_move_whole_paragraph),
        T(test_orphans_one_allows_a_single_line),
        T(test_widows),
        T(test_widows_three),
        T(test_widows_in_a_long_paragraph),
        T(test_table_header_repeats),
        T(test_table_footer_repeats),
        T(test_table_row_break_before),
        T(test_table_row_splits_between_lines),
        T(test_table_row_keep_together_moves_whole),
        T(test_table_row_without_keep_splits),
        T(test_table_row_kept_but_taller_than_page),
        T(test_table_row_split_keeps_widows),
        T(test_page_number_citation),
        T(test_citation_of_a_missing_id),
        T(test_page_number_citation_last),
        T(test_page_x_of_y),
        T(test_initial_page_number),
        T(test_page_number_format),
        T(test_citation_in_the_cited_pages_format),
        T(test_column_count_unused_master),
        T(test_columns_fill_in_turn),
        T(test_columns_span_all_and_breaks),
        T(test_columns_balanced_again),
        T(test_columns_balance_keeps),
        T(test_columns_footnotes_across),
        T(test_inline_containers_side_by_side),
        T(test_before_floats),
        T(test_ids_in_boxes_placed_whole),
        T(test_absolute_in_a_container),
        T(test_columns_too_narrow),
        T(test_absolute_position),
        T(test_text_transform),
        T(test_footnotes_and_markers_in_cells),
        T(test_footnote_taller_than_a_page),
        T(test_marker_inherits_from_retrieve),
        T(test_retrieve_positions_with_carryover),
        T(test_two_page_sequences),
        T(test_even_and_odd_page_breaks),
        T(test_page_number_in_flow),
        T(test_leader_dots_fill_the_line),
        T(test_leader_padding_pattern_and_line_height),
        T(test_leader_use_content),
        T(test_leader_content_styles),
        T(test_two_leaders_share_a_line),
        T(test_page_sequence_master_first_rest),
        T(test_page_sequence_master_rest_body),
        T(test_page_sequence_master_block_moved_to_narrower_page),
        T(test_page_sequence_master_paragraph_across_widths),
        T(test_page_sequence_master_table_across_widths),
        T(test_single_and_repeatable_references),
        T(test_region_body_margins),
        T(test_no_page_sequence),
        T(test_unknown_master),
        T(test_box_taller_than_page),
        T(test_keep_that_cannot_be_honoured),
    };
    if (getenv("IMP_TEST"))
        cmocka_set_test_filter(getenv("IMP_TEST"));
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    imp_xml_cleanup();
    return rc;
}
