/* pdfpatch.h: the finished PDF patched where Cairo 1.16 falls short (render_pdf.c). */
#ifndef IMP_PDFPATCH_H
#define IMP_PDFPATCH_H

#include <glib.h>

#include "diag.h"

/** What the n-th structure element Cairo writes (in the order begun) also
 * needs: alternative text and a language, each NULL when none. */
typedef struct {
    const char *alt, *lang;
} imp_pdf_extra;

/**
 * The PDF Cairo wrote, patched: the catalog's /Lang (lang, may be NULL),
 * /Alt and /Lang on structure elements from extra (imp_pdf_extra, one per
 * element), the "D:" prefix on dates, and an image named once in a page's
 * resources. Returns the patched file (pdf itself, or a new array with pdf
 * freed). What cannot be patched is left as it is, with a warning in d.
 */
GByteArray *imp_pdf_patch(GByteArray *pdf, const char *lang, const GArray *extra, imp_diags *d);

#endif
