package gr.accmr.hub.faults;

import static gr.accmr.hub.harness.Scratch.deleteRecursively;
import static gr.accmr.hub.harness.Scratch.freePort;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gr.accmr.hub.harness.ChildJvm;
import gr.accmr.hub.harness.HubInstance;
import gr.accmr.hub.harness.Pusher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
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
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Everything one fault test runs: an external PostgreSQL and Kafka broker, hub instances as child
 * JVMs, a pusher, and the figures the test reports. Closing it kills every process it started,
 * whatever state the test left them in; a JVM shutdown hook does the same if the test JVM is ended.
 */
final class FaultLab implements AutoCloseable {

    static final Path OUTPUT = Path.of("target", "faults").toAbsolutePath();

    private final String test;
    private final Path root;
    private final ExternalPostgres postgres;
    private final ExternalBroker broker;
    private final AlertReceiver alerts;
    private final List<HubInstance> hubs = new ArrayList<>();
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Thread reaper;
    private @org.jspecify.annotations.Nullable Instant faultEnded;

    static {
        // This JVM only reads and writes test records; the Kafka clients' INFO lines (a config dump
        // per consumer) would bury the test's own output. The hubs log to their own files.
        for (String noisy : List.of("org.apache.kafka", "io.zonky")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(noisy))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    FaultLab(String test) {
        this.test = test;
        this.root = OUTPUT.resolve(test);
        try {
            deleteRecursively(root);
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        figures.put("test", test);
        figures.put("startedAt", Instant.now().toString());
        figures.put("passed", false);
        postgres = new ExternalPostgres(test + "-postgres", root.resolve("postgres"), freePort());
        broker = new ExternalBroker(test + "-kafka", root.resolve("kafka"), freePort(), freePort());
        alerts = new AlertReceiver();
        closeables.push(postgres);
        closeables.push(broker);
        closeables.push(alerts);
        reaper = new Thread(this::closeQuietly, "faults-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts PostgreSQL and the broker. */
    FaultLab start() {
        postgres.start();
        broker.start();
        return this;
    }

    ExternalPostgres postgres() {
        return postgres;
    }

    ExternalBroker broker() {
        return broker;
    }

    Path root() {
        return root;
    }

    /** A hub on its own free port and data folder, not yet started. */
    HubInstance hub(String name, Path routesDir, String... extra) {
        return hub(name, root.resolve(name + "-data"), routesDir, extra);
    }

    HubInstance hub(String name, Path dataDir, Path routesDir, String... extra) {
        HubInstance hub = new HubInstance(
                test + "-" + name,
                OUTPUT,
                ChildJvm.quickStart("448m"),
                freePort(),
                dataDir,
                routesDir,
                HubInstance.externalServers(broker.bootstrapServers(), postgres.jdbcUrl()),
                List.of(extra));
        hubs.add(hub);
        closeables.push(hub);
        return hub;
    }

    /**
     * Subscribes the lab's alert receiver to the push partner's urgent notices, through the hub's
     * admin API; the subscription is in the database, so every hub of the lab sends to it.
     */
    void subscribeAlerts(HubInstance hub) {
        try {
            java.net.http.HttpResponse<String> created =
                    hub.post("/api/v1/admin/alert-subscriptions", """
                    {"name": "faults app", "url": "%s", "partners": ["%s"]}
                    """.formatted(alerts.url(), Pusher.PARTNER));
            if (created.statusCode() != 201) {
                throw new IllegalStateException(
                        "cannot subscribe to alerts: " + created.statusCode() + " " + created.body());
            }
            alerts.secret(
                    new ObjectMapper().readTree(created.body()).path("secret").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty routes folder: a hub with push partners only. */
    Path noRoutes() {
        return folder("routes-none");
    }

    Path folder(String name) {
        try {
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Pusher pusher(HubInstance... targets) {
        List<URI> addresses =
                java.util.Arrays.stream(targets).map(hub -> hub.uri("/")).toList();
        Pusher pusher = new Pusher(test.toLowerCase(java.util.Locale.ROOT) + "-" + shortId(), () -> addresses);
        closeables.push(pusher);
        return pusher;
    }

    // --- Checks ---

    /**
     * Waits until every expected notice is on every channel, or the timeout passes, and returns
     * what the channels hold either way: the test asserts on the report, so a failure says which
     * notices are missing where. {@code reader} is the hub whose API is read.
     */
    Channels.Report awaitDelivered(
            HubInstance reader,
            String partner,
            Collection<Channels.Expected> expected,
            Website website,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Channels.Report[] last = new Channels.Report[1];
        try {
            // The ledger is one query; the channels' own APIs are read once it is complete.
            Awaitility.await("every acknowledged notice on every channel in the delivery ledger")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(SQLException.class)
                    .until(() -> {
                        try (Connection db = postgres.connect()) {
                            return Channels.ledgerComplete(db, expected);
                        }
                    });
            if (faultEnded != null) {
                // From the end of the fault to every acknowledged notice delivered on every channel,
                // the pushes retried meanwhile included.
                figures.put(
                        "recoverySeconds",
                        Duration.between(faultEnded, Instant.now()).toMillis() / 1000.0);
            }
            Awaitility.await("every acknowledged notice on every channel")
                    .atMost(Duration.ofNanos(Math.max(
                            deadline - System.nanoTime(), Duration.ofSeconds(30).toNanos())))
                    .pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptionsInstanceOf(SQLException.class)
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                    .until(() -> {
                        last[0] = channels(reader, partner, expected, website, false);
                        return last[0].complete();
                    });
        } catch (ConditionTimeoutException e) {
            // Reported by the caller's assertions on the report.
        }
        // Once complete, read the notices topic too, so duplicates published there count as well.
        try {
            last[0] = channels(reader, partner, expected, website, true);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read the channels", e);
        }
        figures.putAll(last[0].figures());
        figures.put("acknowledged", expected.size());
        figures.put(
                "urgent", expected.stream().filter(Channels.Expected::urgent).count());
        return last[0];
    }

    private Channels.Report channels(
            HubInstance reader, String partner, Collection<Channels.Expected> expected, Website website, boolean topic)
            throws SQLException, IOException {
        try (Connection db = postgres.connect()) {
            return Channels.read(
                    reader,
                    db,
                    expected,
                    topic ? records("hub.notices") : List.of(),
                    website,
                    partner,
                    alerts.received());
        }
    }

    /** Dead letters whose key starts with the prefix. */
    List<ConsumerRecord<String, byte[]>> deadLetters(String keyPrefix) {
        List<ConsumerRecord<String, byte[]>> letters = records("hub.dlq").stream()
                .filter(record -> record.key() != null && record.key().startsWith(keyPrefix))
                .toList();
        figures.put("deadLetters", letters.size());
        return letters;
    }

    /** Every record on a topic, read outside any consumer group. */
    List<ConsumerRecord<String, byte[]>> records(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }

    /**
     * A push-shaped record written straight to {@code hub.inbound.raw} with the headers the push
     * API gives it, as a record acknowledged by Kafka but not yet normalized would be: for faults
     * in which no push can be accepted, so that the stages still have work in flight.
     */
    Channels.Expected sendRaw(String externalId) {
        String body = """
                {"externalId": "%s", "kind": "notice",
                 "translations": {"en": {"title": "Fault test notice %s",
                                         "bodyText": "Written to Kafka while the hub could not take pushes."}}}
                """.formatted(externalId, externalId);
        ProducerRecord<String, byte[]> record = Pusher.rawRecord("hub.inbound.raw", externalId, body);
        send(record);
        return Channels.Expected.of(Pusher.PARTNER, externalId);
    }

    int partitions(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            return consumer.partitionsFor(topic, Duration.ofSeconds(30)).size();
        }
    }

    /** Writes one record and returns once Kafka acknowledged it: its offset. */
    long send(ProducerRecord<String, byte[]> record) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(record).get().offset();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send test record", e);
        }
    }

    /**
     * Keeps a fault in place for its full duration, sampling the hub's health every few seconds:
     * the figures record every top-level status the hub reported meanwhile.
     */
    java.util.Set<String> hold(Duration fault, HubInstance hub) {
        long end = System.nanoTime() + fault.toNanos();
        java.util.Set<String> statuses = new java.util.TreeSet<>();
        Awaitility.await("the fault held for " + fault)
                .atMost(fault.plusMinutes(1))
                .pollInterval(Duration.ofSeconds(5))
                .until(() -> {
                    statuses.add(healthStatus(hub));
                    return System.nanoTime() >= end;
                });
        figures.put("healthDuringFault", statuses);
        return statuses;
    }

    /** The top-level status of the hub's health, or why there was none. */
    static String healthStatus(HubInstance hub) {
        try {
            return new ObjectMapper()
                    .readTree(hub.get("/actuator/health").body())
                    .path("status")
                    .asText("?");
        } catch (java.net.http.HttpTimeoutException e) {
            return "no answer within 10 s";
        } catch (java.net.ConnectException e) {
            return "refused";
        } catch (IOException e) {
            return "failed: " + e.getClass().getSimpleName();
        }
    }

    // --- Figures ---

    /** The fault is over (server back, disk back): recovery is counted from here. */
    void faultEnded() {
        faultEnded = Instant.now();
    }

    void figure(String name, Object value) {
        figures.put(name, value);
    }

    void passed() {
        figures.put("passed", true);
    }

    private void writeFigures() {
        figures.put("endedAt", Instant.now().toString());
        try {
            Files.createDirectories(OUTPUT);
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(OUTPUT.resolve(test + ".json").toFile(), figures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running or has run.
        }
    }

    private synchronized void closeQuietly() {
        AutoCloseable next;
        while ((next = closeables.poll()) != null) {
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("faults: cannot close " + next + ": " + e);
            }
        }
        if (!figures.containsKey("endedAt")) {
            writeFigures();
        }
    }

    // --- Helpers ---

    /** Lets time pass with the fault or the stream in place: Awaitility's delay, not a sleep. */
    static void pause(Duration duration) {
        Awaitility.await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }

    static Duration duration(String property, Duration otherwise) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? otherwise : Duration.parse(value);
    }

    static int number(String property, int otherwise) {
        return Integer.getInteger(property, otherwise);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
