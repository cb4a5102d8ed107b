/* fo.h: the XSL-FO tree (read from an .fo document) and its computed properties. */
#ifndef IMP_FO_H
#define IMP_FO_H

#include <libxml/tree.h>

#include "diag.h"

#define IMP_FO_NS "http://www.w3.org/1999/XSL/Format"

/** Formatting object kinds impack knows. Other FO elements get no node:
 * they are warned about (with their line, at most five times per name) and
 * their content is skipped, except that fo:float becomes a BLOCK and
 * fo:bidi-override an INLINE (imp_fo.name tells) and fo:page-sequence-wrapper
 * only passes its inherited properties on. IMP_FO_UNKNOWN is never built. */
typedef enum {
    IMP_FO_UNKNOWN = 0,
    IMP_FO_TEXT, /**< character data: fo->text */
    IMP_FO_ROOT,
    IMP_FO_LAYOUT_MASTER_SET,
    IMP_FO_SIMPLE_PAGE_MASTER,
    IMP_FO_REGION_BODY,
    IMP_FO_REGION_BEFORE,
    IMP_FO_REGION_AFTER,
    IMP_FO_REGION_START,
    IMP_FO_REGION_END,
    IMP_FO_PAGE_SEQUENCE_MASTER,
    IMP_FO_SINGLE_PAGE_MASTER_REFERENCE,
    IMP_FO_REPEATABLE_PAGE_MASTER_REFERENCE,
    IMP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES,
    IMP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE,
    IMP_FO_DECLARATIONS,
    IMP_FO_BOOKMARK_TREE,
    IMP_FO_BOOKMARK,
    IMP_FO_BOOKMARK_TITLE,
    IMP_FO_PAGE_SEQUENCE,
    IMP_FO_TITLE,
    IMP_FO_STATIC_CONTENT,
    IMP_FO_FLOW,
    IMP_FO_BLOCK,
    IMP_FO_BLOCK_CONTAINER,
    IMP_FO_LIST_BLOCK,
    IMP_FO_LIST_ITEM,
    IMP_FO_LIST_ITEM_LABEL,
    IMP_FO_LIST_ITEM_BODY,
    IMP_FO_TABLE_AND_CAPTION,
    IMP_FO_TABLE_CAPTION,
    IMP_FO_TABLE,
    IMP_FO_TABLE_COLUMN,
    IMP_FO_TABLE_HEADER,
    IMP_FO_TABLE_FOOTER,
    IMP_FO_TABLE_BODY,
    IMP_FO_TABLE_ROW,
    IMP_FO_TABLE_CELL,
    IMP_FO_FOOTNOTE,
    IMP_FO_FOOTNOTE_BODY,
    IMP_FO_INLINE,
    IMP_FO_WRAPPER,
    IMP_FO_CHARACTER,
    IMP_FO_LEADER,
    IMP_FO_PAGE_NUMBER,
    IMP_FO_PAGE_NUMBER_CITATION,
    IMP_FO_PAGE_NUMBER_CITATION_LAST,
    IMP_FO_BASIC_LINK,
    IMP_FO_EXTERNAL_GRAPHIC,
    IMP_FO_INSTREAM_FOREIGN_OBJECT,
    IMP_FO_MARKER,
    IMP_FO_RETRIEVE_MARKER,
    IMP_FO_INLINE_CONTAINER,
    IMP_FO_KIND_COUNT
} imp_fo_kind;

/** A length that may be a percentage or auto; resolved by layout. */
typedef struct {
    enum { IMP_LEN_PT = 0, IMP_LEN_PCT, IMP_LEN_AUTO } kind;
    double v; /**< points, or percent (50 means 50%) */
} imp_len;

/** A space-before/after or space-start/end: min/opt/max, conditionality, precedence. */
typedef struct {
    double min, opt, max;
    int retain;     /**< .conditionality="retain" (default discard) */
    int precedence; /**< 0..n, or INT_MAX for "force" */
} imp_space;

typedef struct {
    double r, g, b, a; /**< 0..1; a == 0 means transparent / none */
} imp_color;

typedef enum {
    IMP_BS_NONE = 0, IMP_BS_SOLID, IMP_BS_DOTTED, IMP_BS_DASHED, IMP_BS_DOUBLE,
    IMP_BS_GROOVE, IMP_BS_RIDGE, IMP_BS_INSET, IMP_BS_OUTSET, IMP_BS_HIDDEN
} imp_border_style;

typedef struct {
    double width; /**< points; 0 when style is none/hidden */
    imp_border_style style;
    imp_color color;
    int retain; /**< .conditionality retain (default discard) */
} imp_border;

/** Sides, in writing-mode relative terms (lr-tb: before=top, after=bottom,
 * start=left, end=right). Absolute properties (border-top, margin-left...)
 * are mapped onto these. */
enum { IMP_BEFORE = 0, IMP_AFTER = 1, IMP_START = 2, IMP_END = 3 };

typedef enum { IMP_TA_START = 0, IMP_TA_CENTER, IMP_TA_END, IMP_TA_JUSTIFY, IMP_TA_INSIDE,
               IMP_TA_OUTSIDE, IMP_TA_LEFT, IMP_TA_RIGHT, IMP_TA_RELATIVE /* text-align-last only */ } imp_text_align;

typedef enum { IMP_BREAK_AUTO = 0, IMP_BREAK_PAGE, IMP_BREAK_COLUMN, IMP_BREAK_EVEN_PAGE,
               IMP_BREAK_ODD_PAGE } imp_break;

/** keep-* : 0 = auto, IMP_KEEP_ALWAYS = always, otherwise an integer strength. */
#define IMP_KEEP_ALWAYS 1000000

typedef enum { IMP_LEADER_SPACE = 0, IMP_LEADER_RULE, IMP_LEADER_DOTS, IMP_LEADER_USE_CONTENT } imp_leader_pattern;

/**
 * Computed values of one formatting object. Every FO has one; inherited
 * properties come from the parent's computed values, the rest from the
 * initial values of XSL 1.1 section 7, then the FO's own attributes
 * (shorthands expanded, absolute mapped to relative, em and font-size
 * percentages resolved against the font size, keywords resolved).
 * Percentages of widths/heights stay as IMP_LEN_PCT for layout to resolve.
 * Strings (font_family, lang, id, ...) live in the document's string pool
 * (or are static): never free or modify them; they stay valid until
 * imp_fo_free. Inherited strings are shared, not copied, so compare them
 * with strcmp (or by pointer as a fast path).
 */
typedef struct {
    /* fonts and text (inherited) */
    char *font_family;     /**< "DejaVu Sans, serif": quotes stripped, names joined by ", "
                                (Pango accepts such lists); initial "sans-serif" as in FOP */
    double font_size;      /**< points */
    int font_weight;       /**< 100..900 */
    int font_style;        /**< 0 normal, 1 italic, 2 oblique */
    int font_variant_small_caps;
    double line_height;    /**< points (normal = 1.2 × font-size) */
    double line_height_factor; /**< > 0 when line-height was "normal" or a number: it is
                                    inherited as that factor of each FO's own font size */
    imp_color color;
    imp_text_align text_align;
    imp_text_align text_align_last; /**< IMP_TA_RELATIVE = follow text-align (justify→start) */
    double text_indent;    /**< points, plus text_indent_pct */
    double last_line_end_indent; /**< points, plus last_line_end_indent_pct */
    double text_indent_pct, last_line_end_indent_pct; /**< percent of the containing block's
                                    inline-progression-dimension (usually 0), to add */
    int hyphenate;
    char *lang;            /**< from xml:lang, or language (+ country): "en-GB"; NULL if none */
    int white_space_collapse;   /**< 1 true (initial), 0 false */
    enum { IMP_LF_TREAT_AS_SPACE = 0, IMP_LF_IGNORE, IMP_LF_PRESERVE, IMP_LF_TREAT_AS_ZWSP } linefeed_treatment;
    enum { IMP_WS_IGNORE_IF_SURROUNDING_LINEFEED = 0, IMP_WS_IGNORE, IMP_WS_PRESERVE,
           IMP_WS_IGNORE_IF_BEFORE_LINEFEED, IMP_WS_IGNORE_IF_AFTER_LINEFEED } white_space_treatment;
    int wrap_option_wrap;  /**< 1 wrap (initial), 0 no-wrap */
    double letter_spacing, word_spacing;
    int text_decoration;   /**< bit 1 underline, 2 overline, 4 line-through; carries the
                                ancestors' decorations (XSL 7.17.4), minus no-underline... */
    int orphans, widows;   /**< initial 2 */
    double start_indent;   /**< points (inherited; margin-left etc. folded in per XSL 5.3.2) */
    double end_indent;     /**< points (inherited) */
    double start_indent_pct, end_indent_pct; /**< percent of the containing reference area's
                                    inline-progression-dimension, added to the points
                                    (usually 0; "10%" or label-end() set it) */
    imp_len provisional_distance_between_starts; /**< initial 24pt */
    imp_len provisional_label_separation;        /**< initial 6pt */
    double border_separation; /**< inherited; border-separation block-progression-dimension */
    double border_separation_ipd; /**< inherited; its inline-progression-dimension */
    int border_collapse;   /**< 1 collapse (initial), 0 separate */
    imp_leader_pattern leader_pattern; /**< inherited */
    imp_len leader_length_min, leader_length_opt, leader_length_max; /**< inherited */
    double rule_thickness; /**< inherited, initial 1pt */
    double leader_pattern_width; /**< inherited; 0: use-font-metrics */
    int leader_align;      /**< inherited leader-alignment: 0 none, 1 reference-area or page */
    imp_border_style rule_style; /**< inherited, initial solid */
    int visibility_hidden;
    enum { IMP_TT_NONE = 0, IMP_TT_UPPERCASE, IMP_TT_LOWERCASE, IMP_TT_CAPITALIZE } text_transform;

    /* not inherited (props.c copies every field above this line from the parent,
     * so keep inherited fields above it and the others below) */
    imp_space space_before, space_after, space_start, space_end;
    double padding[4];     /**< before, after, start, end (pt) */
    int padding_retain[4];
    imp_border border[4];
    imp_color background_color; /**< a == 0: transparent */
    char *background_image;     /**< the URI inside url(...), or NULL (none) */
    enum { IMP_BR_REPEAT = 0, IMP_BR_REPEAT_X, IMP_BR_REPEAT_Y, IMP_BR_NO_REPEAT } background_repeat;
    imp_len background_pos[2];  /**< horizontal, vertical: of the padding box less the
                                     image (percentages) or from its edge (lengths) */
    imp_len width, height;      /**< also inline/block-progression-dimension */
    imp_len min_height;         /**< block-progression-dimension.minimum */
    imp_break break_before, break_after;
    int keep_together, keep_with_next, keep_with_previous; /**< the stronger of the
                                .within-page and .within-column components (a keep is
                                held within a column, so within its page); .within-line is not a pagination keep
                                (keep-together.within-line="always" sets no-wrap).
                                keep-together is inherited (XSL 7.20.3), the others not */
    int display_align;     /**< 0 auto/before, 1 center, 2 after (inherited, XSL 7.14.4) */
    int overflow_hidden;   /**< overflow hidden/scroll/error-if-overflow: clip */
    int reference_orientation; /**< 0, 90, 180, 270 (negative normalised): as given on
                                    this FO, relative to the parent reference area */
    char *id;
    char *role;            /**< role="H1" etc: the PDF structure type */
    char *alt_text;        /**< fox:alt-text or role-less alt (for images) */
    /* page masters and regions */
    imp_len page_width, page_height; /**< auto → A4 */
    double margin[4];      /**< margin-top/bottom/left/right as given on this FO (mapped
                                to before/after/start/end; "auto" is 0), for page masters
                                and regions. On blocks they are already folded into
                                space-before/after and start/end-indent (XSL 5.3.2) */
    imp_len extent;        /**< region-before/after/start/end */
    int precedence;        /**< region-before/after precedence="true" */
    int column_count;      /**< fo:region-body column-count (initial 1) */
    imp_len column_gap;    /**< fo:region-body column-gap (initial 12pt; % of the body) */
    int span_all;          /**< span="all": a block of fo:flow across every column */
    int absolute_position; /**< block-container: 0 auto, 1 absolute, 2 fixed */
    enum { IMP_FLOAT_NONE = 0, IMP_FLOAT_BEFORE, IMP_FLOAT_SIDE } float_kind; /**< fo:float's
                                float: none, before, or a side (start, end, left, right,
                                inside, outside) */
    imp_len offset_top, offset_bottom, offset_left, offset_right; /**< top, bottom, left,
                                right (absolute-position): auto, or from the containing
                                area's edges (percentages of its width or height) */
    char *master_name, *master_reference, *flow_name, *region_name;
    char *format;          /**< page-sequence format: "1", "01", "i", "I", "a", "A" */
    int initial_page_number; /**< 0 = auto */
    int initial_page_parity; /**< with initial_page_number 0: 1 auto-odd, 2 auto-even, else 0 */
    enum { IMP_FPC_AUTO = 0, IMP_FPC_EVEN, IMP_FPC_ODD, IMP_FPC_END_ON_EVEN, IMP_FPC_END_ON_ODD,
           IMP_FPC_NO_FORCE } force_page_count;
    int maximum_repeats;   /**< -1 = no-limit */
    enum { IMP_PP_ANY = 0, IMP_PP_FIRST, IMP_PP_LAST, IMP_PP_REST, IMP_PP_ONLY } page_position;
    enum { IMP_OE_ANY = 0, IMP_OE_ODD, IMP_OE_EVEN } odd_or_even;
    enum { IMP_BNB_ANY = 0, IMP_BNB_BLANK, IMP_BNB_NOT_BLANK } blank_or_not_blank;
    /* tables and lists */
    int table_layout_fixed;
    imp_len column_width;  /**< table-column width; auto when proportional */
    double column_proportion; /**< N of proportional-column-width(N); 0 when not used */
    int column_number;     /**< 0 when not given (layout numbers columns and cells) */
    int number_columns_repeated, number_columns_spanned; /**< initial 1 */
    int number_rows_spanned;
    int starts_row, ends_row;
    int omit_header_at_break, omit_footer_at_break; /**< table-omit-*-at-break="true" */
    /* inline objects */
    char *src;             /**< external-graphic: the URI inside url(...) */
    imp_len content_width, content_height; /**< auto, scale-to-fit → kind AUTO and flags */
    int scale_to_fit_w, scale_to_fit_h; /**< 1 scale-to-fit, 2 scale-down-to-fit,
                                             3 scale-up-to-fit; 0 otherwise */
    int scaling_non_uniform;
    char *internal_destination, *external_destination;
    char *ref_id;          /**< page-number-citation(-last) */
    char *character;       /**< fo:character */
    double baseline_shift; /**< points, positive up: super/sub = +/-0.33 x the parent's
                                font size; percentages are of this FO's line-height */
    char *marker_class_name, *retrieve_class_name;
    enum { IMP_RP_FIRST_STARTING = 0, IMP_RP_FIRST_INCLUDING_CARRYOVER, IMP_RP_LAST_STARTING,
           IMP_RP_LAST_ENDING } retrieve_position;
    enum { IMP_RB_PAGE_SEQUENCE = 0, IMP_RB_PAGE, IMP_RB_DOCUMENT } retrieve_boundary;
    int starting_state_show; /**< bookmark starting-state="show" */
    int start_indent_body_start; /**< start-indent="body-start()" (list-item-body): set on
                                      the FO that says so (not inherited); start_indent
                                      already holds body-start() = the list-block's
                                      start-indent + provisional-distance-between-starts */
    int end_indent_label_end;    /**< end-indent="label-end()" (list-item-label): not
                                      inherited; end_indent + end_indent_pct already hold
                                      label-end() = 100% - (list-block start-indent +
                                      provisional-distance-between-starts -
                                      provisional-label-separation) */
} imp_props;

/** A node of the FO tree. */
typedef struct imp_fo imp_fo;
struct imp_fo {
    imp_fo_kind kind;
    imp_fo *parent, *first, *last, *next, *prev;
    const char *name;  /**< local name, for messages ("block") */
    long line;         /**< source line */
    char *text;        /**< IMP_FO_TEXT: the characters (UTF-8), white space not yet handled;
                            IMP_FO_INSTREAM_FOREIGN_OBJECT: its SVG's markup, or NULL */
    xmlNodePtr src;    /**< the source element of every FO (NULL for TEXT); layout reads
                            it for fo:instream-foreign-object (whose children are not
                            built into the tree) and fo:declarations */
    const imp_props *p; /**< computed properties, never NULL. FOs whose computed values
                             are equal share one copy (a long document has few distinct
                             ones), so never cast the const away; character data points
                             at its parent's. */
};

/** The computed properties that apply to fo: its own, or for character data
 * its parent's (fo->p says the same; kept for readability at call sites). */
static inline const imp_props *imp_fo_props(const imp_fo *fo)
{
    return fo->p;
}

/** The whole tree plus the document-level facts read from it. */
typedef struct {
    imp_fo *root;
    xmlDocPtr doc;     /**< kept alive: src pointers reference it */
    char *title;       /**< dc:title from fo:declarations x:xmpmeta (or RenderX
                            rx:meta-info), or NULL; these strings live in the tree's pool */
    char *author;      /**< dc:creator */
    char *subject, *keywords;
    char *lang;        /**< root xml:lang/language, or NULL */
    /** A marker's children inherit from the retrieve-marker that shows them
     * (XSL 6.13.6), not from where the marker stands: for each marker and
     * each retrieve-marker of its class in its page-sequence, a holder (not
     * in the tree) whose children are the marker's, built in that context. */
    struct imp_fo_variant {
        const imp_fo *marker, *retrieve;
        imp_fo *holder;
    } *variants;           /**< a marker's together, in the order built */
    size_t nvariants;
    void *variant_index;   /**< marker → its first variant's index + 1 (a GHashTable) */
} imp_fo_doc;

/** The marker's children as the retrieve-marker rm shows them: a holder
 * whose children to use, or NULL (use the marker's own). */
const imp_fo *imp_fo_marker_in(const imp_fo_doc *fd, const imp_fo *marker, const imp_fo *rm);

/**
 * Build the FO tree from a parsed document. Unknown FO elements and
 * unknown or unsupported properties are warnings naming the element or
 * property and the line; non-FO elements outside declarations and
 * instream-foreign-object are warnings and skipped. Returns NULL (with an
 * error) when the root is not fo:root. Caller frees with imp_fo_free; the
 * tree takes ownership of doc (also when it returns NULL: doc is freed then).
 */
imp_fo_doc *imp_fo_build(xmlDocPtr doc, imp_diags *d);

void imp_fo_free(imp_fo_doc *fd);

/** Free the source document once the tree is built (layout never reads it):
 * every src becomes NULL. Lowers the peak memory of a render. */
void imp_fo_drop_source(imp_fo_doc *fd);

/** Property parsing helpers, exported for unit tests and for layout. */
/** Parse a length ("12pt", "1.5cm", "2em", "10%", "auto", or an XSL
 * expression such as "2em + 3pt") given the font size for em; returns 0 on
 * success, -1 for anything else (a unitless number, "50% + 2pt"). */
int imp_fo_parse_length(const char *s, double font_size, imp_len *out);
/** Parse a colour (#rgb, #rrggbb, the CSS names, rgb(r,g,b) with numbers or
 * percentages, rgb-icc() by its sRGB fallback, transparent); 0 or -1. */
int imp_fo_parse_color(const char *s, imp_color *out);
/** Resolve a length against a reference (for percentages). */
double imp_fo_len(imp_len l, double ref, double dflt_auto);

/** Find the FO with this id (NULL if none). */
imp_fo *imp_fo_by_id(imp_fo_doc *fd, const char *id);

#endif
