#!/usr/bin/env bash
# The conference programme, side by side with pretalx, in one run on this machine.
#
# pretalx (set up and seeded once with the shared benchmark kit's peers/pretalx/setup.sh:
# the 400-talk conference of gen_dataset.py) exports its schedule as frab XML; convene
# imports that very file with `convene import-schedule` (one conference: 4 rooms as
# lanes, 400 sessions, 300 speakers) and both serve it on loopback. wrk (2 threads,
# CONN connections, SECS seconds) measures each pair of equivalent URLs one after the
# other, cycling through 50 talks and 50 speakers for the one-talk and one-speaker feeds;
# then convene's conditional GET. Prints a Markdown table with the ratio of each pair.
#
#   benches/programme_side_by_side.sh [BINARY]   (default ./target/release/convene)
#   env: PEER_DIR (pretalx's folder, default /tmp/peers/pretalx), SECS (10), CONN (4)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(realpath "${1:-./target/release/convene}")"
PEER="${PEER_DIR:-/tmp/peers/pretalx}"
SECS="${SECS:-10}"
CONN="${CONN:-4}"
P=8345
C=8347
[ -x "$BIN" ] || { echo "no server binary at $BIN" >&2; exit 2; }
[ -x "$PEER/venv/bin/gunicorn" ] || { echo "set up pretalx first (peers/pretalx/setup.sh of the benchmark kit)" >&2; exit 2; }
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
WORK="$(mktemp -d -t convene-programme.XXXXXX)"
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

export PRETALX_CONFIG_FILE="$PEER/pretalx.cfg" PYTHONDONTWRITEBYTECODE=1
(cd "$PEER" && exec "$PEER/venv/bin/gunicorn" pretalx.wsgi --workers 2 --bind 127.0.0.1:$P \
  --no-control-socket --log-level warning) > "$WORK/pretalx.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$P/tirconf/schedule.xml" && break; sleep 1; done
curl -sf -o "$WORK/schedule.xml" "http://127.0.0.1:$P/tirconf/schedule.xml"
curl -sf -o "$WORK/schedule.json" "http://127.0.0.1:$P/tirconf/schedule.json"

export DATABASE_URL="sqlite://$WORK/convene.db?mode=rwc"
"$BIN" import-schedule --org tirconf-org --org-name "TirConf Organisers" "$WORK/schedule.xml" > "$WORK/import.txt"
PROGRAMME="$(grep -o '/o/[^ ]*/programme' "$WORK/import.txt")"
BASE="${PROGRAMME%/programme}"
CONVENE_ADDR=127.0.0.1:$C RUST_LOG=warn "$BIN" serve > "$WORK/convene.log" 2>&1 &
PIDS+=($!)
CPID=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$C$PROGRAMME" && break; sleep 0.2; done

# The same 50 talks and 50 speakers on both sides: pretalx by its codes, convene by the
# talk's GUID (kept by the import) and the speaker's person id (by name).
python3 - "$WORK" "$BASE" <<'PY'
import json, sqlite3, sys
work, base = sys.argv[1], sys.argv[2]
org = base.split("/")[2]
days = json.load(open(f"{work}/schedule.json"))["schedule"]["conference"]["days"]
events = [e for d in days for room in d["rooms"].values() for e in room]
events.sort(key=lambda e: e["date"])
db = sqlite3.connect(f"{work}/convene.db")
person = {name: pid for pid, name in db.execute("SELECT id, name FROM person")}
talks = events[::8][:50]
speakers, seen = [], set()
for e in events[::3]:
    for p in e["persons"]:
        if p["code"] not in seen and len(speakers) < 50:
            seen.add(p["code"]); speakers.append(p)
pairs = {
    "programme-ics": (["/tirconf/schedule.ics"], [f"{base}/programme.ics"]),
    "programme-page": (["/tirconf/schedule/nojs"], [f"{base}/programme"]),
    "talk-ics": ([f"/tirconf/talk/{e['code']}.ics" for e in talks],
                 [f"{base}/sessions/{e['guid']}/calendar.ics" for e in talks]),
    "speaker-ics": ([f"/tirconf/speaker/{p['code']}/talks.ics" for p in speakers],
                    [f"/o/{org}/people/{person[p['name']]}/calendar.ics" for p in speakers]),
    "frab-xml": (["/tirconf/schedule.xml"], [f"{base}/schedule.xml"]),
}
for name, (pretalx, convene) in pairs.items():
    open(f"{work}/{name}.pretalx", "w").write("\n".join(pretalx) + "\n")
    open(f"{work}/{name}.convene", "w").write("\n".join(convene) + "\n")
PY

cat > "$WORK/rotate.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("PATHS")) do if #line > 0 then paths[#paths + 1] = line end end
local i = 0
local tag = os.getenv("IF_NONE_MATCH")
request = function()
  i = i % #paths + 1
  local h = { ["Accept"] = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8" }
  if tag and #tag > 0 then h["If-None-Match"] = tag end
  return wrk.format("GET", paths[i], h)
end
LUA
# wrkrun PORT PATHS [ETAG] [CONNECTIONS] -> "requests/s p50 p99"
wrkrun() {
  PATHS=$2 IF_NONE_MATCH=${3:-} wrk -t2 -c"${4:-$CONN}" -d"${SECS}s" --timeout 30s --latency \
    -s "$WORK/rotate.lua" "http://127.0.0.1:$1" 2>&1 |
    awk '/Requests\/sec/ {r=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%s %s %s\n", r, p50, p99}'
}
# Warm both: pretalx caches nothing that matters here; convene renders each answer once.
for f in "$WORK"/*.convene; do while read -r u; do curl -s -o /dev/null "http://127.0.0.1:$C$u"; done < "$f"; done

echo "| what | pretalx requests/s (p50 / p99) | convene requests/s (p50 / p99) | convene ÷ pretalx |"
echo "|---|---:|---:|---:|"
for name in programme-ics programme-page talk-ics speaker-ics frab-xml; do
  read -r pr pp50 pp99 <<<"$(wrkrun $P "$WORK/$name.pretalx")"
  read -r cr cp50 cp99 <<<"$(wrkrun $C "$WORK/$name.convene")"
  ratio=$(python3 -c "print(f'{float(\"$cr\")/float(\"$pr\"):,.0f}×')" 2>/dev/null || echo "?")
  echo "| $name | $pr ($pp50 / $pp99) | $cr ($cp50 / $cp99) | $ratio |"
done
TAG=$(curl -sI "http://127.0.0.1:$C$BASE/programme.ics" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
echo "$BASE/programme.ics" > "$WORK/etag.paths"
read -r er ep50 ep99 <<<"$(wrkrun $C "$WORK/etag.paths" "$TAG")"
echo "| programme-ics, If-None-Match (304), $CONN connections | never answers 304 | $er ($ep50 / $ep99) | |"
read -r er ep50 ep99 <<<"$(wrkrun $C "$WORK/etag.paths" "$TAG" 100)"
echo "| programme-ics, If-None-Match (304), 100 connections | | $er ($ep50 / $ep99) | |"
page_gz=$(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$C$PROGRAMME" | wc -c)
page_br=$(curl -s -H 'Accept-Encoding: br' "http://127.0.0.1:$C$PROGRAMME" | wc -c)
page_raw=$(curl -s "http://127.0.0.1:$C$PROGRAMME" | wc -c)
pretalx_gz=$(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$P/tirconf/schedule/nojs" | wc -c)
echo
echo "programme page: convene $page_raw bytes ($page_gz gzip, $page_br brotli); pretalx /schedule/nojs $pretalx_gz bytes as sent for gzip"
echo "convene peak memory (VmHWM): $(awk '/VmHWM/ {print $2, $3}' /proc/$CPID/status)"
