/* floor.c: the bench's floor: a bare Pango/Cairo program that lays out the same
 * text as an FO file (each fo:block's text as one paragraph, at the body
 * width, 10pt DejaVu Sans, simple page breaks) and draws it to a PDF. It does
 * no FO work at all: impack's render time is compared against it. */
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <libxml/parser.h>
#include <pango/pangocairo.h>

#define W 595.28
#define H 841.89
#define MARGIN 51.0

static int S_blocks(xmlNodePtr n, PangoLayout *lay, cairo_t *cr, double *y, int pages)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)n->name, "block")) {
            xmlChar *t = xmlNodeGetContent(n);
            if (t && *t) {
                pango_layout_set_text(lay, (const char *)t, -1);
                PangoLayoutIter *it = pango_layout_get_iter(lay);
                do {
                    PangoRectangle r;
                    pango_layout_iter_get_line_extents(it, NULL, &r);
                    double h = r.height / (double)PANGO_SCALE;
                    if (*y + h > H - MARGIN) {
                        cairo_show_page(cr);
                        pages++;
                        *y = MARGIN;
                    }
                    cairo_move_to(cr, MARGIN, *y + pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE -
                                                  r.y / (double)PANGO_SCALE);
                    pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
                    *y += h;
                } while (pango_layout_iter_next_line(it));
                pango_layout_iter_free(it);
            }
            xmlFree(t);
            continue;
        }
        pages = S_blocks(n->children, lay, cr, y, pages);
    }
    return pages;
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
    cairo_t *cr = cairo_create(s);
    PangoLayout *lay = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans 10");
    pango_layout_set_font_description(lay, fd);
    pango_layout_set_width(lay, (int)((W - 2 * MARGIN) * PANGO_SCALE));
    pango_layout_set_justify(lay, TRUE);
    double y = MARGIN;
    int pages = S_blocks(xmlDocGetRootElement(doc), lay, cr, &y, 1);
    pango_font_description_free(fd);
    g_object_unref(lay);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    xmlFreeDoc(doc);
    printf("%d\n", pages);
    return 0;
}
