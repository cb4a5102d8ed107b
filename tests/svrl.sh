#!/bin/sh
# `impack schematron --svrl`: the report is SVRL, written whole or not at all.
set -u
IMPACK=$1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CASE=$ROOT/tests/cases/schematron
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL svrl: $1"; fail=$((fail + 1)); }

"$IMPACK" schematron "$CASE/library.sch" "$CASE/books.inc.xml" --phase '#ALL' --svrl "$TMP/out.svrl" > /dev/null
[ $? = 1 ] && ok || no "exit status is not 1"
count() { xmllint --xpath "count($1)" "$TMP/out.svrl" 2> /dev/null; }
S='*[namespace-uri()="http://purl.oclc.org/dsdl/svrl"]'
[ "$(count "/$S[local-name()='schematron-output']")" = 1 ] && ok || no "no svrl:schematron-output root"
[ "$(count "//$S[local-name()='failed-assert']")" = 4 ] && ok || no "not 4 failed-assert"
[ "$(count "//$S[local-name()='successful-report']")" = 1 ] && ok || no "not 1 successful-report"
[ "$(count "//$S[local-name()='active-pattern']")" = 3 ] && ok || no "not 3 active-pattern"
[ "$(count "//$S[local-name()='failed-assert'][@flag='overdue']")" = 1 ] && ok || no "flag not carried"
[ "$(count "//$S[local-name()='diagnostic-reference'][@diagnostic='why-ref']")" = 1 ] && ok || no "diagnostic-reference missing"
[ "$(ls "$TMP" | wc -l)" = 1 ] && ok || no "temporary files left behind"

# an SVRL path that cannot be written: exit 2 and nothing half-written
"$IMPACK" schematron "$CASE/library.sch" "$CASE/books.inc.xml" --svrl "$TMP/no/such/dir/out.svrl" > "$TMP/err.txt" 2>&1
[ $? = 2 ] && ok || no "unwritable report does not exit 2"
[ ! -e "$TMP/no" ] && ok || no "a folder was created"

echo "svrl: $pass passed, $fail failed"
[ $fail = 0 ]
