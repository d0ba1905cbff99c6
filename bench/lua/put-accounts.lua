-- PUT a new name on a random demo account: the XA dual-write path. BENCH_AUTH (an Authorization header
-- value) is sent when set.
local auth = os.getenv("BENCH_AUTH")
local counter = 0
request = function()
  counter = counter + 1
  local headers = { ["Content-Type"] = "application/json" }
  if auth and auth ~= "" then headers["Authorization"] = auth end
  return wrk.format("PUT", "/api/accounts/" .. math.random(1001, 1100), headers,
    '{"name":"BENCH ' .. counter .. '"}')
end
-- BENCH_PUT_LIMIT (optional): each wrk thread stops after this many answers, for a backlog of a known size (wrk's
-- own limit is a duration; a rate measured under other load would miss the count by twice). The requests other
-- connections of the thread already sent are still carried out: a few more than the limit.
local limit = tonumber(os.getenv("BENCH_PUT_LIMIT") or "")
if limit then
  local answered = 0
  response = function()
    answered = answered + 1
    if answered >= limit then wrk.thread:stop() end
  end
end
