/* sch.h: impack's ISO Schematron engine (compile a .sch file, run it, SVRL). */
#ifndef IMP_SCH_H
#define IMP_SCH_H

#include <libxml/tree.h>

#include "diag.h"

/** A compiled schema; opaque. */
typedef struct imp_sch imp_sch;

/**
 * Load a subordinate document named by a pattern's @documents.
 * uri is already resolved against the base of the instance document;
 * ref is the node whose value named it (for the line of a message).
 * Returns a borrowed document (the loader keeps ownership) or NULL when it
 * cannot be read, in which case the loader has appended the diagnostic.
 */
typedef xmlDocPtr (*imp_sch_loader)(void *ud, const char *uri, xmlNodePtr ref,
                                    imp_diags *d);

/**
 * Compile the ISO Schematron schema at path (query binding xslt or xslt1,
 * or none). Includes (sch:include, sch:extends/@href) are read only from
 * under the schema's directory. On error returns NULL and appends
 * diagnostics pointing into the schema file.
 */
imp_sch *imp_sch_compile(const char *path, imp_diags *d);

/** Free a compiled schema (NULL is fine). */
void imp_sch_free(imp_sch *s);

/** Options for one run. Zero-initialise; every field is optional. */
typedef struct {
    const char *phase;     /**< phase id, "#ALL" or "#DEFAULT"; NULL = #DEFAULT */
    imp_sch_loader loader; /**< for pattern/@documents; NULL = built-in safe loader */
    void *loader_ud;
    xmlDocPtr *svrl;       /**< when non-NULL, receives an SVRL document (caller frees) */
} imp_sch_opts;

/**
 * Validate doc (whose URL is doc->URL). Each failed assert and each
 * successful report becomes one diagnostic: file = the document the node is
 * in, line of the node, severity from @role (error when absent), rule =
 * the assert's @id if it has one, else its pattern's @id; message = the
 * assertion text with value-of/name evaluated, white space folded.
 * Returns 0 when nothing fired, 1 when something fired, -1 on a schema or
 * run-time error (diagnostic appended).
 */
int imp_sch_validate(imp_sch *s, xmlDocPtr doc, const imp_sch_opts *opts,
                     imp_diags *d);

#endif
