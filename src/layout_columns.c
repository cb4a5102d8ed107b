/* layout_columns.c: a region-body of several columns (XSL 6.4.13): the flow
 * fills them in turn, spanning blocks go across them, and they are balanced
 * above a spanning block and at the flow's end by another layout pass. */
#include <math.h>
#include <stdlib.h>

#include "layout_page.h"

/* What a holds moves across by dx (a itself stays). */
static void S_shift(imp_area *a, double dx)
{
    for (imp_area *c = a->first; c; c = c->next)
        imp_area_move(c, dx, 0);
}

/* Move what the flow placed in P->flow (the body, or one column or span
 * of it) to where it belongs on the page. */
void imp_cols_place(imp_seq *S, imp_pager *P)
{
    double dx = S->m.body_x - P->L->flow_x;
    if (P->ncols > 1 && !P->span)
        dx += P->col * (S->m.col_w + S->m.gap);
    if (fabs(dx) > 0.01)
        S_shift(P->flow, dx);
}

/* A box under the body for one column (or a span across them) from y:
 * its content is prepared at the first page's column x, and moved across
 * when the column is done (imp_cols_place). */
imp_area *imp_cols_box(imp_seq *S, imp_pager *P, double y)
{
    imp_area *a = imp_area_new_box(S->body, NULL, NULL);
    if (!a)
        return S->body;
    a->x = S->m.body_x + (P->span ? 0 : P->col * (S->m.col_w + S->m.gap));
    a->y = y;
    a->w = P->span ? S->m.body_w : S->m.col_w;
    a->h = S->m.body_y + S->m.body_h - y;
    return a;
}

/* The balancing entry of the columns being filled, or NULL. */
static struct imp_balance *S_balance_of(imp_pager *P)
{
    imp_lctx *L = P->L;
    if (!P->cols_keyed)
        return NULL;
    for (int i = 0; i < L->nbalance; i++)
        if (L->balance[i].first[0] == P->cols_first[0] &&
            L->balance[i].first[1] == P->cols_first[1] &&
            L->balance[i].first_index == P->cols_first_index)
            return &L->balance[i];
    return NULL;
}

/* The bottom of the column being filled: the body's, or, where the columns
 * are to be balanced (an earlier pass found them ending on a page), the
 * balanced height for all but the last. */
static double S_column_bottom(imp_seq *S, imp_pager *P)
{
    double bottom = S->m.body_y + S->m.body_h;
    if (P->ncols <= 1 || P->span || P->col >= P->ncols - 1)
        return bottom;
    struct imp_balance *b = S_balance_of(P);
    if (!b || b->height < 0)
        return bottom; /* none, or balancing them overflowed the page */
    P->cols_limited = 1;
    return fmin(bottom, P->cols_top + b->height);
}

/* The column's bottom, and where the body's bottom is below it. */
static void S_column_room(imp_seq *S, imp_pager *P)
{
    P->body_bottom = S_column_bottom(S, P);
    P->bottom = fmin(P->body_bottom, P->page_bottom - P->notes_h);
    P->balance_cut = S->m.body_y + S->m.body_h - P->body_bottom;
}

void imp_pager_cols_first(imp_pager *P, const imp_item *it)
{
    if (P->span || P->cols_keyed)
        return;
    P->cols_keyed = 1;
    P->cols_first[0] = it->fo;
    P->cols_first[1] = it->from;
    P->cols_first_index = it->kind == IMP_IT_LINE ? it->para_index : -1;
    S_column_room(P->seq, P); /* balanced, when an earlier pass found them so */
}

/* The columns being filled end on this page (a spanning block comes, or
 * the flow ends): when more than one holds something, the next pass
 * balances them, each as high as their content shared out (XSL leaves
 * balancing to the formatter; FOP balances in the same places). */
void imp_cols_end(imp_pager *P)
{
    imp_lctx *L = P->L;
    if (P->ncols <= 1 || P->span || P->cols_forced || !P->cols_keyed)
        return;
    double h = P->cols_h + (P->y - P->cols_top);
    if (P->col == 0 && P->y - P->cols_top < 1)
        return; /* nothing in them */
    struct imp_balance *b = S_balance_of(P);
    if (b) {
        if (b->height < 0)
            return; /* not to be balanced */
        if (fabs(h - b->total) > 4) {
            /* they hold other content now (what came before moved): shared out anew */
            b->height = h / P->ncols;
            b->total = h;
            b->adjusted = 0;
            L->rebalance = 1;
            return;
        }
        /* balanced already; the breaks fell early and the last column
         * came out taller: the others may be as tall as it (once) */
        double last = P->y - P->cols_top;
        if (P->col == P->ncols - 1 && !b->adjusted && last > b->height + 0.5) {
            b->height = last + 0.5;
            b->adjusted = 1;
            L->rebalance = 1;
        }
        return;
    }
    if (L->nbalance == L->capbalance) {
        int cap = L->capbalance ? L->capbalance * 2 : 32;
        void *v = realloc(L->balance, (size_t)cap * sizeof *L->balance);
        if (!v)
            return;
        L->balance = v;
        L->capbalance = cap;
    }
    b = &L->balance[L->nbalance++];
    b->first[0] = P->cols_first[0];
    b->first[1] = P->cols_first[1];
    b->first_index = P->cols_first_index;
    b->height = h / P->ncols;
    b->total = h;
    b->adjusted = 0;
    L->rebalance = 1;
}

/* Columns balanced on this page that go on to the next (keeps or notes
 * left the last column too much, or what comes before them moved): they
 * are laid out again, not balanced. */
void imp_cols_unbalance(imp_pager *P)
{
    struct imp_balance *b = S_balance_of(P);
    if (b) {
        b->height = -1;
        P->L->rebalance = 1;
    }
    P->cols_limited = 0;
}

/* Columns begin at y: below a spanning block, or at the body's top. */
void imp_cols_begin(imp_seq *S, imp_pager *P, double y, int fresh)
{
    P->col = 0;
    P->cols_top = P->cols_low = y;
    P->cols_h = 0;
    P->cols_forced = 0;
    P->cols_limited = 0;
    P->cols_keyed = 0; /* (the limit comes with the first thing placed) */
    P->cols_fresh = fresh;
    P->flow = imp_cols_box(S, P, y);
    S_column_room(S, P);
}

void imp_cols_next(imp_seq *S, imp_pager *P)
{
    imp_cols_place(S, P);
    if (P->y > P->cols_low)
        P->cols_low = P->y;
    P->cols_h += P->y - P->cols_top;
    P->col++;
    P->top = P->y = P->cols_top;
    P->flow = imp_cols_box(S, P, P->top);
    S_column_room(S, P);
    P->at_top = 1;
}

/* The next column, unless this one is empty: the next, as high, would hold
 * no more. */
int imp_pager_next_is_column(const imp_pager *P)
{
    const imp_seq *S = P->seq;
    return S && S->page && P->ncols > 1 && !P->span && !P->page_break && !P->next_blank &&
           !S->blank && P->col + 1 < P->ncols && P->L->in_flow_pages &&
           (P->y > P->cols_top + 0.01 || P->col_break);
}

imp_area *imp_pager_notes_box(imp_pager *P)
{
    imp_seq *S = P->seq;
    imp_area *a = imp_area_new_box(S->body, NULL, NULL);
    if (!a)
        return S->body;
    a->x = S->m.body_x;
    a->w = S->m.body_w;
    a->y = P->page_bottom - P->notes_h;
    a->h = P->notes_h;
    return a;
}

void imp_pager_notes_placed(imp_pager *P, imp_area *box)
{
    imp_seq *S = P->seq;
    double dx = S->m.body_x - P->L->flow_x;
    if (box != S->body && fabs(dx) > 0.01)
        S_shift(box, dx);
}

void imp_pager_span(imp_pager *P, int span)
{
    imp_seq *S = P->seq;
    span = span != 0;
    if (P->ncols <= 1 || span == P->span) {
        P->span = span;
        return;
    }
    /* the columns (or the span) so far end here */
    imp_cols_place(S, P);
    double y = P->y;
    if (!P->span) {
        imp_cols_end(P);
        if (P->cols_low > y)
            y = P->cols_low;
    }
    P->span = span;
    P->y = y;
    P->col_w = span ? S->m.body_w : S->m.col_w;
    if (span) {
        P->flow = imp_cols_box(S, P, y);
        P->body_bottom = S->m.body_y + S->m.body_h;
        P->bottom = P->body_bottom - P->notes_h;
        P->balance_cut = 0;
    } else {
        imp_cols_begin(S, P, y, 1);
    }
}

