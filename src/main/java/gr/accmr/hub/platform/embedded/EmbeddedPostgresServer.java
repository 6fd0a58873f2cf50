package gr.accmr.hub.platform.embedded;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL with production settings, on zonky's binaries: {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} on (zonky's defaults turn the first two
 * off, for tests); a random password for {@code postgres}, kept in {@value #PASSWORD_FILE} beside
 * the data folder (mode 600), with {@code scram-sha-256} for every TCP connection instead of trust.
 *
 * <p>A data folder of an earlier version (trust, no password) is upgraded in place on start: the
 * password is set over the old trust rule, then {@code pg_hba.conf} is rewritten and reloaded.
 *
 * <p>A kill -9 of the hub leaves its postmaster running (it is a separate process) with the port
 * and {@code postmaster.pid}: the next start stops that postmaster cleanly and waits for it before
 * starting, and a {@code postmaster.pid} of a process that is no postmaster does not block it.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    /** Beside {@code postgres/}, not inside it: initdb wants an empty folder. */
    static final String PASSWORD_FILE = "postgres.password";

    static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String HBA_MARK = "# Partner Hub: passwords (scram-sha-256) on every connection";
    private static final Duration LEFTOVER_STOP = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path passwordFile;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path passwordFile, String password) {
        this.postgres = postgres;
        this.passwordFile = passwordFile;
        this.password = password;
    }

    /** Starts (initialising, upgrading or recovering the folder as needed) and returns the server. */
    static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
        Path passwordFile = dataDir.resolveSibling(PASSWORD_FILE);
        String password = readOrCreatePassword(passwordFile);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                // Keep the data across restarts: the archive and checkpoints live here.
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky starts postgres with -F (fsync off) and synchronous_commit off: fine for
                // tests, not for an archive. These -c options come after -F and win.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("password_encryption", "scram-sha-256")
                // zonky's own readiness check connects as postgres: with a password once it is set.
                .setConnectConfig("password", password)
                // Spring closes the server after everything that uses it; a JVM hook of zonky's
                // own would stop it while the hub is still writing.
                .setRegisterShutdownHook(false)
                // Runs once the folder is ours (zonky's lock taken) and before the postmaster starts.
                .setDataDirectoryCustomizer(folder -> stopLeftoverPostmaster(folder.toPath()))
                .start();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, passwordFile, password);
        server.requirePasswords(dataDir);
        return server;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, "postgres");
    }

    Path passwordFile() {
        return passwordFile;
    }

    int port() {
        return postgres.getPort();
    }

    EmbeddedPostgres postgres() {
        return postgres;
    }

    /** A pool that fails fast: 5 s for a connection, so callers see the database is down quickly. */
    HikariDataSource pool(String name, int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(jdbcUrl());
        pool.setUsername(USER);
        pool.setPassword(password);
        pool.setPoolName(name);
        pool.setMaximumPoolSize(size);
        pool.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        return pool;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static String readOrCreatePassword(Path file) throws IOException {
        if (Files.exists(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!stored.isEmpty()) {
                return stored;
            }
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        // Hex: nothing in it needs quoting in SQL or in a JDBC property.
        String password = HexFormat.of().formatHex(random);
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.info("Generated the embedded PostgreSQL's password in {}", file);
        return password;
    }

    /**
     * Sets the password and switches {@code pg_hba.conf} to scram-sha-256 unless it already is:
     * on a fresh folder and on one from before passwords, where initdb wrote trust rules.
     */
    private void requirePasswords(Path dataDir) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        if (Files.readString(hba, StandardCharsets.UTF_8).contains(HBA_MARK)) {
            return;
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", USER);
        credentials.setProperty("password", password);
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), credentials);
                Statement statement = connection.createStatement()) {
            // A utility statement takes no parameters; the password is hex, so quoting is enough.
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password.replace("'", "''") + "'");
            Path rewritten = hba.resolveSibling("pg_hba.conf.new");
            Files.writeString(
                    rewritten,
                    String.join(
                            "\n",
                            HBA_MARK,
                            "# (written by the hub; the password is in " + passwordFile + ")",
                            "local   all             all                     scram-sha-256",
                            "host    all             all     127.0.0.1/32    scram-sha-256",
                            "host    all             all     ::1/128         scram-sha-256",
                            "local   replication     all                     scram-sha-256",
                            "host    replication     all     127.0.0.1/32    scram-sha-256",
                            "host    replication     all     ::1/128         scram-sha-256",
                            ""),
                    StandardCharsets.UTF_8);
            Files.move(rewritten, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            statement.execute("SELECT pg_reload_conf()");
            log.info("Embedded PostgreSQL now requires the password of {} on every connection", USER);
        } catch (SQLException e) {
            throw new IOException("Cannot set the password of the embedded PostgreSQL", e);
        }
    }

    /**
     * Stops the postmaster a killed hub left running on this folder, and waits until it is gone;
     * removes a {@code postmaster.pid} whose process is no postmaster of this folder (a pid reused
     * after a reboot), which PostgreSQL would otherwise take for a running server.
     */
    static void stopLeftoverPostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<Long> pid = leftoverPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get());
        if (process.isEmpty() || !process.get().isAlive()) {
            // PostgreSQL removes a postmaster.pid of a dead process itself.
            return;
        }
        if (!isPostmasterOf(process.get(), dataDir)) {
            log.warn("{} names process {}, which is no postmaster of this folder: removing it", pidFile, pid.get());
            deleteQuietly(pidFile);
            return;
        }
        log.warn(
                "A PostgreSQL server (pid {}) is still running on {} from an earlier hub process: stopping it first",
                pid.get(),
                dataDir);
        // SIGINT is PostgreSQL's fast shutdown: sessions end, a checkpoint is written, nothing is lost.
        signal(pid.get(), "INT");
        if (!awaitExit(process.get(), LEFTOVER_STOP)) {
            log.error(
                    "PostgreSQL (pid {}) did not stop within {}: killing it (it recovers from its WAL)",
                    pid.get(),
                    LEFTOVER_STOP);
            process.get().destroyForcibly();
            awaitExit(process.get(), Duration.ofSeconds(10));
        }
        log.info("The earlier PostgreSQL server (pid {}) has stopped", pid.get());
    }

    private static Optional<Long> leftoverPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            log.warn("Unreadable {} ({}): removing it", pidFile, e.getMessage());
            deleteQuietly(pidFile);
            return Optional.empty();
        }
    }

    private static boolean isPostmasterOf(ProcessHandle process, Path dataDir) {
        ProcessHandle.Info info = process.info();
        boolean postgres =
                info.command().map(command -> command.endsWith("postgres")).orElse(false);
        // Arguments can be hidden from us; then the command name has to do.
        boolean sameFolder = info.arguments()
                .map(arguments -> String.join(" ", arguments).contains(dataDir.toString()))
                .orElse(true);
        return postgres && sameFolder;
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot signal PostgreSQL (pid " + pid + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot remove {}: {}", file, e.getMessage());
        }
    }
}
