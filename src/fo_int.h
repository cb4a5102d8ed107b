/* fo_int.h: private interfaces of the FO front end (fo.c tree, props*.c properties, fo_expr.c values). */
#ifndef IMP_FO_INT_H
#define IMP_FO_INT_H

#include <stddef.h>

#include "fo.h"

/* ---- the per-document pool: one arena for nodes and strings ------------- */

typedef struct imp_fo_chunk imp_fo_chunk;

/** A set of NUL-terminated strings kept in the pool (open addressing). */
typedef struct {
    const char **v;
    size_t cap, n;
} imp_fo_strset;

typedef struct {
    imp_fo_chunk *chunks;
    char *cur;
    size_t left;
    int failed;            /**< an allocation failed: the build reports it once */
    imp_fo_strset interned; /**< shared copies of repeated strings (font families, langs) */
    struct {                /**< shared copies of equal computed properties */
        const imp_props **v;
        size_t cap, n;
    } props;
} imp_fo_pool;

/** Memory from the pool (not zeroed), or NULL (then pool->failed is set). */
void *imp_fo_pool_alloc(imp_fo_pool *p, size_t n);
/** A NUL-terminated copy of s[0..n) in the pool, or NULL. */
char *imp_fo_pool_strndup(imp_fo_pool *p, const char *s, size_t n);
/** The pool's one copy of s[0..n): equal strings share storage. */
char *imp_fo_pool_intern(imp_fo_pool *p, const char *s, size_t n);
/** The pool's one copy of the computed properties *v (compared byte for
 * byte, so equal values with different padding or string copies merely stay
 * apart), or NULL when out of memory. */
const imp_props *imp_fo_pool_props(imp_fo_pool *p, const imp_props *v);
/** Add s to a set (copying it into the pool); 1 when it was not there yet. */
int imp_fo_strset_add(imp_fo_strset *set, imp_fo_pool *p, const char *s);
void imp_fo_pool_free(imp_fo_pool *p);

/* ---- the build context ---------------------------------------------------- */

typedef struct {
    imp_diags *d;
    const char *file;      /**< doc->URL, for diagnostics */
    imp_fo_pool *pool;
    imp_fo_strset once;    /**< keys of warnings given once per document */
    imp_props init;        /**< the initial values: what the root inherits */
} imp_fo_ctx;

/** Append a warning (file = the document) with a stable rule id. */
void imp_fo_warn(imp_fo_ctx *c, long line, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/** 1 the first time key is seen in this document (for warn-once messages). */
int imp_fo_once(imp_fo_ctx *c, const char *key);
/** For problems worth a few reports but not thousands: 1 (report), 2 (report
 * and say that later ones are not), then 0, per key and document. */
int imp_fo_limited(imp_fo_ctx *c, const char *key);

/* ---- values and the expression evaluator (fo_expr.c) --------------------- */

/** A numeric value of XSL 5.9: a number (dim 0) or a length (dim 1) kept as
 * points + percent + proportional-column-width units, so that "50% + 2pt"
 * survives until layout knows what the percentage is of. */
typedef struct {
    double v;    /**< the number, or the absolute part in points */
    double pct;  /**< percent part (50 = 50%) */
    double pcol; /**< proportional-column-width() units */
    int dim;     /**< 0 number, 1 length (2: length × length, inside an expression only) */
} imp_fo_val;

/** What an expression may refer to while one property of one FO is computed. */
typedef struct {
    double em;                    /**< font size that 1em stands for */
    const imp_props *parent;      /**< the parent's computed values (never NULL) */
    const imp_props *list_block;  /**< nearest ancestor fo:list-block, or NULL */
    const char *prop;             /**< property being computed (from-parent() etc.) */
    int used_body_start;          /**< out: body-start() was called */
    int used_label_end;           /**< out: label-end() was called */
    int bare_number;              /**< out: a non-zero unitless number was read */
} imp_fo_ectx;

/** Evaluate an XSL expression ("2em + 3pt", "(12pt * 1.5)", "-1pc",
 * "proportional-column-width(2)", "inherited-property-value(font-size)").
 * Returns 0, or -1 when it is not a valid numeric expression. */
int imp_fo_eval(const char *s, imp_fo_ectx *e, imp_fo_val *out);

/** Read a colour; 0 ok, -1 invalid, -2 system-color() (not supported). */
int imp_fo_color(const char *s, imp_color *out);

/** The computed value of a numeric property by name, for
 * inherited-property-value() and from-parent(); -1 when impack cannot say. */
int imp_fo_prop_value(const imp_props *p, const char *name, imp_fo_val *out);

/* ---- properties (props.c: order and inheritance; props_set.c: values) ------ */

/** Properties impack computes (each handled in props_set.c); the table in
 * props.c maps every XSL 1.1 property name to one of these, P_IGNORED or
 * P_SILENT. */
typedef enum {
    P_IGNORED = 0, P_SILENT,
    P_FONT, P_FONT_FAMILY, P_FONT_SIZE, P_FONT_WEIGHT, P_LINE_HEIGHT,
    P_COLOR, P_BACKGROUND_COLOR, P_BACKGROUND,
    P_ENUM,         /* arg: index of an enumeration (props_set.c) */
    P_INT,          /* arg: offset of an int field (>= 1) */
    P_STRING,       /* arg: offset of a char * field */
    P_URI,          /* arg: offset of a char * field; url(...) unwrapped */
    P_LENGTH,       /* arg: offset of a double field (no percentages) */
    P_LENPCT,       /* arg: offset of an imp_len field (percentages kept) */
    P_BG_POS,       /* arg 0 background-position-horizontal, 1 -vertical, 2 background-position */
    P_OFFSET,       /* arg: offset of an imp_len field: auto, or a length or percentage
                       that may be negative (top, bottom, left, right) */
    P_TEXT_INDENT, P_LAST_LINE_END_INDENT, P_INDENT /* arg IMP_START/IMP_END */,
    P_LANGUAGE, P_COUNTRY, P_WHITE_SPACE, P_SPACING /* arg 0 letter, 1 word */,
    P_TEXT_DECORATION, P_BORDER_SEPARATION,
    P_LEADER_LENGTH, P_SPACE /* arg side */, P_PADDING_ALL, P_PADDING_SIDE /* arg side code */,
    P_MARGIN_ALL, P_MARGIN_SIDE /* arg side code */,
    P_BORDER_ALL /* arg 0 all, 1 width, 2 style, 3 color */, P_BORDER_SIDE /* arg side code */,
    P_BORDER_PART /* arg side code * 4 + part */,
    P_WIDTH /* arg 0 width, 1 height */, P_IPD, P_BPD, P_CONTENT_DIM /* arg 0 w, 1 h */,
    P_BREAK /* arg 0 before, 1 after */, P_PAGE_BREAK /* arg 0 before, 1 after, 2 inside */,
    P_KEEP /* arg 0 together, 1 with-next, 2 with-previous */,
    P_PAGE_DIM /* arg 0 width, 1 height */, P_SIZE, P_INITIAL_PAGE_NUMBER,
    P_MAXIMUM_REPEATS, P_COLUMN_WIDTH, P_BASELINE_SHIFT, P_VERTICAL_ALIGN,
    P_REFERENCE_ORIENTATION, P_WRITING_MODE, P_COLUMN_COUNT, P_CHARACTER
} imp_fo_pid;

/** Enumerated properties (P_ENUM's arg): see S_enums in props_set.c. */
enum {
    E_FONT_STYLE, E_FONT_VARIANT, E_TEXT_ALIGN, E_TEXT_ALIGN_LAST, E_HYPHENATE,
    E_WHITE_SPACE_COLLAPSE, E_LINEFEED, E_WHITE_SPACE_TREATMENT, E_WRAP_OPTION,
    E_BORDER_COLLAPSE, E_LEADER_PATTERN, E_RULE_STYLE, E_VISIBILITY, E_DISPLAY_ALIGN,
    E_OVERFLOW, E_SCALING, E_FORCE_PAGE_COUNT, E_PAGE_POSITION, E_ODD_OR_EVEN,
    E_BLANK_OR_NOT_BLANK, E_TABLE_LAYOUT, E_RETRIEVE_POSITION, E_RETRIEVE_BOUNDARY,
    E_STARTING_STATE, E_PRECEDENCE, E_STARTS_ROW, E_ENDS_ROW, E_OMIT_HEADER, E_OMIT_FOOTER,
    E_LEADER_ALIGNMENT, E_SPAN, E_TEXT_TRANSFORM, E_ABSOLUTE_POSITION, E_BG_REPEAT, E_FLOAT, E_COUNT
};

/** One property name. Side codes: 0 top, 1 bottom, 2 left, 3 right (absolute),
 * 4 before, 5 after, 6 start, 7 end; code & 3 is the IMP_BEFORE... index in lr-tb. */
typedef struct {
    const char *name;
    unsigned char id;     /**< imp_fo_pid */
    unsigned char rank;   /**< order of processing (XSL 5.2: shorthands first) */
    unsigned char flags;  /**< IMP_PF_* */
    unsigned short arg;
} imp_fo_pdef;

#define IMP_PF_INH 1  /**< inherited (for messages) */
#define IMP_PF_COMP 2 /**< takes .components */
#define IMP_PF_RAW 4  /**< value not trimmed (fo:character) */

/** The state of one FO while its properties are computed. */
typedef struct {
    imp_fo_ctx *c;
    imp_fo *fo;
    imp_props *p;             /**< being computed */
    const imp_props *pp;      /**< the parent's computed values (or initial) */
    const imp_props *lb;      /**< nearest ancestor list-block, or NULL */
    const char *pname;        /**< property being set, for from-parent() */
    const char *attr;         /**< its attribute name as written, for messages */
    int bare;                 /**< the last value had a unitless non-zero number */
    int body_start, label_end;
    /* what this FO specified itself, resolved in the last step */
    unsigned char margin_set[4], bw_set[4], bc_set[4], space_set[4], indent_set[4];
    imp_fo_val margin[4];
    double bw[4];
    unsigned char keep_set[3][3]; /**< [together/next/previous][page/column/line] */
    int keep[3][3];
    int bs_pct_set;
    double bs_v, bs_pct;
    const char *xml_lang, *language, *country;
} imp_fo_el;

/** Apply one property (comp: the part after '.', or NULL); v is trimmed and
 * writable. 0 done, -1 invalid value (the caller warns), 1 warned already. */
int imp_fo_prop_set(imp_fo_el *e, const imp_fo_pdef *d, const char *comp, char *v);

/** The box model and pagination properties (props_box.c); same contract. */
int imp_fo_prop_set_box(imp_fo_el *e, const imp_fo_pdef *d, const char *comp, char *v);

/** The value "inherit": copy what d sets from the parent. */
void imp_fo_prop_inherit(imp_fo_el *e, const imp_fo_pdef *d);

/* Value readers shared by props_set.c and props_box.c; all return 0 or -1
 * (invalid) and write their result only on success. */
int imp_fo_is(const char *v, const char *kw); /**< keyword match (ASCII case-insensitive) */
/** Split a shorthand at white space outside () and quotes, in place; the
 * number of tokens, or -1 when none or more than max. */
int imp_fo_split(char *s, char **tok, int max);
/** CSS's 1-4 values (top right bottom left) → the token index of each relative side. */
void imp_fo_four(int n, int idx[4]);
/** A length as points + percent (em = this FO's font size). */
int imp_fo_length(imp_fo_el *e, const char *v, imp_fo_val *out);
/** A length without percentages; min_zero refuses negative values. */
int imp_fo_abs(imp_fo_el *e, const char *v, int min_zero, double *out);
/** A length or a percentage (not both), or auto when auto_ok. */
int imp_fo_lenpct(imp_fo_el *e, const char *v, int auto_ok, int min_zero, imp_len *out);
/** An integer in lo..hi (expressions allowed). */
int imp_fo_integer(imp_fo_el *e, const char *v, int lo, int hi, int *out);
/** A colour; 1 when system-color() was warned about. */
int imp_fo_color_of(imp_fo_el *e, const char *v, imp_color *out);
/** A warning given once per document under key: fmt takes the attribute
 * name, the value, then the FO's name and line. */
void imp_fo_warn_once(imp_fo_el *e, const char *key, const char *fmt, const char *attr,
                      const char *v);

/** The initial values of XSL 1.1 section 7 (font_family "sans-serif"). */
void imp_fo_props_initial(imp_props *p);

/** Compute fo->p from the parent's computed values (or the initial values
 * for the root) and the attributes of el. */
void imp_fo_props_compute(imp_fo_ctx *c, imp_fo *fo, xmlNodePtr el, const imp_props *parent,
                          const imp_props *list_block);

#endif
