package gr.accmr.hub.ingest.zendesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.ingest.RawDelivery;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Polls one partner's Zendesk Help Center and hands every new or changed article to {@code
 * hub.inbound.raw} as one record holding all its translations. Plain code: the caller passes in
 * how records are published (returning after Kafka's acknowledgement) and where checkpoints live.
 *
 * <p>A poll pages through {@code /api/v2/help_center/{locale}/articles.json}, most recently updated
 * first, for each locale. Usually it stops at the first article older than what the last poll saw
 * in that locale (and sends {@code If-None-Match} with that locale's last ETag); at least every
 * {@code fullListingEvery} it reads every page of every locale instead, which is how it notices
 * articles that disappeared. With credentials, the incremental export {@code
 * /api/v2/help_center/incremental/articles} adds what changed since the last poll.
 *
 * <p>The record of an article, content type {@link RawHeaders#ZENDESK_ARTICLE}, key {@code
 * partner:articleId}, is this JSON bundle:
 *
 * <pre>{@code
 * {
 *   "baseUrl": "https://refugeeinfo.zendesk.com",   // the partner's help centre
 *   "articleId": 360001,
 *   "sourceLocale": "en-us",                        // the article's source_locale
 *   "articles": [ {...}, {...} ],                   // article objects exactly as Zendesk returned them, one per locale
 *   "translations": [ {...} ]                       // present when fetched: objects of /articles/{id}/translations, unmodified
 * }
 * }</pre>
 *
 * When an article changed only in some of its locales, its translations are fetched so that the
 * bundle always describes every locale. An article whose source locale is a draft, or that is gone
 * from every locale after a full listing, becomes a {@link RawHeaders#RETRACTION} record with body
 * {@code {"externalId":"<articleId>"}}.
 *
 * <p>The checkpoint (one JSON value, {@value #CHECKPOINT}) holds per locale the newest {@code
 * updated_at} seen and the last ETag, per known article the {@code updated_at} of each of its
 * locales, the time of the last full listing and the start time of the next incremental export. It
 * is written only after every record of the poll was acknowledged: a poll that fails half-way is
 * repeated whole, and the repeated records make no new notice versions.
 */
public final class ZendeskPoller {

    /** Name of the poller's checkpoint in {@code ingest_checkpoint}. */
    static final String CHECKPOINT = "zendesk.articles";

    /** The export refuses start times less than a minute in the past. */
    private static final Duration EXPORT_MIN_AGE = Duration.ofMinutes(1);

    /** Publishes one raw record and returns once Kafka acknowledged it. */
    @FunctionalInterface
    public interface RawSink {
        void publish(RawDelivery delivery);
    }

    /** Durable storage of checkpoint values by partner and name. */
    public interface CheckpointStore {
        Optional<String> get(String partner, String name);

        void put(String partner, String name, String value);
    }

    /**
     * What the partner's route says about it.
     *
     * @param route id of the polling route, for instance {@code partner.refugee-info}
     * @param locales the Zendesk locales to list, for instance {@code en-us}
     * @param fullListingEvery the longest time between two listings of every page
     */
    public record Settings(
            String partner,
            String route,
            List<String> locales,
            String language,
            String kind,
            Duration fullListingEvery) {

        public Settings {
            if (!NoticeId.isValidPartner(partner)) {
                throw new IllegalArgumentException("invalid partner id '" + partner + "'");
            }
            locales = locales.stream()
                    .map(locale -> locale.strip().toLowerCase(Locale.ROOT))
                    .filter(locale -> !locale.isEmpty())
                    .distinct()
                    .toList();
            locales.forEach(ZendeskApi::checkedLocale);
        }
    }

    /** The durable state of the poller, stored as JSON. */
    record State(
            Map<String, LocaleMark> locales,
            Map<String, Map<String, String>> known,
            @Nullable Instant lastFullListing,
            @Nullable Long exportStartTime) {

        static final State EMPTY = new State(Map.of(), Map.of(), null, null);
    }

    /** Per locale: the newest {@code updated_at} seen, and the ETag of the first page. */
    record LocaleMark(@Nullable String updatedAt, @Nullable String etag) {}

    /**
     * Most article JSON a poll holds while it waits to bundle an article's locales, in characters;
     * past it the held articles go out at once, completed from their translations.
     */
    static final long MAX_PENDING_CHARS = 8L << 20;

    private final ZendeskApi api;
    private final Settings settings;
    private final RawSink sink;
    private final CheckpointStore checkpoints;
    private final Clock clock;
    private final long maxPendingChars;

    public ZendeskPoller(ZendeskApi api, Settings settings, RawSink sink, CheckpointStore checkpoints, Clock clock) {
        this(api, settings, sink, checkpoints, clock, MAX_PENDING_CHARS);
    }

    ZendeskPoller(
            ZendeskApi api,
            Settings settings,
            RawSink sink,
            CheckpointStore checkpoints,
            Clock clock,
            long maxPendingChars) {
        this.api = api;
        this.settings = settings;
        this.sink = sink;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.maxPendingChars = maxPendingChars;
    }

    /**
     * The articles of one poll waiting to be sent, bounded: an article seen in one locale is held
     * so its other locales' listings can join it in one bundle (no translations request), but only
     * up to {@link #maxPendingChars}; past that everything held is sent at once, completed from the
     * translations endpoint, and a later listing of those articles in this poll adds nothing.
     */
    private final class Pending {
        final Map<Long, Map<String, JsonNode>> articles = new TreeMap<>();
        final Set<Long> sentComplete = new HashSet<>();
        long chars;
        int sent;

        void note(long id, String locale, JsonNode article) throws IOException {
            if (sentComplete.contains(id)) {
                return;
            }
            articles.computeIfAbsent(id, key -> new TreeMap<>()).put(locale, article);
            chars += article.toString().length();
            if (chars > maxPendingChars) {
                for (Map.Entry<Long, Map<String, JsonNode>> held : articles.entrySet()) {
                    sink.publish(describe(held.getKey(), held.getValue(), true));
                    sentComplete.add(held.getKey());
                    sent++;
                }
                articles.clear();
                chars = 0;
            }
        }
    }

    /** One poll; returns how many records went to Kafka. */
    public int poll() throws IOException {
        Instant now = clock.instant();
        State state = load();
        boolean full = state.lastFullListing() == null
                || !now.isBefore(state.lastFullListing().plus(settings.fullListingEvery()));

        // Article id → locale → the article object of this poll, for every article that changed
        // and is not sent yet; every id that changed, with its new updated_at per locale.
        Pending pending = new Pending();
        Map<Long, Map<String, String>> changed = new TreeMap<>();
        Map<String, Set<Long>> listed = new HashMap<>();
        Map<String, LocaleMark> marks = new TreeMap<>(state.locales());
        for (String locale : settings.locales()) {
            LocaleMark mark = marks.getOrDefault(locale, new LocaleMark(null, null));
            Set<Long> ids = new HashSet<>();
            // A full listing must see every page, so it never accepts "not modified".
            Optional<LocaleMark> next = listLocale(locale, mark, full, state.known(), changed, pending, ids);
            next.ifPresent(value -> marks.put(locale, value));
            listed.put(locale, ids);
        }

        Long exportStart = state.exportStartTime();
        if (api.authenticated()) {
            if (exportStart != null) {
                long endTime = api.export(exportStart, articles -> {
                    for (JsonNode article : articles) {
                        String locale = text(article, "locale");
                        // Only the configured locales: a full listing must be able to see what is known.
                        if (locale != null && settings.locales().contains(locale.toLowerCase(Locale.ROOT))) {
                            noteIfChanged(article, locale.toLowerCase(Locale.ROOT), state.known(), changed, pending);
                        }
                    }
                });
                exportStart = Math.max(exportStart, endTime);
            } else {
                // The first poll lists everything anyway; the export takes over from here.
                exportStart = now.minus(EXPORT_MIN_AGE).getEpochSecond();
            }
        }

        Map<String, Map<String, String>> known = new TreeMap<>();
        state.known().forEach((id, locales) -> known.put(id, new TreeMap<>(locales)));
        changed.forEach((id, locales) ->
                locales.forEach((locale, updatedAt) -> known.computeIfAbsent(String.valueOf(id), key -> new TreeMap<>())
                        .put(locale, updatedAt)));

        List<Long> gone = new ArrayList<>();
        if (full) {
            for (String id : state.known().keySet()) {
                long articleId = Long.parseLong(id);
                Set<String> present = new HashSet<>();
                listed.forEach((locale, ids) -> {
                    if (ids.contains(articleId)) {
                        present.add(locale);
                    }
                });
                if (present.isEmpty()) {
                    gone.add(articleId);
                    known.remove(id);
                    pending.articles.remove(articleId);
                } else if (known.get(id)
                                .keySet()
                                .removeIf(locale -> settings.locales().contains(locale) && !present.contains(locale))
                        && !pending.sentComplete.contains(articleId)) {
                    // A translation was withdrawn: the article is sent again without it.
                    pending.articles.computeIfAbsent(articleId, key -> new TreeMap<>());
                }
            }
        }

        int sent = pending.sent;
        for (Map.Entry<Long, Map<String, JsonNode>> article : pending.articles.entrySet()) {
            Set<String> locales = known.getOrDefault(String.valueOf(article.getKey()), Map.of())
                    .keySet();
            boolean complete = article.getValue().keySet().containsAll(locales);
            sink.publish(describe(article.getKey(), article.getValue(), !complete));
            sent++;
        }
        for (long id : gone) {
            sink.publish(retraction(id));
            sent++;
        }

        // Everything of this poll is acknowledged: only now may the checkpoint move.
        State next = new State(marks, known, full ? now : state.lastFullListing(), exportStart);
        checkpoints.put(settings.partner(), CHECKPOINT, write(next));
        return sent;
    }

    /**
     * Fetches one article and its translations as they are now and publishes them, or a retraction
     * when the article is gone or a draft. Webhooks use this: they name an article and nothing else.
     */
    public void publishCurrent(long articleId) throws IOException {
        Optional<JsonNode> article = api.article(articleId);
        if (article.isEmpty()) {
            sink.publish(retraction(articleId));
            return;
        }
        Map<String, JsonNode> articles = new TreeMap<>();
        String locale = text(article.get(), "locale");
        articles.put(locale == null ? "" : locale.toLowerCase(Locale.ROOT), article.get());
        sink.publish(describe(articleId, articles, true));
    }

    /**
     * Lists one locale, noting changed articles; returns the locale's new mark, or empty when the
     * partner answered "not modified".
     */
    private Optional<LocaleMark> listLocale(
            String locale,
            LocaleMark mark,
            boolean full,
            Map<String, Map<String, String>> known,
            Map<Long, Map<String, String>> changed,
            Pending pending,
            Set<Long> listed)
            throws IOException {
        Instant since = mark.updatedAt() == null ? null : instant(mark.updatedAt());
        Optional<ZendeskApi.Page> first = api.page(api.listing(locale), full ? null : mark.etag());
        if (first.isEmpty()) {
            return Optional.empty();
        }
        String etag = first.get().etag();
        String newest = mark.updatedAt();
        ZendeskApi.Page page = first.get();
        for (int pages = 1; ; pages++) {
            for (JsonNode article : page.articles()) {
                long id = id(article);
                String updatedAt = text(article, "updated_at");
                Instant updated = updatedAt == null ? null : instant(updatedAt);
                // Equal times are no reason to stop: another article may share the second.
                if (!full && since != null && updated != null && updated.isBefore(since)) {
                    return Optional.of(new LocaleMark(newest, etag));
                }
                listed.add(id);
                noteIfChanged(article, locale, known, changed, pending);
                if (updated != null && (newest == null || updated.isAfter(instant(newest)))) {
                    newest = updatedAt;
                }
            }
            if (page.next() == null) {
                return Optional.of(new LocaleMark(newest, etag));
            }
            if (pages >= ZendeskApi.MAX_PAGES) {
                throw new IOException(
                        "Zendesk listing of " + locale + " has more than " + ZendeskApi.MAX_PAGES + " pages");
            }
            page = api.page(page.next(), null)
                    .orElseThrow(() -> new IOException("Zendesk answered 304 to an unconditional request"));
        }
    }

    private static void noteIfChanged(
            JsonNode article,
            String locale,
            Map<String, Map<String, String>> known,
            Map<Long, Map<String, String>> changed,
            Pending pending)
            throws IOException {
        long id = id(article);
        String before = known.getOrDefault(String.valueOf(id), Map.of()).get(locale);
        if (before == null || !before.equals(text(article, "updated_at"))) {
            changed.computeIfAbsent(id, key -> new TreeMap<>())
                    .put(locale, String.valueOf(text(article, "updated_at")));
            pending.note(id, locale, article);
        }
    }

    /** The bundle of an article, or its retraction when its source locale is a draft. */
    private RawDelivery describe(long id, Map<String, JsonNode> articles, boolean fetchTranslations)
            throws IOException {
        if (articles.isEmpty()) {
            Optional<JsonNode> article = api.article(id);
            if (article.isEmpty()) {
                return retraction(id);
            }
            articles = Map.of(String.valueOf(text(article.get(), "locale")), article.get());
        }
        List<JsonNode> translations = fetchTranslations ? api.translations(id) : null;
        String sourceLocale = sourceLocale(articles.values());
        if (sourceLocale != null && isDraft(sourceLocale, articles.values(), translations)) {
            return retraction(id);
        }

        ObjectNode bundle = NoticeJson.mapper().createObjectNode();
        bundle.put("baseUrl", api.baseUrl());
        bundle.put("articleId", id);
        bundle.put("sourceLocale", sourceLocale);
        ArrayNode list = bundle.putArray("articles");
        articles.values().forEach(list::add);
        if (translations != null) {
            ArrayNode fetched = bundle.putArray("translations");
            translations.forEach(fetched::add);
        }
        return new RawDelivery(
                new NoticeId(settings.partner(), String.valueOf(id)),
                settings.route(),
                RawHeaders.ZENDESK_ARTICLE,
                bytes(bundle),
                api.articleUri(id).toString(),
                sourceLocale,
                settings.language(),
                settings.kind());
    }

    private RawDelivery retraction(long id) {
        ObjectNode body = NoticeJson.mapper().createObjectNode().put("externalId", String.valueOf(id));
        return new RawDelivery(
                new NoticeId(settings.partner(), String.valueOf(id)),
                settings.route(),
                RawHeaders.RETRACTION,
                bytes(body),
                api.articleUri(id).toString(),
                null,
                settings.language(),
                settings.kind());
    }

    private static @Nullable String sourceLocale(Iterable<JsonNode> articles) {
        for (JsonNode article : articles) {
            String source = text(article, "source_locale");
            if (source != null) {
                return source.toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Whether the freshest thing we have about the source locale says "draft". */
    private static boolean isDraft(
            String sourceLocale, Iterable<JsonNode> articles, @Nullable List<JsonNode> translations) {
        List<JsonNode> candidates = new ArrayList<>();
        articles.forEach(candidates::add);
        if (translations != null) {
            candidates.addAll(translations);
        }
        return candidates.stream()
                .filter(node -> sourceLocale.equalsIgnoreCase(String.valueOf(text(node, "locale"))))
                .max(Comparator.comparing(node -> {
                    String updated = text(node, "updated_at");
                    return updated == null ? Instant.MIN : instant(updated);
                }))
                .map(node -> node.path("draft").asBoolean(false))
                .orElse(false);
    }

    private State load() throws IOException {
        Optional<String> stored = checkpoints.get(settings.partner(), CHECKPOINT);
        if (stored.isEmpty()) {
            return State.EMPTY;
        }
        State state = NoticeJson.mapper().readValue(stored.get(), State.class);
        return new State(
                state.locales() == null ? Map.of() : state.locales(),
                state.known() == null ? Map.of() : state.known(),
                state.lastFullListing(),
                state.exportStartTime());
    }

    private static String write(State state) {
        try {
            return NoticeJson.mapper().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return NoticeJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long id(JsonNode article) {
        JsonNode id = article.path("id");
        if (!id.canConvertToLong() || id.asLong() <= 0) {
            throw new IllegalArgumentException("Zendesk article without a numeric id: " + article.path("id"));
        }
        return id.asLong();
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** Zendesk writes {@code 2026-11-20T09:15:00Z}; an offset is read too. */
    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a Zendesk time: " + text, e);
        }
    }

    /** Where the article lives, for the webhook's answers. */
    URI articleUri(long id) {
        return api.articleUri(id);
    }
}
