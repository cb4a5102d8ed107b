/* layout_block.c: block-level formatting objects → prepared items (widths known). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

imp_item *imp_layout_item_new(imp_it_kind kind, const imp_fo *fo, imp_item *parent)
{
    imp_item *it = calloc(1, sizeof *it);
    if (!it)
        return NULL;
    it->kind = kind;
    it->fo = fo;
    it->parent = parent;
    if (parent) {
        if (parent->last)
            parent->last->next = it;
        else
            parent->first = it;
        parent->last = it;
    }
    return it;
}

static void S_free_list(imp_item *it)
{
    while (it) {
        imp_item *next = it->next;
        imp_layout_item_free(it);
        it = next;
    }
}

void imp_layout_item_free(imp_item *it)
{
    if (!it)
        return;
    S_free_list(it->first);
    S_free_list(it->header);
    S_free_list(it->footer);
    for (imp_extra *x = it->extras; x;) {
        imp_extra *n = x->next;
        if (x->image)
            imp_image_unref(x->image);
        if (x->content)
            g_object_unref(x->content);
        imp_layout_item_free(x->note);
        free(x);
        x = n;
    }
    if (it->bg_image)
        imp_image_unref(it->bg_image);
    if (it->line)
        pango_layout_line_unref(it->line);
    if (it->layout)
        g_object_unref(it->layout);
    free(it);
}

double imp_layout_border_width(const imp_border *b)
{
    return b->style == IMP_BS_NONE || b->style == IMP_BS_HIDDEN ? 0 : b->width;
}

void imp_layout_item_box(imp_item *it, const imp_props *p)
{
    for (int s = 0; s < 4; s++) {
        it->pad[s] = p->padding[s];
        it->border[s] = p->border[s];
        it->bw[s] = imp_layout_border_width(&p->border[s]);
    }
}

void imp_layout_item_flow(imp_item *it, const imp_props *p)
{
    it->background = p->background_color;
    it->space_before = p->space_before.opt;
    it->space_after = p->space_after.opt;
    it->space_before_retain = p->space_before.retain;
    it->keep_together = p->keep_together;
    it->keep_with_next = p->keep_with_next;
    it->keep_with_previous = p->keep_with_previous;
    it->break_before = p->break_before;
    it->break_after = p->break_after;
    it->id = p->id;
}

static double S_space_between(const imp_item *a, const imp_item *b)
{
    double sa = a ? a->space_after : 0, sb = b ? b->space_before : 0;
    return sa > sb ? sa : sb; /* adjacent spaces resolve to the larger (XSL 4.3.1, same precedence) */
}

double imp_layout_run_height(const imp_item *first)
{
    double h = 0;
    for (const imp_item *c = first, *prev = NULL; c; prev = c, c = c->next)
        h += (prev ? S_space_between(prev, c) : 0) + imp_layout_height(c);
    return h;
}

double imp_layout_height(const imp_item *it)
{
    switch (it->kind) {
    case IMP_IT_LINE:
        return it->height;
    case IMP_IT_ROW:
        return it->height;
    case IMP_IT_LISTITEM: {
        double h = 0;
        for (const imp_item *c = it->first; c; c = c->next) {
            double ch = imp_layout_height(c);
            if (ch > h)
                h = ch;
        }
        return h;
    }
    case IMP_IT_TABLE: {
        double h = it->bw[IMP_BEFORE] + it->bw[IMP_AFTER];
        for (const imp_item *r = it->header; r; r = r->next)
            h += r->height;
        for (const imp_item *r = it->first; r; r = r->next)
            h += r->height;
        for (const imp_item *r = it->footer; r; r = r->next)
            h += r->height;
        return h;
    }
    default:
        break;
    }
    if (it->fixed_height > 0)
        return it->fixed_height + it->pad[IMP_BEFORE] + it->pad[IMP_AFTER] + it->bw[IMP_BEFORE] +
               it->bw[IMP_AFTER];
    double h = imp_layout_run_height(it->first);
    if (h < it->min_height)
        h = it->min_height;
    return h + it->pad[IMP_BEFORE] + it->pad[IMP_AFTER] + it->bw[IMP_BEFORE] + it->bw[IMP_AFTER];
}

static int S_is_inline(const imp_fo *c)
{
    switch (c->kind) {
    case IMP_FO_TEXT:
    case IMP_FO_INLINE:
    case IMP_FO_WRAPPER:
    case IMP_FO_CHARACTER:
    case IMP_FO_LEADER:
    case IMP_FO_PAGE_NUMBER:
    case IMP_FO_PAGE_NUMBER_CITATION:
    case IMP_FO_PAGE_NUMBER_CITATION_LAST:
    case IMP_FO_BASIC_LINK:
    case IMP_FO_EXTERNAL_GRAPHIC:
    case IMP_FO_INSTREAM_FOREIGN_OBJECT:
    case IMP_FO_FOOTNOTE:
    case IMP_FO_INLINE_CONTAINER:
        return 1;
    default:
        return 0;
    }
}

/* Does an inline FO hold a block-level descendant (inline containing a block:
 * then it is laid out as blocks)? */
static int S_has_block(const imp_fo *fo)
{
    if (fo->kind == IMP_FO_INLINE_CONTAINER)
        return 0; /* its blocks make one box on the line */
    for (const imp_fo *c = fo->first; c; c = c->next) {
        if (c->kind == IMP_FO_FOOTNOTE_BODY)
            continue;
        if (!S_is_inline(c) && c->kind != IMP_FO_MARKER && c->kind != IMP_FO_RETRIEVE_MARKER)
            return 1;
        if ((c->kind == IMP_FO_INLINE || c->kind == IMP_FO_WRAPPER ||
             c->kind == IMP_FO_BASIC_LINK) && S_has_block(c))
            return 1;
    }
    return 0;
}

static int S_skip(const imp_fo *c)
{
    return c->kind == IMP_FO_MARKER || c->kind == IMP_FO_RETRIEVE_MARKER;
}

/* Inline content that becomes part of a paragraph (not an inline holding blocks). */
static int S_inline_leaf(const imp_fo *c)
{
    return S_is_inline(c) && !S_has_block(c);
}

/* The first child after the run of inline content that starts at c. */
static const imp_fo *S_run_stop(const imp_fo *c)
{
    while (c && (S_skip(c) || S_inline_leaf(c)))
        c = c->next;
    return c;
}

static int S_only_space(const imp_fo *first, const imp_fo *stop)
{
    for (const imp_fo *c = first; c && c != stop; c = c->next) {
        if (S_skip(c))
            continue;
        if (c->kind != IMP_FO_TEXT)
            return 0;
        for (const char *s = c->text ? c->text : ""; *s; s++)
            if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r')
                return 0;
    }
    return 1;
}

static const char *S_struct_of(const imp_fo *fo, const char *dflt)
{
    const char *r = fo->p->role;
    static const char *known[] = {"H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "Div", "Caption",
                                  "BlockQuote", "Note", "Code", "TOC", "TOCI", "Index", "Span",
                                  "Quote", "Figure", "Formula", "Form", "Art", "Sect", "Part",
                                  "Title", "Artifact"};
    if (r)
        for (size_t i = 0; i < sizeof known / sizeof *known; i++)
            if (!strcmp(r, known[i]))
                return known[i];
    return dflt;
}

/* Geometry shared by every block-level item: the content box from the
 * indents (XSL 5.3.2: start-indent is measured from the reference area's
 * start edge to the content rectangle's), borders, padding, spaces. */
typedef struct {
    double ref_x, ref_w;   /* the reference area's content box */
    double base_start, base_end; /* the indents inherited at the reference area */
    double pct_w;          /* what a percentage in an indent is of: the width of the
                              nearest reference area (a list item's parts are none) */
} S_frame;

/* start-indent and end-indent in points: a percentage part is of the
 * reference area's width (XSL 5.3.2, 7.11.4). */
static double S_si(const imp_props *p, const S_frame *f)
{
    return p->start_indent + (p->start_indent_pct != 0 ? p->start_indent_pct * f->pct_w / 100 : 0);
}

static double S_ei(const imp_props *p, const S_frame *f)
{
    return p->end_indent + (p->end_indent_pct != 0 ? p->end_indent_pct * f->pct_w / 100 : 0);
}

static void S_box(imp_lctx *L, imp_item *it, const imp_fo *fo, const S_frame *f, double *cx,
                  double *cw)
{
    const imp_props *p = fo->p;
    imp_layout_item_box(it, p);
    imp_layout_item_flow(it, p);
    it->bg_image = imp_layout_bg_image(L, fo);
    double content_x = f->ref_x + (S_si(p, f) - f->base_start);
    double content_w = f->ref_w - (S_si(p, f) - f->base_start) - (S_ei(p, f) - f->base_end);
    if (content_w < 1)
        content_w = 1;
    it->x = content_x - it->pad[IMP_START] - it->bw[IMP_START];
    it->w = content_w + it->pad[IMP_START] + it->pad[IMP_END] + it->bw[IMP_START] + it->bw[IMP_END];
    *cx = content_x;
    *cw = content_w;
}

static void S_blocks(imp_lctx *L, const imp_fo *fo, const S_frame *f, imp_item *parent);

/* What passes a block's edges to the block itself, when its first child
 * (for the before edge) or its last (for the after edge) meets them; with
 * side_by_side (a list item's label and body) every child is first and last.
 * - Spaces (XSL 4.3.1): with no border or padding between, a block's
 *   space-before and its first child's are adjacent and resolve to the
 *   larger, as do the space-afters; the block carries the result, so it is
 *   discarded at a page top with the block's own.
 * - Keeps: the first child's keep-with-previous and the last's
 *   keep-with-next hold at the block's edges too (the other area is beyond
 *   the block): DocBook wraps every heading in blocks.
 * - Breaks: the first child's break-before and the last's break-after
 *   become the block's when no border or padding stands between (else the
 *   block would begin on one page with nothing in it).
 * Not across a reference area (a cell, a block-container). */
static void S_merge_edges(imp_item *it, int side_by_side)
{
    if (!it->first || it->fixed_height > 0)
        return;
    int before = it->bw[IMP_BEFORE] + it->pad[IMP_BEFORE] <= 0,
        after = it->bw[IMP_AFTER] + it->pad[IMP_AFTER] <= 0;
    for (imp_item *c = it->first; c; c = side_by_side ? c->next : NULL) {
        if (c->kind == IMP_IT_LINE)
            continue;
        if (c->keep_with_previous > it->keep_with_previous)
            it->keep_with_previous = c->keep_with_previous;
        if (!before)
            continue;
        if (c->space_before > it->space_before) {
            it->space_before = c->space_before;
            it->space_before_retain = c->space_before_retain;
        }
        c->space_before = 0;
        if (c->break_before != IMP_BREAK_AUTO && it->break_before == IMP_BREAK_AUTO) {
            it->break_before = c->break_before;
            c->break_before = IMP_BREAK_AUTO;
        }
    }
    for (imp_item *c = side_by_side ? it->first : it->last; c; c = side_by_side ? c->next : NULL) {
        if (c->kind == IMP_IT_LINE)
            continue;
        if (c->keep_with_next > it->keep_with_next)
            it->keep_with_next = c->keep_with_next;
        if (!after)
            continue;
        if (c->space_after > it->space_after)
            it->space_after = c->space_after;
        c->space_after = 0;
        if (c->break_after != IMP_BREAK_AUTO && it->break_after == IMP_BREAK_AUTO) {
            it->break_after = c->break_after;
            c->break_after = IMP_BREAK_AUTO;
        }
    }
}

static void S_one(imp_lctx *L, const imp_fo *c, const S_frame *f, imp_item *parent);

/* One step of a block's content from its child c: a block-level child
 * becomes items, a run of inline content a paragraph (lines). Returns the
 * child after what was used. */
static void S_remember_frame(imp_item *it, const S_frame *f, double cx, double cw, int wrap)
{
    it->frame[0] = f->ref_x;
    it->frame[1] = f->ref_w;
    it->frame[2] = f->base_start;
    it->frame[3] = f->base_end;
    it->frame[4] = f->pct_w;
    it->cx = cx;
    it->cw = cw;
    it->wrap = wrap;
}

static const imp_fo *S_content_step_items(imp_lctx *L, const imp_fo *fo, const imp_fo *c,
                                          imp_item *it, double cx, double cw, const S_frame *f,
                                          int wrap)
{
    if (S_skip(c))
        return c->next;
    if (!S_inline_leaf(c)) {
        if (S_is_inline(c))
            S_blocks(L, c, f, it); /* an inline holding blocks */
        else
            S_one(L, c, f, it);
        return c->next;
    }
    const imp_fo *stop = S_run_stop(c);
    if (!S_only_space(c, stop)) {
        imp_item *target = wrap ? imp_layout_item_new(IMP_IT_BLOCK, fo, it) : NULL;
        if (target) { /* an anonymous paragraph among blocks */
            target->x = cx;
            target->w = cw;
            target->struct_type = "P";
            target->struct_id = ++L->next_struct_id;
            S_remember_frame(target, f, cx, cw, 0);
        } else {
            target = it;
        }
        imp_layout_para(L, fo, c, stop, cx, cw, target);
    }
    return stop;
}

/* One step, and what it made remembers where it came from. */
static const imp_fo *S_content_step(imp_lctx *L, const imp_fo *fo, const imp_fo *c, imp_item *it,
                                    double cx, double cw, const S_frame *f, int wrap)
{
    imp_item *last = it->last;
    const imp_fo *next = S_content_step_items(L, fo, c, it, cx, cw, f, wrap);
    int n = 0;
    for (imp_item *k = last ? last->next : it->first; k; k = k->next)
        n++;
    int i = 0;
    for (imp_item *k = last ? last->next : it->first; k; k = k->next, i++) {
        k->from = c;
        k->step_index = i;
        k->step_items = n;
    }
    return next;
}

/* The content of a block: runs of inline content become paragraphs (lines),
 * block-level children become items, in document order. */
static void S_block_content(imp_lctx *L, const imp_fo *fo, imp_item *it, double cx, double cw,
                            const S_frame *f, int wrap)
{
    for (const imp_fo *c = fo->first; c;)
        c = S_content_step(L, fo, c, it, cx, cw, f, wrap);
}

static void S_list(imp_lctx *L, const imp_fo *fo, const S_frame *f, imp_item *parent);
static void S_container(imp_lctx *L, const imp_fo *fo, const S_frame *f, imp_item *parent);

/* One block-level FO into parent. */
static void S_one(imp_lctx *L, const imp_fo *c, const S_frame *f, imp_item *parent)
{
    switch (c->kind) {
    case IMP_FO_BLOCK: {
        imp_item *it = imp_layout_item_new(IMP_IT_BLOCK, c, parent);
        if (!it)
            return;
        double cx, cw;
        S_box(L, it, c, f, &cx, &cw);
        if (c->p->height.kind == IMP_LEN_PT)
            it->min_height = c->p->height.v;
        if (c->p->min_height.kind == IMP_LEN_PT && c->p->min_height.v > it->min_height)
            it->min_height = c->p->min_height.v;
        int has_inline = 0, has_block = 0;
        for (const imp_fo *k = c->first; k; k = k->next) {
            if (k->kind == IMP_FO_MARKER || k->kind == IMP_FO_RETRIEVE_MARKER)
                continue;
            if (S_is_inline(k) && !S_has_block(k))
                has_inline |= !(k->kind == IMP_FO_TEXT && S_only_space(k, k->next));
            else
                has_block = 1;
        }
        it->struct_type = S_struct_of(c, has_inline && !has_block ? "P" : NULL);
        if (it->struct_type)
            it->struct_id = ++L->next_struct_id;
        S_remember_frame(it, f, cx, cw, has_block && has_inline);
        S_block_content(L, c, it, cx, cw, f, has_block && has_inline);
        S_merge_edges(it, 0);
        break;
    }
    case IMP_FO_BLOCK_CONTAINER:
        S_container(L, c, f, parent);
        break;
    case IMP_FO_LIST_BLOCK:
        S_list(L, c, f, parent);
        break;
    case IMP_FO_TABLE_AND_CAPTION:
        for (const imp_fo *k = c->first; k; k = k->next)
            if (k->kind == IMP_FO_TABLE_CAPTION)
                S_blocks(L, k, f, parent);
            else
                S_one(L, k, f, parent);
        break;
    case IMP_FO_TABLE:
        imp_layout_table(L, c, f->ref_x + (S_si(c->p, f) - f->base_start),
                         f->ref_w - (S_si(c->p, f) - f->base_start) - (S_ei(c->p, f) - f->base_end),
                         parent);
        break;
    case IMP_FO_WRAPPER:
    case IMP_FO_INLINE:
    case IMP_FO_BASIC_LINK:
    case IMP_FO_FOOTNOTE_BODY:
    case IMP_FO_TABLE_CAPTION:
        S_blocks(L, c, f, parent);
        break;
    case IMP_FO_MARKER:
    case IMP_FO_RETRIEVE_MARKER:
    case IMP_FO_TEXT:
        break;
    default:
        break;
    }
}

/* The children of a flow, a cell or an FO that holds blocks: inline runs
 * become anonymous paragraphs at the FO's own indents. */
static void S_blocks(imp_lctx *L, const imp_fo *fo, const S_frame *f, imp_item *parent)
{
    double x = f->ref_x + (S_si(fo->p, f) - f->base_start);
    double w = f->ref_w - (S_si(fo->p, f) - f->base_start) - (S_ei(fo->p, f) - f->base_end);
    S_block_content(L, fo, parent, x, w > 1 ? w : 1, f, 1);
}

static void S_container(imp_lctx *L, const imp_fo *fo, const S_frame *f, imp_item *parent)
{
    const imp_props *p = fo->p;
    imp_item *it = imp_layout_item_new(IMP_IT_BLOCK, fo, parent);
    if (!it)
        return;
    double cx, cw;
    S_box(L, it, fo, f, &cx, &cw);
    if (p->width.kind != IMP_LEN_AUTO) {
        double w = imp_layout_len(p->width, f->ref_w, cw);
        double extra = it->pad[IMP_START] + it->pad[IMP_END] + it->bw[IMP_START] + it->bw[IMP_END];
        cw = w;
        it->w = w + extra;
    }
    if (p->height.kind == IMP_LEN_PT)
        it->fixed_height = p->height.v;
    else if (p->height.kind == IMP_LEN_PCT) {
        /* of the containing block's height, when that is known */
        double cbh = L->cb_h > 0 ? L->cb_h : L->in_flow ? L->body_h : 0;
        if (cbh > 0)
            it->fixed_height = p->height.v / 100 * cbh;
    }
    if (p->absolute_position) {
        /* placed at its offsets from the containing area: absolute, the
         * reference area it is in; fixed, the page (XSL 7.5.1) */
        it->abs_pos = p->absolute_position;
        double cbx = it->abs_pos == 2 ? 0 : f->ref_x;
        double cbw = it->abs_pos == 2 ? L->page_w : f->ref_w;
        int la = p->offset_left.kind == IMP_LEN_AUTO, ra = p->offset_right.kind == IMP_LEN_AUTO;
        double left = imp_layout_len(p->offset_left, cbw, 0);
        double right = imp_layout_len(p->offset_right, cbw, 0);
        double extra = it->pad[IMP_START] + it->pad[IMP_END] + it->bw[IMP_START] + it->bw[IMP_END];
        if (p->width.kind == IMP_LEN_AUTO && cbw - left - right - extra >= 1) {
            it->w = cbw - left - right;
            cw = it->w - extra;
        }
        double x = !la ? cbx + left : !ra ? cbx + cbw - right - it->w : it->x;
        cx += x - it->x;
        it->x = x;
        it->space_before = it->space_after = 0;
        it->keep_with_next = it->keep_with_previous = 0;
        it->break_before = it->break_after = IMP_BREAK_AUTO;
    }
    it->clip = p->overflow_hidden;
    it->display_align = p->display_align;
    /* reference-orientation: the content is laid out in a frame turned by
     * that much and placed whole (the renderer turns it); at 90 and 270 its
     * lines run along the container's height, which must be given */
    int ro = p->reference_orientation;
    double lw = cw; /* the content's line width */
    if ((ro == 90 || ro == 270) && it->fixed_height <= 0) {
        imp_layout_warn_once(L, 7, fo->line,
                             "reference-orientation=\"%d\" on a block-container without a height: "
                             "its lines would have no length; drawn at 0",
                             ro);
        ro = 0;
    }
    if (ro == 90 || ro == 270) {
        lw = it->fixed_height;
        it->rot_w = cw;
    }
    it->rotate = ro;
    it->struct_type = S_struct_of(fo, NULL);
    if (it->struct_type)
        it->struct_id = ++L->next_struct_id;
    /* a block-container is a reference area: indents inside are measured
     * from its content rectangle (XSL 5.3.2), the inherited ones too */
    S_frame inner = {cx, lw, 0, 0, lw};
    double cb_h = L->cb_h;
    L->cb_h = it->rotate ? 0 : it->fixed_height;
    S_blocks(L, fo, &inner, it);
    L->cb_h = cb_h;
    if (it->fixed_height > 0 && !it->clip && !it->rotate) {
        double need = 0;
        const imp_item *prev = NULL;
        for (const imp_item *k = it->first; k; k = k->next) {
            need += (prev ? S_space_between(prev, k) : 0) + imp_layout_height(k);
            prev = k;
        }
        if (need > it->fixed_height + 0.5)
            imp_layout_warn_once(L, 8, fo->line,
                                 "the content of a block-container is taller than its height "
                                 "and overflows it");
    }
}

static void S_list(imp_lctx *L, const imp_fo *fo, const S_frame *f, imp_item *parent)
{
    const imp_props *p = fo->p;
    imp_item *list = imp_layout_item_new(IMP_IT_BLOCK, fo, parent);
    if (!list)
        return;
    double cx, cw;
    S_box(L, list, fo, f, &cx, &cw);
    list->struct_type = S_struct_of(fo, "L");
    list->struct_id = ++L->next_struct_id;
    double pdbs = imp_layout_len(p->provisional_distance_between_starts, cw, 24);
    double pls = imp_layout_len(p->provisional_label_separation, cw, 6);
    /* absolute positions (XSL 7.28.4/7.28.5): body-start() and label-end() */
    double body_start = p->start_indent + pdbs;
    double label_end = (f->ref_w + f->base_start + f->base_end) - (p->start_indent + pdbs - pls);
    for (const imp_fo *item = fo->first; item; item = item->next) {
        if (item->kind != IMP_FO_LIST_ITEM)
            continue;
        imp_item *li = imp_layout_item_new(IMP_IT_LISTITEM, item, list);
        if (!li)
            continue;
        double ix, iw;
        S_box(L, li, item, f, &ix, &iw);
        li->struct_type = S_struct_of(item, "LI");
        li->struct_id = ++L->next_struct_id;
        for (const imp_fo *part = item->first; part; part = part->next) {
            if (part->kind != IMP_FO_LIST_ITEM_LABEL && part->kind != IMP_FO_LIST_ITEM_BODY)
                continue;
            int label = part->kind == IMP_FO_LIST_ITEM_LABEL;
            imp_item *b = imp_layout_item_new(IMP_IT_BLOCK, part, li);
            if (!b)
                continue;
            b->struct_type = label ? "Lbl" : "LBody";
            b->struct_id = ++L->next_struct_id;
            /* the label ends at label-end(); the body starts at body-start(),
             * unless the FO gave other indents explicitly */
            double s = part->p->start_indent, e = part->p->end_indent;
            if (label && (part->p->end_indent_label_end || e <= p->end_indent + 0.001))
                e = label_end;
            if (!label && (part->p->start_indent_body_start || s <= p->start_indent + 0.001))
                s = body_start;
            S_frame pf = *f;
            b->x = f->ref_x + (s - f->base_start);
            b->w = f->ref_w - (s - f->base_start) - (e - f->base_end);
            if (b->w < 1)
                b->w = 1;
            /* children use their own indents if they set them; otherwise the part's */
            pf.ref_x = b->x;
            pf.ref_w = b->w;
            pf.base_start = S_si(part->p, &pf);
            pf.base_end = S_ei(part->p, &pf);
            S_blocks(L, part, &pf, b);
            S_merge_edges(b, 0);
        }
        S_merge_edges(li, 1);
    }
    S_merge_edges(list, 0);
}

void imp_layout_blocks(imp_lctx *L, const imp_fo *fo, double x, double w, imp_item *parent)
{
    if (!parent)
        return;
    /* fo fills a reference area (a cell, a region, the footnote area) whose
     * content rectangle is x, w: indents are measured from it (XSL 5.3.2) */
    S_frame f = {x, w, 0, 0, w};
    S_blocks(L, fo, &f, parent);
}

const imp_fo *imp_layout_blocks_step(imp_lctx *L, const imp_fo *fo, const imp_fo *c, double x,
                                     double w, imp_item *parent)
{
    if (!parent || !c)
        return NULL;
    /* what imp_layout_blocks does, for one child at a time */
    S_frame f = {x, w, 0, 0, w};
    return S_content_step(L, fo, c, parent, x, w > 1 ? w : 1, &f, 1);
}

/* ---- the rest of a block at another width ---------------------------- */

/* A block made by S_one from an fo:block (so its content came in steps over
 * its FO's children, in the flow's frame), or an anonymous paragraph. */
static int S_restartable(const imp_item *it)
{
    return it->kind == IMP_IT_BLOCK && it->fixed_height <= 0 && it->from && it->fo &&
           (it->from == it->fo ? it->fo->kind == IMP_FO_BLOCK : it->first && it->first->kind == IMP_IT_LINE);
}

int imp_layout_rest_possible(const imp_item *const *levels, int n, const imp_item *at)
{
    if (n < 1 || !at || !at->from)
        return 0;
    for (int i = 0; i < n; i++) {
        if (!S_restartable(levels[i]))
            return 0;
        /* going on after a child needs it to be all its step made */
        if (i + 1 < n && levels[i + 1]->step_items != 1)
            return 0;
    }
    return at->kind == IMP_IT_LINE ? at->line != NULL : at->step_index == 0;
}

/* A new block that continues src on a later page: the same box, no before
 * border, padding or space unless retained, the same structure element. */
static imp_item *S_continue(const imp_item *src, double dw)
{
    imp_item *k = imp_layout_item_new(IMP_IT_BLOCK, src->fo, NULL);
    if (!k)
        return NULL;
    k->x = src->x;
    k->w = src->w + dw;
    for (int s = 0; s < 4; s++) {
        k->pad[s] = src->pad[s];
        k->bw[s] = src->bw[s];
        k->border[s] = src->border[s];
    }
    if (!src->border[IMP_BEFORE].retain)
        k->bw[IMP_BEFORE] = 0;
    if (!(src->fo && src->fo->p->padding_retain[IMP_BEFORE]))
        k->pad[IMP_BEFORE] = 0;
    k->background = src->background;
    k->bg_image = src->bg_image;
    if (k->bg_image)
        k->bg_image->refs++;
    k->space_after = src->space_after;
    k->keep_with_next = src->keep_with_next;
    k->break_after = src->break_after;
    k->struct_type = src->struct_type;
    k->struct_id = src->struct_id;
    k->id = src->id;
    k->from = src->from;
    k->step_items = 1;
    for (int i = 0; i < 5; i++)
        k->frame[i] = src->frame[i];
    k->frame[1] += dw;
    k->frame[4] += dw; /* the reference area's width changes as much */
    k->cx = src->cx;
    k->cw = src->cw + dw;
    k->wrap = src->wrap;
    k->continued = 1;
    return k;
}

static void S_adopt(imp_item *parent, imp_item *child)
{
    child->parent = parent;
    child->next = NULL;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
}

imp_item *imp_layout_rest(imp_lctx *L, const imp_item *const *levels, int n, const imp_item *at,
                          double dw)
{
    if (!imp_layout_rest_possible(levels, n, at))
        return NULL;
    imp_item *inner = NULL;
    for (int i = n - 1; i >= 0; i--) {
        const imp_item *src = levels[i];
        imp_item *k = S_continue(src, dw);
        if (!k) {
            imp_layout_item_free(inner);
            return NULL;
        }
        S_frame f = {k->frame[0], k->frame[1], k->frame[2], k->frame[3], k->frame[4]};
        int anonymous = src->from != src->fo;
        const imp_fo *next;
        if (i == n - 1 && at->kind == IMP_IT_LINE) {
            /* the rest of a paragraph, from its next line's first character */
            const imp_fo *stop = S_run_stop(at->from);
            imp_layout_para_from(L, at->fo, at->from, stop, k->cx, k->cw, k, at->line->start_index);
            next = stop;
        } else if (i == n - 1) {
            next = at->from; /* again from the step that made at */
        } else {
            S_adopt(k, inner);
            const imp_item *child = levels[i + 1];
            next = child->from == child->fo ? child->from->next : S_run_stop(child->from);
        }
        if (anonymous)
            next = NULL; /* an anonymous paragraph is its run and nothing else */
        for (const imp_fo *c = next; c;)
            c = S_content_step(L, src->fo, c, k, k->cx, k->cw, &f, k->wrap);
        inner = k;
    }
    return inner;
}

void imp_layout_measure(imp_lctx *L, const imp_fo *fo, double *minw, double *maxw)
{
    *minw = *maxw = 0;
    for (const imp_fo *c = fo->first; c;) {
        double mn, mx;
        if (S_skip(c)) {
            c = c->next;
            continue;
        }
        if (S_inline_leaf(c)) {
            const imp_fo *stop = S_run_stop(c);
            if (!S_only_space(c, stop)) {
                imp_layout_para_measure(L, fo, c, stop, &mn, &mx);
                *minw = fmax(*minw, mn);
                *maxw = fmax(*maxw, mx);
            }
            c = stop;
            continue;
        }
        imp_layout_measure(L, c, &mn, &mx);
        const imp_props *p = c->p;
        /* indents include the child's padding and borders (XSL 5.3.2); in a
         * reference area (a cell, a block-container) they count from its edges */
        int ref = fo->kind == IMP_FO_TABLE_CELL || fo->kind == IMP_FO_BLOCK_CONTAINER;
        double extra = (p->start_indent - (ref ? 0 : fo->p->start_indent)) +
                       (p->end_indent - (ref ? 0 : fo->p->end_indent));
        if (c->kind == IMP_FO_BLOCK_CONTAINER && p->width.kind == IMP_LEN_PT)
            mn = mx = p->width.v;
        *minw = fmax(*minw, mn + extra);
        *maxw = fmax(*maxw, mx + extra);
        c = c->next;
    }
}
