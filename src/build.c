/* build.c: the printing pipelines, in one process with no temporary files:
 * FO file → FO tree → area tree → PDF, and pack → checked → FO → PDF. */
#include "build.h"

#include <stdlib.h>

#include "area.h"
#include "fo.h"
#include "layout.h"
#include "render.h"
#include "xmlload.h"

/* FO document (taken) → PDF at out. */
static int S_render(xmlDocPtr doc, const imp_layout_opts *lo,
                    const char *out, FILE *dump, imp_diags *d)
{
    int rc = 2;
    imp_area_doc *ad = NULL;
    imp_fo_doc *fd = imp_fo_build(doc, d); /* takes the document */
    if (!fd)
        goto done;
    imp_fo_drop_source(fd);
    ad = imp_layout_run(fd, lo, d);
    if (!ad)
        goto done;
    if (dump)
        imp_render_text(ad, dump);
    if (out && imp_render_pdf(ad, out, d) != 0)
        goto done;
    rc = 0;
done:
    imp_area_doc_free(ad);
    imp_fo_free(fd);
    return rc;
}

int imp_build_render(const char *in, const char *out, const imp_build_opts *o, imp_diags *d)
{
    int rc = 2;
    char *dir = imp_xml_dirname(in);
    xmlDocPtr doc = imp_xml_load(in, NULL, d);
    if (doc) {
        imp_layout_opts lo = {o && o->resources ? o->resources : dir, in, NULL};
        rc = S_render(doc, &lo, out, o ? o->dump : NULL, d);
    }
    free(dir);
    return rc;
}

int imp_build_pdf(const char *in, const char *out, const imp_docs_opts *docs,
                  const imp_build_opts *o, int *written, imp_diags *d)
{
    *written = 0;
    xmlDocPtr fo = NULL;
    char *logo = NULL;
    char *dir = in ? imp_xml_dirname(in) : NULL;
    int rc = imp_docs_fo(in, docs, &fo, &logo, d);
    if (fo) {
        /* the FO has no file of its own: its messages name the input */
        imp_layout_opts lo = {o && o->resources ? o->resources : dir ? dir : "/nonexistent",
                              in ? in : "(blank pack)", logo};
        size_t first = d->n;
        int r = S_render(fo, &lo, out, o ? o->dump : NULL, d);
        /* the FO's line numbers are the stylesheet's, not the input's */
        for (size_t i = first; i < d->n; i++)
            d->v[i].line = d->v[i].col = 0;
        if (r)
            rc = r;
        else
            *written = 1;
    }
    free(logo);
    free(dir);
    return rc;
}
