package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Operators find dead letters, read them safely, replay them into exactly the stage they failed
 * in (once), and discard them; every action is in the audit log.
 */
class DeadLetterOperationsIT extends HubITSupport {

    private static final String ENTRY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>IOM Greece</title><link>https://example.org/</link>
            <description>d</description><language>en</language>
            <item><title>%s</title><guid>%s</guid>
            <description>Registration for the language course opens on Monday.</description></item>
            </channel></rss>
            """;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void listsShowsRefusesToReplayAndDiscardsAPoisonRecord() {
        byte[] poison = "garbage \u0001 <script>alert(1)</script> <<<".getBytes(StandardCharsets.UTF_8);
        send(raw("dlq-ops:poison-1", poison));

        JsonNode letter = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> admin("GET", "/api/v1/admin/dead-letters?partner=dlq-ops&stage=normalize.notices", null)
                                .path("letters")
                                .path(0),
                        node -> !node.isMissingNode());
        assertThat(letter.path("stage").asText()).isEqualTo("normalize.notices");
        assertThat(letter.path("partner").asText()).isEqualTo("dlq-ops");
        assertThat(letter.path("status").asText()).isEqualTo("open");
        assertThat(letter.path("reason").asText()).contains("not a readable feed entry");
        long id = letter.path("id").asLong();

        JsonNode filteredOut = admin("GET", "/api/v1/admin/dead-letters?partner=dlq-ops&reason=no-such-reason", null);
        assertThat(filteredOut.path("total").asLong()).isZero();

        JsonNode shown = admin("GET", "/api/v1/admin/dead-letters/" + id, null);
        assertThat(shown.at("/headers/hub.error.stage").asText()).isEqualTo("normalize.notices");
        assertThat(shown.at("/headers/" + RawHeaders.PARTNER.replace("/", "~1")).asText())
                .isEqualTo("dlq-ops");
        assertThat(shown.path("preview").asText()).contains("\\x01").doesNotContain("\u0001");

        // Still garbage: the replay fails again and the letter stays open with the reason.
        HttpResponse<String> again =
                request("POST", "/api/v1/admin/dead-letters/" + id + "/replay", "operator", OPERATOR_PASSWORD, null);
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(admin("GET", "/api/v1/admin/dead-letters/" + id, null)
                        .at("/letter/status")
                        .asText())
                .isEqualTo("open");

        assertThat(request("DELETE", "/api/v1/admin/dead-letters/" + id, "operator", OPERATOR_PASSWORD, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(request("DELETE", "/api/v1/admin/dead-letters/" + id, "operator", OPERATOR_PASSWORD, null)
                        .statusCode())
                .isEqualTo(409);
        assertThat(admin("GET", "/api/v1/admin/dead-letters?partner=dlq-ops&status=discarded", null)
                        .path("total")
                        .asLong())
                .isEqualTo(1);

        JsonNode audit = admin("GET", "/api/v1/admin/audit?limit=20", null);
        assertThat(audit.findValues("target")).extracting(JsonNode::asText).contains("dead-letter:" + id);
        assertThat(audit.findValues("outcome"))
                .extracting(JsonNode::asText)
                .contains("failed", "discarded", "conflict");
        assertThat(audit.findValues("actor")).extracting(JsonNode::asText).contains("operator");
    }

    @Test
    void replaysAChannelsDeadLetterIntoThatChannelOnlyAndOnlyOnce() throws Exception {
        // A real notice, made by the hub from a feed entry.
        send(raw("dlq-ops:good-1", ENTRY.formatted("Language course", "good-1").getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> records("hub.notices", "dlq-ops:good-1").size() == 1);
        ConsumerRecord<String, byte[]> published =
                records("hub.notices", "dlq-ops:good-1").get(0);

        // The same notice under another id, as if the archive had failed on it (a bug since fixed).
        ProducerRecord<String, byte[]> letter =
                DeadLetterFixture.archiveLetter(published, "dlq-ops:replayed-1", "dlq-ops", 987654321);
        send(letter);

        long id = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> admin("GET", "/api/v1/admin/dead-letters?stage=fanout.archive&partner=dlq-ops", null)
                                .path("letters")
                                .path(0)
                                .path("id")
                                .asLong(),
                        found -> found > 0);

        // A user without the operator role may not replay.
        assertThat(request("POST", "/api/v1/admin/dead-letters/" + id + "/replay", "reader", OPERATOR_PASSWORD, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(request("GET", "/api/v1/admin/dead-letters", null, "", null).statusCode())
                .isEqualTo(401);

        HttpResponse<String> replayed =
                request("POST", "/api/v1/admin/dead-letters/" + id + "/replay", "operator", OPERATOR_PASSWORD, null);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(getJson("/api/v1/archive/notices/dlq-ops:replayed-1")
                        .at("/notice/id")
                        .asText())
                .isEqualTo("dlq-ops:replayed-1");
        // Only the channel that failed: the mobile feed and the website never saw it.
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM mobile_feed_item WHERE notice_id = 'dlq-ops:replayed-1'", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM website_notice WHERE notice_id = 'dlq-ops:replayed-1'", Long.class))
                .isZero();

        // Twice is once.
        assertThat(request("POST", "/api/v1/admin/dead-letters/" + id + "/replay", "operator", OPERATOR_PASSWORD, null)
                        .statusCode())
                .isEqualTo(409);
        JsonNode all = NoticeJson.mapper()
                .readTree(request(
                                "POST",
                                "/api/v1/admin/dead-letters/replay",
                                "operator",
                                OPERATOR_PASSWORD,
                                "{\"partner\":\"dlq-ops\",\"stage\":\"fanout.archive\"}")
                        .body());
        assertThat(all.path("replayed").asInt()).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM archive_notice_version WHERE notice_id = 'dlq-ops:replayed-1'",
                        Long.class))
                .isEqualTo(1);
        assertThat(admin("GET", "/api/v1/admin/dead-letters/" + id, null)
                        .at("/letter/status")
                        .asText())
                .isEqualTo("replayed");
    }

    private JsonNode admin(String method, String path, String json) {
        HttpResponse<String> response = request(method, path, "admin", ADMIN_PASSWORD, json);
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    private static ProducerRecord<String, byte[]> raw(String key, byte[] value) {
        return DeadLetterFixture.raw("dlq-ops", key, value);
    }
}
