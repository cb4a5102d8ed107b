/* image.h: external graphics (PNG, JPEG, SVG, GIF and other gdk-pixbuf formats) read for drawing. */
#ifndef IMP_IMAGE_H
#define IMP_IMAGE_H

#include "area.h"
#include "diag.h"

/** Largest image file read, and largest raster decoded (pixels), so a
 * hostile file cannot exhaust memory. */
#define IMP_IMAGE_MAX_FILE (64L * 1024 * 1024)
#define IMP_IMAGE_MAX_PIXELS (40L * 1000 * 1000)

/**
 * Read the image at path. The type is found from the content (magic
 * bytes), never from the name:
 * - PNG through Cairo; JPEG, GIF and anything else gdk-pixbuf reads are
 *   decoded to a Cairo image surface. A JPEG also keeps its original bytes,
 *   attached to the surface as CAIRO_MIME_TYPE_JPEG so PDF embeds it as is.
 * - SVG through librsvg, from memory with no base file, so it can reach
 *   neither the network nor other files.
 * Intrinsic size: SVG 1px = 0.75pt (96 dpi); PNG and JPEG at their stored
 * resolution (pHYs, JFIF density) when they have one, else 96 dpi.
 * On failure returns NULL and appends one warning naming the image, the
 * FO file and line. The caller owns one reference: imp_image_unref.
 */
imp_image *imp_image_load(const char *path, imp_diags *d, const char *fo_file, long line);

/** An SVG image from n bytes of its markup (fo:instream-foreign-object), as
 * imp_image_load reads one from a file. */
imp_image *imp_image_load_svg_memory(const char *svg, size_t n, imp_diags *d, const char *fo_file,
                                     long line);

#endif
