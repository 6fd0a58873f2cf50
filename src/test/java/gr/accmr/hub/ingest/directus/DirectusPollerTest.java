package gr.accmr.hub.ingest.directus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import gr.accmr.hub.ingest.OutboundHttp;
import gr.accmr.hub.ingest.OutboundHttpForTests;
import gr.accmr.hub.ingest.PartnerPolling;
import gr.accmr.hub.ingest.RawDelivery;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectusPollerTest {

    private static final String PATH = "/directus/items/services";
    private static final String TOKEN = "s3cret-read-only-token";
    private static final Instant NOW = Instant.parse("2026-11-26T07:27:00Z");

    private static WireMockServer directus;
    private static OutboundHttp http;

    /** Everything the poller did, in order: "publish <key>" and "save <checkpoint>". */
    private final List<String> events = new ArrayList<>();

    private final List<RawDelivery> published = new ArrayList<>();
    private final Map<String, String> checkpoints = new HashMap<>();
    private DirectusSource source;
    private DirectusPoller poller;

    @BeforeAll
    static void startDirectus() {
        directus = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        directus.start();
        http = OutboundHttpForTests.create();
    }

    @AfterAll
    static void stopDirectus() throws IOException {
        directus.stop();
        http.destroy();
    }

    @BeforeEach
    void newPoller() {
        directus.resetAll();
        source = new DirectusSource(
                "refugee-info",
                "partner.refugee-info-services",
                URI.create(directus.baseUrl() + "/directus/"),
                "services",
                TOKEN,
                "en",
                true);
        DirectusPoller.CursorStore store = new DirectusPoller.CursorStore() {
            @Override
            public Optional<String> load(String partner, String name) {
                return Optional.ofNullable(checkpoints.get(partner + "/" + name));
            }

            @Override
            public void save(String partner, String name, String value) {
                events.add("save " + value);
                checkpoints.put(partner + "/" + name, value);
            }
        };
        DirectusPoller.Sink sink = delivery -> {
            events.add("publish " + delivery.key());
            published.add(delivery);
        };
        poller = new DirectusPoller(http, sink, store, 2, Clock.fixed(NOW, ZoneOffset.UTC));
        // Unless a test says otherwise, a pass finds nothing.
        directus.stubFor(get(urlPathEqualTo(PATH)).atPriority(9).willReturn(json("{\"data\":[]}")));
    }

    @AfterEach
    void noUnexpectedRequests() {
        assertThat(directus.findAllUnmatchedRequests()).isEmpty();
    }

    @Test
    void firstPollAsksForPublishedItemsWithAllFieldsAndTheBearerToken() throws Exception {
        directus.stubFor(updatedPass()
                .withQueryParam("filter[_and][0][status][_eq]", equalTo("published"))
                .withQueryParam("filter[_and][1][date_updated][_nnull]", equalTo("true"))
                .willReturn(json("{\"data\":[" + item(1201, "2026-11-20T09:15:00.000Z", "published") + "]}")));

        int sent = poller.poll(source);

        assertThat(sent).isEqualTo(1);
        directus.verify(
                2,
                getRequestedFor(urlPathEqualTo(PATH))
                        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                        .withHeader("Accept", equalTo("application/json"))
                        .withQueryParam("fields", equalTo("*,translations.*,translations.languages_id.code"))
                        .withQueryParam("filter[_and][0][status][_eq]", equalTo("published"))
                        .withQueryParam("limit", equalTo("2")));
        directus.verify(getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("sort", equalTo("date_created,id"))
                .withQueryParam("filter[_and][1][date_updated][_null]", equalTo("true"))
                .withQueryParam("filter[_and][2][date_created][_nnull]", equalTo("true")));
        RawDelivery delivery = published.get(0);
        assertThat(delivery.key()).isEqualTo(new NoticeId("refugee-info", "1201"));
        assertThat(delivery.contentType()).isEqualTo(RawHeaders.DIRECTUS_ITEM);
        assertThat(delivery.route()).isEqualTo("partner.refugee-info-services");
        assertThat(delivery.defaultLanguage()).isEqualTo("en");
        assertThat(delivery.defaultKind()).isEqualTo("service");
        assertThat(delivery.sourceUrl()).isEqualTo(directus.baseUrl() + "/directus/items/services/1201");
    }

    @Test
    void sendsNoAuthorizationHeaderWithoutAToken() throws Exception {
        poller.poll(new DirectusSource(
                "refugee-info", "partner.refugee-info-services", source.baseUrl(), "services", "", "en", true));

        directus.verify(2, getRequestedFor(urlPathEqualTo(PATH)).withoutHeader("Authorization"));
    }

    @Test
    void pagesByKeysetAfterTheLastItemOfEachPageUntilAShortPage() throws Exception {
        // Odd spacing and trailing zeros: the raw record must keep the bytes Directus sent.
        String first = "{ \"id\" : 7, \"status\":\"published\", \"date_updated\":\"2026-11-20T09:00:00.000Z\","
                + " \"location\":{\"type\":\"Point\",\"coordinates\":[23.7350000, 37.9830]} }";
        String second = item(8, "2026-11-20T09:15:00.000Z", "published");
        String third = item(3, "2026-11-21T12:00:00.000Z", "published");
        directus.stubFor(updatedPass()
                .withQueryParam("filter[_and][1][date_updated][_nnull]", equalTo("true"))
                .willReturn(json("{\"data\": [" + first + ",\n  " + second + "], \"meta\": {}}")));
        directus.stubFor(updatedPass()
                .withQueryParam("filter[_and][1][_or][0][date_updated][_gt]", equalTo("2026-11-20T09:15:00.000Z"))
                .withQueryParam(
                        "filter[_and][1][_or][1][_and][0][date_updated][_eq]", equalTo("2026-11-20T09:15:00.000Z"))
                .withQueryParam("filter[_and][1][_or][1][_and][1][id][_gt]", equalTo("8"))
                .willReturn(json("{\"data\":[" + third + "]}")));

        int sent = poller.poll(source);

        assertThat(sent).isEqualTo(3);
        assertThat(published)
                .extracting(delivery -> delivery.key().externalId())
                .containsExactly("7", "8", "3");
        assertThat(new String(published.get(0).body(), StandardCharsets.UTF_8)).isEqualTo(first);
        assertThat(new String(published.get(1).body(), StandardCharsets.UTF_8)).isEqualTo(second);
        assertThat(NoticeJson.mapper().readTree(checkpoints.get("refugee-info/directus:services")))
                .isEqualTo(NoticeJson.mapper()
                        .readTree("{\"updated\":{\"at\":\"2026-11-21T12:00:00.000Z\",\"id\":\"3\"}}"));
    }

    @Test
    void pollsIncrementallyFromTheCheckpointWithoutTheStatusFilter() throws Exception {
        checkpoints.put(
                "refugee-info/directus:services",
                "{\"updated\":{\"at\":\"2026-11-20T09:15:00.000Z\",\"id\":\"1201\"},"
                        + "\"created\":{\"at\":\"2026-11-02T10:30:00.000Z\",\"id\":\"1202\"}}");
        directus.stubFor(updatedPass()
                .withQueryParam("filter[_and][0][_or][0][date_updated][_gt]", equalTo("2026-11-20T09:15:00.000Z"))
                .withQueryParam("filter[_and][0][_or][1][_and][1][id][_gt]", equalTo("1201"))
                .willReturn(json("{\"data\":[" + item(1203, "2026-11-25T16:40:00.000Z", "published") + "]}")));

        poller.poll(source);

        assertThat(published)
                .extracting(delivery -> delivery.key().externalId())
                .containsExactly("1203");
        directus.verify(
                0,
                getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("filter[_and][0][status][_eq]", matching(".*")));
        directus.verify(getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("sort", equalTo("date_created,id"))
                .withQueryParam("filter[_and][0][date_updated][_null]", equalTo("true"))
                .withQueryParam("filter[_and][1][_or][0][date_created][_gt]", equalTo("2026-11-02T10:30:00.000Z"))
                .withQueryParam("filter[_and][1][_or][1][_and][1][id][_gt]", equalTo("1202")));
    }

    @Test
    void walksItemsThatWereNeverUpdatedByTheirCreationDate() throws Exception {
        directus.stubFor(get(urlPathEqualTo(PATH))
                .withQueryParam("sort", equalTo("date_created,id"))
                .willReturn(json("{\"data\":[" + resource("health-clinic.json") + "]}")));

        poller.poll(source);

        assertThat(published)
                .extracting(delivery -> delivery.key().externalId())
                .containsExactly("1202");
        assertThat(NoticeJson.mapper().readTree(checkpoints.get("refugee-info/directus:services")))
                .isEqualTo(NoticeJson.mapper()
                        .readTree("{\"created\":{\"at\":\"2026-11-02T10:30:00.000Z\",\"id\":\"1202\"}}"));
    }

    @Test
    void turnsAnItemThatIsNoLongerPublishedIntoARetraction() throws Exception {
        checkpoints.put(
                "refugee-info/directus:services",
                "{\"updated\":{\"at\":\"2026-11-20T09:15:00.000Z\",\"id\":\"1201\"}}");
        directus.stubFor(updatedPass()
                .willReturn(json("{\"data\":[" + item(1201, "2026-11-25T16:40:00.000Z", "archived") + ","
                        + item(1204, "2026-11-25T16:41:00.000Z", "draft") + "]}")));
        directus.stubFor(updatedPass()
                .withQueryParam("filter[_and][0][_or][1][_and][1][id][_gt]", equalTo("1204"))
                .willReturn(json("{\"data\":[]}")));

        poller.poll(source);

        assertThat(published).hasSize(2);
        assertThat(published)
                .allSatisfy(delivery -> assertThat(delivery.contentType()).isEqualTo(RawHeaders.RETRACTION));
        assertThat(published.get(0).key()).isEqualTo(new NoticeId("refugee-info", "1201"));
        assertThat(new String(published.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("{\"externalId\":\"1201\"}");
    }

    @Test
    void storesTheCheckpointOfAPageOnlyAfterAllItsRecordsWereAcknowledged() throws Exception {
        directus.stubFor(updatedPass()
                .withQueryParam("filter[_and][1][date_updated][_nnull]", equalTo("true"))
                .willReturn(json("{\"data\":[" + item(1, "2026-11-20T09:00:00.000Z", "published") + ","
                        + item(2, "2026-11-20T10:00:00.000Z", "published") + "]}")));
        directus.stubFor(updatedPass()
                .withQueryParam("filter[_and][1][_or][1][_and][1][id][_gt]", equalTo("2"))
                .willReturn(json("{\"data\":[" + item(3, "2026-11-21T09:00:00.000Z", "published") + ","
                        + item(4, "2026-11-21T10:00:00.000Z", "published") + "]}")));
        DirectusPoller failingOnFour = new DirectusPoller(
                http,
                delivery -> {
                    if (delivery.key().externalId().equals("4")) {
                        throw new IllegalStateException("Kafka did not acknowledge a record");
                    }
                    events.add("publish " + delivery.key());
                },
                new DirectusPoller.CursorStore() {
                    @Override
                    public Optional<String> load(String partner, String name) {
                        return Optional.empty();
                    }

                    @Override
                    public void save(String partner, String name, String value) {
                        events.add("save " + value);
                    }
                },
                2,
                Clock.systemUTC());

        assertThatThrownBy(() -> failingOnFour.poll(source)).isInstanceOf(IllegalStateException.class);

        assertThat(events)
                .containsExactly(
                        "publish refugee-info:1",
                        "publish refugee-info:2",
                        "save {\"updated\":{\"at\":\"2026-11-20T10:00:00.000Z\",\"id\":\"2\"}}",
                        "publish refugee-info:3");
    }

    @Test
    void asksToRetryLaterWhenDirectusAnswers429WithRetryAfterSeconds() {
        directus.stubFor(updatedPass().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> poller.poll(source))
                .isInstanceOfSatisfying(
                        PartnerPolling.RetryLaterException.class,
                        later -> assertThat(later.retryAfter()).isEqualTo(Duration.ofSeconds(120)))
                .hasMessageContaining("429");
        assertThat(published).isEmpty();
        assertThat(checkpoints).isEmpty();
    }

    @Test
    void asksToRetryLaterWhenDirectusAnswers503WithRetryAfterDate() {
        directus.stubFor(updatedPass()
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "Thu, 26 Nov 2026 07:28:00 GMT")));

        assertThatThrownBy(() -> poller.poll(source))
                .isInstanceOfSatisfying(
                        PartnerPolling.RetryLaterException.class,
                        later -> assertThat(later.retryAfter()).isEqualTo(Duration.ofMinutes(1)));
    }

    @Test
    void failsWithTheStatusAndAnExcerptButNotTheTokenOnAnyOtherError() {
        directus.stubFor(updatedPass()
                .willReturn(aResponse()
                        .withStatus(401)
                        .withBody("{\"errors\":[{\"message\":\"Invalid user credentials.\"}]}" + "x".repeat(500))));

        assertThatThrownBy(() -> poller.poll(source))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(PartnerPolling.RetryLaterException.class)
                .hasMessageContaining("401")
                .hasMessageContaining("Invalid user credentials.")
                .hasMessageNotContaining(TOKEN)
                .hasMessageNotContaining("x".repeat(300));
    }

    @Test
    void refusesAResponseThatHasNoDataList() {
        directus.stubFor(updatedPass().willReturn(json("{\"errors\":[]}")));

        assertThatThrownBy(() -> poller.poll(source))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no 'data'");
    }

    @Test
    void refusesToPageForeverWhenDirectusIgnoresTheCursor() {
        directus.stubFor(updatedPass()
                .willReturn(json("{\"data\":[" + item(1, "2026-11-20T09:00:00.000Z", "published") + ","
                        + item(2, "2026-11-20T10:00:00.000Z", "published") + "]}")));

        assertThatThrownBy(() -> poller.poll(source))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("again");
    }

    private static MappingBuilder updatedPass() {
        return get(urlPathEqualTo(PATH)).withQueryParam("sort", equalTo("date_updated,id"));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    private static String item(int id, String updated, String status) {
        return "{\"id\":%d,\"status\":\"%s\",\"date_created\":\"2026-10-01T08:00:00.000Z\",\"date_updated\":\"%s\",\"name\":\"Service %d\"}"
                .formatted(id, status, updated, id);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DirectusPollerTest.class.getResourceAsStream("/directus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
