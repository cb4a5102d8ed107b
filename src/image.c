/* image.c: external graphics read by content type: PNG (Cairo), JPEG/GIF/other (gdk-pixbuf), SVG (librsvg). */
#include "image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo.h>

#include "imglib.h"

/* CSS reference pixel: 96 per inch, so 0.75pt */
#define S_PX_PT 0.75
#define S_MAX_SIDE 32767 /* Cairo's largest image surface */

typedef enum { S_PNG, S_JPEG, S_GIF, S_SVG, S_OTHER } S_kind;

/* What the headers say before anything is decoded. */
typedef struct {
    long w, h;          /* pixels, 0 when unknown */
    double dpi_x, dpi_y; /* 0 when not stated */
    int components;     /* JPEG: colour components */
    int precision;      /* JPEG: bits per sample */
} S_info;

typedef struct {
    const unsigned char *p;
    size_t n, at;
} S_reader;

static uint32_t S_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned S_be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* Read a whole regular file of bounded size; on failure NULL and why. */
static unsigned char *S_read(const char *path, size_t *len, char *why, size_t whylen)
{
    unsigned char *buf = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0) {
        snprintf(why, whylen, "%s", errno == ENOENT ? "the file does not exist" : strerror(errno));
        goto done;
    }
    if (fstat(fd, &st) != 0) {
        snprintf(why, whylen, "%s", strerror(errno));
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, whylen, "it is not a regular file");
        goto done;
    }
    if (st.st_size == 0) {
        snprintf(why, whylen, "the file is empty");
        goto done;
    }
    if (st.st_size > IMP_IMAGE_MAX_FILE) {
        snprintf(why, whylen, "the file is larger than %ld MB", IMP_IMAGE_MAX_FILE / (1024 * 1024));
        goto done;
    }
    buf = malloc((size_t)st.st_size);
    if (!buf) {
        snprintf(why, whylen, "out of memory");
        goto done;
    }
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            snprintf(why, whylen, "%s", r < 0 ? strerror(errno) : "the file changed while it was read");
            free(buf);
            buf = NULL;
            goto done;
        }
        got += (size_t)r;
    }
    *len = got;
done:
    if (fd >= 0)
        close(fd);
    return buf;
}

static S_kind S_sniff(const unsigned char *p, size_t n)
{
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (n >= 8 && !memcmp(p, png, 8))
        return S_PNG;
    if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
        return S_JPEG;
    if (n >= 6 && (!memcmp(p, "GIF87a", 6) || !memcmp(p, "GIF89a", 6)))
        return S_GIF;
    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        return S_SVG; /* gzip: SVGZ is the only compressed format we read */
    size_t i = 0;
    if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i < n && p[i] == '<')
        return S_SVG; /* XML: librsvg says whether it is SVG */
    return S_OTHER;
}

/* PNG: size from IHDR, resolution from pHYs (before the first IDAT). */
static void S_png_info(const unsigned char *p, size_t n, S_info *inf)
{
    size_t at = 8;
    while (at + 12 <= n) {
        uint32_t len = S_be32(p + at);
        const unsigned char *type = p + at + 4, *data = p + at + 8;
        if (len > n - at - 12)
            break;
        if (!memcmp(type, "IHDR", 4) && len >= 8) {
            inf->w = (long)S_be32(data);
            inf->h = (long)S_be32(data + 4);
        } else if (!memcmp(type, "pHYs", 4) && len >= 9 && data[8] == 1) {
            /* unit 1 = pixels per metre; unit 0 states only an aspect ratio */
            inf->dpi_x = S_be32(data) * 0.0254;
            inf->dpi_y = S_be32(data + 4) * 0.0254;
        } else if (!memcmp(type, "IDAT", 4) || !memcmp(type, "IEND", 4)) {
            break;
        }
        at += 12 + (size_t)len;
    }
}

/* JPEG: density from the JFIF APP0 segment, size and components from SOFn. */
static void S_jpeg_info(const unsigned char *p, size_t n, S_info *inf)
{
    size_t at = 2;
    while (at + 4 <= n) {
        if (p[at] != 0xff)
            break;
        unsigned m = p[at + 1];
        if (m == 0xff) {
            at++; /* fill byte */
            continue;
        }
        if (m == 0x01 || (m >= 0xd0 && m <= 0xd7)) {
            at += 2;
            continue;
        }
        if (m == 0xd9 || m == 0xda)
            break;
        unsigned len = S_be16(p + at + 2);
        if (len < 2 || at + 2 + len > n)
            break;
        const unsigned char *s = p + at + 4;
        unsigned slen = len - 2;
        if (m == 0xe0 && slen >= 12 && !memcmp(s, "JFIF", 5)) {
            unsigned units = s[7], xd = S_be16(s + 8), yd = S_be16(s + 10);
            double f = units == 1 ? 1.0 : units == 2 ? 2.54 : 0.0;
            if (f > 0 && xd > 0 && yd > 0) {
                inf->dpi_x = xd * f;
                inf->dpi_y = yd * f;
            }
        } else if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc && slen >= 6) {
            inf->precision = s[0];
            inf->h = (long)S_be16(s + 1);
            inf->w = (long)S_be16(s + 3);
            inf->components = s[5];
        }
        at += 2 + len;
    }
}

static int S_too_large(long w, long h)
{
    return w > S_MAX_SIDE || h > S_MAX_SIDE || (w > 0 && h > IMP_IMAGE_MAX_PIXELS / w);
}

static cairo_status_t S_png_read(void *closure, unsigned char *data, unsigned int len)
{
    S_reader *r = closure;
    if (len > r->n - r->at)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->p + r->at, len);
    r->at += len;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *S_load_png(const unsigned char *p, size_t n, char *why, size_t whylen)
{
    S_reader r = {p, n, 0};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(S_png_read, &r);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        snprintf(why, whylen, "the PNG data is damaged (%s)",
                 cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

/* gdk-pixbuf: refuse huge rasters before they are allocated. */
typedef struct {
    const imp_pixbuf_lib *G;
    int huge;
} S_prep;

static void S_size_prepared(GdkPixbufLoader *loader, int w, int h, gpointer data)
{
    S_prep *sp = data;
    if (S_too_large(w, h)) {
        sp->huge = 1;
        sp->G->gdk_pixbuf_loader_set_size(loader, 1, 1);
    }
}

static GdkPixbuf *S_load_pixbuf(const imp_pixbuf_lib *G, const unsigned char *p, size_t n,
                                const char *type, char *why, size_t whylen)
{
    GError *err = NULL;
    GdkPixbuf *pb = NULL;
    S_prep prep = {G, 0};
    int huge = 0;
    GdkPixbufLoader *l =
        type ? G->gdk_pixbuf_loader_new_with_type(type, &err) : G->gdk_pixbuf_loader_new();
    if (!l)
        goto done;
    g_signal_connect(l, "size-prepared", G_CALLBACK(S_size_prepared), &prep);
    gboolean ok = G->gdk_pixbuf_loader_write(l, p, n, &err);
    /* close even after a failed write: the loader insists on it */
    gboolean closed = G->gdk_pixbuf_loader_close(l, ok ? &err : NULL);
    huge = prep.huge;
    if (ok && closed && !huge) {
        pb = G->gdk_pixbuf_loader_get_pixbuf(l);
        if (pb)
            g_object_ref(pb);
    }
done:
    if (huge)
        snprintf(why, whylen, "it has more than %ld pixels", IMP_IMAGE_MAX_PIXELS);
    else if (!pb && err)
        snprintf(why, whylen, "%s", err->message);
    else if (!pb)
        snprintf(why, whylen, "it is not an image impack can read (PNG, JPEG, GIF, SVG)");
    if (err)
        g_error_free(err);
    if (l)
        g_object_unref(l);
    return pb;
}

/* A pixbuf as a Cairo image surface (premultiplied, native-endian ARGB). */
static cairo_surface_t *S_surface_from_pixbuf(const imp_pixbuf_lib *G, const GdkPixbuf *pb)
{
    int w = G->gdk_pixbuf_get_width(pb), h = G->gdk_pixbuf_get_height(pb);
    int nch = G->gdk_pixbuf_get_n_channels(pb), alpha = G->gdk_pixbuf_get_has_alpha(pb);
    int rs = G->gdk_pixbuf_get_rowstride(pb);
    const guchar *src = G->gdk_pixbuf_read_pixels(pb);
    cairo_surface_t *s = cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || nch < 3)
        return s;
    cairo_surface_flush(s);
    unsigned char *dst = cairo_image_surface_get_data(s);
    int ds = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++) {
        const guchar *sp = src + (size_t)y * rs;
        uint32_t *dp = (uint32_t *)(void *)(dst + (size_t)y * ds);
        for (int x = 0; x < w; x++, sp += nch) {
            uint32_t a = alpha ? sp[3] : 255, r = sp[0], g = sp[1], b = sp[2];
            if (a != 255) {
                r = (r * a + 127) / 255;
                g = (g * a + 127) / 255;
                b = (b * a + 127) / 255;
            }
            dp[x] = a << 24 | r << 16 | g << 8 | b;
        }
    }
    cairo_surface_mark_dirty(s);
    return s;
}

/* Decode a raster through gdk-pixbuf; a JPEG keeps its bytes (ownership of
 * *bytes passes to the surface) unless it had to be turned upright. */
static cairo_surface_t *S_load_raster(unsigned char **bytes, size_t n, S_kind k, S_info *inf,
                                      unsigned char **jpeg, char *why, size_t whylen)
{
    cairo_surface_t *s = NULL;
    const char *type = k == S_JPEG ? "jpeg" : k == S_GIF ? "gif" : NULL;
    const imp_pixbuf_lib *G = imp_pixbuf_lib_get(why, whylen);
    if (!G)
        return NULL;
    GdkPixbuf *pb = S_load_pixbuf(G, *bytes, n, type, why, whylen);
    if (!pb)
        goto done;
    /* EXIF orientation: draw upright, as browsers do; the stored bytes
     * would be sideways in a PDF, so they are not passed through then */
    const char *orient = G->gdk_pixbuf_get_option(pb, "orientation");
    int turned = orient && strcmp(orient, "1") != 0;
    if (turned) {
        GdkPixbuf *up = G->gdk_pixbuf_apply_embedded_orientation(pb);
        if (up) {
            g_object_unref(pb);
            pb = up;
            if (G->gdk_pixbuf_get_width(pb) != inf->w) {
                double t = inf->dpi_x;
                inf->dpi_x = inf->dpi_y;
                inf->dpi_y = t;
            }
        }
    }
    inf->w = G->gdk_pixbuf_get_width(pb);
    inf->h = G->gdk_pixbuf_get_height(pb);
    s = S_surface_from_pixbuf(G, pb);
    g_object_unref(pb);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        snprintf(why, whylen, "%s", cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        s = NULL;
        goto done;
    }
    /* PDF's DCTDecode takes 8-bit grey and RGB JPEGs as they are; CMYK
     * (often stored inverted) and 12-bit ones go through the pixels. */
    if (k == S_JPEG && !turned && inf->precision == 8 &&
        (inf->components == 1 || inf->components == 3) &&
        cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, *bytes, n, free, *bytes) ==
            CAIRO_STATUS_SUCCESS) {
        *jpeg = *bytes;
        *bytes = NULL;
    }
done:
    return s;
}

static RsvgHandle *S_load_svg(const unsigned char *p, size_t n, double *w, double *h,
                              char *why, size_t whylen)
{
    GError *err = NULL;
    const imp_rsvg_lib *R = imp_rsvg_lib_get(why, whylen);
    if (!R)
        return NULL;
    /* from memory, no base file: librsvg then refuses every external
     * reference (files, network); only data: URLs inside the SVG work */
    RsvgHandle *sv = R->rsvg_handle_new_from_data(p, n, &err);
    if (!sv) {
        snprintf(why, whylen, "it is not a readable SVG image (%s)",
                 err && err->message ? err->message : "parse error");
        goto done;
    }
    R->rsvg_handle_set_dpi(sv, 96.0);
    if (!R->rsvg_handle_get_intrinsic_size_in_pixels(sv, w, h)) {
        /* no absolute width/height: the viewBox, else CSS's default 300×150 */
        gboolean hw, hh, hv;
        RsvgLength lw, lh;
        RsvgRectangle vb;
        R->rsvg_handle_get_intrinsic_dimensions(sv, &hw, &lw, &hh, &lh, &hv, &vb);
        *w = hv && vb.width > 0 ? vb.width : 300;
        *h = hv && vb.height > 0 ? vb.height : 150;
    }
    if (!(*w > 0) || !(*h > 0)) {
        snprintf(why, whylen, "the SVG has no size");
        g_object_unref(sv);
        sv = NULL;
    }
done:
    if (err)
        g_error_free(err);
    return sv;
}

/* An image from its bytes (taken over: freed here, or kept as a JPEG's). */
static imp_image *S_from_bytes(unsigned char *buf, size_t n, const char *what, imp_diags *d,
                               const char *fo_file, long line, char *why, size_t whylen);

imp_image *imp_image_load(const char *path, imp_diags *d, const char *fo_file, long line)
{
    char why[512] = "";
    size_t n = 0;
    unsigned char *buf = S_read(path, &n, why, sizeof why);
    return S_from_bytes(buf, n, path, d, fo_file, line, why, sizeof why);
}

imp_image *imp_image_load_svg_memory(const char *svg, size_t n, imp_diags *d, const char *fo_file,
                                     long line)
{
    char why[512] = "";
    unsigned char *buf = malloc(n ? n : 1);
    if (buf)
        memcpy(buf, svg, n);
    else
        snprintf(why, sizeof why, "out of memory");
    return S_from_bytes(buf, n, "in fo:instream-foreign-object", d, fo_file, line, why, sizeof why);
}

static imp_image *S_from_bytes(unsigned char *buf, size_t n, const char *what, imp_diags *d,
                               const char *fo_file, long line, char *why, size_t whylen)
{
    imp_image *img = NULL;
    cairo_surface_t *s = NULL;
    RsvgHandle *sv = NULL;
    unsigned char *jpeg = NULL;
    S_info inf = {0, 0, 0, 0, 0, 0};
    double w = 0, h = 0;
    if (!buf)
        goto done;
    S_kind k = S_sniff(buf, n);
    if (k == S_PNG)
        S_png_info(buf, n, &inf);
    else if (k == S_JPEG)
        S_jpeg_info(buf, n, &inf);
    else if (k == S_GIF && n >= 10) {
        inf.w = buf[6] | buf[7] << 8;
        inf.h = buf[8] | buf[9] << 8;
    }
    if (S_too_large(inf.w, inf.h)) {
        snprintf(why, whylen, "it is too large (%ld×%ld pixels)", inf.w, inf.h);
        goto done;
    }
    if (k == S_SVG) {
        sv = S_load_svg(buf, n, &w, &h, why, whylen);
        if (!sv)
            goto done;
        w *= S_PX_PT;
        h *= S_PX_PT;
    } else {
        if (k == S_PNG)
            s = S_load_png(buf, n, why, whylen);
        else
            s = S_load_raster(&buf, n, k, &inf, &jpeg, why, whylen);
        if (!s)
            goto done;
        int pw = cairo_image_surface_get_width(s), ph = cairo_image_surface_get_height(s);
        /* a stated resolution outside 1..10000 dpi is taken as a mistake */
        w = inf.dpi_x >= 1 && inf.dpi_x <= 10000 ? pw * 72.0 / inf.dpi_x : pw * S_PX_PT;
        h = inf.dpi_y >= 1 && inf.dpi_y <= 10000 ? ph * 72.0 / inf.dpi_y : ph * S_PX_PT;
    }
    img = calloc(1, sizeof *img);
    if (!img) {
        snprintf(why, whylen, "out of memory");
        goto done;
    }
    img->refs = 1;
    img->width = w;
    img->height = h;
    img->surface = s;
    img->svg = sv;
    img->jpeg = jpeg;
    img->jpeg_len = jpeg ? n : 0;
    s = NULL;
    sv = NULL;
done:
    if (!img && line > 0)
        imp_diag_add(d, IMP_SEV_WARNING, fo_file, line, 0, NULL,
                     "image %s (line %ld) cannot be read: %s; it is left out", what, line, why);
    else if (!img)
        imp_diag_add(d, IMP_SEV_WARNING, fo_file, 0, 0, NULL,
                     "image %s cannot be read: %s; it is left out", what, why);
    if (s)
        cairo_surface_destroy(s);
    if (sv)
        g_object_unref(sv);
    free(buf);
    return img;
}
