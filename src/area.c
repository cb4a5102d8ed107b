/* area.c: making and freeing the area tree, and the image references it holds. */
#include "area.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <glib-object.h>

/* The bytes an area of a kind needs: the common part and its own fields. */
static size_t S_size(imp_area_kind kind)
{
    switch (kind) {
    case IMP_AREA_LINE:
        return offsetof(imp_area, baseline) + sizeof(double);
    case IMP_AREA_RULE:
        return offsetof(imp_area, aligned) + sizeof(int);
    case IMP_AREA_IMAGE:
        return offsetof(imp_area, image) + sizeof(imp_image *);
    case IMP_AREA_LINK:
        return offsetof(imp_area, text_end) + sizeof(int);
    case IMP_AREA_DEST:
        return offsetof(imp_area, name) + sizeof(char *);
    default: /* BOX, PAGE */
        return sizeof(imp_area);
    }
}

void imp_area_append(imp_area *parent, imp_area *a)
{
    a->parent = parent;
    a->next = NULL;
    if (parent->last)
        parent->last->next = a;
    else
        parent->first = a;
    parent->last = a;
}

static imp_area *S_new(imp_area_kind kind, imp_area *parent, size_t size)
{
    imp_area *a = calloc(1, size);
    if (!a)
        return NULL;
    a->kind = kind;
    if (parent)
        imp_area_append(parent, a);
    return a;
}

imp_area *imp_area_new(imp_area_kind kind, imp_area *parent)
{
    return S_new(kind, parent, S_size(kind));
}

imp_area *imp_area_new_box(imp_area *parent, const imp_color *bg, const imp_border border[4])
{
    return imp_area_new_box_image(parent, bg, border, NULL, 0, NULL);
}

imp_area *imp_area_new_box_image(imp_area *parent, const imp_color *bg, const imp_border border[4],
                                 imp_image *img, int repeat, const imp_len pos[2])
{
    int paint = (bg && bg->a > 0) || img;
    for (int s = 0; s < 4 && border && !paint; s++)
        paint = border[s].width > 0 && border[s].style != IMP_BS_NONE &&
                border[s].style != IMP_BS_HIDDEN;
    imp_area *a = S_new(IMP_AREA_BOX, parent,
                        paint ? sizeof(imp_area) : offsetof(imp_area, clip_h) + sizeof(double));
    if (!a)
        return NULL;
    if (!paint) {
        a->unpainted = 1;
        return a;
    }
    if (bg)
        a->background = *bg;
    for (int s = 0; s < 4 && border; s++)
        a->border[s] = border[s];
    if (img) {
        a->bg_image = img;
        img->refs++;
        a->bg_repeat = (unsigned char)repeat;
        a->bg_pos[0] = pos ? pos[0] : (imp_len){IMP_LEN_PCT, 0};
        a->bg_pos[1] = pos ? pos[1] : (imp_len){IMP_LEN_PCT, 0};
    }
    return a;
}

void imp_area_move(imp_area *a, double dx, double dy)
{
    a->x += dx;
    a->y += dy;
    if (a->kind == IMP_AREA_BOX || a->kind == IMP_AREA_PAGE) {
        a->clip_x += dx;
        a->clip_y += dy;
    } else if (a->kind == IMP_AREA_LINE) {
        a->baseline += dy;
    }
    for (imp_area *c = a->first; c; c = c->next)
        imp_area_move(c, dx, dy);
}

/* Siblings are walked in a loop, so only the tree's depth recurses. */
static void S_free_areas(imp_area *a)
{
    while (a) {
        imp_area *next = a->next;
        S_free_areas(a->first);
        switch (a->kind) {
        case IMP_AREA_LINE:
            imp_glyphs_free(a->glyphs);
            if (a->line)
                pango_layout_line_unref(a->line);
            if (a->layout)
                g_object_unref(a->layout);
            break;
        case IMP_AREA_IMAGE:
            if (a->image)
                imp_image_unref(a->image);
            break;
        case IMP_AREA_LINK:
            free(a->uri);
            free(a->dest);
            break;
        case IMP_AREA_DEST:
            free(a->name);
            break;
        case IMP_AREA_BOX:
        case IMP_AREA_PAGE:
            if (!a->unpainted && a->bg_image)
                imp_image_unref(a->bg_image);
            break;
        default:
            break;
        }
        free(a);
        a = next;
    }
}

const char *imp_area_line_text(const imp_area *a, size_t *len)
{
    *len = 0;
    if (a->kind != IMP_AREA_LINE)
        return NULL;
    if (a->glyphs)
        return imp_glyphs_text(a->glyphs, len);
    PangoLayout *lay = a->line && a->line->layout ? a->line->layout : a->layout;
    const char *text = lay ? pango_layout_get_text(lay) : NULL;
    if (!text || a->line->start_index < 0 || a->line->length < 0 ||
        (size_t)a->line->start_index + (size_t)a->line->length > strlen(text))
        return NULL;
    *len = (size_t)a->line->length;
    return text + a->line->start_index;
}

int imp_area_line_hyphenated(const imp_area *a)
{
    if (a->kind != IMP_AREA_LINE)
        return 0;
    if (a->glyphs)
        return imp_glyphs_hyphenated(a->glyphs);
    for (GSList *r = a->line ? a->line->runs : NULL; r; r = r->next) {
        const PangoGlyphItem *run = r->data;
        if (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN)
            return 1;
    }
    return 0;
}

double imp_area_line_width(const imp_area *a)
{
    if (a->kind != IMP_AREA_LINE)
        return 0;
    if (a->glyphs)
        return imp_glyphs_width(a->glyphs);
    if (!a->line)
        return 0;
    /* the advances as they are now (Pango's cached extents predate justification) */
    int w = 0;
    for (GSList *l = a->line->runs; l; l = l->next)
        w += pango_glyph_string_get_width(((PangoGlyphItem *)l->data)->glyphs);
    return w / (double)PANGO_SCALE;
}

void imp_area_free(imp_area *a)
{
    if (!a)
        return;
    S_free_areas(a->first);
    a->first = NULL;
    a->next = NULL; /* only a itself */
    S_free_areas(a);
}

static void S_free_outline(imp_outline *o)
{
    while (o) {
        imp_outline *next = o->next;
        S_free_outline(o->first);
        free(o->title);
        free(o->dest);
        free(o->uri);
        free(o);
        o = next;
    }
}

void imp_area_doc_free(imp_area_doc *ad)
{
    if (!ad)
        return;
    S_free_areas(ad->first_page);
    S_free_outline(ad->outline);
    free(ad->title);
    free(ad->author);
    free(ad->subject);
    free(ad->keywords);
    free(ad->lang);
    free(ad);
}

void imp_image_unref(imp_image *img)
{
    if (!img || --img->refs > 0)
        return;
    /* the surface owns the JPEG bytes (as its mime data): img->jpeg goes with it */
    if (img->surface)
        cairo_surface_destroy(img->surface);
    if (img->svg)
        g_object_unref(img->svg);
    free(img);
}
