package gr.accmr.hub.platform.kafka;

import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.KafkaBootstrap;
import gr.accmr.hub.platform.embedded.EmbeddedKafka;
import java.nio.file.Path;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the Kafka cluster (external when configured, else the embedded broker) and wires Camel to it. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedKafkaHolder embeddedKafka(HubProperties properties) {
        if (!properties.kafka().bootstrapServers().isBlank()) {
            return new EmbeddedKafkaHolder(null);
        }
        Path logDir = properties.dataDir().toAbsolutePath().normalize().resolve("kafka");
        return new EmbeddedKafkaHolder(EmbeddedKafka.start(
                logDir, properties.embedded().kafkaPort(), properties.embedded().kafkaControllerPort()));
    }

    @Bean
    KafkaBootstrap kafkaBootstrap(HubProperties properties, EmbeddedKafkaHolder embedded) {
        if (embedded.broker() != null) {
            return new KafkaBootstrap(embedded.broker().bootstrapServers(), true);
        }
        log.info("Using external Kafka at {}", properties.kafka().bootstrapServers());
        return new KafkaBootstrap(properties.kafka().bootstrapServers(), false);
    }

    @Bean
    ComponentCustomizer kafkaBrokers(KafkaBootstrap bootstrap) {
        return ComponentCustomizer.forType(
                KafkaComponent.class, kafka -> kafka.getConfiguration().setBrokers(bootstrap.servers()));
    }

    @Bean
    TopicInitializer topicInitializer(KafkaBootstrap bootstrap, HubProperties properties) {
        TopicInitializer initializer = new TopicInitializer(bootstrap, properties.kafka());
        initializer.createMissingTopics();
        return initializer;
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaBootstrap bootstrap) {
        return new KafkaHealthIndicator(bootstrap);
    }

    /** Gives the embedded broker a bean life cycle, or nothing when Kafka is external. */
    record EmbeddedKafkaHolder(
            @org.jspecify.annotations.Nullable EmbeddedKafka broker) implements AutoCloseable {
        @Override
        public void close() {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
