package gr.accmr.hub.fanout.archive;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queries of the archive: full-text search over the documents the sink keeps in {@code
 * archive_search}, ranked, or the newest notices when there is no query; one page at a time after
 * a cursor, or the whole result streamed row by row for an export.
 */
@Component
class ArchiveSearch {

    /** Rows the database hands over per round trip while an export streams. */
    static final int EXPORT_FETCH_SIZE = 200;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    ArchiveSearch(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(EXPORT_FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** What to look for; every part optional. {@code lang} is a stored tag, {@code kind} and {@code status} lower case. */
    record Filter(
            @Nullable String q,
            @Nullable String lang,
            @Nullable String partner,
            @Nullable String kind,
            @Nullable String category,
            @Nullable String status,
            @Nullable Instant from,
            @Nullable Instant to) {

        boolean ranked() {
            return q != null && !q.isBlank();
        }

        /** Identifies the search in its cursors: a page of one search cannot continue another. */
        String fingerprint() {
            CRC32 crc = new CRC32();
            String all = String.join(
                    "\u0000",
                    Objects.toString(q),
                    Objects.toString(lang),
                    Objects.toString(partner),
                    Objects.toString(kind),
                    Objects.toString(category),
                    Objects.toString(status),
                    Objects.toString(from),
                    Objects.toString(to));
            crc.update(all.getBytes(StandardCharsets.UTF_8));
            return Long.toHexString(crc.getValue());
        }
    }

    /** A notice found, with the key it is sorted by. */
    record Hit(Notice notice, float rank, @Nullable Instant publishedAt) {

        ArchiveCursor cursor(Filter filter) {
            return filter.ranked()
                    ? ArchiveCursor.ranked(filter.fingerprint(), rank, notice.id())
                    : ArchiveCursor.newest(filter.fingerprint(), publishedAt, notice.id());
        }
    }

    /** A page: the hits, and the cursor of the next page when there is one. */
    record Page(List<Hit> hits, @Nullable ArchiveCursor next) {}

    Page page(Filter filter, @Nullable ArchiveCursor after, int limit) {
        Query query = query(filter, after, limit + 1);
        List<Hit> hits = new ArrayList<>(
                jdbc.query(query.sql(), ArchiveSearch::hit, query.params().toArray()));
        if (hits.size() <= limit) {
            return new Page(hits, null);
        }
        hits.remove(limit);
        return new Page(hits, hits.get(limit - 1).cursor(filter));
    }

    /**
     * Every hit in order, handed over one at a time from a database cursor (a fetch size inside a
     * read-only transaction), so an export of the whole archive never sits in memory.
     */
    void stream(Filter filter, Consumer<Hit> each) {
        Query query = query(filter, null, null);
        readOnly.executeWithoutResult(status -> streaming.query(
                query.sql(),
                (RowCallbackHandler) row -> each.accept(hit(row, 0)),
                query.params().toArray()));
    }

    private record Query(String sql, List<Object> params) {}

    private static Query query(Filter filter, @Nullable ArchiveCursor after, @Nullable Integer limit) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (filter.ranked()) {
            String q = ArabicScriptFolding.fold(Objects.requireNonNull(filter.q()));
            String lang = filter.lang();
            String tsquery;
            if (lang != null) {
                tsquery = "websearch_to_tsquery(?::regconfig, ?)";
                params.add(SearchLanguages.config(lang));
                params.add(q);
            } else {
                // Without a language, the query is parsed by every configuration and any reading matches.
                List<String> each = new ArrayList<>();
                for (String config : SearchLanguages.CONFIGS) {
                    each.add("websearch_to_tsquery('" + config + "', ?)");
                    params.add(q);
                }
                tsquery = String.join(" || ", each);
            }
            params.add(q);
            sql.append("""
                    WITH hits AS (
                      SELECT s.notice_id,
                             max(ts_rank(s.document, q.tsq)
                                 + CASE WHEN s.folded IS NULL THEN 0 ELSE word_similarity(q.plain, s.folded) END) AS rank
                      FROM archive_search s CROSS JOIN (SELECT %s AS tsq, lower(unaccent(?)) AS plain) q
                      WHERE (s.document @@ q.tsq OR (s.folded IS NOT NULL AND q.plain <%% s.folded))
                    """.formatted(tsquery));
            if (lang != null) {
                sql.append(" AND s.lang = ?");
                params.add(lang);
            }
            sql.append("""
                      GROUP BY s.notice_id)
                    SELECT v.notice, h.rank, n.published_at FROM hits h JOIN archive_notice n USING (notice_id)
                    JOIN archive_notice_version v ON v.notice_id = n.notice_id AND v.version = n.version
                    WHERE true
                    """);
        } else {
            // The current version's JSON is the archived version's: the current row keeps no copy.
            sql.append("""
                    SELECT v.notice, 0::real AS rank, n.published_at FROM archive_notice n
                    JOIN archive_notice_version v ON v.notice_id = n.notice_id AND v.version = n.version
                    WHERE true""");
            if (filter.lang() != null) {
                sql.append(" AND ? = ANY (n.languages)");
                params.add(filter.lang());
            }
        }
        condition(sql, params, " AND n.partner = ?", filter.partner());
        condition(sql, params, " AND n.kind = ?", filter.kind());
        condition(sql, params, " AND ? = ANY (n.categories)", filter.category());
        condition(sql, params, " AND n.status = ?", filter.status());
        condition(sql, params, " AND n.published_at >= ?", utc(filter.from()));
        condition(sql, params, " AND n.published_at < ?", utc(filter.to()));
        if (after != null) {
            if (filter.ranked()) {
                sql.append(" AND (h.rank < ?::real OR (h.rank = ?::real AND n.notice_id > ?))");
                params.add(after.rank());
                params.add(after.rank());
            } else if (after.publishedAt() != null) {
                // Notices without a time come last: after any timed one, all of them still follow.
                sql.append(" AND (n.published_at < ? OR (n.published_at = ? AND n.notice_id > ?)"
                        + " OR n.published_at IS NULL)");
                params.add(utc(after.publishedAt()));
                params.add(utc(after.publishedAt()));
            } else {
                sql.append(" AND n.published_at IS NULL AND n.notice_id > ?");
            }
            params.add(after.id());
        }
        sql.append(
                filter.ranked()
                        ? " ORDER BY h.rank DESC, n.notice_id"
                        : " ORDER BY n.published_at DESC NULLS LAST, n.notice_id");
        if (limit != null) {
            sql.append(" LIMIT ?");
            params.add(limit);
        }
        return new Query(sql.toString(), params);
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, @Nullable Object value) {
        if (value != null) {
            sql.append(clause);
            params.add(value);
        }
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Hit hit(ResultSet row, int n) throws SQLException {
        OffsetDateTime published = row.getObject(3, OffsetDateTime.class);
        return new Hit(
                NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8)),
                row.getFloat(2),
                published == null ? null : published.toInstant());
    }
}
