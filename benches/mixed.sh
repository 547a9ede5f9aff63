#!/usr/bin/env bash
# Mixed load on loopback with wrk, against a release build of the server: calendar apps
# polling feeds with If-None-Match, readers of public pages and organisers editing
# agendas, all at the same time for DURATION seconds (three wrk processes, one thread
# each; benches/mixed.lua). Prints one Markdown table row per group, then the server's
# peak memory and CPU time.
#
#   benches/mixed.sh [BINARY]     (default ./target/release/convene)
#
# Without DATABASE_URL the demo is loaded into a fresh SQLite file in a temporary
# folder. With DATABASE_URL=postgres://… that database is emptied first (`convene
# migrate down`) and the demo loaded into it.
#
# Settings: DURATION (60), FEEDS (500), READERS (200), ORGANISERS (20) connections,
# EDIT_SLUGS (gatherings the organisers edit), LOAD_PORT (3096), KEEP_LOG=1 to keep the
# temporary folder with the server's log.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${1:-./target/release/convene}"
PORT="${LOAD_PORT:-3096}"
DURATION="${DURATION:-60}"
FEEDS="${FEEDS:-500}"
READERS="${READERS:-200}"
ORGANISERS="${ORGANISERS:-20}"
EDIT_SLUGS="${EDIT_SLUGS:-great-gathering-2026 tirana-park-2023 vigil-draft}"
BASE="http://127.0.0.1:$PORT"
ORG_SLUG=families-association
ORG="/o/$ORG_SLUG"
EMAIL=load@example.org
PASSWORD=mixed-load-organiser-password

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -x "$BIN" ] || { echo "no server binary at $BIN (make load-mixed builds it)" >&2; exit 2; }
# 720 connections at once, plus the database's files and sockets.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

WORK="$(mktemp -d -t convene-mixed.XXXXXX)"
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  if [ "${KEEP_LOG:-0}" = 1 ]; then echo "server log: $WORK/server.log" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

if [ -n "${DATABASE_URL:-}" ]; then
  backend="${DATABASE_URL%%:*}"
  if [ "$backend" = postgres ] || [ "$backend" = postgresql ]; then
    "$BIN" migrate down >/dev/null
  fi
else
  backend=sqlite
  export DATABASE_URL="sqlite://$WORK/convene.db"
fi

CONVENE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn "$BIN" serve --demo-if-empty >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 150); do curl -sf -o /dev/null "$BASE/" && break; sleep 0.2; done
curl -sf -o /dev/null "$BASE/" || { echo "the server did not start:" >&2; cat "$WORK/server.log" >&2; exit 1; }

# One organiser, signed in once; every edit carries its session cookie.
CONVENE_PASSWORD="$PASSWORD" "$BIN" user create --email "$EMAIL" --name Load \
  --org "$ORG_SLUG" --role organiser >/dev/null
signin="$(curl -s -o /dev/null -D - -H "Origin: $BASE" --data-urlencode "email=$EMAIL" \
  --data-urlencode "password=$PASSWORD" "$BASE/sign-in" | tr -d '\r')"
COOKIE="$(awk -F'[:;] *' 'tolower($1)=="set-cookie" {print $2; exit}' <<<"$signin")"
[ -n "$COOKIE" ] || { echo "signing in failed:" >&2; echo "$signin" >&2; exit 1; }

# What the readers read: the organisation page, every gathering and venue it links to,
# and every person those gathering pages link to.
links() { curl -sf "$BASE$1" | grep -o "href=\"$ORG/[^\"?#]*\"" | cut -d'"' -f2 | sort -u; }
org_links="$(links "$ORG")"
gatherings="$(grep -v -e '/venues/' -e '/people/' -e '\.ics$' <<<"$org_links" || true)"
venues="$(grep '/venues/[0-9]*$' <<<"$org_links" || true)"
people="$(for g in $gatherings; do links "$g"; done | grep '/people/[0-9]*$' | sort -u || true)"
PAGES=("$ORG" $gatherings $venues $people)

# What the calendar apps poll: the organisation's feed, every gathering's and every
# venue's, each with the ETag it has now. (A person's feed is named like the
# organisation's, so a 200 for it could not be told apart from one for the organisation
# in mixed.lua; it is built by the same code as the organisation's feed.)
FEED_ARGS=()
declare -A seen_names=()
for path in "$ORG/calendar.ics" $(for p in $gatherings $venues; do echo "$p/calendar.ics"; done); do
  answer="$(curl -sf -D - "$BASE$path" | tr -d '\r')" || continue
  tag="$(awk -F': ' 'tolower($1)=="etag" {print $2; exit}' <<<"$answer")"
  name="$(sed -n 's/^X-WR-CALNAME://p' <<<"$answer" | head -n1)"
  [ -n "$tag" ] && [ -n "$name" ] && [ -z "${seen_names[$name]:-}" ] || continue
  seen_names[$name]=1
  FEED_ARGS+=("$path" "$tag" "$name")
done

# One edit by hand first: an added segment answers 303 to the agenda, and so does its
# deletion.
edit() {
  curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H "Origin: $BASE" -H "Cookie: $COOKIE" \
    -H 'Content-Type: application/x-www-form-urlencoded' --data "$2" "$BASE/manage$ORG/$1/agenda"
}
for slug in $EDIT_SLUGS; do
  added="$(edit "$slug" 'action=add&kind=speech&title=Load+check&duration=5')"
  id="${added##*#segment-}"
  case "$added" in 303\ *\#segment-[0-9]*) ;; *) echo "adding to $slug answered: $added" >&2; exit 1 ;; esac
  deleted="$(edit "$slug" "action=delete&segment=$id")"
  [ "${deleted%% *}" = 303 ] || { echo "deleting from $slug answered: $deleted" >&2; exit 1; }
done

echo "$backend: ${#PAGES[@]} pages, $(( ${#FEED_ARGS[@]} / 3 )) feeds, organisers editing: $EDIT_SLUGS; ${DURATION} s" >&2

ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
# Busy and all ticks of the whole machine (server, database, wrk).
# Steal is time the virtual machine's host gave to someone else.
machine() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $9}' /proc/stat; }
cpu_before="$(ticks)"
read -r busy_before all_before steal_before < <(machine)
wrk_run() {
  local name="$1" connections="$2"
  shift 2
  wrk -t1 -c"$connections" -d"${DURATION}s" --timeout 10s --latency -s benches/mixed.lua \
    "$BASE/" -- "$@" >"$WORK/$name.out" 2>&1
}
wrk_run feeds "$FEEDS" feeds "${FEED_ARGS[@]}" &
w1=$!
wrk_run pages "$READERS" pages "${PAGES[@]}" &
w2=$!
wrk_run edits "$ORGANISERS" edits "$BASE" "$COOKIE" "$ORG_SLUG" $EDIT_SLUGS &
w3=$!
status=0
wait $w1 || status=$?
wait $w2 || status=$?
wait $w3 || status=$?
cpu_after="$(ticks)"
read -r busy_after all_after steal_after < <(machine)
for group in feeds pages edits; do
  grep -q '^RESULT' "$WORK/$group.out" || status=1
done
if [ $status -ne 0 ]; then
  echo "wrk failed:" >&2
  cat "$WORK"/*.out >&2
  exit 1
fi

# `RESULT requests=… rps=… p50=… p99=… max=… socket=… status=… refused=… n200=… …`
field() { sed -n "s/^RESULT.* $2=\([^ ]*\).*/\1/p" "$WORK/$1.out"; }
number() { local v; v="$(field "$1" "$2")"; echo "${v:-0}"; }
share() { awk -v a="${1:-0}" -v t="$2" 'BEGIN { printf "%.1f %%", t ? 100 * a / t : 0 }'; }
# Answers other than those expected, e.g. ", 500: 12".
others() {
  sed -n 's/^RESULT//p' "$WORK/$1.out" | tr ' ' '\n' | sed -n 's/^n\([0-9]*\)=/\1: /p' |
    grep -v -E "^($2): " | sed 's/^/, /' | tr -d '\n'
}
row() {
  local name="$1" group="$2" connections="$3" notes="$4"
  local errors=$(( $(field "$group" socket) + $(field "$group" status) + $(field "$group" refused) ))
  printf '| %s | %s | %s | %s | %s ms | %s ms | %s ms | %s | %s |\n' "$name" "$connections" \
    "$(field "$group" requests)" "$(field "$group" rps)" "$(field "$group" p50)" \
    "$(field "$group" p99)" "$(field "$group" max)" "$errors" "$notes"
}
feed_total="$(field feeds requests)"
echo "| group | connections | requests | requests/s | p50 | p99 | max | errors | answers |"
echo "|---|---|---|---|---|---|---|---|---|"
row "feed subscribers (If-None-Match)" feeds "$FEEDS" \
  "304: $(share "$(field feeds n304)" "$feed_total"), 200: $(share "$(field feeds n200)" "$feed_total")$(others feeds '200|304')"
row "page readers" pages "$READERS" "$(( ${#PAGES[@]} )) pages in turn"
row "organisers editing agendas" edits "$ORGANISERS" \
  "$(number edits nadded) added, $(number edits ndeleted) deleted (303)$(others edits 303)$(
    stale="$(field edits nstale)"; [ -z "$stale" ] || echo ", of which refused as stale: $stale")"
echo
echo "Server peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.1f MB", $2 / 1024}' "/proc/$SERVER/status")"
echo "Server CPU time: $(awk -v t=$(( cpu_after - cpu_before )) -v hz="$(getconf CLK_TCK)" -v d="$DURATION" \
  'BEGIN { printf "%.1f s in %d s (%.2f cores)", t / hz, d, t / hz / d }')"
echo "Machine busy: $(awk -v b=$(( busy_after - busy_before )) -v a=$(( all_after - all_before )) \
  -v s=$(( steal_after - steal_before )) -v n="$(nproc)" \
  'BEGIN { printf "%.0f %% of %d cores (steal %.1f %%)", 100 * b / a, n, 100 * s / a }')"
unmatched="$(field feeds nunmatched)"
[ -z "$unmatched" ] || echo "Feed answers (200) whose feed was not recognised: $unmatched"
problems="$(grep -c -E 'WARN|ERROR' "$WORK/server.log" || true)"
echo "Server log lines at WARN or ERROR: $problems"
[ "$problems" = 0 ] || sed 's/\x1b\[[0-9;]*m//g' "$WORK/server.log" | grep -E 'WARN|ERROR' | sed -E 's/^[^ ]+ +//; s/latency=[0-9]+ ms/latency=… ms/' | sort | uniq -c | sort -rn | head -n 10
