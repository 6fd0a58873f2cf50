package gr.accmr.hub.bench;

import static gr.accmr.hub.harness.Scratch.deleteRecursively;
import static gr.accmr.hub.harness.Scratch.freePort;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gr.accmr.hub.harness.HubInstance;
import gr.accmr.hub.harness.Pusher;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The end-to-end load benchmark of the embedded default: one hub started as {@code java -jar} on a
 * fresh machine would be (its own KRaft broker and PostgreSQL in a temporary data folder), one push
 * partner, and in order:
 *
 * <ol>
 *   <li>the raw Kafka produce rate of the same 2 KB payloads on that broker, with the hub's
 *       producer settings, as the ceiling the pipeline is compared with;
 *   <li>a preload of notices already on every channel;
 *   <li>throughput: signed pushes at full speed from several clients, timed until every channel
 *       has caught up;
 *   <li>latency: a steady stream of pushes, each timed from its 202 until the mobile feed shows it.
 * </ol>
 *
 * Run with {@code bench/e2e.sh}; prints a table and writes the figures to {@code target/bench/}.
 * Not a test: it runs only when started.
 */
public final class EndToEndLoad {

    static final Path OUTPUT = Path.of("target", "bench").toAbsolutePath();

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** What one run does; see {@link #usage()}. */
    record Options(
            int preload,
            boolean preloadByPush,
            int warmup,
            int throughput,
            int clients,
            int batch,
            int rate,
            Duration latency,
            int rawRecords,
            String heap,
            boolean jfr,
            Duration refreshEvery,
            int readerPage,
            Duration catchUpTimeout) {

        static Options parse(String... args) {
            boolean quick = List.of(args).contains("--quick");
            int preload = quick ? 2_000 : 100_000;
            boolean byPush = false;
            int throughput = quick ? 2_000 : 20_000;
            int warmup = -1;
            int clients = 16;
            int batch = 1;
            int rate = 100;
            Duration latency = Duration.ofSeconds(quick ? 30 : 60);
            int raw = quick ? 10_000 : 50_000;
            String heap = "2g";
            boolean jfr = false;
            Duration refresh = Duration.ofMillis(50);
            int readerPage = 50;
            Duration timeout = Duration.ofMinutes(quick ? 30 : 240);
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--quick" -> {}
                    case "--preload" -> preload = Integer.parseInt(args[++i]);
                    case "--preload-via" -> {
                        byPush = switch (value) {
                            case "push" -> true;
                            case "raw" -> false;
                            default -> throw new IllegalArgumentException("--preload-via push|raw");
                        };
                        i++;
                    }
                    case "--throughput" -> throughput = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--clients" -> clients = Integer.parseInt(args[++i]);
                    case "--batch" -> batch = Integer.parseInt(args[++i]);
                    case "--rate" -> rate = Integer.parseInt(args[++i]);
                    case "--latency-seconds" -> latency = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--raw-records" -> raw = Integer.parseInt(args[++i]);
                    case "--heap" -> heap = args[++i];
                    case "--jfr" -> jfr = true;
                    case "--refresh-ms" -> refresh = Duration.ofMillis(Long.parseLong(args[++i]));
                    case "--reader-page" -> readerPage = Integer.parseInt(args[++i]);
                    case "--timeout-minutes" -> timeout = Duration.ofMinutes(Long.parseLong(args[++i]));
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
                }
            }
            return new Options(
                    preload,
                    byPush,
                    warmup < 0 ? throughput / 2 : warmup,
                    throughput,
                    clients,
                    batch,
                    rate,
                    latency,
                    raw,
                    heap,
                    jfr,
                    refresh,
                    readerPage,
                    timeout);
        }
    }

    static String usage() {
        return """
                bench/e2e.sh [--quick] [--preload N] [--preload-via raw|push] [--warmup W] [--throughput M] [--clients K]
                             [--batch B] [--rate R] [--latency-seconds S] [--raw-records N] [--heap 2g] [--jfr]
                             [--refresh-ms 50] [--reader-page 50] [--timeout-minutes T]
                  --quick            2,000 preloaded, 2,000 at full speed, 30 s of latency, 10,000 raw records
                  --preload N        notices on every channel before measuring (100,000)
                  --preload-via      raw: records written to hub.inbound.raw as the push API writes them
                                     (default, the preload is set-up); push: signed pushes, K clients
                  --warmup W         the same pushes before the measured ones, not measured (M / 2)
                  --throughput M     pushes at full speed from K clients (20,000; 16 clients)
                  --batch B          notices per request at full speed and in a pushed preload (1: one
                                     push each; more: POST .../notice-batches with B notices)
                  --rate R           pushes a second in the latency phase (100), for S seconds (60)
                  --jfr              a flight recording of the hub during the throughput phase
                  --refresh-ms       how often the latency phase reads the mobile feed (50)
                  --reader-page      items per feed page the reader asks for (50, the feed's default page)
                """;
    }

    private final Options options;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> table = new ArrayList<>();

    private EndToEndLoad(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(usage());
            return;
        }
        for (String noisy : List.of("org.apache.kafka", "io.zonky")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(noisy))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        new EndToEndLoad(Options.parse(args)).run();
        // The pushers' and Kafka clients' threads are daemons or closed; nothing else keeps this JVM.
        System.exit(0);
    }

    private void run() throws Exception {
        String stamp = STAMP.format(OffsetDateTime.now(ZoneOffset.UTC));
        figures.put("startedAt", Instant.now().toString());
        figures.put("options", options.toString());
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        figures.put("loadAverageAtStart", loadAverage());
        Files.createDirectories(OUTPUT);
        Path root = Files.createTempDirectory("partner-hub-e2e");
        Path data = root.resolve("data");
        Path routes = Files.createDirectories(root.resolve("routes"));
        int kafkaPort = freePort();
        int postgresPort = freePort();
        try (HubInstance hub = new HubInstance(
                "e2e-hub-" + stamp,
                OUTPUT,
                // As java -jar runs it, but for a heap ceiling: the machine is shared with the driver.
                List.of("-Xmx" + options.heap()),
                freePort(),
                data,
                routes,
                HubInstance.embeddedServers(kafkaPort, freePort(), postgresPort),
                List.of())) {
            say("starting the hub (embedded broker and PostgreSQL in " + data + "), log in "
                    + OUTPUT.resolve(hub.name() + ".log"));
            long started = System.nanoTime();
            hub.start();
            hub.awaitServing(Duration.ofMinutes(5));
            awaitUp(hub);
            figures.put("hubStartSeconds", seconds(System.nanoTime() - started));
            String kafka = "127.0.0.1:" + kafkaPort;
            try (StageLag lag = new StageLag(kafka);
                    Connection db = connect(data, postgresPort)) {
                rawProduceRate(lag, kafka);
                preload(hub, lag, kafka);
                throughput(hub, lag, db, stamp);
                latency(hub, lag, db);
            } finally {
                // Not killed: its PostgreSQL runs detached, and only a graceful stop ends it with the hub.
                hub.stop(Duration.ofSeconds(60));
            }
        } finally {
            figures.put("loadAverageAtEnd", loadAverage());
            figures.put("endedAt", Instant.now().toString());
            Path json = OUTPUT.resolve("e2e-" + stamp + ".json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), figures);
            Files.copy(json, OUTPUT.resolve("e2e-latest.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try {
                deleteRecursively(root);
            } catch (IOException e) {
                System.err.println("cannot delete " + root + ": " + e);
            }
            System.out.println();
            table.forEach(System.out::println);
            System.out.printf(
                    "load average at start %s, at end %s; figures in %s%n",
                    figures.get("loadAverageAtStart"), figures.get("loadAverageAtEnd"), json);
        }
    }

    // --- Phases ---

    /**
     * The ceiling: the same payloads, with the push API's key and headers, written to a scratch
     * topic of as many partitions as {@code hub.inbound.raw} by one producer with the hub's
     * settings, pipelined (the push API waits for each record's acknowledgement instead).
     */
    private void rawProduceRate(StageLag lag, String kafka) throws Exception {
        String scratch = "bench.e2e.scratch";
        int partitions = lag.partitions(StageLag.RAW_TOPIC);
        lag.admin()
                .createTopics(List.of(new NewTopic(scratch, partitions, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            // A warm-up the size of a tenth of the run: connections, metadata, the JIT.
            produce(producer, scratch, "warm-up", Math.max(1_000, options.rawRecords() / 10));
            long bytes = produce(producer, scratch, "raw", 1);
            long started = System.nanoTime();
            produce(producer, scratch, "raw", options.rawRecords());
            long took = System.nanoTime() - started;
            double perSecond = options.rawRecords() / seconds(took);
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("records", options.rawRecords());
            raw.put("recordBytes", bytes);
            raw.put("partitions", partitions);
            raw.put("seconds", seconds(took));
            raw.put("recordsPerSecond", Math.round(perSecond));
            raw.put("megabytesPerSecond", round(perSecond * bytes / 1e6));
            figures.put("rawKafkaProduce", raw);
            row(
                    "raw Kafka produce (acks=all, idempotent, %d B values, %d partitions)",
                    "%,.0f records/s", bytes, partitions, perSecond);
        } finally {
            lag.admin().deleteTopics(List.of(scratch)).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Writes {@code count} push-shaped records with ids {@code prefix-1...}; returns the last value's size. */
    private static long produce(KafkaProducer<String, byte[]> producer, String topic, String prefix, int count)
            throws Exception {
        AtomicReference<Exception> failed = new AtomicReference<>();
        long bytes = 0;
        for (int i = 1; i <= count; i++) {
            String id = prefix + "-" + i;
            ProducerRecord<String, byte[]> record = Pusher.rawRecord(topic, id, Payload.body(id, i, false));
            bytes = record.value().length;
            producer.send(record, (metadata, exception) -> {
                if (exception != null) {
                    failed.compareAndSet(null, exception);
                }
            });
        }
        producer.flush();
        if (failed.get() != null) {
            throw failed.get();
        }
        return bytes;
    }

    private void preload(HubInstance hub, StageLag lag, String kafka) throws Exception {
        if (options.preload() == 0) {
            return;
        }
        long started = System.nanoTime();
        String via;
        if (options.preloadByPush()) {
            via = "signed pushes, " + options.clients() + " clients, " + options.batch() + " per request";
            try (Pusher pusher = pusher(hub, "preload")) {
                pusher.pushAll(options.preload(), options.clients(), options.batch(), options.catchUpTimeout());
            }
        } else {
            via = "records written to hub.inbound.raw with the push API's key and headers";
            try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
                produce(producer, StageLag.RAW_TOPIC, "preload", options.preload());
            }
        }
        long written = System.nanoTime() - started;
        say(
                "preload: %,d notices in by %s in %.1f s; waiting for every channel",
                options.preload(), via, seconds(written));
        Map<String, Duration> caughtUp =
                lag.awaitCaughtUp(started, options.catchUpTimeout(), Duration.ofSeconds(1), this::progress);
        long took = System.nanoTime() - started;
        Map<String, Object> preload = new LinkedHashMap<>();
        preload.put("notices", options.preload());
        preload.put("via", via);
        preload.put("inSeconds", seconds(written));
        preload.put("allChannelsSeconds", seconds(took));
        preload.put("caughtUpSeconds", secondsOf(caughtUp));
        figures.put("preload", preload);
        row(
                "preload by %s",
                "%,d notices, all channels after %.0f s (%.0f/s)",
                via,
                options.preload(),
                seconds(took),
                options.preload() / seconds(took));
    }

    private void throughput(HubInstance hub, StageLag lag, Connection db, String stamp) throws Exception {
        Path recording = OUTPUT.resolve("e2e-" + stamp + "-throughput.jfr");
        if (options.jfr()) {
            jcmd(hub, "JFR.start", "name=e2e", "settings=default", "filename=" + recording);
        }
        Map<String, Object> phase = new LinkedHashMap<>();
        warmUp(hub, lag, phase);
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        try (Pusher pusher = pusher(hub, "tp")) {
            pusher.pushAll(options.throughput(), options.clients(), options.batch(), options.catchUpTimeout());
            long accepted = System.nanoTime() - started;
            say(
                    "throughput: %,d pushes accepted in %.1f s; waiting for every channel",
                    pusher.acknowledgedCount(), seconds(accepted));
            Map<String, Duration> caughtUp =
                    lag.awaitCaughtUp(started, options.catchUpTimeout(), Duration.ofMillis(200), this::progress);
            long took = System.nanoTime() - started;
            phase.put("pushes", options.throughput());
            phase.put("clients", options.clients());
            phase.put("noticesPerRequest", options.batch());
            phase.put("acknowledged", pusher.acknowledgedCount());
            phase.put("answers", pusher.answers());
            phase.put("retries", pusher.retries());
            phase.put("acceptedSeconds", seconds(accepted));
            phase.put("acceptedPerSecond", Math.round(options.throughput() / seconds(accepted)));
            phase.put("allChannelsSeconds", seconds(took));
            phase.put("noticesPerSecond", Math.round(options.throughput() / seconds(took)));
            phase.put("caughtUpSeconds", secondsOf(caughtUp));
            phase.put("ledger", ledgerByChannel(db, "tp-%", startedAt));
            row(
                    "notices accepted (%d clients, %d per request)",
                    "%,.0f notices/s", options.clients(), options.batch(), options.throughput() / seconds(accepted));
            row(
                    "end to end, all channels caught up",
                    "%,.0f notices/s (%,d in %.1f s)",
                    options.throughput() / seconds(took),
                    options.throughput(),
                    seconds(took));
            caughtUp.forEach((stage, at) -> row(
                    "  %s caught up after",
                    "%.1f s (%,.0f/s)", stage, seconds(at.toNanos()), options.throughput() / seconds(at.toNanos())));
        } finally {
            if (options.jfr()) {
                jcmd(hub, "JFR.stop", "name=e2e");
                phase.put("flightRecording", recording.toString());
                say("flight recording of the throughput phase: %s", recording);
            }
            figures.put("throughput", phase);
        }
    }

    /**
     * The same pushes, not measured: the preload writes raw records, so the push API's code (HTTP,
     * signatures, schema checks) has not run yet, and the hub's JIT would compile it during the
     * measured phase. Waits for every channel, so the measured phase starts from no lag.
     */
    private void warmUp(HubInstance hub, StageLag lag, Map<String, Object> phase) throws Exception {
        if (options.warmup() == 0) {
            return;
        }
        long started = System.nanoTime();
        try (Pusher pusher = pusher(hub, "warm")) {
            pusher.pushAll(options.warmup(), options.clients(), options.batch(), options.catchUpTimeout());
            say("warm-up: %,d pushes accepted; waiting for every channel", pusher.acknowledgedCount());
            lag.awaitCaughtUp(started, options.catchUpTimeout(), Duration.ofSeconds(1), this::progress);
        }
        long took = System.nanoTime() - started;
        phase.put("warmupPushes", options.warmup());
        phase.put("warmupSeconds", seconds(took));
        row("warm-up, not measured: the same pushes", "%,d in %.1f s", options.warmup(), seconds(took));
    }

    private void latency(HubInstance hub, StageLag lag, Connection db) throws Exception {
        Map<String, Object> phase = new LinkedHashMap<>();
        figures.put("latency", phase);
        // Pages of the feed's default size, as an app reads it; the reader follows next_url when
        // a notice it has not seen yet may be further down.
        URI feed = hub.uri("/feeds/en.json?partner=" + Pusher.PARTNER + "&limit=" + options.readerPage());
        Duration longest = options.latency().plus(options.catchUpTimeout());
        try (Pusher pusher = pusher(hub, "lat");
                FeedWatcher watcher = new FeedWatcher(feed, pusher, options.refreshEvery(), longest).start()) {
            long started = System.nanoTime();
            pusher.start(options.rate());
            long end = started + options.latency().toNanos();
            while (System.nanoTime() < end) {
                StageLag.pause(Duration.ofSeconds(5));
                say("latency: %,d pushes acknowledged", pusher.acknowledgedCount());
            }
            pusher.stopNew();
            pusher.awaitAllAcknowledged(options.catchUpTimeout());
            List<Pusher.Delivery> acknowledged = pusher.ledger();
            long deadline = System.nanoTime()
                    + Duration.ofMinutes(2).plus(options.latency()).toNanos();
            say("latency: all %,d pushes acknowledged; waiting for the feed to show them", acknowledged.size());
            while (acknowledged.stream().anyMatch(d -> watcher.seenAt(d.noticeId()) == null)
                    && System.nanoTime() < deadline) {
                StageLag.pause(Duration.ofMillis(500));
            }
            List<Long> reader = new ArrayList<>();
            int unseen = 0;
            for (Pusher.Delivery delivery : acknowledged) {
                Instant seen = watcher.seenAt(delivery.noticeId());
                if (seen == null) {
                    unseen++;
                } else {
                    // Seen before its 202 arrived (the answer was still on its way): no wait at all.
                    reader.add(Math.max(
                            0, Duration.between(delivery.acknowledgedAt(), seen).toMillis()));
                }
            }
            List<Long> ledger = mobileLedgerLatencies(db, acknowledged);
            phase.put("rate", options.rate());
            phase.put("seconds", options.latency().toSeconds());
            phase.put("sent", pusher.sent());
            phase.put("acknowledged", acknowledged.size());
            phase.put("answers", pusher.answers());
            phase.put("unseenInFeed", unseen);
            phase.put("acceptedToVisibleInFeedMillis", percentiles(reader));
            phase.put("acceptedToMobileLedgerMillis", percentiles(ledger));
            phase.put("feedReader", watcher.figures());
            Map<String, Long> p = percentiles(reader);
            // The pusher's senders are as many as the pushes the hub serves at once (hub.push.max-in-flight):
            // a hub slower than the rate holds them all, and fewer notices are offered than asked.
            row(
                    "latency at %d/s asked, %.0f/s offered: 202 to visible in /feeds/en.json",
                    "p50 %,d ms, p95 %,d ms, p99 %,d ms, max %,d ms (%d of %d seen; refresh every %d ms, pages of %d)",
                    options.rate(),
                    pusher.sent() / (double) options.latency().toSeconds(),
                    p.get("p50"),
                    p.get("p95"),
                    p.get("p99"),
                    p.get("max"),
                    reader.size(),
                    acknowledged.size(),
                    options.refreshEvery().toMillis(),
                    options.readerPage());
            Map<String, Long> l = percentiles(ledger);
            row(
                    "  same, to the mobile channel's ledger row",
                    "p50 %,d ms, p95 %,d ms, p99 %,d ms, max %,d ms",
                    l.get("p50"),
                    l.get("p95"),
                    l.get("p99"),
                    l.get("max"));
        }
    }

    // --- Reading the hub ---

    /** Per channel: notices of the phase delivered, and seconds from the phase's start to the last one. */
    private static Map<String, Object> ledgerByChannel(Connection db, String externalIdPattern, Instant since)
            throws SQLException {
        Map<String, Object> channels = new LinkedHashMap<>();
        try (PreparedStatement statement = db.prepareStatement("""
                SELECT channel, count(*), max(at) FROM fanout_delivery
                WHERE outcome = 'delivered' AND notice_id LIKE ? GROUP BY channel ORDER BY channel
                """)) {
            statement.setString(1, Pusher.PARTNER + ":" + externalIdPattern);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Instant last = rows.getObject(3, OffsetDateTime.class).toInstant();
                    channels.put(
                            rows.getString(1),
                            Map.of(
                                    "delivered",
                                    rows.getLong(2),
                                    "lastDeliveredSeconds",
                                    Duration.between(since, last).toMillis() / 1000.0));
                }
            }
        }
        return channels;
    }

    /** From each 202 to the mobile channel's ledger row, written after the feed's transaction committed. */
    private static List<Long> mobileLedgerLatencies(Connection db, List<Pusher.Delivery> deliveries)
            throws SQLException {
        Map<String, Instant> recorded = new java.util.HashMap<>();
        try (PreparedStatement statement = db.prepareStatement("""
                SELECT notice_id, at FROM fanout_delivery
                WHERE channel = 'mobile' AND outcome = 'delivered' AND notice_id = ANY (?)
                """)) {
            Array ids = db.createArrayOf(
                    "text", deliveries.stream().map(Pusher.Delivery::noticeId).toArray());
            statement.setArray(1, ids);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    recorded.put(
                            rows.getString(1),
                            rows.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        }
        List<Long> latencies = new ArrayList<>();
        for (Pusher.Delivery delivery : deliveries) {
            Instant at = recorded.get(delivery.noticeId());
            if (at != null) {
                latencies.add(Math.max(
                        0, Duration.between(delivery.acknowledgedAt(), at).toMillis()));
            }
        }
        return latencies;
    }

    private static Connection connect(Path data, int port) throws IOException, SQLException {
        // The embedded PostgreSQL's generated password, kept beside its data folder.
        String password = Files.readString(data.resolve("postgres.password"), StandardCharsets.UTF_8)
                .trim();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
    }

    private static void awaitUp(HubInstance hub) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (hub.healthStatus() != 200) {
            if (!hub.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the hub did not report UP; see its log");
            }
            StageLag.pause(Duration.ofMillis(500));
        }
    }

    private static void jcmd(HubInstance hub, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(hub.pid())));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }

    private static Pusher pusher(HubInstance hub, String run) {
        List<URI> address = List.of(hub.uri("/"));
        return new Pusher(run, () -> address, Payload::body, 32);
    }

    private static KafkaProducer<String, byte[]> producer(String kafka) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        // The hub's producer settings (KafkaEndpoints): acknowledged by all in-sync replicas,
        // idempotent, five requests in flight, a 5 ms linger.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    // --- Figures ---

    private void progress(Duration elapsed, Map<String, Long> lags) {
        say("  %3.0f s: still to do %s", elapsed.toMillis() / 1000.0, lags);
    }

    private void row(String what, String figure, Object... values) {
        int split = count(what);
        Object[] first = java.util.Arrays.copyOfRange(values, 0, split);
        Object[] second = java.util.Arrays.copyOfRange(values, split, values.length);
        String line = String.format("%-78s %s", String.format(what, first), String.format(figure, second));
        table.add(line);
        System.out.println(line);
    }

    private static int count(String format) {
        return format.split("%[^%n]", -1).length - 1;
    }

    private static void say(String format, Object... values) {
        System.out.printf("[%s] %s%n", Instant.now().toString().substring(11, 19), String.format(format, values));
    }

    static Map<String, Long> percentiles(List<Long> millis) {
        Map<String, Long> p = new LinkedHashMap<>();
        if (millis.isEmpty()) {
            List.of("p50", "p95", "p99", "max").forEach(name -> p.put(name, -1L));
            return p;
        }
        List<Long> sorted = millis.stream().sorted(Comparator.naturalOrder()).toList();
        p.put("p50", nearestRank(sorted, 0.50));
        p.put("p95", nearestRank(sorted, 0.95));
        p.put("p99", nearestRank(sorted, 0.99));
        p.put("max", sorted.get(sorted.size() - 1));
        p.put("count", (long) sorted.size());
        return p;
    }

    private static long nearestRank(List<Long> sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static Map<String, Double> secondsOf(Map<String, Duration> durations) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        durations.forEach((name, duration) -> seconds.put(name, seconds(duration.toNanos())));
        return seconds;
    }

    private static double seconds(long nanos) {
        return round(nanos / 1e9);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
