/* glyphs.c: a laid-out line kept as its glyphs alone, drawn as Pango would draw it. */
#include "glyphs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

/* One glyph run: what pango_renderer_draw_layout_line uses of a
 * PangoGlyphItem when the run has no decorations. */
typedef struct {
    PangoFont *font;          /* reference */
    int x;                    /* start, Pango units from the line's start */
    int text_off, text_len;   /* its characters within the line's text */
    int first_glyph, nglyphs; /* drawn glyphs (empty ones left out) */
    int first_cluster, nclusters;
    guint16 fg[3], alpha;     /* foreground colour (has_fg) and alpha (0: none) */
    unsigned char has_fg, backward;
    unsigned char deco;       /* S_UNDER, S_OVER, S_STRIKE: lines drawn with the glyphs */
    int width;                /* advance, Pango units */
    int under_y, under_h, over_y, strike_y, strike_h; /* from the baseline, up; heights */
} S_run;

enum { S_UNDER = 1, S_OVER = 2, S_STRIKE = 4 };

struct imp_glyphs {
    int nruns, len, width, hyphen;
    S_run *runs;
    uint32_t *glyph;          /* glyph ids */
    int32_t *xpos;            /* x position + x offset, Pango units from the run start */
    int32_t *yoff;            /* y offsets, or NULL when all are 0 */
    uint16_t *cluster;        /* (bytes, glyphs) pairs, as Cairo's text clusters */
    char *text;               /* the line's characters */
};

/* Does Pango draw this run as glyphs only, in a colour at most? Then *run
 * gets its colour. Attributes are accepted only when known to draw nothing
 * (a whitelist: anything new falls back to Pango). */
static int S_plain(const PangoGlyphItem *gi, S_run *run)
{
    const PangoItem *item = gi->item;
    if (item->analysis.flags & PANGO_ANALYSIS_FLAG_CENTERED_BASELINE || gi->y_offset ||
        gi->start_x_offset || gi->end_x_offset || !item->analysis.font)
        return 0;
    cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font((PangoCairoFont *)item->analysis.font);
    if (!sf || cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS)
        return 0;
    for (const GSList *l = item->analysis.extra_attrs; l; l = l->next) {
        const PangoAttribute *a = l->data;
        switch (a->klass->type) {
        case PANGO_ATTR_FOREGROUND: { /* the last one counts, as in pango_renderer_prepare_run */
            const PangoColor *c = &((const PangoAttrColor *)a)->color;
            run->fg[0] = c->red;
            run->fg[1] = c->green;
            run->fg[2] = c->blue;
            run->has_fg = 1;
            break;
        }
        case PANGO_ATTR_FOREGROUND_ALPHA:
            run->alpha = (guint16)((const PangoAttrInt *)a)->value;
            break;
        /* single lines in the text's colour, as pango_renderer draws them */
        case PANGO_ATTR_UNDERLINE: {
            int u = ((const PangoAttrInt *)a)->value;
            if (u != PANGO_UNDERLINE_NONE && u != PANGO_UNDERLINE_SINGLE)
                return 0;
            run->deco = (unsigned char)(u ? run->deco | S_UNDER : run->deco & ~S_UNDER);
            break;
        }
        case PANGO_ATTR_OVERLINE: {
            int o = ((const PangoAttrInt *)a)->value;
            if (o != PANGO_OVERLINE_NONE && o != PANGO_OVERLINE_SINGLE)
                return 0;
            run->deco = (unsigned char)(o ? run->deco | S_OVER : run->deco & ~S_OVER);
            break;
        }
        case PANGO_ATTR_STRIKETHROUGH:
            run->deco = (unsigned char)(((const PangoAttrInt *)a)->value ? run->deco | S_STRIKE
                                                                         : run->deco & ~S_STRIKE);
            break;
        case PANGO_ATTR_LANGUAGE:
        case PANGO_ATTR_LETTER_SPACING: /* already in the glyph widths */
        case PANGO_ATTR_LINE_HEIGHT:
        case PANGO_ATTR_ABSOLUTE_LINE_HEIGHT:
        case PANGO_ATTR_FALLBACK:
            break;
        default:
            return 0;
        }
    }
    const PangoGlyphString *gs = gi->glyphs;
    for (int i = 0; i < gs->num_glyphs; i++)
        if (gs->glyphs[i].glyph != PANGO_GLYPH_EMPTY &&
            (gs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG))
            return 0; /* Pango draws a hex box */
    return 1;
}

/* The clusters pango_cairo_renderer_draw_glyph_item hands Cairo; -1 when
 * one does not fit 16 bits. */
static int S_clusters(PangoGlyphItem *gi, const char *text, uint16_t *out)
{
    PangoGlyphItemIter it;
    const PangoGlyphString *gs = gi->glyphs;
    int backward = (gi->item->analysis.level & 1) != 0, n = 0;
    if (!pango_glyph_item_iter_init_start(&it, gi, text))
        return 0;
    do {
        int bytes = it.end_index - it.start_index;
        int glyphs = backward ? it.start_glyph - it.end_glyph : it.end_glyph - it.start_glyph;
        int lo = it.start_glyph < it.end_glyph + 1 ? it.start_glyph : it.end_glyph + 1;
        int hi = it.start_glyph + 1 > it.end_glyph ? it.start_glyph + 1 : it.end_glyph;
        for (int i = lo; i < hi; i++) /* empty glyphs are not drawn */
            if (gs->glyphs[i].glyph == PANGO_GLYPH_EMPTY)
                glyphs--;
        if (bytes < 0 || bytes > UINT16_MAX || glyphs < 0 || glyphs > UINT16_MAX)
            return -1;
        if (out) {
            out[2 * n] = (uint16_t)bytes;
            out[2 * n + 1] = (uint16_t)glyphs;
        }
        n++;
    } while (pango_glyph_item_iter_next_cluster(&it));
    return n;
}

imp_glyphs *imp_glyphs_new(PangoLayoutLine *line)
{
    PangoLayout *lay = line ? line->layout : NULL;
    const char *text = lay ? pango_layout_get_text(lay) : NULL;
    if (!text || line->start_index < 0 || line->length < 0)
        return NULL;
    /* first pass: is every run plain, and how much room is needed */
    int nruns = 0, nglyphs = 0, nclusters = 0, yoff = 0, hyphen = 0;
    for (GSList *l = line->runs; l; l = l->next) {
        PangoGlyphItem *gi = l->data;
        S_run probe;
        memset(&probe, 0, sizeof probe);
        if (!S_plain(gi, &probe) || gi->item->offset < line->start_index ||
            gi->item->offset + gi->item->length > line->start_index + line->length)
            return NULL;
        int nc = S_clusters(gi, text, NULL);
        if (nc < 0)
            return NULL;
        nclusters += nc;
        for (int i = 0; i < gi->glyphs->num_glyphs; i++) {
            const PangoGlyphInfo *g = &gi->glyphs->glyphs[i];
            if (g->glyph == PANGO_GLYPH_EMPTY)
                continue;
            nglyphs++;
            yoff |= g->geometry.y_offset != 0;
        }
        if (gi->item->analysis.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN)
            hyphen = 1;
        nruns++;
    }
    size_t size = sizeof(imp_glyphs) + (size_t)nruns * sizeof(S_run) +
                  (size_t)nglyphs * (yoff ? 3 : 2) * sizeof(uint32_t) +
                  (size_t)nclusters * 2 * sizeof(uint16_t) + (size_t)line->length;
    imp_glyphs *g = calloc(1, size);
    if (!g)
        return NULL;
    g->nruns = nruns;
    g->len = line->length;
    g->hyphen = hyphen;
    g->runs = (S_run *)(g + 1);
    g->glyph = (uint32_t *)(g->runs + nruns);
    g->xpos = (int32_t *)(g->glyph + nglyphs);
    g->yoff = yoff ? g->xpos + nglyphs : NULL;
    g->cluster = (uint16_t *)(g->xpos + (yoff ? 2 : 1) * nglyphs);
    g->text = (char *)(g->cluster + 2 * nclusters);
    memcpy(g->text, text + line->start_index, (size_t)line->length);
    /* second pass: copy */
    int x = 0, k = 0, c = 0, r = 0;
    for (GSList *l = line->runs; l; l = l->next, r++) {
        PangoGlyphItem *gi = l->data;
        S_run *run = &g->runs[r];
        S_plain(gi, run);
        run->font = g_object_ref(gi->item->analysis.font);
        run->width = pango_glyph_string_get_width(gi->glyphs);
        if (run->deco) {
            PangoFontMetrics *m = pango_font_get_metrics(run->font, gi->item->analysis.language);
            run->under_y = pango_font_metrics_get_underline_position(m);
            run->under_h = pango_font_metrics_get_underline_thickness(m);
            run->over_y = pango_font_metrics_get_ascent(m);
            run->strike_y = pango_font_metrics_get_strikethrough_position(m);
            run->strike_h = pango_font_metrics_get_strikethrough_thickness(m);
            pango_font_metrics_unref(m);
        }
        run->x = x;
        run->text_off = gi->item->offset - line->start_index;
        run->text_len = gi->item->length;
        run->backward = (gi->item->analysis.level & 1) != 0;
        run->first_glyph = k;
        run->first_cluster = c;
        run->nclusters = S_clusters(gi, text, g->cluster + 2 * c);
        c += run->nclusters;
        int pos = 0;
        for (int i = 0; i < gi->glyphs->num_glyphs; i++) {
            const PangoGlyphInfo *gl = &gi->glyphs->glyphs[i];
            if (gl->glyph != PANGO_GLYPH_EMPTY) {
                g->glyph[k] = gl->glyph;
                g->xpos[k] = pos + gl->geometry.x_offset;
                if (g->yoff)
                    g->yoff[k] = gl->geometry.y_offset;
                k++;
            }
            pos += gl->geometry.width;
        }
        run->nglyphs = k - run->first_glyph;
        x += pango_glyph_string_get_width(gi->glyphs);
    }
    g->width = x; /* the advances as they are now: a justified line's, too */
    return g;
}

void imp_glyphs_free(imp_glyphs *g)
{
    if (!g)
        return;
    for (int r = 0; r < g->nruns; r++)
        g_object_unref(g->runs[r].font);
    free(g);
}

/* pango_cairo's set_color for the foreground: only when the run says so. */
static void S_color(cairo_t *cr, const S_run *run)
{
    double red, green, blue, alpha;
    if (!run->has_fg && !run->alpha)
        return;
    if (run->has_fg) {
        red = run->fg[0] / 65535.;
        green = run->fg[1] / 65535.;
        blue = run->fg[2] / 65535.;
        alpha = 1.;
    } else {
        cairo_pattern_t *p = cairo_get_source(cr);
        if (!p || cairo_pattern_get_type(p) != CAIRO_PATTERN_TYPE_SOLID ||
            cairo_pattern_get_rgba(p, &red, &green, &blue, &alpha) != CAIRO_STATUS_SUCCESS) {
            red = green = blue = 0.;
            alpha = 1.;
        }
    }
    if (run->alpha)
        alpha = run->alpha / 65535.;
    cairo_set_source_rgba(cr, red, green, blue, alpha);
}

#define S_STACK 256

/* Underline, overline and strike-through of a run's glyphs g0..g0+ng-1
 * (their advance), as pango_renderer draws them: filled rectangles from the
 * font's metrics, in the text's colour (already the source). */
static void S_decorate(const imp_glyphs *g, const S_run *run, cairo_t *cr, double base_x,
                       double base_y, int g0, int ng)
{
    int x0 = g0 == 0 ? 0 : g->xpos[run->first_glyph + g0];
    int x1 = g0 + ng >= run->nglyphs ? run->width : g->xpos[run->first_glyph + g0 + ng];
    double x = base_x + x0 / (double)PANGO_SCALE, w = (x1 - x0) / (double)PANGO_SCALE;
    if (!(w > 0))
        return;
    double uh = run->under_h / (double)PANGO_SCALE;
    if (run->deco & S_UNDER)
        cairo_rectangle(cr, x, base_y - run->under_y / (double)PANGO_SCALE, w, uh);
    if (run->deco & S_OVER)
        cairo_rectangle(cr, x, base_y - run->over_y / (double)PANGO_SCALE, w, uh);
    if (run->deco & S_STRIKE)
        cairo_rectangle(cr, x, base_y - run->strike_y / (double)PANGO_SCALE, w,
                        run->strike_h / (double)PANGO_SCALE);
    cairo_fill(cr);
}

/* The clusters of a run whose characters lie in [start, end) (bytes from the
 * line's start): they are consecutive, as are their glyphs and characters.
 * Returns 0 when there are none; else *c0, *nc (clusters), *g0, *ng
 * (glyphs, from the run's first) and *t0, *nt (characters, from the line's
 * start). */
static int S_range(const imp_glyphs *g, const S_run *run, int start, int end, int *c0, int *nc,
                   int *g0, int *ng, int *t0, int *nt)
{
    int first = -1, last = -1, gi = 0, glyph_first = 0, glyph_n = 0, lo = 0, hi = 0;
    /* forward runs: characters advance with the glyphs; backward: from the end */
    int t = run->backward ? run->text_off + run->text_len : run->text_off;
    for (int i = 0; i < run->nclusters; i++) {
        int bytes = g->cluster[2 * (run->first_cluster + i)];
        int glyphs = g->cluster[2 * (run->first_cluster + i) + 1];
        int a = run->backward ? t - bytes : t, b = run->backward ? t : t + bytes;
        if (a >= start && b <= end && bytes > 0) {
            if (first < 0) {
                first = i;
                glyph_first = gi;
                lo = a;
                hi = b;
            }
            last = i;
            glyph_n = gi + glyphs - glyph_first;
            lo = a < lo ? a : lo;
            hi = b > hi ? b : hi;
        }
        gi += glyphs;
        t = run->backward ? t - bytes : t + bytes;
    }
    if (first < 0)
        return 0;
    *c0 = first;
    *nc = last - first + 1;
    *g0 = glyph_first;
    *ng = glyph_n;
    *t0 = lo;
    *nt = hi - lo;
    return 1;
}

void imp_glyphs_draw_range(const imp_glyphs *g, cairo_t *cr, int start, int end)
{
    if (!g)
        return;
    int had_point = cairo_has_current_point(cr);
    double x0 = 0, y0 = 0;
    cairo_get_current_point(cr, &x0, &y0);
    int clustered = cairo_surface_has_show_text_glyphs(cairo_get_target(cr));
    int whole = start <= 0 && end >= g->len;
    cairo_glyph_t stack_glyphs[S_STACK];
    cairo_text_cluster_t stack_clusters[S_STACK];
    for (int r = 0; r < g->nruns; r++) {
        const S_run *run = &g->runs[r];
        int c0 = 0, nc = run->nclusters, g0 = 0, ng = run->nglyphs, t0 = run->text_off,
            nt = run->text_len;
        if (!whole && !S_range(g, run, start, end, &c0, &nc, &g0, &ng, &t0, &nt))
            continue;
        cairo_glyph_t *gl = ng > S_STACK ? malloc(ng * sizeof *gl) : stack_glyphs;
        cairo_text_cluster_t *cl = nc > S_STACK ? malloc(nc * sizeof *cl) : stack_clusters;
        if (!gl || !cl) {
            if (gl != stack_glyphs)
                free(gl);
            if (cl != stack_clusters)
                free(cl);
            continue;
        }
        /* the same arithmetic as pango_cairo_renderer_show_text_glyphs */
        double base_x = x0 + (double)run->x / PANGO_SCALE, base_y = y0;
        for (int i = 0; i < ng; i++) {
            int k = run->first_glyph + g0 + i;
            gl[i].index = g->glyph[k];
            gl[i].x = base_x + (double)g->xpos[k] / PANGO_SCALE;
            gl[i].y = !g->yoff || g->yoff[k] == 0 ? base_y : base_y + (double)g->yoff[k] / PANGO_SCALE;
        }
        for (int i = 0; i < nc; i++) {
            cl[i].num_bytes = g->cluster[2 * (run->first_cluster + c0 + i)];
            cl[i].num_glyphs = g->cluster[2 * (run->first_cluster + c0 + i) + 1];
        }
        cairo_save(cr);
        S_color(cr, run);
        cairo_set_scaled_font(cr, pango_cairo_font_get_scaled_font((PangoCairoFont *)run->font));
        if (clustered)
            cairo_show_text_glyphs(cr, g->text + t0, nt, gl, ng, cl, nc,
                                   run->backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
        else
            cairo_show_glyphs(cr, gl, ng);
        if (run->deco)
            S_decorate(g, run, cr, base_x, base_y, g0, ng);
        cairo_restore(cr);
        if (gl != stack_glyphs)
            free(gl);
        if (cl != stack_clusters)
            free(cl);
    }
    if (had_point)
        cairo_move_to(cr, x0, y0);
    else
        cairo_new_path(cr);
}

void imp_glyphs_draw(const imp_glyphs *g, cairo_t *cr)
{
    imp_glyphs_draw_range(g, cr, 0, g ? g->len : 0);
}

const char *imp_glyphs_text(const imp_glyphs *g, size_t *len)
{
    *len = g ? (size_t)g->len : 0;
    return g ? g->text : NULL;
}

int imp_glyphs_hyphenated(const imp_glyphs *g)
{
    return g && g->hyphen;
}

double imp_glyphs_width(const imp_glyphs *g)
{
    return g ? g->width / (double)PANGO_SCALE : 0;
}
