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
