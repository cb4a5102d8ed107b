/* rng.h: RELAX NG validation with messages rewritten for people. */
#ifndef IMP_RNG_H
#define IMP_RNG_H

#include <libxml/tree.h>

#include "diag.h"

typedef struct imp_rng imp_rng;

/** Compile the RELAX NG schema at path (XML syntax). NULL with a diagnostic
 * on failure. The schema is also read into a table of element names,
 * attributes and allowed values, used to explain errors in plain words. */
imp_rng *imp_rng_compile(const char *path, imp_diags *d);

void imp_rng_free(imp_rng *r);

/** Validate doc; append one plain-English error per problem (file is
 * doc->URL). Returns 0 if valid, 1 if not. */
int imp_rng_validate(imp_rng *r, xmlDocPtr doc, imp_diags *d);

#endif
