package gr.accmr.hub.notice;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The hub's one HTML policy for {@code bodyHtml} (documented in {@code docs/notice.md}): text
 * formatting, headings, lists, tables, links over http, https, mailto and tel with {@code
 * rel="noopener nofollow"}, https images, and the writing direction of mixed-direction text.
 * Normalization applies it to partner HTML; channels apply it again to what they read from {@code
 * hub.notices}, which anything with access to Kafka can write to.
 */
public final class NoticeHtml {

    /**
     * Policies joined with {@code and} keep an attribute only if every policy that allows the
     * element allows it, so each element is allowed by exactly one builder, which also lets it say
     * its writing direction: an English name or a phone number inside an Arabic sentence reads
     * right only if the partner's direction marks survive.
     */
    public static final PolicyFactory POLICY = directional(new HtmlPolicyBuilder()
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

    private NoticeHtml() {}

    /** HTML that passed this policy once passes it unchanged in meaning; anything else is made inert. */
    public static String sanitize(String html) {
        // The sanitizer writes the required rels in a per-JVM random order; one order reads better.
        return POLICY.sanitize(html).replace("rel=\"nofollow noopener\"", "rel=\"noopener nofollow\"");
    }
}
