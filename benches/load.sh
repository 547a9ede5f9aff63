#!/usr/bin/env bash
# Load test of a release build on loopback with wrk: calendar feeds (200 and 304 paths)
# and public pages, each for DURATION seconds with CONNECTIONS open connections.
# Prints one Markdown table row per scenario and the server's peak memory.
#
#   benches/load.sh [BINARY]      (default ./target/release/convene; DATABASE_URL to use
#                                  PostgreSQL instead of a fresh SQLite file)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${1:-./target/release/convene}"
PORT="${LOAD_PORT:-3097}"
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-100}"
THREADS="${THREADS:-2}"
BASE="http://127.0.0.1:$PORT"
ORG=/o/families-association

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -x "$BIN" ] || { echo "no server binary at $BIN (make load builds it)" >&2; exit 2; }

WORK="$(mktemp -d -t convene-load.XXXXXX)"
export DATABASE_URL="${DATABASE_URL:-sqlite://$WORK/convene.db}"
CONVENE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn "$BIN" serve --demo-if-empty >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "$BASE/" && break; sleep 0.2; done

etag() { curl -sfI "$BASE$1" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag" {print $2}'; }

run() {
  local name="$1" path="$2" header="${3:-}"
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  local out
  out="$(wrk "${args[@]}" "$BASE$path")"
  local rps p50 p99 errors non2xx
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  errors="$(awk '/Socket errors/ {gsub(",", ""); print $4+$6+$8+$10}' <<<"$out")"
  non2xx="$(awk '/Non-2xx or 3xx/ {print $5}' <<<"$out")"
  printf '| %s | `%s` | %s | %s | %s | %s |\n' "$name" "$path" "$rps" "$p50" "$p99" "$(( ${errors:-0} + ${non2xx:-0} ))"
}

FEED="$ORG/calendar.ics"
ONE="$ORG/tirana-park-2023/calendar.ics"
echo "| scenario | path | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
run "organisation feed, 200" "$FEED"
run "organisation feed, 304 (If-None-Match)" "$FEED" "If-None-Match: $(etag "$FEED")"
run "gathering feed, 200" "$ONE"
run "gathering feed, 304 (If-None-Match)" "$ONE" "If-None-Match: $(etag "$ONE")"
run "gathering page (HTML)" "$ORG/tirana-park-2023"
run "organisation page (HTML)" "$ORG"
echo
echo "Server peak memory (VmHWM): $(awk '/VmHWM/ {print $2, $3}' /proc/$SERVER/status)"
