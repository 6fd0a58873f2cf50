package gr.accmr.hub.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * One hub in a child JVM, on a fixed port so that the pusher keeps its address across kills and
 * restarts: pointed at an external broker and database ({@link #externalServers}), or starting its
 * embedded ones as on a fresh machine ({@link #embeddedServers}).
 */
public final class HubInstance implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "faults-admin-password";

    // The checks read every acknowledged notice's journey: with the admin's bcrypt of cost 10 each
    // request costs a third of a second here, so they read as a user whose hash is cheap to check.
    private static final String READER = "faults-reader";
    private static final String READER_PASSWORD = "faults-reader-password";
    private static final String READER_HASH = "{bcrypt}"
            + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode(READER_PASSWORD);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChildJvm jvm;
    private final int port;
    private final Path dataDir;

    /**
     * {@code servers}: {@link #externalServers} or {@link #embeddedServers}; {@code extra}: further
     * settings as command-line arguments; {@code logDir}: where the JVM's output goes.
     */
    public HubInstance(
            String name,
            Path logDir,
            List<String> jvmOptions,
            int port,
            Path dataDir,
            Path routesDir,
            List<String> servers,
            List<String> extra) {
        this.port = port;
        this.dataDir = dataDir;
        List<String> arguments = new ArrayList<>(servers);
        arguments.addAll(List.of(
                "--server.port=" + port,
                // The feeds' next_url and the sitemaps are absolute: they must point back at this hub.
                "--hub.public-url=http://127.0.0.1:" + port,
                "--hub.data-dir=" + dataDir,
                "--hub.routes-dir=" + routesDir,
                "--hub.security.admin-password=" + ADMIN_PASSWORD,
                "--hub.security.users[0].name=" + READER,
                "--hub.security.users[0].password=" + READER_HASH,
                "--hub.push.partners." + Pusher.PARTNER + ".secrets=" + Pusher.SECRET,
                "--hub.push.partners." + Pusher.PARTNER + ".default-language=en",
                // Trusted, as IRC is: what it pushes reaches the channels without review. So do the
                // labs' feed partners: these tests are about delivery, review has tests of its own.
                "--hub.push.partners." + Pusher.PARTNER + ".publishing=auto",
                "--hub.review.default-publishing=auto",
                // The pusher's steady stream plus its retries after an outage exceed the default 120,
                // and the load benchmark pushes as fast as the hub takes them.
                "--hub.push.partners." + Pusher.PARTNER + ".requests-per-minute=10000000",
                // The lab's alert receiver runs on loopback, which only tests may let alerts reach.
                "--hub.alerts.allow-loopback-for-tests=true",
                "--logging.level.gr.accmr.hub=INFO"));
        arguments.addAll(extra);
        this.jvm = new ChildJvm(name, logDir, jvmOptions, HubMain.class.getName(), arguments);
    }

    /** Settings that point the hub at a broker and a database of the test's. */
    public static List<String> externalServers(String kafka, String jdbcUrl) {
        return List.of(
                "--hub.kafka.bootstrap-servers=" + kafka,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres");
    }

    /**
     * Nothing external: the hub starts its own broker and PostgreSQL under its data folder, as
     * {@code java -jar} on a fresh machine does, on the given ports.
     */
    public static List<String> embeddedServers(int kafkaPort, int kafkaControllerPort, int postgresPort) {
        return List.of(
                "--hub.embedded.kafka-port=" + kafkaPort,
                "--hub.embedded.kafka-controller-port=" + kafkaControllerPort,
                "--hub.embedded.postgres-port=" + postgresPort);
    }

    public String name() {
        return jvm.name();
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path siteDir() {
        return dataDir.resolve("site");
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The JVM's process id while it runs. */
    public long pid() {
        return jvm.pid();
    }

    public void start() {
        jvm.start();
    }

    /** Started and serving: health answers at all (its status may be DOWN while a partner is). */
    public void awaitServing(Duration timeout) {
        Awaitility.await(jvm.name() + " serves /actuator/health")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!jvm.isAlive()) {
                        throw new IllegalStateException(jvm.name() + " ended while starting; see " + jvm.log());
                    }
                    int status = healthStatus();
                    return status == 200 || status == 503;
                });
    }

    public void startAndAwait() {
        start();
        awaitServing(Duration.ofSeconds(180));
    }

    public void kill() {
        jvm.kill();
    }

    /** A graceful stop (SIGTERM), a kill after {@code grace}: the embedded servers shut down with the hub. */
    public void stop(Duration grace) {
        jvm.stop(grace);
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    public int healthStatus() {
        try {
            return get("/actuator/health").statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    public HttpResponse<String> get(String path) throws IOException {
        return get(uri(path));
    }

    public HttpResponse<String> get(URI address) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(address)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", basicAuth(READER, READER_PASSWORD))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public HttpResponse<String> post(String path, String json) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", basicAuth("admin", ADMIN_PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sum of one Prometheus counter over the series whose labels contain {@code labelFilter}. */
    public double counter(String metric, String labelFilter) {
        String text;
        try {
            text = get("/actuator/prometheus").body();
        } catch (IOException e) {
            return Double.NaN;
        }
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(metric) && line.contains(labelFilter)) {
                String[] parts = line.trim().split(" ");
                sum += Double.parseDouble(parts[parts.length - 1]);
            }
        }
        return sum;
    }

    @Override
    public void close() {
        jvm.close();
    }
}
