/* build.h: the in-process pipelines behind the commands (FO → PDF now; XML → FO → PDF next). */
#ifndef IMP_BUILD_H
#define IMP_BUILD_H

#include <stdio.h>

#include "diag.h"

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

#endif
