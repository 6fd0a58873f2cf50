package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.NoticeHtml;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.internal.StringUtil;
import org.jspecify.annotations.Nullable;
import org.owasp.html.Handler;
import org.owasp.html.HtmlSanitizer.Policy;
import org.owasp.html.HtmlStreamRenderer;
import org.owasp.html.PolicyFactory;

/**
 * The hub's one HTML policy (documented in {@code docs/notice.md}): text formatting, headings,
 * lists, tables, links over http, https, mailto and tel with {@code rel="noopener nofollow"}, and
 * https images, and the writing direction of mixed-direction text ({@code dir}, {@code bdi}, {@code
 * bdo}). Scripts, event handlers, styles, iframes, forms and {@code javascript:}/{@code data:} URLs
 * never pass, however they are encoded.
 */
public final class HtmlSanitizer {

    /** The policy itself lives with the notice model, so that channels can apply it again. */
    private static final PolicyFactory POLICY = NoticeHtml.POLICY;

    private HtmlSanitizer() {}

    /**
     * Sanitizes partner HTML. Relative links and image sources are first resolved against the
     * item's own URL, so they still work on the municipal site: as the sanitizer reads each tag,
     * before the policy judges the URL, so a relative image on a plain-http site is still dropped.
     * Tracking parameters are dropped from them at the same time (see {@link TrackingParameters}).
     */
    public static String sanitize(String html, @Nullable String baseUrl) {
        StringBuilder out = new StringBuilder(html.length());
        // What POLICY.sanitize(html) does, with one step in front of the policy (POLICY has no preprocessor).
        Policy policy = POLICY.apply(HtmlStreamRenderer.create(out, Handler.DO_NOTHING));
        org.owasp.html.HtmlSanitizer.sanitize(
                html,
                new RewritingUrls(
                        policy, baseUrl == null || !RELATIVE_URL.matcher(html).find() ? null : baseUrl));
        // The sanitizer writes the required rels in a per-JVM random order; the content hash needs one order.
        return out.toString().replace(RANDOM_REL_ORDER, REL);
    }

    /** An href or src that is not absolute: only then are the document's links resolved. */
    private static final java.util.regex.Pattern RELATIVE_URL =
            java.util.regex.Pattern.compile("(?i)\\b(?:href|src)\\s*=\\s*[\"']?(?![a-z][a-z0-9+.-]*:)");

    private static final String REL = "rel=\"noopener nofollow\"";
    private static final String RANDOM_REL_ORDER = "rel=\"nofollow noopener\"";

    /**
     * Rewrites every link's href and image's src before the policy judges it: without its tracking
     * parameters and, given a base URL, to the absolute URL a browser would follow, by jsoup's rule
     * (the one {@code Element.absUrl} applies). A URL that comes back (menus, "more information"
     * links) is rewritten once per document.
     */
    private static final class RewritingUrls implements Policy {

        private final Policy policy;
        private final @Nullable String baseUrl;
        private final Map<String, String> rewritten = new HashMap<>();
        private @Nullable URL base;

        RewritingUrls(Policy policy, @Nullable String baseUrl) {
            this.policy = policy;
            this.baseUrl = baseUrl;
        }

        @Override
        public void openTag(String elementName, List<String> attrs) {
            String urlAttribute = elementName.equals("a") ? "href" : elementName.equals("img") ? "src" : null;
            if (urlAttribute != null) {
                for (int i = 0; i < attrs.size(); i += 2) {
                    if (attrs.get(i).equals(urlAttribute)) {
                        attrs.set(i + 1, rewritten.computeIfAbsent(attrs.get(i + 1), this::rewrite));
                    }
                }
            }
            policy.openTag(elementName, attrs);
        }

        private String rewrite(String url) {
            String absolute = baseUrl == null ? url : resolve(baseUrl, url);
            return TrackingParameters.strip(absolute.isEmpty() ? url : absolute);
        }

        /** {@code StringUtil.resolve(baseUrl, url)}, with the base URL parsed once per document. */
        private String resolve(String baseUrl, String url) {
            if (base == null) {
                try {
                    base = new URL(baseUrl);
                } catch (MalformedURLException e) {
                    return StringUtil.resolve(baseUrl, url);
                }
            }
            try {
                return StringUtil.resolve(base, url).toExternalForm();
            } catch (MalformedURLException e) {
                return StringUtil.resolve(baseUrl, url); // its own answer for tel:, mailto: and junk
            }
        }

        @Override
        public void closeTag(String elementName) {
            policy.closeTag(elementName);
        }

        @Override
        public void text(String text) {
            policy.text(text);
        }

        @Override
        public void openDocument() {
            policy.openDocument();
        }

        @Override
        public void closeDocument() {
            policy.closeDocument();
        }
    }
}
