package gr.accmr.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.notice.NoticeJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Refugee.Info's Zendesk Help Center, one article in six languages and one in English, reaches the
 * archive as one notice per article; an article unpublished in Zendesk is retracted when its
 * signed webhook arrives.
 */
class ZendeskToChannelsIT extends HubITSupport {

    /** The same value as {@code hub.zendesk.partners.refugee-info.webhook-secret} in {@link HubITSupport}. */
    private static final String WEBHOOK_SECRET = "it-zendesk-webhook-secret";

    private static final String ROUTE = "partner.refugee-info";
    private static final String API = "/zendesk/api/v2/help_center";
    private static final List<String> LOCALES = List.of("en-us", "ar", "fa", "fr", "ur", "uk");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    CamelContext camel;

    @BeforeEach
    void zendeskServesTheArticlesAndThePartnerIsPolled() throws Exception {
        listing(
                "en-us",
                null,
                List.of(article("360001", "en-us")),
                PARTNERS.baseUrl() + API
                        + "/en-us/articles.json?page=2&per_page=100&sort_by=updated_at&sort_order=desc");
        listing("en-us", "2", List.of(article("360002", "en-us")), null);
        for (String locale : LOCALES.subList(1, LOCALES.size())) {
            listing(locale, null, List.of(article("360001", locale)), null);
        }
        if (camel.getRoute(ROUTE) == null) {
            TemplatedRouteBuilder.builder(camel, "zendesk-partner")
                    .routeId(ROUTE)
                    .parameter("partner", "refugee-info")
                    .parameter("baseUrl", PARTNERS.baseUrl() + "/zendesk")
                    .parameter("interval", "2s")
                    .parameter("allowPrivateNetwork", "true")
                    .add();
        }
    }

    @Test
    void deliversOneNoticePerArticleAndRetractsAnArticleUnpublishedByWebhook() {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices?partner=refugee-info"))
                        .hasSize(2));

        JsonNode notice = getJson("/api/v1/archive/notices/refugee-info:360001").get("notice");
        assertThat(notice.get("status").asText()).isEqualTo("published");
        assertThat(notice.get("originalLanguage").asText()).isEqualTo("en");
        assertThat(notice.get("kind").asText()).isEqualTo("notice");
        assertThat(notice.get("translations").properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("en", "ar", "fa", "fr", "ur", "uk");
        assertThat(notice.at("/translations/ar/dir").asText()).isEqualTo("rtl");
        assertThat(notice.at("/translations/ar/title").asText()).isEqualTo("تجديد تصريح الإقامة في أثينا");
        assertThat(notice.at("/translations/en/bodyHtml").asText()).doesNotContain("<script", "onclick");
        assertThat(notice.at("/translations/uk/dir").asText()).isEqualTo("ltr");
        assertThat(notice.get("categories")).extracting(JsonNode::asText).contains("residence", "legal aid");
        assertThat(getJson("/api/v1/archive/notices/refugee-info:360002")
                        .at("/notice/status")
                        .asText())
                .isEqualTo("published");

        // Zendesk unpublishes the cash article: anonymous readers no longer see it.
        listing("en-us", "2", List.of(), null);
        PARTNERS.stubFor(get(urlPathEqualTo(API + "/articles/360002.json"))
                .willReturn(aResponse().withStatus(404)));
        String event = """
                {"account_id":1001,"detail":{"brand_id":"360000001","id":"360002"},"event":{},\
                "id":"01JDZK8Q2W","subject":"zen:article:360002","time":"2026-11-26T10:00:00Z",\
                "type":"zen:event-type:article.unpublished","zendesk_event_version":"2022-11-06"}""";
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

        HttpResponse<String> answer = webhook("refugee-info", event, timestamp, sign(WEBHOOK_SECRET, timestamp, event));

        assertThat(answer.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices/refugee-info:360002")
                                .at("/notice/status")
                                .asText())
                        .isEqualTo("retracted"));
        assertThat(getJson("/api/v1/archive/notices/refugee-info:360001")
                        .at("/notice/status")
                        .asText())
                .isEqualTo("published");
    }

    @Test
    void refusesABadlySignedWebhookAndAnUnknownPartner() {
        String event = "{\"type\":\"zen:event-type:article.unpublished\",\"detail\":{\"id\":\"360001\"}}";
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

        HttpResponse<String> forged = webhook("refugee-info", event, timestamp, sign("guessed", timestamp, event));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(forged.body()).get("status").asInt()).isEqualTo(401);

        assertThat(webhook("refugee-info", event, timestamp, null).statusCode()).isEqualTo(401);
        String stale = Instant.now()
                .minus(Duration.ofMinutes(10))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        assertThat(webhook("refugee-info", event, stale, sign(WEBHOOK_SECRET, stale, event))
                        .statusCode())
                .isEqualTo(401);
        assertThat(webhook("nobody", event, timestamp, sign(WEBHOOK_SECRET, timestamp, event))
                        .statusCode())
                .isEqualTo(404);
    }

    private HttpResponse<String> webhook(String partner, String body, String timestamp, @Nullable String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/webhooks/zendesk/" + partner))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("X-Zendesk-Webhook-Signature", signature);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Zendesk's scheme: base64 HMAC-SHA256 of the timestamp followed by the body. */
    private static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void listing(String locale, @Nullable String page, List<JsonNode> articles, @Nullable String next) {
        ObjectNode body = NoticeJson.mapper().createObjectNode();
        body.putArray("articles").addAll(articles);
        body.put("next_page", next);
        body.putNull("previous_page");
        body.put("count", articles.size());
        PARTNERS.stubFor(get(urlPathEqualTo(API + "/" + locale + "/articles.json"))
                .withQueryParam("page", page == null ? absent() : equalTo(page))
                .willReturn(okJson(body.toString())));
    }

    private static JsonNode article(String id, String locale) {
        return json(resource("zendesk/" + id + "/" + locale + ".json"));
    }
}
