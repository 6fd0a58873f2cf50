package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;

import gr.accmr.hub.platform.KafkaBootstrap;
import gr.accmr.hub.platform.embedded.EmbeddedKafka;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * KAFKA_BOOTSTRAP_SERVERS and SPRING_DATASOURCE_URL switch the hub to servers it does not run:
 * here a broker and a PostgreSQL started beside it, so the switch is tested where no Docker
 * engine exists ({@link ExternalFeedToChannelsIT} runs the whole scenario against containers).
 */
class ExternalModeIT {

    @Test
    void usesTheConfiguredServersAndStartsNoEmbeddedOnes(@TempDir Path temp) throws Exception {
        Path data = temp.resolve("data");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(temp.resolve("external-kafka"), 0, 0);
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(temp.resolve("external-postgres"))
                        .setCleanDataDirectory(true)
                        .setPort(0)
                        .start();
                // The same placeholder the KAFKA_BOOTSTRAP_SERVERS environment variable fills.
                ConfigurableApplicationContext hub = new SpringApplicationBuilder(HubApplication.class)
                        .run(
                                "--KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers(),
                                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                                "--spring.datasource.username=postgres",
                                "--spring.datasource.password=postgres",
                                "--hub.data-dir=" + data,
                                "--hub.routes-dir=" + temp.resolve("no-routes"),
                                "--hub.security.admin-password=external",
                                "--server.port=0")) {
            KafkaBootstrap bootstrap = hub.getBean(KafkaBootstrap.class);
            assertThat(bootstrap.embedded()).isFalse();
            assertThat(bootstrap.servers()).isEqualTo(kafka.bootstrapServers());
            assertThat(hub.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
            assertThat(Files.exists(data.resolve("kafka"))).isFalse();
            assertThat(Files.exists(data.resolve("postgres"))).isFalse();
            // Camel's readiness turns UP a moment after the context has started.
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(hub.getBean(HealthEndpoint.class)
                                    .health()
                                    .getStatus()
                                    .getCode())
                            .isEqualTo("UP"));
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .contains("hub.inbound.raw", "hub.notices", "hub.dlq");
            }
            try (var connection = postgres.getPostgresDatabase().getConnection();
                    var tables = connection.getMetaData().getTables(null, "public", "archive_notice", null)) {
                assertThat(tables.next())
                        .as("the hub migrated the external database")
                        .isTrue();
            }
        }
    }
}
