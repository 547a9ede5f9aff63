-- wrk script for benches/mixed.sh: one group of clients per wrk process.
--
--   wrk ... -s benches/mixed.lua URL -- feeds PATH ETAG NAME [PATH ETAG NAME ...]
--       calendar apps polling with If-None-Match, rotating over the feeds; a 200 carries
--       the feed's new ETag, which the next polls of that feed send (the feed is known by
--       its X-WR-CALNAME, NAME), as a calendar app would.
--   wrk ... -s benches/mixed.lua URL -- pages PATH [PATH ...]
--       readers of public pages, rotating over the paths.
--   wrk ... -s benches/mixed.lua URL -- edits ORIGIN COOKIE ORG SLUG [SLUG ...]
--       organisers editing agendas: adds a segment to each gathering in turn, and deletes
--       every segment it added with its next request, so agendas do not grow. No
--       `version` field is sent, so no edit can be refused as stale.
--
-- done() prints one line, `RESULT key=value ...`, that mixed.sh turns into a table row.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- Per thread, read back in done(): responses by status and by what they were.
counts = {}

local function count(key)
  counts[key] = (counts[key] or 0) + 1
end

local n = 0

-- Feeds --------------------------------------------------------------------------------

local feeds, by_name = {}, {}

local function set_etag(f, etag)
  f.etag = etag
  f.req = wrk.format("GET", f.path, { ["If-None-Match"] = etag })
end

local function feed_request()
  n = n + 1
  return feeds[n % #feeds + 1].req
end

local function feed_response(status, headers, body)
  count(status)
  if status == 200 then
    local name = body:match("X%-WR%-CALNAME:([^\r\n]*)")
    local f = name and by_name[name]
    local etag = headers["etag"] or headers["ETag"]
    if f and etag then
      set_etag(f, etag)
    else
      count("unmatched")
    end
  end
end

-- Pages --------------------------------------------------------------------------------

local pages = {}

local function page_request()
  n = n + 1
  return pages[n % #pages + 1]
end

-- Edits --------------------------------------------------------------------------------

local origin, cookie, org
local slugs, added = {}, {}

local function post(slug, body)
  return wrk.format("POST", "/manage/o/" .. org .. "/" .. slug .. "/agenda", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Origin"] = origin,
    ["Cookie"] = cookie,
  }, body)
end

local function edit_request()
  local s = table.remove(added)
  if s then
    return post(s.slug, "action=delete&segment=" .. s.id)
  end
  n = n + 1
  return post(slugs[n % #slugs + 1], "action=add&kind=speech&title=Load+" .. n .. "&duration=5")
end

local function edit_response(status, headers, body)
  count(status)
  if status ~= 303 then
    -- The refusal a person gets when the gathering changed under their page.
    if body:find("Someone else changed this gathering", 1, true) then
      count("stale")
    end
    return
  end
  local location = headers["location"] or headers["Location"] or ""
  local slug, id = location:match("/manage/o/[^/]+/([^/]+)/agenda#segment%-(%d+)$")
  if id then
    count("added")
    table.insert(added, { slug = slug, id = id })
  else
    count("deleted")
  end
end

-- Running ------------------------------------------------------------------------------

function init(args)
  mode = args[1]
  if mode == "feeds" then
    for i = 2, #args, 3 do
      local f = { path = args[i], name = args[i + 2] }
      set_etag(f, args[i + 1])
      table.insert(feeds, f)
      by_name[f.name] = f
    end
    request, response = feed_request, feed_response
  elseif mode == "pages" then
    for i = 2, #args do
      table.insert(pages, wrk.format("GET", args[i]))
    end
    request, response = page_request, nil
  elseif mode == "edits" then
    origin, cookie, org = args[2], args[3], args[4]
    for i = 5, #args do
      table.insert(slugs, args[i])
    end
    request, response = edit_request, edit_response
  else
    error("mode must be feeds, pages or edits")
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("counts") or {}) do
      k = tostring(k)
      total[k] = (total[k] or 0) + v
    end
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  -- An edit is only done when it answers 303; anything else is an error too.
  local refused = 0
  if threads[1] and threads[1]:get("mode") == "edits" then
    for k, v in pairs(total) do
      if k:match("^%d+$") and k ~= "303" and tonumber(k) < 400 then
        refused = refused + v
      end
    end
  end
  local parts = {
    "RESULT",
    string.format("requests=%d", summary.requests),
    string.format("rps=%.1f", summary.requests / (summary.duration / 1e6)),
    string.format("p50=%.1f", latency:percentile(50) / 1000),
    string.format("p99=%.1f", latency:percentile(99) / 1000),
    string.format("max=%.1f", latency.max / 1000),
    string.format("socket=%d", socket),
    string.format("status=%d", e.status),
    string.format("refused=%d", refused),
    string.format("timeouts=%d", e.timeout),
  }
  local keys = {}
  for k in pairs(total) do
    table.insert(keys, k)
  end
  table.sort(keys)
  for _, k in ipairs(keys) do
    table.insert(parts, string.format("n%s=%d", k, total[k]))
  end
  io.write(table.concat(parts, " "), "\n")
end
