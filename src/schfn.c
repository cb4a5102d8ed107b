/* schfn.c: XPath extension functions for privacy checks XPath 1.0 cannot express. */
#include "schfn.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xpathInternals.h>

static int S_is_word(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

static int S_email_local(unsigned char c)
{
    return isalnum(c) || strchr("._%+-'", c) != NULL;
}

int imp_schfn_has_email(const char *text)
{
    for (const char *at = strchr(text, '@'); at; at = strchr(at + 1, '@')) {
        const char *l = at;
        while (l > text && S_email_local((unsigned char)l[-1]))
            l--;
        if (l == at)
            continue;
        const char *r = at + 1;
        int dots = 0, label = 0;
        while (*r && (isalnum((unsigned char)*r) || *r == '-' || *r == '.')) {
            if (*r == '.') {
                if (!label)
                    break;
                dots += label > 0;
                label = 0;
            } else {
                label++;
            }
            r++;
        }
        if (dots >= 1 && label >= 2)
            return 1;
    }
    return 0;
}

/* Collect a run of digits allowing single separators (space, dash, dot,
 * parentheses) between them. Returns the number of characters consumed
 * and writes the digits (at most cap-1) to out. */
static size_t S_digit_run(const char *s, char *out, size_t cap, size_t *ndigits)
{
    size_t i = 0, n = 0;
    while (s[i]) {
        if (isdigit((unsigned char)s[i])) {
            if (n + 1 < cap)
                out[n] = s[i];
            n++;
            i++;
        } else if ((s[i] == ' ' || s[i] == '-' || s[i] == '.' || s[i] == ')' ||
                    s[i] == '(') &&
                   isdigit((unsigned char)s[i + 1]) && n > 0) {
            i++;
        } else if (s[i] == ')' && s[i + 1] == ' ' && isdigit((unsigned char)s[i + 2])) {
            i += 2;
        } else {
            break;
        }
    }
    out[n < cap ? n : cap - 1] = '\0';
    *ndigits = n;
    return i;
}

int imp_schfn_nhs_valid(const char *digits)
{
    int d[10], n = 0;
    for (const char *p = digits; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (n == 10)
                return 0;
            d[n++] = *p - '0';
        } else if (*p != ' ' && *p != '-') {
            return 0;
        }
    }
    if (n != 10)
        return 0;
    int sum = 0;
    for (int i = 0; i < 9; i++)
        sum += d[i] * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11)
        check = 0;
    return check != 10 && check == d[9];
}

int imp_schfn_has_nhs_number(const char *text)
{
    const char *p = text;
    while (*p) {
        if (isdigit((unsigned char)*p) && (p == text || !S_is_word((unsigned char)p[-1]))) {
            char buf[32];
            size_t nd;
            size_t used = S_digit_run(p, buf, sizeof buf, &nd);
            if (nd == 10 && !S_is_word((unsigned char)p[used]) && imp_schfn_nhs_valid(buf))
                return 1;
            p += used ? used : 1;
        } else {
            p++;
        }
    }
    return 0;
}

int imp_schfn_has_phone(const char *text)
{
    const char *p = text;
    while (*p) {
        int plus44 = !strncmp(p, "+44", 3);
        if ((plus44 || *p == '0' || (*p == '(' && p[1] == '0')) &&
            (p == text || !S_is_word((unsigned char)p[-1]))) {
            const char *q = plus44 ? p + 3 : (*p == '(' ? p + 1 : p);
            while (*q == ' ' || *q == '(')
                q++;
            if (plus44 && *q == '0')
                q++;
            char buf[32];
            size_t nd;
            size_t used = S_digit_run(q, buf, sizeof buf, &nd);
            if (!S_is_word((unsigned char)q[used])) {
                if (plus44 && (nd == 9 || nd == 10))
                    return 1;
                if (!plus44 && (nd == 10 || nd == 11) && buf[0] == '0' && buf[1] != '0')
                    return 1;
            }
            p = q + (used ? used : 1);
        } else {
            p++;
        }
    }
    return 0;
}

/* Hand-written scanners: these run on every text node of every pack, so no
 * regex compilation per call (that was 80% of a check's time). */
static int S_inward_letter(unsigned char c)
{
    c = (unsigned char)toupper(c);
    return isalpha(c) && !strchr("CIKMOV", c);
}

/* Does a postcode start at p? A1 1AA, A11 1AA, AA1 1AA, AA11 1AA, A1A 1AA, AA1A 1AA. */
static int S_postcode_at(const unsigned char *p)
{
    for (int letters = 1; letters <= 2; letters++) {
        const unsigned char *q = p;
        int ok = 1;
        for (int i = 0; i < letters; i++)
            ok &= isalpha(*q++) != 0;
        if (!ok || !isdigit(*q))
            continue;
        q++;
        for (int extra = 1; extra >= 0; extra--) {
            const unsigned char *r = q;
            if (extra && !isalnum(*r))
                continue;
            r += extra;
            if (*r == ' ')
                r++;
            if (isdigit(r[0]) && S_inward_letter(r[1]) && S_inward_letter(r[2]) &&
                !isalnum(r[3]))
                return 1;
        }
    }
    return 0;
}

int imp_schfn_has_postcode(const char *text)
{
    const unsigned char *t = (const unsigned char *)text;
    for (const unsigned char *p = t; *p; p++)
        if (isalpha(*p) && (p == t || !isalnum(p[-1])) && S_postcode_at(p))
            return 1;
    return 0;
}

static const char *S_month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};

static size_t S_digits(const char *p, size_t max)
{
    size_t n = 0;
    while (n < max && isdigit((unsigned char)p[n]))
        n++;
    return n;
}

/* Does a date start at p? 3/4/2019, 03-04-19, 2019-04-03, 3rd March 2019, 12 of May. */
static int S_date_at(const char *p)
{
    size_t n = S_digits(p, 4);
    if (n == 4 && p[4] == '-' && S_digits(p + 5, 2) == 2 && p[7] == '-' && S_digits(p + 8, 2) == 2)
        return 1;
    if (n < 1 || n > 2)
        return 0;
    const char *q = p + n;
    if (*q == '/' || *q == '.' || *q == '-') {
        size_t m = S_digits(q + 1, 2);
        q += 1 + m;
        return m >= 1 && (*q == '/' || *q == '.' || *q == '-') && S_digits(q + 1, 4) >= 2;
    }
    if (!strncasecmp(q, "st", 2) || !strncasecmp(q, "nd", 2) || !strncasecmp(q, "rd", 2) ||
        !strncasecmp(q, "th", 2))
        q += 2;
    if (*q++ != ' ')
        return 0;
    if (!strncasecmp(q, "of ", 3))
        q += 3;
    for (size_t i = 0; i < 12; i++)
        if (!strncasecmp(q, S_month_names[i], 3))
            return 1;
    return 0;
}

int imp_schfn_has_dob(const char *text)
{
    /* A date of birth is a date introduced as one: "DOB 3/4/2019",
     * "born 12 March 2018", "date of birth: 2019-04-03". Other dates in
     * notes (sessions, meetings) are not identifiers. */
    static const char *keys[] = {"date of birth", "d.o.b.", "d.o.b", "dob", "born on", "born",
                                 "birthday is", "birthday"};
    for (const char *p = text; *p; p++) {
        if (p != text && S_is_word((unsigned char)p[-1]))
            continue;
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
            size_t kl = strlen(keys[k]);
            if (strncasecmp(p, keys[k], kl))
                continue;
            const char *q = p + kl;
            if (S_is_word((unsigned char)q[-1]) && S_is_word((unsigned char)*q))
                continue;
            while (*q == ' ' || *q == ':' || *q == ',' || *q == '-')
                q++;
            if (S_date_at(q))
                return 1;
        }
    }
    return 0;
}

int imp_schfn_contains_name(const char *text, const char *name)
{
    int hit = 0;
    char *copy = NULL;
    size_t nlen = strlen(name);
    /* the whole name, any case */
    while (nlen && isspace((unsigned char)*name)) {
        name++;
        nlen--;
    }
    while (nlen && isspace((unsigned char)name[nlen - 1]))
        nlen--;
    if (nlen < 2)
        goto done;
    for (const char *p = text; *p && !hit; p++)
        if (!strncasecmp(p, name, nlen) && (p == text || !S_is_word((unsigned char)p[-1])) &&
            !S_is_word((unsigned char)p[nlen]))
            hit = 1;
    /* each part of the name as written (capitalised), as a whole word */
    copy = strndup(name, nlen);
    if (!copy)
        goto done;
    for (char *save = NULL, *part = strtok_r(copy, " \t\n", &save); part && !hit;
         part = strtok_r(NULL, " \t\n", &save)) {
        size_t pl = strlen(part);
        if (pl < 2)
            continue;
        for (const char *p = strstr(text, part); p && !hit; p = strstr(p + 1, part))
            if ((p == text || !S_is_word((unsigned char)p[-1])) &&
                !S_is_word((unsigned char)p[pl]))
                hit = 1;
        /* and in capitals, as in "JOANNE" (a capitalised word like "May" in a
         * sentence is not matched: only the name as written, or all capitals) */
        char upper[128];
        if (!hit && pl < sizeof upper) {
            for (size_t i = 0; i <= pl; i++)
                upper[i] = (char)toupper((unsigned char)part[i]);
            for (const char *p = strstr(text, upper); p && !hit; p = strstr(p + 1, upper))
                if ((p == text || !S_is_word((unsigned char)p[-1])) &&
                    !S_is_word((unsigned char)p[pl]))
                    hit = 1;
        }
    }
done:
    free(copy);
    return hit;
}

/* --- XPath wrappers ---------------------------------------------------- */

/* Describe every kind of identifier in s ("an e-mail address and a phone
 * number"), or "" when there is none. Writes into buf. */
static const char *S_identifier(const char *s, char *buf, size_t cap)
{
    const char *found[5];
    size_t n = 0;
    if (imp_schfn_has_email(s))
        found[n++] = "an e-mail address";
    if (imp_schfn_has_nhs_number(s))
        found[n++] = "an NHS number";
    if (imp_schfn_has_phone(s))
        found[n++] = "a phone number";
    if (imp_schfn_has_postcode(s))
        found[n++] = "a postcode";
    if (imp_schfn_has_dob(s))
        found[n++] = "a date of birth";
    buf[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; i < n && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s",
                                i == 0 ? "" : (i + 1 == n ? " and " : ", "), found[i]);
    return buf;
}

static void S_fn_identifier(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 1) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xmlChar *s = xmlXPathPopString(ctxt);
    if (xmlXPathCheckError(ctxt) || !s) {
        xmlFree(s);
        return;
    }
    char buf[160];
    valuePush(ctxt, xmlXPathNewString((const xmlChar *)S_identifier((const char *)s, buf, sizeof buf)));
    xmlFree(s);
}

/* imp:contains-name(text, names): names may be a string or a node-set, in
 * which case every node's string value is tried. */
static void S_fn_contains_name(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 2) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xmlXPathObjectPtr names = valuePop(ctxt);
    xmlChar *text = xmlXPathPopString(ctxt);
    int hit = 0;
    if (names && text) {
        if (names->type == XPATH_NODESET) {
            for (int i = 0; names->nodesetval && i < names->nodesetval->nodeNr && !hit; i++) {
                xmlChar *n = xmlXPathCastNodeToString(names->nodesetval->nodeTab[i]);
                hit = n && imp_schfn_contains_name((const char *)text, (const char *)n);
                xmlFree(n);
            }
        } else {
            xmlChar *n = xmlXPathCastToString(names);
            hit = n && imp_schfn_contains_name((const char *)text, (const char *)n);
            xmlFree(n);
        }
    }
    xmlXPathFreeObject(names);
    xmlFree(text);
    valuePush(ctxt, xmlXPathNewBoolean(hit));
}

#define S_PREDICATE(fname, check)                                        \
    static void fname(xmlXPathParserContextPtr ctxt, int nargs)          \
    {                                                                    \
        if (nargs != 1) {                                                \
            xmlXPathSetArityError(ctxt);                                 \
            return;                                                      \
        }                                                                \
        xmlChar *s = xmlXPathPopString(ctxt);                            \
        int hit = s && check((const char *)s);                           \
        xmlFree(s);                                                      \
        valuePush(ctxt, xmlXPathNewBoolean(hit));                        \
    }

S_PREDICATE(S_fn_email, imp_schfn_has_email)
S_PREDICATE(S_fn_phone, imp_schfn_has_phone)
S_PREDICATE(S_fn_postcode, imp_schfn_has_postcode)
S_PREDICATE(S_fn_nhs, imp_schfn_has_nhs_number)
S_PREDICATE(S_fn_dob, imp_schfn_has_dob)

void imp_schfn_register(xmlXPathContextPtr ctx)
{
    const xmlChar *ns = (const xmlChar *)IMP_FN_NS;
    xmlXPathRegisterFuncNS(ctx, (const xmlChar *)"identifier", ns, S_fn_identifier);
    xmlXPathRegisterFuncNS(ctx, (const xmlChar *)"contains-name", ns, S_fn_contains_name);
    xmlXPathRegisterFuncNS(ctx, (const xmlChar *)"has-email", ns, S_fn_email);
    xmlXPathRegisterFuncNS(ctx, (const xmlChar *)"has-phone", ns, S_fn_phone);
    xmlXPathRegisterFuncNS(ctx, (const xmlChar *)"has-postcode", ns, S_fn_postcode);
    xmlXPathRegisterFuncNS(ctx, (const xmlChar *)"has-nhs-number", ns, S_fn_nhs);
    xmlXPathRegisterFuncNS(ctx, (const xmlChar *)"has-date-of-birth", ns, S_fn_dob);
}
