package gr.accmr.hub.fanout.mobile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.fanout.NoticeSink;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.platform.SqlArrays;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One JSON Feed item per notice and language. While the feeds show a notice in a language it has
 * no translation in ({@code hub.mobile.fallback=original}), each served language it lacks has a
 * fallback row too: it names the language whose item it shows (the original's) and holds no copy
 * of it. With the default {@code omit} no fallback rows are written; when the setting or the
 * languages change, the channel fills them in for earlier notices, or drops them, at start. A newer version replaces the items of an
 * older one; an older or equal version changes nothing. Each language's change counter moves in
 * the same transaction as its items, so the feeds' validators never run ahead of their content.
 */
@Component
class MobileFeedStore implements NoticeSink {

    /** Serializes the channel's batches with a change of its fallback rows, across instances. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('hub.mobile'))";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    /** The served languages fallback rows are written for; empty when the feeds omit such notices. */
    private final List<String> fallbackLanguages;

    MobileFeedStore(JdbcTemplate jdbc, TransactionTemplate transactions, MobileProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.fallbackLanguages =
                properties.fallback() == MobileProperties.Fallback.ORIGINAL ? properties.languages() : List.of();
        keepFallbacks(fallbackLanguages);
    }

    /**
     * Makes the fallback rows those of {@code languages}: rows for earlier notices in a language
     * added, rows of a language no longer kept dropped, each language's validators moved where
     * its feed changed. Nothing to do, and one query, when the languages are those of the last
     * start. Under the channel's lock, so a batch of another instance is never half seen.
     */
    void keepFallbacks(List<String> languages) {
        transactions.executeWithoutResult(status -> {
            jdbc.queryForList(LOCK);
            List<List<String>> kept = jdbc.query(
                    "SELECT languages FROM mobile_fallback_languages",
                    (row, n) -> List.of((String[]) row.getArray(1).getArray()));
            Set<String> after = new TreeSet<>(languages);
            if (!kept.isEmpty() && after.equals(new TreeSet<>(kept.get(0)))) {
                return;
            }
            // Unknown before (a database from before this table): every fallback row is in question.
            Set<String> changed = new TreeSet<>(jdbc.queryForList(
                    "DELETE FROM mobile_feed_item WHERE fallback AND NOT lang = ANY (?) RETURNING lang",
                    String.class,
                    (Object) after.toArray(String[]::new)));
            changed.addAll(jdbc.queryForList("""
                    INSERT INTO mobile_feed_item (notice_id, lang, version, published_at, expires_at, item,
                                                  partner, kind, urgency, categories, fallback, item_lang)
                    SELECT s.notice_id, l.lang, s.version, s.published_at, s.expires_at, NULL,
                           s.partner, s.kind, s.urgency, s.categories, true, s.lang
                    FROM mobile_feed_item s CROSS JOIN unnest(?::text[]) AS l(lang)
                    WHERE s.fallback_source
                      AND NOT EXISTS (SELECT 1 FROM mobile_feed_item e WHERE e.notice_id = s.notice_id AND e.lang = l.lang)
                    RETURNING lang
                    """, String.class, (Object) after.toArray(String[]::new)));
            moveStates(changed);
            jdbc.update("""
                    INSERT INTO mobile_fallback_languages (languages) VALUES (?)
                    ON CONFLICT (only_row) DO UPDATE SET languages = excluded.languages
                    """, (Object) after.toArray(String[]::new));
        });
    }

    @Override
    public boolean joinsTransaction() {
        return true;
    }

    @Override
    public String name() {
        return "mobile";
    }

    /**
     * One transaction for the batch, in a fixed number of statements however many notices it
     * holds: claim the versions, drop the claimed notices' old items, insert the new ones, and move
     * each changed language's state once at the end.
     */
    @Override
    public void acceptAll(List<Notice> notices) {
        // The newest version of each notice in the batch: an older one would be replaced at once.
        Map<String, Notice> newest = new LinkedHashMap<>();
        notices.forEach(notice -> newest.merge(notice.id(), notice, (a, b) -> b.version() > a.version() ? b : a));
        transactions.executeWithoutResult(status -> {
            jdbc.queryForList(LOCK);
            moveStates(apply(newest));
        });
    }

    /**
     * Moves the validators of the languages whose items changed. In a fixed order and last, so
     * concurrent transactions lock the state rows briefly and never in opposite orders.
     */
    private void moveStates(Set<String> changed) {
        jdbc.batchUpdate(
                """
                INSERT INTO mobile_feed_state (lang, changes, changed_at) VALUES (?, 1, now())
                ON CONFLICT (lang) DO UPDATE
                SET changes = mobile_feed_state.changes + 1, changed_at = excluded.changed_at
                """,
                new TreeSet<>(changed)
                        .stream().map(language -> new Object[] {language}).toList());
    }

    @Override
    public void accept(Notice notice) {
        acceptAll(List.of(notice));
    }

    /** Applies the notices, one per id; returns the languages whose items changed. */
    private Set<String> apply(Map<String, Notice> notices) {
        // Claims the versions: nothing happens to a notice unless its version is newer than the one
        // applied last. In the order of the ids, so concurrent batches never lock in a cycle.
        List<Notice> ordered = notices.values().stream()
                .sorted(java.util.Comparator.comparing(Notice::id))
                .toList();
        Set<String> claimed = new HashSet<>(jdbc.queryForList(
                """
                INSERT INTO mobile_notice (notice_id, version)
                SELECT * FROM unnest(?::text[], ?::int[])
                ON CONFLICT (notice_id) DO UPDATE SET version = excluded.version
                WHERE mobile_notice.version < excluded.version
                RETURNING notice_id
                """,
                String.class,
                ordered.stream().map(Notice::id).toArray(String[]::new),
                ordered.stream().map(Notice::version).toArray(Integer[]::new)));
        if (claimed.isEmpty()) {
            return Set.of();
        }
        // Languages dropped by the new versions, or all of them for a retraction, leave the feeds.
        Set<String> changed = new TreeSet<>(jdbc.queryForList(
                "DELETE FROM mobile_feed_item WHERE notice_id = ANY (?) RETURNING lang", String.class, (Object)
                        claimed.toArray(String[]::new)));
        List<Object[]> rows = new ArrayList<>();
        for (Notice notice : ordered) {
            if (claimed.contains(notice.id())
                    && notice.status() == Notice.Status.PUBLISHED
                    && !notice.translations().isEmpty()) {
                rows.addAll(rows(notice));
            }
        }
        // One statement for the batch's rows, its columns as arrays (the categories as JSON arrays,
        // since arrays of arrays must all be as long).
        jdbc.update(
                """
                INSERT INTO mobile_feed_item (notice_id, lang, version, published_at, expires_at, item,
                                              partner, kind, urgency, categories, fallback, item_lang, fallback_source)
                SELECT id, lang, version, published_at, expires_at, item, partner, kind, urgency,
                       ARRAY(SELECT jsonb_array_elements_text(categories)), fallback, item_lang, fallback_source
                FROM unnest(?::text[], ?::text[], ?::int[], ?::timestamptz[], ?::timestamptz[], ?::jsonb[],
                            ?::text[], ?::text[], ?::text[], ?::jsonb[], ?::boolean[], ?::text[], ?::boolean[])
                     AS r(id, lang, version, published_at, expires_at, item, partner, kind, urgency, categories,
                          fallback, item_lang, fallback_source)
                """,
                SqlArrays.column(rows, 0, String[]::new),
                SqlArrays.column(rows, 1, String[]::new),
                SqlArrays.column(rows, 2, Integer[]::new),
                SqlArrays.column(rows, 3, String[]::new),
                SqlArrays.column(rows, 4, String[]::new),
                SqlArrays.column(rows, 5, String[]::new),
                SqlArrays.column(rows, 6, String[]::new),
                SqlArrays.column(rows, 7, String[]::new),
                SqlArrays.column(rows, 8, String[]::new),
                SqlArrays.column(rows, 9, String[]::new),
                SqlArrays.column(rows, 10, Boolean[]::new),
                SqlArrays.column(rows, 11, String[]::new),
                SqlArrays.column(rows, 12, Boolean[]::new));
        rows.forEach(row -> changed.add((String) row[1]));
        return changed;
    }

    /**
     * The notice's items: one per translation, and, while fallback rows are kept, one in each of
     * their languages it lacks, naming the translation whose item it shows.
     */
    private List<Object[]> rows(Notice notice) {
        List<Object[]> rows = new ArrayList<>();
        String shown = JsonFeedItems.fallbackLanguage(notice);
        for (String language : notice.translations().keySet()) {
            rows.add(row(notice, language, json(JsonFeedItems.item(notice, language)), null, language.equals(shown)));
        }
        for (String language : fallbackLanguages) {
            if (!notice.translations().containsKey(language)) {
                rows.add(row(notice, language, null, shown, false));
            }
        }
        return rows;
    }

    /**
     * A row with its item ({@code shownAsFallback} when fallback rows show it), or a fallback row
     * with none that shows the item of {@code itemLanguage}.
     */
    private static Object[] row(
            Notice notice,
            String language,
            @Nullable String item,
            @Nullable String itemLanguage,
            boolean shownAsFallback) {
        return new Object[] {
            notice.id(),
            language,
            notice.version(),
            SqlArrays.time(
                    notice.publishedAt() != null
                            ? notice.publishedAt()
                            : notice.source().receivedAt()),
            SqlArrays.time(notice.expiresAt()),
            item,
            notice.partner(),
            JsonFeedItems.lower(notice.kind()),
            JsonFeedItems.lower(notice.urgency()),
            json(notice.categories()),
            itemLanguage != null,
            itemLanguage,
            shownAsFallback
        };
    }

    /** A page of visible items at {@code now}: published (retractions leave no rows) and not expired. */
    FeedPage page(FeedQuery query, Instant now) {
        PageSql sql = pageSql(query, now);
        List<Row> rows = jdbc.query(
                sql.text(),
                (row, n) -> new Row(
                        row.getString(1),
                        row.getObject(2, OffsetDateTime.class).toInstant(),
                        row.getBoolean(4)
                                ? JsonFeedItems.asFallback(parse(row.getString(3)))
                                : parse(row.getString(3))),
                sql.arguments());
        if (rows.size() <= query.limit()) {
            return new FeedPage(rows.stream().map(Row::item).toList(), null);
        }
        List<Row> page = rows.subList(0, query.limit());
        Row last = page.get(page.size() - 1);
        return new FeedPage(
                page.stream().map(Row::item).toList(), new FeedQuery.Cursor(last.publishedAt(), last.noticeId()));
    }

    /** The statement of a page, apart so a test can check its plan. */
    record PageSql(String text, Object[] arguments) {}

    PageSql pageSql(FeedQuery query, Instant now) {
        // A fallback row without an item shows its notice's item in the language it names.
        StringBuilder sql = new StringBuilder("""
                SELECT f.notice_id, f.published_at, coalesce(f.item, shown.item), f.item IS NULL
                FROM mobile_feed_item f
                LEFT JOIN mobile_feed_item shown ON f.item IS NULL AND shown.notice_id = f.notice_id AND shown.lang = f.item_lang
                WHERE f.lang = ? AND (f.expires_at IS NULL OR f.expires_at > ?)
                """);
        List<Object> arguments = new ArrayList<>(List.of(query.language(), Timestamp.from(now)));
        if (!query.withFallback()) {
            // A literal condition, so the planner can use the partial index without fallback rows.
            sql.append(" AND NOT f.fallback");
        }
        FeedQuery.Filters filters = query.filters();
        anyOf(sql, arguments, "f.partner = ANY(?::text[])", filters.partners());
        anyOf(sql, arguments, "f.kind = ANY(?::text[])", filters.kinds());
        anyOf(sql, arguments, "f.urgency = ANY(?::text[])", filters.urgencies());
        anyOf(sql, arguments, "f.categories && ?::text[]", filters.categories());
        FeedQuery.Cursor after = query.after();
        if (after != null) {
            // Keyset paging: where the last page ended, so a page costs the same however deep it is.
            sql.append(" AND (f.published_at, f.notice_id) < (?, ?)");
            arguments.add(Timestamp.from(after.publishedAt()));
            arguments.add(after.noticeId());
        }
        sql.append(" ORDER BY f.published_at DESC, f.notice_id DESC LIMIT ?");
        // One more than the page holds tells whether there is a next page.
        arguments.add(query.limit() + 1);
        return new PageSql(sql.toString(), arguments.toArray());
    }

    /** The language's validators at {@code now}: two index lookups, nothing rendered. */
    FeedState state(String language, Instant now) {
        return jdbc.queryForObject(
                """
                SELECT s.changes, s.changed_at,
                       (SELECT max(expires_at) FROM mobile_feed_item
                        WHERE lang = ? AND expires_at IS NOT NULL AND expires_at <= ?)
                FROM (SELECT 1) AS one LEFT JOIN mobile_feed_state s ON s.lang = ?
                """,
                (row, n) -> new FeedState(
                        row.getLong(1),
                        instant(row.getObject(2, OffsetDateTime.class)),
                        instant(row.getObject(3, OffsetDateTime.class))),
                language,
                Timestamp.from(now),
                language);
    }

    private static void anyOf(StringBuilder sql, List<Object> arguments, String condition, List<String> values) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(condition);
            arguments.add(values.toArray(String[]::new));
        }
    }

    private record Row(String noticeId, Instant publishedAt, JsonNode item) {}

    private static String json(Object value) {
        try {
            return NoticeJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return NoticeJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
