/* diag.h: diagnostics collected by every stage and printed only by main.c. */
#ifndef IMP_DIAG_H
#define IMP_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef enum {
    IMP_SEV_ERROR = 0,
    IMP_SEV_WARNING = 1,
    IMP_SEV_INFO = 2
} imp_severity;

/** One diagnostic. All strings are owned by the list that holds it. */
typedef struct {
    imp_severity sev;
    char *file; /**< file the problem is in (may be NULL) */
    long line;  /**< 1-based; 0 when unknown */
    long col;   /**< 1-based; 0 when unknown */
    char *rule; /**< stable rule id, or NULL */
    char *msg;  /**< plain-English message, one line */
} imp_diag;

/** A growable list of diagnostics; zero-initialise it, free with imp_diag_free. */
typedef struct {
    imp_diag *v;
    size_t n;
    size_t cap;
} imp_diags;

/** Append a diagnostic; strings are copied. Newlines in the message become spaces. */
void imp_diag_add(imp_diags *d, imp_severity sev, const char *file, long line,
                  long col, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/** Fold runs of white space to one space and trim, in place; returns s. */
char *imp_diag_fold(char *s);

/** Append every diagnostic of src to dst (copies). */
void imp_diag_append(imp_diags *dst, const imp_diags *src);

/** Free the strings and the array; the list is left empty and reusable. */
void imp_diag_free(imp_diags *d);

/** How many diagnostics of this severity. */
size_t imp_diag_count(const imp_diags *d, imp_severity sev);

/** Sort stably by file (first-seen order), then line, then column. */
void imp_diag_sort(imp_diags *d);

/** Where two diagnostics share file, line, rule and message, keep one, the
 * more severe (a pack's privacy warning is an error inside a portfolio). */
void imp_diag_dedupe(imp_diags *d);

/** Parse a severity word as used in Schematron @role ("error", "fatal",
 * "warning", "warn", "info", "information"); unknown or NULL is an error. */
imp_severity imp_diag_severity_from_role(const char *role);

const char *imp_diag_severity_name(imp_severity sev);

/** Print as `file:line:col: severity: message [rule]`, one per line. */
void imp_diag_print_text(FILE *out, const imp_diags *d);

/** Print as a JSON array of objects. */
void imp_diag_print_json(FILE *out, const imp_diags *d);

/** Levenshtein distance between two short names (99 when either is over 40
 * characters): for "did you mean" suggestions. */
size_t imp_edit_distance(const char *a, const char *b);

#endif
