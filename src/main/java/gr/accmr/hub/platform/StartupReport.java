package gr.accmr.hub.platform;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says in a few lines what the hub started and where, once it is ready. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final KafkaBootstrap kafka;
    private final DataSource dataSource;
    private final HubProperties properties;

    StartupReport(KafkaBootstrap kafka, DataSource dataSource, HubProperties properties) {
        this.kafka = kafka;
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String web = event.getApplicationContext() instanceof WebServerApplicationContext server
                ? "http://localhost:" + server.getWebServer().getPort() + "/"
                : "none";
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        log.info(
                """
                Partner Hub is ready ({} ms since JVM start)
                  web:      {}  (feeds at /feeds/{lang}.json, site at /site/, health at /actuator/health)
                  kafka:    {} ({})
                  database: {} ({})
                  routes:   {}
                  data:     {}""",
                uptime,
                web,
                kafka.servers(),
                kafka.embedded() ? "embedded" : "external",
                databaseUrl(),
                isEmbeddedDatabase() ? "embedded" : "external",
                properties.routesDir().toAbsolutePath().normalize(),
                properties.dataDir().toAbsolutePath().normalize());
    }

    private boolean isEmbeddedDatabase() {
        return dataSource instanceof com.zaxxer.hikari.HikariDataSource pool
                && "hub-embedded".equals(pool.getPoolName());
    }

    private String databaseUrl() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            return "unreachable (" + e.getMessage() + ")";
        }
    }
}
