package gr.accmr.hub.fanout.archive;

import gr.accmr.hub.fanout.NoticeSink;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.platform.SqlArrays;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** Every version, awaiting review or rejected included, as the partner sent it. */
    @Override
    public boolean reviewed() {
        return false;
    }

    @Override
    public boolean joinsTransaction() {
        return true;
    }

    @Override
    public String name() {
        return "archive";
    }

    /**
     * One transaction for the batch, in a fixed number of statements however many notices it
     * holds: every version kept, the current rows moved forward where a version is newer, and the
     * search documents of the notices whose current version changed replaced, in the same
     * transaction, so a search never finds text a notice no longer has.
     */
    @Override
    public void acceptAll(List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        List<String> json = notices.stream()
                .map(notice -> new String(NoticeJson.write(notice), StandardCharsets.UTF_8))
                .toList();
        // The newest version of each notice in the batch is the only one that can become current.
        Map<String, Integer> newest = new LinkedHashMap<>();
        for (int i = 0; i < notices.size(); i++) {
            Notice notice = notices.get(i);
            Integer at = newest.get(notice.id());
            if (at == null || notices.get(at).version() < notice.version()) {
                newest.put(notice.id(), i);
            }
        }
        List<Notice> currents = newest.values().stream().map(notices::get).toList();
        transactions.executeWithoutResult(status -> {
            // One statement per table for the batch, its columns as arrays. (id, version) is the
            // key: a redelivered version changes nothing.
            jdbc.update(
                    """
                    INSERT INTO archive_notice_version (notice_id, version, content_hash, notice)
                    SELECT * FROM unnest(?::text[], ?::int[], ?::text[], ?::jsonb[])
                    ON CONFLICT (notice_id, version) DO NOTHING
                    """,
                    notices.stream().map(Notice::id).toArray(String[]::new),
                    notices.stream().map(Notice::version).toArray(Integer[]::new),
                    notices.stream().map(Notice::contentHash).toArray(String[]::new),
                    json.toArray(String[]::new));
            // The current rows move forward where a version is newer; those that moved are indexed.
            Set<String> moved = new HashSet<>(jdbc.queryForList(
                    """
                    INSERT INTO archive_notice (notice_id, partner, version, status, published_at, updated_at,
                                                languages, kind, categories, indexed_version)
                    SELECT id, partner, version, status, published_at, updated_at, string_to_array(languages, ','),
                           kind, ARRAY(SELECT jsonb_array_elements_text(categories)), version
                    FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                                ?::text[], ?::text[], ?::jsonb[])
                         AS r(id, partner, version, status, published_at, updated_at, languages, kind, categories)
                    ON CONFLICT (notice_id) DO UPDATE SET
                      version = excluded.version, status = excluded.status, published_at = excluded.published_at,
                      updated_at = excluded.updated_at, languages = excluded.languages, kind = excluded.kind,
                      categories = excluded.categories, indexed_version = excluded.indexed_version
                    WHERE archive_notice.version < excluded.version
                    RETURNING notice_id
                    """,
                    String.class,
                    currents.stream().map(Notice::id).toArray(String[]::new),
                    currents.stream().map(Notice::partner).toArray(String[]::new),
                    currents.stream().map(Notice::version).toArray(Integer[]::new),
                    currents.stream().map(notice -> lower(notice.status())).toArray(String[]::new),
                    currents.stream()
                            .map(notice -> SqlArrays.time(notice.publishedAt()))
                            .toArray(String[]::new),
                    currents.stream()
                            .map(notice -> SqlArrays.time(notice.updatedAt()))
                            .toArray(String[]::new),
                    currents.stream()
                            .map(notice ->
                                    SqlArrays.languages(notice.translations().keySet()))
                            .toArray(String[]::new),
                    currents.stream().map(notice -> lower(notice.kind())).toArray(String[]::new),
                    currents.stream().map(ArchiveStore::categoriesJson).toArray(String[]::new)));
            index(currents.stream()
                    .filter(notice -> moved.contains(notice.id()))
                    .toList());
        });
    }

    @Override
    public void accept(Notice notice) {
        acceptAll(List.of(notice));
    }

    void index(Notice notice) {
        index(List.of(notice));
    }

    /**
     * Replaces the notices' search documents, one per translation: title weighted A, summary B,
     * body C, each in its language's configuration, from text with Arabic-script spellings folded.
     * Languages without a stemmer also keep the folded text for trigram matching.
     */
    void index(java.util.Collection<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        jdbc.update("DELETE FROM archive_search WHERE notice_id = ANY (?)", (Object)
                notices.stream().map(Notice::id).toArray(String[]::new));
        List<String[]> rows = new ArrayList<>();
        for (Notice notice : notices) {
            notice.translations().forEach((lang, translation) -> {
                String title = ArabicScriptFolding.fold(translation.title());
                String summary = ArabicScriptFolding.fold(translation.summary());
                String body = ArabicScriptFolding.fold(translation.bodyText());
                @Nullable String all = SearchLanguages.trigram(lang) ? String.join(" ", title, summary, body) : null;
                rows.add(new String[] {notice.id(), lang, SearchLanguages.config(lang), title, summary, body, all});
            });
        }
        jdbc.update(
                """
                INSERT INTO archive_search (notice_id, lang, config, document, folded)
                SELECT id, lang, config::regconfig,
                       setweight(to_tsvector(config::regconfig, title), 'A')
                         || setweight(to_tsvector(config::regconfig, summary), 'B')
                         || setweight(to_tsvector(config::regconfig, body), 'C'),
                       lower(unaccent(all_text))
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     AS r(id, lang, config, title, summary, body, all_text)
                """,
                SqlArrays.column(rows, 0),
                SqlArrays.column(rows, 1),
                SqlArrays.column(rows, 2),
                SqlArrays.column(rows, 3),
                SqlArrays.column(rows, 4),
                SqlArrays.column(rows, 5),
                SqlArrays.column(rows, 6));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Notices whose search documents are missing or older than their current version, locked for indexing. */
    List<Notice> unindexed(int limit) {
        return jdbc.query("""
                SELECT v.notice FROM archive_notice n
                JOIN archive_notice_version v ON v.notice_id = n.notice_id AND v.version = n.version
                WHERE n.indexed_version IS DISTINCT FROM n.version
                LIMIT ? FOR UPDATE OF n SKIP LOCKED
                """, (row, n) -> NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8)), limit);
    }

    void markIndexed(Notice notice) {
        jdbc.update("UPDATE archive_notice SET indexed_version = ? WHERE notice_id = ?", notice.version(), notice.id());
    }

    /** Indexes, in batches of one transaction each, what was archived before search existed. */
    int indexMissing(int batch) {
        int total = 0;
        while (true) {
            Integer done = transactions.execute(status -> {
                List<Notice> notices = unindexed(batch);
                notices.forEach(notice -> {
                    index(notice);
                    markIndexed(notice);
                });
                return notices.size();
            });
            if (done == null || done == 0) {
                return total;
            }
            total += done;
        }
    }

    Optional<Notice> current(String id) {
        return jdbc
                .query("""
                        SELECT v.notice FROM archive_notice n
                        JOIN archive_notice_version v ON v.notice_id = n.notice_id AND v.version = n.version
                        WHERE n.notice_id = ?
                        """, (row, n) -> NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8)), id)
                .stream()
                .findFirst();
    }

    Optional<ArchivedVersion> version(String id, int version) {
        return jdbc.query("""
                        SELECT version, content_hash, archived_at, notice FROM archive_notice_version
                        WHERE notice_id = ? AND version = ?
                        """, ArchiveStore::archivedVersion, id, version).stream()
                .findFirst();
    }

    List<ArchivedVersion> versions(String id) {
        return jdbc.query("""
                SELECT version, content_hash, archived_at, notice FROM archive_notice_version
                WHERE notice_id = ? ORDER BY version DESC
                """, ArchiveStore::archivedVersion, id);
    }

    private static ArchivedVersion archivedVersion(java.sql.ResultSet row, int n) throws java.sql.SQLException {
        return new ArchivedVersion(
                row.getInt(1),
                row.getString(2),
                row.getTimestamp(3).toInstant(),
                NoticeJson.read(row.getString(4).getBytes(StandardCharsets.UTF_8)));
    }

    private static String categoriesJson(Notice notice) {
        try {
            return NoticeJson.mapper().writeValueAsString(notice.categories());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    record ArchivedVersion(int version, String contentHash, Instant archivedAt, Notice notice) {}
}
