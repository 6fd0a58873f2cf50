package gr.accmr.hub.fanout.website;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.notice.NoticeJson;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The real WordPress the tests run against, as {@code .ci/wordpress-setup.sh} left it: its
 * address, user and application password from {@code /etc/partner-hub-test/wordpress.properties}
 * (or the file named by {@code WORDPRESS_TEST_PROPERTIES}), and a REST client to look at posts.
 */
public record WordPressTestSite(String url, String username, String applicationPassword) {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** The site, or the test is skipped, saying why, where WordPress is not installed or does not answer. */
    public static WordPressTestSite require() {
        Path file = Path.of(System.getenv()
                .getOrDefault("WORDPRESS_TEST_PROPERTIES", "/etc/partner-hub-test/wordpress.properties"));
        assumeTrue(
                Files.isReadable(file),
                "no WordPress to test against: " + file + " is missing; run .ci/wordpress-setup.sh (as root)");
        Properties site = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            site.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = site.getProperty("url", "");
        int status;
        try {
            status = CLIENT.send(
                            HttpRequest.newBuilder(URI.create(url + "/?rest_route=/"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException | IllegalArgumentException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        assumeTrue(
                status == 200,
                "WordPress at " + url + " does not answer (" + status + "); run .ci/wordpress-setup.sh (as root)");
        return new WordPressTestSite(url, site.getProperty("username"), site.getProperty("application-password"));
    }

    /** The one post WordPress has with this slug, in any status. */
    JsonNode onlyPost(String slug) {
        JsonNode found = call(
                "GET",
                "/wp/v2/posts",
                "&context=edit&status=publish,future,draft,pending,private,trash&slug="
                        + URLEncoder.encode(slug + "," + slug + "__trashed", StandardCharsets.UTF_8),
                null);
        assertThat(found).as("posts with slug %s", slug).hasSize(1);
        return found.get(0);
    }

    /**
     * How many posts, in any status, carry each notice's slug in the language: 1 for a notice
     * delivered once, more for one posted twice; notices without a post are left out.
     */
    public Map<String, Integer> postsPerNotice(Collection<String> noticeIds, String language) {
        Map<String, String> notices = new HashMap<>();
        noticeIds.forEach(id -> notices.put(WordPressChannel.slug(id, language), id));
        Map<String, Integer> counts = new HashMap<>();
        List<String> slugs = List.copyOf(notices.keySet());
        // WordPress takes a list of slugs; a trashed post's slug carries "__trashed".
        for (int from = 0; from < slugs.size(); from += 40) {
            List<String> some = slugs.subList(from, Math.min(slugs.size(), from + 40));
            String wanted = some.stream()
                    .flatMap(slug -> Stream.of(slug, slug + "__trashed"))
                    .collect(Collectors.joining(","));
            JsonNode found = call(
                    "GET",
                    "/wp/v2/posts",
                    "&context=edit&per_page=100&_fields=id,slug&status=publish,future,draft,pending,private,trash&slug="
                            + URLEncoder.encode(wanted, StandardCharsets.UTF_8),
                    null);
            for (JsonNode post : found) {
                String slug = post.path("slug").asText().replace("__trashed", "");
                counts.merge(notices.get(slug), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** A REST call as the test user; fails the test unless WordPress answers 2xx. */
    JsonNode call(String method, String route, String query, @Nullable String body) {
        String credentials = username + ":" + applicationPassword;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/?rest_route=" + route + query))
                .timeout(Duration.ofSeconds(10))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
            return NoticeJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
