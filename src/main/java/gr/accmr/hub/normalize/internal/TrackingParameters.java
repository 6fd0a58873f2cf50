package gr.accmr.hub.normalize.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern SANITIZED_URL_ATTRIBUTE = Pattern.compile("(\\s(?:href|src)=\")([^\"]*\\?[^\"]*)\"");

    private TrackingParameters() {}

    /** A URL without its tracking parameters; the rest of it, fragment included, as it was. */
    static String strip(String url) {
        return strip(url, "&", "=");
    }

    /**
     * The same for every {@code href} and {@code src} of HTML that {@link HtmlSanitizer} wrote, where
     * {@code &} is written {@code &amp;} and {@code =} is written {@code &#61;}.
     */
    static String stripInSanitizedHtml(String html) {
        if (html.indexOf('?') < 0) {
            return html;
        }
        Matcher matcher = SANITIZED_URL_ATTRIBUTE.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (matcher.find()) {
            String url = strip(matcher.group(2), "&amp;", "&#61;");
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + url + "\""));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String strip(String url, String separator, String equals) {
        int query = url.indexOf('?');
        if (query < 0) {
            return url;
        }
        int hash = url.indexOf('#', query);
        while (hash > 0 && url.charAt(hash - 1) == '&') {
            // "&#61;" is an escaped "=" of sanitized HTML, not the start of the fragment.
            hash = url.indexOf('#', hash + 1);
        }
        String fragment = hash < 0 ? "" : url.substring(hash);
        String parameters = url.substring(query + 1, hash < 0 ? url.length() : hash);
        StringBuilder kept = new StringBuilder();
        for (String parameter : parameters.split(Pattern.quote(separator), -1)) {
            int end = parameter.indexOf(equals);
            String name = (end < 0 ? parameter : parameter.substring(0, end)).toLowerCase(Locale.ROOT);
            if (parameter.isEmpty() || name.startsWith("utm_") || NAMES.contains(name)) {
                continue;
            }
            kept.append(kept.isEmpty() ? "" : separator).append(parameter);
        }
        return url.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept) + fragment;
    }
}
