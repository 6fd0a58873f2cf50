package gr.accmr.hub.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticeJsonTest {

    @Test
    void readsBackWhatItWrote() {
        Notice notice = fullNotice();

        assertThat(NoticeJson.read(NoticeJson.write(notice))).isEqualTo(notice);
    }

    @Test
    void writesTheSameBytesForTheSameNotice() {
        assertThat(NoticeJson.write(fullNotice())).isEqualTo(NoticeJson.write(fullNotice()));
    }

    @Test
    void writesEnumValuesInLowerCase() throws Exception {
        JsonNode json = tree(fullNotice());

        assertThat(json.get("kind").asText()).isEqualTo("event");
        assertThat(json.get("status").asText()).isEqualTo("published");
        assertThat(json.get("urgency").asText()).isEqualTo("urgent");
    }

    @Test
    void readsEnumValuesInLowerCase() {
        Notice notice = NoticeJson.read(NoticeJson.write(minimalNotice()));

        assertThat(notice.kind()).isEqualTo(Notice.Kind.NEWS);
        assertThat(notice.status()).isEqualTo(Notice.Status.RETRACTED);
        assertThat(notice.urgency()).isEqualTo(Notice.Urgency.NORMAL);
    }

    @Test
    void writesInstantsAsIso8601InUtc() throws Exception {
        JsonNode json = tree(fullNotice());

        assertThat(json.get("publishedAt").isTextual()).isTrue();
        assertThat(json.get("publishedAt").asText()).isEqualTo("2026-11-25T08:30:00Z");
        assertThat(json.get("expiresAt").asText()).isEqualTo("2026-12-05T21:59:59.500Z");
        assertThat(json.get("source").get("receivedAt").asText()).isEqualTo("2026-11-26T10:00:00Z");
    }

    @Test
    void omitsNullFields() throws Exception {
        JsonNode json = tree(minimalNotice());

        assertThat(json.has("publishedAt")).isFalse();
        assertThat(json.has("updatedAt")).isFalse();
        assertThat(json.has("validFrom")).isFalse();
        assertThat(json.has("expiresAt")).isFalse();
        assertThat(json.has("location")).isFalse();
        assertThat(json.get("translations").get("en").has("url")).isFalse();
        assertThat(json.get("links").get(0).has("title")).isFalse();
        assertThat(json.get("source").has("url")).isFalse();
        assertThat(new String(NoticeJson.write(minimalNotice()), StandardCharsets.UTF_8))
                .doesNotContain("null");
    }

    @Test
    void keepsEmptyListsSoConsumersNeedNoNullChecks() throws Exception {
        JsonNode json = tree(minimalNotice());

        assertThat(json.get("categories").isArray()).isTrue();
        assertThat(json.get("attachments").isArray()).isTrue();
        assertThat(json.get("attachments")).isEmpty();
    }

    @Test
    void ignoresFieldsAddedByANewerHub() {
        String json = new String(NoticeJson.write(minimalNotice()), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"audience\":[\"families\"],");

        assertThat(NoticeJson.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(minimalNotice());
    }

    @Test
    void rejectsJsonThatIsNoNotice() {
        assertThatIllegalArgumentException().isThrownBy(() -> NoticeJson.read("[1,2".getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode tree(Notice notice) throws Exception {
        return NoticeJson.mapper().readTree(NoticeJson.write(notice));
    }

    static Notice fullNotice() {
        return new Notice(
                "athens:athens-2026-101",
                "athens",
                "athens-2026-101",
                Notice.Kind.EVENT,
                Notice.Status.PUBLISHED,
                Notice.Urgency.URGENT,
                3,
                "sha256:" + "ab".repeat(32),
                Instant.parse("2026-11-25T08:30:00Z"),
                Instant.parse("2026-11-25T09:00:00Z"),
                Instant.parse("2026-12-01T07:00:00Z"),
                Instant.parse("2026-12-05T21:59:59.500Z"),
                "el",
                Map.of(
                        "el",
                        new Translation(
                                "Ημέρα υγείας",
                                "Δωρεάν εξετάσεις.",
                                "<p>Δωρεάν <strong>εξετάσεις</strong>.</p>",
                                "Δωρεάν εξετάσεις.",
                                "ltr",
                                "https://www.cityofathens.gr/news/health-day"),
                        "ar",
                        new Translation(
                                "يوم الصحة", "فحوصات مجانية.", "<p>فحوصات مجانية.</p>", "فحوصات مجانية.", "rtl", null)),
                List.of("υγεία", "events"),
                new Notice.Location(Notice.GeoPoint.of(23.7275, 37.9838), "Πλατεία Κοτζιά 1, Αθήνα"),
                List.of(
                        new Notice.Link("https://www.cityofathens.gr/news/health-day", "alternate", null),
                        new Notice.Link("https://maps.example/kotzia", "related", "Map")),
                List.of(new Notice.Attachment(
                        "https://www.cityofathens.gr/files/health-day.pdf", "application/pdf", 123456L, "Programme")),
                new Notice.Source(
                        "partner.athens",
                        "https://www.cityofathens.gr/rss",
                        Instant.parse("2026-11-26T10:00:00Z"),
                        "hub.inbound.raw",
                        1,
                        9876543210L));
    }

    private static Notice minimalNotice() {
        return new Notice(
                "eccar:news-1",
                "eccar",
                "news-1",
                Notice.Kind.NEWS,
                Notice.Status.RETRACTED,
                Notice.Urgency.NORMAL,
                1,
                "sha256:" + "0".repeat(64),
                null,
                null,
                null,
                null,
                "en",
                Map.of("en", new Translation("Title", "", "", "", "ltr", null)),
                List.of(),
                null,
                List.of(new Notice.Link("https://example.org/eccar/news/1", "alternate", null)),
                List.of(),
                new Notice.Source(
                        "partner.eccar", null, Instant.parse("2026-11-26T10:00:00Z"), "hub.inbound.raw", 0, 0L));
    }
}
