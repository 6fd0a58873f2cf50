package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import gr.accmr.hub.platform.embedded.EmbeddedKafka;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With PostgreSQL gone, a partner's push is answered 503 (retry) within 10 s instead of hanging
 * on a connection for Hikari's default 30 s. Its own hub, since the shared one must keep its database.
 */
class DatabaseDownIT {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String NOTICE = """
            {"externalId": "down-1", "kind": "notice", "publishedAt": "2026-11-26T10:00:00Z",
             "translations": {"en": {"title": "Office closed", "bodyText": "Closed on Friday."}}}
            """;

    @Test
    void aPushIsAnswered503WithinTenSecondsWhileTheDatabaseIsDown(@TempDir Path temp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(temp.resolve("kafka"), 0, 0)) {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(temp.resolve("postgres"))
                    .setCleanDataDirectory(true)
                    .setPort(0)
                    .start();
            try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(HubApplication.class)
                    .run(
                            "--KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers(),
                            "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                            "--spring.datasource.username=postgres",
                            "--spring.datasource.password=postgres",
                            "--hub.data-dir=" + temp.resolve("data"),
                            "--hub.routes-dir=" + temp.resolve("no-routes"),
                            "--hub.security.admin-password=down",
                            "--hub.push.partners.irc-api.secrets=" + SECRET,
                            "--server.port=0")) {
                int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
                HttpClient client = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> push(client, port, "msg_up").statusCode() == 202);

                postgres.close();

                long started = System.nanoTime();
                HttpResponse<String> response = push(client, port, "msg_down");
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(took).isLessThan(Duration.ofSeconds(10));
            }
        }
    }

    private static HttpResponse<String> push(HttpClient client, int port, String webhookId) throws Exception {
        long now = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/partners/irc-api/notices"))
                .timeout(Duration.ofSeconds(30))
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", String.valueOf(now))
                .header("webhook-signature", new Webhook(SECRET).sign(webhookId, now, NOTICE))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(NOTICE))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
