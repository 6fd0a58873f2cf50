package gr.accmr.hub.fanout.archive;

import gr.accmr.hub.fanout.NoticeSink;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        transactions.executeWithoutResult(status -> {
            // (id, version) is the key: a redelivered version changes nothing.
            List<Object[]> versions = new ArrayList<>(notices.size());
            List<Object[]> currents = new ArrayList<>(notices.size());
            for (int i = 0; i < notices.size(); i++) {
                Notice notice = notices.get(i);
                versions.add(new Object[] {notice.id(), notice.version(), notice.contentHash(), json.get(i)});
                currents.add(new Object[] {
                    notice.id(),
                    notice.partner(),
                    notice.version(),
                    notice.status().name().toLowerCase(java.util.Locale.ROOT),
                    timestamp(notice.publishedAt()),
                    timestamp(notice.updatedAt()),
                    json.get(i),
                    notice.kind().name().toLowerCase(java.util.Locale.ROOT),
                    categoriesJson(notice),
                    notice.version()
                });
            }
            jdbc.batchUpdate("""
                    INSERT INTO archive_notice_version (notice_id, version, content_hash, notice)
                    VALUES (?, ?, ?, ?::jsonb) ON CONFLICT (notice_id, version) DO NOTHING
                    """, versions);
            int[] moved = jdbc.batchUpdate("""
                    INSERT INTO archive_notice (notice_id, partner, version, status, published_at, updated_at, notice,
                                                kind, categories, indexed_version)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ARRAY(SELECT jsonb_array_elements_text(?::jsonb)), ?)
                    ON CONFLICT (notice_id) DO UPDATE SET
                      version = excluded.version, status = excluded.status, published_at = excluded.published_at,
                      updated_at = excluded.updated_at, notice = excluded.notice, kind = excluded.kind,
                      categories = excluded.categories, indexed_version = excluded.indexed_version
                    WHERE archive_notice.version < excluded.version
                    """, currents);
            // The last version that became current, per notice, is the one to index.
            Map<String, Notice> current = new LinkedHashMap<>();
            for (int i = 0; i < notices.size(); i++) {
                if (moved[i] > 0) {
                    current.put(notices.get(i).id(), notices.get(i));
                }
            }
            index(current.values());
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
        List<Object[]> rows = new ArrayList<>();
        for (Notice notice : notices) {
            notice.translations().forEach((lang, translation) -> {
                String config = SearchLanguages.config(lang);
                String title = ArabicScriptFolding.fold(translation.title());
                String summary = ArabicScriptFolding.fold(translation.summary());
                String body = ArabicScriptFolding.fold(translation.bodyText());
                @Nullable String all = SearchLanguages.trigram(lang) ? String.join(" ", title, summary, body) : null;
                rows.add(new Object[] {notice.id(), lang, config, config, title, config, summary, config, body, all});
            });
        }
        jdbc.batchUpdate("""
                INSERT INTO archive_search (notice_id, lang, config, document, folded)
                VALUES (?, ?, ?::regconfig,
                        setweight(to_tsvector(?::regconfig, ?), 'A') || setweight(to_tsvector(?::regconfig, ?), 'B')
                          || setweight(to_tsvector(?::regconfig, ?), 'C'),
                        lower(unaccent(?)))
                """, rows);
    }

    /** Notices whose search documents are missing or older than their current version, locked for indexing. */
    List<Notice> unindexed(int limit) {
        return jdbc.query("""
                SELECT notice FROM archive_notice WHERE indexed_version IS DISTINCT FROM version
                LIMIT ? FOR UPDATE SKIP LOCKED
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
                .query(
                        "SELECT notice FROM archive_notice WHERE notice_id = ?",
                        (row, n) -> NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8)),
                        id)
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

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    record ArchivedVersion(int version, String contentHash, Instant archivedAt, Notice notice) {}
}
