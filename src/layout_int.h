/* layout_int.h: what the layout modules share (private to layout*.c). */
#ifndef IMP_LAYOUT_INT_H
#define IMP_LAYOUT_INT_H

#include <pango/pangocairo.h>

#include "layout.h"

/* ---- prepared items: the flow laid out at its widths, not yet on pages ---- */
typedef enum {
    IMP_IT_BLOCK,  /* a block-level box: children are items */
    IMP_IT_LINE,   /* one line of a paragraph */
    IMP_IT_TABLE,  /* children: rows; header/footer rows apart */
    IMP_IT_ROW,    /* children: cells (IMP_IT_BLOCK at fixed x) */
    IMP_IT_LISTITEM /* first child: label block; second: body block */
} imp_it_kind;

/* Something drawn on a line besides its glyphs, at an x relative to the line start. */
typedef struct imp_extra {
    enum { IMP_EX_RULE, IMP_EX_DOTS, IMP_EX_IMAGE, IMP_EX_LINK, IMP_EX_DEST, IMP_EX_PAGENUM,
           IMP_EX_FOOTNOTE, IMP_EX_BOX /* an inline's box: borders, background */,
           IMP_EX_CONTENT /* a use-content leader: its content repeated */,
           IMP_EX_CONTAINER /* an fo:inline-container: its blocks (note) placed whole */ } kind;
    double x, w;        /* horizontal extent on the line */
    double y, h;        /* IMAGE/LINK: top relative to the line top, height */
    double thickness;   /* RULE/DOTS */
    double period;      /* DOTS: the pattern's width (leader-pattern-width), 0 the default;
                           CONTENT: the width each copy of the content takes */
    int aligned;        /* DOTS: on a grid from the page's edge (leader-alignment) */
    int cut;            /* BOX: 1 the inline began on a line before, 2 goes on to the next */
    imp_border_style style;
    imp_color color;
    imp_image *image;   /* IMAGE: a reference */
    const char *uri, *dest, *name; /* LINK / DEST: borrowed from the FO props */
    int start, end;     /* LINK: its characters on the line (bytes from the line's start) */
    const imp_fo *fo;
    struct imp_item *note; /* FOOTNOTE: the prepared footnote body (owned); CONTAINER: the
                              inline-container's box, prepared from x = 0 (owned) */
    PangoLayout *content; /* CONTENT: the content set as one line (a reference) */
    struct imp_extra *next;
} imp_extra;

typedef struct imp_item imp_item;
struct imp_item {
    imp_it_kind kind;
    const imp_fo *fo;
    imp_item *first, *last, *next, *parent;
    double x, w;            /* border box: start edge and width (absolute x on the page) */
    double height;          /* border box height when laid out whole (measured) */
    /* BLOCK */
    double space_before, space_after;
    int space_before_retain;
    double pad[4], bw[4];
    imp_border border[4];
    imp_color background;
    imp_image *bg_image;    /* background-image (owned reference), or NULL */
    unsigned char centred;  /* a cell of a collapsing table: the sides (bit 1 << IMP_BEFORE...)
                               it shares with a neighbour cell, whose border is centred on
                               the edge (bw holds half its width) */
    unsigned char grid;     /* IMP_GRID_TABLE, IMP_GRID_CELL: a collapsing table, its cell */
    int rotate;             /* BLOCK (a block-container): reference-orientation 90, 180 or
                               270: its content laid out in a frame turned that far */
    double rot_w;           /* rotate 90/270: the content's room across its lines (the
                               container's width on the page) */
    double fixed_height;    /* block-container height, 0 = auto */
    int abs_pos;            /* BLOCK (a block-container): 1 absolute-position="absolute",
                               2 "fixed": out of the flow, at its offsets (x is set) */
    double min_height;
    int clip;
    int keep_together, keep_with_next, keep_with_previous;
    imp_break break_before, break_after;
    int display_align;
    const char *struct_type;
    int struct_id;
    const char *id;         /* FO id to record where this item lands */
    /* LINE */
    PangoLayout *layout;    /* reference */
    PangoLayoutLine *line;  /* reference */
    double lx;              /* x of the line box start */
    double ascent;          /* baseline offset from the line top */
    int para_index, para_lines; /* position in its paragraph, for orphans/widows */
    int orphans, widows;
    imp_extra *extras;
    /* a top-level item of a flow: the column width it was prepared at, and
     * where its preparation step began (imp_layout_blocks_step) */
    double prep_w;
    const imp_fo *step;     /* NULL unless it is the first item of its step */
    /* how it was prepared, so that the rest of a block can be prepared
     * again at another width (imp_layout_rest) */
    const imp_fo *from;     /* the child of its container's FO its step began at (a
                               block-level FO, or the first FO of an inline run) */
    int step_index, step_items; /* its place among the items its step made, and their count */
    double frame[5];        /* BLOCK: the reference frame it was prepared in (x, width,
                               start and end indents there, percentages' width) */
    double cx, cw;          /* BLOCK: its content box */
    int wrap;               /* BLOCK: its inline runs became anonymous paragraphs */
    int continued;          /* BLOCK: the rest of one begun on an earlier page */
    /* TABLE */
    imp_item *header, *footer; /* lists of rows (linked by next) */
    int omit_header_at_break, omit_footer_at_break;
    /* BLOCK that is a list item's label: placed beside the body */
};

/* ---- the layout context ---- */
typedef struct imp_idpage {
    char *id;
    int page;               /* 1-based page number as printed */
    int page_index;         /* 0-based index in the document */
    const char *format;     /* its page-sequence's format ("1", "i"...), borrowed; NULL "1" */
} imp_idpage;

typedef struct {
    imp_fo_doc *fd;
    const imp_layout_opts *o;
    imp_diags *d;
    PangoFontMap *fontmap;
    PangoContext *pctx;
    int next_struct_id;
    /* ids → page numbers, from the previous pass (for citations) */
    GHashTable *known;      /* id → imp_idpage (owned) */
    /* ids → page numbers found in this pass */
    GHashTable *found;
    int citations;          /* the flow holds citations / page-numbers */
    int ids_final;          /* every id's page is known (static content, later passes) */
    int in_flow;            /* preparing a flow (not static content) */
    int in_flow_pages;      /* placing a flow on pages */
    double flow_x, flow_w;  /* the flow's column */
    double note_w;          /* the width footnote bodies are laid out at, from flow_x: the
                               column's, or the body's where it has several columns */
    double page_w, page_h;  /* the current page's size */
    double cb_h;            /* preparing a block-container's content: its height (0 auto) */
    double abs_top, abs_h, abs_key; /* placing a box's content whole: its content top
                               and height, and where the placing began (S_absolute) */
    double body_top, body_h; /* its region-body's content rectangle, top and height */
    int citation_guess_used;
    /* current page while static content or flow is prepared */
    int page_number;
    const char *page_number_format;
    /* images by resolved path (loaded once) */
    struct { char *path; imp_image *img; } *images;
    size_t nimages;
    int warned[64];         /* one-off warnings, by code */
    /* a font's ascent and descent (a leader is as high as its text), by the
     * props that choose the font: pango_context_get_metrics costs a shaping */
    struct {
        const imp_props *p;
        double ascent, descent;
    } metrics[8];
    int nmetrics;
    /* columns to balance (layout.c): the columns of page index page that
     * begin at y top end at top + height, but for the last; found in a pass
     * (rebalance set) and used in the next */
    struct imp_balance {
        const void *first[2]; /* the first thing placed in them (imp_pager's cols_first) */
        int first_index;
        double height;
        double total;       /* the height of what they held when it was found */
        int adjusted;       /* height was raised to the last column's once */
    } *balance;             /* (owned) */
    int nbalance, capbalance;
    int rebalance;
    /* markers met in this pass, with the page they start on (layout.c) */
    struct imp_mark *marks;
    size_t nmarks;
} imp_lctx;

/* layout_para.c: inline content → lines */
/** Prepare the inline content of block fo, children from first to stop
 * (exclusive), as lines of width avail; appends IMP_IT_LINE items to parent. */
void imp_layout_para(imp_lctx *L, const imp_fo *block, const imp_fo *first, const imp_fo *stop,
                     double x, double avail, imp_item *parent);
/** The same from byte offset of the run's text on (the rest of a paragraph
 * that goes on at another width: no first-line indent). */
void imp_layout_para_from(imp_lctx *L, const imp_fo *block, const imp_fo *first,
                          const imp_fo *stop, double x, double avail, imp_item *parent, int offset);

/** The narrowest (longest word) and widest (no wrapping) width of a run. */
void imp_layout_para_measure(imp_lctx *L, const imp_fo *block, const imp_fo *first,
                             const imp_fo *stop, double *minw, double *maxw);
/** The same for every block-level and inline content of fo (table auto layout). */
void imp_layout_measure(imp_lctx *L, const imp_fo *fo, double *minw, double *maxw);

/* layout_block.c: block-level FOs → items */
imp_item *imp_layout_item_new(imp_it_kind kind, const imp_fo *fo, imp_item *parent);
void imp_layout_item_free(imp_item *it);
/** A border's drawn width: 0 for none and hidden. */
double imp_layout_border_width(const imp_border *b);
/** Copy a box's padding, borders and their drawn widths from p into it. */
void imp_layout_item_box(imp_item *it, const imp_props *p);
/** Copy what the pager needs of a block-level FO (spaces, keeps, breaks,
 * background, id) into its item. */
void imp_layout_item_flow(imp_item *it, const imp_props *p);
/** Prepare the block-level children of fo into parent (x, w = content box). */
void imp_layout_blocks(imp_lctx *L, const imp_fo *fo, double x, double w, imp_item *parent);
/** The same, one step at a time, so that a long flow need not be prepared
 * whole before it is placed: prepares what starts at fo's child c (a
 * block-level child, or a run of inline content) into parent and returns
 * the child after it, NULL at the end. Starting at fo->first and stepping
 * until NULL gives what imp_layout_blocks gives. */
const imp_fo *imp_layout_blocks_step(imp_lctx *L, const imp_fo *fo, const imp_fo *c, double x,
                                     double w, imp_item *parent);
/** The rest of a block, prepared again with its column dw wider (a page of
 * another width): levels[0..n-1] are the open blocks, outermost first, and
 * at the child of the innermost where the rest begins (a line: from its
 * first character; another item: from its step). A new BLOCK item that
 * continues levels[0] (continued is set, down to the innermost), or NULL. */
imp_item *imp_layout_rest(imp_lctx *L, const imp_item *const *levels, int n, const imp_item *at,
                          double dw);
/** Can imp_layout_rest continue these open blocks from at? */
int imp_layout_rest_possible(const imp_item *const *levels, int n, const imp_item *at);
/** Measured border-box height of an item laid out whole. */
double imp_layout_height(const imp_item *it);
/** Height of a run of siblings from first: theirs and the spaces between
 * them (not first's space-before). */
double imp_layout_run_height(const imp_item *first);

/* layout_table.c */
void imp_layout_table(imp_lctx *L, const imp_fo *table, double x, double w, imp_item *parent);

/* layout_place.c: items → areas (see layout_place.h) */
typedef struct imp_pager imp_pager;

/* layout.c */
void imp_layout_warn_once(imp_lctx *L, int code, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void imp_layout_found_id(imp_lctx *L, const char *id, int page, int index);
int imp_layout_page_of(imp_lctx *L, const char *id); /* from the previous pass; 0 unknown */
/* The same, with the format of the page-sequence the id's page is in (NULL: "1"). */
int imp_layout_page_fmt(imp_lctx *L, const char *id, const char **format);
imp_image *imp_layout_image(imp_lctx *L, const imp_fo *fo);
/** The image at src (a reference the caller owns), read as external-graphic
 * reads its src; NULL (told) when it cannot be read. */
imp_image *imp_layout_image_src(imp_lctx *L, const char *src, long line);
/** fo's background-image, or NULL. */
imp_image *imp_layout_bg_image(imp_lctx *L, const imp_fo *fo);
double imp_layout_len(imp_len l, double ref, double dflt);

#endif
