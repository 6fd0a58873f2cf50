package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
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
                    .flatMap(last -> next(last.retracted(), new State(last.version(), last.contentHash(), last)));
        }
        Outcome.Draft draft = (Outcome.Draft) outcome;
        List<State> states = jdbc.query(
                "SELECT version, content_hash, notice FROM normalize_notice_state WHERE notice_id = ?",
                (row, n) -> new State(
                        row.getInt(1),
                        row.getString(2),
                        row.getString(3) == null
                                ? null
                                : NoticeJson.read(row.getString(3).getBytes(StandardCharsets.UTF_8))),
                draft.notice().id());
        State state = states.isEmpty() ? null : states.get(0);
        Notice last = state == null ? null : state.notice();
        return next(TranslationMerge.settle(draft, last), state);
    }

    private Optional<Notice> next(Notice notice, @Nullable State last) {
        String hash = ContentHash.of(notice);
        // The stored hash, or the last notice hashed anew: a notice hashed by an older rule of the
        // hub must not look changed after an upgrade.
        if (last != null
                && (last.contentHash().equals(hash)
                        || (last.notice() != null
                                && ContentHash.of(last.notice()).equals(hash)))) {
            return Optional.empty();
        }
        return Optional.of(notice.withVersion(last == null ? 1 : last.version() + 1, hash));
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

    /** What was last published for an id; notices published before the state kept them have none. */
    private record State(
            int version, String contentHash, @Nullable Notice notice) {}
}
