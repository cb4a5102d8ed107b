/* check.h: `impack check`: structure (RELAX NG) then the guide's rules (Schematron). */
#ifndef IMP_CHECK_H
#define IMP_CHECK_H

#include <libxml/tree.h>

#include "diag.h"

/** The namespace of packs and portfolios. */
#define IMP_NS "urn:impack:microproject:1"

typedef struct imp_checker imp_checker;

/** True when doc's root element is <name> in impack's namespace. */
int imp_check_root_is(xmlDocPtr doc, const char *name);

/** Find impack's data folder (schemas/): $IMPACK_DATADIR, the folder of the
 * running binary (a source tree), ../share/impack beside it, or the
 * install prefix. Returns a borrowed string or NULL. */
const char *imp_check_datadir(void);

/** Compile the schemas found in datadir/schemas. NULL with diagnostics. */
imp_checker *imp_check_new(const char *datadir, imp_diags *d);

void imp_check_free(imp_checker *c);

/** Result of checking one file. */
typedef enum {
    IMP_CHECK_OK = 0,         /**< no errors (warnings maybe) */
    IMP_CHECK_INVALID = 1,    /**< errors found */
    IMP_CHECK_UNREADABLE = 2  /**< missing, unreadable, not well-formed, not ours */
} imp_check_status;

/** Check a pack or a portfolio (kind told by the root element). A
 * portfolio's packs are checked too, each against the pack rules, and
 * their diagnostics name the pack's file. */
imp_check_status imp_check_file(imp_checker *c, const char *path, imp_diags *d);

/** As imp_check_file, and when the file could be read (valid or not) hand
 * the parsed document to *keep (the caller frees it with xmlFreeDoc). */
imp_check_status imp_check_load(imp_checker *c, const char *path, imp_diags *d, xmlDocPtr *keep);

#endif
