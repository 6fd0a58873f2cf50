package gr.accmr.hub.fanout.website;

import static gr.accmr.hub.fanout.website.WordPressFixtures.ARABIC;
import static gr.accmr.hub.fanout.website.WordPressFixtures.ENGLISH;
import static gr.accmr.hub.fanout.website.WordPressFixtures.GREEK;
import static gr.accmr.hub.fanout.website.WordPressFixtures.newExternalId;
import static gr.accmr.hub.fanout.website.WordPressFixtures.notice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.HubITSupport;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The WordPress adapter against a real, stock WordPress: Debian's package with MariaDB and Apache,
 * installed and started by {@code .ci/wordpress-setup.sh}, which writes the site's address and an
 * application password to {@code /etc/partner-hub-test/wordpress.properties} (or the file named
 * by {@code WORDPRESS_TEST_PROPERTIES}). Skipped, saying why, where that WordPress does not run.
 */
class WordPressIT extends HubITSupport {

    private static WordPressTestSite site;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    private final List<WordPressChannel> channels = new ArrayList<>();

    @BeforeAll
    static void wordpressRuns() {
        site = WordPressTestSite.require();
    }

    @AfterEach
    void stopChannels() {
        channels.forEach(WordPressChannel::destroy);
    }

    private WordPressChannel channel(WebsiteProperties.Removal removal) {
        WordPressChannel channel = new WordPressChannel(
                jdbc,
                transactions,
                WordPressFixtures.settings(site.url(), site.username(), site.applicationPassword(), removal, false),
                null);
        channels.add(channel);
        return channel;
    }

    @Test
    void keepsOnePostPerLanguageLinkedToTheOthersAndUpdatesItInPlace() {
        WordPressChannel channel = channel(WebsiteProperties.Removal.DRAFT);
        String externalId = newExternalId();
        Notice first = notice(externalId, 1, Map.of("en", ENGLISH, "el", GREEK, "ar", ARABIC));

        channel.publishAll(List.of(first));

        JsonNode english = onlyPost(first, "en");
        JsonNode greek = onlyPost(first, "el");
        JsonNode arabic = onlyPost(first, "ar");
        assertThat(List.of(english, greek, arabic))
                .allSatisfy(post -> assertThat(post.path("status").asText()).isEqualTo("publish"));
        assertThat(english.path("title").path("raw").asText()).isEqualTo(ENGLISH.title());
        String englishContent = english.path("content").path("raw").asText();
        assertThat(englishContent)
                .contains("lang=\"en\"", "dir=\"ltr\"", "<b>Friday</b>", "https://www.refugee.info/greece/")
                .contains(
                        "/?p=" + greek.path("id").asLong(),
                        "/?p=" + arabic.path("id").asLong())
                .contains("Ελληνικά", "العربية")
                // The municipal site links to web pages only.
                .doesNotContain("mailto:");
        assertThat(arabic.path("content").path("raw").asText())
                .contains(
                        "dir=\"rtl\"",
                        "lang=\"ar\"",
                        "/?p=" + english.path("id").asLong());
        assertThat(names("categories", english.path("categories"))).contains("Asylum", "Food &amp; shelter");
        assertThat(names("tags", english.path("tags"))).contains("irc-api", "notice", "urgent");
        assertThat(channel.reference(first)).isEqualTo(english.path("link").asText());

        Translation changed = new Translation(
                "Το γραφείο ασύλου ανοίγει ξανά τη Δευτέρα", "", "<p>Ανοίγει ξανά.</p>", "Ανοίγει ξανά.", "ltr", null);
        Notice second = notice(externalId, 2, Map.of("en", ENGLISH, "el", changed, "ar", ARABIC));
        channel.publishAll(List.of(second));
        // A redelivered older version changes nothing.
        channel.publishAll(List.of(first));

        JsonNode greekAgain = onlyPost(second, "el");
        assertThat(greekAgain.path("id").asLong()).isEqualTo(greek.path("id").asLong());
        assertThat(greekAgain.path("title").path("raw").asText()).isEqualTo(changed.title());
        assertThat(onlyPost(second, "en").path("id").asLong())
                .isEqualTo(english.path("id").asLong());
    }

    @Test
    void aTranslationAddedLaterGetsItsPostAndTheOthersLinkToIt() {
        WordPressChannel channel = channel(WebsiteProperties.Removal.DRAFT);
        String externalId = newExternalId();
        channel.publishAll(List.of(notice(externalId, 1, Map.of("en", ENGLISH))));
        Notice second = notice(externalId, 2, Map.of("en", ENGLISH, "ar", ARABIC));

        channel.publishAll(List.of(second));

        JsonNode arabic = onlyPost(second, "ar");
        assertThat(onlyPost(second, "en").path("content").path("raw").asText())
                .contains("/?p=" + arabic.path("id").asLong());
    }

    @Test
    void retractionMakesThePostsDraftsOrTrashesThemWhenConfigured() {
        String drafted = newExternalId();
        WordPressChannel draft = channel(WebsiteProperties.Removal.DRAFT);
        draft.publishAll(List.of(notice(drafted, 1, Map.of("en", ENGLISH, "el", GREEK))));
        Notice retracted = notice(drafted, 2, Map.of("en", ENGLISH, "el", GREEK), Notice.Status.RETRACTED, null);
        draft.publishAll(List.of(retracted));
        assertThat(onlyPost(retracted, "en").path("status").asText()).isEqualTo("draft");
        assertThat(onlyPost(retracted, "el").path("status").asText()).isEqualTo("draft");

        String trashed = newExternalId();
        WordPressChannel trash = channel(WebsiteProperties.Removal.TRASH);
        trash.publishAll(List.of(notice(trashed, 1, Map.of("en", ENGLISH))));
        Notice gone = notice(trashed, 2, Map.of("en", ENGLISH), Notice.Status.RETRACTED, null);
        trash.publishAll(List.of(gone));
        assertThat(onlyPost(gone, "en").path("status").asText()).isEqualTo("trash");
    }

    @Test
    void anExpiredNoticesPostsBecomeDrafts() {
        WordPressChannel channel = channel(WebsiteProperties.Removal.DRAFT);
        Notice expiring = notice(
                newExternalId(),
                1,
                Map.of("en", ENGLISH),
                Notice.Status.PUBLISHED,
                Instant.now().plusSeconds(2));
        channel.publishAll(List.of(expiring));
        assertThat(onlyPost(expiring, "en").path("status").asText()).isEqualTo("publish");

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    channel.hideExpired();
                    assertThat(onlyPost(expiring, "en").path("status").asText()).isEqualTo("draft");
                });
    }

    @Test
    void aPostMadeJustBeforeACrashIsFoundAndUpdatedNotMadeTwice() throws Exception {
        WordPressChannel channel = channel(WebsiteProperties.Removal.DRAFT);
        Notice notice = notice(newExternalId(), 1, Map.of("en", ENGLISH));
        // What a crash between making the post and recording it leaves: a draft with the slug, no record.
        JsonNode made = wordpress(
                "POST",
                "/wp/v2/posts",
                "",
                "{\"slug\":\"" + WordPressChannel.slug(notice.id(), "en")
                        + "\",\"status\":\"draft\",\"title\":\"half\"}");

        channel.publishAll(List.of(notice));

        JsonNode post = onlyPost(notice, "en");
        assertThat(post.path("id").asLong()).isEqualTo(made.path("id").asLong());
        assertThat(post.path("status").asText()).isEqualTo("publish");
        assertThat(post.path("title").path("raw").asText()).isEqualTo(ENGLISH.title());
    }

    /** The one post WordPress has with the notice's slug in that language, in any status. */
    private JsonNode onlyPost(Notice notice, String language) {
        return site.onlyPost(WordPressChannel.slug(notice.id(), language));
    }

    private List<String> names(String taxonomy, JsonNode ids) {
        return StreamSupport.stream(ids.spliterator(), false)
                .map(id -> wordpress("GET", "/wp/v2/" + taxonomy + "/" + id.asLong(), "", null)
                        .path("name")
                        .asText())
                .toList();
    }

    private JsonNode wordpress(String method, String route, String query, String body) {
        return site.call(method, route, query, body);
    }
}
