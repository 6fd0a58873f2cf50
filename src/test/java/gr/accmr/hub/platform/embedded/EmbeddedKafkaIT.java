package gr.accmr.hub.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    @TempDir
    Path dataDir;

    @Test
    void producesAndConsumesWithAcksAllAndIdempotence() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, 0)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
            createTopic(kafka, "partners.events");

            RecordMetadata sent = produce(kafka, "partners.events", "partner-1", "created");

            assertThat(sent.offset()).isZero();
            assertThat(consumeOne(kafka, "partners.events"))
                    .extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly("partner-1", "created");
        }
    }

    @Test
    void keepsRecordsAcrossARestartOnTheSameDirectory() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, 0)) {
            createTopic(kafka, "partners.durable");
            produce(kafka, "partners.durable", "partner-2", "survives restarts");
        }
        String metaPropertiesBefore = Files.readString(dataDir.resolve("meta.properties"));

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, 0)) {
            assertThat(consumeOne(kafka, "partners.durable"))
                    .extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly("partner-2", "survives restarts");
        }
        // The same cluster id proves the directory was reused rather than reformatted.
        assertThat(Files.readString(dataDir.resolve("meta.properties"))).isEqualTo(metaPropertiesBefore);
    }

    @Test
    void refusesToCreateTopicsImplicitly() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, 0);
                Admin admin = admin(kafka)) {
            try (KafkaProducer<String, String> producer =
                    producer(kafka, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000))) {
                assertThat(producer.send(new ProducerRecord<>("partners.typo", "k", "v")))
                        .failsWithin(Duration.ofSeconds(10));
            }
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("partners.typo");
        }
    }

    @Test
    void turnsAKafkaHaltIntoAnExceptionInsteadOfKillingTheJvm() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, 0)) {
            assertThatThrownBy(() -> Exit.halt(1, "simulated metadata log dir failure"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("simulated metadata log dir failure");
            assertThatThrownBy(() -> Exit.exit(1)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closeIsIdempotent() {
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, 0);
        kafka.close();
        kafka.close();
    }

    private static void createTopic(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static RecordMetadata produce(EmbeddedKafka kafka, String topic, String key, String value)
            throws Exception {
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
        config.putAll(extra);
        return new KafkaProducer<>(config);
    }

    private static ConsumerRecord<String, String> consumeOne(EmbeddedKafka kafka, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "embedded-kafka-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(Set.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
        }
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
