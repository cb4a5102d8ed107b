/* floor.c: the bench's floor: a bare Pango/Cairo program that lays out the
 * same text as an FO file and draws it to a PDF, doing no FO work at all:
 * impack's render time is compared against it.
 *
 * What it does, and no more: each fo:block's text is one paragraph at the
 * body width of an A4 page with 51pt margins, justified, in DejaVu Sans at
 * the block's font-size (points) and font-weight (an attribute on it or an
 * ancestor; 10pt normal otherwise), at 72 dpi with unhinted metrics as
 * impack sets them. A page ends when the next line does not fit or a block
 * has break-before="page"; every page gets the text of the static-content
 * blocks (the running header and footer) with its page number, as printed
 * pages do. No indents, spaces, borders, tables, keeps or tagging. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <libxml/parser.h>
#include <pango/pangocairo.h>

#define W 595.28
#define H 841.89
#define MARGIN 51.0

typedef struct {
    cairo_t *cr;
    PangoLayout *lay;
    double y;
    int pages;
    GPtrArray *statics; /* xmlChar *: the static-content blocks' text */
} S_floor;

/* The nearest value of an attribute on n or an ancestor, or NULL (owned). */
static xmlChar *S_inherited(xmlNodePtr n, const char *name)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
        if (v)
            return v;
    }
    return NULL;
}

static void S_font(S_floor *F, xmlNodePtr n)
{
    xmlChar *size = S_inherited(n, "font-size"), *weight = S_inherited(n, "font-weight");
    double pt = size ? atof((const char *)size) : 10;
    PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans");
    pango_font_description_set_size(fd, (int)((pt > 0 ? pt : 10) * PANGO_SCALE));
    if (weight && !strcmp((const char *)weight, "bold"))
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(F->lay, fd);
    pango_font_description_free(fd);
    xmlFree(size);
    xmlFree(weight);
}

static void S_statics(S_floor *F);

/* Draw the layout's lines from *y down. block: the block whose text it is,
 * for page breaks between its lines; NULL for none. */
static void S_lines(S_floor *F, double *y, xmlNodePtr block)
{
    PangoLayoutIter *it = pango_layout_get_iter(F->lay);
    do {
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        double h = r.height / (double)PANGO_SCALE;
        if (block && *y + h > H - MARGIN) {
            cairo_show_page(F->cr);
            F->pages++;
            S_statics(F);
            S_font(F, block);
            *y = MARGIN;
        }
        cairo_move_to(F->cr, MARGIN, *y + (pango_layout_iter_get_baseline(it) - r.y) / (double)PANGO_SCALE);
        pango_cairo_show_layout_line(F->cr, pango_layout_iter_get_line_readonly(it));
        *y += h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

/* The running header and footer: each static-content block's text with the
 * page number, at the top and bottom margins. */
static void S_statics(S_floor *F)
{
    pango_layout_set_justify(F->lay, FALSE);
    for (guint i = 0; i < F->statics->len; i++) {
        char *text = g_strdup_printf("%s %d", (const char *)g_ptr_array_index(F->statics, i), F->pages);
        PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans 8");
        pango_layout_set_font_description(F->lay, fd);
        pango_font_description_free(fd);
        pango_layout_set_text(F->lay, text, -1);
        double y = i == 0 ? MARGIN / 2 : H - MARGIN / 2;
        S_lines(F, &y, NULL);
        g_free(text);
    }
    pango_layout_set_justify(F->lay, TRUE);
}

static void S_blocks(S_floor *F, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !strcmp((const char *)n->name, "static-content"))
            continue;
        if (strcmp((const char *)n->name, "block")) {
            S_blocks(F, n->children);
            continue;
        }
        xmlChar *brk = xmlGetProp(n, (const xmlChar *)"break-before");
        if (brk && !strcmp((const char *)brk, "page") && F->y > MARGIN) {
            cairo_show_page(F->cr);
            F->pages++;
            S_statics(F);
            F->y = MARGIN;
        }
        xmlFree(brk);
        xmlChar *t = xmlNodeGetContent(n);
        if (t && *t) {
            S_font(F, n);
            pango_layout_set_text(F->lay, (const char *)t, -1);
            S_lines(F, &F->y, n);
        }
        xmlFree(t);
    }
}

static void S_find_statics(S_floor *F, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)n->name, "static-content"))
            g_ptr_array_add(F->statics, xmlNodeGetContent(n));
        else
            S_find_statics(F, n->children);
        if (!strcmp((const char *)n->name, "static-content")) {
            /* one line: the source's line breaks are not the text's */
            xmlChar *t = g_ptr_array_index(F->statics, F->statics->len - 1);
            for (xmlChar *c = t; *c; c++)
                if (*c == '\n')
                    *c = ' ';
            g_strstrip((char *)t);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: floor IN.fo OUT.pdf\n");
        return 2;
    }
    xmlDocPtr doc = xmlReadFile(argv[1], NULL, XML_PARSE_NONET);
    if (!doc)
        return 2;
    cairo_surface_t *s = cairo_pdf_surface_create(argv[2], W, H);
    S_floor F = {cairo_create(s), NULL, MARGIN, 1, g_ptr_array_new_with_free_func(xmlFree)};
    PangoContext *ctx = pango_cairo_create_context(F.cr);
    pango_cairo_context_set_resolution(ctx, 72);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    F.lay = pango_layout_new(ctx);
    pango_layout_set_width(F.lay, (int)((W - 2 * MARGIN) * PANGO_SCALE));
    pango_layout_set_justify(F.lay, TRUE);
    S_find_statics(&F, xmlDocGetRootElement(doc));
    S_statics(&F);
    S_blocks(&F, xmlDocGetRootElement(doc));
    g_object_unref(F.lay);
    g_object_unref(ctx);
    cairo_destroy(F.cr);
    cairo_surface_destroy(s);
    g_ptr_array_free(F.statics, TRUE);
    xmlFreeDoc(doc);
    printf("%d\n", F.pages);
    return 0;
}
