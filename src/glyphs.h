/* glyphs.h: a laid-out line kept as its glyphs alone, drawn as Pango would draw it. */
#ifndef IMP_GLYPHS_H
#define IMP_GLYPHS_H

#include <stddef.h>

#include <cairo.h>
#include <pango/pango.h>

/*
 * A PangoLayoutLine keeps its whole PangoLayout alive (the paragraph's text,
 * attributes, per-character break data, items, glyph strings with room to
 * grow): about 1.4 KB for a ten-character table cell. The area tree holds
 * every line of the document until the PDF is drawn, so a line that Pango
 * draws as plain glyph runs is kept as just that: fonts, colours, glyph ids,
 * positions, clusters and the line's text (for the PDF's text layer).
 */
typedef struct imp_glyphs imp_glyphs;

/**
 * The glyphs of line as pango_cairo_show_layout_line(cr, line) would draw
 * them, or NULL when the line needs Pango's renderer: a run with underline,
 * overline, strikethrough, a background, a rise or shift, an inline object
 * (shape), a glyph its font lacks, or any attribute this module does not
 * know (so only lines it reproduces exactly are taken). Holds references to
 * the fonts and none to line or its layout. Free with imp_glyphs_free.
 */
imp_glyphs *imp_glyphs_new(PangoLayoutLine *line);

void imp_glyphs_free(imp_glyphs *g);

/** Draw at cr's current point (the baseline's start), with the same Cairo
 * calls pango_cairo_show_layout_line makes; the current point is kept. */
void imp_glyphs_draw(const imp_glyphs *g, cairo_t *cr);

/** Draw only the characters in [start, end) (bytes from the line's start;
 * whole clusters), where imp_glyphs_draw would put them. */
void imp_glyphs_draw_range(const imp_glyphs *g, cairo_t *cr, int start, int end);

/** The line's characters (not NUL-terminated); *len gets their length. */
const char *imp_glyphs_text(const imp_glyphs *g, size_t *len);

/** 1 when Pango added a hyphen at the end of the line. */
int imp_glyphs_hyphenated(const imp_glyphs *g);

/** The line's logical width (pango_layout_line_get_extents), in points. */
double imp_glyphs_width(const imp_glyphs *g);

#endif
