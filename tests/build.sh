#!/bin/sh
# End-to-end tests of the printed documents (impack build, fo, blank, deps and
# the make workflow), on the samples and on cases made here:
# - every answer written in each sample is in its PDF, and no participant's
#   name is in any PDF (pdftotext);
# - the tracker pages appear exactly when the pack has a tracker;
# - a blank pack of each type holds every question of the guide
#   (tests/build/guide-questions.txt);
# - every PDF passes qpdf --check with every font embedded;
# - invalid input writes nothing (exit 1); --draft marks every page DRAFT;
# - parameters, the customisation layer, and the stylesheet sandbox;
# - the same input gives byte-identical PDFs;
# - first pages look like the approved PNGs in tests/build/ref/;
# - `make -C samples` builds every sample PDF, and a portfolio is rebuilt
#   when one of its packs changes.
#
# Re-approve the reference pages after an intended change: `make approve`.
set -u
IMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ANSWERS=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
PNGDIFF=${3:-}
[ -z "$PNGDIFF" ] || PNGDIFF=$(cd "$(dirname "$PNGDIFF")" && pwd)/$(basename "$PNGDIFF")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$ROOT/tests/build
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL build: $1"; fail=$((fail + 1)); }
export SOURCE_DATE_EPOCH=1767225600

# The body text of a PDF on one line (running header and footer cut off:
# A4 is 595 x 842 pt; the body starts 26 mm from the top and ends 24 mm
# from the bottom).
body_text() {
    pdftotext -x 0 -y 74 -W 595 -H 700 "$1" - | tr '\n\f' '  ' | tr -s ' '
}

# qpdf --check passes and every font is embedded.
pdf_sound() {
    if qpdf --check "$1" > /dev/null 2>&1; then ok; else no "$2: qpdf --check fails"; fi
    if pdffonts "$1" | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }'; then ok
    else no "$2: a font is not embedded"; pdffonts "$1"; fi
}

# Every line of file $2 is in text file $1 (one line); name $3 in messages.
all_in() {
    missing=0
    while IFS= read -r a; do
        case $a in '#'*|'') continue ;; esac
        if ! grep -qF -- "$a" "$1"; then
            [ $missing -lt 3 ] && echo "  missing from $3: $a"
            missing=$((missing + 1))
        fi
    done < "$2"
    return $missing
}

# None of the lines of file $2 is in text file $1.
none_in() {
    found=0
    while IFS= read -r a; do
        [ -n "$a" ] || continue
        if grep -qiF -- "$a" "$1"; then echo "  found in $3: $a"; found=1; fi
    done < "$2"
    return $found
}

cd "$ROOT/samples" || exit 1

# --- 1. every sample pack: its answers, no names, the tracker, soundness ----
for xml in *.xml; do
    name=${xml%.xml}
    grep -q '<microproject' "$xml" || continue
    pdf=$TMP/$name.pdf
    if "$IMPACK" build "$xml" -o "$pdf" > "$TMP/out" 2>&1; then ok; else no "$name: build failed"; cat "$TMP/out"; continue; fi
    body_text "$pdf" > "$TMP/$name.txt"
    "$ANSWERS" "$xml" > "$TMP/$name.answers"
    if all_in "$TMP/$name.txt" "$TMP/$name.answers" "$name.pdf"; then ok; else no "$name: answers missing from the PDF"; fi
    "$ANSWERS" -n "$xml" > "$TMP/$name.names"
    for p in "$pdf"; do
        pdftotext "$p" "$TMP/all.txt"
        if none_in "$TMP/all.txt" "$TMP/$name.names" "$name.pdf"; then ok; else no "$name: a participant's name is printed"; fi
    done
    if grep -q '<tracker kind="\(basic\|enhanced\)"' "$xml"; then want=1; else want=0; fi
    if grep -q 'Progress and reflection tracker' "$TMP/$name.txt"; then have=1; else have=0; fi
    if [ $want = $have ]; then ok; else no "$name: tracker pages: expected $want, found $have"; fi
    pdf_sound "$pdf" "$name.pdf"
    # the closure checklist on its own
    "$IMPACK" build --doc closure "$xml" -o "$TMP/$name-closure.pdf" 2> /dev/null
    body_text "$TMP/$name-closure.pdf" > "$TMP/c.txt"
    if grep -q 'Planned focus has been explored' "$TMP/c.txt" && grep -q 'Stage summary' "$TMP/c.txt" &&
       grep -q 'Signature of Practitioner' "$TMP/c.txt" && ! grep -q 'Reflection framework' "$TMP/c.txt"; then ok
    else no "$name: the closure checklist is not what it should be"; fi
    pdf_sound "$TMP/$name-closure.pdf" "$name-closure.pdf"
done
# ticked boxes follow the answers: a closed pack ticks all five criteria
n=$(grep -o '☑ Yes' "$TMP/closed-type2-stress.txt" | wc -l)
if [ "$n" -ge 9 ]; then ok; else no "closed-type2-stress: $n ticked Yes boxes, expected at least 9"; fi
# a paused pack with an open concern says so on its cover
pdftotext -f 1 -l 1 "$TMP/paused-type4-complex.pdf" "$TMP/cover.txt"
if grep -q 'This Microproject is paused: a safeguarding concern is open' "$TMP/cover.txt" &&
   grep -q "host organisation's safeguarding pathway" "$TMP/cover.txt"; then ok
else no "paused-type4-complex: the cover does not show the pause and the pathway"; fi
if ! grep -q 'is paused' "$(printf '%s' "$TMP/closed-type1-reception.txt")"; then ok; else no "a closed pack says it is paused"; fi

# --- 2. the portfolio ---------------------------------------------------------
pdf=$TMP/portfolio.pdf
if "$IMPACK" build portfolio.xml -o "$pdf" > "$TMP/out" 2>&1; then ok; else no "portfolio: build failed"; cat "$TMP/out"; fi
body_text "$pdf" > "$TMP/pf.txt"
"$ANSWERS" portfolio.xml > "$TMP/pf.answers"
for pack in $(sed -n 's/.*<project href="\([^"]*\)".*/\1/p' portfolio.xml); do
    "$ANSWERS" -s reflect "$pack" >> "$TMP/pf.answers"
    "$ANSWERS" -s code "$pack" >> "$TMP/pf.answers"
    "$ANSWERS" -n "$pack" >> "$TMP/pf.names"
done
if all_in "$TMP/pf.txt" "$TMP/pf.answers" portfolio.pdf; then ok; else no "portfolio: answers missing from the PDF"; fi
pdftotext "$pdf" "$TMP/all.txt"
if [ -s "$TMP/pf.names" ] && none_in "$TMP/all.txt" "$TMP/pf.names" portfolio.pdf; then ok
else no "portfolio: a participant's name is printed (or the samples name none to test)"; fi
pdf_sound "$pdf" portfolio.pdf
if pdfinfo "$pdf" | grep -q 'Author: *Sam Okafor'; then ok; else no "portfolio: the PDF author is not the practitioner"; fi

# --- 3. blank packs --------------------------------------------------------------
for t in 1 2 3 4; do
    pdf=$TMP/blank$t.pdf
    if "$IMPACK" blank --type $t -o "$pdf" > /dev/null 2>&1; then ok; else no "blank type $t failed"; continue; fi
    pdftotext "$pdf" - | tr '\n\f' '  ' | tr -s ' ' > "$TMP/b.txt"
    if all_in "$TMP/b.txt" "$DIR/guide-questions.txt" "blank type $t"; then ok; else no "blank type $t: guide questions missing"; fi
    pdf_sound "$pdf" "blank$t.pdf"
    case $t in
        1) want='Completed Link Training' ;;
        2) want='Priorities consult' ;;
        3) want='Sessions: 6 structured sessions' ;;
        4) want='Progress and reflection tracker (enhanced)' ;;
    esac
    if grep -qF "$want" "$TMP/b.txt"; then ok; else no "blank type $t: \"$want\" is missing"; fi
    if grep -q '☑' "$TMP/b.txt"; then no "blank type $t: a box is ticked"; else ok; fi
done

# --- 4. bad input, draft, parameters ------------------------------------------
sed 's/<type>2<\/type>/<type>7<\/type>/' closed-type2-stress.xml > "$TMP/bad.xml"
"$IMPACK" build "$TMP/bad.xml" -o "$TMP/bad.pdf" > "$TMP/out" 2>&1; rc=$?
if [ $rc = 1 ] && [ ! -e "$TMP/bad.pdf" ] && grep -q 'bad.pdf was not written' "$TMP/out" &&
   grep -q 'bad.xml:[0-9]*: error' "$TMP/out"; then ok
else no "invalid input: expected exit 1, no PDF and the diagnostics (got $rc)"; cat "$TMP/out"; fi
"$IMPACK" build --draft "$TMP/bad.xml" -o "$TMP/draft.pdf" > "$TMP/out" 2>&1; rc=$?
pages=$(pdfinfo "$TMP/draft.pdf" 2> /dev/null | sed -n 's/^Pages: *//p')
marks=$(pdftotext "$TMP/draft.pdf" - 2> /dev/null | grep -c 'DRAFT: this document')
if [ $rc = 1 ] && [ -n "$pages" ] && [ "$marks" = "$pages" ] &&
   pdftotext -l 1 "$TMP/draft.pdf" - | grep -q 'DRAFT: not ready to use'; then ok
else no "--draft: expected exit 1 and DRAFT on each of the $pages pages (found $marks, exit $rc)"; fi
# a new pack printed as it comes (impack new, --draft): nothing is ticked that
# the practitioner has not done, and blank dates and names leave lines to write on
"$IMPACK" new pack --type 2 > "$TMP/starter.xml" 2> /dev/null
"$IMPACK" build --draft "$TMP/starter.xml" -o "$TMP/starter.pdf" > /dev/null 2>&1
pdftotext -layout "$TMP/starter.pdf" "$TMP/starter.txt" 2> /dev/null
if grep -q 'Completed' "$TMP/starter.txt" && ! grep 'Completed' "$TMP/starter.txt" | grep -q '☑' &&
   grep -q 'Link level, valid   *to' "$TMP/starter.txt" &&
   ! grep -q '(Link staff)' "$TMP/starter.txt"; then ok
else no "a new pack printed with --draft ticks training not done, or leaves stray words"
     grep -n 'Completed\|valid\|Attended' "$TMP/starter.txt" | head -8; fi
# a portfolio naming a participant is never printed, not even with --draft
mkdir -p "$TMP/leak" && cp "$ROOT"/samples/*.xml "$TMP/leak/"
sed -i 's/Tension rose when the adult/Tension rose when Amira/' "$TMP/leak/closed-type1-reception.xml"
"$IMPACK" build --draft "$TMP/leak/portfolio.xml" -o "$TMP/leak.pdf" > "$TMP/out" 2>&1; rc=$?
if [ $rc = 1 ] && [ ! -e "$TMP/leak.pdf" ] && grep -q 'privacy.participant-name' "$TMP/out" &&
   grep -q 'not printed, not even as a draft' "$TMP/out"; then ok
else no "a portfolio naming a participant was printed with --draft"; cat "$TMP/out"; fi
"$IMPACK" build closed-type2-stress.xml -o "$TMP/letter.pdf" --param paper=Letter > /dev/null 2>&1
if pdfinfo "$TMP/letter.pdf" | grep -q 'Page size: *612 x 792'; then ok; else no "--param paper=Letter: not Letter"; fi
"$IMPACK" build closed-type2-stress.xml -o "$TMP/x.pdf" --param papr=Letter > "$TMP/out" 2>&1; rc=$?
if [ $rc = 2 ] && grep -q 'no such parameter' "$TMP/out" && [ ! -e "$TMP/x.pdf" ]; then ok; else no "an unknown --param is not refused"; fi
"$IMPACK" build closed-type2-stress.xml -o "$TMP/logo.pdf" --param logo="$ROOT/tests/fo/logo.png" \
    --param "organisation=Hillside Family Hub" --param "font-family=DejaVu Serif" > "$TMP/out" 2>&1
if pdfimages -list "$TMP/logo.pdf" 2> /dev/null | grep -q ' image ' &&
   pdftotext -f 1 -l 1 "$TMP/logo.pdf" - | grep -q 'Hillside Family Hub' &&
   pdffonts "$TMP/logo.pdf" | grep -q 'DejaVuSerif'; then ok
else no "logo, organisation and font-family parameters"; cat "$TMP/out"; fi
"$IMPACK" build closed-type2-stress.xml -o "$TMP/x.pdf" --param logo=/nonexistent.png > "$TMP/out" 2>&1; rc=$?
if [ $rc = 2 ] && grep -q 'cannot read the logo' "$TMP/out"; then ok; else no "a missing logo is not reported"; fi
"$IMPACK" build --doc portfolio closed-type2-stress.xml -o "$TMP/x.pdf" > "$TMP/out" 2>&1; rc=$?
if [ $rc = 2 ] && grep -q 'not a portfolio' "$TMP/out"; then ok; else no "--doc portfolio on a pack is not refused"; fi

# --- 5. reproducible, and fo output ----------------------------------------------
"$IMPACK" build closed-type2-stress.xml -o "$TMP/r1.pdf" 2> /dev/null
"$IMPACK" build closed-type2-stress.xml -o "$TMP/r2.pdf" 2> /dev/null
if cmp -s "$TMP/r1.pdf" "$TMP/r2.pdf"; then ok; else no "the same pack gives two different PDFs"; fi
"$IMPACK" fo closed-type2-stress.xml -o "$TMP/s.fo" 2> /dev/null
if head -c 200 "$TMP/s.fo" | grep -q '<fo:root' && "$IMPACK" render "$TMP/s.fo" -o "$TMP/s.pdf" 2> /dev/null &&
   [ "$(pdfinfo "$TMP/s.pdf" | sed -n 's/^Pages: *//p')" = "$(pdfinfo "$TMP/r1.pdf" | sed -n 's/^Pages: *//p')" ]; then ok
else no "impack fo: the FO does not render to the same pages"; fi

# FO other formatters accept: no empty static-content, table body or list
# (XSL 1.1 requires content in each; Apache FOP refuses the file otherwise)
for x in paused-type4-complex.xml portfolio.xml; do
    for draft in "" --draft; do
        "$IMPACK" fo $draft "$x" 2> /dev/null > "$TMP/v.fo"
        if grep -qE '<fo:(static-content|table-body|table-header|list-block|flow)( [^>]*)?/>|<fo:(static-content|table-body)( [^>]*)?></fo:' "$TMP/v.fo"; then
            no "impack fo $draft $x: an FO element that must have content is empty"
        else ok; fi
    done
done

# --- 6. the customisation layer and the stylesheet sandbox ------------------------
"$IMPACK" build --xsl custom/riverside.xsl closed-type1-reception.xml -o "$TMP/cu.pdf" > "$TMP/out" 2>&1
if pdftotext "$TMP/cu.pdf" - | grep -q 'keep in the locked cabinet' &&
   pdftotext "$TMP/cu.pdf" - | grep -q 'Reflection framework'; then ok
else no "the customisation layer is not applied"; cat "$TMP/out"; fi
"$IMPACK" build --doc closure --xsl custom/riverside.xsl closed-type1-reception.xml -o "$TMP/cx.pdf" > "$TMP/out" 2>&1; rc=$?
if [ $rc = 2 ] && [ ! -e "$TMP/cx.pdf" ] && grep -q 'prints Microproject packs, not closure checklists' "$TMP/out"; then ok
else no "a layer for packs was used for a closure checklist"; cat "$TMP/out"; fi
mkdir -p "$TMP/sand"
cp closed-type2-stress.xml "$TMP/sand/pack.xml"
cat > "$TMP/sand/write.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:template match="/">
    <exsl:document href="written.txt" method="text">leaked</exsl:document>
    <fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"/>
  </xsl:template>
</xsl:stylesheet>
XSL
(cd "$TMP/sand" && "$IMPACK" fo --xsl write.xsl pack.xml > /dev/null 2> "$TMP/out"); rc=$?
if [ $rc != 0 ] && [ ! -e "$TMP/sand/written.txt" ]; then ok; else no "a stylesheet could write a file"; fi
echo "secret-outside" > "$TMP/outside.xml.txt"
printf '<s>secret-outside</s>' > "$TMP/outside.xml"
cat > "$TMP/sand/read.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <r><xsl:value-of select="document('../outside.xml')"/>|<xsl:value-of select="document('http://127.0.0.1:9/x.xml')"/>|<xsl:value-of select="document('pack.xml')//*[local-name()='title']"/></r>
  </xsl:template>
</xsl:stylesheet>
XSL
(cd "$TMP/sand" && "$IMPACK" fo --xsl read.xsl pack.xml > "$TMP/read.out" 2> "$TMP/read.err"); rc=$?
if [ $rc != 0 ] && ! grep -q secret-outside "$TMP/read.out" &&
   grep -q 'read.xsl:3: error: stylesheet: Local file read for ../outside.xml refused' "$TMP/read.err" &&
   grep -q 'Network file read for http://127.0.0.1:9/x.xml refused' "$TMP/read.err"; then ok
else no "document() read outside the input's folder or the network"; cat "$TMP/read.out" "$TMP/read.err"; fi
cat > "$TMP/sand/read2.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><xsl:value-of select="document('pack.xml')//*[local-name()='title']"/></fo:root></xsl:template>
</xsl:stylesheet>
XSL
(cd "$TMP/sand" && "$IMPACK" fo --xsl read2.xsl pack.xml > "$TMP/read.out" 2> "$TMP/read.err")
if grep -q 'bedtimes' "$TMP/read.out"; then ok; else no "document() cannot read inside the input's folder"; cat "$TMP/read.err"; fi

# --- 7. first pages against the approved references --------------------------------
for doc in paused-type4-complex closed-type2-stress-closure blank2 portfolio; do
    pdftoppm -r 40 -f 1 -l 1 -png -singlefile "$TMP/$doc.pdf" "$TMP/$doc-page1"
    if [ "${APPROVE:-}" = 1 ]; then
        cp "$TMP/$doc-page1.png" "$DIR/ref/$doc.png"
    elif [ -n "$PNGDIFF" ]; then
        if "$PNGDIFF" "$DIR/ref/$doc.png" "$TMP/$doc-page1.png" > "$TMP/pd" 2>&1; then ok
        else no "$doc: page 1 looks different from tests/build/ref/$doc.png"; cat "$TMP/pd"; fi
    fi
done

# --- 8. the make workflow, on a copy of the samples --------------------------------
cp -r "$ROOT/samples" "$TMP/folder"
rm -rf "$TMP/folder/out"
M="make --no-print-directory -C $TMP/folder IMPACK=$IMPACK IMPACK_MK=$ROOT/impack.mk"
if $M > "$TMP/make.out" 2>&1; then ok; else no "make -C samples failed"; tail -5 "$TMP/make.out"; fi
n=$(ls "$TMP/folder/out"/*.pdf 2> /dev/null | wc -l)
want=$(( $(grep -l '<microproject' "$ROOT"/samples/*.xml | wc -l) * 2 + $(grep -l '<portfolio' "$ROOT"/samples/*.xml | wc -l) ))
if [ "$n" = "$want" ]; then ok; else no "make -C samples made $n PDFs, expected $want"; fi
sleep 1
touch "$TMP/folder/closed-type2-stress.xml"
$M > "$TMP/make2.out" 2>&1
if grep -q 'wrote out/portfolio.pdf' "$TMP/make2.out" && grep -q 'wrote out/closed-type2-stress.pdf' "$TMP/make2.out" &&
   ! grep -q 'reception.pdf' "$TMP/make2.out"; then ok
else no "a changed pack does not rebuild just its PDFs and the portfolio"; cat "$TMP/make2.out"; fi
if $M check > /dev/null 2>&1; then ok; else no "make check fails on the samples"; fi
# a pack taken away: make carries on with the rest
rm "$TMP/folder/planned-type2-early-help.xml"
if $M > "$TMP/make3.out" 2>&1; then ok; else no "make fails after a pack was taken away"; cat "$TMP/make3.out"; fi
# a file that is not well-formed: make says so and fails, every time
printf '<microproject' > "$TMP/folder/broken.xml"
for i in 1 2; do
    if $M > "$TMP/make4.out" 2>&1; then no "make passes with a broken file (run $i)"
    elif grep -q 'broken.xml:.*not well-formed' "$TMP/make4.out"; then ok
    else no "make does not say what is wrong with a broken file"; cat "$TMP/make4.out"; fi
done
rm "$TMP/folder/broken.xml"
# make clean all, then two jobs at once, build everything again
$M clean all > /dev/null 2>&1
n1=$(ls "$TMP/folder/out"/*.pdf 2> /dev/null | wc -l)
$M clean > /dev/null 2>&1
$M -j2 > /dev/null 2>&1
n2=$(ls "$TMP/folder/out"/*.pdf 2> /dev/null | wc -l)
if [ "$n1" = $((want - 2)) ] && [ "$n2" = $((want - 2)) ]; then ok
else no "make clean all ($n1) or make -j2 ($n2) does not print all $((want - 2)) PDFs"; fi
$M clean > /dev/null 2>&1
if [ ! -e "$TMP/folder/out" ]; then ok; else no "make clean leaves out/"; fi
"$IMPACK" deps portfolio.xml > "$TMP/deps"
if grep -q '^out/portfolio.pdf: portfolio.xml closed-type1-reception.xml' "$TMP/deps" &&
   grep -q '^closed-type1-reception.xml:$' "$TMP/deps"; then ok; else no "impack deps"; cat "$TMP/deps"; fi

# --- 9. make install: an installed impack works away from the source tree -----------
BUILDDIR=$(dirname "$IMPACK")
if make -s -C "$ROOT" install DESTDIR="$TMP/inst" PREFIX=/opt/impack BUILD="$BUILDDIR" > "$TMP/inst.out" 2>&1; then ok
else no "make install failed"; cat "$TMP/inst.out"; fi
I=$TMP/inst/opt/impack
for f in bin/impack libexec/impack/impack-pdf share/impack/schemas/pack.sch share/impack/schemas/schemas.xml \
         share/impack/schemas/impack.rnc share/impack/stylesheets/pack.xsl share/impack/impack.mk \
         share/man/man1/impack.1; do
    [ -e "$I/$f" ] || no "make install did not install $f"
done
mkdir -p "$TMP/away" && cp "$ROOT/samples/closed-type2-stress.xml" "$TMP/away/pack.xml"
(cd "$TMP/away" && "$I/bin/impack" check pack.xml > "$TMP/a.out" 2>&1 &&
    "$I/bin/impack" build pack.xml >> "$TMP/a.out" 2>&1 &&
    echo "include $I/share/impack/impack.mk" > Makefile &&
    make -s IMPACK="$I/bin/impack" >> "$TMP/a.out" 2>&1)
if [ -f "$TMP/away/pack.pdf" ] && [ -f "$TMP/away/out/pack.pdf" ] && [ -f "$TMP/away/out/pack-closure.pdf" ]; then ok
else no "an installed impack cannot check, build and make away from the source tree"; cat "$TMP/a.out"; fi

echo "build: $pass passed, $fail failed"
[ $fail = 0 ]
