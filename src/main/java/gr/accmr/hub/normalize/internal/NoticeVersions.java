package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.platform.PermanentFailure;
import gr.accmr.hub.platform.TransientFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides the version of a notice from the last version published for its id, and reserves it
 * atomically before it is published: the state row is moved from version n to n + 1 only where it
 * still says n (compare-and-set), so two writers (live normalization and reprocessing, or a zombie
 * after a rebalance) can never give one version number two contents.
 *
 * <p>A reserved version is marked acknowledged once Kafka has it. A reservation left unacknowledged
 * by a crash is published again as it is, before anything newer, by whoever sees it next: the
 * channels ignore a version they already have, and no version is skipped.
 */
public class NoticeVersions {

    /** Tries of compare-and-set before the contention counts as an outage of its own. */
    private static final int MAX_TRIES = 10;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final int maxTranslations;

    public NoticeVersions(JdbcTemplate jdbc) {
        this(jdbc, Integer.MAX_VALUE);
    }

    /** @param maxTranslations most translations a notice may have; a record giving it more is refused */
    public NoticeVersions(JdbcTemplate jdbc, int maxTranslations) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(
                java.util.Objects.requireNonNull(jdbc.getDataSource(), "a JdbcTemplate with a DataSource")));
        this.maxTranslations = maxTranslations;
    }

    /** The notices to publish for an outcome, in order; empty when nothing changed for readers. */
    public List<Notice> next(Outcome outcome) {
        return next(List.of(outcome));
    }

    /**
     * The notices to publish after several outcomes for one notice, applied in order in memory on
     * top of its last version: at most one new version, however many records there were, preceded
     * by a reserved version that was never acknowledged.
     */
    public List<Notice> next(List<Outcome> outcomes) {
        return nextAll(List.of(outcomes));
    }

    /**
     * {@link #next(List)} for the notices of a whole batch at once, each list the outcomes of one
     * notice in order: one query reads their states and one transaction reserves their versions, so
     * a batch costs one commit instead of one per notice. A notice whose state another writer moved
     * meanwhile is decided again on the new state; the others keep their reservations.
     */
    public List<Notice> nextAll(Collection<List<Outcome>> perNotice) {
        Map<String, List<Outcome>> pending = new LinkedHashMap<>();
        for (List<Outcome> outcomes : perNotice) {
            if (!outcomes.isEmpty()) {
                pending.computeIfAbsent(outcomes.get(0).noticeId(), id -> new ArrayList<>())
                        .addAll(outcomes);
            }
        }
        List<String> order = List.copyOf(pending.keySet());
        Map<String, List<Notice>> decided = new HashMap<>();
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, State> states = states(pending.keySet());
            List<Reservation> reservations = new ArrayList<>();
            for (Map.Entry<String, List<Outcome>> entry : pending.entrySet()) {
                State state = states.get(entry.getKey());
                List<Notice> toPublish = new ArrayList<>(2);
                if (state != null && !state.acknowledged() && state.notice() != null) {
                    toPublish.add(state.notice());
                }
                Optional<Notice> changed = fold(entry.getValue(), state);
                if (changed.isEmpty()) {
                    decided.put(entry.getKey(), toPublish);
                } else {
                    reservations.add(new Reservation(changed.get(), state, toPublish));
                }
            }
            pending.keySet().removeAll(decided.keySet());
            for (Reservation won : reserve(reservations)) {
                won.toPublish().add(won.notice());
                decided.put(won.notice().id(), won.toPublish());
                pending.remove(won.notice().id());
            }
            if (!pending.isEmpty() && attempt == MAX_TRIES) {
                throw new TransientFailure(
                        "the versions of " + pending.keySet() + " kept changing under " + MAX_TRIES + " tries");
            }
        }
        List<Notice> toPublish = new ArrayList<>();
        order.forEach(id -> toPublish.addAll(decided.get(id)));
        return toPublish;
    }

    private Map<String, State> states(Collection<String> ids) {
        Map<String, State> states = new HashMap<>();
        jdbc.query(
                "SELECT notice_id, version, content_hash, notice, acked FROM normalize_notice_state"
                        + " WHERE notice_id = ANY (?)",
                row -> {
                    states.put(
                            row.getString(1),
                            new State(
                                    row.getInt(2),
                                    row.getString(3),
                                    row.getString(4) == null
                                            ? null
                                            : NoticeJson.read(row.getString(4).getBytes(StandardCharsets.UTF_8)),
                                    row.getBoolean(5)));
                },
                (Object) ids.toArray(String[]::new));
        return states;
    }

    private Optional<Notice> fold(List<Outcome> outcomes, @Nullable State state) {
        Notice current = state == null ? null : state.notice();
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Draft draft) {
                current = TranslationMerge.settle(draft, current);
            } else if (current != null && current.status() == Notice.Status.PUBLISHED) {
                // A retraction republishes the last content as withdrawn; withdrawing twice is nothing.
                current = current.retracted();
            }
        }
        if (current != null && current.translations().size() > maxTranslations) {
            // Refused before a version is reserved: every channel renders every translation.
            throw new PermanentFailure("notice " + current.id() + " would have "
                    + current.translations().size() + " translations, more than the " + maxTranslations
                    + " allowed (hub.normalize.max-translations)");
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

    /**
     * Claims the notices' versions in one transaction; returns the reservations that won, those
     * whose state no other writer moved first.
     */
    private List<Reservation> reserve(List<Reservation> reservations) {
        if (reservations.isEmpty()) {
            return List.of();
        }
        List<Reservation> first = new ArrayList<>();
        List<Reservation> following = new ArrayList<>();
        // In the order of the ids, so two writers claiming the same notices never wait on each other in a cycle.
        reservations.stream()
                .sorted(java.util.Comparator.comparing(r -> r.notice().id()))
                .forEach(r -> (r.last() == null ? first : following).add(r));
        return transactions.execute(status -> {
            List<Reservation> won = new ArrayList<>(reservations.size());
            int[] inserted = jdbc.batchUpdate(
                    """
                    INSERT INTO normalize_notice_state (notice_id, version, content_hash, notice, acked)
                    VALUES (?, ?, ?, ?::jsonb, false) ON CONFLICT (notice_id) DO NOTHING
                    """,
                    first.stream()
                            .map(r -> new Object[] {
                                r.notice().id(),
                                r.notice().version(),
                                r.notice().contentHash(),
                                json(r.notice())
                            })
                            .toList());
            int[] updated = jdbc.batchUpdate(
                    """
                    UPDATE normalize_notice_state
                    SET version = ?, content_hash = ?, notice = ?::jsonb, acked = false, updated_at = now()
                    WHERE notice_id = ? AND version = ?
                    """,
                    following.stream()
                            .map(r -> new Object[] {
                                r.notice().version(),
                                r.notice().contentHash(),
                                json(r.notice()),
                                r.notice().id(),
                                java.util.Objects.requireNonNull(r.last()).version()
                            })
                            .toList());
            for (int i = 0; i < first.size(); i++) {
                if (inserted[i] == 1) {
                    won.add(first.get(i));
                }
            }
            for (int i = 0; i < following.size(); i++) {
                if (updated[i] == 1) {
                    won.add(following.get(i));
                }
            }
            return won;
        });
    }

    private static String json(Notice notice) {
        return new String(NoticeJson.write(notice), StandardCharsets.UTF_8);
    }

    /**
     * Marks versions as on Kafka and logs them for the notice's journey; called after the
     * acknowledgement, for a whole batch at once.
     */
    public void published(List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        // One transaction: a crash between marking a version acknowledged and logging it would
        // leave a version on Kafka that its notice's journey never shows, since an acknowledged
        // version is not published, nor logged, again.
        transactions.executeWithoutResult(status -> {
            acknowledge(notices);
            log(notices);
        });
    }

    // One statement each for the batch, its columns as arrays.

    private void acknowledge(List<Notice> notices) {
        jdbc.update(
                """
                UPDATE normalize_notice_state s SET acked = true
                FROM unnest(?::text[], ?::int[]) AS r(id, version)
                WHERE s.notice_id = r.id AND s.version = r.version
                """,
                notices.stream().map(Notice::id).toArray(String[]::new),
                notices.stream().map(Notice::version).toArray(Integer[]::new));
    }

    private void log(List<Notice> notices) {
        jdbc.update(
                """
                INSERT INTO normalize_version_log (notice_id, version, content_hash, status, raw_topic, raw_partition,
                    raw_offset, received_at)
                SELECT * FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[],
                                     ?::timestamptz[])
                ON CONFLICT DO NOTHING
                """,
                notices.stream().map(Notice::id).toArray(String[]::new),
                notices.stream().map(Notice::version).toArray(Integer[]::new),
                notices.stream().map(Notice::contentHash).toArray(String[]::new),
                notices.stream()
                        .map(notice -> notice.status().name().toLowerCase(java.util.Locale.ROOT))
                        .toArray(String[]::new),
                notices.stream().map(notice -> notice.source().rawTopic()).toArray(String[]::new),
                notices.stream().map(notice -> notice.source().rawPartition()).toArray(Integer[]::new),
                notices.stream().map(notice -> notice.source().rawOffset()).toArray(Long[]::new),
                notices.stream()
                        .map(notice -> notice.source().receivedAt().toString())
                        .toArray(String[]::new));
    }

    /** A version about to be claimed over the state it was decided on, and what goes before it. */
    private record Reservation(Notice notice, @Nullable State last, List<Notice> toPublish) {}

    /** What was last reserved for an id; notices published before the state kept them have none. */
    private record State(
            int version, String contentHash, @Nullable Notice notice, boolean acknowledged) {}
}
