/* build.h: the in-process pipelines behind the printing commands:
 * FO → PDF (render), and pack or portfolio → checked → FO → PDF (build). */
#ifndef IMP_BUILD_H
#define IMP_BUILD_H

#include <stdio.h>

#include "diag.h"
#include "docs.h"

typedef struct {
    const char *resources; /**< images are read only from under this folder
                                (default: the input's folder) */
    FILE *dump;            /**< when set, the area tree is also written here as text */
} imp_build_opts;

/**
 * Render an XSL-FO file to a PDF, written atomically (nothing is left at
 * out when it fails). Returns 0 when a PDF was written (warnings maybe),
 * 2 when none could be made (the diagnostics say why).
 */
int imp_build_render(const char *in, const char *out, const imp_build_opts *o, imp_diags *d);

/**
 * Check a pack or portfolio, transform it and render the PDF, in one
 * process with no temporary files; the PDF is written atomically. Returns
 * 0 when it was written, 1 when the input has errors (nothing written
 * unless docs->draft), 2 when it cannot be read or nothing could be made.
 * *written says whether the PDF was written.
 */
int imp_build_pdf(const char *in, const char *out, const imp_docs_opts *docs,
                  const imp_build_opts *o, int *written, imp_diags *d);

#endif
