package gr.accmr.hub.fanout.mobile;

import com.fasterxml.jackson.core.JsonProcessingException;
import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.platform.HubProperties;
import gr.accmr.hub.platform.Problems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code GET /feeds/{lang}.json} (JSON Feed 1.1) and {@code GET /feeds/{lang}.atom} (Atom 1.0): the
 * mobile feed of one language, newest first, in pages, with the same items in both formats.
 * Validators come from the language's change counter, so a {@code 304} costs no rendering.
 */
@RestController
class MobileFeedController {

    static final MediaType JSON_FEED = new MediaType("application", "feed+json", StandardCharsets.UTF_8);
    static final MediaType ATOM = new MediaType("application", "atom+xml", StandardCharsets.UTF_8);

    private static final Set<String> KINDS =
            Arrays.stream(Notice.Kind.values()).map(JsonFeedItems::lower).collect(Collectors.toSet());
    private static final Set<String> URGENCIES =
            Arrays.stream(Notice.Urgency.values()).map(JsonFeedItems::lower).collect(Collectors.toSet());

    private final MobileFeedStore store;
    private final MobileProperties properties;
    /** Absolute links come from the configured address, never from a request's {@code Host}. */
    private final String publicUrl;

    MobileFeedController(MobileFeedStore store, MobileProperties properties, HubProperties hub) {
        this.store = store;
        this.properties = properties;
        this.publicUrl = hub.publicUrl().replaceAll("/+$", "");
    }

    @GetMapping("/feeds/{lang}.json")
    ResponseEntity<byte[]> json(
            @PathVariable("lang") String requested,
            @RequestParam(name = "partner", required = false) @Nullable List<String> partners,
            @RequestParam(name = "kind", required = false) @Nullable List<String> kinds,
            @RequestParam(name = "category", required = false) @Nullable List<String> categories,
            @RequestParam(name = "urgency", required = false) @Nullable List<String> urgencies,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            ServletWebRequest request) {
        Request feed = request(requested, partners, kinds, categories, urgencies, limit, cursor, "json");
        return respond(feed, request, JSON_FEED, page -> {
            try {
                return NoticeJson.mapper()
                        .writeValueAsBytes(JsonFeedItems.feed(
                                feed.query().language(),
                                feed.first(),
                                page.nextUrl(),
                                page.page().items()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the JSON Feed", e);
            }
        });
    }

    @GetMapping("/feeds/{lang}.atom")
    ResponseEntity<byte[]> atom(
            @PathVariable("lang") String requested,
            @RequestParam(name = "partner", required = false) @Nullable List<String> partners,
            @RequestParam(name = "kind", required = false) @Nullable List<String> kinds,
            @RequestParam(name = "category", required = false) @Nullable List<String> categories,
            @RequestParam(name = "urgency", required = false) @Nullable List<String> urgencies,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            ServletWebRequest request) {
        Request feed = request(requested, partners, kinds, categories, urgencies, limit, cursor, "atom");
        return respond(
                feed,
                request,
                ATOM,
                page -> AtomFeeds.page(
                        feed.query().language(),
                        feed.self(),
                        feed.first(),
                        page.nextUrl(),
                        page.state().lastModified(),
                        page.page().items()));
    }

    /**
     * What the request asks for, checked; {@code limit} is the one it gave, if any, which its links
     * repeat (the default is left out of them, so it can change without breaking links).
     */
    private record Request(FeedQuery query, @Nullable Integer limit, String format, String base) {

        String url(FeedQuery.@Nullable Cursor cursor) {
            return MobileFeedController.url(base, format, query, limit, cursor);
        }

        String self() {
            return url(query.after());
        }

        String first() {
            return url(null);
        }
    }

    private record Rendered(
            FeedPage page, FeedState state, @Nullable String nextUrl) {}

    private ResponseEntity<byte[]> respond(
            Request feed, ServletWebRequest request, MediaType type, Function<Rendered, byte[]> render) {
        Instant now = Instant.now();
        CacheControl cache = CacheControl.maxAge(properties.maxAge().toSeconds(), TimeUnit.SECONDS)
                .cachePublic();
        FeedState state = store.state(feed.query().language(), now);
        Instant lastModified = state.lastModified();
        // Sets ETag and Last-Modified on the response either way; If-None-Match wins over If-Modified-Since.
        if (request.checkNotModified(etag(feed, state), lastModified == null ? -1 : lastModified.toEpochMilli())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .cacheControl(cache)
                    .build();
        }
        // Read after the state, so the body is never older than the validators that describe it.
        FeedPage page = store.page(feed.query(), now);
        byte[] body = render.apply(new Rendered(page, state, page.next() == null ? null : feed.url(page.next())));
        return ResponseEntity.ok().contentType(type).cacheControl(cache).body(body);
    }

    /**
     * Everything the body depends on but the items: the language's counter and last expiry, and
     * the request as understood (format, filters, page, fallback, base URL).
     */
    private String etag(Request feed, FeedState state) {
        String identity = String.join(
                "\n",
                feed.format(),
                String.valueOf(state.changes()),
                String.valueOf(state.lastExpiry()),
                String.valueOf(feed.query().withFallback()),
                feed.self());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "\""
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private Request request(
            String requested,
            @Nullable List<String> partners,
            @Nullable List<String> kinds,
            @Nullable List<String> categories,
            @Nullable List<String> urgencies,
            @Nullable Integer limit,
            @Nullable String cursor,
            String format) {
        String language = language(requested);
        FeedQuery.Filters filters = new FeedQuery.Filters(
                orEmpty(partners),
                lower(kinds, KINDS, "kind"),
                orEmpty(categories),
                lower(urgencies, URGENCIES, "urgency"));
        int size = limit == null ? properties.pageSize() : limit;
        if (size < 1 || size > properties.maxPageSize()) {
            throw Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "Bad page size",
                    "limit must be between 1 and " + properties.maxPageSize() + ", not " + size);
        }
        FeedQuery.Cursor after = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                after = FeedQuery.Cursor.decode(cursor);
            } catch (IllegalArgumentException e) {
                throw Problems.of(HttpStatus.BAD_REQUEST, "Bad cursor", "cursor is not one this feed handed out");
            }
        }
        return new Request(
                new FeedQuery(
                        language, filters, size, after, properties.fallback() == MobileProperties.Fallback.ORIGINAL),
                limit,
                format,
                publicUrl);
    }

    /** A page's absolute URL: the request's filters, its explicit limit, and where the page starts. */
    private static String url(
            String base, String format, FeedQuery query, @Nullable Integer limit, FeedQuery.@Nullable Cursor cursor) {
        UriComponentsBuilder url =
                UriComponentsBuilder.fromUriString(base).path("/feeds/" + query.language() + "." + format);
        FeedQuery.Filters filters = query.filters();
        param(url, "partner", filters.partners());
        param(url, "kind", filters.kinds());
        param(url, "category", filters.categories());
        param(url, "urgency", filters.urgencies());
        if (limit != null) {
            url.queryParam("limit", limit);
        }
        if (cursor != null) {
            url.queryParam("cursor", cursor.encode());
        }
        return url.encode().build().toUriString();
    }

    private static void param(UriComponentsBuilder url, String name, List<String> values) {
        // One parameter per value, as forms write them; a comma-separated list is read the same.
        values.forEach(value -> url.queryParam(name, value));
    }

    /** A served language, normalized ({@code ar-SA} → {@code ar}); anything else is not found. */
    private String language(String requested) {
        String language;
        try {
            language = Languages.normalize(requested);
        } catch (IllegalArgumentException e) {
            throw unknownLanguage(requested);
        }
        if (!properties.languages().contains(language)) {
            throw unknownLanguage(requested);
        }
        return language;
    }

    private RuntimeException unknownLanguage(String requested) {
        return Problems.of(
                HttpStatus.NOT_FOUND,
                "No such feed",
                "There is no feed in '" + requested + "'; feeds exist in " + String.join(", ", properties.languages()));
    }

    private static List<String> orEmpty(@Nullable List<String> values) {
        return values == null ? List.of() : values;
    }

    private static List<String> lower(@Nullable List<String> values, Set<String> allowed, String name) {
        List<String> lower = orEmpty(values).stream()
                .map(value -> value.strip().toLowerCase(Locale.ROOT))
                .filter(value -> !value.isEmpty())
                .toList();
        for (String value : lower) {
            if (!allowed.contains(value)) {
                throw Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "Bad filter",
                        name + " must be one of "
                                + String.join(", ", allowed.stream().sorted().toList()) + ", not '" + value + "'");
            }
        }
        return lower;
    }
}
