/* layout_place.c: prepared items → areas on pages (page breaks, keeps, orphans and widows). */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "layout_place.h"

imp_area *imp_pager_parent(imp_pager *P)
{
    return P->depth ? P->stack[P->depth - 1].box : P->flow;
}

/* The pager of the page content lands on: P, or, for content of the flow
 * placed whole (a cell, a label, a box), the flow's; NULL in a region. */
static imp_pager *S_page_pager(imp_pager *P)
{
    return P->whole ? P->outer : P;
}

void imp_pager_found(imp_pager *P, const char *id)
{
    imp_pager *O = S_page_pager(P);
    if (O && id)
        imp_layout_found_id(P->L, id, O->number, O->page_index);
}

void imp_pager_found_last(imp_pager *P, const char *id)
{
    imp_pager *O = S_page_pager(P);
    if (O && id)
        imp_layout_found_last(P->L, id, O->number);
}

imp_area *imp_pager_box_area(const imp_item *it, imp_area *parent, double y, int first_fragment)
{
    imp_area *a = imp_area_new_box_image(parent, &it->background, it->border, it->bg_image,
                                         it->fo ? (int)it->fo->p->background_repeat : 0,
                                         it->fo ? it->fo->p->background_pos : NULL);
    if (!a)
        return NULL;
    a->fo = it->fo;
    a->x = it->x;
    a->y = y;
    a->w = it->w;
    if (!a->unpainted && !first_fragment && !it->border[IMP_BEFORE].retain)
        a->border[IMP_BEFORE].width = 0;
    if (!a->unpainted && it->centred) {
        /* a shared edge is drawn once, by the cell after it or below it */
        a->centred = it->centred;
        a->hidden = it->centred & (1u << IMP_AFTER | 1u << IMP_END);
    }
    a->struct_type = it->struct_type;
    a->struct_id = it->struct_id;
    a->lang = it->fo ? it->fo->p->lang : NULL;
    a->grid = it->grid;
    return a;
}

static void S_whole_content(imp_pager *P, const imp_item *it, imp_area *box, double y, double h);

/* A float laid out aside (in holder, from y 0) into the flow's box at y. */
static void S_float_into(imp_pager *P, imp_area *holder, double y)
{
    for (imp_area *c = holder->first; c;) {
        imp_area *next = c->next;
        c->next = NULL;
        c->parent = NULL;
        imp_area_move(c, 0, y);
        imp_area_append(P->flow, c);
        c = next;
    }
    holder->first = holder->last = NULL;
    imp_area_free(holder);
}

/* Before-floats waiting for a new page stand at its top, in the order met. */
static void S_place_floats(imp_pager *P)
{
    P->floats_h = 0;
    for (int i = 0; i < P->nfloats; i++) {
        S_float_into(P, P->floats[i], P->top);
        P->top += P->float_h[i];
        P->floats_h += P->float_h[i];
        P->page_used = 1;
    }
    P->y = P->top;
    P->nfloats = 0;
}

/* A before-float (fo:float float="before") met below the page's top: laid
 * out aside, then put at the top of this page, below its other floats,
 * what is there moving down, when the page has room; else at the top of
 * the next page (XSL 6.10.2 lets a float go to a later page). 0 when it is
 * to be placed where it is met (at the page's top). */
static int S_float_out(const imp_pager *P, const imp_item *it)
{
    return !P->whole && P->page_used && !it->continued && P->nfloats < 16 && it->fo &&
           it->kind == IMP_IT_BLOCK && it->fo->p->float_kind == IMP_FLOAT_BEFORE;
}

static int S_defer_float(imp_pager *P, const imp_item *it)
{
    if (!S_float_out(P, it))
        return 0;
    double h = imp_layout_height(it);
    imp_area *holder = imp_area_new_box(NULL, NULL, NULL);
    if (!holder)
        return 0;
    imp_area *box = imp_pager_box_area(it, holder, 0, 1);
    S_whole_content(P, it, box, 0, h);
    double hh = h + it->space_after;
    if (P->ncols <= 1 && P->nfloats == 0 && P->y + hh <= P->bottom + 0.01) {
        double at = P->page_top_floats + P->floats_h; /* below this page's floats */
        for (imp_area *c = P->flow->first; c; c = c->next)
            if (c->y >= at - 0.01)
                imp_area_move(c, 0, hh);
        S_float_into(P, holder, at);
        P->floats_h += hh;
        P->y += hh;
        P->top += hh;
        return 1;
    }
    P->floats[P->nfloats] = holder;
    P->float_h[P->nfloats] = hh;
    P->nfloats++;
    return 1;
}

/* A balanced column that must go on down (towards the body's bottom) so
 * that what is placed next ends above want. */
static void S_unbalance(imp_pager *P, double want)
{
    double grow = fmin(P->balance_cut, want + 0.01 - P->bottom);
    if (grow <= 0)
        return;
    P->bottom += grow;
    P->body_bottom += grow;
    P->balance_cut -= grow;
}

/* Close every open box at the current position (a page break: the after
 * border and padding are discarded, XSL 4.2.3 conditionality), start a new
 * page, and reopen the boxes at its top. */
void imp_pager_break(imp_pager *P)
{
    if (P->whole)
        return;
    if (P->balance_cut > 0 && P->y <= P->cols_top + 0.01 && !P->col_break && !P->page_break) {
        /* a balanced column too short for what comes first: it goes on down */
        S_unbalance(P, P->bottom + P->balance_cut);
        return;
    }
    for (int i = P->depth - 1; i >= 0; i--) {
        imp_area *b = P->stack[i].box;
        const imp_item *it = P->stack[i].it;
        if (b) {
            b->h = P->y - b->y;
            if (!b->unpainted && !it->border[IMP_AFTER].retain)
                b->border[IMP_AFTER].width = 0;
        }
        if (it->id)
            imp_pager_found_last(P, it->id);
    }
    if (!imp_pager_next_is_column(P))
        imp_pager_footnotes(P); /* (in columns, at the page's end) */
    int was = P->page_index;
    imp_pager_new_page(P);
    if (P->page_index != was)
        S_place_floats(P);
    P->body_bottom = P->bottom;
    if (fabs(P->col_w - P->item_w) > 0.01 && P->item_w > 0) {
        /* the column changes width: an item that has placed nothing yet is
         * prepared again, and so is the rest of blocks broken here when
         * they can be; else what goes on keeps its width */
        const imp_item *levels[128];
        for (int i = 0; i < P->depth; i++)
            levels[i] = P->stack[i].it;
        if (P->depth == 0 && P->refit_ok) {
            P->refit = 1;
        } else if (P->depth > 0 && imp_layout_rest_possible(levels, P->depth, P->cursor)) {
            P->cont = 1;
            memcpy(P->cont_levels, levels, (size_t)P->depth * sizeof *levels);
            P->cont_n = P->depth;
            P->cont_at = P->cursor;
        } else {
            P->misfit = 1;
        }
    }
    double y = P->top;
    for (int i = 0; i < P->depth && !P->cont; i++) {
        const imp_item *it = P->stack[i].it;
        imp_area *parent = i ? P->stack[i - 1].box : P->flow;
        P->stack[i].box = imp_pager_box_area(it, parent, y, 0);
        if (it->pad[IMP_BEFORE] > 0 && P->stack[i].box && it->fo &&
            it->fo->p->padding_retain[IMP_BEFORE])
            y += it->pad[IMP_BEFORE];
    }
    P->y = y;
    P->at_top = 1;
}

/* Remember a piece just placed, for a row that may break between lines. */
void imp_pager_piece(imp_pager *P, double top, double bottom, int breakable)
{
    imp_pieces *v = P->pieces;
    if (!v)
        return;
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 16;
        imp_piece *nv = realloc(v->v, (size_t)cap * sizeof *nv);
        if (!nv)
            return;
        v->v = nv;
        v->cap = cap;
    }
    v->v[v->n++] = (imp_piece){top, bottom, breakable};
}

double imp_pager_room(const imp_pager *P)
{
    return P->whole ? 1e12 : P->bottom - P->y;
}

double imp_pager_page_room(const imp_pager *P)
{
    return P->bottom + P->balance_cut - P->top;
}

static void S_place(imp_pager *P, const imp_item *it);

static void S_line_extras(imp_pager *P, const imp_item *it, imp_area *parent, double y,
                          const imp_area *line)
{
    for (const imp_extra *x = it->extras; x; x = x->next) {
        imp_area *a = NULL;
        switch (x->kind) {
        case IMP_EX_RULE:
        case IMP_EX_DOTS:
            a = imp_area_new(IMP_AREA_RULE, parent);
            if (!a)
                break;
            a->x = it->lx + x->x;
            a->y = y + x->y - x->thickness / 2;
            a->w = x->w;
            a->h = 0;
            a->thickness = x->thickness;
            a->style = x->kind == IMP_EX_DOTS ? IMP_BS_DOTTED : x->style;
            a->color = x->color;
            a->period = x->period;
            a->aligned = x->aligned;
            break;
        case IMP_EX_IMAGE:
            if (!x->image)
                break;
            a = imp_area_new(IMP_AREA_IMAGE, parent);
            if (!a)
                break;
            a->x = it->lx + x->x;
            a->y = y + x->y;
            a->w = x->w;
            a->h = x->h;
            a->image = x->image;
            x->image->refs++;
            a->struct_type = "Figure";
            a->struct_id = ++P->L->next_struct_id;
            a->alt = x->fo ? x->fo->p->alt_text : NULL;
            break;
        case IMP_EX_LINK:
            a = imp_area_new(IMP_AREA_LINK, parent);
            if (!a)
                break;
            a->x = it->lx + x->x;
            a->y = y + x->y;
            a->w = x->w;
            a->h = x->h;
            a->uri = x->uri ? strdup(x->uri) : NULL;
            a->dest = x->dest ? strdup(x->dest) : NULL;
            a->struct_type = "Link";
            a->of_line = line;
            a->text_start = x->start;
            a->text_end = x->end;
            break;
        case IMP_EX_DEST:
            a = imp_area_new(IMP_AREA_DEST, parent);
            if (!a)
                break;
            a->x = it->lx + x->x;
            a->y = y;
            a->name = x->name ? strdup(x->name) : NULL;
            if (x->name)
                imp_pager_found(P, x->name);
            break;
        case IMP_EX_CONTENT: {
            /* copies of the content in cells period wide, on a grid from
             * the page's edge when aligned (so that they line up from one
             * line to the next), else from the leader's start */
            double x0 = it->lx + x->x, x1 = x0 + x->w, cell = x->period;
            if (cell < 0.1)
                break;
            double at = x->aligned ? ceil(x0 / cell - 1e-6) * cell : x0;
            PangoLayoutLine *cl = pango_layout_get_line_readonly(x->content, 0);
            PangoRectangle r;
            pango_layout_line_get_extents(cl, NULL, &r);
            for (; at + cell <= x1 + 0.01; at += cell) {
                imp_area *c = imp_area_new(IMP_AREA_LINE, parent);
                if (!c)
                    break;
                c->fo = x->fo;
                c->x = at;
                c->y = y;
                c->w = cell;
                c->h = it->height;
                c->baseline = y + x->y;
                c->glyphs = imp_glyphs_new(cl);
                if (!c->glyphs) {
                    c->line = pango_layout_line_ref(cl);
                    c->layout = g_object_ref(x->content);
                }
            }
            break;
        }
        case IMP_EX_CONTAINER: {
            /* its box, placed whole where the line puts it */
            const imp_item *box = x->note;
            imp_area *b = imp_pager_box_area(box, parent, y + x->y, 1);
            if (b) {
                S_whole_content(P, box, b, y + x->y, x->h);
                imp_area_move(b, it->lx + x->x, 0);
            }
            break;
        }
        case IMP_EX_BOX: /* made before the line (S_line), under its text */
        case IMP_EX_FOOTNOTE:
            break; /* placed after the line (S_line) */
        case IMP_EX_PAGENUM: {
            char key[64];
            snprintf(key, sizeof key, "\x01pn:%p", (const void *)x->fo);
            imp_pager_found(P, key);
            break;
        }
        }
        if (a)
            a->fo = x->fo;
    }
}

#define S_NOTE_SEP 9.0 /* room for the separator rule above the footnotes */

static void S_free_items(imp_item *it)
{
    while (it) {
        imp_item *next = it->next;
        imp_layout_item_free(it);
        it = next;
    }
}

/* Room the separator above the footnotes takes: the document's own
 * (xsl-footnote-separator, prepared once at the column's width), or a rule. */
static double S_sep_height(imp_pager *P)
{
    if (!P->note_sep)
        return S_NOTE_SEP;
    if (!P->sep_items || P->sep_w != P->L->note_w) {
        imp_item root;
        memset(&root, 0, sizeof root);
        S_free_items(P->sep_items);
        imp_layout_blocks(P->L, P->note_sep, P->L->flow_x, P->L->note_w, &root);
        P->sep_items = root.first;
        P->sep_w = P->L->note_w;
        P->sep_h = root.first ? root.first->space_before + imp_layout_run_height(root.first) : 0;
    }
    return P->sep_h;
}

void imp_pager_done(imp_pager *P)
{
    S_free_items(P->sep_items);
    P->sep_items = NULL;
}

/* Height the footnotes cited on this line need at the page foot. */
static double S_line_notes(imp_pager *P, const imp_item *it)
{
    double h = 0;
    for (const imp_extra *x = it->extras; x; x = x->next)
        if (x->kind == IMP_EX_FOOTNOTE && x->note)
            h += x->note->height;
    return h > 0 && P->nnotes == 0 ? h + S_sep_height(P) : h;
}

void imp_pager_footnotes(imp_pager *P)
{
    if (!P->nnotes || P->whole)
        return;
    /* in columns, across the body at the page's foot (XSL 6.4.14) */
    int across = P->ncols > 1;
    imp_area *parent = across ? imp_pager_notes_box(P) : P->flow;
    double y = (across ? P->page_bottom : P->body_bottom) - P->notes_h;
    if (P->note_sep) {
        /* the document's separator, drawn as decoration */
        double h = S_sep_height(P);
        imp_area *box = imp_area_new_box(parent, NULL, NULL);
        if (box) {
            box->x = P->L->flow_x;
            box->y = y;
            box->w = P->L->note_w;
            box->h = h;
            box->struct_type = "Artifact";
            imp_place_children_whole(P->L, P->sep_items, box, y);
        }
        y += h;
    } else {
        imp_area *rule = imp_area_new(IMP_AREA_RULE, parent);
        if (rule) { /* the separator: a third of the column, XSL's usual default */
            rule->x = P->L->flow_x;
            rule->y = y + S_NOTE_SEP / 2;
            rule->w = P->L->note_w / 3;
            rule->thickness = 0.5;
            rule->style = IMP_BS_SOLID;
            rule->color = (imp_color){0, 0, 0, 1};
        }
        y += S_NOTE_SEP;
    }
    for (int i = 0; i < P->nnotes; i++) {
        imp_area *box = imp_area_new_box(parent, NULL, NULL);
        if (!box)
            break;
        box->x = P->L->flow_x;
        box->y = y;
        box->w = P->L->note_w;
        box->h = P->notes[i]->height;
        box->struct_type = "Note";
        box->struct_id = ++P->L->next_struct_id;
        /* for this page: its ids and markers are on it */
        P->flushing = 1;
        imp_place_children_for(P, P->notes[i]->first, box, y);
        P->flushing = 0;
        y += P->notes[i]->height;
    }
    if (across)
        imp_pager_notes_placed(P, parent);
    P->nnotes = 0;
    P->notes_h = 0;
    P->bottom = P->body_bottom;
}

static void S_child(imp_pager *P, const imp_item *c, double *pending, int *keep_in);
static void S_parity_break(imp_pager *P, imp_break b, int force);

static void S_line(imp_pager *P, const imp_item *it)
{
    P->cursor = it;
    double notes = P->whole ? 0 : S_line_notes(P, it);
    if (P->balance_cut > 0 && it->height + notes > imp_pager_room(P) && it->para_index > 0 &&
        (it->para_index < it->orphans || it->para_lines - it->para_index < it->widows) &&
        it->height + notes <= imp_pager_room(P) + P->balance_cut) {
        /* a balanced column goes on down rather than leave too few lines */
        double rest = 0;
        int left = it->para_lines - it->para_index;
        for (const imp_item *l = it; l && left-- > 0; l = l->next)
            rest += l->height;
        S_unbalance(P, P->y + rest + notes);
    }
    if (!P->whole && !P->at_top && it->height + notes > imp_pager_room(P))
        imp_pager_break(P); /* the line and its footnotes go on together */
    /* in columns the notes go across the page's foot: they may not reach
     * up into an earlier column's text (else the line goes on, with them) */
    for (int k = 0; k < 8 && notes > 0 && !P->whole && !P->cont && P->ncols > 1 && P->col > 0 &&
                    P->page_bottom - P->notes_h - notes < P->cols_low - 0.01;
         k++) {
        imp_pager_break(P);
        notes = S_line_notes(P, it);
    }
    if (P->cont)
        return;
    if (notes > 0)
        notes = S_line_notes(P, it); /* a new page needs the separator again */
    /* orphans: at a paragraph's first line, enough lines must fit here;
     * all of them when no break leaves orphans and widows enough lines */
    if (!P->whole && !P->at_top && it->para_index == 0 && it->para_lines > 1) {
        int need = it->para_lines < it->orphans + it->widows ? it->para_lines : it->orphans;
        double h = 0;
        const imp_item *l = it;
        for (int k = 0; k < need && l; k++, l = l->next)
            h += l->height;
        if (h > imp_pager_room(P) && h <= imp_pager_page_room(P))
            imp_pager_break(P);
        if (P->cont)
            return;
    }
    /* widows: the last lines of a paragraph go together */
    if (!P->whole && !P->at_top && it->para_lines > 1 && it->widows > 1 &&
        it->para_index == it->para_lines - it->widows && it->para_index >= it->orphans) {
        double h = 0;
        for (const imp_item *l = it; l; l = l->next)
            h += l->height;
        if (h > imp_pager_room(P) && h <= imp_pager_page_room(P))
            imp_pager_break(P);
        if (P->cont)
            return;
    }
    if (it->height > imp_pager_room(P) && !P->at_top)
        imp_pager_break(P);
    if (P->cont)
        return; /* the rest of this paragraph is laid out again */
    if (it->height > imp_pager_room(P) && !P->whole)
        imp_layout_warn_once(P->L, 30, it->fo ? it->fo->line : 0,
                             "a line is taller than the page body; it is placed anyway");
    /* inline boxes (borders, a background with padding) go under the text */
    for (const imp_extra *x = it->extras; x; x = x->next) {
        if (x->kind != IMP_EX_BOX || !x->fo)
            continue;
        const imp_props *ip = x->fo->p;
        imp_border bd[4] = {ip->border[0], ip->border[1], ip->border[2], ip->border[3]};
        if ((x->cut & 1) && !bd[IMP_START].retain)
            bd[IMP_START].width = 0; /* open where a line break cuts it */
        if ((x->cut & 2) && !bd[IMP_END].retain)
            bd[IMP_END].width = 0;
        imp_area *b = imp_area_new_box(imp_pager_parent(P), &ip->background_color, bd);
        if (b) {
            b->fo = x->fo;
            b->x = it->lx + x->x;
            b->y = P->y + x->y;
            b->w = x->w;
            b->h = x->h;
        }
    }
    imp_area *a = imp_area_new(IMP_AREA_LINE, imp_pager_parent(P));
    if (!a)
        return;
    a->fo = it->fo;
    a->x = it->lx;
    a->y = P->y;
    a->w = it->w - (it->lx - it->x);
    a->h = it->height;
    /* a page may break before a line when the paragraph's orphans and
     * widows are left enough lines either side */
    imp_pager_piece(P, P->y, P->y + it->height,
            it->para_index == 0 ||
                (it->para_index >= it->orphans && it->para_lines - it->para_index >= it->widows));
    a->baseline = P->y + it->ascent;
    /* a plain line keeps only its glyphs: the layout goes with the item */
    a->glyphs = imp_glyphs_new(it->line);
    if (!a->glyphs) {
        a->line = pango_layout_line_ref(it->line);
        a->layout = g_object_ref(it->layout);
    }
    S_line_extras(P, it, imp_pager_parent(P), P->y, a);
    P->y += it->height;
    P->at_top = 0;
    for (const imp_extra *x = it->extras; x; x = x->next) {
        if (x->kind != IMP_EX_FOOTNOTE || !x->note)
            continue;
        imp_pager *O = P->whole ? P->outer : P; /* the page the note belongs to */
        int full = O && O->nnotes == (int)(sizeof O->notes / sizeof *O->notes);
        if (O && !full && P->whole && !O->whole && !O->flushing &&
            x->note->height + S_sep_height(O) <= imp_pager_page_room(O) / 2) {
            /* in a cell, a label or a box of the flow: the foot of its page */
            double h = x->note->height + (O->nnotes == 0 ? S_sep_height(O) : 0);
            O->notes[O->nnotes++] = x->note;
            O->notes_h += h;
            O->bottom -= h;
            continue;
        }
        if (!P->whole && !full && x->note->height + it->height <= imp_pager_page_room(P)) {
            P->notes[P->nnotes++] = x->note;
            continue;
        }
        if (!P->whole && !full) {
            /* taller than a page can hold with its line: it follows the
             * line in the text, breaking over pages as the text does */
            imp_layout_warn_once(P->L, 37, x->note->fo ? x->note->fo->line : 0,
                                 "a footnote is too tall for the foot of a page; it is "
                                 "printed after the line that cites it");
            notes -= x->note->height;
            double pending = 0;
            int keep = 0;
            for (const imp_item *c = x->note->first; c && !P->cont; c = c->next)
                S_child(P, c, &pending, &keep);
            continue;
        }
        /* in a region or a footnote: the note follows the line */
        imp_place_children_whole(P->L, x->note->first, imp_pager_parent(P), P->y);
        P->y += x->note->height;
    }
    if (notes > 0) {
        P->notes_h += notes;
        P->bottom -= notes;
    }
}

/* Height of the next item's first piece (a line, or a whole unsplittable item). */
/* Height of an item's first unbreakable piece: its first line (with as many
 * lines as orphans asks), or the item whole when it cannot break; the
 * borders and padding above that piece count too. */
static double S_first_piece(const imp_item *it)
{
    if (!it)
        return 0;
    if (it->kind == IMP_IT_BLOCK && it->first && it->fixed_height <= 0 && !it->keep_together) {
        /* its first child's first piece; and while that child goes whole and
         * keeps with the next (a question and its write-in lines), the
         * next one's too */
        double h = it->bw[IMP_BEFORE] + it->pad[IMP_BEFORE];
        const imp_item *c = it->first;
        for (int k = 0; c && k < 8; k++) {
            double f = S_first_piece(c);
            const imp_item *n = c->next;
            h += f;
            if (!n || !(c->keep_with_next || n->keep_with_previous) ||
                f < imp_layout_height(c) - 0.01)
                break;
            h += fmax(c->space_after, n->space_before);
            c = n;
        }
        return h;
    }
    if (it->kind == IMP_IT_TABLE && it->first && !it->keep_together) {
        /* a table breaks between rows: its first piece is the header, the
         * first row and the footer */
        double h = it->bw[IMP_BEFORE] + it->pad[IMP_BEFORE] + it->first->height;
        for (const imp_item *r = it->header; r; r = r->next)
            h += r->height;
        for (const imp_item *r = it->footer; r; r = r->next)
            h += r->height;
        return h;
    }
    if (it->kind == IMP_IT_LINE && it->para_index == 0 && it->para_lines > 1) {
        int need = it->orphans < it->para_lines ? it->orphans : it->para_lines;
        double h = 0;
        for (const imp_item *l = it; l && need-- > 0; l = l->next)
            h += l->height;
        return h;
    }
    return imp_layout_height(it);
}

/* Place one of a run of siblings; *pending carries the space-after of the
 * one before. Looks ahead at c->next only (keeps). */
/* The strength of a keep between two siblings: the stronger of the first's
 * keep-with-next and the second's keep-with-previous (0: none). */
static int S_keep_between(const imp_item *a, const imp_item *b)
{
    if (!a || !b)
        return 0;
    return a->keep_with_next > b->keep_with_previous ? a->keep_with_next : b->keep_with_previous;
}

#define S_CHAIN 8 /* keep links looked through at most */

/* From c through a chain of keeps (keep-with-next/-previous from one
 * sibling to the next, up to S_CHAIN links): every item whole, and the
 * first piece of the last; *weakest gets the weakest link's strength. A
 * heading kept with a short paragraph kept with a table goes on with both. */
static double S_chain_height(const imp_item *c, int *weakest)
{
    double h = imp_layout_height(c);
    const imp_item *k = c;
    *weakest = IMP_KEEP_ALWAYS;
    for (int links = 0; k->next && S_keep_between(k, k->next) && links < S_CHAIN; links++) {
        const imp_item *n = k->next;
        int st = S_keep_between(k, n);
        if (st < *weakest)
            *weakest = st;
        h += fmax(k->space_after, n->space_before);
        if (!n->next || !S_keep_between(n, n->next)) {
            h += S_first_piece(n);
            break;
        }
        h += imp_layout_height(n);
        k = n;
    }
    return h;
}

int imp_pager_chain_open(const imp_item *first)
{
    int links = 0;
    const imp_item *k = first;
    for (; k && k->next && links < S_CHAIN; k = k->next, links++)
        if (!S_keep_between(k, k->next))
            return 0;
    return k && k->keep_with_next && links < S_CHAIN;
}

static void S_child(imp_pager *P, const imp_item *c, double *pending, int *keep_in)
{
    P->cursor = c;
    if (P->break_pending && !P->whole) {
        /* break-after: a new page, and for even-page/odd-page a blank one
         * too when the parity asks (as break-before does) */
        imp_break b = (imp_break)P->break_pending;
        P->break_pending = 0;
        if (!P->at_top)
            S_parity_break(P, b, 1);
        else if ((b == IMP_BREAK_EVEN_PAGE && P->number % 2 != 0) ||
                 (b == IMP_BREAK_ODD_PAGE && P->number % 2 == 0)) {
            P->page_break = 1;
            imp_pager_break(P);
            P->page_break = 0;
        }
    }
    /* keep-with-next / keep-with-previous: this item and the first piece of
     * the next go on one page when they can */
    const imp_item *n = c->next;
    int keep_out = S_keep_between(c, n), keep_prev = *keep_in;
    *keep_in = keep_out;
    if (!P->whole && !P->at_top && keep_out) {
        /* the space before this item is not placed yet either */
        double before = fmax(fmax(*pending, P->pending_space), c->space_before);
        int weakest;
        double h = before + S_chain_height(c, &weakest);
        /* XSL 4.8: keeps that cannot all hold give way weakest first
         * (integers before "always", smaller before larger). The keep that
         * brought this item here is kept when a weaker one further on can
         * give; else the chain moves to a new page whole, when it fits one,
         * or at least this item and the next piece. */
        if (h > imp_pager_room(P) && keep_prev <= weakest) {
            if (h > imp_pager_page_room(P))
                h = before + imp_layout_height(c) + fmax(c->space_after, n->space_before) +
                    S_first_piece(n);
            /* told only when this item cannot break (else its last lines can
             * still go with the next) */
            if (h > imp_pager_page_room(P) && keep_out == IMP_KEEP_ALWAYS &&
                S_first_piece(c) >= imp_layout_height(c) - 0.01)
                imp_layout_warn_once(P->L, 36, c->fo ? c->fo->line : 0,
                                     "a block kept with the next (keep-with-next or "
                                     "keep-with-previous \"always\") cannot share a page "
                                     "with it; they are placed on different pages");
            if (h > imp_pager_room(P) && h <= imp_pager_page_room(P))
                imp_pager_break(P);
        }
    }
    if (P->refit || P->cont)
        return; /* to be prepared again for the new page's width */
    if (c->abs_pos || S_float_out(P, c)) {
        S_place(P, c); /* out of the flow: the spaces round it meet */
        return;
    }
    P->pending_space = fmax(*pending, P->pending_space);
    /* a before-float met at the page's top stands there: later ones go below it */
    int top_float = !P->whole && !P->page_used && c->kind == IMP_IT_BLOCK && c->fo &&
                    c->fo->p->float_kind == IMP_FLOAT_BEFORE;
    S_place(P, c);
    if (top_float)
        P->floats_h = P->y + c->space_after - P->page_top_floats;
    *pending = c->kind == IMP_IT_LINE ? 0 : c->space_after;
    P->pending_space = 0;
}

static void S_children(imp_pager *P, const imp_item *first)
{
    double pending = 0;
    int keep = 0;
    for (const imp_item *c = first; c && !P->cont; c = c->next)
        S_child(P, c, &pending, &keep);
    P->pending_space = pending;
}

void imp_pager_apply_space(imp_pager *P, const imp_item *it)
{
    double s = fmax(P->pending_space, it->space_before);
    P->pending_space = 0;
    if (P->at_top && !P->whole && !it->space_before_retain)
        return; /* space at the top of a page is discarded */
    if (P->at_top && P->whole && P->depth == 0)
        s = it->space_before; /* in a cell or region the first space-before counts */
    P->y += s;
    if (P->cols_fresh && !P->whole) {
        P->cols_fresh = 0; /* columns begun below a spanning block begin level */
        P->cols_top = P->y;
    }
}

/* A page break to a page of the parity b asks (even-page, odd-page): the
 * page between, left empty, is made as a blank page (a page master with
 * blank-or-not-blank="blank" is chosen for it). force: break even at a
 * page's top (a break-after). */
static void S_parity_break(imp_pager *P, imp_break b, int force)
{
    if (b == IMP_BREAK_COLUMN && P->ncols > 1) {
        /* the next column, or the next page after the last */
        if (force || !P->at_top) {
            P->cols_forced = P->col_break = 1;
            imp_pager_break(P);
            P->col_break = 0;
        }
        return;
    }
    P->page_break = 1;
    int brk = force || !P->at_top || P->page_used;
    int next = brk ? P->number + 1 : P->number;
    int skip = (b == IMP_BREAK_EVEN_PAGE && next % 2 != 0) ||
               (b == IMP_BREAK_ODD_PAGE && next % 2 == 0);
    if (brk) {
        P->next_blank = skip;
        imp_pager_break(P);
        P->next_blank = 0;
    }
    if (skip)
        imp_pager_break(P);
    P->page_break = 0;
}

void imp_pager_break_before(imp_pager *P, imp_break b)
{
    if (P->whole || b == IMP_BREAK_AUTO)
        return;
    S_parity_break(P, b, 0);
}

/* The content of a box placed whole (a block-container with a height, a
 * turned or absolutely positioned one) into its box at y, h high. */
static void S_whole_content(imp_pager *P, const imp_item *it, imp_area *box, double y, double h)
{
    double ch = it->fixed_height > 0 ? it->fixed_height
                                     : h - it->bw[IMP_BEFORE] - it->bw[IMP_AFTER] -
                                           it->pad[IMP_BEFORE] - it->pad[IMP_AFTER];
    double inner_y = y + it->bw[IMP_BEFORE] + it->pad[IMP_BEFORE];
    if (box) {
        box->h = h;
        if (it->clip) {
            box->clip = 1;
            box->clip_x = it->x + it->bw[IMP_START];
            box->clip_y = y + it->bw[IMP_BEFORE];
            box->clip_w = it->w - it->bw[IMP_START] - it->bw[IMP_END];
            box->clip_h = ch + it->pad[IMP_BEFORE] + it->pad[IMP_AFTER];
        }
        if (it->rotate) {
            /* the content rectangle the turned frame fills */
            box->rotate = (short)it->rotate;
            box->clip_x = it->x + it->bw[IMP_START] + it->pad[IMP_START];
            box->clip_y = inner_y;
            box->clip_w = it->w - it->bw[IMP_START] - it->bw[IMP_END] - it->pad[IMP_START] -
                          it->pad[IMP_END];
            box->clip_h = ch;
            /* across the turned lines, the room is the container's width */
            if (it->rotate == 90 || it->rotate == 270)
                ch = it->rot_w;
        }
        double content = 0;
        const imp_item *prev = NULL;
        for (const imp_item *c = it->first; c; c = c->next) {
            content += (prev ? fmax(prev->space_after, c->space_before) : 0) + imp_layout_height(c);
            prev = c;
        }
        double off = it->display_align == 1 ? (ch - content) / 2
                     : it->display_align == 2 ? ch - content
                                              : 0;
        /* what is absolutely positioned in it counts from its content */
        double saved[3] = {P->L->abs_top, P->L->abs_h, P->L->abs_key};
        P->L->abs_top = inner_y;
        P->L->abs_h = it->rotate ? 0 : ch;
        P->L->abs_key = inner_y + (off > 0 ? off : 0);
        imp_place_children_for(P, it->first, box, inner_y + (off > 0 ? off : 0));
        P->L->abs_top = saved[0];
        P->L->abs_h = saved[1];
        P->L->abs_key = saved[2];
    }
}

/* The box of a block-level item at y under the current parent; where the
 * item begins (not the rest of one begun on an earlier page) its id and
 * markers are on this page, and its id names a destination. */
static imp_area *S_open_box(imp_pager *P, const imp_item *it, double y)
{
    int first = !it->continued;
    if (it->id && first)
        imp_pager_found(P, it->id);
    imp_area *box = imp_pager_box_area(it, imp_pager_parent(P), y, first);
    if (it->id && box && first) {
        imp_area *dest = imp_area_new(IMP_AREA_DEST, box);
        if (dest) {
            dest->x = it->x;
            dest->y = y;
            dest->name = strdup(it->id);
        }
    }
    if (box && it->fo && it->fo->first && first)
        imp_layout_markers(P, it->fo);
    return box;
}

/* An absolutely positioned block-container (XSL 7.5.1): out of the flow,
 * placed whole at its offsets from the containing area (absolute: the
 * region or box it is in; fixed: the page), where it is met when they are
 * auto. What follows is placed as if it were not there. */
static void S_absolute(imp_pager *P, const imp_item *it)
{
    const imp_props *p = it->fo->p;
    double h = imp_layout_height(it);
    double top = P->whole ? P->top : P->L->body_top, height = P->whole ? 0 : P->L->body_h;
    if (P->whole && P->L->abs_h > 0 && fabs(P->top - P->L->abs_key) < 0.01) {
        top = P->L->abs_top; /* in a box placed whole: from its content */
        height = P->L->abs_h;
    }
    if (it->abs_pos == 2) {
        top = 0;
        height = P->L->page_h;
    }
    double y = P->y;
    if (p->offset_top.kind != IMP_LEN_AUTO)
        y = top + imp_layout_len(p->offset_top, height, 0);
    else if (p->offset_bottom.kind != IMP_LEN_AUTO && height > 0)
        y = top + height - imp_layout_len(p->offset_bottom, height, 0) - h;
    S_whole_content(P, it, S_open_box(P, it, y), y, h);
    P->page_used = 1;
}

static void S_block(imp_pager *P, const imp_item *it)
{
    if (it->abs_pos && it->fo) {
        S_absolute(P, it);
        return;
    }
    if (S_defer_float(P, it))
        return;
    imp_pager_break_before(P, it->break_before);
    if (P->refit || P->cont)
        return;
    imp_pager_apply_space(P, it);
    double h = imp_layout_height(it);
    int whole = it->fixed_height > 0 || it->kind == IMP_IT_ROW || it->rotate;
    if (P->balance_cut > 0 && (it->keep_together || whole) && h > imp_pager_room(P) &&
        h <= imp_pager_room(P) + P->balance_cut)
        S_unbalance(P, P->y + h); /* a balanced column goes on down rather than break a keep */
    if (!P->whole && !P->at_top && (it->keep_together || whole) && h > imp_pager_room(P) &&
        h <= imp_pager_page_room(P))
        imp_pager_break(P);
    if (!P->whole && !whole && it->keep_together == IMP_KEEP_ALWAYS && h > imp_pager_page_room(P))
        imp_layout_warn_once(P->L, 35, it->fo ? it->fo->line : 0,
                             "a block with keep-together=\"always\" is taller than the page "
                             "body; it is broken across pages anyway");
    if (!P->whole && whole && h > imp_pager_room(P))
        imp_layout_warn_once(P->L, 31, it->fo ? it->fo->line : 0,
                             "a box is taller than the page body; it is placed anyway and "
                             "overflows");
    if (!P->whole && !P->at_top && !whole && it->first) {
        /* nothing of a block is left behind when its first piece moves on */
        double first = S_first_piece(it);
        if (first > imp_pager_room(P) && first <= imp_pager_page_room(P))
            imp_pager_break(P);
    }
    if (P->refit || P->cont)
        return;
    P->refit_ok = 0; /* placing begins */
    imp_area *box = S_open_box(P, it, P->y);
    if (whole) {
        /* a block-container with a height: laid out whole, clipped if asked */
        S_whole_content(P, it, box, P->y, h);
        imp_pager_piece(P, P->y, P->y + h, 1);
        P->y += h;
        P->at_top = 0;
        P->page_used = 1;
        if (it->break_after != IMP_BREAK_AUTO)
            P->break_pending = it->break_after;
        return;
    }
    P->stack[P->depth].it = it;
    P->stack[P->depth].box = box;
    P->depth++;
    double y0 = P->y;
    P->y += it->bw[IMP_BEFORE] + it->pad[IMP_BEFORE];
    if (it->bw[IMP_BEFORE] + it->pad[IMP_BEFORE] > 0)
        P->at_top = 0;
    S_children(P, it->first);
    if (P->cont) {
        P->depth--; /* stopped: the rest comes again, prepared anew */
        return;
    }
    P->pending_space = 0; /* the last child's space-after stays inside this box's padding */
    double y1 = P->y + it->pad[IMP_AFTER] + it->bw[IMP_AFTER];
    imp_area *b = P->stack[P->depth - 1].box;
    if (b && b->y == y0 && y1 - y0 < it->min_height)
        y1 = y0 + it->min_height;
    P->y = y1;
    if (b)
        b->h = P->y - b->y;
    if (it->id)
        imp_pager_found_last(P, it->id);
    if (it->fo)
        imp_layout_markers_end(P, it->fo); /* (the rest of a block prepared again is its FO too) */
    P->depth--;
    P->at_top = 0;
    P->page_used = 1;
    if (it->break_after != IMP_BREAK_AUTO && !P->whole)
        P->break_pending = it->break_after;
}

static void S_listitem(imp_pager *P, const imp_item *li)
{
    imp_pager_break_before(P, li->break_before);
    if (P->refit || P->cont)
        return;
    imp_pager_apply_space(P, li);
    const imp_item *label = li->first, *body = label ? label->next : NULL;
    if (label && label->fo && label->fo->kind == IMP_FO_LIST_ITEM_BODY) {
        body = label;
        label = NULL;
    }
    double lh = label ? imp_layout_height(label) : 0;
    double first = body ? S_first_piece(body) : 0;
    double need = fmax(lh, first);
    if (li->keep_together)
        need = imp_layout_height(li);
    if (!P->whole && !P->at_top && need > imp_pager_room(P) && need <= imp_pager_page_room(P))
        imp_pager_break(P);
    if (P->refit || P->cont)
        return;
    P->refit_ok = 0; /* placing begins */
    if (li->id)
        imp_pager_found(P, li->id);
    imp_area *box = imp_pager_box_area(li, imp_pager_parent(P), P->y, 1);
    double y0 = P->y;
    if (label && box) {
        imp_area *lb = imp_pager_box_area(label, box, y0, 1);
        if (lb) {
            lb->h = lh;
            imp_place_children_for(P, label->first, lb, y0);
        }
        imp_pager_piece(P, y0, y0 + lh, 1); /* no break beside the label */
    }
    P->stack[P->depth].it = li;
    P->stack[P->depth].box = box;
    P->depth++;
    if (body)
        S_block(P, body);
    P->depth--;
    imp_area *b = box;
    /* the box may have been reopened on a later page */
    if (P->stack[P->depth].box != box)
        b = P->stack[P->depth].box;
    if (b && b->y == y0 && P->y < y0 + lh)
        P->y = y0 + lh;
    if (b)
        b->h = P->y - b->y;
    P->at_top = 0;
    P->page_used = 1;
}

static void S_place(imp_pager *P, const imp_item *it)
{
    if (!P->cols_keyed && P->ncols > 1 && !P->whole)
        imp_pager_cols_first(P, it); /* the first thing placed in these columns */
    switch (it->kind) {
    case IMP_IT_LINE:
        S_line(P, it);
        P->page_used = 1;
        break;
    case IMP_IT_TABLE:
        imp_pager_table(P, it);
        break;
    case IMP_IT_LISTITEM:
        S_listitem(P, it);
        break;
    case IMP_IT_ROW:
        imp_pager_row(P, it, imp_pager_parent(P));
        break;
    default:
        S_block(P, it);
        break;
    }
}

/* The flow is prepared as it is placed, an item ahead (for keeps), and
 * each item is freed once placed: the prepared flow is never held whole.
 * An item stays until the footnotes its lines cite are placed (P->notes
 * points into it). */
void imp_pager_flow(imp_pager *P, const imp_pager_source *src)
{
    imp_item queue, *done = NULL;
    memset(&queue, 0, sizeof queue);
    int open = 1;
    double pending = 0;
    int keep = 0;
    P->body_bottom = P->bottom;
    for (;;) {
        /* an item ahead, and as many as a chain of keeps from the first needs */
        while (open && (!queue.first || !queue.first->next || imp_pager_chain_open(queue.first)))
            open = src->more(src->ctx, &queue);
        imp_item *c = queue.first;
        if (!c)
            break;
        imp_pager_span(P, c->fo && c->fo->p->span_all && c->fo->parent &&
                              c->fo->parent->kind == IMP_FO_FLOW);
        /* prepared for another column width than this page's: again, from
         * its step, when it begins one (else it keeps its width) */
        P->item_w = c->prep_w;
        P->refit_ok = c->step != NULL;
        if (c->step && fabs(c->prep_w - P->col_w) > 0.01)
            P->refit = 1;
        else
            S_child(P, c, &pending, &keep);
        if (!P->refit)
            P->cols_fresh = 0;
        if (P->refit) {
            P->refit = 0;
            src->rewind(src->ctx, c->step, P->col_w);
            S_free_items(queue.first);
            memset(&queue, 0, sizeof queue);
            open = 1;
            continue;
        }
        if (P->cont) {
            /* c was broken by a page of another width: what is left of it
             * is prepared again at that width and placed next */
            P->cont = 0;
            P->depth = 0;
            imp_item *rest = src->rest(src->ctx, P->cont_levels, P->cont_n, P->cont_at, P->col_w,
                                       P->col_w - c->prep_w);
            queue.first = c->next;
            c->next = done;
            done = c;
            if (rest) {
                rest->prep_w = P->col_w;
                rest->next = queue.first;
                queue.first = rest;
            }
            if (!queue.first)
                queue.last = NULL;
            else if (!queue.last)
                queue.last = queue.first;
            continue;
        }
        if (fabs(c->prep_w - P->col_w) > 0.01)
            P->misfit = 1;
        queue.first = c->next;
        if (!queue.first)
            queue.last = NULL;
        c->next = done;
        done = c;
        if (P->nnotes == 0) {
            S_free_items(done);
            done = NULL;
        }
    }
    P->pending_space = pending;
    P->item_w = 0;
    if (P->nfloats) { /* floats still waiting: a page more for them */
        P->page_break = 1;
        imp_pager_break(P);
        P->page_break = 0;
    }
    imp_pager_footnotes(P);
    S_free_items(done);
}

double imp_place_children_pieces(imp_lctx *L, const imp_item *first, imp_area *parent, double y,
                                 imp_pieces *pieces)
{
    imp_pager W;
    memset(&W, 0, sizeof W);
    W.L = L;
    W.whole = 1;
    W.flow = parent;
    W.y = y;
    W.top = y;
    W.bottom = 1e12;
    W.at_top = 1;
    W.number = L->page_number;
    W.pieces = pieces;
    S_children(&W, first);
    return W.y;
}

void imp_place_children_whole(imp_lctx *L, const imp_item *first, imp_area *parent, double y)
{
    imp_place_children_pieces(L, first, parent, y, NULL);
}

void imp_place_children_for(imp_pager *P, const imp_item *first, imp_area *parent, double y)
{
    imp_pager W;
    memset(&W, 0, sizeof W);
    W.L = P->L;
    W.whole = 1;
    W.outer = P->whole ? P->outer : P;
    W.flow = parent;
    W.y = y;
    W.top = y;
    W.bottom = 1e12;
    W.at_top = 1;
    W.number = P->L->page_number;
    S_children(&W, first);
}
