package gr.accmr.hub.fanout.website;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.Leadership;
import gr.accmr.hub.platform.SqlArrays;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded default website: pages per language under {@code {data-dir}/site/}, rendered from
 * templates and served by the hub at {@code /site/}. The version each notice's pages show and
 * the lists are kept in PostgreSQL, so a redelivered or older version renders nothing.
 *
 * <p>Work per notice stays the same however large the site grows: its own pages, and, once per
 * batch for all its notices, the language's front page (the newest {@value SitePages#PAGE_SIZE}),
 * the archive pages their places in the language's sequence fall in, and their sitemap files. With several hub instances the folder is
 * shared storage that every instance writes and serves; the lists come from the shared database,
 * and an advisory lock per language orders instances that render the same language.
 */
@Component
@ConditionalOnProperty(prefix = "hub.website", name = "adapter", havingValue = "static", matchIfMissing = true)
class StaticSiteChannel implements WebsiteChannel {

    /** Leadership role of the expiry sweep: one instance sweeps at a time. */
    static final String EXPIRY_SWEEP = "website.expiry-sweep";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Path root;
    private final String publicUrl;
    private final Leadership leadership;

    StaticSiteChannel(
            JdbcTemplate jdbc, TransactionTemplate transactions, HubProperties properties, Leadership leadership) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.root = siteRoot(properties);
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
        this.leadership = leadership;
        leadership.join(EXPIRY_SWEEP);
    }

    static Path siteRoot(HubProperties properties) {
        return properties.dataDir().toAbsolutePath().normalize().resolve("site");
    }

    /**
     * Takes down the pages of notices whose {@code expiresAt} has passed since they were rendered,
     * every minute by default ({@code hub.website.expiry-sweep}); the archive keeps them. Only the
     * instance leading {@value #EXPIRY_SWEEP} sweeps (the folder is shared when there are several).
     */
    @Scheduled(
            fixedDelayString = "${hub.website.expiry-sweep:PT1M}",
            initialDelayString = "${hub.website.expiry-sweep:PT1M}")
    public synchronized void hideExpired() {
        if (!leadership.isLeader(EXPIRY_SWEEP)) {
            return;
        }
        List<Notice> expired =
                jdbc.query("""
                SELECT notice FROM website_notice WHERE visible AND expires_at <= now()
                ORDER BY notice_id LIMIT 1000
                """, (row, n) -> NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8)));
        if (!expired.isEmpty()) {
            transactions.executeWithoutResult(status -> {
                Lists lists = lock(expired, Map.of());
                Batch batch = new Batch(expired, lists);
                expired.forEach(notice -> batch.apply(notice, notice, false));
                batch.write();
                lists.render();
            });
        }
    }

    /** The pages are written inside the batch's transaction, which a caller's may hold. */
    @Override
    public boolean joinsTransaction() {
        return true;
    }

    /** The page in the notice's original language. */
    @Override
    public String reference(Notice notice) {
        return "/site/" + SitePages.pagePath(notice, notice.originalLanguage());
    }

    @Override
    public void publish(Notice notice) {
        publishAll(List.of(notice));
    }

    /**
     * A batch in one transaction: each notice's own pages as it comes, then every list the batch
     * touched rendered once (a language's front page, the archive pages, the sitemap files), then
     * the commit. A crash or a disk failure before the commit re-renders the same pages on
     * redelivery; a redelivered or older version renders nothing.
     */
    @Override
    public synchronized void publishAll(List<Notice> notices) {
        transactions.executeWithoutResult(status -> {
            Map<String, Notice> held = new HashMap<>();
            jdbc.query(
                    "SELECT notice FROM website_notice WHERE notice_id = ANY (?) ORDER BY notice_id FOR UPDATE",
                    row -> {
                        Notice notice = NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8));
                        held.put(notice.id(), notice);
                    },
                    (Object) notices.stream().map(Notice::id).distinct().toArray(String[]::new));
            Lists lists = lock(notices, held);
            Batch batch = new Batch(notices, lists);
            Instant now = Instant.now();
            for (Notice notice : notices) {
                Notice before = held.get(notice.id());
                if (before != null && before.version() >= notice.version()) {
                    continue;
                }
                batch.apply(notice, before, notice.visibleAt(now));
                held.put(notice.id(), notice);
            }
            batch.write();
            lists.render();
        });
    }

    /**
     * Takes the lock of every language the notices may touch, in order, so two instances rendering
     * the same languages never wait for each other in a cycle.
     */
    private Lists lock(List<Notice> notices, Map<String, Notice> held) {
        Set<String> languages = new TreeSet<>();
        notices.forEach(notice -> languages.addAll(notice.translations().keySet()));
        held.values().forEach(notice -> languages.addAll(notice.translations().keySet()));
        languages.addAll(jdbc.queryForList(
                "SELECT DISTINCT lang FROM website_index WHERE notice_id = ANY (?)", String.class, (Object)
                        notices.stream().map(Notice::id).distinct().toArray(String[]::new)));
        languages.forEach(
                language -> jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext(?))", "hub.site:" + language));
        return new Lists();
    }

    /** A notice's page in one language. */
    private record Page(Notice notice, String language) {}

    /** A notice's row: the version shown, whether it is, and what the lists and sitemaps read of it. */
    private record Row(Notice notice, boolean visible) {

        /** Its place in the lists' order: when it was published, or received when it says not. */
        Instant listedAt() {
            return notice.publishedAt() != null
                    ? notice.publishedAt()
                    : notice.source().receivedAt();
        }

        @Nullable
        Instant modifiedAt() {
            return notice.updatedAt() != null ? notice.updatedAt() : notice.publishedAt();
        }
    }

    /**
     * The changes of one batch: each notice's pages written at the end, side by side, its rows planned in memory
     * and written at the end in a fixed number of statements (the index rows it leaves, the
     * sequence numbers of each language's new rows in one step, the rows it joins, the notices).
     */
    private final class Batch {

        /** Each notice's place in each language's list as the batch goes; 0 for a place still to be numbered. */
        private final Map<String, Map<String, Long>> places = new HashMap<>();

        /** The last thing the batch does to each page: write it (a notice in a language), or delete it (null). */
        private final Map<String, @Nullable Page> pages = new LinkedHashMap<>();

        private final List<Object[]> left = new ArrayList<>();
        private final Map<String, List<String>> joining = new TreeMap<>();
        private final Map<String, Row> rows = new LinkedHashMap<>();
        private final Lists lists;

        Batch(List<Notice> notices, Lists lists) {
            this.lists = lists;
            jdbc.query(
                    "SELECT notice_id, lang, seq FROM website_index WHERE notice_id = ANY (?)",
                    row -> {
                        places.computeIfAbsent(row.getString(1), id -> new HashMap<>())
                                .put(row.getString(2), row.getLong(3));
                    },
                    (Object) notices.stream().map(Notice::id).distinct().toArray(String[]::new));
        }

        /** What the batch does to a page last, in the place of its last change. */
        private void later(String path, @Nullable Page page) {
            pages.remove(path);
            pages.put(path, page);
        }

        /** Shows {@code notice} (when visible) in place of {@code before}, and marks the lists it is on. */
        void apply(Notice notice, @Nullable Notice before, boolean visible) {
            Map<String, Long> listed = places.computeIfAbsent(notice.id(), id -> new HashMap<>());
            Set<String> shownAfter = visible ? notice.translations().keySet() : Set.of();
            if (before != null) {
                for (String language : before.translations().keySet()) {
                    if (!shownAfter.contains(language)) {
                        later(SitePages.pagePath(before, language), null);
                    }
                }
            }
            for (String language : shownAfter) {
                later(SitePages.pagePath(notice, language), new Page(notice, language));
            }
            rows.put(notice.id(), new Row(notice, visible));
            for (String language : new TreeSet<>(listed.keySet())) {
                if (!shownAfter.contains(language)) {
                    long seq = listed.remove(language);
                    if (seq > 0) {
                        left.add(new Object[] {language, notice.id()});
                        lists.touch(language, seq);
                    } else {
                        joining.get(language).remove(notice.id());
                    }
                }
            }
            for (String language : new TreeSet<>(shownAfter)) {
                Long seq = listed.get(language);
                if (seq == null) {
                    listed.put(language, 0L);
                    joining.computeIfAbsent(language, lang -> new ArrayList<>()).add(notice.id());
                } else if (seq > 0) {
                    // Still listed: the list page shows its new title.
                    lists.touch(language, seq);
                }
            }
        }

        void write() {
            // Rendering is most of a batch's work: side by side on the machine's cores. The files are
            // then written one by one in the order the notices came, so the site never shows a
            // notice before one that precedes it on its partition. A failing disk fails the batch,
            // which is tried again whole.
            List<Map.Entry<String, @Nullable Page>> ordered = new ArrayList<>(pages.entrySet());
            List<Optional<String>> html = ordered.parallelStream()
                    .map(page -> Optional.ofNullable(page.getValue())
                            .map(shown -> SitePages.page(shown.notice(), shown.language())))
                    .toList();
            for (int i = 0; i < ordered.size(); i++) {
                String path = ordered.get(i).getKey();
                if (html.get(i).isPresent()) {
                    StaticSiteChannel.this.write(path, html.get(i).get());
                } else {
                    delete(path);
                }
            }
            // Leaving first: a notice may leave a list and join it again in the same batch.
            jdbc.batchUpdate("DELETE FROM website_index WHERE lang = ? AND notice_id = ?", left);
            joining.forEach((language, ids) -> {
                if (ids.isEmpty()) {
                    return;
                }
                // The language's next numbers, all at once, in the order the notices came.
                long last = jdbc.queryForObject("""
                        INSERT INTO website_index_seq (lang, last) VALUES (?, ?)
                        ON CONFLICT (lang) DO UPDATE SET last = website_index_seq.last + excluded.last RETURNING last
                        """, Long.class, language, ids.size());
                long first = last - ids.size() + 1;
                for (int i = 0; i < ids.size(); i++) {
                    long seq = first + i;
                    lists.touch(language, seq);
                    lists.home |= seq == 1;
                }
                jdbc.update("""
                        INSERT INTO website_index (lang, seq, notice_id)
                        SELECT ?, ? + ordinality - 1, id FROM unnest(?::text[]) WITH ORDINALITY AS r(id, ordinality)
                        """, language, first, ids.toArray(String[]::new));
            });
            // One statement for the batch's notices (one row each), its columns as arrays.
            List<Row> written = List.copyOf(rows.values());
            jdbc.update(
                    """
                    INSERT INTO website_notice (notice_id, version, visible, published_at, notice, modified_at, expires_at)
                    SELECT * FROM unnest(?::text[], ?::int[], ?::boolean[], ?::timestamptz[], ?::jsonb[],
                                         ?::timestamptz[], ?::timestamptz[])
                    ON CONFLICT (notice_id) DO UPDATE SET version = excluded.version, visible = excluded.visible,
                      published_at = excluded.published_at, notice = excluded.notice,
                      modified_at = excluded.modified_at, expires_at = excluded.expires_at
                    """,
                    written.stream().map(row -> row.notice().id()).toArray(String[]::new),
                    written.stream().map(row -> row.notice().version()).toArray(Integer[]::new),
                    written.stream().map(Row::visible).toArray(Boolean[]::new),
                    written.stream().map(row -> SqlArrays.time(row.listedAt())).toArray(String[]::new),
                    written.stream()
                            .map(row -> new String(NoticeJson.write(row.notice()), StandardCharsets.UTF_8))
                            .toArray(String[]::new),
                    written.stream()
                            .map(row -> SqlArrays.time(row.modifiedAt()))
                            .toArray(String[]::new),
                    written.stream()
                            .map(row -> SqlArrays.time(row.notice().expiresAt()))
                            .toArray(String[]::new));
        }
    }

    /** The lists a batch touched, each rendered once at its end. */
    private final class Lists {

        private final Map<String, Set<Integer>> pages = new TreeMap<>();
        private final Map<String, Set<Integer>> sitemaps = new TreeMap<>();
        boolean home;

        /** The archive page holding {@code seq} (and its neighbour when a page began) and its sitemap file. */
        void touch(String language, long seq) {
            int page = pageOf(seq);
            Set<Integer> touched = pages.computeIfAbsent(language, lang -> new TreeSet<>());
            touched.add(page);
            if (page > 1 && seq == (long) (page - 1) * SitePages.PAGE_SIZE + 1) {
                // A new page began: the one before it now has a newer neighbour.
                touched.add(page - 1);
            }
            sitemaps.computeIfAbsent(language, lang -> new TreeSet<>())
                    .add((int) ((seq - 1) / SitePages.SITEMAP_SIZE) + 1);
        }

        void render() {
            pages.forEach((language, touched) -> {
                Long last =
                        jdbc.queryForObject("SELECT last FROM website_index_seq WHERE lang = ?", Long.class, language);
                int top = pageOf(last == null ? 1 : last);
                write(
                        language + "/index.html",
                        SitePages.index(
                                language,
                                entries(language, Long.MAX_VALUE, SitePages.PAGE_SIZE),
                                null,
                                top > 1 ? "page-" + (top - 1) + ".html" : null));
                touched.forEach(page -> renderArchivePage(language, page, top));
            });
            sitemaps.forEach((language, chunks) -> chunks.forEach(chunk -> renderSitemap(language, chunk)));
            if (!sitemaps.isEmpty()) {
                renderSitemapIndex();
            }
            if (home || !Files.exists(root.resolve("index.html"))) {
                renderHome();
            }
        }
    }

    private void renderArchivePage(String language, int page, int top) {
        String newer = page < top ? "page-" + (page + 1) + ".html" : "index.html";
        String older = page > 1 ? "page-" + (page - 1) + ".html" : null;
        write(
                SitePages.archivePath(language, page),
                SitePages.index(language, pageEntries(language, page), newer, older));
    }

    /** The notices of one archive page: a fixed range of the language's sequence, newest first. */
    private List<SitePages.IndexEntry> pageEntries(String language, int page) {
        long from = (long) (page - 1) * SitePages.PAGE_SIZE + 1;
        long to = (long) page * SitePages.PAGE_SIZE;
        return jdbc.query(
                """
                SELECT w.notice FROM website_index i JOIN website_notice w ON w.notice_id = i.notice_id
                WHERE i.lang = ? AND i.seq BETWEEN ? AND ? ORDER BY i.seq DESC
                """,
                (row, n) -> SitePages.IndexEntry.of(
                        NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8)), language),
                language,
                from,
                to);
    }

    /** Up to {@code limit} notices below sequence number {@code below}, newest first. */
    private List<SitePages.IndexEntry> entries(String language, long below, int limit) {
        return jdbc.query(
                """
                SELECT w.notice FROM website_index i JOIN website_notice w ON w.notice_id = i.notice_id
                WHERE i.lang = ? AND i.seq < ? ORDER BY i.seq DESC LIMIT ?
                """,
                (row, n) -> SitePages.IndexEntry.of(
                        NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8)), language),
                language,
                below,
                limit);
    }

    private void renderSitemap(String language, int chunk) {
        long from = (long) (chunk - 1) * SitePages.SITEMAP_SIZE + 1;
        long to = (long) chunk * SitePages.SITEMAP_SIZE;
        // Up to a thousand rows: the id (partner and external id) and the time of the last change,
        // columns of their own, without reading the notices.
        List<SitePages.SitemapUrl> urls = jdbc.query(
                """
                SELECT i.notice_id, w.modified_at
                FROM website_index i JOIN website_notice w ON w.notice_id = i.notice_id
                WHERE i.lang = ? AND i.seq BETWEEN ? AND ? ORDER BY i.seq
                """,
                (row, n) -> {
                    NoticeId id = NoticeId.parse(row.getString(1));
                    Timestamp modified = row.getTimestamp(2);
                    return new SitePages.SitemapUrl(
                            publicUrl + "/site/" + SitePages.pagePath(id.partner(), id.externalId(), language),
                            modified == null ? null : modified.toInstant().toString());
                },
                language,
                from,
                to);
        write(SitePages.sitemapPath(language, chunk), SitePages.sitemap(urls));
    }

    private void renderSitemapIndex() {
        List<String> sitemaps = new ArrayList<>();
        Map<String, Long> lasts = new TreeMap<>();
        jdbc.query("SELECT lang, last FROM website_index_seq ORDER BY lang", row -> {
            lasts.put(row.getString(1), row.getLong(2));
        });
        lasts.forEach((lang, last) -> {
            for (int i = 1; i <= (last - 1) / SitePages.SITEMAP_SIZE + 1; i++) {
                sitemaps.add(publicUrl + "/site/" + SitePages.sitemapPath(lang, i));
            }
        });
        write("sitemap.xml", SitePages.sitemapIndex(sitemaps));
    }

    private void renderHome() {
        List<String> languages = jdbc.queryForList("SELECT lang FROM website_index_seq", String.class);
        List<String> ordered = new ArrayList<>(SiteTexts.LANGUAGES);
        ordered.retainAll(languages);
        languages.stream().filter(lang -> !ordered.contains(lang)).sorted().forEach(ordered::add);
        write("index.html", SitePages.home(ordered));
        copyStylesheet();
    }

    private void copyStylesheet() {
        try (InputStream css =
                StaticSiteChannel.class.getClassLoader().getResourceAsStream("templates/site/site.css")) {
            if (css == null) {
                throw new IllegalStateException("templates/site/site.css is missing from the hub");
            }
            write("site.css", new String(css.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the site's stylesheet", e);
        }
    }

    private static int pageOf(long seq) {
        return (int) ((seq - 1) / SitePages.PAGE_SIZE) + 1;
    }

    /** Written to a temporary file and moved into place, so a reader never sees half a page. */
    private void write(String relative, String html) {
        Path target = root.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".page", ".tmp");
            Files.writeString(temporary, html, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write site page " + target, e);
        }
    }

    private void delete(String relative) {
        try {
            Files.deleteIfExists(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete site page " + relative, e);
        }
    }
}
