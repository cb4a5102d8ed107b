#!/bin/sh
# End-to-end tests: run the real impack on every case in tests/cases and
# compare what it prints (and its exit status) with the approved output.
#
#   tests/cases/<group>/<name>.xml       input; the command is `check <name>.xml`
#   tests/cases/<group>/<name>.cmd       or: the impack arguments, one line
#   tests/cases/<group>/<name>.expected  approved stdout+stderr, then "exit: N"
#
# Re-approve after an intended change: `make approve`, then review `git diff tests/`.
# VALGRIND=1 runs every case under valgrind and fails on leaks or errors.
set -u
IMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
pass=0
fail=0
failed=""

run_case() { # dir name
    dir=$1 name=$2
    if [ -f "$dir/$name.cmd" ]; then
        args=$(cat "$dir/$name.cmd")
    else
        args="check $name.xml"
    fi
    vg=""
    if [ "${VALGRIND:-}" = 1 ]; then
        vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --suppressions=$ROOT/tests/valgrind.supp"
    fi
    # shellcheck disable=SC2086
    actual=$(cd "$dir" && SOURCE_DATE_EPOCH=0 $vg "$IMPACK" $args 2>&1; echo "exit: $?")
    if [ "${APPROVE:-}" = 1 ]; then
        printf '%s\n' "$actual" > "$dir/$name.expected"
        pass=$((pass + 1))
        return
    fi
    if [ ! -f "$dir/$name.expected" ]; then
        echo "FAIL $dir/$name: no .expected file (run make approve and review it)"
        fail=$((fail + 1))
        failed="$failed $dir/$name"
        return
    fi
    if printf '%s\n' "$actual" | diff -u "$dir/$name.expected" - > /tmp/impack-case.diff; then
        pass=$((pass + 1))
    else
        echo "FAIL $dir/$name"
        sed 's/^/    /' /tmp/impack-case.diff | head -40
        fail=$((fail + 1))
        failed="$failed $dir/$name"
    fi
}

for dir in "$ROOT"/tests/cases/*/; do
    dir=${dir%/}
    for f in "$dir"/*.xml "$dir"/*.cmd; do
        [ -e "$f" ] || continue
        name=$(basename "$f"); name=${name%.*}
        # a .xml with a .cmd beside it is data for that command
        case "$f" in *.xml) [ -f "$dir/$name.cmd" ] && continue ;; esac
        # files named *.inc.xml are fixtures read by other cases
        case "$name" in *.inc) continue ;; esac
        run_case "$dir" "$name"
    done
done

# Every rule id of DOMAIN.md is in the schemas, explained, and failed by a case.
if [ "${APPROVE:-}" != 1 ]; then
    ids=$(sed -n 's/^- `\([a-z]*\.[a-z.-]*\)`.*/\1/p' "$ROOT/../shared/DOMAIN.md" 2>/dev/null)
    [ -n "$ids" ] || ids=$(sed -n 's/.*<rule id="\([^"]*\)".*/\1/p' "$ROOT/schemas/rules.xml")
    for id in $ids; do
        ok=1
        grep -q "id=\"$id\"" "$ROOT"/schemas/*.sch || { echo "FAIL rule $id: not in schemas/*.sch"; ok=0; }
        "$IMPACK" explain "$id" > /dev/null 2>&1 || { echo "FAIL rule $id: impack explain does not know it"; ok=0; }
        grep -rqF "[$id]" "$ROOT"/tests/cases/*/*.expected || { echo "FAIL rule $id: no test case fails it"; ok=0; }
        if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed rule:$id"; fi
    done
fi

echo "e2e: $pass passed, $fail failed"
[ $fail = 0 ] || { echo "failed:$failed"; exit 1; }
