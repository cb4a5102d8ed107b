/* props_set.c: one property value at a time: value readers, keywords, fonts, text (XSL 1.1 §7). */
#include "fo_int.h"

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Enumerated fields are written through an int. */
_Static_assert(sizeof(imp_text_align) == sizeof(int), "enum fields must be int-sized");
_Static_assert(sizeof(imp_border_style) == sizeof(int), "enum fields must be int-sized");

#define S_MAX_COUNT 100000 /* column/row counts beyond this are refused (layout allocates per column) */

typedef struct {
    size_t off;
    const char *kw[10];
    int val[10];
} S_enum;

#define S_OFF(f) offsetof(imp_props, f)

static const S_enum S_enums[E_COUNT] = {
    [E_FONT_STYLE] = {S_OFF(font_style), {"normal", "italic", "oblique", "backslant"}, {0, 1, 2, 2}},
    [E_FONT_VARIANT] = {S_OFF(font_variant_small_caps), {"normal", "small-caps"}, {0, 1}},
    [E_TEXT_ALIGN] = {S_OFF(text_align),
                      {"start", "center", "end", "justify", "inside", "outside", "left", "right"},
                      {IMP_TA_START, IMP_TA_CENTER, IMP_TA_END, IMP_TA_JUSTIFY, IMP_TA_INSIDE,
                       IMP_TA_OUTSIDE, IMP_TA_LEFT, IMP_TA_RIGHT}},
    [E_TEXT_ALIGN_LAST] = {S_OFF(text_align_last),
                           {"relative", "start", "center", "end", "justify", "inside", "outside",
                            "left", "right"},
                           {IMP_TA_RELATIVE, IMP_TA_START, IMP_TA_CENTER, IMP_TA_END,
                            IMP_TA_JUSTIFY, IMP_TA_INSIDE, IMP_TA_OUTSIDE, IMP_TA_LEFT,
                            IMP_TA_RIGHT}},
    [E_HYPHENATE] = {S_OFF(hyphenate), {"false", "true"}, {0, 1}},
    [E_WHITE_SPACE_COLLAPSE] = {S_OFF(white_space_collapse), {"false", "true"}, {0, 1}},
    [E_LINEFEED] = {S_OFF(linefeed_treatment),
                    {"treat-as-space", "ignore", "preserve", "treat-as-zero-width-space"},
                    {IMP_LF_TREAT_AS_SPACE, IMP_LF_IGNORE, IMP_LF_PRESERVE,
                     IMP_LF_TREAT_AS_ZWSP}},
    [E_WHITE_SPACE_TREATMENT] = {S_OFF(white_space_treatment),
                                 {"ignore-if-surrounding-linefeed", "ignore", "preserve",
                                  "ignore-if-before-linefeed", "ignore-if-after-linefeed"},
                                 {IMP_WS_IGNORE_IF_SURROUNDING_LINEFEED, IMP_WS_IGNORE,
                                  IMP_WS_PRESERVE, IMP_WS_IGNORE_IF_BEFORE_LINEFEED,
                                  IMP_WS_IGNORE_IF_AFTER_LINEFEED}},
    [E_WRAP_OPTION] = {S_OFF(wrap_option_wrap), {"wrap", "no-wrap"}, {1, 0}},
    [E_BORDER_COLLAPSE] = {S_OFF(border_collapse),
                           {"collapse", "collapse-with-precedence", "separate"}, {1, 1, 0}},
    [E_LEADER_PATTERN] = {S_OFF(leader_pattern), {"space", "rule", "dots", "use-content"},
                          {IMP_LEADER_SPACE, IMP_LEADER_RULE, IMP_LEADER_DOTS,
                           IMP_LEADER_USE_CONTENT}},
    [E_RULE_STYLE] = {S_OFF(rule_style),
                      {"none", "dotted", "dashed", "solid", "double", "groove", "ridge"},
                      {IMP_BS_NONE, IMP_BS_DOTTED, IMP_BS_DASHED, IMP_BS_SOLID, IMP_BS_DOUBLE,
                       IMP_BS_GROOVE, IMP_BS_RIDGE}},
    [E_VISIBILITY] = {S_OFF(visibility_hidden), {"visible", "hidden", "collapse"}, {0, 1, 1}},
    [E_LEADER_ALIGNMENT] = {S_OFF(leader_align), {"none", "reference-area", "page"}, {0, 1, 1}},
    [E_DISPLAY_ALIGN] = {S_OFF(display_align), {"auto", "before", "center", "after"},
                         {0, 0, 1, 2}},
    [E_OVERFLOW] = {S_OFF(overflow_hidden),
                    {"visible", "auto", "repeat", "hidden", "scroll", "error-if-overflow"},
                    {0, 0, 0, 1, 1, 1}},
    [E_SCALING] = {S_OFF(scaling_non_uniform), {"uniform", "non-uniform"}, {0, 1}},
    [E_FORCE_PAGE_COUNT] = {S_OFF(force_page_count),
                            {"auto", "even", "odd", "end-on-even", "end-on-odd", "no-force"},
                            {IMP_FPC_AUTO, IMP_FPC_EVEN, IMP_FPC_ODD, IMP_FPC_END_ON_EVEN,
                             IMP_FPC_END_ON_ODD, IMP_FPC_NO_FORCE}},
    [E_PAGE_POSITION] = {S_OFF(page_position), {"any", "first", "last", "rest", "only"},
                         {IMP_PP_ANY, IMP_PP_FIRST, IMP_PP_LAST, IMP_PP_REST, IMP_PP_ONLY}},
    [E_ODD_OR_EVEN] = {S_OFF(odd_or_even), {"any", "odd", "even"},
                       {IMP_OE_ANY, IMP_OE_ODD, IMP_OE_EVEN}},
    [E_BLANK_OR_NOT_BLANK] = {S_OFF(blank_or_not_blank), {"any", "blank", "not-blank"},
                              {IMP_BNB_ANY, IMP_BNB_BLANK, IMP_BNB_NOT_BLANK}},
    [E_TABLE_LAYOUT] = {S_OFF(table_layout_fixed), {"auto", "fixed"}, {0, 1}},
    [E_RETRIEVE_POSITION] = {S_OFF(retrieve_position),
                             {"first-starting-within-page", "first-including-carryover",
                              "last-starting-within-page", "last-ending-within-page"},
                             {IMP_RP_FIRST_STARTING, IMP_RP_FIRST_INCLUDING_CARRYOVER,
                              IMP_RP_LAST_STARTING, IMP_RP_LAST_ENDING}},
    [E_RETRIEVE_BOUNDARY] = {S_OFF(retrieve_boundary), {"page-sequence", "page", "document"},
                             {IMP_RB_PAGE_SEQUENCE, IMP_RB_PAGE, IMP_RB_DOCUMENT}},
    [E_STARTING_STATE] = {S_OFF(starting_state_show), {"hide", "show"}, {0, 1}},
    [E_PRECEDENCE] = {S_OFF(precedence), {"false", "true"}, {0, 1}},
    [E_STARTS_ROW] = {S_OFF(starts_row), {"false", "true"}, {0, 1}},
    [E_ENDS_ROW] = {S_OFF(ends_row), {"false", "true"}, {0, 1}},
    [E_OMIT_HEADER] = {S_OFF(omit_header_at_break), {"false", "true"}, {0, 1}},
    [E_OMIT_FOOTER] = {S_OFF(omit_footer_at_break), {"false", "true"}, {0, 1}},
    [E_SPAN] = {S_OFF(span_all), {"none", "all"}, {0, 1}},
    [E_BG_REPEAT] = {S_OFF(background_repeat), {"repeat", "repeat-x", "repeat-y", "no-repeat"},
                     {IMP_BR_REPEAT, IMP_BR_REPEAT_X, IMP_BR_REPEAT_Y, IMP_BR_NO_REPEAT}},
    [E_FLOAT] = {S_OFF(float_kind),
                 {"none", "before", "start", "end", "left", "right", "inside", "outside"},
                 {IMP_FLOAT_NONE, IMP_FLOAT_BEFORE, IMP_FLOAT_SIDE, IMP_FLOAT_SIDE, IMP_FLOAT_SIDE,
                  IMP_FLOAT_SIDE, IMP_FLOAT_SIDE, IMP_FLOAT_SIDE}},
    [E_ABSOLUTE_POSITION] = {S_OFF(absolute_position), {"auto", "absolute", "fixed"}, {0, 1, 2}},
    [E_TEXT_TRANSFORM] = {S_OFF(text_transform), {"none", "uppercase", "lowercase", "capitalize"},
                          {IMP_TT_NONE, IMP_TT_UPPERCASE, IMP_TT_LOWERCASE, IMP_TT_CAPITALIZE}},
};

/* ---- small helpers -------------------------------------------------------- */

int imp_fo_is(const char *v, const char *kw)
{
    return !strcasecmp(v, kw);
}

static void S_put_int(imp_props *p, size_t off, int v)
{
    memcpy((char *)p + off, &v, sizeof v);
}

static int S_get_int(const imp_props *p, size_t off)
{
    int v;
    memcpy(&v, (const char *)p + off, sizeof v);
    return v;
}

void imp_fo_warn_once(imp_fo_el *e, const char *key, const char *fmt, const char *a,
                        const char *b)
{
    char k[160];
    snprintf(k, sizeof k, "%s", key);
    if (imp_fo_once(e->c, k))
        imp_fo_warn(e->c, e->fo->line, "fo-unsupported-value", fmt, a, b, e->fo->name,
                    e->fo->line);
}

/* Split a shorthand at white space outside parentheses and quotes, in place.
 * Returns the number of tokens, or -1 when there are none or more than max. */
int imp_fo_split(char *s, char **tok, int max)
{
    int n = 0;
    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            *s++ = '\0';
        if (!*s)
            break;
        if (n == max)
            return -1;
        tok[n++] = s;
        int depth = 0;
        char quote = 0;
        while (*s && (quote || depth || !(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))) {
            if (quote) {
                if (*s == quote)
                    quote = 0;
            } else if (*s == '\'' || *s == '"') {
                quote = *s;
            } else if (*s == '(') {
                depth++;
            } else if (*s == ')' && depth) {
                depth--;
            }
            s++;
        }
    }
    return n ? n : -1;
}

/* CSS's 1-4 value order (top, right, bottom, left) → which token each
 * relative side (before, after, start, end in lr-tb) takes. */
void imp_fo_four(int n, int idx[4])
{
    idx[IMP_BEFORE] = 0;
    idx[IMP_AFTER] = n >= 3 ? 2 : 0;
    idx[IMP_START] = n == 4 ? 3 : n >= 2 ? 1 : 0;
    idx[IMP_END] = n >= 2 ? 1 : 0;
}

/* ---- numbers and lengths -------------------------------------------------- */

static int S_eval(imp_fo_el *e, const char *v, double em, imp_fo_val *out)
{
    imp_fo_ectx x = {em, e->pp, e->lb, e->pname, 0, 0, 0};
    if (imp_fo_eval(v, &x, out))
        return -1;
    e->body_start |= x.used_body_start;
    e->label_end |= x.used_label_end;
    e->bare = x.bare_number;
    return 0;
}

/* A length as points + percent. A unitless number is taken as points with a
 * warning (FO written for lenient formatters has them). */
static int S_length_em(imp_fo_el *e, const char *v, double em, imp_fo_val *out)
{
    if (S_eval(e, v, em, out) || out->pcol != 0)
        return -1;
    if (out->dim == 0) {
        if (out->v != 0) {
            if (!e->bare)
                return -1;
            char key[96];
            snprintf(key, sizeof key, "unitless:%s", e->attr);
            if (imp_fo_once(e->c, key))
                imp_fo_warn(e->c, e->fo->line, "fo-invalid-value",
                            "%s=\"%s\" on fo:%s (line %ld) has no unit; it is read as points "
                            "(later values without a unit are not reported)",
                            e->attr, v, e->fo->name, e->fo->line);
        }
        out->dim = 1;
    }
    return 0;
}

int imp_fo_length(imp_fo_el *e, const char *v, imp_fo_val *out)
{
    return S_length_em(e, v, e->p->font_size, out);
}

/* A length without percentages; min_zero refuses negative values. */
int imp_fo_abs(imp_fo_el *e, const char *v, int min_zero, double *out)
{
    imp_fo_val x;
    if (imp_fo_length(e, v, &x) || x.pct != 0 || (min_zero && x.v < 0))
        return -1;
    *out = x.v;
    return 0;
}

/* A length or a percentage (not both), or auto when auto_ok. */
int imp_fo_lenpct(imp_fo_el *e, const char *v, int auto_ok, int min_zero, imp_len *out)
{
    imp_fo_val x;
    imp_len l;
    /* whole, padding included: computed values are shared when their bytes
     * are equal (imp_fo_pool_props), so no stack garbage may reach them */
    memset(&l, 0, sizeof l);
    if (auto_ok && imp_fo_is(v, "auto")) {
        l.kind = IMP_LEN_AUTO;
    } else {
        if (imp_fo_length(e, v, &x) || (x.pct != 0 && x.v != 0))
            return -1;
        l.kind = x.pct != 0 ? IMP_LEN_PCT : IMP_LEN_PT;
        l.v = x.pct != 0 ? x.pct : x.v;
        if (min_zero && l.v < 0)
            return -1;
    }
    memcpy(out, &l, sizeof l);
    return 0;
}

/* An integer (an expression is allowed: "1 + 1"). */
int imp_fo_integer(imp_fo_el *e, const char *v, int lo, int hi, int *out)
{
    imp_fo_val x;
    if (S_eval(e, v, e->p->font_size, &x) || x.dim != 0 || x.v != floor(x.v) || x.v < lo ||
        x.v > hi)
        return -1;
    *out = (int)x.v;
    return 0;
}

int imp_fo_color_of(imp_fo_el *e, const char *v, imp_color *out)
{
    int rc = imp_fo_color(v, out);
    if (rc == -2) {
        imp_fo_warn(e->c, e->fo->line, "fo-unsupported-value",
                    "%s=\"%s\" on fo:%s (line %ld): system colours are not supported by "
                    "impack; the value is ignored",
                    e->attr, v, e->fo->name, e->fo->line);
        return 1;
    }
    return rc;
}

/* ---- fonts ---------------------------------------------------------------- */

/* "'Times New Roman', serif" → "Times New Roman, serif" (shared with the
 * parent's string when equal, interned otherwise). */
static char *S_family(imp_fo_el *e, const char *v)
{
    size_t len = strlen(v);
    char *buf = malloc(2 * len + 1); /* "a,b" becomes "a, b" */
    char *res = NULL;
    size_t n = 0;
    if (!buf)
        return NULL;
    const char *s = v;
    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == ',')
            s++;
        if (!*s)
            break;
        const char *a = s, *b;
        if (*s == '\'' || *s == '"') {
            char q = *s++;
            a = s;
            while (*s && *s != q)
                s++;
            b = s;
            if (*s)
                s++;
            while (*s && *s != ',')
                s++;
        } else {
            while (*s && *s != ',')
                s++;
            b = s;
        }
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n' || b[-1] == '\r'))
            b--;
        if (b == a)
            continue;
        if (n) {
            buf[n++] = ',';
            buf[n++] = ' ';
        }
        for (; a < b; a++) /* names inside stay as written; line breaks become spaces */
            buf[n++] = (*a == '\n' || *a == '\r' || *a == '\t') ? ' ' : *a;
    }
    buf[n] = '\0';
    if (n && e->pp->font_family && !strcmp(buf, e->pp->font_family))
        res = e->pp->font_family;
    else if (n)
        res = imp_fo_pool_intern(e->c->pool, buf, n);
    free(buf);
    return res;
}

static int S_font_size(imp_fo_el *e, const char *v, double *out)
{
    static const struct {
        const char *k;
        double pt;
    } kw[] = {{"xx-small", 6.944}, {"x-small", 8.333}, {"small", 10},     {"medium", 12},
              {"large", 14.4},     {"x-large", 17.28}, {"xx-large", 20.736}};
    double pfs = e->pp->font_size;
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
        if (imp_fo_is(v, kw[i].k)) {
            *out = kw[i].pt;
            return 0;
        }
    if (imp_fo_is(v, "larger") || imp_fo_is(v, "smaller")) {
        *out = imp_fo_is(v, "larger") ? pfs * 1.2 : pfs / 1.2;
        return 0;
    }
    imp_fo_val x;
    if (S_length_em(e, v, pfs, &x))
        return -1;
    double fs = x.v + x.pct / 100 * pfs;
    if (fs < 0)
        return -1;
    *out = fs;
    return 0;
}

static int S_font_weight(imp_fo_el *e, const char *v, int *out)
{
    int w = e->pp->font_weight;
    if (imp_fo_is(v, "normal")) {
        *out = 400;
    } else if (imp_fo_is(v, "bold")) {
        *out = 700;
    } else if (imp_fo_is(v, "bolder")) { /* the CSS 2.1 table */
        *out = w < 400 ? 400 : w < 600 ? 700 : 900;
    } else if (imp_fo_is(v, "lighter")) {
        *out = w > 700 ? 700 : w > 500 ? 400 : 100;
    } else {
        int n;
        if (imp_fo_integer(e, v, 1, 1000, &n))
            return -1;
        n = (n + 50) / 100 * 100;
        *out = n < 100 ? 100 : n > 900 ? 900 : n;
    }
    return 0;
}

static int S_line_height(imp_fo_el *e, const char *v)
{
    imp_props *p = e->p;
    imp_fo_val x;
    if (imp_fo_is(v, "normal")) {
        p->line_height_factor = 1.2;
        p->line_height = 1.2 * p->font_size;
        return 0;
    }
    if (S_eval(e, v, p->font_size, &x) || x.pcol != 0)
        return -1;
    if (x.dim == 0) { /* a number: inherited as the number (XSL 7.15.4) */
        if (x.v < 0)
            return -1;
        p->line_height_factor = x.v;
        p->line_height = x.v * p->font_size;
        return 0;
    }
    double lh = x.v + x.pct / 100 * p->font_size;
    if (lh < 0)
        return -1;
    p->line_height_factor = 0;
    p->line_height = lh;
    return 0;
}

static int S_is_style_kw(const char *t, int *style)
{
    if (imp_fo_is(t, "italic"))
        *style = 1;
    else if (imp_fo_is(t, "oblique") || imp_fo_is(t, "backslant"))
        *style = 2;
    else
        return 0;
    return 1;
}

/* font="[style || variant || weight] size[/line-height] family" (XSL 7.31.13). */
static int S_font(imp_fo_el *e, char *v)
{
    static const char *const sys[] = {"caption", "icon", "menu", "message-box",
                                      "small-caption", "status-bar"};
    char *orig = strdup(v), *tok[32];
    int rc = -1, style = 0, variant = 0, weight = 400, i = 0;
    int n = orig ? imp_fo_split(v, tok, 32) : -1;
    for (size_t k = 0; n == 1 && k < sizeof sys / sizeof sys[0]; k++)
        if (imp_fo_is(tok[0], sys[k]))
            n = -1; /* system fonts are the platform's: impack has none */
    for (; n > 0 && i < n; i++) {
        int w;
        if (imp_fo_is(tok[i], "normal"))
            continue;
        if (S_is_style_kw(tok[i], &style))
            continue;
        if (imp_fo_is(tok[i], "small-caps")) {
            variant = 1;
            continue;
        }
        if (strchr(tok[i], '/') == NULL && !S_font_weight(e, tok[i], &w) &&
            !(tok[i][0] >= '0' && tok[i][0] <= '9' && strlen(tok[i]) != 3)) {
            weight = w;
            continue;
        }
        break;
    }
    if (n <= 0 || i >= n)
        goto done;
    /* the size, maybe with "/line-height" in the same or the next tokens */
    char *size = tok[i++], *lh = NULL, *slash = strchr(size, '/');
    if (slash) {
        *slash = '\0';
        lh = slash[1] ? slash + 1 : (i < n ? tok[i++] : NULL);
    } else if (i < n && tok[i][0] == '/') {
        lh = tok[i][1] ? tok[i] + 1 : (i + 1 < n ? tok[++i] : NULL);
        i++;
    }
    double fs;
    if (S_font_size(e, size, &fs) || (slash && !lh))
        goto done;
    char *family = NULL;
    if (i < n) {
        family = S_family(e, orig + (tok[i] - v));
        if (!family)
            goto done;
    }
    imp_props save = *e->p;
    e->p->font_style = style;
    e->p->font_variant_small_caps = variant;
    e->p->font_weight = weight;
    e->p->font_size = fs;
    if (family)
        e->p->font_family = family;
    if (S_line_height(e, lh ? lh : "normal")) {
        *e->p = save;
        goto done;
    }
    rc = 0;
done:
    free(orig);
    return rc;
}

/* ---- text ----------------------------------------------------------------- */

static int S_text_decoration(imp_fo_el *e, char *v)
{
    char *tok[8];
    int n = imp_fo_split(v, tok, 8), bits = e->p->text_decoration;
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        const char *t = tok[i];
        if (imp_fo_is(t, "none"))
            bits = 0;
        else if (imp_fo_is(t, "underline"))
            bits |= 1;
        else if (imp_fo_is(t, "no-underline"))
            bits &= ~1;
        else if (imp_fo_is(t, "overline"))
            bits |= 2;
        else if (imp_fo_is(t, "no-overline"))
            bits &= ~2;
        else if (imp_fo_is(t, "line-through"))
            bits |= 4;
        else if (imp_fo_is(t, "no-line-through"))
            bits &= ~4;
        else if (!imp_fo_is(t, "blink") && !imp_fo_is(t, "no-blink"))
            return -1;
    }
    e->p->text_decoration = bits;
    return 0;
}

static int S_white_space(imp_fo_el *e, const char *v)
{
    imp_props *p = e->p;
    int pre = imp_fo_is(v, "pre") || imp_fo_is(v, "pre-wrap");
    if (!pre && !imp_fo_is(v, "normal") && !imp_fo_is(v, "nowrap") && !imp_fo_is(v, "pre-line"))
        return -1;
    p->white_space_collapse = !pre;
    p->linefeed_treatment = pre || imp_fo_is(v, "pre-line") ? IMP_LF_PRESERVE : IMP_LF_TREAT_AS_SPACE;
    p->white_space_treatment = pre ? IMP_WS_PRESERVE : IMP_WS_IGNORE_IF_SURROUNDING_LINEFEED;
    p->wrap_option_wrap = !(imp_fo_is(v, "pre") || imp_fo_is(v, "nowrap"));
    return 0;
}

/* xml:lang-style tags from language and country are put together in props.c. */
static int S_lang_part(imp_fo_el *e, const char *v, const char **out)
{
    size_t n = strlen(v);
    if (!n || n > 35 || strpbrk(v, " \t\n\r"))
        return -1;
    *out = imp_fo_pool_intern(e->c->pool, v, n);
    return *out ? 0 : -1;
}

/* url('x'), url("x"), url(x) or a bare URI → x */
static char *S_uri(imp_fo_el *e, const char *v)
{
    const char *a = v, *b = v + strlen(v);
    if (!strncasecmp(a, "url(", 4) && b > a + 4 && b[-1] == ')') {
        a += 4;
        b--;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
    }
    if (b - a >= 2 && (*a == '\'' || *a == '"') && b[-1] == *a) {
        a++;
        b--;
    }
    return b > a ? imp_fo_pool_strndup(e->c->pool, a, (size_t)(b - a)) : NULL;
}

/* The index of v among an enumeration's keywords, or -1. */
static int S_enum_index(int which, const char *v)
{
    const S_enum *en = &S_enums[which];
    for (int i = 0; i < (int)(sizeof en->kw / sizeof en->kw[0]) && en->kw[i]; i++)
        if (!strcasecmp(v, en->kw[i]))
            return i;
    return -1;
}

/* One background position: a keyword (left, center, right for axis 0; top,
 * center, bottom for 1), a percentage or a length. axis < 0 or out NULL:
 * only whether it is one. */
static int S_bg_pos_token(imp_fo_el *e, const char *v, int axis, imp_len *out)
{
    static const char *const kw[2][3] = {{"left", "center", "right"}, {"top", "center", "bottom"}};
    for (int i = 0; i < 3; i++)
        if ((axis != 1 && !strcasecmp(v, kw[0][i])) || (axis != 0 && !strcasecmp(v, kw[1][i]))) {
            if (out) { /* whole, padding included (see imp_fo_lenpct) */
                memset(out, 0, sizeof *out);
                out->kind = IMP_LEN_PCT;
                out->v = 50.0 * i;
            }
            return 0;
        }
    if (!out)
        return (v[0] >= '0' && v[0] <= '9') || v[0] == '-' || v[0] == '+' || v[0] == '.' ? 0 : -1;
    return imp_fo_lenpct(e, v, 0, 0, out);
}

/* background-position: one or two values, horizontal first unless a
 * keyword says otherwise ("top left"); one value leaves the other centred. */
static int S_bg_pos(imp_fo_el *e, char **tok, int n)
{
    imp_props *p = e->p;
    imp_len h, v;
    memset(&h, 0, sizeof h); /* padding included (see imp_fo_lenpct) */
    memset(&v, 0, sizeof v);
    h.kind = v.kind = IMP_LEN_PCT;
    h.v = v.v = 50;
    int swap = !strcasecmp(tok[0], "top") || !strcasecmp(tok[0], "bottom") ||
               (n == 2 && (!strcasecmp(tok[1], "left") || !strcasecmp(tok[1], "right")));
    if (n == 1) {
        if (S_bg_pos_token(e, tok[0], swap ? 1 : 0, swap ? &v : &h))
            return -1;
    } else if (S_bg_pos_token(e, tok[swap ? 1 : 0], 0, &h) ||
               S_bg_pos_token(e, tok[swap ? 0 : 1], 1, &v)) {
        return -1;
    }
    p->background_pos[0] = h;
    p->background_pos[1] = v;
    return 0;
}

static int S_enum_set(imp_fo_el *e, int which, const char *v)
{
    const S_enum *en = &S_enums[which];
    for (int i = 0; i < 10 && en->kw[i]; i++)
        if (imp_fo_is(v, en->kw[i])) {
            S_put_int(e->p, en->off, en->val[i]);
            return 0;
        }
    return -1;
}

/* ---- the dispatcher -------------------------------------------------------- */

int imp_fo_prop_set(imp_fo_el *e, const imp_fo_pdef *d, const char *comp, char *v)
{
    imp_props *p = e->p;
    imp_fo_val lv;
    double x;
    int n;
    switch ((imp_fo_pid)d->id) {
    case P_FONT:
        return S_font(e, v);
    case P_FONT_FAMILY: {
        char *f = S_family(e, v);
        if (!f)
            return -1;
        p->font_family = f;
        return 0;
    }
    case P_FONT_SIZE:
        return S_font_size(e, v, &p->font_size);
    case P_FONT_WEIGHT:
        return S_font_weight(e, v, &p->font_weight);
    case P_LINE_HEIGHT:
        if (comp && strcmp(comp, "optimum"))
            return strcmp(comp, "minimum") && strcmp(comp, "maximum") &&
                           strcmp(comp, "conditionality") && strcmp(comp, "precedence")
                       ? -1
                       : 0; /* impack sets lines at the optimum */
        return S_line_height(e, v);
    case P_COLOR:
        return imp_fo_color_of(e, v, &p->color);
    case P_BACKGROUND_COLOR:
        return imp_fo_color_of(e, v, &p->background_color);
    case P_BACKGROUND: {
        /* colour, image, repeat and position in any order (attachment
         * is for scrolling media: nothing to draw) */
        char *tok[8], *pos[2];
        imp_color c;
        int k = imp_fo_split(v, tok, 8), np = 0;
        for (int i = 0; i < k; i++) {
            int r = S_enum_index(E_BG_REPEAT, tok[i]);
            if (!imp_fo_color(tok[i], &c))
                p->background_color = c;
            else if (!strncasecmp(tok[i], "url(", 4))
                p->background_image = S_uri(e, tok[i]);
            else if (!strcasecmp(tok[i], "none"))
                p->background_image = NULL;
            else if (r >= 0)
                p->background_repeat = S_enums[E_BG_REPEAT].val[r];
            else if (np < 2 && !S_bg_pos_token(e, tok[i], -1, NULL))
                pos[np++] = tok[i];
        }
        if (np && S_bg_pos(e, pos, np))
            return -1;
        return k < 0 ? -1 : 0;
    }
    case P_BG_POS: {
        if (d->arg < 2)
            return S_bg_pos_token(e, v, d->arg, &p->background_pos[d->arg]);
        char *tok[3];
        int k = imp_fo_split(v, tok, 2);
        return k < 1 ? -1 : S_bg_pos(e, tok, k);
    }
    case P_ENUM:
        return S_enum_set(e, d->arg, v);
    case P_INT:
        if (imp_fo_integer(e, v, 1, S_MAX_COUNT, &n))
            return -1;
        S_put_int(p, d->arg, n);
        return 0;
    case P_STRING: {
        char *s = v[0] ? imp_fo_pool_strndup(e->c->pool, v, strlen(v)) : NULL;
        memcpy((char *)p + d->arg, &s, sizeof s);
        return 0;
    }
    case P_URI: {
        char *s = d->arg == S_OFF(background_image) && !strcasecmp(v, "none") ? NULL : S_uri(e, v);
        memcpy((char *)p + d->arg, &s, sizeof s);
        return 0;
    }
    case P_CHARACTER: {
        char *s = v[0] ? imp_fo_pool_strndup(e->c->pool, v, strlen(v)) : NULL;
        if (!s)
            return -1;
        p->character = s;
        return 0;
    }
    case P_LENGTH:
        if (d->arg == S_OFF(leader_pattern_width) && !strcmp(v, "use-font-metrics"))
            x = 0; /* the leader's own spacing */
        else if (imp_fo_abs(e, v, 1, &x))
            return -1;
        memcpy((char *)p + d->arg, &x, sizeof x);
        return 0;
    case P_LENPCT:
    case P_OFFSET: {
        imp_len l;
        if (imp_fo_lenpct(e, v, d->id == P_OFFSET, d->id != P_OFFSET, &l))
            return -1;
        memcpy((char *)p + d->arg, &l, sizeof l);
        return 0;
    }
    case P_TEXT_INDENT:
    case P_LAST_LINE_END_INDENT:
        if (imp_fo_length(e, v, &lv))
            return -1;
        if (d->id == P_TEXT_INDENT) {
            p->text_indent = lv.v;
            p->text_indent_pct = lv.pct;
        } else {
            p->last_line_end_indent = lv.v;
            p->last_line_end_indent_pct = lv.pct;
        }
        return 0;
    case P_INDENT:
        e->body_start = e->label_end = 0;
        if (imp_fo_length(e, v, &lv))
            return -1;
        if (d->arg == IMP_START) {
            p->start_indent = lv.v;
            p->start_indent_pct = lv.pct;
            p->start_indent_body_start = e->body_start;
        } else {
            p->end_indent = lv.v;
            p->end_indent_pct = lv.pct;
            p->end_indent_label_end = e->label_end;
        }
        e->indent_set[d->arg] = 1;
        return 0;
    case P_LANGUAGE:
        return S_lang_part(e, v, &e->language);
    case P_COUNTRY:
        return S_lang_part(e, v, &e->country);
    case P_WHITE_SPACE:
        return S_white_space(e, v);
    case P_SPACING: {
        double s = 0;
        if (comp && strcmp(comp, "optimum"))
            return strcmp(comp, "minimum") && strcmp(comp, "maximum") &&
                           strcmp(comp, "conditionality") && strcmp(comp, "precedence")
                       ? -1
                       : 0;
        if (!imp_fo_is(v, "normal") && imp_fo_abs(e, v, 0, &s))
            return -1;
        *(d->arg ? &p->word_spacing : &p->letter_spacing) = s;
        return 0;
    }
    case P_TEXT_DECORATION:
        return S_text_decoration(e, v);
    default:
        return imp_fo_prop_set_box(e, d, comp, v);
    }
}

void imp_fo_prop_inherit(imp_fo_el *e, const imp_fo_pdef *d)
{
    imp_props *p = e->p;
    const imp_props *pp = e->pp;
    int s;
    switch ((imp_fo_pid)d->id) {
    case P_FONT:
        p->font_family = pp->font_family;
        p->font_style = pp->font_style;
        p->font_variant_small_caps = pp->font_variant_small_caps;
        p->font_weight = pp->font_weight;
        /* fall through */
    case P_FONT_SIZE:
        p->font_size = pp->font_size;
        break;
    case P_ENUM:
        S_put_int(p, S_enums[d->arg].off, S_get_int(pp, S_enums[d->arg].off));
        break;
    case P_INT:
        S_put_int(p, d->arg, S_get_int(pp, d->arg));
        break;
    case P_STRING:
    case P_URI:
    {
        char *str;
        memcpy(&str, (const char *)pp + d->arg, sizeof str);
        memcpy((char *)p + d->arg, &str, sizeof str);
        break;
    }
    case P_LENGTH:
        memcpy((char *)p + d->arg, (const char *)pp + d->arg, sizeof(double));
        break;
    case P_LENPCT:
    case P_OFFSET:
        memcpy((char *)p + d->arg, (const char *)pp + d->arg, sizeof(imp_len));
        break;
    case P_BACKGROUND:
        p->background_image = pp->background_image;
        p->background_repeat = pp->background_repeat;
        memcpy(p->background_pos, pp->background_pos, sizeof p->background_pos);
        p->background_color = pp->background_color;
        break;
    case P_BACKGROUND_COLOR:
        p->background_color = pp->background_color;
        break;
    case P_BG_POS:
        if (d->arg != 1)
            p->background_pos[0] = pp->background_pos[0];
        if (d->arg != 0)
            p->background_pos[1] = pp->background_pos[1];
        break;
    case P_SPACE:
        s = d->arg;
        e->space_set[s] = 1;
        if (s == IMP_BEFORE)
            p->space_before = pp->space_before;
        else if (s == IMP_AFTER)
            p->space_after = pp->space_after;
        else if (s == IMP_START)
            p->space_start = pp->space_start;
        else
            p->space_end = pp->space_end;
        break;
    case P_PADDING_ALL:
    case P_PADDING_SIDE:
        for (s = 0; s < 4; s++)
            if (d->id == P_PADDING_ALL || s == (d->arg & 3)) {
                p->padding[s] = pp->padding[s];
                p->padding_retain[s] = pp->padding_retain[s];
            }
        break;
    case P_MARGIN_ALL:
    case P_MARGIN_SIDE:
        for (s = 0; s < 4; s++)
            if (d->id == P_MARGIN_ALL || s == (d->arg & 3)) {
                memset(&e->margin[s], 0, sizeof e->margin[s]);
                e->margin[s].v = pp->margin[s];
                e->margin[s].dim = 1;
                e->margin_set[s] = 1;
            }
        break;
    case P_BORDER_ALL:
    case P_BORDER_SIDE:
    case P_BORDER_PART:
        for (s = 0; s < 4; s++) {
            int side = d->id == P_BORDER_SIDE ? (d->arg & 3) : (d->arg >> 2) & 3;
            if (d->id != P_BORDER_ALL && s != side)
                continue;
            p->border[s] = pp->border[s];
            e->bw[s] = pp->border[s].width;
            e->bw_set[s] = e->bc_set[s] = 1;
        }
        break;
    case P_WIDTH:
        *(d->arg ? &p->height : &p->width) = d->arg ? pp->height : pp->width;
        break;
    case P_IPD:
        p->width = pp->width;
        break;
    case P_BPD:
        p->height = pp->height;
        p->min_height = pp->min_height;
        break;
    case P_BREAK:
        *(d->arg ? &p->break_after : &p->break_before) = d->arg ? pp->break_after
                                                                : pp->break_before;
        break;
    case P_KEEP:
        if (d->arg == 1)
            p->keep_with_next = pp->keep_with_next;
        else if (d->arg == 2)
            p->keep_with_previous = pp->keep_with_previous;
        break; /* keep-together is inherited anyway */
    case P_PAGE_DIM:
        *(d->arg ? &p->page_height : &p->page_width) = d->arg ? pp->page_height
                                                              : pp->page_width;
        break;
    case P_BASELINE_SHIFT:
    case P_VERTICAL_ALIGN:
        p->baseline_shift = pp->baseline_shift;
        break;
    case P_COLUMN_WIDTH:
        p->column_width = pp->column_width;
        p->column_proportion = pp->column_proportion;
        break;
    case P_INDENT:
        e->indent_set[d->arg] = 1; /* the inherited value, margins not added */
        break;
    default: /* inherited properties already hold the parent's value */
        break;
    }
}
