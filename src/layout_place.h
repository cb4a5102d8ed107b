/* layout_place.h: the pager that puts prepared items on pages (private to layout*.c). */
#ifndef IMP_LAYOUT_PLACE_H
#define IMP_LAYOUT_PLACE_H

#include "layout_int.h"

/* A piece of content placed whole that a page break must not cut: a line,
 * or a box placed whole (a fixed-height container, a row of a nested table). */
typedef struct {
    double top, bottom;
    int breakable;        /* a page may break just before it (orphans, widows) */
} imp_piece;

typedef struct {
    imp_piece *v;
    int n, cap;
} imp_pieces;

struct imp_pager {
    imp_lctx *L;
    int whole;            /* no page breaks: a cell, a label, static content */
    struct imp_pager *outer; /* whole: the flow's pager the content is placed for (its
                                footnotes and markers go to that page), or NULL (a
                                region, a footnote) */
    imp_area *flow;       /* the area the top-level items go into */
    double top, bottom, y;
    int at_top;           /* nothing placed yet on this page */
    int page_used;        /* something (even empty) was placed on this page */
    int break_pending;    /* a break-after (its imp_break) waits for the next item */
    int next_blank;       /* the next page made stays empty (a parity break): a blank page */
    double pending_space;
    struct {
        const imp_item *it;
        imp_area *box;
    } stack[128];
    int depth;
    const imp_item *table_resume;
    int row_break_after;  /* the row just placed has break-after */
    /* footnotes of the lines on this page, placed at its foot */
    const imp_item *notes[128];
    int nnotes;
    int flushing;         /* the notes are being placed (a note in one follows its line) */
    double notes_h;       /* their height, separator included */
    double body_bottom;   /* the page body's bottom before footnotes took room */
    const imp_fo *note_sep; /* the sequence's xsl-footnote-separator static
                               content, or NULL for a rule (layout.c) */
    imp_item *sep_items;  /* it, prepared (when first needed) */
    double sep_w, sep_h;  /* the column width it was prepared at; its height */
    /* the page sequence being laid out (layout.c) */
    int number;           /* the current page's number */
    int page_index;       /* 0-based in the document */
    void *seq;            /* layout.c's page-sequence state */
    imp_pieces *pieces;   /* when set, the pieces placed are recorded here */
    /* the flow's column on this page and the item being placed: a page
     * whose body has another width than the item was prepared at makes it
     * prepared again when nothing of it is placed yet */
    double col_w;         /* this page's column width (layout.c): the body's, or one
                             column's where the region-body has several */
    double item_w;        /* the width the top-level item was prepared at */
    int refit_ok;         /* that item can be prepared again (from its step) */
    int refit;            /* it must be: placing it stops, nothing placed */
    int misfit;           /* something on this page keeps another page's width */
    /* the same for a block broken by such a page: placing stops and the
     * rest of the open blocks is prepared again (imp_layout_rest) */
    const imp_item *cursor; /* the item about to be placed (a line, a child block) */
    int cont;             /* stop: the rest is to be prepared again */
    const imp_item *cont_levels[128];
    int cont_n;
    const imp_item *cont_at;
    /* a region-body of several columns (column-count): the flow fills them
     * in turn, each in a box of its own under the body (layout.c) */
    int ncols;            /* this page's columns (1: the body is one column) */
    int col;              /* the column being filled */
    int span;             /* a span="all" block of the flow is placed across them */
    double cols_top;      /* where their content begins (the first item's space below) */
    int cols_fresh;       /* cols_top waits for the first item's space */
    double cols_low;      /* the lowest the columns begun there have reached */
    double cols_h;        /* the height the columns before this one hold */
    int cols_forced;      /* a column was ended by break-before/after="column" */
    int cols_limited;     /* a column of them on this page has a balanced height */
    int cols_keyed;       /* the first thing placed in them is known: */
    const void *cols_first[2]; /* its FO and the FO its step began at */
    int cols_first_index; /* its line's place in its paragraph (-1 not a line) */
    int col_break;        /* the break being made is such a break */
    double balance_cut;   /* a balanced column ends this much above the body's bottom:
                             what a fresh column could hold (orphans, widows, keeps)
                             is still measured to the bottom */
    int page_break;       /* the break being made goes to a new page, not the next column */
    double page_bottom;   /* the page body's bottom (footnotes in columns stand on it) */
    /* before-floats met below a page's top: laid out aside (each a box at
     * y 0 with its height), to stand at the top of the next page */
    imp_area *floats[16];
    double float_h[16];
    int nfloats;
    double page_top_floats; /* the page body's top, where its floats begin */
    double floats_h;      /* the height of the floats at the top of this page */
};

/* The pager's own steps, shared with the table placing (layout_place_table.c). */
/** The area the next item goes into: the innermost open box, or the flow. */
imp_area *imp_pager_parent(imp_pager *P);
/** Close the open boxes here, start a new page (or column), reopen them at its top. */
void imp_pager_break(imp_pager *P);
/** break-before: a new page or column when b asks for one (not at a page's top). */
void imp_pager_break_before(imp_pager *P, imp_break b);
/** The space before it (and the one pending), unless at a page's top. */
void imp_pager_apply_space(imp_pager *P, const imp_item *it);
/** Room left on the page, and on a fresh page. */
double imp_pager_room(const imp_pager *P);
double imp_pager_page_room(const imp_pager *P);
/** Record a piece placed whole, when pieces are being recorded. */
void imp_pager_piece(imp_pager *P, double top, double bottom, int breakable);
/** A table, its rows over pages (layout_place_table.c). */
void imp_pager_table(imp_pager *P, const imp_item *t);
/** One row of cells, each laid out whole, as tall as the row. */
void imp_pager_row(imp_pager *P, const imp_item *row, imp_area *parent);

/** Start a new page in the current page sequence (layout.c): sets flow, top,
 * bottom, y, number, page_index. */
void imp_pager_new_page(imp_pager *P);
/** The flow's next top-level item spans every column (span="all") or not:
 * where the region-body has several, the columns so far end below their
 * lowest, and what comes next begins there (layout.c). */
void imp_pager_span(imp_pager *P, int span);
/** The first item placed in columns (layout.c): what names them from one
 * layout pass to the next, when they are balanced. */
void imp_pager_cols_first(imp_pager *P, const imp_item *it);
/** Will the next break go to the next column of this page (layout.c)? */
int imp_pager_next_is_column(const imp_pager *P);
/** In columns: a box under the body for the page's footnotes (layout.c),
 * and, once they are in it, moved to where the page's body is. */
imp_area *imp_pager_notes_box(imp_pager *P);
void imp_pager_notes_placed(imp_pager *P, imp_area *box);
/** Place the footnotes queued for the current page at its foot. */
void imp_pager_footnotes(imp_pager *P);
/** Free what the pager keeps for its page-sequence (the footnote separator). */
void imp_pager_done(imp_pager *P);
/** Where a flow's items come from: more(ctx, queue) prepares the next
 * top-level items (appending to queue; 0 when the flow has nothing more),
 * setting prep_w and step on them; rewind(ctx, step, w) makes the next ones
 * come again from the FO step at column width w. */
typedef struct {
    int (*more)(void *ctx, imp_item *queue);
    void (*rewind)(void *ctx, const imp_fo *step, double w);
    /* the rest of open blocks at width w (imp_layout_rest, prepared as the flow is) */
    imp_item *(*rest)(void *ctx, const imp_item *const *levels, int n, const imp_item *at,
                      double w, double dw);
    void *ctx;
} imp_pager_source;
/** Place a flow on pages, preparing it as it goes. */
void imp_pager_flow(imp_pager *P, const imp_pager_source *src);
/** Place items whole (no page breaks) under parent from y. */
void imp_place_children_whole(imp_lctx *L, const imp_item *first, imp_area *parent, double y);
/** The same, for content of the flow that is placed whole (a cell, a list
 * label, a block-container): its footnotes and markers belong to P's page. */
void imp_place_children_for(imp_pager *P, const imp_item *first, imp_area *parent, double y);
/** The same, recording the pieces placed (where a page could break them)
 * into *pieces; returns the y below the last item. */
double imp_place_children_pieces(imp_lctx *L, const imp_item *first, imp_area *parent, double y,
                                 imp_pieces *pieces);
/** The box of a block-level item at y under parent; a fragment after the
 * first loses its before border unless that is retained. */
/** 1 when the items from first keep each with the next up to the last,
 * and that one keeps with one not yet prepared (the flow prepares more). */
int imp_pager_chain_open(const imp_item *first);

imp_area *imp_pager_box_area(const imp_item *it, imp_area *parent, double y, int first_fragment);

/* layout_split.c: a table row broken between the lines of its cells */
typedef struct imp_rowsplit imp_rowsplit;
/** Can row break between lines (no cell of it spans rows)? */
int imp_rowsplit_possible(const imp_item *row);
/** Start breaking row: each cell's content is placed aside, whole, to learn
 * where a page may break it. NULL when out of memory. */
imp_rowsplit *imp_rowsplit_new(imp_lctx *L, const imp_item *row);
/** Place the row's next part at P->y under parent, down to bottom at most.
 * With force, each cell goes on by at least one piece even if it overflows
 * (at the top of a page). 1: the row is finished; 0: it goes on on a later
 * page; -1 (only without force): no cell could go on here, nothing placed. */
int imp_rowsplit_part(imp_rowsplit *s, imp_pager *P, imp_area *parent, double bottom, int force);
void imp_rowsplit_free(imp_rowsplit *s);

/** A cell spanning rows whose rows a page cuts (layout_split.c): its content
 * is placed once into a scratch box, and each page's box of the cell takes
 * what fits in it. */
typedef struct imp_spansplit imp_spansplit;
/** area: the cell's box on the page where it begins (content not placed). */
imp_spansplit *imp_spansplit_new(imp_lctx *L, const imp_item *cell, imp_area *area);
/** The page is cut: the current box (its height final) takes what fits. */
void imp_spansplit_cut(imp_spansplit *s);
/** The cell's box on the next page. */
void imp_spansplit_resume(imp_spansplit *s, imp_area *area);
const imp_item *imp_spansplit_cell(const imp_spansplit *s);
/** Its box on the current page, or NULL while waiting. */
imp_area *imp_spansplit_area(const imp_spansplit *s);
/** 1 after a cut, until resumed. */
int imp_spansplit_waiting(const imp_spansplit *s);
/** The span's last row is placed: the current box takes the rest. */
void imp_spansplit_finish(imp_spansplit *s);
void imp_spansplit_free(imp_spansplit *s);

/** An id (of a block, an inline, a cell...) lands on P's page, or, placed
 * whole for the flow, on the flow's page: its first and last page. */
void imp_pager_found(imp_pager *P, const char *id);
void imp_pager_found_last(imp_pager *P, const char *id);
/** Record the markers of a block that starts on the current page (layout.c). */
void imp_layout_markers(imp_pager *P, const imp_fo *fo);
/** The block fo ends on the current page: its markers' last page. */
void imp_layout_markers_end(imp_pager *P, const imp_fo *fo);
/** Record the last page an id's areas reach. */
void imp_layout_found_last(imp_lctx *L, const char *id, int page);

#endif
