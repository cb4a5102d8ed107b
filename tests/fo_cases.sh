#!/bin/sh
# End-to-end tests of `impack render` on the FO files in tests/fo:
# what it prints, the page count, the text (pdftotext -layout), the structure
# elements of the tagged PDF, qpdf --check, embedded fonts, byte-identical
# output for the same SOURCE_DATE_EPOCH, and first pages compared with approved
# PNGs (tests/fo/ref/) within a tolerance.
#
# Re-approve after an intended change: `make approve` (review `git diff tests/fo`).
set -u
IMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
PNGDIFF=${2:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$ROOT/tests/fo
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0 failed=""
ok() { pass=$((pass + 1)); }
no() { echo "FAIL fo: $1"; fail=$((fail + 1)); failed="$failed $1"; }
export SOURCE_DATE_EPOCH=1767225600

for fo in "$DIR"/*.fo; do
    name=$(basename "$fo" .fo)
    pdf=$TMP/$name.pdf
    out=$( (cd "$DIR" && "$IMPACK" render "$name.fo" -o "$pdf" 2>&1); echo "exit: $?")
    {
        printf '%s\n' "$out"
        if [ -f "$pdf" ]; then
            echo "pages: $(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')"
            echo "size: $(pdfinfo "$pdf" | sed -n 's/^Page size: *//p')"
            echo "title: $(pdfinfo "$pdf" | sed -n 's/^Title: *//p')"
            echo "structure: $(pdfinfo -struct "$pdf" 2>/dev/null | sed -n 's/^ *\([A-Za-z0-9]*\).*/\1/p' | sort -u | tr '\n' ' ')"
            echo "--- text"
            pdftotext -layout "$pdf" - | sed 's/[[:space:]]*$//'
        fi
    } > "$TMP/$name.actual"
    if [ "${APPROVE:-}" = 1 ]; then
        cp "$TMP/$name.actual" "$DIR/$name.expected"
        if [ -f "$pdf" ] && [ -n "$PNGDIFF" ]; then
            mkdir -p "$DIR/ref"
            pdftoppm -r 40 -f 1 -l 1 -png -singlefile "$pdf" "$DIR/ref/$name"
        fi
        ok
        continue
    fi
    if diff -u "$DIR/$name.expected" "$TMP/$name.actual" > "$TMP/diff"; then ok; else
        no "$name (output differs)"; head -40 "$TMP/diff" | sed 's/^/    /'; fi
    [ -f "$pdf" ] || continue
    if sh "$ROOT/tests/pdfcheck.sh" "$pdf" > "$TMP/check" 2>&1; then ok; else
        no "$name (pdfcheck)"; sed 's/^/    /' "$TMP/check" | head -20; fi
    # the same input and SOURCE_DATE_EPOCH give the same bytes
    (cd "$DIR" && "$IMPACK" render "$name.fo" -o "$TMP/again.pdf" > /dev/null 2>&1)
    if cmp -s "$pdf" "$TMP/again.pdf"; then ok; else no "$name (not reproducible)"; fi
    # what the first page looks like
    if [ -n "$PNGDIFF" ] && [ -f "$DIR/ref/$name.png" ]; then
        pdftoppm -r 40 -f 1 -l 1 -png -singlefile "$pdf" "$TMP/$name"
        if "$PNGDIFF" "$DIR/ref/$name.png" "$TMP/$name.png" > "$TMP/pd" 2>&1; then ok; else
            no "$name (looks different from tests/fo/ref/$name.png)"; cat "$TMP/pd"; fi
    fi
done

if [ "${APPROVE:-}" != 1 ]; then
    # a Link structure element holds its link's text (and its annotation): a
    # screen reader reads the link as a link
    (cd "$DIR" && "$IMPACK" render links.fo -o "$TMP/links.pdf" > /dev/null 2>&1)
    pdfinfo -struct-text "$TMP/links.pdf" > "$TMP/links.struct" 2>&1
    if grep -A2 '^ *Link' "$TMP/links.struct" | grep -q '" the web site"' &&
        grep -A2 '^ *Link' "$TMP/links.struct" | grep -q '"document, a long link that wraps"' &&
        grep -A2 '^ *Link' "$TMP/links.struct" | grep -q '" underlined link"' &&
        [ "$(grep -c '^ *Link' "$TMP/links.struct")" -ge 3 ] &&
        ! grep -A2 '^ *NonStruct' "$TMP/links.struct" | grep -q 'the web site'; then ok; else
        no "links (Link elements without their text)"; sed 's/^/    /' "$TMP/links.struct" | head -30; fi
    rm -f "$TMP/links.struct"
    # a PDF that cannot be written leaves nothing behind
    (cd "$DIR" && "$IMPACK" render blocks.fo -o "$TMP/no/such/dir/x.pdf" > "$TMP/err" 2>&1)
    rc=$?
    if [ $rc = 2 ] && [ ! -e "$TMP/no" ]; then ok; else no "unwritable output (exit $rc)"; fi
    # a render that fails leaves no output file
    (cd "$DIR" && "$IMPACK" render no-page-sequence.fo -o "$TMP/none.pdf" > /dev/null 2>&1)
    if [ ! -e "$TMP/none.pdf" ] && [ -z "$(ls "$TMP" | grep -v '\.pdf$\|\.actual$\|\.png$\|^diff$\|^check$\|^err$\|^pd$')" ]; then ok; else no "failed render left files"; fi
fi
echo "fo: $pass passed, $fail failed"
[ $fail = 0 ] || { echo "failed:$failed"; exit 1; }
