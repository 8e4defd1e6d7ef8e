-- wrk script of scripts/bench: makes the requests of one scenario, classifies every response and
-- writes the counts and latencies to BENCH_OUT (key<TAB>value lines) when the run is done.
--
--   BENCH_KIND=login-pressgate   POST /auth/login (log, pwd, redirect_to) with a same-site Origin;
--                                success = 303 with a wordpress_logged_in_ cookie
--   BENCH_KIND=login-wordpress   POST /wp-login.php (log, pwd, wp-submit, redirect_to, testcookie=1)
--                                with WordPress's test cookie; success = 302 with wordpress_logged_in_
--   BENCH_KIND=get               GET the URL wrk was given with BENCH_COOKIE; success = 200
--   BENCH_KIND=purchase          POST the URL wrk was given (/auth/hooks/purchase) with the next
--                                pre-signed event of BENCH_EVENTS (bench/purchase-events.py), each
--                                sent once: thread t of BENCH_THREADS sends lines t, t+T, t+2T, …;
--                                success = 200 with "status":"processed", "duplicate":false and
--                                "created":true (a new member). A thread that runs out of events
--                                sends an unsigned event (answered 401), counted as "exhausted" and
--                                unexpected: the run fails instead of repeating events.
--
-- Logins rotate over the members member<BENCH_MEMBER_FIRST> … member<BENCH_MEMBER_LAST> at random,
-- all with the password BENCH_PASSWORD (letters and digits, so it needs no URL encoding).

local kind = os.getenv("BENCH_KIND")
local out = os.getenv("BENCH_OUT")
local first = tonumber(os.getenv("BENCH_MEMBER_FIRST") or "1")
local last = tonumber(os.getenv("BENCH_MEMBER_LAST") or "1")
local password = os.getenv("BENCH_PASSWORD") or ""
local origin = os.getenv("BENCH_ORIGIN") or ""
local cookie = os.getenv("BENCH_COOKIE") or ""
local events_file = os.getenv("BENCH_EVENTS") or ""
local thread_count = tonumber(os.getenv("BENCH_THREADS") or "1")

local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("thread_number", #threads)
end

local form_type = "application/x-www-form-urlencoded"
local path, headers, tail, want_status, want_cookie, get_request
local events, next_event = {}, 1

-- This thread's share of the pre-signed events: {id, timestamp, signature, body} each.
local function load_events()
    local f = assert(io.open(events_file, "r"), "BENCH_EVENTS: cannot read " .. events_file)
    local n = 0
    for line in f:lines() do
        if n % thread_count == thread_number - 1 then
            local id, timestamp, signature, body = string.match(line, "^([^\t]+)\t([^\t]+)\t([^\t]+)\t(.+)$")
            assert(id, "BENCH_EVENTS: malformed line " .. (n + 1))
            table.insert(events, { id, timestamp, signature, body })
        end
        n = n + 1
    end
    f:close()
end

function init(args)
    math.randomseed(os.time() * 1000 + thread_number)
    ok, unexpected, exhausted, statuses = 0, 0, 0, {}
    if kind == "login-pressgate" then
        path, want_status, want_cookie = "/auth/login", 303, true
        headers = { ["Content-Type"] = form_type, ["Origin"] = origin }
        tail = "&redirect_to=%2Fmembers%2F"
    elseif kind == "login-wordpress" then
        path, want_status, want_cookie = "/wp-login.php", 302, true
        headers = { ["Content-Type"] = form_type, ["Cookie"] = "wordpress_test_cookie=WP%20Cookie%20check" }
        tail = "&wp-submit=Log+In&redirect_to=%2Fmembers%2F&testcookie=1"
    elseif kind == "get" then
        want_status, want_cookie = 200, false
        headers = {}
        if cookie ~= "" then headers["Cookie"] = cookie end
        get_request = wrk.format("GET", nil, headers)
    elseif kind == "purchase" then
        want_status, want_cookie = 200, false
        assert(thread_number <= thread_count, "BENCH_THREADS is smaller than wrk's thread count")
        load_events()
    else
        error("BENCH_KIND must be login-pressgate, login-wordpress, get or purchase")
    end
end

local function purchase_request()
    local event = events[next_event]
    if event == nil then
        exhausted = exhausted + 1
        return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, "{}")
    end
    next_event = next_event + 1
    return wrk.format("POST", nil, {
        ["Content-Type"] = "application/json",
        ["webhook-id"] = event[1],
        ["webhook-timestamp"] = event[2],
        ["webhook-signature"] = event[3],
    }, event[4])
end

-- The hook's answer for a member it has just created (HookHandlers.swift); a duplicate, an
-- existing member or any refusal is something else.
local function is_new_member(body)
    return body ~= nil
        and string.find(body, '"status":"processed"', 1, true) ~= nil
        and string.find(body, '"duplicate":false', 1, true) ~= nil
        and string.find(body, '"created":true', 1, true) ~= nil
end

function request()
    if kind == "get" then
        return get_request
    elseif kind == "purchase" then
        return purchase_request()
    end
    local n = math.random(first, last)
    return wrk.format("POST", path, headers, "log=member" .. n .. "&pwd=" .. password .. tail)
end

-- wrk hands the headers over as a table with one value per name: of repeated headers only the last
-- one. PressGate (AuthCookieIssuer) and WordPress (wp_set_auth_cookie) both send the logged-in cookie
-- last, so that is the one seen here; should that ever change, the run shows as failed, never as fast.
local function has_login_cookie(hdrs)
    for name, value in pairs(hdrs) do
        if string.lower(name) == "set-cookie" and string.find(value, "wordpress_logged_in_", 1, true) then
            return true
        end
    end
    return false
end

function response(status, hdrs, body)
    statuses[status] = (statuses[status] or 0) + 1
    if status == want_status and (not want_cookie or has_login_cookie(hdrs)) and (kind ~= "purchase" or is_new_member(body)) then
        ok = ok + 1
    else
        unexpected = unexpected + 1
    end
end

function done(summary, latency, requests)
    local total_ok, total_unexpected, total_exhausted, by_status = 0, 0, 0, {}
    for _, thread in ipairs(threads) do
        total_ok = total_ok + thread:get("ok")
        total_unexpected = total_unexpected + thread:get("unexpected")
        total_exhausted = total_exhausted + thread:get("exhausted")
        for status, count in pairs(thread:get("statuses")) do
            by_status[status] = (by_status[status] or 0) + count
        end
    end
    local parts = {}
    for status, count in pairs(by_status) do table.insert(parts, status .. ":" .. count) end
    if total_exhausted > 0 then table.insert(parts, "exhausted:" .. total_exhausted) end
    table.sort(parts)
    local e = summary.errors
    local f = assert(io.open(out, "w"))
    f:write(string.format("requests\t%d\n", summary.requests))
    f:write(string.format("duration_us\t%d\n", summary.duration))
    f:write(string.format("ok\t%d\n", total_ok))
    f:write(string.format("unexpected\t%d\n", total_unexpected))
    f:write(string.format("statuses\t%s\n", #parts > 0 and table.concat(parts, ",") or "-"))
    f:write(string.format("socket_errors\t%d\n", e.connect + e.read + e.write + e.timeout))
    f:write(string.format("p50_us\t%d\n", latency:percentile(50)))
    f:write(string.format("p99_us\t%d\n", latency:percentile(99)))
    f:close()
end
