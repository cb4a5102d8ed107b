/* render.h: the area tree drawn: a tagged PDF through Cairo, or a text dump for tests. */
#ifndef IMP_RENDER_H
#define IMP_RENDER_H

#include <stdio.h>

#include <cairo.h>

#include "area.h"
#include "diag.h"

/**
 * Write the document as a PDF at path, atomically: it is written to a
 * temporary file in the same folder, synced, then renamed over path. On
 * any failure no file appears at path (an existing one is left alone), the
 * temporary is removed, an error is appended and -1 returned; 0 on success.
 * Warnings (unknown structure types, a language tag that cannot be
 * written) may be appended on success too.
 *
 * Pages are drawn at their own size; areas in tree order. The PDF is
 * tagged (a "Document" element holds the areas' structure elements; equal
 * struct_id continue one element across pages; "Artifact" areas stay out
 * of the structure tree), has links, named destinations, the outline, the
 * document information and, when ad->lang is set, the catalog /Lang.
 * Figure alt text and per-element languages are written as /Alt and /Lang.
 * With SOURCE_DATE_EPOCH set, the dates come from it and the same input
 * gives the same bytes.
 */
int imp_render_pdf(const imp_area_doc *ad, const char *path, imp_diags *d);

/**
 * The same PDF handed to write(closure, data, length) in pieces, for use
 * in-process. The whole file is built in memory first (the catalog and
 * structure elements are patched before anything is written), so write is
 * called only when rendering succeeded. Returns 0, or -1 with an error.
 */
int imp_render_pdf_stream(const imp_area_doc *ad, cairo_write_func_t write, void *closure,
                          imp_diags *d);

/**
 * A stable, human-readable dump of the area tree for tests: per page
 * "page N WxH", then one indented line per area with its kind, geometry
 * (points, one decimal), structure type (#struct_id when set), language
 * where it changes, alt text, and what it carries (a LINE's text, with
 * " hyphen" where Pango added one; a LINK's target; a DEST's name; a RULE's
 * style and thickness; an IMAGE's kind: raster, jpeg, svg).
 */
void imp_render_text(const imp_area_doc *ad, FILE *out);

#endif
