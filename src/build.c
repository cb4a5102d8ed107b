/* build.c: FO file → FO tree → area tree → PDF, in one process, no temporary files. */
#include "build.h"

#include <stdlib.h>


#include "area.h"
#include "fo.h"
#include "layout.h"
#include "render.h"
#include "xmlload.h"

int imp_build_render(const char *in, const char *out, const imp_build_opts *o, imp_diags *d)
{
    int rc = 2;
    imp_fo_doc *fd = NULL;
    imp_area_doc *ad = NULL;
    char *dir = imp_xml_dirname(in);
    xmlDocPtr doc = imp_xml_load(in, NULL, d);
    if (!doc)
        goto done;
    fd = imp_fo_build(doc, d); /* takes the document */
    if (!fd)
        goto done;
    imp_fo_drop_source(fd);
    imp_layout_opts lo = {o && o->resources ? o->resources : dir, in};
    ad = imp_layout_run(fd, &lo, d);
    if (!ad)
        goto done;
    if (o && o->dump)
        imp_render_text(ad, o->dump);
    if (out && imp_render_pdf(ad, out, d) != 0)
        goto done;
    rc = 0;
done:
    imp_area_doc_free(ad);
    imp_fo_free(fd);
    free(dir);
    return rc;
}

