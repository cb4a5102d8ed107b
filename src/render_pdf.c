/* render_pdf.c: the area tree drawn as a tagged PDF with Cairo (structure, links, outline, metadata). */
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "imglib.h"
#include "pdfpatch.h"

/*
 * Tagged PDF with Cairo 1.16, and what it dictates here:
 * - Cairo builds one structure element per cairo_tag_begin, and marks
 *   content (BDC/EMC with an MCID) only inside LEAF elements; content drawn
 *   while a non-leaf element is current is left unmarked, which is the
 *   nearest Cairo 1.16 comes to an artifact (it has no Artifact tag).
 * - A tag left open over cairo_show_page continues on the next page as the
 *   same element. So an element whose struct_id recurs later stays open
 *   until its last area is drawn.
 * - Running heads drawn at the top of a page would land inside such a
 *   continuing element if it were a leaf. Therefore an element that
 *   continues, or has child elements, never marks content itself: each run
 *   of its direct content is wrapped in a NonStruct child ("a grouping
 *   element with no structural significance"), and the element stays
 *   non-leaf, so artifacts drawn while it is current stay unmarked. The
 *   backgrounds, borders and rules of such elements are left unmarked too.
 * - Elements must nest in drawing order: if areas of two elements
 *   interleave (A on page 1, B after it, A again on page 2), A is closed
 *   for B and becomes two elements.
 * - Cairo 1.16 cannot write /Alt, /Lang on elements, or the catalog /Lang,
 *   and writes dates without "D:": those are patched into the finished
 *   file (pdfpatch.c), which also rewrites the cross-reference offsets.
 */

/* The structure types Cairo 1.16 accepts (anything else puts the surface in error). */
static const char *const S_tags[] = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "Warichu", "RB", "RT", "RP", "WT",
    "WP", "Figure", "Formula", "Form", NULL};

/* One structure element: all areas with one struct_id, or one area. */
typedef struct {
    const char *tag;
    const imp_area *last; /* its last area in drawing order: then it closes */
    int count;            /* areas that make it */
    int has_child;        /* child elements (or links) somewhere */
    const char *alt, *lang;
} S_el;

/* An open tag: an element, or (el == NULL) a NonStruct wrapper of content. */
typedef struct {
    S_el *el;
    int nchildren;
    int artifact;     /* an artifact was drawn while this was current and childless */
    const char *lang; /* the language in force inside it */
} S_open;

/* Extra entries for the n-th structure element Cairo writes (in begin order). */
typedef imp_pdf_extra S_extra;

typedef struct {
    cairo_t *cr;
    cairo_surface_t *surf;
    imp_diags *d;
    GHashTable *by_id, *by_area; /* struct_id / area → S_el (owned) */
    S_el root;
    GArray *stack;  /* S_open */
    GPtrArray *path; /* S_el *: the elements the current area is inside */
    GArray *extra;  /* S_extra, one per structure element begun */
    GHashTable *dests; /* named destinations already written */
    GHashTable *warned;
    int artifact;   /* drawing inside an "Artifact" area */
    const char *lang; /* the document's language */
    /* the solid borders of a collapsing table's cells, drawn together as
     * its grid lines once its content is drawn: S_seg, horizontal [0] and
     * vertical [1] (NULL when not inside such a table) */
    GArray *segs[2];
    const imp_area *grid; /* the table box they belong to */
} S_r;

/* A stretch of border along one centre line: at y (horizontal) or x
 * (vertical), from a0 to a1, w wide. */
typedef struct {
    double at, a0, a1, w;
    imp_color c;
} S_seg;

/* ------------------------------------------------------------------ */
/* structure                                                           */

static int S_is(const char *s, const char *t)
{
    return s && !strcmp(s, t);
}

static const char *S_valid_tag(S_r *r, const char *t)
{
    for (int i = 0; S_tags[i]; i++)
        if (!strcmp(S_tags[i], t))
            return S_tags[i];
    if (!g_hash_table_contains(r->warned, t)) {
        g_hash_table_add(r->warned, (gpointer)t);
        imp_diag_add(r->d, IMP_SEV_WARNING, NULL, 0, 0, NULL,
                     "structure type %s is not a PDF standard type; it is written as NonStruct", t);
    }
    return "NonStruct";
}

/* The element an area makes, or NULL (no struct_type, artifacts, links, the root). */
static S_el *S_el_of(S_r *r, const imp_area *a, int create)
{
    if (r->artifact || !a->struct_type || a->kind == IMP_AREA_LINK || a->kind == IMP_AREA_DEST ||
        a->kind == IMP_AREA_PAGE || S_is(a->struct_type, "Artifact") ||
        S_is(a->struct_type, "Document"))
        return NULL;
    GHashTable *t = a->struct_id ? r->by_id : r->by_area;
    gpointer key = a->struct_id ? GINT_TO_POINTER(a->struct_id) : (gpointer)a;
    S_el *el = g_hash_table_lookup(t, key);
    if (!el && create) {
        el = g_new0(S_el, 1);
        el->tag = S_valid_tag(r, a->struct_type);
        el->alt = a->alt;
        el->lang = a->lang;
        g_hash_table_insert(t, key, el);
    }
    return el;
}

/* Before drawing: which elements recur, which have children, where each ends. */
static void S_scan(S_r *r, const imp_area *a, S_el *parent)
{
    for (; a; a = a->next) {
        int art = !r->artifact && S_is(a->struct_type, "Artifact");
        if (art) {
            /* drawn while parent is current (and links in it become its
             * children): parent must never mark content itself */
            r->artifact = 1;
            parent->has_child = 1;
        }
        S_el *el = S_el_of(r, a, 1);
        if (el) {
            el->count++;
            el->last = a;
            if (el != parent)
                parent->has_child = 1;
        } else if (a->kind == IMP_AREA_LINK && !r->artifact) {
            parent->has_child = 1;
        }
        S_scan(r, a->first, el ? el : parent);
        if (art)
            r->artifact = 0;
    }
}

static int S_wraps(const S_el *el)
{
    return el == NULL || el->count > 1 || el->has_child;
}

static S_open *S_top(S_r *r)
{
    return r->stack->len ? &g_array_index(r->stack, S_open, r->stack->len - 1) : NULL;
}

static void S_push(S_r *r, S_el *el)
{
    S_open *top = S_top(r), o = {el, 0, 0, top ? top->lang : r->lang};
    /* /Lang only where the language changes (layout may give every box one) */
    const char *lang = el && el->lang && (!o.lang || g_ascii_strcasecmp(el->lang, o.lang))
                           ? el->lang
                           : NULL;
    S_extra x = {el ? el->alt : NULL, lang};
    if (lang)
        o.lang = lang;
    if (top)
        top->nchildren++;
    g_array_append_val(r->extra, x);
    g_array_append_val(r->stack, o);
    cairo_tag_begin(r->cr, el ? el->tag : "NonStruct", "");
}

static void S_pop(S_r *r)
{
    S_open *top = S_top(r);
    /* an artifact drawn while a childless element was current would be
     * marked as its content: an empty child makes it non-leaf */
    if (top->el && top->artifact && top->nchildren == 0) {
        S_push(r, NULL);
        S_pop(r);
        top = S_top(r);
    }
    cairo_tag_end(r->cr, top->el ? top->el->tag : "NonStruct");
    g_array_set_size(r->stack, r->stack->len - 1);
}

static void S_pop_wrapper(S_r *r)
{
    S_open *top = S_top(r);
    if (top && !top->el)
        S_pop(r);
}

enum { S_OPEN, S_EXACT, S_CONTENT };

/*
 * Bring the open tags in line with r->path, the elements the current area
 * is inside. S_OPEN (entering an element): the path must be open; deeper
 * tags stay open, as they may continue on this page. S_EXACT (before a
 * link): exactly the path. S_CONTENT (before marked content): exactly the
 * path, plus a NonStruct wrapper when the element does not mark content
 * itself.
 */
static void S_sync(S_r *r, int mode)
{
    S_open *top = S_top(r);
    int wrapped = top && !top->el;
    guint real = r->stack->len - (wrapped ? 1 : 0), c = 0;
    while (c < real && c < r->path->len &&
           g_array_index(r->stack, S_open, c).el == g_ptr_array_index(r->path, c))
        c++;
    if (mode == S_OPEN && c == r->path->len)
        return;
    S_el *want = r->path->len ? g_ptr_array_index(r->path, r->path->len - 1) : NULL;
    int need_wrap = mode == S_CONTENT && want && S_wraps(want);
    if (c == real && c == r->path->len && wrapped == need_wrap)
        return;
    while (r->stack->len > c)
        S_pop(r);
    for (guint i = c; i < r->path->len; i++)
        S_push(r, g_ptr_array_index(r->path, i));
    if (need_wrap)
        S_push(r, NULL);
}

/* Drawing outside the structure: running heads, and decorations of
 * elements that never mark content themselves. Whatever element is
 * current stays non-leaf, so Cairo leaves this unmarked. */
static void S_unmarked(S_r *r)
{
    S_pop_wrapper(r);
    S_open *top = S_top(r);
    if (top && top->nchildren == 0)
        top->artifact = 1;
}

/* Before drawing an area's own content. */
static void S_content(S_r *r, int decoration)
{
    S_el *cur = r->path->len ? g_ptr_array_index(r->path, r->path->len - 1) : NULL;
    if (r->artifact || (decoration && S_wraps(cur)))
        S_unmarked(r);
    else
        S_sync(r, S_CONTENT);
}

static void S_close(S_r *r, const S_el *el)
{
    for (guint i = 0; i < r->stack->len; i++) {
        if (g_array_index(r->stack, S_open, i).el == el) {
            while (r->stack->len > i)
                S_pop(r);
            return;
        }
    }
}

/* ------------------------------------------------------------------ */
/* drawing                                                             */

static void S_rgba(cairo_t *cr, imp_color c, double k)
{
    /* k < 1 darkens, k > 1 lightens (groove, ridge, inset, outset) */
    double r = c.r, g = c.g, b = c.b;
    if (k < 1) {
        r *= k;
        g *= k;
        b *= k;
    } else if (k > 1) {
        r += (1 - r) * (k - 1);
        g += (1 - g) * (k - 1);
        b += (1 - b) * (k - 1);
    }
    cairo_set_source_rgba(cr, r, g, b, c.a);
}

static int S_visible(const imp_border *b)
{
    return b->width > 0 && b->color.a > 0 && b->style != IMP_BS_NONE && b->style != IMP_BS_HIDDEN;
}

/* The rectangle a box's borders are drawn in (its outer edges). */
typedef struct {
    double x0, y0, x1, y1;
} S_rect;

/* The band of one side between fractions f0 and f1 of the border widths,
 * measured inwards, with mitred corners. Sides: 0 top, 1 bottom, 2 left, 3 right. */
static void S_band(cairo_t *cr, const S_rect *R, const double bw[4], int side, double f0,
                   double f1)
{
    double x0 = R->x0, y0 = R->y0, x1 = R->x1, y1 = R->y1;
    double t = bw[0], b = bw[1], l = bw[2], rr = bw[3];
    switch (side) {
    case 0:
        cairo_move_to(cr, x0 + f0 * l, y0 + f0 * t);
        cairo_line_to(cr, x1 - f0 * rr, y0 + f0 * t);
        cairo_line_to(cr, x1 - f1 * rr, y0 + f1 * t);
        cairo_line_to(cr, x0 + f1 * l, y0 + f1 * t);
        break;
    case 1:
        cairo_move_to(cr, x0 + f0 * l, y1 - f0 * b);
        cairo_line_to(cr, x1 - f0 * rr, y1 - f0 * b);
        cairo_line_to(cr, x1 - f1 * rr, y1 - f1 * b);
        cairo_line_to(cr, x0 + f1 * l, y1 - f1 * b);
        break;
    case 2:
        cairo_move_to(cr, x0 + f0 * l, y0 + f0 * t);
        cairo_line_to(cr, x0 + f1 * l, y0 + f1 * t);
        cairo_line_to(cr, x0 + f1 * l, y1 - f1 * b);
        cairo_line_to(cr, x0 + f0 * l, y1 - f0 * b);
        break;
    default:
        cairo_move_to(cr, x1 - f0 * rr, y0 + f0 * t);
        cairo_line_to(cr, x1 - f1 * rr, y0 + f1 * t);
        cairo_line_to(cr, x1 - f1 * rr, y1 - f1 * b);
        cairo_line_to(cr, x1 - f0 * rr, y1 - f0 * b);
        break;
    }
    cairo_close_path(cr);
}

/* Dots and dashes: the side's centre line stroked, clipped to its band. */
static void S_dashed_side(cairo_t *cr, const S_rect *R, const double bw[4], int side, int dotted)
{
    double w = bw[side], x0 = R->x0, y0 = R->y0, x1 = R->x1, y1 = R->y1;
    cairo_save(cr);
    S_band(cr, R, bw, side, 0, 1);
    cairo_clip(cr);
    if (side < 2) {
        double y = side == 0 ? y0 + w / 2 : y1 - w / 2;
        cairo_move_to(cr, x0, y);
        cairo_line_to(cr, x1, y);
    } else {
        double x = side == 2 ? x0 + w / 2 : x1 - w / 2;
        cairo_move_to(cr, x, y0);
        cairo_line_to(cr, x, y1);
    }
    cairo_set_line_width(cr, w);
    if (dotted) {
        double dash[2] = {0, 2 * w};
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash(cr, dash, 2, -w / 2);
    } else {
        double dash[2] = {3 * w, 2 * w};
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        cairo_set_dash(cr, dash, 2, 0);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

static void S_border_side(cairo_t *cr, const S_rect *R, const double bw[4], int side,
                          const imp_border *b)
{
    /* top and left are the "lit from above-left" sides for 3-D styles */
    int lit = side == 0 || side == 2;
    double dark = 0.6, light = 1.4;
    switch (b->style) {
    case IMP_BS_DOTTED:
    case IMP_BS_DASHED:
        S_rgba(cr, b->color, 1);
        S_dashed_side(cr, R, bw, side, b->style == IMP_BS_DOTTED);
        return;
    case IMP_BS_DOUBLE:
        S_rgba(cr, b->color, 1);
        S_band(cr, R, bw, side, 0, 1.0 / 3);
        S_band(cr, R, bw, side, 2.0 / 3, 1);
        cairo_fill(cr);
        return;
    case IMP_BS_GROOVE:
    case IMP_BS_RIDGE: {
        int groove = b->style == IMP_BS_GROOVE;
        S_rgba(cr, b->color, (lit == groove) ? dark : light);
        S_band(cr, R, bw, side, 0, 0.5);
        cairo_fill(cr);
        S_rgba(cr, b->color, (lit == groove) ? light : dark);
        S_band(cr, R, bw, side, 0.5, 1);
        cairo_fill(cr);
        return;
    }
    case IMP_BS_INSET:
    case IMP_BS_OUTSET:
        S_rgba(cr, b->color, (lit == (b->style == IMP_BS_INSET)) ? dark : 1);
        S_band(cr, R, bw, side, 0, 1);
        cairo_fill(cr);
        return;
    default:
        S_rgba(cr, b->color, 1);
        S_band(cr, R, bw, side, 0, 1);
        cairo_fill(cr);
        return;
    }
}

static int S_box_has_paint(const imp_area *a)
{
    if (a->unpainted)
        return 0;
    if ((a->background.a > 0 || a->bg_image) && a->w > 0 && a->h > 0)
        return 1;
    for (int i = 0; i < 4; i++)
        if (S_visible(&a->border[i]))
            return 1;
    return 0;
}

/* Solid sides of one width and colour, as stroked centre lines: each run
 * of adjacent sides (clockwise: top, right, bottom, left) one polyline with
 * mitred corners and butt ends, four sides a rectangle. It paints what
 * S_band's mitred bands paint, in far fewer PDF operators. */
static void S_frame(cairo_t *cr, const S_rect *R, const int on[4], double w)
{
    static const int cw[4] = {0, 3, 1, 2}; /* top, right, bottom, left as sides */
    double h = w / 2;
    if (on[0] && on[1] && on[2] && on[3]) {
        cairo_rectangle(cr, R->x0 + h, R->y0 + h, R->x1 - R->x0 - w, R->y1 - R->y0 - w);
    } else {
        /* corners after each side (clockwise), on the centre lines */
        const double cx[4] = {R->x1 - h, R->x1 - h, R->x0 + h, R->x0 + h};
        const double cy[4] = {R->y0 + h, R->y1 - h, R->y1 - h, R->y0 + h};
        /* where a side begins and ends at the box's edge */
        const double bx[4] = {R->x0, R->x1 - h, R->x1, R->x0 + h};
        const double by[4] = {R->y0 + h, R->y0, R->y1 - h, R->y1};
        const double ex[4] = {R->x1, R->x1 - h, R->x0, R->x0 + h};
        const double ey[4] = {R->y0 + h, R->y1, R->y1 - h, R->y0};
        for (int k = 0; k < 4; k++) {
            /* a run begins at a drawn side whose predecessor is not drawn */
            if (!on[cw[k]] || on[cw[(k + 3) % 4]])
                continue;
            cairo_move_to(cr, bx[k], by[k]);
            int j = k;
            while (on[cw[(j + 1) % 4]] && (j + 1) % 4 != k) {
                cairo_line_to(cr, cx[j], cy[j]);
                j = (j + 1) % 4;
            }
            cairo_line_to(cr, ex[j], ey[j]);
        }
    }
    cairo_set_line_width(cr, w);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
}

static void S_seg_add(GArray *g, double at, double a0, double a1, double w, imp_color c)
{
    S_seg sg = {at, a0, a1, w, c};
    g_array_append_val(g, sg);
}

static void S_bg_image(cairo_t *cr, const imp_area *a, const double bw[4]);

/* segs: where a grid cell's solid sides go instead of being drawn (or NULL). */
static void S_box(cairo_t *cr, const imp_area *a, GArray *const segs[2])
{
    /* area sides are before, after, start, end: lr-tb's top, bottom, left, right */
    double bw[4];
    for (int i = 0; i < 4; i++)
        bw[i] = S_visible(&a->border[i]) && !(a->hidden & (1u << i)) ? a->border[i].width : 0;
    if (a->background.a > 0 && a->w > 0 && a->h > 0) {
        S_rgba(cr, a->background, 1);
        cairo_rectangle(cr, a->x, a->y, a->w, a->h);
        cairo_fill(cr);
    }
    if (a->bg_image)
        S_bg_image(cr, a, bw);
    /* a side centred on the edge (a collapsing table's shared edge) reaches
     * half its width outside the box */
    S_rect R = {a->x - ((a->centred & 1u << IMP_START) ? bw[2] / 2 : 0),
                a->y - ((a->centred & 1u << IMP_BEFORE) ? bw[0] / 2 : 0),
                a->x + a->w + ((a->centred & 1u << IMP_END) ? bw[3] / 2 : 0),
                a->y + a->h + ((a->centred & 1u << IMP_AFTER) ? bw[1] / 2 : 0)};
    /* the common case: solid sides of one width and opaque colour */
    int on[4], n = 0, same = 1, first = -1;
    for (int i = 0; i < 4; i++) {
        on[i] = bw[i] > 0;
        if (!on[i])
            continue;
        n++;
        if (first < 0)
            first = i;
        const imp_border *b = &a->border[i], *f = &a->border[first];
        same = same && b->style == IMP_BS_SOLID && b->color.a >= 1 && bw[i] == bw[first] &&
               b->color.r == f->color.r && b->color.g == f->color.g && b->color.b == f->color.b;
    }
    if (n == 0)
        return;
    if (same && R.x1 - R.x0 >= bw[first] && R.y1 - R.y0 >= bw[first]) {
        imp_color c = a->border[first].color;
        double w = bw[first], h = w / 2;
        if (segs && a->grid == IMP_GRID_CELL) {
            if (on[0])
                S_seg_add(segs[0], R.y0 + h, R.x0, R.x1, w, c);
            if (on[1])
                S_seg_add(segs[0], R.y1 - h, R.x0, R.x1, w, c);
            if (on[2])
                S_seg_add(segs[1], R.x0 + h, R.y0, R.y1, w, c);
            if (on[3])
                S_seg_add(segs[1], R.x1 - h, R.y0, R.y1, w, c);
            return;
        }
        S_rgba(cr, c, 1);
        S_frame(cr, &R, on, bw[first]);
        return;
    }
    for (int i = 0; i < 4; i++)
        if (bw[i] > 0)
            S_border_side(cr, &R, bw, i, &a->border[i]);
}

/* A rule: its centre line from (x, y) to (x + w, y + h). */
static void S_rule(cairo_t *cr, const imp_area *a)
{
    double t = a->thickness, len = hypot(a->w, a->h);
    if (!(t > 0) || !(len > 0) || a->color.a <= 0 || a->style == IMP_BS_NONE ||
        a->style == IMP_BS_HIDDEN)
        return;
    double nx = -a->h / len, ny = a->w / len; /* unit normal */
    cairo_save(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    /* one stroke, or two thinner ones either side of the centre line */
    double off[2] = {0, 0}, width[2] = {t, 0}, k[2] = {1, 1};
    int nparts = 1;
    if (a->style == IMP_BS_DOUBLE) {
        off[0] = -t / 3;
        off[1] = t / 3;
        width[0] = width[1] = t / 3;
        nparts = 2;
    } else if (a->style == IMP_BS_GROOVE || a->style == IMP_BS_RIDGE) {
        int g = a->style == IMP_BS_GROOVE;
        off[0] = -t / 4;
        off[1] = t / 4;
        width[0] = width[1] = t / 2;
        k[0] = g ? 0.6 : 1.4;
        k[1] = g ? 1.4 : 0.6;
        nparts = 2;
    } else if (a->style == IMP_BS_DOTTED) {
        /* round dots a period apart: from the rule's start, or on a grid
         * from the page's edge (leaders on several lines line up) */
        double period = a->period > t ? a->period : 2 * t;
        double dash[2] = {0, period};
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash(cr, dash, 2, a->aligned ? fmod(a->x, period) : -t / 2);
    } else if (a->style == IMP_BS_DASHED) {
        double dash[2] = {3 * t, 2 * t};
        cairo_set_dash(cr, dash, 2, 0);
    }
    for (int i = 0; i < nparts; i++) {
        S_rgba(cr, a->color, k[i]);
        cairo_set_line_width(cr, width[i]);
        cairo_move_to(cr, a->x + nx * off[i], a->y + ny * off[i]);
        cairo_line_to(cr, a->x + a->w + nx * off[i], a->y + a->h + ny * off[i]);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

static void S_line(cairo_t *cr, const imp_area *a)
{
    if (!a->glyphs && (!a->line || !a->line->layout))
        return;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0); /* colours come from the line's attributes */
    cairo_move_to(cr, a->x, a->baseline);
    if (a->glyphs)
        imp_glyphs_draw(a->glyphs, cr);
    else
        pango_cairo_show_layout_line(cr, a->line);
    cairo_restore(cr);
}

static void S_content(S_r *r, int decoration);
static void S_link_begin(S_r *r, const imp_area *a);

/* A line with links: its text in order, each link's inside its Link
 * element (which then holds the link's text and its annotation, as PDF/UA
 * asks), the rest as the line's own content. */
static void S_line_linked(S_r *r, const imp_area *a, const imp_area *const *links, int n)
{
    cairo_t *cr = r->cr;
    size_t len = 0;
    imp_glyphs_text(a->glyphs, &len);
    int pos = 0;
    for (int i = 0; i <= n; i++) {
        int s = i < n ? links[i]->text_start : (int)len, e = i < n ? links[i]->text_end : (int)len;
        if (s < pos)
            s = pos; /* overlapping ranges: each character once */
        if (s > pos) {
            S_content(r, 0);
            cairo_save(cr);
            cairo_set_source_rgb(cr, 0, 0, 0);
            cairo_move_to(cr, a->x, a->baseline);
            imp_glyphs_draw_range(a->glyphs, cr, pos, s);
            cairo_restore(cr);
        }
        if (i == n || e <= s) {
            pos = e > pos ? e : pos;
            continue;
        }
        S_link_begin(r, links[i]);
        cairo_save(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, a->x, a->baseline);
        imp_glyphs_draw_range(a->glyphs, cr, s, e);
        cairo_restore(cr);
        cairo_tag_end(cr, CAIRO_TAG_LINK);
        pos = e;
    }
}

/* An image scaled into the rectangle x, y, w, h. */
static void S_image_at(cairo_t *cr, imp_diags *d, const imp_image *img, double x, double y,
                       double w, double h, long line)
{
    cairo_save(cr);
    if (img->svg) {
        RsvgRectangle vp = {x, y, w, h};
        GError *err = NULL;
        char why[160];
        const imp_rsvg_lib *R = imp_rsvg_lib_get(why, sizeof why); /* opened: the image was read */
        if (R && !R->rsvg_handle_render_document(img->svg, cr, &vp, &err) && d)
            imp_diag_add(d, IMP_SEV_WARNING, NULL, line, 0, NULL,
                         "an SVG image could not be drawn: %s", err ? err->message : "unknown error");
        if (err)
            g_error_free(err);
    } else if (img->surface) {
        cairo_surface_t *s = img->surface;
        int pw = cairo_image_surface_get_width(s), ph = cairo_image_surface_get_height(s);
        if (pw > 0 && ph > 0) {
            cairo_translate(cr, x, y);
            cairo_scale(cr, w / pw, h / ph);
            cairo_set_source_surface(cr, s, 0, 0);
            cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
            cairo_rectangle(cr, 0, 0, pw, ph);
            cairo_fill(cr);
        }
    }
    cairo_restore(cr);
}

static void S_image(S_r *r, const imp_area *a)
{
    S_image_at(r->cr, r->d, a->image, a->x, a->y, a->w, a->h, a->fo ? a->fo->line : 0);
}

/* A box's background image (XSL 7.8.3-7.8.7, as CSS 2): at its intrinsic
 * size in the padding rectangle, placed by background-position (a
 * percentage of the room the image leaves, or a length from the edge),
 * repeated across, down, both or not at all, and clipped to it. */
static void S_bg_image(cairo_t *cr, const imp_area *a, const double bw[4])
{
    const imp_image *img = a->bg_image;
    double px = a->x + bw[2], py = a->y + bw[0];
    double pw = a->w - bw[2] - bw[3], ph = a->h - bw[0] - bw[1];
    double iw = img->width, ih = img->height;
    if (pw <= 0 || ph <= 0 || iw <= 0.01 || ih <= 0.01)
        return;
    double x = px + (a->bg_pos[0].kind == IMP_LEN_PCT ? a->bg_pos[0].v / 100 * (pw - iw)
                                                      : a->bg_pos[0].v);
    double y = py + (a->bg_pos[1].kind == IMP_LEN_PCT ? a->bg_pos[1].v / 100 * (ph - ih)
                                                      : a->bg_pos[1].v);
    int rx = a->bg_repeat == IMP_BR_REPEAT || a->bg_repeat == IMP_BR_REPEAT_X;
    int ry = a->bg_repeat == IMP_BR_REPEAT || a->bg_repeat == IMP_BR_REPEAT_Y;
    double x0 = rx ? x - ceil((x - px) / iw) * iw : x, x1 = rx ? px + pw : x + iw / 2;
    double y0 = ry ? y - ceil((y - py) / ih) * ih : y, y1 = ry ? py + ph : y + ih / 2;
    cairo_save(cr);
    cairo_rectangle(cr, px, py, pw, ph);
    cairo_clip(cr);
    long n = 0;
    for (double ty = y0; ty < y1 && n < 10000; ty += ih)
        for (double tx = x0; tx < x1 && n < 10000; tx += iw, n++)
            S_image_at(cr, NULL, img, tx, ty, iw, ih, 0);
    cairo_restore(cr);
}

/* ------------------------------------------------------------------ */
/* links and destinations                                              */

static void S_num(GString *g, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append(g, g_ascii_formatd(buf, sizeof buf, "%.3f", isfinite(v) ? v : 0));
}

/* Cairo writes names into PDF strings unescaped: keep them to safe bytes. */
static void S_dest_name(GString *g, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (g_ascii_isalnum(*p) || *p == '.' || *p == '_' || *p == '-' || *p == ':')
            g_string_append_c(g, (char)*p);
        else
            g_string_append_printf(g, "~%02X", *p);
    }
}

/* A URI as 7-bit ASCII without the bytes a PDF string or a Cairo attribute would trip on. */
static void S_uri(GString *g, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7f || *p == '(' || *p == ')' || *p == '\\')
            g_string_append_printf(g, "%%%02X", *p);
        else if (*p == '\'')
            g_string_append(g, "\\'");
        else
            g_string_append_c(g, (char)*p);
    }
}

static void S_link_target(GString *g, const char *uri, const char *dest)
{
    if (uri) {
        g_string_append(g, "uri='");
        S_uri(g, uri);
    } else {
        g_string_append(g, "dest='");
        S_dest_name(g, dest);
    }
    g_string_append(g, "'");
}

/* Open a Link element: cairo_tag_begin with the link's target and rectangle. */
static void S_link_begin(S_r *r, const imp_area *a)
{
    if (r->artifact)
        S_pop_wrapper(r);
    else
        S_sync(r, S_EXACT);
    GString *g = g_string_new(NULL);
    S_link_target(g, a->uri, a->dest);
    /* the clickable rectangle: the link's stretch of its line box */
    g_string_append(g, " rect=[");
    S_num(g, a->x);
    g_string_append_c(g, ' ');
    S_num(g, a->y);
    g_string_append_c(g, ' ');
    S_num(g, a->w);
    g_string_append_c(g, ' ');
    S_num(g, a->h);
    g_string_append(g, "]");
    S_open *top = S_top(r);
    S_extra x = {a->alt, a->lang};
    if (top)
        top->nchildren++;
    g_array_append_val(r->extra, x);
    cairo_tag_begin(r->cr, CAIRO_TAG_LINK, g->str);
    g_string_free(g, TRUE);
}

/* A line's links whose text it draws inside their Link elements
 * (S_line_linked): the LINK areas that follow it among its siblings. */
static int S_line_links(const S_r *r, const imp_area *line, const imp_area **v, int cap)
{
    int n = 0;
    if (!line->glyphs || r->artifact)
        return 0;
    for (const imp_area *s = line->next; s && s->kind != IMP_AREA_LINE && s->kind != IMP_AREA_BOX;
         s = s->next)
        if (s->kind == IMP_AREA_LINK && s->of_line == line && (s->uri || s->dest) && n < cap &&
            s->text_end > s->text_start)
            v[n++] = s;
    /* in the order of the text */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && v[j]->text_start < v[j - 1]->text_start; j--) {
            const imp_area *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return n;
}

static void S_link(S_r *r, const imp_area *a)
{
    if ((!a->uri && !a->dest) || !(a->w > 0) || !(a->h > 0))
        return;
    if (a->of_line && a->of_line->glyphs && !r->artifact && a->text_end > a->text_start)
        return; /* its line drew it, text and all (S_line_linked) */
    S_link_begin(r, a);
    cairo_tag_end(r->cr, CAIRO_TAG_LINK);
}

static void S_dest(S_r *r, const imp_area *a)
{
    /* an id in static content recurs on every page: the first one wins */
    if (!a->name || g_hash_table_contains(r->dests, a->name))
        return;
    g_hash_table_add(r->dests, a->name);
    GString *g = g_string_new("name='");
    S_dest_name(g, a->name);
    g_string_append(g, "' x=");
    S_num(g, a->x);
    g_string_append(g, " y=");
    S_num(g, a->y);
    cairo_tag_begin(r->cr, CAIRO_TAG_DEST, g->str);
    cairo_tag_end(r->cr, CAIRO_TAG_DEST);
    g_string_free(g, TRUE);
}

static void S_outline(S_r *r, const imp_outline *o, int parent)
{
    for (; o; o = o->next) {
        GString *g = g_string_new(NULL);
        if (o->uri || o->dest)
            S_link_target(g, o->uri, o->dest);
        int id = cairo_pdf_surface_add_outline(r->surf, parent, o->title ? o->title : "", g->str,
                                               o->open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
        g_string_free(g, TRUE);
        S_outline(r, o->first, id);
    }
}

/* ------------------------------------------------------------------ */
/* the tree                                                            */

static int S_seg_cmp(const void *pa, const void *pb)
{
    const S_seg *a = pa, *b = pb;
    const double ka[7] = {a->c.r, a->c.g, a->c.b, a->c.a, a->w, a->at, a->a0};
    const double kb[7] = {b->c.r, b->c.g, b->c.b, b->c.a, b->w, b->at, b->a0};
    for (int i = 0; i < 7; i++)
        if (ka[i] != kb[i])
            return ka[i] < kb[i] ? -1 : 1;
    return 0;
}

static int S_seg_same_pen(const S_seg *a, const S_seg *b)
{
    return a->c.r == b->c.r && a->c.g == b->c.g && a->c.b == b->c.b && a->c.a == b->c.a &&
           a->w == b->w;
}

/* A collapsing table's grid: the stretches its cells gave, joined where
 * they meet on one line, stroked once per colour and width. */
static void S_grid_lines(S_r *r)
{
    cairo_t *cr = r->cr;
    if (!r->segs[0]->len && !r->segs[1]->len)
        return;
    S_content(r, 1);
    for (int k = 0; k < 2; k++)
        g_array_sort(r->segs[k], S_seg_cmp);
    const S_seg *pen = NULL;
    for (int k = 0; k < 2; k++) {
        GArray *g = r->segs[k];
        for (guint i = 0; i < g->len;) {
            const S_seg *s0 = &g_array_index(g, S_seg, i);
            if (pen && !S_seg_same_pen(pen, s0)) {
                cairo_stroke(cr); /* a new pen: what is gathered goes first */
                pen = NULL;
            }
            if (!pen) {
                pen = s0;
                S_rgba(cr, s0->c, 1);
                cairo_set_line_width(cr, s0->w);
                cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
            }
            double a0 = s0->a0, a1 = s0->a1;
            guint j = i + 1;
            for (; j < g->len; j++) {
                const S_seg *sj = &g_array_index(g, S_seg, j);
                if (!S_seg_same_pen(s0, sj) || fabs(sj->at - s0->at) > 0.001 || sj->a0 > a1 + 0.001)
                    break;
                if (sj->a1 > a1)
                    a1 = sj->a1;
            }
            if (k == 0) {
                cairo_move_to(cr, a0, s0->at);
                cairo_line_to(cr, a1, s0->at);
            } else {
                cairo_move_to(cr, s0->at, a0);
                cairo_line_to(cr, s0->at, a1);
            }
            i = j;
        }
        /* the pen stays for the vertical lines when it is the same */
    }
    if (pen)
        cairo_stroke(cr);
    g_array_set_size(r->segs[0], 0);
    g_array_set_size(r->segs[1], 0);
}

static void S_area(S_r *r, const imp_area *a)
{
    int art = !r->artifact && S_is(a->struct_type, "Artifact");
    if (art)
        r->artifact = 1;
    S_el *el = S_el_of(r, a, 0);
    if (el) {
        g_ptr_array_add(r->path, el);
        S_sync(r, S_OPEN);
    }
    switch (a->kind) {
    case IMP_AREA_BOX:
        if (S_box_has_paint(a)) {
            S_content(r, 1);
            S_box(r->cr, a, r->grid ? r->segs : NULL);
        }
        break;
    case IMP_AREA_LINE:
        if (a->line || a->glyphs) {
            const imp_area *links[16];
            int nl = S_line_links(r, a, links, 16);
            if (nl) {
                S_line_linked(r, a, links, nl);
                break;
            }
            S_content(r, 0);
            S_line(r->cr, a);
        }
        break;
    case IMP_AREA_RULE:
        S_content(r, 1);
        S_rule(r->cr, a);
        break;
    case IMP_AREA_IMAGE:
        if (a->image && a->w > 0 && a->h > 0) {
            S_content(r, 0);
            S_image(r, a);
        }
        break;
    case IMP_AREA_LINK:
        S_link(r, a);
        break;
    case IMP_AREA_DEST:
        S_dest(r, a);
        break;
    default:
        break;
    }
    int grid = a->grid == IMP_GRID_TABLE && !r->grid;
    if (grid)
        r->grid = a;
    int clip = a->kind == IMP_AREA_BOX && a->clip;
    if (clip) {
        cairo_save(r->cr);
        cairo_rectangle(r->cr, a->clip_x, a->clip_y, a->clip_w, a->clip_h);
        cairo_clip(r->cr);
    }
    int turn = a->kind == IMP_AREA_BOX && a->rotate;
    if (turn) {
        /* the children were laid out in a frame turned anticlockwise by
         * a->rotate, from the content rectangle's top-left corner (X, Y),
         * lines W long (W × H on the page): map that frame onto the page */
        double X = a->clip_x, Y = a->clip_y, W = a->clip_w, H = a->clip_h;
        cairo_matrix_t m;
        if (a->rotate == 90) /* lines run up the page from its bottom-left */
            cairo_matrix_init(&m, 0, -1, 1, 0, X - Y, Y + H + X);
        else if (a->rotate == 270) /* down the page from its top-right */
            cairo_matrix_init(&m, 0, 1, -1, 0, X + W + Y, Y - X);
        else /* 180: upside down from its bottom-right */
            cairo_matrix_init(&m, -1, 0, 0, -1, 2 * X + W, 2 * Y + H);
        cairo_save(r->cr);
        cairo_transform(r->cr, &m);
    }
    for (const imp_area *c = a->first; c; c = c->next)
        S_area(r, c);
    if (turn)
        cairo_restore(r->cr);
    if (clip)
        cairo_restore(r->cr);
    if (grid) {
        S_grid_lines(r);
        r->grid = NULL;
    }
    if (el) {
        g_ptr_array_set_size(r->path, r->path->len - 1);
        if (el->last == a)
            S_close(r, el);
    }
    if (art)
        r->artifact = 0;
}

/* Before show_page: no content run continues over the page break. */
static void S_page_end(S_r *r)
{
    S_pop_wrapper(r);
    S_open *top = S_top(r);
    if (top && top->artifact && top->nchildren == 0) {
        S_push(r, NULL);
        S_pop(r);
    }
    for (guint i = 0; i < r->stack->len; i++)
        g_array_index(r->stack, S_open, i).artifact = 0;
}

static void S_metadata(cairo_surface_t *s, const imp_area_doc *ad, imp_diags *d)
{
    if (ad->title)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, ad->title);
    if (ad->author)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, ad->author);
    if (ad->subject)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, ad->subject);
    if (ad->keywords)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, ad->keywords);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "impack");
    /* reproducible builds: https://reproducible-builds.org/specs/source-date-epoch/ */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (!sde || !*sde)
        return;
    char *end;
    errno = 0;
    long long t = strtoll(sde, &end, 10);
    struct tm tm;
    time_t tt = (time_t)t;
    char buf[32];
    if (errno || *end || t < 0 || !gmtime_r(&tt, &tm) ||
        !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
        imp_diag_add(d, IMP_SEV_WARNING, NULL, 0, 0, NULL,
                     "SOURCE_DATE_EPOCH=%s is not a number of seconds; the current time is used", sde);
        return;
    }
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, buf);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, buf);
}

/* ------------------------------------------------------------------ */
/* the document                                                        */

static cairo_status_t S_buf_write(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static void S_r_init(S_r *r, imp_diags *d)
{
    memset(r, 0, sizeof *r);
    r->d = d;
    r->by_id = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    r->by_area = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    r->root.tag = "Document";
    r->root.count = 2; /* it continues over every page */
    r->stack = g_array_new(FALSE, FALSE, sizeof(S_open));
    r->path = g_ptr_array_new();
    r->extra = g_array_new(FALSE, FALSE, sizeof(S_extra));
    r->segs[0] = g_array_new(FALSE, FALSE, sizeof(S_seg));
    r->segs[1] = g_array_new(FALSE, FALSE, sizeof(S_seg));
    r->dests = g_hash_table_new(g_str_hash, g_str_equal);
    r->warned = g_hash_table_new(g_str_hash, g_str_equal);
}

static void S_r_fini(S_r *r)
{
    g_hash_table_destroy(r->by_id);
    g_hash_table_destroy(r->by_area);
    g_array_free(r->stack, TRUE);
    g_ptr_array_free(r->path, TRUE);
    g_array_free(r->extra, TRUE);
    g_array_free(r->segs[0], TRUE);
    g_array_free(r->segs[1], TRUE);
    g_hash_table_destroy(r->dests);
    g_hash_table_destroy(r->warned);
}

/* The PDF in memory, patched; NULL with an error diagnostic. */
static GByteArray *S_render(const imp_area_doc *ad, imp_diags *d)
{
    S_r r;
    GByteArray *pdf = NULL;
    const imp_area *p = ad ? ad->first_page : NULL;
    if (!p || !(p->w > 0) || !(p->h > 0)) {
        imp_diag_add(d, IMP_SEV_ERROR, NULL, 0, 0, NULL, "there are no pages to print");
        return NULL;
    }
    S_r_init(&r, d);
    r.lang = ad->lang;
    for (const imp_area *q = p; q; q = q->next)
        S_scan(&r, q->first, &r.root);
    pdf = g_byte_array_new();
    r.surf = cairo_pdf_surface_create_for_stream(S_buf_write, pdf, p->w, p->h);
    S_metadata(r.surf, ad, d);
    r.cr = cairo_create(r.surf);
    g_ptr_array_add(r.path, &r.root);
    for (; p && cairo_status(r.cr) == CAIRO_STATUS_SUCCESS; p = p->next) {
        /* before anything is drawn on the page, tags included: Cairo
         * starts the page's recording afresh when its size is set */
        if (p->w > 0 && p->h > 0)
            cairo_pdf_surface_set_size(r.surf, p->w, p->h);
        if (r.stack->len == 0)
            S_push(&r, &r.root);
        for (const imp_area *a = p->first; a; a = a->next)
            S_area(&r, a);
        S_page_end(&r);
        cairo_show_page(r.cr);
    }
    while (r.stack->len)
        S_pop(&r);
    S_outline(&r, ad->outline, CAIRO_PDF_OUTLINE_ROOT);
    cairo_status_t st = cairo_status(r.cr);
    cairo_destroy(r.cr);
    cairo_surface_finish(r.surf);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(r.surf);
    cairo_surface_destroy(r.surf);
    if (st != CAIRO_STATUS_SUCCESS) {
        imp_diag_add(d, IMP_SEV_ERROR, NULL, 0, 0, NULL, "the PDF could not be made: %s",
                     cairo_status_to_string(st));
        g_byte_array_free(pdf, TRUE);
        pdf = NULL;
    } else {
        pdf = imp_pdf_patch(pdf, ad->lang, r.extra, d);
    }
    S_r_fini(&r);
    return pdf;
}

/* 1: rendering failed (diagnosed); 2: write failed (not diagnosed). */
static int S_stream(const imp_area_doc *ad, cairo_write_func_t write, void *closure, imp_diags *d)
{
    GByteArray *pdf = S_render(ad, d);
    int rc = pdf ? 0 : 1;
    for (size_t at = 0; pdf && at < pdf->len && rc == 0; at += 65536) {
        size_t k = pdf->len - at < 65536 ? pdf->len - at : 65536;
        if (write(closure, pdf->data + at, (unsigned)k) != CAIRO_STATUS_SUCCESS)
            rc = 2;
    }
    if (pdf)
        g_byte_array_free(pdf, TRUE);
    return rc;
}

int imp_render_pdf_stream(const imp_area_doc *ad, cairo_write_func_t write, void *closure,
                          imp_diags *d)
{
    int rc = S_stream(ad, write, closure, d);
    if (rc == 2)
        imp_diag_add(d, IMP_SEV_ERROR, NULL, 0, 0, NULL, "the PDF could not be written out");
    return rc ? -1 : 0;
}

typedef struct {
    int fd;
    int err;
} S_fdw;

static cairo_status_t S_fd_write(void *closure, const unsigned char *data, unsigned int len)
{
    S_fdw *w = closure;
    while (len > 0) {
        ssize_t k = write(w->fd, data, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            w->err = k < 0 ? errno : EIO;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        data += k;
        len -= (unsigned)k;
    }
    return CAIRO_STATUS_SUCCESS;
}

int imp_render_pdf(const imp_area_doc *ad, const char *path, imp_diags *d)
{
    int rc = -1, err = 0, made = 0;
    char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
    char *tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    S_fdw w = {mkstemp(tmp), 0};
    if (w.fd < 0) {
        err = errno;
        goto done;
    }
    made = 1;
    int s = S_stream(ad, S_fd_write, &w, d);
    if (s == 1)
        goto done;
    if (s == 2) {
        err = w.err;
        goto done;
    }
    /* mkstemp makes the file private; give it the mode a new file would get */
    mode_t um = umask(0);
    umask(um);
    if (fchmod(w.fd, 0666 & ~um) != 0 || fsync(w.fd) != 0) {
        err = errno;
        goto done;
    }
    int fd = w.fd;
    w.fd = -1;
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        err = errno;
        goto done;
    }
    /* the rename itself survives a crash only once the folder is synced */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    rc = 0;
done:
    if (err)
        imp_diag_add(d, IMP_SEV_ERROR, path, 0, 0, NULL, "cannot write %s: %s", path, strerror(err));
    if (w.fd >= 0)
        close(w.fd);
    if (rc != 0 && made)
        unlink(tmp);
    g_free(tmp);
    g_free(dir);
    g_free(base);
    return rc;
}
