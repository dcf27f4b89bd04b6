vcl 4.1;
# Varnish in front of Outlook (Debian: apt-get install varnish varnish-modules).
#
# Varnish stores only what the app vouches for: an anonymous GET answered 200 with its keys
# (xkey header), public, no cookie, and a shared lifetime (s-maxage) that the app never lets
# run past a scheduled go-live. The app purges by key after each change (PURGE_BACKEND=varnish,
# PURGE_URLS=http://<this host>:6081) and everything on each release
# (manage.py purge_shared_caches). See the README's "Shared caches" section.

import xkey;

backend app {
    # gunicorn (GUNICORN_BIND); one line per app server behind a director for more.
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    # Just past gunicorn's own 30 s timeout, so gunicorn reports a stuck request first.
    .first_byte_timeout = 35s;
}

# Only the app servers may purge: add their addresses here.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from this address."));
        }
        if (req.http.xkey-purge) {
            # Hard purge: a purged page is gone, never served stale (not even in grace).
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.X-Purged + " objects."));
        }
        # PURGE <path> (PURGE_BACKEND=http): the page at that address, every variant.
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        # POSTs (forms) and anything else go to the app and are never stored.
        return (pass);
    }
    # Staff tools, the editor's endpoints, previews and probes never come from the cache.
    if (req.url ~ "^/(admin|markdownx|preview)/" || req.url ~ "^/(healthz|readyz)") {
        return (pass);
    }
    # A signed-in user (staff) may see drafts: their pages are theirs alone.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Tracking parameters name no different page (the app's page cache drops the same ones:
    # outlook/reading/params.py), so every shared link lands on one stored copy.
    set req.url = regsuball(req.url, "(?<=[?&])(utm_\w+|fbclid|gclid|gbraid|wbraid|dclid|msclkid|twclid|igshid|yclid|mc_cid|mc_eid|_hsenc|_hsmi)(=[^&]*)?(&|$)", "");
    set req.url = regsub(req.url, "[?&]+$", "");
    # Public pages read no cookie; without this each visitor's analytics cookie would split
    # the cache (and the builtin logic would pass every request carrying one).
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.status != 200
        || !beresp.http.xkey
        || beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "s-maxage=[1-9]") {
        # Not vouched for: fetch it from the app each time. Hit-for-miss (not pass), so the
        # address is stored as soon as the app answers with a public page.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The lifetime is the app's s-maxage. Grace (serving the old copy while fetching the new)
    # only when the app allows it with stale-while-revalidate: it never does when a go-live
    # falls inside the lifetime, and purges remove pages outright.
    if (beresp.http.Cache-Control !~ "stale-while-revalidate") {
        set beresp.grace = 0s;
    }
    set beresp.keep = 0s;
    return (deliver);
}

sub vcl_deliver {
    # The keys are for caches only, and a stored request id belongs to another request.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    if (obj.hits > 0) {
        unset resp.http.X-Request-ID;
        set resp.http.X-Shared-Cache = "hit";
    } else {
        set resp.http.X-Shared-Cache = "miss";
    }
}
