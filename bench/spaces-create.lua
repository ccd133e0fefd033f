-- wrk: each request books, for the space's member, a slot no other request asks for (half an hour at the full hour,
-- 14:00-19:00 Helsinki, of the next year, over the spaces in SPACE_IDS with the members in MEMBER_IDS), so every
-- answer should be 201 (the space's 15-minute buffer keeps one hour's booking clear of the next). Thread t of n takes
-- requests t, t+n, t+2n, ... A status other than 2xx counts as an error in the summary line.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  spaces, members = {}, {}
  for id in string.gmatch(os.getenv("SPACE_IDS"), "[^,]+") do table.insert(spaces, id) end
  for id in string.gmatch(os.getenv("MEMBER_IDS"), "[^,]+") do table.insert(members, id) end
  token = os.getenv("TOKEN")
  base_day = tonumber(os.getenv("BASE_DAY"))   -- unix seconds of today's Helsinki midnight
  offset = tonumber(os.getenv("UTC_OFFSET"))   -- Helsinki's offset in seconds (a year's run ignores the DST change)
  nthreads = tonumber(os.getenv("THREADS"))
end

function request()
  local k = id + counter * nthreads
  counter = counter + 1
  local index = (k % #spaces) + 1
  local space, member = spaces[index], members[index]
  local rest = math.floor(k / #spaces)
  local day = 1 + rest % 365
  local slot = math.floor(rest / 365) % 6
  local start = base_day + day * 86400 + (14 + slot) * 3600 - offset
  local body = string.format('{"spaceId":"%s","memberId":"%s","startsAt":"%s","endsAt":"%s","purpose":"Penkki","attendees":5}',
    space, member, os.date("!%Y-%m-%dT%H:%M:%SZ", start), os.date("!%Y-%m-%dT%H:%M:%SZ", start + 1800))
  return wrk.format("POST", "/api/v1/bookings", { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  io.write(string.format("create: %d requests, %.1f s, %.0f req/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
