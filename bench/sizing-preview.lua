-- wrk script: POST /api/sizing/preview with a bearer token (env CLAUSES_TOKEN) and a realistic body
-- that varies the amount so no layer can answer from a cache.
local token = os.getenv("CLAUSES_TOKEN")
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

request = function()
  counter = counter + 1
  local amount = 100000 + (counter % 5000) * 1000
  local body = string.format(
    '{"amountHt":%d,"labourShare":0.5,"labourShareSource":"table_sourcee","insertionRate":0.05,"hourlyCost":30,' ..
    '"sizingMode":"heures_fixes","roundingMode":"demi_superieur","preset":null,' ..
    '"allowedModalities":["embauche_directe","interim_etti","sous_traitance_siae"]}', amount)
  return wrk.format(nil, nil, nil, body)
end
