package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.notice.RawHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** After a fix to normalization, an operator re-runs it for one partner; only changed output gets a version. */
class ReprocessingIT extends HubITSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void republishesOnlyTheNoticesWhoseNormalizedOutputChanged() {
        // A partner of its own, so no other test sees its extra version.
        for (String id : new String[] {"eccar-1", "eccar-2"}) {
            send(raw("reprocessed:" + id, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <rss version="2.0"><channel><title>ECCAR</title><link>https://example.org/</link>
                    <description>d</description><language>fr</language>
                    <item><title>Réunion %s</title><guid>%s</guid><description>Texte.</description></item>
                    </channel></rss>
                    """.formatted(id, id)));
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices?partner=reprocessed"))
                        .hasSize(2));
        // As if an older normalization had produced something else for this notice.
        jdbc.update("""
                UPDATE normalize_notice_state SET content_hash = 'sha256:before-the-fix',
                    notice = jsonb_set(notice, '{translations,fr,title}', '"Reunion mal lue"')
                WHERE notice_id = ?
                """, "reprocessed:eccar-1");

        var started = postJson(
                "/api/v1/admin/reprocess",
                "{\"partner\": \"reprocessed\", \"from\": \"2000-01-01T00:00:00Z\", \"to\": \"" + Instant.now()
                        + "\"}");
        assertThat(started.statusCode()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> getJson(location).get("state").asText().equals("done"));
        JsonNode job = getJson(location);
        assertThat(job.get("matched").asLong()).isEqualTo(2);
        assertThat(job.get("republished").asLong()).isEqualTo(1);
        assertThat(job.get("unchanged").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices/reprocessed:eccar-1")
                                .get("versions"))
                        .hasSize(2));
        assertThat(getJson("/api/v1/archive/notices/reprocessed:eccar-2").get("versions"))
                .hasSize(1);
    }

    @Test
    void neverBringsBackOlderContentWhenTheRangeEndsBeforeANoticesLatestRecord() {
        String feed = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>ECCAR</title><link>https://example.org/</link>
                <description>d</description><language>fr</language>
                <item><title>Réunion %s</title><guid>eccar-9</guid><description>Texte %s.</description></item>
                </channel></rss>
                """;
        Instant hourAgo = Instant.now().minusSeconds(3600);
        send(raw("replayed", "replayed:eccar-9", feed.formatted("prévue", "ancien"), hourAgo));
        send(raw("replayed", "replayed:eccar-9", feed.formatted("déplacée", "nouveau"), Instant.now()));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(getJson("/api/v1/archive/notices/replayed:eccar-9")
                                .at("/notice/translations/fr/title")
                                .asText())
                        .isEqualTo("Réunion déplacée"));

        var started = postJson(
                "/api/v1/admin/reprocess",
                "{\"partner\": \"replayed\", \"from\": \"2000-01-01T00:00:00Z\", \"to\": \"" + hourAgo.plusSeconds(60)
                        + "\"}");
        String location = started.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> getJson(location).get("state").asText().equals("done"));

        JsonNode job = getJson(location);
        assertThat(job.get("matched").asLong()).isEqualTo(1);
        assertThat(job.get("unchanged").asLong()).isEqualTo(1);
        JsonNode archived = getJson("/api/v1/archive/notices/replayed:eccar-9");
        assertThat(archived.at("/notice/translations/fr/title").asText()).isEqualTo("Réunion déplacée");
        assertThat(archived.get("versions")).hasSize(2);
    }

    @Test
    void refusesABackwardsRangeAndAnonymousCallers() {
        var backwards = postJson(
                "/api/v1/admin/reprocess",
                "{\"partner\": \"reprocessed\", \"from\": \"2026-02-01T00:00:00Z\", \"to\": \"2026-01-01T00:00:00Z\"}");
        assertThat(backwards.statusCode()).isEqualTo(422);
        assertThat(http("/api/v1/admin/reprocess/nope", false).statusCode()).isEqualTo(401);
        assertThat(http("/api/v1/admin/reprocess/nope", true).statusCode()).isEqualTo(404);
    }

    private static ProducerRecord<String, byte[]> raw(String key, String feed) {
        return raw("reprocessed", key, feed, Instant.now());
    }

    private static ProducerRecord<String, byte[]> raw(String partner, String key, String feed, Instant at) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                "hub.inbound.raw", null, at.toEpochMilli(), key, feed.getBytes(StandardCharsets.UTF_8));
        Map.of(
                        RawHeaders.PARTNER,
                        partner,
                        RawHeaders.SOURCE,
                        "partner." + partner,
                        RawHeaders.CONTENT_TYPE,
                        RawHeaders.FEED_ENTRY,
                        RawHeaders.RECEIVED_AT,
                        at.toString())
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
