package gr.accmr.hub.fanout.website;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.Translation;
import gr.accmr.hub.platform.Failures;
import gr.accmr.hub.platform.Leadership;
import gr.accmr.hub.platform.TransientFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The website as posts on a stock WordPress ({@code hub.website.adapter=wordpress}), through its
 * REST API: one post per notice and language, updated in place, linking to the other languages'
 * posts; categories and tags by name; retracted or expired notices' posts become drafts (or go to
 * the trash). No plugin is needed; Polylang Pro's REST fields are set when configured.
 *
 * <p>Each notice is delivered in one database transaction that holds an advisory lock on the
 * notice (so the expiry sweep and a delivery never interleave) and ends by recording the version
 * the posts show: an outage in between rolls the records back, the batch is delivered again, and
 * posts already made are found again by their deterministic slug instead of being made twice.
 */
@Component
@ConditionalOnProperty(prefix = "hub.website", name = "adapter", havingValue = "wordpress")
class WordPressChannel implements WebsiteChannel, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WordPressChannel.class);
    private static final DateTimeFormatter WORDPRESS_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String PUBLISH = "publish";
    private static final String DRAFT = "draft";
    private static final String TRASH = "trash";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final WordPressClient client;
    private final WebsiteProperties.WordPress settings;
    private final @Nullable Leadership leadership;
    private final ExecutorService workers;

    /** A notice's post in one language, as last recorded. */
    private record Recorded(long postId, String link, String status) {}

    @Autowired
    WordPressChannel(
            JdbcTemplate jdbc, TransactionTemplate transactions, WebsiteProperties properties, Leadership leadership) {
        this(jdbc, transactions, properties.wordpress(), leadership);
        leadership.join(StaticSiteChannel.EXPIRY_SWEEP);
    }

    /** Without leadership (tests): the expiry sweep runs when {@link #hideExpired()} is called. */
    WordPressChannel(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            WebsiteProperties.WordPress settings,
            @Nullable Leadership leadership) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.client = new WordPressClient(settings);
        this.settings = settings;
        this.leadership = leadership;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.parallelism(), task -> {
            Thread thread = new Thread(task, "website-wordpress-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }

    /**
     * The slug of a notice's post in one language: readable, and unique through a hash of the
     * notice id, so a post made just before a crash is found again instead of made twice.
     */
    static String slug(String noticeId, String language) {
        String readable = java.text.Normalizer.normalize(noticeId, java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (readable.length() > 60) {
            readable = readable.substring(0, 60).replaceAll("-+$", "");
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(noticeId.getBytes(StandardCharsets.UTF_8));
            return readable + "-" + HexFormat.of().formatHex(hash, 0, 5) + "-" + language;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void publish(Notice notice) {
        publishAll(List.of(notice));
    }

    /**
     * Delivers up to {@code parallelism} notices at once, each notice's versions in order. An
     * outage anywhere fails the batch as transient (after every notice in flight has finished), so
     * the stage waits and delivers it again; what was delivered is then skipped by its version.
     */
    @Override
    public void publishAll(List<Notice> notices) {
        Map<String, List<Notice>> byNotice = new LinkedHashMap<>();
        notices.forEach(notice ->
                byNotice.computeIfAbsent(notice.id(), id -> new ArrayList<>()).add(notice));
        Instant deadline = Instant.now().plus(settings.batchTimeLimit());
        List<Future<?>> running = new ArrayList<>();
        for (List<Notice> versions : byNotice.values()) {
            running.add(workers.submit(() -> {
                if (Instant.now().isAfter(deadline)) {
                    throw new TransientFailure("the batch took longer than hub.website.wordpress.batch-time-limit ("
                            + settings.batchTimeLimit() + "); the rest is delivered when it comes again");
                }
                versions.forEach(this::deliver);
            }));
        }
        RuntimeException outage = null;
        RuntimeException refused = null;
        for (Future<?> delivery : running) {
            try {
                delivery.get();
            } catch (ExecutionException e) {
                RuntimeException failure = e.getCause() instanceof RuntimeException runtime
                        ? runtime
                        : new IllegalStateException(e.getCause());
                if (Failures.isTransient(failure)) {
                    outage = outage == null ? failure : outage;
                } else {
                    refused = refused == null ? failure : refused;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientFailure("interrupted while delivering to WordPress", e);
            }
        }
        // An outage wins: the notice WordPress refused is found on its own when the batch is retried.
        if (outage != null) {
            throw outage;
        }
        if (refused != null) {
            throw refused;
        }
    }

    /** The post in the notice's original language, for the delivery ledger. */
    @Override
    public @Nullable String reference(Notice notice) {
        List<String> links = jdbc.queryForList("""
                SELECT link FROM website_wordpress_post WHERE notice_id = ?
                ORDER BY lang = ? DESC, lang LIMIT 1
                """, String.class, notice.id(), notice.originalLanguage());
        return links.isEmpty() ? null : links.get(0);
    }

    /**
     * Takes down the posts of notices whose {@code expiresAt} has passed since they were shown, as
     * often as {@code hub.website.expiry-sweep} says; only on the instance leading the sweep. A
     * WordPress outage leaves the rest to the next sweep.
     */
    @Scheduled(
            fixedDelayString = "${hub.website.expiry-sweep:PT1M}",
            initialDelayString = "${hub.website.expiry-sweep:PT1M}")
    public void hideExpired() {
        if (leadership != null && !leadership.isLeader(StaticSiteChannel.EXPIRY_SWEEP)) {
            return;
        }
        List<String> expired = jdbc.queryForList(
                "SELECT notice_id FROM website_wordpress_notice WHERE visible AND expires_at <= now()", String.class);
        for (String id : expired) {
            try {
                transactions.executeWithoutResult(status -> {
                    lock(id);
                    List<Notice> held = jdbc.query(
                            "SELECT notice FROM website_wordpress_notice WHERE notice_id = ? AND visible AND expires_at <= now()",
                            (row, n) -> NoticeJson.read(row.getString(1).getBytes(StandardCharsets.UTF_8)),
                            id);
                    held.forEach(notice -> show(notice, false));
                });
            } catch (RuntimeException e) {
                log.warn("WordPress expiry of {} waits for the next sweep: {}", id, Failures.describe(e));
                return;
            }
        }
    }

    private void deliver(Notice notice) {
        transactions.executeWithoutResult(status -> {
            lock(notice.id());
            List<Integer> held = jdbc.queryForList(
                    "SELECT version FROM website_wordpress_notice WHERE notice_id = ?", Integer.class, notice.id());
            if (!held.isEmpty() && held.get(0) >= notice.version()) {
                return;
            }
            show(notice, notice.visibleAt(Instant.now()));
        });
    }

    private void lock(String noticeId) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext(?))", "hub.wordpress:" + noticeId);
    }

    /** Brings the notice's posts to this version, shown or hidden, and records what they show. */
    private void show(Notice notice, boolean visible) {
        Map<String, Recorded> recorded = recorded(notice.id());
        Map<String, Long> ids = new LinkedHashMap<>();
        recorded.forEach((language, post) -> ids.put(language, post.postId()));
        List<String> languages = ordered(notice.translations().keySet());
        Set<String> done = new HashSet<>();
        if (visible) {
            // Every language needs its post before the posts can link to each other: missing ones
            // are found by slug or made as drafts, the last of them complete, since it knows them all.
            List<String> missing =
                    languages.stream().filter(l -> !recorded.containsKey(l)).toList();
            for (int i = 0; i < missing.size(); i++) {
                String language = missing.get(i);
                Optional<WordPressClient.Post> found = client.findBySlug(slug(notice.id(), language));
                WordPressClient.Post post;
                if (found.isPresent()) {
                    post = found.get();
                } else if (i == missing.size() - 1) {
                    post = client.create(fields(notice, language, PUBLISH, ids));
                    done.add(language);
                } else {
                    post = client.create(fields(notice, language, DRAFT, ids));
                }
                ids.put(language, post.id());
                record(notice.id(), language, post);
            }
        }
        for (String language : languages) {
            Long id = ids.get(language);
            if (id == null || done.contains(language)) {
                continue;
            }
            if (visible) {
                ObjectNode fields = fields(notice, language, PUBLISH, ids);
                WordPressClient.Post post = client.update(id, fields).orElseGet(() -> {
                    // Deleted for good by an editor: the notice is still published, so it gets a new post.
                    jdbc.update(
                            "DELETE FROM website_wordpress_post WHERE notice_id = ? AND lang = ?",
                            notice.id(),
                            language);
                    return client.create(fields);
                });
                record(notice.id(), language, post);
            } else {
                hide(notice.id(), language, recorded.get(language));
            }
        }
        for (Map.Entry<String, Recorded> post : recorded.entrySet()) {
            if (!notice.translations().containsKey(post.getKey())) {
                // A translation the partner withdrew.
                hide(notice.id(), post.getKey(), post.getValue());
            }
        }
        jdbc.update(
                """
                INSERT INTO website_wordpress_notice (notice_id, version, visible, expires_at, notice)
                VALUES (?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (notice_id) DO UPDATE SET version = excluded.version, visible = excluded.visible,
                  expires_at = excluded.expires_at, notice = excluded.notice
                """,
                notice.id(),
                notice.version(),
                visible,
                notice.expiresAt() == null ? null : Timestamp.from(notice.expiresAt()),
                new String(NoticeJson.write(notice), StandardCharsets.UTF_8));
    }

    private void hide(String noticeId, String language, @Nullable Recorded post) {
        if (post == null) {
            return;
        }
        if (settings.removal() == WebsiteProperties.Removal.TRASH) {
            if (!TRASH.equals(post.status())) {
                client.trash(post.postId());
                record(noticeId, language, new WordPressClient.Post(post.postId(), post.link(), TRASH));
            }
            return;
        }
        ObjectNode draft = NoticeJson.mapper().createObjectNode().put("status", DRAFT);
        Optional<WordPressClient.Post> hidden = client.update(post.postId(), draft);
        if (hidden.isPresent()) {
            record(noticeId, language, hidden.get());
        } else {
            jdbc.update("DELETE FROM website_wordpress_post WHERE notice_id = ? AND lang = ?", noticeId, language);
        }
    }

    /** Everything the post of one language says; {@code ids} are the posts known so far, by language. */
    private ObjectNode fields(Notice notice, String language, String status, Map<String, Long> ids) {
        Translation translation = notice.translations().get(language);
        List<WordPressPosts.OtherLanguage> others = new ArrayList<>();
        for (String other : ordered(ids.keySet())) {
            Translation text = notice.translations().get(other);
            if (!other.equals(language) && text != null) {
                others.add(new WordPressPosts.OtherLanguage(
                        other, text.dir(), SiteTexts.name(other), client.postAddress(ids.get(other))));
            }
        }
        ObjectNode fields = NoticeJson.mapper().createObjectNode();
        fields.put("slug", slug(notice.id(), language));
        fields.put("status", status);
        fields.put("title", WordPressPosts.text(translation.title()));
        fields.put("excerpt", WordPressPosts.text(translation.summary()));
        fields.put("content", WordPressPosts.content(language, translation, others));
        Instant published = notice.publishedAt() != null
                ? notice.publishedAt()
                : notice.source().receivedAt();
        fields.put("date_gmt", WORDPRESS_DATE.format(published));
        var categories = fields.putArray("categories");
        notice.categories().forEach(name -> categories.add(client.term("categories", name)));
        var tags = fields.putArray("tags");
        tags(notice).forEach(name -> tags.add(client.term("tags", name)));
        if (settings.polylang()) {
            fields.put("lang", language);
            ObjectNode translations = fields.putObject("translations");
            ids.forEach((other, id) -> translations.put(other, id));
        }
        return fields;
    }

    /** The partner, the kind of notice and, when urgent, {@code urgent}: what editors filter by. */
    private static List<String> tags(Notice notice) {
        List<String> tags =
                new ArrayList<>(List.of(notice.partner(), notice.kind().name().toLowerCase(Locale.ROOT)));
        if (notice.urgency() == Notice.Urgency.URGENT) {
            tags.add("urgent");
        }
        return tags;
    }

    /** Languages in the order of the site's language switcher, others after them alphabetically. */
    private static List<String> ordered(Set<String> languages) {
        return languages.stream()
                .sorted(Comparator.comparingInt((String l) -> {
                            int at = SiteTexts.LANGUAGES.indexOf(l);
                            return at < 0 ? Integer.MAX_VALUE : at;
                        })
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private Map<String, Recorded> recorded(String noticeId) {
        Map<String, Recorded> posts = new LinkedHashMap<>();
        jdbc.query(
                "SELECT lang, post_id, link, status FROM website_wordpress_post WHERE notice_id = ?",
                row -> {
                    posts.put(row.getString(1), new Recorded(row.getLong(2), row.getString(3), row.getString(4)));
                },
                noticeId);
        return posts;
    }

    private void record(String noticeId, String language, WordPressClient.Post post) {
        jdbc.update("""
                INSERT INTO website_wordpress_post (notice_id, lang, post_id, link, status) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (notice_id, lang) DO UPDATE SET post_id = excluded.post_id, link = excluded.link,
                  status = excluded.status
                """, noticeId, language, post.id(), post.link(), post.status());
    }
}
