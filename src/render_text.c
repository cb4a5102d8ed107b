/* render_text.c: the area tree as stable, readable text, for tests and debugging. */
#include "render.h"

#include <math.h>
#include <string.h>

static const char *const S_kind[] = {"page", "box", "line", "rule", "image", "link", "dest"};

static const char *const S_style[] = {"none",  "solid", "dotted", "dashed", "double",
                                      "groove", "ridge", "inset",  "outset", "hidden"};

/* One decimal, never "-0.0", so a value that wobbles around zero prints the same. */
static void S_num(FILE *out, double v)
{
    if (fabs(v) < 0.05 || !isfinite(v))
        v = 0;
    fprintf(out, "%.1f", v);
}

static void S_quoted(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n && s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* The characters of a line, and " hyphen" where Pango hyphenated it. */
static void S_line_text(FILE *out, const imp_area *a)
{
    size_t len;
    const char *text = imp_area_line_text(a, &len);
    fputc(' ', out);
    if (!text) {
        fputs("\"\"", out);
        return;
    }
    S_quoted(out, text, len);
    if (imp_area_line_hyphenated(a))
        fputs(" hyphen", out);
}

/* lang: the language in force around a (the document's, or an ancestor's);
 * an area's own is printed only where it changes. */
static void S_area(FILE *out, const imp_area *a, int depth, const char *lang)
{
    for (; a; a = a->next) {
        fprintf(out, "%*s%s ", depth * 2, "", a->kind <= IMP_AREA_DEST ? S_kind[a->kind] : "?");
        S_num(out, a->x);
        fputc(',', out);
        S_num(out, a->y);
        if (a->kind != IMP_AREA_DEST) {
            fputc(' ', out);
            S_num(out, a->w);
            fputc('x', out);
            S_num(out, a->h);
        }
        if (a->struct_type) {
            fprintf(out, " %s", a->struct_type);
            if (a->struct_id)
                fprintf(out, "#%d", a->struct_id);
        }
        int own = a->lang && (!lang || g_ascii_strcasecmp(a->lang, lang));
        if (own)
            fprintf(out, " lang=%s", a->lang);
        if (a->alt) {
            fputs(" alt=", out);
            S_quoted(out, a->alt, strlen(a->alt));
        }
        switch (a->kind) {
        case IMP_AREA_BOX:
            if (a->clip) {
                fputs(" clip ", out);
                S_num(out, a->clip_x);
                fputc(',', out);
                S_num(out, a->clip_y);
                fputc(' ', out);
                S_num(out, a->clip_w);
                fputc('x', out);
                S_num(out, a->clip_h);
            }
            break;
        case IMP_AREA_LINE:
            fputs(" base ", out);
            S_num(out, a->baseline);
            if (a->line || a->glyphs)
                S_line_text(out, a);
            break;
        case IMP_AREA_RULE:
            fprintf(out, " %s ", (unsigned)a->style <= IMP_BS_HIDDEN ? S_style[a->style] : "?");
            S_num(out, a->thickness);
            break;
        case IMP_AREA_IMAGE:
            fprintf(out, " %s", !a->image            ? "missing"
                                : a->image->svg      ? "svg"
                                : a->image->jpeg     ? "jpeg"
                                                     : "raster");
            break;
        case IMP_AREA_LINK:
            if (a->uri) {
                fputs(" uri=", out);
                S_quoted(out, a->uri, strlen(a->uri));
            }
            if (a->dest) {
                fputs(" dest=", out);
                S_quoted(out, a->dest, strlen(a->dest));
            }
            break;
        case IMP_AREA_DEST:
            if (a->name) {
                fputs(" name=", out);
                S_quoted(out, a->name, strlen(a->name));
            }
            break;
        default:
            break;
        }
        fputc('\n', out);
        S_area(out, a->first, depth + 1, own ? a->lang : lang);
    }
}

void imp_render_text(const imp_area_doc *ad, FILE *out)
{
    int n = 0;
    for (const imp_area *p = ad->first_page; p; p = p->next) {
        fprintf(out, "page %d ", ++n);
        S_num(out, p->w);
        fputc('x', out);
        S_num(out, p->h);
        fputc('\n', out);
        S_area(out, p->first, 1, ad->lang);
    }
}
