/* main.c: impack's command line: arguments, subcommands and exit codes only. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#ifndef IMP_LIGHT
#include "build.h"
#endif
#include "check.h"
#include "diag.h"
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
    "  render IN.fo -o OUT.pdf [--resources DIR] [--dump]\n"
    "                         lay out an XSL-FO document and write a PDF\n"
    "                         (images only from IN's folder, or DIR)\n"
    "  schematron SCHEMA.sch DOC.xml [--phase P] [--svrl OUT.xml]\n"
    "                         run any ISO Schematron schema on a document\n"
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

/* Write an SVRL document atomically: a temporary file, then rename. */
static int S_write_atomic(xmlDocPtr doc, const char *path)
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
        if (f && xmlDocFormatDump(f, doc, 1) >= 0 && fflush(f) == 0 && fsync(fileno(f)) == 0) {
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
    if (svrl && out && S_write_atomic(out, svrl) != 0) {
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
    imp_xml_init();
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(S_usage, stdout);
        rc = 0;
    } else if (!strcmp(cmd, "--version")) {
        printf("impack %s\n", IMP_VERSION);
        rc = 0;
    } else if (!strcmp(cmd, "check")) {
        rc = S_cmd_check(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "render")) {
#ifdef IMP_LIGHT
        imp_xml_cleanup();
        return S_exec_pdf(argv);
#else
        rc = S_cmd_render(argc - 2, argv + 2);
#endif
    } else if (!strcmp(cmd, "schematron")) {
        rc = S_cmd_schematron(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "explain")) {
        rc = S_cmd_explain(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "new")) {
        rc = S_cmd_new(argc - 2, argv + 2);
    } else {
        static const char *cmds[] = {"check", "explain", "new", "render", "schematron"};
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
