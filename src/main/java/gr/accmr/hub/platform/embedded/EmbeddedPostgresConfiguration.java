package gr.accmr.hub.platform.embedded;

import com.zaxxer.hikari.HikariDataSource;
import gr.accmr.hub.platform.HubProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL server from the data directory when no {@code spring.datasource.url}
 * is configured, and hands Boot a pooled data source for it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(HubProperties properties) {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize().resolve("postgres");
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir.getParent());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    // Keep the data across restarts: the archive and checkpoints live here.
                    .setCleanDataDirectory(false)
                    .setPort(properties.embedded().postgresPort())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setRegisterShutdownHook(true)
                    .start();
            log.info(
                    "Embedded PostgreSQL at {} (data in {}, started in {} ms)",
                    postgres.getJdbcUrl("postgres", "postgres"),
                    dataDir,
                    (System.nanoTime() - started) / 1_000_000);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        pool.setUsername("postgres");
        pool.setPassword("postgres");
        pool.setPoolName("hub-embedded");
        pool.setMaximumPoolSize(10);
        return pool;
    }
}
