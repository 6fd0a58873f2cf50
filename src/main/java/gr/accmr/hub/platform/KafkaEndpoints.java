package gr.accmr.hub.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.stereotype.Component;

/**
 * The hub's topic names and the settings of every hub producer, pinned so that no producer
 * inherits a client default that could lose or duplicate records.
 */
@Component
public class KafkaEndpoints {

    private final HubProperties.Kafka topics;

    KafkaEndpoints(HubProperties properties) {
        this.topics = properties.kafka();
        Map<String, String> settings = new LinkedHashMap<>(PRODUCER_RELIABILITY);
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(topics.maxRecordBytes()));
        this.producerSettings = Collections.unmodifiableMap(settings);
    }

    public String rawTopic() {
        return topics.rawTopic();
    }

    public String noticesTopic() {
        return topics.noticesTopic();
    }

    /** The notices cleared for the city's channels (see {@code hub.review}). */
    public String approvedTopic() {
        return topics.approvedTopic();
    }

    public String deadLetterTopic() {
        return topics.deadLetterTopic();
    }

    /**
     * Producer settings of every hub producer: a send returns only when all in-sync replicas have
     * the record, retries never duplicate it, and it is never dropped for taking long.
     */
    private final Map<String, String> producerSettings;

    /** {@link #PRODUCER_RELIABILITY} plus the record size limit: what every hub producer uses. */
    public Map<String, String> producerSettings() {
        return producerSettings;
    }

    static final Map<String, String> PRODUCER_RELIABILITY = reliability();

    private static Map<String, String> reliability() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        settings.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return Collections.unmodifiableMap(settings);
    }
}
