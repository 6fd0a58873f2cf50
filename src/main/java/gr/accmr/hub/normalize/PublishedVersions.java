package gr.accmr.hub.normalize;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The versions normalize published for a notice, each with the raw record it was made from. */
@Component
public class PublishedVersions {

    /** One published version: what it came from, and when Kafka acknowledged it. */
    public record Version(
            int version,
            String contentHash,
            String status,
            String rawTopic,
            int rawPartition,
            long rawOffset,
            Instant receivedAt,
            Instant publishedAt) {}

    private final JdbcTemplate jdbc;

    PublishedVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Version> of(String noticeId) {
        return jdbc.query(
                """
                SELECT version, content_hash, status, raw_topic, raw_partition, raw_offset, received_at, published_at
                FROM normalize_version_log WHERE notice_id = ? ORDER BY version
                """,
                (row, n) -> new Version(
                        row.getInt(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getInt(5),
                        row.getLong(6),
                        row.getTimestamp(7).toInstant(),
                        row.getTimestamp(8).toInstant()),
                noticeId);
    }
}
