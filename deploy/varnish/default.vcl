# Varnish in front of the Safer Internet Day platform (Varnish 6.0 or later; Debian's
# `varnish` package). The application decides what may be cached (sid/httpcache.py): this
# file honours its Cache-Control, keeps personal requests away from the cache, and accepts
# PURGE only from the application's hosts (sid/purging.py, SID_PURGE_VARNISH_URL).
#
# Start:  varnishd -a :6081 -f /path/to/deploy/varnish/default.vcl -s malloc,512m
# The backend is set below; an environment can also override it with -p/-b at start.
vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Who may purge: the application servers. Add their addresses in production.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # A purge of a path covers every query string of it (a library with filters, a
        # calendar for one country): ban the objects stored for that host and path.
        if (!std.ban({"obj.http.x-sid-host == "} + req.http.host + {" && obj.http.x-sid-path == "} + regsub(req.url, "\?.*$", ""))) {
            return (synth(400, std.ban_error()));
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Never from the cache: the admin and whatever needs a session.
    if (req.url ~ "^/admin(/|$)" || req.url ~ "^/documents/") {
        return (pass);
    }
    # A personal cookie (the session of an editor or of an unlocked page, flash messages):
    # the answer may be personal. Keep this list in step with SID_CACHE_PERSONAL_COOKIES.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies (the remembered help country, the language, the CSRF token) are passed
    # to the application unchanged: pages that read them answer "private" and are not
    # kept; every other page is the same with or without them, so the cookie does not
    # stop a lookup (Varnish's built-in rules would pass any request with a cookie).
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    return (lookup);
}

sub vcl_backend_response {
    # Remember host and path on the object for PURGE's ban (a lurker-friendly ban).
    set beresp.http.x-sid-host = bereq.http.host;
    set beresp.http.x-sid-path = regsub(bereq.url, "\?.*$", "");
    # Whatever the application did not mark public is not kept (a form, a private page).
    if (beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # A response that sets a cookie is never shared, even by mistake.
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # s-maxage gives the TTL and stale-while-revalidate the grace (Varnish reads both);
    # stale-if-error: keep objects long enough to serve them while the application is down.
    if (beresp.http.Cache-Control ~ "stale-if-error=\d+") {
        set beresp.keep = std.duration(regsub(beresp.http.Cache-Control, ".*stale-if-error=(\d+).*", "\1s"), 0s);
    }
    return (deliver);
}

sub vcl_backend_error {
    # The application is down and nothing stale is left: say so briefly (no HTML from here).
    set beresp.http.Cache-Control = "no-store";
}

sub vcl_deliver {
    # Internal markers stay inside.
    unset resp.http.x-sid-host;
    unset resp.http.x-sid-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
