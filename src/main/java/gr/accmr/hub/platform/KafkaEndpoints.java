package gr.accmr.hub.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.stereotype.Component;

/**
 * Camel endpoint URIs for the hub's topics with every reliability option pinned, so no route
 * inherits a client default that could lose or duplicate records.
 */
@Component
public class KafkaEndpoints {

    private static final String BYTES_IN = "org.apache.kafka.common.serialization.ByteArrayDeserializer";
    private static final String STRING_IN = "org.apache.kafka.common.serialization.StringDeserializer";
    private static final String BYTES_OUT = "org.apache.kafka.common.serialization.ByteArraySerializer";
    private static final String STRING_OUT = "org.apache.kafka.common.serialization.StringSerializer";

    private final HubProperties.Kafka topics;
    private final HubProperties.Consumer consumer;

    KafkaEndpoints(HubProperties properties) {
        this.topics = properties.kafka();
        this.consumer = properties.consumer();
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

    public String deadLetterTopic() {
        return topics.deadLetterTopic();
    }

    /**
     * A consumer that commits by hand after its side effect, reads a partition on one thread, and
     * on an unhandled failure seeks back instead of skipping the record.
     */
    public String consume(String topic, String groupId) {
        return "kafka:" + topic
                + "?groupId=" + groupId
                + "&autoOffsetReset=earliest"
                + "&autoCommitEnable=false"
                + "&allowManualCommit=true"
                + "&breakOnFirstError=true"
                + "&consumersCount=1"
                + "&isolationLevel=read_committed"
                + "&maxPollRecords=" + consumer.maxPollRecords()
                + "&pollTimeoutMs=" + consumer.pollTimeout().toMillis()
                + "&maxPollIntervalMs=300000"
                + "&sessionTimeoutMs=45000"
                + "&heartbeatIntervalMs=3000"
                + "&keyDeserializer=" + STRING_IN
                + "&valueDeserializer=" + BYTES_IN;
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

    /** A Camel producer endpoint with {@link #PRODUCER_RELIABILITY} passed straight to the Kafka client. */
    public String produce(String topic) {
        StringBuilder uri = new StringBuilder("kafka:")
                .append(topic)
                .append("?keySerializer=")
                .append(STRING_OUT)
                .append("&valueSerializer=")
                .append(BYTES_OUT);
        producerSettings.forEach((key, value) ->
                uri.append("&additionalProperties.").append(key).append('=').append(value));
        return uri.toString();
    }

    /**
     * Commits the offset of the record being processed. Called as the last step of a route, after
     * its side effect, so a crash before it means redelivery, never loss.
     */
    public static void commit(Exchange exchange) {
        KafkaManualCommit manual =
                exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual == null) {
            throw new IllegalStateException("no manual commit handle on exchange " + exchange.getExchangeId());
        }
        manual.commit();
    }
}
