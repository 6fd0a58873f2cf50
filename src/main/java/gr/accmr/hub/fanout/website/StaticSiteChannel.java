package gr.accmr.hub.fanout.website;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.Translation;
import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.Leadership;
import gr.accmr.hub.platform.SqlArrays;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
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

    /** Names this instance's temporary files. */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    private final AtomicLong temporaries = new AtomicLong();

    /** Threads that render a batch's pages, one per core, beside the batch's own thread. */
    private static final int PAGE_THREADS = Runtime.getRuntime().availableProcessors();

    /** The renderers and the one thread that writes their pages in order. */
    private final ExecutorService pageWriters = Executors.newFixedThreadPool(PAGE_THREADS + 1, pageThreads());

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
        transactions.executeWithoutResult(status -> {
            List<Shown> expired = jdbc.query("""
                    SELECT notice_id, version, languages FROM website_notice WHERE visible AND expires_at <= now()
                    ORDER BY notice_id LIMIT 1000 FOR UPDATE
                    """, (row, n) -> Shown.of(row));
            if (expired.isEmpty()) {
                return;
            }
            List<String> ids = expired.stream().map(Shown::id).toList();
            Lists lists = lock(ids, expired);
            Batch batch = new Batch(ids, lists);
            expired.forEach(batch::hide);
            batch.write();
            lists.render();
        });
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
            List<String> ids = notices.stream().map(Notice::id).distinct().toList();
            Map<String, Shown> held = new HashMap<>();
            jdbc.query(
                    """
                    SELECT notice_id, version, languages FROM website_notice WHERE notice_id = ANY (?)
                    ORDER BY notice_id FOR UPDATE
                    """,
                    row -> {
                        Shown shown = Shown.of(row);
                        held.put(shown.id(), shown);
                    },
                    (Object) ids.toArray(String[]::new));
            List<Shown> touched = new ArrayList<>(held.values());
            notices.forEach(notice -> touched.add(Shown.of(notice)));
            Lists lists = lock(ids, touched);
            Batch batch = new Batch(ids, lists);
            Instant now = Instant.now();
            for (Notice notice : notices) {
                Shown before = held.get(notice.id());
                if (before != null && before.version() >= notice.version()) {
                    continue;
                }
                batch.apply(notice, before, notice.visibleAt(now));
                held.put(notice.id(), Shown.of(notice));
            }
            batch.write();
            lists.render();
        });
    }

    /**
     * Takes the lock of every language the notices may touch, in order, so two instances rendering
     * the same languages never wait for each other in a cycle.
     */
    private Lists lock(List<String> ids, List<Shown> versions) {
        Set<String> languages = new TreeSet<>();
        versions.forEach(shown -> languages.addAll(shown.languages()));
        languages.addAll(jdbc.queryForList(
                "SELECT DISTINCT lang FROM website_index WHERE notice_id = ANY (?)", String.class, (Object)
                        ids.toArray(String[]::new)));
        languages.forEach(
                language -> jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext(?))", "hub.site:" + language));
        return new Lists();
    }

    /** A notice's page in one language. */
    private record Page(Notice notice, String language) {}

    /** What the site keeps of the version of a notice it shows: its number and its pages' languages. */
    private record Shown(String id, String partner, String externalId, int version, Set<String> languages) {

        static Shown of(ResultSet row) throws SQLException {
            NoticeId id = NoticeId.parse(row.getString(1));
            return new Shown(row.getString(1), id.partner(), id.externalId(), row.getInt(2), Set.of((String[])
                    row.getArray(3).getArray()));
        }

        static Shown of(Notice notice) {
            return new Shown(
                    notice.id(),
                    notice.partner(),
                    notice.externalId(),
                    notice.version(),
                    notice.translations().keySet());
        }

        String pagePath(String language) {
            return SitePages.pagePath(partner, externalId, language);
        }
    }

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
        /** Notices still listed in a language, whose entry there shows the batch's last version. */
        private final Map<String, Set<String>> relisted = new TreeMap<>();

        private final Map<String, Row> rows = new LinkedHashMap<>();
        /** Notices whose expired version the batch takes down. */
        private final List<String> hidden = new ArrayList<>();

        private final Lists lists;

        Batch(List<String> ids, Lists lists) {
            this.lists = lists;
            jdbc.query(
                    "SELECT notice_id, lang, seq FROM website_index WHERE notice_id = ANY (?)",
                    row -> {
                        places.computeIfAbsent(row.getString(1), id -> new HashMap<>())
                                .put(row.getString(2), row.getLong(3));
                    },
                    (Object) ids.toArray(String[]::new));
        }

        /**
         * What the lists show of these notices in a language, from the batch's last version of each:
         * title, summary, urgent, published.
         */
        private List<Object[]> entries(String language, Collection<String> ids) {
            return ids.stream()
                    .map(id -> {
                        Notice notice = rows.get(id).notice();
                        Translation translation = notice.translations().get(language);
                        return new Object[] {
                            translation.title(),
                            translation.summary(),
                            notice.urgency() == Notice.Urgency.URGENT,
                            SqlArrays.time(notice.publishedAt())
                        };
                    })
                    .toList();
        }

        /** What the batch does to a page last, in the place of its last change. */
        private void later(String path, @Nullable Page page) {
            pages.remove(path);
            pages.put(path, page);
        }

        /** Shows {@code notice} (when visible) in place of {@code before}, and marks the lists it is on. */
        void apply(Notice notice, @Nullable Shown before, boolean visible) {
            Set<String> shownAfter = visible ? notice.translations().keySet() : Set.of();
            for (String language : shownAfter) {
                later(SitePages.pagePath(notice, language), new Page(notice, language));
            }
            rows.put(notice.id(), new Row(notice, visible));
            list(notice.id(), before, shownAfter);
        }

        /** Takes down the pages of an expired version, and its entries in the lists. */
        void hide(Shown shown) {
            hidden.add(shown.id());
            list(shown.id(), shown, Set.of());
        }

        /** Deletes the pages of {@code before} no longer shown, and marks the lists the notice leaves, joins or stays on. */
        private void list(String id, @Nullable Shown before, Set<String> shownAfter) {
            if (before != null) {
                for (String language : before.languages()) {
                    if (!shownAfter.contains(language)) {
                        later(before.pagePath(language), null);
                    }
                }
            }
            Map<String, Long> listed = places.computeIfAbsent(id, key -> new HashMap<>());
            for (String language : new TreeSet<>(listed.keySet())) {
                if (!shownAfter.contains(language)) {
                    Set<String> stillListed = relisted.get(language);
                    if (stillListed != null) {
                        stillListed.remove(id);
                    }
                    long seq = listed.remove(language);
                    if (seq > 0) {
                        left.add(new Object[] {language, id});
                        lists.touch(language, seq);
                    } else {
                        joining.get(language).remove(id);
                    }
                }
            }
            for (String language : new TreeSet<>(shownAfter)) {
                Long seq = listed.get(language);
                if (seq == null) {
                    listed.put(language, 0L);
                    joining.computeIfAbsent(language, lang -> new ArrayList<>()).add(id);
                } else if (seq > 0) {
                    // Still listed: the list page shows its new title.
                    relisted.computeIfAbsent(language, lang -> new LinkedHashSet<>())
                            .add(id);
                    lists.touch(language, seq);
                }
            }
        }

        void write() {
            // Rendering a page and writing its file are most of a batch's work: the pages are
            // rendered side by side on the machine's cores, and written by one thread in the order
            // the notices came (the site never shows a notice before one that precedes it on its
            // partition), while this thread writes the batch's rows. Each path has one action, the
            // batch's last for it; the lists that link the pages are rendered after all of them. A
            // failing disk fails the batch, which is tried again whole, never with pages of the
            // failed try still being written.
            List<Map.Entry<String, @Nullable Page>> all = new ArrayList<>(pages.entrySet());
            List<Future<List<@Nullable String>>> slices = new ArrayList<>();
            for (int slice = 0; slice < PAGE_THREADS; slice++) {
                List<Map.Entry<String, @Nullable Page>> mine =
                        all.subList(all.size() * slice / PAGE_THREADS, all.size() * (slice + 1) / PAGE_THREADS);
                slices.add(pageWriters.submit(() -> render(mine)));
            }
            Future<?> written = pageWriters.submit(() -> {
                int next = 0;
                for (Future<List<@Nullable String>> slice : slices) {
                    for (String html : awaitPages(slice)) {
                        String path = all.get(next++).getKey();
                        if (html != null) {
                            StaticSiteChannel.this.write(path, html);
                        } else {
                            delete(path);
                        }
                    }
                }
            });
            try {
                writeRows();
            } catch (RuntimeException e) {
                try {
                    awaitPages(written);
                } catch (RuntimeException also) {
                    e.addSuppressed(also);
                }
                throw e;
            }
            awaitPages(written);
        }

        /** The batch's list entries and notice rows, in a fixed number of statements. */
        private void writeRows() {
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
                List<Object[]> entries = entries(language, ids);
                jdbc.update(
                        """
                        INSERT INTO website_index (lang, seq, notice_id, title, summary, urgent, published_at)
                        SELECT ?, ? + ordinality - 1, id, title, summary, urgent, published_at
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::timestamptz[])
                          WITH ORDINALITY AS r(id, title, summary, urgent, published_at, ordinality)
                        """,
                        language,
                        first,
                        ids.toArray(String[]::new),
                        SqlArrays.column(entries, 0, String[]::new),
                        SqlArrays.column(entries, 1, String[]::new),
                        SqlArrays.column(entries, 2, Boolean[]::new),
                        SqlArrays.column(entries, 3, String[]::new));
            });
            relisted.forEach((language, ids) -> {
                List<Object[]> entries = entries(language, ids);
                jdbc.update(
                        """
                        UPDATE website_index i
                        SET title = r.title, summary = r.summary, urgent = r.urgent, published_at = r.published_at
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::timestamptz[])
                          AS r(id, title, summary, urgent, published_at)
                        WHERE i.lang = ? AND i.notice_id = r.id
                        """,
                        ids.toArray(String[]::new),
                        SqlArrays.column(entries, 0, String[]::new),
                        SqlArrays.column(entries, 1, String[]::new),
                        SqlArrays.column(entries, 2, Boolean[]::new),
                        SqlArrays.column(entries, 3, String[]::new),
                        language);
            });
            // One statement for the batch's notices (one row each), its columns as arrays.
            List<Row> written = List.copyOf(rows.values());
            jdbc.update(
                    """
                    INSERT INTO website_notice (notice_id, version, visible, published_at, languages, modified_at,
                                                expires_at)
                    SELECT id, version, visible, published_at, string_to_array(languages, ','), modified_at, expires_at
                    FROM unnest(?::text[], ?::int[], ?::boolean[], ?::timestamptz[], ?::text[], ?::timestamptz[],
                                ?::timestamptz[])
                      AS r(id, version, visible, published_at, languages, modified_at, expires_at)
                    ON CONFLICT (notice_id) DO UPDATE SET version = excluded.version, visible = excluded.visible,
                      published_at = excluded.published_at, languages = excluded.languages,
                      modified_at = excluded.modified_at, expires_at = excluded.expires_at
                    """,
                    written.stream().map(row -> row.notice().id()).toArray(String[]::new),
                    written.stream().map(row -> row.notice().version()).toArray(Integer[]::new),
                    written.stream().map(Row::visible).toArray(Boolean[]::new),
                    written.stream().map(row -> SqlArrays.time(row.listedAt())).toArray(String[]::new),
                    written.stream()
                            .map(row -> SqlArrays.languages(
                                    row.notice().translations().keySet()))
                            .toArray(String[]::new),
                    written.stream()
                            .map(row -> SqlArrays.time(row.modifiedAt()))
                            .toArray(String[]::new),
                    written.stream()
                            .map(row -> SqlArrays.time(row.notice().expiresAt()))
                            .toArray(String[]::new));
            if (!hidden.isEmpty()) {
                jdbc.update("UPDATE website_notice SET visible = false WHERE notice_id = ANY (?)", (Object)
                        hidden.toArray(String[]::new));
            }
        }
    }

    /** The pages' HTML, or null for a page the batch deletes. */
    private static List<@Nullable String> render(List<Map.Entry<String, @Nullable Page>> pages) {
        List<@Nullable String> html = new ArrayList<>(pages.size());
        for (Map.Entry<String, @Nullable Page> page : pages) {
            Page shown = page.getValue();
            html.add(shown == null ? null : SitePages.page(shown.notice(), shown.language()));
        }
        return html;
    }

    /** Waits for a batch's pages; their failure is the batch's, as if this thread had done the work. */
    private static <T> T awaitPages(Future<T> work) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("writing the site's pages failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the site's pages were written", e);
        }
    }

    private static ThreadFactory pageThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("hub-site-pages-");
        threads.setDaemon(true);
        return threads;
    }

    @PreDestroy
    void stopPageWriters() {
        pageWriters.shutdown();
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
        return jdbc.query("""
                SELECT notice_id, title, summary, urgent, published_at FROM website_index
                WHERE lang = ? AND seq BETWEEN ? AND ? ORDER BY seq DESC
                """, (row, n) -> entry(row, language), language, from, to);
    }

    /** Up to {@code limit} notices below sequence number {@code below}, newest first. */
    private List<SitePages.IndexEntry> entries(String language, long below, int limit) {
        return jdbc.query("""
                SELECT notice_id, title, summary, urgent, published_at FROM website_index
                WHERE lang = ? AND seq < ? ORDER BY seq DESC LIMIT ?
                """, (row, n) -> entry(row, language), language, below, limit);
    }

    /** A list row as its page shows it: what the batch that listed the notice kept of it. */
    private static SitePages.IndexEntry entry(ResultSet row, String language) throws SQLException {
        NoticeId id = NoticeId.parse(row.getString(1));
        Timestamp published = row.getTimestamp(5);
        return SitePages.IndexEntry.of(
                id.partner(),
                id.externalId(),
                row.getString(2),
                row.getString(3),
                row.getBoolean(4),
                published == null ? null : published.toInstant(),
                language);
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

    /**
     * Written to a temporary file and moved into place, so a reader never sees half a page. The
     * temporary name is this instance's and numbered: instances sharing the folder never collide,
     * and no random name is drawn per page as {@code Files.createTempFile} does.
     */
    private void write(String relative, String html) {
        Path target = root.resolve(relative);
        Path temporary = target.resolveSibling(
                "." + target.getFileName() + "." + instance + "-" + temporaries.incrementAndGet() + ".tmp");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        try {
            try {
                Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                // A partner's or a language's first page: its folder is made then, not checked every time.
                Files.createDirectories(target.getParent());
                Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
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
