package gr.accmr.hub.normalize.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Removes click-tracking parameters from links ({@code utm_*}, {@code fbclid}, Mailchimp's {@code
 * mc_eid}…). They follow readers from the municipal site to campaign statistics, and partners
 * change them on every mailing, which must not make a notice look changed.
 */
final class TrackingParameters {

    /** Parameter names, lower case; every {@code utm_} name is one too. */
    static final Set<String> NAMES = Set.of(
            "fbclid",
            "gclid",
            "dclid",
            "gbraid",
            "wbraid",
            "msclkid",
            "yclid",
            "igshid",
            "twclid",
            "mc_cid",
            "mc_eid",
            "_hsenc",
            "_hsmi",
            "hsctatracking",
            "mkt_tok",
            "oly_anon_id",
            "oly_enc_id",
            "vero_id",
            "_ga",
            "_gl");

    private TrackingParameters() {}

    /** A URL without its tracking parameters; the rest of it, fragment included, as it was. */
    static String strip(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return url;
        }
        int hash = url.indexOf('#', query);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String parameters = url.substring(query + 1, hash < 0 ? url.length() : hash);
        StringBuilder kept = new StringBuilder();
        for (String parameter : parameters.split("&", -1)) {
            int end = parameter.indexOf('=');
            String name = (end < 0 ? parameter : parameter.substring(0, end)).toLowerCase(Locale.ROOT);
            if (parameter.isEmpty() || name.startsWith("utm_") || NAMES.contains(name)) {
                continue;
            }
            kept.append(kept.isEmpty() ? "" : "&").append(parameter);
        }
        return url.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept) + fragment;
    }
}
