package gr.accmr.hub.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A subscriber to urgent notices, as an app's push server would be: it takes every signed alert
 * the hub posts and answers 204. Standard Webhooks delivers at least once and receivers drop a
 * {@code webhook-id} they have seen, so an alert counts once per distinct id.
 */
final class AlertReceiver implements AutoCloseable {

    static final String PATH = "/alerts";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One alert as received: the notice it is about, its webhook-id, and whether its signature checked out. */
    record Received(String noticeId, String webhookId, boolean signed) {}

    private final WireMockServer server =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private volatile String secret = "";

    AlertReceiver() {
        server.start();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(204)));
    }

    String url() {
        return server.baseUrl() + PATH;
    }

    /** The signing secret the hub handed out for this subscriber. */
    void secret(String secret) {
        this.secret = secret;
    }

    List<Received> received() {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH))).stream()
                .map(request -> {
                    String body = request.getBodyAsString();
                    String webhookId = request.getHeader("webhook-id");
                    try {
                        String noticeId =
                                JSON.readTree(body).path("notice").path("id").asText();
                        return new Received(noticeId, webhookId, verifies(body, request));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    /** The signature the secret gives this id, time and body, among those the request carries. */
    private boolean verifies(String body, LoggedRequest request) {
        try {
            String expected = new Webhook(secret)
                    .sign(
                            request.getHeader("webhook-id"),
                            Long.parseLong(request.getHeader("webhook-timestamp")),
                            body);
            return List.of(request.getHeader("webhook-signature").split(" ")).contains(expected);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
