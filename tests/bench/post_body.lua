-- wrk script: POSTs the JSON file named after `--` to the URL, as application/json.
-- Every request stores a new recommendation (no Idempotency-Key).
-- Usage: wrk -s tests/bench/post_body.lua URL -- BODY.json
function init(args)
  local file = assert(io.open(args[1], "rb"))
  wrk.method = "POST"
  wrk.body = file:read("*a")
  file:close()
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
end
