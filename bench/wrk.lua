-- One script for every wrk run of the benchmark (bench/wrk.py passes its arguments).
--   pages: GET one path; with a lines file, each request takes the next cookie from it.
--   flow:  each line is "cookie<TAB>path<TAB>form body": GET the form, then POST it (apply and submit).
-- Every thread counts the status codes it sees; done() prints one JSON line for bench/wrk.py.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local function split(line)
  local fields = {}
  for field in string.gmatch(line, "([^\t]*)\t?") do
    if #fields == 3 then break end
    table.insert(fields, field)
  end
  return fields
end

function init(args)
  mode, path, lines_file, thread_count, origin = args[1], args[2], args[3], tonumber(args[4]), args[5]
  statuses = {}
  items = {}
  if lines_file ~= "" then
    local n = 0
    for line in io.lines(lines_file) do
      if n % thread_count == id then table.insert(items, split(line)) end
      n = n + 1
    end
  end
  position, posting = 1, false
end

local function base_headers(cookie)
  local headers = { ["X-Forwarded-Proto"] = "https" }
  if cookie and cookie ~= "" then headers["Cookie"] = cookie end
  return headers
end

function request()
  if #items == 0 then
    return wrk.format("GET", path, base_headers(nil))
  end
  local item = items[position]
  if mode == "pages" then
    position = position % #items + 1
    return wrk.format("GET", path, base_headers(item[1]))
  end
  if not posting then
    posting = true
    return wrk.format("GET", item[2], base_headers(item[1]))
  end
  posting = false
  position = position % #items + 1
  local headers = base_headers(item[1])
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Origin"] = origin
  return wrk.format("POST", item[2], headers, item[3])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"socket_errors": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect + e.read + e.write + e.timeout, table.concat(parts, ", ")))
end
