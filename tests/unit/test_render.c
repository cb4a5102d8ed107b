/* test_render.c: the drawing end: image loading, the tagged PDF, the text dump. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include "area.h"
#include "image.h"
#include "render.h"

/* ---- helpers -------------------------------------------------------- */

/* Under SANITIZE=1: fontconfig's caches (reached through Pango) are never
 * freed by design; LeakSanitizer reads this hook. Nothing else is excused. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

static char S_dir[64];
static PangoContext *S_ctx; /* one Pango context for every test line */

static int S_setup(void **state)
{
    (void)state;
    strcpy(S_dir, "/tmp/imp-render-XXXXXX");
    return mkdtemp(S_dir) ? 0 : -1;
}

static int S_teardown(void **state)
{
    (void)state;
    char cmd[128];
    /* let the font caches go, so a leak checker sees only real leaks */
    if (S_ctx)
        g_object_unref(S_ctx);
    S_ctx = NULL;
    pango_cairo_font_map_set_default(NULL);
    FcFini();
    if (getenv("IMP_KEEP_TMP")) { /* to look at the files after a failure */
        fprintf(stderr, "test files kept in %s\n", S_dir);
        return 0;
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static char *S_path(const char *name)
{
    return g_strdup_printf("%s/%s", S_dir, name);
}

static void S_write(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

static char *S_slurp(const char *path, size_t *n)
{
    gchar *s = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &s, &len, NULL))
        return NULL;
    if (n)
        *n = len;
    return s;
}

/* Output of a shell command (NULL when it cannot run). */
static char *S_run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    GString *g = g_string_new(NULL);
    char buf[4096];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, p)) > 0)
        g_string_append_len(g, buf, (gssize)k);
    int st = pclose(p);
    if (st != 0) {
        g_string_free(g, TRUE);
        return NULL;
    }
    return g_string_free(g, FALSE);
}

static int S_have(const char *tool)
{
    char *cmd = g_strdup_printf("command -v %s >/dev/null 2>&1", tool);
    int ok = system(cmd) == 0;
    g_free(cmd);
    return ok;
}

/* memmem, which -D_XOPEN_SOURCE does not declare: PDFs hold NUL bytes */
static int S_find(const void *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k <= n && i <= n - k; i++)
        if (!memcmp((const char *)hay + i, needle, k))
            return 1;
    return 0;
}

static int S_has_diag(const imp_diags *d, imp_severity sev, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].sev == sev && strstr(d->v[i].msg, needle))
            return 1;
    return 0;
}

/* A red-and-blue PNG of w×h pixels written with Cairo. */
static char *S_png(const char *name, int w, int h)
{
    char *path = S_path(name);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 0, 0);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 1);
    cairo_rectangle(cr, 0, 0, w / 2.0, h / 2.0);
    cairo_fill(cr);
    cairo_destroy(cr);
    assert_int_equal(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    return path;
}

/* A JPEG (or PNG) saved by gdk-pixbuf, optionally with a resolution. */
static char *S_pixbuf_file(const char *name, const char *type, int w, int h, const char *dpi)
{
    char *path = S_path(name);
    GdkPixbuf *pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, w, h);
    gdk_pixbuf_fill(pb, 0x3366ccff);
    GError *err = NULL;
    gboolean ok = dpi ? gdk_pixbuf_save(pb, path, type, &err, "x-dpi", dpi, "y-dpi", dpi, NULL)
                      : gdk_pixbuf_save(pb, path, type, &err, NULL);
    if (!ok)
        fail_msg("gdk_pixbuf_save: %s", err ? err->message : "?");
    g_object_unref(pb);
    return path;
}

static PangoContext *S_pctx(void)
{
    PangoContext *ctx = S_ctx;
    if (!ctx) {
        ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
        cairo_font_options_t *fo = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
        pango_cairo_context_set_font_options(ctx, fo);
        cairo_font_options_destroy(fo);
        S_ctx = ctx;
    }
    return ctx;
}

/* A LINE area holding the first line of text set in DejaVu Sans 12. */
static imp_area *S_line(imp_area *parent, double x, double y, const char *text, int red)
{
    imp_area *a = imp_area_new(IMP_AREA_LINE, parent);
    PangoLayout *lay = pango_layout_new(S_pctx());
    PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans 12");
    pango_layout_set_font_description(lay, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(lay, text, -1);
    if (red) {
        PangoAttrList *al = pango_attr_list_new();
        pango_attr_list_insert(al, pango_attr_foreground_new(0xffff, 0, 0));
        pango_layout_set_attributes(lay, al);
        pango_attr_list_unref(al);
    }
    a->line = pango_layout_line_ref(pango_layout_get_line_readonly(lay, 0));
    a->layout = lay;
    a->x = x;
    a->y = y;
    a->w = 400;
    a->h = 14.4;
    a->baseline = y + 11; /* by hand, so the dump does not depend on the fonts installed */
    return a;
}

static imp_area *S_box(imp_area *parent, double x, double y, double w, double h,
                       const char *st, int sid)
{
    imp_area *a = imp_area_new(IMP_AREA_BOX, parent);
    a->x = x;
    a->y = y;
    a->w = w;
    a->h = h;
    a->struct_type = st;
    a->struct_id = sid;
    return a;
}

static void S_border(imp_area *a, int side, double w, imp_border_style s, double r, double g,
                     double b)
{
    a->border[side].width = w;
    a->border[side].style = s;
    a->border[side].color = (imp_color){r, g, b, 1};
}

static imp_outline *S_outline(const char *title, const char *dest, const char *uri)
{
    imp_outline *o = calloc(1, sizeof *o);
    o->title = strdup(title);
    o->dest = dest ? strdup(dest) : NULL;
    o->uri = uri ? strdup(uri) : NULL;
    return o;
}

/*
 * Two pages of different sizes: a running head (Artifact) on each; a
 * bordered paragraph with a link; a heading; a rule; a figure with alt
 * text; a paragraph (struct_id 7) that starts on page 1 and ends on page 2.
 */
static imp_area_doc *S_doc(void)
{
    imp_area_doc *ad = calloc(1, sizeof *ad);
    imp_area *p1 = imp_area_new(IMP_AREA_PAGE, NULL), *p2 = imp_area_new(IMP_AREA_PAGE, NULL);
    ad->first_page = p1;
    p1->next = p2;
    ad->last_page = p2;
    ad->npages = 2;
    p1->w = 595.28;
    p1->h = 841.89;
    p2->w = 419.53;
    p2->h = 595.28;

    imp_area *head = S_box(p1, 56.7, 20, 481.9, 16, "Artifact", 0);
    S_line(head, 56.7, 20, "Running head", 0);

    imp_area *para = S_box(p1, 56.7, 60, 481.9, 40, "P", 1);
    para->background = (imp_color){0.9, 0.95, 1, 1};
    S_border(para, IMP_BEFORE, 2, IMP_BS_SOLID, 0, 0, 0);
    S_border(para, IMP_AFTER, 3, IMP_BS_DOUBLE, 0.5, 0, 0);
    S_border(para, IMP_START, 1.5, IMP_BS_DOTTED, 0, 0.5, 0);
    S_border(para, IMP_END, 1, IMP_BS_DASHED, 0, 0, 0.5);
    S_line(para, 60, 64, "Hello, world: see the web site.", 1);
    imp_area *link = imp_area_new(IMP_AREA_LINK, para);
    link->x = 200;
    link->y = 64;
    link->w = 80;
    link->h = 14.4;
    link->uri = strdup("https://example.org/a b?q='x'&r=(1)");

    imp_area *h1 = S_box(p1, 56.7, 110, 481.9, 20, "H1", 2);
    h1->clip = 1;
    h1->clip_x = 56.7;
    h1->clip_y = 110;
    h1->clip_w = 481.9;
    h1->clip_h = 20;
    S_line(h1, 56.7, 110, "Section one", 0);
    imp_area *dest = imp_area_new(IMP_AREA_DEST, h1);
    dest->x = 56.7;
    dest->y = 110;
    dest->name = strdup("sec1");

    imp_area *rule = imp_area_new(IMP_AREA_RULE, p1);
    rule->x = 56.7;
    rule->y = 140;
    rule->w = 481.9;
    rule->thickness = 0.5;
    rule->style = IMP_BS_SOLID;
    rule->color = (imp_color){0, 0, 0, 1};

    imp_area *fig = imp_area_new(IMP_AREA_IMAGE, p1);
    fig->x = 56.7;
    fig->y = 150;
    fig->w = 60;
    fig->h = 30;
    fig->struct_type = "Figure";
    fig->alt = "A red square with a blue corner";
    char *png = S_png("fig.png", 40, 20);
    imp_diags d = {0};
    fig->image = imp_image_load(png, &d, "doc.fo", 3);
    assert_non_null(fig->image);
    g_free(png);

    imp_area *p7 = S_box(p1, 56.7, 800, 481.9, 20, "P", 7);
    S_line(p7, 56.7, 800, "This paragraph starts on page one", 0);

    imp_area *head2 = S_box(p2, 40, 20, 300, 16, "Artifact", 0);
    S_line(head2, 40, 20, "Running head", 0);
    imp_area *p7b = S_box(p2, 40, 60, 300, 20, "P", 7);
    S_line(p7b, 40, 60, "and ends on page two.", 0);
    imp_area *back = imp_area_new(IMP_AREA_LINK, p2);
    back->x = 40;
    back->y = 90;
    back->w = 100;
    back->h = 14;
    back->dest = strdup("sec1");
    back->struct_type = "Link";

    ad->outline = S_outline("Section one", "sec1", NULL);
    ad->outline->open = 1;
    ad->outline->first = S_outline("The web site", NULL, "https://example.org/");
    ad->outline->next = S_outline("Élan", "sec1", NULL);
    ad->title = strdup("Render test");
    ad->author = strdup("impack tests");
    ad->subject = strdup("areas");
    ad->keywords = strdup("pdf, tags");
    ad->lang = strdup("en-GB");
    imp_diag_free(&d);
    return ad;
}

static cairo_status_t S_mem_write(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t S_bad_write(void *closure, const unsigned char *data, unsigned int len)
{
    (void)closure;
    (void)data;
    (void)len;
    return CAIRO_STATUS_WRITE_ERROR;
}

/* No temporary left over by the atomic writer. */
static int S_stray_temps(void)
{
    int n = 0;
    DIR *dir = opendir(S_dir);
    struct dirent *e;
    while (dir && (e = readdir(dir)))
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    if (dir)
        closedir(dir);
    return n;
}

/* ---- images ----------------------------------------------------------- */

static void test_image_png(void **state)
{
    (void)state;
    imp_diags d = {0};
    char *path = S_png("a.png", 40, 20);
    imp_image *img = imp_image_load(path, &d, "doc.fo", 1);
    assert_non_null(img);
    assert_int_equal(d.n, 0);
    assert_int_equal(img->refs, 1);
    assert_non_null(img->surface);
    assert_null(img->svg);
    assert_null(img->jpeg);
    /* no pHYs: 96 dpi, 0.75pt per pixel */
    assert_float_equal(img->width, 30, 1e-9);
    assert_float_equal(img->height, 15, 1e-9);
    imp_image_unref(img);
    g_free(path);
}

static void test_image_png_dpi(void **state)
{
    (void)state;
    imp_diags d = {0};
    char *path = S_pixbuf_file("dpi.png", "png", 144, 72, "144");
    imp_image *img = imp_image_load(path, &d, "doc.fo", 1);
    assert_non_null(img);
    /* 144 px at 144 dpi: one inch */
    assert_float_equal(img->width, 72, 0.05);
    assert_float_equal(img->height, 36, 0.05);
    imp_image_unref(img);
    g_free(path);
}

static void test_image_jpeg(void **state)
{
    (void)state;
    imp_diags d = {0};
    char *path = S_pixbuf_file("b.jpg", "jpeg", 100, 50, "72");
    imp_image *img = imp_image_load(path, &d, "doc.fo", 1);
    assert_non_null(img);
    assert_int_equal(d.n, 0);
    assert_non_null(img->surface);
    assert_non_null(img->jpeg);
    size_t n = 0;
    char *bytes = S_slurp(path, &n);
    assert_int_equal(img->jpeg_len, n);
    assert_memory_equal(img->jpeg, bytes, n);
    const unsigned char *mime = NULL;
    unsigned long mlen = 0;
    cairo_surface_get_mime_data(img->surface, CAIRO_MIME_TYPE_JPEG, &mime, &mlen);
    assert_ptr_equal(mime, img->jpeg);
    assert_int_equal(mlen, n);
    /* JFIF density 72 dpi: one pixel is one point */
    assert_float_equal(img->width, 100, 1e-9);
    assert_float_equal(img->height, 50, 1e-9);
    imp_image_unref(img);
    g_free(bytes);
    g_free(path);

    /* no density stated: 96 dpi */
    path = S_pixbuf_file("c.jpg", "jpeg", 100, 50, NULL);
    img = imp_image_load(path, &d, "doc.fo", 1);
    assert_non_null(img);
    assert_float_equal(img->width, 75, 1e-9);
    imp_image_unref(img);
    g_free(path);
    imp_diag_free(&d);
}

/* A phone photo stored sideways (EXIF orientation 6) is drawn upright; its
 * bytes cannot pass through to the PDF then, as PDF ignores EXIF. */
static void test_image_jpeg_orientation(void **state)
{
    (void)state;
    imp_diags d = {0};
    char *path = S_pixbuf_file("side.jpg", "jpeg", 100, 50, NULL);
    size_t n = 0;
    unsigned char *jpg = (unsigned char *)S_slurp(path, &n);
    static const unsigned char exif[] = {
        0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,       /* APP1, 34 bytes */
        'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,            /* TIFF, IFD at 8 */
        0x00, 0x01,                                              /* one entry */
        0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, /* Orientation 6 */
        0x00, 0x00, 0x00, 0x00};                                 /* no next IFD */
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, jpg, 2); /* SOI */
    g_byte_array_append(b, exif, sizeof exif);
    g_byte_array_append(b, jpg + 2, (guint)(n - 2));
    S_write(path, b->data, b->len);
    imp_image *img = imp_image_load(path, &d, "doc.fo", 1);
    assert_non_null(img);
    assert_int_equal(d.n, 0);
    assert_null(img->jpeg);
    assert_int_equal(cairo_image_surface_get_width(img->surface), 50);
    assert_int_equal(cairo_image_surface_get_height(img->surface), 100);
    assert_float_equal(img->width, 37.5, 1e-9);
    assert_float_equal(img->height, 75, 1e-9);
    imp_image_unref(img);
    g_byte_array_free(b, TRUE);
    g_free(jpg);
    g_free(path);
}

static void test_image_by_content(void **state)
{
    (void)state;
    imp_diags d = {0};
    /* a PNG named .jpg is a PNG */
    char *png = S_png("tmp.png", 8, 8), *lie = S_path("lie.jpg");
    assert_int_equal(rename(png, lie), 0);
    imp_image *img = imp_image_load(lie, &d, "doc.fo", 1);
    assert_non_null(img);
    assert_null(img->jpeg);
    imp_image_unref(img);
    /* a one-pixel GIF goes through gdk-pixbuf */
    static const unsigned char gif[] = {
        'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 0xff, 0, 0, 0, 0, 0,
        '!', 0xf9, 4, 1, 0, 0, 0, 0, ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 'D', 1, 0, ';'};
    char *g = S_path("one.gif");
    S_write(g, gif, sizeof gif);
    img = imp_image_load(g, &d, "doc.fo", 1);
    assert_non_null(img);
    assert_non_null(img->surface);
    assert_float_equal(img->width, 0.75, 1e-9);
    imp_image_unref(img);
    assert_int_equal(d.n, 0);
    g_free(png);
    g_free(lie);
    g_free(g);
}

static void test_image_svg(void **state)
{
    (void)state;
    imp_diags d = {0};
    char *path = S_path("c.svg");
    const char *svg = "<?xml version=\"1.0\"?>\n"
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\">"
                      "<rect width=\"200\" height=\"100\" fill=\"green\"/></svg>\n";
    S_write(path, svg, strlen(svg));
    imp_image *img = imp_image_load(path, &d, "doc.fo", 1);
    assert_non_null(img);
    assert_non_null(img->svg);
    assert_null(img->surface);
    assert_float_equal(img->width, 150, 1e-9);
    assert_float_equal(img->height, 75, 1e-9);
    imp_image_unref(img);
    g_free(path);

    /* only a viewBox: its size, in px */
    path = S_path("vb.svg");
    svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 20\"/>";
    S_write(path, svg, strlen(svg));
    img = imp_image_load(path, &d, "doc.fo", 1);
    assert_non_null(img);
    assert_float_equal(img->width, 30, 1e-9);
    assert_float_equal(img->height, 15, 1e-9);
    imp_image_unref(img);
    g_free(path);
    assert_int_equal(d.n, 0);
}

/* An SVG must not pull in other files: the referenced red PNG stays out. */
static void test_image_svg_no_external(void **state)
{
    (void)state;
    imp_diags d = {0};
    char *red = S_png("red.png", 10, 10);
    char *path = S_path("ext.svg");
    char *svg = g_strdup_printf(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
        "width=\"10\" height=\"10\"><image width=\"10\" height=\"10\" xlink:href=\"red.png\"/>"
        "<image width=\"10\" height=\"10\" xlink:href=\"file://%s\"/></svg>", red);
    S_write(path, svg, strlen(svg));
    imp_image *img = imp_image_load(path, &d, "doc.fo", 1);
    assert_non_null(img);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
    cairo_t *cr = cairo_create(s);
    RsvgRectangle vp = {0, 0, 10, 10};
    rsvg_handle_render_document(img->svg, cr, &vp, NULL);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    const uint32_t *px = (const uint32_t *)(void *)cairo_image_surface_get_data(s);
    assert_int_equal(px[5 * 10 + 8], 0); /* nothing drawn: transparent */
    cairo_surface_destroy(s);
    imp_image_unref(img);
    g_free(svg);
    g_free(path);
    g_free(red);
    imp_diag_free(&d);
}

static void test_image_errors(void **state)
{
    (void)state;
    imp_diags d = {0};
    char *missing = S_path("nope.png");
    assert_null(imp_image_load(missing, &d, "doc.fo", 12));
    assert_int_equal(d.n, 1);
    assert_int_equal(d.v[0].sev, IMP_SEV_WARNING);
    assert_string_equal(d.v[0].file, "doc.fo");
    assert_int_equal(d.v[0].line, 12);
    char *want = g_strdup_printf(
        "image %s (line 12) cannot be read: the file does not exist; it is left out", missing);
    assert_string_equal(d.v[0].msg, want);
    g_free(want);
    g_free(missing);

    /* a PNG signature followed by rubbish */
    static const unsigned char bad[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                        0,    0,   0,   13,  'I',  'H', 'D',  'R', 1, 2, 3};
    char *corrupt = S_path("corrupt.png");
    S_write(corrupt, bad, sizeof bad);
    assert_null(imp_image_load(corrupt, &d, "doc.fo", 13));
    assert_int_equal(d.n, 2);
    assert_true(S_has_diag(&d, IMP_SEV_WARNING, "the PNG data is damaged"));

    /* a truncated JPEG */
    char *jpg = S_pixbuf_file("t.jpg", "jpeg", 64, 64, NULL);
    size_t n = 0;
    char *bytes = S_slurp(jpg, &n);
    S_write(jpg, bytes, n / 3);
    assert_null(imp_image_load(jpg, &d, "doc.fo", 14));
    assert_int_equal(d.n, 3);

    /* text is not an image; neither is XML that is not SVG */
    char *txt = S_path("notes.png");
    S_write(txt, "hello, world\n", 13);
    assert_null(imp_image_load(txt, &d, "doc.fo", 15));
    char *xml = S_path("x.svg");
    S_write(xml, "<html><p>hi</p></html>", 22);
    assert_null(imp_image_load(xml, &d, "doc.fo", 16));
    char *empty = S_path("empty.png");
    S_write(empty, "", 0);
    assert_null(imp_image_load(empty, &d, "doc.fo", 17));
    assert_null(imp_image_load(S_dir, &d, "doc.fo", 18));
    assert_int_equal(d.n, 7);
    for (size_t i = 0; i < d.n; i++) {
        assert_int_equal(d.v[i].sev, IMP_SEV_WARNING);
        assert_non_null(strstr(d.v[i].msg, "; it is left out"));
    }
    assert_true(S_has_diag(&d, IMP_SEV_WARNING, "the file is empty"));
    assert_true(S_has_diag(&d, IMP_SEV_WARNING, "not a regular file"));
    g_free(corrupt);
    g_free(jpg);
    g_free(bytes);
    g_free(txt);
    g_free(xml);
    g_free(empty);
    imp_diag_free(&d);
}

/* ---- the text dump ----------------------------------------------------- */

static void test_text_dump(void **state)
{
    (void)state;
    imp_area_doc *ad = S_doc();
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    imp_render_text(ad, f);
    fclose(f);
    const char *want =
        "page 1 595.3x841.9\n"
        "  box 56.7,20.0 481.9x16.0 Artifact\n"
        "    line 56.7,20.0 400.0x14.4 base 31.0 \"Running head\"\n"
        "  box 56.7,60.0 481.9x40.0 P#1\n"
        "    line 60.0,64.0 400.0x14.4 base 75.0 \"Hello, world: see the web site.\"\n"
        "    link 200.0,64.0 80.0x14.4 uri=\"https://example.org/a b?q='x'&r=(1)\"\n"
        "  box 56.7,110.0 481.9x20.0 H1#2 clip 56.7,110.0 481.9x20.0\n"
        "    line 56.7,110.0 400.0x14.4 base 121.0 \"Section one\"\n"
        "    dest 56.7,110.0 name=\"sec1\"\n"
        "  rule 56.7,140.0 481.9x0.0 solid 0.5\n"
        "  image 56.7,150.0 60.0x30.0 Figure alt=\"A red square with a blue corner\" raster\n"
        "  box 56.7,800.0 481.9x20.0 P#7\n"
        "    line 56.7,800.0 400.0x14.4 base 811.0 \"This paragraph starts on page one\"\n"
        "page 2 419.5x595.3\n"
        "  box 40.0,20.0 300.0x16.0 Artifact\n"
        "    line 40.0,20.0 400.0x14.4 base 31.0 \"Running head\"\n"
        "  box 40.0,60.0 300.0x20.0 P#7\n"
        "    line 40.0,60.0 400.0x14.4 base 71.0 \"and ends on page two.\"\n"
        "  link 40.0,90.0 100.0x14.0 Link dest=\"sec1\"\n";
    assert_string_equal(buf, want);
    free(buf);
    imp_area_doc_free(ad);
}

/* ---- the PDF ----------------------------------------------------------- */

static void test_pdf_written(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_area_doc *ad = S_doc();
    char *out = S_path("out.pdf");
    assert_int_equal(imp_render_pdf(ad, out, &d), 0);
    assert_int_equal(imp_diag_count(&d, IMP_SEV_ERROR), 0);
    assert_int_equal(d.n, 0);
    size_t n = 0;
    char *pdf = S_slurp(out, &n);
    assert_non_null(pdf);
    assert_true(n > 1000);
    assert_memory_equal(pdf, "%PDF-", 5);
    assert_int_equal(S_stray_temps(), 0);
    struct stat st;
    assert_int_equal(stat(out, &st), 0);
    mode_t um = umask(0);
    umask(um);
    assert_int_equal(st.st_mode & 0777, 0666 & ~um);
    /* what Cairo cannot write itself, patched in */
    assert_true(S_find(pdf, n, "/Lang (en-GB)"));
    assert_true(S_find(pdf, n, "/Alt (A red square with a blue corner)"));
    assert_true(S_find(pdf, n, "/Creator (impack)"));
    assert_true(S_find(pdf, n, "/Title (Render test)"));
    assert_true(S_find(pdf, n, "/URI (https://example.org/a%20b?q='x'&r=%281%29)"));

    if (S_have("qpdf") && S_have("pdffonts") && S_have("pdfinfo")) {
        char *cmd = g_strdup_printf("sh tests/pdfcheck.sh '%s'", out);
        char *res = S_run(cmd);
        assert_non_null(res);
        assert_non_null(strstr(res, "pages: 2"));
        g_free(res);
        g_free(cmd);
        /* one paragraph over two pages, running heads outside the structure */
        cmd = g_strdup_printf("pdfinfo -struct-text '%s'", out);
        res = S_run(cmd);
        assert_non_null(res);
        /* a P with a Link child keeps its text in a NonStruct run */
        const char *want = "Document\n"
                           "  P (block)\n"
                           "    NonStruct\n"
                           "      \"Hello, world: see the web site.\"\n"
                           "    Link (inline)\n"
                           "      Object 16 0\n"
                           "      \"\"\n"
                           "  H1 (block)\n"
                           "    \"Section one\"\n"
                           "  Figure\n";
        assert_non_null(strstr(res, want));
        assert_null(strstr(res, "Running head"));
        const char *p7 = strstr(res, "This paragraph starts on page one");
        assert_non_null(p7);
        assert_non_null(strstr(p7, "and ends on page two."));
        /* P#7 is one element: two NonStruct runs under one P */
        assert_null(strstr(p7, "  P (block)\n"));
        assert_non_null(strstr(res, "Figure"));
        assert_non_null(strstr(res, "Link"));
        g_free(res);
        g_free(cmd);
        cmd = g_strdup_printf("pdfinfo -box -f 1 -l 2 '%s'", out);
        res = S_run(cmd);
        assert_non_null(res);
        assert_non_null(strstr(res, "595.28   841.89"));
        assert_non_null(strstr(res, "419.53   595.28"));
        g_free(res);
        g_free(cmd);
        cmd = g_strdup_printf("pdfinfo -dests '%s'", out);
        res = S_run(cmd);
        assert_non_null(res);
        assert_non_null(strstr(res, "sec1"));
        g_free(res);
        g_free(cmd);
    }
    g_free(pdf);
    g_free(out);
    imp_area_doc_free(ad);
}

static GByteArray *S_render_mem(const imp_area_doc *ad)
{
    imp_diags d = {0};
    GByteArray *b = g_byte_array_new();
    assert_int_equal(imp_render_pdf_stream(ad, S_mem_write, b, &d), 0);
    assert_int_equal(d.n, 0);
    return b;
}

static void test_pdf_reproducible(void **state)
{
    (void)state;
    setenv("SOURCE_DATE_EPOCH", "0", 1);
    imp_area_doc *ad = S_doc(), *ad2 = S_doc();
    GByteArray *a = S_render_mem(ad), *b = S_render_mem(ad2);
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->data, b->data, a->len);
    assert_true(S_find(a->data, a->len, "/CreationDate (D:19700101000000Z)"));
    assert_true(S_find(a->data, a->len, "/ModDate (D:19700101000000Z)"));
    g_byte_array_free(a, TRUE);
    g_byte_array_free(b, TRUE);

    /* and through the file writer */
    imp_diags d = {0};
    char *f1 = S_path("r1.pdf"), *f2 = S_path("r2.pdf");
    assert_int_equal(imp_render_pdf(ad, f1, &d), 0);
    assert_int_equal(imp_render_pdf(ad2, f2, &d), 0);
    size_t n1, n2;
    char *c1 = S_slurp(f1, &n1), *c2 = S_slurp(f2, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(c1, c2, n1);
    g_free(c1);
    g_free(c2);
    g_free(f1);
    g_free(f2);

    setenv("SOURCE_DATE_EPOCH", "soon", 1);
    GByteArray *c = g_byte_array_new();
    assert_int_equal(imp_render_pdf_stream(ad, S_mem_write, c, &d), 0);
    assert_true(S_has_diag(&d, IMP_SEV_WARNING, "SOURCE_DATE_EPOCH"));
    g_byte_array_free(c, TRUE);
    unsetenv("SOURCE_DATE_EPOCH");
    imp_diag_free(&d);
    imp_area_doc_free(ad);
    imp_area_doc_free(ad2);
}

static void test_pdf_unwritable(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_area_doc *ad = S_doc();
    assert_int_equal(imp_render_pdf(ad, "/nonexistent-impack-dir/out.pdf", &d), -1);
    assert_int_equal(imp_diag_count(&d, IMP_SEV_ERROR), 1);
    assert_true(S_has_diag(&d, IMP_SEV_ERROR, "cannot write /nonexistent-impack-dir/out.pdf"));
    assert_int_equal(access("/nonexistent-impack-dir/out.pdf", F_OK), -1);

    /* the temporary is written, but cannot replace a folder: it goes */
    char *sub = S_path("a-folder.pdf");
    assert_int_equal(mkdir(sub, 0755), 0);
    assert_int_equal(imp_render_pdf(ad, sub, &d), -1);
    assert_int_equal(imp_diag_count(&d, IMP_SEV_ERROR), 2);
    assert_int_equal(S_stray_temps(), 0);
    struct stat st;
    assert_int_equal(stat(sub, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    rmdir(sub);
    g_free(sub);

    /* a failing writer */
    assert_int_equal(imp_render_pdf_stream(ad, S_bad_write, NULL, &d), -1);
    assert_true(S_has_diag(&d, IMP_SEV_ERROR, "could not be written out"));
    imp_diag_free(&d);
    imp_area_doc_free(ad);
}

static void test_pdf_no_pages(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_area_doc *ad = calloc(1, sizeof *ad);
    char *out = S_path("empty.pdf");
    assert_int_equal(imp_render_pdf(ad, out, &d), -1);
    assert_true(S_has_diag(&d, IMP_SEV_ERROR, "no pages"));
    assert_int_equal(access(out, F_OK), -1);
    assert_int_equal(S_stray_temps(), 0);
    g_free(out);
    imp_area_doc_free(ad);
    imp_diag_free(&d);
}

/* JPEGs pass through (DCTDecode); SVG is drawn as vectors; odd structure
 * types are written as NonStruct with a warning, not a broken file. */
static void test_pdf_images_and_odd_types(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_area_doc *ad = calloc(1, sizeof *ad);
    imp_area *p = imp_area_new(IMP_AREA_PAGE, NULL);
    ad->first_page = ad->last_page = p;
    ad->npages = 1;
    p->w = 300;
    p->h = 300;
    char *jpg = S_pixbuf_file("pass.jpg", "jpeg", 50, 50, NULL);
    imp_area *a = imp_area_new(IMP_AREA_IMAGE, p);
    a->x = a->y = 10;
    a->w = a->h = 100;
    a->image = imp_image_load(jpg, &d, "doc.fo", 1);
    char *svgp = S_path("draw.svg");
    const char *svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"20\">"
                      "<circle cx=\"10\" cy=\"10\" r=\"8\" fill=\"purple\"/></svg>";
    S_write(svgp, svg, strlen(svg));
    imp_area *b = imp_area_new(IMP_AREA_IMAGE, p);
    b->x = 150;
    b->y = 10;
    b->w = b->h = 100;
    b->struct_type = "Diagram"; /* not a PDF type */
    b->image = imp_image_load(svgp, &d, "doc.fo", 2);
    imp_area *r = imp_area_new(IMP_AREA_RULE, p);
    r->x = 10;
    r->y = 200;
    r->w = 280;
    r->thickness = 3;
    r->style = IMP_BS_DOUBLE;
    r->color = (imp_color){0, 0, 0, 1};
    GByteArray *out = g_byte_array_new();
    assert_int_equal(imp_render_pdf_stream(ad, S_mem_write, out, &d), 0);
    assert_int_equal(d.n, 1);
    assert_true(S_has_diag(&d, IMP_SEV_WARNING, "structure type Diagram is not a PDF standard type"));
    assert_true(S_find(out->data, out->len, "/DCTDecode"));
    assert_false(S_find(out->data, out->len, "/Lang"));
    g_byte_array_free(out, TRUE);
    g_free(jpg);
    g_free(svgp);
    imp_area_doc_free(ad);
    imp_diag_free(&d);
}

/*
 * Structure over a page break: a table whose second row, cell and
 * paragraph continue on page 2 (one element each), a list, running heads
 * and feet on both pages (outside the structure), alt text and a language
 * that Cairo cannot write itself.
 */
static void test_pdf_structure_across_pages(void **state)
{
    (void)state;
    imp_diags d = {0};
    imp_area_doc *ad = calloc(1, sizeof *ad);
    imp_area *p1 = imp_area_new(IMP_AREA_PAGE, NULL), *p2 = imp_area_new(IMP_AREA_PAGE, NULL);
    ad->first_page = p1;
    ad->last_page = p2;
    p1->next = p2;
    ad->npages = 2;
    p1->w = p2->w = 300;
    p1->h = p2->h = 200;
    ad->lang = strdup("cy");
    for (imp_area *p = p1; p; p = p->next) {
        int first = p == p1;
        imp_area *head = S_box(p, 10, 5, 280, 15, "Artifact", 0);
        S_line(head, 10, 5, "Head", 0);
        imp_area *t = S_box(p, 10, 30, 280, 100, "Table", 10);
        S_border(t, IMP_BEFORE, 1, IMP_BS_SOLID, 0, 0, 0);
        if (first) {
            imp_area *tr = S_box(t, 10, 30, 280, 20, "TR", 11);
            imp_area *td = S_box(tr, 10, 30, 280, 20, "TD", 12);
            S_border(td, IMP_AFTER, 0.5, IMP_BS_GROOVE, 0, 0, 0);
            S_line(S_box(td, 10, 30, 280, 20, "P", 13), 10, 30, "cell one", 0);
        }
        imp_area *tr = S_box(t, 10, first ? 60 : 30, 280, 20, "TR", 14);
        imp_area *td = S_box(tr, 10, first ? 60 : 30, 280, 20, "TD", 15);
        td->background = (imp_color){1, 1, 0.8, 1};
        S_line(S_box(td, 10, first ? 60 : 30, 280, 20, "P", 16), 10, first ? 60 : 30,
               first ? "cell two starts" : "cell two ends", 0);
        if (!first) {
            imp_area *l = S_box(p, 10, 140, 280, 20, "L", 20);
            imp_area *li = S_box(l, 10, 140, 280, 20, "LI", 21);
            S_line(S_box(li, 10, 140, 20, 20, "Lbl", 22), 10, 140, "1.", 0);
            imp_area *body = S_box(li, 30, 140, 260, 20, "LBody", 23);
            imp_area *bp = S_box(body, 30, 140, 260, 20, "P", 24);
            bp->lang = "fr";
            body->lang = "CY"; /* the document's language: no /Lang */
            S_line(bp, 30, 140, "article", 0);
            imp_area *fig = imp_area_new(IMP_AREA_IMAGE, body);
            fig->struct_type = "Figure";
            fig->alt = "Ça va — a Welsh dragon";
            fig->x = 200;
            fig->y = 140;
            fig->w = fig->h = 10;
            char *png = S_png("dragon.png", 4, 4);
            fig->image = imp_image_load(png, &d, "doc.fo", 1);
            g_free(png);
        }
        imp_area *foot = S_box(p, 10, 180, 280, 15, "Artifact", 0);
        S_line(foot, 10, 180, "Foot", 0);
    }
    char *out = S_path("struct.pdf");
    assert_int_equal(imp_render_pdf(ad, out, &d), 0);
    assert_int_equal(d.n, 0);
    size_t n = 0;
    char *pdf = S_slurp(out, &n);
    assert_true(S_find(pdf, n, "/Lang (cy)"));
    assert_true(S_find(pdf, n, "/Lang (fr)"));
    assert_false(S_find(pdf, n, "/Lang (CY)"));
    /* "Ça va — a Welsh dragon" as UTF-16BE */
    assert_true(S_find(pdf, n, "/Alt <FEFF00C700610020007600610020201400200061002000570065006C0073006800200064007200610067006F006E>"));
    if (S_have("pdfinfo") && S_have("qpdf")) {
        char *cmd = g_strdup_printf("sh tests/pdfcheck.sh '%s' >/dev/null && pdfinfo -struct-text '%s'", out, out);
        char *res = S_run(cmd);
        assert_non_null(res);
        const char *want = "Document\n"
                           "  Table (block)\n"
                           "    TR\n"
                           "      TD\n"
                           "        P (block)\n"
                           "          \"cell one\"\n"
                           "    TR\n"
                           "      TD\n"
                           "        P (block)\n"
                           "          NonStruct\n"
                           "            \"cell two starts\"\n"
                           "          NonStruct\n"
                           "            \"cell two ends\"\n"
                           "  L (block)\n"
                           "    LI (block)\n"
                           "      Lbl (block)\n"
                           "        \"1.\"\n"
                           "      LBody (block)\n"
                           "        P (block)\n"
                           "          \"article\"\n"
                           "        Figure\n"
                           "          \"\"\n";
        assert_string_equal(res, want);
        g_free(res);
        g_free(cmd);
    }
    g_free(pdf);
    g_free(out);
    imp_area_doc_free(ad);
    imp_diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_image_png),
        cmocka_unit_test(test_image_png_dpi),
        cmocka_unit_test(test_image_jpeg),
        cmocka_unit_test(test_image_jpeg_orientation),
        cmocka_unit_test(test_image_by_content),
        cmocka_unit_test(test_image_svg),
        cmocka_unit_test(test_image_svg_no_external),
        cmocka_unit_test(test_image_errors),
        cmocka_unit_test(test_text_dump),
        cmocka_unit_test(test_pdf_written),
        cmocka_unit_test(test_pdf_reproducible),
        cmocka_unit_test(test_pdf_unwritable),
        cmocka_unit_test(test_pdf_no_pages),
        cmocka_unit_test(test_pdf_images_and_odd_types),
        cmocka_unit_test(test_pdf_structure_across_pages),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
