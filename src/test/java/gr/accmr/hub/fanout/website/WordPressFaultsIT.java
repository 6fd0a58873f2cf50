package gr.accmr.hub.fanout.website;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static gr.accmr.hub.fanout.website.WordPressFixtures.ENGLISH;
import static gr.accmr.hub.fanout.website.WordPressFixtures.GREEK;
import static gr.accmr.hub.fanout.website.WordPressFixtures.newExternalId;
import static gr.accmr.hub.fanout.website.WordPressFixtures.notice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import gr.accmr.hub.HubITSupport;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.platform.Failures;
import gr.accmr.hub.platform.PermanentFailure;
import gr.accmr.hub.platform.TransientFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The WordPress adapter when WordPress misbehaves, with WireMock in its place: an outage in the
 * middle of a batch, {@code 429} and {@code 503} with {@code Retry-After}, a post left behind by a
 * crash, refused credentials and refused content; and the request Polylang Pro is sent.
 */
class WordPressFaultsIT extends HubITSupport {

    private static final WireMockServer WORDPRESS = startWordPress();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    private final List<WordPressChannel> channels = new ArrayList<>();

    private static WireMockServer startWordPress() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @AfterAll
    static void stopWordPress() {
        WORDPRESS.stop();
    }

    @BeforeEach
    void anEmptySiteWithTerms() {
        WORDPRESS.resetAll();
        WORDPRESS.stubFor(route(get(urlPathEqualTo("/")), "/wp/v2/categories")
                .willReturn(okJson("[{\"id\":3,\"name\":\"Food &amp; shelter\"}]")));
        WORDPRESS.stubFor(route(post(urlPathEqualTo("/")), "/wp/v2/categories").willReturn(okJson("{\"id\":4}")));
        WORDPRESS.stubFor(route(get(urlPathEqualTo("/")), "/wp/v2/tags").willReturn(okJson("[]")));
        // Made meanwhile by someone else: WordPress names the existing term.
        WORDPRESS.stubFor(
                route(post(urlPathEqualTo("/")), "/wp/v2/tags")
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"code\":\"term_exists\",\"message\":\"exists\",\"data\":{\"status\":400,\"term_id\":9}}")));
    }

    @AfterEach
    void stopChannels() {
        channels.forEach(WordPressChannel::destroy);
    }

    private WordPressChannel channel(WebsiteProperties.Removal removal, boolean polylang) {
        WordPressChannel channel = new WordPressChannel(
                jdbc,
                transactions,
                WordPressFixtures.settings(WORDPRESS.baseUrl(), "hub", "abcd efgh ijkl mnop", removal, polylang),
                null);
        channels.add(channel);
        return channel;
    }

    @Test
    void anOutageInTheMiddleOfABatchDelaysItAndNeverLosesOrDoublesAPost() {
        WordPressChannel channel = channel(WebsiteProperties.Removal.DRAFT, false);
        List<Notice> batch = List.of(
                notice(newExternalId(), 1, Map.of("en", ENGLISH)),
                notice(newExternalId(), 1, Map.of("en", ENGLISH)),
                notice(newExternalId(), 1, Map.of("en", ENGLISH)),
                notice(newExternalId(), 1, Map.of("en", ENGLISH, "el", GREEK)));
        for (int i = 0; i < 3; i++) {
            canBeCreated(WordPressChannel.slug(batch.get(i).id(), "en"), 101 + i);
        }
        canBeCreated(WordPressChannel.slug(batch.get(3).id(), "el"), 201);
        canBeCreated(WordPressChannel.slug(batch.get(3).id(), "en"), 202);
        // The connection drops as the third notice's post is made and as the fourth's Greek post is
        // linked to its English one, made just before.
        List<StubMapping> down = List.of(
                WORDPRESS.stubFor(createOf(WordPressChannel.slug(batch.get(2).id(), "en"))
                        .atPriority(1)
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))),
                WORDPRESS.stubFor(route(post(urlPathEqualTo("/")), "/wp/v2/posts/201")
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(502))));

        assertThatThrownBy(() -> channel.publishAll(batch))
                .isInstanceOf(TransientFailure.class)
                .satisfies(failure -> assertThat(Failures.isTransient(failure)).isTrue());
        down.forEach(WORDPRESS::removeStub);
        // The stage delivers the same batch again once WordPress is back.
        channel.publishAll(batch);
        channel.publishAll(batch);

        for (Notice notice : batch) {
            for (String language : notice.translations().keySet()) {
                String slug = WordPressChannel.slug(notice.id(), language);
                assertThat(made(slug)).as("posts made with slug %s", slug).isEqualTo(1);
            }
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM website_wordpress_post WHERE notice_id = ?",
                            Integer.class,
                            notice.id()))
                    .isEqualTo(notice.translations().size());
            assertThat(channel.reference(notice)).startsWith("http://wordpress.test/");
        }
        // The Greek post links to the English one in the end.
        WORDPRESS.verify(postRequestedFor(urlPathEqualTo("/"))
                .withQueryParam("rest_route", equalTo("/wp/v2/posts/201"))
                .withRequestBody(matchingJsonPath("$.content", containing("/?p=202"))));
    }

    @Test
    void a429WithRetryAfterIsObeyedWithoutFurtherRequests() {
        WordPressChannel channel = channel(WebsiteProperties.Removal.DRAFT, false);
        Notice notice = notice(newExternalId(), 1, Map.of("en", ENGLISH));
        String slug = WordPressChannel.slug(notice.id(), "en");
        canBeCreated(slug, 500);
        StubMapping busy = WORDPRESS.stubFor(createOf(slug)
                .atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));

        assertThatThrownBy(() -> channel.publishAll(List.of(notice))).isInstanceOf(TransientFailure.class);
        WORDPRESS.removeStub(busy);
        int requests = WORDPRESS.findAll(anyRequestedFor(urlPathEqualTo("/"))).size();
        assertThatThrownBy(() -> channel.publishAll(List.of(notice)))
                .isInstanceOf(TransientFailure.class)
                .hasMessageContaining("Retry-After");
        assertThat(WORDPRESS.findAll(anyRequestedFor(urlPathEqualTo("/")))).hasSize(requests);

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(TransientFailure.class)
                .untilAsserted(() -> channel.publishAll(List.of(notice)));
        WORDPRESS.verify(2, createRequest(slug));
    }

    @Test
    void a503IsAnOutageThatPasses() {
        WordPressChannel channel = channel(WebsiteProperties.Removal.DRAFT, false);
        Notice notice = notice(newExternalId(), 1, Map.of("en", ENGLISH));
        String slug = WordPressChannel.slug(notice.id(), "en");
        canBeCreated(slug, 600);
        StubMapping maintenance = WORDPRESS.stubFor(any(urlPathEqualTo("/"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Retry-After", "1")
                        .withBody("<h1>Maintenance</h1>")));

        assertThatThrownBy(() -> channel.publishAll(List.of(notice)))
                .isInstanceOf(TransientFailure.class)
                .hasMessageContaining("503");
        WORDPRESS.removeStub(maintenance);

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(TransientFailure.class)
                .untilAsserted(() -> channel.publishAll(List.of(notice)));
        WORDPRESS.verify(1, createRequest(slug));
    }

    @Test
    void aPostLeftBehindByACrashIsFoundBySlugAndUpdatedNotMadeTwice() {
        WordPressChannel channel = channel(WebsiteProperties.Removal.DRAFT, false);
        Notice notice = notice(newExternalId(), 1, Map.of("en", ENGLISH));
        String slug = WordPressChannel.slug(notice.id(), "en");
        WORDPRESS.stubFor(findOf(slug).willReturn(okJson("[" + postBody(77, "draft") + "]")));
        WORDPRESS.stubFor(updateOf(77).willReturn(okJson(postBody(77, "publish"))));

        channel.publishAll(List.of(notice));

        WORDPRESS.verify(
                0, postRequestedFor(urlPathEqualTo("/")).withQueryParam("rest_route", equalTo("/wp/v2/posts")));
        WORDPRESS.verify(
                1,
                postRequestedFor(urlPathEqualTo("/"))
                        .withQueryParam("rest_route", equalTo("/wp/v2/posts/77"))
                        .withRequestBody(matchingJsonPath("$.status", equalTo("publish"))));
        // Drafts are found only with the edit context, and the trash only when asked for.
        WORDPRESS.verify(getRequestFor("/wp/v2/posts")
                .withQueryParam("context", equalTo("edit"))
                .withQueryParam("status", containing("draft"))
                .withQueryParam("status", containing("trash")));
        assertThat(jdbc.queryForObject(
                        "SELECT post_id FROM website_wordpress_post WHERE notice_id = ?", Long.class, notice.id()))
                .isEqualTo(77L);
    }

    @Test
    void refusedCredentialsMakeTheStageWaitInsteadOfDeadLettering() {
        WordPressChannel channel = channel(WebsiteProperties.Removal.DRAFT, false);
        WORDPRESS.stubFor(
                any(urlPathEqualTo("/"))
                        .atPriority(1)
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"code\":\"rest_cannot_create\",\"message\":\"Sorry, you are not allowed to create posts as this user.\",\"data\":{\"status\":401}}")));

        assertThatThrownBy(() -> channel.publishAll(List.of(notice(newExternalId(), 1, Map.of("en", ENGLISH)))))
                .isInstanceOf(TransientFailure.class)
                .hasMessageContaining("credentials")
                .hasMessageContaining("hub.website.wordpress.username");
        WORDPRESS.verify(anyRequestedFor(urlPathEqualTo("/"))
                .withHeader(
                        "Authorization",
                        equalTo("Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString("hub:abcd efgh ijkl mnop"
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    }

    @Test
    void contentWordPressRefusesIsAPermanentFailureOfThatNotice() {
        WordPressChannel channel = channel(WebsiteProperties.Removal.DRAFT, false);
        Notice notice = notice(newExternalId(), 1, Map.of("en", ENGLISH));
        WORDPRESS.stubFor(findOf(WordPressChannel.slug(notice.id(), "en")).willReturn(okJson("[]")));
        WORDPRESS.stubFor(
                createOf(WordPressChannel.slug(notice.id(), "en"))
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"code\":\"rest_invalid_param\",\"message\":\"Invalid parameter(s): date_gmt\",\"data\":{\"status\":400}}")));

        assertThatThrownBy(() -> channel.publishAll(List.of(notice)))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("rest_invalid_param")
                .satisfies(failure -> assertThat(Failures.isTransient(failure)).isFalse());
    }

    @Test
    void polylangIsToldEachPostsLanguageAndTranslations() {
        WordPressChannel channel = channel(WebsiteProperties.Removal.DRAFT, true);
        Notice notice = notice(newExternalId(), 1, Map.of("en", ENGLISH, "el", GREEK));
        canBeCreated(WordPressChannel.slug(notice.id(), "el"), 201);
        canBeCreated(WordPressChannel.slug(notice.id(), "en"), 202);

        channel.publishAll(List.of(notice));

        WORDPRESS.verify(postRequestedFor(urlPathEqualTo("/"))
                .withQueryParam("rest_route", equalTo("/wp/v2/posts/201"))
                .withRequestBody(matchingJsonPath("$.lang", equalTo("el")))
                .withRequestBody(matchingJsonPath("$.translations.el", equalTo("201")))
                .withRequestBody(matchingJsonPath("$.translations.en", equalTo("202")))
                .withRequestBody(matchingJsonPath("$.categories[0]", equalTo("4")))
                .withRequestBody(matchingJsonPath("$.categories[1]", equalTo("3")))
                .withRequestBody(matchingJsonPath("$.tags[0]", equalTo("9"))));
        WORDPRESS.verify(createRequest(WordPressChannel.slug(notice.id(), "en"))
                .withRequestBody(matchingJsonPath("$.lang", equalTo("en")))
                .withRequestBody(matchingJsonPath("$.translations.el", equalTo("201"))));
    }

    @Test
    void retractionTrashesThePostsWhenConfigured() {
        WordPressChannel channel = channel(WebsiteProperties.Removal.TRASH, false);
        String externalId = newExternalId();
        canBeCreated(WordPressChannel.slug("irc-api:" + externalId, "en"), 301);
        channel.publishAll(List.of(notice(externalId, 1, Map.of("en", ENGLISH))));
        WORDPRESS.stubFor(
                route(delete(urlPathEqualTo("/")), "/wp/v2/posts/301").willReturn(okJson(postBody(301, "trash"))));

        Notice retracted = notice(externalId, 2, Map.of("en", ENGLISH), Notice.Status.RETRACTED, null);
        channel.publishAll(List.of(retracted));
        channel.publishAll(List.of(retracted));

        WORDPRESS.verify(
                1, deleteRequestedFor(urlPathEqualTo("/")).withQueryParam("rest_route", equalTo("/wp/v2/posts/301")));
    }

    // --- a WordPress that remembers posts by slug, one WireMock scenario per post ---

    /** No post with the slug until one is made; then it is found, and can be updated. */
    private void canBeCreated(String slug, long id) {
        WORDPRESS.stubFor(findOf(slug)
                .inScenario(slug)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("[]")));
        WORDPRESS.stubFor(createOf(slug)
                .inScenario(slug)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("made")
                .willReturn(okJson(postBody(id, "publish")).withStatus(201)));
        WORDPRESS.stubFor(findOf(slug)
                .inScenario(slug)
                .whenScenarioStateIs("made")
                .willReturn(okJson("[" + postBody(id, "draft") + "]")));
        WORDPRESS.stubFor(updateOf(id).willReturn(okJson(postBody(id, "publish"))));
    }

    /** Posts WordPress made with this slug: requests it answered 201 (a dropped connection made none). */
    private static long made(String slug) {
        return WORDPRESS.getAllServeEvents().stream()
                .filter(event -> event.getResponse().getStatus() == 201)
                .filter(event -> event.getRequest().getBodyAsString().contains("\"slug\":\"" + slug + "\""))
                .count();
    }

    private static String postBody(long id, String status) {
        return "{\"id\":" + id + ",\"status\":\"" + status + "\",\"link\":\"http://wordpress.test/?p=" + id + "\"}";
    }

    private static MappingBuilder route(MappingBuilder request, String route) {
        return request.withQueryParam("rest_route", equalTo(route));
    }

    private static MappingBuilder findOf(String slug) {
        return route(get(urlPathEqualTo("/")), "/wp/v2/posts").withQueryParam("slug", containing(slug));
    }

    private static MappingBuilder createOf(String slug) {
        return route(post(urlPathEqualTo("/")), "/wp/v2/posts")
                .withRequestBody(matchingJsonPath("$.slug", equalTo(slug)));
    }

    private static MappingBuilder updateOf(long id) {
        return route(post(urlPathEqualTo("/")), "/wp/v2/posts/" + id);
    }

    private static RequestPatternBuilder createRequest(String slug) {
        return postRequestedFor(urlPathEqualTo("/"))
                .withQueryParam("rest_route", equalTo("/wp/v2/posts"))
                .withRequestBody(matchingJsonPath("$.slug", equalTo(slug)));
    }

    private static RequestPatternBuilder getRequestFor(String route) {
        return com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/"))
                .withQueryParam("rest_route", equalTo(route));
    }
}
