package gr.accmr.hub.platform.stage;

import static org.assertj.core.api.Assertions.assertThat;

import gr.accmr.hub.platform.PermanentFailure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class DeadLetterWriterTest {

    private static final int MAX = 1024 * 1024;
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void copiesTheRecordWithItsHeadersAndTheReason() {
        ConsumerRecord<String, byte[]> failed = record(new byte[] {1, 2, 3});
        failed.headers().add("hub.partner", bytes("irc"));

        ProducerRecord<String, byte[]> letter =
                DeadLetterWriter.letter("normalize.notices", failed, new PermanentFailure("empty"), AT, MAX, "hub.dlq");

        assertThat(letter.topic()).isEqualTo("hub.dlq");
        assertThat(letter.key()).isEqualTo("irc:1");
        assertThat(letter.value()).containsExactly(1, 2, 3);
        assertThat(text(letter, "hub.partner")).isEqualTo("irc");
        assertThat(text(letter, "hub.error.stage")).isEqualTo("normalize.notices");
        assertThat(text(letter, "hub.error.message")).isEqualTo("PermanentFailure: empty");
        assertThat(text(letter, "hub.error.topic")).isEqualTo("hub.inbound.raw");
        assertThat(text(letter, "hub.error.partition")).isEqualTo("2");
        assertThat(text(letter, "hub.error.offset")).isEqualTo("41");
        assertThat(text(letter, "hub.error.at")).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(text(letter, "hub.error.payload")).isNull();
    }

    @Test
    void keepsARecordTooLargeToCopyByReference() {
        ConsumerRecord<String, byte[]> failed = record(new byte[MAX - 1000]);

        ProducerRecord<String, byte[]> letter =
                DeadLetterWriter.letter("fanout.website", failed, new PermanentFailure("bad"), AT, MAX, "hub.dlq");

        assertThat(letter.value()).isEmpty();
        assertThat(text(letter, "hub.error.payload")).isEqualTo("reference");
        assertThat(text(letter, "hub.error.offset")).isEqualTo("41");
    }

    @Test
    void boundsTheHeadersAndTheMessage() {
        ConsumerRecord<String, byte[]> failed = record(new byte[] {1});
        byte[] huge = new byte[10_000];
        Arrays.fill(huge, (byte) 'x');
        failed.headers().add("huge", huge);
        for (int i = 0; i < 20; i++) {
            byte[] middle = new byte[3000];
            Arrays.fill(middle, (byte) 'y');
            failed.headers().add("h" + i, middle);
        }
        // A letter replayed and failing again must not carry two reasons.
        failed.headers().add("hub.error.message", bytes("the old reason"));

        ProducerRecord<String, byte[]> letter = DeadLetterWriter.letter(
                "fanout.archive", failed, new PermanentFailure("z".repeat(5000)), AT, MAX, "hub.dlq");

        int total = 0;
        for (Header header : letter.headers()) {
            total += header.key().length() + header.value().length;
        }
        assertThat(total).isLessThan(DeadLetterWriter.MAX_HEADERS_BYTES + 2 * DeadLetterWriter.MAX_MESSAGE_CHARS);
        assertThat(letter.headers().lastHeader("huge")).isNull();
        assertThat(text(letter, "hub.error.headers-dropped")).isNotNull();
        assertThat(letter.headers().headers("hub.error.message")).hasSize(1);
        assertThat(text(letter, "hub.error.message")).hasSizeLessThanOrEqualTo(DeadLetterWriter.MAX_MESSAGE_CHARS + 1);
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>("hub.inbound.raw", 2, 41, "irc:1", value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
