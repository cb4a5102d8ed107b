/* xform.h: XSLT (libxslt + EXSLT) under impack's security rules: no file
 * writing, no directories made, no network, and reads only under the folders
 * allowed for the run. */
#ifndef IMP_XFORM_H
#define IMP_XFORM_H

#include <libxml/tree.h>

#include "diag.h"

typedef struct imp_xform imp_xform;

/**
 * Compile a stylesheet. name is a file the user named (its imports and
 * includes are read from its own folder), or "impack:NAME" for one of
 * impack's stylesheets in datadir/stylesheets. Any stylesheet may import
 * impack's own as href="impack:pack.xsl". Returns NULL with diagnostics.
 * Free with imp_xform_free.
 */
imp_xform *imp_xform_load(const char *name, const char *datadir, imp_diags *d);

void imp_xform_free(imp_xform *x);

/**
 * Run the stylesheet on doc (which stays the caller's). params is NULL or a
 * NULL-terminated list of name, value pairs; each value is a plain string.
 * document() reads only files under read_root. Returns the result (caller
 * frees with xmlFreeDoc), or NULL with diagnostics naming file (the input,
 * for messages).
 */
xmlDocPtr imp_xform_apply(imp_xform *x, xmlDocPtr doc, const char *const *params,
                          const char *read_root, const char *file, imp_diags *d);

#endif
