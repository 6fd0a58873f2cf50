package gr.accmr.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Zendesk webhook calls that cannot be stored in time (here the article fetch hangs, as a publish
 * hangs when Kafka is away) are answered 503 with Retry-After within 10 s, a burst beyond the
 * webhook workers is refused at once, and the site keeps answering meanwhile.
 */
class ZendeskWebhookAcceptanceIT extends HubITSupport {

    /** The same value as {@code hub.zendesk.partners.refugee-info.webhook-secret} in {@link HubITSupport}. */
    private static final String WEBHOOK_SECRET = "it-zendesk-webhook-secret";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void answersServiceUnavailableInTimeAndKeepsServingFeedsWhileWebhookCallsWait() throws Exception {
        // Articles 3609xxx are gone, but Zendesk takes 9 s to say so: longer than the hub waits.
        PARTNERS.stubFor(get(urlPathMatching("/zendesk/api/v2/help_center/articles/3609\\d+\\.json"))
                .willReturn(aResponse().withStatus(404).withFixedDelay(9_000)));
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        long slowSentAt = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            slow.add(webhook(3609000 + i));
        }
        // The eight calls hold the eight webhook workers, each waiting for Zendesk.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Thread.getAllStackTraces().entrySet().stream()
                                .filter(thread -> thread.getKey().getName().startsWith("hub-zendesk-webhook-"))
                                .filter(thread -> List.of(thread.getValue()).stream()
                                        .anyMatch(frame -> frame.getMethodName().equals("publishCurrent")))
                                .count()
                        >= 8);

        long burstSentAt = System.nanoTime();
        HttpResponse<String> refused = webhook(3609100).get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - burstSentAt)).isLessThan(Duration.ofSeconds(2));
        assertUnavailable(refused);
        long feedSentAt = System.nanoTime();
        assertThat(http("/feeds/en.json", false).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - feedSentAt)).isLessThan(Duration.ofSeconds(2));

        for (CompletableFuture<HttpResponse<String>> call : slow) {
            assertUnavailable(call.get(15, TimeUnit.SECONDS));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - slowSentAt)).isLessThan(Duration.ofSeconds(10));
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    private CompletableFuture<HttpResponse<String>> webhook(long article) {
        String body = "{\"type\":\"zen:event-type:article.unpublished\",\"detail\":{\"id\":\"" + article + "\"}}";
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/webhooks/zendesk/refugee-info"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .header("X-Zendesk-Webhook-Signature", sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Zendesk's scheme: base64 HMAC-SHA256 of the timestamp followed by the body. */
    private static String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
