/* imglib.c: librsvg and gdk-pixbuf opened on first use (see imglib.h). */
#include "imglib.h"

#include <dlfcn.h>
#include <stdio.h>

/* the libraries' file names, from the build (Makefile), else Debian 12's */
#ifndef IMP_RSVG_SONAME
#define IMP_RSVG_SONAME "librsvg-2.so.2"
#endif
#ifndef IMP_PIXBUF_SONAME
#define IMP_PIXBUF_SONAME "libgdk_pixbuf-2.0.so.0"
#endif

/* Look up each named function into the slot of the same name; 0 when one
 * is missing. POSIX: a function pointer is stored through a void * lvalue. */
#define S_SYM(lib, h, name) ((*(void **)&(lib).name = dlsym((h), #name)) != NULL)

static void *S_open(const char *soname, const char *what, char *why, size_t whylen)
{
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(why, whylen, "%s cannot be loaded (%s); install the %s package", soname,
                 e ? e : "not found", what);
    }
    return h;
}

const imp_rsvg_lib *imp_rsvg_lib_get(char *why, size_t whylen)
{
    static imp_rsvg_lib lib;
    static int state; /* 0 not tried, 1 open, -1 failed */
    if (state == 0) {
        void *h = S_open(IMP_RSVG_SONAME, "librsvg2-2", why, whylen);
        int ok = h && S_SYM(lib, h, rsvg_handle_new_from_data) &&
                 S_SYM(lib, h, rsvg_handle_set_dpi) &&
                 S_SYM(lib, h, rsvg_handle_get_intrinsic_size_in_pixels) &&
                 S_SYM(lib, h, rsvg_handle_get_intrinsic_dimensions) &&
                 S_SYM(lib, h, rsvg_handle_render_document);
        if (h && !ok) {
            snprintf(why, whylen, "%s is older than impack needs (librsvg 2.52 or later)",
                     IMP_RSVG_SONAME);
            dlclose(h);
        }
        state = ok ? 1 : -1; /* an open library stays open: its types are registered */
    } else if (state < 0) {
        snprintf(why, whylen, "SVG images cannot be read here (%s could not be loaded)",
                 IMP_RSVG_SONAME);
    }
    return state > 0 ? &lib : NULL;
}

const imp_pixbuf_lib *imp_pixbuf_lib_get(char *why, size_t whylen)
{
    static imp_pixbuf_lib lib;
    static int state;
    if (state == 0) {
        void *h = S_open(IMP_PIXBUF_SONAME, "libgdk-pixbuf-2.0-0", why, whylen);
        int ok = h && S_SYM(lib, h, gdk_pixbuf_loader_new) &&
                 S_SYM(lib, h, gdk_pixbuf_loader_new_with_type) &&
                 S_SYM(lib, h, gdk_pixbuf_loader_set_size) &&
                 S_SYM(lib, h, gdk_pixbuf_loader_write) &&
                 S_SYM(lib, h, gdk_pixbuf_loader_close) &&
                 S_SYM(lib, h, gdk_pixbuf_loader_get_pixbuf) &&
                 S_SYM(lib, h, gdk_pixbuf_get_width) && S_SYM(lib, h, gdk_pixbuf_get_height) &&
                 S_SYM(lib, h, gdk_pixbuf_get_n_channels) &&
                 S_SYM(lib, h, gdk_pixbuf_get_has_alpha) &&
                 S_SYM(lib, h, gdk_pixbuf_get_rowstride) &&
                 S_SYM(lib, h, gdk_pixbuf_read_pixels) && S_SYM(lib, h, gdk_pixbuf_get_option) &&
                 S_SYM(lib, h, gdk_pixbuf_apply_embedded_orientation);
        if (h && !ok) {
            snprintf(why, whylen, "%s is older than impack needs", IMP_PIXBUF_SONAME);
            dlclose(h);
        }
        state = ok ? 1 : -1;
    } else if (state < 0) {
        snprintf(why, whylen, "JPEG and GIF images cannot be read here (%s could not be loaded)",
                 IMP_PIXBUF_SONAME);
    }
    return state > 0 ? &lib : NULL;
}
