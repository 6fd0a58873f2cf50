package gr.accmr.hub.faults;

import static org.awaitility.Awaitility.await;

import gr.accmr.hub.harness.HubInstance;
import gr.accmr.hub.harness.Pusher;
import gr.accmr.hub.notice.RawHeaders;
import gr.accmr.hub.platform.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * A record no normalizer can read, written straight to {@code hub.inbound.raw} on every partition
 * with the headers a push would have, in the middle of a stream of good pushes. A bad record is a
 * permanent failure: it goes to {@code hub.dlq} within seconds (no retries with back-off) and the
 * good records behind it on the same partition keep flowing.
 */
class PoisonRecordIT {

    private static final String POISON = Pusher.PARTNER + ":poison-";
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Test
    void deadLettersAnUnreadableRawRecordWithinSecondsAndKeepsThePartitionFlowing() {
        SoftAssertions softly = new SoftAssertions();
        try (FaultLab lab = new FaultLab("PoisonRecordIT").start()) {
            HubInstance hub = lab.hub("hub", lab.noRoutes());
            hub.startAndAwait();
            lab.subscribeAlerts(hub);
            Pusher pusher = lab.pusher(hub);
            pusher.start(5);
            await().atMost(Duration.ofMinutes(1)).until(() -> pusher.acknowledgedCount() >= 20);

            int partitions = lab.partitions("hub.inbound.raw");
            Instant sent = Instant.now();
            Map<Integer, Long> poisonOffsets = new java.util.TreeMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                poisonOffsets.put(partition, lab.send(poison(partition)));
            }
            Duration deadLettered;
            try {
                await("every poison record dead-lettered")
                        .atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> lab.deadLetters(POISON).size() >= partitions);
                deadLettered = Duration.between(sent, Instant.now());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                deadLettered = Duration.ofMinutes(2);
            }
            lab.figure("poisonRecords", partitions);
            lab.figure("deadLetteredAfterSeconds", deadLettered.toMillis() / 1000.0);
            softly.assertThat(deadLettered)
                    .as("time until every poison record is in hub.dlq")
                    .isLessThanOrEqualTo(WITHIN);

            long after = pusher.acknowledgedCount() + 30;
            await().atMost(Duration.ofMinutes(2)).until(() -> pusher.acknowledgedCount() >= after);
            FaultChecks.drain(lab, pusher, softly);
            List<Channels.Expected> expected = FaultChecks.expected(pusher);
            Channels.Report report = lab.awaitDelivered(
                    hub, Pusher.PARTNER, expected, Website.staticSite(List.of(hub.siteDir())), FaultChecks.CATCH_UP);
            report.missing()
                    .forEach((channel, ids) -> softly.assertThat(ids)
                            .as("acknowledged notices missing on %s (%s)", channel, report)
                            .isEmpty());
            report.duplicates()
                    .forEach((channel, ids) -> softly.assertThat(ids)
                            .as("notices more than once or at another version than 1 on %s", channel)
                            .isEmpty());

            List<ConsumerRecord<String, byte[]>> letters = lab.deadLetters(Pusher.PARTNER + ":");
            softly.assertThat(letters)
                    .as("dead letters are the poison records, each once, from the normalizer")
                    .hasSize(partitions)
                    .allSatisfy(letter -> {
                        softly.assertThat(letter.key()).startsWith(POISON);
                        softly.assertThat(header(letter, DeadLetterHeaders.STAGE))
                                .as("stage that dead-lettered %s", letter.key())
                                .isEqualTo("normalize.notices");
                    });
            // The proof that the partition kept flowing: good records behind each poison one were delivered.
            Map<Integer, Long> goodBehindPoison = goodRecordsBehindPoison(lab.records("hub.inbound.raw"));
            lab.figure("goodRecordsBehindPoisonPerPartition", goodBehindPoison);
            softly.assertThat(goodBehindPoison)
                    .as("partitions with good records behind a poison one")
                    .hasSize(partitions);
            // How soon each partition moved on: the first good record behind its poison one published.
            Map<Integer, Double> movedOn = movedOnSeconds(lab, poisonOffsets, sent);
            lab.figure("partitionMovedOnAfterSeconds", movedOn);
            softly.assertThat(movedOn)
                    .as("seconds from the poison record to the next notice of its partition published")
                    .hasSize(partitions)
                    .allSatisfy((partition, seconds) -> softly.assertThat(seconds)
                            .as("partition %d moved on after", partition)
                            .isLessThanOrEqualTo(WITHIN.toSeconds()));
            if (softly.errorsCollected().isEmpty()) {
                lab.passed();
            }
        }
        softly.assertAll();
    }

    /**
     * Per partition, seconds from the poison records' writing to the publication of the first
     * good record behind the poison one, read from the journey's first half (what normalize
     * published, with the raw offset each version came from).
     */
    private static Map<Integer, Double> movedOnSeconds(FaultLab lab, Map<Integer, Long> poisonOffsets, Instant sent) {
        Map<Integer, Double> movedOn = new java.util.TreeMap<>();
        try (java.sql.Connection db = lab.postgres().connect();
                java.sql.PreparedStatement first = db.prepareStatement("""
                        SELECT min(published_at) FROM normalize_version_log
                        WHERE raw_topic = 'hub.inbound.raw' AND raw_partition = ? AND raw_offset > ?
                        """)) {
            for (Map.Entry<Integer, Long> poison : poisonOffsets.entrySet()) {
                first.setInt(1, poison.getKey());
                first.setLong(2, poison.getValue());
                try (java.sql.ResultSet row = first.executeQuery()) {
                    if (row.next() && row.getTimestamp(1) != null) {
                        movedOn.put(
                                poison.getKey(),
                                Duration.between(sent, row.getTimestamp(1).toInstant())
                                                .toMillis()
                                        / 1000.0);
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read what normalize published", e);
        }
        return movedOn;
    }

    private static ProducerRecord<String, byte[]> poison(int partition) {
        byte[] garbage = "\u0000{\"externalId\": not json <<<".getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>("hub.inbound.raw", partition, POISON + partition, garbage);
        header(record, RawHeaders.PARTNER, Pusher.PARTNER);
        header(record, RawHeaders.SOURCE, "push." + Pusher.PARTNER);
        header(record, RawHeaders.CONTENT_TYPE, RawHeaders.PUSH_NOTICE);
        header(record, RawHeaders.RECEIVED_AT, Instant.now().toString());
        header(record, RawHeaders.LANGUAGE, "en");
        return record;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Per partition, how many good push records were written after its poison record. */
    private static Map<Integer, Long> goodRecordsBehindPoison(List<ConsumerRecord<String, byte[]>> raw) {
        Map<Integer, Long> poisonOffsets = raw.stream()
                .filter(record -> record.key() != null && record.key().startsWith(POISON))
                .collect(Collectors.toMap(ConsumerRecord::partition, ConsumerRecord::offset, Math::min));
        return raw.stream()
                .filter(record -> record.key() != null
                        && record.key().startsWith(Pusher.PARTNER + ":")
                        && !record.key().startsWith(POISON))
                .filter(record -> poisonOffsets.containsKey(record.partition())
                        && record.offset() > poisonOffsets.get(record.partition()))
                .collect(Collectors.groupingBy(ConsumerRecord::partition, Collectors.counting()));
    }
}
