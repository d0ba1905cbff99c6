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
