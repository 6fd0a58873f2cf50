package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gr.accmr.hub.notice.RawHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Poison records go to {@code hub.dlq} with their error context, and the partition keeps flowing. */
class DeadLetterIT extends HubITSupport {

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private static final String GOOD_ENTRY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>UNHCR Greece</title><link>https://example.org/</link>
            <description>d</description><language>fr</language>
            <item><title>Aide juridique gratuite</title><guid>unhcr-7</guid>
            <description>Une aide juridique gratuite est disponible à Athènes.</description></item>
            </channel></rss>
            """;

    @Test
    void movesAMalformedRawRecordToTheDeadLetterTopicAndDeliversTheNextGoodOne() {
        byte[] garbage = "this is not a feed <<<".getBytes(StandardCharsets.UTF_8);
        // Same key for both, so they share a partition: the good one is behind the bad one.
        send(raw("unhcr:unhcr-7", garbage));
        send(raw("unhcr:unhcr-7", GOOD_ENTRY.getBytes(StandardCharsets.UTF_8)));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices?partner=unhcr"))
                        .hasSize(1));
        assertThat(getJson("/api/v1/archive/notices/unhcr:unhcr-7")
                        .at("/notice/translations/fr/title")
                        .asText())
                .isEqualTo("Aide juridique gratuite");

        List<ConsumerRecord<String, byte[]>> dead = records("hub.dlq", "unhcr:");
        assertThat(dead).hasSize(1);
        ConsumerRecord<String, byte[]> letter = dead.get(0);
        assertThat(letter.value()).isEqualTo(garbage);
        Map<String, String> headers = headers(letter);
        assertThat(headers)
                .containsEntry("hub.error.stage", "normalize.notices")
                .containsEntry("hub.error.topic", "hub.inbound.raw")
                .containsEntry("hub.error.attempts", "1")
                .containsEntry(RawHeaders.PARTNER, "unhcr")
                .containsKeys(
                        "hub.error.class",
                        "hub.error.message",
                        "hub.error.at",
                        "hub.error.partition",
                        "hub.error.offset");
        assertThat(headers.get("hub.error.message")).contains("not a readable feed entry");
        assertThat(meters.find("hub.dead.letters")
                        .tag("stage", "normalize.notices")
                        .tag("partner", "unhcr")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void movesAnUnreadableNoticeToTheDeadLetterTopicOncePerStageReadingIt() {
        send(new ProducerRecord<>("hub.notices", "broken:1", "{\"id\": 42".getBytes(StandardCharsets.UTF_8)));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(records("hub.dlq", "broken:"))
                        .extracting(record -> headers(record).get("hub.error.stage"))
                        // The archive and the review gate read hub.notices; the city's channels read only
                        // what the gate forwards, so they never see it.
                        .containsExactlyInAnyOrder("fanout.archive", "review.gate"));
    }

    @Test
    void takesTheKafkaTimestampAsTheReceivingTimeOfARecordWithoutOne() {
        long stamped = Instant.parse("2026-11-20T08:00:00Z").toEpochMilli();
        ProducerRecord<String, byte[]> withoutTime = raw(
                "unhcr-stamped:unhcr-8",
                GOOD_ENTRY.replace("unhcr-7", "unhcr-8").getBytes(StandardCharsets.UTF_8));
        withoutTime.headers().remove(RawHeaders.RECEIVED_AT);
        send(new ProducerRecord<>(
                withoutTime.topic(), null, stamped, withoutTime.key(), withoutTime.value(), withoutTime.headers()));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices/unhcr-stamped:unhcr-8")
                                .at("/notice/source/receivedAt")
                                .asText())
                        .isEqualTo("2026-11-20T08:00:00Z"));
    }

    private static ProducerRecord<String, byte[]> raw(String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("hub.inbound.raw", key, value);
        header(record, RawHeaders.PARTNER, "unhcr");
        header(record, RawHeaders.SOURCE, "partner.unhcr");
        header(record, RawHeaders.CONTENT_TYPE, RawHeaders.FEED_ENTRY);
        header(record, RawHeaders.RECEIVED_AT, Instant.now().toString());
        header(record, RawHeaders.LANGUAGE, "en");
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        return java.util.stream.StreamSupport.stream(record.headers().spliterator(), false)
                .collect(Collectors.toMap(
                        Header::key, header -> new String(header.value(), StandardCharsets.UTF_8), (a, b) -> b));
    }
}
