/* main.c: impack's command line: arguments, subcommands and exit codes only. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>

#ifndef IMP_LIGHT
#include "build.h"
#endif
#include "check.h"
#include "diag.h"
#include "docs.h"
#include "explain.h"
#include "sch.h"
#include "xmlload.h"

#define EXIT_USAGE 2

static const char *S_usage =
    "Usage: impack COMMAND [OPTIONS] [FILE...]\n"
    "\n"
    "Write I Matter Microproject packs and certification portfolios as XML and\n"
    "check them against the Microproject Practice Guide.\n"
    "\n"
    "Commands:\n"
    "  check FILE...          check packs and portfolios; a portfolio's packs too\n"
    "      --format=text|json   how to print the diagnostics (default text)\n"
    "      --werror             treat warnings as errors\n"
    "  explain [RULE-ID]      explain a rule (or list every rule)\n"
    "  new pack --type N      print a starter pack for a Type N (1-4) Microproject\n"
    "  new portfolio          print a starter certification portfolio\n"
    "  build FILE [-o OUT.pdf] [--doc pack|closure|portfolio] [--param NAME=VALUE]...\n"
    "        [--xsl MY.xsl] [--draft]\n"
    "                         check a pack or portfolio and print it as a PDF\n"
    "                         (default OUT: FILE's name with .pdf, or -closure.pdf)\n"
    "  fo FILE [-o OUT.fo] [same options as build]\n"
    "                         write the XSL-FO that build lays out\n"
    "  blank --type N -o OUT.pdf [--param NAME=VALUE]... [--xsl MY.xsl]\n"
    "                         print a blank Type N pack, to fill in on paper\n"
    "  deps [--outdir DIR] FILE...\n"
    "                         print make rules: which PDFs each file makes and\n"
    "                         which packs a portfolio's PDF depends on\n"
    "  render IN.fo -o OUT.pdf [--resources DIR] [--dump]\n"
    "                         lay out an XSL-FO document and write a PDF\n"
    "                         (images only from IN's folder, or DIR)\n"
    "  schematron SCHEMA.sch DOC.xml [--phase P] [--svrl OUT.xml]\n"
    "                         run any ISO Schematron schema on a document\n"
    "\n"
    "Parameters: paper=A4|Letter, organisation=NAME, logo=FILE.png|.svg,\n"
    "font-family=FAMILY, lines=N (write-in lines under an empty question).\n"
    "\n"
    "Options: --help, --version\n"
    "\n"
    "Exit status: 0 no errors; 1 errors found (or warnings with --werror);\n"
    "2 bad usage, or a file that cannot be read or is not well-formed XML.\n";

static void S_print(const imp_diags *d, int json)
{
    if (json)
        imp_diag_print_json(stdout, d);
    else
        imp_diag_print_text(stdout, d);
}

static int S_fail(const char *msg)
{
    fprintf(stderr, "impack: %s\nTry 'impack --help'.\n", msg);
    return EXIT_USAGE;
}

static const char *S_datadir(void)
{
    const char *dir = imp_check_datadir();
    if (!dir)
        fprintf(stderr, "impack: cannot find impack's schemas folder; set IMPACK_DATADIR "
                        "to the folder that holds schemas/.\n");
    return dir;
}

static int S_cmd_check(int argc, char **argv)
{
    int json = 0, werror = 0, nfiles = 0, rc = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--format=json"))
            json = 1;
        else if (!strcmp(argv[i], "--format=text"))
            json = 0;
        else if (!strcmp(argv[i], "--werror"))
            werror = 1;
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(S_usage, stdout);
            return 0;
        }
        else if (argv[i][0] == '-' && argv[i][1])
            return S_fail("check: unknown option (use --format=text|json or --werror)");
        else
            nfiles++;
    }
    if (!nfiles)
        return S_fail("check: name at least one .xml file to check");
    const char *dir = S_datadir();
    if (!dir)
        return EXIT_USAGE;
    imp_diags d = {0};
    imp_checker *c = imp_check_new(dir, &d);
    if (!c) {
        imp_diag_print_text(stderr, &d);
        imp_diag_free(&d);
        return EXIT_USAGE;
    }
    int unreadable = 0;
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1])
            continue;
        imp_diags one = {0};
        if (imp_check_file(c, argv[i], &one) == IMP_CHECK_UNREADABLE)
            unreadable = 1;
        imp_diag_dedupe(&one);
        imp_diag_sort(&one);
        imp_diag_append(&d, &one);
        imp_diag_free(&one);
    }
    size_t ne = imp_diag_count(&d, IMP_SEV_ERROR), nw = imp_diag_count(&d, IMP_SEV_WARNING);
    S_print(&d, json);
    if (!json)
        printf("%d file%s checked: %zu error%s, %zu warning%s.\n", nfiles, nfiles == 1 ? "" : "s",
               ne, ne == 1 ? "" : "s", nw, nw == 1 ? "" : "s");
    rc = unreadable ? EXIT_USAGE : (ne || (werror && nw)) ? 1 : 0;
    imp_diag_free(&d);
    imp_check_free(c);
    return rc;
}

/* Write an XML document atomically: a temporary file, then rename. indent
 * for reports; never for FO, where white space is content. */
static int S_write_atomic(xmlDocPtr doc, const char *path, int indent)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp)
        return -1;
    snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    int rc = -1;
    if (fd >= 0) {
        FILE *f = fdopen(fd, "w");
        if (f && xmlDocFormatDump(f, doc, indent) >= 0 && fflush(f) == 0 && fsync(fileno(f)) == 0) {
            fclose(f);
            f = NULL;
            rc = rename(tmp, path);
        }
        if (f)
            fclose(f);
        if (rc)
            unlink(tmp);
    }
    free(tmp);
    return rc;
}

static int S_cmd_schematron(int argc, char **argv)
{
    const char *schema = NULL, *docpath = NULL, *phase = NULL, *svrl = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--phase") && i + 1 < argc)
            phase = argv[++i];
        else if (!strncmp(argv[i], "--phase=", 8))
            phase = argv[i] + 8;
        else if (!strcmp(argv[i], "--svrl") && i + 1 < argc)
            svrl = argv[++i];
        else if (!strncmp(argv[i], "--svrl=", 7))
            svrl = argv[i] + 7;
        else if (argv[i][0] == '-' && argv[i][1])
            return S_fail("schematron: unknown option (use --phase P or --svrl OUT.xml)");
        else if (!schema)
            schema = argv[i];
        else if (!docpath)
            docpath = argv[i];
        else
            return S_fail("schematron: give one schema and one document");
    }
    if (!docpath)
        return S_fail("schematron: usage: impack schematron SCHEMA.sch DOC.xml [--phase P] "
                      "[--svrl OUT.xml]");
    imp_diags d = {0};
    xmlDocPtr out = NULL, doc = NULL;
    int rc = EXIT_USAGE;
    imp_sch *s = imp_sch_compile(schema, &d);
    if (!s)
        goto done;
    doc = imp_xml_load(docpath, NULL, &d);
    if (!doc)
        goto done;
    imp_sch_opts opts = {.phase = phase, .svrl = svrl ? &out : NULL};
    int r = imp_sch_validate(s, doc, &opts, &d);
    rc = r < 0 ? EXIT_USAGE : r;
    if (svrl && out && S_write_atomic(out, svrl, 1) != 0) {
        imp_diag_add(&d, IMP_SEV_ERROR, svrl, 0, 0, NULL, "cannot write the SVRL report: %s.",
                     strerror(errno));
        rc = EXIT_USAGE;
    }
done:
    imp_diag_print_text(stdout, &d);
    imp_diag_free(&d);
    xmlFreeDoc(out);
    xmlFreeDoc(doc);
    imp_sch_free(s);
    return rc;
}

/* Options shared by build, fo and blank. Returns 0, or EXIT_USAGE after a message. */
typedef struct {
    const char *in, *out;
    imp_docs_opts docs;
    const char *params[33];
    int nparams;
    const char *resources;
} S_print_args;

static int S_parse_print(const char *cmd, int argc, char **argv, S_print_args *a)
{
    char msg[200];
    static const char *const with_value[] = {"-o", "--output", "--param", "--doc", "--xsl",
                                             "--resources", "--type", NULL};
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        for (int k = 0; with_value[k] && !val; k++)
            if (!strcmp(arg, with_value[k])) {
                snprintf(msg, sizeof msg, "%s: %s needs a value after it, e.g. %s", cmd, arg,
                         !strcmp(arg, "--param")  ? "--param paper=Letter"
                         : !strcmp(arg, "--doc")  ? "--doc closure"
                         : !strcmp(arg, "--type") ? "--type 2"
                         : !strcmp(arg, "--xsl")  ? "--xsl my-pack.xsl"
                         : !strcmp(arg, "--resources") ? "--resources images"
                                                  : "-o pack.pdf");
                return S_fail(msg);
            }
        if (!strcmp(arg, "-o") || !strcmp(arg, "--output")) {
            a->out = val;
            i++;
        } else if (!strcmp(arg, "--param")) {
            if (a->nparams >= 32)
                return S_fail("too many --param options");
            a->params[a->nparams++] = val;
            i++;
        } else if (!strncmp(arg, "--param=", 8)) {
            if (a->nparams >= 32)
                return S_fail("too many --param options");
            a->params[a->nparams++] = arg + 8;
        } else if (!strcmp(arg, "--doc") && strcmp(cmd, "blank")) {
            if (!strcmp(val, "pack"))
                a->docs.kind = IMP_DOC_PACK;
            else if (!strcmp(val, "closure"))
                a->docs.kind = IMP_DOC_CLOSURE;
            else if (!strcmp(val, "portfolio"))
                a->docs.kind = IMP_DOC_PORTFOLIO;
            else
                return S_fail("--doc is pack, closure or portfolio");
            i++;
        } else if (!strcmp(arg, "--xsl")) {
            a->docs.xsl = val;
            i++;
        } else if (!strcmp(arg, "--draft") && strcmp(cmd, "blank")) {
            a->docs.draft = 1;
        } else if (!strcmp(arg, "--resources")) {
            a->resources = val;
            i++;
        } else if (!strcmp(arg, "--type") && !strcmp(cmd, "blank")) {
            if (strlen(val) != 1 || val[0] < '1' || val[0] > '4')
                return S_fail("blank: the type is a number from 1 to 4");
            a->docs.blank_type = val[0] - '0';
            i++;
        } else if (arg[0] == '-' && arg[1]) {
            snprintf(msg, sizeof msg, "%s: unknown option \"%.60s\" (see impack --help)", cmd, arg);
            return S_fail(msg);
        } else if (!a->in && strcmp(cmd, "blank")) {
            a->in = arg;
        } else {
            snprintf(msg, sizeof msg, "%s: give one %s", cmd,
                     strcmp(cmd, "blank") ? "pack or portfolio" : "--type and -o OUT.pdf");
            return S_fail(msg);
        }
    }
    a->params[a->nparams] = NULL;
    a->docs.params = a->params;
    if (!strcmp(cmd, "blank")) {
        a->docs.kind = IMP_DOC_BLANK;
        if (!a->docs.blank_type)
            return S_fail("blank: say which type, e.g. `impack blank --type 2 -o type2.pdf`");
        if (!a->out)
            return S_fail("blank: say where to write it, e.g. -o type2.pdf");
    } else if (!a->in) {
        snprintf(msg, sizeof msg, "%s: name the pack or portfolio, e.g. `impack %s pack.xml`", cmd, cmd);
        return S_fail(msg);
    }
    if (a->out) {
        /* never write over what the practitioner wrote */
        struct stat si, so;
        const char *dot = strrchr(a->out, '.');
        if ((a->in && stat(a->in, &si) == 0 && stat(a->out, &so) == 0 && si.st_dev == so.st_dev &&
             si.st_ino == so.st_ino) ||
            (dot && (!strcasecmp(dot, ".xml") || !strcasecmp(dot, ".xsl")))) {
            snprintf(msg, sizeof msg, "%s: -o %.80s would write over an XML file; name the output "
                     "%s", cmd, a->out, strcmp(cmd, "fo") ? "NAME.pdf" : "NAME.fo");
            return S_fail(msg);
        }
    }
    a->docs.datadir = S_datadir();
    return a->docs.datadir ? 0 : EXIT_USAGE;
}

#ifdef IMP_LIGHT
/* The printing commands live in impack-pdf (it links Pango, Cairo and the
 * image libraries, which would slow every `impack check` down): run it. */
static int S_exec_pdf(char **argv)
{
    char path[4096 + 64];
    ssize_t n = readlink("/proc/self/exe", path, 4096);
    if (n > 0) {
        path[n] = '\0';
        char *slash = strrchr(path, '/');
        if (slash) {
            /* beside impack (a source tree), or in ../libexec/impack (installed) */
            strcpy(slash + 1, "impack-pdf");
            if (access(path, X_OK) == 0)
                execv(path, argv);
            strcpy(slash + 1, "../libexec/impack/impack-pdf");
            if (access(path, X_OK) == 0)
                execv(path, argv);
        }
    }
    snprintf(path, sizeof path, "%s/impack-pdf", IMP_LIBEXECDIR);
    execv(path, argv);
    fprintf(stderr, "impack: cannot run %s (%s); is impack installed completely?\n", path,
            strerror(errno));
    return EXIT_USAGE;
}
#else
/* "dir/name.xml" → "dir/name.pdf" or "dir/name-closure.pdf" (caller frees). */
static char *S_default_out(const char *in, imp_doc_kind kind)
{
    size_t n = strlen(in);
    const char *slash = strrchr(in, '/');
    const char *dot = strrchr(in, '.');
    if (dot && slash && dot < slash)
        dot = NULL;
    size_t stem = dot ? (size_t)(dot - in) : n;
    char *out = malloc(stem + 16);
    if (out)
        snprintf(out, stem + 16, "%.*s%s.pdf", (int)stem, in, kind == IMP_DOC_CLOSURE ? "-closure" : "");
    return out;
}

static int S_cmd_build(const char *cmd, int argc, char **argv)
{
    S_print_args a = {0};
    int rc = S_parse_print(cmd, argc, argv, &a);
    if (rc)
        return rc;
    char *def = a.out ? NULL : S_default_out(a.in, a.docs.kind);
    const char *out = a.out ? a.out : def;
    imp_build_opts o = {.resources = a.resources};
    imp_diags d = {0};
    int written = 0;
    rc = imp_build_pdf(a.in, out, &a.docs, &o, &written, &d);
    imp_diag_print_text(stderr, &d);
    size_t ne = imp_diag_count(&d, IMP_SEV_ERROR);
    if (rc == 1 && written)
        fprintf(stderr, "impack: wrote %s, marked DRAFT on every page: %s has %zu error%s.\n", out,
                a.in, ne, ne == 1 ? "" : "s");
    else if (rc == 1 && !a.docs.draft)
        fprintf(stderr, "impack: %s was not written: %s has %zu error%s. Fix %s, or add --draft "
                        "to print a copy marked DRAFT.\n",
                out, a.in, ne, ne == 1 ? "" : "s", ne == 1 ? "it" : "them");
    else if (rc == 0 && written)
        fprintf(stderr, "impack: wrote %s\n", out);
    free(def);
    imp_diag_free(&d);
    return rc;
}

static int S_cmd_render(int argc, char **argv)
{
    const char *in = NULL, *out = NULL;
    imp_build_opts o = {0};
    for (int i = 0; i < argc; i++) {
        if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--resources") && i + 1 < argc)
            o.resources = argv[++i];
        else if (!strcmp(argv[i], "--dump"))
            o.dump = stdout;
        else if (argv[i][0] == '-' && argv[i][1])
            return S_fail("render: unknown option (use -o OUT.pdf, --resources DIR, --dump)");
        else if (!in)
            in = argv[i];
        else
            return S_fail("render: give one .fo file");
    }
    if (!in || (!out && !o.dump))
        return S_fail("render: usage: impack render IN.fo -o OUT.pdf");
    imp_diags d = {0};
    int rc = imp_build_render(in, out, &o, &d);
    imp_diag_print_text(stderr, &d);
    imp_diag_free(&d);
    return rc;
}
#endif

static int S_cmd_fo(int argc, char **argv)
{
    S_print_args a = {0};
    int rc = S_parse_print("fo", argc, argv, &a);
    if (rc)
        return rc;
    imp_diags d = {0};
    xmlDocPtr fo = NULL;
    char *logo = NULL;
    rc = imp_docs_fo(a.in, &a.docs, &fo, &logo, &d);
    imp_diag_print_text(stderr, &d);
    if (fo && (a.out ? S_write_atomic(fo, a.out, 0) : imp_docs_save(fo, stdout)) != 0) {
        fprintf(stderr, "%s: cannot write here: %s\n", a.out ? a.out : "(standard output)",
                strerror(errno));
        rc = EXIT_USAGE;
    }
    xmlFreeDoc(fo);
    free(logo);
    imp_diag_free(&d);
    return rc;
}

static int S_cmd_deps(int argc, char **argv)
{
    const char *outdir = "out";
    int first = 0;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (!strcmp(argv[first], "--outdir") && first + 1 < argc)
            outdir = argv[++first];
        else if (!strncmp(argv[first], "--outdir=", 9))
            outdir = argv[first] + 9;
        else
            return S_fail("deps: unknown option (use --outdir DIR)");
    }
    if (first == argc)
        return S_fail("deps: name the packs and portfolios, e.g. `impack deps *.xml`");
    imp_diags d = {0};
    int rc = imp_docs_deps(argv + first, argc - first, outdir, stdout, &d);
    imp_diag_print_text(stderr, &d);
    imp_diag_free(&d);
    return rc;
}

static int S_cmd_explain(int argc, char **argv)
{
    if (argc > 1)
        return S_fail("explain: name one rule id, such as scope.focus-count");
    const char *dir = S_datadir();
    if (!dir)
        return EXIT_USAGE;
    imp_diags d = {0};
    int rc = imp_explain_rule(stdout, dir, argc ? argv[0] : NULL, &d);
    imp_diag_print_text(stderr, &d);
    imp_diag_free(&d);
    return rc ? EXIT_USAGE : 0;
}

static int S_cmd_new(int argc, char **argv)
{
    if (argc < 1)
        return S_fail("new: say what to start: `impack new pack --type N` or `impack new portfolio`");
    int type = 0;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (!strcmp(argv[i], "--type") && i + 1 < argc)
            v = argv[++i];
        else if (!strncmp(argv[i], "--type=", 7))
            v = argv[i] + 7;
        else
            return S_fail("new: unknown option (use --type N)");
        if (strlen(v) != 1 || v[0] < '1' || v[0] > '4')
            return S_fail("new: the type is a number from 1 to 4");
        type = v[0] - '0';
    }
    if (!strcmp(argv[0], "pack")) {
        if (!type)
            return S_fail("new pack: say which type, e.g. `impack new pack --type 2`");
    } else if (!strcmp(argv[0], "portfolio")) {
        if (type)
            return S_fail("new portfolio: a portfolio has no type");
    } else {
        return S_fail("new: make a `pack` or a `portfolio`");
    }
    const char *dir = S_datadir();
    if (!dir)
        return EXIT_USAGE;
    imp_diags d = {0};
    int rc = imp_explain_starter(stdout, dir, argv[0], type, &d);
    imp_diag_print_text(stderr, &d);
    imp_diag_free(&d);
    return rc;
}

int main(int argc, char **argv)
{
    int rc;
    if (argc < 2)
        return S_fail("say what to do, e.g. `impack check pack.xml`");
    const char *cmd = argv[1];
#ifdef IMP_LIGHT
    /* the printing commands run in impack-pdf: go there before anything
     * here is set up */
    if (!strcmp(cmd, "render") || !strcmp(cmd, "build") || !strcmp(cmd, "blank"))
        return S_exec_pdf(argv);
#endif
    imp_xml_init();
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(S_usage, stdout);
        rc = 0;
    } else if (!strcmp(cmd, "--version")) {
        printf("impack %s\n", IMP_VERSION);
        rc = 0;
    } else if (!strcmp(cmd, "check")) {
        rc = S_cmd_check(argc - 2, argv + 2);
#ifndef IMP_LIGHT
    } else if (!strcmp(cmd, "render") || !strcmp(cmd, "build") || !strcmp(cmd, "blank")) {
        rc = !strcmp(cmd, "render") ? S_cmd_render(argc - 2, argv + 2)
                                    : S_cmd_build(cmd, argc - 2, argv + 2);
#endif
    } else if (!strcmp(cmd, "fo")) {
        rc = S_cmd_fo(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "deps")) {
        rc = S_cmd_deps(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "schematron")) {
        rc = S_cmd_schematron(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "explain")) {
        rc = S_cmd_explain(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "new")) {
        rc = S_cmd_new(argc - 2, argv + 2);
    } else {
        static const char *cmds[] = {"blank", "build", "check", "deps",      "explain",
                                     "fo",    "new",   "render", "schematron"};
        const char *near = NULL;
        for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
            size_t same = 0, n = strlen(cmds[i]);
            for (size_t k = 0; k < n && cmd[k]; k++)
                same += cmds[i][k] == cmd[k];
            if (same + 2 >= n && strlen(cmd) + 2 >= n && strlen(cmd) <= n + 2)
                near = cmds[i];
        }
        char msg[160];
        snprintf(msg, sizeof msg, "there is no command \"%.40s\"%s%s%s", cmd,
                 near ? "; did you mean \"" : "", near ? near : "", near ? "\"?" : "");
        rc = S_fail(msg);
    }
    imp_xml_cleanup();
    return rc;
}
