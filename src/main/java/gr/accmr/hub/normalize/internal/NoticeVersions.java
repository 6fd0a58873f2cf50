package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.Notice;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Decides the version of a notice draft from the last version published for its id. The state is
 * written only after Kafka acknowledged the new version: a crash in between republishes the same
 * version with the same content, which every sink ignores.
 */
public class NoticeVersions {

    private final JdbcTemplate jdbc;

    public NoticeVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The draft with its next version, or empty when its content is what was last published. */
    public Optional<Notice> next(Notice draft) {
        String hash = ContentHash.of(draft);
        List<State> last = jdbc.query(
                "SELECT version, content_hash FROM normalize_notice_state WHERE notice_id = ?",
                (row, n) -> new State(row.getInt(1), row.getString(2)),
                draft.id());
        if (!last.isEmpty() && last.get(0).contentHash().equals(hash)) {
            return Optional.empty();
        }
        int version = last.isEmpty() ? 1 : last.get(0).version() + 1;
        return Optional.of(draft.withVersion(version, hash));
    }

    public void published(Notice notice) {
        jdbc.update("""
                INSERT INTO normalize_notice_state (notice_id, version, content_hash) VALUES (?, ?, ?)
                ON CONFLICT (notice_id) DO UPDATE
                SET version = excluded.version, content_hash = excluded.content_hash, updated_at = now()
                WHERE normalize_notice_state.version < excluded.version
                """, notice.id(), notice.version(), notice.contentHash());
    }

    private record State(int version, String contentHash) {}
}
