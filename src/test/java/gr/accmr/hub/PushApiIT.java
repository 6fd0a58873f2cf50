package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** IRC pushes translated notices over the signed API; bad requests get clear problems, nothing twice. */
class PushApiIT extends HubITSupport {

    private static final String NOTICE = """
            {"externalId": "%s", "kind": "notice", "urgency": "urgent",
             "publishedAt": "2026-11-26T10:00:00Z", "expiresAt": null, "categories": ["Asylum"],
             "translations": {
               "en": {"title": "Asylum office closed on Friday", "bodyHtml": "<p>Closed on <b>Friday</b>.</p><script>x()</script>",
                      "url": "https://www.refugee.info/greece/asylum-office"},
               "ar": {"title": "مكتب اللجوء مغلق يوم الجمعة", "bodyHtml": "<p>مغلق يوم الجمعة.</p>"},
               "fa-IR": {"title": "دفتر پناهندگی جمعه بسته است", "bodyText": "دفتر پناهندگی روز جمعه بسته است."}}}
            """;

    private final HttpClient client = HttpClient.newHttpClient();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void acceptsASignedNoticeOnlyOnceKafkaHasItAndDeliversItToTheChannels() {
        String body = NOTICE.formatted("irc-2026-0042");
        HttpResponse<String> response = push("irc-api", body, "msg_" + UUID.randomUUID(), PUSH_SECRET);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response.body()).get("noticeId").asText()).isEqualTo("irc-api:irc-2026-0042");
        // Accepted means on Kafka: the raw record is there, byte for byte, the moment 202 came back.
        var raw = records("hub.inbound.raw", "irc-api:irc-2026-0042");
        assertThat(raw).hasSize(1);
        assertThat(new String(raw.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(body);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(http("/api/v1/archive/notices/irc-api:irc-2026-0042", true)
                                .statusCode())
                        .isEqualTo(200));
        JsonNode notice =
                getJson("/api/v1/archive/notices/irc-api:irc-2026-0042").get("notice");
        assertThat(notice.get("urgency").asText()).isEqualTo("urgent");
        assertThat(notice.get("categories").get(0).asText()).isEqualTo("asylum");
        assertThat(notice.at("/translations/ar/dir").asText()).isEqualTo("rtl");
        assertThat(notice.at("/translations/fa/title").asText()).isEqualTo("دفتر پناهندگی جمعه بسته است");
        assertThat(notice.at("/translations/en/bodyHtml").asText())
                .contains("<b>Friday</b>")
                .doesNotContain("script");
    }

    @Test
    void answersARetriedDeliveryAsADuplicateAndWritesNothingMore() {
        String id = "msg_" + UUID.randomUUID();
        String body = NOTICE.formatted("irc-2026-0043");

        assertThat(push("irc-api", body, id, PUSH_SECRET).statusCode()).isEqualTo(202);
        HttpResponse<String> again = push("irc-api", body, id, PUSH_SECRET);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(records("hub.inbound.raw", "irc-api:irc-2026-0043")).hasSize(1);
    }

    @Test
    void countsAWebhookIdAsDeliveredOnlyWithTheKafkaOffsetOfItsAcknowledgedRecord() {
        String id = "msg_" + UUID.randomUUID();

        assertThat(push("irc-api", NOTICE.formatted("irc-2026-0050"), id, PUSH_SECRET)
                        .statusCode())
                .isEqualTo(202);

        var raw = records("hub.inbound.raw", "irc-api:irc-2026-0050");
        assertThat(raw).hasSize(1);
        Map<String, Object> delivery = jdbc.queryForMap(
                "SELECT state, kafka_partition, kafka_offset FROM push_delivery WHERE partner = ? AND webhook_id = ?",
                "irc-api",
                id);
        assertThat(delivery.get("state")).isEqualTo("delivered");
        assertThat(delivery.get("kafka_partition")).isEqualTo(raw.get(0).partition());
        assertThat(delivery.get("kafka_offset")).isEqualTo(raw.get(0).offset());
    }

    @Test
    void tellsARetryWhileTheFirstAttemptIsInFlightToComeBackInsteadOfCallingItADuplicate() {
        String id = "msg_" + UUID.randomUUID();
        // Another hub instance claimed this webhook-id and waits for Kafka's acknowledgement.
        claimElsewhere("irc-api", id, "irc-api:irc-2026-0051", "1 minute");

        HttpResponse<String> retry = push("irc-api", NOTICE.formatted("irc-2026-0051"), id, PUSH_SECRET);

        assertProblem(retry, 409);
        assertThat(retry.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 10));
        assertThat(records("hub.inbound.raw", "irc-api:irc-2026-0051")).isEmpty();
        assertThat(stateOf("irc-api", id)).isEqualTo("pending");
    }

    @Test
    void takesOverAClaimLeftBehindByACrashedInstanceOnceItsLeaseHasEnded() {
        String id = "msg_" + UUID.randomUUID();
        claimElsewhere("irc-api", id, "irc-api:irc-2026-0052", "-1 second");
        String body = NOTICE.formatted("irc-2026-0052");

        assertThat(push("irc-api", body, id, PUSH_SECRET).statusCode()).isEqualTo(202);
        assertThat(stateOf("irc-api", id)).isEqualTo("delivered");
        HttpResponse<String> again = push("irc-api", body, id, PUSH_SECRET);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(records("hub.inbound.raw", "irc-api:irc-2026-0052")).hasSize(1);
    }

    @Test
    void keepsServingFeedsWhilePushesWaitAndRefusesMorePushesAtOnceWithRetryAfter() throws Exception {
        String waiting = "msg_" + UUID.randomUUID();
        String body = NOTICE.formatted("flood-0001");
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        List<Long> slowSentAt = new ArrayList<>();
        // An open transaction holds this webhook-id's row, so every claim of it waits on PostgreSQL:
        // the pushes are stuck as they would be behind a database or broker that does not answer.
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement insert = lock.prepareStatement(
                    "INSERT INTO push_delivery (partner, webhook_id, notice_id, state, delivered_at)"
                            + " VALUES ('flood', ?, 'flood:flood-0001', 'delivered', now())")) {
                insert.setString(1, waiting);
                insert.executeUpdate();
            }
            for (int i = 0; i < 4; i++) {
                slowSentAt.add(System.nanoTime());
                slow.add(sendAsync(pushRequest("flood", body, waiting)));
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                            + " AND query LIKE '%push_delivery%'",
                                    Integer.class)
                            >= 4);

            // Every push worker waits now: a burst is refused at once, and the site still answers.
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            long burstSentAt = System.nanoTime();
            for (int i = 0; i < 40; i++) {
                burst.add(sendAsync(pushRequest("flood", NOTICE.formatted("flood-1" + i), "msg_" + UUID.randomUUID())));
            }
            long feedSentAt = System.nanoTime();
            assertThat(http("/feeds/en.json", false).statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - feedSentAt)).isLessThan(Duration.ofSeconds(2));
            for (CompletableFuture<HttpResponse<String>> refused : burst) {
                HttpResponse<String> answer = refused.get(10, TimeUnit.SECONDS);
                assertProblem(answer, 503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - burstSentAt)).isLessThan(Duration.ofSeconds(3));

            for (int i = 0; i < slow.size(); i++) {
                HttpResponse<String> answer = slow.get(i).get(15, TimeUnit.SECONDS);
                assertProblem(answer, 503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                assertThat(Duration.ofNanos(System.nanoTime() - slowSentAt.get(i)))
                        .isLessThan(Duration.ofSeconds(10));
            }
            lock.rollback();
        }
        // The workers carried on after their answers: one delivered the notice, once, and said so.
        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(stateOf("flood", waiting)));
        HttpResponse<String> retry = push("flood", body, waiting, PUSH_SECRET);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(records("hub.inbound.raw", "flood:flood-0001")).hasSize(1);
    }

    @Test
    void acceptsTheOldSecretDuringAKeyRotation() {
        assertThat(push("irc-api", NOTICE.formatted("irc-rotated"), "msg_" + UUID.randomUUID(), PUSH_OLD_SECRET)
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void retractsANoticeSoTheChannelsDropItAndTheArchiveKeepsIt() {
        assertThat(push("irc-api", NOTICE.formatted("irc-gone"), "msg_" + UUID.randomUUID(), PUSH_SECRET)
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> feedIds("ar").contains("irc-api:irc-gone"));

        // The signed body names the notice, so a captured signature cannot retract another one.
        assertProblem(retract("irc-gone", "{\"externalId\": \"irc-other\"}"), 422);
        assertProblem(retract("irc-gone", ""), 400);
        assertThat(feedIds("ar")).contains("irc-api:irc-gone");

        HttpResponse<String> response = retract("irc-gone", "{\"externalId\": \"irc-gone\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode history = getJson("/api/v1/archive/notices/irc-api:irc-gone");
            assertThat(history.at("/notice/status").asText()).isEqualTo("retracted");
            assertThat(history.get("versions")).hasSize(2);
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !feedIds("ar").contains("irc-api:irc-gone"));
    }

    @Test
    void takesAnExpiredNoticeOffTheSiteAndTheMobileFeedButKeepsItInTheArchive() {
        String body = """
                {"externalId": "irc-brief", "expiresAt": "%s",
                 "translations": {"ar": {"title": "تنبيه قصير", "bodyText": "ينتهي قريبا."}}}
                """.formatted(Instant.now().plusSeconds(6));
        assertThat(push("irc-api", body, "msg_" + UUID.randomUUID(), PUSH_SECRET)
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http("/site/ar/irc-api/irc-brief.html", false).statusCode() == 200);
        assertThat(feedIds("ar")).contains("irc-api:irc-brief");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(http("/site/ar/irc-api/irc-brief.html", false).statusCode())
                    .isEqualTo(404);
            assertThat(http("/site/ar/", false).body()).doesNotContain("irc-brief");
            assertThat(feedIds("ar")).doesNotContain("irc-api:irc-brief");
        });
        assertThat(http("/api/v1/archive/notices/irc-api:irc-brief", true).statusCode())
                .isEqualTo(200);
    }

    @Test
    void mergesATranslationPushedLaterAndMarksItOutdatedWhenTheOriginalChanges() {
        String english = """
                {"externalId": "irc-cash", "originalLanguage": "en", "updatedAt": "2026-11-23T09:00:00Z",
                 "translations": {"en": {"title": "Cash assistance: %s"}}}
                """;
        String arabic = """
                {"externalId": "irc-cash", "updatedAt": "2026-11-24T09:00:00Z",
                 "translations": {"ar": {"title": "المساعدة النقدية: مواعيد جديدة"}}}
                """;
        assertThat(push("irc-api", english.formatted("new dates"), "msg_" + UUID.randomUUID(), PUSH_SECRET)
                        .statusCode())
                .isEqualTo(202);
        assertThat(push("irc-api", arabic, "msg_" + UUID.randomUUID(), PUSH_SECRET)
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode notice =
                    getJson("/api/v1/archive/notices/irc-api:irc-cash").get("notice");
            assertThat(notice.at("/translations/en/title").asText()).isEqualTo("Cash assistance: new dates");
            assertThat(notice.at("/translations/ar/updatedAt").asText()).isEqualTo("2026-11-24T09:00:00Z");
            assertThat(notice.at("/translations/ar/outdated").isMissingNode()).isTrue();
        });
        assertThat(feedIds("ar")).contains("irc-api:irc-cash");

        String edited = english.formatted("dates moved").replace("2026-11-23", "2026-11-25");
        assertThat(push("irc-api", edited, "msg_" + UUID.randomUUID(), PUSH_SECRET)
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode notice =
                    getJson("/api/v1/archive/notices/irc-api:irc-cash").get("notice");
            assertThat(notice.get("version").asInt()).isEqualTo(3);
            assertThat(notice.at("/translations/ar/outdated").asBoolean()).isTrue();
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode item = feedItem("ar", "irc-api:irc-cash");
            assertThat(item.at("/_accmr/outdated").asBoolean()).isTrue();
            assertThat(item.at("/_accmr/originalLanguage").asText()).isEqualTo("en");
            assertThat(http("/site/ar/irc-api/irc-cash.html", false).body()).contains("class=\"outdated\"");
        });

        String withdrawn = """
                {"externalId": "irc-cash", "translations": {"ar": null}}
                """;
        assertThat(push("irc-api", withdrawn, "msg_" + UUID.randomUUID(), PUSH_SECRET)
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode notice =
                    getJson("/api/v1/archive/notices/irc-api:irc-cash").get("notice");
            assertThat(notice.get("version").asInt()).isEqualTo(4);
            assertThat(notice.get("translations").has("ar")).isFalse();
            assertThat(notice.at("/translations/en/title").asText()).isEqualTo("Cash assistance: dates moved");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !feedIds("ar").contains("irc-api:irc-cash"));
    }

    @Test
    void answersBadRequestsWithProblemDetails() {
        String body = NOTICE.formatted("irc-bad");
        String id = "msg_" + UUID.randomUUID();

        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(uri("/api/v1/partners/irc-api/notices"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertProblem(unsigned, 401);
        assertProblem(
                push(
                        "irc-api",
                        body,
                        id,
                        "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24])),
                401);
        // An unknown partner is answered exactly like a wrong signature: its name gives nothing away.
        HttpResponse<String> unknown = push("nobody", body, id, PUSH_SECRET);
        assertProblem(unknown, 401);
        assertThat(unknown.body()).isEqualTo(unsigned.body().replace("irc-api", "nobody"));
        assertProblem(push("irc-api", "{\"externalId\": ", id, PUSH_SECRET), 400);
        HttpResponse<String> invalid =
                push("irc-api", "{\"externalId\": \"x\", \"kind\": \"rumour\", \"translations\": {}}", id, PUSH_SECRET);
        assertProblem(invalid, 422);
        assertThat(json(invalid.body()).get("errors").findValuesAsText("pointer"))
                .contains("/kind", "/translations");
        HttpResponse<String> wrongType =
                send(signed(HttpRequest.newBuilder(uri("/api/v1/partners/irc-api/notices")), body, id, PUSH_SECRET)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        assertThat(wrongType.statusCode()).isEqualTo(415);
        String huge = NOTICE.formatted("irc-huge").replace("Closed on", "x".repeat(300_000));
        assertProblem(push("irc-api", huge, id, PUSH_SECRET), 413);
        assertThat(records("hub.inbound.raw", "irc-api:irc-bad")).isEmpty();
    }

    @Test
    void limitsEachPartnersRateAfterCheckingItsSignature() {
        int accepted = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 3; i++) {
            last = push("hasty", NOTICE.formatted("hasty-" + i), "msg_" + UUID.randomUUID(), PUSH_SECRET);
            accepted += last.statusCode() == 202 ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(2);
        assertProblem(last, 429);
        assertThat(last.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
    }

    @Test
    void servesTheSchemaPubliclyAndDescribesTheAnswersInOpenApi() {
        assertThat(json(http("/api/v1/schemas/push-notice.schema.json", false).body())
                        .get("title")
                        .asText())
                .isEqualTo("Notice pushed by a partner");
        // The description is for signed-in users unless hub.security.public-api-docs says otherwise.
        assertThat(http("/v3/api-docs", false).statusCode()).isEqualTo(401);
        HttpResponse<String> openApi = request("GET", "/v3/api-docs", "admin", ADMIN_PASSWORD, null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        JsonNode post = json(openApi.body()).at("/paths/~1api~1v1~1partners~1{partner}~1notices/post");
        assertThat(post.isMissingNode()).isFalse();
        // The answers partners and fault tests rely on are described, with their Retry-After.
        assertThat(post.at("/responses/202/content").toString())
                .as(post.toString())
                .contains("Accepted");
        assertThat(post.at("/responses/409/headers/Retry-After").isMissingNode())
                .isFalse();
        assertThat(post.at("/responses/503/headers/Retry-After").isMissingNode())
                .isFalse();
    }

    private JsonNode feedItem(String language, String id) {
        for (JsonNode item :
                json(http("/feeds/" + language + ".json", false).body()).get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError(id + " is not in the " + language + " feed");
    }

    private java.util.List<String> feedIds(String language) {
        return json(http("/feeds/" + language + ".json", false).body())
                .get("items")
                .findValuesAsText("id");
    }

    /** A claim of another hub instance, with its lease ending after the given PostgreSQL interval. */
    private void claimElsewhere(String partner, String webhookId, String noticeId, String leaseLeft) {
        jdbc.update(
                "INSERT INTO push_delivery (partner, webhook_id, notice_id, state, claim_id, claimed_by, lease_until)"
                        + " VALUES (?, ?, ?, 'pending', gen_random_uuid(), 'hub-2/4242', now() + ?::interval)",
                partner,
                webhookId,
                noticeId,
                leaseLeft);
    }

    private @Nullable String stateOf(String partner, String webhookId) {
        return jdbc
                .query(
                        "SELECT state FROM push_delivery WHERE partner = ? AND webhook_id = ?",
                        (row, n) -> row.getString(1),
                        partner,
                        webhookId)
                .stream()
                .findFirst()
                .orElse(null);
    }

    private HttpRequest pushRequest(String partner, String body, String webhookId) {
        return signed(
                        HttpRequest.newBuilder(uri("/api/v1/partners/" + partner + "/notices")),
                        body,
                        webhookId,
                        PUSH_SECRET)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> push(String partner, String body, String webhookId, String secret) {
        return send(
                signed(HttpRequest.newBuilder(uri("/api/v1/partners/" + partner + "/notices")), body, webhookId, secret)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    private HttpResponse<String> retract(String externalId, String body) {
        return send(signed(
                        HttpRequest.newBuilder(uri("/api/v1/partners/irc-api/notices/" + externalId)),
                        body,
                        "msg_" + UUID.randomUUID(),
                        PUSH_SECRET)
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static HttpRequest.Builder signed(HttpRequest.Builder request, String body, String id, String secret) {
        long now = Instant.now().getEpochSecond();
        try {
            return request.header("webhook-id", id)
                    .header("webhook-timestamp", String.valueOf(now))
                    .header("webhook-signature", new Webhook(secret).sign(id, now, body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response.body()).get("status").asInt()).isEqualTo(status);
    }
}
