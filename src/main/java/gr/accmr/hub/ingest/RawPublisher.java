package gr.accmr.hub.ingest;

import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.platform.KafkaEndpoints;
import gr.accmr.hub.platform.KafkaPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Writes raw records with the header contract of {@code hub.inbound.raw}, returning after Kafka's ack. */
@Component
public class RawPublisher {

    private final KafkaPublisher publisher;
    private final String topic;

    RawPublisher(KafkaPublisher publisher, KafkaEndpoints kafka) {
        this.publisher = publisher;
        this.topic = kafka.rawTopic();
    }

    public RecordMetadata publish(RawDelivery delivery) {
        return publisher.send(record(delivery));
    }

    /**
     * The record {@link #publish} writes, for a caller that sends it with a producer of its own
     * (the push API bounds how long it waits for Kafka).
     */
    public ProducerRecord<String, byte[]> record(RawDelivery delivery) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, delivery.key().toString(), delivery.body());
        header(record, RawHeaders.PARTNER, delivery.key().partner());
        header(record, RawHeaders.SOURCE, delivery.route());
        header(record, RawHeaders.CONTENT_TYPE, delivery.contentType());
        header(record, RawHeaders.RECEIVED_AT, Instant.now().toString());
        header(record, RawHeaders.SOURCE_URL, delivery.sourceUrl());
        header(record, RawHeaders.CONTENT_LANGUAGE, delivery.declaredLanguage());
        header(record, RawHeaders.LANGUAGE, delivery.defaultLanguage());
        header(record, RawHeaders.KIND, delivery.defaultKind());
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, @Nullable String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
