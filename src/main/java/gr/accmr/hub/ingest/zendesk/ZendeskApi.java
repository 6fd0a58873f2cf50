package gr.accmr.hub.ingest.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.ingest.OutboundHttp;
import gr.accmr.hub.ingest.PartnerPolling;
import gr.accmr.hub.notice.NoticeJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The part of the Zendesk Help Center API the hub reads, over {@link OutboundHttp} with its limits:
 * article listings per locale, one article, its translations, and the incremental article export.
 *
 * <p>Credentials: with an e-mail address and an API token the requests carry Zendesk's Basic
 * {@code {email}/token:{token}}; with a token alone they carry {@code Bearer {token}} (an OAuth
 * access token); with neither they are anonymous and see published articles only.
 *
 * <p>HTTP 429 and 503 become {@link PartnerPolling.RetryLaterException} with the {@code
 * Retry-After} Zendesk sent; any other status outside 2xx (and 304 where a conditional request was
 * made) becomes an {@link IOException} naming the status.
 */
public final class ZendeskApi {

    /** A listing never has more pages than this; a {@code next_page} loop cannot keep a poll busy forever. */
    static final int MAX_PAGES = 1000;

    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    /** One page of articles; {@code next} is the following page, rebased onto the partner's base URL. */
    record Page(
            List<JsonNode> articles,
            @Nullable URI next,
            @Nullable String etag) {}

    /** Takes one page of the incremental export as it arrives. */
    @FunctionalInterface
    interface ExportPage {
        void accept(List<JsonNode> articles) throws IOException;
    }

    private final OutboundHttp http;
    private final String baseUrl;
    private final URI base;
    private final Map<String, String> headers;
    private final boolean allowPrivateNetwork;
    private final Clock clock;

    public ZendeskApi(
            OutboundHttp http,
            String baseUrl,
            @Nullable String email,
            @Nullable String token,
            boolean allowPrivateNetwork,
            Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl.strip().replaceAll("/+$", "");
        this.base = URI.create(this.baseUrl);
        if (base.getScheme() == null || base.getRawAuthority() == null) {
            throw new IllegalArgumentException("Zendesk base URL must be absolute: " + baseUrl);
        }
        this.headers = authorization(email, token);
        this.allowPrivateNetwork = allowPrivateNetwork;
        this.clock = clock;
    }

    /** Whether requests carry credentials, which is what the incremental export needs. */
    boolean authenticated() {
        return !headers.isEmpty();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The first page of a locale's articles, most recently updated first. */
    URI listing(String locale) {
        return URI.create(baseUrl + "/api/v2/help_center/" + checkedLocale(locale)
                + "/articles.json?sort_by=updated_at&sort_order=desc&per_page=100");
    }

    /** Where the hub fetches one article; also what raw records name as their source. */
    URI articleUri(long id) {
        return URI.create(baseUrl + "/api/v2/help_center/articles/" + id);
    }

    /** A page of articles, or empty when the partner answered 304 to the given ETag. */
    Optional<Page> page(URI uri, @Nullable String etag) throws IOException {
        OutboundHttp.Response response = get(uri, etag);
        if (etag != null && response.status() == 304) {
            return Optional.empty();
        }
        JsonNode page = json(response, uri);
        return Optional.of(new Page(
                list(page.path("articles")), next(page), response.header("ETag").orElse(null)));
    }

    /** The article as Zendesk shows it by default (in its source locale), empty if it is gone. */
    Optional<JsonNode> article(long id) throws IOException {
        URI uri = URI.create(articleUri(id) + ".json");
        OutboundHttp.Response response = get(uri, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        JsonNode article = json(response, uri).path("article");
        if (!article.isObject()) {
            throw new IOException("Zendesk answered without an article for " + uri.getPath());
        }
        return Optional.of(article);
    }

    /** Every translation of an article, across all pages; empty if the article is gone. */
    List<JsonNode> translations(long id) throws IOException {
        List<JsonNode> translations = new ArrayList<>();
        URI uri = URI.create(articleUri(id) + "/translations");
        for (int pages = 0; uri != null; pages++) {
            checkPages(pages, uri);
            OutboundHttp.Response response = get(uri, null);
            if (response.status() == 404) {
                return List.of();
            }
            JsonNode page = json(response, uri);
            translations.addAll(list(page.path("translations")));
            uri = next(page);
        }
        return translations;
    }

    /**
     * Articles changed since {@code startTime} (epoch seconds), following every page, each page
     * handed on as it arrives rather than all held at once; returns where to start next time.
     */
    long export(long startTime, ExportPage handler) throws IOException {
        URI uri = URI.create(baseUrl + "/api/v2/help_center/incremental/articles?start_time=" + startTime);
        long endTime = startTime;
        for (int pages = 0; uri != null; pages++) {
            checkPages(pages, uri);
            JsonNode page = json(get(uri, null), uri);
            List<JsonNode> found = list(page.path("articles"));
            handler.accept(found);
            long pageEnd = page.path("end_time").asLong(endTime);
            // The export repeats its last page with the same end time once it has nothing newer.
            boolean more = !found.isEmpty()
                    && pageEnd > endTime
                    && !page.path("end_of_stream").asBoolean(false);
            endTime = Math.max(endTime, pageEnd);
            uri = more ? next(page) : null;
        }
        return endTime;
    }

    private OutboundHttp.Response get(URI uri, @Nullable String etag) throws IOException {
        Map<String, String> request = new LinkedHashMap<>(headers);
        request.put("Accept", "application/json");
        if (etag != null) {
            request.put("If-None-Match", etag);
        }
        OutboundHttp.Response response = http.get(uri, request, allowPrivateNetwork);
        if (response.status() == 429 || response.status() == 503) {
            throw new PartnerPolling.RetryLaterException(
                    "Zendesk answered HTTP " + response.status() + " for " + uri.getPath(),
                    OutboundHttp.retryAfter(response, clock.instant()));
        }
        return response;
    }

    private static JsonNode json(OutboundHttp.Response response, URI uri) throws IOException {
        if (response.status() < 200 || response.status() > 299) {
            throw new IOException("Zendesk answered HTTP " + response.status() + " for " + uri.getPath());
        }
        JsonNode node = NoticeJson.mapper().readTree(response.body());
        if (node == null || !node.isObject()) {
            throw new IOException("Zendesk answered something other than a JSON object for " + uri.getPath());
        }
        return node;
    }

    /**
     * The next page from {@code next_page} (offset pagination) or {@code links.next} (cursor
     * pagination). It is fetched from the partner's own base URL whatever host Zendesk names, so
     * credentials never travel to another host and a custom help-centre domain keeps working.
     */
    private @Nullable URI next(JsonNode page) {
        String next = text(page.path("next_page"));
        if (next == null && page.path("meta").path("has_more").asBoolean(true)) {
            next = text(page.path("links").path("next"));
        }
        if (next == null) {
            return null;
        }
        URI uri = base.resolve(next);
        if (Objects.equals(uri.getScheme(), base.getScheme())
                && Objects.equals(uri.getRawAuthority(), base.getRawAuthority())) {
            return uri;
        }
        // Behind a proxy the base URL may carry a path prefix that Zendesk's own links lack.
        String prefix = base.getRawPath() == null ? "" : base.getRawPath();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!prefix.isEmpty() && !path.startsWith(prefix + "/")) {
            path = prefix + path;
        }
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private static void checkPages(int pages, URI uri) throws IOException {
        if (pages >= MAX_PAGES) {
            throw new IOException("Zendesk listing " + uri.getPath() + " has more than " + MAX_PAGES + " pages");
        }
    }

    static String checkedLocale(String locale) {
        if (!LOCALE.matcher(locale).matches()) {
            throw new IllegalArgumentException("not a Zendesk locale: " + locale);
        }
        return URLEncoder.encode(locale.toLowerCase(java.util.Locale.ROOT), StandardCharsets.UTF_8);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(item -> {
            if (item.isObject()) {
                items.add(item);
            }
        });
        return items;
    }

    private static @Nullable String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static Map<String, String> authorization(@Nullable String email, @Nullable String token) {
        if (token == null || token.isBlank()) {
            return Map.of();
        }
        if (email == null || email.isBlank()) {
            return Map.of("Authorization", "Bearer " + token.strip());
        }
        String credentials = email.strip() + "/token:" + token.strip();
        return Map.of(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
}
