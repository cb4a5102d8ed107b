/* schfn.h: XPath extension functions in impack's namespace (privacy checks). */
#ifndef IMP_SCHFN_H
#define IMP_SCHFN_H

#include <libxml/xpath.h>

/** impack's function namespace, as declared in schemas with sch:ns. */
#define IMP_FN_NS "urn:impack:functions"

/** Register every impack function on ctx under IMP_FN_NS. */
void imp_schfn_register(xmlXPathContextPtr ctx);

/* The checks themselves, exported for unit tests. Each returns 1 when the
 * text contains such an identifier, 0 when not. */
int imp_schfn_has_email(const char *text);
int imp_schfn_has_phone(const char *text);
int imp_schfn_has_postcode(const char *text);
int imp_schfn_has_nhs_number(const char *text);
int imp_schfn_has_dob(const char *text);
/** 1 if the 10 digits (spaces/dashes ignored) pass the NHS modulus 11 check. */
int imp_schfn_nhs_valid(const char *digits);
/** 1 if name (case-insensitive, whole words) appears in text. */
int imp_schfn_contains_name(const char *text, const char *name);

#endif
