/* layout_place.h: the pager that puts prepared items on pages (private to layout*.c). */
#ifndef IMP_LAYOUT_PLACE_H
#define IMP_LAYOUT_PLACE_H

#include "layout_int.h"

struct imp_pager {
    imp_lctx *L;
    int whole;            /* no page breaks: a cell, a label, static content */
    imp_area *flow;       /* the area the top-level items go into */
    double top, bottom, y;
    int at_top;           /* nothing placed yet on this page */
    int page_used;        /* something (even empty) was placed on this page */
    int break_pending;    /* a break-after waits for the next item */
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
    double notes_h;       /* their height, separator included */
    double body_bottom;   /* the page body's bottom before footnotes took room */
    /* the page sequence being laid out (layout.c) */
    int number;           /* the current page's number */
    int page_index;       /* 0-based in the document */
    void *seq;            /* layout.c's page-sequence state */
};

/** Start a new page in the current page sequence (layout.c): sets flow, top,
 * bottom, y, number, page_index. */
void imp_pager_new_page(imp_pager *P);
/** Place the footnotes queued for the current page at its foot. */
void imp_pager_footnotes(imp_pager *P);
/** Prepares the next top-level items of a flow into queue (appending);
 * returns 0 when the flow has nothing more. */
typedef int (*imp_pager_more)(void *ctx, imp_item *queue);
/** Place a flow on pages, preparing it as it goes with more(ctx, ...). */
void imp_pager_flow(imp_pager *P, imp_pager_more more, void *ctx);
/** Place items whole (no page breaks) under parent from y. */
void imp_place_children_whole(imp_lctx *L, const imp_item *first, imp_area *parent, double y);
/** Record the markers of a block that starts on the current page (layout.c). */
void imp_layout_markers(imp_pager *P, const imp_fo *fo);
/** Record the last page an id's areas reach. */
void imp_layout_found_last(imp_lctx *L, const char *id, int page);

#endif
