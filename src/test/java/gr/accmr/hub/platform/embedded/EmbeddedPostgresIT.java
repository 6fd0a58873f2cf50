package gr.accmr.hub.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileOutputStream;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The embedded PostgreSQL as the hub runs it: durable, with a password, and restartable after a kill -9. */
class EmbeddedPostgresIT {

    @TempDir
    Path dataRoot;

    @Test
    void runsWithProductionDurabilityAndRequiresThePasswordOverTcp() throws Exception {
        Path dataDir = dataRoot.resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0);
                HikariDataSource pool = server.pool("it", 2)) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class))
                    .isEqualTo("on");
            assertThat(jdbc.queryForObject("SHOW full_page_writes", String.class))
                    .isEqualTo("on");

            Path passwordFile = dataRoot.resolve("postgres.password");
            assertThat(server.passwordFile()).isEqualTo(passwordFile);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");
            String password = Files.readString(passwordFile).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);

            assertThat(connects(server, password)).isTrue();
            assertThatThrownBy(() -> connects(server, null)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connects(server, "postgres")).isInstanceOf(SQLException.class);
            assertThat(server.jdbcUrl()).doesNotContain(password);
        }
    }

    @Test
    void keepsThePasswordAndTheDataAcrossACleanRestart() throws Exception {
        Path dataDir = dataRoot.resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0);
                HikariDataSource pool = server.pool("it", 2)) {
            new JdbcTemplate(pool).execute("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('before')");
        }
        String password = Files.readString(dataRoot.resolve("postgres.password"));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0);
                HikariDataSource pool = server.pool("it", 2)) {
            assertThat(new JdbcTemplate(pool).queryForList("SELECT note FROM kept", String.class))
                    .containsExactly("before");
        }
        assertThat(Files.readString(dataRoot.resolve("postgres.password"))).isEqualTo(password);
    }

    @Test
    void startsAgainWhenAKilledHubLeftItsPostmasterRunning() throws Exception {
        Path dataDir = dataRoot.resolve("postgres");
        int port = freePort();
        EmbeddedPostgresServer crashed = EmbeddedPostgresServer.start(dataDir, port);
        try (HikariDataSource pool = crashed.pool("it-crashed", 2)) {
            new JdbcTemplate(pool)
                    .execute("CREATE TABLE acknowledged (id int); INSERT INTO acknowledged VALUES (1), (2), (3)");
        }
        long leftover = postmasterPid(dataDir);
        // What a kill -9 of the JVM does: its file lock goes, the postmaster (a separate process) stays.
        releaseZonkyLock(crashed.postgres());
        assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive)).contains(true);

        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(dataDir, port);
                HikariDataSource pool = restarted.pool("it-restarted", 2)) {
            assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(postmasterPid(dataDir)).isNotEqualTo(leftover);
            assertThat(new JdbcTemplate(pool).queryForList("SELECT id FROM acknowledged ORDER BY id", Integer.class))
                    .containsExactly(1, 2, 3);
        }
    }

    @Test
    void aPostmasterPidFileNamingAnotherProcessDoesNotBlockTheStart() throws Exception {
        Path dataDir = dataRoot.resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0);
                HikariDataSource pool = server.pool("it", 2)) {
            new JdbcTemplate(pool).execute("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('before')");
        }
        // A pid reused by another living process (this JVM), as after a reboot.
        Files.writeString(
                dataDir.resolve("postmaster.pid"),
                ProcessHandle.current().pid() + "\n" + dataDir + "\n",
                StandardCharsets.UTF_8);

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0);
                HikariDataSource pool = server.pool("it", 2)) {
            assertThat(new JdbcTemplate(pool).queryForList("SELECT note FROM kept", String.class))
                    .containsExactly("before");
        }
    }

    @Test
    void upgradesAFolderFromBeforePasswordsWithoutLosingData() throws Exception {
        Path dataDir = dataRoot.resolve("postgres");
        // As earlier versions of the hub ran it: zonky's defaults, trust, no password file.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .start()) {
            new JdbcTemplate(old.getPostgresDatabase())
                    .execute("CREATE TABLE archive (id int); INSERT INTO archive VALUES (42)");
        }
        assertThat(dataRoot.resolve("postgres.password")).doesNotExist();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0);
                HikariDataSource pool = server.pool("it", 2)) {
            assertThat(new JdbcTemplate(pool).queryForList("SELECT id FROM archive", Integer.class))
                    .containsExactly(42);
            assertThatThrownBy(() -> connects(server, null)).isInstanceOf(SQLException.class);
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            String password =
                    Files.readString(dataRoot.resolve("postgres.password")).strip();
            assertThat(connects(server, password)).isTrue();
        }
    }

    private static boolean connects(EmbeddedPostgresServer server, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), properties)) {
            return connection.isValid(2);
        }
    }

    private static long postmasterPid(Path dataDir) throws Exception {
        List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        return Long.parseLong(lines.get(0).strip());
    }

    /** zonky keeps the folder's lock in private fields; the OS would drop it with the dead process. */
    private static void releaseZonkyLock(EmbeddedPostgres postgres) throws Exception {
        Field lock = EmbeddedPostgres.class.getDeclaredField("lock");
        lock.setAccessible(true);
        ((FileLock) lock.get(postgres)).release();
        Field stream = EmbeddedPostgres.class.getDeclaredField("lockStream");
        stream.setAccessible(true);
        ((FileOutputStream) stream.get(postgres)).close();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
