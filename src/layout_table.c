/* layout_table.c: fo:table → rows of cells, column widths (fixed and auto layout). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

#define S_MAXCOLS 256

typedef struct {
    double w;       /* final width */
    double spec;    /* specified absolute width, or -1 */
    double prop;    /* proportional-column-width(N) */
    double minw, maxw;
    const imp_fo *fo; /* the fo:table-column, for cell property inheritance */
} S_col;

/* A row of the grid: its fo:table-row (or NULL) and its row group. */
typedef struct {
    const imp_fo *group, *rowfo;
    int r;
} S_grow;

/* A cell's place on the table's grid, and (collapsing model) the border
 * each of its sides draws. */
typedef struct {
    const imp_fo *cell, *row, *group; /* row: the fo:table-row, or NULL */
    int r, c, cs, rs;       /* grid row (counted across the table's groups), column, spans */
    imp_border b[4];        /* collapse: the resolved border of each side */
    unsigned char centred;  /* collapse: the sides shared with a neighbour cell */
} S_pos;

typedef struct {
    imp_lctx *L;
    const imp_fo *table;
    S_col cols[S_MAXCOLS];
    int ncols;
    double x, w;     /* the table's content box */
    int collapse;
    double sep;      /* border-separation (separate model) */
    int declared;    /* columns the fo:table-columns give */
    /* the cells of every row group, in document order, placed on the grid;
     * the header and bodies number their rows from 0 (nmain rows), and so
     * does the footer (nfoot) */
    S_pos *pos;
    int npos, cap;
    S_grow *rows;
    int nrows, rcap, nmain, nfoot;
} S_table;

static void S_columns(S_table *T)
{
    int n = 0;
    for (const imp_fo *c = T->table->first; c; c = c->next) {
        if (c->kind != IMP_FO_TABLE_COLUMN)
            continue;
        int rep = c->p->number_columns_repeated > 0 ? c->p->number_columns_repeated : 1;
        int at = c->p->column_number > 0 ? c->p->column_number - 1 : n;
        for (int r = 0; r < rep && at + r < S_MAXCOLS; r++) {
            S_col *col = &T->cols[at + r];
            col->fo = c;
            col->prop = c->p->column_proportion;
            col->spec = c->p->column_width.kind == IMP_LEN_AUTO || col->prop > 0
                            ? -1
                            : imp_layout_len(c->p->column_width, T->w, -1);
        }
        n = at + rep;
        if (n > T->ncols)
            T->ncols = n > S_MAXCOLS ? S_MAXCOLS : n;
    }
}

/* ---- the grid: each cell's row and column ---- */

static S_pos *S_add_pos(S_table *T)
{
    if (T->npos == T->cap) {
        int cap = T->cap ? 2 * T->cap : 64;
        S_pos *v = realloc(T->pos, (size_t)cap * sizeof *v);
        if (!v)
            return NULL;
        T->pos = v;
        T->cap = cap;
    }
    S_pos *pp = &T->pos[T->npos++];
    memset(pp, 0, sizeof *pp);
    return pp;
}

static void S_add_row(S_table *T, const imp_fo *group, const imp_fo *rowfo, int r)
{
    if (T->nrows == T->rcap) {
        int cap = T->rcap ? 2 * T->rcap : 32;
        S_grow *v = realloc(T->rows, (size_t)cap * sizeof *v);
        if (!v)
            return;
        T->rows = v;
        T->rcap = cap;
    }
    T->rows[T->nrows++] = (S_grow){group, rowfo, r};
}

/* One cell on the grid: at its column-number, else the first column at or
 * after *c that no cell above still spans. spanned[] counts, per column,
 * the rows a cell still covers (this one included). */
static void S_put(S_table *T, const imp_fo *group, const imp_fo *rowfo, const imp_fo *cell, int r,
                  int *c, int spanned[S_MAXCOLS])
{
    const imp_props *p = cell->p;
    if (p->column_number > 0)
        *c = p->column_number - 1;
    else
        while (*c < S_MAXCOLS && spanned[*c] > 0)
            (*c)++;
    if (*c >= S_MAXCOLS) {
        imp_layout_warn_once(T->L, 22, cell->line,
                             "a table has more columns than impack can lay out (256); the "
                             "cells beyond are left out");
        return;
    }
    int cs = p->number_columns_spanned > 0 ? p->number_columns_spanned : 1;
    if (*c + cs > S_MAXCOLS)
        cs = S_MAXCOLS - *c;
    S_pos *pp = S_add_pos(T);
    if (pp) {
        pp->cell = cell;
        pp->row = rowfo;
        pp->group = group;
        pp->r = r;
        pp->c = *c;
        pp->cs = cs;
        pp->rs = p->number_rows_spanned > 1 ? p->number_rows_spanned : 1;
    }
    for (int k = *c; k < *c + cs; k++)
        spanned[k] = p->number_rows_spanned > 1 ? p->number_rows_spanned : 1;
    if (*c + cs > T->ncols)
        T->ncols = *c + cs;
    *c += cs;
}

static void S_next_grid_row(int spanned[S_MAXCOLS])
{
    for (int i = 0; i < S_MAXCOLS; i++)
        if (spanned[i] > 0)
            spanned[i]--;
}

/* The cells of a row group, from grid row *nrows on; rows are fo:table-row
 * elements, or cells straight in the group with starts-row and ends-row
 * (or the declared columns filled). */
static void S_place_group(S_table *T, const imp_fo *group, int *nrows)
{
    int spanned[S_MAXCOLS] = {0};
    int r = *nrows, c = 0, open = 0, first_pos = T->npos;
    for (const imp_fo *x = group->first; x; x = x->next) {
        if (x->kind == IMP_FO_TABLE_ROW) {
            if (open) {
                S_add_row(T, group, NULL, r++);
                S_next_grid_row(spanned);
                open = 0;
            }
            c = 0;
            for (const imp_fo *cell = x->first; cell; cell = cell->next)
                if (cell->kind == IMP_FO_TABLE_CELL)
                    S_put(T, group, x, cell, r, &c, spanned);
            S_add_row(T, group, x, r++);
            S_next_grid_row(spanned);
        } else if (x->kind == IMP_FO_TABLE_CELL) {
            if (open && x->p->starts_row) {
                S_add_row(T, group, NULL, r++);
                S_next_grid_row(spanned);
                open = 0;
            }
            if (!open)
                c = 0;
            S_put(T, group, NULL, x, r, &c, spanned);
            open = 1;
            if (x->p->ends_row || (T->declared > 0 && c >= T->declared)) {
                S_add_row(T, group, NULL, r++);
                S_next_grid_row(spanned);
                open = 0;
            }
        }
    }
    if (open)
        S_add_row(T, group, NULL, r++);
    /* a cell spanning past its group's last row ends there */
    for (int i = first_pos; i < T->npos; i++)
        if (T->pos[i].r + T->pos[i].rs > r)
            T->pos[i].rs = r - T->pos[i].r;
    *nrows = r;
}

/* Every group on the grid: the header and the bodies make one run of rows,
 * the footer another. */
static void S_place(S_table *T)
{
    int main_rows = 0, foot_rows = 0;
    for (const imp_fo *g = T->table->first; g; g = g->next)
        if (g->kind == IMP_FO_TABLE_HEADER)
            S_place_group(T, g, &main_rows);
    for (const imp_fo *g = T->table->first; g; g = g->next)
        if (g->kind == IMP_FO_TABLE_BODY)
            S_place_group(T, g, &main_rows);
    T->nmain = main_rows;
    for (const imp_fo *g = T->table->first; g; g = g->next)
        if (g->kind == IMP_FO_TABLE_FOOTER)
            S_place_group(T, g, &foot_rows);
    T->nfoot = foot_rows;
    if (T->ncols > S_MAXCOLS)
        T->ncols = S_MAXCOLS;
}

static void S_measure_cells(S_table *T)
{
    for (int i = 0; i < T->npos; i++) {
        const S_pos *pp = &T->pos[i];
        if (pp->cs != 1)
            continue; /* spanning cells do not size single columns */
        const imp_props *p = pp->cell->p;
        double mn, mx;
        imp_layout_measure(T->L, pp->cell, &mn, &mx);
        double extra = p->padding[IMP_START] + p->padding[IMP_END] + p->border[IMP_START].width +
                       p->border[IMP_END].width;
        S_col *c = &T->cols[pp->c];
        c->minw = fmax(c->minw, mn + extra);
        c->maxw = fmax(c->maxw, mx + extra);
    }
}

/* ---- the collapsing border model (XSL 1.1 6.7.10, CSS 2.1 17.6.2) ---- */

static int S_style_rank(imp_border_style s)
{
    switch (s) {
    case IMP_BS_DOUBLE: return 8;
    case IMP_BS_SOLID: return 7;
    case IMP_BS_DASHED: return 6;
    case IMP_BS_DOTTED: return 5;
    case IMP_BS_RIDGE: return 4;
    case IMP_BS_OUTSET: return 3;
    case IMP_BS_GROOVE: return 2;
    case IMP_BS_INSET: return 1;
    default: return 0;
    }
}

/* The border an edge draws, from its candidates in order: hidden wins,
 * then the wider, then the stronger style; on a tie the earlier candidate
 * (a cell before its row, row group, column and table; the cell above or
 * to the start before the one below or to the end). */
typedef struct {
    imp_border b;
    int have;
} S_win;

static void S_consider(S_win *w, const imp_border *b)
{
    if (!w->have) {
        w->b = *b;
        w->have = 1;
        return;
    }
    if (w->b.style == IMP_BS_HIDDEN)
        return;
    if (b->style == IMP_BS_HIDDEN) {
        w->b = *b;
        return;
    }
    double wa = imp_layout_border_width(&w->b), wb = imp_layout_border_width(b);
    if (wb > wa + 1e-9 ||
        (wb > wa - 1e-9 && S_style_rank(b->style) > S_style_rank(w->b.style)))
        w->b = *b;
}

static void S_consider_fo(S_win *w, const imp_fo *fo, int side)
{
    if (fo)
        S_consider(w, &fo->p->border[side]);
}

static const imp_fo *S_col_fo(const S_table *T, int c)
{
    return c >= 0 && c < T->ncols ? T->cols[c].fo : NULL;
}

/* The grid of one run of rows: which cell covers each (row, column). */
typedef struct {
    const S_pos **at;
    const imp_fo **rowfo, **group;
    int nrows, ncols;
} S_occ;

static const S_pos *S_occ_at(const S_occ *o, int r, int c)
{
    return r >= 0 && r < o->nrows && c >= 0 && c < o->ncols ? o->at[r * o->ncols + c] : NULL;
}

static int S_occ_init(S_occ *o, const S_table *T, int footer, int nrows)
{
    o->nrows = nrows;
    o->ncols = T->ncols;
    o->at = calloc((size_t)(nrows ? nrows : 1) * (size_t)(T->ncols ? T->ncols : 1), sizeof *o->at);
    o->rowfo = calloc((size_t)(nrows ? nrows : 1), sizeof *o->rowfo);
    o->group = calloc((size_t)(nrows ? nrows : 1), sizeof *o->group);
    if (!o->at || !o->rowfo || !o->group)
        return -1;
    for (int i = 0; i < T->nrows; i++) {
        const S_grow *rw = &T->rows[i];
        if ((rw->group->kind == IMP_FO_TABLE_FOOTER) == footer && rw->r < nrows) {
            o->rowfo[rw->r] = rw->rowfo;
            o->group[rw->r] = rw->group;
        }
    }
    for (int i = 0; i < T->npos; i++) {
        const S_pos *pp = &T->pos[i];
        if ((pp->group->kind == IMP_FO_TABLE_FOOTER) != footer)
            continue;
        for (int r = pp->r; r < pp->r + pp->rs && r < nrows; r++)
            for (int c = pp->c; c < pp->c + pp->cs && c < T->ncols; c++)
                o->at[r * T->ncols + c] = pp;
    }
    return 0;
}

static void S_occ_free(S_occ *o)
{
    free(o->at);
    free(o->rowfo);
    free(o->group);
}

/* The distinct cells either side of an edge: beside column line `at` over
 * rows a0..a1-1 (vertical), or beside row line `at` over columns a0..a1-1.
 * 0 when one side has none (a table edge, or a short row). */
static int S_sides(const S_occ *o, int vertical, int at, int a0, int a1,
                   const S_pos *seen[2][8], int n[2])
{
    n[0] = n[1] = 0;
    for (int k = 0; k < 2; k++)
        for (int a = a0; a < a1; a++) {
            const S_pos *q = vertical ? S_occ_at(o, a, at - 1 + k) : S_occ_at(o, at - 1 + k, a);
            if (!q || (n[k] && seen[k][n[k] - 1] == q))
                continue;
            if (n[k] < 8)
                seen[k][n[k]++] = q;
        }
    return n[0] && n[1];
}

/* A vertical edge between columns c - 1 and c over rows r0..r1-1: the
 * cells to its start and end, then the two columns. */
static int S_vertical(S_win *w, const S_table *T, const S_occ *o, int r0, int r1, int c)
{
    const S_pos *seen[2][8];
    int n[2];
    if (!S_sides(o, 1, c, r0, r1, seen, n))
        return 0;
    for (int i = 0; i < n[0]; i++)
        S_consider(w, &seen[0][i]->cell->p->border[IMP_END]);
    for (int i = 0; i < n[1]; i++)
        S_consider(w, &seen[1][i]->cell->p->border[IMP_START]);
    S_consider_fo(w, S_col_fo(T, c - 1), IMP_END);
    S_consider_fo(w, S_col_fo(T, c), IMP_START);
    return 1;
}

/* A horizontal edge above grid row r over columns c0..c1-1: the cells above
 * and below it, their rows, and their row groups where they differ. */
static int S_horizontal(S_win *w, const S_occ *o, int r, int c0, int c1)
{
    const S_pos *seen[2][8];
    int n[2];
    if (!S_sides(o, 0, r, c0, c1, seen, n))
        return 0;
    for (int i = 0; i < n[0]; i++)
        S_consider(w, &seen[0][i]->cell->p->border[IMP_AFTER]);
    for (int i = 0; i < n[1]; i++)
        S_consider(w, &seen[1][i]->cell->p->border[IMP_BEFORE]);
    S_consider_fo(w, o->rowfo[r - 1], IMP_AFTER);
    S_consider_fo(w, o->rowfo[r], IMP_BEFORE);
    if (o->group[r - 1] != o->group[r]) {
        S_consider_fo(w, o->group[r - 1], IMP_AFTER);
        S_consider_fo(w, o->group[r], IMP_BEFORE);
    }
    return 1;
}

/* An edge of the table: the cell, its row, its row group, the columns
 * along it, the table. */
static void S_outer(S_win *w, const S_table *T, const S_pos *pp, int side)
{
    S_consider(w, &pp->cell->p->border[side]);
    S_consider_fo(w, pp->row, side);
    S_consider_fo(w, pp->group, side);
    if (side == IMP_BEFORE || side == IMP_AFTER) {
        for (int c = pp->c; c < pp->c + pp->cs; c++)
            S_consider_fo(w, S_col_fo(T, c), side);
    } else {
        S_consider_fo(w, S_col_fo(T, side == IMP_START ? pp->c : pp->c + pp->cs - 1), side);
    }
    S_consider(w, &T->table->p->border[side]);
}

static void S_resolve_run(S_table *T, const S_occ *o, int footer, const S_occ *other)
{
    for (int i = 0; i < T->npos; i++) {
        S_pos *pp = &T->pos[i];
        if ((pp->group->kind == IMP_FO_TABLE_FOOTER) != footer)
            continue;
        int r1 = pp->r + pp->rs, c1 = pp->c + pp->cs;
        for (int s = 0; s < 4; s++) {
            S_win w = {0};
            int inner;
            switch (s) {
            case IMP_BEFORE:
                inner = S_horizontal(&w, o, pp->r, pp->c, c1);
                break;
            case IMP_AFTER:
                inner = S_horizontal(&w, o, r1, pp->c, c1);
                break;
            case IMP_START:
                inner = S_vertical(&w, T, o, pp->r, r1, pp->c);
                break;
            default:
                inner = S_vertical(&w, T, o, pp->r, r1, c1);
                break;
            }
            /* the last row of the header and bodies meets the footer's first */
            if (!inner && other && ((!footer && s == IMP_AFTER && r1 == o->nrows) ||
                                    (footer && s == IMP_BEFORE && pp->r == 0))) {
                const S_occ *up = footer ? other : o, *down = footer ? o : other;
                int n = 0;
                for (int c = pp->c; c < c1; c++) {
                    const S_pos *a = S_occ_at(up, up->nrows - 1, c), *b = S_occ_at(down, 0, c);
                    if (a && b) {
                        S_consider(&w, &a->cell->p->border[IMP_AFTER]);
                        S_consider(&w, &b->cell->p->border[IMP_BEFORE]);
                        n++;
                    }
                }
                if (n) {
                    S_consider_fo(&w, up->rowfo[up->nrows - 1], IMP_AFTER);
                    S_consider_fo(&w, down->rowfo[0], IMP_BEFORE);
                    S_consider_fo(&w, up->group[up->nrows - 1], IMP_AFTER);
                    S_consider_fo(&w, down->group[0], IMP_BEFORE);
                    inner = 1;
                }
            }
            if (!inner) {
                w.have = 0;
                S_outer(&w, T, pp, s);
            }
            pp->b[s] = w.b;
            if (inner)
                pp->centred |= (unsigned char)(1u << s);
        }
    }
}

static void S_resolve(S_table *T)
{
    S_occ m = {0}, f = {0};
    if (S_occ_init(&m, T, 0, T->nmain) == 0 && S_occ_init(&f, T, 1, T->nfoot) == 0) {
        S_resolve_run(T, &m, 0, T->nfoot ? &f : NULL);
        S_resolve_run(T, &f, 1, T->nmain ? &m : NULL);
    }
    S_occ_free(&m);
    S_occ_free(&f);
}

static void S_widths(S_table *T)
{
    double avail = T->w - (T->collapse ? 0 : T->sep * (T->ncols + 1));
    double fixed = 0, props = 0;
    int nauto = 0;
    for (int i = 0; i < T->ncols; i++) {
        S_col *c = &T->cols[i];
        if (c->spec >= 0)
            fixed += c->spec;
        else if (c->prop > 0)
            props += c->prop;
        else
            nauto++;
    }
    if (!T->table->p->table_layout_fixed && nauto > 0) {
        /* automatic layout (XSL 6.7.3 leaves it to the formatter; like CSS) */
        S_measure_cells(T);
        double smin = 0, smax = 0;
        for (int i = 0; i < T->ncols; i++)
            if (T->cols[i].spec < 0 && T->cols[i].prop <= 0) {
                smin += T->cols[i].minw;
                smax += T->cols[i].maxw;
            }
        double rest = avail - fixed;
        int full = T->table->p->width.kind != IMP_LEN_AUTO || props > 0;
        for (int i = 0; i < T->ncols; i++) {
            S_col *c = &T->cols[i];
            if (c->spec >= 0 || c->prop > 0)
                continue;
            if (smax <= rest) {
                c->w = c->maxw;
                if (full && smax > 0 && props <= 0)
                    c->w += (rest - smax) * (c->maxw / smax);
            } else if (smin >= rest) {
                c->w = smin > 0 ? rest * c->minw / smin : rest / nauto;
            } else {
                c->w = c->minw + (c->maxw - c->minw) * (rest - smin) / (smax - smin);
            }
            fixed += c->w;
        }
        for (int i = 0; i < T->ncols; i++)
            if (T->cols[i].spec < 0 && T->cols[i].prop <= 0)
                T->cols[i].spec = T->cols[i].w;
        nauto = 0;
    }
    double rest = avail - fixed;
    if (rest < 0)
        rest = 0;
    /* columns without a width share the rest as if proportional-column-width(1) */
    double units = props + nauto;
    for (int i = 0; i < T->ncols; i++) {
        S_col *c = &T->cols[i];
        if (c->spec >= 0)
            c->w = c->spec;
        else
            c->w = units > 0 ? rest * (c->prop > 0 ? c->prop : 1) / units : 0;
    }
    double total = 0;
    for (int i = 0; i < T->ncols; i++)
        total += T->cols[i].w;
    if (total > avail + 0.5)
        imp_layout_warn_once(T->L, 20, T->table->line,
                             "the table's columns are wider than the space for the table; "
                             "it overflows to the end side");
}

static double S_col_x(const S_table *T, int col)
{
    double x = T->x + (T->collapse ? 0 : T->sep);
    for (int i = 0; i < col && i < T->ncols; i++)
        x += T->cols[i].w + (T->collapse ? 0 : T->sep);
    return x;
}

static imp_item *S_cell(S_table *T, const S_pos *pp, int in_header, imp_item *row)
{
    const imp_fo *cell = pp->cell;
    const imp_props *p = cell->p;
    int col = pp->c, span = pp->cs;
    if (col + span > T->ncols)
        span = T->ncols - col > 0 ? T->ncols - col : 1;
    imp_item *it = imp_layout_item_new(IMP_IT_BLOCK, cell, row);
    if (!it)
        return NULL;
    double x = S_col_x(T, col);
    double w = 0;
    for (int i = col; i < col + span && i < T->ncols; i++)
        w += T->cols[i].w + (i > col && !T->collapse ? T->sep : 0);
    it->x = x;
    it->w = w;
    for (int s = 0; s < 4; s++) {
        it->pad[s] = p->padding[s];
        /* collapsing: a shared edge's border is centred on it, so the cell
         * gives it half its width */
        it->border[s] = T->collapse ? pp->b[s] : p->border[s];
        it->bw[s] = imp_layout_border_width(&it->border[s]);
        if (pp->centred & (1u << s))
            it->bw[s] /= 2;
    }
    it->centred = pp->centred;
    it->grid = T->collapse ? IMP_GRID_CELL : IMP_GRID_NONE;
    /* the cell's background, else its row's, its row group's, its column's
     * (the layers XSL 6.7.x paints under a cell, the topmost that has one) */
    const imp_fo *under[4] = {cell, row->fo, pp->group, S_col_fo(T, col)};
    it->background = p->background_color;
    for (int k = 0; k < 4; k++)
        if (under[k] && under[k]->p->background_color.a > 0) {
            it->background = under[k]->p->background_color;
            break;
        }
    it->bg_image = imp_layout_bg_image(T->L, cell);
    it->display_align = p->display_align;
    it->struct_type = in_header ? "TH" : "TD";
    it->struct_id = ++T->L->next_struct_id;
    it->id = p->id;
    it->keep_together = 0;
    double cx = x + it->pad[IMP_START] + it->bw[IMP_START];
    double cw = w - it->pad[IMP_START] - it->pad[IMP_END] - it->bw[IMP_START] - it->bw[IMP_END];
    if (cw < 1)
        cw = 1;
    imp_layout_blocks(T->L, cell, cx, cw, it);
    it->height = imp_layout_height(it);
    return it;
}

static imp_item *S_new_row(S_table *T, const imp_fo *rowfo, imp_item **list, imp_item *table)
{
    imp_item *row = imp_layout_item_new(IMP_IT_ROW, rowfo, NULL);
    if (!row)
        return NULL;
    row->parent = table;
    row->x = T->x;
    row->w = T->w;
    row->struct_type = "TR";
    row->struct_id = ++T->L->next_struct_id;
    if (rowfo) {
        row->keep_together = rowfo->p->keep_together;
        row->keep_with_next = rowfo->p->keep_with_next;
        row->keep_with_previous = rowfo->p->keep_with_previous;
        row->break_before = rowfo->p->break_before;
        row->break_after = rowfo->p->break_after;
        if (rowfo->p->height.kind == IMP_LEN_PT)
            row->min_height = rowfo->p->height.v;
        if (rowfo->p->min_height.kind == IMP_LEN_PT && rowfo->p->min_height.v > row->min_height)
            row->min_height = rowfo->p->min_height.v;
    }
    /* append to the list */
    imp_item **tail = list;
    while (*tail)
        tail = &(*tail)->next;
    *tail = row;
    return row;
}

/* Close a row: its height is the tallest cell's (cells spanning rows count
 * in their last row). */
static void S_end_row(imp_item *row)
{
    double h = row->min_height;
    for (imp_item *c = row->first; c; c = c->next) {
        int rs = c->fo->p->number_rows_spanned > 1 ? c->fo->p->number_rows_spanned : 1;
        if (rs == 1 && c->height > h)
            h = c->height;
    }
    row->height = h;
    for (imp_item *c = row->first; c; c = c->next)
        if (!(c->fo->p->number_rows_spanned > 1))
            c->height = h;
}

/* The rows of one group, from the grid. */
static void S_group(S_table *T, const imp_fo *group, imp_item **list, imp_item *table, int header)
{
    int i = 0;
    for (int k = 0; k < T->nrows; k++) {
        const S_grow *rw = &T->rows[k];
        if (rw->group != group)
            continue;
        imp_item *row = S_new_row(T, rw->rowfo, list, table);
        if (!row)
            return;
        while (i < T->npos && (T->pos[i].group != group || T->pos[i].r < rw->r))
            i++;
        for (; i < T->npos && T->pos[i].group == group && T->pos[i].r == rw->r; i++)
            if (T->pos[i].c < T->ncols)
                S_cell(T, &T->pos[i], header, row);
        S_end_row(row);
    }
    /* rows a spanning cell covers stay together, and the last grows to hold it */
    for (imp_item *rw = *list; rw; rw = rw->next)
        for (imp_item *c = rw->first; c; c = c->next) {
            int rs = c->fo->p->number_rows_spanned;
            if (rs <= 1)
                continue;
            double h = 0;
            imp_item *last = rw;
            for (int k = 0; k < rs && last; k++) {
                h += last->height;
                if (k < rs - 1)
                    last->keep_with_next = IMP_KEEP_ALWAYS;
                if (k < rs - 1 && last->next)
                    last = last->next;
                else
                    break;
            }
            if (c->height > h)
                last->height += c->height - h;
            else
                c->height = h;
        }
}

void imp_layout_table(imp_lctx *L, const imp_fo *table, double x, double w, imp_item *parent)
{
    S_table *T = calloc(1, sizeof *T);
    if (!T)
        return;
    const imp_props *p = table->p;
    T->L = L;
    T->table = table;
    T->collapse = p->border_collapse;
    T->sep = p->border_separation;
    imp_item *it = imp_layout_item_new(IMP_IT_TABLE, table, parent);
    if (!it) {
        free(T);
        return;
    }
    for (int s = 0; s < 4; s++) {
        /* collapsing: the cells on its edges draw the table's borders */
        it->pad[s] = T->collapse ? 0 : p->padding[s];
        if (!T->collapse)
            it->border[s] = p->border[s];
        it->bw[s] = T->collapse ? 0 : imp_layout_border_width(&p->border[s]);
    }
    imp_layout_item_flow(it, p);
    it->struct_type = "Table";
    it->grid = T->collapse ? IMP_GRID_TABLE : IMP_GRID_NONE;
    it->struct_id = ++L->next_struct_id;
    double tw = p->width.kind == IMP_LEN_AUTO ? w : imp_layout_len(p->width, w, w);
    it->x = x - it->bw[IMP_START] - it->pad[IMP_START];
    it->w = tw;
    T->x = x;
    T->w = tw - it->bw[IMP_START] - it->bw[IMP_END] - it->pad[IMP_START] - it->pad[IMP_END];
    if (T->x + tw > x + w + 0.5 && p->width.kind != IMP_LEN_AUTO)
        imp_layout_warn_once(L, 21, table->line, "a table is wider than its column");
    for (int i = 0; i < S_MAXCOLS; i++)
        T->cols[i].spec = -1; /* no width given */
    S_columns(T);
    T->declared = T->ncols;
    S_place(T);
    if (T->ncols == 0)
        goto done;
    S_widths(T);
    if (T->collapse)
        S_resolve(T);
    if (!p->table_layout_fixed && T->table->p->width.kind == IMP_LEN_AUTO) {
        double used = 0;
        for (int i = 0; i < T->ncols; i++)
            used += T->cols[i].w + (T->collapse ? 0 : T->sep);
        used += T->collapse ? 0 : T->sep;
        if (used < T->w)
            it->w = used + it->bw[IMP_START] + it->bw[IMP_END] + it->pad[IMP_START] + it->pad[IMP_END];
    }
    it->omit_header_at_break = p->omit_header_at_break;
    it->omit_footer_at_break = p->omit_footer_at_break;
    for (const imp_fo *g = table->first; g; g = g->next) {
        if (g->kind == IMP_FO_TABLE_HEADER)
            S_group(T, g, &it->header, it, 1);
        else if (g->kind == IMP_FO_TABLE_FOOTER)
            S_group(T, g, &it->footer, it, 0);
    }
    for (const imp_fo *g = table->first; g; g = g->next)
        if (g->kind == IMP_FO_TABLE_BODY) {
            imp_item *rows = NULL;
            S_group(T, g, &rows, it, 0);
            for (imp_item *r = rows; r;) {
                imp_item *next = r->next;
                r->next = NULL;
                if (it->last)
                    it->last->next = r;
                else
                    it->first = r;
                it->last = r;
                r = next;
            }
        }
    /* separate borders: each row begins with the separation (its cells
     * stand below it), and the last is followed by one */
    if (!T->collapse && T->sep > 0) {
        imp_item *lists[3] = {it->header, it->first, it->footer};
        for (int k = 0; k < 3; k++)
            for (imp_item *r = lists[k]; r; r = r->next) {
                r->height += T->sep;
                r->pad[IMP_BEFORE] = T->sep;
                /* a cell spanning rows spans the separations between them too */
                for (imp_item *c = r->first; c; c = c->next) {
                    int rs = c->fo->p->number_rows_spanned;
                    for (const imp_item *n = r->next; rs > 1 && n; n = n->next, rs--)
                        c->height += T->sep;
                }
            }
        it->pad[IMP_AFTER] += T->sep;
    }
done:
    free(T->pos);
    free(T->rows);
    free(T);
}
