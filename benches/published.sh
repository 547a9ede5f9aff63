#!/usr/bin/env bash
# Published answers on the pretalx-sized conference, against a release build on loopback:
#  1. the first render after an edit: an organiser's edit (a segment added to one talk,
#     a form post) then one GET of the whole-organisation feed, of the organisation page
#     and of one talk's feed, ROUNDS times; prints the median and worst time_total;
#  2. peak server memory with BIG (10,000) gatherings loaded, after every kind of public
#     answer for them was rendered (the whole feed, the page, 200 talk and 200 speaker
#     feeds).
#
#   benches/published.sh [BINARY]   (default ./target/release/convene)
#   env: ROUNDS (20), BIG (10000), LOAD_PORT (3095), DATASET_DIR (the folder holding
#        gen_dataset.py and dataset_to_convene.py; default ../shared/bench)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${1:-./target/release/convene}"
PORT="${LOAD_PORT:-3095}"
ROUNDS="${ROUNDS:-20}"
BIG="${BIG:-10000}"
DATA="${DATASET_DIR:-../shared/bench}"
BASE="http://127.0.0.1:$PORT"
EMAIL=bench@example.org
PASSWORD=published-bench-password
[ -x "$BIN" ] || { echo "no server binary at $BIN" >&2; exit 2; }
[ -f "$DATA/gen_dataset.py" ] || { echo "no gen_dataset.py in $DATA (set DATASET_DIR)" >&2; exit 2; }

WORK="$(mktemp -d -t convene-published.XXXXXX)"
SERVER=
stop() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; SERVER=; }
trap 'stop; rm -rf "$WORK"' EXIT

# serve NAME TALKS SPEAKERS ROOMS DAYS: a fresh SQLite file with that conference.
serve() {
  local name=$1
  python3 "$DATA/gen_dataset.py" --talks "$2" --speakers "$3" --rooms "$4" --days "$5" \
    --seed 20270514 > "$WORK/$name.dataset.json"
  python3 "$DATA/dataset_to_convene.py" "$WORK/$name.dataset.json" -o "$WORK/$name.json" \
    --urls "$WORK/$name.urls.json" >/dev/null
  export DATABASE_URL="sqlite://$WORK/$name.db"
  "$BIN" import "$WORK/$name.json" >/dev/null
  CONVENE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn "$BIN" serve >"$WORK/$name.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 150); do curl -sf -o /dev/null "$BASE/" && break; sleep 0.2; done
}

median_and_max() { sort -n | awk '{a[NR]=$1} END {printf "%.1f ms (worst %.1f ms)", a[int((NR+1)/2)]*1000, a[NR]*1000}'; }

serve conference 400 300 4 3
ORG=/o/tirconf
TALK="$(python3 -c "import json,sys; print(next(iter(json.load(open(sys.argv[1]))['talks'].values()))['page'])" "$WORK/conference.urls.json")"
CONVENE_PASSWORD="$PASSWORD" "$BIN" user create --email "$EMAIL" --name Bench --org tirconf --role organiser >/dev/null
COOKIE="$(curl -s -o /dev/null -D - -H "Origin: $BASE" --data-urlencode "email=$EMAIL" \
  --data-urlencode "password=$PASSWORD" "$BASE/sign-in" | tr -d '\r' | awk -F'[:;] *' 'tolower($1)=="set-cookie" {print $2; exit}')"
[ -n "$COOKIE" ] || { echo "signing in failed" >&2; exit 1; }
AGENDA="/manage/o/tirconf/${TALK##*/}/agenda"
for path in "$ORG/calendar.ics" "$ORG" "$TALK/calendar.ics"; do curl -sf -o /dev/null "$BASE$path"; done
: > "$WORK/feed.times"; : > "$WORK/page.times"; : > "$WORK/talk.times"
for i in $(seq 1 "$ROUNDS"); do
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Origin: $BASE" -b "$COOKIE" \
    --data "action=add&kind=speech&title=Added+in+round+$i&duration=5&public=on" "$BASE$AGENDA")"
  [ "$code" = 303 ] || { echo "the edit answered $code" >&2; exit 1; }
  curl -s -o /dev/null -w '%{time_total}\n' "$BASE$ORG/calendar.ics" >> "$WORK/feed.times"
  curl -s -o /dev/null -w '%{time_total}\n' "$BASE$ORG" >> "$WORK/page.times"
  curl -s -o /dev/null -w '%{time_total}\n' "$BASE$TALK/calendar.ics" >> "$WORK/talk.times"
done
echo "| first answer after an edit ($ROUNDS edits) | median (worst) |"
echo "|---|---|"
echo "| whole-organisation feed, 400 gatherings | $(median_and_max < "$WORK/feed.times") |"
echo "| organisation page, 400 gatherings | $(median_and_max < "$WORK/page.times") |"
echo "| one talk's feed | $(median_and_max < "$WORK/talk.times") |"
echo "| and unchanged, from memory: whole feed | $(for _ in $(seq 1 "$ROUNDS"); do curl -s -o /dev/null -w '%{time_total}\n' "$BASE$ORG/calendar.ics"; done | median_and_max) |"
stop

serve big "$BIG" "$((BIG * 3 / 4))" 20 25
curl -sf -o /dev/null "$BASE$ORG/calendar.ics"
curl -sf -o /dev/null "$BASE$ORG"
curl -sf -o /dev/null -H 'Accept-Encoding: gzip, br' "$BASE$ORG/calendar.ics"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); [print(t['ics']) for t in list(d['talks'].values())[:200]]; [print(s['ics']) for s in list(d['speakers'].values())[:200]]" "$WORK/big.urls.json" |
  while read -r p; do curl -sf -o /dev/null "$BASE$p"; done
echo
echo "server peak memory (VmHWM) with $BIG gatherings loaded and served: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$SERVER/status")"
