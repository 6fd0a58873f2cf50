package gr.accmr.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/** Records that become dead letters, for the tests of replaying and discarding them. */
final class DeadLetterFixture {

    private DeadLetterFixture() {}

    /** A raw feed entry from {@code partner}: normalize dead-letters it when the bytes are no feed entry. */
    static ProducerRecord<String, byte[]> raw(String partner, String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("hub.inbound.raw", key, value);
        header(record, RawHeaders.PARTNER, partner);
        header(record, RawHeaders.SOURCE, "partner." + partner);
        header(record, RawHeaders.CONTENT_TYPE, RawHeaders.FEED_ENTRY);
        header(record, RawHeaders.RECEIVED_AT, Instant.now().toString());
        header(record, RawHeaders.LANGUAGE, "en");
        return record;
    }

    /**
     * A real notice the hub published, under another id of {@code partner} ({@code partner:…}), as
     * the dead letter the archive would have written had it failed on it: replaying it archives the
     * notice under {@code id}, in that channel only.
     */
    static ProducerRecord<String, byte[]> archiveLetter(
            ConsumerRecord<String, byte[]> published, String id, String partner, long offset) {
        try {
            ObjectNode notice = (ObjectNode) NoticeJson.mapper().readTree(published.value());
            notice.put("id", id).put("partner", partner).put("externalId", id.substring(id.indexOf(':') + 1));
            ProducerRecord<String, byte[]> letter =
                    new ProducerRecord<>("hub.dlq", id, NoticeJson.mapper().writeValueAsBytes(notice));
            for (Header header : published.headers()) {
                letter.headers().add(header);
            }
            header(letter, RawHeaders.PARTNER, partner);
            header(letter, "hub.error.stage", "fanout.archive");
            header(letter, "hub.error.class", "java.lang.IllegalStateException");
            header(letter, "hub.error.message", "archive refused the notice");
            header(letter, "hub.error.at", Instant.now().toString());
            header(letter, "hub.error.attempts", "1");
            header(letter, "hub.error.topic", "hub.notices");
            header(letter, "hub.error.partition", "0");
            header(letter, "hub.error.offset", Long.toString(offset));
            return letter;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
