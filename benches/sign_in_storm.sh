#!/usr/bin/env bash
# Feeds while sign-ins hammer the server: a release build on loopback serves the demo;
# wrk reads the whole-organisation feed with FEED_CONNECTIONS connections for DURATION
# seconds, first alone, then while SIGN_INS clients post wrong passwords for random
# accounts to /sign-in, each from its own address (the server trusts loopback as a proxy,
# so X-Forwarded-For varies and every attempt is judged: one argon2 hash each).
# Prints one Markdown table row per phase.
#
#   benches/sign_in_storm.sh [BINARY]   (default ./target/release/convene)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${1:-./target/release/convene}"
PORT="${LOAD_PORT:-3094}"
DURATION="${DURATION:-20}"
FEED_CONNECTIONS="${FEED_CONNECTIONS:-10}"
SIGN_INS="${SIGN_INS:-20}"
BASE="http://127.0.0.1:$PORT"
FEED=/o/families-association/calendar.ics

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -x "$BIN" ] || { echo "no server binary at $BIN (make release builds it)" >&2; exit 2; }

WORK="$(mktemp -d -t convene-storm.XXXXXX)"
export DATABASE_URL="sqlite://$WORK/convene.db"
CONVENE_ADDR="127.0.0.1:$PORT" CONVENE_TRUSTED_PROXIES=127.0.0.1 RUST_LOG=warn \
  "$BIN" serve --demo-if-empty >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "$BASE/" && break; sleep 0.2; done

cat > "$WORK/sign_in.lua" <<LUA
math.randomseed(os.time())
request = function()
  local ip = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  local body = string.format("email=guess%d%%40example.org&password=wrong+guess", math.random(1, 1000000000))
  return wrk.format("POST", "/sign-in", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Origin"] = "$BASE",
    ["X-Forwarded-For"] = ip,
  }, body)
end
LUA

feed() {
  local out
  out="$(wrk -t1 -c"$FEED_CONNECTIONS" -d"${DURATION}s" --latency "$BASE$FEED")"
  printf '| %s | %s | %s | %s | %s |' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")" \
    "$(awk '$1=="Latency" {print $4; exit}' <<<"$out")"
}

curl -sf -o /dev/null "$BASE$FEED"
echo "| phase | feed requests/s | feed p50 | feed p99 | feed max | sign-ins judged/s |"
echo "|---|---|---|---|---|---|"
echo "$(feed "feed alone") – |"
wrk -t1 -c"$SIGN_INS" -d"$((DURATION + 4))s" -s "$WORK/sign_in.lua" "$BASE/sign-in" > "$WORK/storm.txt" &
STORM=$!
sleep 2
row="$(feed "feed while $SIGN_INS clients sign in")"
wait "$STORM"
echo "$row $(awk '/Requests\/sec/ {print $2}' "$WORK/storm.txt") |"
