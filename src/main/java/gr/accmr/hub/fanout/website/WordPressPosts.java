package gr.accmr.hub.fanout.website;

import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Translation;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * What a WordPress post of one translation says: the translation's HTML (sanitized by normalize)
 * inside a block that carries its language and direction, the original source, and links to the
 * posts of the other languages. Rendered from {@code templates/site/wordpress-post.html}.
 */
final class WordPressPosts {

    private static final TemplateEngine ENGINE = engine();

    /** A link to the post of another language. */
    record OtherLanguage(String lang, String dir, String name, String href) {}

    private WordPressPosts() {}

    private static TemplateEngine engine() {
        ClassLoaderTemplateResolver html = new ClassLoaderTemplateResolver();
        html.setPrefix("templates/site/");
        html.setSuffix(".html");
        html.setTemplateMode(TemplateMode.HTML);
        html.setCharacterEncoding("UTF-8");
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(html);
        return engine;
    }

    /** The post's content; {@code others} in the order the site's language switcher shows them. */
    static String content(String language, Translation translation, List<OtherLanguage> others) {
        Context context = new Context(Locale.ROOT);
        context.setVariables(Map.of(
                "lang",
                language,
                "dir",
                "rtl".equals(translation.dir()) ? "rtl" : Languages.direction(language),
                "texts",
                SiteTexts.of(language),
                "body",
                webLinksOnly(translation.bodyHtml()),
                "outdated",
                Boolean.TRUE.equals(translation.outdated()),
                "others",
                others));
        context.setVariable("source", webUrl(translation.url()));
        return ENGINE.process("wordpress-post", context).strip();
    }

    /**
     * Plain text for WordPress's title and excerpt fields, escaped: WordPress shows them as HTML, and
     * an editor with {@code unfiltered_html} (the hub's user may be one) is not filtered at all.
     */
    static String text(String text) {
        return Entities.escape(text);
    }

    /**
     * The sanitized HTML with web links only: the hub's policy also lets {@code mailto:} and {@code
     * tel:} through for the feeds, but the municipal site links to web pages only, so such a link
     * is kept as its text.
     */
    static String webLinksOnly(String html) {
        Document body = Jsoup.parseBodyFragment(html);
        body.outputSettings().prettyPrint(false);
        boolean changed = false;
        for (Element link : body.select("a[href]")) {
            if (webUrl(link.attr("href")) == null) {
                link.unwrap();
                changed = true;
            }
        }
        return changed ? body.body().html() : html;
    }

    static @Nullable String webUrl(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            String scheme = URI.create(url.strip()).getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    ? url.strip()
                    : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
