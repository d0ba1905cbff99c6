package io.midtier.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a request may change something, judged from what a browser says about where it came from. Browsers send
 * the credentials they remember for a site (HTTP Basic included) with a form another site submits to it, so a
 * state-changing request that a browser marks as coming from elsewhere is refused (CSRF). A request without those
 * headers (curl, other services) did not come from a browser page and goes on to the normal checks.
 */
public final class CrossSiteRequests {

    /** What to do with a request. */
    public enum Verdict {
        /** A read: it changes nothing, whoever sent it. */
        READ,
        /** The browser says it came from a page of this origin (or was typed by the user). */
        SAME_ORIGIN,
        /** No browser provenance headers: not sent by a web page. */
        NOT_FROM_A_BROWSER,
        /** Sent by a page of another origin: refused. */
        CROSS_SITE
    }

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private CrossSiteRequests() {
    }

    /**
     * @param method the HTTP method
     * @param secFetchSite the {@code Sec-Fetch-Site} header, or null
     * @param origin the {@code Origin} header, or null
     * @param host the {@code Host} header the request was sent to, or null
     */
    public static Verdict judge(String method, String secFetchSite, String origin, String host) {
        if (method == null || READ_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return Verdict.READ;
        }
        // Sec-Fetch-Site is set by the browser and cannot be forged by a page; "none" = the user's own navigation
        if (secFetchSite != null) {
            String site = secFetchSite.trim().toLowerCase(Locale.ROOT);
            return site.equals("same-origin") || site.equals("none") ? Verdict.SAME_ORIGIN : Verdict.CROSS_SITE;
        }
        // older browsers: Origin alone, compared with the host the request went to (behind a proxy that rewrites
        // Host, the proxy must pass the original one, as it must for the page's relative links anyway)
        if (origin != null) {
            return sameHost(origin, host) ? Verdict.SAME_ORIGIN : Verdict.CROSS_SITE;
        }
        return Verdict.NOT_FROM_A_BROWSER;
    }

    private static boolean sameHost(String origin, String host) {
        if (host == null || origin.isBlank() || origin.trim().equals("null")) {
            return false;
        }
        try {
            URI uri = new URI(origin.trim());
            if (uri.getHost() == null) {
                return false;
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            String given = host.trim().toLowerCase(Locale.ROOT);
            String expected = authority.toLowerCase(Locale.ROOT);
            // the Host header leaves out a default port that Origin also leaves out; compare as given
            return given.equals(expected);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
