/* props_box.c: the box model and pagination properties: spaces, padding, margins, borders, keeps, breaks, sizes. */
#include "fo_int.h"

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define S_A4_W 595.28
#define S_A4_H 841.89

/* ---- spaces, padding, margins, borders ------------------------------------ */

static int S_space(imp_fo_el *e, int side, const char *comp, const char *v)
{
    imp_space *sp = side == IMP_BEFORE  ? &e->p->space_before
                    : side == IMP_AFTER ? &e->p->space_after
                    : side == IMP_START ? &e->p->space_start
                                        : &e->p->space_end;
    double x;
    if (!comp) {
        if (imp_fo_abs(e, v, 0, &x))
            return -1;
        e->space_set[side] = 1;
        sp->min = sp->opt = sp->max = x;
        sp->retain = 0;
        sp->precedence = 0;
        return 0;
    }
    if (!strcmp(comp, "conditionality")) {
        if (!imp_fo_is(v, "discard") && !imp_fo_is(v, "retain"))
            return -1;
        sp->retain = imp_fo_is(v, "retain");
        e->space_set[side] = 1;
        return 0;
    }
    if (!strcmp(comp, "precedence")) {
        int n;
        if (imp_fo_is(v, "force"))
            sp->precedence = INT_MAX;
        else if (imp_fo_integer(e, v, INT_MIN + 1, INT_MAX - 1, &n))
            return -1;
        else
            sp->precedence = n;
        e->space_set[side] = 1;
        return 0;
    }
    if (imp_fo_abs(e, v, 0, &x))
        return -1;
    if (!strcmp(comp, "minimum"))
        sp->min = x;
    else if (!strcmp(comp, "optimum"))
        sp->opt = x;
    else if (!strcmp(comp, "maximum"))
        sp->max = x;
    else
        return -1;
    e->space_set[side] = 1;
    return 0;
}

static int S_padding_value(imp_fo_el *e, const char *v, double *out)
{
    imp_fo_val x;
    if (imp_fo_length(e, v, &x) || x.v < 0 || x.pct < 0)
        return -1;
    if (x.pct != 0 && imp_fo_once(e->c, "padding-percent"))
        imp_fo_warn(e->c, e->fo->line, "fo-unsupported-value",
                    "%s=\"%s\" on fo:%s (line %ld): percentages in padding are not supported "
                    "by impack; the percentage is taken as 0 (not reported again)",
                    e->attr, v, e->fo->name, e->fo->line);
    *out = x.v;
    return 0;
}

static int S_margin_value(imp_fo_el *e, const char *v, imp_fo_val *out)
{
    if (imp_fo_is(v, "auto")) { /* XSL 5.3.2: an auto margin contributes nothing */
        memset(out, 0, sizeof *out);
        out->dim = 1;
        return 0;
    }
    return imp_fo_length(e, v, out);
}

static int S_border_width(imp_fo_el *e, const char *v, double *out)
{
    if (imp_fo_is(v, "thin"))
        *out = 0.5;
    else if (imp_fo_is(v, "medium"))
        *out = 1;
    else if (imp_fo_is(v, "thick"))
        *out = 2;
    else
        return imp_fo_abs(e, v, 1, out);
    return 0;
}

static int S_border_style(const char *v)
{
    static const char *const names[] = {"none",  "solid", "dotted", "dashed", "double",
                                        "groove", "ridge", "inset",  "outset", "hidden"};
    for (int i = 0; i < 10; i++) /* the order of imp_border_style */
        if (imp_fo_is(v, names[i]))
            return i;
    return -1;
}

typedef struct {
    int has_w, has_s, has_c;
    double w;
    int s;
    imp_color c;
} S_bval;

static int S_border_tokens(imp_fo_el *e, char *v, S_bval *b)
{
    char *tok[6];
    int n = imp_fo_split(v, tok, 6);
    memset(b, 0, sizeof *b);
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        int st = S_border_style(tok[i]);
        if (!b->has_s && st >= 0) {
            b->s = st;
            b->has_s = 1;
        } else if (!b->has_w && !S_border_width(e, tok[i], &b->w)) {
            b->has_w = 1;
        } else if (!b->has_c && !imp_fo_color(tok[i], &b->c)) {
            b->has_c = 1;
        } else {
            return -1;
        }
    }
    return 0;
}

/* A shorthand sets all three parts: what it leaves out goes back to initial. */
static void S_border_put(imp_fo_el *e, int side, const S_bval *b)
{
    imp_border *bd = &e->p->border[side];
    bd->style = b->has_s ? (imp_border_style)b->s : IMP_BS_NONE;
    e->bw_set[side] = (unsigned char)b->has_w;
    e->bw[side] = b->has_w ? b->w : 0;
    e->bc_set[side] = (unsigned char)b->has_c;
    if (b->has_c)
        bd->color = b->c;
}

/* border-width / border-style / border-color with 1-4 values. */
static int S_border_four(imp_fo_el *e, int part, char *v)
{
    char *tok[4];
    int idx[4], n = imp_fo_split(v, tok, 4);
    double w[4] = {0};
    int st[4] = {0};
    imp_color c[4] = {{0}};
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (part == 1 && S_border_width(e, tok[i], &w[i]))
            return -1;
        if (part == 2 && (st[i] = S_border_style(tok[i])) < 0)
            return -1;
        if (part == 3 && imp_fo_color(tok[i], &c[i]))
            return -1;
    }
    imp_fo_four(n, idx);
    for (int s = 0; s < 4; s++) {
        if (part == 1) {
            e->bw[s] = w[idx[s]];
            e->bw_set[s] = 1;
        } else if (part == 2) {
            e->p->border[s].style = (imp_border_style)st[idx[s]];
        } else {
            e->p->border[s].color = c[idx[s]];
            e->bc_set[s] = 1;
        }
    }
    return 0;
}

/* border-top-width, border-before-color, ... (part 1 width, 2 style, 3 color). */
static int S_border_part(imp_fo_el *e, int side, int part, const char *comp, char *v)
{
    imp_border *bd = &e->p->border[side];
    if (part == 1) {
        if (comp && !strcmp(comp, "conditionality")) {
            if (!imp_fo_is(v, "discard") && !imp_fo_is(v, "retain"))
                return -1;
            bd->retain = imp_fo_is(v, "retain");
            return 0;
        }
        if (comp && strcmp(comp, "length"))
            return -1;
        if (S_border_width(e, v, &e->bw[side]))
            return -1;
        e->bw_set[side] = 1;
        if (!comp)
            bd->retain = 0;
        return 0;
    }
    if (comp)
        return -1;
    if (part == 2) {
        int st = S_border_style(v);
        if (st < 0)
            return -1;
        bd->style = (imp_border_style)st;
        return 0;
    }
    int rc = imp_fo_color_of(e, v, &bd->color);
    if (!rc)
        e->bc_set[side] = 1;
    return rc;
}

/* ---- keeps and breaks ----------------------------------------------------- */

static int S_keep_value(imp_fo_el *e, const char *v, int *out)
{
    if (imp_fo_is(v, "auto"))
        *out = 0;
    else if (imp_fo_is(v, "always"))
        *out = IMP_KEEP_ALWAYS;
    else if (imp_fo_integer(e, v, INT_MIN + 1, INT_MAX - 1, out))
        return -1;
    else if (*out < 0)
        *out = 0;
    else if (*out >= IMP_KEEP_ALWAYS)
        *out = IMP_KEEP_ALWAYS - 1;
    return 0;
}

static int S_keep(imp_fo_el *e, int which, const char *comp, const char *v)
{
    int k, c;
    if (S_keep_value(e, v, &k))
        return -1;
    if (!comp) {
        for (c = 0; c < 3; c++) {
            e->keep[which][c] = k;
            e->keep_set[which][c] = 1;
        }
        return 0;
    }
    c = !strcmp(comp, "within-page")     ? 0
        : !strcmp(comp, "within-column") ? 1
        : !strcmp(comp, "within-line")   ? 2
                                         : -1;
    if (c < 0)
        return -1;
    e->keep[which][c] = k;
    e->keep_set[which][c] = 1;
    /* keep-together.within-line="always": the content must not be broken
     * into lines (impack does not use within-line keeps otherwise) */
    if (which == 0 && c == 2 && k == IMP_KEEP_ALWAYS)
        e->p->wrap_option_wrap = 0;
    return 0;
}

static int S_break(const char *v, imp_break *out)
{
    if (imp_fo_is(v, "auto"))
        *out = IMP_BREAK_AUTO;
    else if (imp_fo_is(v, "page"))
        *out = IMP_BREAK_PAGE;
    else if (imp_fo_is(v, "column"))
        *out = IMP_BREAK_COLUMN;
    else if (imp_fo_is(v, "even-page"))
        *out = IMP_BREAK_EVEN_PAGE;
    else if (imp_fo_is(v, "odd-page"))
        *out = IMP_BREAK_ODD_PAGE;
    else
        return -1;
    return 0;
}

/* The CSS page-break-* shorthands of XSL 7.31. */
static int S_page_break(imp_fo_el *e, int which, const char *v)
{
    imp_break *br = which == 0 ? &e->p->break_before : &e->p->break_after;
    int keep = which == 0 ? 2 : which == 1 ? 1 : 0; /* previous, next, together */
    if (imp_fo_is(v, "auto")) {
        if (which < 2)
            *br = IMP_BREAK_AUTO;
    } else if (imp_fo_is(v, "avoid")) {
        for (int c = 0; c < 2; c++) {
            e->keep[keep][c] = IMP_KEEP_ALWAYS;
            e->keep_set[keep][c] = 1;
        }
    } else if (which < 2 && imp_fo_is(v, "always")) {
        *br = IMP_BREAK_PAGE;
    } else if (which < 2 && imp_fo_is(v, "left")) {
        *br = IMP_BREAK_EVEN_PAGE;
    } else if (which < 2 && imp_fo_is(v, "right")) {
        *br = IMP_BREAK_ODD_PAGE;
    } else {
        return -1;
    }
    return 0;
}

/* ---- dimensions and pages -------------------------------------------------- */

static int S_pdim(imp_fo_el *e, const char *comp, const char *v, int block)
{
    imp_len l;
    imp_props *p = e->p;
    if (comp && strcmp(comp, "minimum") && strcmp(comp, "optimum") && strcmp(comp, "maximum"))
        return -1;
    if (imp_fo_lenpct(e, v, 1, 1, &l))
        return -1;
    if (!comp || !strcmp(comp, "optimum")) {
        if (block)
            p->height = l;
        else
            p->width = l;
    }
    if (block && (!comp || !strcmp(comp, "minimum")))
        p->min_height = l;
    return 0; /* .maximum: impack never stretches a box beyond its content */
}

static int S_content_dim(imp_fo_el *e, int h, const char *v)
{
    static const char *const fit[] = {"scale-to-fit", "scale-down-to-fit", "scale-up-to-fit"};
    imp_len *l = h ? &e->p->content_height : &e->p->content_width;
    int *flag = h ? &e->p->scale_to_fit_h : &e->p->scale_to_fit_w;
    for (int i = 0; i < 3; i++)
        if (imp_fo_is(v, fit[i])) {
            l->kind = IMP_LEN_AUTO;
            l->v = 0;
            *flag = i + 1;
            return 0;
        }
    if (imp_fo_lenpct(e, v, 1, 1, l))
        return -1;
    *flag = 0;
    return 0;
}

static int S_page_dim(imp_fo_el *e, int h, const char *v)
{
    imp_len *l = h ? &e->p->page_height : &e->p->page_width;
    double x;
    l->kind = IMP_LEN_PT;
    if (imp_fo_is(v, "auto")) {
        l->v = h ? S_A4_H : S_A4_W;
        return 0;
    }
    if (imp_fo_is(v, "indefinite")) {
        l->v = h ? S_A4_H : S_A4_W;
        imp_fo_warn(e->c, e->fo->line, "fo-unsupported-value",
                    "%s=\"indefinite\" on fo:%s (line %ld) is not supported by impack; the "
                    "page is A4 (%gpt)",
                    e->attr, e->fo->name, e->fo->line, l->v);
        return 1;
    }
    if (imp_fo_abs(e, v, 1, &x) || x <= 0)
        return -1;
    l->v = x;
    return 0;
}

/* size="auto | portrait | landscape | <length>{1,2}" (XSL 7.25.15), and the
 * CSS page size names people carry over. */
static int S_size(imp_fo_el *e, char *v)
{
    static const struct {
        const char *name;
        double w, h;
    } named[] = {{"a3", 841.89, 1190.55}, {"a4", S_A4_W, S_A4_H}, {"a5", 419.53, 595.28},
                 {"letter", 612, 792},    {"legal", 612, 1008}};
    char *tok[2];
    int n = imp_fo_split(v, tok, 2);
    double w = S_A4_W, h = S_A4_H;
    int orient = 0, i = 0; /* 1 portrait, 2 landscape */
    if (n < 0)
        return -1;
    for (; i < n; i++) {
        int hit = 0;
        for (size_t k = 0; k < sizeof named / sizeof named[0]; k++)
            if (imp_fo_is(tok[i], named[k].name)) {
                w = named[k].w;
                h = named[k].h;
                hit = 1;
            }
        if (imp_fo_is(tok[i], "portrait") || imp_fo_is(tok[i], "landscape"))
            orient = imp_fo_is(tok[i], "portrait") ? 1 : 2;
        else if (!hit && !imp_fo_is(tok[i], "auto"))
            break;
    }
    if (i < n) { /* lengths */
        if (i != 0 || imp_fo_abs(e, tok[0], 1, &w) || w <= 0)
            return -1;
        h = w;
        if (n == 2 && (imp_fo_abs(e, tok[1], 1, &h) || h <= 0))
            return -1;
    }
    if ((orient == 1 && w > h) || (orient == 2 && w < h)) {
        double t = w;
        w = h;
        h = t;
    }
    e->p->page_width.kind = e->p->page_height.kind = IMP_LEN_PT;
    e->p->page_width.v = w;
    e->p->page_height.v = h;
    return 0;
}

static int S_column_width(imp_fo_el *e, const char *v)
{
    imp_fo_val x;
    imp_props *p = e->p;
    if (imp_fo_is(v, "auto")) {
        p->column_proportion = 0;
        p->column_width.kind = IMP_LEN_AUTO;
        p->column_width.v = 0;
        return 0;
    }
    imp_fo_ectx cx = {p->font_size, e->pp, e->lb, e->pname, 0, 0, 0};
    if (imp_fo_eval(v, &cx, &x) || (x.dim == 0 && x.v != 0) || (x.pct != 0 && x.v != 0) ||
        x.pcol < 0)
        return -1;
    p->column_proportion = x.pcol;
    if (x.pct != 0) {
        p->column_width.kind = IMP_LEN_PCT;
        p->column_width.v = x.pct;
    } else if (x.pcol != 0 && x.v == 0) {
        p->column_width.kind = IMP_LEN_AUTO;
        p->column_width.v = 0;
    } else {
        p->column_width.kind = IMP_LEN_PT;
        p->column_width.v = x.v;
    }
    return 0;
}

static int S_baseline_shift(imp_fo_el *e, const char *v)
{
    imp_fo_val x;
    e->bs_pct_set = 0;
    if (imp_fo_is(v, "baseline")) {
        e->p->baseline_shift = 0;
    } else if (imp_fo_is(v, "super") || imp_fo_is(v, "sub")) {
        /* the parent's superscript position: a third of its font size */
        e->p->baseline_shift = (imp_fo_is(v, "super") ? 0.33 : -0.33) * e->pp->font_size;
    } else {
        if (imp_fo_length(e, v, &x))
            return -1;
        e->p->baseline_shift = x.v;
        if (x.pct != 0) { /* of this FO's line-height, known at the end */
            e->bs_pct_set = 1;
            e->bs_v = x.v;
            e->bs_pct = x.pct;
        }
    }
    return 0;
}

/* ---- the dispatcher for these properties ----------------------------------- */

int imp_fo_prop_set_box(imp_fo_el *e, const imp_fo_pdef *d, const char *comp, char *v)
{
    imp_props *p = e->p;
    char *tok[4];
    int n, idx[4];
    switch ((imp_fo_pid)d->id) {
    case P_BORDER_SEPARATION: {
        double a, b;
        if (comp) {
            if (imp_fo_abs(e, v, 1, &a))
                return -1;
            if (!strcmp(comp, "block-progression-direction"))
                p->border_separation = a;
            else if (!strcmp(comp, "inline-progression-direction"))
                p->border_separation_ipd = a;
            else
                return -1;
            return 0;
        }
        n = imp_fo_split(v, tok, 2);
        if (n < 0 || imp_fo_abs(e, tok[0], 1, &a) || (n == 2 && imp_fo_abs(e, tok[1], 1, &b)))
            return -1;
        p->border_separation_ipd = a;
        p->border_separation = n == 2 ? b : a;
        return 0;
    }
    case P_LEADER_LENGTH: {
        imp_len l;
        if (imp_fo_lenpct(e, v, 0, 1, &l))
            return -1;
        if (!comp || !strcmp(comp, "minimum"))
            p->leader_length_min = l;
        if (!comp || !strcmp(comp, "optimum"))
            p->leader_length_opt = l;
        if (!comp || !strcmp(comp, "maximum"))
            p->leader_length_max = l;
        return !comp || !strcmp(comp, "minimum") || !strcmp(comp, "optimum") ||
                       !strcmp(comp, "maximum")
                   ? 0
                   : -1;
    }
    case P_SPACE:
        return S_space(e, d->arg, comp, v);
    case P_PADDING_ALL: {
        double w[4] = {0};
        n = imp_fo_split(v, tok, 4);
        if (n < 0)
            return -1;
        for (int i = 0; i < n; i++)
            if (S_padding_value(e, tok[i], &w[i]))
                return -1;
        imp_fo_four(n, idx);
        for (int s = 0; s < 4; s++) {
            p->padding[s] = w[idx[s]];
            p->padding_retain[s] = 0;
        }
        return 0;
    }
    case P_PADDING_SIDE: {
        int s = d->arg & 3;
        if (comp && !strcmp(comp, "conditionality")) {
            if (!imp_fo_is(v, "discard") && !imp_fo_is(v, "retain"))
                return -1;
            p->padding_retain[s] = imp_fo_is(v, "retain");
            return 0;
        }
        if (comp && strcmp(comp, "length"))
            return -1;
        if (S_padding_value(e, v, &p->padding[s]))
            return -1;
        if (!comp)
            p->padding_retain[s] = 0;
        return 0;
    }
    case P_MARGIN_ALL: {
        imp_fo_val m[4] = {{0}};
        n = imp_fo_split(v, tok, 4);
        if (n < 0)
            return -1;
        for (int i = 0; i < n; i++)
            if (S_margin_value(e, tok[i], &m[i]))
                return -1;
        imp_fo_four(n, idx);
        for (int s = 0; s < 4; s++) {
            e->margin[s] = m[idx[s]];
            e->margin_set[s] = 1;
        }
        return 0;
    }
    case P_MARGIN_SIDE:
        if (S_margin_value(e, v, &e->margin[d->arg & 3]))
            return -1;
        e->margin_set[d->arg & 3] = 1;
        return 0;
    case P_BORDER_ALL: {
        S_bval b;
        if (d->arg)
            return S_border_four(e, d->arg, v);
        if (S_border_tokens(e, v, &b))
            return -1;
        for (int s = 0; s < 4; s++)
            S_border_put(e, s, &b);
        return 0;
    }
    case P_BORDER_SIDE: {
        S_bval b;
        if (comp) { /* border-before.width: taken as border-before-width */
            int part = !strcmp(comp, "width") || !strcmp(comp, "conditionality") ? 1
                       : !strcmp(comp, "style")                                   ? 2
                       : !strcmp(comp, "color")                                   ? 3
                                                                                  : 0;
            if (!part)
                return -1;
            return S_border_part(e, d->arg & 3, part, part == 1 && comp[0] == 'c' ? comp : NULL,
                                 v);
        }
        if (S_border_tokens(e, v, &b))
            return -1;
        S_border_put(e, d->arg & 3, &b);
        return 0;
    }
    case P_BORDER_PART:
        return S_border_part(e, (d->arg >> 2) & 3, d->arg & 3, comp, v);
    case P_WIDTH:
        return imp_fo_lenpct(e, v, 1, 1, d->arg ? &p->height : &p->width);
    case P_IPD:
    case P_BPD:
        return S_pdim(e, comp, v, d->id == P_BPD);
    case P_CONTENT_DIM:
        return S_content_dim(e, d->arg, v);
    case P_BREAK:
        return S_break(v, d->arg ? &p->break_after : &p->break_before);
    case P_PAGE_BREAK:
        return S_page_break(e, d->arg, v);
    case P_KEEP:
        return S_keep(e, d->arg, comp, v);
    case P_PAGE_DIM:
        return S_page_dim(e, d->arg, v);
    case P_SIZE:
        return S_size(e, v);
    case P_INITIAL_PAGE_NUMBER:
        p->initial_page_number = p->initial_page_parity = 0;
        if (imp_fo_is(v, "auto-odd"))
            p->initial_page_parity = 1;
        else if (imp_fo_is(v, "auto-even"))
            p->initial_page_parity = 2;
        else if (!imp_fo_is(v, "auto") && imp_fo_integer(e, v, 0, INT_MAX - 1, &p->initial_page_number))
            return -1;
        return 0;
    case P_MAXIMUM_REPEATS:
        if (imp_fo_is(v, "no-limit")) {
            p->maximum_repeats = -1;
            return 0;
        }
        return imp_fo_integer(e, v, 0, INT_MAX - 1, &p->maximum_repeats);
    case P_COLUMN_WIDTH:
        return S_column_width(e, v);
    case P_BASELINE_SHIFT:
        return S_baseline_shift(e, v);
    case P_VERTICAL_ALIGN:
        if (imp_fo_is(v, "baseline") || imp_fo_is(v, "super") || imp_fo_is(v, "sub") ||
            (v[0] >= '0' && v[0] <= '9') || v[0] == '-' || v[0] == '.' || v[0] == '+')
            return S_baseline_shift(e, v);
        if (!imp_fo_is(v, "auto") && !imp_fo_is(v, "top") && !imp_fo_is(v, "text-top") &&
            !imp_fo_is(v, "middle") && !imp_fo_is(v, "bottom") && !imp_fo_is(v, "text-bottom"))
            return -1;
        imp_fo_warn_once(e, "vertical-align",
                    "%s=\"%s\" on fo:%s (line %ld) is not supported by impack; the text stays "
                    "on the baseline (not reported again)",
                    e->attr, v);
        return 1;
    case P_REFERENCE_ORIENTATION: {
        int r;
        if (imp_fo_integer(e, v, -270, 270, &r) || r % 90)
            return -1;
        p->reference_orientation = (r + 360) % 360;
        return 0;
    }
    case P_WRITING_MODE:
        if (imp_fo_is(v, "lr-tb") || imp_fo_is(v, "lr") || imp_fo_is(v, "horizontal-tb"))
            return 0;
        imp_fo_warn_once(e, "writing-mode",
                    "%s=\"%s\" on fo:%s (line %ld) is not supported by impack; it lays out "
                    "everything left to right, top to bottom (not reported again)",
                    e->attr, v);
        return 1;
    case P_COLUMN_COUNT:
        return imp_fo_integer(e, v, 1, 1000, &p->column_count);
    default:
        return -1;
    }
}

