/* xmlload.h: the one safe way impack reads XML (no network, no entities, limits). */
#ifndef IMP_XMLLOAD_H
#define IMP_XMLLOAD_H

#include <libxml/tree.h>

#include "diag.h"

/** Install impack's external-entity loader and error silencing; call once at
 * start. After this, libxml2 and libxslt can open only files under the
 * directory given to the current load (never the network). */
void imp_xml_init(void);

/** Release libxml2/libxslt global state (for leak checkers). */
void imp_xml_cleanup(void);

/**
 * Read and parse an XML file the user named.
 * - The file must be a regular, non-empty, readable file.
 * - A DOCTYPE is refused (packs never need one; it is how entity bombs and
 *   external DTDs get in). No network, no entity substitution.
 * - XInclude is processed, but only for files under root_dir (the
 *   directory of the named file when root_dir is NULL).
 * On failure returns NULL and appends one error naming the file (and line).
 * The caller frees the document with xmlFreeDoc.
 */
xmlDocPtr imp_xml_load(const char *path, const char *root_dir, imp_diags *d);

/** Parse XML held in memory (name is used in messages and as base URI). */
xmlDocPtr imp_xml_load_memory(const char *buf, size_t len, const char *name,
                              const char *root_dir, imp_diags *d);

/** Allow later reads by libxml2/libxslt (document(), XInclude) only under
 * dir (NULL: nothing). imp_xml_load sets this to its own root as it runs. */
void imp_xml_allow_root(const char *dir);

/** Allow reads under a second folder too, until the next imp_xml_allow_root. */
void imp_xml_allow_also(const char *dir);

/** True when a load may read path (it lies under an allowed folder). */
int imp_xml_allowed(const char *path);

/** Directory part of a path ("." for a bare name); caller frees. */
char *imp_xml_dirname(const char *path);

/** True when path (resolved) lies under dir (resolved). */
int imp_xml_path_under(const char *path, const char *dir);

/** Line of a node; for attributes and text, of the nearest element. */
long imp_xml_line(xmlNodePtr node);

#endif
