package gr.accmr.hub.fanout.archive;

import gr.accmr.hub.fanout.NoticeSink;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Keeps every version of every notice; the current one is the highest version seen. */
@Component
class ArchiveStore implements NoticeSink {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    ArchiveStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "archive";
    }

    /** One transaction for the batch: the notices' own transactions join it. */
    @Override
    public void acceptAll(List<Notice> notices) {
        transactions.executeWithoutResult(status -> notices.forEach(this::accept));
    }

    @Override
    public void accept(Notice notice) {
        String json = new String(NoticeJson.write(notice), StandardCharsets.UTF_8);
        transactions.executeWithoutResult(status -> {
            // (id, version) is the key: a redelivered version changes nothing.
            jdbc.update("""
                    INSERT INTO archive_notice_version (notice_id, version, content_hash, notice)
                    VALUES (?, ?, ?, ?::jsonb) ON CONFLICT (notice_id, version) DO NOTHING
                    """, notice.id(), notice.version(), notice.contentHash(), json);
            jdbc.update(
                    """
                    INSERT INTO archive_notice (notice_id, partner, version, status, published_at, updated_at, notice)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)
                    ON CONFLICT (notice_id) DO UPDATE SET
                      version = excluded.version, status = excluded.status, published_at = excluded.published_at,
                      updated_at = excluded.updated_at, notice = excluded.notice
                    WHERE archive_notice.version < excluded.version
                    """,
                    notice.id(),
                    notice.partner(),
                    notice.version(),
                    notice.status().name().toLowerCase(java.util.Locale.ROOT),
                    timestamp(notice.publishedAt()),
                    timestamp(notice.updatedAt()),
                    json);
        });
    }

    /** Current notices, newest first, optionally of one partner. */
    List<Notice> list(@Nullable String partner, int limit, int offset) {
        return jdbc.query(
                """
                SELECT notice FROM archive_notice
                WHERE (?::text IS NULL OR partner = ?)
                ORDER BY published_at DESC NULLS LAST, notice_id
                LIMIT ? OFFSET ?
                """,
                (row, n) -> NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8)),
                partner,
                partner,
                limit,
                offset);
    }

    Optional<Notice> current(String id) {
        return jdbc
                .query(
                        "SELECT notice FROM archive_notice WHERE notice_id = ?",
                        (row, n) -> NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8)),
                        id)
                .stream()
                .findFirst();
    }

    List<ArchivedVersion> versions(String id) {
        return jdbc.query(
                """
                SELECT version, content_hash, archived_at, notice FROM archive_notice_version
                WHERE notice_id = ? ORDER BY version DESC
                """,
                (row, n) -> new ArchivedVersion(
                        row.getInt(1),
                        row.getString(2),
                        row.getTimestamp(3).toInstant(),
                        NoticeJson.read(row.getString(4).getBytes(StandardCharsets.UTF_8))),
                id);
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    record ArchivedVersion(int version, String contentHash, Instant archivedAt, Notice notice) {}
}
