/* explain.h: `impack explain` and `impack new`: texts kept as data in schemas/. */
#ifndef IMP_EXPLAIN_H
#define IMP_EXPLAIN_H

#include <stdio.h>

#include "diag.h"

/** Print the explanation of rule id from datadir/schemas/rules.xml, or the
 * list of all rules when id is NULL. Returns 0, or 1 when there is no such
 * rule (with a diagnostic suggesting the nearest ids), 2 if the catalogue
 * cannot be read. */
int imp_explain_rule(FILE *out, const char *datadir, const char *id, imp_diags *d);

/** Print a starter file: kind "pack" (type 1-4) or "portfolio" (type 0),
 * from datadir/schemas/new-<kind>.xml. Lines tagged [1234] are kept only
 * for the types listed; {TYPE} becomes the type. Returns 0 or 2. */
int imp_explain_starter(FILE *out, const char *datadir, const char *kind, int type,
                        imp_diags *d);

#endif
