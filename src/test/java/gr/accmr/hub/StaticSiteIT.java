package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gr.accmr.hub.notice.RawHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** The static site keeps paged lists per language, updating only the pages a notice touches. */
class StaticSiteIT extends HubITSupport {

    private static final String ENTRY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Cities</title><link>https://example.org/</link>
            <description>d</description><language>uk</language>
            <item><title>%2$s номер %1$d</title><guid>n-%1$d</guid><link>https://example.org/n-%1$d</link>
            <pubDate>Mon, 07 Dec 2026 10:%1$02d:00 GMT</pubDate><description>Безкоштовні курси грецької мови, група %1$d.</description></item>
            </channel></rss>
            """;

    @Test
    void pagesTheListsAndRerendersOnlyWhatANewNoticeTouches() throws Exception {
        for (int i = 1; i <= 45; i++) {
            send(raw(i));
        }
        // Other tests write Ukrainian notices too: count ours, wherever the sequence put them.
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(ours(archive())).hasSize(45));

        Document front = page("/site/uk/");
        assertThat(front.selectFirst("html").attr("lang")).isEqualTo("uk");
        assertThat(front.select("ol.notices li")).hasSize(20);
        List<Document> pages = archive();
        assertThat(pages.size()).isGreaterThanOrEqualTo(3);
        assertThat(front.selectFirst("a[rel=next]").attr("href")).isEqualTo("page-" + (pages.size() - 1) + ".html");
        for (int page = 1; page <= pages.size(); page++) {
            Document archive = pages.get(page - 1);
            assertThat(archive.select("ol.notices li")).hasSizeLessThanOrEqualTo(20);
            assertThat(archive.select("a[rel=prev]").attr("href"))
                    .isEqualTo(page == pages.size() ? "index.html" : "page-" + (page + 1) + ".html");
            assertThat(archive.select("a[rel=next]").attr("href"))
                    .isEqualTo(page == 1 ? "" : "page-" + (page - 1) + ".html");
        }
        List<String> listed = ours(pages);
        assertThat(Set.copyOf(listed)).hasSize(listed.size());

        Document sitemap = Jsoup.parse(http("/site/sitemap-uk-1.xml", false).body(), "", Parser.xmlParser());
        assertThat(sitemap.select("url loc").eachText())
                .filteredOn(loc -> loc.contains("sitepages-partner"))
                .hasSize(45)
                .allMatch(loc -> loc.startsWith("http://localhost:8080/site/uk/"));
        // Each page says when its notice last changed.
        for (var url : sitemap.select("url")) {
            String loc = url.selectFirst("loc").text();
            if (loc.contains("sitepages-partner/n-")) {
                int n = Integer.parseInt(loc.replaceAll(".*/n-(\\d+)\\.html$", "$1"));
                assertThat(url.selectFirst("lastmod").text()).isEqualTo("2026-12-07T10:%02d:00Z".formatted(n));
            }
        }
        assertThat(http("/site/sitemap.xml", false).body()).contains("sitemap-uk-1.xml");
        assertThat(page("/site/index.html").select("li[lang=uk] a").attr("href"))
                .isEqualTo("uk/index.html");

        var door = http("/site/", false);
        assertThat(door.statusCode()).isEqualTo(302);
        assertThat(door.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/site/index.html"));

        // One more notice: the front page and the newest archive page change, the oldest does not.
        Path site = DATA_DIR.resolve("site");
        FileTime oldest = Files.getLastModifiedTime(site.resolve("uk/page-1.html"));
        FileTime front1 = Files.getLastModifiedTime(site.resolve("uk/index.html"));
        send(raw(46));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(http("/site/uk/", false).body()).contains("n-46.html"));
        assertThat(Files.getLastModifiedTime(site.resolve("uk/index.html"))).isNotEqualTo(front1);
        assertThat(Files.getLastModifiedTime(site.resolve("uk/page-1.html"))).isEqualTo(oldest);
        assertThat(ours(archive())).hasSize(46);
        Document listed46 = page("/site/uk/");
        var entry = listed46.selectFirst("ol.notices li:has(a[href=sitepages-partner/n-46.html])");
        assertThat(entry.selectFirst("h2").text()).isEqualTo("Оголошення номер 46");
        assertThat(entry.selectFirst("time").attr("datetime")).isEqualTo("2026-12-07T10:46:00Z");
        assertThat(entry.text()).contains("Безкоштовні курси грецької мови, група 46.");

        // A new version with a new title: its list entry shows it, in the same place.
        send(raw(46, "Змінено"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(page("/site/uk/")
                                .selectFirst("ol.notices li:has(a[href=sitepages-partner/n-46.html]) h2")
                                .text())
                        .isEqualTo("Змінено номер 46"));
        assertThat(ours(archive())).hasSize(46);
    }

    /** Every archive page of the Ukrainian site, oldest first. */
    private List<Document> archive() {
        List<Document> pages = new java.util.ArrayList<>();
        for (int page = 1; http("/site/uk/page-" + page + ".html", false).statusCode() == 200; page++) {
            pages.add(page("/site/uk/page-" + page + ".html"));
        }
        return pages;
    }

    private static List<String> ours(List<Document> pages) {
        return pages.stream()
                .flatMap(page -> page.select("ol.notices li h2 a").eachAttr("href").stream())
                .filter(href -> href.startsWith("sitepages-partner/n-"))
                .toList();
    }

    private Document page(String path) {
        var response = http(path, false);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    private static ProducerRecord<String, byte[]> raw(int i) {
        return raw(i, "Оголошення");
    }

    private static ProducerRecord<String, byte[]> raw(int i, String title) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                "hub.inbound.raw",
                "sitepages-partner:n-" + i,
                ENTRY.formatted(i, title).getBytes(StandardCharsets.UTF_8));
        header(record, RawHeaders.PARTNER, "sitepages-partner");
        header(record, RawHeaders.SOURCE, "partner.sitepages-partner");
        header(record, RawHeaders.CONTENT_TYPE, RawHeaders.FEED_ENTRY);
        header(record, RawHeaders.RECEIVED_AT, Instant.now().toString());
        header(record, RawHeaders.LANGUAGE, "uk");
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
