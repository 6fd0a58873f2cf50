package gr.accmr.hub.fanout.website;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.Leadership;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The embedded default website: static pages per language under {@code {data-dir}/site/}. The
 * version each notice's pages were rendered from is kept in PostgreSQL, so a redelivered or older
 * version renders nothing, and the indexes are rebuilt from there.
 */
@Component
class StaticSiteChannel implements WebsiteChannel {

    private static final int INDEX_ENTRIES = 200;

    /** Leadership role of the expiry sweep: one instance sweeps at a time. */
    static final String EXPIRY_SWEEP = "website.expiry-sweep";

    private final JdbcTemplate jdbc;
    private final Path root;
    private final Leadership leadership;

    StaticSiteChannel(JdbcTemplate jdbc, HubProperties properties, Leadership leadership) {
        this.jdbc = jdbc;
        this.root = siteRoot(properties);
        this.leadership = leadership;
        leadership.join(EXPIRY_SWEEP);
    }

    static Path siteRoot(HubProperties properties) {
        return properties.dataDir().toAbsolutePath().normalize().resolve("site");
    }

    /**
     * Takes down the pages of notices whose {@code expiresAt} has passed since they were rendered,
     * every minute by default ({@code hub.website.expiry-sweep}); the archive keeps them. Only the
     * instance leading {@value #EXPIRY_SWEEP} sweeps; on the others this does nothing.
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
                SELECT notice FROM website_notice
                WHERE visible AND (notice ->> 'expiresAt') IS NOT NULL AND (notice ->> 'expiresAt')::timestamptz <= now()
                """, (row, n) -> NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8)));
        Set<String> touched = new TreeSet<>();
        for (Notice notice : expired) {
            for (String language : notice.translations().keySet()) {
                delete(SitePages.pagePath(notice, language));
                touched.add(language);
            }
            jdbc.update(
                    "UPDATE website_notice SET visible = false WHERE notice_id = ? AND version = ?",
                    notice.id(),
                    notice.version());
        }
        if (!touched.isEmpty()) {
            rebuildIndexes(touched);
        }
    }

    @Override
    public synchronized void publish(Notice notice) {
        List<Notice> held = jdbc.query(
                "SELECT notice FROM website_notice WHERE notice_id = ?",
                (row, n) -> NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8)),
                notice.id());
        if (!held.isEmpty() && held.get(0).version() >= notice.version()) {
            return;
        }
        boolean visible = notice.visibleAt(Instant.now());
        Set<String> touched = new TreeSet<>(notice.translations().keySet());
        if (!held.isEmpty()) {
            for (String language : held.get(0).translations().keySet()) {
                touched.add(language);
                delete(SitePages.pagePath(held.get(0), language));
            }
        }
        if (visible) {
            for (String language : notice.translations().keySet()) {
                write(SitePages.pagePath(notice, language), SitePages.page(notice, language));
            }
        }
        // Pages first, then the record: a crash in between re-renders the same pages on redelivery.
        jdbc.update(
                """
                INSERT INTO website_notice (notice_id, version, visible, published_at, notice)
                VALUES (?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (notice_id) DO UPDATE SET version = excluded.version, visible = excluded.visible,
                  published_at = excluded.published_at, notice = excluded.notice
                WHERE website_notice.version < excluded.version
                """,
                notice.id(),
                notice.version(),
                visible,
                Timestamp.from(
                        notice.publishedAt() != null
                                ? notice.publishedAt()
                                : notice.source().receivedAt()),
                new String(NoticeJson.write(notice), StandardCharsets.UTF_8));
        rebuildIndexes(touched);
    }

    private void rebuildIndexes(Set<String> languages) {
        for (String language : languages) {
            write(language + "/index.html", SitePages.index(language, indexEntries(language)));
        }
        write("index.html", SitePages.root(languages()));
    }

    private List<SitePages.IndexEntry> indexEntries(String language) {
        List<SitePages.IndexEntry> entries = new ArrayList<>();
        jdbc.query(
                """
                SELECT notice FROM website_notice WHERE visible AND jsonb_exists(notice -> 'translations', ?)
                ORDER BY published_at DESC NULLS LAST, notice_id LIMIT ?
                """,
                row -> {
                    Notice notice = NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8));
                    var translation = notice.translations().get(language);
                    entries.add(new SitePages.IndexEntry(
                            notice.partner() + "/" + notice.externalId() + ".html",
                            translation.title(),
                            translation.summary(),
                            notice));
                },
                language,
                INDEX_ENTRIES);
        return entries;
    }

    private List<String> languages() {
        return jdbc.queryForList("""
                SELECT DISTINCT jsonb_object_keys(notice -> 'translations') AS lang FROM website_notice
                WHERE visible ORDER BY lang
                """, String.class);
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
