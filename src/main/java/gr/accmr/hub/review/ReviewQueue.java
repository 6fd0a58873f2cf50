package gr.accmr.hub.review;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The review state of every notice of a partner under review, and every step each version took:
 * what the gate held, applied or let through, and what editors decided.
 */
@Component
public class ReviewQueue {

    static final String AWAITING = "awaiting";
    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";
    static final String RETRACTED = "retracted";

    /** Steps of the journey. */
    static final String HELD = "held";

    static final String APPLIED_TITLE_UNCHANGED = "applied-title-unchanged";
    static final String RETRACTED_AT_ONCE = "retracted-at-once";

    /** A notice's review state: the version held or last decided, and the last one approved. */
    public record Entry(
            String noticeId,
            String partner,
            int version,
            Notice notice,
            String state,
            boolean urgent,
            Instant heldAt,
            @Nullable Integer approvedVersion,
            @Nullable Notice approvedNotice,
            @Nullable String decidedBy,
            @Nullable Instant decidedAt,
            @Nullable String reason) {}

    /** One step of a version through review. */
    public record Step(
            int version,
            String step,
            @Nullable String by,
            Instant at,
            @Nullable String reason,
            @Nullable Map<String, Object> edits) {}

    private static final String COLUMNS = """
            notice_id, partner, version, notice, state, urgent, held_at, approved_version, approved_notice,
            decided_by, decided_at, reason""";

    private final JdbcTemplate jdbc;

    ReviewQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Entry> entries(Collection<String> ids) {
        Map<String, Entry> entries = new HashMap<>();
        if (ids.isEmpty()) {
            return entries;
        }
        jdbc.query(
                "SELECT " + COLUMNS + " FROM review_notice WHERE notice_id = ANY (?)",
                row -> {
                    Entry entry = entry(row);
                    entries.put(entry.noticeId(), entry);
                },
                (Object) ids.toArray(String[]::new));
        return entries;
    }

    public Optional<Entry> entry(String id) {
        return jdbc
                .query("SELECT " + COLUMNS + " FROM review_notice WHERE notice_id = ?", (row, n) -> entry(row), id)
                .stream()
                .findFirst();
    }

    /** The entry locked until the caller's transaction ends, so two editors cannot decide it at once. */
    Optional<Entry> lock(String id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM review_notice WHERE notice_id = ? FOR UPDATE",
                        (row, n) -> entry(row),
                        id)
                .stream()
                .findFirst();
    }

    /** What waits for an editor: urgent first, then the longest waiting. */
    public List<Entry> awaiting(int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS
                        + " FROM review_notice WHERE state = 'awaiting' ORDER BY urgent DESC, held_at LIMIT ?",
                (row, n) -> entry(row),
                limit);
    }

    /** How many notices wait for an editor, and how many of them are urgent. */
    public record Waiting(int all, int urgent) {}

    public Waiting waiting() {
        return jdbc.queryForObject(
                "SELECT count(*), count(*) FILTER (WHERE urgent) FROM review_notice WHERE state = 'awaiting'",
                (row, n) -> new Waiting(row.getInt(1), row.getInt(2)));
    }

    public List<Step> steps(String id) {
        return jdbc.query(
                "SELECT version, step, by_user, at, reason, edits FROM review_step WHERE notice_id = ? ORDER BY at, id",
                (row, n) -> new Step(
                        row.getInt(1),
                        row.getString(2),
                        row.getString(3),
                        row.getTimestamp(4).toInstant(),
                        row.getString(5),
                        edits(row.getString(6))),
                id);
    }

    /** Holds a version for review; an urgent one is queued for the editors' e-mail. */
    void hold(Notice notice) {
        upsert(notice, AWAITING, null);
        step(notice.id(), notice.version(), HELD, null, null, null);
        if (notice.urgency() == Notice.Urgency.URGENT) {
            jdbc.update(
                    "INSERT INTO review_mail (notice_id, version) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    notice.id(),
                    notice.version());
        }
    }

    /** A change to an approved notice that kept every title, applied without review. */
    void appliedWithoutReview(Notice notice) {
        upsert(notice, APPROVED, notice);
        step(notice.id(), notice.version(), APPLIED_TITLE_UNCHANGED, null, null, null);
    }

    /** A retraction, let through at once; whatever waited for review is no longer shown. */
    void retracted(Notice notice) {
        upsert(notice, RETRACTED, null);
        step(notice.id(), notice.version(), RETRACTED_AT_ONCE, null, null, null);
    }

    void approved(Entry entry, String editor, @Nullable String edits) {
        jdbc.update("""
                UPDATE review_notice SET state = 'approved', approved_version = version, approved_notice = notice,
                  decided_by = ?, decided_at = now(), reason = NULL
                WHERE notice_id = ? AND version = ?
                """, editor, entry.noticeId(), entry.version());
        step(entry.noticeId(), entry.version(), APPROVED, editor, null, edits);
    }

    void rejected(Entry entry, String editor, String reason) {
        jdbc.update("""
                UPDATE review_notice SET state = 'rejected', decided_by = ?, decided_at = now(), reason = ?
                WHERE notice_id = ? AND version = ?
                """, editor, reason, entry.noticeId(), entry.version());
        step(entry.noticeId(), entry.version(), REJECTED, editor, reason, null);
    }

    /** Urgent notices still awaiting review whose e-mail has not gone out, oldest first. */
    List<Entry> urgentUnmailed(int limit) {
        return jdbc.query(
                "SELECT " + prefixed("r") + " FROM review_mail m JOIN review_notice r"
                        + " ON r.notice_id = m.notice_id AND r.version = m.version"
                        + " WHERE m.sent_at IS NULL AND r.state = 'awaiting' ORDER BY m.created_at LIMIT ?",
                (row, n) -> entry(row),
                limit);
    }

    void mailed(Entry entry) {
        jdbc.update(
                "UPDATE review_mail SET sent_at = now() WHERE notice_id = ? AND version = ?",
                entry.noticeId(),
                entry.version());
    }

    /** A newer version replaces the entry's; the last approved one stays. */
    private void upsert(Notice notice, String state, @Nullable Notice approved) {
        jdbc.update(
                """
                INSERT INTO review_notice (notice_id, partner, version, notice, state, urgent, held_at,
                                           approved_version, approved_notice)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, now(), ?, ?::jsonb)
                ON CONFLICT (notice_id) DO UPDATE SET version = excluded.version, notice = excluded.notice,
                  state = excluded.state, urgent = excluded.urgent, held_at = excluded.held_at,
                  approved_version = coalesce(excluded.approved_version, review_notice.approved_version),
                  approved_notice = coalesce(excluded.approved_notice, review_notice.approved_notice),
                  decided_by = NULL, decided_at = NULL, reason = NULL
                WHERE review_notice.version < excluded.version
                """,
                notice.id(),
                notice.partner(),
                notice.version(),
                json(notice),
                state,
                notice.urgency() == Notice.Urgency.URGENT,
                approved == null ? null : approved.version(),
                approved == null ? null : json(approved));
    }

    private void step(
            String id, int version, String step, @Nullable String by, @Nullable String reason, @Nullable String edits) {
        jdbc.update("""
                INSERT INTO review_step (notice_id, version, step, by_user, reason, edits) VALUES (?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT DO NOTHING
                """, id, version, step, by, reason, edits);
    }

    private static String prefixed(String alias) {
        return String.join(
                ", ",
                java.util.Arrays.stream(COLUMNS.split(","))
                        .map(c -> alias + "." + c.strip())
                        .toList());
    }

    private static Entry entry(ResultSet row) throws SQLException {
        return new Entry(
                row.getString(1),
                row.getString(2),
                row.getInt(3),
                notice(row.getString(4)),
                row.getString(5),
                row.getBoolean(6),
                row.getTimestamp(7).toInstant(),
                (Integer) row.getObject(8),
                row.getString(9) == null ? null : notice(row.getString(9)),
                row.getString(10),
                row.getTimestamp(11) == null ? null : row.getTimestamp(11).toInstant(),
                row.getString(12));
    }

    private static Notice notice(String json) {
        return NoticeJson.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Notice notice) {
        return new String(NoticeJson.write(notice), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Map<String, Object> edits(@Nullable String json) {
        if (json == null) {
            return null;
        }
        try {
            return NoticeJson.mapper().readValue(json, Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable edits in review_step", e);
        }
    }
}
