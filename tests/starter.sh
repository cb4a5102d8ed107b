#!/bin/sh
# The starter files: `impack new pack --type N` and `impack new portfolio`,
# once their blanks are filled in (as a practitioner would), pass `impack check`.
set -u
IMPACK=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0
fill() { # the blanks of a starter, filled with plausible answers
    sed -e 's/id=""/id="MP-2026-100"/' \
        -e 's|<start></start>|<start>2026-01-12</start>|' \
        -e 's|<planned-end></planned-end>|<planned-end>2026-03-27</planned-end>|' \
        -e 's|<valid-from></valid-from>|<valid-from>2025-09-01</valid-from>|' \
        -e 's|<valid-until></valid-until>|<valid-until>2027-08-31</valid-until>|' \
        -e 's|<date></date>|<date>2025-09-15</date>|' \
        -e 's/completed=""/completed="2025-05-20"/g' \
        -e 's|<code></code>|<code>P-900</code>|' \
        -e 's|<kind></kind>|<kind>parent</kind>|' \
        -e 's/category=""/category="family-stress"/' \
        -e 's/date=""/date="2026-02-11"/g' \
        -e 's|<name></name>|<name>Sam Okafor</name>|' \
        -e 's|<\([a-z-]*\)\([^>/]*\)></\1>|<\1\2>Filled in by the practitioner.</\1>|g'
}
for t in 1 2 3 4; do
    "$IMPACK" new pack --type "$t" > "$TMP/raw$t.xml"
    # the starter itself is well-formed and names its blanks (exit 1, not 2)
    "$IMPACK" check "$TMP/raw$t.xml" > "$TMP/raw$t.out"; rc=$?
    fill < "$TMP/raw$t.xml" > "$TMP/pack$t.xml"
    "$IMPACK" check "$TMP/pack$t.xml" > "$TMP/pack$t.out"; rc2=$?
    if [ $rc = 1 ] && [ $rc2 = 0 ] && grep -q "<type>$t</type>" "$TMP/pack$t.xml"; then
        pass=$((pass + 1))
    else
        echo "FAIL starter pack type $t: blank exit $rc, filled exit $rc2"; cat "$TMP/pack$t.out"
        fail=$((fail + 1))
    fi
done
"$IMPACK" new portfolio > "$TMP/rawp.xml"
"$IMPACK" check "$TMP/rawp.xml" > "$TMP/rawp.out"; rc=$?
if [ $rc = 1 ]; then pass=$((pass + 1)); else echo "FAIL starter portfolio: exit $rc"; fail=$((fail + 1)); fi
echo "starter: $pass passed, $fail failed"
[ $fail = 0 ]
