-- wrk script for .ci/loadtest: cycles through the paths of one endpoint group and counts the
-- responses by class. The paths come space-separated in LOADTEST_PATHS; the result is one line
-- starting with "WPMLOAD", which .ci/loadtest turns into a row of its table.
--
--   LOADTEST_PATHS="/en/ /de/" wrk -t2 -c8 -d15s --latency -s .ci/loadtest.lua http://127.0.0.1:8765

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   paths = {}
   for path in string.gmatch(os.getenv("LOADTEST_PATHS") or "", "%S+") do
      table.insert(paths, path)
   end
   if #paths == 0 then
      error("LOADTEST_PATHS names no path")
   end
   -- Each thread starts at its own place in the list, so every path is requested from the start.
   index = wrk.thread:get("id") or 0
   -- A signed-in page (the focal points' matching page) comes with its session cookie.
   headers = {}
   local cookie = os.getenv("LOADTEST_COOKIE")
   if cookie and cookie ~= "" then
      headers["Cookie"] = cookie
   end
   ok, redirects, client_errors, server_errors, other = 0, 0, 0, 0, 0
end

function request()
   index = index % #paths + 1
   return wrk.format("GET", paths[index], headers)
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      ok = ok + 1
   elseif status >= 300 and status < 400 then
      redirects = redirects + 1
   elseif status >= 400 and status < 500 then
      client_errors = client_errors + 1
   elseif status >= 500 then
      server_errors = server_errors + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local totals = { ok = 0, redirects = 0, client_errors = 0, server_errors = 0, other = 0 }
   for _, thread in ipairs(threads) do
      for name, _ in pairs(totals) do
         totals[name] = totals[name] + (thread:get(name) or 0)
      end
   end
   local errors = summary.errors
   io.write(string.format(
      "WPMLOAD requests=%d duration_us=%d ok=%d redirects=%d client_errors=%d server_errors=%d"
         .. " other=%d connect=%d read=%d write=%d timeout=%d status=%d"
         .. " p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
      summary.requests, summary.duration,
      totals.ok, totals.redirects, totals.client_errors, totals.server_errors, totals.other,
      errors.connect, errors.read, errors.write, errors.timeout, errors.status,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max
   ))
end
