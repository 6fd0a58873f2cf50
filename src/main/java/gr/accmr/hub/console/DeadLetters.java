package gr.accmr.hub.console;

import gr.accmr.hub.platform.DeadLetterHeaders;
import gr.accmr.hub.platform.KafkaBootstrap;
import gr.accmr.hub.platform.KafkaEndpoints;
import gr.accmr.hub.platform.Stage;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The dead letters operators search: a stage of its own indexes {@code hub.dlq} into PostgreSQL
 * (the topic keeps the bytes, the table what to filter on and what became of each letter), and
 * the bytes are read back from Kafka when a letter is shown or replayed.
 */
@Component
class DeadLetters implements Stage {

    static final String NAME = "console.dead-letters";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** A letter as listed. */
    record Letter(
            long id,
            String stage,
            @Nullable String partner,
            @Nullable String key,
            String errorClass,
            String reason,
            Instant failedAt,
            String originTopic,
            int originPartition,
            long originOffset,
            int dlqPartition,
            long dlqOffset,
            int payloadBytes,
            boolean byReference,
            String status,
            Instant statusAt,
            @Nullable String statusBy) {}

    /** What to list: every part optional; {@code reason} matches a part of the reason, without case. */
    record Filter(
            @Nullable String stage,
            @Nullable String partner,
            @Nullable String reason,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable String status) {}

    private static final RowMapper<Letter> LETTER = (row, n) -> new Letter(
            row.getLong("id"),
            row.getString("stage"),
            row.getString("partner"),
            row.getString("record_key"),
            row.getString("error_class"),
            row.getString("reason"),
            row.getTimestamp("failed_at").toInstant(),
            row.getString("origin_topic"),
            row.getInt("origin_partition"),
            row.getLong("origin_offset"),
            row.getInt("dlq_partition"),
            row.getLong("dlq_offset"),
            row.getInt("payload_bytes"),
            row.getBoolean("by_reference"),
            row.getString("status"),
            row.getTimestamp("status_at").toInstant(),
            row.getString("status_by"));

    private final JdbcTemplate jdbc;
    private final KafkaBootstrap bootstrap;
    private final String topic;

    DeadLetters(JdbcTemplate jdbc, KafkaBootstrap bootstrap, KafkaEndpoints kafka) {
        this.jdbc = jdbc;
        this.bootstrap = bootstrap;
        this.topic = kafka.deadLetterTopic();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public String groupId() {
        return "hub.console.dead-letters";
    }

    /**
     * Indexes dead letters. Never rejects one: a dead letter of the dead-letter index would loop,
     * and a letter it cannot read is still on the topic.
     */
    @Override
    public void process(List<ConsumerRecord<String, byte[]>> batch, Rejects rejects) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> record : batch) {
            String stage = header(record, DeadLetterHeaders.STAGE);
            String originTopic = header(record, DeadLetterHeaders.TOPIC);
            Long originOffset = number(header(record, DeadLetterHeaders.OFFSET));
            Long originPartition = number(header(record, DeadLetterHeaders.PARTITION));
            if (stage == null || originTopic == null || originOffset == null || originPartition == null) {
                log.warn(
                        "Dead letter {}@{} has no error context and is not listed",
                        record.partition(),
                        record.offset());
                continue;
            }
            String at = header(record, DeadLetterHeaders.AT);
            String errorClass = header(record, DeadLetterHeaders.CLASS);
            String reason = header(record, DeadLetterHeaders.MESSAGE);
            rows.add(new Object[] {
                stage,
                header(record, "hub.partner"),
                record.key(),
                errorClass == null ? "unknown" : errorClass,
                reason == null ? "" : reason,
                Timestamp.from(instant(at, record.timestamp())),
                originTopic,
                originPartition.intValue(),
                originOffset,
                record.partition(),
                record.offset(),
                record.value() == null ? 0 : record.value().length,
                "reference".equals(header(record, DeadLetterHeaders.PAYLOAD))
            });
        }
        // Redelivered letters change nothing; a record failing again after a replay reopens its row.
        jdbc.batchUpdate("""
                INSERT INTO dead_letter (stage, partner, record_key, error_class, reason, failed_at, origin_topic,
                    origin_partition, origin_offset, dlq_partition, dlq_offset, payload_bytes, by_reference)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (stage, origin_topic, origin_partition, origin_offset) DO UPDATE SET
                    error_class = excluded.error_class, reason = excluded.reason, failed_at = excluded.failed_at,
                    dlq_partition = excluded.dlq_partition, dlq_offset = excluded.dlq_offset,
                    payload_bytes = excluded.payload_bytes, by_reference = excluded.by_reference,
                    status = 'open', status_at = now(), status_by = NULL
                WHERE dead_letter.failed_at < excluded.failed_at
                """, rows);
    }

    List<Letter> list(Filter filter, int limit, int offset) {
        List<Object> arguments = new ArrayList<>();
        String where = where(filter, arguments);
        arguments.add(limit);
        arguments.add(offset);
        return jdbc.query(
                "SELECT * FROM dead_letter" + where + " ORDER BY failed_at DESC, id DESC LIMIT ? OFFSET ?",
                LETTER,
                arguments.toArray());
    }

    long count(Filter filter) {
        List<Object> arguments = new ArrayList<>();
        String where = where(filter, arguments);
        Long count = jdbc.queryForObject("SELECT count(*) FROM dead_letter" + where, Long.class, arguments.toArray());
        return count == null ? 0 : count;
    }

    /** The ids of open letters matching the filter, oldest first, so replays keep the original order. */
    List<Long> openIds(Filter filter, int limit) {
        Filter open = new Filter(filter.stage(), filter.partner(), filter.reason(), filter.from(), filter.to(), "open");
        List<Object> arguments = new ArrayList<>();
        String where = where(open, arguments);
        arguments.add(limit);
        return jdbc.queryForList(
                "SELECT id FROM dead_letter" + where + " ORDER BY failed_at, id LIMIT ?",
                Long.class,
                arguments.toArray());
    }

    Optional<Letter> letter(long id) {
        return jdbc.query("SELECT * FROM dead_letter WHERE id = ?", LETTER, id).stream()
                .findFirst();
    }

    /**
     * Moves an open letter (or one whose replay was cut off by a crash minutes ago) to {@code
     * replaying}; false when another replay or a discard came first, which makes a second replay
     * a no-op.
     */
    boolean claimForReplay(long id, String by) {
        return jdbc.update("""
                        UPDATE dead_letter SET status = 'replaying', status_at = now(), status_by = ?
                        WHERE id = ? AND (status = 'open' OR (status = 'replaying' AND status_at < now() - interval '5 minutes'))
                        """, by, id) == 1;
    }

    void settle(long id, String status, String by, @Nullable String reason) {
        jdbc.update("""
                UPDATE dead_letter SET status = ?, status_at = now(), status_by = ?, reason = coalesce(?, reason)
                WHERE id = ?
                """, status, by, reason, id);
    }

    boolean discard(long id, String by) {
        return jdbc.update("""
                        UPDATE dead_letter SET status = 'discarded', status_at = now(), status_by = ?
                        WHERE id = ? AND status = 'open'
                        """, by, id) == 1;
    }

    /**
     * The record as it was when it failed: the dead letter's bytes and headers without the error
     * context, or, for a letter kept by reference, the original record on its own topic.
     */
    Optional<ConsumerRecord<String, byte[]>> original(Letter letter) {
        Optional<ConsumerRecord<String, byte[]>> stored = letter.byReference()
                ? read(letter.originTopic(), letter.originPartition(), letter.originOffset())
                : read(topic, letter.dlqPartition(), letter.dlqOffset());
        return stored.map(record -> {
            ConsumerRecord<String, byte[]> original = new ConsumerRecord<>(
                    letter.originTopic(),
                    letter.originPartition(),
                    letter.originOffset(),
                    record.timestamp(),
                    record.timestampType(),
                    ConsumerRecord.NULL_SIZE,
                    ConsumerRecord.NULL_SIZE,
                    record.key(),
                    record.value(),
                    new org.apache.kafka.common.header.internals.RecordHeaders(),
                    Optional.empty());
            for (Header header : record.headers()) {
                if (!header.key().startsWith(DeadLetterHeaders.PREFIX)) {
                    original.headers().add(header);
                }
            }
            return original;
        });
    }

    /** The dead letter itself as stored on the topic, for its headers and a preview of its bytes. */
    Optional<ConsumerRecord<String, byte[]>> stored(Letter letter) {
        return read(topic, letter.dlqPartition(), letter.dlqOffset());
    }

    private Optional<ConsumerRecord<String, byte[]>> read(String topic, int partition, long offset) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.servers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hub.dead-letter-reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition where = new TopicPartition(topic, partition);
            consumer.assign(List.of(where));
            consumer.seek(where, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                    if (record.offset() > offset) {
                        return Optional.empty();
                    }
                }
                if (consumer.position(where) > offset) {
                    return Optional.empty();
                }
            }
            throw new gr.accmr.hub.platform.TransientFailure(
                    "Kafka did not return " + topic + "/" + partition + "@" + offset + " in time");
        }
    }

    private static String where(Filter filter, List<Object> arguments) {
        List<String> conditions = new ArrayList<>();
        if (filter.stage() != null) {
            conditions.add("stage = ?");
            arguments.add(filter.stage());
        }
        if (filter.partner() != null) {
            conditions.add("partner = ?");
            arguments.add(filter.partner());
        }
        if (filter.reason() != null) {
            conditions.add("reason ILIKE ?");
            arguments.add("%"
                    + filter.reason().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (filter.from() != null) {
            conditions.add("failed_at >= ?");
            arguments.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("failed_at < ?");
            arguments.add(Timestamp.from(filter.to()));
        }
        if (filter.status() != null) {
            conditions.add("status = ?");
            arguments.add(filter.status());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static @Nullable String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Instant instant(@Nullable String text, long fallback) {
        try {
            return text == null ? Instant.ofEpochMilli(fallback) : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.ofEpochMilli(fallback);
        }
    }

    private static @Nullable Long number(@Nullable String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
