/* imglib.h: librsvg and gdk-pixbuf, opened when the first image that needs
 * them is read.
 *
 * Linked in, the two cost every run about 2 ms of start-up (librsvg alone
 * is 11 MB to map and relocate), while most documents have only PNG images,
 * which Cairo reads itself, or none. So impack-pdf does not link them: the
 * first SVG, JPEG or GIF opens them with dlopen, and they stay open. */
#ifndef IMP_IMGLIB_H
#define IMP_IMGLIB_H
#include <stddef.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <librsvg/rsvg.h>

/* The functions impack calls, named as the libraries name them. */
typedef struct {
    __typeof__(rsvg_handle_new_from_data) *rsvg_handle_new_from_data;
    __typeof__(rsvg_handle_set_dpi) *rsvg_handle_set_dpi;
    __typeof__(rsvg_handle_get_intrinsic_size_in_pixels) *rsvg_handle_get_intrinsic_size_in_pixels;
    __typeof__(rsvg_handle_get_intrinsic_dimensions) *rsvg_handle_get_intrinsic_dimensions;
    __typeof__(rsvg_handle_render_document) *rsvg_handle_render_document;
} imp_rsvg_lib;

typedef struct {
    __typeof__(gdk_pixbuf_loader_new) *gdk_pixbuf_loader_new;
    __typeof__(gdk_pixbuf_loader_new_with_type) *gdk_pixbuf_loader_new_with_type;
    __typeof__(gdk_pixbuf_loader_set_size) *gdk_pixbuf_loader_set_size;
    __typeof__(gdk_pixbuf_loader_write) *gdk_pixbuf_loader_write;
    __typeof__(gdk_pixbuf_loader_close) *gdk_pixbuf_loader_close;
    __typeof__(gdk_pixbuf_loader_get_pixbuf) *gdk_pixbuf_loader_get_pixbuf;
    __typeof__(gdk_pixbuf_get_width) *gdk_pixbuf_get_width;
    __typeof__(gdk_pixbuf_get_height) *gdk_pixbuf_get_height;
    __typeof__(gdk_pixbuf_get_n_channels) *gdk_pixbuf_get_n_channels;
    __typeof__(gdk_pixbuf_get_has_alpha) *gdk_pixbuf_get_has_alpha;
    __typeof__(gdk_pixbuf_get_rowstride) *gdk_pixbuf_get_rowstride;
    __typeof__(gdk_pixbuf_read_pixels) *gdk_pixbuf_read_pixels;
    __typeof__(gdk_pixbuf_get_option) *gdk_pixbuf_get_option;
    __typeof__(gdk_pixbuf_apply_embedded_orientation) *gdk_pixbuf_apply_embedded_orientation;
} imp_pixbuf_lib;

/** librsvg, opened on first use; NULL, with why (whylen bytes) saying so in
 * plain words, when it cannot be. */
const imp_rsvg_lib *imp_rsvg_lib_get(char *why, size_t whylen);
/** gdk-pixbuf, likewise. */
const imp_pixbuf_lib *imp_pixbuf_lib_get(char *why, size_t whylen);

#endif
