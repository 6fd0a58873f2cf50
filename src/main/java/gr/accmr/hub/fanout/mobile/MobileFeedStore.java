package gr.accmr.hub.fanout.mobile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.fanout.NoticeSink;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One JSON Feed item per notice and language. A newer version replaces the items of an older one;
 * an older or equal version changes nothing.
 */
@Component
class MobileFeedStore implements NoticeSink {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    MobileFeedStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "mobile";
    }

    /** One transaction for the batch: the notices' own transactions join it. */
    @Override
    public void acceptAll(List<Notice> notices) {
        transactions.executeWithoutResult(status -> notices.forEach(this::accept));
    }

    @Override
    public void accept(Notice notice) {
        transactions.executeWithoutResult(status -> {
            // Claims the version: nothing happens unless it is newer than the one applied last.
            int newer = jdbc.update("""
                    INSERT INTO mobile_notice (notice_id, version) VALUES (?, ?)
                    ON CONFLICT (notice_id) DO UPDATE SET version = excluded.version
                    WHERE mobile_notice.version < excluded.version
                    """, notice.id(), notice.version());
            if (newer == 0) {
                return;
            }
            // Languages dropped by the new version, or all of them for a retraction, leave the feeds.
            jdbc.update("DELETE FROM mobile_feed_item WHERE notice_id = ?", notice.id());
            if (notice.status() != Notice.Status.PUBLISHED) {
                return;
            }
            for (String language : notice.translations().keySet()) {
                jdbc.update(
                        """
                        INSERT INTO mobile_feed_item (notice_id, lang, version, published_at, expires_at, item)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb)
                        """,
                        notice.id(),
                        language,
                        notice.version(),
                        timestamp(
                                notice.publishedAt() != null
                                        ? notice.publishedAt()
                                        : notice.source().receivedAt()),
                        timestamp(notice.expiresAt()),
                        json(JsonFeedItems.item(notice, language)));
            }
        });
    }

    /** The newest visible items of one language. */
    List<Object> items(String language, int limit) {
        return jdbc.query("""
                SELECT item FROM mobile_feed_item
                WHERE lang = ? AND (expires_at IS NULL OR expires_at > now())
                ORDER BY published_at DESC NULLS LAST, notice_id LIMIT ?
                """, (row, n) -> parse(row.getString(1)), language, limit);
    }

    private static String json(Object value) {
        try {
            return NoticeJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object parse(String json) {
        try {
            return NoticeJson.mapper().readValue(json, JsonNode.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
