/* layout.h: XSL-FO tree → area tree (lines, blocks, pages), measured with Pango. */
#ifndef IMP_LAYOUT_H
#define IMP_LAYOUT_H

#include "area.h"
#include "diag.h"
#include "fo.h"

typedef struct {
    const char *resource_dir; /**< images load only from under this folder */
    const char *fo_file;      /**< for messages */
    const char *named_file;   /**< one more image the user named (a logo), read
                                   wherever it is; NULL for none */
} imp_layout_opts;

/**
 * Lay out the document. Content that cannot fit (a keep that cannot be
 * honoured, a box taller than the page, a word wider than its column) is
 * placed anyway with a warning; unsupported features are warnings.
 * Returns NULL with an error only when no page can be made (no
 * page-sequence, an unknown master). Caller frees with imp_area_doc_free.
 */
imp_area_doc *imp_layout_run(imp_fo_doc *fd, const imp_layout_opts *o, imp_diags *d);

#endif
