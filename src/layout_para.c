/* layout_para.c: inline content (text, inlines, leaders, graphics) → lines, with Pango. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "layout_int.h"
#include "image.h"

#define S_OBJ "\xef\xbf\xbc" /* U+FFFC: an inline object's place in the text */
#define S_LSEP "\xe2\x80\xa8" /* U+2028: a preserved line feed (same paragraph) */

typedef enum {
    S_OB_LEADER, S_OB_IMAGE, S_OB_LINK, S_OB_DEST, S_OB_FOOTNOTE, S_OB_PAGENUM,
    S_OB_CONTAINER, /* an fo:inline-container: a box of blocks on the line */
    S_OB_SPACE, /* room an inline's padding and border take at its start or end */
    S_OB_BOX    /* an inline with borders, padding or a background of its own: its box */
} S_obkind;

/* An object or range in the paragraph's text. */
typedef struct {
    S_obkind kind;
    int start, end;   /* byte range in the text */
    const imp_fo *fo;
    double w, h, ascent;
    double max_w;     /* leaders: how far they may stretch */
    PangoAttribute *shape; /* leaders and images: the shape attribute (owned by the list) */
    imp_image *image;
    PangoLayout *content;  /* a use-content leader: its content, set once (owned) */
    imp_item *item;        /* an inline-container: its blocks, prepared (owned until its
                              line takes them) */
} S_obj;

typedef struct {
    imp_lctx *L;
    GString *text;
    PangoAttrList *attrs;
    S_obj *objs;
    size_t nobjs, capobjs;
    int space_pending; /* collapse: a space was seen and not yet emitted */
    int stretched;     /* leaders stretched to fill their lines */
    int at_line_start; /* nothing emitted since the start or a preserved line feed */
    double avail;
    const imp_fo *block;
    const imp_props *boxed; /* the inline whose background its box paints (not Pango) */
} S_para;

static S_obj *S_add_obj(S_para *P, S_obkind kind, const imp_fo *fo)
{
    if (P->nobjs == P->capobjs) {
        size_t cap = P->capobjs ? P->capobjs * 2 : 8;
        S_obj *v = realloc(P->objs, cap * sizeof *v);
        if (!v)
            return NULL;
        P->objs = v;
        P->capobjs = cap;
    }
    S_obj *o = &P->objs[P->nobjs++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->fo = fo;
    o->start = o->end = (int)P->text->len;
    return o;
}

static PangoFontDescription *S_font(const imp_props *p)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, p->font_family ? p->font_family : "serif");
    pango_font_description_set_absolute_size(fd, p->font_size * PANGO_SCALE);
    pango_font_description_set_weight(fd, (PangoWeight)p->font_weight);
    pango_font_description_set_style(fd, p->font_style == 1   ? PANGO_STYLE_ITALIC
                                         : p->font_style == 2 ? PANGO_STYLE_OBLIQUE
                                                              : PANGO_STYLE_NORMAL);
    if (p->font_variant_small_caps)
        pango_font_description_set_variant(fd, PANGO_VARIANT_SMALL_CAPS);
    return fd;
}

static guint16 S_c16(double v)
{
    return (guint16)lround(v < 0 ? 0 : v > 1 ? 65535 : v * 65535);
}

static void S_insert(PangoAttrList *l, PangoAttribute *a, int s, int e)
{
    a->start_index = (guint)s;
    a->end_index = (guint)e;
    pango_attr_list_insert(l, a);
}

/* The attributes of a run of text with the props p. */
static int S_same_color(imp_color a, imp_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static int S_same_font(const imp_props *a, const imp_props *b)
{
    return a->font_size == b->font_size && a->font_weight == b->font_weight &&
           a->font_style == b->font_style && a->font_variant_small_caps == b->font_variant_small_caps &&
           (a->font_family == b->font_family ||
            (a->font_family && b->font_family && !strcmp(a->font_family, b->font_family)));
}

static int S_same_str(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* The attributes of a run of text: only what differs from the block, whose
 * own font, colour, line height and language cover the whole text (fewer
 * attributes make Pango's itemising much cheaper). */
static void S_run_attrs_ex(S_para *P, const imp_props *p, int s, int e, int object)
{
    if (e <= s)
        return;
    const imp_props *b = P->block->p;
    if (!S_same_font(p, b)) {
        PangoFontDescription *fd = S_font(p);
        S_insert(P->attrs, pango_attr_font_desc_new(fd), s, e);
        pango_font_description_free(fd);
    }
    if (!S_same_color(p->color, b->color)) {
        S_insert(P->attrs,
                 pango_attr_foreground_new(S_c16(p->color.r), S_c16(p->color.g), S_c16(p->color.b)),
                 s, e);
        if (p->color.a < 1)
            S_insert(P->attrs, pango_attr_foreground_alpha_new(S_c16(p->color.a)), s, e);
    }
    if (p->line_height > 0 && (object || p->line_height != b->line_height)) {
        /* an object's own height counts (line-stacking-strategy max-height) */
        S_insert(P->attrs,
                 object ? pango_attr_line_height_new(1.0)
                        : pango_attr_line_height_new_absolute((int)lround(p->line_height * PANGO_SCALE)),
                 s, e);
    }
    if (p->text_decoration & 1)
        S_insert(P->attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), s, e);
    if (p->text_decoration & 2)
        S_insert(P->attrs, pango_attr_overline_new(PANGO_OVERLINE_SINGLE), s, e);
    if (p->text_decoration & 4)
        S_insert(P->attrs, pango_attr_strikethrough_new(TRUE), s, e);
    if (p->letter_spacing != 0)
        S_insert(P->attrs, pango_attr_letter_spacing_new((int)lround(p->letter_spacing * PANGO_SCALE)),
                 s, e);
    if (p->word_spacing != 0) {
        /* word-spacing: each space a little wider (Pango has letter spacing
         * only, so the spaces get that), before the lines are broken */
        int ws = (int)lround((p->letter_spacing + p->word_spacing) * PANGO_SCALE);
        for (int i = s; i < e; i++)
            if (P->text->str[i] == ' ')
                S_insert(P->attrs, pango_attr_letter_spacing_new(ws), i, i + 1);
    }
    if (p->baseline_shift != 0)
        S_insert(P->attrs, pango_attr_rise_new((int)lround(p->baseline_shift * PANGO_SCALE)), s, e);
    if (p->background_color.a > 0 && !S_same_color(p->background_color, b->background_color) &&
        p != P->boxed)
        S_insert(P->attrs,
                 pango_attr_background_new(S_c16(p->background_color.r), S_c16(p->background_color.g),
                                           S_c16(p->background_color.b)),
                 s, e);
    if (p->lang && !S_same_str(p->lang, b->lang))
        S_insert(P->attrs, pango_attr_language_new(pango_language_from_string(p->lang)), s, e);
    if (p->visibility_hidden)
        S_insert(P->attrs, pango_attr_foreground_alpha_new(0), s, e);
}

/* The block's own text attributes, over the whole paragraph. */
static void S_block_attrs(S_para *P)
{
    const imp_props *b = P->block->p;
    PangoAttribute *a;
    if (b->color.r != 0 || b->color.g != 0 || b->color.b != 0) {
        a = pango_attr_foreground_new(S_c16(b->color.r), S_c16(b->color.g), S_c16(b->color.b));
        pango_attr_list_insert_before(P->attrs, a);
    }
    if (b->color.a < 1) {
        a = pango_attr_foreground_alpha_new(S_c16(b->color.a));
        pango_attr_list_insert_before(P->attrs, a);
    }
    if (b->line_height > 0) {
        a = pango_attr_line_height_new_absolute((int)lround(b->line_height * PANGO_SCALE));
        pango_attr_list_insert_before(P->attrs, a);
    }
    if (b->lang) {
        a = pango_attr_language_new(pango_language_from_string(b->lang));
        pango_attr_list_insert_before(P->attrs, a);
    }
}

static void S_run_attrs(S_para *P, const imp_props *p, int s, int e)
{
    S_run_attrs_ex(P, p, s, e, 0);
}

static void S_emit_space(S_para *P)
{
    if (P->space_pending && !P->at_line_start)
        g_string_append_c(P->text, ' ');
    P->space_pending = 0;
}

/* text-transform (XSL 7.17.6, as CSS): the characters of text from byte
 * start on in upper or lower case, or each word's first letter in capitals
 * (a word begins after anything but a letter, digit, mark or apostrophe). */
static void S_transform(GString *text, int start, int how)
{
    if ((size_t)start >= text->len)
        return;
    char *seg = NULL;
    if (how == IMP_TT_UPPERCASE) {
        seg = g_utf8_strup(text->str + start, (gssize)(text->len - (size_t)start));
    } else if (how == IMP_TT_LOWERCASE) {
        seg = g_utf8_strdown(text->str + start, (gssize)(text->len - (size_t)start));
    } else {
        int word = 1;
        if (start > 0) {
            const char *prev = g_utf8_find_prev_char(text->str, text->str + start);
            gunichar u = prev ? g_utf8_get_char(prev) : ' ';
            word = !(g_unichar_isalnum(u) || g_unichar_ismark(u));
        }
        GString *g = g_string_sized_new(text->len - (size_t)start);
        for (const char *c = text->str + start; *c; c = g_utf8_next_char(c)) {
            gunichar u = g_utf8_get_char(c);
            if (u == '\'' || u == 0x2019) { /* an apostrophe does not end a word */
                g_string_append_unichar(g, u);
                continue;
            }
            int in_word = g_unichar_isalnum(u) || g_unichar_ismark(u);
            g_string_append_unichar(g, word && in_word ? g_unichar_totitle(u) : u);
            word = !in_word;
        }
        seg = g_string_free(g, FALSE);
    }
    g_string_truncate(text, (gsize)start);
    g_string_append(text, seg);
    g_free(seg);
}

/* Append character data following the white-space properties of p
 * (XSL 1.1 §7.16: linefeed-treatment, white-space-treatment,
 * white-space-collapse). */
static void S_text(S_para *P, const imp_props *p, const char *s)
{
    int start = (int)P->text->len;
    for (const char *c = s; *c; c++) {
        if (*c == '\n') {
            switch (p->linefeed_treatment) {
            case IMP_LF_IGNORE:
                continue;
            case IMP_LF_PRESERVE:
                if (p->white_space_treatment != IMP_WS_PRESERVE) {
                    /* spaces before a preserved line feed go */
                    while (P->text->len > (size_t)start && P->text->str[P->text->len - 1] == ' ')
                        g_string_truncate(P->text, P->text->len - 1);
                    P->space_pending = 0;
                }
                g_string_append(P->text, S_LSEP);
                P->at_line_start = 1;
                continue;
            case IMP_LF_TREAT_AS_ZWSP:
                g_string_append(P->text, "\xe2\x80\x8b");
                continue;
            default: /* treat as space */
                break;
            }
        }
        int ws = *c == ' ' || *c == '\t' || *c == '\r' || *c == '\n';
        if (ws) {
            if (p->white_space_treatment == IMP_WS_PRESERVE && p->white_space_collapse) {
                /* kept (at a line's start too), but a run of them is one
                 * space: white-space-collapse still applies (XSL 7.16.12) */
                S_emit_space(P);
                size_t n = P->text->len;
                if (n == 0 || P->text->str[n - 1] != ' ') {
                    g_string_append_c(P->text, ' ');
                    P->at_line_start = 0;
                }
            } else if (!p->white_space_collapse) {
                if (!(P->at_line_start && p->white_space_treatment != IMP_WS_PRESERVE &&
                      p->white_space_treatment != IMP_WS_IGNORE_IF_BEFORE_LINEFEED &&
                      p->white_space_collapse)) {
                    S_emit_space(P);
                    g_string_append_c(P->text, *c == '\t' ? '\t' : ' ');
                    P->at_line_start = 0;
                }
            } else if (p->white_space_treatment == IMP_WS_IGNORE) {
                continue;
            } else {
                P->space_pending = 1;
            }
            continue;
        }
        if (P->space_pending && (int)P->text->len == start) {
            /* a space left pending by the previous run belongs to that run's
             * style (no underline creeping onto it) */
            S_emit_space(P);
            start = (int)P->text->len;
        }
        S_emit_space(P);
        g_string_append_c(P->text, *c);
        P->at_line_start = 0;
    }
    if (p->text_transform != IMP_TT_NONE)
        S_transform(P->text, start, p->text_transform);
    S_run_attrs(P, p, start, (int)P->text->len);
}

static void S_roman(char *buf, size_t cap, int n, int upper)
{
    static const struct { int v; const char *s; } t[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
        {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof t / sizeof *t && n > 0; i++)
        while (n >= t[i].v && strlen(buf) + 3 < cap) {
            strcat(buf, t[i].s);
            n -= t[i].v;
        }
    if (upper)
        for (char *c = buf; *c; c++)
            *c = (char)(*c - 'a' + 'A');
}

/* A page number as a page-sequence's format asks (XSLT number formats:
 * 1, 01, 001..., i, I, a (a..z, aa..), A). */
static void S_number(const char *f, int n, char *buf, size_t cap)
{
    if (f && (!strcmp(f, "i") || !strcmp(f, "I"))) {
        S_roman(buf, cap, n, f[0] == 'I');
    } else if (f && (!strcmp(f, "a") || !strcmp(f, "A")) && n >= 1) {
        char tmp[32];
        int k = 0;
        for (int m = n; m > 0 && k < 31; m = (m - 1) / 26)
            tmp[k++] = (char)((f[0] == 'A' ? 'A' : 'a') + (m - 1) % 26);
        for (int i = 0; i < k && (size_t)i + 1 < cap; i++)
            buf[i] = tmp[k - 1 - i];
        buf[(size_t)k < cap ? (size_t)k : cap - 1] = '\0';
    } else if (f && f[0] == '0' && strspn(f, "0") == strlen(f) - 1 && f[strlen(f) - 1] == '1') {
        snprintf(buf, cap, "%0*d", (int)strlen(f), n); /* 01, 001, 0001: zero padded */
    } else {
        snprintf(buf, cap, "%d", n);
    }
}

/* Text placed as it is (a page number), or with text-transform (transform:
 * an fo:character). */
static void S_literal(S_para *P, const imp_props *p, const char *s, int transform)
{
    S_emit_space(P);
    int start = (int)P->text->len;
    g_string_append(P->text, s);
    P->at_line_start = 0;
    if (transform && p->text_transform != IMP_TT_NONE)
        S_transform(P->text, start, p->text_transform);
    S_run_attrs(P, p, start, (int)P->text->len);
}

/* own_height: the object's height counts for its line's (an image), else the
 * line is as high as its text makes it (a leader). */
static void S_object(S_para *P, const imp_props *p, S_obj *o, double w, double ascent, double descent,
                     int own_height)
{
    S_emit_space(P);
    o->start = (int)P->text->len;
    g_string_append(P->text, S_OBJ);
    o->end = (int)P->text->len;
    P->at_line_start = 0;
    o->w = w;
    o->ascent = ascent;
    o->h = ascent + descent;
    PangoRectangle r = {0, (int)lround(-ascent * PANGO_SCALE), (int)lround(w * PANGO_SCALE),
                        (int)lround((ascent + descent) * PANGO_SCALE)};
    o->shape = pango_attr_shape_new(&r, &r);
    S_insert(P->attrs, o->shape, o->start, o->end);
    S_run_attrs_ex(P, p, o->start, o->end, own_height);
}

/* The ascent and descent of the font p chooses (points), kept for the
 * next leader in the same font. */
static void S_font_extents(imp_lctx *L, const imp_props *p, double *asc, double *desc)
{
    for (int i = 0; i < L->nmetrics; i++)
        if (S_same_font(L->metrics[i].p, p)) {
            *asc = L->metrics[i].ascent;
            *desc = L->metrics[i].descent;
            return;
        }
    /* a text run's own extents in that font, as Pango sets a line of it
     * (pango_context_get_metrics would shape a whole sample text) */
    PangoFontDescription *fd = S_font(p);
    PangoLayout *lay = pango_layout_new(L->pctx);
    pango_layout_set_font_description(lay, fd);
    pango_layout_set_text(lay, "x", 1);
    PangoRectangle r;
    pango_layout_line_get_extents(pango_layout_get_line_readonly(lay, 0), NULL, &r);
    *asc = -r.y / (double)PANGO_SCALE;
    *desc = (r.y + r.height) / (double)PANGO_SCALE;
    g_object_unref(lay);
    pango_font_description_free(fd);
    int i = L->nmetrics < 8 ? L->nmetrics++ : 7;
    L->metrics[i].p = p;
    L->metrics[i].ascent = *asc;
    L->metrics[i].descent = *desc;
}

/* The text of a leader's content (leader-pattern="use-content"), a run of
 * white space as one space (". " keeps its space: the dots stand apart),
 * each run in its own font and colour (attributes into al) and case
 * (text-transform); inline children's text counts, other objects do not. */
static void S_leader_text(imp_lctx *L, const imp_fo *fo, GString *g, PangoAttrList *al)
{
    for (const imp_fo *c = fo->first; c; c = c->next) {
        const imp_props *p = imp_fo_props(c);
        size_t start = g->len;
        if (c->kind == IMP_FO_TEXT && c->text) {
            for (const char *s = c->text; *s; s++) {
                int ws = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
                if (!ws)
                    g_string_append_c(g, *s);
                else if (g->len && g->str[g->len - 1] != ' ')
                    g_string_append_c(g, ' ');
            }
        } else if (c->kind == IMP_FO_CHARACTER && p->character) {
            g_string_append(g, p->character);
        } else {
            if (c->kind == IMP_FO_INLINE || c->kind == IMP_FO_WRAPPER)
                S_leader_text(L, c, g, al);
            else if (c->kind == IMP_FO_LEADER)
                imp_layout_warn_once(L, 47, c->line,
                                     "an fo:leader inside a leader's content is not allowed "
                                     "(XSL 6.6.9); it is left out");
            continue;
        }
        if (p->text_transform != IMP_TT_NONE)
            S_transform(g, (int)start, p->text_transform);
        if (g->len == start)
            continue;
        PangoFontDescription *fd = S_font(p);
        PangoAttribute *a[3] = {pango_attr_font_desc_new(fd),
                                pango_attr_foreground_new(S_c16(p->color.r), S_c16(p->color.g),
                                                          S_c16(p->color.b)),
                                p->color.a < 1 ? pango_attr_foreground_alpha_new(S_c16(p->color.a))
                                               : NULL};
        pango_font_description_free(fd);
        for (int k = 0; k < 3; k++)
            if (a[k]) {
                a[k]->start_index = (guint)start;
                a[k]->end_index = (guint)g->len;
                pango_attr_list_insert(al, a[k]);
            }
    }
}

static void S_leader(S_para *P, const imp_fo *fo)
{
    const imp_props *p = fo->p;
    PangoLayout *content = NULL;
    if (p->leader_pattern == IMP_LEADER_USE_CONTENT) {
        /* the content, set once in the leader's font, is repeated along it */
        GString *g = g_string_new(NULL);
        PangoAttrList *al = pango_attr_list_new();
        S_leader_text(P->L, fo, g, al);
        if (g->len && strspn(g->str, " ") < g->len) {
            content = pango_layout_new(P->L->pctx);
            PangoFontDescription *fd = S_font(p);
            pango_layout_set_font_description(content, fd);
            pango_font_description_free(fd);
            pango_layout_set_text(content, g->str, -1);
            pango_layout_set_attributes(content, al);
        }
        pango_attr_list_unref(al);
        g_string_free(g, TRUE);
    }
    double opt = imp_layout_len(p->leader_length_opt, P->avail, 12);
    double min = imp_layout_len(p->leader_length_min, P->avail, 0);
    double max = imp_layout_len(p->leader_length_max, P->avail, P->avail);
    if (opt < min)
        opt = min;
    if (max < opt)
        max = opt;
    if (opt > P->avail)
        opt = P->avail;
    S_obj *o = S_add_obj(P, S_OB_LEADER, fo);
    if (!o) {
        if (content)
            g_object_unref(content);
        return;
    }
    o->content = content;
    /* padding stands either side of the pattern (DocBook's table of contents) */
    double pad = p->padding[IMP_START] + p->padding[IMP_END];
    o->max_w = (max > P->avail ? P->avail : max) + pad;
    /* the line keeps the height its text gives it: the leader is as high
     * as its font's text (a smaller box would take its own half-leading
     * below the baseline and make the line taller) */
    double asc, desc;
    S_font_extents(P->L, p, &asc, &desc);
    S_object(P, p, o, opt + pad, asc, desc, 0);
}

/* An fo:inline-container (XSL 6.6.8): its blocks laid out in a box of its
 * width (else as wide as they need, up to the line) and height (else
 * theirs), set on the line as one object, its first line's baseline on the
 * line's baseline (its bottom, when it has no lines). */
static void S_inline_container(S_para *P, const imp_fo *fo)
{
    const imp_props *p = fo->p;
    double bs = p->padding[IMP_START] + imp_layout_border_width(&p->border[IMP_START]);
    double be = p->padding[IMP_END] + imp_layout_border_width(&p->border[IMP_END]);
    double bb = p->padding[IMP_BEFORE] + imp_layout_border_width(&p->border[IMP_BEFORE]);
    double ba = p->padding[IMP_AFTER] + imp_layout_border_width(&p->border[IMP_AFTER]);
    double room = P->avail - bs - be, w;
    if (p->width.kind != IMP_LEN_AUTO) {
        w = imp_layout_len(p->width, P->avail, room);
    } else {
        double minw, maxw;
        imp_layout_measure(P->L, fo, &minw, &maxw);
        w = fmin(maxw, room);
    }
    if (w > room && p->width.kind == IMP_LEN_AUTO)
        w = room;
    if (w < 1)
        w = 1;
    imp_item *it = imp_layout_item_new(IMP_IT_BLOCK, fo, NULL);
    if (!it)
        return;
    imp_layout_item_box(it, p);
    it->background = p->background_color;
    it->bg_image = imp_layout_bg_image(P->L, fo);
    it->x = 0;
    it->w = w + bs + be;
    it->clip = p->overflow_hidden;
    it->display_align = p->display_align;
    imp_layout_blocks(P->L, fo, bs, w, it);
    double ch = p->height.kind == IMP_LEN_PT
                    ? p->height.v
                    : (it->first ? it->first->space_before + imp_layout_run_height(it->first) : 0);
    it->fixed_height = ch > 0 ? ch : 0.01;
    double h = ch + bb + ba;
    /* its first line's baseline, down through the first blocks */
    double asc = h;
    const imp_item *k = it->first;
    double off = bb + (k ? k->space_before : 0);
    while (k && k->kind == IMP_IT_BLOCK && k->first) {
        off += k->bw[IMP_BEFORE] + k->pad[IMP_BEFORE];
        k = k->first;
    }
    if (k && k->kind == IMP_IT_LINE)
        asc = off + k->ascent;
    S_obj *o = S_add_obj(P, S_OB_CONTAINER, fo);
    if (!o) {
        imp_layout_item_free(it);
        return;
    }
    o->item = it;
    S_object(P, p, o, w + bs + be, asc, h - asc, 1);
}

/* An image as an inline object: sized by content-width/-height, scaling
 * and width/height (the viewport). Takes the reference img (may be NULL). */
static void S_image_object(S_para *P, const imp_fo *fo, imp_image *img)
{
    const imp_props *p = fo->p;
    double iw = img ? img->width : 0, ih = img ? img->height : 0;
    double cw = imp_layout_len(p->content_width, iw, iw);
    double ch = imp_layout_len(p->content_height, ih, ih);
    int aw = p->content_width.kind == IMP_LEN_AUTO, ah = p->content_height.kind == IMP_LEN_AUTO;
    /* scale-to-fit: to the viewport's width when it is given, else the column's */
    double fit = p->width.kind == IMP_LEN_AUTO ? P->avail : imp_layout_len(p->width, P->avail, P->avail);
    if (fit > P->avail)
        fit = P->avail;
    if (p->scale_to_fit_w || cw > P->avail) {
        if (cw > P->avail && !p->scale_to_fit_w)
            imp_layout_warn_once(P->L, 2, fo->line,
                                 "an image is wider than its column; it is scaled down to fit");
        cw = p->scale_to_fit_w ? fit : P->avail;
        aw = 0;
    }
    if (!p->scaling_non_uniform && iw > 0 && ih > 0) {
        if (aw && !ah)
            cw = ch * iw / ih;
        else if (ah && !aw)
            ch = cw * ih / iw;
        else if (!aw && !ah) {
            double s = fmin(cw / iw, ch / ih);
            cw = iw * s;
            ch = ih * s;
        }
    }
    /* the viewport: width/height when given, else the content size */
    double vw = p->width.kind == IMP_LEN_PT ? p->width.v : cw;
    double vh = p->height.kind == IMP_LEN_PT ? p->height.v : ch;
    S_obj *o = S_add_obj(P, S_OB_IMAGE, fo);
    if (!o) {
        if (img)
            imp_image_unref(img);
        return;
    }
    o->image = img;
    S_object(P, p, o, vw, vh, 0, 1);
    o->w = vw;
    /* remember the drawn size of the content within the viewport */
    o->max_w = cw;
    o->h = vh;
    o->ascent = vh;
    (void)ch;
}

static void S_graphic(S_para *P, const imp_fo *fo)
{
    S_image_object(P, fo, imp_layout_image(P->L, fo));
}

/* fo:instream-foreign-object: its SVG (kept by the FO tree, fo.c) drawn as
 * an image is, through librsvg from memory: it can reach no file and no
 * network. Anything else was reported when the tree was built. */
static void S_foreign(S_para *P, const imp_fo *fo)
{
    if (!fo->text)
        return;
    imp_image *img = imp_image_load_svg_memory(fo->text, strlen(fo->text), P->L->d,
                                               P->L->o->fo_file, fo->line);
    if (img)
        S_image_object(P, fo, img);
}

static void S_walk(S_para *P, const imp_fo *fo, const imp_fo *stop);

static void S_walk_one(S_para *P, const imp_fo *c)
{
    imp_lctx *L = P->L;
    char buf[64];
    switch (c->kind) {
    case IMP_FO_TEXT:
        if (c->text)
            S_text(P, imp_fo_props(c), c->text);
        break;
    case IMP_FO_INLINE_CONTAINER:
        S_inline_container(P, c);
        break;
    case IMP_FO_INLINE:
    case IMP_FO_WRAPPER:
    case IMP_FO_BASIC_LINK:
    case IMP_FO_TITLE:
    case IMP_FO_BOOKMARK_TITLE: {
        S_obj *link = NULL, *dest = NULL, *box = NULL;
        if (c->kind == IMP_FO_BASIC_LINK &&
            (c->p->internal_destination || c->p->external_destination))
            link = S_add_obj(P, S_OB_LINK, c);
        if (c->p->id)
            dest = S_add_obj(P, S_OB_DEST, c);
        /* borders and padding: room at its start and end, and its box */
        const imp_props *ip = c->p;
        double room[2] = {ip->padding[IMP_START] + imp_layout_border_width(&ip->border[IMP_START]),
                          ip->padding[IMP_END] + imp_layout_border_width(&ip->border[IMP_END])};
        int boxed = room[0] > 0 || room[1] > 0;
        for (int s = 0; s < 4 && !boxed; s++)
            boxed = imp_layout_border_width(&ip->border[s]) > 0;
        const imp_props *was = P->boxed;
        if (boxed) {
            S_emit_space(P); /* a space before the inline stays outside its box */
            box = S_add_obj(P, S_OB_BOX, c);
            if (ip->background_color.a > 0)
                P->boxed = ip;
        }
        size_t li = link ? (size_t)(link - P->objs) : 0, di = dest ? (size_t)(dest - P->objs) : 0,
               bi = box ? (size_t)(box - P->objs) : 0;
        if (room[0] > 0) {
            S_obj *sp = S_add_obj(P, S_OB_SPACE, c);
            if (sp)
                S_object(P, ip, sp, room[0], 0, 0, 0);
        }
        S_walk(P, c, NULL);
        if (room[1] > 0) {
            S_obj *sp = S_add_obj(P, S_OB_SPACE, c);
            if (sp)
                S_object(P, ip, sp, room[1], 0, 0, 0);
        }
        P->boxed = was;
        /* objs may have moved while walking */
        if (link) {
            P->objs[li].end = (int)P->text->len;
        }
        if (dest)
            P->objs[di].end = (int)P->text->len;
        if (box)
            P->objs[bi].end = (int)P->text->len;
        break;
    }
    case IMP_FO_CHARACTER:
        if (c->p->character)
            S_literal(P, c->p, c->p->character, 1);
        break;
    case IMP_FO_PAGE_NUMBER: {
        int n = L->page_number > 0 ? L->page_number : 1;
        if (L->in_flow) {
            /* in the flow, the page the line lands on: known from the last pass */
            char key[64];
            snprintf(key, sizeof key, "\x01pn:%p", (const void *)c);
            int known = imp_layout_page_of(L, key);
            if (known)
                n = known;
            L->citations = 1;
            S_obj *o = S_add_obj(P, S_OB_PAGENUM, c);
            if (o)
                o->start = o->end = (int)P->text->len + (P->space_pending && !P->at_line_start);
        }
        S_number(L->page_number_format, n, buf, sizeof buf);
        S_literal(P, c->p, buf, 0);
        break;
    }
    case IMP_FO_PAGE_NUMBER_CITATION:
    case IMP_FO_PAGE_NUMBER_CITATION_LAST: {
        /* the number as the cited page's own page-sequence formats it */
        const char *fmt = NULL;
        int n = c->p->ref_id ? imp_layout_page_fmt(L, c->p->ref_id, &fmt) : 0;
        if (c->kind == IMP_FO_PAGE_NUMBER_CITATION_LAST && c->p->ref_id) {
            char key[512];
            snprintf(key, sizeof key, "\x01last:%s", c->p->ref_id);
            const char *lfmt = NULL;
            int last = imp_layout_page_fmt(L, key, &lfmt);
            if (last) {
                n = last;
                fmt = lfmt;
            }
        }
        L->citations = 1;
        if (!n) {
            L->citation_guess_used = 1;
            if (L->ids_final)
                imp_layout_warn_once(L, 43, c->line,
                                     "fo:page-number-citation refers to ref-id=\"%s\", but no "
                                     "formatting object has that id; \"00\" is printed",
                                     c->p->ref_id ? c->p->ref_id : "");
            snprintf(buf, sizeof buf, "00");
        } else {
            S_number(fmt, n, buf, sizeof buf);
        }
        S_literal(P, c->p, buf, 0);
        break;
    }
    case IMP_FO_LEADER:
        S_leader(P, c);
        break;
    case IMP_FO_EXTERNAL_GRAPHIC:
        S_graphic(P, c);
        break;
    case IMP_FO_INSTREAM_FOREIGN_OBJECT:
        S_foreign(P, c);
        break;
    case IMP_FO_FOOTNOTE: {
        /* the inline part here; the body goes to the foot of the page the
         * line lands on (layout_place.c) */
        size_t at = P->nobjs;
        S_obj *o = S_add_obj(P, S_OB_FOOTNOTE, c);
        for (const imp_fo *k = c->first; k; k = k->next)
            if (k->kind != IMP_FO_FOOTNOTE_BODY)
                S_walk_one(P, k);
        if (o) /* anchored where its citation ends, so the note follows that line */
            P->objs[at].start = P->objs[at].end = P->text->len > 0 ? (int)P->text->len - 1 : 0;
        break;
    }
    case IMP_FO_MARKER:
    case IMP_FO_RETRIEVE_MARKER:
        break; /* markers are moved by the page layout, not printed in place */
    default:
        break; /* block-level children end the paragraph: the caller split them */
    }
}

static void S_walk(S_para *P, const imp_fo *fo, const imp_fo *stop)
{
    for (const imp_fo *c = fo->first; c && c != stop; c = c->next)
        S_walk_one(P, c);
}

static PangoAlignment S_align(imp_text_align a, int *justify)
{
    *justify = 0;
    switch (a) {
    case IMP_TA_CENTER:
        return PANGO_ALIGN_CENTER;
    case IMP_TA_END:
    case IMP_TA_RIGHT:
    case IMP_TA_OUTSIDE:
        return PANGO_ALIGN_RIGHT;
    case IMP_TA_JUSTIFY:
        *justify = 1;
        return PANGO_ALIGN_LEFT;
    default:
        return PANGO_ALIGN_LEFT;
    }
}

/* Extras in the order of the text (several footnotes on a line print in it). */
static void S_extra_append(imp_item *it, imp_extra *x)
{
    imp_extra **tail = &it->extras;
    while (*tail)
        tail = &(*tail)->next;
    x->next = NULL;
    *tail = x;
}

static void S_extras_for_line(S_para *P, imp_item *it, PangoLayoutLine *line, double line_top,
                              double baseline, int line_x)
{
    int ls = line->start_index, le = line->start_index + line->length;
    for (size_t i = 0; i < P->nobjs; i++) {
        S_obj *o = &P->objs[i];
        if (o->kind == S_OB_SPACE)
            continue;
        if (o->kind == S_OB_BOX) {
            int s = o->start > ls ? o->start : ls, e = o->end < le ? o->end : le;
            if (s >= e)
                continue;
            const imp_props *ip = o->fo->p;
            double asc, desc;
            S_font_extents(P->L, ip, &asc, &desc);
            double up = asc + ip->padding[IMP_BEFORE] + imp_layout_border_width(&ip->border[IMP_BEFORE]);
            double down = desc + ip->padding[IMP_AFTER] + imp_layout_border_width(&ip->border[IMP_AFTER]);
            int *ranges = NULL, n = 0;
            pango_layout_line_get_x_ranges(line, s, e, &ranges, &n);
            for (int k = 0; k < n; k++) {
                int x0 = ranges[2 * k], x1 = ranges[2 * k + 1];
                /* runs side by side (its padding's room is a run of its own) make one box */
                while (k + 1 < n && ranges[2 * k + 2] <= x1 + 1)
                    x1 = ranges[2 * (++k) + 1] > x1 ? ranges[2 * k + 1] : x1;
                if (x1 <= x0)
                    continue;
                imp_extra *x = calloc(1, sizeof *x);
                if (!x)
                    break;
                x->kind = IMP_EX_BOX;
                x->x = (x0 - line_x) / (double)PANGO_SCALE;
                x->w = (x1 - x0) / (double)PANGO_SCALE;
                x->y = baseline - line_top - up;
                x->h = up + down;
                x->fo = o->fo;
                /* where a line breaks the inline, its box is open there */
                x->cut = (o->start < ls ? 1 : 0) | (o->end > le ? 2 : 0);
                S_extra_append(it, x);
            }
            g_free(ranges);
            continue;
        }
        if (o->kind == S_OB_LINK) {
            int s = o->start > ls ? o->start : ls, e = o->end < le ? o->end : le;
            if (s >= e)
                continue;
            int *ranges = NULL, n = 0;
            pango_layout_line_get_x_ranges(line, s, e, &ranges, &n);
            for (int k = 0; k < n; k++) {
                if (ranges[2 * k + 1] <= ranges[2 * k])
                    continue; /* nothing of it on this line (a space at its end) */
                imp_extra *x = calloc(1, sizeof *x);
                if (!x)
                    break;
                x->kind = IMP_EX_LINK;
                /* the ranges count from the layout's edge, the line's
                 * alignment offset (line_x) included: extras count from
                 * the line's start */
                x->x = (ranges[2 * k] - line_x) / (double)PANGO_SCALE;
                x->w = (ranges[2 * k + 1] - ranges[2 * k]) / (double)PANGO_SCALE;
                x->y = 0;
                x->h = it->height;
                x->uri = o->fo->p->external_destination;
                x->dest = o->fo->p->internal_destination;
                x->start = s - ls;
                x->end = e - ls;
                x->fo = o->fo;
                S_extra_append(it, x);
            }
            g_free(ranges);
            continue;
        }
        /* at the end of the paragraph's text only a destination (an empty
         * inline with an id, as DocBook's index entries make) */
        if (o->start < ls || o->start > le ||
            (o->start == le && !(o->kind == S_OB_DEST && le >= (int)P->text->len)))
            continue;
        int xpos = 0;
        pango_layout_line_index_to_x(line, o->start, FALSE, &xpos);
        imp_extra *x = calloc(1, sizeof *x);
        if (!x)
            break;
        x->x = xpos / (double)PANGO_SCALE;
        x->fo = o->fo;
        const imp_props *p = o->fo->p;
        switch (o->kind) {
        case S_OB_LEADER:
            x->x += p->padding[IMP_START];
            x->w = o->w - p->padding[IMP_START] - p->padding[IMP_END];
            x->period = p->leader_pattern_width;
            x->aligned = p->leader_align;
            x->kind = p->leader_pattern == IMP_LEADER_DOTS ? IMP_EX_DOTS : IMP_EX_RULE;
            if (p->leader_pattern == IMP_LEADER_USE_CONTENT && o->content) {
                /* the content repeated: each copy in a cell as wide as it,
                 * or leader-pattern-width when that is wider */
                PangoRectangle r;
                pango_layout_get_extents(o->content, NULL, &r);
                x->kind = IMP_EX_CONTENT;
                x->content = g_object_ref(o->content);
                x->period = fmax(r.width / (double)PANGO_SCALE, p->leader_pattern_width);
                x->y = baseline - line_top;
                x->color = p->color;
                break;
            }
            if (p->leader_pattern == IMP_LEADER_SPACE || p->leader_pattern == IMP_LEADER_USE_CONTENT) {
                free(x);
                continue;
            }
            x->thickness = p->leader_pattern == IMP_LEADER_DOTS ? p->font_size * 0.12
                                                                : p->rule_thickness;
            x->style = p->rule_style;
            x->color = p->color;
            x->y = baseline - line_top; /* on the baseline */
            break;
        case S_OB_IMAGE:
            x->kind = IMP_EX_IMAGE;
            x->w = o->w;
            x->h = o->h;
            x->y = baseline - line_top - o->ascent;
            x->image = o->image;
            if (o->image)
                o->image->refs++;
            break;
        case S_OB_DEST:
            x->kind = IMP_EX_DEST;
            x->name = p->id;
            x->y = 0;
            break;
        case S_OB_CONTAINER:
            x->kind = IMP_EX_CONTAINER;
            x->w = o->w;
            x->h = o->h;
            x->y = baseline - line_top - o->ascent;
            x->note = o->item; /* the line takes it */
            o->item = NULL;
            if (!x->note) {
                free(x);
                continue;
            }
            break;
        case S_OB_PAGENUM:
            x->kind = IMP_EX_PAGENUM; /* records the page the number lands on */
            x->fo = o->fo;
            break;
        case S_OB_FOOTNOTE:
            x->kind = IMP_EX_FOOTNOTE;
            x->note = imp_layout_item_new(IMP_IT_BLOCK, o->fo, NULL);
            if (x->note) {
                for (const imp_fo *b = o->fo->first; b; b = b->next)
                    if (b->kind == IMP_FO_FOOTNOTE_BODY)
                        imp_layout_blocks(P->L, b, P->L->flow_x, P->L->note_w, x->note);
                x->note->height = imp_layout_height(x->note);
            }
            break;
        default:
            free(x);
            continue;
        }
        S_extra_append(it, x);
    }
}

/* Stretch leaders that may grow (leader-length.maximum > optimum) to fill
 * the rest of their line, sharing it equally where a line has several
 * (each up to its maximum). Returns 1 when a shape changed. */
static int S_stretch_leaders(S_para *P, PangoLayout *lay)
{
    int changed = 0, done_line = -1;
    for (size_t i = 0; i < P->nobjs; i++) {
        S_obj *o = &P->objs[i];
        if (o->kind != S_OB_LEADER || !o->shape || o->max_w <= o->w + 0.01)
            continue;
        int line_no = 0, xpos = 0;
        pango_layout_index_to_line_x(lay, o->start, FALSE, &line_no, &xpos);
        PangoLayoutLine *line = pango_layout_get_line_readonly(lay, line_no);
        if (!line || line_no == done_line)
            continue; /* its line's leaders have their share */
        done_line = line_no;
        /* this line's stretchable leaders (o the first of them) */
        S_obj *on[64];
        int n = 0;
        for (size_t k = i; k < P->nobjs && n < 64; k++) {
            S_obj *q = &P->objs[k];
            if (q->kind != S_OB_LEADER || !q->shape || q->max_w <= q->w + 0.01 ||
                q->start < line->start_index || q->start >= line->start_index + line->length)
                continue;
            on[n++] = q;
        }
        PangoRectangle logical;
        pango_layout_line_get_extents(line, NULL, &logical);
        double used = logical.width / (double)PANGO_SCALE;
        double indent = line_no == 0 ? pango_layout_get_indent(lay) / (double)PANGO_SCALE : 0;
        double free_w = P->avail - used - (indent > 0 ? indent : 0) - 0.01;
        while (free_w > 0.01 && n > 0) {
            double share = free_w / n;
            int m = 0;
            for (int k = 0; k < n; k++) {
                S_obj *q = on[k];
                double grow = fmin(share, q->max_w - q->w);
                q->w += grow;
                free_w -= grow;
                if (q->max_w > q->w + 0.01)
                    on[m++] = q; /* room to grow still */
            }
            n = m;
        }
        for (size_t k = i; k < P->nobjs; k++) {
            S_obj *q = &P->objs[k];
            if (q->kind != S_OB_LEADER || !q->shape ||
                q->start < line->start_index || q->start >= line->start_index + line->length)
                continue;
            PangoAttrShape *sh = (PangoAttrShape *)q->shape;
            int w = (int)lround(q->w * PANGO_SCALE);
            if (sh->logical_rect.width != w) {
                sh->ink_rect.width = sh->logical_rect.width = w;
                changed = 1;
            }
        }
    }
    return changed;
}

/* Is lang (xml:lang, "ar-EG", "ur") written right to left? */
static int S_rtl_lang(const char *lang)
{
    static const char *const rtl[] = {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku",
                                      "ps", "sd", "syr", "ug", "ur", "yi"};
    if (!lang)
        return 0;
    size_t n = strcspn(lang, "-_");
    for (size_t i = 0; i < sizeof rtl / sizeof *rtl; i++)
        if (strlen(rtl[i]) == n && !strncasecmp(lang, rtl[i], n))
            return 1;
    return 0;
}

/* Build the PangoLayout of an inline run (NULL when it has no text). P is
 * initialised here and must be released with S_para_free. */
static PangoLayout *S_build(imp_lctx *L, S_para *P, const imp_fo *block, const imp_fo *first,
                            const imp_fo *stop, double avail, int from, double text_indent)
{
    memset(P, 0, sizeof *P);
    P->L = L;
    P->text = g_string_new(NULL);
    P->attrs = pango_attr_list_new();
    P->at_line_start = 1;
    P->avail = avail > 1 ? avail : 1;
    P->block = block;
    for (const imp_fo *c = first; c && c != stop; c = c->next)
        S_walk_one(P, c);
    /* trailing collapsible space at the end of the paragraph goes */
    while (P->text->len && P->text->str[P->text->len - 1] == ' ' && block->p->white_space_collapse &&
           block->p->white_space_treatment != IMP_WS_PRESERVE)
        g_string_truncate(P->text, P->text->len - 1);
    if (from > 0) {
        /* the rest of the paragraph: its text, attributes and objects from there */
        if ((size_t)from >= P->text->len)
            return NULL;
        g_string_erase(P->text, 0, from);
        pango_attr_list_update(P->attrs, 0, from, 0);
        for (size_t i = 0; i < P->nobjs; i++) {
            S_obj *o = &P->objs[i];
            if (o->end < from || (o->end == from && o->start < from)) {
                o->start = o->end = -1; /* before the rest: left out */
                o->shape = NULL;        /* freed with the text it stood on */
                continue;
            }
            o->start = o->start > from ? o->start - from : 0;
            o->end -= from;
        }
    }
    if (P->text->len == 0)
        return NULL;
    const imp_props *bp = block->p;
    S_block_attrs(P);
    if (bp->hyphenate)
        imp_layout_warn_once(L, 46, block->line,
                             "hyphenate=\"true\" is not supported by impack: lines break between "
                             "words only");
    PangoLayout *lay = pango_layout_new(L->pctx);
    /* the paragraph's direction is the writing-mode's (left to right), not
     * guessed from its first letter; a block in a right-to-left language
     * (xml:lang ar, he, fa, ur...) runs right to left */
    pango_layout_set_auto_dir(lay, S_rtl_lang(block->p->lang));
    pango_layout_set_text(lay, P->text->str, (int)P->text->len);
    /* the block's font as the default, so empty runs and line heights are right */
    PangoFontDescription *fd = S_font(bp);
    pango_layout_set_font_description(lay, fd);
    pango_font_description_free(fd);
    pango_layout_set_attributes(lay, P->attrs);
    if (bp->wrap_option_wrap) {
        pango_layout_set_width(lay, (int)lround(P->avail * PANGO_SCALE));
        /* a word wider than the column is broken inside rather than left
         * to overflow (into the next cell, off the page), except in a list
         * item's label: a number such as "10." in a narrow label stays
         * whole and reaches into the body's space, as FOP sets it */
        int in_label = 0;
        for (const imp_fo *a = block; a && !in_label; a = a->parent)
            in_label = a->kind == IMP_FO_LIST_ITEM_LABEL;
        pango_layout_set_wrap(lay, in_label ? PANGO_WRAP_WORD : PANGO_WRAP_WORD_CHAR);
    } else {
        pango_layout_set_width(lay, -1);
    }
    int justify;
    pango_layout_set_alignment(lay, S_align(bp->text_align, &justify));
    pango_layout_set_indent(lay, from > 0 ? 0 : (int)lround(text_indent * PANGO_SCALE));
    /* leaders first stretch into the room the unjustified lines leave;
     * justification (S_justify_line) and text-align-last come after */
    if (S_stretch_leaders(P, lay)) {
        pango_layout_context_changed(lay); /* the shapes changed in place: lay out again */
        P->stretched = 1;
    }
    return lay;
}

static void S_para_free(S_para *P)
{
    for (size_t i = 0; i < P->nobjs; i++) {
        if (P->objs[i].image)
            imp_image_unref(P->objs[i].image);
        if (P->objs[i].content)
            g_object_unref(P->objs[i].content);
        imp_layout_item_free(P->objs[i].item);
    }
    free(P->objs);
    if (P->attrs)
        pango_attr_list_unref(P->attrs);
    if (P->text)
        g_string_free(P->text, TRUE);
}

/* XSL justification: the room a line leaves goes to its word spaces (U+0020
 * and U+3000), not to the spaces it ends with. A line with none stays as it
 * is (Pango's own justification would spread its letters: a long word in a
 * narrow cell). The glyphs' advances change in place, as Pango's do. Returns
 * the room given, in Pango units. */
static int S_justify_line(PangoLayoutLine *line, const char *text, int room)
{
    int end = line->start_index + line->length;
    while (end > line->start_index && (text[end - 1] == ' ' || text[end - 1] == '\n'))
        end--;
    int n = 0;
    for (int pass = 0; pass < 2; pass++) {
        int k = 0, per = n ? room / n : 0, extra = n ? room % n : 0;
        for (GSList *l = line->runs; l; l = l->next) {
            PangoGlyphItem *gi = l->data;
            PangoGlyphString *gs = gi->glyphs;
            for (int i = 0; i < gs->num_glyphs; i++) {
                int b = gi->item->offset + gs->log_clusters[i];
                if (b >= end || (i > 0 && gs->log_clusters[i] == gs->log_clusters[i - 1]))
                    continue;
                int space = text[b] == ' ' || !strncmp(text + b, "\xe3\x80\x80", 3);
                if (!space)
                    continue;
                if (pass == 0)
                    n++;
                else
                    gs->glyphs[i].geometry.width += per + (k++ < extra ? 1 : 0);
            }
        }
        if (n == 0 || room <= 0)
            return 0;
    }
    return room;
}

/* The alignment of one line: text-align, or for the last line of the
 * paragraph (and one a forced break ends) text-align-last. */
static imp_text_align S_line_align(const imp_props *bp, int last)
{
    if (!last)
        return bp->text_align;
    if (bp->text_align_last == IMP_TA_RELATIVE)
        return bp->text_align == IMP_TA_JUSTIFY ? IMP_TA_START : bp->text_align;
    return bp->text_align_last;
}

/* A forced line break (a preserved linefeed) ends the line. */
static int S_forced_end(PangoLayout *lay, PangoLayoutLine *line)
{
    const char *t = pango_layout_get_text(lay);
    int e = line->start_index + line->length;
    return (e > 0 && t[e - 1] == '\n') || t[e] == '\n' ||
           (e >= 3 && !strncmp(t + e - 3, S_LSEP, 3)) || !strncmp(t + e, S_LSEP, 3);
}

/* Where Pango would put a line width wide with alignment al (the offset
 * from the layout's left edge, Pango units), as get_x_offset in
 * pango-layout.c does: flipped for a right-to-left paragraph, indented at
 * its start side, centred without indent. */
static int S_pango_x(PangoLayout *lay, PangoLayoutLine *line, int width, PangoAlignment al)
{
    int W = pango_layout_get_width(lay), ind = pango_layout_get_indent(lay);
    if (al != PANGO_ALIGN_CENTER && pango_layout_get_auto_dir(lay) &&
        line->resolved_dir == PANGO_DIRECTION_RTL)
        al = al == PANGO_ALIGN_LEFT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
    int x = al == PANGO_ALIGN_RIGHT ? W - width : al == PANGO_ALIGN_CENTER ? (W - width) / 2 : 0;
    if (al == PANGO_ALIGN_CENTER)
        return x;
    if (line->is_paragraph_start && ind > 0)
        x += al == PANGO_ALIGN_LEFT ? ind : -ind;
    else if (!line->is_paragraph_start && ind < 0)
        x += al == PANGO_ALIGN_LEFT ? -ind : ind;
    return x;
}

/* The x of a line (Pango units, from the layout's left edge): Pango placed
 * it by text-align; justified here (S_justify_line), or placed again when
 * it is the last and text-align-last asks otherwise. */
static int S_line_x(S_para *P, PangoLayout *lay, PangoLayoutLine *line,
                    const PangoRectangle *logical, int last)
{
    const imp_props *bp = P->block->p;
    imp_text_align a = S_line_align(bp, last);
    int W = pango_layout_get_width(lay);
    if (W < 0 || (a == bp->text_align && a != IMP_TA_JUSTIFY))
        return logical->x;
    int unused, width = logical->width;
    PangoAlignment al = S_align(a, &unused);
    if (a == IMP_TA_JUSTIFY && !(last && P->stretched)) { /* a stretched leader filled it */
        int ind = pango_layout_get_indent(lay);
        int lead = line->is_paragraph_start ? (ind > 0 ? ind : 0) : (ind < 0 ? -ind : 0);
        int room = W - lead - width;
        if (room > 0)
            width += S_justify_line(line, pango_layout_get_text(lay), room);
    }
    return S_pango_x(lay, line, width, al);
}

void imp_layout_para_measure(imp_lctx *L, const imp_fo *block, const imp_fo *first,
                             const imp_fo *stop, double *minw, double *maxw)
{
    S_para P;
    PangoLayout *lay = S_build(L, &P, block, first, stop, 1e6, 0, block->p->text_indent);
    *minw = *maxw = 0;
    if (lay) {
        PangoRectangle r;
        pango_layout_set_width(lay, -1);
        pango_layout_get_extents(lay, NULL, &r);
        *maxw = r.width / (double)PANGO_SCALE;
        pango_layout_set_width(lay, PANGO_SCALE);
        pango_layout_set_wrap(lay, PANGO_WRAP_WORD);
        pango_layout_get_extents(lay, NULL, &r);
        *minw = r.width / (double)PANGO_SCALE;
        g_object_unref(lay);
    }
    S_para_free(&P);
}

void imp_layout_para(imp_lctx *L, const imp_fo *block, const imp_fo *first, const imp_fo *stop,
                     double x, double avail, imp_item *parent)
{
    imp_layout_para_from(L, block, first, stop, x, avail, parent, 0);
}

void imp_layout_para_from(imp_lctx *L, const imp_fo *block, const imp_fo *first,
                          const imp_fo *stop, double x, double avail, imp_item *parent, int from)
{
    S_para P;
    /* a percentage is of the block's width (XSL 7.16.11) */
    double ti = block->p->text_indent + block->p->text_indent_pct * avail / 100;
    if (ti < 0 && from <= 0) {
        /* XSL: the first line starts text-indent before the others; Pango's
         * negative indent instead indents the other lines: widen the box */
        x += ti;
        avail -= ti;
    }
    PangoLayout *lay = S_build(L, &P, block, first, stop, avail, from, ti);
    if (!lay)
        goto done;
    const imp_props *bp = block->p;
    if (bp->wrap_option_wrap && pango_layout_is_wrapped(lay)) {
        int n_attrs = 0;
        const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(lay, &n_attrs);
        const char *txt = pango_layout_get_text(lay);
        for (GSList *l = pango_layout_get_lines_readonly(lay); l && l->next; l = l->next) {
            PangoLayoutLine *next = l->next->data;
            long ci = g_utf8_pointer_to_offset(txt, txt + next->start_index);
            if (ci < n_attrs && !la[ci].is_line_break) {
                imp_layout_warn_once(L, 9, block->line,
                                     "a word is wider than its column; it is broken inside");
                break;
            }
        }
        PangoLayoutIter *wi = pango_layout_get_iter(lay);
        do {
            PangoRectangle lr;
            pango_layout_iter_get_line_extents(wi, NULL, &lr);
            if (lr.width > (int)(P.avail * PANGO_SCALE) + PANGO_SCALE)
                imp_layout_warn_once(L, 5, block->line,
                                     "a line is wider than its column and overflows it");
        } while (pango_layout_iter_next_line(wi));
        pango_layout_iter_free(wi);
    }
    int nlines = pango_layout_get_line_count(lay);
    PangoLayoutIter *it = pango_layout_get_iter(lay);
    int idx = 0;
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double top = logical.y / (double)PANGO_SCALE;
        double baseline = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
        imp_item *li = imp_layout_item_new(IMP_IT_LINE, block, parent);
        if (!li)
            break;
        li->from = first;
        li->layout = g_object_ref(lay);
        li->line = pango_layout_line_ref(line);
        li->x = x;
        li->w = P.avail;
        /* a character no installed font has prints as a box: say so, once */
        for (GSList *l = line->runs; l && !L->warned[45]; l = l->next) {
            const PangoGlyphString *gs = ((PangoGlyphItem *)l->data)->glyphs;
            for (int g = 0; g < gs->num_glyphs; g++) {
                PangoGlyph gl = gs->glyphs[g].glyph;
                if (gl != PANGO_GLYPH_EMPTY && (gl & PANGO_GLYPH_UNKNOWN_FLAG)) {
                    imp_layout_warn_once(L, 45, block->line,
                                         "no installed font has the character U+%04X, so it "
                                         "prints as a box: install a font that has it (for "
                                         "Chinese, Japanese and Korean, Debian's fonts-noto-cjk)",
                                         (unsigned)(gl & ~PANGO_GLYPH_UNKNOWN_FLAG));
                    break;
                }
            }
        }
        int last = idx == nlines - 1 || S_forced_end(lay, line);
        li->lx = x + S_line_x(&P, lay, line, &logical, last) / (double)PANGO_SCALE;
        li->height = logical.height / (double)PANGO_SCALE;
        li->ascent = baseline - top;
        li->para_index = idx++;
        li->para_lines = nlines;
        li->orphans = bp->orphans > 0 ? bp->orphans : 2;
        li->widows = bp->widows > 0 ? bp->widows : 2;
        S_extras_for_line(&P, li, line, top, baseline, logical.x);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(lay);
done:
    S_para_free(&P);
}
