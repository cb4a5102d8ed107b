/* layout_place_table.c: a table's rows put on pages (header and footer
 * repeated, rows broken between lines, cells spanning rows cut by pages).
 * The pager itself is layout_place.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_place.h"

/* The cells of a table slice that span rows still to come. */
#define S_MAXSPANS 16
typedef struct {
    struct {
        imp_spansplit *s;
        int rows_left;     /* rows of its span not yet placed */
    } v[S_MAXSPANS];
    int n;
} S_spans;

/* A row is placed: each open span has one row fewer to go; its box grows to
 * the rows placed, and takes the rest of its content with its last row. */
static void S_spans_row_done(imp_pager *P, S_spans *sp, imp_area *tr)
{
    for (int i = 0; sp && i < sp->n;) {
        imp_spansplit *s = sp->v[i].s;
        if (imp_spansplit_waiting(s) && tr) {
            /* the span goes on from a page before: its box here, closed at
             * the top as the rows beside it are (S_cut_edges) */
            imp_area *b = imp_pager_box_area(imp_spansplit_cell(s), tr, tr->y, 1);
            if (b)
                imp_spansplit_resume(s, b);
        }
        imp_area *b = imp_spansplit_area(s);
        if (b)
            b->h = P->y - b->y;
        if (--sp->v[i].rows_left <= 0) {
            imp_spansplit_finish(s);
            imp_spansplit_free(s);
            sp->v[i] = sp->v[--sp->n];
            continue;
        }
        i++;
    }
}

/* A row: every cell laid out whole, as tall as the row; sp, the cells of
 * this slice that span rows (NULL: none can). */
static void S_row(imp_pager *P, const imp_item *row, imp_area *parent, S_spans *sp)
{
    double sep = row->pad[IMP_BEFORE];
    imp_area *tr = imp_area_new_box(parent, NULL, NULL);
    if (!tr)
        return;
    tr->fo = row->fo;
    tr->x = row->x;
    tr->y = P->y;
    tr->w = row->w;
    tr->h = row->height;
    tr->struct_type = "TR";
    tr->struct_id = row->struct_id;
    if (row->fo)
        imp_layout_markers(P, row->fo); /* and on the row */
    for (const imp_item *c = row->first; c; c = c->next) {
        imp_area *cell = imp_pager_box_area(c, tr, P->y + sep, 1);
        if (!cell)
            continue;
        cell->h = c->height - (c->height > row->height - sep ? 0 : 0);
        if (cell->h > row->height - sep || c->fo->p->number_rows_spanned <= 1)
            cell->h = c->fo->p->number_rows_spanned > 1 ? c->height : row->height - sep;
        double content = imp_layout_height(c) - c->pad[IMP_BEFORE] - c->pad[IMP_AFTER] -
                         c->bw[IMP_BEFORE] - c->bw[IMP_AFTER];
        double room = cell->h - c->pad[IMP_BEFORE] - c->pad[IMP_AFTER] - c->bw[IMP_BEFORE] -
                      c->bw[IMP_AFTER];
        double off = c->display_align == 1 ? (room - content) / 2
                     : c->display_align == 2 ? room - content
                                             : 0;
        if (c->id)
            imp_pager_found(P, c->id);
        imp_layout_markers(P, c->fo); /* markers on the cell itself */
        int rs = c->fo->p->number_rows_spanned;
        if (sp && rs > 1 && !P->whole && sp->n < S_MAXSPANS) {
            /* its rows may be cut by a page: its content goes in as they come */
            imp_spansplit *s = imp_spansplit_new(P->L, c, cell);
            if (s) {
                sp->v[sp->n].s = s;
                sp->v[sp->n].rows_left = rs;
                sp->n++;
                continue;
            }
        }
        imp_place_children_for(P, c->first, cell,
                                 P->y + sep + c->bw[IMP_BEFORE] + c->pad[IMP_BEFORE] +
                                     (off > 0 ? off : 0));
    }
    imp_pager_piece(P, P->y, P->y + row->height, 1);
    P->y += row->height;
    P->at_top = 0;
    P->page_used = 1;
    S_spans_row_done(P, sp, tr);
}

static double S_rows_height(const imp_item *r)
{
    double h = 0;
    for (; r; r = r->next)
        h += r->height;
    return h;
}

static imp_area *S_group(imp_pager *P, imp_area *parent, const imp_item *table, const char *type,
                         int id)
{
    imp_area *g = imp_area_new_box(parent, NULL, NULL);
    if (!g)
        return NULL;
    g->fo = table->fo;
    g->x = table->x;
    g->y = P->y;
    g->w = table->w;
    g->struct_type = type;
    g->struct_id = id;
    return g;
}

/* A collapsing table's cells share their edges (imp_pager_box_area); where
 * a page cuts the table, the cells at the cut draw their edge themselves,
 * inside them, unless the header or footer row there shares it. */
static void S_cut_edges(imp_area *rows, double top, double bottom, int header, int footer)
{
    for (imp_area *tr = rows->first; tr; tr = tr->next)
        for (imp_area *c = tr->first; c; c = c->next) {
            if (c->kind != IMP_AREA_BOX || c->unpainted)
                continue;
            if (!header && (c->centred & 1u << IMP_BEFORE) && fabs(c->y - top) < 0.01)
                c->centred &= (unsigned char)~(1u << IMP_BEFORE);
            if (!footer && (c->hidden & 1u << IMP_AFTER) && fabs(c->y + c->h - bottom) < 0.01) {
                c->hidden &= (unsigned char)~(1u << IMP_AFTER);
                c->centred &= (unsigned char)~(1u << IMP_AFTER);
            }
        }
}

void imp_pager_table(imp_pager *P, const imp_item *t)
{
    imp_pager_break_before(P, t->break_before);
    if (P->refit)
        return;
    imp_pager_apply_space(P, t);
    double hh = S_rows_height(t->header), fh = S_rows_height(t->footer);
    double first = t->first ? t->first->height : 0;
    if (!P->whole && !P->at_top &&
        ((t->keep_together && imp_layout_height(t) <= imp_pager_page_room(P) &&
          imp_layout_height(t) > imp_pager_room(P)) ||
         hh + first + fh > imp_pager_room(P)))
        imp_pager_break(P);
    if (P->refit || P->cont)
        return;
    P->refit_ok = 0; /* placing begins */
    P->cursor = NULL; /* a table is not prepared again once begun */
    if (t->id)
        imp_pager_found(P, t->id);
    int thead = ++P->L->next_struct_id, tbody = ++P->L->next_struct_id,
        tfoot = ++P->L->next_struct_id;
    imp_rowsplit *split = NULL; /* the row being broken over pages, if any */
    S_spans spans = {0};        /* cells spanning rows still to come */
    int tall_run = 0;           /* inside a run of kept rows taller than a page */
    const imp_item *split_row = NULL;
    for (;;) {
        imp_area *box = imp_pager_box_area(t, imp_pager_parent(P), P->y, 1);
        if (!box)
            return;
        if (t->id) {
            imp_area *dest = imp_area_new(IMP_AREA_DEST, box);
            if (dest) {
                dest->x = t->x;
                dest->y = P->y;
                dest->name = strdup(t->id);
            }
        }
        P->y += t->bw[IMP_BEFORE] + t->pad[IMP_BEFORE];
        /* table-omit-header-at-break: the header only where the table starts */
        int part = P->table_resume != NULL || split != NULL;
        int header = t->header && !(part && t->omit_header_at_break);
        if (header) {
            imp_area *g = S_group(P, box, t, "THead", thead);
            for (const imp_item *r = t->header; r; r = r->next)
                S_row(P, r, g, NULL);
            if (g) {
                g->h = P->y - g->y;
                /* the rest of a row broken on the page before has no edge
                 * above it (discarded at the break): the header draws it */
                if (split && g->last)
                    S_cut_edges(g, g->y, P->y, 1, 0);
            }
        }
        double rows_top = P->y;
        imp_area *body = S_group(P, box, t, "TBody", tbody);
        imp_area *rows = body ? body : box;
        const imp_item *r = P->table_resume ? P->table_resume : t->first;
        P->table_resume = NULL;
        int placed = 0;
        for (; r; r = r->next) {
            if (split && split_row == r) {
                /* a row broken on the page before goes on: at a page top,
                 * something of it is always placed */
                int done = imp_rowsplit_part(split, P, rows, P->bottom - fh, 1);
                placed++;
                if (!done)
                    break;
                imp_rowsplit_free(split);
                split = NULL;
                P->row_break_after = r->break_after != IMP_BREAK_AUTO;
                continue;
            }
            if (!P->whole && placed && r->break_before != IMP_BREAK_AUTO)
                break; /* a row that starts a new page */
            if (!P->whole && placed && r != t->first && P->row_break_after)
                break;
            /* rows kept together (keep-with-next, spanning cells) move as one;
             * a run of them taller than a page breaks where it must, and the
             * rest of that run flows on as it comes */
            double need = r->height;
            for (const imp_item *k = r; k->next && (k->keep_with_next || k->next->keep_with_previous);
                 k = k->next)
                need += k->next->height;
            if (need > imp_pager_page_room(P) - hh - fh)
                tall_run = 1;
            if (tall_run)
                need = r->height;
            if (!(r->keep_with_next || (r->next && r->next->keep_with_previous)))
                tall_run = 0; /* the run ends with this row */
            int keep = r->keep_together != 0, can_split = imp_rowsplit_possible(r);
            int too_tall = r->height + hh + fh > imp_pager_page_room(P);
            if (!P->whole && placed && P->y + need + fh > P->bottom &&
                (need > r->height || keep || !can_split))
                break; /* moves whole to the next page */
            if (!P->whole && P->y + r->height + fh > P->bottom && can_split && (!keep || too_tall)) {
                /* the row breaks between the lines of its cells (XSL: a row
                 * may break unless keep-together says otherwise) */
                if (keep && r->keep_together == IMP_KEEP_ALWAYS)
                    imp_layout_warn_once(P->L, 33, r->fo ? r->fo->line : 0,
                                         "a table row with keep-together is taller than the page "
                                         "body; it is broken between lines anyway");
                split = imp_rowsplit_new(P->L, r);
                int done = split ? imp_rowsplit_part(split, P, rows, P->bottom - fh, !placed) : -1;
                if (done < 0 && placed) {
                    imp_rowsplit_free(split); /* nothing of it fits here: it moves on */
                    split = NULL;
                    break;
                }
                if (done >= 0) {
                    placed++;
                    if (!done) {
                        split_row = r;
                        break;
                    }
                    imp_rowsplit_free(split);
                    split = NULL;
                    P->row_break_after = r->break_after != IMP_BREAK_AUTO;
                    continue;
                }
                imp_rowsplit_free(split);
                split = NULL;
            }
            if (!P->whole && too_tall)
                imp_layout_warn_once(P->L, 32, r->fo ? r->fo->line : 0,
                                     "a table row is taller than the page body; it is placed "
                                     "anyway and overflows");
            S_row(P, r, rows, &spans);
            placed++;
            P->row_break_after = r->break_after != IMP_BREAK_AUTO;
        }
        if (body)
            body->h = P->y - body->y;
        /* table-omit-footer-at-break: the footer only where the table ends */
        int footer = t->footer && !(r && t->omit_footer_at_break);
        /* cells spanning rows on the next page: what fits stays here */
        for (int i = 0; i < spans.n; i++)
            imp_spansplit_cut(spans.v[i].s);
        S_cut_edges(rows, rows_top, P->y, header, footer);
        if (footer) {
            imp_area *g = S_group(P, box, t, "TFoot", tfoot);
            for (const imp_item *f = t->footer; f; f = f->next)
                S_row(P, f, g, NULL);
            if (g)
                g->h = P->y - g->y;
        }
        P->y += t->pad[IMP_AFTER] + t->bw[IMP_AFTER];
        box->h = P->y - box->y;
        P->at_top = 0;
        P->page_used = 1;
        if (!r)
            break;
        P->table_resume = r;
        imp_pager_break(P);
    }
    imp_rowsplit_free(split);
    for (int i = 0; i < spans.n; i++) { /* rows cut short by the table's end */
        imp_spansplit_finish(spans.v[i].s);
        imp_spansplit_free(spans.v[i].s);
    }
    if (t->id)
        imp_pager_found_last(P, t->id);
    if (t->break_after != IMP_BREAK_AUTO && !P->whole)
        P->break_pending = t->break_after;
}

void imp_pager_row(imp_pager *P, const imp_item *row, imp_area *parent)
{
    S_row(P, row, parent, NULL);
}
