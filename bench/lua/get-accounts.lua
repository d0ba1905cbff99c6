-- GET a random demo account (all of them cached before the run): the cache-hit path.
request = function()
  return wrk.format("GET", "/api/accounts/" .. math.random(1001, 1100))
end
