package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The archive as a reader searches it: in Greek without accents, Arabic, Farsi and English, ranked,
 * paged by cursor, filtered, exported, and with the history of a notice's versions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveSearchIT extends HubITSupport {

    private static final String PARTNER = "archive-search";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final int PAGED = 7;

    @BeforeAll
    void pushTheNotices() {
        push("""
                {"externalId": "arch-vaccines", "kind": "event", "originalLanguage": "el",
                 "publishedAt": "2026-10-01T09:00:00Z", "categories": ["health"],
                 "translations": {
                   "el": {"title": "Εμβολιασμός παιδιών στην Αθήνα",
                          "bodyText": "Ο Δήμος Αθηναίων οργανώνει δωρεάν εμβολιασμό για όλα τα παιδιά.",
                          "url": "https://www.cityofathens.gr/emvolia"},
                   "en": {"title": "Children's vaccination in Athens",
                          "bodyText": "The City of Athens organises free vaccination for all children."}}}
                """);
        push("""
                {"externalId": "arch-legal", "kind": "service", "originalLanguage": "ar",
                 "publishedAt": "2026-10-02T09:00:00Z", "categories": ["legal"],
                 "translations": {
                   "ar": {"title": "مساعدة قانونية مجانية للاجئين",
                          "bodyText": "يقدم المحامون استشارات قانونية مجانية كل يوم ثلاثاء."}}}
                """);
        push("""
                {"externalId": "arch-class", "kind": "event", "originalLanguage": "fa",
                 "publishedAt": "2026-10-03T09:00:00Z", "categories": ["education"],
                 "translations": {
                   "fa": {"title": "کلاس زبان یونانی رایگان برای پناهندگان",
                          "bodyText": "ثبت نام برای کلاس‌های زبان یونانی از دوشنبه آغاز می‌شود."}}}
                """);
        // Ranking: the same word in a title counts for more than in a body.
        push("""
                {"externalId": "arch-shelter-title", "kind": "notice", "originalLanguage": "en",
                 "publishedAt": "2026-10-04T09:00:00Z", "categories": ["housing"],
                 "translations": {"en": {"title": "Winter shelter opens in Kypseli",
                                         "bodyText": "Beds are available from Monday."}}}
                """);
        push("""
                {"externalId": "arch-shelter-body", "kind": "notice", "originalLanguage": "en",
                 "publishedAt": "2026-10-05T09:00:00Z", "categories": ["housing"],
                 "translations": {"en": {"title": "Weekly update from the municipality",
                                         "bodyText": "Among other news, the winter shelter has more beds."}}}
                """);
        // Paging: notices that all match one word, some of them equally well.
        for (int i = 1; i <= PAGED; i++) {
            push("""
                    {"externalId": "arch-page-%d", "kind": "news", "originalLanguage": "en",
                     "publishedAt": "2026-09-%02dT09:00:00Z", "categories": ["paging"],
                     "translations": {"en": {"title": "Bulletin %d", "bodyText": "%s"}}}
                    """.formatted(i, 10 + (i % 4), i, "xylofonia rehearsal. ".repeat(1 + i % 3)));
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(ids("/api/v1/archive/notices?partner=archive-search&category=paging"))
                        .hasSize(PAGED));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(ids("/api/v1/archive/notices?partner=archive-search&limit=500"))
                        .contains(
                                id("arch-vaccines"),
                                id("arch-legal"),
                                id("arch-class"),
                                id("arch-shelter-title"),
                                id("arch-shelter-body")));
    }

    @Test
    void findsGreekWrittenWithTonosFromAQueryWithoutAccentsOrCapitals() {
        assertThat(search("εμβολιασμος", "el")).containsExactly(id("arch-vaccines"));
        assertThat(search("ΕΜΒΟΛΙΑΣΜΟΣ ΠΑΙΔΙΩΝ", "el")).containsExactly(id("arch-vaccines"));
        // Without a language every configuration reads the query.
        assertThat(search("αθηνα", null)).contains(id("arch-vaccines"));
    }

    @Test
    void findsArabicWhateverTheTatweelAndDiacritics() {
        assertThat(search("قانونية", "ar")).containsExactly(id("arch-legal"));
        assertThat(search("قانـــونيَّة", "ar")).containsExactly(id("arch-legal"));
        assertThat(search("استشارات", null)).containsExactly(id("arch-legal"));
    }

    @Test
    void findsFarsiTypedWithArabicLettersAndWordFormsByTrigrams() {
        // Typed on an Arabic keyboard: Arabic kaf and yeh for the Farsi letters of the text.
        assertThat(search("كلاس يوناني", "fa")).containsExactly(id("arch-class"));
        // "refugee" finds "refugees": there is no Farsi stemmer, trigrams stand in.
        assertThat(search("پناهنده", "fa")).containsExactly(id("arch-class"));
        assertThat(search("پناهنده", null)).contains(id("arch-class"));
    }

    @Test
    void ranksATitleMatchAboveABodyMatchAndStemsEnglish() {
        assertThat(search("shelters", "en")).containsExactly(id("arch-shelter-title"), id("arch-shelter-body"));
        assertThat(search("vaccinations", "en")).containsExactly(id("arch-vaccines"));
    }

    @Test
    void pagesByCursorWithoutDuplicatesOrGaps() {
        List<String> all = ids("/api/v1/archive/notices?q=xylofonia&limit=100");
        assertThat(all).hasSize(PAGED);
        assertThat(pages("/api/v1/archive/notices?q=xylofonia&limit=3")).containsExactlyElementsOf(all);

        List<String> newest = ids("/api/v1/archive/notices?partner=archive-search&category=paging&limit=100");
        assertThat(pages("/api/v1/archive/notices?partner=archive-search&category=paging&limit=2"))
                .containsExactlyElementsOf(newest);
        // Newest first, ties (the same time) in id order.
        List<Instant> times = new ArrayList<>();
        for (String id : newest) {
            times.add(Instant.parse(getJson("/api/v1/archive/notices/" + id)
                    .at("/notice/publishedAt")
                    .asText()));
        }
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void filtersByPartnerKindCategoryStatusTimeAndLanguage() {
        assertThat(ids("/api/v1/archive/notices?partner=archive-search&kind=event&limit=500"))
                .contains(id("arch-vaccines"), id("arch-class"))
                .doesNotContain(id("arch-legal"));
        assertThat(ids("/api/v1/archive/notices?category=health&partner=archive-search"))
                .containsExactly(id("arch-vaccines"));
        assertThat(
                        ids(
                                "/api/v1/archive/notices?partner=archive-search&from=2026-10-02T00:00:00Z&to=2026-10-04T00:00:00Z"))
                .containsExactly(id("arch-class"), id("arch-legal"));
        assertThat(
                        ids(
                                "/api/v1/archive/notices?partner=archive-search&lang=fa&from=2026-10-01T00:00:00Z&to=2026-10-06T00:00:00Z"))
                .containsExactly(id("arch-class"));
        assertThat(ids("/api/v1/archive/notices?q=shelter&kind=notice&from=2026-10-05T00:00:00Z"))
                .containsExactly(id("arch-shelter-body"));
        assertThat(ids("/api/v1/archive/notices?q=shelter&status=retracted")).isEmpty();
    }

    @Test
    void exportsASearchAsStreamedJsonLinesAndCsv() throws IOException {
        HttpResponse<String> jsonl = http("/api/v1/archive/notices/export?format=jsonl&q=xylofonia", true);
        assertThat(jsonl.statusCode()).isEqualTo(200);
        assertThat(jsonl.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/jsonl"));
        // Streamed: chunked, with no length known up front.
        assertThat(jsonl.headers().firstValue("content-length")).isEmpty();
        List<String> exported =
                jsonl.body().lines().map(line -> json(line).get("id").asText()).toList();
        assertThat(exported).containsExactlyElementsOf(ids("/api/v1/archive/notices?q=xylofonia&limit=100"));

        HttpResponse<String> csv =
                http("/api/v1/archive/notices/export?format=csv&partner=archive-search&category=health", true);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("content-disposition"))
                .hasValueSatisfying(value -> assertThat(value).contains("archive.csv"));
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = new CsvMapper()
                .readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv.body())) {
            rows = it.readAll();
        }
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0))
                .containsEntry("id", id("arch-vaccines"))
                .containsEntry("partner", PARTNER)
                .containsEntry("kind", "event")
                .containsEntry("status", "published")
                .containsEntry("languages", "el en")
                .containsEntry("title", "Εμβολιασμός παιδιών στην Αθήνα")
                .containsEntry("url", "https://www.cityofathens.gr/emvolia")
                .containsEntry("publishedAt", "2026-10-01T09:00:00Z");
        assertThat(csv.body().lines().findFirst())
                .hasValue("id,partner,kind,status,version,publishedAt,updatedAt,languages,title,url");
    }

    @Test
    void keepsEveryVersionWithItsSourceAndSaysWhatChanged() {
        push("""
                {"externalId": "arch-history", "kind": "notice", "originalLanguage": "en",
                 "publishedAt": "2026-10-06T09:00:00Z",
                 "translations": {"en": {"title": "Clinic closed on Tuesday", "bodyText": "Shut for maintenance."},
                                  "el": {"title": "Το ιατρείο είναι κλειστό την Τρίτη", "bodyText": "Κλειστό."}}}
                """);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http("/api/v1/archive/notices/" + id("arch-history"), true)
                                .statusCode()
                        == 200);
        push("""
                {"externalId": "arch-history", "kind": "notice", "originalLanguage": "en",
                 "publishedAt": "2026-10-06T09:00:00Z",
                 "translations": {"en": {"title": "Clinic reopened on Tuesday", "bodyText": "Closed all day."},
                                  "el": {"title": "Το ιατρείο είναι κλειστό την Τρίτη", "bodyText": "Κλειστό."}}}
                """);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices/" + id("arch-history") + "/versions"))
                        .hasSize(2));

        JsonNode versions = getJson("/api/v1/archive/notices/" + id("arch-history") + "/versions");
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(2);
        for (JsonNode version : versions) {
            assertThat(version.at("/source/rawTopic").asText()).isEqualTo("hub.inbound.raw");
            assertThat(version.at("/source/rawOffset").isNumber()).isTrue();
            assertThat(version.at("/source/rawPartition").isNumber()).isTrue();
            assertThat(version.at("/source/receivedAt").asText()).isNotEmpty();
            assertThat(version.get("archivedAt").asText()).isNotEmpty();
        }
        assertThat(versions.get(0).at("/source/rawOffset").asLong())
                .isNotEqualTo(versions.get(1).at("/source/rawOffset").asLong());

        JsonNode diff = getJson("/api/v1/archive/notices/" + id("arch-history") + "/versions/1/diff/2");
        assertThat(diff.get("fields").findValuesAsText("field")).contains("version", "contentHash");
        JsonNode translations = diff.get("translations");
        // The original changed, so the unchanged Greek text is now marked outdated.
        assertThat(translations).hasSize(2);
        assertThat(translations.get(0).get("lang").asText()).isEqualTo("el");
        assertThat(translations.get(0).get("fields").findValuesAsText("field")).containsExactly("outdated");
        assertThat(translations.get(0).at("/fields/0/to").asBoolean()).isTrue();
        assertThat(translations.get(1).get("lang").asText()).isEqualTo("en");
        assertThat(translations.get(1).get("change").asText()).isEqualTo("changed");
        assertThat(translations.get(1).get("fields").findValuesAsText("field")).contains("title", "updatedAt");
        JsonNode title = null;
        for (JsonNode field : translations.get(1).get("fields")) {
            if (field.get("field").asText().equals("title")) {
                title = field;
            }
        }
        assertThat(title).isNotNull();
        assertThat(title.get("field").asText()).isEqualTo("title");
        assertThat(title.get("from").asText()).isEqualTo("Clinic closed on Tuesday");
        assertThat(title.get("to").asText()).isEqualTo("Clinic reopened on Tuesday");
        assertThat(diff.get("patch").findValuesAsText("path")).contains("/translations/en/title");

        // The search documents follow the current version.
        assertThat(search("reopened", "en")).containsExactly(id("arch-history"));
        assertThat(search("maintenance", "en")).doesNotContain(id("arch-history"));
    }

    @Test
    void answersBadRequestsWithProblemDetails() {
        assertProblem(http("/api/v1/archive/notices?q=shelter&cursor=not-a-cursor", true), 400);
        String next = nextLink(http("/api/v1/archive/notices?q=xylofonia&limit=2", true))
                .orElseThrow();
        String cursor = next.replaceAll(".*[?&]cursor=([^&]+).*", "$1");
        // A cursor of one search does not continue another.
        assertProblem(http("/api/v1/archive/notices?q=shelter&limit=2&cursor=" + cursor, true), 400);
        assertProblem(http("/api/v1/archive/notices?lang=zz&q=x", true), 400);
        assertProblem(http("/api/v1/archive/notices?kind=rumour", true), 400);
        assertProblem(http("/api/v1/archive/notices/export?format=xml", true), 400);
        assertProblem(http("/api/v1/archive/notices/archive-search:nothing/versions", true), 404);
        assertProblem(http("/api/v1/archive/notices/" + id("arch-legal") + "/versions/1/diff/9", true), 404);
        assertThat(http("/api/v1/archive/notices?q=shelter", false).statusCode())
                .isEqualTo(401);
        assertThat(http("/api/v1/archive/notices/export?format=csv", false).statusCode())
                .isEqualTo(401);
    }

    // --- helpers ---

    private static String id(String externalId) {
        return PARTNER + ":" + externalId;
    }

    private List<String> search(String q, @org.jspecify.annotations.Nullable String lang) {
        String path = "/api/v1/archive/notices?partner=" + PARTNER + "&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8) + (lang == null ? "" : "&lang=" + lang);
        return ids(path);
    }

    private List<String> ids(String path) {
        return getJson(path).findValuesAsText("id").stream()
                .filter(id -> id.contains(":"))
                .toList();
    }

    /** Follows the Link headers from the first page to the last, collecting the ids in order. */
    private List<String> pages(String first) {
        List<String> ids = new ArrayList<>();
        Optional<String> path = Optional.of(first);
        int pages = 0;
        while (path.isPresent()) {
            HttpResponse<String> response = http(path.get(), true);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = json(response.body());
            assertThat(page.isArray()).isTrue();
            page.forEach(notice -> ids.add(notice.get("id").asText()));
            path = nextLink(response);
            assertThat(++pages).isLessThan(20);
        }
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        return ids;
    }

    private static Optional<String> nextLink(HttpResponse<String> response) {
        return response.headers().firstValue("link").map(link -> {
            Matcher matcher = NEXT.matcher(link);
            assertThat(matcher.find()).as(link).isTrue();
            URI uri = URI.create(matcher.group(1));
            return uri.getRawPath() + "?" + uri.getRawQuery();
        });
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(response.body()).get("status").asInt()).isEqualTo(status);
    }

    private void push(String body) {
        HttpResponse<String> response = SignedPush.push(port, PARTNER, PUSH_SECRET, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }
}
