package gr.accmr.hub.ingest.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import gr.accmr.hub.ingest.OutboundHttp;
import gr.accmr.hub.ingest.OutboundHttpForTests;
import gr.accmr.hub.ingest.PartnerPolling;
import gr.accmr.hub.ingest.RawDelivery;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZendeskPollerTest {

    private static final String PREFIX = "/zendesk";
    private static final String API = PREFIX + "/api/v2/help_center";
    private static final List<String> LOCALES = List.of("en-us", "ar", "fa", "fr", "ur", "uk");
    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    private static final WireMockServer ZENDESK =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private static OutboundHttp http;

    private final List<RawDelivery> published = new ArrayList<>();
    private final Map<String, String> stored = new HashMap<>();
    private int checkpointWrites;
    private Instant now = START;

    @BeforeAll
    static void startZendesk() {
        ZENDESK.start();
        http = OutboundHttpForTests.create();
    }

    @AfterAll
    static void stopZendesk() throws Exception {
        ZENDESK.stop();
        http.destroy();
    }

    @BeforeEach
    void allLocalesListTheRenewalArticleAndEnglishPagesToTheCashArticle() {
        ZENDESK.resetAll();
        // Page two is named with Zendesk's own host, as Zendesk does behind a custom domain.
        listing(
                "en-us",
                null,
                List.of(article("360001", "en-us")),
                "https://refugeeinfo.zendesk.com/api/v2/help_center/en-us/articles.json?page=2&per_page=100&sort_by=updated_at&sort_order=desc");
        listing("en-us", "2", List.of(article("360002", "en-us")), null);
        for (String locale : LOCALES.subList(1, LOCALES.size())) {
            listing(locale, null, List.of(article("360001", locale)), null);
        }
    }

    @AfterEach
    void resetClock() {
        now = START;
    }

    @Test
    void pagesThroughEveryLocaleAndSendsOneBundlePerArticle() throws IOException {
        int sent = poller().poll();

        assertThat(sent).isEqualTo(2);
        assertThat(published)
                .extracting(RawDelivery::key)
                .containsExactly(new NoticeId("refugee-info", "360001"), new NoticeId("refugee-info", "360002"));
        RawDelivery renewal = published.get(0);
        assertThat(renewal.contentType()).isEqualTo(RawHeaders.ZENDESK_ARTICLE);
        assertThat(renewal.route()).isEqualTo("partner.refugee-info");
        assertThat(renewal.declaredLanguage()).isEqualTo("en-us");
        assertThat(renewal.defaultKind()).isEqualTo("notice");
        JsonNode bundle = json(renewal.body());
        assertThat(bundle.get("articleId").asLong()).isEqualTo(360001);
        assertThat(bundle.get("sourceLocale").asText()).isEqualTo("en-us");
        assertThat(bundle.get("baseUrl").asText()).isEqualTo(ZENDESK.baseUrl() + PREFIX);
        assertThat(bundle.get("articles")).hasSize(6);
        // The objects go on exactly as Zendesk sent them.
        assertThat(bundle.get("articles")).contains(article("360001", "ar"), article("360001", "uk"));
        assertThat(bundle.has("translations")).isFalse();
        assertThat(ZENDESK.countRequestsMatching(getRequestedFor(urlPathEqualTo(API + "/en-us/articles.json"))
                                .withQueryParam("page", equalTo("2"))
                                .build())
                        .getCount())
                .isOne();
        // Every locale was in this poll: nothing to complete from the translations endpoint.
        assertThat(translationRequests("360001")).isZero();
        assertThat(checkpointWrites).isOne();
    }

    @Test
    void stopsAtTheCheckpointAndCompletesAnArticleChangedInOneLocaleWithItsTranslations() throws IOException {
        poller().poll();
        published.clear();
        ObjectNode edited = article("360001", "en-us").deepCopy();
        edited.put("updated_at", "2026-11-26T09:00:00Z");
        edited.put("title", "Renewing your residence permit in Athens: new opening hours");
        ZENDESK.resetRequests();
        listing(
                "en-us",
                null,
                List.of(edited, article("360002", "en-us")),
                ZENDESK.baseUrl() + API
                        + "/en-us/articles.json?page=2&per_page=100&sort_by=updated_at&sort_order=desc");
        ZENDESK.stubFor(get(urlPathEqualTo(API + "/articles/360001/translations"))
                .willReturn(okJson(fixtureText("360001/translations.json"))));
        now = START.plus(Duration.ofMinutes(10));

        int sent = poller().poll();

        assertThat(sent).isOne();
        JsonNode bundle = json(published.get(0).body());
        assertThat(bundle.get("articles")).containsExactly(edited);
        assertThat(bundle.get("translations")).hasSize(6);
        assertThat(translationRequests("360001")).isOne();
        // The cash article is older than the checkpoint: the listing stopped before page two.
        assertThat(ZENDESK.countRequestsMatching(getRequestedFor(urlPathEqualTo(API + "/en-us/articles.json"))
                                .withQueryParam("page", equalTo("2"))
                                .build())
                        .getCount())
                .isZero();
    }

    @Test
    void sendsArticlesPageByPageOnceAPollHoldsMoreThanItsBound() throws IOException {
        ZENDESK.stubFor(get(urlPathEqualTo(API + "/articles/360001/translations"))
                .willReturn(okJson(fixtureText("360001/translations.json"))));
        ZENDESK.stubFor(get(urlPathEqualTo(API + "/articles/360002/translations"))
                .willReturn(okJson("{\"translations\":[],\"next_page\":null}")));
        ZendeskPoller poller = poller(null, null, 1);

        assertThat(poller.poll()).isEqualTo(2);

        // Each article went out from the first page it was on, completed from its translations,
        // instead of being held until every locale's listing was read.
        JsonNode renewal = json(published.get(0).body());
        assertThat(renewal.get("articles")).containsExactly(article("360001", "en-us"));
        assertThat(renewal.get("translations")).hasSize(6);
        assertThat(translationRequests("360001")).isOne();
        assertThat(json(published.get(1).body()).get("articleId").asLong()).isEqualTo(360002);
        assertThat(json(stored.get("refugee-info/zendesk.articles"))
                        .at("/known/360001")
                        .size())
                .isEqualTo(6);

        // The next poll knows every locale and sends nothing again.
        published.clear();
        now = START.plus(Duration.ofMinutes(10));
        assertThat(poller(null, null, 1).poll()).isZero();
    }

    @Test
    void sendsNothingWhenNothingChanged() throws IOException {
        poller().poll();
        published.clear();
        now = START.plus(Duration.ofMinutes(10));

        assertThat(poller().poll()).isZero();
        assertThat(published).isEmpty();
        assertThat(checkpointWrites).isEqualTo(2);
    }

    @Test
    void asksWithTheLastETagAndSkipsALocaleThatAnswersNotModified() throws IOException {
        ZENDESK.stubFor(listingRequest("ar", null)
                .willReturn(okJson(page(List.of(article("360001", "ar")), null)).withHeader("ETag", "\"ar-v1\"")));
        poller().poll();
        published.clear();
        ZENDESK.stubFor(listingRequest("ar", null)
                .withHeader("If-None-Match", equalTo("\"ar-v1\""))
                .atPriority(1)
                .willReturn(aResponse().withStatus(304)));
        now = START.plus(Duration.ofMinutes(10));

        assertThat(poller().poll()).isZero();
        assertThat(ZENDESK.countRequestsMatching(getRequestedFor(urlPathEqualTo(API + "/ar/articles.json"))
                                .withHeader("If-None-Match", equalTo("\"ar-v1\""))
                                .build())
                        .getCount())
                .isOne();
    }

    @Test
    void asksToRetryAfterWhatZendeskSaysWhenRateLimitedAndKeepsTheCheckpoint() {
        ZENDESK.stubFor(listingRequest("fa", null)
                .atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> poller().poll())
                .isInstanceOfSatisfying(
                        PartnerPolling.RetryLaterException.class,
                        later -> assertThat(later.retryAfter()).isEqualTo(Duration.ofSeconds(120)))
                .hasMessageContaining("429");
        assertThat(published).isEmpty();
        assertThat(checkpointWrites).isZero();
    }

    @Test
    void reportsAnyOtherErrorWithItsStatus() {
        ZENDESK.stubFor(
                listingRequest("uk", null).atPriority(1).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> poller().poll())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("/uk/articles.json");
        assertThat(checkpointWrites).isZero();
    }

    @Test
    void retractsAnArticleThatIsGoneFromAFullListingOfEveryPage() throws IOException {
        poller().poll();
        published.clear();
        listing("en-us", null, List.of(article("360001", "en-us")), null);

        // A partial listing cannot tell a missing article from one it did not reach.
        now = START.plus(Duration.ofMinutes(10));
        assertThat(poller().poll()).isZero();

        now = START.plus(Duration.ofHours(2));
        assertThat(poller().poll()).isOne();
        RawDelivery retraction = published.get(0);
        assertThat(retraction.contentType()).isEqualTo(RawHeaders.RETRACTION);
        assertThat(retraction.key()).isEqualTo(new NoticeId("refugee-info", "360002"));
        assertThat(json(retraction.body())).isEqualTo(json("{\"externalId\":\"360002\"}".getBytes()));

        published.clear();
        now = START.plus(Duration.ofHours(4));
        assertThat(poller().poll()).as("retracted once only").isZero();
    }

    @Test
    void sendsAnArticleAgainWithoutATranslationThatWasWithdrawn() throws IOException {
        poller().poll();
        published.clear();
        listing("uk", null, List.of(), null);
        ZENDESK.stubFor(get(urlPathEqualTo(API + "/articles/360001.json"))
                .willReturn(okJson("{\"article\":" + fixtureText("360001/en-us.json") + "}")));
        ZENDESK.stubFor(get(urlPathEqualTo(API + "/articles/360001/translations"))
                .willReturn(okJson(fixtureText("360001/translations.json"))));
        now = START.plus(Duration.ofHours(2));

        assertThat(poller().poll()).isOne();
        assertThat(published.get(0).contentType()).isEqualTo(RawHeaders.ZENDESK_ARTICLE);
        assertThat(translationRequests("360001")).isOne();
    }

    @Test
    void retractsAnArticleWhoseSourceLocaleIsADraft() throws IOException {
        listing("fr", null, List.of(article("360001", "fr"), article("360003", "fr")), null);
        listing("en-us", "2", List.of(article("360002", "en-us"), article("360003", "en-us")), null);

        poller().poll();

        assertThat(published)
                .filteredOn(record -> record.key().externalId().equals("360003"))
                .singleElement()
                .satisfies(record -> assertThat(record.contentType()).isEqualTo(RawHeaders.RETRACTION));
    }

    @Test
    void followsCursorPaginationLinks() throws IOException {
        ZENDESK.stubFor(listingRequest("ar", null)
                .atPriority(1)
                .willReturn(okJson("{\"articles\":[" + article("360001", "ar") + "],\"meta\":{\"has_more\":true,"
                        + "\"after_cursor\":\"xyz\"},\"links\":{\"next\":\"" + ZENDESK.baseUrl() + API
                        + "/ar/articles.json?page%5Bafter%5D=xyz&page%5Bsize%5D=100\"}}")));
        ZENDESK.stubFor(get(urlPathEqualTo(API + "/ar/articles.json"))
                .withQueryParam("page[after]", equalTo("xyz"))
                .atPriority(1)
                .willReturn(
                        okJson("{\"articles\":[" + article("360002", "en-us").put("locale", "ar")
                                + "],\"meta\":{\"has_more\":false},\"links\":{\"next\":null}}")));

        poller().poll();

        assertThat(json(published.get(1).body()).get("articles"))
                .extracting(article -> article.get("locale").asText())
                .containsExactly("ar", "en-us");
        assertThat(ZENDESK.countRequestsMatching(getRequestedFor(urlPathEqualTo(API + "/ar/articles.json"))
                                .withQueryParam("page[after]", equalTo("xyz"))
                                .build())
                        .getCount())
                .isOne();
    }

    @Test
    void usesTheApiTokenAndTheIncrementalExportWhenATokenIsConfigured() throws IOException {
        poller("agent@refugee.info", "s3cret").poll();
        String basic = "Basic " + Base64.getEncoder().encodeToString("agent@refugee.info/token:s3cret".getBytes());
        assertThat(ZENDESK.findAll(getRequestedFor(urlPathEqualTo(API + "/en-us/articles.json")))
                        .get(0)
                        .getHeader("Authorization"))
                .isEqualTo(basic);
        published.clear();
        long startTime = START.minus(Duration.ofMinutes(1)).getEpochSecond();
        ObjectNode edited = article("360001", "fr").deepCopy();
        edited.put("updated_at", "2026-11-26T10:05:00Z");
        ZENDESK.stubFor(get(urlPathEqualTo(API + "/incremental/articles"))
                .withQueryParam("start_time", equalTo(String.valueOf(startTime)))
                .willReturn(okJson("{\"articles\":[" + edited + "],\"next_page\":null,\"count\":1,\"end_time\":"
                        + (startTime + 400) + "}")));
        ZENDESK.stubFor(get(urlPathEqualTo(API + "/articles/360001/translations"))
                .willReturn(okJson(fixtureText("360001/translations.json"))));
        now = START.plus(Duration.ofMinutes(10));

        assertThat(poller("agent@refugee.info", "s3cret").poll()).isOne();

        assertThat(json(published.get(0).body()).get("articles")).containsExactly(edited);
        assertThat(json(stored.get("refugee-info/zendesk.articles"))
                        .get("exportStartTime")
                        .asLong())
                .isEqualTo(startTime + 400);
    }

    @Test
    void publishesTheCurrentArticleWithItsTranslationsForAWebhook() throws IOException {
        ZENDESK.stubFor(get(urlPathEqualTo(API + "/articles/360001.json"))
                .willReturn(okJson("{\"article\":" + fixtureText("360001/en-us.json") + "}")));
        ZENDESK.stubFor(get(urlPathEqualTo(API + "/articles/360001/translations"))
                .willReturn(okJson(fixtureText("360001/translations.json"))));

        poller().publishCurrent(360001);

        JsonNode bundle = json(published.get(0).body());
        assertThat(bundle.get("articles")).containsExactly(article("360001", "en-us"));
        assertThat(bundle.get("translations")).hasSize(6);
        assertThat(checkpointWrites).isZero();
    }

    @Test
    void retractsAnArticleAWebhookNamesThatZendeskNoLongerShows() throws IOException {
        ZENDESK.stubFor(get(urlPathEqualTo(API + "/articles/360002.json"))
                .willReturn(aResponse().withStatus(404)));

        poller().publishCurrent(360002);

        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.contentType()).isEqualTo(RawHeaders.RETRACTION);
            assertThat(record.key()).isEqualTo(new NoticeId("refugee-info", "360002"));
        });
    }

    private ZendeskPoller poller() {
        return poller(null, null);
    }

    private ZendeskPoller poller(@Nullable String email, @Nullable String token) {
        return poller(email, token, ZendeskPoller.MAX_PENDING_CHARS);
    }

    private ZendeskPoller poller(@Nullable String email, @Nullable String token, long maxPendingChars) {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        ZendeskApi api = new ZendeskApi(http, ZENDESK.baseUrl() + PREFIX + "/", email, token, true, clock);
        var settings = new ZendeskPoller.Settings(
                "refugee-info", "partner.refugee-info", LOCALES, "en", "notice", Duration.ofHours(1));
        ZendeskPoller.CheckpointStore store = new ZendeskPoller.CheckpointStore() {
            @Override
            public Optional<String> get(String partner, String name) {
                return Optional.ofNullable(stored.get(partner + "/" + name));
            }

            @Override
            public void put(String partner, String name, String value) {
                stored.put(partner + "/" + name, value);
                checkpointWrites++;
            }
        };
        return new ZendeskPoller(api, settings, published::add, store, clock, maxPendingChars);
    }

    private static void listing(String locale, @Nullable String page, List<JsonNode> articles, @Nullable String next) {
        ZENDESK.stubFor(listingRequest(locale, page).willReturn(okJson(page(articles, next))));
    }

    private static MappingBuilder listingRequest(String locale, @Nullable String page) {
        return get(urlPathEqualTo(API + "/" + locale + "/articles.json"))
                .withQueryParam("sort_by", equalTo("updated_at"))
                .withQueryParam("sort_order", equalTo("desc"))
                .withQueryParam("page", page == null ? absent() : equalTo(page));
    }

    /** A page as Zendesk's offset pagination writes it. */
    private static String page(List<JsonNode> articles, @Nullable String next) {
        ObjectNode page = NoticeJson.mapper().createObjectNode();
        page.putArray("articles").addAll(articles);
        page.put("next_page", next);
        page.putNull("previous_page");
        page.put("count", articles.size());
        page.put("per_page", 100);
        page.put("sort_by", "updated_at");
        page.put("sort_order", "desc");
        return page.toString();
    }

    private static int translationRequests(String id) {
        return ZENDESK.countRequestsMatching(getRequestedFor(urlPathEqualTo(API + "/articles/" + id + "/translations"))
                        .build())
                .getCount();
    }

    private static ObjectNode article(String id, String locale) {
        return (ObjectNode) json(fixtureText(id + "/" + locale + ".json").getBytes());
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return NoticeJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        return json(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String fixtureText(String name) {
        try (InputStream in = ZendeskPollerTest.class.getResourceAsStream("/zendesk/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture zendesk/" + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
