#!/bin/sh
# pdfcheck.sh FILE.pdf: the PDF is well-formed (qpdf --check), every font is embedded (pdffonts); prints its page count.
set -u
if [ $# -ne 1 ]; then
    echo "usage: $0 FILE.pdf" >&2
    exit 2
fi
pdf=$1
for tool in qpdf pdffonts pdfinfo; do
    if ! command -v "$tool" > /dev/null 2>&1; then
        echo "pdfcheck: $tool is not installed (qpdf, poppler-utils)" >&2
        exit 2
    fi
done
if [ ! -f "$pdf" ]; then
    echo "pdfcheck: $pdf: no such file" >&2
    exit 1
fi

# qpdf: 0 clean, 2 errors, 3 warnings; a warning is a failure too
out=$(qpdf --check "$pdf" 2>&1)
st=$?
if [ $st -ne 0 ]; then
    echo "pdfcheck: $pdf: qpdf --check failed (exit $st):" >&2
    echo "$out" | sed 's/^/  /' >&2
    exit 1
fi

# pdffonts: two header lines, then one line per font; "emb" is the fifth
# field from the end (names and types may contain spaces, the tail never does)
fonts=$(pdffonts "$pdf" 2>&1)
st=$?
if [ $st -ne 0 ]; then
    echo "pdfcheck: $pdf: pdffonts failed:" >&2
    echo "$fonts" | sed 's/^/  /' >&2
    exit 1
fi
bad=$(echo "$fonts" | awk 'NR > 2 && NF >= 6 && $(NF-4) != "yes" { print "  " $0 }')
if [ -n "$bad" ]; then
    echo "pdfcheck: $pdf: fonts not embedded:" >&2
    echo "$bad" >&2
    exit 1
fi

pages=$(pdfinfo "$pdf" 2> /dev/null | awk '/^Pages:/ { print $2 }')
if [ -z "$pages" ]; then
    echo "pdfcheck: $pdf: pdfinfo cannot read the page count" >&2
    exit 1
fi
nfonts=$(echo "$fonts" | awk 'NR > 2 && NF >= 6' | wc -l)
echo "pdfcheck: $pdf: ok, pages: $pages, fonts: $nfonts (all embedded)"
exit 0
