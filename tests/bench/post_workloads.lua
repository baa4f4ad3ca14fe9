-- wrk script: POSTs the workloads of a JSON Lines file (one request body per line) to the
-- URL in turn, as application/json. Every request stores a new recommendation (no
-- Idempotency-Key). Each wrk thread starts at a different line. Used by
-- scripts/bench-store-api.
-- Usage: wrk -s tests/bench/post_workloads.lua URL -- WORKLOADS.jsonl
local requests = {}
local next_index = 1
local threads_set_up = 0

-- Runs in the main state once per thread: numbers the threads (global `id` in each).
function setup(thread)
  thread:set("id", threads_set_up)
  threads_set_up = threads_set_up + 1
end

function init(args)
  local file = assert(io.open(args[1], "rb"))
  local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
  for line in file:lines() do
    if line ~= "" then
      requests[#requests + 1] = wrk.format("POST", nil, headers, line)
    end
  end
  file:close()
  assert(#requests > 0, "no workloads in " .. args[1])
  next_index = (id or 0) % #requests + 1
end

function request()
  local pending = requests[next_index]
  next_index = next_index % #requests + 1
  return pending
end
