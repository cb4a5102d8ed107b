/* fo_expr.c: XSL-FO property values: the expression language of XSL 1.1 §5.9, lengths, colours. */
#include "fo_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define S_MAX_DEPTH 48 /* nesting of parentheses and calls: deeper is refused, never a crash */

typedef struct {
    const char *s;
    imp_fo_ectx *e;
    int depth;
} S_lex;

static int S_isname0(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int S_isname(int c)
{
    return S_isname0(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static void S_ws(S_lex *x)
{
    while (*x->s == ' ' || *x->s == '\t' || *x->s == '\n' || *x->s == '\r')
        x->s++;
}

/* Reads a name into buf (truncated names never match anything). */
static size_t S_name(S_lex *x, char *buf, size_t cap)
{
    size_t n = 0;
    if (!S_isname0((unsigned char)*x->s))
        return 0;
    while (S_isname((unsigned char)*x->s)) {
        if (n + 1 < cap)
            buf[n] = *x->s;
        n++;
        x->s++;
    }
    buf[n < cap ? n : cap - 1] = '\0';
    return n;
}

static int S_expr(S_lex *x, imp_fo_val *out);

static int S_is_zero_num(const imp_fo_val *v)
{
    return v->dim == 0 && v->v == 0;
}

static int S_add(imp_fo_val *a, const imp_fo_val *b, double sign)
{
    if (a->dim != b->dim) {
        /* "0 + 2pt": a bare zero is a length of zero */
        if (S_is_zero_num(a))
            a->dim = 1;
        else if (!S_is_zero_num(b))
            return -1;
    }
    a->v += sign * b->v;
    a->pct += sign * b->pct;
    a->pcol += sign * b->pcol;
    return 0;
}

static void S_scale(imp_fo_val *a, double k)
{
    a->v *= k;
    a->pct *= k;
    a->pcol *= k;
}

static int S_pure(const imp_fo_val *a);

static int S_mul(imp_fo_val *a, const imp_fo_val *b)
{
    if (a->dim + b->dim > 1) {
        /* length × length: allowed as an intermediate value (XSL 5.9.13),
         * to be divided by a length again; not with percentages */
        if (a->dim + b->dim > 2 || !S_pure(a) || !S_pure(b))
            return -1;
        a->v *= b->v;
        a->dim = 2;
        return 0;
    }
    if (a->dim == 0) {
        imp_fo_val t = *b;
        S_scale(&t, a->v);
        *a = t;
    } else {
        S_scale(a, b->v);
    }
    return 0;
}

static int S_pure(const imp_fo_val *a)
{
    return a->pct == 0 && a->pcol == 0;
}

static int S_div(imp_fo_val *a, const imp_fo_val *b)
{
    if (b->dim == 0) {
        if (b->v == 0)
            return -1;
        S_scale(a, 1 / b->v);
        return 0;
    }
    if (a->dim >= 1 && b->dim == 1 && S_pure(a) && S_pure(b) && b->v != 0) {
        a->v /= b->v; /* length / length: a number; length² / length: a length */
        a->dim -= 1;
        return 0;
    }
    return -1;
}

static int S_mod(imp_fo_val *a, const imp_fo_val *b)
{
    if (a->dim != b->dim || !S_pure(a) || !S_pure(b) || b->v == 0)
        return -1;
    a->v = fmod(a->v, b->v);
    return 0;
}

/* A plain decimal ("12", "1.5", ".5"), read without the C library so that
 * the user's locale (a decimal comma) never changes what a value means. */
static int S_decimal(const char *s, const char **end, double *out)
{
    double n = 0, scale = 1;
    int digits = 0;
    while (*s >= '0' && *s <= '9') {
        n = n * 10 + (*s++ - '0');
        digits++;
    }
    if (*s == '.' && s[1] >= '0' && s[1] <= '9') {
        s++;
        while (*s >= '0' && *s <= '9') {
            scale /= 10;
            n += (*s++ - '0') * scale;
            digits++;
        }
    } else if (*s == '.' && digits) {
        s++; /* "12." */
    }
    if (!digits || !isfinite(n))
        return -1;
    *end = s;
    *out = n;
    return 0;
}

/* A number with its unit: "12pt", "1.5", ".5em", "50%". */
static int S_number(S_lex *x, imp_fo_val *out)
{
    const char *end;
    double n;
    if (S_decimal(x->s, &end, &n))
        return -1;
    x->s = end;
    memset(out, 0, sizeof *out);
    if (*x->s == '%') {
        x->s++;
        out->pct = n;
        out->dim = 1;
        return 0;
    }
    char u[8];
    size_t ul = 0;
    while ((*x->s >= 'a' && *x->s <= 'z') || (*x->s >= 'A' && *x->s <= 'Z')) {
        if (ul + 1 < sizeof u)
            u[ul] = *x->s;
        ul++;
        x->s++;
    }
    if (ul >= sizeof u)
        return -1;
    u[ul] = '\0';
    double k;
    if (!ul) {
        out->v = n;
        return 0;
    } else if (!strcasecmp(u, "pt")) {
        k = 1;
    } else if (!strcasecmp(u, "mm")) {
        k = 72 / 25.4;
    } else if (!strcasecmp(u, "cm")) {
        k = 72 / 2.54;
    } else if (!strcasecmp(u, "in")) {
        k = 72;
    } else if (!strcasecmp(u, "pc")) {
        k = 12;
    } else if (!strcasecmp(u, "px")) {
        k = 0.75; /* CSS reference pixel: 96 per inch, as FOP's default */
    } else if (!strcasecmp(u, "em")) {
        k = x->e->em;
    } else if (!strcasecmp(u, "ex")) {
        k = x->e->em / 2;
    } else {
        return -1;
    }
    out->v = n * k;
    out->dim = 1;
    return 0;
}

/* The list-block that body-start() and label-end() refer to. */
static const imp_props *S_list(const imp_fo_ectx *e)
{
    return e->list_block ? e->list_block : e->parent;
}

static void S_add_len(imp_fo_val *v, imp_len l, double sign)
{
    if (l.kind == IMP_LEN_PT)
        v->v += sign * l.v;
    else if (l.kind == IMP_LEN_PCT)
        v->pct += sign * l.v;
}

static int S_call(S_lex *x, const char *fn, imp_fo_val *out)
{
    imp_fo_val a[2];
    int na = 0;
    char pname[64] = "";
    int byname = !strcmp(fn, "inherited-property-value") || !strcmp(fn, "from-parent") ||
                 !strcmp(fn, "from-nearest-specified-value") ||
                 !strcmp(fn, "merge-property-values");
    S_ws(x);
    if (*x->s != ')') {
        for (;;) {
            if (na >= 2)
                return -1;
            S_ws(x);
            if (byname) {
                if (na > 0 || !S_name(x, pname, sizeof pname))
                    return -1;
                na++;
            } else if (S_expr(x, &a[na++])) {
                return -1;
            }
            S_ws(x);
            if (*x->s == ',') {
                x->s++;
                continue;
            }
            break;
        }
    }
    if (*x->s != ')')
        return -1;
    x->s++;
    memset(out, 0, sizeof *out);
    if (byname) {
        const char *name = pname[0] ? pname : x->e->prop;
        return name ? imp_fo_prop_value(x->e->parent, name, out) : -1;
    }
    if (!strcmp(fn, "proportional-column-width")) {
        if (na != 1 || a[0].dim != 0 || a[0].v < 0)
            return -1;
        out->pcol = a[0].v;
        out->dim = 1;
        return 0;
    }
    if (!strcmp(fn, "body-start") || !strcmp(fn, "label-end")) {
        if (na)
            return -1;
        const imp_props *lb = S_list(x->e);
        out->dim = 1;
        out->v = lb->start_indent;
        out->pct = lb->start_indent_pct;
        S_add_len(out, lb->provisional_distance_between_starts, 1);
        if (fn[0] == 'b') {
            x->e->used_body_start = 1;
        } else {
            /* label-end() = the reference area's width - (start-indent + pdbs - pls) */
            S_add_len(out, lb->provisional_label_separation, -1);
            S_scale(out, -1);
            out->pct += 100;
            x->e->used_label_end = 1;
        }
        return 0;
    }
    if (!strcmp(fn, "abs") || !strcmp(fn, "floor") || !strcmp(fn, "ceiling") ||
        !strcmp(fn, "round")) {
        if (na != 1 || !S_pure(&a[0]))
            return -1;
        *out = a[0];
        out->v = fn[0] == 'a' ? fabs(a[0].v)
                 : fn[0] == 'f' ? floor(a[0].v)
                 : fn[0] == 'c' ? ceil(a[0].v)
                                : floor(a[0].v + 0.5);
        return 0;
    }
    if (!strcmp(fn, "min") || !strcmp(fn, "max")) {
        if (na != 2 || a[0].dim != a[1].dim || !S_pure(&a[0]) || !S_pure(&a[1]))
            return -1;
        int first = fn[1] == 'i' ? a[0].v <= a[1].v : a[0].v >= a[1].v;
        *out = first ? a[0] : a[1];
        return 0;
    }
    return -1; /* from-table-column(), from-page-master-region(), colours, ... */
}

static int S_primary(S_lex *x, imp_fo_val *out)
{
    S_ws(x);
    if (*x->s == '(') {
        x->s++;
        if (S_expr(x, out))
            return -1;
        S_ws(x);
        if (*x->s != ')')
            return -1;
        x->s++;
        return 0;
    }
    if ((*x->s >= '0' && *x->s <= '9') || *x->s == '.') {
        if (S_number(x, out))
            return -1;
        if (out->dim == 0 && out->v != 0)
            x->e->bare_number = 1;
        return 0;
    }
    char fn[40];
    if (!S_name(x, fn, sizeof fn))
        return -1;
    S_ws(x);
    if (*x->s != '(')
        return -1; /* keywords are not numeric values */
    x->s++;
    return S_call(x, fn, out);
}

static int S_unary(S_lex *x, imp_fo_val *out)
{
    S_ws(x);
    if (*x->s == '-' || *x->s == '+') {
        double sign = *x->s == '-' ? -1 : 1;
        x->s++;
        if (++x->depth > S_MAX_DEPTH || S_unary(x, out))
            return -1;
        x->depth--;
        S_scale(out, sign);
        return 0;
    }
    if (++x->depth > S_MAX_DEPTH)
        return -1;
    int rc = S_primary(x, out);
    x->depth--;
    return rc;
}

/* "div" and "mod" are operators only as whole words. */
static int S_word(S_lex *x, const char *w)
{
    size_t n = strlen(w);
    return !strncmp(x->s, w, n) && !S_isname((unsigned char)x->s[n]);
}

static int S_term(S_lex *x, imp_fo_val *out)
{
    if (S_unary(x, out))
        return -1;
    for (;;) {
        S_ws(x);
        int op;
        if (*x->s == '*') {
            op = '*';
            x->s++;
        } else if (S_word(x, "div")) {
            op = '/';
            x->s += 3;
        } else if (S_word(x, "mod")) {
            op = '%';
            x->s += 3;
        } else {
            return 0;
        }
        imp_fo_val b;
        if (S_unary(x, &b))
            return -1;
        int rc = op == '*' ? S_mul(out, &b) : op == '/' ? S_div(out, &b) : S_mod(out, &b);
        if (rc)
            return -1;
    }
}

static int S_expr(S_lex *x, imp_fo_val *out)
{
    if (++x->depth > S_MAX_DEPTH || S_term(x, out))
        return -1;
    for (;;) {
        S_ws(x);
        if (*x->s != '+' && *x->s != '-')
            break;
        double sign = *x->s == '-' ? -1 : 1;
        x->s++;
        imp_fo_val b;
        if (S_term(x, &b) || S_add(out, &b, sign))
            return -1;
    }
    x->depth--;
    return 0;
}

int imp_fo_eval(const char *s, imp_fo_ectx *e, imp_fo_val *out)
{
    S_lex x = {s, e, 0};
    memset(out, 0, sizeof *out);
    if (!s || S_expr(&x, out))
        return -1;
    S_ws(&x);
    /* a squared length must have been divided by a length again */
    if (*x.s || out->dim > 1 || !isfinite(out->v) || !isfinite(out->pct) || !isfinite(out->pcol))
        return -1;
    return 0;
}

int imp_fo_parse_length(const char *s, double font_size, imp_len *out)
{
    imp_props init;
    imp_fo_props_initial(&init);
    imp_fo_ectx e = {font_size, &init, NULL, NULL, 0, 0, 0};
    imp_fo_val v;
    if (!s || !out)
        return -1;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    if (n == 4 && !strncasecmp(s, "auto", 4)) {
        out->kind = IMP_LEN_AUTO;
        out->v = 0;
        return 0;
    }
    if (imp_fo_eval(s, &e, &v) || v.pcol != 0 || (v.dim == 0 && v.v != 0) ||
        (v.pct != 0 && v.v != 0))
        return -1;
    out->kind = v.pct != 0 ? IMP_LEN_PCT : IMP_LEN_PT;
    out->v = v.pct != 0 ? v.pct : v.v;
    return 0;
}

double imp_fo_len(imp_len l, double ref, double dflt_auto)
{
    switch (l.kind) {
    case IMP_LEN_PT:
        return l.v;
    case IMP_LEN_PCT:
        return ref * l.v / 100;
    default:
        return dflt_auto;
    }
}

/* ---- colours -------------------------------------------------------------- */

typedef struct {
    const char *name;
    unsigned rgb;
} S_named;

/* CSS Color Module 3 names (XSL's 16 plus the X11 set every CSS engine knows); sorted. */
static const S_named S_colors[] = {
    {"aliceblue", 0xf0f8ff}, {"antiquewhite", 0xfaebd7}, {"aqua", 0x00ffff},
    {"aquamarine", 0x7fffd4}, {"azure", 0xf0ffff}, {"beige", 0xf5f5dc}, {"bisque", 0xffe4c4},
    {"black", 0x000000}, {"blanchedalmond", 0xffebcd}, {"blue", 0x0000ff},
    {"blueviolet", 0x8a2be2}, {"brown", 0xa52a2a}, {"burlywood", 0xdeb887},
    {"cadetblue", 0x5f9ea0}, {"chartreuse", 0x7fff00}, {"chocolate", 0xd2691e},
    {"coral", 0xff7f50}, {"cornflowerblue", 0x6495ed}, {"cornsilk", 0xfff8dc},
    {"crimson", 0xdc143c}, {"cyan", 0x00ffff}, {"darkblue", 0x00008b}, {"darkcyan", 0x008b8b},
    {"darkgoldenrod", 0xb8860b}, {"darkgray", 0xa9a9a9}, {"darkgreen", 0x006400},
    {"darkgrey", 0xa9a9a9}, {"darkkhaki", 0xbdb76b}, {"darkmagenta", 0x8b008b},
    {"darkolivegreen", 0x556b2f}, {"darkorange", 0xff8c00}, {"darkorchid", 0x9932cc},
    {"darkred", 0x8b0000}, {"darksalmon", 0xe9967a}, {"darkseagreen", 0x8fbc8f},
    {"darkslateblue", 0x483d8b}, {"darkslategray", 0x2f4f4f}, {"darkslategrey", 0x2f4f4f},
    {"darkturquoise", 0x00ced1}, {"darkviolet", 0x9400d3}, {"deeppink", 0xff1493},
    {"deepskyblue", 0x00bfff}, {"dimgray", 0x696969}, {"dimgrey", 0x696969},
    {"dodgerblue", 0x1e90ff}, {"firebrick", 0xb22222}, {"floralwhite", 0xfffaf0},
    {"forestgreen", 0x228b22}, {"fuchsia", 0xff00ff}, {"gainsboro", 0xdcdcdc},
    {"ghostwhite", 0xf8f8ff}, {"gold", 0xffd700}, {"goldenrod", 0xdaa520}, {"gray", 0x808080},
    {"green", 0x008000}, {"greenyellow", 0xadff2f}, {"grey", 0x808080}, {"honeydew", 0xf0fff0},
    {"hotpink", 0xff69b4}, {"indianred", 0xcd5c5c}, {"indigo", 0x4b0082}, {"ivory", 0xfffff0},
    {"khaki", 0xf0e68c}, {"lavender", 0xe6e6fa}, {"lavenderblush", 0xfff0f5},
    {"lawngreen", 0x7cfc00}, {"lemonchiffon", 0xfffacd}, {"lightblue", 0xadd8e6},
    {"lightcoral", 0xf08080}, {"lightcyan", 0xe0ffff}, {"lightgoldenrodyellow", 0xfafad2},
    {"lightgray", 0xd3d3d3}, {"lightgreen", 0x90ee90}, {"lightgrey", 0xd3d3d3},
    {"lightpink", 0xffb6c1}, {"lightsalmon", 0xffa07a}, {"lightseagreen", 0x20b2aa},
    {"lightskyblue", 0x87cefa}, {"lightslategray", 0x778899}, {"lightslategrey", 0x778899},
    {"lightsteelblue", 0xb0c4de}, {"lightyellow", 0xffffe0}, {"lime", 0x00ff00},
    {"limegreen", 0x32cd32}, {"linen", 0xfaf0e6}, {"magenta", 0xff00ff}, {"maroon", 0x800000},
    {"mediumaquamarine", 0x66cdaa}, {"mediumblue", 0x0000cd}, {"mediumorchid", 0xba55d3},
    {"mediumpurple", 0x9370db}, {"mediumseagreen", 0x3cb371}, {"mediumslateblue", 0x7b68ee},
    {"mediumspringgreen", 0x00fa9a}, {"mediumturquoise", 0x48d1cc},
    {"mediumvioletred", 0xc71585}, {"midnightblue", 0x191970}, {"mintcream", 0xf5fffa},
    {"mistyrose", 0xffe4e1}, {"moccasin", 0xffe4b5}, {"navajowhite", 0xffdead},
    {"navy", 0x000080}, {"oldlace", 0xfdf5e6}, {"olive", 0x808000}, {"olivedrab", 0x6b8e23},
    {"orange", 0xffa500}, {"orangered", 0xff4500}, {"orchid", 0xda70d6},
    {"palegoldenrod", 0xeee8aa}, {"palegreen", 0x98fb98}, {"paleturquoise", 0xafeeee},
    {"palevioletred", 0xdb7093}, {"papayawhip", 0xffefd5}, {"peachpuff", 0xffdab9},
    {"peru", 0xcd853f}, {"pink", 0xffc0cb}, {"plum", 0xdda0dd}, {"powderblue", 0xb0e0e6},
    {"purple", 0x800080}, {"rebeccapurple", 0x663399}, {"red", 0xff0000},
    {"rosybrown", 0xbc8f8f}, {"royalblue", 0x4169e1}, {"saddlebrown", 0x8b4513},
    {"salmon", 0xfa8072}, {"sandybrown", 0xf4a460}, {"seagreen", 0x2e8b57},
    {"seashell", 0xfff5ee}, {"sienna", 0xa0522d}, {"silver", 0xc0c0c0}, {"skyblue", 0x87ceeb},
    {"slateblue", 0x6a5acd}, {"slategray", 0x708090}, {"slategrey", 0x708090},
    {"snow", 0xfffafa}, {"springgreen", 0x00ff7f}, {"steelblue", 0x4682b4}, {"tan", 0xd2b48c},
    {"teal", 0x008080}, {"thistle", 0xd8bfd8}, {"tomato", 0xff6347}, {"turquoise", 0x40e0d0},
    {"violet", 0xee82ee}, {"wheat", 0xf5deb3}, {"white", 0xffffff}, {"whitesmoke", 0xf5f5f5},
    {"yellow", 0xffff00}, {"yellowgreen", 0x9acd32},
};

static int S_cmp_named(const void *k, const void *m)
{
    return strcmp(k, ((const S_named *)m)->name);
}

static void S_set_rgb(imp_color *c, double r, double g, double b, double a)
{
    c->r = r < 0 ? 0 : r > 1 ? 1 : r;
    c->g = g < 0 ? 0 : g > 1 ? 1 : g;
    c->b = b < 0 ? 0 : b > 1 ? 1 : b;
    c->a = a < 0 ? 0 : a > 1 ? 1 : a;
}

static int S_hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int S_hex(const char *s, size_t n, imp_color *out)
{
    int d[8];
    if (n != 3 && n != 4 && n != 6 && n != 8)
        return -1;
    for (size_t i = 0; i < n; i++)
        if ((d[i] = S_hexval((unsigned char)s[i])) < 0)
            return -1;
    if (n <= 4) {
        S_set_rgb(out, d[0] / 15.0, d[1] / 15.0, d[2] / 15.0, n == 4 ? d[3] / 15.0 : 1);
    } else {
        S_set_rgb(out, (d[0] * 16 + d[1]) / 255.0, (d[2] * 16 + d[3]) / 255.0,
                  (d[4] * 16 + d[5]) / 255.0, n == 8 ? (d[6] * 16 + d[7]) / 255.0 : 1);
    }
    return 0;
}

/* Arguments of rgb(...) and friends: numbers, percentages or (rgb-icc's
 * profile part) anything, which is skipped. Returns how many were read. */
static int S_args(const char *s, double *v, int *pct, int max, const char **end)
{
    int n = 0;
    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        const char *e = s;
        double x = 0;
        int neg = *e == '-';
        if (neg || *e == '+')
            e++;
        if (!S_decimal(e, &e, &x) && n < max) {
            if (neg)
                x = -x;
            v[n] = x;
            pct[n] = *e == '%';
            if (*e == '%')
                e++;
            n++;
            s = e;
        } else {
            while (*s && *s != ',' && *s != ')')
                s++;
            if (n < max)
                return -1; /* a non-number where a component belongs */
        }
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        if (*s == ',') {
            s++;
            continue;
        }
        if (*s != ')')
            return -1;
        *end = s + 1;
        return n;
    }
}

int imp_fo_color(const char *s, imp_color *out)
{
    char name[32];
    size_t n = 0;
    if (!s)
        return -1;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                   s[len - 1] == '\r'))
        len--;
    if (len && s[0] == '#')
        return S_hex(s + 1, len - 1, out);
    while (n < len && n + 1 < sizeof name && s[n] != '(' && s[n] != ' ') {
        name[n] = (char)(s[n] >= 'A' && s[n] <= 'Z' ? s[n] + 32 : s[n]);
        n++;
    }
    name[n] = '\0';
    const char *p = s + n;
    while (*p == ' ')
        p++;
    if (*p == '(') {
        double v[4];
        int pc[4];
        const char *end;
        int want = !strcmp(name, "cmyk") || !strcmp(name, "rgba") ? 4 : 3;
        if (!strcmp(name, "system-color"))
            return -2;
        if (strcmp(name, "rgb") && strcmp(name, "rgba") && strcmp(name, "rgb-icc") &&
            strcmp(name, "fop-rgb-icc") && strcmp(name, "cmyk"))
            return -1;
        int got = S_args(p + 1, v, pc, want, &end);
        if (got < want || (size_t)(end - s) != len)
            return -1;
        if (!strcmp(name, "cmyk")) { /* FOP's extension: a naive conversion */
            S_set_rgb(out, (1 - v[0]) * (1 - v[3]), (1 - v[1]) * (1 - v[3]),
                      (1 - v[2]) * (1 - v[3]), 1);
            return 0;
        }
        double k = !strcmp(name, "fop-rgb-icc") ? 1 : 255; /* FOP writes 0..1 there */
        double c[3];
        for (int i = 0; i < 3; i++)
            c[i] = pc[i] ? v[i] / 100 : v[i] / k;
        double a = 1;
        if (want == 4)
            a = pc[3] ? v[3] / 100 : v[3];
        S_set_rgb(out, c[0], c[1], c[2], a);
        return 0;
    }
    if (n != len)
        return -1;
    if (!strcmp(name, "transparent")) {
        S_set_rgb(out, 0, 0, 0, 0);
        return 0;
    }
    const S_named *m = bsearch(name, S_colors, sizeof S_colors / sizeof S_colors[0],
                               sizeof S_colors[0], S_cmp_named);
    if (!m)
        return -1;
    S_set_rgb(out, ((m->rgb >> 16) & 255) / 255.0, ((m->rgb >> 8) & 255) / 255.0,
              (m->rgb & 255) / 255.0, 1);
    return 0;
}

int imp_fo_parse_color(const char *s, imp_color *out)
{
    imp_color c;
    if (!out || imp_fo_color(s, &c))
        return -1;
    *out = c;
    return 0;
}
