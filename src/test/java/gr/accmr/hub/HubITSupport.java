package gr.accmr.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.platform.KafkaBootstrap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One hub per test JVM for all integration tests: Spring caches the context, so the embedded
 * broker and database start once. Partner servers are one WireMock; the partner definitions are
 * real YAML files in a routes folder written before the hub starts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class HubITSupport {

    /** Partners the whole suite knows: name → feed fixture and default language. */
    private static final Map<String, String[]> FEEDS = Map.of(
            "athens", new String[] {"feeds/athens-el.rss.xml", "en"},
            "irc", new String[] {"feeds/irc-ar.atom.xml", "en"},
            "eccar", new String[] {"feeds/rdf-en.rss1.xml", "en"},
            "hostile", new String[] {"feeds/xxe.rss.xml", "en"},
            "laughs", new String[] {"feeds/billion-laughs.rss.xml", "en"});

    protected static final String ADMIN_PASSWORD = "it-admin-password";
    /** Password of the {@code operator} and {@code reader} users. */
    protected static final String OPERATOR_PASSWORD = "it-operator-password";

    private static final String BCRYPT_OPERATOR = "{bcrypt}"
            + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode(OPERATOR_PASSWORD);
    protected static final String PUSH_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    protected static final String PUSH_OLD_SECRET = "whsec_c2VjcmV0LWZyb20tbGFzdC15ZWFyLTEyMzQ1Ng==";
    protected static final WireMockServer PARTNERS = startPartners();
    /** The editors' SMTP server: urgent notices awaiting review and the digest arrive here. */
    protected static final GreenMail EDITORS_MAIL = startEditorsMail();

    protected static final String EDITORS = "editors@accmr.test";
    protected static final Path DATA_DIR = temporaryFolder("hub-it-data");
    protected static final Path ROUTES_DIR = writeRoutes();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected KafkaBootstrap kafka;

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", DATA_DIR::toString);
        registry.add("hub.routes-dir", ROUTES_DIR::toString);
        registry.add("hub.embedded.kafka-port", () -> 0);
        registry.add("hub.embedded.kafka-controller-port", () -> 0);
        registry.add("hub.embedded.postgres-port", () -> 0);
        registry.add("hub.website.expiry-sweep", () -> "PT1S");
        // Small, so an oversized record is cheap to make in a test.
        registry.add("hub.kafka.max-record-bytes", () -> 2 * 1024 * 1024);
        registry.add("hub.consumer.retry-delay", () -> "20ms");
        registry.add("hub.consumer.poll-timeout", () -> "200ms");
        // Alerts retried fast, and a subscriber disabled after three failures, so tests see it.
        registry.add("hub.alerts.dispatch-interval", () -> "200ms");
        registry.add("hub.alerts.retry-delay", () -> "100ms");
        registry.add("hub.alerts.max-retry-delay", () -> "200ms");
        registry.add("hub.alerts.max-failures", () -> 3);
        // Short, so a subscriber that does not answer is cut off quickly.
        registry.add("hub.alerts.timeout", () -> "2s");
        // WireMock plays the browsers' push service.
        registry.add("hub.alerts.web-push.endpoint-hosts", () -> "localhost");
        registry.add("hub.alerts.web-push.require-https", () -> false);
        registry.add("hub.security.admin-password", () -> ADMIN_PASSWORD);
        // An operator and a user with no operator role, for the access rules of the admin API.
        registry.add("hub.security.users[0].name", () -> "operator");
        registry.add("hub.security.users[0].password", () -> BCRYPT_OPERATOR);
        registry.add("hub.security.users[0].roles", () -> "OPERATOR");
        registry.add("hub.security.users[1].name", () -> "reader");
        registry.add("hub.security.users[1].password", () -> BCRYPT_OPERATOR);
        registry.add("hub.security.users[1].roles", () -> "VIEWER");
        registry.add("hub.security.users[2].name", () -> "editor");
        registry.add("hub.security.users[2].password", () -> BCRYPT_OPERATOR);
        registry.add("hub.security.users[2].roles", () -> "EDITOR");
        // The channels' tests publish at once; partners under review are the review tests' own.
        registry.add("hub.review.default-publishing", () -> "auto");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> EDITORS_MAIL.getSmtp().getPort());
        registry.add("hub.review.editors", () -> EDITORS);
        registry.add("hub.metrics.refresh", () -> "1s");
        registry.add("hub.review.mail-language", () -> "en");
        registry.add("hub.review.mail-interval", () -> "300ms");
        // Late, so the scheduled digest stays out of the way; the digest test names its own day and time.
        registry.add("hub.review.digest-time", () -> "23:59");
        registry.add("hub.push.partners.desk.secrets", () -> PUSH_SECRET);
        registry.add("hub.push.partners.desk.publishing", () -> "review");
        registry.add("hub.push.partners.desk-lenient.secrets", () -> PUSH_SECRET);
        registry.add("hub.push.partners.desk-lenient.publishing", () -> "review");
        registry.add("hub.push.partners.desk-lenient.updates", () -> "auto-unless-title");
        // Push partners: irc-api during a key rotation (two secrets), and one with a tiny rate limit.
        registry.add("hub.push.partners.irc-api.secrets", () -> PUSH_SECRET + "," + PUSH_OLD_SECRET);
        registry.add("hub.push.partners.irc-api.default-language", () -> "en");
        // The archive search tests' own partner, so other tests' notices never match their searches.
        registry.add("hub.push.partners.archive-search.secrets", () -> PUSH_SECRET);
        registry.add("hub.push.partners.hasty.secrets", () -> PUSH_SECRET);
        registry.add("hub.push.partners.hasty.requests-per-minute", () -> 2);
        // A partner that sends bursts, and few push workers, so a test can keep them all busy.
        registry.add("hub.push.partners.flood.secrets", () -> PUSH_SECRET);
        registry.add("hub.push.partners.flood.requests-per-minute", () -> 100000);
        registry.add("hub.push.max-in-flight", () -> 4);
        registry.add("hub.zendesk.partners.refugee-info.base-url", () -> PARTNERS.baseUrl() + "/zendesk");
        registry.add("hub.zendesk.partners.refugee-info.webhook-secret", () -> "it-zendesk-webhook-secret");
        registry.add("hub.zendesk.partners.refugee-info.allow-private-network", () -> true);
        // Partner servers (WireMock, GreenMail) run on loopback; only tests may let partners reach it.
        registry.add("hub.ingest.allow-loopback-for-tests", () -> true);
        // Alert subscribers (WireMock) too; never set outside tests.
        registry.add("hub.alerts.allow-loopback-for-tests", () -> true);
        // Short, so a test can show a trickling server cut off; local servers answer in milliseconds.
        registry.add("hub.ingest.request-deadline", () -> "5s");
    }

    private static GreenMail startEditorsMail() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    private static WireMockServer startPartners() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    private static Path writeRoutes() {
        Path folder = temporaryFolder("hub-it-routes");
        FEEDS.forEach((partner, feed) -> {
            String body = resource(feed[0])
                    // Entities in hostile fixtures point at this WireMock, so a fetch would show up there.
                    .replace("http://127.0.0.1:9/", PARTNERS.baseUrl() + "/");
            PARTNERS.stubFor(get(urlPathEqualTo("/feeds/" + partner + ".xml"))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/xml; charset=utf-8")
                            .withBody(body)));
            write(
                    folder.resolve(partner + ".yaml"),
                    route(partner, PARTNERS.baseUrl() + "/feeds/" + partner + ".xml", feed[1], true));
        });
        // A partner whose server is down: nothing listens on port 1.
        write(folder.resolve("offline.yaml"), route("offline", "http://127.0.0.1:1/feed.xml", "en", true));
        // A partner that is not allowed on private networks, pointing at one: never fetched.
        write(
                folder.resolve("internal.yaml"),
                route("internal", PARTNERS.baseUrl() + "/feeds/internal.xml", "en", false));
        return folder;
    }

    private static String route(String partner, String url, String language, boolean allowPrivateNetwork) {
        return """
                    - templatedRoute:
                        routeTemplateRef: rss-partner
                        routeId: partner.%s
                        parameters:
                          - name: partner
                            value: %s
                          - name: url
                            value: %s
                          - name: language
                            value: %s
                          - name: interval
                            value: 2s
                          - name: allowPrivateNetwork
                            value: %s
                    """.formatted(partner, partner, url, language, allowPrivateNetwork);
    }

    protected static String resource(String name) {
        try (var in = HubITSupport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- HTTP ---

    protected HttpResponse<String> http(String path, boolean authenticated) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (authenticated) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
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

    /**
     * Any request as a given user ({@code null}: anonymous), with an optional JSON body and further
     * headers as name, value pairs.
     */
    protected HttpResponse<String> request(
            String method,
            String path,
            @org.jspecify.annotations.Nullable String user,
            String password,
            @org.jspecify.annotations.Nullable String json,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
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

    /** POST of a JSON body as the admin. */
    protected HttpResponse<String> postJson(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The partner's health as the partners API reports it. */
    protected JsonNode partnerStatus(String partner) {
        return getJson("/api/v1/partners/" + partner);
    }

    /** The partnerRoutes health component, read whatever the status: health answers 503 while some test's partner is down. */
    protected JsonNode partnerRoutesHealth() {
        return json(http("/actuator/health", true).body()).at("/components/partnerRoutes");
    }

    protected JsonNode getJson(String path) {
        HttpResponse<String> response = http(path, true);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    protected static JsonNode json(String text) {
        try {
            return NoticeJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- Kafka ---

    /** Every record currently on a topic, read by a throw-away consumer outside any group. */
    protected List<ConsumerRecord<String, byte[]>> records(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }

    protected List<ConsumerRecord<String, byte[]>> records(String topic, String keyPrefix) {
        return records(topic).stream()
                .filter(record -> record.key() != null && record.key().startsWith(keyPrefix))
                .collect(Collectors.toList());
    }

    protected void send(ProducerRecord<String, byte[]> record) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send test record", e);
        }
    }
}
