-- The mixed load of bench/run.sh for wrk: list and search reads of both sides (police officers of
-- every scope, the big company's portal) and about 10 % writes (new associations as admin, edits of
-- companies as admin), drawn at random by weight for every request.
--
--   MIXED_FILE=requests.tsv wrk -t2 -c32 -d180s --latency -s bench/mixed.lua http://127.0.0.1:PORT
--
-- MIXED_FILE holds one request per line, tab-separated: weight, method, path, Bearer token, body (may be
-- empty). In a body, {{n}} becomes a number unique to the request (new association names) and
-- {{phone}} an 8-digit number (a company's new contact phone).

local entries = {}
local total = 0
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local function split(line)
  local out = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do out[#out + 1] = field end
  return out
end

function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0))
  local f = assert(io.open(os.getenv("MIXED_FILE"), "r"))
  for line in f:lines() do
    local e = split(line)
    if #e >= 4 and tonumber(e[1]) then
      local item = { weight = tonumber(e[1]), method = e[2], path = e[3], token = e[4], body = e[5] or "" }
      item.headers = { ["Authorization"] = "Bearer " .. item.token }
      if item.body ~= "" then item.headers["Content-Type"] = "application/json" end
      if not item.body:find("{{", 1, true) then
        item.raw = wrk.format(item.method, item.path, item.headers, item.body ~= "" and item.body or nil)
      end
      total = total + item.weight
      item.upto = total
      entries[#entries + 1] = item
    end
  end
  f:close()
end

function request()
  local r = math.random(total)
  for _, e in ipairs(entries) do
    if r <= e.upto then
      if e.raw then return e.raw end
      counter = counter + 1
      local n = string.format("%d%06d%04d", tid or 0, counter, math.random(0, 9999))
      local body = e.body:gsub("{{n}}", n):gsub("{{phone}}", string.format("%08d", math.random(0, 99999999)))
      return wrk.format(e.method, e.path, e.headers, body)
    end
  end
end
