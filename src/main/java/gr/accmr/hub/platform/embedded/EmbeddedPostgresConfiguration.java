package gr.accmr.hub.platform.embedded;

import gr.accmr.hub.platform.HubProperties;
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
 * is configured, and hands Boot a pooled data source for it. The server runs with production
 * settings and a password (see {@link EmbeddedPostgresServer}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgres(HubProperties properties) {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize().resolve("postgres");
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir.getParent());
            EmbeddedPostgresServer server =
                    EmbeddedPostgresServer.start(dataDir, properties.embedded().postgresPort());
            log.info(
                    "Embedded PostgreSQL at {} (password in {}; data in {}, started in {} ms)",
                    server.jdbcUrl(),
                    server.passwordFile(),
                    dataDir,
                    (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgresServer postgres) {
        return postgres.pool("hub-embedded", 10);
    }
}
