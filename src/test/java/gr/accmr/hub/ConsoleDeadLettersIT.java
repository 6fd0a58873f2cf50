package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dead letters page: every role reads the list and a letter's escaped payload; only operators
 * replay or discard, each after a confirmation, and every action lands in the audit log.
 */
class ConsoleDeadLettersIT extends HubITSupport {

    @Test
    void showsALetterEscapedAndLetsOnlyOperatorsActOnIt() {
        String partner = "page-dlq-" + UUID.randomUUID().toString().substring(0, 8);
        send(DeadLetterFixture.raw(
                partner,
                partner + ":poison",
                "garbage \u0001 <script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)));
        long id = letterOf(partner);

        ConsoleSession reader = new ConsoleSession(port);
        reader.signIn("reader", OPERATOR_PASSWORD);
        HttpResponse<String> list = reader.get("/console/dead-letters?partner=" + partner);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .contains("data-id=\"" + id + "\"", "normalize.notices", "not a readable feed entry")
                .contains("href=\"/console/dead-letters\"")
                // A viewer is offered no action.
                .doesNotContain("replay-all");
        assertThat(reader.get("/console/dead-letters?partner=" + partner + "&reason=no-such-reason")
                        .body())
                .doesNotContain("data-id=\"" + id + "\"");
        HttpResponse<String> detail = reader.get("/console/dead-letters/" + id);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "\\x01", "hub.error.stage")
                .doesNotContain("<script>alert(1)", "action replay");
        for (String action : new String[] {"/replay", "/discard"}) {
            assertThat(reader.get("/console/dead-letters/" + id + action).statusCode())
                    .as(action)
                    .isEqualTo(403);
            assertThat(reader.submit("/console/dead-letters", "/console/dead-letters/" + id + action, Map.of())
                            .statusCode())
                    .as(action)
                    .isEqualTo(403);
        }
        assertThat(reader.submit("/console/dead-letters", "/console/dead-letters/replay", Map.of("partner", partner))
                        .statusCode())
                .isEqualTo(403);
        assertThat(new ConsoleSession(port).get("/console/dead-letters").statusCode())
                .isEqualTo(302);

        ConsoleSession operator = new ConsoleSession(port);
        operator.signIn("operator", OPERATOR_PASSWORD);
        assertThat(operator.get("/console/dead-letters/" + id).body()).contains("action replay", "action discard");
        HttpResponse<String> question = operator.get("/console/dead-letters/" + id + "/replay");
        assertThat(question.statusCode()).isEqualTo(200);
        assertThat(question.body())
                .contains("Replay dead letter " + id + " into the stage normalize.notices?")
                .contains("action=\"/console/dead-letters/" + id + "/replay\"");

        // Still garbage: replayed, it fails again and stays open, saying why.
        HttpResponse<String> replayed = operator.submit(
                "/console/dead-letters/" + id + "/replay", "/console/dead-letters/" + id + "/replay", Map.of());
        assertThat(replayed.statusCode()).isEqualTo(302);
        assertThat(replayed.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/console/dead-letters/" + id));
        assertThat(operator.get("/console/dead-letters/" + id).body())
                .contains("Dead letter " + id + " failed again and stays open")
                .contains("class=\"letter-status badge status-open\"");

        HttpResponse<String> discarded = operator.submit(
                "/console/dead-letters/" + id + "/discard", "/console/dead-letters/" + id + "/discard", Map.of());
        assertThat(discarded.statusCode()).isEqualTo(302);
        assertThat(operator.get("/console/dead-letters/" + id).body())
                .contains("Dead letter " + id + " was discarded.", "class=\"letter-status badge status-discarded\"")
                .doesNotContain("action replay");
        // Once only: a second discard changes nothing and says so.
        operator.submit("/console/dead-letters/" + id, "/console/dead-letters/" + id + "/discard", Map.of());
        assertThat(operator.get("/console/dead-letters/" + id).body()).contains("is no longer open");

        JsonNode audit = json(request("GET", "/api/v1/admin/audit?limit=20", "admin", ADMIN_PASSWORD, null)
                .body());
        assertThat(audit.findValues("target")).extracting(JsonNode::asText).contains("dead-letter:" + id);
        assertThat(audit.findValues("outcome"))
                .extracting(JsonNode::asText)
                .contains("failed", "discarded", "conflict");
    }

    @Test
    void replaysEveryOpenLetterMatchingTheFilterAfterAskingHowMany() {
        String partner = "page-all-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 2; i++) {
            send(DeadLetterFixture.raw(partner, partner + ":" + i, "not a feed".getBytes(StandardCharsets.UTF_8)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> openLetters(partner) == 2);
        ConsoleSession operator = new ConsoleSession(port);
        operator.signIn("operator", OPERATOR_PASSWORD);
        assertThat(operator.get("/console/dead-letters?partner=" + partner).body())
                .contains("href=\"/console/dead-letters/replay?partner=" + partner + "&amp;status=open\"");

        HttpResponse<String> question = operator.get("/console/dead-letters/replay?partner=" + partner);
        assertThat(question.body())
                .contains("Replay the 2 open dead letters matching the filter")
                .contains("name=\"partner\" value=\"" + partner + "\"");
        HttpResponse<String> replayed = operator.submit(
                "/console/dead-letters/replay?partner=" + partner,
                "/console/dead-letters/replay",
                Map.of("partner", partner));

        assertThat(replayed.statusCode()).isEqualTo(302);
        String back = java.net
                .URI
                .create(replayed.headers().firstValue("Location").orElseThrow())
                .getRawPath();
        assertThat(back).isEqualTo("/console/dead-letters");
        assertThat(operator.get(back + "?partner=" + partner + "&status=open").body())
                .contains("Replayed 0, failed again 2, no longer open 0.");
    }

    private long letterOf(String partner) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> json(request(
                                                "GET",
                                                "/api/v1/admin/dead-letters?partner=" + partner,
                                                "admin",
                                                ADMIN_PASSWORD,
                                                null)
                                        .body())
                                .path("letters")
                                .path(0)
                                .path("id")
                                .asLong(),
                        found -> found > 0);
    }

    private long openLetters(String partner) {
        return json(request("GET", "/api/v1/admin/dead-letters?partner=" + partner, "admin", ADMIN_PASSWORD, null)
                        .body())
                .path("total")
                .asLong();
    }
}
