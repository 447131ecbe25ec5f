# Sourced by the end-to-end test scripts: a scratch directory $work (removed on exit) and
# check counting. Call `report_checks` last: it prints the tally and fails if any check did.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0
pass() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }
report_checks() {
  echo "$((checks - failures)) passed, $failures failed"
  [ $failures -eq 0 ]
}
