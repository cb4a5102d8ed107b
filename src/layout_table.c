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

typedef struct {
    imp_lctx *L;
    const imp_fo *table;
    S_col cols[S_MAXCOLS];
    int ncols;
    double x, w;     /* the table's content box */
    int collapse;
    double sep;      /* border-separation (separate model) */
    /* rows that are still spanned by a cell above: remaining count per column */
    int spanned[S_MAXCOLS];
    imp_item *span_cell[S_MAXCOLS];
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

/* Walk the cells of every row group, calling fn(cell, column index). */
typedef void (*S_cellfn)(S_table *T, const imp_fo *cell, int col);

static void S_rows_of(S_table *T, const imp_fo *group, S_cellfn fn)
{
    int col = 0;
    for (const imp_fo *r = group->first; r; r = r->next) {
        if (r->kind == IMP_FO_TABLE_ROW) {
            int c = 0;
            for (const imp_fo *cell = r->first; cell; cell = cell->next)
                if (cell->kind == IMP_FO_TABLE_CELL) {
                    if (cell->p->column_number > 0)
                        c = cell->p->column_number - 1;
                    fn(T, cell, c);
                    c += cell->p->number_columns_spanned > 0 ? cell->p->number_columns_spanned : 1;
                }
        } else if (r->kind == IMP_FO_TABLE_CELL) {
            if (r->p->starts_row)
                col = 0;
            if (r->p->column_number > 0)
                col = r->p->column_number - 1;
            fn(T, r, col);
            col += r->p->number_columns_spanned > 0 ? r->p->number_columns_spanned : 1;
            if (r->p->ends_row)
                col = 0;
        }
    }
}

static void S_count_cols(S_table *T, const imp_fo *cell, int col)
{
    int span = cell->p->number_columns_spanned > 0 ? cell->p->number_columns_spanned : 1;
    if (col + span > T->ncols)
        T->ncols = col + span > S_MAXCOLS ? S_MAXCOLS : col + span;
}

static void S_measure_cell(S_table *T, const imp_fo *cell, int col)
{
    int span = cell->p->number_columns_spanned > 0 ? cell->p->number_columns_spanned : 1;
    if (span != 1 || col >= S_MAXCOLS)
        return; /* spanning cells do not size single columns */
    double mn, mx;
    imp_layout_measure(T->L, cell, &mn, &mx);
    double extra = cell->p->padding[IMP_START] + cell->p->padding[IMP_END] +
                   cell->p->border[IMP_START].width + cell->p->border[IMP_END].width;
    S_col *c = &T->cols[col];
    c->minw = fmax(c->minw, mn + extra);
    c->maxw = fmax(c->maxw, mx + extra);
}

static void S_each_group(S_table *T, S_cellfn fn)
{
    for (const imp_fo *g = T->table->first; g; g = g->next)
        if (g->kind == IMP_FO_TABLE_HEADER || g->kind == IMP_FO_TABLE_FOOTER ||
            g->kind == IMP_FO_TABLE_BODY)
            S_rows_of(T, g, fn);
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
        S_each_group(T, S_measure_cell);
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

/* The border a cell draws on one side in the collapsing model: the wider of
 * its own and the table's at the table edge (a simplification of XSL 6.7.10). */
static imp_border S_wider(imp_border a, imp_border b)
{
    double wa = a.style == IMP_BS_NONE ? 0 : a.width, wb = b.style == IMP_BS_NONE ? 0 : b.width;
    return wb > wa ? b : a;
}

static imp_item *S_cell(S_table *T, const imp_fo *cell, int col, int in_header, imp_item *row,
                        int first_col, int last_col)
{
    const imp_props *p = cell->p;
    int span = p->number_columns_spanned > 0 ? p->number_columns_spanned : 1;
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
        imp_border b = p->border[s];
        if (T->collapse) {
            const imp_props *tp = T->table->p;
            if ((s == IMP_START && first_col) || (s == IMP_END && last_col))
                b = S_wider(b, tp->border[s]);
            if (s == IMP_BEFORE || s == IMP_AFTER)
                b = S_wider(b, row->fo ? row->fo->p->border[s] : b);
        }
        it->border[s] = b;
        it->bw[s] = imp_layout_border_width(&b);
    }
    it->background = p->background_color.a > 0 ? p->background_color
                     : row->fo && row->fo->p->background_color.a > 0 ? row->fo->p->background_color
                                                                    : p->background_color;
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
static void S_end_row(S_table *T, imp_item *row)
{
    double h = row->min_height;
    for (imp_item *c = row->first; c; c = c->next) {
        int rs = c->fo->p->number_rows_spanned > 1 ? c->fo->p->number_rows_spanned : 1;
        if (rs == 1 && c->height > h)
            h = c->height;
    }
    row->height = h;
    for (int i = 0; i < T->ncols; i++)
        if (T->spanned[i] > 0 && --T->spanned[i] == 0 && T->span_cell[i]) {
            /* the spanning cell ends here: make this row tall enough */
            imp_item *cell = T->span_cell[i];
            T->span_cell[i] = NULL;
            (void)cell;
        }
    for (imp_item *c = row->first; c; c = c->next)
        if (!(c->fo->p->number_rows_spanned > 1))
            c->height = h;
}

static void S_group(S_table *T, const imp_fo *group, imp_item **list, imp_item *table, int header)
{
    imp_item *row = NULL;
    int col = 0;
    for (const imp_fo *r = group->first; r; r = r->next) {
        if (r->kind == IMP_FO_TABLE_ROW) {
            row = S_new_row(T, r, list, table);
            if (!row)
                return;
            int c = 0;
            for (const imp_fo *cell = r->first; cell; cell = cell->next) {
                if (cell->kind != IMP_FO_TABLE_CELL)
                    continue;
                while (c < T->ncols && T->spanned[c] > 0)
                    c++;
                if (cell->p->column_number > 0)
                    c = cell->p->column_number - 1;
                int span = cell->p->number_columns_spanned > 0 ? cell->p->number_columns_spanned : 1;
                imp_item *ci = S_cell(T, cell, c, header, row, c == 0, c + span >= T->ncols);
                int rs = cell->p->number_rows_spanned;
                if (ci && rs > 1)
                    for (int k = c; k < c + span && k < T->ncols; k++) {
                        T->spanned[k] = rs; /* decremented as this row ends too */
                        T->span_cell[k] = ci;
                    }
                c += span;
            }
            S_end_row(T, row);
            row = NULL;
        } else if (r->kind == IMP_FO_TABLE_CELL) {
            if (!row || r->p->starts_row) {
                if (row)
                    S_end_row(T, row);
                row = S_new_row(T, NULL, list, table);
                if (!row)
                    return;
                col = 0;
            }
            if (r->p->column_number > 0)
                col = r->p->column_number - 1;
            int span = r->p->number_columns_spanned > 0 ? r->p->number_columns_spanned : 1;
            S_cell(T, r, col, header, row, col == 0, col + span >= T->ncols);
            col += span;
            if (r->p->ends_row || col >= T->ncols) {
                S_end_row(T, row);
                row = NULL;
            }
        }
    }
    if (row)
        S_end_row(T, row);
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
        it->pad[s] = T->collapse ? 0 : p->padding[s];
        it->border[s] = p->border[s];
        it->bw[s] = T->collapse ? 0 : imp_layout_border_width(&p->border[s]);
    }
    imp_layout_item_flow(it, p);
    it->struct_type = "Table";
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
    S_each_group(T, S_count_cols);
    if (T->ncols == 0)
        goto done;
    S_widths(T);
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
    /* separate borders: rows are spaced by border-separation */
    if (!T->collapse && T->sep > 0) {
        for (imp_item *r = it->header; r; r = r->next)
            r->height += T->sep;
        for (imp_item *r = it->first; r; r = r->next)
            r->height += T->sep;
        for (imp_item *r = it->footer; r; r = r->next)
            r->height += T->sep;
    }
done:
    free(T);
}
