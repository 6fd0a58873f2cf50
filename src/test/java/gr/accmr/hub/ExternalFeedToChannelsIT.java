package gr.accmr.hub;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The feed-to-channels scenario in external mode, against an {@code apache/kafka} and a {@code
 * postgres} container: no embedded server starts. Skips itself where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ExternalFeedToChannelsIT extends FeedToChannelsScenario {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:17-alpine");

    @DynamicPropertySource
    static void externalServers(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> DATA_DIR.resolve("external").toString());
        registry.add("hub.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::getUsername);
        registry.add("spring.datasource.password", POSTGRES::getPassword);
    }
}
