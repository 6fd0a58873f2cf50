package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.Translation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContentHashTest {

    private static final Translation GREEK = new Translation(
            "Δωρεάν μαθήματα ελληνικών",
            "Ξεκινούν οι εγγραφές.",
            "<p>Ξεκινούν οι εγγραφές.</p>",
            "Ξεκινούν οι εγγραφές.",
            "ltr",
            "https://www.cityofathens.gr/news/greek-lessons-2026");

    private static final Translation ENGLISH = new Translation(
            "Free Greek lessons",
            "Registrations open.",
            "<p>Registrations open.</p>",
            "Registrations open.",
            "ltr",
            "https://www.cityofathens.gr/en/news/greek-lessons-2026");

    @Test
    void givesTheSameHashForTheSameContent() {
        assertThat(ContentHash.of(notice(Map.of("el", GREEK)))).isEqualTo(ContentHash.of(notice(Map.of("el", GREEK))));
    }

    @Test
    void isASha256InHex() {
        assertThat(ContentHash.of(notice(Map.of("el", GREEK)))).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void doesNotDependOnTheOrderOfTranslations() {
        Map<String, Translation> greekFirst = new LinkedHashMap<>();
        greekFirst.put("el", GREEK);
        greekFirst.put("en", ENGLISH);
        Map<String, Translation> englishFirst = new LinkedHashMap<>();
        englishFirst.put("en", ENGLISH);
        englishFirst.put("el", GREEK);

        assertThat(ContentHash.of(notice(greekFirst))).isEqualTo(ContentHash.of(notice(englishFirst)));
    }

    @Test
    void keepsTheHashOfTextWhoseBlocksNowStandOnLinesOfTheirOwn() {
        Translation spaced = new Translation("T", "S", "<p>a</p><p>b</p>", "a b", "ltr", null);
        Translation lined = new Translation("T", "S", "<p>a</p><p>b</p>", "a\nb", "ltr", null);

        assertThat(ContentHash.of(notice(Map.of("el", lined)))).isEqualTo(ContentHash.of(notice(Map.of("el", spaced))));
    }

    static Stream<Arguments> bookkeeping() {
        return Stream.of(
                change("version", json -> json.put("version", 7)),
                change("content hash", json -> json.put("contentHash", "sha256:" + "0".repeat(64))),
                change("updatedAt", json -> json.put("updatedAt", "2026-12-01T00:00:00Z")),
                change("publishedAt", json -> json.put("publishedAt", "2026-11-26T08:30:00Z")),
                change("receivedAt", json -> source(json).put("receivedAt", "2026-12-02T11:00:00Z")),
                change("source offset", json -> source(json).put("rawOffset", 98765)),
                change("source partition", json -> source(json).put("rawPartition", 3)),
                change("a translation's time", json -> greek(json).put("updatedAt", "2026-12-03T09:00:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bookkeeping")
    void keepsTheHashWhenOnlyBookkeepingChanges(String what, Consumer<ObjectNode> edit) {
        Notice original = notice(Map.of("el", GREEK));

        Notice changed = edited(original, edit);

        assertThat(changed).isNotEqualTo(original);
        assertThat(ContentHash.of(changed)).isEqualTo(ContentHash.of(original));
    }

    static Stream<Arguments> content() {
        return Stream.of(
                change("title", json -> greek(json).put("title", "Δωρεάν μαθήματα αγγλικών")),
                change("body", json -> greek(json).put("bodyHtml", "<p>Οι εγγραφές έκλεισαν.</p>")),
                change("body text", json -> greek(json).put("bodyText", "Οι εγγραφές έκλεισαν.")),
                change("summary", json -> greek(json).put("summary", "Οι εγγραφές έκλεισαν.")),
                change("expiresAt", json -> json.put("expiresAt", "2026-12-31T22:00:00Z")),
                change("urgency", json -> json.put("urgency", "urgent")),
                change("status", json -> json.put("status", "retracted")),
                change("outdated", json -> greek(json).put("outdated", true)),
                change(
                        "categories",
                        json -> json.putArray("categories").add("εκπαίδευση").add("υγεία")),
                change(
                        "attachments",
                        json -> json.putArray("attachments")
                                .addObject()
                                .put("href", "https://www.cityofathens.gr/files/form.pdf")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("content")
    void changesTheHashWhenWhatReadersSeeChanges(String what, Consumer<ObjectNode> edit) {
        Notice original = notice(Map.of("el", GREEK));

        Notice changed = edited(original, edit);

        assertThat(ContentHash.of(changed)).isNotEqualTo(ContentHash.of(original));
    }

    static Stream<Arguments> cosmetic() {
        return Stream.of(
                change(
                        "white space in the HTML",
                        json -> greek(json).put("bodyHtml", "\n  <p>Ξεκινούν   οι εγγραφές.</p>\n")),
                change("reordered attributes", json -> {
                    greek(json).put("bodyHtml", "<p><a title=\"Εγγραφές\" href=\"https://a.gr/\">Εγγραφές</a></p>");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cosmetic")
    void keepsTheHashWhenTheHtmlChangesOnlyInForm(String what, Consumer<ObjectNode> edit) {
        Notice spaced = edited(notice(Map.of("el", GREEK)), edit);
        Notice plain = edited(
                notice(Map.of("el", GREEK)),
                json -> greek(json)
                        .put(
                                "bodyHtml",
                                what.startsWith("white")
                                        ? "<p>Ξεκινούν οι εγγραφές.</p>"
                                        : "<p><a href=\"https://a.gr/\" title=\"Εγγραφές\">Εγγραφές</a></p>"));

        assertThat(spaced).isNotEqualTo(plain);
        assertThat(ContentHash.of(spaced)).isEqualTo(ContentHash.of(plain));
    }

    @Test
    void putsTheHtmlInOneFormWithoutSplittingQuotedValues() {
        assertThat(ContentHash.canonicalHtml(
                        "\n<p>Χάρτης:  <img src=\"https://a.gr/m.png\" alt=\"δύο λέξεις\" /> </p>\n<p>τέλος</p>"))
                .isEqualTo("<p>Χάρτης:<img alt=\"δύο λέξεις\" src=\"https://a.gr/m.png\" /></p><p>τέλος</p>");
    }

    @Test
    void changesTheHashWhenATranslationIsAdded() {
        assertThat(ContentHash.of(notice(Map.of("el", GREEK, "en", ENGLISH))))
                .isNotEqualTo(ContentHash.of(notice(Map.of("el", GREEK))));
    }

    private static Arguments change(String what, Consumer<ObjectNode> edit) {
        return Arguments.of(what, edit);
    }

    private static ObjectNode source(ObjectNode json) {
        return (ObjectNode) json.get("source");
    }

    private static ObjectNode greek(ObjectNode json) {
        return (ObjectNode) json.get("translations").get("el");
    }

    /** A copy of the notice with one field changed, by way of its JSON form. */
    private static Notice edited(Notice notice, Consumer<ObjectNode> edit) {
        ObjectNode json = NoticeJson.mapper().valueToTree(notice);
        edit.accept(json);
        return NoticeJson.mapper().convertValue(json, Notice.class);
    }

    private static Notice notice(Map<String, Translation> translations) {
        return new Notice(
                "athens:athens-2026-101",
                "athens",
                "athens-2026-101",
                Notice.Kind.NEWS,
                Notice.Status.PUBLISHED,
                Notice.Urgency.NORMAL,
                1,
                "",
                Instant.parse("2026-11-25T08:30:00Z"),
                Instant.parse("2026-11-25T08:30:00Z"),
                null,
                null,
                "el",
                translations,
                List.of("εκπαίδευση"),
                null,
                List.of(new Notice.Link("https://www.cityofathens.gr/news/greek-lessons-2026", "alternate", null)),
                List.of(),
                new Notice.Source(
                        "partner.athens",
                        "https://www.cityofathens.gr/rss",
                        Instant.parse("2026-11-26T10:00:00Z"),
                        "hub.inbound.raw",
                        0,
                        42L));
    }
}
