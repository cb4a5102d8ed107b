/* area.h: the area tree layout produces and the renderers (PDF, text) draw. */
#ifndef IMP_AREA_H
#define IMP_AREA_H

#include <pango/pango.h>

#include "fo.h"
#include "glyphs.h"

/*
 * Coordinates are points, origin at the page's top-left corner, y growing
 * downwards (as Cairo draws). Every area is positioned absolutely on its
 * page, so a renderer never adds offsets.
 */
typedef enum {
    IMP_AREA_PAGE,  /**< one page: w, h */
    IMP_AREA_BOX,   /**< a rectangle: background, borders, clip; a structure element */
    IMP_AREA_LINE,  /**< a line of text: a PangoLayoutLine drawn at (x, baseline) */
    IMP_AREA_RULE,  /**< a straight line: leaders of pattern rule, text decorations */
    IMP_AREA_IMAGE, /**< an external graphic */
    IMP_AREA_LINK,  /**< a link annotation over a rectangle */
    IMP_AREA_DEST   /**< a named destination (an FO id) at (x, y) */
} imp_area_kind;

typedef struct imp_area imp_area;

enum { IMP_GRID_NONE = 0, IMP_GRID_TABLE, IMP_GRID_CELL };

/** The image data an IMAGE area draws. */
typedef struct imp_image imp_image;

struct imp_area {
    imp_area_kind kind;
    int struct_id;          /**< the same structure element continued across pages:
                                 areas with equal non-zero struct_id are one element */
    imp_area *parent, *first, *last, *next;
    double x, y, w, h;      /**< the area's rectangle (for LINE: its line box) */
    const imp_fo *fo;       /**< the FO it came from (for messages), may be NULL */

    /* structure (BOX, LINE, IMAGE, LINK): the tagged-PDF element this area is
     * part of. A BOX with struct_type opens a structure element that its
     * children belong to; NULL means "no element of its own". */
    const char *struct_type; /**< "Document", "Part", "H1".."H6", "P", "L", "LI", "Lbl",
                                  "LBody", "Table", "THead", "TBody", "TFoot", "TR", "TH",
                                  "TD", "Figure", "Link", "Artifact" (running heads) */
    const char *alt;        /**< alternative text (Figure), borrowed from the FO props */
    const char *lang;       /**< language of this element when it differs, borrowed */
    int unpainted;          /**< a BOX made by imp_area_new_box with nothing to paint:
                                 it has no background and borders (not even allocated) */
    short rotate;           /**< BOX: 90, 180 or 270: its children are laid out in a frame
                                 turned that far anticlockwise (reference-orientation),
                                 whose content rectangle on the page clip_x, clip_y,
                                 clip_w, clip_h give; the renderer turns them */
    unsigned char grid;     /**< IMP_GRID_TABLE: the box of a table in the collapsing border
                                 model; IMP_GRID_CELL: one of its cells, whose solid borders
                                 the renderer may draw with the table's other grid lines */

    /* What one kind carries. imp_area_new allocates an area only as large as
     * its kind needs (a long document has tens of thousands of areas), so
     * read and write only the fields of the area's own kind. */
    union {
        struct { /* BOX and PAGE */
            int clip;               /**< clip children to the padding rectangle */
            double clip_x, clip_y, clip_w, clip_h;
            imp_color background;   /**< a == 0: none (not there when unpainted) */
            imp_border border[4];   /**< drawn on the rectangle's edges (before, after, start,
                                         end; not there when unpainted) */
            unsigned char centred;  /**< sides (bit 1 << IMP_BEFORE...) whose border is centred
                                         on the edge, half outside (a cell edge a collapsing
                                         table shares); the others are drawn inside */
            unsigned char hidden;   /**< sides not drawn here: a neighbour cell draws them */
            imp_image *bg_image;    /**< background-image (a reference), or NULL */
            unsigned char bg_repeat; /**< imp_props' background_repeat */
            imp_len bg_pos[2];      /**< background-position-horizontal and -vertical */
        };
        struct { /* LINE: drawn at (x, baseline), from glyphs when set, else with
                  * pango_cairo_show_layout_line(cr, line) */
            imp_glyphs *glyphs;     /**< owned; the line without its layout (glyphs.h) */
            PangoLayoutLine *line;  /**< owned reference (pango_layout_line_ref), or NULL */
            PangoLayout *layout;    /**< owned reference (g_object_ref) to the line's layout: a
                                         line does not keep its layout alive on its own */
            double baseline;
        };
        struct { /* RULE: from (x, y) to (x + w, y + h) — horizontal rules have h == 0 */
            double thickness;
            imp_border_style style;
            imp_color color;
            double period;          /**< dotted: the distance between dots, 0 the default */
            int aligned;            /**< dotted: dots on a grid from the page's left edge, so
                                         the dots of leaders on several lines line up */
        };
        imp_image *image;           /**< IMAGE, drawn scaled into the rectangle: shared,
                                         reference counted */
        struct { /* LINK: rectangle x, y, w, h; one of the two is set */
            char *uri;              /**< external destination (owned) */
            char *dest;             /**< internal destination: an FO id (owned) */
            const imp_area *of_line; /**< the LINE whose characters text_start..text_end
                                          (bytes) are the link's text, or NULL */
            int text_start, text_end;
        };
        char *name;                 /**< DEST: the named destination (owned), at (x, y) */
    };
};

/** An outline (bookmark) entry; children nest. */
typedef struct imp_outline imp_outline;
struct imp_outline {
    char *title;      /**< owned */
    char *dest;       /**< FO id it points to (owned), or NULL */
    char *uri;        /**< external destination (owned), or NULL */
    int open;         /**< starting-state="show" */
    imp_outline *first, *next;
};

/** The laid-out document. */
typedef struct {
    imp_area *first_page, *last_page; /**< PAGE areas, linked by next */
    int npages;
    imp_outline *outline;             /**< top-level entries, linked by next */
    char *title, *author, *subject, *keywords, *lang; /**< owned; may be NULL */
} imp_area_doc;

/** New area of a kind, appended to parent (NULL: unattached). Zeroed, and
 * only as large as the kind needs (see the union in imp_area). */
imp_area *imp_area_new(imp_area_kind kind, imp_area *parent);

/** Make a (an area no longer in any list) the last child of parent. */
void imp_area_append(imp_area *parent, imp_area *a);

/** A new BOX under parent with this background and these borders (both may
 * be NULL). When they draw nothing, the box is made without them (most boxes:
 * a third of the size) and unpainted is set. */
imp_area *imp_area_new_box(imp_area *parent, const imp_color *bg, const imp_border border[4]);

/** The same with a background image (img may be NULL; it takes a reference)
 * repeated and placed as background-repeat and background-position say. */
imp_area *imp_area_new_box_image(imp_area *parent, const imp_color *bg, const imp_border border[4],
                                 imp_image *img, int repeat, const imp_len pos[2]);

/** A LINE's characters (not NUL-terminated, *len bytes), or NULL. */
const char *imp_area_line_text(const imp_area *a, size_t *len);
/** 1 when Pango hyphenated a LINE at its end. */
int imp_area_line_hyphenated(const imp_area *a);
/** A LINE's glyph width (its logical extent), in points. */
double imp_area_line_width(const imp_area *a);

/** Move a and everything under it by dx, dy. */
void imp_area_move(imp_area *a, double dx, double dy);

/** Free an area that is attached to nothing, with everything under it. */
void imp_area_free(imp_area *a);

/** Free a document's pages, outline and strings. */
void imp_area_doc_free(imp_area_doc *ad);

/** Image data: a decoded surface (PNG, JPEG via gdk-pixbuf) or a vector
 * image (SVG, via librsvg), with the original bytes for JPEG pass-through. */
struct imp_image {
    int refs;
    double width, height;    /**< intrinsic size in points */
    void *surface;           /**< cairo_surface_t * for raster images, or NULL */
    void *svg;               /**< RsvgHandle * for SVG, or NULL */
    unsigned char *jpeg;     /**< original JPEG bytes, or NULL: borrowed from the surface,
                                  which owns them as its CAIRO_MIME_TYPE_JPEG data */
    size_t jpeg_len;
};

void imp_image_unref(imp_image *img);

#endif
