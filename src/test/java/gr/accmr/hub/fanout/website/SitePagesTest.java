package gr.accmr.hub.fanout.website;

import static org.assertj.core.api.Assertions.assertThat;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class SitePagesTest {

    private static final Translation ENGLISH = new Translation(
            "Cash assistance: dates moved",
            "",
            "<p>New dates.</p>",
            "New dates.",
            "ltr",
            null,
            null,
            Instant.parse("2026-11-25T09:00:00Z"),
            null);
    private static final Translation ARABIC = new Translation(
            "المساعدة النقدية",
            "",
            "<p>مواعيد جديدة.</p>",
            "مواعيد جديدة.",
            "rtl",
            null,
            null,
            Instant.parse("2026-11-24T09:00:00Z"),
            true);

    @Test
    void saysInTheReadersLanguageThatATranslationIsOutdatedAndLinksTheOriginal() {
        Document page = Jsoup.parse(SitePages.page(notice(), "ar"));

        assertThat(page.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(page.selectFirst("p.outdated").text()).startsWith("هذه الترجمة أقدم من النص الأصلي.");
        assertThat(page.selectFirst("p.outdated a").attr("href")).isEqualTo("../../en/irc-api/irc-cash.html");
    }

    @Test
    void aCurrentTranslationCarriesNoNote() {
        assertThat(Jsoup.parse(SitePages.page(notice(), "en")).select("p.outdated"))
                .isEmpty();
    }

    @Test
    void namesEveryLanguageInItselfAndLinksTheTranslations() {
        Document page = Jsoup.parse(SitePages.page(notice(), "en"));

        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.selectFirst("html").attr("dir")).isEqualTo("ltr");
        assertThat(page.select("nav.languages a").eachText())
                .containsExactly("Ελληνικά", "English", "العربية", "فارسی", "اردو", "Français", "Українська");
        assertThat(page.selectFirst("nav.languages a[lang=ar]").attr("href"))
                .isEqualTo("../../ar/irc-api/irc-cash.html");
        // No Greek translation: the switcher leads to the Greek front page.
        assertThat(page.selectFirst("nav.languages a[lang=el]").attr("href")).isEqualTo("../../el/index.html");
        assertThat(page.selectFirst("nav.languages a[aria-current=page]").text())
                .isEqualTo("English");
        assertThat(page.select("link[rel=alternate][hreflang=ar]")).hasSize(1);
        assertThat(page.select("link[type=application/atom+xml]").attr("href")).isEqualTo("/feeds/en.atom");
    }

    @Test
    void showsDatePartnerKindCategoriesAndMarksUrgentNotices() {
        Notice urgent = notice().classified(Notice.Kind.ALERT, Notice.Urgency.URGENT, List.of("housing", "health"));
        Document page = Jsoup.parse(SitePages.page(urgent, "en"));

        assertThat(page.selectFirst("article").hasClass("urgent")).isTrue();
        assertThat(page.selectFirst(".badge").text()).isEqualTo("Urgent");
        assertThat(page.selectFirst("time").attr("datetime")).isEqualTo("2026-11-23T09:00:00Z");
        assertThat(page.selectFirst("time").text()).isEqualTo("November 23, 2026");
        assertThat(page.selectFirst(".meta").text()).contains("irc-api").contains("Alert");
        assertThat(page.selectFirst(".categories").text()).contains("housing, health");
        assertThat(Jsoup.parse(SitePages.page(urgent, "ar"))
                        .selectFirst(".badge")
                        .text())
                .isEqualTo("عاجل");
    }

    @Test
    void escapesTitlesAndKeepsOnlyHttpLinks() {
        Translation hostile = new Translation(
                "<script>alert(1)</script>", "", "<p>ok</p>", "ok", "ltr", "javascript:alert(1)", null, null, null);
        Notice notice = new Notice(
                "irc-api:x",
                "irc-api",
                "x",
                Notice.Kind.NOTICE,
                Notice.Status.PUBLISHED,
                Notice.Urgency.NORMAL,
                1,
                "sha256:" + "0".repeat(64),
                null,
                null,
                null,
                null,
                "en",
                Map.of("en", hostile),
                List.of(),
                null,
                List.of(),
                List.of(),
                new Notice.Source("push.irc-api", null, Instant.EPOCH, "hub.inbound.raw", 0, 1L));
        String html = SitePages.page(notice, "en");

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(Jsoup.parse(html).select("a[href^=javascript]")).isEmpty();
    }

    @Test
    void listsNoticesWithNeighbourPagesAndRightToLeftWhereNeeded() {
        Document index = Jsoup.parse(SitePages.index(
                "fa",
                List.of(SitePages.IndexEntry.of(
                        notice().withTranslations(null, "fa", Map.of("fa", ENGLISH), List.of()), "fa")),
                "page-3.html",
                "page-1.html"));

        assertThat(index.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(index.selectFirst("h1").text()).isEqualTo("اطلاعیه‌ها");
        assertThat(index.selectFirst("ol.notices li a").attr("href")).isEqualTo("irc-api/irc-cash.html");
        assertThat(index.selectFirst("a[rel=prev]").attr("href")).isEqualTo("page-3.html");
        assertThat(index.selectFirst("a[rel=next]").attr("href")).isEqualTo("page-1.html");
    }

    @Test
    void writesAValidSitemap() {
        String sitemap = SitePages.sitemap(
                List.of(new SitePages.SitemapUrl("https://hub.example/site/en/a/1.html", "2026-12-01T10:00:00Z")));
        Document xml = Jsoup.parse(sitemap, "", org.jsoup.parser.Parser.xmlParser());

        assertThat(xml.selectFirst("urlset").attr("xmlns")).isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");
        assertThat(xml.selectFirst("url loc").text()).isEqualTo("https://hub.example/site/en/a/1.html");
    }

    private static Notice notice() {
        return new Notice(
                "irc-api:irc-cash",
                "irc-api",
                "irc-cash",
                Notice.Kind.NOTICE,
                Notice.Status.PUBLISHED,
                Notice.Urgency.NORMAL,
                3,
                "sha256:" + "0".repeat(64),
                Instant.parse("2026-11-23T09:00:00Z"),
                Instant.parse("2026-11-25T09:00:00Z"),
                null,
                null,
                "en",
                Map.of("en", ENGLISH, "ar", ARABIC),
                List.of(),
                null,
                List.of(),
                List.of(),
                new Notice.Source(
                        "push.irc-api", null, Instant.parse("2026-11-25T09:00:01Z"), "hub.inbound.raw", 0, 7L));
    }
}
