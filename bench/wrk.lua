-- wrk script for the benchmark: optional bearer token, method and body from the environment,
-- a unique code per created record, and a JSON summary line at the end.
--   BENCH_TOKEN   bearer token (empty: anonymous)
--   BENCH_METHOD  GET (default) or POST
--   BENCH_BODY    request body; "%CODE%" is replaced by a code unique to each request
--   BENCH_CTYPE   content type of the body
--   BENCH_IF_NONE_MATCH  an ETag to send as If-None-Match (conditional reads)
local token = os.getenv("BENCH_TOKEN") or ""
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local ctype = os.getenv("BENCH_CTYPE") or "application/json"
local inm = os.getenv("BENCH_IF_NONE_MATCH") or ""

local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = method
  if token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
  if body then
    wrk.headers["Content-Type"] = ctype
  end
  if inm ~= "" then
    wrk.headers["If-None-Match"] = inm
  end
  run_tag = string.format("%x", os.time() % 1048576)
end

function request()
  if body and string.find(body, "%CODE%", 1, true) then
    counter = counter + 1
    local code = string.format("B%s-%d-%d", run_tag, tid, counter)
    local b = string.gsub(body, "%%CODE%%", code)
    return wrk.format(nil, nil, nil, b)
  end
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, ' ..
    '"errors_connect": %d, "errors_read": %d, "errors_write": %d, "errors_status": %d, ' ..
    '"errors_timeout": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
