package gr.accmr.hub.fanout.website;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import gr.accmr.hub.HubApplication;
import gr.accmr.hub.notice.NoticeJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub of its own with {@code hub.website.adapter=wordpress}, against the real WordPress of
 * {@link WordPressTestSite}: a pushed notice in Greek and Arabic goes through Kafka to two linked
 * posts, the journey names the post, and a retraction turns them into drafts.
 */
class WordPressWebsiteIT {

    private static final String SECRET = "whsec_"
            + Base64.getEncoder().encodeToString("wordpress-secret-32-bytes-long!!".getBytes(StandardCharsets.UTF_8));
    private static final String ADMIN_PASSWORD = "wordpress-it";

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aPushedNoticeBecomesLinkedPostsAndARetractionMakesThemDrafts(@TempDir Path data) throws Exception {
        WordPressTestSite site = WordPressTestSite.require();
        Files.createDirectories(data.resolve("routes"));
        String externalId = "wp-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String noticeId = "wp-push:" + externalId;
        try (ConfigurableApplicationContext hub = start(data, site)) {
            int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
            assertThat(push(port, "POST", "", """
                            {"externalId": "%s", "categories": ["Legal aid"], "translations": {
                              "el": {"title": "Δωρεάν νομική βοήθεια", "bodyText": "Κάθε Τρίτη."},
                              "ar": {"title": "مساعدة قانونية مجانية", "bodyText": "كل يوم ثلاثاء."}}}
                            """.formatted(externalId)).statusCode())
                    .isEqualTo(202);

            JsonNode delivered = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> lastVersion(port, noticeId),
                            version -> "delivered"
                                    .equals(version.at("/channels/website/outcome")
                                            .asText()));
            JsonNode greek = site.onlyPost(WordPressChannel.slug(noticeId, "el"));
            JsonNode arabic = site.onlyPost(WordPressChannel.slug(noticeId, "ar"));
            assertThat(delivered.at("/channels/website/target").asText())
                    .isEqualTo(greek.path("link").asText());
            assertThat(greek.path("status").asText()).isEqualTo("publish");
            assertThat(greek.at("/content/raw").asText())
                    .contains("/?p=" + arabic.path("id").asLong());
            assertThat(arabic.at("/content/raw").asText())
                    .contains("dir=\"rtl\"", "/?p=" + greek.path("id").asLong());

            assertThat(push(port, "DELETE", "/" + externalId, "{\"externalId\": \"" + externalId + "\"}")
                            .statusCode())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        assertThat(site.onlyPost(WordPressChannel.slug(noticeId, "el"))
                                        .path("status")
                                        .asText())
                                .isEqualTo("draft");
                        assertThat(site.onlyPost(WordPressChannel.slug(noticeId, "ar"))
                                        .path("status")
                                        .asText())
                                .isEqualTo("draft");
                    });
        }
    }

    private ConfigurableApplicationContext start(Path data, WordPressTestSite site) {
        // As arguments: default properties would lose to application.yml's HUB_ADMIN_PASSWORD default.
        Map<String, String> settings = Map.ofEntries(
                Map.entry("hub.data-dir", data.toString()),
                Map.entry("hub.routes-dir", data.resolve("routes").toString()),
                Map.entry("hub.embedded.kafka-port", "0"),
                Map.entry("hub.embedded.kafka-controller-port", "0"),
                Map.entry("hub.embedded.postgres-port", "0"),
                Map.entry("hub.security.admin-password", ADMIN_PASSWORD),
                Map.entry("hub.push.partners.wp-push.secrets", SECRET),
                Map.entry("hub.push.partners.wp-push.default-language", "el"),
                Map.entry("hub.push.partners.wp-push.publishing", "auto"),
                Map.entry("hub.consumer.poll-timeout", "200ms"),
                Map.entry("hub.website.adapter", "wordpress"),
                Map.entry("hub.website.wordpress.url", site.url()),
                Map.entry("hub.website.wordpress.username", site.username()),
                Map.entry("hub.website.wordpress.application-password", site.applicationPassword()),
                Map.entry("server.port", "0"));
        return new SpringApplicationBuilder(HubApplication.class)
                .run(settings.entrySet().stream()
                        .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                        .toArray(String[]::new));
    }

    private HttpResponse<String> push(int port, String method, String path, String body) throws Exception {
        String webhookId = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        return client.send(
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/api/v1/partners/wp-push/notices" + path))
                        .header("Content-Type", "application/json")
                        .header("webhook-id", webhookId)
                        .header("webhook-timestamp", String.valueOf(now))
                        .header("webhook-signature", new Webhook(SECRET).sign(webhookId, now, body))
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The newest version of the notice's journey, or an empty object while it has none. */
    private JsonNode lastVersion(int port, String noticeId) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/api/v1/notices/" + noticeId + "/journey"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return NoticeJson.mapper().createObjectNode();
        }
        JsonNode versions = NoticeJson.mapper().readTree(response.body()).path("versions");
        return versions.isEmpty() ? NoticeJson.mapper().createObjectNode() : versions.get(versions.size() - 1);
    }
}
