package gr.accmr.hub.platform.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka broker running in this JVM in KRaft mode, acting as both broker and
 * controller. Its data survives restarts as long as the same log directory is used.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedKafka start(Path logDir, int port, int controllerPort) {
        return start(logDir, port, controllerPort, Map.of());
    }

    public static EmbeddedKafka start(Path logDir, int port, int controllerPort, Map<String, String> overrides) {
        long startedAt = System.nanoTime();
        Path dir = logDir.toAbsolutePath().normalize();
        // The static quorum voter string needs a concrete controller address, so "any free port"
        // has to be resolved here rather than left to the socket server.
        int brokerPort = port == 0 ? freePort() : port;
        int quorumPort = controllerPort == 0 ? freePort() : controllerPort;

        KafkaConfig config = KafkaConfig.fromProps(serverProperties(dir, brokerPort, quorumPort, overrides), false);
        formatIfNeeded(dir);
        installExitGuards();

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        EmbeddedKafka kafka = new EmbeddedKafka(server, brokerPort);
        try {
            server.startup();
            kafka.awaitReady();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        log.info(
                "Embedded Kafka ready on {} (data in {}) after {} ms",
                kafka.bootstrapServers(),
                dir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        return kafka;
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("Stopping embedded Kafka on {}", bootstrapServers());
        server.shutdown();
        server.awaitShutdown();
        // Exit procedures stay overridden: they are JVM-global, and a later broker still needs them.
    }

    private static Properties serverProperties(
            Path dir, int brokerPort, int quorumPort, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", String.valueOf(NODE_ID));
        // A static voter set (kraft.version 0) rather than a KIP-853 dynamic quorum: the voter
        // endpoint then lives only in this config, so a restart on a different controller port
        // does not contradict what the metadata log remembers.
        settings.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + quorumPort);
        settings.put("controller.listener.names", CONTROLLER_LISTENER);
        settings.put("inter.broker.listener.name", BROKER_LISTENER);
        settings.put(
                "listeners",
                BROKER_LISTENER + "://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + quorumPort);
        // Clients must never be pointed at the controller listener, so only the broker one is advertised.
        settings.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        settings.put(
                "listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        settings.put("log.dirs", dir.toString());

        // Internal topics default to replication factor 3, which a single node cannot satisfy.
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        // One broker gains nothing from 50 partitions per internal topic; each costs files and memory.
        settings.put("offsets.topic.num.partitions", "1");
        settings.put("transaction.state.log.num.partitions", "1");
        settings.put("share.coordinator.state.topic.num.partitions", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.put("num.partitions", "1");
        // Topics are part of the application's contract; a typo must fail instead of creating one.
        settings.put("auto.create.topics.enable", "false");

        // Defaults are sized for a dedicated server (128 MiB cleaner buffer, 8 I/O threads).
        settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        settings.put("num.io.threads", "2");
        settings.put("num.network.threads", "2");
        settings.put("background.threads", "2");
        settings.put("num.recovery.threads.per.data.dir", "1");
        settings.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));

        settings.putAll(overrides);
        Properties properties = new Properties();
        properties.putAll(settings);
        return properties;
    }

    private static void formatIfNeeded(Path dir) {
        // meta.properties is written last by the formatter, so its presence means a complete
        // format; reformatting would assign a new cluster id and orphan the existing data.
        if (Files.exists(dir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            log.info("Reusing formatted Kafka storage in {}", dir);
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            Files.createDirectories(dir);
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dir.toString()))
                    .setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    // No release version set: the formatter then uses the latest production
                    // metadata.version of these jars (MetadataVersion lives in kafka-server-common,
                    // which the kafka poms expose at runtime scope only).
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka log directory " + dir, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka storage in " + dir, e);
        }
        // The formatter reports to a PrintStream (stdout by default); route it to the log instead.
        log.info(
                "Formatted Kafka storage: {}",
                output.toString(StandardCharsets.UTF_8).trim());
    }

    private static void installExitGuards() {
        // Kafka halts the process on fatal faults such as a failed metadata log dir; in an
        // application that would take the web tier and everything else down with the broker.
        Exit.setHaltProcedure((statusCode, message) -> refuseExit("halt", statusCode, message));
        Exit.setExitProcedure((statusCode, message) -> refuseExit("exit", statusCode, message));
    }

    private static void refuseExit(String kind, int statusCode, String message) {
        log.error("Embedded Kafka requested JVM {}({}): {}; the JVM keeps running", kind, statusCode, message);
        // Kafka's callers assume halt never returns, so unwinding is safer than continuing.
        throw new IllegalStateException("Embedded Kafka requested JVM " + kind + "(" + statusCode + "): " + message);
    }

    private void awaitReady() {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                try {
                    // A fenced broker is left out of metadata responses, so seeing our node means
                    // the controller has unfenced it and it will accept produce and create requests.
                    Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    log.debug("Embedded Kafka not ready yet: {}", e.toString());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Embedded Kafka on " + bootstrapServers() + " not ready within " + READY_TIMEOUT);
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for embedded Kafka", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }
}
