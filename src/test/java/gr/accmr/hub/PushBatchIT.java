package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * IRC sends many translated notices in one signed request: all of them are on Kafka when 202 comes
 * back, in the order given, a retry is a duplicate, and one bad notice refuses the whole batch.
 */
class PushBatchIT extends HubITSupport {

    private static final String NOTICE = """
            {"externalId": "%s", "kind": "notice", "publishedAt": "2026-12-01T09:00:00Z",
             "translations": {
               "en": {"title": "%s", "bodyHtml": "<p>Bring your <b>papers</b>.</p><script>x()</script>"},
               "ar": {"title": "مركز التسجيل", "bodyText": "أحضر أوراقك."}}}
            """;

    @Test
    void acceptsEveryNoticeOfABatchOnlyOnceKafkaHasThemAllAndAnswersARetryAsADuplicate() {
        String webhookId = "msg_" + UUID.randomUUID();
        String body = batch(
                NOTICE.formatted("batch-a-1", "Registration centre opens"),
                NOTICE.formatted("batch-a-2", "Clinic hours"),
                NOTICE.formatted("batch-a-3", "Language classes"));

        HttpResponse<String> response = SignedPush.batch(port, "irc-api", PUSH_SECRET, webhookId, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json(response.body());
        assertThat(texts(answer.get("noticeIds")))
                .containsExactly("irc-api:batch-a-1", "irc-api:batch-a-2", "irc-api:batch-a-3");
        assertThat(answer.get("duplicate").asBoolean()).isFalse();
        // Accepted means on Kafka: every raw record is there the moment 202 came back.
        assertThat(records("hub.inbound.raw", "irc-api:batch-a-")).hasSize(3);

        HttpResponse<String> retry = SignedPush.batch(port, "irc-api", PUSH_SECRET, webhookId, body);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(json(retry.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(records("hub.inbound.raw", "irc-api:batch-a-")).hasSize(3);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode notice =
                    getJson("/api/v1/archive/notices/irc-api:batch-a-3").get("notice");
            assertThat(notice.at("/translations/en/title").asText()).isEqualTo("Language classes");
            assertThat(notice.at("/translations/en/bodyHtml").asText())
                    .contains("<b>papers</b>")
                    .doesNotContain("script");
            assertThat(notice.at("/translations/ar/dir").asText()).isEqualTo("rtl");
        });
    }

    @Test
    void appliesTwoVersionsOfOneNoticeInOneBatchInTheOrderGiven() {
        String body = batch(
                NOTICE.formatted("batch-twice", "Office moves on Monday"),
                NOTICE.formatted("batch-twice", "Office moves on Tuesday"));

        HttpResponse<String> response =
                SignedPush.batch(port, "irc-api", PUSH_SECRET, "msg_" + UUID.randomUUID(), body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        // The later one wins; normalize may fold both into one version when they share its batch.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode history = getJson("/api/v1/archive/notices/irc-api:batch-twice");
            assertThat(history.at("/notice/translations/en/title").asText()).isEqualTo("Office moves on Tuesday");
            assertThat(http("/site/en/irc-api/batch-twice.html", false).body())
                    .contains("Office moves on Tuesday")
                    .doesNotContain("Office moves on Monday");
        });
    }

    @Test
    void refusesTheWholeBatchForOneBadNoticeAndSaysWhichAndWhy() {
        String bad = batch(
                NOTICE.formatted("batch-bad-1", "Fine"),
                NOTICE.formatted("batch-bad-2", "Wrong kind").replace("\"notice\"", "\"rumour\""),
                "\"not a notice\"");

        HttpResponse<String> invalid = SignedPush.batch(port, "irc-api", PUSH_SECRET, "msg_" + UUID.randomUUID(), bad);

        assertProblem(invalid, 422);
        assertThat(texts(json(invalid.body()).get("errors").findValues("pointer")))
                .contains("/notices/1/kind", "/notices/2");
        assertThat(records("hub.inbound.raw", "irc-api:batch-bad-")).isEmpty();

        assertProblem(SignedPush.batch(port, "irc-api", PUSH_SECRET, "msg_" + UUID.randomUUID(), batch()), 422);
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= 500; i++) {
            many.add("{\"externalId\": \"batch-many-" + i + "\", \"translations\": {\"en\": {\"title\": \"t\"}}}");
        }
        HttpResponse<String> tooMany = SignedPush.batch(
                port, "irc-api", PUSH_SECRET, "msg_" + UUID.randomUUID(), batch(many.toArray(String[]::new)));
        assertProblem(tooMany, 422);
        assertThat(json(tooMany.body()).get("detail").asText()).contains("1 to 500", "501");
        assertProblem(
                SignedPush.batch(
                        port,
                        "irc-api",
                        PUSH_SECRET,
                        "msg_" + UUID.randomUUID(),
                        NOTICE.formatted("batch-single", "One")),
                400);
        assertProblem(
                SignedPush.batch(
                        port,
                        "irc-api",
                        "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]),
                        "msg_" + UUID.randomUUID(),
                        batch(NOTICE.formatted("batch-unsigned", "Nobody's"))),
                401);
        assertThat(records("hub.inbound.raw", "irc-api:batch-many-")).isEmpty();
    }

    private static String batch(String... notices) {
        return "{\"notices\": [" + String.join(",", notices) + "]}";
    }

    private static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> texts = new ArrayList<>();
        nodes.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
}
