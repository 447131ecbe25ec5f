#!/usr/bin/env bash
# `moatsim serve` as a program: bad options exit 2 with a message naming the option; a taken
# port exits 2; SIGINT and SIGTERM stop it cleanly (exit 0); with --host 0.0.0.0 it prints a
# URL for the class. Usage: serve_cli_test.sh MOATSIM SOURCE_DIR
set -uo pipefail
moatsim=$1
src=$2
# shellcheck source=tests/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"

expect_bad() {  # what expected-text args...: exit 2 and the text in the output
  local what=$1 text=$2; shift 2
  out=$("$moatsim" serve "$@" 2>&1); code=$?
  if [ $code -eq 2 ] && grep -qF -- "$text" <<<"$out"; then pass; else fail "$what: exit $code, output: $out"; fi
}
expect_bad "no enterprises" "--enterprises: expected 1..200000" --enterprises 0 --scenarios "$src/scenarios"
expect_bad "too many enterprises" "--enterprises: expected 1..200000" --enterprises 999999 --scenarios "$src/scenarios"
expect_bad "port out of range" "--port: expected 0..65535" --port 70000
expect_bad "missing directory" "is not a directory" --scenarios "$work/nowhere"
mkdir -p "$work/empty"
expect_bad "no scenario" "no scenario in" --scenarios "$work/empty"
expect_bad "sessions" "--max-sessions: expected 1..1000" --max-sessions 0
expect_bad "guessed option" "" --enterp 5
out=$("$moatsim" serve --help 2>&1) && grep -q "Ctrl-C stops" <<<"$out" && pass || fail "--help: $out"

# started: prints its URL; a second server on the same port is refused; signals stop it.
mkdir -p "$work/s"
cp "$src/scenarios/baseline.toml" "$work/s/"
for signal in INT TERM; do
  "$moatsim" serve --port 0 --scenarios "$work/s" --enterprises 2000 > "$work/log" 2>&1 &
  pid=$!
  port=""
  for _ in $(seq 600); do  # up to 60 s: start-up on a loaded machine
    port=$(sed -n 's|.*open http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] && pass || fail "no URL printed: $(cat "$work/log")"
  if [ "$signal" = INT ] && [ -n "$port" ]; then
    expect_bad "port taken" "cannot listen on 127.0.0.1:$port" --port "$port" --scenarios "$work/s" --enterprises 2000
  fi
  kill -s "$signal" "$pid"
  wait "$pid"; code=$?
  [ $code -eq 0 ] && grep -q "stopped" "$work/log" && pass || fail "SIG$signal: exit $code, log: $(tail -3 "$work/log")"
done

# A classroom: every interface, a URL with this machine's name.
"$moatsim" serve --host 0.0.0.0 --port 0 --scenarios "$work/s" --enterprises 2000 > "$work/log" 2>&1 &
pid=$!
for _ in $(seq 600); do  # up to 60 s: start-up on a loaded machine
  grep -q "open http://" "$work/log" && break; sleep 0.1; done
grep -q "open http://$(hostname):[0-9]*/  (students:" "$work/log" && pass || fail "0.0.0.0: $(cat "$work/log")"
kill "$pid"; wait "$pid"
report_checks
