/* layout_page.h: a page-sequence being laid out, and its columns (private to layout*.c). */
#ifndef IMP_LAYOUT_PAGE_H
#define IMP_LAYOUT_PAGE_H

#include "layout_place.h"

/* A simple-page-master's geometry (layout.c). */
typedef struct {
    const imp_fo *spm;        /* the simple-page-master */
    double w, h;
    double body_x, body_y, body_w, body_h;
    int ncols;                /* column-count of the region-body (1 when they would not fit) */
    double col_w, gap;        /* a column's width and the gap between columns */
    struct {
        const char *name;
        const imp_fo *fo;
        double x, y, w, h;
    } regions[5]; /* body, before, after, start, end */
} imp_master;

/* The page-sequence being laid out: its masters, and the page being made (layout.c). */
typedef struct {
    imp_lctx *L;
    imp_area_doc *ad;
    const imp_fo *seq;        /* fo:page-sequence */
    const imp_fo *masters;    /* fo:layout-master-set */
    const imp_fo *psm;        /* a page-sequence-master, or NULL */
    const imp_fo *spm;        /* when the sequence names a simple-page-master */
    const imp_fo *sub;        /* current sub-sequence specifier */
    int sub_used;             /* pages taken from it */
    int pages_in_seq;
    int number;               /* next page number */
    imp_area *page;           /* the current page */
    imp_area *body;           /* its region-body's box */
    imp_master m;
    int failed;
    int blank;                /* the next page is a blank one (force-page-count) */
    struct imp_pages *pages;  /* every page made, for static content (layout.c) */
} imp_seq;

/* layout_columns.c: a region-body of several columns. The flow fills a box
 * under the body for each column (or for a span across them); each is moved
 * across to its place when done. */
/** Move what P->flow holds to where its column (or span) is on the page. */
void imp_cols_place(imp_seq *S, imp_pager *P);
/** A box under the body for one column (or a span) from y. */
imp_area *imp_cols_box(imp_seq *S, imp_pager *P, double y);
/** Columns begin at y: below a spanning block (fresh: their top waits for
 * the first item's space), or at the body's top. */
void imp_cols_begin(imp_seq *S, imp_pager *P, double y, int fresh);
/** The next column of this page. */
void imp_cols_next(imp_seq *S, imp_pager *P);
/** The columns end here (a spanning block, the flow's end): balanced in the next pass. */
void imp_cols_end(imp_pager *P);
/** Columns balanced on this page go on to the next: laid out again unbalanced. */
void imp_cols_unbalance(imp_pager *P);

#endif
