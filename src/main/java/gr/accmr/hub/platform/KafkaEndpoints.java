package gr.accmr.hub.platform;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
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
                + "&clientId=" + groupId
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

    /** A producer that returns only when all in-sync replicas have the record, without duplicates. */
    public String produce(String topic) {
        return "kafka:" + topic
                + "?requestRequiredAcks=all"
                + "&enableIdempotence=true"
                + "&maxInFlightRequest=5"
                + "&retries=2147483647"
                + "&deliveryTimeoutMs=120000"
                + "&requestTimeoutMs=30000"
                + "&lingerMs=5"
                + "&keySerializer=" + STRING_OUT
                + "&valueSerializer=" + BYTES_OUT;
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
