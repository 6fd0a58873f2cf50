package gr.accmr.hub.fanout;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.platform.SqlArrays;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Array;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What each channel did with each notice version: delivered, skipped as older than what it had,
 * or failed (dead-lettered). Written after the channel took the batch; a redelivered version
 * changes nothing, so the ledger shows each version once per channel.
 */
@Component
class DeliveryLedger {

    static final String DELIVERED = "delivered";
    static final String SKIPPED = "skipped-older";
    static final String FAILED = "failed";

    /** One line of the ledger. */
    record Delivery(
            int version,
            String channel,
            String outcome,
            Instant at,
            @Nullable String target,
            @Nullable String detail) {}

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    DeliveryLedger(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /**
     * Records a batch the channel took, in order: a version above the highest one the channel
     * had delivered counts as delivered, a lower one as skipped (the sinks ignore it).
     */
    void delivered(NoticeSink sink, List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        Map<String, Integer> highest = highestDelivered(
                sink.name(), notices.stream().map(Notice::id).distinct().toList());
        // One row per version, the first the batch held: a redelivered version changes nothing.
        Map<String, String[]> rows = new java.util.LinkedHashMap<>();
        for (Notice notice : notices) {
            int before = highest.getOrDefault(notice.id(), 0);
            boolean newer = notice.version() > before;
            if (newer) {
                highest.put(notice.id(), notice.version());
            }
            rows.putIfAbsent(notice.id() + "\u0000" + notice.version(), new String[] {
                notice.id(),
                String.valueOf(notice.version()),
                newer ? DELIVERED : SKIPPED,
                newer ? sink.reference(notice) : null,
                newer ? null : "the channel had version " + before
            });
        }
        // One statement for the batch, its columns as arrays.
        jdbc.update(
                """
                INSERT INTO fanout_delivery (notice_id, version, channel, outcome, target, detail)
                SELECT id, version, ?, outcome, target, detail
                FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[]) AS r(id, version, outcome, target, detail)
                ON CONFLICT (notice_id, version, channel) DO UPDATE SET outcome = excluded.outcome,
                    target = excluded.target, detail = excluded.detail, at = now()
                WHERE fanout_delivery.outcome = 'failed'
                """,
                sink.name(),
                SqlArrays.column(rows.values(), 0),
                SqlArrays.column(rows.values(), 1),
                SqlArrays.column(rows.values(), 2),
                SqlArrays.column(rows.values(), 3),
                SqlArrays.column(rows.values(), 4));
        count(sink, rows.values().stream().map(row -> row[2]).toList());
    }

    /** {@code hub_channel_deliveries_total{channel, outcome}}: what each channel did, per notice version. */
    private void count(NoticeSink sink, List<String> outcomes) {
        outcomes.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        outcome -> outcome, java.util.stream.Collectors.counting()))
                .forEach((outcome, n) -> meters.counter(
                                "hub.channel.deliveries", "channel", sink.name(), "outcome", outcome)
                        .increment(n));
    }

    void failed(NoticeSink sink, Notice notice, String reason) {
        jdbc.update("""
                INSERT INTO fanout_delivery (notice_id, version, channel, outcome, detail) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (notice_id, version, channel) DO UPDATE SET outcome = excluded.outcome,
                    detail = excluded.detail, at = now()
                WHERE fanout_delivery.outcome = 'failed'
                """, notice.id(), notice.version(), sink.name(), FAILED, reason);
        count(sink, List.of(FAILED));
    }

    List<Delivery> of(String noticeId) {
        return jdbc.query(
                """
                SELECT version, channel, outcome, at, target, detail FROM fanout_delivery
                WHERE notice_id = ? ORDER BY version, channel
                """,
                (row, n) -> new Delivery(
                        row.getInt(1),
                        row.getString(2),
                        row.getString(3),
                        row.getTimestamp(4).toInstant(),
                        row.getString(5),
                        row.getString(6)),
                noticeId);
    }

    private Map<String, Integer> highestDelivered(String channel, List<String> ids) {
        Map<String, Integer> highest = new HashMap<>();
        jdbc.query(
                connection -> {
                    Array array = connection.createArrayOf("text", ids.toArray());
                    var statement = connection.prepareStatement("""
                            SELECT notice_id, max(version) FROM fanout_delivery
                            WHERE channel = ? AND outcome = 'delivered' AND notice_id = ANY (?) GROUP BY notice_id
                            """);
                    statement.setString(1, channel);
                    statement.setArray(2, array);
                    return statement;
                },
                row -> {
                    highest.put(row.getString(1), row.getInt(2));
                });
        return highest;
    }
}
