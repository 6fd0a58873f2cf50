package gr.accmr.hub.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server the test can stop the hard way. Zonky unpacks the binaries and runs
 * {@code initdb} once; from then on the postmaster is a direct child of the test JVM, so that
 * {@code pg_ctl stop -m immediate} can take it down without a checkpoint (clients get "connection
 * refused", restart runs crash recovery) and a restart reuses the same port and data.
 */
final class ExternalPostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Path log;
    private @Nullable Path binaries;
    private @Nullable Process postmaster;

    ExternalPostgres(String name, Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
        this.log = FaultLab.OUTPUT.resolve(name + ".log");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }

    synchronized void start() {
        if (binaries == null) {
            binaries = initialise();
        }
        try {
            postmaster = new ProcessBuilder(command(
                            binaries.resolve("bin/postgres").toString(),
                            "-D",
                            dataDir.toString(),
                            "-p",
                            String.valueOf(port),
                            "-c",
                            "listen_addresses=127.0.0.1",
                            "-c",
                            "max_connections=100"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        }
        Awaitility.await("PostgreSQL accepts connections")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(SQLException.class)
                .until(() -> {
                    try (Connection connection = connect()) {
                        return connection.isValid(2);
                    }
                });
    }

    /** Immediate shutdown: every backend quits at once, no checkpoint, crash recovery on restart. */
    synchronized void stopHard() {
        Process running = postmaster;
        if (running == null || binaries == null) {
            return;
        }
        try {
            new ProcessBuilder(command(
                            binaries.resolve("bin/pg_ctl").toString(),
                            "stop",
                            "-D",
                            dataDir.toString(),
                            "-m",
                            "immediate",
                            "-w"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                running.descendants().forEach(ProcessHandle::destroyForcibly);
                running.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        postmaster = null;
    }

    @Override
    public void close() {
        stopHard();
    }

    /**
     * PostgreSQL refuses to run as root; like zonky, run it in a user namespace of its own there,
     * where {@code unshare -U} execs the server in place so the Process is the postmaster itself.
     */
    private static List<String> command(String... arguments) {
        List<String> command = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(arguments));
        return command;
    }

    private Path initialise() {
        // Zonky's own start runs initdb (trust authentication, user postgres); its close is a fast
        // shutdown that leaves the data directory, which from then on this class runs itself.
        try (EmbeddedPostgres first = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start()) {
            var field = EmbeddedPostgres.class.getDeclaredField("pgDir");
            field.setAccessible(true);
            return ((File) field.get(first)).toPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot initialise PostgreSQL in " + dataDir, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("zonky no longer keeps its binaries in pgDir", e);
        }
    }
}
