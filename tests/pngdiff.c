/* pngdiff.c: compare two PNGs for visual regression tests (same size, few pixels beyond a threshold). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

static const char S_usage[] =
    "usage: pngdiff EXPECTED.png ACTUAL.png [--threshold N] [--tolerance F] [--diff OUT.png]\n"
    "  A pixel differs when one of its channels (A, R, G, B; 0-255) differs by more\n"
    "  than N (default 16). The images match when they have the same size and the\n"
    "  fraction of differing pixels is at most F (default 0.001). --diff writes the\n"
    "  differing pixels in red over a faded copy of EXPECTED.\n"
    "  Exit status: 0 match, 1 no match, 2 usage or unreadable file.\n";

static cairo_surface_t *S_load(const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "pngdiff: %s: %s\n", path, cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return NULL;
    }
    cairo_surface_flush(s);
    return s;
}

/* A pixel as ARGB; an RGB24 surface's unused alpha byte reads as opaque. */
static uint32_t S_px(cairo_surface_t *s, int x, int y)
{
    const unsigned char *row = cairo_image_surface_get_data(s) + (size_t)y * cairo_image_surface_get_stride(s);
    uint32_t v;
    memcpy(&v, row + (size_t)x * 4, 4);
    if (cairo_image_surface_get_format(s) == CAIRO_FORMAT_RGB24)
        v |= 0xff000000u;
    return v;
}

static int S_maxdiff(uint32_t a, uint32_t b)
{
    int m = 0;
    for (int sh = 0; sh < 32; sh += 8) {
        int d = abs((int)((a >> sh) & 0xff) - (int)((b >> sh) & 0xff));
        if (d > m)
            m = d;
    }
    return m;
}

static int S_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (!*s || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    const char *files[2] = {NULL, NULL}, *diff = NULL;
    double threshold = 16, tolerance = 0.001;
    int nfiles = 0, rc = 2;
    cairo_surface_t *a = NULL, *b = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(argv[i], "--threshold") && v && !S_number(v, 0, 255, &threshold))
            i++;
        else if (!strcmp(argv[i], "--tolerance") && v && !S_number(v, 0, 1, &tolerance))
            i++;
        else if (!strcmp(argv[i], "--diff") && v)
            diff = argv[++i];
        else if (argv[i][0] != '-' && nfiles < 2)
            files[nfiles++] = argv[i];
        else {
            fputs(S_usage, stderr);
            goto done;
        }
    }
    if (nfiles != 2) {
        fputs(S_usage, stderr);
        goto done;
    }
    a = S_load(files[0]);
    b = S_load(files[1]);
    if (!a || !b)
        goto done;
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    int bw = cairo_image_surface_get_width(b), bh = cairo_image_surface_get_height(b);
    if (w != bw || h != bh) {
        printf("size differs: %dx%d and %dx%d\n", w, h, bw, bh);
        rc = 1;
        goto done;
    }
    if (diff) {
        out = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
        cairo_t *cr = cairo_create(out);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_set_source_surface(cr, a, 0, 0);
        cairo_paint_with_alpha(cr, 0.25);
        cairo_destroy(cr);
        cairo_surface_flush(out);
    }
    long n = 0, total = (long)w * h;
    int worst = 0;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            int m = S_maxdiff(S_px(a, x, y), S_px(b, x, y));
            if (m > worst)
                worst = m;
            if (m <= threshold)
                continue;
            n++;
            if (out) {
                uint32_t red = 0xffff0000u;
                unsigned char *row = cairo_image_surface_get_data(out) + (size_t)y * cairo_image_surface_get_stride(out);
                memcpy(row + (size_t)x * 4, &red, 4);
            }
        }
    }
    double frac = total ? (double)n / (double)total : 0;
    printf("size %dx%d; %ld of %ld pixels differ by more than %g (%.4f%%, tolerance %.4f%%); "
           "largest channel difference %d\n",
           w, h, n, total, threshold, frac * 100, tolerance * 100, worst);
    rc = frac <= tolerance ? 0 : 1;
    if (out) {
        cairo_surface_mark_dirty(out);
        if (cairo_surface_write_to_png(out, diff) != CAIRO_STATUS_SUCCESS) {
            fprintf(stderr, "pngdiff: cannot write %s\n", diff);
            rc = 2;
        }
    }
done:
    if (a)
        cairo_surface_destroy(a);
    if (b)
        cairo_surface_destroy(b);
    if (out)
        cairo_surface_destroy(out);
    return rc;
}
