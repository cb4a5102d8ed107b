/* docs.h: the documents impack prints from a pack or a portfolio: which
 * stylesheet and parameters, XML → checked → XSL-FO, and the files a printed
 * document depends on (for make). No Pango or Cairo here: `impack fo` and
 * `impack deps` run without them. */
#ifndef IMP_DOCS_H
#define IMP_DOCS_H

#include <stdio.h>

#include <libxml/tree.h>

#include "diag.h"

typedef enum {
    IMP_DOC_AUTO = 0,  /**< the pack, or the portfolio: told by the root element */
    IMP_DOC_PACK,      /**< the full Microproject pack */
    IMP_DOC_CLOSURE,   /**< the closure checklist on its own */
    IMP_DOC_PORTFOLIO, /**< the certification portfolio */
    IMP_DOC_BLANK      /**< a blank pack of blank_type (no input file) */
} imp_doc_kind;

typedef struct {
    const char *datadir;       /**< impack's data folder (schemas/, stylesheets/) */
    imp_doc_kind kind;
    int blank_type;            /**< IMP_DOC_BLANK: the type, 1 to 4 */
    const char *xsl;           /**< the user's own stylesheet, or NULL for impack's */
    const char *const *params; /**< "name=value" strings, NULL-terminated, or NULL */
    int draft;                 /**< make FO from invalid input, marked DRAFT */
} imp_docs_opts;

/**
 * Check the input, then transform it to XSL-FO. Returns 0 with *fo set
 * (the caller frees it); 1 when the input has errors (diagnostics added,
 * *fo NULL unless draft); 2 when it cannot be read or the options are wrong.
 * *logo, when set, is the logo file the user named (the caller frees it):
 * the renderer may read it even outside the input's folder.
 */
int imp_docs_fo(const char *in, const imp_docs_opts *o, xmlDocPtr *fo, char **logo,
                imp_diags *d);

/** Write an FO document (as the stylesheet's xsl:output says) to out. */
int imp_docs_save(xmlDocPtr fo, FILE *out);

/**
 * Print make rules for each input: a pack gives OUTDIR/NAME.pdf and
 * OUTDIR/NAME-closure.pdf, a portfolio OUTDIR/NAME.pdf depending on every
 * pack it counts (and an empty rule per pack, as gcc -MP does). Each file
 * is also added to IMPACK_PACKS or IMPACK_PORTFOLIOS, and all of them to
 * IMPACK_DEP_SOURCES. A file that cannot be read gets a pack's rules (its
 * build then says what is wrong); XML of another kind is left out with a
 * warning. Returns 0.
 */
int imp_docs_deps(char *const *in, int n, const char *outdir, FILE *out, imp_diags *d);

#endif
