package gr.accmr.hub.fanout.mobile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import gr.accmr.hub.HubITSupport;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.Translation;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mobile feeds read back as an app reads them: notices written to {@code hub.notices} reach
 * {@code /feeds/{lang}.json} and {@code .atom} in pages, filtered, revalidated with 304s, gone at
 * their expiry. Each test has partners of its own, and its notices are dated years back so other
 * tests' notices stay on the first page of the shared hub's feeds.
 */
class MobileFeedIT extends HubITSupport {

    /** The links name the configured public address (the default), whatever port served the request. */
    private static final String PUBLIC_URL = "http://localhost:8080";

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    private final HttpClient client = HttpClient.newHttpClient();

    @Autowired
    MobileFeedStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void pagesThroughMoreItemsThanAPageHoldsWithoutDuplicatesOrGaps() throws Exception {
        String partner = partner("paged");
        List<Notice> notices = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            // Three notices share each publication time, so the id decides between them.
            notices.add(notice(
                    partner,
                    "n" + i,
                    1,
                    LONG_AGO.plus(i / 3, ChronoUnit.MINUTES),
                    null,
                    Map.of("uk", uk("Оголошення " + i))));
        }
        publish(notices);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> items(get("/feeds/uk.json?limit=200&partner=" + partner))
                                .size()
                        == 120);

        List<String> json = new ArrayList<>();
        String next = "/feeds/uk.json?partner=" + partner;
        int pages = 0;
        while (next != null) {
            JsonNode page = json(get(next).body());
            assertThat(page.get("items").size()).isLessThanOrEqualTo(50);
            json.addAll(items(page));
            next = page.hasNonNull("next_url") ? relative(page.get("next_url").asText()) : null;
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(json).doesNotHaveDuplicates().hasSize(120);
        List<String> expected = notices.stream()
                .sorted((a, b) -> a.publishedAt().equals(b.publishedAt())
                        ? b.id().compareTo(a.id())
                        : b.publishedAt().compareTo(a.publishedAt()))
                .map(Notice::id)
                .toList();
        assertThat(json).isEqualTo(expected);

        List<String> atom = new ArrayList<>();
        String atomNext = "/feeds/uk.atom?limit=40&partner=" + partner;
        while (atomNext != null) {
            HttpResponse<String> response = get(atomNext);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/atom+xml"));
            Feed feed = atom(response.body());
            assertThat(link(feed, "self")).isNotNull();
            assertThat(link(feed, "first")).endsWith("/feeds/uk.atom?partner=" + partner + "&limit=40");
            feed.getEntries().stream()
                    .map(Entry::getId)
                    .map(id -> id.substring(AtomFeeds.ENTRY_ID_PREFIX.length()))
                    .forEach(atom::add);
            String nextLink = link(feed, "next");
            atomNext = nextLink == null ? null : relative(nextLink);
        }
        assertThat(atom).isEqualTo(expected);
    }

    @Test
    void aBatchHoldingSeveralVersionsOfANoticeShowsOnlyTheNewestOnce() {
        String partner = partner("batched");
        // One batch as a channel receives it after a burst: a notice updated twice, another whose
        // older version comes after its newer one, and a third retracted.
        store.acceptAll(List.of(
                notice(partner, "a", 1, LONG_AGO, null, Map.of("uk", uk("Перше"))),
                notice(partner, "b", 2, LONG_AGO.plusSeconds(1), null, Map.of("uk", uk("Бе нове"))),
                notice(partner, "c", 1, LONG_AGO.plusSeconds(2), null, Map.of("uk", uk("Це"))),
                notice(partner, "a", 2, LONG_AGO, null, Map.of("uk", uk("Друге"))),
                notice(partner, "b", 1, LONG_AGO.plusSeconds(1), null, Map.of("uk", uk("Бе старе")))));
        store.acceptAll(List.of(
                notice(partner, "a", 1, LONG_AGO, null, Map.of("uk", uk("Перше"))),
                notice(partner, "c", 2, LONG_AGO.plusSeconds(2), null, Map.of("uk", uk("Це")))
                        .retracted()));

        JsonNode feed = json(get("/feeds/uk.json?partner=" + partner).body());
        List<String> titles = new ArrayList<>();
        feed.get("items").forEach(item -> titles.add(item.get("title").asText()));
        assertThat(titles).containsExactly("Бе нове", "Друге");
    }

    @Test
    void answersConditionalRequestsWithNotModifiedUntilTheFeedChanges() {
        String partner = partner("cached");
        publish(List.of(notice(partner, "a", 1, LONG_AGO, null, Map.of("uk", uk("Перше")))));
        String path = "/feeds/uk.json?partner=" + partner;
        await().atMost(Duration.ofSeconds(60)).until(() -> items(get(path)).size() == 1);

        HttpResponse<String> first = get(path);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(
                        cache -> assertThat(cache).contains("max-age=60").contains("public"));
        assertThat(first.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/feed+json"));

        HttpResponse<String> unchanged = get(path, "If-None-Match", etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().firstValue("ETag")).hasValue(etag);
        assertThat(unchanged.headers().firstValue("Cache-Control")).isPresent();
        assertThat(get(path, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        // Another format, another filter or another page size is another representation.
        assertThat(get("/feeds/uk.atom?partner=" + partner, "If-None-Match", etag)
                        .statusCode())
                .isEqualTo(200);
        assertThat(get(path + "&kind=news", "If-None-Match", etag).statusCode()).isEqualTo(200);
        assertThat(get(path + "&limit=10", "If-None-Match", etag).statusCode()).isEqualTo(200);

        publish(List.of(notice(partner, "a", 2, LONG_AGO, null, Map.of("uk", uk("Перше, змінене")))));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get(path, "If-None-Match", etag).statusCode() == 200);
        HttpResponse<String> changed = get(path, "If-None-Match", etag);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(json(changed.body()).at("/items/0/title").asText()).isEqualTo("Перше, змінене");
        // An older version delivered again changes nothing.
        publish(List.of(notice(partner, "a", 1, LONG_AGO, null, Map.of("uk", uk("Перше")))));
        publish(List.of(notice(partner, "b", 1, LONG_AGO, null, Map.of("uk", uk("Друге")))));
        await().atMost(Duration.ofSeconds(60)).until(() -> items(get(path)).size() == 2);
        assertThat(json(get(path).body()).findValuesAsText("title"))
                .contains("Перше, змінене")
                .doesNotContain("Перше");
    }

    @Test
    void filtersByPartnerKindCategoryAndUrgencyAndKeepsTheFiltersInTheLinks() {
        String partner = partner("filtered");
        String other = partner("other");
        publish(List.of(
                notice(
                        partner,
                        "alert",
                        1,
                        LONG_AGO.plusSeconds(3),
                        Notice.Kind.ALERT,
                        Notice.Urgency.URGENT,
                        List.of("health")),
                notice(
                        partner,
                        "news",
                        1,
                        LONG_AGO.plusSeconds(2),
                        Notice.Kind.NEWS,
                        Notice.Urgency.NORMAL,
                        List.of("health", "housing")),
                notice(
                        partner,
                        "event",
                        1,
                        LONG_AGO.plusSeconds(1),
                        Notice.Kind.EVENT,
                        Notice.Urgency.NORMAL,
                        List.of("asylum")),
                notice(
                        other,
                        "alert",
                        1,
                        LONG_AGO.plusSeconds(4),
                        Notice.Kind.ALERT,
                        Notice.Urgency.URGENT,
                        List.of("health"))));
        String base = "/feeds/uk.json?partner=" + partner;
        await().atMost(Duration.ofSeconds(60))
                .until(() -> items(get(base)).size() == 3
                        && items(get("/feeds/uk.json?partner=" + other)).size() == 1);

        assertThat(items(get(base + "&kind=alert"))).containsExactly(partner + ":alert");
        assertThat(items(get(base + "&category=health"))).containsExactly(partner + ":alert", partner + ":news");
        assertThat(items(get(base + "&category=health&urgency=normal"))).containsExactly(partner + ":news");
        assertThat(items(get(base + "&kind=news,event"))).containsExactly(partner + ":news", partner + ":event");
        assertThat(items(get(base + "&kind=news&kind=event"))).containsExactly(partner + ":news", partner + ":event");
        assertThat(items(get("/feeds/uk.json?kind=alert&partner=" + partner + "&partner=" + other)))
                .containsExactly(other + ":alert", partner + ":alert");

        JsonNode page = json(get(base + "&category=health&limit=1").body());
        assertThat(items(page)).containsExactly(partner + ":alert");
        String next = page.get("next_url").asText();
        assertThat(next)
                .startsWith(PUBLIC_URL + "/feeds/uk.json?")
                .contains("partner=" + partner, "category=health", "limit=1", "cursor=");
        JsonNode second = json(get(relative(next)).body());
        assertThat(items(second)).containsExactly(partner + ":news");
        assertThat(second.has("next_url")).isFalse();

        Feed atom = atom(
                get("/feeds/uk.atom?partner=" + partner + "&urgency=urgent").body());
        assertThat(atom.getEntries())
                .extracting(Entry::getId)
                .containsExactly(AtomFeeds.ENTRY_ID_PREFIX + partner + ":alert");

        assertProblem(get(base + "&kind=rumour"), 400);
        assertProblem(get(base + "&limit=201"), 400);
        assertProblem(get(base + "&cursor=not-a-cursor"), 400);
    }

    @Test
    void takesAnItemOffTheFeedsAtItsExpiryWithoutANewVersion() {
        String partner = partner("brief");
        publish(List.of(new Notice(
                partner + ":soon",
                partner,
                "soon",
                Notice.Kind.ALERT,
                Notice.Status.PUBLISHED,
                Notice.Urgency.URGENT,
                1,
                "h",
                LONG_AGO,
                null,
                null,
                Instant.now().plusSeconds(5),
                "uk",
                Map.of("uk", uk("Скоро закінчиться")),
                List.of(),
                null,
                List.of(),
                List.of(),
                source(partner))));
        String path = "/feeds/uk.json?partner=" + partner;
        await().atMost(Duration.ofSeconds(60)).until(() -> items(get(path)).size() == 1);
        String etag = get(path).headers().firstValue("ETag").orElseThrow();
        String atomPath = "/feeds/uk.atom?partner=" + partner;
        assertThat(atom(get(atomPath).body()).getEntries()).hasSize(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> items(get(path)).isEmpty());
        assertThat(get(path, "If-None-Match", etag).statusCode()).isEqualTo(200);
        assertThat(atom(get(atomPath).body()).getEntries()).isEmpty();
    }

    @Test
    void leavesOutANoticeWithoutATranslationByDefaultAndCanShowItsOriginalInstead() {
        String partner = partner("french");
        Translation french =
                new Translation("Aide juridique gratuite", "", "<p>À Athènes.</p>", "À Athènes.", "ltr", null);
        publish(List.of(notice(partner, "legal", 1, LONG_AGO, null, Map.of("fr", french))));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> items(get("/feeds/fr.json?partner=" + partner)).size() == 1);

        assertThat(json(get("/feeds/uk.json?partner=" + partner).body()).get("items"))
                .isEmpty();
        assertThat(atom(get("/feeds/uk.atom?partner=" + partner).body()).getEntries())
                .isEmpty();
        assertThat(json(get("/feeds/fr.json?partner=" + partner).body())
                        .at("/items/0/_accmr/fallback")
                        .isMissingNode())
                .isTrue();

        // Left out, the notice costs no rows in the languages it lacks.
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM mobile_feed_item WHERE notice_id = ?", Long.class, partner + ":legal"))
                .isOne();

        // A hub started with hub.mobile.fallback=original fills in the rows for the notices it has:
        // the Ukrainian feed shows the French item, marked, and its validators move.
        FeedQuery withOriginals = new FeedQuery(
                "uk", new FeedQuery.Filters(List.of(partner), List.of(), List.of(), List.of()), 50, null, true);
        String ukrainian = get("/feeds/uk.json").headers().firstValue("ETag").orElseThrow();
        try {
            store.keepFallbacks(List.of("en", "el", "ar", "fa", "ur", "fr", "uk"));
            List<JsonNode> shown = store.page(withOriginals, Instant.now()).items();
            assertThat(shown).hasSize(1);
            assertThat(shown.get(0).get("language").asText()).isEqualTo("fr");
            assertThat(shown.get(0).at("/_accmr/fallback").asBoolean()).isTrue();
            assertThat(shown.get(0).get("title").asText()).isEqualTo("Aide juridique gratuite");
            assertThat(get("/feeds/uk.json", "If-None-Match", ukrainian).statusCode())
                    .isEqualTo(200);
            // The French feed still shows its own item, unmarked.
            assertThat(store.page(
                                    new FeedQuery(
                                            "fr",
                                            new FeedQuery.Filters(List.of(partner), List.of(), List.of(), List.of()),
                                            50,
                                            null,
                                            true),
                                    Instant.now())
                            .items()
                            .get(0)
                            .at("/_accmr/fallback")
                            .isMissingNode())
                    .isTrue();
        } finally {
            // Started again with omit: the rows go.
            store.keepFallbacks(List.of());
        }
        assertThat(store.page(withOriginals, Instant.now()).items()).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM mobile_feed_item WHERE notice_id = ?", Long.class, partner + ":legal"))
                .isOne();
    }

    @Test
    void answersNotFoundForALanguageTheHubDoesNotServe() {
        for (String path : List.of("/feeds/de.json", "/feeds/de.atom", "/feeds/123.json", "/feeds/xx-yy.atom")) {
            assertProblem(get(path), 404);
        }
        HttpResponse<String> regional = get("/feeds/ar-SA.json");
        assertThat(regional.statusCode()).isEqualTo(200);
        assertThat(json(regional.body()).get("language").asText()).isEqualTo("ar");
        assertThat(json(regional.body()).get("feed_url").asText()).isEqualTo(PUBLIC_URL + "/feeds/ar.json");
    }

    @Test
    void readsEveryPageInIndexOrderWithoutSortingOrSkippingThroughTheFeed() {
        FeedQuery.Cursor deep = new FeedQuery.Cursor(LONG_AGO, "m-deep:n9");
        List<FeedQuery> queries = List.of(
                new FeedQuery("uk", FeedQuery.Filters.NONE, 50, null, false),
                new FeedQuery("uk", FeedQuery.Filters.NONE, 50, deep, true),
                new FeedQuery(
                        "uk", new FeedQuery.Filters(List.of("irc"), List.of(), List.of(), List.of()), 50, deep, false),
                new FeedQuery(
                        "uk",
                        new FeedQuery.Filters(List.of(), List.of("alert"), List.of("health"), List.of("urgent")),
                        50,
                        deep,
                        false));
        for (FeedQuery query : queries) {
            String plan = transactions.execute(status -> {
                // With these off, only an index that yields the feed's order avoids a Sort node.
                jdbc.execute("SET LOCAL enable_seqscan = off");
                jdbc.execute("SET LOCAL enable_bitmapscan = off");
                jdbc.execute("SET LOCAL enable_sort = off");
                MobileFeedStore.PageSql sql = store.pageSql(query, Instant.now());
                return String.join("\n", jdbc.queryForList("EXPLAIN " + sql.text(), String.class, sql.arguments()));
            });
            assertThat(plan).as(query.toString()).contains("Index Scan").doesNotContain("Sort", "Offset");
        }
    }

    // --- notices ---

    private static String partner(String name) {
        return "m-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Translation uk(String title) {
        return new Translation(title, "", "<p>" + title + "</p>", title, "ltr", null);
    }

    private static Notice notice(
            String partner,
            String externalId,
            int version,
            Instant publishedAt,
            @Nullable Instant expiresAt,
            Map<String, Translation> translations) {
        return new Notice(
                partner + ":" + externalId,
                partner,
                externalId,
                Notice.Kind.NOTICE,
                Notice.Status.PUBLISHED,
                Notice.Urgency.NORMAL,
                version,
                "hash-" + version,
                publishedAt,
                null,
                null,
                expiresAt,
                translations.keySet().iterator().next(),
                translations,
                List.of(),
                null,
                List.of(),
                List.of(),
                source(partner));
    }

    private static Notice notice(
            String partner,
            String externalId,
            int version,
            Instant publishedAt,
            Notice.Kind kind,
            Notice.Urgency urgency,
            List<String> categories) {
        return new Notice(
                partner + ":" + externalId,
                partner,
                externalId,
                kind,
                Notice.Status.PUBLISHED,
                urgency,
                version,
                "hash",
                publishedAt,
                null,
                null,
                null,
                "uk",
                Map.of("uk", uk(externalId)),
                categories,
                null,
                List.of(),
                List.of(),
                source(partner));
    }

    private static Notice.Source source(String partner) {
        return new Notice.Source("partner." + partner, null, Instant.now(), "hub.inbound.raw", 0, 0);
    }

    /** Writes notices to {@code hub.notices} as normalization does: keyed by id, in order. */
    private void publish(List<Notice> notices) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (Notice notice : notices) {
                producer.send(new ProducerRecord<>("hub.notices", notice.id(), NoticeJson.write(notice)));
            }
            producer.flush();
        }
    }

    // --- reading ---

    private HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> items(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return items(json(response.body()));
    }

    private static List<String> items(JsonNode feed) {
        List<String> ids = new ArrayList<>();
        feed.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private String relative(String absolute) {
        String prefix = PUBLIC_URL;
        assertThat(absolute).startsWith(prefix);
        return absolute.substring(prefix.length());
    }

    private static Feed atom(String xml) {
        try {
            return (Feed) new WireFeedInput().build(new StringReader(xml));
        } catch (Exception e) {
            throw new AssertionError("not an Atom feed: " + xml, e);
        }
    }

    private static @Nullable String link(Feed feed, String rel) {
        Map<String, String> links = new LinkedHashMap<>();
        for (Link link : feed.getOtherLinks()) {
            links.put(link.getRel(), link.getHref());
        }
        return links.get(rel);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response.body()).get("status").asInt()).isEqualTo(status);
    }
}
