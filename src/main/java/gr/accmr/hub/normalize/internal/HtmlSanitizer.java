package gr.accmr.hub.normalize.internal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The hub's one HTML policy (documented in {@code docs/notice.md}): text formatting, headings,
 * lists, tables, links over http, https, mailto and tel with {@code rel="noopener nofollow"}, and
 * https images, and the writing direction of mixed-direction text ({@code dir}, {@code bdi}, {@code
 * bdo}). Scripts, event handlers, styles, iframes, forms and {@code javascript:}/{@code data:} URLs
 * never pass, however they are encoded.
 */
public final class HtmlSanitizer {

    /**
     * Policies joined with {@code and} keep an attribute only if every policy that allows the
     * element allows it, so each element is allowed by exactly one builder, which also lets it say
     * its writing direction: an English name or a phone number inside an Arabic sentence reads
     * right only if the partner's direction marks survive.
     */
    private static final PolicyFactory POLICY = directional(new HtmlPolicyBuilder()
                    .allowCommonInlineFormattingElements()
                    .allowCommonBlockElements()
                    .allowElements(
                            "ul", "ol", "li", "dl", "dt", "dd", "br", "hr", "figure", "figcaption", "bdi", "bdo"))
            .and(directional(new HtmlPolicyBuilder()
                    .allowElements("table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th")
                    .allowAttributes("colspan", "rowspan")
                    .matching(java.util.regex.Pattern.compile("[1-9][0-9]{0,2}"))
                    .onElements("td", "th")
                    .allowAttributes("scope")
                    .matching(true, "row", "col", "rowgroup", "colgroup")
                    .onElements("th")))
            .and(directional(new HtmlPolicyBuilder()
                    .allowElements("a")
                    .allowUrlProtocols("http", "https", "mailto", "tel")
                    .allowAttributes("href", "title")
                    .onElements("a")
                    .requireRelsOnLinks("noopener", "nofollow")))
            .and(new HtmlPolicyBuilder()
                    .allowElements("img")
                    .allowUrlProtocols("https")
                    .allowAttributes("src", "alt", "title", "width", "height")
                    .onElements("img")
                    .toFactory());

    /** The builder's policy, with {@code dir="ltr|rtl|auto"} on every element but images. */
    private static PolicyFactory directional(HtmlPolicyBuilder builder) {
        return builder.allowAttributes("dir")
                .matching(true, "ltr", "rtl", "auto")
                .globally()
                .toFactory();
    }

    private HtmlSanitizer() {}

    /**
     * Sanitizes partner HTML. Relative links and image sources are first resolved against the
     * item's own URL, so they still work on the municipal site; tracking parameters are dropped
     * from them (see {@link TrackingParameters}).
     */
    public static String sanitize(String html, @Nullable String baseUrl) {
        String sanitized = POLICY.sanitize(
                baseUrl == null || !RELATIVE_URL.matcher(html).find() ? html : resolveRelative(html, baseUrl));
        // The sanitizer writes the required rels in a per-JVM random order; the content hash needs one order.
        return TrackingParameters.stripInSanitizedHtml(sanitized.replace(RANDOM_REL_ORDER, REL));
    }

    /** An href or src that is not absolute: only then is the HTML parsed to resolve it. */
    private static final java.util.regex.Pattern RELATIVE_URL =
            java.util.regex.Pattern.compile("(?i)\\b(?:href|src)\\s*=\\s*[\"']?(?![a-z][a-z0-9+.-]*:)");

    private static final String REL = "rel=\"noopener nofollow\"";
    private static final String RANDOM_REL_ORDER = "rel=\"nofollow noopener\"";

    private static String resolveRelative(String html, String baseUrl) {
        Document document = Jsoup.parseBodyFragment(html, baseUrl);
        for (Element link : document.select("a[href]")) {
            String absolute = link.absUrl("href");
            if (!absolute.isEmpty()) {
                link.attr("href", absolute);
            }
        }
        for (Element image : document.select("img[src]")) {
            String absolute = image.absUrl("src");
            if (!absolute.isEmpty()) {
                image.attr("src", absolute);
            }
        }
        document.outputSettings().prettyPrint(false);
        return document.body().html();
    }
}
