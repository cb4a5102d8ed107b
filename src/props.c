/* props.c: computed properties of one FO: inheritance, XSL 5.2 shorthand order, 5.3.2 margins and indents. */
#include "fo_int.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#define S_XML_NS "http://www.w3.org/XML/1998/namespace"
#define S_FOX_NS "http://xmlgraphics.apache.org/fop/extensions"
#define S_RX_NS "http://www.renderx.com/XSL/Extensions"
#define S_MAX_ATTRS 128 /* attributes of one element taken into account */

/* Order of processing (XSL 5.2): shorthands before the properties they set,
 * less precise before more precise; fonts first because em and
 * percentages of other properties depend on the font size. Absolute
 * properties come after relative ones so that they win (XSL 5.3.1);
 * components (.minimum...) come last of all. */
enum { R_FONT_SH, R_FONT, R_LH, R_SH0, R_SH1, R_SH2, R_REL, R_ABS, R_COMP };

#define I IMP_PF_INH
#define C IMP_PF_COMP
#define RAW IMP_PF_RAW
#define S_OFF(f) offsetof(imp_props, f)

/* Every property XSL 1.1 defines, sorted by name (strcmp). P_IGNORED ones are
 * warned about once per document; P_SILENT ones mean nothing in print
 * (aural properties, multi-column spans with no columns). */
static const imp_fo_pdef S_defs[] = {
    {"absolute-position", P_ENUM, R_REL, 0, E_ABSOLUTE_POSITION},
    {"active-state", P_IGNORED, R_REL, 0, 0},
    {"alignment-adjust", P_IGNORED, R_REL, 0, 0},
    {"alignment-baseline", P_IGNORED, R_REL, 0, 0},
    {"allowed-height-scale", P_IGNORED, R_REL, 0, 0},
    {"allowed-width-scale", P_IGNORED, R_REL, 0, 0},
    {"auto-restore", P_IGNORED, R_REL, 0, 0},
    {"azimuth", P_SILENT, R_REL, 0, 0},
    {"background", P_BACKGROUND, R_SH0, 0, 0},
    {"background-attachment", P_IGNORED, R_REL, 0, 0},
    {"background-color", P_BACKGROUND_COLOR, R_REL, 0, 0},
    {"background-image", P_URI, R_REL, 0, S_OFF(background_image)},
    {"background-position", P_BG_POS, R_SH0, 0, 2},
    {"background-position-horizontal", P_BG_POS, R_REL, 0, 0},
    {"background-position-vertical", P_BG_POS, R_REL, 0, 1},
    {"background-repeat", P_ENUM, R_REL, 0, E_BG_REPEAT},
    {"baseline-shift", P_BASELINE_SHIFT, R_REL, 0, 0},
    {"blank-or-not-blank", P_ENUM, R_REL, 0, E_BLANK_OR_NOT_BLANK},
    {"block-progression-dimension", P_BPD, R_REL, C, 0},
    {"border", P_BORDER_ALL, R_SH0, 0, 0},
    {"border-after", P_BORDER_SIDE, R_SH2, C, 5},
    {"border-after-color", P_BORDER_PART, R_REL, 0, 5 * 4 + 3},
    {"border-after-precedence", P_IGNORED, R_REL, 0, 0},
    {"border-after-style", P_BORDER_PART, R_REL, 0, 5 * 4 + 2},
    {"border-after-width", P_BORDER_PART, R_REL, C, 5 * 4 + 1},
    {"border-before", P_BORDER_SIDE, R_SH2, C, 4},
    {"border-before-color", P_BORDER_PART, R_REL, 0, 4 * 4 + 3},
    {"border-before-precedence", P_IGNORED, R_REL, 0, 0},
    {"border-before-style", P_BORDER_PART, R_REL, 0, 4 * 4 + 2},
    {"border-before-width", P_BORDER_PART, R_REL, C, 4 * 4 + 1},
    {"border-bottom", P_BORDER_SIDE, R_SH2, 0, 1},
    {"border-bottom-color", P_BORDER_PART, R_ABS, 0, 1 * 4 + 3},
    {"border-bottom-style", P_BORDER_PART, R_ABS, 0, 1 * 4 + 2},
    {"border-bottom-width", P_BORDER_PART, R_ABS, C, 1 * 4 + 1},
    {"border-collapse", P_ENUM, R_REL, I, E_BORDER_COLLAPSE},
    {"border-color", P_BORDER_ALL, R_SH1, 0, 3},
    {"border-end", P_BORDER_SIDE, R_SH2, C, 7},
    {"border-end-color", P_BORDER_PART, R_REL, 0, 7 * 4 + 3},
    {"border-end-precedence", P_IGNORED, R_REL, 0, 0},
    {"border-end-style", P_BORDER_PART, R_REL, 0, 7 * 4 + 2},
    {"border-end-width", P_BORDER_PART, R_REL, C, 7 * 4 + 1},
    {"border-left", P_BORDER_SIDE, R_SH2, 0, 2},
    {"border-left-color", P_BORDER_PART, R_ABS, 0, 2 * 4 + 3},
    {"border-left-style", P_BORDER_PART, R_ABS, 0, 2 * 4 + 2},
    {"border-left-width", P_BORDER_PART, R_ABS, C, 2 * 4 + 1},
    {"border-right", P_BORDER_SIDE, R_SH2, 0, 3},
    {"border-right-color", P_BORDER_PART, R_ABS, 0, 3 * 4 + 3},
    {"border-right-style", P_BORDER_PART, R_ABS, 0, 3 * 4 + 2},
    {"border-right-width", P_BORDER_PART, R_ABS, C, 3 * 4 + 1},
    {"border-separation", P_BORDER_SEPARATION, R_REL, I | C, 0},
    {"border-spacing", P_BORDER_SEPARATION, R_SH0, I, 0},
    {"border-start", P_BORDER_SIDE, R_SH2, C, 6},
    {"border-start-color", P_BORDER_PART, R_REL, 0, 6 * 4 + 3},
    {"border-start-precedence", P_IGNORED, R_REL, 0, 0},
    {"border-start-style", P_BORDER_PART, R_REL, 0, 6 * 4 + 2},
    {"border-start-width", P_BORDER_PART, R_REL, C, 6 * 4 + 1},
    {"border-style", P_BORDER_ALL, R_SH1, 0, 2},
    {"border-top", P_BORDER_SIDE, R_SH2, 0, 0},
    {"border-top-color", P_BORDER_PART, R_ABS, 0, 0 * 4 + 3},
    {"border-top-style", P_BORDER_PART, R_ABS, 0, 0 * 4 + 2},
    {"border-top-width", P_BORDER_PART, R_ABS, C, 0 * 4 + 1},
    {"border-width", P_BORDER_ALL, R_SH1, 0, 1},
    {"bottom", P_OFFSET, R_REL, 0, S_OFF(offset_bottom)},
    {"break-after", P_BREAK, R_REL, 0, 1},
    {"break-before", P_BREAK, R_REL, 0, 0},
    {"caption-side", P_IGNORED, R_REL, 0, 0},
    {"case-name", P_IGNORED, R_REL, 0, 0},
    {"case-title", P_IGNORED, R_REL, 0, 0},
    {"change-bar-class", P_IGNORED, R_REL, 0, 0},
    {"change-bar-color", P_IGNORED, R_REL, 0, 0},
    {"change-bar-offset", P_IGNORED, R_REL, 0, 0},
    {"change-bar-placement", P_IGNORED, R_REL, 0, 0},
    {"change-bar-style", P_IGNORED, R_REL, 0, 0},
    {"change-bar-width", P_IGNORED, R_REL, 0, 0},
    {"character", P_CHARACTER, R_REL, RAW, 0},
    {"clear", P_IGNORED, R_REL, 0, 0},
    {"clip", P_IGNORED, R_REL, 0, 0},
    {"color", P_COLOR, R_REL, I, 0},
    {"color-profile-name", P_IGNORED, R_REL, 0, 0},
    {"column-count", P_COLUMN_COUNT, R_REL, 0, 0},
    {"column-gap", P_LENPCT, R_REL, 0, S_OFF(column_gap)},
    {"column-number", P_INT, R_REL, 0, S_OFF(column_number)},
    {"column-width", P_COLUMN_WIDTH, R_REL, 0, 0},
    {"content-height", P_CONTENT_DIM, R_REL, 0, 1},
    {"content-type", P_SILENT, R_REL, 0, 0},
    {"content-width", P_CONTENT_DIM, R_REL, 0, 0},
    {"country", P_COUNTRY, R_REL, I, 0},
    {"cue", P_SILENT, R_REL, 0, 0},
    {"cue-after", P_SILENT, R_REL, 0, 0},
    {"cue-before", P_SILENT, R_REL, 0, 0},
    {"destination-placement-offset", P_IGNORED, R_REL, 0, 0},
    {"direction", P_IGNORED, R_REL, 0, 0},
    {"display-align", P_ENUM, R_REL, I, E_DISPLAY_ALIGN},
    {"dominant-baseline", P_IGNORED, R_REL, 0, 0},
    {"elevation", P_SILENT, R_REL, 0, 0},
    {"empty-cells", P_IGNORED, R_REL, 0, 0},
    {"end-indent", P_INDENT, R_REL, I, IMP_END},
    {"ends-row", P_ENUM, R_REL, 0, E_ENDS_ROW},
    {"extent", P_LENPCT, R_REL, 0, S_OFF(extent)},
    {"external-destination", P_URI, R_REL, 0, S_OFF(external_destination)},
    {"float", P_ENUM, R_REL, 0, E_FLOAT},
    {"flow-map-name", P_IGNORED, R_REL, 0, 0},
    {"flow-map-reference", P_IGNORED, R_REL, 0, 0},
    {"flow-name", P_STRING, R_REL, 0, S_OFF(flow_name)},
    {"flow-name-reference", P_IGNORED, R_REL, 0, 0},
    {"font", P_FONT, R_FONT_SH, I, 0},
    {"font-family", P_FONT_FAMILY, R_FONT, I, 0},
    {"font-selection-strategy", P_IGNORED, R_REL, 0, 0},
    {"font-size", P_FONT_SIZE, R_FONT, I, 0},
    {"font-size-adjust", P_IGNORED, R_REL, 0, 0},
    {"font-stretch", P_IGNORED, R_REL, 0, 0},
    {"font-style", P_ENUM, R_FONT, I, E_FONT_STYLE},
    {"font-variant", P_ENUM, R_FONT, I, E_FONT_VARIANT},
    {"font-weight", P_FONT_WEIGHT, R_FONT, I, 0},
    {"force-page-count", P_ENUM, R_REL, 0, E_FORCE_PAGE_COUNT},
    {"format", P_STRING, R_REL, 0, S_OFF(format)},
    {"glyph-orientation-horizontal", P_IGNORED, R_REL, 0, 0},
    {"glyph-orientation-vertical", P_IGNORED, R_REL, 0, 0},
    {"grouping-separator", P_IGNORED, R_REL, 0, 0},
    {"grouping-size", P_IGNORED, R_REL, 0, 0},
    {"height", P_WIDTH, R_ABS, 0, 1},
    {"hyphenate", P_ENUM, R_REL, I, E_HYPHENATE},
    {"hyphenation-character", P_IGNORED, R_REL, 0, 0},
    {"hyphenation-keep", P_IGNORED, R_REL, 0, 0},
    {"hyphenation-ladder-count", P_IGNORED, R_REL, 0, 0},
    {"hyphenation-push-character-count", P_IGNORED, R_REL, 0, 0},
    {"hyphenation-remain-character-count", P_IGNORED, R_REL, 0, 0},
    {"id", P_STRING, R_REL, 0, S_OFF(id)},
    {"index-class", P_IGNORED, R_REL, 0, 0},
    {"index-key", P_IGNORED, R_REL, 0, 0},
    {"indicate-destination", P_IGNORED, R_REL, 0, 0},
    {"initial-page-number", P_INITIAL_PAGE_NUMBER, R_REL, 0, 0},
    {"inline-progression-dimension", P_IPD, R_REL, C, 0},
    {"internal-destination", P_STRING, R_REL, 0, S_OFF(internal_destination)},
    {"intrinsic-scale-value", P_IGNORED, R_REL, 0, 0},
    {"intrusion-displace", P_IGNORED, R_REL, 0, 0},
    {"keep-together", P_KEEP, R_REL, I | C, 0},
    {"keep-with-next", P_KEEP, R_REL, C, 1},
    {"keep-with-previous", P_KEEP, R_REL, C, 2},
    {"language", P_LANGUAGE, R_REL, I, 0},
    {"last-line-end-indent", P_LAST_LINE_END_INDENT, R_REL, I, 0},
    {"leader-alignment", P_ENUM, R_REL, I, E_LEADER_ALIGNMENT},
    {"leader-length", P_LEADER_LENGTH, R_REL, I | C, 0},
    {"leader-pattern", P_ENUM, R_REL, I, E_LEADER_PATTERN},
    {"leader-pattern-width", P_LENGTH, R_REL, I, S_OFF(leader_pattern_width)},
    {"left", P_OFFSET, R_REL, 0, S_OFF(offset_left)},
    {"letter-spacing", P_SPACING, R_REL, I | C, 0},
    {"letter-value", P_IGNORED, R_REL, 0, 0},
    {"line-height", P_LINE_HEIGHT, R_LH, I | C, 0},
    {"line-height-shift-adjustment", P_IGNORED, R_REL, 0, 0},
    {"line-stacking-strategy", P_IGNORED, R_REL, 0, 0},
    {"linefeed-treatment", P_ENUM, R_REL, I, E_LINEFEED},
    {"margin", P_MARGIN_ALL, R_SH0, 0, 0},
    {"margin-bottom", P_MARGIN_SIDE, R_ABS, 0, 1},
    {"margin-left", P_MARGIN_SIDE, R_ABS, 0, 2},
    {"margin-right", P_MARGIN_SIDE, R_ABS, 0, 3},
    {"margin-top", P_MARGIN_SIDE, R_ABS, 0, 0},
    {"marker-class-name", P_STRING, R_REL, 0, S_OFF(marker_class_name)},
    {"master-name", P_STRING, R_REL, 0, S_OFF(master_name)},
    {"master-reference", P_STRING, R_REL, 0, S_OFF(master_reference)},
    {"maximum-repeats", P_MAXIMUM_REPEATS, R_REL, 0, 0},
    {"media-usage", P_IGNORED, R_REL, 0, 0},
    {"merge-pages-across-index-key-references", P_IGNORED, R_REL, 0, 0},
    {"merge-ranges-across-index-key-references", P_IGNORED, R_REL, 0, 0},
    {"merge-sequential-page-numbers", P_IGNORED, R_REL, 0, 0},
    {"number-columns-repeated", P_INT, R_REL, 0, S_OFF(number_columns_repeated)},
    {"number-columns-spanned", P_INT, R_REL, 0, S_OFF(number_columns_spanned)},
    {"number-rows-spanned", P_INT, R_REL, 0, S_OFF(number_rows_spanned)},
    {"odd-or-even", P_ENUM, R_REL, 0, E_ODD_OR_EVEN},
    {"orphans", P_INT, R_REL, I, S_OFF(orphans)},
    {"overflow", P_ENUM, R_REL, 0, E_OVERFLOW},
    {"padding", P_PADDING_ALL, R_SH0, 0, 0},
    {"padding-after", P_PADDING_SIDE, R_REL, C, 5},
    {"padding-before", P_PADDING_SIDE, R_REL, C, 4},
    {"padding-bottom", P_PADDING_SIDE, R_ABS, C, 1},
    {"padding-end", P_PADDING_SIDE, R_REL, C, 7},
    {"padding-left", P_PADDING_SIDE, R_ABS, C, 2},
    {"padding-right", P_PADDING_SIDE, R_ABS, C, 3},
    {"padding-start", P_PADDING_SIDE, R_REL, C, 6},
    {"padding-top", P_PADDING_SIDE, R_ABS, C, 0},
    {"page-break-after", P_PAGE_BREAK, R_SH0, 0, 1},
    {"page-break-before", P_PAGE_BREAK, R_SH0, 0, 0},
    {"page-break-inside", P_PAGE_BREAK, R_SH0, 0, 2},
    {"page-citation-strategy", P_IGNORED, R_REL, 0, 0},
    {"page-height", P_PAGE_DIM, R_REL, 0, 1},
    {"page-number-treatment", P_IGNORED, R_REL, 0, 0},
    {"page-position", P_ENUM, R_REL, 0, E_PAGE_POSITION},
    {"page-width", P_PAGE_DIM, R_REL, 0, 0},
    {"pause", P_SILENT, R_REL, 0, 0},
    {"pause-after", P_SILENT, R_REL, 0, 0},
    {"pause-before", P_SILENT, R_REL, 0, 0},
    {"pitch", P_SILENT, R_REL, 0, 0},
    {"pitch-range", P_SILENT, R_REL, 0, 0},
    {"play-during", P_SILENT, R_REL, 0, 0},
    {"position", P_IGNORED, R_REL, 0, 0},
    {"precedence", P_ENUM, R_REL, 0, E_PRECEDENCE},
    {"provisional-distance-between-starts", P_LENPCT, R_REL, I, S_OFF(provisional_distance_between_starts)},
    {"provisional-label-separation", P_LENPCT, R_REL, I, S_OFF(provisional_label_separation)},
    {"ref-id", P_STRING, R_REL, 0, S_OFF(ref_id)},
    {"ref-index-key", P_IGNORED, R_REL, 0, 0},
    {"reference-orientation", P_REFERENCE_ORIENTATION, R_REL, 0, 0},
    {"region-name", P_STRING, R_REL, 0, S_OFF(region_name)},
    {"region-name-reference", P_IGNORED, R_REL, 0, 0},
    {"relative-align", P_IGNORED, R_REL, 0, 0},
    {"relative-position", P_IGNORED, R_REL, 0, 0},
    {"rendering-intent", P_IGNORED, R_REL, 0, 0},
    {"retrieve-boundary", P_ENUM, R_REL, 0, E_RETRIEVE_BOUNDARY},
    {"retrieve-boundary-within-table", P_IGNORED, R_REL, 0, 0},
    {"retrieve-class-name", P_STRING, R_REL, 0, S_OFF(retrieve_class_name)},
    {"retrieve-position", P_ENUM, R_REL, 0, E_RETRIEVE_POSITION},
    {"retrieve-position-within-table", P_IGNORED, R_REL, 0, 0},
    {"richness", P_SILENT, R_REL, 0, 0},
    {"right", P_OFFSET, R_REL, 0, S_OFF(offset_right)},
    {"role", P_STRING, R_REL, 0, S_OFF(role)},
    {"rule-style", P_ENUM, R_REL, I, E_RULE_STYLE},
    {"rule-thickness", P_LENGTH, R_REL, I, S_OFF(rule_thickness)},
    {"scale-option", P_IGNORED, R_REL, 0, 0},
    {"scaling", P_ENUM, R_REL, 0, E_SCALING},
    {"scaling-method", P_IGNORED, R_REL, 0, 0},
    {"score-spaces", P_IGNORED, R_REL, 0, 0},
    {"script", P_IGNORED, R_REL, 0, 0},
    {"show-destination", P_IGNORED, R_REL, 0, 0},
    {"size", P_SIZE, R_SH0, 0, 0},
    {"source-document", P_SILENT, R_REL, 0, 0},
    {"space-after", P_SPACE, R_REL, C, IMP_AFTER},
    {"space-before", P_SPACE, R_REL, C, IMP_BEFORE},
    {"space-end", P_SPACE, R_REL, C, IMP_END},
    {"space-start", P_SPACE, R_REL, C, IMP_START},
    {"span", P_ENUM, R_REL, 0, E_SPAN},
    {"speak", P_SILENT, R_REL, 0, 0},
    {"speak-header", P_SILENT, R_REL, 0, 0},
    {"speak-numeral", P_SILENT, R_REL, 0, 0},
    {"speak-punctuation", P_SILENT, R_REL, 0, 0},
    {"speech-rate", P_SILENT, R_REL, 0, 0},
    {"src", P_URI, R_REL, 0, S_OFF(src)},
    {"start-indent", P_INDENT, R_REL, I, IMP_START},
    {"starting-state", P_ENUM, R_REL, 0, E_STARTING_STATE},
    {"starts-row", P_ENUM, R_REL, 0, E_STARTS_ROW},
    {"stress", P_SILENT, R_REL, 0, 0},
    {"suppress-at-line-break", P_IGNORED, R_REL, 0, 0},
    {"switch-to", P_IGNORED, R_REL, 0, 0},
    {"table-layout", P_ENUM, R_REL, 0, E_TABLE_LAYOUT},
    {"table-omit-footer-at-break", P_ENUM, R_REL, 0, E_OMIT_FOOTER},
    {"table-omit-header-at-break", P_ENUM, R_REL, 0, E_OMIT_HEADER},
    {"target-presentation-context", P_IGNORED, R_REL, 0, 0},
    {"target-processing-context", P_IGNORED, R_REL, 0, 0},
    {"target-stylesheet", P_IGNORED, R_REL, 0, 0},
    {"text-align", P_ENUM, R_REL, I, E_TEXT_ALIGN},
    {"text-align-last", P_ENUM, R_REL, I, E_TEXT_ALIGN_LAST},
    {"text-altitude", P_IGNORED, R_REL, 0, 0},
    {"text-decoration", P_TEXT_DECORATION, R_REL, I, 0},
    {"text-depth", P_IGNORED, R_REL, 0, 0},
    {"text-indent", P_TEXT_INDENT, R_REL, I, 0},
    {"text-shadow", P_IGNORED, R_REL, 0, 0},
    {"text-transform", P_ENUM, R_REL, I, E_TEXT_TRANSFORM},
    {"top", P_OFFSET, R_REL, 0, S_OFF(offset_top)},
    {"treat-as-word-space", P_IGNORED, R_REL, 0, 0},
    {"unicode-bidi", P_IGNORED, R_REL, 0, 0},
    {"vertical-align", P_VERTICAL_ALIGN, R_SH0, 0, 0},
    {"visibility", P_ENUM, R_REL, I, E_VISIBILITY},
    {"voice-family", P_SILENT, R_REL, 0, 0},
    {"volume", P_SILENT, R_REL, 0, 0},
    {"white-space", P_WHITE_SPACE, R_SH0, I, 0},
    {"white-space-collapse", P_ENUM, R_REL, I, E_WHITE_SPACE_COLLAPSE},
    {"white-space-treatment", P_ENUM, R_REL, I, E_WHITE_SPACE_TREATMENT},
    {"widows", P_INT, R_REL, I, S_OFF(widows)},
    {"width", P_WIDTH, R_ABS, 0, 0},
    {"word-spacing", P_SPACING, R_REL, I | C, 1},
    {"wrap-option", P_ENUM, R_REL, I, E_WRAP_OPTION},
    {"writing-mode", P_WRITING_MODE, R_REL, 0, 0},
    {"z-index", P_IGNORED, R_REL, 0, 0},
};

#undef I
#undef C
#undef RAW

typedef struct {
    const char *s;
    size_t n;
} S_key;

static int S_cmp_def(const void *k, const void *m)
{
    const S_key *key = k;
    const char *name = ((const imp_fo_pdef *)m)->name;
    int c = strncmp(key->s, name, key->n);
    return c ? c : name[key->n] ? -1 : 0;
}

static const imp_fo_pdef *S_lookup(const char *s, size_t n)
{
    S_key k = {s, n};
    return bsearch(&k, S_defs, sizeof S_defs / sizeof S_defs[0], sizeof S_defs[0], S_cmp_def);
}

/* ---- initial values -------------------------------------------------------- */

void imp_fo_props_initial(imp_props *p)
{
    memset(p, 0, sizeof *p);
    p->font_family = "sans-serif"; /* FOP's initial family: FO written for it expects that */
    p->font_size = 12;
    p->font_weight = 400;
    p->line_height_factor = 1.2;
    p->line_height = 14.4;
    p->color.a = 1;
    p->text_align = IMP_TA_START;
    p->text_align_last = IMP_TA_RELATIVE;
    p->white_space_collapse = 1;
    p->linefeed_treatment = IMP_LF_TREAT_AS_SPACE;
    p->white_space_treatment = IMP_WS_IGNORE_IF_SURROUNDING_LINEFEED;
    p->wrap_option_wrap = 1;
    p->orphans = p->widows = 2;
    p->provisional_distance_between_starts = (imp_len){IMP_LEN_PT, 24};
    p->provisional_label_separation = (imp_len){IMP_LEN_PT, 6};
    p->border_collapse = 1;
    p->leader_pattern = IMP_LEADER_SPACE;
    p->leader_length_min = (imp_len){IMP_LEN_PT, 0};
    p->leader_length_opt = (imp_len){IMP_LEN_PT, 12};
    p->leader_length_max = (imp_len){IMP_LEN_PCT, 100};
    p->rule_thickness = 1;
    p->rule_style = IMP_BS_SOLID;
    for (int s = 0; s < 4; s++)
        p->border[s].color.a = 1;
    p->width = p->height = p->min_height = (imp_len){IMP_LEN_AUTO, 0};
    p->page_width = (imp_len){IMP_LEN_PT, 595.28}; /* auto: A4 */
    p->page_height = (imp_len){IMP_LEN_PT, 841.89};
    p->extent = (imp_len){IMP_LEN_PT, 0};
    p->maximum_repeats = -1; /* no-limit */
    p->column_count = 1;
    p->background_pos[0] = p->background_pos[1] = (imp_len){IMP_LEN_PCT, 0};
    p->offset_top = p->offset_bottom = p->offset_left = p->offset_right =
        (imp_len){IMP_LEN_AUTO, 0};
    p->column_gap = (imp_len){IMP_LEN_PT, 12};
    p->column_width = (imp_len){IMP_LEN_AUTO, 0};
    p->number_columns_repeated = p->number_columns_spanned = p->number_rows_spanned = 1;
    p->content_width = p->content_height = (imp_len){IMP_LEN_AUTO, 0};
}

/* ---- values by name, for inherited-property-value() ------------------------ */

/* A side code (0 top ... 7 end), or -1. */
static int S_side_of(const char *s)
{
    static const char *const sides[] = {"top", "bottom", "left", "right",
                                        "before", "after", "start", "end"};
    for (int i = 0; i < 8; i++)
        if (!strcmp(s, sides[i]))
            return i;
    return -1;
}

static void S_val_len(imp_fo_val *out, imp_len l)
{
    out->dim = 1;
    if (l.kind == IMP_LEN_PT)
        out->v = l.v;
    else if (l.kind == IMP_LEN_PCT)
        out->pct = l.v;
}

int imp_fo_prop_value(const imp_props *p, const char *name, imp_fo_val *out)
{
    static const struct {
        const char *name;
        size_t off;
        char type; /* d double, l imp_len, i int */
    } simple[] = {
        {"font-size", S_OFF(font_size), 'd'},
        {"line-height", S_OFF(line_height), 'd'},
        {"letter-spacing", S_OFF(letter_spacing), 'd'},
        {"word-spacing", S_OFF(word_spacing), 'd'},
        {"rule-thickness", S_OFF(rule_thickness), 'd'},
        {"leader-pattern-width", S_OFF(leader_pattern_width), 'd'},
        {"border-separation", S_OFF(border_separation), 'd'},
        {"baseline-shift", S_OFF(baseline_shift), 'd'},
        {"provisional-distance-between-starts", S_OFF(provisional_distance_between_starts), 'l'},
        {"provisional-label-separation", S_OFF(provisional_label_separation), 'l'},
        {"width", S_OFF(width), 'l'},
        {"inline-progression-dimension", S_OFF(width), 'l'},
        {"height", S_OFF(height), 'l'},
        {"block-progression-dimension", S_OFF(height), 'l'},
        {"extent", S_OFF(extent), 'l'},
        {"column-width", S_OFF(column_width), 'l'},
        {"page-width", S_OFF(page_width), 'l'},
        {"page-height", S_OFF(page_height), 'l'},
        {"font-weight", S_OFF(font_weight), 'i'},
        {"orphans", S_OFF(orphans), 'i'},
        {"widows", S_OFF(widows), 'i'},
        {"column-number", S_OFF(column_number), 'i'},
        {"number-columns-spanned", S_OFF(number_columns_spanned), 'i'},
        {"number-columns-repeated", S_OFF(number_columns_repeated), 'i'},
        {"number-rows-spanned", S_OFF(number_rows_spanned), 'i'},
    };
    const char *base = (const char *)p;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++) {
        if (strcmp(name, simple[i].name))
            continue;
        if (simple[i].type == 'd') {
            memcpy(&out->v, base + simple[i].off, sizeof(double));
            out->dim = 1;
        } else if (simple[i].type == 'l') {
            imp_len l;
            memcpy(&l, base + simple[i].off, sizeof l);
            S_val_len(out, l);
        } else {
            int n;
            memcpy(&n, base + simple[i].off, sizeof n);
            out->v = n;
        }
        return 0;
    }
    out->dim = 1;
    if (!strcmp(name, "start-indent") || !strcmp(name, "end-indent")) {
        int st = name[0] == 's';
        out->v = st ? p->start_indent : p->end_indent;
        out->pct = st ? p->start_indent_pct : p->end_indent_pct;
        return 0;
    }
    if (!strcmp(name, "text-indent") || !strcmp(name, "last-line-end-indent")) {
        int t = name[0] == 't';
        out->v = t ? p->text_indent : p->last_line_end_indent;
        out->pct = t ? p->text_indent_pct : p->last_line_end_indent_pct;
        return 0;
    }
    int s;
    if (!strncmp(name, "padding-", 8) && (s = S_side_of(name + 8)) >= 0) {
        out->v = p->padding[s & 3];
        return 0;
    }
    if (!strncmp(name, "margin-", 7) && (s = S_side_of(name + 7)) >= 0 && s < 4) {
        out->v = p->margin[s];
        return 0;
    }
    if (!strncmp(name, "space-", 6) && (s = S_side_of(name + 6)) >= 4) {
        s &= 3;
        const imp_space *sp = s == IMP_BEFORE  ? &p->space_before
                              : s == IMP_AFTER ? &p->space_after
                              : s == IMP_START ? &p->space_start
                                               : &p->space_end;
        out->v = sp->opt;
        return 0;
    }
    if (!strncmp(name, "border-", 7)) {
        const char *w = strrchr(name, '-');
        char side[8];
        size_t n = w && w > name + 7 ? (size_t)(w - (name + 7)) : sizeof side;
        if (n < sizeof side && !strcmp(w, "-width")) {
            memcpy(side, name + 7, n);
            side[n] = '\0';
            if ((s = S_side_of(side)) >= 0) {
                out->v = p->border[s & 3].width;
                return 0;
            }
        }
    }
    return -1;
}

/* ---- attribute collection -------------------------------------------------- */

/* The components a compound property has (XSL 5.11); others make the
 * attribute an unknown property. */
static int S_comp_ok(const imp_fo_pdef *d, const char *comp)
{
    static const char *const range[] = {"minimum", "optimum", "maximum", NULL};
    static const char *const space[] = {"minimum", "optimum", "maximum", "conditionality",
                                        "precedence", NULL};
    static const char *const keep[] = {"within-page", "within-column", "within-line", NULL};
    static const char *const len[] = {"length", "conditionality", NULL};
    static const char *const sep[] = {"block-progression-direction",
                                      "inline-progression-direction", NULL};
    static const char *const side[] = {"width", "style", "color", "conditionality", NULL};
    const char *const *ok;
    switch ((imp_fo_pid)d->id) {
    case P_SPACE:
    case P_LINE_HEIGHT:
    case P_SPACING:
        ok = space;
        break;
    case P_LEADER_LENGTH:
    case P_IPD:
    case P_BPD:
        ok = range;
        break;
    case P_KEEP:
        ok = keep;
        break;
    case P_BORDER_PART:
    case P_PADDING_SIDE:
        ok = len;
        break;
    case P_BORDER_SEPARATION:
        ok = sep;
        break;
    case P_BORDER_SIDE:
        ok = side;
        break;
    default:
        return 0;
    }
    for (; *ok; ok++)
        if (!strcmp(comp, *ok))
            return 1;
    return 0;
}

typedef struct {
    const imp_fo_pdef *d;
    const char *comp;  /* after the '.', or NULL */
    const char *attr;  /* the attribute name */
    const char *value; /* as written */
    int rank, order;
} S_item;

static const char *S_attr_value(xmlAttrPtr a, xmlChar **owned)
{
    *owned = NULL;
    if (!a->children)
        return "";
    if (!a->children->next && a->children->type == XML_TEXT_NODE && a->children->content)
        return (const char *)a->children->content;
    *owned = xmlNodeListGetString(a->doc, a->children, 1);
    return *owned ? (const char *)*owned : "";
}

/* Ignoring a property changes nothing when it is set to what impack does
 * anyway: XSL's initial value, or a value with no effect. Those are not
 * worth a warning (DocBook XSL writes several on every document). */
static int S_trivial(const char *name, const char *v)
{
    static const char *const any[] = {"auto", "normal", "none", "inherit", "false", "0", "0pt"};
    static const struct {
        const char *name, *value;
    } initial[] = {
        {"caption-side", "before"},
        {"direction", "ltr"},
        {"empty-cells", "show"},
        {"format", "1"},
        {"hyphenation-character", "-"},
        {"hyphenation-character", "\xe2\x80\x90"},
        {"hyphenation-keep", "auto"},
        {"hyphenation-ladder-count", "no-limit"},
        {"hyphenation-push-character-count", "2"},
        {"hyphenation-remain-character-count", "2"},
        {"line-height-shift-adjustment", "consider-shifts"},
        {"relative-align", "before"},
        {"table-omit-footer-at-break", "false"},
        {"table-omit-header-at-break", "false"},
    };
    while (*v == ' ')
        v++;
    for (size_t i = 0; i < sizeof any / sizeof any[0]; i++)
        if (!strcasecmp(v, any[i]))
            return 1;
    for (size_t i = 0; i < sizeof initial / sizeof initial[0]; i++)
        if (!strcmp(name, initial[i].name) && !strcmp(v, initial[i].value))
            return 1;
    return 0;
}

static void S_foreign_attr(imp_fo_el *e, xmlAttrPtr a, const char *v)
{
    const char *ns = a->ns->href ? (const char *)a->ns->href : "";
    const char *name = (const char *)a->name;
    if (!strcmp(ns, S_XML_NS)) {
        if (!strcmp(name, "lang")) {
            size_t n = strlen(v);
            e->xml_lang = n && n <= 35 ? imp_fo_pool_intern(e->c->pool, v, n) : "";
        } else if (!strcmp(name, "id") && !e->p->id && *v) {
            e->p->id = imp_fo_pool_strndup(e->c->pool, v, strlen(v));
        }
        return; /* xml:space, xml:base: nothing to do */
    }
    if (!strcmp(ns, S_FOX_NS)) {
        if (!strcmp(name, "alt-text"))
            e->p->alt_text = *v ? imp_fo_pool_strndup(e->c->pool, v, strlen(v)) : NULL;
        return;
    }
    if (!strcmp(ns, S_RX_NS))
        return;
    char key[300];
    snprintf(key, sizeof key, "attr-ns:%s", ns);
    if (imp_fo_once(e->c, key))
        imp_fo_warn(e->c, e->fo->line, "fo-foreign-attribute",
                    "attributes in namespace \"%s\" (first: %s%s%s on fo:%s, line %ld) are not "
                    "understood by impack and are ignored",
                    ns, a->ns->prefix ? (const char *)a->ns->prefix : "",
                    a->ns->prefix ? ":" : "", name, e->fo->name, e->fo->line);
}

/* Sort the properties of one element into processing order (stable). */
static void S_sort(S_item *it, int n)
{
    for (int i = 1; i < n; i++) {
        S_item x = it[i];
        int j = i;
        while (j > 0 && (it[j - 1].rank > x.rank ||
                         (it[j - 1].rank == x.rank && it[j - 1].order > x.order))) {
            it[j] = it[j - 1];
            j--;
        }
        it[j] = x;
    }
}

static int S_collect(imp_fo_el *e, xmlNodePtr el, S_item *it, xmlChar **owned)
{
    int n = 0, order = 0;
    for (xmlAttrPtr a = el->properties; a; a = a->next, order++) {
        const char *name = (const char *)a->name;
        if (n == S_MAX_ATTRS) {
            imp_fo_warn(e->c, e->fo->line, "fo-too-many-attributes",
                        "fo:%s (line %ld) has more than %d attributes; the rest are ignored",
                        e->fo->name, e->fo->line, S_MAX_ATTRS);
            break;
        }
        const char *v = S_attr_value(a, &owned[n]);
        if (a->ns && (!a->ns->href || strcmp((const char *)a->ns->href, IMP_FO_NS))) {
            S_foreign_attr(e, a, v);
            xmlFree(owned[n]);
            owned[n] = NULL;
            continue;
        }
        const char *dot = strchr(name, '.');
        const imp_fo_pdef *d = S_lookup(name, dot ? (size_t)(dot - name) : strlen(name));
        if (!d || (dot && (!(d->flags & IMP_PF_COMP) || !S_comp_ok(d, dot + 1)))) {
            char key[120];
            snprintf(key, sizeof key, "unknown-prop:%s", name);
            int r = imp_fo_limited(e->c, key);
            if (r)
                imp_fo_warn(e->c, e->fo->line, "fo-unknown-property",
                            "unknown property \"%s\" on fo:%s (line %ld) is ignored%s", name,
                            e->fo->name, e->fo->line,
                            r == 2 ? " (later uses are not reported)" : "");
        } else if (d->id == P_IGNORED) {
            char key[120];
            snprintf(key, sizeof key, "ignored-prop:%s", d->name);
            if (!S_trivial(d->name, v) && imp_fo_once(e->c, key))
                imp_fo_warn(e->c, e->fo->line, "fo-unsupported-property",
                            "%s=\"%s\" on fo:%s (line %ld) is not supported by impack and is "
                            "ignored (not reported again for %s)",
                            name, v, e->fo->name, e->fo->line, d->name);
        } else if (d->id != P_SILENT) {
            it[n] = (S_item){d, dot ? dot + 1 : NULL, name, v, dot ? R_COMP : d->rank, order};
            n++;
            continue; /* keeps owned[n - 1] until the value is used */
        }
        xmlFree(owned[n]);
        owned[n] = NULL;
    }
    return n;
}

/* ---- applying values ------------------------------------------------------- */

static void S_invalid(imp_fo_el *e, const imp_fo_pdef *d, const char *v)
{
    char using[64];
    const imp_props *p = e->p;
    switch ((imp_fo_pid)d->id) {
    case P_FONT_SIZE:
        snprintf(using, sizeof using, "using %gpt", p->font_size);
        break;
    case P_INDENT:
        snprintf(using, sizeof using, "using %gpt",
                 d->arg == IMP_START ? p->start_indent : p->end_indent);
        break;
    case P_FONT:
    case P_BACKGROUND:
    case P_MARGIN_ALL:
    case P_PADDING_ALL:
    case P_BORDER_ALL:
    case P_BORDER_SIDE:
    case P_PAGE_BREAK:
    case P_SIZE:
    case P_WHITE_SPACE:
        snprintf(using, sizeof using, "it is ignored");
        break;
    default:
        snprintf(using, sizeof using, "using the %s value",
                 d->flags & IMP_PF_INH ? "inherited" : "initial");
        break;
    }
    /* a function or an expression impack does not evaluate there (a
     * property function in a shorthand, length times length) may well be
     * valid XSL: say so rather than call it wrong */
    static const char *const fns[] = {"from-parent(", "inherited-property-value(",
                                      "from-nearest-specified-value(", "from-table-column(",
                                      "merge-property-values(", "system-color(", "system-font("};
    int expr = 0;
    for (size_t i = 0; i < sizeof fns / sizeof fns[0] && !expr; i++)
        expr = strstr(v, fns[i]) != NULL;
    imp_fo_warn(e->c, e->fo->line, expr ? "fo-unsupported-value" : "fo-invalid-value",
                "%s=\"%s\" on fo:%s (line %ld) is %s; %s", e->attr, v, e->fo->name, e->fo->line,
                expr ? "an expression impack cannot evaluate there" : "not a valid value", using);
}

/* The parent's value of a colour property named arg, set as this FO's
 * color or background-color (whichever is being computed). 0 when either
 * is not a colour property impack keeps. */
static int S_parent_color(imp_fo_el *e, const char *arg)
{
    const imp_props *pp = e->pp;
    const imp_color *c = !strcmp(arg, "color")              ? &pp->color
                         : !strcmp(arg, "background-color") ? &pp->background_color
                                                            : NULL;
    /* relative sides, and lr-tb's absolute ones */
    static const char *const sides[8] = {"before", "after", "start", "end",
                                         "top",    "bottom", "left", "right"};
    for (int s = 0; !c && s < 8; s++) {
        char name[32];
        snprintf(name, sizeof name, "border-%s-color", sides[s]);
        if (!strcmp(arg, name))
            c = &pp->border[s % 4].color;
    }
    if (!c)
        return 0;
    if (!strcmp(e->pname, "color"))
        e->p->color = *c;
    else if (!strcmp(e->pname, "background-color"))
        e->p->background_color = *c;
    else
        return 0;
    return 1;
}

/* from-parent(), inherited-property-value() and from-nearest-specified-value()
 * with nothing around them: the parent's value, for any property (the
 * evaluator only handles them inside numeric expressions). from-table-column()
 * is taken the same way, with a warning. Returns 1 (inherit), 2 (set here:
 * another colour property's value), 0 (not such a call). */
static int S_parent_fn(imp_fo_el *e, const char *v)
{
    static const char *const fn[] = {"from-parent", "inherited-property-value",
                                     "from-nearest-specified-value", "from-table-column"};
    for (size_t i = 0; i < sizeof fn / sizeof fn[0]; i++) {
        size_t n = strlen(fn[i]);
        if (strncmp(v, fn[i], n))
            continue;
        const char *p = v + n + strspn(v + n, " ");
        if (*p != '(' || !strchr(p, ')') || strchr(p, ')')[1])
            return 0;
        /* from-parent(background-color) for color (and the like): the
         * parent's value of the named colour property */
        char arg[64];
        size_t k = strspn(p + 1, " ");
        size_t len = strcspn(p + 1 + k, " )");
        if (i < 3 && len > 0 && len < sizeof arg) {
            memcpy(arg, p + 1 + k, len);
            arg[len] = '\0';
            if (strcmp(arg, e->pname) && S_parent_color(e, arg))
                return 2;
        }
        if (i == 3 && imp_fo_once(e->c, "from-table-column"))
            imp_fo_warn(e->c, e->fo->line, "fo-unsupported-value",
                        "%s=\"%s\" on fo:%s (line %ld): from-table-column() is not supported "
                        "by impack; the inherited value is used (not reported again)",
                        e->attr, v, e->fo->name, e->fo->line);
        return 1;
    }
    return 0;
}

static void S_apply(imp_fo_el *e, const S_item *it)
{
    const char *v = it->value;
    size_t n;
    char buf[256], *w = buf;
    if (!(it->d->flags & IMP_PF_RAW)) {
        while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
            v++;
    }
    n = strlen(v);
    if (!(it->d->flags & IMP_PF_RAW))
        while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\n' || v[n - 1] == '\r'))
            n--;
    /* two copies: the handler may cut its copy up, the message shows the other */
    if (2 * n + 2 > sizeof buf && !(w = malloc(2 * n + 2)))
        return;
    memcpy(w, v, n);
    w[n] = '\0';
    memcpy(w + n + 1, v, n);
    w[2 * n + 1] = '\0';
    e->pname = it->d->name;
    e->attr = it->attr;
    if (!strcasecmp(w, "inherit")) {
        imp_fo_prop_inherit(e, it->d);
    } else if (imp_fo_prop_set(e, it->d, it->comp, w + n + 1) < 0) {
        int pf = S_parent_fn(e, w);
        if (pf == 1)
            imp_fo_prop_inherit(e, it->d);
        else if (!pf)
            S_invalid(e, it->d, w);
    }
    if (w != buf)
        free(w);
}

/* ---- the last step: values that depend on others ---------------------------- */

static void S_lang(imp_fo_el *e)
{
    imp_props *p = e->p;
    char buf[80];
    if (e->xml_lang) {
        p->lang = *e->xml_lang && strcasecmp(e->xml_lang, "none") ? (char *)e->xml_lang : NULL;
        return;
    }
    if (!e->language && !e->country)
        return;
    const char *cur = p->lang ? p->lang : "";
    size_t ln = strcspn(cur, "-_");
    const char *lang = cur, *country = cur[ln] ? cur + ln + 1 : "";
    if (e->language) {
        lang = strcasecmp(e->language, "none") ? e->language : "";
        ln = strlen(lang);
    }
    if (e->country)
        country = strcasecmp(e->country, "none") ? e->country : "";
    if (!ln || ln + strlen(country) + 2 > sizeof buf) {
        p->lang = NULL; /* a country without a language says nothing */
        return;
    }
    memcpy(buf, lang, ln);
    size_t n = ln;
    if (*country) {
        buf[n++] = '-';
        for (const char *c = country; *c; c++)
            buf[n++] = (char)toupper((unsigned char)*c);
    }
    p->lang = imp_fo_pool_intern(e->c->pool, buf, n);
}

static int S_stronger(int a, int b)
{
    return a > b ? a : b; /* IMP_KEEP_ALWAYS is the largest strength */
}

static void S_keeps(imp_fo_el *e)
{
    imp_props *p = e->p;
    int *field[3] = {&p->keep_together, &p->keep_with_next, &p->keep_with_previous};
    for (int k = 0; k < 3; k++) {
        if (!e->keep_set[k][0] && !e->keep_set[k][1])
            continue;
        int base = k == 0 ? e->pp->keep_together : 0;
        int page = e->keep_set[k][0] ? e->keep[k][0] : base;
        int col = e->keep_set[k][1] ? e->keep[k][1] : base;
        *field[k] = S_stronger(page, col);
    }
}

static void S_space_fix(imp_space *s)
{
    if (s->max < s->opt)
        s->max = s->opt;
    if (s->min > s->opt)
        s->min = s->opt;
}

static int S_is_inline(imp_fo_kind k)
{
    switch (k) {
    case IMP_FO_INLINE:
    case IMP_FO_INLINE_CONTAINER:
    case IMP_FO_BASIC_LINK:
    case IMP_FO_LEADER:
    case IMP_FO_CHARACTER:
    case IMP_FO_PAGE_NUMBER:
    case IMP_FO_PAGE_NUMBER_CITATION:
    case IMP_FO_PAGE_NUMBER_CITATION_LAST:
    case IMP_FO_EXTERNAL_GRAPHIC:
    case IMP_FO_INSTREAM_FOREIGN_OBJECT:
    case IMP_FO_FOOTNOTE:
    case IMP_FO_WRAPPER:
    case IMP_FO_TITLE:
    case IMP_FO_BOOKMARK_TITLE:
        return 1;
    default:
        return 0;
    }
}

static int S_is_region(imp_fo_kind k)
{
    return k == IMP_FO_REGION_BODY || k == IMP_FO_REGION_BEFORE || k == IMP_FO_REGION_AFTER ||
           k == IMP_FO_REGION_START || k == IMP_FO_REGION_END;
}

/* XSL 5.3.2: margins of block-level FOs become space-before/after and
 * start/end-indent; of inline-level FOs, space-start/end. Page masters
 * and regions keep plain margins. */
static void S_margins(imp_fo_el *e)
{
    imp_props *p = e->p;
    const imp_props *pp = e->pp;
    imp_fo_kind k = e->fo->kind;
    int page = k == IMP_FO_SIMPLE_PAGE_MASTER || S_is_region(k);
    double ref = 0;
    if (k == IMP_FO_SIMPLE_PAGE_MASTER)
        ref = imp_fo_len(p->page_width, 0, 0);
    else if (page)
        ref = imp_fo_len(pp->page_width, 0, 0) - pp->margin[IMP_START] - pp->margin[IMP_END];
    for (int s = 0; s < 4; s++) {
        if (!e->margin_set[s])
            continue;
        const imp_fo_val *m = &e->margin[s];
        p->margin[s] = m->v + (page ? m->pct / 100 * ref : 0);
        if (page)
            continue;
        int inl = S_is_inline(k);
        if (m->pct != 0 && (inl || s < IMP_START) && imp_fo_once(e->c, "margin-percent"))
            imp_fo_warn(e->c, e->fo->line, "fo-unsupported-value",
                        "a percentage in margin-%s on fo:%s (line %ld) is not supported by "
                        "impack there; it is taken as 0 (not reported again)",
                        s == IMP_BEFORE ? "top" : s == IMP_AFTER ? "bottom"
                        : s == IMP_START ? "left" : "right",
                        e->fo->name, e->fo->line);
        if ((!inl && s < IMP_START) || (inl && s >= IMP_START)) {
            if (e->space_set[s])
                continue; /* the relative property was given: it wins */
            imp_space *sp = s == IMP_BEFORE  ? &p->space_before
                            : s == IMP_AFTER ? &p->space_after
                            : s == IMP_START ? &p->space_start
                                             : &p->space_end;
            /* min = opt = max = the margin; margins are kept at page breaks
             * (retain), precedence stays 0 as Apache FOP does */
            sp->min = sp->opt = sp->max = m->v;
            sp->retain = 1;
            sp->precedence = 0;
        } else if (!inl && !e->indent_set[s]) {
            double bw = p->border[s].width, pad = p->padding[s];
            if (s == IMP_START) {
                p->start_indent = pp->start_indent + m->v + bw + pad;
                p->start_indent_pct = pp->start_indent_pct + m->pct;
            } else {
                p->end_indent = pp->end_indent + m->v + bw + pad;
                p->end_indent_pct = pp->end_indent_pct + m->pct;
            }
        }
    }
}

static void S_finish(imp_fo_el *e)
{
    imp_props *p = e->p;
    S_lang(e);
    if (p->line_height_factor > 0)
        p->line_height = p->line_height_factor * p->font_size;
    if (e->bs_pct_set)
        p->baseline_shift = e->bs_v + e->bs_pct / 100 * p->line_height;
    S_keeps(e);
    for (int s = 0; s < 4; s++) {
        imp_border *b = &p->border[s];
        if (!e->bc_set[s])
            b->color = p->color; /* the initial border colour is the text colour */
        if (b->style == IMP_BS_NONE || b->style == IMP_BS_HIDDEN)
            b->width = 0;
        else
            b->width = e->bw_set[s] ? e->bw[s] : 1; /* initial: medium */
    }
    S_space_fix(&p->space_before);
    S_space_fix(&p->space_after);
    S_space_fix(&p->space_start);
    S_space_fix(&p->space_end);
    S_margins(e);
}

static const char *S_region_name(imp_fo_kind k)
{
    switch (k) {
    case IMP_FO_REGION_BODY:
        return "xsl-region-body";
    case IMP_FO_REGION_BEFORE:
        return "xsl-region-before";
    case IMP_FO_REGION_AFTER:
        return "xsl-region-after";
    case IMP_FO_REGION_START:
        return "xsl-region-start";
    case IMP_FO_REGION_END:
        return "xsl-region-end";
    default:
        return NULL;
    }
}

void imp_fo_props_compute(imp_fo_ctx *c, imp_fo *fo, xmlNodePtr el, const imp_props *parent,
                          const imp_props *list_block)
{
    imp_fo_el e;
    S_item items[S_MAX_ATTRS];
    xmlChar *owned[S_MAX_ATTRS + 1];
    const imp_props *pp = parent ? parent : &c->init;
    imp_props own;
    imp_props *p = &own;
    /* fields before space_before are the inherited ones (see fo.h) */
    size_t cut = offsetof(imp_props, space_before);
    memcpy(p, pp, cut);
    memcpy((char *)p + cut, (const char *)&c->init + cut, sizeof *p - cut);
    p->display_align = pp->display_align; /* inherited too (XSL 7.14.4, 7.20.3) */
    p->keep_together = pp->keep_together;
    p->region_name = (char *)S_region_name(fo->kind);

    memset(&e, 0, sizeof e);
    e.c = c;
    e.fo = fo;
    e.p = p;
    e.pp = pp;
    e.lb = list_block;
    int n = S_collect(&e, el, items, owned);
    S_sort(items, n);
    for (int i = 0; i < n; i++)
        S_apply(&e, &items[i]);
    for (int i = 0; i < n; i++)
        xmlFree(owned[i]);
    S_finish(&e);
    /* equal values are shared; out of memory (the pool says so) leaves the
     * initial values, so that fo->p is never NULL */
    fo->p = imp_fo_pool_props(c->pool, p);
    if (!fo->p)
        fo->p = &c->init;
}
