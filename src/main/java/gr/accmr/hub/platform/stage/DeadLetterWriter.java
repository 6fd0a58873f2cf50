package gr.accmr.hub.platform.stage;

import gr.accmr.hub.platform.DeadLetterHeaders;
import gr.accmr.hub.platform.Failures;
import gr.accmr.hub.platform.KafkaPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a failed record to the dead-letter topic with its reason, so that it always fits: the
 * message is cut, the original headers are kept only within a budget, and a record too large to
 * copy whole is kept by reference to where it sits.
 */
public final class DeadLetterWriter {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterWriter.class);

    static final int MAX_MESSAGE_CHARS = 1000;
    static final int MAX_HEADER_BYTES = 4096;
    static final int MAX_HEADERS_BYTES = 32 * 1024;
    /** Room left for the key, the headers and Kafka's own record overhead. */
    static final int ENVELOPE_BYTES = 64 * 1024;

    private final KafkaPublisher publisher;
    private final String topic;
    private final int maxRecordBytes;
    private final MeterRegistry meters;

    public DeadLetterWriter(KafkaPublisher publisher, String topic, int maxRecordBytes, MeterRegistry meters) {
        this.publisher = publisher;
        this.topic = topic;
        this.maxRecordBytes = maxRecordBytes;
        this.meters = meters;
    }

    /** Returns once Kafka acknowledged the dead letter; throws (transient) when it did not. */
    public void write(String stage, ConsumerRecord<String, byte[]> failed, Throwable failure) {
        ProducerRecord<String, byte[]> letter = letter(stage, failed, failure, Instant.now(), maxRecordBytes, topic);
        publisher.send(letter);
        String partner = text(failed.headers(), "hub.partner");
        meters.counter("hub.dead.letters", "stage", stage, "partner", partner == null ? "unknown" : partner)
                .increment();
        log.warn(
                "Record {}/{}@{} failed permanently in {} and went to {}: {}",
                failed.topic(),
                failed.partition(),
                failed.offset(),
                stage,
                topic,
                text(letter.headers(), DeadLetterHeaders.MESSAGE));
    }

    static ProducerRecord<String, byte[]> letter(
            String stage,
            ConsumerRecord<String, byte[]> failed,
            Throwable failure,
            Instant at,
            int maxRecordBytes,
            String topic) {
        byte[] value = failed.value() == null ? new byte[0] : failed.value();
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topic, failed.key(), value);
        Headers headers = letter.headers();
        int budget = MAX_HEADERS_BYTES;
        int dropped = 0;
        for (Header header : failed.headers()) {
            // A dead letter replayed and failing again carries the new reason, not two.
            if (header.key().startsWith(DeadLetterHeaders.PREFIX)) {
                continue;
            }
            int size = header.key().length() + (header.value() == null ? 0 : header.value().length);
            if (size > MAX_HEADER_BYTES || size > budget) {
                dropped++;
                continue;
            }
            budget -= size;
            headers.add(header.key(), header.value());
        }
        add(headers, DeadLetterHeaders.STAGE, stage);
        add(headers, DeadLetterHeaders.CLASS, rootClass(failure));
        add(headers, DeadLetterHeaders.MESSAGE, cut(Failures.describe(failure)));
        add(headers, DeadLetterHeaders.AT, at.toString());
        add(headers, DeadLetterHeaders.ATTEMPTS, "1");
        add(headers, DeadLetterHeaders.TOPIC, failed.topic());
        add(headers, DeadLetterHeaders.PARTITION, String.valueOf(failed.partition()));
        add(headers, DeadLetterHeaders.OFFSET, String.valueOf(failed.offset()));
        if (dropped > 0) {
            add(headers, DeadLetterHeaders.HEADERS_DROPPED, String.valueOf(dropped));
        }
        int keyBytes = failed.key() == null ? 0 : failed.key().getBytes(StandardCharsets.UTF_8).length;
        if (value.length + keyBytes + MAX_HEADERS_BYTES + ENVELOPE_BYTES > maxRecordBytes) {
            // Too large to copy: the original stays on its topic (raw records are kept 30 days).
            add(headers, DeadLetterHeaders.PAYLOAD, "reference");
            return new ProducerRecord<>(topic, null, failed.key(), new byte[0], headers);
        }
        return letter;
    }

    /** The class of the failure that explains it: the innermost one, which names what broke. */
    private static String rootClass(Throwable failure) {
        Throwable root = failure;
        if (failure instanceof gr.accmr.hub.platform.Stage.RecordFailure && failure.getCause() != null) {
            root = failure.getCause();
        }
        return root.getClass().getName();
    }

    private static String cut(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static @org.jspecify.annotations.Nullable String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
