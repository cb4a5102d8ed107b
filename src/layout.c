/* layout.c: the layout driver: page masters and sequences, static content, ids, passes. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "image.h"
#include "layout_page.h"
#include "xmlload.h"

#define S_A4_W 595.2756
#define S_A4_H 841.8898

double imp_layout_len(imp_len l, double ref, double dflt)
{
    switch (l.kind) {
    case IMP_LEN_PT:
        return l.v;
    case IMP_LEN_PCT:
        return ref * l.v / 100.0;
    default:
        return dflt;
    }
}

void imp_layout_warn_once(imp_lctx *L, int code, long line, const char *fmt, ...)
{
    if (code >= 0 && code < (int)(sizeof L->warned / sizeof *L->warned)) {
        if (L->warned[code])
            return;
        L->warned[code] = 1;
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    imp_diag_add(L->d, IMP_SEV_WARNING, L->o->fo_file, line, 0, NULL, "%s", msg);
}

/* ---- ids and page numbers ---- */
static void S_idpage_free(gpointer p)
{
    imp_idpage *e = p;
    free(e->id);
    free(e);
}

static GHashTable *S_ids_new(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, NULL, S_idpage_free);
}

static void S_set(imp_lctx *L, const char *id, int page, int index, int overwrite)
{
    if (!L->found)
        L->found = S_ids_new();
    imp_idpage *e = g_hash_table_lookup(L->found, id);
    if (e) {
        if (overwrite) {
            e->page = page;
            e->page_index = index;
            e->format = L->page_number_format;
        }
        return;
    }
    e = calloc(1, sizeof *e);
    if (!e || !(e->id = strdup(id))) {
        free(e);
        return;
    }
    e->page = page;
    e->page_index = index;
    e->format = L->page_number_format;
    g_hash_table_insert(L->found, e->id, e);
}

void imp_layout_found_id(imp_lctx *L, const char *id, int page, int index)
{
    S_set(L, id, page, index, 0);
    char key[512];
    snprintf(key, sizeof key, "\x01last:%s", id);
    S_set(L, key, page, index, 1);
}

void imp_layout_found_last(imp_lctx *L, const char *id, int page)
{
    char key[512];
    snprintf(key, sizeof key, "\x01last:%s", id);
    S_set(L, key, page, 0, 1);
}

int imp_layout_page_fmt(imp_lctx *L, const char *id, const char **format)
{
    const imp_idpage *e = L->known ? g_hash_table_lookup(L->known, id) : NULL;
    if (format)
        *format = e ? e->format : NULL;
    return e ? e->page : 0;
}

int imp_layout_page_of(imp_lctx *L, const char *id)
{
    return imp_layout_page_fmt(L, id, NULL);
}

static void S_free_ids(GHashTable *ids)
{
    if (ids)
        g_hash_table_unref(ids);
}

/* ---- images: loaded once, only from under the resource folder ---- */
imp_image *imp_layout_image(imp_lctx *L, const imp_fo *fo)
{
    const char *src = fo->p->src;
    if (!src || !*src) {
        imp_layout_warn_once(L, 40, fo->line, "an fo:external-graphic has no src; it is left out");
        return NULL;
    }
    return imp_layout_image_src(L, src, fo->line);
}

imp_image *imp_layout_bg_image(imp_lctx *L, const imp_fo *fo)
{
    const char *src = fo ? fo->p->background_image : NULL;
    if (!src || !*src || !strcasecmp(src, "none"))
        return NULL;
    return imp_layout_image_src(L, src, fo->line);
}

imp_image *imp_layout_image_src(imp_lctx *L, const char *src, long line)
{
    if (strstr(src, "://") && strncmp(src, "file://", 7)) {
        imp_diag_add(L->d, IMP_SEV_WARNING, L->o->fo_file, line, 0, NULL,
                     "the image \"%s\" is not a local file; impack never reads the network, "
                     "so it is left out",
                     src);
        return NULL;
    }
    const char *rel = strncmp(src, "file://", 7) ? src : src + 7;
    char path[PATH_MAX];
    const char *dir = L->o->resource_dir ? L->o->resource_dir : ".";
    if (rel[0] == '/')
        snprintf(path, sizeof path, "%s", rel);
    else
        snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (size_t i = 0; i < L->nimages; i++)
        if (!strcmp(L->images[i].path, path)) {
            if (L->images[i].img)
                L->images[i].img->refs++;
            return L->images[i].img;
        }
    imp_image *img = NULL;
    int named = L->o->named_file && !strcmp(path, L->o->named_file);
    if (!named && !imp_xml_path_under(path, dir)) {
        imp_diag_add(L->d, IMP_SEV_WARNING, L->o->fo_file, line, 0, NULL,
                     "the image \"%s\" is %s; images are read only from the input's folder "
                     "(or --resources DIR), so it is left out",
                     src, access(path, F_OK) == 0 ? "outside that folder" : "missing");
    } else {
        img = imp_image_load(path, L->d, L->o->fo_file, line);
    }
    void *v = realloc(L->images, (L->nimages + 1) * sizeof *L->images);
    if (v) {
        L->images = v;
        L->images[L->nimages].path = strdup(path);
        L->images[L->nimages].img = img;
        L->nimages++;
        if (img)
            img->refs++;
    }
    return img;
}

/* ---- page masters ---- */
/* What static content needs to know of each page. */
typedef struct {
    imp_area *page;
    const imp_fo *seq;
    int number;
} S_pageinfo; /* the number's format is the sequence's */

typedef struct imp_pages {
    S_pageinfo *v;
    size_t n;
} S_pages;

static const imp_fo *imp_master_named(const imp_fo *set, const char *name, imp_fo_kind kind)
{
    for (const imp_fo *c = set ? set->first : NULL; c; c = c->next)
        if ((kind == IMP_FO_UNKNOWN || c->kind == kind) && c->p->master_name && name &&
            !strcmp(c->p->master_name, name))
            return c;
    return NULL;
}

static void S_geometry(imp_master *m, const imp_fo *spm)
{
    const imp_props *p = spm->p;
    memset(m, 0, sizeof *m);
    m->spm = spm;
    m->w = imp_layout_len(p->page_width, S_A4_W, S_A4_W);
    m->h = imp_layout_len(p->page_height, S_A4_H, S_A4_H);
    double cx = p->margin[IMP_START], cy = p->margin[IMP_BEFORE];
    double cw = m->w - p->margin[IMP_START] - p->margin[IMP_END];
    double ch = m->h - p->margin[IMP_BEFORE] - p->margin[IMP_AFTER];
    static const char *names[] = {"xsl-region-body", "xsl-region-before", "xsl-region-after",
                                  "xsl-region-start", "xsl-region-end"};
    for (int i = 0; i < 5; i++)
        m->regions[i].name = names[i];
    double ext[5] = {0};
    for (const imp_fo *r = spm->first; r; r = r->next) {
        int i = r->kind == IMP_FO_REGION_BODY     ? 0
                : r->kind == IMP_FO_REGION_BEFORE ? 1
                : r->kind == IMP_FO_REGION_AFTER  ? 2
                : r->kind == IMP_FO_REGION_START  ? 3
                : r->kind == IMP_FO_REGION_END    ? 4
                                                  : -1;
        if (i < 0)
            continue;
        m->regions[i].fo = r;
        if (r->p->region_name)
            m->regions[i].name = r->p->region_name;
        ext[i] = imp_layout_len(r->p->extent, i == 1 || i == 2 ? ch : cw, 0);
    }
    /* region-body: the content rectangle less its margins */
    const imp_fo *body = m->regions[0].fo;
    double bm[4] = {0};
    if (body)
        for (int s = 0; s < 4; s++)
            bm[s] = body->p->margin[s];
    m->regions[0].x = cx + bm[IMP_START];
    m->regions[0].y = cy + bm[IMP_BEFORE];
    m->regions[0].w = cw - bm[IMP_START] - bm[IMP_END];
    m->regions[0].h = ch - bm[IMP_BEFORE] - bm[IMP_AFTER];
    /* before/after span the width (precedence) or sit between start and end */
    for (int i = 1; i <= 2; i++) {
        const imp_fo *r = m->regions[i].fo;
        int prec = r && r->p->precedence;
        double sx = cx + (prec ? 0 : ext[3]), sw = cw - (prec ? 0 : ext[3] + ext[4]);
        m->regions[i].x = sx;
        m->regions[i].w = sw;
        m->regions[i].h = ext[i];
        m->regions[i].y = i == 1 ? cy : cy + ch - ext[2];
    }
    for (int i = 3; i <= 4; i++) {
        m->regions[i].y = cy;
        m->regions[i].h = ch;
        m->regions[i].w = ext[i];
        m->regions[i].x = i == 3 ? cx : cx + cw - ext[4];
    }
    m->body_x = m->regions[0].x;
    m->body_y = m->regions[0].y;
    m->body_w = m->regions[0].w > 1 ? m->regions[0].w : 1;
    m->body_h = m->regions[0].h > 1 ? m->regions[0].h : 1;
    if (body) {
        /* the region's own padding and borders narrow the flow */
        const imp_props *bp = body->p;
        m->body_x += bp->padding[IMP_START] + bp->border[IMP_START].width;
        m->body_y += bp->padding[IMP_BEFORE] + bp->border[IMP_BEFORE].width;
        m->body_w -= bp->padding[IMP_START] + bp->padding[IMP_END] + bp->border[IMP_START].width +
                     bp->border[IMP_END].width;
        m->body_h -= bp->padding[IMP_BEFORE] + bp->padding[IMP_AFTER] +
                     bp->border[IMP_BEFORE].width + bp->border[IMP_AFTER].width;
    }
    /* columns (XSL 6.4.13): column-count of them, column-gap apart */
    m->ncols = 1;
    m->col_w = m->body_w;
    if (body && body->p->column_count > 1) {
        int n = body->p->column_count;
        double gap = imp_layout_len(body->p->column_gap, m->body_w, 12);
        double w = (m->body_w - (n - 1) * gap) / n;
        if (gap >= 0 && w >= 12) {
            m->ncols = n;
            m->col_w = w;
            m->gap = gap;
        }
    }
}

/* Does a conditional-page-master-reference's condition hold? */
static int S_condition(const imp_fo *c, int first, int last, int odd, int blank)
{
    const imp_props *p = c->p;
    if (p->page_position == IMP_PP_FIRST && !first)
        return 0;
    if (p->page_position == IMP_PP_LAST && !last)
        return 0;
    if (p->page_position == IMP_PP_REST && (first || last))
        return 0;
    if (p->page_position == IMP_PP_ONLY && !(first && last))
        return 0;
    if (p->odd_or_even == IMP_OE_ODD && !odd)
        return 0;
    if (p->odd_or_even == IMP_OE_EVEN && odd)
        return 0;
    if (p->blank_or_not_blank == IMP_BNB_BLANK && !blank)
        return 0;
    if (p->blank_or_not_blank == IMP_BNB_NOT_BLANK && blank)
        return 0;
    return 1;
}

/* The simple-page-master for the next page of the sequence (XSL 6.4.7–6.4.12). */
static const imp_fo *S_pick(imp_seq *S, int last, int blank, int advance)
{
    if (S->spm)
        return S->spm;
    int first = S->pages_in_seq == 0, odd = S->number % 2 == 1;
    const imp_fo *sub = S->sub ? S->sub : S->psm->first;
    int used = S->sub ? S->sub_used : 0;
    for (; sub; sub = sub->next, used = 0) {
        int max = sub->kind == IMP_FO_SINGLE_PAGE_MASTER_REFERENCE ? 1 : sub->p->maximum_repeats;
        if (sub->kind != IMP_FO_SINGLE_PAGE_MASTER_REFERENCE &&
            sub->kind != IMP_FO_REPEATABLE_PAGE_MASTER_REFERENCE &&
            sub->kind != IMP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES)
            continue;
        if (max >= 0 && used >= max)
            continue;
        const imp_fo *spm = NULL;
        if (sub->kind == IMP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES) {
            for (const imp_fo *c = sub->first; c && !spm; c = c->next)
                if (c->kind == IMP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE &&
                    S_condition(c, first, last, odd, blank))
                    spm = imp_master_named(S->masters, c->p->master_reference,
                                         IMP_FO_SIMPLE_PAGE_MASTER);
            if (!spm)
                continue;
        } else {
            spm = imp_master_named(S->masters, sub->p->master_reference, IMP_FO_SIMPLE_PAGE_MASTER);
            if (!spm)
                continue;
        }
        if (advance) {
            S->sub = sub;
            S->sub_used = used + 1;
        }
        return spm;
    }
    /* the sub-sequences are used up: XSL says it is an error; keep the last master */
    if (advance)
        imp_layout_warn_once(S->L, 41, S->psm->line,
                             "the page-sequence-master has no page master left for page %d; "
                             "the last one is used again",
                             S->number);
    for (const imp_fo *c = S->psm->last; c; c = c->prev) {
        const char *ref = c->p->master_reference;
        if (!ref && c->first)
            ref = c->last->p->master_reference;
        const imp_fo *spm = imp_master_named(S->masters, ref, IMP_FO_SIMPLE_PAGE_MASTER);
        if (spm)
            return spm;
    }
    return NULL;
}

static imp_area *S_region_box(imp_lctx *L, imp_area *page, double x, double y, double w,
                              double h, const imp_fo *r)
{
    imp_image *img = imp_layout_bg_image(L, r);
    imp_area *a = imp_area_new_box_image(page, r ? &r->p->background_color : NULL,
                                         r ? r->p->border : NULL, img,
                                         r ? (int)r->p->background_repeat : 0,
                                         r ? r->p->background_pos : NULL);
    if (img)
        imp_image_unref(img);
    if (!a)
        return NULL;
    a->x = x;
    a->y = y;
    a->w = w;
    a->h = h;
    a->fo = r;
    return a;
}

/* The flow is prepared at the first page's column x, each item at the width
 * of the page it starts on; a page whose master puts its column elsewhere
 * (mirrored margins) gets its part of the flow moved across. What goes on
 * from a page of another width keeps that width: that is said once. */
static void S_finish_page(imp_seq *S, imp_pager *P)
{
    imp_lctx *L = P->L;
    if (!S->page || !P->flow || !L->in_flow_pages)
        return;
    imp_cols_place(S, P);
    if (P->misfit)
        imp_layout_warn_once(L, 44, S->m.spm ? S->m.spm->line : 0,
                             "page masters in one page-sequence have region-bodies of different "
                             "widths; a block that goes on from a page of another width keeps "
                             "that page's width");
    P->misfit = 0;
}

void imp_pager_new_page(imp_pager *P)
{
    imp_seq *S = P->seq;
    imp_lctx *L = P->L;
    if (imp_pager_next_is_column(P)) {
        imp_cols_next(S, P);
        return;
    }
    if (P->cols_limited && !P->span && S->page)
        imp_cols_unbalance(P);
    S_finish_page(S, P);
    const imp_fo *spm = S_pick(S, 0, S->blank || P->next_blank, 1);
    if (!spm) {
        S->failed = 1;
        spm = S->m.spm;
    }
    if (spm && spm != S->m.spm)
        S_geometry(&S->m, spm);
    const imp_fo *rb = S->m.regions[0].fo;
    if (rb && rb->p->column_count > S->m.ncols)
        imp_layout_warn_once(L, 42, rb->line,
                             "column-count=\"%d\" on fo:region-body: the columns would be too "
                             "narrow for text, so one column is used",
                             rb->p->column_count);
    imp_area *page = imp_area_new(IMP_AREA_PAGE, NULL);
    if (!page)
        return;
    page->w = S->m.w;
    page->h = S->m.h;
    page->fo = spm;
    imp_area_doc *ad = S->ad;
    if (ad->last_page)
        ad->last_page->next = page;
    else
        ad->first_page = page;
    ad->last_page = page;
    ad->npages++;
    S->page = page;
    P->number = S->number++;
    P->page_index = ad->npages - 1;
    S->pages_in_seq++;
    L->page_number = P->number;
    S_pageinfo *v = realloc(S->pages->v, (S->pages->n + 1) * sizeof *v);
    if (v) {
        S->pages->v = v;
        v[S->pages->n++] = (S_pageinfo){page, S->seq, P->number};
    }
    imp_area *body = S_region_box(L, page, S->m.regions[0].x, S->m.regions[0].y, S->m.regions[0].w,
                                  S->m.regions[0].h, S->m.regions[0].fo);
    S->body = body;
    P->flow = body;
    L->page_w = S->m.w;
    L->page_h = S->m.h;
    L->body_top = S->m.body_y;
    L->body_h = S->m.body_h;
    P->col_w = S->m.body_w;
    P->top = S->m.body_y;
    P->bottom = S->m.body_y + S->m.body_h;
    P->y = P->top;
    P->at_top = 1;
    P->page_used = 0;
    P->balance_cut = 0;
    P->page_bottom = P->bottom;
    P->page_top_floats = P->top;
    P->floats_h = 0;
    P->ncols = S->m.ncols;
    P->col = 0;
    if (P->ncols > 1 && body) {
        P->col_w = P->span ? S->m.body_w : S->m.col_w;
        if (P->span)
            P->flow = imp_cols_box(S, P, P->top);
        else
            imp_cols_begin(S, P, P->top, 0);
    }
}

/* ---- markers (for retrieve-marker in static content) ---- */
struct imp_mark {
    const imp_fo *marker;
    int page_index;    /* where its parent's areas begin */
    int last_index;    /* and end (imp_layout_markers_end) */
    const imp_fo *seq; /* its page-sequence */
};

void imp_layout_markers(imp_pager *P, const imp_fo *fo)
{
    if (P->whole)
        P = P->outer; /* in a cell or a box of the flow: its page's; in a region: none */
    if (!P || P->whole)
        return;
    for (const imp_fo *c = fo->first; c; c = c->next)
        if (c->kind == IMP_FO_MARKER && c->p->marker_class_name) {
            imp_lctx *L = P->L;
            struct imp_mark *v = realloc(L->marks, (L->nmarks + 1) * sizeof *v);
            if (!v)
                return;
            L->marks = v;
            v[L->nmarks].marker = c;
            v[L->nmarks].page_index = P->page_index;
            v[L->nmarks].last_index = P->page_index;
            v[L->nmarks].seq = P->seq ? ((imp_seq *)P->seq)->seq : NULL;
            L->nmarks++;
        }
}

void imp_layout_markers_end(imp_pager *P, const imp_fo *fo)
{
    if (P->whole || !fo->first)
        return;
    imp_lctx *L = P->L;
    /* its markers were recorded last: look back only while they are its */
    for (size_t i = L->nmarks; i-- > 0;)
        if (L->marks[i].marker->parent == fo)
            L->marks[i].last_index = P->page_index;
        else if (L->marks[i].page_index < P->page_index - 64)
            break;
}

/* The marker a retrieve-marker on page index pi (of page-sequence seq)
 * shows (XSL 6.13.6): markers of earlier pages count only within the
 * retrieve-boundary (this page, this page-sequence, or the document). */
static const imp_fo *S_retrieve(const imp_lctx *L, const imp_fo *rm, int pi, const imp_fo *seq)
{
    int boundary = rm->p->retrieve_boundary;
    const char *cls = rm->p->retrieve_class_name;
    /* on this page: markers whose parent starts here (first, last), whose
     * parent has areas here (first, carried over or not), whose parent ends
     * here (last); before: the last one from earlier pages the boundary
     * allows (a parent that goes on to this page is on it for any boundary) */
    const imp_fo *first_start = NULL, *last_start = NULL, *first_on = NULL, *last_end = NULL,
                 *before = NULL;
    if (!cls)
        return NULL;
    for (size_t i = 0; i < L->nmarks; i++) {
        const struct imp_mark *k = &L->marks[i];
        const imp_fo *m = k->marker;
        if (strcmp(m->p->marker_class_name, cls) || k->page_index > pi)
            continue;
        int on = k->last_index >= pi;
        if (k->page_index == pi) {
            if (!first_start)
                first_start = m;
            last_start = m;
        }
        if (on && !first_on)
            first_on = m;
        if (k->last_index == pi)
            last_end = m;
        if (k->page_index < pi &&
            (on || boundary == IMP_RB_DOCUMENT ||
             (boundary == IMP_RB_PAGE_SEQUENCE && k->seq == seq)))
            before = m;
    }
    switch (rm->p->retrieve_position) {
    case IMP_RP_FIRST_STARTING:
        return first_start ? first_start : before;
    case IMP_RP_LAST_STARTING:
        return last_start ? last_start : before;
    case IMP_RP_LAST_ENDING:
        return last_end ? last_end : before;
    default: /* first-including-carryover */
        return first_on ? first_on : before;
    }
}

/* Static content replaces each retrieve-marker by the chosen marker's children:
 * done on a copy of the pointers (the tree is const), by swapping in place
 * and restoring after the content is prepared. */
typedef struct {
    imp_fo *rm;
    imp_fo *first, *last;
} S_swap;

static void S_swap_markers(const imp_lctx *L, imp_fo *fo, int pi, const imp_fo *seq, S_swap *v,
                           size_t *n, size_t cap)
{
    for (imp_fo *c = fo->first; c; c = c->next) {
        if (c->kind == IMP_FO_RETRIEVE_MARKER && *n < cap) {
            const imp_fo *m = S_retrieve(L, c, pi, seq);
            v[*n].rm = c;
            v[*n].first = c->first;
            v[*n].last = c->last;
            (*n)++;
            /* the marker's children built under this retrieve-marker */
            const imp_fo *h = m ? imp_fo_marker_in(L->fd, m, c) : NULL;
            if (h)
                m = h;
            c->first = m ? m->first : NULL;
            c->last = m ? m->last : NULL;
            c->kind = IMP_FO_WRAPPER; /* laid out as its (borrowed) children */
        } else {
            S_swap_markers(L, c, pi, seq, v, n, cap);
        }
    }
}

static void S_static(imp_lctx *L, imp_area_doc *ad, imp_area *page, const imp_master *m,
                     const imp_fo *seq, int page_index)
{
    for (int i = 1; i < 5; i++) {
        if (!m->regions[i].fo || m->regions[i].h <= 0 || m->regions[i].w <= 0)
            continue;
        for (const imp_fo *sc = seq->first; sc; sc = sc->next) {
            if (sc->kind != IMP_FO_STATIC_CONTENT || !sc->p->flow_name ||
                strcmp(sc->p->flow_name, m->regions[i].name))
                continue;
            S_swap swaps[32];
            size_t nswaps = 0;
            S_swap_markers(L, (imp_fo *)sc, page_index, seq, swaps, &nswaps, 32);
            const imp_fo *r = m->regions[i].fo;
            double px = r->p->padding[IMP_START] + r->p->border[IMP_START].width;
            double py = r->p->padding[IMP_BEFORE] + r->p->border[IMP_BEFORE].width;
            double x = m->regions[i].x + px, w = m->regions[i].w - px - r->p->padding[IMP_END] -
                                                 r->p->border[IMP_END].width;
            imp_item root;
            memset(&root, 0, sizeof root);
            imp_layout_blocks(L, sc, x, w > 1 ? w : 1, &root);
            imp_area *box = S_region_box(L, page, m->regions[i].x, m->regions[i].y, m->regions[i].w,
                                         m->regions[i].h, r);
            if (box) {
                box->struct_type = "Artifact";
                double h = root.first ? root.first->space_before + imp_layout_run_height(root.first)
                                      : 0;
                double room = m->regions[i].h - py;
                double off = r->p->display_align == 1 ? (room - h) / 2
                             : r->p->display_align == 2 ? room - h
                                                       : 0;
                imp_place_children_whole(L, root.first, box,
                                         m->regions[i].y + py + (off > 0 ? off : 0));
            }
            for (imp_item *c = root.first; c;) {
                imp_item *n = c->next;
                imp_layout_item_free(c);
                c = n;
            }
            while (nswaps--) {
                S_swap *s = &swaps[nswaps];
                s->rm->first = s->first;
                s->rm->last = s->last;
                s->rm->kind = IMP_FO_RETRIEVE_MARKER;
            }
        }
    }
    (void)ad;
}

/* ---- the document ---- */
static const imp_fo *S_child(const imp_fo *fo, imp_fo_kind kind)
{
    for (const imp_fo *c = fo ? fo->first : NULL; c; c = c->next)
        if (c->kind == kind)
            return c;
    return NULL;
}

static char *S_text_of(const imp_fo *fo)
{
    GString *s = g_string_new(NULL);
    const imp_fo *stack[64];
    int n = 0;
    for (const imp_fo *c = fo->first; c || n;) {
        if (!c) {
            c = stack[--n]->next;
            continue;
        }
        if (c->kind == IMP_FO_TEXT && c->text)
            g_string_append(s, c->text);
        if (c->first && n < 64) {
            stack[n++] = c;
            c = c->first;
            continue;
        }
        c = c->next;
    }
    /* fold white space */
    char *t = g_string_free(s, FALSE);
    imp_diag_fold(t);
    char *r = strdup(t);
    g_free(t);
    return r;
}

static imp_outline *S_outline(const imp_fo *tree)
{
    imp_outline *first = NULL, **tail = &first;
    for (const imp_fo *b = tree ? tree->first : NULL; b; b = b->next) {
        if (b->kind != IMP_FO_BOOKMARK)
            continue;
        imp_outline *o = calloc(1, sizeof *o);
        if (!o)
            break;
        const imp_fo *t = S_child(b, IMP_FO_BOOKMARK_TITLE);
        o->title = t ? S_text_of(t) : strdup("");
        o->dest = b->p->internal_destination ? strdup(b->p->internal_destination) : NULL;
        o->uri = b->p->external_destination ? strdup(b->p->external_destination) : NULL;
        o->open = b->p->starting_state_show;
        o->first = S_outline(b);
        *tail = o;
        tail = &o->next;
    }
    return first;
}

/* The flow of a sequence, prepared a child at a time for the pager. */
typedef struct {
    imp_lctx *L;
    const imp_fo *flow, *next;
    double x, w;   /* the column it is prepared at */
    double note_w; /* the width of footnotes where the body has columns, else 0 */
    int number;    /* the sequence's first page number */
} S_flow_src;

static int S_flow_more(void *ctx, imp_item *queue)
{
    S_flow_src *s = ctx;
    imp_lctx *L = s->L;
    if (!s->next)
        return 0;
    /* prepared as if before any page was made: the current page is not
     * known yet where a line will land (page numbers come from the last pass) */
    int current = L->page_number;
    L->page_number = s->number;
    L->in_flow = 1;
    L->flow_w = s->w;
    L->note_w = s->note_w > 0 ? s->note_w : s->w; /* footnote bodies */
    imp_item *last = queue->last;
    const imp_fo *step = s->next;
    s->next = imp_layout_blocks_step(L, s->flow, s->next, s->x, s->w, queue);
    for (imp_item *it = last ? last->next : queue->first; it; it = it->next) {
        it->prep_w = s->w;
        it->step = it == (last ? last->next : queue->first) ? step : NULL;
    }
    L->in_flow = 0;
    L->page_number = current;
    return s->next != NULL;
}

/* The rest of blocks broken by a page of width w, prepared as the flow is. */
static imp_item *S_flow_rest(void *ctx, const imp_item *const *levels, int n, const imp_item *at,
                             double w, double dw)
{
    S_flow_src *s = ctx;
    imp_lctx *L = s->L;
    int current = L->page_number;
    L->page_number = s->number;
    L->in_flow = 1;
    L->flow_w = w;
    L->note_w = s->note_w > 0 ? s->note_w : w;
    imp_item *rest = imp_layout_rest(L, levels, n, at, dw);
    L->in_flow = 0;
    L->page_number = current;
    return rest;
}

/* The flow comes again from step, at width w (a page of another width). */
static void S_flow_rewind(void *ctx, const imp_fo *step, double w)
{
    S_flow_src *s = ctx;
    s->next = step;
    s->w = w;
}

static int imp_sequence(imp_lctx *L, imp_area_doc *ad, const imp_fo *masters, const imp_fo *seq,
                      S_pages *pages, int *number, int *last_number)
{
    imp_seq S;
    memset(&S, 0, sizeof S);
    S.pages = pages;
    S.L = L;
    S.ad = ad;
    S.seq = seq;
    S.masters = masters;
    const char *ref = seq->p->master_reference;
    S.spm = imp_master_named(masters, ref, IMP_FO_SIMPLE_PAGE_MASTER);
    if (!S.spm)
        S.psm = imp_master_named(masters, ref, IMP_FO_PAGE_SEQUENCE_MASTER);
    if (!S.spm && !S.psm) {
        imp_diag_add(L->d, IMP_SEV_ERROR, L->o->fo_file, seq->line, 0, NULL,
                     "the page-sequence asks for master-reference=\"%s\", but no page master "
                     "has that master-name.",
                     ref ? ref : "");
        return -1;
    }
    S.number = seq->p->initial_page_number > 0 ? seq->p->initial_page_number : *number;
    if (seq->p->initial_page_parity == 1 && S.number % 2 == 0) /* auto-odd */
        S.number++;
    else if (seq->p->initial_page_parity == 2 && S.number % 2 == 1) /* auto-even */
        S.number++;
    L->page_number_format = seq->p->format;
    imp_pager P;
    memset(&P, 0, sizeof P);
    P.L = L;
    P.seq = &S;
    for (const imp_fo *sc = seq->first; sc; sc = sc->next)
        if (sc->kind == IMP_FO_STATIC_CONTENT && sc->p->flow_name &&
            !strcmp(sc->p->flow_name, "xsl-footnote-separator"))
            P.note_sep = sc;
    imp_pager_new_page(&P);
    if (S.failed || !S.page) {
        imp_diag_add(L->d, IMP_SEV_ERROR, L->o->fo_file, seq->line, 0, NULL,
                     "no page master can be used for the first page of this page-sequence.");
        return -1;
    }
    int first_index = P.page_index, first_number = P.number;
    const imp_fo *flow = S_child(seq, IMP_FO_FLOW);
    if (flow) {
        L->flow_x = S.m.body_x;
        L->flow_w = L->note_w = P.col_w;
        S_flow_src src = {L, flow, flow->first, S.m.body_x, P.col_w, S.m.ncols > 1 ? S.m.body_w : 0,
                          P.number};
        imp_pager_source from = {S_flow_more, S_flow_rewind, S_flow_rest, &src};
        L->in_flow_pages = 1;
        imp_pager_flow(&P, &from);
        imp_cols_end(&P);
        S_finish_page(&S, &P);
        L->in_flow_pages = 0;
    }
    if (seq->p->id) {
        imp_layout_found_id(L, seq->p->id, first_number, first_index);
        imp_layout_found_last(L, seq->p->id, P.number);
    }
    /* force-page-count (XSL 7.27.9): the default "auto" ends this sequence on
     * the parity the next one starts on: odd before an even initial page
     * number (or auto-even), even before an odd one (or auto-odd) */
    int fpc = seq->p->force_page_count, count = S.pages_in_seq;
    int last_no = P.number;
    if (fpc == IMP_FPC_AUTO) {
        const imp_fo *next = seq->next;
        while (next && next->kind != IMP_FO_PAGE_SEQUENCE)
            next = next->next;
        int n = next ? next->p->initial_page_number : 0;
        int par = next ? next->p->initial_page_parity : 0;
        if ((n > 0 && n % 2 == 1) || (n <= 0 && par == 1))
            fpc = IMP_FPC_END_ON_EVEN;
        else if ((n > 0 && n % 2 == 0) || (n <= 0 && par == 2))
            fpc = IMP_FPC_END_ON_ODD;
    }
    int add = (fpc == IMP_FPC_EVEN && count % 2) || (fpc == IMP_FPC_ODD && count % 2 == 0) ||
              (fpc == IMP_FPC_END_ON_EVEN && last_no % 2) ||
              (fpc == IMP_FPC_END_ON_ODD && last_no % 2 == 0);
    if (add) {
        S.blank = 1;
        imp_pager_new_page(&P);
    }
    /* the last page may have a master of its own (page-position="last") */
    if (S.psm && S.page) {
        S.pages_in_seq--;
        S.number--;
        const imp_fo *spm = S_pick(&S, 1, add, 0);
        S.number++;
        S.pages_in_seq++;
        if (spm && spm != S.page->fo) {
            imp_master m2;
            S_geometry(&m2, spm);
            if (fabs(m2.body_w - S.m.body_w) < 0.01 && fabs(m2.w - S.m.w) < 0.01)
                S.page->fo = spm;
        }
    }
    imp_pager_done(&P);
    *number = S.number;
    *last_number = P.number;
    return 0;
}

static imp_area_doc *S_pass(imp_lctx *L)
{
    imp_fo_doc *fd = L->fd;
    imp_area_doc *ad = calloc(1, sizeof *ad);
    if (!ad)
        return NULL;
    const imp_fo *root = fd->root;
    const imp_fo *masters = S_child(root, IMP_FO_LAYOUT_MASTER_SET);
    int number = 1, last = 0, nseq = 0, failed = 0;
    S_pages pages = {NULL, 0};
    for (const imp_fo *seq = root->first; seq; seq = seq->next) {
        if (seq->kind != IMP_FO_PAGE_SEQUENCE)
            continue;
        nseq++;
        if (imp_sequence(L, ad, masters, seq, &pages, &number, &last) < 0)
            failed = 1;
    }
    if (!nseq)
        imp_diag_add(L->d, IMP_SEV_ERROR, L->o->fo_file, root->line, 0, NULL,
                     "the document has no fo:page-sequence, so there is nothing to print.");
    if (!nseq || failed || !ad->npages) {
        free(pages.v);
        imp_area_doc_free(ad);
        return NULL;
    }
    /* static content last: every page number and citation is known now */
    GHashTable *saved = L->known;
    int flow_citations = L->citations; /* citations in static content need no new pass */
    int final = L->ids_final;
    L->ids_final = 1;
    L->known = L->found;
    for (size_t i = 0; i < pages.n; i++) {
        imp_master m;
        imp_area *pg = pages.v[i].page;
        if (!pg->fo)
            continue;
        S_geometry(&m, pg->fo);
        L->page_w = m.w;
        L->page_h = m.h;
        L->page_number = pages.v[i].number;
        L->page_number_format = pages.v[i].seq->p->format;
        S_static(L, ad, pg, &m, pages.v[i].seq, (int)i);
    }
    free(pages.v);
    L->known = saved;
    L->citations = flow_citations;
    L->ids_final = final;
    ad->outline = S_outline(S_child(root, IMP_FO_BOOKMARK_TREE));
    ad->title = fd->title ? strdup(fd->title) : NULL;
    ad->author = fd->author ? strdup(fd->author) : NULL;
    ad->subject = fd->subject ? strdup(fd->subject) : NULL;
    ad->keywords = fd->keywords ? strdup(fd->keywords) : NULL;
    ad->lang = fd->lang ? strdup(fd->lang) : NULL;
    return ad;
}

/* Layout passes at most: page numbers cited settle in three; columns to
 * balance take one more each time balancing moves what follows. */
#define S_MAX_PASSES 6

/* Every id on the same page in both passes. */
static int S_same(GHashTable *a, GHashTable *b)
{
    if (!a || !b)
        return a == b;
    if (g_hash_table_size(a) != g_hash_table_size(b))
        return 0;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, a);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        const imp_idpage *e = g_hash_table_lookup(b, k), *f = v;
        if (!e || e->page != f->page || e->format != f->format)
            return 0;
    }
    return 1;
}

imp_area_doc *imp_layout_run(imp_fo_doc *fd, const imp_layout_opts *o, imp_diags *d)
{
    imp_lctx L;
    memset(&L, 0, sizeof L);
    L.fd = fd;
    L.o = o;
    L.d = d;
    L.fontmap = pango_cairo_font_map_new();
    L.pctx = pango_font_map_create_context(L.fontmap);
    /* points: one Pango unit per point, and no hinting, so layout does not
     * depend on a device */
    pango_cairo_context_set_resolution(L.pctx, 72);
    cairo_font_options_t *fopt = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fopt, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fopt, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(L.pctx, fopt);
    cairo_font_options_destroy(fopt);
    pango_context_set_round_glyph_positions(L.pctx, FALSE);
    imp_area_doc *ad = NULL;
    for (int pass = 0; pass < S_MAX_PASSES; pass++) {
        L.rebalance = 0;
        L.citations = 0;
        L.citation_guess_used = 0;
        S_free_ids(L.found);
        L.found = NULL;
        free(L.marks);
        L.marks = NULL;
        L.nmarks = 0;
        L.next_struct_id = 0;
        ad = S_pass(&L);
        /* again while page numbers cited change (three passes at most), or
         * while columns are found that are to be balanced */
        int cited = L.citations && !(pass > 0 && S_same(L.found, L.known)) && pass < 2;
        if (!ad || (!cited && !L.rebalance) || pass == S_MAX_PASSES - 1)
            break;
        /* the flow cites page numbers: lay out again with the numbers found */
        imp_area_doc_free(ad);
        ad = NULL;
        S_free_ids(L.known);
        L.known = L.found;
        L.found = NULL;
        /* warnings are said once per pass: keep the first pass's, but a
         * citation of an unknown id can only be told now */
        memset(L.warned, 1, sizeof L.warned);
        if (pass == 0)
            L.warned[43] = 0;
        L.ids_final = 1;
    }
    S_free_ids(L.found);
    S_free_ids(L.known);
    free(L.marks);
    free(L.balance);
    for (size_t i = 0; i < L.nimages; i++) {
        free(L.images[i].path);
        if (L.images[i].img)
            imp_image_unref(L.images[i].img);
    }
    free(L.images);
    g_object_unref(L.pctx);
    g_object_unref(L.fontmap);
    return ad;
}
