package gr.accmr.hub.fanout.website;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.platform.PermanentFailure;
import gr.accmr.hub.platform.TransientFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jsoup.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * The part of WordPress's REST API ({@code /wp/v2}) the adapter uses, over one JDK HTTP client
 * with timeouts, authenticated with an application password (HTTP Basic): posts by slug, created,
 * updated and trashed, and categories and tags by name.
 *
 * <p>Every answer is classified here, once: no answer, a timeout, 5xx, 408 and 429 mean WordPress
 * is down or busy, and refused credentials or a missing REST API are the operator's to fix, so all
 * of these are {@link TransientFailure}s (the stage waits, nothing is dead-lettered); any other 4xx
 * refuses the content of this one notice and is a {@link PermanentFailure}. A {@code Retry-After}
 * is obeyed: until it passes, calls fail at once without a request.
 */
final class WordPressClient {

    /** A post as WordPress answered it. */
    record Post(long id, String link, String status) {}

    /** Statuses a post of the hub can have; {@code any} alone would leave out the trash. */
    private static final String ALL_STATUSES = "publish,future,draft,pending,private,trash";

    private final HttpClient http;
    private final String site;
    private final boolean restRoute;
    private final String authorization;
    private final Duration timeout;
    private final Duration maxRetryAfter;
    private final Map<String, Long> terms = new ConcurrentHashMap<>();
    private volatile Instant notBefore = Instant.EPOCH;

    WordPressClient(WebsiteProperties.WordPress settings) {
        if (settings.url().isBlank()) {
            throw new IllegalStateException("hub.website.adapter=wordpress needs hub.website.wordpress.url");
        }
        String url = settings.url().replaceAll("/+$", "");
        this.restRoute = !url.endsWith("/wp-json");
        this.site = url;
        // WordPress shows application passwords in groups of four; it accepts them with or without spaces.
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((settings.username() + ":" + settings.applicationPassword())
                                .getBytes(StandardCharsets.UTF_8));
        this.timeout = settings.timeout();
        this.maxRetryAfter = settings.maxRetryAfter();
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                // A redirect would turn a POST into a GET (http → https): the address must be the right one.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A post's address that never changes: WordPress redirects it to the permalink of the day. */
    String postAddress(long id) {
        return (restRoute ? site : site.substring(0, site.length() - "/wp-json".length())) + "/?p=" + id;
    }

    /** The hub's post with this slug, in any status, or empty; needs the edit context to see drafts. */
    Optional<Post> findBySlug(String slug) {
        // A trashed post's slug gets "__trashed" appended by WordPress.
        JsonNode found = expect(
                call(
                        "GET",
                        "/wp/v2/posts",
                        query("slug", slug + "," + slug + "__trashed", "status", ALL_STATUSES, "context", "edit"),
                        null),
                "finding post " + slug);
        return found.isArray() && !found.isEmpty() ? Optional.of(post(found.get(0))) : Optional.empty();
    }

    Post create(ObjectNode fields) {
        return post(expect(call("POST", "/wp/v2/posts", Map.of(), fields), "creating a post"));
    }

    /** Updates the post; empty when it no longer exists (an editor deleted it for good). */
    Optional<Post> update(long id, ObjectNode fields) {
        Answer answer = call("POST", "/wp/v2/posts/" + id, Map.of(), fields);
        if (answer.status() == 404 || answer.status() == 410 && !"rest_already_trashed".equals(answer.code())) {
            return Optional.empty();
        }
        return Optional.of(post(expect(answer, "updating post " + id)));
    }

    /** Moves the post to the trash; a post already there, or gone, is fine as it is. */
    void trash(long id) {
        Answer answer = call("DELETE", "/wp/v2/posts/" + id, Map.of(), null);
        if (answer.status() == 404 || answer.status() == 410) {
            return;
        }
        expect(answer, "trashing post " + id);
    }

    /** Id of the category or tag with this name, created when missing; kept for the life of the hub. */
    long term(String taxonomy, String name) {
        String key = taxonomy + "\n" + name;
        Long known = terms.get(key);
        if (known != null) {
            return known;
        }
        long id = findTerm(taxonomy, name).orElseGet(() -> createTerm(taxonomy, name));
        terms.put(key, id);
        return id;
    }

    private Optional<Long> findTerm(String taxonomy, String name) {
        JsonNode found = expect(
                call("GET", "/wp/v2/" + taxonomy, query("search", name, "per_page", "100", "context", "edit"), null),
                "finding " + taxonomy + " " + name);
        for (JsonNode term : found) {
            // WordPress keeps term names HTML-escaped ("Food &amp; shelter").
            if (Parser.unescapeEntities(term.path("name").asText(), false).equalsIgnoreCase(name)) {
                return Optional.of(term.path("id").asLong());
            }
        }
        return Optional.empty();
    }

    private long createTerm(String taxonomy, String name) {
        ObjectNode fields = NoticeJson.mapper().createObjectNode().put("name", name);
        Answer answer = call("POST", "/wp/v2/" + taxonomy, Map.of(), fields);
        if (answer.status() == 400 && "term_exists".equals(answer.code())) {
            // Made by someone else since the search (or the search missed it): the answer names it.
            return answer.body().path("data").path("term_id").asLong();
        }
        return expect(answer, "creating " + taxonomy + " " + name).path("id").asLong();
    }

    private static Post post(JsonNode node) {
        return new Post(
                node.path("id").asLong(),
                node.path("link").asText(""),
                node.path("status").asText(""));
    }

    /** What WordPress answered, the transient failures already thrown. */
    private record Answer(int status, JsonNode body, String what) {
        String code() {
            return body.path("code").asText("");
        }
    }

    private static Map<String, String> query(String... pairs) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put(pairs[i], pairs[i + 1]);
        }
        return query;
    }

    private URI uri(String route, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(site);
        char separator;
        if (restRoute) {
            uri.append("/?rest_route=").append(encode(route));
            separator = '&';
        } else {
            uri.append(route);
            separator = '?';
        }
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            uri.append(separator).append(parameter.getKey()).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("%2F", "/")
                .replace("%2C", ",");
    }

    private Answer call(String method, String route, Map<String, String> query, @Nullable ObjectNode body) {
        String what = method + " " + route;
        Instant wait = notBefore;
        if (Instant.now().isBefore(wait)) {
            throw new TransientFailure("WordPress asked the hub to wait until " + wait + " (Retry-After)");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(route, query))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TransientFailure("WordPress at " + site + " did not answer " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while waiting for WordPress", e);
        }
        int status = response.statusCode();
        JsonNode json = readJson(response.body());
        Answer answer = new Answer(status, json, what);
        if (status == 429 || status == 408 || status >= 500) {
            retryAfter(response);
            throw new TransientFailure("WordPress answered " + what + " with HTTP " + status + describe(answer));
        }
        if (status == 401 || status == 403) {
            // A wrong application password is answered as an anonymous request (401 rest_cannot_create).
            throw new TransientFailure("WordPress refused the hub's credentials for " + what + " (HTTP " + status
                    + describe(answer) + "): check hub.website.wordpress.username and application-password, and"
                    + " that the user may publish posts (Editor)");
        }
        if (status == 404 && (!json.has("code") || "rest_no_route".equals(answer.code()))) {
            throw new TransientFailure("no WordPress REST API at " + site + " (" + what + " answered 404"
                    + describe(answer) + "): check hub.website.wordpress.url");
        }
        return answer;
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return NoticeJson.mapper().writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a WordPress request", e);
        }
    }

    private JsonNode expect(Answer answer, String doing) {
        if (answer.status() / 100 == 2) {
            return answer.body();
        }
        throw new PermanentFailure("WordPress refused " + doing + ": HTTP " + answer.status() + describe(answer));
    }

    private static String describe(Answer answer) {
        String code = answer.code();
        String message = answer.body().path("message").asText("");
        return code.isEmpty() ? "" : " " + code + (message.isEmpty() ? "" : ": " + message);
    }

    private static JsonNode readJson(String body) {
        try {
            return body.isBlank()
                    ? NoticeJson.mapper().missingNode()
                    : NoticeJson.mapper().readTree(body);
        } catch (IOException e) {
            // An HTML error page from a proxy or PHP: its status says what happened.
            return NoticeJson.mapper().missingNode();
        }
    }

    /** Remembers a {@code Retry-After} (seconds or an HTTP date), capped so a bad header cannot stop the site. */
    private void retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Instant until;
        try {
            until = now.plusSeconds(Long.parseLong(header.get().trim()));
        } catch (NumberFormatException e) {
            try {
                until = ZonedDateTime.parse(header.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            } catch (DateTimeParseException unreadable) {
                return;
            }
        }
        Instant latest = now.plus(maxRetryAfter);
        notBefore = until.isAfter(latest) ? latest : until;
    }
}
