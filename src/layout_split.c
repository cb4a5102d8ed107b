/* layout_split.c: a table row broken between the lines of its cells, over as many pages as it needs. */
#include <math.h>
#include <stdlib.h>

#include "layout_place.h"

#define S_EPS 0.001

/*
 * Each cell's content is placed once, whole, into a scratch box from y = 0
 * (its natural positions), recording the pieces a page must not cut (lines,
 * boxes placed whole). A part of the row on a page then takes, for each
 * cell, the content between two allowed breaks: its areas are moved from
 * the scratch box into the cell's box on the page, shifted up, and the
 * block boxes they were in are cut to fit (as a page break cuts them in the
 * flow: no before border where a box goes on, no after border where it
 * stops short, unless retained).
 */
typedef struct {
    const imp_item *cell;
    imp_area *scratch;   /* unattached; what is still to place */
    imp_pieces pieces;
    double end;          /* the content's height */
    double lo;           /* placed so far, from the content top */
    int done;
} S_cell;

struct imp_rowsplit {
    const imp_item *row;
    S_cell *cells;
    int n;
    int parts;           /* parts placed */
};

int imp_rowsplit_possible(const imp_item *row)
{
    for (const imp_item *c = row->first; c; c = c->next)
        if (c->fo && c->fo->p->number_rows_spanned > 1)
            return 0;
    return row->first != NULL;
}

imp_rowsplit *imp_rowsplit_new(imp_lctx *L, const imp_item *row)
{
    imp_rowsplit *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->row = row;
    for (const imp_item *c = row->first; c; c = c->next)
        s->n++;
    s->cells = calloc((size_t)s->n, sizeof *s->cells);
    if (!s->cells) {
        free(s);
        return NULL;
    }
    int i = 0;
    for (const imp_item *c = row->first; c; c = c->next, i++) {
        S_cell *sc = &s->cells[i];
        sc->cell = c;
        sc->scratch = imp_area_new_box(NULL, NULL, NULL);
        if (sc->scratch)
            sc->end = imp_place_children_pieces(L, c->first, sc->scratch, 0, &sc->pieces);
        sc->done = !sc->scratch;
    }
    return s;
}

void imp_rowsplit_free(imp_rowsplit *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n; i++) {
        imp_area_free(s->cells[i].scratch);
        free(s->cells[i].pieces.v);
    }
    free(s->cells);
    free(s);
}

/* May a page break at b (the top of a piece that allows it, cutting none)? */
static int S_cuts(const imp_pieces *v, double b)
{
    for (int j = 0; j < v->n; j++)
        if (v->v[j].top < b - S_EPS && v->v[j].bottom > b + S_EPS)
            return 1;
    return 0;
}

/* The bottom of what lies in [lo, b), relative to lo. */
static double S_used(const imp_pieces *v, double lo, double b)
{
    double u = 0;
    for (int j = 0; j < v->n; j++)
        if (v->v[j].top >= lo - S_EPS && v->v[j].top < b - S_EPS && v->v[j].bottom - lo > u)
            u = v->v[j].bottom - lo;
    return u;
}

/* Where the cell's content breaks after lo so that at most avail fits: the
 * last allowed break that does, or with force the first one after lo (its
 * piece overflows). -1 when none fits and not forced. */
static double S_break_at(const S_cell *sc, double avail, int force)
{
    const imp_pieces *v = &sc->pieces;
    double best = -1, first = -1;
    for (int j = 0; j < v->n; j++) {
        double b = v->v[j].top;
        if (!v->v[j].breakable || b <= sc->lo + S_EPS || S_cuts(v, b))
            continue;
        if (first < 0 || b < first)
            first = b;
        if (S_used(v, sc->lo, b) <= avail + S_EPS && b > best)
            best = b;
    }
    if (best < 0 && force)
        best = first >= 0 ? first : sc->end;
    return best;
}

/* Move what lies in [lo, hi) of src's subtree under dst, shifted by dy;
 * block boxes are cut to the window (hi < 0: no end). */
static void S_move(imp_area *src, imp_area *dst, double lo, double hi, double dy)
{
    imp_area *prev = NULL;
    for (imp_area *a = src->first; a;) {
        imp_area *next = a->next;
        if (a->kind != IMP_AREA_BOX) {
            if (hi >= 0 && a->y >= hi - S_EPS) {
                prev = a;
                a = next;
                continue;
            }
            /* unlink from src, append to dst */
            if (prev)
                prev->next = next;
            else
                src->first = next;
            if (src->last == a)
                src->last = prev;
            imp_area_append(dst, a);
            a->y += dy;
            if (a->kind == IMP_AREA_LINE)
                a->baseline += dy;
            a = next;
            continue;
        }
        double top = a->y, bot = a->y + a->h;
        /* boxes wholly in a later part wait; those that ended before this
         * part began (all of their content placed) are done */
        int before = hi >= 0 && top >= hi - S_EPS;
        int after = a->first == NULL && top < lo - S_EPS && bot <= lo + S_EPS;
        if (!before && !after) {
            imp_area *f = imp_area_new_box(dst, a->unpainted ? NULL : &a->background,
                                           a->unpainted ? NULL : a->border);
            if (f) {
                double ftop = fmax(top, lo), fbot = hi >= 0 ? fmin(bot, hi) : bot;
                f->fo = a->fo;
                f->x = a->x;
                f->y = ftop + dy;
                f->w = a->w;
                f->h = fbot > ftop ? fbot - ftop : 0;
                f->struct_type = a->struct_type;
                f->struct_id = a->struct_id;
                f->lang = a->lang;
                f->alt = a->alt;
                if (a->clip) {
                    f->clip = 1;
                    f->clip_x = a->clip_x;
                    f->clip_y = a->clip_y + dy;
                    f->clip_w = a->clip_w;
                    f->clip_h = a->clip_h;
                }
                if (!f->unpainted && top < lo - S_EPS && !a->border[IMP_BEFORE].retain)
                    f->border[IMP_BEFORE].width = 0;
                if (!f->unpainted && hi >= 0 && bot > hi + S_EPS && !a->border[IMP_AFTER].retain)
                    f->border[IMP_AFTER].width = 0;
                S_move(a, f, lo, hi, dy);
            }
        }
        prev = a;
        a = next;
    }
}

/* The room a cell's box takes above and below its content in a part. */
static double S_above(const imp_item *c, int first)
{
    if (first)
        return c->bw[IMP_BEFORE] + c->pad[IMP_BEFORE];
    return (c->border[IMP_BEFORE].retain ? c->bw[IMP_BEFORE] : 0) +
           (c->fo && c->fo->p->padding_retain[IMP_BEFORE] ? c->pad[IMP_BEFORE] : 0);
}

static double S_below(const imp_item *c, int last)
{
    if (last)
        return c->bw[IMP_AFTER] + c->pad[IMP_AFTER];
    return (c->border[IMP_AFTER].retain ? c->bw[IMP_AFTER] : 0) +
           (c->fo && c->fo->p->padding_retain[IMP_AFTER] ? c->pad[IMP_AFTER] : 0);
}

int imp_rowsplit_part(imp_rowsplit *s, imp_pager *P, imp_area *parent, double bottom, int force)
{
    const imp_item *row = s->row;
    double sep = row->pad[IMP_BEFORE], room = bottom - P->y - sep;
    double *cut = calloc((size_t)s->n, sizeof *cut);
    if (!cut)
        return force ? 1 : -1;
    int last = 1, moved = 0, overflow = 0, first = s->parts == 0;
    for (int i = 0; i < s->n; i++) {
        S_cell *sc = &s->cells[i];
        const imp_item *c = sc->cell;
        cut[i] = sc->lo;
        if (sc->done)
            continue;
        double above = S_above(c, first);
        if (above + (sc->end - sc->lo) + S_below(c, 1) <= room + S_EPS) {
            cut[i] = sc->end; /* the rest fits */
            moved = 1;
            continue;
        }
        double b = S_break_at(sc, room - above - S_below(c, 0), force);
        if (b < 0) {
            last = 0;
            continue; /* this cell goes on later, whole */
        }
        if (S_used(&sc->pieces, sc->lo, b) > room - above - S_below(c, 0) + S_EPS)
            overflow = 1;
        cut[i] = b;
        moved = 1;
        if (b < sc->end - S_EPS)
            last = 0;
    }
    if (!moved && !force) {
        free(cut);
        return -1;
    }
    /* a part that keeps only a sliver of some cell is still a part: the
     * row's cells share its height, which is the tallest of them */
    double h = 0;
    for (int i = 0; i < s->n; i++) {
        const S_cell *sc = &s->cells[i];
        double used = sc->done ? 0
                      : cut[i] >= sc->end - S_EPS ? sc->end - sc->lo
                                                  : S_used(&sc->pieces, sc->lo, cut[i]);
        double ch = S_above(sc->cell, first) + used + S_below(sc->cell, last);
        if (ch > h)
            h = ch;
    }
    if (overflow)
        imp_layout_warn_once(P->L, 34, row->fo ? row->fo->line : 0,
                             "a line or box in a table cell is taller than the page body; it "
                             "is placed anyway and overflows");
    imp_area *tr = imp_area_new_box(parent, NULL, NULL);
    if (tr) {
        tr->fo = row->fo;
        tr->x = row->x;
        tr->y = P->y;
        tr->w = row->w;
        tr->h = h + sep;
        tr->struct_type = "TR";
        tr->struct_id = row->struct_id;
    }
    for (int i = 0; i < s->n; i++) {
        S_cell *sc = &s->cells[i];
        const imp_item *c = sc->cell;
        /* a cell with nothing in this part still gets its box: the grid stays whole */
        imp_area *box = tr ? imp_pager_box_area(c, tr, P->y + sep, first) : NULL;
        if (box) {
            box->h = h;
            if (!box->unpainted && !last && !c->border[IMP_AFTER].retain)
                box->border[IMP_AFTER].width = 0;
        }
        if (first && c->id)
            imp_pager_found(P, c->id);
        if (sc->done)
            continue;
        int to_end = cut[i] >= sc->end - S_EPS;
        if (box && (to_end || cut[i] > sc->lo + S_EPS))
            S_move(sc->scratch, box, sc->lo, to_end ? -1 : cut[i], P->y + sep + S_above(c, first) - sc->lo);
        sc->lo = cut[i];
        sc->done = to_end;
    }
    free(cut);
    s->parts++;
    P->y += h + sep;
    P->at_top = 0;
    P->page_used = 1;
    return last;
}

/* ---- a cell spanning rows, cut where pages cut its rows ---------------------- */

struct imp_spansplit {
    S_cell c;            /* its content, from y = 0, still to place */
    imp_area *area;      /* its box on the current page */
    int parts;           /* boxes made so far */
};

imp_spansplit *imp_spansplit_new(imp_lctx *L, const imp_item *cell, imp_area *area)
{
    imp_spansplit *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->c.cell = cell;
    s->c.scratch = imp_area_new_box(NULL, NULL, NULL);
    if (!s->c.scratch) {
        free(s);
        return NULL;
    }
    s->c.end = imp_place_children_pieces(L, cell->first, s->c.scratch, 0, &s->c.pieces);
    s->area = area;
    s->parts = 1;
    return s;
}

/* Move [lo, hi) of the content into the current box, below its top room
 * (and off further down as display-align asks). */
static void S_span_move(imp_spansplit *s, double hi, double off)
{
    const imp_item *c = s->c.cell;
    if (!s->area)
        return;
    /* each page's box of the cell is closed at the top (S_spans_row_done) */
    double top = s->area->y + S_above(c, 1) + (off > 0 ? off : 0);
    S_move(s->c.scratch, s->area, s->c.lo, hi, top - s->c.lo);
    s->c.lo = hi < 0 ? s->c.end : hi;
}

void imp_spansplit_cut(imp_spansplit *s)
{
    if (!s->area)
        return;
    const imp_item *c = s->c.cell;
    double room = s->area->h - S_above(c, 1) - S_below(c, 0);
    if (s->c.end - s->c.lo <= room + S_EPS) {
        S_span_move(s, -1, 0); /* the rest fits here */
    } else {
        double b = S_break_at(&s->c, room, 0);
        if (b > s->c.lo)
            S_span_move(s, b, 0);
    }
    /* the box stops short here: no after border unless retained (the
     * collapsing model draws the cut edge: S_cut_edges) */
    if (!s->area->unpainted && !c->border[IMP_AFTER].retain && !(s->area->centred & 1u << IMP_AFTER))
        s->area->border[IMP_AFTER].width = 0;
    s->area = NULL;
}

void imp_spansplit_resume(imp_spansplit *s, imp_area *area)
{
    s->area = area;
    s->parts++;
}

const imp_item *imp_spansplit_cell(const imp_spansplit *s)
{
    return s->c.cell;
}

imp_area *imp_spansplit_area(const imp_spansplit *s)
{
    return s->area;
}

int imp_spansplit_waiting(const imp_spansplit *s)
{
    return s->area == NULL;
}

void imp_spansplit_finish(imp_spansplit *s)
{
    /* a span that no page cut: its content aligned in it as display-align asks */
    const imp_item *c = s->c.cell;
    double off = 0;
    if (s->area && s->parts == 1 && s->c.lo <= 0) {
        double room = s->area->h - S_above(c, 1) - S_below(c, 1);
        off = c->display_align == 1 ? (room - s->c.end) / 2
              : c->display_align == 2 ? room - s->c.end
                                      : 0;
    }
    S_span_move(s, -1, off);
}

void imp_spansplit_free(imp_spansplit *s)
{
    if (!s)
        return;
    imp_area_free(s->c.scratch);
    free(s->c.pieces.v);
    free(s);
}
