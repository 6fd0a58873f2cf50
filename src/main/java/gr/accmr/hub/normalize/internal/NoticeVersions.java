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
        return next(List.of(outcome));
    }

    /**
     * The notice to publish after several outcomes for one notice, applied in order in memory on
     * top of its last published version: at most one new version, however many records there were.
     */
    public Optional<Notice> next(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Optional.empty();
        }
        String id = outcomes.get(0) instanceof Outcome.Draft draft
                ? draft.notice().id()
                : ((Outcome.Retraction) outcomes.get(0)).id().toString();
        List<State> states = jdbc.query(
                "SELECT version, content_hash, notice FROM normalize_notice_state WHERE notice_id = ?",
                (row, n) -> new State(
                        row.getInt(1),
                        row.getString(2),
                        row.getString(3) == null
                                ? null
                                : NoticeJson.read(row.getString(3).getBytes(StandardCharsets.UTF_8))),
                id);
        State state = states.isEmpty() ? null : states.get(0);
        Notice current = state == null ? null : state.notice();
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Draft draft) {
                current = TranslationMerge.settle(draft, current);
            } else if (current != null && current.status() == Notice.Status.PUBLISHED) {
                // A retraction republishes the last content as withdrawn; withdrawing twice is nothing.
                current = current.retracted();
            }
        }
        return current == null ? Optional.empty() : next(current, state);
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
