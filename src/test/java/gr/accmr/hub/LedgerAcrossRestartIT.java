package gr.accmr.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.standardwebhooks.Webhook;
import gr.accmr.hub.platform.KafkaBootstrap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ledger test of ingest: every push the hub accepted and every entry it polled is on
 * {@code hub.inbound.raw} exactly once, also when the hub is restarted in between and partners
 * retry deliveries the hub had already accepted.
 */
class LedgerAcrossRestartIT {

    private static final String SECRET =
            "whsec_" + java.util.Base64.getEncoder().encodeToString("ledger-secret-32-bytes-long-ok!!".getBytes());

    private final WireMockServer partner =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stopPartner() {
        partner.stop();
    }

    @Test
    void everyAcceptedPushAndPolledEntryIsOnTheRawTopicExactlyOnceAcrossARestart(@TempDir Path data) throws Exception {
        partner.start();
        partner.stubFor(get(urlPathEqualTo("/feed.xml")).willReturn(aResponse().withBody(feed(20))));
        Path routes = Files.createDirectories(data.resolve("routes"));
        Files.writeString(routes.resolve("ledger.yaml"), """
                - templatedRoute:
                    routeTemplateRef: rss-partner
                    routeId: partner.ledger-feed
                    parameters:
                      - {name: partner, value: ledger-feed}
                      - {name: url, value: "%s/feed.xml"}
                      - {name: interval, value: 1s}
                      - {name: allowPrivateNetwork, value: "true"}
                """.formatted(partner.baseUrl()));

        Map<String, String> accepted = new HashMap<>(); // webhook-id → notice id, the partner's ledger
        List<String> deliveries = new ArrayList<>();
        try (ConfigurableApplicationContext hub = start(data)) {
            for (int i = 0; i < 10; i++) {
                String id = "msg_" + UUID.randomUUID();
                deliveries.add(id);
                HttpResponse<String> response = push(hub, id, "ledger-" + i);
                assertThat(response.statusCode()).isEqualTo(202);
                accepted.put(id, "ledger-push:ledger-" + i);
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> rawKeys(hub, "ledger-feed:").size() == 20);
        }

        try (ConfigurableApplicationContext hub = start(data)) {
            // The partner did not see some answers and retries them; then it sends new ones.
            for (String retried : deliveries.subList(0, 5)) {
                String externalId = accepted.get(retried).substring("ledger-push:".length());
                assertThat(push(hub, retried, externalId).statusCode()).isEqualTo(200);
            }
            for (int i = 10; i < 15; i++) {
                String id = "msg_" + UUID.randomUUID();
                assertThat(push(hub, id, "ledger-" + i).statusCode()).isEqualTo(202);
                accepted.put(id, "ledger-push:ledger-" + i);
            }
            // Several more polls of the unchanged feed after the restart.
            int before = partner.getAllServeEvents().size();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> partner.getAllServeEvents().size() >= before + 3);

            Map<String, Long> pushed = rawKeys(hub, "ledger-push:");
            assertThat(pushed.keySet()).containsExactlyInAnyOrderElementsOf(accepted.values());
            assertThat(pushed.values()).containsOnly(1L);
            Map<String, Long> polled = rawKeys(hub, "ledger-feed:");
            assertThat(polled).hasSize(20);
            assertThat(polled.values()).containsOnly(1L);
        }
    }

    private ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(HubApplication.class)
                .properties(Map.of(
                        "hub.data-dir", data.toString(),
                        "hub.routes-dir", data.resolve("routes").toString(),
                        "hub.embedded.kafka-port", "0",
                        "hub.embedded.kafka-controller-port", "0",
                        "hub.embedded.postgres-port", "0",
                        "hub.security.admin-password", "ledger",
                        "hub.push.partners.ledger-push.secrets", SECRET,
                        // The partner's WireMock runs on loopback, which only tests may open.
                        "hub.ingest.allow-loopback-for-tests", "true",
                        "server.port", "0"))
                .run();
    }

    private HttpResponse<String> push(ConfigurableApplicationContext hub, String webhookId, String externalId)
            throws Exception {
        String body = """
                {"externalId": "%s", "translations": {"el": {"title": "Ανακοίνωση %s", "bodyText": "Κείμενο."}}}
                """.formatted(externalId, externalId);
        long now = Instant.now().getEpochSecond();
        int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/partners/ledger-push/notices"))
                        .header("Content-Type", "application/json")
                        .header("webhook-id", webhookId)
                        .header("webhook-timestamp", String.valueOf(now))
                        .header("webhook-signature", new Webhook(SECRET).sign(webhookId, now, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** How often each key with the prefix is on the raw topic. */
    private static Map<String, Long> rawKeys(ConfigurableApplicationContext hub, String prefix) {
        Properties config = new Properties();
        config.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                hub.getBean(KafkaBootstrap.class).servers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "ledger-" + UUID.randomUUID());
        List<String> keys = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("hub.inbound.raw").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
            }
        }
        return keys.stream()
                .filter(key -> key.startsWith(prefix))
                .collect(Collectors.groupingBy(key -> key, Collectors.counting()));
    }

    private static String feed(int items) {
        StringBuilder xml = new StringBuilder(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>L</title><link>https://example.org/</link><description>d</description>");
        for (int i = 0; i < items; i++) {
            xml.append("<item><title>Item ")
                    .append(i)
                    .append("</title><guid isPermaLink=\"false\">item-")
                    .append(i)
                    .append("</guid><description>Text ")
                    .append(i)
                    .append("</description></item>");
        }
        return xml.append("</channel></rss>").toString();
    }
}
