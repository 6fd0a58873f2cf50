package gr.accmr.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The feed poller is a polite and forgiving client: validators, Retry-After, cut-off, broken feeds. */
class FeedPolitenessIT extends HubITSupport {

    @Autowired
    CamelContext camel;

    @Test
    void sendsItsValidatorsAgainAndSendsNothingWhenTheFeedIsUnchanged() throws Exception {
        String path = "/polite/etag.xml";
        PARTNERS.stubFor(get(urlPathEqualTo(path))
                .withHeader("If-None-Match", absent())
                .willReturn(aResponse()
                        .withHeader("ETag", "\"v1\"")
                        .withHeader("Last-Modified", "Wed, 25 Nov 2026 08:00:00 GMT")
                        .withBody(rss("polite-1", "Library hours", "Tue, 24 Nov 2026 08:00:00 GMT"))));
        PARTNERS.stubFor(get(urlPathEqualTo(path))
                .withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304)));
        addPartner("polite", path, Map.of());

        await().atMost(Duration.ofSeconds(30))
                .until(() -> PARTNERS.countRequestsMatching(getRequestedFor(urlPathEqualTo(path))
                                        .withHeader("If-None-Match", equalTo("\"v1\""))
                                        .withHeader("If-Modified-Since", equalTo("Wed, 25 Nov 2026 08:00:00 GMT"))
                                        .build())
                                .getCount()
                        >= 2);
        assertThat(records("hub.inbound.raw", "polite:")).hasSize(1);
        assertThat(partnerStatus("polite").get("consecutiveFailures").asInt()).isZero();
    }

    @Test
    void waitsAsLongAsThePartnerAsksWithRetryAfter() throws Exception {
        String path = "/polite/busy.xml";
        PARTNERS.stubFor(
                get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        addPartner("busy", path, Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> requests(path) >= 1);
        // The route fires every second; the partner asked for an hour.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).until(() -> requests(path) == 1);
        JsonNode status = partnerStatus("busy");
        assertThat(Instant.parse(status.get("nextPollNotBefore").asText()))
                .isAfter(Instant.now().plus(Duration.ofMinutes(55)));
        assertThat(status.get("lastError").asText()).contains("429");
    }

    @Test
    void readsJsonFeedsAndSkipsItemsOlderThanTheCutOff() throws Exception {
        String path = "/polite/feed.json";
        PARTNERS.stubFor(get(urlPathEqualTo(path))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/feed+json")
                        .withBody("""
                                {"version": "https://jsonfeed.org/version/1.1", "title": "IOM Greece",
                                 "language": "uk",
                                 "items": [
                                   {"id": "iom-new", "url": "https://example.org/iom/new",
                                    "title": "Безкоштовні консультації", "content_text": "Щовівторка в Афінах.",
                                    "date_published": "2026-11-20T10:00:00Z", "tags": ["Legal"]},
                                   {"id": "iom-old", "title": "Old news", "content_text": "Long ago.",
                                    "date_published": "2019-01-01T10:00:00Z"}
                                 ]}
                                """)));
        addPartner("iom", path, Map.of("since", "2026-01-01"));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices?partner=iom"))
                        .hasSize(1));
        JsonNode notice = getJson("/api/v1/archive/notices/iom:iom-new").get("notice");
        assertThat(notice.at("/translations/uk/title").asText()).isEqualTo("Безкоштовні консультації");
        assertThat(notice.get("categories").get(0).asText()).isEqualTo("legal");
        assertThat(records("hub.inbound.raw", "iom:iom-old")).isEmpty();
    }

    @Test
    void repairsAnOldBrokenFeedAndRecordsAWarningOnThePartner() throws Exception {
        String path = "/polite/broken.xml";
        // RSS 0.91 with Netscape's DOCTYPE, windows-1252 bytes declared as UTF-8, a bare '&' and &nbsp;.
        String feed = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
                <rss version="0.91"><channel><title>ECCAR</title><link>https://example.org/</link>
                <description>d</description><language>fr</language>
                <item><title>Café & crème</title><link>https://example.org/eccar/cafe</link>
                <description>Rencontre&nbsp;au café.</description></item>
                </channel></rss>
                """;
        PARTNERS.stubFor(get(urlPathEqualTo(path))
                .willReturn(aResponse().withBody(feed.getBytes(Charset.forName("windows-1252")))));
        addPartner("eccar-old", path, Map.of());

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices?partner=eccar-old"))
                        .hasSize(1));
        JsonNode notice = getJson("/api/v1/archive/notices?partner=eccar-old").get(0);
        assertThat(notice.at("/translations/fr/title").asText()).isEqualTo("Café & crème");
        assertThat(notice.at("/translations/fr/bodyText").asText()).isEqualTo("Rencontre au café.");
        JsonNode status = partnerStatus("eccar-old");
        assertThat(status.get("warnings").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(status.get("lastWarning").asText()).isNotBlank();
        assertThat(PARTNERS.countRequestsMatching(getRequestedFor(urlPathEqualTo("/publish/formats/rss-0.91.dtd"))
                                .build())
                        .getCount())
                .isZero();
    }

    private void addPartner(String partner, String path, Map<String, String> extra) throws Exception {
        TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(camel, "rss-partner")
                .routeId("partner." + partner)
                .parameter("partner", partner)
                .parameter("url", PARTNERS.baseUrl() + path)
                .parameter("interval", "1s")
                .parameter("allowPrivateNetwork", "true");
        extra.forEach(route::parameter);
        route.add();
        camel.getRouteController().startRoute("partner." + partner);
    }

    private static long requests(String path) {
        return PARTNERS.countRequestsMatching(
                        getRequestedFor(urlPathEqualTo(path)).build())
                .getCount();
    }

    private static String rss(String guid, String title, String date) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>T</title><link>https://example.org/</link><description>d</description>
                <item><title>%s</title><guid isPermaLink="false">%s</guid><pubDate>%s</pubDate>
                <description>Open again.</description></item></channel></rss>
                """.formatted(title, guid, date);
    }
}
