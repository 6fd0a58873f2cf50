package gr.accmr.hub.fanout.website;

import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the site's pages from the Thymeleaf templates under {@code templates/site/}. Templates
 * escape everything; only a translation's {@code bodyHtml}, sanitized by normalize, is inserted
 * as markup.
 */
final class SitePages {

    /** Notices on a language's front page and on each of its archive pages. */
    static final int PAGE_SIZE = 20;
    /** Pages listed in one sitemap file. */
    static final int SITEMAP_SIZE = 1000;

    private static final ZoneId ATHENS = ZoneId.of("Europe/Athens");
    private static final TemplateEngine ENGINE = engine();
    /** A long date in each language, made once: a list page shows twenty. */
    private static final Map<String, DateTimeFormatter> DATES = new ConcurrentHashMap<>();

    private SitePages() {}

    private static TemplateEngine engine() {
        // Spring's expression language, compiled to bytecode once an expression's types settle: a
        // notice page evaluates dozens of expressions, and OGNL's reflective calls were most of the
        // rendering time under load.
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setEnableSpringELCompiler(true);
        ClassLoaderTemplateResolver xml = new ClassLoaderTemplateResolver();
        xml.setPrefix("templates/");
        xml.setSuffix(".xml");
        xml.setTemplateMode(TemplateMode.XML);
        xml.setCharacterEncoding("UTF-8");
        xml.setCheckExistence(true);
        xml.setOrder(1);
        ClassLoaderTemplateResolver html = new ClassLoaderTemplateResolver();
        html.setPrefix("templates/");
        html.setSuffix(".html");
        html.setTemplateMode(TemplateMode.HTML);
        html.setCharacterEncoding("UTF-8");
        html.setOrder(2);
        engine.addTemplateResolver(xml);
        engine.addTemplateResolver(html);
        return engine;
    }

    /** Relative path of a notice page under the site root: {@code {lang}/{partner}/{externalId}.html}. */
    static String pagePath(Notice notice, String language) {
        return pagePath(notice.partner(), notice.externalId(), language);
    }

    static String pagePath(String partner, String externalId, String language) {
        return language + "/" + partner + "/" + externalId + ".html";
    }

    /** Relative path of a language's archive page {@code k}, counted from the oldest notices. */
    static String archivePath(String language, int page) {
        return language + "/page-" + page + ".html";
    }

    static String sitemapPath(String language, int chunk) {
        return "sitemap-" + language + "-" + chunk + ".xml";
    }

    /** A date as a page shows it: machine-readable and in the reader's language, Athens time. */
    public record ShownDate(String iso, String text) {
        static @Nullable ShownDate of(@Nullable Instant instant, String language) {
            if (instant == null) {
                return null;
            }
            return new ShownDate(
                    instant.toString(),
                    DATES.computeIfAbsent(
                                    language,
                                    lang -> DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                                            .withLocale(Locale.forLanguageTag(lang)))
                            .format(instant.atZone(ATHENS)));
        }
    }

    /** A link of the language switcher or an alternate language. */
    public record LanguageLink(
            String lang, String name, String href, @Nullable String current) {

        /** A link to {@code lang}; {@code aria-current="page"} on the reader's own language. */
        static LanguageLink to(String lang, String href, String reading) {
            return new LanguageLink(lang, SiteTexts.name(lang), href, lang.equals(reading) ? "page" : null);
        }
    }

    static String page(Notice notice, String language) {
        Translation translation = notice.translations().get(language);
        String up = "../../";
        Context context = frame(language, up);
        List<LanguageLink> alternates = new ArrayList<>();
        List<LanguageLink> switcher = new ArrayList<>();
        for (String other : SiteTexts.LANGUAGES) {
            boolean translated = notice.translations().containsKey(other);
            String href = other.equals(language)
                    ? notice.externalId() + ".html"
                    : translated ? up + pagePath(notice, other) : up + other + "/index.html";
            switcher.add(LanguageLink.to(other, href, language));
            if (translated && !other.equals(language)) {
                alternates.add(LanguageLink.to(other, up + pagePath(notice, other), language));
            }
        }
        context.setVariable("switcher", switcher);
        context.setVariable("alternates", alternates);
        context.setVariable("notice", notice);
        context.setVariable("translation", translation);
        context.setVariable("urgent", notice.urgency() == Notice.Urgency.URGENT);
        context.setVariable("published", ShownDate.of(notice.publishedAt(), language));
        context.setVariable("kind", SiteTexts.of(language).getOrDefault("kind." + kindName(notice), kindName(notice)));
        context.setVariable("body", translation.bodyHtml());
        context.setVariable("source", httpUrl(translation.url()));
        boolean outdated = Boolean.TRUE.equals(translation.outdated())
                && !language.equals(notice.originalLanguage())
                && notice.translations().containsKey(notice.originalLanguage());
        context.setVariable("outdated", outdated ? up + pagePath(notice, notice.originalLanguage()) : null);
        return ENGINE.process("site/notice", context);
    }

    /** One notice in a list. */
    public record IndexEntry(
            String href,
            String title,
            String summary,
            String partner,
            boolean urgent,
            @Nullable ShownDate date) {
        static IndexEntry of(Notice notice, String language) {
            Translation translation = notice.translations().get(language);
            return of(
                    notice.partner(),
                    notice.externalId(),
                    translation.title(),
                    translation.summary(),
                    notice.urgency() == Notice.Urgency.URGENT,
                    notice.publishedAt(),
                    language);
        }

        static IndexEntry of(
                String partner,
                String externalId,
                String title,
                String summary,
                boolean urgent,
                @Nullable Instant publishedAt,
                String language) {
            return new IndexEntry(
                    partner + "/" + externalId + ".html",
                    title,
                    summary,
                    partner,
                    urgent,
                    ShownDate.of(publishedAt, language));
        }
    }

    /** A list page of one language: its front page or an archive page, with its neighbours. */
    static String index(String language, List<IndexEntry> entries, @Nullable String newer, @Nullable String older) {
        Context context = frame(language, "../");
        List<LanguageLink> switcher = new ArrayList<>();
        for (String other : SiteTexts.LANGUAGES) {
            switcher.add(LanguageLink.to(
                    other, other.equals(language) ? "index.html" : "../" + other + "/index.html", language));
        }
        context.setVariable("switcher", switcher);
        context.setVariable("alternates", List.of());
        context.setVariable("entries", entries);
        context.setVariable("newer", newer);
        context.setVariable("older", older);
        return ENGINE.process("site/index", context);
    }

    /** The site's front door: every language that has notices, each named in itself. */
    static String home(List<String> languages) {
        Context context = new Context(Locale.ROOT);
        List<Map<String, String>> links = new ArrayList<>();
        for (String language : languages) {
            Map<String, String> link = new HashMap<>();
            link.put("lang", language);
            link.put("dir", Languages.direction(language));
            link.put("name", SiteTexts.name(language));
            link.put("site", SiteTexts.of(language).get("site"));
            link.put("href", language + "/index.html");
            links.add(link);
        }
        context.setVariable("languages", links);
        context.setVariable("title", SiteTexts.of("el").get("site"));
        return ENGINE.process("site/home", context);
    }

    /** One page of a sitemap. */
    public record SitemapUrl(String loc, @Nullable String lastmod) {}

    static String sitemap(List<SitemapUrl> urls) {
        Context context = new Context(Locale.ROOT);
        context.setVariable("urls", urls);
        return ENGINE.process("site/sitemap", context);
    }

    static String sitemapIndex(List<String> sitemaps) {
        Context context = new Context(Locale.ROOT);
        context.setVariable("sitemaps", sitemaps);
        return ENGINE.process("site/sitemap-index", context);
    }

    private static Context frame(String language, String up) {
        Context context = new Context(Locale.forLanguageTag(language));
        context.setVariable("lang", language);
        context.setVariable("dir", Languages.direction(language));
        context.setVariable("t", SiteTexts.of(language));
        context.setVariable("root", up);
        context.setVariable("home", up + language + "/index.html");
        context.setVariable("feeds", "/feeds/");
        return context;
    }

    private static String kindName(Notice notice) {
        return notice.kind().name().toLowerCase(Locale.ROOT);
    }

    /** Only http(s) links reach a page: never {@code javascript:} or {@code data:}. */
    static @Nullable String httpUrl(@Nullable String url) {
        if (url == null) {
            return null;
        }
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url.trim() : null;
    }
}
