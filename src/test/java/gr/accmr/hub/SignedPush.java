package gr.accmr.hub;

import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A push partner's request as the partner sends it: a Standard Webhooks signature over the body. */
public final class SignedPush {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private SignedPush() {}

    /** Pushes a notice of the partner with a fresh webhook id; returns the hub's answer. */
    public static HttpResponse<String> push(int port, String partner, String secret, String body) {
        return send(port, "POST", "/api/v1/partners/" + partner + "/notices", secret, body);
    }

    /** Retracts a notice of the partner, signed as the push API asks; returns the hub's answer. */
    public static HttpResponse<String> retract(int port, String partner, String secret, String externalId) {
        return send(
                port,
                "DELETE",
                "/api/v1/partners/" + partner + "/notices/" + externalId,
                secret,
                "{\"externalId\": \"" + externalId + "\"}");
    }

    /** Pushes a batch ({@code {"notices": [...]}}) of the partner under the given webhook id. */
    public static HttpResponse<String> batch(int port, String partner, String secret, String webhookId, String body) {
        return send(port, "POST", "/api/v1/partners/" + partner + "/notice-batches", secret, webhookId, body);
    }

    private static HttpResponse<String> send(int port, String method, String path, String secret, String body) {
        return send(port, method, path, secret, "msg_" + UUID.randomUUID(), body);
    }

    private static HttpResponse<String> send(
            int port, String method, String path, String secret, String webhookId, String body) {
        long now = Instant.now().getEpochSecond();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("webhook-id", webhookId)
                    .header("webhook-timestamp", String.valueOf(now))
                    .header("webhook-signature", new Webhook(secret).sign(webhookId, now, body))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the push", e);
        }
    }
}
