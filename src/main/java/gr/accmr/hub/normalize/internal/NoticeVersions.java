package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Decides the version of a notice from the last version published for its id. The state is written
 * only after Kafka acknowledged the new version: a crash in between republishes the same version
 * with the same content, which every sink ignores.
 */
public class NoticeVersions {

    private final JdbcTemplate jdbc;

    public NoticeVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The notice to publish for an outcome, or empty when nothing changed for readers. */
    public Optional<Notice> next(Outcome outcome) {
        if (outcome instanceof Outcome.Retraction retraction) {
            return last(retraction.id().toString())
                    .filter(last -> last.status() != Notice.Status.RETRACTED)
                    .flatMap(last -> next(last.retracted()));
        }
        return next(((Outcome.Draft) outcome).notice());
    }

    private Optional<Notice> next(Notice draft) {
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

    /** The last published version of a notice, if any. */
    public Optional<Notice> last(String id) {
        return jdbc
                .query(
                        "SELECT notice FROM normalize_notice_state WHERE notice_id = ? AND notice IS NOT NULL",
                        (row, n) -> NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8)),
                        id)
                .stream()
                .findFirst();
    }

    public void published(Notice notice) {
        jdbc.update(
                """
                INSERT INTO normalize_notice_state (notice_id, version, content_hash, notice) VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (notice_id) DO UPDATE
                SET version = excluded.version, content_hash = excluded.content_hash, notice = excluded.notice,
                    updated_at = now()
                WHERE normalize_notice_state.version < excluded.version
                """,
                notice.id(),
                notice.version(),
                notice.contentHash(),
                new String(NoticeJson.write(notice), StandardCharsets.UTF_8));
    }

    private record State(int version, String contentHash) {}
}
